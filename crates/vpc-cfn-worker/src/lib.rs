//! The message protocol of the template worker, kept free of browser types so that it is
//! tested natively.
//!
//! Request (a JSON string): `{"text": TEMPLATE, "params": {"Name": "Value", …},
//! "strict_params": BOOL}` (`strict_params` optional, default false: parameters without a
//! value get stand-ins, listed in the report).
//! Reply (a JSON string), on success: `{"ok": true, "design": EXPORT_JSON, "report": REPORT}`
//! where `EXPORT_JSON` is the design in the export envelope, read by the app through
//! `vpc_engine::model::load` like any design file, and `REPORT` is [`vpc_cfn::Report`]
//! (its `parameters` carry what the dialog's fields need: type, allowed values, `no_echo`,
//! the value used — `****` for NoEcho — and whether it was assumed).
//! On failure: `{"ok": false, "message": TEXT, "line": N|null, "column": N|null,
//! "parameter": NAME|null, "needed": [{"name", "type", "description", "allowed"}]}`;
//! `parameter` names the parameter whose given value was refused, so the message goes
//! beside its field; `needed` lists (with `strict_params`) the parameters without a value.

use serde_json::{json, Value};

/// Handles one request; never panics, whatever the input.
pub fn handle(request: &str) -> String {
    let reply = match serde_json::from_str::<Value>(request) {
        Ok(req) => {
            let text = req.get("text").and_then(Value::as_str).unwrap_or_default();
            let params: Vec<(String, String)> = req
                .get("params")
                .and_then(Value::as_object)
                .map(|m| {
                    m.iter()
                        .filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_owned())))
                        .collect()
                })
                .unwrap_or_default();
            let options = vpc_cfn::Options {
                strict_params: req.get("strict_params").and_then(Value::as_bool).unwrap_or(false),
            };
            import(text, &params, options)
        }
        Err(e) => json!({ "ok": false, "message": format!("bad request: {e}"), "needed": [] }),
    };
    reply.to_string()
}

fn import(text: &str, params: &[(String, String)], options: vpc_cfn::Options) -> Value {
    match vpc_cfn::import_with(text, params, options) {
        Ok(i) => json!({
            "ok": true,
            "design": i.document.to_export_json(),
            "report": i.report,
        }),
        Err(e) => {
            let needed = match &e.kind {
                vpc_cfn::ErrorKind::MissingParameters(p) => json!(p),
                _ => json!([]),
            };
            let parameter = match &e.kind {
                vpc_cfn::ErrorKind::BadParameterValue { name, .. }
                | vpc_cfn::ErrorKind::UnknownParameter { name, .. } => Some(name.clone()),
                _ => None,
            };
            json!({
                "ok": false,
                "message": e.to_string(),
                "line": e.line,
                "column": e.column,
                "parameter": parameter,
                "needed": needed,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::handle;
    use serde_json::Value;

    fn reply(text: &str, params: &[(&str, &str)]) -> Value {
        let params: serde_json::Map<String, Value> =
            params.iter().map(|(k, v)| ((*k).to_owned(), Value::from(*v))).collect();
        let req = serde_json::json!({ "text": text, "params": params });
        serde_json::from_str(&handle(&req.to_string())).unwrap()
    }

    const TEMPLATE: &str = "Parameters:\n  Cidr: {Type: String}\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: !Ref Cidr}\n";

    #[test]
    fn a_template_becomes_a_design_the_app_loads_and_a_report() {
        let r = reply(TEMPLATE, &[("Cidr", "10.1.0.0/16")]);
        assert_eq!(r["ok"], true);
        let doc = vpc_engine::model::load(r["design"].as_str().unwrap()).unwrap();
        assert_eq!(doc.vpcs[0].cidr.as_str(), "10.1.0.0/16");
        assert_eq!(r["report"]["modelled"][0]["id"], "Vpc");
        assert_eq!(r["report"]["parameters"][0]["source"], "given");
    }

    #[test]
    fn parameters_without_a_value_are_assumed_and_reported_for_the_form() {
        let r = reply(TEMPLATE, &[]);
        assert_eq!(r["ok"], true);
        let p = &r["report"]["parameters"][0];
        assert_eq!(
            (p["name"].as_str(), p["source"].as_str()),
            (Some("Cidr"), Some("assumed"))
        );
        assert_eq!(
            (p["type"].as_str(), p["network"].as_bool()),
            (Some("String"), Some(true))
        );
        assert_eq!(p["value"], "10.0.0.0/16");
    }

    #[test]
    fn strict_requests_list_the_missing_parameters() {
        let req = serde_json::json!({ "text": TEMPLATE, "params": {}, "strict_params": true });
        let r: Value = serde_json::from_str(&handle(&req.to_string())).unwrap();
        assert_eq!(r["ok"], false);
        assert_eq!(r["needed"][0]["name"], "Cidr");
        assert_eq!(r["needed"][0]["type"], "String");
        assert!(r["message"].as_str().unwrap().contains("--param Cidr="));
    }

    #[test]
    fn a_refused_value_names_its_parameter() {
        let t = "Parameters:\n  Env: {Type: String, AllowedValues: [dev, prod]}\nResources:\n  Q: {Type: AWS::SQS::Queue}\n";
        let r = reply(t, &[("Env", "staging")]);
        assert_eq!(r["ok"], false);
        assert_eq!(r["parameter"], "Env");
        assert_eq!(
            r["message"],
            "parameter `Env` cannot be `staging`: allowed values are dev, prod"
        );
        assert_eq!(reply(t, &[("Nope", "x")])["parameter"], "Nope");
        assert!(reply("Resources:\n  A: !Nope x\n", &[])["parameter"].is_null());
    }

    #[test]
    fn errors_carry_line_and_column_and_bad_requests_are_answered() {
        let r = reply("Resources:\n  A: !Nope x\n", &[]);
        assert_eq!((r["line"].as_u64(), r["column"].as_u64()), (Some(2), Some(6)));
        let r: Value = serde_json::from_str(&handle("not json")).unwrap();
        assert_eq!(r["ok"], false);
    }
}

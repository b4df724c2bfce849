//! The message protocol of the template worker, kept free of browser types so that it is
//! tested natively.
//!
//! Request (a JSON string): `{"text": TEMPLATE, "params": {"Name": "Value", …}}`.
//! Reply (a JSON string), on success: `{"ok": true, "design": EXPORT_JSON, "report": REPORT}`
//! where `EXPORT_JSON` is the design in the export envelope, read by the app through
//! `vpc_engine::model::load` like any design file, and `REPORT` is [`vpc_cfn::Report`].
//! On failure: `{"ok": false, "message": TEXT, "line": N|null, "column": N|null,
//! "needed": [{"name", "type", "description", "allowed"}]}`; `needed` lists the parameters
//! without a default that the person must give.

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
            import(text, &params)
        }
        Err(e) => json!({ "ok": false, "message": format!("bad request: {e}"), "needed": [] }),
    };
    reply.to_string()
}

fn import(text: &str, params: &[(String, String)]) -> Value {
    match vpc_cfn::import(text, params) {
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
            json!({
                "ok": false,
                "message": e.to_string(),
                "line": e.line,
                "column": e.column,
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
    fn missing_parameters_are_listed_for_the_form() {
        let r = reply(TEMPLATE, &[]);
        assert_eq!(r["ok"], false);
        assert_eq!(r["needed"][0]["name"], "Cidr");
        assert_eq!(r["needed"][0]["type"], "String");
        assert!(r["message"].as_str().unwrap().contains("--param Cidr="));
    }

    #[test]
    fn errors_carry_line_and_column_and_bad_requests_are_answered() {
        let r = reply("Resources:\n  A: !Nope x\n", &[]);
        assert_eq!((r["line"].as_u64(), r["column"].as_u64()), (Some(2), Some(6)));
        let r: Value = serde_json::from_str(&handle("not json")).unwrap();
        assert_eq!(r["ok"], false);
    }
}

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
//!
//! Terraform goes through the same worker: a `text` that is Terraform (a `.tf` file, or a plan
//! or state JSON, recognised by content) or a request with `"files": [{"path", "text"}, …]`
//! (several files or a folder: `.tf`, `.tfvars`, local modules by their relative paths) is
//! imported by `vpc_tf`; `params` are then its variables (`--var`), and the report is the
//! same shape (its `parameters` are the variables, `type: "variable"`).

use serde_json::{json, Value};

/// Which importer a request is for: a CloudFormation/SAM template or Terraform. Each worker
/// binary links one (the template worker has no HCL parser, the Terraform one no YAML reader),
/// so a reader fetches only the one it uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Importers {
    Template,
    Terraform,
    /// Both (native tests, and any host without the split).
    Both,
}

/// The `template-worker`'s handler: CloudFormation and SAM templates.
pub fn handle_template(request: &str) -> String {
    handle_with(request, Importers::Template)
}

/// The `terraform-worker`'s handler: Terraform source, plans and states.
pub fn handle_terraform(request: &str) -> String {
    handle_with(request, Importers::Terraform)
}

/// Handles one request with either importer, by its content; never panics, whatever the input.
pub fn handle(request: &str) -> String {
    handle_with(request, Importers::Both)
}

/// The message loop of a worker binary: answers each request with `handler`, after
/// announcing itself with `"ready"` once its handler is installed (messages sent before that
/// would be lost).
#[cfg(target_arch = "wasm32")]
pub fn serve(handler: fn(&str) -> String) {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let onmessage = Closure::<dyn Fn(MessageEvent)>::new(move |msg: MessageEvent| {
        let request = msg.data().as_string().unwrap_or_default();
        let reply = handler(&request);
        // A failed post cannot be reported anywhere: the page is gone.
        let _ = reply_to.post_message(&JsValue::from_str(&reply));
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

fn handle_with(request: &str, importers: Importers) -> String {
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
            let files: Vec<(String, String)> = req
                .get("files")
                .and_then(Value::as_array)
                .map(|list| {
                    list.iter()
                        .filter_map(|f| {
                            Some((f.get("path")?.as_str()?.to_owned(), f.get("text")?.as_str()?.to_owned()))
                        })
                        .collect()
                })
                .unwrap_or_default();
            let is_terraform = !files.is_empty()
                || ((vpc_tf::looks_like_plan(text) || vpc_tf::looks_like_terraform(text))
                    && !vpc_cfn::looks_like_template(text));
            let files = if files.is_empty() {
                vec![("main.tf".to_owned(), text.to_owned())]
            } else {
                files
            };
            match importers {
                Importers::Terraform => terraform(files, params),
                Importers::Both if is_terraform => terraform(files, params),
                _ => import(text, &params, options),
            }
        }
        Err(e) => json!({ "ok": false, "message": format!("bad request: {e}"), "needed": [] }),
    };
    reply.to_string()
}

/// A Terraform configuration (or plan) with its variables; errors say file:line:col.
fn terraform(files: Vec<(String, String)>, vars: Vec<(String, String)>) -> Value {
    let input = vpc_tf::Input {
        files,
        vars,
        var_files: vec![],
    };
    match vpc_tf::import(&input) {
        Ok(i) => json!({
            "ok": true,
            "design": i.document.to_export_json(),
            "report": i.report,
        }),
        Err(e) => json!({
            "ok": false,
            "message": e.to_string(),
            "line": e.origin.as_ref().map(|o| o.line),
            "column": e.origin.as_ref().map(|o| o.column),
            "parameter": null,
            "needed": [],
        }),
    }
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

    const TF_PUBLIC: &str = r#"
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.main.id
}
resource "aws_subnet" "public" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = var.public_cidr
  availability_zone       = "us-east-1a"
  map_public_ip_on_launch = true
}
resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
}
resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}
resource "aws_security_group" "fn" {
  vpc_id = aws_vpc.main.id
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::123456789012:role/api"
  vpc_config {
    subnet_ids         = [aws_subnet.public.id]
    security_group_ids = [aws_security_group.fn.id]
  }
}
variable "public_cidr" {
  type    = string
  default = "10.0.1.0/24"
}
"#;

    #[test]
    fn terraform_text_and_files_are_imported_with_their_variables() {
        let r = reply(TF_PUBLIC, &[("public_cidr", "10.0.9.0/24")]);
        assert_eq!(r["ok"], true, "{r}");
        assert_eq!(r["report"]["format"], "terraform");
        let design = r["design"].as_str().unwrap();
        let doc = vpc_engine::model::load(design).unwrap();
        let subnet = doc
            .subnets
            .iter()
            .find(|s| s.id.as_str() == "aws_subnet.public")
            .unwrap();
        assert_eq!(subnet.cidr.0, "10.0.9.0/24", "the variable given replaces the default");
        // A Lambda ENI never has a public IP: in the public subnet it has no internet (L6).
        let a = vpc_engine::analyze(&doc);
        let v = a
            .verdicts
            .iter()
            .find(|v| v.from.key() == "aws_lambda_function.api" && v.to.key() == "internet")
            .unwrap();
        assert_eq!(v.reach, vpc_engine::reach::Reach::Unreachable);
        assert!(
            v.explanations.iter().any(|e| e.code().starts_with("L6")),
            "{:?}",
            v.explanations
        );

        // Several files, a local module among them.
        let req = serde_json::json!({ "files": [
            { "path": "main.tf", "text": "module \"net\" {\n  source = \"./modules/net\"\n}\n" },
            { "path": "modules/net/main.tf", "text": "resource \"aws_vpc\" \"v\" {\n  cidr_block = \"10.1.0.0/16\"\n}\n" },
        ]});
        let r: Value = serde_json::from_str(&handle(&req.to_string())).unwrap();
        assert_eq!(r["ok"], true, "{r}");
        let doc = vpc_engine::model::load(r["design"].as_str().unwrap()).unwrap();
        assert!(doc.vpcs.iter().any(|v| v.id.as_str() == "module.net.aws_vpc.v"));

        // A syntax error says where.
        let r = reply("resource \"aws_vpc\" \"v\" {\n  cidr_block = \n", &[]);
        assert_eq!(r["ok"], false);
        assert!(r["message"].as_str().unwrap().starts_with("main.tf:"), "{r}");
        assert!(r["line"].is_number());
    }

    #[test]
    fn each_worker_binary_reads_with_its_own_importer() {
        let req = serde_json::json!({ "text": TF_PUBLIC, "params": {} }).to_string();
        let tf: Value = serde_json::from_str(&super::handle_terraform(&req)).unwrap();
        assert_eq!(tf["report"]["format"], "terraform", "{tf}");
        // The template worker has no Terraform reader: the text is not a template to it.
        let cfn: Value = serde_json::from_str(&super::handle_template(&req)).unwrap();
        assert_eq!(cfn["ok"], false, "{cfn}");
        let req = serde_json::json!({ "text": TEMPLATE, "params": {"Cidr": "10.0.0.0/16"} }).to_string();
        let cfn: Value = serde_json::from_str(&super::handle_template(&req)).unwrap();
        assert_eq!(cfn["ok"], true, "{cfn}");
    }
}

//! The template worker's messages, as plain data: the request the dialog sends and the reply
//! it reads. No browser types, so native tests cover it.

use crate::autolayout;
use crate::state::Action;
use serde_json::Value;
use std::rc::Rc;
use vpc_engine::model::Document;

/// A parameter without a default that the person must give.
#[derive(Clone, Debug, PartialEq)]
pub struct Needed {
    pub name: String,
    pub ty: String,
    pub description: String,
    pub allowed: Vec<String>,
}

/// A template parameter as the dialog shows it: a field the person can change.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub name: String,
    pub ty: String,
    pub description: String,
    pub allowed: Vec<String>,
    /// Never shown in clear: the field is a password field and starts empty.
    pub no_echo: bool,
    /// The value the import used (`****` for NoEcho).
    pub value: String,
    /// `default`, `given`, `outside` or `assumed`.
    pub source: String,
    /// Whether a network value depends on it (only then can it change a verdict).
    pub network: bool,
    /// For `assumed`: how the stand-in was chosen, in English.
    pub why: String,
}

/// One line of the report: an id, its type or kind, and a detail.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub id: String,
    pub kind: String,
    /// In English, from the importer.
    pub detail: String,
    /// What the detail says, for a translation (`not_network`, `condition`, `parameter`,
    /// `import`, `literal`), and the name it mentions.
    pub code: String,
    pub name: String,
}

/// A successful import: the design, laid out, and the report.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub doc: Rc<Document>,
    pub modelled: Vec<Line>,
    pub not_modelled: Vec<Line>,
    pub skipped: Vec<Line>,
    /// Every parameter, with the value used and where it came from.
    pub parameters: Vec<Field>,
    pub outside: Vec<Line>,
    /// Resources the SAM transform generates (id, type, and the SAM resource as `detail`).
    pub generated: Vec<Line>,
    pub notes: Vec<String>,
    /// YAML read leniently, as CloudFormation reads it.
    pub warnings: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Reply {
    Imported(Rc<Imported>),
    Failed {
        message: String,
        line: Option<u64>,
        column: Option<u64>,
        /// The parameter whose value was refused: the message goes beside its field.
        parameter: Option<String>,
        needed: Vec<Needed>,
    },
}

/// The request for the worker: the template text and the parameter values given so far.
/// Written by hand: a JSON serializer for maps would be new code in the app's download.
pub fn request(text: &str, files: &[(String, String)], params: &[(String, String)]) -> String {
    use crate::persist::json::quote;
    let params: Vec<String> = params
        .iter()
        .map(|(k, v)| format!("{}:{}", quote(k), quote(v)))
        .collect();
    let files: Vec<String> = files
        .iter()
        .map(|(p, t)| format!("{{\"path\":{},\"text\":{}}}", quote(p), quote(t)))
        .collect();
    format!(
        "{{\"text\":{},\"files\":[{}],\"params\":{{{}}}}}",
        quote(text),
        files.join(","),
        params.join(",")
    )
}

/// The files of a Terraform configuration among those chosen or dropped: `.tf` and `.tfvars`
/// (a plan JSON is one file, read as text), by their path inside the chosen folder (its own
/// name taken off, so the root module's files have none), `.terraform/` and hidden folders
/// left out as `terraform` itself skips them.
pub fn terraform_files<T>(chosen: Vec<(String, T)>) -> Vec<(String, T)> {
    let top = |p: &str| p.split_once('/').map(|(t, _)| t.to_owned());
    let one_folder = chosen.iter().map(|(p, _)| top(p)).collect::<Vec<_>>();
    let strip = one_folder
        .first()
        .cloned()
        .flatten()
        .filter(|t| one_folder.iter().all(|x| x.as_deref() == Some(t)));
    let mut out: Vec<(String, T)> = chosen
        .into_iter()
        .map(|(p, t)| match &strip {
            Some(top) => (p[top.len() + 1..].to_owned(), t),
            None => (p, t),
        })
        .filter(|(p, _)| {
            let hidden = p.split('/').any(|seg| seg.starts_with('.'));
            !hidden && (p.ends_with(".tf") || p.ends_with(".tfvars"))
        })
        .collect();
    // The engine's one sort routine: a std sort on a new type adds its own copy (3.6 KB).
    vpc_engine::order::sort_by(&mut out, |a, b| a.0.cmp(&b.0));
    out
}

fn text(v: &Value, key: &str) -> String {
    v.get(key).and_then(Value::as_str).unwrap_or_default().to_owned()
}

fn lines(report: &Value, list: &str, id: &str, kind: &str, detail: &str) -> Vec<Line> {
    report
        .get(list)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|e| Line {
                    id: text(e, id),
                    kind: text(e, kind),
                    detail: text(e, detail),
                    code: text(e, if list == "outside" { "via" } else { "code" }),
                    name: text(e, "name"),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Reads the worker's reply. The design goes through `vpc_engine::model::load`, the same
/// path as any design file, and is then laid out by [`autolayout::arrange`].
pub fn parse(reply: &str) -> Reply {
    let failed = |message: String| Reply::Failed {
        message,
        line: None,
        column: None,
        parameter: None,
        needed: vec![],
    };
    let Ok(v) = serde_json::from_str::<Value>(reply) else {
        return failed("the template reader answered something unreadable".into());
    };
    if v.get("ok") != Some(&Value::Bool(true)) {
        let needed = v
            .get("needed")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|p| Needed {
                        name: text(p, "name"),
                        ty: text(p, "type"),
                        description: text(p, "description"),
                        allowed: p
                            .get("allowed")
                            .and_then(Value::as_array)
                            .map(|l| l.iter().filter_map(Value::as_str).map(str::to_owned).collect())
                            .unwrap_or_default(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        return Reply::Failed {
            message: text(&v, "message"),
            line: v.get("line").and_then(Value::as_u64),
            column: v.get("column").and_then(Value::as_u64),
            parameter: v.get("parameter").and_then(Value::as_str).map(str::to_owned),
            needed,
        };
    }
    let mut doc = match vpc_engine::model::load(v.get("design").and_then(Value::as_str).unwrap_or_default()) {
        Ok(d) => d,
        Err(e) => return failed(e.to_string()),
    };
    autolayout::arrange(&mut doc);
    let empty = Value::Null;
    let report = v.get("report").unwrap_or(&empty);
    Reply::Imported(Rc::new(Imported {
        doc: Rc::new(doc),
        modelled: lines(report, "modelled", "id", "type", "became"),
        not_modelled: lines(report, "not_modelled", "id", "type", "reason"),
        skipped: lines(report, "skipped", "id", "type", "reason"),
        parameters: report
            .get("parameters")
            .and_then(Value::as_array)
            .map(|a| a.iter().map(field).collect())
            .unwrap_or_default(),
        outside: lines(report, "outside", "id", "kind", "source"),
        generated: lines(report, "generated", "id", "type", "by"),
        notes: strings(report, "notes"),
        warnings: strings(report, "warnings"),
    }))
}

fn strings(report: &Value, key: &str) -> Vec<String> {
    report
        .get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect())
        .unwrap_or_default()
}

fn field(p: &Value) -> Field {
    let flag = |k: &str| p.get(k).and_then(Value::as_bool).unwrap_or(false);
    let no_echo = flag("no_echo");
    Field {
        name: text(p, "name"),
        ty: text(p, "type"),
        description: text(p, "description"),
        allowed: p
            .get("allowed")
            .and_then(Value::as_array)
            .map(|l| l.iter().filter_map(Value::as_str).map(str::to_owned).collect())
            .unwrap_or_default(),
        no_echo,
        // Whatever the worker sent, a NoEcho value is never kept in clear.
        value: if no_echo { "****".into() } else { text(p, "value") },
        source: text(p, "source"),
        network: flag("network"),
        why: text(p, "why"),
    }
}

/// Opens an imported design as a new design of "My designs", so that the design on the
/// canvas stays as it was (and a refusal to store it says why and changes nothing).
pub fn open(dispatch: &yew::Callback<Action>, doc: &Document) {
    crate::arrivals::show(
        dispatch,
        crate::transfer::add_new(&mut crate::persist::Local, doc.clone(), crate::persist::Source::Pasted),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = include_str!("../../crates/vpc-cfn/tests/templates/sam-public-subnet.yaml");

    #[test]
    fn a_worker_reply_becomes_a_laid_out_design_and_its_report() {
        let reply = vpc_cfn_worker_reply(TEMPLATE, &[]);
        let Reply::Imported(i) = parse(&reply) else {
            panic!("imported")
        };
        assert_eq!(i.doc.functions[0].id.as_str(), "OrdersFunction");
        assert!(i.doc.components().all(|(id, _)| i.doc.layout.contains_key(id)));
        assert_eq!(i.not_modelled[0].id, "OrdersApi");
        assert_eq!(i.not_modelled[0].kind, "AWS::Serverless::Api");
        assert_eq!(i.not_modelled[0].code, "not_network", "said in the reader's language");
        assert!(i
            .modelled
            .iter()
            .any(|l| l.id == "PublicSubnetA" && l.detail == "subnet"));
    }

    #[test]
    fn parameters_without_a_value_come_back_assumed_as_fields() {
        let t = "Parameters:\n  Env: {Type: String, AllowedValues: [dev, prod], Description: Stage}\n  Pw: {Type: String, NoEcho: true}\n  Cidr: {Type: String}\nResources:\n  Q: {Type: AWS::SQS::Queue}\n  V: {Type: AWS::EC2::VPC, Properties: {CidrBlock: !Ref Cidr}}\n";
        let Reply::Imported(i) = parse(&vpc_cfn_worker_reply(t, &[])) else {
            panic!("imports")
        };
        let env = &i.parameters[0];
        assert_eq!(
            (env.name.as_str(), env.value.as_str(), env.source.as_str(), env.network),
            ("Env", "dev", "assumed", false)
        );
        assert_eq!(env.allowed, ["dev", "prod"]);
        assert_eq!(env.why, "the first of its AllowedValues");
        let pw = &i.parameters[1];
        assert!(pw.no_echo);
        assert_eq!(pw.value, "****");
        let cidr = &i.parameters[2];
        assert_eq!((cidr.value.as_str(), cidr.network), ("10.0.0.0/16", true));
        // A refused value names its parameter, so the dialog keeps the fields and puts the
        // message beside the wrong one (issue 18).
        let params = [("Env".to_owned(), "staging\"\\ \u{4e2d}".to_owned())];
        let Reply::Failed { message, parameter, .. } = parse(&vpc_cfn_worker_reply(t, &params)) else {
            panic!("not allowed")
        };
        assert_eq!(parameter.as_deref(), Some("Env"));
        assert!(
            message.contains("staging\"\\ \u{4e2d}"),
            "the value survives the hand-written JSON: {message}"
        );
        let params = [("Env".to_owned(), "prod".to_owned())];
        let Reply::Imported(i) = parse(&vpc_cfn_worker_reply(t, &params)) else {
            panic!("imports")
        };
        assert_eq!(
            (i.parameters[0].value.as_str(), i.parameters[0].source.as_str()),
            ("prod", "given")
        );
    }

    #[test]
    fn a_no_echo_value_is_masked_even_if_a_reply_carries_it() {
        let reply = r#"{"ok": true, "design": "{\"vpcs\": []}", "report": {"parameters": [
            {"name": "Pw", "type": "String", "value": "hunter22", "source": "given", "no_echo": true}]}}"#;
        let Reply::Imported(i) = parse(reply) else {
            panic!("imports")
        };
        assert_eq!(i.parameters[0].value, "****");
    }

    #[test]
    fn errors_keep_their_position_and_garbage_is_a_message() {
        let Reply::Failed { line, column, .. } = parse(&vpc_cfn_worker_reply("Resources:\n  A: !Bad x\n", &[])) else {
            panic!("fails")
        };
        assert_eq!((line, column), (Some(2), Some(6)));
        assert!(matches!(parse("}{"), Reply::Failed { .. }));
    }

    /// What the worker would answer (its protocol, run natively).
    fn vpc_cfn_worker_reply(text: &str, params: &[(String, String)]) -> String {
        vpc_cfn_worker::handle(&request(text, &[], params))
    }

    #[test]
    fn a_chosen_folder_gives_its_terraform_files_by_path_inside_it() {
        let f = |p: &str| (p.to_owned(), String::new());
        let files = terraform_files(vec![
            f("infra/main.tf"),
            f("infra/modules/net/main.tf"),
            f("infra/terraform.tfvars"),
            f("infra/.terraform/modules/x/main.tf"),
            f("infra/README.md"),
        ]);
        let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["main.tf", "modules/net/main.tf", "terraform.tfvars"]);
        // Files chosen one by one keep their names.
        let files = terraform_files(vec![f("a.tf"), f("b.tf")]);
        assert_eq!(files.len(), 2);
        let req: serde_json::Value =
            serde_json::from_str(&request("", &files, &[("env".into(), "dev".into())])).unwrap();
        assert_eq!(req["files"][1]["path"], "b.tf");
        assert_eq!(req["params"]["env"], "dev");
    }
}

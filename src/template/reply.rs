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
    /// Name, value (as `kind`) and source (`default` | `given` | `outside`, as `detail`).
    pub parameters: Vec<Line>,
    pub outside: Vec<Line>,
    pub notes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Reply {
    Imported(Rc<Imported>),
    Failed {
        message: String,
        line: Option<u64>,
        column: Option<u64>,
        needed: Vec<Needed>,
    },
}

/// The request for the worker: the template text and the parameter values given so far.
/// Written by hand: a JSON serializer for maps would be new code in the app's download.
pub fn request(text: &str, params: &[(String, String)]) -> String {
    let quote = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let params: Vec<String> = params
        .iter()
        .map(|(k, v)| format!("{}:{}", quote(k), quote(v)))
        .collect();
    format!("{{\"text\":{},\"params\":{{{}}}}}", quote(text), params.join(","))
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
        parameters: lines(report, "parameters", "name", "value", "source"),
        outside: lines(report, "outside", "id", "kind", "source"),
        notes: report
            .get("notes")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect())
            .unwrap_or_default(),
    }))
}

/// Opens an imported design as a new design of "My designs", so that the design on the
/// canvas stays as it was (and a refusal to store it says why and changes nothing).
pub fn open(dispatch: &yew::Callback<Action>, doc: &Document) {
    crate::library::show(
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
    fn missing_parameters_come_back_as_a_form() {
        let t = "Parameters:\n  Env: {Type: String, AllowedValues: [dev, prod], Description: Stage}\nResources:\n  Q: {Type: AWS::SQS::Queue}\n";
        let Reply::Failed { needed, message, .. } = parse(&vpc_cfn_worker_reply(t, &[])) else {
            panic!("fails")
        };
        assert_eq!(
            needed,
            [Needed {
                name: "Env".into(),
                ty: "String".into(),
                description: "Stage".into(),
                allowed: vec!["dev".into(), "prod".into()]
            }]
        );
        assert!(message.contains("Env"));
        let params = [("Env".to_owned(), "dev\"\\ \u{4e2d}".to_owned())];
        let Reply::Failed { message, .. } = parse(&vpc_cfn_worker_reply(t, &params)) else {
            panic!("not allowed")
        };
        assert!(
            message.contains("dev\"\\ \u{4e2d}"),
            "the value survives the hand-written JSON: {message}"
        );
        let params = [("Env".to_owned(), "dev".to_owned())];
        assert!(matches!(parse(&vpc_cfn_worker_reply(t, &params)), Reply::Imported(_)));
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
        vpc_cfn_worker::handle(&request(text, params))
    }
}

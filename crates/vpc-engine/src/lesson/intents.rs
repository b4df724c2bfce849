//! Intents: goals a pipeline checks on every change, in a file of their own.
//!
//! An intent is a [`Goal`] of the lesson goal language (the same `type`, `from`, `to`,
//! `port`, `via`, `kind`, `finding` fields) with an `id`, an optional `description` and a
//! `severity`. The file is `{"format": "vpcplay-intents", "version": 1, "intents": [...]}`
//! (`docs/intents.md`, schema in `docs/intents.schema.json`). This module reads it from a
//! JSON tree; the CLI reads YAML or JSON text into that tree and maps a field's path back to
//! its line and column.
//!
//! ```
//! use vpc_engine::lesson::{read_intents, IntentSeverity};
//!
//! let file = serde_json::json!({
//!   "format": "vpcplay-intents", "version": 1,
//!   "intents": [{"id": "no-internet", "type": "does_not_reach",
//!                "from": "orders-*", "to": "internet", "severity": "warning"}]
//! });
//! let intents = read_intents(&file).unwrap();
//! assert_eq!(intents[0].severity, IntentSeverity::Warning);
//! ```

use super::load::parse_goal;
use super::{Goal, Outcome, Problem};
use crate::model::Document;
use crate::reach::Destination;
use crate::Analysis;
use serde_json::Value;
use std::fmt;

/// The `format` tag of intents files.
pub const INTENTS_FORMAT: &str = "vpcplay-intents";
/// The intents format version this build reads (and the newest).
pub const INTENTS_VERSION: u64 = 1;
/// Most intents one file may have.
pub const MAX_INTENTS: usize = 10_000;

/// How much a broken intent matters: `error` fails the pipeline (exit 1), `warning` and
/// `note` are reported only.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum IntentSeverity {
    #[default]
    Error,
    Warning,
    Note,
}

impl IntentSeverity {
    pub fn key(self) -> &'static str {
        match self {
            IntentSeverity::Error => "error",
            IntentSeverity::Warning => "warning",
            IntentSeverity::Note => "note",
        }
    }
}

/// One intent of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Intent {
    /// Unique in the file: the test case's and the result's name.
    pub id: String,
    /// What the intent is for, in the author's words; [`Goal::describe`] when absent.
    pub description: Option<String>,
    pub severity: IntentSeverity,
    pub goal: Goal,
}

impl Intent {
    /// Whether the design meets the intent: its goal's [`Goal::evaluate`], and, since an
    /// intents file is written apart from the design, a destination that is not one of the
    /// design's targets breaks it ([`Problem::UnknownDestination`]) instead of letting a
    /// `does_not_reach` hold for want of a verdict.
    pub fn evaluate(&self, doc: &Document, analysis: &Analysis) -> Outcome {
        let mut out = self.goal.evaluate(doc, analysis);
        if let Goal::Reaches { to, .. } | Goal::DoesNotReach { to, .. } | Goal::OnlyReaches { to, .. } = &self.goal {
            if let Destination::Component(id) = to {
                if !doc.is_target(id.as_str()) {
                    out.met = false;
                    out.against.clear();
                    out.problem = Some(Problem::UnknownDestination(id.as_str().to_owned()));
                }
            }
        }
        out
    }
}

/// Why an intents file could not be read: the field at fault as a path (`intents[2].to`;
/// empty for the file as a whole) and what is wrong, in English.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntentError {
    pub path: String,
    pub message: String,
}

impl fmt::Display for IntentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for IntentError {}

const FIELDS: &[&str] = &["format", "version", "intents"];
/// The fields an intent has besides its goal's.
const INTENT_FIELDS: &[&str] = &["id", "description", "severity"];

fn at(path: impl Into<String>, message: impl Into<String>) -> IntentError {
    IntentError {
        path: path.into(),
        message: message.into(),
    }
}

/// Reads an intents file's tree. Every goal is read by the lesson goal reader, without a
/// design: a function or target the design lacks fails the intent when it is checked.
pub fn read_intents(file: &Value) -> Result<Vec<Intent>, IntentError> {
    let Value::Object(top) = file else {
        return Err(at(
            "",
            format!("an intents file is an object: {{format: {INTENTS_FORMAT}, version: 1, intents: [...]}}"),
        ));
    };
    if let Some(k) = top.keys().find(|k| !FIELDS.contains(&k.as_str())) {
        let meant = crate::model::nearest(k, FIELDS).map_or_else(String::new, |f| format!(" (did you mean {f}?)"));
        return Err(at(
            k.as_str(),
            format!("unknown field{meant}; an intents file has {}", FIELDS.join(", ")),
        ));
    }
    match top.get("format") {
        Some(Value::String(f)) if f == INTENTS_FORMAT => {}
        Some(Value::String(f)) => {
            return Err(at(
                "format",
                format!("this is a \"{f}\" file, not an intents file (\"{INTENTS_FORMAT}\")"),
            ))
        }
        Some(_) => return Err(at("format", format!("must be the string \"{INTENTS_FORMAT}\""))),
        None => return Err(at("", format!("missing \"format\": \"{INTENTS_FORMAT}\""))),
    }
    match top.get("version").map(Value::as_u64) {
        None => return Err(at("", "missing \"version\": 1")),
        Some(Some(v)) if (1..=INTENTS_VERSION).contains(&v) => {}
        Some(Some(0)) => return Err(at("version", "starts at 1")),
        Some(Some(v)) => {
            return Err(at(
                "version",
                format!("this file uses intents version {v}, newer than this vpcplay reads ({INTENTS_VERSION}); use a newer vpcplay"),
            ))
        }
        Some(None) => return Err(at("version", "must be a whole number")),
    }
    let Some(items) = top.get("intents") else {
        return Err(at(
            "",
            "missing \"intents\": the list of what must and must not reach what",
        ));
    };
    let Value::Array(items) = items else {
        return Err(at("intents", "must be a list"));
    };
    if items.len() > MAX_INTENTS {
        return Err(at(
            "intents",
            format!("{} intents, more than the {MAX_INTENTS} a file may have", items.len()),
        ));
    }
    let mut out: Vec<Intent> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = format!("intents[{i}]");
        let Value::Object(m) = item else {
            return Err(at(path, "an intent is an object with an \"id\" and a \"type\""));
        };
        let id = match m.get("id") {
            Some(Value::String(id)) if !id.trim().is_empty() => id.clone(),
            Some(Value::String(_)) | None => {
                return Err(at(
                    format!("{path}.id"),
                    "is missing: every intent needs an id, unique in the file",
                ))
            }
            Some(_) => return Err(at(format!("{path}.id"), "must be a string")),
        };
        if let Some(j) = out.iter().position(|o| o.id == id) {
            return Err(at(
                format!("{path}.id"),
                format!("\"{id}\" is already the id of intents[{j}]"),
            ));
        }
        let description = match m.get("description") {
            None => None,
            Some(Value::String(d)) => Some(d.clone()),
            Some(_) => return Err(at(format!("{path}.description"), "must be a string")),
        };
        let severity = match m.get("severity") {
            None => IntentSeverity::Error,
            Some(Value::String(s)) if s == "error" => IntentSeverity::Error,
            Some(Value::String(s)) if s == "warning" => IntentSeverity::Warning,
            Some(Value::String(s)) if s == "note" => IntentSeverity::Note,
            Some(_) => {
                return Err(at(
                    format!("{path}.severity"),
                    "must be \"error\", \"warning\" or \"note\"",
                ))
            }
        };
        let goal =
            parse_goal(m, None, INTENT_FIELDS).map_err(|(field, message)| at(format!("{path}.{field}"), message))?;
        out.push(Intent {
            id,
            description,
            severity,
            goal,
        });
    }
    Ok(out)
}

/// An intents file (JSON, one intent a line) stating `intents`; [`read_intents`] reads it
/// back to equal intents. For turning a lesson's goals or a design's verdicts into a guard.
pub fn write_intents(intents: &[Intent]) -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let lines: Vec<String> = intents
        .iter()
        .map(|i| {
            let goal = i.goal.to_json();
            let mut head = format!("{{\"id\": {}", q(&i.id));
            if let Some(d) = &i.description {
                head.push_str(&format!(", \"description\": {}", q(d)));
            }
            head.push_str(&format!(", \"severity\": \"{}\", ", i.severity.key()));
            // The goal's object without its opening brace, after the intent's own fields.
            format!("{head}{}", goal.strip_prefix('{').unwrap_or(&goal))
        })
        .collect();
    format!(
        "{{\n  \"format\": \"{INTENTS_FORMAT}\",\n  \"version\": {INTENTS_VERSION},\n  \"intents\": [\n    {}\n  ]\n}}\n",
        lines.join(",\n    ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn file(intents: Value) -> Value {
        json!({"format": INTENTS_FORMAT, "version": 1, "intents": intents})
    }

    #[test]
    fn intents_read_goals_without_a_design_and_write_back() {
        let intents = read_intents(&file(json!([
            {"id": "db", "type": "reaches", "from": "orders-fn", "to": "orders-db", "port": 5432},
            {"id": "no-net", "description": "Nothing in private-a goes out", "severity": "warning",
             "type": "does_not_reach", "from": "subnet:private-a", "to": "internet"},
            {"id": "open", "severity": "note", "type": "no_finding", "finding": "S5.db-open-to-world"}
        ])))
        .unwrap();
        assert_eq!(intents.len(), 3);
        assert_eq!(
            intents[0].goal,
            Goal::Reaches {
                from: "orders-fn".into(),
                to: Destination::Component(crate::model::ComponentId::new("orders-db")),
                port: Some(5432),
                via: None
            }
        );
        assert_eq!(intents[1].severity, IntentSeverity::Warning);
        let text = write_intents(&intents);
        let back = read_intents(&serde_json::from_str(&text).unwrap()).unwrap();
        assert_eq!(back, intents);
    }

    #[test]
    fn mistakes_name_the_field() {
        let err = |v: Value| read_intents(&v).unwrap_err();
        assert_eq!(err(json!({"format": "x", "version": 1, "intents": []})).path, "format");
        assert_eq!(
            err(json!({"format": INTENTS_FORMAT, "version": 2, "intents": []})).path,
            "version"
        );
        assert!(err(json!({"format": INTENTS_FORMAT, "intents": []}))
            .message
            .contains("version"));
        let e = err(file(
            json!([{"id": "a", "type": "reaches", "from": "f", "to": "internet", "prot": 1}]),
        ));
        assert_eq!(e.path, "intents[0].prot");
        assert!(e.message.contains("did you mean port"), "{e}");
        let e = err(file(json!([{"type": "reaches", "from": "f", "to": "internet"}])));
        assert_eq!(e.path, "intents[0].id");
        let e = err(file(json!([
            {"id": "a", "type": "no_component", "kind": "nat_gateway"},
            {"id": "a", "type": "no_component", "kind": "vpc"}
        ])));
        assert_eq!(e.path, "intents[1].id");
        let e = err(file(
            json!([{"id": "a", "type": "no_finding", "finding": "Z9.nothing"}]),
        ));
        assert_eq!(e.path, "intents[0].finding");
        let e = err(file(
            json!([{"id": "a", "type": "only_reaches", "from": "internet", "to": "db"}]),
        ));
        assert_eq!(e.path, "intents[0].from");
        let e = err(file(
            json!([{"id": "a", "severity": "fatal", "type": "no_component", "kind": "vpc"}]),
        ));
        assert_eq!(e.path, "intents[0].severity");
    }
}

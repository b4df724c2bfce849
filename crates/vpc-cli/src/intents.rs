//! `vpcplay check FILE --intents INTENTS`: the intents file read (YAML or JSON), each intent
//! checked against the analysis with the engine's goal language, and the results in words
//! and in the `--json` shape.
//!
//! The file's tree is read by `vpc_cfn::tree` (the template reader: positioned nodes from
//! YAML, of which JSON is a part), turned into a JSON tree for `vpc_engine::lesson::read_intents`;
//! the path of a field at fault is mapped back to its line and column.

use crate::say;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write as _;
use vpc_cfn::tree::{self, Kind, Node};
use vpc_engine::explain::Lang;
use vpc_engine::lesson::{read_intents, Intent, IntentSeverity, Outcome, Problem};
use vpc_engine::model::Document;
use vpc_engine::reach::{Destination, HopKind, Reach, Verdict};
use vpc_engine::Analysis;

/// Reads the intents file `file` (`-` for standard input); every way this can fail is
/// [`crate::UnreadableInput`] (exit 2), naming the file, line and column.
pub fn read_file(file: &str) -> Result<Vec<Intent>, crate::UnreadableInput> {
    let name = if file == "-" { "standard input" } else { file };
    let fail = |problem: String| crate::UnreadableInput {
        file: format!("intents file {name}"),
        problem,
    };
    let bytes = match crate::input::read_limited(file).map_err(|e| fail(e.to_string()))? {
        crate::input::Limited::Whole(b) => b,
        crate::input::Limited::Over(_) => {
            return Err(fail(format!(
                "it is more than the {} KB an intents file may have",
                vpc_engine::model::MAX_INPUT_BYTES / 1024
            )))
        }
    };
    let text = vpc_engine::model::decode(&bytes).map_err(|e| fail(e.to_string()))?;
    parse(text).map_err(fail)
}

/// An intents file's text as intents, or what is wrong and where (`line L, column C: path:
/// message`).
pub fn parse(text: &str) -> Result<Vec<Intent>, String> {
    if text.trim_start().starts_with('{') {
        // JSON's own reader first, for its exact syntax errors.
        if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
            let msg = e.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_owned();
            return Err(format!(
                "line {}, column {}: not valid JSON: {msg}",
                e.line(),
                e.column()
            ));
        }
    }
    let root = tree::parse_yaml(text).map_err(|e| e.to_string())?;
    let mut positions = HashMap::new();
    let value = to_json(&root, "", None, &mut positions);
    read_intents(&value).map_err(|e| {
        // The field's own position, else its nearest enclosing one's.
        let mut path = e.path.as_str();
        let pos = loop {
            if let Some(p) = positions.get(path) {
                break Some(*p);
            }
            match path.rfind(['.', '[']) {
                Some(i) => path = &path[..i],
                None => break positions.get("").copied(),
            }
        };
        match pos {
            Some((l, c)) => format!("line {l}, column {c}: {e}"),
            None => e.to_string(),
        }
    })
}

/// The node as JSON. Scalars are text in the tree; `port` and `version` are numbers when
/// they read as one (the only numbers of the format), so `port: 5432` and `"port": 5432`
/// mean the same.
fn to_json(
    node: &Node,
    path: &str,
    key: Option<&str>,
    positions: &mut HashMap<String, (u32, u32)>,
) -> serde_json::Value {
    use serde_json::Value;
    if node.pos.known() {
        positions.insert(path.to_owned(), (node.pos.line, node.pos.column));
    }
    match &node.kind {
        Kind::Null => Value::Null,
        Kind::Bool(b) => Value::Bool(*b),
        Kind::Str(s) => match (key, s.parse::<u64>()) {
            (Some("port" | "version"), Ok(n)) => Value::from(n),
            _ => Value::String(s.clone()),
        },
        Kind::Seq(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, n)| to_json(n, &format!("{path}[{i}]"), None, positions))
                .collect(),
        ),
        Kind::Map(entries) => Value::Object(
            entries
                .iter()
                .map(|(k, n)| {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    (k.clone(), to_json(n, &p, Some(k), positions))
                })
                .collect(),
        ),
    }
}

/// One intent and what the design says about it.
pub struct Checked<'a> {
    pub intent: &'a Intent,
    pub outcome: Outcome,
    /// The intent in words: its description, else the goal put into words.
    pub text: String,
}

impl Checked<'_> {
    /// Broken, and of a severity that fails the check.
    pub fn fails_check(&self) -> bool {
        !self.outcome.met && self.intent.severity == IntentSeverity::Error
    }
}

pub fn check<'a>(intents: &'a [Intent], doc: &Document, analysis: &Analysis, lang: Lang) -> Vec<Checked<'a>> {
    intents
        .iter()
        .map(|intent| Checked {
            intent,
            outcome: intent.evaluate(doc, analysis),
            text: intent
                .description
                .clone()
                .unwrap_or_else(|| intent.goal.describe(doc, lang)),
        })
        .collect()
}

/// The component that lets a path through: the first gateway, endpoint or peering
/// connection on its way out; for a path from the internet, the target's security group that
/// admits it; else the source.
pub fn opening_component(v: &Verdict) -> &str {
    const GATEWAYS: &[HopKind] = &[
        HopKind::NatGateway,
        HopKind::InternetGateway,
        HopKind::EgressOnlyGateway,
        HopKind::GatewayEndpoint,
        HopKind::InterfaceEndpoint,
        HopKind::PeeringConnection,
    ];
    let (request, _) = v.legs();
    request
        .iter()
        .find(|h| h.allowed && GATEWAYS.contains(&h.kind))
        .or_else(|| {
            (v.from.key() == "internet")
                .then(|| request.iter().find(|h| h.allowed && h.kind == HopKind::SecurityGroupIn))
                .flatten()
        })
        .map_or(v.from.key(), |h| h.component.as_str())
}

/// The component to point at for a broken intent's verdict: the one that blocks it, or the
/// one that lets it through when getting through is what breaks the intent.
pub fn culprit(v: &Verdict) -> &str {
    match (&v.blocked_by, v.reach) {
        (Some(b), Reach::Unreachable) => b.as_str(),
        _ => opening_component(v),
    }
}

/// A destination as the CLI writes it: `internet`, `s3`, `orders-db:5432`.
pub fn destination(to: &Destination, port: u16) -> String {
    match to {
        Destination::Component(id) => format!("{id}:{port}"),
        other => other.key().to_owned(),
    }
}

/// Why a broken intent is broken, one sentence per line (no verdicts: see `against`).
pub fn problem_text(c: &Checked, lang: Lang) -> Option<String> {
    let zh = lang == Lang::Zh;
    let (from, to) = match &c.intent.goal {
        vpc_engine::lesson::Goal::Reaches { from, to, .. }
        | vpc_engine::lesson::Goal::DoesNotReach { from, to, .. }
        | vpc_engine::lesson::Goal::OnlyReaches { from, to, .. } => (from.as_str(), Some(to)),
        _ => ("", None),
    };
    Some(match c.outcome.problem.as_ref()? {
        Problem::NoSource if zh => format!("“{from}”不对应设计中的任何函数"),
        Problem::NoSource => format!("\"{from}\" matches no function of the design"),
        Problem::NoVerdict(sources) => {
            let to = to.map_or("", |t| t.key());
            if zh {
                format!(
                    "没有从 {} 到 {to} 的判定：设计中没有这个目标，或没有在这个端口上检查它",
                    sources.join(", ")
                )
            } else {
                format!(
                    "no verdict from {} to {to}: the design has no such destination, or does not ask it on that port",
                    sources.join(", ")
                )
            }
        }
        Problem::UnknownDestination(id) if zh => format!("“{id}”不是设计中的数据库、数据存储或实例"),
        Problem::UnknownDestination(id) => {
            format!("\"{id}\" is not a database, data store or instance of the design")
        }
        Problem::Components(ids) if zh => format!("设计中有：{}", ids.join(", ")),
        Problem::Components(ids) => format!("the design has {}", ids.join(", ")),
        Problem::Raised(raised) => raised
            .iter()
            .map(|(_, m)| format!("{}: {}", m.id.code(), say::render(m, lang)))
            .collect::<Vec<_>>()
            .join("\n"),
    })
}

/// The text report of the intents: every intent with ✓ or ✗, the broken ones with each
/// verdict that breaks them, its blocking (or opening) component, path and explanation.
pub fn text(checked: &[Checked], doc: &Document, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    let _ = writeln!(out, "{}", if zh { "意图" } else { "Intents" });
    for c in checked {
        let mark = if c.outcome.met { '✓' } else { '✗' };
        let severity = if c.outcome.met || c.intent.severity == IntentSeverity::Error {
            String::new()
        } else {
            format!(" ({})", c.intent.severity.key())
        };
        let _ = writeln!(out, "  {mark} {}{severity}: {}", c.intent.id, c.text);
        for v in &c.outcome.against {
            let _ = writeln!(
                out,
                "      {} → {}: {}",
                v.from.key(),
                destination(&v.to, v.port),
                v.reach.key()
            );
            let _ = writeln!(out, "        {}", say::verdict_text(v, lang));
            let who = culprit(v);
            let label = match (v.reach, zh) {
                (Reach::Unreachable, false) => "blocked by",
                (Reach::Unreachable, true) => "阻断于",
                (_, false) => "through",
                (_, true) => "经由",
            };
            let _ = writeln!(out, "        {label}: {who}");
            if !v.path.is_empty() {
                let _ = writeln!(
                    out,
                    "        {}: {}",
                    if zh { "路径" } else { "path" },
                    crate::text::path(doc, v)
                );
            }
            let codes: Vec<&str> = v.explanations.iter().map(|e| e.code()).collect();
            let _ = writeln!(out, "        {}: {}", if zh { "原因" } else { "why" }, codes.join(", "));
        }
        if let Some(p) = problem_text(c, lang) {
            for line in p.lines() {
                let _ = writeln!(out, "      {line}");
            }
        }
    }
    let broken = checked.iter().filter(|c| !c.outcome.met).count();
    let failing = checked.iter().filter(|c| c.fails_check()).count();
    let _ = if zh {
        writeln!(
            out,
            "\n{} 个意图：{} 个成立，{broken} 个不成立（{failing} 个使检查失败）",
            checked.len(),
            checked.len() - broken
        )
    } else {
        writeln!(
            out,
            "\n{} intents: {} hold, {broken} broken ({failing} failing the check)",
            checked.len(),
            checked.len() - broken
        )
    };
    out
}

/// One intent in `--json` output.
#[derive(Serialize)]
pub struct IntentOut<'a> {
    pub id: &'a str,
    pub severity: &'static str,
    /// Whether the design meets the intent.
    pub holds: bool,
    pub text: String,
    /// The functions (or `internet`) its `from` stands for in this design.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<&'a str>,
    /// The verdicts that break it.
    pub failures: Vec<FailureOut<'a>>,
    /// Why it is broken when no verdict shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

#[derive(Serialize)]
pub struct FailureOut<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub port: u16,
    pub verdict: &'static str,
    pub blocked_by: Option<&'a str>,
    /// The component to look at: the one that blocks the path, or the one that lets it
    /// through when getting through is what breaks the intent.
    pub component: &'a str,
    pub explanations: Vec<&'static str>,
    pub text: String,
}

pub fn json<'a>(checked: &'a [Checked], lang: Lang) -> Vec<IntentOut<'a>> {
    checked
        .iter()
        .map(|c| IntentOut {
            id: &c.intent.id,
            severity: c.intent.severity.key(),
            holds: c.outcome.met,
            text: c.text.clone(),
            sources: c.outcome.sources.iter().map(String::as_str).collect(),
            failures: c
                .outcome
                .against
                .iter()
                .map(|v| FailureOut {
                    from: v.from.key(),
                    to: v.to.key(),
                    port: v.port,
                    verdict: v.reach.key(),
                    blocked_by: v.blocked_by.as_ref().map(|b| b.as_str()),
                    component: culprit(v),
                    explanations: v.explanations.iter().map(|e| e.code()).collect(),
                    text: say::verdict_text(v, lang),
                })
                .collect(),
            problem: problem_text(c, lang),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file's tree as JSON, as the reader sees it (YAML scalars typed as the reader types
    /// them).
    fn tree(text: &str) -> serde_json::Value {
        let root = tree::parse_yaml(text).unwrap_or_else(|e| panic!("{e}:\n{text}"));
        to_json(&root, "", None, &mut HashMap::new())
    }

    fn schema() -> jsonschema::Validator {
        let text = include_str!("../../../docs/intents.schema.json");
        jsonschema::validator_for(&serde_json::from_str(text).unwrap()).expect("the intents schema compiles")
    }

    /// Every fenced `yaml` or `json` block that is an intents file, with where it comes from.
    fn examples() -> Vec<(String, String)> {
        let docs = [
            ("docs/intents.md", include_str!("../../../docs/intents.md")),
            ("docs/ci.md", include_str!("../../../docs/ci.md")),
            ("README.md", include_str!("../../../README.md")),
        ];
        let mut out = Vec::new();
        for (name, text) in docs {
            let mut block: Option<(usize, String)> = None;
            for (i, line) in text.lines().enumerate() {
                match &mut block {
                    None if line.trim_start().starts_with("```yaml") || line.trim_start().starts_with("```json") => {
                        block = Some((i + 1, String::new()))
                    }
                    Some((start, body)) if line.trim_start().starts_with("```") => {
                        if body.contains("vpcplay-intents") {
                            out.push((format!("{name}:{start}"), std::mem::take(body)));
                        }
                        block = None;
                    }
                    Some((_, body)) => {
                        body.push_str(line);
                        body.push('\n');
                    }
                    None => {}
                }
            }
        }
        out.push((
            "tests/pipeline/intents.yaml".into(),
            include_str!("../tests/pipeline/intents.yaml").into(),
        ));
        out
    }

    #[test]
    fn every_example_in_the_docs_and_tests_validates_and_reads() {
        let validator = schema();
        let examples = examples();
        assert!(examples.len() >= 6, "found {} examples", examples.len());
        for (at, text) in &examples {
            let errors: Vec<String> = validator.iter_errors(&tree(text)).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{at} does not validate: {errors:?}\n{text}");
            parse(text).unwrap_or_else(|e| panic!("{at} does not read: {e}"));
        }
    }

    #[test]
    fn the_schema_and_the_reader_refuse_the_same_mistakes() {
        let validator = schema();
        let head = "format: vpcplay-intents\nversion: 1\nintents:\n";
        for intent in [
            "  - {id: a, type: reaches, from: f, to: internet, prot: 443}",
            "  - {type: reaches, from: f, to: internet}",
            "  - {id: a, type: reaches, to: internet}",
            "  - {id: a, type: reaches, from: f, to: internet, port: 70000}",
            "  - {id: a, type: reaches, from: f, to: internet, via: subnet}",
            "  - {id: a, type: only_reaches, from: internet, to: db}",
            "  - {id: a, type: no_component, kind: lambda}",
            "  - {id: a, severity: fatal, type: no_component, kind: vpc}",
            "  - {id: a, type: sometimes_reaches, from: f, to: internet}",
        ] {
            let text = format!("{head}{intent}\n");
            assert!(!validator.is_valid(&tree(&text)), "the schema accepts {intent}");
            assert!(parse(&text).is_err(), "the reader accepts {intent}");
        }
        let version = "format: vpcplay-intents\nversion: 2\nintents: []\n";
        assert!(!validator.is_valid(&tree(version)) && parse(version).is_err());
    }

    #[test]
    fn errors_carry_the_line_and_column_of_the_field() {
        let e = parse("format: vpcplay-intents\nversion: 1\nintents:\n  - id: a\n    type: reaches\n    from: f\n    to: 42x\n    port: nope\n")
            .unwrap_err();
        assert!(e.starts_with("line 8, column 11: intents[0].port"), "{e}");
        let e = parse("format: vpcplay-intents\nversion: 1\nintents: {}\n").unwrap_err();
        assert!(e.contains("intents: must be a list"), "{e}");
    }
}

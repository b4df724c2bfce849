//! `--format sarif`: SARIF 2.1.0 for code scanning (GitHub and other SARIF viewers).
//!
//! Results are the broken intents (one per verdict that breaks one, or one for the intent
//! when no verdict shows it), the design problems and findings, and every path the internet
//! has into a target (exposure). Each result's `ruleId` is the catalogue explanation id of
//! its cause (`L6.public-subnet`, `S5.db-open-to-world` …), and its rule carries the
//! catalogue's title, sentence and AWS page (`helpUri`). Locations point at the component in
//! the file checked: for a template, the line and column of its resource (the importer's
//! report knows them); for a design, the file.

use crate::intents::{culprit, destination, opening_component, problem_text, Checked};
use crate::json::severity_key;
use crate::say;
use serde_json::{json, Value};
use vpc_engine::explain::{ExplanationId, Lang, Message, CATALOGUE};
use vpc_engine::lesson::{IntentSeverity, Problem};
use vpc_engine::reach::{Reach, Source};
use vpc_engine::validate::Severity;
use vpc_engine::Analysis;

/// What the SARIF log is about.
pub struct Input<'a> {
    /// The file as named on the command line (`-` for standard input).
    pub file: &'a str,
    pub analysis: &'a Analysis,
    pub report: Option<&'a vpc_cfn::Report>,
    pub checked: Option<&'a [Checked<'a>]>,
    pub lang: Lang,
}

/// Rules for results that are not a catalogue cause: a broken intent with no verdict.
const INTENT_NO_SOURCE: &str = "intent.no-source";
const INTENT_NO_VERDICT: &str = "intent.no-verdict";
const INTENT_COMPONENT: &str = "intent.component-present";

struct Rules {
    list: Vec<Value>,
    ids: Vec<String>,
}

impl Rules {
    /// The index of the rule `id`, added on first use.
    fn index(&mut self, id: &str, lang: Lang) -> usize {
        if let Some(i) = self.ids.iter().position(|r| r == id) {
            return i;
        }
        self.ids.push(id.to_owned());
        self.list.push(rule(id, lang));
        self.ids.len() - 1
    }
}

fn rule(id: &str, lang: Lang) -> Value {
    let zh = lang == Lang::Zh;
    if let Some(e) = ExplanationId::from_code(id).and_then(|x| CATALOGUE.iter().find(|e| e.id == x)) {
        // The sentence with its arguments worded generically ("the subnet"): the rule's text.
        let sentence = say::render(&Message::new(e.id), lang);
        let title = if zh && !e.title_zh.is_empty() {
            e.title_zh
        } else {
            e.title_en
        };
        let mut help = format!("{title}: {sentence}");
        if let Some(code) = e.analyzer_code {
            help.push_str(&format!(" (Reachability Analyzer: {code})"));
        }
        return json!({
            "id": id,
            "shortDescription": {"text": title},
            "fullDescription": {"text": sentence},
            "help": {"text": help, "markdown": format!("**{title}**\n\n{sentence}\n\n[AWS documentation]({})", e.url)},
            "helpUri": e.url,
            "properties": {"rule": e.rule}
        });
    }
    let (short, text) = match id {
        INTENT_NO_SOURCE => (
            "Intent names no function",
            "The intent's `from` (a function id, a glob or subnet:ID) matches no function of the design: a function was renamed or removed, or the intent is mistyped.",
        ),
        INTENT_NO_VERDICT => (
            "Intent's destination not asked",
            "No verdict exists for the intent's source and destination: the destination is not in the design, or is not asked on the intent's port.",
        ),
        _ => (
            "Intent forbids a component",
            "The design has a component of a kind the intent says it must not have (no_component).",
        ),
    };
    json!({
        "id": id,
        "shortDescription": {"text": short},
        "fullDescription": {"text": text},
        "help": {"text": format!("{text} See docs/intents.md for the intents format.")}
    })
}

/// A file path as a relative URI reference: forward slashes, spaces and `%` escaped.
fn uri(file: &str) -> String {
    if file == "-" {
        return "stdin".to_owned();
    }
    let mut out = String::with_capacity(file.len());
    for c in file.trim_start_matches("./").chars() {
        match c {
            '\\' => out.push('/'),
            '%' => out.push_str("%25"),
            ' ' => out.push_str("%20"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            c => out.push(c),
        }
    }
    out
}

fn level(s: IntentSeverity) -> &'static str {
    match s {
        IntentSeverity::Error => "error",
        IntentSeverity::Warning => "warning",
        IntentSeverity::Note => "note",
    }
}

fn finding_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The location of a component: its resource's line and column in a template (line 1 of
/// the file when the template does not define it, e.g. a placeholder for something outside
/// it, or the file is a design), with the component id as its logical location.
fn location(input: &Input, component: &str) -> Value {
    let (line, column) = input.report.and_then(|r| r.position(component)).unwrap_or((1, 1));
    let mut at = json!({
        "physicalLocation": {
            "artifactLocation": {"uri": uri(input.file)},
            "region": {"startLine": line, "startColumn": column}
        }
    });
    if !component.is_empty() {
        at["logicalLocations"] = json!([{"name": component, "kind": "resource"}]);
    }
    at
}

fn result(rules: &mut Rules, input: &Input, rule_id: &str, level: &str, text: String, component: &str) -> Value {
    let index = rules.index(rule_id, input.lang);
    json!({
        "ruleId": rule_id,
        "ruleIndex": index,
        "level": level,
        "message": {"text": text},
        "locations": [location(input, component)]
    })
}

/// The SARIF log.
pub fn log(input: &Input) -> Value {
    let mut rules = Rules {
        list: Vec::new(),
        ids: Vec::new(),
    };
    let mut results = Vec::new();
    let lang = input.lang;
    for c in input.checked.unwrap_or_default() {
        if c.outcome.met {
            continue;
        }
        let lvl = level(c.intent.severity);
        let head = format!("Intent {} is broken ({})", c.intent.id, c.text);
        for v in &c.outcome.against {
            let who = culprit(v);
            let how = match v.reach {
                Reach::Unreachable => format!("blocked by {who}"),
                _ => format!("through {who}"),
            };
            let cause = v.explanations.first().map_or("F.unknown", |e| e.code());
            let text = format!(
                "{head}: {} → {} is {}, {how}. {}",
                v.from.key(),
                destination(&v.to, v.port),
                v.reach.key(),
                say::verdict_text(v, lang)
            );
            let mut r = result(&mut rules, input, cause, lvl, text, who);
            r["properties"] = json!({"intent": c.intent.id, "verdict": v.reach.key()});
            results.push(r);
        }
        if let Some(Problem::Raised(raised)) = &c.outcome.problem {
            for (components, m) in raised {
                let at = components.first().map_or("", String::as_str);
                let text = format!("{head}: {}", say::render(m, lang));
                let mut r = result(&mut rules, input, m.id.code(), lvl, text, at);
                r["properties"] = json!({"intent": c.intent.id});
                results.push(r);
            }
        }
        let other = match &c.outcome.problem {
            Some(Problem::NoSource) => Some((INTENT_NO_SOURCE, "")),
            Some(Problem::NoVerdict(s)) => Some((INTENT_NO_VERDICT, s.first().map_or("", String::as_str))),
            Some(Problem::UnknownDestination(_)) => Some((INTENT_NO_VERDICT, "")),
            Some(Problem::Components(ids)) => Some((INTENT_COMPONENT, ids.first().map_or("", String::as_str))),
            Some(Problem::Raised(_)) | None => None,
        };
        if let Some((id, at)) = other {
            let problem = problem_text(c, lang).unwrap_or_default();
            let mut r = result(&mut rules, input, id, lvl, format!("{head}: {problem}"), at);
            r["properties"] = json!({"intent": c.intent.id});
            results.push(r);
        }
    }
    for d in &input.analysis.diagnostics {
        let at = d.component.as_ref().map_or("", |c| c.as_str());
        let text = say::render(&d.message, lang);
        results.push(result(
            &mut rules,
            input,
            d.message.id.code(),
            finding_level(d.severity),
            text,
            at,
        ));
    }
    for f in &input.analysis.findings {
        let at = f.components.first().map_or("", |c| c.as_str());
        let text = say::render(&f.message, lang);
        let mut r = result(&mut rules, input, f.id.code(), finding_level(f.severity), text, at);
        r["properties"] = json!({"severity": severity_key(f.severity)});
        results.push(r);
    }
    for v in input.analysis.verdicts.iter().filter(|v| v.from == Source::Internet) {
        if v.reach == Reach::Unreachable {
            continue;
        }
        let who = opening_component(v);
        let cause = v.explanations.first().map_or("F.unknown", |e| e.code());
        let text = format!(
            "The internet reaches {} ({}), through {who}. {}",
            destination(&v.to, v.port),
            v.reach.key(),
            say::verdict_text(v, lang)
        );
        let mut r = result(&mut rules, input, cause, "warning", text, who);
        r["properties"] = json!({"exposure": true, "verdict": v.reach.key()});
        results.push(r);
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "vpcplay",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules.list
            }},
            "columnKind": "unicodeCodePoints",
            "results": results
        }]
    })
}

//! `--format junit`: JUnit XML, so that any CI shows each intent as a test case.
//!
//! One `<testsuite>` for the intents file, one `<testcase>` per intent (named by its id and
//! words); a broken intent has a `<failure>` whose `type` is its severity, whose `message`
//! says what breaks it and whose text lists each verdict with its blocking component and
//! explanation. (A broken `warning` or `note` intent is a failed test case too; only `error`
//! ones make `vpcplay check` exit 1.)

use crate::intents::{culprit, destination, problem_text, Checked};
use crate::say;
use std::fmt::Write as _;
use vpc_engine::explain::Lang;
use vpc_engine::reach::Reach;

/// Text escaped for XML 1.0 content and attribute values; characters XML 1.0 cannot carry
/// (most control characters) become U+FFFD.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' => out.push(c),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// The JUnit report. `file` is the design or template checked, `intents_file` the intents.
pub fn report(checked: &[Checked], file: &str, intents_file: &str, lang: Lang) -> String {
    let failures = checked.iter().filter(|c| !c.outcome.met).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let suite = escape(&format!("vpcplay intents {intents_file} on {file}"));
    let _ = writeln!(
        out,
        "<testsuites name=\"vpcplay\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">",
        checked.len()
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"{suite}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">",
        checked.len()
    );
    for c in checked {
        let name = escape(&format!("{}: {}", c.intent.id, c.text));
        let class = escape(&format!("vpcplay.{}", c.intent.severity.key()));
        if c.outcome.met {
            let _ = writeln!(out, "    <testcase name=\"{name}\" classname=\"{class}\"/>");
            continue;
        }
        let mut lines = Vec::new();
        for v in &c.outcome.against {
            let how = match v.reach {
                Reach::Unreachable => "blocked by",
                _ => "through",
            };
            let codes: Vec<&str> = v.explanations.iter().map(|e| e.code()).collect();
            lines.push(format!(
                "{} → {}: {}, {how} {} [{}]: {}",
                v.from.key(),
                destination(&v.to, v.port),
                v.reach.key(),
                culprit(v),
                codes.join(", "),
                say::verdict_text(v, lang)
            ));
        }
        if let Some(p) = problem_text(c, lang) {
            lines.extend(p.lines().map(str::to_owned));
        }
        let message = lines.first().cloned().unwrap_or_default();
        let _ = writeln!(out, "    <testcase name=\"{name}\" classname=\"{class}\">");
        let _ = writeln!(
            out,
            "      <failure type=\"{}\" message=\"{}\">{}</failure>",
            c.intent.severity.key(),
            escape(&message),
            escape(&lines.join("\n"))
        );
        let _ = writeln!(out, "    </testcase>");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

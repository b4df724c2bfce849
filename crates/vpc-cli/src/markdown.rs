//! `--format markdown`: a report to post as a pull-request comment (GitHub-flavoured
//! Markdown: tables, `<details>`).

use crate::diffcmd::{self, destination_port, PathOut};
use crate::intents::{culprit, destination, problem_text, Checked};
use crate::json::{severity_key, FindingOut};
use crate::say;
use std::fmt::Write as _;
use vpc_engine::explain::Lang;
use vpc_engine::reach::Reach;
use vpc_engine::Analysis;

/// Text for one table cell: line breaks as `<br>`; HTML's `<` and `&` escaped so text from
/// a design cannot open a tag; `|` and Markdown's emphasis and code marks escaped so an id
/// such as `Orders*` or `orders_fn` reads as written.
pub fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.replace("\r\n", "\n").chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '\n' => out.push_str("<br>"),
            '|' | '*' | '_' | '`' | '\\' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Code in a cell: a code span shows its text as is (no entities, no emphasis), except that
/// a table's `|` must still be escaped; backticks cannot be, so they are dropped.
fn code(s: &str) -> String {
    let plain: String = s
        .chars()
        .filter(|c| *c != '`')
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    format!("`{}`", plain.replace('|', "\\|"))
}

/// The check report: the intents table (when intents were given), then the design's
/// problems and findings, folded.
pub fn check(file: &str, analysis: &Analysis, checked: Option<&[Checked]>, lang: Lang) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "### vpcplay check {}\n", code(file));
    if let Some(checked) = checked {
        let broken = checked.iter().filter(|c| !c.outcome.met).count();
        let failing = checked.iter().filter(|c| c.fails_check()).count();
        let verdict = if failing > 0 {
            "❌"
        } else if broken > 0 {
            "⚠️"
        } else {
            "✅"
        };
        let _ = writeln!(
            s,
            "{verdict} **{} intents: {} hold, {broken} broken ({failing} failing the check)**\n",
            checked.len(),
            checked.len() - broken
        );
        let _ = writeln!(s, "| | Intent | Severity | What | Why not |");
        let _ = writeln!(s, "|---|---|---|---|---|");
        for c in checked {
            let mark = if c.outcome.met {
                "✅"
            } else if c.fails_check() {
                "❌"
            } else {
                "⚠️"
            };
            let mut why: Vec<String> = c
                .outcome
                .against
                .iter()
                .map(|v| {
                    let how = if v.reach == Reach::Unreachable {
                        "blocked by"
                    } else {
                        "through"
                    };
                    let ids: Vec<&str> = v.explanations.iter().map(|e| e.code()).collect();
                    format!(
                        "{} → {}: {} {how} {} ({}) {}",
                        code(v.from.key()),
                        code(&destination(&v.to, v.port)),
                        v.reach.key(),
                        code(culprit(v)),
                        cell(&ids.join(", ")),
                        cell(&say::verdict_text(v, lang))
                    )
                })
                .collect();
            if let Some(p) = problem_text(c, lang) {
                why.push(cell(&p));
            }
            let _ = writeln!(
                s,
                "| {mark} | {} | {} | {} | {} |",
                code(&c.intent.id),
                c.intent.severity.key(),
                cell(&c.text),
                why.join("<br>")
            );
        }
        s.push('\n');
    }
    let problems: Vec<FindingOut> = analysis
        .diagnostics
        .iter()
        .map(|d| FindingOut {
            id: d.message.id.code(),
            severity: severity_key(d.severity),
            components: d.component.iter().map(|c| c.as_str()).collect(),
            text: say::render(&d.message, lang),
        })
        .chain(analysis.findings.iter().map(|f| FindingOut {
            id: f.id.code(),
            severity: severity_key(f.severity),
            components: f.components.iter().map(|c| c.as_str()).collect(),
            text: say::render(&f.message, lang),
        }))
        .collect();
    let reachable = analysis.verdicts.iter().filter(|v| v.reach == Reach::Reachable).count();
    let _ = writeln!(
        s,
        "{} verdicts ({reachable} reachable), {} findings.\n",
        analysis.verdicts.len(),
        problems.len()
    );
    findings_table(&mut s, "Findings", &problems);
    s
}

fn findings_table(s: &mut String, title: &str, items: &[FindingOut]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(s, "<details><summary>{title} ({})</summary>\n", items.len());
    let _ = writeln!(s, "| Id | Severity | Components | Finding |");
    let _ = writeln!(s, "|---|---|---|---|");
    for f in items {
        let components: Vec<String> = f.components.iter().map(|c| code(c)).collect();
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            code(f.id),
            f.severity,
            components.join(", "),
            cell(&f.text)
        );
    }
    let _ = writeln!(s, "\n</details>\n");
}

fn paths_table(s: &mut String, title: &str, items: &[PathOut]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(s, "**{title} ({})**\n", items.len());
    let _ = writeln!(s, "| From | To | Before | After | Change |");
    let _ = writeln!(s, "|---|---|---|---|---|");
    for p in items {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} |",
            code(p.from),
            code(&destination_port(p)),
            p.before.unwrap_or("—"),
            p.after.unwrap_or("—"),
            cell(&p.text)
        );
    }
    s.push('\n');
}

/// The diff report.
pub fn diff(o: &diffcmd::Output, lang: Lang) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "### vpcplay diff {} → {}\n", code(o.old), code(o.new));
    if o.is_empty() {
        let _ = writeln!(s, "✅ No change in reachability, findings or problems.");
        return s;
    }
    let mark = if o.opens() { "⚠️" } else { "ℹ️" };
    let _ = writeln!(s, "{mark} **{}**\n", diffcmd::summary(o, lang));
    paths_table(&mut s, "Paths opened", &o.opened);
    paths_table(&mut s, "Paths closed", &o.closed);
    paths_table(&mut s, "Paths made partial", &o.partial);
    findings_table(&mut s, "Findings added", &o.findings_added);
    findings_table(&mut s, "Findings fixed", &o.findings_fixed);
    findings_table(&mut s, "Problems added", &o.problems_added);
    findings_table(&mut s, "Problems resolved", &o.problems_resolved);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_keep_ids_as_written_and_open_no_tags() {
        assert_eq!(cell("Orders* | orders_fn"), "Orders\\* \\| orders\\_fn");
        assert_eq!(cell("<script>&\nnext"), "&lt;script>&amp;<br>next");
        assert_eq!(code("a|b`c"), "`a\\|bc`");
    }
}

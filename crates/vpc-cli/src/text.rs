//! `vpcplay check` without `--json`: a readable report, grouped by function.
//!
//! ```text
//! orders-fn
//!   ✗ internet  unreachable
//!       orders-fn is in public-a, whose route sends internet traffic to main-igw, …
//!       blocked by: public-rt
//!       path: orders-fn → app-sg → public-rt ✗
//!       why: L6.public-subnet
//! ```

use crate::json::severity_key;
use std::fmt::Write as _;
use vpc_engine::explain::Lang;
use vpc_engine::model::Document;
use vpc_engine::reach::{Reach, Source, Verdict};
use vpc_engine::Analysis;

/// The few words of the report's own (the sentences come from the engine's catalogue).
struct Labels {
    from_internet: &'static str,
    blocked_by: &'static str,
    path: &'static str,
    why: &'static str,
    subnets: &'static str,
    problems: &'static str,
    findings: &'static str,
    no_functions: &'static str,
    reach: fn(Reach) -> &'static str,
    summary: fn(&Counts) -> String,
}

struct Counts {
    verdicts: usize,
    reachable: usize,
    unreachable: usize,
    partial: usize,
    problems: usize,
    findings: usize,
}

const EN: Labels = Labels {
    from_internet: "From the internet",
    blocked_by: "blocked by",
    path: "path",
    why: "why",
    subnets: "per subnet",
    problems: "Problems in the design",
    findings: "Findings",
    no_functions: "The design has no Lambda functions to evaluate.",
    reach: |r| match r {
        Reach::Reachable => "reachable",
        Reach::Unreachable => "unreachable",
        Reach::Partial => "partial",
    },
    summary: |c| {
        format!(
            "{} verdict(s): {} reachable, {} unreachable, {} partial; {} problem(s) in the design; {} finding(s).",
            c.verdicts, c.reachable, c.unreachable, c.partial, c.problems, c.findings
        )
    },
};

const ZH: Labels = Labels {
    from_internet: "从互联网访问",
    blocked_by: "阻断于",
    path: "路径",
    why: "依据",
    subnets: "按子网",
    problems: "设计中的问题",
    findings: "建议",
    no_functions: "此设计中没有可评估的 Lambda 函数。",
    reach: |r| match r {
        Reach::Reachable => "可达",
        Reach::Unreachable => "不可达",
        Reach::Partial => "部分可达",
    },
    summary: |c| {
        format!(
            "共 {} 个结论：{} 个可达，{} 个不可达，{} 个部分可达；设计问题 {} 个；建议 {} 条。",
            c.verdicts, c.reachable, c.unreachable, c.partial, c.problems, c.findings
        )
    },
};

fn marker(r: Reach) -> char {
    match r {
        Reach::Reachable => '✓',
        Reach::Unreachable => '✗',
        Reach::Partial => '◐',
    }
}

/// The whole report. `verbose` adds every hop with its explanation.
pub fn report(doc: &Document, analysis: &Analysis, lang: Lang, verbose: bool) -> String {
    let l = match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    };
    let mut out = String::new();
    if !doc.name.is_empty() {
        let _ = writeln!(out, "{}\n", doc.name);
    }
    if doc.functions.is_empty() {
        let _ = writeln!(out, "{}\n", l.no_functions);
    }

    // Verdicts come sorted by source; group consecutive runs.
    let mut rest = analysis.verdicts.as_slice();
    while let Some(first) = rest.first() {
        let n = rest.iter().take_while(|v| v.from == first.from).count();
        let (group, tail) = rest.split_at(n);
        rest = tail;
        match &first.from {
            Source::Function(id) => {
                let name = doc.display_name(id.as_str());
                if name == id.as_str() {
                    let _ = writeln!(out, "{id}");
                } else {
                    let _ = writeln!(out, "{id} ({name})");
                }
            }
            Source::Internet => {
                let _ = writeln!(out, "{}", l.from_internet);
            }
        }
        let width = group.iter().map(|v| destination(v).chars().count()).max().unwrap_or(0);
        for v in group {
            verdict(&mut out, v, width, l, lang, verbose);
        }
        out.push('\n');
    }

    if !analysis.diagnostics.is_empty() {
        let _ = writeln!(out, "{}", l.problems);
        for d in &analysis.diagnostics {
            let mut at = d.component.as_ref().map(|c| c.to_string()).unwrap_or_default();
            if let Some(field) = &d.field {
                let _ = write!(at, "{}{field}", if at.is_empty() { "" } else { "." });
            }
            let _ = writeln!(out, "  {:<7} {}  {}", severity_key(d.severity), d.message.id.code(), at);
            let _ = writeln!(out, "          {}", d.message.render(lang));
        }
        out.push('\n');
    }
    if !analysis.findings.is_empty() {
        let _ = writeln!(out, "{}", l.findings);
        for f in &analysis.findings {
            let components: Vec<&str> = f.components.iter().map(|c| c.as_str()).collect();
            let _ = writeln!(
                out,
                "  {:<7} {}  {}",
                severity_key(f.severity),
                f.id.code(),
                components.join(", ")
            );
            let _ = writeln!(out, "          {}", f.message.render(lang));
        }
        out.push('\n');
    }

    let count = |r| analysis.verdicts.iter().filter(|v| v.reach == r).count();
    let counts = Counts {
        verdicts: analysis.verdicts.len(),
        reachable: count(Reach::Reachable),
        unreachable: count(Reach::Unreachable),
        partial: count(Reach::Partial),
        problems: analysis.diagnostics.len(),
        findings: analysis.findings.len(),
    };
    let _ = writeln!(out, "{}", (l.summary)(&counts));
    out
}

/// `internet`, `s3`, or `orders-db:5432` for a component (its port matters).
fn destination(v: &Verdict) -> String {
    match &v.to {
        vpc_engine::reach::Destination::Component(id) => format!("{id}:{}", v.port),
        other => other.key().to_owned(),
    }
}

fn verdict(out: &mut String, v: &Verdict, width: usize, l: &Labels, lang: Lang, verbose: bool) {
    let dest = destination(v);
    let pad = width.saturating_sub(dest.chars().count());
    let _ = writeln!(out, "  {} {dest}{:pad$}  {}", marker(v.reach), "", (l.reach)(v.reach));
    let indent = "      ";
    let _ = writeln!(out, "{indent}{}", v.message.render(lang));
    if let Some(b) = &v.blocked_by {
        let _ = writeln!(out, "{indent}{}: {b}", l.blocked_by);
    }
    if !v.path.is_empty() {
        let _ = writeln!(out, "{indent}{}: {}", l.path, path(v));
    }
    if !v.explanations.is_empty() {
        let codes: Vec<&str> = v.explanations.iter().map(|e| e.code()).collect();
        let _ = writeln!(out, "{indent}{}: {}", l.why, codes.join(", "));
    }
    if v.reach == Reach::Partial {
        let _ = writeln!(out, "{indent}{}:", l.subnets);
        for t in &v.traces {
            let subnet = t.subnet.as_ref().map(|s| s.as_str()).unwrap_or("-");
            let az = t.az.as_deref().map(|az| format!(" ({az})")).unwrap_or_default();
            let ok = if t.disposition.is_success() { '✓' } else { '✗' };
            let blocked = t
                .blocked_by
                .as_ref()
                .map(|b| format!(" — {}: {b}", l.blocked_by))
                .unwrap_or_default();
            let _ = writeln!(out, "{indent}  {ok} {subnet}{az}{blocked}");
        }
    }
    if verbose {
        for (i, h) in v.path.iter().enumerate() {
            let ok = if h.allowed { '✓' } else { '✗' };
            let _ = writeln!(
                out,
                "{indent}  {}. {ok} {} [{}] {}",
                i + 1,
                h.component,
                h.kind.key(),
                h.because.render(lang)
            );
        }
    }
}

/// The path's components as `a → b → c`, repeated neighbours merged and blocking hops
/// marked with ✗.
fn path(v: &Verdict) -> String {
    let mut groups: Vec<(&str, bool)> = Vec::new();
    for h in &v.path {
        match groups.last_mut() {
            Some((component, allowed)) if *component == h.component.as_str() => *allowed &= h.allowed,
            _ => groups.push((h.component.as_str(), h.allowed)),
        }
    }
    let parts: Vec<String> = groups
        .iter()
        .map(|&(c, allowed)| if allowed { c.to_owned() } else { format!("{c} ✗") })
        .collect();
    parts.join(" → ")
}

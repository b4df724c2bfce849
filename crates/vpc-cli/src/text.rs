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
use crate::say;
use std::fmt::Write as _;
use vpc_engine::explain::Lang;
use vpc_engine::model::Document;
use vpc_engine::reach::{HopKind, Reach, Source, Verdict};
use vpc_engine::Analysis;

/// The few words of the report's own (the sentences come from the engine's catalogue).
struct Labels {
    from_internet: &'static str,
    unconnected: &'static str,
    blocked_by: &'static str,
    path: &'static str,
    why: &'static str,
    subnets: &'static str,
    /// What follows a label: `: ` in English, a full-width colon in Chinese.
    colon: &'static str,
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
    unconnected: "Not connected",
    blocked_by: "blocked by",
    path: "path",
    why: "why",
    subnets: "per subnet",
    colon: ": ",
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
    unconnected: "没有连接",
    blocked_by: "阻断于",
    path: "路径",
    why: "依据",
    subnets: "按子网",
    colon: "：",
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
        // Destinations with the same outcome, explained the same way, share one entry
        // (typically the AWS services behind one missing NAT gateway).
        let mut entries: Vec<(Vec<String>, Reach, String)> = Vec::new();
        for v in group {
            let body = verdict_body(doc, v, l, lang, verbose);
            match entries.iter_mut().find(|(_, reach, b)| *reach == v.reach && *b == body) {
                Some((dests, _, _)) => dests.push(destination(v)),
                None => entries.push((vec![destination(v)], v.reach, body)),
            }
        }
        let names: Vec<String> = entries.iter().map(|(dests, _, _)| dests.join(", ")).collect();
        // Align the verdict words, except after unusually long lists of destinations.
        let width = names
            .iter()
            .map(|n| n.chars().count())
            .filter(|&n| n <= 24)
            .max()
            .unwrap_or(0);
        for ((_, reach, body), name) in entries.iter().zip(&names) {
            let pad = width.saturating_sub(name.chars().count());
            let _ = writeln!(out, "  {} {name}{:pad$}  {}", marker(*reach), "", (l.reach)(*reach));
            out.push_str(body);
        }
        out.push('\n');
    }

    if !analysis.unconnected.is_empty() {
        let _ = writeln!(out, "{}", l.unconnected);
        for g in &analysis.unconnected {
            let _ = writeln!(
                out,
                "  {} {} → {}  {}",
                marker(Reach::Unreachable),
                g.vpc,
                g.other_vpc,
                (l.reach)(Reach::Unreachable)
            );
            let _ = writeln!(out, "      {}", say::render(&g.message, lang));
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
            let _ = writeln!(out, "          {}", say::render(&d.message, lang));
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
            let _ = writeln!(out, "          {}", say::render(&f.message, lang));
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

/// Everything said about a verdict below its heading line.
fn verdict_body(doc: &Document, v: &Verdict, l: &Labels, lang: Lang, verbose: bool) -> String {
    let mut out = String::new();
    let indent = "      ";
    let _ = writeln!(out, "{indent}{}", say::verdict_text(v, lang));
    if let Some(b) = &v.blocked_by {
        let _ = writeln!(out, "{indent}{}{}{b}", l.blocked_by, l.colon);
    }
    if !v.path.is_empty() {
        let _ = writeln!(out, "{indent}{}{}{}", l.path, l.colon, path(doc, v));
    }
    if !v.explanations.is_empty() {
        let codes: Vec<&str> = v.explanations.iter().map(|e| e.code()).collect();
        let _ = writeln!(out, "{indent}{}{}{}", l.why, l.colon, codes.join(", "));
    }
    if v.reach == Reach::Partial {
        let _ = writeln!(out, "{indent}{}{}", l.subnets, l.colon.trim_end());
        for t in &v.traces {
            let subnet = t.subnet.as_ref().map(|s| s.as_str()).unwrap_or("-");
            let az = t.az.as_deref().map(|az| format!(" ({az})")).unwrap_or_default();
            let ok = if t.disposition.is_success() { '✓' } else { '✗' };
            let blocked = t
                .blocked_by
                .as_ref()
                .map(|b| format!(" — {}{}{b}", l.blocked_by, l.colon))
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
                say::render(&h.because, lang)
            );
        }
    }
    out
}

/// The path's components as `a → b → c`, repeated neighbours merged and blocking hops
/// marked with ✗. A function's network interface and a subnet's default NACL are named after
/// their subnet (`public-a ENI`, `public-a NACL`), since they have no id of their own.
pub(crate) fn path(doc: &Document, v: &Verdict) -> String {
    let mut groups: Vec<(String, bool)> = Vec::new();
    for h in &v.path {
        let id = h.component.as_str();
        let is_subnet = doc.subnets.iter().any(|s| s.id.as_str() == id);
        let label = match h.kind {
            HopKind::Eni if is_subnet => format!("{id} ENI"),
            HopKind::NaclOut | HopKind::NaclIn if is_subnet => format!("{id} NACL"),
            _ => id.to_owned(),
        };
        match groups.last_mut() {
            Some((last, allowed)) if *last == label => *allowed &= h.allowed,
            _ => groups.push((label, h.allowed)),
        }
    }
    let parts: Vec<String> = groups
        .into_iter()
        .map(|(c, allowed)| if allowed { c } else { format!("{c} ✗") })
        .collect();
    parts.join(" → ")
}

/// The import report of a template or a Terraform configuration, before the verdicts.
pub fn import_report(r: &vpc_cfn::Report, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let terraform = r.format.starts_with("terraform");
    let mut s = String::new();
    let _ = match (zh, terraform) {
        (true, false) => writeln!(
            s,
            "模板（{}）：已建模 {} 个资源，未建模 {} 个，因条件跳过 {} 个",
            r.format,
            r.modelled.len(),
            r.not_modelled.len(),
            r.skipped.len()
        ),
        (false, false) => writeln!(
            s,
            "Template ({}): {} resources modelled, {} not modelled, {} skipped by a condition",
            r.format,
            r.modelled.len(),
            r.not_modelled.len(),
            r.skipped.len()
        ),
        (true, true) => writeln!(
            s,
            "Terraform（{}）：已建模 {} 个资源，未建模 {} 个",
            r.format,
            r.modelled.len(),
            r.not_modelled.len()
        ),
        (false, true) => writeln!(
            s,
            "Terraform ({}): {} resources modelled, {} not modelled",
            r.format,
            r.modelled.len(),
            r.not_modelled.len()
        ),
    };
    let (not, skipped, params, outside, note) = match (zh, terraform) {
        (true, false) => ("未建模", "已跳过", "参数", "模板之外", "说明"),
        (false, false) => ("not modelled", "skipped", "parameter", "outside this template", "note"),
        (true, true) => ("未建模", "已跳过", "变量", "配置之外", "说明"),
        (false, true) => (
            "not modelled",
            "skipped",
            "variable",
            "outside this configuration",
            "note",
        ),
    };
    let colon = if zh { "：" } else { ": " };
    for m in &r.modules {
        let label = if zh { "模块" } else { "module" };
        let _ = write!(s, "  {label}{colon}{} ({})", m.address, m.source);
        let _ = match (m.expanded, &m.assumed_version, zh) {
            (true, Some(v), false) => write!(s, " — expanded, as version {v}"),
            (true, Some(v), true) => write!(s, " — 已展开，按版本 {v}"),
            (true, None, false) => write!(s, " — expanded"),
            (true, None, true) => write!(s, " — 已展开"),
            (false, _, false) => write!(
                s,
                " — not expanded: {}; its resources are outside this configuration",
                m.why
            ),
            (false, _, true) => write!(s, " — 未展开：{}；其资源在配置之外", m.why),
        };
        s.push('\n');
    }
    for n in &r.not_modelled {
        let _ = writeln!(s, "  {not}{colon}{} ({}) — {}", n.id, n.resource_type, n.reason);
    }
    for n in &r.skipped {
        let _ = writeln!(s, "  {skipped}{colon}{} ({}) — {}", n.id, n.resource_type, n.reason);
    }
    for p in &r.parameters {
        if p.ty == "unknown" {
            // Terraform: a value known only after apply that the design rests on.
            let _ = if zh {
                writeln!(
                    s,
                    "  应用后才知道{colon}{} — 经过 {} 的结论都是推测",
                    p.name,
                    p.components.join("、")
                )
            } else {
                writeln!(
                    s,
                    "  unknown until apply{colon}{} — verdicts through {} are a guess",
                    p.name,
                    p.components.join(", ")
                )
            };
            continue;
        }
        let _ = write!(s, "  {params}{colon}{} = {} ({})", p.name, p.value, p.source);
        if p.source == "assumed" {
            let _ = match (zh, p.network) {
                (false, true) => write!(
                    s,
                    " — no value given: {}; feeds {}, so verdicts through it say \"assumes\"",
                    p.why,
                    p.feeds.join(", ")
                ),
                (false, false) => write!(s, " — no value given: {}; no network value depends on it", p.why),
                (true, true) => write!(
                    s,
                    " — 未给出取值：{}；它用于 {}，经过它的结论都会注明“假设”",
                    p.why,
                    p.feeds.join("、")
                ),
                (true, false) => write!(s, " — 未给出取值：{}；没有网络配置依赖它", p.why),
            };
        }
        s.push('\n');
    }
    for g in &r.generated {
        let label = if zh { "SAM 生成" } else { "generated by SAM" };
        let _ = writeln!(s, "  {label}{colon}{} ({}, from {})", g.id, g.resource_type, g.by);
    }
    for o in &r.outside {
        let _ = writeln!(s, "  {outside}{colon}{} ({}, {})", o.id, o.kind, o.source);
    }
    for n in &r.notes {
        let _ = writeln!(s, "  {note}{colon}{n}");
    }
    for w in &r.warnings {
        let label = if zh { "警告" } else { "warning" };
        let _ = writeln!(s, "  {label}{colon}{w}");
    }
    s.push('\n');
    s
}

//! `vpcplay diff OLD NEW`: what a change does to reachability, in words.
//!
//! Both files are read as `check` reads them and analysed; the engine's `diff` module (the
//! browser's compare view uses it too) says which paths opened, closed or became partial and
//! which findings and problems came or went. This module words each change ("this change
//! gave orders-fn a path to the internet through nat-a") and prints text, JSON or Markdown.

use crate::intents::opening_component;
use crate::json::{severity_key, FindingOut};
use crate::say;
use serde::Serialize;
use std::fmt::Write as _;
use vpc_engine::diff::{Changed, Diff, PathChange};
use vpc_engine::explain::Lang;
use vpc_engine::lesson::destination_name;
use vpc_engine::model::Document;
use vpc_engine::reach::{Reach, Source, Verdict};
use vpc_engine::Analysis;

/// One side of the comparison.
pub struct Side<'a> {
    pub file: &'a str,
    pub doc: &'a Document,
    pub analysis: &'a Analysis,
}

/// One changed path, worded.
#[derive(Serialize)]
pub struct PathOut<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub port: u16,
    pub before: Option<&'static str>,
    pub after: Option<&'static str>,
    /// The gateway, endpoint or peering connection (or, from the internet, the security
    /// group) that lets the new path through.
    pub through: Option<&'a str>,
    /// What stops the path now (closed, or partial: the first subnet's blocker).
    pub blocked_by: Option<&'a str>,
    /// The explanation ids of the verdict after the change (before it, for a path gone).
    pub explanations: Vec<&'static str>,
    pub text: String,
    /// Whether this change opens exposure (`opened`, or partial where it was closed).
    #[serde(skip)]
    pub opens: bool,
}

#[derive(Serialize)]
pub struct Output<'a> {
    pub old: &'a str,
    pub new: &'a str,
    pub opened: Vec<PathOut<'a>>,
    pub closed: Vec<PathOut<'a>>,
    pub partial: Vec<PathOut<'a>>,
    pub findings_added: Vec<FindingOut<'a>>,
    pub findings_fixed: Vec<FindingOut<'a>>,
    pub problems_added: Vec<FindingOut<'a>>,
    pub problems_resolved: Vec<FindingOut<'a>>,
}

impl Output<'_> {
    /// Any path opened (or made partial where it was closed).
    pub fn opens(&self) -> bool {
        !self.opened.is_empty() || self.partial.iter().any(|p| p.opens)
    }

    /// Any path closed (or made partial where it was open).
    pub fn closes(&self) -> bool {
        !self.closed.is_empty() || self.partial.iter().any(|p| !p.opens)
    }

    pub fn is_empty(&self) -> bool {
        self.opened.is_empty()
            && self.closed.is_empty()
            && self.partial.is_empty()
            && self.findings_added.is_empty()
            && self.findings_fixed.is_empty()
            && self.problems_added.is_empty()
            && self.problems_resolved.is_empty()
    }
}

fn find<'a>(a: &'a Analysis, c: &Changed) -> Option<&'a Verdict> {
    a.verdicts
        .iter()
        .find(|v| &v.from == c.from && &v.to == c.to && v.port == c.port)
}

/// A destination in words, with its port when it is a component (a target's port matters).
fn dest(doc: &Document, c: &Changed, lang: Lang) -> String {
    let name = destination_name(doc, c.to, lang);
    match (c.to, lang) {
        (vpc_engine::reach::Destination::Component(_), Lang::En) => format!("{name} on port {}", c.port),
        (vpc_engine::reach::Destination::Component(_), Lang::Zh) => format!("{name}（端口 {}）", c.port),
        _ => name,
    }
}

/// The subnets a partial path stops in, and at what: "from isolated-a it stops at
/// isolated-rt".
fn stops(v: &Verdict, lang: Lang) -> String {
    let parts: Vec<String> = v
        .traces
        .iter()
        .filter(|t| !t.disposition.is_success())
        .map(|t| {
            let subnet = t.subnet.as_ref().map_or("-", |s| s.as_str());
            let at = t.blocked_by.as_ref().map_or("-", |b| b.as_str());
            match lang {
                Lang::En => format!("from {subnet} it stops at {at}"),
                Lang::Zh => format!("从 {subnet} 出发在 {at} 被阻断"),
            }
        })
        .collect();
    parts.join(if lang == Lang::En { "; " } else { "；" })
}

fn words(c: &Changed, old: &Side, new: &Side, after: Option<&Verdict>, lang: Lang) -> String {
    let en = lang == Lang::En;
    let internet = *c.from == Source::Internet;
    let doc = if after.is_some() { new.doc } else { old.doc };
    let who = match c.from {
        Source::Internet if en => "the internet".to_owned(),
        Source::Internet => "互联网".to_owned(),
        Source::Function(id) => doc.display_name(id.as_str()).to_owned(),
    };
    let to = dest(doc, c, lang);
    let through = |v: &Verdict| {
        let g = opening_component(v);
        let g = doc.display_name(g).to_owned();
        match (g == who, en) {
            (true, _) => String::new(),
            (false, true) => format!(" through {g}"),
            (false, false) => format!("，经由 {g}"),
        }
    };
    match (c.change, after) {
        (PathChange::Opened, Some(v)) if internet && en => {
            format!("this change opened {to} to the internet{}", through(v))
        }
        (PathChange::Opened, Some(v)) if internet => format!("这次改动使互联网能访问 {to}{}", through(v)),
        (PathChange::Opened, Some(v)) if en => format!("this change gave {who} a path to {to}{}", through(v)),
        (PathChange::Opened, Some(v)) => format!("这次改动使 {who} 能访问 {to}{}", through(v)),
        (PathChange::BecamePartial, Some(v)) if c.before == Some(Reach::Reachable) && en => format!(
            "this change left {who} a path to {to} from some of its subnets only: {}",
            stops(v, lang)
        ),
        (PathChange::BecamePartial, Some(v)) if c.before == Some(Reach::Reachable) => {
            format!("这次改动后 {who} 只能从部分子网访问 {to}：{}", stops(v, lang))
        }
        (PathChange::BecamePartial, Some(v)) if en => format!(
            "this change gave {who} a path to {to}{} from some of its subnets: {}",
            through(v),
            stops(v, lang)
        ),
        (PathChange::BecamePartial, Some(v)) => {
            format!(
                "这次改动使 {who} 能从部分子网访问 {to}{}：{}",
                through(v),
                stops(v, lang)
            )
        }
        (_, Some(v)) => {
            let at = v.blocked_by.as_ref().map_or("-", |b| b.as_str());
            let why = say::verdict_text(v, lang);
            if en {
                format!("this change closed {who}'s path to {to}: it now stops at {at} ({why})")
            } else {
                format!("这次改动切断了 {who} 到 {to} 的路径：现在在 {at} 被阻断（{why}）")
            }
        }
        (_, None) => {
            let gone = match c.from {
                Source::Function(id) if !new.doc.components().any(|(c, _)| c == id.as_str()) => who.clone(),
                _ => destination_name(old.doc, c.to, lang),
            };
            if en {
                format!("this change removed {who}'s path to {to}: {gone} is no longer in the design")
            } else {
                format!("这次改动移除了 {who} 到 {to} 的路径：设计中已没有 {gone}")
            }
        }
    }
}

fn finding_out<'a>(
    id: &'static str,
    severity: vpc_engine::validate::Severity,
    components: Vec<&'a str>,
    text: String,
) -> FindingOut<'a> {
    FindingOut {
        id,
        severity: severity_key(severity),
        components,
        text,
    }
}

/// Everything that changed from `old` to `new`, worded.
pub fn output<'a>(old: &Side<'a>, new: &Side<'a>, d: &Diff<'a>, lang: Lang) -> Output<'a> {
    let mut out = Output {
        old: old.file,
        new: new.file,
        opened: Vec::new(),
        closed: Vec::new(),
        partial: Vec::new(),
        findings_added: d
            .findings_added
            .iter()
            .map(|f| {
                let c = f.components.iter().map(|c| c.as_str()).collect();
                finding_out(f.id.code(), f.severity, c, say::render(&f.message, lang))
            })
            .collect(),
        findings_fixed: d
            .findings_fixed
            .iter()
            .map(|f| {
                let c = f.components.iter().map(|c| c.as_str()).collect();
                finding_out(f.id.code(), f.severity, c, say::render(&f.message, lang))
            })
            .collect(),
        problems_added: d
            .problems_added
            .iter()
            .map(|p| {
                let c = p.component.iter().map(|c| c.as_str()).collect();
                finding_out(p.message.id.code(), p.severity, c, say::render(&p.message, lang))
            })
            .collect(),
        problems_resolved: d
            .problems_resolved
            .iter()
            .map(|p| {
                let c = p.component.iter().map(|c| c.as_str()).collect();
                finding_out(p.message.id.code(), p.severity, c, say::render(&p.message, lang))
            })
            .collect(),
    };
    for c in &d.paths {
        let after = c.after.and_then(|_| find(new.analysis, c));
        let before = find(old.analysis, c);
        let shown = after.or(before);
        let line = PathOut {
            from: c.from.key(),
            to: c.to.key(),
            port: c.port,
            before: c.before.map(Reach::key),
            after: c.after.map(Reach::key),
            through: after
                .filter(|v| v.reach != Reach::Unreachable)
                .map(opening_component)
                .filter(|g| *g != c.from.key()),
            blocked_by: after.and_then(|v| {
                v.blocked_by
                    .as_ref()
                    .map(|b| b.as_str())
                    .or_else(|| v.traces.iter().find_map(|t| t.blocked_by.as_ref().map(|b| b.as_str())))
            }),
            explanations: shown
                .map(|v| v.explanations.iter().map(|e| e.code()).collect())
                .unwrap_or_default(),
            text: words(c, old, new, after, lang),
            opens: c.change == PathChange::Opened
                || (c.change == PathChange::BecamePartial && c.before != Some(Reach::Reachable)),
        };
        match c.change {
            PathChange::Opened => out.opened.push(line),
            PathChange::Closed => out.closed.push(line),
            PathChange::BecamePartial => out.partial.push(line),
        }
    }
    out
}

/// The text report.
pub fn text(o: &Output, lang: Lang) -> String {
    let en = lang == Lang::En;
    let mut s = String::new();
    let _ = writeln!(s, "{} → {}", o.old, o.new);
    if o.is_empty() {
        let _ = writeln!(
            s,
            "{}",
            if en {
                "No change: the same paths, findings and problems."
            } else {
                "没有变化：路径、发现和问题都相同。"
            }
        );
        return s;
    }
    let section = |s: &mut String, title: &str, mark: char, items: &[PathOut]| {
        if items.is_empty() {
            return;
        }
        let _ = writeln!(s, "\n{title} ({})", items.len());
        for p in items {
            let _ = writeln!(s, "  {mark} {}", p.text);
            let why = p.explanations.join(", ");
            if !why.is_empty() {
                let _ = writeln!(s, "      {} → {}  [{why}]", p.from, destination_port(p));
            }
        }
    };
    let (opened, closed, partial) = if en {
        ("Paths opened", "Paths closed", "Paths made partial")
    } else {
        ("打开的路径", "关闭的路径", "变为部分可达的路径")
    };
    section(&mut s, opened, '+', &o.opened);
    section(&mut s, closed, '-', &o.closed);
    section(&mut s, partial, '◐', &o.partial);
    let findings = |s: &mut String, title: &str, mark: char, items: &[FindingOut]| {
        if items.is_empty() {
            return;
        }
        let _ = writeln!(s, "\n{title} ({})", items.len());
        for f in items {
            let _ = writeln!(s, "  {mark} {} [{}]: {}", f.id, f.severity, f.text);
        }
    };
    let titles = if en {
        [
            "Findings added",
            "Findings fixed",
            "Problems added",
            "Problems resolved",
        ]
    } else {
        ["新增的发现", "已解决的发现", "新增的问题", "已解决的问题"]
    };
    findings(&mut s, titles[0], '+', &o.findings_added);
    findings(&mut s, titles[1], '-', &o.findings_fixed);
    findings(&mut s, titles[2], '+', &o.problems_added);
    findings(&mut s, titles[3], '-', &o.problems_resolved);
    let _ = writeln!(s, "\n{}", summary(o, lang));
    s
}

/// `internet`, `s3`, or `orders-db:5432` for a component (its port matters).
pub fn destination_port(p: &PathOut) -> String {
    match p.to {
        "internet" | "internet-ipv6" => p.to.to_owned(),
        to if vpc_engine::model::AwsService::from_key(to).is_some() => to.to_owned(),
        to => format!("{to}:{}", p.port),
    }
}

/// One line: how many paths opened, closed, made partial, findings added and fixed.
pub fn summary(o: &Output, lang: Lang) -> String {
    if lang == Lang::Zh {
        format!(
            "{} 条路径打开，{} 条关闭，{} 条变为部分可达；新增 {} 个发现，解决 {} 个",
            o.opened.len(),
            o.closed.len(),
            o.partial.len(),
            o.findings_added.len(),
            o.findings_fixed.len()
        )
    } else {
        format!(
            "{} opened, {} closed, {} made partial; {} findings added, {} fixed",
            o.opened.len(),
            o.closed.len(),
            o.partial.len(),
            o.findings_added.len(),
            o.findings_fixed.len()
        )
    }
}

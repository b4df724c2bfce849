//! Verdicts that disagree with themselves: a reachable verdict whose path has a blocking
//! hop, an unreachable one that names no blocking component or whose sentence is the one a
//! delivered path ends with ("reaches it through the interface endpoint").
//!
//! The engine builds a verdict's parts in different places (the traces, the headline, the
//! explanation ids); this is the one check that they tell the same story. Tests run it over
//! every scenario, lesson, generated design and imported template.

use super::{Disposition, HopKind, Reach, Verdict};
use crate::explain::ExplanationId;
use crate::Analysis;
use std::collections::BTreeSet;

/// Which sentences end a delivered path and which stop one, as the analyses use them.
#[derive(Default)]
pub struct Polarity {
    /// The messages of destination hops on delivered traces: "it gets there" sentences.
    success: BTreeSet<ExplanationId>,
    /// The messages of blocking hops: "it stops here" sentences.
    failure: BTreeSet<ExplanationId>,
}

impl Polarity {
    /// Learns from every trace of `analyses`.
    pub fn learn<'a>(analyses: impl IntoIterator<Item = &'a Analysis>) -> Polarity {
        let mut p = Polarity::default();
        for a in analyses {
            for t in a.verdicts.iter().flat_map(|v| &v.traces) {
                match t.disposition {
                    Disposition::Delivered => {
                        if let Some(h) = t.hops.iter().rfind(|h| h.kind == HopKind::Destination) {
                            p.success.insert(h.because.id);
                        }
                    }
                    _ => {
                        if let Some(h) = t.blocking_hop() {
                            p.failure.insert(h.because.id);
                        }
                    }
                }
            }
        }
        // A sentence used both ways says nothing about the outcome on its own.
        let both: Vec<ExplanationId> = p.success.intersection(&p.failure).copied().collect();
        for id in both {
            p.success.remove(&id);
            p.failure.remove(&id);
        }
        p
    }
}

/// Every way `v` contradicts itself, in words (empty when it tells one story).
pub fn contradictions(v: &Verdict, polarity: &Polarity) -> Vec<String> {
    let mut out = Vec::new();
    let name = format!("{} → {}:{} ({})", v.from.key(), v.to.key(), v.port, v.reach.key());
    let delivered = v.traces.iter().filter(|t| t.disposition.is_success()).count();
    let expected = match delivered {
        0 => Reach::Unreachable,
        n if n == v.traces.len() => Reach::Reachable,
        _ => Reach::Partial,
    };
    if v.traces.is_empty() {
        out.push(format!("{name}: no trace"));
    } else if expected != v.reach {
        out.push(format!(
            "{name}: {delivered} of {} traces delivered, so {}",
            v.traces.len(),
            expected.key()
        ));
    }
    if v.explanations.is_empty() {
        out.push(format!("{name}: no explanation id"));
    }
    for t in &v.traces {
        let blocked = t.hops.iter().filter(|h| !h.allowed).count();
        if t.disposition.is_success() != (blocked == 0) {
            out.push(format!(
                "{name}: a trace {:?} with {blocked} blocking hop(s)",
                t.disposition
            ));
        }
        if !t.disposition.is_success() && t.blocking_hop().map(|h| &h.component) != t.blocked_by.as_ref() {
            out.push(format!(
                "{name}: a trace blocked by {:?} whose last hop is not that",
                t.blocked_by
            ));
        }
    }
    let headline = v.message.id;
    match v.reach {
        Reach::Reachable => {
            if v.blocked_by.is_some() {
                out.push(format!("{name}: reachable yet blocked by {:?}", v.blocked_by));
            }
            if v.path.iter().any(|h| !h.allowed) {
                out.push(format!("{name}: reachable yet its path has a blocking hop"));
            }
            if polarity.failure.contains(&headline) {
                out.push(format!(
                    "{name}: reachable, but its sentence {headline} is one that stops a path"
                ));
            }
        }
        Reach::Unreachable => {
            match (&v.blocked_by, v.path.last()) {
                (None, _) => out.push(format!("{name}: unreachable without a blocking component")),
                (Some(b), Some(last)) if last.allowed || &last.component != b => {
                    out.push(format!("{name}: blocked by {b}, but the path does not end there"))
                }
                _ => {}
            }
            if polarity.success.contains(&headline) {
                out.push(format!(
                    "{name}: unreachable, but its sentence {headline} is one that ends a delivered path"
                ));
            }
            if v.explanations.first().is_some_and(|id| polarity.success.contains(id)) {
                out.push(format!(
                    "{name}: unreachable, but its first explanation {} is one that ends a delivered path",
                    v.explanations[0]
                ));
            }
        }
        Reach::Partial => {
            if headline != ExplanationId::FPartial {
                out.push(format!("{name}: partial, but its sentence is {headline}"));
            }
        }
    }
    out
}

/// Every contradiction of every verdict of `analyses`, each named with its label.
pub fn all_contradictions<'a>(analyses: &[(&'a str, &'a Analysis)]) -> Vec<String> {
    let polarity = Polarity::learn(analyses.iter().map(|(_, a)| *a));
    let mut out = Vec::new();
    for (label, a) in analyses {
        for v in &a.verdicts {
            out.extend(
                contradictions(v, &polarity)
                    .into_iter()
                    .map(|c| format!("{label}: {c}")),
            );
        }
        for g in &a.unconnected {
            if g.trace.disposition.is_success() || g.trace.blocked_by.as_ref() != Some(&g.vpc) {
                out.push(format!(
                    "{label}: unconnected {} → {} is not blocked at {}",
                    g.vpc, g.other_vpc, g.vpc
                ));
            }
        }
    }
    out
}

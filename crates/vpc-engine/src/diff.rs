//! What changed between two analyses: the paths a change opened, closed or made partial, and
//! the design problems it introduced or fixed, and the findings (advice) it raised or cleared.
//!
//! Verdicts are matched by (source, destination, port). A path *opens* when it becomes
//! reachable, *closes* when it was reachable (or partly) and is no longer (or its source or
//! target is gone), and *becomes partial* when it now works from some of the function's
//! subnets only. A path that was and stays unreachable, whatever the reason, is no change.

use crate::findings::Finding;
use crate::hash::HashMap;
use crate::reach::{Destination, Reach, Source, Verdict};
use crate::validate::Diagnostic;
use crate::Analysis;

/// How a path changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PathChange {
    Opened,
    Closed,
    /// Now reachable from some of the function's subnets only.
    BecamePartial,
}

/// One changed path. `before`/`after` are `None` where the verdict does not exist (a
/// component added or removed).
#[derive(Clone, Debug, PartialEq)]
pub struct Changed<'a> {
    pub from: &'a Source,
    pub to: &'a Destination,
    pub port: u16,
    pub change: PathChange,
    pub before: Option<Reach>,
    pub after: Option<Reach>,
}

/// The changes of one source, for a sentence: "orders-fn now reaches X and no longer Y".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BySource<'a> {
    pub opened: Vec<&'a Destination>,
    pub closed: Vec<&'a Destination>,
    pub partial: Vec<&'a Destination>,
}

/// Everything that changed from `before` to `after`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Diff<'a> {
    /// In the order of the verdicts of `after` (sources by id, then destinations), then the
    /// paths that disappeared, in the order of `before`.
    pub paths: Vec<Changed<'a>>,
    /// Problems in `after` that `before` did not have.
    pub problems_added: Vec<&'a Diagnostic>,
    /// Problems of `before` that `after` no longer has.
    pub problems_resolved: Vec<&'a Diagnostic>,
    /// Findings of `after` that `before` did not raise (matched by id and components).
    pub findings_added: Vec<&'a Finding>,
    /// Findings of `before` that `after` no longer raises.
    pub findings_fixed: Vec<&'a Finding>,
}

impl<'a> Diff<'a> {
    /// No path and no design problem changed. Findings are left out: the change feedback
    /// shown after each edit is about paths and problems.
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty() && self.problems_added.is_empty() && self.problems_resolved.is_empty()
    }

    /// The paths that changed in `change`.
    pub fn of(&self, change: PathChange) -> impl Iterator<Item = &Changed<'a>> {
        self.paths.iter().filter(move |c| c.change == change)
    }

    /// The changes grouped by source, sources in order of first appearance.
    pub fn by_source(&self) -> Vec<(&'a Source, BySource<'a>)> {
        let mut out: Vec<(&Source, BySource)> = Vec::new();
        for c in &self.paths {
            let i = match out.iter().position(|(s, _)| *s == c.from) {
                Some(i) => i,
                None => {
                    out.push((c.from, BySource::default()));
                    out.len() - 1
                }
            };
            let g = &mut out[i].1;
            let list = match c.change {
                PathChange::Opened => &mut g.opened,
                PathChange::Closed => &mut g.closed,
                PathChange::BecamePartial => &mut g.partial,
            };
            if !list.contains(&c.to) {
                list.push(c.to);
            }
        }
        out
    }
}

fn change(before: Option<Reach>, after: Option<Reach>) -> Option<PathChange> {
    use Reach::*;
    match (before, after) {
        (b, Some(Reachable)) if b != Some(Reachable) => Some(PathChange::Opened),
        (b, Some(Partial)) if b != Some(Partial) => Some(PathChange::BecamePartial),
        (Some(Reachable | Partial), Some(Unreachable) | None) => Some(PathChange::Closed),
        _ => None,
    }
}

/// What identifies a verdict across two analyses.
type Key<'a> = (&'a Source, &'a Destination, u16);

fn key(v: &Verdict) -> Key<'_> {
    (&v.from, &v.to, v.port)
}

/// What changed from `before` to `after`.
pub fn diff<'a>(before: &'a Analysis, after: &'a Analysis) -> Diff<'a> {
    let mut paths = Vec::new();
    // Verdicts are matched by (from, to, port) through an index of each side: a design of a
    // few hundred components has thousands of verdicts, compared after every edit.
    let index = |a: &'a Analysis| -> HashMap<Key<'a>, &'a Verdict> { a.verdicts.iter().map(|v| (key(v), v)).collect() };
    let (before_index, after_index) = (index(before), index(after));
    for v in &after.verdicts {
        let b = before_index.get(&key(v)).copied();
        if let Some(c) = change(b.map(|b| b.reach), Some(v.reach)) {
            paths.push(Changed {
                from: &v.from,
                to: &v.to,
                port: v.port,
                change: c,
                before: b.map(|b| b.reach),
                after: Some(v.reach),
            });
        }
    }
    for b in &before.verdicts {
        if b.reach == Reach::Unreachable || after_index.contains_key(&key(b)) {
            continue;
        }
        paths.push(Changed {
            from: &b.from,
            to: &b.to,
            port: b.port,
            change: PathChange::Closed,
            before: Some(b.reach),
            after: None,
        });
    }
    let problems_added = after
        .diagnostics
        .iter()
        .filter(|d| !before.diagnostics.contains(d))
        .collect();
    let problems_resolved = before
        .diagnostics
        .iter()
        .filter(|d| !after.diagnostics.contains(d))
        .collect();
    let same = |a: &Finding, b: &Finding| a.id == b.id && a.components == b.components;
    let findings_added = after
        .findings
        .iter()
        .filter(|f| !before.findings.iter().any(|b| same(f, b)))
        .collect();
    let findings_fixed = before
        .findings
        .iter()
        .filter(|f| !after.findings.iter().any(|a| same(f, a)))
        .collect();
    Diff {
        paths,
        problems_added,
        problems_resolved,
        findings_added,
        findings_fixed,
    }
}

#[cfg(test)]
mod tests {
    use super::{change, PathChange::*};
    use crate::reach::Reach::*;

    #[test]
    fn every_transition_is_classified() {
        assert_eq!(change(Some(Unreachable), Some(Reachable)), Some(Opened));
        assert_eq!(change(None, Some(Reachable)), Some(Opened));
        assert_eq!(change(Some(Partial), Some(Reachable)), Some(Opened));
        assert_eq!(change(Some(Reachable), Some(Unreachable)), Some(Closed));
        assert_eq!(change(Some(Partial), Some(Unreachable)), Some(Closed));
        assert_eq!(change(Some(Reachable), None), Some(Closed));
        assert_eq!(change(Some(Reachable), Some(Partial)), Some(BecamePartial));
        assert_eq!(change(Some(Unreachable), Some(Partial)), Some(BecamePartial));
        assert_eq!(change(Some(Unreachable), Some(Unreachable)), None);
        assert_eq!(change(None, Some(Unreachable)), None);
        assert_eq!(change(Some(Unreachable), None), None);
        assert_eq!(change(Some(Reachable), Some(Reachable)), None);
        assert_eq!(change(Some(Partial), Some(Partial)), None);
    }
}

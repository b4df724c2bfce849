//! What the verdict list shows, as data: a source's verdicts in the order and groups of its
//! rows, and the words for a destination and a port. Used by the panels that name verdicts.

use crate::i18n::T;
use crate::state::document::short_title;
use crate::state::VerdictKey;
use vpc_engine::explain::Lang;
use vpc_engine::model::Document;
use vpc_engine::reach::{Destination, Outcome, Verdict};

/// A destination in words: "Internet", "S3", a database's name.
pub fn destination_label(doc: &Document, to: &Destination, lang: Lang) -> String {
    match to {
        Destination::Internet => T::Internet.get(lang).to_owned(),
        Destination::InternetIpv6 => format!("{} (IPv6)", T::Internet.get(lang)),
        Destination::Service(s) => short_title(*s).to_owned(),
        Destination::Component(id) => doc.display_name(id.as_str()).to_owned(),
    }
}

/// ` :6380` after a destination asked on several ports, naming the port of this verdict.
pub fn port_label(key: &VerdictKey) -> String {
    key.port.map(|p| format!(" :{p}")).unwrap_or_default()
}

/// A source's verdicts as the list shows them: the worst for the learner first (bad, mixed,
/// good, in the engine's order within each), and AWS service APIs that share their answer
/// and its cause (the same reach, deciding explanation and blocking component) gathered into
/// one expandable line when there are at least [`CLUSTER_AT`] of them.
pub enum Row<'a> {
    One(&'a Verdict),
    Services(Vec<&'a Verdict>),
}

/// How many service verdicts with one cause make a line of their own.
pub const CLUSTER_AT: usize = 3;

pub fn rows<'a>(verdicts: impl Iterator<Item = &'a Verdict>) -> Vec<Row<'a>> {
    let rank = |v: &Verdict| match v.outcome() {
        Outcome::Bad => 0,
        Outcome::Mixed => 1,
        Outcome::Good => 2,
    };
    let mut all: Vec<&Verdict> = verdicts.collect();
    // A stable order by rank through the engine's one sort routine (index as tie-break).
    let mut order: Vec<usize> = (0..all.len()).collect();
    vpc_engine::order::sort_by(&mut order, |&a, &b| rank(all[a]).cmp(&rank(all[b])).then(a.cmp(&b)));
    all = order.into_iter().map(|i| all[i]).collect();
    let cause = |v: &Verdict| (v.reach, v.explanations.first().copied(), v.blocked_by.clone());
    let mut out: Vec<Row<'a>> = Vec::new();
    let mut done = vec![false; all.len()];
    for i in 0..all.len() {
        if done[i] {
            continue;
        }
        let v = all[i];
        if matches!(v.to, Destination::Service(_)) {
            let same: Vec<usize> = (i..all.len())
                .filter(|&j| !done[j] && matches!(all[j].to, Destination::Service(_)) && cause(all[j]) == cause(v))
                .collect();
            if same.len() >= CLUSTER_AT {
                for &j in &same {
                    done[j] = true;
                }
                out.push(Row::Services(same.into_iter().map(|j| all[j]).collect()));
                continue;
            }
        }
        done[i] = true;
        out.push(Row::One(v));
    }
    out
}

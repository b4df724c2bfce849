//! Reachability: procedures A–D of aws-rules.md §13, one trace per function ENI.

mod verdict;

pub use verdict::*;

use crate::resolve::Resolved;

/// Every verdict of the design.
pub fn evaluate_all(resolved: &Resolved) -> Vec<Verdict> {
    let _ = resolved;
    Vec::new()
}

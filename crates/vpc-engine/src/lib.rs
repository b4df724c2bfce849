//! The VPC Playground reachability engine.
//!
//! Given a network design, it says what each Lambda function can reach (the internet, AWS
//! service APIs, databases and instances), the hop-by-hop path, what blocks it, and why,
//! in words a learner understands with the AWS documentation page behind each claim.
//!
//! Stages, each a module: [`model`] (the serde document) → [`validate`] (every problem,
//! never a panic) → [`resolve`] (effective route tables, NACLs and security groups) →
//! [`reach`] (verdicts) → [`explain`] (the catalogue that turns ids into sentences).
//! The engine does no IO and has no web dependency; it is deterministic and never fails:
//! a badly designed network is an answer, not an error.
//!
//! ```
//! use vpc_engine::{analyze, model::load, reach::{Destination, Reach}, explain::ExplanationId};
//!
//! let doc = load(r#"{
//!   "schema_version": 1,
//!   "functions": [ { "id": "orders-fn" } ]
//! }"#).unwrap();
//! let analysis = analyze(&doc);
//! let internet = analysis.verdict("orders-fn", &Destination::Internet).unwrap();
//! assert_eq!(internet.reach, Reach::Reachable);
//! // Outside a VPC, the Lambda-managed network has internet access (rule L2).
//! assert_eq!(internet.explanations[0], ExplanationId::L2Internet);
//! assert_eq!(internet.message.id, ExplanationId::L2Internet);
//! ```
//!
//! `internet.message.render(Lang::En)` turns the headline into a sentence from the
//! catalogue; every hop of `internet.path` carries its own message the same way.

pub mod cost;
pub mod diff;
pub mod explain;
pub mod findings;
pub mod generate;
mod hash;
pub mod lesson;
pub mod model;
pub mod order;
pub mod reach;
pub mod resolve;
pub mod validate;

use findings::Finding;
use model::Document;
use reach::{Destination, Verdict};
use serde::{Deserialize, Serialize};
use validate::Diagnostic;

/// Everything the engine concludes about a design.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    /// Problems in the design itself (malformed CIDRs, dangling references …).
    pub diagnostics: Vec<Diagnostic>,
    /// One verdict per (function, destination) and per (internet, public-facing target),
    /// in a deterministic order: sources by id, then destinations.
    pub verdicts: Vec<Verdict>,
    /// Functions and the targets in VPCs nothing connects to theirs: one answer per group
    /// of pairs (see [`Analysis::answer`] for one pair's verdict).
    pub unconnected: Vec<reach::Unconnected>,
    /// Advice that is not a verdict: single AZ, cross-AZ NAT, cost, open database …
    pub findings: Vec<Finding>,
    /// Public subnets and blackhole routes, for drawing the design (not part of any output
    /// format).
    #[serde(skip)]
    pub network: resolve::Network,
}

impl Analysis {
    /// The verdict for a source id (a function id, or `internet`) and destination.
    pub fn verdict(&self, from: &str, to: &Destination) -> Option<&Verdict> {
        self.verdicts.iter().find(|v| v.from.key() == from && &v.to == to)
    }

    /// The answer for a source and destination (on `port`, or on the first port asked): its
    /// verdict, or, for a function and a target in a VPC nothing connects to the
    /// function's, the verdict of that pair from its group.
    pub fn answer(&self, from: &str, to: &Destination, port: Option<u16>) -> Option<std::borrow::Cow<'_, Verdict>> {
        let found = self
            .verdicts
            .iter()
            .find(|v| v.from.key() == from && &v.to == to && port.is_none_or(|p| p == v.port));
        if let Some(v) = found {
            return Some(std::borrow::Cow::Borrowed(v));
        }
        self.unconnected
            .iter()
            .find_map(|g| g.verdict_for(from, to))
            .filter(|v| port.is_none_or(|p| p == v.port))
            .map(std::borrow::Cow::Owned)
    }
}

/// Validates, resolves and evaluates a design. Never panics, whatever the document holds.
pub fn analyze(doc: &Document) -> Analysis {
    let diagnostics = validate::validate(doc);
    let resolved = resolve::resolve(doc);
    let (verdicts, unconnected) = reach::evaluate_all(&resolved);
    let findings = findings::findings(&resolved, &verdicts);
    Analysis {
        diagnostics,
        verdicts,
        unconnected,
        findings,
        network: resolved.network(),
    }
}

//! Findings: advice about a design that is not a reachability verdict (high availability,
//! cost, exposure).

use crate::explain::{ExplanationId, Message};
use crate::model::ComponentId;
use crate::reach::Verdict;
use crate::resolve::Resolved;
use crate::validate::Severity;
use serde::{Deserialize, Serialize};

/// One piece of advice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub id: ExplanationId,
    pub severity: Severity,
    pub components: Vec<ComponentId>,
    pub message: Message,
}

/// Every finding for a resolved design and its verdicts.
pub fn findings(resolved: &Resolved, verdicts: &[Verdict]) -> Vec<Finding> {
    let _ = (resolved, verdicts);
    Vec::new()
}

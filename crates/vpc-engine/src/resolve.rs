//! Resolution: the effective network each subnet and ENI sees (route table with implicit
//! local routes and derived gateway-endpoint routes, route states, NACL, security groups),
//! with ids indexed so that evaluation never depends on document order.

use crate::model::Document;

/// A design indexed for evaluation.
pub struct Resolved<'a> {
    pub doc: &'a Document,
}

pub fn resolve(doc: &Document) -> Resolved<'_> {
    Resolved { doc }
}

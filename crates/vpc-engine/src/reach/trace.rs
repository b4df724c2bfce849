//! Building one trace: hops in order, the stop that ends a blocked flow, and the return
//! leg that stateless NACLs make necessary.

use super::filters::Peer;
use super::msg::M;
use super::verdict::{Disposition, Hop, HopKind, Trace};
use crate::explain::ExplanationId;
use crate::model::{ComponentId, SubnetId};
use crate::resolve::ResolvedSubnet;

/// Why a flow stopped. The blocking hop has already been pushed.
#[derive(Debug)]
pub(crate) struct Stop {
    pub disposition: Disposition,
    pub blocked_by: ComponentId,
    pub ids: Vec<ExplanationId>,
}

/// The result of one step of a flow: go on with a value, or stop.
pub(crate) type Step<T = ()> = Result<T, Stop>;

/// A NACL check the reply will need, registered when the request crosses a subnet boundary.
#[derive(Clone)]
pub(crate) struct ReturnCheck<'x, 'a> {
    pub subnet: &'x ResolvedSubnet<'a>,
    /// The direction of the reply at this subnet.
    pub outbound: bool,
    /// The other side of the reply (its destination when outbound, its source when inbound).
    pub peer: Peer<'x>,
    pub label: String,
}

/// A trace under construction.
pub(crate) struct TraceBuilder<'x, 'a> {
    pub hops: Vec<Hop>,
    /// Context that matters whatever the outcome; follows the deciding ids.
    notes: Vec<ExplanationId>,
    /// Notes that explain a routing failure better than the failure itself (an endpoint
    /// that exists but is bypassed): they lead the explanations when the route fails.
    leading: Vec<ExplanationId>,
    pub returns: Vec<ReturnCheck<'x, 'a>>,
}

impl<'x, 'a> TraceBuilder<'x, 'a> {
    pub fn new() -> Self {
        TraceBuilder {
            hops: Vec::with_capacity(16),
            notes: Vec::new(),
            leading: Vec::new(),
            returns: Vec::new(),
        }
    }

    /// A copy of the trace so far, to follow another branch of the flow from here.
    pub fn fork(&self) -> Self {
        TraceBuilder {
            hops: self.hops.clone(),
            notes: self.notes.clone(),
            leading: self.leading.clone(),
            returns: self.returns.clone(),
        }
    }

    /// A hop that lets the flow go on.
    pub fn pass(&mut self, component: &str, kind: HopKind, because: M) {
        self.hops.push(Hop {
            component: ComponentId::new(component),
            kind,
            allowed: true,
            because: because.done(),
        });
    }

    /// A hop that stops the flow; returns the stop to propagate with `?` or `Err`.
    pub fn block(
        &mut self,
        component: &str,
        kind: HopKind,
        because: M,
        disposition: Disposition,
        ids: &[ExplanationId],
    ) -> Stop {
        self.hops.push(Hop {
            component: ComponentId::new(component),
            kind,
            allowed: false,
            because: because.done(),
        });
        Stop {
            disposition,
            blocked_by: ComponentId::new(component),
            ids: ids.to_vec(),
        }
    }

    /// A hop that stops the flow for the reason its message names, and only that reason.
    pub fn stop(&mut self, component: &str, kind: HopKind, because: M, disposition: Disposition) -> Stop {
        let id = because.id();
        self.block(component, kind, because, disposition, &[id])
    }

    /// A trace that stops at its first hop, for the reason its message names: a flow that
    /// cannot start (a function whose configuration or subnet rules out an ENI).
    pub fn stopped(
        subnet: Option<&str>,
        az: Option<&str>,
        component: &str,
        kind: HopKind,
        because: M,
        disposition: Disposition,
    ) -> Trace {
        let mut tb = TraceBuilder::new();
        let stop = tb.stop(component, kind, because, disposition);
        tb.finish(subnet, az, Err(stop))
    }

    /// Context for the explanations, after the deciding ids.
    pub fn note(&mut self, id: ExplanationId) {
        if !self.notes.contains(&id) {
            self.notes.push(id);
        }
    }

    /// A note that leads the explanations if the flow then fails for want of a route.
    pub fn leading_note(&mut self, id: ExplanationId) {
        if !self.leading.contains(&id) {
            self.leading.push(id);
        }
    }

    /// The finished trace. `Ok(ids)` means delivered, `ids` saying why (deciding first).
    pub fn finish(self, subnet: Option<&str>, az: Option<&str>, result: Step<Vec<ExplanationId>>) -> Trace {
        let (disposition, blocked_by, mut explanations) = match result {
            Ok(ids) => (Disposition::Delivered, None, ids),
            Err(stop) => {
                let routing = matches!(
                    stop.disposition,
                    Disposition::NoRoute
                        | Disposition::NoPublicIp
                        | Disposition::BlackholeRoute
                        | Disposition::GatewayUnusable
                );
                let mut ids = if routing { self.leading.clone() } else { Vec::new() };
                ids.extend(stop.ids);
                (stop.disposition, Some(stop.blocked_by), ids)
            }
        };
        for id in self.leading.into_iter().chain(self.notes) {
            if !explanations.contains(&id) {
                explanations.push(id);
            }
        }
        dedup_in_order(&mut explanations);
        Trace {
            subnet: subnet.map(SubnetId::new),
            az: az.filter(|a| !a.is_empty()).map(str::to_owned),
            disposition,
            hops: self.hops.into(),
            blocked_by,
            explanations: explanations.into(),
        }
    }
}

/// Removes repeated ids, keeping the first occurrence.
pub(crate) fn dedup_in_order(ids: &mut Vec<ExplanationId>) {
    let mut i = 0;
    while i < ids.len() {
        if ids[..i].contains(&ids[i]) {
            ids.remove(i);
        } else {
            i += 1;
        }
    }
}

//! What evaluation returns: a verdict per (source, destination), with the hop-by-hop path.

use crate::explain::{ExplanationId, Message};
use crate::model::{AwsService, ComponentId, SubnetId};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

/// Who starts the flow.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A Lambda function, by id.
    Function(ComponentId),
    /// A client anywhere on the internet (for "can the internet reach this database?").
    Internet,
}

impl Source {
    /// The id printed by the CLI: the function id, or `internet`.
    pub fn key(&self) -> &str {
        match self {
            Source::Function(id) => id.as_str(),
            Source::Internet => "internet",
        }
    }
}

/// Where the flow is going.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Destination {
    /// Any public IPv4 address.
    Internet,
    /// Any public IPv6 address.
    InternetIpv6,
    /// An AWS service API in the design's Region.
    Service(AwsService),
    /// A database or instance in the design, by id.
    Component(ComponentId),
}

impl Destination {
    /// The CLI's `to` value: `internet`, `internet-ipv6`, a service key, or a component id.
    pub fn key(&self) -> &str {
        match self {
            Destination::Internet => "internet",
            Destination::InternetIpv6 => "internet-ipv6",
            Destination::Service(s) => s.key(),
            Destination::Component(id) => id.as_str(),
        }
    }
}

impl fmt::Display for Destination {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The answer for one (source, destination).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reach {
    Reachable,
    Unreachable,
    /// The answer differs between the function's subnets (and so its AZs).
    Partial,
}

impl Reach {
    pub fn key(self) -> &'static str {
        match self {
            Reach::Reachable => "reachable",
            Reach::Unreachable => "unreachable",
            Reach::Partial => "partial",
        }
    }
}

/// What a verdict means for the person reading it, which is not always what `reach` says:
/// a function reaching its database is the goal, the internet reaching a database is an
/// exposure. The web app colours verdicts by this (good green, bad red, mixed amber).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Good,
    Bad,
    /// Some subnets one way, some the other.
    Mixed,
}

impl Outcome {
    pub fn key(self) -> &'static str {
        match self {
            Outcome::Good => "good",
            Outcome::Bad => "bad",
            Outcome::Mixed => "mixed",
        }
    }
}

/// How one trace ended. A closed set: `Delivered` is the only success.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Disposition {
    Delivered,
    /// No route matches the destination.
    NoRoute,
    /// The matching route's target is gone or detached.
    BlackholeRoute,
    /// The path needs a public IP the source cannot have (Lambda behind an IGW).
    NoPublicIp,
    /// A gateway on the path cannot forward (NAT in a private subnet, private NAT, no EIP …).
    GatewayUnusable,
    DeniedBySg,
    DeniedByNacl,
    /// The network allows it; an endpoint policy denies it.
    DeniedByPolicy,
    /// The source cannot reach private addresses (a function outside any VPC).
    NotInVpc,
    /// Name resolution sends the traffic somewhere else (no DNS, private DNS off).
    Dns,
    /// The design lacks what is needed to decide (a missing subnet, an unreadable CIDR).
    InsufficientInfo,
}

impl Disposition {
    pub fn is_success(self) -> bool {
        self == Disposition::Delivered
    }
}

/// The kind of check a hop makes; the CLI prints it as `kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HopKind {
    /// The function itself (no VPC config: the Lambda-managed network).
    Function,
    /// The function's Hyperplane ENI in one subnet.
    Eni,
    SecurityGroupOut,
    SecurityGroupIn,
    NaclOut,
    NaclIn,
    /// A route-table lookup; `component` is the table, the note names the matched route.
    RouteTable,
    NatGateway,
    InternetGateway,
    EgressOnlyGateway,
    GatewayEndpoint,
    InterfaceEndpoint,
    PeeringConnection,
    Dns,
    /// An endpoint policy check.
    Policy,
    /// The destination itself (the internet, a service, a database).
    Destination,
}

impl HopKind {
    pub fn key(self) -> &'static str {
        match self {
            HopKind::Function => "function",
            HopKind::Eni => "eni",
            HopKind::SecurityGroupOut => "security_group_out",
            HopKind::SecurityGroupIn => "security_group_in",
            HopKind::NaclOut => "nacl_out",
            HopKind::NaclIn => "nacl_in",
            HopKind::RouteTable => "route_table",
            HopKind::NatGateway => "nat_gateway",
            HopKind::InternetGateway => "internet_gateway",
            HopKind::EgressOnlyGateway => "egress_only_gateway",
            HopKind::GatewayEndpoint => "gateway_endpoint",
            HopKind::InterfaceEndpoint => "interface_endpoint",
            HopKind::PeeringConnection => "peering_connection",
            HopKind::Dns => "dns",
            HopKind::Policy => "policy",
            HopKind::Destination => "destination",
        }
    }
}

/// One step of a path: a component, what it decided, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hop {
    /// The component's id, or `internet` / a service key for the destination hop.
    pub component: ComponentId,
    pub kind: HopKind,
    pub allowed: bool,
    pub because: Message,
}

/// The hops of a trace, shared: functions with the same Hyperplane ENI (subnet and
/// security-group set) share one trace, and a verdict's [`Verdict::path`] shares the hops of
/// its representative trace. Reads like a slice (`iter`, `len`, indexing, `for h in &hops`);
/// changing it copies the hops first (copy on write). Serialized as a plain list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Hops(Arc<[Hop]>);

impl Hops {
    /// Whether two values share the same hops (not merely equal ones).
    pub fn ptr_eq(a: &Hops, b: &Hops) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }
}

impl Deref for Hops {
    type Target = [Hop];
    fn deref(&self) -> &[Hop] {
        &self.0
    }
}

impl DerefMut for Hops {
    fn deref_mut(&mut self) -> &mut [Hop] {
        Arc::make_mut(&mut self.0)
    }
}

impl From<Vec<Hop>> for Hops {
    fn from(hops: Vec<Hop>) -> Self {
        Hops(hops.into())
    }
}

impl<'h> IntoIterator for &'h Hops {
    type Item = &'h Hop;
    type IntoIter = std::slice::Iter<'h, Hop>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Explanation ids, most important first, shared: every function with the same Hyperplane
/// ENI gets the same list, and a verdict with one trace (or whose traces agree) shares its
/// trace's. Reads like a slice (`iter`, `len`, indexing, `first`, `contains`, `for id in
/// &ids`); compares equal to a `Vec` or slice of the same ids. Serialized as a plain list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Explanations(Arc<[ExplanationId]>);

impl Explanations {
    /// Whether two values share the same list (not merely equal ones).
    pub fn ptr_eq(a: &Explanations, b: &Explanations) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }
}

impl Deref for Explanations {
    type Target = [ExplanationId];
    fn deref(&self) -> &[ExplanationId] {
        &self.0
    }
}

impl From<Vec<ExplanationId>> for Explanations {
    fn from(ids: Vec<ExplanationId>) -> Self {
        Explanations(ids.into())
    }
}

impl From<&[ExplanationId]> for Explanations {
    fn from(ids: &[ExplanationId]) -> Self {
        Explanations(ids.into())
    }
}

impl<'e> IntoIterator for &'e Explanations {
    type Item = &'e ExplanationId;
    type IntoIter = std::slice::Iter<'e, ExplanationId>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl PartialEq<Vec<ExplanationId>> for Explanations {
    fn eq(&self, other: &Vec<ExplanationId>) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<[ExplanationId]> for Explanations {
    fn eq(&self, other: &[ExplanationId]) -> bool {
        *self.0 == *other
    }
}

impl<const N: usize> PartialEq<[ExplanationId; N]> for Explanations {
    fn eq(&self, other: &[ExplanationId; N]) -> bool {
        *self.0 == other[..]
    }
}

/// The flow from one of the function's ENIs (one subnet), or from a non-VPC function.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trace {
    /// The subnet of the ENI; `None` for a function outside any VPC or the internet.
    pub subnet: Option<SubnetId>,
    /// The subnet's Availability Zone, when known.
    pub az: Option<String>,
    pub disposition: Disposition,
    pub hops: Hops,
    /// The component that stopped the flow.
    pub blocked_by: Option<ComponentId>,
    /// Explanation ids that decide it, most important first; never empty.
    pub explanations: Explanations,
}

/// The answer for one (source, destination, port), over all of the source's subnets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub from: Source,
    pub to: Destination,
    pub port: u16,
    pub reach: Reach,
    /// The representative path: the first blocked trace if any is blocked, else the first.
    /// Shares its hops with that trace.
    pub path: Hops,
    pub blocked_by: Option<ComponentId>,
    /// Explanation ids that decide the verdict (at least one), most important first.
    pub explanations: Explanations,
    /// The headline sentence.
    pub message: Message,
    /// One trace per subnet of the function (one for a non-VPC function), in the order of
    /// its VPC config. For `Partial`, these say which subnets succeed. Functions with the
    /// same ENI (subnet and security-group set) share these traces.
    pub traces: Vec<Arc<Trace>>,
    /// The port range a security group of the target opens that `port` stands for (it is
    /// the range's first port); see [`Verdict::range_note`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port_range: Option<(u16, u16)>,
}

/// Splits hops into the request leg (up to and including the destination hop) and the reply
/// leg after it (NACL checks on the way back, then the source's stateful security groups).
fn legs(hops: &[Hop]) -> (&[Hop], &[Hop]) {
    match hops.iter().position(|h| h.kind == HopKind::Destination) {
        Some(i) => hops.split_at(i + 1),
        None => (hops, &[]),
    }
}

impl Trace {
    /// The hop that stopped the flow (always the last one), if it was stopped.
    pub fn blocking_hop(&self) -> Option<&Hop> {
        self.hops.last().filter(|h| !h.allowed)
    }

    /// The request's hops and the reply's hops; see [`Verdict::legs`].
    pub fn legs(&self) -> (&[Hop], &[Hop]) {
        legs(&self.hops)
    }
}

impl Verdict {
    /// Good or bad for the learner: a function's path that works is good (what it was built
    /// for); a path from the internet that works is an exposure, so it is bad and its
    /// absence good.
    pub fn outcome(&self) -> Outcome {
        match (&self.from, self.reach) {
            (_, Reach::Partial) => Outcome::Mixed,
            (Source::Function(_), Reach::Reachable) | (Source::Internet, Reach::Unreachable) => Outcome::Good,
            (Source::Function(_), Reach::Unreachable) | (Source::Internet, Reach::Reachable) => Outcome::Bad,
        }
    }

    /// The sentence saying that `port` stands for a whole range, for verdicts asked on the
    /// first port of a range a security group opens; shown after the headline.
    pub fn range_note(&self) -> Option<Message> {
        let (from, to) = self.port_range?;
        let target = self
            .message
            .args
            .iter()
            .find(|(k, _)| *k == "target")
            .map(|(_, v)| Arc::clone(v));
        let mut m = Message::new(ExplanationId::FPortRange)
            .arg("port", self.port)
            .arg("value", format!("{from}–{to}"));
        if let Some(t) = target {
            m.args.push(("target", t));
        }
        Some(m)
    }
    /// The hop that stopped the representative path, if it was stopped. Its `component` is
    /// [`Verdict::blocked_by`].
    pub fn blocking_hop(&self) -> Option<&Hop> {
        self.path.last().filter(|h| !h.allowed)
    }

    /// The representative path split into the request leg (up to and including the
    /// destination hop) and the reply leg (NACL checks on every subnet boundary the request
    /// crossed, then the function's security groups letting the reply in). A flow stopped
    /// on the way out has no reply leg.
    pub fn legs(&self) -> (&[Hop], &[Hop]) {
        legs(&self.path)
    }

    /// The ids of the components on the representative path, in order, without repeats:
    /// what to highlight on the canvas. `internet`, `internet-ipv6` and service keys name
    /// the destination rather than a component of the design.
    pub fn components(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::with_capacity(self.path.len());
        for hop in &self.path {
            if !out.contains(&hop.component.as_str()) {
                out.push(hop.component.as_str());
            }
        }
        out
    }
}

/// Functions of one VPC and the targets of another VPC that no peering connection links to
/// it: every (function, target) pair has the same answer, unreachable for want of a
/// connection (DB3), so it is given once for the group instead of once per pair.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unconnected {
    /// The functions' VPC.
    pub vpc: ComponentId,
    /// The targets' VPC.
    pub other_vpc: ComponentId,
    /// The functions, with their display names.
    pub functions: Vec<(ComponentId, Arc<str>)>,
    /// The targets with the port asked and their display names.
    pub targets: Vec<(ComponentId, u16, Arc<str>)>,
    /// Display names of `vpc` and `other_vpc`.
    pub names: (Arc<str>, Arc<str>),
    /// The group's sentence (its functions and targets named, then counted).
    pub message: Message,
    /// The one trace: it stops at `vpc`, which no connection leaves towards `other_vpc`.
    pub trace: Arc<Trace>,
}

impl Unconnected {
    /// The verdict of one pair of the group, as if it had been listed on its own.
    pub fn verdict_for(&self, function: &str, to: &Destination) -> Option<Verdict> {
        let Destination::Component(target) = to else {
            return None;
        };
        let (fid, fname) = self.functions.iter().find(|(f, _)| f.as_str() == function)?;
        let (tid, port, tname) = self.targets.iter().find(|(t, _, _)| t == target)?;
        let message = Message::new(ExplanationId::Db3NotConnected)
            .arg_shared("function", Arc::clone(fname))
            .arg_shared("target", Arc::clone(tname))
            .arg_shared("vpc", Arc::clone(&self.names.0))
            .arg_shared("other_vpc", Arc::clone(&self.names.1))
            .arg("port", port);
        Some(Verdict {
            from: Source::Function(fid.clone()),
            to: Destination::Component(tid.clone()),
            port: *port,
            reach: Reach::Unreachable,
            path: self.trace.hops.clone(),
            blocked_by: Some(self.vpc.clone()),
            explanations: self.trace.explanations.clone(),
            message,
            traces: vec![Arc::clone(&self.trace)],
            port_range: None,
        })
    }
}

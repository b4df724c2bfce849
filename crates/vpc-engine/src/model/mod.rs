//! The design document: the only format the engine promises to keep reading.
//!
//! Everything here is plain serde data in the user's vocabulary. Values the user types
//! (CIDRs above all) are kept as text so that a malformed one survives a round trip and
//! is reported by `validate` instead of making the whole document unreadable.

mod compute;
mod ids;
mod load;
mod maps;
mod network;
mod security;
mod service;
mod unread;

pub(crate) use maps::nearest;

pub use compute::{Database, DatabaseEngine, DatabaseKind, Function, Instance, ServiceNode, VpcConfig};
pub use ids::*;
pub use load::{
    load, LoadError, LoadErrorKind, FORMAT, MAX_COMPONENTS, MAX_INPUT_BYTES, MAX_TEXT_CHARS, SCHEMA_VERSION,
};
pub use network::{
    Connectivity, EgressOnlyGateway, Endpoint, EndpointKind, EndpointPolicy, InternetGateway, NatGateway,
    PeeringConnection, Route, RouteDestination, RouteTable, RouteTarget, Subnet, Tenancy, Vpc,
};
pub use security::{Nacl, NaclAction, NaclRule, Protocol, SecurityGroup, SgPeer, SgRule};
pub use service::{AwsService, ServiceInfo};

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A whole network design, as saved, exported and shared.
///
/// Collections are plain lists: their order never influences a verdict (the engine
/// indexes them by id), it only keeps files stable and diffs readable.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Document {
    /// Format version of this document; see [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Human title of the design.
    pub name: String,
    /// Free text shown to whoever opens the design.
    pub description: String,
    /// AWS Region the design lives in. Gateway endpoints and prefix lists are per Region.
    pub region: String,
    pub vpcs: Vec<Vpc>,
    pub subnets: Vec<Subnet>,
    pub route_tables: Vec<RouteTable>,
    pub internet_gateways: Vec<InternetGateway>,
    pub egress_only_gateways: Vec<EgressOnlyGateway>,
    pub nat_gateways: Vec<NatGateway>,
    pub peering_connections: Vec<PeeringConnection>,
    pub endpoints: Vec<Endpoint>,
    pub security_groups: Vec<SecurityGroup>,
    pub network_acls: Vec<Nacl>,
    pub functions: Vec<Function>,
    pub databases: Vec<Database>,
    pub instances: Vec<Instance>,
    /// AWS services drawn on the canvas. Every service in the catalogue is evaluated
    /// whether or not it is drawn; these only say which ones the author cares about.
    pub services: Vec<ServiceNode>,
    /// Canvas geometry by component id. Never read by validation or reachability.
    pub layout: BTreeMap<String, Rect>,
    /// The traffic the cost estimate assumes, in GB per month that each function exchanges
    /// with a destination, by destination key (`internet`, `s3` …). Destinations left out
    /// use the default of `cost::DEFAULT_GB_PER_MONTH`. Never read by validation or reachability.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub traffic: BTreeMap<String, u32>,
    /// Members of the file that the design format does not have (a misspelled `"inbund"`, a
    /// field from another tool), noted by [`load`] and reported by validation. Not part of
    /// the format: never written, so a saved or exported copy holds only what was read.
    #[serde(skip)]
    pub unread: Vec<UnreadField>,
}

/// A member of a design file that no part of the format reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnreadField {
    /// Its path in the document: `security_groups[0].inbund`, `colour`.
    pub path: String,
    /// The id of the component it was written in, and the path inside it (`inbund`), when it
    /// is inside one.
    pub component: Option<(ComponentId, String)>,
    /// The field names read where it was written.
    pub known: &'static [&'static str],
    /// The one of `known` it is most likely a misspelling of.
    pub suggestion: Option<&'static str>,
}

/// Position and size of a component on the canvas, in world units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    #[serde(default)]
    pub w: f64,
    #[serde(default)]
    pub h: f64,
}

/// The kind of a component, for messages, hops and the UI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComponentKind {
    Vpc,
    Subnet,
    RouteTable,
    InternetGateway,
    EgressOnlyGateway,
    NatGateway,
    PeeringConnection,
    GatewayEndpoint,
    InterfaceEndpoint,
    SecurityGroup,
    NetworkAcl,
    Function,
    Database,
    Instance,
    Service,
}

impl ComponentKind {
    /// The document list that holds components of this kind (`subnets`, `endpoints` …), as
    /// field paths of diagnostics name it.
    pub fn list_name(self) -> &'static str {
        match self {
            ComponentKind::Vpc => "vpcs",
            ComponentKind::Subnet => "subnets",
            ComponentKind::RouteTable => "route_tables",
            ComponentKind::InternetGateway => "internet_gateways",
            ComponentKind::EgressOnlyGateway => "egress_only_gateways",
            ComponentKind::NatGateway => "nat_gateways",
            ComponentKind::PeeringConnection => "peering_connections",
            ComponentKind::GatewayEndpoint | ComponentKind::InterfaceEndpoint => "endpoints",
            ComponentKind::SecurityGroup => "security_groups",
            ComponentKind::NetworkAcl => "network_acls",
            ComponentKind::Function => "functions",
            ComponentKind::Database => "databases",
            ComponentKind::Instance => "instances",
            ComponentKind::Service => "services",
        }
    }
}

impl Document {
    /// An empty design in `us-east-1` at the current schema version.
    pub fn new(name: impl Into<String>) -> Self {
        Document {
            schema_version: SCHEMA_VERSION,
            name: name.into(),
            region: "us-east-1".into(),
            ..Document::default()
        }
    }

    /// Serialises to the export format `{ format, schema_version, document }`, pretty-printed.
    pub fn to_export_json(&self) -> String {
        load::to_export_json(self)
    }

    /// Every component id in the document with its kind, in document order.
    pub fn components(&self) -> impl Iterator<Item = (&str, ComponentKind)> {
        let v = self.vpcs.iter().map(|x| (x.id.as_str(), ComponentKind::Vpc));
        let s = self.subnets.iter().map(|x| (x.id.as_str(), ComponentKind::Subnet));
        let rt = self
            .route_tables
            .iter()
            .map(|x| (x.id.as_str(), ComponentKind::RouteTable));
        let igw = self
            .internet_gateways
            .iter()
            .map(|x| (x.id.as_str(), ComponentKind::InternetGateway));
        let eigw = self
            .egress_only_gateways
            .iter()
            .map(|x| (x.id.as_str(), ComponentKind::EgressOnlyGateway));
        let nat = self
            .nat_gateways
            .iter()
            .map(|x| (x.id.as_str(), ComponentKind::NatGateway));
        let pcx = self
            .peering_connections
            .iter()
            .map(|x| (x.id.as_str(), ComponentKind::PeeringConnection));
        let ep = self.endpoints.iter().map(|x| {
            let kind = match x.kind {
                EndpointKind::Gateway { .. } => ComponentKind::GatewayEndpoint,
                EndpointKind::Interface { .. } => ComponentKind::InterfaceEndpoint,
            };
            (x.id.as_str(), kind)
        });
        let sg = self
            .security_groups
            .iter()
            .map(|x| (x.id.as_str(), ComponentKind::SecurityGroup));
        let nacl = self
            .network_acls
            .iter()
            .map(|x| (x.id.as_str(), ComponentKind::NetworkAcl));
        let f = self.functions.iter().map(|x| (x.id.as_str(), ComponentKind::Function));
        let db = self.databases.iter().map(|x| (x.id.as_str(), ComponentKind::Database));
        let i = self.instances.iter().map(|x| (x.id.as_str(), ComponentKind::Instance));
        let svc = self.services.iter().map(|x| (x.id.as_str(), ComponentKind::Service));
        v.chain(s)
            .chain(rt)
            .chain(igw)
            .chain(eigw)
            .chain(nat)
            .chain(pcx)
            .chain(ep)
            .chain(sg)
            .chain(nacl)
            .chain(f)
            .chain(db)
            .chain(i)
            .chain(svc)
    }

    /// The display name of a component: its `name` if set, else its id.
    pub fn display_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.name_of(id).filter(|n| !n.is_empty()).unwrap_or(id)
    }

    fn name_of(&self, id: &str) -> Option<&str> {
        macro_rules! find {
            ($($list:ident),*) => {{
                $( if let Some(x) = self.$list.iter().find(|x| x.id.as_str() == id) { return Some(x.name.as_str()); } )*
                None
            }};
        }
        find!(
            vpcs,
            subnets,
            route_tables,
            internet_gateways,
            egress_only_gateways,
            nat_gateways,
            peering_connections,
            endpoints,
            security_groups,
            network_acls,
            functions,
            databases,
            instances,
            services
        )
    }
}

/// A CIDR block as the user typed it. Parsed (and reported when malformed) by the engine.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CidrText(pub String);

impl CidrText {
    pub fn new(s: impl Into<String>) -> Self {
        CidrText(s.into())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// Parses the text as a network. Host bits must be zero (`10.0.0.5/24` is refused).
    pub fn parse(&self) -> Result<ipnet::IpNet, CidrError> {
        parse_cidr(&self.0)
    }
}

impl From<&str> for CidrText {
    fn from(s: &str) -> Self {
        CidrText(s.to_owned())
    }
}

/// Why a CIDR text is not a usable network.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CidrError {
    /// Empty text.
    Empty,
    /// Not of the form `address/prefix`.
    Malformed,
    /// Host bits set: `10.0.0.5/24` where `10.0.0.0/24` was meant (the suggestion).
    HostBitsSet { suggestion: String },
}

/// Parses a CIDR block strictly: the form the AWS console accepts.
pub fn parse_cidr(text: &str) -> Result<ipnet::IpNet, CidrError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(CidrError::Empty);
    }
    let net: ipnet::IpNet = t.parse().map_err(|_| CidrError::Malformed)?;
    if net != net.trunc() {
        return Err(CidrError::HostBitsSet {
            suggestion: net.trunc().to_string(),
        });
    }
    Ok(net)
}

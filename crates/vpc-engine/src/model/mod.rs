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
mod store;
mod unread;

pub(crate) use maps::nearest;

pub use compute::{Database, DatabaseEngine, DatabaseKind, Function, Instance, ServiceNode, VpcConfig};
pub use ids::*;
pub use load::{
    decode, load, load_bytes, LoadError, LoadErrorKind, FORMAT, MAX_COMPONENTS, MAX_INPUT_BYTES, MAX_TEXT_CHARS,
    SCHEMA_VERSION,
};
pub use network::{
    Connectivity, EgressOnlyGateway, Endpoint, EndpointKind, EndpointPolicy, InternetGateway, NatGateway,
    PeeringConnection, Route, RouteDestination, RouteTable, RouteTarget, Subnet, Tenancy, Vpc,
};
pub use security::{Nacl, NaclAction, NaclRule, Protocol, SecurityGroup, SgPeer, SgRule};
pub use service::{AwsService, ServiceInfo};
pub use store::{DataStore, StoreInfo, StoreKind, STORES};

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Calls `$m!` with every component list of [`Document`], in document order: the one list
/// of collections that iteration over components, names and indexes derive from.
#[macro_export]
macro_rules! with_component_lists {
    ($m:ident) => {
        $m!(
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
            data_stores,
            instances,
            services
        )
    };
}

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
    /// Managed data stores and brokers in the VPC (EFS, ElastiCache, RDS Proxy …).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub data_stores: Vec<DataStore>,
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
    DataStore,
    Instance,
    Service,
}

impl ComponentKind {
    /// Functions are asked whether they reach components of this kind (on their ports).
    pub fn is_target(self) -> bool {
        matches!(
            self,
            ComponentKind::Database | ComponentKind::DataStore | ComponentKind::Instance
        )
    }

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
            ComponentKind::DataStore => "data_stores",
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
        macro_rules! chain {
            ($first:ident $(, $rest:ident)*) => {
                self.$first.iter().map(|x| (x.id(), x.kind()))
                    $(.chain(self.$rest.iter().map(|x| (x.id(), x.kind()))))*
            };
        }
        with_component_lists!(chain)
    }

    /// The AWS services every function is asked about: the core eight, then every other
    /// service the design draws or has an endpoint for, in table order.
    pub fn asked_services(&self) -> Vec<AwsService> {
        let mut asked: Vec<AwsService> = AwsService::core().collect();
        let named = self
            .services
            .iter()
            .map(|s| s.service)
            .chain(self.endpoints.iter().map(|e| e.service));
        for s in named {
            if !asked.contains(&s) {
                asked.push(s);
            }
        }
        crate::order::sort_by_key(&mut asked, |s| s.index());
        asked
    }

    /// Whether `id` names a database, data store or instance: a destination of verdicts.
    pub fn is_target(&self, id: &str) -> bool {
        self.components().any(|(c, kind)| c == id && kind.is_target())
    }

    /// The display name of a component: its `name` if set, else its id.
    pub fn display_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.name_of(id).filter(|n| !n.is_empty()).unwrap_or(id)
    }

    fn name_of(&self, id: &str) -> Option<&str> {
        macro_rules! find {
            ($($list:ident),*) => {{
                $( if let Some(x) = self.$list.iter().find(|x| x.id() == id) { return Some(x.name()); } )*
                None
            }};
        }
        with_component_lists!(find)
    }
}

/// What every component of a document has: an id, a name, a kind.
pub trait Component {
    fn id(&self) -> &str;
    fn name(&self) -> &str;
    fn kind(&self) -> ComponentKind;
}

macro_rules! component {
    ($($ty:ty => $kind:ident),* $(,)?) => {$(
        impl Component for $ty {
            fn id(&self) -> &str { self.id.as_str() }
            fn name(&self) -> &str { &self.name }
            fn kind(&self) -> ComponentKind { ComponentKind::$kind }
        }
    )*};
}

component! {
    Vpc => Vpc,
    Subnet => Subnet,
    RouteTable => RouteTable,
    InternetGateway => InternetGateway,
    EgressOnlyGateway => EgressOnlyGateway,
    NatGateway => NatGateway,
    PeeringConnection => PeeringConnection,
    SecurityGroup => SecurityGroup,
    Nacl => NetworkAcl,
    Function => Function,
    Database => Database,
    DataStore => DataStore,
    Instance => Instance,
    ServiceNode => Service,
}

impl Component for Endpoint {
    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn kind(&self) -> ComponentKind {
        match self.kind {
            EndpointKind::Gateway { .. } => ComponentKind::GatewayEndpoint,
            EndpointKind::Interface { .. } => ComponentKind::InterfaceEndpoint,
        }
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
    /// The network this text stands for, as EC2 stores it (rule I1): host bits are cleared
    /// (`10.0.0.5/24` is `10.0.0.0/24`). Only empty or malformed text is an error;
    /// [`parse_cidr`] is the strict form an editor asks for.
    pub fn parse(&self) -> Result<ipnet::IpNet, CidrError> {
        parse_stored_cidr(&self.0)
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

/// Parses a CIDR block the way EC2 stores it (rule I1): a block written with host bits
/// (`10.20.30.40/26`) is its network address (`10.20.30.0/26`). Validation tells the user
/// (an info diagnostic, `I1.cidr-host-bits`); every other stage uses the network.
pub fn parse_stored_cidr(text: &str) -> Result<ipnet::IpNet, CidrError> {
    match parse_cidr(text) {
        Err(CidrError::HostBitsSet { .. }) => text
            .trim()
            .parse::<ipnet::IpNet>()
            .map(|n| n.trunc())
            .map_err(|_| CidrError::Malformed),
        other => other,
    }
}

/// Parses a CIDR block strictly: the canonical form, host bits zero (what an editor asks for).
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

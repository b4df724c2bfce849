//! Resolution: the effective network each subnet and ENI sees (route table with implicit
//! local routes and derived gateway-endpoint routes, route states, NACL, security groups),
//! with ids indexed so that evaluation never depends on document order.
//!
//! Everything the user typed as text (CIDRs above all) is parsed here, once. A malformed
//! value is skipped: `validate` reports it, and a flow that needs it ends with
//! [`Disposition::InsufficientInfo`](crate::reach::Disposition::InsufficientInfo).
//!
//! When two components share an id (a validation error), the first one in the document
//! wins; every other lookup is by id, so shuffling the document's lists changes nothing.

use crate::hash::HashMap;
use crate::model::{
    AwsService, Connectivity, DataStore, Database, Document, EgressOnlyGateway, Endpoint, EndpointKind, Function,
    Instance, InternetGateway, Nacl, NaclAction, NatGateway, PeeringConnection, Protocol, RouteDestination,
    RouteTarget, SecurityGroup, SgPeer, SgRule, Subnet, Vpc,
};
use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::ops::Deref;
use std::sync::Arc;

/// The Region assumed when the document names none.
pub const DEFAULT_REGION: &str = "us-east-1";

/// A component's display name, shared with [`Resolved`] when the component exists (reads
/// as a `&str`; as a message argument it costs a reference count, not a copy).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Name<'s> {
    text: &'s str,
    shared: Option<&'s Arc<str>>,
}

impl<'s> From<&'s str> for Name<'s> {
    /// A name that is not shared: it is copied when it becomes an argument.
    fn from(text: &'s str) -> Self {
        Name { text, shared: None }
    }
}

impl<'s> From<&'s Arc<str>> for Name<'s> {
    fn from(shared: &'s Arc<str>) -> Self {
        Name {
            text: shared,
            shared: Some(shared),
        }
    }
}

impl<'s> Name<'s> {
    pub fn as_str(self) -> &'s str {
        self.text
    }

    /// The name as an argument value.
    pub fn to_arc(self) -> Arc<str> {
        match self.shared {
            Some(a) => Arc::clone(a),
            None => Arc::from(self.text),
        }
    }
}

impl Deref for Name<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.text
    }
}

impl std::fmt::Display for Name<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text)
    }
}

/// A design indexed for evaluation.
pub struct Resolved<'a> {
    pub doc: &'a Document,
    /// The design's Region (`us-east-1` when the document leaves it empty).
    pub region: &'a str,
    /// Display names, shared by every message that names the component.
    names: HashMap<&'a str, Arc<str>>,
    vpcs: HashMap<&'a str, ResolvedVpc<'a>>,
    subnets: HashMap<&'a str, ResolvedSubnet<'a>>,
    tables: Vec<ResolvedTable<'a>>,
    igws: HashMap<&'a str, &'a InternetGateway>,
    eigws: HashMap<&'a str, &'a EgressOnlyGateway>,
    nats: HashMap<&'a str, &'a NatGateway>,
    peerings: HashMap<&'a str, &'a PeeringConnection>,
    /// For each VPC with a peering connection, a representative of the VPCs it is linked
    /// to through any chain of peering connections.
    peering_group: HashMap<&'a str, &'a str>,
    endpoints: HashMap<&'a str, &'a Endpoint>,
    /// Sorted, existing security groups of each interface endpoint.
    endpoint_sgs: HashMap<&'a str, Vec<&'a str>>,
    sgs: HashMap<&'a str, ResolvedSg<'a>>,
    nacls: HashMap<&'a str, ResolvedNacl<'a>>,
    functions: Vec<&'a Function>,
    databases: Vec<&'a Database>,
    data_stores: Vec<&'a DataStore>,
    instances: Vec<&'a Instance>,
    database_index: HashMap<&'a str, &'a Database>,
    instance_index: HashMap<&'a str, &'a Instance>,
    subnet_docs: HashMap<&'a str, &'a Subnet>,
}

/// What the routes make of a design, as the verdicts route by it: the subnets that are public
/// (R4) and the written routes that are blackholes (R5, by table id and index in the table).
/// The web app draws its public marks and blackhole routes from this, never from rules of
/// its own.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Network {
    pub public_subnets: Vec<String>,
    pub blackholes: Vec<(String, usize)>,
}

impl Network {
    pub fn is_public(&self, subnet: &str) -> bool {
        self.public_subnets.iter().any(|s| s == subnet)
    }

    pub fn is_blackhole(&self, table: &str, index: usize) -> bool {
        self.blackholes.iter().any(|(t, i)| t == table && *i == index)
    }
}

/// IP address family. IPv4 and IPv6 are routed and filtered independently (R3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    V4,
    V6,
}

impl Family {
    pub fn of(net: &IpNet) -> Family {
        match net {
            IpNet::V4(_) => Family::V4,
            IpNet::V6(_) => Family::V6,
        }
    }
    /// The whole address space of the family: `0.0.0.0/0` or `::/0`.
    pub fn any(self) -> IpNet {
        match self {
            Family::V4 => IpNet::V4(Ipv4Net::default()),
            Family::V6 => IpNet::V6(Ipv6Net::default()),
        }
    }
}

/// A VPC with its CIDRs parsed and its implicit parts made explicit.
pub struct ResolvedVpc<'a> {
    pub vpc: &'a Vpc,
    /// Primary and secondary IPv4 blocks that parse.
    pub ipv4: Vec<Ipv4Net>,
    pub ipv6: Option<Ipv6Net>,
    /// Index of the main route table (the implicit local-only one when none is set).
    main_table: usize,
    /// The default NACL, when it names an existing NACL.
    pub default_nacl: Option<&'a str>,
    /// The attached internet gateway (the smallest id if several are attached).
    pub igw: Option<&'a str>,
    /// The attached egress-only internet gateway (the smallest id if several).
    pub eigw: Option<&'a str>,
    /// This VPC's endpoints, sorted by id.
    pub endpoints: Vec<&'a Endpoint>,
}

/// A subnet as traffic sees it.
pub struct ResolvedSubnet<'a> {
    pub subnet: &'a Subnet,
    /// The VPC, when it exists.
    pub vpc: Option<&'a str>,
    pub ipv4: Option<Ipv4Net>,
    pub ipv6: Option<Ipv6Net>,
    table: usize,
    /// Which route table applies and why.
    pub table_association: TableAssociation,
    /// Which network ACL applies.
    pub nacl: NaclRef<'a>,
}

/// How a subnet got its route table (R2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableAssociation {
    Explicit,
    /// The VPC's main route table.
    Main,
    /// The VPC names no main table: the implicit one with only local routes.
    ImplicitMain,
}

/// The network ACL of a subnet (N2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NaclRef<'a> {
    /// An explicit association with an existing NACL.
    Explicit(&'a str),
    /// The VPC's default NACL, as written in the document.
    VpcDefault(&'a str),
    /// No NACL in the document: the default NACL as AWS creates it, allowing everything.
    ImplicitDefault,
}

impl<'a> NaclRef<'a> {
    pub fn id(self) -> Option<&'a str> {
        match self {
            NaclRef::Explicit(id) | NaclRef::VpcDefault(id) => Some(id),
            NaclRef::ImplicitDefault => None,
        }
    }
}

/// A route table with its implicit and derived routes, sorted for longest-prefix match.
pub struct ResolvedTable<'a> {
    /// `None` for a VPC's implicit main table.
    pub id: Option<&'a str>,
    /// The VPC whose table it is (its own `vpc` field, or the VPC of an implicit table).
    pub vpc: &'a str,
    /// Prefix-list routes first (by service), then CIDR routes by descending prefix length.
    pub routes: Vec<ResolvedRoute<'a>>,
}

/// One route, with its derived state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedRoute<'a> {
    pub destination: RouteDest,
    pub target: Target<'a>,
    pub state: RouteState,
    pub origin: RouteOrigin<'a>,
}

/// A route destination, parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RouteDest {
    Cidr(IpNet),
    /// The AWS-managed prefix list of a service in this Region.
    PrefixList(AwsService),
}

/// A route target, borrowed from the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target<'a> {
    Local,
    InternetGateway(&'a str),
    EgressOnlyGateway(&'a str),
    NatGateway(&'a str),
    GatewayEndpoint(&'a str),
    VpcPeering(&'a str),
    /// A network interface or instance (a NAT instance, an appliance).
    NetworkInterface(&'a str),
}

impl<'a> Target<'a> {
    fn of(t: &'a RouteTarget) -> Target<'a> {
        match t {
            RouteTarget::Local => Target::Local,
            RouteTarget::InternetGateway(id) => Target::InternetGateway(id.as_str()),
            RouteTarget::EgressOnlyGateway(id) => Target::EgressOnlyGateway(id.as_str()),
            RouteTarget::NatGateway(id) => Target::NatGateway(id.as_str()),
            RouteTarget::GatewayEndpoint(id) => Target::GatewayEndpoint(id.as_str()),
            RouteTarget::VpcPeering(id) => Target::VpcPeering(id.as_str()),
            RouteTarget::NetworkInterface(id) => Target::NetworkInterface(id.as_str()),
        }
    }
    /// The target's component id (`None` for `local`).
    pub fn id(self) -> Option<&'a str> {
        match self {
            Target::Local => None,
            Target::InternetGateway(id)
            | Target::EgressOnlyGateway(id)
            | Target::NatGateway(id)
            | Target::GatewayEndpoint(id)
            | Target::VpcPeering(id)
            | Target::NetworkInterface(id) => Some(id),
        }
    }
}

/// Active, or a blackhole because the target is gone or not attached to this VPC (R5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RouteState {
    Active,
    Blackhole,
}

/// Where a route comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RouteOrigin<'a> {
    /// The implicit local route for one of the VPC's CIDRs (R1).
    Local,
    /// Written in the table.
    Table,
    /// Added by associating the table with this gateway endpoint (R6).
    GatewayEndpoint(&'a str),
}

impl<'a> ResolvedTable<'a> {
    /// Whether a route other than `route` also matches the traffic `route` was chosen for
    /// (so that "the most specific route wins" is the right sentence). Two CIDRs that both
    /// contain an address are nested, so another route matches exactly when its CIDR
    /// contains the chosen one's; a service's prefix list lies inside only a default route.
    pub fn others_match(&self, route: &ResolvedRoute) -> bool {
        self.routes.iter().any(|r| match (r.destination, route.destination) {
            (RouteDest::Cidr(o), RouteDest::Cidr(c)) => o != c && o.contains(&c),
            (RouteDest::Cidr(o), RouteDest::PrefixList(_)) => o.prefix_len() == 0 && o.addr().is_ipv4(),
            (RouteDest::PrefixList(_), _) => false,
        })
    }

    /// Longest-prefix match for traffic to every address of `net` (R3): the most specific
    /// route of the same family whose destination contains all of `net`. Blackhole routes
    /// are returned, not skipped: they do not fall through (R5).
    pub fn lookup(&self, net: IpNet) -> Option<&ResolvedRoute<'a>> {
        self.routes.iter().find(|r| match r.destination {
            RouteDest::Cidr(dest) => dest.contains(&net),
            RouteDest::PrefixList(_) => false,
        })
    }

    /// The route internet traffic of a family takes. "The internet" is every public
    /// address: routes narrower than half the address space (the VPC's own blocks, a
    /// partner's range) are exceptions to it, so the engine follows the route of a public
    /// address that none of them covers. That is the `0.0.0.0/0` (`::/0`) route, unless
    /// routes such as `0.0.0.0/1` and `128.0.0.0/1` split the whole space more specifically.
    pub fn lookup_internet(&self, family: Family) -> Option<&ResolvedRoute<'a>> {
        let candidates: &[IpAddr] = match family {
            Family::V4 => &INTERNET_V4,
            Family::V6 => &INTERNET_V6,
        };
        let narrow = |addr: &IpAddr| {
            self.routes.iter().any(|r| match r.destination {
                RouteDest::Cidr(n) => n.prefix_len() >= 2 && n.contains(addr),
                RouteDest::PrefixList(_) => false,
            })
        };
        let addr = candidates.iter().find(|a| !narrow(a)).unwrap_or(&candidates[0]);
        self.lookup(IpNet::from(*addr))
    }

    /// The route for an AWS service's public endpoint: its prefix-list route when the
    /// table has one (it beats `0.0.0.0/0`, R6), else the IPv4 internet route.
    pub fn lookup_service(&self, service: AwsService) -> Option<&ResolvedRoute<'a>> {
        self.routes
            .iter()
            .find(|r| r.destination == RouteDest::PrefixList(service))
            .or_else(|| self.lookup_internet(Family::V4))
    }

    /// Whether the table has an active route to an internet gateway (R4).
    pub fn is_public(&self) -> bool {
        self.routes
            .iter()
            .any(|r| r.state == RouteState::Active && matches!(r.target, Target::InternetGateway(_)))
    }
}

/// Public addresses that stand for the internet (well-known public DNS resolvers and CDN
/// addresses), tried in order until one lies outside every narrow route of a table.
const INTERNET_V4: [IpAddr; 4] = [
    IpAddr::V4(Ipv4Addr::new(8, 8, 8, 8)),
    IpAddr::V4(Ipv4Addr::new(1, 1, 1, 1)),
    IpAddr::V4(Ipv4Addr::new(151, 101, 1, 69)),
    IpAddr::V4(Ipv4Addr::new(208, 67, 222, 222)),
];
const INTERNET_V6: [IpAddr; 3] = [
    IpAddr::V6(Ipv6Addr::new(0x2001, 0x4860, 0x4860, 0, 0, 0, 0, 0x8888)),
    IpAddr::V6(Ipv6Addr::new(0x2606, 0x4700, 0x4700, 0, 0, 0, 0, 0x1111)),
    IpAddr::V6(Ipv6Addr::new(0x2a04, 0x4e42, 0, 0, 0, 0, 0, 0x81)),
];

/// A security group with parsed rules.
pub struct ResolvedSg<'a> {
    pub sg: &'a SecurityGroup,
    pub inbound: Vec<SgRuleR<'a>>,
    pub outbound: Vec<SgRuleR<'a>>,
}

/// A security-group rule, parsed. Rules with an unreadable CIDR are left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SgRuleR<'a> {
    pub protocol: Protocol,
    pub from_port: u16,
    pub to_port: u16,
    pub peer: SgPeerR<'a>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SgPeerR<'a> {
    Cidr(IpNet),
    SecurityGroup(&'a str),
    PrefixList(AwsService),
}

/// A network ACL with parsed rules in evaluation order (ascending rule number).
pub struct ResolvedNacl<'a> {
    pub nacl: &'a Nacl,
    pub inbound: Vec<NaclRuleR>,
    pub outbound: Vec<NaclRuleR>,
}

/// A NACL rule, parsed. Rules with an unreadable CIDR are left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NaclRuleR {
    pub number: u16,
    pub allow: bool,
    pub protocol: Protocol,
    pub from_port: u16,
    pub to_port: u16,
    pub cidr: IpNet,
}

fn parse(text: &str) -> Option<IpNet> {
    crate::model::parse_stored_cidr(text).ok()
}

fn parse_v4(text: &str) -> Option<Ipv4Net> {
    match parse(text)? {
        IpNet::V4(n) => Some(n),
        IpNet::V6(_) => None,
    }
}

fn parse_v6(text: &str) -> Option<Ipv6Net> {
    match parse(text)? {
        IpNet::V6(n) => Some(n),
        IpNet::V4(_) => None,
    }
}

/// Indexes `list` by id; the first of duplicate ids wins.
fn index<'a, T>(list: &'a [T], id: impl Fn(&'a T) -> &'a str) -> HashMap<&'a str, &'a T> {
    let mut map = HashMap::with_capacity_and_hasher(list.len(), Default::default());
    for x in list {
        map.entry(id(x)).or_insert(x);
    }
    map
}

/// The items of `list` with distinct ids (first wins), sorted by id.
fn sorted_unique<T>(list: &[T], id: impl Fn(&T) -> &str) -> Vec<&T> {
    let mut seen = crate::hash::HashSet::with_capacity_and_hasher(list.len(), Default::default());
    let mut out: Vec<&T> = list.iter().filter(|x| seen.insert(id(x))).collect();
    crate::order::sort_by(&mut out, |a, b| id(a).cmp(id(b)));
    out
}

fn sg_rules<'a>(rules: &'a [SgRule]) -> Vec<SgRuleR<'a>> {
    rules
        .iter()
        .filter_map(|r| {
            let peer = match &r.peer {
                SgPeer::Cidr(c) => SgPeerR::Cidr(parse(c.as_str())?),
                SgPeer::SecurityGroup(id) => SgPeerR::SecurityGroup(id.as_str()),
                SgPeer::PrefixList(s) => SgPeerR::PrefixList(*s),
            };
            Some(SgRuleR {
                protocol: r.protocol,
                from_port: r.from_port,
                to_port: r.to_port,
                peer,
            })
        })
        .collect()
}

fn nacl_rules(rules: &[crate::model::NaclRule]) -> Vec<NaclRuleR> {
    let mut out: Vec<NaclRuleR> = rules
        .iter()
        .filter_map(|r| {
            Some(NaclRuleR {
                number: r.number,
                allow: r.action == NaclAction::Allow,
                protocol: r.protocol,
                from_port: r.from_port,
                to_port: r.to_port,
                cidr: parse(r.cidr.as_str())?,
            })
        })
        .collect();
    // Lowest number first. Duplicate numbers are a validation error; deny first keeps the
    // answer independent of the order they were written in.
    crate::order::sort_by_key(&mut out, |r| {
        (
            r.number,
            r.allow,
            protocol_rank(r.protocol),
            r.from_port,
            r.to_port,
            r.cidr,
        )
    });
    out
}

fn protocol_rank(p: Protocol) -> u8 {
    match p {
        Protocol::Tcp => 0,
        Protocol::Udp => 1,
        Protocol::Icmp => 2,
        Protocol::All => 3,
    }
}

/// Builds the index. Linear in the size of the document (plus sorting).
pub fn resolve(doc: &Document) -> Resolved<'_> {
    let region = if doc.region.trim().is_empty() {
        DEFAULT_REGION
    } else {
        doc.region.trim()
    };

    let names = display_names(doc);

    let igws = index(&doc.internet_gateways, |x| x.id.as_str());
    let eigws = index(&doc.egress_only_gateways, |x| x.id.as_str());
    let nats = index(&doc.nat_gateways, |x| x.id.as_str());
    let peerings = index(&doc.peering_connections, |x| x.id.as_str());
    let endpoints = index(&doc.endpoints, |x| x.id.as_str());
    let subnet_docs = index(&doc.subnets, |x| x.id.as_str());
    let nacl_docs = index(&doc.network_acls, |x| x.id.as_str());
    let table_docs = index(&doc.route_tables, |x| x.id.as_str());
    let vpc_docs = index(&doc.vpcs, |x| x.id.as_str());

    // VPC attachments, chosen by smallest id so that document order does not matter.
    let mut igw_of: HashMap<&str, &str> = HashMap::default();
    for (id, igw) in &igws {
        if let Some(vpc) = &igw.vpc {
            let e = igw_of.entry(vpc.as_str()).or_insert(id);
            if *id < *e {
                *e = id;
            }
        }
    }
    let mut eigw_of: HashMap<&str, &str> = HashMap::default();
    for (id, eigw) in &eigws {
        if let Some(vpc) = &eigw.vpc {
            let e = eigw_of.entry(vpc.as_str()).or_insert(id);
            if *id < *e {
                *e = id;
            }
        }
    }
    let mut endpoints_of: HashMap<&str, Vec<&Endpoint>> = HashMap::default();
    for ep in endpoints.values() {
        endpoints_of.entry(ep.vpc.as_str()).or_default().push(ep);
    }
    for list in endpoints_of.values_mut() {
        crate::order::sort_by(list, |a, b| a.id.as_str().cmp(b.id.as_str()));
    }
    // Gateway endpoints by associated route table (derived prefix-list routes).
    let mut gateway_routes_of: HashMap<&str, Vec<&Endpoint>> = HashMap::default();
    for ep in endpoints.values() {
        if let EndpointKind::Gateway { route_tables } = &ep.kind {
            if !ep.service.info().gateway_endpoint {
                continue; // no prefix list for it; validation reports the endpoint
            }
            let mut seen: Vec<&str> = Vec::new();
            for rt in route_tables {
                if !seen.contains(&rt.as_str()) {
                    seen.push(rt.as_str());
                    gateway_routes_of.entry(rt.as_str()).or_default().push(ep);
                }
            }
        }
    }

    let instance_index = index(&doc.instances, |x| x.id.as_str());
    let ctx = RouteCtx {
        igws: &igws,
        eigws: &eigws,
        nats: &nats,
        subnets: &subnet_docs,
        peerings: &peerings,
        endpoints: &endpoints,
        instances: &instance_index,
    };

    // VPCs and their local routes.
    let mut vpcs: HashMap<&str, ResolvedVpc> = HashMap::with_capacity_and_hasher(vpc_docs.len(), Default::default());
    let mut local_routes: HashMap<&str, Vec<ResolvedRoute>> =
        HashMap::with_capacity_and_hasher(vpc_docs.len(), Default::default());
    for (&id, vpc) in &vpc_docs {
        let mut ipv4: Vec<Ipv4Net> = std::iter::once(&vpc.cidr)
            .chain(vpc.secondary_cidrs.iter())
            .filter_map(|c| parse_v4(c.as_str()))
            .collect();
        crate::order::sort(&mut ipv4);
        ipv4.dedup();
        let ipv6 = vpc.ipv6_cidr.as_ref().and_then(|c| parse_v6(c.as_str()));
        let locals: Vec<ResolvedRoute> = ipv4
            .iter()
            .map(|n| IpNet::V4(*n))
            .chain(ipv6.map(IpNet::V6))
            .map(|net| ResolvedRoute {
                destination: RouteDest::Cidr(net),
                target: Target::Local,
                state: RouteState::Active,
                origin: RouteOrigin::Local,
            })
            .collect();
        local_routes.insert(id, locals);
        let default_nacl = vpc
            .default_nacl
            .as_ref()
            .map(|n| n.as_str())
            .filter(|n| nacl_docs.contains_key(n));
        vpcs.insert(
            id,
            ResolvedVpc {
                vpc,
                ipv4,
                ipv6,
                main_table: usize::MAX,
                default_nacl,
                igw: igw_of.get(id).copied(),
                eigw: eigw_of.get(id).copied(),
                endpoints: endpoints_of.remove(id).unwrap_or_default(),
            },
        );
    }

    // Route tables: the document's, then one implicit main table per VPC that names none,
    // then one empty table for subnets whose VPC is missing.
    let mut tables: Vec<ResolvedTable> = Vec::with_capacity(table_docs.len() + 1);
    let mut table_index: HashMap<&str, usize> = HashMap::with_capacity_and_hasher(table_docs.len(), Default::default());
    let mut table_ids: Vec<&str> = table_docs.keys().copied().collect();
    crate::order::sort(&mut table_ids);
    for id in table_ids {
        let rt = table_docs[id];
        let vpc = rt.vpc.as_str();
        let mut routes: Vec<ResolvedRoute> = local_routes.get(vpc).cloned().unwrap_or_default();
        for r in &rt.routes {
            let destination = match &r.destination {
                RouteDestination::Cidr(c) => match parse(c.as_str()) {
                    Some(n) => RouteDest::Cidr(n),
                    None => continue,
                },
                RouteDestination::PrefixList(s) => RouteDest::PrefixList(*s),
            };
            let target = Target::of(&r.target);
            let state = ctx.state(target, vpc, destination);
            routes.push(ResolvedRoute {
                destination,
                target,
                state,
                origin: RouteOrigin::Table,
            });
        }
        if let Some(eps) = gateway_routes_of.get(id) {
            for ep in eps {
                let destination = RouteDest::PrefixList(ep.service);
                let target = Target::GatewayEndpoint(ep.id.as_str());
                if routes
                    .iter()
                    .any(|r| r.destination == destination && r.target == target)
                {
                    continue; // written out in the table as well
                }
                let state = ctx.state(target, vpc, destination);
                routes.push(ResolvedRoute {
                    destination,
                    target,
                    state,
                    origin: RouteOrigin::GatewayEndpoint(ep.id.as_str()),
                });
            }
        }
        sort_routes(&mut routes);
        table_index.insert(id, tables.len());
        tables.push(ResolvedTable {
            id: Some(id),
            vpc,
            routes,
        });
    }
    let mut vpc_ids: Vec<&str> = vpcs.keys().copied().collect();
    crate::order::sort(&mut vpc_ids);
    for id in vpc_ids {
        let main = vpc_docs[id]
            .main_route_table
            .as_ref()
            .and_then(|t| table_index.get(t.as_str()))
            .copied();
        let main = match main {
            Some(i) => i,
            None => {
                let mut routes = local_routes.remove(id).unwrap_or_default();
                sort_routes(&mut routes);
                tables.push(ResolvedTable {
                    id: None,
                    vpc: id,
                    routes,
                });
                tables.len() - 1
            }
        };
        vpcs.get_mut(id).expect("vpc indexed above").main_table = main;
    }
    let orphan_table = tables.len();
    tables.push(ResolvedTable {
        id: None,
        vpc: "",
        routes: Vec::new(),
    });

    // Subnets.
    let mut subnets: HashMap<&str, ResolvedSubnet> =
        HashMap::with_capacity_and_hasher(subnet_docs.len(), Default::default());
    for (&id, s) in &subnet_docs {
        let vpc = vpcs.get(s.vpc.as_str());
        let explicit = s
            .route_table
            .as_ref()
            .and_then(|t| table_index.get(t.as_str()))
            .copied();
        let (table, table_association) = match (explicit, vpc) {
            (Some(i), _) => (i, TableAssociation::Explicit),
            (None, Some(v)) if tables[v.main_table].id.is_some() => (v.main_table, TableAssociation::Main),
            (None, Some(v)) => (v.main_table, TableAssociation::ImplicitMain),
            (None, None) => (orphan_table, TableAssociation::ImplicitMain),
        };
        let explicit_nacl = s
            .nacl
            .as_ref()
            .map(|n| n.as_str())
            .filter(|n| nacl_docs.contains_key(n));
        let nacl = match (explicit_nacl, vpc.and_then(|v| v.default_nacl)) {
            (Some(n), _) => NaclRef::Explicit(n),
            (None, Some(n)) => NaclRef::VpcDefault(n),
            (None, None) => NaclRef::ImplicitDefault,
        };
        subnets.insert(
            id,
            ResolvedSubnet {
                subnet: s,
                vpc: vpc.map(|v| v.vpc.id.as_str()),
                ipv4: parse_v4(s.cidr.as_str()),
                ipv6: s.ipv6_cidr.as_ref().and_then(|c| parse_v6(c.as_str())),
                table,
                table_association,
                nacl,
            },
        );
    }

    let sgs = doc.security_groups.iter().fold(
        HashMap::with_capacity_and_hasher(doc.security_groups.len(), Default::default()),
        |mut m, sg| {
            m.entry(sg.id.as_str()).or_insert_with(|| ResolvedSg {
                sg,
                inbound: sg_rules(&sg.inbound),
                outbound: sg_rules(&sg.outbound),
            });
            m
        },
    );
    let peering_group = peering_groups(
        peerings
            .values()
            .map(|p| (p.requester_vpc.as_str(), p.accepter_vpc.as_str())),
    );
    let endpoint_sgs = endpoints
        .iter()
        .filter_map(|(&id, e)| match &e.kind {
            EndpointKind::Interface { security_groups, .. } => {
                let mut v: Vec<&str> = security_groups
                    .iter()
                    .map(|s| s.as_str())
                    .filter(|s| sgs.contains_key(s))
                    .collect();
                crate::order::sort(&mut v);
                v.dedup();
                Some((id, v))
            }
            EndpointKind::Gateway { .. } => None,
        })
        .collect();
    let nacls = nacl_docs
        .iter()
        .map(|(&id, n)| {
            (
                id,
                ResolvedNacl {
                    nacl: n,
                    inbound: nacl_rules(&n.inbound),
                    outbound: nacl_rules(&n.outbound),
                },
            )
        })
        .collect();

    Resolved {
        doc,
        region,
        names,
        vpcs,
        subnets,
        tables,
        igws,
        eigws,
        nats,
        peerings,
        peering_group,
        endpoints,
        endpoint_sgs,
        sgs,
        nacls,
        functions: sorted_unique(&doc.functions, |f| f.id.as_str()),
        databases: sorted_unique(&doc.databases, |d| d.id.as_str()),
        data_stores: sorted_unique(&doc.data_stores, |d| d.id.as_str()),
        instances: sorted_unique(&doc.instances, |i| i.id.as_str()),
        database_index: index(&doc.databases, |d| d.id.as_str()),
        instance_index,
        subnet_docs,
    }
}

/// Groups VPCs linked by peering connections (union-find); each VPC maps to the smallest
/// id of its group, so the result does not depend on the order of the connections.
fn peering_groups<'a>(links: impl Iterator<Item = (&'a str, &'a str)>) -> HashMap<&'a str, &'a str> {
    let mut parent: HashMap<&'a str, &'a str> = HashMap::default();
    fn root<'a>(parent: &mut HashMap<&'a str, &'a str>, x: &'a str) -> &'a str {
        let mut r = x;
        while let Some(&p) = parent.get(r) {
            if p == r {
                break;
            }
            r = p;
        }
        // Path compression.
        let mut y = x;
        while y != r {
            let next = parent[y];
            parent.insert(y, r);
            y = next;
        }
        r
    }
    for (a, b) in links {
        parent.entry(a).or_insert(a);
        parent.entry(b).or_insert(b);
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            // The smaller id becomes the root: order-independent representatives.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            parent.insert(hi, lo);
        }
    }
    let vpcs: Vec<&str> = parent.keys().copied().collect();
    vpcs.into_iter().map(|v| (v, root(&mut parent, v))).collect()
}

/// Display name by id, as [`Document::display_name`] gives it, built in one pass.
fn display_names(doc: &Document) -> HashMap<&str, Arc<str>> {
    let mut names: HashMap<&str, Arc<str>> = HashMap::default();
    macro_rules! add {
        ($($list:ident),*) => {$(
            for x in &doc.$list {
                let name = if x.name.is_empty() { x.id.as_str() } else { x.name.as_str() };
                names.entry(x.id.as_str()).or_insert_with(|| Arc::from(name));
            }
        )*};
    }
    crate::with_component_lists!(add);
    names
}

/// Route order: prefix lists first (by service), then CIDRs from the most specific; ties
/// (duplicate routes, a validation error) broken by target so the order never matters.
fn sort_routes(routes: &mut [ResolvedRoute]) {
    crate::order::sort_by(routes, |a, b| {
        let key = |r: &ResolvedRoute| match r.destination {
            RouteDest::PrefixList(s) => (0u8, 0u8, s.index() as u16, Family::V4, IpNet::V4(Ipv4Net::default())),
            RouteDest::Cidr(n) => (1, 128 - n.prefix_len(), 0u16, Family::of(&n), n),
        };
        key(a).cmp(&key(b)).then_with(|| a.target.cmp(&b.target))
    });
}

struct RouteCtx<'m, 'a> {
    igws: &'m HashMap<&'a str, &'a InternetGateway>,
    eigws: &'m HashMap<&'a str, &'a EgressOnlyGateway>,
    nats: &'m HashMap<&'a str, &'a NatGateway>,
    subnets: &'m HashMap<&'a str, &'a Subnet>,
    peerings: &'m HashMap<&'a str, &'a PeeringConnection>,
    endpoints: &'m HashMap<&'a str, &'a Endpoint>,
    instances: &'m HashMap<&'a str, &'a Instance>,
}

impl RouteCtx<'_, '_> {
    /// A route is a blackhole when its target is missing, or is a gateway that is not
    /// attached to (or does not belong to) the table's VPC (R5).
    fn state(&self, target: Target, vpc: &str, destination: RouteDest) -> RouteState {
        let active = match target {
            Target::Local => true,
            Target::InternetGateway(id) => self
                .igws
                .get(id)
                .is_some_and(|g| g.vpc.as_ref().is_some_and(|v| v.as_str() == vpc)),
            Target::EgressOnlyGateway(id) => self
                .eigws
                .get(id)
                .is_some_and(|g| g.vpc.as_ref().is_some_and(|v| v.as_str() == vpc)),
            Target::NatGateway(id) => self
                .nats
                .get(id)
                .and_then(|n| self.subnets.get(n.subnet.as_str()))
                .is_some_and(|s| s.vpc.as_str() == vpc),
            Target::GatewayEndpoint(id) => self.endpoints.get(id).is_some_and(|e| {
                e.vpc.as_str() == vpc
                    && matches!(e.kind, EndpointKind::Gateway { .. })
                    && match destination {
                        RouteDest::PrefixList(s) => s == e.service,
                        RouteDest::Cidr(_) => true,
                    }
            }),
            Target::VpcPeering(id) => self
                .peerings
                .get(id)
                .is_some_and(|p| p.requester_vpc.as_str() == vpc || p.accepter_vpc.as_str() == vpc),
            Target::NetworkInterface(id) => self.instances.get(id).is_some_and(|i| {
                self.subnets
                    .get(i.subnet.as_str())
                    .is_some_and(|s| s.vpc.as_str() == vpc)
            }),
        };
        if active {
            RouteState::Active
        } else {
            RouteState::Blackhole
        }
    }
}

impl<'a> Resolved<'a> {
    /// The display name of a component (its `name`, else its id; unknown ids as given).
    pub fn name<'s>(&'s self, id: &'s str) -> &'s str {
        self.names.get(id).map(|n| &**n).unwrap_or(id)
    }

    /// The display name as a message argument: shared, not copied, when the id is known.
    pub(crate) fn name_arg<'s>(&'s self, id: &'s str) -> Name<'s> {
        match self.names.get(id) {
            Some(shared) => Name {
                text: shared,
                shared: Some(shared),
            },
            None => Name { text: id, shared: None },
        }
    }

    pub fn vpc(&self, id: &str) -> Option<&ResolvedVpc<'a>> {
        self.vpcs.get(id)
    }
    pub fn subnet(&self, id: &str) -> Option<&ResolvedSubnet<'a>> {
        self.subnets.get(id)
    }
    /// The route table that applies to a subnet (R2).
    pub fn table_of(&self, subnet: &ResolvedSubnet<'a>) -> &ResolvedTable<'a> {
        &self.tables[subnet.table]
    }
    /// The main route table of a VPC (possibly the implicit local-only one).
    pub fn main_table(&self, vpc: &ResolvedVpc<'a>) -> &ResolvedTable<'a> {
        &self.tables[vpc.main_table]
    }
    /// A subnet is public when its route table has an active route to an internet gateway (R4).
    pub fn is_public(&self, subnet: &ResolvedSubnet<'a>) -> bool {
        self.table_of(subnet).is_public()
    }

    /// What the routes make of the design, for a front end that draws it ([`Network`]).
    pub fn network(&self) -> Network {
        let public_subnets = self
            .doc
            .subnets
            .iter()
            .filter(|s| self.subnet_is_public(s.id.as_str()) == Some(true))
            .map(|s| s.id.as_str().to_owned())
            .collect();
        let blackholes = self
            .doc
            .route_tables
            .iter()
            .flat_map(|t| {
                t.routes
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| self.route_state(t.vpc.as_str(), r) == RouteState::Blackhole)
                    .map(|(i, _)| (t.id.as_str().to_owned(), i))
            })
            .collect();
        Network {
            public_subnets,
            blackholes,
        }
    }

    /// Whether subnet `id` is public (R4), for a front end that marks it; `None` when the
    /// design has no such subnet. The web app draws what this answers, so the canvas never
    /// calls a subnet public that the engine routes as private.
    pub fn subnet_is_public(&self, id: &str) -> Option<bool> {
        self.subnet(id).map(|s| self.is_public(s))
    }

    /// The state of a route written in a table of VPC `vpc` (R5): a blackhole when its target
    /// is missing or not attached to that VPC, exactly as the traces route by it.
    pub fn route_state(&self, vpc: &str, route: &'a crate::model::Route) -> RouteState {
        let destination = match &route.destination {
            RouteDestination::PrefixList(s) => RouteDest::PrefixList(*s),
            RouteDestination::Cidr(c) => RouteDest::Cidr(parse(c.as_str()).unwrap_or(IpNet::V4(Ipv4Net::default()))),
        };
        let ctx = RouteCtx {
            igws: &self.igws,
            eigws: &self.eigws,
            nats: &self.nats,
            subnets: &self.subnet_docs,
            peerings: &self.peerings,
            endpoints: &self.endpoints,
            instances: &self.instance_index,
        };
        ctx.state(Target::of(&route.target), vpc, destination)
    }
    /// The subnet's Availability Zone, when given.
    pub fn az(&self, subnet: &str) -> Option<&'a str> {
        self.subnets
            .get(subnet)
            .map(|s| s.subnet.az.as_str())
            .filter(|az| !az.is_empty())
    }
    pub fn internet_gateway(&self, id: &str) -> Option<&'a InternetGateway> {
        self.igws.get(id).copied()
    }
    pub fn egress_only_gateway(&self, id: &str) -> Option<&'a EgressOnlyGateway> {
        self.eigws.get(id).copied()
    }
    pub fn nat(&self, id: &str) -> Option<&'a NatGateway> {
        self.nats.get(id).copied()
    }
    /// Whether a NAT gateway is public, with an Elastic IP.
    pub fn nat_is_public(&self, id: &str) -> bool {
        self.nat(id)
            .is_some_and(|n| n.connectivity == Connectivity::Public && n.elastic_ip)
    }
    pub fn peering(&self, id: &str) -> Option<&'a PeeringConnection> {
        self.peerings.get(id).copied()
    }
    /// Whether two VPCs are the same or linked by a chain of peering connections (routes
    /// aside; peering is not transitive, but a learner may expect it to be).
    pub fn are_linked(&self, a: &str, b: &str) -> bool {
        a == b || matches!((self.peering_group.get(a), self.peering_group.get(b)), (Some(x), Some(y)) if x == y)
    }
    pub fn endpoint(&self, id: &str) -> Option<&'a Endpoint> {
        self.endpoints.get(id).copied()
    }
    /// An interface endpoint's existing security groups, sorted (empty: the VPC's default
    /// group, which admits only its own members).
    pub fn endpoint_security_groups(&self, id: &str) -> &[&'a str] {
        self.endpoint_sgs.get(id).map(Vec::as_slice).unwrap_or(&[])
    }
    pub fn security_group(&self, id: &str) -> Option<&ResolvedSg<'a>> {
        self.sgs.get(id)
    }
    pub fn nacl(&self, id: &str) -> Option<&ResolvedNacl<'a>> {
        self.nacls.get(id)
    }
    /// Functions with distinct ids, sorted by id.
    pub fn functions(&self) -> &[&'a Function] {
        &self.functions
    }
    /// Databases with distinct ids, sorted by id.
    pub fn databases(&self) -> &[&'a Database] {
        &self.databases
    }
    /// Data stores with distinct ids, sorted by id.
    pub fn data_stores(&self) -> &[&'a DataStore] {
        &self.data_stores
    }
    /// Instances with distinct ids, sorted by id.
    pub fn instances(&self) -> &[&'a Instance] {
        &self.instances
    }
    pub fn database(&self, id: &str) -> Option<&'a Database> {
        self.database_index.get(id).copied()
    }
    pub fn instance(&self, id: &str) -> Option<&'a Instance> {
        self.instance_index.get(id).copied()
    }
    /// Security groups with distinct ids, in no particular order.
    pub fn security_groups(&self) -> impl Iterator<Item = &ResolvedSg<'a>> {
        self.sgs.values()
    }
}

//! The document indexed by id, built once so that every check is a hash lookup.
//!
//! When an id is used twice, the first component with it wins every lookup (the later one
//! is reported as a duplicate). Parsed address blocks are kept per VPC so that subnet and
//! route checks do not re-parse them.

use crate::model::{
    ComponentKind, Document, EgressOnlyGateway, Endpoint, Instance, InternetGateway, Nacl, NatGateway,
    PeeringConnection, RouteTable, RouteTarget, SecurityGroup, Subnet, Vpc,
};
use ipnet::IpNet;
use std::collections::{HashMap, HashSet};

/// The usable address blocks of one VPC (malformed ones are left out; they are reported
/// where they are written).
#[derive(Default)]
pub(super) struct VpcNets {
    /// Primary and secondary IPv4 blocks, in document order.
    pub v4: Vec<IpNet>,
    /// The IPv6 block, if set and valid.
    pub v6: Option<IpNet>,
    /// Valid CIDRs of the VPC's subnets (IPv4 and IPv6), for routes that target one subnet.
    pub subnet_blocks: HashSet<IpNet>,
}

impl VpcNets {
    /// Every block of the VPC, IPv4 then IPv6.
    pub fn all(&self) -> impl Iterator<Item = &IpNet> {
        self.v4.iter().chain(self.v6.iter())
    }

    /// The blocks as one comma-separated list, for messages.
    pub fn list(&self) -> String {
        self.all().map(ToString::to_string).collect::<Vec<_>>().join(", ")
    }
}

pub(super) struct Index<'a> {
    /// First occurrence of each id: its kind and its position in its own list.
    first: HashMap<&'a str, (ComponentKind, usize)>,
    names: HashMap<&'a str, &'a str>,
    pub vpcs: HashMap<&'a str, &'a Vpc>,
    pub subnets: HashMap<&'a str, &'a Subnet>,
    pub route_tables: HashMap<&'a str, &'a RouteTable>,
    pub igws: HashMap<&'a str, &'a InternetGateway>,
    pub eigws: HashMap<&'a str, &'a EgressOnlyGateway>,
    pub nats: HashMap<&'a str, &'a NatGateway>,
    pub peerings: HashMap<&'a str, &'a PeeringConnection>,
    pub endpoints: HashMap<&'a str, &'a Endpoint>,
    pub sgs: HashMap<&'a str, &'a SecurityGroup>,
    pub nacls: HashMap<&'a str, &'a Nacl>,
    pub instances: HashMap<&'a str, &'a Instance>,
    pub nets: HashMap<&'a str, VpcNets>,
    /// Unordered pairs of VPC ids joined by a peering connection, stored both ways.
    peered: HashSet<(&'a str, &'a str)>,
    /// Route tables with a route to an internet gateway attached to the table's VPC (R4).
    public_tables: HashSet<&'a str>,
}

/// Inserts every item of a list by id, keeping the first of a repeated id.
fn by_id<'a, T>(list: &'a [T], id: impl Fn(&'a T) -> &'a str) -> HashMap<&'a str, &'a T> {
    let mut map = HashMap::with_capacity(list.len());
    for item in list {
        map.entry(id(item)).or_insert(item);
    }
    map
}

impl<'a> Index<'a> {
    pub fn new(doc: &'a Document) -> Self {
        let mut first = HashMap::new();
        let mut names = HashMap::new();
        let mut position = HashMap::<ComponentKind, usize>::new();
        for (id, kind) in doc.components() {
            let pos = position.entry(kind_list(kind)).or_insert(0);
            first.entry(id).or_insert((kind, *pos));
            *pos += 1;
        }
        macro_rules! names {
            ($($list:ident),*) => {$(
                for x in &doc.$list {
                    names.entry(x.id.as_str()).or_insert(x.name.as_str());
                }
            )*};
        }
        names!(vpcs, subnets, route_tables, internet_gateways, egress_only_gateways, nat_gateways,
               peering_connections, endpoints, security_groups, network_acls, functions, databases,
               instances, services);

        let mut ix = Index {
            first,
            names,
            vpcs: by_id(&doc.vpcs, |x| x.id.as_str()),
            subnets: by_id(&doc.subnets, |x| x.id.as_str()),
            route_tables: by_id(&doc.route_tables, |x| x.id.as_str()),
            igws: by_id(&doc.internet_gateways, |x| x.id.as_str()),
            eigws: by_id(&doc.egress_only_gateways, |x| x.id.as_str()),
            nats: by_id(&doc.nat_gateways, |x| x.id.as_str()),
            peerings: by_id(&doc.peering_connections, |x| x.id.as_str()),
            endpoints: by_id(&doc.endpoints, |x| x.id.as_str()),
            sgs: by_id(&doc.security_groups, |x| x.id.as_str()),
            nacls: by_id(&doc.network_acls, |x| x.id.as_str()),
            instances: by_id(&doc.instances, |x| x.id.as_str()),
            nets: HashMap::new(),
            peered: HashSet::new(),
            public_tables: HashSet::new(),
        };
        ix.nets = ix.vpcs.iter().map(|(&id, vpc)| (id, vpc_nets(vpc))).collect();
        for s in ix.subnets.values() {
            if let Some(nets) = ix.nets.get_mut(s.vpc.as_str()) {
                let blocks = std::iter::once(&s.cidr).chain(s.ipv6_cidr.iter());
                nets.subnet_blocks.extend(blocks.filter_map(|c| c.parse().ok()));
            }
        }
        for p in &doc.peering_connections {
            let (a, b) = (p.requester_vpc.as_str(), p.accepter_vpc.as_str());
            ix.peered.insert((a, b));
            ix.peered.insert((b, a));
        }
        let public: HashSet<&str> = ix
            .route_tables
            .iter()
            .filter(|(_, t)| t.routes.iter().any(|r| match &r.target {
                RouteTarget::InternetGateway(igw) => ix.igw_vpc(igw.as_str()) == Some(t.vpc.as_str()),
                _ => false,
            }))
            .map(|(&id, _)| id)
            .collect();
        ix.public_tables = public;
        ix
    }

    /// Kind and list position of the first component with this id.
    pub fn first(&self, id: &str) -> Option<(ComponentKind, usize)> {
        self.first.get(id).copied()
    }

    /// The display name: the component's name if set, else its id (also for unknown ids).
    pub fn name<'b>(&'b self, id: &'b str) -> &'b str {
        self.names.get(id).copied().filter(|n| !n.is_empty()).unwrap_or(id)
    }

    /// The id of an existing VPC, if `id` names one.
    pub fn vpc_exists(&self, id: &str) -> Option<&'a str> {
        self.vpcs.get(id).map(|v| v.id.as_str())
    }

    pub fn subnet_vpc(&self, id: &str) -> Option<&'a str> {
        self.subnets.get(id).and_then(|s| self.vpc_exists(s.vpc.as_str()))
    }
    pub fn table_vpc(&self, id: &str) -> Option<&'a str> {
        self.route_tables.get(id).and_then(|t| self.vpc_exists(t.vpc.as_str()))
    }
    pub fn nacl_vpc(&self, id: &str) -> Option<&'a str> {
        self.nacls.get(id).and_then(|n| self.vpc_exists(n.vpc.as_str()))
    }
    pub fn sg_vpc(&self, id: &str) -> Option<&'a str> {
        self.sgs.get(id).and_then(|g| self.vpc_exists(g.vpc.as_str()))
    }
    pub fn endpoint_vpc(&self, id: &str) -> Option<&'a str> {
        self.endpoints.get(id).and_then(|e| self.vpc_exists(e.vpc.as_str()))
    }
    pub fn nat_vpc(&self, id: &str) -> Option<&'a str> {
        self.nats.get(id).and_then(|n| self.subnet_vpc(n.subnet.as_str()))
    }
    pub fn instance_vpc(&self, id: &str) -> Option<&'a str> {
        self.instances.get(id).and_then(|i| self.subnet_vpc(i.subnet.as_str()))
    }
    /// The VPC an internet gateway is attached to (whether or not that VPC exists).
    pub fn igw_vpc(&self, id: &str) -> Option<&'a str> {
        self.igws.get(id).and_then(|g| g.vpc.as_ref()).map(|v| v.as_str())
    }

    /// Whether two VPCs are the same or joined by a peering connection (S3: security-group
    /// references work across a peering).
    pub fn same_or_peered(&self, a: &str, b: &str) -> bool {
        a == b || self.peered.contains(&(a, b))
    }

    /// A subnet is public when its effective route table (explicit, else the VPC's main
    /// table) routes to an internet gateway attached to its VPC (R2, R4).
    pub fn is_public_subnet(&self, subnet: &Subnet) -> bool {
        let table = subnet
            .route_table
            .as_ref()
            .map(|t| t.as_str())
            .or_else(|| self.vpcs.get(subnet.vpc.as_str())?.main_route_table.as_ref().map(|t| t.as_str()));
        table.is_some_and(|t| self.public_tables.contains(t))
    }
}

/// Lists are counted per document list, and endpoints of both kinds share one list.
fn kind_list(kind: ComponentKind) -> ComponentKind {
    match kind {
        ComponentKind::InterfaceEndpoint => ComponentKind::GatewayEndpoint,
        other => other,
    }
}

fn vpc_nets(vpc: &Vpc) -> VpcNets {
    let v4 = std::iter::once(&vpc.cidr)
        .chain(&vpc.secondary_cidrs)
        .filter_map(|c| c.parse().ok())
        .filter(|n: &IpNet| matches!(n, IpNet::V4(_)))
        .collect();
    let v6 = vpc.ipv6_cidr.as_ref().and_then(|c| c.parse().ok()).filter(|n| matches!(n, IpNet::V6(_)));
    VpcNets { v4, v6, subnet_blocks: HashSet::new() }
}

//! The document indexed by id, built once so that every check is a hash lookup.
//!
//! When an id is used twice, the first component with it wins every lookup (the later one
//! is reported as a duplicate). Parsed address blocks are kept per VPC so that subnet and
//! route checks do not re-parse them.

use crate::hash::{HashMap, HashSet};
use crate::model::{
    ComponentKind, Document, EgressOnlyGateway, Endpoint, EndpointKind, Instance, InternetGateway, Nacl, NatGateway,
    PeeringConnection, RouteTable, RouteTarget, SecurityGroup, Subnet, Vpc,
};
use ipnet::IpNet;

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

/// A component of the document, by reference.
#[derive(Clone, Copy)]
enum Node<'a> {
    Vpc(&'a Vpc),
    Subnet(&'a Subnet),
    RouteTable(&'a RouteTable),
    Igw(&'a InternetGateway),
    Eigw(&'a EgressOnlyGateway),
    Nat(&'a NatGateway),
    Peering(&'a PeeringConnection),
    Endpoint(&'a Endpoint),
    Sg(&'a SecurityGroup),
    Nacl(&'a Nacl),
    Instance(&'a Instance),
    /// Functions, databases and services: nothing refers to them.
    Leaf,
}

/// The first component with an id: what it is, its position in its list, and its name.
#[derive(Clone, Copy)]
struct First<'a> {
    node: Node<'a>,
    kind: ComponentKind,
    pos: usize,
    name: &'a str,
}

pub(super) struct Index<'a> {
    /// The first component with each id; references resolve to it.
    first: HashMap<&'a str, First<'a>>,
    /// The usable blocks of each VPC.
    pub nets: HashMap<&'a str, VpcNets>,
    /// Unordered pairs of VPC ids joined by a peering connection, stored both ways.
    peered: HashSet<(&'a str, &'a str)>,
    /// Route tables with a route to an internet gateway attached to the table's VPC (R4).
    public_tables: HashSet<&'a str>,
}

/// Typed lookups: the component with this id, if the first one with it is of that kind.
macro_rules! lookups {
    ($($(#[$doc:meta])* $fn:ident -> $variant:ident($ty:ty);)*) => {$(
        $(#[$doc])*
        pub fn $fn(&self, id: &str) -> Option<&'a $ty> {
            match self.first.get(id)?.node {
                Node::$variant(x) => Some(x),
                _ => None,
            }
        }
    )*};
}

impl<'a> Index<'a> {
    pub fn new(doc: &'a Document) -> Self {
        let mut first = HashMap::with_capacity_and_hasher(doc.components().count(), Default::default());
        macro_rules! first {
            ($($list:ident => $node:expr, $kind:expr;)*) => {$(
                for (pos, x) in doc.$list.iter().enumerate() {
                    let node: fn(&'a _) -> Node<'a> = $node;
                    let kind: fn(&_) -> ComponentKind = $kind;
                    first.entry(x.id.as_str()).or_insert(First { node: node(x), kind: kind(x), pos, name: x.name.as_str() });
                }
            )*};
        }
        first! {
            vpcs => Node::Vpc, |_| ComponentKind::Vpc;
            subnets => Node::Subnet, |_| ComponentKind::Subnet;
            route_tables => Node::RouteTable, |_| ComponentKind::RouteTable;
            internet_gateways => Node::Igw, |_| ComponentKind::InternetGateway;
            egress_only_gateways => Node::Eigw, |_| ComponentKind::EgressOnlyGateway;
            nat_gateways => Node::Nat, |_| ComponentKind::NatGateway;
            peering_connections => Node::Peering, |_| ComponentKind::PeeringConnection;
            endpoints => Node::Endpoint, |e: &Endpoint| match e.kind {
                EndpointKind::Gateway { .. } => ComponentKind::GatewayEndpoint,
                EndpointKind::Interface { .. } => ComponentKind::InterfaceEndpoint,
            };
            security_groups => Node::Sg, |_| ComponentKind::SecurityGroup;
            network_acls => Node::Nacl, |_| ComponentKind::NetworkAcl;
            functions => |_| Node::Leaf, |_| ComponentKind::Function;
            databases => |_| Node::Leaf, |_| ComponentKind::Database;
            data_stores => |_| Node::Leaf, |_| ComponentKind::DataStore;
            instances => Node::Instance, |_| ComponentKind::Instance;
            services => |_| Node::Leaf, |_| ComponentKind::Service;
        }
        let mut ix = Index {
            first,
            nets: HashMap::default(),
            peered: HashSet::default(),
            public_tables: HashSet::default(),
        };

        for vpc in &doc.vpcs {
            if ix.vpc(vpc.id.as_str()).is_some_and(|v| std::ptr::eq(v, vpc)) {
                ix.nets.insert(vpc.id.as_str(), vpc_nets(vpc));
            }
        }
        for s in &doc.subnets {
            let first = ix.subnet(s.id.as_str()).is_some_and(|x| std::ptr::eq(x, s));
            if let Some(nets) = ix.nets.get_mut(s.vpc.as_str()).filter(|_| first) {
                let blocks = std::iter::once(&s.cidr).chain(s.ipv6_cidr.iter());
                nets.subnet_blocks.extend(blocks.filter_map(|c| c.parse().ok()));
            }
        }
        for p in &doc.peering_connections {
            let (a, b) = (p.requester_vpc.as_str(), p.accepter_vpc.as_str());
            ix.peered.insert((a, b));
            ix.peered.insert((b, a));
        }
        for t in &doc.route_tables {
            let public = t.routes.iter().any(|r| match &r.target {
                RouteTarget::InternetGateway(igw) => ix.igw_vpc(igw.as_str()) == Some(t.vpc.as_str()),
                _ => false,
            });
            if public && ix.route_table(t.id.as_str()).is_some_and(|x| std::ptr::eq(x, t)) {
                ix.public_tables.insert(t.id.as_str());
            }
        }
        ix
    }

    lookups! {
        vpc -> Vpc(Vpc);
        subnet -> Subnet(Subnet);
        route_table -> RouteTable(RouteTable);
        igw -> Igw(InternetGateway);
        eigw -> Eigw(EgressOnlyGateway);
        nat -> Nat(NatGateway);
        peering -> Peering(PeeringConnection);
        endpoint -> Endpoint(Endpoint);
        sg -> Sg(SecurityGroup);
        nacl -> Nacl(Nacl);
        instance -> Instance(Instance);
    }

    /// Expected and list position of the first component with this id.
    pub fn first(&self, id: &str) -> Option<(ComponentKind, usize)> {
        self.first.get(id).map(|f| (f.kind, f.pos))
    }

    /// The display name: the component's name if set, else its id (also for unknown ids).
    pub fn name<'b>(&self, id: &'b str) -> &'b str
    where
        'a: 'b,
    {
        self.first
            .get(id)
            .map(|f| f.name)
            .filter(|n| !n.is_empty())
            .unwrap_or(id)
    }

    /// The id of an existing VPC, if `id` names one.
    pub fn vpc_exists(&self, id: &str) -> Option<&'a str> {
        self.vpc(id).map(|v| v.id.as_str())
    }

    pub fn subnet_vpc(&self, id: &str) -> Option<&'a str> {
        self.subnet(id).and_then(|s| self.vpc_exists(s.vpc.as_str()))
    }
    pub fn table_vpc(&self, id: &str) -> Option<&'a str> {
        self.route_table(id).and_then(|t| self.vpc_exists(t.vpc.as_str()))
    }
    pub fn nacl_vpc(&self, id: &str) -> Option<&'a str> {
        self.nacl(id).and_then(|n| self.vpc_exists(n.vpc.as_str()))
    }
    pub fn sg_vpc(&self, id: &str) -> Option<&'a str> {
        self.sg(id).and_then(|g| self.vpc_exists(g.vpc.as_str()))
    }
    pub fn endpoint_vpc(&self, id: &str) -> Option<&'a str> {
        self.endpoint(id).and_then(|e| self.vpc_exists(e.vpc.as_str()))
    }
    pub fn nat_vpc(&self, id: &str) -> Option<&'a str> {
        self.nat(id).and_then(|n| self.subnet_vpc(n.subnet.as_str()))
    }
    pub fn instance_vpc(&self, id: &str) -> Option<&'a str> {
        self.instance(id).and_then(|i| self.subnet_vpc(i.subnet.as_str()))
    }
    /// The VPC an internet gateway is attached to (whether or not that VPC exists).
    pub fn igw_vpc(&self, id: &str) -> Option<&'a str> {
        self.igw(id).and_then(|g| g.vpc.as_ref()).map(|v| v.as_str())
    }

    /// Whether two VPCs are the same or joined by a peering connection (S3: security-group
    /// references work across a peering).
    pub fn same_or_peered(&self, a: &str, b: &str) -> bool {
        a == b || self.peered.contains(&(a, b))
    }

    /// A subnet is public when its effective route table (explicit, else the VPC's main
    /// table) routes to an internet gateway attached to its VPC (R2, R4).
    pub fn is_public_subnet(&self, subnet: &Subnet) -> bool {
        let table = subnet.route_table.as_ref().map(|t| t.as_str()).or_else(|| {
            self.vpc(subnet.vpc.as_str())?
                .main_route_table
                .as_ref()
                .map(|t| t.as_str())
        });
        table.is_some_and(|t| self.public_tables.contains(t))
    }
}

fn vpc_nets(vpc: &Vpc) -> VpcNets {
    let v4 = std::iter::once(&vpc.cidr)
        .chain(&vpc.secondary_cidrs)
        .filter_map(|c| c.parse().ok())
        .filter(|n: &IpNet| matches!(n, IpNet::V4(_)))
        .collect();
    let v6 = vpc
        .ipv6_cidr
        .as_ref()
        .and_then(|c| c.parse().ok())
        .filter(|n| matches!(n, IpNet::V6(_)));
    VpcNets {
        v4,
        v6,
        subnet_blocks: HashSet::default(),
    }
}

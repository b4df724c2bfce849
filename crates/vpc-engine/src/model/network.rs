//! VPCs, subnets, route tables, gateways and endpoints.

use super::{
    AwsService, CidrText, EigwId, EndpointId, IgwId, NaclId, NatId, PeeringId, RouteTableId, SgId, SubnetId, VpcId,
};
use serde::{Deserialize, Serialize};

/// A VPC. Its main route table and default NACL apply to every subnet that has no
/// explicit association.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Vpc {
    pub id: VpcId,
    pub name: String,
    /// Primary IPv4 block.
    pub cidr: CidrText,
    /// Additional IPv4 blocks (up to four more in AWS by default).
    pub secondary_cidrs: Vec<CidrText>,
    /// The Amazon-provided or BYOIP IPv6 block, if the VPC is dual-stack.
    pub ipv6_cidr: Option<CidrText>,
    /// `enableDnsSupport`: the Amazon DNS resolver answers inside the VPC. Default true.
    #[serde(default = "yes")]
    pub enable_dns_support: bool,
    /// `enableDnsHostnames`: needed with DNS support for private DNS of interface endpoints.
    /// Default false for a VPC you create.
    pub enable_dns_hostnames: bool,
    /// The main route table; `None` means the implicit one with only local routes.
    pub main_route_table: Option<RouteTableId>,
    /// The default network ACL; `None` means the implicit allow-all default NACL.
    pub default_nacl: Option<NaclId>,
    pub tenancy: Tenancy,
}

fn yes() -> bool {
    true
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tenancy {
    #[default]
    Default,
    /// Lambda functions cannot attach to a dedicated-tenancy VPC.
    Dedicated,
}

/// A subnet: one Availability Zone, one route table, one network ACL.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Subnet {
    pub id: SubnetId,
    pub name: String,
    pub vpc: VpcId,
    /// Availability Zone name, e.g. `us-east-1a`.
    pub az: String,
    pub cidr: CidrText,
    pub ipv6_cidr: Option<CidrText>,
    /// Explicit route-table association; `None` means the VPC's main route table.
    pub route_table: Option<RouteTableId>,
    /// Explicit network-ACL association; `None` means the VPC's default NACL.
    pub nacl: Option<NaclId>,
}

/// A route table. The local route(s) for the VPC's CIDRs are implicit: every table has them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RouteTable {
    pub id: RouteTableId,
    pub name: String,
    pub vpc: VpcId,
    pub routes: Vec<Route>,
}

/// One route. Its state (active or blackhole) is derived: a route whose target is missing
/// or not attached to this VPC is a blackhole, as in AWS after the target is deleted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Route {
    pub destination: RouteDestination,
    pub target: RouteTarget,
}

/// Where a route sends traffic for.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RouteDestination {
    /// An IPv4 or IPv6 CIDR block, e.g. `0.0.0.0/0` or `::/0`.
    Cidr(CidrText),
    /// The AWS-managed prefix list of a service in this Region (S3 or DynamoDB).
    PrefixList(AwsService),
}

/// The next hop of a route.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    content = "id",
    rename_all = "snake_case",
    try_from = "RouteTargetWire"
)]
pub enum RouteTarget {
    /// The VPC itself (only meaningful for the VPC's own CIDRs).
    Local,
    InternetGateway(IgwId),
    EgressOnlyGateway(EigwId),
    NatGateway(NatId),
    /// A gateway endpoint; normally created by associating the endpoint with the table.
    GatewayEndpoint(EndpointId),
    VpcPeering(PeeringId),
    /// A network interface or instance (e.g. a NAT instance or an appliance), by id.
    NetworkInterface(String),
}

/// How a [`RouteTarget`] is read: `{"kind": …, "id": …}` as one plain struct. The derived
/// adjacently tagged reader buffers the object first (the id may come before the kind), and
/// that buffering code costs the web download kilobytes. Writing keeps the derived form.
#[derive(Deserialize)]
struct RouteTargetWire {
    kind: RouteTargetKind,
    #[serde(default)]
    id: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum RouteTargetKind {
    Local,
    InternetGateway,
    EgressOnlyGateway,
    NatGateway,
    GatewayEndpoint,
    VpcPeering,
    NetworkInterface,
}

impl TryFrom<RouteTargetWire> for RouteTarget {
    type Error = &'static str;
    fn try_from(w: RouteTargetWire) -> Result<Self, Self::Error> {
        let Some(id) = w.id else {
            return match w.kind {
                RouteTargetKind::Local => Ok(RouteTarget::Local),
                _ => Err("missing field `id`"),
            };
        };
        Ok(match w.kind {
            RouteTargetKind::Local => return Err("a `local` route target has no `id`"),
            RouteTargetKind::InternetGateway => RouteTarget::InternetGateway(IgwId(id)),
            RouteTargetKind::EgressOnlyGateway => RouteTarget::EgressOnlyGateway(EigwId(id)),
            RouteTargetKind::NatGateway => RouteTarget::NatGateway(NatId(id)),
            RouteTargetKind::GatewayEndpoint => RouteTarget::GatewayEndpoint(EndpointId(id)),
            RouteTargetKind::VpcPeering => RouteTarget::VpcPeering(PeeringId(id)),
            RouteTargetKind::NetworkInterface => RouteTarget::NetworkInterface(id),
        })
    }
}

/// An internet gateway. Useful only while attached to a VPC.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InternetGateway {
    pub id: IgwId,
    pub name: String,
    /// The VPC it is attached to, if any.
    pub vpc: Option<VpcId>,
}

/// An egress-only internet gateway: outbound IPv6 only.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EgressOnlyGateway {
    pub id: EigwId,
    pub name: String,
    pub vpc: Option<VpcId>,
}

/// A (zonal) NAT gateway, placed in one subnet.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NatGateway {
    pub id: NatId,
    pub name: String,
    pub subnet: SubnetId,
    pub connectivity: Connectivity,
    /// Whether an Elastic IP is associated (required for public connectivity).
    #[serde(default = "yes")]
    pub elastic_ip: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Connectivity {
    #[default]
    Public,
    /// For VPC-to-VPC or on-premises traffic only; an IGW drops its traffic.
    Private,
}

/// A VPC peering connection between two VPCs (routes on both sides are still needed).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PeeringConnection {
    pub id: PeeringId,
    pub name: String,
    pub requester_vpc: VpcId,
    pub accepter_vpc: VpcId,
}

/// A VPC endpoint to an AWS service.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "EndpointWire")]
pub struct Endpoint {
    pub id: EndpointId,
    #[serde(default)]
    pub name: String,
    pub vpc: VpcId,
    pub service: AwsService,
    #[serde(flatten)]
    pub kind: EndpointKind,
    /// The endpoint policy, reduced to what changes a verdict.
    #[serde(default)]
    pub policy: EndpointPolicy,
}

/// Gateway endpoints are route-table targets; interface endpoints are ENIs found by DNS.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EndpointKind {
    Gateway {
        /// Route tables that get a prefix-list route to this endpoint.
        #[serde(default)]
        route_tables: Vec<RouteTableId>,
    },
    Interface {
        /// At most one subnet per Availability Zone.
        #[serde(default)]
        subnets: Vec<SubnetId>,
        /// Empty means the VPC's default security group (which only admits its own members).
        #[serde(default)]
        security_groups: Vec<SgId>,
        #[serde(default = "yes")]
        private_dns: bool,
    },
}

/// How an [`Endpoint`] is read: every field of both kinds in one plain struct, the same JSON
/// that `#[serde(flatten)]` writes. The flattened reader buffers the whole object first, and
/// that code costs the web download kilobytes. Writing keeps the derived form.
#[derive(Deserialize)]
struct EndpointWire {
    id: EndpointId,
    #[serde(default)]
    name: String,
    vpc: VpcId,
    service: AwsService,
    #[serde(rename = "type")]
    kind: EndpointType,
    #[serde(default)]
    route_tables: Vec<RouteTableId>,
    #[serde(default)]
    subnets: Vec<SubnetId>,
    #[serde(default)]
    security_groups: Vec<SgId>,
    #[serde(default = "yes")]
    private_dns: bool,
    #[serde(default)]
    policy: EndpointPolicy,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum EndpointType {
    Gateway,
    Interface,
}

impl From<EndpointWire> for Endpoint {
    fn from(w: EndpointWire) -> Self {
        let kind = match w.kind {
            EndpointType::Gateway => EndpointKind::Gateway {
                route_tables: w.route_tables,
            },
            EndpointType::Interface => EndpointKind::Interface {
                subnets: w.subnets,
                security_groups: w.security_groups,
                private_dns: w.private_dns,
            },
        };
        Endpoint {
            id: w.id,
            name: w.name,
            vpc: w.vpc,
            service: w.service,
            kind,
            policy: w.policy,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndpointPolicy {
    /// The default full-access policy.
    #[default]
    AllowAll,
    /// A policy that denies this function's requests.
    DenyAll,
}

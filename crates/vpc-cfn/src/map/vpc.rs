//! The network: VPCs and their address blocks, subnets, route tables and routes, gateways
//! (internet, egress-only, NAT), Elastic IPs, VPC endpoints and peering connections.

use super::{flag, list, s, Builder, Map};
use crate::eval::Val;
use vpc_import::{EndpointSpec, Next, RouteFields, RouteSpec, SubnetSpec, VpcSpec};

pub(super) const TYPES: &[(&str, Map)] = &[
    ("AWS::EC2::VPC", vpc),
    ("AWS::EC2::VPCCidrBlock", cidr_block),
    ("AWS::EC2::Subnet", subnet),
    ("AWS::EC2::RouteTable", route_table),
    ("AWS::EC2::Route", route),
    ("AWS::EC2::SubnetRouteTableAssociation", route_table_association),
    ("AWS::EC2::InternetGateway", internet_gateway),
    ("AWS::EC2::VPCGatewayAttachment", gateway_attachment),
    ("AWS::EC2::EgressOnlyInternetGateway", egress_only_gateway),
    ("AWS::EC2::NatGateway", nat_gateway),
    ("AWS::EC2::EIP", eip),
    ("AWS::EC2::EIPAssociation", eip_association),
    ("AWS::EC2::VPCEndpoint", endpoint),
    ("AWS::EC2::VPCPeeringConnection", peering),
];

fn vpc(b: &mut Builder, id: &str, ty: &str, p: &Val) {
    b.out.vpc(
        id,
        ty,
        VpcSpec {
            cidr: s(p, "CidrBlock"),
            dns_support: flag(p, "EnableDnsSupport"),
            dns_hostnames: flag(p, "EnableDnsHostnames"),
            dedicated: s(p, "InstanceTenancy").as_deref() == Some("dedicated"),
            ipv6_cidr: None,
        },
    );
}

fn cidr_block(b: &mut Builder, id: &str, ty: &str, p: &Val) {
    let vpc = s(p, "VpcId").unwrap_or_default();
    let v6 = match s(p, "Ipv6CidrBlock") {
        Some(b) => Some(b),
        None if flag(p, "AmazonProvidedIpv6CidrBlock") == Some(true) || p.get("Ipv6Pool").is_some() => {
            let block = b.ctx.ipv6_block(&vpc);
            b.out.note(format!(
                "{id}: {block} stands in for the Amazon-provided IPv6 block AWS assigns to {vpc} at deploy time"
            ));
            Some(block)
        }
        None => None,
    };
    b.out.cidr_block(id, ty, &vpc, s(p, "CidrBlock"), v6);
}

fn subnet(b: &mut Builder, id: &str, ty: &str, p: &Val) {
    b.out.subnet(
        id,
        ty,
        SubnetSpec {
            vpc: s(p, "VpcId").unwrap_or_default(),
            az: s(p, "AvailabilityZone").or_else(|| s(p, "AvailabilityZoneId")),
            cidr: s(p, "CidrBlock").unwrap_or_default(),
            ipv6_cidr: s(p, "Ipv6CidrBlock"),
            map_public_ip: flag(p, "MapPublicIpOnLaunch") == Some(true),
        },
    );
}

fn route_table(b: &mut Builder, id: &str, ty: &str, p: &Val) {
    b.out.route_table(id, ty, &s(p, "VpcId").unwrap_or_default());
}

/// `AWS::EC2::Route`'s target fields.
const ROUTE: RouteFields = RouteFields {
    gateway: "GatewayId",
    egress_only: "EgressOnlyInternetGatewayId",
    nat: "NatGatewayId",
    peering: "VpcPeeringConnectionId",
    interface: ["NetworkInterfaceId", "InstanceId"],
    unmodelled: [
        "TransitGatewayId",
        "VpcEndpointId",
        "CarrierGatewayId",
        "LocalGatewayId",
        "CoreNetworkArn",
    ],
};

fn route(b: &mut Builder, id: &str, ty: &str, p: &Val) {
    let rt = s(p, "RouteTableId").unwrap_or_default();
    let ctx = &*b.ctx;
    let next = Next::read(&ROUTE, &|k| s(p, k), &|k| p.get(k).is_some(), &|g| {
        ctx.resource_type(g) == Some("AWS::EC2::VPNGateway")
    });
    let dest = s(p, "DestinationCidrBlock").or_else(|| s(p, "DestinationIpv6CidrBlock"));
    b.out.route(id, ty, &rt, RouteSpec { dest, next });
}

fn route_table_association(b: &mut Builder, id: &str, ty: &str, p: &Val) {
    b.out.route_table_association(
        id,
        ty,
        &s(p, "SubnetId").unwrap_or_default(),
        &s(p, "RouteTableId").unwrap_or_default(),
    );
}

fn internet_gateway(b: &mut Builder, id: &str, ty: &str, _: &Val) {
    b.out.internet_gateway(id, ty, None);
}

fn gateway_attachment(b: &mut Builder, id: &str, ty: &str, p: &Val) {
    let vpc = s(p, "VpcId").unwrap_or_default();
    match s(p, "InternetGatewayId") {
        Some(igw) => b.out.gateway_attachment(id, ty, &igw, &vpc),
        None => b.out.not_modelled(id, ty, "it attaches a VPN gateway, not modelled"),
    }
}

fn egress_only_gateway(b: &mut Builder, id: &str, ty: &str, p: &Val) {
    b.out.egress_only_gateway(id, ty, s(p, "VpcId"));
}

fn nat_gateway(b: &mut Builder, id: &str, ty: &str, p: &Val) {
    b.out.nat_gateway(
        id,
        ty,
        &s(p, "SubnetId").unwrap_or_default(),
        s(p, "ConnectivityType").as_deref() == Some("private"),
        s(p, "AllocationId").is_some(),
    );
}

fn eip(b: &mut Builder, id: &str, ty: &str, p: &Val) {
    let user = b.eip_user(id);
    b.out.eip(id, ty, s(p, "InstanceId"), || user);
}

fn eip_association(b: &mut Builder, id: &str, ty: &str, p: &Val) {
    b.out.eip_association(id, ty, s(p, "InstanceId"));
}

fn endpoint(b: &mut Builder, id: &str, ty: &str, p: &Val) {
    b.out.endpoint(
        id,
        ty,
        EndpointSpec {
            vpc: s(p, "VpcId").unwrap_or_default(),
            service_name: s(p, "ServiceName").unwrap_or_default(),
            kind: s(p, "VpcEndpointType").unwrap_or_default(),
            route_tables: list(p, "RouteTableIds"),
            subnets: list(p, "SubnetIds"),
            security_groups: list(p, "SecurityGroupIds"),
            private_dns: flag(p, "PrivateDnsEnabled").unwrap_or(false),
            deny_all: p.get("PolicyDocument").is_some_and(denies_all),
        },
    );
}

/// An endpoint policy that allows nothing: no statement with `Effect: Allow`.
fn denies_all(policy: &Val) -> bool {
    let statements = policy.get("Statement").map(Val::items).unwrap_or_default();
    let effects: Vec<Option<&str>> = statements
        .iter()
        .map(|s| s.get("Effect").and_then(Val::as_str))
        .collect();
    vpc_import::values::allows_nothing(&effects)
}

fn peering(b: &mut Builder, id: &str, ty: &str, p: &Val) {
    b.out.peering(
        id,
        ty,
        &s(p, "VpcId").unwrap_or_default(),
        &s(p, "PeerVpcId").unwrap_or_default(),
    );
}

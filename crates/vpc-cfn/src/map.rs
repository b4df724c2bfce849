//! Resources onto the engine's design document.
//!
//! Component ids are logical ids. Anything the template refers to but does not contain (an id
//! parameter without a value, an `Fn::ImportValue`, a literal `vpc-…`) becomes a placeholder
//! component whose name says it is outside this template, so every sentence about it says so.

use crate::error::Error;
use crate::eval::{Ctx, Val};
use crate::report::{Modelled, NotModelled, Outside, Report, OUTSIDE_SUFFIX};
use crate::tree::Node;
use std::collections::{BTreeMap, HashSet};
use vpc_engine::model::*;

mod services;
mod stores;

/// `Properties.Key` as text.
fn s(p: &Val, key: &str) -> Option<String> {
    p.get(key).and_then(Val::text).filter(|t| !t.is_empty())
}

/// `Properties.Key` as a list of text (a single value counts as one).
fn list(p: &Val, key: &str) -> Vec<String> {
    p.get(key)
        .map(|v| v.items().into_iter().filter_map(Val::text).collect())
        .unwrap_or_default()
}

fn flag(p: &Val, key: &str) -> Option<bool> {
    p.get(key).and_then(Val::truthy)
}

fn port(v: Option<&Val>) -> Option<i64> {
    v.and_then(Val::text).and_then(|t| t.trim().parse::<i64>().ok())
}

fn protocol(text: &str) -> Option<Protocol> {
    match text.to_ascii_lowercase().as_str() {
        "tcp" | "6" => Some(Protocol::Tcp),
        "udp" | "17" => Some(Protocol::Udp),
        "icmp" | "1" | "icmpv6" | "58" => Some(Protocol::Icmp),
        "-1" | "all" => Some(Protocol::All),
        _ => None,
    }
}

fn ports(proto: Protocol, from: Option<i64>, to: Option<i64>) -> (u16, u16) {
    if matches!(proto, Protocol::All | Protocol::Icmp) {
        return (0, 65535);
    }
    let clamp = |p: i64| p.clamp(0, 65535) as u16;
    match (from, to) {
        (Some(f), Some(t)) if f >= 0 && t >= 0 => (clamp(f), clamp(t)),
        (Some(f), None) if f >= 0 => (clamp(f), clamp(f)),
        _ => (0, 65535),
    }
}

fn engine(text: &str) -> Option<DatabaseEngine> {
    let t = text.to_ascii_lowercase();
    Some(match t.as_str() {
        "postgres" | "aurora-postgresql" => DatabaseEngine::Postgres,
        "mysql" | "aurora" | "aurora-mysql" => DatabaseEngine::Mysql,
        "mariadb" => DatabaseEngine::Mariadb,
        _ if t.starts_with("oracle") => DatabaseEngine::Oracle,
        _ if t.starts_with("sqlserver") => DatabaseEngine::SqlServer,
        _ => return None,
    })
}

use services::service_of;

/// An endpoint's `ServiceName` (`com.amazonaws.<region>.<key>`, global and other forms) to a
/// service of the table.
fn endpoint_service(name: &str) -> Option<AwsService> {
    AwsService::from_endpoint_name(name)
}

/// Where a placeholder's id came from when it is neither a parameter nor an import.
const LITERAL: &str = "an id written in the template";

/// The reason for resource types outside the network model.
const NOT_NETWORK: &str = "not part of the playground's network model";

/// Deferred links between resources, applied once every component exists.
#[derive(Default)]
struct Links {
    igw_attach: Vec<(String, String)>,
    rt_assoc: Vec<(String, String)>,
    nacl_assoc: Vec<(String, String)>,
    routes: Vec<(String, Route)>,
    cidr_blocks: Vec<(String, Option<String>, Option<String>)>,
    sg_rules: Vec<(String, bool, SgRule)>,
    nacl_rules: Vec<(String, bool, NaclRule)>,
    subnet_groups: BTreeMap<String, Vec<String>>,
    /// Databases and the subnet group they name (resolved after the groups are read).
    db_groups: Vec<(String, String)>,
    public_ip_subnets: HashSet<String>,
    instance_eips: HashSet<String>,
    /// Instances whose public IP follows their subnet's `MapPublicIpOnLaunch`.
    instance_auto_ip: Vec<String>,
    /// Inline egress rules given: the default all-outbound rule is not added.
    sg_inline_egress: HashSet<String>,
}

pub struct Builder<'c, 't> {
    pub ctx: &'c mut Ctx<'t>,
    pub doc: Document,
    pub report: Report,
    links: Links,
    /// Data-store resources, mapped once the template is read (`stores.rs`).
    stores: stores::Stores,
}

impl<'c, 't> Builder<'c, 't> {
    pub fn new(ctx: &'c mut Ctx<'t>, doc: Document, report: Report) -> Self {
        Builder {
            ctx,
            doc,
            report,
            links: Links::default(),
            stores: stores::Stores::default(),
        }
    }

    fn modelled(&mut self, id: &str, ty: &str, became: impl Into<String>) {
        self.report.modelled.push(Modelled {
            id: id.to_owned(),
            resource_type: ty.to_owned(),
            became: became.into(),
        });
    }

    fn not_modelled(&mut self, id: &str, ty: &str, reason: impl Into<String>) {
        let reason = reason.into();
        self.report.not_modelled.push(NotModelled {
            id: id.to_owned(),
            resource_type: ty.to_owned(),
            code: if reason == NOT_NETWORK { "not_network" } else { "detail" },
            reason,
            name: String::new(),
        });
    }

    /// One resource, with its evaluated properties.
    pub fn resource(&mut self, id: &str, ty: &str, p: &Val) -> Result<(), Error> {
        match ty {
            "AWS::EC2::VPC" => {
                let cidr = match s(p, "CidrBlock") {
                    Some(c) => c,
                    None => {
                        self.report.notes.push(format!(
                            "{id}: the IPv4 block comes from an IPAM pool; 10.0.0.0/16 stands in for it"
                        ));
                        "10.0.0.0/16".into()
                    }
                };
                let tenancy = match s(p, "InstanceTenancy").as_deref() {
                    Some("dedicated") => Tenancy::Dedicated,
                    _ => Tenancy::Default,
                };
                self.doc.vpcs.push(Vpc {
                    id: VpcId::new(id),
                    name: String::new(),
                    cidr: CidrText::new(cidr),
                    enable_dns_support: flag(p, "EnableDnsSupport").unwrap_or(true),
                    enable_dns_hostnames: flag(p, "EnableDnsHostnames").unwrap_or(false),
                    tenancy,
                    ..Vpc::default()
                });
                self.modelled(id, ty, "vpc");
            }
            "AWS::EC2::VPCCidrBlock" => {
                let vpc = s(p, "VpcId").unwrap_or_default();
                let v4 = s(p, "CidrBlock");
                let v6 = match s(p, "Ipv6CidrBlock") {
                    Some(b) => Some(b),
                    None if flag(p, "AmazonProvidedIpv6CidrBlock") == Some(true) || p.get("Ipv6Pool").is_some() => {
                        let b = self.ctx.ipv6_block(&vpc);
                        self.report.notes.push(format!(
                            "{id}: {b} stands in for the Amazon-provided IPv6 block AWS assigns to {vpc} at deploy time"
                        ));
                        Some(b)
                    }
                    None => None,
                };
                self.links.cidr_blocks.push((vpc.clone(), v4, v6));
                self.modelled(id, ty, format!("address block of {vpc}"));
            }
            "AWS::EC2::Subnet" => {
                let az = match s(p, "AvailabilityZone").or_else(|| s(p, "AvailabilityZoneId")) {
                    Some(az) => az,
                    None => {
                        let az = format!("{}a", self.ctx.pseudo.region);
                        self.report.notes.push(format!(
                            "{id}: no Availability Zone given; AWS picks one, {az} stands in"
                        ));
                        az
                    }
                };
                if flag(p, "MapPublicIpOnLaunch") == Some(true) {
                    self.links.public_ip_subnets.insert(id.to_owned());
                }
                self.doc.subnets.push(Subnet {
                    id: SubnetId::new(id),
                    vpc: VpcId(s(p, "VpcId").unwrap_or_default()),
                    az,
                    cidr: CidrText::new(s(p, "CidrBlock").unwrap_or_default()),
                    ipv6_cidr: s(p, "Ipv6CidrBlock").map(CidrText),
                    ..Subnet::default()
                });
                self.modelled(id, ty, "subnet");
            }
            "AWS::EC2::RouteTable" => {
                self.doc.route_tables.push(RouteTable {
                    id: RouteTableId::new(id),
                    vpc: VpcId(s(p, "VpcId").unwrap_or_default()),
                    ..RouteTable::default()
                });
                self.modelled(id, ty, "route_table");
            }
            "AWS::EC2::Route" => {
                let rt = s(p, "RouteTableId").unwrap_or_default();
                let dest = if let Some(c) = s(p, "DestinationCidrBlock").or_else(|| s(p, "DestinationIpv6CidrBlock")) {
                    RouteDestination::Cidr(CidrText(c))
                } else {
                    self.not_modelled(
                        id,
                        ty,
                        "its destination is a prefix list, which the playground cannot resolve",
                    );
                    return Ok(());
                };
                let target = if let Some(g) = s(p, "GatewayId") {
                    match self.ctx.resource_type(&g) {
                        Some("AWS::EC2::VPNGateway") => {
                            self.not_modelled(id, ty, "it targets a virtual private gateway (VPN), not modelled");
                            return Ok(());
                        }
                        _ if g == "local" => RouteTarget::Local,
                        _ => RouteTarget::InternetGateway(IgwId(g)),
                    }
                } else if let Some(g) = s(p, "EgressOnlyInternetGatewayId") {
                    RouteTarget::EgressOnlyGateway(EigwId(g))
                } else if let Some(n) = s(p, "NatGatewayId") {
                    RouteTarget::NatGateway(NatId(n))
                } else if let Some(x) = s(p, "VpcPeeringConnectionId") {
                    RouteTarget::VpcPeering(PeeringId(x))
                } else if let Some(x) = s(p, "NetworkInterfaceId").or_else(|| s(p, "InstanceId")) {
                    RouteTarget::NetworkInterface(x)
                } else {
                    let what = [
                        "TransitGatewayId",
                        "VpcEndpointId",
                        "CarrierGatewayId",
                        "LocalGatewayId",
                        "CoreNetworkArn",
                    ]
                    .into_iter()
                    .find(|k| p.get(k).is_some())
                    .unwrap_or("no target");
                    self.not_modelled(id, ty, format!("its target ({what}) is not modelled"));
                    return Ok(());
                };
                self.links.routes.push((
                    rt.clone(),
                    Route {
                        destination: dest,
                        target,
                    },
                ));
                self.modelled(id, ty, format!("route of {rt}"));
            }
            "AWS::EC2::SubnetRouteTableAssociation" => {
                let (sn, rt) = (
                    s(p, "SubnetId").unwrap_or_default(),
                    s(p, "RouteTableId").unwrap_or_default(),
                );
                self.modelled(id, ty, format!("route table of {sn}"));
                self.links.rt_assoc.push((sn, rt));
            }
            "AWS::EC2::InternetGateway" => {
                self.doc.internet_gateways.push(InternetGateway {
                    id: IgwId::new(id),
                    ..InternetGateway::default()
                });
                self.modelled(id, ty, "internet_gateway");
            }
            "AWS::EC2::VPCGatewayAttachment" => {
                let vpc = s(p, "VpcId").unwrap_or_default();
                if let Some(igw) = s(p, "InternetGatewayId") {
                    self.modelled(id, ty, format!("attachment of {igw} to {vpc}"));
                    self.links.igw_attach.push((igw, vpc));
                } else {
                    self.not_modelled(id, ty, "it attaches a VPN gateway, not modelled");
                }
            }
            "AWS::EC2::EgressOnlyInternetGateway" => {
                self.doc.egress_only_gateways.push(EgressOnlyGateway {
                    id: EigwId::new(id),
                    name: String::new(),
                    vpc: s(p, "VpcId").map(VpcId),
                });
                self.modelled(id, ty, "egress_only_gateway");
            }
            "AWS::EC2::NatGateway" => {
                let private = s(p, "ConnectivityType").as_deref() == Some("private");
                self.doc.nat_gateways.push(NatGateway {
                    id: NatId::new(id),
                    name: String::new(),
                    subnet: SubnetId(s(p, "SubnetId").unwrap_or_default()),
                    connectivity: if private {
                        Connectivity::Private
                    } else {
                        Connectivity::Public
                    },
                    elastic_ip: !private && s(p, "AllocationId").is_some(),
                });
                self.modelled(id, ty, "nat_gateway");
            }
            "AWS::EC2::EIP" => {
                if let Some(i) = s(p, "InstanceId") {
                    self.links.instance_eips.insert(i.clone());
                    self.modelled(id, ty, format!("Elastic IP of {i}"));
                } else if let Some(user) = self.eip_user(id) {
                    self.modelled(id, ty, format!("Elastic IP of {user}"));
                } else {
                    self.not_modelled(id, ty, "no NAT gateway or instance uses it");
                }
            }
            "AWS::EC2::EIPAssociation" => match s(p, "InstanceId") {
                Some(i) => {
                    self.links.instance_eips.insert(i.clone());
                    self.modelled(id, ty, format!("Elastic IP of {i}"));
                }
                None => self.not_modelled(id, ty, "it associates a network interface, not an instance"),
            },
            "AWS::EC2::VPCEndpoint" => {
                let name = s(p, "ServiceName").unwrap_or_default();
                let Some(service) = endpoint_service(&name) else {
                    self.not_modelled(
                        id,
                        ty,
                        format!("the service `{name}` is not in the playground's catalogue"),
                    );
                    return Ok(());
                };
                let kind = match s(p, "VpcEndpointType").as_deref().unwrap_or("Gateway") {
                    "Gateway" => EndpointKind::Gateway {
                        route_tables: list(p, "RouteTableIds").into_iter().map(RouteTableId).collect(),
                    },
                    "Interface" => EndpointKind::Interface {
                        subnets: list(p, "SubnetIds").into_iter().map(SubnetId).collect(),
                        security_groups: list(p, "SecurityGroupIds").into_iter().map(SgId).collect(),
                        private_dns: flag(p, "PrivateDnsEnabled").unwrap_or(false),
                    },
                    other => {
                        self.not_modelled(id, ty, format!("endpoint type {other} is not modelled"));
                        return Ok(());
                    }
                };
                let policy = match p.get("PolicyDocument") {
                    Some(doc) if denies_all(doc) => EndpointPolicy::DenyAll,
                    _ => EndpointPolicy::AllowAll,
                };
                self.doc.endpoints.push(Endpoint {
                    id: EndpointId::new(id),
                    name: String::new(),
                    vpc: VpcId(s(p, "VpcId").unwrap_or_default()),
                    service,
                    kind,
                    policy,
                });
                self.modelled(id, ty, "endpoint");
            }
            "AWS::EC2::SecurityGroup" => {
                let vpc = match s(p, "VpcId") {
                    Some(v) => v,
                    None => {
                        self.report
                            .notes
                            .push(format!("{id}: no VpcId, so AWS puts it in the account's default VPC"));
                        "DefaultVpc".into()
                    }
                };
                let mut sg = SecurityGroup {
                    id: SgId::new(id),
                    vpc: VpcId(vpc),
                    ..SecurityGroup::default()
                };
                for r in p.get("SecurityGroupIngress").map(Val::items).unwrap_or_default() {
                    if let Some(rule) = self.sg_rule(id, r, true) {
                        sg.inbound.push(rule);
                    }
                }
                let egress = p.get("SecurityGroupEgress").map(Val::items).unwrap_or_default();
                if egress.is_empty() {
                    // CloudFormation adds AWS's default: all traffic to any IPv4 address.
                    sg.outbound.push(SgRule::all_to(SgPeer::Cidr("0.0.0.0/0".into())));
                } else {
                    self.links.sg_inline_egress.insert(id.to_owned());
                }
                for r in egress {
                    if let Some(rule) = self.sg_rule(id, r, false) {
                        sg.outbound.push(rule);
                    }
                }
                self.doc.security_groups.push(sg);
                self.modelled(id, ty, "security_group");
            }
            "AWS::EC2::SecurityGroupIngress" | "AWS::EC2::SecurityGroupEgress" => {
                let inbound = ty.ends_with("Ingress");
                let Some(group) = s(p, "GroupId") else {
                    self.not_modelled(id, ty, "it names its group by GroupName (default VPC only)");
                    return Ok(());
                };
                match self.sg_rule(id, p, inbound) {
                    Some(rule) => {
                        self.modelled(id, ty, format!("rule of {group}"));
                        self.links.sg_rules.push((group, inbound, rule));
                    }
                    None => self.not_modelled(id, ty, "its protocol or peer is not modelled"),
                }
            }
            "AWS::EC2::NetworkAcl" => {
                self.doc.network_acls.push(Nacl {
                    id: NaclId::new(id),
                    vpc: VpcId(s(p, "VpcId").unwrap_or_default()),
                    ..Nacl::default()
                });
                self.modelled(id, ty, "network_acl");
            }
            "AWS::EC2::NetworkAclEntry" => {
                let nacl = s(p, "NetworkAclId").unwrap_or_default();
                let proto = s(p, "Protocol").as_deref().and_then(protocol);
                let number = port(p.get("RuleNumber")).filter(|n| (1..=32766).contains(n));
                let cidr = s(p, "CidrBlock").or_else(|| s(p, "Ipv6CidrBlock"));
                let (Some(proto), Some(number), Some(cidr)) = (proto, number, cidr) else {
                    self.not_modelled(
                        id,
                        ty,
                        "its protocol, rule number or address block is not one the playground reads",
                    );
                    return Ok(());
                };
                let range = p.get("PortRange");
                let (from_port, to_port) = ports(
                    proto,
                    port(range.and_then(|r| r.get("From"))),
                    port(range.and_then(|r| r.get("To"))),
                );
                let action = match s(p, "RuleAction").as_deref() {
                    Some("deny") => NaclAction::Deny,
                    _ => NaclAction::Allow,
                };
                let egress = flag(p, "Egress").unwrap_or(false);
                self.modelled(id, ty, format!("rule of {nacl}"));
                self.links.nacl_rules.push((
                    nacl,
                    egress,
                    NaclRule {
                        number: number as u16,
                        action,
                        protocol: proto,
                        from_port,
                        to_port,
                        cidr: CidrText(cidr),
                    },
                ));
            }
            "AWS::EC2::SubnetNetworkAclAssociation" => {
                let (sn, acl) = (
                    s(p, "SubnetId").unwrap_or_default(),
                    s(p, "NetworkAclId").unwrap_or_default(),
                );
                self.modelled(id, ty, format!("network ACL of {sn}"));
                self.links.nacl_assoc.push((sn, acl));
            }
            "AWS::EC2::VPCPeeringConnection" => {
                self.doc.peering_connections.push(PeeringConnection {
                    id: PeeringId::new(id),
                    name: String::new(),
                    requester_vpc: VpcId(s(p, "VpcId").unwrap_or_default()),
                    accepter_vpc: VpcId(s(p, "PeerVpcId").unwrap_or_default()),
                });
                self.modelled(id, ty, "peering_connection");
            }
            "AWS::EC2::Instance" => {
                let nic = p
                    .get("NetworkInterfaces")
                    .and_then(|n| n.items().first().copied().cloned());
                let subnet = s(p, "SubnetId").or_else(|| nic.as_ref().and_then(|n| s(n, "SubnetId")));
                let mut groups = list(p, "SecurityGroupIds");
                if let Some(n) = &nic {
                    groups.extend(list(n, "GroupSet"));
                }
                let explicit_ip = nic.as_ref().and_then(|n| flag(n, "AssociatePublicIpAddress"));
                if explicit_ip.is_none() {
                    self.links.instance_auto_ip.push(id.to_owned());
                }
                self.doc.instances.push(Instance {
                    id: InstanceId::new(id),
                    subnet: SubnetId(subnet.unwrap_or_default()),
                    security_groups: groups.into_iter().map(SgId).collect(),
                    public_ip: explicit_ip.unwrap_or(false),
                    ..Instance::default()
                });
                self.modelled(id, ty, "instance");
            }
            "AWS::Lambda::Function" | "AWS::Serverless::Function" => {
                let vpc_config = p.get("VpcConfig").and_then(|c| {
                    let subnets = list(c, "SubnetIds");
                    (!subnets.is_empty()).then(|| VpcConfig {
                        subnets: subnets.into_iter().map(SubnetId).collect(),
                        security_groups: list(c, "SecurityGroupIds").into_iter().map(SgId).collect(),
                        ipv6_allowed_for_dual_stack: flag(c, "Ipv6AllowedForDualStack").unwrap_or(false),
                    })
                });
                self.doc.functions.push(Function {
                    id: FunctionId::new(id),
                    name: String::new(),
                    vpc_config,
                });
                self.modelled(id, ty, "function");
                self.services_called_by(id);
            }
            "AWS::RDS::DBInstance" | "AWS::RDS::DBCluster" => {
                let cluster = ty == "AWS::RDS::DBCluster";
                if !cluster {
                    if let Some(c) = s(p, "DBClusterIdentifier") {
                        self.modelled(id, ty, format!("instance of cluster {c}"));
                        return Ok(());
                    }
                }
                let name = s(p, "Engine").unwrap_or_default();
                let eng = match engine(&name) {
                    Some(e) => e,
                    None => {
                        self.report.notes.push(format!(
                            "{id}: engine `{name}` is not one the playground knows; PostgreSQL stands in"
                        ));
                        DatabaseEngine::Postgres
                    }
                };
                let mut groups = list(p, "VPCSecurityGroups");
                groups.extend(list(p, "VpcSecurityGroupIds"));
                if let Some(g) = s(p, "DBSubnetGroupName") {
                    self.links.db_groups.push((id.to_owned(), g));
                }
                self.doc.databases.push(Database {
                    id: DatabaseId::new(id),
                    name: String::new(),
                    kind: if cluster || name.starts_with("aurora") {
                        DatabaseKind::AuroraCluster
                    } else {
                        DatabaseKind::Instance
                    },
                    engine: eng,
                    port: port(p.get("Port")).and_then(|n| u16::try_from(n).ok()),
                    subnet_group: vec![],
                    security_groups: groups.into_iter().map(SgId).collect(),
                    publicly_accessible: flag(p, "PubliclyAccessible").unwrap_or(false),
                });
                self.modelled(id, ty, "database");
            }
            "AWS::RDS::DBSubnetGroup" => {
                self.links.subnet_groups.insert(id.to_owned(), list(p, "SubnetIds"));
                self.modelled(id, ty, "subnet group");
            }
            _ if self.store_resource(id, ty, p) => {}
            _ => {
                if let Some(service) = service_of(ty) {
                    self.doc.services.push(ServiceNode {
                        id: ServiceNodeId::new(id),
                        name: String::new(),
                        service,
                    });
                    self.modelled(id, ty, "service");
                } else {
                    self.not_modelled(id, ty, NOT_NETWORK);
                }
            }
        }
        Ok(())
    }

    /// The services a function's permissions and tracing say it calls, each drawn as a service
    /// (so every function is asked about it) unless the design already has one for it.
    fn services_called_by(&mut self, id: &str) {
        let Some(raw) = self.ctx.resource(id) else { return };
        let role = raw.get("Properties").and_then(|p| p.get("Role")).and_then(|r| {
            let target = match r.intrinsic() {
                Some(("Fn::GetAtt", arg)) => match &arg.kind {
                    crate::tree::Kind::Seq(v) => v.first().and_then(Node::as_str),
                    crate::tree::Kind::Str(s) => s.split('.').next(),
                    _ => None,
                },
                Some(("Ref", arg)) => arg.as_str(),
                _ => None,
            }?;
            self.ctx.resource(target)
        });
        let ctx = &*self.ctx;
        let called = services::called_services(raw, role, &|r| ctx.resource(r));
        for service in called {
            if self.doc.services.iter().any(|s| s.service == service) {
                continue;
            }
            let mut node_id = format!("{}-api", service.key());
            while self.doc.components().any(|(c, _)| c == node_id) || self.ctx.resource(&node_id).is_some() {
                node_id.push('_');
            }
            self.report.notes.push(format!(
                "{id} calls {} (its permissions or tracing say so): every function is asked about it",
                service.info().title
            ));
            self.doc.services.push(ServiceNode {
                id: ServiceNodeId::new(node_id),
                name: format!("{} (called by {id})", service.info().title),
                service,
            });
        }
    }

    /// The NAT gateway or instance an Elastic IP is given to (by `AllocationId` or `EIP`).
    fn eip_user(&self, eip: &str) -> Option<String> {
        self.ctx.resources.iter().find_map(|(rid, r)| {
            let props = r.get("Properties")?;
            let uses = |k: &str| props.get(k).is_some_and(|a| mentions(a, eip));
            match r.get("Type").and_then(Node::as_str)? {
                "AWS::EC2::NatGateway" if uses("AllocationId") => Some(rid.clone()),
                "AWS::EC2::EIPAssociation" if uses("AllocationId") || uses("EIP") => {
                    let target = props
                        .get("InstanceId")
                        .and_then(Node::intrinsic)
                        .and_then(|(_, n)| n.as_str());
                    Some(target.unwrap_or(rid).to_owned())
                }
                _ => None,
            }
        })
    }

    fn sg_rule(&mut self, owner: &str, r: &Val, inbound: bool) -> Option<SgRule> {
        let proto = s(r, "IpProtocol").as_deref().and_then(protocol);
        let (from, to) = proto.map(|p| ports(p, port(r.get("FromPort")), port(r.get("ToPort"))))?;
        let (sg_key, pl_key) = if inbound {
            ("SourceSecurityGroupId", "SourcePrefixListId")
        } else {
            ("DestinationSecurityGroupId", "DestinationPrefixListId")
        };
        let peer = if let Some(c) = s(r, "CidrIp").or_else(|| s(r, "CidrIpv6")) {
            SgPeer::Cidr(CidrText(c))
        } else if let Some(g) = s(r, sg_key) {
            SgPeer::SecurityGroup(SgId(g))
        } else {
            let what = if s(r, pl_key).is_some() {
                "a prefix list"
            } else {
                "no peer the playground reads"
            };
            self.report
                .notes
                .push(format!("{owner}: a rule with {what} is left out"));
            return None;
        };
        Some(SgRule {
            protocol: proto?,
            from_port: from,
            to_port: to,
            peer,
            description: s(r, "Description").unwrap_or_default(),
        })
    }

    /// Applies the deferred links, adds placeholders and default security groups.
    pub fn finish(mut self) -> (Document, Report) {
        let links = std::mem::take(&mut self.links);
        for (vpc, sg) in self.ctx.default_sgs.clone() {
            if self.doc.security_groups.iter().any(|g| g.id.as_str() == sg) {
                continue;
            }
            let mut g = SecurityGroup::with_default_rules(sg.clone(), String::new(), VpcId(vpc.clone()));
            g.inbound.push(SgRule::all_to(SgPeer::SecurityGroup(SgId(sg.clone()))));
            self.doc.security_groups.push(g);
            self.report
                .notes
                .push(format!("{sg}: the default security group AWS creates with {vpc}"));
        }
        for (vpc, v4, v6) in links.cidr_blocks {
            if let Some(v) = self.doc.vpcs.iter_mut().find(|v| v.id.as_str() == vpc) {
                if let Some(c) = v4 {
                    v.secondary_cidrs.push(CidrText(c));
                }
                if let Some(c) = v6 {
                    v.ipv6_cidr = Some(CidrText(c));
                }
            }
        }
        for (igw, vpc) in &links.igw_attach {
            match self.doc.internet_gateways.iter_mut().find(|g| g.id.as_str() == igw) {
                Some(g) => g.vpc = Some(VpcId(vpc.clone())),
                None => self.doc.internet_gateways.push(InternetGateway {
                    id: IgwId(igw.clone()),
                    name: String::new(),
                    vpc: Some(VpcId(vpc.clone())),
                }),
            }
        }
        // Associations of subnets outside the template wait for their placeholders.
        let mut later_rt = Vec::new();
        for (sn, rt) in links.rt_assoc {
            match self.doc.subnets.iter_mut().find(|s| s.id.as_str() == sn) {
                Some(s) => s.route_table = Some(RouteTableId(rt)),
                None => later_rt.push((sn, rt)),
            }
        }
        let mut later_acl = Vec::new();
        for (sn, acl) in links.nacl_assoc {
            match self.doc.subnets.iter_mut().find(|s| s.id.as_str() == sn) {
                Some(s) => s.nacl = Some(NaclId(acl)),
                None => later_acl.push((sn, acl)),
            }
        }
        for (rt, route) in links.routes {
            if !self.doc.route_tables.iter().any(|t| t.id.as_str() == rt) {
                self.placeholder_route_table(&rt);
            }
            if let Some(t) = self.doc.route_tables.iter_mut().find(|t| t.id.as_str() == rt) {
                t.routes.push(route);
            }
        }
        // Groups whose default allow-all egress rule a stand-alone egress rule replaced.
        let mut replaced: HashSet<String> = HashSet::new();
        for (sg, inbound, rule) in links.sg_rules {
            if let Some(g) = self.doc.security_groups.iter_mut().find(|g| g.id.as_str() == sg) {
                if inbound {
                    g.inbound.push(rule);
                } else {
                    // Rule I2: the first stand-alone AWS::EC2::SecurityGroupEgress on a group
                    // without inline egress rules takes the place of the allow-all rule AWS
                    // gave the group, as an inline SecurityGroupEgress would.
                    if !links.sg_inline_egress.contains(&sg) && replaced.insert(sg.clone()) {
                        let defaults = SecurityGroup::with_default_rules("", "", VpcId::default()).outbound;
                        g.outbound.retain(|r| !defaults.contains(r));
                        self.report.notes.push(format!(
                            "{sg}: its egress rules are the stand-alone SecurityGroupEgress resources; the \
                             allow-all rule AWS adds to a new group is replaced by them (rule I2)"
                        ));
                    }
                    g.outbound.push(rule);
                }
            }
        }
        for (acl, egress, rule) in links.nacl_rules {
            if let Some(n) = self.doc.network_acls.iter_mut().find(|n| n.id.as_str() == acl) {
                let rules = if egress { &mut n.outbound } else { &mut n.inbound };
                rules.push(rule);
                rules.sort_by_key(|r| r.number);
            }
        }
        for (db, group) in links.db_groups {
            let subnets = match links.subnet_groups.get(&group) {
                Some(s) => s.clone(),
                None => vec![format!("{group}-a"), format!("{group}-b")],
            };
            if let Some(d) = self.doc.databases.iter_mut().find(|d| d.id.as_str() == db) {
                d.subnet_group = subnets.into_iter().map(SubnetId).collect();
            }
        }
        for i in &mut self.doc.instances {
            if links.instance_eips.contains(i.id.as_str()) {
                i.elastic_ip = true;
            }
            if links.instance_auto_ip.iter().any(|x| x == i.id.as_str())
                && links.public_ip_subnets.contains(i.subnet.as_str())
            {
                i.public_ip = true;
            }
        }
        self.finish_stores();
        self.placeholders(&later_rt, &later_acl);
        for (sn, rt) in later_rt {
            if let Some(s) = self.doc.subnets.iter_mut().find(|s| s.id.as_str() == sn) {
                s.route_table = Some(RouteTableId(rt));
            }
        }
        for (sn, acl) in later_acl {
            if let Some(s) = self.doc.subnets.iter_mut().find(|s| s.id.as_str() == sn) {
                s.nacl = Some(NaclId(acl));
            }
        }
        (self.doc, self.report)
    }

    /// Where an outside id came from: (English text, `via` code, name).
    fn source_of(&self, id: &str) -> (String, &'static str, String) {
        for (name, v) in &self.ctx.params {
            if v.items().iter().any(|x| x.as_str() == Some(id)) {
                return (format!("parameter {name}"), "parameter", name.clone());
            }
        }
        if self.ctx.imports.iter().any(|i| i == id) {
            return (format!("Fn::ImportValue {id}"), "import", id.to_owned());
        }
        (LITERAL.into(), "literal", String::new())
    }

    fn outside(&mut self, id: &str, kind: ComponentKind) -> String {
        let (source, via, name) = self.source_of(id);
        let key = match kind {
            ComponentKind::Vpc => "vpc",
            ComponentKind::Subnet => "subnet",
            ComponentKind::SecurityGroup => "security_group",
            ComponentKind::RouteTable => "route_table",
            ComponentKind::NetworkAcl => "network_acl",
            _ => "internet_gateway",
        };
        self.report.outside.push(Outside {
            id: id.to_owned(),
            kind: key,
            source,
            via,
            name,
        });
        format!("{id} {OUTSIDE_SUFFIX}")
    }

    fn placeholder_route_table(&mut self, rt: &str) {
        let name = self.outside(rt, ComponentKind::RouteTable);
        self.doc.route_tables.push(RouteTable {
            id: RouteTableId(rt.to_owned()),
            name,
            vpc: VpcId::default(),
            routes: vec![],
        });
    }

    /// Placeholders for every id referred to but not defined (and not another resource).
    /// `assoc_rt`/`assoc_acl`: associations of subnets not in the template, whose table or
    /// ACL tells the placeholder subnet its VPC.
    fn placeholders(&mut self, assoc_rt: &[(String, String)], assoc_acl: &[(String, String)]) {
        let known = |doc: &Document, id: &str| doc.components().any(|(c, _)| c == id);
        let in_template = |ctx: &Ctx, id: &str| ctx.resource(id).is_some();
        // The VPC each referring component hints at, for subnets and groups without one.
        let mut subnet_wants: Vec<(String, Option<String>)> = Vec::new();
        let mut sg_wants: Vec<(String, Option<String>)> = Vec::new();
        let vpc_of = |doc: &Document, id: &str| -> Option<String> {
            doc.subnets
                .iter()
                .find(|s| s.id.as_str() == id)
                .map(|s| s.vpc.0.clone())
                .or_else(|| {
                    doc.security_groups
                        .iter()
                        .find(|g| g.id.as_str() == id)
                        .map(|g| g.vpc.0.clone())
                })
        };
        let mut want = |subnets: Vec<String>, sgs: Vec<String>, hint: Option<String>, doc: &Document| {
            let hint = hint.or_else(|| subnets.iter().chain(&sgs).find_map(|x| vpc_of(doc, x)));
            for s in subnets {
                subnet_wants.push((s, hint.clone()));
            }
            for g in sgs {
                sg_wants.push((g, hint.clone()));
            }
        };
        let doc = &self.doc;
        for f in &doc.functions {
            if let Some(c) = &f.vpc_config {
                want(ids(&c.subnets), ids(&c.security_groups), None, doc);
            }
        }
        for d in &doc.databases {
            want(ids(&d.subnet_group), ids(&d.security_groups), None, doc);
        }
        for d in &doc.data_stores {
            want(ids(&d.subnets), ids(&d.security_groups), None, doc);
        }
        for i in &doc.instances {
            want(vec![i.subnet.0.clone()], ids(&i.security_groups), None, doc);
        }
        for (sn, rt) in assoc_rt {
            let vpc = doc
                .route_tables
                .iter()
                .find(|t| t.id.as_str() == rt)
                .map(|t| t.vpc.0.clone());
            want(vec![sn.clone()], vec![], vpc.filter(|v| !v.is_empty()), doc);
        }
        for (sn, acl) in assoc_acl {
            let vpc = doc
                .network_acls
                .iter()
                .find(|n| n.id.as_str() == acl)
                .map(|n| n.vpc.0.clone());
            want(vec![sn.clone()], vec![], vpc.filter(|v| !v.is_empty()), doc);
        }
        for n in &doc.nat_gateways {
            want(vec![n.subnet.0.clone()], vec![], None, doc);
        }
        for e in &doc.endpoints {
            if let EndpointKind::Interface {
                subnets,
                security_groups,
                ..
            } = &e.kind
            {
                want(ids(subnets), ids(security_groups), Some(e.vpc.0.clone()), doc);
            }
        }
        for g in &doc.security_groups {
            let peers = g.inbound.iter().chain(&g.outbound).filter_map(|r| match &r.peer {
                SgPeer::SecurityGroup(x) => Some(x.0.clone()),
                _ => None,
            });
            want(vec![], peers.collect(), Some(g.vpc.0.clone()), doc);
        }
        // VPCs named by template components.
        let mut vpcs: Vec<String> = Vec::new();
        let mut add_vpc = |v: &str| {
            if !v.is_empty() && !vpcs.iter().any(|x| x == v) {
                vpcs.push(v.to_owned());
            }
        };
        doc.subnets.iter().for_each(|s| add_vpc(s.vpc.as_str()));
        doc.security_groups.iter().for_each(|s| add_vpc(s.vpc.as_str()));
        doc.route_tables.iter().for_each(|s| add_vpc(s.vpc.as_str()));
        doc.network_acls.iter().for_each(|s| add_vpc(s.vpc.as_str()));
        doc.endpoints.iter().for_each(|s| add_vpc(s.vpc.as_str()));
        doc.internet_gateways
            .iter()
            .filter_map(|g| g.vpc.as_ref())
            .for_each(|v| add_vpc(v.as_str()));
        doc.egress_only_gateways
            .iter()
            .filter_map(|g| g.vpc.as_ref())
            .for_each(|v| add_vpc(v.as_str()));
        for p in &doc.peering_connections {
            add_vpc(p.requester_vpc.as_str());
            add_vpc(p.accepter_vpc.as_str());
        }
        let missing = |doc: &Document, ctx: &Ctx, id: &str| !id.is_empty() && !known(doc, id) && !in_template(ctx, id);
        let mut subnet_wants: Vec<(String, Option<String>)> = subnet_wants
            .into_iter()
            .filter(|(s, _)| missing(&self.doc, self.ctx, s))
            .collect();
        dedup(&mut subnet_wants);
        let mut sg_wants: Vec<(String, Option<String>)> = sg_wants
            .into_iter()
            .filter(|(s, _)| missing(&self.doc, self.ctx, s))
            .collect();
        dedup(&mut sg_wants);
        for (_, hint) in subnet_wants.iter().chain(&sg_wants) {
            add_vpc(hint.as_deref().unwrap_or("OutsideVpc"));
        }
        for v in vpcs {
            if missing(&self.doc, self.ctx, &v) {
                let name = self.outside(&v, ComponentKind::Vpc);
                let cidr = covering_cidr(&self.doc, &v);
                self.doc.vpcs.push(Vpc {
                    id: VpcId(v.clone()),
                    name,
                    cidr: CidrText(cidr),
                    // A VPC created anywhere has DNS resolution on unless someone turned it
                    // off; hostnames are assumed on too (the template's resources need them).
                    enable_dns_support: true,
                    enable_dns_hostnames: true,
                    ..Vpc::default()
                });
            }
        }
        for (n, (s, hint)) in subnet_wants.into_iter().enumerate() {
            let vpc = hint.unwrap_or_else(|| "OutsideVpc".into());
            let name = self.outside(&s, ComponentKind::Subnet);
            let cidr = free_block(&self.doc, &vpc);
            let az = format!("{}{}", self.ctx.pseudo.region, ["a", "b", "c"][n % 3]);
            self.doc.subnets.push(Subnet {
                id: SubnetId(s),
                name,
                vpc: VpcId(vpc),
                az,
                cidr: CidrText(cidr),
                ..Subnet::default()
            });
        }
        for (g, hint) in sg_wants {
            let vpc = hint.unwrap_or_else(|| "OutsideVpc".into());
            let name = self.outside(&g, ComponentKind::SecurityGroup);
            self.doc
                .security_groups
                .push(SecurityGroup::with_default_rules(g, name, VpcId(vpc)));
        }
        // Route tables and NACLs associated by id but defined elsewhere.
        let rts: Vec<(String, String)> = self
            .doc
            .subnets
            .iter()
            .filter_map(|s| s.route_table.as_ref().map(|r| (r.0.clone(), s.vpc.0.clone())))
            .collect();
        for (rt, vpc) in rts {
            if missing(&self.doc, self.ctx, &rt) {
                self.placeholder_route_table(&rt);
                if let Some(t) = self.doc.route_tables.last_mut() {
                    t.vpc = VpcId(vpc);
                }
            }
        }
        // Route tables created by a route to an outside table have no VPC: the first VPC stands in.
        let first_vpc = self.doc.vpcs.first().map(|v| v.id.clone()).unwrap_or_default();
        for t in &mut self.doc.route_tables {
            if t.vpc.as_str().is_empty() {
                t.vpc = first_vpc.clone();
            }
        }
        self.doc.igw_placeholders(&mut self.report, self.ctx);
    }
}

fn ids<T: AsRef<str>>(v: &[T]) -> Vec<String> {
    v.iter().map(|x| x.as_ref().to_owned()).collect()
}

/// One entry per id, in first-seen order, with the first VPC hint any entry gives.
fn dedup(v: &mut Vec<(String, Option<String>)>) {
    let mut out: Vec<(String, Option<String>)> = Vec::with_capacity(v.len());
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (id, hint) in v.drain(..) {
        match seen.get(&id) {
            Some(&i) => {
                if out[i].1.is_none() {
                    out[i].1 = hint;
                }
            }
            None => {
                seen.insert(id.clone(), out.len());
                out.push((id, hint));
            }
        }
    }
    *v = out;
}

trait IgwPlaceholders {
    fn igw_placeholders(&mut self, report: &mut Report, ctx: &Ctx);
}

impl IgwPlaceholders for Document {
    /// Internet and egress-only gateways that routes name but the template does not define.
    fn igw_placeholders(&mut self, report: &mut Report, ctx: &Ctx) {
        let mut add = Vec::new();
        for t in &self.route_tables {
            for r in &t.routes {
                if let RouteTarget::InternetGateway(g) = &r.target {
                    let id = g.as_str();
                    if !self.components().any(|(c, _)| c == id) && ctx.resource(id).is_none() {
                        add.push((id.to_owned(), t.vpc.clone()));
                    }
                }
            }
        }
        for (id, vpc) in add {
            if self.internet_gateways.iter().any(|g| g.id.as_str() == id) {
                continue;
            }
            report.outside.push(Outside {
                id: id.clone(),
                kind: "internet_gateway",
                source: LITERAL.into(),
                via: "literal",
                name: String::new(),
            });
            self.internet_gateways.push(InternetGateway {
                name: format!("{id} {OUTSIDE_SUFFIX}"),
                id: IgwId(id),
                vpc: Some(vpc),
            });
        }
    }
}

/// Whether a node mentions a logical id (`Ref`, `GetAtt`, or text).
fn mentions(n: &Node, id: &str) -> bool {
    let mut refs = Vec::new();
    crate::eval::references(n, &mut refs);
    refs.iter().any(|(r, _, _)| r == id)
}

/// An endpoint policy that allows nothing: no statement with `Effect: Allow`.
fn denies_all(policy: &Val) -> bool {
    let statements = policy.get("Statement").map(Val::items).unwrap_or_default();
    !statements.is_empty()
        && !statements
            .iter()
            .any(|s| s.get("Effect").and_then(Val::as_str) == Some("Allow"))
}

/// The smallest block covering the template's subnets in a placeholder VPC (10.0.0.0/16 when
/// it has none).
fn covering_cidr(doc: &Document, vpc: &str) -> String {
    let nets: Vec<ipnet::Ipv4Net> = doc
        .subnets
        .iter()
        .filter(|s| s.vpc.as_str() == vpc)
        .filter_map(|s| s.cidr.as_str().parse().ok())
        .collect();
    let Some(first) = nets.first() else {
        return "10.0.0.0/16".into();
    };
    let mut prefix = first.prefix_len().min(16);
    loop {
        let cover = ipnet::Ipv4Net::new(first.network(), prefix).map(|n| n.trunc());
        if let Ok(c) = cover {
            if nets.iter().all(|n| c.contains(n)) || prefix == 0 {
                return c.to_string();
            }
        }
        prefix -= 1;
    }
}

/// A /24 (or smaller, in a small VPC) of the VPC's block that no subnet uses yet.
fn free_block(doc: &Document, vpc: &str) -> String {
    let block: ipnet::Ipv4Net = doc
        .vpcs
        .iter()
        .find(|v| v.id.as_str() == vpc)
        .and_then(|v| v.cidr.as_str().parse().ok())
        .unwrap_or_else(|| "10.0.0.0/16".parse().expect("a valid block"));
    let taken: Vec<ipnet::Ipv4Net> = doc
        .subnets
        .iter()
        .filter(|s| s.vpc.as_str() == vpc)
        .filter_map(|s| s.cidr.as_str().parse().ok())
        .collect();
    let prefix = if block.prefix_len() <= 22 {
        24
    } else {
        (block.prefix_len() + 2).min(28)
    };
    block
        .subnets(prefix)
        .ok()
        .and_then(|mut it| it.find(|c| !taken.iter().any(|t| t.contains(c) || c.contains(t))))
        .map(|c| c.to_string())
        .unwrap_or_else(|| block.to_string())
}

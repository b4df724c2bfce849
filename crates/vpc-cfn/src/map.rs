//! CloudFormation resources onto the shared builder (`vpc_import::Builder`): each resource
//! type reads its properties into the builder's plain values; how they become components, the
//! links between them and the placeholders for what the template only refers to are the
//! builder's, shared with the Terraform importer.
//!
//! Component ids are logical ids. Anything the template refers to but does not contain (an id
//! parameter without a value, an `Fn::ImportValue`, a literal `vpc-…`) becomes a placeholder
//! component whose name says it is outside this template, so every sentence about it says so.

use crate::error::Error;
use crate::eval::{Ctx, Val};
use crate::report::{Report, OUTSIDE_SUFFIX};
use crate::tree::Node;
use vpc_engine::model::*;
use vpc_import::{
    DatabaseSpec, EndpointSpec, NaclRuleSpec, Next, NoEgress, RouteSpec, RuleSpec, Settings, SubnetSpec, VpcSpec,
    NOT_NETWORK,
};

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
    v.and_then(Val::text).and_then(|t| vpc_import::values::number(&t))
}

use services::service_of;

/// Where a placeholder's id came from when it is neither a parameter nor an import.
const LITERAL: &str = "an id written in the template";

pub struct Builder<'c, 't> {
    pub ctx: &'c mut Ctx<'t>,
    /// The shared builder: the design and the report so far.
    pub out: vpc_import::Builder,
    /// Elastic IPs by logical id: the NAT gateway or instance each is given to.
    eip_users: Option<std::collections::HashMap<String, String>>,
}

/// What the shared builder asks of a template: which ids it defines and where an outside id
/// came from (a parameter, an import, a literal).
struct Template<'a, 't>(&'a Ctx<'t>);

impl vpc_import::Context for Template<'_, '_> {
    fn defines(&self, id: &str) -> bool {
        self.0.resource(id).is_some()
    }

    fn source_of(&self, id: &str) -> (String, &'static str, String) {
        for (name, v) in &self.0.params {
            if v.items().iter().any(|x| x.as_str() == Some(id)) {
                return (format!("parameter {name}"), "parameter", name.clone());
            }
        }
        if self.0.imports.iter().any(|i| i == id) {
            return (format!("Fn::ImportValue {id}"), "import", id.to_owned());
        }
        (LITERAL.into(), "literal", String::new())
    }
}

fn rule(r: &Val, inbound: bool) -> RuleSpec {
    let (sg_key, pl_key) = if inbound {
        ("SourceSecurityGroupId", "SourcePrefixListId")
    } else {
        ("DestinationSecurityGroupId", "DestinationPrefixListId")
    };
    RuleSpec {
        protocol: s(r, "IpProtocol").unwrap_or_default(),
        from: port(r.get("FromPort")),
        to: port(r.get("ToPort")),
        cidr: s(r, "CidrIp").or_else(|| s(r, "CidrIpv6")),
        group: s(r, sg_key),
        prefix_list: s(r, pl_key),
        description: s(r, "Description").unwrap_or_default(),
    }
}

impl<'c, 't> Builder<'c, 't> {
    pub fn new(ctx: &'c mut Ctx<'t>, doc: Document, report: Report) -> Self {
        let settings = Settings {
            outside_suffix: OUTSIDE_SUFFIX,
            region: ctx.pseudo.region.clone(),
        };
        Builder {
            ctx,
            out: vpc_import::Builder::new(doc, report, settings),
            eip_users: None,
        }
    }

    /// One resource, with its evaluated properties.
    pub fn resource(&mut self, id: &str, ty: &str, p: &Val) -> Result<(), Error> {
        let b = &mut self.out;
        match ty {
            "AWS::EC2::VPC" => b.vpc(
                id,
                ty,
                VpcSpec {
                    cidr: s(p, "CidrBlock"),
                    dns_support: flag(p, "EnableDnsSupport"),
                    dns_hostnames: flag(p, "EnableDnsHostnames"),
                    dedicated: s(p, "InstanceTenancy").as_deref() == Some("dedicated"),
                    ipv6_cidr: None,
                },
            ),
            "AWS::EC2::VPCCidrBlock" => {
                let vpc = s(p, "VpcId").unwrap_or_default();
                let v6 = match s(p, "Ipv6CidrBlock") {
                    Some(b) => Some(b),
                    None if flag(p, "AmazonProvidedIpv6CidrBlock") == Some(true) || p.get("Ipv6Pool").is_some() => {
                        let block = self.ctx.ipv6_block(&vpc);
                        b.note(format!(
                            "{id}: {block} stands in for the Amazon-provided IPv6 block AWS assigns to {vpc} at deploy time"
                        ));
                        Some(block)
                    }
                    None => None,
                };
                b.cidr_block(id, ty, &vpc, s(p, "CidrBlock"), v6);
            }
            "AWS::EC2::Subnet" => b.subnet(
                id,
                ty,
                SubnetSpec {
                    vpc: s(p, "VpcId").unwrap_or_default(),
                    az: s(p, "AvailabilityZone").or_else(|| s(p, "AvailabilityZoneId")),
                    cidr: s(p, "CidrBlock").unwrap_or_default(),
                    ipv6_cidr: s(p, "Ipv6CidrBlock"),
                    map_public_ip: flag(p, "MapPublicIpOnLaunch") == Some(true),
                },
            ),
            "AWS::EC2::RouteTable" => b.route_table(id, ty, &s(p, "VpcId").unwrap_or_default()),
            "AWS::EC2::Route" => {
                let rt = s(p, "RouteTableId").unwrap_or_default();
                let next = if let Some(g) = s(p, "GatewayId") {
                    match self.ctx.resource_type(&g) {
                        Some("AWS::EC2::VPNGateway") => Next::VpnGateway,
                        _ => Next::InternetGateway(g),
                    }
                } else if let Some(g) = s(p, "EgressOnlyInternetGatewayId") {
                    Next::EgressOnly(g)
                } else if let Some(n) = s(p, "NatGatewayId") {
                    Next::Nat(n)
                } else if let Some(x) = s(p, "VpcPeeringConnectionId") {
                    Next::Peering(x)
                } else if let Some(x) = s(p, "NetworkInterfaceId").or_else(|| s(p, "InstanceId")) {
                    Next::Interface(x)
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
                    Next::Unmodelled(what.into())
                };
                let dest = s(p, "DestinationCidrBlock").or_else(|| s(p, "DestinationIpv6CidrBlock"));
                b.route(id, ty, &rt, RouteSpec { dest, next });
            }
            "AWS::EC2::SubnetRouteTableAssociation" => b.route_table_association(
                id,
                ty,
                &s(p, "SubnetId").unwrap_or_default(),
                &s(p, "RouteTableId").unwrap_or_default(),
            ),
            "AWS::EC2::InternetGateway" => b.internet_gateway(id, ty, None),
            "AWS::EC2::VPCGatewayAttachment" => {
                let vpc = s(p, "VpcId").unwrap_or_default();
                match s(p, "InternetGatewayId") {
                    Some(igw) => b.gateway_attachment(id, ty, &igw, &vpc),
                    None => b.not_modelled(id, ty, "it attaches a VPN gateway, not modelled"),
                }
            }
            "AWS::EC2::EgressOnlyInternetGateway" => b.egress_only_gateway(id, ty, s(p, "VpcId")),
            "AWS::EC2::NatGateway" => b.nat_gateway(
                id,
                ty,
                &s(p, "SubnetId").unwrap_or_default(),
                s(p, "ConnectivityType").as_deref() == Some("private"),
                s(p, "AllocationId").is_some(),
            ),
            "AWS::EC2::EIP" => {
                if let Some(i) = s(p, "InstanceId") {
                    self.out.instance_eip(&i);
                    self.out.modelled(id, ty, format!("Elastic IP of {i}"));
                } else if let Some(user) = self.eip_user(id) {
                    self.out.modelled(id, ty, format!("Elastic IP of {user}"));
                } else {
                    self.out.not_modelled(id, ty, "no NAT gateway or instance uses it");
                }
            }
            "AWS::EC2::EIPAssociation" => match s(p, "InstanceId") {
                Some(i) => {
                    b.instance_eip(&i);
                    b.modelled(id, ty, format!("Elastic IP of {i}"));
                }
                None => b.not_modelled(id, ty, "it associates a network interface, not an instance"),
            },
            "AWS::EC2::VPCEndpoint" => b.endpoint(
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
            ),
            "AWS::EC2::SecurityGroup" => {
                let vpc = match s(p, "VpcId") {
                    Some(v) => v,
                    None => {
                        b.note(format!("{id}: no VpcId, so AWS puts it in the account's default VPC"));
                        "DefaultVpc".into()
                    }
                };
                let items = |k: &str| -> Vec<RuleSpec> {
                    let inbound = k == "SecurityGroupIngress";
                    p.get(k)
                        .map(Val::items)
                        .unwrap_or_default()
                        .into_iter()
                        .map(|r| rule(r, inbound))
                        .collect()
                };
                let (inbound, egress) = (items("SecurityGroupIngress"), items("SecurityGroupEgress"));
                // CloudFormation adds AWS's default when no egress rule is written.
                b.security_group(id, ty, vpc, &inbound, Some(&egress), NoEgress::AllowAllIpv4);
            }
            "AWS::EC2::SecurityGroupIngress" | "AWS::EC2::SecurityGroupEgress" => {
                let inbound = ty.ends_with("Ingress");
                match s(p, "GroupId") {
                    Some(group) => b.sg_rule(id, ty, &group, inbound, &[rule(p, inbound)]),
                    None => b.not_modelled(id, ty, "it names its group by GroupName (default VPC only)"),
                }
            }
            "AWS::EC2::NetworkAcl" => b.nacl(id, ty, &s(p, "VpcId").unwrap_or_default()),
            "AWS::EC2::NetworkAclEntry" => {
                let range = p.get("PortRange");
                let spec = NaclRuleSpec {
                    protocol: s(p, "Protocol").unwrap_or_default(),
                    number: port(p.get("RuleNumber")),
                    cidr: s(p, "CidrBlock").or_else(|| s(p, "Ipv6CidrBlock")),
                    from: port(range.and_then(|r| r.get("From"))),
                    to: port(range.and_then(|r| r.get("To"))),
                    deny: s(p, "RuleAction").as_deref() == Some("deny"),
                };
                let egress = flag(p, "Egress").unwrap_or(false);
                b.nacl_rule(id, ty, &s(p, "NetworkAclId").unwrap_or_default(), egress, &spec);
            }
            "AWS::EC2::SubnetNetworkAclAssociation" => b.nacl_association(
                id,
                ty,
                &s(p, "SubnetId").unwrap_or_default(),
                &s(p, "NetworkAclId").unwrap_or_default(),
            ),
            "AWS::EC2::VPCPeeringConnection" => b.peering(
                id,
                ty,
                &s(p, "VpcId").unwrap_or_default(),
                &s(p, "PeerVpcId").unwrap_or_default(),
            ),
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
                b.instance(id, ty, subnet.unwrap_or_default(), groups, explicit_ip);
            }
            "AWS::Lambda::Function" | "AWS::Serverless::Function" => {
                let vpc = p.get("VpcConfig").map(|c| {
                    (
                        list(c, "SubnetIds"),
                        list(c, "SecurityGroupIds"),
                        flag(c, "Ipv6AllowedForDualStack").unwrap_or(false),
                    )
                });
                b.function(id, ty, vpc);
                self.services_called_by(id);
            }
            "AWS::RDS::DBInstance" | "AWS::RDS::DBCluster" => {
                let cluster = ty == "AWS::RDS::DBCluster";
                if !cluster {
                    if let Some(c) = s(p, "DBClusterIdentifier") {
                        b.modelled(id, ty, format!("instance of cluster {c}"));
                        return Ok(());
                    }
                }
                let mut groups = list(p, "VPCSecurityGroups");
                groups.extend(list(p, "VpcSecurityGroupIds"));
                b.database(
                    id,
                    ty,
                    DatabaseSpec {
                        engine: s(p, "Engine").unwrap_or_default(),
                        cluster,
                        port: port(p.get("Port")),
                        subnet_group: s(p, "DBSubnetGroupName"),
                        security_groups: groups,
                        publicly_accessible: flag(p, "PubliclyAccessible").unwrap_or(false),
                    },
                );
            }
            "AWS::RDS::DBSubnetGroup" => b.db_subnet_group(id, ty, list(p, "SubnetIds")),
            _ if stores::store_resource(b, id, ty, p) => {}
            _ => match service_of(ty) {
                Some(service) => b.service(id, ty, service),
                None => b.not_modelled(id, ty, NOT_NETWORK),
            },
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
            if self.out.doc.services.iter().any(|s| s.service == service) {
                continue;
            }
            let mut node_id = format!("{}-api", service.key());
            while self.out.doc.components().any(|(c, _)| c == node_id) || self.ctx.resource(&node_id).is_some() {
                node_id.push('_');
            }
            self.out.report.notes.push(format!(
                "{id} calls {} (its permissions or tracing say so): every function is asked about it",
                service.info().title
            ));
            self.out.doc.services.push(ServiceNode {
                id: ServiceNodeId::new(node_id),
                name: format!("{} (called by {id})", service.info().title),
                service,
            });
        }
    }

    /// The NAT gateway or instance an Elastic IP is given to (by `AllocationId` or `EIP`):
    /// the first resource of the template that names it, from an index built on first use.
    fn eip_user(&mut self, eip: &str) -> Option<String> {
        let ctx = &*self.ctx;
        let users = self.eip_users.get_or_insert_with(|| {
            let mut users = std::collections::HashMap::new();
            for (rid, r) in ctx.resources.iter() {
                let Some(props) = r.get("Properties") else { continue };
                let (keys, user): (&[&str], String) = match r.get("Type").and_then(Node::as_str) {
                    Some("AWS::EC2::NatGateway") => (&["AllocationId"], rid.clone()),
                    Some("AWS::EC2::EIPAssociation") => {
                        let target = props
                            .get("InstanceId")
                            .and_then(Node::intrinsic)
                            .and_then(|(_, n)| n.as_str());
                        (&["AllocationId", "EIP"], target.unwrap_or(rid).to_owned())
                    }
                    _ => continue,
                };
                for k in keys {
                    let mut refs = Vec::new();
                    if let Some(a) = props.get(k) {
                        crate::eval::references(a, &mut refs);
                    }
                    for (named, _, _) in refs {
                        users.entry(named).or_insert_with(|| user.clone());
                    }
                }
            }
            users
        });
        users.get(eip).cloned()
    }

    /// Applies the deferred links, adds placeholders and default security groups.
    pub fn finish(mut self) -> (Document, Report) {
        for (vpc, sg) in self.ctx.default_sgs.clone() {
            self.out.default_security_group(&vpc, &sg);
        }
        self.out.finish(&Template(self.ctx))
    }
}

/// An endpoint policy that allows nothing: no statement with `Effect: Allow`.
fn denies_all(policy: &Val) -> bool {
    let statements = policy.get("Statement").map(Val::items).unwrap_or_default();
    !statements.is_empty()
        && !statements
            .iter()
            .any(|s| s.get("Effect").and_then(Val::as_str) == Some("Allow"))
}

//! The builder: every importer reads its resources into plain values and hands them here, so
//! how a subnet, a route, a security group, a network ACL or a function becomes a component is
//! written once. Links between resources (associations, stand-alone rules and routes, subnet
//! groups) are kept until [`Builder::finish`], when every component exists; what the input
//! refers to but does not define becomes a placeholder (`placeholders.rs`).

use crate::report::{Modelled, NotModelled, Report};
use crate::values;
use std::collections::{BTreeMap, HashSet};
use vpc_engine::model::*;

/// The reason for resource types outside the network model.
pub const NOT_NETWORK: &str = "not part of the playground's network model";

/// What the builder asks of the importer's input when it adds placeholders.
pub trait Context {
    /// Whether the input defines a resource with this id, component or not (a subnet group,
    /// an association …): such an id is not outside it.
    fn defines(&self, id: &str) -> bool;
    /// Where an id the input refers to but does not define came from: English text
    /// (`parameter VpcId`), the `via` code (`parameter`, `import`, `literal`, `data`,
    /// `module`) and the name it came by.
    fn source_of(&self, id: &str) -> (String, &'static str, String);
}

/// How an importer words and places what is outside its input.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The suffix of a placeholder's display name (`(outside this template)`), so every
    /// sentence naming it says so.
    pub outside_suffix: &'static str,
    /// The Region, for the Availability Zones of placeholders and subnets without one.
    pub region: String,
}

/// Deferred links between resources, applied once every component exists.
#[derive(Default)]
pub(crate) struct Links {
    pub igw_attach: Vec<(String, String)>,
    pub rt_assoc: Vec<(String, String)>,
    pub nacl_assoc: Vec<(String, String)>,
    pub routes: Vec<(String, Route)>,
    pub cidr_blocks: Vec<(String, Option<String>, Option<String>)>,
    pub sg_rules: Vec<(String, bool, SgRule)>,
    pub nacl_rules: Vec<(String, bool, NaclRule)>,
    pub subnet_groups: BTreeMap<String, Vec<String>>,
    /// Databases and the subnet group they name (resolved after the groups are read).
    pub db_groups: Vec<(String, String)>,
    pub public_ip_subnets: HashSet<String>,
    pub instance_eips: HashSet<String>,
    /// Instances whose public IP follows their subnet's `MapPublicIpOnLaunch`.
    pub instance_auto_ip: Vec<String>,
    /// Groups whose egress rules are exactly those written: a stand-alone egress rule does not
    /// replace a default allow-all rule.
    pub sg_inline_egress: HashSet<String>,
    /// Default security groups AWS creates with a VPC: (VPC, group id).
    pub default_sgs: Vec<(String, String)>,
    /// Route tables whose routes are replaced by those written (`aws_default_route_table`).
    pub replaced_routes: HashSet<String>,
    /// (VPC, route table): the VPC's main route table.
    pub main_tables: Vec<(String, String)>,
    /// (VPC, network ACL): the VPC's default network ACL.
    pub default_nacls: Vec<(String, String)>,
}

/// Builds a design from resources read by an importer.
pub struct Builder {
    pub doc: Document,
    pub report: Report,
    pub settings: Settings,
    pub(crate) links: Links,
    pub(crate) stores: crate::stores::Stores,
    /// Prefix-list ids (as the front end writes them) that are an AWS service's managed
    /// prefix list, for rules that name one ([`Builder::prefix_list`]).
    prefix_lists: Vec<(String, AwsService)>,
}

/// A VPC as written.
#[derive(Clone, Debug, Default)]
pub struct VpcSpec {
    /// `None`: from an IPAM pool (a stand-in is used, and noted).
    pub cidr: Option<String>,
    pub dns_support: Option<bool>,
    pub dns_hostnames: Option<bool>,
    pub dedicated: bool,
    /// The IPv6 block written on the VPC itself.
    pub ipv6_cidr: Option<String>,
}

/// A subnet as written.
#[derive(Clone, Debug, Default)]
pub struct SubnetSpec {
    pub vpc: String,
    /// The AZ name or id; `None`: AWS picks one (a stand-in is used, and noted).
    pub az: Option<String>,
    pub cidr: String,
    pub ipv6_cidr: Option<String>,
    pub map_public_ip: bool,
}

/// The next hop of a route as written.
#[derive(Clone, Debug)]
pub enum Next {
    Local,
    InternetGateway(String),
    /// A virtual private gateway: not modelled.
    VpnGateway,
    EgressOnly(String),
    Nat(String),
    Peering(String),
    /// A network interface or an instance.
    Interface(String),
    /// A target the playground does not model (transit gateway …), by the name of its field.
    Unmodelled(String),
}

/// The fields of a route as one input language names them, in the order AWS gives a route
/// one target.
#[derive(Clone, Copy, Debug)]
pub struct RouteFields {
    /// An internet gateway, a virtual private gateway, or `local`.
    pub gateway: &'static str,
    pub egress_only: &'static str,
    pub nat: &'static str,
    pub peering: &'static str,
    /// A network interface, then an instance.
    pub interface: [&'static str; 2],
    /// Targets the playground does not model (transit gateway, endpoint, carrier and local
    /// gateways, core network), named by the first one present.
    pub unmodelled: [&'static str; 5],
}

impl Next {
    /// The next hop a route's fields name: `get` reads a field as text, `has` says whether a
    /// field is written at all, `is_vpn` whether a gateway id is a virtual private gateway.
    pub fn read(
        f: &RouteFields,
        get: &dyn Fn(&str) -> Option<String>,
        has: &dyn Fn(&str) -> bool,
        is_vpn: &dyn Fn(&str) -> bool,
    ) -> Next {
        if let Some(g) = get(f.gateway) {
            if is_vpn(&g) {
                Next::VpnGateway
            } else {
                Next::InternetGateway(g)
            }
        } else if let Some(g) = get(f.egress_only) {
            Next::EgressOnly(g)
        } else if let Some(n) = get(f.nat) {
            Next::Nat(n)
        } else if let Some(p) = get(f.peering) {
            Next::Peering(p)
        } else if let Some(x) = get(f.interface[0]).or_else(|| get(f.interface[1])) {
            Next::Interface(x)
        } else {
            let what = f.unmodelled.into_iter().find(|k| has(k)).unwrap_or("no target");
            Next::Unmodelled(what.into())
        }
    }
}

/// A route as written: `dest` is `None` for a prefix-list destination.
#[derive(Clone, Debug)]
pub struct RouteSpec {
    pub dest: Option<String>,
    pub next: Next,
}

/// A security-group rule as written.
#[derive(Clone, Debug, Default)]
pub struct RuleSpec {
    pub protocol: String,
    pub from: Option<i64>,
    pub to: Option<i64>,
    /// The peer: the first CIDR block, else the group, else a prefix list.
    pub cidr: Option<String>,
    pub group: Option<String>,
    /// The prefix list the rule names, as written: a service's managed prefix list when the
    /// front end said so ([`Builder::prefix_list`]); any other is left out, and noted.
    pub prefix_list: Option<String>,
    pub description: String,
}

/// A network-ACL rule as written.
#[derive(Clone, Debug, Default)]
pub struct NaclRuleSpec {
    pub protocol: String,
    pub number: Option<i64>,
    pub cidr: Option<String>,
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub deny: bool,
}

/// A VPC endpoint as written.
#[derive(Clone, Debug, Default)]
pub struct EndpointSpec {
    pub vpc: String,
    pub service_name: String,
    /// `Gateway` or `Interface` (any case); empty means `Gateway`.
    pub kind: String,
    pub route_tables: Vec<String>,
    pub subnets: Vec<String>,
    pub security_groups: Vec<String>,
    pub private_dns: bool,
    /// Its policy allows nothing.
    pub deny_all: bool,
}

/// An RDS instance or cluster as written.
#[derive(Clone, Debug, Default)]
pub struct DatabaseSpec {
    pub engine: String,
    pub cluster: bool,
    pub port: Option<i64>,
    /// The DB subnet group it names.
    pub subnet_group: Option<String>,
    pub security_groups: Vec<String>,
    pub publicly_accessible: bool,
}

/// How a security group without egress rules written behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoEgress {
    /// AWS's default allow-all IPv4 rule stays (CloudFormation, the console).
    AllowAllIpv4,
    /// No egress rule at all (Terraform removes AWS's default).
    Nothing,
}

impl Builder {
    pub fn new(doc: Document, report: Report, settings: Settings) -> Self {
        Builder {
            doc,
            report,
            settings,
            links: Links::default(),
            stores: crate::stores::Stores::default(),
            prefix_lists: Vec::new(),
        }
    }

    /// Says that prefix list `id` is the AWS-managed prefix list of `service` (a gateway
    /// endpoint's, a managed prefix list looked up by name), so that rules naming it allow
    /// or deny traffic to the service's addresses.
    pub fn prefix_list(&mut self, id: &str, service: AwsService) {
        self.prefix_lists.push((id.to_owned(), service));
    }

    pub fn modelled(&mut self, id: &str, ty: &str, became: impl Into<String>) {
        self.report.modelled.push(Modelled {
            id: id.to_owned(),
            resource_type: ty.to_owned(),
            became: became.into(),
        });
    }

    pub fn not_modelled(&mut self, id: &str, ty: &str, reason: impl Into<String>) {
        let reason = reason.into();
        self.report.not_modelled.push(NotModelled {
            id: id.to_owned(),
            resource_type: ty.to_owned(),
            code: if reason == NOT_NETWORK { "not_network" } else { "detail" },
            reason,
            name: String::new(),
        });
    }

    pub fn note(&mut self, text: impl Into<String>) {
        self.report.notes.push(text.into());
    }

    pub fn vpc(&mut self, id: &str, ty: &str, v: VpcSpec) {
        let cidr = match v.cidr {
            Some(c) => c,
            None => {
                self.note(format!(
                    "{id}: the IPv4 block comes from an IPAM pool; 10.0.0.0/16 stands in for it"
                ));
                "10.0.0.0/16".into()
            }
        };
        self.doc.vpcs.push(Vpc {
            id: VpcId::new(id),
            name: String::new(),
            cidr: CidrText::new(cidr),
            enable_dns_support: v.dns_support.unwrap_or(true),
            enable_dns_hostnames: v.dns_hostnames.unwrap_or(false),
            tenancy: if v.dedicated {
                Tenancy::Dedicated
            } else {
                Tenancy::Default
            },
            ..Vpc::default()
        });
        self.modelled(id, ty, "vpc");
    }

    /// An extra IPv4 block and/or the IPv6 block of `vpc`.
    pub fn cidr_block(&mut self, id: &str, ty: &str, vpc: &str, v4: Option<String>, v6: Option<String>) {
        self.links.cidr_blocks.push((vpc.to_owned(), v4, v6));
        self.modelled(id, ty, format!("address block of {vpc}"));
    }

    pub fn subnet(&mut self, id: &str, ty: &str, s: SubnetSpec) {
        let az = match s.az {
            Some(az) => az,
            None => {
                let az = format!("{}a", self.settings.region);
                self.note(format!(
                    "{id}: no Availability Zone given; AWS picks one, {az} stands in"
                ));
                az
            }
        };
        if s.map_public_ip {
            self.links.public_ip_subnets.insert(id.to_owned());
        }
        self.doc.subnets.push(Subnet {
            id: SubnetId::new(id),
            vpc: VpcId(s.vpc),
            az,
            cidr: CidrText::new(s.cidr),
            ipv6_cidr: s.ipv6_cidr.map(CidrText),
            ..Subnet::default()
        });
        self.modelled(id, ty, "subnet");
    }

    pub fn route_table(&mut self, id: &str, ty: &str, vpc: &str) {
        self.doc.route_tables.push(RouteTable {
            id: RouteTableId::new(id),
            vpc: VpcId(vpc.to_owned()),
            ..RouteTable::default()
        });
        self.modelled(id, ty, "route_table");
    }

    /// The route a [`RouteSpec`] describes, or why it is not modelled.
    pub fn route_of(r: RouteSpec) -> Result<Route, String> {
        let Some(dest) = r.dest else {
            return Err("its destination is a prefix list, which the playground cannot resolve".into());
        };
        let target = match r.next {
            Next::Local => RouteTarget::Local,
            Next::InternetGateway(g) if g == "local" => RouteTarget::Local,
            Next::InternetGateway(g) => RouteTarget::InternetGateway(IgwId(g)),
            Next::VpnGateway => return Err("it targets a virtual private gateway (VPN), not modelled".into()),
            Next::EgressOnly(g) => RouteTarget::EgressOnlyGateway(EigwId(g)),
            Next::Nat(n) => RouteTarget::NatGateway(NatId(n)),
            Next::Peering(p) => RouteTarget::VpcPeering(PeeringId(p)),
            Next::Interface(x) => RouteTarget::NetworkInterface(x),
            Next::Unmodelled(what) => return Err(format!("its target ({what}) is not modelled")),
        };
        Ok(Route {
            destination: RouteDestination::Cidr(CidrText(dest)),
            target,
        })
    }

    /// A route of `rt` that is a resource of its own (`id`).
    pub fn route(&mut self, id: &str, ty: &str, rt: &str, r: RouteSpec) {
        match Self::route_of(r) {
            Ok(route) => {
                self.links.routes.push((rt.to_owned(), route));
                self.modelled(id, ty, format!("route of {rt}"));
            }
            Err(why) => self.not_modelled(id, ty, why),
        }
    }

    /// A route written inside its table (`owner`): left out with a note when not modelled.
    pub fn inline_route(&mut self, owner: &str, r: RouteSpec) {
        match Self::route_of(r) {
            Ok(route) => self.links.routes.push((owner.to_owned(), route)),
            Err(why) => self.note(format!("{owner}: a route is left out: {why}")),
        }
    }

    /// The routes of `rt` are exactly those given to it (the main table of
    /// `aws_default_route_table`), not those it had.
    pub fn replace_routes(&mut self, rt: &str) {
        self.links.replaced_routes.insert(rt.to_owned());
    }

    pub fn route_table_association(&mut self, id: &str, ty: &str, subnet: &str, rt: &str) {
        self.modelled(id, ty, format!("route table of {subnet}"));
        self.links.rt_assoc.push((subnet.to_owned(), rt.to_owned()));
    }

    pub fn internet_gateway(&mut self, id: &str, ty: &str, vpc: Option<String>) {
        self.doc.internet_gateways.push(InternetGateway {
            id: IgwId::new(id),
            name: String::new(),
            vpc: vpc.map(VpcId),
        });
        self.modelled(id, ty, "internet_gateway");
    }

    pub fn gateway_attachment(&mut self, id: &str, ty: &str, igw: &str, vpc: &str) {
        self.modelled(id, ty, format!("attachment of {igw} to {vpc}"));
        self.links.igw_attach.push((igw.to_owned(), vpc.to_owned()));
    }

    pub fn egress_only_gateway(&mut self, id: &str, ty: &str, vpc: Option<String>) {
        self.doc.egress_only_gateways.push(EgressOnlyGateway {
            id: EigwId::new(id),
            name: String::new(),
            vpc: vpc.map(VpcId),
        });
        self.modelled(id, ty, "egress_only_gateway");
    }

    pub fn nat_gateway(&mut self, id: &str, ty: &str, subnet: &str, private: bool, elastic_ip: bool) {
        self.doc.nat_gateways.push(NatGateway {
            id: NatId::new(id),
            name: String::new(),
            subnet: SubnetId(subnet.to_owned()),
            connectivity: if private {
                Connectivity::Private
            } else {
                Connectivity::Public
            },
            elastic_ip: !private && elastic_ip,
        });
        self.modelled(id, ty, "nat_gateway");
    }

    pub fn instance_eip(&mut self, instance: &str) {
        self.links.instance_eips.insert(instance.to_owned());
    }

    /// An Elastic IP resource: given to `instance` (written on it), else to the NAT gateway
    /// or instance `user` finds, else used by nothing.
    pub fn eip(&mut self, id: &str, ty: &str, instance: Option<String>, user: impl FnOnce() -> Option<String>) {
        if let Some(i) = instance {
            self.instance_eip(&i);
            self.modelled(id, ty, format!("Elastic IP of {i}"));
        } else if let Some(user) = user() {
            self.modelled(id, ty, format!("Elastic IP of {user}"));
        } else {
            self.not_modelled(id, ty, "no NAT gateway or instance uses it");
        }
    }

    /// An Elastic IP association: of an instance, or of a network interface (not modelled).
    pub fn eip_association(&mut self, id: &str, ty: &str, instance: Option<String>) {
        match instance {
            Some(i) => {
                self.instance_eip(&i);
                self.modelled(id, ty, format!("Elastic IP of {i}"));
            }
            None => self.not_modelled(id, ty, "it associates a network interface, not an instance"),
        }
    }

    /// The VPC of a security group as written, or the account's default VPC (noted) when its
    /// field `key` is not written.
    pub fn group_vpc(&mut self, id: &str, vpc: Option<String>, key: &str) -> String {
        vpc.unwrap_or_else(|| {
            self.note(format!("{id}: no {key}, so AWS puts it in the account's default VPC"));
            "DefaultVpc".into()
        })
    }

    pub fn endpoint(&mut self, id: &str, ty: &str, e: EndpointSpec) {
        let Some(service) = values::endpoint_service(&e.service_name) else {
            let name = e.service_name;
            self.not_modelled(
                id,
                ty,
                format!("the service `{name}` is not in the playground's catalogue"),
            );
            return;
        };
        let kind = match e.kind.to_ascii_lowercase().as_str() {
            "" | "gateway" => EndpointKind::Gateway {
                route_tables: e.route_tables.into_iter().map(RouteTableId).collect(),
            },
            "interface" => EndpointKind::Interface {
                subnets: e.subnets.into_iter().map(SubnetId).collect(),
                security_groups: e.security_groups.into_iter().map(SgId).collect(),
                private_dns: e.private_dns,
            },
            _ => {
                let other = e.kind;
                self.not_modelled(id, ty, format!("endpoint type {other} is not modelled"));
                return;
            }
        };
        self.doc.endpoints.push(Endpoint {
            id: EndpointId::new(id),
            name: String::new(),
            vpc: VpcId(e.vpc),
            service,
            kind,
            policy: if e.deny_all {
                EndpointPolicy::DenyAll
            } else {
                EndpointPolicy::AllowAll
            },
        });
        self.modelled(id, ty, "endpoint");
    }

    /// Adds route tables, subnets or security groups to an endpoint defined in the input (an
    /// association resource).
    pub fn endpoint_association(&mut self, id: &str, ty: &str, endpoint: &str, what: EndpointPart) {
        let Some(e) = self.doc.endpoints.iter_mut().find(|e| e.id.as_str() == endpoint) else {
            self.not_modelled(id, ty, format!("the endpoint {endpoint} is not in the design"));
            return;
        };
        let fits = match (&mut e.kind, &what) {
            (EndpointKind::Gateway { route_tables }, EndpointPart::RouteTable(rt)) => {
                route_tables.push(RouteTableId(rt.clone()));
                true
            }
            (EndpointKind::Interface { subnets, .. }, EndpointPart::Subnet(s)) => {
                subnets.push(SubnetId(s.clone()));
                true
            }
            (EndpointKind::Interface { security_groups, .. }, EndpointPart::SecurityGroup(g)) => {
                security_groups.push(SgId(g.clone()));
                true
            }
            _ => false,
        };
        if fits {
            self.modelled(id, ty, format!("association of {endpoint}"));
        } else {
            self.not_modelled(id, ty, format!("it does not fit the type of endpoint {endpoint}"));
        }
    }

    /// A rule as the engine reads it, or `None` (with a note under `owner`) when its protocol
    /// or peer is not one the playground reads.
    pub fn sg_rule_of(&mut self, owner: &str, r: &RuleSpec) -> Option<SgRule> {
        let proto = values::protocol(&r.protocol)?;
        let (from, to) = values::ports(proto, r.from, r.to);
        let peer = if let Some(c) = r.cidr.clone().filter(|c| !c.is_empty()) {
            SgPeer::Cidr(CidrText(c))
        } else if let Some(g) = r.group.clone().filter(|g| !g.is_empty()) {
            SgPeer::SecurityGroup(SgId(g))
        } else if let Some(pl) = r.prefix_list.as_deref().filter(|p| !p.is_empty()) {
            match self.prefix_lists.iter().find(|(id, _)| id == pl) {
                Some((_, service)) => SgPeer::PrefixList(*service),
                None => {
                    self.note(format!(
                        "{owner}: a rule with prefix list {pl} is left out: it is not the managed prefix list of an AWS \
                         service this input names, and its addresses are not known before deployment"
                    ));
                    return None;
                }
            }
        } else {
            self.note(format!("{owner}: a rule with no peer the playground reads is left out"));
            return None;
        };
        Some(SgRule {
            protocol: proto,
            from_port: from,
            to_port: to,
            peer,
            description: r.description.clone(),
        })
    }

    /// A security group with its inline rules. `egress` is `None` when no egress rule is
    /// written; `no_egress` says what that means.
    pub fn security_group(
        &mut self,
        id: &str,
        ty: &str,
        vpc: String,
        inbound: &[RuleSpec],
        egress: Option<&[RuleSpec]>,
        no_egress: NoEgress,
    ) {
        let mut sg = SecurityGroup {
            id: SgId::new(id),
            vpc: VpcId(vpc),
            ..SecurityGroup::default()
        };
        for r in inbound {
            if let Some(rule) = self.sg_rule_of(id, r) {
                sg.inbound.push(rule);
            }
        }
        match egress.filter(|e| !e.is_empty()) {
            None if no_egress == NoEgress::AllowAllIpv4 => {
                // AWS's default: all traffic to any IPv4 address.
                sg.outbound.push(SgRule::all_to(SgPeer::Cidr("0.0.0.0/0".into())));
            }
            None => {
                self.links.sg_inline_egress.insert(id.to_owned());
            }
            Some(rules) => {
                self.links.sg_inline_egress.insert(id.to_owned());
                for r in rules {
                    if let Some(rule) = self.sg_rule_of(id, r) {
                        sg.outbound.push(rule);
                    }
                }
            }
        }
        self.doc.security_groups.push(sg);
        self.modelled(id, ty, "security_group");
    }

    /// A stand-alone rule resource of `group`: one engine rule per peer it names.
    pub fn sg_rule(&mut self, id: &str, ty: &str, group: &str, inbound: bool, rules: &[RuleSpec]) {
        let read: Vec<SgRule> = rules.iter().filter_map(|r| self.sg_rule_of(id, r)).collect();
        if read.is_empty() {
            self.not_modelled(id, ty, "its protocol or peer is not modelled");
            return;
        }
        self.modelled(id, ty, format!("rule of {group}"));
        for rule in read {
            self.links.sg_rules.push((group.to_owned(), inbound, rule));
        }
    }

    /// The default security group AWS creates with `vpc` (all inbound from itself, all
    /// outbound), added at the end unless the input defines `sg` itself.
    pub fn default_security_group(&mut self, vpc: &str, sg: &str) {
        if !self.links.default_sgs.iter().any(|(_, s)| s == sg) {
            self.links.default_sgs.push((vpc.to_owned(), sg.to_owned()));
        }
    }

    pub fn nacl(&mut self, id: &str, ty: &str, vpc: &str) {
        self.doc.network_acls.push(Nacl {
            id: NaclId::new(id),
            vpc: VpcId(vpc.to_owned()),
            ..Nacl::default()
        });
        self.modelled(id, ty, "network_acl");
    }

    /// A NACL rule as the engine reads it, or why not.
    pub fn nacl_rule_of(r: &NaclRuleSpec) -> Option<NaclRule> {
        let proto = values::protocol(&r.protocol)?;
        let number = r.number.filter(|n| (1..=32766).contains(n))?;
        let cidr = r.cidr.clone().filter(|c| !c.is_empty())?;
        let (from_port, to_port) = values::ports(proto, r.from, r.to);
        Some(NaclRule {
            number: number as u16,
            action: if r.deny { NaclAction::Deny } else { NaclAction::Allow },
            protocol: proto,
            from_port,
            to_port,
            cidr: CidrText(cidr),
        })
    }

    const NACL_UNREAD: &'static str = "its protocol, rule number or address block is not one the playground reads";

    /// A stand-alone NACL rule.
    pub fn nacl_rule(&mut self, id: &str, ty: &str, nacl: &str, egress: bool, r: &NaclRuleSpec) {
        match Self::nacl_rule_of(r) {
            Some(rule) => {
                self.modelled(id, ty, format!("rule of {nacl}"));
                self.links.nacl_rules.push((nacl.to_owned(), egress, rule));
            }
            None => self.not_modelled(id, ty, Self::NACL_UNREAD),
        }
    }

    /// A rule written inside its NACL (`owner`): left out with a note when not read.
    pub fn inline_nacl_rule(&mut self, owner: &str, egress: bool, r: &NaclRuleSpec) {
        match Self::nacl_rule_of(r) {
            Some(rule) => self.links.nacl_rules.push((owner.to_owned(), egress, rule)),
            None => self.note(format!("{owner}: a rule is left out: {}", Self::NACL_UNREAD)),
        }
    }

    pub fn nacl_association(&mut self, id: &str, ty: &str, subnet: &str, nacl: &str) {
        self.modelled(id, ty, format!("network ACL of {subnet}"));
        self.associate_nacl(subnet, nacl);
    }

    /// `subnet` uses `nacl`, as written on the ACL itself (its list of subnets).
    pub fn associate_nacl(&mut self, subnet: &str, nacl: &str) {
        self.links.nacl_assoc.push((subnet.to_owned(), nacl.to_owned()));
    }

    /// `rt` is the main route table of `vpc`: subnets without an association use it.
    pub fn main_route_table(&mut self, vpc: &str, rt: &str) {
        self.links.main_tables.push((vpc.to_owned(), rt.to_owned()));
    }

    /// `nacl` is the default network ACL of `vpc`: subnets without an association use it.
    pub fn default_nacl(&mut self, vpc: &str, nacl: &str) {
        self.links.default_nacls.push((vpc.to_owned(), nacl.to_owned()));
    }

    /// The main route table AWS creates with `vpc` (local routes only), as a component the
    /// input's routes can be added to, unless the input defines `rt` itself.
    pub fn implicit_main_route_table(&mut self, vpc: &str, rt: &str) {
        if !self.doc.route_tables.iter().any(|t| t.id.as_str() == rt) {
            self.doc.route_tables.push(RouteTable {
                id: RouteTableId::new(rt),
                name: String::new(),
                vpc: VpcId(vpc.to_owned()),
                routes: vec![],
            });
            self.note(format!("{rt}: the main route table AWS creates with {vpc}"));
        }
        self.main_route_table(vpc, rt);
    }

    /// The default network ACL AWS creates with `vpc` (all traffic allowed both ways, IPv4 and
    /// IPv6), unless the input defines `nacl` itself.
    pub fn implicit_default_nacl(&mut self, vpc: &str, nacl: &str) {
        if !self.doc.network_acls.iter().any(|n| n.id.as_str() == nacl) {
            let all = |number: u16, cidr: &str| NaclRule {
                number,
                action: NaclAction::Allow,
                protocol: Protocol::All,
                from_port: 0,
                to_port: 65535,
                cidr: CidrText(cidr.to_owned()),
            };
            let rules = vec![all(100, "0.0.0.0/0"), all(101, "::/0")];
            self.doc.network_acls.push(Nacl {
                id: NaclId::new(nacl),
                name: String::new(),
                vpc: VpcId(vpc.to_owned()),
                inbound: rules.clone(),
                outbound: rules,
            });
            self.note(format!(
                "{nacl}: the default network ACL AWS creates with {vpc}, allowing all traffic"
            ));
        }
        self.default_nacl(vpc, nacl);
    }

    pub fn peering(&mut self, id: &str, ty: &str, requester: &str, accepter: &str) {
        self.doc.peering_connections.push(PeeringConnection {
            id: PeeringId::new(id),
            name: String::new(),
            requester_vpc: VpcId(requester.to_owned()),
            accepter_vpc: VpcId(accepter.to_owned()),
        });
        self.modelled(id, ty, "peering_connection");
    }

    /// An EC2 instance. `public_ip`: `None` follows its subnet's `map_public_ip_on_launch`.
    pub fn instance(&mut self, id: &str, ty: &str, subnet: String, groups: Vec<String>, public_ip: Option<bool>) {
        if public_ip.is_none() {
            self.links.instance_auto_ip.push(id.to_owned());
        }
        self.doc.instances.push(Instance {
            id: InstanceId::new(id),
            subnet: SubnetId(subnet),
            security_groups: groups.into_iter().map(SgId).collect(),
            public_ip: public_ip.unwrap_or(false),
            ..Instance::default()
        });
        self.modelled(id, ty, "instance");
    }

    /// A Lambda function; `vpc` is `(subnets, security groups, Ipv6AllowedForDualStack)`,
    /// `None` or no subnets for a function outside any VPC.
    pub fn function(&mut self, id: &str, ty: &str, vpc: Option<(Vec<String>, Vec<String>, bool)>) {
        let vpc_config = vpc
            .filter(|(s, _, _)| !s.is_empty())
            .map(|(subnets, groups, v6)| VpcConfig {
                subnets: subnets.into_iter().map(SubnetId).collect(),
                security_groups: groups.into_iter().map(SgId).collect(),
                ipv6_allowed_for_dual_stack: v6,
            });
        self.doc.functions.push(Function {
            id: FunctionId::new(id),
            name: String::new(),
            vpc_config,
        });
        self.modelled(id, ty, "function");
    }

    pub fn database(&mut self, id: &str, ty: &str, d: DatabaseSpec) {
        let eng = match values::engine(&d.engine) {
            Some(e) => e,
            None => {
                self.note(format!(
                    "{id}: engine `{}` is not one the playground knows; PostgreSQL stands in",
                    d.engine
                ));
                DatabaseEngine::Postgres
            }
        };
        if let Some(g) = d.subnet_group {
            self.links.db_groups.push((id.to_owned(), g));
        }
        self.doc.databases.push(Database {
            id: DatabaseId::new(id),
            name: String::new(),
            kind: if d.cluster || d.engine.starts_with("aurora") {
                DatabaseKind::AuroraCluster
            } else {
                DatabaseKind::Instance
            },
            engine: eng,
            port: d.port.and_then(|n| u16::try_from(n).ok()),
            subnet_group: vec![],
            security_groups: d.security_groups.into_iter().map(SgId).collect(),
            publicly_accessible: d.publicly_accessible,
        });
        self.modelled(id, ty, "database");
    }

    /// A DB subnet group (RDS): its subnets, for the databases that name it.
    pub fn db_subnet_group(&mut self, id: &str, ty: &str, subnets: Vec<String>) {
        self.links.subnet_groups.insert(id.to_owned(), subnets);
        self.modelled(id, ty, "subnet group");
    }

    /// A service API a resource stands for (a queue, a bucket), drawn as a service.
    pub fn service(&mut self, id: &str, ty: &str, service: AwsService) {
        self.doc.services.push(ServiceNode {
            id: ServiceNodeId::new(id),
            name: String::new(),
            service,
        });
        self.modelled(id, ty, "service");
    }
}

/// What an endpoint association adds.
#[derive(Clone, Debug)]
pub enum EndpointPart {
    RouteTable(String),
    Subnet(String),
    SecurityGroup(String),
}

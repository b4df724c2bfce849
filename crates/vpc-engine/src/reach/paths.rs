//! Procedures A–D of aws-rules.md §13 for one Hyperplane ENI (one subnet and security-group
//! set), plus the inbound question "can the internet reach this target?".
//!
//! Every check pushes a hop; the first failing one stops the flow. Requests are followed
//! hop by hop; then, because NACLs are stateless, the reply is checked on every subnet
//! boundary the request crossed (ephemeral ports 1024–65535, N4), and the trace ends with
//! the function's security groups letting the reply in without a rule (S1).

use super::filters::{nacl_check, sg_allows, NaclVerdict, Peer, SgMatch, EPHEMERAL};
use super::trace::{ReturnCheck, Step, TraceBuilder};
use super::verdict::{Disposition as D, HopKind as K, Trace};
use super::Engine;
use crate::explain::{ExplanationId as X, Message};
use crate::model::{AwsService, Connectivity, Endpoint, EndpointKind, EndpointPolicy};
use crate::resolve::{Family, NaclRef, ResolvedRoute, ResolvedSubnet, ResolvedTable, ResolvedVpc, RouteDest, RouteState, TableAssociation, Target};
use ipnet::IpNet;

/// The HTTPS port AWS service APIs and "the internet" are evaluated on.
pub const HTTPS: u16 = 443;

/// One Hyperplane ENI: a function subnet with the function's security groups.
pub(crate) struct Eni<'x, 'a> {
    pub subnet: &'x ResolvedSubnet<'a>,
    pub vpc: &'x ResolvedVpc<'a>,
    /// Sorted, existing security groups.
    pub sgs: &'x [&'a str],
}

impl<'x, 'a> Eni<'x, 'a> {
    fn id(&self) -> &'a str {
        self.subnet.subnet.id.as_str()
    }
    /// The ENI as a peer of someone else's filters: a private address in its subnet.
    fn peer(&self) -> Option<Peer<'x>> {
        self.subnet.ipv4.map(|n| Peer::Private { net: IpNet::V4(n), sgs: self.sgs })
    }
}

/// A database or instance as a destination.
pub(crate) struct TargetInfo<'a> {
    pub id: &'a str,
    pub is_db: bool,
    pub port: u16,
    /// The subnet of its address: the instance's subnet, the first existing subnet of a DB
    /// subnet group.
    pub subnet: Option<&'a str>,
    /// Every existing subnet it may live in (the whole DB subnet group).
    pub subnets: Vec<&'a str>,
    /// Sorted, existing security groups.
    pub sgs: Vec<&'a str>,
    /// A public address: a publicly accessible DB, an instance with a public IP or EIP.
    pub public: bool,
    /// What is missing to evaluate it: (field, value).
    pub missing: Option<(&'static str, String)>,
}

/// What a flow is for, to pick the explanation of a missing route.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Purpose {
    Internet,
    Service,
    /// A public target in another VPC, reached over the internet.
    PublicTarget,
}

impl Purpose {
    fn no_route(self) -> &'static [X] {
        match self {
            Purpose::Internet => &[X::L5NoInternetRoute, X::R3NoRoute],
            Purpose::Service => &[X::L9ServiceNeedsPath, X::L5NoInternetRoute, X::R3NoRoute],
            Purpose::PublicTarget => &[X::Db3OtherVpc, X::L5NoInternetRoute, X::R3NoRoute],
        }
    }
}

impl<'r, 'a> Engine<'r, 'a> {
    // ---------------------------------------------------------------- naming helpers

    fn n(&self, id: &str) -> String {
        self.r.name(id).to_owned()
    }

    fn names(&self, ids: &[&str]) -> String {
        let mut out = String::new();
        for (i, id) in ids.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(self.r.name(id));
        }
        out
    }

    fn table_component(&self, t: &ResolvedTable<'a>) -> &'a str {
        t.id.unwrap_or(t.vpc)
    }

    /// The table's display name; an implicit main table is named after its VPC.
    fn table_name(&self, t: &ResolvedTable<'a>) -> String {
        self.n(t.id.unwrap_or(t.vpc))
    }

    pub(crate) fn dest_text(&self, d: RouteDest) -> String {
        match d {
            RouteDest::Cidr(n) => n.to_string(),
            RouteDest::PrefixList(s) => self.prefix_list(s),
        }
    }

    /// The AWS-managed prefix list's name, e.g. `com.amazonaws.us-east-1.s3`.
    pub(crate) fn prefix_list(&self, s: AwsService) -> String {
        format!("com.amazonaws.{}.{}", self.r.region, s.key())
    }

    fn target_text(&self, t: Target) -> String {
        match t.id() {
            Some(id) => self.n(id),
            None => "local".to_owned(),
        }
    }

    pub(crate) fn route_text(&self, route: &ResolvedRoute) -> String {
        format!("{} → {}", self.dest_text(route.destination), self.target_text(route.target))
    }

    fn nacl_component(&self, s: &ResolvedSubnet<'a>) -> &'a str {
        s.nacl.id().unwrap_or(s.subnet.id.as_str())
    }

    fn az_of(&self, s: &ResolvedSubnet) -> String {
        s.subnet.az.clone()
    }

    // ---------------------------------------------------------------- common hops

    fn eni_hop(&self, tb: &mut TraceBuilder, eni: &Eni) {
        let msg = Message::new(X::L4HyperplaneEni)
            .arg("subnet", self.r.name(eni.id()))
            .arg("az", &eni.subnet.subnet.az)
            .arg("sgs", self.names(eni.sgs))
            .arg("vpc", self.r.name(eni.vpc.vpc.id.as_str()));
        tb.pass(eni.id(), K::Eni, msg);
    }

    /// The function's security groups, outbound (S1, S2; E3 on the gateway-endpoint path).
    fn sg_out(&self, tb: &mut TraceBuilder, eni: &Eni<'_, 'a>, port: u16, peer: Peer, label: &str, also: &[X]) -> Step<SgMatch<'a>> {
        let first = eni.sgs.first().copied().unwrap_or(eni.id());
        match sg_allows(self.r, eni.sgs, true, port, peer) {
            Some(m) => {
                let msg = self.sg_match_msg(m, None).arg("sgs", self.names(eni.sgs)).arg("destination", label).arg("port", port).arg("protocol", "TCP");
                tb.pass(m.sg(), K::SecurityGroupOut, msg);
                Ok(m)
            }
            None => {
                let msg = Message::new(X::S2NoOutbound)
                    .arg("sg", self.r.name(first))
                    .arg("sgs", self.names(eni.sgs))
                    .arg("destination", label)
                    .arg("port", port)
                    .arg("protocol", "TCP");
                let mut ids = vec![X::S2NoOutbound];
                ids.extend_from_slice(also);
                Err(tb.block(first, K::SecurityGroupOut, msg, D::DeniedBySg, &ids))
            }
        }
    }

    /// The message for an allowing security-group rule.
    fn sg_match_msg(&self, m: SgMatch, target: Option<&TargetInfo>) -> Message {
        let msg = match m {
            SgMatch::SelfReference { sg } => Message::new(X::S4SelfReference).arg("sg", self.r.name(sg)),
            SgMatch::GroupReference { sg, other } => {
                let id = if target.is_some_and(|t| t.is_db) { X::S5DbAllowsFunction } else { X::S3GroupReference };
                Message::new(id).arg("sg", self.r.name(sg)).arg("other", self.r.name(other))
            }
            SgMatch::PrefixList { sg } | SgMatch::Cidr { sg } => Message::new(X::S1Allowed).arg("sg", self.r.name(sg)),
        };
        match target {
            Some(t) => msg.arg("target", self.r.name(t.id)),
            None => msg,
        }
    }

    /// A NACL check on a subnet boundary crossed by the request; registers the reply's
    /// check on the same boundary.
    #[allow(clippy::too_many_arguments)]
    fn nacl<'x>(
        &self,
        tb: &mut TraceBuilder<'x, 'a>,
        subnet: &'x ResolvedSubnet<'a>,
        outbound: bool,
        port: u16,
        peer: Peer<'x>,
        label: &str,
        also: &[X],
    ) -> Step
    where
        'r: 'x, {
        self.nacl_step(tb, subnet, outbound, (port, port), peer, label, false, also)?;
        tb.returns.push(ReturnCheck { subnet, outbound: !outbound, peer, label: label.to_owned() });
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn nacl_step(
        &self,
        tb: &mut TraceBuilder,
        subnet: &ResolvedSubnet<'a>,
        outbound: bool,
        ports: (u16, u16),
        peer: Peer,
        label: &str,
        reply: bool,
        also: &[X],
    ) -> Step {
        let kind = if outbound { K::NaclOut } else { K::NaclIn };
        let component = self.nacl_component(subnet);
        let subnet_name = self.r.name(subnet.subnet.id.as_str());
        let port_text = if ports.0 == ports.1 { ports.0.to_string() } else { format!("{}-{}", ports.0, ports.1) };
        let verdict = nacl_check(self.r, subnet.nacl, outbound, ports, peer);
        let with = |id: X| {
            let m = Message::new(id).arg("subnet", subnet_name).arg("port", &port_text).arg("destination", label);
            match subnet.nacl.id() {
                Some(n) => m.arg("nacl", self.r.name(n)),
                None => m,
            }
        };
        match verdict {
            NaclVerdict::DefaultAllowsAll => {
                let vpc = subnet.vpc.map(|v| self.r.name(v)).unwrap_or_default();
                tb.pass(component, kind, with(X::N2DefaultNacl).arg("vpc", vpc));
                Ok(())
            }
            NaclVerdict::Allowed { rule } => {
                let mut msg = with(X::N1Allowed).arg("rule", rule);
                if subnet.nacl == NaclRef::VpcDefault(component) {
                    msg = msg.arg("vpc", subnet.vpc.map(|v| self.r.name(v)).unwrap_or_default());
                }
                tb.pass(component, kind, msg);
                Ok(())
            }
            NaclVerdict::Denied { rule } => {
                let denied = if outbound { X::N1DeniedOut } else { X::N1DeniedIn };
                let rule = rule.map_or_else(|| "*".to_owned(), |n| n.to_string());
                let (msg, mut ids) = if reply {
                    (with(X::N4EphemeralReturn).arg("rule", &rule), vec![X::N4EphemeralReturn, denied])
                } else {
                    (with(denied).arg("rule", &rule), vec![denied])
                };
                ids.extend_from_slice(also);
                Err(tb.block(component, kind, msg, D::DeniedByNacl, &ids))
            }
            NaclVerdict::NoRules => {
                let denied = if outbound { X::N1DeniedOut } else { X::N1DeniedIn };
                let mut ids = vec![X::N3CustomDeniesAll, denied];
                if reply {
                    ids.insert(1, X::N4EphemeralReturn);
                }
                ids.extend_from_slice(also);
                Err(tb.block(component, kind, with(X::N3CustomDeniesAll).arg("rule", "*"), D::DeniedByNacl, &ids))
            }
        }
    }

    /// A hop saying the NACL does not apply: source and destination share a subnet (N1).
    fn same_subnet_hop(&self, tb: &mut TraceBuilder, subnet: &ResolvedSubnet<'a>) {
        let mut msg = Message::new(X::N1SameSubnet).arg("subnet", self.r.name(subnet.subnet.id.as_str()));
        if let Some(n) = subnet.nacl.id() {
            msg = msg.arg("nacl", self.r.name(n));
        }
        tb.pass(self.nacl_component(subnet), K::NaclOut, msg);
    }

    /// The reply's NACL checks, last boundary first (N4).
    fn replies(&self, tb: &mut TraceBuilder) -> Step {
        let checks = std::mem::take(&mut tb.returns);
        for c in checks.iter().rev() {
            self.nacl_step(tb, c.subnet, c.outbound, EPHEMERAL, c.peer, &c.label, true, &[])?;
        }
        Ok(())
    }

    /// The function's security groups let the reply in without an inbound rule (S1, L10).
    fn stateful_hop(&self, tb: &mut TraceBuilder, eni: &Eni) {
        let sg = eni.sgs.first().copied().unwrap_or(eni.id());
        let msg = Message::new(X::S1Stateful).arg("sg", self.r.name(sg)).arg("sgs", self.names(eni.sgs));
        tb.pass(sg, K::SecurityGroupIn, msg);
    }

    /// The reply leg, then the stateful hop; `ids` are the delivered explanation.
    fn finish_round_trip(&self, tb: &mut TraceBuilder, eni: &Eni, mut ids: Vec<X>) -> Step<Vec<X>> {
        self.replies(tb)?;
        self.stateful_hop(tb, eni);
        ids.push(X::S1Stateful);
        Ok(ids)
    }

    fn route_msg(&self, id: X, table: &ResolvedTable<'a>, route: &ResolvedRoute, label: &str) -> Message {
        Message::new(id).arg("route_table", self.table_name(table)).arg("route", self.route_text(route)).arg("destination", label)
    }

    /// Looks a route up and stops on no route or a blackhole; an active route is returned
    /// without a hop, for the caller to judge its target.
    fn route_or_stop<'t>(
        &self,
        tb: &mut TraceBuilder,
        subnet_arg: (&str, &str),
        table: &'t ResolvedTable<'a>,
        route: Option<&'t ResolvedRoute<'a>>,
        label: &str,
        association: TableAssociation,
        none_ids: &[X],
    ) -> Step<&'t ResolvedRoute<'a>> {
        let component = self.table_component(table);
        let main_note = association != TableAssociation::Explicit;
        match route {
            None => {
                let msg = Message::new(X::R3NoRoute)
                    .arg("route_table", self.table_name(table))
                    .arg("destination", label)
                    .arg(subnet_arg.0, subnet_arg.1);
                let mut ids = none_ids.to_vec();
                if !ids.contains(&X::R3NoRoute) {
                    ids.push(X::R3NoRoute);
                }
                if main_note {
                    ids.push(X::R2MainTable);
                }
                Err(tb.block(component, K::RouteTable, msg, D::NoRoute, &ids))
            }
            Some(route) if route.state == RouteState::Blackhole => {
                let msg = self
                    .route_msg(X::R5Blackhole, table, route, label)
                    .arg("target", self.target_text(route.target))
                    .arg(subnet_arg.0, subnet_arg.1);
                Err(tb.block(component, K::RouteTable, msg, D::BlackholeRoute, &[X::R5Blackhole]))
            }
            Some(route) => Ok(route),
        }
    }

    fn route_pass(&self, tb: &mut TraceBuilder, id: X, subnet_arg: (&str, &str), table: &ResolvedTable<'a>, route: &ResolvedRoute, label: &str) {
        let msg = self.route_msg(id, table, route, label).arg(subnet_arg.0, subnet_arg.1);
        tb.pass(self.table_component(table), K::RouteTable, msg);
    }

    fn destination_hop(&self, tb: &mut TraceBuilder, component: &str, msg: Message) {
        tb.pass(component, K::Destination, msg);
    }

    /// Stops the flow for lack of data the validator reports (a malformed CIDR, a missing
    /// component).
    fn insufficient(&self, tb: &mut TraceBuilder, component: &str, kind: K, id: X, field: &str, value: &str) -> super::trace::Stop {
        let msg = Message::new(id).arg("component", self.r.name(component)).arg("field", field).arg("value", value);
        tb.block(component, kind, msg, D::InsufficientInfo, &[id])
    }

    /// The ENI's own address, needed when someone else's filter must recognise it.
    fn eni_peer<'x>(&self, tb: &mut TraceBuilder, eni: &Eni<'x, 'a>) -> Step<Peer<'x>>
    where
        'r: 'x, {
        eni.peer().ok_or_else(|| {
            self.insufficient(tb, eni.id(), K::Eni, X::VCidrMalformed, "cidr", eni.subnet.subnet.cidr.as_str())
        })
    }

    // ---------------------------------------------------------------- procedure A

    /// From an ENI to a public IPv4 address over the route for `route` (the internet's
    /// `0.0.0.0/0`, or a service's prefix list when it is not a gateway endpoint): SG out,
    /// NACL out, route table, NAT gateway, the NAT subnet's NACLs and route table, the
    /// internet gateway. Returns the explanation of success; the caller adds the
    /// destination hop and the reply leg.
    #[allow(clippy::too_many_arguments)]
    fn public_egress<'x>(
        &self,
        tb: &mut TraceBuilder<'x, 'a>,
        eni: &Eni<'x, 'a>,
        port: u16,
        peer: Peer<'x>,
        label: &str,
        route: Option<&ResolvedRoute<'a>>,
        purpose: Purpose,
    ) -> Step<Vec<X>>
    where
        'r: 'x, {
        self.sg_out(tb, eni, port, peer, label, &[])?;
        self.nacl(tb, eni.subnet, true, port, peer, label, &[])?;
        let table = self.r.table_of(eni.subnet);
        let subnet_name = self.r.name(eni.id());
        let subnet_arg = ("subnet", subnet_name);
        let route = self.route_or_stop(tb, subnet_arg, table, route, label, eni.subnet.table_association, purpose.no_route())?;
        let component = self.table_component(table);
        match route.target {
            Target::InternetGateway(igw) => {
                // L6: the route works for instances with a public IP; Lambda ENIs have none.
                let msg = self.route_msg(X::L6PublicSubnet, table, route, label).arg("igw", self.r.name(igw)).arg("subnet", subnet_name);
                let mut ids = vec![X::L6PublicSubnet, X::G1NoPublicIp];
                if purpose == Purpose::Service {
                    ids.push(X::L9ServiceNeedsPath);
                }
                Err(tb.block(component, K::RouteTable, msg, D::NoPublicIp, &ids))
            }
            Target::NatGateway(nat) => {
                self.route_pass(tb, X::R3LongestPrefix, subnet_arg, table, route, label);
                self.via_nat(tb, eni, nat, port, peer, label)
            }
            Target::EgressOnlyGateway(eigw) => {
                let msg = self.route_msg(X::G2EgressOnly, table, route, label).arg("eigw", self.r.name(eigw)).arg("subnet", subnet_name);
                Err(tb.block(component, K::RouteTable, msg, D::GatewayUnusable, &[X::G2EgressOnly, X::VRouteFamily]))
            }
            target => Err(self.unfollowed_target(tb, subnet_arg, table, route, label, target)),
        }
    }

    /// A route whose target cannot lead where the flow is going: a peering connection (not
    /// transitive), an appliance, a gateway endpoint or `local` for a public address.
    fn unfollowed_target(
        &self,
        tb: &mut TraceBuilder,
        subnet_arg: (&str, &str),
        table: &ResolvedTable<'a>,
        route: &ResolvedRoute,
        label: &str,
        target: Target<'a>,
    ) -> super::trace::Stop {
        match target {
            Target::VpcPeering(pcx) => {
                self.route_pass(tb, X::R3LongestPrefix, subnet_arg, table, route, label);
                let msg = Message::new(X::FPeeringNotTransitive).arg("peering", self.r.name(pcx)).arg("destination", label);
                tb.block(pcx, K::PeeringConnection, msg, D::GatewayUnusable, &[X::FPeeringNotTransitive])
            }
            Target::NetworkInterface(eni) => {
                self.route_pass(tb, X::R3LongestPrefix, subnet_arg, table, route, label);
                let msg = self.route_msg(X::FApplianceRoute, table, route, label).arg("component", self.r.name(eni));
                tb.block(eni, K::Destination, msg, D::InsufficientInfo, &[X::FApplianceRoute])
            }
            _ => {
                // `local`, a gateway endpoint for a CIDR, a NAT or IGW where they make no sense:
                // validation names the route; traffic has nowhere to go.
                let msg = self.route_msg(X::VRouteFamily, table, route, label).arg(subnet_arg.0, subnet_arg.1);
                tb.block(self.table_component(table), K::RouteTable, msg, D::GatewayUnusable, &[X::VRouteFamily, X::R3LongestPrefix])
            }
        }
    }

    /// Through a NAT gateway to the internet gateway (G3, G4, N4 on the NAT subnet).
    fn via_nat<'x>(&self, tb: &mut TraceBuilder<'x, 'a>, eni: &Eni<'x, 'a>, nat_id: &'a str, port: u16, peer: Peer<'x>, label: &str) -> Step<Vec<X>>
    where
        'r: 'x, {
        let r = self.r;
        let nat = r.nat(nat_id).expect("an active NAT route has its NAT gateway");
        let nat_subnet = r.subnet(nat.subnet.as_str()).expect("an active NAT route has the NAT's subnet");
        let nat_name = r.name(nat_id);
        let nat_subnet_name = r.name(nat_subnet.subnet.id.as_str());
        if nat.connectivity == Connectivity::Private {
            let msg = Message::new(X::G4PrivateNat).arg("nat", nat_name).arg("nat_subnet", nat_subnet_name);
            return Err(tb.block(nat_id, K::NatGateway, msg, D::GatewayUnusable, &[X::G4PrivateNat]));
        }
        if !nat.elastic_ip {
            let msg = Message::new(X::G3NatWithoutEip).arg("nat", nat_name).arg("nat_subnet", nat_subnet_name);
            return Err(tb.block(nat_id, K::NatGateway, msg, D::GatewayUnusable, &[X::G3NatWithoutEip]));
        }
        let msg = Message::new(X::G3NatGateway).arg("nat", nat_name).arg("nat_subnet", nat_subnet_name).arg("az", self.az_of(nat_subnet));
        tb.pass(nat_id, K::NatGateway, msg);

        let crossing = nat_subnet.subnet.id != eni.subnet.subnet.id;
        if crossing {
            // The request enters the NAT's subnet from the function's subnet.
            let from = self.eni_peer(tb, eni)?;
            let from_label = eni.subnet.subnet.cidr.as_str().to_owned();
            self.nacl(tb, nat_subnet, false, port, from, &from_label, &[])?;
        }
        let table = r.table_of(nat_subnet);
        let any = Family::V4.any();
        let nat_arg = ("nat_subnet", nat_subnet_name);
        let route = match self.route_or_stop(tb, nat_arg, table, table.lookup(any), "0.0.0.0/0", nat_subnet.table_association, &[X::G3NatInPrivateSubnet]) {
            Ok(route) => route,
            Err(mut stop) => {
                if stop.disposition == D::NoRoute {
                    stop.disposition = D::GatewayUnusable;
                } else if !stop.ids.contains(&X::G3NatInPrivateSubnet) {
                    stop.ids.push(X::G3NatInPrivateSubnet);
                }
                return Err(stop);
            }
        };
        let Target::InternetGateway(igw) = route.target else {
            let msg = self.route_msg(X::G3NatInPrivateSubnet, table, route, "0.0.0.0/0").arg("nat", nat_name).arg("nat_subnet", nat_subnet_name);
            return Err(tb.block(self.table_component(table), K::RouteTable, msg, D::GatewayUnusable, &[X::G3NatInPrivateSubnet]));
        };
        let msg = self.route_msg(X::R3LongestPrefix, table, route, "0.0.0.0/0").arg("nat", nat_name).arg("nat_subnet", nat_subnet_name);
        tb.pass(self.table_component(table), K::RouteTable, msg);
        // Leaving the NAT's subnet for the internet, from the NAT's address.
        self.nacl(tb, nat_subnet, true, port, peer, label, &[])?;
        self.igw_hop(tb, igw);
        Ok(vec![X::L7NatPath, X::G3NatGateway])
    }

    fn igw_hop(&self, tb: &mut TraceBuilder, igw: &str) {
        let vpc = self.r.internet_gateway(igw).and_then(|g| g.vpc.as_ref()).map(|v| self.r.name(v.as_str())).unwrap_or_default();
        let msg = Message::new(X::G1InternetGateway).arg("igw", self.r.name(igw)).arg("vpc", vpc);
        tb.pass(igw, K::InternetGateway, msg);
    }

    /// Procedure A: the IPv4 internet from one ENI.
    pub(crate) fn internet_v4(&self, eni: &Eni<'_, 'a>) -> Trace {
        let mut tb = TraceBuilder::new();
        let result = (|| {
            self.eni_hop(&mut tb, eni);
            let table = self.r.table_of(eni.subnet);
            let peer = Peer::Public(Family::V4);
            let ids = self.public_egress(&mut tb, eni, HTTPS, peer, "0.0.0.0/0", table.lookup(Family::V4.any()), Purpose::Internet)?;
            let msg = self.summary(ids[0], &tb).arg("target", INTERNET).arg("port", HTTPS);
            self.destination_hop(&mut tb, "internet", msg);
            self.finish_round_trip(&mut tb, eni, ids)
        })();
        tb.finish(Some(eni.id()), Some(&eni.subnet.subnet.az), result)
    }

    /// The destination hop's message: the summary id with the path's gateways named.
    fn summary(&self, id: X, tb: &TraceBuilder) -> Message {
        let mut msg = Message::new(id);
        for hop in &tb.hops {
            let name = match hop.kind {
                K::NatGateway => "nat",
                K::InternetGateway => "igw",
                K::EgressOnlyGateway => "eigw",
                K::GatewayEndpoint | K::InterfaceEndpoint => "endpoint",
                K::PeeringConnection => "peering",
                _ => continue,
            };
            msg = msg.arg(name, self.r.name(hop.component.as_str()));
        }
        msg
    }

    // ---------------------------------------------------------------- procedure B

    /// Procedure B: the IPv6 internet from one ENI of a dual-stack function whose subnets
    /// are all dual-stack (the function-level conditions are checked by the caller).
    pub(crate) fn internet_v6(&self, eni: &Eni<'_, 'a>) -> Trace {
        let mut tb = TraceBuilder::new();
        let result = (|| {
            self.eni_hop(&mut tb, eni);
            let peer = Peer::Public(Family::V6);
            let label = "::/0";
            self.sg_out(&mut tb, eni, HTTPS, peer, label, &[])?;
            self.nacl(&mut tb, eni.subnet, true, HTTPS, peer, label, &[])?;
            let table = self.r.table_of(eni.subnet);
            let subnet_arg = ("subnet", self.r.name(eni.id()));
            let route = self.route_or_stop(&mut tb, subnet_arg, table, table.lookup(Family::V6.any()), label, eni.subnet.table_association, &[X::L8NoIpv6Route])?;
            let ids = match route.target {
                Target::EgressOnlyGateway(eigw) => {
                    self.route_pass(&mut tb, X::R3LongestPrefix, subnet_arg, table, route, label);
                    let msg = Message::new(X::G2EgressOnly).arg("eigw", self.r.name(eigw)).arg("vpc", self.r.name(eni.vpc.vpc.id.as_str()));
                    tb.pass(eigw, K::EgressOnlyGateway, msg);
                    vec![X::L8Ipv6Path, X::G2EgressOnly]
                }
                Target::InternetGateway(igw) => {
                    // IPv6 addresses are public: an internet gateway carries them both ways.
                    self.route_pass(&mut tb, X::R3LongestPrefix, subnet_arg, table, route, label);
                    self.igw_hop(&mut tb, igw);
                    vec![X::L8Ipv6Path, X::G1InternetGateway]
                }
                Target::NatGateway(_) => {
                    let msg = self.route_msg(X::VRouteFamily, table, route, label).arg("subnet", subnet_arg.1);
                    let component = self.table_component(table);
                    return Err(tb.block(component, K::RouteTable, msg, D::GatewayUnusable, &[X::VRouteFamily, X::L8NoIpv6Route]));
                }
                target => return Err(self.unfollowed_target(&mut tb, subnet_arg, table, route, label, target)),
            };
            let msg = self.summary(X::L8Ipv6Path, &tb).arg("target", INTERNET_V6).arg("port", HTTPS);
            self.destination_hop(&mut tb, "internet-ipv6", msg);
            self.finish_round_trip(&mut tb, eni, ids)
        })();
        tb.finish(Some(eni.id()), Some(&eni.subnet.subnet.az), result)
    }

    // ---------------------------------------------------------------- procedure C

    /// Procedure C: an AWS service API from one ENI: its gateway endpoint, else its
    /// interface endpoint (when private DNS makes the name point there), else the public
    /// endpoint over NAT.
    pub(crate) fn service(&self, eni: &Eni<'_, 'a>, service: AwsService) -> Trace {
        let mut tb = TraceBuilder::new();
        let result = (|| {
            self.eni_hop(&mut tb, eni);
            self.dns_support(&mut tb, eni)?;
            let table = self.r.table_of(eni.subnet);
            let route = table.lookup_service(service);
            if let Some(route) = route.filter(|r| matches!(r.destination, RouteDest::PrefixList(_))) {
                if let Target::GatewayEndpoint(ep) = route.target {
                    return self.via_gateway_endpoint(&mut tb, eni, service, table, route, ep);
                }
            }
            let gateway_elsewhere = eni.vpc.endpoints.iter().any(|e| e.service == service && matches!(e.kind, EndpointKind::Gateway { .. }));
            if gateway_elsewhere && service.info().gateway_endpoint && route.is_none_or(|r| !matches!(r.destination, RouteDest::PrefixList(_))) {
                tb.leading_note(X::E2NotAssociated);
            }
            if let Some(ep) = self.interface_endpoint(eni.vpc, service) {
                let EndpointKind::Interface { private_dns, .. } = &ep.kind else { unreachable!("interface_endpoint returns interface endpoints") };
                let vpc = eni.vpc.vpc;
                if *private_dns && vpc.enable_dns_support && vpc.enable_dns_hostnames {
                    return self.via_interface_endpoint(&mut tb, eni, service, ep);
                }
                // The name resolves to the public endpoint: the endpoint is bypassed (E6).
                let id = if *private_dns { X::E6DnsAttributes } else { X::E6PrivateDnsOff };
                let msg = Message::new(id)
                    .arg("endpoint", self.r.name(ep.id.as_str()))
                    .arg("service", service.info().title)
                    .arg("vpc", self.r.name(vpc.id.as_str()));
                tb.pass(ep.id.as_str(), K::Dns, msg);
                tb.leading_note(id);
            }
            let label = "0.0.0.0/0";
            let ids = self.public_egress(&mut tb, eni, HTTPS, Peer::Service(service), label, route, Purpose::Service)?;
            let msg = self.summary(ids[0], &tb).arg("target", service.info().title).arg("service", service.info().title).arg("port", HTTPS);
            self.destination_hop(&mut tb, service.key(), msg);
            self.finish_round_trip(&mut tb, eni, ids)
        })();
        tb.finish(Some(eni.id()), Some(&eni.subnet.subnet.az), result)
    }

    /// Names do not resolve when the VPC's DNS support is off (D1).
    fn dns_support(&self, tb: &mut TraceBuilder, eni: &Eni) -> Step {
        let vpc = eni.vpc.vpc;
        if vpc.enable_dns_support {
            return Ok(());
        }
        let msg = Message::new(X::D1DnsSupportOff).arg("vpc", self.r.name(vpc.id.as_str()));
        Err(tb.block(vpc.id.as_str(), K::Dns, msg, D::Dns, &[X::D1DnsSupportOff]))
    }

    /// The interface endpoint for a service in a VPC: one with private DNS if any, else
    /// the first by id; only endpoints with at least one network interface count.
    fn interface_endpoint(&self, vpc: &ResolvedVpc<'a>, service: AwsService) -> Option<&'a Endpoint> {
        let usable = |e: &&&'a Endpoint| {
            e.service == service
                && matches!(&e.kind, EndpointKind::Interface { subnets, .. }
                    if subnets.iter().any(|s| self.r.subnet(s.as_str()).is_some_and(|s| s.ipv4.is_some())))
        };
        let dns = |e: &&&'a Endpoint| matches!(e.kind, EndpointKind::Interface { private_dns: true, .. });
        vpc.endpoints.iter().filter(usable).find(dns).or_else(|| vpc.endpoints.iter().find(usable)).copied()
    }

    /// R6, E1–E3, E8: the prefix-list route to a gateway endpoint.
    fn via_gateway_endpoint<'x>(
        &self,
        tb: &mut TraceBuilder<'x, 'a>,
        eni: &Eni<'x, 'a>,
        service: AwsService,
        table: &ResolvedTable<'a>,
        route: &ResolvedRoute,
        ep_id: &'a str,
    ) -> Step<Vec<X>>
    where
        'r: 'x, {
        let peer = Peer::Service(service);
        let label = self.prefix_list(service);
        // The table hop comes after the filters, as traffic meets them; the route was looked
        // up first only to know which path applies.
        self.sg_out(tb, eni, HTTPS, peer, &label, &[X::E3FiltersApply])?;
        self.nacl(tb, eni.subnet, true, HTTPS, peer, &label, &[X::E3FiltersApply])?;
        if route.state == RouteState::Blackhole {
            let subnet_arg = ("subnet", self.r.name(eni.id()));
            return Err(self.route_or_stop(tb, subnet_arg, table, Some(route), &label, eni.subnet.table_association, &[]).unwrap_err());
        }
        let msg = self.route_msg(X::R6PrefixListRoute, table, route, &label).arg("endpoint", self.r.name(ep_id)).arg("subnet", self.r.name(eni.id()));
        tb.pass(self.table_component(table), K::RouteTable, msg);
        let title = service.info().title;
        let msg = Message::new(X::E1GatewayEndpoint).arg("endpoint", self.r.name(ep_id)).arg("service", title);
        tb.pass(ep_id, K::GatewayEndpoint, msg);
        self.policy(tb, ep_id, service)?;
        let msg = Message::new(X::E1GatewayEndpoint).arg("endpoint", self.r.name(ep_id)).arg("service", title).arg("target", title).arg("port", HTTPS);
        self.destination_hop(tb, service.key(), msg);
        self.finish_round_trip(tb, eni, vec![X::E1GatewayEndpoint, X::R6PrefixListRoute, X::E3FiltersApply])
    }

    /// E8: the network is fine, the endpoint policy says no.
    fn policy(&self, tb: &mut TraceBuilder, ep_id: &str, service: AwsService) -> Step {
        let Some(ep) = self.r.endpoint(ep_id) else { return Ok(()) };
        if ep.policy == EndpointPolicy::DenyAll {
            let msg = Message::new(X::E8PolicyDenies).arg("endpoint", self.r.name(ep_id)).arg("service", service.info().title);
            return Err(tb.block(ep_id, K::Policy, msg, D::DeniedByPolicy, &[X::E8PolicyDenies]));
        }
        Ok(())
    }

    /// E5–E8: private DNS points the name at an endpoint network interface; the local route
    /// carries the traffic there; the endpoint's security groups must admit HTTPS.
    fn via_interface_endpoint<'x>(&self, tb: &mut TraceBuilder<'x, 'a>, eni: &Eni<'x, 'a>, service: AwsService, ep: &'a Endpoint) -> Step<Vec<X>>
    where
        'r: 'x, {
        let r = self.r;
        let EndpointKind::Interface { subnets, .. } = &ep.kind else { unreachable!("interface endpoint") };
        let ep_id = ep.id.as_str();
        let title = service.info().title;
        // The endpoint's interface in the function's AZ if it has one, else the first by id.
        let mut candidates: Vec<&ResolvedSubnet<'a>> = subnets.iter().filter_map(|s| r.subnet(s.as_str())).filter(|s| s.ipv4.is_some()).collect();
        candidates.sort_by(|a, b| a.subnet.id.as_str().cmp(b.subnet.id.as_str()));
        let ep_subnet: &'x ResolvedSubnet<'a> = candidates
            .iter()
            .find(|s| s.subnet.az == eni.subnet.subnet.az)
            .or(candidates.first())
            .copied()
            .expect("interface_endpoint only returns endpoints with a usable subnet");
        let ep_sgs: &'x [&'a str] = r.endpoint_security_groups(ep_id);

        let msg = Message::new(X::E5InterfaceEndpoint).arg("endpoint", r.name(ep_id)).arg("service", title).arg("az", &ep_subnet.subnet.az);
        tb.pass(ep_id, K::Dns, msg);

        let ep_net = IpNet::V4(ep_subnet.ipv4.expect("filtered above"));
        let label = ep_net.to_string();
        let peer = Peer::Private { net: ep_net, sgs: ep_sgs };
        self.sg_out(tb, eni, HTTPS, peer, &label, &[])?;
        let same_subnet = ep_subnet.subnet.id == eni.subnet.subnet.id;
        if same_subnet {
            self.same_subnet_hop(tb, eni.subnet);
        } else {
            self.nacl(tb, eni.subnet, true, HTTPS, peer, &label, &[])?;
        }
        let table = r.table_of(eni.subnet);
        let subnet_arg = ("subnet", r.name(eni.id()));
        let route = self.route_or_stop(tb, subnet_arg, table, table.lookup(ep_net), &label, eni.subnet.table_association, &[X::E5InterfaceEndpoint])?;
        if route.target != Target::Local {
            return Err(self.unfollowed_target(tb, subnet_arg, table, route, &label, route.target));
        }
        self.route_pass(tb, X::R1LocalRoute, subnet_arg, table, route, &label);
        let from = self.eni_peer(tb, eni)?;
        let from_label = eni.subnet.subnet.cidr.as_str().to_owned();
        if !same_subnet {
            self.nacl(tb, ep_subnet, false, HTTPS, from, &from_label, &[])?;
        }
        // E7: the endpoint's groups (the VPC's default group when none is given, which
        // admits only its own members) must admit HTTPS from the function.
        match sg_allows(r, ep_sgs, false, HTTPS, from) {
            Some(m) => {
                let msg = self.sg_match_msg(m, None).arg("sgs", self.names(ep_sgs)).arg("endpoint", r.name(ep_id)).arg("port", HTTPS).arg("destination", &from_label);
                tb.pass(m.sg(), K::SecurityGroupIn, msg);
            }
            None => {
                let component = ep_sgs.first().copied().unwrap_or(ep_id);
                let msg = Message::new(X::E7EndpointSg)
                    .arg("endpoint", r.name(ep_id))
                    .arg("sg", r.name(component))
                    .arg("sgs", self.names(ep_sgs))
                    .arg("port", HTTPS)
                    .arg("service", title)
                    .arg("subnet", r.name(eni.id()));
                return Err(tb.block(component, K::SecurityGroupIn, msg, D::DeniedBySg, &[X::E7EndpointSg, X::S2NoInbound]));
            }
        }
        let msg = Message::new(X::E5InterfaceEndpoint).arg("endpoint", r.name(ep_id)).arg("service", title).arg("az", &ep_subnet.subnet.az);
        tb.pass(ep_id, K::InterfaceEndpoint, msg);
        self.policy(tb, ep_id, service)?;
        let msg = Message::new(X::E5InterfaceEndpoint).arg("endpoint", r.name(ep_id)).arg("service", title).arg("target", title).arg("port", HTTPS);
        self.destination_hop(tb, service.key(), msg);
        self.finish_round_trip(tb, eni, vec![X::E5InterfaceEndpoint, X::R1LocalRoute])
    }

    // ---------------------------------------------------------------- procedure D

    /// Procedure D: a database or instance from one ENI: the local route (or a peering
    /// connection, or the internet for a public target in another VPC), then the target's
    /// NACL and security groups.
    pub(crate) fn target(&self, eni: &Eni<'_, 'a>, t: &TargetInfo<'a>) -> Trace {
        let mut tb = TraceBuilder::new();
        let result = (|| {
            self.eni_hop(&mut tb, eni);
            if t.is_db {
                // An RDS endpoint is a DNS name.
                self.dns_support(&mut tb, eni)?;
            }
            let Some(ts) = t.subnet.and_then(|s| self.r.subnet(s)) else {
                let (field, value) = t.missing.clone().unwrap_or(("subnet", String::new()));
                return Err(self.insufficient(&mut tb, t.id, K::Destination, X::VDanglingReference, field, &value));
            };
            let Some(tnet) = ts.ipv4.map(IpNet::V4) else {
                return Err(self.insufficient(&mut tb, ts.subnet.id.as_str(), K::Destination, X::VCidrMalformed, "cidr", ts.subnet.cidr.as_str()));
            };
            let same_vpc = ts.vpc == Some(eni.vpc.vpc.id.as_str());
            let table = self.r.table_of(eni.subnet);
            let route = table.lookup(tnet);
            let peering = route.and_then(|r| match (r.target, r.state) {
                (Target::VpcPeering(p), RouteState::Active) => Some(p),
                _ => None,
            });
            if !same_vpc && peering.is_none() && t.public {
                // Outside its VPC the target's name resolves to its public address.
                return self.to_public_target(&mut tb, eni, t);
            }
            let label = tnet.to_string();
            let tsgs: &[&'a str] = &t.sgs;
            let peer = Peer::Private { net: tnet, sgs: tsgs };
            self.sg_out(&mut tb, eni, t.port, peer, &label, &[])?;
            let same_subnet = ts.subnet.id == eni.subnet.subnet.id;
            if same_subnet {
                self.same_subnet_hop(&mut tb, eni.subnet);
            } else {
                self.nacl(&mut tb, eni.subnet, true, t.port, peer, &label, &[])?;
            }
            let subnet_arg = ("subnet", self.r.name(eni.id()));
            let none_ids: &[X] = if same_vpc { &[X::R3NoRoute] } else { &[X::Db3OtherVpc, X::R3NoRoute] };
            let route = self.route_or_stop(&mut tb, subnet_arg, table, route, &label, eni.subnet.table_association, none_ids)?;
            let mut ids = Vec::new();
            match route.target {
                Target::Local if same_vpc => {
                    self.route_pass(&mut tb, X::R1LocalRoute, subnet_arg, table, route, &label);
                    ids.push(X::Db3SameVpc);
                    ids.push(X::R1LocalRoute);
                }
                Target::VpcPeering(pcx) => {
                    self.route_pass(&mut tb, X::R3LongestPrefix, subnet_arg, table, route, &label);
                    self.peering(&mut tb, eni, ts, pcx)?;
                    ids.push(X::Db3Peering);
                }
                _ if !same_vpc => {
                    // Only a peering route leads into another VPC's private addresses; a NAT
                    // gateway or internet gateway does not.
                    let msg = self
                        .route_msg(X::Db3OtherVpc, table, route, &label)
                        .arg("subnet", subnet_arg.1)
                        .arg("target", self.r.name(t.id))
                        .arg("vpc", self.r.name(eni.vpc.vpc.id.as_str()))
                        .arg("other_vpc", ts.vpc.map(|v| self.r.name(v)).unwrap_or_default());
                    return Err(tb.block(self.table_component(table), K::RouteTable, msg, D::NoRoute, &[X::Db3OtherVpc, X::R3NoRoute]));
                }
                target => {
                    // A route more specific than the local one sends the traffic to a gateway
                    // or appliance for inspection; the playground does not follow it there.
                    self.route_pass(&mut tb, X::R3LongestPrefix, subnet_arg, table, route, &label);
                    let via = target.id().unwrap_or(t.id);
                    let msg = self.route_msg(X::FApplianceRoute, table, route, &label).arg("component", self.r.name(via));
                    return Err(tb.block(via, K::Destination, msg, D::InsufficientInfo, &[X::FApplianceRoute, X::R3LongestPrefix]));
                }
            }
            let from = self.eni_peer(&mut tb, eni)?;
            let from_label = eni.subnet.subnet.cidr.as_str().to_owned();
            if !same_subnet {
                self.nacl(&mut tb, ts, false, t.port, from, &from_label, &[])?;
            }
            let sg_id = self.target_sg_in(&mut tb, t, from, &from_label)?;
            ids.insert(0, sg_id);
            let summary = if ids.contains(&X::Db3Peering) { X::Db3Peering } else { X::Db3SameVpc };
            let msg = self.summary(summary, &tb).arg("target", self.r.name(t.id)).arg("port", t.port).arg("vpc", self.r.name(eni.vpc.vpc.id.as_str()));
            self.destination_hop(&mut tb, t.id, msg);
            self.finish_round_trip(&mut tb, eni, ids)
        })();
        tb.finish(Some(eni.id()), Some(&eni.subnet.subnet.az), result)
    }

    /// The target's security groups, inbound from `from` (S1–S5). Returns the id that
    /// explains the allowance.
    fn target_sg_in(&self, tb: &mut TraceBuilder, t: &TargetInfo<'a>, from: Peer, from_label: &str) -> Step<X> {
        match sg_allows(self.r, &t.sgs, false, t.port, from) {
            Some(m) => {
                let msg = self.sg_match_msg(m, Some(t)).arg("sgs", self.names(&t.sgs)).arg("port", t.port).arg("destination", from_label);
                let id = msg.id;
                tb.pass(m.sg(), K::SecurityGroupIn, msg);
                Ok(id)
            }
            None => {
                let component = t.sgs.first().copied().unwrap_or(t.id);
                let private = matches!(from, Peer::Private { .. });
                let (id, ids): (X, &[X]) = if t.is_db && private {
                    (X::S5DbDeniesFunction, &[X::S5DbDeniesFunction, X::S2NoInbound])
                } else {
                    (X::S2NoInbound, &[X::S2NoInbound])
                };
                let msg = Message::new(id)
                    .arg("sg", self.r.name(component))
                    .arg("sgs", self.names(&t.sgs))
                    .arg("target", self.r.name(t.id))
                    .arg("port", t.port)
                    .arg("destination", from_label);
                Err(tb.block(component, K::SecurityGroupIn, msg, D::DeniedBySg, ids))
            }
        }
    }

    /// A peering connection that joins both VPCs, and the route back on the target's side.
    fn peering(&self, tb: &mut TraceBuilder, eni: &Eni, ts: &ResolvedSubnet<'a>, pcx: &'a str) -> Step {
        let r = self.r;
        let here = eni.vpc.vpc.id.as_str();
        let there = ts.vpc.unwrap_or_default();
        let joins = r.peering(pcx).is_some_and(|p| {
            let (a, b) = (p.requester_vpc.as_str(), p.accepter_vpc.as_str());
            (a == here && b == there) || (a == there && b == here)
        });
        let msg = |id: X| Message::new(id).arg("peering", r.name(pcx)).arg("vpc", r.name(here)).arg("other_vpc", r.name(there));
        if !joins {
            return Err(tb.block(pcx, K::PeeringConnection, msg(X::Db3OtherVpc), D::GatewayUnusable, &[X::Db3OtherVpc, X::FPeeringNotTransitive]));
        }
        tb.pass(pcx, K::PeeringConnection, msg(X::Db3Peering));
        // The reply needs a route back over the same connection.
        let back_table = r.table_of(ts);
        let Some(back_net) = eni.subnet.ipv4.map(IpNet::V4) else {
            return Err(self.insufficient(tb, eni.id(), K::Eni, X::VCidrMalformed, "cidr", eni.subnet.subnet.cidr.as_str()));
        };
        let label = back_net.to_string();
        let ts_arg = ("subnet", r.name(ts.subnet.id.as_str()));
        let back = self.route_or_stop(tb, ts_arg, back_table, back_table.lookup(back_net), &label, ts.table_association, &[X::Db3OtherVpc, X::R3NoRoute])?;
        if back.target != Target::VpcPeering(pcx) {
            let msg = self.route_msg(X::Db3OtherVpc, back_table, back, &label).arg("peering", r.name(pcx)).arg("other_vpc", r.name(here));
            return Err(tb.block(self.table_component(back_table), K::RouteTable, msg, D::NoRoute, &[X::Db3OtherVpc, X::R3NoRoute]));
        }
        let msg = self.route_msg(X::Db3Peering, back_table, back, &label).arg("peering", r.name(pcx)).arg("vpc", r.name(there)).arg("other_vpc", r.name(here));
        tb.pass(self.table_component(back_table), K::RouteTable, msg);
        Ok(())
    }

    /// A VPC function reaching a public target in another VPC: out through its own NAT path,
    /// in through the target's internet gateway.
    fn to_public_target<'x>(&self, tb: &mut TraceBuilder<'x, 'a>, eni: &Eni<'x, 'a>, t: &TargetInfo<'a>) -> Step<Vec<X>>
    where
        'r: 'x, {
        let table = self.r.table_of(eni.subnet);
        let any = Family::V4.any();
        let mut ids = self.public_egress(tb, eni, t.port, Peer::Public(Family::V4), "0.0.0.0/0", table.lookup(any), Purpose::PublicTarget)?;
        let inbound = self.ingress(tb, t)?;
        ids.splice(0..0, inbound);
        let msg = self.summary(ids[0], tb).arg("target", self.r.name(t.id)).arg("port", t.port);
        self.destination_hop(tb, t.id, msg);
        self.finish_round_trip(tb, eni, ids)
    }

    // ---------------------------------------------------------------- inbound

    /// From the internet to a target's public address: public address, internet gateway,
    /// a route back to it in every subnet the target may use (DB2, EC1, G1), the NACL and
    /// security groups open to the whole internet. Registers the reply checks; the caller
    /// adds the destination hop. Returns the explanation of success.
    fn ingress<'x>(&self, tb: &mut TraceBuilder<'x, 'a>, t: &TargetInfo<'a>) -> Step<Vec<X>>
    where
        'r: 'x,
    {
        let r = self.r;
        let target_name = r.name(t.id);
        if !t.public {
            let msg = Message::new(X::G1NoPublicIp).arg("target", target_name).arg("port", t.port);
            return Err(tb.block(t.id, K::Destination, msg, D::NoPublicIp, &[X::G1NoPublicIp]));
        }
        let Some(ts) = t.subnet.and_then(|s| r.subnet(s)) else {
            let (field, value) = t.missing.clone().unwrap_or(("subnet", String::new()));
            return Err(self.insufficient(tb, t.id, K::Destination, X::VDanglingReference, field, &value));
        };
        let any = Family::V4.any();
        let (public_id, private_id) = if t.is_db { (X::Db2PubliclyAccessible, X::Db2NotPublicSubnets) } else { (X::Ec1PublicInstance, X::Ec1PrivateSubnet) };
        // Every subnet the target may use must route replies to an internet gateway.
        let mut igw = None;
        for &sid in std::iter::once(&ts.subnet.id.as_str()).chain(t.subnets.iter().filter(|&&s| s != ts.subnet.id.as_str())) {
            let Some(s) = r.subnet(sid) else { continue };
            let table = r.table_of(s);
            let subnet_arg = ("subnet", r.name(sid));
            let route = table.lookup(any);
            match route {
                Some(route) if route.state == RouteState::Active && matches!(route.target, Target::InternetGateway(_)) => {
                    if sid == ts.subnet.id.as_str() {
                        igw = Some((route.target.id().unwrap_or_default(), table, route));
                    }
                }
                Some(route) if route.state == RouteState::Blackhole => {
                    let _ = self.route_or_stop(tb, subnet_arg, table, Some(route), "0.0.0.0/0", s.table_association, &[])?;
                }
                _ => {
                    let mut msg = Message::new(private_id).arg("target", target_name).arg("route_table", self.table_name(table)).arg("subnet", subnet_arg.1);
                    if let Some(route) = route {
                        msg = msg.arg("route", self.route_text(route));
                    }
                    return Err(tb.block(self.table_component(table), K::RouteTable, msg, D::NoRoute, &[private_id, X::G1InternetGateway]));
                }
            }
        }
        let (igw, table, route) = igw.expect("the address subnet was checked first");
        self.igw_hop(tb, igw);
        self.route_pass(tb, X::R3LongestPrefix, ("subnet", r.name(ts.subnet.id.as_str())), table, route, "0.0.0.0/0");
        let internet = Peer::Public(Family::V4);
        self.nacl(tb, ts, false, t.port, internet, "0.0.0.0/0", &[])?;
        self.target_sg_in(tb, t, internet, "0.0.0.0/0")?;
        Ok(vec![public_id, X::G1InternetGateway])
    }

    /// The internet reaching a target (the learner's "is my database exposed?").
    pub(crate) fn inbound(&self, t: &TargetInfo<'a>) -> Trace {
        let mut tb = TraceBuilder::new();
        let result = (|| {
            let ids = self.ingress(&mut tb, t)?;
            let msg = self.summary(ids[0], &tb).arg("target", self.r.name(t.id)).arg("port", t.port);
            self.destination_hop(&mut tb, t.id, msg);
            self.replies(&mut tb)?;
            Ok(ids)
        })();
        let az = t.subnet.and_then(|s| self.r.az(s));
        tb.finish(t.subnet, az, result)
    }

    /// A function outside any VPC reaching a target: only over the internet, and only if
    /// the target is public (L3, DB2).
    pub(crate) fn target_from_outside(&self, function: &str, t: &TargetInfo<'a>) -> Trace {
        let mut tb = TraceBuilder::new();
        let result = (|| {
            let r = self.r;
            if !t.public {
                let msg = Message::new(X::L3PrivateUnreachable).arg("function", r.name(function)).arg("target", r.name(t.id)).arg("port", t.port);
                return Err(tb.block(function, K::Function, msg, D::NotInVpc, &[X::L3PrivateUnreachable]));
            }
            let msg = Message::new(X::L3PublicTarget).arg("function", r.name(function)).arg("target", r.name(t.id)).arg("port", t.port);
            tb.pass(function, K::Function, msg);
            tb.note(X::L3PublicTarget);
            let mut ids = self.ingress(&mut tb, t)?;
            ids.insert(0, X::L3PublicTarget);
            let msg = self.summary(X::L3PublicTarget, &tb).arg("function", r.name(function)).arg("target", r.name(t.id)).arg("port", t.port);
            self.destination_hop(&mut tb, t.id, msg);
            self.replies(&mut tb)?;
            Ok(ids)
        })();
        tb.finish(None, None, result)
    }
}

/// The `target` argument for the internet.
pub(crate) const INTERNET: &str = "the internet";
/// The `target` argument for the IPv6 internet.
pub(crate) const INTERNET_V6: &str = "the IPv6 internet";

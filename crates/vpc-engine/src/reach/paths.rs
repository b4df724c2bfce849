//! Procedures A–D of aws-rules.md §13 for one Hyperplane ENI (one subnet and security-group
//! set), plus the inbound question "can the internet reach this target?".
//!
//! Every check pushes a hop; the first failing one stops the flow. Requests are followed
//! hop by hop; then, because NACLs are stateless, the reply is checked on every subnet
//! boundary the request crossed (ephemeral ports 1024–65535, N4), and the trace ends with
//! the function's security groups letting the reply in without a rule (S1).

use super::filters::{nacl_check, sg_allows, NaclVerdict, Peer, SgMatch, EPHEMERAL};
use super::msg::{msg, Interned, M};
use super::trace::{ReturnCheck, Step, Stop, TraceBuilder};
use super::verdict::{Disposition as D, HopKind as K, Trace};
use super::Engine;
use crate::explain::ExplanationId as X;
use crate::model::{AwsService, Connectivity, Endpoint, EndpointKind, EndpointPolicy, Protocol, StoreKind};
use crate::resolve::{
    Family, Name, ResolvedRoute, ResolvedSubnet, ResolvedTable, ResolvedVpc, RouteDest, RouteOrigin, RouteState,
    SgPeerR, TableAssociation, Target,
};
use ipnet::IpNet;
use std::sync::Arc;

/// The HTTPS port AWS service APIs and "the internet" are evaluated on.
pub const HTTPS: u16 = 443;

/// The `target` argument for the internet.
pub(crate) const INTERNET: &str = "the internet";
/// The `target` argument for the IPv6 internet.
pub(crate) const INTERNET_V6: &str = "the IPv6 internet";

/// One Hyperplane ENI: a function subnet with the function's security groups.
pub(crate) struct Eni<'x, 'a> {
    pub subnet: &'x ResolvedSubnet<'a>,
    pub vpc: &'x ResolvedVpc<'a>,
    /// Sorted, existing security groups.
    pub sgs: &'x [&'a str],
    /// The display names of the functions that use this ENI (the first few, then how many
    /// more): traces are shared between functions with the same ENI, so their hops name
    /// every function using it, never one alone.
    pub function: &'x Arc<str>,
    /// The function sends IPv6 (`Ipv6AllowedForDualStack`, every subnet dual-stack).
    pub ipv6: bool,
}

impl<'x, 'a> Eni<'x, 'a> {
    fn id(&self) -> &'a str {
        self.subnet.subnet.id.as_str()
    }
    fn az(&self) -> &'x str {
        self.subnet.subnet.az.as_str()
    }
    /// The ENI as a peer of someone else's filters: a private address in its subnet.
    fn peer(&self) -> Option<Peer<'x>> {
        self.subnet.ipv4.map(|n| Peer::Private {
            net: IpNet::V4(n),
            sgs: self.sgs,
        })
    }
}

/// What kind of target a destination is: it picks the explanations (RDS words a private
/// address as the database's own setting, EC2 as a missing public IP) and, for zonal data
/// stores, which address a client uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TargetKind {
    Database,
    Instance,
    Store(StoreKind),
}

/// A database, data store or instance as a destination, on one port.
#[derive(Clone)]
pub(crate) struct TargetInfo<'a> {
    pub id: &'a str,
    pub kind: TargetKind,
    pub port: u16,
    /// The range of ports a security group opens that `port` stands for (its first port).
    pub range: Option<(u16, u16)>,
    /// The subnet of its address: the instance's subnet, the first existing subnet of a DB
    /// subnet group or data store. A zonal store (EFS) is reached at the address in the
    /// client's own AZ instead ([`TargetInfo::address_for`]).
    pub subnet: Option<&'a str>,
    /// Every existing subnet it may live in (the whole DB subnet group, every mount target).
    pub subnets: Vec<&'a str>,
    /// The VPC of its address subnet.
    pub vpc: Option<&'a str>,
    /// Sorted, existing security groups.
    pub sgs: Vec<&'a str>,
    /// A public address: a publicly accessible DB or store, an instance with a public IP or EIP.
    pub public: bool,
    /// What is missing to evaluate it: (field, value).
    pub missing: Option<(&'static str, String)>,
    /// An RDS Proxy's database: the proxy's own connection to it is part of the path.
    pub fronts: Option<&'a str>,
}

impl TargetInfo<'_> {
    pub fn is_db(&self) -> bool {
        self.kind == TargetKind::Database
    }
    pub fn is_store(&self) -> bool {
        matches!(self.kind, TargetKind::Store(_))
    }
    /// Clients connect to the address in their own Availability Zone.
    pub fn zonal(&self) -> bool {
        matches!(self.kind, TargetKind::Store(k) if k.info().zonal)
    }
}

/// What a flow is for, to pick the explanation of a missing route.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Purpose {
    Internet,
    Service(AwsService),
    /// A public target in another VPC, reached over the internet.
    PublicTarget,
}

impl Purpose {
    fn no_route(self) -> &'static [X] {
        match self {
            Purpose::Internet => &[X::L5NoInternetRoute, X::R3NoRoute],
            Purpose::Service(_) => &[X::L9ServiceNeedsPath, X::L5NoInternetRoute, X::R3NoRoute],
            Purpose::PublicTarget => &[X::Db3OtherVpc, X::L5NoInternetRoute, X::R3NoRoute],
        }
    }
}

impl<'r, 'a> Engine<'r, 'a> {
    // ---------------------------------------------------------------- naming helpers

    fn n<'s>(&'s self, id: &'s str) -> Name<'s> {
        self.r.name_arg(id)
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
    fn table_name(&self, t: &ResolvedTable<'a>) -> Name<'_> {
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

    fn target_text<'s>(&'s self, t: Target<'s>) -> &'s str {
        match t.id() {
            Some(id) => self.n(id).as_str(),
            None => "local",
        }
    }

    pub(crate) fn route_text(&self, route: &ResolvedRoute) -> String {
        format!(
            "{} → {}",
            self.dest_text(route.destination),
            self.target_text(route.target)
        )
    }

    fn nacl_component(&self, s: &ResolvedSubnet<'a>) -> &'a str {
        s.nacl.id().unwrap_or(s.subnet.id.as_str())
    }

    /// The NACL's display name; the implicit default NACL is named after its VPC.
    fn nacl_name(&self, s: &ResolvedSubnet<'a>) -> String {
        match s.nacl.id() {
            Some(id) => self.n(id).as_str().to_owned(),
            None => format!("{}-default-nacl", s.vpc.map(|v| self.n(v)).unwrap_or_default()),
        }
    }

    /// [`Self::nacl_name`], formatted once per subnet and shared.
    fn nacl_arg(&self, s: &ResolvedSubnet<'a>) -> Arc<str> {
        if let Some(id) = s.nacl.id() {
            return self.n(id).to_arc();
        }
        let key = s as *const ResolvedSubnet as usize;
        let mut memo = self.memo.nacl_names.borrow_mut();
        Arc::clone(memo.entry(key).or_insert_with(|| Arc::from(self.nacl_name(s))))
    }

    /// A text argument, shared with every other argument of the same text in this analysis.
    fn t<'s>(&'s self, text: &'s str) -> Interned<'s> {
        Interned {
            texts: &self.memo.texts,
            text,
        }
    }

    /// [`Self::route_text`], formatted once per route and shared.
    pub(crate) fn route_arg(&self, route: &ResolvedRoute) -> Arc<str> {
        let key = route as *const ResolvedRoute as usize;
        let mut memo = self.memo.routes.borrow_mut();
        Arc::clone(memo.entry(key).or_insert_with(|| Arc::from(self.route_text(route))))
    }

    fn vpc_name(&self, s: &ResolvedSubnet<'a>) -> Name<'_> {
        s.vpc.map(|v| self.n(v)).unwrap_or_default()
    }

    // ---------------------------------------------------------------- common hops

    fn eni_hop(&self, tb: &mut TraceBuilder, eni: &Eni) {
        let m = msg(X::L4HyperplaneEni)
            .a("function", eni.function)
            .a("subnet", self.n(eni.id()))
            .a("az", eni.az())
            .lazy("sgs", || self.names(eni.sgs))
            .a("vpc", self.n(eni.vpc.vpc.id.as_str()));
        tb.pass(eni.id(), K::Eni, m);
    }

    /// The function's security groups, outbound (S1, S2; E3 on the gateway-endpoint path).
    #[allow(clippy::too_many_arguments)]
    fn sg_out(
        &self,
        tb: &mut TraceBuilder,
        eni: &Eni<'_, 'a>,
        port: u16,
        peer: Peer,
        label: &str,
        target: &str,
        also: &[X],
    ) -> Step<SgMatch<'a>> {
        let first = eni.sgs.first().copied().unwrap_or(eni.id());
        match sg_allows(self.r, eni.sgs, true, port, peer) {
            Some(m) => {
                let because = self
                    .sg_match_msg(m, None, eni.function)
                    .a("port", port)
                    .a("destination", self.t(label));
                tb.pass(m.sg(), K::SecurityGroupOut, because);
                Ok(m)
            }
            None => {
                let because = msg(X::S2NoOutbound)
                    .a("function", eni.function)
                    .a("sg", self.n(first))
                    .lazy("sgs", || self.names(eni.sgs))
                    .a("target", self.t(target))
                    .a("destination", self.t(label))
                    .a("port", port)
                    .a("protocol", "TCP");
                let mut ids = vec![X::S2NoOutbound];
                ids.extend_from_slice(also);
                Err(tb.block(first, K::SecurityGroupOut, because, D::DeniedBySg, &ids))
            }
        }
    }

    /// The message for an allowing security-group rule.
    fn sg_match_msg(&self, m: SgMatch, target: Option<&TargetInfo>, function: &str) -> M {
        let because = match m {
            SgMatch::SelfReference { sg } => msg(X::S4SelfReference).a("sg", self.n(sg)).a("function", function),
            SgMatch::GroupReference { sg, other } => {
                let id = match target.map(|t| t.kind) {
                    Some(TargetKind::Database) => X::S5DbAllowsFunction,
                    Some(TargetKind::Store(_)) => X::S5StoreAllowsFunction,
                    Some(TargetKind::Instance) | None => X::S3GroupReference,
                };
                msg(id)
                    .a("sg", self.n(sg))
                    .a("other", self.n(other))
                    .a("function", function)
            }
            SgMatch::PrefixList { sg } | SgMatch::Cidr { sg } => {
                msg(X::S1Allowed).a("sg", self.n(sg)).a("protocol", "TCP")
            }
        };
        match target {
            Some(t) => because.a("target", self.n(t.id)),
            None => because,
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
        'r: 'x,
    {
        self.nacl_step(tb, subnet, outbound, (port, port), peer, label, false, also)?;
        tb.returns.push(ReturnCheck {
            subnet,
            outbound: !outbound,
            peer,
            label: label.to_owned(),
        });
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
        let with = |id: X| {
            let m = msg(id)
                .lazy_shared("nacl", || self.nacl_arg(subnet))
                .a("subnet", self.n(subnet.subnet.id.as_str()));
            let m = if ports.0 == ports.1 {
                m.a("port", ports.0)
            } else {
                m.lazy("port", || format!("{}-{}", ports.0, ports.1))
            };
            m.a("destination", self.t(label))
        };
        let denied = if outbound { X::N1DeniedOut } else { X::N1DeniedIn };
        match nacl_check(self.r, subnet.nacl, outbound, ports, peer) {
            NaclVerdict::DefaultAllowsAll => {
                tb.pass(component, kind, with(X::N2DefaultNacl).a("vpc", self.vpc_name(subnet)));
                Ok(())
            }
            NaclVerdict::Allowed { rule } => {
                tb.pass(component, kind, with(X::N1Allowed).a("rule", rule));
                Ok(())
            }
            NaclVerdict::Denied { rule } => {
                let rule = rule.map_or_else(|| "*".to_owned(), |n| n.to_string());
                let (because, mut ids) = if reply {
                    (
                        with(X::N4EphemeralReturn).a("rule", rule),
                        vec![X::N4EphemeralReturn, denied],
                    )
                } else {
                    (with(denied).a("rule", rule), vec![denied])
                };
                ids.extend_from_slice(also);
                Err(tb.block(component, kind, because, D::DeniedByNacl, &ids))
            }
            NaclVerdict::NoRules => {
                let mut ids = vec![X::N3CustomDeniesAll, denied];
                if reply {
                    ids.insert(1, X::N4EphemeralReturn);
                }
                ids.extend_from_slice(also);
                Err(tb.block(
                    component,
                    kind,
                    with(X::N3CustomDeniesAll).a("rule", "*"),
                    D::DeniedByNacl,
                    &ids,
                ))
            }
        }
    }

    /// A hop saying the NACL does not apply: source and destination share a subnet (N1).
    fn same_subnet_hop(&self, tb: &mut TraceBuilder, eni: &Eni<'_, 'a>, target: &str) {
        let subnet = eni.subnet;
        let because = msg(X::N1SameSubnet)
            .a("function", eni.function)
            .a("target", self.t(target))
            .a("subnet", self.n(subnet.subnet.id.as_str()))
            .lazy_shared("nacl", || self.nacl_arg(subnet));
        tb.pass(self.nacl_component(subnet), K::NaclOut, because);
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
        tb.pass(
            sg,
            K::SecurityGroupIn,
            msg(X::S1Stateful)
                .a("sg", self.n(sg))
                .lazy("sgs", || self.names(eni.sgs)),
        );
    }

    /// The reply leg, then the stateful hop; `ids` are the delivered explanation.
    fn finish_round_trip(&self, tb: &mut TraceBuilder, eni: &Eni, mut ids: Vec<X>) -> Step<Vec<X>> {
        self.replies(tb)?;
        self.stateful_hop(tb, eni);
        ids.push(X::S1Stateful);
        Ok(ids)
    }

    fn route_msg(&self, id: X, table: &ResolvedTable<'a>, route: &ResolvedRoute, label: &str) -> M {
        // "Several routes match" only when several do.
        let id = match id {
            X::R3LongestPrefix if !table.others_match(route) => X::R3RouteMatches,
            id => id,
        };
        msg(id)
            .a("route_table", self.table_name(table))
            .lazy_shared("route", || self.route_arg(route))
            .a("destination", self.t(label))
            .a("vpc", self.n(table.vpc))
    }

    /// Looks a route up and stops on no route or a blackhole; an active route is returned
    /// without a hop, for the caller to judge its target.
    #[allow(clippy::too_many_arguments)]
    fn route_or_stop<'t>(
        &self,
        tb: &mut TraceBuilder,
        subnet: &ResolvedSubnet<'a>,
        function: &str,
        table: &'t ResolvedTable<'a>,
        route: Option<&'t ResolvedRoute<'a>>,
        label: &str,
        target: &str,
        none_ids: &[X],
    ) -> Step<&'t ResolvedRoute<'a>> {
        match route {
            None => {
                let first = none_ids.first().copied().unwrap_or(X::R3NoRoute);
                let because = msg(first)
                    .a("function", function)
                    .a("target", self.t(target))
                    .a("service", self.t(target))
                    .a("route_table", self.table_name(table))
                    .a("destination", self.t(label))
                    .a("subnet", self.n(subnet.subnet.id.as_str()))
                    .a("vpc", self.n(table.vpc));
                let mut ids = none_ids.to_vec();
                if !ids.contains(&X::R3NoRoute) {
                    ids.push(X::R3NoRoute);
                }
                if subnet.table_association != TableAssociation::Explicit {
                    ids.push(X::R2MainTable);
                }
                Err(self.route_block(tb, table, because, D::NoRoute, &ids))
            }
            Some(route) if route.state == RouteState::Blackhole => {
                let because = self
                    .route_msg(X::R5Blackhole, table, route, label)
                    .a("subnet", self.n(subnet.subnet.id.as_str()));
                let ids = self.blackhole_ids(table, route);
                Err(self.route_block(tb, table, because, D::BlackholeRoute, &ids))
            }
            Some(route) => {
                if subnet.table_association != TableAssociation::Explicit {
                    tb.note(X::R2MainTable);
                }
                Ok(route)
            }
        }
    }

    /// Why a route is a blackhole: R5, and G1 when its internet gateway exists but is not
    /// attached to the table's VPC.
    fn blackhole_ids(&self, table: &ResolvedTable<'a>, route: &ResolvedRoute) -> Vec<X> {
        let mut ids = vec![X::R5Blackhole];
        if let Target::InternetGateway(igw) = route.target {
            let attached_here = self
                .r
                .internet_gateway(igw)
                .map(|g| g.vpc.as_ref().is_some_and(|v| v.as_str() == table.vpc));
            if attached_here == Some(false) {
                ids.push(X::G1NotAttached);
            }
        }
        ids
    }

    fn route_pass(&self, tb: &mut TraceBuilder, because: M, table: &ResolvedTable<'a>) {
        tb.pass(self.table_component(table), K::RouteTable, because);
    }

    /// A route-table hop that stops the flow.
    fn route_block(
        &self,
        tb: &mut TraceBuilder,
        table: &ResolvedTable<'a>,
        because: M,
        disposition: D,
        ids: &[X],
    ) -> Stop {
        tb.block(self.table_component(table), K::RouteTable, because, disposition, ids)
    }

    /// A route-table hop that forwards the flow along its longest-prefix route (R3).
    fn longest_prefix_pass(
        &self,
        tb: &mut TraceBuilder,
        table: &ResolvedTable<'a>,
        route: &ResolvedRoute,
        label: &str,
    ) {
        self.route_pass(tb, self.route_msg(X::R3LongestPrefix, table, route, label), table);
    }

    /// A route to a network interface (an appliance): the route table forwards the flow
    /// there, and the playground does not follow it further.
    fn appliance_route(
        &self,
        tb: &mut TraceBuilder,
        table: &ResolvedTable<'a>,
        route: &ResolvedRoute,
        label: &str,
        via: &str,
    ) -> Stop {
        self.longest_prefix_pass(tb, table, route, label);
        let because = self
            .route_msg(X::FApplianceRoute, table, route, label)
            .a("component", self.n(via));
        tb.block(
            via,
            K::Destination,
            because,
            D::InsufficientInfo,
            &[X::FApplianceRoute, X::R3LongestPrefix],
        )
    }

    /// Stops the flow for lack of data the validator reports (a malformed CIDR, a missing
    /// component).
    fn insufficient(&self, tb: &mut TraceBuilder, component: &str, kind: K, id: X, field: &str, value: &str) -> Stop {
        let because = msg(id)
            .a("component", self.n(component))
            .a("field", field)
            .a("expected", super::expected_kind(field))
            .a("value", value);
        tb.stop(component, kind, because, D::InsufficientInfo)
    }

    /// The ENI's own address, needed when someone else's filter must recognise it.
    fn eni_peer<'x>(&self, tb: &mut TraceBuilder, eni: &Eni<'x, 'a>) -> Step<Peer<'x>> {
        eni.peer().ok_or_else(|| {
            self.insufficient(
                tb,
                eni.id(),
                K::Eni,
                X::VCidrMalformed,
                "cidr",
                eni.subnet.subnet.cidr.as_str(),
            )
        })
    }

    // ---------------------------------------------------------------- procedure A

    /// From an ENI to a public IPv4 address over `route` (the internet's `0.0.0.0/0`, or a
    /// service's prefix list when it is not a gateway endpoint): SG out, NACL out, route
    /// table, NAT gateway, the NAT subnet's NACLs and route table, the internet gateway.
    /// Returns the explanation of success; the caller adds the destination hop and the reply.
    #[allow(clippy::too_many_arguments)]
    fn public_egress<'x>(
        &self,
        tb: &mut TraceBuilder<'x, 'a>,
        eni: &Eni<'x, 'a>,
        port: u16,
        peer: Peer<'x>,
        route: Option<&ResolvedRoute<'a>>,
        purpose: Purpose,
        target: &str,
    ) -> Step<Vec<X>>
    where
        'r: 'x,
    {
        let label = "0.0.0.0/0";
        self.sg_out(tb, eni, port, peer, label, target, &[])?;
        self.nacl(tb, eni.subnet, true, port, peer, label, &[])?;
        let table = self.r.table_of(eni.subnet);
        let route = self.route_or_stop(
            tb,
            eni.subnet,
            eni.function,
            table,
            route,
            label,
            target,
            purpose.no_route(),
        )?;
        let subnet_name = self.n(eni.id());
        match route.target {
            Target::InternetGateway(igw) => {
                // L6: the route works for instances with a public IP; Lambda ENIs have none.
                let because = self
                    .route_msg(X::L6PublicSubnet, table, route, label)
                    .a("igw", self.n(igw))
                    .a("subnet", subnet_name)
                    .a("function", eni.function);
                let mut ids = vec![X::L6PublicSubnet, X::G1NoPublicIp];
                if let Purpose::Service(_) = purpose {
                    ids.push(X::L9ServiceNeedsPath);
                }
                Err(self.route_block(tb, table, because, D::NoPublicIp, &ids))
            }
            Target::NatGateway(nat) => {
                self.longest_prefix_pass(tb, table, route, label);
                self.via_nat(tb, eni, nat, port, peer, label)
            }
            Target::EgressOnlyGateway(eigw) => {
                let because = self
                    .route_msg(X::G2EgressOnly, table, route, label)
                    .a("eigw", self.n(eigw))
                    .a("subnet", subnet_name);
                Err(self.route_block(
                    tb,
                    table,
                    because,
                    D::GatewayUnusable,
                    &[X::G2EgressOnly, X::VRouteFamily],
                ))
            }
            target => Err(self.unfollowed_target(tb, table, route, label, target)),
        }
    }

    /// A route whose target cannot lead where the flow is going: a peering connection (not
    /// transitive), an appliance, a gateway endpoint or `local` for a public address.
    fn unfollowed_target(
        &self,
        tb: &mut TraceBuilder,
        table: &ResolvedTable<'a>,
        route: &ResolvedRoute,
        label: &str,
        target: Target<'a>,
    ) -> Stop {
        match target {
            Target::VpcPeering(pcx) => {
                self.longest_prefix_pass(tb, table, route, label);
                let because = msg(X::FPeeringNotTransitive)
                    .a("peering", self.n(pcx))
                    .a("destination", self.t(label));
                tb.stop(pcx, K::PeeringConnection, because, D::GatewayUnusable)
            }
            Target::NetworkInterface(eni) => self.appliance_route(tb, table, route, label, eni),
            Target::Local if matches!(route.origin, RouteOrigin::Local) => {
                // The VPC's own block holds the destination: a VPC of 0.0.0.0/0.
                let value = match route.destination {
                    RouteDest::Cidr(net) => net.to_string(),
                    RouteDest::PrefixList(_) => label.to_owned(),
                };
                let because = self
                    .route_msg(X::VVpcCidrEverything, table, route, label)
                    .a("value", value);
                self.route_block(
                    tb,
                    table,
                    because,
                    D::GatewayUnusable,
                    &[X::VVpcCidrEverything, X::R1LocalRoute],
                )
            }
            _ => {
                // `local`, a gateway endpoint for a CIDR, a NAT or IGW where they make no sense:
                // validation names the route; traffic has nowhere to go.
                let because = self.route_msg(X::VRouteFamily, table, route, label);
                self.route_block(
                    tb,
                    table,
                    because,
                    D::GatewayUnusable,
                    &[X::VRouteFamily, X::R3LongestPrefix],
                )
            }
        }
    }

    /// Through a NAT gateway to the internet gateway (G3, G4, N4 on the NAT subnet).
    fn via_nat<'x>(
        &self,
        tb: &mut TraceBuilder<'x, 'a>,
        eni: &Eni<'x, 'a>,
        nat_id: &'a str,
        port: u16,
        peer: Peer<'x>,
        label: &str,
    ) -> Step<Vec<X>>
    where
        'r: 'x,
    {
        let r = self.r;
        let nat = r.nat(nat_id).expect("an active NAT route has its NAT gateway");
        let nat_subnet = r
            .subnet(nat.subnet.as_str())
            .expect("an active NAT route has the NAT's subnet");
        let nat_name = self.n(nat_id);
        let nat_subnet_name = self.n(nat_subnet.subnet.id.as_str());
        if nat.connectivity == Connectivity::Private {
            let because = msg(X::G4PrivateNat).a("nat", nat_name).a("nat_subnet", nat_subnet_name);
            return Err(tb.stop(nat_id, K::NatGateway, because, D::GatewayUnusable));
        }
        if !nat.elastic_ip {
            let because = msg(X::G3NatWithoutEip)
                .a("nat", nat_name)
                .a("nat_subnet", nat_subnet_name);
            return Err(tb.stop(nat_id, K::NatGateway, because, D::GatewayUnusable));
        }
        let table = r.table_of(nat_subnet);
        let route = table.lookup_internet(Family::V4);
        let igw = route.and_then(|r| match (r.target, r.state) {
            (Target::InternetGateway(igw), RouteState::Active) => Some(igw),
            _ => None,
        });
        // The NAT translates the address either way; it hands the traffic to an internet
        // gateway only if its subnet routes there (G3). Without such a route the hop says
        // where the NAT sits, and the route table below stops the flow.
        let because = match igw {
            Some(igw) => msg(X::G3NatGateway)
                .a("nat", nat_name)
                .a("nat_subnet", nat_subnet_name)
                .a("az", nat_subnet.subnet.az.as_str())
                .a("igw", self.n(igw)),
            None => msg(X::G3NatInPrivateSubnet)
                .a("nat", nat_name)
                .a("nat_subnet", nat_subnet_name),
        };
        tb.pass(nat_id, K::NatGateway, because);

        if nat_subnet.subnet.id != eni.subnet.subnet.id {
            // The request enters the NAT's subnet from the function's subnet.
            let from = self.eni_peer(tb, eni)?;
            self.nacl(tb, nat_subnet, false, port, from, eni.subnet.subnet.cidr.as_str(), &[])?;
        }
        let private =
            |tb: &mut TraceBuilder, because: M, d: D, ids: &[X]| Err(self.route_block(tb, table, because, d, ids));
        let nat_msg = |id: X| {
            msg(id)
                .a("nat", nat_name)
                .a("nat_subnet", nat_subnet_name)
                .a("route_table", self.table_name(table))
                .a("destination", "0.0.0.0/0")
        };
        let route = match route {
            None => {
                return private(
                    tb,
                    nat_msg(X::G3NatInPrivateSubnet),
                    D::GatewayUnusable,
                    &[X::G3NatInPrivateSubnet, X::R3NoRoute],
                )
            }
            Some(route) if route.state == RouteState::Blackhole => {
                let because = self
                    .route_msg(X::R5Blackhole, table, route, "0.0.0.0/0")
                    .a("nat", nat_name)
                    .a("nat_subnet", nat_subnet_name);
                let mut ids = self.blackhole_ids(table, route);
                ids.push(X::G3NatInPrivateSubnet);
                return private(tb, because, D::BlackholeRoute, &ids);
            }
            Some(route) => route,
        };
        let Some(igw) = igw else {
            let because = nat_msg(X::G3NatInPrivateSubnet).lazy_shared("route", || self.route_arg(route));
            return private(tb, because, D::GatewayUnusable, &[X::G3NatInPrivateSubnet]);
        };
        let because = self
            .route_msg(X::R3LongestPrefix, table, route, "0.0.0.0/0")
            .a("nat", nat_name)
            .a("nat_subnet", nat_subnet_name);
        self.route_pass(tb, because, table);
        // Leaving the NAT's subnet for the internet, from the NAT's address.
        self.nacl(tb, nat_subnet, true, port, peer, label, &[])?;
        self.igw_hop(tb, igw, table, label);
        Ok(vec![X::L7NatPath, X::G3NatGateway])
    }

    fn igw_hop(&self, tb: &mut TraceBuilder, igw: &str, table: &ResolvedTable<'a>, label: &str) {
        let because = msg(X::G1InternetGateway)
            .a("igw", self.n(igw))
            .a("vpc", self.n(table.vpc))
            .a("route_table", self.table_name(table))
            .a("destination", self.t(label));
        tb.pass(igw, K::InternetGateway, because);
    }

    /// The destination hop's message: the summary id, with the path's gateways named.
    fn summary(&self, id: X, tb: &TraceBuilder, eni: Option<&Eni>) -> M {
        let mut m = msg(id);
        if let Some(eni) = eni {
            m = m
                .a("function", eni.function)
                .a("subnet", self.n(eni.id()))
                .a("vpc", self.n(eni.vpc.vpc.id.as_str()));
        }
        for hop in &tb.hops {
            let name = match hop.kind {
                K::NatGateway => "nat",
                K::InternetGateway => "igw",
                K::EgressOnlyGateway => "eigw",
                K::GatewayEndpoint | K::InterfaceEndpoint => "endpoint",
                K::PeeringConnection => "peering",
                _ => continue,
            };
            m = m.a(name, self.n(hop.component.as_str()));
            if hop.kind == K::NatGateway {
                if let Some(s) = self.r.nat(hop.component.as_str()).map(|n| n.subnet.as_str()) {
                    m = m.a("nat_subnet", self.n(s));
                }
            }
        }
        m
    }

    /// Procedure A: the IPv4 internet from one ENI.
    pub(crate) fn internet_v4(&self, eni: &Eni<'_, 'a>) -> Trace {
        let mut tb = TraceBuilder::new();
        let result = (|| {
            self.eni_hop(&mut tb, eni);
            let table = self.r.table_of(eni.subnet);
            let route = table.lookup_internet(Family::V4);
            let ids = self.public_egress(
                &mut tb,
                eni,
                HTTPS,
                Peer::Public(Family::V4),
                route,
                Purpose::Internet,
                INTERNET,
            )?;
            let because = self
                .summary(ids[0], &tb, Some(eni))
                .a("target", INTERNET)
                .a("port", HTTPS);
            tb.pass("internet", K::Destination, because);
            self.finish_round_trip(&mut tb, eni, ids)
        })();
        tb.finish(Some(eni.id()), Some(eni.az()), result)
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
            self.sg_out(&mut tb, eni, HTTPS, peer, label, INTERNET_V6, &[])?;
            self.nacl(&mut tb, eni.subnet, true, HTTPS, peer, label, &[])?;
            let table = self.r.table_of(eni.subnet);
            let route = table.lookup_internet(Family::V6);
            let route = self.route_or_stop(
                &mut tb,
                eni.subnet,
                eni.function,
                table,
                route,
                label,
                INTERNET_V6,
                &[X::L8NoIpv6Route],
            )?;
            let ids = match route.target {
                Target::EgressOnlyGateway(eigw) => {
                    self.longest_prefix_pass(&mut tb, table, route, label);
                    tb.pass(
                        eigw,
                        K::EgressOnlyGateway,
                        msg(X::G2EgressOnly).a("eigw", self.n(eigw)).a("vpc", self.n(table.vpc)),
                    );
                    vec![X::L8Ipv6Path, X::G2EgressOnly]
                }
                Target::InternetGateway(igw) => {
                    // IPv6 addresses are public: an internet gateway carries them both ways.
                    self.longest_prefix_pass(&mut tb, table, route, label);
                    self.igw_hop(&mut tb, igw, table, label);
                    vec![X::L8Ipv6Path, X::G1InternetGateway]
                }
                Target::NatGateway(_) => {
                    let because = self.route_msg(X::VRouteFamily, table, route, label);
                    return Err(self.route_block(
                        &mut tb,
                        table,
                        because,
                        D::GatewayUnusable,
                        &[X::VRouteFamily, X::L8NoIpv6Route],
                    ));
                }
                target => return Err(self.unfollowed_target(&mut tb, table, route, label, target)),
            };
            let because = self
                .summary(X::L8Ipv6Path, &tb, Some(eni))
                .a("target", INTERNET_V6)
                .a("port", HTTPS)
                .lazy_shared("route", || self.route_arg(route));
            tb.pass("internet-ipv6", K::Destination, because);
            self.finish_round_trip(&mut tb, eni, ids)
        })();
        tb.finish(Some(eni.id()), Some(eni.az()), result)
    }

    // ---------------------------------------------------------------- procedure C

    /// Procedure C: an AWS service API from one ENI: its gateway endpoint, else its
    /// interface endpoint (when private DNS makes the name point there), else the public
    /// endpoint over NAT.
    pub(crate) fn service(&self, eni: &Eni<'_, 'a>, service: AwsService) -> Trace {
        let mut tb = TraceBuilder::new();
        let title = service.info().title;
        let result = (|| {
            self.eni_hop(&mut tb, eni);
            self.dns_support(&mut tb, eni, title)?;
            let table = self.r.table_of(eni.subnet);
            let route = table.lookup_service(service);
            let prefix_route = route.filter(|r| matches!(r.destination, RouteDest::PrefixList(_)));
            if let Some(route) = prefix_route {
                if let Target::GatewayEndpoint(ep) = route.target {
                    return self.via_gateway_endpoint(&mut tb, eni, service, table, route, ep);
                }
            }
            if prefix_route.is_none() && service.info().gateway_endpoint {
                let unassociated = eni
                    .vpc
                    .endpoints
                    .iter()
                    .find(|e| e.service == service && matches!(e.kind, EndpointKind::Gateway { .. }));
                if let Some(ep) = unassociated {
                    let because = msg(X::E2NotAssociated)
                        .a("endpoint", self.n(ep.id.as_str()))
                        .a("service", self.t(title))
                        .a("route_table", self.table_name(table))
                        .a("subnet", self.n(eni.id()));
                    tb.pass(ep.id.as_str(), K::GatewayEndpoint, because);
                    tb.leading_note(X::E2NotAssociated);
                }
            }
            if let Some(ep) = self.interface_endpoint(eni.vpc, service) {
                let EndpointKind::Interface { private_dns, .. } = &ep.kind else {
                    unreachable!("interface_endpoint returns interface endpoints")
                };
                let vpc = eni.vpc.vpc;
                if *private_dns && vpc.enable_dns_support && vpc.enable_dns_hostnames {
                    // Private DNS answers with every interface of the endpoint (E5): the one
                    // in the function's AZ is followed, then each other one; the first the
                    // function cannot reach decides, as the calls that pick it fail.
                    let base = tb.fork();
                    let through_own = self.via_interface_endpoint(&mut tb, eni, service, ep, 0)?;
                    let blocked = self.other_interfaces(eni, ep).find(|&(_, open)| !open);
                    if let Some((nth, _)) = blocked {
                        let mut other = base;
                        if let Err(stop) = self.via_interface_endpoint(&mut other, eni, service, ep, nth) {
                            other.note(X::E5AnyInterface);
                            tb = other;
                            return Err(stop);
                        }
                    }
                    return Ok(through_own);
                }
                // The name resolves to the public endpoint: the endpoint is bypassed (E6).
                let id = if *private_dns {
                    X::E6DnsAttributes
                } else {
                    X::E6PrivateDnsOff
                };
                let because = msg(id)
                    .a("function", eni.function)
                    .a("endpoint", self.n(ep.id.as_str()))
                    .a("service", self.t(title))
                    .a("vpc", self.n(vpc.id.as_str()))
                    .a("field", "enable_dns_hostnames");
                tb.pass(ep.id.as_str(), K::Dns, because);
                tb.leading_note(id);
            }
            let ids = self.public_egress(
                &mut tb,
                eni,
                HTTPS,
                Peer::Service(service),
                route,
                Purpose::Service(service),
                title,
            )?;
            let because = self
                .summary(ids[0], &tb, Some(eni))
                .a("target", self.t(title))
                .a("service", self.t(title))
                .a("port", HTTPS);
            tb.pass(service.key(), K::Destination, because);
            self.finish_round_trip(&mut tb, eni, ids)
        })();
        if let Err(stop) = &result {
            // No IPv4 path, but IPv6 leaves the VPC: the API is reachable only at its
            // dual-stack endpoint, with a client configured for it (X7).
            let routing = matches!(
                stop.disposition,
                D::NoRoute | D::NoPublicIp | D::BlackholeRoute | D::GatewayUnusable
            );
            let v6_out = self
                .r
                .table_of(eni.subnet)
                .lookup_internet(Family::V6)
                .is_some_and(|r| {
                    r.state == RouteState::Active
                        && matches!(r.target, Target::EgressOnlyGateway(_) | Target::InternetGateway(_))
                });
            if routing && eni.ipv6 && v6_out {
                tb.note(X::X7Ipv6DualStack);
            }
        }
        tb.finish(Some(eni.id()), Some(eni.az()), result)
    }

    /// Names do not resolve when the VPC's DNS support is off (D1).
    fn dns_support(&self, tb: &mut TraceBuilder, eni: &Eni, target: &str) -> Step {
        let vpc = eni.vpc.vpc;
        if vpc.enable_dns_support {
            return Ok(());
        }
        let because = msg(X::D1DnsSupportOff)
            .a("function", eni.function)
            .a("vpc", self.n(vpc.id.as_str()))
            .a("service", self.t(target))
            .a("target", self.t(target));
        Err(tb.stop(vpc.id.as_str(), K::Dns, because, D::Dns))
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
        vpc.endpoints
            .iter()
            .filter(usable)
            .find(dns)
            .or_else(|| vpc.endpoints.iter().find(usable))
            .copied()
    }

    /// R6, E1–E3, E8: the prefix-list route to a gateway endpoint.
    fn via_gateway_endpoint<'x>(
        &self,
        tb: &mut TraceBuilder<'x, 'a>,
        eni: &Eni<'x, 'a>,
        service: AwsService,
        table: &ResolvedTable<'a>,
        route: &ResolvedRoute<'a>,
        ep_id: &'a str,
    ) -> Step<Vec<X>>
    where
        'r: 'x,
    {
        let peer = Peer::Service(service);
        let label = self.prefix_list(service);
        let title = service.info().title;
        // The filters come before the table, as traffic meets them; the route was looked up
        // first only to know which path applies.
        self.sg_out(tb, eni, HTTPS, peer, &label, title, &[X::E3FiltersApply])?;
        self.nacl(tb, eni.subnet, true, HTTPS, peer, &label, &[X::E3FiltersApply])?;
        let route = self.route_or_stop(tb, eni.subnet, eni.function, table, Some(route), &label, title, &[])?;
        let because = self
            .route_msg(X::R6PrefixListRoute, table, route, &label)
            .a("endpoint", self.n(ep_id))
            .a("service", self.t(title))
            .a("subnet", self.n(eni.id()));
        self.route_pass(tb, because, table);
        let because = msg(X::E1GatewayEndpoint)
            .a("endpoint", self.n(ep_id))
            .a("service", self.t(title))
            .a("subnet", self.n(eni.id()))
            .a("route_table", self.table_name(table));
        tb.pass(ep_id, K::GatewayEndpoint, because);
        self.policy(tb, ep_id, service, eni.function)?;
        let because = self
            .summary(X::E1GatewayEndpoint, tb, Some(eni))
            .a("service", self.t(title))
            .a("target", self.t(title))
            .a("port", HTTPS)
            .a("route_table", self.table_name(table));
        tb.pass(service.key(), K::Destination, because);
        self.finish_round_trip(
            tb,
            eni,
            vec![X::E1GatewayEndpoint, X::R6PrefixListRoute, X::E3FiltersApply],
        )
    }

    /// E8: the network is fine, the endpoint policy says no.
    fn policy(&self, tb: &mut TraceBuilder, ep_id: &str, service: AwsService, function: &str) -> Step {
        let Some(ep) = self.r.endpoint(ep_id) else {
            return Ok(());
        };
        if ep.policy == EndpointPolicy::DenyAll {
            let because = msg(X::E8PolicyDenies)
                .a("function", function)
                .a("endpoint", self.n(ep_id))
                .a("service", service.info().title);
            return Err(tb.stop(ep_id, K::Policy, because, D::DeniedByPolicy));
        }
        Ok(())
    }

    /// The usable subnets of an interface endpoint in the order [`Self::via_interface_endpoint`]
    /// numbers them: the one in the ENI's AZ first (else the first by id), then the others.
    fn interface_subnets<'x>(&self, eni: &Eni<'x, 'a>, ep: &'a Endpoint) -> Vec<&'r ResolvedSubnet<'a>> {
        let EndpointKind::Interface { subnets, .. } = &ep.kind else {
            return Vec::new();
        };
        let mut out: Vec<&'r ResolvedSubnet<'a>> = subnets
            .iter()
            .filter_map(|s| self.r.subnet(s.as_str()))
            .filter(|s| s.ipv4.is_some())
            .collect();
        crate::order::sort_by(&mut out, |a, b| a.subnet.id.as_str().cmp(b.subnet.id.as_str()));
        if let Some(own) = out.iter().position(|s| s.subnet.az == eni.subnet.subnet.az) {
            let s = out.remove(own);
            out.insert(0, s);
        }
        out
    }

    /// The endpoint's other interfaces (numbered as [`Self::via_interface_endpoint`] takes
    /// them) and whether the ENI's request and its replies pass every filter on the way to
    /// each: the function's groups, both NACLs, the local route, the endpoint's groups. Only
    /// filters, no messages: a blocked one is then followed hop by hop.
    fn other_interfaces<'x>(&self, eni: &Eni<'x, 'a>, ep: &'a Endpoint) -> impl Iterator<Item = (usize, bool)> + 'x
    where
        'r: 'x,
    {
        let r = self.r;
        let subnets = self.interface_subnets(eni, ep);
        let ep_sgs = r.endpoint_security_groups(ep.id.as_str());
        let (here, sgs, from) = (eni.subnet, eni.sgs, eni.peer());
        subnets.into_iter().enumerate().skip(1).map(move |(nth, es)| {
            let Some(net) = es.ipv4.map(IpNet::V4) else {
                return (nth, true);
            };
            let to = Peer::Private { net, sgs: ep_sgs };
            let passes = |v: NaclVerdict| matches!(v, NaclVerdict::DefaultAllowsAll | NaclVerdict::Allowed { .. });
            let crosses = es.subnet.id != here.subnet.id;
            let open = sg_allows(r, sgs, true, HTTPS, to).is_some()
                && r.table_of(here)
                    .lookup(net)
                    .is_some_and(|route| route.state == RouteState::Active && route.target == Target::Local)
                && from.is_some_and(|from| {
                    sg_allows(r, ep_sgs, false, HTTPS, from).is_some()
                        && (!crosses
                            || (passes(nacl_check(r, here.nacl, true, (HTTPS, HTTPS), to))
                                && passes(nacl_check(r, es.nacl, false, (HTTPS, HTTPS), from))
                                && passes(nacl_check(r, es.nacl, true, EPHEMERAL, from))
                                && passes(nacl_check(r, here.nacl, false, EPHEMERAL, to))))
                });
            (nth, open)
        })
    }

    /// E5–E8: private DNS points the name at an endpoint network interface; the local route
    /// carries the traffic there; the endpoint's security groups must admit HTTPS. `nth`
    /// picks the interface: 0 the one in the function's AZ (else the first by id), then the
    /// others by id.
    fn via_interface_endpoint<'x>(
        &self,
        tb: &mut TraceBuilder<'x, 'a>,
        eni: &Eni<'x, 'a>,
        service: AwsService,
        ep: &'a Endpoint,
        nth: usize,
    ) -> Step<Vec<X>>
    where
        'r: 'x,
    {
        let r = self.r;
        let EndpointKind::Interface { subnets, .. } = &ep.kind else {
            unreachable!("interface endpoint")
        };
        let ep_id = ep.id.as_str();
        let title = service.info().title;
        // The endpoint's interface in the function's AZ if it has one (else the first by id),
        // or the `nth` other one.
        let mut candidates: Vec<&'x ResolvedSubnet<'a>> = subnets
            .iter()
            .filter_map(|s| r.subnet(s.as_str()))
            .filter(|s| s.ipv4.is_some())
            .collect();
        crate::order::sort_by(&mut candidates, |a, b| a.subnet.id.as_str().cmp(b.subnet.id.as_str()));
        let ep_subnet: &'x ResolvedSubnet<'a> = self
            .interface_subnets(eni, ep)
            .get(nth)
            .copied()
            .expect("interface_endpoint only returns endpoints with a usable subnet");
        let ep_sgs: &'x [&'a str] = r.endpoint_security_groups(ep_id);
        let ep_subnets = || {
            let mut names: Vec<&str> = candidates.iter().map(|s| self.r.name(s.subnet.id.as_str())).collect();
            names.dedup();
            names.join(", ")
        };
        let endpoint_msg = |id: X| {
            msg(id)
                .a("function", eni.function)
                .a("endpoint", self.n(ep_id))
                .a("service", self.t(title))
                .lazy("subnets", ep_subnets)
                .a("vpc", self.n(eni.vpc.vpc.id.as_str()))
                .a("az", ep_subnet.subnet.az.as_str())
        };
        let dns = if nth == 0 {
            endpoint_msg(X::E5InterfaceEndpoint)
        } else {
            endpoint_msg(X::E5AnyInterface).a("subnet", self.n(ep_subnet.subnet.id.as_str()))
        };
        tb.pass(ep_id, K::Dns, dns);

        let ep_net = IpNet::V4(ep_subnet.ipv4.expect("filtered above"));
        let label = ep_net.to_string();
        let peer = Peer::Private {
            net: ep_net,
            sgs: ep_sgs,
        };
        self.sg_out(tb, eni, HTTPS, peer, &label, title, &[])?;
        let same_subnet = ep_subnet.subnet.id == eni.subnet.subnet.id;
        if same_subnet {
            self.same_subnet_hop(tb, eni, self.n(ep_id).as_str());
        } else {
            self.nacl(tb, eni.subnet, true, HTTPS, peer, &label, &[])?;
        }
        let table = r.table_of(eni.subnet);
        let route = self.route_or_stop(
            tb,
            eni.subnet,
            eni.function,
            table,
            table.lookup(ep_net),
            &label,
            title,
            &[X::E5InterfaceEndpoint],
        )?;
        if route.target != Target::Local {
            return Err(self.unfollowed_target(tb, table, route, &label, route.target));
        }
        self.route_pass(tb, self.route_msg(X::R1LocalRoute, table, route, &label), table);
        let from = self.eni_peer(tb, eni)?;
        let from_label = eni.subnet.subnet.cidr.as_str();
        if !same_subnet {
            self.nacl(tb, ep_subnet, false, HTTPS, from, from_label, &[])?;
        }
        // E7: the endpoint's groups (the VPC's default group when none is given, which
        // admits only its own members) must admit HTTPS from the function.
        match sg_allows(r, ep_sgs, false, HTTPS, from) {
            Some(m) => {
                let because = self
                    .sg_match_msg(m, None, eni.function)
                    .a("port", HTTPS)
                    .a("destination", self.t(from_label));
                tb.pass(m.sg(), K::SecurityGroupIn, because);
            }
            None if ep_sgs.is_empty() => {
                // No group given: AWS attaches the VPC's default group, which admits only
                // its own members (S4), never the function.
                // Named like the implicit default NACL, in a form both languages can quote.
                let default_sg = format!("{}-default-sg", self.n(eni.vpc.vpc.id.as_str()));
                let because = endpoint_msg(X::E7EndpointSg)
                    .a("sg", &default_sg)
                    .a("sgs", &default_sg)
                    .a("port", HTTPS);
                return Err(tb.block(
                    ep_id,
                    K::SecurityGroupIn,
                    because,
                    D::DeniedBySg,
                    &[X::E7EndpointSg, X::S4SelfReference],
                ));
            }
            None => {
                let component = ep_sgs[0];
                let because = endpoint_msg(X::E7EndpointSg)
                    .a("sg", self.n(component))
                    .lazy("sgs", || self.names(ep_sgs))
                    .a("port", HTTPS);
                return Err(tb.block(
                    component,
                    K::SecurityGroupIn,
                    because,
                    D::DeniedBySg,
                    &[X::E7EndpointSg, X::S2NoInbound],
                ));
            }
        }
        tb.pass(ep_id, K::InterfaceEndpoint, endpoint_msg(X::E5InterfaceEndpoint));
        self.policy(tb, ep_id, service, eni.function)?;
        tb.pass(
            service.key(),
            K::Destination,
            endpoint_msg(X::E5InterfaceEndpoint)
                .a("target", self.t(title))
                .a("port", HTTPS),
        );
        self.finish_round_trip(tb, eni, vec![X::E5InterfaceEndpoint, X::R1LocalRoute])
    }

    // ---------------------------------------------------------------- procedure D

    /// Procedure D: a database or instance from one ENI: the local route (or a peering
    /// connection, or the internet for a public target in another VPC), then the target's
    /// NACL and security groups.
    pub(crate) fn target(&self, eni: &Eni<'_, 'a>, t: &TargetInfo<'a>) -> Trace {
        let mut tb = TraceBuilder::new();
        let target_name = self.n(t.id).as_str();
        let result = (|| {
            self.eni_hop(&mut tb, eni);
            if t.is_db() || t.is_store() {
                // An RDS or data-store endpoint is a DNS name.
                self.dns_support(&mut tb, eni, target_name)?;
            }
            let address = if t.zonal() && !t.subnets.is_empty() {
                // EFS: the mount target in the function's own AZ, and no other (Lambda expects
                // one in every AZ the function runs in).
                let here = eni.az();
                match t.subnets.iter().copied().find(|&s| self.r.az(s) == Some(here)) {
                    Some(s) => Some(s),
                    None => {
                        let because = msg(X::FStoreNoAddressInAz)
                            .a("function", eni.function)
                            .a("subnet", self.n(eni.id()))
                            .a("az", here)
                            .a("target", self.t(target_name))
                            .a("port", t.port)
                            .lazy("subnets", || {
                                let names: Vec<String> = t
                                    .subnets
                                    .iter()
                                    .map(|s| format!("{} ({})", self.r.name(s), self.r.az(s).unwrap_or("?")))
                                    .collect();
                                names.join(", ")
                            });
                        return Err(tb.stop(t.id, K::Destination, because, D::NoRoute));
                    }
                }
            } else {
                t.subnet
            };
            let Some(ts) = address.and_then(|s| self.r.subnet(s)) else {
                let (field, value) = t.missing.clone().unwrap_or(("subnet", String::new()));
                return Err(self.insufficient(&mut tb, t.id, K::Destination, X::VDanglingReference, field, &value));
            };
            let Some(tnet) = ts.ipv4.map(IpNet::V4) else {
                return Err(self.insufficient(
                    &mut tb,
                    ts.subnet.id.as_str(),
                    K::Destination,
                    X::VCidrMalformed,
                    "cidr",
                    ts.subnet.cidr.as_str(),
                ));
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
            self.sg_out(&mut tb, eni, t.port, peer, &label, target_name, &[])?;
            let same_subnet = ts.subnet.id == eni.subnet.subnet.id;
            if same_subnet {
                self.same_subnet_hop(&mut tb, eni, target_name);
            } else {
                self.nacl(&mut tb, eni.subnet, true, t.port, peer, &label, &[])?;
            }
            let other_vpc = ts.vpc.map(|v| self.n(v)).unwrap_or_default();
            let none_ids: &[X] = if same_vpc {
                &[X::R3NoRoute]
            } else {
                &[X::Db3OtherVpc, X::R3NoRoute]
            };
            let route = match self.route_or_stop(
                &mut tb,
                eni.subnet,
                eni.function,
                table,
                route,
                &label,
                target_name,
                none_ids,
            ) {
                Err(mut stop) if !same_vpc && stop.disposition == D::NoRoute => {
                    // Name the other VPC in the deciding message.
                    if let Some(hop) = tb.hops.last_mut() {
                        hop.because = msg(X::Db3OtherVpc)
                            .a("function", eni.function)
                            .a("target", self.t(target_name))
                            .a("route_table", self.table_name(table))
                            .a("vpc", self.n(eni.vpc.vpc.id.as_str()))
                            .a("other_vpc", other_vpc)
                            .a("destination", &label)
                            .done();
                    }
                    stop.ids.dedup();
                    return Err(stop);
                }
                other => other?,
            };
            let mut ids = Vec::new();
            match route.target {
                Target::Local if same_vpc => {
                    self.route_pass(&mut tb, self.route_msg(X::R1LocalRoute, table, route, &label), table);
                    ids.push(X::Db3SameVpc);
                    ids.push(X::R1LocalRoute);
                }
                Target::VpcPeering(pcx) => {
                    self.longest_prefix_pass(&mut tb, table, route, &label);
                    self.peering(&mut tb, eni, ts, pcx, target_name)?;
                    ids.push(X::Db3Peering);
                }
                _ if !same_vpc => {
                    // Only a peering route leads into another VPC's private addresses; a NAT
                    // gateway or internet gateway does not.
                    let because = self
                        .route_msg(X::Db3OtherVpc, table, route, &label)
                        .a("function", eni.function)
                        .a("target", self.t(target_name))
                        .a("other_vpc", other_vpc);
                    return Err(self.route_block(&mut tb, table, because, D::NoRoute, &[X::Db3OtherVpc, X::R3NoRoute]));
                }
                target => {
                    // A route more specific than the local one sends the traffic to a gateway
                    // or appliance for inspection; the playground does not follow it there.
                    let via = target.id().unwrap_or(t.id);
                    return Err(self.appliance_route(&mut tb, table, route, &label, via));
                }
            }
            let from = self.eni_peer(&mut tb, eni)?;
            let from_label = eni.subnet.subnet.cidr.as_str();
            if !same_subnet {
                self.nacl(&mut tb, ts, false, t.port, from, from_label, &[])?;
            }
            let sg_id = self.target_sg_in(&mut tb, t, from, from_label, eni.function)?;
            ids.insert(0, sg_id);
            if let Some(db) = t.fronts {
                ids.push(self.proxy_leg(&mut tb, t, (ts, tnet), db, eni.function)?);
            }
            let summary = if ids.contains(&X::Db3Peering) {
                X::Db3Peering
            } else {
                X::Db3SameVpc
            };
            let because = self
                .summary(summary, &tb, Some(eni))
                .a("target", self.t(target_name))
                .a("port", t.port)
                .a("other_vpc", other_vpc);
            tb.pass(t.id, K::Destination, because);
            self.finish_round_trip(&mut tb, eni, ids)
        })();
        tb.finish(Some(eni.id()), Some(eni.az()), result)
    }

    /// The target's security groups, inbound from `from` (S1–S5). Returns the id that
    /// explains the allowance.
    fn target_sg_in(
        &self,
        tb: &mut TraceBuilder,
        t: &TargetInfo<'a>,
        from: Peer,
        from_label: &str,
        function: &str,
    ) -> Step<X> {
        match sg_allows(self.r, &t.sgs, false, t.port, from) {
            Some(m) => {
                let because = self
                    .sg_match_msg(m, Some(t), function)
                    .a("port", t.port)
                    .a("destination", self.t(from_label));
                let id = because.id();
                tb.pass(m.sg(), K::SecurityGroupIn, because);
                Ok(id)
            }
            None => {
                let component = t.sgs.first().copied().unwrap_or(t.id);
                let private = matches!(from, Peer::Private { .. });
                let (id, mut ids) = if t.is_db() && private {
                    (X::S5DbDeniesFunction, vec![X::S5DbDeniesFunction, X::S2NoInbound])
                } else if t.is_store() && private {
                    (X::S5StoreDeniesFunction, vec![X::S5StoreDeniesFunction, X::S2NoInbound])
                } else {
                    (X::S2NoInbound, vec![X::S2NoInbound])
                };
                // A rule naming a security group matches private addresses only (S3): it
                // cannot admit a source on the internet.
                let by_group = t
                    .sgs
                    .iter()
                    .filter_map(|sg| self.r.security_group(sg))
                    .flat_map(|sg| &sg.inbound)
                    .any(|rule| {
                        matches!(rule.peer, SgPeerR::SecurityGroup(_))
                            && match rule.protocol {
                                Protocol::All => true,
                                Protocol::Tcp => rule.from_port <= t.port && t.port <= rule.to_port,
                                Protocol::Udp | Protocol::Icmp => false,
                            }
                    });
                if !private && by_group {
                    ids.push(X::S3GroupReference);
                }
                let because = msg(id)
                    .a("function", function)
                    .a("sg", self.n(component))
                    .lazy("sgs", || self.names(&t.sgs))
                    .a("target", self.n(t.id))
                    .a("port", t.port)
                    .a("protocol", "TCP")
                    .a("destination", self.t(from_label));
                Err(tb.block(component, K::SecurityGroupIn, because, D::DeniedBySg, &ids))
            }
        }
    }

    /// RDS Proxy: the proxy's own connection to the database it fronts, from the proxy's
    /// address subnet with the proxy's security groups (S5, the proxy as the database's
    /// client): its groups out, the NACLs and the local route between the two subnets, the
    /// database's groups in, then the NACLs again for the replies (N4). A function's
    /// connection to the proxy only carries queries if this leg is open too. Returns the id
    /// that explains the database's allowance.
    fn proxy_leg(
        &self,
        tb: &mut TraceBuilder,
        t: &TargetInfo<'a>,
        (ps, pnet): (&ResolvedSubnet<'a>, IpNet),
        db: &'a str,
        function: &str,
    ) -> Step<X> {
        let r = self.r;
        let Some(d) = r.database(db) else {
            return Err(self.insufficient(tb, t.id, K::Destination, X::VDanglingReference, "fronts", db));
        };
        let Some(ds) = d.subnet_group.iter().find_map(|s| r.subnet(s.as_str())) else {
            let value = d.subnet_group.first().map(|s| s.as_str()).unwrap_or_default();
            return Err(self.insufficient(tb, db, K::Destination, X::VDanglingReference, "subnet_group", value));
        };
        let Some(dnet) = ds.ipv4.map(IpNet::V4) else {
            let (sid, cidr) = (ds.subnet.id.as_str(), ds.subnet.cidr.as_str());
            return Err(self.insufficient(tb, sid, K::Destination, X::VCidrMalformed, "cidr", cidr));
        };
        let port = d.effective_port();
        let (proxy, database) = (self.n(t.id).as_str(), self.n(db).as_str());
        let leg = |id: X| {
            msg(id)
                .a("function", function)
                .a("target", self.t(proxy))
                .a("other", self.t(database))
                .a("port", port)
                .a("protocol", "TCP")
        };
        if ds.vpc != ps.vpc {
            // RDS Proxy and its database must share a VPC.
            let because = leg(X::FProxyOtherVpc)
                .a("vpc", self.vpc_name(ps))
                .a("other_vpc", self.vpc_name(ds));
            return Err(tb.stop(db, K::Destination, because, D::NoRoute));
        }
        let mut dsgs: Vec<&'a str> = d
            .security_groups
            .iter()
            .map(|s| s.as_str())
            .filter(|s| r.security_group(s).is_some())
            .collect();
        crate::order::sort(&mut dsgs);
        dsgs.dedup();
        let (dlabel, plabel) = (dnet.to_string(), ps.subnet.cidr.as_str());
        let to_db = Peer::Private { net: dnet, sgs: &dsgs };
        let from_proxy = Peer::Private { net: pnet, sgs: &t.sgs };
        match sg_allows(r, &t.sgs, true, port, to_db) {
            Some(m) => {
                let because = msg(X::S1Allowed)
                    .a("sg", self.n(m.sg()))
                    .a("protocol", "TCP")
                    .a("port", port)
                    .a("destination", self.t(&dlabel));
                tb.pass(m.sg(), K::SecurityGroupOut, because);
            }
            None => {
                let first = t.sgs.first().copied().unwrap_or(t.id);
                let because = leg(X::S5ProxyNoEgress)
                    .a("sg", self.n(first))
                    .lazy("sgs", || self.names(&t.sgs))
                    .a("destination", self.t(&dlabel));
                let ids = [X::S5ProxyNoEgress, X::S2NoOutbound];
                return Err(tb.block(first, K::SecurityGroupOut, because, D::DeniedBySg, &ids));
            }
        }
        let same_subnet = ps.subnet.id == ds.subnet.id;
        if !same_subnet {
            self.nacl_step(tb, ps, true, (port, port), to_db, &dlabel, false, &[])?;
        }
        let table = r.table_of(ps);
        let sid = ps.subnet.id.as_str();
        let route = self.route_or_stop(tb, ps, proxy, table, table.lookup(dnet), &dlabel, database, &[])?;
        match route.target {
            Target::Local => {
                self.route_pass(tb, self.route_msg(X::R1LocalRoute, table, route, &dlabel), table);
            }
            target => {
                // A route narrower than the local one sends it to an appliance (as for a function).
                return Err(self.appliance_route(tb, table, route, &dlabel, target.id().unwrap_or(sid)));
            }
        }
        if !same_subnet {
            self.nacl_step(tb, ds, false, (port, port), from_proxy, plabel, false, &[])?;
        }
        let id = match sg_allows(r, &dsgs, false, port, from_proxy) {
            Some(m) => {
                let id = match m {
                    SgMatch::GroupReference { .. } => X::S5DbAllowsProxy,
                    SgMatch::SelfReference { .. } => X::S4SelfReference,
                    SgMatch::PrefixList { .. } | SgMatch::Cidr { .. } => X::S1Allowed,
                };
                let mut because = leg(id)
                    .a("sg", self.n(m.sg()))
                    .lazy("sgs", || self.names(&t.sgs))
                    .a("destination", plabel);
                if id == X::S4SelfReference {
                    // "{function} and {target} carry it": here the proxy and the database.
                    because = msg(id)
                        .a("sg", self.n(m.sg()))
                        .a("function", self.t(proxy))
                        .a("target", self.t(database));
                }
                tb.pass(m.sg(), K::SecurityGroupIn, because);
                id
            }
            None => {
                let first = dsgs.first().copied().unwrap_or(db);
                let because = leg(X::S5DbDeniesProxy)
                    .a("sg", self.n(first))
                    .lazy("sgs", || self.names(&dsgs))
                    .a("destination", plabel);
                let ids = [X::S5DbDeniesProxy, X::S2NoInbound];
                return Err(tb.block(first, K::SecurityGroupIn, because, D::DeniedBySg, &ids));
            }
        };
        if !same_subnet {
            // The database's replies to the proxy, last boundary first (N4).
            self.nacl_step(tb, ds, true, EPHEMERAL, from_proxy, plabel, true, &[])?;
            self.nacl_step(tb, ps, false, EPHEMERAL, to_db, &dlabel, true, &[])?;
        }
        Ok(id)
    }

    /// A peering connection that joins both VPCs, and the route back on the target's side.
    fn peering(&self, tb: &mut TraceBuilder, eni: &Eni, ts: &ResolvedSubnet<'a>, pcx: &'a str, target: &str) -> Step {
        let r = self.r;
        let here = eni.vpc.vpc.id.as_str();
        let there = ts.vpc.unwrap_or_default();
        let joins = r.peering(pcx).is_some_and(|p| {
            let (a, b) = (p.requester_vpc.as_str(), p.accepter_vpc.as_str());
            (a == here && b == there) || (a == there && b == here)
        });
        let pcx_msg = |id: X| {
            msg(id)
                .a("function", eni.function)
                .a("target", self.t(target))
                .a("peering", self.n(pcx))
                .a("vpc", self.n(here))
                .a("other_vpc", self.n(there))
        };
        if !joins {
            let because = pcx_msg(X::Db3OtherVpc).a("route_table", self.table_name(r.table_of(eni.subnet)));
            return Err(tb.block(
                pcx,
                K::PeeringConnection,
                because,
                D::GatewayUnusable,
                &[X::Db3OtherVpc, X::FPeeringNotTransitive],
            ));
        }
        tb.pass(pcx, K::PeeringConnection, pcx_msg(X::Db3Peering));
        // The reply needs a route back over the same connection.
        let back_table = r.table_of(ts);
        let Some(back_net) = eni.subnet.ipv4.map(IpNet::V4) else {
            return Err(self.insufficient(
                tb,
                eni.id(),
                K::Eni,
                X::VCidrMalformed,
                "cidr",
                eni.subnet.subnet.cidr.as_str(),
            ));
        };
        let label = back_net.to_string();
        let back = back_table
            .lookup(back_net)
            .filter(|b| b.state == RouteState::Active && b.target == Target::VpcPeering(pcx));
        let Some(back) = back else {
            // A second peering connection between the same VPCs carries the replies: say so,
            // rather than that the VPCs are not peered.
            let other = back_table.lookup(back_net).and_then(|b| match b.target {
                Target::VpcPeering(other) if b.state == RouteState::Active && other != pcx => r
                    .peering(other)
                    .filter(|p| {
                        let (a, b) = (p.requester_vpc.as_str(), p.accepter_vpc.as_str());
                        (a == here && b == there) || (a == there && b == here)
                    })
                    .map(|_| (other, b)),
                _ => None,
            });
            if let Some((other, route)) = other {
                let because = pcx_msg(X::Db3ReplyOverOtherPeering)
                    .a("other", self.n(other))
                    .a("route_table", self.table_name(back_table))
                    .a("destination", &label)
                    .lazy_shared("route", || self.route_arg(route));
                return Err(self.route_block(
                    tb,
                    back_table,
                    because,
                    D::NoRoute,
                    &[X::Db3ReplyOverOtherPeering, X::VPeeringDuplicate],
                ));
            }
            let mut because = pcx_msg(X::Db3OtherVpc)
                .a("route_table", self.table_name(back_table))
                .a("destination", &label);
            if let Some(route) = back_table.lookup(back_net) {
                because = because.lazy_shared("route", || self.route_arg(route));
            }
            return Err(self.route_block(tb, back_table, because, D::NoRoute, &[X::Db3OtherVpc, X::R3NoRoute]));
        };
        let because = pcx_msg(X::Db3Peering)
            .a("route_table", self.table_name(back_table))
            .lazy_shared("route", || self.route_arg(back))
            .a("destination", &label);
        tb.pass(self.table_component(back_table), K::RouteTable, because);
        Ok(())
    }

    /// A VPC function reaching a public target in another VPC: out through its own NAT path,
    /// in through the target's internet gateway.
    fn to_public_target<'x>(&self, tb: &mut TraceBuilder<'x, 'a>, eni: &Eni<'x, 'a>, t: &TargetInfo<'a>) -> Step<Vec<X>>
    where
        'r: 'x,
    {
        let table = self.r.table_of(eni.subnet);
        let route = table.lookup_internet(Family::V4);
        let target_name = self.n(t.id).as_str();
        let mut ids = self.public_egress(
            tb,
            eni,
            t.port,
            Peer::Public(Family::V4),
            route,
            Purpose::PublicTarget,
            target_name,
        )?;
        let inbound = self.ingress(tb, t)?;
        ids.splice(0..0, inbound);
        let because = self
            .summary(ids[0], tb, Some(eni))
            .a("target", self.t(target_name))
            .a("port", t.port);
        tb.pass(t.id, K::Destination, because);
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
        let target_name = self.n(t.id).as_str();
        let Some(ts) = t.subnet.and_then(|s| r.subnet(s)) else {
            let (field, value) = t.missing.clone().unwrap_or(("subnet", String::new()));
            return Err(self.insufficient(tb, t.id, K::Destination, X::VDanglingReference, field, &value));
        };
        let address_table = r.table_of(ts);
        let address_igw =
            address_table
                .lookup_internet(Family::V4)
                .and_then(|route| match (route.target, route.state) {
                    (Target::InternetGateway(igw), RouteState::Active) => Some(igw),
                    _ => None,
                });
        // The internet gateway the target would use: its subnet's, else its VPC's.
        let vpc = ts.vpc.and_then(|v| r.vpc(v));
        let vpc_igw = vpc.and_then(|v| v.igw);
        // Why a target without public access cannot be reached: RDS words it as the database's
        // own setting (DB2), EC2 as the instance's missing public address (G1).
        let not_public_id = match t.kind {
            TargetKind::Database => X::Db2NotPubliclyAccessible,
            TargetKind::Store(_) => X::FStorePrivate,
            TargetKind::Instance => X::G1NoPublicIp,
        };
        if let (Some(vpc), None) = (vpc, vpc_igw) {
            let vid = vpc.vpc.id.as_str();
            // The target's subnet sends public addresses to an internet gateway that exists
            // but is not attached to the VPC: the route is a blackhole (G1, R5).
            let detached = address_table
                .lookup_internet(Family::V4)
                .and_then(|route| match route.target {
                    Target::InternetGateway(igw) if r.internet_gateway(igw).is_some() => Some((route, igw)),
                    _ => None,
                });
            if let Some((route, igw)) = detached {
                let because = self
                    .route_msg(X::G1NotAttached, address_table, route, "0.0.0.0/0")
                    .a("igw", self.n(igw))
                    .a("target", self.t(target_name))
                    .a("port", t.port)
                    .a("subnet", self.n(ts.subnet.id.as_str()));
                let mut ids = vec![X::G1NotAttached, X::R5Blackhole];
                if !t.public {
                    ids.push(not_public_id);
                }
                return Err(self.route_block(tb, address_table, because, D::BlackholeRoute, &ids));
            }
            // No internet gateway at all: nothing on the internet gets into the VPC (G1).
            let because = msg(X::G1NoInternetGateway)
                .a("vpc", self.n(vid))
                .a("target", self.t(target_name))
                .a("port", t.port);
            let mut ids = vec![X::G1NoInternetGateway];
            if !t.public {
                ids.push(not_public_id);
            }
            return Err(tb.block(vid, K::InternetGateway, because, D::NoRoute, &ids));
        }
        if !t.public {
            let because = msg(not_public_id)
                .a("target", self.t(target_name))
                .a("port", t.port)
                .a("vpc", vpc.map(|v| self.n(v.vpc.id.as_str())).unwrap_or_default())
                .a("igw", address_igw.or(vpc_igw).map(|g| self.n(g)).unwrap_or_default());
            return Err(tb.stop(t.id, K::Destination, because, D::NoPublicIp));
        }
        let (public_id, private_id) = if t.is_db() || t.is_store() {
            (X::Db2PubliclyAccessible, X::Db2NotPublicSubnets)
        } else {
            (X::Ec1PublicInstance, X::Ec1PrivateSubnet)
        };
        // Every subnet the target may use must route replies to an internet gateway.
        let address = ts.subnet.id.as_str();
        for sid in std::iter::once(address).chain(t.subnets.iter().copied().filter(|&s| s != address)) {
            let Some(s) = r.subnet(sid) else { continue };
            let table = r.table_of(s);
            let route = table.lookup_internet(Family::V4);
            match route {
                Some(route)
                    if route.state == RouteState::Active && matches!(route.target, Target::InternetGateway(_)) => {}
                Some(route) if route.state == RouteState::Blackhole => {
                    let because = self
                        .route_msg(X::R5Blackhole, table, route, "0.0.0.0/0")
                        .a("subnet", self.n(sid));
                    let mut ids = self.blackhole_ids(table, route);
                    ids.push(private_id);
                    return Err(self.route_block(tb, table, because, D::BlackholeRoute, &ids));
                }
                _ => {
                    let mut because = msg(private_id)
                        .a("target", self.t(target_name))
                        .a("route_table", self.table_name(table))
                        .a("subnet", self.n(sid))
                        .a("subnets", self.n(sid))
                        .a("destination", "0.0.0.0/0");
                    if let Some(route) = route {
                        because = because.lazy_shared("route", || self.route_arg(route));
                    }
                    return Err(self.route_block(tb, table, because, D::NoRoute, &[private_id, X::G1InternetGateway]));
                }
            }
        }
        let igw = address_igw.expect("the address subnet was checked first");
        let route = address_table.lookup_internet(Family::V4).expect("checked above");
        self.igw_hop(tb, igw, address_table, "0.0.0.0/0");
        let because = self
            .route_msg(X::R3LongestPrefix, address_table, route, "0.0.0.0/0")
            .a("subnet", self.n(address));
        self.route_pass(tb, because, address_table);
        let internet = Peer::Public(Family::V4);
        self.nacl(tb, ts, false, t.port, internet, "0.0.0.0/0", &[])?;
        self.target_sg_in(tb, t, internet, "0.0.0.0/0", "")?;
        Ok(vec![public_id, X::G1InternetGateway])
    }

    /// The internet reaching a target (the learner's "is my database exposed?").
    pub(crate) fn inbound(&self, t: &TargetInfo<'a>) -> Trace {
        let mut tb = TraceBuilder::new();
        let result = (|| {
            let ids = self.ingress(&mut tb, t)?;
            let because = self.inbound_summary(ids[0], &tb, t);
            tb.pass(t.id, K::Destination, because);
            self.replies(&mut tb)?;
            Ok(ids)
        })();
        let az = t.subnet.and_then(|s| self.r.az(s));
        tb.finish(t.subnet, az, result)
    }

    fn inbound_summary(&self, id: X, tb: &TraceBuilder, t: &TargetInfo<'a>) -> M {
        let mut because = self.summary(id, tb, None).a("target", self.n(t.id)).a("port", t.port);
        if let Some(s) = t.subnet {
            because = because.a("subnet", self.n(s));
        }
        if let Some(v) = t.vpc {
            because = because.a("vpc", self.n(v));
        }
        because
    }

    /// A function outside any VPC reaching a target: only over the internet, and only if
    /// the target is public (L3, DB2).
    pub(crate) fn target_from_outside(&self, function: &str, t: &TargetInfo<'a>) -> Trace {
        let mut tb = TraceBuilder::new();
        let fname = self.n(function);
        let result = (|| {
            let target_name = self.n(t.id).as_str();
            if !t.public {
                let because = msg(X::L3PrivateUnreachable)
                    .a("function", fname)
                    .a("target", self.t(target_name))
                    .a("port", t.port)
                    .a("vpc", t.vpc.map(|v| self.n(v)).unwrap_or_default());
                return Err(tb.stop(function, K::Function, because, D::NotInVpc));
            }
            let outside = |id: X| {
                msg(id)
                    .a("function", fname)
                    .a("target", self.t(target_name))
                    .a("port", t.port)
            };
            tb.pass(function, K::Function, outside(X::L3PublicTarget));
            tb.note(X::L3PublicTarget);
            let mut ids = self.ingress(&mut tb, t)?;
            ids.insert(0, X::L3PublicTarget);
            tb.pass(t.id, K::Destination, outside(X::L3PublicTarget));
            self.replies(&mut tb)?;
            Ok(ids)
        })();
        tb.finish(None, None, result)
    }
}

//! Route tables: each route's destination, target, family, and its relation to the local
//! route; duplicate destinations within one table.

use super::cidr::Family;
use super::{prefix_list_name, Error, Expected, Here, Path, Validator, Warning};
use crate::explain::{ExplanationId, Message};
use crate::hash::HashMap;
use crate::model::{AwsService, ComponentKind, EndpointKind, Route, RouteDestination, RouteTarget};
use ipnet::IpNet;

/// A route destination, as compared for duplicates.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Dest {
    Net(IpNet),
    List(AwsService),
}

/// What a route's target is, as far as its table is concerned.
enum TargetIs<'a> {
    /// Usable, or its problem is reported where it lies (a NAT gateway without a subnet …).
    Fine,
    /// Belongs to this VPC (the one named), to be compared with the table's.
    InVpc(&'a str),
    /// Missing or detached: AWS keeps the route as a blackhole (R5).
    Blackhole,
    /// The id names a component that cannot be this kind of target.
    WrongKind(Expected),
}

/// NAT gateways take IPv6 traffic only for NAT64, to the well-known prefix 64:ff9b::/96.
const NAT64_PREFIX: &str = "64:ff9b::/96";

/// One route of a table, as messages name it.
struct RouteAt<'a> {
    index: usize,
    route: &'a Route,
    /// The target's display name (`local` for the local target).
    target: &'a str,
}

impl RouteAt<'_> {
    fn destination_field(&self) -> Path<'static> {
        Path::at("routes", self.index).then(".destination")
    }
    fn target_field(&self) -> Path<'static> {
        Path::at("routes", self.index).then(".target")
    }
    /// A message with the route (`0.0.0.0/0 → main-igw`), its destination, its target
    /// as `value`, and the target under its kind's argument name (`nat`, `igw` …).
    fn message(&self, id: ExplanationId) -> Message {
        let destination = match &self.route.destination {
            RouteDestination::Cidr(c) => c.as_str().to_owned(),
            RouteDestination::PrefixList(s) => prefix_list_name(*s),
        };
        let m = Message::new(id)
            .arg("route", format!("{destination} → {}", self.target))
            .arg("destination", destination)
            .arg("value", self.target);
        match target_role(&self.route.target) {
            Some(role) => m.arg(role, self.target),
            None => m,
        }
    }
}

fn target_role(target: &RouteTarget) -> Option<&'static str> {
    match target {
        RouteTarget::InternetGateway(_) => Some("igw"),
        RouteTarget::EgressOnlyGateway(_) => Some("eigw"),
        RouteTarget::NatGateway(_) => Some("nat"),
        RouteTarget::GatewayEndpoint(_) => Some("endpoint"),
        RouteTarget::VpcPeering(_) => Some("peering"),
        RouteTarget::Local | RouteTarget::NetworkInterface(_) => None,
    }
}

impl<'a> Validator<'a> {
    pub(super) fn route_tables(&mut self) {
        let doc = self.doc;
        for (i, t) in doc.route_tables.iter().enumerate() {
            let here = self.component(ComponentKind::RouteTable, i, t.id.as_str(), &t.name);
            let vpc_known = self.ix.vpc_exists(t.vpc.as_str()).is_some();
            self.required_ref(&here, "vpc", t.vpc.as_str(), vpc_known, Expected::Vpc);
            let vpc = vpc_known.then_some(t.vpc.as_str());
            let first_with_id = self.ix.first(t.id.as_str()) == Some((ComponentKind::RouteTable, i));
            let mut seen: HashMap<Dest, usize> = HashMap::default();
            for (k, route) in t.routes.iter().enumerate() {
                let target = match &route.target {
                    RouteTarget::Local => "local",
                    RouteTarget::InternetGateway(id) => self.ix.name(id.as_str()),
                    RouteTarget::EgressOnlyGateway(id) => self.ix.name(id.as_str()),
                    RouteTarget::NatGateway(id) => self.ix.name(id.as_str()),
                    RouteTarget::GatewayEndpoint(id) => self.ix.name(id.as_str()),
                    RouteTarget::VpcPeering(id) => self.ix.name(id.as_str()),
                    RouteTarget::NetworkInterface(id) => self.ix.name(id),
                };
                let at = RouteAt {
                    index: k,
                    route,
                    target,
                };
                let dest = self.route_destination(&here, &at);
                if let Some(d) = dest {
                    if seen.insert(d, k).is_some() {
                        self.emit(
                            Error,
                            &here,
                            at.destination_field(),
                            at.message(ExplanationId::VDuplicateRoute),
                        );
                    }
                    if let (Dest::List(s), RouteTarget::GatewayEndpoint(e), true) = (d, &route.target, first_with_id) {
                        if self.serves(e.as_str(), s, vpc) {
                            self.prefix_routes.entry((t.id.as_str(), s)).or_insert(e.as_str());
                        }
                    }
                }
                self.route_target(&here, &at, vpc);
                if let Some(d) = dest {
                    self.route_family(&here, &at, d);
                }
                if let (Some(Dest::Net(net)), Some(vpc)) = (dest, vpc) {
                    self.route_and_local(&here, &at, net, vpc);
                }
            }
        }
    }

    /// Whether `endpoint` is a gateway endpoint for `service` in `vpc`: a route to it is
    /// the one the endpoint itself would add (broken ones are reported on their own).
    fn serves(&self, endpoint: &str, service: AwsService, vpc: Option<&str>) -> bool {
        let gateway_for =
            |e: &&crate::model::Endpoint| e.service == service && matches!(e.kind, EndpointKind::Gateway { .. });
        self.ix.endpoint(endpoint).as_ref().is_some_and(gateway_for)
            && vpc.is_some()
            && self.ix.endpoint_vpc(endpoint) == vpc
    }

    fn route_destination(&mut self, here: &Here<'_>, at: &RouteAt<'_>) -> Option<Dest> {
        match &at.route.destination {
            RouteDestination::Cidr(text) => self
                .cidr(here, at.destination_field(), text, Family::Any)
                .map(Dest::Net),
            RouteDestination::PrefixList(s) if s.info().gateway_endpoint => Some(Dest::List(*s)),
            RouteDestination::PrefixList(s) => {
                let m = at.message(ExplanationId::VNoPrefixList).arg("service", s);
                self.emit(Error, here, at.destination_field(), m);
                None
            }
        }
    }

    /// What a route's target is, as far as this table is concerned.
    fn target_is(&self, target: &'a RouteTarget, vpc: Option<&'a str>) -> TargetIs<'a> {
        let ix = &self.ix;
        // A gateway attached to a VPC that does not exist is reported on the gateway.
        let attached = |to: Option<&'a crate::model::VpcId>| match to {
            None => TargetIs::Blackhole,
            Some(v) => ix.vpc_exists(v.as_str()).map_or(TargetIs::Fine, TargetIs::InVpc),
        };
        match target {
            RouteTarget::Local => TargetIs::Fine,
            RouteTarget::InternetGateway(id) => ix
                .igw(id.as_str())
                .map_or(TargetIs::Blackhole, |g| attached(g.vpc.as_ref())),
            RouteTarget::EgressOnlyGateway(id) => ix
                .eigw(id.as_str())
                .map_or(TargetIs::Blackhole, |g| attached(g.vpc.as_ref())),
            RouteTarget::NatGateway(id) => match ix.nat(id.as_str()) {
                Some(_) => ix.nat_vpc(id.as_str()).map_or(TargetIs::Fine, TargetIs::InVpc),
                None => TargetIs::Blackhole,
            },
            RouteTarget::GatewayEndpoint(id) => match ix.endpoint(id.as_str()) {
                Some(e) if matches!(e.kind, EndpointKind::Interface { .. }) => {
                    TargetIs::WrongKind(Expected::GatewayEndpoint)
                }
                Some(_) => ix.endpoint_vpc(id.as_str()).map_or(TargetIs::Fine, TargetIs::InVpc),
                None => TargetIs::Blackhole,
            },
            RouteTarget::VpcPeering(id) => match (ix.peering(id.as_str()), vpc) {
                (Some(p), Some(v)) if p.requester_vpc.as_str() != v && p.accepter_vpc.as_str() != v => ix
                    .vpc_exists(p.requester_vpc.as_str())
                    .map_or(TargetIs::Fine, TargetIs::InVpc),
                (Some(_), _) => TargetIs::Fine,
                (None, _) => TargetIs::Blackhole,
            },
            RouteTarget::NetworkInterface(id) if ix.instance(id).is_some() => {
                ix.instance_vpc(id).map_or(TargetIs::Fine, TargetIs::InVpc)
            }
            // Network interfaces are not modelled: an unknown id is one the design cannot reach.
            RouteTarget::NetworkInterface(id) if ix.first(id).is_some() => TargetIs::WrongKind(Expected::Instance),
            RouteTarget::NetworkInterface(_) => TargetIs::Blackhole,
        }
    }

    /// The target must exist and belong to this table's VPC. A missing or detached target
    /// is legal in AWS (the route stays, as a blackhole, R5), so it is a warning.
    fn route_target(&mut self, here: &Here<'_>, at: &RouteAt<'a>, vpc: Option<&'a str>) {
        let field = at.target_field();
        match self.target_is(&at.route.target, vpc) {
            TargetIs::Fine => {}
            TargetIs::InVpc(target_vpc) => {
                if let Some(v) = vpc.filter(|&v| v != target_vpc) {
                    let m = at
                        .message(ExplanationId::VRouteToOtherVpc)
                        .arg("vpc", self.ix.name(v))
                        .arg("other_vpc", self.ix.name(target_vpc));
                    self.emit(Error, here, field, m);
                }
            }
            TargetIs::WrongKind(kind) => {
                let m = at
                    .message(ExplanationId::VDanglingReference)
                    .arg("expected", kind.label());
                self.emit(Error, here, field, m);
            }
            TargetIs::Blackhole => {
                let vpc_name = vpc.map(|v| self.ix.name(v)).unwrap_or_default();
                let m = at.message(ExplanationId::VBlackholeRoute).arg("vpc", vpc_name);
                self.emit(Warning, here, field, m);
            }
        }
    }

    /// The destination must be of a kind the target can carry: IPv6 for an egress-only
    /// gateway (G2), IPv4 (or NAT64) for a NAT gateway, and exactly its service's prefix
    /// list for a gateway endpoint, which nothing else can carry (R6).
    fn route_family(&mut self, here: &Here<'_>, at: &RouteAt<'_>, dest: Dest) {
        let endpoint_service = match &at.route.target {
            RouteTarget::GatewayEndpoint(id) => self.ix.endpoint(id.as_str()).map(|e| e.service),
            _ => None,
        };
        let expected = match (dest, &at.route.target) {
            (Dest::Net(IpNet::V4(_)), RouteTarget::EgressOnlyGateway(_)) => Some("IPv6".to_owned()),
            (Dest::Net(net @ IpNet::V6(_)), RouteTarget::NatGateway(_)) => {
                let nat64: IpNet = NAT64_PREFIX.parse().expect("a valid constant");
                (!nat64.contains(&net)).then(|| format!("IPv4, {NAT64_PREFIX}"))
            }
            (Dest::Net(_), RouteTarget::GatewayEndpoint(_)) => {
                Some(endpoint_service.map_or_else(|| "prefix list".to_owned(), prefix_list_name))
            }
            (Dest::List(s), RouteTarget::GatewayEndpoint(_)) => {
                endpoint_service.filter(|&e| e != s).map(prefix_list_name)
            }
            (Dest::List(_), _) => Some("IPv4/IPv6".to_owned()),
            _ => None,
        };
        if let Some(expected) = expected {
            let m = at.message(ExplanationId::VRouteFamily).arg("expected", expected);
            self.emit(Error, here, at.target_field(), m);
        }
    }

    /// Addresses of the VPC itself belong to the local route (R1). AWS lets you replace the
    /// local route's target, or route one whole subnet, only through a NAT gateway or a
    /// network interface (a middlebox); anything else inside the VPC is refused. The `local`
    /// target in turn only makes sense for addresses of the VPC.
    fn route_and_local(&mut self, here: &Here<'_>, at: &RouteAt<'_>, net: IpNet, vpc: &str) {
        let Some(nets) = self.ix.nets.get(vpc) else { return };
        // A VPC block larger than AWS allows (0.0.0.0/0 above all) is reported on the VPC;
        // what a route "inside" it means follows from that mistake and is not reported again.
        if nets.all().next().is_none() || nets.all().any(|b| matches!(b, IpNet::V4(_)) && b.prefix_len() < 16) {
            return;
        }
        let inside = nets.all().any(|b| b.contains(&net));
        let exact = nets.all().any(|b| *b == net);
        let middlebox = matches!(
            at.route.target,
            RouteTarget::NatGateway(_) | RouteTarget::NetworkInterface(_)
        );
        let (severity, id) = match (&at.route.target, inside) {
            (RouteTarget::Local, false) => (Error, ExplanationId::VLocalRouteOutsideVpc),
            (RouteTarget::Local, true) => return,
            (_, false) => return,
            (_, true) if middlebox && exact => (Warning, ExplanationId::VRouteInsideVpc),
            (_, true) if middlebox && nets.subnet_blocks.contains(&net) => return,
            (_, true) => (Error, ExplanationId::VRouteInsideVpc),
        };
        let m = at
            .message(id)
            .arg("vpc", self.ix.name(vpc))
            .arg("expected", nets.list());
        self.emit(severity, here, at.destination_field(), m);
    }
}

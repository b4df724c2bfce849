//! Connectors and routes: the route a connector adds, a subnet's own table, and the targets
//! and defaults the inspector offers for a new route or network ACL rule.

use super::*;

/// A table for `subnet` alone, copying the routes of the table it uses now, associated with
/// it. Returns the new table's display name.
pub(super) fn own_table(doc: &mut Document, subnet_id: &str) -> Result<String, Refused> {
    let s = subnet(doc, subnet_id).cloned().ok_or(Refused::NoChange)?;
    let routes = topology::effective_table(doc, &s)
        .map(|t| t.routes.clone())
        .unwrap_or_default();
    let copied_from = topology::effective_table(doc, &s).map(|t| t.id.0.clone());
    let id = unique_id(doc, &format!("{subnet_id}-rt"));
    let at = side_slot(doc, Some(s.vpc.as_str()));
    doc.route_tables.push(RouteTable {
        id: id.as_str().into(),
        name: id.clone(),
        vpc: s.vpc.clone(),
        routes,
    });
    // Gateway endpoint associations are part of what a table routes: copy them too.
    if let Some(from) = copied_from {
        for e in doc.endpoints.iter_mut() {
            if let EndpointKind::Gateway { route_tables } = &mut e.kind {
                if route_tables.iter().any(|t| t.as_str() == from) {
                    route_tables.push(id.as_str().into());
                }
            }
        }
    }
    doc.layout.insert(id.clone(), point_rect(at));
    let s = doc
        .subnets
        .iter_mut()
        .find(|x| x.id.as_str() == subnet_id)
        .expect("found above");
    s.route_table = Some(id.as_str().into());
    Ok(id)
}

fn names(doc: &Document, subnets: &[&Subnet]) -> String {
    subnets
        .iter()
        .map(|s| doc.display_name(s.id.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn connect_route(doc: &mut Document, from: &str, target: &str) -> Result<Option<Note>, Refused> {
    // Refuse a wrong target before anything is created for it.
    route_for(doc, target)?;
    // From a route table: that table, whichever subnets use it.
    if topology::table(doc, from).is_some() {
        let users = topology::subnets_using(doc, from);
        let note = (users.len() > 1).then(|| Note::SharedTableChanged {
            table: doc.display_name(from).to_owned(),
            others: names(doc, &users),
        });
        return add_route_to_table(doc, from, target, note);
    }
    let subnet_id = from;
    let s = subnet(doc, subnet_id).cloned().ok_or(Refused::NoChange)?;
    // Which table to change: the subnet's own, or a new one when it shares the main table.
    let mut note = None;
    let table_id = match (&s.route_table, topology::main_table(doc, s.vpc.as_str())) {
        (Some(t), _) => {
            let others: Vec<&Subnet> = topology::subnets_using(doc, t.as_str())
                .into_iter()
                .filter(|o| o.id != s.id)
                .collect();
            if !others.is_empty() {
                note = Some(Note::SharedTableChanged {
                    table: doc.display_name(t.as_str()).to_owned(),
                    others: names(doc, &others),
                });
            }
            t.0.clone()
        }
        (None, Some(main)) => {
            let main_id = main.id.0.clone();
            let others: Vec<&Subnet> = topology::subnets_using(doc, &main_id)
                .into_iter()
                .filter(|o| o.id != s.id)
                .collect();
            if others.is_empty() {
                main_id
            } else {
                let others = names(doc, &others);
                let t = own_table(doc, subnet_id)?;
                note = Some(Note::OwnTableCreated {
                    subnet: doc.display_name(subnet_id).to_owned(),
                    table: t.clone(),
                    others,
                });
                t
            }
        }
        (None, None) => {
            let t = own_table(doc, subnet_id)?;
            note = Some(Note::OwnTableCreated {
                subnet: doc.display_name(subnet_id).to_owned(),
                table: t.clone(),
                others: String::new(),
            });
            t
        }
    };
    add_route_to_table(doc, &table_id, target, note)
}

/// The route a connector to `target` adds: `0.0.0.0/0` to a NAT or internet gateway, `::/0`
/// to an egress-only gateway, the service's prefix list to a gateway endpoint.
fn route_for(doc: &Document, target: &str) -> Result<(RouteDestination, RouteTarget), Refused> {
    let kind = kind_of(doc, target).ok_or(Refused::Note(Note::NotARouteTarget))?;
    Ok(match kind {
        ComponentKind::NatGateway => (
            RouteDestination::Cidr("0.0.0.0/0".into()),
            RouteTarget::NatGateway(target.into()),
        ),
        ComponentKind::InternetGateway => (
            RouteDestination::Cidr("0.0.0.0/0".into()),
            RouteTarget::InternetGateway(target.into()),
        ),
        ComponentKind::EgressOnlyGateway => (
            RouteDestination::Cidr("::/0".into()),
            RouteTarget::EgressOnlyGateway(target.into()),
        ),
        ComponentKind::GatewayEndpoint => {
            let ep = doc
                .endpoints
                .iter()
                .find(|e| e.id.as_str() == target)
                .ok_or(Refused::NoChange)?;
            (
                RouteDestination::PrefixList(ep.service),
                RouteTarget::GatewayEndpoint(target.into()),
            )
        }
        _ => return Err(Refused::Note(Note::NotARouteTarget)),
    })
}

/// Adds the route for `target` to a table (a gateway endpoint is associated with it instead),
/// replacing the route for the same destination. `note` is what to tell the person.
fn add_route_to_table(
    doc: &mut Document,
    table_id: &str,
    target: &str,
    mut note: Option<Note>,
) -> Result<Option<Note>, Refused> {
    let (destination, route_target) = route_for(doc, target)?;
    if let RouteTarget::GatewayEndpoint(ep) = &route_target {
        // Gateway endpoints are associated with tables; AWS then adds the prefix-list route.
        let e = doc
            .endpoints
            .iter_mut()
            .find(|e| e.id == *ep)
            .ok_or(Refused::NoChange)?;
        if let EndpointKind::Gateway { route_tables } = &mut e.kind {
            if route_tables.iter().any(|t| t.as_str() == table_id) {
                return Err(Refused::NoChange);
            }
            route_tables.push(table_id.into());
        }
        let endpoint = doc.display_name(ep.as_str()).to_owned();
        return Ok(note.or(Some(Note::EndpointAssociated {
            table: doc.display_name(table_id).to_owned(),
            endpoint,
        })));
    }
    let display_target = |doc: &Document, t: &RouteTarget| {
        topology::target_id(t)
            .map(|id| doc.display_name(id).to_owned())
            .unwrap_or_else(|| "local".into())
    };
    let t = doc
        .route_tables
        .iter()
        .find(|t| t.id.as_str() == table_id)
        .cloned()
        .ok_or(Refused::NoChange)?;
    let mut routes = t.routes.clone();
    match routes.iter().position(|r| r.destination == destination) {
        Some(i) if routes[i].target == route_target => return Err(Refused::NoChange),
        Some(i) => {
            let old = display_target(doc, &routes[i].target);
            routes[i].target = route_target;
            if note.is_none() {
                note = Some(Note::RouteReplaced {
                    table: doc.display_name(table_id).to_owned(),
                    destination: topology::destination_text(&destination),
                    old,
                });
            }
        }
        None => routes.push(Route {
            destination,
            target: route_target,
        }),
    }
    table_mut(doc, table_id)?.routes = routes;
    Ok(note)
}

/// A network ACL rule numbered `number` that allows all traffic from or to anywhere: what AWS
/// puts in a new ACL's default entries, and what a rule added in the inspector starts as.
/// Inlined because a call here measured larger in the brotli download than the copies.
#[inline]
pub fn allow_all_rule(number: u16) -> NaclRule {
    NaclRule {
        number,
        action: NaclAction::Allow,
        protocol: Protocol::All,
        from_port: 0,
        to_port: 65535,
        cidr: "0.0.0.0/0".into(),
    }
}

/// A new route for a table: the first of `0.0.0.0/0` / `::/0` the table lacks, to the first
/// fitting target in its VPC (a NAT gateway, else the internet gateway; an egress-only
/// gateway for IPv6). `None` when the VPC has nothing to route to.
pub fn default_new_route(doc: &Document, table_id: &str) -> Option<Route> {
    let t = topology::table(doc, table_id)?;
    let vpc = t.vpc.as_str();
    let has = |d: &str| {
        t.routes
            .iter()
            .any(|r| matches!(&r.destination, RouteDestination::Cidr(c) if c.as_str() == d))
    };
    let nat = doc
        .nat_gateways
        .iter()
        .find(|n| vpc_of_subnet(doc, n.subnet.as_str()).as_deref() == Some(vpc));
    let igw = doc
        .internet_gateways
        .iter()
        .find(|g| g.vpc.as_ref().is_some_and(|v| v.as_str() == vpc));
    let eigw = doc
        .egress_only_gateways
        .iter()
        .find(|g| g.vpc.as_ref().is_some_and(|v| v.as_str() == vpc));
    if !has("0.0.0.0/0") {
        let target = nat
            .map(|n| RouteTarget::NatGateway(n.id.clone()))
            .or_else(|| igw.map(|g| RouteTarget::InternetGateway(g.id.clone())));
        if let Some(target) = target {
            return Some(Route {
                destination: RouteDestination::Cidr("0.0.0.0/0".into()),
                target,
            });
        }
    }
    if !has("::/0") {
        let target = eigw
            .map(|g| RouteTarget::EgressOnlyGateway(g.id.clone()))
            .or_else(|| igw.map(|g| RouteTarget::InternetGateway(g.id.clone())));
        if let Some(target) = target {
            return Some(Route {
                destination: RouteDestination::Cidr("::/0".into()),
                target,
            });
        }
    }
    None
}

/// Every target a route of `table` may name, with its display name: gateways attached to
/// the table's VPC, NAT gateways in it, peering connections, gateway endpoints.
pub fn route_targets(doc: &Document, table_id: &str) -> Vec<RouteTarget> {
    let Some(t) = topology::table(doc, table_id) else {
        return vec![];
    };
    let vpc = t.vpc.as_str();
    let mut out = vec![RouteTarget::Local];
    out.extend(
        doc.internet_gateways
            .iter()
            .filter(|g| g.vpc.as_ref().is_some_and(|v| v.as_str() == vpc))
            .map(|g| RouteTarget::InternetGateway(g.id.clone())),
    );
    out.extend(
        doc.egress_only_gateways
            .iter()
            .filter(|g| g.vpc.as_ref().is_some_and(|v| v.as_str() == vpc))
            .map(|g| RouteTarget::EgressOnlyGateway(g.id.clone())),
    );
    out.extend(
        doc.nat_gateways
            .iter()
            .filter(|n| vpc_of_subnet(doc, n.subnet.as_str()).as_deref() == Some(vpc))
            .map(|n| RouteTarget::NatGateway(n.id.clone())),
    );
    out.extend(
        doc.peering_connections
            .iter()
            .filter(|p| p.requester_vpc.as_str() == vpc || p.accepter_vpc.as_str() == vpc)
            .map(|p| RouteTarget::VpcPeering(p.id.clone())),
    );
    out.extend(
        doc.endpoints
            .iter()
            .filter(|e| e.vpc.as_str() == vpc && matches!(e.kind, EndpointKind::Gateway { .. }))
            .map(|e| RouteTarget::GatewayEndpoint(e.id.clone())),
    );
    out
}

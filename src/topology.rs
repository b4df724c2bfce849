//! Read-only questions about a design that the editor and the canvas need: which table a
//! subnet uses, whether a subnet is public, what belongs to a VPC, what a new component
//! should be called. Pure and engine-free apart from the model types; no reachability.

use std::collections::HashMap;
use vpc_engine::model::{
    ComponentKind, Document, EndpointKind, Rect, RouteDestination, RouteTable, RouteTarget, SgId, Subnet, SubnetId,
};

/// The `data-kind` value of a component kind, as `model::ComponentKind` serialises it.
pub fn kind_key(kind: ComponentKind) -> &'static str {
    match kind {
        ComponentKind::Vpc => "vpc",
        ComponentKind::Subnet => "subnet",
        ComponentKind::RouteTable => "route_table",
        ComponentKind::InternetGateway => "internet_gateway",
        ComponentKind::EgressOnlyGateway => "egress_only_gateway",
        ComponentKind::NatGateway => "nat_gateway",
        ComponentKind::PeeringConnection => "peering_connection",
        ComponentKind::GatewayEndpoint => "gateway_endpoint",
        ComponentKind::InterfaceEndpoint => "interface_endpoint",
        ComponentKind::SecurityGroup => "security_group",
        ComponentKind::NetworkAcl => "network_acl",
        ComponentKind::Function => "function",
        ComponentKind::Database => "database",
        ComponentKind::DataStore => "data_store",
        ComponentKind::Instance => "instance",
        ComponentKind::Service => "service",
    }
}

/// Every component id with its kind, for lookups in one pass.
pub fn kinds(doc: &Document) -> HashMap<&str, ComponentKind> {
    doc.components().collect()
}

/// The kind of one component.
pub fn kind_of(doc: &Document, id: &str) -> Option<ComponentKind> {
    doc.components().find(|(c, _)| *c == id).map(|(_, k)| k)
}

pub fn subnet<'a>(doc: &'a Document, id: &str) -> Option<&'a Subnet> {
    doc.subnets.iter().find(|s| s.id.as_str() == id)
}

pub fn table<'a>(doc: &'a Document, id: &str) -> Option<&'a RouteTable> {
    doc.route_tables.iter().find(|t| t.id.as_str() == id)
}

/// The route table a subnet uses: its explicit association, else its VPC's main table.
/// `None` when it uses an implicit main table (local routes only) or a missing one.
pub fn effective_table<'a>(doc: &'a Document, subnet: &Subnet) -> Option<&'a RouteTable> {
    match &subnet.route_table {
        Some(id) => table(doc, id.as_str()),
        None => main_table(doc, subnet.vpc.as_str()),
    }
}

/// The explicit main route table of a VPC, if it names one that exists.
pub fn main_table<'a>(doc: &'a Document, vpc: &str) -> Option<&'a RouteTable> {
    let vpc = doc.vpcs.iter().find(|v| v.id.as_str() == vpc)?;
    table(doc, vpc.main_route_table.as_ref()?.as_str())
}

/// Subnets whose traffic a table routes: explicitly associated, or implicitly as their
/// VPC's main table.
pub fn subnets_using<'a>(doc: &'a Document, table_id: &str) -> Vec<&'a Subnet> {
    let main_of: Vec<&str> = doc
        .vpcs
        .iter()
        .filter(|v| v.main_route_table.as_ref().is_some_and(|t| t.as_str() == table_id))
        .map(|v| v.id.as_str())
        .collect();
    doc.subnets
        .iter()
        .filter(|s| match &s.route_table {
            Some(t) => t.as_str() == table_id,
            None => main_of.contains(&s.vpc.as_str()),
        })
        .collect()
}

/// The component id a route target names (`None` for the local route).
pub fn target_id(target: &RouteTarget) -> Option<&str> {
    match target {
        RouteTarget::Local => None,
        RouteTarget::InternetGateway(id) => Some(id.as_str()),
        RouteTarget::EgressOnlyGateway(id) => Some(id.as_str()),
        RouteTarget::NatGateway(id) => Some(id.as_str()),
        RouteTarget::GatewayEndpoint(id) => Some(id.as_str()),
        RouteTarget::VpcPeering(id) => Some(id.as_str()),
        RouteTarget::NetworkInterface(id) => Some(id.as_str()),
    }
}

/// The ids of the public subnets, as the engine routes them (R4: the subnet's table has an
/// active route to an internet gateway attached to its VPC). The app draws and places by
/// this answer and has no rule of its own.
pub fn public_subnets(doc: &Document) -> Vec<&str> {
    let net = vpc_engine::resolve::resolve(doc);
    doc.subnets
        .iter()
        .map(|s| s.id.as_str())
        .filter(|id| net.subnet_is_public(id) == Some(true))
        .collect()
}

/// Display text of a route destination, in the user's terms.
pub fn destination_text(d: &RouteDestination) -> String {
    match d {
        RouteDestination::Cidr(c) => c.as_str().to_owned(),
        RouteDestination::PrefixList(s) => format!("pl-{}", s.key()),
    }
}

/// The subnet a point component is drawn in: the one it lives in (a NAT gateway, an
/// instance), else the first of its subnets (a function's, a database's subnet group, a
/// data store's, an interface endpoint's). The one place that knows where each kind lives.
pub fn home_subnet<'a>(doc: &'a Document, id: &str, kind: ComponentKind) -> Option<&'a str> {
    member_subnets(doc, id, kind).first().copied()
}

/// Every subnet a component is placed in (a function's VPC config, a database's subnet
/// group …), in the document's order; empty for one in no subnet.
pub fn member_subnets<'a>(doc: &'a Document, id: &str, kind: ComponentKind) -> Vec<&'a str> {
    let all = |v: &'a [SubnetId]| v.iter().map(|s| s.as_str()).collect::<Vec<_>>();
    match kind {
        ComponentKind::Function => doc
            .functions
            .iter()
            .find(|f| f.id.as_str() == id)
            .and_then(|f| f.vpc_config.as_ref())
            .map(|c| all(&c.subnets)),
        ComponentKind::Database => doc
            .databases
            .iter()
            .find(|d| d.id.as_str() == id)
            .map(|d| all(&d.subnet_group)),
        ComponentKind::DataStore => doc
            .data_stores
            .iter()
            .find(|d| d.id.as_str() == id)
            .map(|d| all(&d.subnets)),
        ComponentKind::Instance => doc
            .instances
            .iter()
            .find(|i| i.id.as_str() == id)
            .map(|i| vec![i.subnet.as_str()]),
        ComponentKind::NatGateway => doc
            .nat_gateways
            .iter()
            .find(|n| n.id.as_str() == id)
            .map(|n| vec![n.subnet.as_str()]),
        ComponentKind::InterfaceEndpoint => doc
            .endpoints
            .iter()
            .find(|e| e.id.as_str() == id)
            .map(|e| match &e.kind {
                EndpointKind::Interface { subnets, .. } => all(subnets),
                EndpointKind::Gateway { .. } => vec![],
            }),
        _ => None,
    }
    .unwrap_or_default()
}

/// The ids of the components a security group is attached to (functions, databases, data
/// stores, instances, interface endpoints), in the document's order.
pub fn sg_users<'a>(doc: &'a Document, sg: &str) -> Vec<&'a str> {
    let has = |list: &[SgId]| list.iter().any(|s| s.as_str() == sg);
    let functions = doc
        .functions
        .iter()
        .filter(|f| f.vpc_config.as_ref().is_some_and(|c| has(&c.security_groups)))
        .map(|f| f.id.as_str());
    let databases = doc
        .databases
        .iter()
        .filter(|d| has(&d.security_groups))
        .map(|d| d.id.as_str());
    let stores = doc
        .data_stores
        .iter()
        .filter(|d| has(&d.security_groups))
        .map(|d| d.id.as_str());
    let instances = doc
        .instances
        .iter()
        .filter(|i| has(&i.security_groups))
        .map(|i| i.id.as_str());
    let endpoints = doc
        .endpoints
        .iter()
        .filter(|e| matches!(&e.kind, EndpointKind::Interface { security_groups, .. } if has(security_groups)))
        .map(|e| e.id.as_str());
    functions
        .chain(databases)
        .chain(stores)
        .chain(instances)
        .chain(endpoints)
        .collect()
}

/// The VPC a component belongs to, when it belongs to one.
pub fn vpc_of(doc: &Document, id: &str) -> Option<String> {
    let via_subnet = |s: &str| subnet(doc, s).map(|s| s.vpc.0.clone());
    if doc.vpcs.iter().any(|v| v.id.as_str() == id) {
        return Some(id.to_owned());
    }
    if let Some(s) = subnet(doc, id) {
        return Some(s.vpc.0.clone());
    }
    if let Some(t) = table(doc, id) {
        return Some(t.vpc.0.clone());
    }
    if let Some(g) = doc.internet_gateways.iter().find(|g| g.id.as_str() == id) {
        return g.vpc.as_ref().map(|v| v.0.clone());
    }
    if let Some(g) = doc.egress_only_gateways.iter().find(|g| g.id.as_str() == id) {
        return g.vpc.as_ref().map(|v| v.0.clone());
    }
    for kind in [
        ComponentKind::NatGateway,
        ComponentKind::Function,
        ComponentKind::Database,
        ComponentKind::DataStore,
        ComponentKind::Instance,
    ] {
        if let Some(s) = home_subnet(doc, id, kind) {
            return via_subnet(s);
        }
    }
    if let Some(e) = doc.endpoints.iter().find(|e| e.id.as_str() == id) {
        return Some(e.vpc.0.clone());
    }
    if let Some(g) = doc.security_groups.iter().find(|g| g.id.as_str() == id) {
        return Some(g.vpc.0.clone());
    }
    if let Some(n) = doc.network_acls.iter().find(|n| n.id.as_str() == id) {
        return Some(n.vpc.0.clone());
    }
    None
}

/// Whether an id is used by any component.
pub fn id_taken(doc: &Document, id: &str) -> bool {
    id == "internet" || id == "internet-ipv6" || doc.components().any(|(c, _)| c == id)
}

/// The first `prefix-N` (N = 1, 2, …) no component uses yet.
pub fn fresh_id(doc: &Document, prefix: &str) -> String {
    // A scan per candidate rather than a set of taken ids: designs are small, and the set's
    // tree and sort code would add kilobytes to the download.
    (1..)
        .map(|n| format!("{prefix}-{n}"))
        .find(|c| !id_taken(doc, c))
        .expect("ids are unbounded")
}

/// Gateway endpoints associated with a table.
pub fn endpoints_of_table<'a>(doc: &'a Document, table_id: &str) -> Vec<&'a vpc_engine::model::Endpoint> {
    doc.endpoints
        .iter()
        .filter(|e| match &e.kind {
            EndpointKind::Gateway { route_tables } => route_tables.iter().any(|t| t.as_str() == table_id),
            EndpointKind::Interface { .. } => false,
        })
        .collect()
}

/// Layout of a component, if it has one.
pub fn layout(doc: &Document, id: &str) -> Option<Rect> {
    doc.layout.get(id).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starter() -> Document {
        vpc_engine::model::load(include_str!("../designs/starter.json")).unwrap()
    }

    #[test]
    fn starter_public_and_private_subnets_are_derived_from_routes() {
        let doc = starter();
        assert_eq!(public_subnets(&doc), ["public-a", "public-b"]);
    }

    #[test]
    fn detaching_the_gateway_makes_the_subnet_private() {
        let mut doc = starter();
        doc.internet_gateways[0].vpc = None;
        assert!(public_subnets(&doc).is_empty());
    }

    #[test]
    fn main_table_serves_subnets_without_an_association() {
        let doc = starter();
        let users: Vec<_> = subnets_using(&doc, "private-rt")
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        assert_eq!(users, ["private-a", "private-b"]);
        let users: Vec<_> = subnets_using(&doc, "public-rt").iter().map(|s| s.id.as_str()).collect();
        assert_eq!(users, ["public-a", "public-b"]);
    }

    #[test]
    fn fresh_ids_skip_taken_ones() {
        let mut doc = starter();
        assert_eq!(fresh_id(&doc, "subnet"), "subnet-1");
        doc.subnets.push(Subnet {
            id: "subnet-1".into(),
            ..Default::default()
        });
        assert_eq!(fresh_id(&doc, "subnet"), "subnet-2");
    }

    #[test]
    fn components_know_their_vpc() {
        let doc = starter();
        assert_eq!(vpc_of(&doc, "orders-fn").as_deref(), Some("main-vpc"));
        assert_eq!(vpc_of(&doc, "orders-db").as_deref(), Some("main-vpc"));
        assert_eq!(vpc_of(&doc, "main-igw").as_deref(), Some("main-vpc"));
        assert_eq!(vpc_of(&doc, "s3"), None);
    }
}

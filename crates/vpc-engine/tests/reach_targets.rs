//! Procedure D (aws-rules.md §13): databases and instances from a function, in the same VPC,
//! over peering, or over the internet; and the inbound question "can the internet reach it?".

mod reach_support;

use reach_support::*;
use serde_json::json;
use vpc_engine::model::{Document, RouteTarget, SgPeer, SgRule};
use vpc_engine::reach::Disposition;
use vpc_engine::reach::Reach::{Reachable, Unreachable};

#[test]
fn database_group_admitting_the_function_group_lets_it_in() {
    let v = check(&lab(), "fn", "db", Reachable, None, "S5.db-allows-function");
    has_hop(&v, "security_group_in", "db-sg", "S5.db-allows-function");
    has_hop(&v, "route_table", "private-rt", "R1.local-route");
    explains(&v, "DB3.same-vpc");
    assert_eq!(v.port, 5432);
}

#[test]
fn database_group_without_a_rule_for_the_function_blocks_it() {
    let mut doc = lab();
    sg(&mut doc, "db-sg").inbound = vec![SgRule::tcp(5432, SgPeer::SecurityGroup("other-sg".into()))];
    let v = check(&doc, "fn", "db", Unreachable, Some("db-sg"), "S5.db-denies-function");
    explains(&v, "S2.no-inbound");
    assert!(v.traces.iter().all(|t| t.disposition == Disposition::DeniedBySg));
}

#[test]
fn database_rule_on_the_wrong_port_does_not_count() {
    let mut doc = lab();
    database(&mut doc, "db").port = Some(6543);
    check(&doc, "fn", "db", Unreachable, Some("db-sg"), "S5.db-denies-function");
}

#[test]
fn database_group_admitting_the_function_subnets_by_cidr_lets_it_in() {
    let mut doc = lab();
    sg(&mut doc, "db-sg").inbound = vec![SgRule::tcp(5432, SgPeer::Cidr("10.0.8.0/21".into()))];
    check(&doc, "fn", "db", Reachable, None, "S1.allowed");
    // A CIDR covering only part of a function subnet cannot promise its ENI's address.
    sg(&mut doc, "db-sg").inbound = vec![SgRule::tcp(5432, SgPeer::Cidr("10.0.10.0/25".into()))];
    check(&doc, "fn", "db", Unreachable, Some("db-sg"), "S5.db-denies-function");
}

#[test]
fn nacl_on_the_database_subnet_decides_for_functions_in_other_subnets() {
    let mut doc = lab();
    function(&mut doc, "fn").vpc_config.as_mut().unwrap().subnets = vec!["private-b".into()];
    add(
        &mut doc,
        "network_acls",
        json!({ "id": "db-nacl", "vpc": "vpc",
                "inbound": [{ "number": 100, "action": "allow", "protocol": "tcp", "from_port": 5432, "to_port": 5432, "cidr": "10.0.0.0/16" }],
                "outbound": [{ "number": 100, "action": "allow", "protocol": "tcp", "from_port": 1024, "to_port": 65535, "cidr": "10.0.0.0/16" }] }),
    );
    subnet(&mut doc, "private-a").nacl = Some("db-nacl".into());
    let v = check(&doc, "fn", "db", Reachable, None, "S5.db-allows-function");
    has_hop(&v, "nacl_in", "db-nacl", "N1.allowed");
    // Replies leave the database subnet on ephemeral ports; without that rule they are dropped.
    nacl(&mut doc, "db-nacl").outbound.clear();
    check(&doc, "fn", "db", Unreachable, Some("db-nacl"), "N3.custom-denies-all");
    nacl(&mut doc, "db-nacl").outbound = vec![serde_json::from_value(json!(
        { "number": 100, "action": "allow", "protocol": "tcp", "from_port": 5432, "to_port": 5432, "cidr": "10.0.0.0/16" }
    ))
    .unwrap()];
    check(&doc, "fn", "db", Unreachable, Some("db-nacl"), "N4.ephemeral-return");
    nacl(&mut doc, "db-nacl").inbound.clear();
    let v = check(&doc, "fn", "db", Unreachable, Some("db-nacl"), "N3.custom-denies-all");
    explains(&v, "N1.denied-in");
}

#[test]
fn instance_is_reached_on_its_port() {
    let mut doc = lab();
    add(
        &mut doc,
        "security_groups",
        json!({ "id": "web-sg", "vpc": "vpc", "inbound": [
            { "protocol": "tcp", "from_port": 8080, "to_port": 8080, "peer": { "security_group": "fn-sg" } }
        ]}),
    );
    add(
        &mut doc,
        "instances",
        json!({ "id": "web", "subnet": "private-b", "security_groups": ["web-sg"], "port": 8080 }),
    );
    let v = check(&doc, "fn", "web", Reachable, None, "S3.group-reference");
    assert_eq!(v.port, 8080);
    sg(&mut doc, "web-sg").inbound.clear();
    check(&doc, "fn", "web", Unreachable, Some("web-sg"), "S2.no-inbound");
}

/// The lab plus a second VPC `shared` (10.1.0.0/16) holding the database `shared-db`, and
/// a peering connection `pcx` with routes on both sides.
fn peered() -> Document {
    let mut doc = lab();
    add(
        &mut doc,
        "vpcs",
        json!({ "id": "shared", "cidr": "10.1.0.0/16", "enable_dns_hostnames": true, "main_route_table": "shared-rt" }),
    );
    add(
        &mut doc,
        "route_tables",
        json!({ "id": "shared-rt", "vpc": "shared", "routes": [
            { "destination": { "cidr": "10.0.0.0/16" }, "target": { "kind": "vpc_peering", "id": "pcx" } }
        ]}),
    );
    add(
        &mut doc,
        "subnets",
        json!({ "id": "shared-a", "vpc": "shared", "az": "us-east-1a", "cidr": "10.1.0.0/24" }),
    );
    add(
        &mut doc,
        "subnets",
        json!({ "id": "shared-b", "vpc": "shared", "az": "us-east-1b", "cidr": "10.1.1.0/24" }),
    );
    add(
        &mut doc,
        "peering_connections",
        json!({ "id": "pcx", "requester_vpc": "vpc", "accepter_vpc": "shared" }),
    );
    add(
        &mut doc,
        "security_groups",
        json!({ "id": "shared-db-sg", "vpc": "shared", "inbound": [
            { "protocol": "tcp", "from_port": 3306, "to_port": 3306, "peer": { "security_group": "fn-sg" } }
        ]}),
    );
    add(
        &mut doc,
        "databases",
        json!({ "id": "shared-db", "engine": "mysql", "subnet_group": ["shared-a", "shared-b"], "security_groups": ["shared-db-sg"] }),
    );
    table(&mut doc, "private-rt")
        .routes
        .push(route("10.1.0.0/16", RouteTarget::VpcPeering("pcx".into())));
    doc
}

#[test]
fn peering_with_routes_both_ways_reaches_a_database_in_another_vpc() {
    let v = check(&peered(), "fn", "shared-db", Reachable, None, "S5.db-allows-function");
    explains(&v, "DB3.peering");
    has_hop(&v, "peering_connection", "pcx", "DB3.peering");
    has_hop(&v, "route_table", "shared-rt", "DB3.peering");
    assert_eq!(v.port, 3306);
}

#[test]
fn peering_without_the_route_back_fails() {
    let mut doc = peered();
    table(&mut doc, "shared-rt").routes.clear();
    check(&doc, "fn", "shared-db", Unreachable, Some("shared-rt"), "DB3.other-vpc");
}

#[test]
fn database_in_another_vpc_without_a_peering_route_is_out_of_reach() {
    let mut doc = peered();
    table(&mut doc, "private-rt")
        .routes
        .retain(|r| !matches!(r.target, RouteTarget::VpcPeering(_)));
    // 10.1.0.0/24 matches nothing but 0.0.0.0/0 → NAT, which is not a way into a private VPC.
    let v = check(
        &doc,
        "fn",
        "shared-db",
        Unreachable,
        Some("private-rt"),
        "DB3.other-vpc",
    );
    assert_eq!(v.traces[0].disposition, Disposition::NoRoute);
    table(&mut doc, "private-rt").routes.clear();
    check(
        &doc,
        "fn",
        "shared-db",
        Unreachable,
        Some("private-rt"),
        "DB3.other-vpc",
    );
}

#[test]
fn route_over_a_peering_connection_to_another_vpc_fails() {
    let mut doc = peered();
    add(&mut doc, "vpcs", json!({ "id": "third", "cidr": "10.2.0.0/16" }));
    add(
        &mut doc,
        "peering_connections",
        json!({ "id": "pcx-third", "requester_vpc": "vpc", "accepter_vpc": "third" }),
    );
    table(&mut doc, "private-rt")
        .routes
        .retain(|r| !matches!(r.target, RouteTarget::VpcPeering(_)));
    table(&mut doc, "private-rt")
        .routes
        .push(route("10.1.0.0/16", RouteTarget::VpcPeering("pcx-third".into())));
    let v = check(&doc, "fn", "shared-db", Unreachable, Some("pcx-third"), "DB3.other-vpc");
    explains(&v, "F.peering-not-transitive");
}

#[test]
fn peering_is_not_transitive() {
    let mut doc = peered();
    add(
        &mut doc,
        "vpcs",
        json!({ "id": "far", "cidr": "10.2.0.0/16", "main_route_table": "far-rt" }),
    );
    add(
        &mut doc,
        "route_tables",
        json!({ "id": "far-rt", "vpc": "far", "routes": [
            { "destination": { "cidr": "10.0.0.0/16" }, "target": { "kind": "vpc_peering", "id": "shared-far" } }
        ]}),
    );
    add(
        &mut doc,
        "subnets",
        json!({ "id": "far-a", "vpc": "far", "az": "us-east-1a", "cidr": "10.2.0.0/24" }),
    );
    add(
        &mut doc,
        "peering_connections",
        json!({ "id": "shared-far", "requester_vpc": "shared", "accepter_vpc": "far" }),
    );
    add(
        &mut doc,
        "databases",
        json!({ "id": "far-db", "subnet_group": ["far-a"], "security_groups": ["shared-db-sg"] }),
    );
    // vpc → shared → far: the function's table sends far's range to pcx, which does not
    // join far; peered VPCs do not forward for each other.
    table(&mut doc, "private-rt")
        .routes
        .push(route("10.2.0.0/16", RouteTarget::VpcPeering("pcx".into())));
    let v = check(&doc, "fn", "far-db", Unreachable, Some("pcx"), "DB3.other-vpc");
    explains(&v, "F.peering-not-transitive");
}

#[test]
fn targets_in_unconnected_vpcs_are_unreachable_for_want_of_a_connection() {
    let mut doc = peered();
    doc.peering_connections.clear();
    // Without the peering connection nothing joins vpc to shared: the learner's question
    // "can fn reach shared-db?" is answered, and the answer names the missing link (DB3).
    let v = check(&doc, "fn", "shared-db", Unreachable, Some("vpc"), "DB3.not-connected");
    assert_eq!(v.traces.len(), 1, "one shared answer, not a walk from every subnet");
    assert_eq!(v.port, 3306);
    let text = vpc_engine::explain::render(&v.message, vpc_engine::explain::Lang::En);
    assert!(text.contains("no peering connection"), "{text}");
    // Functions of the same VPC share the one trace.
    add(
        &mut doc,
        "functions",
        json!({ "id": "fn2", "vpc_config": { "subnets": ["private-b"], "security_groups": ["fn-sg"] } }),
    );
    let analysis = vpc_engine::analyze(&doc);
    let to = vpc_engine::reach::Destination::Component("shared-db".into());
    assert!(analysis.verdict("fn", &to).is_none(), "not listed pair by pair");
    let a = analysis.answer("fn", &to, None).unwrap();
    let b = analysis.answer("fn2", &to, None).unwrap();
    assert!(std::sync::Arc::ptr_eq(&a.traces[0], &b.traces[0]));
    assert_eq!(analysis.unconnected.len(), 1, "{:?}", analysis.unconnected);
    let g = &analysis.unconnected[0];
    assert_eq!((g.vpc.as_str(), g.other_vpc.as_str()), ("vpc", "shared"));
    assert_eq!(g.functions.len(), 2);
    // The internet's view of it is still given, and so is a function outside any VPC's.
    assert!(analysis.verdict("internet", &to).is_some());
    function(&mut doc, "fn").vpc_config = None;
    check(
        &doc,
        "fn",
        "shared-db",
        Unreachable,
        Some("fn"),
        "L3.private-unreachable",
    );
}

/// The lab's database made public: publicly accessible, in the public subnets, with a group
/// open to the internet on its port.
fn public_db() -> Document {
    let mut doc = lab();
    let db = database(&mut doc, "db");
    db.publicly_accessible = true;
    db.subnet_group = vec!["public-a".into(), "public-b".into()];
    sg(&mut doc, "db-sg")
        .inbound
        .push(SgRule::tcp(5432, SgPeer::Cidr("0.0.0.0/0".into())));
    doc
}

#[test]
fn internet_reaches_a_publicly_accessible_database_in_public_subnets() {
    let v = check(
        &public_db(),
        "internet",
        "db",
        Reachable,
        None,
        "DB2.publicly-accessible",
    );
    let kinds: Vec<&str> = v.path.iter().map(|h| h.kind.key()).collect();
    assert_eq!(
        kinds,
        [
            "internet_gateway",
            "route_table",
            "nacl_in",
            "security_group_in",
            "destination",
            "nacl_out"
        ],
        "{}",
        dump(&v)
    );
}

#[test]
fn internet_does_not_reach_a_private_database() {
    let v = check(
        &lab(),
        "internet",
        "db",
        Unreachable,
        Some("db"),
        "DB2.not-publicly-accessible",
    );
    // The sentence names the VPC whose private address the endpoint resolves to.
    assert!(v.message.args.contains(&("vpc", "vpc".into())), "{}", dump(&v));
}

#[test]
fn internet_does_not_reach_into_a_vpc_without_an_internet_gateway() {
    let mut doc = peered();
    database(&mut doc, "shared-db").publicly_accessible = true;
    let v = check(
        &doc,
        "internet",
        "shared-db",
        Unreachable,
        Some("shared"),
        "G1.no-internet-gateway",
    );
    assert_eq!(v.path[0].kind.key(), "internet_gateway");
    database(&mut doc, "shared-db").publicly_accessible = false;
    let v = check(
        &doc,
        "internet",
        "shared-db",
        Unreachable,
        Some("shared"),
        "G1.no-internet-gateway",
    );
    explains(&v, "DB2.not-publicly-accessible");
}

#[test]
fn publicly_accessible_database_needs_every_subnet_public() {
    let mut doc = public_db();
    database(&mut doc, "db").subnet_group = vec!["public-a".into(), "private-b".into()];
    check(
        &doc,
        "internet",
        "db",
        Unreachable,
        Some("private-rt"),
        "DB2.not-public-subnets",
    );
}

#[test]
fn publicly_accessible_database_still_needs_its_group_open() {
    let mut doc = public_db();
    sg(&mut doc, "db-sg")
        .inbound
        .retain(|r| matches!(r.peer, SgPeer::SecurityGroup(_)));
    check(&doc, "internet", "db", Unreachable, Some("db-sg"), "S2.no-inbound");
}

#[test]
fn internet_reaches_an_instance_with_a_public_ip_in_a_public_subnet() {
    let mut doc = lab();
    add(
        &mut doc,
        "security_groups",
        json!({ "id": "web-sg", "vpc": "vpc", "inbound": [
            { "protocol": "tcp", "from_port": 443, "to_port": 443, "peer": { "cidr": "0.0.0.0/0" } }
        ]}),
    );
    add(
        &mut doc,
        "instances",
        json!({ "id": "web", "subnet": "public-b", "security_groups": ["web-sg"], "public_ip": true, "port": 443 }),
    );
    check(&doc, "internet", "web", Reachable, None, "EC1.public-instance");
    // The same instance in a private subnet: a public IP alone does not help (G1).
    instance(&mut doc, "web").subnet = "private-b".into();
    check(
        &doc,
        "internet",
        "web",
        Unreachable,
        Some("private-rt"),
        "EC1.private-subnet",
    );
    // …and in a public subnet without a public IP it is unreachable too.
    let web = instance(&mut doc, "web");
    web.subnet = "public-b".into();
    web.public_ip = false;
    check(&doc, "internet", "web", Unreachable, Some("web"), "G1.no-public-ip");
}

#[test]
fn internet_to_a_public_target_needs_the_subnet_nacl_open() {
    let mut doc = public_db();
    add(
        &mut doc,
        "network_acls",
        json!({ "id": "public-nacl", "vpc": "vpc",
                "inbound": [{ "number": 100, "action": "allow", "protocol": "tcp", "from_port": 5432, "to_port": 5432, "cidr": "0.0.0.0/0" }],
                "outbound": [{ "number": 100, "action": "allow", "protocol": "tcp", "from_port": 5432, "to_port": 5432, "cidr": "0.0.0.0/0" }] }),
    );
    subnet(&mut doc, "public-a").nacl = Some("public-nacl".into());
    check(
        &doc,
        "internet",
        "db",
        Unreachable,
        Some("public-nacl"),
        "N4.ephemeral-return",
    );
}

#[test]
fn function_outside_a_vpc_reaches_a_public_database_over_the_internet() {
    let mut doc = public_db();
    function(&mut doc, "fn").vpc_config = None;
    let v = check(&doc, "fn", "db", Reachable, None, "L3.public-target");
    explains(&v, "DB2.publicly-accessible");
    // Its address is unpredictable: only a rule for the whole internet admits it.
    sg(&mut doc, "db-sg")
        .inbound
        .retain(|r| matches!(r.peer, SgPeer::SecurityGroup(_)));
    check(&doc, "fn", "db", Unreachable, Some("db-sg"), "S2.no-inbound");
}

#[test]
fn function_in_a_peered_vpc_without_routes_reaches_a_public_database_through_its_nat() {
    let mut doc = public_db();
    add(
        &mut doc,
        "vpcs",
        json!({ "id": "apps", "cidr": "10.9.0.0/16", "main_route_table": "apps-rt" }),
    );
    add(
        &mut doc,
        "internet_gateways",
        json!({ "id": "apps-igw", "vpc": "apps" }),
    );
    add(
        &mut doc,
        "route_tables",
        json!({ "id": "apps-public-rt", "vpc": "apps", "routes": [
            { "destination": { "cidr": "0.0.0.0/0" }, "target": { "kind": "internet_gateway", "id": "apps-igw" } }
        ]}),
    );
    add(
        &mut doc,
        "route_tables",
        json!({ "id": "apps-rt", "vpc": "apps", "routes": [
            { "destination": { "cidr": "0.0.0.0/0" }, "target": { "kind": "nat_gateway", "id": "apps-nat" } }
        ]}),
    );
    add(
        &mut doc,
        "subnets",
        json!({ "id": "apps-public", "vpc": "apps", "az": "us-east-1a", "cidr": "10.9.0.0/24", "route_table": "apps-public-rt" }),
    );
    add(
        &mut doc,
        "subnets",
        json!({ "id": "apps-private", "vpc": "apps", "az": "us-east-1a", "cidr": "10.9.1.0/24" }),
    );
    add(
        &mut doc,
        "nat_gateways",
        json!({ "id": "apps-nat", "subnet": "apps-public" }),
    );
    add(
        &mut doc,
        "security_groups",
        json!({ "id": "apps-sg", "vpc": "apps", "outbound": [{ "protocol": "all", "peer": { "cidr": "0.0.0.0/0" } }] }),
    );
    add(
        &mut doc,
        "functions",
        json!({ "id": "apps-fn", "vpc_config": { "subnets": ["apps-private"], "security_groups": ["apps-sg"] } }),
    );
    // Peered, but no route sends the database's addresses over the peering connection:
    // outside its VPC the database's name resolves to its public address.
    add(
        &mut doc,
        "peering_connections",
        json!({ "id": "pcx", "requester_vpc": "apps", "accepter_vpc": "vpc" }),
    );
    let v = check(&doc, "apps-fn", "db", Reachable, None, "DB2.publicly-accessible");
    explains(&v, "L7.nat-path");
    has_hop(&v, "nat_gateway", "apps-nat", "G3.nat-gateway");
    has_hop(&v, "internet_gateway", "igw", "G1.internet-gateway");
}

#[test]
fn database_with_a_missing_subnet_group_is_undecided() {
    let mut doc = lab();
    database(&mut doc, "db").subnet_group = vec!["ghost".into()];
    let v = check(&doc, "fn", "db", Unreachable, Some("db"), "V.dangling-reference");
    assert!(v.traces.iter().all(|t| t.disposition == Disposition::InsufficientInfo));
}

/// Rule I1: CIDRs written with host bits are evaluated as the network EC2 stores. The
/// function's subnets `10.0.10.9/24` and `10.0.11.200/24` are 10.0.10.0/24 and 10.0.11.0/24,
/// inside the database group's `10.0.8.3/21` (10.0.8.0/21): the rule admits both ENIs.
#[test]
fn cidrs_with_host_bits_are_evaluated_as_their_network_address() {
    let mut doc = lab();
    subnet(&mut doc, "private-a").cidr = "10.0.10.9/24".into();
    subnet(&mut doc, "private-b").cidr = "10.0.11.200/24".into();
    sg(&mut doc, "db-sg").inbound = vec![SgRule::tcp(5432, SgPeer::Cidr("10.0.8.3/21".into()))];
    check(&doc, "fn", "db", Reachable, None, "S1.allowed");
    // The same rule narrowed to a block that holds neither network still blocks.
    sg(&mut doc, "db-sg").inbound = vec![SgRule::tcp(5432, SgPeer::Cidr("10.0.12.1/22".into()))];
    check(&doc, "fn", "db", Unreachable, Some("db-sg"), "S5.db-denies-function");
    let analysis = vpc_engine::analyze(&doc);
    let infos: Vec<&str> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.message.id.code() == "I1.cidr-host-bits")
        .filter_map(|d| d.component.as_ref().map(|c| c.as_str()))
        .collect();
    assert_eq!(infos, ["private-a", "private-b", "db-sg"]);
}

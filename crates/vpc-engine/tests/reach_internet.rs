//! Procedures A and B (aws-rules.md §13): the IPv4 and IPv6 internet from a VPC function,
//! one test per branch: route lookup, NAT gateway checks, NACL statelessness, partial.

mod reach_support;

use reach_support::*;
use serde_json::json;
use vpc_engine::explain::ExplanationId;
use vpc_engine::model::{Connectivity, RouteTarget, Tenancy};
use vpc_engine::reach::Disposition;
use vpc_engine::reach::Reach::{Partial, Reachable, Unreachable};

#[test]
fn nat_gateway_in_a_private_subnet_gives_no_internet() {
    let mut doc = lab();
    nat_gateway(&mut doc, "nat-a").subnet = "private-b".into();
    // private-b uses private-rt, whose 0.0.0.0/0 goes to the NAT itself, not to the IGW.
    let v = check(
        &doc,
        "fn",
        "internet",
        Unreachable,
        Some("private-rt"),
        "G3.nat-in-private-subnet",
    );
    assert!(
        v.traces.iter().all(|t| t.disposition == Disposition::GatewayUnusable),
        "{}",
        dump(&v)
    );
}

#[test]
fn nat_gateway_whose_subnet_has_no_internet_route_gives_no_internet() {
    let mut doc = lab();
    add(&mut doc, "route_tables", json!({ "id": "isolated-rt", "vpc": "vpc" }));
    subnet(&mut doc, "public-a").route_table = Some("isolated-rt".into());
    let v = check(
        &doc,
        "fn",
        "internet",
        Unreachable,
        Some("isolated-rt"),
        "G3.nat-in-private-subnet",
    );
    explains(&v, "R3.no-route");
}

#[test]
fn public_nat_gateway_without_an_elastic_ip_gives_no_internet() {
    let mut doc = lab();
    nat_gateway(&mut doc, "nat-a").elastic_ip = false;
    check(&doc, "fn", "internet", Unreachable, Some("nat-a"), "G3.nat-without-eip");
}

#[test]
fn private_nat_gateway_gives_no_internet() {
    let mut doc = lab();
    nat_gateway(&mut doc, "nat-a").connectivity = Connectivity::Private;
    check(&doc, "fn", "internet", Unreachable, Some("nat-a"), "G4.private-nat");
}

#[test]
fn deleting_the_nat_gateway_leaves_a_blackhole_route() {
    let mut doc = lab();
    doc.nat_gateways.clear();
    let v = check(&doc, "fn", "internet", Unreachable, Some("private-rt"), "R5.blackhole");
    assert!(v.traces.iter().all(|t| t.disposition == Disposition::BlackholeRoute));
    // Services over the public endpoint are cut too.
    check(&doc, "fn", "sqs", Unreachable, Some("private-rt"), "R5.blackhole");
}

#[test]
fn detaching_the_internet_gateway_blackholes_the_public_route() {
    let mut doc = lab();
    doc.internet_gateways[0].vpc = None;
    let v = check(&doc, "fn", "internet", Unreachable, Some("public-rt"), "R5.blackhole");
    explains(&v, "G3.nat-in-private-subnet");
}

#[test]
fn blackhole_route_does_not_fall_through_to_a_less_specific_one() {
    let mut doc = lab();
    // A more specific route for the database subnet to a NAT gateway that no longer exists
    // beats the VPC's local route, and drops the traffic instead of falling back to it.
    table(&mut doc, "private-rt")
        .routes
        .push(route("10.0.11.0/24", nat("nat-gone")));
    function(&mut doc, "fn").vpc_config.as_mut().unwrap().subnets = vec!["private-a".into()];
    database(&mut doc, "db").subnet_group = vec!["private-b".into(), "private-a".into()];
    check(&doc, "fn", "db", Unreachable, Some("private-rt"), "R5.blackhole");
}

#[test]
fn private_subnet_without_a_nat_route_has_no_internet() {
    let mut doc = lab();
    table(&mut doc, "private-rt").routes.clear();
    let v = check(
        &doc,
        "fn",
        "internet",
        Unreachable,
        Some("private-rt"),
        "L5.no-internet-route",
    );
    explains(&v, "R3.no-route");
    explains(&v, "R2.main-table");
    assert!(v.traces.iter().all(|t| t.disposition == Disposition::NoRoute));
}

#[test]
fn subnet_without_a_main_table_has_only_local_routes() {
    let mut doc = lab();
    doc.vpcs[0].main_route_table = None;
    // The implicit main table is named after the VPC.
    let v = check(&doc, "fn", "internet", Unreachable, Some("vpc"), "L5.no-internet-route");
    explains(&v, "R2.main-table");
    check(&doc, "fn", "db", Reachable, None, "S5.db-allows-function");
}

#[test]
fn longest_prefix_match_sends_a_subnet_route_past_the_local_route() {
    let mut doc = lab();
    add(
        &mut doc,
        "instances",
        json!({ "id": "firewall", "subnet": "public-b", "port": 443 }),
    );
    table(&mut doc, "private-rt")
        .routes
        .push(route("10.0.11.0/24", RouteTarget::NetworkInterface("firewall".into())));
    function(&mut doc, "fn").vpc_config.as_mut().unwrap().subnets = vec!["private-a".into()];
    database(&mut doc, "db").subnet_group = vec!["private-b".into()];
    let v = check(&doc, "fn", "db", Unreachable, Some("firewall"), "F.appliance-route");
    assert_eq!(v.traces[0].disposition, Disposition::InsufficientInfo);
    let route_hop = v.path.iter().find(|h| h.kind.key() == "route_table").unwrap();
    assert!(
        route_hop
            .because
            .args
            .contains(&("route", "10.0.11.0/24 → firewall".into())),
        "{}",
        dump(&v)
    );
}

#[test]
fn ipv4_and_ipv6_routes_are_looked_up_separately() {
    let mut doc = lab();
    doc.vpcs[0].ipv6_cidr = Some("2600:1f18:abc:de00::/56".into());
    subnet(&mut doc, "private-a").ipv6_cidr = Some("2600:1f18:abc:de01::/64".into());
    subnet(&mut doc, "private-b").ipv6_cidr = Some("2600:1f18:abc:de02::/64".into());
    add(&mut doc, "egress_only_gateways", json!({ "id": "eigw", "vpc": "vpc" }));
    function(&mut doc, "fn")
        .vpc_config
        .as_mut()
        .unwrap()
        .ipv6_allowed_for_dual_stack = true;
    let rt = table(&mut doc, "private-rt");
    rt.routes.clear();
    rt.routes
        .push(route("::/0", RouteTarget::EgressOnlyGateway("eigw".into())));
    // ::/0 does not cover IPv4 (R3).
    check(
        &doc,
        "fn",
        "internet",
        Unreachable,
        Some("private-rt"),
        "L5.no-internet-route",
    );
    let v = check(&doc, "fn", "internet-ipv6", Reachable, None, "L8.ipv6-path");
    explains(&v, "G2.egress-only");
    has_hop(&v, "egress_only_gateway", "eigw", "G2.egress-only");
}

fn dual_stack_lab() -> vpc_engine::model::Document {
    let mut doc = lab();
    doc.vpcs[0].ipv6_cidr = Some("2600:1f18:abc:de00::/56".into());
    subnet(&mut doc, "private-a").ipv6_cidr = Some("2600:1f18:abc:de01::/64".into());
    subnet(&mut doc, "private-b").ipv6_cidr = Some("2600:1f18:abc:de02::/64".into());
    add(&mut doc, "egress_only_gateways", json!({ "id": "eigw", "vpc": "vpc" }));
    function(&mut doc, "fn")
        .vpc_config
        .as_mut()
        .unwrap()
        .ipv6_allowed_for_dual_stack = true;
    table(&mut doc, "private-rt")
        .routes
        .push(route("::/0", RouteTarget::EgressOnlyGateway("eigw".into())));
    doc
}

#[test]
fn ipv6_through_an_egress_only_gateway_reaches_the_internet() {
    let doc = dual_stack_lab();
    check(&doc, "fn", "internet-ipv6", Reachable, None, "L8.ipv6-path");
    check(&doc, "fn", "internet", Reachable, None, "L7.nat-path");
}

#[test]
fn ipv6_is_off_unless_the_function_allows_it() {
    let mut doc = dual_stack_lab();
    function(&mut doc, "fn")
        .vpc_config
        .as_mut()
        .unwrap()
        .ipv6_allowed_for_dual_stack = false;
    check(&doc, "fn", "internet-ipv6", Unreachable, Some("fn"), "L8.ipv6-disabled");
}

#[test]
fn ipv6_needs_every_function_subnet_dual_stack() {
    let mut doc = dual_stack_lab();
    subnet(&mut doc, "private-b").ipv6_cidr = None;
    let v = check(
        &doc,
        "fn",
        "internet-ipv6",
        Unreachable,
        Some("private-b"),
        "L8.not-dual-stack",
    );
    // Even the dual-stack subnet's ENI gets no IPv6: the condition is on the whole function.
    assert!(v.traces.iter().all(|t| !t.disposition.is_success()));
}

#[test]
fn ipv6_without_a_default_route_goes_nowhere() {
    let mut doc = dual_stack_lab();
    table(&mut doc, "private-rt")
        .routes
        .retain(|r| !matches!(r.target, RouteTarget::EgressOnlyGateway(_)));
    let v = check(
        &doc,
        "fn",
        "internet-ipv6",
        Unreachable,
        Some("private-rt"),
        "L8.no-ipv6-route",
    );
    explains(&v, "R3.no-route");
}

#[test]
fn a_function_in_an_ipv4_only_vpc_is_told_it_has_no_ipv6_internet() {
    // The lab's VPC has no IPv6 block and fn does not ask for IPv6: "can it reach the IPv6
    // internet?" is answered no, at the function, for the setting it lacks (L8).
    let doc = lab();
    check(&doc, "fn", "internet-ipv6", Unreachable, Some("fn"), "L8.ipv6-disabled");
    // With the setting on, the subnets are what is missing: none is dual-stack (L8).
    let mut doc = lab();
    function(&mut doc, "fn")
        .vpc_config
        .as_mut()
        .unwrap()
        .ipv6_allowed_for_dual_stack = true;
    let v = check(
        &doc,
        "fn",
        "internet-ipv6",
        Unreachable,
        Some("private-a"),
        "L8.not-dual-stack",
    );
    assert_eq!(v.traces.len(), 2);
    // A function outside any VPC has no IPv6 either: "Lambda doesn't support … outbound IPv6
    // connections for functions that are not connected to a VPC" (Lambda DG, configuration-vpc,
    // IPv6 support).
    let mut doc = lab();
    function(&mut doc, "fn").vpc_config = None;
    check(&doc, "fn", "internet-ipv6", Unreachable, Some("fn"), "L8.not-in-vpc");
}

#[test]
fn ipv6_needs_a_security_group_rule_for_the_whole_ipv6_internet() {
    let mut doc = dual_stack_lab();
    sg(&mut doc, "fn-sg")
        .outbound
        .retain(|r| !matches!(&r.peer, vpc_engine::model::SgPeer::Cidr(c) if c.as_str() == "::/0"));
    check(
        &doc,
        "fn",
        "internet-ipv6",
        Unreachable,
        Some("fn-sg"),
        "S2.no-outbound",
    );
    check(&doc, "fn", "internet", Reachable, None, "L7.nat-path");
}

#[test]
fn security_group_without_outbound_rules_blocks_everything() {
    let mut doc = lab();
    sg(&mut doc, "fn-sg").outbound.clear();
    check(&doc, "fn", "internet", Unreachable, Some("fn-sg"), "S2.no-outbound");
    check(&doc, "fn", "db", Unreachable, Some("fn-sg"), "S2.no-outbound");
}

#[test]
fn security_group_rule_for_part_of_the_internet_does_not_open_the_internet() {
    let mut doc = lab();
    let out = &mut sg(&mut doc, "fn-sg").outbound;
    out.clear();
    out.push(vpc_engine::model::SgRule::tcp(
        443,
        vpc_engine::model::SgPeer::Cidr("52.0.0.0/8".into()),
    ));
    check(&doc, "fn", "internet", Unreachable, Some("fn-sg"), "S2.no-outbound");
}

fn with_nacl(
    doc: &mut vpc_engine::model::Document,
    id: &str,
    subnets: &[&str],
    inbound: serde_json::Value,
    outbound: serde_json::Value,
) {
    add(
        doc,
        "network_acls",
        json!({ "id": id, "vpc": "vpc", "inbound": inbound, "outbound": outbound }),
    );
    for s in subnets {
        subnet(doc, s).nacl = Some(id.into());
    }
}

#[test]
fn nacl_denying_ephemeral_return_ports_drops_the_reply() {
    let mut doc = lab();
    // Outbound HTTPS is allowed, but inbound only admits 443: the reply to the function's
    // ephemeral port is dropped (NACLs are stateless).
    with_nacl(
        &mut doc,
        "strict-nacl",
        &["private-a", "private-b"],
        json!([{ "number": 100, "action": "allow", "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr": "0.0.0.0/0" }]),
        json!([{ "number": 100, "action": "allow", "protocol": "all", "cidr": "0.0.0.0/0" }]),
    );
    let v = check(
        &doc,
        "fn",
        "internet",
        Unreachable,
        Some("strict-nacl"),
        "N4.ephemeral-return",
    );
    assert!(v.traces.iter().all(|t| t.disposition == Disposition::DeniedByNacl));
    // The request got all the way out: the destination hop is before the failing reply hop.
    assert!(
        v.path.iter().any(|h| h.kind.key() == "destination" && h.allowed),
        "{}",
        dump(&v)
    );
    // Opening the ephemeral range fixes it.
    nacl(&mut doc, "strict-nacl").inbound.push(serde_json::from_value(json!(
        { "number": 110, "action": "allow", "protocol": "tcp", "from_port": 1024, "to_port": 65535, "cidr": "0.0.0.0/0" }
    )).unwrap());
    check(&doc, "fn", "internet", Reachable, None, "L7.nat-path");
}

#[test]
fn nacl_allowing_only_part_of_the_ephemeral_range_still_drops_replies() {
    let mut doc = lab();
    with_nacl(
        &mut doc,
        "half-nacl",
        &["private-a", "private-b"],
        json!([{ "number": 100, "action": "allow", "protocol": "tcp", "from_port": 32768, "to_port": 65535, "cidr": "0.0.0.0/0" }]),
        json!([{ "number": 100, "action": "allow", "protocol": "all", "cidr": "0.0.0.0/0" }]),
    );
    check(
        &doc,
        "fn",
        "internet",
        Unreachable,
        Some("half-nacl"),
        "N4.ephemeral-return",
    );
}

#[test]
fn custom_nacl_with_no_rules_denies_everything() {
    let mut doc = lab();
    with_nacl(
        &mut doc,
        "empty-nacl",
        &["private-a", "private-b"],
        json!([]),
        json!([]),
    );
    let v = check(
        &doc,
        "fn",
        "internet",
        Unreachable,
        Some("empty-nacl"),
        "N3.custom-denies-all",
    );
    explains(&v, "N1.denied-out");
    // The database's address is in private-a: the ENI there reaches it without crossing a
    // subnet boundary, so no NACL applies (N1); the ENI in private-b is stopped by the NACL.
    let v = check(&doc, "fn", "db", Partial, Some("empty-nacl"), "N3.custom-denies-all");
    assert!(
        v.traces[0]
            .hops
            .iter()
            .any(|h| h.because.id == ExplanationId::N1SameSubnet),
        "{}",
        dump(&v)
    );
    assert_eq!(v.traces[1].disposition, Disposition::DeniedByNacl);
}

#[test]
fn nacl_rules_are_read_lowest_number_first() {
    let mut doc = lab();
    with_nacl(
        &mut doc,
        "ordered-nacl",
        &["private-a", "private-b"],
        json!([{ "number": 100, "action": "allow", "protocol": "all", "cidr": "0.0.0.0/0" }]),
        json!([
            { "number": 200, "action": "allow", "protocol": "all", "cidr": "0.0.0.0/0" },
            { "number": 100, "action": "deny", "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr": "0.0.0.0/0" }
        ]),
    );
    let v = check(
        &doc,
        "fn",
        "internet",
        Unreachable,
        Some("ordered-nacl"),
        "N1.denied-out",
    );
    let hop = v.path.last().unwrap();
    assert!(hop.because.args.contains(&("rule", "100".into())), "{}", dump(&v));
    nacl(&mut doc, "ordered-nacl")
        .outbound
        .iter_mut()
        .for_each(|r| r.number = if r.number == 100 { 300 } else { 100 });
    check(&doc, "fn", "internet", Reachable, None, "L7.nat-path");
}

#[test]
fn nat_subnet_nacl_must_admit_the_function_subnet() {
    let mut doc = lab();
    with_nacl(
        &mut doc,
        "public-nacl",
        &["public-a", "public-b"],
        json!([
            { "number": 100, "action": "deny", "protocol": "all", "cidr": "10.0.0.0/16" },
            { "number": 200, "action": "allow", "protocol": "all", "cidr": "0.0.0.0/0" }
        ]),
        json!([{ "number": 100, "action": "allow", "protocol": "all", "cidr": "0.0.0.0/0" }]),
    );
    let v = check(&doc, "fn", "internet", Unreachable, Some("public-nacl"), "N1.denied-in");
    assert_eq!(v.path.last().unwrap().kind.key(), "nacl_in");
}

#[test]
fn answer_is_partial_when_only_one_subnet_has_a_nat_route() {
    let mut doc = lab();
    add(&mut doc, "route_tables", json!({ "id": "isolated-rt", "vpc": "vpc" }));
    subnet(&mut doc, "private-b").route_table = Some("isolated-rt".into());
    let v = check(
        &doc,
        "fn",
        "internet",
        Partial,
        Some("isolated-rt"),
        "L5.no-internet-route",
    );
    assert_eq!(v.message.id, ExplanationId::FPartial);
    let arg = |name: &str| {
        v.message
            .args
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    };
    assert_eq!(arg("subnets").as_deref(), Some("private-a"));
    assert_eq!(arg("azs").as_deref(), Some("us-east-1a"));
    assert_eq!(arg("other").as_deref(), Some("private-b"));
    assert_eq!(v.traces[0].disposition, Disposition::Delivered);
    assert_eq!(v.traces[1].disposition, Disposition::NoRoute);
    // The path shown is the failing one.
    assert!(v.path.iter().any(|h| !h.allowed));
}

#[test]
fn lambda_cannot_attach_to_a_dedicated_tenancy_vpc() {
    let mut doc = lab();
    doc.vpcs[0].tenancy = Tenancy::Dedicated;
    let v = check(
        &doc,
        "fn",
        "internet",
        Unreachable,
        Some("vpc"),
        "L11.dedicated-tenancy",
    );
    assert_eq!(v.traces[0].disposition, Disposition::NotInVpc);
    check(&doc, "fn", "db", Unreachable, Some("vpc"), "L11.dedicated-tenancy");
}

#[test]
fn missing_subnet_is_insufficient_information_not_a_panic() {
    let mut doc = lab();
    function(&mut doc, "fn").vpc_config.as_mut().unwrap().subnets = vec!["private-a".into(), "ghost".into()];
    let v = check(&doc, "fn", "internet", Partial, Some("fn"), "V.dangling-reference");
    assert_eq!(v.traces[1].disposition, Disposition::InsufficientInfo);
}

#[test]
fn function_without_security_groups_cannot_be_placed() {
    let mut doc = lab();
    function(&mut doc, "fn")
        .vpc_config
        .as_mut()
        .unwrap()
        .security_groups
        .clear();
    let v = check(
        &doc,
        "fn",
        "internet",
        Unreachable,
        Some("fn"),
        "V.function-incomplete-vpc-config",
    );
    assert_eq!(v.traces[0].disposition, Disposition::InsufficientInfo);
}

#[test]
fn malformed_subnet_cidr_leaves_private_flows_undecided() {
    let mut doc = lab();
    subnet(&mut doc, "private-b").cidr = "10.0.11.0/33".into();
    database(&mut doc, "db").subnet_group = vec!["private-a".into()];
    let v = verdict(&doc, "fn", "db");
    assert_eq!(v.traces[1].disposition, Disposition::InsufficientInfo, "{}", dump(&v));
    explains(&v, "V.cidr-malformed");
    assert_invariants(&v);
}

#[test]
fn route_to_a_peering_connection_does_not_reach_the_internet() {
    let mut doc = lab();
    add(&mut doc, "vpcs", json!({ "id": "shared", "cidr": "10.1.0.0/16" }));
    add(
        &mut doc,
        "peering_connections",
        json!({ "id": "pcx", "requester_vpc": "vpc", "accepter_vpc": "shared" }),
    );
    table(&mut doc, "private-rt").routes[0].target = RouteTarget::VpcPeering("pcx".into());
    check(
        &doc,
        "fn",
        "internet",
        Unreachable,
        Some("pcx"),
        "F.peering-not-transitive",
    );
}

#[test]
fn routes_splitting_the_internet_beat_the_default_route() {
    let mut doc = lab();
    // Every public address matches 0.0.0.0/1 or 128.0.0.0/1, more specific than 0.0.0.0/0:
    // the public table sends internet traffic to the NAT gateway, not the IGW.
    let rt = table(&mut doc, "public-rt");
    rt.routes.push(route("0.0.0.0/1", nat("nat-a")));
    rt.routes.push(route("128.0.0.0/1", nat("nat-a")));
    add(
        &mut doc,
        "route_tables",
        json!({ "id": "nat-rt", "vpc": "vpc", "routes": [
            { "destination": { "cidr": "0.0.0.0/0" }, "target": { "kind": "internet_gateway", "id": "igw" } }
        ]}),
    );
    subnet(&mut doc, "public-a").route_table = Some("nat-rt".into());
    function(&mut doc, "fn").vpc_config.as_mut().unwrap().subnets = vec!["public-b".into()];
    let v = check(&doc, "fn", "internet", Reachable, None, "L7.nat-path");
    let hop = v.path.iter().find(|h| h.kind.key() == "route_table").unwrap();
    assert!(
        hop.because.args.contains(&("route", "0.0.0.0/1 → nat-a".into())),
        "{}",
        dump(&v)
    );
}

#[test]
fn narrow_routes_are_exceptions_not_the_internet() {
    let mut doc = lab();
    // A partner's range through a peering connection does not change where the internet goes.
    add(&mut doc, "vpcs", json!({ "id": "partner", "cidr": "10.1.0.0/16" }));
    add(
        &mut doc,
        "peering_connections",
        json!({ "id": "pcx", "requester_vpc": "vpc", "accepter_vpc": "partner" }),
    );
    let rt = table(&mut doc, "private-rt");
    rt.routes
        .push(route("8.8.8.0/24", RouteTarget::VpcPeering("pcx".into())));
    rt.routes
        .push(route("1.0.0.0/8", RouteTarget::VpcPeering("pcx".into())));
    check(&doc, "fn", "internet", Reachable, None, "L7.nat-path");
}

#[test]
fn blackholes_splitting_the_internet_do_not_fall_through_to_the_default_route() {
    let mut doc = lab();
    let rt = table(&mut doc, "private-rt");
    rt.routes.push(route("0.0.0.0/1", nat("nat-deleted")));
    rt.routes.push(route("128.0.0.0/1", nat("nat-deleted")));
    let v = check(&doc, "fn", "internet", Unreachable, Some("private-rt"), "R5.blackhole");
    assert!(v.path.iter().all(|h| h.component.as_str() != "nat-a"), "{}", dump(&v));
}

#[test]
fn detached_internet_gateway_is_named_as_not_attached() {
    let mut doc = lab();
    doc.internet_gateways[0].vpc = None;
    let v = check(&doc, "fn", "internet", Unreachable, Some("public-rt"), "R5.blackhole");
    explains(&v, "G1.not-attached");
}

#[test]
fn services_over_ipv6_only_need_dual_stack_endpoints() {
    let mut doc = dual_stack_lab();
    table(&mut doc, "private-rt")
        .routes
        .retain(|r| !matches!(r.target, RouteTarget::NatGateway(_)));
    check(&doc, "fn", "internet-ipv6", Reachable, None, "L8.ipv6-path");
    let v = check(
        &doc,
        "fn",
        "sqs",
        Unreachable,
        Some("private-rt"),
        "L9.service-needs-path",
    );
    explains(&v, "X7.ipv6-dual-stack");
    // Without IPv6 on the function, there is nothing to say about dual-stack endpoints.
    function(&mut doc, "fn")
        .vpc_config
        .as_mut()
        .unwrap()
        .ipv6_allowed_for_dual_stack = false;
    let v = verdict(&doc, "fn", "sqs");
    assert!(
        !v.explanations.iter().any(|e| e.code() == "X7.ipv6-dual-stack"),
        "{}",
        dump(&v)
    );
}

#[test]
fn main_route_table_is_named_when_it_carries_the_traffic() {
    let v = check(&lab(), "fn", "internet", Reachable, None, "L7.nat-path");
    explains(&v, "R2.main-table");
    let mut doc = lab();
    subnet(&mut doc, "private-a").route_table = Some("private-rt".into());
    subnet(&mut doc, "private-b").route_table = Some("private-rt".into());
    let v = check(&doc, "fn", "internet", Reachable, None, "L7.nat-path");
    assert!(
        !v.explanations.iter().any(|e| e.code() == "R2.main-table"),
        "{}",
        dump(&v)
    );
}

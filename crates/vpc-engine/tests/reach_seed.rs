//! Every claim of the source article ("AWS Lambda and VPC"), as a verdict.

mod reach_support;

use reach_support::*;
use serde_json::json;
use vpc_engine::model::{load, RouteTarget};
use vpc_engine::reach::Reach::{Reachable, Unreachable};

const STARTER: &str = include_str!("../../../designs/starter.json");

#[test]
fn function_outside_a_vpc_reaches_the_internet() {
    let mut doc = lab();
    function(&mut doc, "fn").vpc_config = None;
    let v = check(&doc, "fn", "internet", Reachable, None, "L2.internet");
    has_hop(&v, "function", "fn", "L2.internet");
}

#[test]
fn function_outside_a_vpc_cannot_reach_a_private_database() {
    let mut doc = lab();
    function(&mut doc, "fn").vpc_config = None;
    check(&doc, "fn", "db", Unreachable, Some("fn"), "L3.private-unreachable");
}

#[test]
fn lambda_in_public_subnet_has_no_internet() {
    let mut doc = lab();
    function(&mut doc, "fn").vpc_config.as_mut().unwrap().subnets = vec!["public-a".into(), "public-b".into()];
    let v = check(
        &doc,
        "fn",
        "internet",
        Unreachable,
        Some("public-rt"),
        "L6.public-subnet",
    );
    explains(&v, "G1.no-public-ip");
    assert!(v
        .traces
        .iter()
        .all(|t| t.disposition == vpc_engine::reach::Disposition::NoPublicIp));
}

#[test]
fn lambda_in_private_subnet_with_nat_in_public_subnet_reaches_the_internet() {
    let v = check(&lab(), "fn", "internet", Reachable, None, "L7.nat-path");
    let kinds: Vec<&str> = v.path.iter().map(|h| h.kind.key()).collect();
    // ENI → SG out → NACL out → route table → NAT → NAT subnet NACL in → NAT route table →
    // NAT subnet NACL out → internet gateway → the internet, then the reply.
    assert_eq!(
        &kinds[..10],
        [
            "eni",
            "security_group_out",
            "nacl_out",
            "route_table",
            "nat_gateway",
            "nacl_in",
            "route_table",
            "nacl_out",
            "internet_gateway",
            "destination"
        ],
        "{}",
        dump(&v)
    );
    has_hop(&v, "route_table", "private-rt", "R3.route-matches");
    let route = v.path[3].because.get("route");
    assert_eq!(
        route,
        Some("0.0.0.0/0 → nat-a"),
        "the route-table hop names the matched route"
    );
}

#[test]
fn function_that_only_talks_to_the_database_works_in_either_subnet_kind() {
    let mut doc = lab();
    check(&doc, "fn", "db", Reachable, None, "S5.db-allows-function");
    function(&mut doc, "fn").vpc_config.as_mut().unwrap().subnets = vec!["public-a".into(), "public-b".into()];
    check(&doc, "fn", "db", Reachable, None, "S5.db-allows-function");
    // …while the same function in public subnets has no internet.
    check(
        &doc,
        "fn",
        "internet",
        Unreachable,
        Some("public-rt"),
        "L6.public-subnet",
    );
}

#[test]
fn aws_apis_need_a_nat_gateway_or_an_endpoint() {
    let mut doc = lab();
    check(&doc, "fn", "secretsmanager", Reachable, None, "L7.nat-path");
    table(&mut doc, "private-rt").routes.clear();
    let v = check(
        &doc,
        "fn",
        "secretsmanager",
        Unreachable,
        Some("private-rt"),
        "L9.service-needs-path",
    );
    explains(&v, "R3.no-route");
    add(
        &mut doc,
        "endpoints",
        json!({ "id": "sm-ep", "vpc": "vpc", "service": "secretsmanager", "type": "interface",
                "subnets": ["private-a", "private-b"], "security_groups": ["ep-sg"] }),
    );
    add(
        &mut doc,
        "security_groups",
        json!({ "id": "ep-sg", "vpc": "vpc", "inbound": [
            { "protocol": "tcp", "from_port": 443, "to_port": 443, "peer": { "security_group": "fn-sg" } }
        ]}),
    );
    check(&doc, "fn", "secretsmanager", Reachable, None, "E5.interface-endpoint");
}

#[test]
fn self_referencing_security_group_lets_lambda_reach_rds() {
    let mut doc = lab();
    // One group for function and database, admitting its own members (the article's advice).
    add(
        &mut doc,
        "security_groups",
        json!({ "id": "shared-sg", "vpc": "vpc",
                "inbound": [{ "protocol": "all", "peer": { "security_group": "shared-sg" } }],
                "outbound": [{ "protocol": "all", "peer": { "cidr": "0.0.0.0/0" } }] }),
    );
    function(&mut doc, "fn").vpc_config.as_mut().unwrap().security_groups = vec!["shared-sg".into()];
    database(&mut doc, "db").security_groups = vec!["shared-sg".into()];
    let v = check(&doc, "fn", "db", Reachable, None, "S4.self-reference");
    has_hop(&v, "security_group_in", "shared-sg", "S4.self-reference");
    // Without the self reference the shared group admits nothing.
    sg(&mut doc, "shared-sg").inbound.clear();
    check(
        &doc,
        "fn",
        "db",
        Unreachable,
        Some("shared-sg"),
        "S5.db-denies-function",
    );
}

#[test]
fn function_security_group_needs_no_inbound_rules() {
    let doc = lab();
    assert!(sg(&mut doc.clone(), "fn-sg").inbound.is_empty());
    for to in ["internet", "db", "s3"] {
        let v = check(
            &doc,
            "fn",
            to,
            Reachable,
            None,
            verdict(&doc, "fn", to).explanations[0].code(),
        );
        // The reply comes back through the function's group without any inbound rule.
        let last = v.path.last().unwrap();
        assert_eq!(
            (last.kind.key(), last.component.as_str(), last.because.id.code()),
            ("security_group_in", "fn-sg", "S1.stateful")
        );
        explains(&v, "S1.stateful");
    }
}

#[test]
fn starter_design_reaches_its_database_but_not_the_internet() {
    let doc = load(STARTER).unwrap();
    check(&doc, "orders-fn", "orders-db", Reachable, None, "S4.self-reference");
    check(
        &doc,
        "orders-fn",
        "internet",
        Unreachable,
        Some("public-rt"),
        "L6.public-subnet",
    );
    check(
        &doc,
        "orders-fn",
        "s3",
        Unreachable,
        Some("public-rt"),
        "L6.public-subnet",
    );
}

#[test]
fn nat_route_target_is_a_nat_gateway_not_the_igw() {
    // The article's fix, step by step: a public subnet becomes usable once its table sends
    // 0.0.0.0/0 to a NAT gateway instead of the internet gateway.
    let mut doc = lab();
    function(&mut doc, "fn").vpc_config.as_mut().unwrap().subnets = vec!["public-b".into()];
    check(
        &doc,
        "fn",
        "internet",
        Unreachable,
        Some("public-rt"),
        "L6.public-subnet",
    );
    subnet(&mut doc, "public-b").route_table = Some("private-rt".into());
    check(&doc, "fn", "internet", Reachable, None, "L7.nat-path");
    assert!(matches!(
        table(&mut doc, "private-rt").routes[0].target,
        RouteTarget::NatGateway(_)
    ));
}

#[test]
fn verdict_splits_request_and_reply_and_names_the_blocking_hop() {
    let v = check(&lab(), "fn", "internet", Reachable, None, "L7.nat-path");
    let (request, reply) = v.legs();
    assert_eq!(request.last().unwrap().kind.key(), "destination");
    let reply_kinds: Vec<&str> = reply.iter().map(|h| h.kind.key()).collect();
    // Back through the NAT subnet (in from the internet, out to the function's subnet),
    // into the function's subnet, and past its stateful security group.
    assert_eq!(reply_kinds, ["nacl_in", "nacl_out", "nacl_in", "security_group_in"]);
    assert!(v.blocking_hop().is_none());
    assert_eq!(
        v.components(),
        [
            "private-a",
            "fn-sg",
            "private-rt",
            "nat-a",
            "public-a",
            "public-rt",
            "igw",
            "internet"
        ]
    );

    let mut doc = lab();
    function(&mut doc, "fn").vpc_config.as_mut().unwrap().subnets = vec!["public-a".into()];
    let v = check(
        &doc,
        "fn",
        "internet",
        Unreachable,
        Some("public-rt"),
        "L6.public-subnet",
    );
    assert_eq!(v.blocking_hop().map(|h| h.component.as_str()), Some("public-rt"));
    assert!(v.legs().1.is_empty(), "stopped on the way out: no reply leg");
    assert_eq!(v.traces[0].blocking_hop(), v.blocking_hop());
}

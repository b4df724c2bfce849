//! Procedure C (aws-rules.md §13): AWS service APIs from a VPC function, through a gateway
//! endpoint, an interface endpoint, or the public endpoint over NAT.

mod reach_support;

use reach_support::*;
use serde_json::json;
use vpc_engine::model::{Document, EndpointKind, EndpointPolicy, SgPeer, SgRule};
use vpc_engine::reach::Disposition;
use vpc_engine::reach::Reach::{Reachable, Unreachable};

/// The lab without a NAT route: only endpoints can carry service traffic.
fn no_nat() -> Document {
    let mut doc = lab();
    table(&mut doc, "private-rt").routes.clear();
    doc
}

fn s3_gateway(doc: &mut Document, tables: &[&str]) {
    add(
        doc,
        "endpoints",
        json!({ "id": "s3-ep", "vpc": "vpc", "service": "s3", "type": "gateway", "route_tables": tables }),
    );
}

/// An interface endpoint for Secrets Manager in both private subnets, with `ep-sg`
/// admitting HTTPS from `fn-sg`.
fn secrets_endpoint(doc: &mut Document) {
    add(
        doc,
        "security_groups",
        json!({ "id": "ep-sg", "vpc": "vpc", "inbound": [
            { "protocol": "tcp", "from_port": 443, "to_port": 443, "peer": { "security_group": "fn-sg" } }
        ]}),
    );
    add(
        doc,
        "endpoints",
        json!({ "id": "sm-ep", "vpc": "vpc", "service": "secretsmanager", "type": "interface",
                "subnets": ["private-a", "private-b"], "security_groups": ["ep-sg"] }),
    );
}

#[test]
fn function_outside_a_vpc_reaches_every_service() {
    let mut doc = lab();
    function(&mut doc, "fn").vpc_config = None;
    for s in ["s3", "dynamodb", "sqs", "secretsmanager", "sts", "kms", "logs", "ssm"] {
        check(&doc, "fn", s, Reachable, None, "L2.services");
    }
}

#[test]
fn gateway_endpoint_associated_with_the_table_carries_s3_without_nat() {
    let mut doc = no_nat();
    s3_gateway(&mut doc, &["private-rt"]);
    let v = check(&doc, "fn", "s3", Reachable, None, "E1.gateway-endpoint");
    has_hop(&v, "route_table", "private-rt", "R6.prefix-list-route");
    has_hop(&v, "gateway_endpoint", "s3-ep", "E1.gateway-endpoint");
    explains(&v, "E3.filters-apply");
    // Only S3: DynamoDB still needs its own endpoint or NAT.
    check(
        &doc,
        "fn",
        "dynamodb",
        Unreachable,
        Some("private-rt"),
        "L9.service-needs-path",
    );
}

#[test]
fn gateway_endpoint_route_beats_the_default_route_to_nat() {
    let mut doc = lab();
    s3_gateway(&mut doc, &["private-rt"]);
    let v = check(&doc, "fn", "s3", Reachable, None, "E1.gateway-endpoint");
    assert!(v.path.iter().all(|h| h.kind.key() != "nat_gateway"), "{}", dump(&v));
    let route = v.path.iter().find(|h| h.kind.key() == "route_table").unwrap();
    assert!(
        route
            .because
            .args
            .contains(&("route", "com.amazonaws.us-east-1.s3 → s3-ep".into())),
        "{}",
        dump(&v)
    );
}

#[test]
fn gateway_endpoint_not_associated_with_the_table_is_not_used() {
    let mut doc = no_nat();
    add(&mut doc, "route_tables", json!({ "id": "other-rt", "vpc": "vpc" }));
    s3_gateway(&mut doc, &["other-rt"]);
    let v = check(&doc, "fn", "s3", Unreachable, Some("private-rt"), "E2.not-associated");
    explains(&v, "R3.no-route");
    // With NAT the traffic flows, but through the NAT (the cost finding points this out).
    let mut doc = lab();
    add(&mut doc, "route_tables", json!({ "id": "other-rt", "vpc": "vpc" }));
    s3_gateway(&mut doc, &["other-rt"]);
    let v = check(&doc, "fn", "s3", Reachable, None, "L7.nat-path");
    explains(&v, "E2.not-associated");
}

#[test]
fn gateway_endpoint_traffic_still_needs_the_security_group() {
    let mut doc = no_nat();
    s3_gateway(&mut doc, &["private-rt"]);
    let out = &mut sg(&mut doc, "fn-sg").outbound;
    out.clear();
    out.push(SgRule::tcp(5432, SgPeer::Cidr("10.0.0.0/16".into())));
    let v = check(&doc, "fn", "s3", Unreachable, Some("fn-sg"), "S2.no-outbound");
    explains(&v, "E3.filters-apply");
    // A rule for the service's prefix list is enough (E3).
    sg(&mut doc, "fn-sg")
        .outbound
        .push(SgRule::tcp(443, SgPeer::PrefixList(vpc_engine::model::AwsService::S3)));
    check(&doc, "fn", "s3", Reachable, None, "E1.gateway-endpoint");
}

#[test]
fn gateway_endpoint_traffic_still_needs_the_nacl() {
    let mut doc = no_nat();
    s3_gateway(&mut doc, &["private-rt"]);
    add(
        &mut doc,
        "network_acls",
        json!({ "id": "vpc-only", "vpc": "vpc",
                "inbound": [{ "number": 100, "action": "allow", "protocol": "all", "cidr": "10.0.0.0/16" }],
                "outbound": [{ "number": 100, "action": "allow", "protocol": "all", "cidr": "10.0.0.0/16" }] }),
    );
    subnet(&mut doc, "private-a").nacl = Some("vpc-only".into());
    subnet(&mut doc, "private-b").nacl = Some("vpc-only".into());
    let v = check(&doc, "fn", "s3", Unreachable, Some("vpc-only"), "N1.denied-out");
    explains(&v, "E3.filters-apply");
}

#[test]
fn gateway_endpoint_policy_that_denies_stops_a_working_path() {
    let mut doc = no_nat();
    s3_gateway(&mut doc, &["private-rt"]);
    endpoint(&mut doc, "s3-ep").policy = EndpointPolicy::DenyAll;
    let v = check(&doc, "fn", "s3", Unreachable, Some("s3-ep"), "E8.policy-denies");
    assert!(v.traces.iter().all(|t| t.disposition == Disposition::DeniedByPolicy));
}

#[test]
fn deleted_gateway_endpoint_leaves_a_blackhole_prefix_list_route() {
    let mut doc = lab();
    table(&mut doc, "private-rt").routes.push(vpc_engine::model::Route {
        destination: vpc_engine::model::RouteDestination::PrefixList(vpc_engine::model::AwsService::S3),
        target: vpc_engine::model::RouteTarget::GatewayEndpoint("deleted-ep".into()),
    });
    // The prefix-list route still wins over 0.0.0.0/0 → NAT, and drops the traffic.
    check(&doc, "fn", "s3", Unreachable, Some("private-rt"), "R5.blackhole");
}

#[test]
fn interface_endpoint_with_private_dns_carries_the_api_without_nat() {
    let mut doc = no_nat();
    secrets_endpoint(&mut doc);
    let v = check(&doc, "fn", "secretsmanager", Reachable, None, "E5.interface-endpoint");
    has_hop(&v, "dns", "sm-ep", "E5.interface-endpoint");
    has_hop(&v, "security_group_in", "ep-sg", "S3.group-reference");
    has_hop(&v, "interface_endpoint", "sm-ep", "E5.interface-endpoint");
    has_hop(&v, "route_table", "private-rt", "R1.local-route");
    // The endpoint ENI in the function's own subnet is used: no NACL boundary (N1).
    assert!(
        v.path.iter().any(|h| h.because.id.code() == "N1.same-subnet"),
        "{}",
        dump(&v)
    );
}

#[test]
fn interface_endpoint_with_private_dns_off_is_bypassed() {
    let mut doc = no_nat();
    secrets_endpoint(&mut doc);
    if let EndpointKind::Interface { private_dns, .. } = &mut endpoint(&mut doc, "sm-ep").kind {
        *private_dns = false;
    }
    let v = check(
        &doc,
        "fn",
        "secretsmanager",
        Unreachable,
        Some("private-rt"),
        "E6.private-dns-off",
    );
    has_hop(&v, "dns", "sm-ep", "E6.private-dns-off");
    // With a NAT gateway the public endpoint works, and E6 says why the endpoint is unused.
    let mut doc = lab();
    secrets_endpoint(&mut doc);
    if let EndpointKind::Interface { private_dns, .. } = &mut endpoint(&mut doc, "sm-ep").kind {
        *private_dns = false;
    }
    let v = check(&doc, "fn", "secretsmanager", Reachable, None, "L7.nat-path");
    explains(&v, "E6.private-dns-off");
}

#[test]
fn interface_endpoint_private_dns_needs_dns_hostnames_on_the_vpc() {
    let mut doc = no_nat();
    secrets_endpoint(&mut doc);
    doc.vpcs[0].enable_dns_hostnames = false;
    check(
        &doc,
        "fn",
        "secretsmanager",
        Unreachable,
        Some("private-rt"),
        "E6.dns-attributes",
    );
}

#[test]
fn dns_support_off_breaks_every_service_name() {
    let mut doc = lab();
    doc.vpcs[0].enable_dns_support = false;
    let v = check(&doc, "fn", "sqs", Unreachable, Some("vpc"), "D1.dns-support-off");
    assert!(v.traces.iter().all(|t| t.disposition == Disposition::Dns));
    // The internet by address does not need DNS.
    check(&doc, "fn", "internet", Reachable, None, "L7.nat-path");
}

#[test]
fn interface_endpoint_security_group_without_https_blocks() {
    let mut doc = no_nat();
    secrets_endpoint(&mut doc);
    sg(&mut doc, "ep-sg").inbound = vec![SgRule::tcp(80, SgPeer::SecurityGroup("fn-sg".into()))];
    let v = check(
        &doc,
        "fn",
        "secretsmanager",
        Unreachable,
        Some("ep-sg"),
        "E7.endpoint-sg",
    );
    assert!(v.traces.iter().all(|t| t.disposition == Disposition::DeniedBySg));
    // A rule for the function subnets' CIDR works as well as the group reference.
    sg(&mut doc, "ep-sg")
        .inbound
        .push(SgRule::tcp(443, SgPeer::Cidr("10.0.0.0/16".into())));
    let v = check(&doc, "fn", "secretsmanager", Reachable, None, "E5.interface-endpoint");
    has_hop(&v, "security_group_in", "ep-sg", "S1.allowed");
}

#[test]
fn interface_endpoint_without_security_groups_gets_the_default_group_which_admits_no_function() {
    let mut doc = no_nat();
    secrets_endpoint(&mut doc);
    if let EndpointKind::Interface { security_groups, .. } = &mut endpoint(&mut doc, "sm-ep").kind {
        security_groups.clear();
    }
    check(
        &doc,
        "fn",
        "secretsmanager",
        Unreachable,
        Some("sm-ep"),
        "E7.endpoint-sg",
    );
}

#[test]
fn interface_endpoint_policy_that_denies_stops_a_working_path() {
    let mut doc = no_nat();
    secrets_endpoint(&mut doc);
    endpoint(&mut doc, "sm-ep").policy = EndpointPolicy::DenyAll;
    check(
        &doc,
        "fn",
        "secretsmanager",
        Unreachable,
        Some("sm-ep"),
        "E8.policy-denies",
    );
}

#[test]
fn interface_endpoint_in_another_subnet_crosses_both_nacls() {
    let mut doc = no_nat();
    secrets_endpoint(&mut doc);
    if let EndpointKind::Interface { subnets, .. } = &mut endpoint(&mut doc, "sm-ep").kind {
        *subnets = vec!["public-a".into()];
    }
    let v = check(&doc, "fn", "secretsmanager", Reachable, None, "E5.interface-endpoint");
    let kinds: Vec<&str> = v.traces[0].hops.iter().map(|h| h.kind.key()).collect();
    assert_eq!(
        kinds,
        [
            "eni",
            "dns",
            "security_group_out",
            "nacl_out",
            "route_table",
            "nacl_in",
            "security_group_in",
            "interface_endpoint",
            "destination",
            "nacl_out",
            "nacl_in",
            "security_group_in"
        ],
        "{}",
        dump(&v)
    );
    // A NACL on the endpoint's subnet that ignores the function subnets blocks it.
    add(
        &mut doc,
        "network_acls",
        json!({ "id": "public-nacl", "vpc": "vpc",
                "inbound": [{ "number": 100, "action": "allow", "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr": "0.0.0.0/0" }],
                "outbound": [{ "number": 100, "action": "allow", "protocol": "all", "cidr": "0.0.0.0/0" }] }),
    );
    subnet(&mut doc, "public-a").nacl = Some("public-nacl".into());
    // 0.0.0.0/0 covers the function subnets: the request passes, and so does the reply.
    check(&doc, "fn", "secretsmanager", Reachable, None, "E5.interface-endpoint");
    nacl(&mut doc, "public-nacl").inbound[0].cidr = "10.0.0.0/24".into();
    check(
        &doc,
        "fn",
        "secretsmanager",
        Unreachable,
        Some("public-nacl"),
        "N1.denied-in",
    );
}

#[test]
fn services_without_any_endpoint_follow_the_nat_path() {
    let doc = lab();
    for s in ["s3", "dynamodb", "sqs", "secretsmanager", "sts", "kms", "logs", "ssm"] {
        let v = check(&doc, "fn", s, Reachable, None, "L7.nat-path");
        assert_eq!(v.port, 443);
    }
}

#[test]
fn every_service_the_design_names_is_asked_about_besides_the_core_eight() {
    // An interface endpoint for ECR (not one of the core eight) in both private subnets, and
    // SNS drawn on the canvas: the function gets a verdict for each, by the same rules (E5,
    // else procedure A over NAT or nothing).
    let mut doc = no_nat();
    add(
        &mut doc,
        "security_groups",
        json!({ "id": "ep-sg", "vpc": "vpc", "inbound": [
            { "protocol": "tcp", "from_port": 443, "to_port": 443, "peer": { "security_group": "fn-sg" } }
        ]}),
    );
    add(
        &mut doc,
        "endpoints",
        json!({ "id": "ecr-ep", "vpc": "vpc", "service": "ecr.api", "type": "interface",
                "subnets": ["private-a", "private-b"], "security_groups": ["ep-sg"] }),
    );
    add(&mut doc, "services", json!({ "id": "topic", "service": "sns" }));
    let v = check(&doc, "fn", "ecr.api", Reachable, None, "E5.interface-endpoint");
    has_hop(&v, "interface_endpoint", "ecr-ep", "E5.interface-endpoint");
    // SNS has no endpoint here and the private table has no route out.
    check(
        &doc,
        "fn",
        "sns",
        Unreachable,
        Some("private-rt"),
        "L9.service-needs-path",
    );
    // A service nobody names is not asked about.
    let a = vpc_engine::analyze(&doc);
    assert!(!a.verdicts.iter().any(|v| v.to.key() == "ecr.dkr"));
    // Outside any VPC, the named ones are public endpoints like the others (L2).
    function(&mut doc, "fn").vpc_config = None;
    check(&doc, "fn", "ecr.api", Reachable, None, "L2.services");
}

//! Findings: advice that is not a verdict (availability, exposure, cost, service quirks).

mod reach_support;

use reach_support::*;
use serde_json::json;
use vpc_engine::analyze;
use vpc_engine::explain::ExplanationId as X;
use vpc_engine::findings::{findings_with, CostAssumptions, Finding, PRICES};
use vpc_engine::model::{Document, SgPeer, SgRule};
use vpc_engine::reach::evaluate_all;
use vpc_engine::resolve::resolve;
use vpc_engine::validate::Severity;

fn findings(doc: &Document) -> Vec<Finding> {
    analyze(doc).findings
}

fn of(doc: &Document, id: X) -> Vec<Finding> {
    findings(doc).into_iter().filter(|f| f.id == id).collect()
}

fn arg<'f>(f: &'f Finding, name: &str) -> Option<&'f str> {
    f.message.get(name)
}

fn components(f: &Finding) -> Vec<&str> {
    f.components.iter().map(|c| c.as_str()).collect()
}

#[test]
fn lab_design_only_gets_the_cross_az_nat_and_cost_advice() {
    let ids: Vec<X> = findings(&lab()).iter().map(|f| f.id).collect();
    assert_eq!(
        ids,
        [X::G5NatCrossAz, X::C1NatForGatewayService, X::C1NatForGatewayService]
    );
}

#[test]
fn function_in_a_single_az_is_flagged() {
    let mut doc = lab();
    function(&mut doc, "fn").vpc_config.as_mut().unwrap().subnets = vec!["private-a".into()];
    let found = of(&doc, X::Q2SingleAz);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Warning);
    assert_eq!(components(&found[0]), ["fn", "private-a"]);
    assert_eq!(arg(&found[0], "az"), Some("us-east-1a"));
    // Two AZs: nothing to say.
    assert!(of(&lab(), X::Q2SingleAz).is_empty());
}

#[test]
fn nat_gateway_in_one_az_serving_another_is_flagged() {
    let found = of(&lab(), X::G5NatCrossAz);
    assert_eq!(found.len(), 1);
    assert_eq!(components(&found[0]), ["nat-a", "private-b"]);
    assert_eq!(arg(&found[0], "az"), Some("us-east-1a"));
    assert_eq!(arg(&found[0], "azs"), Some("us-east-1b"));
    // A NAT gateway per AZ, each AZ routing to its own: no finding.
    let mut doc = lab();
    add(&mut doc, "nat_gateways", json!({ "id": "nat-b", "subnet": "public-b" }));
    add(
        &mut doc,
        "route_tables",
        json!({ "id": "private-b-rt", "vpc": "vpc", "routes": [
            { "destination": { "cidr": "0.0.0.0/0" }, "target": { "kind": "nat_gateway", "id": "nat-b" } }
        ]}),
    );
    subnet(&mut doc, "private-b").route_table = Some("private-b-rt".into());
    assert!(of(&doc, X::G5NatCrossAz).is_empty());
}

#[test]
fn database_group_open_to_the_world_is_flagged_and_is_an_error_when_exposed() {
    let mut doc = lab();
    sg(&mut doc, "db-sg")
        .inbound
        .push(SgRule::tcp(5432, SgPeer::Cidr("0.0.0.0/0".into())));
    let found = of(&doc, X::S5DbOpenToWorld);
    assert_eq!(found.len(), 1);
    assert_eq!(components(&found[0]), ["db", "db-sg"]);
    // Private and not publicly accessible: a warning, not yet an exposure.
    assert_eq!(found[0].severity, Severity::Warning);
    let db = database(&mut doc, "db");
    db.publicly_accessible = true;
    db.subnet_group = vec!["public-a".into(), "public-b".into()];
    assert_eq!(of(&doc, X::S5DbOpenToWorld)[0].severity, Severity::Error);
    // Open on another port only: nothing.
    let mut doc = lab();
    sg(&mut doc, "db-sg")
        .inbound
        .push(SgRule::tcp(22, SgPeer::Cidr("0.0.0.0/0".into())));
    assert!(of(&doc, X::S5DbOpenToWorld).is_empty());
}

#[test]
fn s3_and_dynamodb_over_nat_get_the_gateway_endpoint_saving() {
    let found = of(&lab(), X::C1NatForGatewayService);
    assert_eq!(found.len(), 2, "one for S3, one for DynamoDB");
    let s3 = found.iter().find(|f| arg(f, "service") == Some("Amazon S3")).unwrap();
    assert_eq!(s3.severity, Severity::Info);
    assert_eq!(components(s3), ["fn", "nat-a", "private-rt"]);
    // 100 GB/month by default, at the NAT's $0.045/GB; gateway endpoints are free.
    assert_eq!(arg(s3, "gb"), Some("100"));
    assert_eq!(arg(s3, "cost"), Some("$4.50"));
    assert_eq!(arg(s3, "saving"), Some("$4.50"));
    // The assumption is a parameter, and counts every function.
    let mut doc = lab();
    add(
        &mut doc,
        "functions",
        json!({ "id": "fn2", "vpc_config": { "subnets": ["private-a"], "security_groups": ["fn-sg"] } }),
    );
    let r = resolve(&doc);
    let (verdicts, _) = evaluate_all(&r);
    let custom = findings_with(
        &r,
        &verdicts,
        &CostAssumptions {
            gb_per_function_and_service: 1000.0,
        },
    );
    let s3 = custom
        .iter()
        .find(|f| f.id == X::C1NatForGatewayService && arg(f, "service") == Some("Amazon S3"))
        .unwrap();
    assert_eq!(arg(s3, "count"), Some("2"));
    assert_eq!(arg(s3, "gb"), Some("2000"));
    assert_eq!(
        arg(s3, "cost"),
        Some(format!("${:.2}", 2000.0 * PRICES.nat_gateway_gb).as_str())
    );
    assert_eq!(arg(s3, "cost"), Some("$90.00"));
}

#[test]
fn gateway_endpoint_removes_the_cost_finding() {
    let mut doc = lab();
    add(
        &mut doc,
        "endpoints",
        json!({ "id": "s3-ep", "vpc": "vpc", "service": "s3", "type": "gateway", "route_tables": ["private-rt"] }),
    );
    let found = of(&doc, X::C1NatForGatewayService);
    assert_eq!(found.len(), 1);
    assert_eq!(arg(&found[0], "service"), Some("Amazon DynamoDB"));
}

fn interface_endpoint(doc: &mut Document, id: &str, service: &str, subnets: &[&str]) {
    if !doc.security_groups.iter().any(|s| s.id.as_str() == "ep-sg") {
        add(
            doc,
            "security_groups",
            json!({ "id": "ep-sg", "vpc": "vpc", "inbound": [
                { "protocol": "tcp", "from_port": 443, "to_port": 443, "peer": { "security_group": "fn-sg" } }
            ]}),
        );
    }
    add(
        doc,
        "endpoints",
        json!({ "id": id, "vpc": "vpc", "service": service, "type": "interface", "subnets": subnets, "security_groups": ["ep-sg"] }),
    );
}

#[test]
fn interface_endpoint_missing_from_a_function_az_is_flagged() {
    let mut doc = lab();
    interface_endpoint(&mut doc, "kms-ep", "kms", &["private-a"]);
    let found = of(&doc, X::E5AzCoverage);
    assert_eq!(found.len(), 1);
    assert_eq!(components(&found[0]), ["kms-ep", "fn"]);
    assert_eq!(
        arg(&found[0], "az"),
        Some("us-east-1b"),
        "where the function runs without an interface"
    );
    assert_eq!(arg(&found[0], "azs"), Some("us-east-1a"), "where the endpoint has one");
    // It still works from both AZs (the ENI in us-east-1a serves us-east-1b too).
    check(
        &doc,
        "fn",
        "kms",
        vpc_engine::reach::Reach::Reachable,
        None,
        "E5.interface-endpoint",
    );
    let mut doc = lab();
    interface_endpoint(&mut doc, "kms-ep", "kms", &["private-a", "private-b"]);
    assert!(of(&doc, X::E5AzCoverage).is_empty());
}

#[test]
fn sts_sqs_and_s3_through_interface_endpoints_get_their_notes() {
    let mut doc = lab();
    interface_endpoint(&mut doc, "sts-ep", "sts", &["private-a", "private-b"]);
    interface_endpoint(&mut doc, "sqs-ep", "sqs", &["private-a", "private-b"]);
    interface_endpoint(&mut doc, "s3-ep", "s3", &["private-a", "private-b"]);
    interface_endpoint(&mut doc, "kms-ep", "kms", &["private-a", "private-b"]);
    let all = findings(&doc);
    let notes: Vec<(X, Vec<&str>)> = all
        .iter()
        .filter(|f| matches!(f.id, X::X2S3InterfaceDns | X::X3StsRegional | X::X4SqsHostnames))
        .map(|f| (f.id, components(f)))
        .collect();
    assert_eq!(
        notes,
        [
            (X::X2S3InterfaceDns, vec!["s3-ep"]),
            (X::X3StsRegional, vec!["sts-ep"]),
            (X::X4SqsHostnames, vec!["sqs-ep"])
        ]
    );
    // An endpoint nobody reaches (private DNS off) earns no note.
    let mut doc = lab();
    interface_endpoint(&mut doc, "sts-ep", "sts", &["private-a", "private-b"]);
    if let vpc_engine::model::EndpointKind::Interface { private_dns, .. } = &mut endpoint(&mut doc, "sts-ep").kind {
        *private_dns = false;
    }
    assert!(of(&doc, X::X3StsRegional).is_empty());
}

#[test]
fn inbound_rules_on_a_function_only_group_are_flagged() {
    let mut doc = lab();
    sg(&mut doc, "fn-sg")
        .inbound
        .push(SgRule::tcp(22, SgPeer::Cidr("10.0.0.0/16".into())));
    let found = of(&doc, X::L10NoInboundNeeded);
    assert_eq!(found.len(), 1);
    assert_eq!(components(&found[0]), ["fn-sg"]);
    assert_eq!(arg(&found[0], "function"), Some("fn"));
    // A group the database uses too may need inbound rules: not flagged.
    database(&mut doc, "db").security_groups.push("fn-sg".into());
    assert!(of(&doc, X::L10NoInboundNeeded).is_empty());
}

#[test]
fn findings_come_sorted_by_severity_then_id() {
    let mut doc = lab();
    function(&mut doc, "fn").vpc_config.as_mut().unwrap().subnets = vec!["private-b".into()];
    sg(&mut doc, "fn-sg")
        .inbound
        .push(SgRule::tcp(22, SgPeer::Cidr("10.0.0.0/16".into())));
    sg(&mut doc, "db-sg")
        .inbound
        .push(SgRule::tcp(5432, SgPeer::Cidr("::/0".into())));
    let all = findings(&doc);
    let keys: Vec<(Severity, X)> = all.iter().map(|f| (f.severity, f.id)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert!(keys.len() >= 5, "{keys:?}");
}

#[test]
fn function_outside_a_vpc_has_no_placement_findings() {
    let mut doc = lab();
    function(&mut doc, "fn").vpc_config = None;
    let ids: Vec<X> = findings(&doc).iter().map(|f| f.id).collect();
    assert!(ids.is_empty(), "{ids:?}");
}

#[test]
fn subnet_too_small_for_the_functions_enis_is_an_error() {
    let mut doc = lab();
    // A /28 has 16 addresses; AWS keeps 5, the NAT gateway (in public-a) is elsewhere.
    subnet(&mut doc, "private-a").cidr = "10.0.10.0/28".into();
    database(&mut doc, "db").subnet_group = vec!["private-b".into()];
    for i in 0..12 {
        let sg_id = format!("sg-{i:02}");
        add(
            &mut doc,
            "security_groups",
            json!({ "id": sg_id, "vpc": "vpc", "outbound": [{ "protocol": "all", "peer": { "cidr": "0.0.0.0/0" } }] }),
        );
        add(
            &mut doc,
            "functions",
            json!({ "id": format!("fn-{i:02}"), "vpc_config": { "subnets": ["private-a"], "security_groups": [sg_id] } }),
        );
    }
    let found = of(&doc, X::Q3SubnetCapacity);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].severity, Severity::Error);
    assert_eq!(found[0].components[0].as_str(), "private-a");
    // Twelve groups plus fn's own: 13 ENIs for 11 free addresses.
    assert_eq!(arg(&found[0], "count"), Some("11"));
    assert_eq!(arg(&found[0], "limit"), Some("13"));
    // Functions sharing one group share one ENI: no shortage.
    for f in doc.functions.iter_mut().filter(|f| f.id.as_str().starts_with("fn-")) {
        f.vpc_config.as_mut().unwrap().security_groups = vec!["sg-00".into()];
    }
    assert!(of(&doc, X::Q3SubnetCapacity).is_empty());
}

#[test]
fn subnet_exactly_full_of_enis_is_a_warning() {
    let mut doc = lab();
    subnet(&mut doc, "private-a").cidr = "10.0.10.0/28".into();
    database(&mut doc, "db").subnet_group = vec!["private-b".into()];
    // Ten groups plus fn's own: 11 ENIs for exactly 11 free addresses, none left for the
    // interface Lambda adds when it scales or replaces one.
    for i in 0..10 {
        let sg_id = format!("sg-{i:02}");
        add(
            &mut doc,
            "security_groups",
            json!({ "id": sg_id, "vpc": "vpc", "outbound": [{ "protocol": "all", "peer": { "cidr": "0.0.0.0/0" } }] }),
        );
        add(
            &mut doc,
            "functions",
            json!({ "id": format!("fn-{i:02}"), "vpc_config": { "subnets": ["private-a"], "security_groups": [sg_id] } }),
        );
    }
    let found = of(&doc, X::Q3SubnetCapacity);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].severity, Severity::Warning);
    assert_eq!(arg(&found[0], "count"), Some("11"));
    assert_eq!(arg(&found[0], "limit"), Some("11"));
    // One ENI fewer leaves a spare address: nothing to say.
    doc.functions.retain(|f| f.id.as_str() != "fn-09");
    assert!(of(&doc, X::Q3SubnetCapacity).is_empty());
}

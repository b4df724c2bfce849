//! Change feedback (diff of two analyses) and the cost estimate, on the lab design.
//!
//! The lab (see `reach_support::lab`): one public NAT gateway `nat-a` (with its Elastic IP)
//! in `public-a` (us-east-1a); the function `fn` in `private-a` (1a) and `private-b` (1b),
//! both routing 0.0.0.0/0 to `nat-a`; no IPv6; a database. Every figure below is worked out
//! by hand in the comments from aws-rules.md §11 prices.

mod reach_support;

use reach_support::*;
use serde_json::json;
use vpc_engine::analyze;
use vpc_engine::cost::{estimate, money, AlternativeKind, Estimate, LineKind};
use vpc_engine::diff::{diff, PathChange};
use vpc_engine::model::{load, AwsService};
use vpc_engine::reach::{Destination, Reach, Source};

fn cost(doc: &vpc_engine::model::Document) -> Estimate {
    estimate(doc, &analyze(doc))
}

/// `(kind, component, amount in cents)` of every line, for exact comparison.
fn lines(e: &Estimate) -> Vec<(LineKind, String, String)> {
    e.lines
        .iter()
        .map(|l| (l.kind, l.component.clone(), money(l.amount)))
        .collect()
}

fn line(kind: LineKind, component: &str, amount: &str) -> (LineKind, String, String) {
    (kind, component.to_owned(), amount.to_owned())
}

#[test]
fn lab_costs_nat_hours_address_processing_cross_az_and_internet_out() {
    let e = cost(&lab());
    assert_eq!(
        lines(&e),
        [
            // 730 h × $0.045 = $32.85
            line(LineKind::NatHours, "nat-a", "$32.85"),
            // the Elastic IP: 730 h × $0.005 = $3.65
            line(LineKind::PublicIpv4, "nat-a", "$3.65"),
            // 9 destinations (internet + 8 services) × 100 GB = 900 GB × $0.045 = $40.50
            line(LineKind::NatData, "nat-a", "$40.50"),
            // half of it from private-b in us-east-1b: 450 GB × $0.02 = $9.00
            line(LineKind::CrossAz, "nat-a", "$9.00"),
            // 100 GB to the internet × $0.09 = $9.00
            line(LineKind::InternetOut, "", "$9.00"),
        ]
    );
    // 32.85 + 3.65 + 40.50 + 9.00 + 9.00
    assert_eq!(money(e.total), "$95.00");
    let nat = &e.lines[2];
    assert_eq!((nat.quantity, nat.unit_price), (900.0, 0.045));
}

#[test]
fn a_gateway_endpoint_would_save_the_nat_processing_and_cross_az_transfer_of_s3() {
    let e = cost(&lab());
    let alt = |s: AwsService| e.alternatives.iter().find(|a| a.service == s).unwrap();
    let s3 = alt(AwsService::S3);
    assert_eq!(s3.kind, AlternativeKind::GatewayEndpoint);
    // 100 GB × $0.045 + 50 GB (from 1b) × $0.02 = $4.50 + $1.00; a gateway endpoint is free.
    assert_eq!(
        (money(s3.now), money(s3.then), money(s3.saving())),
        ("$5.50".into(), "$0.00".into(), "$5.50".into())
    );
    assert_eq!(s3.component, "vpc");
    assert_eq!(alt(AwsService::DynamoDb).kind, AlternativeKind::GatewayEndpoint);
    // SQS: an interface endpoint in both AZs costs 2 × 730 h × $0.01 + 100 GB × $0.01 =
    // $14.60 + $1.00 = $15.60 against $5.50 through NAT: $10.10 more at this traffic.
    let sqs = alt(AwsService::Sqs);
    assert_eq!((sqs.kind, sqs.azs), (AlternativeKind::InterfaceEndpoint, 2));
    assert_eq!(money(sqs.then), "$15.60");
    assert_eq!(money(sqs.saving()), "-$10.10");
    // It pays off above $14.60 / ($5.50 / 100 GB - $0.01) = 14.60 / 0.045 ≈ 324.4 GB a month.
    assert_eq!(sqs.break_even_gb().map(|gb| gb.round()), Some(324.0));
    assert_eq!(s3.break_even_gb(), None);
    // Largest saving first.
    assert!(e.alternatives.windows(2).all(|w| w[0].saving() >= w[1].saving()));
}

#[test]
fn the_traffic_assumption_scales_the_data_lines_and_the_saving() {
    let mut doc = lab();
    doc.traffic.insert("s3".into(), 1000);
    let e = cost(&doc);
    // 8 × 100 GB + 1000 GB = 1800 GB × $0.045 = $81.00
    assert_eq!(
        money(e.lines.iter().find(|l| l.kind == LineKind::NatData).unwrap().amount),
        "$81.00"
    );
    // half crosses AZs: 900 GB × $0.02 = $18.00
    assert_eq!(
        money(e.lines.iter().find(|l| l.kind == LineKind::CrossAz).unwrap().amount),
        "$18.00"
    );
    let s3 = e.alternatives.iter().find(|a| a.service == AwsService::S3).unwrap();
    // 1000 GB × $0.045 + 500 GB × $0.02 = $45.00 + $10.00
    assert_eq!(money(s3.saving()), "$55.00");
    // No traffic at all: only the fixed charges remain, $32.85 + $3.65.
    for key in [
        "internet",
        "s3",
        "dynamodb",
        "sqs",
        "secretsmanager",
        "sts",
        "kms",
        "logs",
        "ssm",
    ] {
        doc.traffic.insert(key.into(), 0);
    }
    assert_eq!(money(cost(&doc).total), "$36.50");
}

#[test]
fn traffic_through_a_gateway_endpoint_is_free_and_leaves_the_nat() {
    let mut doc = lab();
    add(
        &mut doc,
        "endpoints",
        json!({ "id": "s3-gw", "vpc": "vpc", "service": "s3", "type": "gateway", "route_tables": ["private-rt"] }),
    );
    let e = cost(&doc);
    // 8 destinations left on NAT: 800 GB × $0.045 = $36.00; 400 GB cross-AZ × $0.02 = $8.00
    assert!(lines(&e).contains(&line(LineKind::NatData, "nat-a", "$36.00")));
    assert!(lines(&e).contains(&line(LineKind::CrossAz, "nat-a", "$8.00")));
    assert!(lines(&e).contains(&line(LineKind::GatewayEndpoint, "s3-gw", "$0.00")));
    assert!(e.alternatives.iter().all(|a| a.service != AwsService::S3));
}

#[test]
fn an_interface_endpoint_costs_per_az_hour_and_per_gb() {
    let mut doc = lab();
    add(
        &mut doc,
        "security_groups",
        json!({ "id": "ep-sg", "vpc": "vpc", "inbound": [
            { "protocol": "tcp", "from_port": 443, "to_port": 443, "peer": { "security_group": "fn-sg" } }
        ], "outbound": [] }),
    );
    add(
        &mut doc,
        "endpoints",
        json!({ "id": "sqs-ep", "vpc": "vpc", "service": "sqs", "type": "interface",
                "subnets": ["private-a", "private-b"], "security_groups": ["ep-sg"], "private_dns": true }),
    );
    let e = cost(&doc);
    // two AZs: 2 × 730 h × $0.01 = $14.60; 100 GB × $0.01 = $1.00
    assert!(lines(&e).contains(&line(LineKind::InterfaceHours, "sqs-ep", "$14.60")));
    assert!(lines(&e).contains(&line(LineKind::InterfaceData, "sqs-ep", "$1.00")));
    assert_eq!(
        e.lines
            .iter()
            .find(|l| l.kind == LineKind::InterfaceHours)
            .unwrap()
            .count,
        2
    );
    // SQS left the NAT: 8 × 100 GB = 800 GB × $0.045 = $36.00
    assert!(lines(&e).contains(&line(LineKind::NatData, "nat-a", "$36.00")));
}

#[test]
fn an_interface_endpoint_for_s3_could_be_a_free_gateway_endpoint() {
    let mut doc = lab();
    add(
        &mut doc,
        "endpoints",
        json!({ "id": "s3-if", "vpc": "vpc", "service": "s3", "type": "interface",
                "subnets": ["private-a", "private-b", "public-a"], "security_groups": ["fn-sg"] }),
    );
    let e = cost(&doc);
    let alt = e
        .alternatives
        .iter()
        .find(|a| a.kind == AlternativeKind::GatewayInsteadOfInterface)
        .unwrap();
    // Two AZs (public-a shares 1a with private-a): 2 × 730 h × $0.01 = $14.60 an hour charge
    // saved, plus whatever it processes (private DNS is off here, so nothing goes through it).
    assert_eq!((alt.component.as_str(), alt.azs), ("s3-if", 2));
    assert_eq!(money(alt.saving()), "$14.60");
}

#[test]
fn public_addresses_of_instances_and_public_databases_are_charged() {
    let mut doc = lab();
    add(
        &mut doc,
        "instances",
        json!({ "id": "bastion", "subnet": "public-a", "security_groups": ["fn-sg"], "public_ip": true }),
    );
    database(&mut doc, "db").publicly_accessible = true;
    let e = cost(&doc);
    // 730 h × $0.005 each
    assert!(lines(&e).contains(&line(LineKind::PublicIpv4, "bastion", "$3.65")));
    assert!(lines(&e).contains(&line(LineKind::PublicIpv4, "db", "$3.65")));
}

#[test]
fn a_function_outside_any_vpc_pays_only_the_internet_data_transfer() {
    let doc =
        load(r#"{ "schema_version": 1, "functions": [ { "id": "f" } ], "traffic": { "internet": 20 } }"#).unwrap();
    let e = cost(&doc);
    // 20 GB × $0.09 = $1.80; AWS APIs from the Lambda-managed network cost nothing here.
    assert_eq!(lines(&e), [line(LineKind::InternetOut, "", "$1.80")]);
}

#[test]
fn the_traffic_assumption_round_trips_and_is_left_out_when_empty() {
    let mut doc = lab();
    assert!(!serde_json::to_string(&doc).unwrap().contains("traffic"));
    doc.traffic.insert("s3".into(), 250);
    let text = serde_json::to_string(&doc).unwrap();
    assert!(text.contains(r#""traffic":{"s3":250}"#), "{text}");
    assert_eq!(load(&text).unwrap().traffic, doc.traffic);
}

// --- diff --------------------------------------------------------------------------------

#[test]
fn routing_the_private_subnets_to_the_igw_closes_the_internet_and_every_service() {
    let before = lab();
    let mut after = lab();
    table(&mut after, "private-rt").routes[0].target = igw("igw");
    let (a, b) = (analyze(&before), analyze(&after));
    let d = diff(&a, &b);
    let closed: Vec<&str> = d.of(PathChange::Closed).map(|c| c.to.key()).collect();
    assert_eq!(
        closed,
        [
            "internet",
            "s3",
            "dynamodb",
            "sqs",
            "secretsmanager",
            "sts",
            "kms",
            "logs",
            "ssm"
        ]
    );
    assert_eq!(d.of(PathChange::Opened).count(), 0);
    // The database path does not depend on the route to the internet.
    assert!(d.paths.iter().all(|c| c.to != &Destination::Component("db".into())));
    let groups = d.by_source();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].0, &Source::Function("fn".into()));
    assert_eq!(groups[0].1.closed.len(), 9);
    // And back: the same paths open again.
    let back = diff(&b, &a);
    assert_eq!(back.of(PathChange::Opened).count(), 9);
    assert_eq!(back.of(PathChange::Closed).count(), 0);
}

#[test]
fn one_subnet_losing_its_route_makes_the_paths_partial() {
    let before = lab();
    let mut after = lab();
    add(
        &mut after,
        "route_tables",
        json!({ "id": "isolated-rt", "vpc": "vpc", "routes": [] }),
    );
    subnet(&mut after, "private-b").route_table = Some("isolated-rt".into());
    let (a, b) = (analyze(&before), analyze(&after));
    let d = diff(&a, &b);
    let partial = d.of(PathChange::BecamePartial).next().unwrap();
    assert_eq!(
        (partial.before, partial.after),
        (Some(Reach::Reachable), Some(Reach::Partial))
    );
    assert_eq!(d.of(PathChange::BecamePartial).count(), 9);
}

#[test]
fn deleting_the_database_closes_its_path_and_no_change_is_no_diff() {
    let before = lab();
    let mut after = lab();
    after.databases.clear();
    let (a, b) = (analyze(&before), analyze(&after));
    let d = diff(&a, &b);
    let closed: Vec<_> = d.of(PathChange::Closed).collect();
    assert_eq!(closed.len(), 1);
    assert_eq!((closed[0].to.key(), closed[0].after), ("db", None));
    assert!(diff(&a, &analyze(&lab())).is_empty());
}

#[test]
fn design_problems_appear_and_resolve() {
    let before = lab();
    let mut after = lab();
    subnet(&mut after, "public-b").cidr = "10.0.1.0/33".into();
    let (a, b) = (analyze(&before), analyze(&after));
    let d = diff(&a, &b);
    assert!(!d.problems_added.is_empty());
    assert!(d.problems_resolved.is_empty());
    let back = diff(&b, &a);
    assert_eq!(back.problems_resolved.len(), d.problems_added.len());
}

#[test]
fn the_nat_cost_finding_uses_the_designs_traffic_assumption() {
    let mut doc = lab();
    doc.traffic.insert("s3".into(), 1000);
    let a = analyze(&doc);
    let c1 = a
        .findings
        .iter()
        .find(|f| {
            f.id == vpc_engine::explain::ExplanationId::C1NatForGatewayService
                && f.message.get("service") == Some("Amazon S3")
        })
        .unwrap();
    // 1000 GB × $0.045 = $45.00 of NAT processing a gateway endpoint would save.
    assert_eq!(
        (c1.message.get("gb"), c1.message.get("saving")),
        (Some("1000"), Some("$45.00"))
    );
}

// --- the walk-through's data: hops in order, each with its component, decision and reason -----

#[test]
fn the_nat_path_walks_out_through_nat_and_back_through_the_stateful_group() {
    let v = verdict(&lab(), "fn", "internet");
    let (request, reply) = v.legs();
    fn codes(hops: &[vpc_engine::reach::Hop]) -> Vec<(&'static str, &str, &'static str)> {
        hops.iter()
            .map(|h| (h.kind.key(), h.component.as_str(), h.because.id.code()))
            .collect()
    }
    let out = codes(request);
    // The NAT gateway swaps the source address for its Elastic IP (G3), after the route
    // table sent the traffic to it and before the internet gateway.
    let nat = out.iter().position(|h| h.0 == "nat_gateway").unwrap();
    assert_eq!(out[nat], ("nat_gateway", "nat-a", "G3.nat-gateway"));
    assert_eq!(out[nat - 1].0, "route_table");
    assert!(out[nat + 1..].iter().any(|h| h.0 == "internet_gateway"));
    assert_eq!(out.last().unwrap().0, "destination");
    // The reply: NACLs check it again (stateless), the function's group lets it in (S1).
    let back = codes(reply);
    assert!(back.iter().any(|h| h.0 == "nacl_in"), "{back:?}");
    assert_eq!(*back.last().unwrap(), ("security_group_in", "fn-sg", "S1.stateful"));
    assert!(v.path.iter().all(|h| h.allowed));
}

#[test]
fn a_nacl_without_return_ports_stops_the_walk_on_the_reply() {
    let mut doc = lab();
    add(
        &mut doc,
        "network_acls",
        json!({ "id": "strict-nacl", "vpc": "vpc",
                "inbound": [{ "number": 100, "action": "allow", "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr": "0.0.0.0/0" }],
                "outbound": [{ "number": 100, "action": "allow", "protocol": "all", "cidr": "0.0.0.0/0" }] }),
    );
    for s in ["private-a", "private-b"] {
        subnet(&mut doc, s).nacl = Some("strict-nacl".into());
    }
    let v = verdict(&doc, "fn", "internet");
    let last = v.blocking_hop().unwrap();
    // The walk's last hop: the NACL checking the reply's ephemeral port, on the way back.
    assert_eq!(
        (last.kind.key(), last.because.id.code()),
        ("nacl_in", "N4.ephemeral-return")
    );
    assert!(!v.legs().1.is_empty(), "the request went out; the reply is what fails");
    assert!(std::ptr::eq(last, v.path.last().unwrap()));
}

/// `tests/intents/shop.json`: orders-worker runs in private-a only (one AZ, Q2); giving it
/// private-b too clears that finding, and taking it back raises it again.
#[test]
fn a_change_names_the_findings_it_raises_and_clears() {
    let before = vpc_engine::model::load(include_str!("intents/shop.json")).unwrap();
    let mut after = before.clone();
    let worker = after
        .functions
        .iter_mut()
        .find(|f| f.id.as_str() == "orders-worker")
        .unwrap();
    worker
        .vpc_config
        .as_mut()
        .unwrap()
        .subnets
        .push(vpc_engine::model::SubnetId::new("private-b"));
    let (a, b) = (analyze(&before), analyze(&after));
    let d = diff(&a, &b);
    let about_worker = |fs: &[&vpc_engine::findings::Finding]| {
        fs.iter()
            .filter(|f| f.id == vpc_engine::explain::ExplanationId::Q2SingleAz)
            .any(|f| f.components.iter().any(|c| c.as_str() == "orders-worker"))
    };
    assert!(about_worker(&d.findings_fixed), "{:?}", d.findings_fixed);
    assert!(!about_worker(&d.findings_added));
    let back = diff(&b, &a);
    assert!(about_worker(&back.findings_added));
    assert!(diff(&a, &a).findings_added.is_empty() && diff(&a, &a).findings_fixed.is_empty());
}

//! Properties of the evaluation as a whole: verdicts do not depend on the order of the
//! document's lists, shared ENIs give shared answers, and broken designs are answered,
//! never a panic.

mod reach_support;

use reach_support::*;
use serde_json::json;
use vpc_engine::model::{load, Document};
use vpc_engine::reach::{Destination, Reach, Source};
use vpc_engine::{analyze, Analysis};

/// A design that exercises every path: NAT, gateway and interface endpoints, peering,
/// IPv6, custom NACLs, a public database and instance, several functions.
fn rich() -> Document {
    let mut doc = lab();
    doc.vpcs[0].ipv6_cidr = Some("2600:1f18:abc:de00::/56".into());
    doc.vpcs[0].secondary_cidrs = vec!["10.50.0.0/16".into(), "10.60.0.0/16".into()];
    subnet(&mut doc, "private-a").ipv6_cidr = Some("2600:1f18:abc:de01::/64".into());
    subnet(&mut doc, "private-b").ipv6_cidr = Some("2600:1f18:abc:de02::/64".into());
    add(&mut doc, "egress_only_gateways", json!({ "id": "eigw", "vpc": "vpc" }));
    table(&mut doc, "private-rt").routes.push(route(
        "::/0",
        vpc_engine::model::RouteTarget::EgressOnlyGateway("eigw".into()),
    ));
    add(
        &mut doc,
        "subnets",
        json!({ "id": "private-c", "vpc": "vpc", "az": "us-east-1c", "cidr": "10.50.0.0/24", "route_table": "isolated-rt" }),
    );
    add(&mut doc, "route_tables", json!({ "id": "isolated-rt", "vpc": "vpc" }));
    add(
        &mut doc,
        "endpoints",
        json!({ "id": "s3-ep", "vpc": "vpc", "service": "s3", "type": "gateway", "route_tables": ["isolated-rt", "private-rt"] }),
    );
    add(
        &mut doc,
        "endpoints",
        json!({ "id": "ddb-ep", "vpc": "vpc", "service": "dynamodb", "type": "gateway", "route_tables": ["isolated-rt"] }),
    );
    add(
        &mut doc,
        "security_groups",
        json!({ "id": "ep-sg", "vpc": "vpc", "inbound": [
            { "protocol": "tcp", "from_port": 443, "to_port": 443, "peer": { "security_group": "fn-sg" } },
            { "protocol": "tcp", "from_port": 443, "to_port": 443, "peer": { "cidr": "10.50.0.0/16" } },
            { "protocol": "all", "peer": { "security_group": "ep-sg" } }
        ]}),
    );
    add(
        &mut doc,
        "endpoints",
        json!({ "id": "sts-ep", "vpc": "vpc", "service": "sts", "type": "interface", "subnets": ["private-a", "private-c"], "security_groups": ["ep-sg", "db-sg"] }),
    );
    add(
        &mut doc,
        "endpoints",
        json!({ "id": "sqs-ep", "vpc": "vpc", "service": "sqs", "type": "interface", "subnets": ["private-b"], "security_groups": ["ep-sg"], "private_dns": false }),
    );
    add(
        &mut doc,
        "network_acls",
        json!({ "id": "nacl-c", "vpc": "vpc",
        "inbound": [
            { "number": 120, "action": "allow", "protocol": "tcp", "from_port": 1024, "to_port": 65535, "cidr": "0.0.0.0/0" },
            { "number": 100, "action": "deny", "protocol": "tcp", "from_port": 22, "to_port": 22, "cidr": "0.0.0.0/0" },
            { "number": 110, "action": "allow", "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr": "10.0.0.0/8" }
        ],
        "outbound": [
            { "number": 200, "action": "allow", "protocol": "all", "cidr": "0.0.0.0/0" },
            { "number": 100, "action": "deny", "protocol": "tcp", "from_port": 5432, "to_port": 5432, "cidr": "10.0.11.0/24" }
        ] }),
    );
    subnet(&mut doc, "private-c").nacl = Some("nacl-c".into());
    add(
        &mut doc,
        "security_groups",
        json!({ "id": "batch-sg", "vpc": "vpc", "inbound": [
            { "protocol": "tcp", "from_port": 22, "to_port": 22, "peer": { "cidr": "10.0.0.0/16" } }
        ], "outbound": [
            { "protocol": "tcp", "from_port": 443, "to_port": 443, "peer": { "cidr": "0.0.0.0/0" } },
            { "protocol": "tcp", "from_port": 5432, "to_port": 5432, "peer": { "security_group": "db-sg" } },
            { "protocol": "tcp", "from_port": 443, "to_port": 443, "peer": { "prefix_list": "dynamodb" } }
        ]}),
    );
    add(
        &mut doc,
        "functions",
        json!({ "id": "batch-fn", "vpc_config": { "subnets": ["private-c", "private-b"], "security_groups": ["batch-sg", "fn-sg"], "ipv6_allowed_for_dual_stack": true } }),
    );
    add(
        &mut doc,
        "functions",
        json!({ "id": "api-fn", "vpc_config": { "subnets": ["private-a", "private-b"], "security_groups": ["fn-sg"] } }),
    );
    add(&mut doc, "functions", json!({ "id": "edge-fn" }));
    add(
        &mut doc,
        "functions",
        json!({ "id": "public-fn", "vpc_config": { "subnets": ["public-a"], "security_groups": ["fn-sg"] } }),
    );
    add(
        &mut doc,
        "security_groups",
        json!({ "id": "web-sg", "vpc": "vpc", "inbound": [
            { "protocol": "tcp", "from_port": 443, "to_port": 443, "peer": { "cidr": "0.0.0.0/0" } },
            { "protocol": "tcp", "from_port": 443, "to_port": 443, "peer": { "security_group": "fn-sg" } }
        ]}),
    );
    add(
        &mut doc,
        "instances",
        json!({ "id": "web", "subnet": "public-b", "security_groups": ["web-sg"], "elastic_ip": true, "port": 443 }),
    );
    add(
        &mut doc,
        "databases",
        json!({ "id": "reports-db", "engine": "mysql", "publicly_accessible": true,
        "subnet_group": ["public-a", "public-b"], "security_groups": ["db-sg", "web-sg"] }),
    );
    // A peered VPC with its own database.
    add(
        &mut doc,
        "vpcs",
        json!({ "id": "shared", "cidr": "10.1.0.0/16", "main_route_table": "shared-rt" }),
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
        "peering_connections",
        json!({ "id": "pcx", "requester_vpc": "vpc", "accepter_vpc": "shared" }),
    );
    add(
        &mut doc,
        "security_groups",
        json!({ "id": "shared-sg", "vpc": "shared", "inbound": [
            { "protocol": "all", "peer": { "security_group": "fn-sg" } }
        ]}),
    );
    add(
        &mut doc,
        "databases",
        json!({ "id": "shared-db", "subnet_group": ["shared-a"], "security_groups": ["shared-sg"] }),
    );
    table(&mut doc, "private-rt").routes.push(route(
        "10.1.0.0/16",
        vpc_engine::model::RouteTarget::VpcPeering("pcx".into()),
    ));
    doc
}

/// A small deterministic generator (xorshift64*), so the shuffles are reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Shuffles every list whose order carries no meaning: the document's collections, routes,
/// rules, and the security groups, route tables and subnets components refer to. (The
/// order of a function's subnets orders its traces, and a DB subnet group's first subnet
/// holds its address: those are kept.)
fn shuffle(doc: &mut Document, rng: &mut Rng) {
    rng.shuffle(&mut doc.vpcs);
    rng.shuffle(&mut doc.subnets);
    rng.shuffle(&mut doc.route_tables);
    rng.shuffle(&mut doc.internet_gateways);
    rng.shuffle(&mut doc.egress_only_gateways);
    rng.shuffle(&mut doc.nat_gateways);
    rng.shuffle(&mut doc.peering_connections);
    rng.shuffle(&mut doc.endpoints);
    rng.shuffle(&mut doc.security_groups);
    rng.shuffle(&mut doc.network_acls);
    rng.shuffle(&mut doc.functions);
    rng.shuffle(&mut doc.databases);
    rng.shuffle(&mut doc.instances);
    rng.shuffle(&mut doc.services);
    for v in &mut doc.vpcs {
        rng.shuffle(&mut v.secondary_cidrs);
    }
    for t in &mut doc.route_tables {
        rng.shuffle(&mut t.routes);
    }
    for s in &mut doc.security_groups {
        rng.shuffle(&mut s.inbound);
        rng.shuffle(&mut s.outbound);
    }
    for n in &mut doc.network_acls {
        rng.shuffle(&mut n.inbound);
        rng.shuffle(&mut n.outbound);
    }
    for f in &mut doc.functions {
        if let Some(cfg) = &mut f.vpc_config {
            rng.shuffle(&mut cfg.security_groups);
        }
    }
    for d in &mut doc.databases {
        rng.shuffle(&mut d.security_groups);
    }
    for i in &mut doc.instances {
        rng.shuffle(&mut i.security_groups);
    }
    for e in &mut doc.endpoints {
        match &mut e.kind {
            vpc_engine::model::EndpointKind::Gateway { route_tables } => rng.shuffle(route_tables),
            vpc_engine::model::EndpointKind::Interface {
                subnets,
                security_groups,
                ..
            } => {
                rng.shuffle(subnets);
                rng.shuffle(security_groups);
            }
        }
    }
}

fn conclusions(a: &Analysis) -> (&[vpc_engine::reach::Verdict], &[vpc_engine::findings::Finding]) {
    (&a.verdicts, &a.findings)
}

#[test]
fn verdicts_and_findings_do_not_depend_on_the_order_of_the_document() {
    let doc = rich();
    let reference = analyze(&doc);
    // The design really exercises a variety of answers.
    let reaches: std::collections::HashSet<Reach> = reference.verdicts.iter().map(|v| v.reach).collect();
    assert_eq!(
        reaches.len(),
        3,
        "reachable, unreachable and partial verdicts all occur"
    );
    assert!(reference.findings.len() >= 4, "{:?}", reference.findings);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for round in 0..25 {
        let mut shuffled = doc.clone();
        shuffle(&mut shuffled, &mut rng);
        assert_ne!(shuffled, doc, "round {round} shuffled something");
        let again = analyze(&shuffled);
        assert_eq!(conclusions(&again), conclusions(&reference), "round {round}");
    }
}

#[test]
fn verdicts_come_in_a_fixed_order() {
    let a = analyze(&rich());
    let functions: Vec<&str> = a
        .verdicts
        .iter()
        .filter_map(|v| match &v.from {
            Source::Function(f) => Some(f.as_str()),
            Source::Internet => None,
        })
        .collect();
    let mut sorted = functions.clone();
    sorted.sort();
    assert_eq!(functions, sorted, "functions by id");
    let first_internet = a.verdicts.iter().position(|v| v.from == Source::Internet).unwrap();
    assert!(
        a.verdicts[first_internet..].iter().all(|v| v.from == Source::Internet),
        "inbound verdicts last"
    );
    let api: Vec<(&str, u16)> = a
        .verdicts
        .iter()
        .filter(|v| v.from.key() == "api-fn")
        .map(|v| (v.to.key(), v.port))
        .collect();
    // A target is asked on its service port first, then on each port its groups open, in
    // ascending order: reports-db listens on MySQL's 3306, web-sg opens 443, db-sg 5432.
    assert_eq!(
        api,
        [
            ("internet", 443),
            ("internet-ipv6", 443),
            ("s3", 443),
            ("dynamodb", 443),
            ("sqs", 443),
            ("secretsmanager", 443),
            ("sts", 443),
            ("kms", 443),
            ("logs", 443),
            ("ssm", 443),
            ("db", 5432),
            ("reports-db", 3306),
            ("reports-db", 443),
            ("reports-db", 5432),
            ("shared-db", 5432),
            ("web", 443)
        ]
    );
    for v in &a.verdicts {
        assert_invariants(v);
    }
}

/// Traces with the function's name taken out of their sentences.
fn anonymous(traces: &[std::sync::Arc<vpc_engine::reach::Trace>]) -> Vec<vpc_engine::reach::Trace> {
    let mut out: Vec<vpc_engine::reach::Trace> = traces.iter().map(|t| (**t).clone()).collect();
    for hop in out.iter_mut().flat_map(|t| t.hops.iter_mut()) {
        hop.because.args.retain(|(k, _)| *k != "function");
    }
    out
}

#[test]
fn functions_sharing_subnets_and_groups_share_their_answers() {
    let doc = rich();
    let a = analyze(&doc);
    let by = |f: &str| a.verdicts.iter().filter(|v| v.from.key() == f).collect::<Vec<_>>();
    let (fnv, api) = (by("fn"), by("api-fn"));
    assert_eq!(fnv.len(), api.len());
    for (x, y) in fnv.iter().zip(&api) {
        assert_eq!(x.to, y.to);
        assert_eq!(x.reach, y.reach);
        // IPv6 is refused by each function's own setting (L8), a function-level hop.
        if x.to != Destination::InternetIpv6 {
            assert_eq!(anonymous(&x.traces), anonymous(&y.traces), "same ENIs, same traces");
        }
        // Every hop sentence that names functions names the right ones: a hop of a shared
        // ENI trace names every function using that ENI (both of these, by id), a function's own
        // hop (IPv6 refused by its setting) names it alone.
        for (v, own) in [(x, "fn"), (y, "api-fn")] {
            for hop in v.traces.iter().flat_map(|t| &t.hops) {
                for (k, value) in &hop.because.args {
                    if *k == "function" {
                        let named: Vec<&str> = value.split(", ").collect();
                        let expected: &[&str] = if x.to == Destination::InternetIpv6 {
                            &[own]
                        } else {
                            &["api-fn", "fn"]
                        };
                        assert_eq!(named, expected, "{}", dump(v));
                    }
                }
            }
        }
        // …but each headline that names a function names its own.
        let name = |v: &vpc_engine::reach::Verdict| v.message.get("function").map(str::to_owned);
        assert!(name(x).is_none_or(|n| n == "fn"));
        assert!(name(y).is_none_or(|n| n == "api-fn"));
        assert_eq!(name(x).is_some(), name(y).is_some());
    }
}

#[test]
fn rich_design_answers_what_a_learner_expects() {
    let doc = rich();
    // batch-fn: private-c (isolated, gateway endpoints only) and private-b (NAT).
    let v = check(
        &doc,
        "batch-fn",
        "internet",
        Reach::Partial,
        Some("isolated-rt"),
        "L5.no-internet-route",
    );
    assert_eq!(v.message.get("subnets"), Some("private-b"));
    check(
        &doc,
        "batch-fn",
        "dynamodb",
        Reach::Reachable,
        None,
        "E1.gateway-endpoint",
    );
    // Private DNS answers with both of sts-ep's interfaces (E5). From private-a both work;
    // from private-b, the replies of the one in private-c leave through nacl-c, whose rule
    // 100 denies TCP 5432 towards private-b: part of the ephemeral range (N4), so some calls
    // from private-b are dropped.
    let v = check(&doc, "fn", "sts", Reach::Partial, Some("nacl-c"), "N4.ephemeral-return");
    explains(&v, "E5.any-interface");
    check(&doc, "fn", "sqs", Reach::Reachable, None, "L7.nat-path");
    check(&doc, "fn", "shared-db", Reach::Reachable, None, "S5.db-allows-function");
    // Public, but neither of its groups opens MySQL to the internet.
    let v = check(
        &doc,
        "edge-fn",
        "reports-db",
        Reach::Unreachable,
        Some("db-sg"),
        "S2.no-inbound",
    );
    explains(&v, "L3.public-target");
    check(
        &doc,
        "public-fn",
        "internet",
        Reach::Unreachable,
        Some("public-rt"),
        "L6.public-subnet",
    );
    check(&doc, "internet", "web", Reach::Reachable, None, "EC1.public-instance");
}

#[test]
fn broken_designs_are_answered_not_panicked_on() {
    let text = json!({
        "schema_version": 1,
        "vpcs": [
            { "id": "v", "cidr": "10.0.0.0/33", "secondary_cidrs": ["nonsense", "10.9.0.0/16"], "ipv6_cidr": "10.0.0.0/16",
              "main_route_table": "ghost-rt", "default_nacl": "ghost-nacl" },
            { "id": "v", "cidr": "192.168.0.0/16" },
            { "id": "w", "cidr": "" }
        ],
        "subnets": [
            { "id": "s1", "vpc": "v", "az": "", "cidr": "10.9.0.0/24", "route_table": "rt", "nacl": "n" },
            { "id": "s2", "vpc": "nowhere", "cidr": "10.9.1.0/24" },
            { "id": "s3", "vpc": "w", "cidr": "10.9.1.5/24", "ipv6_cidr": "garbage" },
            { "id": "s1", "vpc": "w", "cidr": "1.2.3.0/24" }
        ],
        "route_tables": [
            { "id": "rt", "vpc": "v", "routes": [
                { "destination": { "cidr": "0.0.0.0/0" }, "target": { "kind": "nat_gateway", "id": "nat" } },
                { "destination": { "cidr": "0.0.0.0/0" }, "target": { "kind": "internet_gateway", "id": "igw" } },
                { "destination": { "cidr": "::/0" }, "target": { "kind": "nat_gateway", "id": "nat" } },
                { "destination": { "cidr": "bad" }, "target": { "kind": "local" } },
                { "destination": { "prefix_list": "sqs" }, "target": { "kind": "gateway_endpoint", "id": "ep" } },
                { "destination": { "cidr": "10.9.1.0/24" }, "target": { "kind": "network_interface", "id": "nothing" } },
                { "destination": { "cidr": "8.8.8.0/24" }, "target": { "kind": "local" } }
            ]}
        ],
        "internet_gateways": [{ "id": "igw", "vpc": "w" }],
        "nat_gateways": [{ "id": "nat", "subnet": "s2", "connectivity": "private", "elastic_ip": false }],
        "endpoints": [
            { "id": "ep", "vpc": "v", "service": "sqs", "type": "gateway", "route_tables": ["rt", "rt", "ghost"] },
            { "id": "ep2", "vpc": "v", "service": "kms", "type": "interface", "subnets": ["ghost", "s3"], "security_groups": ["ghost"] }
        ],
        "security_groups": [
            { "id": "sg", "vpc": "v", "inbound": [{ "protocol": "tcp", "from_port": 9000, "to_port": 10, "peer": { "cidr": "x" } }],
              "outbound": [{ "protocol": "icmp", "peer": { "security_group": "ghost" } }] }
        ],
        "network_acls": [
            { "id": "n", "vpc": "v", "inbound": [{ "number": 0, "action": "deny", "protocol": "all", "cidr": "::/0" }],
              "outbound": [{ "number": 5, "action": "allow", "protocol": "udp", "from_port": 1, "to_port": 0, "cidr": "0.0.0.0/0" }] }
        ],
        "functions": [
            { "id": "f1", "vpc_config": { "subnets": ["s1", "s2", "s3", "ghost", "s1"], "security_groups": ["sg", "ghost"], "ipv6_allowed_for_dual_stack": true } },
            { "id": "f2", "vpc_config": { "subnets": [], "security_groups": [] } },
            { "id": "f3", "vpc_config": { "subnets": ["s1"], "security_groups": ["ghost"] } },
            { "id": "f1" }
        ],
        "databases": [
            { "id": "d1", "subnet_group": [], "security_groups": ["ghost"], "publicly_accessible": true },
            { "id": "d2", "subnet_group": ["s3", "ghost"], "port": 0 }
        ],
        "instances": [
            { "id": "i1", "subnet": "ghost", "public_ip": true },
            { "id": "i2", "subnet": "s2", "elastic_ip": true, "port": 65535 }
        ]
    });
    let doc = load(&text.to_string()).expect("shape is valid even if the content is not");
    let a = analyze(&doc);
    assert!(!a.verdicts.is_empty());
    for v in &a.verdicts {
        assert_invariants(v);
    }
    // The first of duplicate ids is the one evaluated.
    assert!(a.verdict("f1", &Destination::Internet).unwrap().traces.len() > 1);
    let empty = analyze(&Document::default());
    assert!(empty.verdicts.is_empty() && empty.findings.is_empty());
}

/// Placeholders of the shared vocabulary left unfilled in a rendered sentence.
fn unfilled(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else { break };
        let name = &after[..end];
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            out.push(name.to_owned());
        }
        rest = &after[end + 1..];
    }
    out
}

#[test]
fn every_sentence_finds_its_arguments() {
    use vpc_engine::explain::{Lang, Message, CATALOGUE};
    let mut designs = vec![rich(), load(include_str!("../../../designs/starter.json")).unwrap()];
    let mut outside = rich();
    for f in &mut outside.functions {
        f.vpc_config = None;
    }
    designs.push(outside);
    let mut broken = rich();
    broken.vpcs[0].enable_dns_support = false;
    broken.nat_gateways[0].elastic_ip = false;
    designs.push(broken);
    let mut problems = Vec::new();
    let mut check_message = |m: &Message, context: &str| {
        if !CATALOGUE.iter().any(|e| e.id == m.id) {
            return; // the catalogue test reports missing entries
        }
        for lang in [Lang::En, Lang::Zh] {
            let missing = unfilled(&m.render(lang));
            if !missing.is_empty() {
                problems.push(format!("{context}: {} lacks {missing:?}", m.id));
            }
        }
    };
    for doc in &designs {
        let a = analyze(doc);
        for v in &a.verdicts {
            let context = format!("{} -> {}", v.from.key(), v.to.key());
            check_message(&v.message, &context);
            for hop in v.traces.iter().flat_map(|t| &t.hops) {
                check_message(&hop.because, &format!("{context} hop {}", hop.kind.key()));
            }
        }
        for f in &a.findings {
            check_message(&f.message, "finding");
        }
    }
    problems.sort();
    problems.dedup();
    assert!(
        problems.is_empty(),
        "{} unfilled:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_internet_reaching_a_database_is_the_bad_outcome_and_a_function_reaching_it_the_good_one() {
    use vpc_engine::reach::Outcome;
    let doc = load(include_str!("scenarios/database_subnet_group_and_public_access.json")).unwrap();
    let a = analyze(&doc);
    let outcome = |from: &str, to: &str| {
        let v = a
            .verdicts
            .iter()
            .find(|v| v.from.key() == from && v.to.key() == to)
            .unwrap();
        (v.reach, v.outcome())
    };
    // A publicly accessible database in a public subnet: open to the internet, an exposure.
    assert_eq!(outcome("internet", "db-public"), (Reach::Reachable, Outcome::Bad));
    // Publicly accessible but in a private subnet: not exposed, the safe answer.
    assert_eq!(
        outcome("internet", "db-public-in-private"),
        (Reach::Unreachable, Outcome::Good)
    );
    // The function reaching the same databases is what it was built for.
    assert_eq!(outcome("orders-fn", "db-public"), (Reach::Reachable, Outcome::Good));
    assert_eq!(outcome("orders-fn", "dynamodb"), (Reach::Unreachable, Outcome::Bad));
}

//! Shared fixtures for the reachability tests: one well-built lab design that each test
//! breaks in exactly one way, and one `check` helper that asserts a verdict.
#![allow(dead_code)]

use serde_json::json;
use vpc_engine::analyze;
use vpc_engine::model::{
    load, Document, Endpoint, Function, Nacl, NatGateway, RouteDestination, RouteTable, RouteTarget, SecurityGroup,
    Subnet,
};
use vpc_engine::reach::{Destination, Reach, Verdict};

/// The lab: a VPC `10.0.0.0/16` (DNS support and hostnames on) with an attached internet
/// gateway; public subnets `public-a`/`public-b` (route table `public-rt`: 0.0.0.0/0 → igw)
/// and private subnets `private-a`/`private-b` (main table `private-rt`: 0.0.0.0/0 → `nat-a`,
/// a public NAT gateway with an Elastic IP in `public-a`). The function `fn` runs in both
/// private subnets with `fn-sg` (no inbound rules, all outbound); the Postgres database `db`
/// lives in the private subnets with `db-sg`, which admits 5432 from `fn-sg`.
///
/// Everything works: the internet, every service (over NAT) and the database.
pub fn lab() -> Document {
    let doc = json!({
        "schema_version": 1,
        "name": "lab",
        "region": "us-east-1",
        "vpcs": [{
            "id": "vpc", "cidr": "10.0.0.0/16",
            "enable_dns_support": true, "enable_dns_hostnames": true,
            "main_route_table": "private-rt"
        }],
        "internet_gateways": [{ "id": "igw", "vpc": "vpc" }],
        "route_tables": [
            { "id": "public-rt", "vpc": "vpc", "routes": [
                { "destination": { "cidr": "0.0.0.0/0" }, "target": { "kind": "internet_gateway", "id": "igw" } }
            ]},
            { "id": "private-rt", "vpc": "vpc", "routes": [
                { "destination": { "cidr": "0.0.0.0/0" }, "target": { "kind": "nat_gateway", "id": "nat-a" } }
            ]}
        ],
        "subnets": [
            { "id": "public-a", "vpc": "vpc", "az": "us-east-1a", "cidr": "10.0.0.0/24", "route_table": "public-rt" },
            { "id": "public-b", "vpc": "vpc", "az": "us-east-1b", "cidr": "10.0.1.0/24", "route_table": "public-rt" },
            { "id": "private-a", "vpc": "vpc", "az": "us-east-1a", "cidr": "10.0.10.0/24" },
            { "id": "private-b", "vpc": "vpc", "az": "us-east-1b", "cidr": "10.0.11.0/24" }
        ],
        "nat_gateways": [{ "id": "nat-a", "subnet": "public-a" }],
        "security_groups": [
            { "id": "fn-sg", "vpc": "vpc", "inbound": [], "outbound": [
                { "protocol": "all", "peer": { "cidr": "0.0.0.0/0" } },
                { "protocol": "all", "peer": { "cidr": "::/0" } }
            ]},
            { "id": "db-sg", "vpc": "vpc", "inbound": [
                { "protocol": "tcp", "from_port": 5432, "to_port": 5432, "peer": { "security_group": "fn-sg" } }
            ], "outbound": [] }
        ],
        "functions": [{ "id": "fn", "vpc_config": { "subnets": ["private-a", "private-b"], "security_groups": ["fn-sg"] } }],
        "databases": [{ "id": "db", "engine": "postgres", "subnet_group": ["private-a", "private-b"], "security_groups": ["db-sg"] }]
    });
    load(&doc.to_string()).expect("the lab design loads")
}

/// Parses a CIDR-destination route.
pub fn route(cidr: &str, target: RouteTarget) -> vpc_engine::model::Route {
    vpc_engine::model::Route {
        destination: RouteDestination::Cidr(cidr.into()),
        target,
    }
}

pub fn nat(id: &str) -> RouteTarget {
    RouteTarget::NatGateway(id.into())
}
pub fn igw(id: &str) -> RouteTarget {
    RouteTarget::InternetGateway(id.into())
}

macro_rules! finder {
    ($name:ident, $list:ident, $ty:ty) => {
        /// The component with this id; panics if the fixture lacks it.
        pub fn $name<'d>(doc: &'d mut Document, id: &str) -> &'d mut $ty {
            doc.$list
                .iter_mut()
                .find(|x| x.id.as_str() == id)
                .unwrap_or_else(|| panic!("no {} {id}", stringify!($name)))
        }
    };
}
finder!(table, route_tables, RouteTable);
finder!(subnet, subnets, Subnet);
finder!(sg, security_groups, SecurityGroup);
finder!(function, functions, Function);
finder!(nat_gateway, nat_gateways, NatGateway);
finder!(nacl, network_acls, Nacl);
finder!(endpoint, endpoints, Endpoint);
finder!(database, databases, vpc_engine::model::Database);
finder!(instance, instances, vpc_engine::model::Instance);

/// Adds components written as JSON (the export format's shape) to the document.
pub fn add(doc: &mut Document, list: &str, value: serde_json::Value) {
    let mut whole = serde_json::to_value(&*doc).expect("documents serialise");
    whole[list]
        .as_array_mut()
        .unwrap_or_else(|| panic!("no list {list}"))
        .push(value);
    *doc = serde_json::from_value(whole).expect("the added component has the model's shape");
}

/// The verdict from `from` (a function id or `internet`) to `to` (`internet`,
/// `internet-ipv6`, a service key, or a component id).
#[track_caller]
pub fn verdict(doc: &Document, from: &str, to: &str) -> Verdict {
    let analysis = analyze(doc);
    let dest = match to {
        "internet" => Destination::Internet,
        "internet-ipv6" => Destination::InternetIpv6,
        key => match vpc_engine::model::AwsService::from_key(key) {
            Some(s) => Destination::Service(s),
            None => Destination::Component(key.into()),
        },
    };
    analysis
        .answer(from, &dest, None)
        .map(|v| v.into_owned())
        .unwrap_or_else(|| panic!("no verdict {from} -> {to}"))
}

/// A readable dump of a verdict, for assertion messages.
pub fn dump(v: &Verdict) -> String {
    let mut s = format!(
        "{} -> {} :{} {:?} blocked_by={:?} explanations={:?}\n  message {} {:?}\n",
        v.from.key(),
        v.to.key(),
        v.port,
        v.reach,
        v.blocked_by.as_ref().map(|c| c.as_str()),
        v.explanations.iter().map(|e| e.code()).collect::<Vec<_>>(),
        v.message.id.code(),
        v.message.args,
    );
    for (i, t) in v.traces.iter().enumerate() {
        s += &format!(
            "  trace {i} {:?} {:?} {:?}\n",
            t.subnet.as_ref().map(|x| x.as_str()),
            t.disposition,
            t.blocked_by
        );
        for h in &t.hops {
            s += &format!(
                "    {:<20} {:<12} {} {}\n",
                h.kind.key(),
                h.component.as_str(),
                if h.allowed { "ok" } else { "XX" },
                h.because.id.code()
            );
        }
    }
    s
}

/// Asserts the verdict from `from` to `to`: its reach, the component that blocks it, and
/// the deciding explanation (the first one). Returns the verdict for further checks.
#[track_caller]
pub fn check(doc: &Document, from: &str, to: &str, reach: Reach, blocked_by: Option<&str>, deciding: &str) -> Verdict {
    let v = verdict(doc, from, to);
    let d = dump(&v);
    assert_eq!(v.reach, reach, "reach\n{d}");
    assert_eq!(v.blocked_by.as_ref().map(|c| c.as_str()), blocked_by, "blocked_by\n{d}");
    assert_eq!(
        v.explanations.first().map(|e| e.code()),
        Some(deciding),
        "deciding explanation\n{d}"
    );
    assert_invariants(&v);
    v
}

/// Asserts that `code` is among the verdict's explanations.
#[track_caller]
pub fn explains(v: &Verdict, code: &str) {
    assert!(
        v.explanations.iter().any(|e| e.code() == code),
        "{code} not in explanations\n{}",
        dump(v)
    );
}

/// Asserts that the representative path has a hop of this kind through this component
/// explained by this id.
#[track_caller]
pub fn has_hop(v: &Verdict, kind: &str, component: &str, code: &str) {
    assert!(
        v.path
            .iter()
            .any(|h| h.kind.key() == kind && h.component.as_str() == component && h.because.id.code() == code),
        "no {kind} hop through {component} explained by {code}\n{}",
        dump(v)
    );
}

/// What every verdict promises, whatever the design.
#[track_caller]
pub fn assert_invariants(v: &Verdict) {
    let d = dump(v);
    assert!(!v.explanations.is_empty(), "no explanation\n{d}");
    assert!(!v.traces.is_empty(), "no trace\n{d}");
    for t in &v.traces {
        assert!(!t.explanations.is_empty(), "trace without explanation\n{d}");
        assert!(!t.hops.is_empty(), "trace without hops\n{d}");
        let blocked: Vec<_> = t.hops.iter().filter(|h| !h.allowed).collect();
        if t.disposition.is_success() {
            assert!(
                blocked.is_empty() && t.blocked_by.is_none(),
                "delivered with a blocking hop\n{d}"
            );
        } else {
            assert_eq!(blocked.len(), 1, "a blocked trace stops at exactly one hop\n{d}");
            assert_eq!(
                Some(&blocked[0].component),
                t.blocked_by.as_ref(),
                "blocked_by is the blocking hop\n{d}"
            );
            assert!(!t.hops.last().unwrap().allowed, "the blocking hop is the last\n{d}");
        }
    }
    assert_eq!(
        v.reach == Reach::Reachable,
        v.blocked_by.is_none(),
        "blocked_by iff not reachable\n{d}"
    );
}

//! Findings: advice about a design that is not a reachability verdict (high availability,
//! cost, exposure).
//!
//! Findings are derived from the verdicts (which path each flow really takes) and from the
//! resolved design. They come sorted by severity, then catalogue id, then components, so
//! the list is the same whatever order the document lists its components in.

use crate::explain::{ExplanationId, Message};
use crate::model::{AwsService, ComponentId, EndpointKind};
use crate::reach::{Destination, HopKind, Reach, Source, Trace, Verdict};
use crate::resolve::{Family, Resolved, RouteState, SgPeerR, Target};
use crate::validate::Severity;
use serde::{Deserialize, Serialize};

/// One piece of advice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub id: ExplanationId,
    pub severity: Severity,
    pub components: Vec<ComponentId>,
    pub message: Message,
}

use crate::cost::{money, DEFAULT_GB_PER_MONTH};
pub use crate::cost::{Prices, HOURS_PER_MONTH, PRICES};

/// What cost findings assume about traffic, which the design cannot tell.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CostAssumptions {
    /// Data each function exchanges with each AWS service per month, in GB.
    pub gb_per_function_and_service: f64,
}

impl Default for CostAssumptions {
    /// 100 GB per month per function and service: a modest production workload.
    fn default() -> Self {
        CostAssumptions {
            gb_per_function_and_service: f64::from(DEFAULT_GB_PER_MONTH),
        }
    }
}

/// Every finding for a resolved design and its verdicts, with the default traffic assumption.
pub fn findings(resolved: &Resolved, verdicts: &[Verdict]) -> Vec<Finding> {
    findings_with(resolved, verdicts, &CostAssumptions::default())
}

/// Every finding, with an explicit traffic assumption for the cost findings: the default for
/// the services whose traffic the design itself ([`crate::model::Document::traffic`]) leaves out.
pub fn findings_with(resolved: &Resolved, verdicts: &[Verdict], assumptions: &CostAssumptions) -> Vec<Finding> {
    let mut out = Vec::new();
    single_az(resolved, &mut out);
    subnet_capacity(resolved, &mut out);
    nat_cross_az(resolved, &mut out);
    database_open_to_world(resolved, verdicts, &mut out);
    nat_for_gateway_service(resolved, verdicts, assumptions, &mut out);
    endpoint_traffic(resolved, verdicts, &mut out);
    inbound_rules_on_function_groups(resolved, &mut out);
    crate::order::sort_by(&mut out, |a, b| {
        (a.severity, a.id, &a.components).cmp(&(b.severity, b.id, &b.components))
    });
    out
}

fn ids<'s>(list: impl IntoIterator<Item = &'s str>) -> Vec<ComponentId> {
    list.into_iter().map(ComponentId::new).collect()
}

/// A finding; its id is its message's.
fn finding<'s>(severity: Severity, components: impl IntoIterator<Item = &'s str>, message: Message) -> Finding {
    Finding {
        id: message.id,
        severity,
        components: ids(components),
        message,
    }
}

fn names(r: &Resolved, list: &[&str]) -> String {
    list.iter().map(|id| r.name(id)).collect::<Vec<_>>().join(", ")
}

/// Sorted without repeats: the sets of this module are plain vectors, which cost the
/// browser download far less than a `BTreeSet` instantiation each.
fn sorted(mut v: Vec<&str>) -> Vec<&str> {
    crate::order::sort(&mut v);
    v.dedup();
    v
}

/// Adds `x` to the sorted set `v`.
fn insert<'a>(v: &mut Vec<&'a str>, x: &'a str) {
    if let Err(i) = v.binary_search(&x) {
        v.insert(i, x);
    }
}

/// The value for `k` in `map`, a vector kept sorted by key (the maps of this module, for the
/// download size, as [`sorted`]), inserting `new()` first when `k` is absent.
fn entry<K: Ord, V>(map: &mut Vec<(K, V)>, k: K, new: impl FnOnce() -> V) -> &mut V {
    let i = match map.binary_search_by(|(key, _)| key.cmp(&k)) {
        Ok(i) => i,
        Err(i) => {
            map.insert(i, (k, new()));
            i
        }
    };
    &mut map[i].1
}

/// The function's existing subnets, in configuration order without repeats.
fn function_subnets<'a>(r: &Resolved<'a>, f: &'a crate::model::Function) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    if let Some(cfg) = &f.vpc_config {
        for s in &cfg.subnets {
            if r.subnet(s.as_str()).is_some() && !out.contains(&s.as_str()) {
                out.push(s.as_str());
            }
        }
    }
    out
}

/// Q2: every subnet of a VPC function in one Availability Zone.
fn single_az(r: &Resolved, out: &mut Vec<Finding>) {
    for f in r.functions() {
        let subnets = function_subnets(r, f);
        let azs = sorted(subnets.iter().filter_map(|s| r.az(s)).collect());
        if azs.len() != 1 || subnets.len() != subnets.iter().filter(|s| r.az(s).is_some()).count() {
            continue;
        }
        let az = azs.into_iter().next().unwrap_or_default();
        let mut components = vec![f.id.as_str()];
        components.extend(&subnets);
        out.push(finding(
            Severity::Warning,
            components,
            Message::new(ExplanationId::Q2SingleAz)
                .arg("function", r.name(f.id.as_str()))
                .arg("az", az)
                .arg("subnets", names(r, &subnets)),
        ));
    }
}

/// Q3: a subnet without enough free addresses for the Hyperplane ENIs its functions need:
/// one per distinct security-group set using it, on top of the interfaces already there
/// (NAT gateways, interface endpoints, instances, databases). AWS keeps 5 addresses of
/// every subnet. An error when the ENIs do not fit: Lambda cannot set up VPC access.
fn subnet_capacity(r: &Resolved, out: &mut Vec<Finding>) {
    // Distinct security-group sets, and the functions using them, per subnet.
    type Users<'a> = (Vec<Vec<&'a str>>, Vec<&'a str>);
    let mut sets: Vec<(&str, Users)> = Vec::new();
    for f in r.functions() {
        let Some(cfg) = &f.vpc_config else { continue };
        let sgs = sorted(cfg.security_groups.iter().map(|s| s.as_str()).collect());
        for sid in function_subnets(r, f) {
            let (by_set, functions) = entry(&mut sets, sid, Default::default);
            if !by_set.contains(&sgs) {
                by_set.push(sgs.clone());
            }
            functions.push(f.id.as_str());
        }
    }
    if sets.is_empty() {
        return;
    }
    // Interfaces other components keep in a subnet.
    let doc = r.doc;
    let taken = |sid: &str| {
        let nats = doc.nat_gateways.iter().filter(|n| n.subnet.as_str() == sid);
        let instances = r.instances().iter().filter(|i| i.subnet.as_str() == sid);
        let databases = r
            .databases()
            .iter()
            .filter(|d| d.subnet_group.first().is_some_and(|s| s.as_str() == sid));
        let endpoints = doc.endpoints.iter().filter(|e| match &e.kind {
            EndpointKind::Interface { subnets, .. } => subnets.iter().any(|s| s.as_str() == sid),
            EndpointKind::Gateway { .. } => false,
        });
        nats.count() + instances.count() + databases.count() + endpoints.count()
    };
    for (sid, (by_set, functions)) in sets {
        let Some(net) = r.subnet(sid).and_then(|s| s.ipv4) else {
            continue;
        };
        let size: u64 = 1 << (32 - u32::from(net.prefix_len()));
        let usable = size.saturating_sub(5).saturating_sub(taken(sid) as u64);
        let needed = by_set.len() as u64;
        // Exactly full is already a problem: no address is left for the interface Lambda
        // adds when it scales or replaces one (Q3).
        let severity = match needed.cmp(&usable) {
            std::cmp::Ordering::Less => continue,
            std::cmp::Ordering::Equal => Severity::Warning,
            std::cmp::Ordering::Greater => Severity::Error,
        };
        let functions = sorted(functions);
        let mut components = vec![sid];
        components.extend(&functions);
        out.push(finding(
            severity,
            components,
            Message::new(ExplanationId::Q3SubnetCapacity)
                .arg("subnet", r.name(sid))
                .arg("count", usable)
                .arg("limit", needed)
                .arg("function", names(r, &functions)),
        ));
    }
}

/// G5: a zonal NAT gateway that function subnets in other AZs route through.
fn nat_cross_az(r: &Resolved, out: &mut Vec<Finding>) {
    let mut served: Vec<(&str, Vec<&str>)> = Vec::new();
    for f in r.functions() {
        for sid in function_subnets(r, f) {
            let Some(s) = r.subnet(sid) else { continue };
            let Some(route) = r.table_of(s).lookup_internet(Family::V4) else {
                continue;
            };
            let (Target::NatGateway(nat), RouteState::Active) = (route.target, route.state) else {
                continue;
            };
            let nat_az = r.nat(nat).and_then(|n| r.az(n.subnet.as_str()));
            if nat_az.is_some() && r.az(sid).is_some() && nat_az != r.az(sid) {
                insert(entry(&mut served, nat, Vec::new), sid);
            }
        }
    }
    for (nat, subnets) in served {
        let azs = sorted(subnets.iter().filter_map(|s| r.az(s)).collect());
        let nat_az = r.nat(nat).and_then(|n| r.az(n.subnet.as_str())).unwrap_or_default();
        let mut components = vec![nat];
        components.extend(&subnets);
        out.push(finding(
            Severity::Warning,
            components,
            Message::new(ExplanationId::G5NatCrossAz)
                .arg("nat", r.name(nat))
                .arg("az", nat_az)
                .arg("subnets", names(r, &subnets))
                .arg("azs", azs.join(", ")),
        ));
    }
}

/// S5: a database security group that admits the whole internet on the database port. An
/// error when the internet really reaches the database, else a warning.
fn database_open_to_world(r: &Resolved, verdicts: &[Verdict], out: &mut Vec<Finding>) {
    // The targets the internet reaches, found in one pass over the verdicts.
    let reached: crate::hash::HashSet<&str> = verdicts
        .iter()
        .filter(|v| v.from == Source::Internet && v.reach == Reach::Reachable)
        .filter_map(|v| match &v.to {
            Destination::Component(id) => Some(id.as_str()),
            _ => None,
        })
        .collect();
    for db in r.databases() {
        let port = db.effective_port();
        let mut sgs: Vec<&str> = db.security_groups.iter().map(|s| s.as_str()).collect();
        crate::order::sort(&mut sgs);
        sgs.dedup();
        let exposed = reached.contains(db.id.as_str());
        for sg_id in sgs {
            let Some(sg) = r.security_group(sg_id) else {
                continue;
            };
            let open = sg.inbound.iter().find_map(|rule| {
                let ports = match rule.protocol {
                    crate::model::Protocol::All => true,
                    crate::model::Protocol::Tcp => rule.from_port <= port && port <= rule.to_port,
                    _ => false,
                };
                match rule.peer {
                    SgPeerR::Cidr(c) if ports && c.prefix_len() == 0 => Some(c),
                    _ => None,
                }
            });
            let Some(open) = open else { continue };
            out.push(finding(
                if exposed { Severity::Error } else { Severity::Warning },
                [db.id.as_str(), sg_id],
                Message::new(ExplanationId::S5DbOpenToWorld)
                    .arg("target", r.name(db.id.as_str()))
                    .arg("sg", r.name(sg_id))
                    .arg("port", port)
                    .arg("value", open),
            ));
        }
    }
}

fn delivered_via(v: &Verdict, kind: HopKind) -> impl Iterator<Item = (&std::sync::Arc<Trace>, &str)> {
    v.traces
        .iter()
        .filter(|t| t.disposition.is_success())
        .filter_map(move |t| {
            t.hops
                .iter()
                .find(|h| h.kind == kind)
                .map(|h| (t, h.component.as_str()))
        })
}

/// C1: S3 or DynamoDB traffic paying NAT processing where a free gateway endpoint would do.
/// One finding per VPC and service, with the monthly processing charge it would save.
fn nat_for_gateway_service(r: &Resolved, verdicts: &[Verdict], assumptions: &CostAssumptions, out: &mut Vec<Finding>) {
    #[derive(Default)]
    struct Group<'v> {
        functions: Vec<&'v str>,
        nats: Vec<&'v str>,
        tables: Vec<&'v str>,
    }
    let mut groups: Vec<((&str, AwsService), Group)> = Vec::new();
    for v in verdicts {
        let (Source::Function(f), Destination::Service(s)) = (&v.from, &v.to) else {
            continue;
        };
        if !s.info().gateway_endpoint {
            continue;
        }
        for (t, nat) in delivered_via(v, HopKind::NatGateway) {
            let Some(sid) = t.subnet.as_ref() else {
                continue;
            };
            let Some(subnet) = r.subnet(sid.as_str()) else {
                continue;
            };
            let Some(vpc) = subnet.vpc else { continue };
            let g = entry(&mut groups, (vpc, *s), Group::default);
            insert(&mut g.functions, f.as_str());
            insert(&mut g.nats, nat);
            let table = r.table_of(subnet);
            insert(&mut g.tables, table.id.unwrap_or(table.vpc));
        }
    }
    for ((vpc, service), g) in groups {
        let count = g.functions.len();
        // The design's own traffic assumption for the service (the cost panel's) wins.
        let per_function = r
            .doc
            .traffic
            .get(service.key())
            .map_or(assumptions.gb_per_function_and_service, |gb| f64::from(*gb));
        let gb = per_function * count as f64;
        let cost = gb * PRICES.nat_gateway_gb;
        let saving = cost - gb * PRICES.gateway_endpoint_gb;
        let Group {
            functions,
            nats,
            tables,
        } = g;
        let mut components = functions.clone();
        components.extend(&nats);
        components.extend(&tables);
        out.push(finding(
            Severity::Info,
            components,
            Message::new(ExplanationId::C1NatForGatewayService)
                .arg("service", service.info().title)
                .arg("vpc", r.name(vpc))
                .arg("function", names(r, &functions))
                .arg("count", count)
                .arg("nat", names(r, &nats))
                .arg("route_table", names(r, &tables))
                .arg("gb", format_gb(gb))
                .arg("cost", money(cost))
                .arg("saving", money(saving)),
        ));
    }
}

fn format_gb(gb: f64) -> String {
    if gb.fract() == 0.0 && gb.abs() < 1e15 {
        (gb as i64).to_string()
    } else {
        crate::cost::one_decimal(gb)
    }
}

/// E5 (interface endpoint missing from some of a function's AZs) and the service notes X2,
/// X3, X4 for S3, STS and SQS reached through an interface endpoint.
fn endpoint_traffic(r: &Resolved, verdicts: &[Verdict], out: &mut Vec<Finding>) {
    // The service and the functions (for E5 the AZs left out) per endpoint and function.
    type Seen<'a> = (AwsService, Vec<&'a str>);
    let mut uncovered: Vec<((&str, &str), Seen)> = Vec::new();
    let mut notes: Vec<(&str, Seen)> = Vec::new();
    for v in verdicts {
        let (Source::Function(f), Destination::Service(s)) = (&v.from, &v.to) else {
            continue;
        };
        let used = sorted(delivered_via(v, HopKind::InterfaceEndpoint).map(|(_, ep)| ep).collect());
        for ep in used {
            if matches!(*s, AwsService::S3 | AwsService::Sts | AwsService::Sqs) {
                insert(&mut entry(&mut notes, ep, || (*s, Vec::new())).1, f.as_str());
            }
            let Some(EndpointKind::Interface { subnets, .. }) = r.endpoint(ep).map(|e| &e.kind) else {
                continue;
            };
            let missing = v
                .traces
                .iter()
                .filter_map(|t| t.az.as_deref())
                .filter(|az| !subnets.iter().any(|s| r.az(s.as_str()) == Some(az)));
            let mut missing = missing.peekable();
            if missing.peek().is_some() {
                let azs = &mut entry(&mut uncovered, (ep, f.as_str()), || (*s, Vec::new())).1;
                azs.extend(missing);
            }
        }
    }
    for ((ep, f), (service, missing)) in uncovered {
        let covered = sorted(match r.endpoint(ep).map(|e| &e.kind) {
            Some(EndpointKind::Interface { subnets, .. }) => subnets.iter().filter_map(|s| r.az(s.as_str())).collect(),
            _ => Vec::new(),
        });
        out.push(finding(
            Severity::Warning,
            [ep, f],
            Message::new(ExplanationId::E5AzCoverage)
                .arg("endpoint", r.name(ep))
                .arg("function", r.name(f))
                .arg("service", service.info().title)
                // `az`: where the function runs without an interface; `azs`: where the endpoint has one.
                .arg("az", sorted(missing).join(", "))
                .arg("azs", covered.join(", ")),
        ));
    }
    for (ep, (service, functions)) in notes {
        let id = match service {
            AwsService::S3 => ExplanationId::X2S3InterfaceDns,
            AwsService::Sts => ExplanationId::X3StsRegional,
            _ => ExplanationId::X4SqsHostnames,
        };
        out.push(finding(
            Severity::Info,
            [ep],
            Message::new(id)
                .arg("endpoint", r.name(ep))
                .arg("service", service.info().title)
                .arg("function", names(r, &functions))
                .arg(
                    "vpc",
                    r.endpoint(ep).map(|e| r.name(e.vpc.as_str())).unwrap_or_default(),
                ),
        ));
    }
}

/// L10: inbound rules on a security group that only functions use. Nothing connects to a
/// Lambda function, so they admit nothing and only mislead.
fn inbound_rules_on_function_groups(r: &Resolved, out: &mut Vec<Finding>) {
    let doc = r.doc;
    let mut users: Vec<(&str, Vec<&str>)> = Vec::new();
    for f in r.functions() {
        if let Some(cfg) = &f.vpc_config {
            for sg in &cfg.security_groups {
                insert(entry(&mut users, sg.as_str(), Vec::new), f.id.as_str());
            }
        }
    }
    let mut other_users: Vec<&str> = Vec::new();
    other_users.extend(
        doc.databases
            .iter()
            .flat_map(|d| d.security_groups.iter().map(|s| s.as_str())),
    );
    other_users.extend(
        doc.instances
            .iter()
            .flat_map(|i| i.security_groups.iter().map(|s| s.as_str())),
    );
    for e in &doc.endpoints {
        if let EndpointKind::Interface { security_groups, .. } = &e.kind {
            other_users.extend(security_groups.iter().map(|s| s.as_str()));
        }
    }
    for (sg_id, functions) in users {
        if other_users.contains(&sg_id) {
            continue;
        }
        let Some(sg) = r.security_group(sg_id) else {
            continue;
        };
        if sg.sg.inbound.is_empty() {
            continue;
        }
        out.push(finding(
            Severity::Info,
            [sg_id],
            Message::new(ExplanationId::L10NoInboundNeeded)
                .arg("sg", r.name(sg_id))
                .arg("function", names(r, &functions))
                .arg("count", sg.sg.inbound.len()),
        ));
    }
}

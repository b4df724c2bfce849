//! Reachability: procedures A–D of aws-rules.md §13, one trace per function ENI.
//!
//! For every function (by id) the engine asks: the IPv4 internet; the IPv6 internet when
//! the function's VPC has an IPv6 block; every AWS service of the catalogue (HTTPS); every
//! database and instance on its port. Then, for every database and instance: can the
//! internet reach it? Lambda shares one Hyperplane ENI per (subnet, security-group set),
//! and so does the engine: a trace is computed once per (subnet, groups, destination) and
//! reused by every function with the same combination.

mod filters;
mod paths;
mod trace;
mod verdict;

pub use paths::HTTPS;
pub use verdict::*;

use crate::explain::{ExplanationId as X, Message};
use crate::model::{AwsService, ComponentId, Function, VpcConfig};
use crate::resolve::Resolved;
use crate::model::Tenancy;
use paths::{Eni, TargetInfo, INTERNET, INTERNET_V6};
use std::collections::HashMap;
use trace::{dedup_in_order, TraceBuilder};

/// Evaluates procedures A–D for one design.
pub(crate) struct Engine<'r, 'a> {
    pub(crate) r: &'r Resolved<'a>,
}

/// What a cached trace goes to.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum DestKey {
    Internet,
    InternetV6,
    Service(AwsService),
    /// Index into the target list.
    Target(usize),
}

/// One Hyperplane ENI's trace to one destination: (subnet, interned SG set, destination).
type Key<'a> = (&'a str, usize, DestKey);

/// Every verdict of the design: functions by id (internet, IPv6 internet, services,
/// databases, instances), then the internet towards each database and instance.
pub fn evaluate_all(resolved: &Resolved) -> Vec<Verdict> {
    let engine = Engine { r: resolved };
    let targets = engine.targets();
    let mut state = State { cache: HashMap::new(), sets: Vec::new(), set_ids: HashMap::new() };
    let mut out = Vec::with_capacity(resolved.functions().len() * (3 + AwsService::all().count() + targets.len()) + targets.len());
    for f in resolved.functions() {
        engine.function(f, &targets, &mut state, &mut out);
    }
    for t in &targets {
        let trace = engine.inbound(t);
        out.push(engine.verdict(Source::Internet, Destination::Component(ComponentId::new(t.id)), t.port, vec![trace], None, resolved.name(t.id)));
    }
    out
}

struct State<'a> {
    cache: HashMap<Key<'a>, Trace>,
    /// Interned security-group sets (sorted ids).
    sets: Vec<Vec<&'a str>>,
    set_ids: HashMap<Vec<&'a str>, usize>,
}

impl<'a> State<'a> {
    fn intern(&mut self, set: Vec<&'a str>) -> usize {
        if let Some(&i) = self.set_ids.get(&set) {
            return i;
        }
        self.sets.push(set.clone());
        self.set_ids.insert(set, self.sets.len() - 1);
        self.sets.len() - 1
    }
}

/// Why a function subnet cannot carry any flow (decided before any destination).
enum SubnetProblem {
    Trace(Trace),
}

impl<'r, 'a> Engine<'r, 'a> {
    /// Databases by id, then instances by id, with what evaluation needs from them.
    fn targets(&self) -> Vec<TargetInfo<'a>> {
        let r = self.r;
        let sorted_sgs = |ids: &'a [crate::model::SgId]| {
            let mut v: Vec<&'a str> = ids.iter().map(|s| s.as_str()).filter(|s| r.security_group(s).is_some()).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let mut out = Vec::with_capacity(r.databases().len() + r.instances().len());
        for d in r.databases() {
            let mut subnets: Vec<&'a str> = Vec::with_capacity(d.subnet_group.len());
            for s in &d.subnet_group {
                if r.subnet(s.as_str()).is_some() && !subnets.contains(&s.as_str()) {
                    subnets.push(s.as_str());
                }
            }
            let missing = match (subnets.first(), d.subnet_group.first()) {
                (Some(_), _) => None,
                (None, Some(first)) => Some(("subnet_group", first.as_str().to_owned())),
                (None, None) => Some(("subnet_group", String::new())),
            };
            out.push(TargetInfo {
                id: d.id.as_str(),
                is_db: true,
                port: d.effective_port(),
                subnet: subnets.first().copied(),
                subnets,
                sgs: sorted_sgs(&d.security_groups),
                public: d.publicly_accessible,
                missing,
            });
        }
        for i in r.instances() {
            let exists = r.subnet(i.subnet.as_str()).is_some();
            out.push(TargetInfo {
                id: i.id.as_str(),
                is_db: false,
                port: i.port,
                subnet: exists.then_some(i.subnet.as_str()),
                subnets: if exists { vec![i.subnet.as_str()] } else { Vec::new() },
                sgs: sorted_sgs(&i.security_groups),
                public: i.public_ip || i.elastic_ip,
                missing: (!exists).then(|| ("subnet", i.subnet.as_str().to_owned())),
            });
        }
        out
    }

    fn function(&self, f: &'a Function, targets: &[TargetInfo<'a>], state: &mut State<'a>, out: &mut Vec<Verdict>) {
        let fid = f.id.as_str();
        let from = || Source::Function(ComponentId::new(fid));
        let Some(cfg) = &f.vpc_config else {
            out.push(self.verdict(from(), Destination::Internet, HTTPS, vec![self.outside(fid, X::L2Internet, INTERNET, "internet")], Some(fid), INTERNET));
            for s in AwsService::all().map(AwsService::info) {
                let trace = self.outside(fid, X::L2Services, s.title, s.key);
                out.push(self.verdict(from(), Destination::Service(s.service), s.port, vec![trace], Some(fid), s.title));
            }
            for t in targets {
                let trace = self.target_from_outside(fid, t);
                out.push(self.verdict(from(), Destination::Component(ComponentId::new(t.id)), t.port, vec![trace], Some(fid), self.r.name(t.id)));
            }
            return;
        };
        self.vpc_function(f, cfg, targets, state, out);
    }

    /// A function outside any VPC: the Lambda-managed network reaches the internet (L2).
    fn outside(&self, fid: &str, id: X, target: &str, component: &str) -> Trace {
        let mut tb = TraceBuilder::new();
        let msg = Message::new(id).arg("function", self.r.name(fid)).arg("target", target);
        tb.pass(fid, HopKind::Function, msg.clone());
        tb.pass(component, HopKind::Destination, msg);
        tb.finish(None, None, Ok(vec![id]))
    }

    fn vpc_function(&self, f: &'a Function, cfg: &'a VpcConfig, targets: &[TargetInfo<'a>], state: &mut State<'a>, out: &mut Vec<Verdict>) {
        let r = self.r;
        let fid = f.id.as_str();
        let from = || Source::Function(ComponentId::new(fid));
        let mut subnet_ids: Vec<&'a str> = Vec::with_capacity(cfg.subnets.len());
        for s in &cfg.subnets {
            if !subnet_ids.contains(&s.as_str()) {
                subnet_ids.push(s.as_str());
            }
        }
        let mut sgs: Vec<&'a str> = cfg.security_groups.iter().map(|s| s.as_str()).filter(|s| r.security_group(s).is_some()).collect();
        sgs.sort_unstable();
        sgs.dedup();
        let set = state.intern(sgs);

        // A configuration Lambda would refuse: every flow ends before it starts.
        let config_problem = if subnet_ids.is_empty() || cfg.security_groups.is_empty() {
            let field = if subnet_ids.is_empty() { "vpc_config.subnets" } else { "vpc_config.security_groups" };
            Some((X::VFunctionIncompleteVpcConfig, field, String::new()))
        } else if state.sets[set].is_empty() {
            Some((X::VDanglingReference, "vpc_config.security_groups", cfg.security_groups[0].as_str().to_owned()))
        } else {
            None
        };
        let config_trace = config_problem.map(|(id, field, value)| {
            let mut tb = TraceBuilder::new();
            let msg = Message::new(id).arg("function", r.name(fid)).arg("component", r.name(fid)).arg("field", field).arg("value", value);
            let stop = tb.block(fid, HopKind::Function, msg, Disposition::InsufficientInfo, &[id]);
            tb.finish(None, None, Err(stop))
        });

        // Per subnet: the ENI, or why there cannot be one.
        let subnet_problem = |sid: &'a str| -> Option<SubnetProblem> {
            let mut tb = TraceBuilder::new();
            let fail = |mut tb: TraceBuilder, component: &str, id: X, msg: Message, d: Disposition| {
                let stop = tb.block(component, HopKind::Eni, msg, d, &[id]);
                SubnetProblem::Trace(tb.finish(Some(sid), r.az(sid), Err(stop)))
            };
            let Some(s) = r.subnet(sid) else {
                let msg = Message::new(X::VDanglingReference).arg("component", r.name(fid)).arg("field", "vpc_config.subnets").arg("value", sid);
                return Some(fail(tb, fid, X::VDanglingReference, msg, Disposition::InsufficientInfo));
            };
            let Some(vpc) = s.vpc.and_then(|v| r.vpc(v)) else {
                let msg = Message::new(X::VDanglingReference).arg("component", r.name(sid)).arg("field", "vpc").arg("value", s.subnet.vpc.as_str());
                return Some(fail(tb, sid, X::VDanglingReference, msg, Disposition::InsufficientInfo));
            };
            if vpc.vpc.tenancy == Tenancy::Dedicated {
                let msg = Message::new(X::L11DedicatedTenancy).arg("function", r.name(fid)).arg("vpc", r.name(vpc.vpc.id.as_str())).arg("subnet", r.name(sid));
                let vid = vpc.vpc.id.as_str();
                tb.pass(sid, HopKind::Eni, Message::new(X::L4HyperplaneEni).arg("subnet", r.name(sid)).arg("az", &s.subnet.az));
                let stop = tb.block(vid, HopKind::Eni, msg, Disposition::NotInVpc, &[X::L11DedicatedTenancy]);
                return Some(SubnetProblem::Trace(tb.finish(Some(sid), r.az(sid), Err(stop))));
            }
            None
        };
        let problems: Vec<Option<SubnetProblem>> = subnet_ids.iter().map(|&s| subnet_problem(s)).collect();

        let vpc_of_function = subnet_ids.iter().find_map(|&s| r.subnet(s).and_then(|s| s.vpc).and_then(|v| r.vpc(v)));
        let dual_stack_vpc = vpc_of_function.is_some_and(|v| v.ipv6.is_some());

        let mut dests: Vec<(Destination, DestKey, u16, String)> = Vec::with_capacity(2 + AwsService::all().count() + targets.len());
        dests.push((Destination::Internet, DestKey::Internet, HTTPS, INTERNET.to_owned()));
        if dual_stack_vpc {
            dests.push((Destination::InternetIpv6, DestKey::InternetV6, HTTPS, INTERNET_V6.to_owned()));
        }
        for s in AwsService::all().map(AwsService::info) {
            dests.push((Destination::Service(s.service), DestKey::Service(s.service), s.port, s.title.to_owned()));
        }
        for (i, t) in targets.iter().enumerate() {
            dests.push((Destination::Component(ComponentId::new(t.id)), DestKey::Target(i), t.port, r.name(t.id).to_owned()));
        }

        // IPv6 conditions that hold for the function as a whole (L8).
        let ipv6_problem = |sid: &'a str| -> Option<Trace> {
            let mut tb = TraceBuilder::new();
            if !cfg.ipv6_allowed_for_dual_stack {
                let msg = Message::new(X::L8Ipv6Disabled).arg("function", r.name(fid));
                let stop = tb.block(fid, HopKind::Function, msg, Disposition::NoPublicIp, &[X::L8Ipv6Disabled]);
                return Some(tb.finish(Some(sid), r.az(sid), Err(stop)));
            }
            let single = subnet_ids.iter().find(|&&s| r.subnet(s).is_some_and(|s| s.ipv6.is_none()))?;
            let msg = Message::new(X::L8NotDualStack).arg("function", r.name(fid)).arg("subnet", r.name(single));
            let stop = tb.block(single, HopKind::Eni, msg, Disposition::NoPublicIp, &[X::L8NotDualStack]);
            Some(tb.finish(Some(sid), r.az(sid), Err(stop)))
        };

        for (dest, key, port, target_name) in dests {
            let traces: Vec<Trace> = match &config_trace {
                Some(t) => vec![t.clone()],
                None => subnet_ids
                    .iter()
                    .zip(&problems)
                    .map(|(&sid, problem)| match problem {
                        Some(SubnetProblem::Trace(t)) => t.clone(),
                        None => {
                            if key == DestKey::InternetV6 {
                                if let Some(t) = ipv6_problem(sid) {
                                    return t;
                                }
                            }
                            self.cached(state, sid, set, key, targets)
                        }
                    })
                    .collect(),
            };
            out.push(self.verdict(from(), dest, port, traces, Some(fid), &target_name));
        }
    }

    /// The trace of one ENI to one destination, computed once per combination.
    fn cached(&self, state: &mut State<'a>, sid: &'a str, set: usize, key: DestKey, targets: &[TargetInfo<'a>]) -> Trace {
        if let Some(t) = state.cache.get(&(sid, set, key)) {
            return t.clone();
        }
        let r = self.r;
        let subnet = r.subnet(sid).expect("checked by subnet_problem");
        let vpc = subnet.vpc.and_then(|v| r.vpc(v)).expect("checked by subnet_problem");
        let eni = Eni { subnet, vpc, sgs: &state.sets[set] };
        let trace = match key {
            DestKey::Internet => self.internet_v4(&eni),
            DestKey::InternetV6 => self.internet_v6(&eni),
            DestKey::Service(s) => self.service(&eni, s),
            DestKey::Target(i) => self.target(&eni, &targets[i]),
        };
        state.cache.insert((sid, set, key), trace.clone());
        trace
    }

    /// Combines the traces of one (source, destination) into a verdict.
    fn verdict(&self, from: Source, to: Destination, port: u16, traces: Vec<Trace>, function: Option<&str>, target: &str) -> Verdict {
        let r = self.r;
        let delivered = traces.iter().filter(|t| t.disposition.is_success()).count();
        let reach = match delivered {
            n if n == traces.len() => Reach::Reachable,
            0 => Reach::Unreachable,
            _ => Reach::Partial,
        };
        let rep = traces.iter().position(|t| !t.disposition.is_success()).unwrap_or(0);
        let mut explanations = traces[rep].explanations.clone();
        for (i, t) in traces.iter().enumerate() {
            if i != rep {
                explanations.extend_from_slice(&t.explanations);
            }
        }
        dedup_in_order(&mut explanations);

        let mut message = match reach {
            Reach::Partial => {
                let (ok, bad): (Vec<&Trace>, Vec<&Trace>) = traces.iter().partition(|t| t.disposition.is_success());
                let list = |ts: &[&Trace]| {
                    ts.iter().filter_map(|t| t.subnet.as_ref()).map(|s| r.name(s.as_str())).collect::<Vec<_>>().join(", ")
                };
                let azs = |ts: &[&Trace]| {
                    let mut v: Vec<&str> = ts.iter().filter_map(|t| t.az.as_deref()).collect();
                    v.sort_unstable();
                    v.dedup();
                    v.join(", ")
                };
                Message::new(X::FPartial)
                    .arg("subnets", list(&ok))
                    .arg("azs", azs(&ok))
                    .arg("other", list(&bad))
                    .arg("count", format!("{}/{}", ok.len(), traces.len()))
            }
            _ => Message::new(explanations[0]),
        };
        if let Some(fid) = function {
            message = message.arg("function", r.name(fid));
        }
        message = message.arg("target", target).arg("port", port);
        if reach != Reach::Partial {
            let mut subnets: Vec<&str> = traces.iter().filter_map(|t| t.subnet.as_ref()).map(|s| r.name(s.as_str())).collect();
            subnets.dedup();
            let mut azs: Vec<&str> = traces.iter().filter_map(|t| t.az.as_deref()).collect();
            azs.sort_unstable();
            azs.dedup();
            if !subnets.is_empty() {
                message = message.arg("subnets", subnets.join(", "));
            }
            if !azs.is_empty() {
                message = message.arg("azs", azs.join(", "));
            }
        }
        // The deciding hop's arguments first (the blocking hop, or the destination), then
        // the rest of the path's, so every placeholder of the headline finds its value.
        let hops = &traces[rep].hops;
        let decisive = if traces[rep].disposition.is_success() {
            hops.iter().rposition(|h| h.kind == HopKind::Destination)
        } else {
            hops.iter().rposition(|h| !h.allowed)
        };
        let order = decisive.into_iter().chain((0..hops.len()).filter(|&i| Some(i) != decisive));
        for i in order {
            for (k, v) in &hops[i].because.args {
                if !message.args.iter().any(|(name, _)| name == k) {
                    message.args.push((k.clone(), v.clone()));
                }
            }
        }

        Verdict {
            from,
            to,
            port,
            reach,
            path: traces[rep].hops.clone(),
            blocked_by: if reach == Reach::Reachable { None } else { traces[rep].blocked_by.clone() },
            explanations,
            message,
            traces,
        }
    }
}

//! Reachability: procedures A–D of aws-rules.md §13, one trace per function ENI.
//!
//! For every function (by id) the engine asks: the IPv4 internet; the IPv6 internet (no for
//! a function outside any VPC, and for one without IPv6 enabled or dual-stack subnets); every
//! AWS service the design asks about (HTTPS); and the databases, data stores
//! and instances it could be connected to, on their ports: for a function
//! outside any VPC every target, for a VPC function the targets in its own VPC and in VPCs
//! peered with it (targets in a VPC nothing connects to the function's are answered once
//! per pair of VPCs, in `Unconnected`, instead of once per function and target). Then, for
//! every database, data store and instance: can the internet reach it?
//!
//! Lambda shares one Hyperplane ENI per (subnet, security-group set), and so does the
//! engine: a trace is computed once per (subnet, groups, IPv6, destination) and shared
//! (`Arc<Trace>`) by every function with the same combination. Its hops therefore describe
//! the ENI (its subnet and security groups), never the function; the verdict's headline
//! names the function.
//!
//! Reading a verdict: [`Verdict::path`] is the representative trace's hops. Hops up to the
//! [`HopKind::Destination`] hop follow the request; the hops after it check the reply
//! (stateless NACLs on every boundary crossed, then the function's stateful security
//! groups). [`Hop::component`] is the id to highlight on the canvas: a subnet for an ENI
//! or an implicit default NACL, a VPC for its implicit main route table or its DNS
//! settings, `internet` / `internet-ipv6` / a service key for the destination.

pub mod check;
mod filters;
mod msg;
mod paths;
mod trace;
mod verdict;

pub use paths::HTTPS;
pub use verdict::*;

use crate::explain::ExplanationId as X;
use crate::hash::HashMap;
use crate::model::{AwsService, ComponentId, Function, StoreKind, Tenancy, VpcConfig};
use crate::resolve::{Name, Resolved};
use msg::{arg_bit, msg, wanted_mask, M};
use paths::{Eni, TargetInfo, TargetKind, INTERNET, INTERNET_V6};
use std::cell::{OnceCell, RefCell};
use std::sync::Arc;
use trace::{dedup_in_order, TraceBuilder};

/// Evaluates procedures A–D for one design.
pub(crate) struct Engine<'r, 'a> {
    pub(crate) r: &'r Resolved<'a>,
    /// Destination names that are not components, shared by every verdict naming them.
    titles: Titles,
    /// Argument texts formatted once per analysis.
    memo: Memo,
}

/// Texts that many hops repeat, formatted on first use, keyed by the address of what they
/// describe inside [`Resolved`] (which does not move while the engine borrows it).
#[derive(Default)]
pub(crate) struct Memo {
    /// A route's `destination → target` text.
    pub routes: RefCell<HashMap<usize, Arc<str>>>,
    /// The NACL name of a subnet whose NACL is the implicit default one.
    pub nacl_names: RefCell<HashMap<usize, Arc<str>>>,
    /// Other argument texts, interned.
    pub texts: RefCell<crate::hash::HashSet<Arc<str>>>,
}

/// The display names of the internet destinations and of the services asked about.
struct Titles {
    internet: Arc<str>,
    internet_v6: Arc<str>,
    /// The services every function is asked about: the core ones, then every other service
    /// the design draws or has an endpoint for, in table order.
    asked: Vec<AwsService>,
    /// Their titles, by table index (only the asked ones are set).
    services: HashMap<AwsService, Arc<str>>,
}

impl Titles {
    fn new(doc: &crate::model::Document) -> Titles {
        let asked = doc.asked_services();
        let services = asked.iter().map(|&s| (s, Arc::from(s.info().title))).collect();
        Titles {
            internet: Arc::from(INTERNET),
            internet_v6: Arc::from(INTERNET_V6),
            asked,
            services,
        }
    }

    fn service(&self, s: AwsService) -> Name<'_> {
        Name::from(&self.services[&s])
    }
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

/// One Hyperplane ENI's trace to one destination: (subnet, interned SG set, whether the
/// function sends IPv6, destination).
type Key<'a> = (&'a str, usize, bool, DestKey);

/// Every verdict of the design: functions by id (internet, IPv6 internet, services,
/// databases, instances), then the internet towards each database and instance.
pub fn evaluate_all(resolved: &Resolved) -> (Vec<Verdict>, Vec<Unconnected>) {
    let engine = Engine {
        r: resolved,
        titles: Titles::new(resolved.doc),
        memo: Memo::default(),
    };
    let targets = engine.targets();
    let mut state = State {
        cache: HashMap::default(),
        sets: Vec::new(),
        set_ids: HashMap::default(),
        sharers: HashMap::default(),
        unconnected: HashMap::default(),
    };
    state.index_sharers(resolved);
    let per_function = 2 + engine.titles.asked.len() + targets.len().min(8);
    let mut out = Vec::with_capacity(resolved.functions().len() * per_function + targets.len());
    for f in resolved.functions() {
        engine.function(f, &targets, &mut state, &mut out);
    }
    let unconnected = engine.unconnected(&targets, &state);
    for t in &targets {
        let trace = engine.inbound(t);
        let mut v = engine.verdict(
            Source::Internet,
            Destination::Component(ComponentId::new(t.id)),
            t.port,
            vec![Arc::new(trace)],
            None,
            resolved.name_arg(t.id),
        );
        v.port_range = t.range;
        out.push(v);
    }
    (out, unconnected)
}

struct State<'a> {
    /// Each ENI trace computed so far, shared by the functions with that ENI.
    cache: HashMap<Key<'a>, Arc<Trace>>,
    /// Interned security-group sets (sorted ids).
    sets: Vec<Vec<&'a str>>,
    set_ids: HashMap<Vec<&'a str>, usize>,
    /// The `function` argument of each ENI's shared hops, by (subnet, security-group set).
    sharers: HashMap<(&'a str, usize), Arc<str>>,
    /// The functions of each VPC that some target is in an unconnected VPC for.
    unconnected: HashMap<&'a str, Vec<&'a str>>,
}

/// How many functions a shared ENI hop names before saying how many more use it.
const NAMED_SHARERS: usize = 3;

/// The first [`NAMED_SHARERS`] names, then how many more.
fn sharer_text(names: &[&str]) -> Arc<str> {
    let mut text = names[..names.len().min(NAMED_SHARERS)].join(", ");
    if names.len() > NAMED_SHARERS {
        text.push_str(&format!(" … +{}", names.len() - NAMED_SHARERS));
    }
    Arc::from(text)
}

impl<'a> State<'a> {
    /// A function's distinct subnets, in the order of its VPC config, and its interned set
    /// of existing security groups.
    fn placement(&mut self, r: &Resolved<'a>, cfg: &'a VpcConfig) -> (Vec<&'a str>, usize) {
        let mut subnet_ids: Vec<&'a str> = Vec::with_capacity(cfg.subnets.len());
        for s in &cfg.subnets {
            if !subnet_ids.contains(&s.as_str()) {
                subnet_ids.push(s.as_str());
            }
        }
        let mut sgs: Vec<&'a str> = cfg
            .security_groups
            .iter()
            .map(|s| s.as_str())
            .filter(|s| r.security_group(s).is_some())
            .collect();
        crate::order::sort(&mut sgs);
        sgs.dedup();
        (subnet_ids, self.intern(sgs))
    }

    /// Who uses each Hyperplane ENI: the display names of the functions placed in each
    /// (subnet, security-group set), as the `function` argument of the shared trace's hops
    /// (at most [`NAMED_SHARERS`] names, then how many more).
    fn index_sharers(&mut self, r: &Resolved<'a>) {
        let mut users: HashMap<(&'a str, usize), Vec<&str>> = HashMap::default();
        for f in r.functions() {
            let Some(cfg) = &f.vpc_config else { continue };
            let (subnet_ids, set) = self.placement(r, cfg);
            for sid in subnet_ids {
                let names = users.entry((sid, set)).or_default();
                let name = r.name(f.id.as_str());
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        self.sharers = users
            .into_iter()
            .map(|(key, names)| (key, sharer_text(&names)))
            .collect();
    }

    fn intern(&mut self, set: Vec<&'a str>) -> usize {
        if let Some(&i) = self.set_ids.get(&set) {
            return i;
        }
        self.sets.push(set.clone());
        self.set_ids.insert(set, self.sets.len() - 1);
        self.sets.len() - 1
    }
}

/// The kind of component a field refers to, as validation names it in `{expected}`.
pub(crate) fn expected_kind(field: &str) -> &'static str {
    if field.contains("security_groups") {
        "security group"
    } else if field.contains("subnet") {
        "subnet"
    } else if field == "vpc" {
        "VPC"
    } else {
        "component"
    }
}

impl<'r, 'a> Engine<'r, 'a> {
    /// Databases, data stores and instances by id, each once per port it is asked on, with
    /// what evaluation needs from them.
    fn targets(&self) -> Vec<TargetInfo<'a>> {
        let r = self.r;
        let sorted_sgs = |ids: &'a [crate::model::SgId]| {
            let mut v: Vec<&'a str> = ids
                .iter()
                .map(|s| s.as_str())
                .filter(|s| r.security_group(s).is_some())
                .collect();
            crate::order::sort(&mut v);
            v.dedup();
            v
        };
        let vpc_of = |s: Option<&str>| s.and_then(|s| r.subnet(s)).and_then(|s| s.vpc);
        // The existing subnets of a list, in order, and what is missing when there is none.
        let existing = |ids: &'a [crate::model::SubnetId], field: &'static str| {
            let mut subnets: Vec<&'a str> = Vec::with_capacity(ids.len());
            for s in ids {
                if r.subnet(s.as_str()).is_some() && !subnets.contains(&s.as_str()) {
                    subnets.push(s.as_str());
                }
            }
            let missing = match (subnets.first(), ids.first()) {
                (Some(_), _) => None,
                (None, Some(first)) => Some((field, first.as_str().to_owned())),
                (None, None) => Some((field, String::new())),
            };
            (subnets, missing)
        };
        let mut out = Vec::with_capacity(r.databases().len() + r.data_stores().len() + r.instances().len());
        let mut push = |base: TargetInfo<'a>, service_ports: &[u16]| {
            for (port, range) in asked_ports(r, &base.sgs, service_ports) {
                out.push(TargetInfo {
                    port,
                    range,
                    ..base.clone()
                });
            }
        };
        for d in r.databases() {
            let (subnets, missing) = existing(&d.subnet_group, "subnet_group");
            let subnet = subnets.first().copied();
            let base = TargetInfo {
                id: d.id.as_str(),
                kind: TargetKind::Database,
                port: 0,
                range: None,
                subnet,
                vpc: vpc_of(subnet),
                subnets,
                sgs: sorted_sgs(&d.security_groups),
                public: d.publicly_accessible,
                missing,
                fronts: None,
            };
            push(base, &[d.effective_port()]);
        }
        for d in r.data_stores() {
            let (subnets, missing) = existing(&d.subnets, "subnets");
            let subnet = subnets.first().copied();
            let base = TargetInfo {
                id: d.id.as_str(),
                kind: TargetKind::Store(d.kind),
                port: 0,
                range: None,
                subnet,
                vpc: vpc_of(subnet),
                subnets,
                sgs: sorted_sgs(&d.security_groups),
                public: d.publicly_accessible && d.kind.info().can_be_public,
                missing,
                fronts: d
                    .fronts
                    .as_ref()
                    .map(|db| db.as_str())
                    .filter(|_| d.kind == StoreKind::RdsProxy),
            };
            push(base, d.effective_ports());
        }
        for i in r.instances() {
            let exists = r.subnet(i.subnet.as_str()).is_some();
            let subnet = exists.then_some(i.subnet.as_str());
            let base = TargetInfo {
                id: i.id.as_str(),
                kind: TargetKind::Instance,
                port: 0,
                range: None,
                subnet,
                vpc: vpc_of(subnet),
                subnets: subnet.into_iter().collect(),
                sgs: sorted_sgs(&i.security_groups),
                public: i.public_ip || i.elastic_ip,
                missing: (!exists).then(|| ("subnet", i.subnet.as_str().to_owned())),
                fronts: None,
            };
            push(base, &[i.port]);
        }
        out
    }

    fn function(&self, f: &'a Function, targets: &[TargetInfo<'a>], state: &mut State<'a>, out: &mut Vec<Verdict>) {
        let fid = f.id.as_str();
        let from = || Source::Function(ComponentId::new(fid));
        let Some(cfg) = &f.vpc_config else {
            out.push(self.verdict(
                from(),
                Destination::Internet,
                HTTPS,
                vec![Arc::new(self.outside(fid, X::L2Internet, INTERNET, "internet"))],
                Some(fid),
                Name::from(&self.titles.internet),
            ));
            // Lambda makes no outbound IPv6 connections for functions outside a VPC (L8).
            let because = msg(X::L8NotInVpc).a("function", self.r.name_arg(fid));
            out.push(self.verdict(
                from(),
                Destination::InternetIpv6,
                HTTPS,
                vec![Arc::new(TraceBuilder::stopped(
                    None,
                    None,
                    fid,
                    HopKind::Function,
                    because,
                    Disposition::NotInVpc,
                ))],
                Some(fid),
                Name::from(&self.titles.internet_v6),
            ));
            for s in self.titles.asked.iter().map(|s| s.info()) {
                let trace = self.outside(fid, X::L2Services, s.title, s.key);
                out.push(self.verdict(
                    from(),
                    Destination::Service(s.service),
                    s.port,
                    vec![Arc::new(trace)],
                    Some(fid),
                    self.titles.service(s.service),
                ));
            }
            for t in targets {
                let trace = self.target_from_outside(fid, t);
                let mut v = self.verdict(
                    from(),
                    Destination::Component(ComponentId::new(t.id)),
                    t.port,
                    vec![Arc::new(trace)],
                    Some(fid),
                    self.r.name_arg(t.id),
                );
                v.port_range = t.range;
                out.push(v);
            }
            return;
        };
        self.vpc_function(f, cfg, targets, state, out);
    }

    /// A function outside any VPC: the Lambda-managed network reaches the internet (L2).
    fn outside(&self, fid: &str, id: X, target: &str, component: &str) -> Trace {
        let mut tb = TraceBuilder::new();
        let because = || {
            msg(id)
                .a("function", self.r.name_arg(fid))
                .a("target", target)
                .a("service", target)
        };
        tb.pass(fid, HopKind::Function, because());
        tb.pass(component, HopKind::Destination, because());
        tb.finish(None, None, Ok(vec![id]))
    }

    fn vpc_function(
        &self,
        f: &'a Function,
        cfg: &'a VpcConfig,
        targets: &[TargetInfo<'a>],
        state: &mut State<'a>,
        out: &mut Vec<Verdict>,
    ) {
        let r = self.r;
        let fid = f.id.as_str();
        let fname = r.name_arg(fid);
        let from = || Source::Function(ComponentId::new(fid));
        let (subnet_ids, set) = state.placement(r, cfg);

        // A configuration Lambda would refuse: every flow ends before it starts.
        let config_problem = if subnet_ids.is_empty() || cfg.security_groups.is_empty() {
            let field = if subnet_ids.is_empty() {
                "vpc_config.subnets"
            } else {
                "vpc_config.security_groups"
            };
            Some((X::VFunctionIncompleteVpcConfig, field, String::new()))
        } else if state.sets[set].is_empty() {
            Some((
                X::VDanglingReference,
                "vpc_config.security_groups",
                cfg.security_groups[0].as_str().to_owned(),
            ))
        } else {
            None
        };
        let config_trace = config_problem.map(|(id, field, value)| {
            let because = msg(id)
                .a("function", fname)
                .a("component", fname)
                .a("field", field)
                .a("expected", expected_kind(field))
                .a("value", value);
            Arc::new(TraceBuilder::stopped(
                None,
                None,
                fid,
                HopKind::Function,
                because,
                Disposition::InsufficientInfo,
            ))
        });

        // Per subnet: nothing (an ENI can exist), or the trace saying why it cannot.
        let subnet_problem = |sid: &'a str| -> Option<Trace> {
            let Some(s) = r.subnet(sid) else {
                let because = msg(X::VDanglingReference)
                    .a("component", fname)
                    .a("field", "vpc_config.subnets")
                    .a("expected", "subnet")
                    .a("value", sid);
                return Some(TraceBuilder::stopped(
                    Some(sid),
                    None,
                    fid,
                    HopKind::Eni,
                    because,
                    Disposition::InsufficientInfo,
                ));
            };
            let Some(vpc) = s.vpc.and_then(|v| r.vpc(v)) else {
                let because = msg(X::VDanglingReference)
                    .a("component", r.name_arg(sid))
                    .a("field", "vpc")
                    .a("expected", "VPC")
                    .a("value", s.subnet.vpc.as_str());
                return Some(TraceBuilder::stopped(
                    Some(sid),
                    r.az(sid),
                    sid,
                    HopKind::Eni,
                    because,
                    Disposition::InsufficientInfo,
                ));
            };
            if vpc.vpc.tenancy == Tenancy::Dedicated {
                let vid = vpc.vpc.id.as_str();
                let because = msg(X::L11DedicatedTenancy)
                    .a("function", fname)
                    .a("vpc", r.name_arg(vid))
                    .a("subnet", r.name_arg(sid));
                return Some(TraceBuilder::stopped(
                    Some(sid),
                    r.az(sid),
                    vid,
                    HopKind::Eni,
                    because,
                    Disposition::NotInVpc,
                ));
            }
            None
        };
        let problems: Vec<Option<Arc<Trace>>> = subnet_ids.iter().map(|&s| subnet_problem(s).map(Arc::new)).collect();

        let vpcs: Vec<&'a str> = {
            let mut v: Vec<&'a str> = subnet_ids
                .iter()
                .filter_map(|&s| r.subnet(s).and_then(|s| s.vpc))
                .collect();
            crate::order::sort(&mut v);
            v.dedup();
            v
        };

        let mut dests: Vec<(Destination, DestKey, u16, Name<'_>)> =
            Vec::with_capacity(2 + self.titles.asked.len() + targets.len());
        dests.push((
            Destination::Internet,
            DestKey::Internet,
            HTTPS,
            Name::from(&self.titles.internet),
        ));
        // Every VPC function is asked about the IPv6 internet: without Ipv6AllowedForDualStack
        // or dual-stack subnets the answer is no, and it says which (L8).
        dests.push((
            Destination::InternetIpv6,
            DestKey::InternetV6,
            HTTPS,
            Name::from(&self.titles.internet_v6),
        ));
        for s in self.titles.asked.iter().map(|s| s.info()) {
            dests.push((
                Destination::Service(s.service),
                DestKey::Service(s.service),
                s.port,
                self.titles.service(s.service),
            ));
        }
        // Targets in VPCs no peering connection links to the function's: one shared trace
        // per (VPC, target) says so, instead of a walk from every subnet.
        let mut unconnected: Vec<usize> = Vec::new();
        for (i, t) in targets.iter().enumerate() {
            let related = match t.vpc {
                None => true,
                Some(tv) => vpcs.is_empty() || vpcs.iter().any(|&v| r.are_linked(v, tv)),
            };
            if related {
                dests.push((
                    Destination::Component(ComponentId::new(t.id)),
                    DestKey::Target(i),
                    t.port,
                    r.name_arg(t.id),
                ));
            } else {
                unconnected.push(i);
            }
        }

        // IPv6 conditions that hold for the function as a whole (L8).
        let ipv6_problem = |sid: &'a str| -> Option<Trace> {
            if !cfg.ipv6_allowed_for_dual_stack {
                let because = msg(X::L8Ipv6Disabled).a("function", fname);
                return Some(TraceBuilder::stopped(
                    Some(sid),
                    r.az(sid),
                    fid,
                    HopKind::Function,
                    because,
                    Disposition::NoPublicIp,
                ));
            }
            let single: Vec<&str> = subnet_ids
                .iter()
                .copied()
                .filter(|&s| r.subnet(s).is_some_and(|s| s.ipv6.is_none()))
                .collect();
            let first = *single.first()?;
            let because = msg(X::L8NotDualStack)
                .a("function", fname)
                .a("subnet", r.name_arg(first))
                .lazy("subnets", || {
                    single.iter().map(|s| r.name(s)).collect::<Vec<_>>().join(", ")
                });
            Some(TraceBuilder::stopped(
                Some(sid),
                r.az(sid),
                first,
                HopKind::Eni,
                because,
                Disposition::NoPublicIp,
            ))
        };

        // Whether the function's ENIs send IPv6 (L8): asked for, and every subnet dual-stack.
        let ipv6 = cfg.ipv6_allowed_for_dual_stack
            && subnet_ids
                .iter()
                .all(|&s| r.subnet(s).is_some_and(|s| s.ipv6.is_some()));

        // The headline's subnet and AZ lists: the same for every destination, since every
        // verdict of the function has one trace per subnet (made once, when first wanted).
        let lists: OnceCell<(Arc<str>, Arc<str>)> = OnceCell::new();
        for (dest, key, port, target_name) in dests {
            let traces: Vec<Arc<Trace>> = match &config_trace {
                Some(t) => vec![t.clone()],
                None => {
                    let mut traces = Vec::with_capacity(subnet_ids.len());
                    for (&sid, problem) in subnet_ids.iter().zip(&problems) {
                        let trace = match problem {
                            Some(t) => t.clone(),
                            None => match (key == DestKey::InternetV6).then(|| ipv6_problem(sid)).flatten() {
                                Some(t) => Arc::new(t),
                                None => state
                                    .cache
                                    .entry((sid, set, ipv6, key))
                                    .or_insert_with(|| {
                                        let users = &state.sharers[&(sid, set)];
                                        let eni = (sid, state.sets[set].as_slice(), users, ipv6);
                                        Arc::new(self.eni_trace(eni, key, targets))
                                    })
                                    .clone(),
                            },
                        };
                        traces.push(trace);
                    }
                    traces
                }
            };
            let mut v = self.verdict_with(from(), dest, port, traces, Some(fid), target_name, &lists);
            if let DestKey::Target(i) = key {
                v.port_range = targets[i].range;
            }
            out.push(v);
        }
        if !unconnected.is_empty() {
            if let Some(&vpc) = vpcs.first() {
                state.unconnected.entry(vpc).or_default().push(fid);
            }
        }
    }

    /// Functions and the targets in VPCs no peering connection links to theirs, grouped by
    /// (function VPC, target VPC): one answer and one trace per group, however many pairs it
    /// holds (DB3).
    fn unconnected(&self, targets: &[TargetInfo<'a>], state: &State<'a>) -> Vec<Unconnected> {
        let r = self.r;
        let mut vpcs: Vec<&'a str> = state.unconnected.keys().copied().collect();
        crate::order::sort(&mut vpcs);
        let mut out = Vec::new();
        for vpc in vpcs {
            let functions = &state.unconnected[vpc];
            let mut others: Vec<&'a str> = targets
                .iter()
                .filter_map(|t| t.vpc)
                .filter(|&tv| !r.are_linked(vpc, tv))
                .collect();
            crate::order::sort(&mut others);
            others.dedup();
            for other in others {
                let members: Vec<&TargetInfo<'a>> = targets.iter().filter(|t| t.vpc == Some(other)).collect();
                let mut target_names: Vec<&str> = Vec::with_capacity(members.len());
                for t in &members {
                    let name = r.name(t.id);
                    if !target_names.contains(&name) {
                        target_names.push(name);
                    }
                }
                let function_names: Vec<&str> = functions.iter().map(|f| r.name(f)).collect();
                let (fnames, tnames) = (sharer_text(&function_names), sharer_text(&target_names));
                let because = || {
                    msg(X::Db3NotConnected)
                        .a("function", &fnames)
                        .a("vpc", r.name_arg(vpc))
                        .a("other_vpc", r.name_arg(other))
                        .a("target", &tnames)
                        .a("port", members[0].port)
                };
                let message = because().done();
                let mut tb = TraceBuilder::new();
                let stop = tb.block(
                    vpc,
                    HopKind::PeeringConnection,
                    because(),
                    Disposition::NoRoute,
                    &[X::Db3NotConnected],
                );
                out.push(Unconnected {
                    vpc: ComponentId::new(vpc),
                    other_vpc: ComponentId::new(other),
                    functions: functions
                        .iter()
                        .map(|f| (ComponentId::new(*f), Arc::from(r.name(f))))
                        .collect(),
                    targets: members
                        .iter()
                        .map(|t| (ComponentId::new(t.id), t.port, Arc::from(r.name(t.id))))
                        .collect(),
                    names: (Arc::from(r.name(vpc)), Arc::from(r.name(other))),
                    message,
                    trace: Arc::new(tb.finish(None, None, Err(stop))),
                });
            }
        }
        out
    }

    /// The trace of one ENI to one destination.
    fn eni_trace(
        &self,
        (sid, sgs, function, ipv6): (&str, &[&'a str], &Arc<str>, bool),
        key: DestKey,
        targets: &[TargetInfo<'a>],
    ) -> Trace {
        let r = self.r;
        let subnet = r.subnet(sid).expect("checked by subnet_problem");
        let vpc = subnet.vpc.and_then(|v| r.vpc(v)).expect("checked by subnet_problem");
        let eni = Eni {
            subnet,
            vpc,
            sgs,
            function,
            ipv6,
        };
        match key {
            DestKey::Internet => self.internet_v4(&eni),
            DestKey::InternetV6 => self.internet_v6(&eni),
            DestKey::Service(s) => self.service(&eni, s),
            DestKey::Target(i) => self.target(&eni, &targets[i]),
        }
    }

    /// Combines the traces of one (source, destination) into a verdict.
    fn verdict(
        &self,
        from: Source,
        to: Destination,
        port: u16,
        traces: Vec<Arc<Trace>>,
        function: Option<&str>,
        target: Name<'_>,
    ) -> Verdict {
        let lists = OnceCell::new();
        self.verdict_with(from, to, port, traces, function, target, &lists)
    }

    /// [`Self::verdict`], with the subnet and AZ lists of `traces` (all of them) shared
    /// through `lists` by verdicts whose traces cover the same subnets.
    #[allow(clippy::too_many_arguments)]
    fn verdict_with(
        &self,
        from: Source,
        to: Destination,
        port: u16,
        traces: Vec<Arc<Trace>>,
        function: Option<&str>,
        target: Name<'_>,
        lists: &OnceCell<(Arc<str>, Arc<str>)>,
    ) -> Verdict {
        let r = self.r;
        let delivered = traces.iter().filter(|t| t.disposition.is_success()).count();
        let reach = match delivered {
            n if n == traces.len() => Reach::Reachable,
            0 => Reach::Unreachable,
            _ => Reach::Partial,
        };
        let rep = traces.iter().position(|t| !t.disposition.is_success()).unwrap_or(0);
        // The representative trace's ids, then the others' not yet named: usually nothing
        // to add (one subnet, or subnets that agree), and the list is shared.
        let first = &traces[rep].explanations;
        let agree = traces
            .iter()
            .all(|t| t.explanations.iter().all(|id| first.contains(id)));
        let explanations = if agree && !first.is_empty() {
            first.clone()
        } else {
            let mut ids = first.to_vec();
            for (i, t) in traces.iter().enumerate() {
                if i != rep {
                    ids.extend_from_slice(&t.explanations);
                }
            }
            dedup_in_order(&mut ids);
            Explanations::from(ids)
        };

        let subnet_list = |ts: &mut dyn Iterator<Item = &Arc<Trace>>| {
            let mut names: Vec<&str> = ts
                .filter_map(|t| t.subnet.as_ref())
                .map(|s| r.name(s.as_str()))
                .collect();
            names.dedup();
            names.join(", ")
        };
        let az_list = |ts: &mut dyn Iterator<Item = &Arc<Trace>>| {
            let mut azs: Vec<&str> = ts.filter_map(|t| t.az.as_deref()).collect();
            crate::order::sort(&mut azs);
            azs.dedup();
            azs.join(", ")
        };
        let mut message: M = match reach {
            Reach::Partial => {
                let ok = || traces.iter().filter(|t| t.disposition.is_success());
                let bad = || traces.iter().filter(|t| !t.disposition.is_success());
                msg(X::FPartial)
                    .lazy("subnets", || subnet_list(&mut ok()))
                    .lazy("azs", || az_list(&mut ok()))
                    .lazy("other", || subnet_list(&mut bad()))
                    .lazy("count", || format!("{}/{}", delivered, traces.len()))
            }
            _ => {
                let m = msg(explanations[0]);
                let has_subnets = traces.iter().any(|t| t.subnet.is_some());
                if has_subnets {
                    let all = || {
                        lists.get_or_init(|| {
                            (
                                Arc::from(subnet_list(&mut traces.iter())),
                                Arc::from(az_list(&mut traces.iter())),
                            )
                        })
                    };
                    m.lazy_shared("subnets", || Arc::clone(&all().0))
                        .lazy_shared("azs", || Arc::clone(&all().1))
                } else {
                    m
                }
            }
        };
        if let Some(fid) = function {
            message = message.a("function", r.name_arg(fid));
        }
        message = message.a("target", target);
        // An RDS Proxy's leg to its database names the database's port, which its hop has.
        if !matches!(
            message.id(),
            X::S5ProxyNoEgress | X::S5DbDeniesProxy | X::FProxyOtherVpc
        ) {
            message = message.a("port", port);
        }
        // The deciding hop's arguments first (the blocking hop, or the destination), then
        // the rest of the path's, so every placeholder of the headline finds its value.
        let hops = &traces[rep].hops;
        let id = message.id();
        // The hop that said the headline's sentence knows its arguments best (the target's
        // security group, not the function's, for "… allows port 5432 from …").
        let decisive = if traces[rep].disposition.is_success() {
            hops.iter()
                .rposition(|h| h.because.id == id)
                .or_else(|| hops.iter().rposition(|h| h.kind == HopKind::Destination))
        } else {
            hops.iter().rposition(|h| !h.allowed)
        };
        let mut message = message.done();
        // Which arguments the headline wants and already has, one bit per vocabulary name.
        let want = wanted_mask(id);
        let mut have = message
            .args
            .iter()
            .filter_map(|(name, _)| arg_bit(name))
            .fold(0u64, |m, b| m | 1 << b);
        for i in decisive
            .into_iter()
            .chain((0..hops.len()).filter(|&i| Some(i) != decisive))
        {
            if want & !have == 0 {
                break;
            }
            for (k, v) in &hops[i].because.args {
                let missing = match arg_bit(k) {
                    Some(b) => want & !have & (1 << b) != 0,
                    None => !message.args.iter().any(|(name, _)| name == k),
                };
                if missing {
                    message.args.push((*k, Arc::clone(v)));
                    if let Some(b) = arg_bit(k) {
                        have |= 1 << b;
                    }
                }
            }
        }

        Verdict {
            from,
            to,
            port,
            reach,
            path: traces[rep].hops.clone(),
            blocked_by: if reach == Reach::Reachable {
                None
            } else {
                traces[rep].blocked_by.clone()
            },
            explanations,
            message,
            traces,
            port_range: None,
        }
    }
}

/// The most ports a target is asked on: its service ports, then what its groups open.
const MAX_PORTS_PER_TARGET: usize = 16;

/// The ports a target is asked on, in order: its service ports, then every TCP port and port
/// range its security groups open inbound (a range by its first port, with the range), each
/// once. Rules for all traffic or all TCP ports add nothing (the service ports stand for
/// them), nor does a range that holds a port already asked.
fn asked_ports(r: &Resolved, sgs: &[&str], service: &[u16]) -> Vec<(u16, Option<(u16, u16)>)> {
    use crate::model::Protocol;
    let mut out: Vec<(u16, Option<(u16, u16)>)> = Vec::with_capacity(service.len());
    for &p in service {
        if p != 0 && !out.iter().any(|&(q, _)| q == p) {
            out.push((p, None));
        }
    }
    let mut opened: Vec<(u16, u16)> = sgs
        .iter()
        .filter_map(|sg| r.security_group(sg))
        .flat_map(|sg| &sg.inbound)
        .filter(|rule| rule.protocol == Protocol::Tcp)
        .map(|rule| (rule.from_port, rule.to_port))
        .filter(|&(from, to)| from <= to && !(from <= 1 && to == u16::MAX))
        .collect();
    crate::order::sort(&mut opened);
    opened.dedup();
    for (from, to) in opened {
        if out.len() >= MAX_PORTS_PER_TARGET {
            break;
        }
        let covered = out.iter().any(|&(p, range)| match range {
            None => from <= p && p <= to,
            Some((a, b)) => a <= from && to <= b,
        });
        if covered {
            continue;
        }
        out.push((from, (from != to).then_some((from, to))));
    }
    out
}

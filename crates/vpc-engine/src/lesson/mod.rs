//! Lessons and troubleshooting missions: a starting design, goals the engine checks, hints
//! and a solution, as one data file.
//!
//! A goal is data, never text: "`orders-fn` reaches the internet" is
//! `{"type": "reaches", "from": "orders-fn", "to": "internet"}`, checked against the verdicts
//! of [`crate::analyze`] ([`Goal::is_met`]) and put into words in English or Chinese with
//! the design's own component names ([`Goal::describe`]). A mission is a lesson whose goals
//! are the planted faults: each goal met is a fault fixed, and it is scored
//! ([`MissionScore`]).
//!
//! ```
//! use vpc_engine::{analyze, explain::Lang, lesson::load_lesson};
//!
//! let lesson = load_lesson(r#"{
//!   "format": "vpc-playground-lesson", "schema_version": 1, "id": "outside",
//!   "title": {"en": "Outside a VPC", "zh": "VPC 之外"},
//!   "intro": {"en": "Detach the function.", "zh": "把函数移出 VPC。"},
//!   "goals": [{"type": "reaches", "from": "orders-fn", "to": "internet"}],
//!   "document": {"functions": [{"id": "orders-fn"}]}
//! }"#).unwrap();
//! let goal = &lesson.goals[0];
//! assert!(goal.is_met(&lesson.document, &analyze(&lesson.document)));
//! assert_eq!(goal.describe(&lesson.document, Lang::En), "orders-fn reaches the internet");
//! ```

pub mod intents;
mod load;
pub mod select;

pub use intents::{read_intents, write_intents, Intent, IntentError, IntentSeverity, INTENTS_FORMAT, INTENTS_VERSION};
pub use load::{is_lesson_text, load_lesson, LessonError, LESSON_FORMAT, LESSON_SCHEMA_VERSION};
pub use select::Sources;

use crate::explain::{ExplanationId, Lang};
use crate::model::{ComponentKind, Document};
use crate::reach::{Destination, HopKind, Reach, Verdict};
use crate::Analysis;

/// A text in both languages of the playground.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    pub en: String,
    pub zh: String,
}

impl Text {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            zh: zh.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

/// A guided lesson (one idea, goals to reach) or a troubleshooting mission (planted faults,
/// scored).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LessonKind {
    #[default]
    Lesson,
    Mission,
}

impl LessonKind {
    pub fn key(self) -> &'static str {
        match self {
            LessonKind::Lesson => "lesson",
            LessonKind::Mission => "mission",
        }
    }
}

/// One lesson file, read and checked by [`load_lesson`].
#[derive(Clone, Debug, PartialEq)]
pub struct Lesson {
    /// Lowercase letters, digits and `-`: the file name in `lessons/` and the progress key.
    pub id: String,
    pub kind: LessonKind,
    pub title: Text,
    /// The story: what is going on and what to do.
    pub intro: Text,
    /// What the engine must confirm. For a mission, one goal per planted fault.
    pub goals: Vec<Goal>,
    /// Revealed one at a time.
    pub hints: Vec<Text>,
    /// What the learner should take away, shown at the success moment.
    pub takeaway: Option<Text>,
    /// The starting design.
    pub document: Document,
    /// A design that meets every goal.
    pub solution: Option<Document>,
}

/// Something the engine can confirm about a design.
///
/// `from` is read by [`Sources::parse`]: a function id or `internet` (all a lesson uses), or,
/// in an intents file, a glob of function ids (`orders-*`) or `subnet:ID` (every function in
/// that subnet). A group stands for each of its functions: it reaches when every one does,
/// does not reach when none does; a group that matches no function fails the goal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Goal {
    /// `from` (a function id, or `internet`) reaches `to` from every one of its subnets; on
    /// `port` when given (the destination's port, which the verdict carries); through a
    /// component of kind `via` on every path when given.
    Reaches {
        from: String,
        to: Destination,
        port: Option<u16>,
        via: Option<ComponentKind>,
    },
    /// `from` exists and does not reach `to` from any of its subnets.
    DoesNotReach {
        from: String,
        to: Destination,
        port: Option<u16>,
    },
    /// `from` reaches `to`, and no other source (function or the internet) reaches it at all.
    OnlyReaches {
        from: String,
        to: Destination,
        port: Option<u16>,
    },
    /// The design has no component of this kind ("reach S3 without any NAT gateway").
    NoComponent { kind: ComponentKind },
    /// The engine raises no finding (nor design problem) with this id. Lessons use one of
    /// [`GOAL_FINDINGS`]; intents any finding or validation id of the catalogue.
    NoFinding { finding: ExplanationId },
}

/// Why a goal holds or not, with the evidence: what [`Goal::evaluate`] returns.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub met: bool,
    /// The sources `from` stands for in this design (function ids, or `internet`), for the
    /// goals that have one.
    pub sources: Vec<String>,
    /// The verdicts that break the goal: a path that does not get through (or not through
    /// `via`) for `reaches`, a path that gets through for `does_not_reach`, and for
    /// `only_reaches` also another source's path that gets through. Empty when it is met.
    pub against: Vec<Verdict>,
    /// What breaks the goal when no verdict shows it.
    pub problem: Option<Problem>,
}

/// A reason a goal fails that is not a verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// `from` stands for no source of the design (no such function, or a glob or subnet that
    /// matches none).
    NoSource,
    /// The engine asked nothing from these sources to the destination (on this port): the
    /// destination is not in the design, or the port is not one it is asked on.
    NoVerdict(Vec<String>),
    /// An intent's destination is not a database, data store or instance of the design (a
    /// typo, or a renamed target): for `does_not_reach` that would otherwise hold unseen.
    UnknownDestination(String),
    /// `no_component`: the design has these components of the kind.
    Components(Vec<String>),
    /// `no_finding`: the finding is raised, about these components (empty for the design as a
    /// whole), with its sentence's message.
    Raised(Vec<(Vec<String>, crate::explain::Message)>),
}

/// The component kinds goals may name, with their key in lesson files and their names.
pub const GOAL_KINDS: &[(&str, ComponentKind, &str, &str)] = &[
    ("vpc", ComponentKind::Vpc, "VPC", "VPC"),
    ("subnet", ComponentKind::Subnet, "subnet", "子网"),
    ("route_table", ComponentKind::RouteTable, "route table", "路由表"),
    (
        "internet_gateway",
        ComponentKind::InternetGateway,
        "internet gateway",
        "互联网网关",
    ),
    (
        "egress_only_gateway",
        ComponentKind::EgressOnlyGateway,
        "egress-only internet gateway",
        "仅出口互联网网关",
    ),
    ("nat_gateway", ComponentKind::NatGateway, "NAT gateway", "NAT 网关"),
    (
        "peering_connection",
        ComponentKind::PeeringConnection,
        "VPC peering connection",
        "VPC 对等连接",
    ),
    (
        "gateway_endpoint",
        ComponentKind::GatewayEndpoint,
        "gateway endpoint",
        "网关终端节点",
    ),
    (
        "interface_endpoint",
        ComponentKind::InterfaceEndpoint,
        "interface endpoint",
        "接口终端节点",
    ),
    (
        "security_group",
        ComponentKind::SecurityGroup,
        "security group",
        "安全组",
    ),
    ("network_acl", ComponentKind::NetworkAcl, "network ACL", "网络 ACL"),
    ("function", ComponentKind::Function, "Lambda function", "Lambda 函数"),
    ("database", ComponentKind::Database, "database", "数据库"),
    ("instance", ComponentKind::Instance, "EC2 instance", "EC2 实例"),
];

/// The kinds a path can go through (`via`), with the hop that shows it.
const VIA: &[(ComponentKind, HopKind)] = &[
    (ComponentKind::InternetGateway, HopKind::InternetGateway),
    (ComponentKind::EgressOnlyGateway, HopKind::EgressOnlyGateway),
    (ComponentKind::NatGateway, HopKind::NatGateway),
    (ComponentKind::PeeringConnection, HopKind::PeeringConnection),
    (ComponentKind::GatewayEndpoint, HopKind::GatewayEndpoint),
    (ComponentKind::InterfaceEndpoint, HopKind::InterfaceEndpoint),
];

/// The findings a goal may require gone, with what their absence means in words.
pub const GOAL_FINDINGS: &[(ExplanationId, &str, &str)] = &[
    (
        ExplanationId::Q2SingleAz,
        "every function runs in at least two Availability Zones",
        "每个函数都至少运行在两个可用区",
    ),
    (
        ExplanationId::G5NatCrossAz,
        "no subnet sends its internet traffic to a NAT gateway in another Availability Zone",
        "没有子网把互联网流量发往其他可用区的 NAT 网关",
    ),
    (
        ExplanationId::L10NoInboundNeeded,
        "no security group used only by functions has inbound rules",
        "只供函数使用的安全组没有入站规则",
    ),
    (
        ExplanationId::C1NatForGatewayService,
        "no S3 or DynamoDB traffic pays for a NAT gateway where a free gateway endpoint would do",
        "没有 S3 或 DynamoDB 流量在可以用免费网关终端节点时仍经过收费的 NAT 网关",
    ),
    (
        ExplanationId::S5DbOpenToWorld,
        "no database security group is open to the whole internet",
        "没有数据库安全组向整个互联网开放",
    ),
    (
        ExplanationId::E5AzCoverage,
        "every interface endpoint has a network interface in each Availability Zone its functions use",
        "每个接口终端节点在其函数使用的每个可用区都有网络接口",
    ),
    (
        ExplanationId::Q3SubnetCapacity,
        "every function subnet has room for Lambda's network interfaces",
        "每个函数子网都有足够的地址容纳 Lambda 的网络接口",
    ),
];

pub(crate) fn kind_key(kind: ComponentKind) -> &'static str {
    GOAL_KINDS.iter().find(|k| k.1 == kind).map_or("service", |k| k.0)
}

fn kind_name(kind: ComponentKind, lang: Lang) -> &'static str {
    GOAL_KINDS
        .iter()
        .find(|k| k.1 == kind)
        .map_or("AWS service", |k| if lang == Lang::En { k.2 } else { k.3 })
}

pub(crate) fn via_hop(kind: ComponentKind) -> Option<HopKind> {
    VIA.iter().find(|v| v.0 == kind).map(|v| v.1)
}

fn port_ok(want: Option<u16>, got: u16) -> bool {
    want.is_none_or(|p| p == got)
}

impl Goal {
    /// Whether the design meets the goal, according to its analysis.
    pub fn is_met(&self, doc: &Document, analysis: &Analysis) -> bool {
        self.evaluate(doc, analysis).met
    }

    /// Whether the design meets the goal, and the verdicts or components that say why not.
    pub fn evaluate(&self, doc: &Document, analysis: &Analysis) -> Outcome {
        let mut out = Outcome {
            met: false,
            sources: Vec::new(),
            against: Vec::new(),
            problem: None,
        };
        let mut missing = Vec::new();
        match self {
            Goal::Reaches { from, to, port, .. } | Goal::OnlyReaches { from, to, port } => {
                let via = match self {
                    Goal::Reaches { via, .. } => via.and_then(via_hop),
                    _ => None,
                };
                out.sources = Sources::parse(from)
                    .resolve(doc)
                    .into_iter()
                    .map(str::to_owned)
                    .collect();
                for s in &out.sources {
                    let Some(v) = analysis.answer(s, to, *port) else {
                        missing.push(s.clone());
                        continue;
                    };
                    let through = |hops: &[crate::reach::Hop]| match via {
                        None => true,
                        Some(kind) => hops.iter().any(|h| h.kind == kind && h.allowed),
                    };
                    let ok = v.reach == Reach::Reachable
                        && port_ok(*port, v.port)
                        && v.traces.iter().all(|t| through(t.legs().0));
                    if !ok {
                        out.against.push(v.into_owned());
                    }
                }
                if matches!(self, Goal::OnlyReaches { .. }) {
                    let others = analysis
                        .verdicts
                        .iter()
                        .filter(|v| &v.to == to && !out.sources.iter().any(|s| s == v.from.key()));
                    out.against
                        .extend(others.filter(|v| v.reach != Reach::Unreachable).cloned());
                }
            }
            Goal::DoesNotReach { from, to, port } => {
                out.sources = Sources::parse(from)
                    .resolve(doc)
                    .into_iter()
                    .map(str::to_owned)
                    .collect();
                for s in &out.sources {
                    if let Some(v) = analysis.answer(s, to, *port) {
                        if v.reach != Reach::Unreachable && port_ok(*port, v.port) {
                            out.against.push(v.into_owned());
                        }
                    }
                }
            }
            Goal::NoComponent { kind } => {
                let present: Vec<String> = doc
                    .components()
                    .filter(|(_, k)| k == kind)
                    .map(|(id, _)| id.to_owned())
                    .collect();
                out.met = present.is_empty();
                out.problem = (!out.met).then_some(Problem::Components(present));
                return out;
            }
            Goal::NoFinding { finding } => {
                let ids = |c: &[crate::model::ComponentId]| c.iter().map(|c| c.as_str().to_owned()).collect();
                let raised: Vec<_> = analysis
                    .findings
                    .iter()
                    .filter(|f| f.id == *finding)
                    .map(|f| (ids(&f.components), f.message.clone()))
                    .chain(
                        analysis
                            .diagnostics
                            .iter()
                            .filter(|d| d.message.id == *finding)
                            .map(|d| {
                                (
                                    d.component.iter().map(|c| c.as_str().to_owned()).collect(),
                                    d.message.clone(),
                                )
                            }),
                    )
                    .collect();
                out.met = raised.is_empty();
                out.problem = (!out.met).then_some(Problem::Raised(raised));
                return out;
            }
        }
        if out.sources.is_empty() {
            out.problem = Some(Problem::NoSource);
        } else if !missing.is_empty() && !matches!(self, Goal::DoesNotReach { .. }) {
            out.problem = Some(Problem::NoVerdict(missing));
        }
        out.met = out.problem.is_none() && out.against.is_empty();
        out
    }

    /// The goal in plain words, naming the design's components by their display names.
    pub fn describe(&self, doc: &Document, lang: Lang) -> String {
        let en = lang == Lang::En;
        let source = |from: &str| match Sources::parse(from) {
            Sources::Internet => if en { "the internet" } else { "互联网" }.to_owned(),
            Sources::Function(id) => doc.display_name(id).to_owned(),
            Sources::Glob(p) if en => format!("every function matching {p}"),
            Sources::Glob(p) => format!("所有匹配 {p} 的函数"),
            Sources::InSubnet(s) if en => format!("every function in {}", doc.display_name(s)),
            Sources::InSubnet(s) => format!("{} 中的所有函数", doc.display_name(s)),
        };
        // "No function matching orders-* reaches …" reads better than "every … does not".
        let none_of = |from: &str| match Sources::parse(from) {
            Sources::Glob(p) if en => Some(format!("No function matching {p}")),
            Sources::Glob(p) => Some(format!("没有任何匹配 {p} 的函数")),
            Sources::InSubnet(s) if en => Some(format!("No function in {}", doc.display_name(s))),
            Sources::InSubnet(s) => Some(format!("{} 中没有任何函数", doc.display_name(s))),
            _ => None,
        };
        let on_port = |port: &Option<u16>| match port {
            Some(p) if en => format!(" on port {p}"),
            Some(p) => format!("（端口 {p}）"),
            None => String::new(),
        };
        match self {
            Goal::Reaches { from, to, port, via } => {
                let via = via.map_or(String::new(), |k| {
                    if en {
                        format!(" through {} {}", article(kind_name(k, lang)), kind_name(k, lang))
                    } else {
                        format!("，经由{}", kind_name(k, lang))
                    }
                });
                let capital = from == "internet" || Sources::parse(from).is_group();
                let (from, to, port) = (source(from), destination_name(doc, to, lang), on_port(port));
                if en && capital {
                    capitalise(format!("{from} reaches {to}{port}{via}"))
                } else if en {
                    format!("{from} reaches {to}{port}{via}")
                } else {
                    format!("{from} 能访问 {to}{port}{via}")
                }
            }
            Goal::DoesNotReach { from, to, port } => {
                let (to, port) = (destination_name(doc, to, lang), on_port(port));
                match (from.as_str(), en) {
                    ("internet", true) => format!("Nothing on the internet reaches {to}{port}"),
                    ("internet", false) => format!("互联网上的任何来源都无法访问 {to}{port}"),
                    (f, true) => match none_of(f) {
                        Some(none) => format!("{none} reaches {to}{port}"),
                        None => format!("{} does not reach {to}{port}", source(f)),
                    },
                    (f, false) => match none_of(f) {
                        Some(none) => format!("{none}能访问 {to}{port}"),
                        None => format!("{} 无法访问 {to}{port}", source(f)),
                    },
                }
            }
            Goal::OnlyReaches { from, to, port } => {
                let group = match (Sources::parse(from), en) {
                    (Sources::Glob(p), true) => Some(format!("functions matching {p}")),
                    (Sources::Glob(p), false) => Some(format!("匹配 {p} 的函数")),
                    (Sources::InSubnet(s), true) => Some(format!("functions in {}", doc.display_name(s))),
                    (Sources::InSubnet(s), false) => Some(format!("{} 中的函数", doc.display_name(s))),
                    _ => None,
                };
                let (to, port) = (destination_name(doc, to, lang), on_port(port));
                match (group, en) {
                    (Some(g), true) => {
                        return format!("Only {g} reach {to}{port}: no other function and nothing on the internet can")
                    }
                    (Some(g), false) => return format!("只有{g}能访问 {to}{port}：其他函数和互联网都不能"),
                    (None, _) => {}
                }
                let from = source(from);
                if en {
                    format!("Only {from} reaches {to}{port}: no other function and nothing on the internet can")
                } else {
                    format!("只有 {from} 能访问 {to}{port}：其他函数和互联网都不能")
                }
            }
            Goal::NoComponent { kind } => {
                let name = kind_name(*kind, lang);
                if en {
                    format!("The design has no {name}")
                } else {
                    format!("设计中没有{name}")
                }
            }
            Goal::NoFinding { finding } => match GOAL_FINDINGS.iter().find(|f| f.0 == *finding) {
                Some((_, e, _)) if en => capitalise((*e).to_owned()),
                Some((_, _, z)) => (*z).to_owned(),
                None => {
                    let entry = crate::explain::CATALOGUE.iter().find(|e| e.id == *finding);
                    let code = finding.code();
                    match entry {
                        Some(e) if en => format!("No \u{201c}{}\u{201d} ({code})", e.title_en),
                        Some(e) => format!("没有\u{201c}{}\u{201d}（{code}）", e.title_zh),
                        None if en => format!("No {code}"),
                        None => format!("没有 {code}"),
                    }
                }
            },
        }
    }

    /// The verdict this goal is about, as (source key, destination), for highlighting it.
    pub fn verdict_key(&self) -> Option<(&str, &Destination)> {
        match self {
            Goal::Reaches { from, to, .. }
            | Goal::DoesNotReach { from, to, .. }
            | Goal::OnlyReaches { from, to, .. } => Some((from.as_str(), to)),
            Goal::NoComponent { .. } | Goal::NoFinding { .. } => None,
        }
    }
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    }
}

fn capitalise(mut s: String) -> String {
    if let Some(c) = s.get(0..1) {
        let upper = c.to_ascii_uppercase();
        s.replace_range(0..1, &upper);
    }
    s
}

/// A destination's name in words: the internet, a service's product name, or a component's
/// display name.
pub fn destination_name(doc: &Document, to: &Destination, lang: Lang) -> String {
    let en = lang == Lang::En;
    match to {
        Destination::Internet => if en { "the internet" } else { "互联网" }.to_owned(),
        Destination::InternetIpv6 => if en { "the IPv6 internet" } else { "IPv6 互联网" }.to_owned(),
        Destination::Service(s) => s.info().title.to_owned(),
        Destination::Component(id) => doc.display_name(id.as_str()).to_owned(),
    }
}

/// Which goals a design meets, in goal order.
pub fn check(goals: &[Goal], doc: &Document, analysis: &Analysis) -> Vec<bool> {
    goals.iter().map(|g| g.is_met(doc, analysis)).collect()
}

/// A mission's score: faults fixed (goals met) out of all, and hints used.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MissionScore {
    pub fixed: usize,
    pub faults: usize,
    pub hints_used: usize,
}

/// Points per fault fixed.
pub const POINTS_PER_FAULT: u32 = 100;
/// Points a revealed hint costs.
pub const POINTS_PER_HINT: u32 = 25;

impl MissionScore {
    pub fn new(met: &[bool], hints_used: usize) -> MissionScore {
        MissionScore {
            fixed: met.iter().filter(|m| **m).count(),
            faults: met.len(),
            hints_used,
        }
    }

    /// 100 per fault fixed, less 25 per hint used, never below zero.
    pub fn points(self) -> u32 {
        let earned = POINTS_PER_FAULT.saturating_mul(self.fixed as u32);
        earned.saturating_sub(POINTS_PER_HINT.saturating_mul(self.hints_used as u32))
    }

    pub fn complete(self) -> bool {
        self.faults > 0 && self.fixed == self.faults
    }
}

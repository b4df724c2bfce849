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

mod load;

pub use load::{is_lesson_text, load_lesson, LessonError, LESSON_FORMAT, LESSON_SCHEMA_VERSION};

use crate::explain::{ExplanationId, Lang};
use crate::model::{ComponentKind, Document};
use crate::reach::{Destination, HopKind, Reach};
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
    /// The engine raises no finding with this id (one of [`GOAL_FINDINGS`]).
    NoFinding { finding: ExplanationId },
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
        match self {
            Goal::Reaches { from, to, port, via } => {
                let Some(v) = analysis.answer(from, to, *port) else {
                    return false;
                };
                let through = |hops: &[crate::reach::Hop]| match via.and_then(via_hop) {
                    None => true,
                    Some(kind) => hops.iter().any(|h| h.kind == kind && h.allowed),
                };
                v.reach == Reach::Reachable && port_ok(*port, v.port) && v.traces.iter().all(|t| through(t.legs().0))
            }
            Goal::DoesNotReach { from, to, port } => {
                let exists = from == "internet" || doc.components().any(|(id, _)| id == from);
                exists
                    && match analysis.answer(from, to, *port) {
                        Some(v) => v.reach == Reach::Unreachable || !port_ok(*port, v.port),
                        None => true,
                    }
            }
            Goal::OnlyReaches { from, to, port } => {
                let reaches = Goal::Reaches {
                    from: from.clone(),
                    to: to.clone(),
                    port: *port,
                    via: None,
                };
                reaches.is_met(doc, analysis)
                    && analysis
                        .verdicts
                        .iter()
                        .filter(|v| &v.to == to && v.from.key() != from)
                        .all(|v| v.reach == Reach::Unreachable)
            }
            Goal::NoComponent { kind } => doc.components().all(|(_, k)| k != *kind),
            Goal::NoFinding { finding } => analysis.findings.iter().all(|f| f.id != *finding),
        }
    }

    /// The goal in plain words, naming the design's components by their display names.
    pub fn describe(&self, doc: &Document, lang: Lang) -> String {
        let en = lang == Lang::En;
        let source = |from: &str| {
            if from == "internet" {
                if en { "the internet" } else { "互联网" }.to_owned()
            } else {
                doc.display_name(from).to_owned()
            }
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
                let internet = from == "internet";
                let (from, to, port) = (source(from), destination_name(doc, to, lang), on_port(port));
                if en && internet {
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
                    (f, true) => format!("{} does not reach {to}{port}", source(f)),
                    (f, false) => format!("{} 无法访问 {to}{port}", source(f)),
                }
            }
            Goal::OnlyReaches { from, to, port } => {
                let (from, to, port) = (source(from), destination_name(doc, to, lang), on_port(port));
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
            Goal::NoFinding { finding } => {
                let (_, e, z) = GOAL_FINDINGS.iter().find(|f| f.0 == *finding).copied().unwrap_or((
                    *finding,
                    finding.code(),
                    finding.code(),
                ));
                if en {
                    capitalise(e.to_owned())
                } else {
                    z.to_owned()
                }
            }
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

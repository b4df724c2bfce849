//! Every interface string in English and Chinese, as one table.
//!
//! Engine sentences (verdicts, findings, diagnostics, inline errors) are not here: they come
//! from the engine's catalogue through [`message`], in the same language.

use crate::state::Note;
use vpc_engine::explain::{Entry, Lang, Message, CATALOGUE};
use vpc_engine::model::ComponentKind;
use vpc_engine::reach::{HopKind, Reach};

macro_rules! texts {
    ($($key:ident => $en:literal, $zh:literal;)*) => {
        /// An interface string.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum T { $($key,)* }

        impl T {
            /// Every string, for the completeness test.
            pub const ALL: &'static [T] = &[$(T::$key,)*];

            pub fn get(self, lang: Lang) -> &'static str {
                match lang {
                    Lang::En => match self { $(T::$key => $en,)* },
                    Lang::Zh => match self { $(T::$key => $zh,)* },
                }
            }
        }
    };
}

texts! {
    AppTitle => "VPC Playground", "VPC 演练场";
    AppTagline => "What can each Lambda reach, and why?", "每个 Lambda 能访问什么？为什么？";
    Undo => "Undo", "撤销";
    Redo => "Redo", "重做";
    Delete => "Delete", "删除";
    Duplicate => "Duplicate", "复制";
    ZoomIn => "Zoom in", "放大";
    ZoomOut => "Zoom out", "缩小";
    ZoomReset => "Fit design in view", "适应画布";
    SwitchLanguage => "Switch language", "切换语言";
    OtherLanguage => "中文", "English";
    StartOver => "Starter design", "示例设计";
    StartOverHint => "Replace the canvas with the starter design (undo brings yours back)", "用示例设计替换画布（可撤销）";

    GroupNetwork => "Network", "网络";
    GroupSecurity => "Security", "安全";
    GroupCompute => "Compute & data", "计算与数据";
    GroupServices => "AWS services", "AWS 服务";
    PaletteHint => "Drag onto the canvas, or focus and press Enter.", "拖到画布上，或选中后按 Enter。";
    KindVpc => "VPC", "VPC";
    KindSubnet => "Subnet", "子网";
    KindRouteTable => "Route table", "路由表";
    KindIgw => "Internet gateway", "互联网网关";
    KindEigw => "Egress-only IGW", "仅出口互联网网关";
    KindNat => "NAT gateway", "NAT 网关";
    KindPeering => "Peering connection", "对等连接";
    KindGatewayEndpoint => "Gateway endpoint", "网关终端节点";
    KindInterfaceEndpoint => "Interface endpoint", "接口终端节点";
    KindSg => "Security group", "安全组";
    KindNacl => "Network ACL", "网络 ACL";
    KindFunction => "Lambda function", "Lambda 函数";
    KindDatabase => "RDS database", "RDS 数据库";
    KindInstance => "EC2 instance", "EC2 实例";
    KindService => "AWS service", "AWS 服务";

    Public => "public", "公有";
    Private => "private", "私有";
    Internet => "Internet", "互联网";
    InternetBadge => "internet", "互联网";
    Blackhole => "blackhole", "黑洞";
    Detached => "detached", "未挂载";
    ConnectorHint => "Drag to a NAT gateway, internet gateway, egress-only gateway or gateway endpoint to add a route", "拖到 NAT 网关、互联网网关、仅出口网关或网关终端节点以添加路由";
    CanvasLabel => "Network design canvas", "网络设计画布";
    CanvasEmpty => "Drag a VPC from the palette to start.", "从左侧拖一个 VPC 开始。";

    ReachReachable => "reachable", "可达";
    ReachUnreachable => "unreachable", "不可达";
    ReachPartial => "partly reachable", "部分可达";
    ReachUnknown => "not evaluated", "未评估";

    Verdicts => "Verdicts", "结论";
    Findings => "Findings", "建议";
    Diagnostics => "Design problems", "设计问题";
    NoFunctions => "No Lambda functions yet. Drag one from the palette.", "还没有 Lambda 函数。从左侧拖一个进来。";
    NoFindings => "No findings.", "没有建议。";
    NoDiagnostics => "No problems in the design.", "设计中没有问题。";
    FromInternet => "From the internet", "来自互联网";

    CardPath => "Path", "路径";
    CardRule => "Rule", "规则";
    CardDocs => "AWS documentation", "AWS 文档";
    CardClose => "Close", "关闭";
    CardPerSubnet => "Per subnet", "按子网";
    HopAllowed => "passes", "通过";
    HopBlocked => "blocks", "阻止";

    InspectorEmpty => "Select a component on the canvas to edit it.", "在画布上选择一个组件进行编辑。";
    Name => "Name", "名称";
    Id => "ID", "ID";
    Cidr => "IPv4 CIDR", "IPv4 CIDR";
    Ipv6Cidr => "IPv6 CIDR", "IPv6 CIDR";
    Ipv6Placeholder => "none", "无";
    Az => "Availability Zone", "可用区";
    Vpc => "VPC", "VPC";
    NoneOption => "(none)", "（无）";
    MainTableOption => "main table", "主路由表";
    RouteTable => "Route table", "路由表";
    Routes => "Routes", "路由";
    Destination => "Destination", "目标网段";
    Target => "Target", "下一跳";
    LocalRoute => "local (within the VPC)", "local（VPC 内部）";
    AddRoute => "Add route", "添加路由";
    AddRouteNoTarget => "Add a NAT gateway or attach an internet gateway first", "请先添加 NAT 网关或挂载互联网网关";
    RemoveRow => "Remove", "移除";
    OwnTable => "Give this subnet its own route table", "为该子网创建独立路由表";
    UsesMainTable => "Uses the VPC's main route table", "使用 VPC 的主路由表";
    ImplicitMainTable => "Only the local route (no main table set)", "只有 local 路由（未设置主路由表）";
    EndpointRoute => "via endpoint association", "经终端节点关联";
    Nacl => "Network ACL", "网络 ACL";
    DefaultNacl => "VPC default (allows all)", "VPC 默认（全部允许）";
    MainRouteTable => "Main route table", "主路由表";
    DefaultNaclSetting => "Default network ACL", "默认网络 ACL";
    DnsSupport => "DNS resolution (enableDnsSupport)", "DNS 解析（enableDnsSupport）";
    DnsHostnames => "DNS hostnames (enableDnsHostnames)", "DNS 主机名（enableDnsHostnames）";
    Tenancy => "Tenancy", "租期";
    TenancyDefault => "default", "默认";
    TenancyDedicated => "dedicated", "专用";
    AttachedTo => "Attached to", "挂载到";
    Subnet => "Subnet", "子网";
    Connectivity => "Connectivity", "连接类型";
    ConnPublic => "public", "公有";
    ConnPrivate => "private", "私有";
    ElasticIp => "Elastic IP", "弹性 IP";
    Service => "Service", "服务";
    PrivateDns => "Private DNS", "私有 DNS";
    Subnets => "Subnets", "子网";
    SecurityGroups => "Security groups", "安全组";
    Policy => "Endpoint policy", "终端节点策略";
    PolicyAllow => "full access", "完全访问";
    PolicyDeny => "denies this account's requests", "拒绝本账户的请求";
    AssociatedTables => "Route tables", "路由表";
    InVpc => "Attached to a VPC", "连接到 VPC";
    Ipv6Allowed => "Allow IPv6 for dual-stack subnets", "在双栈子网中允许 IPv6";
    Engine => "Engine", "引擎";
    Port => "Port", "端口";
    PortDefault => "default", "默认";
    PubliclyAccessible => "Publicly accessible", "可公开访问";
    SubnetGroup => "DB subnet group", "数据库子网组";
    PublicIp => "Public IPv4 address", "公有 IPv4 地址";
    Inbound => "Inbound rules", "入站规则";
    Outbound => "Outbound rules", "出站规则";
    AddRule => "Add rule", "添加规则";
    Protocol => "Protocol", "协议";
    Ports => "Ports", "端口";
    Peer => "Peer", "对端";
    PeerCidr => "CIDR", "CIDR";
    PeerSg => "security group", "安全组";
    PeerPrefixList => "prefix list", "前缀列表";
    ProtoAll => "all", "全部";
    RuleNumber => "Rule #", "规则编号";
    Action => "Action", "操作";
    Allow => "allow", "允许";
    Deny => "deny", "拒绝";
    NoRules => "No rules: everything is denied.", "没有规则：全部拒绝。";
    NoSgRules => "No rules.", "没有规则。";
    Requester => "Requester VPC", "请求方 VPC";
    Accepter => "Accepter VPC", "接受方 VPC";
    Members => "Used by", "使用者";
    UsedBySubnets => "Subnets using this table", "使用该路由表的子网";
    InvalidHint => "Not saved: fix the value or press Esc to restore it.", "未保存：请修改该值，或按 Esc 恢复。";
    Revert => "Restore", "恢复";

    BannerUnreadable => "Your saved design could not be read ({error}). It is kept in this browser under \"{key}\"; the starter design is shown instead.", "无法读取已保存的设计（{error}）。它已保存在本浏览器的“{key}”中；现在显示的是示例设计。";
    Dismiss => "Dismiss", "关闭";

    NoteOwnTable => "{subnet} now has its own route table {table}, a copy of the main table, so the new route does not change {others}.", "{subnet} 现在有自己的路由表 {table}（复制自主路由表），新路由不会影响 {others}。";
    NoteOwnTableAlone => "{subnet} now has its own route table {table}.", "{subnet} 现在有自己的路由表 {table}。";
    NoteSharedTable => "Route table {table} is shared: this also changes {others}.", "路由表 {table} 是共享的：这也会改变 {others}。";
    NoteRouteReplaced => "In {table}, {destination} went to {old}; it now goes to the new target.", "在 {table} 中，{destination} 原本指向 {old}，现在指向新目标。";
    NoteEndpointAssociated => "Route table {table} is now associated with {endpoint}.", "路由表 {table} 现已关联 {endpoint}。";
    NoteNeedsVpc => "Drop it inside a VPC.", "请放到某个 VPC 内。";
    NoteNeedsSubnet => "Drop it inside a subnet.", "请放到某个子网内。";
    NoteNotARouteTarget => "Routes go to a NAT gateway, internet gateway, egress-only gateway or gateway endpoint: drop the connector on one of those.", "路由只能指向 NAT 网关、互联网网关、仅出口网关或网关终端节点：请把连接线放到其中之一上。";
    NoteEndpointStaysInVpc => "An interface endpoint stays in its VPC.", "接口终端节点不能移出其 VPC。";
    NoteNoFreeCidr => "{vpc} has no free address block left for another subnet.", "{vpc} 已没有空闲的地址块可用于新子网。";
    NoteServiceDrawn => "{service} is already on the canvas.", "{service} 已在画布上。";

    // --- Lessons and missions (src/lessons/) -----------------------------------------------
    LessonsButton => "Lessons", "课程";
    LessonsListTitle => "Lessons and missions", "课程与任务";
    LessonsCloseList => "Close the lesson list", "关闭课程列表";
    LessonsKindLesson => "Lesson", "课程";
    LessonsKindMission => "Mission", "任务";
    LessonsDone => "done", "已完成";
    LessonsViewed => "solution viewed", "已看答案";
    LessonsNotDone => "not done yet", "未完成";
    LessonsLoading => "Loading…", "加载中…";
    LessonsProgress => "{done} of {total} done", "已完成 {done}/{total}";
    LessonsReplaceNote => "Opening a lesson replaces the canvas; undo (Ctrl+Z) brings your design back.", "打开课程会替换画布内容；撤销（Ctrl+Z）可恢复你的设计。";
    LessonsCannotOpen => "This lesson cannot be opened: {error}", "无法打开此课程：{error}";
    LessonsGoals => "Goals", "目标";
    LessonsFaults => "Faults to fix", "待修复的问题";
    LessonsGoalMet => "met", "已达成";
    LessonsGoalNotMet => "not met yet", "尚未达成";
    LessonsExplainGoal => "Show this path on the canvas", "在画布上显示这条路径";
    LessonsHintN => "Hint {n} of {total}: ", "提示 {n}/{total}：";
    LessonsShowHint => "Show a hint ({left} left)", "显示提示（还剩 {left} 条）";
    LessonsNoMoreHints => "No more hints", "没有更多提示了";
    LessonsShowSolution => "Show the solution", "显示答案";
    LessonsSolutionShown => "The solution is on the canvas: undo (Ctrl+Z) brings your attempt back.", "答案已显示在画布上：撤销（Ctrl+Z）可恢复你的尝试。";
    LessonsClose => "Close the lesson", "关闭课程";
    LessonsScore => "{fixed} of {faults} faults fixed · hints used: {hints} · {points} points", "已修复 {fixed}/{faults} 处问题 · 使用 {hints} 条提示 · {points} 分";
    LessonsSuccess => "Lesson complete!", "课程完成！";
    LessonsMissionSuccess => "Mission accomplished!", "任务完成！";
    LessonsSuccessBody => "The engine confirms every goal of this lesson.", "引擎确认本课的所有目标均已达成。";
    LessonsSuccessWithSolution => "Every goal is met, with the solution shown. Try the next one on your own!", "借助答案达成了所有目标。下一课试试自己完成吧！";
    LessonsNext => "Next: {title}", "下一课：{title}";
    LessonsAll => "All lessons", "全部课程";
    LessonsKeepExploring => "Keep exploring", "继续探索";
    SaveAsLesson => "Save as lesson", "另存为课程";
    AuthorTitle => "Save this design as a lesson", "将此设计保存为课程";
    AuthorCancel => "Close", "关闭";
    AuthorStart => "Starting design", "起始设计";
    AuthorMarkStart => "Use the current design as the start", "以当前设计作为起点";
    AuthorClearStart => "Forget the start", "取消起点";
    AuthorStartMarked => "Start marked ({n} components). Now fix the design on the canvas: the design you export from becomes the solution.", "已标记起点（{n} 个组件）。现在在画布上修好设计：导出时的设计将作为答案。";
    AuthorStartNone => "No start marked: the current design is the start, and the lesson has no solution.", "未标记起点：当前设计即为起点，课程没有答案。";
    AuthorLangNote => "Write in English and in Chinese; a side left empty takes the other side's text.", "请用英文和中文填写；留空的一侧会使用另一侧的文字。";
    AuthorEnglish => "English", "英文";
    AuthorChinese => "中文", "中文";
    AuthorTitleField => "Title", "标题";
    AuthorStory => "Story", "说明";
    AuthorHints => "Hints, one per line", "提示（每行一条）";
    AuthorGoals => "Goals: tick the verdicts the learner must bring about", "目标：勾选学习者必须实现的结论";
    AuthorNeedsTitle => "Give the lesson a title.", "请为课程填写标题。";
    AuthorNeedsGoal => "Pick at least one goal.", "请至少选择一个目标。";
    AuthorMetAtStart => "The starting design already meets every goal: the learner would have nothing to do.", "起始设计已经满足所有目标：学习者无事可做。";
    AuthorSolutionMisses => "The solution does not meet: {goals}", "答案未满足：{goals}";
    AuthorExport => "Download the lesson file", "下载课程文件";
    AuthorSaved => "Saved as {file}.", "已保存为 {file}。";
    AuthorFailed => "Could not save the lesson: {error}", "无法保存课程：{error}";
}

/// Fills `{name}` placeholders in an interface string.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (k, v) in args {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

/// The catalogue entry for a message, if the catalogue has it.
pub fn entry(msg: &Message) -> Option<&'static Entry> {
    CATALOGUE.iter().find(|e| e.id == msg.id)
}

/// An engine message in the reader's language, from the catalogue. An id the catalogue
/// lacks is shown as its code, so that the gap is visible rather than a crash.
pub fn message(msg: &Message, lang: Lang) -> String {
    match entry(msg) {
        Some(_) => msg.render(lang),
        None => msg.id.code().to_owned(),
    }
}

/// The sentence that explains a verdict: its headline, or, when the catalogue lacks the
/// headline's entry, the reason of the hop that blocks (which always has one).
pub fn headline(v: &vpc_engine::reach::Verdict) -> &Message {
    if entry(&v.message).is_some() {
        return &v.message;
    }
    v.path
        .iter()
        .find(|h| !h.allowed && entry(&h.because).is_some())
        .map(|h| &h.because)
        .unwrap_or(&v.message)
}

pub fn kind_name(kind: ComponentKind, lang: Lang) -> &'static str {
    let t = match kind {
        ComponentKind::Vpc => T::KindVpc,
        ComponentKind::Subnet => T::KindSubnet,
        ComponentKind::RouteTable => T::KindRouteTable,
        ComponentKind::InternetGateway => T::KindIgw,
        ComponentKind::EgressOnlyGateway => T::KindEigw,
        ComponentKind::NatGateway => T::KindNat,
        ComponentKind::PeeringConnection => T::KindPeering,
        ComponentKind::GatewayEndpoint => T::KindGatewayEndpoint,
        ComponentKind::InterfaceEndpoint => T::KindInterfaceEndpoint,
        ComponentKind::SecurityGroup => T::KindSg,
        ComponentKind::NetworkAcl => T::KindNacl,
        ComponentKind::Function => T::KindFunction,
        ComponentKind::Database => T::KindDatabase,
        ComponentKind::Instance => T::KindInstance,
        ComponentKind::Service => T::KindService,
    };
    t.get(lang)
}

pub fn reach_name(reach: Option<Reach>, lang: Lang) -> &'static str {
    match reach {
        Some(Reach::Reachable) => T::ReachReachable,
        Some(Reach::Unreachable) => T::ReachUnreachable,
        Some(Reach::Partial) => T::ReachPartial,
        None => T::ReachUnknown,
    }
    .get(lang)
}

/// What kind of check a hop is, in words.
pub fn hop_kind_name(kind: HopKind, lang: Lang) -> &'static str {
    let (en, zh) = match kind {
        HopKind::Function => ("function", "函数"),
        HopKind::Eni => ("network interface", "网络接口"),
        HopKind::SecurityGroupOut => ("security group (out)", "安全组（出站）"),
        HopKind::SecurityGroupIn => ("security group (in)", "安全组（入站）"),
        HopKind::NaclOut => ("network ACL (out)", "网络 ACL（出站）"),
        HopKind::NaclIn => ("network ACL (in)", "网络 ACL（入站）"),
        HopKind::RouteTable => ("route table", "路由表"),
        HopKind::NatGateway => ("NAT gateway", "NAT 网关"),
        HopKind::InternetGateway => ("internet gateway", "互联网网关"),
        HopKind::EgressOnlyGateway => ("egress-only gateway", "仅出口网关"),
        HopKind::GatewayEndpoint => ("gateway endpoint", "网关终端节点"),
        HopKind::InterfaceEndpoint => ("interface endpoint", "接口终端节点"),
        HopKind::PeeringConnection => ("peering connection", "对等连接"),
        HopKind::Dns => ("DNS", "DNS"),
        HopKind::Policy => ("endpoint policy", "终端节点策略"),
        HopKind::Destination => ("destination", "目的地"),
    };
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// A toast's text.
pub fn note(n: &Note, lang: Lang) -> String {
    match n {
        Note::OwnTableCreated { subnet, table, others } if !others.is_empty() => fill(
            T::NoteOwnTable.get(lang),
            &[("subnet", subnet), ("table", table), ("others", others)],
        ),
        Note::OwnTableCreated { subnet, table, .. } => {
            fill(T::NoteOwnTableAlone.get(lang), &[("subnet", subnet), ("table", table)])
        }
        Note::SharedTableChanged { table, others } => {
            fill(T::NoteSharedTable.get(lang), &[("table", table), ("others", others)])
        }
        Note::RouteReplaced {
            table,
            destination,
            old,
        } => fill(
            T::NoteRouteReplaced.get(lang),
            &[("table", table), ("destination", destination), ("old", old)],
        ),
        Note::EndpointAssociated { table, endpoint } => fill(
            T::NoteEndpointAssociated.get(lang),
            &[("table", table), ("endpoint", endpoint)],
        ),
        Note::NeedsVpc => T::NoteNeedsVpc.get(lang).to_owned(),
        Note::NeedsSubnet => T::NoteNeedsSubnet.get(lang).to_owned(),
        Note::NotARouteTarget => T::NoteNotARouteTarget.get(lang).to_owned(),
        Note::EndpointStaysInVpc => T::NoteEndpointStaysInVpc.get(lang).to_owned(),
        Note::NoFreeCidr { vpc } => fill(T::NoteNoFreeCidr.get(lang), &[("vpc", vpc)]),
        Note::ServiceAlreadyDrawn { service } => fill(T::NoteServiceDrawn.get(lang), &[("service", service)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_exists_in_both_languages() {
        for t in T::ALL {
            assert!(!t.get(Lang::En).trim().is_empty(), "{t:?} en");
            assert!(!t.get(Lang::Zh).trim().is_empty(), "{t:?} zh");
        }
    }

    #[test]
    fn placeholders_match_between_languages() {
        fn names(s: &str) -> Vec<&str> {
            let mut v: Vec<&str> = s.split('{').skip(1).filter_map(|p| p.split('}').next()).collect();
            v.sort();
            v
        }
        for t in T::ALL {
            assert_eq!(names(t.get(Lang::En)), names(t.get(Lang::Zh)), "{t:?}");
        }
    }

    #[test]
    fn the_language_toggle_names_the_other_language() {
        assert_eq!(T::OtherLanguage.get(Lang::En), "中文");
        assert_eq!(T::OtherLanguage.get(Lang::Zh), "English");
    }

    #[test]
    fn notes_fill_their_arguments() {
        let n = Note::SharedTableChanged {
            table: "public-rt".into(),
            others: "public-b".into(),
        };
        assert_eq!(
            note(&n, Lang::En),
            "Route table public-rt is shared: this also changes public-b."
        );
        assert!(note(&n, Lang::Zh).contains("public-b"));
    }
}

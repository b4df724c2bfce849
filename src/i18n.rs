//! Every interface string in English and Chinese, as one table.
//!
//! Engine sentences (verdicts, findings, diagnostics, inline errors) are not here: they come
//! from the engine's catalogue through [`message`], in the same language.

pub mod zh;

use crate::state::notice::{MAX_FILE_BYTES, MAX_LINK_BYTES};
use crate::state::{notice, Note, Notice};
use vpc_engine::explain::{Entry, Lang, Message, CATALOGUE};
use vpc_engine::model::ComponentKind;
use vpc_engine::reach::{HopKind, Reach, Source, Verdict};

macro_rules! texts {
    ($($key:ident => $en:literal, $zh:literal;)*) => {
        /// An interface string.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum T { $($key,)* }

        impl T {
            /// Every string, for the completeness test.
            pub const ALL: &'static [T] = &[$(T::$key,)*];

            /// The string in `lang`; English while the Chinese texts are still being fetched.
            pub fn get(self, lang: Lang) -> &'static str {
                let en = match self { $(T::$key => $en,)* };
                match lang {
                    Lang::En => en,
                    Lang::Zh => zh::ui(self).unwrap_or(en),
                }
            }

            /// The Chinese string as written here. The browser build leaves these out and
            /// fetches them instead (see [`crate::zh_texts`]).
            #[cfg(not(target_arch = "wasm32"))]
            pub fn written_zh(self) -> &'static str {
                match self { $(T::$key => $zh,)* }
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
    StarterName => "Lambda in a public subnet", "公有子网中的 Lambda";
    StarterDescription => "The starting point of the source article: a function placed in public subnets next to an RDS database. It reaches the database, but not the internet.", "源文章的起点：一个放在公有子网中的函数，旁边是一个 RDS 数据库。它能访问数据库，却访问不了互联网。";
    StartOverHint => "Replace the canvas with the starter design (undo brings yours back)", "用示例设计替换画布（可撤销）";

    GroupNetwork => "Network", "网络";
    GroupSecurity => "Security", "安全";
    GroupCompute => "Compute & data", "计算与数据";
    GroupData => "Data stores", "数据存储";
    GroupServices => "AWS services", "AWS 服务";
    VerdictServices => "{count} AWS service APIs: {reach}", "{count} 个 AWS 服务 API：{reach}";
    VerdictStoppedAt => "stopped at {component}", "止于 {component}";
    PaletteLabel => "Palette", "组件面板";
    InspectorLabel => "Inspector", "属性面板";
    OutcomeExposed => "⚠ exposed to the internet", "⚠ 暴露在互联网上";
    OutcomeNotExposed => "not exposed to the internet", "未暴露在互联网上";
    OutcomePartlyExposed => "⚠ partly exposed to the internet", "⚠ 部分暴露在互联网上";
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
    KindDataStore => "Data store", "数据存储";
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
    LanguageNames => "English / 中文", "English / 中文";
    HideSidePanel => "Hide the side panel", "隐藏侧边栏";
    ShowSidePanel => "Show the side panel", "显示侧边栏";
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
    CardAssumes => "Assumes {items}: the template leaves them open, so AWS may answer differently.", "假设了 {items}：模板没有确定它们，AWS 的实际结果可能不同。";
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
    StoreKindLabel => "Product", "产品";
    PortsDefault => "default: {ports}", "默认：{ports}";
    Fronts => "Database behind the proxy", "代理后端的数据库";
    MountTargets => "Mount targets (one subnet per AZ)", "挂载目标（每个可用区一个子网）";
    MountTargetNote => "A function reaches the file system only through the mount target in its own Availability Zone.", "函数只能通过其所在可用区内的挂载目标访问文件系统。";
    FilterServices => "Filter services…", "筛选服务…";
    ServicesShown => "{count} of {total}", "{count} / {total}";
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

    BannerOtherTab => "“{name}” was changed in another tab. So that neither tab's work is lost, this tab does not save it until you choose.", "“{name}”已在另一个标签页中被修改。为了不丢失任何一个标签页中的工作，在你做出选择之前，此标签页不会保存它。";
    OtherTabReload => "Load the other tab's version", "载入另一个标签页的版本";
    OtherTabReloadHint => "Shows the version saved by the other tab; what you changed here is kept as a separate design.", "显示另一个标签页保存的版本；你在这里所做的修改会另存为一个单独的设计。";
    OtherTabKeepBoth => "Keep both", "两者都保留";
    OtherTabKeepBothHint => "Keeps this tab's version as a separate design in My designs, next to the other tab's.", "把此标签页的版本另存为“我的设计”中的一个单独设计，与另一个标签页的版本并存。";
    OtherTabSuffix => "(this tab)", "（此标签页）";
    BannerUnreadable => "Your saved design could not be read ({error}). It is kept in this browser under \"{key}\"; the starter design is shown instead.", "无法读取已保存的设计（{error}）。它已保存在本浏览器的“{key}”中；现在显示的是示例设计。";
    BannerNoChinese => "The Chinese texts could not be loaded ({error}), so the page stays in English. Check the connection and choose 中文 again.", "无法加载中文文本（{error}），页面仍以英文显示。请检查网络连接后再次选择中文。";
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
    NoteSgAttached => "{sg} now also guards {component}: its rules apply to every connection of {component}.", "{sg} 现在也保护 {component}：它的规则作用于 {component} 的每个连接。";
    NoteSgAlreadyAttached => "{component} already uses {sg}.", "{component} 已经使用 {sg}。";
    NoteSgOtherVpc => "{sg} belongs to another VPC than {component}: a security group only guards resources of its own VPC.", "{sg} 与 {component} 不在同一个 VPC：安全组只能保护它所在 VPC 的资源。";

    // Import template (issue 7): toolbar button, dialog and import report.
    ImportTemplate => "Import template", "导入模板";
    ImportTemplateHint => "Draw the network of a CloudFormation or SAM template (YAML or JSON), or of a Terraform configuration or plan", "绘制 CloudFormation 或 SAM 模板（YAML 或 JSON）、或 Terraform 配置或计划中的网络";
    TemplateTitle => "Import a CloudFormation or SAM template, or Terraform", "导入 CloudFormation 或 SAM 模板，或 Terraform";
    TemplatePaste => "Paste a template, a Terraform file or a plan JSON (terraform show -json) below, choose files or a Terraform folder, or drop them on this dialog.", "在下方粘贴模板、Terraform 文件或计划 JSON（terraform show -json），选择文件或 Terraform 文件夹，或把它们拖到此对话框。";
    TemplateChooseFile => "Choose files…", "选择文件…";
    TemplateChooseFolder => "Choose folder…", "选择文件夹…";
    TemplateFiles => "{count} files of a Terraform configuration, read together (local modules by their paths):", "Terraform 配置的 {count} 个文件，一起读取（本地模块按路径）：";
    TemplateClearFiles => "Use the text box instead", "改用文本框";
    TemplateNoTerraformFiles => "None of the chosen files is a Terraform file (.tf or .tfvars). Choose the folder of a configuration, or its .tf files.", "所选文件中没有 Terraform 文件（.tf 或 .tfvars）。请选择一个配置的文件夹，或它的 .tf 文件。";
    TemplateRead => "Read template", "读取模板";
    TemplateReading => "Reading…", "正在读取…";
    TemplateReadWithParams => "Import with these values", "使用这些值导入";
    TemplateFailed => "This template could not be imported", "无法导入此模板";
    TemplateAt => "line {line}, column {column}", "第 {line} 行，第 {column} 列";
    TemplateWorkerFailed => "The template reader could not be loaded. Check your connection and try again.", "无法加载模板读取器。请检查网络连接后重试。";
    TemplateProgress => "Reading {size} KB… {seconds} s", "正在读取 {size} KB… 已用 {seconds} 秒";
    TemplateCancel => "Cancel", "取消";
    TemplateCancelled => "Reading was cancelled. Your text is still here: change it, or read it again.", "已取消读取。文本仍保留在此：可以修改，或再次读取。";
    TemplateOutOfMemory => "The template reader ran out of memory on this template and stopped. Your text is kept: remove aliases that repeat large parts, or split the template.", "模板读取器读取此模板时内存不足，已停止。文本已保留：请删除重复大段内容的别名，或拆分模板。";
    TemplateCrashed => "The template reader stopped on this template with an error ({error}). Your text is kept; please report this template so that it gets a proper message.", "模板读取器读取此模板时出错并停止（{error}）。文本已保留；请报告此模板，以便为它提供明确的提示。";
    TemplateSummary => "{modelled} resources modelled, {not} not modelled, {skipped} skipped by a condition.", "已建模 {modelled} 个资源，{not} 个未建模，{skipped} 个因条件不成立而跳过。";
    TemplateModelled => "Modelled", "已建模";
    TemplateNotModelled => "Not modelled (listed, not drawn)", "未建模（仅列出，不绘制）";
    TemplateSkipped => "Skipped (condition is false)", "已跳过（条件不成立）";
    TemplateParameters => "Parameters", "参数";
    TemplateSourceDefault => "default", "默认值";
    TemplateSourceGiven => "given", "已填写";
    TemplateSourceOutside => "outside this template", "模板之外";
    TemplateSourceAssumed => "assumed", "假定";
    TemplateVarsLegend => "Variables the configuration leaves open (no default, no .tfvars). Change any value, then import again:", "配置未确定的变量（没有默认值，也没有 .tfvars）。可修改任意值，然后重新导入：";
    TemplateParamsLegend => "Parameters the template leaves open. Change any value, then import again:", "模板未确定的参数。可修改任意值，然后重新导入：";
    TemplateParamNetwork => "shapes the network: verdicts through it say “assumes”", "影响网络：经过它的结论会注明“假设”";
    TemplateParamNoNetwork => "no verdict depends on it", "没有结论依赖它";
    TemplateSecret => "hidden (NoEcho): type a value to use it", "已隐藏（NoEcho）：输入一个值即可使用";
    TemplateGenerated => "Generated by SAM (references to them resolve; not drawn)", "由 SAM 生成（对它们的引用可以解析；不绘制）";
    TemplateWarnings => "Read as CloudFormation reads it", "按 CloudFormation 的方式读取";
    TemplateOutside => "Outside this template (placeholders)", "模板之外（占位组件）";
    TemplateNotes => "Assumed values", "假定的值";
    TemplateOpen => "Open design", "打开设计";
    TemplateOpenHint => "Opens as a new design in My designs; the design on the canvas is kept.", "将作为新设计在“我的设计”中打开；当前画布上的设计会保留。";
    TemplateClose => "Close", "关闭";
    TemplateNotNetwork => "not part of the playground's network model", "不属于演练场的网络模型";
    TemplateConditionFalse => "condition {name} is false", "条件 {name} 不成立";
    TemplateViaParameter => "parameter {name}", "参数 {name}";
    TemplateViaImport => "Fn::ImportValue {name}", "Fn::ImportValue {name}";
    TemplateViaLiteral => "an id written in the template", "模板中直接写出的 id";
    // My designs, files, share links and pictures (src/persist.rs, src/transfer.rs, src/library.rs)
    MyDesigns => "My designs", "我的设计";
    MyDesignsHint => "Every design is saved in this browser after each change.", "每次修改后，设计都会自动保存在本浏览器中。";
    ThisDesign => "This design", "当前设计";
    NewDesign => "New design", "新建设计";
    ImportFile => "Import file…", "导入文件…";
    ImportHint => "You can also drop a design file on the canvas or paste its JSON (Ctrl+V). An import opens as a new design.", "也可以把设计文件拖到画布上，或粘贴其 JSON（Ctrl+V）。导入的内容会作为新设计打开。";
    ExportJson => "Export JSON", "导出 JSON";
    ExportSvg => "Export SVG", "导出 SVG";
    ExportPng => "Export PNG", "导出 PNG";
    ShareLink => "Copy share link", "复制分享链接";
    ShareCopied => "Link copied. Whoever opens it gets their own copy of this design.", "链接已复制。打开链接的人会得到这个设计的一份副本。";
    ShareNotCopied => "Copy this link (the browser did not allow copying it for you):", "请手动复制此链接（浏览器不允许自动复制）：";
    ShareFailed => "This browser cannot compress a share link; export the design as JSON instead.", "此浏览器无法压缩分享链接；请改为导出 JSON。";
    OpenThisDesign => "Open", "打开";
    RenameDesign => "Rename", "重命名";
    DesignName => "Design name", "设计名称";
    OpenNow => "open now", "当前打开";
    CloseMyDesigns => "Close", "关闭";
    ConfirmDeleteDesign => "Delete “{name}” and its undo history from this browser? This cannot be undone.", "从本浏览器中删除“{name}”及其撤销记录？此操作无法撤销。";
    DesignCopySuffix => "(copy)", "（副本）";
    SourceFile => "The file “{name}”", "文件“{name}”";
    SourcePasted => "The pasted text", "粘贴的文本";
    SourceLink => "The share link", "分享链接";
    NoticeSaveFailed => "This browser's storage is full or disabled: your latest change is NOT saved. Export the design as JSON (My designs), and delete designs you no longer need.", "本浏览器的存储已满或被禁用：最近的修改没有保存。请在“我的设计”中导出 JSON，并删除不再需要的设计。";
    NoticeUnreadable => "{source} is not a design this playground can read: {error}. Your current design is unchanged.", "{source}不是本演练场能读取的设计：{error}。当前设计没有改变。";
    NoticeFileTooLarge => "“{name}” is {size} MB, more than the {max} MB a design file may have, so it was not read. Your current design is unchanged.", "“{name}”有 {size} MB，超过设计文件的上限 {max} MB，因此未读取。当前设计没有改变。";
    NoticeNotADesign => "{source} is a {what} file, not a design; it was not opened as one. Your current design is unchanged.", "{source}是 {what} 文件，而不是设计，因此没有作为设计打开。当前设计没有改变。";
    NoticeLinkDamaged => "This share link is incomplete or was altered, so its design cannot be read. Ask for the link again and copy all of it. Your designs are unchanged.", "此分享链接不完整或已被改动，无法读取其中的设计。请重新获取链接并完整复制。你的设计没有改变。";
    NoticeLinkAltered => "This share link was changed or cut short after it was made: it no longer matches the seal it carries, so it was not opened. Ask for the link again and copy all of it. Your designs are unchanged.", "此分享链接在生成后被改动或截断：它与自带的校验值不再相符，因此没有打开。请重新获取链接并完整复制。你的设计没有改变。";
    NoticeLinkNewer => "This share link was made by a newer version of VPC Playground (link format {version}). Open it in the latest version. Your designs are unchanged.", "此分享链接由更新版本的 VPC 演练场生成（链接格式 {version}）。请在最新版本中打开。你的设计没有改变。";
    NoticeLinkTooLong => "This share link is {chars} characters long, more than any design needs, so it was not opened. Ask for the design as a JSON file instead.", "此分享链接长达 {chars} 个字符，超出任何设计所需，因此没有打开。请改为索取 JSON 文件。";
    NoticeLinkTooLarge => "This share link unpacks to more than {max} MB, so it was not opened. Ask for the design as a JSON file instead.", "此分享链接解压后超过 {max} MB，因此没有打开。请改为索取 JSON 文件。";
    NoticeOpened => "“{name}” is open as a new design in My designs; your other designs are unchanged.", "“{name}”已作为新设计在“我的设计”中打开；其他设计没有改变。";
    NoticeNoRoom => "There is no room left in this browser's storage for “{name}”, so nothing was changed. Delete designs you no longer need in My designs and try again.", "本浏览器的存储已没有空间保存“{name}”，因此没有做任何改变。请在“我的设计”中删除不再需要的设计后重试。";
    // --- Insight: change feedback, compare, packet walk-through, cost (issue 6) ---
    FbThisChange => "This change {clauses}.", "这次修改{clauses}。";
    FbOpened => "gave {from} a path to {list}", "让 {from} 可以访问 {list}";
    FbOpenedIt => "gave it a path to {list}", "让它可以访问 {list}";
    FbClosed => "closed {from}'s path to {list}", "切断了 {from} 到 {list} 的路径";
    FbClosedIt => "closed its path to {list}", "切断了它到 {list} 的路径";
    FbPartial => "left {from} reaching {list} from only some of its subnets", "使 {from} 只能从部分子网访问 {list}";
    FbPartialIt => "left it reaching {list} from only some of its subnets", "使它只能从部分子网访问 {list}";
    FbTheInternet => "the internet", "互联网";
    FbEveryService => "every AWS service API", "所有 AWS 服务 API";
    FbMore => "{count} more changes", "另外 {count} 处变化";
    FbAnd => " and ", "和";
    FbListSep => ", ", "、";
    FbClauseSep => ", ", "，";
    FbClauseLast => " and ", "，并";
    FbProblemAdded => "New problem: {text}", "新问题：{text}";
    FbProblemResolved => "Fixed: {text}", "已解决：{text}";
    FbOthers => "(+{count} more)", "（另有 {count} 项）";
    FbLabel => "What this change did", "这次修改的影响";
    CmpTitle => "Compare designs", "比较设计";
    CmpWith => "Compare the current design with", "将当前设计与以下设计比较";
    CmpSessionStart => "this design when the session began", "本次会话开始时的设计";
    CmpStarter => "the starter design", "示例设计";
    CmpFile => "a design file…", "设计文件…";
    CmpFileLabel => "Design file to compare with", "用于比较的设计文件";
    CmpFileError => "{name} cannot be compared: {error}", "无法比较 {name}：{error}";
    CmpSame => "No path differs: every function reaches the same destinations in both designs.", "没有路径不同：两个设计中每个函数可访问的目标都相同。";
    CmpSummary => "{opened} path(s) opened, {closed} closed, {partial} now partial, compared with {base}.", "与{base}相比：新开通 {opened} 条路径，切断 {closed} 条，{partial} 条变为部分可达。";
    CmpOpened => "opened", "开通";
    CmpClosed => "closed", "切断";
    CmpPartial => "partial", "部分可达";
    CmpProblems => "Design problems: {added} new, {resolved} fixed.", "设计问题：新增 {added} 个，已解决 {resolved} 个。";
    CmpGone => "gone", "已不存在";
    WalkStart => "Walk the packet", "逐跳演示数据包";
    WalkTitle => "Packet walk-through", "数据包逐跳演示";
    WalkStep => "Step {n} of {total}", "第 {n} 步，共 {total} 步";
    WalkRequest => "request", "请求";
    WalkReply => "reply", "回复";
    WalkPrev => "Previous hop", "上一跳";
    WalkNext => "Next hop", "下一跳";
    WalkPlay => "Play", "播放";
    WalkPause => "Pause", "暂停";
    WalkExit => "Close the walk-through", "关闭逐跳演示";
    WalkPasses => "passes the packet on", "放行数据包";
    WalkStops => "stops the packet here", "数据包在此被阻止";
    WalkDelivered => "The packet arrived and its reply made it back.", "数据包已送达，回复也已返回。";
    WalkArrived => "The packet arrived.", "数据包已送达。";
    WalkBlockedAt => "Blocked at {component}: the walk ends here.", "在 {component} 被阻止：演示到此结束。";
    WalkNaclReply => "On the way back: network ACLs are stateless, so the reply is checked again, on its own ports (the function's side uses an ephemeral port, 1024–65535).", "返回途中：网络 ACL 是无状态的，因此回复会按其自身端口再次检查（函数一侧使用临时端口 1024–65535）。";
    WalkNotDrawn => "(not drawn on the canvas)", "（未画在画布上）";
    WalkKeys => "Keys: ← → step, space plays or pauses, Home/End, Esc closes.", "按键：← → 逐跳，空格播放/暂停，Home/End 跳到首尾，Esc 关闭。";
    CostTitle => "Monthly cost", "每月费用";
    CostTotal => "{amount} per month", "每月 {amount}";
    CostNatHours => "NAT gateway {component}: hours", "NAT 网关 {component}：小时费";
    CostPublicIpv4 => "Public IPv4 address of {component}", "{component} 的公有 IPv4 地址";
    CostInterfaceHours => "Interface endpoint {component}: hours in {count} AZ(s)", "接口终端节点 {component}：{count} 个可用区的小时费";
    CostNatData => "NAT gateway {component}: data processed", "NAT 网关 {component}：数据处理费";
    CostInterfaceData => "Interface endpoint {component}: data processed", "接口终端节点 {component}：数据处理费";
    CostGatewayEndpoint => "Gateway endpoint {component}: free", "网关终端节点 {component}：免费";
    CostCrossAz => "Cross-AZ traffic to NAT gateway {component}", "跨可用区访问 NAT 网关 {component} 的流量";
    CostInternetOut => "Data transfer out to the internet", "流出到互联网的数据传输";
    CostHours => "{quantity} h × {rate}", "{quantity} 小时 × {rate}";
    CostGb => "{quantity} GB × {rate}", "{quantity} GB × {rate}";
    CostNothing => "Nothing in this design is charged: no NAT gateway, public address or interface endpoint, and no traffic to price.", "该设计中没有收费项：没有 NAT 网关、公有地址或接口终端节点，也没有需要计费的流量。";
    CostTraffic => "Traffic assumption: GB per month each function exchanges with", "流量假设：每个函数每月与以下目标交换的数据量（GB）";
    CostTrafficNone => "No function reaches the internet or an AWS service, so there is no traffic to price.", "没有函数能访问互联网或 AWS 服务，因此没有需要计费的流量。";
    CostTrafficError => "Enter a whole number of GB from 0 to 1000000.", "请输入 0 到 1000000 之间的整数 GB。";
    CostAltGateway => "A gateway endpoint for {service} in {component} would save {amount}/month at this traffic ({gb} GB through NAT now): gateway endpoints are free.", "在 {component} 中为 {service} 创建网关终端节点，按当前流量每月可节省 {amount}（目前 {gb} GB 经过 NAT）：网关终端节点免费。";
    CostAltInterfaceSaves => "An interface endpoint for {service} in {count} AZ(s) would save {amount}/month at this traffic ({gb} GB through NAT now).", "为 {service} 在 {count} 个可用区创建接口终端节点，按当前流量每月可节省 {amount}（目前 {gb} GB 经过 NAT）。";
    CostAltInterfaceCosts => "Interface endpoints for {service} ({count} AZ(s) each) would cost {amount}/month more each than NAT at {gb} GB a month: the hourly charge per AZ outweighs the cheaper processing until about {limit} GB a month.", "为 {service} 各创建接口终端节点（各 {count} 个可用区），按每月 {gb} GB 计算，每个每月比 NAT 多花 {amount}：在每月约 {limit} GB 以下，每个可用区的小时费超过了更低的数据处理费。";
    CostAltGatewayForInterface => "Replacing the interface endpoint {component} for {service} with a gateway endpoint would save {amount}/month: gateway endpoints for S3 and DynamoDB are free.", "把 {service} 的接口终端节点 {component} 换成网关终端节点，每月可节省 {amount}：S3 和 DynamoDB 的网关终端节点免费。";
    CostAlternatives => "Alternatives", "替代方案";
    CostNotes => "us-east-1 list prices read on {date}. Interface endpoints are charged per endpoint and per AZ; gateway endpoints are free; a NAT gateway also costs its public IPv4 address, cross-AZ transfer and data going out to the internet. Internet traffic is counted as leaving AWS (the account's free 100 GB are not deducted); the cross-AZ rate comes from secondary sources.", "us-east-1 公开价格，读取于 {date}。接口终端节点按每个终端节点、每个可用区计费；网关终端节点免费；NAT 网关还需支付其公有 IPv4 地址、跨可用区传输和流出互联网的数据费用。互联网流量按全部流出 AWS 计算（未扣除账户每月 100 GB 免费额度）；跨可用区费率来自第二手资料。";
    CostSourceVpc => "VPC pricing", "VPC 定价";
    CostSourcePrivateLink => "PrivateLink pricing", "PrivateLink 定价";
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
    AuthorShare => "Copy a share link", "复制分享链接";
    AuthorLinkCopied => "The link is copied: whoever opens it gets this lesson.", "链接已复制：打开它的人会得到这一课。";
    AuthorLinkShown => "Copy the link below: whoever opens it gets this lesson.", "请复制下面的链接：打开它的人会得到这一课。";
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
    match (entry(msg), lang) {
        (Some(_), Lang::En) => msg.render(Lang::En),
        (Some(e), Lang::Zh) => match zh::catalogue(msg.id) {
            Some(zh) => msg.fill_with(zh, &zh::missing_arg),
            None => msg.fill_with(e.en, &|name| vpc_engine::explain::missing_arg(name, Lang::En)),
        },
        (None, _) => msg.id.code().to_owned(),
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
        ComponentKind::DataStore => T::KindDataStore,
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

/// A verdict's reach in words, saying what it means where the words alone would mislead: a
/// path from the internet that works is an exposure ("reachable · ⚠ exposed to the
/// internet"), and one that does not is the safe answer.
pub fn verdict_reach(v: &Verdict, lang: Lang) -> String {
    let reach = reach_name(Some(v.reach), lang);
    if v.from != Source::Internet {
        return reach.to_owned();
    }
    let meaning = match v.reach {
        Reach::Reachable => T::OutcomeExposed,
        Reach::Unreachable => T::OutcomeNotExposed,
        Reach::Partial => T::OutcomePartlyExposed,
    };
    format!("{reach} · {}", meaning.get(lang))
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

/// "a", "a and b", "a, b and c" (in Chinese "a、b和c").
pub fn join_list(items: &[String], lang: Lang) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{}{}{last}", init.join(T::FbListSep.get(lang)), T::FbAnd.get(lang)),
    }
}

/// The text of a notice in `lang`.
pub fn notice_text(n: &Notice, lang: Lang) -> String {
    let source = |s: &notice::Source| match s {
        notice::Source::File(name) => fill(T::SourceFile.get(lang), &[("name", name)]),
        notice::Source::Pasted => T::SourcePasted.get(lang).to_owned(),
        notice::Source::Link => T::SourceLink.get(lang).to_owned(),
    };
    let mb = |b: f64| vpc_engine::cost::one_decimal(b / 1_048_576.0);
    match n {
        Notice::SaveFailed => T::NoticeSaveFailed.get(lang).to_owned(),
        Notice::Unreadable { source: s, error } => fill(
            T::NoticeUnreadable.get(lang),
            &[("source", &source(s)), ("error", error)],
        ),
        Notice::FileTooLarge { name, bytes } => fill(
            T::NoticeFileTooLarge.get(lang),
            &[
                ("name", name),
                ("size", &mb(*bytes)),
                ("max", &mb(MAX_FILE_BYTES as f64)),
            ],
        ),
        Notice::NotADesign { source: s, what } => {
            fill(T::NoticeNotADesign.get(lang), &[("source", &source(s)), ("what", what)])
        }
        Notice::LinkDamaged => T::NoticeLinkDamaged.get(lang).to_owned(),
        Notice::LinkAltered => T::NoticeLinkAltered.get(lang).to_owned(),
        Notice::LinkFromNewerVersion { version } => fill(T::NoticeLinkNewer.get(lang), &[("version", version)]),
        Notice::LinkTooLong { chars } => fill(T::NoticeLinkTooLong.get(lang), &[("chars", &chars.to_string())]),
        Notice::LinkTooLarge => fill(T::NoticeLinkTooLarge.get(lang), &[("max", &mb(MAX_LINK_BYTES as f64))]),
        Notice::Opened { name, .. } => fill(T::NoticeOpened.get(lang), &[("name", name)]),
        Notice::NoRoomForNew { name } => fill(T::NoticeNoRoom.get(lang), &[("name", name)]),
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
        Note::SgAttached { sg, component } => {
            fill(T::NoteSgAttached.get(lang), &[("sg", sg), ("component", component)])
        }
        Note::SgAlreadyAttached { sg, component } => fill(
            T::NoteSgAlreadyAttached.get(lang),
            &[("sg", sg), ("component", component)],
        ),
        Note::SgOtherVpc { sg, component } => {
            fill(T::NoteSgOtherVpc.get(lang), &[("sg", sg), ("component", component)])
        }
    }
}

// Native only: the Chinese column (`written_zh`) is compiled natively, never into the wasm.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn every_string_exists_in_both_languages() {
        for t in T::ALL {
            assert!(!t.get(Lang::En).trim().is_empty(), "{t:?} en");
            assert!(!t.written_zh().trim().is_empty(), "{t:?} zh");
        }
    }

    #[test]
    fn placeholders_match_between_languages() {
        fn names(s: &str) -> Vec<&str> {
            let mut v: Vec<&str> = s.split('{').skip(1).filter_map(|p| p.split('}').next()).collect();
            v.sort_unstable();
            v
        }
        for t in T::ALL {
            assert_eq!(names(t.get(Lang::En)), names(t.get(Lang::Zh)), "{t:?}");
        }
    }

    #[test]
    fn engine_sentences_on_screen_are_whole_when_an_argument_is_missing_or_empty() {
        for e in CATALOGUE {
            for args in [vec![], vec![("value", std::sync::Arc::from("")), ("sgs", "".into())]] {
                let msg = Message { id: e.id, args };
                for lang in [Lang::En, Lang::Zh] {
                    let text = message(&msg, lang);
                    assert!(!text.contains(['{', '}']), "{} {lang:?}: {text}", e.id);
                }
            }
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

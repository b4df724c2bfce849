//! The explanation catalogue: every sentence the engine can say.
//!
//! Written in the project's own words (never quoted from AWS), each entry in English and
//! Chinese with the AWS documentation page it rests on. `{name}` placeholders are filled
//! from the message's arguments; the names come from the shared vocabulary in HELPERS.md
//! (`function`, `subnet`, `route_table`, `nat`, `sg`, `port` …) and `tests/catalogue.rs`
//! checks that English and Chinese use exactly the same ones.
//!
//! Reachability Analyzer codes are taken from the AWS page "Reachability Analyzer
//! explanation codes", <https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html>,
//! read as a verbatim copy of the current page ("All content copied from
//! https://docs.aws.amazon.com/") and checked against a second copy; only codes from its
//! "Path is not reachable" and "Configuration" lists are used. Reachability Analyzer does not
//! take a Lambda function as a source, so a code here means "the same cause, as the real tool
//! names it", not "the tool would print this for your function". Entries that describe an
//! allowed hop, a design-validation problem, advice or cost carry no code.
//!
//! Documentation links point at the page named for the rule in `shared/domain/aws-rules.md`.
//! A `#fragment` is added only where the section was confirmed in a copy of the page: the
//! archived AWS sources for the VPC, RDS and Lambda troubleshooting pages, and a verbatim
//! copy of the current Lambda "configuration-vpc" page, whose anchors changed in 2024.

use super::ExplanationId as Id;

/// A Chinese text, compiled in only with the `zh` feature (on by default). The web app builds
/// without it and fetches the Chinese texts when a reader chooses Chinese, so readers of
/// English do not download them; there `zh` and `title_zh` are empty.
#[cfg(feature = "zh")]
macro_rules! zh {
    ($text:literal) => {
        $text
    };
}
#[cfg(not(feature = "zh"))]
macro_rules! zh {
    ($text:literal) => {
        ""
    };
}

/// One catalogue entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub id: Id,
    /// The rule id in `shared/domain/aws-rules.md` (`L6`, `G3`, …) or `V`/`F`/`C` for
    /// validation, findings and cost.
    pub rule: &'static str,
    /// A short title (a few words) in English and Chinese.
    pub title_en: &'static str,
    pub title_zh: &'static str,
    /// The explanation sentence(s). The Chinese ones are empty without the `zh` feature.
    pub en: &'static str,
    pub zh: &'static str,
    /// The AWS documentation page this rests on.
    pub url: &'static str,
    /// The matching AWS Reachability Analyzer explanation code, where one exists.
    pub analyzer_code: Option<&'static str>,
}

// --- Documentation pages ------------------------------------------------------------------

// Lambda Developer Guide. Anchors of configuration-vpc.html are those of the current page.
const LAMBDA_VPC_ATTACHING: &str =
    "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html#configuration-vpc-attaching";
const LAMBDA_VPC_INTERNET_ACCESS: &str =
    "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html#configuration-vpc-internet-access";
const LAMBDA_VPC_IPV6: &str =
    "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html#configuration-vpc-ipv6";
const LAMBDA_VPC_ENIS: &str =
    "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html#configuration-vpc-enis";
const LAMBDA_VPC_INTERNET: &str = "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html";
const LAMBDA_NETWORKING_CONNECTING: &str =
    "https://docs.aws.amazon.com/lambda/latest/dg/foundation-networking.html#foundation-nw-connecting";
const LAMBDA_TROUBLESHOOTING: &str = "https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-networking.html";
const LAMBDA_TROUBLESHOOTING_SERVICES: &str =
    "https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-networking.html#troubleshooting-networking-access";
const LAMBDA_DATABASE: &str = "https://docs.aws.amazon.com/lambda/latest/dg/configuration-database.html";
const LAMBDA_FILESYSTEM: &str = "https://docs.aws.amazon.com/lambda/latest/dg/configuration-filesystem.html";
const EFS_MOUNT_TARGETS: &str = "https://docs.aws.amazon.com/efs/latest/ug/accessing-fs.html";
const LAMBDA_VPC_CONFIG_API: &str = "https://docs.aws.amazon.com/lambda/latest/api/API_VpcConfig.html";

// Amazon VPC User Guide and EC2 API Reference.
const VPC_HOW_IT_WORKS: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/how-it-works.html";
const VPC_CIDR_BLOCKS: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html";
const SUBNETS: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html";
const SUBNET_SIZING: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html";
const VPC_QUOTAS: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html";
const ROUTES: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html#route-table-routes";
const SUBNET_ROUTE_TABLES: &str =
    "https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html#subnet-route-tables";
const LONGEST_PREFIX_MATCH: &str =
    "https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html#route-table-longest-prefix-match";
const ROUTE_STATE: &str = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Route.html";
const APPLIANCE_ROUTING: &str =
    "https://docs.aws.amazon.com/vpc/latest/userguide/route-table-options.html#route-tables-appliance-routing";
const IGW_ACCESS: &str =
    "https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html#vpc-igw-internet-access";
const IGW_ADDRESSES: &str =
    "https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html#ip-addresses-and-nat";
const EIGW_BASICS: &str =
    "https://docs.aws.amazon.com/vpc/latest/userguide/egress-only-internet-gateway.html#egress-only-internet-gateway-basics";
const NAT: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html";
const NAT_BASICS: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html#nat-gateway-basics";
const NAT_NO_INTERNET: &str =
    "https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-troubleshooting.html#nat-gateway-troubleshooting-no-internet-connection";
const VPC_DNS_ATTRIBUTES: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-dns.html#vpc-dns-support";
const SG_BASICS: &str =
    "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html#security-group-basics";
const SG_RULE_CHARACTERISTICS: &str =
    "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html#security-group-rule-characteristics";
const SG_RULE_COMPONENTS: &str =
    "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html#security-group-rule-components";
const SG_REFERENCING: &str =
    "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html#security-group-referencing";
const DEFAULT_SG: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html";
const NACL_BASICS: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html#nacl-basics";
const NACL_RULES: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html#nacl-rules";
const NACL_DEFAULT: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html#default-network-acl";
const NACL_CUSTOM: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html#custom-network-acl";
const NACL_EPHEMERAL: &str =
    "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html#nacl-ephemeral-ports";

// VPC Peering Guide.
const PEERING_BASICS: &str = "https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html";
const PEERING_ROUTING: &str = "https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html";

// AWS PrivateLink Guide (VPC endpoints).
const GATEWAY_ENDPOINTS: &str = "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html";
const INTERFACE_ENDPOINTS: &str =
    "https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html";
const CREATE_INTERFACE_ENDPOINT: &str =
    "https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html";
const ENDPOINT_POLICIES: &str = "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html";

// Amazon RDS, EC2 and service guides.
const RDS_SCENARIOS: &str = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.Scenarios.html";
const RDS_PROXY_CREATING: &str = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy-creating.html";
const RDS_PROXY_PREREQS: &str = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy-network-prereqs.html";
const RDS_SUBNET_GROUPS: &str =
    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Subnets";
const RDS_PUBLIC_ACCESS: &str =
    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding";
const EC2_RESOURCE_IDS: &str = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html";
const EC2_TAGS: &str = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html";
const STS_ENDPOINT: &str = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sts_vpc_endpoint_create.html";
const SQS_ENDPOINT: &str =
    "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-internetwork-traffic-privacy.html";
const S3_DUAL_STACK: &str = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/dual-stack-endpoints.html";

// Prices (aws-rules.md §11).
const VPC_PRICING: &str = "https://aws.amazon.com/vpc/pricing/";

/// Every entry, one per [`ExplanationId`], in the enum's order.
pub static CATALOGUE: &[Entry] = &[
    // --- §1 Lambda placement -------------------------------------------------------------
    Entry {
        id: Id::L2Internet,
        rule: "L2",
        title_en: "Internet by default",
        title_zh: zh!("默认可访问互联网"),
        en: "{function} is not attached to any VPC, so it runs in the network Lambda manages, \
             which already has a way out to the internet. None of your route tables, security \
             groups or network ACLs are on this path.",
        zh: zh!("{function} 没有连接到任何 VPC，因此运行在 Lambda 托管的网络中，而该网络本身就能访问互联网。\
             这条路径不经过你的任何路由表、安全组或网络 ACL。"),
        url: LAMBDA_VPC_INTERNET_ACCESS,
        analyzer_code: None,
    },
    Entry {
        id: Id::L2Services,
        rule: "L2",
        title_en: "AWS APIs on public endpoints",
        title_zh: zh!("通过公有终端节点访问 AWS API"),
        en: "{function} has no VPC configuration, so it calls {service} on its public endpoint \
             through the Lambda-managed network. Your VPC is not involved, and no NAT gateway or \
             VPC endpoint is needed.",
        zh: zh!("{function} 没有 VPC 配置，会经由 Lambda 托管的网络直接调用 {service} 的公有终端节点。\
             整个过程与你的 VPC 无关，也不需要 NAT 网关或 VPC 终端节点。"),
        url: LAMBDA_TROUBLESHOOTING,
        analyzer_code: None,
    },
    Entry {
        id: Id::L3PrivateUnreachable,
        rule: "L3",
        title_en: "Private resources out of reach",
        title_zh: zh!("无法访问私有资源"),
        en: "{function} is not attached to {vpc}, and {target} has only a private address there, \
             so the function cannot reach it: the Lambda-managed network and your VPC are not \
             connected. Attach the function to {vpc} with subnets and a security group.",
        zh: zh!("{function} 没有连接到 {vpc}，而 {target} 在该 VPC 中只有私有地址，\
             Lambda 托管的网络与你的 VPC 之间并不相通，所以无法访问。\
             请为函数配置 {vpc} 中的子网和安全组，把它连接到该 VPC。"),
        url: LAMBDA_NETWORKING_CONNECTING,
        analyzer_code: Some("DISCONNECTED_VPCS"),
    },
    Entry {
        id: Id::L3PublicTarget,
        rule: "L3",
        title_en: "Reached over the internet",
        title_zh: zh!("经由互联网访问"),
        en: "{function} has no VPC configuration, so it reaches {target} like any client on the \
             internet would, at its public address. This only works because {target} is publicly \
             accessible, and its security group still decides which sources get in.",
        zh: zh!("{function} 没有 VPC 配置，它像互联网上的任何客户端一样，通过公有地址访问 {target}。\
             之所以能通，是因为 {target} 可公开访问；哪些来源能进入，仍由其安全组决定。"),
        url: LAMBDA_NETWORKING_CONNECTING,
        analyzer_code: None,
    },
    Entry {
        id: Id::L4HyperplaneEni,
        rule: "L4",
        title_en: "Enters the VPC via a Hyperplane ENI",
        title_zh: zh!("经 Hyperplane ENI 进入 VPC"),
        en: "{function} enters {vpc} through a Hyperplane network interface in {subnet} that \
             carries {sgs}; Lambda makes one per subnet and security-group combination and shares \
             it between functions using the same one. From here on, the subnet's route table, its \
             network ACL and those security groups decide where the traffic may go.",
        zh: zh!("{function} 通过 {subnet} 中带有安全组 {sgs} 的 Hyperplane 网络接口（ENI）进入 {vpc}；\
             Lambda 为每种“子网 + 安全组”组合创建一个这样的接口，并在使用相同组合的函数之间共享。\
             此后流量能去哪里，由该子网的路由表、网络 ACL 和这些安全组决定。"),
        url: LAMBDA_VPC_ENIS,
        analyzer_code: None,
    },
    Entry {
        id: Id::L5NoInternetRoute,
        rule: "L5",
        title_en: "No route out of the VPC",
        title_zh: zh!("没有出 VPC 的路由"),
        en: "{function} is attached to {vpc}, so all its traffic follows the VPC's routes, and \
             {route_table} (used by {subnet}) has no route matching {destination}: the traffic is \
             dropped. Add a default route to a NAT gateway that sits in a public subnet, or use \
             VPC endpoints if the function only needs AWS services.",
        zh: zh!("{function} 已连接到 {vpc}，其全部流量都按 VPC 的路由转发，\
             而 {subnet} 使用的路由表 {route_table} 中没有匹配 {destination} 的路由，流量被丢弃。\
             请添加一条默认路由，指向位于公有子网中的 NAT 网关；如果函数只需调用 AWS 服务，也可以改用 VPC 终端节点。"),
        url: LAMBDA_VPC_INTERNET_ACCESS,
        analyzer_code: Some("NO_ROUTE_TO_DESTINATION"),
    },
    Entry {
        id: Id::L6PublicSubnet,
        rule: "L6",
        title_en: "Public-subnet trap",
        title_zh: zh!("公有子网陷阱"),
        en: "{function} sits in {subnet}, whose route table sends internet traffic straight to \
             {igw}. An internet gateway only translates for resources that own a public IPv4 \
             address, and Lambda's network interfaces only ever get private ones, so the traffic \
             goes nowhere. Put the function in a private subnet whose default route points to a \
             NAT gateway.",
        zh: zh!("{function} 位于 {subnet}，该子网的路由表把互联网流量直接发往 {igw}。\
             互联网网关只为拥有公有 IPv4 地址的资源做地址转换，而 Lambda 的网络接口永远只有私有地址，因此流量出不去。\
             请把函数放到私有子网中，并让该子网的默认路由指向 NAT 网关。"),
        url: LAMBDA_VPC_ATTACHING,
        analyzer_code: Some("IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS"),
    },
    Entry {
        id: Id::L7NatPath,
        rule: "L7",
        title_en: "Out through a NAT gateway",
        title_zh: zh!("经 NAT 网关访问互联网"),
        en: "{function} in {subnet} sends internet traffic to {nat}, which sits in the public \
             subnet {nat_subnet} and passes it to {igw} under its own Elastic IP. This is the \
             standard way to give a VPC-attached function internet access.",
        zh: zh!("{subnet} 中的 {function} 把互联网流量发给 {nat}；该 NAT 网关位于公有子网 {nat_subnet}，\
             以自己的弹性 IP 经 {igw} 转发出去。这是让连接到 VPC 的函数访问互联网的标准做法。"),
        url: LAMBDA_VPC_INTERNET,
        analyzer_code: None,
    },
    Entry {
        id: Id::L8Ipv6Path,
        rule: "L8",
        title_en: "IPv6 out without NAT",
        title_zh: zh!("IPv6 无需 NAT 即可出站"),
        en: "{function} may use IPv6 and all its subnets are dual-stack, so IPv6 traffic from \
             {subnet} leaves by {route}. IPv6 addresses need no NAT; an egress-only internet \
             gateway lets the replies in but refuses connections started from the internet.",
        zh: zh!("{function} 已允许 IPv6，且所有子网都是双栈子网，因此来自 {subnet} 的 IPv6 流量按路由 {route} 出站。\
             IPv6 地址不需要 NAT；仅出口互联网网关会放行返回流量，但拒绝从互联网发起的连接。"),
        url: LAMBDA_VPC_INTERNET,
        analyzer_code: None,
    },
    Entry {
        id: Id::L8Ipv6Disabled,
        rule: "L8",
        title_en: "IPv6 turned off",
        title_zh: zh!("未启用 IPv6"),
        en: "{function} does not allow IPv6 traffic (Ipv6AllowedForDualStack is off, which is the \
             default), so it has no IPv6 path even in dual-stack subnets. Turn the option on if \
             the function should reach IPv6 destinations.",
        zh: zh!("{function} 没有允许 IPv6 流量（Ipv6AllowedForDualStack 处于关闭状态，这也是默认值），\
             因此即使位于双栈子网也没有 IPv6 路径。如需访问 IPv6 目标，请开启该选项。"),
        url: LAMBDA_VPC_IPV6,
        analyzer_code: None,
    },
    Entry {
        id: Id::L8NotInVpc,
        rule: "L8",
        title_en: "No IPv6 outside a VPC",
        title_zh: zh!("VPC 之外没有 IPv6"),
        en: "{function} is not attached to a VPC, and Lambda makes no outbound IPv6 connections \
             for functions outside a VPC.",
        zh: zh!("{function} 没有连接到 VPC，而 Lambda 不为 VPC 之外的函数建立出站 IPv6 连接。"),
        url: LAMBDA_VPC_IPV6,
        analyzer_code: None,
    },
    Entry {
        id: Id::L8NotDualStack,
        rule: "L8",
        title_en: "Not every subnet is dual-stack",
        title_zh: zh!("并非所有子网都是双栈"),
        en: "{function} asks for IPv6, but {subnets} have no IPv6 CIDR block, and Lambda only \
             sends IPv6 when every subnet of the function is dual-stack. Add IPv6 blocks to those \
             subnets, or take them out of the function's configuration.",
        zh: zh!("{function} 要求使用 IPv6，但子网 {subnets} 没有 IPv6 CIDR 块，而只有当函数的所有子网都是双栈子网时，Lambda 才会发出 IPv6 流量。\
             请为这些子网添加 IPv6 CIDR 块，或将它们从函数配置中移除。"),
        url: LAMBDA_VPC_IPV6,
        analyzer_code: None,
    },
    Entry {
        id: Id::L8NoIpv6Route,
        rule: "L8",
        title_en: "No IPv6 default route",
        title_zh: zh!("缺少 IPv6 默认路由"),
        en: "{route_table}, used by {subnet}, has no ::/0 route to an egress-only or internet \
             gateway, so IPv6 traffic from {function} has nowhere to go (0.0.0.0/0 covers IPv4 \
             only). Add a ::/0 route to an egress-only internet gateway.",
        zh: zh!("{subnet} 使用的路由表 {route_table} 中没有指向仅出口互联网网关或互联网网关的 ::/0 路由，\
             {function} 的 IPv6 流量无处可去（0.0.0.0/0 只覆盖 IPv4）。请添加一条指向仅出口互联网网关的 ::/0 路由。"),
        url: LAMBDA_VPC_INTERNET,
        analyzer_code: Some("NO_ROUTE_TO_DESTINATION"),
    },
    Entry {
        id: Id::L9ServiceNeedsPath,
        rule: "L9",
        title_en: "AWS APIs need NAT or an endpoint",
        title_zh: zh!("访问 AWS API 需要 NAT 或终端节点"),
        en: "{service} answers on a public endpoint, and from inside {vpc} {function} has no way \
             there: neither a route through a NAT gateway nor a VPC endpoint for the service, so \
             its calls time out. Add a VPC endpoint for {service} (a free gateway endpoint for S3 \
             and DynamoDB), or route the subnet through a NAT gateway.",
        zh: zh!("{service} 的 API 位于公有终端节点，而 {vpc} 内的 {function} 没有通往它的路径：\
             既没有经 NAT 网关的路由，也没有该服务的 VPC 终端节点，调用会超时。\
             请为 {service} 创建 VPC 终端节点（S3 和 DynamoDB 可用免费的网关终端节点），或让子网经 NAT 网关出站。"),
        url: LAMBDA_TROUBLESHOOTING_SERVICES,
        analyzer_code: None,
    },
    Entry {
        id: Id::L10NoInboundNeeded,
        rule: "L10",
        title_en: "No inbound rules needed",
        title_zh: zh!("无需入站规则"),
        en: "{sg} on {function} needs no inbound rules. Nothing in the VPC can open a connection \
             to a function through its network interface (invocations arrive through the Lambda \
             API), and replies to the function's own requests come back because security groups \
             are stateful.",
        zh: zh!("{function} 的安全组 {sg} 不需要任何入站规则。\
             VPC 中的任何资源都无法通过网络接口主动连接函数（调用经由 Lambda API 到达），\
             而函数自身请求的返回流量会因安全组有状态而被自动放行。"),
        url: LAMBDA_NETWORKING_CONNECTING,
        analyzer_code: None,
    },
    Entry {
        id: Id::L11DedicatedTenancy,
        rule: "L11",
        title_en: "Dedicated-tenancy VPC",
        title_zh: zh!("专用租赁 VPC"),
        en: "{vpc} uses dedicated instance tenancy, and Lambda cannot attach functions to such a \
             VPC, so {function} cannot be placed there. Attach the function to a default-tenancy \
             VPC and peer that VPC with {vpc} to reach its resources.",
        zh: zh!("{vpc} 使用专用实例租赁（dedicated tenancy），Lambda 无法把函数连接到这类 VPC，因此 {function} 不能放在其中。\
             请把函数连接到默认租赁的 VPC，再通过对等连接与 {vpc} 互通，以访问其中的资源。"),
        url: LAMBDA_VPC_ATTACHING,
        analyzer_code: None,
    },
    Entry {
        id: Id::L11TooManySubnets,
        rule: "L11",
        title_en: "Too many subnets",
        title_zh: zh!("子网过多"),
        en: "{function} lists {count} subnets, but a Lambda VPC configuration accepts at most \
             {limit}. One or two subnets per Availability Zone are enough; remove the rest.",
        zh: zh!("{function} 配置了 {count} 个子网，而 Lambda 的 VPC 配置最多只接受 {limit} 个。\
             每个可用区保留一到两个子网就足够了，请移除其余的子网。"),
        url: LAMBDA_VPC_CONFIG_API,
        analyzer_code: None,
    },
    Entry {
        id: Id::L11TooManySecurityGroups,
        rule: "L11",
        title_en: "Too many security groups",
        title_zh: zh!("安全组过多"),
        en: "{function} lists {count} security groups, but a Lambda VPC configuration accepts at \
             most {limit}. Merge their rules into fewer groups.",
        zh: zh!("{function} 配置了 {count} 个安全组，而 Lambda 的 VPC 配置最多只接受 {limit} 个。\
             请把这些规则合并到更少的安全组中。"),
        url: LAMBDA_VPC_CONFIG_API,
        analyzer_code: None,
    },
    // --- §2 Route tables -----------------------------------------------------------------
    Entry {
        id: Id::R1LocalRoute,
        rule: "R1",
        title_en: "Local route",
        title_zh: zh!("本地路由"),
        en: "{destination} lies inside {vpc}, so {route_table} delivers it with the local route \
             that every route table has. No gateway is involved; only security groups and \
             network ACLs can still stop it.",
        zh: zh!("{destination} 位于 {vpc} 内部，{route_table} 通过每个路由表都自带的本地路由（local）直接送达，\
             不经过任何网关；此时只有安全组和网络 ACL 还可能拦截。"),
        url: ROUTES,
        analyzer_code: None,
    },
    Entry {
        id: Id::R2MainTable,
        rule: "R2",
        title_en: "Main route table",
        title_zh: zh!("主路由表"),
        en: "{subnet} has no route table of its own, so it uses {route_table}, the main route \
             table of {vpc}. Every subnet without an explicit association follows the main table, \
             so a change there affects all of them.",
        zh: zh!("{subnet} 没有显式关联路由表，因此使用 {vpc} 的主路由表 {route_table}。\
             所有未显式关联的子网都遵循主路由表，修改它会影响所有这些子网。"),
        url: SUBNET_ROUTE_TABLES,
        analyzer_code: None,
    },
    Entry {
        id: Id::R3LongestPrefix,
        rule: "R3",
        title_en: "Most specific route wins",
        title_zh: zh!("最长前缀匹配"),
        en: "Several routes in {route_table} match {destination}; the most specific one, {route}, \
             is used. Broad routes such as 0.0.0.0/0 only apply when nothing narrower matches.",
        zh: zh!("{route_table} 中有多条路由匹配 {destination}，最终采用前缀最长（最具体）的 {route}。\
             0.0.0.0/0 这类宽泛的路由只在没有更具体的路由匹配时才生效。"),
        url: LONGEST_PREFIX_MATCH,
        analyzer_code: None,
    },
    Entry {
        id: Id::R3RouteMatches,
        rule: "R3",
        title_en: "The matching route",
        title_zh: zh!("匹配的路由"),
        en: "{route} is the one route in {route_table} that matches {destination}, so it is used.",
        zh: zh!("{route} 是 {route_table} 中唯一匹配 {destination} 的路由，因此被采用。"),
        url: LONGEST_PREFIX_MATCH,
        analyzer_code: None,
    },
    Entry {
        id: Id::R3NoRoute,
        rule: "R3",
        title_en: "No matching route",
        title_zh: zh!("没有匹配的路由"),
        en: "No route in {route_table} matches {destination}, so traffic from {subnet} is \
             dropped. IPv4 and IPv6 are looked up separately, and 0.0.0.0/0 does not cover IPv6. \
             Add a route for {destination} to a suitable target.",
        zh: zh!("{route_table} 中没有任何路由匹配 {destination}，来自 {subnet} 的流量被丢弃。\
             IPv4 和 IPv6 分别查找路由，0.0.0.0/0 并不包含 IPv6。请为 {destination} 添加一条指向合适目标的路由。"),
        url: LONGEST_PREFIX_MATCH,
        analyzer_code: Some("NO_ROUTE_TO_DESTINATION"),
    },
    Entry {
        id: Id::R5Blackhole,
        rule: "R5",
        title_en: "Blackhole route",
        title_zh: zh!("黑洞路由"),
        en: "The best match in {route_table} is {route}, but its target no longer exists or is \
             not attached to {vpc}, so the route is a blackhole and the traffic is dropped rather \
             than handed to a broader route. Point the route at a working target, or delete it.",
        zh: zh!("{route_table} 中的最佳匹配是 {route}，但其目标已不存在或未连接到 {vpc}，该路由处于黑洞（blackhole）状态，\
             流量被直接丢弃，而不会改走更宽泛的路由。请把该路由指向可用的目标，或将其删除。"),
        url: ROUTE_STATE,
        analyzer_code: Some("BAD_STATE_ROUTE"),
    },
    Entry {
        id: Id::R6PrefixListRoute,
        rule: "R6",
        title_en: "Endpoint route beats the default route",
        title_zh: zh!("终端节点路由优先于默认路由"),
        en: "{route_table} holds a prefix-list route for {service} to {endpoint}. The prefix list \
             is more specific than 0.0.0.0/0, so traffic to {service} in this Region takes the \
             endpoint, whatever the default route points at.",
        zh: zh!("{route_table} 中有一条以 {service} 前缀列表为目标地址、指向 {endpoint} 的路由。\
             前缀列表比 0.0.0.0/0 更具体，因此发往本区域 {service} 的流量都会走该终端节点，而不管默认路由指向哪里。"),
        url: GATEWAY_ENDPOINTS,
        analyzer_code: None,
    },
    Entry {
        id: Id::FPeeringNotTransitive,
        rule: "F",
        title_en: "Peering does not pass traffic on",
        title_zh: zh!("对等连接不转发流量"),
        en: "The route sends {destination} to {peering}, but a peering connection only delivers to \
             addresses inside the peer VPC. It does not carry traffic on to the internet, to a gateway \
             of the peer VPC or to a third VPC, so send {destination} through a gateway of this VPC, or \
             peer directly with the VPC you want to reach.",
        zh: zh!("该路由把 {destination} 发往 {peering}，但对等连接只把流量送到对端 VPC 内部的地址。\
             它不会把流量继续转发到互联网、对端 VPC 的网关或第三个 VPC；\
             请让 {destination} 经本 VPC 自己的网关出去，或直接与要访问的 VPC 建立对等连接。"),
        url: PEERING_BASICS,
        analyzer_code: Some("PCX_REQUIRES_ADDRESS_IN_VPC_CIDR"),
    },
    Entry {
        id: Id::FApplianceRoute,
        rule: "F",
        title_en: "Route into an appliance",
        title_zh: zh!("路由指向网络设备"),
        en: "{route_table} sends {destination} to {component} with the route {route}: a network \
             interface or instance acting as an appliance, such as a firewall or NAT instance. What \
             happens next depends on the software running there, which the playground does not model, \
             so this path is left undecided.",
        zh: zh!("{route_table} 通过路由 {route} 把 {destination} 发往 {component}，即充当网络设备（如防火墙或 NAT 实例）的网络接口或实例。\
             之后的走向取决于其中运行的软件，本工具不模拟这部分，因此这条路径无法判定。"),
        url: APPLIANCE_ROUTING,
        analyzer_code: None,
    },
    // --- §3 Gateways ---------------------------------------------------------------------
    Entry {
        id: Id::G1InternetGateway,
        rule: "G1",
        title_en: "Through the internet gateway",
        title_zh: zh!("经互联网网关出入"),
        en: "{route_table} sends {destination} to {igw}, which is attached to {vpc}. The internet \
             gateway swaps a sender's private IPv4 address for its public one (IPv6 passes \
             unchanged), so it serves resources that have a public address, such as a NAT \
             gateway with its Elastic IP.",
        zh: zh!("{route_table} 把 {destination} 发往已连接到 {vpc} 的 {igw}。\
             互联网网关会把发送方的私有 IPv4 地址换成对应的公有地址（IPv6 原样通过），\
             因此只为拥有公有地址的资源服务，例如带弹性 IP 的 NAT 网关。"),
        url: IGW_ACCESS,
        analyzer_code: None,
    },
    Entry {
        id: Id::G1NotAttached,
        rule: "G1",
        title_en: "Internet gateway not attached",
        title_zh: zh!("互联网网关未连接到 VPC"),
        en: "{igw} is not attached to {vpc}, so routes pointing to it are blackholes and nothing \
             gets through it. Attach the internet gateway to the VPC.",
        zh: zh!("{igw} 没有连接（attach）到 {vpc}，指向它的路由都是黑洞，任何流量都无法经它通过。\
             请把该互联网网关连接到这个 VPC。"),
        url: IGW_ACCESS,
        analyzer_code: Some("BAD_STATE_ROUTE"),
    },
    Entry {
        id: Id::G1NoPublicIp,
        rule: "G1",
        title_en: "No public IP address",
        title_zh: zh!("没有公有 IP 地址"),
        en: "{target} has neither a public IPv4 address nor an Elastic IP, so {igw} has no public \
             address to map it to and internet traffic cannot pass in either direction. Give it a \
             public IP or an Elastic IP, or keep it private and let it go out through a NAT \
             gateway.",
        zh: zh!("{target} 既没有公有 IPv4 地址，也没有弹性 IP，{igw} 没有可映射的公有地址，互联网流量双向都无法通过。\
             请为它分配公有 IP 或弹性 IP；或者保持私有，让它经 NAT 网关出站。"),
        url: IGW_ADDRESSES,
        analyzer_code: Some("IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS"),
    },
    Entry {
        id: Id::G1NoInternetGateway,
        rule: "G1",
        title_en: "VPC without an internet gateway",
        title_zh: zh!("VPC 没有互联网网关"),
        en: "{vpc} has no internet gateway, so nothing on the internet can open a connection to \
             {target} on port {port}, whatever its address or security group. Only an internet \
             gateway attached to the VPC, with a route to it from the target's subnet, lets traffic \
             in.",
        zh: zh!("{vpc} 没有互联网网关，因此无论 {target} 的地址或安全组如何，互联网上都无法向它的端口 {port} 发起连接。\
             只有连接到该 VPC 的互联网网关，再加上目标所在子网中指向它的路由，才能让流量进入。"),
        url: IGW_ACCESS,
        analyzer_code: None,
    },
    Entry {
        id: Id::G2EgressOnly,
        rule: "G2",
        title_en: "Egress-only internet gateway",
        title_zh: zh!("仅出口互联网网关"),
        en: "{eigw} carries IPv6 only, and only for connections started inside {vpc}: replies \
             come back, but nothing on the internet can open a connection inward. It does \
             nothing for IPv4, which needs a NAT gateway.",
        zh: zh!("{eigw} 只承载 IPv6 流量，并且只允许从 {vpc} 内部发起的连接：返回流量可以进来，但互联网上的主机无法主动向内建立连接。\
             它对 IPv4 不起作用，IPv4 需要 NAT 网关。"),
        url: EIGW_BASICS,
        analyzer_code: None,
    },
    Entry {
        id: Id::G3NatGateway,
        rule: "G3",
        title_en: "NAT gateway",
        title_zh: zh!("NAT 网关"),
        en: "{nat} in {nat_subnet} replaces the sender's private address with its Elastic IP and \
             hands the traffic to {igw}. Replies come back through it, but nobody on the internet \
             can start a connection to what sits behind it.",
        zh: zh!("位于 {nat_subnet} 的 {nat} 把发送方的私有地址替换为自己的弹性 IP，再交给 {igw} 转发。\
             返回流量经它回来，但互联网上的任何人都无法主动连接它后面的资源。"),
        url: NAT_BASICS,
        analyzer_code: None,
    },
    Entry {
        id: Id::G3NatInPrivateSubnet,
        rule: "G3",
        title_en: "NAT gateway in a private subnet",
        title_zh: zh!("NAT 网关位于私有子网"),
        en: "{nat} sits in {nat_subnet}, whose route table has no route to an internet gateway, \
             so the traffic it forwards cannot leave the VPC. A public NAT gateway must live in a \
             public subnet (one whose route table sends 0.0.0.0/0 to an internet gateway), \
             separate from the function's private subnets.",
        zh: zh!("{nat} 位于 {nat_subnet}，而该子网的路由表没有指向互联网网关的路由，因此它转发的流量出不了 VPC。\
             公有 NAT 网关必须放在公有子网中（路由表把 0.0.0.0/0 指向互联网网关的子网），并与函数所在的私有子网分开。"),
        url: NAT_NO_INTERNET,
        analyzer_code: Some("NO_ROUTE_TO_DESTINATION"),
    },
    Entry {
        id: Id::G3NatWithoutEip,
        rule: "G3",
        title_en: "NAT gateway without an Elastic IP",
        title_zh: zh!("NAT 网关没有弹性 IP"),
        en: "{nat} is a public NAT gateway without an Elastic IP, so it has no public address to \
             put on outgoing traffic and the internet gateway drops it. Associate an Elastic IP \
             with it; AWS asks for one when a public NAT gateway is created.",
        zh: zh!("{nat} 是公有 NAT 网关，却没有弹性 IP，出站流量没有可用的公有地址，会被互联网网关丢弃。\
             请为它关联一个弹性 IP；AWS 在创建公有 NAT 网关时就要求指定。"),
        url: NAT,
        analyzer_code: Some("IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS"),
    },
    Entry {
        id: Id::G4PrivateNat,
        rule: "G4",
        title_en: "Private NAT gateway",
        title_zh: zh!("私有 NAT 网关"),
        en: "{nat} has private connectivity: it serves traffic to other VPCs or on-premises \
             networks and cannot have an Elastic IP, so an internet gateway drops whatever it \
             sends. Use a public NAT gateway for internet access.",
        zh: zh!("{nat} 是私有连接类型的 NAT 网关，用于访问其他 VPC 或本地网络，不能关联弹性 IP，\
             因此它发往互联网网关的流量都会被丢弃。如需访问互联网，请使用公有 NAT 网关。"),
        url: NAT,
        analyzer_code: Some("IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS"),
    },
    Entry {
        id: Id::G5NatCrossAz,
        rule: "G5",
        title_en: "NAT gateway in another AZ",
        title_zh: zh!("NAT 网关位于其他可用区"),
        en: "{subnets} in {azs} send internet traffic to {nat} in {az}. That works, but if {az} \
             fails those subnets lose internet access, and traffic between zones is billed. \
             Create a NAT gateway in each Availability Zone and point each zone's private route \
             table at its own.",
        zh: zh!("位于 {azs} 的子网 {subnets} 把互联网流量发往 {az} 中的 {nat}。\
             这样可以工作，但一旦 {az} 发生故障，这些子网就会失去互联网访问，而且跨可用区的流量还要额外计费。\
             请在每个可用区各建一个 NAT 网关，并让各可用区的私有路由表指向本区的 NAT 网关。"),
        url: NAT_BASICS,
        analyzer_code: None,
    },
    // --- §4 VPC endpoints ----------------------------------------------------------------
    Entry {
        id: Id::E1GatewayEndpoint,
        rule: "E1",
        title_en: "Gateway endpoint",
        title_zh: zh!("网关终端节点"),
        en: "Traffic from {subnet} to {service} takes {endpoint}, a gateway endpoint listed in \
             {route_table}. It stays on the AWS network, needs no NAT gateway or internet \
             gateway, and gateway endpoints cost nothing.",
        zh: zh!("{subnet} 发往 {service} 的流量经由 {route_table} 中的网关终端节点 {endpoint}，\
             始终在 AWS 网络内传输，不需要 NAT 网关或互联网网关，而且网关终端节点不收费。"),
        url: GATEWAY_ENDPOINTS,
        analyzer_code: None,
    },
    Entry {
        id: Id::E1GatewayUnsupported,
        rule: "E1",
        title_en: "No gateway endpoint for this service",
        title_zh: zh!("该服务不支持网关终端节点"),
        en: "{endpoint} is a gateway endpoint for {service}, but gateway endpoints exist only for \
             Amazon S3 and DynamoDB. Create an interface endpoint for {service} instead.",
        zh: zh!("{endpoint} 被设为 {service} 的网关终端节点，但网关终端节点只支持 Amazon S3 和 DynamoDB。\
             请改为 {service} 创建接口终端节点。"),
        url: GATEWAY_ENDPOINTS,
        analyzer_code: None,
    },
    Entry {
        id: Id::E2NotAssociated,
        rule: "E2",
        title_en: "Endpoint not on this route table",
        title_zh: zh!("终端节点未关联此路由表"),
        en: "{endpoint} exists for {service}, but {route_table}, used by {subnet}, is not \
             associated with it, so this subnet ignores the endpoint and heads for the public \
             endpoint by its other routes. Associate {route_table} with {endpoint}.",
        zh: zh!("{service} 已有终端节点 {endpoint}，但 {subnet} 使用的路由表 {route_table} 没有与它关联，\
             因此该子网不会使用它，而是按其他路由去访问公有终端节点。请把 {route_table} 关联到 {endpoint}。"),
        url: GATEWAY_ENDPOINTS,
        analyzer_code: None,
    },
    Entry {
        id: Id::E3FiltersApply,
        rule: "E3",
        title_en: "Filters still apply",
        title_zh: zh!("安全组和网络 ACL 依然生效"),
        en: "Going through {endpoint} does not skip filtering: {function} still talks to the \
             public addresses of {service}, so its security groups must allow HTTPS out to them \
             (the service's prefix list can be named) and the network ACL of {subnet} must allow \
             the service's address ranges both ways, written as CIDRs because network ACLs cannot \
             name prefix lists.",
        zh: zh!("经由 {endpoint} 并不会跳过过滤：{function} 访问的仍是 {service} 的公有地址，\
             因此其安全组必须允许到这些地址的出站 HTTPS（可以直接引用该服务的前缀列表），\
             {subnet} 的网络 ACL 也必须双向放行该服务的地址段，并且要写成 CIDR，因为网络 ACL 不能引用前缀列表。"),
        url: GATEWAY_ENDPOINTS,
        analyzer_code: None,
    },
    Entry {
        id: Id::E5InterfaceEndpoint,
        rule: "E5",
        title_en: "Interface endpoint",
        title_zh: zh!("接口终端节点"),
        en: "{function} reaches {service} through {endpoint}: private DNS resolves the service's \
             usual hostname to the endpoint's network interfaces in {subnets}, and the local \
             route carries the traffic there without it ever leaving {vpc}.",
        zh: zh!("{function} 经由 {endpoint} 访问 {service}：私有 DNS 把服务的常规域名解析到该终端节点在 {subnets} 中的网络接口，\
             再由本地路由送达，流量始终不离开 {vpc}。"),
        url: INTERFACE_ENDPOINTS,
        analyzer_code: None,
    },
    Entry {
        id: Id::E5AnyInterface,
        rule: "E5",
        title_en: "Every interface of the endpoint",
        title_zh: zh!("终端节点的每个网络接口"),
        en: "Private DNS answers with every interface of {endpoint} ({subnets}), not only the one \
             in the caller's AZ, so {function} uses any of them. Calls that pick the one in \
             {subnet} fail where this path stops.",
        zh: zh!("私有 DNS 用 {endpoint} 的全部网络接口（{subnets}）作答，而不只是调用方所在可用区的那一个，因此 {function} 可能使用其中任意一个。\
             选中 {subnet} 中那个接口的调用会在此路径中断处失败。"),
        url: INTERFACE_ENDPOINTS,
        analyzer_code: None,
    },
    Entry {
        id: Id::E5AzCoverage,
        rule: "E5",
        title_en: "Endpoint missing in some AZs",
        title_zh: zh!("部分可用区缺少终端节点"),
        en: "{endpoint} has network interfaces only in {azs}, while {function} also runs in {az}. \
             Calls from {az} still cross over to another zone, but they lose the endpoint if that \
             zone fails. Add a subnet in {az} to the endpoint.",
        zh: zh!("{endpoint} 只在 {azs} 中有网络接口，而 {function} 还运行在 {az}。\
             来自 {az} 的调用仍可跨可用区访问，但一旦终端节点所在的可用区发生故障就会中断。请为该终端节点添加位于 {az} 的子网。"),
        url: INTERFACE_ENDPOINTS,
        analyzer_code: None,
    },
    Entry {
        id: Id::E5OneSubnetPerAz,
        rule: "E5",
        title_en: "One subnet per AZ",
        title_zh: zh!("每个可用区只能选一个子网"),
        en: "{endpoint} lists both {subnet} and {other}, which are in the same Availability Zone \
             {az}. An interface endpoint takes at most one subnet per zone; keep one of them.",
        zh: zh!("{endpoint} 同时选择了 {subnet} 和 {other}，二者都位于可用区 {az}。\
             接口终端节点在每个可用区最多只能选择一个子网，请只保留其中一个。"),
        url: INTERFACE_ENDPOINTS,
        analyzer_code: None,
    },
    Entry {
        id: Id::E6PrivateDnsOff,
        rule: "E6",
        title_en: "Private DNS is off",
        title_zh: zh!("未启用私有 DNS"),
        en: "{endpoint} has private DNS turned off, so the usual hostname of {service} still \
             resolves to public addresses and calls from {function} go around the endpoint. Turn \
             private DNS on for the endpoint, or point the SDK at the endpoint's own DNS name.",
        zh: zh!("{endpoint} 未启用私有 DNS，{service} 的常规域名仍解析为公有地址，{function} 的调用会绕过该终端节点。\
             请为该终端节点启用私有 DNS，或在 SDK 中改用终端节点自己的 DNS 名称。"),
        url: INTERFACE_ENDPOINTS,
        analyzer_code: None,
    },
    Entry {
        id: Id::E6DnsAttributes,
        rule: "E6",
        title_en: "VPC DNS attributes off",
        title_zh: zh!("VPC DNS 属性未开启"),
        en: "Private DNS for {endpoint} needs both DNS resolution (enableDnsSupport) and DNS \
             hostnames (enableDnsHostnames) turned on in {vpc}. {field} is off, so {service} still \
             resolves to public addresses; turn both attributes on.",
        zh: zh!("{endpoint} 的私有 DNS 要求 {vpc} 同时开启 DNS 解析（enableDnsSupport）和 DNS 主机名（enableDnsHostnames）。\
             目前 {field} 处于关闭状态，{service} 仍解析为公有地址，请同时开启这两个属性。"),
        url: VPC_DNS_ATTRIBUTES,
        analyzer_code: None,
    },
    Entry {
        id: Id::E7EndpointSg,
        rule: "E7",
        title_en: "Endpoint security group blocks HTTPS",
        title_zh: zh!("终端节点安全组未放行 HTTPS"),
        en: "The security groups of {endpoint} ({sgs}) have no inbound rule allowing HTTPS (TCP \
             443) from {function}, so its calls to {service} time out. Add an inbound rule for \
             TCP 443 whose source is the function's security group or its subnets' CIDR blocks.",
        zh: zh!("{endpoint} 的安全组（{sgs}）中没有允许来自 {function} 的 HTTPS（TCP 443）入站规则，函数调用 {service} 会超时。\
             请添加一条 TCP 443 入站规则，源设为函数的安全组或其子网的 CIDR 块。"),
        url: CREATE_INTERFACE_ENDPOINT,
        analyzer_code: Some("ENI_SG_RULES_MISMATCH"),
    },
    Entry {
        id: Id::E8PolicyDenies,
        rule: "E8",
        title_en: "Endpoint policy denies",
        title_zh: zh!("终端节点策略拒绝访问"),
        en: "The network path from {function} through {endpoint} to {service} is open, but the \
             endpoint policy denies the request, so the call fails with an access-denied error \
             instead of a timeout. Allow the action in the endpoint policy; the function's IAM \
             role and any resource policy must allow it as well.",
        zh: zh!("{function} 经 {endpoint} 到 {service} 的网络路径是通的，但终端节点策略拒绝了该请求，\
             因此调用会返回拒绝访问（AccessDenied）错误，而不是超时。\
             请在终端节点策略中允许该操作；函数的 IAM 角色以及相关的资源策略也必须允许。"),
        url: ENDPOINT_POLICIES,
        analyzer_code: None,
    },
    // --- §5 Security groups --------------------------------------------------------------
    Entry {
        id: Id::S1Stateful,
        rule: "S1",
        title_en: "Stateful: replies come back",
        title_zh: zh!("有状态：返回流量自动放行"),
        en: "Security groups are stateful: once {sg} lets a connection through, its replies are \
             let back automatically, whatever the rules for the other direction say.",
        zh: zh!("安全组是有状态的：{sg} 一旦放行了某个连接，其返回流量就会被自动放行，与另一方向的规则无关。"),
        url: SG_BASICS,
        analyzer_code: None,
    },
    Entry {
        id: Id::S1Allowed,
        rule: "S1",
        title_en: "Security group allows",
        title_zh: zh!("安全组放行"),
        en: "{sg} has a rule allowing {protocol} on port {port} for this traffic, so the hop \
             passes. The rules of all security groups on an interface add up, and one matching \
             rule is enough.",
        zh: zh!("{sg} 中有一条规则允许端口 {port} 上的 {protocol} 流量，此跳通过。\
             同一网络接口上所有安全组的规则合并生效，只要有一条匹配即可。"),
        url: SG_BASICS,
        analyzer_code: None,
    },
    Entry {
        id: Id::S2NoOutbound,
        rule: "S2",
        title_en: "No outbound rule",
        title_zh: zh!("没有出站规则"),
        en: "None of {sgs} has an outbound rule allowing {protocol} port {port} to {target}, so \
             the traffic never leaves {function}. A new security group allows all outbound \
             traffic; here that rule was removed or narrowed. Add an outbound rule for port \
             {port} to {target}.",
        zh: zh!("{sgs} 中没有任何出站规则允许发往 {target} 的 {protocol} 端口 {port} 流量，因此流量根本出不了 {function}。\
             新建的安全组默认允许所有出站流量，这里该规则已被删除或收窄。请添加一条到 {target} 端口 {port} 的出站规则。"),
        url: SG_RULE_CHARACTERISTICS,
        analyzer_code: Some("ENI_SG_RULES_MISMATCH"),
    },
    Entry {
        id: Id::S2NoInbound,
        rule: "S2",
        title_en: "No inbound rule",
        title_zh: zh!("没有入站规则"),
        en: "None of {sgs} on {target} has an inbound rule allowing {protocol} port {port} from \
             this source, so the traffic is dropped: a security group lets nothing in until a \
             rule allows it. Add an inbound rule for port {port} whose source is the caller's \
             security group or address range.",
        zh: zh!("{target} 的安全组 {sgs} 中没有任何入站规则允许来自该来源的 {protocol} 端口 {port} 流量，流量被丢弃：\
             在添加规则之前，安全组不放行任何入站流量。请添加一条端口 {port} 的入站规则，源设为调用方的安全组或地址段。"),
        url: SG_RULE_CHARACTERISTICS,
        analyzer_code: Some("ENI_SG_RULES_MISMATCH"),
    },
    Entry {
        id: Id::S3GroupReference,
        rule: "S3",
        title_en: "Rule names a security group",
        title_zh: zh!("规则引用了安全组"),
        en: "A rule in {sg} names {other} as its peer, which matches the private addresses of \
             everything carrying {other}, including the Hyperplane interfaces of functions that \
             use it; traffic from a public or NAT-translated address never matches it. Both \
             groups must be in the same VPC or in peered VPCs.",
        zh: zh!("{sg} 中的一条规则以安全组 {other} 作为对端，它匹配所有关联了 {other} 的资源的私有地址，\
             包括使用该安全组的函数的 Hyperplane 网络接口；来自公有地址或经 NAT 转换后的流量永远不会匹配。\
             两个安全组必须位于同一 VPC，或位于已建立对等连接的 VPC 中。"),
        url: SG_REFERENCING,
        analyzer_code: None,
    },
    Entry {
        id: Id::S4SelfReference,
        rule: "S4",
        title_en: "Self-referencing security group",
        title_zh: zh!("自引用安全组"),
        en: "{sg} allows inbound traffic from its own members, and both {function} and {target} \
             carry it, so they can reach each other on the ports that rule opens. This is the \
             simple shared-group pattern; a group per tier with only the database port open is \
             tighter.",
        zh: zh!("{sg} 允许来自自身成员的入站流量，而 {function} 和 {target} 都关联了它，因此二者可以在该规则放行的端口上互访。\
             这是最简单的共享安全组做法；更严格的做法是每一层使用独立的安全组，并且只放行数据库端口。"),
        url: DEFAULT_SG,
        analyzer_code: None,
    },
    Entry {
        id: Id::S5DbAllowsFunction,
        rule: "S5",
        title_en: "Database admits the function",
        title_zh: zh!("数据库安全组放行函数"),
        en: "{sg} on {target} allows port {port} from {other}, a security group of {function}, \
             so the function can connect. Naming the caller's security group rather than its \
             addresses is the recommended pattern.",
        zh: zh!("{target} 的安全组 {sg} 允许来自 {other}（{function} 的安全组）的端口 {port} 流量，因此函数可以连接。\
             引用调用方的安全组而不是写死地址，是推荐的做法。"),
        url: RDS_SCENARIOS,
        analyzer_code: None,
    },
    Entry {
        id: Id::S5DbDeniesFunction,
        rule: "S5",
        title_en: "Database shuts out the function",
        title_zh: zh!("数据库安全组未放行函数"),
        en: "No inbound rule of {sgs} on {target} allows port {port} from {function}, neither by \
             its security groups nor by its subnets' addresses, so the connection times out. Add \
             an inbound rule to the database's security group: TCP {port}, source the function's \
             security group.",
        zh: zh!("{target} 的安全组 {sgs} 中没有任何入站规则允许来自 {function} 的端口 {port} 流量\
             （既没有引用其安全组，也没有包含其子网地址），连接会超时。\
             请在数据库的安全组中添加入站规则：TCP {port}，源为函数的安全组。"),
        url: RDS_SCENARIOS,
        analyzer_code: Some("ENI_SG_RULES_MISMATCH"),
    },
    Entry {
        id: Id::S5StoreAllowsFunction,
        rule: "S5",
        title_en: "Data store admits the function",
        title_zh: zh!("数据存储的安全组放行函数"),
        en: "{sg} on {target} allows port {port} from {other}, a security group of {function}, \
             so the function can connect. As for a database, naming the caller's security group \
             rather than its addresses is the pattern to follow.",
        zh: zh!("{target} 的安全组 {sg} 允许来自 {other}（{function} 的安全组）的端口 {port} 流量，因此函数可以连接。\
             与数据库一样，引用调用方的安全组而不是写死地址，是应当遵循的做法。"),
        url: LAMBDA_VPC_ATTACHING,
        analyzer_code: None,
    },
    Entry {
        id: Id::S5StoreDeniesFunction,
        rule: "S5",
        title_en: "Data store shuts out the function",
        title_zh: zh!("数据存储的安全组未放行函数"),
        en: "No inbound rule of {sgs} on {target} allows port {port} from {function}, neither by \
             its security groups nor by its subnets' addresses, so the connection times out. Add \
             an inbound rule to the security group of {target}: TCP {port}, source the function's \
             security group.",
        zh: zh!("{target} 的安全组 {sgs} 中没有任何入站规则允许来自 {function} 的端口 {port} 流量\
             （既没有引用其安全组，也没有包含其子网地址），连接会超时。\
             请在 {target} 的安全组中添加入站规则：TCP {port}，源为函数的安全组。"),
        url: SG_REFERENCING,
        analyzer_code: Some("ENI_SG_RULES_MISMATCH"),
    },
    Entry {
        id: Id::S5ProxyNoEgress,
        rule: "S5",
        title_en: "Proxy cannot reach its database",
        title_zh: zh!("代理无法连接其数据库"),
        en: "{function} reaches {target}, but no outbound rule of {sgs} on the proxy allows \
             {protocol} port {port} to {other}, the database it fronts: the proxy uses these groups \
             towards the database too. Add an outbound rule for port {port} to the database's group.",
        zh: zh!("{function} 能够到达 {target}，但代理上的 {sgs} 中没有任何出站规则允许 {protocol} 端口 {port} 通往它所代理的数据库 {other}：\
             代理访问数据库时也使用这些安全组。请添加一条到数据库安全组端口 {port} 的出站规则。"),
        url: RDS_PROXY_CREATING,
        analyzer_code: Some("ENI_SG_RULES_MISMATCH"),
    },
    Entry {
        id: Id::S5DbAllowsProxy,
        rule: "S5",
        title_en: "Database admits its proxy",
        title_zh: zh!("数据库安全组放行代理"),
        en: "{sg} on {other} allows port {port} from {sgs}, the groups of {target}, so the proxy \
             can connect to the database it fronts.",
        zh: zh!("{other} 上的 {sg} 允许来自 {sgs}（{target} 的安全组）的端口 {port} 流量，因此代理可以连接它所代理的数据库。"),
        url: RDS_PROXY_CREATING,
        analyzer_code: None,
    },
    Entry {
        id: Id::S5DbDeniesProxy,
        rule: "S5",
        title_en: "Database shuts out its proxy",
        title_zh: zh!("数据库安全组未放行代理"),
        en: "{function} reaches {target}, but no inbound rule of {sgs} on {other} allows port \
             {port} from the proxy's groups or subnets, so the proxy cannot connect to the database \
             it fronts. Add an inbound rule: TCP {port}, source the proxy's security group.",
        zh: zh!("{function} 能够到达 {target}，但 {other} 上的 {sgs} 中没有任何入站规则允许来自该代理的安全组或子网的端口 {port} 流量，\
             因此代理无法连接它所代理的数据库。请添加入站规则：TCP {port}，源为代理的安全组。"),
        url: RDS_PROXY_CREATING,
        analyzer_code: Some("ENI_SG_RULES_MISMATCH"),
    },
    Entry {
        id: Id::S5DbOpenToWorld,
        rule: "S5",
        title_en: "Database open to the world",
        title_zh: zh!("数据库对所有地址开放"),
        en: "{sg} on {target} allows port {port} from {value}, that is, from any address. Even if \
             the database cannot be reached from the internet today, a single routing change \
             would expose it. Replace the rule with one that admits only the application's \
             security group.",
        zh: zh!("{target} 的安全组 {sg} 允许来自 {value}（即任意地址）的端口 {port} 流量。\
             即使数据库目前无法从互联网访问，只要改动一次路由就可能暴露。请把该规则替换为只放行应用所用安全组的规则。"),
        url: RDS_SCENARIOS,
        analyzer_code: None,
    },
    // --- §6 Network ACLs -----------------------------------------------------------------
    Entry {
        id: Id::N1Allowed,
        rule: "N1",
        title_en: "Network ACL allows",
        title_zh: zh!("网络 ACL 放行"),
        en: "Rule {rule} of {nacl} is the first to match this traffic, and it allows it. Network \
             ACL rules are checked in number order, and the first match decides.",
        zh: zh!("{nacl} 的规则 {rule} 是第一条匹配该流量的规则，其动作为允许。\
             网络 ACL 按规则编号从小到大检查，由第一条匹配的规则决定结果。"),
        url: NACL_RULES,
        analyzer_code: None,
    },
    Entry {
        id: Id::N1DeniedOut,
        rule: "N1",
        title_en: "Network ACL blocks the way out",
        title_zh: zh!("网络 ACL 拒绝出站"),
        en: "Traffic leaving {subnet} for {destination} on port {port} is denied by rule {rule} \
             of {nacl}, the first rule that matches it. Add an allow rule with a lower number, or \
             change that rule.",
        zh: zh!("从 {subnet} 发往 {destination} 端口 {port} 的流量，被 {nacl} 中第一条匹配的规则 {rule} 拒绝。\
             请添加一条编号更小的允许规则，或修改该规则。"),
        url: NACL_RULES,
        analyzer_code: Some("SUBNET_ACL_RESTRICTION"),
    },
    Entry {
        id: Id::N1DeniedIn,
        rule: "N1",
        title_en: "Network ACL blocks the way in",
        title_zh: zh!("网络 ACL 拒绝入站"),
        en: "Traffic entering {subnet} on port {port} is denied by rule {rule} of {nacl}, the \
             first rule that matches it. Add an allow rule with a lower number for this source \
             and port, or change that rule.",
        zh: zh!("进入 {subnet} 端口 {port} 的流量，被 {nacl} 中第一条匹配的规则 {rule} 拒绝。\
             请为该来源和端口添加一条编号更小的允许规则，或修改该规则。"),
        url: NACL_RULES,
        analyzer_code: Some("SUBNET_ACL_RESTRICTION"),
    },
    Entry {
        id: Id::N1SameSubnet,
        rule: "N1",
        title_en: "Same subnet: no network ACL check",
        title_zh: zh!("同一子网：不经过网络 ACL"),
        en: "{function} and {target} are both in {subnet}. A network ACL only checks traffic \
             entering or leaving a subnet, so {nacl} plays no part here and only security groups \
             apply.",
        zh: zh!("{function} 和 {target} 都位于 {subnet}。网络 ACL 只检查进出子网的流量，\
             因此 {nacl} 在这里不起作用，只有安全组生效。"),
        url: NACL_BASICS,
        analyzer_code: None,
    },
    Entry {
        id: Id::N2DefaultNacl,
        rule: "N2",
        title_en: "Default network ACL",
        title_zh: zh!("默认网络 ACL"),
        en: "{subnet} uses {nacl}, the default network ACL of {vpc}, which allows all inbound and \
             outbound traffic unless it has been edited.",
        zh: zh!("{subnet} 使用 {vpc} 的默认网络 ACL {nacl}，除非被修改过，它允许所有入站和出站流量。"),
        url: NACL_DEFAULT,
        analyzer_code: None,
    },
    Entry {
        id: Id::N3CustomDeniesAll,
        rule: "N3",
        title_en: "Empty custom network ACL",
        title_zh: zh!("空的自定义网络 ACL"),
        en: "{subnet} uses {nacl}, a custom network ACL with no rules, and a custom network ACL \
             denies everything in both directions until rules are added. Add allow rules for the \
             traffic you need and for its replies on ports 1024-65535.",
        zh: zh!("{subnet} 使用的 {nacl} 是一个没有任何规则的自定义网络 ACL，而自定义网络 ACL 在添加规则之前会双向拒绝所有流量。\
             请为所需流量添加允许规则，并放行 1024-65535 端口上的返回流量。"),
        url: NACL_CUSTOM,
        analyzer_code: Some("SUBNET_ACL_RESTRICTION"),
    },
    Entry {
        id: Id::N4EphemeralReturn,
        rule: "N4",
        title_en: "Replies blocked on ephemeral ports",
        title_zh: zh!("临时端口上的返回流量被拦截"),
        en: "{nacl} of {subnet} lets the request through but not its reply. Replies go to the \
             caller's ephemeral ports 1024-65535 (the range Lambda and NAT gateways use), and \
             network ACLs are stateless, so they need a rule of their own: allow TCP 1024-65535 \
             for {destination} in the reply's direction.",
        zh: zh!("{subnet} 的网络 ACL {nacl} 放行了请求，却没有放行其返回流量。\
             响应会发往调用方的临时端口 1024-65535（Lambda 和 NAT 网关都使用这个范围），而网络 ACL 是无状态的，\
             返回流量需要单独的规则：请在返回方向上为 {destination} 放行 TCP 1024-65535。"),
        url: NACL_EPHEMERAL,
        analyzer_code: Some("SUBNET_ACL_RESTRICTION"),
    },
    // --- §7 DNS, §8 requirements, §9 targets, §10 services ------------------------------
    Entry {
        id: Id::D1DnsSupportOff,
        rule: "D1",
        title_en: "DNS resolution is off",
        title_zh: zh!("DNS 解析已关闭"),
        en: "{vpc} has DNS resolution (enableDnsSupport) turned off, so the Amazon DNS server does \
             not answer inside it and {function} cannot resolve names such as the endpoint of \
             {service}. Turn DNS resolution back on.",
        zh: zh!("{vpc} 关闭了 DNS 解析（enableDnsSupport），VPC 内的 Amazon DNS 服务器不再应答，\
             {function} 无法解析 {service} 终端节点之类的域名。请重新开启 DNS 解析。"),
        url: VPC_DNS_ATTRIBUTES,
        analyzer_code: None,
    },
    Entry {
        id: Id::Q2SingleAz,
        rule: "Q2",
        title_en: "Single Availability Zone",
        title_zh: zh!("单一可用区"),
        en: "All subnets of {function} are in {az}, so an outage of that Availability Zone stops \
             the function from running in your VPC. Add a subnet in at least one more zone.",
        zh: zh!("{function} 的所有子网都位于 {az}，一旦该可用区发生故障，函数就无法在你的 VPC 中运行。\
             请至少再添加一个位于其他可用区的子网。"),
        url: LAMBDA_VPC_INTERNET,
        analyzer_code: None,
    },
    Entry {
        id: Id::Q3SubnetCapacity,
        rule: "Q3",
        title_en: "Subnet running out of addresses",
        title_zh: zh!("子网地址不足"),
        en: "{subnet} has only {count} usable addresses left, while the Hyperplane interfaces \
             planned for it need {limit}. AWS keeps 5 addresses of every subnet for itself, and a \
             subnet with no free address stops Lambda from setting up VPC access. Use a larger \
             subnet, or spread the function over more subnets.",
        zh: zh!("{subnet} 只剩 {count} 个可用地址，而计划在其中创建的 Hyperplane 网络接口需要 {limit} 个。\
             AWS 会在每个子网中保留 5 个地址，子网一旦没有空闲地址，Lambda 就无法为函数建立 VPC 访问。\
             请使用更大的子网，或把函数分布到更多子网中。"),
        url: LAMBDA_VPC_ENIS,
        analyzer_code: None,
    },
    Entry {
        id: Id::Db1SubnetGroupAzs,
        rule: "DB1",
        title_en: "DB subnet group in one AZ",
        title_zh: zh!("数据库子网组只覆盖一个可用区"),
        en: "The DB subnet group of {target} only covers {azs}. RDS wants subnets in at least two \
             Availability Zones so that a standby or a replacement can start in another zone; add \
             a subnet from a second zone.",
        zh: zh!("{target} 的数据库子网组只覆盖了 {azs}。RDS 要求子网至少分布在两个可用区，\
             以便在另一个可用区启动备用实例或替换实例；请再添加一个其他可用区的子网。"),
        url: RDS_SUBNET_GROUPS,
        analyzer_code: None,
    },
    Entry {
        id: Id::Db2PubliclyAccessible,
        rule: "DB2",
        title_en: "Publicly accessible database",
        title_zh: zh!("可公开访问的数据库"),
        en: "{target} is publicly accessible, sits in public subnets, and its security group \
             admits internet traffic on port {port}, so anyone on the internet can try to \
             connect. Turn public access off and reach it from a function attached to {vpc}.",
        zh: zh!("{target} 被设置为可公开访问，位于公有子网中，且其安全组放行来自互联网的端口 {port} 流量，\
             因此互联网上的任何人都可以尝试连接。请关闭公开访问，改由连接到 {vpc} 的函数访问它。"),
        url: RDS_PUBLIC_ACCESS,
        analyzer_code: None,
    },
    Entry {
        id: Id::Db2NotPubliclyAccessible,
        rule: "DB2",
        title_en: "Not publicly accessible",
        title_zh: zh!("未开启公开访问"),
        en: "{target} is not publicly accessible, so it has no public address and its endpoint \
             resolves only to a private address in {vpc}: nothing on the internet can connect to \
             it on port {port}. This is the recommended setting; reach it from a function \
             attached to {vpc}.",
        zh: zh!("{target} 未设置为可公开访问，因此没有公有地址，其终端节点只解析为 {vpc} 中的私有地址：\
             互联网上的任何人都无法连接到它的端口 {port}。这是推荐的设置；请通过连接到 {vpc} 的函数访问它。"),
        url: RDS_PUBLIC_ACCESS,
        analyzer_code: None,
    },
    Entry {
        id: Id::Db2NotPublicSubnets,
        rule: "DB2",
        title_en: "Public database in private subnets",
        title_zh: zh!("公开访问的数据库位于私有子网"),
        en: "{target} is marked publicly accessible, but {subnets} of its DB subnet group have no \
             route to an internet gateway, and public access needs every subnet of the group to \
             be public. Make those subnets public or, better, turn public access off.",
        zh: zh!("{target} 被设置为可公开访问，但其数据库子网组中的 {subnets} 没有通往互联网网关的路由，\
             而公开访问要求子网组中的每个子网都是公有子网。请把这些子网改为公有子网，或者（更推荐）关闭公开访问。"),
        url: RDS_SUBNET_GROUPS,
        analyzer_code: None,
    },
    Entry {
        id: Id::Db3SameVpc,
        rule: "DB3",
        title_en: "Same VPC",
        title_zh: zh!("同一 VPC 内访问"),
        en: "{function} and {target} are both in {vpc}, so the local route carries the \
             connection and NAT gateways, internet gateways and endpoints play no part. Whether \
             it gets through depends on the security groups and, between different subnets, the \
             network ACLs.",
        zh: zh!("{function} 和 {target} 都位于 {vpc}，连接经本地路由送达，与 NAT 网关、互联网网关和终端节点都无关。\
             能否连通取决于安全组，以及（跨子网时的）网络 ACL。"),
        url: LAMBDA_DATABASE,
        analyzer_code: None,
    },
    Entry {
        id: Id::Db3OtherVpc,
        rule: "DB3",
        title_en: "Target in another VPC",
        title_zh: zh!("目标位于其他 VPC"),
        en: "{target} is in {other_vpc}, but {route_table} of {function}'s subnet has no route \
             that sends its addresses over a peering connection, so the traffic never gets there. \
             Peer {vpc} with {other_vpc} and add routes on both sides, or attach the function to \
             {other_vpc}.",
        zh: zh!("{target} 位于 {other_vpc}，但 {function} 所在子网的路由表 {route_table} 中没有经对等连接通往其地址的路由，流量无法到达。\
             请在 {vpc} 与 {other_vpc} 之间建立对等连接并在两侧添加路由，或把函数连接到 {other_vpc}。"),
        url: LAMBDA_DATABASE,
        analyzer_code: Some("NO_ROUTE_TO_DESTINATION"),
    },
    Entry {
        id: Id::Db3NotConnected,
        rule: "DB3",
        title_en: "VPCs not connected",
        title_zh: zh!("两个 VPC 之间没有连接"),
        en: "{target} has only private addresses in {other_vpc}, while {function} runs in {vpc}, \
             and no peering connection joins the two VPCs, so no route can lead there. Peer {vpc} \
             with {other_vpc} and add routes on both sides, or attach the function to subnets of \
             {other_vpc}.",
        zh: zh!("{target} 只有位于 {other_vpc} 的私有地址，而 {function} 运行在 {vpc} 中，两个 VPC 之间没有任何对等连接，\
             因此不可能有路由通往那里。请在 {vpc} 与 {other_vpc} 之间建立对等连接并在两侧添加路由，或把函数连接到 {other_vpc} 的子网。"),
        url: PEERING_BASICS,
        analyzer_code: Some("NO_ROUTE_TO_DESTINATION"),
    },
    Entry {
        id: Id::Db3Peering,
        rule: "DB3",
        title_en: "Over a peering connection",
        title_zh: zh!("经对等连接访问"),
        en: "{function} in {vpc} reaches {target} in {other_vpc} over the peering connection {peering}. \
             Peering carries the traffic only if the route tables on both sides send the other VPC's \
             addresses to it, and the security groups and network ACLs of both sides still apply.",
        zh: zh!("{vpc} 中的 {function} 经对等连接 {peering} 访问 {other_vpc} 中的 {target}。\
             只有两侧的路由表都把对方 VPC 的地址指向该对等连接时，流量才能通过；两侧的安全组和网络 ACL 仍然生效。"),
        url: PEERING_ROUTING,
        analyzer_code: None,
    },
    Entry {
        id: Id::Ec1PublicInstance,
        rule: "EC1",
        title_en: "Public instance",
        title_zh: zh!("公有实例"),
        en: "{target} has a public IP address and sits in {subnet}, whose route table leads to \
             {igw}, so it talks to the internet directly and anyone its security group admits can \
             reach it. A Lambda function never gets a public address, so it cannot do the same \
             even in that subnet.",
        zh: zh!("{target} 拥有公有 IP 地址，且位于路由表指向 {igw} 的 {subnet} 中，因此可以直接与互联网通信，\
             其安全组放行的任何来源也都能访问它。而 Lambda 函数永远不会获得公有地址，即使放在同一个子网里也无法这样直接上网。"),
        url: IGW_ADDRESSES,
        analyzer_code: None,
    },
    Entry {
        id: Id::Ec1PrivateSubnet,
        rule: "EC1",
        title_en: "Public IP in a private subnet",
        title_zh: zh!("公有 IP 位于私有子网"),
        en: "{target} has a public IP address, but {route_table} of {subnet} has no route that sends \
             {destination} to an internet gateway. A public address only works in a subnet whose route \
             table leads to an internet gateway, so the internet cannot reach {target} and its replies \
             never get out.",
        zh: zh!("{target} 拥有公有 IP 地址，但 {subnet} 的路由表 {route_table} 中没有把 {destination} 指向互联网网关的路由。\
             公有地址只有在路由表通往互联网网关的子网中才起作用，因此互联网无法访问 {target}，它的回复也出不去。"),
        url: IGW_ACCESS,
        analyzer_code: None,
    },
    Entry {
        id: Id::X2S3InterfaceDns,
        rule: "X2",
        title_en: "S3 interface endpoint DNS",
        title_zh: zh!("S3 接口终端节点的 DNS"),
        en: "With private DNS, the S3 interface endpoint {endpoint} answers only for on-premises \
             clients; inside {vpc}, S3 names are left to an S3 gateway endpoint, which AWS \
             requires in the VPC for this setup. Add an S3 gateway endpoint and associate the \
             route table of {function}'s subnet with it.",
        zh: zh!("启用私有 DNS 后，S3 接口终端节点 {endpoint} 只为本地网络（on-premises）中的客户端解析；\
             在 {vpc} 内部，S3 域名交由 S3 网关终端节点处理，AWS 要求这种配置下 VPC 中必须有 S3 网关终端节点。\
             请创建 S3 网关终端节点，并把 {function} 所在子网的路由表关联到它。"),
        url: CREATE_INTERFACE_ENDPOINT,
        analyzer_code: None,
    },
    Entry {
        id: Id::X3StsRegional,
        rule: "X3",
        title_en: "Use the Regional STS endpoint",
        title_zh: zh!("使用区域 STS 终端节点"),
        en: "The STS endpoint {endpoint} only serves the Regional hostname \
             (sts.<region>.amazonaws.com). An SDK that still calls the global sts.amazonaws.com \
             goes around it and needs a NAT path, so configure the SDK of {function} for Regional \
             STS endpoints.",
        zh: zh!("STS 终端节点 {endpoint} 只服务于区域域名（sts.<region>.amazonaws.com）。\
             仍调用全局域名 sts.amazonaws.com 的 SDK 会绕过它，需要经 NAT 出站，因此请把 {function} 的 SDK 配置为使用区域 STS 终端节点。"),
        url: STS_ENDPOINT,
        analyzer_code: None,
    },
    Entry {
        id: Id::X4SqsHostnames,
        rule: "X4",
        title_en: "SQS needs HTTPS and current hostnames",
        title_zh: zh!("SQS 需要 HTTPS 和新式域名"),
        en: "Through {endpoint}, SQS only accepts HTTPS requests to hostnames of the form \
             sqs.<region>.amazonaws.com; legacy queue hostnames such as queue.amazonaws.com go \
             around the endpoint. Make sure {function} uses HTTPS and a current SDK.",
        zh: zh!("经由 {endpoint} 时，SQS 只接受发往 sqs.<region>.amazonaws.com 形式域名的 HTTPS 请求；\
             queue.amazonaws.com 之类的旧式队列域名会绕过该终端节点。请确保 {function} 使用 HTTPS 和较新的 SDK。"),
        url: SQS_ENDPOINT,
        analyzer_code: None,
    },
    Entry {
        id: Id::X7Ipv6DualStack,
        rule: "X7",
        title_en: "AWS APIs over IPv6 need dual-stack endpoints",
        title_zh: zh!("经 IPv6 访问 AWS API 需要双栈终端节点"),
        en: "{function} only has an IPv6 way out, and the default endpoint of {service} often \
             speaks IPv4 only. The call works over IPv6 only if the SDK is configured to use the \
             service's dual-stack endpoint.",
        zh: zh!("{function} 只有 IPv6 出口，而 {service} 的默认终端节点往往只支持 IPv4。\
             只有在 SDK 配置为使用该服务的双栈（dual-stack）终端节点时，才能通过 IPv6 调用。"),
        url: S3_DUAL_STACK,
        analyzer_code: None,
    },
    // --- §11 cost ------------------------------------------------------------------------
    Entry {
        id: Id::C1NatForGatewayService,
        rule: "C",
        title_en: "Paying NAT for S3 or DynamoDB",
        title_zh: zh!("为 S3 或 DynamoDB 支付 NAT 费用"),
        en: "{function} reaches {service} through {nat}, which bills every gigabyte it \
             processes: about {cost} a month at {gb} GB. A gateway endpoint for {service} is free \
             and would save about {saving} a month; create one and associate the function's route \
             table with it.",
        zh: zh!("{function} 经 {nat} 访问 {service}，NAT 网关按处理的每 GB 数据计费：按每月 {gb} GB 估算约为 {cost}。\
             {service} 的网关终端节点免费，每月约可节省 {saving}；请创建一个，并把函数所在子网的路由表关联到它。"),
        url: VPC_PRICING,
        analyzer_code: None,
    },
    // --- Verdict summaries ---------------------------------------------------------------
    Entry {
        id: Id::FPartial,
        rule: "F",
        title_en: "Works from some subnets only",
        title_zh: zh!("仅部分子网可以连通"),
        en: "{function} reaches {target} on port {port} from {subnets} ({azs}) but not from {other}: \
             {count} of its subnets get through. Lambda may run the function in any of its subnets, so \
             calls fail now and then; fix the failing subnets or remove them from the function.",
        zh: zh!("{function} 可以从 {subnets}（{azs}）经端口 {port} 访问 {target}，但从 {other} 无法访问：其子网中只有 {count} 能够连通。\
             Lambda 可能在函数的任一子网中运行它，因此调用会时好时坏；请修复不通的子网，或把它们从函数配置中移除。"),
        url: LAMBDA_VPC_ENIS,
        analyzer_code: None,
    },
    Entry {
        id: Id::FStoreNoAddressInAz,
        rule: "F",
        title_en: "No mount target in this AZ",
        title_zh: zh!("该可用区没有挂载目标"),
        en: "{function} runs in {subnet} in {az}, but {target} has no mount target in {az} (it has \
             them in {subnets}). A function connects to the mount target of its own Availability \
             Zone, and Lambda expects one in every AZ the function runs in. Add a mount target in \
             {az}, or remove {subnet} from the function.",
        zh: zh!("{function} 运行在 {az} 的 {subnet} 中，但 {target} 在 {az} 没有挂载目标（它的挂载目标位于 {subnets}）。\
             函数连接的是其所在可用区的挂载目标，Lambda 要求函数运行的每个可用区都有一个挂载目标。\
             请在 {az} 添加挂载目标，或把 {subnet} 从函数配置中移除。"),
        url: LAMBDA_FILESYSTEM,
        analyzer_code: None,
    },
    Entry {
        id: Id::FStorePrivate,
        rule: "F",
        title_en: "Private addresses only",
        title_zh: zh!("只有私有地址"),
        en: "{target} has only private addresses in {vpc}: nothing on the internet can connect to \
             it on port {port}. Reach it from a function attached to {vpc}.",
        zh: zh!("{target} 只有位于 {vpc} 的私有地址：互联网上的任何人都无法连接到它的端口 {port}。\
             请通过连接到 {vpc} 的函数访问它。"),
        url: LAMBDA_VPC_ATTACHING,
        analyzer_code: None,
    },
    Entry {
        id: Id::FProxyOtherVpc,
        rule: "F",
        title_en: "Proxy and database in different VPCs",
        title_zh: zh!("代理与数据库位于不同的 VPC"),
        en: "{target} is in {vpc}, but {other}, the database it fronts, is in {other_vpc}: RDS \
             Proxy connects only to databases in its own VPC.",
        zh: zh!("{target} 位于 {vpc}，但它所代理的数据库 {other} 位于 {other_vpc}：RDS Proxy 只能连接同一 VPC 中的数据库。"),
        url: RDS_PROXY_PREREQS,
        analyzer_code: None,
    },
    Entry {
        id: Id::FPortRange,
        rule: "F",
        title_en: "One port for a range",
        title_zh: zh!("以一个端口代表端口范围"),
        en: "Port {port} is the first port of the range {value} that a security group of {target} \
             opens; it stands for the whole range, since every rule on the path treats the ports of \
             that range alike unless a rule names some of them.",
        zh: zh!("端口 {port} 是 {target} 的安全组所开放的端口范围 {value} 中的第一个端口；它代表整个范围，\
             因为除非某条规则单独列出其中部分端口，路径上的每条规则对该范围内的端口都一视同仁。"),
        url: SG_RULE_COMPONENTS,
        analyzer_code: None,
    },
    // --- Design validation ---------------------------------------------------------------
    Entry {
        id: Id::I1CidrHostBits,
        rule: "I1",
        title_en: "Host bits cleared, as EC2 does",
        title_zh: zh!("主机位按 EC2 的方式清零"),
        en: "{value} in {field} of {component} has bits set after the prefix length. EC2 accepts \
             such a block and keeps its network address, so the playground evaluates it as \
             {expected}; write {expected} to make the design say what AWS stores.",
        zh: zh!("{component} 的 {field} 中的 {value} 在前缀长度之后仍有非零位。EC2 接受这样的地址块，\
             并保存其网络地址，因此本工具按 {expected} 计算；把它写成 {expected}，设计就与 AWS 保存的一致。"),
        url: VPC_CIDR_BLOCKS,
        analyzer_code: None,
    },
    Entry {
        id: Id::VCidrMalformed,
        rule: "V",
        title_en: "Not a CIDR block",
        title_zh: zh!("不是有效的 CIDR 块"),
        en: "{value} in {field} of {component} is not a CIDR block. Write it as address/prefix \
             length, for example 10.0.1.0/24 or 2001:db8:1234:1a00::/56.",
        zh: zh!("{component} 的 {field} 中的 {value} 不是有效的 CIDR 块。\
             请写成“地址/前缀长度”的形式，例如 10.0.1.0/24 或 2001:db8:1234:1a00::/56。"),
        url: VPC_CIDR_BLOCKS,
        analyzer_code: None,
    },
    Entry {
        id: Id::VSubnetOutsideVpc,
        rule: "V",
        title_en: "Subnet outside its VPC",
        title_zh: zh!("子网超出 VPC 地址范围"),
        en: "{component} uses {value}, which lies outside every CIDR block of {vpc}, and a \
             subnet's block must be carved out of its VPC's blocks. Choose a range inside \
             {expected}.",
        zh: zh!("{component} 的地址段 {value} 不在 {vpc} 的任何 CIDR 块之内，而子网的地址段必须从所属 VPC 的地址块中划分。\
             请在 {expected} 范围内选择地址段。"),
        url: SUBNET_SIZING,
        analyzer_code: None,
    },
    Entry {
        id: Id::VSubnetsOverlap,
        rule: "V",
        title_en: "Overlapping subnets",
        title_zh: zh!("子网地址重叠"),
        en: "{component} ({value}) overlaps {other} in {vpc}, and subnets of one VPC cannot share \
             addresses. Give one of them a range that does not overlap.",
        zh: zh!("{component}（{value}）与 {vpc} 中的 {other} 地址重叠，而同一 VPC 的子网之间不能共用地址。\
             请为其中一个重新分配不重叠的地址段。"),
        url: SUBNET_SIZING,
        analyzer_code: None,
    },
    Entry {
        id: Id::VSubnetSize,
        rule: "V",
        title_en: "Subnet size out of range",
        title_zh: zh!("子网大小超出范围"),
        en: "{component} uses {value}, but an IPv4 subnet must be between /16 and /28, and an IPv6 \
             subnet between /44 and /64 in steps of 4 (usually a /64). Pick a prefix length in \
             that range.",
        zh: zh!("{component} 使用了 {value}，但 IPv4 子网的前缀长度必须在 /16 到 /28 之间，\
             IPv6 子网必须在 /44 到 /64 之间且以 4 为步长（通常为 /64）。请选择此范围内的前缀长度。"),
        url: SUBNET_SIZING,
        analyzer_code: None,
    },
    Entry {
        id: Id::VSubnetIpv6,
        rule: "V",
        title_en: "Subnet IPv6 block not in the VPC",
        title_zh: zh!("子网 IPv6 地址块不在 VPC 内"),
        en: "{component} has the IPv6 block {value}, but {vpc} has no IPv6 block or {value} lies \
             outside it. Give the VPC an IPv6 block first, then carve the subnet's block (usually \
             a /64) out of it.",
        zh: zh!("{component} 配置了 IPv6 地址块 {value}，但 {vpc} 没有 IPv6 地址块，或 {value} 不在其范围内。\
             请先为 VPC 分配 IPv6 地址块，再从中为子网划分地址块（通常为 /64）。"),
        url: SUBNET_SIZING,
        analyzer_code: None,
    },
    Entry {
        id: Id::VDanglingReference,
        rule: "V",
        title_en: "Missing component",
        title_zh: zh!("引用的组件不存在"),
        en: "{field} of {component} refers to {value}, which does not exist in this design. Pick \
             an existing {expected} or create it first.",
        zh: zh!("{component} 的 {field} 引用了 {value}，但它在本设计中不存在。请选择一个已有的 {expected}，或先创建它。"),
        url: VPC_HOW_IT_WORKS,
        analyzer_code: None,
    },
    Entry {
        id: Id::VDuplicateId,
        rule: "V",
        title_en: "Duplicate id",
        title_zh: zh!("ID 重复"),
        en: "{component} and {other} share the id {value}. Every component needs an id of its \
             own, so rename one of them.",
        zh: zh!("{component} 与 {other} 使用了相同的 ID {value}。每个组件都需要唯一的 ID，请重命名其中一个。"),
        url: EC2_RESOURCE_IDS,
        analyzer_code: None,
    },
    Entry {
        id: Id::VCrossVpcReference,
        rule: "V",
        title_en: "Reference into another VPC",
        title_zh: zh!("引用了其他 VPC 的资源"),
        en: "{component} in {vpc} refers in {field} to {other}, which belongs to {other_vpc}. \
             Subnets, route tables, network ACLs and security groups only work within their own \
             VPC; choose one from {vpc}.",
        zh: zh!("{vpc} 中的 {component} 在 {field} 中引用了属于 {other_vpc} 的 {other}。\
             子网、路由表、网络 ACL 和安全组只能在各自所属的 VPC 内使用，请改选 {vpc} 中的资源。"),
        url: VPC_HOW_IT_WORKS,
        analyzer_code: None,
    },
    Entry {
        id: Id::VStoreOnePerAz,
        rule: "V",
        title_en: "Two mount targets in one AZ",
        title_zh: zh!("同一可用区有两个挂载目标"),
        en: "{component} has addresses in both {subnet} and {other}, which are in the same \
             Availability Zone {az}. {service} allows one mount target per Availability Zone; keep \
             one of them.",
        zh: zh!("{component} 在 {subnet} 和 {other} 中都有地址，而它们位于同一可用区 {az}。\
             {service} 每个可用区只允许一个挂载目标，请只保留其中一个。"),
        url: EFS_MOUNT_TARGETS,
        analyzer_code: None,
    },
    Entry {
        id: Id::VStorePort,
        rule: "V",
        title_en: "Port out of range",
        title_zh: zh!("端口超出范围"),
        en: "{component} lists port {value} in {field}; a port is a number from 1 to 65535.",
        zh: zh!("{component} 的 {field} 中列出了端口 {value}；端口必须是 1 到 65535 之间的数字。"),
        url: SG_RULE_COMPONENTS,
        analyzer_code: None,
    },
    Entry {
        id: Id::VStoreNotPublic,
        rule: "V",
        title_en: "Cannot be public",
        title_zh: zh!("不能公开访问"),
        en: "{component} is marked publicly accessible, but {service} has no public address \
             option: it is evaluated as private. Remove the setting.",
        zh: zh!("{component} 被标记为可公开访问，但 {service} 没有公有地址选项：它按私有资源评估。请去掉该设置。"),
        url: LAMBDA_VPC_ATTACHING,
        analyzer_code: None,
    },
    Entry {
        id: Id::VFunctionMultipleVpcs,
        rule: "V",
        title_en: "Subnets in different VPCs",
        title_zh: zh!("子网分属不同 VPC"),
        en: "The subnets of {function} lie in different VPCs ({value}). A function attaches to \
             exactly one VPC, so pick its subnets and security groups from the same one.",
        zh: zh!("{function} 的子网分属不同的 VPC（{value}）。一个函数只能连接到一个 VPC，请从同一个 VPC 中选择子网和安全组。"),
        url: LAMBDA_VPC_CONFIG_API,
        analyzer_code: None,
    },
    Entry {
        id: Id::VFunctionIncompleteVpcConfig,
        rule: "V",
        title_en: "Incomplete VPC configuration",
        title_zh: zh!("VPC 配置不完整"),
        en: "{function} has a VPC configuration without {field}. A function in a VPC needs at \
             least one subnet and one security group; add the missing one, or remove the VPC \
             configuration.",
        zh: zh!("{function} 的 VPC 配置缺少 {field}。连接到 VPC 的函数至少需要一个子网和一个安全组，\
             请补上缺少的项，或删除 VPC 配置。"),
        url: LAMBDA_VPC_CONFIG_API,
        analyzer_code: None,
    },
    Entry {
        id: Id::VRouteToOtherVpc,
        rule: "V",
        title_en: "Route to a gateway outside the VPC",
        title_zh: zh!("路由指向 VPC 之外的网关"),
        en: "{route_table} in {vpc} has the route {route}, but its target is not attached to \
             {vpc}: it belongs to another VPC, or to none. A route can only use gateways of its \
             own VPC, so this one behaves as a blackhole; point it at a gateway attached to {vpc}.",
        zh: zh!("{vpc} 中的路由表 {route_table} 有一条路由 {route}，但其目标没有连接到 {vpc}：它属于其他 VPC，或没有连接任何 VPC。\
             路由只能使用本 VPC 的网关，因此这条路由相当于黑洞；请将它指向已连接到 {vpc} 的网关。"),
        url: ROUTES,
        analyzer_code: None,
    },
    Entry {
        id: Id::VDuplicateRoute,
        rule: "V",
        title_en: "Duplicate route",
        title_zh: zh!("重复的路由"),
        en: "{route_table} has more than one route for {destination}, but a route table holds a \
             single route per destination. Keep one and delete the others.",
        zh: zh!("{route_table} 中针对 {destination} 的路由不止一条，而一个路由表中每个目标地址只能有一条路由。\
             请保留一条，删除其余的。"),
        url: ROUTES,
        analyzer_code: None,
    },
    Entry {
        id: Id::VRouteFamily,
        rule: "V",
        title_en: "Route address family mismatch",
        title_zh: zh!("路由地址族不匹配"),
        en: "The route {route} in {route_table} sends {destination} to a target that cannot carry \
             that address family: egress-only internet gateways carry IPv6 only, while NAT \
             gateways translate IPv4. Give the route a destination of the right family.",
        zh: zh!("{route_table} 中的路由 {route} 把 {destination} 发往无法承载该地址族的目标：\
             仅出口互联网网关只承载 IPv6，而 NAT 网关转换的是 IPv4。请为该路由使用地址族正确的目标地址。"),
        url: ROUTES,
        analyzer_code: None,
    },
    Entry {
        id: Id::VNaclRuleNumber,
        rule: "V",
        title_en: "Invalid rule number",
        title_zh: zh!("规则编号无效"),
        en: "Rule number {value} in {nacl} is outside 1-32766 or used twice in the same direction. \
             Each rule needs its own number in that range, and rules are checked from the lowest \
             number up.",
        zh: zh!("{nacl} 中的规则编号 {value} 超出 1-32766 的范围，或在同一方向上重复使用。\
             每条规则都需要此范围内的唯一编号，规则按编号从小到大依次检查。"),
        url: NACL_BASICS,
        analyzer_code: None,
    },
    Entry {
        id: Id::VPortRange,
        rule: "V",
        title_en: "Port range reversed",
        title_zh: zh!("端口范围颠倒"),
        en: "A rule in {component} has the port range {value}, whose start is after its end. Put \
             the lower port first, for example {expected}.",
        zh: zh!("{component} 中有一条规则的端口范围为 {value}，起始端口大于结束端口。请把较小的端口写在前面，例如 {expected}。"),
        url: SG_RULE_COMPONENTS,
        analyzer_code: None,
    },
    Entry {
        id: Id::VMultipleIgws,
        rule: "V",
        title_en: "More than one internet gateway",
        title_zh: zh!("连接了多个互联网网关"),
        en: "{vpc} has {count} internet gateways attached, but a VPC takes only one. Keep {igw} \
             and detach the others.",
        zh: zh!("{vpc} 连接了 {count} 个互联网网关，但一个 VPC 只能连接一个。请保留 {igw}，断开其余的。"),
        url: VPC_QUOTAS,
        analyzer_code: None,
    },
    Entry {
        id: Id::VBadName,
        rule: "V",
        title_en: "Bad name or id",
        title_zh: zh!("名称或 ID 无效"),
        en: "The {field} of {component} is empty or longer than {limit} characters. Give it a \
             short, non-empty value.",
        zh: zh!("{component} 的 {field} 为空或超过 {limit} 个字符，请设置一个简短且非空的值。"),
        url: EC2_TAGS,
        analyzer_code: None,
    },
    Entry {
        id: Id::VCidrFamily,
        rule: "V",
        title_en: "Wrong IP version",
        title_zh: zh!("IP 版本不符"),
        en: "{value} in {field} of {component} is not an {expected} block, and this field takes \
             {expected} only. Put IPv4 ranges in the IPv4 fields and IPv6 ranges in the IPv6 fields.",
        zh: zh!("{component} 的 {field} 中的 {value} 不是 {expected} 地址块，而该字段只接受 {expected}。\
             请把 IPv4 地址段填入 IPv4 字段，把 IPv6 地址段填入 IPv6 字段。"),
        url: VPC_CIDR_BLOCKS,
        analyzer_code: None,
    },
    Entry {
        id: Id::VVpcCidrSize,
        rule: "V",
        title_en: "VPC block size out of range",
        title_zh: zh!("VPC 地址块大小超出范围"),
        en: "{component} uses {value}, but every IPv4 block of a VPC, primary or secondary, must have a \
             prefix length in {expected}. Pick a block in that range, for example 10.0.0.0/16.",
        zh: zh!("{component} 使用了 {value}，但 VPC 的每个 IPv4 地址块（无论主地址块还是辅助地址块）的前缀长度都必须在 {expected} 之间。\
             请选择此范围内的地址块，例如 10.0.0.0/16。"),
        url: VPC_CIDR_BLOCKS,
        analyzer_code: None,
    },
    Entry {
        id: Id::VVpcCidrsOverlap,
        rule: "V",
        title_en: "Overlapping VPC blocks",
        title_zh: zh!("VPC 地址块重叠"),
        en: "The IPv4 block {value} of {component} overlaps {other}, another of its blocks. The blocks \
             of one VPC cannot share addresses, so choose a range for {value} that does not overlap.",
        zh: zh!("{component} 的 IPv4 地址块 {value} 与它的另一个地址块 {other} 重叠。\
             同一 VPC 的地址块之间不能共用地址，请为 {value} 改选一个不重叠的地址段。"),
        url: VPC_CIDR_BLOCKS,
        analyzer_code: None,
    },
    Entry {
        id: Id::VSubnetAz,
        rule: "V",
        title_en: "Availability Zone not in the Region",
        title_zh: zh!("可用区不属于该区域"),
        en: "The Availability Zone “{az}” of {component} is empty or not in {expected}, the Region of \
             this design. A subnet lives in exactly one zone of its VPC's Region; pick one of the zones \
             of {expected}.",
        zh: zh!("{component} 的可用区“{az}”为空，或不属于本设计所在的区域 {expected}。\
             子网只能位于所属 VPC 区域中的某一个可用区，请从 {expected} 的可用区中选择一个。"),
        url: SUBNETS,
        analyzer_code: None,
    },
    Entry {
        id: Id::VMissingReference,
        rule: "V",
        title_en: "Required reference missing",
        title_zh: zh!("缺少必填的引用"),
        en: "{field} of {component} is empty, but the component cannot work without it. Pick an \
             existing {expected} for it, or create one first.",
        zh: zh!("{component} 的 {field} 为空，而缺少它该组件就无法工作。请为它选择一个已有的 {expected}，或先创建一个。"),
        url: VPC_HOW_IT_WORKS,
        analyzer_code: None,
    },
    Entry {
        id: Id::VDuplicateEntry,
        rule: "V",
        title_en: "Listed twice",
        title_zh: zh!("重复列出"),
        en: "{value} appears more than once in a list of {component} (again at {field}). A repeated \
             entry adds nothing, so remove it.",
        zh: zh!("{value} 在 {component} 的列表中出现了不止一次（重复位置为 {field}）。重复的条目没有任何作用，请将其删除。"),
        url: VPC_HOW_IT_WORKS,
        analyzer_code: None,
    },
    Entry {
        id: Id::VBlackholeRoute,
        rule: "V",
        title_en: "Route to a missing target",
        title_zh: zh!("路由目标不可用"),
        en: "The route {route} in {route_table} points at {value}, which does not exist or is not \
             attached to {vpc}. AWS keeps such a route as a blackhole and drops the traffic for \
             {destination} that matches it; point it at a working target, or delete it.",
        zh: zh!("{route_table} 中的路由 {route} 指向 {value}，但它不存在，或没有连接到 {vpc}。\
             AWS 会把这样的路由标记为黑洞（blackhole），匹配它的 {destination} 流量都会被丢弃；\
             请把它指向可用的目标，或将其删除。"),
        url: ROUTE_STATE,
        analyzer_code: None,
    },
    Entry {
        id: Id::VRouteInsideVpc,
        rule: "V",
        title_en: "Route inside the VPC range",
        title_zh: zh!("路由覆盖 VPC 内部地址"),
        en: "The route {route} in {route_table} covers addresses inside {vpc} ({expected}), which the \
             local route delivers. AWS accepts such a route only if its destination is exactly the \
             block of a subnet or of the whole VPC and its target is a NAT gateway or network \
             interface, and even then traffic within the VPC detours through that appliance. Remove the \
             route, or choose a destination outside {expected}.",
        zh: zh!("{route_table} 中的路由 {route} 覆盖了 {vpc} 内部的地址（{expected}），这些地址本应由本地路由送达。\
             AWS 只接受目标地址恰好等于某个子网或整个 VPC 的地址块、且目标为 NAT 网关或网络接口的此类路由，即便如此，VPC 内部的流量也会绕经该设备。\
             请删除该路由，或选择 {expected} 之外的目标地址。"),
        url: ROUTES,
        analyzer_code: None,
    },
    Entry {
        id: Id::VLocalRouteOutsideVpc,
        rule: "V",
        title_en: "Local route outside the VPC",
        title_zh: zh!("本地路由超出 VPC 范围"),
        en: "The route {route} in {route_table} uses the local target for {destination}, which lies \
             outside every block of {vpc} ({expected}). The local route only covers the VPC's own \
             blocks; delete this route or send {destination} to a gateway.",
        zh: zh!("{route_table} 中的路由 {route} 把 {destination} 指向本地（local），但该地址不在 {vpc} 的任何地址块（{expected}）之内。\
             本地路由只覆盖 VPC 自己的地址块，请删除这条路由，或把 {destination} 指向某个网关。"),
        url: ROUTES,
        analyzer_code: None,
    },
    Entry {
        id: Id::VNoPrefixList,
        rule: "V",
        title_en: "No prefix list for this service",
        title_zh: zh!("该服务没有前缀列表"),
        en: "{component} uses {destination} in {field}, but {service} has no AWS-managed prefix list. \
             Of the services here, only S3 and DynamoDB have one, for their gateway endpoints; reach \
             {service} through an interface endpoint or a NAT gateway, and use a CIDR instead.",
        zh: zh!("{component} 在 {field} 中使用了 {destination}，但 {service} 没有 AWS 托管的前缀列表。\
             在这里的服务中，只有 S3 和 DynamoDB 为其网关终端节点提供前缀列表；\
             请通过接口终端节点或 NAT 网关访问 {service}，并改用 CIDR。"),
        url: GATEWAY_ENDPOINTS,
        analyzer_code: None,
    },
    Entry {
        id: Id::VPeeringSameVpc,
        rule: "V",
        title_en: "Peering a VPC with itself",
        title_zh: zh!("VPC 与自身对等"),
        en: "{component} connects {vpc} with itself. A peering connection joins two different VPCs, so \
             choose another VPC for {field}.",
        zh: zh!("{component} 把 {vpc} 与其自身相连。对等连接只能连接两个不同的 VPC，请为 {field} 选择另一个 VPC。"),
        url: PEERING_BASICS,
        analyzer_code: None,
    },
    Entry {
        id: Id::VPeeringOverlap,
        rule: "V",
        title_en: "Peered VPCs overlap",
        title_zh: zh!("对等的 VPC 地址重叠"),
        en: "{component} joins {vpc} and {other_vpc}, but {other} of {vpc} overlaps {value} of \
             {other_vpc}. AWS does not peer VPCs whose blocks overlap, because a route could not tell \
             the two apart; give one of them a range that does not overlap.",
        zh: zh!("{component} 连接 {vpc} 与 {other_vpc}，但 {vpc} 的 {other} 与 {other_vpc} 的 {value} 重叠。\
             AWS 不允许地址块重叠的 VPC 建立对等连接，因为路由无法区分两者；请为其中一个改用不重叠的地址段。"),
        url: PEERING_BASICS,
        analyzer_code: None,
    },
    Entry {
        id: Id::VEndpointNoSubnets,
        rule: "V",
        title_en: "Interface endpoint without subnets",
        title_zh: zh!("接口终端节点没有子网"),
        en: "The interface endpoint {component} for {service} has no subnets, so it has no network \
             interface and nothing reaches {service} through it. Choose one subnet in each Availability \
             Zone that your functions use.",
        zh: zh!("{service} 的接口终端节点 {component} 没有选择任何子网，因此它没有网络接口，任何流量都无法经它访问 {service}。\
             请在函数所用的每个可用区中各选择一个子网。"),
        url: CREATE_INTERFACE_ENDPOINT,
        analyzer_code: None,
    },
    Entry {
        id: Id::VEndpointNoRouteTables,
        rule: "V",
        title_en: "Gateway endpoint without route tables",
        title_zh: zh!("网关终端节点未关联路由表"),
        en: "The gateway endpoint {component} for {service} is associated with no route table, so no \
             subnet has a route to it and traffic to {service} passes it by. Associate it with the \
             route tables of the subnets that call {service}.",
        zh: zh!("{service} 的网关终端节点 {component} 没有关联任何路由表，因此没有子网拥有指向它的路由，发往 {service} 的流量不会经过它。\
             请把它关联到需要调用 {service} 的子网所用的路由表。"),
        url: GATEWAY_ENDPOINTS,
        analyzer_code: None,
    },
    Entry {
        id: Id::VDuplicatePrivateDns,
        rule: "V",
        title_en: "Private DNS on twice",
        title_zh: zh!("私有 DNS 重复启用"),
        en: "{component} and {other} are both interface endpoints for {service} in {vpc} with private \
             DNS on. A VPC holds only one private DNS name per service, so AWS refuses the second; turn \
             private DNS off on one of them, or delete it.",
        zh: zh!("{component} 和 {other} 都是 {vpc} 中 {service} 的接口终端节点，且都启用了私有 DNS。\
             一个 VPC 中每个服务只能有一个私有 DNS 名称，AWS 会拒绝第二个；请在其中一个上关闭私有 DNS，或将其删除。"),
        url: INTERFACE_ENDPOINTS,
        analyzer_code: None,
    },
    Entry {
        id: Id::Db2DnsAttributes,
        rule: "DB2",
        title_en: "Public database without VPC DNS",
        title_zh: zh!("公开数据库缺少 VPC DNS"),
        en: "{component} is publicly accessible, but {vpc} has {value} turned off. A publicly \
             accessible database needs both DNS hostnames and DNS resolution in its VPC, so turn them \
             on.",
        zh: zh!("{component} 被设置为可公开访问，但 {vpc} 关闭了 {value}。可公开访问的数据库要求所在 VPC 同时开启 DNS 主机名和 DNS 解析，请将它们开启。"),
        url: RDS_PUBLIC_ACCESS,
        analyzer_code: None,
    },
    Entry {
        id: Id::VMisspelledField,
        rule: "V",
        title_en: "Misspelled field",
        title_zh: zh!("字段名拼写有误"),
        en: "{field} is not a field of the design format, so it was not read: the design opened \
             without it, everything else as written. Did you mean {expected}? Correct the name in the \
             file and open the file again.",
        zh: zh!("{field} 不是设计格式中的字段，因此没有被读取：设计已打开，其余内容保持原样，只缺少这一项。\
             你是否想写 {expected}？请在文件中改正名称后重新打开该文件。"),
        url: VPC_HOW_IT_WORKS,
        analyzer_code: None,
    },
    Entry {
        id: Id::VUnknownField,
        rule: "V",
        title_en: "Unknown field",
        title_zh: zh!("未知字段"),
        en: "{field} is not a field of the design format, so it was not read: the design opened \
             without it, everything else as written. The fields read there are {expected}; rename or \
             remove it in the file and open the file again.",
        zh: zh!("{field} 不是设计格式中的字段，因此没有被读取：设计已打开，其余内容保持原样，只缺少这一项。\
             此处读取的字段有 {expected}；请在文件中改名或删除它，然后重新打开该文件。"),
        url: VPC_HOW_IT_WORKS,
        analyzer_code: None,
    },
    Entry {
        id: Id::VPeeringDuplicate,
        rule: "V",
        title_en: "Two peerings between two VPCs",
        title_zh: zh!("两个 VPC 之间有两个对等连接"),
        en: "{component} joins {vpc} and {other_vpc}, which {other} already joins. AWS allows only one \
             peering connection between two VPCs at a time, and routes that point at different ones \
             break the reply path; delete {component} and point the routes on both sides at {other}.",
        zh: zh!("{component} 连接 {vpc} 与 {other_vpc}，而 {other} 已经连接了这两个 VPC。\
             AWS 在同一时间只允许两个 VPC 之间存在一个对等连接，两侧路由指向不同的连接会使回程流量无路可走；\
             请删除 {component}，并让两侧的路由都指向 {other}。"),
        url: PEERING_BASICS,
        analyzer_code: None,
    },
    Entry {
        id: Id::VVpcCidrEverything,
        rule: "V",
        title_en: "VPC block holds every address",
        title_zh: zh!("VPC 地址块包含所有地址"),
        en: "{vpc} uses {value}, a block that holds every IPv4 address, the internet's included, so its \
             local route claims all traffic and nothing can leave the VPC through a gateway. A VPC \
             block must be from /16 to /28: give {vpc} a private range such as 10.0.0.0/16, with its \
             subnets inside it.",
        zh: zh!("{vpc} 使用了 {value}，这个地址块包含所有 IPv4 地址（包括互联网上的地址），因此它的本地路由会接走全部流量，任何流量都无法经网关离开该 VPC。\
             VPC 地址块的前缀长度必须在 /16 到 /28 之间：请为 {vpc} 改用私有地址段（例如 10.0.0.0/16），并把其子网放在该范围内。"),
        url: VPC_CIDR_BLOCKS,
        analyzer_code: None,
    },
    Entry {
        id: Id::Db3ReplyOverOtherPeering,
        rule: "DB3",
        title_en: "Reply over another peering",
        title_zh: zh!("回程走了另一个对等连接"),
        en: "{function} reaches {target} in {other_vpc} over {peering}, but {route_table} sends the \
             replies to {destination} over {other}, another peering connection between {vpc} and \
             {other_vpc}, so they never come back. AWS allows only one peering connection between two \
             VPCs: delete one and point the routes on both sides at the one that remains.",
        zh: zh!("{function} 经 {peering} 到达 {other_vpc} 中的 {target}，但 {route_table} 把发往 {destination} 的回程流量交给了 {other}，也就是 {vpc} 与 {other_vpc} 之间的另一个对等连接，因此回程流量无法返回。\
             AWS 只允许两个 VPC 之间存在一个对等连接：请删除其中一个，并让两侧的路由都指向保留的那个。"),
        url: PEERING_ROUTING,
        analyzer_code: Some("NO_ROUTE_TO_DESTINATION"),
    },
];

/// What a sentence says in place of an argument that is missing or empty, by argument name
/// (the vocabulary of [`super::ARG_NAMES`], in its order), in English and Chinese: a phrase that
/// reads where the value would ("the subnet", "(empty)"), so that no sentence ever shows a bare
/// `{placeholder}`. `tests/catalogue.rs` renders every entry with every argument missing, and
/// with every argument empty, in both languages.
pub static MISSING_ARGS: &[(&str, &str, &str)] = &[
    ("function", "the function", zh!("该函数")),
    ("subnet", "the subnet", zh!("该子网")),
    ("subnets", "its subnets", zh!("其子网")),
    ("az", "its Availability Zone", zh!("其可用区")),
    ("azs", "their Availability Zones", zh!("这些可用区")),
    ("vpc", "the VPC", zh!("该 VPC")),
    ("other_vpc", "the other VPC", zh!("另一个 VPC")),
    ("route_table", "the route table", zh!("该路由表")),
    ("destination", "the destination", zh!("该目的地址")),
    ("route", "the route", zh!("该路由")),
    ("target", "the target", zh!("该目标")),
    ("nat", "the NAT gateway", zh!("该 NAT 网关")),
    ("nat_subnet", "the NAT gateway's subnet", zh!("NAT 网关所在的子网")),
    ("igw", "the internet gateway", zh!("该互联网网关")),
    ("eigw", "the egress-only internet gateway", zh!("该仅出口互联网网关")),
    ("endpoint", "the endpoint", zh!("该终端节点")),
    ("service", "the service", zh!("该服务")),
    ("sg", "the security group", zh!("该安全组")),
    ("sgs", "its security groups", zh!("其安全组")),
    ("nacl", "the network ACL", zh!("该网络 ACL")),
    ("rule", "the rule", zh!("该规则")),
    ("port", "(unknown)", zh!("（未知）")),
    ("protocol", "(unknown)", zh!("（未知）")),
    ("peering", "the peering connection", zh!("该对等连接")),
    ("component", "this component", zh!("该组件")),
    ("field", "a field", zh!("某个字段")),
    ("value", "(empty)", zh!("（空）")),
    ("expected", "a valid value", zh!("有效的值")),
    ("other", "another one", zh!("另一个")),
    ("count", "some", zh!("若干")),
    ("limit", "the limit", zh!("上限")),
    ("cost", "(unknown)", zh!("（未知）")),
    ("saving", "(unknown)", zh!("（未知）")),
    ("gb", "(unknown)", zh!("（未知）")),
];

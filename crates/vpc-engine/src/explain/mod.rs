//! Explanations are data: every sentence the engine can say, in English and Chinese, with
//! the AWS documentation page it rests on, lives in one catalogue (`catalogue.rs`).
//!
//! The engine never builds sentences itself. It returns [`Message`]s (an [`ExplanationId`]
//! plus named arguments such as component names), and [`render`] turns one into text in the
//! reader's language.

mod catalogue;

pub use catalogue::{Entry, CATALOGUE, MISSING_ARGS};

use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// The reader's language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            _ => None,
        }
    }
}

macro_rules! explanation_ids {
    ($($(#[$doc:meta])* $variant:ident = $code:literal,)*) => {
        /// One entry of the catalogue. The code's prefix is the rule id in
        /// `shared/domain/aws-rules.md` (L6, G3, E7 …); `V` marks design-validation entries
        /// and `F` findings that are not AWS rules of their own.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ExplanationId {
            $($(#[$doc])* $variant,)*
        }

        impl ExplanationId {
            /// Every id, in catalogue order.
            pub const ALL: &'static [ExplanationId] = &[$(ExplanationId::$variant,)*];

            /// The stable code printed by the CLI and stored in lessons, e.g. `"L6.public-subnet"`.
            pub fn code(self) -> &'static str {
                match self { $(ExplanationId::$variant => $code,)* }
            }

            pub fn from_code(code: &str) -> Option<ExplanationId> {
                match code { $($code => Some(ExplanationId::$variant),)* _ => None }
            }
        }
    };
}

explanation_ids! {
    // --- §1 Lambda placement -------------------------------------------------------------
    /// No VPC config: the function runs in the Lambda-managed network, which has internet.
    L2Internet = "L2.internet",
    /// No VPC config: AWS service APIs are public endpoints, reachable.
    L2Services = "L2.services",
    /// No VPC config: private addresses in your VPC are out of reach.
    L3PrivateUnreachable = "L3.private-unreachable",
    /// No VPC config: the target is publicly accessible, reached over the internet.
    L3PublicTarget = "L3.public-target",
    /// Attached to a VPC: the function enters it through a Hyperplane ENI per subnet and SG set.
    L4HyperplaneEni = "L4.hyperplane-eni",
    /// Attached: no route for internet-bound traffic in the subnet's route table.
    L5NoInternetRoute = "L5.no-internet-route",
    /// Attached: the route goes to an internet gateway, but Lambda ENIs never get a public IP.
    L6PublicSubnet = "L6.public-subnet",
    /// Attached: private subnet → NAT gateway in a public subnet → internet gateway.
    L7NatPath = "L7.nat-path",
    /// Attached: IPv6 leaves through an egress-only (or internet) gateway.
    L8Ipv6Path = "L8.ipv6-path",
    /// IPv6 is off on the function (`Ipv6AllowedForDualStack` is false).
    L8Ipv6Disabled = "L8.ipv6-disabled",
    /// No VPC config: Lambda sends no IPv6 from functions outside a VPC.
    L8NotInVpc = "L8.not-in-vpc",
    /// IPv6 needs every one of the function's subnets to be dual-stack.
    L8NotDualStack = "L8.not-dual-stack",
    /// No `::/0` route to an egress-only or internet gateway.
    L8NoIpv6Route = "L8.no-ipv6-route",
    /// AWS APIs need NAT or a VPC endpoint from inside a VPC.
    L9ServiceNeedsPath = "L9.service-needs-path",
    /// The function's SG needs no inbound rules: nothing connects to a function.
    L10NoInboundNeeded = "L10.no-inbound-needed",
    /// Dedicated-tenancy VPCs cannot host Lambda ENIs.
    L11DedicatedTenancy = "L11.dedicated-tenancy",
    /// More than 16 subnets in a function's VPC config.
    L11TooManySubnets = "L11.too-many-subnets",
    /// More than 5 security groups in a function's VPC config.
    L11TooManySecurityGroups = "L11.too-many-security-groups",

    // --- §2 Route tables -----------------------------------------------------------------
    /// The local route carries traffic within the VPC.
    R1LocalRoute = "R1.local-route",
    /// Subnet uses the VPC's main route table (no explicit association).
    R2MainTable = "R2.main-table",
    /// The most specific matching route was chosen.
    R3LongestPrefix = "R3.longest-prefix",
    /// The one route that matches the destination was used (no narrower or broader one).
    R3RouteMatches = "R3.route-matches",
    /// No route matches the destination.
    R3NoRoute = "R3.no-route",
    /// The chosen route is a blackhole: its target is gone or detached.
    R5Blackhole = "R5.blackhole",
    /// The gateway endpoint's prefix-list route beats 0.0.0.0/0.
    R6PrefixListRoute = "R6.prefix-list-route",
    /// A VPC peering connection does not carry traffic on to the internet or a third VPC
    /// (no edge-to-edge routing; not a rule of aws-rules.md, hence `F`).
    FPeeringNotTransitive = "F.peering-not-transitive",
    /// The route sends the traffic to an instance or network interface (an appliance); the
    /// playground does not follow traffic through appliances.
    FApplianceRoute = "F.appliance-route",

    // --- §3 Gateways ---------------------------------------------------------------------
    /// The internet gateway passes traffic only for public addresses.
    G1InternetGateway = "G1.internet-gateway",
    /// The internet gateway is not attached to the VPC.
    G1NotAttached = "G1.not-attached",
    /// An instance without a public IP cannot use the internet gateway.
    G1NoPublicIp = "G1.no-public-ip",
    /// The VPC has no internet gateway at all: nothing on the internet reaches into it.
    G1NoInternetGateway = "G1.no-internet-gateway",
    /// An egress-only internet gateway carries IPv6 only, outbound-initiated.
    G2EgressOnly = "G2.egress-only",
    /// A NAT gateway forwards to the internet gateway with its Elastic IP.
    G3NatGateway = "G3.nat-gateway",
    /// The NAT gateway sits in a subnet without a route to an internet gateway.
    G3NatInPrivateSubnet = "G3.nat-in-private-subnet",
    /// A public NAT gateway without an Elastic IP.
    G3NatWithoutEip = "G3.nat-without-eip",
    /// A private NAT gateway cannot reach the internet.
    G4PrivateNat = "G4.private-nat",
    /// Subnets in other AZs depend on one zonal NAT gateway.
    G5NatCrossAz = "G5.nat-cross-az",

    // --- §4 VPC endpoints ----------------------------------------------------------------
    /// Traffic uses a gateway endpoint (S3/DynamoDB), free and private.
    E1GatewayEndpoint = "E1.gateway-endpoint",
    /// Gateway endpoints exist only for S3 and DynamoDB.
    E1GatewayUnsupported = "E1.gateway-unsupported",
    /// A gateway endpoint exists but this subnet's route table is not associated with it.
    E2NotAssociated = "E2.not-associated",
    /// Traffic through a gateway endpoint still needs SG and NACL permission.
    E3FiltersApply = "E3.filters-apply",
    /// Traffic uses an interface endpoint's ENI, found by private DNS.
    E5InterfaceEndpoint = "E5.interface-endpoint",
    /// Private DNS hands out every interface of the endpoint; one the function cannot reach
    /// makes the calls that pick it fail.
    E5AnyInterface = "E5.any-interface",
    /// Interface endpoint ENIs are missing from some of the function's AZs.
    E5AzCoverage = "E5.az-coverage",
    /// Two subnets of one interface endpoint in the same AZ.
    E5OneSubnetPerAz = "E5.one-subnet-per-az",
    /// Private DNS is off: the service name resolves to the public endpoint.
    E6PrivateDnsOff = "E6.private-dns-off",
    /// Private DNS needs both enableDnsSupport and enableDnsHostnames on the VPC.
    E6DnsAttributes = "E6.dns-attributes",
    /// The endpoint's security groups do not allow HTTPS (443) from the function.
    E7EndpointSg = "E7.endpoint-sg",
    /// The endpoint policy denies the request (the network path itself is fine).
    E8PolicyDenies = "E8.policy-denies",

    // --- §5 Security groups --------------------------------------------------------------
    /// Security groups are stateful: replies are let back in without a rule.
    S1Stateful = "S1.stateful",
    /// A security group rule allows the traffic.
    S1Allowed = "S1.allowed",
    /// No outbound rule of the source's security groups allows the traffic.
    S2NoOutbound = "S2.no-outbound",
    /// No inbound rule of the destination's security groups allows the traffic.
    S2NoInbound = "S2.no-inbound",
    /// A rule referencing a security group matches its members' private addresses only.
    S3GroupReference = "S3.group-reference",
    /// A security group that allows traffic from itself: the shared-SG pattern.
    S4SelfReference = "S4.self-reference",
    /// The database's SG allows its port from the function's SG.
    S5DbAllowsFunction = "S5.db-allows-function",
    /// The database's SG does not allow the function.
    S5DbDeniesFunction = "S5.db-denies-function",
    /// A data store's security group admits the function's group on its port.
    S5StoreAllowsFunction = "S5.store-allows-function",
    /// No rule of the data store's security groups admits the function on its port.
    S5StoreDeniesFunction = "S5.store-denies-function",
    /// An RDS Proxy's security groups allow no outbound connection to the database it fronts.
    S5ProxyNoEgress = "S5.proxy-no-egress",
    /// The database's security groups admit its RDS Proxy's group on the database port.
    S5DbAllowsProxy = "S5.db-allows-proxy",
    /// The database's security groups do not admit its RDS Proxy.
    S5DbDeniesProxy = "S5.db-denies-proxy",
    /// A database security group is open to the whole internet.
    S5DbOpenToWorld = "S5.db-open-to-world",

    // --- §6 Network ACLs -----------------------------------------------------------------
    /// A NACL rule allows the traffic (first match by number).
    N1Allowed = "N1.allowed",
    /// A NACL rule denies the traffic on the way out of the subnet.
    N1DeniedOut = "N1.denied-out",
    /// A NACL rule denies the traffic on the way into the subnet.
    N1DeniedIn = "N1.denied-in",
    /// Traffic within one subnet is not checked by its NACL.
    N1SameSubnet = "N1.same-subnet",
    /// The subnet uses the VPC's default NACL, which allows everything.
    N2DefaultNacl = "N2.default-nacl",
    /// A custom NACL with no rules denies everything.
    N3CustomDeniesAll = "N3.custom-denies-all",
    /// The NACL does not let replies back on ephemeral ports 1024–65535.
    N4EphemeralReturn = "N4.ephemeral-return",

    // --- §7 DNS, §8 requirements, §9 targets, §10 services ------------------------------
    /// DNS resolution is off in the VPC (enableDnsSupport false).
    D1DnsSupportOff = "D1.dns-support-off",
    /// All of the function's subnets are in one Availability Zone.
    Q2SingleAz = "Q2.single-az",
    /// A subnet has too few free addresses for Lambda's ENIs.
    Q3SubnetCapacity = "Q3.subnet-capacity",
    /// A DB subnet group covering fewer than two AZs.
    Db1SubnetGroupAzs = "DB1.subnet-group-azs",
    /// A publicly accessible database reachable from the internet.
    Db2PubliclyAccessible = "DB2.publicly-accessible",
    /// A database that is not publicly accessible, asked for from the internet.
    Db2NotPubliclyAccessible = "DB2.not-publicly-accessible",
    /// A publicly accessible database whose subnets are not all public.
    Db2NotPublicSubnets = "DB2.not-public-subnets",
    /// Function → database in the same VPC: the local route, then SGs and NACLs decide.
    Db3SameVpc = "DB3.same-vpc",
    /// The target is in another VPC and no peering route leads there.
    Db3OtherVpc = "DB3.other-vpc",
    /// The target's VPC and the function's are joined by no peering connection at all.
    Db3NotConnected = "DB3.not-connected",
    /// The target is in another VPC, reached over a peering connection with routes both ways.
    Db3Peering = "DB3.peering",
    /// An EC2 instance with a public IP in a public subnet.
    Ec1PublicInstance = "EC1.public-instance",
    /// An EC2 instance with a public IP in a subnet without a route to an internet gateway.
    Ec1PrivateSubnet = "EC1.private-subnet",
    /// The S3 interface endpoint's private DNS needs a gateway endpoint for VPC clients.
    X2S3InterfaceDns = "X2.s3-interface-dns",
    /// STS through an endpoint needs the Regional STS hostname.
    X3StsRegional = "X3.sts-regional",
    /// SQS through an endpoint: HTTPS and new-style hostnames only.
    X4SqsHostnames = "X4.sqs-hostnames",
    /// Over IPv6, AWS APIs need their dual-stack endpoints.
    X7Ipv6DualStack = "X7.ipv6-dual-stack",

    // --- §11 cost ------------------------------------------------------------------------
    /// S3/DynamoDB traffic pays NAT processing where a free gateway endpoint would do.
    C1NatForGatewayService = "C1.nat-for-gateway-service",

    // --- Verdict summaries ---------------------------------------------------------------
    /// The answer differs between the function's subnets: which ones (and AZs) work, which not.
    FPartial = "F.partial",
    /// EFS: the function's subnet is in an AZ where the file system has no mount target.
    FStoreNoAddressInAz = "F.store-no-address-in-az",
    /// A data store without a public address: nothing on the internet connects to it.
    FStorePrivate = "F.store-private",
    /// An RDS Proxy and the database it fronts are in different VPCs.
    FProxyOtherVpc = "F.proxy-other-vpc",
    /// The port asked stands for a whole range a security group opens.
    FPortRange = "F.port-range",

    // --- §15 templates and the console ---------------------------------------------------
    /// A CIDR written with host bits: EC2 stores (and the engine evaluates) its network address.
    I1CidrHostBits = "I1.cidr-host-bits",

    // --- Design validation ---------------------------------------------------------------
    /// A CIDR that is not of the form address/prefix.
    VCidrMalformed = "V.cidr-malformed",
    /// A subnet CIDR outside every CIDR of its VPC.
    VSubnetOutsideVpc = "V.subnet-outside-vpc",
    /// Two subnets of one VPC overlap.
    VSubnetsOverlap = "V.subnets-overlap",
    /// Subnet sizes must be between /16 and /28 (IPv4) or /64 (IPv6).
    VSubnetSize = "V.subnet-size",
    /// A subnet has an IPv6 block but its VPC has none, or it lies outside it.
    VSubnetIpv6 = "V.subnet-ipv6",
    /// A reference to a component that does not exist.
    VDanglingReference = "V.dangling-reference",
    /// Two components share one id.
    VDuplicateId = "V.duplicate-id",
    /// A component refers to something in another VPC.
    VCrossVpcReference = "V.cross-vpc-reference",
    /// EFS: two mount targets in one Availability Zone.
    VStoreOnePerAz = "V.store-one-per-az",
    /// A data store's port outside 1–65535.
    VStorePort = "V.store-port",
    /// `publicly_accessible` on a product that has no public address.
    VStoreNotPublic = "V.store-not-public",
    /// A function's subnets lie in different VPCs.
    VFunctionMultipleVpcs = "V.function-multiple-vpcs",
    /// A function in a VPC needs at least one subnet and one security group.
    VFunctionIncompleteVpcConfig = "V.function-incomplete-vpc-config",
    /// A route to a gateway attached to another VPC (or to none).
    VRouteToOtherVpc = "V.route-to-other-vpc",
    /// Two routes in one table for the same destination.
    VDuplicateRoute = "V.duplicate-route",
    /// A route whose destination family does not fit its target (IPv4 to an egress-only gateway …).
    VRouteFamily = "V.route-family",
    /// A NACL rule number outside 1–32766, or used twice.
    VNaclRuleNumber = "V.nacl-rule-number",
    /// A port range whose start is after its end.
    VPortRange = "V.port-range",
    /// More than one internet gateway attached to one VPC.
    VMultipleIgws = "V.multiple-igws",
    /// A name or id that is empty or too long.
    VBadName = "V.bad-name",
    /// A CIDR of the wrong IP family for its field (IPv6 where IPv4 is required, or the reverse).
    VCidrFamily = "V.cidr-family",
    /// A VPC IPv4 block (primary or secondary) outside the sizes AWS allows, /16 to /28.
    VVpcCidrSize = "V.vpc-cidr-size",
    /// Two IPv4 blocks of one VPC overlap.
    VVpcCidrsOverlap = "V.vpc-cidrs-overlap",
    /// A subnet without an Availability Zone, or with one outside the design's Region.
    VSubnetAz = "V.subnet-az",
    /// A required reference left empty (a subnet without a VPC, a NAT gateway without a subnet …).
    VMissingReference = "V.missing-reference",
    /// A list that names the same component twice.
    VDuplicateEntry = "V.duplicate-entry",
    /// A route whose target does not exist or is not attached: AWS keeps it as a blackhole.
    VBlackholeRoute = "V.blackhole-route",
    /// A non-local route for addresses inside the VPC's own CIDR (replacing or beating the local route).
    VRouteInsideVpc = "V.route-inside-vpc",
    /// A route with the `local` target for addresses outside every CIDR of the VPC.
    VLocalRouteOutsideVpc = "V.local-route-outside-vpc",
    /// An AWS-managed prefix list for a service that has none (only S3 and DynamoDB have one).
    VNoPrefixList = "V.no-prefix-list",
    /// A peering connection between a VPC and itself.
    VPeeringSameVpc = "V.peering-same-vpc",
    /// A peering connection between VPCs whose CIDR blocks overlap.
    VPeeringOverlap = "V.peering-overlap",
    /// An interface endpoint with no subnets: it has no network interface, so nothing uses it.
    VEndpointNoSubnets = "V.endpoint-no-subnets",
    /// A gateway endpoint associated with no route table: nothing routes to it.
    VEndpointNoRouteTables = "V.endpoint-no-route-tables",
    /// Two interface endpoints for one service in one VPC both with private DNS on.
    VDuplicatePrivateDns = "V.duplicate-private-dns",
    /// A publicly accessible database in a VPC without both DNS hostnames and DNS resolution.
    Db2DnsAttributes = "DB2.dns-attributes",
    /// A member of the file that the design format does not have, close to one it has.
    VMisspelledField = "V.misspelled-field",
    /// A member of the file that the design format does not have, close to none.
    VUnknownField = "V.unknown-field",
    /// A second peering connection between the same two VPCs.
    VPeeringDuplicate = "V.peering-duplicate",
    /// A VPC IPv4 block of 0.0.0.0/0: it claims every address, the internet's included.
    VVpcCidrEverything = "V.vpc-cidr-everything",
    /// The reply from another VPC takes a different peering connection between the same VPCs.
    Db3ReplyOverOtherPeering = "DB3.reply-over-other-peering",
}

impl fmt::Display for ExplanationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for ExplanationId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for ExplanationId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        ExplanationId::from_code(&code)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown explanation id {code:?}")))
    }
}

/// The argument names catalogue texts use as `{placeholders}` (the shared vocabulary).
/// Message arguments are named by these constants, so a name costs no allocation.
pub const ARG_NAMES: [&str; 34] = [
    "function",
    "subnet",
    "subnets",
    "az",
    "azs",
    "vpc",
    "other_vpc",
    "route_table",
    "destination",
    "route",
    "target",
    "nat",
    "nat_subnet",
    "igw",
    "eigw",
    "endpoint",
    "service",
    "sg",
    "sgs",
    "nacl",
    "rule",
    "port",
    "protocol",
    "peering",
    "component",
    "field",
    "value",
    "expected",
    "other",
    "count",
    "limit",
    "cost",
    "saving",
    "gb",
];

/// The vocabulary constant spelled `name`, if it is one.
pub fn arg_name(name: &str) -> Option<&'static str> {
    ARG_NAMES.iter().copied().find(|n| *n == name)
}

/// A catalogue sentence with its arguments filled in later, in the reader's language.
///
/// Argument names are the `{placeholders}` of the catalogue texts ([`ARG_NAMES`]:
/// `function`, `subnet`, `nat`, `port` …); values are already display names or numbers,
/// shared (`Arc<str>`) so that messages repeating a name do not copy it. Serialized as a
/// list of `[name, value]` pairs; deserializing an unknown name is an error.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub id: ExplanationId,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "deserialize_args"
    )]
    pub args: Vec<(&'static str, Arc<str>)>,
}

fn deserialize_args<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<(&'static str, Arc<str>)>, D::Error> {
    let raw: Vec<(String, Arc<str>)> = Deserialize::deserialize(d)?;
    raw.into_iter()
        .map(|(name, value)| match arg_name(&name) {
            Some(name) => Ok((name, value)),
            None => Err(serde::de::Error::custom(format!("unknown message argument `{name}`"))),
        })
        .collect()
}

impl Message {
    pub fn new(id: ExplanationId) -> Self {
        Message { id, args: Vec::new() }
    }
    /// Adds an argument; chainable: `Message::new(id).arg("function", name)`.
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, Arc::from(value.to_string())));
        self
    }
    /// Adds an argument whose value is already shared (no copy).
    pub fn arg_shared(mut self, name: &'static str, value: Arc<str>) -> Self {
        self.args.push((name, value));
        self
    }
    /// The value of the argument `name`, if given.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, v)| &**v)
    }
    /// The placeholders of this message's sentence that it gives no argument for at all: an
    /// engine mistake (its sentence would read "the subnet" where a name belongs), which
    /// tests look for. An argument given as empty text (a value the user left empty) is not
    /// missing.
    pub fn missing_args(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        let mut rest = self.entry().en;
        while let Some(start) = rest.find('{') {
            let after = &rest[start + 1..];
            let Some(end) = after.find('}') else { break };
            let name = &after[..end];
            if !self.args.iter().any(|(k, _)| *k == name) {
                if let Some(name) = arg_name(name).filter(|n| !missing.contains(n)) {
                    missing.push(name);
                }
            }
            rest = &after[end + 1..];
        }
        missing
    }
    /// The catalogue entry behind this message.
    pub fn entry(&self) -> &'static Entry {
        entry(self.id)
    }
    /// The sentence in `lang`, arguments substituted.
    pub fn render(&self, lang: Lang) -> String {
        render(self, lang)
    }
    /// `template` (this message's text from elsewhere, such as Chinese texts loaded at run
    /// time) with this message's arguments substituted, as [`render`] does; `missing` gives
    /// the wording for an argument that is missing or empty (see [`missing_arg`]).
    pub fn fill_with(&self, template: &str, missing: &dyn Fn(&str) -> &'static str) -> String {
        fill(template, &self.args, missing)
    }
}

/// The catalogue entry for an id.
pub fn entry(id: ExplanationId) -> &'static Entry {
    CATALOGUE
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("catalogue has no entry for {id}; the catalogue test lists them"))
}

/// Fills `{name}` placeholders of the entry's text in `lang` with the message's arguments.
/// An argument the text does not use is ignored; a placeholder whose argument is missing or
/// empty reads as [`missing_arg`] says ("the subnet", "(empty)"), so a sentence is always
/// whole.
pub fn render(msg: &Message, lang: Lang) -> String {
    let e = entry(msg.id);
    let template = match lang {
        Lang::En => e.en,
        Lang::Zh => e.zh,
    };
    fill(template, &msg.args, &|name| missing_arg(name, lang))
}

/// What a sentence in `lang` says where the argument `name` is missing or empty. Without the
/// Chinese texts compiled in (the web build), Chinese falls back to the English wording; the
/// app passes its fetched Chinese words to [`Message::fill_with`] instead.
pub fn missing_arg(name: &str, lang: Lang) -> &'static str {
    match MISSING_ARGS.iter().find(|(n, _, _)| *n == name) {
        Some((_, en, zh)) => match lang {
            Lang::Zh if !zh.is_empty() => zh,
            _ => en,
        },
        // Not a name of the vocabulary (the catalogue test keeps them out): still no brace.
        None => "…",
    }
}

fn fill(template: &str, args: &[(&'static str, Arc<str>)], missing: &dyn Fn(&str) -> &'static str) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            // A brace that opens nothing: kept as text.
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let name = &after[..end];
        match args.iter().find(|(k, v)| *k == name && !v.trim().is_empty()) {
            Some((_, v)) => out.push_str(v),
            None => {
                let words = missing(name);
                // A stand-in that opens a sentence starts with a capital ("The subnet …").
                let opens = out.is_empty() || out.ends_with(". ") || out.ends_with("? ");
                match words.chars().next() {
                    Some(c) if opens && c.is_ascii_lowercase() => {
                        out.push(c.to_ascii_uppercase());
                        out.push_str(&words[1..]);
                    }
                    _ => out.push_str(words),
                }
            }
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_substitutes_named_arguments_and_words_missing_or_empty_ones() {
        let en = |name: &str| missing_arg(name, Lang::En);
        let args: Vec<(&'static str, Arc<str>)> = vec![("function", "orders-fn".into()), ("subnet", " ".into())];
        assert_eq!(
            fill("None of {sgs} lets {function} out", &args, &en),
            "None of its security groups lets orders-fn out"
        );
        assert_eq!(
            fill("{subnet} is full. {nat} is gone", &args, &en),
            "The subnet is full. The NAT gateway is gone"
        );
        assert_eq!(fill("in {subnet}", &args, &en), "in the subnet");
        assert_eq!(fill("{thing}", &args, &en), "…");
        assert_eq!(fill("no braces", &args, &en), "no braces");
        assert_eq!(fill("dangling {brace", &args, &en), "dangling {brace");
    }

    #[test]
    fn codes_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for &id in ExplanationId::ALL {
            assert!(seen.insert(id.code()), "duplicate code {}", id.code());
            assert_eq!(ExplanationId::from_code(id.code()), Some(id));
        }
    }

    #[test]
    fn message_arguments_round_trip_and_unknown_names_are_refused() {
        let m = Message::new(ExplanationId::L2Internet)
            .arg("function", "orders-fn")
            .arg("port", 443);
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(
            json,
            r#"{"id":"L2.internet","args":[["function","orders-fn"],["port","443"]]}"#
        );
        let back: Message = serde_json::from_str(&json).unwrap();
        assert_eq!(back, m);
        assert_eq!(back.get("port"), Some("443"));
        let bad = r#"{"id":"L2.internet","args":[["functio","orders-fn"]]}"#;
        let err = serde_json::from_str::<Message>(bad).unwrap_err().to_string();
        assert!(err.contains("unknown message argument `functio`"), "{err}");
    }
}

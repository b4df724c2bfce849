//! Parameters (rule I4): which ones shape the network, and the stand-ins for those that have
//! no value.
//!
//! Whether a parameter "feeds a network value" is decided by following its value, not by its
//! name: [`network_flow`] walks every resource's properties and follows `Ref`, `Fn::Sub`,
//! `Fn::If` (and the conditions it names), `Condition`, `Fn::FindInMap`, `Fn::Select` … from
//! each network property (a CIDR, a port, an AZ, a subnet/VPC/security-group id,
//! `PubliclyAccessible`, a Lambda `VpcConfig` …) and from the `Condition` of every network
//! resource, back to the parameters they read. A parameter without a value then gets a
//! stand-in ([`stand_in`]): the first `AllowedValues`, else a documented placeholder that
//! satisfies its type, `AllowedPattern`, `MinLength`/`MaxLength` and `MinValue`/`MaxValue`
//! where one of the candidates does.

use crate::tree::{Kind, Node};
use std::collections::{BTreeMap, BTreeSet};

/// A declared parameter, as the template writes it.
#[derive(Clone, Debug, Default)]
pub struct Declared {
    pub name: String,
    pub ty: String,
    pub default: Option<String>,
    pub allowed: Vec<String>,
    pub description: String,
    pub no_echo: bool,
    pub pattern: Option<String>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub min_value: Option<f64>,
    pub max_value: Option<f64>,
}

impl Declared {
    pub fn read(name: &str, decl: &Node) -> Declared {
        let text = |k: &str| decl.get(k).and_then(text_of);
        let num = |k: &str| text(k).and_then(|t| t.trim().parse::<f64>().ok());
        Declared {
            name: name.to_owned(),
            ty: text("Type").unwrap_or_else(|| "String".into()),
            default: text("Default"),
            allowed: match decl.get("AllowedValues").map(|a| &a.kind) {
                Some(Kind::Seq(items)) => items.iter().filter_map(text_of).collect(),
                _ => vec![],
            },
            description: text("Description").unwrap_or_default(),
            no_echo: text("NoEcho").is_some_and(|t| t.eq_ignore_ascii_case("true")),
            pattern: text("AllowedPattern"),
            min_length: num("MinLength").map(|n| n as usize),
            max_length: num("MaxLength").map(|n| n as usize),
            min_value: num("MinValue"),
            max_value: num("MaxValue"),
        }
    }
}

pub fn text_of(n: &Node) -> Option<String> {
    match &n.kind {
        Kind::Str(s) => Some(s.clone()),
        Kind::Bool(b) => Some(b.to_string()),
        Kind::Seq(items) => Some(items.iter().filter_map(text_of).collect::<Vec<_>>().join(",")),
        _ => None,
    }
}

/// Where a parameter's value reaches the network model.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Feed {
    /// What it reaches, in the template's words: `PrivateSubnet.CidrBlock`, `condition of NatGateway`.
    pub properties: Vec<String>,
    /// The property key of the first place it reaches (`CidrBlock`, `FromPort` …), which picks
    /// the kind of stand-in; empty for conditions.
    pub key: String,
    /// The resource type of that first place.
    pub resource_type: String,
    /// Logical ids whose components rest on the value: the resource, and every resource the
    /// same network property names (a route's table, a rule's group).
    pub components: Vec<String>,
}

/// Resource types that are part of (or may become part of) the network model: their
/// `Condition` decides whether a network component exists.
fn network_type(ty: &str) -> bool {
    const PREFIXES: [&str; 16] = [
        "AWS::EC2::",
        "AWS::RDS::",
        "AWS::Lambda::Function",
        "AWS::Serverless::Function",
        "AWS::EFS::",
        "AWS::ElastiCache::",
        "AWS::DocDB::",
        "AWS::Neptune::",
        "AWS::Redshift::",
        "AWS::AmazonMQ::",
        "AWS::MSK::",
        "AWS::OpenSearchService::Domain",
        "AWS::Elasticsearch::Domain",
        "AWS::ElasticLoadBalancingV2::",
        "AWS::S3::Bucket",
        "AWS::DynamoDB::",
    ];
    PREFIXES.iter().any(|p| ty.starts_with(p))
        || matches!(
            ty,
            "AWS::SQS::Queue" | "AWS::SecretsManager::Secret" | "AWS::Serverless::SimpleTable"
        )
}

/// Properties of EC2 resources that never change where traffic goes.
const EC2_NOT_NETWORK: [&str; 16] = [
    "Tags",
    "GroupDescription",
    "Description",
    "KeyName",
    "ImageId",
    "UserData",
    "InstanceType",
    "IamInstanceProfile",
    "BlockDeviceMappings",
    "Monitoring",
    "EbsOptimized",
    "CreditSpecification",
    "Volumes",
    "DisableApiTermination",
    "PropagateTagsToVolumeOnCreation",
    "LaunchTemplate",
];

/// Properties that carry network values wherever they appear (data stores, load balancers …).
const NETWORK_KEYS: [&str; 32] = [
    "VpcId",
    "SubnetId",
    "SubnetIds",
    "Subnets",
    "SecurityGroups",
    "SecurityGroupIds",
    "VpcSecurityGroupIds",
    "VPCSecurityGroups",
    "DBSubnetGroupName",
    "CacheSubnetGroupName",
    "SubnetGroupName",
    "DBClusterIdentifier",
    "Port",
    "Engine",
    "PubliclyAccessible",
    "AvailabilityZone",
    "AvailabilityZones",
    "PreferredAvailabilityZones",
    "MultiAZ",
    "VpcConfig",
    "VPCOptions",
    "VpcOptions",
    "BrokerNodeGroupInfo",
    "NetworkConfiguration",
    "DeploymentMode",
    "FileSystemId",
    "CidrBlock",
    "CidrIp",
    "IpAddress",
    "Scheme",
    "Listeners",
    "ClusterSubnetGroupName",
];

/// Whether `key` of a resource of type `ty` is a network value.
fn network_key(ty: &str, key: &str) -> bool {
    match ty {
        "AWS::Lambda::Function" | "AWS::Serverless::Function" => key == "VpcConfig",
        "AWS::S3::Bucket"
        | "AWS::SQS::Queue"
        | "AWS::SecretsManager::Secret"
        | "AWS::Serverless::SimpleTable"
        | "AWS::DynamoDB::Table"
        | "AWS::DynamoDB::GlobalTable" => false,
        _ if ty.starts_with("AWS::EC2::") => !EC2_NOT_NETWORK.contains(&key),
        _ => network_type(ty) && NETWORK_KEYS.contains(&key),
    }
}

/// What a node reads: parameters (from `names`) and resources, following conditions.
struct Reader<'a> {
    conditions: Option<&'a Node>,
    params: &'a BTreeSet<String>,
    cond_params: BTreeMap<String, BTreeSet<String>>,
}

impl Reader<'_> {
    fn condition(&mut self, name: &str, visiting: &mut Vec<String>) -> BTreeSet<String> {
        if let Some(p) = self.cond_params.get(name) {
            return p.clone();
        }
        if visiting.iter().any(|v| v == name) {
            return BTreeSet::new();
        }
        let Some(node) = self.conditions.and_then(|c| c.get(name)) else {
            return BTreeSet::new();
        };
        visiting.push(name.to_owned());
        let mut params = BTreeSet::new();
        let mut refs = Vec::new();
        self.walk(node, &mut params, &mut refs, visiting, 0);
        visiting.pop();
        self.cond_params.insert(name.to_owned(), params.clone());
        params
    }

    fn name(&self, name: &str, params: &mut BTreeSet<String>, refs: &mut Vec<String>) {
        let name = name.split('.').next().unwrap_or(name);
        if self.params.contains(name) {
            params.insert(name.to_owned());
        } else if !name.starts_with("AWS::") && !refs.iter().any(|r| r == name) {
            refs.push(name.to_owned());
        }
    }

    fn walk(
        &mut self,
        node: &Node,
        params: &mut BTreeSet<String>,
        refs: &mut Vec<String>,
        visiting: &mut Vec<String>,
        depth: usize,
    ) {
        if depth > crate::tree::MAX_DEPTH {
            return;
        }
        if let Some((f, arg)) = node.intrinsic() {
            match f {
                "Ref" => {
                    if let Some(n) = arg.as_str() {
                        self.name(n, params, refs);
                    }
                    return;
                }
                "Fn::GetAtt" => {
                    let target = match &arg.kind {
                        Kind::Str(s) => s.split('.').next().map(str::to_owned),
                        Kind::Seq(items) => items.first().and_then(Node::as_str).map(str::to_owned),
                        _ => None,
                    };
                    if let Some(t) = target {
                        self.name(&t, params, refs);
                    }
                    if let Kind::Seq(items) = &arg.kind {
                        for i in items.iter().skip(1) {
                            self.walk(i, params, refs, visiting, depth + 1);
                        }
                    }
                    return;
                }
                "Condition" => {
                    if let Some(c) = arg.as_str() {
                        params.extend(self.condition(c, visiting));
                    }
                    return;
                }
                "Fn::If" => {
                    if let Kind::Seq(items) = &arg.kind {
                        if let Some(c) = items.first().and_then(Node::as_str) {
                            params.extend(self.condition(c, visiting));
                        }
                        for i in items.iter().skip(1) {
                            self.walk(i, params, refs, visiting, depth + 1);
                        }
                    }
                    return;
                }
                "Fn::Sub" => {
                    let (names, vars) = crate::eval::sub_names(arg);
                    for name in names {
                        self.name(name, params, refs);
                    }
                    if let Some(v) = vars {
                        self.walk(v, params, refs, visiting, depth + 1);
                    }
                    return;
                }
                _ => {}
            }
        }
        match &node.kind {
            Kind::Seq(items) => items
                .iter()
                .for_each(|i| self.walk(i, params, refs, visiting, depth + 1)),
            Kind::Map(entries) => entries
                .iter()
                .for_each(|(_, v)| self.walk(v, params, refs, visiting, depth + 1)),
            _ => {}
        }
    }
}

/// For every declared parameter that reaches a network value: where it does. Parameters
/// absent from the map feed no network value (rule I4: they never change a verdict).
pub fn network_flow(
    resources: &[(String, Node)],
    conditions: Option<&Node>,
    declared: &BTreeSet<String>,
) -> BTreeMap<String, Feed> {
    let mut reader = Reader {
        conditions,
        params: declared,
        cond_params: BTreeMap::new(),
    };
    let ids: std::collections::HashSet<&str> = resources.iter().map(|(k, _)| k.as_str()).collect();
    let mut out: BTreeMap<String, Feed> = BTreeMap::new();
    // What each feed already holds, so a parameter used everywhere stays linear.
    let mut seen: BTreeMap<String, std::collections::HashSet<String>> = BTreeMap::new();
    let mut add = |param: &str, place: String, key: &str, ty: &str, components: &[String]| {
        let feed = out.entry(param.to_owned()).or_default();
        let seen = seen.entry(param.to_owned()).or_default();
        if feed.properties.is_empty() {
            feed.key = key.to_owned();
            feed.resource_type = ty.to_owned();
        }
        if seen.insert(format!("p:{place}")) {
            feed.properties.push(place);
        }
        for c in components {
            if seen.insert(format!("c:{c}")) {
                feed.components.push(c.clone());
            }
        }
    };
    for (id, r) in resources {
        let ty = r.get("Type").and_then(Node::as_str).unwrap_or_default();
        if !network_type(ty) {
            continue;
        }
        if let Some(c) = r.get("Condition").and_then(Node::as_str) {
            let mut visiting = Vec::new();
            for p in reader.condition(c, &mut visiting) {
                add(&p, format!("condition {c} of {id}"), "", ty, std::slice::from_ref(id));
            }
        }
        let Some(props) = r.get("Properties").and_then(Node::as_map) else {
            continue;
        };
        for (key, value) in props {
            if !network_key(ty, key) {
                continue;
            }
            let (mut params, mut refs) = (BTreeSet::new(), Vec::new());
            reader.walk(value, &mut params, &mut refs, &mut Vec::new(), 0);
            if params.is_empty() {
                continue;
            }
            let mut components = vec![id.clone()];
            components.extend(refs.into_iter().filter(|r| ids.contains(r.as_str())));
            for p in params {
                add(&p, format!("{id}.{key}"), key, ty, &components);
            }
        }
    }
    out
}

/// How many items each list parameter needs: one past the largest literal index of an
/// `Fn::Select [N, !Ref Param]` (so `!Select [2, !Ref Subnets]` gets three placeholders).
pub fn select_lengths(resources: &[(String, Node)], declared: &BTreeSet<String>) -> BTreeMap<String, usize> {
    fn walk(n: &Node, declared: &BTreeSet<String>, out: &mut BTreeMap<String, usize>, depth: usize) {
        if depth > crate::tree::MAX_DEPTH {
            return;
        }
        if let Some((
            "Fn::Select",
            Node {
                kind: Kind::Seq(items), ..
            },
        )) = n.intrinsic()
        {
            let index = items
                .first()
                .and_then(Node::as_str)
                .and_then(|i| i.trim().parse::<usize>().ok());
            let target = items
                .get(1)
                .and_then(Node::intrinsic)
                .and_then(|(f, a)| (f == "Ref").then_some(a));
            if let (Some(i), Some(name)) = (index, target.and_then(Node::as_str)) {
                if declared.contains(name) {
                    let e = out.entry(name.to_owned()).or_insert(0);
                    *e = (*e).max(i + 1);
                }
            }
        }
        match &n.kind {
            Kind::Seq(items) => items.iter().for_each(|i| walk(i, declared, out, depth + 1)),
            Kind::Map(entries) => entries.iter().for_each(|(_, v)| walk(v, declared, out, depth + 1)),
            _ => {}
        }
    }
    let mut out = BTreeMap::new();
    for (_, r) in resources {
        walk(r, declared, &mut out, 0);
    }
    out
}

/// Placeholder list items: `Name-1,Name-2…`, at least two and as many as `Fn::Select` needs.
pub fn id_list(name: &str, items: usize) -> String {
    (1..=items.max(2))
        .map(|i| format!("{name}-{i}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// A stand-in for a parameter without a value, and how it was chosen (for the report).
/// `items`: how many items a list needs (see [`select_lengths`]).
pub fn stand_in(
    d: &Declared,
    feed: Option<&Feed>,
    region: &str,
    counter: &mut usize,
    items: usize,
) -> (String, String) {
    if let Some(first) = d.allowed.first() {
        return (first.clone(), "the first of its AllowedValues".into());
    }
    let list = d.ty.starts_with("List<") || d.ty == "CommaDelimitedList";
    let inner =
        d.ty.strip_prefix("List<")
            .and_then(|t| t.strip_suffix('>'))
            .unwrap_or(&d.ty);
    let zone = |i: usize| format!("{region}{}", ["a", "b", "c"][i % 3]);
    if inner == "AWS::EC2::AvailabilityZone::Name" {
        let v = if list {
            (0..items.max(2)).map(zone).collect::<Vec<_>>().join(",")
        } else {
            zone(0)
        };
        return (v, "an Availability Zone of the Region".into());
    }
    let key = feed.map(|f| f.key.as_str()).unwrap_or_default();
    let ty = feed.map(|f| f.resource_type.as_str()).unwrap_or_default();
    let mut candidates: Vec<(String, &str)> = Vec::new();
    let id_key = matches!(
        key,
        "VpcId"
            | "SubnetId"
            | "SubnetIds"
            | "Subnets"
            | "SecurityGroups"
            | "SecurityGroupIds"
            | "VpcSecurityGroupIds"
            | "VPCSecurityGroups"
            | "GroupId"
            | "SourceSecurityGroupId"
            | "DestinationSecurityGroupId"
            | "RouteTableId"
            | "RouteTableIds"
    ) || (key == "VpcConfig" && !list);
    if key.contains("Cidr") || key == "CidrBlock" {
        let c = if ty == "AWS::EC2::Subnet" {
            let n = *counter;
            *counter += 1;
            format!("10.0.{n}.0/24")
        } else {
            "10.0.0.0/16".into()
        };
        candidates.push((c, "a private address block"));
    } else if key.contains("Port") {
        candidates.push(("443".into(), "port 443"));
    } else if key.contains("AvailabilityZone") {
        candidates.push((zone(*counter), "an Availability Zone of the Region"));
    } else if matches!(
        key,
        "PubliclyAccessible" | "MapPublicIpOnLaunch" | "AssociatePublicIpAddress"
    ) || key.starts_with("Enable")
    {
        candidates.push(("false".into(), "false, AWS's default"));
    } else if id_key || (list && key == "VpcConfig") {
        let v = if list { id_list(&d.name, items) } else { d.name.clone() };
        candidates.push((v, "a placeholder id outside this template"));
    }
    if d.ty == "Number" || d.ty == "List<Number>" {
        let n = match (d.min_value, d.max_value) {
            (Some(min), _) => min,
            (None, Some(max)) if max < 1.0 => max,
            _ => 1.0,
        };
        let text = if n.fract() == 0.0 {
            format!("{}", n as i64)
        } else {
            n.to_string()
        };
        let why = if d.min_value.is_some() {
            "its MinValue"
        } else {
            "a placeholder number"
        };
        // A network candidate (port 443) stays first when the bounds allow it.
        let within = |c: &str| {
            c.trim()
                .parse::<f64>()
                .is_ok_and(|v| d.min_value.is_none_or(|m| v >= m) && d.max_value.is_none_or(|m| v <= m))
        };
        candidates.retain(|(c, _)| within(c));
        candidates.push((text, why));
    }
    for c in ["assumed", "Assumed1", "assumed-value", "assumed_1", "a1", "1"] {
        candidates.push((c.to_owned(), "a placeholder"));
    }
    // Padded to MinLength and cut to MaxLength, each candidate is tried against the pattern.
    let fit = |c: &str| -> String {
        let mut c = c.to_owned();
        if let Some(min) = d.min_length {
            let pad = c.chars().last().unwrap_or('a');
            while c.chars().count() < min {
                c.push(pad);
            }
        }
        if let Some(max) = d.max_length {
            c = c.chars().take(max).collect();
        }
        c
    };
    let pattern = d
        .pattern
        .as_deref()
        .and_then(|p| regex_lite::Regex::new(&format!("^(?:{p})$")).ok());
    let fits = |c: &str| {
        pattern.as_ref().is_none_or(|re| re.is_match(c))
            && d.min_length.is_none_or(|m| c.chars().count() >= m)
            && d.max_length.is_none_or(|m| c.chars().count() <= m)
    };
    for (c, why) in &candidates {
        let c = fit(c);
        if fits(&c) {
            return (c, (*why).to_owned());
        }
    }
    let (c, _) = &candidates[0];
    let why = match &d.pattern {
        Some(p) => format!("a placeholder; no stand-in matches its AllowedPattern {p}"),
        None => "a placeholder".into(),
    };
    (fit(c), why)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decl(yaml: &str) -> Declared {
        let n = crate::tree::parse_yaml(yaml).unwrap();
        Declared::read("P", &n)
    }

    #[test]
    fn stand_ins_follow_allowed_values_type_and_pattern() {
        let mut n = 0;
        let s = |d: &Declared, f: Option<&Feed>, n: &mut usize| stand_in(d, f, "eu-west-1", n, 0).0;
        assert_eq!(
            s(&decl("Type: String\nAllowedValues: [dev, prod]"), None, &mut n),
            "dev"
        );
        assert_eq!(s(&decl("Type: Number\nMinValue: 8\nMaxValue: 64"), None, &mut n), "8");
        assert_eq!(s(&decl("Type: Number"), None, &mut n), "1");
        let port = Feed {
            key: "FromPort".into(),
            resource_type: "AWS::EC2::SecurityGroup".into(),
            ..Feed::default()
        };
        assert_eq!(s(&decl("Type: Number"), Some(&port), &mut n), "443");
        assert_eq!(
            s(&decl("Type: Number\nMinValue: 1150"), Some(&port), &mut n),
            "1150",
            "443 is out of bounds"
        );
        assert_eq!(
            s(&decl("Type: AWS::EC2::AvailabilityZone::Name"), None, &mut n),
            "eu-west-1a"
        );
        // A password: letters and digits, 8 to 41 characters.
        let pw = s(
            &decl("Type: String\nMinLength: 8\nMaxLength: 41\nAllowedPattern: '[a-zA-Z0-9]*'"),
            None,
            &mut n,
        );
        assert_eq!(pw, "assumedd");
        // A bucket name: lower case, digits and hyphens.
        let bucket = s(
            &decl("Type: String\nAllowedPattern: '^[a-z0-9][a-z0-9-]*[a-z0-9]$'"),
            None,
            &mut n,
        );
        assert_eq!(bucket, "assumed");
        let cidr = Feed {
            key: "CidrBlock".into(),
            resource_type: "AWS::EC2::Subnet".into(),
            ..Feed::default()
        };
        let d = decl("Type: String\nAllowedPattern: '(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})'");
        assert_eq!(s(&d, Some(&cidr), &mut n), "10.0.0.0/24");
        assert_eq!(s(&d, Some(&cidr), &mut n), "10.0.1.0/24", "each subnet its own block");
        // Nothing matches: the first candidate, and the report says why.
        let (v, why) = stand_in(
            &decl("Type: String\nAllowedPattern: 'x{3}[0-9]'"),
            None,
            "us-east-1",
            &mut n,
            0,
        );
        assert_eq!(v, "assumed");
        assert!(
            why.contains("no stand-in matches its AllowedPattern x{3}[0-9]"),
            "{why}"
        );
    }
}

//! Evaluation of intrinsic functions, parameters, conditions, mappings and pseudo parameters.
//!
//! Values AWS only knows at deploy time get stand-ins that behave like the real thing: a
//! resource's `Ref` is its logical id (which is also its component id), `!GetAZs` lists three
//! zones of the Region, and a VPC's Amazon-provided IPv6 block is a /56 under `2600:1f18::/32`,
//! so `!Cidr [!Select [0, !GetAtt Vpc.Ipv6CidrBlocks], 4, 64]` gives real /64 subnets.

use crate::error::{Error, ErrorKind};
use crate::tree::{Kind, Node, Pos};
use std::collections::{BTreeMap, HashMap};

/// An evaluated value.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    Null,
    Bool(bool),
    Str(String),
    List(Vec<Val>),
    Map(Vec<(String, Val)>),
    /// `AWS::NoValue`: the property or list item is removed.
    NoValue,
}

impl Val {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Val::Str(s) => Some(s),
            _ => None,
        }
    }
    pub fn get(&self, key: &str) -> Option<&Val> {
        match self {
            Val::Map(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
    /// Text of a scalar (booleans as `true`/`false`).
    pub fn text(&self) -> Option<String> {
        match self {
            Val::Str(s) => Some(s.clone()),
            Val::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
    pub fn truthy(&self) -> Option<bool> {
        match self {
            Val::Bool(b) => Some(*b),
            Val::Str(s) if s.eq_ignore_ascii_case("true") => Some(true),
            Val::Str(s) if s.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }
    /// Items of a list, or a single value as a one-item list.
    pub fn items(&self) -> Vec<&Val> {
        match self {
            Val::List(l) => l.iter().collect(),
            Val::Null | Val::NoValue => vec![],
            v => vec![v],
        }
    }
}

/// Pseudo parameters and their stand-ins.
pub struct Pseudo {
    pub region: String,
    pub account: String,
    pub stack_name: String,
}

impl Pseudo {
    fn get(&self, name: &str) -> Option<Val> {
        let s = |v: &str| Some(Val::Str(v.to_owned()));
        match name {
            "AWS::Region" => s(&self.region),
            "AWS::AccountId" => s(&self.account),
            "AWS::StackName" => s(&self.stack_name),
            "AWS::StackId" => Some(Val::Str(format!(
                "arn:aws:cloudformation:{}:{}:stack/{}/00000000-0000-0000-0000-000000000000",
                self.region, self.account, self.stack_name
            ))),
            "AWS::Partition" => s(partition(&self.region)),
            "AWS::URLSuffix" => s(if self.region.starts_with("cn-") {
                "amazonaws.com.cn"
            } else {
                "amazonaws.com"
            }),
            "AWS::NotificationARNs" => Some(Val::List(vec![])),
            "AWS::NoValue" => Some(Val::NoValue),
            _ => None,
        }
    }
}

fn partition(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else {
        "aws"
    }
}

/// Everything evaluation reads, and the stand-ins it hands out.
pub struct Ctx<'t> {
    pub resources: &'t [(String, Node)],
    index: HashMap<&'t str, usize>,
    mappings: Option<&'t Node>,
    conditions: Option<&'t Node>,
    pub params: BTreeMap<String, Val>,
    pub pseudo: Pseudo,
    cond_cache: HashMap<String, bool>,
    cond_stack: Vec<String>,
    /// Resources whose properties are being evaluated for a `GetAtt` (cycle guard).
    att_stack: Vec<String>,
    /// Stand-in Amazon-provided IPv6 blocks, by VPC logical id, in the order handed out.
    pub ipv6_blocks: Vec<(String, String)>,
    /// `Fn::ImportValue` names met, in order.
    pub imports: Vec<String>,
    /// `GetAtt Vpc.DefaultSecurityGroup` met: (VPC id, security-group id).
    pub default_sgs: Vec<(String, String)>,
    /// The resource being evaluated, for error paths.
    pub current: String,
    /// Bytes of values produced so far (see [`crate::MAX_EVAL_BYTES`]).
    spent: usize,
}

fn bad(function: &str, why: impl Into<String>) -> Error {
    Error::new(ErrorKind::BadArguments {
        function: function.to_owned(),
        why: why.into(),
    })
}

impl<'t> Ctx<'t> {
    pub fn new(
        resources: &'t [(String, Node)],
        mappings: Option<&'t Node>,
        conditions: Option<&'t Node>,
        params: BTreeMap<String, Val>,
        pseudo: Pseudo,
    ) -> Self {
        let index = resources
            .iter()
            .enumerate()
            .map(|(i, (k, _))| (k.as_str(), i))
            .collect();
        Ctx {
            resources,
            index,
            mappings,
            conditions,
            params,
            pseudo,
            cond_cache: HashMap::new(),
            cond_stack: Vec::new(),
            att_stack: Vec::new(),
            ipv6_blocks: Vec::new(),
            imports: Vec::new(),
            default_sgs: Vec::new(),
            current: String::new(),
            spent: 0,
        }
    }

    pub fn resource(&self, id: &str) -> Option<&'t Node> {
        self.index.get(id).map(|&i| &self.resources[i].1)
    }

    pub fn resource_type(&self, id: &str) -> Option<&'t str> {
        self.resource(id).and_then(|r| r.get("Type")).and_then(Node::as_str)
    }

    /// Evaluates a node. `AWS::NoValue` entries vanish from mappings and lists.
    pub fn eval(&mut self, node: &Node) -> Result<Val, Error> {
        self.eval_depth(node, 0)
    }

    fn eval_depth(&mut self, node: &Node, depth: usize) -> Result<Val, Error> {
        if depth > crate::tree::MAX_DEPTH {
            return Err(Error::new(ErrorKind::TooDeep).with_pos(node.pos));
        }
        if let Some((name, arg)) = node.intrinsic() {
            let v = self.call(name, arg, depth).map_err(|e| e.with_pos(node.pos))?;
            self.spend(size(&v)).map_err(|e| e.with_pos(node.pos))?;
            return Ok(v);
        }
        Ok(match &node.kind {
            Kind::Null => Val::Null,
            Kind::Bool(b) => Val::Bool(*b),
            Kind::Str(s) => {
                self.spend(s.len() + 16).map_err(|e| e.with_pos(node.pos))?;
                Val::Str(s.clone())
            }
            Kind::Seq(items) => {
                let mut out = Vec::with_capacity(items.len());
                for i in items {
                    match self.eval_depth(i, depth + 1)? {
                        Val::NoValue => {}
                        v => out.push(v),
                    }
                }
                Val::List(out)
            }
            Kind::Map(entries) => {
                let mut out = Vec::with_capacity(entries.len());
                for (k, v) in entries {
                    match self.eval_depth(v, depth + 1)? {
                        Val::NoValue => {}
                        v => out.push((k.clone(), v)),
                    }
                }
                Val::Map(out)
            }
        })
    }

    /// Counts the bytes of a value produced; past [`crate::MAX_EVAL_BYTES`] evaluation stops.
    fn spend(&mut self, bytes: usize) -> Result<(), Error> {
        self.spent += bytes;
        if self.spent > crate::MAX_EVAL_BYTES {
            return Err(Error::new(ErrorKind::TooMuchWork));
        }
        Ok(())
    }

    fn text_arg(&mut self, function: &str, node: &Node, depth: usize) -> Result<String, Error> {
        match self.eval_depth(node, depth + 1)? {
            Val::Str(s) => Ok(s),
            Val::Bool(b) => Ok(b.to_string()),
            _ => Err(bad(function, "expects text here").with_pos(node.pos)),
        }
    }

    fn args<'n>(function: &str, arg: &'n Node, min: usize, max: usize) -> Result<&'n [Node], Error> {
        match &arg.kind {
            Kind::Seq(items) if (min..=max).contains(&items.len()) => Ok(items),
            _ if min == max => Err(bad(function, format!("expects a list of {min} items")).with_pos(arg.pos)),
            _ => Err(bad(function, format!("expects a list of {min} to {max} items")).with_pos(arg.pos)),
        }
    }

    fn call(&mut self, name: &str, arg: &Node, depth: usize) -> Result<Val, Error> {
        match name {
            "Ref" => {
                let Some(target) = arg.as_str() else {
                    return Err(bad("Ref", "expects the name of a resource or parameter"));
                };
                self.reference(target, "Ref")
            }
            "Condition" => {
                let Some(c) = arg.as_str() else {
                    return Err(bad("Condition", "expects the name of a condition"));
                };
                self.condition(c).map(Val::Bool)
            }
            "Fn::GetAtt" => {
                let (res, attr) = match &arg.kind {
                    Kind::Str(s) => match s.split_once('.') {
                        Some((r, a)) => (r.to_owned(), a.to_owned()),
                        None => return Err(bad(name, "expects `Resource.Attribute`")),
                    },
                    Kind::Seq(items) if items.len() == 2 => {
                        let r = items[0]
                            .as_str()
                            .ok_or_else(|| bad(name, "the resource must be a logical id").with_pos(items[0].pos))?
                            .to_owned();
                        (r, self.text_arg(name, &items[1], depth)?)
                    }
                    _ => return Err(bad(name, "expects [Resource, Attribute]")),
                };
                self.get_att(&res, &attr)
            }
            "Fn::Sub" => {
                let (template, vars) = match &arg.kind {
                    Kind::Str(s) => (s.clone(), Vec::new()),
                    Kind::Seq(items) if items.len() == 2 => {
                        let t = self.text_arg(name, &items[0], depth)?;
                        let mut vars = Vec::new();
                        let Some(map) = items[1].as_map() else {
                            return Err(
                                bad(name, "the second item must be a mapping of variables").with_pos(items[1].pos)
                            );
                        };
                        for (k, v) in map {
                            let v = self.text_arg(name, v, depth)?;
                            vars.push((k.clone(), v));
                        }
                        (t, vars)
                    }
                    _ => return Err(bad(name, "expects text, or [text, {variables}]")),
                };
                self.sub(&template, &vars).map(Val::Str)
            }
            "Fn::Join" => {
                let a = Self::args(name, arg, 2, 2)?;
                let delim = self.text_arg(name, &a[0], depth)?;
                let list = self.eval_depth(&a[1], depth + 1)?;
                let Val::List(items) = list else {
                    return Err(bad(name, "the second item must be a list").with_pos(a[1].pos));
                };
                let mut parts = Vec::with_capacity(items.len());
                for i in &items {
                    parts.push(
                        i.text()
                            .ok_or_else(|| bad(name, "can only join text").with_pos(a[1].pos))?,
                    );
                }
                Ok(Val::Str(parts.join(&delim)))
            }
            "Fn::Select" => {
                let a = Self::args(name, arg, 2, 2)?;
                let index = self.text_arg(name, &a[0], depth)?;
                let index: usize = index.trim().parse().map_err(|_| {
                    bad(name, format!("the index must be a whole number, not `{index}`")).with_pos(a[0].pos)
                })?;
                let list = self.eval_depth(&a[1], depth + 1)?;
                let Val::List(mut items) = list else {
                    return Err(bad(name, "the second item must be a list").with_pos(a[1].pos));
                };
                if index >= items.len() {
                    return Err(bad(
                        name,
                        format!("index {index} is past the end of a list of {}", items.len()),
                    ));
                }
                Ok(items.swap_remove(index))
            }
            "Fn::Split" => {
                let a = Self::args(name, arg, 2, 2)?;
                let delim = self.text_arg(name, &a[0], depth)?;
                let text = self.text_arg(name, &a[1], depth)?;
                if delim.is_empty() {
                    return Err(bad(name, "the delimiter cannot be empty"));
                }
                Ok(Val::List(text.split(&*delim).map(|s| Val::Str(s.to_owned())).collect()))
            }
            "Fn::GetAZs" => {
                let region = self.text_arg(name, arg, depth)?;
                let region = if region.is_empty() {
                    self.pseudo.region.clone()
                } else {
                    region
                };
                Ok(Val::List(
                    ["a", "b", "c"]
                        .iter()
                        .map(|z| Val::Str(format!("{region}{z}")))
                        .collect(),
                ))
            }
            "Fn::If" => {
                let a = Self::args(name, arg, 3, 3)?;
                let Some(c) = a[0].as_str() else {
                    return Err(bad(name, "the first item must be a condition name").with_pos(a[0].pos));
                };
                let c = self.condition(c).map_err(|e| e.with_pos(a[0].pos))?;
                self.eval_depth(if c { &a[1] } else { &a[2] }, depth + 1)
            }
            "Fn::Equals" => {
                let a = Self::args(name, arg, 2, 2)?;
                let x = self.eval_depth(&a[0], depth + 1)?;
                let y = self.eval_depth(&a[1], depth + 1)?;
                Ok(Val::Bool(match (x.text(), y.text()) {
                    (Some(x), Some(y)) => x == y,
                    _ => x == y,
                }))
            }
            "Fn::Not" => {
                let a = Self::args(name, arg, 1, 1)?;
                Ok(Val::Bool(!self.boolean(name, &a[0], depth)?))
            }
            "Fn::And" | "Fn::Or" => {
                let a = Self::args(name, arg, 2, 10)?;
                let mut out = name == "Fn::And";
                for c in a {
                    let v = self.boolean(name, c, depth)?;
                    out = if name == "Fn::And" { out && v } else { out || v };
                }
                Ok(Val::Bool(out))
            }
            "Fn::FindInMap" => {
                let a = Self::args(name, arg, 3, 4)?;
                let map = self.text_arg(name, &a[0], depth)?;
                let top = self.text_arg(name, &a[1], depth)?;
                let second = self.text_arg(name, &a[2], depth)?;
                let found = self
                    .mappings
                    .and_then(|m| m.get(&map))
                    .and_then(|m| m.get(&top))
                    .and_then(|m| m.get(&second));
                match (found, a.get(3)) {
                    (Some(v), _) => self.eval_depth(v, depth + 1),
                    (None, Some(default)) => {
                        let d = self.eval_depth(default, depth + 1)?;
                        d.get("DefaultValue")
                            .cloned()
                            .ok_or_else(|| bad(name, "the fourth item must be {DefaultValue: …}"))
                    }
                    (None, None) => Err(Error::new(ErrorKind::MissingMapping(format!(
                        "no value at Mappings.{map}.{top}.{second}"
                    )))),
                }
            }
            "Fn::Base64" => {
                let text = self.text_arg(name, arg, depth)?;
                Ok(Val::Str(base64(text.as_bytes())))
            }
            "Fn::Cidr" => {
                let a = Self::args(name, arg, 3, 3)?;
                let block = self.text_arg(name, &a[0], depth)?;
                let count = self.text_arg(name, &a[1], depth)?;
                let bits = self.text_arg(name, &a[2], depth)?;
                crate::cidr::cidr(&block, &count, &bits)
                    .map(|l| Val::List(l.into_iter().map(Val::Str).collect()))
                    .map_err(|why| bad(name, why))
            }
            "Fn::ImportValue" => {
                let export = self.text_arg(name, arg, depth)?;
                if !self.imports.contains(&export) {
                    self.imports.push(export.clone());
                }
                Ok(Val::Str(export))
            }
            "Fn::Transform" => Ok(Val::NoValue),
            "Fn::Length" => {
                let v = self.eval_depth(arg, depth + 1)?;
                match v {
                    Val::List(l) => Ok(Val::Str(l.len().to_string())),
                    _ => Err(bad(name, "expects a list")),
                }
            }
            "Fn::ToJsonString" => {
                let v = self.eval_depth(arg, depth + 1)?;
                Ok(Val::Str(to_json(&v).to_string()))
            }
            other => Err(Error::new(ErrorKind::UnknownFunction(other.to_owned()))),
        }
    }

    fn boolean(&mut self, function: &str, node: &Node, depth: usize) -> Result<bool, Error> {
        self.eval_depth(node, depth + 1)?
            .truthy()
            .ok_or_else(|| bad(function, "expects conditions (true or false)").with_pos(node.pos))
    }

    /// `Ref` (and `${Name}` in `Fn::Sub`): a parameter, a pseudo parameter, or a resource.
    fn reference(&mut self, name: &str, from: &str) -> Result<Val, Error> {
        if let Some(v) = self.params.get(name) {
            return Ok(v.clone());
        }
        if let Some(v) = self.pseudo.get(name) {
            return Ok(v);
        }
        if self.index.contains_key(name) {
            return Ok(Val::Str(name.to_owned()));
        }
        Err(Error::new(ErrorKind::MissingReference {
            name: name.to_owned(),
            from: from.to_owned(),
        }))
    }

    /// A condition's value, evaluated once.
    pub fn condition(&mut self, name: &str) -> Result<bool, Error> {
        if let Some(&v) = self.cond_cache.get(name) {
            return Ok(v);
        }
        if let Some(i) = self.cond_stack.iter().position(|c| c == name) {
            let mut cycle = self.cond_stack[i..].to_vec();
            cycle.push(name.to_owned());
            return Err(Error::new(ErrorKind::CircularCondition(cycle)));
        }
        let Some(node) = self.conditions.and_then(|c| c.get(name)) else {
            return Err(Error::new(ErrorKind::UnknownCondition(name.to_owned())));
        };
        self.cond_stack.push(name.to_owned());
        let v = self.eval(node).map(|v| v.truthy());
        self.cond_stack.pop();
        let v = v?.ok_or_else(|| bad(name, "a condition must be true or false").with_pos(node.pos))?;
        self.cond_cache.insert(name.to_owned(), v);
        Ok(v)
    }

    /// One property of a resource, evaluated (for `GetAtt`). Cycles are errors.
    pub fn property(&mut self, res: &str, prop: &str) -> Result<Option<Val>, Error> {
        let Some(node) = self
            .resource(res)
            .and_then(|r| r.get("Properties"))
            .and_then(|p| p.get(prop))
        else {
            return Ok(None);
        };
        if let Some(i) = self.att_stack.iter().position(|r| r == res) {
            let mut cycle = self.att_stack[i..].to_vec();
            cycle.push(res.to_owned());
            return Err(Error::new(ErrorKind::CircularDependency(cycle)).with_pos(node.pos));
        }
        self.att_stack.push(res.to_owned());
        let v = self.eval(node);
        self.att_stack.pop();
        v.map(Some)
    }

    /// The stand-in Amazon-provided IPv6 /56 of a VPC (the same one every time it is asked).
    pub fn ipv6_block(&mut self, vpc: &str) -> String {
        if let Some((_, b)) = self.ipv6_blocks.iter().find(|(v, _)| v == vpc) {
            return b.clone();
        }
        let i = self.ipv6_blocks.len();
        let segments = [
            0x2600,
            0x1f18,
            0x4a00 + (i / 256) as u16,
            ((i % 256) as u16) << 8,
            0,
            0,
            0,
            0,
        ];
        let block = format!("{}/56", std::net::Ipv6Addr::from(segments));
        self.ipv6_blocks.push((vpc.to_owned(), block.clone()));
        block
    }

    /// Whether a VPC gets an IPv6 block: its own `AmazonProvidedIpv6CidrBlock`/`Ipv6CidrBlock`
    /// via an `AWS::EC2::VPCCidrBlock`.
    fn vpc_ipv6(&mut self, vpc: &str) -> Result<Vec<Val>, Error> {
        let mut out = Vec::new();
        for (id, r) in self.resources {
            if r.get("Type").and_then(Node::as_str) != Some("AWS::EC2::VPCCidrBlock") {
                continue;
            }
            let Some(props) = r.get("Properties") else { continue };
            let target = match props.get("VpcId").and_then(|n| n.intrinsic()) {
                Some(("Ref", n)) => n.as_str().map(str::to_owned),
                Some(("Fn::GetAtt", n)) => match &n.kind {
                    Kind::Seq(items) => items.first().and_then(Node::as_str).map(str::to_owned),
                    _ => None,
                },
                _ => props.get("VpcId").and_then(Node::as_str).map(str::to_owned),
            };
            if target.as_deref() != Some(vpc) {
                continue;
            }
            if let Some(b) = self.property(id, "Ipv6CidrBlock")? {
                out.push(b);
            } else if props.get("AmazonProvidedIpv6CidrBlock").is_some() || props.get("Ipv6Pool").is_some() {
                out.push(Val::Str(self.ipv6_block(vpc)));
            }
        }
        Ok(out)
    }

    fn get_att(&mut self, res: &str, attr: &str) -> Result<Val, Error> {
        let Some(ty) = self.resource_type(res) else {
            return Err(Error::new(ErrorKind::MissingReference {
                name: res.to_owned(),
                from: "Fn::GetAtt".to_owned(),
            }));
        };
        let own = |v: Option<Val>| v.unwrap_or_else(|| Val::Str(format!("{res}.{attr}")));
        Ok(match (ty, attr) {
            ("AWS::EC2::VPC", "CidrBlock") => own(self.property(res, "CidrBlock")?),
            ("AWS::EC2::VPC", "Ipv6CidrBlocks") => Val::List(self.vpc_ipv6(res)?),
            ("AWS::EC2::VPC", "CidrBlockAssociations") => Val::List(vec![Val::Str(format!("{res}-cidr-assoc"))]),
            ("AWS::EC2::VPC", "DefaultSecurityGroup") => {
                let sg = format!("{res}DefaultSecurityGroup");
                if !self.default_sgs.iter().any(|(_, s)| *s == sg) {
                    self.default_sgs.push((res.to_owned(), sg.clone()));
                }
                Val::Str(sg)
            }
            ("AWS::EC2::VPC", "VpcId") => Val::Str(res.to_owned()),
            ("AWS::EC2::VPCCidrBlock", "Ipv6CidrBlock") => match self.property(res, "Ipv6CidrBlock")? {
                Some(v) => v,
                None => {
                    let vpc = self.property(res, "VpcId")?.and_then(|v| v.text()).unwrap_or_default();
                    Val::Str(self.ipv6_block(&vpc))
                }
            },
            ("AWS::EC2::Subnet", "AvailabilityZone") => match self.property(res, "AvailabilityZone")? {
                Some(v) => v,
                None => Val::Str(format!("{}a", self.pseudo.region)),
            },
            ("AWS::EC2::Subnet", "CidrBlock") => own(self.property(res, "CidrBlock")?),
            ("AWS::EC2::Subnet", "Ipv6CidrBlocks") => match self.property(res, "Ipv6CidrBlock")? {
                Some(v) => Val::List(vec![v]),
                None => Val::List(vec![]),
            },
            ("AWS::EC2::Subnet", "VpcId") | ("AWS::EC2::SecurityGroup", "VpcId") => own(self.property(res, "VpcId")?),
            (_, "GroupId" | "SubnetId" | "RouteTableId" | "Id" | "AllocationId" | "NetworkAclId") => {
                if attr == "AllocationId" {
                    Val::Str(format!("{res}.AllocationId"))
                } else {
                    Val::Str(res.to_owned())
                }
            }
            (_, "Arn") => {
                let service = ty.split("::").nth(1).unwrap_or("aws").to_ascii_lowercase();
                Val::Str(format!(
                    "arn:{}:{service}:{}:{}:{res}",
                    partition(&self.pseudo.region),
                    self.pseudo.region,
                    self.pseudo.account
                ))
            }
            // Attributes that are lists (network interfaces' addresses, endpoints' DNS entries …):
            // three stand-ins, so `!Select [N, !GetAtt …]` reads like the real thing.
            (_, a) if LIST_ATTRIBUTES.contains(&a) => {
                Val::List((1..=3).map(|i| Val::Str(format!("{res}.{attr}.{i}"))).collect())
            }
            _ => Val::Str(format!("{res}.{attr}")),
        })
    }

    /// `Fn::Sub`: `${Name}`, `${Resource.Attribute}`, `${!Literal}`, with local variables first.
    fn sub(&mut self, template: &str, vars: &[(String, String)]) -> Result<String, Error> {
        let mut out = String::with_capacity(template.len());
        let mut rest = template;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let Some(end) = after.find('}') else {
                return Err(bad("Fn::Sub", "a `${` is never closed"));
            };
            let name = &after[..end];
            if let Some(literal) = name.strip_prefix('!') {
                out.push_str("${");
                out.push_str(literal);
                out.push('}');
            } else if let Some((_, v)) = vars.iter().find(|(k, _)| k == name) {
                out.push_str(v);
            } else if let Some((res, attr)) = name.split_once('.').filter(|(r, _)| self.index.contains_key(r)) {
                let v = self.get_att(res, attr)?;
                out.push_str(
                    &v.text()
                        .ok_or_else(|| bad("Fn::Sub", format!("`${{{name}}}` is not text")))?,
                );
            } else {
                let v = self.reference(name, "Fn::Sub")?;
                match v {
                    Val::List(l) => {
                        let parts: Vec<String> = l.iter().filter_map(Val::text).collect();
                        out.push_str(&parts.join(","));
                    }
                    v => out.push_str(
                        &v.text()
                            .ok_or_else(|| bad("Fn::Sub", format!("`${{{name}}}` is not text")))?,
                    ),
                }
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

/// `Fn::GetAtt` attributes whose value is a list (CloudFormation resource reference, "Return
/// values"), beyond those read from the template.
const LIST_ATTRIBUTES: [&str; 8] = [
    "SecondaryPrivateIpAddresses",
    "Ipv6Addresses",
    "DnsEntries",
    "NetworkInterfaceIds",
    "Ipv6CidrBlockAssociations",
    "CidrBlockAssociations",
    "AvailabilityZones",
    "Endpoints",
];

/// A value as JSON (for `Fn::ToJsonString`).
fn to_json(v: &Val) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        Val::Null | Val::NoValue => J::Null,
        Val::Bool(b) => J::Bool(*b),
        Val::Str(s) => J::String(s.clone()),
        Val::List(l) => J::Array(l.iter().map(to_json).collect()),
        Val::Map(m) => J::Object(m.iter().map(|(k, v)| (k.clone(), to_json(v))).collect()),
    }
}

/// Standard Base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Every logical id a node depends on: `Ref`, `GetAtt`, and `${…}` names in `Fn::Sub`, with the
/// position of the reference. Names that are not resources are kept too (checked by the caller).
pub fn references(node: &Node, out: &mut Vec<(String, Pos, &'static str)>) {
    if let Some((name, arg)) = node.intrinsic() {
        match name {
            "Ref" => {
                if let Some(t) = arg.as_str() {
                    out.push((t.to_owned(), node.pos, "Ref"));
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
                    out.push((t, node.pos, "Fn::GetAtt"));
                }
            }
            "Fn::Sub" => {
                let (names, vars) = sub_names(arg);
                for name in names {
                    let target = name.split('.').next().unwrap_or(name);
                    out.push((target.to_owned(), node.pos, "Fn::Sub"));
                }
                if let Some(v) = vars {
                    references(v, out);
                }
                return;
            }
            _ => {}
        }
    }
    match &node.kind {
        Kind::Seq(items) => items.iter().for_each(|i| references(i, out)),
        Kind::Map(entries) => entries.iter().for_each(|(_, v)| references(v, out)),
        _ => {}
    }
}

/// What a value weighs for [`Ctx::spend`]: its texts' bytes, and 16 for each value.
fn size(v: &Val) -> usize {
    16 + match v {
        Val::Str(s) => s.len(),
        Val::List(items) => items.iter().map(size).sum(),
        Val::Map(m) => m.iter().map(|(k, v)| k.len() + size(v)).sum(),
        Val::Null | Val::Bool(_) | Val::NoValue => 0,
    }
}

/// What an `Fn::Sub` refers to: the `${Name}` variables of its text (not `${!Literal}` and not
/// the ones its own variable map defines), and that variable map.
pub(crate) fn sub_names(arg: &Node) -> (Vec<&str>, Option<&Node>) {
    let (text, vars) = match &arg.kind {
        Kind::Str(s) => (Some(s.as_str()), None),
        Kind::Seq(items) => (items.first().and_then(Node::as_str), items.get(1)),
        _ => (None, None),
    };
    let locals: Vec<&str> = vars
        .and_then(Node::as_map)
        .map(|m| m.iter().map(|(k, _)| k.as_str()).collect())
        .unwrap_or_default();
    let mut names = Vec::new();
    let mut rest = text.unwrap_or_default();
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else { break };
        let name = &after[..end];
        if !name.starts_with('!') && !locals.contains(&name) {
            names.push(name);
        }
        rest = &after[end + 1..];
    }
    (names, vars)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(i.as_bytes()), o);
        }
    }
}

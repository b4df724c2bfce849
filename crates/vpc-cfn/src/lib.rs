//! Imports AWS CloudFormation and SAM templates into VPC Playground designs.
//!
//! ```
//! let template = r#"
//! Resources:
//!   Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
//!   SubnetA:
//!     Type: AWS::EC2::Subnet
//!     Properties: { VpcId: !Ref Vpc, CidrBlock: !Select [0, !Cidr [!GetAtt Vpc.CidrBlock, 2, 8]] }
//!   Fn:
//!     Type: AWS::Lambda::Function
//!     Properties: { VpcConfig: { SubnetIds: [!Ref SubnetA], SecurityGroupIds: [] } }
//! "#;
//! let import = vpc_cfn::import(template, &[]).unwrap();
//! assert_eq!(import.document.subnets[0].cidr.as_str(), "10.0.0.0/24");
//! assert_eq!(import.report.modelled.len(), 3);
//! ```
//!
//! Stages, as in the engine: text → [`tree`] (positioned nodes; YAML short tags become their
//! long form) → evaluation (`eval`: parameters, conditions, mappings, pseudo parameters,
//! every intrinsic) → mapping (`map`: resources onto `vpc_engine::model::Document`, component
//! ids = logical ids) → a [`Report`] of what was modelled, what was not, and which values were
//! assumed. The result is an ordinary design: the engine analyses it like a drawn one.
//!
//! ## Why saphyr-parser for YAML
//! `serde_yaml` is archived. Of the maintained pure-Rust YAML 1.2 parsers, `yaml-rust2` and
//! `saphyr-parser` (its successor by the same maintainers) both expose an event stream with
//! tags and positions. We use `saphyr-parser`: it is only the parser (no DOM we would rebuild
//! anyway), it borrows scalars from the input (`Cow`), its events carry a start *and* end span,
//! and its only dependencies are `arraydeque` and `thiserror`; `yaml-rust2` also pulls a
//! hash-map crate and, by default, an encoding crate we do not need (templates are UTF-8 text).
//! JSON templates go through `serde_json`, which reports syntax errors with line and column.
//!
//! Nothing here panics on any input: malformed text is an [`Error`] with a line and column
//! where one exists (a property test feeds arbitrary and mutated templates).
#![deny(missing_docs)]

mod cidr;
mod error;
#[allow(missing_docs)]
mod eval;
#[allow(missing_docs)]
mod map;
#[allow(missing_docs)]
mod report;
#[allow(missing_docs)]
pub mod tree;

pub use error::{Error, ErrorKind, NeededParameter};
pub use report::{Modelled, NotModelled, Outside, ParameterUse, Report, OUTSIDE_SUFFIX};

use eval::{Ctx, Pseudo, Val};
use std::collections::BTreeMap;
use tree::{Kind, Node};
use vpc_engine::model::Document;

/// A template turned into a design, with the report of how.
#[derive(Clone, Debug)]
pub struct Import {
    /// The design: component ids are the template's logical ids; `layout` is empty.
    pub document: Document,
    /// What was modelled, what was not, which values were assumed.
    pub report: Report,
}

/// Larger templates are refused before parsing: CloudFormation's own limit for a template body
/// (stored in Amazon S3; 51,200 bytes when passed in the request), so nothing larger deploys.
/// <https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html>
pub const MAX_TEMPLATE_BYTES: usize = 1024 * 1024;

/// Most bytes of values evaluating a template's intrinsic functions may produce (each `!Ref`,
/// `!Join`, `!Sub` result counted), so a long value repeated by references stops early.
pub const MAX_EVAL_BYTES: usize = 64 * 1024 * 1024;

/// The SAM transform this importer applies.
pub const SAM_TRANSFORM: &str = "AWS::Serverless-2016-10-31";

/// Parameter types whose value is the id of something that exists outside the template: without
/// a value they become placeholder components instead of an error.
fn is_id_type(ty: &str) -> bool {
    let inner = ty.strip_prefix("List<").and_then(|t| t.strip_suffix('>')).unwrap_or(ty);
    matches!(
        inner,
        "AWS::EC2::VPC::Id" | "AWS::EC2::Subnet::Id" | "AWS::EC2::SecurityGroup::Id"
    )
}

fn is_list_type(ty: &str) -> bool {
    ty.starts_with("List<") || ty == "CommaDelimitedList"
}

/// Whether a text looks like a template rather than a design: JSON or YAML with `Resources`
/// or `AWSTemplateFormatVersion` at the top level. Cheap: designs are JSON without either key.
pub fn looks_like_template(text: &str) -> bool {
    let t = text.trim_start();
    if t.starts_with('{') {
        // Only the top-level keys: the values are skipped, not built into a tree.
        match serde_json::from_str::<std::collections::HashMap<String, serde::de::IgnoredAny>>(t) {
            Ok(m) => m.contains_key("Resources") || m.contains_key("AWSTemplateFormatVersion"),
            Err(_) => t.contains("\"Resources\"") || t.contains("\"AWSTemplateFormatVersion\""),
        }
    } else {
        text.lines().any(|l| {
            l.starts_with("Resources:") || l.starts_with("AWSTemplateFormatVersion") || l.starts_with("Transform:")
        })
    }
}

/// Imports a template (JSON or YAML). `params` are `(name, value)` pairs, as `--param
/// Name=Value`; `AWS::Region` may be given to change the Region (default `us-east-1`).
pub fn import(text: &str, params: &[(String, String)]) -> Result<Import, Error> {
    if text.len() > MAX_TEMPLATE_BYTES {
        return Err(Error::new(ErrorKind::TemplateTooLarge { bytes: text.len() }));
    }
    // The one reader's decision on the text itself (a byte-order mark, or two), as for files.
    let text =
        vpc_engine::model::decode(text.as_bytes()).map_err(|e| Error::new(ErrorKind::Unreadable(e.to_string())))?;
    let json = text.trim_start().starts_with('{');
    let root = tree::parse(text)?;
    let Some(top) = root.as_map() else {
        return Err(
            Error::new(ErrorKind::NotATemplate("the text is not a mapping of sections".into())).with_pos(root.pos),
        );
    };
    let Some(resources) = root.get("Resources") else {
        return Err(Error::new(ErrorKind::NotATemplate("it has no `Resources` section".into())).with_pos(root.pos));
    };
    let Some(resources) = resources.as_map() else {
        return Err(Error::new(ErrorKind::NotATemplate(
            "`Resources` must be a mapping of logical ids".into(),
        ))
        .with_pos(resources.pos));
    };
    let _ = top;
    if resources.len() > vpc_engine::model::MAX_COMPONENTS {
        return Err(Error::new(ErrorKind::TooManyComponents {
            count: resources.len(),
            what: "resources",
        })
        .with_pos(root.get("Resources").map_or(root.pos, |r| r.pos)));
    }
    for (id, r) in resources {
        if r.get("Type").and_then(Node::as_str).is_none() {
            return Err(
                Error::new(ErrorKind::NotATemplate(format!("resource `{id}` has no `Type`")))
                    .with_pos(r.pos)
                    .with_path(|| format!("Resources.{id}")),
            );
        }
    }
    let mut report = Report {
        format: if json { "json" } else { "yaml" },
        ..Report::default()
    };
    let transforms: Vec<String> = match root.get("Transform").map(|t| &t.kind) {
        Some(Kind::Str(s)) => vec![s.clone()],
        Some(Kind::Seq(items)) => items.iter().filter_map(|n| n.as_str().map(str::to_owned)).collect(),
        _ => vec![],
    };
    for t in &transforms {
        if t != SAM_TRANSFORM {
            report.notes.push(format!(
                "Transform {t} is a macro the playground cannot run; resources are read as written"
            ));
        }
    }
    report.transforms = transforms.clone();
    let sam = transforms.iter().any(|t| t == SAM_TRANSFORM);

    let region = params
        .iter()
        .find(|(k, _)| k == "AWS::Region")
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| "us-east-1".into());
    let params: Vec<&(String, String)> = params.iter().filter(|(k, _)| k != "AWS::Region").collect();
    let values = parameters(&root, &params, &mut report)?;
    check_dependencies(resources, &values)?;

    // SAM: Globals.Function merged into every AWS::Serverless::Function.
    let globals = if sam {
        root.get("Globals").and_then(|g| g.get("Function"))
    } else {
        None
    };
    let merged: Vec<(String, Node)>;
    let resources: &[(String, Node)] = match globals {
        Some(g) => {
            merged = resources
                .iter()
                .map(|(id, r)| {
                    if r.get("Type").and_then(Node::as_str) != Some("AWS::Serverless::Function") {
                        return (id.clone(), r.clone());
                    }
                    let mut r = r.clone();
                    if let Kind::Map(entries) = &mut r.kind {
                        match entries.iter_mut().find(|(k, _)| k == "Properties") {
                            Some((_, p)) => *p = merge(g, p),
                            None => entries.push(("Properties".into(), g.clone())),
                        }
                    }
                    (id.clone(), r)
                })
                .collect();
            &merged
        }
        None => resources,
    };

    let pseudo = Pseudo {
        region: region.clone(),
        account: "123456789012".into(),
        stack_name: "playground-stack".into(),
    };
    let mut ctx = Ctx::new(resources, root.get("Mappings"), root.get("Conditions"), values, pseudo);
    let name = match root.get("Description").and_then(Node::as_str) {
        Some(d) => title(d),
        None => "Imported template".to_owned(),
    };
    let mut doc = Document::new(name);
    doc.region = region;
    let mut b = map::Builder::new(&mut ctx, doc, report);
    for (id, r) in resources {
        let ty = r.get("Type").and_then(Node::as_str).unwrap_or_default();
        let path = |p: &'static str| move || format!("Resources.{id}{p}");
        if let Some(c) = r.get("Condition") {
            let Some(cname) = c.as_str() else {
                return Err(Error::new(ErrorKind::UnknownCondition(String::new()))
                    .with_pos(c.pos)
                    .with_path(path(".Condition")));
            };
            let on = b
                .ctx
                .condition(cname)
                .map_err(|e| e.with_pos(c.pos).with_path(path(".Condition")))?;
            if !on {
                b.report.skipped.push(NotModelled {
                    id: id.clone(),
                    resource_type: ty.to_owned(),
                    reason: format!("condition {cname} is false"),
                    code: "condition",
                    name: cname.to_owned(),
                });
                continue;
            }
        }
        b.ctx.current = id.clone();
        let props = match r.get("Properties") {
            Some(p) => b
                .ctx
                .eval(p)
                .map_err(|e| e.with_pos(p.pos).with_path(path(".Properties")))?,
            None => Val::Map(vec![]),
        };
        b.resource(id, ty, &props).map_err(|e| e.with_path(path("")))?;
    }
    let (document, report) = b.finish();
    let count = document.components().count();
    if count > vpc_engine::model::MAX_COMPONENTS {
        return Err(Error::new(ErrorKind::TooManyComponents {
            count,
            what: "components once mapped",
        }));
    }
    Ok(Import { document, report })
}

/// Parameter values: given, else default, else a placeholder id for AWS id types; anything
/// still missing is one error listing every such parameter.
fn parameters(root: &Node, given: &[&(String, String)], report: &mut Report) -> Result<BTreeMap<String, Val>, Error> {
    let declared: &[(String, Node)] = root.get("Parameters").and_then(Node::as_map).unwrap_or(&[]);
    for (k, _) in given {
        if !declared.iter().any(|(d, _)| d == k) {
            return Err(Error::new(ErrorKind::UnknownParameter {
                name: k.clone(),
                declared: declared.iter().map(|(d, _)| d.clone()).collect(),
            }));
        }
    }
    let mut values = BTreeMap::new();
    let mut missing = Vec::new();
    for (name, decl) in declared {
        let ty = decl.get("Type").and_then(Node::as_str).unwrap_or("String").to_owned();
        let allowed: Vec<String> = match decl.get("AllowedValues").map(|a| &a.kind) {
            Some(Kind::Seq(items)) => items.iter().filter_map(text_of).collect(),
            _ => vec![],
        };
        let default = decl.get("Default").and_then(text_of);
        let (value, source) = match (given.iter().find(|(k, _)| k == name), default) {
            (Some((_, v)), _) => (v.clone(), "given"),
            (None, Some(d)) => (d, "default"),
            (None, None) if is_id_type(&ty) => {
                let v = if is_list_type(&ty) {
                    format!("{name}-1,{name}-2")
                } else {
                    name.clone()
                };
                (v, "outside")
            }
            (None, None) => {
                missing.push(NeededParameter {
                    name: name.clone(),
                    ty,
                    description: decl
                        .get("Description")
                        .and_then(Node::as_str)
                        .unwrap_or_default()
                        .to_owned(),
                    allowed,
                });
                continue;
            }
        };
        if source == "given" && !allowed.is_empty() && !allowed.contains(&value) {
            return Err(Error::new(ErrorKind::BadParameterValue {
                name: name.clone(),
                value,
                why: format!("allowed values are {}", allowed.join(", ")),
            }));
        }
        if ty == "Number" && value.trim().parse::<f64>().is_err() {
            return Err(Error::new(ErrorKind::BadParameterValue {
                name: name.clone(),
                value,
                why: "the parameter is a Number".into(),
            }));
        }
        let val = if is_list_type(&ty) {
            Val::List(value.split(',').map(|s| Val::Str(s.trim().to_owned())).collect())
        } else {
            Val::Str(value.clone())
        };
        report.parameters.push(ParameterUse {
            name: name.clone(),
            value,
            source,
        });
        values.insert(name.clone(), val);
    }
    if !missing.is_empty() {
        return Err(Error::new(ErrorKind::MissingParameters(missing)));
    }
    Ok(values)
}

/// A design name from a template's description: its first line, cut at a word near 100 characters.
fn title(description: &str) -> String {
    let line = description.lines().next().unwrap_or_default().trim();
    if line.chars().count() <= 100 {
        return line.to_owned();
    }
    let cut: String = line.chars().take(100).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

fn text_of(n: &Node) -> Option<String> {
    match &n.kind {
        Kind::Str(s) => Some(s.clone()),
        Kind::Bool(b) => Some(b.to_string()),
        Kind::Seq(items) => Some(items.iter().filter_map(text_of).collect::<Vec<_>>().join(",")),
        _ => None,
    }
}

const PSEUDO: [&str; 8] = [
    "AWS::Region",
    "AWS::AccountId",
    "AWS::StackName",
    "AWS::StackId",
    "AWS::Partition",
    "AWS::URLSuffix",
    "AWS::NotificationARNs",
    "AWS::NoValue",
];

/// Every `Ref`, `GetAtt`, `Sub` and `DependsOn` names something that exists, and resources do
/// not depend on each other in a circle (CloudFormation refuses both before deploying).
fn check_dependencies(resources: &[(String, Node)], params: &BTreeMap<String, Val>) -> Result<(), Error> {
    let index: std::collections::HashMap<&str, usize> = resources
        .iter()
        .enumerate()
        .map(|(i, (k, _))| (k.as_str(), i))
        .collect();
    let mut edges: Vec<Vec<(usize, tree::Pos)>> = vec![Vec::new(); resources.len()];
    for (i, (id, r)) in resources.iter().enumerate() {
        let mut refs = Vec::new();
        if let Some(p) = r.get("Properties") {
            eval::references(p, &mut refs);
        }
        if let Some(d) = r.get("DependsOn") {
            let names: Vec<&Node> = match &d.kind {
                Kind::Seq(items) => items.iter().collect(),
                _ => vec![d],
            };
            for n in names {
                if let Some(s) = n.as_str() {
                    refs.push((s.to_owned(), n.pos, "DependsOn"));
                }
            }
        }
        for (name, pos, from) in refs {
            match index.get(name.as_str()) {
                Some(&j) => edges[i].push((j, pos)),
                None if from != "DependsOn" && (params.contains_key(&name) || PSEUDO.contains(&name.as_str())) => {}
                None => {
                    return Err(Error::new(ErrorKind::MissingReference {
                        name,
                        from: from.to_owned(),
                    })
                    .with_pos(pos)
                    .with_path(|| format!("Resources.{id}")))
                }
            }
        }
    }
    // Iterative depth-first search; the first cycle found is reported from where it closes.
    let mut state = vec![0u8; resources.len()]; // 0 new, 1 on stack, 2 done
    for start in 0..resources.len() {
        if state[start] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&(to, pos)) = edges[node].get(*next) {
                *next += 1;
                match state[to] {
                    0 => {
                        state[to] = 1;
                        stack.push((to, 0));
                    }
                    1 => {
                        let from = stack.iter().position(|(n, _)| *n == to).unwrap_or(0);
                        let mut cycle: Vec<String> =
                            stack[from..].iter().map(|(n, _)| resources[*n].0.clone()).collect();
                        cycle.push(resources[to].0.clone());
                        let at = resources[node].0.clone();
                        return Err(Error::new(ErrorKind::CircularDependency(cycle))
                            .with_pos(pos)
                            .with_path(|| format!("Resources.{at}")));
                    }
                    _ => {}
                }
            } else {
                state[node] = 2;
                stack.pop();
            }
        }
    }
    Ok(())
}

/// SAM's Globals rule: mappings merge key by key, lists add up (globals first), the resource's
/// own scalar wins.
fn merge(global: &Node, local: &Node) -> Node {
    match (&global.kind, &local.kind) {
        (Kind::Map(g), Kind::Map(l)) if global.intrinsic().is_none() && local.intrinsic().is_none() => {
            let mut out = g.clone();
            for (k, v) in l {
                match out.iter_mut().find(|(gk, _)| gk == k) {
                    Some((_, gv)) => *gv = merge(gv, v),
                    None => out.push((k.clone(), v.clone())),
                }
            }
            Node::new(local.pos, Kind::Map(out))
        }
        (Kind::Seq(g), Kind::Seq(l)) => Node::new(local.pos, Kind::Seq(g.iter().chain(l).cloned().collect())),
        _ => local.clone(),
    }
}

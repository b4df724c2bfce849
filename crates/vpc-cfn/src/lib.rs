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
mod lenient;
#[allow(missing_docs)]
mod map;
#[allow(missing_docs)]
mod params;
#[allow(missing_docs)]
mod report;
#[allow(missing_docs)]
mod sam;
#[allow(missing_docs)]
pub mod tree;

pub use error::{Error, ErrorKind, NeededParameter};
pub use report::{Generated, Modelled, ModuleUse, NotModelled, Outside, ParameterUse, Report, OUTSIDE_SUFFIX};

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

/// The mark on the display name of a component whose network values rest on an assumed
/// parameter: `PrivateSubnet (assumes parameter SubnetCidr)`, so every sentence naming it
/// says so, as [`OUTSIDE_SUFFIX`] does for components outside the template.
pub const ASSUMES_MARK: &str = "(assumes parameter";

/// How an import treats what the template leaves open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Refuse a template whose parameters without a default are not all given (the
    /// behaviour before stand-ins), instead of assuming values for them.
    pub strict_params: bool,
}

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
/// Parameters without a value get stand-ins (see [`Options`] and the report's `parameters`).
pub fn import(text: &str, params: &[(String, String)]) -> Result<Import, Error> {
    import_with(text, params, Options::default())
}

/// Where each resource of the template is defined: a YAML node knows its position; JSON
/// nodes carry none, so the keys of a JSON template's `Resources` object are found in one
/// pass over its text ([`json_resource_keys`]).
fn positions(text: &str, resources: &[(String, Node)], json: bool) -> Vec<(String, u32, u32)> {
    let keys: std::collections::HashMap<String, (u32, u32)> = if json {
        // The first definition of a key, as a linear scan would find it.
        let mut m = std::collections::HashMap::new();
        for (k, line, column) in json_resource_keys(text) {
            m.entry(k).or_insert((line, column));
        }
        m
    } else {
        std::collections::HashMap::new()
    };
    resources
        .iter()
        .filter_map(|(id, r)| {
            if r.pos.known() {
                return Some((id.clone(), r.pos.line, r.pos.column));
            }
            keys.get(id).map(|&(line, column)| (id.clone(), line, column))
        })
        .collect()
}

/// The keys of the top-level `Resources` object of a JSON text, each with the 1-based line
/// and column of its opening quote. A scan that follows strings (with their escapes) and
/// nesting depth; text that is not JSON gives what it found so far.
fn json_resource_keys(text: &str) -> Vec<(String, u32, u32)> {
    let bytes = text.as_bytes();
    let (mut i, mut depth, mut line, mut line_start) = (0usize, 0usize, 1u32, 0usize);
    // Columns are counted in characters from the line's start; the count so far is kept
    // (`counted` characters up to byte `counted_to`), so a one-line JSON text stays linear.
    let (mut counted_to, mut counted) = (0usize, 0usize);
    // The depth of the Resources object once found, and the last string read with its start.
    let mut resources_depth: Option<usize> = None;
    let mut last: Option<(usize, usize)> = None;
    let mut out = Vec::new();
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                line += 1;
                line_start = i + 1;
            }
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                last = Some((start, i.min(bytes.len())));
            }
            b':' => {
                if let Some((s, e)) = last.take() {
                    let key: Option<String> = serde_json::from_str(&text[s..(e + 1).min(text.len())]).ok();
                    match (key, resources_depth) {
                        (Some(k), Some(d)) if depth == d => {
                            if counted_to < line_start {
                                (counted_to, counted) = (line_start, 0);
                            }
                            counted += text[counted_to..s].chars().count();
                            counted_to = s;
                            let column = counted + 1;
                            out.push((k, line, u32::try_from(column).unwrap_or(u32::MAX)));
                        }
                        (Some(k), None) if depth == 1 && k == "Resources" => resources_depth = Some(2),
                        _ => {}
                    }
                }
            }
            b'{' | b'[' => {
                depth += 1;
                last = None;
            }
            b'}' | b']' => {
                if resources_depth == Some(depth) {
                    break;
                }
                depth = depth.saturating_sub(1);
                last = None;
            }
            b',' => last = None,
            _ => {}
        }
        i += 1;
    }
    out
}

/// [`import`] with options.
pub fn import_with(text: &str, params: &[(String, String)], options: Options) -> Result<Import, Error> {
    if text.len() > MAX_TEMPLATE_BYTES {
        return Err(Error::new(ErrorKind::TemplateTooLarge { bytes: text.len() }));
    }
    // The one reader's decision on the text itself (a byte-order mark, or two), as for files.
    let text =
        vpc_engine::model::decode(text.as_bytes()).map_err(|e| Error::new(ErrorKind::Unreadable(e.to_string())))?;
    let json = text.trim_start().starts_with('{');
    let mut warnings = Vec::new();
    let root = lenient::parse(text, &mut warnings)?;
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
        warnings,
        positions: positions(text, resources, json),
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

    // SAM: Globals.Function merged into every AWS::Serverless::Function.
    let globals = if sam {
        root.get("Globals").and_then(|g| g.get("Function"))
    } else {
        None
    };
    // A copy of the resources only when SAM changes them (Globals merged, generated added).
    let mut all: std::borrow::Cow<[(String, Node)]> = match globals {
        Some(g) => resources
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
            .collect::<Vec<_>>()
            .into(),
        None => resources.into(),
    };
    // SAM: the resources the transform generates, so references to them resolve (rule I3).
    let generated: Vec<sam::Generated> = if sam {
        let mut g = sam::generated(&all);
        let mut names = Vec::new();
        for (_, r) in all.iter() {
            let mut refs = Vec::new();
            if let Some(p) = r.get("Properties") {
                eval::references(p, &mut refs);
            }
            names.extend(refs.into_iter().map(|(n, _, _)| n));
            match r.get("DependsOn").map(|d| &d.kind) {
                Some(Kind::Str(d)) => names.push(d.clone()),
                Some(Kind::Seq(items)) => names.extend(items.iter().filter_map(Node::as_str).map(str::to_owned)),
                _ => {}
            }
        }
        let hashed = sam::hashed_references(&names, &g, &all);
        g.extend(hashed);
        g
    } else {
        vec![]
    };
    if !generated.is_empty() {
        all.to_mut()
            .extend(generated.iter().map(|g| (g.id.clone(), sam::node(g))));
    }
    let resources: &[(String, Node)] = &all;

    let values = parameters(&root, resources, &params, &region, options, &mut report)?;
    check_dependencies(resources, &values)?;

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
        if let Some(g) = generated.iter().find(|g| g.id == *id) {
            b.out.report.generated.push(Generated {
                id: g.id.clone(),
                resource_type: g.ty.to_owned(),
                by: g.by.clone(),
            });
            continue;
        }
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
                b.out.report.skipped.push(NotModelled {
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
    let (mut document, report) = b.finish();
    mark_assumptions(&mut document, &report);
    let count = document.components().count();
    if count > vpc_engine::model::MAX_COMPONENTS {
        return Err(Error::new(ErrorKind::TooManyComponents {
            count,
            what: "components once mapped",
        }));
    }
    Ok(Import { document, report })
}

/// Names each component resting on an assumed network parameter after it
/// ([`ASSUMES_MARK`]), and lists the assumptions in the design's description.
fn mark_assumptions(doc: &mut Document, report: &Report) {
    let assumed: Vec<&ParameterUse> = report
        .parameters
        .iter()
        .filter(|p| p.source == "assumed" && p.network)
        .collect();
    if assumed.is_empty() {
        return;
    }
    let marks: std::collections::HashMap<String, String> = report
        .assumed_by_component()
        .into_iter()
        .map(|(id, params)| {
            let names: Vec<&str> = params.iter().map(|p| p.name.as_str()).collect();
            let plural = if names.len() > 1 { "s" } else { "" };
            (id.to_owned(), format!("{ASSUMES_MARK}{plural} {})", names.join(", ")))
        })
        .collect();
    vpc_import::mark_names(doc, &marks);
    let list: Vec<String> = assumed.iter().map(|p| format!("{}={}", p.name, p.value)).collect();
    let line = format!(
        "Assumed parameter values (the template has no default and none was given): {}.",
        list.join(", ")
    );
    doc.description = if doc.description.is_empty() {
        line
    } else {
        format!("{}\n{line}", doc.description)
    };
}

/// Parameter values: given, else default, else a placeholder id for AWS id types, else a
/// stand-in (rule I4) — or, with `strict_params`, one error listing every parameter without a
/// value. Given values are checked as CloudFormation checks them.
fn parameters(
    root: &Node,
    resources: &[(String, Node)],
    given: &[&(String, String)],
    region: &str,
    options: Options,
    report: &mut Report,
) -> Result<BTreeMap<String, Val>, Error> {
    let declared: &[(String, Node)] = root.get("Parameters").and_then(Node::as_map).unwrap_or(&[]);
    for (k, _) in given {
        if !declared.iter().any(|(d, _)| d == k) {
            return Err(Error::new(ErrorKind::UnknownParameter {
                name: k.clone(),
                declared: declared.iter().map(|(d, _)| d.clone()).collect(),
            }));
        }
    }
    let names: std::collections::BTreeSet<String> = declared.iter().map(|(d, _)| d.clone()).collect();
    let flow = params::network_flow(resources, root.get("Conditions"), &names);
    let lengths = params::select_lengths(resources, &names);
    let mut values = BTreeMap::new();
    let mut missing = Vec::new();
    let mut counter = 0;
    for (name, decl) in declared {
        let d = params::Declared::read(name, decl);
        let feed = flow.get(name);
        let mut why = String::new();
        let (value, source) = match (given.iter().find(|(k, _)| k == name), &d.default) {
            (Some((_, v)), _) => {
                check_given(&d, v)?;
                (v.clone(), "given")
            }
            (None, Some(def)) => (def.clone(), "default"),
            (None, None) if is_id_type(&d.ty) => {
                let v = if is_list_type(&d.ty) {
                    params::id_list(name, lengths.get(name).copied().unwrap_or(0))
                } else {
                    name.clone()
                };
                (v, "outside")
            }
            (None, None) if options.strict_params => {
                missing.push(NeededParameter {
                    name: name.clone(),
                    ty: d.ty.clone(),
                    description: d.description.clone(),
                    allowed: d.allowed.clone(),
                });
                continue;
            }
            (None, None) => {
                let items = lengths.get(name).copied().unwrap_or(0);
                let (v, w) = params::stand_in(&d, feed, region, &mut counter, items);
                why = w;
                (v, "assumed")
            }
        };
        let val = if is_list_type(&d.ty) {
            Val::List(value.split(',').map(|s| Val::Str(s.trim().to_owned())).collect())
        } else {
            Val::Str(value.clone())
        };
        report.parameters.push(ParameterUse {
            name: name.clone(),
            value: if d.no_echo { "****".into() } else { value },
            source,
            ty: d.ty.clone(),
            description: d.description.clone(),
            allowed: d.allowed.clone(),
            no_echo: d.no_echo,
            network: feed.is_some(),
            feeds: feed.map(|f| f.properties.clone()).unwrap_or_default(),
            components: feed.map(|f| f.components.clone()).unwrap_or_default(),
            why,
        });
        values.insert(name.clone(), val);
    }
    if !missing.is_empty() {
        return Err(Error::new(ErrorKind::MissingParameters(missing)));
    }
    Ok(values)
}

/// A given value, checked as CloudFormation checks it before deploying: `AllowedValues`,
/// `Number`, `AllowedPattern`, `MinLength`/`MaxLength`, `MinValue`/`MaxValue`.
fn check_given(d: &params::Declared, value: &str) -> Result<(), Error> {
    let bad = |why: String| {
        Err(Error::new(ErrorKind::BadParameterValue {
            name: d.name.clone(),
            value: if d.no_echo { "****".into() } else { value.to_owned() },
            why,
        }))
    };
    if !d.allowed.is_empty() && !d.allowed.iter().any(|a| a == value) {
        return bad(format!("allowed values are {}", d.allowed.join(", ")));
    }
    if d.ty == "Number" {
        let Ok(n) = value.trim().parse::<f64>() else {
            return bad("the parameter is a Number".into());
        };
        if let Some(min) = d.min_value.filter(|m| n < *m) {
            return bad(format!("the smallest value allowed is {min}"));
        }
        if let Some(max) = d.max_value.filter(|m| n > *m) {
            return bad(format!("the largest value allowed is {max}"));
        }
    } else {
        let len = value.chars().count();
        if let Some(min) = d.min_length.filter(|m| len < *m) {
            return bad(format!("it must have at least {min} characters"));
        }
        if let Some(max) = d.max_length.filter(|m| len > *m) {
            return bad(format!("it can have at most {max} characters"));
        }
        if let Some(p) = &d.pattern {
            if let Ok(re) = regex_lite::Regex::new(&format!("^(?:{p})$")) {
                if !re.is_match(value) {
                    return bad(format!("it must match the pattern {p}"));
                }
            }
        }
    }
    Ok(())
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

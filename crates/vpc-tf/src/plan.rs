//! A plan or state as Terraform prints it in JSON into an [`Evaluated`]:
//!
//! - `terraform plan -out plan.out && terraform show -json plan.out > plan.json`: resources
//!   from `planned_values` (the root module and its `child_modules`, recursively), values not
//!   known until apply from `resource_changes[].change.after_unknown`, and those that name
//!   another resource of the plan linked through the references Terraform records in
//!   `configuration` (`subnet_id` unknown, referring to `aws_subnet.private[0].id`, is
//!   `"aws_subnet.private[0]"`; a reference to a `count`/`for_each` resource without its index
//!   is the instance with the referrer's own index, else every instance, noted);
//! - `terraform show -json > state.json`: resources from `values`, whose attributes hold real
//!   AWS ids (`subnet-0abc`), rewritten to the addresses of the resources with those ids.
//!
//! In both, ids of resources that already exist (`vpc-0abc`) are rewritten to addresses the
//! same way; the ids of the objects AWS creates with a VPC become
//! `"<vpc>:default_security_group"`, `":main_route_table"` and `":default_network_acl"`.

use crate::config::{Error, Evaluated, Mode, ModuleCall, Origin, Resource, Variable};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Whether a text is a plan or state as `terraform show -json` prints it: a JSON object with
/// `format_version` and `planned_values`, `values` or `resource_changes` at the top level.
pub fn looks_like_plan(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if !t.starts_with('{') {
        return false;
    }
    match serde_json::from_str::<HashMap<String, serde::de::IgnoredAny>>(t) {
        Ok(m) => {
            m.contains_key("format_version")
                && (m.contains_key("planned_values") || m.contains_key("values") || m.contains_key("resource_changes"))
        }
        Err(_) => {
            t.contains("\"format_version\"")
                && (t.contains("\"planned_values\"") || t.contains("\"terraform_version\""))
        }
    }
}

fn error(file: &str, line: usize, column: usize, message: impl Into<String>) -> Error {
    Error {
        origin: Some(Origin {
            file: file.to_owned(),
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
        }),
        message: message.into(),
    }
}

/// Reads a plan or state JSON (`file` names it in errors and origins).
pub fn read(text: &str, file: &str) -> Result<Evaluated, Error> {
    let text = text.trim_start_matches('\u{feff}');
    let root: Value = serde_json::from_str(text).map_err(|e| {
        error(
            file,
            e.line(),
            e.column(),
            format!("not valid JSON: {e}; produce it with `terraform show -json plan.out > plan.json`"),
        )
    })?;
    let Some(top) = root.as_object() else {
        return Err(error(file, 1, 1, "a Terraform plan or state JSON is an object"));
    };
    let (format, module) = if let Some(p) = top.get("planned_values") {
        ("terraform-plan", p.get("root_module"))
    } else if let Some(v) = top.get("values") {
        ("terraform-state", v.get("root_module"))
    } else {
        return Err(error(
            file,
            1,
            1,
            "neither `planned_values` (a plan) nor `values` (a state) at the top level: produce a plan with \
             `terraform plan -out plan.out && terraform show -json plan.out > plan.json`, a state with \
             `terraform show -json > state.json`",
        ));
    };
    let origin = Origin {
        file: file.to_owned(),
        line: 1,
        column: 1,
    };
    // The provider's Region as the plan recorded it (`configuration.provider_config.aws`).
    let region = top
        .get("configuration")
        .and_then(|c| c.get("provider_config"))
        .and_then(|p| p.get("aws"))
        .and_then(|a| a.pointer("/expressions/region/constant_value"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let mut ev = Evaluated {
        format,
        region,
        ..Evaluated::default()
    };
    let mut indexes: HashMap<String, Value> = HashMap::new();
    if let Some(m) = module {
        collect(m, &origin, &mut ev.resources, &mut indexes, 0);
    }
    if let Some(version) = top.get("terraform_version").and_then(Value::as_str) {
        ev.notes
            .push(format!("{file}: as Terraform {version} evaluated it ({format})"));
    }
    if let Some(vars) = top.get("variables").and_then(Value::as_object) {
        for (name, v) in vars {
            let value = v.get("value").cloned().unwrap_or(Value::Null);
            ev.variables.push(Variable {
                name: name.clone(),
                value: match &value {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                },
                source: "plan".into(),
                sensitive: false,
                description: String::new(),
                used_by: vec![],
            });
        }
    }
    let config = top.get("configuration").and_then(|c| c.get("root_module"));
    if let Some(c) = config {
        module_calls(c, "", &origin, &mut ev.modules, 0);
    }
    if format == "terraform-plan" {
        let changes = top
            .get("resource_changes")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let unknown: HashMap<&str, &Value> = changes
            .iter()
            .filter_map(|c| {
                let addr = c.get("address")?.as_str()?;
                Some((addr, c.get("change")?.get("after_unknown")?))
            })
            .collect();
        for r in &mut ev.resources {
            if let Some(u) = unknown.get(r.address.as_str()) {
                let mut paths = Vec::new();
                unknown_paths(u, String::new(), &mut paths);
                r.unknown = paths;
            }
        }
    }
    rewrite_ids(&mut ev.resources);
    if let Some(c) = config {
        let notes = link_unknowns(&mut ev.resources, &indexes, c);
        ev.notes.extend(notes);
    }
    Ok(ev)
}

/// The resources of a module of `planned_values`/`values` and of its child modules.
fn collect(m: &Value, origin: &Origin, out: &mut Vec<Resource>, indexes: &mut HashMap<String, Value>, depth: usize) {
    if depth > 64 {
        return;
    }
    for r in m.get("resources").and_then(Value::as_array).into_iter().flatten() {
        let (Some(address), Some(rtype)) = (
            r.get("address").and_then(Value::as_str),
            r.get("type").and_then(Value::as_str),
        ) else {
            continue;
        };
        let mode = if r.get("mode").and_then(Value::as_str) == Some("data") {
            Mode::Data
        } else {
            Mode::Managed
        };
        if let Some(i) = r.get("index") {
            indexes.insert(address.to_owned(), i.clone());
        }
        out.push(Resource {
            address: address.to_owned(),
            mode,
            rtype: rtype.to_owned(),
            values: r.get("values").and_then(Value::as_object).cloned().unwrap_or_default(),
            unknown: vec![],
            origin: origin.clone(),
        });
    }
    for c in m.get("child_modules").and_then(Value::as_array).into_iter().flatten() {
        collect(c, origin, out, indexes, depth + 1);
    }
}

/// Module calls of `configuration`, every one expanded (Terraform evaluated them).
fn module_calls(m: &Value, prefix: &str, origin: &Origin, out: &mut Vec<ModuleCall>, depth: usize) {
    if depth > 64 {
        return;
    }
    for (name, call) in m.get("module_calls").and_then(Value::as_object).into_iter().flatten() {
        let address = format!("{prefix}module.{name}");
        out.push(ModuleCall {
            address: address.clone(),
            source: call
                .get("source")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            constraint: call
                .get("version_constraint")
                .and_then(Value::as_str)
                .map(str::to_owned),
            assumed_version: None,
            expanded: true,
            why: "expanded by Terraform itself (plan or state)".into(),
            origin: origin.clone(),
        });
        if let Some(inner) = call.get("module") {
            module_calls(inner, &format!("{address}."), origin, out, depth + 1);
        }
    }
}

/// The paths `after_unknown` marks `true`: `cidr_block`, `vpc_config.0.subnet_ids`,
/// `subnet_ids.1`.
fn unknown_paths(v: &Value, prefix: String, out: &mut Vec<String>) {
    let join = |k: &str| {
        if prefix.is_empty() {
            k.to_owned()
        } else {
            format!("{prefix}.{k}")
        }
    };
    match v {
        Value::Bool(true) if !prefix.is_empty() => out.push(prefix),
        Value::Object(m) => m.iter().for_each(|(k, x)| unknown_paths(x, join(k), out)),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| unknown_paths(x, join(&i.to_string()), out)),
        _ => {}
    }
}

/// Attributes holding the ids of the objects AWS creates with a VPC.
const VPC_IMPLICIT: &[(&str, &str)] = &[
    ("default_security_group_id", ":default_security_group"),
    ("default_route_table_id", ":main_route_table"),
    ("main_route_table_id", ":main_route_table"),
    ("default_network_acl_id", ":default_network_acl"),
];

/// Every AWS id (`id`, `arn`, a VPC's implicit objects' ids) to the address of its resource,
/// and every attribute holding one rewritten to that address.
fn rewrite_ids(resources: &mut [Resource]) {
    let mut ids: HashMap<String, String> = HashMap::new();
    for r in resources.iter() {
        for key in ["id", "arn"] {
            if let Some(v) = r.values.get(key).and_then(Value::as_str).filter(|v| !v.is_empty()) {
                ids.insert(v.to_owned(), r.address.clone());
            }
        }
    }
    // The VPC's own names for its implicit objects win over the aws_default_* resources
    // managing them: the mapping links those by these names.
    for r in resources.iter().filter(|r| r.rtype == "aws_vpc") {
        for (key, suffix) in VPC_IMPLICIT {
            if let Some(v) = r.values.get(*key).and_then(Value::as_str).filter(|v| !v.is_empty()) {
                ids.insert(v.to_owned(), format!("{}{suffix}", r.address));
            }
        }
    }
    fn walk(v: &mut Value, ids: &HashMap<String, String>) {
        match v {
            Value::String(s) => {
                if let Some(a) = ids.get(s.as_str()) {
                    *s = a.clone();
                }
            }
            Value::Array(a) => a.iter_mut().for_each(|x| walk(x, ids)),
            Value::Object(m) => m.values_mut().for_each(|x| walk(x, ids)),
            _ => {}
        }
    }
    for r in resources.iter_mut() {
        for (k, v) in r.values.iter_mut() {
            if k != "id" && k != "arn" {
                walk(v, &ids);
            }
        }
    }
}

/// The module segments of an address (`module.app`, `module.vpc[0]`) and the rest.
fn module_segments(address: &str) -> (Vec<String>, &str) {
    let mut segs = Vec::new();
    let mut rest = address;
    while let Some(after) = rest.strip_prefix("module.") {
        // The call's name, then an optional `[key]` (which may hold dots inside quotes).
        let name_end = after.find(['.', '[']).unwrap_or(after.len());
        let mut end = name_end;
        if after[name_end..].starts_with('[') {
            match after[name_end..].find(']') {
                Some(close) => end = name_end + close + 1,
                None => break,
            }
        }
        segs.push(format!("module.{}", &after[..end]));
        match after.get(end + 1..) {
            Some(r) if after[end..].starts_with('.') => rest = r,
            _ => {
                rest = "";
                break;
            }
        }
    }
    (segs, rest)
}

/// The call name of a module segment: `module.vpc[0]` → `vpc`.
fn call_name(seg: &str) -> &str {
    let name = seg.strip_prefix("module.").unwrap_or(seg);
    name.split('[').next().unwrap_or(name)
}

/// The configuration of the module at `segs` (the root for none).
fn module_at<'a>(root: &'a Value, segs: &[String]) -> Option<&'a Value> {
    let mut module = root;
    for seg in segs {
        module = module.get("module_calls")?.get(call_name(seg))?.get("module")?;
    }
    Some(module)
}

fn prefix_of(segs: &[String]) -> String {
    segs.iter().map(|s| format!("{s}.")).collect()
}

/// The configuration block of a resource by address without instance keys, and the
/// module segments it is in.
fn config_of<'a>(root: &'a Value, address: &str) -> Option<(&'a Value, Vec<String>)> {
    let (segs, rest) = module_segments(address);
    let base = strip_index(rest);
    let r = module_at(root, &segs)?
        .get("resources")?
        .as_array()?
        .iter()
        .find(|r| r.get("address").and_then(Value::as_str) == Some(base))?;
    Some((r, segs))
}

/// What a reference written in the module at `segs` names, followed through module
/// variables (`var.subnet_ids` → the calling module's argument) and module outputs
/// (`module.vpc.private_subnets` → the output's expression): full references of resources
/// (`module.vpc.aws_subnet.private`), in order.
fn chase(root: &Value, segs: &[String], reference: &str, depth: usize, out: &mut Vec<String>) {
    if depth > 16 {
        return;
    }
    let refs_of = |e: Option<&Value>| -> Vec<String> {
        e.and_then(|e| e.get("references"))
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect())
            .unwrap_or_default()
    };
    if let Some(var) = reference.strip_prefix("var.") {
        let name = var.split(['.', '[']).next().unwrap_or(var);
        let Some((call, parent)) = segs.split_last() else {
            return;
        };
        let arg = module_at(root, parent)
            .and_then(|m| m.get("module_calls"))
            .and_then(|c| c.get(call_name(call)))
            .and_then(|c| c.get("expressions"))
            .and_then(|e| e.get(name));
        for r in refs_of(arg) {
            chase(root, parent, &r, depth + 1, out);
        }
        return;
    }
    if reference.starts_with("module.") {
        let (inner, rest) = module_segments(reference);
        let Some(call) = inner.first() else { return };
        let output = rest.split(['.', '[']).next().unwrap_or(rest);
        if output.is_empty() {
            return;
        }
        let mut child = segs.to_vec();
        child.push(call.clone());
        let expr = module_at(root, &child)
            .and_then(|m| m.get("outputs"))
            .and_then(|o| o.get(output))
            .and_then(|o| o.get("expression"));
        for r in refs_of(expr) {
            chase(root, &child, &r, depth + 1, out);
        }
        return;
    }
    if ["local.", "each.", "count.", "path.", "terraform.", "self."]
        .iter()
        .any(|p| reference.starts_with(p))
    {
        return;
    }
    let full = format!("{}{reference}", prefix_of(segs));
    if !out.contains(&full) {
        out.push(full);
    }
}

/// `aws_subnet.private[0]` → `aws_subnet.private`.
fn strip_index(address: &str) -> &str {
    match address.rfind('[') {
        Some(i) if address.ends_with(']') && !address[i..].contains('.') => &address[..i],
        _ => address,
    }
}

/// The resources an attribute's references name, as addresses of instances of the plan:
/// `aws_subnet.private[0].id` → `aws_subnet.private[0]`; `aws_subnet.private` → the instance
/// with `index` (the referrer's), else every instance. `false` in the result's second part
/// when an index could not be matched.
fn referenced(
    refs: &[String],
    index: Option<&Value>,
    resources: &[Resource],
    indexes: &HashMap<String, Value>,
) -> (Vec<String>, bool) {
    let mut out: Vec<String> = Vec::new();
    let mut exact = true;
    let push = |a: String, out: &mut Vec<String>| {
        if !out.contains(&a) {
            out.push(a);
        }
    };
    // The longest reference names the instance; shorter ones repeat it.
    let mut seen_bases: Vec<String> = Vec::new();
    for full in refs {
        let full = full.clone();
        if let Some(res) = resources.iter().find(|x| x.address == full) {
            seen_bases.push(strip_index(&res.address).to_owned());
            push(res.address.clone(), &mut out);
            continue;
        }
        // `aws_subnet.private[0].id`: drop the attribute.
        if let Some((head, _)) = full.rsplit_once('.') {
            if let Some(res) = resources.iter().find(|x| x.address == head) {
                seen_bases.push(strip_index(&res.address).to_owned());
                push(res.address.clone(), &mut out);
                continue;
            }
        }
        // `aws_subnet.private`: a resource with instances.
        let base = full.clone();
        if seen_bases.contains(&base) {
            continue;
        }
        let instances: Vec<&Resource> = resources
            .iter()
            .filter(|x| strip_index(&x.address) == base && x.address != base)
            .collect();
        if instances.is_empty() {
            continue;
        }
        seen_bases.push(base);
        match index.and_then(|i| instances.iter().find(|x| indexes.get(&x.address) == Some(i))) {
            Some(x) => push(x.address.clone(), &mut out),
            None => {
                // Without the referrer's index (a splat, or a resource without `count`),
                // every instance is what the reference means.
                exact = exact && index.is_none();
                for x in instances {
                    push(x.address.clone(), &mut out);
                }
            }
        }
    }
    (out, exact)
}

/// The expression of an attribute path in a resource's `expressions`, and whether the path
/// ended inside a list attribute (an element index after the attribute).
fn expression<'a>(expressions: &'a Value, path: &[&str]) -> Option<(&'a Value, Option<usize>)> {
    let mut e = expressions;
    let mut i = 0;
    while i < path.len() {
        let key = path[i];
        e = e.get(key)?;
        i += 1;
        if let Value::Array(blocks) = e {
            // A nested block: the next segment is its instance.
            let n: usize = path.get(i)?.parse().ok()?;
            e = blocks.get(n).or_else(|| blocks.first())?;
            i += 1;
            continue;
        }
        if e.get("references").is_some() || e.get("constant_value").is_some() {
            let element = path.get(i).and_then(|p| p.parse().ok());
            return Some((e, element));
        }
    }
    None
}

/// Fills values unknown until apply that name other resources of the plan, from the
/// references of `configuration`. Returns notes for the links that are a guess.
fn link_unknowns(resources: &mut [Resource], indexes: &HashMap<String, Value>, config: &Value) -> Vec<String> {
    let mut notes = Vec::new();
    let mut fills: Vec<(usize, String, Value)> = Vec::new();
    for (ri, r) in resources.iter().enumerate() {
        if r.unknown.is_empty() {
            continue;
        }
        let Some((conf, segs)) = config_of(config, &r.address) else {
            continue;
        };
        let Some(expressions) = conf.get("expressions") else {
            continue;
        };
        for path in &r.unknown {
            let segments: Vec<&str> = path.split('.').collect();
            let Some((e, _)) = expression(expressions, &segments) else {
                continue;
            };
            let refs: Vec<&str> = e
                .get("references")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let mut full = Vec::new();
            for x in &refs {
                chase(config, &segs, x, 0, &mut full);
            }
            if full.is_empty() {
                continue;
            }
            let (found, exact) = referenced(&full, indexes.get(&r.address), resources, indexes);
            if found.is_empty() {
                continue;
            }
            if !exact {
                notes.push(format!(
                    "{}: {path} is not known until apply; it refers to {}, taken as {}",
                    r.address,
                    refs.join(", "),
                    found.join(", ")
                ));
            }
            fills.push((ri, path.clone(), Value::from(found)));
        }
    }
    for (ri, path, found) in fills {
        let r = &mut resources[ri];
        let segments: Vec<&str> = path.split('.').collect();
        if set(&mut r.values, &segments, found) {
            r.unknown.retain(|p| *p != path);
        }
    }
    notes
}

/// Sets the unknown value at `path` from the resources found: a scalar attribute takes the
/// first, a list attribute (or an element of one) the list. False when the path does not fit
/// the values.
fn set(values: &mut Map<String, Value>, path: &[&str], found: Value) -> bool {
    let Value::Array(found) = found else { return false };
    let Some((first, rest)) = path.split_first() else {
        return false;
    };
    let slot = values.entry((*first).to_owned()).or_insert(Value::Null);
    set_in(slot, first, rest, &found)
}

fn set_in(slot: &mut Value, key: &str, rest: &[&str], found: &[Value]) -> bool {
    match rest.split_first() {
        None => {
            let list = matches!(slot, Value::Array(_)) || key.ends_with('s');
            *slot = if list {
                Value::Array(found.to_vec())
            } else {
                found.first().cloned().unwrap_or(Value::Null)
            };
            true
        }
        Some((seg, more)) => {
            let Ok(n) = seg.parse::<usize>() else {
                let Value::Object(m) = slot else { return false };
                let inner = m.entry((*seg).to_owned()).or_insert(Value::Null);
                return set_in(inner, seg, more, found);
            };
            match slot {
                Value::Array(items) if more.is_empty() => {
                    // One element of a list attribute: the found resource not already in it.
                    let pick = found.iter().find(|f| !items.contains(f)).or_else(|| found.get(n));
                    match (items.get_mut(n), pick) {
                        (Some(item), Some(p)) => {
                            *item = p.clone();
                            true
                        }
                        _ => false,
                    }
                }
                Value::Array(items) => match items.get_mut(n) {
                    Some(item) => {
                        if item.is_null() {
                            *item = Value::Object(Map::new());
                        }
                        let Value::Object(m) = item else { return false };
                        let Some((k, more2)) = more.split_first() else {
                            return false;
                        };
                        let inner = m.entry((*k).to_owned()).or_insert(Value::Null);
                        set_in(inner, k, more2, found)
                    }
                    None => false,
                },
                Value::Null if more.is_empty() => {
                    *slot = Value::Array(found.to_vec());
                    true
                }
                _ => false,
            }
        }
    }
}

#[cfg(test)]
#[path = "plan/tests.rs"]
mod tests;

//! Module calls (local folders evaluated here, registry modules handed to the expander) and
//! the values of the root module's variables (defaults < terraform.tfvars < *.auto.tfvars <
//! --var-file < --var, as Terraform orders them).

use super::expr::{ModuleValues, Scope, Sink};
use super::value::{as_bool, as_f64, render};
use super::{attr_expr, parse, Decl, Evaluator, ParsedModule, SrcFile, VarValue, MAX_MODULE_DEPTH};
use crate::config::{Error, Input, ModuleCall, Origin, RegistryCall};
use hcl_edit::expr::{Expression, ObjectKey};
use hcl_edit::Span;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// The folder of a path relative to the root (`""` for a root file), `.` and `..` resolved.
pub fn parent(path: &str) -> String {
    let norm = join("", path).unwrap_or_else(|| path.to_string());
    norm.rfind('/').map(|i| norm[..i].to_string()).unwrap_or_default()
}

/// `dir` joined with a relative `source`, `.` and `..` resolved. A path may climb above the
/// root folder (`../shared/net`) when the files above it are given as `../shared/net/main.tf`;
/// `None` only for an absolute path.
pub fn join(dir: &str, source: &str) -> Option<String> {
    if source.starts_with('/') {
        return None;
    }
    let mut parts: Vec<&str> = Vec::new();
    for p in dir.split('/').chain(source.split('/')) {
        match p {
            "" | "." => {}
            ".." if parts.last().is_some_and(|l| *l != "..") => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// The broad kind of a `type` constraint: `string`, `number`, `bool`, `list`, `set`, `tuple`,
/// `map`, `object` or `any`.
pub fn type_kind(e: &Expression) -> &'static str {
    let name = match e {
        Expression::Variable(v) => v.as_str().to_string(),
        Expression::FuncCall(f) => f.name.name.as_str().to_string(),
        _ => return "any",
    };
    match name.as_str() {
        "string" => "string",
        "number" => "number",
        "bool" => "bool",
        "list" => "list",
        "set" => "set",
        "tuple" => "tuple",
        "map" => "map",
        "object" => "object",
        _ => "any",
    }
}

/// A value converted to a primitive type constraint as Terraform converts it ("3" → 3).
pub fn convert(v: Value, ty: &str) -> Value {
    match (ty, &v) {
        ("string", Value::Number(_) | Value::Bool(_)) => Value::String(super::value::to_display(&v)),
        ("number", Value::String(_)) => as_f64(&v).map(super::value::num).unwrap_or(v),
        ("bool", Value::String(_)) => as_bool(&v).map(Value::Bool).unwrap_or(v),
        ("set", Value::Array(a)) => {
            let mut a = a.clone();
            if a.iter().all(Value::is_string) {
                a.sort_by(|x, y| x.as_str().cmp(&y.as_str()));
                a.dedup();
            }
            Value::Array(a)
        }
        _ => v,
    }
}

/// A value converted to a variable's `type`: primitives converted ("3" → 3) and the defaults
/// of `optional(type, default)` attributes of objects filled in, as Terraform does.
pub fn apply_type(v: Value, ty: &Expression, scope: &Scope) -> Result<Value, Error> {
    let Expression::FuncCall(f) = ty else {
        return Ok(convert(v, type_kind(ty)));
    };
    let arg = f.args.get(0);
    Ok(match (f.name.name.as_str(), v, arg) {
        ("object", Value::Object(mut m), Some(Expression::Object(spec))) => {
            for (k, t) in spec.iter() {
                let key = match k {
                    ObjectKey::Ident(i) => i.as_str().to_string(),
                    ObjectKey::Expression(Expression::Variable(i)) => i.as_str().to_string(),
                    ObjectKey::Expression(e) => match e.as_str() {
                        Some(s) => s.to_string(),
                        None => continue,
                    },
                };
                let (inner, default, optional) = match t.expr() {
                    Expression::FuncCall(o) if o.name.name.as_str() == "optional" => {
                        (o.args.get(0), o.args.get(1), true)
                    }
                    other => (Some(other), None, false),
                };
                let present = m.get(&key).filter(|x| !x.is_null()).cloned();
                let value = match (present, default) {
                    (Some(x), _) => x,
                    (None, Some(d)) => scope.eval(d)?,
                    (None, None) if optional => Value::Null,
                    (None, None) => continue,
                };
                let value = match inner {
                    Some(t) if !value.is_null() => apply_type(value, t, scope)?,
                    _ => value,
                };
                m.insert(key, value);
            }
            Value::Object(m)
        }
        ("map", Value::Object(m), Some(t)) => Value::Object(
            m.into_iter()
                .map(|(k, x)| Ok((k, apply_type(x, t, scope)?)))
                .collect::<Result<_, Error>>()?,
        ),
        (kind @ ("list" | "set"), Value::Array(a), Some(t)) => convert(
            Value::Array(
                a.into_iter()
                    .map(|x| apply_type(x, t, scope))
                    .collect::<Result<_, _>>()?,
            ),
            if kind == "set" { "set" } else { "list" },
        ),
        (_, v, _) => v,
    })
}

/// A visible value for a variable that has none: by type, and for strings by name.
/// A visible value for a variable that has none: by type, and for strings by name. A string
/// stand-in `"var.NAME"` counts as unknown where a bool, number or collection is needed
/// ([`super::value::is_placeholder`]).
pub fn stand_in(name: &str, ty: &str) -> Value {
    let lower = name.to_lowercase();
    let ids = |n: usize| Value::Array((0..n).map(|i| Value::String(format!("var.{name}[{i}]"))).collect());
    match ty {
        // A list of ids given at deploy time (`subnet_ids`, `security_group_ids`): stand-ins
        // that name the variable, so what uses them is placed in something outside this
        // configuration, as it will be, instead of in nothing (a function with no subnets
        // would be read as outside any VPC: a different network altogether).
        "list" | "set" | "tuple" if lower.contains("subnet") && !lower.contains("cidr") => ids(2),
        "list" | "set" | "tuple"
            if lower.contains("security_group") || lower.split('_').any(|w| w == "sg" || w == "sgs") =>
        {
            ids(1)
        }
        "list" | "set" | "tuple" => Value::Array(vec![]),
        "map" | "object" => Value::Object(Map::new()),
        "number" => super::value::num(1.0),
        "bool" => Value::Bool(false),
        _ if lower.contains("cidr") => Value::String("10.0.0.0/16".into()),
        _ if lower.contains("region") => Value::String("us-east-1".into()),
        _ => Value::String(format!("var.{name}")),
    }
}

/// The root module's variables given from outside, by precedence.
pub fn root_inputs(
    input: &Input,
    root: &ParsedModule,
    warnings: &mut Vec<String>,
) -> Result<HashMap<String, VarValue>, Error> {
    // The declared type of each root variable decides how `--var` text is read.
    let mut types: HashMap<String, &'static str> = HashMap::new();
    for body in &root.bodies {
        for b in body.get_blocks("variable") {
            if let Some(l) = b.labels.first() {
                types.insert(
                    l.as_str().to_string(),
                    b.body
                        .get_attribute("type")
                        .map(|a| type_kind(&a.value))
                        .unwrap_or("any"),
                );
            }
        }
    }
    let mut out: HashMap<String, VarValue> = HashMap::new();
    let mut files: Vec<&(String, String)> = input.files.iter().filter(|(p, _)| !p.contains('/')).collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let ordered = files
        .iter()
        .filter(|(p, _)| p == "terraform.tfvars" || p == "terraform.tfvars.json")
        .chain(
            files
                .iter()
                .filter(|(p, _)| p.ends_with(".auto.tfvars") || p.ends_with(".auto.tfvars.json")),
        )
        .map(|f| (*f, "tfvars"))
        .chain(input.var_files.iter().map(|f| (f, "var-file")));
    for ((path, text), kind) in ordered {
        for (name, value) in read_tfvars(path, text, warnings)? {
            out.insert(
                name,
                VarValue {
                    value,
                    source: format!("{kind} ({path})"),
                    unknown: false,
                    derived: false,
                },
            );
        }
    }
    for (name, text) in &input.vars {
        let Some(ty) = types.get(name) else {
            return Err(Error {
                origin: None,
                message: format!(
                    "--var {name}: the root module declares no variable `{name}`; declare it or correct the name"
                ),
            });
        };
        let value = if matches!(*ty, "string" | "any") {
            Value::String(text.clone())
        } else {
            let file = format!("--var {name}");
            let expr = hcl_edit::parser::parse_expr(text).map_err(|e| Error {
                origin: Some(Origin {
                    file: file.clone(),
                    line: e.location().line() as u32,
                    column: e.location().column() as u32,
                }),
                message: format!(
                    "the value of a {ty} variable is read as an HCL expression: {}",
                    e.message()
                ),
            })?;
            constant(&SrcFile::new(&file, text), &expr)?
        };
        out.insert(
            name.clone(),
            VarValue {
                value,
                source: "var".into(),
                unknown: false,
                derived: false,
            },
        );
    }
    Ok(out)
}

/// A .tfvars (HCL) or .tfvars.json file's assignments.
fn read_tfvars(path: &str, text: &str, warnings: &mut Vec<String>) -> Result<Vec<(String, Value)>, Error> {
    if path.ends_with(".json") {
        return match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(m)) => Ok(m.into_iter().collect()),
            Ok(_) => Err(Error {
                origin: None,
                message: format!("{path}: a .tfvars.json file must hold one JSON object"),
            }),
            Err(e) => Err(Error {
                origin: Some(Origin {
                    file: path.into(),
                    line: e.line() as u32,
                    column: e.column() as u32,
                }),
                message: format!("invalid JSON: {e}"),
            }),
        };
    }
    let (body, file) = parse(path, text, warnings)?;
    let mut out = Vec::new();
    for a in body.attributes() {
        out.push((a.key.as_str().to_string(), constant(&file, &a.value)?));
    }
    if let Some(b) = body.blocks().next() {
        return Err(Error {
            origin: Some(file.origin(b.span().map(|s| s.start).unwrap_or(0))),
            message: "a .tfvars file holds only assignments (name = value), not blocks".into(),
        });
    }
    Ok(out)
}

/// An expression that may refer to nothing (tfvars values, `--var` values).
fn constant(file: &SrcFile, e: &Expression) -> Result<Value, Error> {
    let mv = ModuleValues::default();
    let sink = Sink::default();
    Scope::new(&mv, file, &sink).eval(e)
}

/// Arguments of a `module` block that are not the module's inputs.
const MODULE_META: &[&str] = &["source", "version", "count", "for_each", "providers", "depends_on"];

impl Evaluator<'_> {
    /// Evaluates a `module` block: the value `module.NAME` reads (its outputs; a list or map of
    /// them with `count`/`for_each`), and, for a module whose outputs are outside this
    /// configuration, the address its placeholders name.
    pub(super) fn call_module(
        &mut self,
        d: &Decl,
        file: &SrcFile,
        mv: &ModuleValues,
        dir: &str,
        prefix: &str,
        depth: usize,
    ) -> Result<(Value, Option<String>), Error> {
        let block = d.block;
        let name = d.label(0);
        let origin = file.origin(d.offset);
        let sink = std::rc::Rc::clone(&self.sink);
        let scope = Scope::new(mv, file, &sink);
        let source_expr = attr_expr(&block.body, "source")
            .ok_or_else(|| scope.err(block.span(), format!("module `{name}` has no `source`")))?;
        let source = match scope.eval(source_expr)? {
            Value::String(s) => s,
            other => {
                return Err(scope.err(
                    source_expr.span(),
                    format!("a module's `source` must be a string, not {}", render(&other)),
                ))
            }
        };
        let constraint = match attr_expr(&block.body, "version").map(|e| scope.eval(e)).transpose()? {
            Some(Value::String(s)) => Some(s),
            _ => None,
        };
        let base = format!("{prefix}module.{name}");
        let instances = self.instances(&block.body, &scope)?;
        let keyed = attr_expr(&block.body, "for_each").is_some();
        let list = instances.unwrap_or_else(|| {
            vec![super::Instance {
                suffix: String::new(),
                binds: vec![],
                assumed: false,
                key: None,
            }]
        });
        let local = source.starts_with("./") || source.starts_with("../");
        let mut values = Vec::new();
        let mut opaque = None;
        let mut seen_call = false;
        for inst in &list {
            for (n, v, d) in &inst.binds {
                scope.bind_derived(n, v.clone(), *d);
            }
            let mut inputs = Map::new();
            let mut unknown_inputs = Vec::new();
            let mut derived_inputs = Vec::new();
            let r = (|| -> Result<(), Error> {
                for a in block.body.attributes() {
                    let k = a.key.as_str();
                    if !MODULE_META.contains(&k) {
                        let (v, unk, derived) = scope.eval_full(&a.value)?;
                        if unk && v.is_null() {
                            unknown_inputs.push(k.to_string());
                        }
                        if derived {
                            derived_inputs.push(k.to_string());
                        }
                        inputs.insert(k.to_string(), v);
                    }
                }
                Ok(())
            })();
            scope.unbind(inst.binds.len());
            r?;
            let address = format!("{base}{}", inst.suffix);
            let value = if local {
                if depth + 1 > MAX_MODULE_DEPTH {
                    return Err(Error {
                        origin: Some(origin.clone()),
                        message: format!(
                            "modules nest deeper than {MAX_MODULE_DEPTH} calls; does `{source}` call itself?"
                        ),
                    });
                }
                let child_dir = join(dir, &source).ok_or_else(|| Error {
                    origin: Some(origin.clone()),
                    message: format!(
                        "module `{name}`: `{source}` is outside the folder given; the files given are: {}",
                        self.input
                            .files
                            .iter()
                            .map(|(p, _)| p.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                })?;
                let pm = ParsedModule::load(self.input, &child_dir, &mut self.out.warnings)?;
                if pm.files.is_empty() {
                    let given: Vec<&str> = self.input.files.iter().map(|(p, _)| p.as_str()).collect();
                    return Err(Error {
                        origin: Some(origin.clone()),
                        message: format!(
                            "module `{name}`: no .tf files in `{}` (source `{source}`); the files given are: {}. Add the module's folder",
                            if child_dir.is_empty() { "." } else { &child_dir },
                            given.join(", ")
                        ),
                    });
                }
                if !seen_call {
                    self.out.modules.push(ModuleCall {
                        address: base.clone(),
                        source: source.clone(),
                        constraint: constraint.clone(),
                        assumed_version: None,
                        expanded: true,
                        why: String::new(),
                        origin: origin.clone(),
                    });
                }
                let inputs = inputs
                    .into_iter()
                    .map(|(k, v)| {
                        let unknown = unknown_inputs.contains(&k);
                        let derived = derived_inputs.contains(&k);
                        let source = format!("module argument ({base})");
                        (
                            k,
                            VarValue {
                                value: v,
                                source,
                                unknown,
                                derived,
                            },
                        )
                    })
                    .collect();
                Value::Object(self.eval_module(&pm, &child_dir, &format!("{address}."), inputs, false, depth + 1)?)
            } else {
                let (outputs, call) = self.remote(&address, &base, &source, constraint.clone(), inputs, &origin);
                if !seen_call {
                    self.out.modules.push(call);
                }
                match outputs {
                    Some(o) => Value::Object(o),
                    None => {
                        opaque = Some(base.clone());
                        Value::Null
                    }
                }
            };
            seen_call = true;
            values.push((inst, value));
        }
        if !seen_call {
            self.out.modules.push(ModuleCall {
                address: base.clone(),
                source: source.clone(),
                constraint: constraint.clone(),
                assumed_version: None,
                expanded: false,
                why: "no instance: its count or for_each is empty or not known before apply".into(),
                origin: origin.clone(),
            });
            if !local {
                // Its outputs, were there instances, would be outside this configuration.
                opaque = Some(base.clone());
            }
        }
        if opaque.is_some() {
            return Ok((Value::Null, opaque));
        }
        Ok((
            match (!single_unkeyed(&list), keyed) {
                (false, _) => values.pop().map(|(_, v)| v).unwrap_or(Value::Null),
                (true, true) => Value::Object(
                    values
                        .into_iter()
                        .map(|(i, v)| (i.key.clone().unwrap_or_default(), v))
                        .collect(),
                ),
                (true, false) => Value::Array(values.into_iter().map(|(_, v)| v).collect()),
            },
            None,
        ))
    }

    /// A module from outside the configuration's files: registry modules go to the expander;
    /// git, http and other sources are never expanded.
    fn remote(
        &mut self,
        address: &str,
        base: &str,
        source: &str,
        constraint: Option<String>,
        inputs: Map<String, Value>,
        origin: &Origin,
    ) -> (Option<Map<String, Value>>, ModuleCall) {
        let mut call = ModuleCall {
            address: base.to_string(),
            source: source.to_string(),
            constraint: constraint.clone(),
            assumed_version: None,
            expanded: false,
            why: String::new(),
            origin: origin.clone(),
        };
        let plain = source.split('?').next().unwrap_or(source);
        let registry = !plain.contains("::")
            && !plain.contains("://")
            && !plain.starts_with("git@")
            && !plain.starts_with("github.com/")
            && !plain.starts_with("bitbucket.org/")
            && plain
                .split("//")
                .next()
                .is_some_and(|p| (3..=4).contains(&p.split('/').count()));
        if !registry {
            call.why = format!("module source `{source}` is fetched from outside (git, http, a bucket): not expanded; its resources are outside this configuration");
            return (None, call);
        }
        // A submodule's `//subdir` is kept: the expander tells the submodules it knows.
        let rc = RegistryCall {
            address: address.to_string(),
            source: plain.to_string(),
            constraint,
            inputs,
            origin: origin.clone(),
        };
        match (self.expand)(&rc) {
            Some(exp) => {
                call.expanded = true;
                call.assumed_version = Some(exp.assumed_version.clone());
                self.out.resources.extend(exp.resources);
                self.out.notes.extend(exp.notes);
                (Some(exp.outputs), call)
            }
            None => {
                call.why = "registry module not modelled: its resources are outside this configuration".into();
                (None, call)
            }
        }
    }
}

/// The one instance of a block with neither `count` nor `for_each`.
fn single_unkeyed(list: &[super::Instance]) -> bool {
    list.len() == 1 && list[0].suffix.is_empty()
}

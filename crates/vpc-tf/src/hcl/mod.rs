//! The HCL front end: `.tf` source evaluated into an [`Evaluated`], with no Terraform binary.
//!
//! Parsing is hcl-edit's (the parser of hcl-rs that keeps each node's byte span), so every
//! resource's origin and every error has file, line and column. Evaluation is ours:
//! - each module instance declares variables, locals, resources, data sources, module calls,
//!   outputs and the `aws` provider; their references form a graph evaluated in dependency
//!   order (a cycle is an error naming it) — `Evaluator::eval_module`;
//! - expressions are in `expr.rs`, the function table in `functions.rs`, module calls (local
//!   folders and registry modules) and variable values in `modules.rs`.
//!
//! Values not known before apply are `null` and listed in the resource's `unknown`; a value
//! read from an unknown one is unknown too (through locals, module inputs and attributes).
//! Outputs of modules not expanded and variables given no value are visible stand-in strings
//! (`"module.sg.security_group_id"`, `"var.name"`) that count as unknown where a bool, number
//! or collection is needed. A `count` not known is one instance, a `for_each` not known none
//! (both with a warning).
//!
//! Where Terraform's own behaviour is kept although the parser differs: an object that
//! repeats a key takes the last value (see `parse`).
//!
//! What is not evaluated: `.tf.json` files and `override.tf` files (reported in `warnings`
//! and skipped), provider-defined functions, and the functions listed in
//! `expr::NOT_EVALUATED` (file, hashing, time, YAML, …: their results are unknown, with a
//! warning). `validation` blocks and `check`/`moved`/`import` blocks are ignored.

mod expr;
mod functions;
pub(crate) mod modules;
mod value;

use crate::config::{Error, Evaluated, Expansion, Input, Mode, Origin, RegistryCall, Resource, Variable};
use expr::{ModuleValues, Scope, Sink};
use hcl_edit::expr::Expression;
use hcl_edit::structure::{Attribute, Block, Body, Structure};
use hcl_edit::visit::Visit;
use hcl_edit::Span;
use serde_json::{Map, Value};
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;
use value::{num, type_name};

/// Most instances one `count` or `for_each` may make, so that hostile input cannot exhaust
/// memory.
const MAX_INSTANCES: usize = 10_000;
/// Most passes over a module whose module calls refer to each other.
const MAX_PASSES: usize = 4;
/// Deepest chain of module calls (a module that calls itself would never end).
const MAX_MODULE_DEPTH: usize = 16;

/// Evaluates the configuration in `input.files` (root module: the `.tf` files with no `/` in
/// their path). Registry modules are handed to `expand`; those it returns `None` for are
/// listed as not expanded, their outputs placeholders naming them.
pub fn evaluate(input: &Input, expand: &dyn Fn(&RegistryCall) -> Option<Expansion>) -> Result<Evaluated, Error> {
    let mut ev = Evaluator {
        input,
        expand,
        out: Evaluated {
            format: "terraform",
            ..Default::default()
        },
        region: None,
        sink: Rc::new(Sink::default()),
    };
    for (p, _) in &input.files {
        if is_override(p) {
            ev.out.warnings.push(format!(
                "{p}: override files are not merged by this importer; the file was skipped"
            ));
        }
        if p.ends_with(".tf.json") {
            ev.out.warnings.push(format!(
                "{p}: Terraform JSON syntax (.tf.json) is not read by this importer; the file was skipped"
            ));
        }
    }
    let root = ParsedModule::load(input, "", &mut ev.out.warnings)?;
    if root.files.is_empty() {
        let given: Vec<&str> = input.files.iter().map(|(p, _)| p.as_str()).collect();
        return Err(Error {
            origin: None,
            message: format!(
                "no .tf files in the configuration's root folder (given: {}); give the root module's .tf files",
                if given.is_empty() {
                    "nothing".to_string()
                } else {
                    given.join(", ")
                }
            ),
        });
    }
    let inputs = modules::root_inputs(input, &root, &mut ev.out.warnings)?;
    ev.eval_module(&root, "", "", inputs, true, 0)?;
    let Evaluator {
        mut out, sink, region, ..
    } = ev;
    out.warnings.extend(sink.warnings.take());
    // Modules evaluated again (their calls refer to each other) say the same things again.
    dedup(&mut out.warnings);
    dedup(&mut out.notes);
    for v in &mut out.variables {
        dedup(&mut v.used_by);
    }
    out.region = region;
    Ok(out)
}

/// Drops repeats, keeping the first of each.
fn dedup(list: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    list.retain(|x| seen.insert(x.clone()));
}

/// One source file, with where its lines start (for line and column).
pub(crate) struct SrcFile {
    pub name: String,
    line_starts: Vec<usize>,
    text: String,
    /// Object keys written twice, renamed for the parser (see `parse`): offset → the name.
    pub renamed: HashMap<usize, String>,
}

impl SrcFile {
    fn new(name: &str, text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SrcFile {
            name: name.to_string(),
            line_starts,
            text: text.to_string(),
            renamed: HashMap::new(),
        }
    }

    /// The object key that starts at a byte offset: its offset and text (an identifier, or a
    /// quoted key's text without the quotes).
    fn key_at(&self, start: usize) -> Option<(usize, &str)> {
        if !self.text.is_char_boundary(start) {
            return None;
        }
        let tail = &self.text[start..];
        if let Some(quoted) = tail.strip_prefix('"') {
            let end = quoted.find(['"', '\\', '$', '%', '\n'])?;
            if !quoted[end..].starts_with('"') || end == 0 {
                return None;
            }
            return Some((start + 1, &quoted[..end]));
        }
        let end = tail
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(tail.len());
        (end > 0).then(|| (start, &tail[..end]))
    }

    pub fn origin(&self, offset: usize) -> Origin {
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let end = offset.min(self.text.len());
        let column = self
            .text
            .get(start..end)
            .map(|s| s.chars().count())
            .unwrap_or(end - start)
            + 1;
        Origin {
            file: self.name.clone(),
            line: line as u32,
            column: column as u32,
        }
    }
}

/// A module's files, parsed.
pub(crate) struct ParsedModule {
    files: Vec<SrcFile>,
    bodies: Vec<Body>,
}

impl ParsedModule {
    /// The `.tf` files directly in `dir` (`""` for the root); what parsing them assumed goes
    /// to `warnings`.
    fn load(input: &Input, dir: &str, warnings: &mut Vec<String>) -> Result<Self, Error> {
        let mut files = Vec::new();
        let mut bodies = Vec::new();
        let mut paths: Vec<&(String, String)> = input
            .files
            .iter()
            .filter(|(p, _)| p.ends_with(".tf") && modules::parent(p) == dir && !is_override(p))
            .collect();
        paths.sort_by(|a, b| a.0.cmp(&b.0));
        for (p, text) in paths {
            let (body, file) = parse(p, text, warnings)?;
            files.push(file);
            bodies.push(body);
        }
        Ok(ParsedModule { files, bodies })
    }
}

/// `override.tf` and `*_override.tf`, which Terraform merges into other files' blocks.
fn is_override(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name == "override.tf" || name.ends_with("_override.tf")
}

/// Most repeated object keys one file may have.
const MAX_REPEATED_KEYS: usize = 256;

/// Parses one file, the error located.
///
/// Terraform lets an object repeat a key (the last value wins); hcl-edit rejects it. So a
/// repeated key is renamed, in the text given to the parser, to a placeholder of the same
/// length (lines and columns stay), and [`SrcFile::renamed`] gives its name back when the
/// object is evaluated.
fn parse(path: &str, text: &str, warnings: &mut Vec<String>) -> Result<(Body, SrcFile), Error> {
    let mut text = text.to_string();
    let mut renamed: HashMap<usize, String> = HashMap::new();
    let mut attempt = 0;
    loop {
        let e = match hcl_edit::parser::parse_body(&text) {
            Ok(body) => {
                let mut file = SrcFile::new(path, &text);
                file.renamed = renamed;
                return Ok((body, file));
            }
            Err(e) => e,
        };
        let (line, column) = (e.location().line(), e.location().column());
        let error = Error {
            origin: Some(Origin {
                file: path.to_string(),
                line: line as u32,
                column: column as u32,
            }),
            message: format!("HCL syntax error: {}", e.message().trim()),
        };
        if !e.message().contains("redefined object key") || attempt >= MAX_REPEATED_KEYS {
            return Err(error);
        }
        let file = SrcFile::new(path, &text);
        let Some((start, key)) = file.key_at(e.location().offset()) else {
            return Err(error);
        };
        let placeholder = placeholder_key(key.len(), attempt);
        let key = key.to_string();
        text.replace_range(start..start + key.len(), &placeholder);
        attempt += 1;
        // Quoted keys are found by the offset of their quote, as the parser's spans start there.
        let at = if text[..start].ends_with('"') { start - 1 } else { start };
        // A placeholder that met a key of the same text is renamed again; its name stays.
        if let std::collections::hash_map::Entry::Vacant(slot) = renamed.entry(at) {
            warnings.push(format!(
                "{path}:{line}:{column}: the object repeats the key `{key}`; the last value is used, as Terraform does"
            ));
            slot.insert(key);
        }
    }
}

/// An identifier of `len` ASCII characters for the `n`th repeated key: `_` and letters
/// counting `n` in base 26 (a single letter for a one-character key).
fn placeholder_key(len: usize, n: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut n = n;
    if len > 1 {
        out.push('_');
    }
    while out.len() < len {
        out.push((b'A' + (n % 26) as u8) as char);
        n /= 26;
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Variable,
    Local,
    Resource,
    Data,
    Module,
    Output,
    Provider,
}

/// One named thing a module declares.
struct Decl<'m> {
    key: String,
    kind: Kind,
    file: usize,
    /// The block (for a local value, its `locals` block).
    block: &'m Block,
    /// A local value's attribute.
    attr: Option<&'m Attribute>,
    offset: usize,
}

impl Decl<'_> {
    fn label(&self, i: usize) -> &str {
        self.block.labels.get(i).map(|l| l.as_str()).unwrap_or("")
    }
}

struct Evaluator<'i> {
    input: &'i Input,
    expand: &'i dyn Fn(&RegistryCall) -> Option<Expansion>,
    out: Evaluated,
    /// From the root's `provider "aws" { region = ... }`.
    region: Option<String>,
    sink: Rc<Sink>,
}

/// The value of one variable and where it came from.
pub(crate) struct VarValue {
    pub value: Value,
    pub source: String,
    /// Not known before apply (its value is null).
    pub unknown: bool,
    /// Came from resources, data sources or modules (`Scope::derived`).
    pub derived: bool,
}

fn attr_expr<'b>(body: &'b Body, key: &str) -> Option<&'b Expression> {
    body.get_attribute(key).map(|a| &a.value)
}

fn declare<'m>(pm: &'m ParsedModule) -> Result<Vec<Decl<'m>>, Error> {
    let mut decls: Vec<Decl<'m>> = Vec::new();
    let mut seen: HashMap<String, Origin> = HashMap::new();
    for (fi, body) in pm.bodies.iter().enumerate() {
        for s in body.iter() {
            let Structure::Block(b) = s else { continue };
            let off = b.span().map(|s| s.start).unwrap_or(0);
            let labels: Vec<&str> = b.labels.iter().map(|l| l.as_str()).collect();
            let need = |n: usize| -> Result<(), Error> {
                if labels.len() == n {
                    Ok(())
                } else {
                    Err(Error {
                        origin: Some(pm.files[fi].origin(off)),
                        message: format!(
                            "a `{}` block needs {n} label{}, {} given",
                            b.ident.as_str(),
                            if n == 1 { "" } else { "s" },
                            labels.len()
                        ),
                    })
                }
            };
            let mut push = |key: String, kind: Kind, attr: Option<&'m Attribute>, at: usize| -> Result<(), Error> {
                let origin = pm.files[fi].origin(at);
                if let Some(first) = seen.get(&key) {
                    return Err(Error {
                        origin: Some(origin),
                        message: format!(
                            "`{key}` is declared twice (first at {}:{}:{}); rename one",
                            first.file, first.line, first.column
                        ),
                    });
                }
                seen.insert(key.clone(), origin);
                decls.push(Decl {
                    key,
                    kind,
                    file: fi,
                    block: b,
                    attr,
                    offset: at,
                });
                Ok(())
            };
            match b.ident.as_str() {
                "variable" => {
                    need(1)?;
                    push(format!("var.{}", labels[0]), Kind::Variable, None, off)?;
                }
                "resource" => {
                    need(2)?;
                    push(format!("{}.{}", labels[0], labels[1]), Kind::Resource, None, off)?;
                }
                "data" => {
                    need(2)?;
                    push(format!("data.{}.{}", labels[0], labels[1]), Kind::Data, None, off)?;
                }
                "module" => {
                    need(1)?;
                    push(format!("module.{}", labels[0]), Kind::Module, None, off)?;
                }
                "output" => {
                    need(1)?;
                    push(format!("output.{}", labels[0]), Kind::Output, None, off)?;
                }
                "provider" if labels.first() == Some(&"aws") && attr_expr(&b.body, "alias").is_none() => {
                    push("provider.aws".into(), Kind::Provider, None, off)?;
                }
                "locals" => {
                    for a in b.body.attributes() {
                        let at = a.span().map(|s| s.start).unwrap_or(off);
                        push(format!("local.{}", a.key.as_str()), Kind::Local, Some(a), at)?;
                    }
                }
                _ => {}
            }
        }
    }
    Ok(decls)
}

/// The names an expression or body refers to (`var.x`, `aws_vpc.main`, `module.net`, …).
#[derive(Default)]
struct Refs {
    keys: Vec<String>,
}

impl Visit for Refs {
    fn visit_traversal(&mut self, node: &hcl_edit::expr::Traversal) {
        use hcl_edit::expr::TraversalOperator as Op;
        if let Expression::Variable(root) = &node.expr {
            let attr = |i: usize| match node.operators.get(i).map(|o| o.value()) {
                Some(Op::GetAttr(a)) => Some(a.as_str()),
                _ => None,
            };
            let root = root.as_str();
            let key = match root {
                "path" | "terraform" | "count" | "each" | "self" => None,
                "var" | "local" | "module" => attr(0).map(|a| format!("{root}.{a}")),
                "data" => attr(0).zip(attr(1)).map(|(t, n)| format!("data.{t}.{n}")),
                _ => attr(0).map(|a| format!("{root}.{a}")),
            };
            self.keys.extend(key);
        }
        hcl_edit::visit::visit_traversal(self, node);
    }
}

/// Meta-arguments of resource and module blocks, not part of their values.
const META_ATTRS: &[&str] = &["count", "for_each", "depends_on", "provider", "providers"];
const META_BLOCKS: &[&str] = &["lifecycle", "provisioner", "connection"];

/// One instance of a block with `count` or `for_each`: its address suffix and what it binds.
struct Instance {
    suffix: String,
    binds: Vec<(&'static str, Value, bool)>,
    /// Made for a `count` not known before apply.
    assumed: bool,
    /// Its `for_each` key.
    key: Option<String>,
}

impl<'i> Evaluator<'i> {
    /// Evaluates one module instance; returns its outputs.
    fn eval_module(
        &mut self,
        pm: &ParsedModule,
        dir: &str,
        prefix: &str,
        inputs: HashMap<String, VarValue>,
        is_root: bool,
        depth: usize,
    ) -> Result<Map<String, Value>, Error> {
        let decls = declare(pm)?;
        let sink = Rc::clone(&self.sink);
        let mut mv = ModuleValues {
            path_module: if dir.is_empty() { ".".into() } else { dir.to_string() },
            ..Default::default()
        };
        mv.declared = decls.iter().map(|d| d.key.clone()).collect();
        let index: HashMap<&str, usize> = decls.iter().enumerate().map(|(i, d)| (d.key.as_str(), i)).collect();

        // Variables first: they depend on nothing inside the module.
        let mut inputs = inputs;
        let mut root_vars: HashMap<String, usize> = HashMap::new();
        for d in decls.iter().filter(|d| d.kind == Kind::Variable) {
            let name = d.label(0).to_string();
            let body = &d.block.body;
            let file = &pm.files[d.file];
            let scope = Scope::new(&mv, file, &sink);
            let ty = body
                .get_attribute("type")
                .map(|a| modules::type_kind(&a.value))
                .unwrap_or("any");
            let sensitive = attr_expr(body, "sensitive").and_then(|e| e.as_bool()).unwrap_or(false);
            let description = attr_expr(body, "description")
                .and_then(|e| e.as_str())
                .unwrap_or("")
                .to_string();
            let mut unknown_var = false;
            let mut derived_var = false;
            // A null given to a variable that is not `nullable` takes its default.
            let not_nullable = attr_expr(body, "nullable").and_then(|e| e.as_bool()) == Some(false);
            let given = inputs
                .remove(&name)
                .filter(|v| !(not_nullable && v.value.is_null() && !v.unknown && attr_expr(body, "default").is_some()));
            let (value, source) = match given {
                Some(v) => {
                    unknown_var = v.unknown;
                    derived_var = v.derived;
                    (v.value, v.source)
                }
                None => match attr_expr(body, "default") {
                    Some(e) => (scope.eval(e)?, "default".to_string()),
                    None => {
                        let v = modules::stand_in(&name, ty);
                        let o = file.origin(d.offset);
                        let assumed = if sensitive {
                            "a stand-in".to_string()
                        } else {
                            value::render(&v)
                        };
                        let hint = if is_root {
                            " (give it with --var or a .tfvars file)"
                        } else {
                            ""
                        };
                        self.out.notes.push(format!(
                            "{}:{}:{}: variable `{name}` has no value; assumed {assumed}{hint}",
                            o.file, o.line, o.column
                        ));
                        (v, "stand-in".to_string())
                    }
                },
            };
            let value = match (body.get_attribute("type"), source.as_str()) {
                (Some(t), s) if s != "stand-in" => modules::apply_type(value, &t.value, &scope)?,
                _ => value,
            };
            if is_root {
                root_vars.insert(d.key.clone(), self.out.variables.len());
                self.out.variables.push(Variable {
                    name: name.clone(),
                    value: if sensitive {
                        "(sensitive)".into()
                    } else {
                        value::render(&value)
                    },
                    source,
                    sensitive,
                    description,
                    used_by: vec![],
                });
            }
            if unknown_var {
                mv.unknown.insert(d.key.clone());
            }
            if derived_var {
                mv.derived.insert(d.key.clone());
            }
            mv.values.insert(d.key.clone(), value);
        }
        for name in inputs.keys() {
            if !is_root {
                self.out.warnings.push(format!(
                    "{}: argument `{name}` is given to the module but the module declares no such variable; it was ignored",
                    prefix.trim_end_matches('.')
                ));
            }
        }

        // The reference graph, in declaration order.
        let mut deps: Vec<Vec<usize>> = Vec::with_capacity(decls.len());
        for d in &decls {
            let mut r = Refs::default();
            match (d.kind, d.attr) {
                (Kind::Variable, _) => {}
                (_, Some(a)) => r.visit_expr(&a.value),
                (_, None) => r.visit_body(&d.block.body),
            }
            if matches!(d.kind, Kind::Data | Kind::Module) {
                r.keys.push("provider.aws".into());
            }
            let mut ds: Vec<usize> = r.keys.iter().filter_map(|k| index.get(k.as_str()).copied()).collect();
            ds.sort_unstable();
            ds.dedup();
            deps.push(ds);
        }
        // Terraform orders a module's variables and outputs one by one, so two modules may each
        // read the other's outputs; here a module call is one step. Such a loop is broken by
        // evaluating one module of it first, its inputs from the others unknown at first, and
        // then evaluating the whole module again (once more per loop broken) with the values
        // of the pass before, until what each reads has been evaluated. Any other loop is an
        // error.
        let mut broken = 0;
        let order = loop {
            match topo_order(&decls, &deps) {
                Ok(order) => break order,
                Err(cycle) => {
                    let names: Vec<&str> = cycle.iter().map(|&x| decls[x].key.as_str()).collect();
                    let first = cycle[0];
                    let Some(pos) = cycle[..cycle.len() - 1]
                        .iter()
                        .position(|&x| decls[x].kind == Kind::Module)
                    else {
                        let d = &decls[first];
                        return Err(Error {
                            origin: Some(pm.files[d.file].origin(d.offset)),
                            message: format!(
                                "reference cycle: {}; each needs the other's value, so none can be evaluated — break the loop",
                                names.join(" → ")
                            ),
                        });
                    };
                    let (m, next) = (cycle[pos], cycle[pos + 1]);
                    deps[m].retain(|&x| x != next);
                    broken += 1;
                    let o = pm.files[decls[m].file].origin(decls[m].offset);
                    self.out.warnings.push(format!(
                        "{}:{}:{}: modules refer to each other ({}); `{}` was evaluated first and again once `{}` was",
                        o.file,
                        o.line,
                        o.column,
                        names.join(" → "),
                        decls[m].key,
                        decls[next].key
                    ));
                }
            }
        };

        // Which root variables each declaration depends on (through anything but resources).
        let mut var_deps: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); decls.len()];
        for &i in &order {
            let mut s = BTreeSet::new();
            for &j in &deps[i] {
                if decls[j].kind == Kind::Variable {
                    s.insert(j);
                } else if decls[j].kind != Kind::Resource {
                    s.extend(var_deps[j].iter().copied());
                }
            }
            var_deps[i] = s;
        }

        let mut outputs = Map::new();
        let passes = if broken == 0 { 1 } else { (broken + 1).min(MAX_PASSES) };
        let start = (
            self.out.resources.len(),
            self.out.modules.len(),
            self.out.notes.len(),
            self.out.warnings.len(),
        );
        for (pass, &i) in (0..passes).flat_map(|p| order.iter().map(move |i| (p, i))) {
            if pass > 0 && i == order[0] {
                // A new pass: what the one before made is made again.
                self.out.resources.truncate(start.0);
                self.out.modules.truncate(start.1);
                self.out.notes.truncate(start.2);
                self.out.warnings.truncate(start.3);
                outputs.clear();
            }
            let d = &decls[i];
            let file = &pm.files[d.file];
            let made_from = self.out.resources.len();
            match d.kind {
                Kind::Variable => continue,
                Kind::Local => {
                    let scope = Scope::new(&mv, file, &sink);
                    let Some(attr) = d.attr else { continue };
                    let (v, unk, derived) = scope.eval_full(&attr.value)?;
                    if unk && v.is_null() {
                        mv.unknown.insert(d.key.clone());
                    } else {
                        mv.unknown.remove(&d.key);
                    }
                    if derived {
                        mv.derived.insert(d.key.clone());
                    }
                    if value::too_large(&v) {
                        return Err(Error {
                            origin: Some(file.origin(d.offset)),
                            message: format!(
                                "`{}` holds more than {} elements, more than this importer evaluates",
                                d.key,
                                value::MAX_VALUE_NODES
                            ),
                        });
                    }
                    mv.values.insert(d.key.clone(), v);
                }
                Kind::Provider => {
                    let scope = Scope::new(&mv, file, &sink);
                    if let Some(e) = attr_expr(&d.block.body, "region") {
                        if let Value::String(r) = scope.eval(e)? {
                            if is_root && !r.is_empty() {
                                self.region = Some(r);
                            }
                        }
                    }
                }
                Kind::Output => {
                    let scope = Scope::new(&mv, file, &sink);
                    if let Some(e) = attr_expr(&d.block.body, "value") {
                        outputs.insert(d.label(0).to_string(), scope.eval(e)?);
                    }
                }
                Kind::Resource | Kind::Data => {
                    let v = self.eval_resource(d, file, &mv, prefix)?;
                    mv.values.insert(d.key.clone(), v);
                }
                Kind::Module => {
                    let (v, opaque) = self.call_module(d, file, &mv, dir, prefix, depth)?;
                    if let Some(addr) = opaque {
                        mv.opaque.insert(d.key.clone(), addr);
                    }
                    mv.values.insert(d.key.clone(), v);
                }
            }
            if is_root && matches!(d.kind, Kind::Resource | Kind::Data | Kind::Module) {
                let made: Vec<String> = self.out.resources[made_from..]
                    .iter()
                    .map(|r| r.address.clone())
                    .collect();
                let mut vs: BTreeSet<usize> = var_deps[i].clone();
                for &j in &deps[i] {
                    if decls[j].kind == Kind::Variable {
                        vs.insert(j);
                    }
                }
                for j in vs {
                    if let Some(&vi) = root_vars.get(&decls[j].key) {
                        self.out.variables[vi].used_by.extend(made.iter().cloned());
                    }
                }
            }
        }
        Ok(outputs)
    }

    /// The instances `count` or `for_each` makes of a block (one with no suffix if neither).
    fn instances(&mut self, body: &Body, scope: &Scope) -> Result<Option<Vec<Instance>>, Error> {
        if let Some(e) = attr_expr(body, "count") {
            let (v, unk) = scope.eval_tracked(e)?;
            let n = match v {
                ref v if (v.is_null() && unk) || value::is_placeholder(v) => {
                    let o = scope.origin(e.span());
                    self.out.warnings.push(format!(
                        "{}:{}:{}: `count` depends on a value not known before apply; one instance was assumed",
                        o.file, o.line, o.column
                    ));
                    return Ok(Some(vec![Instance {
                        suffix: "[0]".into(),
                        binds: vec![("count", serde_json::json!({ "index": 0 }), false)],
                        assumed: true,
                        key: None,
                    }]));
                }
                other => value::as_f64(&other)
                    .filter(|n| n.fract() == 0.0 && *n >= 0.0)
                    .ok_or_else(|| {
                        scope.err(
                            e.span(),
                            format!("`count` must be a whole number, not {}", value::render(&other)),
                        )
                    })?,
            };
            if n as usize > MAX_INSTANCES {
                return Err(scope.err(
                    e.span(),
                    format!("`count` of {n} is more than this importer evaluates ({MAX_INSTANCES})"),
                ));
            }
            return Ok(Some(
                (0..n as usize)
                    .map(|i| Instance {
                        suffix: format!("[{i}]"),
                        binds: vec![("count", serde_json::json!({ "index": i }), false)],
                        assumed: false,
                        key: None,
                    })
                    .collect(),
            ));
        }
        if let Some(e) = attr_expr(body, "for_each") {
            let (v, unk, derived) = scope.eval_full(e)?;
            let items: Vec<(String, Value)> = match v {
                ref v if (v.is_null() && unk) || value::is_placeholder(v) => {
                    let o = scope.origin(e.span());
                    self.out.warnings.push(format!(
                        "{}:{}:{}: `for_each` depends on a value not known before apply; no instance was made",
                        o.file, o.line, o.column
                    ));
                    vec![]
                }
                Value::Object(m) => {
                    let mut v: Vec<(String, Value)> = m.into_iter().collect();
                    v.sort_by(|a, b| a.0.cmp(&b.0));
                    v
                }
                Value::Array(a) => {
                    let mut keys = Vec::new();
                    let mut left_out = 0;
                    for x in a {
                        match x {
                            Value::String(s) => keys.push(s),
                            Value::Null if unk => left_out += 1,
                            other => {
                                return Err(scope.err(
                                    e.span(),
                                    format!(
                                        "`for_each` needs a map or a set of strings; this set has a {}",
                                        type_name(&other)
                                    ),
                                ))
                            }
                        }
                    }
                    if left_out > 0 {
                        let o = scope.origin(e.span());
                        self.out.warnings.push(format!(
                            "{}:{}:{}: `for_each` has {left_out} element(s) not known before apply; they were left out",
                            o.file, o.line, o.column
                        ));
                    }
                    keys.sort();
                    keys.dedup();
                    keys.into_iter().map(|k| (k.clone(), Value::String(k))).collect()
                }
                other => {
                    return Err(scope.err(
                        e.span(),
                        format!("`for_each` needs a map or a set of strings, not {}", type_name(&other)),
                    ))
                }
            };
            if items.len() > MAX_INSTANCES {
                return Err(scope.err(
                    e.span(),
                    format!("`for_each` makes more instances than this importer evaluates ({MAX_INSTANCES})"),
                ));
            }
            return Ok(Some(
                items
                    .into_iter()
                    .map(|(k, v)| Instance {
                        suffix: format!("[{}]", Value::String(k.clone())),
                        binds: vec![("each", serde_json::json!({ "key": k, "value": v }), derived)],
                        assumed: false,
                        key: Some(k),
                    })
                    .collect(),
            ));
        }
        Ok(None)
    }

    fn eval_resource(&mut self, d: &Decl, file: &SrcFile, mv: &ModuleValues, prefix: &str) -> Result<Value, Error> {
        let block = d.block;
        let (rtype, name) = (d.label(0), d.label(1));
        let sink = Rc::clone(&self.sink);
        let mode = if d.kind == Kind::Data {
            Mode::Data
        } else {
            Mode::Managed
        };
        let scope = Scope::new(mv, file, &sink);
        let instances = self.instances(&block.body, &scope)?;
        let base = match mode {
            Mode::Managed => format!("{prefix}{rtype}.{name}"),
            Mode::Data => format!("{prefix}data.{rtype}.{name}"),
        };
        let origin = file.origin(d.offset);
        let one = |ev: &mut Self, suffix: &str, binds: &[(&'static str, Value, bool)]| -> Result<Value, Error> {
            for (n, v, d) in binds {
                scope.bind_derived(n, v.clone(), *d);
            }
            let mut unknown = Vec::new();
            let r = eval_body(&scope, &block.body, "", true, &mut unknown);
            scope.unbind(binds.len());
            let values = r?;
            let address = format!("{base}{suffix}");
            let room = value::MAX_TOTAL_NODES.saturating_sub(sink.nodes.get());
            let used = values.values().map(|v| value::nodes(v, room)).sum::<usize>();
            if used > room {
                return Err(Error {
                    origin: Some(origin.clone()),
                    message: format!(
                        "`{address}`: the resources hold more than {} values in all, more than this importer evaluates",
                        value::MAX_TOTAL_NODES
                    ),
                });
            }
            sink.nodes.set(sink.nodes.get() + used);
            Ok(ev.reference_object(Resource {
                address,
                mode,
                rtype: rtype.to_string(),
                values,
                unknown,
                origin: origin.clone(),
            }))
        };
        Ok(match instances {
            None => one(self, "", &[])?,
            Some(list) => {
                let keyed = attr_expr(&block.body, "for_each").is_some();
                let mut arr = Vec::new();
                let mut obj = Map::new();
                for inst in list {
                    let v = match one(self, &inst.suffix, &inst.binds) {
                        Ok(v) => v,
                        Err(e) if inst.assumed => {
                            self.out.warnings.push(format!(
                                "{e}; the instance assumed for an unknown `count` of `{base}` could not be evaluated and was left out"
                            ));
                            continue;
                        }
                        Err(e) => return Err(e),
                    };
                    if keyed {
                        let key = inst.key.clone().unwrap_or_default();
                        obj.insert(key, v);
                    } else {
                        arr.push(v);
                    }
                }
                if keyed {
                    Value::Object(obj)
                } else {
                    Value::Array(arr)
                }
            }
        })
    }

    /// Records a resource and returns what references to it read: its values, with the
    /// attributes AWS computes that this importer knows (ids are addresses).
    fn reference_object(&mut self, mut r: Resource) -> Value {
        let mut obj = r.values.clone();
        let addr = r.address.clone();
        obj.insert("id".into(), Value::String(addr.clone()));
        obj.insert("arn".into(), Value::String(addr.clone()));
        let mut emit = true;
        match (r.mode, r.rtype.as_str()) {
            (Mode::Managed, "aws_vpc_endpoint") => {
                // The AWS-managed prefix list of a gateway endpoint's service, which rules name.
                obj.insert("prefix_list_id".into(), Value::String(format!("{addr}:prefix_list")));
            }
            (Mode::Managed, "aws_vpc") => {
                obj.insert(
                    "default_security_group_id".into(),
                    Value::String(format!("{addr}:default_security_group")),
                );
                obj.insert(
                    "default_route_table_id".into(),
                    Value::String(format!("{addr}:main_route_table")),
                );
                obj.insert(
                    "main_route_table_id".into(),
                    Value::String(format!("{addr}:main_route_table")),
                );
                obj.insert(
                    "default_network_acl_id".into(),
                    Value::String(format!("{addr}:default_network_acl")),
                );
            }
            (Mode::Data, "aws_availability_zones") => {
                let region = self.region_noted(&r.origin, &addr);
                // A `zone-name` filter names the zones; otherwise three are assumed.
                let filtered: Option<Vec<Value>> = r.values.get("filter").and_then(Value::as_array).and_then(|fs| {
                    fs.iter()
                        .find(|f| f["name"] == "zone-name")
                        .and_then(|f| f["values"].as_array().cloned())
                });
                let excluded: Vec<Value> = r
                    .values
                    .get("exclude_names")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                let mut names: Vec<Value> = match filtered {
                    Some(v) if v.iter().all(Value::is_string) => v,
                    _ => ["a", "b", "c"]
                        .iter()
                        .map(|s| Value::String(format!("{region}{s}")))
                        .collect(),
                };
                names.retain(|n| !excluded.contains(n));
                let list: Vec<String> = names.iter().map(value::to_display).collect();
                self.out.notes.push(format!(
                    "{addr}: the availability zones are assumed to be {}",
                    list.join(", ")
                ));
                obj.insert("names".into(), Value::Array(names));
                obj.insert("id".into(), Value::String(region));
                emit = false;
            }
            (Mode::Data, "aws_region") => {
                let region = self.region_noted(&r.origin, &addr);
                for k in ["name", "id", "region"] {
                    obj.insert(k.into(), Value::String(region.clone()));
                }
                emit = false;
            }
            (Mode::Data, "aws_caller_identity") => {
                self.out
                    .notes
                    .push(format!("{addr}: the AWS account is assumed to be 123456789012"));
                obj.insert("account_id".into(), Value::String("123456789012".into()));
                obj.insert("arn".into(), Value::String("arn:aws:iam::123456789012:root".into()));
                obj.insert("id".into(), Value::String("123456789012".into()));
                emit = false;
            }
            (Mode::Data, "aws_partition") => {
                obj.insert("partition".into(), Value::String("aws".into()));
                obj.insert("dns_suffix".into(), Value::String("amazonaws.com".into()));
                emit = false;
            }
            (Mode::Data, "aws_subnets" | "aws_subnet_ids") => {
                let ids: Vec<Value> = (0..2).map(|i| Value::String(format!("{addr}[{i}]"))).collect();
                self.out.notes.push(format!(
                    "{addr}: the subnets it looks up exist outside this configuration; two stand-ins {addr}[0] and {addr}[1] were assumed"
                ));
                obj.insert("ids".into(), Value::Array(ids));
            }
            (Mode::Data, t) => {
                self.out.notes.push(format!(
                    "{addr}: a `{t}` that exists outside this configuration (looked up, not created)"
                ));
            }
            _ => {}
        }
        if emit {
            if r.mode == Mode::Data {
                // What lookups return that their arguments did not say is not known.
                r.unknown.sort();
            }
            self.out.resources.push(r);
        }
        Value::Object(obj)
    }

    /// The region: the root `aws` provider's, else us-east-1 (said once in the notes).
    fn region_noted(&mut self, origin: &Origin, addr: &str) -> String {
        if let Some(r) = &self.region {
            return r.clone();
        }
        let note = "no region is given (provider \"aws\" { region = ... }); us-east-1 was assumed".to_string();
        if !self.out.notes.iter().any(|n| n.ends_with(&note)) {
            self.out.notes.push(format!(
                "{}:{}:{}: {addr}: {note}",
                origin.file, origin.line, origin.column
            ));
        }
        "us-east-1".into()
    }
}

/// A block's body as JSON: attributes evaluated, nested blocks (and `dynamic` blocks) as
/// arrays of objects. `path` is the attribute path so far (`vpc_config.0.`); attributes that
/// read unknown values are added to `unknown`.
fn eval_body(
    scope: &Scope,
    body: &Body,
    path: &str,
    top: bool,
    unknown: &mut Vec<String>,
) -> Result<Map<String, Value>, Error> {
    let mut out = Map::new();
    for s in body.iter() {
        match s {
            Structure::Attribute(a) => {
                let key = a.key.as_str();
                if top && META_ATTRS.contains(&key) {
                    continue;
                }
                let (v, unk) = scope.eval_tracked(&a.value)?;
                if unk {
                    unknown.push(format!("{path}{key}"));
                }
                out.insert(key.to_string(), v);
            }
            Structure::Block(b) => {
                let ident = b.ident.as_str();
                if top && META_BLOCKS.contains(&ident) {
                    continue;
                }
                if ident == "dynamic" {
                    let Some(label) = b.labels.first().map(|l| l.as_str().to_string()) else {
                        return Err(scope.err(
                            b.span(),
                            "a `dynamic` block needs the name of the block it makes as its label",
                        ));
                    };
                    dynamic(scope, b, &label, path, &mut out, unknown)?;
                    continue;
                }
                let n = out.get(ident).and_then(Value::as_array).map(|a| a.len()).unwrap_or(0);
                let obj = Value::Object(eval_body(
                    scope,
                    &b.body,
                    &format!("{path}{ident}.{n}."),
                    false,
                    unknown,
                )?);
                match out.get_mut(ident) {
                    Some(Value::Array(a)) => a.push(obj),
                    _ => {
                        out.insert(ident.to_string(), Value::Array(vec![obj]));
                    }
                }
            }
        }
    }
    Ok(out)
}

fn dynamic(
    scope: &Scope,
    b: &Block,
    label: &str,
    path: &str,
    out: &mut Map<String, Value>,
    unknown: &mut Vec<String>,
) -> Result<(), Error> {
    let fe = attr_expr(&b.body, "for_each")
        .ok_or_else(|| scope.err(b.span(), format!("`dynamic \"{label}\"` needs `for_each`")))?;
    let iterator = match attr_expr(&b.body, "iterator") {
        Some(Expression::Variable(v)) => v.as_str().to_string(),
        Some(other) => return Err(scope.err(other.span(), "`iterator` must be a name, e.g. iterator = rule")),
        None => label.to_string(),
    };
    let content = b
        .body
        .get_blocks("content")
        .next()
        .ok_or_else(|| scope.err(b.span(), format!("`dynamic \"{label}\"` needs a `content` block")))?;
    let (coll, unk, derived) = scope.eval_full(fe)?;
    let items: Vec<(Value, Value)> = match coll {
        ref v if (v.is_null() && unk) || value::is_placeholder(v) => {
            unknown.push(format!("{path}{label}"));
            vec![]
        }
        Value::Null => vec![],
        Value::Array(a) => a.into_iter().enumerate().map(|(i, v)| (num(i as f64), v)).collect(),
        Value::Object(m) => m.into_iter().map(|(k, v)| (Value::String(k), v)).collect(),
        other => {
            return Err(scope.err(
                fe.span(),
                format!(
                    "`for_each` of a dynamic block needs a collection, not {}",
                    type_name(&other)
                ),
            ))
        }
    };
    let list = out.entry(label.to_string()).or_insert_with(|| Value::Array(vec![]));
    let first = list.as_array().map(|a| a.len()).unwrap_or(0);
    for (n, (k, v)) in (first..).zip(items) {
        scope.bind_derived(&iterator, serde_json::json!({ "key": k, "value": v }), derived);
        let r = eval_body(scope, &content.body, &format!("{path}{label}.{n}."), false, unknown);
        scope.unbind(1);
        if let Some(Value::Array(a)) = out.get_mut(label) {
            a.push(Value::Object(r?));
        }
    }
    Ok(())
}

/// Declarations in an order where each comes after what it refers to, or the first cycle
/// found (its declarations in order, the first repeated at the end).
fn topo_order(decls: &[Decl], deps: &[Vec<usize>]) -> Result<Vec<usize>, Vec<usize>> {
    let mut state = vec![0u8; decls.len()]; // 0 new, 1 on the stack, 2 done
    let mut order = Vec::with_capacity(decls.len());
    for start in 0..decls.len() {
        if state[start] != 0 {
            continue;
        }
        // Iterative depth-first search: (node, next dependency to visit).
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(&mut (n, ref mut next)) = stack.last_mut() {
            if let Some(&m) = deps[n].get(*next) {
                *next += 1;
                match state[m] {
                    0 => {
                        state[m] = 1;
                        stack.push((m, 0));
                    }
                    1 => {
                        let from = stack.iter().position(|&(x, _)| x == m).unwrap_or(0);
                        let mut cycle: Vec<usize> = stack[from..].iter().map(|&(x, _)| x).collect();
                        cycle.push(m);
                        return Err(cycle);
                    }
                    _ => {}
                }
            } else {
                state[n] = 2;
                order.push(n);
                stack.pop();
            }
        }
    }
    Ok(order)
}

#[cfg(test)]
mod tests;

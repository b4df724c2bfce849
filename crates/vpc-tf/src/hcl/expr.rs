//! Evaluating one HCL expression in a module's scope: references, operators, conditionals,
//! `for` expressions, splats, templates and function calls.
//!
//! A value not known before apply is JSON `null`, and evaluating it raises [`Scope::unknown`],
//! so that the caller can list the attribute as unknown; operators and functions given an
//! unknown value give an unknown value, as in Terraform.

use super::functions::lookup_fn;
use super::value::{as_bool, as_f64, equal, is_placeholder, num, to_display, type_name};
use super::SrcFile;
use crate::config::{Error, Origin};
use hcl_edit::expr::{BinaryOperator, Expression, ObjectKey, TraversalOperator, UnaryOperator};
use hcl_edit::template::{Directive, Element, Template};
use hcl_edit::Span;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Terraform built-ins that this importer does not evaluate: a call gives an unknown value
/// and a warning instead of an error, since none of them decides a network's shape.
const NOT_EVALUATED: &[&str] = &[
    "file",
    "fileexists",
    "fileset",
    "filebase64",
    "templatefile",
    "templatestring",
    "base64encode",
    "base64decode",
    "base64gzip",
    "base64sha256",
    "base64sha512",
    "filebase64sha256",
    "filebase64sha512",
    "filemd5",
    "filesha1",
    "filesha256",
    "filesha512",
    "md5",
    "sha1",
    "sha256",
    "sha512",
    "bcrypt",
    "uuid",
    "uuidv5",
    "timestamp",
    "timeadd",
    "timecmp",
    "formatdate",
    "plantimestamp",
    "yamlencode",
    "yamldecode",
    "urlencode",
    "textencodebase64",
    "textdecodebase64",
    "abspath",
    "dirname",
    "basename",
    "pathexpand",
    "sensitive",
    "nonsensitive",
    "issensitive",
    "ephemeralasnull",
    "type",
    "rsadecrypt",
    "csvdecode",
    "transpose",
    "matchkeys",
    "indent",
    "chomp",
    "strrev",
    "trimspace_",
    "log",
    "cidrcontains",
    "tobool_",
    "list",
    "map",
];

/// Whether an expression is a call of `toset` or another set function (in parentheses or not).
fn is_toset(e: &Expression) -> bool {
    match e {
        Expression::FuncCall(f) => {
            matches!(
                f.name.name.as_str(),
                "toset" | "setunion" | "setintersection" | "setsubtract" | "setproduct"
            )
        }
        Expression::Parenthesis(p) => is_toset(p.inner()),
        _ => false,
    }
}

/// Whether a value is or holds a null: most nulls here are values not known before apply, so
/// a function that fails on one gives an unknown value rather than an error.
fn holds_null(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Array(a) => a.iter().any(holds_null),
        Value::Object(m) => m.values().any(holds_null),
        _ => false,
    }
}

/// Functions defined on null arguments, whose errors about them stand.
const NULL_AWARE: &[&str] = &["coalesce", "coalescelist", "compact", "one", "merge", "lookup"];

/// Functions whose result depends on the text of a string argument, not only on passing it
/// along.
const READS_TEXT: &[&str] = &[
    "split",
    "substr",
    "replace",
    "regex",
    "regexall",
    "trimprefix",
    "trimsuffix",
    "trim",
    "trimspace",
    "startswith",
    "endswith",
    "strcontains",
    "cidrsubnet",
    "cidrsubnets",
    "cidrhost",
    "cidrnetmask",
    "length",
    "tonumber",
    "tobool",
    "parseint",
    "jsondecode",
    "title",
    "lower",
    "upper",
];

/// What an expression may refer to in one module instance.
#[derive(Default)]
pub struct ModuleValues {
    /// `"var.x"`, `"local.x"`, `"aws_vpc.main"`, `"data.aws_vpc.x"`, `"module.x"` → value.
    pub values: HashMap<String, Value>,
    /// Every name declared in the module, with the same keys, evaluated or not.
    pub declared: HashSet<String>,
    /// Module calls whose outputs are not known (registry modules not expanded): key → address.
    pub opaque: HashMap<String, String>,
    /// Keys whose value is unknown (null, and read as unknown).
    pub unknown: HashSet<String>,
    /// Variables and locals whose value came from resources, data sources or modules
    /// ([`Scope::derived`]).
    pub derived: HashSet<String>,
    /// `path.module`.
    pub path_module: String,
}

/// Where warnings go while evaluating.
#[derive(Default)]
pub struct Sink {
    pub warnings: RefCell<Vec<String>>,
    /// Expressions evaluated so far, against [`MAX_STEPS`].
    pub steps: Cell<u64>,
    /// Elements of the resources' values so far, against [`super::value::MAX_TOTAL_NODES`].
    pub nodes: Cell<usize>,
}

/// Most expressions one evaluation may evaluate: nested `for` expressions over large ranges
/// would otherwise run for hours.
pub const MAX_STEPS: u64 = 5_000_000;

pub struct Scope<'a> {
    pub module: &'a ModuleValues,
    pub file: &'a SrcFile,
    pub sink: &'a Sink,
    /// Names bound by `for`, `count`, `each` and `dynamic` iterators, innermost last.
    pub bound: RefCell<Vec<Bound>>,
    /// Set when an unknown value was read.
    pub unknown: Cell<bool>,
    /// Set when a value read came from a resource, data source or module: reading an
    /// attribute it does not have gives an unknown value (one computed by AWS), where of
    /// other objects it is an error (and `try` falls back).
    pub derived: Cell<bool>,
}

/// A name bound by `for`, `count`, `each` or a `dynamic` iterator.
pub struct Bound {
    name: String,
    value: Value,
    /// Not known before apply (a null element of a collection).
    unknown: bool,
    /// From a resource, data source or module ([`Scope::derived`]).
    derived: bool,
}

type R = Result<Value, Error>;

impl<'a> Scope<'a> {
    pub fn new(module: &'a ModuleValues, file: &'a SrcFile, sink: &'a Sink) -> Self {
        Scope {
            module,
            file,
            sink,
            bound: RefCell::new(Vec::new()),
            unknown: Cell::new(false),
            derived: Cell::new(false),
        }
    }

    pub fn bind(&self, name: &str, v: Value) {
        self.bind_derived(name, v, false);
    }

    /// Binds a value that came from a resource, data source or module if `derived`.
    pub fn bind_derived(&self, name: &str, value: Value, derived: bool) {
        self.bound.borrow_mut().push(Bound {
            name: name.to_string(),
            value,
            unknown: false,
            derived,
        });
    }

    /// Binds an element of a collection; a null element is taken as unknown (most nulls in a
    /// collection stand for values not known here).
    fn bind_element(&self, name: &str, value: Value, derived: bool) {
        let unknown = value.is_null();
        self.bound.borrow_mut().push(Bound {
            name: name.to_string(),
            value,
            unknown,
            derived,
        });
    }

    pub fn unbind(&self, n: usize) {
        let mut b = self.bound.borrow_mut();
        let len = b.len().saturating_sub(n);
        b.truncate(len);
    }

    pub fn origin(&self, span: Option<Range<usize>>) -> Origin {
        self.file.origin(span.map(|s| s.start).unwrap_or(0))
    }

    pub fn err(&self, span: Option<Range<usize>>, message: impl Into<String>) -> Error {
        Error {
            origin: Some(self.origin(span)),
            message: message.into(),
        }
    }

    fn unknown_value(&self) -> R {
        self.unknown.set(true);
        Ok(Value::Null)
    }

    /// Evaluates `e`, and tells whether it read an unknown value.
    pub fn eval_tracked(&self, e: &Expression) -> Result<(Value, bool), Error> {
        let before = self.unknown.replace(false);
        let v = self.eval(e);
        let hit = self.unknown.get();
        self.unknown.set(before || hit);
        Ok((v?, hit))
    }

    /// Evaluates `e`, and tells whether it read an unknown value and whether it read a value
    /// from a resource, data source or module.
    pub fn eval_full(&self, e: &Expression) -> Result<(Value, bool, bool), Error> {
        let before = self.derived.replace(false);
        let r = self.eval_tracked(e);
        let derived = self.derived.get();
        self.derived.set(before || derived);
        let (v, unknown) = r?;
        Ok((v, unknown, derived))
    }

    pub fn eval(&self, e: &Expression) -> R {
        let steps = self.sink.steps.get() + 1;
        self.sink.steps.set(steps);
        if steps > MAX_STEPS {
            return Err(self.err(e.span(), format!("the configuration needs more than {MAX_STEPS} evaluation steps; is a `for` expression nested over large ranges?")));
        }
        match e {
            Expression::Null(_) => Ok(Value::Null),
            Expression::Bool(b) => Ok(Value::Bool(*b.value())),
            Expression::Number(n) => Ok(n.value().as_f64().map(num).unwrap_or(Value::Null)),
            Expression::String(s) => Ok(Value::String(s.value().clone())),
            Expression::Array(a) => Ok(Value::Array(a.iter().map(|x| self.eval(x)).collect::<Result<_, _>>()?)),
            Expression::Object(o) => {
                let mut m = Map::new();
                for (k, v) in o.iter() {
                    // A key written twice was renamed for the parser; it gets its name back.
                    if let Some(name) = k.span().and_then(|s| self.file.renamed.get(&s.start)) {
                        m.insert(name.clone(), self.eval(v.expr())?);
                        continue;
                    }
                    let key = match k {
                        ObjectKey::Ident(i) => i.as_str().to_string(),
                        ObjectKey::Expression(Expression::Variable(i)) => i.as_str().to_string(),
                        ObjectKey::Expression(x) => {
                            let (kv, unk) = self.eval_tracked(x)?;
                            match kv {
                                Value::Null if unk => continue,
                                Value::String(_) | Value::Number(_) | Value::Bool(_) => to_display(&kv),
                                other => {
                                    return Err(self.err(
                                        x.span(),
                                        format!("an object key must be a string, not {}", type_name(&other)),
                                    ))
                                }
                            }
                        }
                    };
                    m.insert(key, self.eval(v.expr())?);
                }
                Ok(Value::Object(m))
            }
            Expression::StringTemplate(t) => self.template(t.iter(), e.span()),
            Expression::HeredocTemplate(h) => {
                let mut h = (**h).clone();
                h.dedent();
                self.template(h.template.iter(), e.span())
            }
            Expression::Parenthesis(p) => self.eval(p.inner()),
            Expression::Variable(v) => self.root(v.as_str(), &[], e.span()).map(|(v, _)| v.into_owned()),
            Expression::Conditional(c) => {
                let (cond, unk) = self.eval_tracked(&c.cond_expr)?;
                match as_bool(&cond) {
                    Some(true) => self.eval(&c.true_expr),
                    Some(false) => self.eval(&c.false_expr),
                    None if (cond.is_null() && unk) || is_placeholder(&cond) => self.unknown_value(),
                    None => Err(self.err(
                        c.cond_expr.span(),
                        format!("the condition must be a bool (true or false), not {}", type_name(&cond)),
                    )),
                }
            }
            Expression::FuncCall(f) => self.call(f, e.span()),
            Expression::Traversal(t) => {
                // Whether this traversal reads a resource's value decides how a missing
                // attribute is read (`derived`); what sibling expressions read does not.
                let before = self.derived.replace(false);
                let r = self.traversal(t, e.span());
                let derived = self.derived.get();
                self.derived.set(before || derived);
                r
            }
            Expression::UnaryOp(u) => {
                let (v, unk) = self.eval_tracked(&u.expr)?;
                if (v.is_null() && unk) || is_placeholder(&v) {
                    return self.unknown_value();
                }
                match u.operator.value() {
                    UnaryOperator::Neg => as_f64(&v)
                        .map(|n| num(-n))
                        .ok_or_else(|| self.err(e.span(), format!("`-` needs a number, not {}", type_name(&v)))),
                    UnaryOperator::Not => as_bool(&v)
                        .map(|b| Value::Bool(!b))
                        .ok_or_else(|| self.err(e.span(), format!("`!` needs a bool, not {}", type_name(&v)))),
                }
            }
            Expression::BinaryOp(b) => self.binary(b.operator.value(), &b.lhs_expr, &b.rhs_expr, e.span()),
            Expression::ForExpr(f) => self.for_expr(f),
        }
    }

    fn traversal(&self, t: &hcl_edit::expr::Traversal, span: Option<Range<usize>>) -> R {
        let (base, used) = match &t.expr {
            Expression::Variable(v) => self.root(v.as_str(), &t.operators, t.expr.span())?,
            other => (Cow::Owned(self.eval(other)?), 0),
        };
        let ops: Vec<&TraversalOperator> = t.operators.iter().map(|o| o.value()).collect();
        // Walk by reference as far as the path exists, so that `aws_subnet.s[3].id` does not
        // copy every instance of `aws_subnet.s`.
        let (cur, n) = self.walk(&base, &ops[used..])?;
        let cur = cur.clone();
        self.apply(cur, &ops[used + n..], span)
    }

    fn binary(&self, op: &BinaryOperator, l: &Expression, r: &Expression, span: Option<Range<usize>>) -> R {
        use BinaryOperator::*;
        let (a, ua) = self.eval_tracked(l)?;
        // `&&` and `||` short-circuit on a known left side, as people rely on it with `null`.
        if matches!(op, And | Or) {
            if let Some(x) = as_bool(&a) {
                if (*op == And && !x) || (*op == Or && x) {
                    return Ok(Value::Bool(x));
                }
            }
        }
        let (b, ub) = self.eval_tracked(r)?;
        if (a.is_null() && ua) || (b.is_null() && ub) || is_placeholder(&a) || is_placeholder(&b) {
            return self.unknown_value();
        }
        let sym = match op {
            Eq => "==",
            NotEq => "!=",
            LessEq => "<=",
            GreaterEq => ">=",
            Less => "<",
            Greater => ">",
            Plus => "+",
            Minus => "-",
            Mul => "*",
            Div => "/",
            Mod => "%",
            And => "&&",
            Or => "||",
        };
        match op {
            Eq => return Ok(Value::Bool(equal(&a, &b))),
            NotEq => return Ok(Value::Bool(!equal(&a, &b))),
            And | Or => {
                let (x, y) = match (as_bool(&a), as_bool(&b)) {
                    (Some(x), Some(y)) => (x, y),
                    _ => {
                        return Err(self.err(
                            span,
                            format!("`{sym}` needs two bools, not {} and {}", type_name(&a), type_name(&b)),
                        ))
                    }
                };
                return Ok(Value::Bool(if *op == And { x && y } else { x || y }));
            }
            _ => {}
        }
        let (x, y) = match (as_f64(&a), as_f64(&b)) {
            (Some(x), Some(y)) => (x, y),
            _ => {
                return Err(self.err(
                    span,
                    format!("`{sym}` needs two numbers, not {} and {}", type_name(&a), type_name(&b)),
                ))
            }
        };
        Ok(match op {
            LessEq => Value::Bool(x <= y),
            GreaterEq => Value::Bool(x >= y),
            Less => Value::Bool(x < y),
            Greater => Value::Bool(x > y),
            Plus => num(x + y),
            Minus => num(x - y),
            Mul => num(x * y),
            Div | Mod if y == 0.0 => return Err(self.err(span, "division by zero")),
            Div => num(x / y),
            Mod => num(x % y),
            _ => Value::Null,
        })
    }

    fn for_expr(&self, f: &hcl_edit::expr::ForExpr) -> R {
        let (coll, unk, derived) = self.eval_full(&f.intro.collection_expr)?;
        let items: Vec<(Value, Value)> = match coll {
            Value::Null if unk => return self.unknown_value(),
            v if is_placeholder(&v) => return self.unknown_value(),
            // Over a set, the key is the element itself; sets are lists here, so a set is
            // recognised by the `toset(...)` that makes it.
            Value::Array(a) if is_toset(&f.intro.collection_expr) => a.into_iter().map(|v| (v.clone(), v)).collect(),
            Value::Array(a) => a.into_iter().enumerate().map(|(i, v)| (num(i as f64), v)).collect(),
            Value::Object(m) => m.into_iter().map(|(k, v)| (Value::String(k), v)).collect(),
            other => {
                return Err(self.err(
                    f.intro.collection_expr.span(),
                    format!(
                        "a `for` expression needs a list, set, map or object, not {}",
                        type_name(&other)
                    ),
                ))
            }
        };
        let mut list = Vec::new();
        let mut obj = Map::new();
        let mut unknown_key = false;
        for (k, v) in items {
            let mut n = 1;
            if let Some(kv) = &f.intro.key_var {
                self.bind(kv.as_str(), k);
                n += 1;
            }
            self.bind_element(f.intro.value_var.as_str(), v, derived);
            let r = (|| -> Result<(), Error> {
                if let Some(c) = &f.cond {
                    let (cv, cu) = self.eval_tracked(&c.expr)?;
                    match as_bool(&cv) {
                        Some(true) => {}
                        Some(false) => return Ok(()),
                        None if (cv.is_null() && cu) || is_placeholder(&cv) => return Ok(()),
                        None => {
                            return Err(self.err(
                                c.expr.span(),
                                format!("the `if` clause must be a bool, not {}", type_name(&cv)),
                            ))
                        }
                    }
                }
                let val = self.eval(&f.value_expr)?;
                match &f.key_expr {
                    None => list.push(val),
                    Some(ke) => {
                        let key = match self.eval_tracked(ke)? {
                            // A key not known before apply: the whole object is unknown.
                            (Value::Null, true) => {
                                unknown_key = true;
                                return Ok(());
                            }
                            (Value::Null, false) => {
                                return Err(self.err(ke.span(), "the key of a `for` expression must not be null"))
                            }
                            (k, _) => to_display(&k),
                        };
                        if f.grouping {
                            if let Value::Array(a) = obj.entry(key).or_insert_with(|| Value::Array(vec![])) {
                                a.push(val);
                            }
                        } else if obj.insert(key.clone(), val).is_some() {
                            return Err(self.err(
                                ke.span(),
                                format!(
                                    "duplicate object key `{key}`: add `...` after the value to group values by key"
                                ),
                            ));
                        }
                    }
                }
                Ok(())
            })();
            self.unbind(n);
            r?;
        }
        if unknown_key {
            return self.unknown_value();
        }
        Ok(if f.key_expr.is_some() {
            Value::Object(obj)
        } else {
            Value::Array(list)
        })
    }

    fn template<'t>(&self, elems: impl Iterator<Item = &'t Element>, span: Option<Range<usize>>) -> R {
        let elems: Vec<&Element> = elems.collect();
        if let [Element::Interpolation(i)] = elems.as_slice() {
            return self.eval(&i.expr);
        }
        let mut out = String::new();
        let mut unknown = false;
        self.render(&elems, &mut out, &mut unknown, span, (false, false))?;
        if unknown {
            return self.unknown_value();
        }
        Ok(Value::String(out))
    }

    /// Renders template elements into `out`. `strip` says whether the markers around this
    /// sequence (`~}` before it, `{~` after it) strip the whitespace of its first and last
    /// literals.
    fn render(
        &self,
        elems: &[&Element],
        out: &mut String,
        unknown: &mut bool,
        span: Option<Range<usize>>,
        strip: (bool, bool),
    ) -> Result<(), Error> {
        let mut strip_lead = strip.0;
        for (idx, el) in elems.iter().enumerate() {
            let lead = std::mem::take(&mut strip_lead);
            match el {
                Element::Literal(s) => {
                    let mut text: &str = s.value();
                    if lead {
                        text = text.trim_start();
                    }
                    let strip_trail = match elems.get(idx + 1) {
                        None => strip.1,
                        Some(Element::Interpolation(i)) => i.strip.strip_start(),
                        Some(Element::Directive(d)) => match &**d {
                            Directive::If(d) => d.if_expr.strip.strip_start(),
                            Directive::For(d) => d.for_expr.strip.strip_start(),
                        },
                        Some(Element::Literal(_)) => false,
                    };
                    if strip_trail {
                        text = text.trim_end();
                    }
                    out.push_str(text);
                }
                Element::Interpolation(i) => {
                    strip_lead = i.strip.strip_end();
                    let (v, unk) = self.eval_tracked(&i.expr)?;
                    match v {
                        Value::Null if unk => *unknown = true,
                        Value::Null => {
                            return Err(self.err(
                                i.expr.span().or(span.clone()),
                                "a null value cannot be put in a string template",
                            ))
                        }
                        Value::String(_) | Value::Number(_) | Value::Bool(_) => out.push_str(&to_display(&v)),
                        other => {
                            return Err(self.err(
                                i.expr.span().or(span.clone()),
                                format!(
                                    "a {} cannot be put in a string template: use join() or jsonencode()",
                                    type_name(&other)
                                ),
                            ))
                        }
                    }
                }
                Element::Directive(d) => match &**d {
                    Directive::If(d) => {
                        let (c, unk) = self.eval_tracked(&d.if_expr.cond_expr)?;
                        let branch: Option<&Template> = match as_bool(&c) {
                            Some(true) => Some(&d.if_expr.template),
                            Some(false) => d.else_expr.as_ref().map(|e| &e.template),
                            None if (c.is_null() && unk) || is_placeholder(&c) => {
                                *unknown = true;
                                None
                            }
                            None => {
                                return Err(self.err(d.if_expr.cond_expr.span(), "the `%{if}` condition must be a bool"))
                            }
                        };
                        let end = d.endif_expr.strip.strip_start();
                        let strips = match (as_bool(&c), &d.else_expr) {
                            (Some(true), Some(e)) => (d.if_expr.strip.strip_end(), e.strip.strip_start()),
                            (Some(true), None) => (d.if_expr.strip.strip_end(), end),
                            (_, Some(e)) => (e.strip.strip_end(), end),
                            (_, None) => (false, false),
                        };
                        if let Some(t) = branch {
                            self.render(&t.iter().collect::<Vec<_>>(), out, unknown, span.clone(), strips)?;
                        }
                        strip_lead = d.endif_expr.strip.strip_end();
                    }
                    Directive::For(d) => {
                        let fe = &d.for_expr;
                        let (coll, unk, derived) = self.eval_full(&fe.collection_expr)?;
                        let items: Vec<(Value, Value)> = match coll {
                            Value::Null if unk => {
                                *unknown = true;
                                vec![]
                            }
                            v if is_placeholder(&v) => {
                                *unknown = true;
                                vec![]
                            }
                            Value::Array(a) => a.into_iter().enumerate().map(|(i, v)| (num(i as f64), v)).collect(),
                            Value::Object(m) => m.into_iter().map(|(k, v)| (Value::String(k), v)).collect(),
                            other => {
                                return Err(self.err(
                                    fe.collection_expr.span(),
                                    format!("`%{{for}}` needs a collection, not {}", type_name(&other)),
                                ))
                            }
                        };
                        let body: Vec<&Element> = fe.template.iter().collect();
                        strip_lead = d.endfor_expr.strip.strip_end();
                        for (k, v) in items {
                            let mut n = 1;
                            if let Some(kv) = &fe.key_var {
                                self.bind(kv.as_str(), k);
                                n += 1;
                            }
                            self.bind_element(fe.value_var.as_str(), v, derived);
                            let strips = (fe.strip.strip_end(), d.endfor_expr.strip.strip_start());
                            let r = self.render(&body, out, unknown, span.clone(), strips);
                            self.unbind(n);
                            r?;
                        }
                    }
                },
            }
        }
        Ok(())
    }

    fn call(&self, f: &hcl_edit::expr::FuncCall, span: Option<Range<usize>>) -> R {
        let name = f.name.name.as_str();
        if !f.name.namespace.is_empty() {
            let full = f
                .name
                .namespace
                .iter()
                .map(|n| n.as_str())
                .chain([name])
                .collect::<Vec<_>>()
                .join("::");
            return Err(self.err(
                span,
                format!("unknown function `{full}`: provider-defined functions are not evaluated by this importer"),
            ));
        }
        match name {
            "try" => {
                let mut last = None;
                for a in f.args.iter() {
                    match self.eval_tracked(a) {
                        Ok((v, unk)) if !(v.is_null() && unk) => return Ok(v),
                        Ok(_) => return self.unknown_value(),
                        Err(e) => last = Some(e),
                    }
                }
                return Err(match last {
                    Some(e) => self.err(
                        span,
                        format!(
                            "invalid call to `try`: no argument could be evaluated without an error; the last: {}",
                            e
                        ),
                    ),
                    None => self.err(span, "invalid call to `try`: takes at least one argument"),
                });
            }
            "can" => {
                let a = f
                    .args
                    .get(0)
                    .ok_or_else(|| self.err(span.clone(), "invalid call to `can`: takes 1 argument"))?;
                return Ok(Value::Bool(self.eval_tracked(a).is_ok()));
            }
            _ => {}
        }
        let Some(func) = lookup_fn(name) else {
            if NOT_EVALUATED.contains(&name) {
                let o = self.origin(span);
                self.sink.warnings.borrow_mut().push(format!(
                    "{}:{}:{}: function `{name}` is not evaluated by this importer; its result is taken as unknown",
                    o.file, o.line, o.column
                ));
                for a in f.args.iter() {
                    self.eval(a)?;
                }
                return self.unknown_value();
            }
            return Err(self.err(
                span,
                format!(
                    "unknown function `{name}`: Terraform has no built-in function of that name; check the spelling"
                ),
            ));
        };
        let mut args = Vec::with_capacity(f.args.len());
        let mut unknown = false;
        let mut last_unknown = false;
        let mut read_unknown = false;
        for a in f.args.iter() {
            let (v, unk) = self.eval_tracked(a)?;
            unknown |= v.is_null() && unk;
            read_unknown |= unk;
            last_unknown = unk;
            args.push(v);
        }
        if f.args.expand_final() {
            match args.pop() {
                Some(Value::Array(rest)) => {
                    unknown |= last_unknown && rest.iter().any(Value::is_null);
                    args.extend(rest)
                }
                Some(Value::Null) if unknown => {}
                Some(other) => {
                    return Err(self.err(
                        span,
                        format!(
                            "invalid call to `{name}`: `...` expands a list, not {}",
                            type_name(&other)
                        ),
                    ))
                }
                None => {}
            }
        }
        // A function of an unknown value is unknown until apply; so is one that reads the
        // text of a stand-in (`split(":", module.fn.arn)`), which only passes through others.
        if unknown || (READS_TEXT.contains(&name) && args.iter().any(is_placeholder)) {
            return self.unknown_value();
        }
        match func(&args) {
            Ok(v) => Ok(v),
            // Given unknown elements (nulls here), or a value from outside the configuration
            // where another type was needed, the result is as unknown as they are.
            Err(_)
                if read_unknown
                    || (!NULL_AWARE.contains(&name) && args.iter().any(holds_null))
                    || args
                        .iter()
                        .any(|a| is_placeholder(a) || a.as_array().is_some_and(|l| l.iter().any(is_placeholder))) =>
            {
                self.unknown_value()
            }
            Err(m) => Err(self.err(span, format!("invalid call to `{name}`: {m}"))),
        }
    }

    /// The value a traversal's root name gives, and how many of its operators it used
    /// (`var.x` uses one, `data.aws_vpc.x` two).
    fn root(
        &self,
        name: &str,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
        span: Option<Range<usize>>,
    ) -> Result<(Cow<'a, Value>, usize), Error> {
        if let Some(b) = self.bound.borrow().iter().rev().find(|b| b.name == name) {
            if b.unknown {
                self.unknown.set(true);
            }
            if b.derived {
                self.derived.set(true);
            }
            return Ok((Cow::Owned(b.value.clone()), 0));
        }
        let attr = |i: usize| match ops.get(i).map(|o| o.value()) {
            Some(TraversalOperator::GetAttr(a)) => Some(a.as_str().to_string()),
            _ => None,
        };
        let module: &'a ModuleValues = self.module;
        let lookup = |key: String, used: usize, what: &str| -> Result<(Cow<'a, Value>, usize), Error> {
            if !self.module.declared.contains(&key) {
                return Err(self.err(
                    span.clone(),
                    format!("reference to undeclared {what} `{key}`: declare it or correct the name"),
                ));
            }
            if !(key.starts_with("var.") || key.starts_with("local.")) || module.derived.contains(&key) {
                self.derived.set(true);
            }
            match module.values.get(&key) {
                Some(v) => {
                    if self.module.unknown.contains(&key) {
                        self.unknown.set(true);
                    }
                    Ok((Cow::Borrowed(v), used))
                }
                None => {
                    self.unknown.set(true);
                    Ok((Cow::Owned(Value::Null), used))
                }
            }
        };
        let need = |i: usize, what: &str| {
            attr(i).ok_or_else(|| self.err(span.clone(), format!("`{name}` must be followed by {what}")))
        };
        match name {
            "var" => lookup(
                format!("var.{}", need(0, "a variable name (var.NAME)")?),
                1,
                "input variable",
            ),
            "local" => lookup(
                format!("local.{}", need(0, "a local value's name (local.NAME)")?),
                1,
                "local value",
            ),
            "count" => Err(self.err(span, "`count.index` is used outside a block that has `count`")),
            "each" => Err(self.err(
                span,
                "`each.key`/`each.value` is used outside a block that has `for_each`",
            )),
            "path" => match need(0, "module, root or cwd")?.as_str() {
                "module" => Ok((Cow::Owned(Value::String(self.module.path_module.clone())), 1)),
                "root" | "cwd" => Ok((Cow::Owned(Value::String(".".into())), 1)),
                other => Err(self.err(
                    span,
                    format!("unknown `path.{other}`: use path.module, path.root or path.cwd"),
                )),
            },
            "terraform" => Ok((Cow::Owned(Value::String("default".into())), 1)),
            // Ephemeral resources (secrets and the like) are never known here.
            "ephemeral" => {
                self.unknown.set(true);
                self.derived.set(true);
                Ok((Cow::Owned(Value::Null), ops.len().min(2)))
            }
            "self" => {
                self.unknown.set(true);
                self.derived.set(true);
                Ok((Cow::Owned(Value::Null), 0))
            }
            "module" => {
                let key = format!("module.{}", need(0, "a module name (module.NAME)")?);
                if let Some(addr) = self.module.opaque.get(&key) {
                    // A module whose outputs are outside this configuration: each output is a
                    // placeholder naming it, e.g. "module.vpc.private_subnets".
                    let mut addr = addr.clone();
                    let mut used = 1;
                    while let Some(TraversalOperator::Index(ix)) = ops.get(used).map(|o| o.value()) {
                        let k = self.eval(ix)?;
                        addr = match k {
                            Value::String(s) => format!("{addr}[{}]", Value::String(s)),
                            other => format!("{addr}[{}]", to_display(&other)),
                        };
                        used += 1;
                    }
                    if let Some(out) = attr(used) {
                        return Ok((Cow::Owned(Value::String(format!("{addr}.{out}"))), used + 1));
                    }
                    return Ok((Cow::Owned(Value::String(addr)), used));
                }
                lookup(key, 1, "module")
            }
            "data" => {
                let t = need(0, "a data source type and name (data.TYPE.NAME)")?;
                let n = need(1, "a data source type and name (data.TYPE.NAME)")?;
                lookup(format!("data.{t}.{n}"), 2, "data source")
            }
            _ => match attr(0) {
                Some(n) => lookup(format!("{name}.{n}"), 1, "resource"),
                None => Err(self.err(span, format!("unknown name `{name}`: not a variable in scope here"))),
            },
        }
    }

    /// Follows attributes and indexes that exist and are not null, by reference; returns
    /// where it stopped and how many operators it used.
    fn walk<'v>(&self, v: &'v Value, ops: &[&TraversalOperator]) -> Result<(&'v Value, usize), Error> {
        let mut cur = v;
        let mut n = 0;
        for op in ops {
            let next = match op {
                TraversalOperator::GetAttr(a) => match cur {
                    Value::Object(m) => m.get(a.as_str()),
                    _ => None,
                },
                TraversalOperator::Index(ix) => {
                    let k = self.eval(ix)?;
                    match (cur, &k) {
                        (Value::Array(a), k) => as_f64(k)
                            .filter(|f| *f >= 0.0 && f.fract() == 0.0)
                            .and_then(|f| a.get(f as usize)),
                        (Value::Object(m), Value::String(s)) => m.get(s),
                        _ => None,
                    }
                }
                TraversalOperator::LegacyIndex(i) => match cur {
                    Value::Array(a) => a.get(*i.value() as usize),
                    _ => None,
                },
                _ => None,
            };
            match next {
                Some(x) if !x.is_null() => {
                    cur = x;
                    n += 1;
                }
                _ => break,
            }
        }
        Ok((cur, n))
    }

    fn apply(&self, mut v: Value, ops: &[&TraversalOperator], span: Option<Range<usize>>) -> R {
        let mut i = 0;
        while i < ops.len() {
            match ops[i] {
                TraversalOperator::GetAttr(a) => v = self.get_attr(v, a.as_str(), span.clone())?,
                TraversalOperator::Index(ix) => {
                    let k = self.eval(ix)?;
                    v = self.index(v, &k, ix.span().or(span.clone()))?;
                }
                TraversalOperator::LegacyIndex(n) => v = self.index(v, &num(*n.value() as f64), span.clone())?,
                TraversalOperator::FullSplat(_) => {
                    let rest = &ops[i + 1..];
                    return self.splat(v, rest, span);
                }
                TraversalOperator::AttrSplat(_) => {
                    let mut j = i + 1;
                    while j < ops.len()
                        && matches!(
                            ops[j],
                            TraversalOperator::GetAttr(_) | TraversalOperator::LegacyIndex(_)
                        )
                    {
                        j += 1;
                    }
                    v = self.splat(v, &ops[i + 1..j], span.clone())?;
                    i = j;
                    continue;
                }
            }
            i += 1;
        }
        Ok(v)
    }

    fn splat(&self, v: Value, rest: &[&TraversalOperator], span: Option<Range<usize>>) -> R {
        let items = match v {
            Value::Null if self.unknown.get() => return Ok(Value::Null),
            Value::Null => vec![],
            Value::Array(a) => a,
            other => vec![other],
        };
        Ok(Value::Array(
            items
                .into_iter()
                .map(|x| self.apply(x, rest, span.clone()))
                .collect::<Result<_, _>>()?,
        ))
    }

    fn get_attr(&self, v: Value, name: &str, span: Option<Range<usize>>) -> R {
        match v {
            Value::Object(mut m) => match m.remove(name) {
                // A null attribute of a resource or module is one that is computed (or
                // was not known): unknown.
                Some(Value::Null) => self.unknown_value(),
                Some(x) => Ok(x),
                // A resource's (or data source's) attribute not written and not computed by
                // this importer: unknown. Other objects have only the attributes they have.
                None if self.derived.get() || (m.contains_key("id") && m.contains_key("arn")) => self.unknown_value(),
                None => {
                    let mut have: Vec<&String> = m.keys().collect();
                    have.sort();
                    have.truncate(12);
                    Err(self.err(
                        span,
                        format!(
                            "this object has no attribute `{name}` (it has {})",
                            if have.is_empty() {
                                "none".to_string()
                            } else {
                                have.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                            }
                        ),
                    ))
                }
            },
            Value::Null => {
                self.unknown.set(true);
                Ok(Value::Null)
            }
            Value::Array(_) => Err(self.err(
                span,
                format!("cannot read `.{name}` of a list: it has `count` or is a list; use an index ([0]) or a splat ([*].{name})"),
            )),
            Value::String(s) if is_placeholder(&Value::String(s.clone())) => Ok(Value::String(format!("{s}.{name}"))),
            other => Err(self.err(span, format!("cannot read `.{name}` of a {}", type_name(&other)))),
        }
    }

    fn index(&self, v: Value, k: &Value, span: Option<Range<usize>>) -> R {
        match (v, k) {
            (Value::Null, _) | (_, Value::Null) => self.unknown_value(),
            (Value::Array(a), k) => {
                let n = as_f64(k).ok_or_else(|| {
                    self.err(
                        span.clone(),
                        format!("a list index must be a number, not {}", type_name(k)),
                    )
                })?;
                if n < 0.0 || n.fract() != 0.0 || n as usize >= a.len() {
                    return Err(self.err(
                        span,
                        format!(
                            "index {} is out of range for a list of {} elements",
                            to_display(k),
                            a.len()
                        ),
                    ));
                }
                Ok(a[n as usize].clone())
            }
            (Value::Object(mut m), k) => {
                let key = to_display(k);
                m.remove(&key)
                    .ok_or_else(|| self.err(span, format!("the map or object has no key `{key}`")))
            }
            (v @ Value::String(_), _) if is_placeholder(&v) => {
                Ok(Value::String(format!("{}[{}]", to_display(&v), to_display(k))))
            }
            (other, _) => Err(self.err(span, format!("cannot index a {}", type_name(&other)))),
        }
    }
}

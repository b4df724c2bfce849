//! Reading a call's evaluated inputs against the module's variable defaults, and making the
//! resources of an expansion.

use crate::config::{as_bool, Expansion, Mode, RegistryCall, Resource};
use serde_json::{Map, Value};

use super::versions::{resolve, Resolved, Version};

/// One expansion under way: the call, what was made so far, what was assumed.
pub struct Ctx<'a> {
    pub call: &'a RegistryCall,
    pub out: Expansion,
}

impl<'a> Ctx<'a> {
    /// Resolves the version from the call's constraint among `releases` (oldest first). `None`
    /// when the constraint allows no release from `oldest` on (versions this crate does not
    /// model).
    pub fn new(
        call: &'a RegistryCall,
        module: &'static str,
        releases: &[&str],
        oldest: Version,
        source_read: &str,
    ) -> Option<(Ctx<'a>, Version)> {
        let newest = releases.iter().filter_map(|r| Version::parse(r)).max()?;
        let (version, why) = match resolve(call.constraint.as_deref(), releases) {
            Resolved::Release(v) if v >= oldest => {
                let why = match &call.constraint {
                    Some(c) if !c.trim().is_empty() => {
                        format!("the newest release that `version = \"{}\"` allows", c.trim())
                    }
                    _ => "no `version` is given, so Terraform installs the newest release".to_owned(),
                };
                (v, why)
            }
            Resolved::Release(_) => return None,
            Resolved::NoRelease => {
                // A constraint above every release known here (a release newer than this
                // crate) is modelled as the newest known one; one below what is modelled is not.
                let c = call.constraint.as_deref().unwrap_or_default();
                let above = super::versions::Constraint::parse(c).is_some_and(|k| {
                    [
                        Version::new(newest.major + 1, 0, 0),
                        Version::new(newest.major, newest.minor + 1, 0),
                        Version::new(newest.major, newest.minor, newest.patch + 1),
                    ]
                    .iter()
                    .any(|v| k.allows(*v))
                });
                if !above {
                    return None;
                }
                (newest, format!("`version = \"{}\"` allows no release known here; the newest known one is assumed", c.trim()))
            }
            Resolved::Unreadable => (
                newest,
                format!(
                    "`version = \"{}\"` is not a version constraint Terraform reads; the newest known release is assumed",
                    call.constraint.as_deref().unwrap_or_default()
                ),
            ),
        };
        let mut out = Expansion {
            assumed_version: version.to_string(),
            ..Expansion::default()
        };
        out.notes.push(format!(
            "{} ({module}): version {version} assumed, {why}; expanded from the module's inputs as its source ({source_read}) does.",
            call.address
        ));
        Some((Ctx { call, out }, version))
    }

    pub fn note(&mut self, text: impl Into<String>) {
        self.out.notes.push(format!("{}: {}", self.call.address, text.into()));
    }

    /// The input as given, `None` when absent. A `null` input is returned as `Some(Null)`.
    pub fn raw(&self, name: &str) -> Option<&'a Value> {
        self.call.inputs.get(name)
    }

    /// Whether the input was given and is not known before apply.
    fn unknown_input(&mut self, name: &str, default: &str) -> bool {
        if matches!(self.raw(name), Some(Value::Null)) {
            self.note(format!(
                "`{name}` is not known before apply; the module's default ({default}) is assumed for it"
            ));
            true
        } else {
            false
        }
    }

    pub fn bool(&mut self, name: &str, default: bool) -> bool {
        if self.unknown_input(name, &default.to_string()) {
            return default;
        }
        match self.raw(name) {
            None => default,
            Some(v) => match as_bool(v) {
                Some(b) => b,
                None => {
                    self.note(format!(
                        "`{name}` is not true or false ({v}); the module's default ({default}) is assumed"
                    ));
                    default
                }
            },
        }
    }

    /// A `bool` input whose default is `null`: `None` when absent or null.
    pub fn opt_bool(&mut self, name: &str) -> Option<bool> {
        self.raw(name).and_then(as_bool)
    }

    pub fn string(&mut self, name: &str, default: &str) -> String {
        if self.unknown_input(name, &format!("\"{default}\"")) {
            return default.to_owned();
        }
        self.raw(name).and_then(as_string).unwrap_or_else(|| default.to_owned())
    }

    /// A string input whose default is `null`.
    pub fn opt_string(&mut self, name: &str) -> Option<String> {
        self.raw(name).and_then(as_string)
    }

    pub fn number(&mut self, name: &str, default: i64) -> i64 {
        if self.unknown_input(name, &default.to_string()) {
            return default;
        }
        self.raw(name).and_then(as_i64).unwrap_or(default)
    }

    /// A list of strings; an item not known before apply is `None`. `None` for the whole list
    /// when it is given but not known before apply (the caller decides what stands in).
    pub fn strings(&mut self, name: &str) -> Option<Vec<Option<String>>> {
        match self.raw(name) {
            None => Some(Vec::new()),
            Some(Value::Null) => None,
            Some(Value::Array(items)) => Some(items.iter().map(as_string).collect()),
            Some(other) => {
                self.note(format!("`{name}` is not a list ({other}); it is read as empty"));
                Some(Vec::new())
            }
        }
    }

    /// A list of strings defaulting to `default` when absent or not known.
    pub fn strings_or(&mut self, name: &str, default: &[&str]) -> Vec<Option<String>> {
        let shown = format!("{default:?}");
        if self.unknown_input(name, &shown) {
            return default.iter().map(|s| Some((*s).to_owned())).collect();
        }
        match self.raw(name) {
            None => default.iter().map(|s| Some((*s).to_owned())).collect(),
            _ => self.strings(name).unwrap_or_default(),
        }
    }

    /// A list of objects (`list(map(string))`, `list(map(any))`); items that are not objects
    /// are skipped with a note.
    pub fn objects(&mut self, name: &str, default: Vec<Map<String, Value>>) -> Vec<Map<String, Value>> {
        if self.unknown_input(
            name,
            if default.is_empty() {
                "[]"
            } else {
                "its documented rules"
            },
        ) {
            return default;
        }
        match self.raw(name) {
            None => default,
            Some(Value::Array(items)) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Value::Object(m) => out.push(m.clone()),
                        other => self.note(format!("`{name}[{i}]` is not an object ({other}); it is left out")),
                    }
                }
                out
            }
            Some(other) => {
                self.note(format!(
                    "`{name}` is not a list of objects ({other}); it is read as empty"
                ));
                Vec::new()
            }
        }
    }

    /// `merge({ Name = name }, var.tags, var.<extra>…)`, as the modules tag what they make.
    pub fn tags(&self, name: &str, extra: &[&str]) -> Value {
        let mut m = Map::new();
        m.insert("Name".into(), Value::String(name.to_owned()));
        for key in std::iter::once("tags").chain(extra.iter().copied()) {
            if let Some(Value::Object(t)) = self.raw(key) {
                for (k, v) in t {
                    m.insert(k.clone(), v.clone());
                }
            }
        }
        Value::Object(m)
    }

    /// `module.vpc.aws_subnet.private[0]`.
    pub fn address(&self, rtype: &str, name: &str, index: Option<&str>) -> String {
        match index {
            Some(i) => format!("{}.{rtype}.{name}[{i}]", self.call.address),
            None => format!("{}.{rtype}.{name}", self.call.address),
        }
    }

    /// Adds a managed resource; `unknown` lists the attribute paths set to `null` because their
    /// value is only known after apply. Returns its address.
    pub fn add(&mut self, rtype: &str, name: &str, index: usize, values: Value, unknown: Vec<String>) -> String {
        self.add_keyed(rtype, name, &index.to_string(), values, unknown)
    }

    /// As [`Ctx::add`], with a `for_each` key (written as Terraform does, `"a"` quoted) or a
    /// count index.
    pub fn add_keyed(&mut self, rtype: &str, name: &str, index: &str, values: Value, unknown: Vec<String>) -> String {
        let address = self.address(rtype, name, Some(index));
        let values = match values {
            Value::Object(m) => m,
            _ => Map::new(),
        };
        self.out.resources.push(Resource {
            address: address.clone(),
            mode: Mode::Managed,
            rtype: rtype.to_owned(),
            values,
            unknown,
            origin: self.call.origin.clone(),
        });
        address
    }

    pub fn output(&mut self, name: &str, value: Value) {
        self.out.outputs.insert(name.to_owned(), value);
    }

    pub fn finish(self) -> Expansion {
        self.out
    }
}

/// Strings as themselves, numbers and booleans as Terraform converts them to strings.
pub fn as_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Numbers, and strings that hold one (`list(map(string))` inputs carry ports as `"443"`).
pub fn as_i64(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A port, rule number or ICMP field as the provider's schema holds it: a number, or `null`.
pub fn number_or_null(v: Option<&Value>) -> Value {
    match v {
        Some(v) => as_i64(v).map_or(Value::Null, Value::from),
        None => Value::Null,
    }
}

/// `lookup(map, key, null)` of a `map(string)`.
pub fn lookup_string(m: &Map<String, Value>, key: &str) -> Value {
    m.get(key).and_then(as_string).map_or(Value::Null, Value::String)
}

/// `compact(split(",", lookup(m, key, "")))`: a comma-separated string as a list (a list given
/// instead is taken as it is).
pub fn split_list(m: &Map<String, Value>, key: &str, default: &str) -> Value {
    match m.get(key) {
        Some(Value::Array(items)) => Value::Array(items.iter().filter(|v| !v.is_null()).cloned().collect()),
        other => {
            let text = other.and_then(as_string).unwrap_or_else(|| default.to_owned());
            Value::Array(
                text.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| Value::String(s.to_owned()))
                    .collect(),
            )
        }
    }
}

/// `element(list, i)`: wraps around, as Terraform's does; `None` for an empty list.
pub fn element<T: Clone>(list: &[T], i: usize) -> Option<T> {
    if list.is_empty() {
        None
    } else {
        Some(list[i % list.len()].clone())
    }
}

pub fn opt_str(v: Option<String>) -> Value {
    v.map_or(Value::Null, Value::String)
}

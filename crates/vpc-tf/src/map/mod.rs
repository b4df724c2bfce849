//! An [`Evaluated`] configuration onto the engine's design document, through the builder the
//! CloudFormation importer uses too (`vpc_import::Builder`).
//!
//! Component ids are Terraform addresses. Each resource type the engine models is one small
//! function in the table of `types.rs`; everything else is reported as not modelled. What
//! the configuration refers to but does not contain (data sources, outputs of modules not
//! expanded, literal ids such as `subnet-0abc`) becomes a placeholder named
//! "(outside this configuration)". The objects AWS creates with a VPC (its default security
//! group, main route table and default network ACL) become components when something refers
//! to them (`"<vpc>:default_security_group"`, see `config.rs`) or when an
//! `aws_default_security_group`, `aws_default_route_table` or `aws_default_network_acl`
//! manages them; the latter's address is then the component's id.

use crate::config::{Evaluated, Mode, Resource};
use crate::Error;
use serde_json::Value;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use vpc_engine::model::Document;
use vpc_import::{Builder, ModuleUse, ParameterUse, Report, Settings};

mod types;

/// The suffix of a placeholder's display name: every sentence that names it says so.
pub const OUTSIDE_SUFFIX: &str = "(outside this configuration)";

/// The mark on the display name of a component whose network values rest on a variable the
/// configuration gives no value (a stand-in): `aws_subnet.a (assumes variable cidr)`.
pub const ASSUMES_MARK: &str = "(assumes variable";

/// The mark on the display name of a component that rests on a value not known until apply.
pub const UNKNOWN_MARK: &str = "(unknown until apply:";

/// A configuration turned into a design, with the report of how.
#[derive(Clone, Debug)]
pub struct Import {
    /// The design: component ids are Terraform addresses; `layout` is empty.
    pub document: Document,
    pub report: Report,
}

/// The implicit objects of a VPC, as references spell them (`config.rs`).
const DEFAULT_SG: &str = ":default_security_group";
const MAIN_RT: &str = ":main_route_table";
const DEFAULT_NACL: &str = ":default_network_acl";

/// One resource as the mapping reads it: every attribute read is remembered, so that the
/// ones not known until apply are noted.
pub(crate) struct R<'a> {
    pub res: &'a Resource,
    aliases: &'a HashMap<String, String>,
    /// Names of resources whose id is their name ([`types::NAMED`]) to their addresses, for the
    /// attributes that name them ([`R::named`]).
    names: &'a HashMap<String, String>,
    /// Elastic IPs by address: the NAT gateway or instance given each.
    eip_users: &'a HashMap<String, String>,
    read: RefCell<Vec<String>>,
}

/// A value as text: strings as they are, numbers and booleans as Terraform prints them.
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn items(v: &Value) -> Vec<&Value> {
    match v {
        Value::Array(a) => a.iter().collect(),
        Value::Null => vec![],
        other => vec![other],
    }
}

impl<'a> R<'a> {
    pub fn addr(&self) -> &'a str {
        &self.res.address
    }

    pub fn ty(&self) -> &'a str {
        &self.res.rtype
    }

    /// The NAT gateway or instance this Elastic IP is given to, if any.
    pub fn eip_user(&self) -> Option<&'a str> {
        self.eip_users.get(&self.res.address).map(String::as_str)
    }

    fn get(&self, key: &str) -> Option<&'a Value> {
        self.read.borrow_mut().push(key.to_owned());
        self.res.get(key)
    }

    /// A reference or text, with the address of what it names resolved (aliases of the
    /// `aws_default_*` resources, names of subnet groups).
    pub fn resolve(&self, t: String) -> String {
        self.aliases.get(&t).cloned().unwrap_or(t)
    }

    /// An attribute as text (a reference resolved).
    pub fn s(&self, key: &str) -> Option<String> {
        self.get(key).and_then(text).map(|t| self.resolve(t))
    }

    /// An attribute that names a resource whose id is its name (`db_subnet_group_name`,
    /// `db_proxy_name`): its address when the configuration has it.
    pub fn named(&self, key: &str) -> Option<String> {
        self.s(key).map(|t| self.names.get(&t).cloned().unwrap_or(t))
    }

    /// An attribute as a list of text (a single value counts as one).
    pub fn list(&self, key: &str) -> Vec<String> {
        self.get(key)
            .map(|v| items(v).into_iter().filter_map(text).map(|t| self.resolve(t)).collect())
            .unwrap_or_default()
    }

    pub fn flag(&self, key: &str) -> Option<bool> {
        crate::config::as_bool(self.get(key)?)
    }

    pub fn num(&self, key: &str) -> Option<i64> {
        num_of(self.get(key)?)
    }

    /// A nested block's instances (`ingress = [{...}, {...}]`), each read as a resource of
    /// its own whose reads count as the block's (`ingress.from_port`).
    pub fn blocks(&self, key: &str) -> Vec<B<'a, '_>> {
        let Some(v) = self.res.get(key) else {
            self.read.borrow_mut().push(key.to_owned());
            return vec![];
        };
        items(v)
            .into_iter()
            .filter_map(Value::as_object)
            .map(|m| B {
                m,
                r: self,
                path: key.to_owned(),
            })
            .collect()
    }

    /// The first instance of a nested block (`vpc_config`).
    pub fn block(&self, key: &str) -> Option<B<'a, '_>> {
        self.blocks(key).into_iter().next()
    }
}

/// One instance of a nested block.
pub(crate) struct B<'a, 'r> {
    m: &'a serde_json::Map<String, Value>,
    r: &'r R<'a>,
    /// Where it is, without instance indexes: `vpc_config`, `client_authentication.sasl`.
    path: String,
}

impl<'a> B<'a, '_> {
    fn get(&self, key: &str) -> Option<&'a Value> {
        self.r.read.borrow_mut().push(format!("{}.{key}", self.path));
        self.m.get(key).filter(|v| !v.is_null())
    }

    pub fn s(&self, key: &str) -> Option<String> {
        self.get(key).and_then(text).map(|t| self.r.resolve(t))
    }

    pub fn list(&self, key: &str) -> Vec<String> {
        self.get(key)
            .map(|v| {
                items(v)
                    .into_iter()
                    .filter_map(text)
                    .map(|t| self.r.resolve(t))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn flag(&self, key: &str) -> Option<bool> {
        crate::config::as_bool(self.get(key)?)
    }

    pub fn num(&self, key: &str) -> Option<i64> {
        num_of(self.get(key)?)
    }

    pub fn blocks(&self, key: &str) -> Vec<B<'a, '_>> {
        let Some(v) = self.get(key) else { return vec![] };
        items(v)
            .into_iter()
            .filter_map(Value::as_object)
            .map(|m| B {
                m,
                r: self.r,
                path: format!("{}.{key}", self.path),
            })
            .collect()
    }

    pub fn block(&self, key: &str) -> Option<B<'a, '_>> {
        self.blocks(key).into_iter().next()
    }
}

/// What the shared builder asks of a configuration.
struct Config<'a> {
    ev: &'a Evaluated,
    managed: HashSet<&'a str>,
}

impl vpc_import::Context for Config<'_> {
    fn defines(&self, id: &str) -> bool {
        self.managed.contains(id)
    }

    fn source_of(&self, id: &str) -> (String, &'static str, String) {
        let base = id.split(':').next().unwrap_or(id);
        // `module.a.data.aws_vpc.x` is a data source too.
        if base.starts_with("data.") || base.contains(".data.") {
            return (format!("data source {base}"), "data", base.to_owned());
        }
        if let Some(m) = self
            .ev
            .modules
            .iter()
            .filter(|m| !m.expanded && (base == m.address || base.starts_with(&format!("{}.", m.address))))
            .max_by_key(|m| m.address.len())
        {
            return (
                format!("module {} ({}), not expanded", m.address, m.source),
                "module",
                m.address.clone(),
            );
        }
        if let Some(v) = self.ev.variables.iter().find(|v| holds(&v.value, id)) {
            return (format!("variable {}", v.name), "parameter", v.name.clone());
        }
        ("an id written in the configuration".into(), "literal", String::new())
    }
}

/// Whether a variable's printed value is `id` or a list or map holding it.
fn holds(value: &str, id: &str) -> bool {
    if value == id {
        return true;
    }
    fn walk(v: &Value, id: &str) -> bool {
        match v {
            Value::String(s) => s == id,
            Value::Array(a) => a.iter().any(|x| walk(x, id)),
            Value::Object(m) => m.values().any(|x| walk(x, id)),
            _ => false,
        }
    }
    serde_json::from_str::<Value>(value).is_ok_and(|v| walk(&v, id))
}

/// Maps an evaluated configuration into a design.
pub fn map(ev: &Evaluated) -> Result<Import, Error> {
    let managed: Vec<&Resource> = ev.resources.iter().filter(|r| r.mode == Mode::Managed).collect();
    if managed.len() > vpc_engine::model::MAX_COMPONENTS {
        return Err(Error {
            origin: None,
            message: format!(
                "the configuration has {} resources, more than the {} components this playground evaluates; import one part (a folder, a module) at a time",
                managed.len(),
                vpc_engine::model::MAX_COMPONENTS
            ),
        });
    }
    let (aliases, names) = aliases(&managed);
    let eip_users = eip_users(&managed);
    let region = region_of(ev);
    let mut doc = Document::new("Imported Terraform configuration");
    doc.region = region.clone();
    let report = Report {
        format: ev.format,
        notes: ev.notes.clone(),
        warnings: ev.warnings.clone(),
        ..Report::default()
    };
    let mut b = Builder::new(
        doc,
        report,
        Settings {
            outside_suffix: OUTSIDE_SUFFIX,
            region,
        },
    );
    register_prefix_lists(&mut b, ev);
    let vpcs: HashSet<&str> = managed
        .iter()
        .filter(|r| r.rtype == "aws_vpc")
        .map(|r| r.address.as_str())
        .collect();
    // Associations last: the endpoints they add to exist by then.
    let mut order: Vec<&Resource> = managed.clone();
    order.sort_by_key(|r| types::phase(&r.rtype));
    let mut reads: Vec<(&Resource, Vec<String>)> = Vec::new();
    for res in order {
        let r = R {
            res,
            aliases: &aliases,
            names: &names,
            eip_users: &eip_users,
            read: RefCell::new(Vec::new()),
        };
        match types::mapper(&res.rtype) {
            Some(f) => f(&mut b, &r),
            None => match types::service_of(&res.rtype) {
                Some(service) => b.service(&res.address, &res.rtype, service),
                None => b.not_modelled(&res.address, &res.rtype, vpc_import::NOT_NETWORK),
            },
        }
        reads.push((res, r.read.into_inner()));
    }
    for d in ev.resources.iter().filter(|r| r.mode == Mode::Data) {
        b.not_modelled(
            &d.address,
            &d.rtype,
            "a data source: a lookup, not something this configuration creates; an id it gives is a placeholder outside the configuration",
        );
    }
    implicit_objects(&mut b, ev, &vpcs, &aliases);
    unknowns(&mut b, &reads, &aliases);
    variables(&mut b, ev);
    b.report.modules = ev
        .modules
        .iter()
        .map(|m| ModuleUse {
            address: m.address.clone(),
            source: m.source.clone(),
            constraint: m.constraint.clone(),
            assumed_version: m.assumed_version.clone(),
            expanded: m.expanded,
            why: m.why.clone(),
        })
        .collect();
    let config = Config {
        ev,
        managed: managed.iter().map(|r| r.address.as_str()).collect(),
    };
    let (mut document, mut report) = b.finish(&config);
    // Groups by id (the first of each): whether it has no egress rule.
    let mut no_egress: HashMap<&str, bool> = HashMap::new();
    for g in &document.security_groups {
        no_egress.entry(g.id.as_str()).or_insert(g.outbound.is_empty());
    }
    let mut notes = Vec::new();
    for r in managed.iter().filter(|r| r.rtype == "aws_security_group") {
        if no_egress.get(r.address.as_str()) == Some(&true) {
            notes.push(format!(
                "{}: no egress rule: Terraform removes the allow-all rule AWS gives a new group and this configuration writes none (an egress block, aws_security_group_rule or aws_vpc_security_group_egress_rule would add one), so nothing can leave through it",
                r.address
            ));
        }
    }
    report.notes.extend(notes);
    mark(&mut document, &report);
    let count = document.components().count();
    if count > vpc_engine::model::MAX_COMPONENTS {
        return Err(Error {
            origin: None,
            message: format!(
                "the configuration maps to {count} components, more than the {} this playground evaluates",
                vpc_engine::model::MAX_COMPONENTS
            ),
        });
    }
    Ok(Import { document, report })
}

/// References to the `aws_default_*` resources' objects, and names of resources whose id is
/// their name, to the addresses that are their components' ids.
fn aliases(managed: &[&Resource]) -> (HashMap<String, String>, HashMap<String, String>) {
    let mut out = HashMap::new();
    let mut names = HashMap::new();
    let value = |r: &Resource, k: &str| r.get(k).and_then(Value::as_str).map(str::to_owned);
    for r in managed {
        let implicit = match r.rtype.as_str() {
            "aws_default_security_group" => value(r, "vpc_id").map(|v| format!("{v}{DEFAULT_SG}")),
            "aws_default_route_table" => value(r, "default_route_table_id"),
            "aws_default_network_acl" => value(r, "default_network_acl_id"),
            _ => None,
        };
        if let Some(i) = implicit {
            out.insert(i, r.address.clone());
        }
        for (ty, key) in types::NAMED {
            if r.rtype == *ty {
                if let Some(name) = value(r, key).filter(|n| !n.contains('.')) {
                    names.entry(name).or_insert_with(|| r.address.clone());
                }
            }
        }
    }
    (out, names)
}

/// Elastic IPs by address, and the NAT gateway (by `allocation_id`) or instance (through an
/// `aws_eip_association`) each is given to.
fn eip_users(managed: &[&Resource]) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for r in managed {
        let Some(eip) = r.get("allocation_id").and_then(Value::as_str) else {
            continue;
        };
        let user = match r.rtype.as_str() {
            "aws_nat_gateway" => r.address.clone(),
            "aws_eip_association" => r
                .get("instance_id")
                .and_then(Value::as_str)
                .map_or_else(|| r.address.clone(), str::to_owned),
            _ => continue,
        };
        out.insert(eip.to_owned(), user);
    }
    out
}

/// The default security group, main route table and default network ACL of each VPC of the
/// configuration that something refers to, as components.
fn implicit_objects(b: &mut Builder, ev: &Evaluated, vpcs: &HashSet<&str>, aliases: &HashMap<String, String>) {
    let mut seen: HashSet<String> = HashSet::new();
    let mut found: Vec<String> = Vec::new();
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::String(s) if s.contains(':') => out.push(s.clone()),
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            Value::Object(m) => m.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    for r in ev.resources.iter().filter(|r| r.mode == Mode::Managed) {
        r.values.values().for_each(|v| walk(v, &mut found));
    }
    for id in found {
        if aliases.contains_key(&id) || !seen.insert(id.clone()) {
            continue;
        }
        let Some((vpc, _)) = id.split_once(':') else { continue };
        if !vpcs.contains(vpc) {
            continue;
        }
        if id.ends_with(DEFAULT_SG) {
            b.default_security_group(vpc, &id);
        } else if id.ends_with(MAIN_RT) {
            b.implicit_main_route_table(vpc, &id);
        } else if id.ends_with(DEFAULT_NACL) {
            b.implicit_default_nacl(vpc, &id);
        }
    }
}

/// Attributes a mapping read that are not known until apply: a note each, and the component
/// marked as resting on them.
fn unknowns(b: &mut Builder, reads: &[(&Resource, Vec<String>)], aliases: &HashMap<String, String>) {
    for (res, read) in reads {
        let needed: Vec<&String> = res
            .unknown
            .iter()
            .filter(|path| {
                // `vpc_config.0.subnet_ids.1` → `vpc_config.subnet_ids`: the attribute read,
                // an element of it, or a block holding what was read.
                let bare: Vec<&str> = path.split('.').filter(|p| p.parse::<usize>().is_err()).collect();
                let bare = bare.join(".");
                read.iter()
                    .any(|k| *k == bare || bare.starts_with(&format!("{k}.")) || k.starts_with(&format!("{bare}.")))
            })
            .collect();
        if needed.is_empty() {
            continue;
        }
        let id = aliases
            .get(&res.address)
            .cloned()
            .unwrap_or_else(|| res.address.clone());
        let list: Vec<String> = needed.iter().map(|p| p.to_string()).collect();
        b.note(format!(
            "{}: {} not known until apply, so what rests on {} is a guess",
            res.address,
            list.join(", "),
            if list.len() == 1 { "it" } else { "them" }
        ));
        for path in list {
            b.report.parameters.push(ParameterUse {
                name: format!("{}.{path}", res.address),
                value: "(known after apply)".into(),
                source: "assumed",
                ty: "unknown".into(),
                description: String::new(),
                allowed: vec![],
                no_echo: false,
                network: true,
                feeds: vec![format!("{}.{path}", res.address)],
                components: vec![id.clone()],
                why: "Terraform knows it only after apply".into(),
            });
        }
    }
}

/// The configuration's input variables in the report, stand-ins as assumed.
fn variables(b: &mut Builder, ev: &Evaluated) {
    for v in &ev.variables {
        let source = match v.source.as_str() {
            "default" => "default",
            "stand-in" => "assumed",
            _ => "given",
        };
        b.report.parameters.push(ParameterUse {
            name: v.name.clone(),
            value: if v.sensitive { "****".into() } else { v.value.clone() },
            source,
            ty: "variable".into(),
            description: v.description.clone(),
            allowed: vec![],
            no_echo: v.sensitive,
            network: !v.used_by.is_empty(),
            feeds: v.used_by.clone(),
            components: v.used_by.clone(),
            why: if source == "assumed" {
                "no default, no tfvars and no --var: a stand-in".into()
            } else {
                v.source.clone()
            },
        });
    }
}

/// Names each component resting on an assumed variable or an unknown value after it, so
/// every sentence naming it says so.
fn mark(doc: &mut Document, report: &Report) {
    let mut marks: HashMap<String, String> = HashMap::new();
    for (id, params) in report.assumed_by_component() {
        let mut parts = Vec::new();
        let vars: Vec<&str> = params
            .iter()
            .filter(|p| p.ty == "variable")
            .map(|p| p.name.as_str())
            .collect();
        if !vars.is_empty() {
            parts.push(format!("{ASSUMES_MARK} {})", vars.join(", ")));
        }
        let unknown: Vec<&str> = params
            .iter()
            .filter(|p| p.ty == "unknown")
            .map(|p| p.name.rsplit_once('.').map_or(p.name.as_str(), |(_, a)| a))
            .collect();
        if !unknown.is_empty() {
            parts.push(format!("{UNKNOWN_MARK} {})", unknown.join(", ")));
        }
        if !parts.is_empty() {
            marks.insert(id.to_owned(), parts.join(" "));
        }
    }
    vpc_import::mark_names(doc, &marks);
}

#[cfg(test)]
mod tests;

/// The Region of the design: the provider's, else a `data "aws_region"` lookup's, else the
/// one the subnets' Availability Zones are in (`eu-west-1a` → `eu-west-1`), else us-east-1.
fn region_of(ev: &Evaluated) -> String {
    let looked_up = || {
        ev.resources
            .iter()
            .find(|r| r.rtype == "aws_region" && r.mode == Mode::Data)
            .and_then(|r| r.get("name").or_else(|| r.get("region")).and_then(Value::as_str))
            .map(str::to_owned)
    };
    let from_zones = || {
        ev.resources
            .iter()
            .filter(|r| r.rtype == "aws_subnet")
            .filter_map(|r| r.get("availability_zone").and_then(Value::as_str))
            .find_map(|az| {
                let region = az.trim_end_matches(|c: char| c.is_ascii_lowercase());
                // `eu-west-1a`: letters, a dash, letters, a dash, digits, then the zone letter.
                let ok = region.len() < az.len()
                    && region.ends_with(|c: char| c.is_ascii_digit())
                    && region.split('-').count() >= 3;
                ok.then(|| region.to_owned())
            })
    };
    ev.region
        .clone()
        .filter(|r| !r.is_empty() && !r.starts_with("var."))
        .or_else(looked_up)
        .or_else(from_zones)
        .unwrap_or_else(|| "us-east-1".to_owned())
}

/// The prefix lists a rule can name that are an AWS service's managed prefix list: each gateway
/// endpoint's (`<address>:prefix_list`, the config.rs convention for `prefix_list_id`), and
/// `aws_ec2_managed_prefix_list` / `aws_prefix_list` lookups by the service's name
/// (`com.amazonaws.<region>.s3`, as `name` or as a `prefix-list-name` filter).
fn register_prefix_lists(b: &mut Builder, ev: &Evaluated) {
    for r in &ev.resources {
        let name = match (r.mode, r.rtype.as_str()) {
            (Mode::Managed, "aws_vpc_endpoint") => {
                let gateway = r
                    .get("vpc_endpoint_type")
                    .and_then(Value::as_str)
                    .is_none_or(|t| t.eq_ignore_ascii_case("gateway"));
                let service = r
                    .get("service_name")
                    .and_then(Value::as_str)
                    .and_then(vpc_import::values::endpoint_service);
                if let (true, Some(s)) = (gateway, service) {
                    b.prefix_list(&format!("{}:prefix_list", r.address), s);
                }
                continue;
            }
            (Mode::Data, "aws_ec2_managed_prefix_list" | "aws_prefix_list") => {
                r.get("name").and_then(Value::as_str).map(str::to_owned).or_else(|| {
                    r.get("filter")?.as_array()?.iter().find_map(|f| {
                        let is_name = f.get("name").and_then(Value::as_str) == Some("prefix-list-name");
                        let first = f.get("values")?.as_array()?.first()?.as_str()?;
                        is_name.then(|| first.to_owned())
                    })
                })
            }
            _ => None,
        };
        if let Some(s) = name.as_deref().and_then(vpc_import::values::endpoint_service) {
            b.prefix_list(&r.address, s);
            b.prefix_list(&format!("{}.id", r.address), s);
        }
    }
}

/// A whole-number attribute as written (a number, or its text).
fn num_of(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Value::String(s) => vpc_import::values::number(s),
        _ => None,
    }
}

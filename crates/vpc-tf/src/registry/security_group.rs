//! `terraform-aws-modules/security-group/aws` (the root module), releases 3.0.0 to 5.3.1: one
//! `aws_security_group` and one `aws_security_group_rule` per rule input.
//!
//! Modelled from `main.tf`, `rules.tf`, `variables.tf` and `outputs.tf` of github.com/
//! terraform-aws-modules/terraform-aws-security-group (Apache-2.0) at v5.3.1
//! (3cf4e1a48a4649179e8ea27308daf0b551cb0bfa); `main.tf` has the same 22 resources at v3.0.0,
//! v4.0.0 and v5.0.0, and `egress_rules` defaults to `[]` in all of them, so a group made by this
//! module has no egress unless an `egress_*` input gives some. The named rules
//! (`"https-443-tcp" = [443, 443, "tcp", "HTTPS"]`) are `data/security-group-rules.tsv`, taken
//! from `rules.tf` at that commit (Apache-2.0, © the terraform-aws-modules authors).
//!
//! The named submodules (`//modules/http-80`, `//modules/postgresql` …, one per key of
//! `auto_groups` in `rules.tf`, `data/security-group-groups.tsv`) call the root module as
//! `module.sg` (`modules/http-80/main.tf`) with `ingress_rules = sort(compact(distinct(concat(
//! var.auto_ingress_rules, var.ingress_rules, [""]))))`, `ingress_with_self =
//! concat(var.auto_ingress_with_self, var.ingress_with_self)` and the same for egress, every
//! other input passed through; their `auto_values.tf` holds the group's rules, and all of them add
//! `egress_rules = ["all-all"]`, so unlike the root module they allow all egress.
//!
//! Per rule input (`main.tf`; `X` is `ingress` or `egress`):
//! - `X_rules` (rule names): `cidr_blocks = var.X_cidr_blocks`, `ipv6_cidr_blocks =
//!   var.X_ipv6_cidr_blocks`, `prefix_list_ids = var.X_prefix_list_ids`, ports and protocol from
//!   the table;
//! - `X_with_cidr_blocks`: `cidr_blocks = compact(split(",", lookup(r, "cidr_blocks",
//!   join(",", var.X_cidr_blocks))))`;
//! - `X_with_ipv6_cidr_blocks`: the same with `ipv6_cidr_blocks`, plus `prefix_list_ids`;
//! - `X_with_source_security_group_id`: `source_security_group_id = r["source_security_group_id"]`;
//! - `X_with_self`: `self = lookup(r, "self", true)`;
//! - `X_with_prefix_list_ids`: `prefix_list_ids = compact(split(",", lookup(r, "prefix_list_ids", …)))`;
//!
//! Releases before v3.6.0 also set `ipv6_cidr_blocks` on the `with_source_security_group_id` and
//! `with_self` rules, and older rule tables lack some names; both are modelled as v3.6.0 on. The
//! `with_prefix_list_ids` inputs exist from v5.1.0, and v5.1.0–v5.1.2 also set `prefix_list_ids`
//! on `with_cidr_blocks` rules (checked by diffing `main.tf` over every tag).
//!
//! In the `with_*` inputs `from_port`/`to_port`/`protocol` default to those of
//! `var.rules[lookup(r, "rule", "_")]`, `description` to `"Ingress Rule"`/`"Egress Rule"`. Each
//! has a `computed_` twin counted by `number_of_computed_…`.

use serde_json::{json, Map, Value};

use super::input::{as_string, opt_str, split_list, Ctx};
use super::versions::Version;
use crate::config::{Expansion, RegistryCall};

const MODULE: &str = "terraform-aws-modules/security-group/aws";

const RELEASES: &[&str] = &[
    "3.0.0", "3.0.1", "3.1.0", "3.2.0", "3.3.0", "3.4.0", "3.5.0", "3.6.0", "3.7.0", "3.8.0", "3.9.0", "3.10.0",
    "3.11.0", "3.12.0", "3.13.0", "3.14.0", "3.15.0", "3.16.0", "3.17.0", "3.18.0", "4.0.0", "4.1.0", "4.2.0", "4.3.0",
    "4.4.0", "4.5.0", "4.6.0", "4.6.1", "4.7.0", "4.8.0", "4.9.0", "4.10.0", "4.11.0", "4.12.0", "4.13.0", "4.13.1",
    "4.14.0", "4.15.0", "4.16.0", "4.16.1", "4.16.2", "4.17.0", "4.17.1", "4.17.2", "5.0.0", "5.1.0", "5.1.1", "5.1.2",
    "5.2.0", "5.3.0", "5.3.1",
];

const RULES_TSV: &str = include_str!("data/security-group-rules.tsv");

/// `auto_groups` of `rules.tf`: group, ingress rules, ingress-with-self rules, egress rules,
/// egress-with-self rules (comma-separated).
const GROUPS_TSV: &str = include_str!("data/security-group-groups.tsv");

/// A named submodule (`modules/http-80`): the root module called as `module.sg` with the group's
/// rules added.
pub fn expand_group(call: &RegistryCall, group: &str) -> Option<Expansion> {
    let row = GROUPS_TSV
        .lines()
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .find(|f| f.first() == Some(&group))?;
    let list = |i: usize| -> Vec<String> {
        row.get(i)
            .map(|s| s.split(',').filter(|x| !x.is_empty()).map(str::to_owned).collect())
            .unwrap_or_default()
    };
    let mut inputs = call.inputs.clone();
    for (i, dir) in [(1, "ingress"), (3, "egress")] {
        // sort(compact(distinct(concat(var.auto_X_rules, var.X_rules, [""]))))
        let auto = match inputs.get(&format!("auto_{dir}_rules")) {
            Some(Value::Array(a)) => a.iter().filter_map(as_string).collect(),
            _ => list(i),
        };
        let given: Vec<String> = match inputs.get(&format!("{dir}_rules")) {
            Some(Value::Array(a)) => a.iter().filter_map(as_string).collect(),
            _ => Vec::new(),
        };
        let mut rules: Vec<String> = auto.into_iter().chain(given).filter(|r| !r.is_empty()).collect();
        rules.sort();
        rules.dedup();
        inputs.insert(format!("{dir}_rules"), json!(rules));
        // concat(var.auto_X_with_self, var.X_with_self)
        let auto_self: Vec<Value> = match inputs.get(&format!("auto_{dir}_with_self")) {
            Some(Value::Array(a)) => a.clone(),
            _ => list(i + 1).into_iter().map(|r| json!({ "rule": r })).collect(),
        };
        let given_self = match inputs.get(&format!("{dir}_with_self")) {
            Some(Value::Array(a)) => a.clone(),
            _ => Vec::new(),
        };
        inputs.insert(
            format!("{dir}_with_self"),
            Value::Array(auto_self.into_iter().chain(given_self).collect()),
        );
    }
    let inner = RegistryCall {
        address: format!("{}.module.sg", call.address),
        source: call.source.clone(),
        constraint: call.constraint.clone(),
        inputs,
        origin: call.origin.clone(),
    };
    let mut e = expand(&inner)?;
    e.notes.push(format!(
        "{}: the `{group}` submodule adds the rules {} in and {} out (its auto_values.tf) to those given",
        call.address,
        list(1).join(", "),
        list(3).join(", ")
    ));
    Some(e)
}

/// A named rule: from port, to port, protocol, description.
#[derive(Debug, Clone)]
struct Rule {
    from: Value,
    to: Value,
    protocol: Value,
    description: Value,
}

/// `var.rules[name]`: the input `rules` if the call gives one, else the module's table.
fn named_rule(custom: Option<&Map<String, Value>>, name: &str) -> Option<Rule> {
    if let Some(m) = custom {
        let l = m.get(name)?.as_array()?;
        let at = |i: usize| l.get(i).cloned().unwrap_or(Value::Null);
        return Some(Rule {
            from: port(&at(0)),
            to: port(&at(1)),
            protocol: text(&at(2)),
            description: text(&at(3)),
        });
    }
    RULES_TSV.lines().find_map(|line| {
        let mut f = line.split('\t');
        if f.next()? != name {
            return None;
        }
        let from = f.next()?.parse::<i64>().ok()?;
        let to = f.next()?.parse::<i64>().ok()?;
        let protocol = f.next()?.to_owned();
        let description = f.next().unwrap_or_default().to_owned();
        Some(Rule {
            from: from.into(),
            to: to.into(),
            protocol: protocol.into(),
            description: description.into(),
        })
    })
}

fn port(v: &Value) -> Value {
    super::input::number_or_null(Some(v))
}

fn text(v: &Value) -> Value {
    as_string(v).map_or(Value::Null, Value::String)
}

pub fn expand(call: &RegistryCall) -> Option<Expansion> {
    let (mut cx, version) = Ctx::new(
        call,
        MODULE,
        RELEASES,
        Version::new(3, 0, 0),
        "terraform-aws-security-group main.tf/rules.tf/variables.tf/outputs.tf at v5.3.1",
    )?;
    let create = cx.bool("create", true) && cx.bool("putin_khuylo", true);
    let create_sg = cx.bool("create_sg", true);
    let use_name_prefix = cx.bool("use_name_prefix", true);
    let name = cx.opt_string("name");
    let vpc_id = cx.opt_string("vpc_id");
    let description = cx.string("description", "Security Group managed by Terraform");
    let custom_rules = cx.raw("rules").and_then(Value::as_object).cloned();

    let sg = if create && create_sg {
        let mut values = Map::new();
        let n = name.clone().unwrap_or_default();
        if use_name_prefix {
            values.insert("name_prefix".into(), Value::String(format!("{n}-")));
        } else {
            values.insert("name".into(), opt_str(name.clone()));
        }
        values.insert("description".into(), Value::String(description));
        values.insert("vpc_id".into(), opt_str(vpc_id.clone()));
        values.insert("tags".into(), cx.tags(&n, &[]));
        let unknown = if vpc_id.is_none() && cx.raw("vpc_id").is_some() {
            vec!["vpc_id".to_owned()]
        } else {
            Vec::new()
        };
        if cx.raw("vpc_id").is_none() {
            cx.note("no `vpc_id`: the group is made in the Region's default VPC");
        }
        Some(cx.add(
            "aws_security_group",
            if use_name_prefix { "this_name_prefix" } else { "this" },
            0,
            Value::Object(values),
            unknown,
        ))
    } else if create {
        // Rules are added to an existing group.
        cx.opt_string("security_group_id")
    } else {
        None
    };

    if create {
        for dir in ["ingress", "egress"] {
            let cidrs = cx.strings_or(
                &format!("{dir}_cidr_blocks"),
                if dir == "egress" { &["0.0.0.0/0"] } else { &[] },
            );
            let ipv6 = cx.strings_or(
                &format!("{dir}_ipv6_cidr_blocks"),
                if dir == "egress" { &["::/0"] } else { &[] },
            );
            let prefixes = cx.strings_or(&format!("{dir}_prefix_list_ids"), &[]);
            let list = |l: &[Option<String>]| Value::Array(l.iter().map(|s| opt_str(s.clone())).collect());
            let join = |l: &[Option<String>]| l.iter().flatten().cloned().collect::<Vec<_>>().join(",");

            for computed in [false, true] {
                let prefix = if computed { "computed_" } else { "" };
                // `X_rules`: a list of names.
                let key = format!("{prefix}{dir}_rules");
                let names = counted(&mut cx, &key, computed, |cx, k| cx.strings(k).unwrap_or_default());
                for (i, rule_name) in names.iter().enumerate() {
                    let Some(rule_name) = rule_name else {
                        cx.note(format!("`{key}[{i}]` is not known before apply; the rule is left out"));
                        continue;
                    };
                    let Some(r) = named_rule(custom_rules.as_ref(), rule_name) else {
                        cx.note(format!("`{key}` names \"{rule_name}\", which is not in the module's rule table: Terraform fails on it; the rule is left out"));
                        continue;
                    };
                    let values = json!({
                        "security_group_id": sg, "type": dir,
                        "cidr_blocks": list(&cidrs), "ipv6_cidr_blocks": list(&ipv6), "prefix_list_ids": list(&prefixes),
                        "description": r.description, "from_port": r.from, "to_port": r.to, "protocol": r.protocol,
                    });
                    cx.add("aws_security_group_rule", &key, i, values, Vec::new());
                }

                // `X_with_*`: lists of objects.
                for with in [
                    "source_security_group_id",
                    "cidr_blocks",
                    "ipv6_cidr_blocks",
                    "self",
                    "prefix_list_ids",
                ] {
                    let key = format!("{prefix}{dir}_with_{with}");
                    if with == "prefix_list_ids" && version < Version::new(5, 1, 0) {
                        // Added in v5.1.0; an older release has no such input.
                        if cx.raw(&key).is_some() {
                            cx.note(format!("`{key}` is not an input of release {version} (added in 5.1.0): Terraform fails on it; it is left out"));
                        }
                        continue;
                    }
                    let items = counted(&mut cx, &key, computed, |cx, k| cx.objects(k, Vec::new()));
                    for (i, item) in items.iter().enumerate() {
                        let rule = match item.get("rule").and_then(as_string) {
                            Some(n) => match named_rule(custom_rules.as_ref(), &n) {
                                Some(r) => Some(r),
                                None => {
                                    cx.note(format!("`{key}[{i}]` names rule \"{n}\", which is not in the module's rule table: Terraform fails on it; the rule is left out"));
                                    continue;
                                }
                            },
                            None => None,
                        };
                        let field = |k: &str, idx: usize| match item.get(k) {
                            Some(v) if k == "protocol" => text(v),
                            Some(v) => port(v),
                            None => rule
                                .as_ref()
                                .map_or(Value::Null, |r| [&r.from, &r.to, &r.protocol][idx].clone()),
                        };
                        let (from, to, protocol) = (field("from_port", 0), field("to_port", 1), field("protocol", 2));
                        if from.is_null() || to.is_null() || protocol.is_null() {
                            cx.note(format!("`{key}[{i}]` has no `rule` and no `from_port`/`to_port`/`protocol`: Terraform fails on it (`var.rules[\"_\"]` is empty); the rule is left out"));
                            continue;
                        }
                        let mut m = Map::new();
                        m.insert("security_group_id".into(), opt_str(sg.clone()));
                        m.insert("type".into(), Value::String(dir.to_owned()));
                        match with {
                            "source_security_group_id" => {
                                m.insert(
                                    "source_security_group_id".into(),
                                    item.get("source_security_group_id").cloned().unwrap_or(Value::Null),
                                );
                                m.insert("prefix_list_ids".into(), list(&prefixes));
                            }
                            "cidr_blocks" => {
                                m.insert("cidr_blocks".into(), split_list(item, "cidr_blocks", &join(&cidrs)));
                                // v5.1.0 to v5.1.2 also set prefix_list_ids = var.X_prefix_list_ids.
                                if version >= Version::new(5, 1, 0) && version < Version::new(5, 2, 0) {
                                    m.insert("prefix_list_ids".into(), list(&prefixes));
                                }
                            }
                            "ipv6_cidr_blocks" => {
                                m.insert(
                                    "ipv6_cidr_blocks".into(),
                                    split_list(item, "ipv6_cidr_blocks", &join(&ipv6)),
                                );
                                m.insert("prefix_list_ids".into(), list(&prefixes));
                            }
                            "self" => {
                                let s = item.get("self").and_then(crate::config::as_bool).unwrap_or(true);
                                m.insert("self".into(), Value::Bool(s));
                                m.insert("prefix_list_ids".into(), list(&prefixes));
                            }
                            _ => {
                                m.insert(
                                    "prefix_list_ids".into(),
                                    split_list(item, "prefix_list_ids", &join(&prefixes)),
                                );
                            }
                        }
                        let default_description = if dir == "ingress" {
                            "Ingress Rule"
                        } else {
                            "Egress Rule"
                        };
                        m.insert(
                            "description".into(),
                            item.get("description")
                                .map_or(Value::String(default_description.into()), text),
                        );
                        m.insert("from_port".into(), from);
                        m.insert("to_port".into(), to);
                        m.insert("protocol".into(), protocol);
                        let unknown = if with == "source_security_group_id" && m["source_security_group_id"].is_null() {
                            vec!["source_security_group_id".to_owned()]
                        } else {
                            Vec::new()
                        };
                        cx.add("aws_security_group_rule", &key, i, Value::Object(m), unknown);
                    }
                }
            }
        }
    }

    let absent = || Value::String(String::new());
    cx.output("security_group_id", sg.clone().map_or_else(absent, Value::String));
    // An ARN holds the group's address (config.rs).
    cx.output("security_group_arn", sg.clone().map_or_else(absent, Value::String));
    cx.output(
        "security_group_vpc_id",
        if sg.is_some() { opt_str(vpc_id) } else { absent() },
    );
    if create && create_sg && !use_name_prefix {
        cx.output("security_group_name", opt_str(name));
    }
    Some(cx.finish())
}

/// A rule input's items: all of them, or for a `computed_` input the first
/// `number_of_computed_…` (the count the module uses, since the list may be unknown).
fn counted<T>(cx: &mut Ctx, key: &str, computed: bool, read: impl Fn(&mut Ctx, &str) -> Vec<T>) -> Vec<T> {
    let items = read(cx, key);
    if !computed {
        return items;
    }
    let n = usize::try_from(cx.number(&format!("number_of_{key}"), 0)).unwrap_or(0);
    if n > items.len() {
        cx.note(format!(
            "`number_of_{key}` is {n} but `{key}` has {} known items; only those are made",
            items.len()
        ));
    }
    items.into_iter().take(n).collect()
}

//! `terraform-aws-modules/vpc/aws//modules/vpc-endpoints`, releases 3.0.0 to 6.6.0 (versioned
//! with the VPC module): one `aws_vpc_endpoint.this["<key>"]` per entry of `endpoints`.
//!
//! Modelled from `modules/vpc-endpoints/main.tf` of github.com/terraform-aws-modules/
//! terraform-aws-vpc (Apache-2.0) at v3.19.0 (90ef90a311c547dd05054a81d2de592885ba9996) and
//! v5.21.0 (7c1f791efd61f326ed6102d564d1a65d1eceedf0):
//!
//! ```hcl
//! locals { endpoints = { for k, v in var.endpoints : k => v if var.create && try(v.create, true) } }
//! resource "aws_vpc_endpoint" "this" {
//!   for_each          = local.endpoints
//!   vpc_id            = var.vpc_id
//!   service_name      = try(each.value.service_endpoint, data.aws_vpc_endpoint_service.this[each.key].service_name)
//!   vpc_endpoint_type = try(each.value.service_type, "Interface")
//!   security_group_ids  = <Interface> ? distinct(concat(local.security_group_ids, each.value.security_group_ids)) (null if empty) : null
//!   subnet_ids          = <Interface> ? distinct(concat(var.subnet_ids, each.value.subnet_ids)) : null
//!   route_table_ids     = <Gateway> ? lookup(each.value, "route_table_ids", null) : null
//!   private_dns_enabled = <Interface> ? try(each.value.private_dns_enabled, null) : null
//! ```
//!
//! `service_endpoint` is read from v5.10.0, `create_security_group` (an extra group made by the
//! module and added to every interface endpoint) from v5.1.0. The service name of `service = "s3"`
//! comes from a data source in the deployed Region; `com.amazonaws.us-east-1.<service>` stands
//! in for it, with a note.

use serde_json::{json, Map, Value};

use super::input::{as_string, opt_str, Ctx};
use super::versions::Version;
use super::vpc::RELEASES;
use crate::config::{Expansion, RegistryCall};

const MODULE: &str = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints";

pub fn expand(call: &RegistryCall) -> Option<Expansion> {
    let (mut cx, v) = Ctx::new(
        call,
        MODULE,
        RELEASES,
        Version::new(3, 0, 0),
        "terraform-aws-vpc modules/vpc-endpoints/main.tf at v3.19.0 and v5.21.0",
    )?;
    let create = cx.bool("create", true);
    let vpc_id = cx.opt_string("vpc_id");
    let subnet_ids = cx.strings("subnet_ids").unwrap_or_default();
    let mut group_ids = cx.strings("security_group_ids").unwrap_or_default();

    let mut own_group = None;
    if v >= Version::new(5, 1, 0) && create && cx.bool("create_security_group", false) {
        let sg_name = cx.opt_string("security_group_name");
        let sg_prefix = cx.opt_string("security_group_name_prefix");
        let g = cx.add(
            "aws_security_group",
            "this",
            0,
            json!({
                "name": opt_str(sg_name),
                "name_prefix": opt_str(sg_prefix),
                "vpc_id": opt_str(vpc_id.clone()),
            }),
            Vec::new(),
        );
        let rules = cx
            .raw("security_group_rules")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        for (key, r) in &rules {
            let get = |k: &str| r.get(k).cloned().unwrap_or(Value::Null);
            let or = |k: &str, d: Value| r.get(k).cloned().filter(|v| !v.is_null()).unwrap_or(d);
            cx.add_keyed(
                "aws_security_group_rule",
                "this",
                &format!("{key:?}"),
                json!({
                    "security_group_id": g,
                    "protocol": or("protocol", json!("tcp")),
                    "from_port": or("from_port", json!(443)),
                    "to_port": or("to_port", json!(443)),
                    "type": or("type", json!("ingress")),
                    "description": get("description"),
                    "cidr_blocks": get("cidr_blocks"),
                    "ipv6_cidr_blocks": get("ipv6_cidr_blocks"),
                    "prefix_list_ids": get("prefix_list_ids"),
                    "self": get("self"),
                    "source_security_group_id": get("source_security_group_id"),
                }),
                Vec::new(),
            );
        }
        group_ids.push(Some(g.clone()));
        own_group = Some(g);
    }

    let endpoints: Map<String, Value> = match cx.raw("endpoints") {
        Some(Value::Object(m)) => m.clone(),
        Some(Value::Null) => {
            cx.note("`endpoints` is not known before apply; no endpoint is made");
            Map::new()
        }
        _ => Map::new(),
    };
    let mut out = Map::new();
    for (key, e) in endpoints.iter() {
        if !create || e.get("create").and_then(crate::config::as_bool) == Some(false) {
            continue;
        }
        let field = |k: &str| e.get(k).filter(|v| !v.is_null());
        let kind = field("service_type")
            .and_then(as_string)
            .unwrap_or_else(|| "Interface".to_owned());
        let service_name = match (
            field("service_endpoint").filter(|_| v >= Version::new(5, 10, 0)),
            field("service_name"),
            field("service"),
        ) {
            (Some(s), _, _) | (None, Some(s), _) => as_string(s),
            (None, None, Some(s)) => {
                let s = as_string(s).unwrap_or_default();
                cx.note(format!(
                    "endpoint \"{key}\": the service name of `service = \"{s}\"` comes from the deployed Region; com.amazonaws.us-east-1.{s} stands in for it"
                ));
                Some(format!("com.amazonaws.us-east-1.{s}"))
            }
            (None, None, None) => None,
        };
        let mut unknown = Vec::new();
        if service_name.is_none() {
            unknown.push("service_name".to_owned());
        }
        // A policy written but not known before apply (a policy document data source's
        // `json`): the endpoint's policy is unknown, and what passes through it says so.
        if e.get("policy").is_some_and(Value::is_null) {
            unknown.push("policy".to_owned());
        }
        let extra = |k: &str| -> Vec<Option<String>> {
            field(k)
                .and_then(Value::as_array)
                .map(|a| a.iter().map(as_string).collect())
                .unwrap_or_default()
        };
        let distinct = |a: &[Option<String>], b: Vec<Option<String>>| -> Vec<Value> {
            let mut seen: Vec<Option<String>> = Vec::new();
            for x in a.iter().cloned().chain(b) {
                if !seen.contains(&x) {
                    seen.push(x);
                }
            }
            seen.into_iter().map(opt_str).collect()
        };
        let interface = kind == "Interface";
        let groups = distinct(&group_ids, extra("security_group_ids"));
        let values = json!({
            "vpc_id": opt_str(vpc_id.clone()),
            "service_name": opt_str(service_name),
            "vpc_endpoint_type": kind,
            "security_group_ids": if interface && !groups.is_empty() { Value::Array(groups) } else { Value::Null },
            "subnet_ids": if interface { Value::Array(distinct(&subnet_ids, extra("subnet_ids"))) } else { Value::Null },
            "route_table_ids": if kind == "Gateway" { field("route_table_ids").cloned().unwrap_or(Value::Null) } else { Value::Null },
            "private_dns_enabled": if interface { field("private_dns_enabled").cloned().unwrap_or(Value::Null) } else { Value::Null },
            "policy": field("policy").cloned().unwrap_or(Value::Null),
            "tags": {"Name": key.replace('.', "-")},
        });
        let a = cx.add_keyed("aws_vpc_endpoint", "this", &format!("{key:?}"), values, unknown);
        // A gateway endpoint's prefix list is its service's, which security-group rules name
        // (`endpoints["s3"]["prefix_list_id"]`): the config.rs convention `<address>:prefix_list`.
        out.insert(
            key.clone(),
            json!({"id": a, "arn": a, "prefix_list_id": format!("{a}:prefix_list")}),
        );
    }
    cx.output("endpoints", Value::Object(out));
    cx.output("security_group_id", opt_str(own_group.clone()));
    cx.output("security_group_arn", opt_str(own_group));
    Some(cx.finish())
}

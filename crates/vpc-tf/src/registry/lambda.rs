//! `terraform-aws-modules/lambda/aws`, releases 2.0.0 to 8.8.1: the function and its VPC
//! attachment.
//!
//! Modelled from `main.tf`, `variables.tf` and `outputs.tf` of github.com/terraform-aws-modules/
//! terraform-aws-lambda (Apache-2.0) at v8.8.1 (23d00f7daef40091e87ed2f9dc5d8532e9d2cc22), whose
//! `dynamic "vpc_config"` block is the same from v2.0.0 (checked with `git show`), except that
//! `ipv6_allowed_for_dual_stack` is passed from v7.14.0:
//!
//! ```hcl
//! resource "aws_lambda_function" "this" {
//!   count = local.create && var.create_function && !var.create_layer ? 1 : 0   # main.tf:42
//!   dynamic "vpc_config" {                                                  # main.tf:111
//!     for_each = var.vpc_subnet_ids != null && var.vpc_security_group_ids != null ? [true] : []
//!     content {
//!       security_group_ids          = var.vpc_security_group_ids
//!       subnet_ids                  = var.vpc_subnet_ids
//!       ipv6_allowed_for_dual_stack = var.ipv6_allowed_for_dual_stack
//! ```
//!
//! The role, its policies (`attach_network_policy` only grants the ENI permissions), the log
//! group, the package and triggers do not change what the function can reach and are not made.

use serde_json::{json, Map, Value};

use super::input::Ctx;
use super::versions::Version;
use crate::config::{Expansion, RegistryCall};

const MODULE: &str = "terraform-aws-modules/lambda/aws";

/// Releases from 2.0.0 on (the repository's tags).
const RELEASES: &[&str] = &[
    "2.0.0", "2.1.0", "2.2.0", "2.3.0", "2.4.0", "2.5.0", "2.6.0", "2.7.0", "2.8.0", "2.9.0", "2.10.0", "2.11.0",
    "2.12.0", "2.13.0", "2.14.0", "2.15.0", "2.16.0", "2.17.0", "2.18.0", "2.19.0", "2.20.0", "2.21.0", "2.22.0",
    "2.23.0", "2.24.0", "2.25.0", "2.26.0", "2.27.0", "2.27.1", "2.28.0", "2.29.0", "2.30.0", "2.31.0", "2.32.0",
    "2.33.0", "2.33.1", "2.33.2", "2.34.0", "2.34.1", "2.35.0", "2.35.1", "2.36.0", "3.0.0", "3.0.1", "3.1.0", "3.1.1",
    "3.2.0", "3.2.1", "3.3.0", "3.3.1", "4.0.0", "4.0.1", "4.0.2", "4.1.0", "4.1.1", "4.1.2", "4.1.3", "4.1.4",
    "4.2.0", "4.2.1", "4.2.2", "4.3.0", "4.4.0", "4.4.1", "4.5.0", "4.6.0", "4.6.1", "4.7.0", "4.7.1", "4.7.2",
    "4.8.0", "4.9.0", "4.10.0", "4.10.1", "4.11.0", "4.12.0", "4.12.1", "4.13.0", "4.14.0", "4.15.0", "4.16.0",
    "4.17.0", "4.18.0", "5.0.0", "5.1.0", "5.2.0", "5.3.0", "6.0.0", "6.0.1", "6.1.0", "6.2.0", "6.3.0", "6.4.0",
    "6.5.0", "6.6.0", "6.7.0", "6.7.1", "6.8.0", "7.0.0", "7.1.0", "7.2.0", "7.2.1", "7.2.2", "7.2.3", "7.2.4",
    "7.2.5", "7.2.6", "7.3.0", "7.4.0", "7.5.0", "7.6.0", "7.7.0", "7.7.1", "7.8.0", "7.8.1", "7.9.0", "7.10.0",
    "7.11.0", "7.12.0", "7.13.0", "7.14.0", "7.14.1", "7.15.0", "7.16.0", "7.17.0", "7.17.1", "7.18.0", "7.19.0",
    "7.20.0", "7.20.1", "7.20.2", "7.20.3", "7.21.0", "7.21.1", "8.0.0", "8.0.1", "8.1.0", "8.1.1", "8.1.2", "8.2.0",
    "8.2.1", "8.3.0", "8.4.0", "8.5.0", "8.5.1", "8.6.0", "8.7.0", "8.8.0", "8.8.1",
];

pub fn expand(call: &RegistryCall) -> Option<Expansion> {
    let (mut cx, version) = Ctx::new(
        call,
        MODULE,
        RELEASES,
        Version::new(2, 0, 0),
        "terraform-aws-lambda main.tf/variables.tf/outputs.tf at v8.8.1",
    )?;
    let create = cx.bool("create", true) && cx.bool("putin_khuylo", true);
    let create_function = cx.bool("create_function", true);
    let create_layer = cx.bool("create_layer", false);
    let function_name = cx.string("function_name", "");
    let package_type = cx.string("package_type", "Zip");

    if !(create && create_function && !create_layer) {
        cx.output("lambda_function_arn", Value::String(String::new()));
        cx.output("lambda_function_name", Value::String(String::new()));
        if create && create_layer {
            cx.note("`create_layer = true`: the call makes a layer, not a function");
        }
        return Some(cx.finish());
    }

    let mut values = Map::new();
    values.insert("function_name".into(), Value::String(function_name.clone()));
    let zip = package_type == "Zip";
    values.insert("package_type".into(), Value::String(package_type));
    values.insert(
        "handler".into(),
        if zip {
            Value::String(cx.string("handler", ""))
        } else {
            Value::Null
        },
    );
    values.insert(
        "runtime".into(),
        if zip {
            Value::String(cx.string("runtime", ""))
        } else {
            Value::Null
        },
    );
    values.insert("description".into(), Value::String(cx.string("description", "")));

    // `var.vpc_subnet_ids != null && var.vpc_security_group_ids != null`: an input given as an
    // expression not known before apply arrives `null` too, but was written, so the block is
    // there with the list unknown.
    let mut unknown = Vec::new();
    let subnets = cx.raw("vpc_subnet_ids");
    let groups = cx.raw("vpc_security_group_ids");
    if let (Some(s), Some(g)) = (subnets, groups) {
        for (key, v) in [("subnet_ids", s), ("security_group_ids", g)] {
            if v.is_null() {
                unknown.push(format!("vpc_config.0.{key}"));
                cx.note(format!(
                    "`{}` is not known before apply; the function is taken to be attached to a VPC with its {} unknown",
                    if key == "subnet_ids" {
                        "vpc_subnet_ids"
                    } else {
                        "vpc_security_group_ids"
                    },
                    if key == "subnet_ids" {
                        "subnets"
                    } else {
                        "security groups"
                    }
                ));
            }
        }
        let mut block = json!({"subnet_ids": s, "security_group_ids": g});
        // `ipv6_allowed_for_dual_stack` is passed from v7.14.0 (commit 2a602f9); before, the
        // input does not exist and the block does not set it.
        if version >= Version::new(7, 14, 0) {
            block["ipv6_allowed_for_dual_stack"] = cx
                .opt_bool("ipv6_allowed_for_dual_stack")
                .map_or(Value::Null, Value::Bool);
        } else if cx.raw("ipv6_allowed_for_dual_stack").is_some() {
            cx.note(format!("`ipv6_allowed_for_dual_stack` is not an input of release {version} (added in 7.14.0): Terraform fails on it; it is left out"));
        }
        values.insert("vpc_config".into(), json!([block]));
    } else if subnets.is_some() != groups.is_some() {
        cx.note(format!(
            "only one of `vpc_subnet_ids` and `vpc_security_group_ids` is given: the module attaches the function to a VPC only with both (main.tf `dynamic \"vpc_config\"`), so {} runs outside any VPC",
            function_name
        ));
    }
    let address = cx.add("aws_lambda_function", "this", 0, Value::Object(values), unknown);
    // An ARN holds the function's address (config.rs); the name is the name.
    cx.output("lambda_function_arn", Value::String(address.clone()));
    cx.output("lambda_function_qualified_arn", Value::String(address.clone()));
    cx.output("lambda_function_invoke_arn", Value::String(address));
    cx.output("lambda_function_name", Value::String(function_name));
    Some(cx.finish())
}

//! Plan and state JSON, hand-written in the shapes `terraform show -json` prints.

use super::*;
use serde_json::json;

const PLAN: &str = include_str!("../../tests/plans/lambda-nat.plan.json");

fn resource<'a>(ev: &'a Evaluated, address: &str) -> &'a Resource {
    ev.resources
        .iter()
        .find(|r| r.address == address)
        .unwrap_or_else(|| panic!("{address} is read"))
}

#[test]
fn plans_and_states_are_recognised_by_content() {
    assert!(looks_like_plan(PLAN));
    assert!(looks_like_plan(
        r#"{"format_version":"1.0","terraform_version":"1.9.0","values":{"root_module":{}}}"#
    ));
    assert!(!looks_like_plan(
        r#"{"format":"vpc-playground","schema_version":3,"document":{}}"#
    ));
    assert!(!looks_like_plan(r#"{"Resources":{}}"#));
    assert!(!looks_like_plan("resource \"aws_vpc\" \"main\" {}"));
}

#[test]
fn unknown_ids_are_linked_through_the_configurations_references() {
    let ev = read(PLAN, "plan.json").unwrap();
    assert_eq!(ev.format, "terraform-plan");
    let v = |a: &str, k: &str| resource(&ev, a).values.get(k).cloned().unwrap_or(Value::Null);
    assert_eq!(v("aws_subnet.private[0]", "vpc_id"), json!("aws_vpc.main"));
    assert_eq!(v("aws_nat_gateway.nat", "subnet_id"), json!("aws_subnet.public[0]"));
    assert_eq!(v("aws_nat_gateway.nat", "allocation_id"), json!("aws_eip.nat"));
    // A reference without the index (`aws_subnet.private[count.index]`): the instance with
    // the referrer's index.
    assert_eq!(
        v("aws_route_table_association.private[0]", "subnet_id"),
        json!("aws_subnet.private[0]")
    );
    assert_eq!(
        v("aws_lambda_function.api", "vpc_config"),
        json!([{"ipv6_allowed_for_dual_stack": false, "subnet_ids": ["aws_subnet.private[0]"], "security_group_ids": ["aws_security_group.fn"]}])
    );
    assert_eq!(
        v("aws_route_table.public", "route")[0]["gateway_id"],
        json!("aws_internet_gateway.gw")
    );
    let lambda = resource(&ev, "aws_lambda_function.api");
    // An ARN reference is the address too (config.rs); linked values are known now, the
    // rest stays unknown.
    assert_eq!(v("aws_lambda_function.api", "role"), json!("aws_iam_role.fn"));
    assert_eq!(lambda.unknown, ["arn", "vpc_config.0.vpc_id"]);
}

#[test]
fn the_plan_maps_to_a_lambda_in_a_private_subnet_behind_nat() {
    let i = crate::map(&read(PLAN, "plan.json").unwrap()).unwrap();
    let d = &i.document;
    let private = d
        .subnets
        .iter()
        .find(|s| s.id.as_str() == "aws_subnet.private[0]")
        .unwrap();
    assert_eq!(
        private.route_table.as_ref().unwrap().as_str(),
        "aws_route_table.private"
    );
    assert!(i.report.outside.is_empty(), "{:?}", i.report.outside);
    assert!(i.report.not_modelled.iter().any(|n| n.id == "aws_iam_role.fn"));
    let analysis = vpc_engine::analyze(d);
    let internet = analysis
        .verdicts
        .iter()
        .find(|v| v.to.key() == "internet")
        .expect("asked about the internet");
    // L7 + G3 + G1: private subnet → NAT gateway (with an Elastic IP) in a public subnet →
    // attached internet gateway; the group allows HTTPS out.
    assert_eq!(internet.reach, vpc_engine::reach::Reach::Reachable);
}

#[test]
fn a_state_rewrites_aws_ids_to_addresses() {
    let state = json!({
        "format_version": "1.0",
        "terraform_version": "1.9.5",
        "values": {"root_module": {
            "resources": [
                {"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc", "name": "main",
                 "values": {"id": "vpc-0a1", "cidr_block": "10.1.0.0/16", "default_security_group_id": "sg-0def", "main_route_table_id": "rtb-0main", "default_network_acl_id": "acl-0d"}},
                {"address": "data.aws_vpc.peer", "mode": "data", "type": "aws_vpc", "name": "peer",
                 "values": {"id": "vpc-0peer", "cidr_block": "10.9.0.0/16"}}
            ],
            "child_modules": [{"address": "module.net", "resources": [
                {"address": "module.net.aws_subnet.a[\"x\"]", "mode": "managed", "type": "aws_subnet", "name": "a", "index": "x",
                 "values": {"id": "subnet-0aa", "vpc_id": "vpc-0a1", "cidr_block": "10.1.1.0/24"}},
                {"address": "module.net.aws_route_table_association.a[\"x\"]", "mode": "managed", "type": "aws_route_table_association", "name": "a", "index": "x",
                 "values": {"id": "rtbassoc-1", "subnet_id": "subnet-0aa", "route_table_id": "rtb-0main"}},
                {"address": "module.net.aws_vpc_peering_connection.p", "mode": "managed", "type": "aws_vpc_peering_connection", "name": "p",
                 "values": {"id": "pcx-1", "vpc_id": "vpc-0a1", "peer_vpc_id": "vpc-0peer"}}
            ]}]
        }}
    })
    .to_string();
    let ev = read(&state, "state.json").unwrap();
    assert_eq!(ev.format, "terraform-state");
    let v = |a: &str, k: &str| resource(&ev, a).values.get(k).cloned().unwrap_or(Value::Null);
    assert_eq!(v("module.net.aws_subnet.a[\"x\"]", "vpc_id"), json!("aws_vpc.main"));
    assert_eq!(
        v("module.net.aws_route_table_association.a[\"x\"]", "route_table_id"),
        json!("aws_vpc.main:main_route_table")
    );
    assert_eq!(
        v("module.net.aws_vpc_peering_connection.p", "peer_vpc_id"),
        json!("data.aws_vpc.peer")
    );
    assert_eq!(resource(&ev, "data.aws_vpc.peer").mode, Mode::Data);
    let i = crate::map(&ev).unwrap();
    assert!(i
        .report
        .outside
        .iter()
        .any(|o| o.id == "data.aws_vpc.peer" && o.via == "data"));
    assert!(i
        .document
        .route_tables
        .iter()
        .any(|t| t.id.as_str() == "aws_vpc.main:main_route_table"));
}

#[test]
fn malformed_json_is_an_error_with_line_and_column() {
    let e = read(
        "{\n  \"format_version\": \"1.2\",\n  \"planned_values\": {,\n}",
        "plan.json",
    )
    .unwrap_err();
    let o = e.origin.clone().unwrap();
    assert_eq!((o.file.as_str(), o.line, o.column), ("plan.json", 3, 22));
    assert!(e.to_string().starts_with("plan.json:3:22: not valid JSON"), "{e}");
    let e = read("{\"format_version\": \"1.2\"}", "x.json").unwrap_err();
    assert!(e.message.contains("terraform show -json"), "{e}");
    assert!(read("[1, 2]", "x.json").is_err());
}

#[test]
fn references_are_followed_through_module_outputs_and_variables() {
    let sn = |i: u64, cidr: &str| {
        json!({"address": format!("module.vpc.aws_subnet.private[{i}]"), "mode": "managed", "type": "aws_subnet", "name": "private", "index": i,
               "values": {"cidr_block": cidr, "availability_zone": "us-east-1a"}})
    };
    let lambda = |address: &str| {
        json!({"address": address, "mode": "managed", "type": "aws_lambda_function", "name": "f",
               "values": {"vpc_config": [{}]}})
    };
    let unknown_vpc_config = json!({"vpc_config": [{"subnet_ids": true}]});
    let plan = json!({
        "format_version": "1.2",
        "planned_values": {"root_module": {
            "resources": [lambda("aws_lambda_function.root")],
            "child_modules": [
                {"address": "module.vpc", "resources": [
                    {"address": "module.vpc.aws_vpc.this", "mode": "managed", "type": "aws_vpc", "name": "this", "values": {"cidr_block": "10.0.0.0/16"}},
                    sn(0, "10.0.1.0/24"), sn(1, "10.0.2.0/24")
                ]},
                {"address": "module.app", "resources": [lambda("module.app.aws_lambda_function.f")]}
            ]
        }},
        "resource_changes": [
            {"address": "module.vpc.aws_subnet.private[0]", "change": {"after_unknown": {"vpc_id": true}}},
            {"address": "module.vpc.aws_subnet.private[1]", "change": {"after_unknown": {"vpc_id": true}}},
            {"address": "aws_lambda_function.root", "change": {"after_unknown": unknown_vpc_config}},
            {"address": "module.app.aws_lambda_function.f", "change": {"after_unknown": unknown_vpc_config}}
        ],
        "configuration": {"root_module": {
            "resources": [{"address": "aws_lambda_function.root", "expressions": {
                "vpc_config": [{"subnet_ids": {"references": ["module.vpc.private_subnets", "module.vpc"]}}]}}],
            "module_calls": {
                "vpc": {"source": "./modules/vpc", "module": {
                    "outputs": {"private_subnets": {"expression": {"references": ["aws_subnet.private"]}}},
                    "resources": [
                        {"address": "aws_vpc.this", "expressions": {}},
                        {"address": "aws_subnet.private", "expressions": {"vpc_id": {"references": ["aws_vpc.this.id", "aws_vpc.this"]}}}
                    ]}},
                "app": {"source": "./modules/app",
                        "expressions": {"subnet_ids": {"references": ["module.vpc.private_subnets", "module.vpc"]}},
                        "module": {"resources": [{"address": "aws_lambda_function.f", "expressions": {
                            "vpc_config": [{"subnet_ids": {"references": ["var.subnet_ids"]}}]}}]}}
            }
        }}
    })
    .to_string();
    let ev = read(&plan, "plan.json").unwrap();
    let subnets = |a: &str| resource(&ev, a).values["vpc_config"][0]["subnet_ids"].clone();
    let both = json!(["module.vpc.aws_subnet.private[0]", "module.vpc.aws_subnet.private[1]"]);
    assert_eq!(subnets("aws_lambda_function.root"), both);
    assert_eq!(subnets("module.app.aws_lambda_function.f"), both);
    assert_eq!(
        resource(&ev, "module.vpc.aws_subnet.private[1]").values["vpc_id"],
        json!("module.vpc.aws_vpc.this")
    );
    assert_eq!(ev.modules.len(), 2);
    assert!(ev.resources.iter().all(|r| r.unknown.is_empty()));
}

#[test]
fn module_segments_keep_instance_keys_even_with_dots() {
    let (segs, rest) = module_segments("module.app[\"eu.west\"].module.net[0].aws_subnet.a[\"x\"]");
    assert_eq!(segs, ["module.app[\"eu.west\"]", "module.net[0]"]);
    assert_eq!(rest, "aws_subnet.a[\"x\"]");
    assert_eq!(call_name(&segs[0]), "app");
    assert_eq!(module_segments("aws_vpc.main"), (vec![], "aws_vpc.main"));
}

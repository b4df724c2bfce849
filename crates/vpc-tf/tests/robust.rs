//! Nothing panics: mutated plans and plans of arbitrary values are read and mapped, or
//! refused with an error.

use proptest::prelude::*;
use serde_json::{json, Value};

const PLAN: &str = include_str!("plans/lambda-nat.plan.json");

/// The types the mapping reads, and a few it does not.
const TYPES: &[&str] = &[
    "aws_vpc",
    "aws_subnet",
    "aws_route_table",
    "aws_default_route_table",
    "aws_route",
    "aws_route_table_association",
    "aws_main_route_table_association",
    "aws_internet_gateway",
    "aws_nat_gateway",
    "aws_eip",
    "aws_vpc_endpoint",
    "aws_vpc_endpoint_subnet_association",
    "aws_security_group",
    "aws_default_security_group",
    "aws_security_group_rule",
    "aws_vpc_security_group_egress_rule",
    "aws_network_acl",
    "aws_default_network_acl",
    "aws_network_acl_rule",
    "aws_lambda_function",
    "aws_db_instance",
    "aws_rds_cluster",
    "aws_instance",
    "aws_efs_file_system",
    "aws_efs_mount_target",
    "aws_msk_cluster",
    "aws_opensearch_domain",
    "aws_db_proxy",
    "aws_iam_role",
];

const KEYS: &[&str] = &[
    "vpc_id",
    "subnet_id",
    "subnet_ids",
    "cidr_block",
    "route_table_id",
    "gateway_id",
    "nat_gateway_id",
    "ingress",
    "egress",
    "protocol",
    "from_port",
    "to_port",
    "cidr_blocks",
    "self",
    "vpc_config",
    "security_group_ids",
    "default_route_table_id",
    "default_network_acl_id",
    "route",
    "rule_no",
    "allocation_id",
    "engine",
    "port",
    "broker_node_group_info",
    "client_authentication",
    "vpc_options",
];

fn value() -> impl Strategy<Value = Value> {
    let refs = prop::sample::select(vec![
        "aws_vpc.r0",
        "aws_subnet.r1",
        "aws_vpc.r0:main_route_table",
        "aws_vpc.r0:default_security_group",
        "aws_vpc.r0:default_network_acl",
        "data.aws_vpc.x",
        "subnet-0abc",
        "0.0.0.0/0",
        "10.0.0.0/24",
        "tcp",
        "-1",
        "",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        refs.prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
}

fn import(text: &str) {
    let input = vpc_tf::Input {
        files: vec![("plan.json".into(), text.into())],
        ..vpc_tf::Input::default()
    };
    if let Ok(i) = vpc_tf::import(&input) {
        let _ = vpc_engine::analyze(&i.document);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn mutated_plans_never_panic(at in 0usize..PLAN.len(), len in 0usize..64, with in prop::sample::select(vec!["", "{", "}", "[", "]", ",", "\"", "null", "0", "true"])) {
        let at = (0..=at).rev().find(|i| PLAN.is_char_boundary(*i)).unwrap_or(0);
        let end = (at + len..=PLAN.len()).find(|i| PLAN.is_char_boundary(*i)).unwrap_or(PLAN.len());
        let text = format!("{}{with}{}", &PLAN[..at], &PLAN[end..]);
        import(&text);
    }

    #[test]
    fn plans_of_arbitrary_values_never_panic(
        resources in prop::collection::vec((prop::sample::select(TYPES), value(), value()), 0..12)
    ) {
        let list: Vec<Value> = resources
            .into_iter()
            .enumerate()
            .map(|(n, (ty, values, unknown))| json!({
                "address": format!("{ty}.r{n}"), "mode": "managed", "type": ty, "name": format!("r{n}"),
                "index": if n % 2 == 0 { json!(0) } else { Value::Null },
                "values": values, "after_unknown": unknown
            }))
            .collect();
        let changes: Vec<Value> = list
            .iter()
            .map(|r| json!({"address": r["address"], "change": {"after_unknown": r["after_unknown"]}}))
            .collect();
        let config: Vec<Value> = list
            .iter()
            .map(|r| json!({"address": r["address"], "expressions": r["values"]}))
            .collect();
        let plan = json!({
            "format_version": "1.2",
            "planned_values": {"root_module": {"resources": list, "child_modules": [{"resources": [{"address": 3}]}]}},
            "resource_changes": changes,
            "configuration": {"root_module": {"resources": config, "module_calls": {"m": {"module": {}}}}}
        });
        import(&plan.to_string());
    }
}

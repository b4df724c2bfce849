//! The mapping, from hand-built evaluations: each test states one provider behaviour.

use super::*;
use crate::config::{ModuleCall, Origin, Variable};
use serde_json::json;
use vpc_engine::model::{NaclAction, Protocol, RouteTarget, SgPeer};
use vpc_engine::reach::Reach;

fn res(address: &str, values: Value) -> Resource {
    let (mode, rest) = match address.strip_prefix("data.") {
        Some(rest) => (Mode::Data, rest),
        None => (Mode::Managed, address),
    };
    let rtype = rest.rsplit("module.").next().unwrap_or(rest);
    let rtype = rtype
        .split('.')
        .find(|p| p.starts_with("aws_"))
        .unwrap_or(rtype)
        .to_owned();
    Resource {
        address: address.to_owned(),
        mode,
        rtype,
        values: values.as_object().cloned().unwrap_or_default(),
        unknown: vec![],
        origin: Origin {
            file: "main.tf".into(),
            line: 1,
            column: 1,
        },
    }
}

fn ev(resources: Vec<Resource>) -> Evaluated {
    Evaluated {
        format: "terraform",
        resources,
        ..Evaluated::default()
    }
}

/// A VPC with a public subnet (IGW) and a private one (NAT), both written as `count`.
fn network() -> Vec<Resource> {
    vec![
        res(
            "aws_vpc.main",
            json!({"cidr_block": "10.0.0.0/16", "enable_dns_hostnames": true}),
        ),
        res(
            "aws_subnet.public[0]",
            json!({"vpc_id": "aws_vpc.main", "cidr_block": "10.0.0.0/24", "availability_zone": "us-east-1a", "map_public_ip_on_launch": true}),
        ),
        res(
            "aws_subnet.private[0]",
            json!({"vpc_id": "aws_vpc.main", "cidr_block": "10.0.10.0/24", "availability_zone": "us-east-1a"}),
        ),
        res("aws_internet_gateway.gw", json!({"vpc_id": "aws_vpc.main"})),
        res("aws_eip.nat[0]", json!({"domain": "vpc"})),
        res(
            "aws_nat_gateway.nat[0]",
            json!({"subnet_id": "aws_subnet.public[0]", "allocation_id": "aws_eip.nat[0]"}),
        ),
        res(
            "aws_route_table.public",
            json!({"vpc_id": "aws_vpc.main", "route": [{"cidr_block": "0.0.0.0/0", "gateway_id": "aws_internet_gateway.gw", "nat_gateway_id": ""}]}),
        ),
        res("aws_route_table.private[0]", json!({"vpc_id": "aws_vpc.main"})),
        res(
            "aws_route.private_nat[0]",
            json!({"route_table_id": "aws_route_table.private[0]", "destination_cidr_block": "0.0.0.0/0", "nat_gateway_id": "aws_nat_gateway.nat[0]"}),
        ),
        res(
            "aws_route_table_association.public[0]",
            json!({"subnet_id": "aws_subnet.public[0]", "route_table_id": "aws_route_table.public"}),
        ),
        res(
            "aws_route_table_association.private[0]",
            json!({"subnet_id": "aws_subnet.private[0]", "route_table_id": "aws_route_table.private[0]"}),
        ),
    ]
}

fn lambda(sg: &str, subnet: &str) -> Resource {
    res(
        "aws_lambda_function.api",
        json!({"function_name": "api", "vpc_config": [{"subnet_ids": [subnet], "security_group_ids": [sg]}]}),
    )
}

fn internet(import: &Import) -> Reach {
    let analysis = vpc_engine::analyze(&import.document);
    analysis
        .verdicts
        .iter()
        .find(|v| v.from.key() == "aws_lambda_function.api" && v.to.key() == "internet")
        .map(|v| v.reach)
        .expect("the function is asked about the internet")
}

#[test]
fn count_indexed_addresses_are_component_ids_and_the_private_subnet_reaches_the_internet_through_nat() {
    let mut r = network();
    r.push(res(
        "aws_security_group.fn",
        json!({"vpc_id": "aws_vpc.main", "egress": [{"protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["0.0.0.0/0"]}]}),
    ));
    r.push(lambda("aws_security_group.fn", "aws_subnet.private[0]"));
    let i = map(&ev(r)).unwrap();
    let d = &i.document;
    assert_eq!(d.subnets[1].id.as_str(), "aws_subnet.private[0]");
    assert_eq!(
        d.subnets[1].route_table.as_ref().map(|t| t.as_str()),
        Some("aws_route_table.private[0]")
    );
    assert!(d.nat_gateways[0].elastic_ip);
    let eip = i.report.modelled.iter().find(|m| m.id == "aws_eip.nat[0]").unwrap();
    assert_eq!(eip.became, "Elastic IP of aws_nat_gateway.nat[0]");
    let public = d
        .route_tables
        .iter()
        .find(|t| t.id.as_str() == "aws_route_table.public")
        .unwrap();
    assert_eq!(
        public.routes[0].target,
        RouteTarget::InternetGateway("aws_internet_gateway.gw".into())
    );
    assert!(i.report.outside.is_empty(), "{:?}", i.report.outside);
    // Rules L7 and G3: a private subnet whose default route goes to a NAT gateway in a public
    // subnet, and a group allowing all egress: the function reaches the internet.
    assert_eq!(internet(&i), Reach::Reachable);
}

#[test]
fn a_security_group_without_egress_blocks_has_no_egress_rule() {
    let mut r = network();
    r.push(res(
        "aws_security_group.fn",
        json!({"vpc_id": "aws_vpc.main", "ingress": [{"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": ["10.0.0.0/16"], "self": false}]}),
    ));
    r.push(lambda("aws_security_group.fn", "aws_subnet.private[0]"));
    let i = map(&ev(r)).unwrap();
    let g = &i.document.security_groups[0];
    assert_eq!(g.inbound.len(), 1);
    assert!(
        g.outbound.is_empty(),
        "Terraform removes AWS's default egress: {:?}",
        g.outbound
    );
    assert!(i
        .report
        .notes
        .iter()
        .any(|n| n.starts_with("aws_security_group.fn: no egress rule")));
    // The same network as above, but the group lets nothing out (rule S1).
    assert_eq!(internet(&i), Reach::Unreachable);
}

#[test]
fn a_stand_alone_egress_rule_gives_the_group_its_only_egress() {
    let mut r = network();
    r.push(res("aws_security_group.fn", json!({"vpc_id": "aws_vpc.main"})));
    r.push(res(
        "aws_vpc_security_group_egress_rule.https",
        json!({"security_group_id": "aws_security_group.fn", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "0.0.0.0/0"}),
    ));
    r.push(res(
        "aws_security_group_rule.in",
        json!({"type": "ingress", "security_group_id": "aws_security_group.fn", "protocol": "tcp", "from_port": 5432, "to_port": 5432, "cidr_blocks": ["10.0.1.0/24", "10.0.2.0/24"], "self": true}),
    ));
    let i = map(&ev(r)).unwrap();
    let g = &i.document.security_groups[0];
    assert_eq!(g.outbound.len(), 1);
    assert_eq!((g.outbound[0].protocol, g.outbound[0].from_port), (Protocol::Tcp, 443));
    // Two CIDR blocks and `self`: three rules, one resource in the report.
    assert_eq!(g.inbound.len(), 3);
    assert_eq!(g.inbound[2].peer, SgPeer::SecurityGroup("aws_security_group.fn".into()));
    assert_eq!(
        i.report
            .modelled
            .iter()
            .filter(|m| m.id == "aws_security_group_rule.in")
            .count(),
        1
    );
    assert!(!i.report.notes.iter().any(|n| n.contains("no egress rule")));
}

#[test]
fn aws_default_security_group_replaces_the_default_groups_rules_with_those_written() {
    let mut r = network();
    r.push(res(
        "aws_default_security_group.default",
        json!({"vpc_id": "aws_vpc.main", "ingress": [], "egress": []}),
    ));
    r.push(lambda("aws_vpc.main:default_security_group", "aws_subnet.private[0]"));
    let i = map(&ev(r)).unwrap();
    let f = i.document.functions[0].vpc_config.as_ref().unwrap();
    assert_eq!(f.security_groups[0].as_str(), "aws_default_security_group.default");
    assert_eq!(i.document.security_groups.len(), 1);
    let g = &i.document.security_groups[0];
    assert!(g.inbound.is_empty() && g.outbound.is_empty());
    // The module-v4 trap of issue 15: the default group with no rules lets nothing out (S1).
    assert_eq!(internet(&i), Reach::Unreachable);
}

#[test]
fn the_vpcs_default_security_group_when_referred_to_is_the_one_aws_creates() {
    let mut r = network();
    r.push(lambda("aws_vpc.main:default_security_group", "aws_subnet.private[0]"));
    let i = map(&ev(r)).unwrap();
    let g = &i.document.security_groups[0];
    assert_eq!(g.id.as_str(), "aws_vpc.main:default_security_group");
    assert_eq!(g.inbound[0].peer, SgPeer::SecurityGroup(g.id.clone()));
    assert!(!g.outbound.is_empty());
    assert!(i.report.outside.is_empty());
    assert_eq!(internet(&i), Reach::Reachable);
}

#[test]
fn aws_default_route_table_is_the_main_table_with_exactly_its_routes() {
    let mut r = network();
    r.push(res(
        "aws_subnet.other",
        json!({"vpc_id": "aws_vpc.main", "cidr_block": "10.0.20.0/24", "availability_zone": "us-east-1b"}),
    ));
    r.push(res(
        "aws_default_route_table.main",
        json!({"default_route_table_id": "aws_vpc.main:main_route_table", "route": [{"cidr_block": "0.0.0.0/0", "nat_gateway_id": "aws_nat_gateway.nat[0]"}]}),
    ));
    r.push(res(
        "aws_route.extra",
        json!({"route_table_id": "aws_vpc.main:main_route_table", "destination_cidr_block": "192.168.0.0/16", "transit_gateway_id": "tgw-1"}),
    ));
    let i = map(&ev(r)).unwrap();
    let d = &i.document;
    assert_eq!(
        d.vpcs[0].main_route_table.as_ref().map(|t| t.as_str()),
        Some("aws_default_route_table.main")
    );
    let main = d
        .route_tables
        .iter()
        .find(|t| t.id.as_str() == "aws_default_route_table.main")
        .unwrap();
    assert_eq!(main.routes.len(), 1);
    assert_eq!(
        main.routes[0].target,
        RouteTarget::NatGateway("aws_nat_gateway.nat[0]".into())
    );
    assert!(i
        .report
        .not_modelled
        .iter()
        .any(|n| n.id == "aws_route.extra" && n.reason.contains("transit_gateway_id")));
    assert!(!d
        .route_tables
        .iter()
        .any(|t| t.id.as_str() == "aws_vpc.main:main_route_table"));
}

#[test]
fn a_route_to_the_main_table_without_aws_default_route_table_lands_on_the_implicit_one() {
    let mut r = network();
    r.push(res(
        "aws_route.main_default",
        json!({"route_table_id": "aws_vpc.main:main_route_table", "destination_cidr_block": "0.0.0.0/0", "gateway_id": "aws_internet_gateway.gw"}),
    ));
    let i = map(&ev(r)).unwrap();
    let main = i
        .document
        .route_tables
        .iter()
        .find(|t| t.id.as_str() == "aws_vpc.main:main_route_table")
        .expect("the main table is a component");
    assert_eq!(main.routes.len(), 1);
    assert_eq!(
        i.document.vpcs[0].main_route_table.as_ref().map(|t| t.as_str()),
        Some("aws_vpc.main:main_route_table")
    );
    assert!(i.report.outside.is_empty());
}

#[test]
fn network_acl_rules_inline_and_stand_alone_are_ordered_and_associated() {
    let mut r = network();
    r.push(res(
        "aws_network_acl.private",
        json!({
            "vpc_id": "aws_vpc.main",
            "subnet_ids": ["aws_subnet.private[0]"],
            "ingress": [
                {"rule_no": 200, "action": "allow", "protocol": "tcp", "from_port": 1024, "to_port": 65535, "cidr_block": "0.0.0.0/0"},
                {"rule_no": 100, "action": "deny", "protocol": "-1", "from_port": 0, "to_port": 0, "cidr_block": "10.9.0.0/16"}
            ],
            "egress": [{"rule_no": 100, "action": "allow", "protocol": "6", "from_port": 443, "to_port": 443, "cidr_block": "0.0.0.0/0"}]
        }),
    ));
    r.push(res(
        "aws_network_acl_rule.dns",
        json!({"network_acl_id": "aws_network_acl.private", "rule_number": 110, "egress": true, "protocol": "udp", "rule_action": "allow", "cidr_block": "10.0.0.2/32", "from_port": 53, "to_port": 53}),
    ));
    r.push(res(
        "aws_default_network_acl.default",
        json!({"default_network_acl_id": "aws_vpc.main:default_network_acl", "ingress": [], "egress": []}),
    ));
    let i = map(&ev(r)).unwrap();
    let d = &i.document;
    let n = d
        .network_acls
        .iter()
        .find(|n| n.id.as_str() == "aws_network_acl.private")
        .unwrap();
    assert_eq!(n.inbound.iter().map(|r| r.number).collect::<Vec<_>>(), [100, 200]);
    assert_eq!(n.inbound[0].action, NaclAction::Deny);
    assert_eq!(n.outbound.iter().map(|r| r.number).collect::<Vec<_>>(), [100, 110]);
    assert_eq!((n.outbound[1].protocol, n.outbound[1].from_port), (Protocol::Udp, 53));
    let private = d
        .subnets
        .iter()
        .find(|s| s.id.as_str() == "aws_subnet.private[0]")
        .unwrap();
    assert_eq!(
        private.nacl.as_ref().map(|n| n.as_str()),
        Some("aws_network_acl.private")
    );
    assert_eq!(
        d.vpcs[0].default_nacl.as_ref().map(|n| n.as_str()),
        Some("aws_default_network_acl.default")
    );
    let default = d
        .network_acls
        .iter()
        .find(|n| n.id.as_str() == "aws_default_network_acl.default")
        .unwrap();
    assert!(default.inbound.is_empty() && default.outbound.is_empty());
}

#[test]
fn data_sources_and_literal_ids_become_placeholders_outside_the_configuration() {
    let r = vec![
        res("data.aws_vpc.shared", json!({"id": "data.aws_vpc.shared"})),
        res(
            "aws_security_group.fn",
            json!({"vpc_id": "data.aws_vpc.shared", "egress": [{"protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["0.0.0.0/0"]}]}),
        ),
        res(
            "aws_lambda_function.api",
            json!({"vpc_config": [{"subnet_ids": ["data.aws_subnet.app", "subnet-0abc"], "security_group_ids": ["aws_security_group.fn"]}]}),
        ),
    ];
    let i = map(&ev(r)).unwrap();
    let outside: Vec<(&str, &str, &str)> = i
        .report
        .outside
        .iter()
        .map(|o| (o.id.as_str(), o.kind, o.via))
        .collect();
    assert!(outside.contains(&("data.aws_vpc.shared", "vpc", "data")), "{outside:?}");
    assert!(
        outside.contains(&("data.aws_subnet.app", "subnet", "data")),
        "{outside:?}"
    );
    assert!(outside.contains(&("subnet-0abc", "subnet", "literal")), "{outside:?}");
    let s = i
        .document
        .subnets
        .iter()
        .find(|s| s.id.as_str() == "data.aws_subnet.app")
        .unwrap();
    assert!(s.name.ends_with(OUTSIDE_SUFFIX));
    assert_eq!(s.vpc.as_str(), "data.aws_vpc.shared");
    assert!(i.report.not_modelled.iter().any(|n| n.id == "data.aws_vpc.shared"));
}

#[test]
fn values_unknown_until_apply_are_noted_and_marked() {
    let mut r = network();
    let mut sn = res(
        "aws_subnet.late",
        json!({"vpc_id": "aws_vpc.main", "cidr_block": null, "availability_zone": "us-east-1b"}),
    );
    sn.unknown = vec!["cidr_block".into(), "arn".into()];
    r.push(sn);
    let i = map(&ev(r)).unwrap();
    assert!(i
        .report
        .notes
        .iter()
        .any(|n| n.starts_with("aws_subnet.late: cidr_block not known until apply")));
    assert!(!i.report.notes.iter().any(|n| n.contains("arn")), "`arn` is not read");
    let p = i.report.assumed_for("aws_subnet.late").next().expect("marked");
    assert_eq!(p.name, "aws_subnet.late.cidr_block");
    let s = i
        .document
        .subnets
        .iter()
        .find(|s| s.id.as_str() == "aws_subnet.late")
        .unwrap();
    assert!(s.name.contains(UNKNOWN_MARK), "{}", s.name);
}

#[test]
fn every_other_resource_is_reported_with_its_address_and_modules_and_variables_are_listed() {
    let mut e = ev(vec![
        res("aws_iam_role.fn", json!({"name": "r"})),
        res("aws_eip.spare", json!({"domain": "vpc"})),
        res("aws_vpc.main", json!({"cidr_block": "10.0.0.0/16"})),
    ]);
    e.modules.push(ModuleCall {
        address: "module.other".into(),
        source: "someone/thing/aws".into(),
        constraint: Some("~> 1.0".into()),
        assumed_version: None,
        expanded: false,
        why: "a registry module this importer does not know".into(),
        origin: Origin::default(),
    });
    e.variables.push(Variable {
        name: "cidr".into(),
        value: "10.0.0.0/16".into(),
        source: "stand-in".into(),
        sensitive: false,
        description: String::new(),
        used_by: vec!["aws_vpc.main".into()],
    });
    let i = map(&e).unwrap();
    let n = &i.report.not_modelled[0];
    assert_eq!(
        (n.id.as_str(), n.resource_type.as_str(), n.code),
        ("aws_iam_role.fn", "aws_iam_role", "not_network")
    );
    assert!(!i.report.modules[0].expanded);
    assert_eq!(i.report.parameters[0].source, "assumed");
    assert!(
        i.document.vpcs[0].name.contains("(assumes variable cidr)"),
        "{}",
        i.document.vpcs[0].name
    );
    assert!(i
        .report
        .not_modelled
        .iter()
        .any(|n| n.id == "aws_eip.spare" && n.reason.contains("no NAT gateway")));
    // Every managed resource once in the report.
    assert_eq!(i.report.modelled.len() + i.report.not_modelled.len(), 3);
}

#[test]
fn endpoints_with_associations_and_data_stores_map_through_the_shared_tables() {
    let mut r = network();
    r.push(res(
        "aws_vpc_endpoint.s3",
        json!({"vpc_id": "aws_vpc.main", "service_name": "com.amazonaws.us-east-1.s3", "vpc_endpoint_type": "Gateway"}),
    ));
    r.push(res(
        "aws_vpc_endpoint_route_table_association.s3",
        json!({"vpc_endpoint_id": "aws_vpc_endpoint.s3", "route_table_id": "aws_route_table.private[0]"}),
    ));
    r.push(res(
        "aws_elasticache_subnet_group.c",
        json!({"name": "cache", "subnet_ids": ["aws_subnet.private[0]"]}),
    ));
    r.push(res(
        "aws_elasticache_replication_group.c",
        json!({"engine": "valkey", "subnet_group_name": "cache", "security_group_ids": [], "port": 6380}),
    ));
    let i = map(&ev(r)).unwrap();
    let d = &i.document;
    match &d.endpoints[0].kind {
        vpc_engine::model::EndpointKind::Gateway { route_tables } => {
            assert_eq!(route_tables[0].as_str(), "aws_route_table.private[0]")
        }
        k => panic!("{k:?}"),
    }
    let c = &d.data_stores[0];
    assert_eq!(c.kind, vpc_engine::model::StoreKind::Valkey);
    assert_eq!(c.subnets[0].as_str(), "aws_subnet.private[0]");
    assert_eq!(c.ports, [6380]);
}

#[test]
fn databases_find_their_subnet_group_by_name_or_address_and_a_proxy_its_target() {
    let mut r = network();
    r.push(res(
        "aws_db_subnet_group.db",
        json!({"name": "postgres", "subnet_ids": ["aws_subnet.private[0]", "aws_subnet.public[0]"]}),
    ));
    r.push(res(
        "aws_db_instance.main",
        json!({"identifier": "main-db", "engine": "postgres", "db_subnet_group_name": "postgres", "vpc_security_group_ids": [], "port": 5433}),
    ));
    r.push(res(
        "aws_rds_cluster.aurora",
        json!({"engine": "aurora-mysql", "db_subnet_group_name": "aws_db_subnet_group.db"}),
    ));
    r.push(res(
        "aws_db_proxy.p",
        json!({"name": "p", "engine_family": "POSTGRESQL", "vpc_subnet_ids": ["aws_subnet.private[0]"]}),
    ));
    r.push(res(
        "aws_db_proxy_target.t",
        json!({"db_proxy_name": "p", "target_group_name": "default", "db_instance_identifier": "main-db"}),
    ));
    let i = map(&ev(r)).unwrap();
    let d = &i.document;
    let db = d
        .databases
        .iter()
        .find(|x| x.id.as_str() == "aws_db_instance.main")
        .unwrap();
    // The engine named like the group stays an engine: names resolve only where a name is asked.
    assert_eq!(db.engine, vpc_engine::model::DatabaseEngine::Postgres);
    assert_eq!(db.port, Some(5433));
    assert_eq!(db.subnet_group.len(), 2);
    let aurora = d
        .databases
        .iter()
        .find(|x| x.id.as_str() == "aws_rds_cluster.aurora")
        .unwrap();
    assert_eq!(aurora.kind, vpc_engine::model::DatabaseKind::AuroraCluster);
    assert_eq!(aurora.subnet_group[0].as_str(), "aws_subnet.private[0]");
    let proxy = &d.data_stores[0];
    assert_eq!(proxy.fronts.as_ref().map(|f| f.as_str()), Some("aws_db_instance.main"));
    assert_eq!(proxy.ports, [5432]);
}

#[test]
fn the_design_is_in_the_region_the_configuration_deploys_to() {
    let subnet = || {
        ev(vec![
            res("aws_vpc.v", json!({"cidr_block": "10.0.0.0/16"})),
            res(
                "aws_subnet.a",
                json!({"vpc_id": "aws_vpc.v", "cidr_block": "10.0.1.0/24", "availability_zone": "eu-west-1a"}),
            ),
        ])
    };
    // No provider region: the subnets' zones say it.
    assert_eq!(map(&subnet()).unwrap().document.region, "eu-west-1");
    // The provider's region wins.
    let mut e = subnet();
    e.region = Some("eu-central-1".into());
    assert_eq!(map(&e).unwrap().document.region, "eu-central-1");
    // Nothing to go by: us-east-1.
    assert_eq!(map(&ev(vec![])).unwrap().document.region, "us-east-1");
}

#[test]
fn a_rule_to_a_gateway_endpoints_prefix_list_allows_its_service_and_an_unknown_list_is_noted() {
    let e = ev(vec![
        res("aws_vpc.v", json!({"cidr_block": "10.0.0.0/16"})),
        res(
            "aws_vpc_endpoint.s3",
            json!({"vpc_id": "aws_vpc.v", "service_name": "com.amazonaws.us-east-1.s3", "vpc_endpoint_type": "Gateway"}),
        ),
        res(
            "data.aws_ec2_managed_prefix_list.ddb",
            json!({"filter": [{"name": "prefix-list-name", "values": ["com.amazonaws.us-east-1.dynamodb"]}]}),
        ),
        res(
            "aws_security_group.fn",
            json!({"vpc_id": "aws_vpc.v", "egress": [
                {"protocol": "tcp", "from_port": 443, "to_port": 443,
                 "prefix_list_ids": ["aws_vpc_endpoint.s3:prefix_list", "data.aws_ec2_managed_prefix_list.ddb", "pl-0123"]}
            ]}),
        ),
    ]);
    let i = map(&e).unwrap();
    let sg = i
        .document
        .security_groups
        .iter()
        .find(|g| g.id.as_str() == "aws_security_group.fn")
        .unwrap();
    let peers: Vec<&SgPeer> = sg.outbound.iter().map(|r| &r.peer).collect();
    assert_eq!(peers.len(), 2, "{peers:?}");
    assert!(matches!(peers[0], SgPeer::PrefixList(s) if s.key() == "s3"));
    assert!(matches!(peers[1], SgPeer::PrefixList(s) if s.key() == "dynamodb"));
    assert!(
        i.report
            .notes
            .iter()
            .any(|n| n.contains("prefix list pl-0123 is left out")),
        "{:?}",
        i.report.notes
    );
}

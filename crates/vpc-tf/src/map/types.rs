//! One small mapping per AWS provider resource type, in one table ([`TYPES`]): each reads
//! its attributes and nested blocks into the shared builder's values.

use super::{B, R};
use vpc_engine::model::{AwsService, StoreKind};
use vpc_import::values::{self, MskClients};
use vpc_import::{
    Builder, DatabaseSpec, EndpointPart, EndpointSpec, NaclRuleSpec, Next, NoEgress, Placement, RouteFields, RouteSpec,
    RuleSpec, StoreSpec, SubnetSpec, VpcSpec,
};

type Map = fn(&mut Builder, &R);

/// Resource type → its mapping.
const TYPES: &[(&str, Map)] = &[
    ("aws_vpc", vpc),
    ("aws_vpc_ipv4_cidr_block_association", cidr_association),
    ("aws_vpc_ipv6_cidr_block_association", cidr_association),
    ("aws_subnet", subnet),
    ("aws_route_table", route_table),
    ("aws_default_route_table", default_route_table),
    ("aws_route", route),
    ("aws_route_table_association", route_table_association),
    ("aws_main_route_table_association", main_route_table_association),
    ("aws_internet_gateway", internet_gateway),
    ("aws_internet_gateway_attachment", internet_gateway_attachment),
    ("aws_egress_only_internet_gateway", egress_only_gateway),
    ("aws_nat_gateway", nat_gateway),
    ("aws_eip", eip),
    ("aws_eip_association", eip_association),
    ("aws_vpc_endpoint", endpoint),
    ("aws_vpc_endpoint_route_table_association", endpoint_association),
    ("aws_vpc_endpoint_subnet_association", endpoint_association),
    ("aws_vpc_endpoint_security_group_association", endpoint_association),
    ("aws_security_group", security_group),
    ("aws_default_security_group", default_security_group),
    ("aws_security_group_rule", security_group_rule),
    ("aws_vpc_security_group_ingress_rule", vpc_security_group_rule),
    ("aws_vpc_security_group_egress_rule", vpc_security_group_rule),
    ("aws_network_acl", network_acl),
    ("aws_default_network_acl", default_network_acl),
    ("aws_network_acl_rule", network_acl_rule),
    ("aws_network_acl_association", network_acl_association),
    ("aws_vpc_peering_connection", peering),
    ("aws_lambda_function", function),
    ("aws_db_instance", database),
    ("aws_rds_cluster", database),
    ("aws_rds_cluster_instance", cluster_part),
    ("aws_db_subnet_group", db_subnet_group),
    ("aws_instance", instance),
    ("aws_efs_file_system", store),
    ("aws_efs_mount_target", mount_target),
    ("aws_efs_access_point", cluster_part),
    ("aws_elasticache_cluster", store),
    ("aws_elasticache_replication_group", store),
    ("aws_elasticache_serverless_cache", store),
    ("aws_memorydb_cluster", store),
    ("aws_docdb_cluster", store),
    ("aws_docdb_cluster_instance", cluster_part),
    ("aws_db_proxy", store),
    ("aws_db_proxy_target", proxy_target),
    ("aws_db_proxy_endpoint", cluster_part),
    ("aws_mq_broker", store),
    ("aws_msk_cluster", store),
    ("aws_msk_serverless_cluster", store),
    ("aws_opensearch_domain", store),
    ("aws_elasticsearch_domain", store),
    ("aws_neptune_cluster", store),
    ("aws_neptune_cluster_instance", cluster_part),
    ("aws_redshift_cluster", store),
    ("aws_elasticache_subnet_group", store_subnet_group),
    ("aws_memorydb_subnet_group", store_subnet_group),
    ("aws_docdb_subnet_group", store_subnet_group),
    ("aws_neptune_subnet_group", store_subnet_group),
    ("aws_redshift_subnet_group", store_subnet_group),
    ("aws_dax_cluster", dax_cluster),
    ("aws_dax_subnet_group", store_subnet_group),
];

/// Resource types whose id is their name (subnet groups, proxies, clusters): a reference by
/// name (`db_subnet_group_name = aws_db_subnet_group.db.name`) finds them too.
pub(super) const NAMED: &[(&str, &str)] = &[
    ("aws_db_subnet_group", "name"),
    ("aws_elasticache_subnet_group", "name"),
    ("aws_memorydb_subnet_group", "name"),
    ("aws_docdb_subnet_group", "name"),
    ("aws_neptune_subnet_group", "name"),
    ("aws_redshift_subnet_group", "name"),
    ("aws_dax_subnet_group", "name"),
    ("aws_db_proxy", "name"),
    ("aws_db_instance", "identifier"),
    ("aws_rds_cluster", "cluster_identifier"),
];

pub(super) fn mapper(ty: &str) -> Option<Map> {
    TYPES.iter().find(|(t, _)| *t == ty).map(|(_, f)| *f)
}

/// Resources mapped after the others: associations that add to an endpoint.
pub(super) fn phase(ty: &str) -> u8 {
    u8::from(ty.starts_with("aws_vpc_endpoint_"))
}

/// Resource types that stand for a service API a function calls (as in the CloudFormation
/// importer): the service gets a verdict per function.
const SERVICES: &[(&str, &str)] = &[
    ("aws_s3_bucket", "s3"),
    ("aws_dynamodb_table", "dynamodb"),
    ("aws_sqs_queue", "sqs"),
    ("aws_secretsmanager_secret", "secretsmanager"),
    ("aws_sns_topic", "sns"),
    ("aws_kinesis_stream", "kinesis-streams"),
    ("aws_kinesis_firehose_delivery_stream", "kinesis-firehose"),
    ("aws_sfn_state_machine", "states"),
    ("aws_cloudwatch_event_bus", "events"),
    ("aws_kms_key", "kms"),
    ("aws_ssm_parameter", "ssm"),
    ("aws_ecr_repository", "ecr.api"),
];

pub(super) fn service_of(ty: &str) -> Option<AwsService> {
    let (_, key) = SERVICES.iter().find(|(t, _)| *t == ty)?;
    AwsService::from_key(key)
}

fn vpc(b: &mut Builder, r: &R) {
    let (id, ty) = (r.addr(), r.ty());
    b.vpc(
        id,
        ty,
        VpcSpec {
            cidr: r.s("cidr_block"),
            dns_support: r.flag("enable_dns_support"),
            dns_hostnames: r.flag("enable_dns_hostnames"),
            dedicated: r.s("instance_tenancy").as_deref() == Some("dedicated"),
            ipv6_cidr: r.s("ipv6_cidr_block"),
        },
    );
    if r.s("ipv6_cidr_block").is_none() && r.flag("assign_generated_ipv6_cidr_block") == Some(true) {
        b.note(format!(
            "{id}: an Amazon-provided IPv6 block is assigned at apply; the design has no IPv6 block for it"
        ));
    }
}

fn cidr_association(b: &mut Builder, r: &R) {
    let vpc = r.s("vpc_id").unwrap_or_default();
    b.cidr_block(
        r.addr(),
        r.ty(),
        &vpc,
        r.s("cidr_block").filter(|c| c.contains('.')),
        r.s("ipv6_cidr_block"),
    );
}

fn subnet(b: &mut Builder, r: &R) {
    b.subnet(
        r.addr(),
        r.ty(),
        SubnetSpec {
            vpc: r.s("vpc_id").unwrap_or_default(),
            az: r.s("availability_zone").or_else(|| r.s("availability_zone_id")),
            cidr: r.s("cidr_block").unwrap_or_default(),
            ipv6_cidr: r.s("ipv6_cidr_block"),
            map_public_ip: r.flag("map_public_ip_on_launch") == Some(true),
        },
    );
}

/// A route's target fields, inline (`route` blocks) and in `aws_route` alike.
const ROUTE: RouteFields = RouteFields {
    gateway: "gateway_id",
    egress_only: "egress_only_gateway_id",
    nat: "nat_gateway_id",
    peering: "vpc_peering_connection_id",
    interface: ["network_interface_id", "instance_id"],
    unmodelled: [
        "transit_gateway_id",
        "vpc_endpoint_id",
        "carrier_gateway_id",
        "local_gateway_id",
        "core_network_arn",
    ],
};

/// A route as written in `aws_route` (`prefix` = `destination_`) or inline (no prefix).
fn route_spec(get: &dyn Fn(&str) -> Option<String>, prefix: &str) -> RouteSpec {
    let dest = get(&format!("{prefix}cidr_block")).or_else(|| get(&format!("{prefix}ipv6_cidr_block")));
    let next = Next::read(&ROUTE, get, &|k| get(k).is_some(), &|g| {
        g.starts_with("aws_vpn_gateway.") || g.contains(".aws_vpn_gateway.") || g.starts_with("vgw-")
    });
    RouteSpec { dest, next }
}

fn inline_routes(b: &mut Builder, r: &R, owner: &str) {
    for blk in r.blocks("route") {
        b.inline_route(owner, route_spec(&|k| blk.s(k), ""));
    }
}

fn route_table(b: &mut Builder, r: &R) {
    b.route_table(r.addr(), r.ty(), &r.s("vpc_id").unwrap_or_default());
    inline_routes(b, r, r.addr());
}

/// The VPC whose implicit object `key` names (`aws_vpc.main:main_route_table`), else the
/// `vpc_id` a state records (only computed, so not read first: unknown in a plan).
fn implicit_vpc(r: &R, key: &str) -> String {
    let raw = r.res.get(key).and_then(|v| v.as_str()).unwrap_or_default();
    match raw.split_once(':') {
        Some((v, _)) => v.to_owned(),
        None => r.s("vpc_id").unwrap_or_default(),
    }
}

fn default_route_table(b: &mut Builder, r: &R) {
    let id = r.addr();
    let vpc = implicit_vpc(r, "default_route_table_id");
    b.route_table(id, r.ty(), &vpc);
    b.main_route_table(&vpc, id);
    b.replace_routes(id);
    inline_routes(b, r, id);
    b.note(format!(
        "{id}: the main route table of {vpc}; its routes are exactly those written here (Terraform replaces the others)"
    ));
}

fn route(b: &mut Builder, r: &R) {
    let rt = r.s("route_table_id").unwrap_or_default();
    b.route(r.addr(), r.ty(), &rt, route_spec(&|k| r.s(k), "destination_"));
}

fn route_table_association(b: &mut Builder, r: &R) {
    let rt = r.s("route_table_id").unwrap_or_default();
    match r.s("subnet_id") {
        Some(sn) => b.route_table_association(r.addr(), r.ty(), &sn, &rt),
        None => b.not_modelled(
            r.addr(),
            r.ty(),
            "it associates a gateway (an edge association), not a subnet; not modelled",
        ),
    }
}

fn main_route_table_association(b: &mut Builder, r: &R) {
    let (vpc, rt) = (
        r.s("vpc_id").unwrap_or_default(),
        r.s("route_table_id").unwrap_or_default(),
    );
    b.main_route_table(&vpc, &rt);
    b.modelled(r.addr(), r.ty(), format!("main route table of {vpc}"));
}

fn internet_gateway(b: &mut Builder, r: &R) {
    b.internet_gateway(r.addr(), r.ty(), r.s("vpc_id"));
}

fn internet_gateway_attachment(b: &mut Builder, r: &R) {
    let (igw, vpc) = (
        r.s("internet_gateway_id").unwrap_or_default(),
        r.s("vpc_id").unwrap_or_default(),
    );
    b.gateway_attachment(r.addr(), r.ty(), &igw, &vpc);
}

fn egress_only_gateway(b: &mut Builder, r: &R) {
    b.egress_only_gateway(r.addr(), r.ty(), r.s("vpc_id"));
}

fn nat_gateway(b: &mut Builder, r: &R) {
    let private = r.s("connectivity_type").as_deref() == Some("private");
    let subnet = r.s("subnet_id").unwrap_or_default();
    b.nat_gateway(r.addr(), r.ty(), &subnet, private, r.s("allocation_id").is_some());
}

fn eip(b: &mut Builder, r: &R) {
    b.eip(r.addr(), r.ty(), r.s("instance"), || r.eip_user().map(str::to_owned));
}

fn eip_association(b: &mut Builder, r: &R) {
    b.eip_association(r.addr(), r.ty(), r.s("instance_id"));
}

/// An endpoint policy (a JSON document as text) that allows nothing.
fn denies_all(policy: &str) -> bool {
    let Ok(doc) = serde_json::from_str::<serde_json::Value>(policy) else {
        return false;
    };
    let statements: Vec<&serde_json::Value> = match doc.get("Statement") {
        Some(serde_json::Value::Array(a)) => a.iter().collect(),
        Some(s) => vec![s],
        None => vec![],
    };
    let effects: Vec<Option<&str>> = statements
        .iter()
        .map(|s| s.get("Effect").and_then(|e| e.as_str()))
        .collect();
    values::allows_nothing(&effects)
}

fn endpoint(b: &mut Builder, r: &R) {
    b.endpoint(
        r.addr(),
        r.ty(),
        EndpointSpec {
            vpc: r.s("vpc_id").unwrap_or_default(),
            service_name: r.s("service_name").unwrap_or_default(),
            kind: r.s("vpc_endpoint_type").unwrap_or_default(),
            route_tables: r.list("route_table_ids"),
            subnets: r.list("subnet_ids"),
            security_groups: r.list("security_group_ids"),
            private_dns: r.flag("private_dns_enabled").unwrap_or(false),
            deny_all: r.s("policy").is_some_and(|p| denies_all(&p)),
        },
    );
}

fn endpoint_association(b: &mut Builder, r: &R) {
    let e = r.s("vpc_endpoint_id").unwrap_or_default();
    let part = if let Some(rt) = r.s("route_table_id") {
        EndpointPart::RouteTable(rt)
    } else if let Some(s) = r.s("subnet_id") {
        EndpointPart::Subnet(s)
    } else {
        EndpointPart::SecurityGroup(r.s("security_group_id").unwrap_or_default())
    };
    b.endpoint_association(r.addr(), r.ty(), &e, part);
}

/// The rules one `ingress`/`egress` block or `aws_security_group_rule` stands for: one per
/// peer (each CIDR block, each group, the group itself for `self`), or one for a prefix list.
fn peers_rules(
    owner: &str,
    base: RuleSpec,
    get_list: &dyn Fn(&str) -> Vec<String>,
    own_self: bool,
    source_group: Option<String>,
) -> Vec<RuleSpec> {
    let mut out = Vec::new();
    for c in get_list("cidr_blocks").into_iter().chain(get_list("ipv6_cidr_blocks")) {
        out.push(RuleSpec {
            cidr: Some(c),
            ..base.clone()
        });
    }
    for g in get_list("security_groups").into_iter().chain(source_group) {
        out.push(RuleSpec {
            group: Some(g),
            ..base.clone()
        });
    }
    if own_self {
        out.push(RuleSpec {
            group: Some(owner.to_owned()),
            ..base.clone()
        });
    }
    for pl in get_list("prefix_list_ids") {
        out.push(RuleSpec {
            prefix_list: Some(pl),
            ..base.clone()
        });
    }
    if out.is_empty() {
        out.push(base);
    }
    out
}

fn block_rules(owner: &str, blk: &B) -> Vec<RuleSpec> {
    peers_rules(
        owner,
        RuleSpec {
            protocol: blk.s("protocol").unwrap_or_default(),
            from: blk.num("from_port"),
            to: blk.num("to_port"),
            description: blk.s("description").unwrap_or_default(),
            ..RuleSpec::default()
        },
        &|k| blk.list(k),
        blk.flag("self") == Some(true),
        None,
    )
}

fn group_rules(r: &R, id: &str, key: &str) -> Vec<RuleSpec> {
    r.blocks(key).iter().flat_map(|blk| block_rules(id, blk)).collect()
}

fn security_group(b: &mut Builder, r: &R) {
    let id = r.addr();
    let vpc = b.group_vpc(id, r.s("vpc_id"), "vpc_id");
    let inbound = group_rules(r, id, "ingress");
    let egress = group_rules(r, id, "egress");
    // Without egress blocks the group has no egress rule (noted in `map`, once stand-alone
    // rules are known).
    b.security_group(id, r.ty(), vpc, &inbound, Some(&egress), NoEgress::Nothing);
}

fn default_security_group(b: &mut Builder, r: &R) {
    let id = r.addr();
    let vpc = r.s("vpc_id").unwrap_or_else(|| "DefaultVpc".into());
    let inbound = group_rules(r, id, "ingress");
    let egress = group_rules(r, id, "egress");
    b.note(format!(
        "{id}: the default security group of {vpc}; its rules are exactly those written here ({} inbound, {} outbound), Terraform removes the others",
        inbound.len(),
        egress.len()
    ));
    b.security_group(id, r.ty(), vpc, &inbound, Some(&egress), NoEgress::Nothing);
}

fn security_group_rule(b: &mut Builder, r: &R) {
    let group = r.s("security_group_id").unwrap_or_default();
    let inbound = r.s("type").as_deref() != Some("egress");
    let rules = peers_rules(
        &group,
        RuleSpec {
            protocol: r.s("protocol").unwrap_or_default(),
            from: r.num("from_port"),
            to: r.num("to_port"),
            description: r.s("description").unwrap_or_default(),
            ..RuleSpec::default()
        },
        &|k| r.list(k),
        r.flag("self") == Some(true),
        r.s("source_security_group_id"),
    );
    b.sg_rule(r.addr(), r.ty(), &group, inbound, &rules);
}

fn vpc_security_group_rule(b: &mut Builder, r: &R) {
    let group = r.s("security_group_id").unwrap_or_default();
    let inbound = r.ty().ends_with("ingress_rule");
    let rule = RuleSpec {
        protocol: r.s("ip_protocol").unwrap_or_default(),
        from: r.num("from_port"),
        to: r.num("to_port"),
        cidr: r.s("cidr_ipv4").or_else(|| r.s("cidr_ipv6")),
        group: r.s("referenced_security_group_id"),
        prefix_list: r.s("prefix_list_id"),
        description: r.s("description").unwrap_or_default(),
    };
    b.sg_rule(r.addr(), r.ty(), &group, inbound, &[rule]);
}

fn nacl_spec(
    get_s: &dyn Fn(&str) -> Option<String>,
    get_n: &dyn Fn(&str) -> Option<i64>,
    number: &str,
    action: &str,
) -> NaclRuleSpec {
    NaclRuleSpec {
        protocol: get_s("protocol").unwrap_or_default(),
        number: get_n(number),
        cidr: get_s("cidr_block").or_else(|| get_s("ipv6_cidr_block")),
        from: get_n("from_port"),
        to: get_n("to_port"),
        deny: get_s(action).is_some_and(|a| a.eq_ignore_ascii_case("deny")),
    }
}

fn inline_nacl(b: &mut Builder, r: &R, id: &str) {
    for (key, egress) in [("ingress", false), ("egress", true)] {
        for blk in r.blocks(key) {
            let spec = nacl_spec(&|k| blk.s(k), &|k| blk.num(k), "rule_no", "action");
            b.inline_nacl_rule(id, egress, &spec);
        }
    }
    for sn in r.list("subnet_ids") {
        b.associate_nacl(&sn, id);
    }
}

fn network_acl(b: &mut Builder, r: &R) {
    let id = r.addr();
    b.nacl(id, r.ty(), &r.s("vpc_id").unwrap_or_default());
    inline_nacl(b, r, id);
}

fn default_network_acl(b: &mut Builder, r: &R) {
    let id = r.addr();
    let vpc = implicit_vpc(r, "default_network_acl_id");
    b.nacl(id, r.ty(), &vpc);
    b.default_nacl(&vpc, id);
    inline_nacl(b, r, id);
    b.note(format!(
        "{id}: the default network ACL of {vpc}; its rules are exactly those written here (Terraform removes the others)"
    ));
}

fn network_acl_rule(b: &mut Builder, r: &R) {
    let spec = nacl_spec(&|k| r.s(k), &|k| r.num(k), "rule_number", "rule_action");
    let egress = r.flag("egress").unwrap_or(false);
    b.nacl_rule(
        r.addr(),
        r.ty(),
        &r.s("network_acl_id").unwrap_or_default(),
        egress,
        &spec,
    );
}

fn network_acl_association(b: &mut Builder, r: &R) {
    let (sn, acl) = (
        r.s("subnet_id").unwrap_or_default(),
        r.s("network_acl_id").unwrap_or_default(),
    );
    b.nacl_association(r.addr(), r.ty(), &sn, &acl);
}

fn peering(b: &mut Builder, r: &R) {
    let (a, p) = (
        r.s("vpc_id").unwrap_or_default(),
        r.s("peer_vpc_id").unwrap_or_default(),
    );
    b.peering(r.addr(), r.ty(), &a, &p);
}

fn function(b: &mut Builder, r: &R) {
    let vpc = r.block("vpc_config").map(|c| {
        (
            c.list("subnet_ids"),
            c.list("security_group_ids"),
            c.flag("ipv6_allowed_for_dual_stack").unwrap_or(false),
        )
    });
    b.function(r.addr(), r.ty(), vpc);
}

fn database(b: &mut Builder, r: &R) {
    b.database(
        r.addr(),
        r.ty(),
        DatabaseSpec {
            engine: r.s("engine").unwrap_or_default(),
            cluster: r.ty() == "aws_rds_cluster",
            port: r.num("port"),
            subnet_group: r.named("db_subnet_group_name"),
            security_groups: r.list("vpc_security_group_ids"),
            publicly_accessible: r.flag("publicly_accessible").unwrap_or(false),
        },
    );
}

fn cluster_part(b: &mut Builder, r: &R) {
    let owner = ["cluster_identifier", "file_system_id", "db_proxy_name"]
        .iter()
        .find_map(|k| r.named(k))
        .unwrap_or_default();
    let part = match r.ty() {
        "aws_efs_access_point" => "access point of",
        "aws_db_proxy_endpoint" => return b.proxy_endpoint(r.addr(), r.ty(), &owner),
        _ => "instance of",
    };
    b.store_part(r.addr(), r.ty(), part, &owner);
}

fn db_subnet_group(b: &mut Builder, r: &R) {
    b.db_subnet_group(r.addr(), r.ty(), r.list("subnet_ids"));
}

fn instance(b: &mut Builder, r: &R) {
    b.instance(
        r.addr(),
        r.ty(),
        r.s("subnet_id").unwrap_or_default(),
        r.list("vpc_security_group_ids"),
        r.flag("associate_public_ip_address"),
    );
}

fn mount_target(b: &mut Builder, r: &R) {
    let fs = r.s("file_system_id").unwrap_or_default();
    b.mount_target(
        r.addr(),
        r.ty(),
        &fs,
        r.s("subnet_id").unwrap_or_default(),
        r.list("security_groups"),
    );
}

fn proxy_target(b: &mut Builder, r: &R) {
    let proxy = r.named("db_proxy_name").unwrap_or_default();
    if let Some(db) = r
        .named("db_instance_identifier")
        .or_else(|| r.named("db_cluster_identifier"))
    {
        b.proxy_target(&proxy, &db);
    }
    b.store_part(r.addr(), r.ty(), "target of", &proxy);
}

fn store_subnet_group(b: &mut Builder, r: &R) {
    b.store_subnet_group(r.addr(), r.ty(), r.list("subnet_ids"));
}

/// A subnet group by its field, or that none was named.
fn group(r: &R, key: &'static str) -> Placement {
    r.named(key).map_or(Placement::NoGroup(key), Placement::Group)
}

fn msk_clients(r: &R) -> MskClients {
    let auth = r.block("client_authentication");
    let sasl = auth.as_ref().and_then(|a| a.block("sasl"));
    let tls = auth.as_ref().and_then(|a| a.block("tls"));
    MskClients {
        iam: sasl.as_ref().and_then(|s| s.flag("iam")).unwrap_or(false),
        scram: sasl.as_ref().and_then(|s| s.flag("scram")).unwrap_or(false),
        tls_auth: tls.is_some_and(|t| !t.list("certificate_authority_arns").is_empty()),
        unauthenticated: auth.as_ref().and_then(|a| a.flag("unauthenticated")).unwrap_or(false),
        client_broker: r
            .block("encryption_info")
            .and_then(|e| e.block("encryption_in_transit").and_then(|t| t.s("client_broker")))
            .unwrap_or_default(),
    }
}

fn store(b: &mut Builder, r: &R) {
    let port = r.num("port").and_then(|n| u16::try_from(n).ok());
    let engine = r.s("engine").unwrap_or_default();
    let mut spec = StoreSpec {
        publicly_accessible: r.flag("publicly_accessible").unwrap_or(false),
        ..StoreSpec::default()
    };
    match r.ty() {
        "aws_efs_file_system" => {
            spec.kind = StoreKind::Efs;
            spec.placement = Placement::MountTargets;
        }
        "aws_elasticache_cluster" | "aws_elasticache_replication_group" => {
            if let Some(g) = r
                .s("replication_group_id")
                .filter(|_| r.ty() == "aws_elasticache_cluster")
            {
                b.store_part(r.addr(), r.ty(), "member of", &g);
                return;
            }
            spec.kind = values::cache_kind(&engine);
            spec.placement = group(r, "subnet_group_name");
            spec.security_groups = r.list("security_group_ids");
        }
        "aws_elasticache_serverless_cache" => {
            spec.kind = values::cache_kind(&engine);
            spec.subnets = r.list("subnet_ids");
            spec.security_groups = r.list("security_group_ids");
            spec.ports = values::serverless_cache_ports(spec.kind);
        }
        "aws_memorydb_cluster" => {
            spec.kind = StoreKind::MemoryDb;
            spec.placement = group(r, "subnet_group_name");
            spec.security_groups = r.list("security_group_ids");
        }
        "aws_docdb_cluster" | "aws_neptune_cluster" | "aws_redshift_cluster" => {
            let (kind, key) = match r.ty() {
                "aws_docdb_cluster" => (StoreKind::DocumentDb, "db_subnet_group_name"),
                "aws_neptune_cluster" => (StoreKind::Neptune, "neptune_subnet_group_name"),
                _ => (StoreKind::Redshift, "cluster_subnet_group_name"),
            };
            spec.kind = kind;
            spec.placement = group(r, key);
            spec.security_groups = r.list("vpc_security_group_ids");
        }
        "aws_db_proxy" => {
            spec.kind = StoreKind::RdsProxy;
            spec.subnets = r.list("vpc_subnet_ids");
            spec.security_groups = r.list("vpc_security_group_ids");
            spec.ports = vec![values::proxy_port(&r.s("engine_family").unwrap_or_default())];
        }
        "aws_mq_broker" => {
            spec.kind = values::broker_kind(&r.s("engine_type").unwrap_or_default());
            spec.subnets = r.list("subnet_ids");
            spec.security_groups = r.list("security_groups");
        }
        "aws_msk_cluster" => {
            spec.kind = StoreKind::Msk;
            if let Some(n) = r.block("broker_node_group_info") {
                spec.subnets = n.list("client_subnets");
                spec.security_groups = n.list("security_groups");
            }
            spec.ports = values::msk_ports(&msk_clients(r));
        }
        "aws_msk_serverless_cluster" => {
            spec.kind = StoreKind::Msk;
            for c in r.blocks("vpc_config") {
                spec.subnets.extend(c.list("subnet_ids"));
                spec.security_groups.extend(c.list("security_group_ids"));
            }
            spec.ports = vec![9098];
        }
        _ => {
            // aws_opensearch_domain, aws_elasticsearch_domain
            spec.kind = StoreKind::OpenSearch;
            if let Some(o) = r.block("vpc_options") {
                spec.subnets = o.list("subnet_ids");
                spec.security_groups = o.list("security_group_ids");
            }
            if spec.subnets.is_empty() {
                spec.placement = Placement::Public;
            }
        }
    }
    if let Some(p) = port.filter(|_| spec.ports.is_empty() || r.ty() != "aws_elasticache_serverless_cache") {
        spec.ports = vec![p];
    }
    b.store(r.addr(), r.ty(), spec);
}

/// `aws_dax_cluster`: `subnet_group_name`, `security_group_ids`, and the port from
/// `cluster_endpoint_encryption_type` (`NONE`, the default: 8111; `TLS`: 9111, the `daxs`
/// protocol; `values::dax_port`); `server_side_encryption` is encryption at rest and changes
/// no port. Its `port` attribute is only computed (known after apply), so it is not read.
/// Terraform AWS provider, resource aws_dax_cluster (argument reference); AWS's DAX API
/// reference, Endpoint (the default ports of `dax` and `daxs`).
fn dax_cluster(b: &mut Builder, r: &R) {
    let encryption = r.s("cluster_endpoint_encryption_type").unwrap_or_default();
    let spec = StoreSpec {
        kind: StoreKind::Dax,
        placement: group(r, "subnet_group_name"),
        security_groups: r.list("security_group_ids"),
        ports: vec![values::dax_port(&encryption)],
        ..StoreSpec::default()
    };
    b.store(r.addr(), r.ty(), spec);
}

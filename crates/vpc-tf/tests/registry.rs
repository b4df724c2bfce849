//! The registry-module expanders against the modules' own README and example inputs.
//!
//! Expected values are derived by reading the module source at the tags named (file:line of
//! `git show TAG:FILE` in github.com/terraform-aws-modules/terraform-aws-vpc and its siblings),
//! not by running the expander.

use serde_json::{json, Value};
use vpc_tf::config::{Expansion, Origin, RegistryCall, Resource};
use vpc_tf::registry::expand;

fn call(source: &str, constraint: Option<&str>, inputs: Value) -> RegistryCall {
    RegistryCall {
        address: "module.vpc".into(),
        source: source.into(),
        constraint: constraint.map(str::to_owned),
        inputs: inputs.as_object().cloned().unwrap_or_default(),
        origin: Origin {
            file: "main.tf".into(),
            line: 1,
            column: 1,
        },
    }
}

fn vpc(constraint: Option<&str>, inputs: Value) -> Expansion {
    expand(&call("terraform-aws-modules/vpc/aws", constraint, inputs)).expect("the vpc module is modelled")
}

fn get<'a>(e: &'a Expansion, address: &str) -> &'a Resource {
    e.resources
        .iter()
        .find(|r| r.address == address)
        .unwrap_or_else(|| panic!("{address} not made; made: {:?}", addresses(e)))
}

fn has(e: &Expansion, address: &str) -> bool {
    e.resources.iter().any(|r| r.address == address)
}

fn addresses(e: &Expansion) -> Vec<&str> {
    e.resources.iter().map(|r| r.address.as_str()).collect()
}

/// Addresses of one type made under one resource name (`aws_route_table.private`).
fn named(e: &Expansion, prefix: &str) -> Vec<String> {
    let p = format!("module.vpc.{prefix}[");
    e.resources
        .iter()
        .filter(|r| r.address.starts_with(&p))
        .map(|r| r.address.clone())
        .collect()
}

fn val<'a>(r: &'a Resource, k: &str) -> &'a Value {
    r.values.get(k).unwrap_or(&Value::Null)
}

/// The README "Usage" example (README.md at v5.21.0).
fn readme_usage() -> Value {
    json!({
        "name": "my-vpc",
        "cidr": "10.0.0.0/16",
        "azs": ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
        "private_subnets": ["10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"],
        "public_subnets": ["10.0.101.0/24", "10.0.102.0/24", "10.0.103.0/24"],
        "enable_nat_gateway": true,
        "enable_vpn_gateway": true,
        "tags": {"Terraform": "true", "Environment": "dev"}
    })
}

/// examples/complete/main.tf at v5.21.0 (module "vpc"), with its locals evaluated:
/// `cidrsubnet("10.0.0.0/16", 8, k + n)` for the three zones of eu-west-1.
fn complete_example() -> Value {
    let subnets = |n: u32| json!((0..3).map(|k| format!("10.0.{}.0/24", k + n)).collect::<Vec<_>>());
    json!({
        "name": "ex-complete",
        "cidr": "10.0.0.0/16",
        "azs": ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
        "private_subnets": subnets(0),
        "public_subnets": subnets(4),
        "database_subnets": subnets(8),
        "elasticache_subnets": subnets(12),
        "redshift_subnets": subnets(16),
        "intra_subnets": subnets(20),
        "private_subnet_names": ["Private Subnet One", "Private Subnet Two"],
        "database_subnet_names": ["DB Subnet One"],
        "intra_subnet_names": [],
        "create_database_subnet_group": false,
        "manage_default_network_acl": false,
        "manage_default_route_table": false,
        "manage_default_security_group": false,
        "enable_dns_hostnames": true,
        "enable_dns_support": true,
        "enable_nat_gateway": true,
        "single_nat_gateway": true,
        "customer_gateways": {"IP1": {"bgp_asn": 65112, "ip_address": "1.2.3.4"}},
        "enable_vpn_gateway": true,
        "enable_dhcp_options": true,
        "enable_flow_log": true
    })
}

#[test]
fn readme_usage_on_v5_makes_one_nat_gateway_per_private_subnet() {
    let e = vpc(Some("~> 5.0"), readme_usage());
    // The newest 5.x release (chore(release) commits up to 5.21.1).
    assert_eq!(e.assumed_version, "5.21.1");
    assert!(
        e.notes[0].contains("5.21.1") && e.notes[0].contains("~> 5.0"),
        "{:?}",
        e.notes
    );
    // main.tf:243 (v5.21.0) nat_gateway_count = max_subnet_length = max(3 private, 3 public) = 3.
    assert_eq!(named(&e, "aws_nat_gateway.this").len(), 3);
    assert_eq!(named(&e, "aws_eip.nat").len(), 3);
    // main.tf:198 one private route table per NAT gateway; main.tf:268 one NAT route in each.
    assert_eq!(named(&e, "aws_route_table.private").len(), 3);
    for i in 0..3 {
        let nat = get(&e, &format!("module.vpc.aws_nat_gateway.this[{i}]"));
        assert_eq!(
            val(nat, "subnet_id"),
            &json!(format!("module.vpc.aws_subnet.public[{i}]"))
        );
        assert_eq!(
            val(nat, "allocation_id"),
            &json!(format!("module.vpc.aws_eip.nat[{i}]"))
        );
        let r = get(&e, &format!("module.vpc.aws_route.private_nat_gateway[{i}]"));
        assert_eq!(
            val(r, "route_table_id"),
            &json!(format!("module.vpc.aws_route_table.private[{i}]"))
        );
        assert_eq!(val(r, "destination_cidr_block"), "0.0.0.0/0");
        assert_eq!(
            val(r, "nat_gateway_id"),
            &json!(format!("module.vpc.aws_nat_gateway.this[{i}]"))
        );
        let a = get(&e, &format!("module.vpc.aws_route_table_association.private[{i}]"));
        assert_eq!(
            val(a, "route_table_id"),
            &json!(format!("module.vpc.aws_route_table.private[{i}]"))
        );
        // variables.tf: map_public_ip_on_launch defaults to false from v4 (UPGRADE-4.0.md).
        let p = get(&e, &format!("module.vpc.aws_subnet.public[{i}]"));
        assert_eq!(val(p, "map_public_ip_on_launch"), false);
        assert_eq!(val(p, "vpc_id"), "module.vpc.aws_vpc.this[0]");
    }
    let s = get(&e, "module.vpc.aws_subnet.private[1]");
    assert_eq!(val(s, "cidr_block"), "10.0.2.0/24");
    assert_eq!(val(s, "availability_zone"), "eu-west-1b");
    // main.tf (aws_subnet.private tags): merge({ Name = "${var.name}-${var.private_subnet_suffix}-%s" }, var.tags, …).
    assert_eq!(
        val(s, "tags"),
        &json!({"Name": "my-vpc-private-eu-west-1b", "Terraform": "true", "Environment": "dev"})
    );
    // main.tf:110,123: one public route table with the internet gateway route.
    assert_eq!(
        named(&e, "aws_route_table.public"),
        ["module.vpc.aws_route_table.public[0]"]
    );
    let igw = get(&e, "module.vpc.aws_route.public_internet_gateway[0]");
    assert_eq!(val(igw, "gateway_id"), "module.vpc.aws_internet_gateway.this[0]");
    // v4+ defaults manage the default security group with no rules, and the default NACL with
    // allow-all rules 100 (IPv4) and 101 (IPv6) (variables.tf default_network_acl_ingress).
    let sg = get(&e, "module.vpc.aws_default_security_group.this[0]");
    assert_eq!(val(sg, "ingress"), &json!([]));
    assert_eq!(val(sg, "egress"), &json!([]));
    assert_eq!(val(sg, "vpc_id"), "module.vpc.aws_vpc.this[0]");
    let acl = get(&e, "module.vpc.aws_default_network_acl.this[0]");
    assert_eq!(
        val(acl, "default_network_acl_id"),
        "module.vpc.aws_vpc.this[0]:default_network_acl"
    );
    assert_eq!(val(acl, "ingress")[1]["ipv6_cidr_block"], "::/0");
    assert_eq!(val(acl, "egress")[0]["rule_no"], 100);
    assert!(has(&e, "module.vpc.aws_default_route_table.default[0]"));
    let v = get(&e, "module.vpc.aws_vpc.this[0]");
    assert_eq!(val(v, "cidr_block"), "10.0.0.0/16");
    assert_eq!(val(v, "enable_dns_hostnames"), true);
    // Outputs.
    assert_eq!(e.outputs["vpc_id"], "module.vpc.aws_vpc.this[0]");
    assert_eq!(
        e.outputs["default_security_group_id"],
        "module.vpc.aws_vpc.this[0]:default_security_group"
    );
    assert_eq!(e.outputs["private_subnets"][2], "module.vpc.aws_subnet.private[2]");
    assert_eq!(
        e.outputs["public_subnets_cidr_blocks"],
        json!(["10.0.101.0/24", "10.0.102.0/24", "10.0.103.0/24"])
    );
    assert_eq!(e.outputs["natgw_ids"].as_array().map(Vec::len), Some(3));
    // No IPv6: compact() of null blocks is an empty list, not an unknown one.
    assert_eq!(e.outputs["private_subnets_ipv6_cidr_blocks"], json!([]));
    assert_eq!(e.outputs["nat_public_ips"], json!([null, null, null]));
    assert_eq!(e.outputs["igw_id"], "module.vpc.aws_internet_gateway.this[0]");
    assert_eq!(e.outputs["database_subnet_group"], Value::Null);
    // The VPN gateway is not modelled, and says so.
    assert!(
        e.notes.iter().any(|n| n.contains("enable_vpn_gateway")),
        "{:?}",
        e.notes
    );
}

#[test]
fn complete_example_with_single_nat_gateway_routes_every_private_kind_through_one() {
    let e = vpc(Some("~> 5.0"), complete_example());
    // main.tf:243 single_nat_gateway → 1; main.tf:259 in public[0].
    assert_eq!(
        named(&e, "aws_nat_gateway.this"),
        ["module.vpc.aws_nat_gateway.this[0]"]
    );
    assert_eq!(
        val(get(&e, "module.vpc.aws_nat_gateway.this[0]"), "subnet_id"),
        "module.vpc.aws_subnet.public[0]"
    );
    assert_eq!(
        named(&e, "aws_route_table.private"),
        ["module.vpc.aws_route_table.private[0]"]
    );
    for kind in ["private", "database", "elasticache", "redshift"] {
        for i in 0..3 {
            // main.tf:209 (private), :292 (database: coalescelist(database, private)[count.index]
            // wraps over one table), :409 (redshift), :68 of the elasticache section.
            let a = get(&e, &format!("module.vpc.aws_route_table_association.{kind}[{i}]"));
            assert_eq!(
                val(a, "route_table_id"),
                "module.vpc.aws_route_table.private[0]",
                "{kind}[{i}]"
            );
        }
    }
    // create_database_subnet_group = false; redshift and elasticache groups default to true.
    assert!(!has(&e, "module.vpc.aws_db_subnet_group.database[0]"));
    assert!(has(&e, "module.vpc.aws_redshift_subnet_group.redshift[0]"));
    assert!(has(&e, "module.vpc.aws_elasticache_subnet_group.elasticache[0]"));
    // Intra subnets: one route table and no route in it.
    assert_eq!(
        named(&e, "aws_route_table.intra"),
        ["module.vpc.aws_route_table.intra[0]"]
    );
    assert!(!e
        .resources
        .iter()
        .any(|r| r.rtype == "aws_route" && val(r, "route_table_id") == "module.vpc.aws_route_table.intra[0]"));
    // manage_default_security_group = false: no resource, but the output still names the group.
    assert!(!has(&e, "module.vpc.aws_default_security_group.this[0]"));
    assert!(!has(&e, "module.vpc.aws_default_network_acl.this[0]"));
    assert_eq!(
        e.outputs["default_security_group_id"],
        "module.vpc.aws_vpc.this[0]:default_security_group"
    );
    // Subnet names: private_subnet_names for the first two, the generated one after.
    assert_eq!(
        val(get(&e, "module.vpc.aws_subnet.private[0]"), "tags")["Name"],
        "Private Subnet One"
    );
    assert_eq!(
        val(get(&e, "module.vpc.aws_subnet.private[2]"), "tags")["Name"],
        "ex-complete-private-eu-west-1c"
    );
    assert_eq!(
        val(get(&e, "module.vpc.aws_subnet.database[1]"), "tags")["Name"],
        "ex-complete-db-eu-west-1b"
    );
    assert_eq!(
        e.outputs["database_route_table_ids"],
        json!(["module.vpc.aws_route_table.private[0]"])
    );
    for what in ["customer_gateways", "enable_dhcp_options", "enable_flow_log"] {
        assert!(e.notes.iter().any(|n| n.contains(what)), "{what}: {:?}", e.notes);
    }
}

#[test]
fn one_nat_gateway_per_az_makes_one_per_zone_and_wraps_the_subnets_over_them() {
    let mut inputs = readme_usage();
    inputs["one_nat_gateway_per_az"] = json!(true);
    inputs["azs"] = json!(["eu-west-1a", "eu-west-1b"]);
    inputs["public_subnets"] = json!(["10.0.101.0/24", "10.0.102.0/24"]);
    let e = vpc(Some("5.21.0"), inputs);
    assert_eq!(e.assumed_version, "5.21.0");
    // main.tf:243 nat_gateway_count = length(var.azs) = 2, though there are three private subnets.
    assert_eq!(named(&e, "aws_nat_gateway.this").len(), 2);
    assert_eq!(named(&e, "aws_route_table.private").len(), 2);
    // main.tf:207-209 element(aws_route_table.private[*].id, 2) wraps to the first table.
    let a = get(&e, "module.vpc.aws_route_table_association.private[2]");
    assert_eq!(val(a, "route_table_id"), "module.vpc.aws_route_table.private[0]");
    // main.tf:91 element(var.azs, 2) wraps to the first zone as well.
    assert_eq!(
        val(get(&e, "module.vpc.aws_subnet.private[2]"), "availability_zone"),
        "eu-west-1a"
    );
}

#[test]
fn one_nat_gateway_per_az_with_fewer_public_subnets_than_zones_makes_no_public_subnet() {
    let mut inputs = readme_usage();
    inputs["one_nat_gateway_per_az"] = json!(true);
    inputs["public_subnets"] = json!(["10.0.101.0/24"]);
    let e = vpc(Some("~> 5.0"), inputs);
    // main.tf:89 count = ... && (!one_nat_gateway_per_az || len_public >= length(azs)) ? ... : 0
    assert!(named(&e, "aws_subnet.public").is_empty());
    assert!(
        e.notes.iter().any(|n| n.contains("creates no public subnet")),
        "{:?}",
        e.notes
    );
    // The NAT gateways still count per zone but have no subnet to go in.
    assert_eq!(named(&e, "aws_nat_gateway.this").len(), 3);
    assert_eq!(
        val(get(&e, "module.vpc.aws_nat_gateway.this[0]"), "subnet_id"),
        &Value::Null
    );
}

#[test]
fn private_route_tables_exist_per_subnet_without_nat() {
    let mut inputs = readme_usage();
    inputs["enable_nat_gateway"] = json!(false);
    let e = vpc(None, inputs);
    // No constraint: the newest release.
    assert_eq!(e.assumed_version, "6.6.0");
    assert!(e.notes[0].contains("no `version` is given"), "{:?}", e.notes);
    // main.tf:198 counts nat_gateway_count whether or not NAT is enabled (3), with no route out.
    assert_eq!(named(&e, "aws_route_table.private").len(), 3);
    assert!(named(&e, "aws_nat_gateway.this").is_empty());
    assert!(named(&e, "aws_route.private_nat_gateway").is_empty());
}

#[test]
fn v3_leaves_the_default_security_group_alone_and_v4_manages_it_without_rules() {
    for (constraint, version) in [("~> 3.0", "3.19.0"), ("3.14.2", "3.14.2")] {
        let e = vpc(Some(constraint), readme_usage());
        assert_eq!(e.assumed_version, version);
        // v3.19.0 variables.tf: manage_default_security_group/network_acl/route_table default
        // false; map_public_ip_on_launch true.
        assert!(
            !has(&e, "module.vpc.aws_default_security_group.this[0]"),
            "{constraint}"
        );
        assert!(!has(&e, "module.vpc.aws_default_network_acl.this[0]"));
        assert!(!has(&e, "module.vpc.aws_default_route_table.default[0]"));
        assert_eq!(
            val(get(&e, "module.vpc.aws_subnet.public[0]"), "map_public_ip_on_launch"),
            true
        );
        assert!(
            e.notes
                .iter()
                .any(|n| n.contains("v3 leaves the VPC's default security group")),
            "{:?}",
            e.notes
        );
        // v3.19.0 main.tf:1013 `vpc = true` on the EIPs.
        assert_eq!(val(get(&e, "module.vpc.aws_eip.nat[0]"), "vpc"), true);
    }
    for (constraint, version) in [(">= 4.0", "6.6.0"), ("~> 4.0", "4.0.2"), ("~> 5.1", "5.21.1")] {
        let e = vpc(Some(constraint), readme_usage());
        assert_eq!(e.assumed_version, version);
        let sg = get(&e, "module.vpc.aws_default_security_group.this[0]");
        assert_eq!(val(sg, "ingress"), &json!([]), "{constraint}");
        assert_eq!(val(sg, "egress"), &json!([]));
        assert!(e.notes.iter().any(|n| n.contains("no rules")), "{:?}", e.notes);
    }
}

#[test]
fn default_security_group_rules_are_split_like_the_module_does() {
    let mut inputs = readme_usage();
    inputs["default_security_group_egress"] =
        json!([{"cidr_blocks": "0.0.0.0/0,10.0.0.0/8", "from_port": "443", "to_port": "443", "protocol": "tcp"}]);
    inputs["default_security_group_ingress"] = json!([{"self": true}]);
    let e = vpc(Some("~> 5.0"), inputs);
    let sg = get(&e, "module.vpc.aws_default_security_group.this[0]");
    // main.tf (Default VPC section): compact(split(",", …)); from/to default 0, protocol "-1".
    assert_eq!(val(sg, "egress")[0]["cidr_blocks"], json!(["0.0.0.0/0", "10.0.0.0/8"]));
    assert_eq!(val(sg, "egress")[0]["from_port"], 443);
    assert_eq!(val(sg, "ingress")[0]["self"], true);
    assert_eq!(val(sg, "ingress")[0]["protocol"], "-1");
    assert_eq!(val(sg, "ingress")[0]["cidr_blocks"], json!([]));
    assert!(!e.notes.iter().any(|n| n.contains("with no rules")));
}

#[test]
fn v3_does_not_count_public_subnets_for_nat_gateways() {
    let inputs = json!({
        "cidr": "10.0.0.0/16",
        "azs": ["eu-west-1a", "eu-west-1b"],
        "public_subnets": ["10.0.101.0/24", "10.0.102.0/24"],
        "enable_nat_gateway": true
    });
    // v3.19.0 main.tf:2-7 max_subnet_length = max(private, elasticache, database, redshift) = 0.
    let e = vpc(Some("~> 3.0"), inputs.clone());
    assert!(named(&e, "aws_nat_gateway.this").is_empty());
    // v5.21.0 main.tf:9-15 counts public subnets too: two NAT gateways but no private tables
    // (main.tf:198 needs private subnets), so no NAT route either.
    let e = vpc(Some("~> 5.0"), inputs);
    assert_eq!(named(&e, "aws_nat_gateway.this").len(), 2);
    assert!(named(&e, "aws_route_table.private").is_empty());
    assert!(named(&e, "aws_route.private_nat_gateway").is_empty());
    assert!(
        e.notes.iter().any(|n| n.contains("without private subnets")),
        "{:?}",
        e.notes
    );
}

#[test]
fn database_route_table_options() {
    let mut inputs = readme_usage();
    inputs["database_subnets"] = json!(["10.0.21.0/24", "10.0.22.0/24", "10.0.23.0/24"]);
    inputs["create_database_subnet_route_table"] = json!(true);
    inputs["create_database_internet_gateway_route"] = json!(true);
    let e = vpc(Some("~> 5.0"), inputs.clone());
    // main.tf:282 one database table with the internet gateway route (main.tf:296).
    assert_eq!(
        named(&e, "aws_route_table.database"),
        ["module.vpc.aws_route_table.database[0]"]
    );
    let r = get(&e, "module.vpc.aws_route.database_internet_gateway[0]");
    assert_eq!(val(r, "gateway_id"), "module.vpc.aws_internet_gateway.this[0]");
    assert_eq!(
        val(
            get(&e, "module.vpc.aws_route_table_association.database[2]"),
            "route_table_id"
        ),
        "module.vpc.aws_route_table.database[0]"
    );
    // The subnet group is made by default, with the three subnets.
    let g = get(&e, "module.vpc.aws_db_subnet_group.database[0]");
    assert_eq!(val(g, "subnet_ids").as_array().map(Vec::len), Some(3));
    assert_eq!(val(g, "name"), "my-vpc");
    // outputs.tf: database_subnet_group = ….id (the address), _name = ….name (lower(coalesce(var.database_subnet_group_name, var.name))).
    assert_eq!(
        e.outputs["database_subnet_group"],
        "module.vpc.aws_db_subnet_group.database[0]"
    );
    assert_eq!(e.outputs["database_subnet_group_name"], "my-vpc");

    // NAT route instead: one table per subnet (not single), each to its NAT gateway (main.tf:305).
    inputs["create_database_internet_gateway_route"] = json!(false);
    inputs["create_database_nat_gateway_route"] = json!(true);
    let e = vpc(Some("~> 5.0"), inputs.clone());
    assert_eq!(named(&e, "aws_route_table.database").len(), 3);
    let r = get(&e, "module.vpc.aws_route.database_nat_gateway[1]");
    assert_eq!(val(r, "route_table_id"), "module.vpc.aws_route_table.database[1]");
    assert_eq!(val(r, "nat_gateway_id"), "module.vpc.aws_nat_gateway.this[1]");
    assert!(!has(&e, "module.vpc.aws_route.database_internet_gateway[0]"));

    // Without its own table the database subnets use the private ones, one each (main.tf:293).
    inputs["create_database_subnet_route_table"] = json!(false);
    let e = vpc(Some("~> 5.0"), inputs);
    assert!(named(&e, "aws_route_table.database").is_empty());
    assert_eq!(
        val(
            get(&e, "module.vpc.aws_route_table_association.database[1]"),
            "route_table_id"
        ),
        "module.vpc.aws_route_table.private[1]"
    );
    assert_eq!(e.outputs["database_route_table_ids"].as_array().map(Vec::len), Some(3));
}

#[test]
fn dedicated_network_acls_take_the_documented_default_rules() {
    let mut inputs = readme_usage();
    inputs["public_dedicated_network_acl"] = json!(true);
    inputs["private_dedicated_network_acl"] = json!(true);
    inputs["private_inbound_acl_rules"] = json!([{"rule_number": 100, "rule_action": "allow", "from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_block": "10.0.0.0/16"}]);
    let e = vpc(Some("~> 5.0"), inputs);
    let acl = get(&e, "module.vpc.aws_network_acl.public[0]");
    assert_eq!(val(acl, "subnet_ids").as_array().map(Vec::len), Some(3));
    // variables.tf public_inbound_acl_rules default: rule 100 allow all from 0.0.0.0/0.
    let r = get(&e, "module.vpc.aws_network_acl_rule.public_inbound[0]");
    assert_eq!(
        (
            val(r, "rule_number"),
            val(r, "rule_action"),
            val(r, "protocol"),
            val(r, "egress")
        ),
        (&json!(100), &json!("allow"), &json!("-1"), &json!(false))
    );
    let r = get(&e, "module.vpc.aws_network_acl_rule.private_inbound[0]");
    assert_eq!(
        (val(r, "from_port"), val(r, "cidr_block")),
        (&json!(443), &json!("10.0.0.0/16"))
    );
    assert_eq!(val(r, "network_acl_id"), "module.vpc.aws_network_acl.private[0]");
    assert!(has(&e, "module.vpc.aws_network_acl_rule.private_outbound[0]"));
    assert!(!has(&e, "module.vpc.aws_network_acl.database[0]"));
    assert_eq!(
        e.outputs["public_network_acl_id"],
        "module.vpc.aws_network_acl.public[0]"
    );
}

#[test]
fn ipv6_adds_an_egress_only_gateway_and_unknown_subnet_blocks() {
    let mut inputs = readme_usage();
    inputs["enable_ipv6"] = json!(true);
    inputs["private_subnet_ipv6_prefixes"] = json!([3, 4, 5]);
    inputs["public_subnet_ipv6_prefixes"] = json!([0, 1, 2]);
    let e = vpc(Some("~> 5.0"), inputs);
    assert_eq!(
        val(
            get(&e, "module.vpc.aws_vpc.this[0]"),
            "assign_generated_ipv6_cidr_block"
        ),
        true
    );
    // main.tf:188 cidrsubnet(aws_vpc.this[0].ipv6_cidr_block, 8, …): only known after apply.
    let s = get(&e, "module.vpc.aws_subnet.private[0]");
    assert!(s.unknown.contains(&"ipv6_cidr_block".to_owned()));
    assert!(has(&e, "module.vpc.aws_egress_only_internet_gateway.this[0]"));
    // main.tf:234 (v5.7.1+): one ::/0 egress route per private route table.
    let r = get(&e, "module.vpc.aws_route.private_ipv6_egress[2]");
    assert_eq!(
        val(r, "egress_only_gateway_id"),
        "module.vpc.aws_egress_only_internet_gateway.this[0]"
    );
    assert_eq!(val(r, "destination_ipv6_cidr_block"), "::/0");
    // main.tf:277: DNS64 routes to the NAT gateways (private_subnet_enable_dns64 defaults true).
    assert!(has(&e, "module.vpc.aws_route.private_dns64_nat_gateway[0]"));
    assert!(has(&e, "module.vpc.aws_route.public_internet_gateway_ipv6[0]"));
    assert_eq!(e.outputs["private_subnets_ipv6_cidr_blocks"], Value::Null);
}

#[test]
fn unknown_inputs_get_stand_ins_and_say_so() {
    let mut inputs = readme_usage();
    inputs["azs"] = Value::Null;
    inputs["private_subnets"] = json!(["10.0.1.0/24", null]);
    inputs["single_nat_gateway"] = Value::Null;
    let e = vpc(Some("~> 5.0"), inputs);
    assert_eq!(
        val(get(&e, "module.vpc.aws_subnet.public[2]"), "availability_zone"),
        "us-east-1c"
    );
    let s = get(&e, "module.vpc.aws_subnet.private[1]");
    assert_eq!(val(s, "cidr_block"), &Value::Null);
    assert_eq!(s.unknown, ["cidr_block"]);
    assert_eq!(e.outputs["private_subnets_cidr_blocks"], Value::Null);
    assert_eq!(e.outputs["azs"], Value::Null);
    assert!(
        e.notes.iter().any(|n| n.contains("`azs` is not known")),
        "{:?}",
        e.notes
    );
    assert!(
        e.notes.iter().any(|n| n.contains("`single_nat_gateway` is not known")),
        "{:?}",
        e.notes
    );
    // The default (false) stands in: one NAT gateway per subnet of the longest list (3).
    assert_eq!(named(&e, "aws_nat_gateway.this").len(), 3);
}

#[test]
fn create_vpc_false_makes_nothing() {
    let mut inputs = readme_usage();
    inputs["create_vpc"] = json!(false);
    let e = vpc(Some("~> 5.0"), inputs.clone());
    assert!(e.resources.is_empty(), "{:?}", addresses(&e));
    assert_eq!(e.outputs["vpc_id"], Value::Null);
    // v3 outputs "" for what was not made (outputs.tf try(…, "")).
    let e = vpc(Some("~> 3.0"), inputs);
    assert_eq!(e.outputs["vpc_id"], "");
}

#[test]
fn secondary_cidrs_and_zone_ids() {
    let mut inputs = readme_usage();
    inputs["secondary_cidr_blocks"] = json!(["10.1.0.0/16"]);
    inputs["azs"] = json!(["euw1-az1", "euw1-az2", "euw1-az3"]);
    let e = vpc(Some("~> 5.0"), inputs);
    let a = get(&e, "module.vpc.aws_vpc_ipv4_cidr_block_association.this[0]");
    assert_eq!(
        (val(a, "vpc_id"), val(a, "cidr_block")),
        (&json!("module.vpc.aws_vpc.this[0]"), &json!("10.1.0.0/16"))
    );
    // main.tf:91-92: a zone id goes to availability_zone_id.
    let s = get(&e, "module.vpc.aws_subnet.private[0]");
    assert_eq!(
        (val(s, "availability_zone"), val(s, "availability_zone_id")),
        (&Value::Null, &json!("euw1-az1"))
    );
}

#[test]
fn versions_and_sources_not_modelled_are_not_expanded() {
    assert!(expand(&call("terraform-aws-modules/vpc/aws", Some("~> 2.0"), readme_usage())).is_none());
    assert!(expand(&call("terraform-aws-modules/eks/aws", None, json!({}))).is_none());
    assert!(expand(&call(
        "terraform-aws-modules/security-group/aws//modules/no-such-group",
        None,
        json!({})
    ))
    .is_none());
    assert!(expand(&call(
        "terraform-aws-modules/vpc/aws//modules/no-such-module",
        None,
        json!({})
    ))
    .is_none());
    // A constraint newer than every release known is modelled as the newest, and says so.
    let e = vpc(Some("~> 7.0"), readme_usage());
    assert_eq!(e.assumed_version, "6.6.0");
    assert!(e.notes[0].contains("allows no release known here"), "{:?}", e.notes);
    // The registry host and a different case are the same module.
    assert!(expand(&call(
        "registry.terraform.io/Terraform-AWS-Modules/vpc/aws",
        None,
        readme_usage()
    ))
    .is_some());
}

#[test]
fn nothing_panics_on_inputs_of_the_wrong_shape() {
    let junk = [
        json!(null),
        json!(1),
        json!("x"),
        json!([1, null, {}]),
        json!({"a": [null]}),
        json!(true),
    ];
    let names = [
        "azs",
        "public_subnets",
        "private_subnets",
        "database_subnets",
        "enable_nat_gateway",
        "single_nat_gateway",
        "default_security_group_ingress",
        "public_inbound_acl_rules",
        "public_dedicated_network_acl",
        "cidr",
        "ingress_rules",
        "ingress_with_cidr_blocks",
        "egress_rules",
        "vpc_subnet_ids",
        "vpc_security_group_ids",
        "endpoints",
        "number_of_computed_ingress_rules",
        "computed_ingress_rules",
        "create_database_subnet_route_table",
        "reuse_nat_ips",
    ];
    for source in [
        "terraform-aws-modules/vpc/aws",
        "terraform-aws-modules/security-group/aws",
        "terraform-aws-modules/lambda/aws",
        "terraform-aws-modules/security-group/aws//modules/http-80",
        "terraform-aws-modules/vpc/aws//modules/vpc-endpoints",
    ] {
        for j in &junk {
            for n in names {
                let mut inputs = readme_usage();
                inputs[n] = j.clone();
                let _ = expand(&call(source, Some("~> 5.0"), inputs));
            }
        }
    }
}

// --- terraform-aws-modules/security-group/aws ------------------------------------------------

#[test]
fn security_group_readme_custom_rules() {
    // README.md "Security group with custom rules" (v5.3.1).
    let e = expand(&call(
        "terraform-aws-modules/security-group/aws",
        Some("~> 5.0"),
        json!({
            "name": "user-service",
            "description": "Security group for user-service with custom ports open within VPC, and PostgreSQL publicly open",
            "vpc_id": "vpc-12345678",
            "ingress_cidr_blocks": ["10.10.0.0/16"],
            "ingress_rules": ["https-443-tcp"],
            "ingress_with_cidr_blocks": [
                {"from_port": 8080, "to_port": 8090, "protocol": "tcp", "description": "User-service ports", "cidr_blocks": "10.10.0.0/16"},
                {"rule": "postgresql-tcp", "cidr_blocks": "0.0.0.0/0"}
            ]
        }),
    ))
    .expect("the security-group module is modelled");
    assert_eq!(e.assumed_version, "5.3.1");
    // use_name_prefix defaults to true (variables.tf): the group is this_name_prefix[0].
    let sg = get(&e, "module.vpc.aws_security_group.this_name_prefix[0]");
    assert_eq!(val(sg, "vpc_id"), "vpc-12345678");
    assert_eq!(val(sg, "name_prefix"), "user-service-");
    assert_eq!(
        e.outputs["security_group_id"],
        "module.vpc.aws_security_group.this_name_prefix[0]"
    );
    // rules.tf: https-443-tcp = [443, 443, "tcp", "HTTPS"], with var.ingress_cidr_blocks (main.tf:72).
    let r = get(&e, "module.vpc.aws_security_group_rule.ingress_rules[0]");
    assert_eq!(
        (val(r, "from_port"), val(r, "to_port"), val(r, "protocol")),
        (&json!(443), &json!(443), &json!("tcp"))
    );
    assert_eq!(val(r, "cidr_blocks"), &json!(["10.10.0.0/16"]));
    assert_eq!(val(r, "type"), "ingress");
    assert_eq!(
        val(r, "security_group_id"),
        "module.vpc.aws_security_group.this_name_prefix[0]"
    );
    let r = get(&e, "module.vpc.aws_security_group_rule.ingress_with_cidr_blocks[0]");
    assert_eq!((val(r, "from_port"), val(r, "to_port")), (&json!(8080), &json!(8090)));
    // rules.tf: postgresql-tcp = [5432, 5432, "tcp", "PostgreSQL"]; description default "Ingress Rule".
    let r = get(&e, "module.vpc.aws_security_group_rule.ingress_with_cidr_blocks[1]");
    assert_eq!(
        (val(r, "from_port"), val(r, "protocol"), val(r, "cidr_blocks")),
        (&json!(5432), &json!("tcp"), &json!(["0.0.0.0/0"]))
    );
    assert_eq!(val(r, "description"), "Ingress Rule");
    // egress_rules defaults to [] (variables.tf): no egress at all.
    assert!(!e.resources.iter().any(|r| val(r, "type") == "egress"));
}

#[test]
fn security_group_egress_rules_use_the_documented_default_cidrs() {
    let e = expand(&call(
        "terraform-aws-modules/security-group/aws",
        None,
        json!({"name": "app", "vpc_id": "module.vpc.aws_vpc.this[0]", "use_name_prefix": false, "egress_rules": ["all-all"],
               "ingress_with_source_security_group_id": [{"rule": "mysql-tcp", "source_security_group_id": "aws_security_group.app"}],
               "ingress_with_self": [{"rule": "all-all"}],
               "computed_ingress_with_source_security_group_id": [{"rule": "https-443-tcp", "source_security_group_id": null}],
               "number_of_computed_ingress_with_source_security_group_id": 1}),
    ))
    .expect("modelled");
    let r = get(&e, "module.vpc.aws_security_group_rule.egress_rules[0]");
    // rules.tf all-all = [-1, -1, "-1"]; egress_cidr_blocks ["0.0.0.0/0"], egress_ipv6_cidr_blocks ["::/0"].
    assert_eq!((val(r, "from_port"), val(r, "protocol")), (&json!(-1), &json!("-1")));
    assert_eq!(val(r, "cidr_blocks"), &json!(["0.0.0.0/0"]));
    assert_eq!(val(r, "ipv6_cidr_blocks"), &json!(["::/0"]));
    assert_eq!(val(r, "security_group_id"), "module.vpc.aws_security_group.this[0]");
    let r = get(
        &e,
        "module.vpc.aws_security_group_rule.ingress_with_source_security_group_id[0]",
    );
    assert_eq!(
        (val(r, "source_security_group_id"), val(r, "from_port")),
        (&json!("aws_security_group.app"), &json!(3306))
    );
    assert_eq!(
        val(
            get(&e, "module.vpc.aws_security_group_rule.ingress_with_self[0]"),
            "self"
        ),
        true
    );
    let r = get(
        &e,
        "module.vpc.aws_security_group_rule.computed_ingress_with_source_security_group_id[0]",
    );
    assert_eq!(r.unknown, ["source_security_group_id"]);
    assert_eq!(e.outputs["security_group_name"], "app");
}

#[test]
fn security_group_unknown_rule_names_are_left_out_with_a_note() {
    let e = expand(&call(
        "terraform-aws-modules/security-group/aws",
        None,
        json!({"name": "x", "ingress_rules": ["no-such-rule"]}),
    ))
    .expect("modelled");
    assert!(!e.resources.iter().any(|r| r.rtype == "aws_security_group_rule"));
    assert!(e.notes.iter().any(|n| n.contains("no-such-rule")), "{:?}", e.notes);
}

// --- terraform-aws-modules/lambda/aws --------------------------------------------------------

#[test]
fn lambda_in_a_vpc_gets_a_vpc_config_block() {
    let e = expand(&call(
        "terraform-aws-modules/lambda/aws",
        Some("~> 7.0"),
        json!({"function_name": "orders", "handler": "index.handler", "runtime": "python3.12",
               "vpc_subnet_ids": ["module.vpc.aws_subnet.private[0]", "module.vpc.aws_subnet.private[1]"],
               "vpc_security_group_ids": ["module.vpc.aws_vpc.this[0]:default_security_group"],
               "attach_network_policy": true}),
    ))
    .expect("the lambda module is modelled");
    assert_eq!(e.assumed_version, "7.21.1");
    let f = get(&e, "module.vpc.aws_lambda_function.this[0]");
    assert_eq!(val(f, "function_name"), "orders");
    // main.tf:111-117 (v8.8.1).
    let c = &val(f, "vpc_config")[0];
    assert_eq!(c["subnet_ids"][1], "module.vpc.aws_subnet.private[1]");
    assert_eq!(
        c["security_group_ids"][0],
        "module.vpc.aws_vpc.this[0]:default_security_group"
    );
    // ~> 7.0 is 7.21.1, which passes ipv6_allowed_for_dual_stack (from 7.14.0); not given: null.
    assert_eq!(c.get("ipv6_allowed_for_dual_stack"), Some(&Value::Null));
    assert_eq!(
        e.outputs["lambda_function_arn"],
        "module.vpc.aws_lambda_function.this[0]"
    );
    assert_eq!(e.outputs["lambda_function_name"], "orders");
}

#[test]
fn lambda_needs_both_subnets_and_groups_for_a_vpc() {
    let e = expand(&call(
        "terraform-aws-modules/lambda/aws",
        None,
        json!({"function_name": "f", "vpc_subnet_ids": ["s"]}),
    ))
    .expect("modelled");
    assert!(!get(&e, "module.vpc.aws_lambda_function.this[0]")
        .values
        .contains_key("vpc_config"));
    assert!(e.notes.iter().any(|n| n.contains("outside any VPC")), "{:?}", e.notes);
    // Written but not known before apply: attached, with the list unknown.
    let e = expand(&call(
        "terraform-aws-modules/lambda/aws",
        None,
        json!({"function_name": "f", "vpc_subnet_ids": null, "vpc_security_group_ids": ["g"]}),
    ))
    .expect("modelled");
    assert_eq!(
        get(&e, "module.vpc.aws_lambda_function.this[0]").unknown,
        ["vpc_config.0.subnet_ids"]
    );
    let e = expand(&call(
        "terraform-aws-modules/lambda/aws",
        None,
        json!({"create_function": false}),
    ))
    .expect("modelled");
    assert!(e.resources.is_empty());
}

// --- terraform-aws-modules/vpc/aws//modules/vpc-endpoints ------------------------------------

#[test]
fn vpc_endpoints_complete_example() {
    // examples/complete/main.tf module "vpc_endpoints" (v5.21.0), references evaluated.
    let e = expand(&call(
        "terraform-aws-modules/vpc/aws//modules/vpc-endpoints",
        Some("~> 5.0"),
        json!({
            "vpc_id": "module.vpc.aws_vpc.this[0]",
            "create_security_group": true,
            "security_group_name_prefix": "ex-vpc-endpoints-",
            "security_group_rules": {"ingress_https": {"description": "HTTPS from VPC", "cidr_blocks": ["10.0.0.0/16"]}},
            "endpoints": {
                "s3": {"service": "s3", "private_dns_enabled": true},
                "dynamodb": {"service": "dynamodb", "service_type": "Gateway", "route_table_ids": ["module.vpc.aws_route_table.private[0]"]},
                "ecs_telemetry": {"create": false, "service": "ecs-telemetry"},
                "ecr_api": {"service": "ecr.api", "private_dns_enabled": true, "subnet_ids": ["module.vpc.aws_subnet.private[0]"]}
            }
        }),
    ))
    .expect("the vpc-endpoints submodule is modelled");
    let s3 = get(&e, "module.vpc.aws_vpc_endpoint.this[\"s3\"]");
    assert_eq!(val(s3, "vpc_endpoint_type"), "Interface");
    assert_eq!(val(s3, "service_name"), "com.amazonaws.us-east-1.s3");
    // create_security_group adds the module's own group to every interface endpoint.
    assert_eq!(
        val(s3, "security_group_ids"),
        &json!(["module.vpc.aws_security_group.this[0]"])
    );
    let ddb = get(&e, "module.vpc.aws_vpc_endpoint.this[\"dynamodb\"]");
    assert_eq!(
        val(ddb, "route_table_ids"),
        &json!(["module.vpc.aws_route_table.private[0]"])
    );
    assert_eq!(val(ddb, "subnet_ids"), &Value::Null);
    assert!(!has(&e, "module.vpc.aws_vpc_endpoint.this[\"ecs_telemetry\"]"));
    let rule = get(&e, "module.vpc.aws_security_group_rule.this[\"ingress_https\"]");
    assert_eq!(
        (val(rule, "from_port"), val(rule, "type")),
        (&json!(443), &json!("ingress"))
    );
    assert!(e.notes.iter().any(|n| n.contains("stands in")));
}

#[test]
fn multiple_public_route_tables_exist_from_5_8() {
    let mut inputs = readme_usage();
    inputs["create_multiple_public_route_tables"] = json!(true);
    // v5.8.0 main.tf: num_public_route_tables = var.create_multiple_public_route_tables ? len_public : 1,
    // and one internet gateway route per table.
    let e = vpc(Some("~> 5.8"), inputs.clone());
    assert_eq!(named(&e, "aws_route_table.public").len(), 3);
    assert_eq!(named(&e, "aws_route.public_internet_gateway").len(), 3);
    let a = get(&e, "module.vpc.aws_route_table_association.public[2]");
    assert_eq!(val(a, "route_table_id"), "module.vpc.aws_route_table.public[2]");
    // v5.8.0 to v5.10.0 make the tables but count the internet gateway route 1, on public[0]
    // (v5.10.0 main.tf aws_route.public_internet_gateway), so public[1] and [2] have no way out.
    let e = vpc(Some("5.10.0"), inputs.clone());
    assert_eq!(named(&e, "aws_route_table.public").len(), 3);
    assert_eq!(
        named(&e, "aws_route.public_internet_gateway"),
        ["module.vpc.aws_route.public_internet_gateway[0]"]
    );
    // v5.7.2 has no such input (variables.tf): one public table, and a note that Terraform fails.
    let e = vpc(Some("5.7.2"), inputs);
    assert_eq!(named(&e, "aws_route_table.public").len(), 1);
    assert!(
        e.notes
            .iter()
            .any(|n| n.contains("`create_multiple_public_route_tables` is not an input of release 5.7.2")),
        "{:?}",
        e.notes
    );
}

#[test]
fn reused_nat_ips_allocate_the_given_addresses_and_make_no_eip() {
    let mut inputs = readme_usage();
    inputs["single_nat_gateway"] = json!(true);
    inputs["reuse_nat_ips"] = json!(true);
    inputs["external_nat_ip_ids"] = json!(["aws_eip.nat"]);
    let e = vpc(Some("~> 5.0"), inputs);
    // main.tf:244 nat_gateway_ips = var.reuse_nat_ips ? var.external_nat_ip_ids : aws_eip.nat[*].id;
    // main.tf:247 no aws_eip.nat when reusing.
    assert!(named(&e, "aws_eip.nat").is_empty());
    assert_eq!(
        val(get(&e, "module.vpc.aws_nat_gateway.this[0]"), "allocation_id"),
        "aws_eip.nat"
    );
}

#[test]
fn ipv6_egress_routes_follow_the_release() {
    let mut inputs = readme_usage();
    inputs["enable_ipv6"] = json!(true);
    inputs["single_nat_gateway"] = json!(true);
    // v5.7.1 main.tf private_ipv6_egress: count = nat_gateway_count (1 with a single NAT gateway).
    let e = vpc(Some("5.7.1"), inputs.clone());
    assert_eq!(named(&e, "aws_route.private_ipv6_egress").len(), 1);
    // v5.7.0: count = len_private_subnets (3), each on element(aws_route_table.private[*].id, i),
    // which is the one table three times.
    let e = vpc(Some("5.7.0"), inputs);
    assert_eq!(named(&e, "aws_route.private_ipv6_egress").len(), 3);
    assert_eq!(
        val(get(&e, "module.vpc.aws_route.private_ipv6_egress[2]"), "route_table_id"),
        "module.vpc.aws_route_table.private[0]"
    );
}

#[test]
fn security_group_submodule_adds_its_group_rules_and_all_egress() {
    // modules/postgresql/auto_values.tf (v5.3.1): auto_ingress_rules ["postgresql-tcp"],
    // auto_ingress_with_self [{rule = "all-all"}], auto_egress_rules ["all-all"]; main.tf calls
    // the root module as module "sg" with sort(compact(distinct(concat(auto, given, [""])))).
    let e = expand(&call(
        "terraform-aws-modules/security-group/aws//modules/postgresql",
        Some("~> 5.0"),
        json!({"name": "db", "vpc_id": "module.vpc.aws_vpc.this[0]", "ingress_cidr_blocks": ["10.0.0.0/16"], "ingress_rules": ["https-443-tcp"]}),
    ))
    .expect("the postgresql submodule is modelled");
    let sg = "module.vpc.module.sg.aws_security_group.this_name_prefix[0]";
    assert_eq!(e.outputs["security_group_id"], sg);
    // Sorted: "https-443-tcp" < "postgresql-tcp".
    let r = get(&e, "module.vpc.module.sg.aws_security_group_rule.ingress_rules[0]");
    assert_eq!(val(r, "from_port"), 443);
    let r = get(&e, "module.vpc.module.sg.aws_security_group_rule.ingress_rules[1]");
    assert_eq!(
        (val(r, "from_port"), val(r, "cidr_blocks")),
        (&json!(5432), &json!(["10.0.0.0/16"]))
    );
    assert_eq!(
        val(
            get(&e, "module.vpc.module.sg.aws_security_group_rule.ingress_with_self[0]"),
            "self"
        ),
        true
    );
    let r = get(&e, "module.vpc.module.sg.aws_security_group_rule.egress_rules[0]");
    assert_eq!(
        (val(r, "protocol"), val(r, "cidr_blocks")),
        (&json!("-1"), &json!(["0.0.0.0/0"]))
    );
    assert_eq!(val(r, "security_group_id"), sg);
}

#[test]
fn security_group_prefix_list_inputs_exist_from_5_1() {
    let inputs =
        json!({"name": "x", "ingress_with_prefix_list_ids": [{"rule": "https-443-tcp", "prefix_list_ids": "pl-123"}]});
    // v4.17.2 main.tf has no ingress_with_prefix_list_ids resource (added in v5.1.0).
    let e = expand(&call(
        "terraform-aws-modules/security-group/aws",
        Some("~> 4.0"),
        inputs.clone(),
    ))
    .expect("modelled");
    assert_eq!(e.assumed_version, "4.17.2");
    assert!(!e.resources.iter().any(|r| r.rtype == "aws_security_group_rule"));
    assert!(e.notes.iter().any(|n| n.contains("added in 5.1.0")), "{:?}", e.notes);
    let e = expand(&call(
        "terraform-aws-modules/security-group/aws",
        Some("~> 5.1"),
        inputs,
    ))
    .expect("modelled");
    let r = get(&e, "module.vpc.aws_security_group_rule.ingress_with_prefix_list_ids[0]");
    assert_eq!(
        (val(r, "prefix_list_ids"), val(r, "from_port")),
        (&json!(["pl-123"]), &json!(443))
    );
}

#[test]
fn lambda_ipv6_for_dual_stack_exists_from_7_14() {
    let inputs = json!({"function_name": "f", "vpc_subnet_ids": ["s"], "vpc_security_group_ids": ["g"], "ipv6_allowed_for_dual_stack": true});
    let e = expand(&call(
        "terraform-aws-modules/lambda/aws",
        Some("~> 8.0"),
        inputs.clone(),
    ))
    .expect("modelled");
    assert_eq!(
        val(get(&e, "module.vpc.aws_lambda_function.this[0]"), "vpc_config")[0]["ipv6_allowed_for_dual_stack"],
        true
    );
    let e = expand(&call("terraform-aws-modules/lambda/aws", Some("7.13.0"), inputs)).expect("modelled");
    let c = &val(get(&e, "module.vpc.aws_lambda_function.this[0]"), "vpc_config")[0];
    assert!(c.get("ipv6_allowed_for_dual_stack").is_none());
    assert!(e.notes.iter().any(|n| n.contains("added in 7.14.0")), "{:?}", e.notes);
}

/// A small deterministic generator of JSON values (no dev-dependency needed).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }

    fn value(&mut self, depth: u32) -> Value {
        let strings = [
            "",
            "10.0.0.0/16",
            "10.0.1.0/24",
            "eu-west-1a",
            "use1-az1",
            "all-all",
            "https-443-tcp",
            "-1",
            "443",
            "x,y",
            "true",
        ];
        match self.next(if depth > 2 { 5 } else { 8 }) {
            0 => Value::Null,
            1 => json!(self.next(2) == 0),
            2 => json!(self.next(70000) as i64 - 5),
            3 | 4 => json!(strings[self.next(strings.len() as u64) as usize]),
            5 | 6 => Value::Array((0..self.next(5)).map(|_| self.value(depth + 1)).collect()),
            _ => {
                let keys = [
                    "rule",
                    "from_port",
                    "to_port",
                    "protocol",
                    "cidr_blocks",
                    "self",
                    "rule_number",
                    "rule_action",
                    "service",
                    "service_type",
                    "create",
                    "source_security_group_id",
                ];
                let mut m = serde_json::Map::new();
                for _ in 0..self.next(5) {
                    m.insert(
                        keys[self.next(keys.len() as u64) as usize].to_owned(),
                        self.value(depth + 1),
                    );
                }
                Value::Object(m)
            }
        }
    }
}

#[test]
fn random_inputs_never_panic() {
    let names = [
        "create_vpc",
        "cidr",
        "azs",
        "public_subnets",
        "private_subnets",
        "database_subnets",
        "elasticache_subnets",
        "redshift_subnets",
        "intra_subnets",
        "outpost_subnets",
        "enable_nat_gateway",
        "single_nat_gateway",
        "one_nat_gateway_per_az",
        "reuse_nat_ips",
        "external_nat_ip_ids",
        "enable_ipv6",
        "public_subnet_ipv6_prefixes",
        "private_subnet_ipv6_native",
        "create_database_subnet_route_table",
        "create_database_internet_gateway_route",
        "create_database_nat_gateway_route",
        "create_igw",
        "manage_default_security_group",
        "default_security_group_ingress",
        "default_network_acl_egress",
        "public_dedicated_network_acl",
        "public_inbound_acl_rules",
        "create_multiple_public_route_tables",
        "secondary_cidr_blocks",
        "enable_public_redshift",
        "private_subnet_names",
        "ingress_rules",
        "egress_rules",
        "ingress_with_cidr_blocks",
        "egress_with_self",
        "computed_ingress_rules",
        "number_of_computed_ingress_rules",
        "rules",
        "create_sg",
        "use_name_prefix",
        "vpc_subnet_ids",
        "vpc_security_group_ids",
        "create_function",
        "endpoints",
        "create_security_group",
        "security_group_rules",
    ];
    let sources = [
        "terraform-aws-modules/vpc/aws",
        "terraform-aws-modules/security-group/aws",
        "terraform-aws-modules/security-group/aws//modules/ssh",
        "terraform-aws-modules/lambda/aws",
        "terraform-aws-modules/vpc/aws//modules/vpc-endpoints",
    ];
    let constraints = [
        None,
        Some("~> 3.0"),
        Some("4.0.0"),
        Some("~> 5.0"),
        Some(">= 6"),
        Some("~> 7.13"),
        Some("nonsense"),
    ];
    let mut g = Lcg(15);
    let mut expanded = 0;
    for _ in 0..3000 {
        let mut inputs = serde_json::Map::new();
        for _ in 0..g.next(12) {
            inputs.insert(names[g.next(names.len() as u64) as usize].to_owned(), g.value(0));
        }
        let source = sources[g.next(sources.len() as u64) as usize];
        let constraint = constraints[g.next(constraints.len() as u64) as usize];
        let c = call(source, constraint, Value::Object(inputs));
        if let Some(e) = expand(&c) {
            expanded += usize::from(!e.resources.is_empty());
            for r in &e.resources {
                assert!(r.address.starts_with("module.vpc."), "{}", r.address);
            }
        }
    }
    // Most draws are expanded (not refused), so the loop exercises the expanders.
    assert!(expanded > 1000, "{expanded}");
}

#[test]
fn release_4_0_0_counts_no_private_subnets_for_nat_gateways() {
    let inputs = json!({
        "cidr": "10.0.0.0/16",
        "azs": ["eu-west-1a", "eu-west-1b"],
        "private_subnets": ["10.0.1.0/24", "10.0.2.0/24"],
        "public_subnets": ["10.0.101.0/24"],
        "enable_nat_gateway": true
    });
    // v4.0.0 main.tf:10-15 max_subnet_length = max(public, elasticache, database, redshift) = 1:
    // one NAT gateway and one private table for both private subnets.
    let e = vpc(Some("4.0.0"), inputs.clone());
    assert_eq!(named(&e, "aws_nat_gateway.this").len(), 1);
    assert_eq!(named(&e, "aws_route_table.private").len(), 1);
    // v4.0.1 adds private (and intra) back: two of each, the second NAT gateway in public[0]
    // again (element() wraps over the one public subnet).
    let e = vpc(Some("4.0.1"), inputs);
    assert_eq!(named(&e, "aws_nat_gateway.this").len(), 2);
    assert_eq!(
        val(get(&e, "module.vpc.aws_nat_gateway.this[1]"), "subnet_id"),
        "module.vpc.aws_subnet.public[0]"
    );
}

#[test]
fn vpc_endpoints_policy_not_known_before_apply_is_listed_and_the_prefix_list_is_named() {
    // A gateway endpoint with `policy = data.aws_iam_policy_document.x.json` (null: not
    // evaluated by the importer) and one without a policy.
    let e = expand(&call(
        "terraform-aws-modules/vpc/aws//modules/vpc-endpoints",
        Some("~> 5.0"),
        json!({
            "vpc_id": "module.vpc.aws_vpc.this[0]",
            "endpoints": {
                "s3": {"service": "s3", "service_type": "Gateway", "policy": null},
                "dynamodb": {"service": "dynamodb", "service_type": "Gateway"}
            }
        }),
    ))
    .expect("the vpc-endpoints submodule is modelled");
    let s3 = e.resources.iter().find(|r| r.address.ends_with("[\"s3\"]")).unwrap();
    assert!(s3.unknown.contains(&"policy".to_owned()), "{:?}", s3.unknown);
    let ddb = e
        .resources
        .iter()
        .find(|r| r.address.ends_with("[\"dynamodb\"]"))
        .unwrap();
    assert!(!ddb.unknown.contains(&"policy".to_owned()));
    // Rules name the endpoint's prefix list by the config.rs convention.
    assert_eq!(
        e.outputs["endpoints"]["s3"]["prefix_list_id"],
        json!(format!("{}:prefix_list", s3.address))
    );
}

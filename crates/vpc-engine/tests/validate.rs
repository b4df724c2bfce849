//! Design validation: one test per check, stated as a fact. Each fixture is a minimal design
//! and `check` compares every diagnostic, in order, as `severity code list/id field`.

use vpc_engine::model::{load, Document};
use vpc_engine::validate::{validate, Diagnostic, Severity};

const STARTER: &str = include_str!("../../../designs/starter.json");

fn doc(json: &str) -> Document {
    load(json).unwrap_or_else(|e| panic!("fixture does not load: {e}\n{json}"))
}

/// `error V.cidr-malformed subnets/private-a cidr`
fn line(doc: &Document, d: &Diagnostic) -> String {
    let severity = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    };
    let component = match &d.component {
        Some(id) => {
            let kind = doc
                .components()
                .find(|(c, _)| *c == id.as_str())
                .map(|(_, k)| k.list_name());
            format!("{}/{}", kind.unwrap_or("?"), id)
        }
        None => "-".to_owned(),
    };
    format!(
        "{severity} {} {component} {}",
        d.message.id.code(),
        d.field.as_deref().unwrap_or("-")
    )
}

#[track_caller]
fn check(json: &str, expected: &[&str]) {
    let doc = doc(json);
    let got: Vec<String> = validate(&doc).iter().map(|d| line(&doc, d)).collect();
    assert_eq!(got, expected, "\nall diagnostics:\n{}\n", got.join("\n"));
}

/// The diagnostics with one code, with their arguments (without `component` and `field`).
fn args_of(json: &str, code: &str) -> Vec<Vec<(String, String)>> {
    validate(&doc(json))
        .into_iter()
        .filter(|d| d.message.id.code() == code)
        .map(|d| {
            d.message
                .args
                .into_iter()
                .filter(|(k, _)| *k != "component" && *k != "field")
                .map(|(k, v)| (k.to_owned(), v.to_string()))
                .collect()
        })
        .collect()
}

fn arg<'a>(args: &'a [(String, String)], name: &str) -> &'a str {
    args.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no arg {name} in {args:?}"))
}

// --- The whole design -------------------------------------------------------------------

#[test]
fn starter_design_has_no_problems() {
    let doc = doc(STARTER);
    let got: Vec<String> = validate(&doc).iter().map(|d| line(&doc, d)).collect();
    assert!(got.is_empty(), "{got:#?}");
}

#[test]
fn empty_document_has_no_problems() {
    check("{}", &[]);
}

// --- CIDRs --------------------------------------------------------------------------------

#[test]
fn unparsable_cidr_is_an_error_in_every_cidr_field() {
    check(
        r#"{
          "vpcs": [{ "id": "v", "cidr": "10.0.0/16", "secondary_cidrs": ["ten"], "ipv6_cidr": "2600::/zz" }],
          "subnets": [{ "id": "a", "vpc": "v", "az": "x", "cidr": "", "ipv6_cidr": "::1::/64" }],
          "route_tables": [{ "id": "rt", "vpc": "v", "routes": [
            { "destination": { "cidr": "0.0.0.0/33" }, "target": { "kind": "local" } } ] }],
          "security_groups": [{ "id": "sg", "vpc": "v", "inbound": [
            { "protocol": "tcp", "from_port": 443, "to_port": 443, "peer": { "cidr": "1.2.3.4/" } } ] }],
          "network_acls": [{ "id": "acl", "vpc": "v", "outbound": [
            { "number": 100, "action": "allow", "protocol": "all", "cidr": "any" } ] }]
        }"#,
        &[
            "error V.cidr-malformed vpcs/v cidr",
            "error V.cidr-malformed vpcs/v secondary_cidrs[0]",
            "error V.cidr-malformed vpcs/v ipv6_cidr",
            "error V.cidr-malformed subnets/a cidr",
            "error V.cidr-malformed subnets/a ipv6_cidr",
            "error V.cidr-malformed route_tables/rt routes[0].destination",
            "error V.cidr-malformed security_groups/sg inbound[0].peer",
            "error V.cidr-malformed network_acls/acl outbound[0].cidr",
        ],
    );
}

/// Rule I1: EC2 accepts a block with host bits and stores its network address, so the design
/// is evaluated with that network and an info diagnostic says so (no error).
#[test]
fn cidr_with_host_bits_is_its_network_address_with_an_info() {
    let json = r#"{
      "vpcs": [{ "id": "v", "cidr": "10.0.0.0/16" }],
      "subnets": [{ "id": "a", "vpc": "v", "az": "x", "cidr": "10.0.1.7/24" }]
    }"#;
    check(json, &["info I1.cidr-host-bits subnets/a cidr"]);
    let args = args_of(json, "I1.cidr-host-bits");
    assert_eq!(arg(&args[0], "value"), "10.0.1.7/24");
    assert_eq!(arg(&args[0], "expected"), "10.0.1.0/24");
    // The network is used by later checks: a host-bit block outside the VPC is still reported
    // as outside, and one that overlaps another subnet as overlapping.
    check(
        r#"{
          "vpcs": [{ "id": "v", "cidr": "10.20.30.40/26" }],
          "subnets": [
            { "id": "a", "vpc": "v", "az": "x", "cidr": "10.20.30.7/28" },
            { "id": "b", "vpc": "v", "az": "x", "cidr": "10.20.30.12/28" },
            { "id": "c", "vpc": "v", "az": "x", "cidr": "10.20.31.1/28" }
          ]
        }"#,
        &[
            "info I1.cidr-host-bits vpcs/v cidr",
            "info I1.cidr-host-bits subnets/a cidr",
            "info I1.cidr-host-bits subnets/b cidr",
            "error V.subnets-overlap subnets/b cidr",
            "info I1.cidr-host-bits subnets/c cidr",
            "error V.subnet-outside-vpc subnets/c cidr",
        ],
    );
}

#[test]
fn cidr_of_the_wrong_family_is_an_error() {
    check(
        r#"{
          "vpcs": [{ "id": "v", "cidr": "2600:1f18::/56", "ipv6_cidr": "10.0.0.0/16" }],
          "subnets": [{ "id": "a", "vpc": "v", "az": "x", "cidr": "2600:1f18::/64", "ipv6_cidr": "10.0.0.0/24" }]
        }"#,
        &[
            "error V.cidr-family vpcs/v cidr",
            "error V.cidr-family vpcs/v ipv6_cidr",
            "error V.cidr-family subnets/a cidr",
            "error V.cidr-family subnets/a ipv6_cidr",
        ],
    );
}

#[test]
fn vpc_block_outside_16_to_28_is_an_error() {
    check(
        r#"{ "vpcs": [{ "id": "v", "cidr": "10.0.0.0/8", "secondary_cidrs": ["100.64.0.0/29", "100.65.0.0/28"] }] }"#,
        &[
            "error V.vpc-cidr-size vpcs/v cidr",
            "error V.vpc-cidr-size vpcs/v secondary_cidrs[0]",
        ],
    );
}

#[test]
fn overlapping_blocks_of_one_vpc_are_an_error() {
    check(
        r#"{ "vpcs": [{ "id": "v", "cidr": "10.0.0.0/16", "secondary_cidrs": ["10.1.0.0/16", "10.0.128.0/17"] }] }"#,
        &["error V.vpc-cidrs-overlap vpcs/v secondary_cidrs[1]"],
    );
}

// --- Subnets ------------------------------------------------------------------------------

#[test]
fn subnet_outside_vpc_cidr_is_an_error() {
    check(
        r#"{
          "vpcs": [{ "id": "v", "cidr": "10.0.0.0/16", "secondary_cidrs": ["10.1.0.0/16"] }],
          "subnets": [
            { "id": "inside-primary", "vpc": "v", "az": "x", "cidr": "10.0.1.0/24" },
            { "id": "inside-secondary", "vpc": "v", "az": "x", "cidr": "10.1.1.0/24" },
            { "id": "outside", "vpc": "v", "az": "x", "cidr": "10.2.0.0/24" }
          ]
        }"#,
        &["error V.subnet-outside-vpc subnets/outside cidr"],
    );
    let args = args_of(
        r#"{ "vpcs": [{ "id": "v", "cidr": "10.0.0.0/16" }],
             "subnets": [{ "id": "s", "vpc": "v", "az": "x", "cidr": "192.168.0.0/24" }] }"#,
        "V.subnet-outside-vpc",
    );
    assert_eq!(arg(&args[0], "expected"), "10.0.0.0/16");
    assert_eq!(arg(&args[0], "vpc"), "v");
}

#[test]
fn overlapping_subnets_are_reported_once_per_pair_on_the_later_subnet() {
    check(
        r#"{
          "vpcs": [{ "id": "v", "cidr": "10.0.0.0/16" }],
          "subnets": [
            { "id": "small", "vpc": "v", "az": "x", "cidr": "10.0.1.0/24" },
            { "id": "big", "vpc": "v", "az": "x", "cidr": "10.0.0.0/20" },
            { "id": "apart", "vpc": "v", "az": "x", "cidr": "10.0.16.0/24" },
            { "id": "twin", "vpc": "v", "az": "x", "cidr": "10.0.1.0/24" }
          ]
        }"#,
        &[
            "error V.subnets-overlap subnets/big cidr",
            "error V.subnets-overlap subnets/twin cidr",
            "error V.subnets-overlap subnets/twin cidr",
        ],
    );
}

#[test]
fn subnets_of_different_vpcs_may_overlap() {
    check(
        r#"{
          "vpcs": [{ "id": "v1", "cidr": "10.0.0.0/16" }, { "id": "v2", "cidr": "10.0.0.0/16" }],
          "subnets": [
            { "id": "a", "vpc": "v1", "az": "x", "cidr": "10.0.1.0/24" },
            { "id": "b", "vpc": "v2", "az": "x", "cidr": "10.0.1.0/24" }
          ]
        }"#,
        &[],
    );
}

#[test]
fn subnet_larger_than_16_or_smaller_than_28_is_an_error() {
    check(
        r#"{
          "vpcs": [{ "id": "v", "cidr": "10.0.0.0/16" }],
          "subnets": [
            { "id": "tiny", "vpc": "v", "az": "x", "cidr": "10.0.0.0/29" },
            { "id": "ok", "vpc": "v", "az": "x", "cidr": "10.0.1.0/28" }
          ]
        }"#,
        &["error V.subnet-size subnets/tiny cidr"],
    );
}

#[test]
fn subnet_ipv6_block_needs_a_vpc_ipv6_block_containing_it_and_a_size_from_44_to_64_in_steps_of_4() {
    check(
        r#"{
          "vpcs": [
            { "id": "v4only", "cidr": "10.0.0.0/16" },
            { "id": "dual", "cidr": "10.1.0.0/16", "ipv6_cidr": "2600:1f18:1:ab00::/56" }
          ],
          "subnets": [
            { "id": "no-vpc-block", "vpc": "v4only", "az": "x", "cidr": "10.0.1.0/24", "ipv6_cidr": "2600:1f18:1:ab01::/64" },
            { "id": "outside", "vpc": "dual", "az": "x", "cidr": "10.1.1.0/24", "ipv6_cidr": "2600:1f18:2::/64" },
            { "id": "a-60", "vpc": "dual", "az": "x", "cidr": "10.1.2.0/24", "ipv6_cidr": "2600:1f18:1:ab00::/60" },
            { "id": "a-62", "vpc": "dual", "az": "x", "cidr": "10.1.4.0/24", "ipv6_cidr": "2600:1f18:1:ab10::/62" },
            { "id": "a-72", "vpc": "dual", "az": "x", "cidr": "10.1.5.0/24", "ipv6_cidr": "2600:1f18:1:ab20::/72" },
            { "id": "fine", "vpc": "dual", "az": "x", "cidr": "10.1.3.0/24", "ipv6_cidr": "2600:1f18:1:abff::/64" }
          ]
        }"#,
        &[
            "error V.subnet-ipv6 subnets/no-vpc-block ipv6_cidr",
            "error V.subnet-ipv6 subnets/outside ipv6_cidr",
            "error V.subnet-size subnets/a-62 ipv6_cidr",
            "error V.subnet-size subnets/a-72 ipv6_cidr",
        ],
    );
}

#[test]
fn overlapping_ipv6_subnet_blocks_are_an_error() {
    check(
        r#"{
          "vpcs": [{ "id": "v", "cidr": "10.0.0.0/16", "ipv6_cidr": "2600:1f18:1:ab00::/56" }],
          "subnets": [
            { "id": "a", "vpc": "v", "az": "x", "cidr": "10.0.1.0/24", "ipv6_cidr": "2600:1f18:1:ab01::/64" },
            { "id": "b", "vpc": "v", "az": "x", "cidr": "10.0.2.0/24", "ipv6_cidr": "2600:1f18:1:ab01::/64" }
          ]
        }"#,
        &["error V.subnets-overlap subnets/b ipv6_cidr"],
    );
}

#[test]
fn subnet_without_az_is_a_warning_and_one_outside_the_region_an_error() {
    check(
        r#"{
          "region": "us-east-1",
          "vpcs": [{ "id": "v", "cidr": "10.0.0.0/16" }],
          "subnets": [
            { "id": "no-az", "vpc": "v", "cidr": "10.0.1.0/24" },
            { "id": "elsewhere", "vpc": "v", "az": "eu-west-1a", "cidr": "10.0.2.0/24" },
            { "id": "fine", "vpc": "v", "az": "us-east-1c", "cidr": "10.0.3.0/24" }
          ]
        }"#,
        &[
            "warning V.subnet-az subnets/no-az az",
            "error V.subnet-az subnets/elsewhere az",
        ],
    );
}

// --- Ids and names ------------------------------------------------------------------------

#[test]
fn id_used_twice_anywhere_in_the_document_is_an_error_on_each_later_use() {
    check(
        r#"{
          "vpcs": [{ "id": "main", "cidr": "10.0.0.0/16" }],
          "route_tables": [{ "id": "main", "vpc": "main" }],
          "functions": [{ "id": "fn" }, { "id": "fn" }]
        }"#,
        &[
            "error V.duplicate-id vpcs/main id",
            "error V.duplicate-id functions/fn id",
        ],
    );
}

#[test]
fn empty_id_and_overlong_name_are_bad_names() {
    let long = "n".repeat(256);
    check(
        &format!(
            r#"{{ "functions": [{{ "id": "" }}, {{ "id": "ok", "name": "{long}" }}, {{ "id": "fine", "name": "{}" }}] }}"#,
            &long[1..]
        ),
        &["error V.bad-name functions/ id", "warning V.bad-name functions/ok name"],
    );
}

#[test]
fn component_without_id_or_name_is_named_by_its_place_in_the_document() {
    let args = args_of(r#"{ "functions": [{ "id": "a" }, { "id": "" }] }"#, "V.bad-name");
    assert_eq!(arg(&args[0], "function"), "functions[1]");
}

// --- References ---------------------------------------------------------------------------

#[test]
fn every_reference_to_a_missing_component_is_an_error() {
    check(
        r#"{
          "vpcs": [{ "id": "v", "cidr": "10.0.0.0/16", "main_route_table": "no-rt", "default_nacl": "no-acl" }],
          "subnets": [{ "id": "s", "vpc": "no-vpc", "az": "x", "cidr": "10.0.0.0/24", "route_table": "no-rt", "nacl": "no-acl" }],
          "route_tables": [{ "id": "rt", "vpc": "no-vpc" }],
          "internet_gateways": [{ "id": "igw", "vpc": "no-vpc" }],
          "egress_only_gateways": [{ "id": "eigw", "vpc": "no-vpc" }],
          "nat_gateways": [{ "id": "nat", "subnet": "no-subnet" }],
          "peering_connections": [{ "id": "pcx", "requester_vpc": "v", "accepter_vpc": "no-vpc" }],
          "endpoints": [
            { "id": "gw", "vpc": "no-vpc", "service": "s3", "type": "gateway", "route_tables": ["no-rt"] },
            { "id": "if", "vpc": "v", "service": "sqs", "type": "interface", "subnets": ["no-subnet"], "security_groups": ["no-sg"] }
          ],
          "security_groups": [{ "id": "sg", "vpc": "v", "inbound": [
            { "protocol": "all", "peer": { "security_group": "no-sg" } } ] }],
          "functions": [{ "id": "fn", "vpc_config": { "subnets": ["no-subnet"], "security_groups": ["no-sg"] } }],
          "databases": [{ "id": "db", "subnet_group": ["s", "no-subnet"], "security_groups": ["no-sg"] }],
          "instances": [{ "id": "i", "subnet": "no-subnet", "security_groups": ["no-sg"] }]
        }"#,
        &[
            "error V.dangling-reference vpcs/v main_route_table",
            "error V.dangling-reference vpcs/v default_nacl",
            "error V.dangling-reference subnets/s vpc",
            "error V.dangling-reference subnets/s route_table",
            "error V.dangling-reference subnets/s nacl",
            "error V.dangling-reference route_tables/rt vpc",
            "error V.dangling-reference internet_gateways/igw vpc",
            "error V.dangling-reference egress_only_gateways/eigw vpc",
            "error V.dangling-reference nat_gateways/nat subnet",
            "error V.dangling-reference peering_connections/pcx accepter_vpc",
            "error V.dangling-reference endpoints/gw vpc",
            "error V.dangling-reference endpoints/gw route_tables[0]",
            "error V.dangling-reference endpoints/if subnets[0]",
            "error V.dangling-reference endpoints/if security_groups[0]",
            "warning E6.dns-attributes endpoints/if private_dns",
            "error V.dangling-reference security_groups/sg inbound[0].peer",
            "error V.dangling-reference functions/fn vpc_config.subnets[0]",
            "error V.dangling-reference functions/fn vpc_config.security_groups[0]",
            "error V.dangling-reference databases/db subnet_group[1]",
            "error DB1.subnet-group-azs databases/db subnet_group",
            "error V.dangling-reference databases/db security_groups[0]",
            "error V.dangling-reference instances/i subnet",
            "error V.dangling-reference instances/i security_groups[0]",
        ],
    );
}

#[test]
fn a_problem_is_reported_where_it_lies_and_not_again_where_it_has_consequences() {
    check(
        r#"{
          "vpcs": [{ "id": "v", "cidr": "10.0.0.0/16" }],
          "subnets": [
            { "id": "lost", "vpc": "ghost", "az": "x", "cidr": "192.168.0.0/24" },
            { "id": "bad-cidr", "vpc": "v", "az": "x", "cidr": "10.0.0.9/24" }
          ],
          "route_tables": [{ "id": "rt", "vpc": "v", "routes": [
            { "destination": { "cidr": "0.0.0.0/0" }, "target": { "kind": "internet_gateway", "id": "igw" } } ] }],
          "internet_gateways": [{ "id": "igw", "vpc": "ghost" }],
          "security_groups": [{ "id": "sg", "vpc": "ghost" }],
          "functions": [{ "id": "fn", "vpc_config": { "subnets": ["lost"], "security_groups": ["sg"] } }]
        }"#,
        &[
            "error V.dangling-reference subnets/lost vpc",
            "info I1.cidr-host-bits subnets/bad-cidr cidr",
            "error V.dangling-reference internet_gateways/igw vpc",
            "error V.dangling-reference security_groups/sg vpc",
        ],
    );
}

#[test]
fn required_reference_left_empty_is_a_missing_reference() {
    check(
        r#"{
          "subnets": [{ "id": "s", "az": "x", "cidr": "10.0.0.0/24" }],
          "route_tables": [{ "id": "rt" }],
          "nat_gateways": [{ "id": "nat" }],
          "instances": [{ "id": "i" }]
        }"#,
        &[
            "error V.missing-reference subnets/s vpc",
            "error V.missing-reference route_tables/rt vpc",
            "error V.missing-reference nat_gateways/nat subnet",
            "error V.missing-reference instances/i subnet",
        ],
    );
}

#[test]
fn list_naming_one_component_twice_is_a_warning() {
    check(
        r#"{
          "vpcs": [{ "id": "v", "cidr": "10.0.0.0/16" }],
          "subnets": [
            { "id": "a", "vpc": "v", "az": "x1", "cidr": "10.0.0.0/24" },
            { "id": "b", "vpc": "v", "az": "x2", "cidr": "10.0.1.0/24" }
          ],
          "security_groups": [{ "id": "sg", "vpc": "v" }],
          "functions": [{ "id": "fn", "vpc_config": { "subnets": ["a", "b", "a"], "security_groups": ["sg", "sg"] } }]
        }"#,
        &[
            "warning V.duplicate-entry functions/fn vpc_config.subnets[2]",
            "warning V.duplicate-entry functions/fn vpc_config.security_groups[1]",
        ],
    );
}

// --- Cross-VPC references -----------------------------------------------------------------

const TWO_VPCS: &str = r#"
  "vpcs": [{ "id": "v1", "cidr": "10.0.0.0/16" }, { "id": "v2", "cidr": "10.1.0.0/16" }],
  "subnets": [
    { "id": "s1", "vpc": "v1", "az": "x1", "cidr": "10.0.0.0/24" },
    { "id": "s1b", "vpc": "v1", "az": "x2", "cidr": "10.0.1.0/24" },
    { "id": "s2", "vpc": "v2", "az": "x1", "cidr": "10.1.0.0/24", "route_table": "rt1", "nacl": "acl1" }
  ],
  "route_tables": [{ "id": "rt1", "vpc": "v1" }, { "id": "rt2", "vpc": "v2" }],
  "network_acls": [{ "id": "acl1", "vpc": "v1" }],
  "security_groups": [{ "id": "sg1", "vpc": "v1" }, { "id": "sg2", "vpc": "v2" }]
"#;

#[test]
fn subnet_associated_with_a_table_or_nacl_of_another_vpc_is_an_error() {
    check(
        &format!("{{ {TWO_VPCS} }}"),
        &[
            "error V.cross-vpc-reference subnets/s2 route_table",
            "error V.cross-vpc-reference subnets/s2 nacl",
        ],
    );
    let args = args_of(&format!("{{ {TWO_VPCS} }}"), "V.cross-vpc-reference");
    assert_eq!(
        (
            arg(&args[0], "subnet"),
            arg(&args[0], "vpc"),
            arg(&args[0], "other"),
            arg(&args[0], "other_vpc")
        ),
        ("s2", "v2", "rt1", "v1")
    );
}

#[test]
fn vpc_main_table_or_default_nacl_of_another_vpc_is_an_error() {
    let json = TWO_VPCS.replace(
        r#""id": "v2", "cidr""#,
        r#""id": "v2", "main_route_table": "rt1", "default_nacl": "acl1", "cidr""#,
    );
    check(
        &format!("{{ {json} }}"),
        &[
            "error V.cross-vpc-reference vpcs/v2 main_route_table",
            "error V.cross-vpc-reference vpcs/v2 default_nacl",
            "error V.cross-vpc-reference subnets/s2 route_table",
            "error V.cross-vpc-reference subnets/s2 nacl",
        ],
    );
}

#[test]
fn endpoint_parts_in_another_vpc_are_errors() {
    check(
        &format!(
            r#"{{ {TWO_VPCS},
              "endpoints": [
                {{ "id": "gw", "vpc": "v2", "service": "s3", "type": "gateway", "route_tables": ["rt1", "rt2"] }},
                {{ "id": "if", "vpc": "v2", "service": "sqs", "type": "interface", "private_dns": false,
                   "subnets": ["s1", "s2"], "security_groups": ["sg1", "sg2"] }}
              ] }}"#
        ),
        &[
            "error V.cross-vpc-reference subnets/s2 route_table",
            "error V.cross-vpc-reference subnets/s2 nacl",
            "error V.cross-vpc-reference endpoints/gw route_tables[0]",
            "error V.cross-vpc-reference endpoints/if subnets[0]",
            "error V.cross-vpc-reference endpoints/if security_groups[0]",
        ],
    );
}

#[test]
fn function_database_and_instance_groups_must_be_in_their_vpc() {
    check(
        &format!(
            r#"{{ {TWO_VPCS},
              "functions": [{{ "id": "fn", "vpc_config": {{ "subnets": ["s1"], "security_groups": ["sg2"] }} }}],
              "databases": [{{ "id": "db", "subnet_group": ["s1", "s1b"], "security_groups": ["sg1", "sg2"] }}],
              "instances": [{{ "id": "i", "subnet": "s1", "security_groups": ["sg2"] }}]
            }}"#
        ),
        &[
            "error V.cross-vpc-reference subnets/s2 route_table",
            "error V.cross-vpc-reference subnets/s2 nacl",
            "error V.cross-vpc-reference functions/fn vpc_config.security_groups[0]",
            "error V.cross-vpc-reference databases/db security_groups[1]",
            "error V.cross-vpc-reference instances/i security_groups[0]",
        ],
    );
}

#[test]
fn db_subnet_group_spanning_two_vpcs_is_an_error() {
    check(
        &format!(r#"{{ {TWO_VPCS}, "databases": [{{ "id": "db", "subnet_group": ["s1b", "s2"] }}] }}"#),
        &[
            "error V.cross-vpc-reference subnets/s2 route_table",
            "error V.cross-vpc-reference subnets/s2 nacl",
            "error V.cross-vpc-reference databases/db subnet_group[1]",
        ],
    );
}

#[test]
fn security_group_rule_may_reference_a_group_of_a_peered_vpc_only() {
    let groups = r#"
      "vpcs": [{ "id": "v1", "cidr": "10.0.0.0/16" }, { "id": "v2", "cidr": "10.1.0.0/16" }],
      "security_groups": [
        { "id": "sg1", "vpc": "v1", "inbound": [{ "protocol": "all", "peer": { "security_group": "sg2" } }] },
        { "id": "sg2", "vpc": "v2" } ]"#;
    check(
        &format!("{{ {groups} }}"),
        &["error V.cross-vpc-reference security_groups/sg1 inbound[0].peer"],
    );
    let peered = r#""peering_connections": [{ "id": "pcx", "requester_vpc": "v2", "accepter_vpc": "v1" }]"#;
    check(&format!("{{ {groups}, {peered} }}"), &[]);
}

// --- Functions ----------------------------------------------------------------------------

#[test]
fn function_whose_subnets_lie_in_different_vpcs_is_an_error() {
    check(
        &format!(
            r#"{{ {TWO_VPCS},
              "functions": [{{ "id": "fn", "vpc_config": {{ "subnets": ["s1", "s2", "s1b"], "security_groups": ["sg1"] }} }}] }}"#
        ),
        &[
            "error V.cross-vpc-reference subnets/s2 route_table",
            "error V.cross-vpc-reference subnets/s2 nacl",
            "error V.function-multiple-vpcs functions/fn vpc_config.subnets[1]",
        ],
    );
}

#[test]
fn function_with_more_than_16_subnets_or_5_security_groups_is_an_error() {
    let subnets: Vec<String> = (0..17)
        .map(|i| {
            format!(
                r#"{{ "id": "s{i}", "vpc": "v", "az": "az{}", "cidr": "10.0.{i}.0/24" }}"#,
                i % 3
            )
        })
        .collect();
    let sgs: Vec<String> = (0..6).map(|i| format!(r#"{{ "id": "g{i}", "vpc": "v" }}"#)).collect();
    let subnet_ids: Vec<String> = (0..17).map(|i| format!("\"s{i}\"")).collect();
    let sg_ids: Vec<String> = (0..6).map(|i| format!("\"g{i}\"")).collect();
    let json = format!(
        r#"{{ "vpcs": [{{ "id": "v", "cidr": "10.0.0.0/16" }}], "subnets": [{}], "security_groups": [{}],
             "functions": [{{ "id": "fn", "vpc_config": {{ "subnets": [{}], "security_groups": [{}] }} }}] }}"#,
        subnets.join(","),
        sgs.join(","),
        subnet_ids.join(","),
        sg_ids.join(",")
    );
    check(
        &json,
        &[
            "error L11.too-many-subnets functions/fn vpc_config.subnets",
            "error L11.too-many-security-groups functions/fn vpc_config.security_groups",
        ],
    );
    let args = args_of(&json, "L11.too-many-subnets");
    assert_eq!((arg(&args[0], "count"), arg(&args[0], "limit")), ("17", "16"));
}

#[test]
fn function_vpc_config_without_subnets_or_security_groups_is_incomplete() {
    check(
        r#"{ "functions": [{ "id": "fn", "vpc_config": {} }] }"#,
        &[
            "error V.function-incomplete-vpc-config functions/fn vpc_config.subnets",
            "error V.function-incomplete-vpc-config functions/fn vpc_config.security_groups",
        ],
    );
}

#[test]
fn function_in_a_dedicated_tenancy_vpc_is_an_error() {
    check(
        r#"{
          "vpcs": [{ "id": "v", "cidr": "10.0.0.0/16", "tenancy": "dedicated" }],
          "subnets": [{ "id": "s", "vpc": "v", "az": "x", "cidr": "10.0.0.0/24" }],
          "security_groups": [{ "id": "sg", "vpc": "v" }],
          "functions": [{ "id": "fn", "vpc_config": { "subnets": ["s"], "security_groups": ["sg"] } }]
        }"#,
        &["error L11.dedicated-tenancy functions/fn vpc_config.subnets[0]"],
    );
}

// --- Gateways and endpoints ---------------------------------------------------------------

const ONE_VPC: &str = r#"
  "region": "us-east-1",
  "vpcs": [{ "id": "v", "cidr": "10.0.0.0/16", "ipv6_cidr": "2600:1f18:1:ab00::/56",
             "enable_dns_hostnames": true, "main_route_table": "private-rt" }],
  "subnets": [
    { "id": "pub-a", "vpc": "v", "az": "us-east-1a", "cidr": "10.0.0.0/24", "route_table": "public-rt" },
    { "id": "priv-a", "vpc": "v", "az": "us-east-1a", "cidr": "10.0.10.0/24" },
    { "id": "priv-b", "vpc": "v", "az": "us-east-1b", "cidr": "10.0.11.0/24" }
  ],
  "internet_gateways": [{ "id": "igw", "vpc": "v" }],
  "security_groups": [{ "id": "sg", "vpc": "v" }]
"#;

fn one_vpc(routes_and_more: &str) -> String {
    format!(
        r#"{{ {ONE_VPC}, "route_tables": [
          {{ "id": "public-rt", "vpc": "v", "routes": [
            {{ "destination": {{ "cidr": "0.0.0.0/0" }}, "target": {{ "kind": "internet_gateway", "id": "igw" }} }} ] }},
          {{ "id": "private-rt", "vpc": "v" }} ] {routes_and_more} }}"#
    )
}

#[test]
fn the_one_vpc_fixture_is_valid() {
    check(&one_vpc(""), &[]);
}

#[test]
fn more_than_one_internet_gateway_on_a_vpc_is_an_error() {
    let json = one_vpc("").replace(
        r#"{ "id": "igw", "vpc": "v" }"#,
        r#"{ "id": "igw", "vpc": "v" }, { "id": "igw2", "vpc": "v" }, { "id": "spare" }"#,
    );
    check(&json, &["error V.multiple-igws internet_gateways/igw2 vpc"]);
}

#[test]
fn public_nat_gateway_without_elastic_ip_is_an_error_and_a_private_one_needs_none() {
    check(
        &one_vpc(
            r#", "nat_gateways": [
              { "id": "nat", "subnet": "pub-a", "elastic_ip": false },
              { "id": "private-nat", "subnet": "priv-a", "connectivity": "private", "elastic_ip": false } ]"#,
        ),
        &["error G3.nat-without-eip nat_gateways/nat elastic_ip"],
    );
}

#[test]
fn gateway_endpoint_for_a_service_without_one_is_an_error() {
    check(
        &one_vpc(
            r#", "endpoints": [{ "id": "sqs-gw", "vpc": "v", "service": "sqs", "type": "gateway", "route_tables": ["private-rt"] }]"#,
        ),
        &["error E1.gateway-unsupported endpoints/sqs-gw service"],
    );
}

#[test]
fn gateway_endpoint_without_route_tables_and_interface_endpoint_without_subnets_do_nothing_yet() {
    check(
        &one_vpc(
            r#", "endpoints": [
              { "id": "s3-gw", "vpc": "v", "service": "s3", "type": "gateway" },
              { "id": "sqs-if", "vpc": "v", "service": "sqs", "type": "interface", "security_groups": ["sg"] } ]"#,
        ),
        &[
            "info V.endpoint-no-route-tables endpoints/s3-gw route_tables",
            "info V.endpoint-no-subnets endpoints/sqs-if subnets",
        ],
    );
}

#[test]
fn interface_endpoint_with_two_subnets_in_one_az_is_an_error() {
    check(
        &one_vpc(
            r#", "endpoints": [{ "id": "sqs-if", "vpc": "v", "service": "sqs", "type": "interface", "subnets": ["priv-a", "priv-b", "pub-a"] }]"#,
        ),
        &["error E5.one-subnet-per-az endpoints/sqs-if subnets[2]"],
    );
}

#[test]
fn private_dns_without_both_vpc_dns_attributes_is_a_warning() {
    let json = one_vpc(
        r#", "endpoints": [{ "id": "sqs-if", "vpc": "v", "service": "sqs", "type": "interface", "subnets": ["priv-a"] }]"#,
    );
    check(&json, &[]);
    let json = json.replace(r#""enable_dns_hostnames": true"#, r#""enable_dns_hostnames": false"#);
    check(&json, &["warning E6.dns-attributes endpoints/sqs-if private_dns"]);
}

#[test]
fn two_interface_endpoints_with_private_dns_for_one_service_in_one_vpc_are_an_error() {
    check(
        &one_vpc(
            r#", "endpoints": [
              { "id": "kms-1", "vpc": "v", "service": "kms", "type": "interface", "subnets": ["priv-a"] },
              { "id": "kms-2", "vpc": "v", "service": "kms", "type": "interface", "subnets": ["priv-b"] },
              { "id": "kms-3", "vpc": "v", "service": "kms", "type": "interface", "subnets": ["priv-b"], "private_dns": false } ]"#,
        ),
        &["error V.duplicate-private-dns endpoints/kms-2 private_dns"],
    );
}

#[test]
fn two_gateway_endpoints_for_one_service_on_one_table_are_duplicate_routes() {
    check(
        &one_vpc(
            r#", "endpoints": [
              { "id": "s3-a", "vpc": "v", "service": "s3", "type": "gateway", "route_tables": ["private-rt"] },
              { "id": "ddb", "vpc": "v", "service": "dynamodb", "type": "gateway", "route_tables": ["private-rt"] },
              { "id": "s3-b", "vpc": "v", "service": "s3", "type": "gateway", "route_tables": ["public-rt", "private-rt"] } ]"#,
        ),
        &["error V.duplicate-route endpoints/s3-b route_tables[1]"],
    );
}

#[test]
fn peering_a_vpc_with_itself_or_with_an_overlapping_vpc_is_an_error() {
    check(
        r#"{
          "vpcs": [{ "id": "a", "cidr": "10.0.0.0/16" }, { "id": "b", "cidr": "10.1.0.0/16", "secondary_cidrs": ["10.0.128.0/20"] },
                   { "id": "c", "cidr": "10.2.0.0/16" }],
          "peering_connections": [
            { "id": "self", "requester_vpc": "a", "accepter_vpc": "a" },
            { "id": "overlap", "requester_vpc": "a", "accepter_vpc": "b" },
            { "id": "fine", "requester_vpc": "a", "accepter_vpc": "c" } ]
        }"#,
        &[
            "error V.peering-same-vpc peering_connections/self accepter_vpc",
            "error V.peering-overlap peering_connections/overlap accepter_vpc",
        ],
    );
}

// --- Routes -------------------------------------------------------------------------------

/// A VPC `v` whose `private-rt` holds the given routes, with one target of every kind in
/// `v` (`nat`, `eigw`, `s3-gw`, `pcx` to `other`, instance `appliance`), the same kinds in
/// VPC `other`, gateways attached nowhere (`loose-igw`, `loose-eigw`), and a peering
/// `far-pcx` between two other VPCs.
fn routes(routes: &str) -> String {
    format!(
        r#"{{
      "region": "us-east-1",
      "vpcs": [
        {{ "id": "v", "cidr": "10.0.0.0/16", "ipv6_cidr": "2600:1f18:1:ab00::/56",
           "enable_dns_hostnames": true, "main_route_table": "private-rt" }},
        {{ "id": "other", "cidr": "10.9.0.0/16", "main_route_table": "other-rt" }},
        {{ "id": "far", "cidr": "10.8.0.0/16" }} ],
      "subnets": [
        {{ "id": "pub-a", "vpc": "v", "az": "us-east-1a", "cidr": "10.0.0.0/24", "route_table": "public-rt" }},
        {{ "id": "priv-a", "vpc": "v", "az": "us-east-1a", "cidr": "10.0.10.0/24" }},
        {{ "id": "priv-b", "vpc": "v", "az": "us-east-1b", "cidr": "10.0.11.0/24" }},
        {{ "id": "other-s", "vpc": "other", "az": "us-east-1a", "cidr": "10.9.0.0/24" }} ],
      "route_tables": [
        {{ "id": "public-rt", "vpc": "v", "routes": [
          {{ "destination": {{ "cidr": "0.0.0.0/0" }}, "target": {{ "kind": "internet_gateway", "id": "igw" }} }} ] }},
        {{ "id": "other-rt", "vpc": "other" }},
        {{ "id": "private-rt", "vpc": "v", "routes": [{routes}] }} ],
      "internet_gateways": [{{ "id": "igw", "vpc": "v" }}, {{ "id": "other-igw", "vpc": "other" }}, {{ "id": "loose-igw" }}],
      "egress_only_gateways": [{{ "id": "eigw", "vpc": "v" }}, {{ "id": "other-eigw", "vpc": "other" }}, {{ "id": "loose-eigw" }}],
      "nat_gateways": [{{ "id": "nat", "subnet": "pub-a" }}, {{ "id": "other-nat", "subnet": "other-s" }}],
      "peering_connections": [
        {{ "id": "pcx", "requester_vpc": "v", "accepter_vpc": "other" }},
        {{ "id": "far-pcx", "requester_vpc": "other", "accepter_vpc": "far" }} ],
      "endpoints": [
        {{ "id": "s3-gw", "vpc": "v", "service": "s3", "type": "gateway", "route_tables": ["private-rt"] }},
        {{ "id": "ddb-gw", "vpc": "v", "service": "dynamodb", "type": "gateway", "route_tables": ["public-rt"] }},
        {{ "id": "other-s3-gw", "vpc": "other", "service": "s3", "type": "gateway", "route_tables": ["other-rt"] }},
        {{ "id": "sqs-if", "vpc": "v", "service": "sqs", "type": "interface", "subnets": ["priv-a"] }} ],
      "security_groups": [{{ "id": "sg", "vpc": "v" }}],
      "instances": [{{ "id": "appliance", "subnet": "priv-a" }}]
    }}"#
    )
}

fn route(dest: &str, kind: &str, id: &str) -> String {
    let dest = match dest.strip_prefix("pl:") {
        Some(service) => format!(r#"{{ "prefix_list": "{service}" }}"#),
        None => format!(r#"{{ "cidr": "{dest}" }}"#),
    };
    let target = if id.is_empty() {
        format!(r#"{{ "kind": "{kind}" }}"#)
    } else {
        format!(r#"{{ "kind": "{kind}", "id": "{id}" }}"#)
    };
    format!(r#"{{ "destination": {dest}, "target": {target} }}"#)
}

#[test]
fn the_routes_fixture_is_valid_with_routes_to_every_kind_of_target() {
    let all = [
        route("0.0.0.0/0", "nat_gateway", "nat"),
        route("::/0", "egress_only_gateway", "eigw"),
        route("pl:s3", "gateway_endpoint", "s3-gw"),
        route("10.9.0.0/16", "vpc_peering", "pcx"),
        route("192.168.0.0/16", "network_interface", "appliance"),
        route("64:ff9b::/96", "nat_gateway", "nat"),
    ];
    check(&routes(&all.join(",")), &[]);
}

#[test]
fn route_to_a_missing_or_detached_target_is_a_blackhole_warning() {
    let all = [
        route("0.0.0.0/0", "nat_gateway", "deleted-nat"),
        route("1.0.0.0/8", "internet_gateway", "loose-igw"),
        route("::/0", "egress_only_gateway", "loose-eigw"),
        route("2.0.0.0/8", "vpc_peering", "gone-pcx"),
        route("3.0.0.0/8", "network_interface", "eni-0123"),
        route("pl:s3", "gateway_endpoint", "gone-gw"),
    ];
    check(
        &routes(&all.join(",")),
        &[
            "warning V.blackhole-route route_tables/private-rt routes[0].target",
            "warning V.blackhole-route route_tables/private-rt routes[1].target",
            "warning V.blackhole-route route_tables/private-rt routes[2].target",
            "warning V.blackhole-route route_tables/private-rt routes[3].target",
            "warning V.blackhole-route route_tables/private-rt routes[4].target",
            "warning V.blackhole-route route_tables/private-rt routes[5].target",
        ],
    );
    let args = args_of(&routes(&all[0]), "V.blackhole-route");
    assert_eq!(arg(&args[0], "route"), "0.0.0.0/0 → deleted-nat");
    assert_eq!(arg(&args[0], "route_table"), "private-rt");
}

#[test]
fn route_target_that_is_not_a_gateway_endpoint_or_instance_is_an_error() {
    check(
        &routes(
            &[
                route("pl:sqs", "gateway_endpoint", "sqs-if"),
                route("4.0.0.0/8", "network_interface", "sg"),
            ]
            .join(","),
        ),
        &[
            "error V.no-prefix-list route_tables/private-rt routes[0].destination",
            "error V.dangling-reference route_tables/private-rt routes[0].target",
            "error V.dangling-reference route_tables/private-rt routes[1].target",
        ],
    );
}

#[test]
fn route_to_a_gateway_of_another_vpc_is_an_error() {
    let all = [
        route("1.0.0.0/8", "internet_gateway", "other-igw"),
        route("::/0", "egress_only_gateway", "other-eigw"),
        route("0.0.0.0/0", "nat_gateway", "other-nat"),
        route("pl:s3", "gateway_endpoint", "other-s3-gw"),
        route("10.8.0.0/16", "vpc_peering", "far-pcx"),
    ];
    check(
        &routes(&all.join(",")),
        &[
            "error V.route-to-other-vpc route_tables/private-rt routes[0].target",
            "error V.route-to-other-vpc route_tables/private-rt routes[1].target",
            "error V.route-to-other-vpc route_tables/private-rt routes[2].target",
            "error V.route-to-other-vpc route_tables/private-rt routes[3].target",
            "error V.route-to-other-vpc route_tables/private-rt routes[4].target",
        ],
    );
    let args = args_of(&routes(&all[2]), "V.route-to-other-vpc");
    assert_eq!(
        (arg(&args[0], "vpc"), arg(&args[0], "other_vpc"), arg(&args[0], "nat")),
        ("v", "other", "other-nat")
    );
}

#[test]
fn two_routes_for_one_destination_in_one_table_are_an_error() {
    let all = [
        route("0.0.0.0/0", "nat_gateway", "nat"),
        route("pl:s3", "gateway_endpoint", "s3-gw"),
        route(" 0.0.0.0/0", "internet_gateway", "igw"),
        route("pl:s3", "gateway_endpoint", "s3-gw"),
        route("0.0.0.0/1", "nat_gateway", "nat"),
    ];
    check(
        &routes(&all.join(",")),
        &[
            "error V.duplicate-route route_tables/private-rt routes[2].destination",
            "error V.duplicate-route route_tables/private-rt routes[3].destination",
        ],
    );
}

#[test]
fn route_whose_destination_family_does_not_fit_its_target_is_an_error() {
    let all = [
        route("0.0.0.0/0", "egress_only_gateway", "eigw"),
        route("::/0", "nat_gateway", "nat"),
        route("pl:s3", "internet_gateway", "igw"),
        route("pl:s3", "gateway_endpoint", "ddb-gw"),
        route("52.0.0.0/8", "gateway_endpoint", "s3-gw"),
    ];
    check(
        &routes(&all.join(",")),
        &[
            "error V.route-family route_tables/private-rt routes[0].target",
            "error V.route-family route_tables/private-rt routes[1].target",
            "error V.route-family route_tables/private-rt routes[2].target",
            "error V.duplicate-route route_tables/private-rt routes[3].destination",
            "error V.route-family route_tables/private-rt routes[3].target",
            "error V.route-family route_tables/private-rt routes[4].target",
        ],
    );
}

#[test]
fn prefix_list_of_a_service_without_one_is_an_error() {
    check(
        &routes(&route("pl:secretsmanager", "internet_gateway", "igw")),
        &["error V.no-prefix-list route_tables/private-rt routes[0].destination"],
    );
}

#[test]
fn route_inside_the_vpc_range_is_refused_unless_a_middlebox_takes_a_whole_subnet_or_the_vpc() {
    let all = [
        route("10.0.10.0/24", "network_interface", "appliance"),
        route("10.0.0.0/16", "nat_gateway", "nat"),
        route("10.0.0.0/16", "internet_gateway", "igw"),
        route("10.0.20.0/24", "nat_gateway", "nat"),
        route("2600:1f18:1:ab00::/56", "egress_only_gateway", "eigw"),
    ];
    check(
        &routes(&all.join(",")),
        &[
            "warning V.route-inside-vpc route_tables/private-rt routes[1].destination",
            "error V.duplicate-route route_tables/private-rt routes[2].destination",
            "error V.route-inside-vpc route_tables/private-rt routes[2].destination",
            "error V.route-inside-vpc route_tables/private-rt routes[3].destination",
            "error V.route-inside-vpc route_tables/private-rt routes[4].destination",
        ],
    );
}

#[test]
fn local_target_for_addresses_outside_the_vpc_is_an_error() {
    check(
        &routes(
            &[
                route("0.0.0.0/0", "local", ""),
                route("10.0.10.0/24", "local", ""),
                route("10.0.0.0/16", "local", ""),
            ]
            .join(","),
        ),
        &["error V.local-route-outside-vpc route_tables/private-rt routes[0].destination"],
    );
}

// --- Security groups and NACLs ------------------------------------------------------------

#[test]
fn port_range_that_ends_before_it_starts_is_an_error_for_tcp_and_udp() {
    check(
        r#"{
          "vpcs": [{ "id": "v", "cidr": "10.0.0.0/16" }],
          "security_groups": [{ "id": "sg", "vpc": "v",
            "inbound": [
              { "protocol": "tcp", "from_port": 443, "to_port": 80, "peer": { "cidr": "0.0.0.0/0" } },
              { "protocol": "icmp", "from_port": 8, "to_port": 0, "peer": { "cidr": "0.0.0.0/0" } } ],
            "outbound": [{ "protocol": "udp", "from_port": 65535, "to_port": 1, "peer": { "prefix_list": "s3" } }] }],
          "network_acls": [{ "id": "acl", "vpc": "v",
            "inbound": [{ "number": 100, "action": "allow", "protocol": "tcp", "from_port": 2000, "to_port": 1024, "cidr": "::/0" }] }]
        }"#,
        &[
            "error V.port-range security_groups/sg inbound[0].from_port",
            "error V.port-range security_groups/sg outbound[0].from_port",
            "error V.port-range network_acls/acl inbound[0].from_port",
        ],
    );
}

#[test]
fn security_group_peer_prefix_list_of_a_service_without_one_is_an_error() {
    check(
        r#"{ "vpcs": [{ "id": "v", "cidr": "10.0.0.0/16" }],
             "security_groups": [{ "id": "sg", "vpc": "v",
               "outbound": [{ "protocol": "tcp", "from_port": 443, "to_port": 443, "peer": { "prefix_list": "sqs" } }] }] }"#,
        &["error V.no-prefix-list security_groups/sg outbound[0].peer"],
    );
}

#[test]
fn nacl_rule_number_outside_1_to_32766_or_repeated_in_one_direction_is_an_error() {
    check(
        r#"{ "vpcs": [{ "id": "v", "cidr": "10.0.0.0/16" }],
             "network_acls": [{ "id": "acl", "vpc": "v",
               "inbound": [
                 { "number": 0, "action": "allow", "protocol": "all", "cidr": "0.0.0.0/0" },
                 { "number": 100, "action": "allow", "protocol": "all", "cidr": "0.0.0.0/0" },
                 { "number": 100, "action": "deny", "protocol": "all", "cidr": "10.0.0.0/8" },
                 { "number": 32767, "action": "deny", "protocol": "all", "cidr": "0.0.0.0/0" } ],
               "outbound": [{ "number": 100, "action": "allow", "protocol": "all", "cidr": "0.0.0.0/0" }] }] }"#,
        &[
            "error V.nacl-rule-number network_acls/acl inbound[0].number",
            "error V.nacl-rule-number network_acls/acl inbound[2].number",
            "error V.nacl-rule-number network_acls/acl inbound[3].number",
        ],
    );
}

// --- Databases ----------------------------------------------------------------------------

#[test]
fn db_subnet_group_covering_fewer_than_two_azs_is_an_error() {
    let json = one_vpc(
        r#", "databases": [{ "id": "db", "subnet_group": ["pub-a", "priv-a"] }, { "id": "ok", "subnet_group": ["priv-a", "priv-b"] }]"#,
    );
    check(&json, &["error DB1.subnet-group-azs databases/db subnet_group"]);
    let args = args_of(&json, "DB1.subnet-group-azs");
    assert_eq!(
        (arg(&args[0], "count"), arg(&args[0], "azs"), arg(&args[0], "limit")),
        ("1", "us-east-1a", "2")
    );
}

#[test]
fn publicly_accessible_db_in_private_subnets_is_a_warning() {
    let json = one_vpc(
        r#", "databases": [{ "id": "db", "subnet_group": ["pub-a", "priv-a", "priv-b"], "publicly_accessible": true }]"#,
    );
    check(
        &json,
        &["warning DB2.not-public-subnets databases/db publicly_accessible"],
    );
    let args = args_of(&json, "DB2.not-public-subnets");
    assert_eq!(
        (arg(&args[0], "subnets"), arg(&args[0], "count")),
        ("priv-a, priv-b", "2")
    );
}

#[test]
fn publicly_accessible_db_needs_dns_hostnames_and_resolution_in_its_vpc() {
    let json = one_vpc(r#", "databases": [{ "id": "db", "subnet_group": ["pub-a", "priv-b"], "publicly_accessible": true }]"#)
        .replace(r#""route_table": "public-rt" }"#, r#""route_table": "public-rt" }, { "id": "pub-b", "vpc": "v", "az": "us-east-1b", "cidr": "10.0.1.0/24", "route_table": "public-rt" }"#)
        .replace(r#"["pub-a", "priv-b"]"#, r#"["pub-a", "pub-b"]"#);
    check(&json, &[]);
    let json = json.replace(r#""enable_dns_hostnames": true"#, r#""enable_dns_hostnames": false"#);
    check(&json, &["error DB2.dns-attributes databases/db publicly_accessible"]);
}

// --- The whole validator ------------------------------------------------------------------

/// A design with one of almost every kind of mistake.
const MANY_PROBLEMS: &str = r#"{
          "region": "us-east-1",
          "vpcs": [{ "id": "v", "cidr": "10.0.0.0/33", "tenancy": "dedicated" }, { "id": "w", "cidr": "10.1.0.0/16" }],
          "subnets": [
            { "id": "a", "vpc": "w", "az": "us-east-1a", "cidr": "10.1.0.0/24", "route_table": "rt" },
            { "id": "b", "vpc": "w", "az": "us-east-1a", "cidr": "10.1.0.0/25" },
            { "id": "c", "vpc": "w", "az": "us-east-1b", "cidr": "10.2.0.0/24" }
          ],
          "route_tables": [{ "id": "rt", "vpc": "w", "routes": [
            { "destination": { "cidr": "0.0.0.0/0" }, "target": { "kind": "nat_gateway", "id": "nat" } },
            { "destination": { "cidr": "0.0.0.0/0" }, "target": { "kind": "internet_gateway", "id": "igw" } } ] }],
          "internet_gateways": [{ "id": "igw", "vpc": "w" }, { "id": "igw", "vpc": "w" }],
          "nat_gateways": [{ "id": "nat", "subnet": "a", "elastic_ip": false }],
          "endpoints": [{ "id": "sqs", "vpc": "w", "service": "sqs", "type": "gateway" }],
          "security_groups": [{ "id": "sg", "vpc": "w", "inbound": [
            { "protocol": "tcp", "from_port": 5432, "to_port": 22, "peer": { "cidr": "0.0.0.0/0" } } ] }],
          "functions": [{ "id": "fn", "vpc_config": { "subnets": ["a", "nowhere"], "security_groups": [] } }],
          "databases": [{ "id": "db", "subnet_group": ["a", "b"], "security_groups": ["sg"], "publicly_accessible": true }]
        }"#;

#[test]
fn a_design_with_many_problems_reports_all_of_them_in_document_order() {
    check(
        MANY_PROBLEMS,
        &[
            "error V.cidr-malformed vpcs/v cidr",
            "error V.subnets-overlap subnets/b cidr",
            "error V.subnet-outside-vpc subnets/c cidr",
            "error V.duplicate-route route_tables/rt routes[1].destination",
            "error V.duplicate-id internet_gateways/igw id",
            "error V.multiple-igws internet_gateways/igw vpc",
            "error G3.nat-without-eip nat_gateways/nat elastic_ip",
            "error E1.gateway-unsupported endpoints/sqs service",
            "info V.endpoint-no-route-tables endpoints/sqs route_tables",
            "error V.port-range security_groups/sg inbound[0].from_port",
            "error V.function-incomplete-vpc-config functions/fn vpc_config.security_groups",
            "error V.dangling-reference functions/fn vpc_config.subnets[1]",
            "error DB1.subnet-group-azs databases/db subnet_group",
            "warning DB2.not-public-subnets databases/db publicly_accessible",
            "error DB2.dns-attributes databases/db publicly_accessible",
        ],
    );
}

/// The argument vocabulary: the engine's own list, the one source of truth.
const VOCABULARY: &[&str] = &vpc_engine::explain::ARG_NAMES;

/// Designs that between them trigger every check, for the tests over all messages.
fn problem_fixtures() -> Vec<String> {
    let all_routes = [
        route("0.0.0.0/0", "egress_only_gateway", "eigw"),
        route("pl:sqs", "gateway_endpoint", "sqs-if"),
        route("10.0.0.0/16", "internet_gateway", "other-igw"),
        route("1.0.0.0/8", "vpc_peering", "gone"),
        route("0.0.0.0/0", "local", ""),
        route("1.0.0.0/8", "network_interface", "sg"),
        route("10.0.0.0/16", "nat_gateway", "nat"),
        route("1.0.0.0/8", "nat_gateway", "nat"),
    ];
    let many_subnets: Vec<String> = (0..17).map(|i| format!("\"s{i}\"")).collect();
    vec![
        MANY_PROBLEMS.to_owned(),
        routes(&all_routes.join(",")),
        format!(
            r#"{{ {TWO_VPCS}, "functions": [{{ "id": "f", "vpc_config": {{ "subnets": ["s1", "s2", "s1"], "security_groups": ["sg2"] }} }}],
                 "databases": [{{ "id": "d", "subnet_group": [] }}] }}"#
        ),
        one_vpc(r#", "databases": [{ "id": "db", "subnet_group": ["priv-a"], "publicly_accessible": true }],
                   "nat_gateways": [{ "id": "n", "subnet": "", "elastic_ip": false }],
                   "endpoints": [{ "id": "e", "vpc": "v", "service": "kms", "type": "interface", "subnets": ["priv-a", "pub-a"] },
                                 { "id": "e2", "vpc": "v", "service": "kms", "type": "interface" },
                                 { "id": "g", "vpc": "v", "service": "sts", "type": "gateway" }],
                   "network_acls": [{ "id": "acl", "vpc": "v", "inbound": [
                     { "number": 0, "action": "allow", "protocol": "udp", "from_port": 9, "to_port": 1, "cidr": "10.0.0.1/8" } ] }],
                   "peering_connections": [{ "id": "p", "requester_vpc": "v", "accepter_vpc": "v" }],
                   "functions": [{ "id": "", "name": "x", "vpc_config": { "subnets": ["ghost"] } }]"#)
        .replace(r#""cidr": "10.0.0.0/16""#, r#""cidr": "10.0.0.0/8", "secondary_cidrs": ["10.0.0.0/16", "fd00::/56"]"#)
        .replace(r#""enable_dns_hostnames": true"#, r#""enable_dns_hostnames": false"#),
        format!(
            r#"{{ "region": "us-east-1",
                 "vpcs": [{{ "id": "v", "cidr": "10.0.0.0/16", "tenancy": "dedicated" }}, {{ "id": "w", "cidr": "10.0.0.0/16" }}],
                 "subnets": [{{ "id": "s", "vpc": "v", "az": "eu-west-1a", "cidr": "10.0.0.0/29", "ipv6_cidr": "2600::/64" }}],
                 "peering_connections": [{{ "id": "p", "requester_vpc": "v", "accepter_vpc": "w" }}],
                 "endpoints": [{{ "id": "gw", "vpc": "v", "service": "s3", "type": "gateway", "route_tables": ["ghost", "ghost"] }}],
                 "functions": [{{ "id": "f", "vpc_config": {{ "subnets": ["s", {}], "security_groups": ["a", "b", "c", "d", "e", "f"] }} }}] }}"#,
            many_subnets.join(",")
        ),
    ]
}

/// Every code validation can report.
const ALL_CODES: &[&str] = &[
    "V.cidr-malformed",
    "I1.cidr-host-bits",
    "V.cidr-family",
    "V.vpc-cidr-size",
    "V.vpc-cidrs-overlap",
    "V.subnet-outside-vpc",
    "V.subnets-overlap",
    "V.subnet-size",
    "V.subnet-ipv6",
    "V.subnet-az",
    "V.dangling-reference",
    "V.missing-reference",
    "V.duplicate-id",
    "V.bad-name",
    "V.duplicate-entry",
    "V.cross-vpc-reference",
    "V.function-multiple-vpcs",
    "V.function-incomplete-vpc-config",
    "L11.too-many-subnets",
    "L11.too-many-security-groups",
    "L11.dedicated-tenancy",
    "V.route-to-other-vpc",
    "V.duplicate-route",
    "V.route-family",
    "V.blackhole-route",
    "V.route-inside-vpc",
    "V.local-route-outside-vpc",
    "V.no-prefix-list",
    "V.nacl-rule-number",
    "V.port-range",
    "V.multiple-igws",
    "G3.nat-without-eip",
    "V.peering-same-vpc",
    "V.peering-overlap",
    "E1.gateway-unsupported",
    "E5.one-subnet-per-az",
    "E6.dns-attributes",
    "V.endpoint-no-subnets",
    "V.endpoint-no-route-tables",
    "V.duplicate-private-dns",
    "DB1.subnet-group-azs",
    "DB2.not-public-subnets",
    "DB2.dns-attributes",
];

fn all_problem_diagnostics() -> Vec<Diagnostic> {
    problem_fixtures()
        .iter()
        .flat_map(|json| validate(&doc(json)))
        .collect()
}

#[test]
fn the_problem_fixtures_exercise_every_check() {
    let found: std::collections::BTreeSet<&str> =
        all_problem_diagnostics().iter().map(|d| d.message.id.code()).collect();
    let all: std::collections::BTreeSet<&str> = ALL_CODES.iter().copied().collect();
    assert_eq!(found, all);
}

#[test]
fn every_message_names_its_component_and_field_and_uses_only_vocabulary_arguments() {
    for d in all_problem_diagnostics() {
        let arg = |name: &str| d.message.get(name).map(str::to_owned);
        assert!(d.component.is_some() && d.field.is_some(), "{d:?}");
        assert!(arg("component").is_some_and(|c| !c.is_empty()), "{d:?}");
        // E6's catalogue text names the DNS attributes that are off in `field`.
        if d.message.id.code() != "E6.dns-attributes" {
            assert_eq!(arg("field"), d.field.clone(), "{d:?}");
        }
        for (name, _) in &d.message.args {
            assert!(
                VOCABULARY.contains(name),
                "argument {name:?} is not in the vocabulary: {d:?}"
            );
        }
        let mut names: Vec<&str> = d.message.args.iter().map(|(k, _)| *k).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len(), "an argument is given twice: {d:?}");
    }
}

#[test]
fn every_message_fills_every_placeholder_of_its_catalogue_text() {
    use vpc_engine::explain::{Lang, CATALOGUE};
    for d in all_problem_diagnostics() {
        // Ids still waiting for their catalogue entry are caught by the catalogue's own test.
        if CATALOGUE.iter().any(|e| e.id == d.message.id) {
            for lang in [Lang::En, Lang::Zh] {
                let text = d.message.render(lang);
                assert!(
                    !text.contains('{'),
                    "{} leaves a placeholder in {text:?}: {d:?}",
                    d.message.id
                );
            }
        }
    }
}

#[test]
fn every_validation_code_is_a_known_explanation_id() {
    use vpc_engine::explain::ExplanationId;
    for code in ALL_CODES {
        assert!(ExplanationId::from_code(code).is_some(), "{code}");
    }
}

#[test]
fn validation_never_panics_on_weird_input() {
    let weird = [
        "{}",
        r#"{ "vpcs": [{ "id": "v", "main_route_table": "v", "default_nacl": "v" }] }"#,
        r#"{ "subnets": [{ "id": "s", "vpc": "s", "route_table": "s", "nacl": "s", "cidr": "::/0", "ipv6_cidr": "0.0.0.0/0" }] }"#,
        r#"{ "vpcs": [{ "id": "v", "cidr": "0.0.0.0/0", "ipv6_cidr": "::/0", "secondary_cidrs": ["0.0.0.0/0", "255.255.255.255/32"] }],
             "subnets": [{ "id": "s", "vpc": "v", "cidr": "255.255.255.255/32", "ipv6_cidr": "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128" }],
             "route_tables": [{ "id": "r", "vpc": "v", "routes": [
               { "destination": { "cidr": "255.255.255.255/32" }, "target": { "kind": "network_interface", "id": "r" } },
               { "destination": { "cidr": "::/0" }, "target": { "kind": "nat_gateway", "id": "r" } },
               { "destination": { "prefix_list": "dynamodb" }, "target": { "kind": "gateway_endpoint", "id": "v" } } ] }] }"#,
        r#"{ "security_groups": [{ "id": "g", "vpc": "g", "inbound": [{ "protocol": "udp", "from_port": 65535, "to_port": 0, "peer": { "security_group": "g" } }] }],
             "network_acls": [{ "id": "n", "inbound": [{ "number": 65535, "action": "deny", "protocol": "tcp", "from_port": 65535, "to_port": 65535, "cidr": "🦀/8" }] }] }"#,
        r#"{ "functions": [{ "id": "f", "vpc_config": { "subnets": ["f", "f", ""], "security_groups": ["f"] } }],
             "databases": [{ "id": "d", "subnet_group": ["d"], "security_groups": ["d"], "port": 65535, "publicly_accessible": true }],
             "instances": [{ "id": "i", "subnet": "i", "security_groups": ["i"], "port": 0 }],
             "peering_connections": [{ "id": "p", "requester_vpc": "p", "accepter_vpc": "" }],
             "endpoints": [{ "id": "e", "vpc": "e", "service": "s3", "type": "interface", "subnets": ["e"], "security_groups": ["e"] },
                           { "id": "e", "vpc": "e", "service": "s3", "type": "gateway", "route_tables": ["e", "e"] }],
             "internet_gateways": [{ "id": "" }, { "id": "" }], "egress_only_gateways": [{ "id": "  " }] }"#,
    ];
    for json in weird {
        let d = doc(json);
        let _ = validate(&d);
    }
    let long = format!(
        r#"{{ "vpcs": [{{ "id": "{0}", "name": "{0}", "cidr": "{0}" }}] }}"#,
        "字".repeat(10_000)
    );
    let found = validate(&doc(&long));
    assert!(found.iter().any(|d| d.message.id.code() == "V.bad-name"));
}

/// A small deterministic generator (xorshift), so the property test needs no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

/// A random design over a small pool of ids, so references hit, miss, repeat and cross kinds.
fn random_design(rng: &mut Rng) -> String {
    const IDS: &[&str] = &["a", "b", "c", "d", "", "v", "s", "rt"];
    const CIDRS: &[&str] = &[
        "10.0.0.0/16",
        "10.0.1.0/24",
        "10.0.0.0/8",
        "10.0.1.5/24",
        "0.0.0.0/0",
        "::/0",
        "2600::/56",
        "2600::/64",
        "garbage",
        "",
        "10.0.0.0/28",
        "10.0.0.0/29",
        "64:ff9b::/96",
    ];
    const TARGETS: &[&str] = &[
        "local",
        "internet_gateway",
        "egress_only_gateway",
        "nat_gateway",
        "gateway_endpoint",
        "vpc_peering",
        "network_interface",
    ];
    const SERVICES: &[&str] = &["s3", "dynamodb", "sqs", "kms"];
    let mut parts = Vec::new();
    let mut list = |name: &str, rng: &mut Rng, make: &mut dyn FnMut(&mut Rng) -> String| {
        let n = rng.below(4);
        let items: Vec<String> = (0..n).map(|_| make(rng)).collect();
        parts.push(format!(r#""{name}": [{}]"#, items.join(",")));
    };
    let ids = |rng: &mut Rng| -> String {
        let n = rng.below(4);
        (0..n)
            .map(|_| format!("\"{}\"", rng.pick(IDS)))
            .collect::<Vec<_>>()
            .join(",")
    };
    list("vpcs", rng, &mut |r| {
        format!(
            r#"{{ "id": "{}", "cidr": "{}", "secondary_cidrs": ["{}"], "ipv6_cidr": "{}", "main_route_table": "{}", "enable_dns_hostnames": {}, "tenancy": "{}" }}"#,
            r.pick(IDS),
            r.pick(CIDRS),
            r.pick(CIDRS),
            r.pick(CIDRS),
            r.pick(IDS),
            r.below(2) == 0,
            r.pick(&["default", "dedicated"])
        )
    });
    list("subnets", rng, &mut |r| {
        format!(
            r#"{{ "id": "{}", "vpc": "{}", "az": "{}", "cidr": "{}", "ipv6_cidr": "{}", "route_table": "{}", "nacl": "{}" }}"#,
            r.pick(IDS),
            r.pick(IDS),
            r.pick(&["us-east-1a", "us-east-1b", "", "eu-west-1a"]),
            r.pick(CIDRS),
            r.pick(CIDRS),
            r.pick(IDS),
            r.pick(IDS)
        )
    });
    list("route_tables", rng, &mut |r| {
        let routes: Vec<String> = (0..r.below(4))
            .map(|_| {
                let dest = if r.below(3) == 0 {
                    format!(r#"{{ "prefix_list": "{}" }}"#, r.pick(SERVICES))
                } else {
                    format!(r#"{{ "cidr": "{}" }}"#, r.pick(CIDRS))
                };
                let kind = r.pick(TARGETS);
                let target = if kind == "local" {
                    r#"{ "kind": "local" }"#.to_owned()
                } else {
                    format!(r#"{{ "kind": "{kind}", "id": "{}" }}"#, r.pick(IDS))
                };
                format!(r#"{{ "destination": {dest}, "target": {target} }}"#)
            })
            .collect();
        format!(
            r#"{{ "id": "{}", "vpc": "{}", "routes": [{}] }}"#,
            r.pick(IDS),
            r.pick(IDS),
            routes.join(",")
        )
    });
    list("internet_gateways", rng, &mut |r| {
        format!(r#"{{ "id": "{}", "vpc": "{}" }}"#, r.pick(IDS), r.pick(IDS))
    });
    list("nat_gateways", rng, &mut |r| {
        format!(
            r#"{{ "id": "{}", "subnet": "{}", "elastic_ip": {} }}"#,
            r.pick(IDS),
            r.pick(IDS),
            r.below(2) == 0
        )
    });
    list("peering_connections", rng, &mut |r| {
        format!(
            r#"{{ "id": "{}", "requester_vpc": "{}", "accepter_vpc": "{}" }}"#,
            r.pick(IDS),
            r.pick(IDS),
            r.pick(IDS)
        )
    });
    list("endpoints", rng, &mut |r| {
        if r.below(2) == 0 {
            format!(
                r#"{{ "id": "{}", "vpc": "{}", "service": "{}", "type": "gateway", "route_tables": [{}] }}"#,
                r.pick(IDS),
                r.pick(IDS),
                r.pick(SERVICES),
                ids(r)
            )
        } else {
            format!(
                r#"{{ "id": "{}", "vpc": "{}", "service": "{}", "type": "interface", "subnets": [{}], "security_groups": [{}] }}"#,
                r.pick(IDS),
                r.pick(IDS),
                r.pick(SERVICES),
                ids(r),
                ids(r)
            )
        }
    });
    list("security_groups", rng, &mut |r| {
        let peer = match r.below(3) {
            0 => format!(r#"{{ "cidr": "{}" }}"#, r.pick(CIDRS)),
            1 => format!(r#"{{ "security_group": "{}" }}"#, r.pick(IDS)),
            _ => format!(r#"{{ "prefix_list": "{}" }}"#, r.pick(SERVICES)),
        };
        format!(
            r#"{{ "id": "{}", "vpc": "{}", "inbound": [{{ "protocol": "tcp", "from_port": {}, "to_port": {}, "peer": {peer} }}] }}"#,
            r.pick(IDS),
            r.pick(IDS),
            r.below(65536),
            r.below(65536)
        )
    });
    list("network_acls", rng, &mut |r| {
        format!(
            r#"{{ "id": "{}", "vpc": "{}", "inbound": [{{ "number": {}, "action": "deny", "protocol": "udp", "from_port": {}, "to_port": {}, "cidr": "{}" }}] }}"#,
            r.pick(IDS),
            r.pick(IDS),
            r.below(65536),
            r.below(65536),
            r.below(65536),
            r.pick(CIDRS)
        )
    });
    list("functions", rng, &mut |r| {
        format!(
            r#"{{ "id": "{}", "vpc_config": {{ "subnets": [{}], "security_groups": [{}] }} }}"#,
            r.pick(IDS),
            ids(r),
            ids(r)
        )
    });
    list("databases", rng, &mut |r| {
        format!(
            r#"{{ "id": "{}", "subnet_group": [{}], "security_groups": [{}], "publicly_accessible": {} }}"#,
            r.pick(IDS),
            ids(r),
            ids(r),
            r.below(2) == 0
        )
    });
    list("instances", rng, &mut |r| {
        format!(
            r#"{{ "id": "{}", "subnet": "{}", "security_groups": [{}] }}"#,
            r.pick(IDS),
            r.pick(IDS),
            ids(r)
        )
    });
    format!(r#"{{ "region": "us-east-1", {} }}"#, parts.join(","))
}

#[test]
fn arbitrary_designs_never_panic_and_every_diagnostic_points_at_a_component_of_the_design() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..2_000 {
        let json = random_design(&mut rng);
        let d = doc(&json);
        let found = validate(&d);
        let ids: std::collections::HashSet<&str> = d.components().map(|(id, _)| id).collect();
        for diag in &found {
            let id = diag.component.as_ref().map(|c| c.as_str()).unwrap_or("?");
            assert!(
                ids.contains(id),
                "diagnostic for unknown component {id:?}: {diag:?}\n{json}"
            );
        }
        assert_eq!(validate(&d), found, "validation is deterministic");
    }
}

#[test]
fn thousands_of_identical_subnets_give_one_overlap_each_not_one_per_pair() {
    let subnets: Vec<String> = (0..5_000)
        .map(|i| format!(r#"{{ "id": "s{i}", "vpc": "v", "az": "a", "cidr": "10.0.0.0/24" }}"#))
        .collect();
    let json = format!(
        r#"{{ "vpcs": [{{ "id": "v", "cidr": "10.0.0.0/16" }}], "subnets": [{}] }}"#,
        subnets.join(",")
    );
    let found = validate(&doc(&json));
    assert_eq!(found.len(), 4_999);
    assert!(found.iter().all(|d| d.message.id.code() == "V.subnets-overlap"));
}

#[test]
fn a_misspelled_field_of_a_data_store_is_reported_on_that_store() {
    // Every list of the document is covered by the unread-member check, data stores too: the
    // diagnostic names the store, so the canvas can point at it.
    let text = r#"{"schema_version":1,"name":"t","vpcs":[{"id":"v","cidr":"10.0.0.0/16"}],
        "subnets":[{"id":"a","vpc":"v","az":"us-east-1a","cidr":"10.0.1.0/24"}],
        "data_stores":[{"id":"files","kind":"efs","subnets":["a"],"securty_groups":["x"]}]}"#;
    let doc = vpc_engine::model::load(text).expect("the design loads without the field");
    let d = vpc_engine::validate::validate(&doc)
        .into_iter()
        .find(|d| d.message.id.code() == "V.misspelled-field")
        .expect("a misspelled-field diagnostic");
    assert_eq!(d.component.as_ref().map(|c| c.as_str()), Some("files"));
    assert!(doc.data_stores[0].security_groups.is_empty());
}

//! Templates through `vpcplay check --json`, as a pipeline runs it: the corpus in
//! `crates/vpc-cfn/tests/templates/` (every supported resource type and intrinsic function, in
//! YAML and in JSON) with hand-written verdicts, and malformed templates with their messages.

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../vpc-cfn/tests/templates")
        .join(name)
}

fn vpcplay(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vpcplay"))
        .args(args)
        .output()
        .expect("vpcplay runs")
}

/// `vpcplay check FILE --json [--param …]`, which must succeed; the parsed output.
fn check(name: &str, params: &[&str]) -> Value {
    let file = corpus(name);
    let mut args = vec!["check", file.to_str().unwrap(), "--json"];
    for p in params {
        args.extend(["--param", p]);
    }
    let out = vpcplay(&args);
    assert!(
        out.status.success(),
        "{name}: exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

fn verdict<'a>(out: &'a Value, from: &str, to: &str) -> &'a Value {
    out["verdicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["from"] == from && v["to"] == to)
        .unwrap_or_else(|| panic!("no verdict {from} → {to}"))
}

/// Asserts `from → to` is `reach`, and (when given) that `because` is among its explanations.
fn expect(out: &Value, from: &str, to: &str, reach: &str, because: Option<&str>) {
    let v = verdict(out, from, to);
    assert_eq!(v["verdict"], reach, "{from} → {to}: {}", v["text"]);
    if let Some(id) = because {
        let ids: Vec<&str> = v["explanations"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert!(ids.contains(&id), "{from} → {to}: {id} not in {ids:?}");
    }
}

fn ids(out: &Value, list: &str) -> Vec<String> {
    out["import"][list]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_owned())
        .collect()
}

fn finding_ids(out: &Value) -> Vec<&str> {
    out["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["id"].as_str())
        .collect()
}

#[test]
fn sam_function_in_public_subnet_has_no_internet_in_yaml_and_json() {
    for file in ["sam-public-subnet.yaml", "sam-public-subnet.json"] {
        let out = check(file, &[]);
        expect(
            &out,
            "OrdersFunction",
            "internet",
            "unreachable",
            Some("L6.public-subnet"),
        );
        expect(&out, "OrdersFunction", "s3", "unreachable", Some("G1.no-public-ip"));
        assert_eq!(
            verdict(&out, "OrdersFunction", "internet")["blocked_by"],
            "PublicRouteTable"
        );
        assert_eq!(ids(&out, "not_modelled"), ["OrdersApi"]);
        assert_eq!(out["import"]["transforms"][0], "AWS::Serverless-2016-10-31");
        assert!(finding_ids(&out).contains(&"Q2.single-az"));
        // Globals' VpcConfig reached the function: its first hop is its ENI in the public subnet.
        assert_eq!(
            out["paths"][verdict(&out, "OrdersFunction", "internet")["path"].as_u64().unwrap() as usize][0]
                ["component"],
            "PublicSubnetA"
        );
    }
}

#[test]
fn private_subnets_behind_a_nat_reach_the_internet_json_long_forms() {
    let out = check("private-nat.json", &[]);
    expect(&out, "Worker", "internet", "reachable", Some("L7.nat-path"));
    expect(&out, "Worker", "sqs", "reachable", None);
    expect(&out, "Worker", "Web", "reachable", Some("R1.local-route"));
    expect(&out, "internet", "Web", "reachable", Some("EC1.public-instance"));
    assert!(finding_ids(&out).contains(&"G5.nat-cross-az"));
    assert_eq!(ids(&out, "skipped"), ["DevOnlyBucket"]);
    assert_eq!(ids(&out, "not_modelled"), ["Alarm"]);
    let params: Vec<(String, String)> = out["import"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["name"].as_str().unwrap().into(), p["source"].as_str().unwrap().into()))
        .collect();
    assert!(params.contains(&("Environment".into(), "default".into())));
}

#[test]
fn a_parameter_changes_conditions_mappings_and_so_the_design() {
    // dev: Fn::FindInMap gives 6 host bits, DevOnlyBucket exists, subnets still fit.
    let out = check("private-nat.json", &["Environment=dev"]);
    assert!(ids(&out, "skipped").is_empty());
    assert!(ids(&out, "modelled").contains(&"DevOnlyBucket".to_owned()));
    expect(&out, "Worker", "internet", "reachable", None);
}

#[test]
fn dual_stack_subnets_from_cidr_over_the_amazon_provided_block_reach_ipv6_only() {
    for file in ["dual-stack.yaml", "dual-stack.json"] {
        let out = check(file, &["Project=notes"]);
        expect(&out, "Resolver", "internet-ipv6", "reachable", None);
        expect(&out, "Resolver", "internet", "unreachable", None);
        let notes = out["import"]["notes"].as_array().unwrap();
        assert!(
            notes
                .iter()
                .any(|n| n.as_str().unwrap().contains("Amazon-provided IPv6")),
            "{notes:?}"
        );
        assert!(ids(&out, "skipped").is_empty(), "AnyStage is true");
    }
}

#[test]
fn endpoints_give_services_without_internet_and_databases_get_engine_ports() {
    for file in ["endpoints-rds.yaml", "endpoints-rds.json"] {
        let out = check(file, &[]);
        expect(&out, "Orders", "s3", "reachable", None);
        expect(&out, "Orders", "secretsmanager", "reachable", None);
        expect(&out, "Orders", "dynamodb", "unreachable", None);
        expect(&out, "Orders", "internet", "unreachable", None);
        let db = verdict(&out, "Orders", "OrdersDb");
        assert_eq!(
            (db["verdict"].as_str(), db["port"].as_u64()),
            (Some("reachable"), Some(5432))
        );
        let aurora = verdict(&out, "Orders", "ReportsCluster");
        assert_eq!(
            (aurora["verdict"].as_str(), aurora["port"].as_u64()),
            (Some("unreachable"), Some(3306))
        );
        expect(&out, "internet", "OrdersDb", "unreachable", None);
        assert!(ids(&out, "not_modelled").is_empty());
    }
}

#[test]
fn nat_gateway_bastion_and_elastic_ips_in_yaml() {
    let out = check("nat-instance.yaml", &[]);
    expect(&out, "Job", "internet", "reachable", Some("L7.nat-path"));
    expect(&out, "Job", "secretsmanager", "reachable", None);
    // The bastion only admits SSH from one office range: not 443 from anywhere.
    expect(&out, "internet", "Bastion", "unreachable", None);
    assert!(ids(&out, "not_modelled").is_empty(), "both Elastic IPs are in use");
}

#[test]
fn ids_outside_the_template_become_placeholders_and_verdicts_say_so() {
    for file in ["outside.yaml", "outside.json"] {
        let out = check(file, &["Stage=prod"]);
        let outside = ids(&out, "outside");
        for id in ["VpcId", "PrivateSubnetIds-1", "PrivateSubnetIds-2", "shared-egress-sg"] {
            assert!(outside.contains(&id.to_owned()), "{id} in {outside:?}");
        }
        let v = verdict(&out, "Handler", "internet");
        assert_eq!(v["verdict"], "unreachable");
        let deps: Vec<&str> = v["outside"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert!(
            deps.contains(&"PrivateSubnetIds-1") && deps.contains(&"VpcId"),
            "{deps:?}"
        );
        assert!(v["text"].as_str().unwrap().contains("(outside this template)"));
        // The SNS topic stands for the SNS API its function publishes to: a service with a
        // verdict of its own (unreachable here, like the internet: no NAT, no endpoint).
        assert!(ids(&out, "not_modelled").is_empty(), "{:?}", ids(&out, "not_modelled"));
        assert!(ids(&out, "modelled").contains(&"Topic".to_owned()));
        assert_eq!(verdict(&out, "Handler", "sns")["verdict"], "unreachable");
    }
}

/// Rule I4, read from `assumed.yaml`: VpcCidr and AppSubnetCidr have no default and feed the
/// VPC's and the function subnet's blocks, so they get stand-ins and every verdict from
/// Handler (whose ENI is in AppSubnet, in Vpc) rests on them; DBPassword (NoEcho) and
/// ArtifactBucket reach only a password, an environment variable and a bucket name.
/// The verdicts themselves: Handler's subnet uses the main table, which has only the local
/// route (R2, R3): no internet, no AWS service API (no endpoint, L9); the database is in the
/// same VPC (R1) and DbSg admits AppSg on 5432 (S5): reachable; it is not publicly
/// accessible, so the internet does not reach it (DB2).
#[test]
fn parameters_without_a_value_are_assumed_and_verdicts_that_rest_on_them_say_so() {
    let out = check("assumed.yaml", &[]);
    let p = |name: &str| {
        out["import"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .cloned()
            .unwrap()
    };
    assert_eq!(
        (
            p("VpcCidr")["source"].as_str(),
            p("VpcCidr")["network"].as_bool(),
            p("VpcCidr")["value"].as_str()
        ),
        (Some("assumed"), Some(true), Some("10.0.0.0/16"))
    );
    assert_eq!(p("AppSubnetCidr")["feeds"], serde_json::json!(["AppSubnet.CidrBlock"]));
    assert_eq!(p("DBPassword")["value"], "****", "NoEcho is masked");
    assert_eq!(p("DBPassword")["network"], false);
    assert_eq!(p("ArtifactBucket")["network"], false);
    expect(&out, "Handler", "internet", "unreachable", Some("R3.no-route"));
    expect(&out, "Handler", "s3", "unreachable", Some("L9.service-needs-path"));
    expect(&out, "internet", "Db", "unreachable", None);
    let db = verdict(&out, "Handler", "Db");
    assert_eq!(
        (db["verdict"].as_str(), db["port"].as_u64()),
        (Some("reachable"), Some(5432))
    );
    for to in ["internet", "s3", "Db"] {
        let v = verdict(&out, "Handler", to);
        assert_eq!(v["depends_on_outside"], true, "{to}");
        assert_eq!(v["assumed"], serde_json::json!(["AppSubnetCidr", "VpcCidr"]), "{to}");
        assert!(v.get("outside").is_none(), "nothing outside the template: {to}");
    }
    // Sentences that name an assumed component say so in its name.
    for to in ["internet", "s3"] {
        let text = verdict(&out, "Handler", to)["text"].as_str().unwrap().to_owned();
        assert!(text.contains("Vpc (assumes parameter VpcCidr)"), "{to}: {text}");
    }
    // The text report prints what it assumed, and never the password.
    let text = vpcplay(&["check", corpus("assumed.yaml").to_str().unwrap()]);
    assert!(text.status.success());
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains(
            "parameter: VpcCidr = 10.0.0.0/16 (assumed) — no value given: a private address block; feeds Vpc.CidrBlock"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "parameter: DBPassword = **** (assumed) — no value given: a placeholder; no network value depends on it"
        ),
        "{text}"
    );
    assert!(!text.contains("assumedd"), "the stand-in password is not printed");
}

/// A verdict that rests on nothing assumed or outside says so too.
#[test]
fn verdicts_of_a_settled_template_do_not_depend_on_outside() {
    let out = check("endpoints-rds.yaml", &[]);
    for v in out["verdicts"].as_array().unwrap() {
        assert_eq!(v["depends_on_outside"], false, "{v}");
    }
    let out = check("outside.yaml", &["Stage=prod"]);
    assert_eq!(verdict(&out, "Handler", "internet")["depends_on_outside"], true);
    // A design (not a template) has no such field.
    let starter = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../designs/starter.json");
    let out = vpcplay(&["check", starter.to_str().unwrap(), "--json"]);
    let out: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(out["verdicts"][0].get("depends_on_outside").is_none());
}

/// A public template (real/PROVENANCE.md) that needs values for InstanceName, ImageId, VpcId,
/// SubnetId, TestID, TestTarget and AgentID, none with a default: it was refused before.
/// Read against the rules: KWOSInstance sits in the subnet `SubnetId` names and its group in
/// the VPC `VpcId` names, both outside the template; nothing in the template gives that subnet
/// a route to an internet gateway or the instance a public address (no
/// AssociatePublicIpAddress, no Elastic IP), so the internet cannot reach it (G1) as far as the
/// template says, and the verdict rests on what the template leaves open: VpcId (a
/// placeholder) and SubnetId (an assumed network value). ImageId, InstanceName and the test
/// ids only name things: they feed no network value (I4).
#[test]
fn a_public_template_with_parameters_without_defaults_is_evaluated_and_says_what_it_assumes() {
    let out = check("real/aws-cfn-templates-ec2-with-waitcondition.yaml", &[]);
    let param = |name: &str| {
        out["import"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .cloned()
            .unwrap()
    };
    for name in ["InstanceName", "ImageId", "TestID", "TestTarget", "AgentID"] {
        assert_eq!(
            (param(name)["source"].as_str(), param(name)["network"].as_bool()),
            (Some("assumed"), Some(false)),
            "{name}"
        );
    }
    for name in ["VpcId", "SubnetId"] {
        assert_eq!(
            (param(name)["source"].as_str(), param(name)["network"].as_bool()),
            (Some("assumed"), Some(true)),
            "{name}"
        );
    }
    assert_eq!(param("SubnetId")["feeds"], serde_json::json!(["KWOSInstance.SubnetId"]));
    let v = out["verdicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["from"] == "internet" && v["to"] == "KWOSInstance" && v["port"] == 443)
        .expect("internet → KWOSInstance on 443");
    assert_eq!(v["verdict"], "unreachable", "{}", v["text"]);
    assert_eq!(v["depends_on_outside"], true);
    assert!(v["outside"].as_array().unwrap().iter().any(|x| x == "VpcId"), "{v}");
    assert!(v["assumed"].as_array().unwrap().iter().any(|x| x == "SubnetId"), "{v}");
}

/// A public template (real/PROVENANCE.md) whose `Subnets` (CommaDelimitedList, no default)
/// is read with `!Select [0..3, !Ref Subnets]`: it gets four placeholders, one per mount target.
#[test]
fn a_list_parameter_without_default_gets_as_many_placeholders_as_the_template_selects() {
    let out = check("real/aws-cfn-templates-efs-with-automount-to-ec2.yaml", &[]);
    let subnets = out["import"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Subnets")
        .cloned()
        .unwrap();
    assert_eq!(subnets["value"], "Subnets-1,Subnets-2,Subnets-3,Subnets-4");
    assert_eq!(
        (subnets["source"].as_str(), subnets["network"].as_bool()),
        (Some("assumed"), Some(true))
    );
    assert!(ids(&out, "outside").contains(&"VPC".to_owned()));
}

#[test]
fn without_strict_params_a_parameter_with_allowed_values_takes_the_first() {
    let out = check("outside.yaml", &[]);
    let stage = out["import"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Stage")
        .cloned()
        .unwrap();
    assert_eq!(
        (stage["value"].as_str(), stage["source"].as_str()),
        (Some("dev"), Some("assumed"))
    );
    assert_eq!(stage["why"], "the first of its AllowedValues");
    assert_eq!(stage["network"], false, "it only names the group's description");
}

#[test]
fn a_parameter_without_default_is_asked_for_by_name_with_strict_params() {
    let out = vpcplay(&["check", corpus("outside.yaml").to_str().unwrap(), "--strict-params"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Stage (String)") && err.contains("--param Stage="),
        "{err}"
    );
    let out = vpcplay(&[
        "check",
        corpus("outside.yaml").to_str().unwrap(),
        "--param",
        "Stage=test",
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("allowed values are dev, prod"));
    let out = vpcplay(&[
        "check",
        corpus("outside.yaml").to_str().unwrap(),
        "--param",
        "Stge=prod",
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no parameter `Stge`"));
}

#[test]
fn param_on_a_design_is_refused() {
    let starter = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../designs/starter.json");
    let out = vpcplay(&["check", starter.to_str().unwrap(), "--param", "A=b"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("for CloudFormation templates"));
}

/// The corpus as a whole names every resource type and intrinsic function the importer
/// supports, in YAML (short forms where they exist) and in JSON (long forms).
#[test]
fn corpus_covers_every_resource_type_and_intrinsic_in_both_formats() {
    const TYPES: [&str; 31] = [
        "AWS::EC2::VPC\"",
        "AWS::EC2::VPCCidrBlock",
        "AWS::EC2::Subnet\"",
        "AWS::EC2::RouteTable\"",
        "AWS::EC2::Route\"",
        "AWS::EC2::SubnetRouteTableAssociation",
        "AWS::EC2::InternetGateway",
        "AWS::EC2::VPCGatewayAttachment",
        "AWS::EC2::EgressOnlyInternetGateway",
        "AWS::EC2::NatGateway",
        "AWS::EC2::EIP\"",
        "AWS::EC2::VPCEndpoint",
        "AWS::EC2::SecurityGroup\"",
        "AWS::EC2::SecurityGroupIngress",
        "AWS::EC2::SecurityGroupEgress",
        "AWS::EC2::NetworkAcl\"",
        "AWS::EC2::NetworkAclEntry",
        "AWS::EC2::SubnetNetworkAclAssociation",
        "AWS::EC2::Instance",
        "AWS::Lambda::Function",
        "AWS::Serverless::Function",
        "AWS::RDS::DBInstance",
        "AWS::RDS::DBCluster",
        "AWS::RDS::DBSubnetGroup",
        "AWS::S3::Bucket",
        "AWS::DynamoDB::Table",
        "AWS::Serverless::SimpleTable",
        "AWS::SQS::Queue",
        "AWS::SecretsManager::Secret",
        "VpcEndpointType\": \"Interface\"",
        "VpcEndpointType\": \"Gateway\"",
    ];
    const FUNCTIONS: [&str; 17] = [
        "Ref",
        "GetAtt",
        "Sub",
        "Join",
        "Select",
        "Split",
        "GetAZs",
        "If",
        "Equals",
        "Not",
        "And",
        "Or",
        "FindInMap",
        "Base64",
        "Cidr",
        "ImportValue",
        "Condition",
    ];
    let dir = corpus("");
    let mut yaml = String::new();
    let mut json = String::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if !path.is_file() {
            continue; // real/: public templates, checked on their own
        }
        let text = std::fs::read_to_string(&path).unwrap();
        match path.extension().and_then(|e| e.to_str()) {
            Some("yaml") => yaml.push_str(&text),
            Some("json") => json.push_str(&text),
            _ => {}
        }
    }
    for ty in TYPES {
        assert!(json.contains(ty), "no JSON template has {ty}");
        let bare = ty.trim_matches('"').replace("\": \"", ": ");
        assert!(yaml.contains(&bare), "no YAML template has {bare}");
    }
    for f in FUNCTIONS {
        let long = if matches!(f, "Ref" | "Condition") {
            format!("\"{f}\"")
        } else {
            format!("\"Fn::{f}\"")
        };
        assert!(json.contains(&long), "no JSON template uses {long}");
        assert!(
            yaml.contains(&format!("!{f} ")) || yaml.contains(&format!("!{f}\n")),
            "no YAML template uses !{f}"
        );
    }
}

/// A template file written to the test's scratch directory, then checked.
fn check_text(name: &str, text: &str) -> Output {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, text).unwrap();
    vpcplay(&["check", path.to_str().unwrap()])
}

#[test]
fn the_cli_applies_the_template_limits_of_the_browser() {
    // The caps are the importer's own (`vpc_cfn::import`), which the browser's worker calls.
    let mut big = String::from("Resources:\n  Q: {Type: AWS::SQS::Queue}\n# ");
    big.push_str(&"x".repeat(1024 * 1024));
    let out = check_text("over-cloudformation-limit.yaml", &big);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("more than the 1024 KB CloudFormation accepts for a template body"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut many = String::from("Resources:\n");
    for i in 0..10_001 {
        many.push_str(&format!(
            "  Vpc{i}: {{Type: AWS::EC2::VPC, Properties: {{CidrBlock: 10.0.0.0/16}}}}\n"
        ));
    }
    let out = check_text("ten-thousand-and-one-vpcs.yaml", &many);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("the template has 10001 resources, more than the 10000 components this playground evaluates"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

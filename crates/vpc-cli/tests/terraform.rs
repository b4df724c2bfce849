//! `vpcplay check` on Terraform: a plan JSON, folders, and the ways they fail.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PLAN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../vpc-tf/tests/plans/lambda-nat.plan.json"
);

fn vpcplay(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vpcplay"))
        .args(args)
        .output()
        .expect("vpcplay runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

fn json_of(o: &Output) -> Value {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(o));
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", stdout(o)))
}

/// A fresh folder under the test's scratch directory.
fn folder(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("terraform").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, rel: &str, text: &str) -> PathBuf {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

fn verdict<'a>(out: &'a Value, to: &str) -> &'a Value {
    out["verdicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["from"] == "aws_lambda_function.api" && v["to"] == to)
        .unwrap_or_else(|| panic!("a verdict for {to}"))
}

#[test]
fn a_plan_json_is_checked_with_its_import_report_and_addresses_as_ids() {
    let out = json_of(&vpcplay(&["check", PLAN, "--json"]));
    // aws_subnet.private[0] sends 0.0.0.0/0 to aws_nat_gateway.nat (with aws_eip.nat) in
    // aws_subnet.public[0], whose table sends 0.0.0.0/0 to the attached aws_internet_gateway.gw;
    // aws_security_group.fn allows TCP 443 out (L7, G3, G1, S1).
    let internet = verdict(&out, "internet");
    assert_eq!(internet["verdict"], "reachable", "{internet}");
    assert_eq!(internet["depends_on_outside"], false);
    let path = &out["paths"][internet["path"].as_u64().unwrap() as usize];
    let hops: Vec<&str> = path
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["component"].as_str().unwrap())
        .collect();
    assert!(
        hops.contains(&"aws_nat_gateway.nat") && hops.contains(&"aws_internet_gateway.gw"),
        "{hops:?}"
    );
    // Services by their public endpoints through the same NAT (L9); IPv6 is off by default (L8).
    assert_eq!(verdict(&out, "s3")["verdict"], "reachable");
    let v6 = verdict(&out, "internet-ipv6");
    assert_eq!(v6["verdict"], "unreachable");
    assert!(
        v6["explanations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e == "L8.ipv6-disabled"),
        "{v6}"
    );
    let import = &out["import"];
    assert_eq!(import["format"], "terraform-plan");
    assert!(import["not_modelled"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["id"] == "aws_iam_role.fn"));
    assert!(import["outside"].as_array().unwrap().is_empty());
}

#[test]
fn text_output_starts_with_the_terraform_import_report() {
    let o = vpcplay(&["check", PLAN]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.starts_with("Terraform (terraform-plan): 13 resources modelled, 1 not modelled\n"),
        "{text}"
    );
    assert!(
        text.contains("  not modelled: aws_iam_role.fn (aws_iam_role)"),
        "{text}"
    );
    assert!(text.contains("  variable: region = us-east-1 (given)"), "{text}");
}

#[test]
fn a_malformed_plan_names_the_file_with_line_and_column() {
    let dir = folder("malformed");
    let bad = write(
        &dir,
        "plan.json",
        "{\n  \"format_version\": \"1.2\",\n  \"planned_values\": {,\n}\n",
    );
    let o = vpcplay(&["check", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{}:3:22: not valid JSON", bad.display())),
        "{err}"
    );
}

#[test]
fn a_folder_without_terraform_files_is_refused_and_hidden_folders_are_skipped() {
    let dir = folder("empty");
    write(&dir, "terraform.tfvars", "cidr = \"10.0.0.0/16\"\n");
    write(
        &dir,
        ".terraform/modules/vpc/main.tf",
        "resource \"aws_vpc\" \"this\" {}\n",
    );
    write(&dir, ".hidden/main.tf", "resource \"aws_vpc\" \"this\" {}\n");
    let o = vpcplay(&["check", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("cannot read {}: no Terraform files (.tf)", dir.display())),
        "{err}"
    );
}

#[test]
fn an_unreadable_folder_or_var_file_is_exit_2_with_its_name() {
    let missing = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("terraform/no-such-folder");
    let o = vpcplay(&["check", missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no-such-folder"), "{}", stderr(&o));
    let o = vpcplay(&["check", PLAN, "--var-file", "/nonexistent/x.tfvars"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot read /nonexistent/x.tfvars"),
        "{}",
        stderr(&o)
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let dir = folder("locked");
        write(&dir, "main.tf", "resource \"aws_vpc\" \"a\" {}\n");
        let inner = dir.join("modules");
        std::fs::create_dir_all(&inner).unwrap();
        std::fs::set_permissions(&inner, std::fs::Permissions::from_mode(0o000)).unwrap();
        // Root reads any folder; the check only means something for other users.
        if std::fs::read_dir(&inner).is_err() {
            let o = vpcplay(&["check", dir.to_str().unwrap()]);
            assert_eq!(o.status.code(), Some(2));
            assert!(stderr(&o).contains("modules: "), "{}", stderr(&o));
        }
        std::fs::set_permissions(&inner, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[test]
fn vars_are_for_terraform_and_params_for_templates() {
    let design = concat!(env!("CARGO_MANIFEST_DIR"), "/../../designs/starter.json");
    let o = vpcplay(&["check", design, "--var", "env=prod"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--var env is for Terraform"), "{}", stderr(&o));
    let o = vpcplay(&["check", PLAN, "--param", "Env=prod"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--param Env is for CloudFormation templates"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_state_with_a_function_only_in_a_public_subnet_has_no_internet() {
    let dir = folder("state");
    let state = serde_json::json!({
        "format_version": "1.0",
        "terraform_version": "1.9.5",
        "values": {"root_module": {"resources": [
            {"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc", "name": "main",
             "values": {"id": "vpc-01", "cidr_block": "10.0.0.0/16", "enable_dns_support": true, "enable_dns_hostnames": true,
                        "default_security_group_id": "sg-0default", "main_route_table_id": "rtb-0main", "default_network_acl_id": "acl-01"}},
            {"address": "aws_subnet.public", "mode": "managed", "type": "aws_subnet", "name": "public",
             "values": {"id": "subnet-0pub", "vpc_id": "vpc-01", "cidr_block": "10.0.1.0/24", "availability_zone": "us-east-1a", "map_public_ip_on_launch": true}},
            {"address": "aws_internet_gateway.gw", "mode": "managed", "type": "aws_internet_gateway", "name": "gw",
             "values": {"id": "igw-01", "vpc_id": "vpc-01"}},
            {"address": "aws_route_table.public", "mode": "managed", "type": "aws_route_table", "name": "public",
             "values": {"id": "rtb-0pub", "vpc_id": "vpc-01", "route": [
                 {"cidr_block": "0.0.0.0/0", "gateway_id": "igw-01", "nat_gateway_id": "", "ipv6_cidr_block": "", "transit_gateway_id": ""}]}},
            {"address": "aws_route_table_association.public", "mode": "managed", "type": "aws_route_table_association", "name": "public",
             "values": {"id": "rtbassoc-01", "subnet_id": "subnet-0pub", "route_table_id": "rtb-0pub", "gateway_id": ""}},
            {"address": "aws_lambda_function.api", "mode": "managed", "type": "aws_lambda_function", "name": "api",
             "values": {"arn": "arn:aws:lambda:us-east-1:123456789012:function:api", "function_name": "api",
                        "vpc_config": [{"subnet_ids": ["subnet-0pub"], "security_group_ids": ["sg-0default"], "ipv6_allowed_for_dual_stack": false, "vpc_id": "vpc-01"}]}}
        ]}}
    });
    let path = write(&dir, "state.json", &state.to_string());
    let out = json_of(&vpcplay(&["check", path.to_str().unwrap(), "--json"]));
    assert_eq!(out["import"]["format"], "terraform-state");
    // L6: a Lambda ENI never has a public IP, so a route to the internet gateway from a
    // public subnet is no internet access, whatever map_public_ip_on_launch says.
    let internet = verdict(&out, "internet");
    assert_eq!(internet["verdict"], "unreachable", "{internet}");
    assert!(
        internet["explanations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e == "L6.public-subnet"),
        "{internet}"
    );
    // The function's group is the VPC's default group, by the id the state records.
    let groups: Vec<&str> = out["paths"][internet["path"].as_u64().unwrap() as usize]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["component"].as_str().unwrap())
        .collect();
    assert!(groups.contains(&"aws_vpc.main:default_security_group"), "{groups:?}");
}

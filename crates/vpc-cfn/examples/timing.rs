//! How long importing a large template takes, natively.
//!
//! `cargo run --profile bench -p vpc-cfn --example timing -- 1000 10000` generates a YAML template
//! of about 1,000 resources (and one of about 10,000, the most a design may have; these sizes
//! without arguments) in blocks of 28 (a VPC with public and private subnets in two zones,
//! routes, a NAT gateway, security groups, a function with its role, permission, version and
//! alarm, a database, a bucket and a queue, written with short-form intrinsics) and its JSON
//! twin, and prints the median time of `import` and of
//! `import` + `vpc_engine::analyze` for each. Import is linear in the template's size: the
//! figure per 1,000 resources printed beside each stays about the same from 1,000 to 10,000.

use std::fmt::Write as _;
use std::time::Instant;

/// Resources per block.
const BLOCK: usize = 28;

/// One block of [`BLOCK`] resources for block `n`, in flow style with short logical ids so
/// that 10,000 resources stay within CloudFormation's 1 MB template limit as YAML and as JSON.
fn block(out: &mut String, n: usize) {
    let b = n % 250;
    let i = base36(n);
    let _ = write!(
        out,
        r#"  V{i}: {{Type: AWS::EC2::VPC, Properties: {{CidrBlock: 10.{b}.0.0/16}}}}
  I{i}: {{Type: AWS::EC2::InternetGateway}}
  T{i}: {{Type: AWS::EC2::VPCGatewayAttachment, Properties: {{VpcId: !Ref V{i}, InternetGatewayId: !Ref I{i}}}}}
  A{i}: {{Type: AWS::EC2::Subnet, Properties: {{VpcId: !Ref V{i}, AvailabilityZone: us-east-1a, CidrBlock: !Select [0, !Cidr [!GetAtt V{i}.CidrBlock, 4, 8]]}}}}
  B{i}: {{Type: AWS::EC2::Subnet, Properties: {{VpcId: !Ref V{i}, AvailabilityZone: !Select [1, !GetAZs ""], CidrBlock: 10.{b}.1.0/24}}}}
  C{i}: {{Type: AWS::EC2::Subnet, Properties: {{VpcId: !Ref V{i}, AvailabilityZone: us-east-1a, CidrBlock: 10.{b}.10.0/24}}}}
  D{i}: {{Type: AWS::EC2::Subnet, Properties: {{VpcId: !Ref V{i}, AvailabilityZone: us-east-1b, CidrBlock: 10.{b}.11.0/24}}}}
  P{i}: {{Type: AWS::EC2::RouteTable, Properties: {{VpcId: !Ref V{i}}}}}
  PD{i}: {{Type: AWS::EC2::Route, Properties: {{RouteTableId: !Ref P{i}, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref I{i}}}}}
  PA{i}: {{Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {{SubnetId: !Ref A{i}, RouteTableId: !Ref P{i}}}}}
  PB{i}: {{Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {{SubnetId: !Ref B{i}, RouteTableId: !Ref P{i}}}}}
  E{i}: {{Type: AWS::EC2::EIP}}
  N{i}: {{Type: AWS::EC2::NatGateway, Properties: {{SubnetId: !Ref A{i}, AllocationId: !GetAtt E{i}.AllocationId}}}}
  R{i}: {{Type: AWS::EC2::RouteTable, Properties: {{VpcId: !Ref V{i}}}}}
  RD{i}: {{Type: AWS::EC2::Route, Properties: {{RouteTableId: !Ref R{i}, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: !Ref N{i}}}}}
  RC{i}: {{Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {{SubnetId: !Ref C{i}, RouteTableId: !Ref R{i}}}}}
  RE{i}: {{Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {{SubnetId: !Ref D{i}, RouteTableId: !Ref R{i}}}}}
  F{i}: {{Type: AWS::EC2::SecurityGroup, Properties: {{GroupDescription: f, VpcId: !Ref V{i}}}}}
  G{i}: {{Type: AWS::EC2::SecurityGroup, Properties: {{VpcId: !Ref V{i}, SecurityGroupIngress: [{{IpProtocol: tcp, FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: !Ref F{i}}}]}}}}
  L{i}: {{Type: AWS::Lambda::Function, Properties: {{Role: !GetAtt O{i}.Arn, VpcConfig: {{SubnetIds: [!Ref C{i}, !Ref D{i}], SecurityGroupIds: [!Ref F{i}]}}}}}}
  S{i}: {{Type: AWS::RDS::DBSubnetGroup, Properties: {{SubnetIds: [!Ref C{i}, !Ref D{i}]}}}}
  DB{i}: {{Type: AWS::RDS::DBInstance, Properties: {{Engine: postgres, DBSubnetGroupName: !Ref S{i}, VPCSecurityGroups: [!Ref G{i}]}}}}
  K{i}: {{Type: AWS::S3::Bucket}}
  Q{i}: {{Type: AWS::SQS::Queue}}
  O{i}: {{Type: AWS::IAM::Role}}
  W{i}: {{Type: AWS::Lambda::Permission}}
  X{i}: {{Type: AWS::Lambda::Version, Properties: {{FunctionName: !Ref L{i}}}}}
  Y{i}: {{Type: AWS::CloudWatch::Alarm}}
"#
    );
}

/// A short suffix for block `n`: digits and lower-case letters.
fn base36(mut n: usize) -> String {
    let digits = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(digits[n % 36]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A YAML template of `blocks` × [`BLOCK`] resources.
pub fn template(blocks: usize) -> String {
    let mut s = String::from("AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n");
    for i in 0..blocks {
        block(&mut s, i);
    }
    s
}

fn to_json(yaml: &str) -> String {
    fn json(n: &vpc_cfn::tree::Node) -> serde_json::Value {
        use vpc_cfn::tree::Kind;
        match &n.kind {
            Kind::Null => serde_json::Value::Null,
            Kind::Bool(b) => serde_json::Value::Bool(*b),
            Kind::Str(s) => serde_json::Value::String(s.clone()),
            Kind::Seq(items) => serde_json::Value::Array(items.iter().map(json).collect()),
            Kind::Map(e) => serde_json::Value::Object(e.iter().map(|(k, v)| (k.clone(), json(v))).collect()),
        }
    }
    serde_json::to_string(&json(&vpc_cfn::tree::parse(yaml).expect("generated YAML parses"))).expect("JSON")
}

fn median(mut f: impl FnMut(), runs: usize) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![1000, 10_000] } else { sizes };
    for n in sizes {
        // Whole blocks, at most `n` resources: 10,000 stays within the design's limit.
        let blocks = (n / BLOCK).max(1);
        let yaml = template(blocks);
        let json = to_json(&yaml);
        for (format, text) in [("YAML", &yaml), ("JSON", &json)] {
            let import = vpc_cfn::import(text, &[]).expect("generated template imports");
            let resources = import.report.modelled.len() + import.report.not_modelled.len();
            let components = import.document.components().count();
            let runs = if n <= 2000 { 21 } else { 5 };
            let t_import = median(
                || {
                    std::hint::black_box(vpc_cfn::import(text, &[]).unwrap());
                },
                runs,
            );
            let t_all = median(
                || {
                    let i = vpc_cfn::import(text, &[]).unwrap();
                    std::hint::black_box(vpc_engine::analyze(&i.document));
                },
                runs,
            );
            println!(
                "{format}: {resources} resources ({} KB) → {components} components: import {t_import:.1} ms ({:.2} ms per 1,000 resources), import + analyze {t_all:.1} ms",
                text.len() / 1024,
                t_import * 1000.0 / resources as f64
            );
        }
    }
}

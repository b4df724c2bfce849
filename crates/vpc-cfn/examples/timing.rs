//! How long importing a large template takes, natively.
//!
//! `cargo run --profile bench -p vpc-cfn --example timing -- 1000` generates a YAML template of
//! about 1,000 resources (blocks of 24: a VPC with public and private subnets in two zones,
//! routes, a NAT gateway, security groups, a function, a database, a bucket and a queue, written
//! with short-form intrinsics) and its JSON twin, and prints the median time of `import` and of
//! `import` + `vpc_engine::analyze` for each.

use std::fmt::Write as _;
use std::time::Instant;

/// One block of 24 resources, suffixed `i`.
fn block(out: &mut String, i: usize) {
    let b = i % 250;
    let _ = write!(
        out,
        r#"  Vpc{i}:
    Type: AWS::EC2::VPC
    Properties: {{ CidrBlock: 10.{b}.0.0/16, EnableDnsHostnames: true }}
  Igw{i}:
    Type: AWS::EC2::InternetGateway
  Attach{i}:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {{ VpcId: !Ref Vpc{i}, InternetGatewayId: !Ref Igw{i} }}
  PublicA{i}:
    Type: AWS::EC2::Subnet
    Properties: {{ VpcId: !Ref Vpc{i}, AvailabilityZone: !Select [0, !GetAZs ""], CidrBlock: !Select [0, !Cidr [!GetAtt Vpc{i}.CidrBlock, 4, 8]] }}
  PublicB{i}:
    Type: AWS::EC2::Subnet
    Properties: {{ VpcId: !Ref Vpc{i}, AvailabilityZone: !Select [1, !GetAZs ""], CidrBlock: !Select [1, !Cidr [!GetAtt Vpc{i}.CidrBlock, 4, 8]] }}
  PrivateA{i}:
    Type: AWS::EC2::Subnet
    Properties: {{ VpcId: !Ref Vpc{i}, AvailabilityZone: !Select [0, !GetAZs ""], CidrBlock: !Sub "10.{b}.10.0/24" }}
  PrivateB{i}:
    Type: AWS::EC2::Subnet
    Properties: {{ VpcId: !Ref Vpc{i}, AvailabilityZone: !Select [1, !GetAZs ""], CidrBlock: !Join ["", ["10.{b}.", "11.0/24"]] }}
  PublicRt{i}:
    Type: AWS::EC2::RouteTable
    Properties: {{ VpcId: !Ref Vpc{i} }}
  PublicDefault{i}:
    Type: AWS::EC2::Route
    DependsOn: Attach{i}
    Properties: {{ RouteTableId: !Ref PublicRt{i}, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw{i} }}
  PublicAssocA{i}:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {{ SubnetId: !Ref PublicA{i}, RouteTableId: !Ref PublicRt{i} }}
  PublicAssocB{i}:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {{ SubnetId: !Ref PublicB{i}, RouteTableId: !Ref PublicRt{i} }}
  NatIp{i}:
    Type: AWS::EC2::EIP
  Nat{i}:
    Type: AWS::EC2::NatGateway
    Properties: {{ SubnetId: !Ref PublicA{i}, AllocationId: !GetAtt NatIp{i}.AllocationId }}
  PrivateRt{i}:
    Type: AWS::EC2::RouteTable
    Properties: {{ VpcId: !Ref Vpc{i} }}
  PrivateDefault{i}:
    Type: AWS::EC2::Route
    Properties: {{ RouteTableId: !Ref PrivateRt{i}, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: !Ref Nat{i} }}
  PrivateAssocA{i}:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {{ SubnetId: !Ref PrivateA{i}, RouteTableId: !Ref PrivateRt{i} }}
  PrivateAssocB{i}:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {{ SubnetId: !Ref PrivateB{i}, RouteTableId: !Ref PrivateRt{i} }}
  FnSg{i}:
    Type: AWS::EC2::SecurityGroup
    Properties: {{ GroupDescription: !Sub "functions ${{AWS::Region}}", VpcId: !Ref Vpc{i} }}
  DbSg{i}:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      VpcId: !Ref Vpc{i}
      SecurityGroupIngress: [{{ IpProtocol: tcp, FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: !Ref FnSg{i} }}]
  Fn{i}:
    Type: AWS::Lambda::Function
    Properties:
      Handler: app.handler
      Environment: {{ Variables: {{ QUEUE: !Ref Queue{i}, BUCKET: !Ref Bucket{i} }} }}
      VpcConfig: {{ SubnetIds: [!Ref PrivateA{i}, !Ref PrivateB{i}], SecurityGroupIds: [!GetAtt FnSg{i}.GroupId] }}
  DbSubnets{i}:
    Type: AWS::RDS::DBSubnetGroup
    Properties: {{ DBSubnetGroupDescription: db, SubnetIds: [!Ref PrivateA{i}, !Ref PrivateB{i}] }}
  Db{i}:
    Type: AWS::RDS::DBInstance
    Properties: {{ Engine: postgres, DBSubnetGroupName: !Ref DbSubnets{i}, VPCSecurityGroups: [!Ref DbSg{i}] }}
  Bucket{i}:
    Type: AWS::S3::Bucket
  Queue{i}:
    Type: AWS::SQS::Queue
"#
    );
}

/// A YAML template of `blocks` × 24 resources.
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
    let sizes = if sizes.is_empty() { vec![1000] } else { sizes };
    for n in sizes {
        let blocks = n.div_ceil(24);
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
                "{format}: {resources} resources ({} KB) → {components} components: import {t_import:.1} ms, import + analyze {t_all:.1} ms",
                text.len() / 1024
            );
        }
    }
}

//! Every intrinsic function, evaluated: each expression is put where its text lands in the
//! design (a subnet's Availability Zone) and the value is read back. One `value` helper, one
//! table of (expression, expected).

const PROLOGUE: &str = r#"Parameters:
  Env: {Type: String, Default: prod}
  Zones: {Type: CommaDelimitedList, Default: "a,b,c"}
Mappings:
  Sizes:
    prod: {Bits: "8", Name: large}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  Both: !And [!Condition IsProd, !Equals [x, x]]
  Either: !Or [!Condition IsDev, !Equals [!Ref "AWS::Region", us-east-1]]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.9.0.0/16}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.9.0.0/24
      AvailabilityZone: "#;

fn value(expr: &str, params: &[(&str, &str)]) -> String {
    let params: Vec<(String, String)> = params.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect();
    let text = format!("{PROLOGUE}{expr}\n");
    match vpc_cfn::import(&text, &params) {
        Ok(i) => i.document.subnets[0].az.clone(),
        Err(e) => format!("error: {e}"),
    }
}

#[test]
fn every_intrinsic_evaluates_like_cloudformation() {
    let cases: &[(&str, &str)] = &[
        ("!Ref Env", "prod"),
        ("!Ref AWS::Region", "us-east-1"),
        ("!Ref AWS::AccountId", "123456789012"),
        ("!Ref AWS::Partition", "aws"),
        ("!Ref AWS::URLSuffix", "amazonaws.com"),
        ("!Ref Vpc", "Vpc"),
        ("{Ref: Env}", "prod"),
        ("!GetAtt Vpc.CidrBlock", "10.9.0.0/16"),
        ("!GetAtt [Vpc, CidrBlock]", "10.9.0.0/16"),
        ("{\"Fn::GetAtt\": [Vpc, CidrBlock]}", "10.9.0.0/16"),
        ("!Sub \"${AWS::Region}-${Env}-${Vpc}\"", "us-east-1-prod-Vpc"),
        ("!Sub \"${Vpc.CidrBlock}\"", "10.9.0.0/16"),
        ("!Sub \"${!Literal}\"", "${Literal}"),
        ("!Sub [\"${A}/${Env}\", {A: !Select [1, !Ref Zones]}]", "b/prod"),
        ("!Join [\"-\", [a, !Ref Env, c]]", "a-prod-c"),
        ("!Join [\"\", !Ref Zones]", "abc"),
        ("!Select [2, !Ref Zones]", "c"),
        ("!Select [\"1\", !Split [\",\", \"x,y,z\"]]", "y"),
        ("!Select [0, !GetAZs \"\"]", "us-east-1a"),
        ("!Select [1, !GetAZs eu-west-1]", "eu-west-1b"),
        ("!If [IsProd, yes, no]", "yes"),
        ("!If [IsDev, yes, no]", "no"),
        ("!If [Both, both, neither]", "both"),
        ("!If [Either, either, neither]", "either"),
        ("!FindInMap [Sizes, !Ref Env, Name]", "large"),
        ("!FindInMap [Sizes, dev, Name, {DefaultValue: small}]", "small"),
        ("!Base64 \"hello\"", "aGVsbG8="),
        (
            "!Select [3, !Cidr [10.0.0.0/16, 4, !FindInMap [Sizes, prod, Bits]]]",
            "10.0.3.0/24",
        ),
        (
            "!Select [1, !Cidr [!Select [0, !GetAtt Vpc.Ipv6CidrBlocks], 2, 64]]",
            "error",
        ),
        ("!ImportValue shared-zone", "shared-zone"),
        ("{\"Fn::ToJsonString\": {a: [1, true]}}", "{\"a\":[\"1\",true]}"),
        ("{\"Fn::Length\": [a, b, c]}", "3"),
    ];
    for (expr, want) in cases {
        let got = value(expr, &[]);
        if *want == "error" {
            assert!(got.starts_with("error: "), "{expr} → {got}");
        } else {
            assert_eq!(got, *want, "{expr}");
        }
    }
}

#[test]
fn parameters_and_region_change_the_values() {
    assert_eq!(value("!If [IsProd, yes, no]", &[("Env", "dev")]), "no");
    assert_eq!(
        value("!Select [0, !GetAZs \"\"]", &[("AWS::Region", "ap-southeast-2")]),
        "ap-southeast-2a"
    );
    assert_eq!(value("!Ref AWS::Partition", &[("AWS::Region", "cn-north-1")]), "aws-cn");
    assert_eq!(value("!Select [1, !Ref Zones]", &[("Zones", "x, y")]), "y");
}

#[test]
fn a_long_description_becomes_a_short_design_name() {
    let long = "word ".repeat(40);
    let doc = vpc_cfn::import(
        &format!("Description: {long}\nResources:\n  Q: {{Type: AWS::SQS::Queue}}\n"),
        &[],
    )
    .unwrap()
    .document;
    assert!(
        doc.name.chars().count() <= 101 && doc.name.ends_with("word…"),
        "{}",
        doc.name
    );
}

//! Malformed templates: each gets a specific message, with line and column where one exists.

use vpc_cfn::{import, Error, ErrorKind};

fn fail(text: &str) -> Error {
    match import(text, &[]) {
        Ok(i) => panic!("imported: {:?}", i.report),
        Err(e) => e,
    }
}

fn at(e: &Error) -> (Option<u32>, Option<u32>) {
    (e.line, e.column)
}

#[test]
fn yaml_syntax_error_has_line_and_column() {
    let e = fail("Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: { CidrBlock: [10.0.0.0/16 }\n");
    assert!(matches!(e.kind, ErrorKind::YamlSyntax(_)), "{e}");
    assert_eq!(e.line, Some(4));
    assert!(e.to_string().starts_with("not valid YAML: "), "{e}");
    assert!(e.to_string().contains("line 4, column"), "{e}");
}

#[test]
fn json_syntax_error_has_line_and_column() {
    let e = fail("{\n  \"Resources\": {\n    \"Vpc\": { \"Type\": \"AWS::EC2::VPC\", }\n  }\n}");
    assert!(matches!(e.kind, ErrorKind::JsonSyntax(_)), "{e}");
    assert_eq!(at(&e), (Some(3), Some(39)), "the stray brace after the comma");
}

#[test]
fn unknown_tag_is_named_at_its_position() {
    let e = fail("Resources:\n  Sub:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Reff Vpc\n");
    assert_eq!(e.kind, ErrorKind::UnknownTag("!Reff".into()));
    assert_eq!(at(&e), (Some(5), Some(14)));
    assert!(e.to_string().contains("unknown tag `!Reff`"));
}

#[test]
fn unknown_long_form_function_is_named() {
    let e = fail(
        "Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: {\"Fn::Cidrr\": [a, 1, 8]}\n",
    );
    assert_eq!(e.kind, ErrorKind::UnknownFunction("Fn::Cidrr".into()));
    assert_eq!(e.line, Some(5));
}

#[test]
fn ref_to_a_missing_resource_names_it_and_where() {
    let e = fail(
        "Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: { CidrBlock: 10.0.0.0/16 }\n  Subnet:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref Vcp\n",
    );
    assert_eq!(
        e.kind,
        ErrorKind::MissingReference {
            name: "Vcp".into(),
            from: "Ref".into()
        }
    );
    assert_eq!(at(&e), (Some(8), Some(14)));
    assert_eq!(e.path.as_deref(), Some("Resources.Subnet"));
    assert!(e.to_string().contains("refers to `Vcp`"), "{e}");
}

#[test]
fn getatt_and_sub_to_missing_resources_are_errors_too() {
    let e = fail("Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties: { QueueName: !GetAtt Nope.Arn }\n");
    assert!(
        matches!(e.kind, ErrorKind::MissingReference { ref name, .. } if name == "Nope"),
        "{e}"
    );
    let e = fail("Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties: { QueueName: !Sub \"${Nope}-q\" }\n");
    assert!(
        matches!(e.kind, ErrorKind::MissingReference { ref name, .. } if name == "Nope"),
        "{e}"
    );
    let e = fail("Resources:\n  A:\n    Type: AWS::SQS::Queue\n    DependsOn: Ghost\n");
    assert!(
        matches!(e.kind, ErrorKind::MissingReference { ref name, .. } if name == "Ghost"),
        "{e}"
    );
    assert_eq!(e.line, Some(4));
}

#[test]
fn circular_refs_are_reported_as_the_cycle() {
    let e = fail(
        "Resources:\n  A:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: !Ref B\n  B:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: !GetAtt A.GroupId\n",
    );
    assert_eq!(
        e.kind,
        ErrorKind::CircularDependency(vec!["A".into(), "B".into(), "A".into()])
    );
    assert_eq!(at(&e), (Some(9), Some(25)));
    assert!(e.to_string().contains("A → B → A"), "{e}");
}

#[test]
fn depends_on_cycles_and_self_references_are_circular() {
    let e = fail("Resources:\n  A:\n    Type: AWS::SQS::Queue\n    DependsOn: [B]\n  B:\n    Type: AWS::SQS::Queue\n    DependsOn: A\n");
    assert!(
        matches!(e.kind, ErrorKind::CircularDependency(ref c) if c.len() == 3),
        "{e}"
    );
    let e = fail(
        "Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      SecurityGroupIngress: [{IpProtocol: tcp, SourceSecurityGroupId: !Ref Sg}]\n",
    );
    assert_eq!(e.kind, ErrorKind::CircularDependency(vec!["Sg".into(), "Sg".into()]));
}

#[test]
fn circular_and_unknown_conditions() {
    let e = fail(
        "Conditions:\n  A: !Not [!Condition B]\n  B: !Not [!Condition A]\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Condition: A\n",
    );
    assert!(
        matches!(e.kind, ErrorKind::CircularCondition(ref c) if c.len() == 3),
        "{e}"
    );
    let e = fail("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Condition: Missing\n");
    assert_eq!(e.kind, ErrorKind::UnknownCondition("Missing".into()));
    assert_eq!(e.line, Some(4));
}

#[test]
fn wrong_arguments_name_the_function() {
    let e = fail("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: { QueueName: !Select [3, [a, b]] }\n");
    assert!(
        e.to_string()
            .starts_with("Fn::Select: index 3 is past the end of a list of 2"),
        "{e}"
    );
    assert_eq!(e.line, Some(4));
    let e = fail(
        "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: { QueueName: !Cidr [10.0.0.0/24, 300, 8] }\n",
    );
    assert!(e.to_string().starts_with("Fn::Cidr: the count must be 1 to 256"), "{e}");
    let e = fail("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: { QueueName: !FindInMap [M, a, b] }\n");
    assert!(matches!(e.kind, ErrorKind::MissingMapping(_)), "{e}");
}

#[test]
fn texts_that_are_not_templates() {
    assert!(matches!(fail("just: text\n").kind, ErrorKind::NotATemplate(_)));
    assert!(matches!(fail("- a\n- b\n").kind, ErrorKind::NotATemplate(_)));
    assert!(matches!(
        fail("Resources:\n  A: {Properties: {}}\n").kind,
        ErrorKind::NotATemplate(_)
    ));
    assert_eq!(
        fail("Resources: {}\n---\nResources: {}\n").kind,
        ErrorKind::MultipleDocuments
    );
    // A duplicate key is read as CloudFormation reads it (the last wins, see fidelity.rs):
    // what is left is refused for what it is.
    assert_eq!(
        fail("Resources:\n  A: 1\n  A: 2\n").kind,
        ErrorKind::NotATemplate("resource `A` has no `Type`".into())
    );
}

#[test]
fn a_template_over_cloudformations_limit_is_refused_before_reading_it() {
    let mut text = String::from("Resources:\n  Q: {Type: AWS::SQS::Queue}\n# ");
    text.push_str(&"x".repeat(vpc_cfn::MAX_TEMPLATE_BYTES));
    let e = fail(&text);
    assert_eq!(e.kind, ErrorKind::TemplateTooLarge { bytes: text.len() });
    assert_eq!(
        e.to_string(),
        "the template is 1024 KB, more than the 1024 KB CloudFormation accepts for a template body, so it could not \
         be deployed either; split it into nested stacks"
    );
}

#[test]
fn more_resources_than_the_playground_evaluates_are_refused_with_the_count() {
    let mut text = String::from("Resources:\n");
    for i in 0..10_001 {
        text.push_str(&format!("  S{i}: {{Type: AWS::SQS::Queue}}\n"));
    }
    let e = fail(&text);
    assert_eq!(
        e.kind,
        ErrorKind::TooManyComponents {
            count: 10_001,
            what: "resources"
        }
    );
    assert_eq!(
        e.to_string(),
        "the template has 10001 resources, more than the 10000 components this playground evaluates; split it into \
         smaller templates (line 2, column 3)"
    );
}

#[test]
fn a_long_value_repeated_by_references_stops_evaluation_early() {
    // 200 KB of default, joined 400 times: 80 MB of text from a 200 KB template.
    let refs = vec!["!Ref P"; 400].join(", ");
    let text = format!(
        "Parameters:\n  P: {{Type: String, Default: {}}}\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Join ['', [{refs}]]\n",
        "p".repeat(200_000)
    );
    let e = fail(&text);
    assert_eq!(e.kind, ErrorKind::TooMuchWork, "{e}");
    assert_eq!(e.path.as_deref(), Some("Resources.Q.Properties"));
    assert!(
        e.to_string()
            .starts_with("evaluating the template's intrinsic functions produces more than 64 MB of values"),
        "{e}"
    );
}

#[test]
fn a_pasted_template_gets_the_file_readers_decision_on_byte_order_marks() {
    let t = "{\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\"}}}";
    let one = import(&format!("\u{feff}{t}"), &[]).unwrap();
    assert_eq!(one.report.format, "json", "one mark is removed, so JSON is still JSON");
    let e = fail(&format!("\u{feff}\u{feff}{t}"));
    assert_eq!(
        e.to_string(),
        "the text starts with more than one byte-order mark (line 1, column 1). Save the file as UTF-8 again (with \
         one byte-order mark or none)"
    );
}

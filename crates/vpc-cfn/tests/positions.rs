//! The report says where each resource is defined, for tools that point at the template.

#[test]
fn yaml_and_json_resources_have_their_line_and_column() {
    let yaml = "Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n  Subnet:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref Vpc\n      CidrBlock: 10.0.1.0/24\n";
    let r = vpc_cfn::import(yaml, &[]).unwrap().report;
    // A YAML resource's definition starts at its first key, the line after its logical id.
    assert_eq!(r.position("Vpc"), Some((3, 5)));
    assert_eq!(r.position("Subnet"), Some((7, 5)));
    assert_eq!(r.position("Nothing"), None);

    let json = "{\n  \"Resources\": {\n    \"Vpc\": {\"Type\": \"AWS::EC2::VPC\",\n      \"Properties\": {\"CidrBlock\": \"10.0.0.0/16\"}},\n    \"Subnet\": {\"Type\": \"AWS::EC2::Subnet\", \"Properties\": {\"VpcId\": {\"Ref\": \"Vpc\"}, \"CidrBlock\": \"10.0.1.0/24\"}}\n  }\n}\n";
    let r = vpc_cfn::import(json, &[]).unwrap().report;
    // A JSON resource is found by its key; the `"Vpc"` inside Subnet's Ref is not one.
    assert_eq!(r.position("Vpc"), Some((3, 5)));
    assert_eq!(r.position("Subnet"), Some((5, 5)));
}

//! Reading what CloudFormation reads (issue 14): parameters without a value (rule I4), the
//! resources the SAM transform generates (rule I3), YAML CloudFormation accepts, and route
//! tables of subnets whose VPC is outside the template.

use vpc_cfn::{import, import_with, ErrorKind, Import, Options, ParameterUse, ASSUMES_MARK};

fn ok(text: &str) -> Import {
    match import(text, &[]) {
        Ok(i) => i,
        Err(e) => panic!("refused: {e}"),
    }
}

fn param<'a>(i: &'a Import, name: &str) -> &'a ParameterUse {
    i.report
        .parameters
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("{name} in {:?}", i.report.parameters))
}

const DATABASE: &str = "\
Parameters:
  DBPassword: {Type: String, NoEcho: true, MinLength: 8, MaxLength: 41, AllowedPattern: '[a-zA-Z0-9]*'}
  BucketName: {Type: String, Description: Where reports go}
  AppSubnetCidr: {Type: String, Description: Block of the app subnet}
  DbPort: {Type: Number, MinValue: 1150, MaxValue: 65535}
  Stage: {Type: String, AllowedValues: [dev, prod]}
  Exposed: {Type: String}
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Mappings:
  Zones:
    dev: {Az: us-east-1a}
    prod: {Az: us-east-1b}
Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  AppSubnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: !Ref AppSubnetCidr
      AvailabilityZone: !FindInMap [Zones, !Ref Stage, Az]
  DbSubnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.20.0/24, AvailabilityZone: us-east-1a}
  Reports:
    Type: AWS::S3::Bucket
    Properties: {BucketName: !Sub '${BucketName}-${AWS::Region}'}
  AppSg: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: app, VpcId: !Ref Vpc}}
  DbSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: !Ref DbPort, ToPort: !Ref DbPort, SourceSecurityGroupId: !Ref AppSg}
  Groups:
    Type: AWS::RDS::DBSubnetGroup
    Properties: {DBSubnetGroupDescription: db, SubnetIds: [!Ref DbSubnet, !Ref AppSubnet]}
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      Port: !Ref DbPort
      MasterUserPassword: !Ref DBPassword
      DBSubnetGroupName: !Ref Groups
      VPCSecurityGroups: [!Ref DbSg]
      PubliclyAccessible: !If [IsProd, false, !Ref Exposed]
  Handler:
    Type: AWS::Lambda::Function
    Properties:
      Environment: {Variables: {BUCKET: !Ref BucketName, PASSWORD: !Ref DBPassword}}
      VpcConfig: {SubnetIds: [!Ref AppSubnet], SecurityGroupIds: [!Ref AppSg]}
";

#[test]
fn parameters_that_feed_no_network_value_are_assumed_and_listed() {
    let i = ok(DATABASE);
    let pw = param(&i, "DBPassword");
    assert_eq!((pw.source, pw.network), ("assumed", false), "{pw:?}");
    assert_eq!(pw.value, "****", "NoEcho: never in clear, even a stand-in");
    assert!(pw.no_echo && pw.feeds.is_empty() && pw.components.is_empty());
    let bucket = param(&i, "BucketName");
    assert_eq!(
        (bucket.source, bucket.network, bucket.value.as_str()),
        ("assumed", false, "assumed")
    );
    assert_eq!(bucket.why, "a placeholder");
    // A stand-in that feeds no network value marks nothing.
    assert!(i.document.services.iter().all(|s| s.name.is_empty()));
}

#[test]
fn parameters_that_feed_network_values_are_traced_through_ref_findinmap_if_and_conditions() {
    let i = ok(DATABASE);
    let cidr = param(&i, "AppSubnetCidr");
    assert_eq!(
        (cidr.source, cidr.network, cidr.value.as_str()),
        ("assumed", true, "10.0.0.0/24")
    );
    assert_eq!(cidr.feeds, ["AppSubnet.CidrBlock"]);
    assert!(
        cidr.components.contains(&"AppSubnet".to_owned()),
        "{:?}",
        cidr.components
    );
    // Through Fn::FindInMap (AZ), through a condition in Fn::If (PubliclyAccessible).
    let stage = param(&i, "Stage");
    assert_eq!(
        (stage.source, stage.network, stage.value.as_str()),
        ("assumed", true, "dev")
    );
    assert_eq!(stage.why, "the first of its AllowedValues");
    assert!(
        stage.feeds.contains(&"AppSubnet.AvailabilityZone".to_owned()),
        "{:?}",
        stage.feeds
    );
    assert!(
        stage.feeds.contains(&"Db.PubliclyAccessible".to_owned()),
        "{:?}",
        stage.feeds
    );
    let exposed = param(&i, "Exposed");
    assert_eq!(
        (exposed.network, exposed.value.as_str()),
        (true, "false"),
        "AWS's default"
    );
    // A port: MinValue satisfies the parameter's own bounds; the rule's group rests on it.
    let port = param(&i, "DbPort");
    assert_eq!(
        (port.network, port.value.as_str(), port.why.as_str()),
        (true, "1150", "its MinValue")
    );
    assert!(port.components.contains(&"DbSg".to_owned()) && port.components.contains(&"AppSg".to_owned()));
    // The components resting on an assumed network value say so in their names.
    let subnet = i
        .document
        .subnets
        .iter()
        .find(|s| s.id.as_str() == "AppSubnet")
        .unwrap();
    assert_eq!(subnet.name, "AppSubnet (assumes parameters AppSubnetCidr, Stage)");
    assert!(subnet.name.contains(ASSUMES_MARK));
    assert_eq!(subnet.cidr.as_str(), "10.0.0.0/24");
    let db = &i.document.databases[0];
    assert_eq!(db.port, Some(1150));
    assert!(db.name.contains("DbPort") && db.name.contains("Exposed"), "{}", db.name);
    assert!(
        i.document.description.contains("AppSubnetCidr=10.0.0.0/24"),
        "{}",
        i.document.description
    );
    assert!(
        !i.document.description.contains("DBPassword"),
        "not a network value, and secret"
    );
}

#[test]
fn given_parameters_are_checked_as_cloudformation_checks_them() {
    let given = |k: &str, v: &str| import(DATABASE, &[(k.to_owned(), v.to_owned())]);
    let e = given("DBPassword", "short").unwrap_err();
    assert_eq!(
        e.to_string(),
        "parameter `DBPassword` cannot be `****`: it must have at least 8 characters"
    );
    let e = given("DBPassword", "has spaces in it").unwrap_err();
    assert!(e.to_string().ends_with("it must match the pattern [a-zA-Z0-9]*"), "{e}");
    let e = given("DbPort", "80").unwrap_err();
    assert_eq!(
        e.to_string(),
        "parameter `DbPort` cannot be `80`: the smallest value allowed is 1150"
    );
    let e = given("Stage", "staging").unwrap_err();
    assert!(
        matches!(&e.kind, ErrorKind::BadParameterValue { name, .. } if name == "Stage"),
        "{e}"
    );
    let i = given("AppSubnetCidr", "10.0.7.0/24").unwrap();
    let p = param(&i, "AppSubnetCidr");
    assert_eq!((p.source, p.value.as_str()), ("given", "10.0.7.0/24"));
    let subnet = i
        .document
        .subnets
        .iter()
        .find(|s| s.id.as_str() == "AppSubnet")
        .unwrap();
    assert_eq!(
        subnet.name,
        format!("AppSubnet {ASSUMES_MARK} Stage)"),
        "its AZ is still assumed, its block not"
    );
}

#[test]
fn strict_params_keeps_the_refusal() {
    let e = import_with(DATABASE, &[], Options { strict_params: true }).unwrap_err();
    let ErrorKind::MissingParameters(needed) = &e.kind else {
        panic!("{e}")
    };
    let names: Vec<&str> = needed.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "DBPassword",
            "BucketName",
            "AppSubnetCidr",
            "DbPort",
            "Stage",
            "Exposed"
        ]
    );
    assert!(e.to_string().contains("--param AppSubnetCidr=…"), "{e}");
}

#[test]
fn a_condition_on_a_network_resource_makes_its_parameter_a_network_one() {
    let t = "Parameters:\n  CreateNat: {Type: String}\n  Owner: {Type: String}\nConditions:\n  WithNat: !Equals [!Ref CreateNat, 'yes']\n  Tagged: !Not [!Equals [!Ref Owner, '']]\nResources:\n  Nat:\n    Type: AWS::EC2::NatGateway\n    Condition: WithNat\n    Properties: {SubnetId: subnet-1}\n  Topic:\n    Type: AWS::SNS::Topic\n    Condition: Tagged\n";
    let i = ok(t);
    let nat = param(&i, "CreateNat");
    assert_eq!(nat.feeds, ["condition WithNat of Nat"]);
    assert!(nat.network);
    assert!(
        !param(&i, "Owner").network,
        "a condition on a topic decides nothing in the network"
    );
}

#[test]
fn sam_generated_resources_resolve_and_are_reported_as_generated() {
    let t = "\
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      AutoPublishAlias: live
      Events:
        Get: {Type: Api, Properties: {Path: /, Method: get}}
        Http: {Type: HttpApi}
        Queue: {Type: SQS, Properties: {Queue: !GetAtt Jobs.Arn}}
  Jobs: {Type: AWS::SQS::Queue}
  Mapping:
    Type: AWS::ApiGateway::BasePathMapping
    DependsOn: [ServerlessRestApiProdStage, OrdersVersion926eeb5ff1]
    Properties:
      RestApiId: !Ref ServerlessRestApi
      DomainName: !Sub '${ServerlessHttpApi}.example.com'
      Stage: !Ref ServerlessHttpApiApiGatewayDefaultStage
  Alarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Dimensions:
        - {Name: Resource, Value: !Ref Orders.Alias}
        - {Name: Role, Value: !GetAtt OrdersRole.Arn}
        - {Name: Alias, Value: !Ref OrdersAliaslive}
        - {Name: Mapping, Value: !Ref OrdersQueue}
";
    let i = ok(t);
    let generated: Vec<(&str, &str)> = i
        .report
        .generated
        .iter()
        .map(|g| (g.id.as_str(), g.resource_type.as_str()))
        .collect();
    for expected in [
        ("OrdersRole", "AWS::IAM::Role"),
        ("OrdersAliaslive", "AWS::Lambda::Alias"),
        ("ServerlessRestApi", "AWS::ApiGateway::RestApi"),
        ("ServerlessRestApiProdStage", "AWS::ApiGateway::Stage"),
        ("ServerlessHttpApi", "AWS::ApiGatewayV2::Api"),
        ("ServerlessHttpApiApiGatewayDefaultStage", "AWS::ApiGatewayV2::Stage"),
        ("OrdersGetPermissionProd", "AWS::Lambda::Permission"),
        ("OrdersQueue", "AWS::Lambda::EventSourceMapping"),
        ("OrdersVersion926eeb5ff1", "AWS::Lambda::Version"),
    ] {
        assert!(generated.contains(&expected), "{expected:?} in {generated:?}");
    }
    assert!(i.report.generated.iter().all(|g| g.by == "Orders"));
    // Generated resources are neither modelled nor "not modelled".
    assert!(i.report.not_modelled.iter().all(|n| !n.id.starts_with("Serverless")));
    assert_eq!(i.document.functions[0].id.as_str(), "Orders");
}

#[test]
fn sam_names_are_only_known_where_sam_generates_them() {
    // Without the transform, ServerlessRestApi is an unknown name, as CloudFormation says.
    let e = import(
        "Resources:\n  M:\n    Type: AWS::ApiGateway::BasePathMapping\n    Properties: {RestApiId: !Ref ServerlessRestApi}\n",
        &[],
    )
    .unwrap_err();
    assert!(
        matches!(&e.kind, ErrorKind::MissingReference { name, .. } if name == "ServerlessRestApi"),
        "{e}"
    );
    // With a Role given, no <Function>Role; with RestApiId given, no implicit API.
    let t = "Transform: AWS::Serverless-2016-10-31\nResources:\n  Api: {Type: AWS::Serverless::Api, Properties: {StageName: v1}}\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Role: arn:aws:iam::123456789012:role/r\n      Events: {Get: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /, Method: get}}}\n  M:\n    Type: AWS::ApiGateway::BasePathMapping\n    Properties: {RestApiId: !Ref FRole}\n";
    let e = import(t, &[]).unwrap_err();
    assert!(
        matches!(&e.kind, ErrorKind::MissingReference { name, .. } if name == "FRole"),
        "{e}"
    );
    let ok = import(&t.replace("!Ref FRole", "!Ref Apiv1Stage"), &[]).unwrap();
    let ids: Vec<&str> = ok.report.generated.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(
        ids,
        ["Apiv1Stage", "FGetPermissionv1"],
        "the explicit API's stage names the permission"
    );
}

#[test]
fn duplicate_keys_keep_the_last_with_a_warning_naming_both_lines() {
    let t = "Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.1.0.0/16\n      CidrBlock: 10.2.0.0/16\nOutputs:\n  Id:\n    Value: !Ref Vpc\n  Id:\n    Value: !GetAtt Vpc.CidrBlock\n";
    let i = ok(t);
    assert_eq!(i.document.vpcs[0].cidr.as_str(), "10.2.0.0/16", "the last one wins");
    assert_eq!(
        i.report.warnings,
        [
            "the key `CidrBlock` appears twice in the same mapping (lines 5 and 6); as in CloudFormation, the last one (line 6) is used",
            "the key `Id` appears twice in the same mapping (lines 8 and 10); as in CloudFormation, the last one (line 10) is used",
        ]
    );
    assert!(ok("Resources:\n  Q: {Type: AWS::SQS::Queue}\n")
        .report
        .warnings
        .is_empty());
}

#[test]
fn a_subnet_association_sets_its_table_when_the_vpc_is_outside() {
    let t = "\
Parameters:
  VpcId: {Type: 'AWS::EC2::VPC::Id'}
Resources:
  Private:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref VpcId, CidrBlock: 10.0.1.0/24, AvailabilityZone: us-east-1a}
  PrivateRt: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref VpcId}}
  Assoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref Private, RouteTableId: !Ref PrivateRt}
  Fn:
    Type: AWS::Lambda::Function
    Properties: {VpcConfig: {SubnetIds: [!Ref Private], SecurityGroupIds: [sg-1]}}
";
    let i = ok(t);
    let s = &i.document.subnets[0];
    assert_eq!(s.route_table.as_ref().map(|r| r.as_str()), Some("PrivateRt"));
    // An association of an outside subnet (a parameter) to a table of the template.
    let t2 = "\
Parameters:
  SubnetId: {Type: 'AWS::EC2::Subnet::Id'}
Resources:
  Rt: {Type: AWS::EC2::RouteTable, Properties: {VpcId: vpc-1}}
  Assoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref SubnetId, RouteTableId: !Ref Rt}
  Fn:
    Type: AWS::Lambda::Function
    Properties: {VpcConfig: {SubnetIds: [!Ref SubnetId], SecurityGroupIds: [sg-1]}}
";
    let i = ok(t2);
    let s = i.document.subnets.iter().find(|s| s.id.as_str() == "SubnetId").unwrap();
    assert_eq!(s.route_table.as_ref().map(|r| r.as_str()), Some("Rt"));
    assert_eq!(s.vpc.as_str(), "vpc-1", "the table's VPC");
}

#[test]
fn list_attributes_and_list_parameters_can_be_selected_from() {
    // aws-cloudformation-templates EC2/SingleENIwithMultipleEIPs.yaml selects from a list attribute.
    let t = "Parameters:\n  Subnets: {Type: 'List<AWS::EC2::Subnet::Id>'}\nResources:\n  Eni: {Type: AWS::EC2::NetworkInterface, Properties: {SubnetId: !Select [2, !Ref Subnets]}}\n  Assoc:\n    Type: AWS::EC2::EIPAssociation\n    Properties: {NetworkInterfaceId: !Ref Eni, PrivateIpAddress: !Select [1, !GetAtt Eni.SecondaryPrivateIpAddresses]}\n";
    let i = ok(t);
    assert_eq!(param(&i, "Subnets").value, "Subnets-1,Subnets-2,Subnets-3");
    assert_eq!(param(&i, "Subnets").source, "outside");
    // Past the end of what the template selects is still an error, with its position.
    let e = import(&t.replace("!Select [1, !GetAtt", "!Select [3, !GetAtt"), &[]).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("Fn::Select: index 3 is past the end of a list of 3"),
        "{e}"
    );
}

#[test]
fn sam_layers_policies_globals_and_every_event_type_never_make_a_template_unreadable() {
    let t = "\
Transform: AWS::Serverless-2016-10-31
Globals:
  Function: {Runtime: python3.12, Timeout: 10, Layers: [!Ref Deps], Environment: {Variables: {TABLE: !Ref Table}}}
  Api: {Cors: \"'*'\"}
  HttpApi: {CorsConfiguration: {AllowOrigins: ['*']}}
Resources:
  Deps: {Type: AWS::Serverless::LayerVersion, Properties: {ContentUri: layer/}}
  Table: {Type: AWS::Serverless::SimpleTable}
  Bucket: {Type: AWS::S3::Bucket}
  Topic: {Type: AWS::SNS::Topic}
  Stream: {Type: AWS::Kinesis::Stream, Properties: {ShardCount: 1}}
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      CodeUri: src/
      AutoPublishAlias: live
      DeploymentPreference: {Type: AllAtOnce}
      FunctionUrlConfig: {AuthType: NONE}
      Policies:
        - DynamoDBCrudPolicy: {TableName: !Ref Table}
        - S3ReadPolicy: {BucketName: !Ref Bucket}
        - AWSLambdaBasicExecutionRole
      Events:
        Get: {Type: Api, Properties: {Path: /items, Method: get}}
        Put: {Type: HttpApi, Properties: {Path: /items, Method: put}}
        Upload: {Type: S3, Properties: {Bucket: !Ref Bucket, Events: s3:ObjectCreated:*}}
        Note: {Type: SNS, Properties: {Topic: !Ref Topic}}
        Records: {Type: Kinesis, Properties: {Stream: !GetAtt Stream.Arn, StartingPosition: LATEST}}
        Changes: {Type: DynamoDB, Properties: {Stream: !GetAtt Table.StreamArn, StartingPosition: LATEST}}
        Nightly: {Type: Schedule, Properties: {Schedule: rate(1 day)}}
        Later: {Type: ScheduleV2, Properties: {ScheduleExpression: rate(1 hour)}}
        Logs: {Type: CloudWatchLogs, Properties: {LogGroupName: /x, FilterPattern: ''}}
Outputs:
  Api: {Value: !Sub 'https://${ServerlessRestApi}.execute-api.${AWS::Region}.amazonaws.com/Prod/'}
  Http: {Value: !GetAtt ServerlessHttpApi.ApiEndpoint}
  Alias: {Value: !Ref Worker.Alias}
  Url: {Value: !GetAtt WorkerUrl.FunctionUrl}
";
    let i = ok(t);
    let ids: Vec<&str> = i.report.generated.iter().map(|g| g.id.as_str()).collect();
    for id in [
        "WorkerRole",
        "WorkerAliaslive",
        "WorkerUrl",
        "WorkerDeploymentGroup",
        "ServerlessDeploymentApplication",
        "WorkerGetPermissionProd",
        "WorkerPutPermission",
        "WorkerUploadPermission",
        "WorkerNote",
        "WorkerNotePermission",
        "WorkerRecords",
        "WorkerChanges",
        "WorkerNightly",
        "WorkerNightlyPermission",
        "WorkerLater",
        "WorkerLaterRole",
        "WorkerLogs",
        "WorkerLogsPermission",
    ] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    assert_eq!(i.document.functions[0].id.as_str(), "Worker");
    assert!(i.document.functions[0].vpc_config.is_none());
}

/// Rule I1 through the importer: blocks written with host bits are kept as written and
/// evaluated as the network EC2 stores, with an info per block, never as malformed.
#[test]
fn template_cidrs_with_host_bits_are_read_as_ec2_stores_them() {
    let t = "Resources:\n  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.20.30.40/24}}\n  Sn: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.20.30.70/26, AvailabilityZone: us-east-1a}}\n  Sg: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: g, VpcId: !Ref Vpc}}\n  F: {Type: AWS::Lambda::Function, Properties: {VpcConfig: {SubnetIds: [!Ref Sn], SecurityGroupIds: [!Ref Sg]}}}\n";
    let i = ok(t);
    assert_eq!(i.document.subnets[0].cidr.as_str(), "10.20.30.70/26", "kept as written");
    let a = vpc_engine::analyze(&i.document);
    let codes: Vec<(&str, Option<&str>)> = a
        .diagnostics
        .iter()
        .map(|d| (d.message.id.code(), d.component.as_ref().map(|c| c.as_str())))
        .collect();
    assert!(codes.contains(&("I1.cidr-host-bits", Some("Vpc"))), "{codes:?}");
    assert!(codes.contains(&("I1.cidr-host-bits", Some("Sn"))), "{codes:?}");
    assert!(
        !codes.iter().any(|(c, _)| c.starts_with("V.")),
        "no error: 10.20.30.64/26 is inside 10.20.30.0/24: {codes:?}"
    );
    let info = a
        .diagnostics
        .iter()
        .find(|d| d.component.as_ref().is_some_and(|c| c.as_str() == "Sn"))
        .unwrap();
    assert_eq!(info.message.get("expected"), Some("10.20.30.64/26"));
}

#[test]
fn a_stand_alone_egress_rule_replaces_the_default_allow_all_rule() {
    // Rule I2: a group written without SecurityGroupEgress gets AWS's allow-all rule; a
    // stand-alone AWS::EC2::SecurityGroupEgress then takes its place. A group with inline
    // egress keeps exactly what it lists, plus the stand-alone rules.
    let text = "\
Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  Lone: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: x, VpcId: !Ref Vpc}}
  LoneOut:
    Type: AWS::EC2::SecurityGroupEgress
    Properties: {GroupId: !Ref Lone, IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/16}
  Untouched: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: y, VpcId: !Ref Vpc}}
";
    let doc = ok(text).document;
    let sg = |id: &str| doc.security_groups.iter().find(|g| g.id.as_str() == id).unwrap();
    let lone: Vec<String> = sg("Lone").outbound.iter().map(|r| format!("{:?}", r.peer)).collect();
    assert_eq!(sg("Lone").outbound.len(), 1, "only the stand-alone rule: {lone:?}");
    assert_eq!(sg("Lone").outbound[0].from_port, 443);
    assert!(
        !sg("Untouched").outbound.is_empty(),
        "the default rule stays where nothing replaced it"
    );
}

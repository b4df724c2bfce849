//! Test fixture builders for templates: the preamble every network test repeats (a VPC, its
//! subnets, a group, a function in them) written once, each resource in flow style, so a
//! test states only what it is about.

#![allow(dead_code)]

/// A template under construction.
#[derive(Clone, Debug, Default)]
pub struct Template {
    resources: Vec<String>,
}

impl Template {
    /// A VPC `Vpc` (10.0.0.0/16, DNS on) with two subnets in two AZs: `A` (10.0.1.0/24,
    /// us-east-1a) and `B` (10.0.2.0/24, us-east-1b), no route table of their own (the main
    /// table's local route), the default network ACL.
    pub fn network() -> Self {
        Template::default()
            .resource(
                "Vpc",
                "AWS::EC2::VPC",
                "{CidrBlock: 10.0.0.0/16, EnableDnsSupport: true, EnableDnsHostnames: true}",
            )
            .resource(
                "A",
                "AWS::EC2::Subnet",
                "{VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: us-east-1a}",
            )
            .resource(
                "B",
                "AWS::EC2::Subnet",
                "{VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24, AvailabilityZone: us-east-1b}",
            )
    }

    /// Any resource, its properties as a YAML flow mapping (`{Key: value}`).
    pub fn resource(mut self, id: &str, ty: &str, properties: &str) -> Self {
        self.resources
            .push(format!("  {id}:\n    Type: {ty}\n    Properties: {properties}\n"));
        self
    }

    /// A security group of `Vpc` admitting TCP `port` from the members of `source`, with no
    /// egress rule written (AWS's allow-all stays). A group admitting its own members has
    /// the rule as a resource of its own (`<id>Self`): CloudFormation refuses an inline
    /// rule naming the group it is in as a circular dependency.
    pub fn group_admitting(self, id: &str, port: u16, source: &str) -> Self {
        let rule = format!("IpProtocol: tcp, FromPort: {port}, ToPort: {port}, SourceSecurityGroupId: !Ref {source}");
        if source == id {
            self.resource(
                id,
                "AWS::EC2::SecurityGroup",
                &format!("{{GroupDescription: {id}, VpcId: !Ref Vpc}}"),
            )
            .resource(
                &format!("{id}Self"),
                "AWS::EC2::SecurityGroupIngress",
                &format!("{{GroupId: !Ref {id}, {rule}}}"),
            )
        } else {
            let props = format!("{{GroupDescription: {id}, VpcId: !Ref Vpc, SecurityGroupIngress: [{{{rule}}}]}}");
            self.resource(id, "AWS::EC2::SecurityGroup", &props)
        }
    }

    /// A Lambda function in `subnets` with `groups`.
    pub fn function(self, id: &str, subnets: &[&str], groups: &[&str]) -> Self {
        let refs = |ids: &[&str]| ids.iter().map(|i| format!("!Ref {i}")).collect::<Vec<_>>().join(", ");
        let props = format!(
            "{{Handler: app.handler, VpcConfig: {{SubnetIds: [{}], SecurityGroupIds: [{}]}}}}",
            refs(subnets),
            refs(groups)
        );
        self.resource(id, "AWS::Lambda::Function", &props)
    }

    /// The template's text.
    pub fn text(&self) -> String {
        format!(
            "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n{}",
            self.resources.concat()
        )
    }

    /// The template imported, or a panic naming why not.
    pub fn import(&self) -> vpc_cfn::Import {
        vpc_cfn::import(&self.text(), &[]).unwrap_or_else(|e| panic!("refused: {e}\n{}", self.text()))
    }
}

//! Test fixture builders for Terraform configurations: the preamble every network test
//! repeats (a VPC, its subnets, a group, a function in them) written once, so a test states
//! only what it is about.

#![allow(dead_code)]

/// A configuration under construction, one `main.tf`.
#[derive(Clone, Debug, Default)]
pub struct Config {
    blocks: Vec<String>,
}

impl Config {
    /// `aws_vpc.main` (10.0.0.0/16) with two subnets in two AZs: `aws_subnet.a`
    /// (10.0.1.0/24, us-east-1a) and `aws_subnet.b` (10.0.2.0/24, us-east-1b); no route
    /// table of their own (the main table's local route), the default network ACL.
    pub fn network() -> Self {
        Config::default()
            .resource(
                "aws_vpc",
                "main",
                "cidr_block = \"10.0.0.0/16\"\nenable_dns_hostnames = true",
            )
            .resource(
                "aws_subnet",
                "a",
                "vpc_id = aws_vpc.main.id\ncidr_block = \"10.0.1.0/24\"\navailability_zone = \"us-east-1a\"",
            )
            .resource(
                "aws_subnet",
                "b",
                "vpc_id = aws_vpc.main.id\ncidr_block = \"10.0.2.0/24\"\navailability_zone = \"us-east-1b\"",
            )
    }

    /// Any resource block, its body as HCL.
    pub fn resource(mut self, ty: &str, name: &str, body: &str) -> Self {
        let body: String = body.lines().map(|l| format!("  {l}\n")).collect();
        self.blocks.push(format!("resource \"{ty}\" \"{name}\" {{\n{body}}}\n"));
        self
    }

    /// `aws_security_group.<name>` of the VPC admitting TCP `port` from its own members
    /// (`self = true`), with all egress allowed (Terraform removes AWS's default rule, so it
    /// is written).
    pub fn group_admitting_itself(self, name: &str, port: u16) -> Self {
        let body = format!(
            "vpc_id = aws_vpc.main.id\ningress {{\n  protocol  = \"tcp\"\n  from_port = {port}\n  to_port   = {port}\n  self      = true\n}}\negress {{\n  protocol    = \"-1\"\n  from_port   = 0\n  to_port     = 0\n  cidr_blocks = [\"0.0.0.0/0\"]\n}}"
        );
        self.resource("aws_security_group", name, &body)
    }

    /// `aws_lambda_function.<name>` in `subnets` with `groups` (addresses).
    pub fn function(self, name: &str, subnets: &[&str], groups: &[&str]) -> Self {
        let ids = |a: &[&str]| a.iter().map(|x| format!("{x}.id")).collect::<Vec<_>>().join(", ");
        let body = format!(
            "function_name = \"{name}\"\nrole = \"arn:aws:iam::123456789012:role/fn\"\nvpc_config {{\n  subnet_ids         = [{}]\n  security_group_ids = [{}]\n}}",
            ids(subnets),
            ids(groups)
        );
        self.resource("aws_lambda_function", name, &body)
    }

    /// The configuration's text.
    pub fn text(&self) -> String {
        self.blocks.join("\n")
    }

    /// The configuration imported, or a panic naming why not.
    pub fn import(&self) -> vpc_tf::Import {
        let input = vpc_tf::Input {
            files: vec![("main.tf".into(), self.text())],
            ..Default::default()
        };
        vpc_tf::import(&input).unwrap_or_else(|e| panic!("refused: {e}\n{}", self.text()))
    }
}

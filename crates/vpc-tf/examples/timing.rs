//! How long importing a large Terraform configuration takes, natively.
//!
//! `cargo run --profile bench -p vpc-tf --example timing -- 1000 10000` (these sizes without
//! arguments) generates configurations of about 1,000 and 10,000 resources (blocks of 21: a VPC with public and private subnets in two zones made
//! with `count` and `cidrsubnet`, routes, a NAT gateway, a security group with `dynamic`
//! ingress over a local map, a function, a database, a `for_each` queue pair) and prints the
//! median time of `vpc_tf::import` (evaluation and mapping), per 1,000 resources too (linear
//! import keeps that figure about the same at both sizes), and of import + `analyze`.

use std::fmt::Write as _;
use std::time::Instant;

/// Resource instances per block (with `count` and `for_each` expanded).
const BLOCK: usize = 21;

/// One block of [`BLOCK`] resource instances, suffixed `i`.
fn block(out: &mut String, i: usize) {
    let b = i % 250;
    let _ = write!(
        out,
        r#"
resource "aws_vpc" "v{i}" {{
  cidr_block           = "10.{b}.0.0/16"
  enable_dns_hostnames = true
}}
resource "aws_internet_gateway" "igw{i}" {{
  vpc_id = aws_vpc.v{i}.id
}}
resource "aws_subnet" "public{i}" {{
  count             = 2
  vpc_id            = aws_vpc.v{i}.id
  cidr_block        = cidrsubnet(aws_vpc.v{i}.cidr_block, 8, count.index)
  availability_zone = local.azs[count.index]
}}
resource "aws_subnet" "private{i}" {{
  count             = 2
  vpc_id            = aws_vpc.v{i}.id
  cidr_block        = cidrsubnet(aws_vpc.v{i}.cidr_block, 8, count.index + 10)
  availability_zone = element(local.azs, count.index)
}}
resource "aws_route_table" "public{i}" {{
  vpc_id = aws_vpc.v{i}.id
  route {{
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw{i}.id
  }}
}}
resource "aws_route_table_association" "public{i}" {{
  count          = 2
  subnet_id      = aws_subnet.public{i}[count.index].id
  route_table_id = aws_route_table.public{i}.id
}}
resource "aws_eip" "nat{i}" {{
  domain = "vpc"
}}
resource "aws_nat_gateway" "nat{i}" {{
  allocation_id = aws_eip.nat{i}.id
  subnet_id     = aws_subnet.public{i}[0].id
}}
resource "aws_route_table" "private{i}" {{
  vpc_id = aws_vpc.v{i}.id
}}
resource "aws_route" "private_default{i}" {{
  route_table_id         = aws_route_table.private{i}.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.nat{i}.id
}}
resource "aws_route_table_association" "private{i}" {{
  count          = 2
  subnet_id      = aws_subnet.private{i}[count.index].id
  route_table_id = aws_route_table.private{i}.id
}}
resource "aws_security_group" "app{i}" {{
  vpc_id = aws_vpc.v{i}.id
  dynamic "ingress" {{
    for_each = local.ports
    content {{
      from_port = ingress.value
      to_port   = ingress.value
      protocol  = "tcp"
      self      = true
    }}
  }}
  egress {{
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }}
}}
resource "aws_lambda_function" "fn{i}" {{
  function_name = "fn{i}"
  role          = "arn:aws:iam::123456789012:role/fn"
  vpc_config {{
    subnet_ids         = aws_subnet.private{i}[*].id
    security_group_ids = [aws_security_group.app{i}.id]
  }}
}}
resource "aws_db_subnet_group" "db{i}" {{
  subnet_ids = aws_subnet.private{i}[*].id
}}
resource "aws_db_instance" "db{i}" {{
  engine                 = "postgres"
  db_subnet_group_name   = aws_db_subnet_group.db{i}.name
  vpc_security_group_ids = [aws_security_group.app{i}.id]
}}
resource "aws_sqs_queue" "q{i}" {{
  for_each = toset(["in", "out"])
  name     = "q{i}-${{each.key}}"
}}
"#
    );
}

fn config(resources: usize) -> String {
    let mut out = String::from(
        "locals {\n  azs   = [\"us-east-1a\", \"us-east-1b\"]\n  ports = { postgres = 5432, https = 443 }\n}\n",
    );
    // Whole blocks, at most `resources` instances: 10,000 stays within the design's limit.
    for i in 0..(resources / BLOCK).max(1) {
        block(&mut out, i);
    }
    out
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![1000, 10_000] } else { sizes };
    for n in sizes {
        measure(n);
    }
}

/// Imports (and analyses) a generated configuration of at most `resources` resource
/// instances, printing the medians.
fn measure(resources: usize) {
    let text = config(resources);
    let input = vpc_tf::Input {
        files: vec![("main.tf".into(), text.clone())],
        ..Default::default()
    };
    let first = vpc_tf::import(&input).expect("the generated configuration imports");
    let runs = 11;
    let time = |with_analysis: bool| {
        median(
            (0..runs)
                .map(|_| {
                    let t = Instant::now();
                    let i = vpc_tf::import(&input).expect("imports");
                    if with_analysis {
                        std::hint::black_box(vpc_engine::analyze(&i.document));
                    }
                    std::hint::black_box(i);
                    t.elapsed().as_secs_f64() * 1000.0
                })
                .collect(),
        )
    };
    let modelled = first.report.modelled.len();
    println!(
        "Terraform configuration: {} KB, {modelled} resources modelled, {} components",
        text.len() / 1024,
        first.document.components().count()
    );
    let import = time(false);
    println!(
        "  import            {import:>8.1} ms (median of {runs}; {:.2} ms per 1,000 resources)",
        import * 1000.0 / modelled as f64
    );
    println!("  import + analyze  {:>8.1} ms (median of {runs})", time(true));
}

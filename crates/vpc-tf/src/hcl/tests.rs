use super::*;
use serde_json::json;

fn input(files: &[(&str, &str)]) -> Input {
    Input {
        files: files.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect(),
        ..Default::default()
    }
}

fn no_registry(_: &RegistryCall) -> Option<Expansion> {
    None
}

fn eval(files: &[(&str, &str)]) -> Evaluated {
    match evaluate(&input(files), &no_registry) {
        Ok(e) => e,
        Err(e) => panic!("evaluation failed: {e}"),
    }
}

fn eval_err(files: &[(&str, &str)]) -> String {
    match evaluate(&input(files), &no_registry) {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.to_string(),
    }
}

fn res<'a>(e: &'a Evaluated, addr: &str) -> &'a Resource {
    e.resources.iter().find(|r| r.address == addr).unwrap_or_else(|| {
        panic!(
            "no {addr}; have {:?}",
            e.resources.iter().map(|r| &r.address).collect::<Vec<_>>()
        )
    })
}

/// The value of one expression, evaluated as an attribute of a resource.
fn value_of(expr: &str) -> Result<Value, String> {
    let src = format!("resource \"t\" \"t\" {{\n  v = {expr}\n}}\n");
    evaluate(&input(&[("main.tf", &src)]), &no_registry)
        .map(|e| e.resources[0].values.get("v").cloned().unwrap_or(Value::Null))
        .map_err(|e| e.to_string())
}

/// Every supported function against the examples of Terraform's function documentation.
#[test]
fn function_table() {
    let cases: &[(&str, Value)] = &[
        (r#"cidrsubnet("172.16.0.0/12", 4, 2)"#, json!("172.18.0.0/16")),
        (r#"cidrsubnet("10.1.2.0/24", 4, 15)"#, json!("10.1.2.240/28")),
        (
            r#"cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)"#,
            json!("fd00:fd12:3456:7800:a200::/72"),
        ),
        (
            r#"cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)"#,
            json!(["10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20"]),
        ),
        (
            r#"cidrsubnets("fd00:fd12:3456:7890::/56", 16, 16, 16, 32)"#,
            json!([
                "fd00:fd12:3456:7800::/72",
                "fd00:fd12:3456:7800:100::/72",
                "fd00:fd12:3456:7800:200::/72",
                "fd00:fd12:3456:7800:300::/88"
            ]),
        ),
        (r#"cidrhost("10.12.112.0/20", 16)"#, json!("10.12.112.16")),
        (r#"cidrhost("10.12.112.0/20", 268)"#, json!("10.12.113.12")),
        (
            r#"cidrhost("fd00:fd12:3456:7890:00a2::/72", 34)"#,
            json!("fd00:fd12:3456:7890::22"),
        ),
        (r#"cidrhost("10.0.0.0/8", 2)"#, json!("10.0.0.2")),
        (r#"cidrhost("10.0.0.0/8", -2)"#, json!("10.255.255.254")),
        (r#"cidrhost("10.0.0.0/24", -1)"#, json!("10.0.0.255")),
        (r#"cidrnetmask("172.16.0.0/12")"#, json!("255.240.0.0")),
        (r#"element(["a", "b", "c"], 1)"#, json!("b")),
        (r#"element(["a", "b", "c"], 3)"#, json!("a")),
        (r#"element(["a", "b", "c"], -1)"#, json!("c")),
        (r#"element(["a", "b", "c"], length(["a", "b", "c"])-1)"#, json!("c")),
        ("length([])", json!(0)),
        (r#"length(["a", "b"])"#, json!(2)),
        (r#"length({"a" = "b"})"#, json!(1)),
        (r#"length("hello")"#, json!(5)),
        (r#"slice(["a", "b", "c", "d"], 1, 3)"#, json!(["b", "c"])),
        (r#"concat(["a", ""], ["b", "c"])"#, json!(["a", "", "b", "c"])),
        (
            r#"merge({a="b", c="d"}, {e="f", c="z"})"#,
            json!({"a": "b", "c": "z", "e": "f"}),
        ),
        (
            r#"merge({a="b"}, {a=[1,2], c="z"}, {d=3})"#,
            json!({"a": [1, 2], "c": "z", "d": 3}),
        ),
        (r#"lookup({a="ay", b="bee"}, "a", "what?")"#, json!("ay")),
        (r#"lookup({a="ay", b="bee"}, "c", "what?")"#, json!("what?")),
        (r#"zipmap(["a", "b"], [1, 2])"#, json!({"a": 1, "b": 2})),
        (r#"flatten([["a", "b"], [], ["c"]])"#, json!(["a", "b", "c"])),
        (r#"flatten([[["a", "b"], []], ["c"]])"#, json!(["a", "b", "c"])),
        (
            r#"distinct(["a", "b", "a", "c", "d", "b"])"#,
            json!(["a", "b", "c", "d"]),
        ),
        ("keys({a=1, c=2, d=3})", json!(["a", "c", "d"])),
        ("values({a=3, c=2, d=1})", json!([3, 2, 1])),
        (r#"tolist(["a", "b", "c"])"#, json!(["a", "b", "c"])),
        (r#"toset(["a", "b", "c"])"#, json!(["a", "b", "c"])),
        (r#"toset(["c", "b", "b"])"#, json!(["b", "c"])),
        (r#"tomap({"a" = 1, "b" = 2})"#, json!({"a": 1, "b": 2})),
        (r#"format("Hello, %s!", "Ander")"#, json!("Hello, Ander!")),
        (r#"format("There are %d lights", 4)"#, json!("There are 4 lights")),
        (
            r#"format("%-5s|%5s|%03d|%.2f|%q|%t|%%", "ab", "cd", 7, 3.14159, "x", true)"#,
            json!("ab   |   cd|007|3.14|\"x\"|true|%"),
        ),
        (
            r#"formatlist("Hello, %s!", ["Valentina", "Ander", "Olivia", "Sam"])"#,
            json!(["Hello, Valentina!", "Hello, Ander!", "Hello, Olivia!", "Hello, Sam!"]),
        ),
        (
            r#"formatlist("%s, %s!", "Salutations", ["Valentina", "Ander"])"#,
            json!(["Salutations, Valentina!", "Salutations, Ander!"]),
        ),
        (r#"join(", ", ["foo", "bar", "baz"])"#, json!("foo, bar, baz")),
        (r#"join(", ", ["foo"])"#, json!("foo")),
        (r#"split(",", "foo,bar,baz")"#, json!(["foo", "bar", "baz"])),
        (r#"split(",", "foo")"#, json!(["foo"])),
        (r#"split(",", "")"#, json!([""])),
        (r#"replace("1 + 2 + 3", "+", "-")"#, json!("1 - 2 - 3")),
        (
            r#"replace("hello world", "/w.*d/", "everybody")"#,
            json!("hello everybody"),
        ),
        (
            r#"regex("[a-z]+", "53453453.345345aaabbbccc23454")"#,
            json!("aaabbbccc"),
        ),
        (
            r#"regex("(\\d\\d\\d\\d)-(\\d\\d)-(\\d\\d)", "2019-02-01")"#,
            json!(["2019", "02", "01"]),
        ),
        (
            r#"regex("^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?", "https://terraform.io/docs/")"#,
            json!({"scheme": "https", "authority": "terraform.io"}),
        ),
        (r#"regexall("[a-z]+", "1234abcd5678efgh9")"#, json!(["abcd", "efgh"])),
        (r#"length(regexall("[a-z]+", "1234abcd5678efgh9"))"#, json!(2)),
        (r#"length(regexall("^[a-z]{2}-", "use1-az1")) > 0"#, json!(false)),
        (r#"coalesce("a", "b")"#, json!("a")),
        (r#"coalesce("", "b")"#, json!("b")),
        ("coalesce(1, 2)", json!(1)),
        (r#"coalescelist(["a", "b"], ["c", "d"])"#, json!(["a", "b"])),
        (r#"coalescelist([], ["c", "d"])"#, json!(["c", "d"])),
        ("min(12, 54, 3)", json!(3)),
        ("max(12, 54, 3)", json!(54)),
        ("max([12, 54, 3]...)", json!(54)),
        ("range(3)", json!([0, 1, 2])),
        ("range(1, 4)", json!([1, 2, 3])),
        ("range(1, 8, 2)", json!([1, 3, 5, 7])),
        ("range(1, 4, 0.5)", json!([1, 1.5, 2, 2.5, 3, 3.5])),
        ("range(4, 1)", json!([4, 3, 2])),
        ("range(10, 5, -2)", json!([10, 8, 6])),
        (r#"contains(["a", "b", "c"], "a")"#, json!(true)),
        (r#"contains(["a", "b", "c"], "d")"#, json!(false)),
        (r#"lower("HELLO")"#, json!("hello")),
        (r#"upper("hello")"#, json!("HELLO")),
        (r#"trimspace("  hello\n\n")"#, json!("hello")),
        (r#"title("hello world")"#, json!("Hello World")),
        (r#"tostring("hello")"#, json!("hello")),
        ("tostring(1)", json!("1")),
        ("tostring(true)", json!("true")),
        (r#"tonumber("1")"#, json!(1)),
        ("tonumber(1)", json!(1)),
        (r#"tobool("true")"#, json!(true)),
        (r#"jsonencode({"hello"="world"})"#, json!("{\"hello\":\"world\"}")),
        (r#"jsondecode("{\"hello\": \"world\"}")"#, json!({"hello": "world"})),
        (r#"compact(["a", "", "b", null, "c"])"#, json!(["a", "b", "c"])),
        (r#"index(["a", "b", "c"], "b")"#, json!(1)),
        ("one([])", Value::Null),
        (r#"one(["hello"])"#, json!("hello")),
        (r#"sort(["e", "d", "a", "x"])"#, json!(["a", "d", "e", "x"])),
        (r#"reverse([1, 2, 3])"#, json!([3, 2, 1])),
        (r#"substr("hello world", 1, 4)"#, json!("ello")),
        (r#"substr("hello world", -5, -1)"#, json!("world")),
        (r#"substr("hello world", 6, 10)"#, json!("world")),
        (r#"startswith("hello world", "hello")"#, json!(true)),
        (r#"startswith("hello world", "world")"#, json!(false)),
        (r#"endswith("hello world", "world")"#, json!(true)),
        (r#"strcontains("hello world", "wor")"#, json!(true)),
        (r#"trimprefix("helloworld", "hello")"#, json!("world")),
        (r#"trimsuffix("helloworld", "world")"#, json!("hello")),
        (r#"trim("?!hello?!", "!?")"#, json!("hello")),
        (r#"alltrue(["true", true])"#, json!(true)),
        ("alltrue([true, false])", json!(false)),
        ("alltrue([])", json!(true)),
        (r#"anytrue(["true"])"#, json!(true)),
        ("anytrue([])", json!(false)),
        ("sum([10, 13, 6, 4.5])", json!(33.5)),
        (
            r#"chunklist(["a", "b", "c", "d", "e"], 2)"#,
            json!([["a", "b"], ["c", "d"], ["e"]]),
        ),
        ("chunklist([], 2)", json!([])),
        (r#"chunklist(["a", "b"], 0)"#, json!([["a", "b"]])),
        (
            r#"chunklist(["a", "b", "c", "d", "e"], 1)"#,
            json!([["a"], ["b"], ["c"], ["d"], ["e"]]),
        ),
        (
            r#"setproduct(["development", "staging", "production"], ["app1", "app2"])"#,
            json!([
                ["development", "app1"],
                ["development", "app2"],
                ["staging", "app1"],
                ["staging", "app2"],
                ["production", "app1"],
                ["production", "app2"]
            ]),
        ),
        (
            r#"setunion(["a", "b"], ["b", "c"], ["d"])"#,
            json!(["a", "b", "c", "d"]),
        ),
        (r#"setintersection(["a", "b"], ["b", "c"], ["b", "d"])"#, json!(["b"])),
        (r#"setsubtract(["a", "b", "c"], ["a", "c"])"#, json!(["b"])),
        ("abs(23)", json!(23)),
        ("abs(0)", json!(0)),
        ("abs(-12.4)", json!(12.4)),
        ("ceil(5)", json!(5)),
        ("ceil(5.1)", json!(6)),
        ("floor(5)", json!(5)),
        ("floor(4.9)", json!(4)),
        ("signum(-13)", json!(-1)),
        ("pow(3, 2)", json!(9)),
        (r#"parseint("100", 10)"#, json!(100)),
        (r#"parseint("FF", 16)"#, json!(255)),
        (r#"try(tonumber("x"), "fallback")"#, json!("fallback")),
        (r#"try(tonumber("2"), "fallback")"#, json!(2)),
        (r#"can(cidrsubnet("10.0.0.0/16", 8, 1))"#, json!(true)),
        (r#"can(cidrsubnet("nope", 8, 1))"#, json!(false)),
    ];
    let mut failures = Vec::new();
    for (expr, want) in cases {
        match value_of(expr) {
            Ok(got) if value::equal(&got, want) => {}
            other => failures.push(format!("{expr}: want {want}, got {other:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Wrong arguments: the messages Terraform's functions give, located at the call.
#[test]
fn function_errors() {
    let cases: &[(&str, &str)] = &[
        (
            r#"cidrsubnet("10.0.0.0/16", 2, 4)"#,
            "prefix extension of 2 does not accommodate a subnet numbered 4",
        ),
        (
            r#"cidrsubnet("10.0.0.0/30", 8, 0)"#,
            "insufficient address space to extend prefix of 30 by 8",
        ),
        (
            r#"cidrsubnet("10.0.0.300/16", 8, 0)"#,
            "invalid CIDR address `10.0.0.300/16`",
        ),
        (
            r#"cidrsubnets("10.0.0.0/24", 1, 1, 1)"#,
            "not enough remaining address space",
        ),
        (
            r#"cidrhost("10.0.0.0/30", 4)"#,
            "prefix of 30 does not accommodate a host numbered 4",
        ),
        (r#"cidrnetmask("fd00::/8")"#, "only IPv4"),
        ("element([], 0)", "cannot use element function with an empty list"),
        (r#"slice(["a"], 0, 2)"#, "out of range"),
        (
            r#"zipmap(["a"], [1, 2])"#,
            "the keys list has 1 elements but the values list has 2",
        ),
        (r#"lookup({a = 1}, "b")"#, "the given key `b` is not in the map"),
        (r#"coalesce("", null)"#, "no non-null, non-empty-string arguments"),
        ("coalescelist([], [])", "no non-null arguments"),
        (r#"one(["a", "b"])"#, "either zero or one elements"),
        (r#"tonumber("no")"#, "cannot convert \"no\" to number"),
        ("tostring([])", "cannot convert list to string"),
        (r#"length(1)"#, "argument must be a string, list or map, not number"),
        (r#"join(",", "a")"#, "argument 2 must be a list, not string"),
        (r#"format("%d", "x")"#, "%d needs a number"),
        (r#"format("%s %s", "x")"#, "too few values"),
        (
            r#"regex("[a-z]+", "53453453.345345")"#,
            "pattern did not match any part of the given string",
        ),
        (r#"regex("(", "x")"#, "invalid regular expression `(`"),
        ("range(0, 1, 0)", "step must not be zero"),
        ("range(1e9)", "more than 100000 elements"),
        (r#"cidrsubnet("10.0.0.0/16")"#, "takes 3 arguments, 1 given"),
        (r#"try(tonumber("x"), tonumber("y"))"#, "no argument could be evaluated"),
    ];
    for (expr, want) in cases {
        match value_of(expr) {
            Err(m) => {
                assert!(m.starts_with("main.tf:2:7: invalid call to `"), "{expr}: {m}");
                assert!(m.contains(want), "{expr}: want `{want}` in `{m}`");
            }
            Ok(v) => panic!("{expr}: expected an error, got {v}"),
        }
    }
}

#[test]
fn a_function_that_fails_on_a_null_element_gives_unknown() {
    let src = "resource \"aws_vpc\" \"v\" {}\nlocals {\n  ips = [aws_vpc.v.ipv6_cidr_block, \"10.0.0.2\"]\n}\nresource \"t\" \"t\" {\n  dns = formatlist(\"%s\", local.ips)\n}\n";
    let e = eval(&[("main.tf", src)]);
    let t = res(&e, "t.t");
    assert_eq!(
        (t.values["dns"].clone(), t.unknown.clone()),
        (Value::Null, vec!["dns".to_string()])
    );
}

#[test]
fn unknown_function_is_an_error_with_its_place() {
    let m = value_of("foo(1)").unwrap_err();
    assert_eq!(
        m,
        "main.tf:2:7: unknown function `foo`: Terraform has no built-in function of that name; check the spelling"
    );
}

#[test]
fn functions_not_evaluated_give_unknown_and_a_warning() {
    let e = eval(&[(
        "main.tf",
        "resource \"aws_iam_role\" \"r\" {\n  assume_role_policy = file(\"policy.json\")\n}\n",
    )]);
    let r = res(&e, "aws_iam_role.r");
    assert_eq!(r.values["assume_role_policy"], Value::Null);
    assert_eq!(r.unknown, vec!["assume_role_policy"]);
    assert!(
        e.warnings
            .iter()
            .any(|w| w.starts_with("main.tf:2:24: function `file` is not evaluated")),
        "{:?}",
        e.warnings
    );
}

const COUNT_SUBNETS: &str = r#"
provider "aws" {
  region = var.region
}

variable "region" {
  default = "eu-west-1"
}

variable "vpc_cidr" {
  type    = string
  default = "10.0.0.0/16"
}

data "aws_availability_zones" "available" {
  state = "available"
}

locals {
  azs = slice(data.aws_availability_zones.available.names, 0, 2)
}

resource "aws_vpc" "main" {
  cidr_block = var.vpc_cidr
  tags = {
    Name = "main-${var.region}"
  }
}

resource "aws_subnet" "private" {
  count             = length(local.azs)
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(aws_vpc.main.cidr_block, 8, count.index + 10)
  availability_zone = local.azs[count.index]
}

resource "aws_route_table_association" "private" {
  count          = length(aws_subnet.private)
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_vpc.main.default_route_table_id
}

resource "aws_lambda_function" "fn" {
  function_name = "orders"
  vpc_config {
    subnet_ids         = aws_subnet.private[*].id
    security_group_ids = [aws_vpc.main.default_security_group_id]
  }
  depends_on = [aws_vpc.main]
  lifecycle {
    ignore_changes = [tags]
  }
}
"#;

#[test]
fn count_subnets_over_availability_zones() {
    let e = eval(&[("main.tf", COUNT_SUBNETS)]);
    let s0 = res(&e, "aws_subnet.private[0]");
    assert_eq!(s0.values["cidr_block"], json!("10.0.10.0/24"));
    assert_eq!(s0.values["availability_zone"], json!("eu-west-1a"));
    assert_eq!(s0.values["vpc_id"], json!("aws_vpc.main"));
    assert!(!s0.values.contains_key("count"));
    assert_eq!(
        s0.origin,
        Origin {
            file: "main.tf".into(),
            line: 30,
            column: 1
        }
    );
    let s1 = res(&e, "aws_subnet.private[1]");
    assert_eq!(s1.values["cidr_block"], json!("10.0.11.0/24"));
    assert_eq!(s1.values["availability_zone"], json!("eu-west-1b"));
    let a1 = res(&e, "aws_route_table_association.private[1]");
    assert_eq!(a1.values["subnet_id"], json!("aws_subnet.private[1]"));
    assert_eq!(a1.values["route_table_id"], json!("aws_vpc.main:main_route_table"));
    let f = res(&e, "aws_lambda_function.fn");
    assert_eq!(
        f.values["vpc_config"],
        json!([{"subnet_ids": ["aws_subnet.private[0]", "aws_subnet.private[1]"], "security_group_ids": ["aws_vpc.main:default_security_group"]}])
    );
    assert!(!f.values.contains_key("depends_on") && !f.values.contains_key("lifecycle"));
    assert_eq!(
        res(&e, "aws_vpc.main").values["tags"],
        json!({"Name": "main-eu-west-1"})
    );
    assert!(
        e.notes.iter().any(|n| n.contains("eu-west-1a, eu-west-1b, eu-west-1c")),
        "{:?}",
        e.notes
    );
    // The zones' data source is a stand-in, not a resource.
    assert!(e.resources.iter().all(|r| r.rtype != "aws_availability_zones"));
    let region = e.variables.iter().find(|v| v.name == "region").expect("region");
    assert_eq!(region.value, "\"eu-west-1\"");
    assert_eq!(region.source, "default");
    assert!(
        region.used_by.contains(&"aws_vpc.main".to_string()),
        "{:?}",
        region.used_by
    );
}

#[test]
fn zone_name_filter_and_exclusions_choose_the_zones() {
    let src = r#"
data "aws_availability_zones" "f" {
  filter {
    name   = "zone-name"
    values = ["eu-west-1a", "eu-west-1c"]
  }
}
data "aws_availability_zones" "x" {
  exclude_names = ["us-east-1b"]
}
resource "t" "t" {
  f = data.aws_availability_zones.f.names
  x = data.aws_availability_zones.x.names
}
"#;
    let e = eval(&[("main.tf", src)]);
    let t = res(&e, "t.t");
    assert_eq!(t.values["f"], json!(["eu-west-1a", "eu-west-1c"]));
    assert_eq!(t.values["x"], json!(["us-east-1a", "us-east-1c"]));
}

#[test]
fn default_region_is_noted() {
    let e = eval(&[(
        "main.tf",
        "data \"aws_region\" \"r\" {}\nresource \"aws_vpc\" \"v\" {\n  tags = { Region = data.aws_region.r.name }\n}\n",
    )]);
    assert_eq!(res(&e, "aws_vpc.v").values["tags"], json!({"Region": "us-east-1"}));
    assert!(
        e.notes.iter().any(|n| n.contains("us-east-1 was assumed")),
        "{:?}",
        e.notes
    );
}

#[test]
fn for_each_map_of_subnets() {
    let src = r#"
variable "subnets" {
  type = map(object({ cidr = string, az = string }))
  default = {
    "app-a" = { cidr = "10.0.1.0/24", az = "us-east-1a" }
    "app-b" = { cidr = "10.0.2.0/24", az = "us-east-1b" }
  }
}
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "this" {
  for_each          = var.subnets
  vpc_id            = aws_vpc.v.id
  cidr_block        = each.value.cidr
  availability_zone = each.value.az
  tags              = { Name = each.key }
}
resource "aws_route_table_association" "a" {
  for_each  = toset(["app-a", "app-b"])
  subnet_id = aws_subnet.this[each.key].id
}
locals {
  ids = [for k, s in aws_subnet.this : s.id if k != "app-b"]
  by_az = { for k, s in aws_subnet.this : s.availability_zone => k }
  all = values(aws_subnet.this)[*].cidr_block
}
resource "aws_lambda_function" "f" {
  vpc_config {
    subnet_ids = local.ids
  }
  tags = merge(local.by_az, { cidrs = join(",", local.all) })
}
"#;
    let e = eval(&[("main.tf", src)]);
    let a = res(&e, "aws_subnet.this[\"app-a\"]");
    assert_eq!(a.values["cidr_block"], json!("10.0.1.0/24"));
    assert_eq!(a.values["tags"], json!({"Name": "app-a"}));
    assert_eq!(
        res(&e, "aws_route_table_association.a[\"app-b\"]").values["subnet_id"],
        json!("aws_subnet.this[\"app-b\"]")
    );
    let f = res(&e, "aws_lambda_function.f");
    assert_eq!(
        f.values["vpc_config"][0]["subnet_ids"],
        json!(["aws_subnet.this[\"app-a\"]"])
    );
    assert_eq!(
        f.values["tags"],
        json!({"us-east-1a": "app-a", "us-east-1b": "app-b", "cidrs": "10.0.1.0/24,10.0.2.0/24"})
    );
}

#[test]
fn optional_attributes_get_their_defaults() {
    let src = r#"
variable "subnets" {
  type = map(object({
    cidr   = string
    public = optional(bool, false)
    az     = optional(string)
    tags   = optional(map(string), {})
  }))
  default = {
    a = { cidr = "10.0.1.0/24", public = true }
    b = { cidr = "10.0.2.0/24" }
  }
}
variable "count_as_text" {
  type    = number
  default = "2"
}
resource "aws_subnet" "s" {
  for_each                = var.subnets
  cidr_block              = each.value.cidr
  map_public_ip_on_launch = each.value.public
  tags                    = each.value.tags
  n                       = var.count_as_text + 1
}
"#;
    let e = eval(&[("main.tf", src)]);
    let b = res(&e, "aws_subnet.s[\"b\"]");
    assert_eq!(b.values["map_public_ip_on_launch"], json!(false));
    assert_eq!(b.values["tags"], json!({}));
    assert_eq!(b.values["n"], json!(3));
    assert_eq!(
        res(&e, "aws_subnet.s[\"a\"]").values["map_public_ip_on_launch"],
        json!(true)
    );
    assert!(b.unknown.is_empty(), "{:?}", b.unknown);
}

#[test]
fn dynamic_ingress_with_iterator() {
    let src = r#"
locals {
  ports = [443, 5432]
}
resource "aws_security_group" "db" {
  name = "db"
  dynamic "ingress" {
    for_each = local.ports
    iterator = port
    content {
      from_port   = port.value
      to_port     = port.value
      protocol    = "tcp"
      cidr_blocks = port.key == 0 ? ["0.0.0.0/0"] : ["10.0.0.0/16"]
    }
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
  dynamic "egress" {
    for_each = []
    content {
      from_port = egress.value
    }
  }
}
"#;
    let e = eval(&[("main.tf", src)]);
    let sg = res(&e, "aws_security_group.db");
    assert_eq!(
        sg.values["ingress"],
        json!([
            {"from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]},
            {"from_port": 5432, "to_port": 5432, "protocol": "tcp", "cidr_blocks": ["10.0.0.0/16"]}
        ])
    );
    assert_eq!(sg.values["egress"].as_array().map(|a| a.len()), Some(1));
}

#[test]
fn local_module_with_outputs() {
    let root = r#"
module "net" {
  source = "./modules/net"
  cidr   = "10.1.0.0/16"
  azs    = ["us-east-1a", "us-east-1b"]
}
module "app" {
  count      = 2
  source     = "./modules/app"
  subnet_ids = module.net.private_subnet_ids
  name       = "app${count.index}"
}
resource "aws_lambda_function" "f" {
  vpc_config {
    subnet_ids = module.net.private_subnet_ids
    security_group_ids = [module.app[1].sg_id]
  }
}
"#;
    let net = r#"
variable "cidr" {}
variable "azs" { type = list(string) }
resource "aws_vpc" "this" {
  cidr_block = var.cidr
}
resource "aws_subnet" "private" {
  count      = length(var.azs)
  vpc_id     = aws_vpc.this.id
  cidr_block = cidrsubnet(var.cidr, 4, count.index)
}
output "private_subnet_ids" {
  value = aws_subnet.private[*].id
}
"#;
    let app = r#"
variable "subnet_ids" {}
variable "name" {}
resource "aws_security_group" "this" {
  name = "${var.name}-${path.module}"
}
output "sg_id" { value = aws_security_group.this.id }
"#;
    let e = eval(&[
        ("main.tf", root),
        ("modules/net/main.tf", net),
        ("modules/app/../app/main.tf", app),
    ]);
    let s1 = res(&e, "module.net.aws_subnet.private[1]");
    assert_eq!(s1.values["cidr_block"], json!("10.1.16.0/20"));
    assert_eq!(s1.values["vpc_id"], json!("module.net.aws_vpc.this"));
    assert_eq!(s1.origin.file, "modules/net/main.tf");
    let f = res(&e, "aws_lambda_function.f");
    assert_eq!(
        f.values["vpc_config"][0],
        json!({
            "subnet_ids": ["module.net.aws_subnet.private[0]", "module.net.aws_subnet.private[1]"],
            "security_group_ids": ["module.app[1].aws_security_group.this"]
        })
    );
    assert_eq!(
        res(&e, "module.app[0].aws_security_group.this").values["name"],
        json!("app0-modules/app")
    );
    assert!(e
        .modules
        .iter()
        .any(|m| m.address == "module.net" && m.expanded && m.source == "./modules/net"));
}

#[test]
fn a_null_given_to_a_variable_that_is_not_nullable_takes_its_default() {
    let m = "variable \"p\" {\n  type = map(string)\n  default = {}\n  nullable = false\n}\nvariable \"q\" {\n  default = \"d\"\n}\nresource \"t\" \"t\" {\n  p = [for k, v in var.p : k]\n  q = var.q\n}\n";
    let e = eval(&[
        (
            "main.tf",
            "module \"m\" {\n  source = \"./m\"\n  p = null\n  q = null\n}\n",
        ),
        ("m/main.tf", m),
    ]);
    let t = res(&e, "module.m.t.t");
    assert_eq!((t.values["p"].clone(), t.values["q"].clone()), (json!([]), Value::Null));
}

#[test]
fn missing_module_folder_names_path_and_files() {
    let m = eval_err(&[
        ("main.tf", "module \"net\" {\n  source = \"../shared/net\"\n}\n"),
        ("x/y.tf", ""),
    ]);
    assert_eq!(
        m,
        "main.tf:1:1: module `net`: no .tf files in `../shared/net` (source `../shared/net`); the files given are: main.tf, x/y.tf. Add the module's folder"
    );
    // Files above the root folder are given with `../` paths.
    let e = eval(&[
        ("main.tf", "module \"net\" {\n  source = \"../shared/net\"\n}\n"),
        (
            "../shared/net/main.tf",
            "resource \"aws_vpc\" \"v\" {\n  tags = { p = path.module }\n}\n",
        ),
    ]);
    assert_eq!(
        res(&e, "module.net.aws_vpc.v").values["tags"],
        json!({"p": "../shared/net"})
    );
    let m = eval_err(&[
        ("main.tf", "module \"net\" {\n  source = \"./net\"\n}\n"),
        ("other/y.tf", ""),
    ]);
    assert_eq!(
        m,
        "main.tf:1:1: module `net`: no .tf files in `net` (source `./net`); the files given are: main.tf, other/y.tf. Add the module's folder"
    );
}

#[test]
fn recursive_module_is_an_error() {
    let m = eval_err(&[("main.tf", "module \"me\" {\n  source = \"./\"\n}\n")]);
    assert!(m.contains("modules nest deeper than 16 calls"), "{m}");
}

const REGISTRY: &str = r#"
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.0"
  cidr    = "10.0.0.0/16"
  azs     = ["eu-west-1a"]
  private_subnets = ["10.0.1.0/24"]
}
module "sg" {
  source = "terraform-aws-modules/security-group/aws"
  vpc_id = module.vpc.vpc_id
}
module "git" {
  source = "git::https://example.com/net.git?ref=v1"
}
resource "aws_lambda_function" "f" {
  vpc_config {
    subnet_ids         = module.vpc.private_subnets
    security_group_ids = [module.sg.security_group_id, module.vpc.default_security_group_id]
  }
}
"#;

#[test]
fn registry_module_expanded_by_the_expander() {
    let calls = std::cell::RefCell::new(Vec::new());
    let expand = |c: &RegistryCall| -> Option<Expansion> {
        calls.borrow_mut().push((
            c.address.clone(),
            c.source.clone(),
            c.constraint.clone(),
            c.inputs.clone(),
        ));
        if c.source != "terraform-aws-modules/vpc/aws" {
            return None;
        }
        let mut outputs = Map::new();
        outputs.insert("vpc_id".into(), json!("module.vpc.aws_vpc.this[0]"));
        outputs.insert("private_subnets".into(), json!(["module.vpc.aws_subnet.private[0]"]));
        outputs.insert(
            "default_security_group_id".into(),
            json!("module.vpc.aws_default_security_group.this[0]"),
        );
        Some(Expansion {
            resources: vec![Resource {
                address: "module.vpc.aws_vpc.this[0]".into(),
                mode: Mode::Managed,
                rtype: "aws_vpc".into(),
                values: Map::new(),
                unknown: vec![],
                origin: c.origin.clone(),
            }],
            outputs,
            assumed_version: "5.x".into(),
            notes: vec!["module.vpc: version 5.x assumed".into()],
        })
    };
    let e = evaluate(&input(&[("main.tf", REGISTRY)]), &expand).expect("evaluates");
    let calls = calls.into_inner();
    assert_eq!(calls.len(), 2, "the git module is not handed to the expander");
    assert_eq!(calls[0].0, "module.vpc");
    assert_eq!(calls[0].2.as_deref(), Some("~> 5.0"));
    assert_eq!(calls[0].3["private_subnets"], json!(["10.0.1.0/24"]));
    assert_eq!(calls[1].3["vpc_id"], json!("module.vpc.aws_vpc.this[0]"));
    assert!(e.resources.iter().any(|r| r.address == "module.vpc.aws_vpc.this[0]"));
    let f = res(&e, "aws_lambda_function.f");
    assert_eq!(
        f.values["vpc_config"][0],
        json!({
            "subnet_ids": ["module.vpc.aws_subnet.private[0]"],
            "security_group_ids": ["module.sg.security_group_id", "module.vpc.aws_default_security_group.this[0]"]
        })
    );
    let vpc = e.modules.iter().find(|m| m.address == "module.vpc").expect("vpc call");
    assert!(vpc.expanded);
    assert_eq!(vpc.assumed_version.as_deref(), Some("5.x"));
    let sg = e.modules.iter().find(|m| m.address == "module.sg").expect("sg call");
    assert!(!sg.expanded);
    assert_eq!(
        sg.why,
        "registry module not modelled: its resources are outside this configuration"
    );
    let git = e.modules.iter().find(|m| m.address == "module.git").expect("git call");
    assert!(!git.expanded && git.why.contains("fetched from outside"), "{}", git.why);
    assert!(e.notes.contains(&"module.vpc: version 5.x assumed".to_string()));
}

#[test]
fn a_registry_submodule_is_handed_over_with_its_subdirectory() {
    let src = "module \"endpoints\" {\n  source  = \"terraform-aws-modules/vpc/aws//modules/vpc-endpoints?ref=v5\"\n  version = \"~> 5.0\"\n}\n";
    let seen = std::cell::RefCell::new(Vec::new());
    let expand = |c: &RegistryCall| -> Option<Expansion> {
        seen.borrow_mut().push(c.source.clone());
        None
    };
    evaluate(&input(&[("main.tf", src)]), &expand).expect("evaluates");
    assert_eq!(
        seen.into_inner(),
        vec!["terraform-aws-modules/vpc/aws//modules/vpc-endpoints".to_string()]
    );
}

#[test]
fn registry_module_with_unknown_for_each_still_gives_placeholders() {
    let src = r#"
module "sg" {
  for_each = toset(module.other.names)
  source   = "cloudposse/security-group/aws"
}
module "other" {
  source = "cloudposse/label/null"
}
resource "aws_vpc_endpoint" "e" {
  security_group_ids = [module.sg["ec2"].id]
}
"#;
    let e = eval(&[("main.tf", src)]);
    assert_eq!(
        res(&e, "aws_vpc_endpoint.e").values["security_group_ids"],
        json!(["module.sg[\"ec2\"].id"])
    );
    let sg = e.modules.iter().find(|m| m.address == "module.sg").expect("recorded");
    assert!(!sg.expanded && sg.why.starts_with("no instance"), "{}", sg.why);
}

#[test]
fn registry_module_not_expanded_gives_placeholders() {
    let e = eval(&[("main.tf", REGISTRY)]);
    let f = res(&e, "aws_lambda_function.f");
    assert_eq!(
        f.values["vpc_config"][0]["subnet_ids"],
        json!("module.vpc.private_subnets")
    );
    assert_eq!(
        f.values["vpc_config"][0]["security_group_ids"][0],
        json!("module.sg.security_group_id")
    );
    assert_eq!(e.modules.len(), 3);
}

const VARS: &str = r#"
variable "cidr" {
  type    = string
  default = "10.0.0.0/16"
}
variable "azs" {
  type = list(string)
}
variable "name" {}
variable "db_password" {
  type      = string
  sensitive = true
  default   = "hunter2"
  description = "The database password"
}
variable "private_cidr" {}
resource "aws_vpc" "v" {
  cidr_block = var.cidr
  tags = { Name = var.name, Azs = join(",", var.azs) }
}
resource "aws_db_instance" "db" {
  password = var.db_password
  cidr     = var.private_cidr
}
"#;

#[test]
fn tfvars_precedence() {
    let mut inp = input(&[
        ("main.tf", VARS),
        (
            "terraform.tfvars",
            "cidr = \"10.1.0.0/16\"\nname = \"from-tfvars\"\nazs = [\"a\"]\n",
        ),
        ("b.auto.tfvars", "cidr = \"10.3.0.0/16\"\n"),
        ("a.auto.tfvars", "cidr = \"10.2.0.0/16\"\nname = \"from-auto\"\n"),
    ]);
    let e = evaluate(&inp, &no_registry).expect("evaluates");
    let vpc = res(&e, "aws_vpc.v");
    assert_eq!(
        vpc.values["cidr_block"],
        json!("10.3.0.0/16"),
        "the lexically last .auto.tfvars wins"
    );
    assert_eq!(vpc.values["tags"], json!({"Name": "from-auto", "Azs": "a"}));
    let cidr = e.variables.iter().find(|v| v.name == "cidr").expect("cidr");
    assert_eq!(cidr.source, "tfvars (b.auto.tfvars)");
    inp.var_files
        .push(("prod.tfvars".into(), "name = \"from-var-file\"\n".into()));
    inp.vars.push(("cidr".into(), "10.9.0.0/16".into()));
    inp.vars.push(("azs".into(), "[\"x\", \"y\"]".into()));
    let e = evaluate(&inp, &no_registry).expect("evaluates");
    let vpc = res(&e, "aws_vpc.v");
    assert_eq!(vpc.values["cidr_block"], json!("10.9.0.0/16"));
    assert_eq!(vpc.values["tags"], json!({"Name": "from-var-file", "Azs": "x,y"}));
    assert_eq!(
        e.variables.iter().find(|v| v.name == "azs").map(|v| v.source.as_str()),
        Some("var")
    );
}

#[test]
fn variables_without_values_get_stand_ins() {
    let e = eval(&[("main.tf", VARS)]);
    let v = |n: &str| e.variables.iter().find(|v| v.name == n).expect("declared");
    assert_eq!((v("azs").value.as_str(), v("azs").source.as_str()), ("[]", "stand-in"));
    assert_eq!(v("name").value, "\"var.name\"");
    assert_eq!(v("private_cidr").value, "\"10.0.0.0/16\"");
    assert!(
        e.notes
            .iter()
            .any(|n| n.starts_with("main.tf:9:1: variable `name` has no value; assumed \"var.name\"")),
        "{:?}",
        e.notes
    );
}

#[test]
fn unknown_elements_stay_unknown_inside_for_expressions() {
    let src = r#"
resource "aws_vpc" "v" {}
resource "t" "t" {
  firsts = [for s in [aws_vpc.v.ipv6_cidr_block, "a/b"] : split("/", s)[0]]
}
"#;
    let e = eval(&[("main.tf", src)]);
    let t = res(&e, "t.t");
    assert_eq!(t.values["firsts"], json!([null, "a"]));
    assert_eq!(t.unknown, vec!["firsts"]);
    let src = r#"
resource "aws_subnet" "s" {
  count = 2
}
locals {
  by_az = { for s in aws_subnet.s : s.availability_zone => s.id }
}
resource "t" "t" {
  by_az = local.by_az
}
"#;
    let e = eval(&[("main.tf", src)]);
    let t = res(&e, "t.t");
    assert_eq!(
        (t.values["by_az"].clone(), t.unknown.clone()),
        (Value::Null, vec!["by_az".to_string()])
    );
    let m = value_of(r#"{ for k in ["a"] : (k == "a" ? null : k) => 1 }"#).unwrap_err();
    assert!(m.contains("the key of a `for` expression must not be null"), "{m}");
}

#[test]
fn a_stand_in_string_counts_as_unknown_where_a_collection_is_needed() {
    let src = r#"
variable "subnets" {}
locals {
  names = [for k, v in var.subnets : k]
}
resource "aws_vpc" "v" {
  tags = { Name = var.subnets, Names = local.names, First = var.subnets[0] }
}
"#;
    let e = eval(&[("main.tf", src)]);
    let v = res(&e, "aws_vpc.v");
    assert_eq!(
        v.values["tags"],
        json!({"Name": "var.subnets", "Names": null, "First": "var.subnets[0]"})
    );
    assert_eq!(v.unknown, vec!["tags"]);
}

#[test]
fn a_computed_attribute_of_a_nested_block_is_unknown() {
    let src = r#"
resource "aws_eks_cluster" "c" {
  count = 1
  vpc_config {
    subnet_ids = ["a"]
  }
}
locals {
  cluster = aws_eks_cluster.c[0]
}
module "m" {
  source = "./m"
  cfg    = aws_eks_cluster.c[0].vpc_config[0]
}
resource "aws_ec2_tag" "t" {
  for_each    = { for c in aws_eks_cluster.c : "x" => c.vpc_config[0] }
  resource_id = aws_eks_cluster.c[0].vpc_config[0].cluster_security_group_id
  via_local   = local.cluster.vpc_config[0].cluster_security_group_id
  via_each    = each.value.cluster_security_group_id
  subnets     = each.value.subnet_ids
}
"#;
    let m = "variable \"cfg\" {}\nresource \"t\" \"t\" {\n  sg = var.cfg.cluster_security_group_id\n}\n";
    let e = eval(&[("main.tf", src), ("m/main.tf", m)]);
    let t = res(&e, "aws_ec2_tag.t[\"x\"]");
    assert_eq!(t.values["resource_id"], Value::Null);
    assert_eq!(t.values["subnets"], json!(["a"]));
    assert_eq!(t.unknown, vec!["resource_id", "via_local", "via_each"]);
    assert_eq!(res(&e, "module.m.t.t").unknown, vec!["sg"]);
}

#[test]
fn a_missing_attribute_of_a_plain_object_is_an_error_and_try_falls_back() {
    let src = r#"
variable "subnets" {
  default = { public = { cidr = "10.0.0.0/24" } }
}
locals {
  names = { for k, v in var.subnets : k => try(v.name_prefix, k) }
}
resource "aws_vpc" "v" {
  tags = local.names
}
"#;
    let e = eval(&[("main.tf", src)]);
    assert_eq!(res(&e, "aws_vpc.v").values["tags"], json!({"public": "public"}));
    let m = value_of("{ a = 1 }.b").unwrap_err();
    assert_eq!(m, "main.tf:2:7: this object has no attribute `b` (it has `a`)");
}

#[test]
fn sensitive_variables_are_masked() {
    let e = eval(&[("main.tf", VARS)]);
    let p = e.variables.iter().find(|v| v.name == "db_password").expect("declared");
    assert_eq!(p.value, "(sensitive)");
    assert!(p.sensitive);
    assert_eq!(p.description, "The database password");
    assert_eq!(p.used_by, vec!["aws_db_instance.db".to_string()]);
}

#[test]
fn undeclared_var_on_the_command_line_is_an_error() {
    let mut inp = input(&[("main.tf", VARS)]);
    inp.vars.push(("nope".into(), "1".into()));
    let e = evaluate(&inp, &no_registry).unwrap_err();
    assert!(e.message.contains("declares no variable `nope`"), "{e}");
}

#[test]
fn data_lookups_are_outside_the_configuration() {
    let src = r#"
data "aws_vpc" "shared" {
  tags = { Name = "shared" }
}
data "aws_subnets" "private" {
  filter {
    name   = "vpc-id"
    values = [data.aws_vpc.shared.id]
  }
}
data "aws_caller_identity" "me" {}
resource "aws_lambda_function" "f" {
  role = "arn:aws:iam::${data.aws_caller_identity.me.account_id}:role/x"
  vpc_config {
    subnet_ids = data.aws_subnets.private.ids
    security_group_ids = [data.aws_vpc.shared.cidr_block]
  }
}
"#;
    let e = eval(&[("main.tf", src)]);
    let vpc = res(&e, "data.aws_vpc.shared");
    assert_eq!(vpc.mode, Mode::Data);
    let subnets = res(&e, "data.aws_subnets.private");
    assert_eq!(subnets.values["filter"][0]["values"], json!(["data.aws_vpc.shared"]));
    let f = res(&e, "aws_lambda_function.f");
    assert_eq!(f.values["role"], json!("arn:aws:iam::123456789012:role/x"));
    assert_eq!(
        f.values["vpc_config"][0]["subnet_ids"],
        json!(["data.aws_subnets.private[0]", "data.aws_subnets.private[1]"])
    );
    assert_eq!(f.values["vpc_config"][0]["security_group_ids"], json!([null]));
    assert_eq!(f.unknown, vec!["vpc_config.0.security_group_ids"]);
    assert!(e.notes.iter().any(|n| n.contains("outside this configuration")));
}

#[test]
fn expressions_templates_and_splats() {
    let src = r#"
locals {
  envs   = ["dev", "prod"]
  enable = true
  tpl    = "%{ for e in local.envs }${e};%{ endfor }%{ if local.enable }on%{ else }off%{ endif }"
  nums   = [for i in range(4) : i * 2 if i % 2 == 0]
  setkv  = { for k, v in toset(["b/1", "a/2"]) : k => split("/", v)[1] }
  legacy = aws_subnet.s.*.cidr_block
  nested = { a = { b = [1, 2, 3] } }
}
resource "aws_subnet" "s" {
  count      = local.enable ? 2 : 0
  cidr_block = "10.0.${count.index}.0/24"
}
resource "t" "t" {
  tpl    = local.tpl
  nums   = local.nums
  setkv  = local.setkv
  legacy = local.legacy
  deep   = local.nested.a.b[2]
  ops    = [1 + 2 * 3, 7 / 2, -4, !false, 3 >= 3 && 1 < 2, "a" == "a", 1 == 1.0]
  cond   = length(local.envs) > 5 ? "big" : "small"
  stripped = "a %{~ for e in local.envs ~} [${e}] %{~ endfor ~} b ${~ "c" ~} d %{ if true ~}  x  %{~ else }y%{ endif } z"
  heredoc = <<-EOT
    hello ${local.envs[1]}
  EOT
  unknown_attr = aws_subnet.s[0].owner_id
}
"#;
    let e = eval(&[("main.tf", src)]);
    let t = res(&e, "t.t");
    assert_eq!(t.values["tpl"], json!("dev;prod;on"));
    assert_eq!(t.values["nums"], json!([0, 4]));
    assert_eq!(t.values["setkv"], json!({"a/2": "2", "b/1": "1"}));
    assert_eq!(t.values["legacy"], json!(["10.0.0.0/24", "10.0.1.0/24"]));
    assert_eq!(t.values["deep"], json!(3));
    assert_eq!(t.values["ops"], json!([7, 3.5, -4, true, true, true, true]));
    assert_eq!(t.values["cond"], json!("small"));
    assert_eq!(t.values["stripped"], json!("a[dev][prod]bcd x z"));
    assert_eq!(t.values["heredoc"], json!("hello prod\n"));
    assert_eq!(t.values["unknown_attr"], Value::Null);
    assert_eq!(t.unknown, vec!["unknown_attr"]);
}

// ---- malformed configurations ----

#[test]
fn syntax_error_has_place() {
    let m = eval_err(&[("main.tf", "resource \"aws_vpc\" \"v\" {\n  cidr_block = \n}\n")]);
    assert!(m.starts_with("main.tf:2:"), "{m}");
    assert!(m.contains("HCL syntax error"), "{m}");
}

#[test]
fn a_repeated_object_key_takes_the_last_value() {
    let src = "resource \"t\" \"t\" {\n  v = {\n    port = 1\n    x = 2\n    port = 3\n    \"k\" = 1\n    \"k\" = 2\n    a = 1\n    a = 2\n    a = 3\n    név = \"é\"\n    név = \"ü\"\n  }\n  after = \"x\"\n}\n";
    let e = eval(&[("main.tf", src)]);
    assert_eq!(
        e.resources[0].values["v"],
        json!({"port": 3, "x": 2, "k": 2, "a": 3, "név": "ü"})
    );
    assert!(
        e.warnings
            .iter()
            .any(|w| w == "main.tf:5:5: the object repeats the key `port`; the last value is used, as Terraform does"),
        "{:?}",
        e.warnings
    );
    assert_eq!(
        e.resources[0].origin,
        Origin {
            file: "main.tf".into(),
            line: 1,
            column: 1
        }
    );
}

#[test]
fn repeated_keys_whose_placeholders_meet_other_keys_still_end() {
    // The placeholder for a repeated two-letter key is `_A`, which this object also has.
    let src =
        "locals {\n  v = {\n    _A = 0\n    ab = 1\n    ab = 2\n  }\n}\nresource \"t\" \"t\" {\n  v = local.v\n}\n";
    let e = eval(&[("main.tf", src)]);
    assert_eq!(e.resources[0].values["v"], json!({"_A": 0, "ab": 2}));
    // More repeats of one-letter keys than placeholders: an error, not a hang.
    let many: String = (0..300).map(|i| format!("    a = {i}\n")).collect();
    let src = format!("locals {{\n  v = {{\n{many}  }}\n}}\n");
    let m = eval_err(&[("main.tf", &src)]);
    assert!(m.contains("redefined object key"), "{m}");
}

#[test]
fn reference_to_undeclared_resource() {
    let m = eval_err(&[(
        "main.tf",
        "resource \"aws_route_table_association\" \"a\" {\n  subnet_id = aws_subnet.nope.id\n}\n",
    )]);
    assert_eq!(
        m,
        "main.tf:2:15: reference to undeclared resource `aws_subnet.nope`: declare it or correct the name"
    );
    let m = eval_err(&[("main.tf", "locals {\n  a = var.nope\n}\n")]);
    assert_eq!(
        m,
        "main.tf:2:7: reference to undeclared input variable `var.nope`: declare it or correct the name"
    );
    let m = eval_err(&[("main.tf", "locals {\n  a = module.nope.x\n}\n")]);
    assert!(m.contains("reference to undeclared module `module.nope`"), "{m}");
}

#[test]
fn cycle_is_named() {
    let m = eval_err(&[("main.tf", "locals {\n  a = local.b\n  b = local.c\n  c = local.a\n}\n")]);
    assert_eq!(m, "main.tf:2:3: reference cycle: local.a → local.b → local.c → local.a; each needs the other's value, so none can be evaluated — break the loop");
    let m = eval_err(&[(
        "main.tf",
        "resource \"aws_security_group\" \"a\" {\n  name = aws_security_group.b.name\n}\nresource \"aws_security_group\" \"b\" {\n  name = aws_security_group.a.name\n}\n",
    )]);
    assert!(
        m.contains("aws_security_group.a → aws_security_group.b → aws_security_group.a"),
        "{m}"
    );
}

#[test]
fn modules_reading_each_others_outputs() {
    let src = r#"
module "a" {
  source = "./a"
  peer   = module.b.name
}
module "b" {
  source = "./b"
  peer   = module.a.name
}
resource "t" "t" {
  names = [module.a.name, module.b.name]
}
"#;
    let a = "variable \"peer\" {}\noutput \"name\" { value = \"a\" }\nresource \"t\" \"x\" {\n  peer = var.peer\n}\n";
    let b = a.replace("\"a\"", "\"b\"");
    let e = eval(&[("main.tf", src), ("a/main.tf", a), ("b/main.tf", &b)]);
    assert_eq!(res(&e, "t.t").values["names"], json!(["a", "b"]));
    assert_eq!(res(&e, "module.b.t.x").values["peer"], json!("a"));
    // Evaluated first with `module.b` unknown, then again with its outputs.
    let ax = res(&e, "module.a.t.x");
    assert_eq!((ax.values["peer"].clone(), ax.unknown.clone()), (json!("b"), vec![]));
    assert_eq!(e.resources.iter().filter(|r| r.address == "module.a.t.x").count(), 1);
    assert!(
        e.warnings
            .iter()
            .any(|w| w.starts_with("main.tf:2:1: modules refer to each other (module.a → module.b → module.a)")),
        "{:?}",
        e.warnings
    );
}

#[test]
fn outputs_of_modules_not_expanded_are_unknown_where_a_type_is_needed() {
    let src = r#"
module "label" {
  source = "cloudposse/label/null"
}
locals {
  enabled = module.label.enabled && true
  ids     = slice(module.label.ids, 0, 1)
}
resource "aws_subnet" "s" {
  count  = local.enabled ? 2 : 0
  tags   = { Name = module.label.id, Ids = local.ids, Deep = module.label.tags.Name }
}
"#;
    let src = src.replace("resource \"aws_subnet\"", "resource \"t\" \"fn\" {\n  name = split(\":\", module.label.arn)[6]\n  ids = concat([module.label.id], [\"x\"])\n}\nresource \"aws_subnet\"");
    let e = eval(&[("main.tf", &src)]);
    let f = res(&e, "t.fn");
    assert_eq!(
        (f.values["name"].clone(), f.values["ids"].clone()),
        (Value::Null, json!(["module.label.id", "x"]))
    );
    let s = res(&e, "aws_subnet.s[0]");
    assert_eq!(
        s.values["tags"],
        json!({"Name": "module.label.id", "Ids": null, "Deep": "module.label.tags.Name"})
    );
    assert!(
        e.warnings
            .iter()
            .any(|w| w.contains("`count` depends on a value not known before apply")),
        "{:?}",
        e.warnings
    );
}

#[test]
fn an_instance_assumed_for_an_unknown_count_that_cannot_be_evaluated_is_left_out() {
    let src = r#"
variable "ips" {
  type    = list(string)
  default = []
}
resource "aws_eip" "e" {
  count     = module.m.enabled ? length(var.ips) : 0
  public_ip = element(var.ips, count.index)
}
resource "aws_vpc" "v" {
  count = module.m.enabled ? 1 : 0
}
module "m" {
  source = "cloudposse/label/null"
}
locals {
  spread = setunion([for f in ["a"] : file(f)]...)
}
"#;
    let e = eval(&[("main.tf", src)]);
    assert!(e.resources.iter().all(|r| !r.address.starts_with("aws_eip")));
    assert!(e.resources.iter().any(|r| r.address == "aws_vpc.v[0]"));
    assert!(
        e.warnings.iter().any(|w| w.starts_with("main.tf:8:15: invalid call to `element`: cannot use element function with an empty list; the instance assumed")),
        "{:?}",
        e.warnings
    );
}

#[test]
fn wrong_types_are_errors() {
    let m = value_of(r#""a" + 1"#).unwrap_err();
    assert_eq!(m, "main.tf:2:7: `+` needs two numbers, not string and number");
    let m = value_of(r#"1 ? "a" : "b""#).unwrap_err();
    assert!(m.contains("the condition must be a bool"), "{m}");
    let m = value_of("[1, 2][5]").unwrap_err();
    assert!(m.contains("index 5 is out of range for a list of 2 elements"), "{m}");
    let m = eval_err(&[("main.tf", "resource \"a\" \"b\" {\n  count = \"x\"\n}\n")]);
    assert!(m.starts_with("main.tf:2:11: `count` must be a whole number"), "{m}");
    let m = eval_err(&[("main.tf", "resource \"a\" \"b\" {\n  for_each = 3\n}\n")]);
    assert!(
        m.contains("`for_each` needs a map or a set of strings, not number"),
        "{m}"
    );
    let m = eval_err(&[("main.tf", "resource \"a\" \"b\" {}\nresource \"a\" \"b\" {}\n")]);
    assert!(
        m.starts_with("main.tf:2:1: `a.b` is declared twice (first at main.tf:1:1)"),
        "{m}"
    );
}

#[test]
fn runaway_evaluation_is_stopped() {
    let m = value_of("[for i in range(100000) : [for j in range(100000) : j]]").unwrap_err();
    assert!(m.contains("evaluation steps"), "{m}");
}

/// A generated configuration of 1,000 resources (the import-speed figure of issue 15);
/// references by index into large `count` lists are followed without copying the lists.
#[test]
fn thousand_resources() {
    let src = r#"
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/8"
}
resource "aws_subnet" "s" {
  count             = 333
  vpc_id            = aws_vpc.v.id
  cidr_block        = cidrsubnet(aws_vpc.v.cidr_block, 16, count.index)
  availability_zone = element(["a", "b", "c"], count.index)
}
resource "aws_route_table" "r" {
  count  = 333
  vpc_id = aws_vpc.v.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_vpc.v.id
  }
}
resource "aws_route_table_association" "a" {
  count          = 333
  subnet_id      = aws_subnet.s[count.index].id
  route_table_id = aws_route_table.r[count.index].id
}
"#;
    let t = std::time::Instant::now();
    let e = eval(&[("main.tf", src)]);
    let took = t.elapsed();
    assert_eq!(e.resources.len(), 1000);
    assert_eq!(res(&e, "aws_subnet.s[332]").values["cidr_block"], json!("10.1.76.0/24"));
    assert_eq!(
        res(&e, "aws_route_table_association.a[332]").values["subnet_id"],
        json!("aws_subnet.s[332]")
    );
    // Generous even for an unoptimised build on a loaded machine; a release build takes ~2 ms.
    assert!(took.as_secs() < 10, "{took:?}");
}

#[test]
fn values_that_double_through_locals_are_stopped() {
    let mut src = String::from("locals {\n  l0 = [1, 2]\n");
    for i in 1..40 {
        src.push_str(&format!("  l{i} = [local.l{}, local.l{}]\n", i - 1, i - 1));
    }
    src.push_str("}\n");
    let m = eval_err(&[("main.tf", &src)]);
    assert!(m.contains("holds more than 1000000 elements"), "{m}");
    let src = "locals {\n  big = range(50000)\n}\nresource \"t\" \"t\" {\n  count = 200\n  v = local.big\n}\n";
    let m = eval_err(&[("main.tf", src)]);
    assert!(m.contains("the resources hold more than 5000000 values in all"), "{m}");
}

#[test]
fn no_root_files_is_an_error() {
    let m = eval_err(&[("modules/x/main.tf", "")]);
    assert!(
        m.contains("no .tf files in the configuration's root folder (given: modules/x/main.tf)"),
        "{m}"
    );
}

#[test]
fn tf_json_is_reported_not_read() {
    let e = eval(&[("main.tf", ""), ("extra.tf.json", "{}")]);
    assert!(e
        .warnings
        .iter()
        .any(|w| w.starts_with("extra.tf.json: Terraform JSON syntax")));
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    fn run(files: Vec<(String, String)>) {
        let inp = Input {
            files,
            ..Default::default()
        };
        let _ = evaluate(&inp, &no_registry);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn random_text(s in "\\PC{0,200}") {
            run(vec![("main.tf".into(), s)]);
        }

        #[test]
        fn random_hcl_tokens(parts in proptest::collection::vec(prop_oneof![
            Just("resource \"aws_subnet\" \"s\" {"), Just("}"), Just("count = "), Just("for_each = "),
            Just("cidrsubnet(var.c, 8, count.index)"), Just("var.c"), Just("local.x"), Just("locals {"),
            Just("x = "), Just("[for s in aws_subnet.s : s.id]"), Just("aws_subnet.s[*].id"), Just("{ a = 1 }"),
            Just("\"${local.x}\""), Just("dynamic \"ingress\" {"), Just("content {"), Just("variable \"c\" {"),
            Just("default = \"10.0.0.0/16\""), Just("module \"m\" {"), Just("source = \"./\""), Just("1 / 0"),
            Just("range(100)"), Just("\n"), Just("each.value"), Just("toset([\"a\"])"), Just("-"), Just("?"), Just(":"),
            Just("{ a = 1\n a = 2 }"), Just("a = 1\n"), Just("\"a\" = 2\n"), Just("{"), Just("_A = 3\n"),
        ], 0..40)) {
            run(vec![("main.tf".into(), parts.join(" "))]);
        }

        #[test]
        fn mutated_real_config(cut in 0usize..2000, len in 0usize..40, insert in "\\PC{0,8}") {
            let src = COUNT_SUBNETS;
            let mut start = cut.min(src.len());
            while !src.is_char_boundary(start) { start -= 1; }
            let mut end = (start + len).min(src.len());
            while !src.is_char_boundary(end) { end -= 1; }
            let mutated = format!("{}{}{}", &src[..start], insert, &src[end..]);
            run(vec![("main.tf".into(), mutated)]);
        }
    }
}

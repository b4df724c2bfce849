//! What both Terraform front ends produce and the mapping reads: the resources of a
//! configuration with their attributes evaluated, as `terraform show -json` would show them.
//!
//! `hcl/` evaluates `.tf` source into an [`Evaluated`]; `plan.rs` reads a plan or state JSON into
//! the same thing; `map/` turns it into a design document. Neither front end knows about the
//! design document, and the mapping knows nothing about HCL.
//!
//! Conventions every producer keeps:
//! - A resource's `address` is its Terraform address (`aws_subnet.private[0]`,
//!   `module.vpc.aws_nat_gateway.this["a"]`); it becomes the component id.
//! - An attribute that holds the id (or ARN) of another resource of the configuration holds that
//!   resource's **address**: `vpc_id = aws_vpc.main.id` evaluates to `"aws_vpc.main"`. The
//!   implicit objects AWS creates with a VPC are `"<vpc address>:default_security_group"`,
//!   `":main_route_table"` and `":default_network_acl"`
//!   (`aws_vpc.main.default_security_group_id` evaluates to `"aws_vpc.main:default_security_group"`).
//!   A gateway endpoint's `prefix_list_id` (its service's managed prefix list) is
//!   `"<endpoint address>:prefix_list"`.
//! - A data source is a resource with [`Mode::Data`] (`data.aws_vpc.shared`); its id is its
//!   address, so whatever refers to it points at something outside the configuration.
//! - Nested blocks are arrays of objects (`ingress = [{...}, {...}]`, `vpc_config = [{...}]`),
//!   as in plan JSON. Values not known before apply that no stand-in covers are JSON `null`, and
//!   the attribute is listed in `unknown`.

use serde_json::{Map, Value};

/// Where something was written: file (as given), 1-based line and column.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Origin {
    pub file: String,
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Managed,
    Data,
}

/// One resource instance (after `count`/`for_each` expansion).
#[derive(Debug, Clone)]
pub struct Resource {
    /// `aws_subnet.private[0]`, `data.aws_vpc.shared`, `module.vpc.aws_vpc.this[0]`.
    pub address: String,
    pub mode: Mode,
    /// `aws_subnet`, `aws_availability_zones`.
    pub rtype: String,
    /// Evaluated attributes and nested blocks.
    pub values: Map<String, Value>,
    /// Attribute paths (`ipv6_cidr_block`, `vpc_config.0.subnet_ids`) whose value is not known
    /// before apply and had no stand-in.
    pub unknown: Vec<String>,
    /// The resource block, or the module call that made it.
    pub origin: Origin,
}

/// An input variable and the value the evaluation used.
#[derive(Debug, Clone)]
pub struct Variable {
    pub name: String,
    /// The value, as Terraform would print it (`"10.0.0.0/16"`, `["a","b"]`); masked
    /// (`(sensitive)`) when the variable is `sensitive`.
    pub value: String,
    /// `default`, `tfvars` (with the file), `var` (the command line), `stand-in` (no value given:
    /// the evaluation assumed one, and what rests on it says so).
    pub source: String,
    pub sensitive: bool,
    pub description: String,
    /// Resource addresses whose values depend on it.
    pub used_by: Vec<String>,
}

/// A `module` block and what became of it.
#[derive(Debug, Clone)]
pub struct ModuleCall {
    /// `module.vpc`.
    pub address: String,
    /// `./modules/network`, `terraform-aws-modules/vpc/aws`.
    pub source: String,
    /// The version constraint written, if any.
    pub constraint: Option<String>,
    /// For a registry module expanded from its documented inputs: the version assumed.
    pub assumed_version: Option<String>,
    /// Whether its resources are in [`Evaluated::resources`]; if not, why (its resources are
    /// outside the configuration).
    pub expanded: bool,
    pub why: String,
    pub origin: Origin,
}

/// A front end's output.
#[derive(Debug, Clone, Default)]
pub struct Evaluated {
    /// `terraform` (HCL source), `terraform-plan` or `terraform-state`.
    pub format: &'static str,
    pub resources: Vec<Resource>,
    pub variables: Vec<Variable>,
    pub modules: Vec<ModuleCall>,
    /// What was assumed (stand-ins for unknown values, region, AZ names), in words, with where.
    pub notes: Vec<String>,
    /// What was read but may not be what Terraform does.
    pub warnings: Vec<String>,
    /// The AWS Region the configuration deploys to, when it says (`provider "aws" { region }`,
    /// a plan's provider configuration).
    pub region: Option<String>,
}

/// A configuration that cannot be read, with where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub origin: Option<Origin>,
    /// What is wrong and what to do, one sentence or two.
    pub message: String,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.origin {
            Some(o) => write!(f, "{}:{}:{}: {}", o.file, o.line, o.column, self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}

impl Resource {
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.values.get(key).filter(|v| !v.is_null())
    }
}

/// What a front end is given: the files' text, by path relative to the configuration's root
/// folder (`main.tf`, `modules/network/main.tf`, `terraform.tfvars`), and the command line's
/// `--var Name=Value` and `--var-file` contents (path, text), in the order given.
#[derive(Debug, Clone, Default)]
pub struct Input {
    pub files: Vec<(String, String)>,
    pub vars: Vec<(String, String)>,
    pub var_files: Vec<(String, String)>,
}

/// A call of a registry module (`source = "terraform-aws-modules/vpc/aws"`) with its inputs
/// evaluated, handed to an expander that knows the module from its documented inputs.
#[derive(Debug, Clone)]
pub struct RegistryCall {
    /// `module.vpc` (nested: `module.app.module.vpc`); the prefix of every address it makes.
    pub address: String,
    /// The source as written, without a `?ref=`; a submodule keeps its `//subdir`
    /// (`terraform-aws-modules/vpc/aws//modules/vpc-endpoints`).
    pub source: String,
    /// The version constraint written (`~> 5.0`), if any.
    pub constraint: Option<String>,
    /// The module's input arguments, evaluated (references to other resources are addresses,
    /// as in [`Resource::values`]; unknown values are `null`).
    pub inputs: Map<String, Value>,
    pub origin: Origin,
}

/// What an expander made of a [`RegistryCall`].
#[derive(Debug, Clone, Default)]
pub struct Expansion {
    /// The resources the module creates with these inputs, with addresses under the call's
    /// (`module.vpc.aws_subnet.private[0]`) and origin the module block.
    pub resources: Vec<Resource>,
    /// The module's outputs the configuration may read (`vpc_id`, `private_subnets`,
    /// `default_security_group_id`, …), as addresses and lists of addresses.
    pub outputs: Map<String, Value>,
    /// The module version whose behaviour was modelled (`5.x`), from the constraint.
    pub assumed_version: String,
    /// What was assumed, in words (the version, inputs left at their defaults that matter).
    pub notes: Vec<String>,
}

/// A boolean as Terraform reads one: a bool, or the strings `"true"`/`"false"` (a variable of
/// type string, a module input). The one reading for the evaluator, the registry modules and
/// the mapping.
pub fn as_bool(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s == "true" => Some(true),
        Value::String(s) if s == "false" => Some(false),
        _ => None,
    }
}

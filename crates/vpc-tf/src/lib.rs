//! Terraform into VPC Playground designs: HCL source (`hcl/`) or a plan/state JSON (`plan.rs`)
//! evaluated into [`config::Evaluated`], then mapped into a `Document` (`map/`). No IO: the
//! caller hands in the files' text.
//!
//! ```
//! let plan = include_str!("../tests/plans/lambda-nat.plan.json");
//! let input = vpc_tf::Input { files: vec![("plan.json".into(), plan.into())], ..Default::default() };
//! let import = vpc_tf::import(&input).unwrap();
//! assert_eq!(import.report.format, "terraform-plan");
//! assert!(import.document.functions.iter().any(|f| f.id.as_str() == "aws_lambda_function.api"));
//! ```

pub mod config;
pub mod hcl;
pub mod map;
pub mod plan;
pub mod registry;
pub mod sources;

pub use config::{Error, Evaluated, Expansion, Input, Mode, ModuleCall, Origin, RegistryCall, Resource, Variable};
pub use map::{map, Import, ASSUMES_MARK, OUTSIDE_SUFFIX, UNKNOWN_MARK};
pub use plan::looks_like_plan;
pub use sources::outside_module_dirs;

/// Imports a configuration: one file that is a plan or state JSON (recognised by its content,
/// [`looks_like_plan`]) is read as Terraform evaluated it; anything else is HCL source,
/// evaluated with the registry modules this importer knows.
pub fn import(input: &Input) -> Result<Import, Error> {
    let plan = match input.files.as_slice() {
        [(file, text)] if looks_like_plan(text) => Some(plan::read(text, file)?),
        _ => None,
    };
    let evaluated = match plan {
        Some(p) => p,
        None => evaluate_source(input)?,
    };
    map(&evaluated)
}

/// HCL source into an [`Evaluated`]: the HCL evaluator with the registry-module expander.
fn evaluate_source(input: &Input) -> Result<Evaluated, Error> {
    hcl::evaluate(input, &registry::expand)
}

/// Whether a text looks like Terraform HCL source: a line opening a `resource "`,
/// `variable "`, `module "`, `data "`, `provider "`, `output "` or `locals`/`terraform` block.
pub fn looks_like_terraform(text: &str) -> bool {
    const OPENERS: &[&str] = &[
        "resource \"",
        "variable \"",
        "module \"",
        "data \"",
        "provider \"",
        "output \"",
    ];
    text.lines().any(|l| {
        let l = l.trim_start();
        OPENERS.iter().any(|o| l.starts_with(o))
            || ["terraform", "locals"]
                .iter()
                .any(|k| l.strip_prefix(k).is_some_and(|rest| rest.trim_start().starts_with('{')))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terraform_source_is_recognised_by_its_blocks() {
        assert!(looks_like_terraform(
            "resource \"aws_vpc\" \"main\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n"
        ));
        assert!(looks_like_terraform(
            "# net\nterraform {\n  required_version = \">= 1.5\"\n}\n"
        ));
        assert!(looks_like_terraform("  module \"vpc\" {\n source = \"x\"\n}"));
        assert!(!looks_like_terraform("{\"Resources\": {}}"));
        assert!(!looks_like_terraform("Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n"));
        assert!(!looks_like_terraform("terraformed = 1"));
    }

    #[test]
    fn a_plan_is_read_as_terraform_evaluated_it_and_source_is_evaluated() {
        let plan = include_str!("../tests/plans/lambda-nat.plan.json");
        let one = |f: &str, t: &str| Input {
            files: vec![(f.into(), t.into())],
            ..Input::default()
        };
        assert_eq!(import(&one("p.json", plan)).unwrap().report.format, "terraform-plan");
        let source = import(&one(
            "main.tf",
            "resource \"aws_vpc\" \"a\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n",
        ))
        .unwrap();
        assert_eq!(source.report.format, "terraform");
        assert!(source.document.vpcs.iter().any(|v| v.id.as_str() == "aws_vpc.a"));
        let e = import(&one("main.tf", "resource \"aws_vpc\" \"a\" {")).unwrap_err();
        assert_eq!(e.origin.as_ref().map(|o| o.file.as_str()), Some("main.tf"));
        // A malformed plan is reported as a plan, with its position.
        let e = import(&one("p.json", "{\"format_version\": \"1\", \"planned_values\": [}")).unwrap_err();
        assert!(e.to_string().starts_with("p.json:1:"), "{e}");
    }
}

//! Registry modules expanded from their documented inputs: the resources
//! `terraform-aws-modules/vpc/aws`, `…/security-group/aws`, `…/lambda/aws` and
//! `…/vpc/aws//modules/vpc-endpoints` create for a call's inputs, with the addresses the module
//! gives them, and the outputs a configuration reads.
//!
//! Each expander is modelled on the module's own source (Apache-2.0, terraform-aws-modules),
//! read at the tags and commits named in its file; nothing is taken from the registry at run
//! time. The version is resolved from the call's constraint against the releases of the module
//! (`versions.rs`), and behaviour that changed between releases follows the resolved one.
//!
//! The resources keep the conventions of [`crate::config`]: references hold addresses, the
//! implicit objects of a VPC are `"<vpc address>:default_security_group"` and so on, nested
//! blocks are arrays of objects, and a value only known after apply is `null` and listed in
//! `unknown`. An input that arrives `null` (not known before apply) falls back to the module's
//! default, with a note saying so.
//!
//! For the caller:
//! - [`RegistryCall::source`] may carry the `//subdir` of a submodule
//!   (`terraform-aws-modules/vpc/aws//modules/vpc-endpoints`,
//!   `terraform-aws-modules/security-group/aws//modules/http-80`); without it the root module is
//!   meant. A `?ref=` is ignored. Unknown submodules give `None`.
//! - Outputs hold what a reference to the same attribute of a hand-written resource evaluates to:
//!   ids and ARNs are addresses, names are names (`database_subnet_group_name = "my-vpc"`), values
//!   only known after apply (`nat_public_ips`, `vpc_ipv6_cidr_block`) are `null`. Outputs not
//!   modelled are absent.
//! - Stand-in zones for an unknown `azs` are `us-east-1a`, `us-east-1b`, …; a VPC's
//!   Amazon-provided IPv6 block is not stood in for: subnet `ipv6_cidr_block`s derived from it are
//!   `null` and listed in `unknown`.

mod endpoints;
mod input;
mod lambda;
mod security_group;
mod versions;
mod vpc;

use crate::config::{Expansion, RegistryCall};

pub use versions::{resolve, Constraint, Resolved, Version};

/// The resources and outputs of a registry module call, or `None` for a module (or a
/// submodule, or a version) this crate does not model.
pub fn expand(call: &RegistryCall) -> Option<Expansion> {
    let (module, subdir) = split_source(&call.source);
    match (module.as_str(), subdir.as_deref()) {
        ("terraform-aws-modules/vpc/aws", None) => vpc::expand(call),
        ("terraform-aws-modules/vpc/aws", Some("modules/vpc-endpoints")) => endpoints::expand(call),
        ("terraform-aws-modules/security-group/aws", None) => security_group::expand(call),
        ("terraform-aws-modules/security-group/aws", Some(sub)) => {
            security_group::expand_group(call, sub.strip_prefix("modules/")?)
        }
        ("terraform-aws-modules/lambda/aws", None) => lambda::expand(call),
        _ => None,
    }
}

/// `registry.terraform.io/Terraform-AWS-Modules/vpc/aws//modules/vpc-endpoints?ref=x` →
/// (`terraform-aws-modules/vpc/aws`, `Some("modules/vpc-endpoints")`). Registry addresses are
/// case-insensitive; the default host may be written or not.
fn split_source(source: &str) -> (String, Option<String>) {
    let source = source.split('?').next().unwrap_or_default().trim();
    let (module, subdir) = match source.split_once("//") {
        Some((m, s)) => (m, Some(s.trim_matches('/').to_owned())),
        None => (source, None),
    };
    let module = module.trim_matches('/').to_ascii_lowercase();
    let module = module
        .strip_prefix("registry.terraform.io/")
        .unwrap_or(&module)
        .to_owned();
    (module, subdir.filter(|s| !s.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::split_source;

    #[test]
    fn sources_are_read_with_host_case_and_subdirectory() {
        assert_eq!(
            split_source("terraform-aws-modules/vpc/aws"),
            ("terraform-aws-modules/vpc/aws".into(), None)
        );
        assert_eq!(
            split_source("registry.terraform.io/Terraform-AWS-Modules/vpc/aws//modules/vpc-endpoints"),
            (
                "terraform-aws-modules/vpc/aws".into(),
                Some("modules/vpc-endpoints".into())
            )
        );
        assert_eq!(
            split_source("terraform-aws-modules/vpc/aws//"),
            ("terraform-aws-modules/vpc/aws".into(), None)
        );
    }
}

//! Terraform into VPC Playground designs: HCL source (`hcl/`) or a plan/state JSON (`plan.rs`)
//! evaluated into [`config::Evaluated`], then mapped into a `Document` (`map/`). No IO: the
//! caller hands in the files' text.

pub mod config;
pub mod map;

pub use config::{Error, Evaluated, Expansion, Input, Mode, ModuleCall, Origin, RegistryCall, Resource, Variable};
pub use map::{map, Import, ASSUMES_MARK, OUTSIDE_SUFFIX, UNKNOWN_MARK};

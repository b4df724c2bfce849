//! What every importer into VPC Playground designs shares (CloudFormation in `vpc-cfn`,
//! Terraform in `vpc-tf`): the readings of AWS values (`values`), the [`Builder`] that turns
//! resources read into plain values into components and links them, the placeholders for
//! what an input only refers to, and the import [`Report`]. An importer keeps only what is
//! its own: its language, and one small mapping per resource type onto the builder.
//!
//! ```
//! use vpc_import::{Builder, Context, Report, Settings, SubnetSpec, VpcSpec};
//! struct Nothing;
//! impl Context for Nothing {
//!     fn defines(&self, _: &str) -> bool { false }
//!     fn source_of(&self, _: &str) -> (String, &'static str, String) {
//!         ("an id written in the input".into(), "literal", String::new())
//!     }
//! }
//! let settings = Settings { outside_suffix: "(outside)", region: "us-east-1".into() };
//! let mut b = Builder::new(vpc_engine::model::Document::new("d"), Report::default(), settings);
//! b.vpc("v", "vpc", VpcSpec { cidr: Some("10.0.0.0/16".into()), ..VpcSpec::default() });
//! b.subnet("s", "subnet", SubnetSpec { vpc: "v".into(), az: Some("us-east-1a".into()), cidr: "10.0.0.0/24".into(), ..SubnetSpec::default() });
//! b.function("f", "function", Some((vec!["s".into(), "subnet-0abc".into()], vec![], false)));
//! let (doc, report) = b.finish(&Nothing);
//! assert_eq!(doc.subnets.len(), 2);
//! assert_eq!(report.outside[0].id, "subnet-0abc");
//! ```

mod build;
mod finish;
mod marks;
pub mod report;
mod stores;
pub mod values;

pub use build::{
    Builder, Context, DatabaseSpec, EndpointPart, EndpointSpec, NaclRuleSpec, Next, NoEgress, RouteFields, RouteSpec,
    RuleSpec, Settings, SubnetSpec, VpcSpec, NOT_NETWORK,
};
pub use marks::mark_names;
pub use report::{Generated, Modelled, ModuleUse, NotModelled, Outside, ParameterUse, Report};
pub use stores::{Placement, StoreSpec};

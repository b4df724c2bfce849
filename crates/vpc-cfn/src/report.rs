//! What an import did: the report shape is shared by every importer (`vpc_import::report`);
//! a template's placeholders say they are outside this template.

pub use vpc_import::report::*;

/// The suffix of a placeholder's display name: every sentence that names it says so.
pub const OUTSIDE_SUFFIX: &str = "(outside this template)";

//! What an import did: the report shown before the design opens, and printed by the CLI.

use serde::Serialize;

/// The import report. Every resource of the template is in exactly one of `modelled`,
/// `not_modelled` and `skipped`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    /// `json` or `yaml`.
    pub format: &'static str,
    /// `Transform` values; `AWS::Serverless-2016-10-31` is applied, others are listed in `notes`.
    pub transforms: Vec<String>,
    pub modelled: Vec<Modelled>,
    pub not_modelled: Vec<NotModelled>,
    /// Resources whose `Condition` is false.
    pub skipped: Vec<NotModelled>,
    /// Every parameter with the value used and where it came from.
    pub parameters: Vec<ParameterUse>,
    /// Placeholder components for things the template refers to but does not contain.
    pub outside: Vec<Outside>,
    /// Stand-ins for deploy-time values, and parts of resources left out.
    pub notes: Vec<String>,
}

/// A resource that became (part of) a component.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Modelled {
    pub id: String,
    #[serde(rename = "type")]
    pub resource_type: String,
    /// The component kind (`subnet`, `function` …), or what it became part of
    /// (`route of PublicRouteTable`).
    pub became: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NotModelled {
    pub id: String,
    #[serde(rename = "type")]
    pub resource_type: String,
    /// In English.
    pub reason: String,
    /// For translations: `not_network` (a type outside the network model), `condition` (its
    /// condition, `name`, is false), or `detail` (a specific reason, only in `reason`).
    pub code: &'static str,
    /// The condition's name for `condition`; empty otherwise.
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ParameterUse {
    pub name: String,
    pub value: String,
    /// `default`, `given`, or `outside` (an AWS id parameter without a value: a placeholder).
    pub source: &'static str,
}

/// A placeholder component for a resource outside this template.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outside {
    pub id: String,
    /// The component kind, as `ComponentKind` spells it.
    pub kind: &'static str,
    /// Where the reference came from: `parameter VpcId`, `Fn::ImportValue shared-vpc` …
    pub source: String,
    /// For translations: `parameter`, `import` or `literal`, and the parameter or export name.
    pub via: &'static str,
    pub name: String,
}

/// The suffix of a placeholder's display name: every sentence that names it says so.
pub const OUTSIDE_SUFFIX: &str = "(outside this template)";

//! What an import did: the report shown before the design opens, and printed by the CLI.
//! One shape for every importer (CloudFormation templates, Terraform configurations and
//! plans); fields an importer has nothing for stay empty.

use serde::Serialize;

/// The import report. Every resource of the input is in exactly one of `modelled`,
/// `not_modelled` and `skipped`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    /// `json` or `yaml` (templates); `terraform`, `terraform-plan` or `terraform-state`.
    pub format: &'static str,
    /// `Transform` values; `AWS::Serverless-2016-10-31` is applied, others are listed in `notes`.
    pub transforms: Vec<String>,
    pub modelled: Vec<Modelled>,
    pub not_modelled: Vec<NotModelled>,
    /// Resources whose `Condition` is false.
    pub skipped: Vec<NotModelled>,
    /// Every parameter (Terraform: input variable) with the value used and where it came from.
    pub parameters: Vec<ParameterUse>,
    /// Terraform: every module call, and whether its resources are in the design.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub modules: Vec<ModuleUse>,
    /// Resources the SAM transform generates (rule I3): references to them resolve; none is
    /// part of the network model.
    pub generated: Vec<Generated>,
    /// Placeholder components for things the template refers to but does not contain.
    pub outside: Vec<Outside>,
    /// Stand-ins for deploy-time values, and parts of resources left out.
    pub notes: Vec<String>,
    /// Text CloudFormation accepts that a strict YAML reader refuses, read as CloudFormation
    /// reads it (a duplicate key: the last one wins).
    pub warnings: Vec<String>,
    /// Where each resource is written: (id, 1-based line, column) of its definition, for
    /// tools that point at the source (SARIF). Not serialised: the report's JSON shape stays
    /// as it is promised.
    #[serde(skip)]
    pub positions: Vec<(String, u32, u32)>,
}

impl Report {
    /// The line and column (1-based) where the resource `id` is defined, when known.
    pub fn position(&self, id: &str) -> Option<(u32, u32)> {
        self.positions
            .iter()
            .find(|(r, _, _)| r == id)
            .map(|(_, l, c)| (*l, *c))
    }

    /// The assumed parameters that feed a network value and rest under `component`.
    pub fn assumed_for(&self, component: &str) -> impl Iterator<Item = &ParameterUse> {
        let component = component.to_owned();
        self.parameters
            .iter()
            .filter(move |p| p.source == "assumed" && p.network && p.components.contains(&component))
    }
}

/// A module call of a Terraform configuration.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ModuleUse {
    /// `module.vpc`.
    pub address: String,
    pub source: String,
    /// The version constraint written, if any.
    pub constraint: Option<String>,
    /// For a registry module expanded from its documented inputs: the version assumed.
    pub assumed_version: Option<String>,
    /// Whether its resources are in the design; if not, they are outside it (`why`).
    pub expanded: bool,
    pub why: String,
}

/// A resource the SAM transform adds to the template.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Generated {
    pub id: String,
    #[serde(rename = "type")]
    pub resource_type: String,
    /// The SAM resource it comes from.
    pub by: String,
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
    /// The value used; `****` for a `NoEcho` parameter, whatever its value.
    pub value: String,
    /// `default`, `given`, `outside` (an AWS id parameter without a value: a placeholder
    /// component), or `assumed` (no value: a stand-in, see `why`).
    pub source: &'static str,
    /// The declared `Type`.
    #[serde(rename = "type")]
    pub ty: String,
    pub description: String,
    pub allowed: Vec<String>,
    pub no_echo: bool,
    /// Whether the value reaches a network value (rule I4): a CIDR, port, AZ, id, a Lambda
    /// `VpcConfig`, or a condition on a network resource. Only such a parameter can change a
    /// verdict.
    pub network: bool,
    /// Where it reaches the network: `PrivateSubnet.CidrBlock`, `condition HasNat of Nat`.
    pub feeds: Vec<String>,
    /// Logical ids of the components that rest on it (verdicts through them say so).
    pub components: Vec<String>,
    /// For `assumed`: how the stand-in was chosen.
    pub why: String,
}

/// A placeholder component for a resource outside the input.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outside {
    pub id: String,
    /// The component kind, as `ComponentKind` spells it.
    pub kind: &'static str,
    /// Where the reference came from: `parameter VpcId`, `Fn::ImportValue shared-vpc`,
    /// `data source data.aws_vpc.shared` …
    pub source: String,
    /// For translations: `parameter`, `import`, `literal`, `data` or `module`, and the
    /// parameter, export, data source or module name.
    pub via: &'static str,
    pub name: String,
}

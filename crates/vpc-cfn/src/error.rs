//! Why a text could not be imported as a template.

use serde::Serialize;
use std::fmt;

/// An import failure, with the 1-based line and column where the text has one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Error {
    /// What went wrong.
    pub kind: ErrorKind,
    /// 1-based line, where the problem has a position.
    pub line: Option<u32>,
    /// 1-based column, where the problem has a position.
    pub column: Option<u32>,
    /// Where in the template, in its own words (`Resources.Fn.Properties.VpcConfig`), when known.
    pub path: Option<String>,
}

/// A parameter the template declares without a default and the caller did not give.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NeededParameter {
    /// The parameter's name.
    pub name: String,
    /// The declared `Type` (`String`, `Number`, `CommaDelimitedList` …).
    #[serde(rename = "type")]
    pub ty: String,
    /// Its `Description`.
    pub description: String,
    /// `AllowedValues`, when the template lists them.
    pub allowed: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
#[non_exhaustive]
/// The kinds of import failure.
pub enum ErrorKind {
    /// serde_json's description of a JSON syntax error.
    JsonSyntax(String),
    /// The YAML parser's description of a syntax error.
    YamlSyntax(String),
    /// A YAML tag that is not a CloudFormation intrinsic (`!Reff`).
    UnknownTag(String),
    /// An `Fn::…` key that is not a function CloudFormation knows.
    UnknownFunction(String),
    /// A key appears twice in one mapping. No longer produced by [`crate::import`]: as in
    /// CloudFormation the last one wins, and the report's `warnings` names both lines.
    DuplicateKey(String),
    /// A mapping key that is itself a mapping or list.
    ComplexKey,
    /// More than one YAML document (`---`) in the text.
    MultipleDocuments,
    /// Nested deeper than [`crate::tree::MAX_DEPTH`].
    TooDeep,
    /// The text expands to more than [`crate::tree::MAX_NODES`] values (an alias bomb).
    TooLarge,
    /// The text's aliases expand to more than [`crate::tree::MAX_EXPANDED_BYTES`] bytes of text
    /// (a long anchored text aliased many times); the number is where counting stopped.
    ExpandsTooFar(usize),
    /// A mapping with more than [`crate::tree::MAX_KEYS`] keys.
    TooManyKeys(usize),
    /// The text is longer than [`crate::MAX_TEMPLATE_BYTES`], CloudFormation's own limit.
    #[allow(missing_docs)]
    TemplateTooLarge { bytes: usize },
    /// The template maps to more components than the playground evaluates
    /// ([`vpc_engine::model::MAX_COMPONENTS`]); the count of resources or components.
    #[allow(missing_docs)]
    TooManyComponents { count: usize, what: &'static str },
    /// The text is refused by the design reader's decoder (`vpc_engine::model::decode`): its
    /// message, with where and what to do.
    Unreadable(String),
    /// Evaluating the intrinsic functions produced more than [`crate::MAX_EVAL_BYTES`] of values.
    TooMuchWork,
    /// Parsed, but not a template: what is missing.
    NotATemplate(String),
    /// Parameters without a default that need a value.
    MissingParameters(Vec<NeededParameter>),
    /// A value given for a parameter the template does not declare.
    #[allow(missing_docs)]
    UnknownParameter { name: String, declared: Vec<String> },
    /// A parameter value outside its `AllowedValues`, or not a number for a `Number`.
    #[allow(missing_docs)]
    BadParameterValue { name: String, value: String, why: String },
    /// `Ref`, `GetAtt`, `Sub` or `DependsOn` names nothing in the template.
    #[allow(missing_docs)]
    MissingReference { name: String, from: String },
    /// Resources that depend on each other in a circle (`A → B → A`).
    CircularDependency(Vec<String>),
    /// Conditions that refer to each other in a circle.
    CircularCondition(Vec<String>),
    /// `Fn::If`, `Condition` or a resource's `Condition` names no condition.
    UnknownCondition(String),
    /// `Fn::FindInMap` keys that are not in the mapping.
    MissingMapping(String),
    /// An intrinsic function called with arguments it does not take.
    #[allow(missing_docs)]
    BadArguments { function: String, why: String },
}

impl Error {
    /// An error without a position.
    pub fn new(kind: ErrorKind) -> Error {
        Error {
            kind,
            line: None,
            column: None,
            path: None,
        }
    }
    /// An error at a position; 0 means unknown.
    pub fn at(kind: ErrorKind, line: u32, column: u32) -> Error {
        Error {
            kind,
            line: (line > 0).then_some(line),
            column: (line > 0).then_some(column),
            path: None,
        }
    }
    pub(crate) fn with_path(mut self, path: impl FnOnce() -> String) -> Error {
        if self.path.is_none() {
            self.path = Some(path());
        }
        self
    }
    pub(crate) fn with_pos(mut self, pos: crate::tree::Pos) -> Error {
        if self.line.is_none() && pos.known() {
            self.line = Some(pos.line);
            self.column = Some(pos.column);
        }
        self
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::JsonSyntax(m) => write!(f, "not valid JSON: {m}"),
            ErrorKind::YamlSyntax(m) => write!(f, "not valid YAML: {m}"),
            ErrorKind::UnknownTag(t) => write!(
                f,
                "unknown tag `{t}`: CloudFormation's short forms are !Ref, !GetAtt, !Sub, !Join, !Select, !Split, \
                 !GetAZs, !If, !Equals, !Not, !And, !Or, !FindInMap, !Base64, !Cidr, !ImportValue, !Condition"
            ),
            ErrorKind::UnknownFunction(n) => write!(f, "unknown intrinsic function `{n}`"),
            ErrorKind::DuplicateKey(k) => write!(f, "the key `{k}` appears twice in the same mapping"),
            ErrorKind::ComplexKey => f.write_str("a mapping key must be plain text"),
            ErrorKind::MultipleDocuments => {
                f.write_str("more than one YAML document (`---`): a template is one document")
            }
            ErrorKind::TooDeep => write!(f, "nested more than {} levels deep", crate::tree::MAX_DEPTH),
            ErrorKind::TooLarge => write!(
                f,
                "the template's anchors and aliases expand to more than {} values, more than any real template \
                 has; remove the aliases (or nested anchors) that copy them",
                crate::tree::MAX_NODES
            ),
            ErrorKind::ExpandsTooFar(bytes) => write!(
                f,
                "the template's aliases expand to more than {} KB of text ({} KB when reading stopped here), \
                 a long anchored text copied many times; remove the aliases that repeat it",
                crate::tree::MAX_EXPANDED_BYTES / 1024,
                bytes / 1024
            ),
            ErrorKind::TooManyKeys(n) => write!(
                f,
                "a mapping with more than {} keys ({n} when reading stopped here); no template section needs that many \
                 (CloudFormation allows 500 resources), so split the template",
                crate::tree::MAX_KEYS
            ),
            ErrorKind::TemplateTooLarge { bytes } => write!(
                f,
                "the template is {} KB, more than the {} KB CloudFormation accepts for a template body, \
                 so it could not be deployed either; split it into nested stacks",
                bytes / 1024,
                crate::MAX_TEMPLATE_BYTES / 1024
            ),
            ErrorKind::TooManyComponents { count, what } => write!(
                f,
                "the template has {count} {what}, more than the {} components this playground evaluates; \
                 split it into smaller templates",
                vpc_engine::model::MAX_COMPONENTS
            ),
            ErrorKind::Unreadable(m) => f.write_str(m),
            ErrorKind::TooMuchWork => write!(
                f,
                "evaluating the template's intrinsic functions produces more than {} MB of values \
                 (a long text repeated through !Ref, !Join or !Sub, or chains of !GetAtt); \
                 shorten the repeated value or the chain",
                crate::MAX_EVAL_BYTES / (1024 * 1024)
            ),
            ErrorKind::NotATemplate(why) => write!(f, "not a CloudFormation or SAM template: {why}"),
            ErrorKind::MissingParameters(ps) => {
                f.write_str("the template needs values for parameters that have no default: ")?;
                let names: Vec<String> = ps.iter().map(|p| format!("{} ({})", p.name, p.ty)).collect();
                f.write_str(&names.join(", "))?;
                f.write_str("; pass them as")?;
                for p in ps {
                    write!(f, " --param {}=…", p.name)?;
                }
                Ok(())
            }
            ErrorKind::UnknownParameter { name, declared } => {
                write!(f, "the template has no parameter `{name}`")?;
                if declared.is_empty() {
                    f.write_str(" (it declares none)")
                } else {
                    write!(f, " (it declares {})", declared.join(", "))
                }
            }
            ErrorKind::BadParameterValue { name, value, why } => {
                write!(f, "parameter `{name}` cannot be `{value}`: {why}")
            }
            ErrorKind::MissingReference { name, from } => {
                write!(f, "{from} refers to `{name}`, which is not a resource, parameter or pseudo parameter of this template")
            }
            ErrorKind::CircularDependency(c) => write!(f, "circular dependency between resources: {}", c.join(" → ")),
            ErrorKind::CircularCondition(c) => write!(f, "circular condition: {}", c.join(" → ")),
            ErrorKind::UnknownCondition(c) => write!(f, "no condition named `{c}` in Conditions"),
            ErrorKind::MissingMapping(m) => write!(f, "Fn::FindInMap: {m}"),
            ErrorKind::BadArguments { function, why } => write!(f, "{function}: {why}"),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.kind)?;
        match (self.line, self.column, &self.path) {
            (Some(l), Some(c), Some(p)) => write!(f, " (line {l}, column {c}, in {p})"),
            (Some(l), Some(c), None) => write!(f, " (line {l}, column {c})"),
            (_, _, Some(p)) => write!(f, " (in {p})"),
            _ => Ok(()),
        }
    }
}

impl std::error::Error for Error {}

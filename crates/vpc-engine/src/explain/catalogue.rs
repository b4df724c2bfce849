//! The explanation catalogue: every sentence the engine can say.
//!
//! Written in the project's own words (never quoted from AWS), each entry in English and
//! Chinese with the AWS documentation page it rests on. `{name}` placeholders are filled
//! from the message's arguments.

use super::ExplanationId;

/// One catalogue entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub id: ExplanationId,
    /// The rule id in `shared/domain/aws-rules.md` (`L6`, `G3`, …) or `V`/`F`/`C` for
    /// validation, findings and cost.
    pub rule: &'static str,
    /// A short title (a few words) in English and Chinese.
    pub title_en: &'static str,
    pub title_zh: &'static str,
    /// The explanation sentence(s).
    pub en: &'static str,
    pub zh: &'static str,
    /// The AWS documentation page this rests on.
    pub url: &'static str,
    /// The matching AWS Reachability Analyzer explanation code, where one exists.
    pub analyzer_code: Option<&'static str>,
}

/// Every entry, one per [`ExplanationId`].
pub static CATALOGUE: &[Entry] = &[];

//! `vpcplay check --json`: the promised output shape, and nothing else.
//!
//! The shape is a compatibility promise (README.md documents it), so it is spelled out here
//! as structs rather than derived from the engine's types: engine refactors cannot change it.

use crate::say;
use serde::Serialize;
use vpc_engine::explain::Lang;
use vpc_engine::validate::Severity;
use vpc_engine::Analysis;

#[derive(Serialize)]
pub struct Output<'a> {
    pub verdicts: Vec<VerdictOut<'a>>,
    pub findings: Vec<FindingOut<'a>>,
}

#[derive(Serialize)]
pub struct VerdictOut<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub port: u16,
    pub verdict: &'static str,
    pub path: Vec<HopOut<'a>>,
    pub blocked_by: Option<&'a str>,
    pub explanations: Vec<&'static str>,
    pub text: String,
}

#[derive(Serialize)]
pub struct HopOut<'a> {
    pub component: &'a str,
    pub kind: &'static str,
    pub allowed: bool,
    pub note: String,
}

#[derive(Serialize)]
pub struct FindingOut<'a> {
    pub id: &'static str,
    pub severity: &'static str,
    pub components: Vec<&'a str>,
    pub text: String,
}

pub fn severity_key(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// The analysis in the `--json` shape: validation diagnostics first in `findings`, then the
/// engine's findings.
pub fn output(analysis: &Analysis, lang: Lang) -> Output<'_> {
    let verdicts = analysis
        .verdicts
        .iter()
        .map(|v| VerdictOut {
            from: v.from.key(),
            to: v.to.key(),
            port: v.port,
            verdict: v.reach.key(),
            path: v
                .path
                .iter()
                .map(|h| HopOut {
                    component: h.component.as_str(),
                    kind: h.kind.key(),
                    allowed: h.allowed,
                    note: say::render(&h.because, lang),
                })
                .collect(),
            blocked_by: v.blocked_by.as_ref().map(|c| c.as_str()),
            explanations: v.explanations.iter().map(|id| id.code()).collect(),
            text: say::render(&v.message, lang),
        })
        .collect();
    let diagnostics = analysis.diagnostics.iter().map(|d| FindingOut {
        id: d.message.id.code(),
        severity: severity_key(d.severity),
        components: d.component.iter().map(|c| c.as_str()).collect(),
        text: say::render(&d.message, lang),
    });
    let findings = analysis.findings.iter().map(|f| FindingOut {
        id: f.id.code(),
        severity: severity_key(f.severity),
        components: f.components.iter().map(|c| c.as_str()).collect(),
        text: say::render(&f.message, lang),
    });
    Output {
        verdicts,
        findings: diagnostics.chain(findings).collect(),
    }
}

//! `vpcplay check --json`: the promised output shape, and nothing else.
//!
//! The shape is a compatibility promise (README.md documents it), so it is spelled out here
//! as structs rather than derived from the engine's types: engine refactors cannot change it.

use crate::say;
use serde::Serialize;
use vpc_engine::explain::Lang;
use vpc_engine::model::Document;
use vpc_engine::reach::Verdict;
use vpc_engine::validate::Severity;
use vpc_engine::Analysis;

#[derive(Serialize)]
pub struct Output<'a> {
    pub verdicts: Vec<VerdictOut<'a>>,
    /// Every distinct path, once: functions that share a Lambda ENI (subnet and security
    /// groups) share its traces, so their verdicts name the same path by its index here.
    pub paths: Vec<Vec<HopOut<'a>>>,
    /// Functions and the targets in VPCs nothing connects to theirs, one entry per pair of
    /// VPCs: every such (function, target) pair is unreachable for that reason.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unconnected: Vec<UnconnectedOut<'a>>,
    pub findings: Vec<FindingOut<'a>>,
    /// Templates only: the import report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub import: Option<&'a vpc_cfn::Report>,
}

#[derive(Serialize)]
pub struct VerdictOut<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub port: u16,
    pub verdict: &'static str,
    /// The index of the verdict's path in `paths`.
    pub path: usize,
    pub blocked_by: Option<&'a str>,
    pub explanations: Vec<&'static str>,
    pub text: String,
    /// The port range a security group of the target opens that `port` (its first port)
    /// stands for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port_range: Option<[u16; 2]>,
    /// Templates only: placeholder components outside the template this verdict depends on.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub outside: Vec<&'a str>,
    /// Templates only: assumed parameters (no value given, no default) whose network values
    /// this verdict depends on.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub assumed: Vec<&'a str>,
    /// Templates only: whether the verdict rests on something the template does not settle
    /// (`outside` or `assumed` is not empty): a guess, not an answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub depends_on_outside: Option<bool>,
}

#[derive(Serialize)]
pub struct UnconnectedOut<'a> {
    pub vpc: &'a str,
    pub other_vpc: &'a str,
    pub functions: Vec<&'a str>,
    pub targets: Vec<TargetOut<'a>>,
    pub verdict: &'static str,
    pub blocked_by: &'a str,
    pub explanations: Vec<&'static str>,
    pub text: String,
}

#[derive(Serialize)]
pub struct TargetOut<'a> {
    pub id: &'a str,
    pub port: u16,
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
pub fn output<'a>(
    analysis: &'a Analysis,
    lang: Lang,
    template: Option<(&'a Document, &'a vpc_cfn::Report)>,
) -> Output<'a> {
    let mut paths: Vec<Vec<HopOut<'a>>> = Vec::new();
    // Paths by the address and length of their shared hops.
    let mut index: std::collections::HashMap<(usize, usize), usize> = std::collections::HashMap::new();
    let verdicts = analysis
        .verdicts
        .iter()
        .map(|v| {
            let key = (v.path.as_ptr() as usize, v.path.len());
            let path = *index.entry(key).or_insert_with(|| {
                paths.push(
                    v.path
                        .iter()
                        .map(|h| HopOut {
                            component: h.component.as_str(),
                            kind: h.kind.key(),
                            allowed: h.allowed,
                            note: say::render(&h.because, lang),
                        })
                        .collect(),
                );
                paths.len() - 1
            });
            let outside = template.map(|(doc, r)| outside_of(v, doc, r)).unwrap_or_default();
            let assumed = template.map(|(doc, r)| assumed_of(v, doc, r)).unwrap_or_default();
            VerdictOut {
                from: v.from.key(),
                to: v.to.key(),
                port: v.port,
                verdict: v.reach.key(),
                path,
                blocked_by: v.blocked_by.as_ref().map(|c| c.as_str()),
                explanations: v.explanations.iter().map(|id| id.code()).collect(),
                text: say::verdict_text(v, lang),
                port_range: v.port_range.map(|(a, b)| [a, b]),
                depends_on_outside: template.map(|_| !outside.is_empty() || !assumed.is_empty()),
                outside,
                assumed,
            }
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
    let unconnected = analysis
        .unconnected
        .iter()
        .map(|g| UnconnectedOut {
            vpc: g.vpc.as_str(),
            other_vpc: g.other_vpc.as_str(),
            functions: g.functions.iter().map(|(f, _)| f.as_str()).collect(),
            targets: g
                .targets
                .iter()
                .map(|(t, port, _)| TargetOut {
                    id: t.as_str(),
                    port: *port,
                })
                .collect(),
            verdict: "unreachable",
            blocked_by: g.vpc.as_str(),
            explanations: g.trace.explanations.iter().map(|id| id.code()).collect(),
            text: say::render(&g.message, lang),
        })
        .collect();
    Output {
        verdicts,
        paths,
        unconnected,
        findings: diagnostics.chain(findings).collect(),
        import: template.map(|(_, r)| r),
    }
}

/// The components a verdict rests on: its function and destination, its function's subnets
/// and security groups, and every hop of its path.
fn rests_on<'a>(v: &'a Verdict, doc: &'a Document) -> Vec<&'a str> {
    let placement = doc
        .functions
        .iter()
        .find(|f| f.id.as_str() == v.from.key())
        .and_then(|f| f.vpc_config.as_ref())
        .map(|c| {
            c.subnets
                .iter()
                .map(|s| s.as_str())
                .chain(c.security_groups.iter().map(|g| g.as_str()))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    // The VPC of the function's subnets: its block decides the local route of every path.
    let vpcs: Vec<&str> = placement
        .iter()
        .filter_map(|id| doc.subnets.iter().find(|s| s.id.as_str() == *id))
        .map(|s| s.vpc.as_str())
        .collect();
    let mut out: Vec<&str> = vec![v.from.key(), v.to.key()];
    for id in placement
        .into_iter()
        .chain(vpcs)
        .chain(v.path.iter().map(|h| h.component.as_str()))
    {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// The placeholders (components outside the template) a verdict passes through or starts
/// from: on its path, or among its function's subnets and security groups.
pub fn outside_of<'a>(v: &'a Verdict, doc: &'a Document, report: &'a vpc_cfn::Report) -> Vec<&'a str> {
    let is_outside = |id: &str| report.outside.iter().any(|o| o.id == id);
    rests_on(v, doc).into_iter().filter(|id| is_outside(id)).collect()
}

/// The assumed network parameters (rule I4) under the components a verdict rests on.
pub fn assumed_of<'a>(v: &'a Verdict, doc: &'a Document, report: &'a vpc_cfn::Report) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for id in rests_on(v, doc) {
        for p in report.assumed_for(id) {
            if !out.contains(&p.name.as_str()) {
                out.push(p.name.as_str());
            }
        }
    }
    out
}

//! The explanation card: why a verdict is what it is, hop by hop, with the rule and the AWS
//! documentation page behind it.

use crate::i18n::{self, T};
use crate::shared::Shared;
use crate::state::{Action, CardCorner, VerdictKey, ViewAction};
use crate::verdicts::{destination_label, port_label};
use vpc_engine::explain::Lang;
use vpc_engine::model::Document;
use vpc_engine::reach::{HopKind, Source, Verdict};
use vpc_engine::Analysis;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ExplanationCardProps {
    pub doc: Shared<Document>,
    pub analysis: Shared<Analysis>,
    pub highlight: Option<VerdictKey>,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
    /// Where it is drawn, so that it covers neither end of the path it explains.
    #[prop_or_default]
    pub corner: CardCorner,
}

/// The marks an imported template puts in component names: a placeholder for something
/// outside the template (`vpc_cfn::OUTSIDE_SUFFIX`) and a component resting on an assumed
/// parameter (`vpc_cfn::ASSUMES_MARK`). The names are the design's own text, so a saved or
/// shared design keeps them.
const MARKS: [&str; 2] = ["(outside this template)", "(assumes parameter"];

/// The components a verdict rests on that the template it came from leaves open: its
/// function and destination, its function's subnets, security groups and their VPC, and
/// every hop, when their names carry a mark. Display names, in order, once each.
pub fn assumptions(doc: &Document, v: &Verdict) -> Vec<String> {
    let mut ids: Vec<&str> = vec![v.from.key(), v.to.key()];
    if let Some(c) = doc
        .functions
        .iter()
        .find(|f| f.id.as_str() == v.from.key())
        .and_then(|f| f.vpc_config.as_ref())
    {
        for s in &c.subnets {
            ids.push(s.as_str());
            if let Some(sub) = doc.subnets.iter().find(|x| x.id == *s) {
                ids.push(sub.vpc.as_str());
            }
        }
        ids.extend(c.security_groups.iter().map(|g| g.as_str()));
    }
    ids.extend(v.path.iter().map(|h| h.component.as_str()));
    let mut out: Vec<String> = Vec::new();
    for id in ids {
        let name = doc.display_name(id);
        if MARKS.iter().any(|m| name.contains(m)) && !out.iter().any(|n| n == name) {
            out.push(name.to_owned());
        }
    }
    out
}

#[component]
pub fn ExplanationCard(props: &ExplanationCardProps) -> Html {
    let lang = props.lang;
    let doc = &props.doc.0;
    let Some(key) = &props.highlight else { return html! {} };
    let Some(v) = key.find(&props.analysis.0) else {
        return html! {};
    };
    let headline = i18n::headline(v);
    let assumed = assumptions(doc, v);
    let entry = i18n::entry(headline);
    let rule = entry
        .map(|e| e.rule.to_owned())
        .unwrap_or_else(|| headline.id.code().split('.').next().unwrap_or_default().to_owned());
    let from = match &v.from {
        Source::Function(id) => doc.display_name(id.as_str()).to_owned(),
        Source::Internet => T::Internet.get(lang).to_owned(),
    };
    let close = {
        let d = props.dispatch.clone();
        Callback::from(move |_| d.emit(Action::View(ViewAction::Highlight(None))))
    };
    let walk = {
        let d = props.dispatch.clone();
        Callback::from(move |_| d.emit(Action::View(ViewAction::Walk(Some(Default::default())))))
    };
    let hops = v.path.iter().enumerate().map(|(n, hop)| {
        let name = match hop.kind {
            HopKind::Destination => destination_label(doc, &v.to, lang),
            _ => doc.display_name(hop.component.as_str()).to_owned(),
        };
        // Each hop is one line; why it passes unfolds on demand, why it blocks is shown.
        html! {
            <li key={n} data-testid={format!("explain.hop.{n}")} data-allowed={hop.allowed.to_string()}
                class={if hop.allowed { "hop allowed" } else { "hop blocked" }}>
                <span class="hop-mark" aria-label={if hop.allowed { T::HopAllowed.get(lang) } else { T::HopBlocked.get(lang) }}>
                    { if hop.allowed { "✓" } else { "✕" } }
                </span>
                <details class="hop-body" open={!hop.allowed}>
                    <summary class="hop-head">
                        <span class="hop-name">{ name }</span>
                        <span class="hop-kind">{ i18n::hop_kind_name(hop.kind, lang) }</span>
                    </summary>
                    <p class="hop-why">{ i18n::message(&hop.because, lang) }</p>
                </details>
            </li>
        }
    });
    let traces = (v.traces.len() > 1).then(|| {
        let rows = v.traces.iter().enumerate().map(|(i, t)| {
            let subnet = t
                .subnet
                .as_ref()
                .map(|s| doc.display_name(s.as_str()).to_owned())
                .unwrap_or_default();
            let ok = t.disposition.is_success();
            html! {
                <li key={i} class={if ok { "allowed" } else { "blocked" }}>
                    { if ok { "✓ " } else { "✕ " } }{ subnet }
                    if let Some(az) = &t.az { <span class="muted">{ format!(" · {az}") }</span> }
                </li>
            }
        });
        html! {
            <div class="traces">
                <h4>{ T::CardPerSubnet.get(lang) }</h4>
                <ul>{ for rows }</ul>
            </div>
        }
    });
    html! {
        <aside class={classes!("explain-card", v.reach.key(), v.outcome().key(), props.corner.class())} data-testid="explain.card" role="dialog"
               data-outcome={v.outcome().key()} data-corner={props.corner.class()}
               aria-label={format!("{from} → {}{}", destination_label(doc, &v.to, lang), port_label(key))}>
            <header>
                <div class="explain-title">
                    <span class="explain-route">{ format!("{from} → {}{}", destination_label(doc, &v.to, lang), port_label(key)) }</span>
                    <span class={classes!("pill", v.outcome().key())} data-testid="explain.reach">{ i18n::verdict_reach(v, lang) }</span>
                </div>
                <button type="button" class="close" data-testid="explain.close" aria-label={T::CardClose.get(lang)}
                        title={T::CardClose.get(lang)} onclick={close}>{ "×" }</button>
            </header>
            <p class="explain-text" data-testid="explain.text">{ i18n::message(headline, lang) }</p>
            if !assumed.is_empty() {
                <p class="explain-assumes" data-testid="explain.assumes" role="note">
                    { "⚠ " }{ i18n::fill(T::CardAssumes.get(lang), &[("items", &assumed.join(", "))]) }
                </p>
            }
            if let Some(note) = v.range_note() {
                <p class="explain-range" data-testid="explain.range">{ i18n::message(&note, lang) }</p>
            }
            <div class="explain-meta">
                <span class="rule">{ T::CardRule.get(lang) }{ " " }<code data-testid="explain.rule">{ rule }</code></span>
                if let Some(e) = entry {
                    <a data-testid="explain.link" href={e.url} target="_blank" rel="noopener noreferrer">
                        { T::CardDocs.get(lang) }{ " ↗" }
                    </a>
                }
            </div>
            if !v.path.is_empty() {
                <button type="button" class="small walk-start" data-testid="explain.walk" onclick={walk}>
                    { "▶ " }{ T::WalkStart.get(lang) }
                </button>
                <h4>{ T::CardPath.get(lang) }</h4>
                <ol class="hops">{ for hops }</ol>
            }
            { traces.unwrap_or_default() }
        </aside>
    }
}

#[cfg(test)]
mod tests {
    use super::assumptions;

    /// The marks the importer writes are the ones the card looks for.
    #[test]
    fn a_verdict_through_placeholders_or_assumed_parameters_lists_them() {
        let t = "Parameters:\n  SubnetCidr: {Type: String}\n  VpcId: {Type: 'AWS::EC2::VPC::Id'}\nResources:\n  Sn: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref VpcId, CidrBlock: !Ref SubnetCidr, AvailabilityZone: us-east-1a}}\n  Sg: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: g, VpcId: !Ref VpcId}}\n  F: {Type: AWS::Lambda::Function, Properties: {VpcConfig: {SubnetIds: [!Ref Sn], SecurityGroupIds: [!Ref Sg]}}}\n";
        let doc = vpc_cfn::import(t, &[]).unwrap().document;
        assert!(vpc_cfn::OUTSIDE_SUFFIX == super::MARKS[0] && vpc_cfn::ASSUMES_MARK == super::MARKS[1]);
        let analysis = vpc_engine::analyze(&doc);
        let v = analysis.verdicts.iter().find(|v| v.to.key() == "internet").unwrap();
        assert_eq!(
            assumptions(&doc, v),
            ["Sn (assumes parameter SubnetCidr)", "VpcId (outside this template)"]
        );
        // A drawn design assumes nothing.
        let starter = vpc_engine::model::load(include_str!("../designs/starter.json")).unwrap();
        let analysis = vpc_engine::analyze(&starter);
        assert!(analysis.verdicts.iter().all(|v| assumptions(&starter, v).is_empty()));
    }
}

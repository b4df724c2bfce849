//! The explanation card: why a verdict is what it is, hop by hop, with the rule and the AWS
//! documentation page behind it.

use crate::i18n::{self, T};
use crate::shared::Shared;
use crate::state::{Action, VerdictKey, ViewAction};
use crate::verdicts::{destination_label, port_label};
use vpc_engine::explain::Lang;
use vpc_engine::model::Document;
use vpc_engine::reach::{HopKind, Source};
use vpc_engine::Analysis;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ExplanationCardProps {
    pub doc: Shared<Document>,
    pub analysis: Shared<Analysis>,
    pub highlight: Option<VerdictKey>,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
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
        <aside class={classes!("explain-card", v.reach.key())} data-testid="explain.card" role="dialog"
               aria-label={format!("{from} → {}{}", destination_label(doc, &v.to, lang), port_label(key))}>
            <header>
                <div class="explain-title">
                    <span class="explain-route">{ format!("{from} → {}{}", destination_label(doc, &v.to, lang), port_label(key)) }</span>
                    <span class={classes!("pill", v.reach.key())}>{ i18n::reach_name(Some(v.reach), lang) }</span>
                </div>
                <button type="button" class="close" data-testid="explain.close" aria-label={T::CardClose.get(lang)}
                        title={T::CardClose.get(lang)} onclick={close}>{ "×" }</button>
            </header>
            <p class="explain-text" data-testid="explain.text">{ i18n::message(headline, lang) }</p>
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

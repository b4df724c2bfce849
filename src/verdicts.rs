//! The verdict panel: every verdict, finding and design problem of the design.

pub mod rows;

pub use rows::{destination_label, port_label, rows, Row, CLUSTER_AT};

use crate::i18n::{self, T};
use crate::shared::Shared;
use crate::state::{Action, VerdictKey, ViewAction};
use vpc_engine::explain::{Lang, Message};
use vpc_engine::model::Document;
use vpc_engine::reach::{Destination, Outcome, Source, Verdict};
use vpc_engine::validate::Severity;
use vpc_engine::Analysis;
use yew::prelude::*;

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// Item `n` of the findings or diagnostics list (`list`): the message after a dot coloured by
/// severity, as a button that selects the components `ids` it is about.
fn issue_item(
    list: &str,
    n: usize,
    severity: Severity,
    message: &Message,
    ids: Vec<String>,
    lang: Lang,
    dispatch: &Callback<Action>,
) -> Html {
    let onclick = {
        let d = dispatch.clone();
        Callback::from(move |_| d.emit(Action::View(ViewAction::Select(ids.clone()))))
    };
    html! {
        <li key={n}>
            <button type="button" class={classes!("finding", severity_class(severity))}
                    data-testid={format!("{list}.item.{n}")} onclick={onclick}>
                <span class="dot" aria-hidden="true" />
                <span>{ i18n::message(message, lang) }</span>
            </button>
        </li>
    }
}

#[derive(Properties, PartialEq)]
pub struct VerdictPanelProps {
    pub doc: Shared<Document>,
    pub analysis: Shared<Analysis>,
    pub highlight: Option<VerdictKey>,
    /// The selected component ids: a selected function's verdicts are always listed.
    pub selected: Vec<String>,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

/// Up to this many sources, every verdict is listed; beyond it, only those of the selected
/// or highlighted function, the others as one summary line each (a 300-component design
/// has thousands of verdicts, which nobody reads as a list).
pub const LIST_ALL_UP_TO: usize = 4;

#[component]
pub fn VerdictPanel(props: &VerdictPanelProps) -> Html {
    let lang = props.lang;
    let doc = &props.doc.0;
    let a = &props.analysis.0;
    // Pairs asked on several ports get the port in their label and test id (the canvas's
    // index of verdicts by pair, so the download has one such map).
    let pairs = use_memo(props.analysis.clone(), |a| crate::canvas::scene::reach_index(&a.0));
    let highlighted = props.highlight.as_ref().and_then(|h| h.find(a));
    let item = |v: &Verdict| {
        let pair = (std::rc::Rc::from(v.from.key()), std::rc::Rc::from(v.to.key()));
        let key = VerdictKey::of(v, pairs.get(&pair).is_some_and(|list| list.len() > 1));
        let id = match key.port {
            Some(p) => format!("{}.{}.{p}", key.from, key.to),
            None => format!("{}.{}", key.from, key.to),
        };
        // The highlighted key names this verdict (with or without its port).
        let active = highlighted.is_some_and(|h| std::ptr::eq(h, v));
        let onclick = {
            let d = props.dispatch.clone();
            let key = key.clone();
            let mut select: Vec<String> = match &v.from {
                Source::Function(id) => vec![id.0.clone()],
                Source::Internet => vec![],
            };
            if let Destination::Component(id) = &v.to {
                select.push(id.0.clone());
            }
            Callback::from(move |_| {
                d.emit(Action::View(ViewAction::Highlight(Some(key.clone()))));
                d.emit(Action::View(ViewAction::Select(select.clone())));
            })
        };
        html! {
            <li key={id.clone()}>
                <button type="button" class={classes!("verdict", v.reach.key(), v.outcome().key(), active.then_some("active"))}
                        data-testid={format!("verdicts.item.{id}")} data-reach={v.reach.key()}
                        data-outcome={v.outcome().key()}
                        aria-pressed={active.to_string()} onclick={onclick}>
                    <span class="dot" aria-hidden="true" />
                    <span class="verdict-dest">{ destination_label(doc, &v.to, lang) }{ port_label(&key) }</span>
                    <span class="verdict-reach">{ i18n::verdict_reach(v, lang) }</span>
                    <span class="verdict-text">{ i18n::message(i18n::headline(v), lang) }
                        if let Some(note) = v.range_note() { { " " }{ i18n::message(&note, lang) } }
                    </span>
                </button>
            </li>
        }
    };
    // Group verdicts by source, functions in document order, the internet last.
    let mut sources: Vec<&Source> = Vec::new();
    for v in &a.verdicts {
        if !sources.contains(&&v.from) {
            sources.push(&v.from);
        }
    }
    let list_all = sources.len() <= LIST_ALL_UP_TO;
    let groups = sources.into_iter().map(|s| {
        let title = match s {
            Source::Function(id) => doc.display_name(id.as_str()).to_owned(),
            Source::Internet => T::FromInternet.get(lang).to_owned(),
        };
        let open = list_all
            || props.selected.iter().any(|id| id == s.key())
            || props.highlight.as_ref().is_some_and(|h| h.from == s.key());
        if open {
            let items = rows(a.verdicts.iter().filter(|v| &v.from == s)).into_iter().enumerate().map(|(n, row)| match row {
                Row::One(v) => item(v),
                Row::Services(list) => {
                    let first = list[0];
                    let rule = first.explanations.first().map(|e| vpc_engine::explain::entry(*e).rule).unwrap_or_default();
                    let mut summary = i18n::fill(
                        T::VerdictServices.get(lang),
                        &[("count", &list.len().to_string()), ("reach", &i18n::verdict_reach(first, lang))],
                    );
                    if let Some(b) = &first.blocked_by {
                        summary.push_str(" · ");
                        summary.push_str(&i18n::fill(T::VerdictStoppedAt.get(lang), &[("component", doc.display_name(b.as_str()))]));
                    }
                    // Any of them highlighted opens the line.
                    let open = list.iter().any(|v| highlighted.is_some_and(|h| std::ptr::eq(h, *v)));
                    html! {
                        <li key={format!("cluster.{n}")}>
                            <details class={classes!("verdict-cluster", first.outcome().key())} open={open}
                                     data-testid={format!("verdicts.cluster.{}.{n}", s.key())} data-count={list.len().to_string()}>
                                <summary>
                                    <span class="dot" aria-hidden="true" />
                                    <span class="verdict-dest">{ summary }</span>
                                    if !rule.is_empty() { <span class="muted">{ format!(" ({rule})") }</span> }
                                </summary>
                                <ul>{ for list.into_iter().map(item) }</ul>
                            </details>
                        </li>
                    }
                }
            });
            return html! {
                <div class="verdict-group" key={s.key().to_owned()}>
                    <h3>{ title }</h3>
                    <ul>{ for items }</ul>
                </div>
            };
        }
        let (mut ok, mut bad, mut partial) = (0, 0, 0);
        for v in a.verdicts.iter().filter(|v| &v.from == s) {
            // Counted by what the verdict means for the learner, as the list colours them.
            match v.outcome() {
                Outcome::Good => ok += 1,
                Outcome::Bad => bad += 1,
                Outcome::Mixed => partial += 1,
            }
        }
        let onclick = {
            let d = props.dispatch.clone();
            let id = s.key().to_owned();
            Callback::from(move |_| d.emit(Action::View(ViewAction::Select(vec![id.clone()]))))
        };
        html! {
            <div class="verdict-group collapsed" key={s.key().to_owned()}>
                <button type="button" class="verdict-summary" onclick={onclick}
                        data-testid={format!("verdicts.group.{}", s.key())}>
                    <span class="summary-name">{ title }</span>
                    <span class="summary-counts">
                        if ok > 0 { <span class="count-ok">{ format!("✓ {ok}") }</span> }
                        if bad > 0 { <span class="count-bad">{ format!("✕ {bad}") }</span> }
                        if partial > 0 { <span class="count-partial">{ format!("◐ {partial}") }</span> }
                    </span>
                </button>
            </div>
        }
    });
    let findings = a.findings.iter().enumerate().map(|(n, f)| {
        let ids = f.components.iter().map(|c| c.0.clone()).collect();
        issue_item("findings", n, f.severity, &f.message, ids, lang, &props.dispatch)
    });
    let diagnostics = a.diagnostics.iter().enumerate().map(|(n, d)| {
        let ids = d.component.iter().map(|c| c.0.clone()).collect();
        issue_item("diagnostics", n, d.severity, &d.message, ids, lang, &props.dispatch)
    });
    let no_functions = doc.functions.is_empty();
    html! {
        <section class="panel verdicts" data-testid="verdicts.panel" aria-label={T::Verdicts.get(lang)}>
            <h2>{ T::Verdicts.get(lang) }</h2>
            if no_functions {
                <p class="empty">{ T::NoFunctions.get(lang) }</p>
            }
            { for groups }
            if !a.diagnostics.is_empty() {
                <h2>{ T::Diagnostics.get(lang) }<span class="count">{ a.diagnostics.len() }</span></h2>
                <ul class="findings">{ for diagnostics }</ul>
            }
            <h2>{ T::Findings.get(lang) }<span class="count">{ a.findings.len() }</span></h2>
            if a.findings.is_empty() {
                <p class="empty">{ T::NoFindings.get(lang) }</p>
            } else {
                <ul class="findings">{ for findings }</ul>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_lists_its_worst_first_and_gathers_the_service_apis_it_cannot_reach() {
        let doc = vpc_engine::model::load(include_str!("../designs/starter.json")).unwrap();
        let a = vpc_engine::analyze(&doc);
        let rows = rows(a.verdicts.iter().filter(|v| v.from.key() == "orders-fn"));
        // Bad outcomes come before the good one (the database it reaches).
        let last = match rows.last().unwrap() {
            Row::One(v) => v,
            Row::Services(_) => panic!("the reachable database is last"),
        };
        assert_eq!(
            (last.to.key(), last.reach),
            ("orders-db", vpc_engine::reach::Reach::Reachable)
        );
        // Every AWS service API is blocked by public-rt for the same reason: one line.
        let services: Vec<&Vec<&Verdict>> = rows
            .iter()
            .filter_map(|r| match r {
                Row::Services(list) => Some(list),
                Row::One(_) => None,
            })
            .collect();
        assert_eq!(services.len(), 1);
        let asked = a
            .verdicts
            .iter()
            .filter(|v| v.from.key() == "orders-fn" && matches!(v.to, Destination::Service(_)))
            .count();
        assert_eq!(services[0].len(), asked);
        assert!(services[0]
            .iter()
            .all(|v| v.blocked_by.as_ref().map(|b| b.as_str()) == Some("public-rt")));
        // Nothing is lost or repeated.
        let listed: usize = rows
            .iter()
            .map(|r| match r {
                Row::One(_) => 1,
                Row::Services(l) => l.len(),
            })
            .sum();
        assert_eq!(
            listed,
            a.verdicts.iter().filter(|v| v.from.key() == "orders-fn").count()
        );
    }
}

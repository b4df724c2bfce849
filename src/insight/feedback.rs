//! Change feedback: after every edit, one sentence saying which paths it opened or closed
//! ("This change gave orders-fn a path to the internet and closed its path to orders-db"),
//! and which design problems appeared or went. Nothing is shown when nothing changed.

use crate::i18n::{self, fill, join_list, T};
use crate::shared::Shared;
use crate::verdicts::rows::destination_label;
use vpc_engine::diff::{diff, Diff};
use vpc_engine::explain::Lang;
use vpc_engine::model::Document;
use vpc_engine::reach::{Destination, Source};
use vpc_engine::Analysis;
use yew::prelude::*;

/// Sources named in one sentence before the rest is counted.
const MAX_SOURCES: usize = 3;

fn source_name(doc: &Document, s: &Source, lang: Lang) -> String {
    match s {
        Source::Function(id) => doc.display_name(id.as_str()).to_owned(),
        Source::Internet => T::FbTheInternet.get(lang).to_owned(),
    }
}

/// The names of `list`, every AWS service in one phrase when it holds every service the
/// source is asked about (`asked`, more than one).
fn destination_names(doc: &Document, list: &[&Destination], asked: usize, lang: Lang) -> Vec<String> {
    let services = list.iter().filter(|d| matches!(d, Destination::Service(_))).count();
    let every = asked > 1 && services == asked;
    let mut names: Vec<String> = list
        .iter()
        .filter(|d| !(every && matches!(d, Destination::Service(_))))
        .map(|to| destination_label(doc, to, lang))
        .collect();
    if every {
        names.push(T::FbEveryService.get(lang).to_owned());
    }
    names
}

/// The sentence for the paths of `d`, or `None` when no path changed. Display names come
/// from `doc` (the design after the change; a removed component shows its id); which services
/// each source is asked about, from `after` (the analysis after the change).
pub fn sentence(d: &Diff, after: &Analysis, doc: &Document, lang: Lang) -> Option<String> {
    let groups = d.by_source();
    if groups.is_empty() {
        return None;
    }
    let mut clauses: Vec<String> = Vec::new();
    for (source, g) in groups.iter().take(MAX_SOURCES) {
        let from = source_name(doc, source, lang);
        let asked = after
            .verdicts
            .iter()
            .filter(|v| v.from == **source && matches!(v.to, Destination::Service(_)))
            .count();
        let kinds = [
            (&g.opened, T::FbOpened, T::FbOpenedIt),
            (&g.closed, T::FbClosed, T::FbClosedIt),
            (&g.partial, T::FbPartial, T::FbPartialIt),
        ];
        let mut first = true;
        for (list, named, it) in kinds {
            if list.is_empty() {
                continue;
            }
            let names = destination_names(doc, list, asked, lang);
            let template = if first { named } else { it };
            clauses.push(fill(
                template.get(lang),
                &[("from", &from), ("list", &join_list(&names, lang))],
            ));
            first = false;
        }
    }
    if groups.len() > MAX_SOURCES {
        let rest: usize = groups[MAX_SOURCES..]
            .iter()
            .map(|(_, g)| g.opened.len() + g.closed.len() + g.partial.len())
            .sum();
        clauses.push(fill(T::FbMore.get(lang), &[("count", &rest.to_string())]));
    }
    let joined = match clauses.split_last() {
        Some((last, init)) if !init.is_empty() => {
            format!(
                "{}{}{last}",
                init.join(T::FbClauseSep.get(lang)),
                T::FbClauseLast.get(lang)
            )
        }
        _ => clauses.concat(),
    };
    Some(fill(T::FbThisChange.get(lang), &[("clauses", &joined)]))
}

/// One line per kind of problem change: the first problem's sentence, and how many more.
pub fn problem_lines(d: &Diff, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    for (list, t) in [
        (&d.problems_added, T::FbProblemAdded),
        (&d.problems_resolved, T::FbProblemResolved),
    ] {
        if let Some(first) = list.first() {
            let mut line = fill(t.get(lang), &[("text", &i18n::message(&first.message, lang))]);
            if list.len() > 1 {
                line.push(' ');
                line.push_str(&fill(
                    T::FbOthers.get(lang),
                    &[("count", &(list.len() - 1).to_string())],
                ));
            }
            out.push(line);
        }
    }
    out
}

#[derive(Properties, PartialEq)]
pub struct ChangeFeedbackProps {
    pub doc: Shared<Document>,
    pub analysis: Shared<Analysis>,
    pub lang: Lang,
}

/// The feedback line under the canvas. It compares each new analysis with the one before
/// (the analysis changes only with the document: never on selection, zoom or pan) and keeps
/// the pair, so switching language rewords the same change.
#[component]
pub fn ChangeFeedback(props: &ChangeFeedbackProps) -> Html {
    let previous = use_mut_ref(|| None::<Shared<Analysis>>);
    let shown = use_state(|| None::<(Shared<Analysis>, Shared<Analysis>)>);
    {
        let shown = shown.clone();
        use_effect_with(props.analysis.clone(), move |now| {
            let before = previous.replace(Some(now.clone()));
            match before {
                Some(b) if !diff(&b.0, &now.0).is_empty() => shown.set(Some((b, now.clone()))),
                Some(_) => shown.set(None),
                None => {}
            }
        });
    }
    // The live region is always there, so that a screen reader announces each change put in it
    // (a region inserted together with its text is often not read).
    let live = |inner: Html| {
        html! {
            <div role="status" aria-live="polite" aria-label={T::FbLabel.get(props.lang)} data-testid="feedback.live">{ inner }</div>
        }
    };
    let Some((before, after)) = &*shown else {
        return live(html! {});
    };
    let lang = props.lang;
    let d = diff(&before.0, &after.0);
    let text = sentence(&d, &after.0, &props.doc.0, lang);
    let problems = problem_lines(&d, lang);
    let close = {
        let shown = shown.clone();
        Callback::from(move |_| shown.set(None))
    };
    live(html! {
        <div class="feedback" data-testid="feedback">
            <div class="feedback-body">
                if let Some(t) = text { <p data-testid="feedback.text">{ t }</p> }
                { for problems.into_iter().map(|p| html! { <p class="feedback-problem">{ p }</p> }) }
            </div>
            <button type="button" class="close" data-testid="feedback.close" aria-label={T::Dismiss.get(lang)}
                    title={T::Dismiss.get(lang)} onclick={close}>{ "×" }</button>
        </div>
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use vpc_engine::analyze;
    use vpc_engine::model::{load, RouteTarget};

    fn starter() -> Document {
        load(include_str!("../../designs/starter.json")).unwrap()
    }

    /// The starter's private table gets a NAT gateway route: orders-fn (in public-a) is
    /// unaffected; moving orders-fn into private-a then opens the internet and the services.
    #[test]
    fn moving_the_function_behind_nat_reads_as_one_sentence() {
        let before = starter();
        let mut after = before.clone();
        after.nat_gateways.push(
            serde_json::from_str(r#"{ "id": "nat-a", "subnet": "public-a", "connectivity": "public" }"#).unwrap(),
        );
        let rt = after
            .route_tables
            .iter_mut()
            .find(|t| t.id.as_str() == "private-rt")
            .unwrap();
        rt.routes.push(vpc_engine::model::Route {
            destination: vpc_engine::model::RouteDestination::Cidr("0.0.0.0/0".into()),
            target: RouteTarget::NatGateway("nat-a".into()),
        });
        let f = after
            .functions
            .iter_mut()
            .find(|f| f.id.as_str() == "orders-fn")
            .unwrap();
        f.vpc_config.as_mut().unwrap().subnets = vec!["private-a".into()];
        let (a, b) = (analyze(&before), analyze(&after));
        let d = diff(&a, &b);
        let en = sentence(&d, &b, &after, Lang::En).unwrap();
        assert_eq!(
            en,
            "This change gave orders-fn a path to Internet and every AWS service API."
        );
        assert!(en.ends_with('.'), "{en}");
        let zh = sentence(&d, &b, &after, Lang::Zh).unwrap();
        assert_eq!(zh, "这次修改让 orders-fn 可以访问 互联网和所有 AWS 服务 API。");
        // And undoing it closes the same paths.
        let back = sentence(&diff(&b, &a), &a, &before, Lang::En).unwrap();
        assert!(
            back.starts_with("This change closed orders-fn's path to Internet"),
            "{back}"
        );
    }

    #[test]
    fn one_source_opening_and_closing_uses_its_name_once() {
        // orders-fn outside any VPC: the internet opens, the private database closes.
        let before = starter();
        let mut after = before.clone();
        after.functions[0].vpc_config = None;
        let (a, b) = (analyze(&before), analyze(&after));
        let en = sentence(&diff(&a, &b), &b, &after, Lang::En).unwrap();
        assert!(en.contains("gave orders-fn a path to Internet"), "{en}");
        assert!(en.ends_with(" and closed its path to orders-db."), "{en}");
        assert_eq!(en.matches("orders-fn").count(), 1, "{en}");
    }

    #[test]
    fn nothing_changed_says_nothing_and_problems_get_their_own_line() {
        let doc = starter();
        let a = analyze(&doc);
        let d = diff(&a, &a);
        assert_eq!(sentence(&d, &a, &doc, Lang::En), None);
        assert!(problem_lines(&d, Lang::En).is_empty());
        let mut broken = doc.clone();
        broken.subnets[0].cidr = "10.0.0.0/33".into();
        let b = analyze(&broken);
        let d = diff(&a, &b);
        let lines = problem_lines(&d, Lang::En);
        assert!(lines[0].starts_with("New problem: "), "{lines:?}");
        assert!(problem_lines(&diff(&b, &a), Lang::Zh)[0].starts_with("已解决："));
    }
}

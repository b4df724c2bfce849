//! The cost panel: the design's networking per month (the engine's `cost::estimate`), its
//! line items, what an alternative would change, and the traffic assumption, which is part of
//! the design (saved, exported and undone with it).

use super::{parse_gb, InsightPanelsProps};
use crate::i18n::{fill, T};
use crate::state::{Action, DocAction};
use crate::verdicts::destination_label;
use vpc_engine::cost::{
    estimate, gb_per_month, money, rate, AlternativeKind, Line, LineKind, PRICES_DATE, PRICE_SOURCES,
};
use vpc_engine::explain::Lang;
use vpc_engine::model::Document;
use vpc_engine::reach::{Destination, Reach, Source};
use vpc_engine::Analysis;
use yew::prelude::*;

/// The destinations some function reaches (fully or partly) that traffic can be priced for:
/// the internet and AWS service APIs, in verdict order, without repeats.
pub fn priced_destinations(analysis: &Analysis) -> Vec<&Destination> {
    let mut out: Vec<&Destination> = Vec::new();
    for v in &analysis.verdicts {
        let priced = matches!(
            v.to,
            Destination::Internet | Destination::InternetIpv6 | Destination::Service(_)
        );
        if priced && matches!(v.from, Source::Function(_)) && v.reach != Reach::Unreachable && !out.contains(&&v.to) {
            out.push(&v.to);
        }
    }
    out
}

/// The label of a line, in `lang`.
pub fn line_label(doc: &Document, l: &Line, lang: Lang) -> String {
    let t = match l.kind {
        LineKind::NatHours => T::CostNatHours,
        LineKind::PublicIpv4 => T::CostPublicIpv4,
        LineKind::InterfaceHours => T::CostInterfaceHours,
        LineKind::NatData => T::CostNatData,
        LineKind::InterfaceData => T::CostInterfaceData,
        LineKind::GatewayEndpoint => T::CostGatewayEndpoint,
        LineKind::CrossAz => T::CostCrossAz,
        LineKind::InternetOut => T::CostInternetOut,
    };
    fill(
        t.get(lang),
        &[
            ("component", doc.display_name(&l.component)),
            ("count", &l.count.to_string()),
        ],
    )
}

/// How a line's amount is worked out: "730 h × $0.045", "900 GB × $0.045".
pub fn line_detail(l: &Line, lang: Lang) -> String {
    let hours = matches!(
        l.kind,
        LineKind::NatHours | LineKind::PublicIpv4 | LineKind::InterfaceHours
    );
    fill(
        if hours { T::CostHours } else { T::CostGb }.get(lang),
        &[
            ("quantity", &(l.quantity.round() as u64).to_string()),
            ("rate", &rate(l.unit_price)),
        ],
    )
}

/// The sentence for each alternative, largest saving first. Interface endpoints that would
/// cost more than NAT by the same figures share one sentence ("SQS, STS and KMS").
pub fn alternative_sentences(doc: &Document, analysis: &Analysis, lang: Lang) -> Vec<String> {
    let whole = |x: f64| (x.round() as u64).to_string();
    // (sentence, or the group key and its services for a costlier interface endpoint)
    let mut out: Vec<(String, Vec<&'static str>)> = Vec::new();
    for a in &estimate(doc, analysis).alternatives {
        let args = |service: &str| -> String {
            let t = match a.kind {
                AlternativeKind::GatewayEndpoint => T::CostAltGateway,
                AlternativeKind::InterfaceEndpoint if a.saving() >= 0.0 => T::CostAltInterfaceSaves,
                AlternativeKind::InterfaceEndpoint => T::CostAltInterfaceCosts,
                AlternativeKind::GatewayInsteadOfInterface => T::CostAltGatewayForInterface,
            };
            fill(
                t.get(lang),
                &[
                    ("service", service),
                    ("component", doc.display_name(&a.component)),
                    ("amount", &money(a.saving().abs())),
                    ("gb", &whole(a.gb)),
                    ("count", &a.azs.to_string()),
                    ("limit", &a.break_even_gb().map(whole).unwrap_or_default()),
                ],
            )
        };
        let title = a.service.info().title;
        if a.kind == AlternativeKind::InterfaceEndpoint && a.saving() < 0.0 {
            // Grouped by the sentence it would read with a placeholder service.
            let key = args("\u{0}");
            match out.iter_mut().find(|(k, services)| !services.is_empty() && *k == key) {
                Some((_, services)) => services.push(title),
                None => out.push((key, vec![title])),
            }
        } else {
            out.push((args(title), Vec::new()));
        }
    }
    out.into_iter()
        .map(|(text, services)| {
            if services.is_empty() {
                text
            } else {
                let names: Vec<String> = services.iter().map(|s| s.to_string()).collect();
                text.replace('\u{0}', &crate::i18n::join_list(&names, lang))
            }
        })
        .collect()
}

/// The cost panel. A hook rather than a component: the sidebar's [`super::InsightPanels`]
/// hosts it with the compare panel, one component for both (each component costs the
/// download a few KB of Yew machinery).
#[hook]
pub fn use_cost_panel(props: &InsightPanelsProps) -> Html {
    let lang = props.lang;
    let doc = &props.doc.0;
    let open = use_state(|| false);
    // Invalid text typed into a traffic field, by destination key: shown, never committed.
    let drafts = use_state(Vec::<(String, String)>::new);
    let e = use_memo((props.doc.clone(), props.analysis.clone()), |(d, a)| {
        estimate(&d.0, &a.0)
    });
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let head = html! {
        <button type="button" class="panel-toggle" data-testid="cost.toggle" aria-expanded={open.to_string()} onclick={toggle}>
            <span>{ T::CostTitle.get(lang) }</span>
            <span class="cost-total" data-testid="cost.total">{ fill(T::CostTotal.get(lang), &[("amount", &money(e.total))]) }</span>
        </button>
    };
    if !*open {
        return html! { <section class="panel cost" data-testid="cost.panel">{ head }</section> };
    }
    let rows = e.lines.iter().enumerate().map(|(n, l)| {
        html! {
            <tr key={n} data-testid={format!("cost.line.{n}")}>
                <td>{ line_label(doc, l, lang) }<br /><span class="muted">{ line_detail(l, lang) }</span></td>
                <td class="amount">{ money(l.amount) }</td>
            </tr>
        }
    });
    let destinations = priced_destinations(&props.analysis.0);
    let inputs = destinations.iter().map(|to| {
        let key = to.key().to_owned();
        let draft = drafts.iter().find(|(k, _)| *k == key).map(|(_, t)| t.clone());
        let value = draft.clone().unwrap_or_else(|| gb_per_month(doc, &key).to_string());
        let onchange = {
            let drafts = drafts.clone();
            let d = props.dispatch.clone();
            let key = key.clone();
            Callback::from(move |ev: Event| {
                let Some(input) = ev.target_dyn_into::<web_sys::HtmlInputElement>() else {
                    return;
                };
                let text = input.value();
                let mut next: Vec<(String, String)> = drafts.iter().filter(|(k, _)| *k != key).cloned().collect();
                match parse_gb(&text) {
                    Some(gb) => d.emit(Action::Doc(DocAction::SetTraffic {
                        destination: key.clone(),
                        gb,
                    })),
                    None => next.push((key.clone(), text)),
                }
                drafts.set(next);
            })
        };
        let id = format!("cost-traffic-{key}");
        html! {
            <li key={key.clone()}>
                <label for={id.clone()}>{ destination_label(doc, to, lang) }</label>
                <input id={id} type="text" inputmode="numeric" data-testid={format!("cost.traffic.{key}")} value={value}
                       aria-invalid={draft.is_some().then_some("true")} onchange={onchange} />
                <span class="muted">{ "GB" }</span>
                if draft.is_some() {
                    <p class="field-error" role="alert" data-testid={format!("cost.traffic.{key}.error")}>{ T::CostTrafficError.get(lang) }</p>
                }
            </li>
        }
    });
    let alternatives = alternative_sentences(doc, &props.analysis.0, lang);
    html! {
        <section class="panel cost open" data-testid="cost.panel">
            { head }
            if e.lines.is_empty() {
                <p class="empty">{ T::CostNothing.get(lang) }</p>
            } else {
                <table class="cost-lines"><tbody>{ for rows }</tbody></table>
            }
            <h3>{ T::CostTraffic.get(lang) }</h3>
            if destinations.is_empty() {
                <p class="empty">{ T::CostTrafficNone.get(lang) }</p>
            } else {
                <ul class="cost-traffic">{ for inputs }</ul>
            }
            if !alternatives.is_empty() {
                <h3>{ T::CostAlternatives.get(lang) }</h3>
                <ul class="cost-alternatives">
                    { for alternatives.into_iter().enumerate().map(|(n, s)| html! { <li key={n} data-testid={format!("cost.alt.{n}")}>{ s }</li> }) }
                </ul>
            }
            <p class="muted cost-notes">
                { fill(T::CostNotes.get(lang), &[("date", PRICES_DATE)]) }{ " " }
                <a href={PRICE_SOURCES[0]} target="_blank" rel="noopener noreferrer">{ T::CostSourceVpc.get(lang) }{ " ↗" }</a>{ " · " }
                <a href={PRICE_SOURCES[1]} target="_blank" rel="noopener noreferrer">{ T::CostSourcePrivateLink.get(lang) }{ " ↗" }</a>
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vpc_engine::analyze;
    use vpc_engine::model::load;

    fn nat_design() -> Document {
        load(include_str!(
            "../../crates/vpc-engine/tests/scenarios/lambda_in_private_subnet_with_nat_reaches_internet.json"
        ))
        .unwrap()
    }

    #[test]
    fn lines_read_with_their_arithmetic() {
        let doc = nat_design();
        let a = analyze(&doc);
        let e = estimate(&doc, &a);
        let first = &e.lines[0];
        assert_eq!(line_label(&doc, first, Lang::En), "NAT gateway nat-a: hours");
        assert_eq!(line_detail(first, Lang::En), "730 h × $0.045");
        assert_eq!(line_detail(first, Lang::Zh), "730 小时 × $0.045");
    }

    #[test]
    fn the_s3_alternative_names_its_saving() {
        let mut doc = nat_design();
        // One NAT gateway per AZ, no cross-AZ: 1000 GB × $0.045 = $45.00 saved.
        doc.traffic.insert("s3".into(), 1000);
        let a = analyze(&doc);
        let s = alternative_sentences(&doc, &a, Lang::En);
        assert!(
            s[0].starts_with("A gateway endpoint for Amazon S3 in main-vpc would save $45.00/month"),
            "{s:?}"
        );
        assert!(alternative_sentences(&doc, &a, Lang::Zh)[0].contains("$45.00"));
        // The six other services would cost more through an interface endpoint, by the same
        // figures: one sentence. 2 × 730 h × $0.01 + 100 GB × $0.01 = $15.60 against
        // 100 GB × $0.045 = $4.50 through NAT; break-even 14.60 / 0.035 ≈ 417 GB.
        assert_eq!(s.len(), 3, "{s:?}");
        assert_eq!(
            s[2],
            "Interface endpoints for Amazon SQS, AWS Secrets Manager, AWS STS, AWS KMS, Amazon CloudWatch Logs and \
             AWS Systems Manager (2 AZ(s) each) would cost $11.10/month more each than NAT at 100 GB a month: the \
             hourly charge per AZ outweighs the cheaper processing until about 417 GB a month."
        );
    }

    #[test]
    fn typing_traffic_is_one_undo_step_per_destination() {
        use crate::state::{reduce, Action, Editor, ViewState};
        let ed = Editor::new(nat_design(), ViewState::default());
        let set = |ed: &Editor, dest: &str, gb| {
            reduce(
                ed,
                Action::Doc(DocAction::SetTraffic {
                    destination: dest.into(),
                    gb,
                }),
            )
            .unwrap()
        };
        let ed = set(&ed, "s3", 500);
        let ed = set(&ed, "s3", 1000);
        assert_eq!(gb_per_month(ed.doc(), "s3"), 1000);
        // Both edits of S3 merged: one undo goes back to the default.
        let undone = reduce(&ed, Action::Undo).unwrap();
        assert_eq!(gb_per_month(undone.doc(), "s3"), 100);
        assert!(!undone.history.can_undo());
        // The same value again changes nothing.
        assert!(reduce(
            &ed,
            Action::Doc(DocAction::SetTraffic {
                destination: "s3".into(),
                gb: 1000
            })
        )
        .is_none_or(|e| e.doc() == ed.doc()));
    }

    #[test]
    fn only_reached_internet_and_service_destinations_are_priced() {
        let starter = load(include_str!("../../designs/starter.json")).unwrap();
        // orders-fn in a public subnet reaches nothing but its database.
        assert!(priced_destinations(&analyze(&starter)).is_empty());
        let doc = nat_design();
        let a = analyze(&doc);
        let keys: Vec<&str> = priced_destinations(&a).iter().map(|d| d.key()).collect();
        assert_eq!(keys[0], "internet");
        assert!(keys.contains(&"s3") && !keys.contains(&"internet-ipv6"));
    }
}

//! The palette: components to drag onto the canvas (or add with Enter / a click).

use crate::canvas::icons;
use crate::i18n::{self, T};
use crate::state::document::{short_title, store_label};
use crate::state::{Action, PaletteItem, ViewAction};
use vpc_engine::explain::Lang;
use vpc_engine::model::{AwsService, StoreKind};
use yew::prelude::*;

/// The palette's groups, in order.
pub fn groups() -> Vec<(T, Vec<PaletteItem>)> {
    vec![
        (
            T::GroupNetwork,
            vec![
                PaletteItem::Vpc,
                PaletteItem::Subnet,
                PaletteItem::Igw,
                PaletteItem::Nat,
                PaletteItem::Eigw,
                PaletteItem::GatewayEndpoint,
                PaletteItem::InterfaceEndpoint,
            ],
        ),
        (T::GroupSecurity, vec![PaletteItem::Sg, PaletteItem::Nacl]),
        (
            T::GroupCompute,
            vec![PaletteItem::Lambda, PaletteItem::Rds, PaletteItem::Ec2],
        ),
        (T::GroupData, StoreKind::all().map(PaletteItem::Store).collect()),
        (T::GroupServices, AwsService::core().map(PaletteItem::Service).collect()),
    ]
}

fn label(item: PaletteItem, lang: Lang) -> String {
    match item {
        PaletteItem::Service(s) => short_title(s).to_owned(),
        PaletteItem::Store(k) => store_label(k).to_owned(),
        _ => i18n::kind_name(item.kind(), lang).to_owned(),
    }
}

#[derive(Properties, PartialEq)]
pub struct PaletteProps {
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

#[component]
pub fn Palette(props: &PaletteProps) -> Html {
    let lang = props.lang;
    let groups = groups().into_iter().map(|(title, items)| {
        let items = items.into_iter().map(|item| {
            let onpointerdown = {
                let d = props.dispatch.clone();
                Callback::from(move |e: PointerEvent| {
                    if e.button() == 0 {
                        e.prevent_default();
                        crate::dom::refresh_canvas_rect();
                        d.emit(Action::View(ViewAction::BeginPlace(item)));
                    }
                })
            };
            // Enter, Space or a click without dragging: add it without a drag.
            let onclick = {
                let d = props.dispatch.clone();
                Callback::from(move |_| d.emit(Action::AddAtCentre(item)))
            };
            let service = match item {
                PaletteItem::Service(s) => Some(s.key()),
                PaletteItem::Store(k) => Some(k.info().key),
                _ => None,
            };
            let title = match item {
                PaletteItem::Store(k) => Some(k.info().title),
                _ => None,
            };
            html! {
                <li key={item.key()}>
                    <button type="button" class="palette-item" data-testid={format!("palette.item.{}", item.key())}
                            draggable="false" title={title} onpointerdown={onpointerdown} onclick={onclick}>
                        <svg class="palette-icon" viewBox="0 0 28 28" aria-hidden="true">
                            { icons::icon(item.kind(), service, 14.0, 14.0, 13.0) }
                        </svg>
                        <span>{ label(item, lang) }</span>
                    </button>
                </li>
            }
        });
        html! {
            <section class="palette-group" key={title.get(Lang::En)}>
                <h2>{ title.get(lang) }</h2>
                <ul>{ for items }</ul>
            </section>
        }
    });
    html! {
        <nav class="palette" aria-label={T::PaletteLabel.get(lang)}>
            { for groups }
            <p class="hint">{ T::PaletteHint.get(lang) }</p>
        </nav>
    }
}

//! The toolbar: undo/redo, delete, duplicate, zoom, My designs (with import, export and
//! share links), language, starter design.

use crate::i18n::T;
use crate::persist;
use crate::state::{Action, ViewAction};
use std::rc::Rc;
use vpc_engine::explain::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub lang: Lang,
    pub can_undo: bool,
    pub can_redo: bool,
    pub has_selection: bool,
    pub zoom: f64,
    pub dispatch: Callback<Action>,
    /// The design on screen (for export and share links).
    pub doc: crate::shared::Shared<vpc_engine::model::Document>,
    /// A text that arrived from outside the app, for the template dialog if it is a template.
    #[prop_or_default]
    pub arrival: Option<crate::state::Arrival>,
}

const UNDO: &str = "M9 5 4 10l5 5M4 10h10a5 5 0 0 1 0 10h-4";
const REDO: &str = "M15 5l5 5-5 5M20 10H10a5 5 0 0 0 0 10h4";
const DUPLICATE: &str = "M8 8h12v12H8zM4 16V4h12";
const DELETE: &str = "M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3";
const PLUS: &str = "M12 5v14M5 12h14";
const MINUS: &str = "M5 12h14";
const GLOBE: &str = "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18M3 12h18M12 3c-3 3-3 15 0 18M12 3c3 3 3 15 0 18";

fn send(dispatch: &Callback<Action>, action: Action) -> Callback<MouseEvent> {
    let dispatch = dispatch.clone();
    Callback::from(move |_| dispatch.emit(action.clone()))
}

#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let lang = props.lang;
    let d = &props.dispatch;
    let button =
        |testid: &'static str, label: T, shortcut: &'static str, icon: &'static str, enabled: bool, action: Action| {
            let title = if shortcut.is_empty() {
                label.get(lang).to_owned()
            } else {
                format!("{} ({shortcut})", label.get(lang))
            };
            html! {
                <button type="button" class="tool" data-testid={testid} title={title.clone()} aria-label={title}
                        disabled={!enabled} onclick={send(d, action)}>
                    <svg class="tool-icon" viewBox="0 0 24 24" aria-hidden="true"><path d={icon} /></svg>
                </button>
            }
        };
    let starter = {
        let d = d.clone();
        Callback::from(move |_| d.emit(Action::ReplaceDocument(Rc::new(persist::starter()))))
    };
    let zoom = format!("{}%", crate::geometry::N((props.zoom * 100.0).round()));
    let library_open = use_state(|| false);
    let designs_button = use_node_ref();
    let toggle_library = {
        let open = library_open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let close_library = {
        let open = library_open.clone();
        Callback::from(move |()| open.set(false))
    };
    html! {
        <header class="toolbar" role="toolbar">
            <div class="brand">
                <span class="brand-mark" aria-hidden="true">{ "λ" }</span>
                <div>
                    <h1>{ T::AppTitle.get(lang) }</h1>
                    <p class="tagline">{ T::AppTagline.get(lang) }</p>
                </div>
            </div>
            <div class="tool-group">
                { button("toolbar.undo", T::Undo, "Ctrl+Z", UNDO, props.can_undo, Action::Undo) }
                { button("toolbar.redo", T::Redo, "Ctrl+Shift+Z", REDO, props.can_redo, Action::Redo) }
            </div>
            <div class="tool-group">
                { button("toolbar.duplicate", T::Duplicate, "Ctrl+D", DUPLICATE, props.has_selection, Action::DuplicateSelection) }
                { button("toolbar.delete", T::Delete, "Delete", DELETE, props.has_selection, Action::DeleteSelection) }
            </div>
            <div class="tool-group">
                { button("toolbar.zoom-out", T::ZoomOut, "−", MINUS, true, Action::View(ViewAction::ZoomOut)) }
                <button type="button" class="tool zoom-level" data-testid="toolbar.zoom-reset"
                        title={T::ZoomReset.get(lang)} aria-label={format!("{zoom} · {}", T::ZoomReset.get(lang))}
                        onclick={send(d, Action::View(ViewAction::ZoomFit))}>
                    { zoom }
                </button>
                { button("toolbar.zoom-in", T::ZoomIn, "+", PLUS, true, Action::View(ViewAction::ZoomIn)) }
            </div>
            <div class="tool-spacer" />
            <crate::template::TemplateImport lang={lang} dispatch={d.clone()} on_open={close_library.clone()} arrival={props.arrival.clone()} />
            <div class="library-anchor">
                <button type="button" class="tool text" data-testid="toolbar.designs" aria-expanded={library_open.to_string()} ref={designs_button.clone()}
                        onclick={toggle_library}>
                    { T::MyDesigns.get(lang) }
                </button>
                if *library_open {
                    <crate::library::LibraryPanel lang={lang} doc={props.doc.clone()} dispatch={d.clone()} on_close={close_library} opener={designs_button.clone()} />
                }
            </div>
            <button type="button" class="tool text" title={T::StartOverHint.get(lang)} onclick={starter}>
                { T::StartOver.get(lang) }
            </button>
            // A globe beside the other language's name: a reader without a CJK font, who sees
            // "中文" as empty boxes, still knows the button for what it is; its name says both
            // languages in their own script, whichever is on screen.
            <button type="button" class="tool text lang" data-testid="toolbar.lang"
                    title={T::SwitchLanguage.get(lang)} aria-label={T::LanguageNames.get(lang)}
                    onclick={send(d, Action::View(ViewAction::ToggleLang))}>
                <svg class="tool-icon" viewBox="0 0 24 24" aria-hidden="true"><path d={GLOBE} /></svg>
                <span lang={if lang == Lang::En { "zh" } else { "en" }}>{ T::OtherLanguage.get(lang) }</span>
            </button>
        </header>
    }
}

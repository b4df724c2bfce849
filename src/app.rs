//! The root component: owns the reducer, derives the analysis from the document, runs the
//! effects (saving, language, timers, window listeners) and lays out the panels.

use crate::canvas::{scene, Canvas};
use crate::dom::{self, Listener, Timeout};
use crate::explain::ExplanationCard;
use crate::geometry;
use crate::i18n::{self, T};
use crate::insight::feedback::ChangeFeedback;
use crate::insight::walk::WalkPanel;
use crate::insight::InsightPanels;
use crate::inspector::Inspector;
use crate::lessons::Lessons;
use crate::palette::Palette;
use crate::persist;
use crate::shared::Shared;
use crate::state::{Action, Banner, Editor, ViewAction, ViewState};
use crate::toolbar::Toolbar;
use crate::verdicts::VerdictPanel;
use crate::zh_texts;
use std::rc::Rc;
use vpc_engine::explain::Lang;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Where the tab keeps whether the side panel is open (sessionStorage).
const SIDEBAR_KEY: &str = "vpcplay.sidebar";

/// The editor's initial state: the saved (or starter) design and the saved language.
fn initial_editor() -> Editor {
    let (history, banner) = persist::load_design();
    let lang = match persist::load_lang() {
        // The texts could not be fetched at start (`start` tried): English, and a banner.
        Lang::Zh if !zh_texts::available() => Lang::En,
        lang => lang,
    };
    let view = ViewState {
        lang,
        banner,
        ..ViewState::default()
    };
    Editor {
        history: Rc::new(history),
        view,
    }
}

/// Maps a key press outside text fields to an editor action.
fn key_action(e: &web_sys::KeyboardEvent) -> Option<Action> {
    let cmd = e.ctrl_key() || e.meta_key();
    let key = e.key();
    // Arrow keys move the selection (Shift: bigger steps), as in tldraw and Excalidraw;
    // with nothing selected they pan.
    let step = if e.shift_key() { 50.0 } else { 10.0 };
    Some(match key.as_str() {
        "z" | "Z" if cmd && e.shift_key() => Action::Redo,
        "z" | "Z" if cmd => Action::Undo,
        "y" | "Y" if cmd => Action::Redo,
        "d" | "D" if cmd => Action::DuplicateSelection,
        "Delete" | "Backspace" => Action::DeleteSelection,
        "Escape" => Action::View(ViewAction::Escape),
        "ArrowLeft" => Action::NudgeSelection { dx: -step, dy: 0.0 },
        "ArrowRight" => Action::NudgeSelection { dx: step, dy: 0.0 },
        "ArrowUp" => Action::NudgeSelection { dx: 0.0, dy: -step },
        "ArrowDown" => Action::NudgeSelection { dx: 0.0, dy: step },
        "+" | "=" if !cmd => Action::View(ViewAction::ZoomIn),
        "-" | "_" if !cmd => Action::View(ViewAction::ZoomOut),
        "0" if !cmd => Action::View(ViewAction::ZoomFit),
        _ => return None,
    })
}

#[component]
pub fn App() -> Html {
    let editor = use_reducer(initial_editor);
    // Why the Chinese texts could not be fetched, if they could not (at start or on a switch).
    let texts_error = use_state(zh_texts::take_failure);
    let dispatch: Callback<Action> = {
        let (raw, lang, texts_error) = (editor.dispatcher(), editor.view.lang, texts_error.clone());
        Callback::from(move |a: Action| {
            let to_chinese = match &a {
                Action::View(ViewAction::ToggleLang) => lang == Lang::En,
                Action::View(ViewAction::SetLang(l)) => *l == Lang::Zh,
                _ => false,
            };
            if !to_chinese || zh_texts::available() {
                return raw.dispatch(a);
            }
            // Fetch the texts first and switch once they are here, so that every panel
            // redraws in Chinese at once; without them the page stays English and says why.
            let (raw, texts_error) = (raw.clone(), texts_error.clone());
            yew::platform::spawn_local(async move {
                match zh_texts::load().await {
                    Ok(()) => raw.dispatch(Action::View(ViewAction::SetLang(Lang::Zh))),
                    Err(e) => texts_error.set(Some(e)),
                }
            });
        })
    };
    let doc = Shared(editor.doc().clone());

    // The engine runs once per document, never on pan, hover or selection.
    let analysis = use_memo(doc.clone(), |d| Rc::new(vpc_engine::analyze(&d.0)));
    let analysis = Shared((*analysis).clone());
    // Drawn from the same analysis: its public subnets and blackhole routes.
    let scene = use_memo((doc.clone(), analysis.clone()), |(d, a)| {
        Rc::new(scene::build(&d.0, &a.0.network))
    });
    let scene = Shared((*scene).clone());

    // Timing marks for the performance script, after the render that shows an analysis.
    {
        let shown = use_mut_ref(|| 0u32);
        use_effect_with(analysis.clone(), move |_| {
            let n = *shown.borrow();
            dom::mark(if n == 0 {
                "vpcplay:first-verdict"
            } else {
                "vpcplay:verdicts-updated"
            });
            *shown.borrow_mut() = n + 1;
        });
    }
    // Save the design and its undo history after every change, after the verdicts are marked
    // as shown (not on the first render: that is what was loaded). A failed save says so once.
    {
        let first = use_mut_ref(|| true);
        let failed = use_mut_ref(|| false);
        let dispatch = dispatch.clone();
        use_effect_with(Shared(editor.history.clone()), move |h| {
            if first.replace(false) {
                return;
            }
            match persist::save_current(&h.0) {
                persist::SaveOutcome::Saved => {
                    failed.replace(false);
                }
                persist::SaveOutcome::Failed => {
                    if !failed.replace(true) {
                        dispatch.emit(Action::Notify(persist::Notice::SaveFailed));
                    }
                }
                persist::SaveOutcome::OtherTab => {
                    let name = persist::name_of(h.0.present());
                    dispatch.emit(Action::Banner(Banner::OtherTab { name }));
                }
            }
        });
    }
    crate::arrivals::use_arrivals(dispatch.clone());
    crate::library::use_other_tabs(dispatch.clone(), editor.doc().clone());
    // A deletion that took the focused component away gives the focus to its container.
    use_effect_with(editor.view.refocus.clone(), |r| {
        if let Some(r) = r {
            dom::refocus_after_delete(r.id.as_deref());
        }
    });
    use_effect_with(editor.view.lang, |lang| {
        persist::save_lang(*lang);
        dom::set_document_lang(lang.code(), T::AppTitle.get(*lang));
    });
    // Toasts go away on their own.
    {
        let seq = editor.view.toast.as_ref().map(|t| t.seq);
        let dispatch = dispatch.clone();
        use_effect_with(seq, move |seq| {
            let timer =
                seq.and_then(|s| Timeout::new(6000, move || dispatch.emit(Action::View(ViewAction::DismissToast(s)))));
            move || drop(timer)
        });
    }
    // Window listeners: pointer moves and releases during drags, keys, resizes.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let measure = {
                let dispatch = dispatch.clone();
                move || {
                    if let Some(size) = dom::canvas_size() {
                        dispatch.emit(Action::View(ViewAction::SetViewport(size)));
                    }
                }
            };
            measure();
            // Fingers pressed on the canvas (pointer id, screen point): while two are down,
            // their moves pinch-zoom and pan instead of driving a one-pointer gesture. Heard in
            // the capture phase, before a node's press claims the event.
            let fingers: Rc<std::cell::RefCell<Vec<(i32, geometry::Point)>>> = Rc::default();
            let f = fingers.clone();
            let on_down = Listener::window_capture("pointerdown", move |e| {
                let Some(e) = e
                    .dyn_ref::<web_sys::PointerEvent>()
                    .filter(|e| e.pointer_type() == "touch")
                else {
                    return;
                };
                let (screen, inside) = dom::canvas_point_fresh(f64::from(e.client_x()), f64::from(e.client_y()));
                if inside {
                    let mut f = f.borrow_mut();
                    f.retain(|(id, _)| *id != e.pointer_id());
                    f.push((e.pointer_id(), screen));
                }
            });
            let (d, f) = (dispatch.clone(), fingers.clone());
            let on_move = Listener::window("pointermove", move |e| {
                if let Some(e) = e.dyn_ref::<web_sys::PointerEvent>() {
                    let (screen, inside) = dom::canvas_point(f64::from(e.client_x()), f64::from(e.client_y()));
                    let mut f = f.borrow_mut();
                    if let Some(i) = f.iter().position(|(id, _)| *id == e.pointer_id()) {
                        let from = f.get(..2).map(|p| [p[0].1, p[1].1]);
                        f[i].1 = screen;
                        if let (Some(from), true) = (from, i < 2) {
                            let to = [f[0].1, f[1].1];
                            return d.emit(Action::View(ViewAction::Pinch { from, to }));
                        }
                    }
                    if f.len() < 2 {
                        d.emit(Action::View(ViewAction::PointerMove { screen, inside }));
                    }
                }
            });
            let (d, f) = (dispatch.clone(), fingers.clone());
            let on_up = Listener::window("pointerup", move |e| {
                if let Some(e) = e.dyn_ref::<web_sys::PointerEvent>() {
                    let (screen, inside) = dom::canvas_point(f64::from(e.client_x()), f64::from(e.client_y()));
                    f.borrow_mut().retain(|(id, _)| *id != e.pointer_id());
                    d.emit(Action::EndGesture { screen, inside });
                }
            });
            let d = dispatch.clone();
            let on_cancel = Listener::window("pointercancel", move |e| {
                if let Some(e) = e.dyn_ref::<web_sys::PointerEvent>() {
                    fingers.borrow_mut().retain(|(id, _)| *id != e.pointer_id());
                }
                d.emit(Action::View(ViewAction::CancelGesture))
            });
            let d = dispatch.clone();
            let on_key = Listener::window("keydown", move |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                if dom::typing_in_field(e) {
                    return;
                }
                if let Some(action) = key_action(e) {
                    e.prevent_default();
                    d.emit(action);
                }
            });
            let on_resize = Listener::window("resize", move |_| measure());
            // The layout may settle after the first paint (fonts, scrollbars): measure again.
            let d = dispatch.clone();
            let settle = Timeout::new(50, move || {
                if let Some(size) = dom::canvas_size() {
                    d.emit(Action::View(ViewAction::SetViewport(size)));
                }
            });
            move || drop((on_down, on_move, on_up, on_cancel, on_key, on_resize, settle))
        });
    }

    // The side panel can be folded away (a small screen, a large design); the tab remembers
    // the choice for its session. The canvas takes the room, so it is measured again.
    let sidebar_open = use_state(|| dom::session_get(SIDEBAR_KEY).as_deref() != Some("closed"));
    {
        let dispatch = dispatch.clone();
        use_effect_with(*sidebar_open, move |open| {
            dom::session_set(SIDEBAR_KEY, if *open { "open" } else { "closed" });
            if let Some(size) = dom::canvas_size() {
                dispatch.emit(Action::View(ViewAction::SetViewport(size)));
            }
        });
    }
    let toggle_sidebar = {
        let open = sidebar_open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };

    let view = &editor.view;
    let corner = view.card_corner(editor.doc());
    let lang = view.lang;
    let banner = view.banner.as_ref().map(|b| match b {
        Banner::UnreadableSaved { error, backup_key } => {
            let dismiss = {
                let d = dispatch.clone();
                Callback::from(move |_| d.emit(Action::View(ViewAction::DismissBanner)))
            };
            html! {
                <div class="banner" role="alert" data-testid="banner">
                    <span>{ i18n::fill(T::BannerUnreadable.get(lang), &[("error", error), ("key", backup_key)]) }</span>
                    <button type="button" class="small" onclick={dismiss}>{ T::Dismiss.get(lang) }</button>
                </div>
            }
        }
        Banner::OtherTab { name } => {
            let choose = |keep_both: bool| {
                let (d, history) = (dispatch.clone(), editor.history.clone());
                Callback::from(move |_| crate::library::resolve_other_tab(&d, &history, keep_both, lang))
            };
            html! {
                <div class="banner" role="alert" data-testid="banner.other-tab">
                    <span>{ i18n::fill(T::BannerOtherTab.get(lang), &[("name", name)]) }</span>
                    <button type="button" class="small" data-testid="banner.other-tab.reload"
                            title={T::OtherTabReloadHint.get(lang)} onclick={choose(false)}>{ T::OtherTabReload.get(lang) }</button>
                    <button type="button" class="small" data-testid="banner.other-tab.keep-both"
                            title={T::OtherTabKeepBothHint.get(lang)} onclick={choose(true)}>{ T::OtherTabKeepBoth.get(lang) }</button>
                </div>
            }
        }
        Banner::Notice(n) => {
            let dismiss = {
                let d = dispatch.clone();
                Callback::from(move |_| d.emit(Action::View(ViewAction::DismissBanner)))
            };
            html! {
                <div class={classes!("banner", (!n.is_error()).then_some("info"))} role={if n.is_error() { "alert" } else { "status" }}
                     data-testid="banner" data-notice={if n.is_error() { "error" } else { "info" }}>
                    <span>{ crate::i18n::notice_text(n, lang) }</span>
                    <button type="button" class="small" data-testid="banner.dismiss" onclick={dismiss}>{ T::Dismiss.get(lang) }</button>
                </div>
            }
        }
    });
    let texts_banner = texts_error.as_ref().map(|error| {
        let dismiss = {
            let texts_error = texts_error.clone();
            Callback::from(move |_| texts_error.set(None))
        };
        html! {
            <div class="banner" role="alert" data-testid="banner.texts">
                <span>{ i18n::fill(T::BannerNoChinese.get(lang), &[("error", error)]) }</span>
                <button type="button" class="small" onclick={dismiss}>{ T::Dismiss.get(lang) }</button>
            </div>
        }
    });
    let toast = view.toast.as_ref().map(|t| {
        let dismiss = {
            let d = dispatch.clone();
            let seq = t.seq;
            Callback::from(move |_| d.emit(Action::View(ViewAction::DismissToast(seq))))
        };
        html! {
            <div class="toast" role="status" data-testid="toast" key={t.seq}>
                <span>{ i18n::note(&t.note, lang) }</span>
                <button type="button" class="close" aria-label={T::Dismiss.get(lang)} onclick={dismiss}>{ "×" }</button>
            </div>
        }
    });
    html! {
        <div class="app" data-testid="app" data-ready="true" lang={if lang == Lang::Zh { "zh-CN" } else { "en" }}>
            <Toolbar lang={lang} can_undo={editor.history.can_undo()} can_redo={editor.history.can_redo()}
                     has_selection={!view.selected.is_empty()} zoom={view.camera.zoom} dispatch={dispatch.clone()}
                     doc={doc.clone()} arrival={view.arrival.clone()} />
            { banner.unwrap_or_default() }
            { texts_banner.unwrap_or_default() }
            <main class={classes!("workspace", (!*sidebar_open).then_some("sidebar-closed"))}>
                <Palette lang={lang} dispatch={dispatch.clone()} />
                <section class="stage">
                    <Canvas doc={doc.clone()} scene={scene} analysis={analysis.clone()} view={view.clone()} dispatch={dispatch.clone()} />
                    if let (Some(walk), Some(key)) = (view.walk, view.highlight.clone()) {
                        <WalkPanel doc={doc.clone()} analysis={analysis.clone()} highlight={key} walk={walk} lang={lang} dispatch={dispatch.clone()} corner={corner} />
                    } else {
                        <ExplanationCard doc={doc.clone()} analysis={analysis.clone()} highlight={view.highlight.clone()} lang={lang} dispatch={dispatch.clone()} corner={corner} />
                    }
                    <ChangeFeedback key={view.opened} doc={doc.clone()} analysis={analysis.clone()} lang={lang} />
                    { toast.unwrap_or_default() }
                    <button type="button" class="sidebar-toggle" data-testid="sidebar.toggle" aria-controls="sidebar"
                            aria-expanded={sidebar_open.to_string()}
                            aria-label={if *sidebar_open { T::HideSidePanel } else { T::ShowSidePanel }.get(lang)}
                            title={if *sidebar_open { T::HideSidePanel } else { T::ShowSidePanel }.get(lang)}
                            onclick={toggle_sidebar}>
                        <svg class="tool-icon" viewBox="0 0 24 24" aria-hidden="true">
                            <path d={if *sidebar_open { "M9 5l7 7-7 7" } else { "M15 5l-7 7 7 7" }} />
                        </svg>
                    </button>
                </section>
                <aside class="sidebar" id="sidebar" hidden={!*sidebar_open}>
                    <Lessons doc={doc.clone()} analysis={analysis.clone()} lang={lang} dispatch={dispatch.clone()} arrival={view.arrival.clone()} />
                    <Inspector doc={doc.clone()} selected={view.selected.first().cloned()} drafts={view.drafts.clone()} lang={lang} dispatch={dispatch.clone()} />
                    <VerdictPanel doc={doc.clone()} analysis={analysis.clone()} highlight={view.highlight.clone()} selected={view.selected.clone()} lang={lang} dispatch={dispatch.clone()} />
                    <InsightPanels doc={doc} analysis={analysis} lang={lang} dispatch={dispatch} />
                </aside>
            </main>
        </div>
    }
}

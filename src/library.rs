//! "My designs": the panel that lists the designs saved in this browser (open, rename,
//! duplicate, delete, new), imports files and exports the open design (JSON, share link,
//! SVG, PNG), and what happens when another tab saves the design on screen. Imports are read
//! by `arrivals`: every import opens as a new design, the one on screen stays saved as it was.

use crate::i18n::{self, T};
use crate::persist::{self, Library, Local, Notice};
use crate::shared::Shared;
use crate::state::{Action, History};
use crate::transfer;
use std::rc::Rc;
use vpc_engine::explain::Lang;
use vpc_engine::model::Document;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Opens design `key` of the library.
fn open_key(dispatch: &Callback<Action>, key: &str) {
    let opened = persist::open(&mut Local, Some(key));
    persist::set_current_key(&opened.library.current);
    dispatch.emit(Action::OpenDesign(Rc::new(opened.history)));
    if let Some(b) = opened.banner {
        dispatch.emit(Action::Banner(b));
    }
}

/// The work that waits for the browser (compressing a share link, encoding a picture).
enum Job {
    Png(String),
    Share(Rc<Document>),
}

/// What a finished job has to show.
enum Done {
    Link(Option<(String, bool)>),
    Nothing,
}

async fn work(job: Job) -> Done {
    match job {
        Job::Png(name) => {
            transfer::export_picture_png(&name).await;
            Done::Nothing
        }
        Job::Share(doc) => match transfer::share_link(&doc).await {
            Some(url) => {
                let copied = transfer::copy(&url).await;
                Done::Link(Some((url, copied)))
            }
            None => Done::Link(None),
        },
    }
}

/// Runs a job; share links are shown through `on_link`.
fn spawn(job: Job, on_link: Option<Callback<Option<(String, bool)>>>) {
    yew::platform::spawn_local(async move {
        match work(job).await {
            Done::Link(l) => {
                if let Some(cb) = on_link {
                    cb.emit(l);
                }
            }
            Done::Nothing => {}
        }
    });
}

/// Watches the other tabs: when one saves the design on screen (the `storage` event, which a
/// browser sends to every other tab of the page), this tab says so at once, before an edit
/// here would have to be held back.
#[hook]
pub fn use_other_tabs(dispatch: Callback<Action>, doc: Rc<Document>) {
    let current = use_mut_ref(|| doc.clone());
    *current.borrow_mut() = doc;
    use_effect_with((), move |_| {
        let on_storage = crate::dom::Listener::window("storage", move |e| {
            let text = |name: &str| js_sys::Reflect::get(&e, &name.into()).ok().and_then(|v| v.as_string());
            let Some(key) = text("key") else { return };
            if persist::changed_elsewhere(&key, text("newValue").as_deref()) {
                let name = persist::name_of(&current.borrow());
                dispatch.emit(Action::Banner(crate::state::Banner::OtherTab { name }));
            }
        });
        move || drop(on_storage)
    });
}

/// Carries out the choice offered when another tab saved the design on screen: load that
/// version (this tab's changes, if any, kept as a separate design) or keep both.
pub fn resolve_other_tab(
    dispatch: &Callback<Action>,
    history: &Rc<History<Rc<Document>>>,
    keep_both: bool,
    lang: Lang,
) {
    let suffix = T::OtherTabSuffix.get(lang);
    let done = if keep_both {
        persist::keep_current_as_new(history, suffix).map(|()| None)
    } else {
        persist::reload_current(history, suffix).map(Some)
    };
    match done {
        Ok(opened) => {
            dispatch.emit(Action::View(crate::state::ViewAction::DismissBanner));
            if let Some(opened) = opened {
                dispatch.emit(Action::OpenDesign(Rc::new(opened.history)));
                if let Some(b) = opened.banner {
                    dispatch.emit(Action::Banner(b));
                }
            }
        }
        Err(persist::Refused) => dispatch.emit(Action::Notify(Notice::NoRoomForNew {
            name: format!("{} {suffix}", persist::name_of(history.present())),
        })),
    }
}

#[derive(Properties, PartialEq)]
pub struct LibraryProps {
    pub lang: Lang,
    pub doc: Shared<Document>,
    pub dispatch: Callback<Action>,
    pub on_close: Callback<()>,
    /// The button that opened the panel: the focus goes back to it on close.
    #[prop_or_default]
    pub opener: NodeRef,
}

/// The "My designs" panel. Its buttons carry `data-op` (and `data-key` for a design); one
/// click handler on the panel carries them out. Renaming asks for the name and deleting asks
/// for confirmation with the browser's own dialogs (keyboard accessible, no extra code).
#[component]
pub fn LibraryPanel(props: &LibraryProps) -> Html {
    let lang = props.lang;
    let library = use_state_eq(|| Library::read(&mut Local));
    let panel = use_node_ref();
    let trap = crate::dom::use_dialog_focus(true, panel.clone(), props.opener.clone());
    // A design can arrive while the panel is open (a paste, a drop, an imported template):
    // the list follows the design on the canvas.
    {
        let library = library.clone();
        use_effect_with(props.doc.clone(), move |_| library.set(Library::read(&mut Local)));
    }
    let link = use_state(|| None::<Option<(String, bool)>>);
    let file_input = use_node_ref();
    let current_name = library
        .current_entry()
        .map_or_else(|| persist::name_of(&props.doc), |e| e.name.clone());

    let run = {
        let (d, doc, on_close) = (props.dispatch.clone(), props.doc.clone(), props.on_close.clone());
        let (library, link, input, name) = (library.clone(), link.clone(), file_input.clone(), current_name.clone());
        move |op: &str, key: String| {
            let mut lib = Library::read(&mut Local);
            let add = |lib: &mut Library, name: String, doc: &Document| match lib.add(&mut Local, &name, doc) {
                Ok(k) => open_key(&d, &k),
                Err(persist::Refused) => d.emit(Action::Notify(Notice::NoRoomForNew { name })),
            };
            match op {
                "open" => {
                    open_key(&d, &key);
                    on_close.emit(());
                }
                "new" => {
                    let name = lib.unique_name(T::NewDesign.get(lang));
                    add(&mut lib, name.clone(), &Document::new(name));
                }
                "duplicate" => {
                    let doc = persist::Store::get(&Local, &key)
                        .and_then(|t| vpc_engine::model::load(&t).ok())
                        .unwrap_or_else(persist::starter);
                    let base = lib.find(&key).map_or(String::new(), |e| e.name.clone());
                    let name = lib.unique_name(&format!("{base} {}", T::DesignCopySuffix.get(lang)));
                    add(&mut lib, name, &doc);
                }
                "rename" => {
                    let old = lib.find(&key).map_or(String::new(), |e| e.name.clone());
                    let new = web_sys::window()
                        .and_then(|w| w.prompt_with_message_and_default(T::DesignName.get(lang), &old).ok())
                        .flatten();
                    if let Some(new) = new {
                        let _ = lib.rename(&mut Local, &key, &new);
                    }
                }
                "delete" => {
                    let name = lib.find(&key).map_or(String::new(), |e| e.name.clone());
                    let question = i18n::fill(T::ConfirmDeleteDesign.get(lang), &[("name", &name)]);
                    let yes = web_sys::window().is_some_and(|w| w.confirm_with_message(&question).unwrap_or(false));
                    let was_current = lib.current == key;
                    if yes && lib.delete(&mut Local, &key).is_ok() && was_current {
                        open_key(&d, &lib.current);
                    }
                }
                "close" => on_close.emit(()),
                "import" => {
                    if let Some(el) = input.cast::<web_sys::HtmlElement>() {
                        el.click();
                    }
                }
                "export-json" => transfer::export_json(&doc, &name),
                "export-svg" => {
                    transfer::export_picture_svg(&name);
                }
                "export-png" => spawn(Job::Png(name.clone()), None),
                "share" => {
                    let link = link.clone();
                    spawn(
                        Job::Share(doc.0.clone()),
                        Some(Callback::from(move |l| link.set(Some(l)))),
                    );
                }
                _ => return,
            }
            library.set(Library::read(&mut Local));
        }
    };
    let onclick = {
        let run = run.clone();
        Callback::from(move |e: MouseEvent| {
            let button = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("[data-op]").ok().flatten());
            if let Some(b) = button {
                let attr = |n: &str| b.get_attribute(n).unwrap_or_default();
                run(&attr("data-op"), attr("data-key"));
            }
        })
    };
    let onkeydown = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            trap.emit(e.clone());
            if e.key() == "Escape" {
                e.stop_propagation();
                on_close.emit(());
            }
        })
    };
    let on_file = {
        let (d, input) = (props.dispatch.clone(), file_input.clone());
        Callback::from(move |_: Event| {
            if let Some(el) = input.cast::<web_sys::HtmlInputElement>() {
                let file = transfer::input_file(&el);
                el.set_value("");
                if !file.is_null() {
                    crate::arrivals::open_file(&d, file);
                }
            }
        })
    };

    let button = |op: &'static str, key: &str, testid: String, label: T| {
        html! {
            <button type="button" class="small" data-op={op} data-key={key.to_owned()} data-testid={testid}>
                { label.get(lang) }
            </button>
        }
    };
    let rows = library.entries.iter().enumerate().map(|(i, e)| {
        let current = e.key == library.current;
        let id = |what: &str| format!("library.item.{i}.{what}");
        html! {
            <li key={e.key.clone()} class={classes!("library-item", current.then_some("current"))}
                data-testid={format!("library.item.{i}")} data-key={e.key.clone()} data-current={current.to_string()}>
                <button type="button" class="library-name" data-op="open" data-key={e.key.clone()}
                        data-testid={id("open")} aria-current={current.then_some("true")}>
                    { e.name.clone() }
                    if current { <span class="muted">{ format!(" · {}", T::OpenNow.get(lang)) }</span> }
                </button>
                <span class="library-actions">
                    { button("rename", &e.key, id("rename"), T::RenameDesign) }
                    { button("duplicate", &e.key, id("duplicate"), T::Duplicate) }
                    { button("delete", &e.key, id("delete"), T::Delete) }
                </span>
            </li>
        }
    });
    let share_out = match &*link {
        Some(None) => html! { <p class="library-share" role="status">{ T::ShareFailed.get(lang) }</p> },
        Some(Some((url, copied))) => html! {
            <div class="library-share" role="status">
                <span>{ if *copied { T::ShareCopied.get(lang) } else { T::ShareNotCopied.get(lang) } }</span>
                <input type="text" readonly=true value={url.clone()} data-testid="library.share-link"
                       aria-label={T::ShareLink.get(lang)} />
            </div>
        },
        None => html! {},
    };
    let t = |s: &str| s.to_owned();
    html! {
        <section class="library" role="dialog" aria-modal="true" aria-label={T::MyDesigns.get(lang)} data-testid="library.panel" ref={panel}
                 {onclick} {onkeydown}>
            <header class="library-head">
                <h2>{ T::MyDesigns.get(lang) }</h2>
                <button type="button" class="close" aria-label={T::CloseMyDesigns.get(lang)} data-op="close"
                        data-testid="library.close">{ "×" }</button>
            </header>
            <p class="muted">{ T::MyDesignsHint.get(lang) }</p>
            <h3>{ T::ThisDesign.get(lang) }</h3>
            <div class="library-row">
                { button("export-json", "", t("library.export-json"), T::ExportJson) }
                { button("share", "", t("library.share"), T::ShareLink) }
                { button("export-svg", "", t("library.export-svg"), T::ExportSvg) }
                { button("export-png", "", t("library.export-png"), T::ExportPng) }
            </div>
            { share_out }
            <h3>{ T::MyDesigns.get(lang) }</h3>
            <div class="library-row">
                { button("new", "", t("library.new"), T::NewDesign) }
                { button("import", "", t("library.import"), T::ImportFile) }
                <input type="file" accept=".json,application/json,text/plain" class="visually-hidden" tabindex="-1"
                       aria-hidden="true" data-testid="library.import-input" ref={file_input} onchange={on_file} />
            </div>
            <p class="muted small-print">{ T::ImportHint.get(lang) }</p>
            <ul class="library-list" data-testid="library.list">{ for rows }</ul>
        </section>
    }
}

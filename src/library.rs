//! "My designs": the panel that lists the designs saved in this browser (open, rename,
//! duplicate, delete, new), imports files and exports the open design (JSON, share link,
//! SVG, PNG); plus the window listeners that open a pasted design, a dropped file or a share
//! link. Every import opens as a new design: the one on screen stays saved as it was.

use crate::i18n::{self, T};
use crate::persist::{self, Library, Local, Notice, Source};
use crate::shared::Shared;
use crate::state::{Action, History};
use crate::transfer;
use std::rc::Rc;
use vpc_engine::explain::Lang;
use vpc_engine::model::Document;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The text of a notice in `lang`.
pub fn notice_text(n: &Notice, lang: Lang) -> String {
    let source = |s: &Source| match s {
        Source::File(name) => i18n::fill(T::SourceFile.get(lang), &[("name", name)]),
        Source::Pasted => T::SourcePasted.get(lang).to_owned(),
        Source::Link => T::SourceLink.get(lang).to_owned(),
    };
    let mb = |b: f64| format!("{:.1}", b / 1_048_576.0);
    match n {
        Notice::SaveFailed => T::NoticeSaveFailed.get(lang).to_owned(),
        Notice::Unreadable { source: s, error } => i18n::fill(
            T::NoticeUnreadable.get(lang),
            &[("source", &source(s)), ("error", error)],
        ),
        Notice::FileTooLarge { name, bytes } => i18n::fill(
            T::NoticeFileTooLarge.get(lang),
            &[
                ("name", name),
                ("size", &mb(*bytes)),
                ("max", &mb(transfer::MAX_FILE_BYTES as f64)),
            ],
        ),
        Notice::NotADesign { source: s, what } => {
            i18n::fill(T::NoticeNotADesign.get(lang), &[("source", &source(s)), ("what", what)])
        }
        Notice::LinkDamaged => T::NoticeLinkDamaged.get(lang).to_owned(),
        Notice::LinkFromNewerVersion { version } => i18n::fill(T::NoticeLinkNewer.get(lang), &[("version", version)]),
        Notice::LinkTooLong { chars } => i18n::fill(T::NoticeLinkTooLong.get(lang), &[("chars", &chars.to_string())]),
        Notice::LinkTooLarge => i18n::fill(
            T::NoticeLinkTooLarge.get(lang),
            &[("max", &mb(transfer::MAX_LINK_BYTES as f64))],
        ),
        Notice::Opened { name, .. } => i18n::fill(T::NoticeOpened.get(lang), &[("name", name)]),
        Notice::NoRoomForNew { name } => i18n::fill(T::NoticeNoRoom.get(lang), &[("name", name)]),
    }
}

type Imported = Result<(Library, History<Rc<Document>>, Notice), Notice>;

/// Shows the outcome of an import: the new design (current in the library) and its notice,
/// or only the notice.
pub fn show(dispatch: &Callback<Action>, result: Imported) {
    match result {
        Ok((library, history, notice)) => {
            persist::set_current_key(&library.current);
            dispatch.emit(Action::OpenDesign(Rc::new(history)));
            dispatch.emit(Action::Notify(notice));
        }
        Err(notice) => dispatch.emit(Action::Notify(notice)),
    }
}

/// Opens design `key` of the library.
fn open_key(dispatch: &Callback<Action>, key: &str) {
    let opened = persist::open(&mut Local, Some(key));
    persist::set_current_key(&opened.library.current);
    dispatch.emit(Action::OpenDesign(Rc::new(opened.history)));
    if let Some(b) = opened.banner {
        dispatch.emit(Action::Banner(b));
    }
}

/// Opens a file (picked or dropped) as a new design.
fn open_file(dispatch: &Callback<Action>, file: wasm_bindgen::JsValue) {
    let dispatch = dispatch.clone();
    yew::platform::spawn_local(async move {
        let r = transfer::open_file(&mut Local, &file).await;
        show(&dispatch, r);
    });
}

/// Opens a share link's fragment (`#d=…`) as a new design, if the page has one.
fn open_fragment(dispatch: &Callback<Action>) {
    let fragment = transfer::take_fragment();
    if fragment.is_empty() {
        return;
    }
    let dispatch = dispatch.clone();
    yew::platform::spawn_local(async move {
        if let Some(r) = transfer::open_link(&mut Local, &fragment).await {
            show(&dispatch, r);
        }
    });
}

/// Window listeners for designs arriving: text pasted outside text fields, a file dropped
/// anywhere on the page, a share link in the address bar (at start and when it changes).
#[hook]
pub fn use_arrivals(dispatch: Callback<Action>) {
    use_effect_with((), move |_| {
        open_fragment(&dispatch);
        let d = dispatch.clone();
        let on_paste = crate::dom::Listener::window("paste", move |e| {
            let in_field = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"));
            if in_field {
                return;
            }
            let text = transfer::pasted_text(&e);
            if text.trim().is_empty() {
                return;
            }
            e.prevent_default();
            show(&d, transfer::import(&mut Local, &text, Source::Pasted));
        });
        let on_over = crate::dom::Listener::window("dragover", move |e| {
            if transfer::has_files(&e) {
                e.prevent_default();
            }
        });
        let d = dispatch.clone();
        let on_drop = crate::dom::Listener::window("drop", move |e| {
            let file = transfer::dropped_file(&e);
            if file.is_null() {
                return;
            }
            e.prevent_default();
            open_file(&d, file);
        });
        let d = dispatch.clone();
        let on_hash = crate::dom::Listener::window("hashchange", move |_| open_fragment(&d));
        move || drop((on_paste, on_over, on_drop, on_hash))
    });
}

#[derive(Properties, PartialEq)]
pub struct LibraryProps {
    pub lang: Lang,
    pub doc: Shared<Document>,
    pub dispatch: Callback<Action>,
    pub on_close: Callback<()>,
}

/// What a row of the list is doing.
#[derive(Clone, PartialEq)]
enum RowMode {
    Renaming { key: String, text: String },
    ConfirmDelete(String),
}

/// The "My designs" panel.
#[component]
pub fn LibraryPanel(props: &LibraryProps) -> Html {
    let lang = props.lang;
    let library = use_state(|| Library::read(&mut Local));
    let mode = use_state(|| None::<RowMode>);
    let link = use_state(|| None::<(String, bool)>);
    let busy_error = use_state(|| false);
    let file_input = use_node_ref();
    let d = props.dispatch.clone();
    let refresh = {
        let library = library.clone();
        move || library.set(Library::read(&mut Local))
    };
    // The name shown for the open design (for file names and copies).
    let current_name = library
        .current_entry()
        .map_or_else(|| persist::name_of(&props.doc), |e| e.name.clone());

    let on_new = {
        let (d, refresh) = (d.clone(), refresh.clone());
        Callback::from(move |_: MouseEvent| {
            let mut lib = Library::read(&mut Local);
            let name = lib.unique_name(T::NewDesign.get(lang));
            let mut doc = Document::new(name.clone());
            doc.layout.clear();
            match lib.add(&mut Local, &name, &doc) {
                Ok(key) => open_key(&d, &key),
                Err(()) => d.emit(Action::Notify(Notice::NoRoomForNew { name })),
            }
            refresh();
        })
    };
    let on_pick = {
        let input = file_input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(el) = input.cast::<web_sys::HtmlElement>() {
                el.click();
            }
        })
    };
    let on_file = {
        let (d, input) = (d.clone(), file_input.clone());
        Callback::from(move |_: Event| {
            if let Some(el) = input.cast::<web_sys::HtmlInputElement>() {
                let file = transfer::input_file(&el);
                el.set_value("");
                if !file.is_null() {
                    open_file(&d, file);
                }
            }
        })
    };
    let on_export = {
        let (doc, name) = (props.doc.clone(), current_name.clone());
        Callback::from(move |_: MouseEvent| transfer::export_json(&doc, &name))
    };
    let on_svg = {
        let name = current_name.clone();
        Callback::from(move |_: MouseEvent| {
            transfer::export_picture_svg(&name);
        })
    };
    let on_png = {
        let name = current_name.clone();
        Callback::from(move |_: MouseEvent| {
            let name = name.clone();
            yew::platform::spawn_local(async move {
                transfer::export_picture_png(&name).await;
            });
        })
    };
    let on_share = {
        let (doc, link, busy_error) = (props.doc.clone(), link.clone(), busy_error.clone());
        Callback::from(move |_: MouseEvent| {
            let (doc, link, busy_error) = (doc.clone(), link.clone(), busy_error.clone());
            yew::platform::spawn_local(async move {
                match transfer::share_link(&doc).await {
                    Some(url) => {
                        let copied = transfer::copy(&url).await;
                        busy_error.set(false);
                        link.set(Some((url, copied)));
                    }
                    None => busy_error.set(true),
                }
            });
        })
    };

    let rows = library.entries.iter().enumerate().map(|(i, e)| {
        let current = e.key == library.current;
        let key = e.key.clone();
        let id = |what: &str| format!("library.item.{i}.{what}");
        let open = {
            let (d, key, on_close) = (d.clone(), key.clone(), props.on_close.clone());
            Callback::from(move |_: MouseEvent| {
                open_key(&d, &key);
                on_close.emit(());
            })
        };
        let rename = {
            let (mode, key, name) = (mode.clone(), key.clone(), e.name.clone());
            Callback::from(move |_: MouseEvent| {
                mode.set(Some(RowMode::Renaming {
                    key: key.clone(),
                    text: name.clone(),
                }))
            })
        };
        let duplicate = {
            let (d, key, name, refresh) = (d.clone(), key.clone(), e.name.clone(), refresh.clone());
            Callback::from(move |_: MouseEvent| {
                let mut lib = Library::read(&mut Local);
                let text = persist::Store::get(&Local, &key);
                let doc = text
                    .and_then(|t| vpc_engine::model::load(&t).ok())
                    .unwrap_or_else(persist::starter);
                let copy = format!("{name} {}", T::DesignCopySuffix.get(lang));
                let copy = lib.unique_name(&copy);
                match lib.add(&mut Local, &copy, &doc) {
                    Ok(k) => open_key(&d, &k),
                    Err(()) => d.emit(Action::Notify(Notice::NoRoomForNew { name: copy })),
                }
                refresh();
            })
        };
        let ask_delete = {
            let (mode, key) = (mode.clone(), key.clone());
            Callback::from(move |_: MouseEvent| mode.set(Some(RowMode::ConfirmDelete(key.clone()))))
        };
        let cancel = {
            let mode = mode.clone();
            Callback::from(move |_: MouseEvent| mode.set(None))
        };
        let body = match &*mode {
            Some(RowMode::Renaming { key: k, text }) if *k == e.key => {
                let oninput = {
                    let (mode, key) = (mode.clone(), key.clone());
                    Callback::from(move |ev: InputEvent| {
                        if let Some(el) = ev.target_dyn_into::<web_sys::HtmlInputElement>() {
                            mode.set(Some(RowMode::Renaming {
                                key: key.clone(),
                                text: el.value(),
                            }));
                        }
                    })
                };
                let commit = {
                    let (mode, key, text, refresh) = (mode.clone(), key.clone(), text.clone(), refresh.clone());
                    Callback::from(move |ev: SubmitEvent| {
                        ev.prevent_default();
                        let mut lib = Library::read(&mut Local);
                        let _ = lib.rename(&mut Local, &key, &text);
                        mode.set(None);
                        refresh();
                    })
                };
                html! {
                    <form class="library-rename" onsubmit={commit}>
                        <input type="text" value={text.clone()} aria-label={T::DesignName.get(lang)}
                               data-testid={id("name-input")} maxlength="120" {oninput} />
                        <button type="submit" class="small" data-testid={id("save-name")}>{ T::SaveName.get(lang) }</button>
                        <button type="button" class="small" onclick={cancel}>{ T::Cancel.get(lang) }</button>
                    </form>
                }
            }
            Some(RowMode::ConfirmDelete(k)) if *k == e.key => {
                let delete = {
                    let (d, key, mode, refresh) = (d.clone(), key.clone(), mode.clone(), refresh.clone());
                    Callback::from(move |_: MouseEvent| {
                        let mut lib = Library::read(&mut Local);
                        let was_current = lib.current == key;
                        if lib.delete(&mut Local, &key).is_ok() && was_current {
                            open_key(&d, &lib.current.clone());
                        }
                        mode.set(None);
                        refresh();
                    })
                };
                html! {
                    <div class="library-confirm" role="alert">
                        <span>{ i18n::fill(T::ConfirmDeleteDesign.get(lang), &[("name", &e.name)]) }</span>
                        <button type="button" class="small danger" data-testid={id("confirm-delete")} onclick={delete}>
                            { T::Delete.get(lang) }
                        </button>
                        <button type="button" class="small" onclick={cancel}>{ T::Cancel.get(lang) }</button>
                    </div>
                }
            }
            _ => html! {
                <>
                    <button type="button" class="library-name" data-testid={id("open")} onclick={open}
                            aria-current={current.then_some("true")}>
                        { e.name.clone() }
                        if current { <span class="muted">{ format!(" · {}", T::OpenNow.get(lang)) }</span> }
                    </button>
                    <span class="library-actions">
                        <button type="button" class="small" data-testid={id("rename")} onclick={rename}>{ T::RenameDesign.get(lang) }</button>
                        <button type="button" class="small" data-testid={id("duplicate")} onclick={duplicate}>{ T::Duplicate.get(lang) }</button>
                        <button type="button" class="small" data-testid={id("delete")} onclick={ask_delete}>{ T::Delete.get(lang) }</button>
                    </span>
                </>
            },
        };
        html! {
            <li key={e.key.clone()} class={classes!("library-item", current.then_some("current"))}
                data-testid={format!("library.item.{i}")} data-key={e.key.clone()} data-current={current.to_string()}>
                { body }
            </li>
        }
    });

    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    let onkeydown = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.stop_propagation();
                on_close.emit(());
            }
        })
    };
    let share_out = match (&*link, *busy_error) {
        (_, true) => html! { <p class="library-share" role="status">{ T::ShareFailed.get(lang) }</p> },
        (Some((url, copied)), _) => html! {
            <div class="library-share" role="status">
                <span>{ if *copied { T::ShareCopied.get(lang) } else { T::ShareNotCopied.get(lang) } }</span>
                <input type="text" readonly=true value={url.clone()} data-testid="library.share-link"
                       aria-label={T::ShareLink.get(lang)} onfocus={Callback::from(|e: FocusEvent| {
                           if let Some(el) = e.target_dyn_into::<web_sys::HtmlInputElement>() { el.select(); }
                       })} />
            </div>
        },
        _ => html! {},
    };
    html! {
        <section class="library" role="dialog" aria-label={T::MyDesigns.get(lang)} data-testid="library.panel" {onkeydown}>
            <header class="library-head">
                <h2>{ T::MyDesigns.get(lang) }</h2>
                <button type="button" class="close" aria-label={T::CloseMyDesigns.get(lang)} data-testid="library.close" onclick={close}>{ "×" }</button>
            </header>
            <p class="muted">{ T::MyDesignsHint.get(lang) }</p>
            <h3>{ T::ThisDesign.get(lang) }</h3>
            <div class="library-row">
                <button type="button" class="small" data-testid="library.export-json" onclick={on_export}>{ T::ExportJson.get(lang) }</button>
                <button type="button" class="small" data-testid="library.share" onclick={on_share}>{ T::ShareLink.get(lang) }</button>
                <button type="button" class="small" data-testid="library.export-svg" onclick={on_svg}>{ T::ExportSvg.get(lang) }</button>
                <button type="button" class="small" data-testid="library.export-png" onclick={on_png}>{ T::ExportPng.get(lang) }</button>
            </div>
            { share_out }
            <h3>{ T::MyDesigns.get(lang) }</h3>
            <div class="library-row">
                <button type="button" class="small" data-testid="library.new" onclick={on_new}>{ T::NewDesign.get(lang) }</button>
                <button type="button" class="small" data-testid="library.import" onclick={on_pick}>{ T::ImportFile.get(lang) }</button>
                <input type="file" accept=".json,application/json,text/plain" class="visually-hidden" tabindex="-1"
                       aria-hidden="true" data-testid="library.import-input" ref={file_input} onchange={on_file} />
            </div>
            <p class="muted small-print">{ T::ImportHint.get(lang) }</p>
            <ul class="library-list" data-testid="library.list">{ for rows }</ul>
        </section>
    }
}

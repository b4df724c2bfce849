//! "Import template": a toolbar button and its dialog. The person pastes, picks or drops a
//! CloudFormation or SAM template; the importer runs in a Web Worker (a second wasm, fetched on
//! first use, so the YAML parser is not in the app's download); the dialog shows the import
//! report, asks for parameters without a default, and opens the design, laid out, as one
//! undoable step.

mod reply;
mod worker;

pub use reply::{open, parse, request, Field, Imported, Line, Needed, Reply};

use crate::i18n::{fill, T};
use crate::state::{Action, Arrival, ViewAction};
use std::rc::Rc;
use vpc_engine::explain::Lang;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DragEvent, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TemplateImportProps {
    pub lang: Lang,
    pub dispatch: Callback<Action>,
    /// Told when the dialog opens (by its button, a paste or a drop), so that the toolbar
    /// closes its other overlay: one overlay at a time.
    #[prop_or_default]
    pub on_open: Callback<()>,
    /// A text that arrived from outside the dialog (see `arrivals`): a template opens the
    /// dialog with it, ready to read, so that the reader sees the report and the parameters
    /// to give before anything opens.
    #[prop_or_default]
    pub arrival: Option<Arrival>,
}

#[derive(Clone, PartialEq)]
enum Phase {
    Editing,
    /// The worker is reading; the dialog counts the seconds and offers to cancel.
    Reading,
    Done(Reply),
    /// The worker gave no reply: why (not loaded, out of memory, an error).
    Stopped(worker::Stopped),
    /// The person cancelled the read; the text is kept.
    Cancelled,
    /// A chosen or dropped file could not be read as text: the message.
    BadFile(String),
}

const IMPORT: &str = "M12 3v12M7 10l5 5 5-5M5 21h14";

/// Files chosen or dropped without a folder's entries: one fills the text box (`one`); several,
/// or a chosen `folder`'s, are read as one configuration.
fn take_files(
    list: web_sys::FileList,
    folder: bool,
    lang: Lang,
    into: Callback<Result<Vec<(String, String)>, String>>,
    one: impl FnOnce(web_sys::File),
) {
    if list.length() > 1 || folder {
        read_files(list, lang, into);
    } else if let Some(f) = list.get(0) {
        one(f);
    }
}

/// Reads the Terraform files ([`reply::terraform_files`]) among those chosen or dropped, with
/// their paths inside a chosen folder; one unreadable file is said by name.
fn read_files(list: web_sys::FileList, lang: Lang, into: Callback<Result<Vec<(String, String)>, String>>) {
    let files: Vec<(String, JsValue)> = (0..list.length())
        .filter_map(|i| list.get(i))
        .map(|f| {
            // The path inside a chosen folder (`webkitRelativePath`, not in web-sys's stable
            // API), else the file's name.
            let relative = js_sys::Reflect::get(&f, &"webkitRelativePath".into())
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            (if relative.is_empty() { f.name() } else { relative }, f.into())
        })
        .collect();
    read_entries(files, lang, into);
}

/// Reads the Terraform files among those given with their paths (a chosen or dropped
/// folder's, or several files'): chosen by path first, so that nothing else is read.
fn read_entries(files: Vec<(String, JsValue)>, lang: Lang, into: Callback<Result<Vec<(String, String)>, String>>) {
    let files = reply::terraform_files(files);
    yew::platform::spawn_local(async move {
        let mut out = Vec::new();
        for (path, f) in files {
            match crate::transfer::read_file(&f).await {
                Ok((_, text)) => out.push((path, text)),
                Err(notice) => return into.emit(Err(crate::i18n::notice_text(&notice, lang))),
            }
        }
        into.emit(Ok(out));
    });
}

/// Reads a file as text into `into`, or says why not: the same reader as every other file
/// (and as the CLI), so over-large files are refused before reading and the encoding is
/// decided by the engine.
fn read_file(file: web_sys::File, lang: Lang, into: Callback<Result<String, String>>) {
    yew::platform::spawn_local(async move {
        into.emit(
            crate::transfer::read_file(&file.into())
                .await
                .map(|(_, text)| text)
                .map_err(|notice| crate::i18n::notice_text(&notice, lang)),
        );
    });
}

#[component]
pub fn TemplateImport(props: &TemplateImportProps) -> Html {
    let lang = props.lang;
    let open = use_state(|| false);
    let text = use_state(String::new);
    // Values the person typed, sent with every read; `fields` are the parameters of the last
    // answer, kept when a read fails so a wrong value can be corrected in place (issue 18).
    let params = use_state(Vec::<(String, String)>::new);
    let fields = use_state(Vec::<Field>::new);
    let phase = use_state(|| Phase::Editing);
    // Seconds since the read began, shown while the worker reads.
    let elapsed = use_state(|| 0u32);
    // Several files (a Terraform configuration, a chosen folder), read instead of the text.
    let files = use_state(Vec::<(String, String)>::new);
    let dialog = use_node_ref();
    {
        let on_open = props.on_open.clone();
        use_effect_with(*open, move |open| {
            if *open {
                on_open.emit(());
            }
        });
    }
    let opener = use_node_ref();
    let trap = crate::dom::use_dialog_focus(*open, dialog.clone(), opener.clone());
    {
        let elapsed = elapsed.clone();
        let reading = matches!(*phase, Phase::Reading);
        use_effect_with((reading, *elapsed), move |&(reading, seconds)| {
            let tick = if reading {
                crate::dom::Timeout::new(1000, move || elapsed.set(seconds + 1))
            } else {
                None
            };
            move || drop(tick)
        });
    }
    {
        let (open, text, phase, params, fields) = (
            open.clone(),
            text.clone(),
            phase.clone(),
            params.clone(),
            fields.clone(),
        );
        let dispatch = props.dispatch.clone();
        use_effect_with(props.arrival.clone(), move |arrival| {
            if let Some(Arrival::Template(t)) = arrival {
                dispatch.emit(Action::View(ViewAction::ArrivalTaken));
                text.set(t.to_string());
                params.set(vec![]);
                fields.set(vec![]);
                phase.set(Phase::Editing);
                open.set(true);
            }
        });
    }

    let show = {
        let open = open.clone();
        Callback::from(move |_| open.set(true))
    };
    // Closing while the worker reads stops it: nothing is left running unseen.
    let close = {
        let (open, phase) = (open.clone(), phase.clone());
        Callback::from(move |_| {
            if matches!(*phase, Phase::Reading) {
                worker::cancel();
                phase.set(Phase::Cancelled);
            }
            open.set(false)
        })
    };
    let cancel = {
        let phase = phase.clone();
        Callback::from(move |_: MouseEvent| {
            worker::cancel();
            phase.set(Phase::Cancelled);
        })
    };
    let on_file_text = {
        let (text, phase, params, fields) = (text.clone(), phase.clone(), params.clone(), fields.clone());
        Callback::from(move |r: Result<String, String>| match r {
            Ok(t) => {
                text.set(t);
                params.set(vec![]);
                fields.set(vec![]);
                phase.set(Phase::Editing);
            }
            Err(name) => phase.set(Phase::BadFile(name)),
        })
    };
    let on_files = {
        let (files, text, phase, params, fields) = (
            files.clone(),
            text.clone(),
            phase.clone(),
            params.clone(),
            fields.clone(),
        );
        Callback::from(move |r: Result<Vec<(String, String)>, String>| match r {
            Ok(list) if list.is_empty() => phase.set(Phase::BadFile(T::TemplateNoTerraformFiles.get(lang).to_owned())),
            Ok(list) => {
                files.set(list);
                text.set(String::new());
                params.set(vec![]);
                fields.set(vec![]);
                phase.set(Phase::Editing);
            }
            Err(why) => phase.set(Phase::BadFile(why)),
        })
    };
    let read = {
        let (text, params, phase, fields, elapsed) = (
            text.clone(),
            params.clone(),
            phase.clone(),
            fields.clone(),
            elapsed.clone(),
        );
        let files = files.clone();
        Callback::from(move |_: MouseEvent| {
            // Text no reader takes is not even sent (the worker refuses more than
            // CloudFormation's 1 MB at once; this spares copying a huge paste to it).
            let size = text.len() + files.iter().map(|(_, t)| t.len()).sum::<usize>();
            if size > vpc_engine::model::MAX_INPUT_BYTES {
                // The words the engine's reader uses, for the text and the files together (the
                // text alone may be within the limit).
                let e = vpc_engine::model::LoadError {
                    kind: vpc_engine::model::LoadErrorKind::TooLarge { bytes: size },
                    line: None,
                    column: None,
                }
                .to_string();
                phase.set(Phase::Done(Reply::Failed {
                    message: e,
                    line: None,
                    column: None,
                    parameter: None,
                    needed: vec![],
                }));
                return;
            }
            elapsed.set(0);
            phase.set(Phase::Reading);
            let (phase, fields) = (phase.clone(), fields.clone());
            // Terraform (several files, a .tf text, a plan) has a worker of its own.
            let reader = if !files.is_empty() || crate::transfer::classify(&text) == crate::transfer::Kind::Terraform {
                worker::Reader::Terraform
            } else {
                worker::Reader::Template
            };
            worker::send(
                request(&text, &files, &params),
                reader,
                Callback::from(move |a: worker::Answer| {
                    phase.set(match a {
                        Ok(r) => {
                            let reply = parse(&r);
                            if let Some(next) = fields_of(&reply) {
                                fields.set(next);
                            }
                            Phase::Done(reply)
                        }
                        Err(why) => Phase::Stopped(why),
                    })
                }),
            );
        })
    };
    // The toolbar button stays in place while the dialog is open, so the toolbar does not shift.
    let button = html! {
        <button type="button" class="tool text template-button" data-testid="toolbar.import-template" ref={opener}
                title={T::ImportTemplateHint.get(lang)} aria-expanded={open.to_string()} onclick={show}>
            <svg class="tool-icon" viewBox="0 0 24 24" aria-hidden="true"><path d={IMPORT} /></svg>
            { T::ImportTemplate.get(lang) }
        </button>
    };
    if !*open {
        // The same shape as when open (a list starting with the button), so that closing
        // keeps the button's element and the focus can go back to it.
        return html! { <>{ button }</> };
    }

    let on_input = {
        let (text, phase, params, fields) = (text.clone(), phase.clone(), params.clone(), fields.clone());
        Callback::from(move |e: InputEvent| {
            text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value());
            // Another text is another template: its parameters are asked afresh.
            params.set(vec![]);
            fields.set(vec![]);
            if !matches!(*phase, Phase::Reading) {
                phase.set(Phase::Editing);
            }
        })
    };
    // One file fills the text box; several (or a folder) are read as one configuration.
    let on_pick = {
        let (on_file_text, on_files, files) = (on_file_text.clone(), on_files.clone(), files.clone());
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            if let Some(l) = input.files() {
                take_files(l, input.has_attribute("webkitdirectory"), lang, on_files.clone(), |f| {
                    files.set(vec![]);
                    read_file(f, lang, on_file_text.clone());
                });
            }
            input.set_value("");
        })
    };
    let clear_files = {
        let (files, params, fields, phase) = (files.clone(), params.clone(), fields.clone(), phase.clone());
        Callback::from(move |_: MouseEvent| {
            files.set(vec![]);
            params.set(vec![]);
            fields.set(vec![]);
            phase.set(Phase::Editing);
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let on_drop = {
        let (text, on_file_text, on_files, files) =
            (text.clone(), on_file_text.clone(), on_files.clone(), files.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            let Some(dt) = e.data_transfer() else { return };
            if dt.files().is_some_and(|l| l.length() > 0) {
                // A folder, several files, or one: the entries are taken during the event.
                // The file list too, for drops that carry no entries (made by a page script).
                let js: JsValue = dt.clone().into();
                let list = dt.files();
                let (on_files, on_file_text, files) = (on_files.clone(), on_file_text.clone(), files.clone());
                yew::platform::spawn_local(async move {
                    let entries = crate::transfer::dropped_entries(&js).await;
                    let one = |f: web_sys::File| {
                        files.set(vec![]);
                        read_file(f, lang, on_file_text.clone());
                    };
                    match entries.as_slice() {
                        [(path, f)] if !path.contains('/') => {
                            if let Ok(f) = f.clone().dyn_into::<web_sys::File>() {
                                one(f);
                            }
                        }
                        [] => {
                            if let Some(l) = list {
                                take_files(l, false, lang, on_files, one);
                            }
                        }
                        _ => read_entries(entries, lang, on_files),
                    }
                });
            } else if let Ok(t) = dt.get_data("text/plain") {
                if !t.is_empty() {
                    text.set(t);
                }
            }
        })
    };
    let on_key = {
        let close = close.clone();
        Callback::from(move |e: KeyboardEvent| {
            trap.emit(e.clone());
            if e.key() == "Escape" {
                e.stop_propagation();
                close.emit(());
            }
            // Keys typed here are text, not canvas shortcuts.
            e.stop_propagation();
        })
    };

    let reading = matches!(*phase, Phase::Reading);
    // The refused parameter's message goes beside its field, not in place of the form.
    let field_error: Option<(String, String)> = match &*phase {
        Phase::Done(reply) => field_error(reply, &fields),
        _ => None,
    };
    let status = match &*phase {
        Phase::Done(Reply::Failed { .. }) if field_error.is_some() => html! {},
        Phase::Done(Reply::Failed {
            message, line, column, ..
        }) => {
            let at = match (line, column) {
                (Some(l), Some(c)) => {
                    format!(
                        " ({})",
                        fill(
                            T::TemplateAt.get(lang),
                            &[("line", &l.to_string()), ("column", &c.to_string())]
                        )
                    )
                }
                _ => String::new(),
            };
            html! {
                <div class="template-error" role="alert" data-testid="template.error">
                    <strong>{ T::TemplateFailed.get(lang) }</strong>
                    <p>{ format!("{message}{at}") }</p>
                </div>
            }
        }
        Phase::Stopped(why) => {
            let said = match why {
                worker::Stopped::NotLoaded => T::TemplateWorkerFailed.get(lang).to_owned(),
                worker::Stopped::OutOfMemory => T::TemplateOutOfMemory.get(lang).to_owned(),
                worker::Stopped::Crashed(error) => fill(T::TemplateCrashed.get(lang), &[("error", error)]),
            };
            html! {
                <div class="template-error" role="alert" data-testid="template.error">
                    <strong>{ T::TemplateFailed.get(lang) }</strong><p>{ said }</p>
                </div>
            }
        }
        Phase::BadFile(message) => html! {
            <div class="template-error" role="alert" data-testid="template.error">
                <p>{ message }</p>
            </div>
        },
        Phase::Reading => {
            let size = vpc_engine::cost::one_decimal(text.len() as f64 / 1024.0);
            html! {
                <div class="template-progress" role="status" data-testid="template.progress">
                    <span>{ fill(T::TemplateProgress.get(lang), &[("size", &size), ("seconds", &elapsed.to_string())]) }</span>
                    <button type="button" data-testid="template.cancel" onclick={cancel}>{ T::TemplateCancel.get(lang) }</button>
                </div>
            }
        }
        Phase::Cancelled => html! {
            <div class="template-progress" role="status" data-testid="template.cancelled">
                <p>{ T::TemplateCancelled.get(lang) }</p>
            </div>
        },
        _ => html! {},
    };
    let shown: Vec<&Field> = fields.iter().filter(|f| f.source != "default").collect();
    let param_form = if shown.is_empty() {
        html! {}
    } else {
        let rows = shown.iter().map(|p| {
            let name = p.name.clone();
            let edited = params.iter().find(|(k, _)| *k == p.name).map(|(_, v)| v.clone());
            // A NoEcho value is never put back in a field: the field starts empty.
            let value = edited.unwrap_or_else(|| if p.no_echo { String::new() } else { p.value.clone() });
            let set = {
                let (params, name) = (params.clone(), name.clone());
                Callback::from(move |e: InputEvent| {
                    let v = e.target_unchecked_into::<HtmlInputElement>().value();
                    let mut next: Vec<(String, String)> = params.iter().filter(|(k, _)| *k != name).cloned().collect();
                    next.push((name.clone(), v));
                    params.set(next);
                })
            };
            let hint = if p.no_echo {
                T::TemplateSecret.get(lang).to_owned()
            } else if p.allowed.is_empty() {
                p.description.clone()
            } else {
                p.allowed.join(" | ")
            };
            let source = match p.source.as_str() {
                "given" => T::TemplateSourceGiven,
                "outside" => T::TemplateSourceOutside,
                _ => T::TemplateSourceAssumed,
            };
            let effect = if p.network { T::TemplateParamNetwork } else { T::TemplateParamNoNetwork };
            let error = field_error.as_ref().filter(|(n, _)| *n == p.name).map(|(_, m)| m.clone());
            let invalid = error.is_some();
            html! {
                <label class={classes!("template-param", invalid.then_some("invalid"))}
                       data-testid={format!("template.param.{name}.row")}>
                    <span><code>{ &p.name }</code>{ " " }<span class="muted">{ &p.ty }</span></span>
                    <input type={if p.no_echo { "password" } else { "text" }} data-testid={format!("template.param.{name}")}
                           value={value} placeholder={hint} title={p.description.clone()} oninput={set}
                           autocomplete="off" aria-invalid={invalid.to_string()} />
                    <span class="muted" data-testid={format!("template.param.{name}.source")}>
                        { source.get(lang) }{ " · " }{ effect.get(lang) }
                    </span>
                    if let Some(m) = error {
                        <span class="field-error" role="alert" data-testid={format!("template.param.{name}.error")}>{ m }</span>
                    }
                </label>
            }
        });
        html! {
            <fieldset class="template-params" data-testid="template.params">
                <legend>{ if shown.iter().any(|f| f.ty == "variable") { T::TemplateVarsLegend } else { T::TemplateParamsLegend }.get(lang) }</legend>
                { for rows }
            </fieldset>
        }
    };
    let report = match &*phase {
        Phase::Done(Reply::Imported(i)) => report_view(i, lang, &props.dispatch, &close),
        _ => html! {},
    };
    let read_label = if reading {
        T::TemplateReading
    } else if shown.is_empty() {
        T::TemplateRead
    } else {
        T::TemplateReadWithParams
    };
    html! {
        <>
        { button }
        <div class="template-backdrop">
            <div class="template-dialog" role="dialog" aria-modal="true" aria-labelledby="template-title"
                 data-testid="template.dialog" ref={dialog} ondragover={on_drag_over} ondrop={on_drop} onkeydown={on_key}>
                <header>
                    <h2 id="template-title">{ T::TemplateTitle.get(lang) }</h2>
                    <button type="button" class="close" data-testid="template.close" aria-label={T::TemplateClose.get(lang)}
                            onclick={close.reform(|_: MouseEvent| ())}>{ "×" }</button>
                </header>
                <p class="muted">{ T::TemplatePaste.get(lang) }</p>
                if files.is_empty() {
                    <textarea data-testid="template.text" data-autofocus="true" spellcheck="false" rows="12" value={(*text).clone()}
                              aria-label={T::TemplateTitle.get(lang)} placeholder={"AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  …"}
                              oninput={on_input} />
                } else {
                    <div class="template-files" data-testid="template.files">
                        <p>{ fill(T::TemplateFiles.get(lang), &[("count", &files.len().to_string())]) }</p>
                        <ul>{ for files.iter().map(|(p, _)| html! { <li><code>{ p }</code></li> }) }</ul>
                        <button type="button" class="small" data-testid="template.clear-files" data-autofocus="true"
                                onclick={clear_files}>{ T::TemplateClearFiles.get(lang) }</button>
                    </div>
                }
                <div class="template-actions">
                    <label class="template-file">
                        { T::TemplateChooseFile.get(lang) }
                        <input type="file" data-testid="template.file" multiple=true
                               accept=".yaml,.yml,.json,.template,.txt,.tf,.tfvars" onchange={on_pick.clone()} />
                    </label>
                    <label class="template-file">
                        { T::TemplateChooseFolder.get(lang) }
                        <input type="file" data-testid="template.folder" webkitdirectory=true onchange={on_pick} />
                    </label>
                    <button type="button" class="primary" data-testid="template.read"
                            disabled={reading || (text.trim().is_empty() && files.is_empty())} onclick={read}>
                        { read_label.get(lang) }
                    </button>
                </div>
                { status }
                { param_form }
                { report }
            </div>
        </div>
        </>
    }
}

/// The parameter whose value a reply refused, and the message, when the dialog shows a field
/// for it: the message goes beside that field and every field stays (issue 18).
fn field_error(reply: &Reply, fields: &[Field]) -> Option<(String, String)> {
    match reply {
        Reply::Failed {
            parameter: Some(name),
            message,
            ..
        } if fields.iter().any(|f| f.name == *name) => Some((name.clone(), message.clone())),
        _ => None,
    }
}

/// The parameters a reply asks about: those of an import, or (from a strict reader) the
/// ones without a value. `None` leaves the fields as they are (any other failure).
fn fields_of(reply: &Reply) -> Option<Vec<Field>> {
    match reply {
        Reply::Imported(i) => Some(i.parameters.clone()),
        Reply::Failed { needed, .. } if !needed.is_empty() => Some(
            needed
                .iter()
                .map(|n| Field {
                    name: n.name.clone(),
                    ty: n.ty.clone(),
                    description: n.description.clone(),
                    allowed: n.allowed.clone(),
                    no_echo: false,
                    value: String::new(),
                    source: "assumed".into(),
                    network: false,
                    why: String::new(),
                })
                .collect(),
        ),
        Reply::Failed { .. } => None,
    }
}

fn report_view(i: &Rc<Imported>, lang: Lang, dispatch: &Callback<Action>, close: &Callback<()>) -> Html {
    let open_design = {
        let (dispatch, close, doc) = (dispatch.clone(), close.clone(), i.doc.clone());
        Callback::from(move |_: MouseEvent| {
            open(&dispatch, &doc);
            close.emit(());
        })
    };
    // The importer's details are English; the common ones are said in the reader's language.
    let detail = |l: &Line| -> String {
        let say = |t: T| fill(t.get(lang), &[("name", &l.name)]);
        match l.code.as_str() {
            "not_network" => say(T::TemplateNotNetwork),
            "condition" => say(T::TemplateConditionFalse),
            "parameter" => say(T::TemplateViaParameter),
            "import" => say(T::TemplateViaImport),
            "literal" => say(T::TemplateViaLiteral),
            _ => l.detail.clone(),
        }
    };
    let list = |title: T, testid: &'static str, lines: &[Line]| {
        if lines.is_empty() {
            return html! {};
        }
        let items = lines.iter().map(|l| {
            let detail = detail(l);
            html! {
                <li data-testid={format!("template.report.{testid}.{}", if l.id.is_empty() { &l.kind } else { &l.id })}>
                    <code>{ &l.id }</code>{ " " }<span class="muted">{ &l.kind }</span>{ " — " }{ detail }
                </li>
            }
        });
        html! {
            <details open={testid != "modelled"}>
                <summary>{ format!("{} ({})", title.get(lang), lines.len()) }</summary>
                <ul>{ for items }</ul>
            </details>
        }
    };
    let params: Vec<Line> = i
        .parameters
        .iter()
        .map(|p| {
            let source = match p.source.as_str() {
                "given" => T::TemplateSourceGiven,
                "outside" => T::TemplateSourceOutside,
                "assumed" => T::TemplateSourceAssumed,
                _ => T::TemplateSourceDefault,
            };
            let mut detail = source.get(lang).to_owned();
            if p.source == "assumed" {
                let effect = if p.network {
                    T::TemplateParamNetwork
                } else {
                    T::TemplateParamNoNetwork
                };
                detail = format!("{detail} ({}) · {}", p.why, effect.get(lang));
            }
            Line {
                id: p.name.clone(),
                kind: format!("= {}", p.value),
                detail,
                code: String::new(),
                name: String::new(),
            }
        })
        .collect();
    // Warnings and notes are numbered texts.
    let numbered = |texts: &[String]| -> Vec<Line> {
        texts
            .iter()
            .enumerate()
            .map(|(n, text)| Line {
                id: String::new(),
                kind: n.to_string(),
                detail: text.clone(),
                code: String::new(),
                name: String::new(),
            })
            .collect()
    };
    let warnings = numbered(&i.warnings);
    let notes = numbered(&i.notes);
    let summary = fill(
        T::TemplateSummary.get(lang),
        &[
            ("modelled", &i.modelled.len().to_string()),
            ("not", &i.not_modelled.len().to_string()),
            ("skipped", &i.skipped.len().to_string()),
        ],
    );
    html! {
        <div class="template-report" data-testid="template.report">
            <p class="template-summary" data-testid="template.report.summary">{ summary }</p>
            { list(T::TemplateNotModelled, "not-modelled", &i.not_modelled) }
            { list(T::TemplateSkipped, "skipped", &i.skipped) }
            { list(T::TemplateParameters, "parameter", &params) }
            { list(T::TemplateOutside, "outside", &i.outside) }
            { list(T::TemplateGenerated, "generated", &i.generated) }
            { list(T::TemplateNotes, "note", &notes) }
            { list(T::TemplateWarnings, "warning", &warnings) }
            { list(T::TemplateModelled, "modelled", &i.modelled) }
            <div class="template-actions">
                <span class="muted">{ T::TemplateOpenHint.get(lang) }</span>
                <button type="button" class="primary" data-testid="template.open" onclick={open_design}>
                    { T::TemplateOpen.get(lang) }
                </button>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(text: &str, params: &[(&str, &str)]) -> Reply {
        let params: Vec<(String, String)> = params.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect();
        parse(&vpc_cfn_worker::handle(&request(text, &[], &params)))
    }

    const T: &str = "Parameters:\n  Stage: {Type: String, AllowedValues: [dev, prod]}\n  Pw: {Type: String, NoEcho: true}\nResources:\n  Q: {Type: AWS::SQS::Queue}\n";

    /// Issue 18: the dead end. A refused value keeps the fields of the last answer and puts
    /// the message beside the wrong one; correcting it imports.
    #[test]
    fn a_refused_value_keeps_the_fields_and_names_the_wrong_one() {
        let first = reply(T, &[]);
        let fields = fields_of(&first).expect("an import gives fields");
        let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["Stage", "Pw"]);
        assert_eq!(field_error(&first, &fields), None);
        let bad = reply(T, &[("Stage", "staging")]);
        assert_eq!(fields_of(&bad), None, "a failure leaves the fields as they are");
        assert_eq!(
            field_error(&bad, &fields),
            Some((
                "Stage".to_owned(),
                "parameter `Stage` cannot be `staging`: allowed values are dev, prod".to_owned()
            ))
        );
        // A syntax error is not about a field: it is shown above them, the fields stay.
        let broken = reply("Resources:\n  A: !Nope x\n", &[]);
        assert_eq!((fields_of(&broken), field_error(&broken, &fields)), (None, None));
        let fixed = reply(T, &[("Stage", "prod"), ("Pw", "s3cret-value")]);
        let fields = fields_of(&fixed).unwrap();
        assert_eq!((fields[0].value.as_str(), fields[0].source.as_str()), ("prod", "given"));
        assert_eq!(fields[1].value, "****", "a NoEcho value never comes back in clear");
    }
}

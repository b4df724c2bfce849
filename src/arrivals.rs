//! Designs, lessons and templates arriving from outside the app, in one place: text pasted
//! outside text fields, a file dropped anywhere on the page or picked in "My designs", a share
//! link in the address bar. Each is read by its kind ([`arrived`]) and becomes actions: a
//! design opens as a new design of "My designs" ([`show`]: `OpenDesign` and `Notify`), a
//! lesson or a template goes to its component through the view state (`ViewAction::Arrived`).

use crate::dom;
use crate::persist::{self, Library, Local, Notice, Source};
use crate::state::{Action, Arrival, History, ViewAction};
use crate::transfer;
use std::rc::Rc;
use vpc_engine::model::Document;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

pub type Imported = Result<(Library, History<Rc<Document>>, Notice), Notice>;

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

/// Sends a text that arrived (pasted, dropped, picked, linked) to the flow that reads its
/// kind: lessons to the lesson area and templates to the template dialog (through the view
/// state, [`ViewAction::Arrived`]), anything else to the design reader (which explains what
/// is wrong with it).
pub fn arrived(dispatch: &Callback<Action>, text: String, source: Source) {
    let arrival = match transfer::classify(&text) {
        transfer::Kind::Lesson => Arrival::Lesson(text.into()),
        transfer::Kind::CloudFormation | transfer::Kind::Terraform => Arrival::Template(text.into()),
        _ => return show(dispatch, transfer::import(&mut Local, &text, source)),
    };
    dispatch.emit(Action::View(ViewAction::Arrived(arrival)));
}

/// A text the browser has to read first: a picked or dropped file, a share link's fragment.
enum Pending {
    File(JsValue),
    Link(String),
}

/// Reads a pending text and sends it on, or shows why it cannot be read.
fn read(dispatch: &Callback<Action>, pending: Pending) {
    let dispatch = dispatch.clone();
    yew::platform::spawn_local(async move {
        let read = match pending {
            Pending::File(file) => transfer::read_file(&file)
                .await
                .map(|(name, text)| Some((text, Source::File(name)))),
            Pending::Link(fragment) => transfer::link_text(&fragment)
                .await
                .transpose()
                .map(|text| text.map(|t| (t, Source::Link))),
        };
        match read {
            Ok(Some((text, source))) => arrived(&dispatch, text, source),
            Ok(None) => {}
            Err(notice) => show(&dispatch, Err(notice)),
        }
    });
}

/// Reads a picked or dropped file and sends its text on, or shows why it cannot be read.
pub fn open_file(dispatch: &Callback<Action>, file: JsValue) {
    read(dispatch, Pending::File(file));
}

/// Opens a share link's fragment (`#d=…`) as a new design, if the page has one.
fn open_fragment(dispatch: &Callback<Action>) {
    let fragment = transfer::take_fragment();
    if !fragment.is_empty() {
        read(dispatch, Pending::Link(fragment));
    }
}

/// Window listeners for designs arriving: text pasted outside text fields, a file dropped
/// anywhere on the page, a share link in the address bar (at start and when it changes).
#[hook]
pub fn use_arrivals(dispatch: Callback<Action>) {
    use_effect_with((), move |_| {
        open_fragment(&dispatch);
        let d = dispatch.clone();
        let on_paste = dom::Listener::window("paste", move |e| {
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
            arrived(&d, text, Source::Pasted);
        });
        let on_over = dom::Listener::window("dragover", move |e| {
            if transfer::has_files(&e) {
                e.prevent_default();
            }
        });
        let d = dispatch.clone();
        let on_drop = dom::Listener::window("drop", move |e| {
            let file = transfer::dropped_file(&e);
            if file.is_null() {
                return;
            }
            e.prevent_default();
            read(&d, Pending::File(file));
        });
        let d = dispatch.clone();
        let on_hash = dom::Listener::window("hashchange", move |_| open_fragment(&d));
        move || drop((on_paste, on_over, on_drop, on_hash))
    });
}

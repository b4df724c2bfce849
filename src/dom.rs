//! The few browser calls the app makes, in one place. On targets without a browser (native
//! tests) they do nothing.

use crate::geometry::{Point, Size};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The id of the canvas `<svg>`.
pub const CANVAS_ID: &str = "canvas";

fn in_browser() -> bool {
    cfg!(target_arch = "wasm32")
}

/// localStorage, or with `session` the tab's sessionStorage.
fn storage_of(session: bool) -> Option<web_sys::Storage> {
    if !in_browser() {
        return None;
    }
    let w = web_sys::window()?;
    if session {
        w.session_storage()
    } else {
        w.local_storage()
    }
    .ok()
    .flatten()
}

pub fn storage_get(key: &str) -> Option<String> {
    storage_of(false)?.get_item(key).ok().flatten()
}

/// A value kept for this tab's session only (sessionStorage).
pub fn session_get(key: &str) -> Option<String> {
    storage_of(true)?.get_item(key).ok().flatten()
}

pub fn session_set(key: &str, value: &str) {
    if let Some(s) = storage_of(true) {
        let _ = s.set_item(key, value);
    }
}

pub fn storage_set(key: &str, value: &str) {
    if let Some(s) = storage_of(false) {
        // A full or disabled storage loses the save; the design stays on screen.
        let _ = s.set_item(key, value);
    }
}

/// `performance.mark(name)`.
pub fn mark(name: &str) {
    if !in_browser() {
        return;
    }
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// The canvas's position on the page (left, top, width, height), measured when the layout
/// may have changed (mount, resize, a press on the canvas) rather than on every pointer
/// move: reading it forces the browser to lay out pending changes, which on a large design
/// costs more than the whole update.
#[derive(Clone, Copy)]
struct CanvasRect {
    left: f64,
    top: f64,
    width: f64,
    height: f64,
}

thread_local! {
    static CANVAS_RECT: std::cell::Cell<Option<CanvasRect>> = const { std::cell::Cell::new(None) };
}

/// Measures the canvas again; call when its place on the page may have changed.
pub fn refresh_canvas_rect() -> Option<Size> {
    if !in_browser() {
        return None;
    }
    let el = web_sys::window()?.document()?.get_element_by_id(CANVAS_ID)?;
    let r = el.get_bounding_client_rect();
    let rect = CanvasRect {
        left: r.left(),
        top: r.top(),
        width: r.width(),
        height: r.height(),
    };
    CANVAS_RECT.with(|c| c.set(Some(rect)));
    (r.width() > 0.0 && r.height() > 0.0).then(|| Size {
        w: r.width(),
        h: r.height(),
    })
}

fn canvas_rect() -> Option<CanvasRect> {
    CANVAS_RECT.with(|c| c.get()).or_else(|| {
        refresh_canvas_rect();
        CANVAS_RECT.with(|c| c.get())
    })
}

/// The canvas's size on screen, measured now.
pub fn canvas_size() -> Option<Size> {
    refresh_canvas_rect()
}

/// A client (window) point as pixels from the canvas's top-left corner, and whether it is
/// over the canvas.
pub fn canvas_point(client_x: f64, client_y: f64) -> (Point, bool) {
    match canvas_rect() {
        Some(r) => {
            let p = Point::new(client_x - r.left, client_y - r.top);
            let inside = p.x >= 0.0 && p.y >= 0.0 && p.x <= r.width && p.y <= r.height;
            (p, inside)
        }
        None => (Point::new(client_x, client_y), false),
    }
}

/// [`canvas_point`] after measuring the canvas afresh: for the press that starts a gesture.
pub fn canvas_point_fresh(client_x: f64, client_y: f64) -> (Point, bool) {
    refresh_canvas_rect();
    canvas_point(client_x, client_y)
}

/// Whether keyboard input goes to a text field (so that Backspace edits text, not the design).
pub fn typing_in_field(e: &web_sys::KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"))
}

/// A window event listener that lives as long as the returned guard.
pub struct Listener {
    kind: &'static str,
    capture: bool,
    closure: Closure<dyn FnMut(web_sys::Event)>,
}

impl Listener {
    pub fn window<F: FnMut(web_sys::Event) + 'static>(kind: &'static str, f: F) -> Option<Listener> {
        Listener::on_window(kind, false, f)
    }

    /// A window listener of the capture phase: it hears events that an element stops.
    pub fn window_capture<F: FnMut(web_sys::Event) + 'static>(kind: &'static str, f: F) -> Option<Listener> {
        Listener::on_window(kind, true, f)
    }

    fn on_window<F: FnMut(web_sys::Event) + 'static>(kind: &'static str, capture: bool, f: F) -> Option<Listener> {
        let closure = Closure::wrap(Box::new(f) as Box<dyn FnMut(web_sys::Event)>);
        web_sys::window()?
            .add_event_listener_with_callback_and_bool(kind, closure.as_ref().unchecked_ref(), capture)
            .ok()?;
        Some(Listener { kind, capture, closure })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            let _ = w.remove_event_listener_with_callback_and_bool(
                self.kind,
                self.closure.as_ref().unchecked_ref(),
                self.capture,
            );
        }
    }
}

/// A `setTimeout` that is cleared when the guard is dropped.
pub struct Timeout {
    id: i32,
    _closure: Closure<dyn FnMut()>,
}

impl Timeout {
    pub fn new<F: FnMut() + 'static>(ms: i32, f: F) -> Option<Timeout> {
        let closure = Closure::wrap(Box::new(f) as Box<dyn FnMut()>);
        let id = web_sys::window()?
            .set_timeout_with_callback_and_timeout_and_arguments_0(closure.as_ref().unchecked_ref(), ms)
            .ok()?;
        Some(Timeout { id, _closure: closure })
    }
}

impl Drop for Timeout {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            w.clear_timeout_with_handle(self.id);
        }
    }
}

/// Sets `<html lang>` so that screen readers and fonts pick the right language, and the page
/// title (the tab and the bookmark) in that language.
pub fn set_document_lang(code: &str, title: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(el) = doc.document_element() {
        let _ = el.set_attribute("lang", if code == "zh" { "zh-CN" } else { code });
    }
    doc.set_title(title);
}

/// Fetches a text file served beside the page. The error says what went wrong in words
/// (offline, not found …), for a message to the reader.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or("no browser window")?;
    let failed = |e: JsValue| {
        format!(
            "{url}: {}",
            e.as_string().unwrap_or_else(|| "the request failed".into())
        )
    };
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(failed)?
        .unchecked_into();
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(failed)?).await.map_err(failed)?;
    text.as_string().ok_or_else(|| format!("{url}: not text"))
}

/// What can take the keyboard focus inside a dialog.
const FOCUSABLE: &str = "button:not([disabled]), input:not([disabled]), select:not([disabled]), \
     textarea:not([disabled]), a[href], [tabindex]:not([tabindex=\"-1\"])";

fn focusables(root: &web_sys::Element) -> Vec<web_sys::HtmlElement> {
    let Ok(list) = root.query_selector_all(FOCUSABLE) else {
        return vec![];
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
        // Hidden ones (display: none, like a file input inside its label) cannot take focus.
        .filter(|el| el.offset_parent().is_some())
        .collect()
}

fn active_element() -> Option<web_sys::HtmlElement> {
    web_sys::window()?.document()?.active_element()?.dyn_into().ok()
}

/// Whether the keyboard focus is on nothing: on the page's body, or on an element that was
/// removed (it went with a deleted component or a closed dialog).
fn focus_is_lost() -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    match doc.active_element() {
        None => true,
        Some(el) => doc.body().is_some_and(|b| el == *b) || !el.is_connected(),
    }
}

/// The keyboard focus of a modal dialog, as the WAI-ARIA dialog pattern has it: while `open`,
/// focus moves into the dialog `node` (to its element marked `data-autofocus`, else its first
/// control), Tab and Shift+Tab cycle inside it (the returned handler goes on the dialog's
/// `onkeydown`), and when it closes focus goes back where it was before it opened — or to
/// `return_to` (the control that opened it) when that element is gone, as when the opening
/// re-rendered it.
#[yew::hook]
pub fn use_dialog_focus(
    open: bool,
    node: yew::NodeRef,
    return_to: yew::NodeRef,
) -> yew::Callback<web_sys::KeyboardEvent> {
    {
        let node = node.clone();
        yew::use_effect_with(open, move |open| {
            let before = open.then(active_element).flatten();
            if *open {
                if let Some(root) = node.cast::<web_sys::Element>() {
                    let first = root
                        .query_selector("[data-autofocus]")
                        .ok()
                        .flatten()
                        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
                        .or_else(|| focusables(&root).into_iter().next());
                    if let Some(el) = first {
                        let _ = el.focus();
                    }
                }
            }
            let opened = *open;
            move || {
                if !opened {
                    return;
                }
                let body = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body());
                // Only when the focus was in the dialog (or went with it): focus another
                // dialog took meanwhile (opening it closed this one) stays there.
                let in_dialog = node
                    .cast::<web_sys::Element>()
                    .zip(active_element())
                    .is_some_and(|(n, a)| n.contains(Some(&a)));
                if !(in_dialog || focus_is_lost()) {
                    return;
                }
                let back = before
                    .filter(|el| el.is_connected() && body.as_ref() != Some(el))
                    .or_else(|| return_to.cast::<web_sys::HtmlElement>());
                if let Some(el) = back {
                    let _ = el.focus();
                }
            }
        });
    }
    yew::Callback::from(move |e: web_sys::KeyboardEvent| {
        if e.key() != "Tab" {
            return;
        }
        let Some(root) = node.cast::<web_sys::Element>() else {
            return;
        };
        let list = focusables(&root);
        let (Some(first), Some(last)) = (list.first(), list.last()) else {
            e.prevent_default();
            return;
        };
        let active = active_element();
        let at = |el: &web_sys::HtmlElement| active.as_ref().is_some_and(|a| a == el);
        let inside = active.as_ref().is_some_and(|a| root.contains(Some(a)));
        if e.shift_key() && (at(first) || !inside) {
            e.prevent_default();
            let _ = last.focus();
        } else if !e.shift_key() && (at(last) || !inside) {
            e.prevent_default();
            let _ = first.focus();
        }
    })
}

/// After a deletion: if the focus went with the deleted component (it is on nothing now),
/// gives it to the drawn component `id` (its subnet or VPC), else to the canvas, so that the
/// keyboard can go on from where the person was. A focus elsewhere (the toolbar's Delete
/// button) stays.
pub fn refocus_after_delete(id: Option<&str>) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if !focus_is_lost() {
        return;
    }
    let target = id
        .and_then(|id| {
            doc.query_selector(&format!("[data-testid=\"canvas.node.{id}\"]"))
                .ok()
                .flatten()
        })
        .or_else(|| doc.get_element_by_id(CANVAS_ID));
    if let Some(el) = target.and_then(|el| el.dyn_into::<web_sys::SvgElement>().ok()) {
        let _ = el.focus();
    }
}

//! The two browser calls the lessons make: fetching a lesson file served beside the app, and
//! handing a written lesson file to the browser as a download. No new `web-sys` features:
//! the response is read through `js-sys`, the download is a `data:` link.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

fn in_browser() -> bool {
    cfg!(target_arch = "wasm32")
}

/// Fetches `url` (relative to the page) as text; `done` gets the text or a short reason.
pub fn fetch_text(url: String, done: impl FnOnce(Result<String, String>) + 'static) {
    if !in_browser() {
        return done(Err("no browser".into()));
    }
    yew::platform::spawn_local(async move { done(fetch(&url).await) });
}

fn reason(e: JsValue) -> String {
    js_sys::Reflect::get(&e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "network error".into())
}

async fn fetch(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no browser")?;
    let resp = JsFuture::from(window.fetch_with_str(url)).await.map_err(reason)?;
    let get = |k: &str| js_sys::Reflect::get(&resp, &k.into()).unwrap_or(JsValue::UNDEFINED);
    if get("ok").as_bool() != Some(true) {
        return Err(format!("HTTP {}", get("status").as_f64().unwrap_or(0.0)));
    }
    let text = get("text")
        .dyn_into::<js_sys::Function>()
        .and_then(|f| f.call0(&resp))
        .and_then(|p| p.dyn_into::<js_sys::Promise>())
        .map_err(reason)?;
    let text = JsFuture::from(text).await.map_err(reason)?;
    text.as_string().ok_or_else(|| "not text".into())
}

/// Offers `text` to the browser as a downloaded file named `name` (a JSON file).
pub fn download(name: &str, text: &str) -> bool {
    if !in_browser() {
        return false;
    }
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Ok(a) = doc.create_element("a") else {
        return false;
    };
    let href = format!(
        "data:application/json;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(text))
    );
    let _ = a.set_attribute("href", &href);
    let _ = a.set_attribute("download", name);
    match a.dyn_into::<web_sys::HtmlElement>() {
        Ok(a) => {
            a.click();
            true
        }
        Err(_) => false,
    }
}

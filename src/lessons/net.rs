//! The browser call the lessons make: fetching a lesson file served beside the app.

/// Fetches `url` (relative to the page) as text; `done` gets the text or a short reason.
pub fn fetch_text(url: String, done: impl FnOnce(Result<String, String>) + 'static) {
    if !cfg!(target_arch = "wasm32") {
        return done(Err("no browser".into()));
    }
    yew::platform::spawn_local(async move { done(crate::dom::fetch_text(&url).await) });
}

//! VPC Playground in the browser: a canvas editor for AWS network designs with the
//! reachability engine's verdicts drawn on it.
//!
//! Code map, by layer from the bottom up (the table and its test: `src/layers.rs`): [`geometry`],
//! [`topology`] and [`shared`] (pure helpers); [`state`] (the one reducer: document edits, undo
//! history, view state; pure); derivations ([`autolayout`], `canvas::scene`, `verdicts::rows`,
//! `insight::feedback`, [`i18n`]); browser IO ([`persist`], [`dom`], [`transfer`],
//! [`arrivals`], [`zh_texts`] (the Chinese texts, fetched in the browser), the template worker,
//! the lesson fetches and progress); components ([`canvas`], [`palette`], [`toolbar`],
//! [`inspector`], [`verdicts`], [`explain`], [`insight`], [`lessons`], [`library`],
//! [`template`]); and [`app`] (the root: reducer, memoised analysis, effects).

pub mod app;
pub mod arrivals;
pub mod autolayout;
pub mod canvas;
pub mod dom;
pub mod explain;
pub mod geometry;
pub mod i18n;
pub mod insight;
pub mod inspector;
#[cfg(test)]
mod layers;
pub mod lessons;
pub mod library;
pub mod palette;
pub mod persist;
pub mod shared;
pub mod state;
pub mod template;
pub mod toolbar;
pub mod topology;
pub mod transfer;
pub mod verdicts;
pub mod zh_texts;

/// Mounts the app on the page's `<body>`; a reader who chose Chinese last time gets the
/// Chinese texts first, so the page never flashes English at them.
pub fn start() {
    if persist::load_lang() == vpc_engine::explain::Lang::Zh && !zh_texts::available() {
        yew::platform::spawn_local(async {
            // On failure the app starts in English and says why (see `app`).
            zh_texts::load_at_start().await;
            yew::Renderer::<app::App>::new().render();
        });
    } else {
        yew::Renderer::<app::App>::new().render();
    }
}

//! VPC Playground in the browser: a canvas editor for AWS network designs with the
//! reachability engine's verdicts drawn on it.
//!
//! Code map: [`state`] (the one reducer: document edits, undo history, view state; pure),
//! [`geometry`] and [`topology`] (pure helpers), [`canvas`], [`palette`], [`toolbar`],
//! [`inspector`], [`verdicts`], [`explain`] (thin components), [`app`] (the root: reducer,
//! memoised analysis, effects), [`persist`] and [`dom`] (the only browser IO), [`i18n`].

pub mod app;
pub mod autolayout;
pub mod canvas;
pub mod dom;
pub mod explain;
pub mod geometry;
pub mod i18n;
pub mod inspector;
pub mod lessons;
pub mod palette;
pub mod persist;
pub mod shared;
pub mod state;
pub mod toolbar;
pub mod topology;
pub mod verdicts;

/// Mounts the app on the page's `<body>`.
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}

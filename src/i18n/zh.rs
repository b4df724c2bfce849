//! The Chinese texts once [`crate::zh_texts`] has read them from the fetched file (or, in a
//! native build, the ones compiled in): what [`super::T::get`] and [`super::message`] look up.

use super::T;
use std::cell::OnceCell;
use vpc_engine::explain::{self, ExplanationId};

#[derive(Debug)]
pub struct Texts {
    pub ui: Vec<&'static str>,
    /// Indexed by `ExplanationId as usize`.
    pub catalogue: Vec<Option<&'static str>>,
    /// By argument name: what a sentence says where the argument is missing.
    pub args: Vec<(&'static str, &'static str)>,
}

thread_local! {
    pub(crate) static LOADED: OnceCell<Texts> = const { OnceCell::new() };
}

/// An interface string in Chinese, if the texts are here.
pub fn ui(t: T) -> Option<&'static str> {
    let loaded = LOADED.with(|l| l.get().and_then(|x| x.ui.get(t as usize).copied()));
    #[cfg(not(target_arch = "wasm32"))]
    let loaded = loaded.or(Some(t.written_zh()));
    loaded
}

/// A catalogue text in Chinese: the engine's own when it was built with them, else the
/// fetched one.
pub fn catalogue(id: ExplanationId) -> Option<&'static str> {
    let built_in = explain::entry(id).zh;
    if !built_in.is_empty() {
        return Some(built_in);
    }
    LOADED.with(|l| l.get().and_then(|x| x.catalogue.get(id as usize).copied().flatten()))
}

/// What a Chinese sentence says where the message argument `name` is missing or empty: the
/// engine's own wording when it was built with the Chinese texts, else the fetched one, else
/// the English wording (never a bare placeholder).
pub fn missing_arg(name: &str) -> &'static str {
    let built_in = explain::MISSING_ARGS
        .iter()
        .find(|(n, _, zh)| *n == name && !zh.is_empty());
    if let Some((_, _, zh)) = built_in {
        return zh;
    }
    LOADED
        .with(|l| {
            l.get()
                .and_then(|x| x.args.iter().find(|(n, _)| *n == name).map(|(_, t)| *t))
        })
        .unwrap_or_else(|| explain::missing_arg(name, explain::Lang::En))
}

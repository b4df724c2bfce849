//! The Chinese texts: the interface's ([`T`]) and the engine catalogue's.
//!
//! Readers of English never need them, so the browser build leaves them out of the
//! WebAssembly download and fetches [`URL`] (served beside `index.html`) when a reader
//! chooses Chinese, or chose it last time. Native builds (the tests, and the test that writes
//! the file) compile them in: the file is generated from the Rust sources, and
//! `the_fetched_file_is_current` fails when it is stale (`UPDATE_EXPECT=1` rewrites it).
//!
//! The file is plain lines, `key<TAB>text`, after a header line: the interface texts in the
//! order of [`T::ALL`] (keyed `ui.Name` for a reader of the file), then one line per catalogue
//! entry keyed by its explanation code, then the wording of each message argument that is
//! missing or empty (`arg.name`, see `vpc_engine::explain::MISSING_ARGS`).

use crate::i18n::zh::{self, Texts};
use crate::i18n::T;
use std::cell::RefCell;
use vpc_engine::explain::{self, ExplanationId};

/// Where the browser finds the texts, relative to the page.
pub const URL: &str = "zh.txt";
/// The texts' file in the repository (Trunk copies it into `dist/`).
pub const SOURCE: &str = "www/zh.txt";
const HEADER: &str = "vpc-playground zh-texts 1";

thread_local! {
    /// Why the fetch at start failed, until the app shows it.
    static FAILURE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Why the fetch at start failed, once (for the app's banner).
pub fn take_failure() -> Option<String> {
    FAILURE.with(|f| f.borrow_mut().take())
}

/// Whether Chinese texts can be shown without fetching anything.
pub fn available() -> bool {
    cfg!(not(target_arch = "wasm32")) || zh::LOADED.with(|l| l.get().is_some())
}

/// Reads the texts' file and keeps its texts for the rest of the session. The texts live
/// as long as the page, so they are leaked once instead of being copied on every use.
pub fn install(file: &str) -> Result<(), String> {
    if zh::LOADED.with(|l| l.get().is_some()) {
        return Ok(());
    }
    let texts = parse(file)?;
    zh::LOADED.with(|l| {
        let _ = l.set(texts);
    });
    Ok(())
}

fn parse(file: &str) -> Result<Texts, String> {
    let mut lines = file.lines();
    if lines.next().map(str::trim_end) != Some(HEADER) {
        return Err(format!("{URL} is not a texts file of this version"));
    }
    let mut ui = Vec::with_capacity(T::ALL.len());
    let mut catalogue = vec![None; ExplanationId::ALL.len()];
    let mut args = Vec::new();
    for (n, line) in lines.enumerate() {
        let Some((key, text)) = line.split_once('\t') else {
            continue;
        };
        let text: &'static str = Box::leak(text.to_owned().into_boxed_str());
        if key.starts_with("ui.") {
            ui.push(text);
        } else if let Some(name) = key.strip_prefix("arg.").and_then(explain::arg_name) {
            args.push((name, text));
        } else if let Some(id) = ExplanationId::from_code(key) {
            catalogue[id as usize] = Some(text);
        } else {
            return Err(format!("{URL} line {}: unknown key {key}", n + 2));
        }
    }
    if ui.len() != T::ALL.len() {
        // A file from another build: its interface lines would not line up with ours.
        return Err(format!(
            "{URL} has {} interface texts, this build has {}",
            ui.len(),
            T::ALL.len()
        ));
    }
    Ok(Texts { ui, catalogue, args })
}

/// Fetches and installs the texts.
pub async fn load() -> Result<(), String> {
    if available() {
        return Ok(());
    }
    let file = crate::dom::fetch_text(URL).await?;
    install(&file)
}

/// Fetches the texts before the app starts; a failure waits for [`take_failure`].
pub async fn load_at_start() {
    if let Err(e) = load().await {
        FAILURE.with(|f| *f.borrow_mut() = Some(e));
    }
}

/// The file's content, from the texts compiled into a native build.
#[cfg(not(target_arch = "wasm32"))]
pub fn generate() -> String {
    let mut out = format!("{HEADER}\n");
    for t in T::ALL {
        out.push_str(&format!("ui.{t:?}\t{}\n", t.written_zh()));
    }
    for e in explain::CATALOGUE {
        out.push_str(&format!("{}\t{}\n", e.id.code(), e.zh));
    }
    for (name, _, zh) in explain::MISSING_ARGS {
        out.push_str(&format!("arg.{name}\t{zh}\n"));
    }
    out
}

// Native only: the Chinese column (`written_zh`) is compiled natively, never into the wasm.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn the_fetched_file_is_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(SOURCE);
        let expected = generate();
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::write(&path, &expected).unwrap();
        }
        let found = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            found == expected,
            "{SOURCE} is stale: run `UPDATE_EXPECT=1 cargo test -p vpc-playground zh_texts` and commit it"
        );
    }

    #[test]
    fn texts_have_no_line_breaks_or_tabs() {
        for line in generate().lines().skip(1) {
            assert_eq!(line.matches('\t').count(), 1, "{line}");
        }
        for t in T::ALL {
            assert!(!t.written_zh().contains(['\n', '\t']), "{t:?}");
        }
    }

    #[test]
    fn the_file_reads_back_every_text() {
        let texts = parse(&generate()).unwrap();
        assert_eq!(texts.ui.len(), T::ALL.len());
        for (t, text) in T::ALL.iter().zip(&texts.ui) {
            assert_eq!(*text, t.written_zh());
        }
        for e in explain::CATALOGUE {
            assert_eq!(texts.catalogue[e.id as usize], Some(e.zh), "{}", e.id.code());
        }
        assert_eq!(texts.args.len(), explain::MISSING_ARGS.len());
        for (name, _, zh) in explain::MISSING_ARGS {
            assert!(texts.args.contains(&(*name, *zh)), "arg.{name}");
        }
    }

    /// Characters a Latin font lacks, as `scripts/cjk-font` picks them.
    fn wide(c: char) -> bool {
        matches!(u32::from(c), 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF)
    }

    #[test]
    fn the_chinese_fonts_hold_every_character_of_the_texts_and_lessons() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let held = std::fs::read_to_string(root.join("www/fonts/cjk-chars.txt")).unwrap();
        for font in ["www/fonts/cjk.woff2", "www/fonts/cjk-toggle.woff2"] {
            let bytes = std::fs::read(root.join(font)).unwrap();
            assert_eq!(&bytes[..4], b"wOF2", "{font} is a WOFF2 font");
        }
        let mut texts = vec![("www/zh.txt".to_owned(), generate())];
        for entry in std::fs::read_dir(root.join("lessons")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                texts.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
            }
        }
        for (source, text) in texts {
            let missing: String = text.chars().filter(|c| wide(*c) && !held.contains(*c)).collect();
            assert!(
                missing.is_empty(),
                "{source} uses characters the Chinese fonts lack ({missing}): run scripts/cjk-font and commit www/fonts/"
            );
        }
    }

    #[test]
    fn a_file_from_another_build_is_refused_with_a_reason() {
        assert!(parse("something else\n").unwrap_err().contains("not a texts file"));
        let short = format!("{HEADER}\nui.AppTitle\tx\n");
        assert!(parse(&short).unwrap_err().contains("interface texts"));
        let unknown = format!("{HEADER}\nnot-a-code\tx\n");
        assert!(parse(&unknown).unwrap_err().contains("unknown key not-a-code"));
    }
}

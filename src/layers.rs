//! The layers of the web app and the test that keeps imports pointing down them.
//!
//! Each module of `src/` belongs to one layer of [`LAYERS`]; a module may use modules of its
//! own layer and of the layers below it, never one above. The test reads every `src/**/*.rs`,
//! resolves each `crate::…` and `super::…` path to the module of the table it names (the
//! longest entry that is a prefix of it), and fails naming the file and line of every path
//! that points up a layer, of every file the table does not place, and of every cycle between
//! the table's modules (two modules of one layer that use each other).

/// From the bottom up. A module can use only the layers at or below its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Layer {
    /// Helpers over geometry and the document, with no state of the app.
    Pure,
    /// The editor state and its one reducer.
    State,
    /// What is computed from the state to be shown: the scene, the layout, texts and rows.
    Derivation,
    /// The browser: storage, the DOM, files and links, fetched texts, workers.
    Io,
    /// The components on the page.
    Components,
    /// The root component and the crate's entry point.
    App,
}

/// Every module of `src/` and its layer. A module not listed takes the layer of the longest
/// listed prefix of its path (`state::document::add` is `state`).
pub const LAYERS: &[(&str, Layer)] = &[
    ("geometry", Layer::Pure),
    ("layers", Layer::Pure),
    ("shared", Layer::Pure),
    ("topology", Layer::Pure),
    ("state", Layer::State),
    ("autolayout", Layer::Derivation),
    ("canvas::scene", Layer::Derivation),
    ("i18n", Layer::Derivation),
    ("insight::feedback", Layer::Derivation),
    ("verdicts::rows", Layer::Derivation),
    ("arrivals", Layer::Io),
    ("dom", Layer::Io),
    ("lessons::net", Layer::Io),
    ("lessons::progress", Layer::Io),
    ("persist", Layer::Io),
    ("template::reply", Layer::Io),
    ("template::worker", Layer::Io),
    ("transfer", Layer::Io),
    ("zh_texts", Layer::Io),
    ("canvas", Layer::Components),
    ("explain", Layer::Components),
    ("insight", Layer::Components),
    ("inspector", Layer::Components),
    ("lessons", Layer::Components),
    ("library", Layer::Components),
    ("palette", Layer::Components),
    ("template", Layer::Components),
    ("toolbar", Layer::Components),
    ("verdicts", Layer::Components),
    ("app", Layer::App),
    ("", Layer::App),
];

/// The entry of [`LAYERS`] a module path (`canvas::scene::build`) belongs to: the longest
/// listed prefix; the crate root (`""`) only for itself.
pub fn entry_of(path: &str) -> Option<(&'static str, Layer)> {
    LAYERS
        .iter()
        .filter(|(m, _)| {
            if m.is_empty() {
                path.is_empty()
            } else {
                path.strip_prefix(m)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with("::"))
            }
        })
        .max_by_key(|(m, _)| m.len())
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::{Path, PathBuf};

    /// `src/canvas/scene.rs` is `canvas::scene`; `src/lib.rs` is the crate root, "".
    fn module_of(file: &Path, src: &Path) -> String {
        let rel = file.strip_prefix(src).unwrap().with_extension("");
        let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
        if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
            parts.pop();
        }
        parts.join("::")
    }

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                rust_files(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }

    fn is_ident(c: char) -> bool {
        c.is_ascii_alphanumeric() || c == '_'
    }

    /// The module paths a line names after `crate::` or `super::` (relative to `base`, the
    /// module `super` means), a `{…}` group read one level deep.
    fn paths_in(line: &str, here: &[String]) -> Vec<String> {
        let mut found = Vec::new();
        for (root, base) in [("crate::", Vec::new()), ("super::", here.to_vec())] {
            let mut rest = line;
            while let Some(i) = rest.find(root) {
                let before = rest[..i].chars().next_back();
                rest = &rest[i + root.len()..];
                if before.is_some_and(|c| is_ident(c) || c == ':') {
                    continue;
                }
                let mut prefix = base.clone();
                let mut tail = rest;
                loop {
                    let n = tail.find(|c: char| !is_ident(c)).unwrap_or(tail.len());
                    if n == 0 {
                        break;
                    }
                    let seg = &tail[..n];
                    tail = &tail[n..];
                    if seg == "super" {
                        prefix.pop();
                    } else if seg != "self" {
                        prefix.push(seg.to_owned());
                    }
                    match tail.strip_prefix("::") {
                        Some(t) => tail = t,
                        None => break,
                    }
                }
                if let Some(group) = tail.strip_prefix('{') {
                    let group = group.split('}').next().unwrap_or("");
                    for item in group.split(',') {
                        let item: String = item.trim().chars().take_while(|&c| is_ident(c)).collect();
                        let mut p = prefix.clone();
                        if !item.is_empty() && item != "self" {
                            p.push(item);
                        }
                        found.push(p.join("::"));
                    }
                } else if tail.starts_with('*') || prefix != base || root == "crate::" {
                    found.push(prefix.join("::"));
                }
            }
        }
        found
    }

    /// `line` without the contents of its string literals.
    fn without_strings(line: &str) -> String {
        let mut out = String::with_capacity(line.len());
        let (mut in_str, mut escaped) = (false, false);
        for c in line.chars() {
            if in_str {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    in_str = false;
                    out.push(c);
                }
            } else {
                if c == '"' {
                    in_str = true;
                }
                out.push(c);
            }
        }
        out
    }

    /// Every `crate::`/`super::` path of `text`, by line, with comments, string literals and
    /// `use super::*` (a test module's own file) left out, each marked whether it is test code
    /// (a module written inline, or a `tests.rs`).
    fn uses_of(text: &str, module: &str) -> Vec<(usize, String, String, bool)> {
        let own: Vec<String> = module
            .split("::")
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        let mut inline_depth = 0usize;
        let mut out = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            let stripped = without_strings(code);
            let code = stripped.split(" //").next().unwrap_or(&stripped);
            if code.starts_with("mod ") && code.ends_with('{') || code.starts_with("pub mod ") && code.ends_with('{') {
                inline_depth += 1;
            }
            if code == "use super::*;" {
                continue;
            }
            // `super` in a file's module is its parent; in a module written inline in the
            // file (tests), the file's module.
            let here = if inline_depth == 0 {
                &own[..own.len().saturating_sub(1)]
            } else {
                &own[..]
            };
            let test = inline_depth > 0 || module.ends_with("::tests");
            for p in paths_in(code, here) {
                out.push((n + 1, p, line.trim().to_owned(), test));
            }
        }
        out
    }

    #[test]
    fn imports_point_down_the_layers_and_modules_form_no_cycle() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let src = root.join("src");
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        files.sort();
        let mut problems = Vec::new();
        let mut edges: BTreeMap<&str, BTreeMap<&str, String>> = BTreeMap::new();
        for file in &files {
            let module = module_of(file, &src);
            let shown = file.strip_prefix(root).unwrap().display().to_string();
            let Some((from, layer)) = entry_of(&module) else {
                problems.push(format!("{shown}: module `{module}` has no layer in src/layers.rs"));
                continue;
            };
            let text = std::fs::read_to_string(file).unwrap();
            for (line, path, code, test) in uses_of(&text, &module) {
                let Some((to, up)) = entry_of(&path) else { continue };
                if up > layer {
                    problems.push(format!(
                        "{shown}:{line}: {from:?} ({layer:?}) uses {path:?} ({up:?}), a layer above: {code}"
                    ));
                }
                // Tests may set up with a module of their own layer: no cycle in the build.
                if to != from && !test {
                    edges
                        .entry(from)
                        .or_default()
                        .entry(to)
                        .or_insert_with(|| format!("{shown}:{line}"));
                }
            }
        }
        // A cycle between modules of one layer is an upward use too, whichever way up: each
        // set of modules that reach each other is named once, with the uses that tie it.
        let reach = |from: &str| {
            let mut seen = BTreeSet::new();
            let mut stack = vec![from];
            while let Some(m) = stack.pop() {
                for &next in edges.get(m).into_iter().flat_map(|o| o.keys()) {
                    if seen.insert(next) {
                        stack.push(next);
                    }
                }
            }
            seen
        };
        let reached: BTreeMap<&str, BTreeSet<&str>> = edges.keys().map(|&m| (m, reach(m))).collect();
        let mut named = BTreeSet::new();
        for (&m, from_m) in &reached {
            let tied: BTreeSet<&str> = from_m
                .iter()
                .copied()
                .filter(|o| reached.get(o).is_some_and(|r| r.contains(m)))
                .collect();
            if tied.len() < 2 || !named.insert(tied.clone()) {
                continue;
            }
            let uses: Vec<String> = tied
                .iter()
                .flat_map(|a| {
                    edges[a]
                        .iter()
                        .filter(|(b, _)| tied.contains(*b))
                        .map(move |(b, at)| format!("{a} -> {b} ({at})"))
                })
                .collect();
            problems.push(format!(
                "cycle among {}: {}",
                tied.iter().copied().collect::<Vec<_>>().join(", "),
                uses.join(", ")
            ));
        }
        problems.dedup();
        assert!(
            problems.is_empty(),
            "{} layer problems:\n{}",
            problems.len(),
            problems.join("\n")
        );
    }

    #[test]
    fn every_path_finds_its_entry() {
        assert_eq!(
            entry_of("canvas::scene::build"),
            Some(("canvas::scene", Layer::Derivation))
        );
        assert_eq!(entry_of("canvas::hop_node"), Some(("canvas", Layer::Components)));
        assert_eq!(entry_of("state::document::add"), Some(("state", Layer::State)));
        assert_eq!(entry_of("zh_texts::load"), Some(("zh_texts", Layer::Io)));
        assert_eq!(entry_of(""), Some(("", Layer::App)));
        assert_eq!(entry_of("statefulness"), None);
    }

    #[test]
    fn paths_are_read_from_use_lines_groups_and_super() {
        let here = vec!["insight".to_owned()];
        assert_eq!(
            paths_in("use crate::canvas::{scene, Canvas};", &[]),
            ["canvas::scene", "canvas::Canvas"]
        );
        assert_eq!(paths_in("let x = crate::library::show(d);", &[]), ["library::show"]);
        assert_eq!(paths_in("use super::join_list;", &here), ["insight::join_list"]);
        assert_eq!(paths_in("vpc_engine::explain::Lang", &here), Vec::<String>::new());
    }
}

//! Hostile and broken input: every file in `tests/bad_inputs/` is read by the loader and, when
//! it loads, validated; what a person is told (the refusal with its line and column or field
//! path, or the validation messages with their component and field) must equal the checked-in
//! `<name>.expected`. `UPDATE_EXPECT=1 cargo test -p vpc-engine --test bad_inputs` rewrites
//! them (review the diff). Absurd sizes are generated here rather than checked in.
//!
//! The web app's own test (`src/transfer/tests.rs`) feeds the same corpus to the import path
//! and checks that the design on screen and every saved design stay byte-for-byte unchanged.

use std::fmt::Write;
use std::path::{Path, PathBuf};
use vpc_engine::explain::{render, Lang};
use vpc_engine::model::{load, load_bytes, Document, Function, LoadErrorKind, MAX_COMPONENTS, MAX_INPUT_BYTES};

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_inputs");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/bad_inputs exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json" || e == "txt"))
        .collect();
    files.sort();
    files
}

/// What the person is told about a file's bytes, read as the CLI and the browser read files.
fn outcome(bytes: &[u8]) -> String {
    match load_bytes(bytes) {
        Err(e) => format!("refused: {e}\n"),
        Ok(doc) => {
            let mut out = String::from("loads; validation reports:\n");
            for d in vpc_engine::validate::validate(&doc) {
                let at = match (&d.component, &d.field) {
                    (Some(c), Some(f)) => format!("{}.{f}", c.as_str()),
                    (Some(c), None) => c.as_str().to_owned(),
                    _ => "design".into(),
                };
                writeln!(out, "- {at}: {}", render(&d.message, Lang::En)).unwrap();
            }
            out
        }
    }
}

#[test]
fn every_bad_input_gets_its_specific_message() {
    let files = corpus();
    assert!(files.len() >= 30, "the corpus has {} inputs", files.len());
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    for file in files {
        let got = outcome(&std::fs::read(&file).unwrap());
        let expected_path = file.with_extension("expected");
        if update {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} has no .expected (UPDATE_EXPECT=1 writes it)", file.display()));
        if got != expected {
            failures.push(format!("{}\n--- expected\n{expected}--- got\n{got}", file.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_refusal_says_where_what_and_what_to_do() {
    for file in corpus() {
        let Err(e) = load_bytes(&std::fs::read(&file).unwrap()) else {
            continue;
        };
        let m = e.to_string();
        let located = e.line.is_some()
            || matches!(
                e.kind,
                LoadErrorKind::Shape(_)
                    | LoadErrorKind::FutureVersion { .. }
                    | LoadErrorKind::WrongFormat(_)
                    | LoadErrorKind::TextTooLong { .. }
                    | LoadErrorKind::OtherEncoding(_)
                    | LoadErrorKind::VersionsDisagree { .. }
            );
        assert!(located, "{}: {m}", file.display());
    }
}

#[test]
fn markup_in_names_is_kept_as_plain_text() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_inputs");
    let text = std::fs::read_to_string(dir.join("34-markup-in-every-name.json")).unwrap();
    let doc = load(&text).unwrap();
    let m = "<img src=x onerror=\"alert(1)\"><script>alert(2)</script>&amp;";
    assert!(doc.name.ends_with(m));
    assert!(doc.description.ends_with(m));
    assert!(doc.subnets.iter().all(|s| s.name.ends_with(m)));
    assert!(doc.functions.iter().all(|s| s.name.ends_with(m)));
    // And it survives export and import unchanged.
    assert_eq!(load(&doc.to_export_json()).unwrap(), doc);
}

#[test]
fn a_fifty_megabyte_file_is_refused_before_parsing() {
    let text = format!("{{\"document\":{{\"name\":\"{}\"}}}}", "x".repeat(50 * 1024 * 1024));
    let e = load(&text).unwrap_err();
    assert_eq!(e.kind, LoadErrorKind::TooLarge { bytes: text.len() });
    assert_eq!(
        e.to_string(),
        format!(
            "the input is 51201 KB, more than the {} KB a design may have",
            MAX_INPUT_BYTES / 1024
        )
    );
}

#[test]
fn a_hundred_thousand_components_are_refused_with_the_count() {
    let mut doc = Document::new("huge");
    doc.functions = (0..100_000)
        .map(|i| Function {
            id: format!("f{i}").as_str().into(),
            ..Function::default()
        })
        .collect();
    let text = serde_json::to_string(&doc).unwrap();
    assert!(
        text.len() < MAX_INPUT_BYTES,
        "small enough to reach the component check"
    );
    let e = load(&text).unwrap_err();
    assert_eq!(e.kind, LoadErrorKind::TooManyComponents { count: 100_000 });
    assert_eq!(
        e.to_string(),
        format!(
            "the design has 100000 components, more than the {MAX_COMPONENTS} this playground evaluates; split it into smaller designs"
        )
    );
}

#[test]
fn a_megabyte_name_is_refused_with_its_position() {
    let mut doc: Document = load(include_str!("../../../designs/starter.json")).unwrap();
    doc.subnets[1].name = "n".repeat(1 << 20);
    let text = doc.to_export_json();
    let e = load(&text).unwrap_err();
    assert_eq!(e.kind, LoadErrorKind::TextTooLong { chars: 1 << 20 });
    let line = text.lines().position(|l| l.contains("nnnn")).unwrap() + 1;
    assert_eq!(e.line, Some(line));
    assert_eq!(
        e.to_string(),
        format!(
            "a text of 1048576 characters, more than the 20000 an id, name or description may have (line {line}, \
             column {}). Shorten it",
            e.column.unwrap()
        )
    );
    // Long texts anywhere (a description, a key) are caught the same way; a long but plausible
    // name loads (validation flags names over 255 characters).
    let mut doc: Document = load(include_str!("../../../designs/starter.json")).unwrap();
    doc.description = "字".repeat(20_001);
    assert!(matches!(
        load(&doc.to_export_json()).unwrap_err().kind,
        LoadErrorKind::TextTooLong { chars: 20_001 }
    ));
    doc.description = "字".repeat(20_000);
    assert!(load(&doc.to_export_json()).is_ok());
    let key = format!("{{\"layout\": {{\"{}\": {{\"x\": 1, \"y\": 2}}}}}}", "k".repeat(30_000));
    assert!(matches!(
        load(&key).unwrap_err().kind,
        LoadErrorKind::TextTooLong { chars: 30_000 }
    ));
}

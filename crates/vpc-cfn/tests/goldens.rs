//! Importer goldens for CloudFormation: every template of the real-world corpus
//! (`vpc-cli/tests/corpus/real/`) and of this crate's `tests/templates/` becomes a design
//! document and a report, compared with `tests/goldens/<name>.expected`; `tests/goldens/inputs/`
//! holds inputs written for the goldens alone (the resource types the corpora leave out)
//! (`UPDATE_EXPECT=1 cargo test -p vpc-cfn --test goldens` rewrites them; review the diff).
//! A change to the mapping that changes no golden preserved what every one of them imports.

#[path = "../../vpc-import/tests/support/golden.rs"]
mod golden;

use std::path::{Path, PathBuf};

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// (golden name, template path): `real-<file stem>` for the CLI's real-world corpus,
/// `<file stem>` (with `-json` for a JSON twin) for this crate's templates.
fn cases() -> Vec<(String, PathBuf)> {
    let dirs = [
        ("real-", manifest().join("../vpc-cli/tests/corpus/real")),
        ("", manifest().join("tests/templates")),
        ("real-", manifest().join("tests/templates/real")),
        ("", manifest().join("tests/goldens/inputs")),
    ];
    let mut out = Vec::new();
    for (prefix, dir) in dirs {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                (name.ends_with(".yaml") || name.ends_with(".json")) && !name.ends_with(".expect.json")
            })
            .collect();
        files.sort();
        for f in files {
            let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            let json = f.extension().is_some_and(|e| e == "json");
            out.push((format!("{prefix}{stem}{}", if json { "-json" } else { "" }), f));
        }
    }
    out
}

#[test]
fn every_template_imports_as_its_golden_says() {
    let cases = cases();
    let names: Vec<String> = cases.iter().map(|(n, _)| n.clone()).collect();
    assert!(names.len() >= 30, "{names:?}");
    let dir = manifest().join("tests/goldens");
    golden::all(&names, |name| {
        let (_, path) = cases.iter().find(|(n, _)| n == name).expect("a listed case");
        let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
        let actual = match vpc_cfn::import(&text, &[]) {
            Ok(i) => golden::render(&i.document, &i.report),
            Err(e) => golden::render_error(&e),
        };
        golden::check(&dir, name, &actual)
    });
}

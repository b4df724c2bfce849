//! Importer goldens, shared by the CloudFormation (`vpc-cfn/tests/goldens.rs`) and Terraform
//! (`vpc-tf/tests/goldens.rs`) tests, in the style of the engine's scenario goldens: an input
//! becomes a design document and an import report, rendered as JSON and compared with a
//! checked-in `<name>.expected`. `UPDATE_EXPECT=1` rewrites the files; review the diff.
//!
//! Included with `#[path = "../../vpc-import/tests/support/golden.rs"] mod golden;`.

use std::path::Path;
use vpc_engine::model::Document;
use vpc_import::Report;

/// The design and the report as the golden file holds them: the document in its export
/// shape, then the report (what was modelled and not, placeholders, notes, warnings).
pub fn render(doc: &Document, report: &Report) -> String {
    let value = serde_json::json!({ "document": doc, "report": report });
    let mut text = serde_json::to_string_pretty(&value).expect("a design and a report serialise");
    text.push('\n');
    text
}

/// An input the importer refuses: its error, as the golden holds it.
pub fn render_error(error: &dyn std::fmt::Display) -> String {
    format!("error: {error}\n")
}

/// Compares `actual` with `dir/<name>.expected` (rewriting it under `UPDATE_EXPECT`); Err is
/// a readable diff.
pub fn check(dir: &Path, name: &str, actual: &str) -> Result<(), String> {
    let path = dir.join(format!("{name}.expected"));
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        if expected != actual {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            std::fs::write(&path, actual).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        return Ok(());
    }
    if expected == actual {
        return Ok(());
    }
    Err(format!(
        "{name}.expected differs from the import (rerun with UPDATE_EXPECT=1 and review the diff):\n{}",
        diff(&expected, actual)
    ))
}

/// The lines that differ, with their line numbers, first 40 at most.
fn diff(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let mut out = Vec::new();
    for i in 0..e.len().max(a.len()) {
        let (x, y) = (e.get(i), a.get(i));
        if x != y {
            out.push(format!(
                "{:>5} - {}\n      + {}",
                i + 1,
                x.copied().unwrap_or("(none)"),
                y.copied().unwrap_or("(none)")
            ));
        }
        if out.len() == 40 {
            out.push("      …".into());
            break;
        }
    }
    out.join("\n")
}

/// Runs `one` over every case and panics with every failure at once.
pub fn all(cases: &[String], mut one: impl FnMut(&str) -> Result<(), String>) {
    assert!(!cases.is_empty(), "no golden cases found");
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| one(c).err().map(|e| format!("{c}: {e}")))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} goldens differ\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

//! No verdict of an imported template contradicts itself: every template of the importer's
//! corpus and of the real-world corpus, imported with no parameter given, analysed, and
//! checked by the engine's contradiction check (see vpc-engine's tests/consistency.rs).

use std::path::{Path, PathBuf};
use vpc_engine::reach::check::all_contradictions;
use vpc_engine::Analysis;

fn templates() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["../vpc-cfn/tests/templates", "tests/corpus/real"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            let ext = p.extension().and_then(|x| x.to_str()).unwrap_or_default();
            let name = p.file_name().unwrap().to_string_lossy();
            if matches!(ext, "yaml" | "yml" | "json" | "template") && !name.contains(".expect.") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn no_verdict_of_any_template_contradicts_itself() {
    let mut analyses: Vec<(String, Analysis)> = Vec::new();
    let mut refused = Vec::new();
    for path in templates() {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        match vpc_cfn::import(&text, &[]) {
            Ok(import) => analyses.push((name, vpc_engine::analyze(&import.document))),
            Err(e) => refused.push(format!("{name}: {e}")),
        }
    }
    assert!(
        refused.is_empty(),
        "templates refused without parameters:\n{}",
        refused.join("\n")
    );
    assert!(analyses.len() >= 10, "only {} templates", analyses.len());
    let refs: Vec<(&str, &Analysis)> = analyses.iter().map(|(n, a)| (n.as_str(), a)).collect();
    let found = all_contradictions(&refs);
    assert!(
        found.is_empty(),
        "{} contradiction(s):\n{}",
        found.len(),
        found.join("\n")
    );
}

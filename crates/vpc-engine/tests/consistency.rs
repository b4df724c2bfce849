//! No verdict contradicts itself (issue "Real templates, real answers"): over every
//! scenario, every lesson's start and solution and generated designs, a reachable verdict
//! has no blocking hop and a sentence that does not stop a path, an unreachable one names
//! the hop that blocks it and never the sentence a delivered path ends with, and a partial
//! one says which subnets differ. `vpc-cli`'s tests run the same check over every template.

use std::path::Path;
use vpc_engine::generate::{generate, Shape};
use vpc_engine::lesson::load_lesson;
use vpc_engine::model::load;
use vpc_engine::reach::check::all_contradictions;
use vpc_engine::{analyze, Analysis};

fn files(dir: &str, ext: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut out: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    out.sort();
    out
}

#[test]
fn no_verdict_of_any_scenario_lesson_or_generated_design_contradicts_itself() {
    let mut analyses: Vec<(String, Analysis)> = Vec::new();
    for path in files("tests/scenarios", "json") {
        let doc = load(&std::fs::read_to_string(&path).unwrap()).unwrap();
        analyses.push((path.file_name().unwrap().to_string_lossy().into_owned(), analyze(&doc)));
    }
    for path in files("../../lessons", "json") {
        let text = std::fs::read_to_string(&path).unwrap();
        let Ok(lesson) = load_lesson(&text) else { continue }; // index.json
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        analyses.push((format!("{name} (start)"), analyze(&lesson.document)));
        if let Some(solution) = &lesson.solution {
            analyses.push((format!("{name} (solution)"), analyze(solution)));
        }
    }
    for seed in 0..4 {
        analyses.push((
            format!("generated 300, seed {seed}"),
            analyze(&generate(&Shape::for_components(300, seed))),
        ));
    }
    let refs: Vec<(&str, &Analysis)> = analyses.iter().map(|(n, a)| (n.as_str(), a)).collect();
    let found = all_contradictions(&refs);
    assert!(refs.len() > 60, "the corpus shrank: {} analyses", refs.len());
    assert!(
        found.is_empty(),
        "{} contradiction(s):\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn the_check_catches_a_verdict_that_contradicts_itself() {
    // Take a real unreachable verdict and claim it is reachable: the check must say so.
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/data_stores_are_reached_on_their_ports.json");
    let doc = load(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut a = analyze(&doc);
    let i = a
        .verdicts
        .iter()
        .position(|v| v.to.key() == "proxy" && v.from.key() == "files-fn")
        .unwrap();
    a.verdicts[i].reach = vpc_engine::reach::Reach::Reachable;
    let found = all_contradictions(&[("tampered", &a)]);
    assert!(found.iter().any(|c| c.contains("reachable yet blocked")), "{found:?}");
    assert!(found.iter().any(|c| c.contains("traces delivered")), "{found:?}");
}

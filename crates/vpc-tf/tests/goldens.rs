//! Importer goldens for Terraform: every configuration of the real-world corpus
//! (`vpc-cli/tests/corpus/terraform/`: folders with their local modules, and a plan JSON) and
//! this crate's plans (`tests/plans/`) and configurations written for the goldens alone
//! (`tests/goldens/inputs/`, the provider types the corpus leaves out) become a design document and a report, compared with
//! `tests/goldens/<name>.expected` (`UPDATE_EXPECT=1 cargo test -p vpc-tf --test goldens`
//! rewrites them; review the diff).

#[path = "../../vpc-import/tests/support/golden.rs"]
mod golden;

use std::path::{Path, PathBuf};

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn corpus() -> PathBuf {
    manifest().join("../vpc-cli/tests/corpus/terraform")
}

/// Every `.tf` and `.tfvars` file under `dir`, by path relative to it, in name order (as
/// `vpcplay check FOLDER` reads a folder; hidden folders skipped).
fn read_folder(dir: &Path, rel: &str, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        let path = if rel.is_empty() {
            name.clone()
        } else {
            format!("{rel}/{name}")
        };
        if name.starts_with('.') {
            continue;
        }
        if e.path().is_dir() {
            read_folder(&e.path(), &path, out);
        } else if name.ends_with(".tf") || name.ends_with(".tfvars") {
            out.push((path, std::fs::read_to_string(e.path()).expect("UTF-8 text")));
        }
    }
}

/// The files of a configuration folder and of the local module folders outside it that its
/// calls point at (`source = "../.."`), as the CLI adds them.
fn configuration(dir: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    read_folder(dir, "", &mut files);
    let mut tried: Vec<String> = Vec::new();
    loop {
        let missing: Vec<String> = vpc_tf::outside_module_dirs(&files)
            .into_iter()
            .filter(|d| !tried.contains(d))
            .collect();
        if missing.is_empty() {
            return files;
        }
        for rel in missing {
            tried.push(rel.clone());
            let Ok(entries) = std::fs::read_dir(dir.join(&rel)) else {
                continue;
            };
            let mut names: Vec<String> = entries
                .filter_map(|e| e.ok())
                .filter(|e| e.path().is_file())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".tf") && !n.starts_with('.'))
                .collect();
            names.sort();
            for n in names {
                let text = std::fs::read_to_string(dir.join(&rel).join(&n)).expect("UTF-8 text");
                files.push((format!("{rel}/{n}"), text));
            }
        }
    }
}

/// A case's input: a corpus folder (at its expectation's `root`, with its `vars`), a corpus
/// plan JSON, or one of this crate's plans.
fn input(case: &str) -> vpc_tf::Input {
    if let Some(plan) = case.strip_prefix("plan-") {
        let path = manifest().join(format!("tests/plans/{plan}.json"));
        let text = std::fs::read_to_string(&path).expect("a plan");
        return vpc_tf::Input {
            files: vec![(format!("{plan}.json"), text)],
            ..Default::default()
        };
    }
    if let Some(own) = case.strip_prefix("own-") {
        return vpc_tf::Input {
            files: configuration(&manifest().join("tests/goldens/inputs").join(own)),
            ..Default::default()
        };
    }
    let path = corpus().join(case);
    if case.ends_with(".json") {
        let text = std::fs::read_to_string(&path).expect("a plan");
        return vpc_tf::Input {
            files: vec![(case.to_owned(), text)],
            ..Default::default()
        };
    }
    let expect: serde_json::Value = std::fs::read_to_string(corpus().join(format!("{case}.expect.json")))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    let root = match expect["root"].as_str() {
        Some(r) => path.join(r),
        None => path,
    };
    let vars = expect["vars"]
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                .collect()
        })
        .unwrap_or_default();
    vpc_tf::Input {
        files: configuration(&root),
        vars,
        ..Default::default()
    }
}

fn cases() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(corpus())
        .expect("the Terraform corpus")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let keep = if e.path().is_dir() {
                name != "LICENSES"
            } else {
                name.ends_with(".json") && !name.ends_with(".expect.json")
            };
            keep.then_some(name)
        })
        .collect();
    for e in std::fs::read_dir(manifest().join("tests/plans"))
        .expect("tests/plans")
        .flatten()
    {
        if let Some(stem) = e.file_name().to_string_lossy().strip_suffix(".json") {
            out.push(format!("plan-{stem}"));
        }
    }
    for e in std::fs::read_dir(manifest().join("tests/goldens/inputs"))
        .expect("tests/goldens/inputs")
        .flatten()
    {
        out.push(format!("own-{}", e.file_name().to_string_lossy()));
    }
    out.sort();
    out
}

#[test]
fn every_configuration_imports_as_its_golden_says() {
    let cases = cases();
    assert!(cases.len() >= 15, "{cases:?}");
    let dir = manifest().join("tests/goldens");
    golden::all(&cases, |case| {
        let actual = match vpc_tf::import(&input(case)) {
            Ok(i) => golden::render(&i.document, &i.report),
            Err(e) => golden::render_error(&e),
        };
        golden::check(&dir, case.strip_suffix(".json").unwrap_or(case), &actual)
    });
}

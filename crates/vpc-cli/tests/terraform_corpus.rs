//! The real-world Terraform corpus: public Terraform configurations and one plan JSON nobody on
//! the team wrote (`tests/corpus/terraform/`, provenance in its `PROVENANCE.md`), each checked
//! through `vpcplay check <folder or plan.json> --json`, as a new user would run it.
//!
//! A case is a folder holding a configuration's files byte-for-byte (local modules at their
//! relative paths), or a `terraform show -json` file; beside it, `<case>.expect.json` holds the
//! verdicts written by reading the configuration against the rules of
//! `shared/domain/aws-rules.md`, never by copying the engine's output. The format and the
//! matching rules are those of the CloudFormation corpus (`common/corpus.rs`), with
//! `"config"` naming the case, ids that are Terraform addresses
//! (`module.vpc.aws_nat_gateway.this[0]`), and two optional keys:
//! - `"vars": {"name": "value"}` — passed as `--var name=value` (the corpus prefers none: the
//!   importer gives stand-ins);
//! - `"root": "examples/with-efs"` — the folder inside the case that is the configuration,
//!   for examples whose module source is `../../` (the module's own files are kept at the
//!   case's top, where `../../` points).

mod common;

use common::corpus::{self, Tally};
use serde_json::Value;
use std::fs;
use std::path::PathBuf;

/// The corpus promises at least this many cases, at least one of them a plan JSON.
const MIN_CASES: usize = 14;

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/terraform")
}

/// The cases: every folder but `LICENSES`, and every `.json` that is not an expectation.
fn cases() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(corpus_dir())
        .expect("the Terraform corpus folder exists")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let path = e.path();
            let keep = if path.is_dir() {
                name != "LICENSES"
            } else {
                name.ends_with(".json") && !name.ends_with(".expect.json")
            };
            keep.then_some(name)
        })
        .collect();
    names.sort();
    names
}

fn is_plan(case: &str) -> bool {
    case.ends_with(".json")
}

fn expect_path(case: &str) -> PathBuf {
    let stem = case.strip_suffix(".json").unwrap_or(case);
    corpus_dir().join(format!("{stem}.expect.json"))
}

/// The `vpcplay check` arguments for a case: the folder (or its `root`) or the plan file, then
/// `--var name=value` for each of `vars`. Err says what in the expectation is wrong.
fn check_args(case: &str, exp: &Value) -> Result<Vec<String>, String> {
    let mut input = corpus_dir().join(case);
    if let Some(root) = exp["root"].as_str() {
        input = input.join(root);
    }
    let mut args = vec![input.to_string_lossy().into_owned()];
    match &exp["vars"] {
        Value::Null => {}
        Value::Object(vars) => {
            for (name, value) in vars {
                let Some(value) = value.as_str() else {
                    return Err(format!("\"vars\".{name} must be a string, as typed after --var"));
                };
                args.push("--var".to_owned());
                args.push(format!("{name}={value}"));
            }
        }
        other => return Err(format!("\"vars\" must be an object of strings, not {other}")),
    }
    Ok(args)
}

#[test]
fn every_terraform_case_has_provenance_and_expectations() {
    let text = fs::read_to_string(corpus_dir().join("PROVENANCE.md")).expect("PROVENANCE.md exists");
    let rows = corpus::provenance_rows(&text, "case");
    let mut problems = corpus::provenance_problems(&rows, |c| corpus_dir().join(c).exists());
    let all = cases();
    for case in &all {
        if !rows.iter().any(|r| &r[0] == case) {
            problems.push(format!("{case} has no row in PROVENANCE.md"));
        }
        let exp = expect_path(case);
        problems.extend(corpus::expectation_problems(&exp, case, "config"));
        let Ok(Ok(v)) = fs::read_to_string(&exp).map(|s| serde_json::from_str::<Value>(&s)) else {
            continue;
        };
        if let Err(e) = check_args(case, &v) {
            problems.push(format!("{}: {e}", exp.display()));
        }
        match v["root"].as_str() {
            Some(_) if is_plan(case) => problems.push(format!("{case}: \"root\" is for folders, not a plan file")),
            Some(root) if !corpus_dir().join(case).join(root).is_dir() => {
                problems.push(format!("{case}: \"root\" {root:?} is not a folder of the case"))
            }
            _ => {}
        }
        if !is_plan(case) {
            let folder = corpus_dir().join(case).join(v["root"].as_str().unwrap_or(""));
            let has_tf = fs::read_dir(&folder)
                .map(|d| {
                    d.filter_map(|e| e.ok())
                        .any(|e| e.file_name().to_string_lossy().ends_with(".tf"))
                })
                .unwrap_or(false);
            if !has_tf {
                problems.push(format!("{case}: {} holds no .tf file", folder.display()));
            }
        }
    }
    for stray in fs::read_dir(corpus_dir())
        .expect("the corpus folder exists")
        .filter_map(|e| e.ok())
    {
        let name = stray.file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(".expect.json") {
            if !all.iter().any(|c| c == stem || c.strip_suffix(".json") == Some(stem)) {
                problems.push(format!("{name} has no case folder or plan file beside it"));
            }
        }
    }
    if all.len() < MIN_CASES {
        problems.push(format!(
            "the Terraform corpus has {} cases, at least {MIN_CASES} are promised",
            all.len()
        ));
    }
    if !all.iter().any(|c| is_plan(c)) {
        problems.push("the Terraform corpus promises at least one plan JSON (`terraform show -json`)".into());
    }
    assert!(
        problems.is_empty(),
        "Terraform corpus bookkeeping:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn terraform_corpus_verdicts_match_what_aws_would_do() {
    let mut tally = Tally::default();
    for case in cases() {
        let Ok(text) = fs::read_to_string(expect_path(&case)) else {
            continue; // reported by every_terraform_case_has_provenance_and_expectations
        };
        let Ok(exp) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        let Ok(args) = check_args(&case, &exp) else {
            continue;
        };
        tally.check_input(&case, &exp, &corpus::check(&args));
    }
    tally.finish("Terraform corpus");
}

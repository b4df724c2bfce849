//! The real-world corpus: public CloudFormation and SAM templates nobody on the team wrote
//! (`tests/corpus/real/`, provenance in its `PROVENANCE.md`), each checked through
//! `vpcplay check FILE --json` with no `--param`, as a new user would run it.
//!
//! Every template has a `<name>.expect.json` written by reading the template against the rules
//! of `shared/domain/aws-rules.md`, never by copying the engine's output; its format and the
//! matching rules are in `common/corpus.rs`, shared with the Terraform corpus.

mod common;

use common::corpus::{self, Tally};
use serde_json::Value;
use std::fs;
use std::path::PathBuf;

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/real")
}

/// The corpus templates: every `.yaml`/`.json` in the folder that is not an expectation.
fn templates() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(corpus_dir())
        .expect("the corpus folder exists")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| (n.ends_with(".yaml") || n.ends_with(".json")) && !n.ends_with(".expect.json"))
        .collect();
    names.sort();
    names
}

fn expect_path(template: &str) -> PathBuf {
    let stem = template.rsplit_once('.').map(|(s, _)| s).unwrap_or(template);
    corpus_dir().join(format!("{stem}.expect.json"))
}

#[test]
fn every_corpus_file_has_provenance_and_expectations() {
    let text = fs::read_to_string(corpus_dir().join("PROVENANCE.md")).expect("PROVENANCE.md exists");
    let rows = corpus::provenance_rows(&text, "file");
    let mut problems = corpus::provenance_problems(&rows, |f| corpus_dir().join(f).is_file());
    for t in templates() {
        if !rows.iter().any(|r| r[0] == t) {
            problems.push(format!("{t} has no row in PROVENANCE.md"));
        }
        let exp = expect_path(&t);
        problems.extend(corpus::expectation_problems(&exp, &t, "template"));
        if let Ok(v) = fs::read_to_string(&exp).map(|s| serde_json::from_str::<Value>(&s)) {
            if v.is_ok_and(|v| v["params"] != "none") {
                problems.push(format!(
                    "{}: the corpus runs with no --param (\"params\": \"none\")",
                    exp.display()
                ));
            }
        }
    }
    assert!(
        templates().len() >= 18,
        "the corpus has {} templates, at least 18 are promised",
        templates().len()
    );
    assert!(problems.is_empty(), "corpus bookkeeping:\n  {}", problems.join("\n  "));
}

#[test]
fn real_corpus_verdicts_match_what_aws_would_do() {
    let mut tally = Tally::default();
    for t in templates() {
        let Ok(text) = fs::read_to_string(expect_path(&t)) else {
            continue; // reported by every_corpus_file_has_provenance_and_expectations
        };
        let Ok(exp) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        let file = corpus_dir().join(&t).to_string_lossy().into_owned();
        tally.check_input(&t, &exp, &corpus::check(&[file]));
    }
    tally.finish("real corpus");
}

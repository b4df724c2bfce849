//! The fuzz campaign in `cargo test`: a fixed number of seeded mutations of the designs,
//! lessons and templates (see `campaign/mod.rs`), each read as `vpcplay check` reads a file.
//! Every case ends with a result or a refusal and never panics; a case that takes longer
//! than [`CEILING`] (a debug build, on a shared machine: generous, to catch hangs, not to
//! measure) fails with its seed and number. The release-mode figures come from
//! `cargo run --release -p vpc-cfn --example campaign`.
//!
//! `tests/regressions/` keeps what campaigns found, each file with the outcome it must have in
//! a `.expected` beside it (`UPDATE_EXPECT=1` rewrites them; review the diff).

mod campaign;

use campaign::{read, Outcome, TEST_SCALE};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A debug build is 10 to 30 times slower than release, where every case must end in under 1 s.
const CEILING: Duration = Duration::from_secs(10);
/// Cases per run: with the regressions, about 2.3 s of CPU in a debug build.
const CASES: usize = 300;

fn scratch() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fuzz")
}

#[test]
fn every_mutant_of_every_corpus_is_read_or_refused_in_bounded_time() {
    let started = Instant::now();
    let report = campaign::run(17, CASES, TEST_SCALE, &scratch());
    let refused = report.cases.iter().filter(|c| c.refused.is_some()).count();
    if std::env::var_os("FUZZ_VERBOSE").is_some() {
        for c in &report.cases {
            eprintln!(
                "{} {:?} {:?}",
                c.seed,
                c.mutations,
                c.refused.as_deref().map(|m| m.chars().take(90).collect::<String>())
            );
        }
    }
    let slowest = report.cases.iter().max_by_key(|c| c.took).unwrap();
    eprintln!(
        "{CASES} cases in {:.1?}: {refused} refused; slowest {:.1?} (case {}, {} with {:?}, {} bytes)",
        started.elapsed(),
        slowest.took,
        slowest.number,
        slowest.seed,
        slowest.mutations,
        slowest.bytes
    );
    for c in &report.cases {
        assert!(
            c.took < CEILING,
            "case {} ({} with {:?}, {} bytes) took {:.1?}",
            c.number,
            c.seed,
            c.mutations,
            c.bytes,
            c.took
        );
    }
    // The campaign is not trivially refused: both outcomes are exercised.
    assert!(
        refused > CASES / 10 && refused < CASES * 9 / 10,
        "{refused} of {CASES} refused"
    );
}

fn regressions() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/regressions exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "expected" && e != "md"))
        .collect();
    files.sort();
    files
}

fn describe(o: &Outcome) -> String {
    match o {
        Outcome::Read { components, verdicts } => format!("read: {components} components, {verdicts} verdicts\n"),
        Outcome::Lesson { goals } => format!("lesson: {goals} goals\n"),
        Outcome::Refused(m) => format!("refused: {m}\n"),
    }
}

#[test]
fn every_regression_found_so_far_keeps_its_outcome() {
    let files = regressions();
    assert!(files.len() >= 5, "{} regressions", files.len());
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        let started = Instant::now();
        let got = describe(&read(&bytes));
        let took = started.elapsed();
        assert!(took < CEILING, "{}: {took:.1?}", file.display());
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

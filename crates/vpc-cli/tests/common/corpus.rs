//! What the real-world corpora share (`real_corpus.rs` for CloudFormation, `terraform_corpus.rs`
//! for Terraform): running `vpcplay check … --json`, the provenance table's bookkeeping, the
//! shape of an expectation file, and matching hand-derived cases against the engine's verdicts.
//!
//! An expectation file holds:
//!
//! ```json
//! {"template": "x.yaml",                        // or "config" for Terraform: what is checked
//!  "notes": "…",
//!  "import_pending": "…",                      // optional: why `check` refuses it today
//!  "modelled": ["Id", …],                      // optional: ids the import must report as modelled
//!  "no_verdicts": "why",                       // optional: the design asks no question
//!  "cases": [{"from": "Fn", "to": "internet", "port": 443, "verdict": "reachable",
//!             "via": ["Nat"], "blocked_by": "Rt", "rules": ["L7"], "why": "…",
//!             "depends_on_outside": true, "pending": "…"}]}
//! ```
//!
//! A case matches when the engine gives a verdict for the same `from`, `to` and `port` whose
//! verdict is the expected one, whose path passes through every `via` component, whose
//! `blocked_by` is the expected one (when given), whose explanation ids include one starting
//! with each rule id (`L6` matches `L6.public-subnet`), and which says it depends on something
//! outside the input when `depends_on_outside` is set. A case marked `pending` (what the
//! engine does not model yet) must currently *not* match, so that fixing the engine forces the
//! marker off; `import_pending` works the same way for the input's exit status. `modelled` lists
//! ids the import must report as modelled (a network ACL rule or an IPv6 route silently dropped
//! fails), and `no_verdicts` asserts the engine invents no verdict for a design that asks no
//! question. Every failure is listed, with its input, case and reasoning, not just the first.

use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;

/// The licences the corpora may copy from.
pub const LICENCES: [&str; 4] = ["Apache-2.0", "MIT", "MIT-0", "BSD"];

/// `vpcplay check ARGS… --json`: Ok(output) when it exits 0, Err(message) otherwise.
pub fn check(args: &[String]) -> Result<Value, String> {
    let out = Command::new(env!("CARGO_BIN_EXE_vpcplay"))
        .arg("check")
        .args(args)
        .arg("--json")
        .output()
        .expect("vpcplay runs");
    if !out.status.success() {
        return Err(format!(
            "exit {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    serde_json::from_slice(&out.stdout).map_err(|e| format!("output is not JSON: {e}"))
}

pub fn strs(v: &Value) -> Vec<&str> {
    v.as_array().into_iter().flatten().filter_map(Value::as_str).collect()
}

/// The rows of the provenance table in `text` (a Markdown table whose first column is named
/// `first_column`), each as its trimmed cells without the empty ones at either end.
pub fn provenance_rows(text: &str, first_column: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<String> = l.split('|').map(|c| c.trim().to_owned()).collect();
            cells[1..cells.len().saturating_sub(1)].to_vec()
        })
        .filter(|cells| {
            cells
                .first()
                .is_some_and(|c| c != first_column && !c.starts_with("---"))
        })
        .collect()
}

/// What is wrong with the provenance rows (`name | repository | commit | path | licence |
/// covers`): duplicates, names `exists` does not find, commits that are not 40 hex digits,
/// licences the corpora may not copy.
pub fn provenance_problems(rows: &[Vec<String>], exists: impl Fn(&str) -> bool) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for row in rows {
        let name = &row[0];
        if !seen.insert(name.clone()) {
            problems.push(format!("PROVENANCE.md lists {name} twice"));
        }
        if !exists(name) {
            problems.push(format!("PROVENANCE.md lists {name}, which is not in the corpus folder"));
        }
        if row.len() < 6 {
            problems.push(format!(
                "{name}: the row needs six columns (name, repository, commit, path, licence, covers)"
            ));
            continue;
        }
        let commit = &row[2];
        if commit.len() != 40 || !commit.chars().all(|c| c.is_ascii_hexdigit()) {
            problems.push(format!("{name}: commit {commit:?} is not 40 hex digits"));
        }
        if !LICENCES.iter().any(|l| row[4].starts_with(l)) {
            problems.push(format!(
                "{name}: licence {:?} is not Apache-2.0, MIT, MIT-0 or BSD",
                row[4]
            ));
        }
    }
    problems
}

/// What is wrong with the shape of expectation file `path` for input `name`, whose key naming
/// the input is `name_key` (`template`, `config`).
pub fn expectation_problems(path: &Path, name: &str, name_key: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let file = path.file_name().unwrap_or_default().to_string_lossy();
    let v = match fs::read_to_string(path) {
        Err(_) => return vec![format!("{name} has no {file}")],
        Ok(s) => match serde_json::from_str::<Value>(&s) {
            Err(e) => return vec![format!("{}: not JSON: {e}", path.display())],
            Ok(v) => v,
        },
    };
    if v[name_key] != name {
        problems.push(format!(
            "{}: \"{name_key}\" is {}, not {name:?}",
            path.display(),
            v[name_key]
        ));
    }
    if !v["modelled"].is_null() && !v["modelled"].as_array().is_some_and(|a| a.iter().all(Value::is_string)) {
        problems.push(format!("{name}: \"modelled\" must be a list of ids"));
    }
    if !v["no_verdicts"].is_null() && !v["no_verdicts"].is_string() {
        problems.push(format!("{name}: \"no_verdicts\" must say why (a string)"));
    }
    if !v["import_pending"].is_null() && !v["import_pending"].is_string() {
        problems.push(format!("{name}: \"import_pending\" must say why (a string)"));
    }
    let no_cases = v["cases"].as_array().is_none_or(|a| a.is_empty());
    if no_cases && !v["no_verdicts"].is_string() {
        problems.push(format!(
            "{name} has no case: add cases, or say with \"no_verdicts\" why nothing is asked"
        ));
    }
    for (i, c) in v["cases"].as_array().into_iter().flatten().enumerate() {
        for key in ["from", "to", "verdict", "why"] {
            if !c[key].is_string() {
                problems.push(format!("{name} case {i}: \"{key}\" missing"));
            }
        }
        if !c["port"].is_u64() || !c["rules"].is_array() {
            problems.push(format!(
                "{name} case {i}: \"port\" (number) and \"rules\" (list) are required"
            ));
        }
        if !["reachable", "unreachable"].contains(&c["verdict"].as_str().unwrap_or("")) {
            problems.push(format!(
                "{name} case {i}: \"verdict\" is {}, not \"reachable\" or \"unreachable\"",
                c["verdict"]
            ));
        }
        for key in ["pending", "blocked_by"] {
            if !c[key].is_null() && !c[key].is_string() {
                problems.push(format!("{name} case {i}: \"{key}\" must be a string"));
            }
        }
        if !c["via"].is_null() && !c["via"].as_array().is_some_and(|a| a.iter().all(Value::is_string)) {
            problems.push(format!("{name} case {i}: \"via\" must be a list of ids"));
        }
    }
    problems
}

/// Why `case` does not match the engine's output (empty when it matches).
pub fn mismatches(case: &Value, out: &Value) -> Vec<String> {
    let (from, to) = (case["from"].as_str().unwrap_or(""), case["to"].as_str().unwrap_or(""));
    let port = case["port"].as_u64().unwrap_or(0);
    let all: Vec<&Value> = out["verdicts"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|v| v["from"] == from && v["to"] == to)
        .collect();
    let Some(v) = all.iter().find(|v| v["port"].as_u64() == Some(port)) else {
        let ports: Vec<String> = all.iter().map(|v| v["port"].to_string()).collect();
        return vec![if ports.is_empty() {
            let asked: BTreeSet<&str> = out["verdicts"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|v| v["from"] == from)
                .filter_map(|v| v["to"].as_str())
                .collect();
            if asked.is_empty() {
                let sources: BTreeSet<&str> = out["verdicts"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|v| v["from"].as_str())
                    .collect();
                format!(
                    "no verdict {from} → {to} (the engine gives no verdict from {from} at all; it answers from: {})",
                    if sources.is_empty() {
                        "nothing".to_owned()
                    } else {
                        sources.into_iter().collect::<Vec<_>>().join(", ")
                    }
                )
            } else {
                format!(
                    "no verdict {from} → {to} (from {from} the engine answers: {})",
                    asked.into_iter().collect::<Vec<_>>().join(", ")
                )
            }
        } else {
            format!("no verdict on port {port} (the engine asks ports {})", ports.join(", "))
        }];
    };
    let mut why = Vec::new();
    let said = || format!("(engine: {} — {})", v["verdict"], v["text"].as_str().unwrap_or(""));
    if v["verdict"] != case["verdict"] {
        why.push(format!(
            "verdict {} expected {} {}",
            v["verdict"],
            case["verdict"],
            said()
        ));
    }
    // A verdict names its path by index into the output's shared `paths`.
    let path: Vec<&str> = out["paths"][v["path"].as_u64().unwrap_or(u64::MAX) as usize]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|h| h["component"].as_str())
        .collect();
    for via in strs(&case["via"]) {
        if !path.contains(&via) {
            why.push(format!("path does not go through {via} (path: {})", path.join(" → ")));
        }
    }
    if let Some(b) = case["blocked_by"].as_str() {
        if v["blocked_by"] != b {
            why.push(format!("blocked_by {} expected {b:?}", v["blocked_by"]));
        }
    }
    let ids = strs(&v["explanations"]);
    for rule in strs(&case["rules"]) {
        let prefix = format!("{rule}.");
        if !ids.iter().any(|id| id.starts_with(&prefix)) {
            why.push(format!("no {rule} explanation among {ids:?}"));
        }
    }
    if case["depends_on_outside"] == true {
        let flagged = v["depends_on_outside"] == true || !strs(&v["outside"]).is_empty();
        if !flagged {
            why.push("the verdict does not say it depends on something outside the input".into());
        }
    }
    why
}

/// What `"modelled"` and `"no_verdicts"` promise about an imported input (empty when kept).
pub fn import_problems(exp: &Value, out: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let modelled: Vec<&str> = out["import"]["modelled"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["id"].as_str())
        .collect();
    for id in strs(&exp["modelled"]) {
        if !modelled.contains(&id) {
            let elsewhere = ["not_modelled", "skipped"]
                .iter()
                .find(|k| {
                    out["import"][**k]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .any(|m| m["id"] == id || m == id)
                })
                .map(|k| format!(" (the import lists it under {k})"))
                .unwrap_or_else(|| " (the import does not mention it)".to_owned());
            problems.push(format!("{id} should be modelled{elsewhere}"));
        }
    }
    if let Some(why) = exp["no_verdicts"].as_str() {
        let verdicts: Vec<String> = out["verdicts"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|v| format!("{} → {} :{}", v["from"], v["to"], v["port"]))
            .collect();
        if !verdicts.is_empty() {
            problems.push(format!(
                "expected no verdict ({why}), the engine gives {}",
                verdicts.join(", ")
            ));
        }
    }
    problems
}

/// The running account of a corpus check: what failed, what is pending, and the counts.
#[derive(Default)]
pub struct Tally {
    pub failures: String,
    pub pending: String,
    pub total: usize,
    pub passing: usize,
    pub pending_cases: usize,
}

impl Tally {
    /// Checks every case of expectation `exp` for input `name` against `result` (the output of
    /// `vpcplay check`, or why it refused), and the import's promises.
    pub fn check_input(&mut self, name: &str, exp: &Value, result: &Result<Value, String>) {
        match (result, exp["import_pending"].as_str()) {
            (Err(e), None) => {
                let _ = writeln!(self.failures, "{name}: `vpcplay check` refuses it: {e}");
            }
            (Ok(_), Some(reason)) => {
                let _ = writeln!(
                    self.failures,
                    "{name}: marked import_pending ({reason}) but it now imports: remove the marker"
                );
            }
            (Err(e), Some(reason)) => {
                let _ = writeln!(self.pending, "{name}: import: {reason} (now: {e})");
            }
            (Ok(out), None) => {
                for problem in import_problems(exp, out) {
                    let _ = writeln!(self.failures, "{name}: {problem}");
                }
            }
        }
        let empty = Value::Null;
        let out = result.as_ref().unwrap_or(&empty);
        for (i, case) in exp["cases"].as_array().into_iter().flatten().enumerate() {
            self.total += 1;
            let label = format!(
                "{name} case {i} ({} → {} :{})",
                case["from"].as_str().unwrap_or("?"),
                case["to"].as_str().unwrap_or("?"),
                case["port"]
            );
            let why = match result {
                Err(_) => vec!["the input was not evaluated (its refusal is listed above)".to_owned()],
                Ok(_) => mismatches(case, out),
            };
            match (case["pending"].as_str(), why.is_empty()) {
                (None, true) => self.passing += 1,
                (None, false) => {
                    let _ = writeln!(
                        self.failures,
                        "{label}: expected {}: {}\n    why: {}",
                        case["verdict"],
                        why.join("; "),
                        case["why"].as_str().unwrap_or("")
                    );
                }
                (Some(reason), false) => {
                    self.pending_cases += 1;
                    let _ = writeln!(self.pending, "{label}: {reason}");
                }
                (Some(reason), true) => {
                    let _ = writeln!(
                        self.failures,
                        "{label}: marked pending ({reason}) but it now matches: remove the marker"
                    );
                }
            }
        }
    }

    /// Prints the counts and what is pending, then fails with every failure.
    pub fn finish(self, corpus: &str) {
        println!(
            "{corpus}: {} cases, {} passing, {} pending",
            self.total, self.passing, self.pending_cases
        );
        if !self.pending.is_empty() {
            println!("pending (not modelled yet):\n{}", self.pending);
        }
        assert!(self.failures.is_empty(), "{corpus} failures:\n{}", self.failures);
    }
}

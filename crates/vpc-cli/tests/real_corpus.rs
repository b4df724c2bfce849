//! The real-world corpus: public CloudFormation and SAM templates nobody on the team wrote
//! (`tests/corpus/real/`, provenance in its `PROVENANCE.md`), each checked through
//! `vpcplay check FILE --json` with no `--param`, as a new user would run it.
//!
//! Every template has a `<name>.expect.json` written by reading the template against the rules
//! of `shared/domain/aws-rules.md`, never by copying the engine's output:
//!
//! ```json
//! {"template": "x.yaml", "params": "none", "notes": "…",
//!  "import_pending": "…",                      // optional: why `check` refuses it today
//!  "cases": [{"from": "Fn", "to": "internet", "port": 443, "verdict": "reachable",
//!             "via": ["Nat"], "blocked_by": "Rt", "rules": ["L7"], "why": "…",
//!             "depends_on_outside": true, "pending": "…"}]}
//! ```
//!
//! A case matches when the engine gives a verdict for the same `from`, `to` and `port` whose
//! verdict is the expected one, whose path passes through every `via` component, whose
//! `blocked_by` is the expected one (when given), whose explanation ids include one starting
//! with each rule id (`L6` matches `L6.public-subnet`), and which says it depends on something
//! outside the template when `depends_on_outside` is set. A case marked `pending` (what the
//! engine does not model yet) must currently *not* match, so that fixing the engine forces the
//! marker off; `import_pending` works the same way for the template's exit status. Two optional
//! keys check what a template without a function still teaches: `"modelled": ["Id", …]` lists
//! logical ids the import must report as modelled (a network ACL rule or an IPv6 route silently
//! dropped fails), and `"no_verdicts": "why"` asserts the engine invents no verdict for a design
//! that asks no question. Every failure is listed, with its template, case and reasoning, not
//! just the first one.

use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

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

/// The `file` column of every row of the provenance table.
fn provenance_files() -> Vec<String> {
    let text = fs::read_to_string(corpus_dir().join("PROVENANCE.md")).expect("PROVENANCE.md exists");
    text.lines()
        .filter(|l| l.starts_with('|'))
        .filter_map(|l| l.split('|').nth(1).map(|c| c.trim().to_owned()))
        .filter(|c| c != "file" && !c.starts_with("---"))
        .collect()
}

#[test]
fn every_corpus_file_has_provenance_and_expectations() {
    let mut problems = Vec::new();
    let rows = provenance_files();
    let mut seen = BTreeSet::new();
    for file in &rows {
        if !seen.insert(file.clone()) {
            problems.push(format!("PROVENANCE.md lists {file} twice"));
        }
        if !corpus_dir().join(file).is_file() {
            problems.push(format!(
                "PROVENANCE.md lists {file}, which is not in tests/corpus/real/"
            ));
        }
    }
    let text = fs::read_to_string(corpus_dir().join("PROVENANCE.md")).unwrap();
    for line in text.lines().filter(|l| l.starts_with('|')) {
        let cols: Vec<&str> = line.split('|').map(str::trim).collect();
        if cols.len() < 7 || cols[1] == "file" || cols[1].starts_with("---") {
            continue;
        }
        let commit = cols[3];
        if commit.len() != 40 || !commit.chars().all(|c| c.is_ascii_hexdigit()) {
            problems.push(format!("{}: commit {commit:?} is not 40 hex digits", cols[1]));
        }
        if !["Apache-2.0", "MIT", "MIT-0", "BSD"]
            .iter()
            .any(|l| cols[5].starts_with(l))
        {
            problems.push(format!(
                "{}: licence {:?} is not Apache-2.0, MIT, MIT-0 or BSD",
                cols[1], cols[5]
            ));
        }
    }
    for t in templates() {
        if !rows.contains(&t) {
            problems.push(format!("{t} has no row in PROVENANCE.md"));
        }
        let exp = expect_path(&t);
        match fs::read_to_string(&exp) {
            Err(_) => problems.push(format!("{t} has no {}", exp.file_name().unwrap().to_string_lossy())),
            Ok(s) => match serde_json::from_str::<Value>(&s) {
                Err(e) => problems.push(format!("{}: not JSON: {e}", exp.display())),
                Ok(v) => {
                    if v["template"] != t.as_str() {
                        problems.push(format!(
                            "{}: \"template\" is {}, not {t:?}",
                            exp.display(),
                            v["template"]
                        ));
                    }
                    if v["params"] != "none" {
                        problems.push(format!(
                            "{}: the corpus runs with no --param (\"params\": \"none\")",
                            exp.display()
                        ));
                    }
                    if !v["modelled"].is_null()
                        && !v["modelled"].as_array().is_some_and(|a| a.iter().all(Value::is_string))
                    {
                        problems.push(format!("{t}: \"modelled\" must be a list of logical ids"));
                    }
                    if !v["no_verdicts"].is_null() && !v["no_verdicts"].is_string() {
                        problems.push(format!("{t}: \"no_verdicts\" must say why (a string)"));
                    }
                    let no_cases = v["cases"].as_array().is_none_or(|a| a.is_empty());
                    if no_cases && !v["no_verdicts"].is_string() {
                        problems.push(format!(
                            "{t} has no case: add cases, or say with \"no_verdicts\" why nothing is asked"
                        ));
                    }
                    for (i, c) in v["cases"].as_array().into_iter().flatten().enumerate() {
                        for key in ["from", "to", "verdict", "why"] {
                            if !c[key].is_string() {
                                problems.push(format!("{t} case {i}: \"{key}\" missing"));
                            }
                        }
                        if !c["port"].is_u64() || !c["rules"].is_array() {
                            problems.push(format!(
                                "{t} case {i}: \"port\" (number) and \"rules\" (list) are required"
                            ));
                        }
                    }
                }
            },
        }
    }
    assert!(
        templates().len() >= 18,
        "the corpus has {} templates, at least 18 are promised",
        templates().len()
    );
    assert!(problems.is_empty(), "corpus bookkeeping:\n  {}", problems.join("\n  "));
}

/// `vpcplay check FILE --json`: Ok(output) when it exits 0, Err(message) otherwise.
fn check(file: &Path) -> Result<Value, String> {
    let out = Command::new(env!("CARGO_BIN_EXE_vpcplay"))
        .args(["check", file.to_str().unwrap(), "--json"])
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

fn strs(v: &Value) -> Vec<&str> {
    v.as_array().into_iter().flatten().filter_map(Value::as_str).collect()
}

/// Why `case` does not match the engine's output (empty when it matches).
fn mismatches(case: &Value, out: &Value) -> Vec<String> {
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
                format!("no verdict {from} → {to} (the engine gives no verdict from {from} at all)")
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
            why.push("the verdict does not say it depends on resources outside the template".into());
        }
    }
    why
}

/// What `"modelled"` and `"no_verdicts"` promise about an imported template (empty when kept).
fn import_problems(exp: &Value, out: &Value) -> Vec<String> {
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

#[test]
fn real_corpus_verdicts_match_what_aws_would_do() {
    let mut failures = String::new();
    let mut pending = String::new();
    let (mut total, mut passing, mut pending_n) = (0usize, 0usize, 0usize);
    for t in templates() {
        let Ok(text) = fs::read_to_string(expect_path(&t)) else {
            continue; // reported by every_corpus_file_has_provenance_and_expectations
        };
        let Ok(exp) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        let result = check(&corpus_dir().join(&t));
        match (&result, exp["import_pending"].as_str()) {
            (Err(e), None) => {
                let _ = writeln!(failures, "{t}: `vpcplay check` refuses the template: {e}");
            }
            (Ok(_), Some(reason)) => {
                let _ = writeln!(
                    failures,
                    "{t}: marked import_pending ({reason}) but it now imports: remove the marker"
                );
            }
            (Err(_), Some(reason)) => {
                let _ = writeln!(pending, "{t}: import: {reason}");
            }
            (Ok(out), None) => {
                for problem in import_problems(&exp, out) {
                    let _ = writeln!(failures, "{t}: {problem}");
                }
            }
        }
        let empty = Value::Null;
        let out = result.as_ref().unwrap_or(&empty);
        for (i, case) in exp["cases"].as_array().into_iter().flatten().enumerate() {
            total += 1;
            let name = format!(
                "{t} case {i} ({} → {} :{})",
                case["from"].as_str().unwrap_or("?"),
                case["to"].as_str().unwrap_or("?"),
                case["port"]
            );
            let why = match &result {
                Err(_) => vec!["the template was not evaluated (its refusal is listed above)".to_owned()],
                Ok(_) => mismatches(case, out),
            };
            match (case["pending"].as_str(), why.is_empty()) {
                (None, true) => passing += 1,
                (None, false) => {
                    let _ = writeln!(
                        failures,
                        "{name}: expected {}: {}\n    why: {}",
                        case["verdict"],
                        why.join("; "),
                        case["why"].as_str().unwrap_or("")
                    );
                }
                (Some(reason), false) => {
                    pending_n += 1;
                    let _ = writeln!(pending, "{name}: {reason}");
                }
                (Some(reason), true) => {
                    let _ = writeln!(
                        failures,
                        "{name}: marked pending ({reason}) but it now matches: remove the marker"
                    );
                }
            }
        }
    }
    println!("real corpus: {total} cases, {passing} passing, {pending_n} pending");
    if !pending.is_empty() {
        println!("pending (not modelled yet):\n{pending}");
    }
    assert!(failures.is_empty(), "real corpus failures:\n{failures}");
}

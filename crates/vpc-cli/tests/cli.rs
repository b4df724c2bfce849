//! The `vpcplay` binary, run as a user runs it: output shape, languages and exit codes.

use serde_json::Value;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const STARTER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../designs/starter.json");

fn vpcplay(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vpcplay"))
        .args(args)
        .output()
        .expect("vpcplay runs")
}

fn vpcplay_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vpcplay"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("vpcplay runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

/// A file under the test's scratch directory.
fn scratch(name: &str, contents: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn json_of(o: &Output) -> Value {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(o));
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", stdout(o)))
}

fn keys(v: &Value) -> BTreeSet<&str> {
    v.as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"))
        .keys()
        .map(String::as_str)
        .collect()
}

fn set(names: &[&'static str]) -> BTreeSet<&'static str> {
    names.iter().copied().collect()
}

/// Checks every key and type of the promised `--json` shape.
fn assert_shape(out: &Value, ids: &BTreeSet<String>) {
    assert_eq!(keys(out), set(&["verdicts", "paths", "findings"]));
    let paths = out["paths"].as_array().expect("paths is an array");
    for path in paths {
        for hop in path.as_array().expect("a path is an array of hops") {
            assert_eq!(keys(hop), set(&["component", "kind", "allowed", "note"]), "{hop}");
            assert!(hop["component"].is_string() && hop["kind"].is_string() && hop["note"].is_string());
            assert!(hop["allowed"].is_boolean());
        }
    }
    // Every path is used, and named by index: shared traces are written once.
    let used: BTreeSet<u64> = out["verdicts"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v["path"].as_u64())
        .collect();
    assert_eq!(used.len(), paths.len(), "unused or missing paths");
    let services = [
        "internet",
        "internet-ipv6",
        "s3",
        "dynamodb",
        "sqs",
        "secretsmanager",
        "sts",
        "kms",
        "logs",
        "ssm",
    ];
    for v in out["verdicts"].as_array().expect("verdicts is an array") {
        assert_eq!(
            keys(v),
            set(&[
                "from",
                "to",
                "port",
                "verdict",
                "path",
                "blocked_by",
                "explanations",
                "text"
            ]),
            "{v}"
        );
        let from = v["from"].as_str().expect("from is a string");
        assert!(from == "internet" || ids.contains(from), "unknown from {from}");
        let to = v["to"].as_str().expect("to is a string");
        assert!(services.contains(&to) || ids.contains(to), "unknown to {to}");
        assert!(v["port"].as_u64().is_some_and(|p| p <= 65535), "port {}", v["port"]);
        assert!(
            ["reachable", "unreachable", "partial"].contains(&v["verdict"].as_str().unwrap()),
            "{v}"
        );
        let path = v["path"].as_u64().expect("path is an index into paths") as usize;
        assert!(path < paths.len(), "{v}");
        assert!(
            v["blocked_by"].is_null() || v["blocked_by"].as_str().is_some_and(|b| ids.contains(b)),
            "{v}"
        );
        let explanations = v["explanations"].as_array().expect("explanations is an array");
        assert!(!explanations.is_empty(), "a verdict without explanation: {v}");
        assert!(explanations.iter().all(Value::is_string));
        assert!(v["text"].as_str().is_some_and(|t| !t.is_empty()));
        if v["verdict"] == "reachable" {
            assert!(v["blocked_by"].is_null(), "reachable yet blocked: {v}");
        }
    }
    for f in out["findings"].as_array().expect("findings is an array") {
        assert_eq!(keys(f), set(&["id", "severity", "components", "text"]), "{f}");
        assert!(f["id"].as_str().is_some_and(|id| id.contains('.')), "{f}");
        assert!(
            ["error", "warning", "info"].contains(&f["severity"].as_str().unwrap()),
            "{f}"
        );
        assert!(f["components"].as_array().unwrap().iter().all(Value::is_string));
        assert!(f["text"].as_str().is_some_and(|t| !t.is_empty()));
    }
}

fn starter_ids() -> BTreeSet<String> {
    let doc = vpc_engine::model::load(&std::fs::read_to_string(STARTER).unwrap()).unwrap();
    doc.components().map(|(id, _)| id.to_owned()).collect()
}

#[test]
fn json_output_has_exactly_the_documented_shape() {
    let out = json_of(&vpcplay(&["check", STARTER, "--json"]));
    assert_shape(&out, &starter_ids());
    let verdicts = out["verdicts"].as_array().unwrap();
    // The starter design: one function in public subnets, one database in private ones.
    let find = |to: &str| verdicts.iter().find(|v| v["from"] == "orders-fn" && v["to"] == to);
    let internet = find("internet").expect("a verdict for orders-fn → internet");
    assert_eq!(internet["verdict"], "unreachable");
    assert!(
        internet["explanations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e == "L6.public-subnet"),
        "{internet}"
    );
    let db = find("orders-db").expect("a verdict for orders-fn → orders-db");
    assert_eq!(db["verdict"], "reachable");
    assert_eq!(db["port"], 5432);
    for service in ["s3", "dynamodb", "sqs", "secretsmanager", "sts", "kms", "logs", "ssm"] {
        assert!(find(service).is_some(), "no verdict for orders-fn → {service}");
    }
}

#[test]
fn validation_problems_are_reported_as_findings_with_their_component() {
    let broken = std::fs::read_to_string(STARTER)
        .unwrap()
        .replace("\"10.0.10.0/24\"", "\"10.0.10.0/33\"");
    let path = scratch("broken-cidr.json", &broken);
    let out = json_of(&vpcplay(&["check", path.to_str().unwrap(), "--json"]));
    assert_shape(&out, &starter_ids());
    let findings = out["findings"].as_array().unwrap();
    let problem = findings
        .iter()
        .find(|f| f["id"].as_str().unwrap().starts_with("V.") && f["components"][0] == "private-a")
        .unwrap_or_else(|| panic!("no validation finding for private-a in {findings:?}"));
    assert_eq!(problem["severity"], "error");
}

/// Issue 19: `"inbund"` for `"inbound"` used to drop every inbound rule without a word.
#[test]
fn a_misspelled_field_is_reported_with_its_path_and_the_name_meant() {
    let typo = std::fs::read_to_string(STARTER)
        .unwrap()
        .replacen("\"inbound\"", "\"inbund\"", 1);
    let path = scratch("misspelled-inbound.json", &typo);
    let out = json_of(&vpcplay(&["check", path.to_str().unwrap(), "--json"]));
    assert_shape(&out, &starter_ids());
    let findings = out["findings"].as_array().unwrap();
    let typo = findings
        .iter()
        .find(|f| f["id"] == "V.misspelled-field")
        .unwrap_or_else(|| panic!("no finding for the misspelled field in {findings:?}"));
    assert_eq!(typo["components"][0], "app-sg");
    assert_eq!(typo["severity"], "warning");
    let text = typo["text"].as_str().unwrap();
    assert!(
        text.contains("security_groups[0].inbund") && text.contains("Did you mean inbound?"),
        "{text}"
    );
    // The rest of the design is read as written: the functions and the database are there.
    assert!(out["verdicts"]
        .as_array()
        .unwrap()
        .iter()
        .any(|v| v["to"] == "orders-db"));
    let report = stdout(&vpcplay(&["check", path.to_str().unwrap()]));
    assert!(
        report.contains("security_groups[0].inbund") && !report.contains(" 0 problem(s)"),
        "{report}"
    );
    let zh = stdout(&vpcplay(&["check", path.to_str().unwrap(), "--lang", "zh"]));
    assert!(
        zh.contains("security_groups[0].inbund") && zh.contains("inbound"),
        "{zh}"
    );
}

#[test]
fn chinese_renders_the_same_verdicts_in_chinese() {
    let en = json_of(&vpcplay(&["check", STARTER, "--json", "--lang", "en"]));
    let zh = json_of(&vpcplay(&["check", "--lang=zh", STARTER, "--json"]));
    let (en_v, zh_v) = (en["verdicts"].as_array().unwrap(), zh["verdicts"].as_array().unwrap());
    assert!(!en_v.is_empty());
    assert_eq!(en_v.len(), zh_v.len());
    let cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    for (e, z) in en_v.iter().zip(zh_v) {
        for key in ["from", "to", "port", "verdict", "blocked_by", "explanations", "path"] {
            assert_eq!(e[key], z[key], "{key} must not depend on the language");
        }
        let (et, zt) = (e["text"].as_str().unwrap(), z["text"].as_str().unwrap());
        assert!(cjk(zt) && !cjk(et), "en: {et}\nzh: {zt}");
        let (ep, zp) = (
            &en["paths"][e["path"].as_u64().unwrap() as usize],
            &zh["paths"][z["path"].as_u64().unwrap() as usize],
        );
        for (eh, zh) in ep.as_array().unwrap().iter().zip(zp.as_array().unwrap()) {
            assert_eq!(eh["component"], zh["component"]);
            assert!(cjk(zh["note"].as_str().unwrap()), "{zh}");
        }
    }
    let text = stdout(&vpcplay(&["check", STARTER, "--lang", "zh"]));
    assert!(text.contains("不可达"), "{text}");
}

#[test]
fn text_output_groups_by_function_with_markers_and_paths() {
    let o = vpcplay(&["check", STARTER]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let function = text.find("\norders-fn").expect("a heading for orders-fn");
    let internet = text.find("✗ internet").expect("a ✗ line for the internet");
    assert!(function < internet, "{text}");
    assert!(text.contains("✓ orders-db:5432"), "{text}");
    assert!(text.contains(" → "), "paths are printed as a → b: {text}");
    assert!(text.contains("L6.public-subnet"), "{text}");
    assert!(text.contains("blocked by: "), "{text}");
    // The eight AWS services fail for the same reason and share one entry.
    assert!(
        text.contains("✗ s3, dynamodb, sqs, secretsmanager, sts, kms, logs, ssm"),
        "{text}"
    );
    assert!(text.contains("public-a ENI → app-sg"), "{text}");
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let starter = std::fs::read(STARTER).unwrap();
    let from_file = vpcplay(&["check", STARTER, "--json"]);
    let from_stdin = vpcplay_stdin(&["check", "-", "--json"], &starter);
    assert_eq!(from_stdin.status.code(), Some(0), "{}", stderr(&from_stdin));
    assert_eq!(from_stdin.stdout, from_file.stdout);
}

#[test]
fn json_syntax_error_exits_2_naming_the_file_line_and_column() {
    let path = scratch("syntax-error.json", "{\n  \"vpcs\": [,]\n}\n");
    let o = vpcplay(&["check", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("syntax-error.json"), "{err}");
    assert!(err.contains("line 2, column 12"), "{err}");
    assert!(o.stdout.is_empty());

    let o = vpcplay_stdin(&["check", "-"], b"{\"vpcs\": ");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("standard input"), "{}", stderr(&o));
}

#[test]
fn unreadable_inputs_exit_2_with_the_problem() {
    let missing = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("no-such-design.json");
    let o = vpcplay(&["check", missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no-such-design.json"), "{}", stderr(&o));

    let o = vpcplay_stdin(&["check", "-"], b"{\"schema_version\": 99}");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("version 99"), "{}", stderr(&o));

    let o = vpcplay_stdin(&["check", "-"], b"\xff\xfe{}");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("UTF-8"), "{}", stderr(&o));

    let o = vpcplay_stdin(&["check", "-"], b"{\"format\": \"excalidraw\", \"document\": {}}");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("excalidraw"), "{}", stderr(&o));
}

#[test]
fn command_line_mistakes_exit_2_and_help_exits_0() {
    for args in [
        &["check"][..],
        &["check", STARTER, "--lang", "fr"],
        &["bogus"],
        &["generate"],
        &[],
    ] {
        let o = vpcplay(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("--help"), "{args:?}: {}", stderr(&o));
    }
    let o = vpcplay(&["check", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    let help = stdout(&o);
    assert!(help.contains("--json") && help.contains("--lang"), "{help}");
    assert!(
        help.contains("Validation diagnostics"),
        "the help says where diagnostics go: {help}"
    );
    assert_eq!(vpcplay(&["--help"]).status.code(), Some(0));
}

#[test]
fn generate_writes_a_deterministic_design_that_check_reads() {
    let a = vpcplay(&["generate", "--functions", "20", "--seed", "3"]);
    assert_eq!(a.status.code(), Some(0), "{}", stderr(&a));
    let b = vpcplay(&["generate", "--functions=20", "--seed=3"]);
    assert_eq!(a.stdout, b.stdout);
    let doc = vpc_engine::model::load(&stdout(&a)).expect("a loadable design");
    assert_eq!(doc.functions.len(), 20);

    let checked = vpcplay_stdin(&["check", "-", "--json"], &a.stdout);
    let out = json_of(&checked);
    let ids = doc.components().map(|(id, _)| id.to_owned()).collect();
    assert_shape(&out, &ids);

    let big = vpcplay(&["generate", "--components", "600"]);
    let doc = vpc_engine::model::load(&stdout(&big)).unwrap();
    assert!(doc.components().count().abs_diff(600) <= 60);
}

#[test]
fn data_stores_ranges_and_unconnected_vpcs_appear_in_json_and_text() {
    let design = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../vpc-engine/tests/scenarios/data_stores_are_reached_on_their_ports.json"
    );
    let o = vpcplay(&["check", design, "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = json_of(&o);
    let verdicts = out["verdicts"].as_array().unwrap();
    let find = |to: &str, port: u64| {
        verdicts
            .iter()
            .find(|v| v["from"] == "files-fn" && v["to"] == to && v["port"] == port)
            .unwrap_or_else(|| panic!("no files-fn → {to}:{port}"))
    };
    // The cache's group opens 5701–5703 too: asked on 5701, with the range and its sentence.
    let range = find("cache", 5701);
    assert_eq!(range["port_range"], serde_json::json!([5701, 5703]));
    assert!(range["text"].as_str().unwrap().contains("5701–5703"), "{range}");
    assert!(find("cache", 6379).get("port_range").is_none());
    assert_eq!(find("files", 2049)["verdict"], "partial");
    // far-cache is in a VPC nothing connects to: one group entry, no per-pair verdict.
    assert!(!verdicts
        .iter()
        .any(|v| v["to"] == "far-cache" && v["from"] == "files-fn"));
    let groups = out["unconnected"].as_array().expect("an unconnected list");
    assert_eq!(groups.len(), 1);
    let g = &groups[0];
    assert_eq!(
        (g["vpc"].as_str(), g["other_vpc"].as_str()),
        (Some("main-vpc"), Some("other-vpc"))
    );
    assert_eq!(g["functions"], serde_json::json!(["files-fn"]));
    assert_eq!(g["targets"], serde_json::json!([{ "id": "far-cache", "port": 11211 }]));
    assert_eq!(g["explanations"], serde_json::json!(["DB3.not-connected"]));
    let text = stdout(&vpcplay(&["check", design]));
    assert!(
        text.contains("Not connected") && text.contains("main-vpc → other-vpc"),
        "{text}"
    );
}

#[test]
fn files_are_measured_and_decoded_before_they_are_parsed() {
    // 165 MB once took 8.9 s and 3.4 GB to refuse; the size is read from the file system now.
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("huge-design.json");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(165 * 1024 * 1024).unwrap();
    let o = vpcplay(&["check", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "vpcplay: cannot read {}: the input is 168960 KB, more than the 8192 KB a design may have\n",
            path.display()
        )
    );
    std::fs::remove_file(&path).unwrap();

    // The same decisions as the browser (the engine's `decode`), one per bad input.
    let bad = concat!(env!("CARGO_MANIFEST_DIR"), "/../vpc-engine/tests/bad_inputs/");
    for (file, says) in [
        (
            "36-utf16-le-with-byte-order-mark.json",
            "the file is UTF-16 LE text, not UTF-8. Save the file as UTF-8 and open it again",
        ),
        (
            "35-json-with-byte-order-mark-and-junk.json",
            "the text starts with more than one byte-order mark (line 1, column 1)",
        ),
        ("38-latin-1-bytes.json", "not UTF-8 text: the byte at offset 87"),
        ("39-envelope-newer-than-document.json", "format version 7, newer than"),
    ] {
        let o = vpcplay(&["check", &format!("{bad}{file}")]);
        assert_eq!(o.status.code(), Some(2), "{file}");
        assert!(stderr(&o).contains(says), "{file}: {}", stderr(&o));
    }
    // One byte-order mark is only a mark.
    let o = vpcplay_stdin(
        &["check", "-"],
        &[b"\xEF\xBB\xBF".as_slice(), &std::fs::read(STARTER).unwrap()].concat(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

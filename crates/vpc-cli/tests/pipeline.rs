//! `vpcplay` in a pipeline: `check --intents` (exit codes, every output format) and `diff`
//! (wording, JSON, `--fail-on`), on the templates of `tests/pipeline/`.
//!
//! `shop.yaml`: ShopVpc with PublicA (PublicRt: 0.0.0.0/0 → Igw) holding NatA; PrivateA
//! (us-east-1a) and PrivateB (us-east-1b) on PrivateRt (0.0.0.0/0 → NatA); IsolatedA/B on
//! IsolatedRt (local only). FnSg allows all outbound; DbSg admits 5432 from FnSg. OrdersFn
//! runs in PrivateA+B, BillingFn in IsolatedA+B, OrdersDb (postgres) in IsolatedA+B.
//! So, by the rules: OrdersFn reaches the internet through NatA (L7) and OrdersDb on 5432
//! (local route, DbSg allows FnSg); BillingFn reaches OrdersDb but not the internet (no
//! route, L5/R3); nothing on the internet reaches OrdersDb (private subnets, no public IP);
//! every function runs in two AZs, so Q2 is not raised.
//! - `shop-open.yaml`: IsolatedRt also routes 0.0.0.0/0 → NatA, so BillingFn reaches the
//!   internet (and every AWS service) through NatA: paths opened.
//! - `shop-closed.yaml`: PrivateRt loses its route to NatA: OrdersFn's internet and service
//!   paths close, stopped at PrivateRt.
//! - `shop-partial.yaml`: PrivateB uses IsolatedRt: OrdersFn still gets out from PrivateA,
//!   not from PrivateB (partial, stopped at IsolatedRt).
//! - `shop-reordered.yaml`: the same resources in another order: no change.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pipeline")
}

fn file(name: &str) -> String {
    dir().join(name).to_string_lossy().into_owned()
}

fn vpcplay(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vpcplay"))
        .args(args)
        .output()
        .expect("vpcplay runs")
}

/// Runs in the fixtures' directory, so files are named as a pipeline names them (relative).
fn vpcplay_here(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vpcplay"))
        .args(args)
        .current_dir(dir())
        .output()
        .expect("vpcplay runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

fn scratch(name: &str, contents: &str) -> String {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, contents).unwrap();
    path.to_string_lossy().into_owned()
}

fn json(o: &Output) -> Value {
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", stdout(o), stderr(o)))
}

/// Compares with a checked-in file; `UPDATE_EXPECT=1` rewrites it (review the diff).
fn golden(name: &str, actual: &str) {
    let path = dir().join(name);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_EXPECT=1 writes it)", path.display()));
    assert_eq!(actual, expected, "{name} differs; UPDATE_EXPECT=1 rewrites it");
}

#[test]
fn intents_that_hold_exit_0_and_a_broken_one_exits_1_naming_it() {
    let o = vpcplay(&["check", &file("shop.yaml"), "--intents", &file("intents.yaml")]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    for id in [
        "orders-reach-db",
        "orders-out-through-nat",
        "billing-stays-inside",
        "db-not-public",
        "one-az-is-a-warning",
    ] {
        assert!(out.contains(&format!("✓ {id}: ")), "{id} holds:\n{out}");
    }
    assert!(out.contains("5 intents: 5 hold, 0 broken"), "{out}");

    let o = vpcplay(&["check", &file("shop-open.yaml"), "--intents", &file("intents.yaml")]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stderr(&o).contains("1 intent does not hold"), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("✗ billing-stays-inside: Billing never talks to the internet"),
        "{out}"
    );
    assert!(out.contains("BillingFn → internet: reachable"), "{out}");
    assert!(out.contains("through: NatA"), "{out}");
    assert!(out.contains("L7.nat-path"), "{out}");
    assert!(out.contains("✓ orders-reach-db"), "{out}");
}

#[test]
fn each_intent_type_holds_and_breaks_with_its_exit_code() {
    // (intent, holds on shop.yaml) — worked out in the module comment.
    let cases: &[(&str, bool)] = &[
        ("{type: reaches, from: OrdersFn, to: internet}", true),
        ("{type: reaches, from: BillingFn, to: internet}", false),
        ("{type: reaches, from: '*', to: OrdersDb, port: 5432}", true),
        ("{type: reaches, from: OrdersFn, to: OrdersDb, port: 3306}", false),
        ("{type: reaches, from: OrdersFn, to: s3, via: gateway_endpoint}", false),
        ("{type: does_not_reach, from: subnet:IsolatedB, to: internet}", true),
        ("{type: does_not_reach, from: subnet:PrivateA, to: internet}", false),
        ("{type: does_not_reach, from: internet, to: OrdersDb, port: 5432}", true),
        ("{type: only_reaches, from: '*Fn', to: OrdersDb, port: 5432}", true),
        ("{type: only_reaches, from: OrdersFn, to: OrdersDb, port: 5432}", false),
        ("{type: no_component, kind: peering_connection}", true),
        ("{type: no_component, kind: nat_gateway}", false),
        ("{type: no_finding, finding: Q2.single-az}", true),
        ("{type: no_finding, finding: G5.nat-cross-az}", false),
        ("{type: reaches, from: Payments*, to: internet}", false),
        // A misspelt target is not "not reached": it breaks the intent.
        ("{type: does_not_reach, from: OrdersFn, to: OrdersDbb}", false),
        ("{type: does_not_reach, from: PaymentsFn, to: internet}", false),
    ];
    for (i, (intent, holds)) in cases.iter().enumerate() {
        let text = format!(
            "format: vpcplay-intents\nversion: 1\nintents:\n  - {{id: case-{i}, {}\n",
            &intent[1..]
        );
        let path = scratch(&format!("intent-case-{i}.yaml"), &text);
        let o = vpcplay(&["check", &file("shop.yaml"), "--intents", &path, "--json"]);
        let expected = if *holds { 0 } else { 1 };
        assert_eq!(
            o.status.code(),
            Some(expected),
            "{intent}:\n{}{}",
            stdout(&o),
            stderr(&o)
        );
        let v = json(&o);
        assert_eq!(v["intents"][0]["holds"], *holds, "{intent}");
        if !holds {
            let r = &v["intents"][0];
            let failures = r["failures"].as_array().unwrap();
            assert!(
                !failures.is_empty() || r["problem"].is_string(),
                "{intent}: says why: {r}"
            );
            for f in failures {
                assert!(f["component"].is_string() && f["explanations"][0].is_string(), "{f}");
            }
        }
        // A broken warning is reported and does not fail the check.
        let warning = text.replace(&format!("id: case-{i},"), &format!("id: case-{i}, severity: warning,"));
        let path = scratch(&format!("intent-case-{i}-warning.yaml"), &warning);
        let o = vpcplay(&["check", &file("shop.yaml"), "--intents", &path]);
        assert_eq!(o.status.code(), Some(0), "{intent} as a warning: {}", stderr(&o));
        assert_eq!(
            stdout(&o).contains(&format!("✗ case-{i} (warning)")),
            !holds,
            "{}",
            stdout(&o)
        );
    }
}

#[test]
fn intents_work_on_designs_too() {
    let design = concat!(env!("CARGO_MANIFEST_DIR"), "/../vpc-engine/tests/intents/shop.json");
    let intents = scratch(
        "design-intents.json",
        r#"{"format": "vpcplay-intents", "version": 1, "intents": [
            {"id": "orders", "type": "reaches", "from": "orders-*", "to": "internet", "via": "nat_gateway"},
            {"id": "isolated", "type": "does_not_reach", "from": "subnet:isolated-a", "to": "internet"}
        ]}"#,
    );
    let o = vpcplay(&["check", design, "--intents", &intents, "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    assert_eq!(v["intents"][0]["holds"], true);
    assert_eq!(
        v["intents"][0]["sources"],
        serde_json::json!(["orders-fn", "orders-worker"])
    );
    // report-fn has an ENI in isolated-a and gets out from private-b: partly reachable.
    assert_eq!(v["intents"][1]["holds"], false);
    assert_eq!(v["intents"][1]["failures"][0]["from"], "report-fn");
    assert_eq!(v["intents"][1]["failures"][0]["verdict"], "partial");
    // The usual report is all there besides.
    assert!(v["verdicts"].as_array().is_some_and(|a| !a.is_empty()));
}

#[test]
fn unreadable_intents_exit_2_with_file_line_and_column() {
    let o = vpcplay(&["check", &file("shop.yaml"), "--intents", "no-such-intents.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no-such-intents.yaml"), "{}", stderr(&o));

    let bad = scratch(
        "bad-intents.yaml",
        "format: vpcplay-intents\nversion: 1\nintents:\n  - id: a\n    type: reaches\n    from: OrdersFn\n    to: internet\n    prot: 443\n",
    );
    let o = vpcplay(&["check", &file("shop.yaml"), "--intents", &bad]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("bad-intents.yaml") && e.contains("line 8, column 11"), "{e}");
    assert!(e.contains("intents[0].prot") && e.contains("did you mean port"), "{e}");

    let newer = scratch(
        "newer-intents.json",
        r#"{"format": "vpcplay-intents", "version": 7, "intents": []}"#,
    );
    let o = vpcplay(&["check", &file("shop.yaml"), "--intents", &newer]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("version 7"), "{}", stderr(&o));

    let broken_json = scratch(
        "broken-intents.json",
        "{\"format\": \"vpcplay-intents\",\n \"version\": 1,\n \"intents\": [}\n",
    );
    let o = vpcplay(&["check", &file("shop.yaml"), "--intents", &broken_json]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("line 3"), "{}", stderr(&o));

    let o = vpcplay(&["check", "no-such-template.yaml", "--intents", &file("intents.yaml")]);
    assert_eq!(o.status.code(), Some(2));
}

/// The SARIF 2.1.0 schema as the `serde-sarif` crate (a dev-dependency, from crates.io)
/// ships it: the OASIS TC's schema from github.com/oasis-tcs/sarif-spec (`Schemata/
/// sarif-schema-2.1.0.json`, draft-07 form). Found through `cargo metadata`.
fn sarif_schema() -> Value {
    // Offline first: the crate is already unpacked, since this test was built with it; a
    // registry is asked only when cargo wants manifests it lacks (other platforms' crates).
    let metadata = |offline: bool| {
        let mut c = Command::new(env!("CARGO"));
        c.args(["metadata", "--format-version", "1", "--manifest-path"])
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"));
        if offline {
            c.arg("--offline");
        }
        c.output().expect("cargo metadata runs")
    };
    let out = Some(metadata(true))
        .filter(|o| o.status.success())
        .unwrap_or_else(|| metadata(false));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let meta: Value = serde_json::from_slice(&out.stdout).unwrap();
    let pkg = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "serde-sarif")
        .expect("serde-sarif is a dev-dependency");
    let manifest = PathBuf::from(pkg["manifest_path"].as_str().unwrap());
    let path = manifest.parent().unwrap().join("src/schema.json");
    let text = std::fs::read_to_string(&path).unwrap();
    // This edition's `language` pattern has a stray `]`, which a strict regex reader (and the
    // meta-schema's `format: regex`) refuses; the OASIS errata 01 schema corrected it to the
    // pattern below. That one pattern is the only change.
    const BROKEN: &str = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    const ERRATA: &str = r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#;
    assert!(text.matches(BROKEN).count() <= 2, "{}", path.display());
    let text = text.replace(BROKEN, ERRATA);
    let schema: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        schema["title"],
        "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema",
        "{}",
        path.display()
    );
    schema
}

fn assert_valid_sarif(log: &Value) {
    let schema = sarif_schema();
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "SARIF invalid:\n{}", errors.join("\n"));
    // And it reads as SARIF's object model.
    let _: serde_sarif::sarif::Sarif = serde_json::from_value(log.clone()).expect("serde-sarif reads it");
}

#[test]
fn sarif_validates_and_points_at_the_template_line_of_the_component() {
    let o = vpcplay_here(&[
        "check",
        "shop-open.yaml",
        "--intents",
        "intents.yaml",
        "--format",
        "sarif",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let log = json(&o);
    assert_valid_sarif(&log);
    // The validator does refuse what SARIF 2.1.0 does not allow.
    let mut wrong = log.clone();
    wrong["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!jsonschema::is_valid(&sarif_schema(), &wrong));
    let run = &log["runs"][0];
    let results = run["results"].as_array().unwrap();
    let broken: Vec<&Value> = results
        .iter()
        .filter(|r| r["properties"]["intent"] == "billing-stays-inside")
        .collect();
    assert_eq!(broken.len(), 1, "{results:?}");
    let r = broken[0];
    assert_eq!(r["ruleId"], "L7.nat-path");
    assert_eq!(r["level"], "error");
    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "shop-open.yaml");
    // NatA is defined at line 55 of shop-open.yaml; its definition starts on the next line.
    assert_eq!(loc["region"]["startLine"], 56);
    assert_eq!(loc["region"]["startColumn"], 5);
    assert_eq!(r["locations"][0]["logicalLocations"][0]["name"], "NatA");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let rule = &rules[r["ruleIndex"].as_u64().unwrap() as usize];
    assert_eq!(rule["id"], "L7.nat-path");
    assert!(
        rule["helpUri"]
            .as_str()
            .unwrap()
            .starts_with("https://docs.aws.amazon.com/"),
        "{rule}"
    );
    assert!(
        !rule["help"]["text"].as_str().unwrap().contains('{'),
        "no placeholder left: {rule}"
    );
    // Findings are results too, at their component's line: G5 names the subnets sending
    // traffic across AZs.
    assert!(results.iter().any(|r| r["ruleId"] == "G5.nat-cross-az"), "{results:?}");
    // Each rule once.
    let mut ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n);
}

#[test]
fn sarif_without_intents_reports_findings_and_exposure_of_designs() {
    let o = vpcplay(&[
        "check",
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../designs/starter.json"),
        "--format",
        "sarif",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let log = json(&o);
    assert_valid_sarif(&log);
    for r in log["runs"][0]["results"].as_array().unwrap() {
        // A design has no line per component: the file, at its start.
        assert_eq!(r["locations"][0]["physicalLocation"]["region"]["startLine"], 1);
    }
}

#[test]
fn junit_has_a_test_case_per_intent_read_by_an_xml_parser() {
    let o = vpcplay_here(&[
        "check",
        "shop-open.yaml",
        "--intents",
        "intents.yaml",
        "--format",
        "junit",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let xml = stdout(&o);
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("not XML ({e}):\n{xml}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(root.attribute("tests"), Some("5"));
    assert_eq!(root.attribute("failures"), Some("1"));
    let cases: Vec<roxmltree::Node> = root.descendants().filter(|n| n.has_tag_name("testcase")).collect();
    assert_eq!(cases.len(), 5);
    let failed: Vec<&roxmltree::Node> = cases
        .iter()
        .filter(|c| c.children().any(|n| n.has_tag_name("failure")))
        .collect();
    assert_eq!(failed.len(), 1);
    assert!(failed[0]
        .attribute("name")
        .unwrap()
        .starts_with("billing-stays-inside: "));
    let failure = failed[0].children().find(|n| n.has_tag_name("failure")).unwrap();
    assert_eq!(failure.attribute("type"), Some("error"));
    let message = failure.attribute("message").unwrap();
    assert!(
        message.contains("BillingFn → internet: reachable, through NatA"),
        "{message}"
    );
    assert!(failure.text().unwrap().contains("L7.nat-path"));

    let o = vpcplay(&["check", &file("shop.yaml"), "--format", "junit"]);
    assert_eq!(o.status.code(), Some(2), "junit needs intents");
}

#[test]
fn markdown_reports_match_their_goldens() {
    let o = vpcplay_here(&[
        "check",
        "shop-open.yaml",
        "--intents",
        "intents.yaml",
        "--format",
        "markdown",
    ]);
    assert_eq!(o.status.code(), Some(1));
    golden("shop-open.check.md", &stdout(&o));
    let o = vpcplay_here(&["diff", "shop.yaml", "shop-partial.yaml", "--format", "markdown"]);
    assert_eq!(o.status.code(), Some(0));
    golden("shop-partial.diff.md", &stdout(&o));
}

#[test]
fn diff_words_each_kind_of_change() {
    let o = vpcplay_here(&["diff", "shop.yaml", "shop-open.yaml"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains("+ this change gave BillingFn a path to the internet through NatA"),
        "{out}"
    );
    assert!(
        out.contains("+ this change gave BillingFn a path to Amazon S3 through NatA"),
        "{out}"
    );
    assert!(!out.contains("Paths closed"), "{out}");

    let out = stdout(&vpcplay_here(&["diff", "shop.yaml", "shop-closed.yaml"]));
    assert!(
        out.contains("- this change closed OrdersFn's path to the internet: it now stops at PrivateRt"),
        "{out}"
    );
    assert!(out.contains("L5.no-internet-route"), "{out}");
    assert!(!out.contains("Paths opened"), "{out}");

    let out = stdout(&vpcplay_here(&["diff", "shop.yaml", "shop-partial.yaml"]));
    assert!(
        out.contains("◐ this change left OrdersFn a path to the internet from some of its subnets only: from PrivateB it stops at IsolatedRt"),
        "{out}"
    );

    let out = stdout(&vpcplay_here(&["diff", "shop.yaml", "shop-reordered.yaml"]));
    assert!(out.contains("No change"), "{out}");

    // Back again: what opened now closes.
    let out = stdout(&vpcplay_here(&["diff", "shop-open.yaml", "shop.yaml"]));
    assert!(
        out.contains("- this change closed BillingFn's path to the internet: it now stops at IsolatedRt"),
        "{out}"
    );
}

#[test]
fn diff_json_lists_changes_with_before_and_after() {
    let v = json(&vpcplay_here(&["diff", "shop.yaml", "shop-open.yaml", "--json"]));
    assert_eq!(v["old"], "shop.yaml");
    assert_eq!(v["new"], "shop-open.yaml");
    let opened = v["opened"].as_array().unwrap();
    let internet = opened
        .iter()
        .find(|p| p["from"] == "BillingFn" && p["to"] == "internet")
        .unwrap();
    assert_eq!(internet["before"], "unreachable");
    assert_eq!(internet["after"], "reachable");
    assert_eq!(internet["through"], "NatA");
    assert!(internet["explanations"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e == "L7.nat-path"));
    assert!(v["closed"].as_array().unwrap().is_empty() && v["partial"].as_array().unwrap().is_empty());

    let v = json(&vpcplay_here(&["diff", "shop.yaml", "shop-closed.yaml", "--json"]));
    let closed = v["closed"].as_array().unwrap();
    let internet = closed
        .iter()
        .find(|p| p["from"] == "OrdersFn" && p["to"] == "internet")
        .unwrap();
    assert_eq!(
        (internet["before"].as_str(), internet["after"].as_str()),
        (Some("reachable"), Some("unreachable"))
    );
    assert_eq!(internet["blocked_by"], "PrivateRt");
    // The NAT gateway no longer carries traffic from another AZ: G5 is fixed.
    assert!(v["findings_fixed"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["id"] == "G5.nat-cross-az"));

    let v = json(&vpcplay_here(&["diff", "shop.yaml", "shop-partial.yaml", "--json"]));
    let partial = v["partial"].as_array().unwrap();
    let internet = partial
        .iter()
        .find(|p| p["from"] == "OrdersFn" && p["to"] == "internet")
        .unwrap();
    assert_eq!(
        (internet["before"].as_str(), internet["after"].as_str()),
        (Some("reachable"), Some("partial"))
    );
    assert_eq!(internet["blocked_by"], "IsolatedRt");
}

#[test]
fn fail_on_exits_1_only_for_its_kind_of_change() {
    // (new file, --fail-on, exit)
    let cases = [
        ("shop-open.yaml", "opened", 1),
        ("shop-open.yaml", "closed", 0),
        ("shop-open.yaml", "any", 1),
        ("shop-closed.yaml", "opened", 0),
        ("shop-closed.yaml", "closed", 1),
        // Reachable → partial narrows a path: a closing.
        ("shop-partial.yaml", "opened", 0),
        ("shop-partial.yaml", "closed", 1),
        ("shop-reordered.yaml", "any", 0),
    ];
    for (new, fail_on, code) in cases {
        let o = vpcplay_here(&["diff", "shop.yaml", new, "--fail-on", fail_on]);
        assert_eq!(o.status.code(), Some(code), "{new} --fail-on {fail_on}: {}", stderr(&o));
        if code == 1 {
            assert!(stderr(&o).contains("--fail-on"), "{}", stderr(&o));
        }
    }
    let o = vpcplay_here(&["diff", "shop.yaml", "missing.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("missing.yaml"));
}

#[test]
fn diff_reads_one_side_from_standard_input() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_vpcplay"))
        .args(["diff", "-", "shop-open.yaml", "--fail-on", "opened"])
        .current_dir(dir())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(std::fs::read_to_string(dir().join("shop.yaml")).unwrap().as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("this change gave BillingFn a path to the internet through NatA"));
}

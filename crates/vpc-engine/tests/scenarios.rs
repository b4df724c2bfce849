//! Golden scenarios: one design per claim of the source article and per rule family of
//! `shared/domain/aws-rules.md`.
//!
//! Each scenario is `tests/scenarios/<name>.json`, a design in the export format with an
//! extra top-level `"expect"` array (the loader ignores keys outside `"document"`), and a
//! checked-in `<name>.expected`: a readable rendering of the whole analysis in the engine's
//! own terms (verdicts, hops, explanation ids with their arguments, diagnostics, findings),
//! independent of the catalogue's wording.
//!
//! [`check`] does three things:
//! 1. asserts every hand-written expectation (written from the rules, not from the engine's
//!    output; see [`Expectation`] for the forms);
//! 2. compares the rendering with `<name>.expected`; run with `UPDATE_EXPECT=1` to rewrite
//!    the files, then review the diff;
//! 3. for designs without errors, checks that shuffling the order of components, routes and
//!    rules changes no verdict (verdicts must not depend on document order).
//!
//! It also fails if any message lacks a catalogue entry or, rendered in English or Chinese,
//! keeps an unfilled `{placeholder}`.

use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use vpc_engine::explain::{ExplanationId, Lang, Message, CATALOGUE};
use vpc_engine::model::{load, Document};
use vpc_engine::reach::{Reach, Verdict};
use vpc_engine::validate::Severity;
use vpc_engine::{analyze, Analysis};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios")
}

/// Runs one scenario; panics with every failed expectation and a readable diff.
fn check(name: &str) {
    let path = dir().join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let raw: Value = serde_json::from_str(&text).unwrap();
    // The design without the test's own `expect` member, which the design format does not have.
    let mut design = raw.clone();
    design.as_object_mut().unwrap().remove("expect");
    let doc = load(&design.to_string()).unwrap_or_else(|e| panic!("{name}.json does not load: {e}"));
    let analysis = analyze(&doc);

    let mut failures = Vec::new();
    let expectations = raw["expect"]
        .as_array()
        .unwrap_or_else(|| panic!("{name}.json has no \"expect\" array"));
    assert!(!expectations.is_empty(), "{name}.json expects nothing");
    for e in expectations {
        if let Err(why) = expectation(e, &analysis) {
            failures.push(format!("expectation {e}\n    {why}"));
        }
    }
    failures.extend(unfilled_placeholders(&analysis));
    if !analysis.diagnostics.iter().any(|d| d.severity == Severity::Error) {
        failures.extend(order_independence(&doc, &analysis));
    }

    let actual = render(&doc, &analysis);
    let expected_path = dir().join(format!("{name}.expected"));
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        if expected != actual {
            std::fs::write(&expected_path, &actual).unwrap();
        }
    } else if expected != actual {
        failures.push(format!(
            "{name}.expected differs from the analysis (rerun with UPDATE_EXPECT=1 and review the diff):\n{}",
            diff(&expected, &actual)
        ));
    }
    if !failures.is_empty() {
        panic!(
            "scenario {name}: {} problem(s)\n\n{}",
            failures.len(),
            failures.join("\n\n")
        );
    }
}

// ---------------------------------------------------------------------------------------
// Expectations

/// One hand-written expectation. The forms:
///
/// * a verdict: `{"from": F, "to": T}` plus any of `"port": N`,
///   `"verdict": "reachable"|"unreachable"|"partial"`, `"blocked_by": ID|null`,
///   `"explanations_include": [codes]` (in the verdict's deciding ids),
///   `"mentions": [codes]` (anywhere in the verdict: its ids, message, hops and traces),
///   `"path_includes": [ids]` (components on the representative path),
///   `"path_excludes": [ids]`,
///   `"subnets": {"subnet-id": "reachable"|"unreachable"}` (the per-subnet traces);
/// * `{"no_verdict": {"from": F, "to": T}}` (optional `"port"`): no such verdict exists;
/// * `{"diagnostic": CODE}` plus optional `"component": ID`, `"severity": S`;
/// * `{"finding": CODE}` plus optional `"components_include": [ids]`, `"severity": S`;
/// * `{"mentions": CODE}`: the code appears somewhere in the analysis;
/// * `{"absent": CODE}`: the code appears nowhere in the analysis;
/// * `{"no_errors": true}`: validation reports no error;
/// * `{"no_diagnostics_for": ID}`: validation says nothing about that component.
type Expectation = Value;

fn expectation(e: &Expectation, a: &Analysis) -> Result<(), String> {
    let obj = e.as_object().ok_or("not an object")?;
    let str_list = |key: &str| -> Vec<String> {
        obj.get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect()
    };
    if let Some(code) = obj.get("diagnostic").and_then(Value::as_str) {
        let id = known(code)?;
        let hit = a.diagnostics.iter().find(|d| {
            d.message.id == id
                && obj
                    .get("component")
                    .is_none_or(|c| d.component.as_ref().is_some_and(|dc| c == dc.as_str()))
                && obj.get("severity").is_none_or(|s| s == severity(d.severity))
        });
        return hit.map(|_| ()).ok_or_else(|| {
            format!(
                "no such diagnostic; diagnostics are:\n{}",
                list(a.diagnostics.iter().map(|d| {
                    format!(
                        "{} {} {:?}",
                        severity(d.severity),
                        d.message.id,
                        d.component.as_ref().map(|c| c.as_str())
                    )
                }))
            )
        });
    }
    if let Some(code) = obj.get("finding").and_then(Value::as_str) {
        let id = known(code)?;
        let want = str_list("components_include");
        let hit = a.findings.iter().find(|f| {
            f.id == id
                && want.iter().all(|w| f.components.iter().any(|c| c.as_str() == w))
                && obj.get("severity").is_none_or(|s| s == severity(f.severity))
        });
        return hit.map(|_| ()).ok_or_else(|| {
            format!(
                "no such finding; findings are:\n{}",
                list(a.findings.iter().map(|f| {
                    let comps: Vec<&str> = f.components.iter().map(|c| c.as_str()).collect();
                    format!("{} {} [{}]", severity(f.severity), f.id, comps.join(", "))
                }))
            )
        });
    }
    if let Some(code) = obj.get("mentions").and_then(Value::as_str) {
        let id = known(code)?;
        return if ids_in_analysis(a).contains(&id) {
            Ok(())
        } else {
            Err(format!("{code} appears nowhere"))
        };
    }
    if let Some(code) = obj.get("absent").and_then(Value::as_str) {
        let id = known(code)?;
        return if ids_in_analysis(a).contains(&id) {
            Err(format!("{code} appears but should not"))
        } else {
            Ok(())
        };
    }
    if let Some(id) = obj.get("no_diagnostics_for").and_then(Value::as_str) {
        let about: Vec<String> = a
            .diagnostics
            .iter()
            .filter(|d| d.component.as_ref().is_some_and(|c| c.as_str() == id))
            .map(|d| format!("{} {}", severity(d.severity), d.message.id))
            .collect();
        return if about.is_empty() {
            Ok(())
        } else {
            Err(format!("diagnostics about {id}:\n{}", list(about.into_iter())))
        };
    }
    if obj.get("no_errors").is_some() {
        let errors: Vec<String> = a
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| format!("{} {:?}", d.message.id, d.component.as_ref().map(|c| c.as_str())))
            .collect();
        return if errors.is_empty() {
            Ok(())
        } else {
            Err(format!("errors:\n{}", list(errors.into_iter())))
        };
    }
    if let Some(q) = obj.get("no_verdict") {
        let (from, to) = (q["from"].as_str().unwrap_or(""), q["to"].as_str().unwrap_or(""));
        return match find_verdict(a, from, to, q["port"].as_u64()) {
            None => Ok(()),
            Some(v) => Err(format!("found {} {} → {}", v.reach.key(), from, to)),
        };
    }

    let from = obj.get("from").and_then(Value::as_str).ok_or("needs \"from\"")?;
    let to = obj.get("to").and_then(Value::as_str).ok_or("needs \"to\"")?;
    let port = obj.get("port").and_then(Value::as_u64);
    let v = find_verdict(a, from, to, port).ok_or_else(|| {
        let have: Vec<String> = a
            .verdicts
            .iter()
            .map(|v| format!("{} → {}:{}", v.from.key(), v.to.key(), v.port))
            .collect();
        format!("no verdict {from} → {to}; verdicts are:\n{}", list(have.into_iter()))
    })?;
    let mut why = Vec::new();
    if let Some(want) = obj.get("verdict").and_then(Value::as_str) {
        if v.reach.key() != want {
            why.push(format!("verdict is {}, expected {want}", v.reach.key()));
        }
    }
    if let Some(want) = obj.get("blocked_by") {
        let got = v.blocked_by.as_ref().map(|b| b.as_str());
        if want.as_str() != got {
            why.push(format!("blocked_by is {got:?}, expected {want}"));
        }
    }
    let deciding: BTreeSet<ExplanationId> = v.explanations.iter().copied().collect();
    for code in str_list("explanations_include") {
        if !deciding.contains(&known(&code)?) {
            why.push(format!(
                "explanations {:?} lack {code}",
                v.explanations.iter().map(|e| e.code()).collect::<Vec<_>>()
            ));
        }
    }
    let all = ids_in_verdict(&v);
    for code in str_list("mentions") {
        if !all.contains(&known(&code)?) {
            why.push(format!(
                "{code} appears nowhere in the verdict (it has {:?})",
                all.iter().map(|e| e.code()).collect::<Vec<_>>()
            ));
        }
    }
    let on_path: Vec<&str> = v.path.iter().map(|h| h.component.as_str()).collect();
    for c in str_list("path_includes") {
        if !on_path.contains(&c.as_str()) {
            why.push(format!("path {on_path:?} lacks {c}"));
        }
    }
    for c in str_list("path_excludes") {
        if on_path.contains(&c.as_str()) {
            why.push(format!("path {on_path:?} goes through {c}"));
        }
    }
    if let Some(subnets) = obj.get("subnets").and_then(Value::as_object) {
        for (subnet, want) in subnets {
            match v
                .traces
                .iter()
                .find(|t| t.subnet.as_ref().is_some_and(|s| s.as_str() == subnet))
            {
                None => why.push(format!("no trace from subnet {subnet}")),
                Some(t) => {
                    let got = if t.disposition.is_success() {
                        "reachable"
                    } else {
                        "unreachable"
                    };
                    if want != got {
                        why.push(format!("from {subnet}: {got}, expected {want}"));
                    }
                }
            }
        }
    }
    if why.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}\n    actual:\n{}",
            why.join("\n    "),
            indent(&render_verdict(&v), 6)
        ))
    }
}

fn known(code: &str) -> Result<ExplanationId, String> {
    ExplanationId::from_code(code).ok_or_else(|| format!("{code} is not an explanation id"))
}

fn find_verdict<'a>(a: &'a Analysis, from: &str, to: &str, port: Option<u64>) -> Option<std::borrow::Cow<'a, Verdict>> {
    let found = a
        .verdicts
        .iter()
        .find(|v| v.from.key() == from && v.to.key() == to && port.is_none_or(|p| u64::from(v.port) == p));
    if let Some(v) = found {
        return Some(std::borrow::Cow::Borrowed(v));
    }
    let to = vpc_engine::reach::Destination::Component(to.into());
    a.answer(from, &to, port.and_then(|p| u16::try_from(p).ok()))
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn list(items: impl Iterator<Item = String>) -> String {
    let lines: Vec<String> = items.map(|s| format!("      {s}")).collect();
    if lines.is_empty() {
        "      (none)".into()
    } else {
        lines.join("\n")
    }
}

fn indent(s: &str, n: usize) -> String {
    s.lines().map(|l| format!("{:n$}{l}\n", "")).collect()
}

fn ids_in_verdict(v: &Verdict) -> BTreeSet<ExplanationId> {
    let mut ids: BTreeSet<ExplanationId> = v.explanations.iter().copied().collect();
    ids.insert(v.message.id);
    ids.extend(v.path.iter().map(|h| h.because.id));
    for t in &v.traces {
        ids.extend(t.explanations.iter().copied());
        ids.extend(t.hops.iter().map(|h| h.because.id));
    }
    ids
}

fn ids_in_analysis(a: &Analysis) -> BTreeSet<ExplanationId> {
    let mut ids: BTreeSet<ExplanationId> = a.verdicts.iter().flat_map(ids_in_verdict).collect();
    ids.extend(a.verdicts.iter().filter_map(|v| v.range_note()).map(|m| m.id));
    ids.extend(a.unconnected.iter().map(|g| g.message.id));
    ids.extend(a.diagnostics.iter().map(|d| d.message.id));
    ids.extend(a.findings.iter().flat_map(|f| [f.id, f.message.id]));
    ids
}

// ---------------------------------------------------------------------------------------
// Whole-analysis checks

/// Every message of the analysis, in both languages, must have all its placeholders filled.
fn unfilled_placeholders(a: &Analysis) -> Vec<String> {
    let mut messages: Vec<&Message> = Vec::new();
    let notes: Vec<Message> = a.verdicts.iter().filter_map(|v| v.range_note()).collect();
    messages.extend(notes.iter());
    messages.extend(a.unconnected.iter().map(|g| &g.message));
    for v in &a.verdicts {
        messages.push(&v.message);
        messages.extend(v.path.iter().map(|h| &h.because));
        messages.extend(v.traces.iter().flat_map(|t| t.hops.iter().map(|h| &h.because)));
    }
    messages.extend(a.diagnostics.iter().map(|d| &d.message));
    messages.extend(a.findings.iter().map(|f| &f.message));
    let mut problems = BTreeSet::new();
    for m in messages {
        if !CATALOGUE.iter().any(|e| e.id == m.id) {
            problems.insert(format!("{} has no catalogue entry, so it cannot be rendered", m.id));
            continue;
        }
        // Rendering words a missing argument ("the subnet"), so ask the message itself.
        for name in m.missing_args() {
            problems.insert(format!("{} leaves {{{name}}} unfilled: {}", m.id, m.render(Lang::En)));
        }
        for lang in [Lang::En, Lang::Zh] {
            let text = m.render(lang);
            if let Some(name) = placeholder(&text) {
                problems.insert(format!("{} ({}) leaves {{{name}}} unfilled: {text}", m.id, lang.code()));
            }
        }
    }
    problems.into_iter().collect()
}

/// The first `{name}` left in a rendered text, if any.
fn placeholder(text: &str) -> Option<&str> {
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let end = after.find('}')?;
        let name = &after[..end];
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            return Some(name);
        }
        rest = after;
    }
    None
}

/// The same design with every list reversed must give the same verdicts, and the same
/// diagnostics and findings up to order. Diagnostics are compared by id and component only:
/// their field paths (`routes[2].target`) rightly name positions, which reversing changes.
fn order_independence(doc: &Document, a: &Analysis) -> Vec<String> {
    let mut shuffled = doc.clone();
    shuffled.vpcs.reverse();
    shuffled.subnets.reverse();
    shuffled.route_tables.reverse();
    for rt in &mut shuffled.route_tables {
        rt.routes.reverse();
    }
    shuffled.internet_gateways.reverse();
    shuffled.egress_only_gateways.reverse();
    shuffled.nat_gateways.reverse();
    shuffled.peering_connections.reverse();
    shuffled.endpoints.reverse();
    shuffled.security_groups.reverse();
    for sg in &mut shuffled.security_groups {
        sg.inbound.reverse();
        sg.outbound.reverse();
    }
    shuffled.network_acls.reverse();
    for nacl in &mut shuffled.network_acls {
        nacl.inbound.reverse();
        nacl.outbound.reverse();
    }
    shuffled.functions.reverse();
    shuffled.databases.reverse();
    shuffled.instances.reverse();
    shuffled.services.reverse();
    let b = analyze(&shuffled);
    let mut problems = Vec::new();
    if a.verdicts != b.verdicts {
        problems.push(format!(
            "verdicts depend on document order:\n{}",
            diff(&render_verdicts(&a.verdicts), &render_verdicts(&b.verdicts))
        ));
    }
    let sorted = |items: Vec<String>| items.into_iter().collect::<BTreeSet<_>>();
    let compare = |what: &str, a: BTreeSet<String>, b: BTreeSet<String>, problems: &mut Vec<String>| {
        if a != b {
            let only_a: Vec<String> = a.difference(&b).cloned().collect();
            let only_b: Vec<String> = b.difference(&a).cloned().collect();
            problems.push(format!(
                "{what} depend on document order:\n    as written:\n{}\n    reversed:\n{}",
                list(only_a.into_iter()),
                list(only_b.into_iter())
            ));
        }
    };
    compare(
        "diagnostics",
        sorted(a.diagnostics.iter().map(diagnostic_key).collect()),
        sorted(b.diagnostics.iter().map(diagnostic_key).collect()),
        &mut problems,
    );
    compare(
        "findings",
        sorted(
            a.findings
                .iter()
                .map(|f| format!("{} {:?} {:?}", f.id, f.components, f.message.args))
                .collect(),
        ),
        sorted(
            b.findings
                .iter()
                .map(|f| format!("{} {:?} {:?}", f.id, f.components, f.message.args))
                .collect(),
        ),
        &mut problems,
    );
    problems
}

fn diagnostic_key(d: &vpc_engine::validate::Diagnostic) -> String {
    format!(
        "{} {}",
        d.message.id,
        d.component.as_ref().map(|c| c.as_str()).unwrap_or("-")
    )
}

// ---------------------------------------------------------------------------------------
// Rendering

fn render(doc: &Document, a: &Analysis) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", doc.name);
    let _ = writeln!(out, "verdicts: {}", a.verdicts.len());
    out.push_str(&render_verdicts(&a.verdicts));
    if !a.unconnected.is_empty() {
        let _ = writeln!(out, "\nunconnected: {}", a.unconnected.len());
    }
    for g in &a.unconnected {
        let fs: Vec<&str> = g.functions.iter().map(|(f, _)| f.as_str()).collect();
        let ts: Vec<String> = g.targets.iter().map(|(t, p, _)| format!("{t}:{p}")).collect();
        let _ = writeln!(
            out,
            "  {} → {}: [{}] → [{}]",
            g.vpc,
            g.other_vpc,
            fs.join(", "),
            ts.join(", ")
        );
        let _ = writeln!(out, "    message: {}", message(&g.message));
    }
    let _ = writeln!(out, "\ndiagnostics: {}", a.diagnostics.len());
    for d in &a.diagnostics {
        let at = match (&d.component, &d.field) {
            (Some(c), Some(f)) => format!(" at {c}.{f}"),
            (Some(c), None) => format!(" at {c}"),
            (None, Some(f)) => format!(" at .{f}"),
            (None, None) => String::new(),
        };
        let _ = writeln!(out, "  {} {}{at}", severity(d.severity), message(&d.message));
    }
    let _ = writeln!(out, "\nfindings: {}", a.findings.len());
    for f in &a.findings {
        let comps: Vec<&str> = f.components.iter().map(|c| c.as_str()).collect();
        let _ = writeln!(out, "  {} {} [{}]", severity(f.severity), f.id, comps.join(", "));
        let _ = writeln!(out, "    {}", message(&f.message));
    }
    out
}

fn render_verdicts(verdicts: &[Verdict]) -> String {
    verdicts.iter().map(|v| indent(&render_verdict(v), 2)).collect()
}

fn render_verdict(v: &Verdict) -> String {
    let mut out = String::new();
    let blocked = v
        .blocked_by
        .as_ref()
        .map(|b| format!(", blocked by {b}"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{} → {}:{}  {}{blocked}",
        v.from.key(),
        v.to.key(),
        v.port,
        v.reach.key()
    );
    let codes: Vec<&str> = v.explanations.iter().map(|e| e.code()).collect();
    let _ = writeln!(out, "  because: {}", codes.join(", "));
    let _ = writeln!(out, "  message: {}", message(&v.message));
    if let Some(note) = v.range_note() {
        let _ = writeln!(out, "  range: {}", message(&note));
    }
    for (i, h) in v.path.iter().enumerate() {
        let mark = if h.allowed { '✓' } else { '✗' };
        let _ = writeln!(
            out,
            "  {}. {mark} {} [{}] {}",
            i + 1,
            h.component,
            h.kind.key(),
            message(&h.because)
        );
    }
    if v.traces.len() > 1 || v.reach == Reach::Partial {
        for t in &v.traces {
            let subnet = t.subnet.as_ref().map(|s| s.as_str()).unwrap_or("-");
            let az = t.az.as_deref().unwrap_or("-");
            let blocked = t
                .blocked_by
                .as_ref()
                .map(|b| format!(", blocked by {b}"))
                .unwrap_or_default();
            let codes: Vec<&str> = t.explanations.iter().map(|e| e.code()).collect();
            let _ = writeln!(
                out,
                "  from {subnet} ({az}): {}{blocked} [{}]",
                disposition(t.disposition),
                codes.join(", ")
            );
        }
    }
    out
}

fn disposition(d: vpc_engine::reach::Disposition) -> String {
    serde_json::to_value(d)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| format!("{d:?}"))
}

/// `CODE {name: value, …}`: the language-independent form of a message.
fn message(m: &Message) -> String {
    if m.args.is_empty() {
        return m.id.code().to_owned();
    }
    let args: Vec<String> = m.args.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    format!("{} {{{}}}", m.id, args.join(", "))
}

/// A line diff (longest common subsequence), `-` expected, `+` actual, with context.
fn diff(expected: &str, actual: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut ops = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push((' ', a[i]));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            ops.push(('+', b[j]));
            j += 1;
        } else {
            ops.push(('-', a[i]));
            i += 1;
        }
    }
    let changed: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, (k, _))| *k != ' ')
        .map(|(i, _)| i)
        .collect();
    let mut out = String::new();
    let mut last_shown = None;
    for (idx, (kind, line)) in ops.iter().enumerate() {
        let near = changed.iter().any(|&c| c.abs_diff(idx) <= 2);
        if !near {
            continue;
        }
        if last_shown.is_some_and(|l: usize| idx > l + 1) {
            out.push_str("   …\n");
        }
        let _ = writeln!(out, " {kind} {line}");
        last_shown = Some(idx);
    }
    out
}

// ---------------------------------------------------------------------------------------
// The scenarios

macro_rules! scenarios {
    ($($name:ident),* $(,)?) => {
        $( #[test] fn $name() { check(stringify!($name)); } )*
        const SCENARIOS: &[&str] = &[$(stringify!($name)),*];
    };
}

scenarios! {
    // The source article's claims.
    lambda_outside_vpc_reaches_internet_and_aws_apis,
    lambda_outside_vpc_cannot_reach_private_database,
    lambda_outside_vpc_reaches_publicly_accessible_database,
    lambda_in_public_subnet_has_no_internet,
    lambda_in_private_subnet_with_nat_reaches_internet,
    database_only_function_works_in_either_subnet_kind,
    aws_apis_need_nat_or_an_endpoint,
    self_referencing_security_group_lets_lambda_reach_rds,
    lambda_needs_no_inbound_rules,
    // §1 Lambda placement.
    lambda_in_private_subnet_without_nat_has_no_internet,
    ipv6_through_egress_only_gateway,
    lambda_cannot_use_dedicated_tenancy_vpc,
    lambda_vpc_config_limits,
    // §2 Route tables.
    subnet_without_association_uses_main_route_table,
    longest_prefix_route_to_nat_beats_default_route_to_igw,
    blackhole_route_drops_traffic_without_falling_through,
    gateway_endpoint_route_beats_default_route,
    // §3 Gateways.
    internet_gateway_not_attached_gives_no_internet,
    nat_gateway_in_private_subnet_gives_no_internet,
    nat_gateway_without_elastic_ip_gives_no_internet,
    private_nat_gateway_gives_no_internet,
    one_nat_gateway_serving_two_azs_is_flagged,
    // §4 Endpoints.
    gateway_endpoint_not_associated_with_route_table_is_bypassed,
    gateway_endpoint_traffic_still_needs_security_group_and_nacl,
    interface_endpoint_gives_private_access_to_aws_apis,
    interface_endpoint_with_private_dns_off_is_bypassed,
    interface_endpoint_needs_vpc_dns_attributes,
    interface_endpoint_security_group_must_allow_https,
    endpoint_policy_denies_what_the_network_allows,
    // §5 Security groups.
    security_group_without_outbound_rules_blocks_everything,
    database_security_group_must_allow_the_function,
    security_group_reference_matches_private_addresses_only,
    // §6 Network ACLs.
    nacl_rules_apply_in_number_order,
    custom_nacl_without_rules_denies_everything,
    nacl_must_allow_ephemeral_return_ports,
    nacl_does_not_filter_traffic_within_a_subnet,
    // §7–§10 DNS, requirements, targets and services.
    dns_support_off_breaks_aws_api_names,
    function_in_a_single_az_is_flagged,
    tiny_subnet_runs_out_of_addresses_for_lambda_enis,
    database_subnet_group_and_public_access,
    database_in_another_vpc_needs_a_peering_route,
    route_to_an_appliance_is_not_followed,
    ec2_instance_needs_public_ip_and_public_subnet,
    service_endpoint_special_cases,
    data_stores_are_reached_on_their_ports,
    rds_proxy_reaches_its_database_with_its_own_groups,
    interface_endpoint_answers_with_every_interface,
    // Design validation.
    validation_reports_cidr_and_subnet_problems,
    validation_reports_reference_and_route_problems,
    validation_reports_endpoint_peering_and_database_problems,
    validation_reports_data_store_problems,
    misspelled_fields_are_reported_and_the_rest_is_read,
    two_peerings_between_the_same_vpcs,
    a_vpc_of_every_address_claims_the_internet,
}

#[test]
fn every_scenario_file_is_listed() {
    let mut files: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json") || n.ends_with(".expected"))
        .collect();
    files.sort();
    for f in &files {
        let stem = f.rsplit_once('.').unwrap().0;
        assert!(SCENARIOS.contains(&stem), "{f} is not listed in scenarios! {{ … }}");
    }
    for s in SCENARIOS {
        assert!(files.contains(&format!("{s}.json")), "{s}.json is missing");
    }
}

/// Every explanation id must be produced by some scenario (and so be tested end to end).
#[test]
fn every_explanation_id_appears_in_some_expected_file() {
    let mut seen = BTreeSet::new();
    for name in SCENARIOS {
        let text = std::fs::read_to_string(dir().join(format!("{name}.expected"))).unwrap_or_default();
        for token in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-')) {
            if let Some(id) = ExplanationId::from_code(token.trim_end_matches('.')) {
                seen.insert(id);
            }
        }
    }
    let missing: Vec<&str> = ExplanationId::ALL
        .iter()
        .filter(|id| !seen.contains(id))
        .map(|id| id.code())
        .collect();
    assert!(
        missing.is_empty(),
        "{} explanation id(s) never produced by a scenario:\n  {}",
        missing.len(),
        missing.join("\n  ")
    );
}

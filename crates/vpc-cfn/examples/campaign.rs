//! The fuzz campaign in release mode, with figures.
//!
//! `cargo run --release -p vpc-cfn --example campaign -- [CASES] [SEED]` (default 3000 cases,
//! seed 17) runs the campaign of `tests/fuzz.rs` with inputs up to the limits (40,000 anchors,
//! string bombs of 100 KB × 10,000 aliases, mutants up to 8 MB), reading each as
//! `vpcplay check` does (the release profile is the one the CLI and the web app ship). It
//! prints the slowest cases and writes the slowest input to
//! `target/campaign-slowest.txt`, then the time to read a 1 MB and an 8 MB input. Times are
//! CPU time where Linux gives it (the development machine is shared, so wall time also counts
//! other programs), with the wall time beside. Exits 1 when any case took 1 second or more.

#[path = "../tests/campaign/mod.rs"]
mod campaign;
#[allow(dead_code)]
#[path = "timing.rs"]
mod timing;

use campaign::{read, Outcome, RELEASE_SCALE};
use std::time::{Duration, Instant};
use vpc_engine::generate::{generate, Shape};

/// The median CPU time of `runs` calls (wall time where the system gives no CPU time).
fn median(mut f: impl FnMut(), runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let c = campaign::cpu_time();
            f();
            match (campaign::cpu_time(), c) {
                (Some(after), Some(before)) => after.saturating_sub(before),
                _ => t.elapsed(),
            }
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn outcome(o: &Outcome) -> String {
    match o {
        Outcome::Read { components, verdicts } => format!("read: {components} components, {verdicts} verdicts"),
        Outcome::Lesson { goals } => format!("lesson of {goals} goals"),
        Outcome::Refused(m) => format!("refused: {}", m.chars().take(100).collect::<String>()),
    }
}

/// A design of `bytes` bytes that loads: 9,900 generated components (just under the 10,000
/// limit) with every name padded to the 255 characters validation accepts silently, a
/// position for each, and the rest whitespace between members (still text to read).
fn design_of(bytes: usize) -> String {
    let components = if bytes > 2 * 1024 * 1024 { 9_900 } else { 1_400 };
    let doc = generate(&Shape::for_components(components, 7));
    let mut tree: serde_json::Value = serde_json::from_str(&doc.to_export_json()).unwrap();
    let body = tree["document"].as_object_mut().unwrap();
    let mut ids = Vec::new();
    for (_, list) in body.iter_mut() {
        for item in list.as_array_mut().into_iter().flatten() {
            if let Some(obj) = item.as_object_mut() {
                ids.extend(obj.get("id").and_then(|i| i.as_str()).map(str::to_owned));
                obj.insert("name".into(), "n".repeat(255).into());
            }
        }
    }
    let layout: serde_json::Map<String, serde_json::Value> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            (
                id.clone(),
                serde_json::json!({"x": i % 100 * 200, "y": i / 100 * 120, "w": 160, "h": 80}),
            )
        })
        .collect();
    body.insert("layout".into(), layout.into());
    let mut text = serde_json::to_string_pretty(&tree).unwrap();
    assert!(text.len() <= bytes, "{} KB of design already", text.len() / 1024);
    let pad = bytes - text.len();
    text.insert_str(1, &" ".repeat(pad));
    text
}

fn main() {
    let args: Vec<u64> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let cases = args.first().copied().unwrap_or(3000) as usize;
    let seed = args.get(1).copied().unwrap_or(17);
    let target = campaign::root().join("target");

    let started = Instant::now();
    let report = campaign::run(seed, cases, RELEASE_SCALE, &target);
    let total = started.elapsed();
    let refused = report.cases.iter().filter(|c| c.refused.is_some()).count();
    let mut by_time: Vec<&campaign::Case> = report.cases.iter().collect();
    by_time.sort_by_key(|c| std::cmp::Reverse(c.cpu.unwrap_or(c.took)));
    println!(
        "campaign: {cases} cases (seed {seed}) in {:.1} s, {refused} refused, none panicked",
        total.as_secs_f64()
    );
    println!("slowest (CPU time, and wall time on this machine):");
    for c in by_time.iter().take(5) {
        println!(
            "  {:>7.1} ms ({:>7.1} ms)  case {:>4}  {} KB  {} with {:?}: {}",
            c.cpu.unwrap_or(c.took).as_secs_f64() * 1000.0,
            c.took.as_secs_f64() * 1000.0,
            c.number,
            c.bytes / 1024,
            c.seed,
            c.mutations,
            c.refused.as_deref().map_or("read".to_owned(), |m| format!(
                "refused: {}",
                m.chars().take(70).collect::<String>()
            ))
        );
    }
    let slowest_file = target.join("campaign-slowest.txt");
    if std::fs::write(&slowest_file, &report.slowest_input).is_ok() {
        println!("  (its input is in {})", slowest_file.display());
    }

    println!("reading (median CPU time of 5):");
    let template = {
        // Generated blocks of 24 resources, as `examples/timing.rs` writes them, up to 1 MB.
        let mut blocks = 1;
        while timing::template(blocks + 1).len() <= vpc_cfn::MAX_TEMPLATE_BYTES {
            blocks += 1;
        }
        timing::template(blocks)
    };
    let design_1 = design_of(1024 * 1024);
    let design_8 = design_of(vpc_engine::model::MAX_INPUT_BYTES);
    let over_8 = format!("{design_8} ");
    let anchors = {
        // Issue 17's shape at 1 MB: anchors and aliases in mappings under the key limit.
        let mut s = String::from("Metadata:\n");
        let mut i = 0;
        while s.len() < 1000 * 1024 {
            if i % 10_000 == 0 {
                s.push_str(&format!("  Anchors{i}:\n"));
            }
            s.push_str(&format!("    a{i}: &a{i} v{i}\n    b{i}: *a{i}\n"));
            i += 1;
        }
        s.push_str("Resources:\n  Q: {Type: AWS::SQS::Queue}\n");
        s
    };
    let inputs: [(&str, &str); 5] = [
        ("1 MB template, generated resources", &template),
        ("1 MB template, issue 17's anchors and aliases", &anchors),
        ("1 MB design", &design_1),
        ("8 MB design", &design_8),
        ("8 MB + 1 byte, refused", &over_8),
    ];
    for (what, text) in inputs {
        let o = read(text.as_bytes());
        let t = median(|| drop(std::hint::black_box(read(text.as_bytes()))), 5);
        let parse_only = if vpc_cfn::looks_like_template(text) {
            median(|| drop(std::hint::black_box(vpc_cfn::import(text, &[]))), 5)
        } else {
            median(|| drop(std::hint::black_box(vpc_engine::model::load(text))), 5)
        };
        println!(
            "  {what} ({} KB): read {:.0} ms (of which import or load {:.0} ms, the rest analysis); {}",
            text.len() / 1024,
            t.as_secs_f64() * 1000.0,
            parse_only.as_secs_f64() * 1000.0,
            outcome(&o)
        );
    }
    if by_time
        .first()
        .is_some_and(|c| c.cpu.unwrap_or(c.took) >= Duration::from_secs(1))
    {
        eprintln!("a case took 1 s or more");
        std::process::exit(1);
    }
}

//! How long `analyze` takes on generated designs. See `README.md` beside this file.
//!
//! Two groups:
//! * `analyze/components`: designs of about 30, 300, 3,000 and 30,000 components in the
//!   proportions of `Shape::for_components` (about 60 components per VPC).
//! * `analyze/functions_fixed_combinations`: one VPC whose functions grow from 10 to 10,000
//!   while they keep sharing the same (subnet, security-group set) combinations.
//!
//! A case whose output would exceed a budget of verdicts (`VPC_BENCH_MAX_VERDICTS`, default
//! 1,000,000: functions × destinations) is skipped with a note rather than run into the
//! machine's memory; raise the budget to run it anyway.

use criterion::{criterion_group, criterion_main, BenchmarkGroup, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::time::{Duration, Instant};
use vpc_engine::analyze;
use vpc_engine::generate::{generate, Shape};
use vpc_engine::model::{AwsService, Document};

/// About the verdicts `analyze` must return: per function, the internet (and IPv6 where the
/// function allows it), every service and the databases and instances it could be connected
/// to (those of its own VPC when no peering connection links VPCs, else every one, an upper
/// bound); plus the internet towards each target.
fn expected_verdicts(doc: &Document) -> usize {
    let targets = doc.databases.len() + doc.instances.len();
    let reachable_targets = if doc.peering_connections.is_empty() && doc.vpcs.len() > 1 {
        targets.div_ceil(doc.vpcs.len())
    } else {
        targets
    };
    let per_function = 1 + AwsService::all().count() + reachable_targets;
    let ipv6 = doc
        .functions
        .iter()
        .filter(|f| f.vpc_config.as_ref().is_some_and(|c| c.ipv6_allowed_for_dual_stack))
        .count();
    doc.functions.len() * per_function + ipv6 + targets
}

fn budget() -> usize {
    std::env::var("VPC_BENCH_MAX_VERDICTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000)
}

/// Measures `analyze` on `doc` under `id`, sizing the run to what one call costs.
fn bench_case(
    group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>,
    id: BenchmarkId,
    label: &str,
    doc: &Document,
    elements: u64,
) {
    let estimate = expected_verdicts(doc);
    if estimate > budget() {
        eprintln!(
            "{label}: skipped, about {estimate} verdicts exceed the budget of {} (VPC_BENCH_MAX_VERDICTS)",
            budget()
        );
        return;
    }
    let start = Instant::now();
    let analysis = analyze(doc);
    let once = start.elapsed();
    eprintln!(
        "{label}: {} components, {} functions, {} verdicts, {} diagnostics, {} findings; one call {once:.2?}",
        doc.components().count(),
        doc.functions.len(),
        analysis.verdicts.len(),
        analysis.diagnostics.len(),
        analysis.findings.len()
    );
    drop(analysis);
    if once > Duration::from_millis(30) {
        // Criterion's minimum: ten samples of one call each.
        group
            .sample_size(10)
            .measurement_time(once.mul_f64(12.0).max(Duration::from_secs(3)));
    } else {
        group.sample_size(100).measurement_time(Duration::from_secs(3));
    }
    group.throughput(Throughput::Elements(elements));
    group.bench_with_input(id, doc, |b, doc| b.iter(|| analyze(black_box(doc))));
}

fn by_components(c: &mut Criterion) {
    let mut group = c.benchmark_group("analyze/components");
    group.warm_up_time(Duration::from_millis(500));
    for n in [30usize, 300, 3_000, 30_000] {
        let shape = Shape::for_components(n, 42);
        let doc = generate(&shape);
        let label = format!("components/{n} ({} ENI combinations)", shape.eni_combinations());
        bench_case(
            &mut group,
            BenchmarkId::from_parameter(n),
            &label,
            &doc,
            doc.components().count() as u64,
        );
    }
    group.finish();
}

fn by_functions_with_fixed_combinations(c: &mut Criterion) {
    let mut group = c.benchmark_group("analyze/functions_fixed_combinations");
    group.warm_up_time(Duration::from_millis(500));
    for functions in [10usize, 100, 1_000, 10_000] {
        let shape = Shape::one_vpc(functions, 4, 42);
        let doc = generate(&shape);
        let label = format!("functions/{functions} ({} ENI combinations)", shape.eni_combinations());
        bench_case(
            &mut group,
            BenchmarkId::from_parameter(functions),
            &label,
            &doc,
            functions as u64,
        );
    }
    group.finish();
}

criterion_group!(benches, by_components, by_functions_with_fixed_combinations);
criterion_main!(benches);

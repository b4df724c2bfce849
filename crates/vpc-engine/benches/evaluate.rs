//! How long `analyze` takes on generated designs. See `README.md` beside this file.
//!
//! Two groups:
//! * `analyze/components`: designs of about 30, 300, 3,000 and 30,000 components in the
//!   proportions of `Shape::for_components` (about 60 components per VPC).
//! * `analyze/functions_fixed_combinations`: one VPC whose functions grow from 10 to 10,000
//!   while they keep sharing the same (subnet, security-group set) combinations.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::time::Duration;
use vpc_engine::analyze;
use vpc_engine::generate::{generate, Shape};

fn by_components(c: &mut Criterion) {
    let mut group = c.benchmark_group("analyze/components");
    group
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for n in [30usize, 300, 3_000, 30_000] {
        let shape = Shape::for_components(n, 42);
        let doc = generate(&shape);
        let components = doc.components().count();
        let verdicts = analyze(&doc).verdicts.len();
        eprintln!(
            "components ≈{n}: {components} components, {} functions, {} ENI combinations, {verdicts} verdicts",
            shape.functions,
            shape.eni_combinations()
        );
        if n >= 30_000 {
            group.sample_size(10);
        }
        group.throughput(Throughput::Elements(components as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &doc, |b, doc| {
            b.iter(|| analyze(black_box(doc)))
        });
    }
    group.finish();
}

fn by_functions_with_fixed_combinations(c: &mut Criterion) {
    let mut group = c.benchmark_group("analyze/functions_fixed_combinations");
    group
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for functions in [10usize, 100, 1_000, 10_000] {
        let shape = Shape::one_vpc(functions, 4, 42);
        let doc = generate(&shape);
        eprintln!(
            "{functions} functions: {} ENI combinations, {} verdicts",
            shape.eni_combinations(),
            analyze(&doc).verdicts.len()
        );
        if functions >= 10_000 {
            group.sample_size(10);
        }
        group.throughput(Throughput::Elements(functions as u64));
        group.bench_with_input(BenchmarkId::from_parameter(functions), &doc, |b, doc| {
            b.iter(|| analyze(black_box(doc)))
        });
    }
    group.finish();
}

criterion_group!(benches, by_components, by_functions_with_fixed_combinations);
criterion_main!(benches);

//! A quick timing and profiling harness for `analyze` (see `benches/README.md`): the median
//! of repeated calls on generated designs, without Criterion's statistics. Also a small
//! binary to run under `valgrind --tool=callgrind`.
//!
//! ```sh
//! cargo run --release -p vpc-engine --example timing -- 30 3000   # components
//! cargo run --release -p vpc-engine --example timing -- f1000      # functions, 4 placements
//! ```

use std::time::{Duration, Instant};
use vpc_engine::analyze;
use vpc_engine::generate::{generate, Shape};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cases = if args.is_empty() {
        vec!["30".to_owned(), "300".to_owned(), "3000".to_owned()]
    } else {
        args
    };
    for case in cases {
        let shape = match case.strip_prefix('f') {
            Some(f) => Shape::one_vpc(f.parse().expect("a function count"), 4, 42),
            None => Shape::for_components(case.parse().expect("a component count"), 42),
        };
        let doc = generate(&shape);
        let verdicts = analyze(&doc).verdicts.len();
        // About two seconds of calls, at least five.
        let start = Instant::now();
        let mut times = Vec::new();
        while times.len() < 5 || (start.elapsed() < Duration::from_secs(2) && times.len() < 5000) {
            let t = Instant::now();
            let a = analyze(std::hint::black_box(&doc));
            drop(std::hint::black_box(a));
            times.push(t.elapsed());
        }
        times.sort_unstable();
        println!(
            "{case:>6}: {} components, {verdicts} verdicts: median {:.1?}, best {:.1?} ({} calls)",
            doc.components().count(),
            times[times.len() / 2],
            times[0],
            times.len()
        );
    }
}

//! The project's card through the compiled `batt()` and through the
//! interpreter, on the same lanes: the first 200 samples of ARC-AGI-1
//! (every program of the card on each). Criterion prints the time per
//! sample for both; their ratio is the interpreter's overhead.
//!
//! `cargo bench -p batt-runtime --bench batt`

use std::hint::black_box;
use std::path::Path;

use batt_runtime::batt::{self, Sample};
use batt_runtime::card::Card;
use batt_runtime::dataset::{self, SplitFilter};
use batt_runtime::dsl::Ctx;
use batt_runtime::interp::Interpreter;
use batt_runtime::library;
use criterion::{Criterion, criterion_group, criterion_main};

fn samples() -> Vec<Sample> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
    batt_data::Fetcher::new(&data)
        .ensure(&mut |line| eprintln!("{line}"))
        .expect("the benchmark needs the ARC data");
    let ds = dataset::load(&data.join("arc-agi-1"), SplitFilter::All).expect("ARC-AGI-1 loads");
    let mut out = Vec::new();
    for task in &ds.tasks {
        let demos = batt::demos(task);
        out.extend(task.samples().map(|s| Sample::new(&demos, &s)));
    }
    out.truncate(200);
    out
}

fn interpreter() -> Interpreter {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../cards");
    Interpreter::from_path(&dir).unwrap_or_else(|e| panic!("{e}"))
}

fn compiled_and_interpreted(c: &mut Criterion) {
    let samples = samples();
    let interp = interpreter();
    let mut group = c.benchmark_group(format!(
        "{} programs x {} samples",
        library().programs().len(),
        samples.len()
    ));
    group.bench_function("compiled", |b| {
        b.iter(|| {
            for s in &samples {
                black_box(library().batt(black_box(s), &mut Ctx::default()));
            }
        })
    });
    group.bench_function("interpreted", |b| {
        b.iter(|| {
            for s in &samples {
                black_box(interp.batt(black_box(s), &mut Ctx::default()));
            }
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(std::time::Duration::from_millis(500))
        .measurement_time(std::time::Duration::from_secs(3));
    targets = compiled_and_interpreted
}
criterion_main!(benches);

//! The project's card through the compiled `batt()` and through the
//! interpreter, on the same lanes: the first 200 samples of ARC-AGI-1
//! (every program of the card on each). Criterion prints the time per
//! sample for both; their ratio is the interpreter's overhead.
//!
//! `cargo bench -p batt-runtime --bench batt`

use std::hint::black_box;
use std::path::Path;

use batt_runtime::batt::{self, Sample};
use batt_runtime::dataset::{self, SplitFilter};
use batt_runtime::dsl::Ctx;
use batt_runtime::generated::card;
use batt_runtime::interp::Interpreter;
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
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files: Vec<_> = std::fs::read_dir(root.join("cards"))
        .expect("the cards directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    files.sort();
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|f| {
            (
                f.display().to_string(),
                std::fs::read_to_string(f).expect("a card"),
            )
        })
        .collect();
    let sources: Vec<batt_gen::Source<'_>> = texts
        .iter()
        .map(|(name, text)| batt_gen::Source { name, text })
        .collect();
    Interpreter::new(batt_gen::compile(&sources).expect("the cards compile"))
        .expect("the card's primitives exist")
}

fn compiled_and_interpreted(c: &mut Criterion) {
    let samples = samples();
    let interp = interpreter();
    let mut group = c.benchmark_group(format!(
        "{} programs x {} samples",
        card::PROGRAMS.len(),
        samples.len()
    ));
    group.bench_function("compiled", |b| {
        b.iter(|| {
            for s in &samples {
                black_box(card::batt(black_box(s), &mut Ctx::default()));
            }
        })
    });
    group.bench_function("interpreted", |b| {
        b.iter(|| {
            for s in &samples {
                black_box(interp.run(black_box(s), &mut Ctx::default()));
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

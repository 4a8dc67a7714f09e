//! Criterion benchmarks of the primitives solvers use most, on real ARC
//! grids: the smallest, a median-sized and a 30x30 input grid of the
//! ARC-AGI-1 training set (fetched into `data/` if it is not there).
//!
//! `cargo bench -p batt-runtime --bench primitives` prints the time per call.

use std::hint::black_box;
use std::path::Path;

use batt_runtime::dataset::{self, SplitFilter};
use batt_runtime::dsl::{Ctx, Prim, Value, call, named};
use batt_runtime::grid::Grid;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

fn real_grids() -> Vec<(&'static str, Grid)> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
    batt_data::Fetcher::new(&data)
        .ensure(&mut |line| eprintln!("{line}"))
        .expect("the benchmarks need the ARC data");
    let ds =
        dataset::load(&data.join("arc-agi-1/training"), SplitFilter::All).expect("ARC-AGI-1 loads");
    let mut inputs: Vec<Grid> = ds
        .tasks
        .iter()
        .flat_map(|t| t.train.iter().map(|p| p.input.clone()))
        .collect();
    inputs.sort_by_key(|g| (g.height() * g.width(), g.cells().to_vec()));
    // Grids with at least two colours, so that they have objects.
    let varied = |g: &&Grid| g.cells().iter().any(|&c| Some(&c) != g.cells().first());
    let small = inputs
        .iter()
        .filter(varied)
        .find(|g| g.height() >= 3 && g.width() >= 3);
    let median = inputs[inputs.len() / 2..].iter().find(varied);
    let large = inputs
        .iter()
        .rev()
        .filter(varied)
        .find(|g| g.shape() == (30, 30));
    let pick = |g: Option<&Grid>| g.expect("the training set has such a grid").clone();
    let (small, median, large) = (pick(small), pick(median), pick(large));
    vec![("small", small), ("median", median), ("30x30", large)]
}

fn v(name: &str) -> Value {
    named(name).unwrap_or_else(|| panic!("no name {name}"))
}

fn run(name: &str, args: &[Value]) -> Value {
    let prim = Prim::from_name(name).unwrap_or_else(|| panic!("no primitive {name}"));
    call(&mut Ctx::default(), &prim.value(), args).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn primitives(c: &mut Criterion) {
    for (size, grid) in real_grids() {
        let g = Value::grid(grid.clone());
        let (h, w) = grid.shape();
        let objs = run("objects", &[g.clone(), v("T"), v("F"), v("T")]);
        let obj = run("argmax", &[objs.clone(), v("size")]);
        let bg = run("mostcolor", std::slice::from_ref(&g));
        let colour = run("color", std::slice::from_ref(&obj));
        let shifted = run(
            "compose",
            &[
                v("normalize"),
                run("rbind", &[v("shift"), Value::Pair(1, 1)]),
            ],
        );
        let cases: Vec<(&str, &str, Vec<Value>)> = vec![
            (
                "objects(T,F,T)",
                "objects",
                vec![g.clone(), v("T"), v("F"), v("T")],
            ),
            (
                "objects(F,T,T)",
                "objects",
                vec![g.clone(), v("F"), v("T"), v("T")],
            ),
            ("partition", "partition", vec![g.clone()]),
            ("fgpartition", "fgpartition", vec![g.clone()]),
            ("ofcolor", "ofcolor", vec![g.clone(), bg.clone()]),
            (
                "fill",
                "fill",
                vec![
                    g.clone(),
                    Value::Int(5),
                    run("ofcolor", &[g.clone(), bg.clone()]),
                ],
            ),
            ("paint", "paint", vec![g.clone(), obj.clone()]),
            ("shift", "shift", vec![obj.clone(), Value::Pair(1, 1)]),
            (
                "crop",
                "crop",
                vec![
                    g.clone(),
                    Value::Pair(1, 1),
                    Value::Pair(h as i64 / 2, w as i64 / 2),
                ],
            ),
            ("subgrid", "subgrid", vec![obj.clone(), g.clone()]),
            (
                "replace",
                "replace",
                vec![g.clone(), bg.clone(), Value::Int(5)],
            ),
            ("upscale", "upscale", vec![g.clone(), Value::Int(2)]),
            ("hconcat", "hconcat", vec![g.clone(), g.clone()]),
            ("colorfilter", "colorfilter", vec![objs.clone(), colour]),
            (
                "sizefilter",
                "sizefilter",
                vec![objs.clone(), Value::Int(1)],
            ),
            ("argmax(size)", "argmax", vec![objs.clone(), v("size")]),
            (
                "mapply(compose)",
                "mapply",
                vec![shifted.clone(), objs.clone()],
            ),
            ("apply(compose)", "apply", vec![shifted, objs.clone()]),
        ];
        let mut group = c.benchmark_group(size);
        for (label, name, args) in cases {
            let f = Prim::from_name(name).expect("a primitive").value();
            group.bench_with_input(BenchmarkId::from_parameter(label), &args, |b, args| {
                b.iter(|| call(&mut Ctx::default(), black_box(&f), black_box(args)))
            });
        }
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(std::time::Duration::from_millis(300))
        .measurement_time(std::time::Duration::from_secs(1));
    targets = primitives
}
criterion_main!(benches);

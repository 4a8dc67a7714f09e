//! Random valid programs built from the primitives that nest, multiply and
//! repeat values (`initset`, `astuple`, `product`, `power`, `fork`, ...),
//! run through the interpreter (load-time folding included) on real
//! samples, scored by a differ (which hashes every output) and printed:
//! nothing panics or overflows a stack, and every value a step keeps is
//! within the lane's limits.

#![allow(clippy::unwrap_used)] // Test helpers may unwrap.

use std::path::Path;

use batt_runtime::batt::{self, Sample};
use batt_runtime::card::Card;
use batt_runtime::dataset::{self, SplitFilter};
use batt_runtime::dsl::Ctx;
use batt_runtime::interp::Interpreter;
use proptest::prelude::*;

/// The primitives the programs call, with their arities (those that nest
/// or repeat listed more than once, to be drawn more often).
const PRIMITIVES: &[(&str, usize)] = &[
    ("power", 2),
    ("power", 2),
    ("power", 2),
    ("initset", 1),
    ("initset", 1),
    ("astuple", 2),
    ("fork", 3),
    ("initset", 1),
    ("astuple", 2),
    ("combine", 2),
    ("product", 2),
    ("interval", 3),
    ("power", 2),
    ("fork", 3),
    ("compose", 2),
    ("chain", 3),
    ("rbind", 2),
    ("lbind", 2),
    ("apply", 2),
    ("mapply", 2),
    ("rapply", 2),
    ("prapply", 3),
    ("insert", 2),
    ("merge", 1),
    ("totuple", 1),
    ("repeat", 2),
    ("pair", 2),
    ("asindices", 1),
    ("upscale", 2),
    ("hconcat", 2),
    ("canvas", 2),
    ("multiply", 2),
    ("size", 1),
    ("first", 1),
    ("order", 2),
    ("identity", 1),
];

/// Names every step may read besides the earlier steps.
const NAMES: &[&str] = &[
    "I", "TEN", "NEG_ONE", "1000", "100000", "100000", "identity", "initset", "initset", "size",
    "astuple", "combine", "first",
];

/// A program: per step, a primitive (or, past the table's end, a call of
/// an earlier step) and, per argument, a pick among the names and the
/// earlier steps.
fn programs() -> impl Strategy<Value = Vec<(usize, Vec<usize>)>> {
    prop::collection::vec(
        (
            0..PRIMITIVES.len() + 12,
            prop::collection::vec(0usize..64, 3),
        ),
        1..12,
    )
}

/// The card text of a program, with a differ that compares outputs.
fn card(program: &[(usize, Vec<usize>)]) -> String {
    let mut text = String::from("def solve_random(I):\n");
    for (k, (prim, picks)) in program.iter().enumerate() {
        let (name, arity) = match PRIMITIVES.get(*prim) {
            Some(&(name, arity)) => (name.to_owned(), arity),
            // A call of an earlier step, as a function of one argument.
            None if k > 0 => (format!("x{}", picks[2] % k), 1),
            None => ("identity".to_owned(), 1),
        };
        if name == "power" {
            // power(function, count): a one-argument function (a primitive
            // or an earlier step) and a count, often a huge one.
            let functions = ["initset", "first", "identity"];
            let counts = ["TWO", "TEN", "1000", "100000"];
            let choices = functions.len() + k;
            let function = match functions.get(picks[0] % choices) {
                Some(f) => (*f).to_owned(),
                None => format!("x{}", picks[0] % choices - functions.len()),
            };
            let count = counts[picks[1] % counts.len()];
            text.push_str(&format!("    x{k} = power({function}, {count})\n"));
            continue;
        }
        let args: Vec<String> = picks[..arity]
            .iter()
            .map(|&pick| {
                let choices = NAMES.len() + k;
                let pick = pick % choices;
                match NAMES.get(pick) {
                    Some(name) => (*name).to_owned(),
                    None => format!("x{}", pick - NAMES.len()),
                }
            })
            .collect();
        text.push_str(&format!("    x{k} = {name}({})\n", args.join(", ")));
    }
    text.push_str(&format!("    return x{}\n\n", program.len() - 1));
    text.push_str("def differ_same(S, I, C):\n    x1 = equality(I, C)\n    return x1\n");
    text
}

fn samples() -> Vec<Sample> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
    batt_data::Fetcher::new(&data)
        .ensure(&mut |l| eprintln!("{l}"))
        .unwrap();
    let ds = dataset::load(&data.join("arc-agi-1/training"), SplitFilter::All).unwrap();
    ds.tasks
        .iter()
        .step_by(97)
        .take(3)
        .flat_map(|task| {
            let demos = batt::demos(task);
            task.samples()
                .take(1)
                .map(|s| Sample::new(&demos, &s))
                .collect::<Vec<_>>()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_nesting_and_expensive_programs_run_within_the_limits(program in programs()) {
        let text = card(&program);
        let interp = Interpreter::from_text("random.py", &text).unwrap_or_else(|e| panic!("{text}\n{e}"));
        for sample in samples() {
            // A smaller budget than a run's keeps the test quick; the
            // limits of nesting and size are the run's.
            let mut ctx = Ctx::new(2_000_000);
            let need = vec![true; interp.steps()];
            let (o, _) = interp.outputs(&sample, &mut ctx, &need);
            for (_, value) in &o {
                prop_assert!(value.within_limits().is_ok(), "{text}");
                let _ = value.to_string();
            }
            let _ = interp.score(&o, &sample, &mut ctx);
        }
    }
}

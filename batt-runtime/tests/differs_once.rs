//! A differ's steps that do not read `I` (the objects of `C`, its palette,
//! its colour counts) are evaluated once per sample and kept for the
//! sample's other outputs (`batt::Fixed`). Scoring a sample's outputs
//! together must give exactly what scoring each output alone gives, for the
//! compiled library on every ARC-AGI-1 sample, for the same cards
//! interpreted, and for a differ whose step on `C` fails.

use std::path::Path;

use batt_runtime::batt::{self, Sample};
use batt_runtime::card::Card;
use batt_runtime::dataset::Dataset;
use batt_runtime::dsl::{Ctx, Value};
use batt_runtime::interp::Interpreter;
use batt_runtime::library;
use rayon::prelude::*;

#[path = "support/data.rs"]
mod data;

fn arc_agi_1() -> Dataset {
    data::arc_agi_1("the differ tests")
}

/// The outputs scored on `sample`: the card's solvers' and, so that every
/// sample has several distinct outputs whatever the solvers give, its
/// input, its expected output and a one-cell grid.
fn outputs(card: &dyn Card, sample: &Sample) -> Vec<(usize, Value)> {
    let wanted = vec![true; card.programs().len()];
    let (mut o, _) = card.outputs(sample, &mut Ctx::default(), &wanted);
    let one_cell = Value::tuple(vec![Value::tuple(vec![Value::Int(3)])]);
    let extra = [
        sample.i.clone(),
        sample.c.clone().unwrap_or(Value::None),
        one_cell,
    ];
    o.extend(extra.into_iter().map(|v| (0, v)));
    o
}

/// Scores every sample of every `step`-th task of `ds` with `card`, the
/// outputs together and each alone; asserts they agree and returns the
/// scores compared.
fn compare(card: &dyn Card, ds: &Dataset, step: usize) -> usize {
    ds.tasks
        .par_iter()
        .step_by(step)
        .map(|task| {
            let demos = batt::demos(task);
            let mut scores = 0;
            for (k, sample) in task.samples().enumerate() {
                let sample = Sample::new(&demos, &sample);
                let o = outputs(card, &sample);
                let together = card.score(&o, &sample, &mut Ctx::default());
                let alone: Vec<(usize, usize, Value)> = o
                    .iter()
                    .flat_map(|out| {
                        card.score(std::slice::from_ref(out), &sample, &mut Ctx::default())
                    })
                    .collect();
                assert!(
                    together == alone,
                    "task {} sample {k}: scoring the outputs together changed a score",
                    task.id
                );
                scores += together.len();
            }
            scores
        })
        .sum()
}

#[test]
fn the_library_scores_outputs_together_as_it_scores_each_alone_on_every_sample() {
    let ds = arc_agi_1();
    let card = library();
    let scores = compare(card, &ds, 1);
    let outputs = 3499 * (card.programs().len() + 3);
    eprintln!("{scores} scores agree");
    assert_eq!(scores, outputs * card.differs().len());
}

#[test]
fn the_library_interpreted_scores_outputs_together_as_it_scores_each_alone() {
    let cards = Path::new(env!("CARGO_MANIFEST_DIR")).join("../cards");
    let card = Interpreter::from_path(&cards).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(card.differs().len(), library().differs().len());
    let scores = compare(&card, &arc_agi_1(), 8);
    assert!(scores > 0);
}

/// `differ_fails` fails on `C` (a row divided by zero) and goes on with
/// the failed step's default beside a step on `I`; `differ_objects` counts
/// the objects of `C` once per sample.
const CARD: &str = "
def solve_same(I):
    O = identity(I)
    return O

def solve_flip(I):
    O = hmirror(I)
    return O

def differ_fails(S, I, C):
    x1 = first(C)
    x2 = divide(x1, ZERO)
    x3 = size(I)
    O = add(x2, x3)
    return O

def differ_objects(S, I, C):
    x1 = objects(C, T, F, T)
    x2 = objects(I, T, F, T)
    x3 = size(x1)
    x4 = size(x2)
    x5 = subtract(x3, x4)
    O = multiply(x5, x5)
    return O
";

#[test]
fn a_differ_whose_step_on_c_fails_scores_alike_together_and_alone() {
    let card = Interpreter::from_text("card.py", CARD).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(card.differs().len(), 2);
    let ds = arc_agi_1();
    // The failed step's default (0) plus the rows of `I`: the step on `C`
    // failed for the first output and for the others from what was kept.
    let task = &ds.tasks[0];
    let demos = batt::demos(task);
    let first = task.samples().next().expect("a sample");
    let sample = Sample::new(&demos, &first);
    let o = outputs(&card, &sample);
    let scores = card.score(&o, &sample, &mut Ctx::default());
    for (k, (_, out)) in o.iter().enumerate() {
        let rows = out.len().unwrap_or(0) as i64;
        assert_eq!(scores[2 * k].2, Value::Int(rows), "output {k}");
    }
    assert!(compare(&card, &ds, 16) > 0);
}

//! The memo of calls (`dsl::memo`) changes no lane: on every ARC-AGI-1
//! sample, the project's library and a random card give the same outputs,
//! differ scores, failed-step counts and per-step work units with the memo
//! as without it; and a card whose steps repeat calls gets them from the
//! memo, with the same results whatever its budget.

use batt_runtime::batt::{self, BattOutput, Sample};
use batt_runtime::card::Card;
use batt_runtime::dataset::Dataset;
use batt_runtime::dsl::Ctx;
use batt_runtime::interp::Interpreter;
use batt_runtime::library;
use rayon::prelude::*;

#[path = "support/data.rs"]
mod data;

fn arc_agi_1() -> Dataset {
    data::arc_agi_1("the memo tests")
}

fn interpreter(text: &str) -> Interpreter {
    Interpreter::from_text("card.py", text).unwrap_or_else(|e| panic!("{e}"))
}

/// What one sample gives: the outputs, scores and failed counts, the units
/// each step charged, and the calls answered from the memo.
fn evaluate(card: &dyn Card, sample: &Sample, ctx: Ctx) -> (BattOutput, Vec<(usize, u64)>, u64) {
    let mut ctx = ctx;
    let wanted = vec![true; card.programs().len()];
    let (o, failed) = card.outputs(sample, &mut ctx, &wanted);
    let units = ctx
        .take_costs()
        .into_iter()
        .map(|(k, c)| (k, c.units))
        .collect();
    let s = card.score(&o, sample, &mut ctx);
    (BattOutput { o, s, failed }, units, ctx.memo_hits())
}

/// Every sample of `ds` with and without the memo: asserts they agree and
/// returns the lanes compared and the calls answered from the memo.
fn compare_on_every_sample(card: &dyn Card, ds: &Dataset) -> (usize, u64) {
    ds.tasks
        .par_iter()
        .map(|task| {
            let demos = batt::demos(task);
            let mut lanes = 0;
            let mut hits = 0;
            for (k, sample) in task.samples().enumerate() {
                let sample = Sample::new(&demos, &sample);
                let (with, units_with, h) = evaluate(card, &sample, Ctx::recording());
                let (without, units_without, none) =
                    evaluate(card, &sample, Ctx::recording().without_memo());
                assert_eq!(none, 0);
                assert!(
                    with == without,
                    "task {} sample {k}: the memo changed a lane",
                    task.id
                );
                assert!(
                    units_with == units_without,
                    "task {} sample {k}: the memo changed the units charged",
                    task.id
                );
                lanes += with.o.len();
                hits += h;
            }
            (lanes, hits)
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
}

#[test]
fn the_memo_changes_no_lane_of_the_library_on_any_sample() {
    let ds = arc_agi_1();
    let (lanes, hits) = compare_on_every_sample(library(), &ds);
    eprintln!("{lanes} lanes agree, {hits} calls answered from the memo");
    assert_eq!(lanes, 3499 * library().programs().len());
    assert!(
        hits > 0,
        "the library never repeats a call: the test proves nothing"
    );
}

#[test]
fn the_memo_changes_no_lane_of_a_random_card_on_any_sample() {
    let ds = arc_agi_1();
    let text = batt_gen::random::card(7, 300, &batt_gen::random::Options::default());
    let card = interpreter(&text);
    let (lanes, hits) = compare_on_every_sample(&card, &ds);
    eprintln!("{lanes} lanes agree, {hits} calls answered from the memo");
    assert_eq!(lanes, 3499 * 300);
}

/// For each object, the cells nearer to it than to any other object take
/// its colour: the nearest object of a cell is found once per object unless
/// the memo remembers it.
const NEAREST: &str = "
def solve_nearest(I):
    x1 = objects(I, T, F, T)
    x2 = asindices(I)
    x3 = compose(lbind(rbind, manhattan), initset)
    x4 = compose(lbind(argmin, x1), x3)
    x5 = lbind(rbind, equality)
    x6 = rbind(compose, x4)
    x7 = chain(lbind(sfilter, x2), x6, x5)
    x8 = fork(recolor, color, x7)
    x9 = mapply(x8, x1)
    O = paint(I, x9)
    return O
";

#[test]
fn repeated_calls_come_from_the_memo_with_the_same_results_under_any_budget() {
    let card = interpreter(NEAREST);
    let ds = arc_agi_1();
    // 3 objects of one colour each on a 6 x 6 grid.
    let task = ds
        .tasks
        .iter()
        .find(|t| t.id == "0ca9ddb6")
        .expect("task 0ca9ddb6");
    let demos = batt::demos(task);
    let first = task.samples().next().expect("a sample");
    let sample = Sample::new(&demos, &first);
    let (with, units, hits) = evaluate(&card, &sample, Ctx::recording());
    let (without, units_without, _) = evaluate(&card, &sample, Ctx::recording().without_memo());
    assert_eq!(with, without);
    assert_eq!(units, units_without);
    assert!(hits > 0, "no call was answered from the memo");
    assert_eq!(with.failed, vec![0]);
    // The costliest step's units, and budgets around every tenth of them:
    // a step that runs out of budget fails alike with and without the memo.
    let most = units.iter().map(|&(_, u)| u).max().unwrap_or(0);
    for budget in (0..=12)
        .map(|k| most * k / 10)
        .chain([most - 1, most, most + 1])
    {
        let (a, _, _) = evaluate(&card, &sample, Ctx::new(budget));
        let (b, _, _) = evaluate(&card, &sample, Ctx::new(budget).without_memo());
        assert_eq!(a, b, "budget {budget}");
    }
}

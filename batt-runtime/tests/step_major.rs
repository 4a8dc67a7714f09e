//! The step-major order of the device engine (`batt_gen::schedule`),
//! evaluated on the host (`Interpreter::outputs_step_major`), gives every
//! lane's output and failed-step count exactly as `batt()` gives them one
//! sample at a time, and every differ's score of those outputs as `score`
//! gives it: for the project's library (interpreted step-major, compared
//! with the compiled card) and for a random card, on every ARC-AGI-1
//! sample, in batches that span tasks.

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
    data::arc_agi_1("the step-major tests")
}

/// Tasks per batch: a batch holds about 70 samples of 16 tasks.
const TASKS_PER_BATCH: usize = 16;

/// Evaluates `card` step-major over every sample of `ds`, batch by batch,
/// and `reference` one sample at a time, with the programs marked in
/// `wanted`; asserts every lane agrees and returns the lanes compared.
fn compare(card: &Interpreter, reference: &dyn Card, ds: &Dataset, wanted: &[bool]) -> usize {
    ds.tasks
        .par_chunks(TASKS_PER_BATCH)
        .map(|tasks| {
            let mut samples = Vec::new();
            let mut names = Vec::new();
            for task in tasks {
                let demos = batt::demos(task);
                for (k, sample) in task.samples().enumerate() {
                    samples.push(Sample::new(&demos, &sample));
                    names.push(format!("task {} sample {k}", task.id));
                }
            }
            let step_major = card.outputs_step_major(&samples, &mut Ctx::default(), wanted);
            assert_eq!(step_major.len(), samples.len());
            let outputs: Vec<Vec<(usize, Value)>> =
                step_major.iter().map(|(o, _)| o.clone()).collect();
            let scores = card.score_step_major(&outputs, &samples, &mut Ctx::default());
            let mut lanes = 0;
            for (((sample, name), got), got_scores) in
                samples.iter().zip(&names).zip(step_major).zip(scores)
            {
                let expected = reference.outputs(sample, &mut Ctx::default(), wanted);
                assert!(
                    got == expected,
                    "{name}: step-major evaluation changed a lane"
                );
                let expected_scores = reference.score(&expected.0, sample, &mut Ctx::default());
                assert!(
                    got_scores == expected_scores,
                    "{name}: step-major scoring changed a score"
                );
                lanes += got.0.len();
            }
            lanes
        })
        .sum()
}

#[test]
fn the_library_step_major_gives_every_lane_of_the_compiled_card() {
    let cards = Path::new(env!("CARGO_MANIFEST_DIR")).join("../cards");
    let card = Interpreter::from_path(&cards).unwrap_or_else(|e| panic!("{e}"));
    let compiled = library();
    assert_eq!(card.programs(), compiled.programs());
    let schedule = card.schedule();
    eprintln!(
        "{} steps in {} launches over {} levels, {} slots",
        schedule.slot.len(),
        schedule.launches.len(),
        schedule.levels(),
        schedule.slots
    );
    assert!(schedule.slots < schedule.slot.len() as u32 / 2);
    let wanted = vec![true; card.programs().len()];
    let lanes = compare(&card, compiled, &arc_agi_1(), &wanted);
    assert_eq!(lanes, 3499 * compiled.programs().len());
}

#[test]
fn a_random_card_step_major_gives_every_lane_of_batt() {
    let text = batt_gen::random::card(11, 300, &batt_gen::random::Options::default());
    let card = Interpreter::from_text("random.py", &text).unwrap_or_else(|e| panic!("{e}"));
    let wanted = vec![true; 300];
    let lanes = compare(&card, &card, &arc_agi_1(), &wanted);
    assert_eq!(lanes, 3499 * 300);
}

#[test]
fn only_the_wanted_lanes_run_step_major_as_in_batt() {
    let cards = Path::new(env!("CARGO_MANIFEST_DIR")).join("../cards");
    let card = Interpreter::from_path(&cards).unwrap_or_else(|e| panic!("{e}"));
    let wanted: Vec<bool> = (0..card.programs().len()).map(|p| p % 3 == 1).collect();
    let mut ds = arc_agi_1();
    ds.tasks.truncate(64);
    let lanes = compare(&card, library(), &ds, &wanted);
    assert!(lanes > 0);
}

/// Any card of the user's (the public 400-solver library, which the
/// project does not hold): `BATT_CARDS=solvers.py cargo test --release -p
/// batt-runtime --test step_major -- --ignored`.
#[test]
#[ignore = "needs BATT_CARDS, a card file or directory of your own"]
fn a_card_of_your_own_step_major_gives_every_lane_of_batt() {
    let path = std::env::var_os("BATT_CARDS").expect("BATT_CARDS names the cards");
    let (card, _) = Interpreter::load(Path::new(&path), false).unwrap_or_else(|e| panic!("{e}"));
    let wanted = vec![true; card.programs().len()];
    let lanes = compare(&card, &card, &arc_agi_1(), &wanted);
    eprintln!("{lanes} lanes agree");
    assert_eq!(lanes, 3499 * card.programs().len());
}

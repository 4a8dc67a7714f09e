//! The project's cards on the real ARC-AGI-1 data: every solver solves its
//! own task, and the interpreter gives exactly the compiled `batt()`'s
//! values on every sample (and has the compiled library's fingerprint).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use batt_runtime::batt::{self, BattOutput, Sample};
use batt_runtime::card::Card;
use batt_runtime::dataset::{Dataset, SplitFilter};
use batt_runtime::dsl::Ctx;
use batt_runtime::interp::Interpreter;
use batt_runtime::library;

#[path = "support/data.rs"]
mod data;

fn arc_agi_1() -> Dataset {
    data::arc_agi_1("the card tests")
}

fn interpreter() -> Interpreter {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../cards");
    Interpreter::from_path(&dir).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_compiled_library_and_the_same_cards_interpreted_have_one_fingerprint() {
    let interp = interpreter();
    let fingerprint = library().fingerprint();
    assert_eq!(fingerprint.len(), 64, "{fingerprint}");
    assert_eq!(interp.fingerprint(), fingerprint);
    let borrowed: Box<dyn Card + '_> = Box::new(&interp);
    assert_eq!(
        borrowed.fingerprint(),
        fingerprint,
        "a borrowed card is the card"
    );
    // Another card (the symmetry cards alone) has another fingerprint.
    let one =
        Interpreter::from_path(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../cards/symmetry.py"))
            .unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(one.fingerprint(), fingerprint);
}

#[test]
fn every_solver_solves_its_own_task() {
    let ds = arc_agi_1();
    let mut by_task: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (k, program) in library().programs().iter().enumerate() {
        by_task.entry(&*program.task).or_default().push(k);
    }
    let mut failures = Vec::new();
    for (id, programs) in &by_task {
        let Some(task) = ds.task(id) else {
            failures.push(format!("no task {id} in ARC-AGI-1 for {programs:?}"));
            continue;
        };
        let demos = batt::demos(task);
        let mut failing = BTreeSet::new();
        for sample in task.samples() {
            // One evaluation of the card per sample serves every solver of the task.
            let out = library().batt(&Sample::new(&demos, &sample), &mut Ctx::default());
            let want = sample
                .pair
                .output
                .clone()
                .map(batt_runtime::dsl::Value::grid);
            for &k in programs {
                let got = &out.o[k].1;
                if want.as_ref() != Some(got) && failing.insert(k) {
                    failures.push(format!(
                        "{} does not solve {} pair {} of task {id}: got {got}",
                        library().programs()[k].name,
                        sample.kind.key(),
                        sample.index,
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(!library().programs().is_empty());
}

#[test]
fn the_interpreter_gives_the_compiled_values_on_every_sample() {
    let ds = arc_agi_1();
    let interp = interpreter();
    let names: Vec<&str> = interp.programs().iter().map(|p| &*p.name).collect();
    let compiled: Vec<&str> = library().programs().iter().map(|p| &*p.name).collect();
    assert_eq!(
        names, compiled,
        "the generated code is stale: run `cargo xtask gen`"
    );
    let mut lanes = 0;
    for task in &ds.tasks {
        let demos = batt::demos(task);
        for sample in task.samples() {
            let sample = Sample::new(&demos, &sample);
            let a: BattOutput = library().batt(&sample, &mut Ctx::default());
            let b: BattOutput = interp.batt(&sample, &mut Ctx::default());
            assert_eq!(a, b, "task {}", task.id);
            lanes += a.o.len();
        }
    }
    eprintln!("{lanes} lanes agree");
    assert_eq!(lanes, 3499 * library().programs().len());
}

#[test]
fn the_interpreted_cards_give_the_compiled_librarys_results_for_every_pairing() {
    use batt_runtime::backend::Backend;
    use batt_runtime::run::{Options, Outputs, Pairing, Run};
    let ds = arc_agi_1();
    let interp = interpreter();
    for (pairing, step) in [(Pairing::Own, 1), (Pairing::All, 8)] {
        let mut some = ds.clone();
        some.tasks = ds.tasks.iter().step_by(step).cloned().collect();
        let options = Options {
            pairing,
            threads: Some(2),
            shard: None,
            split: SplitFilter::All,
            progress: false,
            outputs: Outputs::Scored,
        };
        let compiled = Run::new(library(), &some, options.clone()).execute(&Backend::Cpu);
        let interpreted = Run::new(&interp, &some, options).execute(&Backend::Cpu);
        assert!(compiled.results.summary.lanes > 0);
        assert!(
            compiled.results == interpreted.results,
            "{pairing:?}: the interpreted cards' results differ from the compiled library's"
        );
    }
}

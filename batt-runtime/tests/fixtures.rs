//! The valid card fixtures (`tests/fixtures/cards/`), compiled by
//! `cargo xtask gen` into `generated/fixtures.rs`: they run, and the
//! interpreter gives exactly their compiled values on every ARC-AGI-1
//! sample.

use std::path::Path;

use batt_runtime::batt::{self, Sample};
use batt_runtime::card::Card;
use batt_runtime::dataset::{self, SplitFilter};
use batt_runtime::dsl::Ctx;
use batt_runtime::interp::Interpreter;

#[rustfmt::skip]
#[allow(clippy::all, clippy::pedantic, dead_code, unreachable_pub)]
#[path = "generated/fixtures.rs"]
mod fixtures;

fn interpreter() -> Interpreter {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/cards");
    Interpreter::from_path(&dir).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn fixtures_run_the_same_compiled_and_interpreted() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
    batt_data::Fetcher::new(&data)
        .ensure(&mut |line| eprintln!("{line}"))
        .expect("the fixture tests need the ARC data");
    let ds = dataset::load(&data.join("arc-agi-1"), SplitFilter::All).expect("ARC-AGI-1 loads");
    let interp = interpreter();
    let index = |name: &str| {
        fixtures::CARD
            .programs()
            .iter()
            .position(|p| p.name == name)
            .expect("a fixture program")
    };
    let (a, twin, b) = (
        index("solve_prefix_a"),
        index("solve_twin"),
        index("solve_prefix_b"),
    );
    let (kw, pos) = (index("solve_keywords"), index("solve_positional"));
    let mut lanes = 0;
    for task in &ds.tasks {
        let demos = batt::demos(task);
        for sample in task.samples() {
            let sample = Sample::new(&demos, &sample);
            let compiled = fixtures::CARD.batt(&sample, &mut Ctx::default());
            assert_eq!(
                compiled,
                interp.batt(&sample, &mut Ctx::default()),
                "task {}",
                task.id
            );
            // Shared steps give equal values; diverging ones do not mix.
            assert_eq!(compiled.o[a], (a, compiled.o[twin].1.clone()));
            assert_eq!(compiled.o[kw].1, compiled.o[pos].1);
            let expected_b = {
                let rotated =
                    batt_runtime::dsl::prims::rot90(&mut Ctx::default(), &sample.i).expect("rot90");
                let mirrored = batt_runtime::dsl::prims::vmirror(&mut Ctx::default(), &rotated)
                    .expect("vmirror");
                batt_runtime::dsl::prims::hmirror(&mut Ctx::default(), &mirrored).expect("hmirror")
            };
            assert_eq!(compiled.o[b].1, expected_b);
            lanes += compiled.o.len();
        }
    }
    assert_eq!(lanes, 3499 * fixtures::CARD.programs().len());
}

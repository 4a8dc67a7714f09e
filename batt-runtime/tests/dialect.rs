//! A card in the batt dialect (`tests/fixtures/cards/dialect.py`): its
//! solvers read `S` and use the dialect's primitives and constants, its
//! differs read `C`; it solves its tasks through the interpreter, its
//! differs score, and it runs through `all-tasks --cards` like any card.
//! (The compiled fixture card includes it too: `fixtures.rs` checks the
//! compiled and interpreted values agree on every sample.)

#![allow(clippy::unwrap_used)] // Test helpers may unwrap.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use batt_runtime::batt::{self, Sample};
use batt_runtime::card::Card;
use batt_runtime::dataset::{self, SplitFilter};
use batt_runtime::dsl::{Ctx, Value};
use batt_runtime::interp::Interpreter;
use batt_runtime::results::Results;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn card_path() -> PathBuf {
    root().join("tests/fixtures/cards/dialect.py")
}

fn training() -> PathBuf {
    let data = root().join("data");
    batt_data::Fetcher::new(&data)
        .ensure(&mut |l| eprintln!("{l}"))
        .unwrap();
    data.join("arc-agi-1/training")
}

#[test]
fn the_dialect_card_solves_its_tasks_and_its_differs_score() {
    let interp = Interpreter::from_path(&card_path()).unwrap();
    let programs: Vec<(String, String)> = interp
        .programs()
        .iter()
        .map(|p| (p.name.to_string(), p.task.to_string()))
        .collect();
    assert!(programs.len() >= 9, "{programs:?}");
    let differs = interp.differs().len();
    assert_eq!(differs, 2);
    let ds = dataset::load(&training(), SplitFilter::All).unwrap();
    let mut wrong_scored = 0;
    for (k, (name, task_id)) in programs.iter().enumerate() {
        let task = ds
            .tasks
            .iter()
            .find(|t| &t.id == task_id)
            .unwrap_or_else(|| panic!("{name}: no task {task_id}"));
        let demos = batt::demos(task);
        for (n, sample) in task.samples().enumerate() {
            let sample = Sample::new(&demos, &sample);
            let out = interp.batt(&sample, &mut Ctx::default());
            let expected = sample.c.clone().unwrap();
            assert_eq!(out.o[k].1, expected, "{name} on pair {n} of {task_id}");
            assert_eq!(out.failed[k], 0, "{name}: no step fails");
            // Every differ scores every solver output: 0 for a solved
            // one, above 0 for some output that is wrong.
            for &(p, d, ref score) in &out.s {
                let Value::Int(score) = *score else {
                    panic!("differ {d} gave {score:?}");
                };
                if out.o[p].1 == expected {
                    assert_eq!(score, 0, "differ {d} of a correct output");
                } else if score > 0 {
                    wrong_scored += 1;
                }
            }
            assert_eq!(out.s.len(), programs.len() * differs);
        }
    }
    assert!(wrong_scored > 0, "the differs tell wrong outputs apart");
}

#[test]
fn a_solver_that_reads_c_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("cheat.py");
    fs::write(
        &path,
        "def solve_67a3c6ac(S, I, C):\n    x1 = p_g(C)\n    O = mir_rot_t(C, A2)\n    return O\n",
    )
    .unwrap();
    let err = Interpreter::from_path(&path).err().unwrap();
    assert!(err.contains("depends on `C`"), "{err}");
    assert!(err.contains("cheat.py"), "{err}");
}

#[test]
fn all_tasks_runs_the_dialect_card() {
    let tmp = tempfile::tempdir().unwrap();
    let interp = Interpreter::from_path(&card_path()).unwrap();
    let tasks: Vec<String> = interp
        .programs()
        .iter()
        .map(|p| p.task.to_string())
        .collect();
    let dst = tmp.path().join("tasks/training");
    fs::create_dir_all(&dst).unwrap();
    for id in &tasks {
        fs::copy(
            training().join(format!("{id}.json")),
            dst.join(format!("{id}.json")),
        )
        .unwrap();
    }
    let cards = tmp.path().join("cards");
    fs::create_dir_all(&cards).unwrap();
    fs::copy(card_path(), cards.join("solvers.py")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_batt-runtime"))
        .args([
            "all-tasks",
            "--data",
            "tasks",
            "--cards",
            "cards",
            "--out",
            "out",
            "--quiet",
        ])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let results: Results =
        serde_json::from_str(&fs::read_to_string(tmp.path().join("out/results.json")).unwrap())
            .unwrap();
    assert_eq!(
        results.differs,
        ["differ_missing_colours", "differ_missing_cells"]
    );
    for task in &results.tasks {
        let id = &task.id;
        let own = format!("solve_{id}");
        assert!(
            task.solvers.contains(&own) && task.test_solvers.contains(&own),
            "{id}: {task:?}"
        );
        assert!(task.test_correct.iter().all(|&c| c == Some(true)), "{id}");
    }
    assert_eq!(results.summary.tasks_solved_demo_and_test, tasks.len());
}

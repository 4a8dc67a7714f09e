//! How differ values rank a task's programs: integer differs add
//! themselves to a sum where less is better, and tuple-valued differs in
//! tokpidjin's form, `(score, item)` with `score` in 0..=1000 and more
//! better, add `1000 - score` (`results::differ_distance`).

#![allow(clippy::unwrap_used)] // Test helpers may unwrap.

use std::fs;
use std::process::Command;

use batt_runtime::results::Results;

/// Three solvers that solve no demonstration pair (so only the differs
/// rank them), whose outputs are blank grids of 1x1, 2x1 and 3x3 cells.
/// `differ_tall` is tokpidjin's kind: `(100 * height, 0)`, the taller the
/// better; `differ_wide` an integer, `100 * width`, the narrower the better.
///
/// Sums (less first): `a` 900 + 100 = 1000, `b` 800 + 100 = 900, `c` 700 +
/// 300 = 1000, so `b` ranks first and `a` (before `c` in card order) second.
/// Were the tuple ignored, `a` and `b` would tie at 100 and come in card
/// order; were its score added as it is (more counted as worse), `a` would
/// rank first.
const CARD: &str = "\
from dsl import *
from constants import *
from utils import *

def solve_rank_a(I):
    x1 = astuple(ONE, ONE)
    O = canvas(ZERO, x1)
    return O

def solve_rank_b(I):
    x1 = astuple(TWO, ONE)
    O = canvas(ZERO, x1)
    return O

def solve_rank_c(I):
    x1 = astuple(THREE, THREE)
    O = canvas(ZERO, x1)
    return O

def differ_tall(S, I, C):
    x1 = height(I)
    x2 = multiply(x1, HUNDRED)
    x3 = astuple(x2, ZERO)
    return x3

def differ_wide(S, I, C):
    x1 = width(I)
    x2 = multiply(x1, HUNDRED)
    return x2
";

const TASK: &str = r#"{"train": [{"input": [[1]], "output": [[5]]}, {"input": [[2]], "output": [[5]]}],
 "test": [{"input": [[3]], "output": [[5]]}]}"#;

#[test]
fn a_tuple_differ_ranks_by_its_first_item_more_being_better_beside_an_integer_differ() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir_all(tmp.path().join("tasks")).unwrap();
    fs::write(tmp.path().join("tasks/rank.json"), TASK).unwrap();
    fs::write(tmp.path().join("card.py"), CARD).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_batt-runtime"))
        .args([
            "all-tasks",
            "--data",
            "tasks",
            "--cards",
            "card.py",
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
    assert_eq!(results.differs, ["differ_tall", "differ_wide"]);
    let task = &results.tasks[0];
    assert!(task.solvers.is_empty(), "{task:?}");
    assert_eq!(
        task.attempt_programs,
        [[
            Some("solve_rank_b".to_owned()),
            Some("solve_rank_a".to_owned())
        ]]
    );
}

//! Cards given at run time (`--cards`): each program with an error is
//! reported with its place and left out, unless `--strict`; solver
//! directories as tokpidjin writes them (`solve_<task>/<score>/<t>/<md5>.py`
//! defining `solve(S, I, C)`) load with their tasks, duplicates once.

#![allow(clippy::unwrap_used)] // Test helpers may unwrap.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use batt_runtime::card::Card;
use batt_runtime::interp::Interpreter;
use batt_runtime::results::Results;

fn training() -> PathBuf {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
    batt_data::Fetcher::new(&data)
        .ensure(&mut |l| eprintln!("{l}"))
        .unwrap();
    data.join("arc-agi-1/training")
}

/// A directory `tasks/` under `dir` with these ARC-AGI-1 training tasks.
fn tasks(dir: &Path, ids: &[&str]) {
    let dst = dir.join("tasks");
    fs::create_dir_all(&dst).unwrap();
    for id in ids {
        let file = format!("{id}.json");
        fs::copy(training().join(&file), dst.join(&file)).unwrap();
    }
}

fn all_tasks(dir: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_batt-runtime"))
        .args(["all-tasks", "--data", "tasks", "--out", "out", "--quiet"])
        .args(extra)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn results(dir: &Path) -> Results {
    serde_json::from_str(&fs::read_to_string(dir.join("out/results.json")).unwrap()).unwrap()
}

/// Three good solvers around two bad ones (an unknown name, a wrong
/// arity), and a helper.
const MIXED: &str = "\
from dsl import *
from constants import *
from utils import *

def solve_67a3c6ac(I):
    O = vmirror(I)
    return O

def solve_68b16354(S, I):
    O = hmirror(I)
    return O

def solve_unknown(I):
    O = vmirrror(I)
    return O

def solve_74dd1130(S, I, C):
    O = dmirror(I)
    return O

def solve_arity(I):
    O = hmirror(I, I)
    return O

def helper(I):
    return I
";

const MIXED_TASKS: [&str; 3] = ["67a3c6ac", "68b16354", "74dd1130"];

#[test]
fn invalid_programs_are_reported_with_their_places_and_the_others_run() {
    let tmp = tempfile::tempdir().unwrap();
    tasks(tmp.path(), &MIXED_TASKS);
    fs::write(tmp.path().join("card.py"), MIXED).unwrap();
    let out = all_tasks(tmp.path(), &["--cards", "card.py", "--pairing", "own"]);
    let text = text(&out);
    assert!(out.status.success(), "{text}");
    for expected in [
        "error[unknown-name]",
        "card.py:14:9",
        "error[arity]",
        "card.py:22:9",
        "warning[not-run]: `helper`",
        "2 programs with errors left out",
        "card.py:14: solve_unknown [unknown-name]",
        "card.py:22: solve_arity [arity]",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    let results = results(tmp.path());
    let names: Vec<&str> = results.programs.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["solve_67a3c6ac", "solve_68b16354", "solve_74dd1130"]
    );
    assert_eq!(results.summary.tasks_solved_demo_and_test, 3);
    let refused: Vec<(&str, usize, Option<&str>)> = results
        .refused
        .iter()
        .map(|r| (r.code.as_str(), r.line, r.program.as_deref()))
        .collect();
    assert_eq!(
        refused,
        [
            ("unknown-name", 14, Some("solve_unknown")),
            ("arity", 22, Some("solve_arity"))
        ]
    );
    assert!(results.refused[0].file.ends_with("card.py"));
}

#[test]
fn strict_refuses_the_whole_card() {
    let tmp = tempfile::tempdir().unwrap();
    tasks(tmp.path(), &MIXED_TASKS);
    fs::write(tmp.path().join("card.py"), MIXED).unwrap();
    let out = all_tasks(tmp.path(), &["--cards", "card.py", "--strict"]);
    let text = text(&out);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("the cards have errors"), "{text}");
    assert!(
        text.contains("card.py:14:9") && text.contains("card.py:22:9"),
        "{text}"
    );
    assert!(!tmp.path().join("out/results.json").exists());
}

#[test]
fn cards_with_nothing_valid_left_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    tasks(tmp.path(), &MIXED_TASKS);
    let bad = "def solve_a(I):\n    O = nothing(I)\n    return O\n\
               def solve_b(I):\n    O = vmirror(I, I, I)\n    return O\n\
               def solve_c(I)\n    return I\n";
    fs::write(tmp.path().join("bad.py"), bad).unwrap();
    let out = all_tasks(tmp.path(), &["--cards", "bad.py"]);
    let text = text(&out);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(
        text.contains("no solver in this card file")
            && text.contains("after leaving out 3 programs with errors"),
        "{text}"
    );
    assert!(
        text.contains("bad.py:2:9") && text.contains("error[syntax]"),
        "{text}"
    );
}

/// Known solvers of ARC-AGI-1 training tasks, as the bodies of tokpidjin
/// files; several bodies per task (the same program spelt differently
/// counts once only when its normalised text is the same).
const SOLVERS: [(&str, &[&str]); 6] = [
    ("67a3c6ac", &["    O = vmirror(I)\n    return O\n"]),
    ("68b16354", &["    O = hmirror(I)\n    return O\n"]),
    (
        "74dd1130",
        &[
            "    O = dmirror(I)\n    return O\n",
            "    x1 = rot90(I)\n    O = vmirror(x1)\n    return O\n",
        ],
    ),
    ("3c9b0459", &["    O = rot180(I)\n    return O\n"]),
    ("a416b8f3", &["    O = hconcat(I, I)\n    return O\n"]),
    (
        "c9e6f938",
        &[
            "    x1 = vmirror(I)\n    O = hconcat(I, x1)\n    return O\n",
            "    x1 = vmirror(I)\n    x2 = hconcat(I, x1)\n    return x2\n",
        ],
    ),
];

/// Writes a tokpidjin solver directory: for every task, 60 files under
/// `solve_<task>/<score>/<t>/<md5>.py` (the md5 stand-in is unique per
/// file), cycling through the task's bodies, in the three spellings of
/// the header tokpidjin used (`solve(S, I, C)`, `solve(S, I)` and the
/// older `solve_<task>(S, I)`), with comments and blank lines that do
/// not count. 360 files; returns the number of distinct programs.
fn tokpidjin_dir(root: &Path) -> usize {
    let mut distinct = 0;
    let mut n = 0u32;
    for (task, bodies) in SOLVERS {
        // `solve(S, I)` and `solve_<task>(S, I)` are the same program.
        distinct += bodies.len() * 2;
        for k in 0..60usize {
            let body = bodies[k % bodies.len()];
            let header = match (k / bodies.len()) % 3 {
                0 => "def solve(S, I, C):".to_owned(),
                1 => "def solve(S, I):".to_owned(),
                _ => format!("def solve_{task}(S, I):"),
            };
            let dir = root
                .join(format!("solve_{task}"))
                .join(format!("{}", 1000 - 10 * (k % 4)))
                .join(format!("{}", k % 3));
            fs::create_dir_all(&dir).unwrap();
            n += 1;
            let md5 = format!("{:032x}", u128::from(n) * 0x9e37_79b9_7f4a_7c15);
            let comment = if k % 2 == 0 { "# score 1000\n\n" } else { "" };
            fs::write(
                dir.join(format!("{md5}.py")),
                format!("from dsl import *\nfrom constants import *\nfrom utils import *\n\n{comment}{header}\n{body}"),
            )
            .unwrap();
        }
    }
    // A differ directory beside them.
    let differs = root.join("differ_cells/1000/0");
    fs::create_dir_all(&differs).unwrap();
    fs::write(
        differs.join("d41d8cd98f00b204e9800998ecf8427e.py"),
        "from dsl import *\n\ndef differ(S, I, C):\n    x1 = equality(I, C)\n    x2 = astuple(x1, ZERO)\n    return x2\n",
    )
    .unwrap();
    distinct
}

#[test]
fn a_tokpidjin_solver_directory_loads_with_its_tasks_and_duplicates_once() {
    let tmp = tempfile::tempdir().unwrap();
    let solvers = tmp.path().join("solvers");
    let distinct = tokpidjin_dir(&solvers);
    let (interp, report) = Interpreter::load(&solvers, false).unwrap();
    assert!(report.refused.is_empty(), "{}", report.diagnostics);
    assert_eq!(report.diagnostics, "");
    let programs = interp.programs();
    assert_eq!(programs.len(), distinct);
    assert_eq!(report.duplicates, SOLVERS.len() * 60 - distinct);
    for (task, bodies) in SOLVERS {
        let own: Vec<&str> = programs
            .iter()
            .filter(|p| p.task == task)
            .map(|p| p.name.as_ref())
            .collect();
        assert_eq!(own.len(), bodies.len() * 2, "{task}: {own:?}");
        assert!(
            own.iter().all(|n| n.starts_with(&format!("solve_{task}."))),
            "{own:?}"
        );
    }
    assert_eq!(interp.differs().len(), 1);
    assert!(interp.differs()[0].starts_with("differ_cells."));
}

#[test]
fn all_tasks_solves_the_tasks_of_a_tokpidjin_directory_with_own_pairing() {
    let tmp = tempfile::tempdir().unwrap();
    let ids: Vec<&str> = SOLVERS.iter().map(|(t, _)| *t).collect();
    tasks(tmp.path(), &ids);
    tokpidjin_dir(&tmp.path().join("solvers"));
    let out = all_tasks(tmp.path(), &["--cards", "solvers", "--pairing", "own"]);
    let text = text(&out);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("duplicate programs"), "{text}");
    let results = results(tmp.path());
    assert_eq!(
        results.summary.tasks_solved_demo_and_test,
        ids.len(),
        "{text}"
    );
    for task in &results.tasks {
        assert!(
            task.solvers
                .iter()
                .all(|s| s.starts_with(&format!("solve_{}.", task.id))),
            "{task:?}"
        );
    }
}

#[test]
fn a_solve_without_a_task_in_its_path_is_an_error_naming_its_place() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("flat");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("a.py"), "def solve(S, I, C):\n    return I\n").unwrap();
    fs::write(
        dir.join("b.py"),
        "def solve_67a3c6ac(I):\n    O = vmirror(I)\n    return O\n",
    )
    .unwrap();
    let (interp, report) = Interpreter::load(&dir, false).unwrap();
    assert_eq!(interp.programs().len(), 1);
    assert_eq!(report.refused.len(), 1);
    assert!(
        report.diagnostics.contains("error[unknown-task]"),
        "{}",
        report.diagnostics
    );
    assert!(
        report.diagnostics.contains("a.py:1:5"),
        "{}",
        report.diagnostics
    );
    let err = Interpreter::load(&dir, true).err().unwrap();
    assert!(err.contains("unknown-task"), "{err}");
}

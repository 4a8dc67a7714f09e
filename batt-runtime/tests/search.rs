//! `batt-runtime search`: the same seed gives the same archive, a resumed
//! search the archive of an uninterrupted one, and the archive runs with
//! `all-tasks --cards` with its tasks.

#![allow(clippy::unwrap_used)] // Test helpers may unwrap.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use batt_runtime::results::Results;
use batt_runtime::search::engine::State;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn training() -> PathBuf {
    let data = root().join("data");
    batt_data::Fetcher::new(&data)
        .ensure(&mut |l| eprintln!("{l}"))
        .unwrap();
    data.join("arc-agi-1/training")
}

/// Six training tasks; the corpus solves the first two outright (and,
/// by transfer or not, nothing else).
const TASKS: &[&str] = &[
    "67a3c6ac", "68b16354", "74dd1130", "3c9b0459", "6d0aefbc", "9dfd6313",
];

const CORPUS: &str = "\
def solve_67a3c6ac(I):
    O = vmirror(I)
    return O

def solve_68b16354(I):
    O = hmirror(I)
    return O

def solve_6d0aefbc(I):
    x1 = hmirror(I)
    O = hconcat(I, x1)
    return O
";

struct Fixture {
    _tmp: tempfile::TempDir,
    data: PathBuf,
    cards: PathBuf,
    dir: PathBuf,
}

fn fixture() -> Fixture {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("tasks");
    fs::create_dir(&data).unwrap();
    for id in TASKS {
        let file = format!("{id}.json");
        fs::copy(training().join(&file), data.join(&file)).unwrap();
    }
    let cards = tmp.path().join("corpus.py");
    fs::write(&cards, CORPUS).unwrap();
    let dir = tmp.path().to_path_buf();
    Fixture {
        _tmp: tmp,
        data,
        cards,
        dir,
    }
}

fn search(f: &Fixture, out: &str, extra: &[&str]) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_batt-runtime"));
    cmd.args(["search", "--quiet", "--population", "24", "--threads", "2"])
        .arg("--data")
        .arg(&f.data)
        .arg("--cards")
        .arg(&f.cards)
        .arg("--out")
        .arg(f.dir.join(out))
        .args(extra);
    cmd.output().unwrap()
}

fn state(f: &Fixture, out: &str) -> State {
    serde_json::from_str(&fs::read_to_string(f.dir.join(out).join("state.json")).unwrap()).unwrap()
}

fn ok(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_same_seed_gives_the_same_archive_and_a_resumed_search_the_uninterrupted_one() {
    let f = fixture();
    ok(&search(&f, "a", &["--seed", "7", "--generations", "4"]));
    ok(&search(&f, "b", &["--seed", "7", "--generations", "4"]));
    let (a, b) = (state(&f, "a"), state(&f, "b"));
    assert_eq!(a.generation, 4);
    assert_eq!(a, b, "same seed, same search");
    // Two generations, then resumed to four.
    ok(&search(&f, "c", &["--seed", "7", "--generations", "2"]));
    assert_eq!(state(&f, "c").generation, 2);
    ok(&search(
        &f,
        "c",
        &["--seed", "7", "--generations", "4", "--resume"],
    ));
    assert_eq!(state(&f, "c"), a, "resumed = uninterrupted");
    let log = fs::read_to_string(f.dir.join("c/search.jsonl")).unwrap();
    assert_eq!(log.lines().count(), 4, "{log}");
    // Another seed draws other candidates.
    ok(&search(&f, "d", &["--seed", "8", "--generations", "4"]));
    assert_ne!(state(&f, "d").seen, a.seen);
}

#[test]
fn the_archive_runs_with_all_tasks_and_solves_what_it_claims() {
    let f = fixture();
    ok(&search(&f, "s", &["--generations", "2"]));
    let st = state(&f, "s");
    for task in ["67a3c6ac", "68b16354"] {
        let best = &st.archive[task][0];
        let text = fs::read_to_string(f.data.join(format!("{task}.json"))).unwrap();
        let demos = serde_json::from_str::<serde_json::Value>(&text).unwrap()["train"]
            .as_array()
            .unwrap()
            .len();
        assert_eq!(best.solved, demos, "{task}: {best:?}");
    }
    let results: Results =
        serde_json::from_str(&fs::read_to_string(f.dir.join("s/results/results.json")).unwrap())
            .unwrap();
    assert!(
        results.summary.tasks_solved_demo >= 2,
        "{:?}",
        results.summary
    );
    let out = Command::new(env!("CARGO_BIN_EXE_batt-runtime"))
        .args(["all-tasks", "--quiet", "--pairing", "own", "--cards"])
        .arg(f.dir.join("s/archive"))
        .arg("--data")
        .arg(&f.data)
        .arg("--out")
        .arg(f.dir.join("s/check"))
        .output()
        .unwrap();
    ok(&out);
    let check: Results =
        serde_json::from_str(&fs::read_to_string(f.dir.join("s/check/results.json")).unwrap())
            .unwrap();
    assert_eq!(
        check.summary.tasks_solved_demo,
        results.summary.tasks_solved_demo
    );
    let solved: Vec<&str> = check
        .tasks
        .iter()
        .filter(|t| !t.solvers.is_empty())
        .map(|t| t.id.as_str())
        .collect();
    assert!(
        solved.contains(&"67a3c6ac") && solved.contains(&"68b16354"),
        "{solved:?}"
    );
}

#[test]
fn a_search_directory_is_not_overwritten_and_resumes_only_the_same_search() {
    let f = fixture();
    ok(&search(&f, "s", &["--generations", "1"]));
    let again = search(&f, "s", &["--generations", "2"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--resume"));
    let other = search(&f, "s", &["--generations", "2", "--resume", "--seed", "9"]);
    assert_eq!(other.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&other.stderr).contains("same"));
    let no_budget = search(&f, "t", &[]);
    assert_eq!(no_budget.status.code(), Some(2));
}

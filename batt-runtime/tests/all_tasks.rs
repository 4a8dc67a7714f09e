//! The main job on a small slice of ARC-AGI-1: the same results for any
//! thread count, shards merged equal one run, the submission format, and
//! each bad input with its clear message.

#![allow(clippy::unwrap_used)] // Test helpers may unwrap.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use batt_runtime::backend::Backend;
use batt_runtime::dataset::{self, SplitFilter};
use batt_runtime::library;
use batt_runtime::results::{self, Results};
use batt_runtime::run::{Options, Pairing, Run};
use serde_json::Value as J;

/// Training tasks the library solves, and a few it does not.
const TASKS: &[&str] = &[
    "67a3c6ac", "68b16354", "a416b8f3", "c8f0f002", "be94b721", "1f85a75f", "007bbfb7", "3af2c5a8",
    "0d3d703e", "1fad071e", "6e82a1ae", "00d62c1b", "017c7c7b", "025d127b",
];

fn data() -> PathBuf {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
    batt_data::Fetcher::new(&data)
        .ensure(&mut |l| eprintln!("{l}"))
        .unwrap();
    data
}

/// A task directory holding the slice.
fn slice(dir: &Path) -> PathBuf {
    let src = data().join("arc-agi-1/training");
    let dst = dir.join("tasks/training");
    fs::create_dir_all(&dst).unwrap();
    for id in TASKS {
        fs::copy(
            src.join(format!("{id}.json")),
            dst.join(format!("{id}.json")),
        )
        .unwrap();
    }
    dir.join("tasks")
}

fn results(
    path: &Path,
    threads: usize,
    shard: Option<(usize, usize)>,
    pairing: Pairing,
) -> Results {
    let ds = dataset::load(path, SplitFilter::All).unwrap();
    let opts = Options {
        pairing,
        threads: Some(threads),
        shard,
        split: SplitFilter::All,
        progress: false,
    };
    Run::new(library(), &ds, opts)
        .execute(&Backend::Cpu)
        .results
}

#[test]
fn results_are_the_same_for_any_thread_count() {
    let tmp = tempfile::tempdir().unwrap();
    let path = slice(tmp.path());
    let one = results(&path, 1, None, Pairing::All);
    let two = results(&path, 2, None, Pairing::All);
    let four = results(&path, 4, None, Pairing::All);
    assert_eq!(one, two);
    assert_eq!(one, four);
    assert!(one.summary.tasks_solved_demo >= 11, "{:?}", one.summary);
    let task = one.tasks.iter().find(|t| t.id == "67a3c6ac").unwrap();
    assert!(task.solvers.iter().any(|s| s == "solve_67a3c6ac"));
    assert_eq!(task.test_correct, [Some(true)]);
}

#[test]
fn shards_merged_equal_one_run() {
    let tmp = tempfile::tempdir().unwrap();
    let path = slice(tmp.path());
    let whole = results(&path, 2, None, Pairing::All);
    let parts: Vec<(String, Results)> = (0..3)
        .map(|k| {
            (
                format!("shard {k}"),
                results(&path, 2, Some((k, 3)), Pairing::All),
            )
        })
        .collect();
    let merged = results::merge(&parts, false).unwrap();
    assert_eq!(merged, whole);
    assert_eq!(results::submission(&merged), results::submission(&whole));
    // Shards of different cards or settings do not merge.
    let own = results(&path, 2, Some((0, 3)), Pairing::Own);
    let mixed = [parts[0].clone(), ("own".to_owned(), own)];
    let refusal = results::merge(&mixed, false).unwrap_err().to_string();
    assert!(
        refusal.starts_with("own: the pairing is not shard 0's"),
        "{refusal}"
    );
}

#[test]
fn own_pairing_runs_each_solver_on_its_task_only() {
    let tmp = tempfile::tempdir().unwrap();
    let path = slice(tmp.path());
    let own = results(&path, 2, None, Pairing::Own);
    let lanes: u64 = own.programs.iter().map(|p| p.lanes).sum();
    let ds = dataset::load(&path, SplitFilter::All).unwrap();
    let expected: usize = ds
        .tasks
        .iter()
        .filter(|t| library().programs().iter().any(|p| p.task == t.id))
        .map(|t| t.train.len() + t.test.len())
        .sum();
    assert_eq!(lanes, expected as u64);
    // Evaluating only each task's own solvers scores exactly as evaluating
    // every solver and then keeping the own ones.
    let opts = Options {
        pairing: Pairing::All,
        threads: Some(2),
        shard: None,
        split: SplitFilter::All,
        progress: false,
    };
    let all = Run::new(library(), &ds, opts);
    let evaluation = all.evaluate(&Backend::Cpu);
    let own_opts = Options {
        pairing: Pairing::Own,
        threads: Some(2),
        shard: None,
        split: SplitFilter::All,
        progress: false,
    };
    let full = Run::new(library(), &ds, own_opts).results(&evaluation.evals);
    assert_eq!(own, full);
}

/// The `results.json` in `dir`.
fn read_results(dir: &Path) -> Results {
    serde_json::from_str(&fs::read_to_string(dir.join("results.json")).unwrap()).unwrap()
}

fn batt(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_batt-runtime"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn the_command_writes_a_kaggle_submission_and_results() {
    let tmp = tempfile::tempdir().unwrap();
    slice(tmp.path());
    let out = batt(
        &[
            "all-tasks",
            "--data",
            "tasks",
            "--out",
            "out",
            "--dump-outputs",
        ],
        tmp.path(),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("tasks solved on all demonstrations"),
        "{stdout}"
    );
    let sub: J =
        serde_json::from_str(&fs::read_to_string(tmp.path().join("out/submission.json")).unwrap())
            .unwrap();
    let sub = sub.as_object().unwrap();
    assert_eq!(sub.len(), TASKS.len());
    for (id, entries) in sub {
        let task: J = serde_json::from_str(
            &fs::read_to_string(tmp.path().join(format!("tasks/training/{id}.json"))).unwrap(),
        )
        .unwrap();
        let entries = entries.as_array().unwrap();
        assert_eq!(
            entries.len(),
            task["test"].as_array().unwrap().len(),
            "{id}"
        );
        for e in entries {
            for key in ["attempt_1", "attempt_2"] {
                let grid = e[key].as_array().unwrap();
                assert!(!grid.is_empty() && grid.len() <= 30);
                assert!(grid.iter().all(|r| {
                    r.as_array()
                        .unwrap()
                        .iter()
                        .all(|c| c.as_u64().unwrap() <= 9)
                }));
            }
        }
    }
    let written = read_results(&tmp.path().join("out"));
    assert_eq!(written.schema, results::RESULTS_SCHEMA);
    let timing = written
        .timing
        .as_ref()
        .expect("all-tasks writes its timing");
    assert!(timing.evaluate_s >= 0.0);
    let lines = fs::read_to_string(tmp.path().join("out/outputs.jsonl")).unwrap();
    assert_eq!(lines.lines().count() as u64, written.summary.lanes);
    // No temporary files are left behind.
    let names: Vec<String> = fs::read_dir(tmp.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains("tmp")), "{names:?}");
}

#[test]
fn results_json_reads_back_into_results_and_writes_the_same_text() {
    let tmp = tempfile::tempdir().unwrap();
    let tasks = slice(tmp.path());
    fs::write(
        tasks.join("training/broken.json"),
        r#"{"train":[{"input":[[1,2],[3]],"output":[[1]]}],"test":[]}"#,
    )
    .unwrap();
    for k in ["0", "1"] {
        let shard = format!("{k}/2");
        let out = format!("s{k}");
        let run = batt(
            &[
                "all-tasks",
                "--data",
                "tasks",
                "--shard",
                &shard,
                "--out",
                &out,
                "--quiet",
            ],
            tmp.path(),
        );
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    let run = batt(&["merge", "s0", "s1", "--out", "merged"], tmp.path());
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    for dir in ["s0", "s1", "merged"] {
        let text = fs::read_to_string(tmp.path().join(dir).join("results.json")).unwrap();
        let results: Results = serde_json::from_str(&text).unwrap();
        assert_eq!(results.run.shard.is_some(), dir != "merged", "{dir}");
        assert_eq!(results.timing.is_some(), dir != "merged", "{dir}");
        assert_eq!(results.skipped.len(), 1, "{dir}");
        assert_eq!(
            serde_json::to_string_pretty(&results).unwrap(),
            text,
            "{dir}: the typed results write another text"
        );
        // The keys are in alphabetical order at every level, as the file
        // has always had them: a sorted map writes the same text.
        let sorted: J = serde_json::from_str(&text).unwrap();
        assert_eq!(
            serde_json::to_string_pretty(&sorted).unwrap(),
            text,
            "{dir}"
        );
    }
    // A file that is not a results file is refused by name.
    fs::create_dir_all(tmp.path().join("bad")).unwrap();
    fs::write(
        tmp.path().join("bad/results.json"),
        format!(r#"{{"schema":"{}"}}"#, results::RESULTS_SCHEMA),
    )
    .unwrap();
    let run = batt(&["merge", "s0", "bad", "--out", "bad-merge"], tmp.path());
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains(&format!(
            "bad/results.json: not a {} results file: missing field",
            results::RESULTS_SCHEMA
        )),
        "{stderr}"
    );
    assert!(!tmp.path().join("bad-merge").exists());
}

#[test]
fn bad_inputs_give_clear_messages() {
    let tmp = tempfile::tempdir().unwrap();
    let tasks = slice(tmp.path());
    // A malformed task is one line, skipped, and counted.
    fs::write(
        tasks.join("training/broken.json"),
        r#"{"train":[{"input":[[1,2],[3]],"output":[[1]]}],"test":[]}"#,
    )
    .unwrap();
    let out = batt(
        &["all-tasks", "--data", "tasks", "--out", "out", "--quiet"],
        tmp.path(),
    );
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("broken.json: task broken: train pair 0 input")
    );
    assert_eq!(
        read_results(&tmp.path().join("out")).summary.skipped_tasks,
        1
    );

    // A card with errors: rendered errors, exit 2, nothing evaluated or written.
    fs::write(
        tmp.path().join("bad.py"),
        "def solve_x(I):\n    O = vmirrorr(I)\n    return O\n",
    )
    .unwrap();
    let out = batt(
        &[
            "all-tasks",
            "--data",
            "tasks",
            "--cards",
            "bad.py",
            "--out",
            "bad-out",
        ],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad.py:2:9") && stderr.contains("vmirrorr"),
        "{stderr}"
    );
    assert!(!tmp.path().join("bad-out").exists());

    // Cards given at run time are interpreted.
    fs::write(
        tmp.path().join("good.py"),
        "def solve_67a3c6ac(I):\n    O = vmirror(I)\n    return O\n",
    )
    .unwrap();
    let out = batt(
        &[
            "all-tasks",
            "--data",
            "tasks",
            "--cards",
            "good.py",
            "--out",
            "good-out",
            "--quiet",
        ],
        tmp.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Kaggle challenges without solutions: predictions written, accuracy unknown.
    let challenges: serde_json::Map<String, J> = TASKS
        .iter()
        .map(|id| {
            let mut t: J = serde_json::from_str(
                &fs::read_to_string(tasks.join(format!("training/{id}.json"))).unwrap(),
            )
            .unwrap();
            for p in t["test"].as_array_mut().unwrap() {
                p.as_object_mut().unwrap().remove("output");
            }
            ((*id).to_owned(), t)
        })
        .collect();
    fs::write(
        tmp.path().join("x_test_challenges.json"),
        J::Object(challenges).to_string(),
    )
    .unwrap();
    let out = batt(
        &[
            "all-tasks",
            "--data",
            "x_test_challenges.json",
            "--out",
            "kaggle",
        ],
        tmp.path(),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("unknown"), "{stdout}");
    assert!(tmp.path().join("kaggle/submission.json").is_file());
}

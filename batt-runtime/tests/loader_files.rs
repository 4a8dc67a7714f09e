//! The loader on files and directories: format detection, and a bad task
//! reported and skipped while everything else loads.

#![allow(clippy::unwrap_used)] // Test helpers may unwrap.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;

use batt_runtime::dataset::{Dataset, Format, LoadError, Severity, Split, SplitFilter, load};

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
    // The test set has no solutions file: said once, as a warning; and k1
    // is in two splits: said once, as a warning naming both files.
    let lines: Vec<String> = ds.problems.iter().map(ToString::to_string).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(ds.problems.iter().all(|p| p.severity == Severity::Warning));
    assert!(lines[0].contains(
        "arc-agi_test_solutions.json: no solutions file beside arc-agi_test_challenges.json"
    ));
    assert_eq!(
        lines[1],
        format!(
            "{}: task k1: in the test split, and also in the evaluation split, read from {}; both are loaded",
            dir.join("arc-agi_test_challenges.json").display(),
            dir.join("arc-agi_evaluation_challenges.json").display()
        )
    );

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

/// Loads `path` on another thread and fails if that takes more than a
/// minute (a loader that opened a FIFO for reading would wait forever).
fn load_or_hang(path: &Path) -> Result<Dataset, LoadError> {
    let (send, receive) = mpsc::channel();
    let path = path.to_path_buf();
    std::thread::spawn(move || send.send(load(&path, SplitFilter::All)));
    receive
        .recv_timeout(Duration::from_secs(60))
        .expect("the loader returns instead of blocking")
}

/// Makes a FIFO with `mkfifo`; `None` (and a line saying so) where there is none.
fn make_fifo(path: &Path) -> Option<PathBuf> {
    match Command::new("mkfifo").arg(path).status() {
        Ok(status) if status.success() => Some(path.to_path_buf()),
        other => {
            eprintln!("skipped: the FIFO case needs `mkfifo` ({other:?})");
            None
        }
    }
}

/// The problem lines of `ds` that name `path`.
fn lines_about(ds: &Dataset, path: &Path) -> Vec<String> {
    let prefix = format!("{}: ", path.display());
    ds.problems
        .iter()
        .map(ToString::to_string)
        .filter(|l| l.starts_with(&prefix))
        .collect()
}

#[test]
fn every_entry_named_like_a_task_file_that_is_not_one_gets_one_line_and_the_rest_loads() {
    let tmp = tempfile::tempdir().unwrap();
    let training = tmp.path().join("training");
    write(&training.join("good.json"), GOOD);
    let dangling = training.join("dangling.json");
    std::os::unix::fs::symlink(training.join("nowhere.json"), &dangling).unwrap();
    let looped = training.join("loop.json");
    std::os::unix::fs::symlink(training.join("loop2.json"), &looped).unwrap();
    std::os::unix::fs::symlink(&looped, training.join("loop2.json")).unwrap();
    let directory = training.join("folder.json");
    fs::create_dir_all(&directory).unwrap();
    let socket = training.join("socket.json");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let fifo = make_fifo(&training.join("fifo.json"));

    let ds = load_or_hang(tmp.path()).unwrap();
    let ids: Vec<&str> = ds.tasks.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["good"]);
    let expected = [
        (dangling.clone(), "a dangling symbolic link: its target"),
        (looped.clone(), "a symbolic link to"),
        (training.join("loop2.json"), "a symbolic link to"),
        (directory.clone(), "a directory, not a task file; skipped"),
        (socket.clone(), "a socket, not a task file; skipped"),
    ];
    for (path, why) in expected.iter().chain(
        fifo.iter()
            .map(|f| {
                (
                    f.clone(),
                    "a FIFO (named pipe; not opened), not a task file; skipped",
                )
            })
            .collect::<Vec<_>>()
            .iter(),
    ) {
        let lines = lines_about(&ds, path);
        assert_eq!(lines.len(), 1, "{}: {lines:?}", path.display());
        assert!(lines[0].contains(why), "{}", lines[0]);
    }
    assert!(
        lines_about(&ds, &looped)[0].contains("cannot be followed"),
        "{:?}",
        ds.problems
    );
    assert_eq!(ds.problems.len(), expected.len() + fifo.iter().count());
    assert!(ds.problems.iter().all(|p| p.severity == Severity::Error));
}

#[test]
fn a_fifo_given_as_the_dataset_or_as_solutions_is_never_opened() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(fifo) = make_fifo(&tmp.path().join("tasks.json")) else {
        return;
    };
    let err = load_or_hang(&fifo).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: a FIFO (named pipe; not opened), not a task file",
            fifo.display()
        )
    );

    let challenge = r#"{"k1":{"train":[{"input":[[1]],"output":[[2]]}],"test":[{"input":[[3]]}]}}"#;
    let kaggle = tmp.path().join("kaggle");
    write(&kaggle.join("x_evaluation_challenges.json"), challenge);
    make_fifo(&kaggle.join("x_evaluation_solutions.json")).unwrap();
    let ds = load_or_hang(&kaggle).unwrap();
    assert_eq!(ds.tasks.len(), 1);
    assert!(
        ds.problems[0]
            .to_string()
            .contains("x_evaluation_solutions.json: no solutions file beside x_evaluation_challenges.json (a FIFO"),
        "{}",
        ds.problems[0]
    );
}

#[test]
fn a_file_that_cannot_be_read_is_one_line_and_the_rest_loads() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let training = tmp.path().join("training");
    write(&training.join("good.json"), GOOD);
    let locked = training.join("locked.json");
    write(&locked, GOOD);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&locked).is_ok() {
        eprintln!("skipped: this user reads files without read permission (root)");
        return;
    }
    let ds = load(tmp.path(), SplitFilter::All).unwrap();
    assert_eq!(ds.tasks.len(), 1);
    let lines = lines_about(&ds, &locked);
    assert_eq!(lines.len(), 1, "{:?}", ds.problems);
    assert!(
        lines[0].contains("task locked: cannot read: Permission denied"),
        "{}",
        lines[0]
    );
}

#[test]
fn a_task_id_in_two_splits_loads_in_both_with_one_warning_naming_both_files() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(&root.join("training/same.json"), GOOD);
    write(&root.join("evaluation/same.json"), GOOD);
    write(&root.join("evaluation/other.json"), GOOD);
    let ds = load(root, SplitFilter::All).unwrap();
    let ids: Vec<(&str, Split)> = ds.tasks.iter().map(|t| (t.id.as_str(), t.split)).collect();
    assert_eq!(
        ids,
        [
            ("other", Split::Evaluation),
            ("same", Split::Training),
            ("same", Split::Evaluation)
        ]
    );
    let lines: Vec<String> = ds.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [format!(
            "{}: task same: in the evaluation split, and also in the training split, read from {}; both are loaded",
            root.join("evaluation/same.json").display(),
            root.join("training/same.json").display()
        )]
    );
    assert_eq!(ds.problems[0].severity, Severity::Warning);
    assert_eq!(ds.errors().count(), 0);
}

#[test]
fn a_100k_deep_nesting_or_a_huge_value_gives_a_short_line() {
    let tmp = tempfile::tempdir().unwrap();
    let training = tmp.path().join("training");
    let depth = 100_000;
    write(
        &training.join("deep.json"),
        &format!(
            r#"{{"train":[{{"input":{}{},"output":[[1]]}}],"test":[]}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        ),
    );
    let huge = "x".repeat(100_000);
    write(
        &training.join("huge.json"),
        &format!(r#"{{"train":[{{"input":[["{huge}"]],"output":[[1]]}}],"test":[]}}"#),
    );
    write(
        &tmp.path().join("collection.json"),
        &format!(r#"{{"{huge}":{{"train":[],"test":[]}}}}"#),
    );
    let ds = load(tmp.path(), SplitFilter::All).unwrap();
    let lines: Vec<String> = ds.problems.iter().map(ToString::to_string).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    for line in &lines {
        assert!(line.len() < 600, "{} bytes: {}", line.len(), &line[..600]);
    }
    assert!(lines[0].contains("deep.json: task deep: not valid JSON: recursion limit exceeded"));
    assert!(
        lines[1].contains("column 0 is \"xxx")
            && lines[1].ends_with(" more characters) (task skipped)"),
        "{}",
        lines[1]
    );

    let ds = load(&tmp.path().join("collection.json"), SplitFilter::All).unwrap();
    let line = ds.problems[0].to_string();
    assert!(line.len() < 600, "{} bytes", line.len());
    assert!(line.contains("xxx... ("), "{line}");
}

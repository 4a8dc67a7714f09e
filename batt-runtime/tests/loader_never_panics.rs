//! Property tests: whatever bytes the loader is given, it returns tasks or
//! problems and never panics, and every task it returns is valid.

use std::path::Path;

use batt_runtime::dataset::{
    Dataset, Split, SplitFilter, Task, collection_from_bytes, kaggle_from_bytes, load,
    task_from_bytes,
};
use proptest::prelude::*;

const TASK: &str = r#"{"train":[{"input":[[1,2,3],[4,5,6]],"output":[[6,5,4],[3,2,1]]},{"input":[[0]],"output":[[9]]}],"test":[{"input":[[7,8]],"output":[[8,7]]}]}"#;

fn assert_valid(task: &Task) {
    assert!(!task.train.is_empty());
    assert!(task.train.iter().all(|p| p.output.is_some()));
    for grid in task.grids() {
        let (h, w) = grid.shape();
        assert!((1..=30).contains(&h) && (1..=30).contains(&w), "{grid:?}");
        assert!(grid.cells().iter().all(|&c| c <= 9), "{grid:?}");
    }
}

fn assert_dataset_valid(ds: &Dataset) {
    ds.tasks.iter().for_each(assert_valid);
    let lines: Vec<String> = ds.problems.iter().map(ToString::to_string).collect();
    assert!(lines.iter().all(|l| !l.contains('\n')), "{lines:?}");
}

fn check_all_entry_points(bytes: &[u8]) {
    if let Ok(task) = task_from_bytes(Path::new("t.json"), "t", Split::Training, bytes) {
        assert_valid(&task);
    }
    if let Ok(ds) = collection_from_bytes(Path::new("c.json"), bytes, SplitFilter::All) {
        assert_dataset_valid(&ds);
    }
    let solutions = (Path::new("k_solutions.json"), Ok(bytes.to_vec()));
    if let Ok(ds) = kaggle_from_bytes(
        Path::new("k_challenges.json"),
        bytes,
        solutions,
        SplitFilter::All,
    ) {
        assert_dataset_valid(&ds);
    }
}

/// JSON shaped roughly like ARC data, with wrong turns everywhere.
fn json_like() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::{Value, json};
    let leaf = prop_oneof![
        (-2i64..12).prop_map(|n| json!(n)),
        Just(Value::Null),
        Just(json!(1.5)),
        Just(json!("x")),
        Just(json!(true)),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        let key = prop_oneof![
            Just("train".to_owned()),
            Just("test".to_owned()),
            Just("input".to_owned()),
            Just("output".to_owned()),
            Just("eval".to_owned()),
            "[a-f0-9]{1,3}",
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(key, inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        check_all_entry_points(&bytes);
    }

    #[test]
    fn damaged_tasks_never_panic(
        cut in 0..TASK.len(),
        edits in prop::collection::vec((0..TASK.len(), any::<u8>()), 0..4),
    ) {
        let mut bytes = TASK.as_bytes().to_vec();
        for (at, byte) in edits {
            bytes[at] = byte;
        }
        check_all_entry_points(&bytes);
        check_all_entry_points(&bytes[..cut]);
    }

    #[test]
    fn json_of_any_shape_never_panics(value in json_like()) {
        let bytes = serde_json::to_vec(&value).unwrap_or_default();
        check_all_entry_points(&bytes);
        let wrapped = serde_json::json!({"train": {"a": value.clone()}, "eval": {"b": value}});
        check_all_entry_points(&serde_json::to_vec(&wrapped).unwrap_or_default());
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    check_all_entry_points(deep.as_bytes());
    let err =
        task_from_bytes(Path::new("t.json"), "t", Split::Training, deep.as_bytes()).unwrap_err();
    assert!(err.message.contains("recursion limit"), "{err}");
}

#[test]
fn files_with_arbitrary_bytes_never_panic() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(200));
    runner
        .run(&prop::collection::vec(any::<u8>(), 0..200), |bytes| {
            for name in [
                "training/x.json",
                "x_training_challenges.json",
                "x_training_solutions.json",
            ] {
                let path = tmp.path().join(name);
                std::fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
                std::fs::write(&path, &bytes).expect("a file");
            }
            for path in [
                tmp.path().to_path_buf(),
                tmp.path().join("training"),
                tmp.path().join("training/x.json"),
            ] {
                if let Ok(ds) = load(&path, SplitFilter::All) {
                    assert_dataset_valid(&ds);
                }
            }
            Ok(())
        })
        .expect("no panic");
}

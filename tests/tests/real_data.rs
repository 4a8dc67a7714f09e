//! The loader on the real ARC data: exact counts, stable order, and the
//! same tasks whichever published format they are read from.

#![allow(clippy::unwrap_used)] // Test helpers may unwrap.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use batt_runtime::dataset::{self, Dataset, SampleKind, Severity, Split, SplitFilter};
use batt_tests::arc_data;
use serde_json::{Value, json};

fn load(collection: &str, filter: SplitFilter) -> Dataset {
    let ds = dataset::load(&arc_data().join(collection), filter).unwrap();
    assert!(ds.problems.is_empty(), "{:?}", ds.problems);
    ds
}

fn split_count(ds: &Dataset, split: Split) -> usize {
    ds.tasks.iter().filter(|t| t.split == split).count()
}

#[test]
fn arc_agi_1_has_800_tasks_and_3499_samples() {
    let ds = load("arc-agi-1", SplitFilter::All);
    assert_eq!(ds.tasks.len(), 800);
    assert_eq!(split_count(&ds, Split::Training), 400);
    assert_eq!(split_count(&ds, Split::Evaluation), 400);
    assert_eq!(ds.demo_count(), 2664);
    assert_eq!(ds.test_count(), 835);
    assert_eq!(ds.sample_count(), 3499);
    assert_eq!(ds.samples().count(), 3499);
    assert!(
        ds.tasks
            .iter()
            .flat_map(|t| &t.test)
            .all(|p| p.output.is_some())
    );

    let training = load("arc-agi-1", SplitFilter::Training);
    let evaluation = load("arc-agi-1", SplitFilter::Evaluation);
    assert_eq!((training.tasks.len(), evaluation.tasks.len()), (400, 400));
    assert_eq!(training.sample_count() + evaluation.sample_count(), 3499);
}

#[test]
fn arc_agi_2_has_1120_tasks_and_4834_samples() {
    let ds = load("arc-agi-2", SplitFilter::All);
    assert_eq!(ds.tasks.len(), 1120);
    assert_eq!(split_count(&ds, Split::Training), 1000);
    assert_eq!(split_count(&ds, Split::Evaluation), 120);
    assert_eq!(ds.sample_count(), 4834);
}

#[test]
fn the_split_sizes_batt_data_expects_are_those_of_the_fetched_data() {
    for collection in batt_data::COLLECTIONS {
        batt_data::check(&arc_data(), collection).unwrap();
        let ds = load(collection.dir_name, SplitFilter::All);
        for split in collection.splits {
            let loaded = ds
                .tasks
                .iter()
                .filter(|t| t.split.name() == split.dir_name)
                .count();
            assert_eq!(
                loaded, split.tasks,
                "{} {}",
                collection.title, split.dir_name
            );
        }
        assert_eq!(ds.tasks.len(), collection.task_count());
    }
}

#[test]
fn order_is_by_id_with_demonstrations_first() {
    let ds = load("arc-agi-1", SplitFilter::All);
    assert!(ds.tasks.windows(2).all(|w| w[0].id < w[1].id));
    assert_eq!(ds.tasks[0].id, "00576224");
    assert_eq!(ds.tasks[0].split, Split::Evaluation);
    for task in &ds.tasks {
        let order: Vec<(SampleKind, usize)> = task.samples().map(|s| (s.kind, s.index)).collect();
        let demos = (0..task.train.len()).map(|i| (SampleKind::Demo, i));
        let tests = (0..task.test.len()).map(|i| (SampleKind::Test, i));
        assert_eq!(order, demos.chain(tests).collect::<Vec<_>>(), "{}", task.id);
    }
    // Loading twice gives the same samples in the same order.
    let again = load("arc-agi-1", SplitFilter::All);
    assert!(
        ds.samples()
            .zip(again.samples())
            .all(|(a, b)| a.task.id == b.task.id
                && a.kind == b.kind
                && a.index == b.index
                && a.pair == b.pair)
    );
}

#[test]
fn every_grid_is_valid_and_fits_the_device_form() {
    let ds = load("arc-agi-1", SplitFilter::All);
    for grid in ds.tasks.iter().flat_map(|t| t.grids()) {
        let (h, w) = grid.shape();
        assert!((1..=30).contains(&h) && (1..=30).contains(&w));
        assert!(grid.cells().iter().all(|&c| c <= 9));
        let device = batt_runtime::backend::DeviceGrid::from_grid(grid).unwrap();
        assert_eq!((device.h as usize, device.w as usize), (h, w));
    }
}

/// The tasks' content, without the file each came from.
fn content(ds: &Dataset) -> Vec<(String, Split, Vec<dataset::Pair>, Vec<dataset::Pair>)> {
    ds.tasks
        .iter()
        .map(|t| (t.id.clone(), t.split, t.train.clone(), t.test.clone()))
        .collect()
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&fs::read(path).unwrap()).unwrap()
}

/// `{id: task}` for one split directory.
fn split_tasks(dir: &Path) -> BTreeMap<String, Value> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                read_json(&p),
            )
        })
        .collect()
}

#[test]
fn the_three_formats_give_the_same_tasks() {
    let source = arc_data().join("arc-agi-1");
    let reference = load("arc-agi-1", SplitFilter::All);
    let tmp = tempfile::tempdir().unwrap();

    // A collection JSON, as the pinned wheel ships it.
    let training = split_tasks(&source.join("training"));
    let evaluation = split_tasks(&source.join("evaluation"));
    let collection = tmp.path().join("arc1.json");
    fs::write(
        &collection,
        json!({"train": training, "eval": evaluation}).to_string(),
    )
    .unwrap();
    let from_collection = dataset::load(&collection, SplitFilter::All).unwrap();
    assert_eq!(from_collection.format, dataset::Format::Collection);
    assert!(from_collection.problems.is_empty());
    assert_eq!(content(&from_collection), content(&reference));

    // A Kaggle pair per split: test outputs moved to the solutions file.
    let kaggle = tmp.path().join("kaggle");
    fs::create_dir(&kaggle).unwrap();
    for (name, tasks) in [("training", &training), ("evaluation", &evaluation)] {
        let mut challenges = serde_json::Map::new();
        let mut solutions = serde_json::Map::new();
        for (id, task) in tasks {
            let mut task = task.clone();
            let tests = task["test"].as_array_mut().unwrap();
            let outputs: Vec<Value> = tests
                .iter_mut()
                .map(|p| p.as_object_mut().unwrap().remove("output").unwrap())
                .collect();
            challenges.insert(id.clone(), task);
            solutions.insert(id.clone(), Value::Array(outputs));
        }
        let prefix = kaggle.join(format!("arc-agi_{name}"));
        fs::write(
            format!("{}_challenges.json", prefix.display()),
            Value::Object(challenges).to_string(),
        )
        .unwrap();
        fs::write(
            format!("{}_solutions.json", prefix.display()),
            Value::Object(solutions).to_string(),
        )
        .unwrap();
    }
    let from_kaggle = dataset::load(&kaggle, SplitFilter::All).unwrap();
    assert_eq!(from_kaggle.format, dataset::Format::Kaggle);
    assert!(
        from_kaggle.problems.is_empty(),
        "{:?}",
        from_kaggle.problems
    );
    assert_eq!(content(&from_kaggle), content(&reference));
    let one_file = dataset::load(
        &kaggle.join("arc-agi_evaluation_challenges.json"),
        SplitFilter::All,
    )
    .unwrap();
    assert_eq!(one_file.tasks.len(), 400);
    assert_eq!(one_file.sample_count(), 1782);

    // Without the solutions, as for the hidden test set: the same inputs, no test outputs.
    fs::remove_file(kaggle.join("arc-agi_training_solutions.json")).unwrap();
    let unsolved = dataset::load(&kaggle, SplitFilter::Training).unwrap();
    assert_eq!(unsolved.tasks.len(), 400);
    assert_eq!(unsolved.problems.len(), 1);
    assert_eq!(unsolved.problems[0].severity, Severity::Warning);
    assert!(unsolved.problems[0].message.contains("no solutions file"));
    assert!(
        unsolved
            .tasks
            .iter()
            .flat_map(|t| &t.test)
            .all(|p| p.output.is_none())
    );
    assert_eq!(unsolved.sample_count(), 1717);
}

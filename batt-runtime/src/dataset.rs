//! Loading and validating ARC tasks.
//!
//! [`load`] reads tasks from any of the formats ARC data is published in,
//! telling them apart by what it finds at the path:
//!
//! - a directory of one JSON file per task, in `training/` and
//!   `evaluation/` sub-directories (the public ARC repositories, and what
//!   `cargo xtask data` writes), or directly in the directory given;
//! - a Kaggle ARC Prize pair, `<name>_challenges.json` with its
//!   `<name>_solutions.json` beside it (a directory holding such files, or
//!   the challenges file itself); the test set comes without solutions;
//! - a collection JSON, `{"train": {id: task}, "eval": {id: task}}`
//!   (split names `train`/`training`, `eval`/`evaluation`, `test`), or a
//!   flat `{id: task}` object;
//! - a single task file.
//!
//! Every grid is validated (rectangular, sides 1..=30, colours 0..=9), every
//! task needs at least one demonstration pair with an output, and test
//! outputs may be absent. A task that breaks a rule becomes one [`Problem`]
//! naming the file, the task, the pair and what is wrong; it is skipped and
//! loading goes on. Arbitrary bytes never make the loader panic.
//!
//! Every entry named like a task file that is not one is one problem too,
//! found from its file type before anything opens it (a FIFO would block
//! a reader): dangling symbolic links, link loops, directories, FIFOs,
//! sockets, devices, and files that cannot be read. A task id found in two
//! splits loads twice and is reported once, as a warning naming both files.
//! A problem's line is clipped to [`MAX_MESSAGE`] characters.
//!
//! Tasks are sorted by id (then split), and within a task the demonstration
//! pairs come before the test pairs, each in file order: the order of
//! [`Dataset::samples`] is stable.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::grid::{Grid, MAX_COLOUR, MAX_SIDE};

/// The part of a dataset a task belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Split {
    /// Training tasks.
    Training,
    /// Evaluation tasks.
    Evaluation,
    /// A hidden test set (Kaggle), usually without test outputs.
    Test,
    /// The source did not say.
    Unspecified,
}

impl Split {
    /// The split named `name` (`train`, `training`, `eval`, `evaluation`, `test`).
    pub fn from_name(name: &str) -> Option<Split> {
        match name {
            "train" | "training" => Some(Split::Training),
            "eval" | "evaluation" => Some(Split::Evaluation),
            "test" => Some(Split::Test),
            _ => None,
        }
    }

    /// The split's name as the public repositories spell it.
    pub fn name(self) -> &'static str {
        match self {
            Split::Training => "training",
            Split::Evaluation => "evaluation",
            Split::Test => "test",
            Split::Unspecified => "unspecified",
        }
    }
}

impl serde::Serialize for Split {
    /// Its [`name`](Split::name).
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> serde::Deserialize<'de> for Split {
    /// The split whose [`name`](Split::name) is the string.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        [
            Split::Training,
            Split::Evaluation,
            Split::Test,
            Split::Unspecified,
        ]
        .into_iter()
        .find(|s| s.name() == name)
        .ok_or_else(|| serde::de::Error::custom(format!("no split is named {name:?}")))
    }
}

impl fmt::Display for Split {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which splits to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SplitFilter {
    /// Training tasks only.
    Training,
    /// Evaluation tasks only.
    Evaluation,
    /// Every task.
    #[default]
    All,
}

impl SplitFilter {
    /// Whether tasks of `split` are wanted.
    pub fn accepts(self, split: Split) -> bool {
        match self {
            SplitFilter::Training => split == Split::Training,
            SplitFilter::Evaluation => split == Split::Evaluation,
            SplitFilter::All => true,
        }
    }
}

/// The format a dataset was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON file per task.
    TaskFiles,
    /// Kaggle `*_challenges.json` with `*_solutions.json`.
    Kaggle,
    /// One JSON object holding the tasks of one or more splits.
    Collection,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::TaskFiles => "one file per task",
            Format::Kaggle => "Kaggle challenges and solutions",
            Format::Collection => "collection",
        })
    }
}

/// An input grid and, where known, its expected output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// The input grid.
    pub input: Grid,
    /// The expected output; always present for demonstration pairs.
    pub output: Option<Grid>,
}

/// One ARC task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    /// The task id, e.g. `007bbfb7`.
    pub id: String,
    /// The split it belongs to.
    pub split: Split,
    /// The file it was read from.
    pub file: PathBuf,
    /// Demonstration pairs (at least one, all with outputs).
    pub train: Vec<Pair>,
    /// Test pairs (outputs may be absent).
    pub test: Vec<Pair>,
}

/// Whether a sample is a demonstration pair or a test pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SampleKind {
    /// A demonstration (`train`) pair.
    Demo,
    /// A test pair.
    Test,
}

impl SampleKind {
    /// The key of the pair list in the task format.
    pub fn key(self) -> &'static str {
        match self {
            SampleKind::Demo => "train",
            SampleKind::Test => "test",
        }
    }
}

/// One pair of one task, as evaluated by programs.
#[derive(Debug, Clone, Copy)]
pub struct Sample<'a> {
    /// The task the pair belongs to.
    pub task: &'a Task,
    /// Demonstration or test.
    pub kind: SampleKind,
    /// Index of the pair within its list.
    pub index: usize,
    /// The pair.
    pub pair: &'a Pair,
}

impl Task {
    /// The task's pairs: demonstration pairs first, then test pairs.
    pub fn samples(&self) -> impl Iterator<Item = Sample<'_>> + '_ {
        let demos = self
            .train
            .iter()
            .enumerate()
            .map(move |(index, pair)| Sample {
                task: self,
                kind: SampleKind::Demo,
                index,
                pair,
            });
        let tests = self
            .test
            .iter()
            .enumerate()
            .map(move |(index, pair)| Sample {
                task: self,
                kind: SampleKind::Test,
                index,
                pair,
            });
        demos.chain(tests)
    }

    /// Every grid of the task, inputs and outputs.
    pub fn grids(&self) -> impl Iterator<Item = &Grid> + '_ {
        self.train
            .iter()
            .chain(&self.test)
            .flat_map(|p| std::iter::once(&p.input).chain(p.output.as_ref()))
    }
}

/// Whether a problem stopped a task from loading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Something is missing, but the tasks loaded.
    Warning,
    /// The task (or file) was skipped.
    Error,
}

/// Which grid of a task a problem is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// Demonstration or test pair.
    pub kind: SampleKind,
    /// Index of the pair.
    pub index: usize,
    /// `Some(false)` for the input, `Some(true)` for the output, `None` for the pair as a whole.
    pub output: Option<bool>,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} pair {}", self.kind.key(), self.index)?;
        match self.output {
            Some(false) => f.write_str(" input"),
            Some(true) => f.write_str(" output"),
            None => Ok(()),
        }
    }
}

/// Something wrong in the data, reported as one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Whether the task was skipped.
    pub severity: Severity,
    /// The file the problem is in.
    pub file: PathBuf,
    /// The task, where known.
    pub task: Option<String>,
    /// The pair and grid, where it is about one.
    pub place: Option<Place>,
    /// What is wrong.
    pub message: String,
}

/// The most characters of a problem's message (and of a task id) shown;
/// the rest is replaced by a count.
pub const MAX_MESSAGE: usize = 300;

/// `text` cut to `max` characters, saying how many were left out.
fn clip(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => text.into(),
        Some((end, _)) => format!(
            "{}... ({} more characters)",
            &text[..end],
            text[end..].chars().count()
        )
        .into(),
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        match &self.task {
            Some(task) if task.chars().any(char::is_control) => {
                write!(f, ": task {}", clip(&format!("{task:?}"), MAX_MESSAGE / 4))?;
            }
            Some(task) => write!(f, ": task {}", clip(task, MAX_MESSAGE / 4))?,
            None => {}
        }
        if let Some(place) = &self.place {
            write!(f, ": {place}")?;
        }
        write!(f, ": {}", clip(&self.message, MAX_MESSAGE))?;
        if self.severity == Severity::Error && self.task.is_some() {
            f.write_str(" (task skipped)")?;
        }
        Ok(())
    }
}

/// A dataset that could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {}", path.display(), clip(message, MAX_MESSAGE))]
pub struct LoadError {
    /// The path given, or the file that failed.
    pub path: PathBuf,
    /// What went wrong.
    pub message: String,
}

/// The tasks of a dataset, and what was wrong with the ones left out.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// The path the dataset was loaded from.
    pub source: PathBuf,
    /// The format found there.
    pub format: Format,
    /// The tasks, sorted by id and split.
    pub tasks: Vec<Task>,
    /// Problems met while loading, in the order met.
    pub problems: Vec<Problem>,
}

impl Dataset {
    /// Every sample of every task, tasks in order, demonstrations first.
    pub fn samples(&self) -> impl Iterator<Item = Sample<'_>> + '_ {
        self.tasks.iter().flat_map(Task::samples)
    }

    /// Number of demonstration pairs.
    pub fn demo_count(&self) -> usize {
        self.tasks.iter().map(|t| t.train.len()).sum()
    }

    /// Number of test pairs.
    pub fn test_count(&self) -> usize {
        self.tasks.iter().map(|t| t.test.len()).sum()
    }

    /// Number of samples (demonstration and test pairs).
    pub fn sample_count(&self) -> usize {
        self.demo_count() + self.test_count()
    }

    /// The problems that made a task or file be skipped.
    pub fn errors(&self) -> impl Iterator<Item = &Problem> + '_ {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
    }

    /// The task with this id, if loaded.
    pub fn task(&self, id: &str) -> Option<&Task> {
        self.tasks.iter().find(|t| t.id == id)
    }
}

/// Loads the dataset at `path`, keeping the tasks of the wanted splits.
pub fn load(path: &Path, filter: SplitFilter) -> Result<Dataset, LoadError> {
    let fail = |message: String| LoadError {
        path: path.to_path_buf(),
        message,
    };
    let meta = fs::metadata(path).map_err(|e| fail(format!("cannot read: {e}")))?;
    let mut loader = Loader {
        filter,
        tasks: Vec::new(),
        problems: Vec::new(),
    };
    let format = if meta.is_dir() {
        loader.directory(path)?
    } else {
        loader.file(path)?
    };
    Ok(loader.finish(path, format))
}

/// Loads one task file's bytes. `id` and `split` say what the file name and
/// location told; the problem returned names `file`.
pub fn task_from_bytes(file: &Path, id: &str, split: Split, bytes: &[u8]) -> Result<Task, Problem> {
    let problem = |place, message| Problem {
        severity: Severity::Error,
        file: file.to_path_buf(),
        task: Some(id.to_owned()),
        place,
        message,
    };
    let (train, test) = match plain_task(bytes) {
        Some(pairs) => pairs,
        None => {
            let value: Value = serde_json::from_slice(bytes)
                .map_err(|e| problem(None, format!("not valid JSON: {e}")))?;
            pairs_from_json(&value, None).map_err(|(place, m)| problem(place, m))?
        }
    };
    Ok(Task {
        id: id.to_owned(),
        split,
        file: file.to_path_buf(),
        train,
        test,
    })
}

/// Loads a collection JSON's bytes (`{split: {id: task}}` or `{id: task}`).
pub fn collection_from_bytes(
    file: &Path,
    bytes: &[u8],
    filter: SplitFilter,
) -> Result<Dataset, LoadError> {
    let mut loader = Loader {
        filter,
        tasks: Vec::new(),
        problems: Vec::new(),
    };
    loader.collection(file, bytes)?;
    Ok(loader.finish(file, Format::Collection))
}

/// Loads a Kaggle challenges file's bytes, with its solutions file's bytes
/// where there is one (`Err` holds why it could not be read).
pub fn kaggle_from_bytes(
    challenges: &Path,
    bytes: &[u8],
    solutions: (&Path, Result<Vec<u8>, String>),
    filter: SplitFilter,
) -> Result<Dataset, LoadError> {
    let mut loader = Loader {
        filter,
        tasks: Vec::new(),
        problems: Vec::new(),
    };
    loader.kaggle(challenges, bytes, solutions)?;
    Ok(loader.finish(challenges, Format::Kaggle))
}

/// Suffix of a Kaggle challenges file.
const CHALLENGES: &str = "_challenges.json";
/// Suffix of a Kaggle solutions file.
const SOLUTIONS: &str = "_solutions.json";

struct Loader {
    filter: SplitFilter,
    tasks: Vec<Task>,
    problems: Vec<Problem>,
}

impl Loader {
    fn finish(mut self, source: &Path, format: Format) -> Dataset {
        self.tasks
            .sort_by(|a, b| (&a.id, a.split, &a.file).cmp(&(&b.id, b.split, &b.file)));
        let mut tasks: Vec<Task> = Vec::with_capacity(self.tasks.len());
        for task in self.tasks {
            match tasks.last() {
                Some(kept) if kept.id == task.id && kept.split == task.split => {
                    self.problems.push(Problem {
                        severity: Severity::Error,
                        file: task.file.clone(),
                        task: Some(task.id.clone()),
                        place: None,
                        message: format!(
                            "the {} task {} was already read from {}",
                            task.split,
                            task.id,
                            kept.file.display()
                        ),
                    });
                }
                Some(kept) if kept.id == task.id => {
                    self.problems.push(Problem {
                        severity: Severity::Warning,
                        file: task.file.clone(),
                        task: Some(task.id.clone()),
                        place: None,
                        message: format!(
                            "in the {} split, and also in the {} split, read from {}; both are loaded",
                            task.split,
                            kept.split,
                            kept.file.display()
                        ),
                    });
                    tasks.push(task);
                }
                _ => tasks.push(task),
            }
        }
        Dataset {
            source: source.to_path_buf(),
            format,
            tasks,
            problems: self.problems,
        }
    }

    fn error(&mut self, file: &Path, task: Option<&str>, message: String) {
        self.problems.push(Problem {
            severity: Severity::Error,
            file: file.to_path_buf(),
            task: task.map(str::to_owned),
            place: None,
            message,
        });
    }

    fn directory(&mut self, dir: &Path) -> Result<Format, LoadError> {
        let entries = sorted_entries(dir)?;
        let challenges: Vec<&PathBuf> = entries
            .iter()
            .filter(|p| p.is_file() && file_name(p).ends_with(CHALLENGES))
            .collect();
        if !challenges.is_empty() {
            for file in challenges {
                if self.filter.accepts(kaggle_split(file))
                    || kaggle_split(file) == Split::Unspecified
                {
                    self.kaggle_file(file)?;
                }
            }
            return Ok(Format::Kaggle);
        }
        let split_dirs: Vec<(&PathBuf, Split)> = entries
            .iter()
            .filter(|p| p.is_dir())
            .filter_map(|p| Split::from_name(file_name(p)).map(|s| (p, s)))
            .collect();
        if !split_dirs.is_empty() {
            for (sub, split) in split_dirs {
                if self.filter.accepts(split)
                    && let Err(e) = self.task_files(sub, split)
                {
                    self.error(
                        &e.path,
                        None,
                        format!("{}; the {split} tasks are skipped", e.message),
                    );
                }
            }
            return Ok(Format::TaskFiles);
        }
        if entries.iter().any(|p| has_json_name(p)) {
            let split = Split::from_name(file_name(dir)).unwrap_or(Split::Unspecified);
            if self.filter.accepts(split) || split == Split::Unspecified {
                self.task_files(dir, split)?;
            }
            return Ok(Format::TaskFiles);
        }
        let hint: Vec<String> = entries
            .iter()
            .filter(|p| p.is_dir())
            .map(|p| file_name(p).to_owned())
            .collect();
        Err(LoadError {
            path: dir.to_path_buf(),
            message: format!(
                "no ARC tasks here: expected `training/` or `evaluation/` folders of task files, task files, or `*{CHALLENGES}` files{}",
                if hint.is_empty() {
                    String::new()
                } else {
                    format!(" (sub-folders: {})", hint.join(", "))
                }
            ),
        })
    }

    /// Loads every entry of `dir` named `*.json`; one that is not a
    /// readable file is one problem.
    fn task_files(&mut self, dir: &Path, split: Split) -> Result<(), LoadError> {
        for file in sorted_entries(dir)?.iter().filter(|p| has_json_name(p)) {
            if let Some(why) = not_a_file(file) {
                self.error(file, None, format!("{why}; skipped"));
                continue;
            }
            let id = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            match fs::read(file) {
                Ok(bytes) => match task_from_bytes(file, &id, split, &bytes) {
                    Ok(task) => self.tasks.push(task),
                    Err(problem) => self.problems.push(problem),
                },
                Err(e) => self.error(file, Some(&id), format!("cannot read: {e}")),
            }
        }
        Ok(())
    }

    fn file(&mut self, file: &Path) -> Result<Format, LoadError> {
        let name = file_name(file);
        if let Some(stem) = name.strip_suffix(SOLUTIONS) {
            let challenges = file.with_file_name(format!("{stem}{CHALLENGES}"));
            self.kaggle_file(&challenges)?;
            return Ok(Format::Kaggle);
        }
        if name.ends_with(CHALLENGES) {
            self.kaggle_file(file)?;
            return Ok(Format::Kaggle);
        }
        let bytes = read(file)?;
        let value: Value = serde_json::from_slice(&bytes).map_err(|e| LoadError {
            path: file.to_path_buf(),
            message: format!("not valid JSON: {e}"),
        })?;
        if value.get("train").is_some_and(Value::is_array) {
            let id = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let split = file
                .parent()
                .and_then(|p| Split::from_name(file_name(p)))
                .unwrap_or(Split::Unspecified);
            match pairs_from_json(&value, None) {
                Ok((train, test)) => self.tasks.push(Task {
                    id,
                    split,
                    file: file.to_path_buf(),
                    train,
                    test,
                }),
                Err((place, message)) => self.problems.push(Problem {
                    severity: Severity::Error,
                    file: file.to_path_buf(),
                    task: Some(id),
                    place,
                    message,
                }),
            }
            return Ok(Format::TaskFiles);
        }
        self.collection_value(file, &value)?;
        Ok(Format::Collection)
    }

    fn collection(&mut self, file: &Path, bytes: &[u8]) -> Result<(), LoadError> {
        let value: Value = serde_json::from_slice(bytes).map_err(|e| LoadError {
            path: file.to_path_buf(),
            message: format!("not valid JSON: {e}"),
        })?;
        self.collection_value(file, &value)
    }

    fn collection_value(&mut self, file: &Path, value: &Value) -> Result<(), LoadError> {
        let not_collection = || {
            LoadError {
            path: file.to_path_buf(),
            message: "not an ARC task file, collection or Kaggle challenges file: expected a JSON object of tasks or of splits".to_owned(),
        }
        };
        let object = value.as_object().ok_or_else(not_collection)?;
        let split_keyed = !object.is_empty()
            && object.keys().all(|k| Split::from_name(k).is_some())
            && object
                .values()
                .all(|v| v.is_object() && v.get("train").is_none_or(|t| !t.is_array()));
        if split_keyed {
            for (key, tasks) in object {
                let split = Split::from_name(key).unwrap_or(Split::Unspecified);
                if self.filter.accepts(split) {
                    self.task_map(file, split, tasks, None);
                }
            }
        } else if object.values().all(Value::is_object) {
            self.task_map(file, Split::Unspecified, value, None);
        } else {
            return Err(not_collection());
        }
        Ok(())
    }

    /// Reads `{id: task}`; `solutions` supplies test outputs (Kaggle).
    fn task_map(
        &mut self,
        file: &Path,
        split: Split,
        tasks: &Value,
        solutions: Option<&Solutions<'_>>,
    ) {
        let Some(tasks) = tasks.as_object() else {
            self.error(
                file,
                None,
                format!("the {split} split is not an object of tasks"),
            );
            return;
        };
        for (id, task) in tasks {
            let outputs = solutions.and_then(|s| s.outputs.get(id.as_str()));
            match pairs_from_json(task, outputs.copied()) {
                Ok((train, test)) => self.tasks.push(Task {
                    id: id.clone(),
                    split,
                    file: file.to_path_buf(),
                    train,
                    test,
                }),
                Err((place, message)) => {
                    // A problem with a solution grid is in the solutions file.
                    let in_solutions = matches!(
                        place,
                        Some(Place {
                            kind: SampleKind::Test,
                            output: Some(true),
                            ..
                        })
                    ) && outputs.is_some();
                    let file = match (in_solutions, solutions) {
                        (true, Some(s)) => s.file.clone(),
                        _ => file.to_path_buf(),
                    };
                    self.problems.push(Problem {
                        severity: Severity::Error,
                        file,
                        task: Some(id.clone()),
                        place,
                        message,
                    });
                }
            }
        }
        if let Some(solutions) = solutions {
            for id in solutions
                .outputs
                .keys()
                .filter(|id| !tasks.contains_key(**id))
            {
                self.problems.push(Problem {
                    severity: Severity::Warning,
                    file: solutions.file.clone(),
                    task: Some((*id).to_owned()),
                    place: None,
                    message: "has solutions but no challenge; ignored".to_owned(),
                });
            }
        }
    }

    fn kaggle_file(&mut self, challenges: &Path) -> Result<(), LoadError> {
        let bytes = read(challenges)?;
        let stem = file_name(challenges)
            .strip_suffix(CHALLENGES)
            .unwrap_or_default();
        let solutions = challenges.with_file_name(format!("{stem}{SOLUTIONS}"));
        let solution_bytes = match not_a_file(&solutions) {
            Some(why) => Err(why),
            None => fs::read(&solutions).map_err(|e| e.to_string()),
        };
        self.kaggle(challenges, &bytes, (&solutions, solution_bytes))
    }

    fn kaggle(
        &mut self,
        challenges: &Path,
        bytes: &[u8],
        (solutions_file, solutions): (&Path, Result<Vec<u8>, String>),
    ) -> Result<(), LoadError> {
        let value: Value = serde_json::from_slice(bytes).map_err(|e| LoadError {
            path: challenges.to_path_buf(),
            message: format!("not valid JSON: {e}"),
        })?;
        if !value.is_object() {
            return Err(LoadError {
                path: challenges.to_path_buf(),
                message: "not a Kaggle challenges file: expected a JSON object of tasks".to_owned(),
            });
        }
        let split = kaggle_split(challenges);
        let warn = |message: String| Problem {
            severity: Severity::Warning,
            file: solutions_file.to_path_buf(),
            task: None,
            place: None,
            message,
        };
        let solution_value = match solutions {
            Ok(bytes) => match serde_json::from_slice::<Value>(&bytes) {
                Ok(v) if v.is_object() => Some(v),
                Ok(_) => {
                    self.problems.push(warn(
                        "not a solutions file (expected a JSON object of output lists); test outputs are absent".to_owned(),
                    ));
                    None
                }
                Err(e) => {
                    self.problems.push(warn(format!(
                        "not valid JSON: {e}; test outputs are absent"
                    )));
                    None
                }
            },
            Err(e) => {
                self.problems.push(warn(format!(
                    "no solutions file beside {} ({e}); test outputs are absent",
                    file_name(challenges)
                )));
                None
            }
        };
        let solutions = solution_value.as_ref().map(|v| Solutions {
            file: solutions_file.to_path_buf(),
            outputs: v
                .as_object()
                .map(|m| m.iter().map(|(k, v)| (k.as_str(), v)).collect())
                .unwrap_or_default(),
        });
        self.task_map(challenges, split, &value, solutions.as_ref());
        Ok(())
    }
}

/// The test outputs of a Kaggle solutions file, by task id.
struct Solutions<'a> {
    file: PathBuf,
    outputs: BTreeMap<&'a str, &'a Value>,
}

fn kaggle_split(challenges: &Path) -> Split {
    let stem = file_name(challenges)
        .strip_suffix(CHALLENGES)
        .unwrap_or_default();
    stem.rsplit(['_', '-'])
        .find_map(Split::from_name)
        .unwrap_or(Split::Unspecified)
}

fn file_name(path: &Path) -> &str {
    path.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
}

/// Whether the entry is named like a task file (whatever it is).
fn has_json_name(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "json")
}

/// Why `path` is not a regular file that can be read, from its file type
/// alone: nothing is opened (opening a FIFO for reading blocks).
fn not_a_file(path: &Path) -> Option<String> {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) => return Some(format!("cannot read: {e}")),
    };
    let meta = if meta.file_type().is_symlink() {
        let target = fs::read_link(path)
            .map(|t| t.display().to_string())
            .unwrap_or_else(|_| "?".to_owned());
        match fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Some(format!(
                    "a dangling symbolic link: its target {target} does not exist"
                ));
            }
            Err(e) => {
                return Some(format!(
                    "a symbolic link to {target} that cannot be followed (a link loop?): {e}"
                ));
            }
        }
    } else {
        meta
    };
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    Some(format!("{}, not a task file", file_kind(kind)))
}

/// What a file that is not a regular file is, in words.
fn file_kind(kind: fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO (named pipe; not opened)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    if kind.is_dir() {
        "a directory"
    } else {
        "a special file"
    }
}

fn read(file: &Path) -> Result<Vec<u8>, LoadError> {
    let fail = |message| LoadError {
        path: file.to_path_buf(),
        message,
    };
    if let Some(why) = not_a_file(file) {
        return Err(fail(why));
    }
    fs::read(file).map_err(|e| fail(format!("cannot read: {e}")))
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let fail = |e: std::io::Error| LoadError {
        path: dir.to_path_buf(),
        message: format!("cannot list: {e}"),
    };
    let mut entries = fs::read_dir(dir)
        .map_err(fail)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(fail)?;
    entries.sort();
    Ok(entries)
}

type PairError = (Option<Place>, String);

/// The demonstration and test pairs of a task object. `outputs`, when
/// given, is the list of test outputs from a separate solutions file.
fn pairs_from_json(
    task: &Value,
    outputs: Option<&Value>,
) -> Result<(Vec<Pair>, Vec<Pair>), PairError> {
    let object = task.as_object().ok_or_else(|| {
        (
            None,
            format!("a task is a JSON object, found {}", kind_of(task)),
        )
    })?;
    let list = |key: &str| match object.get(key) {
        Some(Value::Array(items)) => Ok(items),
        Some(other) => Err((
            None,
            format!("`{key}` is {}, not a list of pairs", kind_of(other)),
        )),
        None => Err((None, format!("no `{key}` list"))),
    };
    let train_json = list("train")?;
    let test_json = list("test")?;
    if train_json.is_empty() {
        return Err((None, "no demonstration pairs (`train` is empty)".to_owned()));
    }
    let outputs = match outputs {
        None => None,
        Some(Value::Array(items)) if items.len() == test_json.len() => Some(items),
        Some(Value::Array(items)) => {
            return Err((
                None,
                format!(
                    "the solutions give {} outputs for {} test pairs",
                    items.len(),
                    test_json.len()
                ),
            ));
        }
        Some(other) => {
            return Err((
                None,
                format!(
                    "the solutions entry is {}, not a list of grids",
                    kind_of(other)
                ),
            ));
        }
    };
    let train = train_json
        .iter()
        .enumerate()
        .map(|(i, p)| pair_from_json(p, SampleKind::Demo, i, None))
        .collect::<Result<Vec<_>, _>>()?;
    let test = test_json
        .iter()
        .enumerate()
        .map(|(i, p)| pair_from_json(p, SampleKind::Test, i, outputs.map(|o| &o[i])))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((train, test))
}

fn pair_from_json(
    pair: &Value,
    kind: SampleKind,
    index: usize,
    output: Option<&Value>,
) -> Result<Pair, PairError> {
    let at = |output| {
        Some(Place {
            kind,
            index,
            output,
        })
    };
    let object = pair.as_object().ok_or_else(|| {
        (
            at(None),
            format!("a pair is a JSON object, found {}", kind_of(pair)),
        )
    })?;
    let input = object
        .get("input")
        .ok_or_else(|| (at(None), "no `input` grid".to_owned()))?;
    let input = grid_from_json(input).map_err(|m| (at(Some(false)), m))?;
    let output = match output.or_else(|| object.get("output")) {
        Some(v) => Some(grid_from_json(v).map_err(|m| (at(Some(true)), m))?),
        None if kind == SampleKind::Demo => {
            return Err((
                at(None),
                "no `output` grid (demonstration pairs need one)".to_owned(),
            ));
        }
        None => None,
    };
    Ok(Pair { input, output })
}

/// A task file as nearly every one is written: demonstration and test
/// pairs, each with both grids, read straight into grids; `None` for
/// anything else (a missing or `null` grid, a duplicated key, a grid that
/// is not a valid task grid, a file that is not JSON), which
/// [`pairs_from_json`] then reads, to say what is wrong where. Both give
/// the same pairs wherever this one gives any: parsing a task into a JSON
/// tree first costs an allocation per cell, most of loading 800 tasks.
fn plain_task(bytes: &[u8]) -> Option<(Vec<Pair>, Vec<Pair>)> {
    #[derive(serde::Deserialize)]
    struct PlainTask {
        train: Vec<PlainPair>,
        test: Vec<PlainPair>,
    }
    #[derive(serde::Deserialize)]
    struct PlainPair {
        input: Vec<Vec<u8>>,
        output: Vec<Vec<u8>>,
    }
    let task: PlainTask = serde_json::from_slice(bytes).ok()?;
    if task.train.is_empty() {
        return None;
    }
    let pairs = |pairs: Vec<PlainPair>| {
        pairs
            .into_iter()
            .map(|p| {
                Some(Pair {
                    input: plain_grid(&p.input)?,
                    output: Some(plain_grid(&p.output)?),
                })
            })
            .collect::<Option<Vec<_>>>()
    };
    Some((pairs(task.train)?, pairs(task.test)?))
}

/// The grid of `rows` where [`grid_from_json`] would accept it.
fn plain_grid(rows: &[Vec<u8>]) -> Option<Grid> {
    let width = rows.first()?.len();
    let side = 1..=MAX_SIDE;
    if !side.contains(&rows.len()) || !side.contains(&width) {
        return None;
    }
    let mut cells = Vec::with_capacity(rows.len() * width);
    for row in rows {
        if row.len() != width {
            return None;
        }
        cells.extend(row.iter().map(|&c| c.cast_signed()));
    }
    if cells.iter().any(|&c| !(0..=MAX_COLOUR).contains(&c)) {
        return None;
    }
    Grid::new(rows.len(), width, cells).ok()
}

/// A validated task grid: a list of 1..=30 rows of 1..=30 colours 0..=9.
fn grid_from_json(value: &Value) -> Result<Grid, String> {
    let rows = value
        .as_array()
        .ok_or_else(|| format!("a grid is a list of rows, found {}", kind_of(value)))?;
    if rows.is_empty() || rows.len() > MAX_SIDE {
        return Err(format!(
            "{} rows (each side must be 1..={MAX_SIDE})",
            rows.len()
        ));
    }
    let mut width = None;
    let mut cells = Vec::with_capacity(rows.len() * rows.len());
    for (i, row) in rows.iter().enumerate() {
        let row = row
            .as_array()
            .ok_or_else(|| format!("row {i} is {}, not a list of colours", kind_of(row)))?;
        match width {
            None if row.is_empty() || row.len() > MAX_SIDE => {
                return Err(format!(
                    "row {i} has {} cells (each side must be 1..={MAX_SIDE})",
                    row.len()
                ));
            }
            None => width = Some(row.len()),
            Some(w) if w != row.len() => {
                return Err(format!(
                    "row {i} has {} cells, row 0 has {w} (the grid is not rectangular)",
                    row.len()
                ));
            }
            Some(_) => {}
        }
        for (j, cell) in row.iter().enumerate() {
            match cell.as_u64() {
                Some(c) if c <= MAX_COLOUR as u64 => cells.push(c as i8),
                _ => {
                    return Err(format!(
                        "row {i} column {j} is {cell}, not a colour 0..={MAX_COLOUR}"
                    ));
                }
            }
        }
    }
    Grid::new(rows.len(), width.unwrap_or(0), cells).map_err(|e| e.to_string())
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"train":[{"input":[[1,2],[3,4]],"output":[[4,3],[2,1]]}],"test":[{"input":[[5]],"output":[[6]]}]}"#;

    fn problem_of(json: &str) -> Problem {
        task_from_bytes(
            Path::new("tasks/abc.json"),
            "abc",
            Split::Training,
            json.as_bytes(),
        )
        .unwrap_err()
    }

    #[test]
    fn splits_serialize_as_their_names_and_read_back() {
        for split in [
            Split::Training,
            Split::Evaluation,
            Split::Test,
            Split::Unspecified,
        ] {
            let text = serde_json::to_string(&split).unwrap();
            assert_eq!(text, format!("\"{}\"", split.name()));
            assert_eq!(serde_json::from_str::<Split>(&text).unwrap(), split);
        }
        assert!(serde_json::from_str::<Split>("\"train\"").is_err());
    }

    #[test]
    fn a_good_task_loads_in_order() {
        let task =
            task_from_bytes(Path::new("t/x.json"), "x", Split::Training, GOOD.as_bytes()).unwrap();
        assert_eq!(task.train.len(), 1);
        assert_eq!(task.train[0].input.cells(), &[1, 2, 3, 4]);
        assert_eq!(task.test[0].output.as_ref().unwrap().cells(), &[6]);
        let kinds: Vec<_> = task.samples().map(|s| (s.kind, s.index)).collect();
        assert_eq!(kinds, vec![(SampleKind::Demo, 0), (SampleKind::Test, 0)]);
        assert_eq!(task.grids().count(), 4);
    }

    #[test]
    fn the_plain_reading_gives_the_pairs_of_the_tree_or_leaves_the_file_to_it() {
        let big = format!("[{}]", vec!["[9,0,9]"; 30].join(","));
        let wide = format!("[[{}]]", vec!["0"; 31].join(","));
        let plain = [
            GOOD.to_owned(),
            r#"{"test":[{"output":[[0]],"input":[[0,9]]}],"name":"x","train":[{"input":[[1],[2]],"output":[[3]],"note":1}]}"#.to_owned(),
            format!(r#"{{"train":[{{"input":{big},"output":[[0]]}}],"test":[]}}"#),
        ];
        let refused = [
            r#"{"train":[{"input":[[1]],"output":[[1]]}],"test":[{"input":[[1]]}]}"#.to_owned(),
            r#"{"train":[{"input":[[1]],"output":null}],"test":[]}"#.to_owned(),
            r#"{"train":[{"input":[[1]],"output":[[10]]}],"test":[]}"#.to_owned(),
            r#"{"train":[{"input":[[1]],"output":[[1.0]]}],"test":[]}"#.to_owned(),
            r#"{"train":[{"input":[[1]],"output":[[-0]]}],"test":[]}"#.to_owned(),
            r#"{"train":[{"input":[[1],[2,3]],"output":[[1]]}],"test":[]}"#.to_owned(),
            r#"{"train":[{"input":[[]],"output":[[1]]}],"test":[]}"#.to_owned(),
            r#"{"train":[{"input":[],"output":[[1]]}],"test":[]}"#.to_owned(),
            r#"{"train":[{"input":[[1]],"input":[[2]],"output":[[1]]}],"test":[]}"#.to_owned(),
            r#"{"train":[],"test":[]}"#.to_owned(),
            format!(r#"{{"train":[{{"input":{wide},"output":[[1]]}}],"test":[]}}"#),
            "not json".to_owned(),
        ];
        for json in &plain {
            let tree: Value = serde_json::from_str(json).unwrap();
            assert_eq!(
                plain_task(json.as_bytes()),
                Some(pairs_from_json(&tree, None).unwrap()),
                "{json}"
            );
        }
        for json in &refused {
            assert_eq!(plain_task(json.as_bytes()), None, "{json}");
        }
        // What the tree makes of a refused file stands as it did: the
        // duplicated key is the last one's grid, the others are problems.
        let task = task_from_bytes(
            Path::new("t/x.json"),
            "x",
            Split::Training,
            refused[8].as_bytes(),
        )
        .unwrap();
        assert_eq!(task.train[0].input.cells(), &[2]);
        assert_eq!(
            problem_of(&refused[2]).to_string(),
            "tasks/abc.json: task abc: train pair 0 output: row 0 column 0 is 10, not a colour 0..=9 (task skipped)"
        );
    }

    #[test]
    fn ragged_rows_name_the_pair_and_row() {
        let p = problem_of(
            r#"{"train":[{"input":[[1]],"output":[[1]]},{"input":[[1,2],[3]],"output":[[1]]}],"test":[]}"#,
        );
        assert_eq!(
            p.to_string(),
            "tasks/abc.json: task abc: train pair 1 input: row 1 has 1 cells, row 0 has 2 (the grid is not rectangular) (task skipped)"
        );
    }

    #[test]
    fn a_31_by_31_grid_is_refused() {
        let row = format!("[{}]", vec!["0"; 31].join(","));
        let grid = format!("[{}]", vec![row.as_str(); 31].join(","));
        let p = problem_of(&format!(
            r#"{{"train":[{{"input":[[1]],"output":{grid}}}],"test":[]}}"#
        ));
        assert_eq!(p.place.unwrap().to_string(), "train pair 0 output");
        assert_eq!(p.message, "31 rows (each side must be 1..=30)");
        let wide = format!("[{row}]");
        let p = problem_of(&format!(
            r#"{{"train":[{{"input":{wide},"output":[[1]]}}],"test":[]}}"#
        ));
        assert_eq!(p.message, "row 0 has 31 cells (each side must be 1..=30)");
    }

    #[test]
    fn colour_ten_is_refused() {
        let p =
            problem_of(r#"{"train":[{"input":[[1]],"output":[[1]]}],"test":[{"input":[[0,10]]}]}"#);
        assert_eq!(p.place.unwrap().to_string(), "test pair 0 input");
        assert_eq!(p.message, "row 0 column 1 is 10, not a colour 0..=9");
        for bad in ["-1", "1.5", "\"3\"", "null", "99999999999999999999"] {
            let p = problem_of(&format!(
                r#"{{"train":[{{"input":[[{bad}]],"output":[[1]]}}],"test":[]}}"#
            ));
            assert!(p.message.contains("not a colour"), "{bad}: {p}");
        }
    }

    #[test]
    fn an_empty_train_list_is_refused() {
        let p = problem_of(r#"{"train":[],"test":[{"input":[[1]]}]}"#);
        assert_eq!(
            p.to_string(),
            "tasks/abc.json: task abc: no demonstration pairs (`train` is empty) (task skipped)"
        );
    }

    #[test]
    fn truncated_json_is_refused() {
        let p = problem_of(&GOOD[..GOOD.len() / 2]);
        assert!(
            p.message.starts_with("not valid JSON: EOF while parsing"),
            "{p}"
        );
        assert_eq!(p.task.as_deref(), Some("abc"));
    }

    #[test]
    fn shapes_of_other_mistakes() {
        let cases = [
            (r#"[]"#, "a task is a JSON object, found a list"),
            (r#"{"test":[]}"#, "no `train` list"),
            (
                r#"{"train":{},"test":[]}"#,
                "`train` is an object, not a list of pairs",
            ),
            (
                r#"{"train":[{"input":[[1]]}],"test":[]}"#,
                "no `output` grid (demonstration pairs need one)",
            ),
            (
                r#"{"train":[{"output":[[1]]}],"test":[]}"#,
                "no `input` grid",
            ),
            (
                r#"{"train":[{"input":[],"output":[[1]]}],"test":[]}"#,
                "0 rows (each side must be 1..=30)",
            ),
            (
                r#"{"train":[{"input":[[]],"output":[[1]]}],"test":[]}"#,
                "row 0 has 0 cells (each side must be 1..=30)",
            ),
            (
                r#"{"train":[{"input":[1],"output":[[1]]}],"test":[]}"#,
                "row 0 is a number, not a list of colours",
            ),
            (
                r#"{"train":[{"input":[[1]],"output":[[1]]}]}"#,
                "no `test` list",
            ),
        ];
        for (json, message) in cases {
            assert_eq!(problem_of(json).message, message, "{json}");
        }
    }

    #[test]
    fn test_outputs_may_be_absent() {
        let task = task_from_bytes(
            Path::new("x.json"),
            "x",
            Split::Test,
            br#"{"train":[{"input":[[1]],"output":[[2]]}],"test":[{"input":[[3]]}]}"#,
        )
        .unwrap();
        assert_eq!(task.test[0].output, None);
    }

    fn kaggle(challenges: &str, solutions: Result<&str, &str>) -> Dataset {
        kaggle_from_bytes(
            Path::new("k/arc-agi_evaluation_challenges.json"),
            challenges.as_bytes(),
            (
                Path::new("k/arc-agi_evaluation_solutions.json"),
                solutions
                    .map(|s| s.as_bytes().to_vec())
                    .map_err(str::to_owned),
            ),
            SplitFilter::All,
        )
        .unwrap()
    }

    const CHALLENGE: &str = r#"{"b":{"train":[{"input":[[1]],"output":[[2]]}],"test":[{"input":[[3]]},{"input":[[4]]}]},
                               "a":{"train":[{"input":[[1]],"output":[[2]]}],"test":[{"input":[[5]]}]}}"#;

    #[test]
    fn kaggle_pairs_join_solutions() {
        let ds = kaggle(CHALLENGE, Ok(r#"{"a":[[[7]]],"b":[[[8]],[[9]]]}"#));
        assert!(ds.problems.is_empty(), "{:?}", ds.problems);
        let ids: Vec<_> = ds.tasks.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(ds.tasks[0].split, Split::Evaluation);
        assert_eq!(ds.tasks[1].test[1].output.as_ref().unwrap().cells(), &[9]);
        assert_eq!(ds.sample_count(), 5);
    }

    #[test]
    fn a_missing_solutions_file_is_reported_and_tasks_load() {
        let ds = kaggle(CHALLENGE, Err("No such file or directory (os error 2)"));
        assert_eq!(ds.tasks.len(), 2);
        assert!(
            ds.tasks
                .iter()
                .all(|t| t.test.iter().all(|p| p.output.is_none()))
        );
        assert_eq!(ds.problems.len(), 1);
        assert_eq!(
            ds.problems[0].to_string(),
            "k/arc-agi_evaluation_solutions.json: no solutions file beside arc-agi_evaluation_challenges.json (No such file or directory (os error 2)); test outputs are absent"
        );
        assert_eq!(ds.problems[0].severity, Severity::Warning);
    }

    #[test]
    fn bad_solutions_name_the_solutions_file() {
        let ds = kaggle(CHALLENGE, Ok(r#"{"a":[[[7,7],[1]]],"b":[[[8]]]}"#));
        let ids: Vec<_> = ds.tasks.iter().map(|t| t.id.as_str()).collect();
        assert!(ids.is_empty(), "{ids:?}");
        let lines: Vec<String> = ds.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "k/arc-agi_evaluation_solutions.json: task a: test pair 0 output: row 1 has 1 cells, row 0 has 2 (the grid is not rectangular) (task skipped)",
                "k/arc-agi_evaluation_challenges.json: task b: the solutions give 1 outputs for 2 test pairs (task skipped)",
            ]
        );
        let ds = kaggle(CHALLENGE, Ok(r#"{"a":[[[7]]"#));
        assert_eq!(ds.tasks.len(), 2);
        assert!(
            ds.problems[0].message.starts_with("not valid JSON"),
            "{:?}",
            ds.problems
        );
    }

    #[test]
    fn collections_by_split_and_flat() {
        let json = format!(
            r#"{{"train":{{"t2":{GOOD},"t1":{GOOD}}},"eval":{{"e1":{GOOD},"bad":{{"train":[]}}}}}}"#
        );
        let ds =
            collection_from_bytes(Path::new("c.json"), json.as_bytes(), SplitFilter::All).unwrap();
        let ids: Vec<_> = ds.tasks.iter().map(|t| (t.id.as_str(), t.split)).collect();
        assert_eq!(
            ids,
            [
                ("e1", Split::Evaluation),
                ("t1", Split::Training),
                ("t2", Split::Training)
            ]
        );
        assert_eq!(ds.errors().count(), 1);
        let ds = collection_from_bytes(Path::new("c.json"), json.as_bytes(), SplitFilter::Training)
            .unwrap();
        assert_eq!(ds.tasks.len(), 2);
        assert!(ds.problems.is_empty());
        let flat = format!(r#"{{"z":{GOOD}}}"#);
        let ds =
            collection_from_bytes(Path::new("c.json"), flat.as_bytes(), SplitFilter::All).unwrap();
        assert_eq!(ds.tasks[0].split, Split::Unspecified);
        let err =
            collection_from_bytes(Path::new("c.json"), b"[1,2]", SplitFilter::All).unwrap_err();
        assert!(
            err.to_string().starts_with("c.json: not an ARC task file"),
            "{err}"
        );
        let err = collection_from_bytes(Path::new("c.json"), b"{\"train\":{", SplitFilter::All)
            .unwrap_err();
        assert!(
            err.to_string().starts_with("c.json: not valid JSON"),
            "{err}"
        );
    }

    #[test]
    fn kaggle_split_comes_from_the_file_name() {
        assert_eq!(
            kaggle_split(Path::new("arc-agi_training_challenges.json")),
            Split::Training
        );
        assert_eq!(
            kaggle_split(Path::new("arc-agi_test_challenges.json")),
            Split::Test
        );
        assert_eq!(
            kaggle_split(Path::new("x/mine_challenges.json")),
            Split::Unspecified
        );
    }
}

//! What a run produces from its lane values: the per-task results
//! (`results.json`, schema in docs/results.md), the Kaggle
//! `submission.json`, every lane's value on request, the merge of shards,
//! and the human summary.
//!
//! [`score`] turns the lane values into [`Results`]: per task, the programs
//! that solve every demonstration pair, which of them also solve the test
//! pairs, the best partial matches, and two attempts per test input ranked
//! by demonstration matches. Every [`Results`] carries the identity of its
//! run ([`RunIdentity`]: the fingerprints of the tasks and the card, the
//! split, the pairing, the shard), which [`merge`] checks before it joins
//! shards' results into those of the whole run, refusing anything that
//! does not belong.
//!
//! The files of one run are committed together ([`OutDir`]): the output
//! directory is checked before the evaluation, the files are written into
//! a temporary directory inside it, moved into place, and `manifest.json`
//! (every file's SHA-256 and the run's identity) is written last;
//! [`read_run`] reads a directory back only when its files match its
//! manifest.
//!
//! The results stay typed until they are written: `results.json` is
//! `serde_json`'s pretty form of [`Results`] and reads back into the same
//! value. The fields of every struct written to it are declared in
//! alphabetical order, the order the file has always had, so that its text
//! does not change with the code; keep new fields in that order.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::batt::Program;
use crate::dataset::{Dataset, SampleKind, Split, SplitFilter};
use crate::dsl::Value;
use crate::grid::{Grid, MAX_SIDE};
use crate::run::{Pairing, SampleEval, paired};

mod merge;
mod outdir;

pub use merge::{MergeError, merge};
pub use outdir::{
    FileHash, MANIFEST, MANIFEST_SCHEMA, Manifest, OutDir, read_run, write_file_atomically,
    write_outputs,
};

/// The version of the `results.json` schema.
pub const RESULTS_SCHEMA: &str = "batt.results/4";

/// Where the time went.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timing {
    /// Loading the data and the card.
    pub load: Duration,
    /// Building the lanes' inputs.
    pub prepare: Duration,
    /// Evaluating.
    pub evaluate: Duration,
    /// Scoring.
    pub score: Duration,
    /// Writing the outputs.
    pub write: Duration,
}

/// `results.json`: what a run, or the merge of its shards, found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Results {
    /// What each program and primitive cost: set by `all-tasks`, `None`
    /// after scoring (and then absent from the file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub costs: Option<CostReport>,
    /// The path the tasks were loaded from.
    pub dataset: String,
    /// The differs' names, in card order.
    pub differs: Vec<String>,
    /// One per solver, in card order.
    pub programs: Vec<ProgramStats>,
    /// The programs of cards given at run time left out for their errors
    /// (empty for the compiled library and under `--strict`).
    pub refused: Vec<RefusedProgram>,
    /// What was run: the tasks, the card, the settings, the shard.
    pub run: RunIdentity,
    /// The schema of the file, [`RESULTS_SCHEMA`] when this version wrote it.
    pub schema: String,
    /// One line per task that could not be loaded.
    pub skipped: Vec<String>,
    /// The overall figures, derived from `tasks`, `programs` and `skipped`.
    pub summary: Summary,
    /// One per task evaluated, in dataset order (by id and split after a
    /// merge).
    pub tasks: Vec<TaskResult>,
    /// Where the time went: set by `all-tasks`, `None` after scoring or a
    /// merge (and then absent from the file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timing: Option<TimingReport>,
}

/// A program of the cards left out for its errors (see
/// `batt_gen::lenient`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefusedProgram {
    /// The code of its first error (`unknown-name`, `arity`, ...).
    pub code: String,
    /// The card file.
    pub file: String,
    /// The line (1-based) of its first error.
    pub line: usize,
    /// Its name (`None` for a syntax error, which leaves the program out
    /// before it has one).
    pub program: Option<String>,
}

impl From<&batt_gen::lenient::Refusal> for RefusedProgram {
    fn from(r: &batt_gen::lenient::Refusal) -> Self {
        RefusedProgram {
            code: r.code.clone(),
            file: r.file.clone(),
            line: r.line,
            program: r.program.clone(),
        }
    }
}

/// The identity of a run: the same identity means the same tasks, the
/// same card and the same settings, whatever paths, formats or kind of card
/// they came from. Shards of one run differ only in `shard`; their merge has
/// the identity of the whole run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunIdentity {
    /// The card's fingerprint ([`crate::card::Card::fingerprint`]).
    pub card_sha256: String,
    /// The fingerprint of the loaded tasks, in dataset order
    /// ([`crate::fingerprint::dataset`]).
    pub dataset_sha256: String,
    /// The number of tasks loaded, before sharding.
    pub dataset_tasks: usize,
    /// Which programs ran on which samples.
    pub pairing: Pairing,
    /// `None` for a complete run; after `merge --allow-partial` of an
    /// incomplete set of shards, the shards missing.
    pub partial: Option<Partial>,
    /// `(k, n)` for `--shard k/n`; `None` for a whole run or a merge.
    pub shard: Option<(usize, usize)>,
    /// The splits loaded (`--split`).
    #[serde(with = "split_filter")]
    pub split: SplitFilter,
}

/// The shards a partial merge lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partial {
    /// The shards missing, `k` of `k/n`, ascending.
    pub missing: Vec<usize>,
    /// `n`, the number of shards of the run.
    pub shards: usize,
}

impl std::fmt::Display for Partial {
    /// `shard 2/4 missing`, `shards 1/4, 3/4 missing`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let list: Vec<String> = self
            .missing
            .iter()
            .map(|k| format!("{k}/{}", self.shards))
            .collect();
        let s = if list.len() == 1 { "" } else { "s" };
        write!(f, "shard{s} {} missing", list.join(", "))
    }
}

impl RunIdentity {
    /// The tasks a shard of this run holds when it is complete: those whose
    /// index in the dataset is `k` mod `n` (all of them for a whole run).
    pub fn expected_tasks(&self) -> usize {
        match self.shard {
            Some((k, n)) if n > 0 => {
                self.dataset_tasks / n + usize::from(k < self.dataset_tasks % n)
            }
            _ => self.dataset_tasks,
        }
    }
}

/// The name the command line gives `value` (`--split all`, `--pairing own`).
pub(crate) fn cli_name<T: clap::ValueEnum>(value: &T) -> String {
    value
        .to_possible_value()
        .map_or_else(String::new, |v| v.get_name().to_owned())
}

/// A [`SplitFilter`] in the file: the name `--split` takes.
mod split_filter {
    use clap::ValueEnum as _;
    use serde::{Deserialize as _, Deserializer, Serializer, de, ser};

    use crate::dataset::SplitFilter;

    pub(super) fn serialize<S: Serializer>(filter: &SplitFilter, s: S) -> Result<S::Ok, S::Error> {
        let value = filter
            .to_possible_value()
            .ok_or_else(|| ser::Error::custom(format!("{filter:?} has no name")))?;
        s.serialize_str(value.get_name())
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<SplitFilter, D::Error> {
        let name = String::deserialize(d)?;
        SplitFilter::from_str(&name, false)
            .map_err(|_| de::Error::custom(format!("no split filter is named {name:?}")))
    }
}

/// One solver's figures over the lanes it ran on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramStats {
    /// The samples it ran on.
    pub lanes: u64,
    /// Lanes lost to a panic.
    pub lanes_failed: u64,
    /// Its name, `solve_<task>`.
    pub name: String,
    /// Lanes whose output equals the expected output.
    pub samples_solved: u64,
    /// Failed steps summed over its lanes.
    pub steps_failed: u64,
    /// The task it was written for.
    pub task: String,
}

/// What the programs did on one task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskResult {
    /// Per test input, the programs whose outputs the two attempts are:
    /// the first program in the ranking to give that grid, `None` for an
    /// attempt filled with the test input because no program gave one.
    pub attempt_programs: Vec<[Option<String>; 2]>,
    /// Per test input, the two attempts (as in `submission.json`).
    pub attempts: Vec<Attempts>,
    /// Up to three programs solving some but not all demonstration pairs,
    /// best first.
    pub best_partial: Vec<PartialMatch>,
    /// The number of demonstration pairs.
    pub demo_pairs: usize,
    /// The task's id.
    pub id: String,
    /// The programs solving every demonstration pair, in card order.
    pub solvers: Vec<String>,
    /// The split the task belongs to.
    pub split: Split,
    /// Per test input: whether an attempt equals the expected output,
    /// `None` when that is unknown.
    pub test_correct: Vec<Option<bool>>,
    /// The number of test pairs.
    pub test_pairs: usize,
    /// The solvers that also solve every test pair with a known output.
    pub test_solvers: Vec<String>,
}

/// A program solving some demonstration pairs of a task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartialMatch {
    /// The demonstration pairs it solves.
    pub demo_matches: usize,
    /// Its name.
    pub program: String,
}

/// The two answers to one test input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attempts {
    /// The first answer.
    pub attempt_1: Grid,
    /// The second answer.
    pub attempt_2: Grid,
}

/// The overall figures of a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// The mean over tasks with known test outputs of the share of their
    /// test inputs answered correctly; `None` when no output is known.
    pub kaggle_score: Option<f64>,
    /// Lanes (program, sample) evaluated.
    pub lanes: u64,
    /// Tasks that could not be loaded.
    pub skipped_tasks: usize,
    /// Tasks evaluated.
    pub tasks: usize,
    /// Tasks some program solves on every demonstration pair.
    pub tasks_solved_demo: usize,
    /// Tasks some program solves on every demonstration and test pair.
    pub tasks_solved_demo_and_test: usize,
    /// `test_pairs_correct_two_attempts / test_pairs_with_output`; `None`
    /// when no test output is known.
    pub test_accuracy: Option<f64>,
    /// Test inputs with a known output that an attempt answers.
    pub test_pairs_correct_two_attempts: usize,
    /// Test inputs with a known output.
    pub test_pairs_with_output: usize,
}

/// What the programs and primitives of a run cost, summed over its lanes:
/// the work units they charged (deterministic for the lanes the CPU
/// evaluated; lanes a device evaluated count neither units nor time) and
/// the wall time. A program's cost is what evaluating it alone would cost:
/// a step shared by several programs counts in each. A primitive's cost is
/// that of the steps calling it (the callables it calls included; `call`
/// for a step calling a callable value).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostReport {
    /// By primitive, the costliest (in units) first.
    pub primitives: Vec<PrimitiveCost>,
    /// By program, in card order.
    pub programs: Vec<ProgramCost>,
}

/// One program's cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramCost {
    /// Its name.
    pub name: String,
    /// Wall time of its steps, in seconds.
    pub seconds: f64,
    /// Work units its steps charged.
    pub units: u64,
}

/// One primitive's cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrimitiveCost {
    /// Its name.
    pub name: String,
    /// Wall time of the steps calling it, in seconds.
    pub seconds: f64,
    /// How many steps called it.
    pub steps: u64,
    /// Work units those steps charged.
    pub units: u64,
}

impl CostReport {
    /// The sum of two reports of the same card (shards of one run).
    pub fn add(&self, other: &CostReport) -> CostReport {
        let mut programs = self.programs.clone();
        for (p, q) in programs.iter_mut().zip(&other.programs) {
            p.seconds += q.seconds;
            p.units = p.units.saturating_add(q.units);
        }
        let mut primitives: std::collections::BTreeMap<String, PrimitiveCost> = self
            .primitives
            .iter()
            .map(|c| (c.name.clone(), c.clone()))
            .collect();
        for c in &other.primitives {
            let e = primitives.entry(c.name.clone()).or_insert(PrimitiveCost {
                name: c.name.clone(),
                seconds: 0.0,
                steps: 0,
                units: 0,
            });
            e.seconds += c.seconds;
            e.steps = e.steps.saturating_add(c.steps);
            e.units = e.units.saturating_add(c.units);
        }
        CostReport {
            primitives: sorted_by_units(primitives.into_values().collect()),
            programs,
        }
    }
}

/// Primitives, the costliest (in units, then time, then name) first.
pub fn sorted_by_units(mut primitives: Vec<PrimitiveCost>) -> Vec<PrimitiveCost> {
    primitives.sort_by(|a, b| {
        b.units
            .cmp(&a.units)
            .then(b.seconds.total_cmp(&a.seconds))
            .then(a.name.cmp(&b.name))
    });
    primitives
}

/// [`Timing`] in seconds, and the backend that evaluated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimingReport {
    /// The backend chosen, and why.
    pub backend: String,
    /// Evaluating.
    pub evaluate_s: f64,
    /// Loading the data and the card.
    pub load_s: f64,
    /// Building the lanes' inputs.
    pub prepare_s: f64,
    /// Scoring.
    pub score_s: f64,
    /// Writing the outputs (zero in the file, which is written before this
    /// is known).
    pub write_s: f64,
}

impl TimingReport {
    /// The report of `timing`, with the backend chosen and why.
    pub fn new(timing: &Timing, backend: String) -> TimingReport {
        TimingReport {
            backend,
            evaluate_s: timing.evaluate.as_secs_f64(),
            load_s: timing.load.as_secs_f64(),
            prepare_s: timing.prepare.as_secs_f64(),
            score_s: timing.score.as_secs_f64(),
            write_s: timing.write.as_secs_f64(),
        }
    }
}

/// `submission.json`: the attempts per test input of every task, by task id.
pub type Submission = BTreeMap<String, Vec<Attempts>>;

/// A grid a submission can hold: 1..=30 a side, colours 0..=9.
fn as_answer(v: &Value) -> Option<Grid> {
    let g = crate::dsl::shape::grid(v).ok()?;
    let ok = (1..=MAX_SIDE).contains(&g.height())
        && (1..=MAX_SIDE).contains(&g.width())
        && g.cells().iter().all(|&c| (0..=9).contains(&c));
    ok.then(|| g.into_owned())
}

/// Whether a lane's value can be a submitted answer ([`as_answer`]).
pub fn is_answer(v: &Value) -> bool {
    as_answer(v).is_some()
}

/// The best score a tuple-valued differ gives (tokpidjin's scale, 0..=1000,
/// more is better).
pub const DIFFER_TUPLE_MAX: i64 = 1000;

/// What one differ value adds to its program's differ sum, where less is
/// better (the ranking of [`score`]), or `None` when the value does not
/// count:
///
/// - an integer (or a boolean, as 0 or 1) adds itself, unchanged;
/// - a tuple `(score, item, ...)` in tokpidjin's form adds
///   `DIFFER_TUPLE_MAX - clamp(score, 0, DIFFER_TUPLE_MAX)`: tokpidjin adds
///   the clamped `score` to a sum where more is better, so a tuple scoring
///   1000 (a perfect match) adds 0 here and one scoring 0 adds 1000;
/// - any other tuple (fewer than two items, or a first item that is not an
///   integer, such as the empty tuple a failed `astuple` step defaults to)
///   adds `DIFFER_TUPLE_MAX`, the worst, as tokpidjin adds nothing to its
///   more-is-better sum for it;
/// - any other value does not count.
pub fn differ_distance(score: &Value) -> Option<i64> {
    let tuple_score =
        |first: Option<i64>| DIFFER_TUPLE_MAX - first.map_or(0, |s| s.clamp(0, DIFFER_TUPLE_MAX));
    match score {
        Value::Int(_) | Value::Bool(_) => score.as_int(),
        Value::Pair(first, _) => Some(tuple_score(Some(*first))),
        Value::Tuple(items) => Some(tuple_score(match &items[..] {
            [Value::Int(first), _, ..] => Some(*first),
            _ => None,
        })),
        _ => None,
    }
}

/// Scores evaluated samples into [`Results`] (without timing), the results
/// of the run `run` (whose pairing says which programs ran on which task).
pub fn score(
    programs: &[Program],
    differs: &[&str],
    ds: &Dataset,
    evals: &[SampleEval],
    run: RunIdentity,
) -> Results {
    let pairing = run.pairing;
    let mut samples_solved = vec![0u64; programs.len()];
    let mut steps_failed = vec![0u64; programs.len()];
    let mut lanes = vec![0u64; programs.len()];
    let mut lanes_failed = vec![0u64; programs.len()];
    let mut task_results = Vec::new();
    let mut by_task: Vec<(usize, Vec<&SampleEval>)> = Vec::new();
    for e in evals {
        match by_task.last_mut() {
            Some((t, list)) if *t == e.task => list.push(e),
            _ => by_task.push((e.task, vec![e])),
        }
    }
    for (t, list) in by_task {
        let task = &ds.tasks[t];
        let mine: Vec<usize> = (0..programs.len())
            .filter(|&p| paired(pairing, &programs[p].task, task))
            .collect();
        let mut demo_matches = vec![0usize; programs.len()];
        let mut test_matches = vec![0usize; programs.len()];
        let mut test_outputs: Vec<Vec<Option<Value>>> = vec![Vec::new(); task.test.len()];
        // Exact sums, whatever the order the lanes come in (a device
        // folds some of them by task).
        let mut differ_sums = vec![0i128; programs.len()];
        for e in &list {
            let pair = match e.kind {
                SampleKind::Demo => &task.train[e.index],
                SampleKind::Test => &task.test[e.index],
            };
            let expected = pair.output.clone().map(Value::grid);
            for &p in &mine {
                lanes[p] += 1;
                let value = e
                    .output
                    .as_ref()
                    .and_then(|o| o.o.get(p))
                    .map(|(_, v)| v.clone());
                match e.output.as_ref() {
                    Some(o) => steps_failed[p] += u64::from(o.failed.get(p).copied().unwrap_or(0)),
                    None => lanes_failed[p] += 1,
                }
                let solved = value.is_some() && value == expected;
                if solved {
                    samples_solved[p] += 1;
                    match e.kind {
                        SampleKind::Demo => demo_matches[p] += 1,
                        SampleKind::Test => test_matches[p] += 1,
                    }
                }
                if e.kind == SampleKind::Test
                    && let Some(slot) = test_outputs.get_mut(e.index)
                {
                    slot.push(value);
                }
            }
            if e.kind == SampleKind::Demo
                && let Some(o) = &e.output
            {
                for (p, d, score) in &o.s {
                    if let (Some(sum), Some(n)) = (differ_sums.get_mut(*p), differ_distance(score))
                        && *d < differs.len()
                    {
                        *sum += i128::from(n);
                    }
                }
            }
            // Demonstration lanes a device folded, of paired programs.
            for (p, fold) in &e.folds {
                if *p < programs.len() {
                    let matched = fold.matched.max(0) as usize;
                    samples_solved[*p] += matched as u64;
                    demo_matches[*p] += matched;
                    steps_failed[*p] += fold.failed.max(0) as u64;
                    differ_sums[*p] += fold.differ_sum();
                }
            }
        }
        let n_demos = task.train.len();
        let n_tests_known = task.test.iter().filter(|p| p.output.is_some()).count();
        let solvers: Vec<usize> = mine
            .iter()
            .copied()
            .filter(|&p| demo_matches[p] == n_demos)
            .collect();
        let test_solvers: Vec<String> = solvers
            .iter()
            .filter(|&&p| n_tests_known > 0 && test_matches[p] == n_tests_known)
            .map(|&p| programs[p].name.to_string())
            .collect();
        // Rank: demonstration matches (more first), then the sum of the
        // differ scores on the demonstrations (less first), then program order.
        let mut ranked = mine.clone();
        ranked.sort_by_key(|&p| (std::cmp::Reverse(demo_matches[p]), differ_sums[p], p));
        let best_partial: Vec<PartialMatch> = ranked
            .iter()
            .filter(|&&p| demo_matches[p] > 0 && demo_matches[p] < n_demos)
            .take(3)
            .map(|&p| PartialMatch {
                demo_matches: demo_matches[p],
                program: programs[p].name.to_string(),
            })
            .collect();
        let mut attempts = Vec::new();
        let mut attempt_programs = Vec::new();
        let mut correct = Vec::new();
        for (k, pair) in task.test.iter().enumerate() {
            let mut picked: Vec<Grid> = Vec::new();
            let mut by: Vec<Option<String>> = Vec::new();
            for &p in &ranked {
                let slot = mine.iter().position(|&q| q == p);
                let value = slot.and_then(|s| {
                    test_outputs
                        .get(k)
                        .and_then(|o| o.get(s))
                        .cloned()
                        .flatten()
                });
                if let Some(g) = value.as_ref().and_then(as_answer)
                    && !picked.contains(&g)
                {
                    picked.push(g);
                    by.push(Some(programs[p].name.to_string()));
                }
                if picked.len() == 2 {
                    break;
                }
            }
            while picked.len() < 2 {
                picked.push(pair.input.clone());
                by.push(None);
            }
            correct.push(pair.output.as_ref().map(|want| picked.contains(want)));
            attempts.push(Attempts {
                attempt_1: picked[0].clone(),
                attempt_2: picked[1].clone(),
            });
            attempt_programs.push([by[0].take(), by[1].take()]);
        }
        task_results.push(TaskResult {
            attempt_programs,
            attempts,
            best_partial,
            demo_pairs: n_demos,
            id: task.id.clone(),
            solvers: solvers
                .iter()
                .map(|&p| programs[p].name.to_string())
                .collect(),
            split: task.split,
            test_correct: correct,
            test_pairs: task.test.len(),
            test_solvers,
        });
    }
    let program_stats: Vec<ProgramStats> = programs
        .iter()
        .enumerate()
        .map(|(p, program)| ProgramStats {
            lanes: lanes[p],
            lanes_failed: lanes_failed[p],
            name: program.name.to_string(),
            samples_solved: samples_solved[p],
            steps_failed: steps_failed[p],
            task: program.task.to_string(),
        })
        .collect();
    let skipped: Vec<String> = ds.errors().map(ToString::to_string).collect();
    Results {
        costs: None,
        dataset: ds.source.display().to_string(),
        differs: differs.iter().map(|&d| d.to_owned()).collect(),
        summary: summarise(&task_results, &program_stats, skipped.len()),
        programs: program_stats,
        refused: Vec::new(),
        run,
        schema: RESULTS_SCHEMA.to_owned(),
        skipped,
        tasks: task_results,
        timing: None,
    }
}

/// The overall figures, derived from the per-task results, the programs'
/// figures and the number of tasks skipped (so that merged shards give the
/// same summary as one run).
pub fn summarise(tasks: &[TaskResult], programs: &[ProgramStats], skipped: usize) -> Summary {
    let mut solved_demo = 0;
    let mut solved_test = 0;
    let mut pairs_known = 0;
    let mut pairs_correct = 0;
    let mut kaggle = 0.0;
    let mut kaggle_tasks = 0;
    for t in tasks {
        if !t.solvers.is_empty() {
            solved_demo += 1;
        }
        if !t.test_solvers.is_empty() {
            solved_test += 1;
        }
        let flags: Vec<bool> = t.test_correct.iter().flatten().copied().collect();
        if !flags.is_empty() {
            pairs_known += flags.len();
            let right = flags.iter().filter(|&&b| b).count();
            pairs_correct += right;
            kaggle += right as f64 / flags.len() as f64;
            kaggle_tasks += 1;
        }
    }
    Summary {
        kaggle_score: (kaggle_tasks > 0).then(|| kaggle / kaggle_tasks as f64),
        lanes: programs.iter().map(|p| p.lanes).sum(),
        skipped_tasks: skipped,
        tasks: tasks.len(),
        tasks_solved_demo: solved_demo,
        tasks_solved_demo_and_test: solved_test,
        test_accuracy: (pairs_known > 0).then(|| pairs_correct as f64 / pairs_known as f64),
        test_pairs_correct_two_attempts: pairs_correct,
        test_pairs_with_output: pairs_known,
    }
}

/// The submission of the results: every task's attempts, by task id. A
/// task id found in more than one split (see [`shared_ids`]) has the
/// attempts of its first task in dataset order (training, evaluation, test,
/// unspecified), the others' being in `results.json` only.
pub fn submission(results: &Results) -> Submission {
    let mut sub = Submission::new();
    for t in &results.tasks {
        sub.entry(t.id.clone())
            .or_insert_with(|| t.attempts.clone());
    }
    sub
}

/// The task ids found in more than one split, each with its splits in
/// dataset order; `tasks` are (id, split) in dataset order.
pub fn shared_ids<'a>(
    tasks: impl IntoIterator<Item = (&'a str, Split)>,
) -> Vec<(&'a str, Vec<Split>)> {
    let mut by_id: BTreeMap<&str, Vec<Split>> = BTreeMap::new();
    for (id, split) in tasks {
        by_id.entry(id).or_default().push(split);
    }
    by_id
        .into_iter()
        .filter(|(_, splits)| splits.len() > 1)
        .collect()
}

/// The warning, one line, for task ids found in more than one split, or
/// `None` when every id is in one split.
pub fn shared_ids_warning<'a>(tasks: impl IntoIterator<Item = (&'a str, Split)>) -> Option<String> {
    let shared = shared_ids(tasks);
    if shared.is_empty() {
        return None;
    }
    let list: Vec<String> = shared
        .iter()
        .map(|(id, splits)| {
            let names: Vec<&str> = splits.iter().map(|s| s.name()).collect();
            format!("{id} ({})", names.join(", "))
        })
        .collect();
    Some(format!(
        "warning: {} task id{} in more than one split: {}; results.json keeps each task apart, \
         submission.json (one entry per id) keeps the first split's attempts",
        shared.len(),
        if shared.len() == 1 { " is" } else { "s are" },
        list.join("; ")
    ))
}

/// One line of `outputs.jsonl` (fields in alphabetical order, as ever),
/// written by [`dump_outputs`] and read back by the report
/// ([`crate::report`]), borrowing from the line where it can.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LaneValue<'a> {
    /// The index of the pair.
    pub index: usize,
    /// `train` or `test` ([`SampleKind::key`]).
    #[serde(borrow)]
    pub kind: Cow<'a, str>,
    /// The program's name.
    #[serde(borrow)]
    pub program: Cow<'a, str>,
    /// The task's split (which keeps apart a task id found in two).
    pub split: Split,
    /// The task's id.
    #[serde(borrow)]
    pub task: Cow<'a, str>,
    /// The value's repr, `None` when the lane failed.
    #[serde(borrow)]
    pub value: Option<Cow<'a, str>>,
}

/// Every lane's value as JSON lines: task (id and split), sample, program,
/// value (its repr).
pub fn dump_outputs(
    programs: &[Program],
    ds: &Dataset,
    evals: &[SampleEval],
    pairing: Pairing,
) -> String {
    let mut out = String::new();
    for e in evals {
        let task = &ds.tasks[e.task];
        for (p, program) in programs.iter().enumerate() {
            if !paired(pairing, &program.task, task) {
                continue;
            }
            let value = e
                .output
                .as_ref()
                .and_then(|o| o.o.get(p))
                .map(|(_, v)| Cow::Owned(v.to_string()));
            let line = LaneValue {
                index: e.index,
                kind: Cow::Borrowed(e.kind.key()),
                program: Cow::Borrowed(&program.name),
                split: task.split,
                task: Cow::Borrowed(&task.id),
                value,
            };
            out.push_str(&serde_json::to_string(&line).expect("a lane's value serialises"));
            out.push('\n');
        }
    }
    out
}

/// The human summary: overall figures, timing, and the best programs.
pub fn summary_table(results: &Results, timing: &Timing) -> String {
    use std::fmt::Write as _;
    let s = &results.summary;
    let mut out = String::new();
    let pct = |v: Option<f64>| v.map_or("unknown".to_owned(), |x| format!("{:.1}%", 100.0 * x));
    let rows = [
        ("tasks", s.tasks.to_string()),
        ("lanes (program, sample)", s.lanes.to_string()),
        (
            "tasks solved on all demonstrations",
            s.tasks_solved_demo.to_string(),
        ),
        (
            "tasks solved on demonstrations + test",
            s.tasks_solved_demo_and_test.to_string(),
        ),
        ("test accuracy (two attempts)", pct(s.test_accuracy)),
        ("Kaggle score", pct(s.kaggle_score)),
        ("tasks skipped (bad data)", s.skipped_tasks.to_string()),
        (
            "programs refused (errors)",
            results.refused.len().to_string(),
        ),
    ];
    for (name, value) in rows {
        let _ = writeln!(out, "{name:<40} {value:>10}");
    }
    let _ = writeln!(out, "\n{:<10} {:>9}", "time", "seconds");
    for (name, d) in [
        ("load", timing.load),
        ("prepare", timing.prepare),
        ("evaluate", timing.evaluate),
        ("score", timing.score),
        ("write", timing.write),
    ] {
        let _ = writeln!(out, "{name:<10} {:>9.2}", d.as_secs_f64());
    }
    let mut progs: Vec<&ProgramStats> = results.programs.iter().collect();
    progs.sort_by_key(|p| std::cmp::Reverse(p.samples_solved));
    let _ = writeln!(
        out,
        "\n{:<24} {:>15} {:>13}",
        "program", "samples solved", "steps failed"
    );
    for p in progs.iter().take(10) {
        let _ = writeln!(
            out,
            "{:<24} {:>15} {:>13}",
            p.name, p.samples_solved, p.steps_failed
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differ_values_become_distances_where_less_is_better() {
        let int = |n| Value::Int(n);
        let tuple = |items: Vec<Value>| Value::tuple(items);
        assert_eq!(differ_distance(&int(7)), Some(7));
        assert_eq!(differ_distance(&int(-3)), Some(-3));
        assert_eq!(differ_distance(&Value::Bool(true)), Some(1));
        // tokpidjin's `(score, item)`: 1000 is a perfect match.
        assert_eq!(differ_distance(&tuple(vec![int(1000), int(4)])), Some(0));
        assert_eq!(differ_distance(&tuple(vec![int(300), int(4)])), Some(700));
        assert_eq!(
            differ_distance(&tuple(vec![int(250), Value::tuple(vec![])])),
            Some(750)
        );
        // Clamped to 0..=1000, as tokpidjin does.
        assert_eq!(differ_distance(&tuple(vec![int(5000), int(0)])), Some(0));
        assert_eq!(differ_distance(&tuple(vec![int(-5), int(0)])), Some(1000));
        // Not a score tuple: the worst.
        assert_eq!(differ_distance(&tuple(vec![])), Some(1000));
        assert_eq!(differ_distance(&tuple(vec![int(10)])), Some(1000));
        assert_eq!(differ_distance(&Value::None), None);
    }

    pub(super) fn grid(colour: i8) -> Grid {
        Grid::filled(1, 1, colour).unwrap()
    }

    pub(super) fn task(id: &str, solved: bool) -> TaskResult {
        TaskResult {
            attempt_programs: vec![[Some(format!("solve_{id}")), None]],
            attempts: vec![Attempts {
                attempt_1: grid(1),
                attempt_2: grid(2),
            }],
            best_partial: Vec::new(),
            demo_pairs: 2,
            id: id.to_owned(),
            solvers: if solved {
                vec![format!("solve_{id}")]
            } else {
                Vec::new()
            },
            split: Split::Training,
            test_correct: vec![Some(solved)],
            test_pairs: 1,
            test_solvers: Vec::new(),
        }
    }

    fn program(name: &str, lanes: u64) -> ProgramStats {
        ProgramStats {
            lanes,
            lanes_failed: 0,
            name: name.to_owned(),
            samples_solved: 1,
            steps_failed: 2,
            task: name.trim_start_matches("solve_").to_owned(),
        }
    }

    /// Shard `k` of 2 of a dataset of two tasks, holding `tasks`, with two
    /// programs.
    pub(super) fn shard(k: usize, tasks: Vec<TaskResult>) -> Results {
        let programs = vec![program("solve_a", 3), program("solve_b", 3)];
        Results {
            costs: None,
            dataset: "tasks".to_owned(),
            differs: vec!["differ_cells".to_owned()],
            summary: summarise(&tasks, &programs, 1),
            programs,
            refused: Vec::new(),
            run: RunIdentity {
                card_sha256: "c".repeat(64),
                dataset_sha256: "0".repeat(64),
                dataset_tasks: 2,
                pairing: Pairing::All,
                partial: None,
                shard: Some((k, 2)),
                split: SplitFilter::All,
            },
            schema: RESULTS_SCHEMA.to_owned(),
            skipped: vec!["broken.json: not a task".to_owned()],
            tasks,
            timing: None,
        }
    }

    /// A task of three demonstrations and a test, and two programs that
    /// solve none; program 0 answers the test with colour 1, program 1
    /// with colour 2. The differ scores each program's demonstration
    /// lanes as `scores` gives them: lane by lane, or with `folded`,
    /// program 0's last two lanes as a device's fold starting at
    /// demonstration 1.
    fn ranked_first(scores: [[i64; 3]; 2], folded: bool) -> Option<String> {
        let json =
            br#"{"train": [{"input": [[0]], "output": [[9]]}, {"input": [[0]], "output": [[9]]},
            {"input": [[0]], "output": [[9]]}], "test": [{"input": [[0]], "output": [[9]]}]}"#;
        let task = crate::dataset::task_from_bytes(
            std::path::Path::new("t.json"),
            "t",
            Split::Training,
            json,
        )
        .unwrap();
        let ds = Dataset {
            source: "tasks".into(),
            format: crate::dataset::Format::TaskFiles,
            tasks: vec![task],
            problems: Vec::new(),
        };
        let programs = [Program::new("solve_a", "a"), Program::new("solve_b", "b")];
        let eval = |kind, index: usize| {
            let colour = |p: i8| Value::grid(Grid::filled(1, 1, p + 1).unwrap());
            let mut s = Vec::new();
            let mut folds = Vec::new();
            let mut in_fold = 0;
            if kind == SampleKind::Demo {
                for (p, row) in scores.iter().enumerate() {
                    if folded && p == 0 && index >= 1 {
                        in_fold += 1;
                    } else {
                        s.push((p, 0, Value::Int(row[index])));
                    }
                }
                if folded && index == 1 {
                    let sum = i128::from(scores[0][1]) + i128::from(scores[0][2]);
                    let fold = crate::backend::TaskFold {
                        sum_lo: sum as u64,
                        sum_hi: (sum >> 64) as i64,
                        lanes: 2,
                        ..crate::backend::TaskFold::default()
                    };
                    folds.push((0, fold));
                }
            }
            SampleEval {
                task: 0,
                kind,
                index,
                output: Some(crate::batt::BattOutput {
                    o: vec![(0, colour(0)), (1, colour(1))],
                    s,
                    failed: vec![0, 0],
                }),
                cost: crate::run::SampleCost::default(),
                folds,
                folded: in_fold,
            }
        };
        let evals: Vec<SampleEval> = (0..3)
            .map(|k| eval(SampleKind::Demo, k))
            .chain([eval(SampleKind::Test, 0)])
            .collect();
        let mut run = shard(0, Vec::new()).run;
        run.shard = None;
        let r = score(&programs, &["differ"], &ds, &evals, run);
        r.tasks[0].attempt_programs[0][0].clone()
    }

    #[test]
    fn differ_sums_are_exact_in_any_order_and_whether_folded_or_not() {
        // Program 0's scores add up to i64::MAX, past i64 on the way (a
        // sum that saturated would come back to 0 and rank it first);
        // program 1's to 5.
        let scores = [[i64::MAX, i64::MAX, -i64::MAX], [5, 0, 0]];
        for folded in [false, true] {
            assert_eq!(
                ranked_first(scores, folded).as_deref(),
                Some("solve_b"),
                "folded: {folded}"
            );
        }
        // Less is better: program 0's -17 against 0 puts it first (its
        // first lane alone, 3, would not).
        let scores = [[3, -10, -10], [0, 0, 0]];
        for folded in [false, true] {
            assert_eq!(ranked_first(scores, folded).as_deref(), Some("solve_a"));
        }
    }

    #[test]
    fn unknown_test_outputs_leave_accuracy_and_score_unknown() {
        let mut t = task("a", true);
        t.test_correct = vec![None];
        let s = summarise(&[t], &[program("solve_a", 3)], 0);
        assert_eq!((s.test_accuracy, s.kaggle_score), (None, None));
        assert_eq!(s.test_pairs_with_output, 0);
        let text = serde_json::to_string(&s).unwrap();
        assert!(text.contains(r#""test_accuracy":null"#), "{text}");
    }

    #[test]
    fn timing_is_absent_from_the_file_when_none_and_read_back_when_set() {
        let mut results = shard(0, vec![task("a", true)]);
        let text = serde_json::to_string_pretty(&results).unwrap();
        assert!(!text.contains("timing"), "{text}");
        assert_eq!(serde_json::from_str::<Results>(&text).unwrap(), results);
        let timing = Timing {
            evaluate: Duration::from_millis(1500),
            ..Timing::default()
        };
        results.timing = Some(TimingReport::new(&timing, "cpu (--backend cpu)".to_owned()));
        let text = serde_json::to_string_pretty(&results).unwrap();
        assert!(text.contains(r#""evaluate_s": 1.5"#), "{text}");
        assert_eq!(serde_json::from_str::<Results>(&text).unwrap(), results);
    }

    #[test]
    fn a_results_file_reads_back_the_very_floats_written() {
        let mut results = shard(0, vec![task("a", true)]);
        // 161/835 is the test accuracy of a real run, which a parser that
        // does not round correctly reads back one unit in the last place off.
        results.summary.test_accuracy = Some(161.0 / 835.0);
        results.summary.kaggle_score = Some(0.189375);
        let text = serde_json::to_string_pretty(&results).unwrap();
        let back: Results = serde_json::from_str(&text).unwrap();
        assert_eq!(back, results);
        assert_eq!(serde_json::to_string_pretty(&back).unwrap(), text);
    }

    #[test]
    fn the_run_identity_names_its_split_and_pairing_as_the_command_line_does() {
        let mut results = shard(1, vec![task("b", true)]);
        results.run.split = SplitFilter::Evaluation;
        results.run.pairing = Pairing::Own;
        let text = serde_json::to_string(&results.run).unwrap();
        assert!(text.contains(r#""split":"evaluation""#), "{text}");
        assert!(text.contains(r#""pairing":"own""#), "{text}");
        assert!(text.contains(r#""shard":[1,2]"#), "{text}");
        assert!(text.contains(r#""partial":null"#), "{text}");
        assert_eq!(
            serde_json::from_str::<RunIdentity>(&text).unwrap(),
            results.run
        );
        let other = text.replace("evaluation", "validation");
        let error = serde_json::from_str::<RunIdentity>(&other).unwrap_err();
        assert!(
            error
                .to_string()
                .contains(r#"no split filter is named "validation""#),
            "{error}"
        );
    }

    #[test]
    fn a_shard_expects_its_share_of_the_dataset() {
        let mut run = shard(0, Vec::new()).run;
        run.dataset_tasks = 14;
        let shares: Vec<usize> = (0..3)
            .map(|k| {
                run.shard = Some((k, 3));
                run.expected_tasks()
            })
            .collect();
        assert_eq!(shares, [5, 5, 4]);
        run.shard = None;
        assert_eq!(run.expected_tasks(), 14);
    }

    #[test]
    fn a_task_id_in_two_splits_is_named_in_one_warning_line() {
        let tasks = [
            ("a", Split::Training),
            ("a", Split::Evaluation),
            ("b", Split::Training),
            ("c", Split::Evaluation),
            ("c", Split::Test),
        ];
        assert_eq!(
            shared_ids(tasks),
            [
                ("a", vec![Split::Training, Split::Evaluation]),
                ("c", vec![Split::Evaluation, Split::Test])
            ]
        );
        let warning = shared_ids_warning(tasks).unwrap();
        assert_eq!(
            warning,
            "warning: 2 task ids are in more than one split: a (training, evaluation); \
             c (evaluation, test); results.json keeps each task apart, submission.json \
             (one entry per id) keeps the first split's attempts"
        );
        assert_eq!(warning.lines().count(), 1);
        assert_eq!(shared_ids_warning([("a", Split::Training)]), None);
    }

    #[test]
    fn the_submission_of_a_shared_id_is_the_first_splits_attempts() {
        let first = task("a", true);
        let mut second = task("a", false);
        second.split = Split::Evaluation;
        second.attempts[0].attempt_1 = grid(7);
        let results = shard(0, vec![first.clone(), second]);
        let sub = submission(&results);
        assert_eq!(sub.len(), 1);
        assert_eq!(sub["a"], first.attempts);
    }

    #[test]
    fn a_submission_is_the_attempts_by_task_id() {
        let text = serde_json::to_string(&submission(&shard(0, vec![task("a", true)]))).unwrap();
        assert_eq!(text, r#"{"a":[{"attempt_1":[[1]],"attempt_2":[[2]]}]}"#);
    }

    #[test]
    fn the_costs_of_two_shards_add_up_program_by_program_and_primitive_by_primitive() {
        let report = |units: u64, primitive: &str| CostReport {
            primitives: vec![PrimitiveCost {
                name: primitive.to_owned(),
                seconds: 1.0,
                steps: 2,
                units,
            }],
            programs: vec![ProgramCost {
                name: "solve_a".to_owned(),
                seconds: 0.5,
                units,
            }],
        };
        let sum = report(10, "fill").add(&report(30, "objects"));
        assert_eq!(sum.programs[0].units, 40);
        assert_eq!(sum.programs[0].seconds, 1.0);
        let names: Vec<&str> = sum.primitives.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["objects", "fill"], "the costliest first");
        let same = report(10, "fill").add(&report(30, "fill"));
        assert_eq!((same.primitives.len(), same.primitives[0].units), (1, 40));
        assert_eq!(same.primitives[0].steps, 4);
    }
}

//! The search loop of `batt-runtime search`: generations of candidate
//! programs, evaluated together, kept in an archive.
//!
//! A generation draws `population` candidates from the seed corpus and the
//! archive (see [`Proposer`]), drops those whose normalised text was seen
//! before, and evaluates the rest as one card on every demonstration pair
//! of every target task (pairing `all`: a program written for one task may
//! solve another). The test pairs are never shown to the search: they are
//! removed from the dataset it evaluates on, and only the reports read
//! them. A candidate enters the archive of a task when it solves at least
//! one of its demonstration pairs, or comes closer than the archive's best
//! (more cells right, summed over the pairs, on outputs of the expected
//! shape); each task keeps its best few (most pairs solved, then most
//! cells right, then fewest steps, then text order).
//!
//! Everything a generation does is a function of the seed, the generation
//! number, the corpus and the archive and seen set it starts from, so the
//! same seed gives the same archive, and a run resumed from its state file
//! gives the archive of an uninterrupted one. `--minutes` only decides
//! after which generation to stop.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use batt_gen::random::{SplitMix64, mix};
use serde::{Deserialize, Serialize};

use crate::backend::Backend;
use crate::card::Card;
use crate::dataset::{Dataset, SampleKind, SplitFilter};
use crate::dsl::Value;
use crate::interp::Interpreter;
use crate::results::{self, Summary};
use crate::run::{Options as RunOptions, Outputs, Pairing, Run};

/// How a search runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// The seed of every random choice.
    pub seed: u64,
    /// Candidates drawn per generation.
    pub population: usize,
    /// Programs kept per task.
    pub keep: usize,
    /// Worker threads (all cores when `None`).
    pub threads: Option<usize>,
    /// The most steps a proposed program has.
    pub max_steps: usize,
    /// The work budget of the bottom-up enumeration of each task in
    /// generation 0 (0: no enumeration); see [`super::enumerate`].
    pub enumerate_work: u64,
}

/// A program of the corpus or the archive: the text of one `def`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Program {
    /// Its text, `def NAME(...):` and its body.
    pub text: String,
}

impl Program {
    /// The program's text under another name.
    pub fn renamed(&self, name: &str) -> String {
        rename(&self.text, name)
    }

    /// Its number of steps (assignments).
    pub fn steps(&self) -> usize {
        self.text.lines().filter(|l| l.contains(" = ")).count()
    }
}

/// The `def`s of a card file, in order (imports, comments and blank lines
/// between them left out). Differs and helpers are kept: callers filter by
/// name.
pub fn programs_of(text: &str) -> Vec<(String, Program)> {
    let mut out: Vec<(String, Program)> = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("def ") {
            if let Some((name, body)) = current.take() {
                out.push((
                    name,
                    Program {
                        text: trimmed(&body),
                    },
                ));
            }
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            current = Some((name, format!("{line}\n")));
        } else if let Some((_, body)) = current.as_mut() {
            if line.starts_with(' ') || line.starts_with('\t') || line.trim().is_empty() {
                body.push_str(line);
                body.push('\n');
            } else {
                let (name, body) = current.take().unwrap_or_default();
                out.push((
                    name,
                    Program {
                        text: trimmed(&body),
                    },
                ));
            }
        }
    }
    if let Some((name, body)) = current {
        out.push((
            name,
            Program {
                text: trimmed(&body),
            },
        ));
    }
    out
}

fn trimmed(body: &str) -> String {
    let mut s = body.trim_end().to_owned();
    s.push('\n');
    s
}

/// `text` with its `def NAME(` renamed.
fn rename(text: &str, name: &str) -> String {
    let Some(rest) = text.strip_prefix("def ") else {
        return text.to_owned();
    };
    let at = rest.find('(').unwrap_or(0);
    format!("def {name}{}", &rest[at..])
}

/// A program's text with its name, comments and spacing left out: two
/// programs with the same normalised text are the same program.
pub fn normalised(text: &str) -> String {
    let mut out = String::new();
    for (k, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("");
        let line = if k == 0 {
            line.find('(').map_or(line, |at| &line[at..])
        } else {
            line
        };
        out.extend(line.chars().filter(|c| !c.is_whitespace()));
        out.push('\n');
    }
    out
}

/// A 64-bit hash of a normalised text, the same on every platform.
pub fn text_hash(text: &str) -> u64 {
    // FNV-1a: stable across versions and platforms (the standard hasher
    // is not promised to be).
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in normalised(text).bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The search's random numbers: `batt_gen`'s SplitMix64, the same on
/// every platform.
#[derive(Debug, Clone)]
pub struct Rng(SplitMix64);

impl Rng {
    /// The numbers of generation `generation` of a search seeded `seed`.
    pub fn for_generation(seed: u64, generation: usize) -> Rng {
        Rng(SplitMix64::new(mix(seed ^ mix(generation as u64 ^ 0x5eed))))
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// A number below `n` (0 when `n` is 0), by remainder.
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next_u64() % n as u64) as usize
    }
}

/// One program of a task's archive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The program.
    pub program: Program,
    /// Demonstration pairs of the task it solves.
    pub solved: usize,
    /// Cells right on outputs of the expected shape, in thousandths of a
    /// pair, summed over the task's demonstration pairs.
    pub closeness: u64,
    /// The generation that found it.
    pub generation: usize,
}

impl Entry {
    /// Best first: most pairs solved, most cells right, fewest steps, text.
    fn rank(
        &self,
    ) -> (
        std::cmp::Reverse<usize>,
        std::cmp::Reverse<u64>,
        usize,
        &str,
    ) {
        (
            std::cmp::Reverse(self.solved),
            std::cmp::Reverse(self.closeness),
            self.program.steps(),
            &self.program.text,
        )
    }
}

/// What a search has found and seen: its state between generations.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// The schema, `batt.search/1`.
    pub schema: String,
    /// The seed.
    pub seed: u64,
    /// Candidates per generation.
    pub population: usize,
    /// The next generation to run.
    pub generation: usize,
    /// The fingerprint of the seed corpus and the target tasks.
    pub identity: String,
    /// Hashes of the normalised texts of every candidate evaluated.
    pub seen: BTreeSet<u64>,
    /// By task id: its best programs, best first.
    pub archive: BTreeMap<String, Vec<Entry>>,
}

/// The schema of the state file.
pub const SCHEMA: &str = "batt.search/1";

impl State {
    /// A new search.
    pub fn new(options: &Options, identity: String) -> State {
        State {
            schema: SCHEMA.to_owned(),
            seed: options.seed,
            population: options.population,
            generation: 0,
            identity,
            seen: BTreeSet::new(),
            archive: BTreeMap::new(),
        }
    }

    /// Tasks some archived program solves on every demonstration pair.
    pub fn tasks_solved(&self, demos: &BTreeMap<String, usize>) -> usize {
        self.archive
            .iter()
            .filter(|(task, entries)| {
                let n = demos.get(*task).copied().unwrap_or(usize::MAX);
                entries.first().is_some_and(|e| e.solved == n)
            })
            .count()
    }

    /// Offers `entry` to the archive of `task`; whether it was kept.
    fn offer(&mut self, task: &str, entry: Entry, keep: usize) -> bool {
        let entries = self.archive.entry(task.to_owned()).or_default();
        let best = entries.first();
        let useful = entry.solved > 0 || best.is_none_or(|b| entry.closeness > b.closeness);
        if !useful {
            return false;
        }
        if entries.iter().any(|e| e.program == entry.program) {
            return false;
        }
        entries.push(entry.clone());
        entries.sort_by(|a, b| a.rank().cmp(&b.rank()));
        entries.truncate(keep.max(1));
        entries.contains(&entry)
    }
}

/// Where candidates come from.
pub trait Proposer {
    /// Called before each generation's first proposal with a seed drawn
    /// from the generation's numbers.
    fn start(&mut self, seed: u64);

    /// A candidate program named `name` from the `parents` (at least one),
    /// or `None` when none could be made. Deterministic in the seed of
    /// [`Proposer::start`], the calls since and `rng`.
    fn propose(&mut self, parents: &[&Program], name: &str, rng: &mut Rng) -> Option<String>;
}

/// What evaluating one generation found, per candidate and task.
#[derive(Debug, Clone)]
pub struct Scores {
    /// By candidate, then task index: (pairs solved, closeness).
    pub by_candidate: Vec<BTreeMap<usize, (usize, u64)>>,
    /// Lanes evaluated.
    pub lanes: u64,
}

/// A copy of `ds` with its test pairs removed: what the search may see.
pub fn demonstrations_only(ds: &Dataset) -> Dataset {
    let mut demo = ds.clone();
    for task in &mut demo.tasks {
        task.test.clear();
    }
    demo
}

/// Cells of `out` equal to `expected`, in thousandths, when both are
/// grids of the same shape; 0 otherwise.
fn closeness(out: &Value, expected: &Value) -> u64 {
    let (Value::Grid(a), Value::Grid(b)) = (out, expected) else {
        return 0;
    };
    if a.shape() != b.shape() || a.cells().is_empty() {
        return 0;
    }
    let same = a
        .cells()
        .iter()
        .zip(b.cells())
        .filter(|(x, y)| x == y)
        .count();
    (same as u64 * 1000) / a.cells().len() as u64
}

/// Evaluates `candidates` (texts of `def`s with distinct names) on every
/// demonstration pair of `demo` (tests removed) as one card. A candidate
/// the checker refuses scores nothing.
pub fn evaluate(candidates: &[String], demo: &Dataset, threads: Option<usize>) -> Scores {
    let mut by_candidate = vec![BTreeMap::new(); candidates.len()];
    let text: String = candidates.join("\n");
    let source = batt_gen::Source {
        name: "candidates.py",
        text: &text,
    };
    let input = batt_gen::lenient::Input {
        source,
        naming: batt_gen::lenient::Naming::AsWritten,
    };
    let Ok(compiled) = batt_gen::lenient::compile(&[input], false, &batt_gen::Options::default())
    else {
        return Scores {
            by_candidate,
            lanes: 0,
        };
    };
    let Ok(card) = Interpreter::new(&compiled.card) else {
        return Scores {
            by_candidate,
            lanes: 0,
        };
    };
    // Program ids to candidates, by name.
    let index_of: BTreeMap<String, usize> = candidates
        .iter()
        .enumerate()
        .filter_map(|(k, c)| programs_of(c).first().map(|(name, _)| (name.clone(), k)))
        .collect();
    let ids: Vec<Option<usize>> = card
        .programs()
        .iter()
        .map(|p| index_of.get(&*p.name).copied())
        .collect();
    let run = Run::new(&card, demo, quiet_run(Pairing::All, threads, Outputs::All));
    let evaluation = run.evaluate(&Backend::Cpu);
    let mut lanes = 0u64;
    for e in &evaluation.evals {
        if e.kind != SampleKind::Demo {
            continue;
        }
        let Some(output) = &e.output else { continue };
        let Some(expected) = demo.tasks[e.task].train[e.index]
            .output
            .clone()
            .map(Value::grid)
        else {
            continue;
        };
        for (p, value) in &output.o {
            lanes += 1;
            let Some(Some(k)) = ids.get(*p) else { continue };
            let slot = by_candidate[*k].entry(e.task).or_insert((0, 0));
            if value.py_eq(&expected) {
                slot.0 += 1;
                slot.1 += 1000;
            } else {
                slot.1 += closeness(value, &expected);
            }
        }
    }
    Scores {
        by_candidate,
        lanes,
    }
}

/// The options of the search's runs: every task, no progress bar.
fn quiet_run(pairing: Pairing, threads: Option<usize>, outputs: Outputs) -> RunOptions {
    RunOptions {
        pairing,
        threads,
        shard: None,
        split: SplitFilter::All,
        progress: false,
        outputs,
    }
}

/// One line of `search.jsonl`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GenerationLog {
    /// The generation.
    pub generation: usize,
    /// Candidates drawn.
    pub candidates: usize,
    /// Of those, not seen before (evaluated).
    pub new: usize,
    /// Lanes (program, demonstration pair) evaluated.
    pub lanes: u64,
    /// Lanes per second of this generation's evaluation.
    pub lanes_per_second: f64,
    /// Programs that entered the archive.
    pub kept: usize,
    /// Tasks some archived program solves on every demonstration pair.
    pub tasks_solved_demo: usize,
    /// Tasks whose archive's two best programs answer every test pair
    /// (measured for the log only; the search never sees test outputs).
    pub tasks_solved_test: usize,
    /// Seconds since the search started (this session).
    pub seconds: f64,
    /// Generation 0: what the bottom-up enumeration did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enumeration: Option<EnumerationLog>,
}

/// What the bottom-up enumeration of generation 0 did, over all tasks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EnumerationLog {
    /// Tasks enumerated (those the corpus does not solve).
    pub tasks: usize,
    /// Of those, tasks it found a program for.
    pub solved: usize,
    /// The deepest depth searched.
    pub max_depth: usize,
    /// Candidates evaluated (on every demonstration input).
    pub candidates: u64,
    /// Candidates whose values on the demonstrations an earlier program
    /// already gave (observational equivalence).
    pub pruned: u64,
    /// Values kept.
    pub kept: u64,
    /// Tasks stopped by the work budget.
    pub budget_stops: usize,
    /// Seconds it took.
    pub seconds: f64,
}

/// The search over a dataset's tasks from a seed corpus.
pub struct Search<'a> {
    /// The tasks (with their test pairs, for the reports).
    pub dataset: &'a Dataset,
    /// The same tasks without test pairs: what candidates are evaluated on.
    pub demo: Dataset,
    /// The seed corpus: solvers' programs.
    pub corpus: Vec<Program>,
    /// The options.
    pub options: Options,
}

impl std::fmt::Debug for Search<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Search")
            .field("tasks", &self.dataset.tasks.len())
            .field("corpus", &self.corpus.len())
            .field("options", &self.options)
            .finish()
    }
}

impl Search<'_> {
    /// Demonstration pairs per task id.
    pub fn demo_counts(&self) -> BTreeMap<String, usize> {
        self.dataset
            .tasks
            .iter()
            .map(|t| (t.id.clone(), t.train.len()))
            .collect()
    }

    /// Generation `state.generation`: candidates (the corpus itself in
    /// generation 0), evaluated, offered to the archive. Advances the
    /// state; returns the log line (without the test figure and time).
    pub fn generation(&self, state: &mut State, proposer: &mut dyn Proposer) -> GenerationLog {
        let g = state.generation;
        let mut rng = Rng::for_generation(state.seed, g);
        proposer.start(rng.next_u64());
        let mut candidates: Vec<String> = Vec::new();
        let mut drawn = 0;
        if g == 0 {
            for (k, p) in self.corpus.iter().enumerate() {
                drawn += 1;
                let name = format!("solve_g{g:05}_{k:05}");
                if state.seen.insert(text_hash(&p.text)) {
                    candidates.push(p.renamed(&name));
                }
            }
        } else {
            let pool: Vec<Program> = self.pool(state).into_iter().cloned().collect();
            for k in 0..self.options.population {
                drawn += 1;
                let a = &pool[rng.below(pool.len())];
                let b = &pool[rng.below(pool.len())];
                let name = format!("solve_g{g:05}_{k:05}");
                let Some(text) = proposer.propose(&[a, b], &name, &mut rng) else {
                    continue;
                };
                if state.seen.insert(text_hash(&text)) {
                    candidates.push(text);
                }
            }
        }
        let start = Instant::now();
        let scores = evaluate(&candidates, &self.demo, self.options.threads);
        let elapsed = start.elapsed().as_secs_f64();
        let mut kept = 0;
        for (k, by_task) in scores.by_candidate.iter().enumerate() {
            for (&task, &(solved, close)) in by_task {
                let entry = Entry {
                    program: Program {
                        text: rename(&candidates[k], "solve"),
                    },
                    solved,
                    closeness: close,
                    generation: g,
                };
                let id = self.demo.tasks[task].id.clone();
                if state.offer(&id, entry, self.options.keep) {
                    kept += 1;
                }
            }
        }
        let enumeration = (g == 0 && self.options.enumerate_work > 0).then(|| {
            let (log, found) = self.enumerate_unsolved(state);
            for (task, entry) in found {
                if state.offer(&task, entry, self.options.keep) {
                    kept += 1;
                }
            }
            log
        });
        state.generation += 1;
        GenerationLog {
            enumeration,
            generation: g,
            candidates: drawn,
            new: candidates.len(),
            lanes: scores.lanes,
            lanes_per_second: if elapsed > 0.0 {
                scores.lanes as f64 / elapsed
            } else {
                0.0
            },
            kept,
            tasks_solved_demo: state.tasks_solved(&self.demo_counts()),
            tasks_solved_test: 0,
            seconds: 0.0,
        }
    }

    /// Bottom-up enumeration of every task the archive does not solve on
    /// all its demonstration pairs, tasks in parallel; the programs found,
    /// as archive entries, in task order.
    fn enumerate_unsolved(&self, state: &State) -> (EnumerationLog, Vec<(String, Entry)>) {
        use rayon::prelude::*;
        let start = Instant::now();
        let counts = self.demo_counts();
        let todo: Vec<&crate::dataset::Task> = self
            .demo
            .tasks
            .iter()
            .filter(|t| {
                state
                    .archive
                    .get(&t.id)
                    .and_then(|e| e.first())
                    .is_none_or(|e| Some(&e.solved) != counts.get(&t.id))
            })
            .collect();
        let options = super::enumerate::Options {
            work_budget: self.options.enumerate_work,
            ..super::enumerate::Options::default()
        };
        let work = || {
            todo.par_iter()
                .map(|t| {
                    (
                        t.id.clone(),
                        t.train.len(),
                        super::enumerate::enumerate(t, &options),
                    )
                })
                .collect::<Vec<_>>()
        };
        let pool = self
            .options
            .threads
            .and_then(|n| rayon::ThreadPoolBuilder::new().num_threads(n).build().ok());
        let results = match &pool {
            Some(pool) => pool.install(work),
            None => work(),
        };
        let mut log = EnumerationLog {
            tasks: todo.len(),
            max_depth: options.max_depth,
            ..EnumerationLog::default()
        };
        let mut found = Vec::new();
        for (id, demos, e) in results {
            for d in &e.depths {
                log.candidates += d.candidates;
                log.pruned += d.pruned;
                log.kept += d.kept;
            }
            if e.stop == super::enumerate::Stop::Budget {
                log.budget_stops += 1;
            }
            if !e.solutions.is_empty() {
                log.solved += 1;
            }
            for solution in e.solutions {
                found.push((
                    id.clone(),
                    Entry {
                        program: Program {
                            text: rename(&solution.text, "solve"),
                        },
                        solved: demos,
                        closeness: 1000 * demos as u64,
                        generation: 0,
                    },
                ));
            }
        }
        log.seconds = start.elapsed().as_secs_f64();
        (log, found)
    }

    /// Parents to draw from: the corpus and every archived program.
    fn pool<'s>(&'s self, state: &'s State) -> Vec<&'s Program> {
        let mut pool: Vec<&Program> = self.corpus.iter().collect();
        for entries in state.archive.values() {
            pool.extend(entries.iter().map(|e| &e.program));
        }
        pool
    }
}

/// The archive as card files, one per program, the way solver directories
/// are laid out (`solve_<task>/<k>.py` holding `def solve(...)`): they load
/// with `all-tasks --cards DIR` with their tasks.
pub fn archive_files(state: &State) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    for (task, entries) in &state.archive {
        for (k, e) in entries.iter().enumerate() {
            if e.solved == 0 {
                continue;
            }
            let header = format!(
                "# batt search: task {task}, {} demonstration pairs solved, generation {}\n",
                e.solved, e.generation
            );
            files.push((
                Path::new(&format!("solve_{task}")).join(format!("{k}.py")),
                format!("{header}{}", e.program.text),
            ));
        }
    }
    files
}

/// The archive's programs as one card (for the reports): the archive's
/// files compiled with their path names.
pub fn archive_card(state: &State) -> Option<Interpreter> {
    let files = archive_files(state);
    if files.is_empty() {
        return None;
    }
    let names: Vec<(String, String, String)> = files
        .iter()
        .map(|(path, text)| {
            let group = path
                .parent()
                .and_then(|p| p.to_str())
                .unwrap_or_default()
                .to_owned();
            let variant = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_owned();
            (group, variant, text.clone())
        })
        .collect();
    let inputs: Vec<batt_gen::lenient::Input<'_>> = names
        .iter()
        .map(|(group, variant, text)| batt_gen::lenient::Input {
            source: batt_gen::Source { name: group, text },
            naming: batt_gen::lenient::Naming::Path {
                group: group.strip_prefix("solve_"),
                variant,
            },
        })
        .collect();
    let compiled =
        batt_gen::lenient::compile(&inputs, false, &batt_gen::Options::default()).ok()?;
    if compiled.card.solvers.programs.is_empty() {
        return None;
    }
    Interpreter::new(&compiled.card).ok()
}

/// The results of the archive's programs on the dataset (tests included),
/// pairing `own`: what `results.json` reports.
pub fn archive_results(
    state: &State,
    dataset: &Dataset,
    threads: Option<usize>,
) -> Option<results::Results> {
    let card = archive_card(state)?;
    let run = Run::new(
        &card,
        dataset,
        quiet_run(Pairing::Own, threads, Outputs::Scored),
    );
    let evaluation = run.evaluate(&Backend::Cpu);
    Some(run.results(&evaluation.evals))
}

/// The summary of [`archive_results`], or an empty one.
pub fn archive_summary(state: &State, dataset: &Dataset, threads: Option<usize>) -> Summary {
    archive_results(state, dataset, threads).map_or_else(
        || Summary {
            kaggle_score: None,
            lanes: 0,
            skipped_tasks: 0,
            tasks: dataset.tasks.len(),
            tasks_solved_demo: 0,
            tasks_solved_demo_and_test: 0,
            test_accuracy: None,
            test_pairs_correct_two_attempts: 0,
            test_pairs_with_output: 0,
        },
        |r| r.summary,
    )
}

/// A fingerprint of a search's inputs: the corpus and the tasks (the
/// same on every platform and build).
pub fn identity(corpus: &[Program], dataset: &Dataset) -> String {
    let texts: String = corpus.iter().map(|p| p.text.as_str()).collect();
    format!(
        "{:016x}-{}",
        text_hash(&texts),
        crate::fingerprint::dataset(dataset)
    )
}

//! The main job: every program of a card on every sample of a dataset.
//!
//! A lane is a (program, sample) pair. `batt()` evaluates all programs of
//! the card on one sample at once (sharing their steps), so samples are the
//! unit of work: they are evaluated in parallel (rayon), each in isolation
//! (a panic marks the sample's lanes failed and the run goes on), and their
//! results are collected in the dataset's sample order, so every result is
//! the same for any thread count.
//! [`crate::results`] turns the lane values into per-task results.

use std::io::IsTerminal;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::batt::{self, BattOutput, Program, Sample};
use crate::dataset::{Dataset, SampleKind, Task};
use crate::dsl::{Ctx, Value};
use crate::generated::card;
use crate::interp::Interpreter;

/// Which programs run on which samples.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Pairing {
    /// Every program on every sample (shows transfer between tasks).
    All,
    /// Each `solve_<id>` only on task `<id>`.
    Own,
}

/// A card ready to evaluate: the compiled library or an interpreted one.
#[derive(Debug)]
pub enum Card {
    /// The library compiled into this binary by `cargo xtask gen`.
    Compiled,
    /// Cards given at run time.
    Interpreted(Box<Interpreter>),
}

impl Card {
    /// The solvers: (name, task).
    pub fn programs(&self) -> Vec<Program> {
        match self {
            Card::Compiled => card::PROGRAMS.to_vec(),
            Card::Interpreted(i) => i
                .programs()
                .map(|(n, t)| Program {
                    name: n.to_owned().into(),
                    task: t.to_owned().into(),
                })
                .collect(),
        }
    }

    /// The differs' names.
    pub fn differs(&self) -> Vec<String> {
        match self {
            Card::Compiled => card::DIFFERS.iter().map(|d| (*d).to_owned()).collect(),
            Card::Interpreted(i) => i
                .card()
                .differs
                .iter()
                .filter_map(|g| g.programs.first().map(|p| p.name.clone()))
                .collect(),
        }
    }

    /// Evaluates the card on a sample of `task`; with the pairing `own`,
    /// the compiled card evaluates (and scores) only that task's solvers,
    /// the others' outputs being `None` (the pairing reads no other).
    fn run(&self, sample: &Sample, task: &Task, pairing: Pairing) -> BattOutput {
        let mut ctx = Ctx::default();
        match (self, pairing) {
            (Card::Compiled, Pairing::Own) => {
                let wanted = paired_programs(pairing, task);
                let (o, failed) = card::outputs(sample, &mut ctx, &card::needed_steps(&wanted));
                let s = score_paired(&o, &wanted, sample, &mut ctx);
                BattOutput { o, s, failed }
            }
            (Card::Compiled, Pairing::All) => card::batt(sample, &mut ctx),
            (Card::Interpreted(i), _) => i.run(sample, &mut ctx),
        }
    }
}

/// Scores evaluated samples of `card` into `results.json` (without timing).
pub fn score(
    card: &Card,
    ds: &Dataset,
    evals: &[SampleEval],
    pairing: Pairing,
    shard: Option<(usize, usize)>,
) -> crate::results::Results {
    let differs = card.differs();
    let differs: Vec<&str> = differs.iter().map(String::as_str).collect();
    crate::results::score(&card.programs(), &differs, ds, evals, pairing, shard)
}

/// How to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Which programs run on which samples.
    pub pairing: Pairing,
    /// Worker threads (all cores when `None`).
    pub threads: Option<usize>,
    /// `Some((k, n))`: only tasks whose index in the dataset is `k` mod `n`.
    pub shard: Option<(usize, usize)>,
    /// Show progress.
    pub progress: bool,
}

/// One evaluated sample.
#[derive(Debug, Clone)]
pub struct SampleEval {
    /// Index of the task in the dataset.
    pub task: usize,
    /// Demonstration or test.
    pub kind: SampleKind,
    /// Index of the pair.
    pub index: usize,
    /// The card's output, or `None` when the evaluation panicked.
    pub output: Option<BattOutput>,
}

/// Every sample of the tasks, in order: (task index, kind, pair index,
/// the lane inputs).
pub fn sample_lanes(ds: &Dataset, tasks: &[usize]) -> Vec<(usize, SampleKind, usize, Sample)> {
    let mut lanes = Vec::new();
    for &t in tasks {
        let task = &ds.tasks[t];
        let demos = batt::demos(task);
        for s in task.samples() {
            lanes.push((t, s.kind, s.index, Sample::new(&demos, &s)));
        }
    }
    lanes
}

/// The tasks of a shard, as indices into the dataset.
pub fn shard_tasks(ds: &Dataset, shard: Option<(usize, usize)>) -> Vec<usize> {
    (0..ds.tasks.len())
        .filter(|k| shard.is_none_or(|(i, n)| k % n == i))
        .collect()
}

/// Evaluates the card on every sample of the given tasks.
pub fn evaluate(
    card: &Card,
    ds: &Dataset,
    tasks: &[usize],
    opts: &Options,
) -> (Vec<SampleEval>, Duration) {
    let start = Instant::now();
    let lanes = sample_lanes(ds, tasks);
    let prepare = start.elapsed();
    let bar = progress_bar(lanes.len() as u64, opts.progress);
    let work = || -> Vec<SampleEval> {
        lanes
            .par_iter()
            .map(|(t, kind, index, sample)| {
                let output = catch_unwind(AssertUnwindSafe(|| {
                    card.run(sample, &ds.tasks[*t], opts.pairing)
                }))
                .ok();
                bar.tick();
                SampleEval {
                    task: *t,
                    kind: *kind,
                    index: *index,
                    output,
                }
            })
            .collect()
    };
    let evals = match opts.threads {
        Some(n) => match rayon::ThreadPoolBuilder::new().num_threads(n).build() {
            Ok(pool) => pool.install(work),
            Err(_) => work(),
        },
        None => work(),
    };
    bar.finish();
    (evals, prepare)
}

/// Progress: a bar on a terminal, a line every tenth otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    total: u64,
    done: std::sync::atomic::AtomicU64,
    lines: bool,
}

impl Progress {
    fn tick(&self) {
        let done = self.done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        if let Some(bar) = &self.bar {
            bar.inc(1);
        } else if self.lines && self.total >= 10 && done.is_multiple_of(self.total / 10) {
            eprintln!("evaluated {done}/{} samples", self.total);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn progress_bar(total: u64, enabled: bool) -> Progress {
    let terminal = std::io::stderr().is_terminal();
    let bar = (enabled && terminal).then(|| {
        let bar = indicatif::ProgressBar::new(total);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} samples, {per_sec}, eta {eta}",
        ) {
            bar.set_style(style);
        }
        bar
    });
    Progress {
        bar,
        total,
        done: std::sync::atomic::AtomicU64::new(0),
        lines: enabled && !terminal,
    }
}

/// Whether a program runs on a task under the pairing.
pub(crate) fn paired(pairing: Pairing, program_task: &str, task: &Task) -> bool {
    pairing == Pairing::All || program_task == task.id
}

/// Which of the compiled card's solvers run on the samples of `task`.
pub(crate) fn paired_programs(pairing: Pairing, task: &Task) -> Vec<bool> {
    card::PROGRAMS
        .iter()
        .map(|p| paired(pairing, &p.task, task))
        .collect()
}

/// The differs' scores of the outputs of the programs marked in `wanted`
/// (those the pairing reads).
pub(crate) fn score_paired(
    o: &[(usize, Value)],
    wanted: &[bool],
    sample: &Sample,
    ctx: &mut Ctx,
) -> Vec<(usize, usize, Value)> {
    if wanted.iter().all(|&w| w) {
        return card::score(o, sample, ctx);
    }
    let paired: Vec<(usize, Value)> = o.iter().filter(|(p, _)| wanted[*p]).cloned().collect();
    card::score(&paired, sample, ctx)
}

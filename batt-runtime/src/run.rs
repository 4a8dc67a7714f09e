//! The main job as one value: a [`Run`] of a card over the tasks of a
//! dataset.
//!
//! A *lane* is a (program, sample) pair. A card evaluates all its wanted
//! solvers on one sample at once (sharing their steps), so samples are the
//! unit of work: a [`LaneSample`] is one sample's inputs with the solvers
//! the pairing runs on it. A run builds them (prepare), hands them to a
//! backend (evaluate: [`crate::backend`]), and turns the lane values into
//! per-task results (score: [`crate::results`]); the CLI writes and prints
//! what comes back. Every result is the same for any thread count, shard
//! and backend.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::backend::{self, Backend, DeviceReport};
use crate::batt::{self, BattOutput, Sample};
use crate::card::Card;
use crate::dataset::{Dataset, SampleKind, SplitFilter, Task};
use crate::dsl::value::FastSet;
use crate::dsl::{Cost, Ctx, Value};
use crate::fingerprint;
use crate::results::{self, CostReport, PrimitiveCost, ProgramCost, Results, RunIdentity, Timing};

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

/// How to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Which programs run on which samples.
    pub pairing: Pairing,
    /// Worker threads (all cores when `None`).
    pub threads: Option<usize>,
    /// `Some((k, n))`: only tasks whose index in the dataset is `k` mod `n`.
    pub shard: Option<(usize, usize)>,
    /// The splits the dataset was loaded with (recorded in the results'
    /// [`RunIdentity`]; the dataset holds only the tasks of these splits).
    pub split: SplitFilter,
    /// Show progress.
    pub progress: bool,
    /// What is kept of each lane's value once its sample is evaluated.
    pub outputs: Outputs,
}

/// What a run keeps of each lane's value once its sample is evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outputs {
    /// Every value as the program returned it (for `--dump-outputs`, the
    /// search, and comparisons of values).
    All,
    /// Only what scoring reads of it ([`LaneSample::keep_scored`]): the
    /// run's memory then grows with its threads, not with its lanes.
    Scored,
}

/// Which solvers run on one task's samples.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pairs {
    /// By program id: whether the solver runs.
    pub wanted: Vec<bool>,
}

impl Pairs {
    /// The solvers of `card` that run on the samples of `task`.
    pub fn new(card: &dyn Card, pairing: Pairing, task: &Task) -> Pairs {
        let wanted: Vec<bool> = card
            .programs()
            .iter()
            .map(|p| paired(pairing, &p.task, task))
            .collect();
        Pairs { wanted }
    }

    /// How many solvers run.
    pub fn count(&self) -> usize {
        self.wanted.iter().filter(|&&w| w).count()
    }
}

/// One sample's inputs and the solvers that run on it.
#[derive(Debug, Clone)]
pub struct LaneSample {
    /// Index of the task in the dataset.
    pub task: usize,
    /// Demonstration or test.
    pub kind: SampleKind,
    /// Index of the pair.
    pub index: usize,
    /// The inputs.
    pub sample: Sample,
    /// The solvers the pairing runs on it (shared by the task's samples).
    pub pairs: Arc<Pairs>,
}

impl LaneSample {
    /// Evaluates the wanted solvers of `card` on the sample, and the
    /// differs on their outputs; the others' outputs are `None`. Also what
    /// the solvers' steps cost.
    pub fn evaluate(&self, card: &dyn Card) -> (BattOutput, SampleCost) {
        let mut ctx = Ctx::recording();
        let (o, failed) = card.outputs(&self.sample, &mut ctx, &self.pairs.wanted);
        let cost = SampleCost::of(card, &ctx.take_costs());
        let s = self.score(card, &o, &mut ctx);
        (BattOutput { o, s, failed }, cost)
    }

    /// Reduces `output`, this sample's, to what [`results::score`] reads of
    /// it, so that a run of many lanes holds little per lane; the results
    /// are the same:
    /// - a value equal to the expected output becomes the sample's own
    ///   expected grid (one value shared by every program that matched);
    /// - on a test sample, a value that can be a submitted answer stays,
    ///   one value shared by the programs that gave it;
    /// - any other value becomes `None` (it neither matches nor is an
    ///   answer: only the test samples' answers are read);
    /// - a differ's score becomes what it adds to its program's sum (an
    ///   integer) or `None`.
    pub fn keep_scored(&self, output: &mut BattOutput) {
        let mut answers: FastSet<Value> = FastSet::default();
        for (_, v) in &mut output.o {
            if let Some(c) = &self.sample.c
                && *v == *c
            {
                *v = c.clone();
            } else if self.kind == SampleKind::Test && results::is_answer(v) {
                match answers.get(v) {
                    Some(a) => *v = a.clone(),
                    None => {
                        answers.insert(v.clone());
                    }
                }
            } else {
                *v = Value::None;
            }
        }
        for (_, _, score) in &mut output.s {
            *score = results::differ_distance(score).map_or(Value::None, Value::Int);
        }
    }

    /// The differs' scores of the outputs of the wanted solvers.
    pub fn score(
        &self,
        card: &dyn Card,
        o: &[(usize, Value)],
        ctx: &mut Ctx,
    ) -> Vec<(usize, usize, Value)> {
        if self.pairs.wanted.iter().all(|&w| w) {
            return card.score(o, &self.sample, ctx);
        }
        let paired: Vec<(usize, Value)> = o
            .iter()
            .filter(|(p, _)| self.pairs.wanted.get(*p).copied().unwrap_or(false))
            .cloned()
            .collect();
        card.score(&paired, &self.sample, ctx)
    }
}

/// What the solver steps evaluated on one sample cost.
#[derive(Debug, Clone, Default)]
pub struct SampleCost {
    /// By program id: the cost of its steps evaluated (a step shared by
    /// several programs counts in each).
    pub programs: Vec<Cost>,
    /// By the primitive each step calls (`call` for a call of a value):
    /// the steps' cost and their number.
    pub callees: Vec<(&'static str, Cost, u64)>,
}

impl SampleCost {
    /// The costs of `card`'s programs and primitives from the recorded
    /// costs of its steps.
    pub fn of(card: &dyn Card, recorded: &[(usize, Cost)]) -> SampleCost {
        let mut by_step: Vec<Option<Cost>> = vec![None; card.steps()];
        let mut callees: Vec<(&'static str, Cost, u64)> = Vec::new();
        for &(k, cost) in recorded {
            if let Some(slot) = by_step.get_mut(k) {
                *slot = Some(cost);
            }
            let name = card.step_callee(k);
            match find_callee(&mut callees, name) {
                Some((_, c, steps)) => {
                    c.add(cost);
                    *steps += 1;
                }
                None => callees.push((name, cost, 1)),
            }
        }
        let programs = (0..card.programs().len())
            .map(|p| {
                let mut c = Cost::default();
                for &k in card.program_steps(p) {
                    if let Some(Some(step)) = by_step.get(k) {
                        c.add(*step);
                    }
                }
                c
            })
            .collect();
        SampleCost { programs, callees }
    }

    /// Adds the costs of another evaluation of the same sample (the device
    /// path evaluates a sample's programs in passes).
    pub fn add(&mut self, other: &SampleCost) {
        if self.programs.len() < other.programs.len() {
            self.programs.resize(other.programs.len(), Cost::default());
        }
        for (c, o) in self.programs.iter_mut().zip(&other.programs) {
            c.add(*o);
        }
        for &(name, cost, steps) in &other.callees {
            match find_callee(&mut self.callees, name) {
                Some((_, c, s)) => {
                    c.add(cost);
                    *s += steps;
                }
                None => self.callees.push((name, cost, steps)),
            }
        }
    }
}

/// The entry of `name` among `callees`: looked for by address first (a
/// primitive's name is one static string, met thousands of times a
/// sample), then by content (two equal names may lie apart).
fn find_callee<'a>(
    callees: &'a mut [(&'static str, Cost, u64)],
    name: &str,
) -> Option<&'a mut (&'static str, Cost, u64)> {
    let k = callees
        .iter()
        .position(|(n, _, _)| std::ptr::eq(*n, name))
        .or_else(|| callees.iter().position(|(n, _, _)| *n == name))?;
    callees.get_mut(k)
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
    /// What its solver steps cost on the CPU.
    pub cost: SampleCost,
    /// By program, a device's fold of its demonstration lanes of this
    /// sample's task from this sample on (within one batch): lanes,
    /// matches, failed steps and differ scores that `output` leaves out.
    pub folds: Vec<(usize, crate::backend::TaskFold)>,
    /// This sample's lanes that are in a fold (their values in `output`
    /// are `None`, their failed counts 0 and their scores absent).
    pub folded: u64,
}

/// A run's lane values and where they were evaluated.
#[derive(Debug)]
pub struct Evaluation {
    /// One per sample, in the dataset's sample order.
    pub evals: Vec<SampleEval>,
    /// Building the lanes' inputs.
    pub prepare: Duration,
    /// Evaluating them.
    pub evaluate: Duration,
    /// What the device did, when one took lanes.
    pub device: Option<DeviceReport>,
}

/// What a run gives: its lane values, results and timing.
#[derive(Debug)]
pub struct Outcome {
    /// The lane values.
    pub evaluation: Evaluation,
    /// The per-task results (without timing and costs, which differ from
    /// run to run).
    pub results: Results,
    /// What the programs and primitives cost.
    pub costs: CostReport,
    /// Where the time went (`load` and `write` are the caller's).
    pub timing: Timing,
}

/// A card over the tasks of a dataset, with the options of the run.
#[derive(Debug)]
pub struct Run<'a> {
    card: &'a dyn Card,
    dataset: &'a Dataset,
    options: Options,
    tasks: Vec<usize>,
}

impl<'a> Run<'a> {
    /// The run of `card` over the tasks of `dataset` (those of the shard,
    /// when the options name one).
    pub fn new(card: &'a dyn Card, dataset: &'a Dataset, options: Options) -> Run<'a> {
        let tasks = shard_tasks(dataset, options.shard);
        Run {
            card,
            dataset,
            options,
            tasks,
        }
    }

    /// The card.
    pub fn card(&self) -> &'a dyn Card {
        self.card
    }

    /// The dataset.
    pub fn dataset(&self) -> &'a Dataset {
        self.dataset
    }

    /// The options.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The tasks evaluated, as indices into the dataset.
    pub fn tasks(&self) -> &[usize] {
        &self.tasks
    }

    /// Which solvers run on each task, by the run's task order (computed
    /// once for the pairing `all`, where every task runs every solver).
    fn pairs(&self) -> Vec<Arc<Pairs>> {
        match self.options.pairing {
            Pairing::All => {
                let all = Arc::new(Pairs {
                    wanted: vec![true; self.card.programs().len()],
                });
                vec![all; self.tasks.len()]
            }
            Pairing::Own => self
                .tasks
                .iter()
                .map(|&t| {
                    Arc::new(Pairs::new(
                        self.card,
                        self.options.pairing,
                        &self.dataset.tasks[t],
                    ))
                })
                .collect(),
        }
    }

    /// Every sample of the run's tasks, in the dataset's order, with the
    /// solvers that run on it.
    pub fn lanes(&self) -> Vec<LaneSample> {
        let mut lanes = Vec::new();
        for (&t, pairs) in self.tasks.iter().zip(self.pairs()) {
            let task = &self.dataset.tasks[t];
            let demos = batt::demos(task);
            for s in task.samples() {
                lanes.push(LaneSample {
                    task: t,
                    kind: s.kind,
                    index: s.index,
                    sample: Sample::new(&demos, &s),
                    pairs: pairs.clone(),
                });
            }
        }
        lanes
    }

    /// The run's lanes of the programs `covered` marks (by program id).
    pub fn lanes_of(&self, covered: &[bool]) -> u64 {
        self.tasks
            .iter()
            .zip(self.pairs())
            .map(|(&t, pairs)| {
                let task = &self.dataset.tasks[t];
                let samples = (task.train.len() + task.test.len()) as u64;
                let per_sample = pairs
                    .wanted
                    .iter()
                    .zip(covered)
                    .filter(|(w, c)| **w && **c)
                    .count() as u64;
                samples * per_sample
            })
            .sum()
    }

    /// Evaluates every lane on `backend` (the device's lanes merged with
    /// the CPU's), in the run's thread pool.
    pub fn evaluate(&self, backend: &Backend) -> Evaluation {
        let start = Instant::now();
        let lanes = self.lanes();
        let prepare = start.elapsed();
        let pool = self
            .options
            .threads
            .and_then(|n| rayon::ThreadPoolBuilder::new().num_threads(n).build().ok());
        let work = || match backend {
            Backend::Cpu => (
                backend::cpu::evaluate(
                    self.card,
                    &lanes,
                    self.options.outputs,
                    self.options.progress,
                ),
                None,
            ),
            Backend::Device(runner) => {
                let (mut evals, report) = backend::device::evaluate(
                    self.card,
                    &lanes,
                    runner.as_ref(),
                    self.options.outputs,
                );
                if self.options.outputs == Outputs::Scored {
                    for (e, lane) in evals.iter_mut().zip(&lanes) {
                        if let Some(o) = &mut e.output {
                            lane.keep_scored(o);
                        }
                    }
                }
                (evals, Some(report))
            }
        };
        let (evals, device) = match &pool {
            Some(pool) => pool.install(work),
            None => work(),
        };
        Evaluation {
            evals,
            prepare,
            evaluate: start.elapsed().saturating_sub(prepare),
            device,
        }
    }

    /// The identity of the run: the fingerprints of its tasks and card, its
    /// splits, pairing and shard.
    pub fn identity(&self) -> RunIdentity {
        RunIdentity {
            card_sha256: self.card.fingerprint(),
            dataset_sha256: fingerprint::dataset(self.dataset),
            dataset_tasks: self.dataset.tasks.len(),
            pairing: self.options.pairing,
            partial: None,
            shard: self.options.shard,
            split: self.options.split,
        }
    }

    /// The per-task results of evaluated samples (without timing).
    pub fn results(&self, evals: &[SampleEval]) -> Results {
        let differs: Vec<&str> = self.card.differs().iter().map(|d| &**d).collect();
        results::score(
            self.card.programs(),
            &differs,
            self.dataset,
            evals,
            self.identity(),
        )
    }

    /// Evaluates and scores.
    pub fn execute(&self, backend: &Backend) -> Outcome {
        let evaluation = self.evaluate(backend);
        let start = Instant::now();
        let results = self.results(&evaluation.evals);
        let timing = Timing {
            prepare: evaluation.prepare,
            evaluate: evaluation.evaluate,
            score: start.elapsed(),
            ..Timing::default()
        };
        let costs = self.costs(&evaluation.evals);
        Outcome {
            evaluation,
            results,
            costs,
            timing,
        }
    }

    /// What the card's programs and primitives cost over the evaluated
    /// samples.
    pub fn costs(&self, evals: &[SampleEval]) -> CostReport {
        let mut total = SampleCost::default();
        for e in evals {
            total.add(&e.cost);
        }
        let seconds = |c: &Cost| c.nanos as f64 / 1e9;
        let programs = self
            .card
            .programs()
            .iter()
            .enumerate()
            .map(|(p, program)| {
                let c = total.programs.get(p).copied().unwrap_or_default();
                ProgramCost {
                    name: program.name.to_string(),
                    seconds: seconds(&c),
                    units: c.units,
                }
            })
            .collect();
        let primitives = total
            .callees
            .iter()
            .map(|(name, c, steps)| PrimitiveCost {
                name: (*name).to_owned(),
                seconds: seconds(c),
                steps: *steps,
                units: c.units,
            })
            .collect();
        CostReport {
            primitives: results::sorted_by_units(primitives),
            programs,
        }
    }

    /// Every lane's value as JSON lines (see [`results::dump_outputs`]).
    pub fn dump(&self, evals: &[SampleEval]) -> String {
        // Cells are written as the card's version lays them out.
        let _version = crate::dsl::dialect::version::enter(self.card.dialect());
        results::dump_outputs(
            self.card.programs(),
            self.dataset,
            evals,
            self.options.pairing,
        )
    }
}

/// The tasks of a shard, as indices into the dataset.
pub fn shard_tasks(ds: &Dataset, shard: Option<(usize, usize)>) -> Vec<usize> {
    (0..ds.tasks.len())
        .filter(|k| shard.is_none_or(|(i, n)| k % n == i))
        .collect()
}

/// Whether a program runs on a task under the pairing.
pub(crate) fn paired(pairing: Pairing, program_task: &str, task: &Task) -> bool {
    pairing == Pairing::All || program_task == task.id
}

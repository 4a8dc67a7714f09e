//! The device path: the lanes of the solvers a [`LaneRunner`] runs (the
//! step-major engine's, [`super::steps::StepRunner`], on a GPU or on its
//! host twin) go to it, while the CPU evaluates, concurrently, the solvers
//! it does not run; the lanes the device leaves to the CPU (flagged: a
//! value its fixed-size form cannot hold) are evaluated afterwards. The
//! merged outputs, failed-step counts and differ scores are exactly what
//! the CPU backend gives.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use rayon::prelude::*;

pub use batt_gen::templates::LaneFlag;

use crate::batt::BattOutput;
use crate::card::Card;
use crate::dataset::SampleKind;
use crate::dsl::{Ctx, Value};
use crate::grid::Grid;
use crate::run::{LaneSample, Outputs, SampleCost, SampleEval};

/// The grid form the kernels read and write: `struct Grid` of the kernel
/// prelude (h x w colours 0..15, row-major with a stride of 30, 16-byte
/// aligned).
#[repr(C, align(16))]
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct DeviceGrid {
    /// Rows.
    pub h: i32,
    /// Columns.
    pub w: i32,
    /// Cells, `c[i * 30 + j]`.
    pub c: [u8; 900],
}

impl std::fmt::Debug for DeviceGrid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DeviceGrid({}x{})", self.h, self.w)
    }
}

impl DeviceGrid {
    /// The empty grid (the DSL's `()`).
    pub fn empty() -> DeviceGrid {
        DeviceGrid {
            h: 0,
            w: 0,
            c: [0; 900],
        }
    }

    /// A grid in device form, when it fits (at most 30x30, colours 0..15).
    pub fn from_grid(g: &Grid) -> Option<DeviceGrid> {
        let (h, w) = g.shape();
        if h > 30 || w > 30 {
            return None;
        }
        let mut d = DeviceGrid::empty();
        d.h = h as i32;
        d.w = w as i32;
        for i in 0..h {
            for j in 0..w {
                let c = g.get(i, j)?;
                if !(0..=15).contains(&c) {
                    return None;
                }
                d.c[i * 30 + j] = c as u8;
            }
        }
        Some(d)
    }

    /// The DSL value: a grid, or `()` when it has no rows.
    pub fn to_value(&self) -> Option<Value> {
        let (h, w) = (self.h.clamp(0, 30) as usize, self.w.clamp(0, 30) as usize);
        if h == 0 {
            return Some(Value::empty_tuple());
        }
        let mut cells = Vec::with_capacity(h * w);
        for i in 0..h {
            cells.extend(self.c[i * 30..i * 30 + w].iter().map(|&c| c as i8));
        }
        Grid::new(h, w, cells).ok().map(Value::grid)
    }
}

/// The lanes handed to a device: every input once, and per lane its
/// program (a program id of the card) and input.
#[derive(Debug, Clone, Copy)]
pub struct LaneBatch<'a> {
    /// The inputs, in device form.
    pub inputs: &'a [DeviceGrid],
    /// Each lane's program.
    pub programs: &'a [i32],
    /// Each lane's input.
    pub samples: &'a [i32],
    /// With scoring on the device, what it needs; without, every lane's
    /// grid comes back.
    pub scoring: Option<Scoring<'a>>,
}

/// What scoring on the device needs to know of the inputs.
#[derive(Debug, Clone, Copy)]
pub struct Scoring<'a> {
    /// Each input's expected output (`h` is [`EXPECTED_UNKNOWN`] or
    /// [`EXPECTED_ON_HOST`] where the device has none).
    pub expected: &'a [DeviceGrid],
    /// Whether each input is a test sample's (its outputs may become
    /// answers, so their grids come back).
    pub test: &'a [bool],
    /// Scores per lane (the differs, at least one and at most 32).
    pub stride: usize,
    /// The `scored` mask of a lane whose every differ the device scored;
    /// `None` when some differ only scores on the CPU.
    pub complete: Option<u32>,
    /// Each input's task, any number naming it (consecutive inputs of
    /// one task fold together): with `complete`, a program's
    /// demonstration lanes of a task come back folded ([`Fold`]) where
    /// the device settles them. Empty: no folds.
    pub task: &'a [u32],
}

/// What the device's scoring gives back of a lane besides its scores: the
/// kernel prelude's `struct LaneScore`.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LaneScore {
    /// The output's hash (shape and cells).
    pub hash: u64,
    /// Steps that took their safe default.
    pub failed: i32,
    /// Bit d: differ d's score is in the lane's scores.
    pub scored: u32,
    /// The lane's [`LaneFlag`].
    pub flag: u8,
    /// 1 when the output equals the expected one.
    pub matched: u8,
    /// 1 when the output is the empty grid (the DSL's `()`).
    pub empty: u8,
    /// 1 when the lane is folded into its task's [`Fold`]: its match,
    /// failed count and scores are read only from there.
    pub folded: u8,
    /// Padding, as in the kernel.
    pub pad: [u8; 4],
}

/// A program's demonstration lanes of one task, folded on the device:
/// the kernel prelude's `struct TaskFold`.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TaskFold {
    /// The differs' scores summed: the low word of a 128-bit two's
    /// complement number.
    pub sum_lo: u64,
    /// Its high word.
    pub sum_hi: i64,
    /// Failed steps summed.
    pub failed: i64,
    /// Lanes folded.
    pub lanes: i32,
    /// Of them, those whose output equals the expected one.
    pub matched: i32,
}

impl TaskFold {
    /// The differs' scores summed, exactly.
    pub fn differ_sum(&self) -> i128 {
        (i128::from(self.sum_hi) << 64) | i128::from(self.sum_lo)
    }
}

/// A [`TaskFold`] and whose lanes it folds: program `program`'s on the
/// demonstration samples of the task of input `input`, the first of
/// that task's inputs in the batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fold {
    /// The program (a program id of the card; from
    /// [`super::steps::run_batch_scored`], a device program's index).
    pub program: u32,
    /// The task's first input.
    pub input: u32,
    /// The figures.
    pub fold: TaskFold,
}

/// A lane with no grid back.
pub const NO_GRID: u32 = u32::MAX;

/// [`Scoring::expected`]'s height where the expected output is unknown.
pub const EXPECTED_UNKNOWN: i32 = -1;

/// [`Scoring::expected`]'s height where the expected output is known but
/// no device grid holds it (the host compares and scores).
pub const EXPECTED_ON_HOST: i32 = -2;

/// What a device gives back of scored lanes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScoredLanes {
    /// Per lane.
    pub lanes: Vec<LaneScore>,
    /// Per lane, `stride` differ scores (meaningful where `scored` says).
    pub scores: Vec<i64>,
    /// Per lane, the index of its grid in [`LaneResults::outs`], or
    /// [`NO_GRID`].
    pub grid: Vec<u32>,
    /// The folds of the lanes marked `folded`, those with lanes only.
    pub folds: Vec<Fold>,
}

/// What a device gives back, per lane.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LaneResults {
    /// The outputs (meaningful when the flag is 1): one per lane, or with
    /// scoring only the grids the host needs (see [`ScoredLanes::grid`]).
    pub outs: Vec<DeviceGrid>,
    /// Each lane's [`LaneFlag`], as the kernel wrote it.
    pub flags: Vec<u8>,
    /// Steps that took their safe default.
    pub failed: Vec<i32>,
    /// With scoring on the device: each lane's scoring.
    pub scored: Option<ScoredLanes>,
}

/// Which of a chunk's scored lanes need their grid on the host, and the
/// index each lane's grid will have: a lane whose output is its value, not
/// empty and not the expected one, needs it when it may become an answer
/// (a test sample's) or a differ must score it on the CPU. Lanes of one
/// input with equal hashes share one grid (`seen`, by input and hash,
/// across a part's chunks; `next` is the next index). Returns the chunk's
/// lanes to fetch, in order, and each lane's grid index.
pub fn grids_wanted(
    scoring: &Scoring<'_>,
    samples: &[i32],
    lanes: &[LaneScore],
    seen: &mut std::collections::HashMap<(i32, u64), u32>,
    next: &mut u32,
) -> (Vec<usize>, Vec<u32>) {
    let mut fetch = Vec::new();
    let grid = lanes
        .iter()
        .zip(samples)
        .enumerate()
        .map(|(l, (s, &input))| {
            if !grid_wanted(scoring, input as usize, s) {
                return NO_GRID;
            }
            *seen.entry((input, s.hash)).or_insert_with(|| {
                fetch.push(l);
                *next += 1;
                *next - 1
            })
        })
        .collect();
    (fetch, grid)
}

/// Whether the host needs the grid of scored lane `s` of input `k`: its
/// output is its value, not empty and not the expected one, and it may
/// become an answer (a test sample's) or a differ must score it on the
/// CPU.
pub fn grid_wanted(scoring: &Scoring<'_>, k: usize, s: &LaneScore) -> bool {
    let c = scoring.expected.get(k).map_or(EXPECTED_ON_HOST, |c| c.h);
    let answer = scoring.test.get(k).copied().unwrap_or(true);
    let on_host = c == EXPECTED_ON_HOST || (c >= 0 && scoring.complete != Some(s.scored));
    s.flag == LaneFlag::Done as u8
        && s.empty == 0
        && s.matched == 0
        && s.folded == 0
        && (answer || on_host)
}

/// Where a device's time went.
#[derive(Debug, Clone, Copy, Default)]
pub struct DeviceTiming {
    /// Preparing the kernels (NVRTC or the cubin cache, module load).
    pub compile: Duration,
    /// Host to device copies.
    pub upload: Duration,
    /// The kernels.
    pub kernel: Duration,
    /// Device to host copies.
    pub download: Duration,
    /// What the device to host copies brought back, in bytes (where the
    /// runner counts them).
    pub bytes_back: u64,
}

impl DeviceTiming {
    /// Adds another device's times (devices run in parallel: the longest
    /// would be the wall time, the sum is the device time spent).
    pub fn add(&mut self, other: &DeviceTiming) {
        self.compile += other.compile;
        self.upload += other.upload;
        self.kernel += other.kernel;
        self.download += other.download;
        self.bytes_back += other.bytes_back;
    }
}

/// Something that runs lanes on a device: the step-major engine (on a GPU
/// or its host twin), or a stand-in.
pub trait LaneRunner: Send + Sync {
    /// What it runs on, for the report.
    fn describe(&self) -> String;

    /// Runs the lanes; an error means none of them ran.
    fn run(&self, batch: &LaneBatch<'_>) -> Result<(LaneResults, DeviceTiming), String>;

    /// Which of `card`'s programs it runs, by program id.
    fn programs(&self, card: &dyn Card) -> Vec<bool>;

    /// The differs it scores on the device (bit d for differ d) where it
    /// scores every differ of `card` (at most 32), else `None` (the CPU
    /// scores the lanes).
    fn complete_scores(&self, card: &dyn Card) -> Option<u32>;
}

/// A shared runner runs lanes as the runner it shares.
impl<R: LaneRunner + ?Sized> LaneRunner for std::sync::Arc<R> {
    fn describe(&self) -> String {
        (**self).describe()
    }

    fn run(&self, batch: &LaneBatch<'_>) -> Result<(LaneResults, DeviceTiming), String> {
        (**self).run(batch)
    }

    fn programs(&self, card: &dyn Card) -> Vec<bool> {
        (**self).programs(card)
    }

    fn complete_scores(&self, card: &dyn Card) -> Option<u32> {
        (**self).complete_scores(card)
    }
}

/// How a run with a device went.
#[derive(Debug, Clone, Default)]
pub struct DeviceReport {
    /// What ran the lanes.
    pub device: String,
    /// Lanes handed to the device.
    pub device_lanes: u64,
    /// Of those, lanes the device left to the CPU.
    pub flagged_lanes: u64,
    /// Lanes of programs the device does not run, run on the CPU.
    pub cpu_only_lanes: u64,
    /// The device's times.
    pub timing: DeviceTiming,
    /// Wall time of the device part (from handing over to results back).
    pub device_wall: Duration,
    /// CPU time spent on the programs the device does not run.
    pub cpu_only: Duration,
    /// CPU time spent on the flagged lanes.
    pub cpu_fallback: Duration,
    /// CPU time spent scoring with the differs.
    pub scoring: Duration,
    /// Grids that came back from the device (every lane's without
    /// scoring on the device; with it, the answers and the outputs a CPU
    /// differ scores, one per distinct grid of a sample).
    pub grids_back: u64,
    /// Demonstration lanes that came back folded by task (their figures
    /// summed on the device, none of them per lane).
    pub folded_lanes: u64,
    /// Set when the device failed and the CPU did everything.
    pub device_error: Option<String>,
}

impl DeviceReport {
    /// The share of all lanes whose value came from the device.
    pub fn device_share(&self) -> f64 {
        let total = self.device_lanes + self.cpu_only_lanes;
        if total == 0 {
            0.0
        } else {
            (self.device_lanes - self.flagged_lanes) as f64 / total as f64
        }
    }
}

/// One sample's slot during a device run.
struct Slot {
    o: Vec<(usize, Value)>,
    failed: Vec<u32>,
    /// Programs whose differ scores the device gave.
    device_scores: Vec<(usize, Vec<i64>)>,
    /// What the CPU passes cost.
    cost: SampleCost,
    /// Programs still to evaluate on the CPU.
    pending: Vec<bool>,
    panicked: bool,
    /// Programs whose lane the device folded into its task's fold.
    folded: Vec<usize>,
    /// The folds that start at this sample, by program.
    folds: Vec<(usize, TaskFold)>,
}

/// Evaluates `card` on the lanes, those of the programs `runner` runs on
/// it and everything else on the CPU (rayon's current pool), and merges
/// the two. Gives the same [`SampleEval`]s as [`super::cpu::evaluate`]
/// with the same `outputs`. When the device fails, the CPU evaluates its
/// lanes too and the report says why.
///
/// With [`Outputs::Scored`] the device also scores its lanes: it compares
/// each output with the expected one and runs the differs it has, and
/// only the grids the host still needs come back
/// (a test sample's answers, outputs a CPU-only differ must score); a
/// lane's value is then what [`LaneSample::keep_scored`] keeps of it.
pub fn evaluate(
    card: &dyn Card,
    samples: &[LaneSample],
    runner: &dyn LaneRunner,
    outputs: Outputs,
) -> (Vec<SampleEval>, DeviceReport) {
    let n_programs = card.programs().len();
    let on_device = runner.programs(card);
    let n_differs = card.differs().len();
    let complete = runner.complete_scores(card);
    let score_on_device = outputs == Outputs::Scored;
    let (mut expected, mut test, mut task) = (Vec::new(), Vec::new(), Vec::new());
    // Each device input's sample.
    let mut input_slot = Vec::new();
    // The programs each sample runs, and the device lanes among them: one
    // device input per sample that has lanes, and each lane's sample.
    let mut inputs = Vec::new();
    let (mut lane_prog, mut lane_sample, mut lane_slot) = (Vec::new(), Vec::new(), Vec::new());
    let mut slots: Vec<Slot> = Vec::with_capacity(samples.len());
    let mut report = DeviceReport {
        device: runner.describe(),
        ..DeviceReport::default()
    };
    for (s, lane) in samples.iter().enumerate() {
        let device_input = match &lane.sample.i {
            Value::Grid(g) => DeviceGrid::from_grid(g),
            _ => None,
        };
        let mut input = None;
        let mut pending = vec![false; n_programs];
        for p in (0..n_programs).filter(|&p| lane.pairs.wanted[p]) {
            match device_input
                .as_ref()
                .filter(|_| on_device.get(p).copied().unwrap_or(false))
            {
                Some(grid) => {
                    let k = *input.get_or_insert_with(|| {
                        inputs.push(*grid);
                        let expect = |h| DeviceGrid {
                            h,
                            ..DeviceGrid::empty()
                        };
                        // An expected value no device grid holds: the CPU
                        // compares and scores (the grids come back).
                        expected.push(match &lane.sample.c {
                            Some(Value::Grid(c)) => {
                                DeviceGrid::from_grid(c).unwrap_or(expect(EXPECTED_ON_HOST))
                            }
                            Some(_) => expect(EXPECTED_ON_HOST),
                            None => expect(EXPECTED_UNKNOWN),
                        });
                        test.push(lane.kind == SampleKind::Test);
                        task.push(lane.task as u32);
                        input_slot.push(s);
                        inputs.len() - 1
                    });
                    lane_prog.push(p as i32);
                    lane_sample.push(k as i32);
                    lane_slot.push(s);
                }
                None => {
                    pending[p] = true;
                    report.cpu_only_lanes += 1;
                }
            }
        }
        slots.push(Slot {
            o: (0..n_programs).map(|p| (p, Value::None)).collect(),
            failed: vec![0; n_programs],
            device_scores: Vec::new(),
            cost: SampleCost::default(),
            pending,
            panicked: false,
            folded: Vec::new(),
            folds: Vec::new(),
        });
    }
    report.device_lanes = lane_prog.len() as u64;

    // The device and the CPU-only programs, concurrently.
    let batch = LaneBatch {
        inputs: &inputs,
        programs: &lane_prog,
        samples: &lane_sample,
        scoring: score_on_device.then_some(Scoring {
            expected: &expected,
            test: &test,
            stride: n_differs.clamp(1, 32),
            complete,
            task: &task,
        }),
    };
    let (device_result, device_wall, cpu_only) = std::thread::scope(|scope| {
        let device = scope.spawn(|| {
            let t = Instant::now();
            let r = if batch.programs.is_empty() {
                Ok((LaneResults::default(), DeviceTiming::default()))
            } else {
                runner.run(&batch)
            };
            (r, t.elapsed())
        });
        let t = Instant::now();
        cpu_pass(card, samples, &mut slots);
        let cpu_only = t.elapsed();
        let (r, wall) = device
            .join()
            .unwrap_or_else(|_| (Err("the device thread panicked".to_owned()), Duration::ZERO));
        (r, wall, cpu_only)
    });
    report.device_wall = device_wall;
    report.cpu_only = cpu_only;

    // Merge the device's lanes; flagged ones (or all, on failure) go to the CPU.
    match device_result {
        Ok((results, timing)) if results.flags.len() == lane_prog.len() => {
            report.timing = timing;
            report.grids_back = results.outs.len() as u64;
            let stride = batch.scoring.map_or(1, |s| s.stride);
            for (lane, &s) in lane_slot.iter().enumerate() {
                let p = lane_prog[lane] as usize;
                let flag = LaneFlag::from_u8(results.flags[lane]);
                let done = flag == Some(LaneFlag::Done);
                let scored = results.scored.as_ref().and_then(|sc| sc.lanes.get(lane));
                // A lane too large for its grid folds too (none otherwise
                // settled: it goes to the CPU below).
                let settled = done || flag == Some(LaneFlag::Oversize);
                if settled && scored.is_some_and(|r| r.folded == 1) {
                    // Its figures are in its task's fold.
                    slots[s].folded.push(p);
                    report.folded_lanes += 1;
                    continue;
                }
                // A lane whose output alone is a grid too large, of a card
                // without differs, on a test sample too: no answer and no
                // expected output the device holds is such a grid, so
                // scoring reads nothing of it (as of a folded one).
                let oversize = flag == Some(LaneFlag::Oversize)
                    && n_differs == 0
                    && expected
                        .get(lane_sample[lane] as usize)
                        .is_some_and(|c| c.h != EXPECTED_ON_HOST);
                let value = match &results.scored {
                    None => done.then(|| results.outs.get(lane)?.to_value()).flatten(),
                    Some(_) if oversize => Some(Value::None),
                    Some(scored) => done
                        .then(|| {
                            let r = scored.lanes.get(lane)?;
                            let g = *scored.grid.get(lane)?;
                            let sample = &samples[s].sample;
                            let value = if r.matched == 1 {
                                sample.c.clone()
                            } else if g != NO_GRID {
                                results.outs.get(g as usize)?.to_value()
                            } else if r.empty == 1 {
                                Some(Value::empty_tuple())
                            } else {
                                // Neither the expected output nor an answer:
                                // scoring reads nothing of it.
                                Some(Value::None)
                            }?;
                            if complete == Some(r.scored) && sample.c.is_some() && n_differs > 0 {
                                let at = lane * stride;
                                let scores = scored.scores.get(at..at + n_differs)?;
                                slots[s].device_scores.push((p, scores.to_vec()));
                            }
                            Some(value)
                        })
                        .flatten(),
                };
                match value {
                    Some(v) => {
                        slots[s].o[p] = (p, v);
                        slots[s].failed[p] = results.failed[lane].max(0) as u32;
                    }
                    None => {
                        slots[s].pending[p] = true;
                        report.flagged_lanes += 1;
                    }
                }
            }
            for f in results.scored.iter().flat_map(|sc| &sc.folds) {
                if let Some(&s) = input_slot.get(f.input as usize) {
                    slots[s].folds.push((f.program as usize, f.fold));
                }
            }
        }
        other => {
            report.device_error = Some(match other {
                Ok(_) => "the device returned the wrong number of lanes".to_owned(),
                Err(e) => e,
            });
            for (lane, &s) in lane_slot.iter().enumerate() {
                slots[s].pending[lane_prog[lane] as usize] = true;
            }
            report.flagged_lanes = report.device_lanes;
        }
    }
    let t = Instant::now();
    cpu_pass(card, samples, &mut slots);
    report.cpu_fallback = t.elapsed();

    // Differ scores of the merged outputs.
    let t = Instant::now();
    let evals: Vec<SampleEval> = samples
        .par_iter()
        .zip(slots.into_par_iter())
        .map(|(lane, slot)| {
            let slot_cost = slot.cost.clone();
            let output = if slot.panicked {
                None
            } else {
                let s = catch_unwind(AssertUnwindSafe(|| {
                    merge_scores(card, lane, &slot.o, &slot.device_scores, &slot.folded)
                }));
                s.ok().map(|s| BattOutput {
                    o: slot.o,
                    s,
                    failed: slot.failed,
                })
            };
            SampleEval {
                task: lane.task,
                kind: lane.kind,
                index: lane.index,
                output,
                cost: slot_cost,
                folds: slot.folds,
                folded: slot.folded.len() as u64,
            }
        })
        .collect();
    let (evals, unfolded) = unfold_failed_tasks(card, samples, evals);
    report.folded_lanes -= unfolded;
    report.scoring = t.elapsed();
    (evals, report)
}

/// `evals` with the samples of every task that has folds and a sample
/// whose evaluation panicked evaluated again on the CPU alone: a fold
/// cannot leave out the lanes of a sample that failed as a whole, so
/// such a task's samples come out as the CPU backend gives them. Also
/// how many folded lanes that undid.
fn unfold_failed_tasks(
    card: &dyn Card,
    samples: &[LaneSample],
    mut evals: Vec<SampleEval>,
) -> (Vec<SampleEval>, u64) {
    let mut redo = std::collections::BTreeSet::new();
    let mut by_task: std::collections::BTreeMap<usize, (bool, bool)> = Default::default();
    for e in &evals {
        let (folds, failed) = by_task.entry(e.task).or_default();
        *folds |= e.folded > 0 || !e.folds.is_empty();
        *failed |= e.output.is_none();
    }
    for (task, (folds, failed)) in by_task {
        if folds && failed {
            redo.insert(task);
        }
    }
    if redo.is_empty() {
        return (evals, 0);
    }
    let at: Vec<usize> = (0..samples.len())
        .filter(|&s| redo.contains(&samples[s].task))
        .collect();
    let again: Vec<LaneSample> = at.iter().map(|&s| samples[s].clone()).collect();
    let fresh = super::cpu::evaluate(card, &again, Outputs::All, false);
    let mut unfolded = 0;
    for (s, e) in at.into_iter().zip(fresh) {
        unfolded += evals[s].folded;
        evals[s] = e;
    }
    (evals, unfolded)
}

/// The differ scores of a sample's outputs, in the CPU's order: the
/// device's where it gave them, the CPU's for the other outputs; none for
/// the programs whose lane the device `folded` (their scores are in their
/// task's fold).
fn merge_scores(
    card: &dyn Card,
    lane: &LaneSample,
    o: &[(usize, Value)],
    device: &[(usize, Vec<i64>)],
    folded: &[usize],
) -> Vec<(usize, usize, Value)> {
    if device.is_empty() && folded.is_empty() {
        return lane.score(card, o, &mut Ctx::default());
    }
    // By program: its device scores, or whether the CPU scores it.
    enum By<'a> {
        Cpu,
        Device(&'a [i64]),
        Folded,
    }
    let mut by: Vec<By<'_>> = (0..o.len()).map(|_| By::Cpu).collect();
    for (p, scores) in device {
        if let Some(b) = by.get_mut(*p) {
            *b = By::Device(scores);
        }
    }
    for &p in folded {
        if let Some(b) = by.get_mut(p) {
            *b = By::Folded;
        }
    }
    let rest: Vec<(usize, Value)> = o
        .iter()
        .filter(|(p, _)| matches!(by.get(*p), Some(By::Cpu)))
        .cloned()
        .collect();
    let cpu = lane.score(card, &rest, &mut Ctx::default());
    let mut s = Vec::with_capacity(cpu.len() + device.len() * card.differs().len());
    let mut from_cpu = cpu.into_iter().peekable();
    for (p, _) in o
        .iter()
        .filter(|(p, _)| lane.pairs.wanted.get(*p).copied().unwrap_or(false))
    {
        match by.get(*p) {
            Some(By::Device(scores)) => s.extend(
                scores
                    .iter()
                    .enumerate()
                    .map(|(d, &v)| (*p, d, Value::Int(v))),
            ),
            Some(By::Folded) => {}
            _ => {
                while let Some(t) = from_cpu.next_if(|(q, _, _)| q == p) {
                    s.push(t);
                }
            }
        }
    }
    s
}

/// Evaluates, for every sample, the programs still pending in its slot.
fn cpu_pass(card: &dyn Card, samples: &[LaneSample], slots: &mut [Slot]) {
    slots
        .par_iter_mut()
        .zip(samples.par_iter())
        .filter(|(slot, _)| !slot.panicked && slot.pending.contains(&true))
        .for_each(|(slot, lane)| {
            let pending = std::mem::replace(&mut slot.pending, vec![false; slot.o.len()]);
            let result = catch_unwind(AssertUnwindSafe(|| {
                let mut ctx = Ctx::recording();
                let outputs = card.outputs(&lane.sample, &mut ctx, &pending);
                (outputs, SampleCost::of(card, &ctx.take_costs()))
            }));
            match result {
                Ok(((o, failed), cost)) => {
                    slot.cost.add(&cost);
                    for p in (0..pending.len()).filter(|&p| pending[p]) {
                        slot.o[p] = o[p].clone();
                        slot.failed[p] = failed[p];
                    }
                }
                Err(_) => slot.panicked = true,
            }
        });
}

//! The step-major engine's driver: a card's [`StepPlan`] run over a batch
//! of samples on a [`StepMachine`], one launch of the library
//! ([`batt_gen::step_kernels::library`]) after another.
//!
//! The driver is the same for the GPU and for its host twin. On a GPU
//! ([`super::cuda::CudaSteps`]) buffers are device memory and launches go
//! through the driver API; on the host ([`StepHost`]) the library is
//! compiled as C++ into a shared object (`kernels/step_host.cpp`) whose
//! `batt_host_launch` runs a kernel once per thread, taking its arguments
//! as `cuLaunchKernel` does (from the same [`Launch::args`]), and buffers
//! are host memory.
//! So what the tests check on every ARC-AGI-1 sample ([`check_steps`]) is
//! the very sequence of launches, arguments and read-backs a GPU gets.
//!
//! A higher-order call is two launches of its record kernel (count the
//! elements, then write them to element lanes, placed from the counts read
//! back), its callable's body over the element lanes (recursively), and
//! its replay. The descriptors of every launch go to the machine once per
//! run, in one buffer.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

use batt_gen::step_kernels::{
    self, Descriptors, HofDesc, LaunchDesc, MAX_SCORES, StepPlan, SubDesc,
};
use batt_gen::templates::HOST_SHIM;
use rayon::prelude::*;

use super::check::LaneCheck;
use super::device::{Fold, LaneScore, NO_GRID, ScoredLanes, Scoring, TaskFold};
use super::{DeviceGrid, LaneResults};
use crate::batt::{self, Sample};
use crate::card::Card;
use crate::dataset::Task;
use crate::dsl::Ctx;

// Addresses are passed as 64-bit integers, on the device and the host.
const _: () = assert!(std::mem::size_of::<usize>() == 8);

/// The library's `struct StepLevels`: the records of the lanes a body's
/// arguments read, `rec[d]` `d` levels up, and `up[d]` the lane of level
/// `d + 1` each lane of level `d` belongs to.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Levels {
    /// Records, by level.
    pub rec: [u64; 4],
    /// Enclosing lanes, by level (0 where the level is the samples').
    pub up: [u64; 4],
}

impl Levels {
    /// Every level the samples' records (`step_levels_top`).
    fn top(slots: u64) -> Levels {
        Levels {
            rec: [slots; 4],
            up: [0; 4],
        }
    }

    /// One level down: `rec` the new level's records and `up` its lanes'
    /// lanes in `this`, whose own records are `slots`.
    fn down(&self, rec: u64, up: u64, slots: u64) -> Levels {
        Levels {
            rec: [rec, slots, self.rec[1], self.rec[2]],
            up: [up, self.up[0], self.up[1], self.up[2]],
        }
    }
}

/// The library's `struct StepElems`: a higher-order call's element lanes.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Elems {
    /// Elements per enclosing lane (`int`).
    pub counts: u64,
    /// The first element lane of each (`long long`).
    pub starts: u64,
    /// The element lanes' records (0 while counting).
    pub elems: u64,
    /// The bytes of an element lane's record.
    pub stride: i64,
}

/// One launch of a library kernel: which, over how many threads, and its
/// arguments in the kernel's order. Addresses are the machine's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Launch {
    /// `batt_step_<kernel>` over `n_steps * n` threads.
    Step {
        kernel: u32,
        descs: u64,
        n_steps: i32,
        n: i64,
        slots: u64,
        lv: Levels,
        inputs: u64,
        status: u64,
    },
    /// `batt_hof_record_<kernel>` over `n` threads.
    Record {
        kernel: u32,
        desc: u64,
        n: i32,
        slots: u64,
        lv: Levels,
        inputs: u64,
        el: Elems,
        counts: u64,
    },
    /// `batt_hof_replay_<kernel>` over `n` threads.
    Replay {
        kernel: u32,
        desc: u64,
        n: i32,
        slots: u64,
        lv: Levels,
        inputs: u64,
        status: u64,
        el: Elems,
        result_off: i64,
        result_kind: i32,
        estatus: u64,
        n_sub: i32,
        n_lanes: i64,
        guards: u64,
    },
    /// `batt_call_<kernel>` over `n` threads.
    Call {
        kernel: u32,
        desc: u64,
        n: i32,
        slots: u64,
        status: u64,
        elems: u64,
        stride: i64,
        result_off: i64,
        estatus: u64,
        n_sub: i32,
        guards: u64,
    },
    /// `batt_step_lanes` over `n_progs * n` threads.
    Lanes {
        progs: u64,
        prog_steps: u64,
        n_progs: i32,
        n: i32,
        slots: u64,
        inputs: u64,
        status: u64,
        outs: u64,
        results: u64,
    },
    /// `batt_score_gather` over `max(n_which, n)` threads.
    ScoreGather {
        outs: u64,
        which: u64,
        n_which: i32,
        expected: u64,
        n: i32,
        c_elems: u64,
        c_stride: i64,
        elems: u64,
        stride: i64,
    },
    /// `batt_step_gather` over `n` threads.
    Gather {
        outs: u64,
        which: u64,
        n: i32,
        packed: u64,
    },
    /// `batt_score_lanes` over `n_which` threads.
    ScoreLanes {
        differs: u64,
        n_differs: i32,
        n_scores: i32,
        which: u64,
        n_which: i32,
        n: i32,
        elems: u64,
        stride: i64,
        estatus: u64,
        masks: u64,
        c_status: u64,
        c_masks: u64,
        expected: u64,
        results: u64,
        scores: u64,
    },
    /// `batt_fold_tasks` over `n_progs * n_groups` threads.
    Fold {
        results: u64,
        rep: u64,
        scores: u64,
        n_scores: i32,
        n_differs: i32,
        complete: i32,
        wanted: u64,
        group_start: u64,
        n_groups: i32,
        demo: u64,
        expected: u64,
        n_progs: i32,
        n: i32,
        folds: u64,
    },
}

/// One argument of a launch, as the kernel takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KernelArg {
    /// An address (a pointer parameter).
    Addr(u64),
    /// An `int`.
    I32(i32),
    /// A `long long`.
    I64(i64),
    /// A `struct StepLevels`, by value.
    Levels(Levels),
    /// A `struct StepElems`, by value.
    Elems(Elems),
}

impl Launch {
    /// Its arguments in the kernel's order (the kernel number picks the
    /// entry; it is not an argument).
    pub fn args(&self) -> Vec<KernelArg> {
        use KernelArg::{Addr, Elems as E, I32, I64, Levels as L};
        match *self {
            Launch::Step {
                descs,
                n_steps,
                n,
                slots,
                lv,
                inputs,
                status,
                ..
            } => vec![
                Addr(descs),
                I32(n_steps),
                I64(n),
                Addr(slots),
                L(lv),
                Addr(inputs),
                Addr(status),
            ],
            Launch::Record {
                desc,
                n,
                slots,
                lv,
                inputs,
                el,
                counts,
                ..
            } => vec![
                Addr(desc),
                I32(n),
                Addr(slots),
                L(lv),
                Addr(inputs),
                E(el),
                Addr(counts),
            ],
            Launch::Replay {
                desc,
                n,
                slots,
                lv,
                inputs,
                status,
                el,
                result_off,
                result_kind,
                estatus,
                n_sub,
                n_lanes,
                guards,
                ..
            } => vec![
                Addr(desc),
                I32(n),
                Addr(slots),
                L(lv),
                Addr(inputs),
                Addr(status),
                E(el),
                I64(result_off),
                I32(result_kind),
                Addr(estatus),
                I32(n_sub),
                I64(n_lanes),
                Addr(guards),
            ],
            Launch::Call {
                desc,
                n,
                slots,
                status,
                elems,
                stride,
                result_off,
                estatus,
                n_sub,
                guards,
                ..
            } => vec![
                Addr(desc),
                I32(n),
                Addr(slots),
                Addr(status),
                Addr(elems),
                I64(stride),
                I64(result_off),
                Addr(estatus),
                I32(n_sub),
                Addr(guards),
            ],
            Launch::Lanes {
                progs,
                prog_steps,
                n_progs,
                n,
                slots,
                inputs,
                status,
                outs,
                results,
            } => vec![
                Addr(progs),
                Addr(prog_steps),
                I32(n_progs),
                I32(n),
                Addr(slots),
                Addr(inputs),
                Addr(status),
                Addr(outs),
                Addr(results),
            ],
            Launch::ScoreGather {
                outs,
                which,
                n_which,
                expected,
                n,
                c_elems,
                c_stride,
                elems,
                stride,
            } => vec![
                Addr(outs),
                Addr(which),
                I32(n_which),
                Addr(expected),
                I32(n),
                Addr(c_elems),
                I64(c_stride),
                Addr(elems),
                I64(stride),
            ],
            Launch::Gather {
                outs,
                which,
                n,
                packed,
            } => vec![Addr(outs), Addr(which), I32(n), Addr(packed)],
            Launch::ScoreLanes {
                differs,
                n_differs,
                n_scores,
                which,
                n_which,
                n,
                elems,
                stride,
                estatus,
                masks,
                c_status,
                c_masks,
                expected,
                results,
                scores,
            } => vec![
                Addr(differs),
                I32(n_differs),
                I32(n_scores),
                Addr(which),
                I32(n_which),
                I32(n),
                Addr(elems),
                I64(stride),
                Addr(estatus),
                Addr(masks),
                Addr(c_status),
                Addr(c_masks),
                Addr(expected),
                Addr(results),
                Addr(scores),
            ],
            Launch::Fold {
                results,
                rep,
                scores,
                n_scores,
                n_differs,
                complete,
                wanted,
                group_start,
                n_groups,
                demo,
                expected,
                n_progs,
                n,
                folds,
            } => vec![
                Addr(results),
                Addr(rep),
                Addr(scores),
                I32(n_scores),
                I32(n_differs),
                I32(complete),
                Addr(wanted),
                Addr(group_start),
                I32(n_groups),
                Addr(demo),
                Addr(expected),
                I32(n_progs),
                I32(n),
                Addr(folds),
            ],
        }
    }

    /// Its threads.
    pub fn threads(&self) -> u64 {
        match *self {
            Launch::Step { n_steps, n, .. } => n_steps as u64 * n as u64,
            Launch::Record { n, .. }
            | Launch::Replay { n, .. }
            | Launch::Call { n, .. }
            | Launch::Gather { n, .. } => n as u64,
            Launch::Lanes { n_progs, n, .. } => n_progs as u64 * n as u64,
            Launch::ScoreGather { n_which, n, .. } => n_which.max(n) as u64,
            Launch::ScoreLanes { n_which, .. } => n_which as u64,
            Launch::Fold {
                n_progs, n_groups, ..
            } => n_progs as u64 * n_groups as u64,
        }
    }

    /// The kernel's name in the library.
    pub fn entry(&self) -> String {
        match self {
            Launch::Step { kernel, .. } => format!("batt_step_{kernel}"),
            Launch::Record { kernel, .. } => format!("batt_hof_record_{kernel}"),
            Launch::Replay { kernel, .. } => format!("batt_hof_replay_{kernel}"),
            Launch::Call { kernel, .. } => format!("batt_call_{kernel}"),
            Launch::Lanes { .. } => "batt_step_lanes".to_owned(),
            Launch::ScoreGather { .. } => "batt_score_gather".to_owned(),
            Launch::ScoreLanes { .. } => "batt_score_lanes".to_owned(),
            Launch::Gather { .. } => "batt_step_gather".to_owned(),
            Launch::Fold { .. } => "batt_fold_tasks".to_owned(),
        }
    }
}

/// Where the library runs: buffers (16-byte aligned, addressed by
/// [`StepMachine::addr`]), copies and launches, in order.
pub trait StepMachine {
    /// A buffer.
    type Buf;
    /// `bytes` zero bytes (at least one).
    fn zeroed(&self, bytes: usize) -> Result<Self::Buf, String>;
    /// A copy of `bytes`.
    fn upload(&self, bytes: &[u8]) -> Result<Self::Buf, String>;
    /// The first `bytes` bytes of `buf`, once every launch before has run.
    fn download(&self, buf: &Self::Buf, bytes: usize) -> Result<Vec<u8>, String>;
    /// The buffer's address, as kernels take it.
    fn addr(&self, buf: &Self::Buf) -> u64;
    /// Runs a launch after those before it.
    fn launch(&self, launch: &Launch) -> Result<(), String>;
    /// Waits until every launch before has run (a profiled run times each
    /// launch so); a machine that runs launches as they come has nothing
    /// to wait for.
    fn sync(&self) -> Result<(), String> {
        Ok(())
    }

    /// Runs a launch and waits for it (a profiled run), with the time of
    /// its slowest thread where the machine can tell (the host twin times
    /// each of its threads; a GPU cannot).
    fn launch_waited(&self, launch: &Launch) -> Result<Option<std::time::Duration>, String> {
        self.launch(launch)?;
        self.sync()?;
        Ok(None)
    }
}

/// A shared machine is the machine it shares.
impl<M: StepMachine + ?Sized> StepMachine for std::sync::Arc<M> {
    type Buf = M::Buf;

    fn zeroed(&self, bytes: usize) -> Result<M::Buf, String> {
        (**self).zeroed(bytes)
    }

    fn upload(&self, bytes: &[u8]) -> Result<M::Buf, String> {
        (**self).upload(bytes)
    }

    fn download(&self, buf: &M::Buf, bytes: usize) -> Result<Vec<u8>, String> {
        (**self).download(buf, bytes)
    }

    fn addr(&self, buf: &M::Buf) -> u64 {
        (**self).addr(buf)
    }

    fn launch(&self, launch: &Launch) -> Result<(), String> {
        (**self).launch(launch)
    }

    fn sync(&self) -> Result<(), String> {
        (**self).sync()
    }

    fn launch_waited(&self, launch: &Launch) -> Result<Option<std::time::Duration>, String> {
        (**self).launch_waited(launch)
    }
}

/// Where a profiled run's time on the machine went, by kernel group (a
/// primitive's step kernel, a higher-order primitive's record and replay,
/// the joins of made callables, the lanes kernel) and by copy (uploads,
/// downloads, zeroed buffers). Each launch is waited for before the next,
/// so a profiled run is slower than a plain one: its shares, not its
/// total, are the figures. On the host twin each launch's slowest thread
/// is timed too: what a launch whose threads all ran side by side would
/// take, the part of its time that no number of cores shortens.
#[derive(Debug)]
pub struct Profile {
    first: Vec<&'static str>,
    higher: Vec<&'static str>,
    spent: Mutex<HashMap<String, Spent>>,
}

/// One group's share of a profiled run.
#[derive(Debug, Clone, Copy, Default)]
struct Spent {
    count: u64,
    time: std::time::Duration,
    /// The sum of its launches' slowest threads, where the machine told.
    slowest: Option<std::time::Duration>,
}

/// A row of [`Profile::table`].
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileRow {
    /// The kernel group or copy.
    pub group: String,
    /// Its launches or copies.
    pub count: u64,
    /// Their seconds.
    pub seconds: f64,
    /// The sum of its launches' slowest threads' seconds (the host twin's
    /// launches only).
    pub slowest_thread: Option<f64>,
}

impl Profile {
    /// An empty profile, naming the library's kernels.
    pub fn new() -> Result<Profile, String> {
        let o = step_kernels::overloads()?;
        Ok(Profile {
            first: o.first.iter().map(|o| o.prim).collect(),
            higher: o.higher.iter().map(|o| o.prim).collect(),
            spent: Mutex::new(HashMap::new()),
        })
    }

    /// The group a launch's time goes to.
    fn group(&self, launch: &Launch) -> String {
        fn name(names: &[&'static str], k: u32) -> &'static str {
            names.get(k as usize).copied().unwrap_or("?")
        }
        match *launch {
            Launch::Step { kernel, .. } => name(&self.first, kernel).to_owned(),
            Launch::Record { kernel, .. } => format!("{} record", name(&self.higher, kernel)),
            Launch::Replay { kernel, .. } => format!("{} replay", name(&self.higher, kernel)),
            Launch::Call { .. } => "made callables' joins".to_owned(),
            Launch::Lanes { .. } => "lanes (outputs, failed counts)".to_owned(),
            Launch::ScoreGather { .. } | Launch::ScoreLanes { .. } => {
                "scores (outputs against the expected ones)".to_owned()
            }
            Launch::Gather { .. } => "grids the host needs, packed".to_owned(),
            Launch::Fold { .. } => "demonstration lanes folded by task".to_owned(),
        }
    }

    fn add(&self, group: String, spent: std::time::Duration, slowest: Option<std::time::Duration>) {
        let mut map = self.spent.lock().unwrap_or_else(|e| e.into_inner());
        let e = map.entry(group).or_default();
        e.count += 1;
        e.time += spent;
        if let Some(d) = slowest {
            e.slowest = Some(e.slowest.unwrap_or_default() + d);
        }
    }

    /// Each group's row, the costliest first (ties by name).
    pub fn table(&self) -> Vec<ProfileRow> {
        let map = self.spent.lock().unwrap_or_else(|e| e.into_inner());
        let mut rows: Vec<ProfileRow> = map
            .iter()
            .map(|(k, e)| ProfileRow {
                group: k.clone(),
                count: e.count,
                seconds: e.time.as_secs_f64(),
                slowest_thread: e.slowest.map(|d| d.as_secs_f64()),
            })
            .collect();
        rows.sort_by(|a, b| {
            b.seconds
                .total_cmp(&a.seconds)
                .then_with(|| a.group.cmp(&b.group))
        });
        rows
    }
}

/// What a batch took on the step kernels, besides its (step, sample)
/// lanes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StepWork {
    /// Element lanes of higher-order steps (one per call of a callable).
    pub element_lanes: u64,
    /// Sub-step runs over them (each lane times its callable's body).
    pub sub_step_runs: u64,
    /// Kernel launches.
    pub launches: u64,
    /// Bytes the downloads brought back.
    pub downloaded: u64,
}

/// A plan's descriptors, ready to run: every descriptor and guard in one
/// buffer (see [`Prepared::upload`]), found by the address of its bytes in
/// [`Descriptors`].
#[derive(Debug)]
pub struct Prepared {
    /// The plan's descriptors.
    pub descriptors: Descriptors,
    /// The device programs.
    pub programs: usize,
    /// Rows of status (the plan's steps).
    pub rows: usize,
    /// A sample's record bytes.
    pub record_bytes: usize,
    /// The values the host folded, laid out just before the input grids
    /// (see [`StepPlan::consts`]).
    consts: Vec<u8>,
    packed: Vec<u8>,
    at: HashMap<usize, u64>,
    /// Where the programs' step numbers are in `packed`.
    prog_steps: u64,
}

impl Prepared {
    /// `plan`'s descriptors, packed.
    pub fn new(plan: &StepPlan) -> Prepared {
        let descriptors = plan.descriptors();
        let mut packed = Vec::new();
        let mut at = HashMap::new();
        let mut put = |bytes: &[u8]| {
            if bytes.is_empty() {
                return;
            }
            at.insert(bytes.as_ptr() as usize, packed.len() as u64);
            packed.extend(bytes);
            packed.resize(packed.len().next_multiple_of(16), 0);
        };
        fn hof(h: &HofDesc, put: &mut dyn FnMut(&[u8])) {
            put(&h.desc);
            body(&h.subs, &h.guards, put);
        }
        fn body(subs: &[SubDesc], guards: &[u8], put: &mut dyn FnMut(&[u8])) {
            for s in subs {
                match s {
                    SubDesc::Kernel { desc, .. } => put(desc),
                    SubDesc::Hof(h) => hof(h, put),
                }
            }
            put(guards);
        }
        for launch in &descriptors.launches {
            match launch {
                LaunchDesc::Steps { descs, .. } => put(descs),
                LaunchDesc::Hof(h) => hof(h, &mut put),
                LaunchDesc::Call {
                    desc, subs, guards, ..
                } => {
                    put(desc);
                    body(subs, guards, &mut put);
                }
            }
        }
        let score = &descriptors.score;
        body(&score.c_subs, &[], &mut put);
        body(&score.subs, &[], &mut put);
        put(&score.c_masks);
        put(&score.masks);
        put(&score.differs);
        put(&descriptors.programs);
        let steps: Vec<u8> = descriptors
            .prog_steps
            .iter()
            .flat_map(|k| k.to_le_bytes())
            .collect();
        let prog_steps = packed.len() as u64;
        packed.extend(&steps);
        Prepared {
            programs: plan.device_programs().len(),
            rows: plan.steps.len(),
            record_bytes: plan.record_bytes as usize,
            consts: plan.consts.clone(),
            descriptors,
            packed,
            at,
            prog_steps,
        }
    }

    /// The scores a scored lane has room for in [`run_batch_scored`]'s
    /// results: one per differ of the card (at least one, at most
    /// [`MAX_SCORES`]).
    pub fn scores_per_lane(&self) -> usize {
        self.descriptors.score.n_differs.max(1)
    }

    /// The packed descriptors, for one upload per machine.
    pub fn bytes(&self) -> &[u8] {
        &self.packed
    }

    /// The address of `bytes` (a descriptor of [`Prepared::descriptors`])
    /// in the uploaded buffer at `base`; `base` itself for no bytes.
    fn addr(&self, base: u64, bytes: &[u8]) -> Result<u64, String> {
        if bytes.is_empty() {
            return Ok(base);
        }
        self.at
            .get(&(bytes.as_ptr() as usize))
            .map(|off| base + off)
            .ok_or_else(|| "a descriptor that was not packed".to_owned())
    }
}

/// A batch's run on a machine: its buffers and what it took.
struct Run<'m, M: StepMachine> {
    m: &'m M,
    prep: &'m Prepared,
    descs: u64,
    inputs: u64,
    /// The batch's samples.
    samples: usize,
    work: StepWork,
    profile: Option<&'m Profile>,
}

impl<M: StepMachine> Run<'_, M> {
    fn launch(&mut self, launch: Launch) -> Result<(), String> {
        self.work.launches += 1;
        if launch.threads() == 0 {
            return Ok(());
        }
        // A kernel numbers its threads with a 32-bit lane (`BATT_LANE`):
        // past it, lanes would alias, not fail.
        if launch.threads() > i32::MAX as u64 {
            return Err(format!(
                "{}: {} threads, more than a launch numbers",
                launch.entry(),
                launch.threads()
            ));
        }
        match self.profile {
            None => self.m.launch(&launch),
            Some(p) => {
                let t = std::time::Instant::now();
                let slowest = self
                    .m
                    .launch_waited(&launch)
                    .map_err(|e| format!("{e} (in {})", launch.entry()))?;
                p.add(p.group(&launch), t.elapsed(), slowest);
                Ok(())
            }
        }
    }

    /// `f`, its time counted under `group` in a profiled run.
    fn copy<T>(&self, group: &str, f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
        let Some(p) = self.profile else {
            return f();
        };
        let t = std::time::Instant::now();
        let out = f()?;
        p.add(group.to_owned(), t.elapsed(), None);
        Ok(out)
    }

    fn zeroed(&self, bytes: usize) -> Result<M::Buf, String> {
        self.copy("zeroed buffers", || self.m.zeroed(bytes))
    }

    fn upload(&self, bytes: &[u8]) -> Result<M::Buf, String> {
        self.copy("uploads", || self.m.upload(bytes))
    }

    fn download(&mut self, buf: &M::Buf, bytes: usize) -> Result<Vec<u8>, String> {
        self.work.downloaded += bytes as u64;
        self.copy("downloads", || self.m.download(buf, bytes))
    }

    fn desc(&self, bytes: &[u8]) -> Result<u64, String> {
        self.prep.addr(self.descs, bytes)
    }

    /// A callable's body over `lanes` lanes of records `elems` (levels
    /// `lv`), statuses in `estatus` (a row per sub-step).
    fn body(
        &mut self,
        subs: &[SubDesc],
        elems: u64,
        lv: Levels,
        lanes: usize,
        estatus: u64,
    ) -> Result<(), String> {
        self.work.sub_step_runs += (lanes * subs.len()) as u64;
        for s in subs {
            match s {
                SubDesc::Kernel { kernel, desc } => {
                    let descs = self.desc(desc)?;
                    self.launch(Launch::Step {
                        kernel: *kernel,
                        descs,
                        n_steps: 1,
                        n: lanes as i64,
                        slots: elems,
                        lv,
                        inputs: self.inputs,
                        status: estatus,
                    })?;
                }
                SubDesc::Hof(h) => self.hof(h, elems, lv, lanes, estatus)?,
            }
        }
        Ok(())
    }

    /// A higher-order call over `n` lanes of records `slots` (levels
    /// `lv`): record (count, place, write), the body over its element
    /// lanes, replay.
    fn hof(
        &mut self,
        h: &HofDesc,
        slots: u64,
        lv: Levels,
        n: usize,
        status: u64,
    ) -> Result<(), String> {
        let m = self.m;
        let inputs = self.inputs;
        let desc = self.desc(&h.desc)?;
        let guards = self.desc(&h.guards)?;
        let counts_buf = self.zeroed((n + 1) * 4)?;
        let counts = m.addr(&counts_buf);
        let mut el = Elems {
            counts,
            starts: 0,
            elems: 0,
            stride: h.stride,
        };
        let record = |el: Elems| Launch::Record {
            kernel: h.kernel,
            desc,
            n: n as i32,
            slots,
            lv,
            inputs,
            el,
            counts,
        };
        self.launch(record(el))?;
        let counted = self.download(&counts_buf, n * 4)?;
        let mut counts: Vec<usize> = counted
            .chunks_exact(4)
            .map(|c| i32::from_le_bytes([c[0], c[1], c[2], c[3]]).max(0) as usize)
            .collect();
        let stride = usize::try_from(h.stride).map_err(|_| "a negative element stride")?;
        // Where the element lanes would take more than their share, the
        // enclosing lanes with the most elements get none: their replay
        // finds no element, so their steps go to the CPU.
        let share = ELEMENT_BYTES_PER_SAMPLE.saturating_mul(self.samples.max(1));
        let capped = cap_elements(&mut counts, stride + h.subs.len(), share);
        // Kept until the replay, which reads the counts there.
        let _capped_counts = if capped {
            let bytes: Vec<u8> = counts
                .iter()
                .flat_map(|&c| (c as i32).to_le_bytes())
                .collect();
            let buf = self.upload(&bytes)?;
            el.counts = m.addr(&buf);
            Some(buf)
        } else {
            None
        };
        let mut starts = Vec::with_capacity((n + 1) * 8);
        let mut up = Vec::new();
        let mut lanes = 0usize;
        for (s, &c) in counts.iter().enumerate() {
            starts.extend((lanes as i64).to_le_bytes());
            up.extend(std::iter::repeat_n((s as i32).to_le_bytes(), c).flatten());
            lanes += c;
        }
        starts.extend((lanes as i64).to_le_bytes());
        self.work.element_lanes += lanes as u64;
        let starts_buf = self.upload(&starts)?;
        let up_buf = self.upload(&up)?;
        let elems_buf = self.zeroed(lanes * stride)?;
        el.starts = m.addr(&starts_buf);
        el.elems = m.addr(&elems_buf);
        self.launch(record(el))?;
        let inner = lv.down(el.elems, m.addr(&up_buf), slots);
        let estatus_buf = self.zeroed(h.subs.len() * lanes)?;
        let estatus = m.addr(&estatus_buf);
        self.body(&h.subs, el.elems, inner, lanes, estatus)?;
        self.launch(Launch::Replay {
            kernel: h.kernel,
            desc,
            n: n as i32,
            slots,
            lv,
            inputs: self.inputs,
            status,
            el,
            result_off: h.result_off,
            result_kind: h.result_kind,
            estatus,
            n_sub: h.subs.len() as i32,
            n_lanes: lanes as i64,
            guards,
        })?;
        Ok(())
    }
}

/// The most bytes one higher-order call's element lanes (their records and
/// their sub-steps' status bytes) take in a batch, per sample of the
/// batch. The records of a body nested three deep grow with the product of
/// three containers' sizes (every object, for every cell, for every
/// object), past any machine's memory on large samples (35 GB for one
/// sample of 30x30 cells). On ARC-AGI-1 the public 400 solvers' largest
/// call takes 5.2 MB a sample (5.4 GB for a batch of 1,024).
pub const ELEMENT_BYTES_PER_SAMPLE: usize = 16 << 20;

/// Gives no elements to the enclosing lanes with the most, largest first
/// (the earlier lane kept of two alike), until the rest take at most
/// `limit` bytes of `per_lane` each; whether any was dropped.
fn cap_elements(counts: &mut [usize], per_lane: usize, limit: usize) -> bool {
    let most = limit / per_lane.max(1);
    let mut total: usize = counts.iter().sum();
    if total <= most {
        return false;
    }
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by_key(|&s| (std::cmp::Reverse(counts[s]), std::cmp::Reverse(s)));
    for s in order {
        if total <= most {
            break;
        }
        total -= counts[s];
        counts[s] = 0;
    }
    true
}

/// A machine whose buffers are those of the machine it wraps (`.0`) and
/// whose launches go through `.1`, given that machine and the launch: a
/// device made to break or to go wrong on purpose, for the checks.
pub struct Intercepted<M, F>(pub M, pub F);

impl<M: std::fmt::Debug, F> std::fmt::Debug for Intercepted<M, F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Intercepted")
            .field(&self.0)
            .finish_non_exhaustive()
    }
}

impl<M: StepMachine, F: Fn(&M, &Launch) -> Result<(), String>> StepMachine for Intercepted<M, F> {
    type Buf = M::Buf;

    fn zeroed(&self, bytes: usize) -> Result<M::Buf, String> {
        self.0.zeroed(bytes)
    }

    fn upload(&self, bytes: &[u8]) -> Result<M::Buf, String> {
        self.0.upload(bytes)
    }

    fn download(&self, buf: &M::Buf, bytes: usize) -> Result<Vec<u8>, String> {
        self.0.download(buf, bytes)
    }

    fn addr(&self, buf: &M::Buf) -> u64 {
        self.0.addr(buf)
    }

    fn launch(&self, launch: &Launch) -> Result<(), String> {
        (self.1)(&self.0, launch)
    }
}

/// Runs `prep` (uploaded at `descs`, see [`Prepared::bytes`]) over
/// `inputs` on `m`: every device program's lane on every input,
/// program-major (the programs of [`StepPlan::device_programs`], in
/// order), with what the batch took.
pub fn run_batch<M: StepMachine>(
    m: &M,
    prep: &Prepared,
    descs: &M::Buf,
    inputs: &[DeviceGrid],
    profile: Option<&Profile>,
) -> Result<(LaneResults, StepWork), String> {
    run_batch_with(m, prep, descs, inputs, None, profile, false).map(|(r, w, _)| (r, w))
}

/// [`run_batch`] with each lane scored on the device as `scoring` says
/// (its expected outputs and test flags the inputs'): compared with its
/// expected output and scored by the differs the plan has there. The
/// results' `scored` lanes, [`Prepared::scores_per_lane`] scores each, and
/// only the grids the host needs ([`super::device::grid_wanted`]), packed
/// in `outs` and indexed by [`ScoredLanes::grid`]. Where every differ is
/// on the device and the inputs' tasks are given ([`Scoring::task`]),
/// each device program's demonstration lanes of a task that the host
/// asks for (`wanted`, one byte per lane, program-major) and the device
/// settles come back folded ([`ScoredLanes::folds`]: by device program
/// index and the task's first input).
pub fn run_batch_scored<M: StepMachine>(
    m: &M,
    prep: &Prepared,
    descs: &M::Buf,
    inputs: &[DeviceGrid],
    scoring: &Scoring<'_>,
    wanted: &[u8],
    profile: Option<&Profile>,
) -> Result<(LaneResults, StepWork), String> {
    run_batch_with(
        m,
        prep,
        descs,
        inputs,
        Some((scoring, wanted)),
        profile,
        false,
    )
    .map(|(r, w, _)| (r, w))
}

/// [`run_batch`], with the steps' status bytes (a row of one per input
/// for each of the plan's steps) when `statuses` asks for them.
fn run_batch_with<M: StepMachine>(
    m: &M,
    prep: &Prepared,
    descs: &M::Buf,
    inputs: &[DeviceGrid],
    scoring: Option<(&Scoring<'_>, &[u8])>,
    profile: Option<&Profile>,
    statuses: bool,
) -> Result<(LaneResults, StepWork, Vec<u8>), String> {
    let (scoring, wanted) = match scoring {
        Some((scoring, wanted)) => (Some(scoring), Some(wanted)),
        None => (None, None),
    };
    let n = inputs.len();
    let mut run = Run {
        m,
        prep,
        descs: m.addr(descs),
        inputs: 0,
        samples: n,
        work: StepWork::default(),
        profile,
    };
    // The folded values, then the input grids: kernels read the values
    // before the grids they are given.
    let inputs_buf = if prep.consts.is_empty() {
        run.upload(as_bytes(inputs))?
    } else {
        let mut bytes = prep.consts.clone();
        bytes.extend_from_slice(as_bytes(inputs));
        run.upload(&bytes)?
    };
    run.inputs = m.addr(&inputs_buf) + prep.consts.len() as u64;
    let slots_buf = run.zeroed(prep.record_bytes * n)?;
    let status_buf = run.zeroed(prep.rows * n)?;
    let (slots, status) = (m.addr(&slots_buf), m.addr(&status_buf));
    let top = Levels::top(slots);
    for launch in &prep.descriptors.launches {
        match launch {
            LaunchDesc::Steps {
                kernel,
                steps,
                descs,
            } => {
                let descs = run.desc(descs)?;
                run.launch(Launch::Step {
                    kernel: *kernel,
                    descs,
                    n_steps: *steps as i32,
                    n: n as i64,
                    slots,
                    lv: top,
                    inputs: run.inputs,
                    status,
                })?;
            }
            LaunchDesc::Hof(h) => run.hof(h, slots, top, n, status)?,
            LaunchDesc::Call {
                kernel,
                desc,
                stride,
                result_off,
                subs,
                guards,
            } => {
                // The callable's body over one lane per sample, then the
                // join.
                let desc = run.desc(desc)?;
                let guards = run.desc(guards)?;
                let stride_bytes =
                    usize::try_from(*stride).map_err(|_| "a negative call stride")?;
                let elems_buf = run.zeroed(n * stride_bytes)?;
                let elems = m.addr(&elems_buf);
                let mut inner = top;
                inner.rec[0] = elems;
                inner.rec[1] = slots;
                let estatus_buf = run.zeroed(subs.len() * n)?;
                let estatus = m.addr(&estatus_buf);
                run.body(subs, elems, inner, n, estatus)?;
                run.launch(Launch::Call {
                    kernel: *kernel,
                    desc,
                    n: n as i32,
                    slots,
                    status,
                    elems,
                    stride: *stride,
                    result_off: *result_off,
                    estatus,
                    n_sub: subs.len() as i32,
                    guards,
                })?;
            }
        }
    }
    let d = &prep.descriptors;
    let lanes = prep.programs * n;
    let outs_buf = run.zeroed(lanes * std::mem::size_of::<DeviceGrid>())?;
    let results_buf = run.zeroed(lanes * std::mem::size_of::<LaneScore>())?;
    let progs = run.desc(&d.programs)?;
    let prog_steps = run.descs + prep.prog_steps;
    run.launch(Launch::Lanes {
        progs,
        prog_steps,
        n_progs: prep.programs as i32,
        n: n as i32,
        slots,
        inputs: run.inputs,
        status,
        outs: m.addr(&outs_buf),
        results: m.addr(&results_buf),
    })?;
    let mut results: Vec<LaneScore> =
        from_bytes(&run.download(&results_buf, lanes * std::mem::size_of::<LaneScore>())?);
    // The differs over expected lanes, one per sample, and score lanes,
    // one per distinct output (by hash) of a sample among the lanes that
    // score: the expected outputs and the outputs gathered as their
    // elements, the differs' sub-steps on each, the scores, copied to the
    // lanes of equal outputs.
    let mut scores = None;
    let score = &d.score;
    let n_scores = prep.scores_per_lane();
    if let Some(scoring) = scoring {
        let expected = scoring.expected;
        if expected.len() != n {
            return Err(format!(
                "{} expected outputs for {n} inputs",
                expected.len()
            ));
        }
        let mut first_of: HashMap<(usize, u64), usize> = HashMap::new();
        let mut which: Vec<i32> = Vec::new();
        let mut same_as: Vec<(usize, usize)> = Vec::new();
        for (t, r) in results.iter().enumerate() {
            let s = t % n.max(1);
            if r.flag != super::LaneFlag::Done as u8 || r.empty == 1 || expected[s].h < 0 {
                continue;
            }
            match first_of.entry((s, r.hash)) {
                std::collections::hash_map::Entry::Occupied(e) => same_as.push((t, *e.get())),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(t);
                    which.push(t as i32);
                }
            }
        }
        let k = which.len();
        let mut all = vec![0i64; lanes * n_scores];
        let expected_buf = run.upload(as_bytes(expected))?;
        let scores_buf = run.zeroed(lanes * n_scores * 8)?;
        if k > 0 {
            let stride = usize::try_from(score.stride).map_err(|_| "a negative score stride")?;
            let which_buf = run.upload(as_bytes(&which))?;
            let elems_buf = run.zeroed(k * stride)?;
            let elems = m.addr(&elems_buf);
            let c_stride =
                usize::try_from(score.c_stride).map_err(|_| "a negative expected stride")?;
            let c_elems_buf = run.zeroed(n * c_stride)?;
            let c_elems = m.addr(&c_elems_buf);
            run.launch(Launch::ScoreGather {
                outs: m.addr(&outs_buf),
                which: m.addr(&which_buf),
                n_which: k as i32,
                expected: m.addr(&expected_buf),
                n: n as i32,
                c_elems,
                c_stride: score.c_stride,
                elems,
                stride: score.stride,
            })?;
            // The expected lanes are the samples'; score lane k belongs to
            // the sample of lane which[k].
            let c_status_buf = run.zeroed((score.c_subs.len() * n).max(1))?;
            let c_status = m.addr(&c_status_buf);
            let expected_lv = top.down(c_elems, 0, slots);
            run.body(&score.c_subs, c_elems, expected_lv, n, c_status)?;
            let up: Vec<i32> = which.iter().map(|&t| t % n.max(1) as i32).collect();
            let up_buf = run.upload(as_bytes(&up))?;
            let estatus_buf = run.zeroed((score.subs.len() * k).max(1))?;
            let estatus = m.addr(&estatus_buf);
            let score_lv = expected_lv.down(elems, m.addr(&up_buf), c_elems);
            run.body(&score.subs, elems, score_lv, k, estatus)?;
            run.launch(Launch::ScoreLanes {
                differs: run.desc(&score.differs)?,
                n_differs: score.n_differs as i32,
                n_scores: n_scores as i32,
                which: m.addr(&which_buf),
                n_which: k as i32,
                n: n as i32,
                elems,
                stride: score.stride,
                estatus,
                masks: run.desc(&score.masks)?,
                c_status,
                c_masks: run.desc(&score.c_masks)?,
                expected: m.addr(&expected_buf),
                results: m.addr(&results_buf),
                scores: m.addr(&scores_buf),
            })?;
            all = from_bytes(&run.download(&scores_buf, lanes * n_scores * 8)?);
        }
        // A program's demonstration lanes of a task, folded where the
        // device settles them.
        let mut folds = Vec::new();
        if let (Some(complete), Some(wanted)) = (scoring.complete, wanted)
            && scoring.task.len() == n
            && lanes > 0
        {
            let mut group_start: Vec<i32> = vec![0];
            for s in 1..n {
                if scoring.task[s] != scoring.task[s - 1] {
                    group_start.push(s as i32);
                }
            }
            let n_groups = group_start.len();
            group_start.push(n as i32);
            let mut rep: Vec<i32> = (0..lanes as i32).collect();
            for &(t, first) in &same_as {
                rep[t] = first as i32;
            }
            let demo: Vec<u8> = (0..n)
                .map(|s| u8::from(!scoring.test.get(s).copied().unwrap_or(true)))
                .collect();
            let rep_buf = run.upload(as_bytes(&rep))?;
            let wanted_buf = run.upload(wanted)?;
            let group_buf = run.upload(as_bytes(&group_start))?;
            let demo_buf = run.upload(&demo)?;
            let fold_bytes = prep.programs * n_groups * std::mem::size_of::<TaskFold>();
            let folds_buf = run.zeroed(fold_bytes)?;
            run.launch(Launch::Fold {
                results: m.addr(&results_buf),
                rep: m.addr(&rep_buf),
                scores: m.addr(&scores_buf),
                n_scores: n_scores as i32,
                n_differs: score.n_differs as i32,
                complete: complete as i32,
                wanted: m.addr(&wanted_buf),
                group_start: m.addr(&group_buf),
                n_groups: n_groups as i32,
                demo: m.addr(&demo_buf),
                expected: m.addr(&expected_buf),
                n_progs: prep.programs as i32,
                n: n as i32,
                folds: m.addr(&folds_buf),
            })?;
            let got: Vec<TaskFold> = from_bytes(&run.download(&folds_buf, fold_bytes)?);
            folds = got
                .into_iter()
                .enumerate()
                .filter(|(_, f)| f.lanes > 0)
                .map(|(at, fold)| Fold {
                    program: (at / n_groups) as u32,
                    input: group_start[at % n_groups] as u32,
                    fold,
                })
                .collect();
        }
        if k > 0 || !folds.is_empty() {
            results =
                from_bytes(&run.download(&results_buf, lanes * std::mem::size_of::<LaneScore>())?);
        }
        for (t, first) in same_as {
            results[t].matched = results[first].matched;
            results[t].scored = results[first].scored;
            all.copy_within(first * n_scores..(first + 1) * n_scores, t * n_scores);
        }
        scores = Some((all, folds));
    }
    let grid = std::mem::size_of::<DeviceGrid>();
    let (outs, grid_of): (Vec<DeviceGrid>, Vec<u32>) = match (scoring, &scores) {
        // Scored: only the grids the host needs, gathered on the device.
        (Some(scoring), Some(_)) => {
            let mut grid_of = vec![NO_GRID; lanes];
            let mut which: Vec<i32> = Vec::new();
            for t in 0..lanes {
                if super::device::grid_wanted(scoring, t % n.max(1), &results[t]) {
                    grid_of[t] = which.len() as u32;
                    which.push(t as i32);
                }
            }
            let mut outs = Vec::new();
            if !which.is_empty() {
                let which_buf = run.upload(as_bytes(&which))?;
                let packed_buf = run.zeroed(which.len() * grid)?;
                run.launch(Launch::Gather {
                    outs: m.addr(&outs_buf),
                    which: m.addr(&which_buf),
                    n: which.len() as i32,
                    packed: m.addr(&packed_buf),
                })?;
                outs = from_bytes(&run.download(&packed_buf, which.len() * grid)?);
            }
            (outs, grid_of)
        }
        _ => (
            from_bytes(&run.download(&outs_buf, lanes * grid)?),
            Vec::new(),
        ),
    };
    let results = LaneResults {
        outs,
        flags: results.iter().map(|r| r.flag).collect(),
        failed: results.iter().map(|r| r.failed).collect(),
        scored: scores.map(|(scores, folds)| ScoredLanes {
            lanes: results,
            scores,
            grid: grid_of,
            folds,
        }),
    };
    let status = if statuses {
        run.download(&status_buf, prep.rows * n)?
    } else {
        Vec::new()
    };
    Ok((results, run.work, status))
}

/// Samples per batch on the host twin (`--backend host-steps`).
pub const HOST_BATCH_SAMPLES: usize = 64;

/// Samples per batch on a device with `free` bytes: `lanes` (the
/// command line's lanes per launch) over the plan's programs, else what a
/// quarter of the memory holds of a sample's records, statuses and lanes,
/// with as much again for element lanes; 16 to 4,096.
pub fn batch_samples(plan: &StepPlan, free: usize, lanes: Option<usize>) -> usize {
    let programs = plan.device_programs().len().max(1);
    if let Some(lanes) = lanes {
        return (lanes / programs).max(1);
    }
    let per_sample = 2
        * (plan.record_bytes as usize
            + plan.steps.len()
            + programs * (std::mem::size_of::<DeviceGrid>() + std::mem::size_of::<LaneScore>()));
    (free / 4 / per_sample.max(1)).clamp(16, 4096)
}

/// The step-major engine as a [`LaneRunner`] for one card: its plan's
/// programs on every sample of a batch, `batch_samples` samples per
/// [`run_batch`], the batches spread over `machines` (a thread each), and
/// the lanes the batch asks for picked from the results. Lanes of programs
/// off the plan come back flagged (left to the CPU). Where the batch asks
/// for scoring and the plan has differs on the device, the lanes come
/// back scored, and only the grids the host still needs
/// ([`super::device::grids_wanted`]).
#[derive(Debug)]
pub struct StepRunner<M> {
    machines: Vec<M>,
    prep: Prepared,
    /// Each card program's place among the plan's device programs.
    place: Vec<Option<usize>>,
    /// The plan's device programs, in order (card program ids).
    on_device: Vec<usize>,
    batch_samples: usize,
    what: String,
    /// What loading the machines took.
    setup: std::time::Duration,
    /// Where each launch's time goes, when profiled.
    profile: Option<std::sync::Arc<Profile>>,
    /// The differs the plan scores, where it scores them all.
    complete: Option<u32>,
}

impl<M: StepMachine + Send + Sync> StepRunner<M> {
    /// A runner of `plan` (of a card of `n_programs` programs) on
    /// `machines` (at least one), described as `what`; `setup` is what
    /// making the machines took (reported as the device's preparation).
    pub fn new(
        plan: &StepPlan,
        n_programs: usize,
        machines: Vec<M>,
        batch_samples: usize,
        what: String,
        setup: std::time::Duration,
    ) -> StepRunner<M> {
        let mut place = vec![None; n_programs];
        for (k, &p) in plan.device_programs().iter().enumerate() {
            if let Some(slot) = place.get_mut(p) {
                *slot = Some(k);
            }
        }
        StepRunner {
            machines,
            prep: Prepared::new(plan),
            place,
            on_device: plan.device_programs(),
            batch_samples: batch_samples.max(1),
            what,
            setup,
            profile: None,
            complete: plan.differ_mask(),
        }
    }

    /// The runner, each launch waited for and its time added to `profile`.
    pub fn profiled(self, profile: std::sync::Arc<Profile>) -> StepRunner<M> {
        StepRunner {
            profile: Some(profile),
            ..self
        }
    }

    /// Runs the samples `start..end` of `batch` on machine `m` (its
    /// descriptors at `descs`) and copies the lanes `lanes` (of those
    /// samples) ask for into `out`, scored where `batch.scoring` says (set
    /// only where the plan scores differs). A batch that fails (a machine
    /// out of memory for its element lanes) runs again in halves, down to
    /// one sample, whose error is the run's; unless the machine is broken
    /// (it fails to wait), when the batch's error is.
    fn run_one(
        &self,
        m: &M,
        descs: &M::Buf,
        batch: &super::LaneBatch<'_>,
        (start, end): (usize, usize),
        lanes: &[usize],
        out: &Mutex<Collected>,
    ) -> Result<(), String> {
        let inputs = &batch.inputs[start..end];
        let profile = self.profile.as_deref();
        let scored = match batch.scoring {
            Some(scoring) => {
                let part = Scoring {
                    expected: scoring
                        .expected
                        .get(start..end)
                        .ok_or("fewer expected outputs than inputs")?,
                    test: scoring.test.get(start..end).unwrap_or(&[]),
                    task: scoring.task.get(start..end).unwrap_or(&[]),
                    ..scoring
                };
                // Only the lanes asked for fold.
                let n = end - start;
                let mut wanted = vec![0u8; self.prep.programs * n];
                for &lane in lanes {
                    let p = batch.programs[lane] as usize;
                    if let Some(k) = self.place.get(p).copied().flatten() {
                        wanted[k * n + batch.samples[lane] as usize - start] = 1;
                    }
                }
                run_batch_scored(m, &self.prep, descs, inputs, &part, &wanted, profile)
            }
            None => run_batch(m, &self.prep, descs, inputs, profile),
        };
        let (r, work) = match scored {
            Ok(done) => done,
            Err(why) if end - start <= 1 => return Err(why),
            // A machine that cannot even wait any more (a kernel's fault
            // ends a CUDA context) fails every half too: its first error
            // is the one to report.
            Err(why) if m.sync().is_err() => return Err(why),
            Err(_) => {
                let mid = start + (end - start) / 2;
                let (low, high): (Vec<usize>, Vec<usize>) = lanes
                    .iter()
                    .partition(|&&lane| (batch.samples[lane] as usize) < mid);
                for (range, lanes) in [((start, mid), low), ((mid, end), high)] {
                    if !lanes.is_empty() {
                        self.run_one(m, descs, batch, range, &lanes, out)?;
                    }
                }
                return Ok(());
            }
        };
        let n = end - start;
        let mut out = out.lock().unwrap_or_else(|e| e.into_inner());
        let Collected {
            results: to,
            grids,
            folds,
            downloaded,
        } = &mut *out;
        *downloaded += work.downloaded;
        if let Some(from) = &r.scored {
            for f in &from.folds {
                let program = *self
                    .on_device
                    .get(f.program as usize)
                    .ok_or("a fold of a program off the device")?;
                folds.push(Fold {
                    program: program as u32,
                    input: f.input + start as u32,
                    ..*f
                });
            }
        }
        for &lane in lanes {
            let p = batch.programs[lane] as usize;
            let s = batch.samples[lane] as usize - start;
            if let Some(k) = self.place.get(p).copied().flatten() {
                let at = k * n + s;
                to.flags[lane] = r.flags[at];
                to.failed[lane] = r.failed[at];
                match (&r.scored, &mut to.scored, batch.scoring.map(|s| s.stride)) {
                    (Some(from), Some(scored), Some(stride)) => {
                        scored.lanes[lane] = from.lanes[at];
                        let from_stride = self.prep.scores_per_lane();
                        scored.scores[lane * stride..(lane + 1) * stride].copy_from_slice(
                            &from.scores[at * from_stride..at * from_stride + stride],
                        );
                        if let Some(g) = from.grid.get(at).filter(|&&g| g != NO_GRID) {
                            grids
                                .entry((batch.samples[lane], from.lanes[at].hash))
                                .or_insert(r.outs[*g as usize]);
                        }
                    }
                    _ => to.outs[lane] = r.outs[at],
                }
            }
        }
        Ok(())
    }
}

impl<M: StepMachine + Send + Sync> super::LaneRunner for StepRunner<M> {
    fn describe(&self) -> String {
        self.what.clone()
    }

    fn programs(&self, card: &dyn Card) -> Vec<bool> {
        (0..card.programs().len())
            .map(|p| self.place.get(p).copied().flatten().is_some())
            .collect()
    }

    fn complete_scores(&self, card: &dyn Card) -> Option<u32> {
        self.complete
            .filter(|mask| mask.count_ones() as usize == card.differs().len())
    }

    fn run(
        &self,
        batch: &super::LaneBatch<'_>,
    ) -> Result<(LaneResults, super::DeviceTiming), String> {
        let t = std::time::Instant::now();
        let lanes = batch.programs.len();
        let batches = batch.inputs.len().div_ceil(self.batch_samples);
        // Each batch's lanes, in the batch's order.
        let mut by_batch = vec![Vec::new(); batches];
        for (lane, &s) in batch.samples.iter().enumerate() {
            let s = usize::try_from(s).map_err(|_| "a lane of a negative sample")?;
            if s >= batch.inputs.len() {
                return Err(format!("a lane of sample {s}, past the batch's inputs"));
            }
            by_batch[s / self.batch_samples].push(lane);
        }
        // Scored in the engine where the differs fit a score lane; the
        // batches run with that decision.
        let scoring = batch.scoring.filter(|s| s.stride <= MAX_SCORES);
        let batch = &super::LaneBatch { scoring, ..*batch };
        // Scored, the grids come back sparse: a few lanes' of many.
        let out = Mutex::new(Collected {
            results: LaneResults {
                outs: match scoring {
                    Some(_) => Vec::new(),
                    None => vec![DeviceGrid::empty(); lanes],
                },
                flags: vec![0; lanes],
                failed: vec![0; lanes],
                scored: scoring.map(|s| ScoredLanes {
                    lanes: vec![LaneScore::default(); lanes],
                    scores: vec![0; lanes * s.stride],
                    grid: Vec::new(),
                    folds: Vec::new(),
                }),
            },
            grids: HashMap::new(),
            folds: Vec::new(),
            downloaded: 0,
        });
        let machines = self.machines.len().max(1);
        let failures: Vec<String> = std::thread::scope(|scope| {
            let workers: Vec<_> = self
                .machines
                .iter()
                .enumerate()
                .map(|(w, m)| {
                    let (by_batch, out) = (&by_batch, &out);
                    scope.spawn(move || -> Result<(), String> {
                        let descs = m.upload(self.prep.bytes())?;
                        for b in (w..batches).step_by(machines) {
                            if !by_batch[b].is_empty() {
                                let start = b * self.batch_samples;
                                let end = (start + self.batch_samples).min(batch.inputs.len());
                                self.run_one(m, &descs, batch, (start, end), &by_batch[b], out)?;
                            }
                        }
                        Ok(())
                    })
                })
                .collect();
            workers
                .into_iter()
                .filter_map(|w| match w.join() {
                    Ok(Ok(())) => None,
                    Ok(Err(e)) => Some(e),
                    Err(_) => Some("a step engine thread panicked".to_owned()),
                })
                .collect()
        });
        if let Some(first) = failures.into_iter().next() {
            return Err(first);
        }
        let Collected {
            results: mut out,
            grids,
            mut folds,
            downloaded,
        } = out.into_inner().unwrap_or_else(|e| e.into_inner());
        let timing = super::DeviceTiming {
            compile: self.setup,
            kernel: t.elapsed(),
            bytes_back: downloaded,
            ..super::DeviceTiming::default()
        };
        // Scored: only the grids the host needs, one per distinct output
        // of a sample.
        if let (Some(scoring), Some(scored)) = (scoring, &mut out.scored) {
            let (fetch, grid) = super::device::grids_wanted(
                &scoring,
                batch.samples,
                &scored.lanes,
                &mut HashMap::new(),
                &mut 0,
            );
            out.outs = fetch
                .iter()
                .map(|&l| {
                    grids
                        .get(&(batch.samples[l], scored.lanes[l].hash))
                        .copied()
                })
                .collect::<Option<_>>()
                .ok_or("a grid the host needs did not come back")?;
            scored.grid = grid;
            // In the inputs' order, whichever machine ran them.
            folds.sort_by_key(|f| (f.input, f.program));
            scored.folds = folds;
        }
        Ok((out, timing))
    }
}

/// What a [`StepRunner`]'s batches give back, gathered: the lanes'
/// results, and when they are scored, the grids that came back, one per
/// distinct output (by hash) of an input, as [`super::device::grids_wanted`]
/// keeps them.
struct Collected {
    results: LaneResults,
    grids: HashMap<(i32, u64), DeviceGrid>,
    folds: Vec<Fold>,
    /// Bytes the batches' downloads brought back.
    downloaded: u64,
}

/// Plain data the kernels share with the host: `repr(C)`, every byte
/// pattern a valid value.
///
/// # Safety
/// Only for types of which that holds.
pub(super) unsafe trait Plain: Copy {}
// SAFETY: `repr(C)`, integers and bytes only.
unsafe impl Plain for DeviceGrid {}
// SAFETY: `repr(C)`, integers and bytes only.
unsafe impl Plain for LaneScore {}
// SAFETY: `repr(C)` integers, no padding.
unsafe impl Plain for TaskFold {}
// SAFETY: integers.
unsafe impl Plain for i32 {}
// SAFETY: integers.
unsafe impl Plain for i64 {}

/// The bytes of plain values.
pub(super) fn as_bytes<T: Plain>(values: &[T]) -> &[u8] {
    // SAFETY: `T` is plain data; the bytes are the slice's own.
    unsafe { std::slice::from_raw_parts(values.as_ptr().cast(), std::mem::size_of_val(values)) }
}

/// Plain values from their bytes (a whole number of them).
pub(super) fn from_bytes<T: Plain>(bytes: &[u8]) -> Vec<T> {
    let size = std::mem::size_of::<T>();
    bytes
        .chunks_exact(size)
        .map(|b| {
            // SAFETY: `b` holds `size_of::<T>()` bytes and every byte
            // pattern is a valid `T`; the read is unaligned.
            unsafe { std::ptr::read_unaligned(b.as_ptr().cast::<T>()) }
        })
        .collect()
}

/// A host buffer: 16-byte words, written by the library through its
/// address.
#[derive(Debug)]
pub struct HostBuf {
    ptr: *mut u128,
    words: usize,
}

impl HostBuf {
    /// `bytes` zero bytes, or an error where the memory cannot be had.
    /// Zeroed by the allocator (large buffers come as fresh pages, zero
    /// until written), so a buffer sized for the worst case costs only
    /// the part the kernels touch.
    fn zeroed(bytes: usize) -> Result<HostBuf, String> {
        let words = bytes.div_ceil(16).max(1);
        let layout = Self::layout(words)
            .ok_or_else(|| format!("allocating {bytes} bytes on the host: too large"))?;
        // SAFETY: the layout's size is at least 16 bytes.
        let ptr = unsafe { std::alloc::alloc_zeroed(layout) }.cast::<u128>();
        if ptr.is_null() {
            return Err(format!(
                "allocating {bytes} bytes on the host: out of memory"
            ));
        }
        Ok(HostBuf { ptr, words })
    }

    /// The layout of `words` 16-byte words.
    fn layout(words: usize) -> Option<std::alloc::Layout> {
        std::alloc::Layout::array::<u128>(words).ok()
    }
}

impl Drop for HostBuf {
    fn drop(&mut self) {
        if let Some(layout) = Self::layout(self.words) {
            // SAFETY: `ptr` was allocated by `zeroed` with this layout.
            unsafe { std::alloc::dealloc(self.ptr.cast::<u8>(), layout) };
        }
    }
}

/// `batt_host_launch(kind, k, threads, args, slowest_ns)` of step_host.cpp.
type HostLaunch =
    unsafe extern "C" fn(i32, i32, i64, *mut *const std::ffi::c_void, *mut i64) -> i32;

/// The library compiled as host C++ into a shared object (with `$CXX`,
/// else `c++`), once: the host twin of a GPU for [`run_batch`].
#[derive(Debug)]
pub struct StepHost {
    _dir: tempfile::TempDir,
    lib: libloading::Library,
    /// The library's host lane is one per thread; launches run one at a
    /// time all the same, as on a stream.
    lock: Mutex<()>,
    /// The shared object.
    path: PathBuf,
}

impl StepHost {
    /// Compiles the library and its launch functions; an error naming the
    /// compiler when there is none or it fails.
    pub fn new() -> Result<StepHost, String> {
        StepHost::with_options(&[])
    }

    /// [`StepHost::new`] with more options for the C++ compiler (before
    /// `BATT_CXXFLAGS`'s): `-ftrivial-auto-var-init=pattern` fills every
    /// local the kernels leave unset, to show that no lane depends on one.
    pub fn with_options(options: &[&str]) -> Result<StepHost, String> {
        let dir = tempfile::tempdir().map_err(|e| format!("a temporary directory: {e}"))?;
        let library = step_kernels::library()?;
        for (name, text) in [
            ("host_shim.h", HOST_SHIM),
            ("step_host.cpp", step_kernels::STEP_HOST),
            ("steps.cu", library.as_str()),
        ] {
            std::fs::write(dir.path().join(name), text).map_err(|e| format!("{name}: {e}"))?;
        }
        let path = dir.path().join("libbattsteps.so");
        compile_cxx(
            dir.path(),
            &dir.path().join("step_host.cpp"),
            &dir.path().join("steps.cu"),
            &path,
            &[&["-shared", "-fPIC"], options].concat(),
        )
        .map_err(|e| format!("compiling the step library as host C++ failed:\n{e}"))?;
        // SAFETY: the library is ours, just built; loading it runs no code
        // but C++ static initialisers of constant tables.
        let lib = unsafe { libloading::Library::new(&path) }
            .map_err(|e| format!("loading {}: {e}", path.display()))?;
        Ok(StepHost {
            _dir: dir,
            lib,
            lock: Mutex::new(()),
            path,
        })
    }

    /// The shared object's path.
    pub fn library_path(&self) -> &std::path::Path {
        &self.path
    }

    /// Runs a plan over `inputs` (one batch): every device program's lane
    /// on every input, program-major.
    pub fn run(&self, plan: &StepPlan, inputs: &[DeviceGrid]) -> Result<LaneResults, String> {
        self.run_counted(&Prepared::new(plan), inputs)
            .map(|(r, _)| r)
    }

    /// [`StepHost::run`] of prepared descriptors, with what the batch took.
    pub fn run_counted(
        &self,
        prep: &Prepared,
        inputs: &[DeviceGrid],
    ) -> Result<(LaneResults, StepWork), String> {
        let descs = self.upload(prep.bytes())?;
        run_batch(self, prep, &descs, inputs, None)
    }

    fn symbol<T>(&self, name: &[u8]) -> Result<libloading::Symbol<'_, T>, String> {
        // SAFETY: each name is looked up with the type step_host.cpp gives
        // it (the callers below).
        unsafe { self.lib.get(name) }.map_err(|e| e.to_string())
    }
}

impl StepMachine for StepHost {
    type Buf = HostBuf;

    fn zeroed(&self, bytes: usize) -> Result<HostBuf, String> {
        HostBuf::zeroed(bytes)
    }

    fn upload(&self, bytes: &[u8]) -> Result<HostBuf, String> {
        let buf = HostBuf::zeroed(bytes.len())?;
        // SAFETY: the buffer has room for `bytes` and does not overlap it.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), buf.ptr.cast::<u8>(), bytes.len()) };
        Ok(buf)
    }

    fn download(&self, buf: &HostBuf, bytes: usize) -> Result<Vec<u8>, String> {
        if bytes > buf.words * 16 {
            return Err(format!("a read of {bytes} bytes from a smaller buffer"));
        }
        // SAFETY: within the buffer; no launch runs meanwhile (they are
        // synchronous on the host).
        Ok(unsafe { std::slice::from_raw_parts(buf.ptr.cast::<u8>(), bytes) }.to_vec())
    }

    fn addr(&self, buf: &HostBuf) -> u64 {
        buf.ptr as u64
    }

    fn launch(&self, launch: &Launch) -> Result<(), String> {
        self.host_launch(launch, false).map(|_| ())
    }

    fn launch_waited(&self, launch: &Launch) -> Result<Option<std::time::Duration>, String> {
        self.host_launch(launch, true)
    }
}

impl StepHost {
    /// Runs a launch, each thread after the other; with `timed`, the
    /// slowest thread's time.
    fn host_launch(
        &self,
        launch: &Launch,
        timed: bool,
    ) -> Result<Option<std::time::Duration>, String> {
        let _one = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        let (kind, k) = match *launch {
            Launch::Step { kernel, .. } => (0, kernel),
            Launch::Record { kernel, .. } => (1, kernel),
            Launch::Replay { kernel, .. } => (2, kernel),
            Launch::Call { kernel, .. } => (3, kernel),
            Launch::Lanes { .. } => (4, 0),
            Launch::ScoreGather { .. } => (5, 0),
            Launch::ScoreLanes { .. } => (6, 0),
            Launch::Gather { .. } => (7, 0),
            Launch::Fold { .. } => (8, 0),
        };
        // As cuLaunchKernel takes them: a pointer to each argument's value.
        let args = launch.args();
        let mut ptrs: Vec<*const std::ffi::c_void> = args
            .iter()
            .map(|a| match a {
                KernelArg::Addr(v) => (v as *const u64).cast(),
                KernelArg::I32(v) => (v as *const i32).cast(),
                KernelArg::I64(v) => (v as *const i64).cast(),
                KernelArg::Levels(v) => (v as *const Levels).cast(),
                KernelArg::Elems(v) => (v as *const Elems).cast(),
            })
            .collect();
        let k = i32::try_from(k).map_err(|_| format!("kernel {k}: out of range"))?;
        let f = self.symbol::<HostLaunch>(b"batt_host_launch")?;
        let mut slowest = 0i64;
        let out = if timed {
            &raw mut slowest
        } else {
            std::ptr::null_mut()
        };
        // SAFETY: `batt_host_launch` reads parameter i of the kernel from
        // `ptrs[i]`, which points at a live value of the parameter's type
        // (`Launch::args` gives them in the kernel's order; a test checks
        // it against the library's signatures); each address is a live
        // buffer of this machine laid out as the kernel reads it (the
        // driver's buffers for this launch, sized by the plan). `out` is
        // null or points at `slowest`, a live i64 the call may write.
        let failed = unsafe { f(kind, k, launch.threads() as i64, ptrs.as_mut_ptr(), out) };
        if failed != 0 {
            return Err(format!("no kernel {} in the step library", launch.entry()));
        }
        Ok(timed.then(|| std::time::Duration::from_nanos(u64::try_from(slowest).unwrap_or(0))))
    }
}

/// Runs `plan` (the step plan of `card`'s solvers) over every sample of
/// `tasks` on machine `m` (a GPU, or the host twin), `batch_tasks` tasks'
/// samples at a time, and compares each lane it keeps with the card's own
/// output and failed count; with what the batches took.
pub fn check_steps<M: StepMachine>(
    card: &dyn Card,
    plan: &StepPlan,
    tasks: &[Task],
    m: &M,
    batch_tasks: usize,
) -> Result<(LaneCheck, StepWork), String> {
    let programs = card.programs();
    let ids = plan.device_programs();
    let wanted: Vec<bool> = (0..programs.len()).map(|p| ids.contains(&p)).collect();
    let mut check = LaneCheck {
        programs: ids.len(),
        ..LaneCheck::default()
    };
    let prep = Prepared::new(plan);
    let descs = m.upload(prep.bytes())?;
    let mut by_program = vec![0usize; programs.len()];
    // The lanes left to the CPU by program and culprit step, and by
    // culprit alone (its callee), summed over the programs.
    let mut left_by_program: std::collections::BTreeMap<(usize, String), usize> =
        Default::default();
    let mut left_by: std::collections::BTreeMap<String, usize> = Default::default();
    // Each culprit step's overload, named once.
    let mut signatures: HashMap<usize, String> = HashMap::new();
    // A step's status bits that leave its lanes to the CPU (`step_status`):
    // 2, a value no device form holds; 4, a failure whose default none
    // holds (1, a failure with its default, keeps the lane).
    const LEFT: u8 = 2 | 4;
    let mut work = StepWork::default();
    for chunk in tasks.chunks(batch_tasks.max(1)) {
        let mut inputs = Vec::new();
        let mut samples = Vec::new();
        for task in chunk {
            let demos = batt::demos(task);
            for sample in task.samples() {
                inputs.push(DeviceGrid::from_grid(&sample.pair.input).ok_or_else(|| {
                    format!("task {}: an input does not fit the device grid", task.id)
                })?);
                samples.push((task.id.clone(), Sample::new(&demos, &sample)));
            }
        }
        let t = std::time::Instant::now();
        let (results, batch, status) = run_batch_with(m, &prep, &descs, &inputs, None, None, true)?;
        // Launches, copies and waits: the device's whole share.
        check.timing.kernel += t.elapsed();
        work.element_lanes += batch.element_lanes;
        work.sub_step_runs += batch.sub_step_runs;
        work.launches += batch.launches;
        let expected: Vec<_> = samples
            .par_iter()
            .map(|(_, sample)| card.outputs(sample, &mut Ctx::default(), &wanted))
            .collect();
        let n = inputs.len();
        for (k, &p) in ids.iter().enumerate() {
            for (s, (o, failed)) in expected.iter().enumerate() {
                let lane = k * n + s;
                let left = check.tally(&results, lane, &o[p].1, failed[p], || {
                    format!("{} on a sample of {}", programs[p].name, samples[s].0)
                });
                by_program[p] += usize::from(left);
                let flag = super::LaneFlag::from_u8(results.flags[lane]);
                let (callee, step) = if flag == Some(super::LaneFlag::Oversize) {
                    // Not a culprit's: only its grid is left, which no
                    // scoring without differs reads.
                    ("(settled but for a grid too large)".to_owned(), None)
                } else if flag != Some(super::LaneFlag::Done) {
                    // The first of its steps whose value the device could
                    // not hold (`full`), or whose default it could not
                    // (`no default`): its callee.
                    let culprit = plan
                        .program_steps(p)
                        .iter()
                        .filter_map(|&st| {
                            let b = status.get(st * n + s).copied().unwrap_or(0);
                            (b & LEFT != 0).then_some((st, b))
                        })
                        .min();
                    match culprit {
                        Some((st, b)) => (
                            format!(
                                "{}: {}",
                                signatures.entry(st).or_insert_with(|| {
                                    plan.step_signature(st)
                                        .unwrap_or_else(|| card.step_callee(st).to_owned())
                                }),
                                if b & 2 != 0 { "full" } else { "no default" }
                            ),
                            Some(st),
                        ),
                        None => ("(the output: a tuple no grid holds)".to_owned(), None),
                    }
                } else {
                    continue;
                };
                *left_by.entry(callee.clone()).or_default() += 1;
                let at = match step {
                    Some(st) => format!("step {st}, {callee}"),
                    None => callee,
                };
                *left_by_program.entry((p, at)).or_default() += 1;
            }
        }
    }
    let mut left_by: Vec<(String, usize)> = left_by.into_iter().collect();
    left_by.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    check.left_by_callee = left_by;
    let mut left_by_program: Vec<(String, String, usize)> = left_by_program
        .into_iter()
        .map(|((p, callee), k)| (programs[p].name.to_string(), callee, k))
        .collect();
    left_by_program.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
    check.left_by_program = left_by_program;
    let mut most: Vec<(String, usize)> = by_program
        .into_iter()
        .enumerate()
        .filter(|&(_, k)| k > 0)
        .map(|(p, k)| (programs[p].name.to_string(), k))
        .collect();
    most.sort_by_key(|m| std::cmp::Reverse(m.1));
    check.by_program = most;
    Ok((check, work))
}

/// Compiles `main` (the host driver, `step_host.cpp`, which includes the
/// library source `source` as `BATT_SOURCE`, with `dir`'s `host_shim.h`)
/// as C++17 with `$CXX`, else `c++`, to `out`, with `extra` options
/// (`-shared -fPIC` for a library); then those of `BATT_CXXFLAGS` (split
/// at spaces; `-fsanitize=address -g` finds the kernels' bad accesses on
/// the host); an error naming the compiler, or its messages (the first
/// 4,000 characters).
fn compile_cxx(
    dir: &std::path::Path,
    main: &std::path::Path,
    source: &std::path::Path,
    out: &std::path::Path,
    extra: &[&str],
) -> Result<(), String> {
    let cxx = std::env::var("CXX").unwrap_or_else(|_| "c++".into());
    let done = std::process::Command::new(&cxx)
        .args(["-std=c++17", "-O1", "-w"])
        .args(extra)
        .args(
            std::env::var("BATT_CXXFLAGS")
                .unwrap_or_default()
                .split_whitespace(),
        )
        .arg("-I")
        .arg(dir)
        .arg(format!("-DBATT_SOURCE=\"{}\"", source.display()))
        .arg(main)
        .arg("-o")
        .arg(out)
        .output()
        .map_err(|e| format!("cannot run the C++ compiler `{cxx}`: {e}"))?;
    if done.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&done.stderr);
    let cut = stderr
        .char_indices()
        .nth(4000)
        .map_or(stderr.len(), |(k, _)| k);
    Err(stderr[..cut].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kinds of a kernel's parameters, read from the library source.
    fn params(library: &str, entry: &str) -> Vec<&'static str> {
        let head = format!("BATT_KERNEL {entry}(");
        let at = library.find(&head).expect("the entry is in the library") + head.len();
        let end = at + library[at..].find(')').expect("its parameters end");
        library[at..end]
            .split(',')
            .map(|p| {
                let p = p.trim();
                if p.contains('*') {
                    "addr"
                } else if p.starts_with("int ") {
                    "i32"
                } else if p.starts_with("long long ") {
                    "i64"
                } else if p.starts_with("StepLevels ") {
                    "levels"
                } else if p.starts_with("StepElems ") {
                    "elems"
                } else {
                    panic!("{entry}: a parameter `{p}`")
                }
            })
            .collect()
    }

    #[test]
    fn each_launch_passes_the_arguments_its_kernel_takes_in_order() {
        let library = step_kernels::library().unwrap();
        let lv = Levels::default();
        let el = Elems::default();
        let launches = [
            Launch::Step {
                kernel: 0,
                descs: 1,
                n_steps: 2,
                n: 3,
                slots: 4,
                lv,
                inputs: 5,
                status: 6,
            },
            Launch::Record {
                kernel: 0,
                desc: 1,
                n: 2,
                slots: 3,
                lv,
                inputs: 4,
                el,
                counts: 5,
            },
            Launch::Replay {
                kernel: 0,
                desc: 1,
                n: 2,
                slots: 3,
                lv,
                inputs: 4,
                status: 5,
                el,
                result_off: 6,
                result_kind: 7,
                estatus: 8,
                n_sub: 9,
                n_lanes: 10,
                guards: 11,
            },
            Launch::Call {
                kernel: 0,
                desc: 1,
                n: 2,
                slots: 3,
                status: 4,
                elems: 5,
                stride: 6,
                result_off: 7,
                estatus: 8,
                n_sub: 9,
                guards: 10,
            },
            Launch::Lanes {
                progs: 1,
                prog_steps: 2,
                n_progs: 3,
                n: 4,
                slots: 5,
                inputs: 6,
                status: 7,
                outs: 8,
                results: 9,
            },
            Launch::ScoreGather {
                outs: 1,
                which: 2,
                n_which: 3,
                expected: 4,
                n: 5,
                c_elems: 6,
                c_stride: 7,
                elems: 8,
                stride: 9,
            },
            Launch::Gather {
                outs: 1,
                which: 2,
                n: 3,
                packed: 4,
            },
            Launch::ScoreLanes {
                differs: 1,
                n_differs: 2,
                n_scores: 3,
                which: 4,
                n_which: 5,
                n: 6,
                elems: 7,
                stride: 8,
                estatus: 9,
                masks: 10,
                c_status: 11,
                c_masks: 12,
                expected: 13,
                results: 14,
                scores: 15,
            },
            Launch::Fold {
                results: 1,
                rep: 2,
                scores: 3,
                n_scores: 4,
                n_differs: 5,
                complete: 6,
                wanted: 7,
                group_start: 8,
                n_groups: 9,
                demo: 10,
                expected: 11,
                n_progs: 12,
                n: 13,
                folds: 14,
            },
        ];
        for launch in launches {
            let kinds: Vec<&str> = launch
                .args()
                .iter()
                .map(|a| match a {
                    KernelArg::Addr(_) => "addr",
                    KernelArg::I32(_) => "i32",
                    KernelArg::I64(_) => "i64",
                    KernelArg::Levels(_) => "levels",
                    KernelArg::Elems(_) => "elems",
                })
                .collect();
            assert_eq!(
                kinds,
                params(&library, &launch.entry()),
                "{}",
                launch.entry()
            );
            // Every field but the kernel number is an argument, in the
            // order the variant names them (numbered 1, 2, ... above).
            let numbers: Vec<i64> = launch
                .args()
                .iter()
                .filter_map(|a| match *a {
                    KernelArg::Addr(v) => Some(v as i64),
                    KernelArg::I32(v) => Some(i64::from(v)),
                    KernelArg::I64(v) => Some(v),
                    KernelArg::Levels(_) | KernelArg::Elems(_) => None,
                })
                .collect();
            let mut sorted = numbers.clone();
            sorted.sort_unstable();
            assert_eq!(
                numbers,
                sorted,
                "{}: arguments out of order",
                launch.entry()
            );
        }
    }

    #[test]
    fn element_lanes_past_their_share_are_taken_from_the_largest_lanes() {
        // Within the limit: nothing changes.
        let mut counts = vec![3, 0, 5, 2];
        assert!(!cap_elements(&mut counts, 10, 100));
        assert_eq!(counts, [3, 0, 5, 2]);
        // 10 lanes of 10 bytes fit in 100: the 5 goes. In 60, the 4 too;
        // in 30, the later 3 too.
        let mut counts = vec![3, 4, 5, 3];
        assert!(cap_elements(&mut counts, 10, 100));
        assert_eq!(counts, [3, 4, 0, 3]);
        let mut counts = vec![3, 4, 5, 3];
        assert!(cap_elements(&mut counts, 10, 60));
        assert_eq!(counts, [3, 0, 0, 3]);
        let mut counts = vec![3, 4, 5, 3];
        assert!(cap_elements(&mut counts, 10, 30));
        assert_eq!(counts, [3, 0, 0, 0]);
        // Room for none.
        let mut counts = vec![1, 1];
        assert!(cap_elements(&mut counts, 10, 5));
        assert_eq!(counts, [0, 0]);
    }

    #[test]
    fn the_level_and_element_structs_have_the_library_layout() {
        assert_eq!(std::mem::size_of::<Levels>(), 64);
        assert_eq!(std::mem::size_of::<Elems>(), 32);
        assert_eq!(std::mem::align_of::<Elems>(), 8);
    }
}

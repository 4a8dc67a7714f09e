//! `batt-runtime gpu-check`: the device check, in one go, on a machine
//! with a GPU and no Rust toolchain (`cargo xtask gpu-check --prepare` puts
//! this binary and the step library's cubin in a folder to carry there).
//!
//! Steps, each passed, failed (with why) or skipped (with why):
//! 1. `environment`: the driver, NVRTC (none is needed with a cached
//!    cubin) and each device (name, compute capability, SMs, memory).
//! 2. `step load`: the step-major engine's library (the same for every
//!    card; its cubin from the cache, else NVRTC once) loaded on each
//!    device, and the plan of the card in `--cards` (read at run time).
//! 3. `step lanes`: every lane of that plan on every sample of the tasks,
//!    on the device, each lane it keeps against the card's own output and
//!    failed count ([`check_steps`]); the lanes it leaves to the CPU by
//!    the primitive that left them (`left_by_callee`), and by program
//!    and culprit step (`left_by_program`).
//! 4. `step fallback`: the same run with every launch failing (a device
//!    that breaks): the CPU does the device's lanes, the results equal the
//!    CPU backend's, and the failure is reported.
//! 5. `step bench`: the whole run (pairing `all`) with the card's lanes on
//!    the step engine against the CPU backend: results identical, the
//!    times, lanes/s and the ratio; then once more with each launch
//!    waited for ([`steps::Profile`]), results identical again, for the
//!    time by kernel group and copy (`by_kernel`).
//!
//! `--host-twin` runs steps 2 to 5 on the host twin (the step library
//! compiled as host C++), with no GPU: the profiled run then times each
//! launch's slowest thread too, the part of a launch no number of cores
//! shortens. Each step is printed to stderr as it ends, so that a check
//! stopped by a time limit still shows how far it got. Steps 3 to 5 take
//! any [`StepMachine`], so the tests run them on the host twin.
//!
//! The report is printed and written as JSON (`--out`). The exit code is
//! 0 when every step passed, 1 when one failed, and 3 when there is no
//! device to check (every device step skipped, by name).

use std::path::PathBuf;
use std::time::Instant;

use serde_json::{Value as Json, json};

use crate::backend::check::LaneCheck;
use crate::backend::cuda::{self, CudaSteps, DeviceInfo};
use crate::backend::steps::{self, Launch, StepMachine, check_steps};
use crate::backend::{Backend, nvrtc};
use crate::card::Card;
use crate::dataset::{Dataset, Task};
use crate::results::Results;
use crate::run::{Options, Outcome, Outputs, Pairing, Run, shard_tasks};

/// The exit code when no device could be checked.
pub const NO_DEVICE: u8 = 3;

/// Arguments of `gpu-check`.
#[derive(Debug, Clone, clap::Args)]
pub struct GpuCheckArgs {
    /// The tasks.
    #[command(flatten)]
    pub data: crate::cli::DataArgs,
    /// Only shard K of N of the tasks, as `K/N` (default: every task).
    #[arg(long, value_name = "K/N", value_parser = crate::cli::parse_shard)]
    pub shard: Option<(usize, usize)>,
    /// Where to write the JSON report.
    #[arg(long, value_name = "FILE", default_value = "gpu-check.json")]
    pub out: PathBuf,
    /// The card file or directory whose lanes the check runs (read at
    /// run time).
    #[arg(long, value_name = "PATH", default_value = "cards")]
    pub cards: PathBuf,
    /// The steps on the host twin (the step library
    /// compiled as host C++) instead of a GPU: a check and a profile
    /// without a device, each launch's slowest thread timed.
    #[arg(long)]
    pub host_twin: bool,
}

/// How a step ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// It passed.
    Passed,
    /// It failed, with why.
    Failed(String),
    /// It could not run, with why.
    Skipped(String),
}

/// One step of the check.
#[derive(Debug, Clone)]
pub struct Step {
    /// Its name.
    pub name: &'static str,
    /// How it ended.
    pub status: Status,
    /// Seconds it took.
    pub seconds: f64,
    /// Its figures.
    pub detail: Json,
}

impl Step {
    fn json(&self) -> Json {
        let (status, why) = match &self.status {
            Status::Passed => ("passed", None),
            Status::Failed(why) => ("failed", Some(why)),
            Status::Skipped(why) => ("skipped", Some(why)),
        };
        json!({
            "step": self.name,
            "status": status,
            "why": why,
            "seconds": self.seconds,
            "detail": self.detail,
        })
    }

    /// The step, printed to stderr as it ends (so that a check stopped
    /// by a time limit still shows how far it got).
    fn shown(self) -> Step {
        eprintln!("gpu-check: {}", self.line());
        if self.detail != Json::Null
            && let Ok(t) = serde_json::to_string(&self.detail)
        {
            eprintln!("    {t}");
        }
        self
    }

    fn line(&self) -> String {
        match &self.status {
            Status::Passed => format!("{:<16} passed ({:.2} s)", self.name, self.seconds),
            Status::Failed(why) => format!("{:<16} FAILED: {why}", self.name),
            Status::Skipped(why) => format!("{:<16} skipped: {why}", self.name),
        }
    }
}

/// The steps that need a device, in order.
const DEVICE_STEPS: [&str; 4] = ["step load", "step lanes", "step fallback", "step bench"];

/// The CUDA driver's version, as `12.8`.
fn driver_version() -> Option<String> {
    // SAFETY: only tries to load the library.
    if !unsafe { cudarc::driver::sys::is_culib_present() } {
        return None;
    }
    let mut v = 0;
    // SAFETY: the library is present and `v` is valid for writes.
    let status = unsafe { cudarc::driver::sys::cuDriverGetVersion(&mut v) };
    (status == cudarc::driver::sys::CUresult::CUDA_SUCCESS)
        .then(|| format!("{}.{}", v / 1000, (v % 1000) / 10))
}

/// Results of `run` on `backend`, with the outcome.
fn evaluate(run: &Run<'_>, backend: &Backend) -> (Results, Outcome, f64) {
    let start = Instant::now();
    let outcome = run.execute(backend);
    let seconds = start.elapsed().as_secs_f64();
    let results = Results {
        timing: None,
        ..outcome.results.clone()
    };
    (results, outcome, seconds)
}

/// The first difference between two runs' results, by task.
fn first_difference(cpu: &Results, device: &Results) -> Option<String> {
    if cpu == device {
        return None;
    }
    let cpu_tasks = serde_json::to_value(&cpu.tasks).unwrap_or(Json::Null);
    let dev_tasks = serde_json::to_value(&device.tasks).unwrap_or(Json::Null);
    if let (Some(a), Some(b)) = (cpu_tasks.as_array(), dev_tasks.as_array()) {
        for (x, y) in a.iter().zip(b) {
            if x != y {
                let name = x.get("task").cloned().unwrap_or(Json::Null);
                return Some(format!("task {name} differs from the CPU backend's"));
            }
        }
    }
    Some("the results differ from the CPU backend's".into())
}

/// Runs the check; returns the printed report and the exit code.
pub fn gpu_check(args: &GpuCheckArgs) -> Result<(String, u8), String> {
    let mut steps: Vec<Step> = Vec::new();
    let devices = cuda::probe();
    let nvrtc_version = nvrtc::version().map(|(a, b)| format!("{a}.{b}"));
    let environment = json!({
        "driver": driver_version(),
        "nvrtc": nvrtc_version,
        "kernel_cache": nvrtc::cache_dir(),
        "devices": devices.as_ref().map(|ds| ds.iter().map(describe).collect::<Vec<_>>()).unwrap_or_default(),
    });
    add(
        &mut steps,
        Step {
            name: "environment",
            status: Status::Passed,
            seconds: 0.0,
            detail: environment,
        },
    );
    if args.host_twin {
        let ds = crate::cli::load_dataset(&args.data)?;
        steps.extend(host_twin_steps(args, &ds));
        let failed = steps.iter().any(|s| matches!(s.status, Status::Failed(_)));
        return finish(args, &steps, u8::from(failed));
    }
    let devices = match devices {
        Ok(d) => d,
        Err(why) => {
            for name in DEVICE_STEPS {
                add(&mut steps, skipped(name, format!("no GPU: {why}")));
            }
            return finish(args, &steps, NO_DEVICE);
        }
    };
    let ds = crate::cli::load_dataset(&args.data)?;
    steps.extend(step_engine(args, &ds, &devices));
    let failed = steps.iter().any(|s| matches!(s.status, Status::Failed(_)));
    finish(args, &steps, u8::from(failed))
}

/// A lanes step of check `c`: passed when no lane differs from `against`;
/// its detail the check's counts and `extra`'s fields.
fn lanes_step(name: &'static str, c: &LaneCheck, against: &str, seconds: f64, extra: Json) -> Step {
    let mut detail = json!({
        "summary": c.summary(),
        "lanes": c.lanes,
        "programs": c.programs,
        "mismatches": c.mismatches,
        "examples": c.examples,
        "left_to_cpu": c.flagged,
    });
    if let (Some(d), Json::Object(extra)) = (detail.as_object_mut(), extra) {
        d.extend(extra);
    }
    Step {
        name,
        status: if c.mismatches == 0 {
            Status::Passed
        } else {
            Status::Failed(format!(
                "{} of {} lanes differ from {against}: {}",
                c.mismatches,
                c.lanes,
                c.examples.join("; ")
            ))
        },
        seconds,
        detail,
    }
}

/// Steps 2 to 5 on the CUDA devices: the library loaded on each, then
/// [`step_steps`] with the card of `--cards`.
fn step_engine(args: &GpuCheckArgs, ds: &Dataset, devices: &[DeviceInfo]) -> Vec<Step> {
    let start = Instant::now();
    let card = match step_card(args) {
        Ok(card) => card,
        Err(why) => return step_load_failed(&why, 0.0, "the card did not load"),
    };
    let mut machines = Vec::new();
    let mut loads = Vec::new();
    for d in devices {
        match CudaSteps::load(d) {
            Ok(m) => {
                loads.push(json!({
                    "device": d.ordinal,
                    "cubin": m.cubin,
                    "nvrtc_seconds": m.compiled_in,
                    "load_seconds": m.load_seconds,
                }));
                machines.push(m);
            }
            Err(why) => {
                let seconds = start.elapsed().as_secs_f64();
                return step_load_failed(&why, seconds, "the step library did not load");
            }
        }
    }
    let plan = crate::card::Card::step_plan(&card).map(|p| {
        json!({
            "programs": p.device_programs().len(),
            "of": p.programs.len(),
            "launches": p.launches.len(),
            "record_bytes": p.record_bytes,
        })
    });
    let mut steps = vec![
        Step {
            name: "step load",
            status: Status::Passed,
            seconds: start.elapsed().as_secs_f64(),
            detail: json!({"cards": args.cards, "plan": plan, "devices": loads}),
        }
        .shown(),
    ];
    let free = devices.iter().map(|d| d.free_memory).min().unwrap_or(0);
    let samples =
        crate::card::Card::step_plan(&card).map_or(1, |p| steps::batch_samples(p, free, None));
    steps.extend(step_steps(&card, ds, args.shard, machines, samples));
    steps
}

/// Steps 2 to 5 on the host twin: the library compiled as host C++ (the
/// step load), then [`step_steps`] with the card of `--cards`, in batches
/// of 1,024 samples.
fn host_twin_steps(args: &GpuCheckArgs, ds: &Dataset) -> Vec<Step> {
    let start = Instant::now();
    let loaded = step_card(args).and_then(|card| Ok((card, steps::StepHost::new()?)));
    let (card, host) = match loaded {
        Ok(x) => x,
        Err(why) => {
            let seconds = start.elapsed().as_secs_f64();
            return step_load_failed(&why, seconds, "nothing was loaded");
        }
    };
    let mut out = vec![
        Step {
            name: "step load",
            status: Status::Passed,
            seconds: start.elapsed().as_secs_f64(),
            detail: json!({"cards": args.cards, "host_twin": host.library_path()}),
        }
        .shown(),
    ];
    out.extend(step_steps(&card, ds, args.shard, vec![host], 1024));
    out
}

/// The card of `--cards`, read at run time; its error names the path
/// once (most of the interpreter's errors already start with it).
fn step_card(args: &GpuCheckArgs) -> Result<crate::interp::Interpreter, String> {
    crate::interp::Interpreter::from_path(&args.cards).map_err(|e| {
        let path = args.cards.display().to_string();
        if e.starts_with(&path) {
            e
        } else {
            format!("{path}: {e}")
        }
    })
}

/// A step load that failed (`why`, after `seconds`), and the steps after
/// it skipped (`rest` says why).
fn step_load_failed(why: &str, seconds: f64, rest: &str) -> Vec<Step> {
    let mut steps = vec![failed("step load", why, seconds).shown()];
    for name in &DEVICE_STEPS[1..] {
        steps.push(skipped(name, rest.to_owned()).shown());
    }
    steps
}

/// Steps 3 to 5 (see the module's documentation) for `card` on
/// `machines` (the first runs the lanes step; all run the fallback and the
/// bench, in batches of `samples` samples).
pub fn step_steps<M: StepMachine + Send + Sync + 'static>(
    card: &dyn Card,
    ds: &Dataset,
    shard: Option<(usize, usize)>,
    machines: Vec<M>,
    samples: usize,
) -> Vec<Step> {
    let Some(plan) = card.step_plan() else {
        return DEVICE_STEPS[1..]
            .iter()
            .map(|name| failed(name, "the card has no step plan", 0.0))
            .collect();
    };
    let mut out = Vec::new();
    let tasks: Vec<Task> = shard_tasks(ds, shard)
        .into_iter()
        .map(|t| ds.tasks[t].clone())
        .collect();
    let start = Instant::now();
    let checked = match machines.first() {
        // As many tasks at a time as the bench's batches hold samples
        // (a task has 4.4 samples on average): few batches, few launches.
        Some(m) => check_steps(card, plan, &tasks, m, (samples / 5).max(1)),
        None => Err("no machine".to_owned()),
    };
    let seconds = start.elapsed().as_secs_f64();
    add(
        &mut out,
        match checked {
            Ok((c, work)) => lanes_step(
                "step lanes",
                &c,
                "the card's own",
                seconds,
                json!({
                    "device_seconds": c.timing.kernel.as_secs_f64(),
                    "launches": work.launches,
                    "element_lanes": work.element_lanes,
                    "sub_step_runs": work.sub_step_runs,
                    // What leaves lanes to the CPU, by primitive, most first.
                    "left_by_callee": c.left_by_callee.iter().take(40).collect::<Vec<_>>(),
                    // The same by program and culprit: which programs to
                    // look at for each.
                    "left_by_program": c.left_by_program.iter().take(200).collect::<Vec<_>>(),
                }),
            ),
            Err(why) => failed("step lanes", &why, seconds),
        },
    );
    let options = Options {
        pairing: Pairing::All,
        threads: None,
        shard,
        split: crate::dataset::SplitFilter::All,
        progress: false,
        outputs: Outputs::Scored,
    };
    let run = Run::new(card, ds, options);
    let (cpu, _, cpu_seconds) = evaluate(&run, &Backend::Cpu);
    let machines: Vec<std::sync::Arc<M>> = machines.into_iter().map(std::sync::Arc::new).collect();
    let runner = || {
        steps::StepRunner::new(
            plan,
            card.programs().len(),
            machines.clone(),
            samples,
            "the step engine".into(),
            std::time::Duration::ZERO,
        )
    };
    // Every launch failing: the CPU does the device's lanes.
    let failing = steps::StepRunner::new(
        plan,
        card.programs().len(),
        machines
            .iter()
            .map(|m| {
                steps::Intercepted(m.clone(), |_: &std::sync::Arc<M>, launch: &Launch| {
                    Err(format!("{}: a launch made to fail", launch.entry()))
                })
            })
            .collect(),
        samples,
        "the step engine, made to fail".into(),
        std::time::Duration::ZERO,
    );
    let (fallback, outcome, seconds) = evaluate(&run, &Backend::Device(Box::new(failing)));
    let error = outcome.evaluation.device.and_then(|r| r.device_error);
    let mut step = compare(
        "step fallback",
        &cpu,
        &fallback,
        seconds,
        json!({"device_error": error}),
        None,
    );
    if error.is_none() && matches!(step.status, Status::Passed) {
        step.status = Status::Failed("the failing device reported no failure".into());
    }
    add(&mut out, step);
    let (device, outcome, device_seconds) = evaluate(&run, &Backend::Device(Box::new(runner())));
    // Again, each launch waited for: where the machine's time goes.
    let (by_kernel, profiled, profiled_differs) = match steps::Profile::new() {
        Ok(p) => {
            let p = std::sync::Arc::new(p);
            let runner = runner().profiled(p.clone());
            let (results, outcome, seconds) = evaluate(&run, &Backend::Device(Box::new(runner)));
            let same = first_difference(&cpu, &results).is_none()
                && outcome
                    .evaluation
                    .device
                    .is_some_and(|r| r.device_error.is_none());
            let rows: Vec<Json> = p
                .table()
                .into_iter()
                .map(|r| match r.slowest_thread {
                    None => json!([r.group, r.count, r.seconds]),
                    Some(t) => json!([r.group, r.count, r.seconds, t]),
                })
                .collect();
            (
                rows,
                json!({"seconds": seconds, "results_equal_the_cpu": same}),
                !same,
            )
        }
        Err(why) => (Vec::new(), json!({"error": why}), false),
    };
    let report = outcome.evaluation.device.clone().unwrap_or_default();
    let lanes = outcome.results.summary.lanes;
    let mut step = compare(
        "step bench",
        &cpu,
        &device,
        device_seconds,
        json!({
            "lanes": lanes,
            "samples_per_batch": samples,
            "device_lanes": report.device_lanes,
            "left_to_cpu": report.flagged_lanes,
            "cpu_seconds": cpu_seconds,
            "device_seconds": device_seconds,
            "engine": report.timing.kernel.as_secs_f64(),
            "cpu_only": report.cpu_only.as_secs_f64(),
            "fallback": report.cpu_fallback.as_secs_f64(),
            "scoring": report.scoring.as_secs_f64(),
            "device_share": report.device_share(),
            "cpu_lanes_per_s": lanes as f64 / cpu_seconds.max(1e-9),
            "device_lanes_per_s": lanes as f64 / device_seconds.max(1e-9),
            "ratio_to_cpu": cpu_seconds / device_seconds.max(1e-9),
            "profiled_run": profiled,
            "by_kernel": by_kernel,
        }),
        report.device_error,
    );
    if profiled_differs && step.status == Status::Passed {
        step.status = Status::Failed(
            "the profiled run's results differ from the CPU backend's (or its device failed)"
                .into(),
        );
    }
    add(&mut out, step);
    out
}

/// A step that could not run, with why.
fn skipped(name: &'static str, why: String) -> Step {
    Step {
        name,
        status: Status::Skipped(why),
        seconds: 0.0,
        detail: Json::Null,
    }
}

/// Adds `step` to `steps`, printing it.
fn add(steps: &mut Vec<Step>, step: Step) {
    steps.push(step.shown());
}

/// A step that failed before it could compare.
fn failed(name: &'static str, why: &str, seconds: f64) -> Step {
    Step {
        name,
        status: Status::Failed(why.to_owned()),
        seconds,
        detail: Json::Null,
    }
}

/// A device as JSON.
fn describe(d: &DeviceInfo) -> Json {
    json!({
        "ordinal": d.ordinal,
        "name": d.name,
        "compute_capability": format!("{}.{}", d.capability.0, d.capability.1),
        "multiprocessors": cuda::multiprocessors(d.ordinal),
        "free_memory": d.free_memory,
    })
}

/// A step that passes when `b` equals `a` and the device did not fail.
fn compare(
    name: &'static str,
    a: &Results,
    b: &Results,
    seconds: f64,
    detail: Json,
    device_error: Option<String>,
) -> Step {
    let status = match (first_difference(a, b), device_error) {
        (Some(diff), _) => Status::Failed(diff),
        (None, Some(e)) => {
            Status::Failed(format!("the device failed (the CPU did its lanes): {e}"))
        }
        (None, None) => Status::Passed,
    };
    Step {
        name,
        status,
        seconds,
        detail,
    }
}

/// Prints and writes the report.
fn finish(args: &GpuCheckArgs, steps: &[Step], code: u8) -> Result<(String, u8), String> {
    let report = json!({
        "schema": "batt.gpu-check/1",
        "binary": env!("CARGO_PKG_VERSION"),
        "steps": steps.iter().map(Step::json).collect::<Vec<_>>(),
        "exit_code": code,
    });
    let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    crate::results::write_file_atomically(&args.out, text.as_bytes())?;
    let mut out = String::new();
    for s in steps {
        out.push_str(&s.line());
        out.push('\n');
        let shown = ["environment", "step load", "step lanes", "step bench"].contains(&s.name);
        if shown
            && s.detail != Json::Null
            && let Ok(t) = serde_json::to_string(&s.detail)
        {
            out.push_str(&format!("    {t}\n"));
        }
    }
    out.push_str(&format!("report: {}\n", args.out.display()));
    Ok((out, code))
}

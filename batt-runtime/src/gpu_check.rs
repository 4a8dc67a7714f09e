//! `batt-runtime gpu-check`: the device check, in one go, on a machine
//! with a GPU and no Rust toolchain (`cargo xtask gpu-check --prepare DIR`
//! puts this binary and the library's cubin in DIR).
//!
//! Steps, each passed, failed (with why) or skipped (with why):
//! 1. `environment`: the driver, NVRTC (none is needed with a cached
//!    cubin) and each device (name, compute capability, SMs, memory).
//! 2. `kernel load`: the kernel loaded on each device, timed, with its
//!    registers per thread and local memory per thread.
//! 3. `lanes`: the card on every sample of the tasks, pairing `all`, on
//!    the CPU backend and on the device: every output, failed-step count
//!    and score must be the same (device lanes are the device's values;
//!    the CPU redoes only the lanes the device flags).
//! 4. `batch and split`: small launches (`--batch-size`) over three parts
//!    per device (`--gpu-split`) give the same results as one launch.
//! 5. `fallback`: a device that fails (an ordinal that does not exist)
//!    leaves its lanes to the CPU, with the same results and the failure
//!    reported.
//! 6. `bench`: upload, kernel, download, fallback, total and lanes/s of
//!    the device run against the CPU backend's, in the same process.
//!
//! The report is printed and written as JSON (`--out`). The exit code is
//! 0 when every step passed, 1 when one failed, and 3 when there is no
//! device to check (every device step skipped, by name).

use std::path::PathBuf;
use std::time::Instant;

use serde_json::{Value as Json, json};

use crate::backend::cuda::{self, CudaRunner, DeviceInfo};
use crate::backend::{Backend, nvrtc};
use crate::results::Results;
use crate::run::{Options, Outcome, Outputs, Pairing, Run};

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
}

/// How a step ended.
#[derive(Debug, Clone)]
enum Status {
    Passed,
    Failed(String),
    Skipped(String),
}

/// One step of the check.
#[derive(Debug, Clone)]
struct Step {
    name: &'static str,
    status: Status,
    seconds: f64,
    detail: Json,
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

    fn line(&self) -> String {
        match &self.status {
            Status::Passed => format!("{:<16} passed ({:.2} s)", self.name, self.seconds),
            Status::Failed(why) => format!("{:<16} FAILED: {why}", self.name),
            Status::Skipped(why) => format!("{:<16} skipped: {why}", self.name),
        }
    }
}

/// The steps that need a device, in order.
const DEVICE_STEPS: [&str; 5] = [
    "kernel load",
    "lanes",
    "batch and split",
    "fallback",
    "bench",
];

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
    steps.push(Step {
        name: "environment",
        status: Status::Passed,
        seconds: 0.0,
        detail: environment.clone(),
    });
    let devices = match devices {
        Ok(d) => d,
        Err(why) => {
            for name in DEVICE_STEPS {
                steps.push(Step {
                    name,
                    status: Status::Skipped(format!("no GPU: {why}")),
                    seconds: 0.0,
                    detail: Json::Null,
                });
            }
            return finish(args, &steps, NO_DEVICE);
        }
    };
    let ds = crate::cli::load_dataset(&args.data)?;
    let card = crate::library();
    let Some(kernel) = card.kernel() else {
        return Err("the library has no kernel".into());
    };
    steps.push(kernel_load(&devices, &kernel.source));
    let options = Options {
        pairing: Pairing::All,
        threads: None,
        shard: args.shard,
        split: crate::dataset::SplitFilter::All,
        progress: false,
        outputs: Outputs::Scored,
    };
    let run = Run::new(card, &ds, options);
    let (cpu, _, cpu_seconds) = evaluate(&run, &Backend::Cpu);
    let one = Backend::Device(Box::new(CudaRunner::new(devices.clone(), 1, None)));
    let (device, outcome, device_seconds) = evaluate(&run, &one);
    let report = outcome.evaluation.device.clone().unwrap_or_default();
    let lanes = outcome.results.summary.lanes;
    steps.push(compare(
        "lanes",
        &cpu,
        &device,
        device_seconds,
        json!({
            "lanes": outcome.results.summary.lanes,
            "kernel_lanes": run.kernel_lanes(),
            "device_share": report.device_share(),
            "device_error": report.device_error,
        }),
        report.device_error.clone(),
    ));
    let small = Backend::Device(Box::new(CudaRunner::new(devices.clone(), 3, Some(1000))));
    let (split, outcome, seconds) = evaluate(&run, &small);
    let split_report = outcome.evaluation.device.unwrap_or_default();
    steps.push(compare(
        "batch and split",
        &device,
        &split,
        seconds,
        json!({"batch_size": 1000, "gpu_split": 3}),
        split_report.device_error,
    ));
    let broken = DeviceInfo {
        ordinal: 9999,
        name: "a device that does not exist".into(),
        capability: devices[0].capability,
        free_memory: devices[0].free_memory,
    };
    let failing = Backend::Device(Box::new(CudaRunner::new(vec![broken], 1, None)));
    let (fallback, outcome, seconds) = evaluate(&run, &failing);
    let error = outcome.evaluation.device.and_then(|r| r.device_error);
    let mut step = compare(
        "fallback",
        &cpu,
        &fallback,
        seconds,
        json!({"device_error": error}),
        None,
    );
    if error.is_none() && matches!(step.status, Status::Passed) {
        step.status = Status::Failed("the broken device reported no failure".into());
    }
    steps.push(step);
    let t = &report.timing;
    let bench = json!({
        "lanes": lanes,
        "cpu_seconds": cpu_seconds,
        "device_seconds": device_seconds,
        "upload": t.upload.as_secs_f64(),
        "kernel": t.kernel.as_secs_f64(),
        "download": t.download.as_secs_f64(),
        "compile_and_load": t.compile.as_secs_f64(),
        "cpu_only": report.cpu_only.as_secs_f64(),
        "fallback": report.cpu_fallback.as_secs_f64(),
        "cpu_lanes_per_s": lanes as f64 / cpu_seconds.max(1e-9),
        "device_lanes_per_s": lanes as f64 / device_seconds.max(1e-9),
        "ratio_to_cpu": cpu_seconds / device_seconds.max(1e-9),
    });
    steps.push(Step {
        name: "bench",
        status: Status::Passed,
        seconds: device_seconds,
        detail: bench,
    });
    let failed = steps.iter().any(|s| matches!(s.status, Status::Failed(_)));
    finish(args, &steps, u8::from(failed))
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

/// Step 2: the kernel on every device.
fn kernel_load(devices: &[DeviceInfo], source: &str) -> Step {
    let start = Instant::now();
    let mut detail = Vec::new();
    for d in devices {
        match cuda::load(d, source) {
            Ok(l) => detail.push(json!({
                "device": d.ordinal,
                "cubin": l.cubin,
                "nvrtc_seconds": l.compiled_in,
                "load_seconds": l.load_seconds,
                "registers": l.registers,
                "local_bytes_per_thread": l.local_bytes,
            })),
            Err(why) => {
                return Step {
                    name: "kernel load",
                    status: Status::Failed(why),
                    seconds: start.elapsed().as_secs_f64(),
                    detail: Json::Array(detail),
                };
            }
        }
    }
    Step {
        name: "kernel load",
        status: Status::Passed,
        seconds: start.elapsed().as_secs_f64(),
        detail: Json::Array(detail),
    }
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
        let shown = ["environment", "kernel load", "bench"].contains(&s.name);
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

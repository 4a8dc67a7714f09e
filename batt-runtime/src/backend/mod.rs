//! Backends: where a run's lanes are evaluated, and the choice between them.
//!
//! - [`check`]: the tally of a device's lanes against the CPU's.
//! - [`cpu`]: every lane through the card's sequential evaluation.
//! - [`device`]: the lanes of the solvers the step-major engine runs on a
//!   [`LaneRunner`], the others on the CPU, merged into exactly the CPU's
//!   results.
//! - [`folded`]: the values of steps the host folds, in the device forms
//!   the step-major engine reads them as constants.
//! - [`steps`]: the step-major engine's runner, driving the step library
//!   on a GPU ([`cuda`]) or on its host twin (the library compiled as host
//!   C++).
//! - [`cuda`]: the step library on CUDA devices (cudarc, loaded at run
//!   time).
//! - [`nvrtc`]: the step library compiled to cubins, and their cache.
//!
//! [`choose`] picks the backend of a run from the options, the card and
//! the run's size, and says why; it never falls back silently.

pub mod check;
pub mod cpu;
pub mod cuda;
pub mod device;
pub mod folded;
pub mod nvrtc;
pub mod steps;

use clap::ValueEnum;

use crate::card::Card;
pub use device::{
    DeviceGrid, DeviceReport, DeviceTiming, LaneBatch, LaneFlag, LaneResults, LaneRunner, TaskFold,
};

/// Which backend to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BackendChoice {
    /// CUDA when a device is usable and the run is large enough, else the CPU.
    Auto,
    /// The CPU only.
    Cpu,
    /// CUDA, or an error when no device is usable.
    Cuda,
    /// The step-major engine's host twin: its kernels compiled as host C++
    /// and driven as a GPU is (slow; checks the device path without one).
    HostSteps,
}

/// With `--backend auto`, runs of fewer device lanes than this stay on the
/// CPU: below it the GPU's fixed costs (context, loading the library,
/// copies; about a second) outweigh what it could save over the CPU
/// backend's ~35,000 lanes/s on two cores. Measured on an H200 with 16
/// cores (PERFORMANCE.md, "The step engine inlined at `-O3`"), the step
/// engine is still slower than the CPU backend there at every size (0.18x
/// on 4,488 lanes, 0.28x on the library's 461,868, 0.87x on the 400
/// solvers' 1,399,600): on fewer cores the balance moves towards the GPU.
pub const GPU_MIN_LANES: u64 = 50_000;

/// Backend options (the command line's `--backend`, `--devices`, ...).
#[derive(Debug, Clone, clap::Args)]
pub struct BackendOptions {
    /// `auto` (CUDA when usable and worth it), `cpu`, or `cuda`.
    #[arg(long, value_enum, default_value_t = BackendChoice::Auto)]
    pub backend: BackendChoice,
    /// CUDA devices to use, e.g. `0,1` (default: every visible device).
    #[arg(long, value_delimiter = ',')]
    pub devices: Option<Vec<usize>>,
    /// Split each device's lanes into N parts, each with its own thread and
    /// stream (exercises the multi-device merge on one GPU).
    #[arg(long, default_value_t = 1, value_parser = crate::cli::at_least_one)]
    pub gpu_split: usize,
    /// Lanes per kernel launch (default: sized from free device memory).
    #[arg(long, value_parser = crate::cli::at_least_one)]
    pub batch_size: Option<usize>,
    /// With `auto`, runs of fewer device lanes stay on the CPU.
    #[arg(long, default_value_t = GPU_MIN_LANES)]
    pub gpu_min_lanes: u64,
}

impl Default for BackendOptions {
    fn default() -> BackendOptions {
        BackendOptions {
            backend: BackendChoice::Auto,
            devices: None,
            gpu_split: 1,
            batch_size: None,
            gpu_min_lanes: GPU_MIN_LANES,
        }
    }
}

/// Where a run's lanes are evaluated.
#[derive(Debug)]
pub enum Backend {
    /// The CPU only.
    Cpu,
    /// The kernel's lanes on a device (CUDA, or a stand-in), the rest on
    /// the CPU.
    Device(Box<dyn LaneRunner>),
}

impl std::fmt::Debug for dyn LaneRunner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

/// The programs of `card` a device runs under `options`: its step plan's
/// (all false without one, and with `--backend cpu`).
pub fn device_programs(options: &BackendOptions, card: &dyn Card) -> Vec<bool> {
    let mut on = vec![false; card.programs().len()];
    if options.backend == BackendChoice::Cpu {
        return on;
    }
    for p in card
        .step_plan()
        .map(|p| p.device_programs())
        .unwrap_or_default()
    {
        if let Some(slot) = on.get_mut(p) {
            *slot = true;
        }
    }
    on
}

/// Chooses the backend for `card` in a run of `device_lanes` kernel lanes;
/// returns it with the reason, or an error when `cuda` was asked for and
/// cannot be had.
pub fn choose(
    options: &BackendOptions,
    card: &dyn Card,
    device_lanes: u64,
) -> Result<(Backend, String), String> {
    if options.backend == BackendChoice::Cpu {
        return Ok((Backend::Cpu, "cpu (--backend cpu)".into()));
    }
    let unusable = |why: String| -> Result<(Backend, String), String> {
        if options.backend == BackendChoice::Cuda {
            Err(format!("--backend cuda: {why}"))
        } else {
            Ok((Backend::Cpu, format!("cpu ({why})")))
        }
    };
    let plan = match card.step_plan() {
        None => {
            return unusable(
                "the card has no step plan: its files do not compile to its solvers".into(),
            );
        }
        Some(plan) if plan.device_programs().is_empty() => {
            return unusable("none of the card's solvers is on the step kernels".into());
        }
        Some(plan) => plan,
    };
    if options.backend == BackendChoice::HostSteps {
        let t = std::time::Instant::now();
        let host = steps::StepHost::new().map_err(|e| format!("--backend host-steps: {e}"))?;
        let samples = options.batch_size.unwrap_or(steps::HOST_BATCH_SAMPLES);
        let runner = steps::StepRunner::new(
            plan,
            card.programs().len(),
            vec![host],
            samples,
            "host-steps: the step library compiled as host C++".into(),
            t.elapsed(),
        );
        let why = format!("{} ({device_lanes} kernel lanes)", runner.describe());
        return Ok((Backend::Device(Box::new(runner)), why));
    }
    let devices = match cuda::probe() {
        Ok(d) => d,
        Err(why) => return unusable(why),
    };
    let devices: Vec<_> = match &options.devices {
        Some(wanted) => {
            if let Some(missing) = wanted
                .iter()
                .find(|w| !devices.iter().any(|d| d.ordinal == **w))
            {
                return unusable(format!("no CUDA device {missing}"));
            }
            devices
                .into_iter()
                .filter(|d| wanted.contains(&d.ordinal))
                .collect()
        }
        None => devices,
    };
    if options.backend == BackendChoice::Auto && device_lanes < options.gpu_min_lanes {
        return Ok((
            Backend::Cpu,
            format!(
                "cpu ({device_lanes} kernel lanes, fewer than --gpu-min-lanes {})",
                options.gpu_min_lanes
            ),
        ));
    }
    let t = std::time::Instant::now();
    let mut machines = Vec::new();
    for d in &devices {
        for _ in 0..options.gpu_split {
            match cuda::CudaSteps::load(d) {
                Ok(m) => machines.push(m),
                Err(why) => return unusable(why),
            }
        }
    }
    let free = devices.iter().map(|d| d.free_memory).min().unwrap_or(0);
    let samples = steps::batch_samples(plan, free / options.gpu_split, options.batch_size);
    let names: Vec<String> = devices
        .iter()
        .map(|d| format!("{} {}", d.ordinal, d.name))
        .collect();
    let runner = steps::StepRunner::new(
        plan,
        card.programs().len(),
        machines,
        samples,
        format!(
            "cuda steps: {} ({samples} samples per batch)",
            names.join(", ")
        ),
        t.elapsed(),
    );
    let why = format!("{} ({device_lanes} kernel lanes)", runner.describe());
    Ok((Backend::Device(Box::new(runner)), why))
}

//! The step-major engine's library ([`batt_gen::step_kernels`]) compiled as
//! host C++ and run as a child process: a stand-in device for a card's
//! [`StepPlan`], and the check of every lane it keeps against the card's
//! own evaluation ([`check_steps`]).

use std::path::PathBuf;
use std::process::{Command, Stdio};

use batt_gen::emit_cuda::HOST_SHIM;
use batt_gen::step_kernels::{self, HofDesc, LaunchDesc, StepPlan, SubDesc};
use rayon::prelude::*;

use super::check::LaneCheck;
use super::{DeviceGrid, LaneResults};
use crate::batt::{self, Sample};
use crate::card::Card;
use crate::dataset::Task;
use crate::dsl::Ctx;

/// The library compiled as host C++ (with `$CXX`, else `c++`), once.
#[derive(Debug)]
pub struct StepHost {
    _dir: tempfile::TempDir,
    exe: PathBuf,
}

impl StepHost {
    /// Compiles the library and its driver; an error naming the compiler
    /// when there is none or it fails.
    pub fn new() -> Result<StepHost, String> {
        let dir = tempfile::tempdir().map_err(|e| format!("a temporary directory: {e}"))?;
        let library = step_kernels::library()?;
        for (name, text) in [
            ("host_shim.h", HOST_SHIM),
            ("step_main.cpp", step_kernels::STEP_MAIN),
            ("steps.cu", library.as_str()),
        ] {
            std::fs::write(dir.path().join(name), text).map_err(|e| format!("{name}: {e}"))?;
        }
        let exe = dir.path().join("steps");
        let cxx = std::env::var("CXX").unwrap_or_else(|_| "c++".into());
        let out = Command::new(&cxx)
            .args(["-std=c++17", "-O1", "-w", "-I"])
            .arg(dir.path())
            .arg(format!(
                "-DBATT_SOURCE=\"{}\"",
                dir.path().join("steps.cu").display()
            ))
            .arg(dir.path().join("step_main.cpp"))
            .arg("-o")
            .arg(&exe)
            .output()
            .map_err(|e| format!("cannot run the C++ compiler `{cxx}`: {e}"))?;
        if !out.status.success() {
            let stderr = String::from_utf8_lossy(&out.stderr);
            let cut = stderr
                .char_indices()
                .nth(4000)
                .map_or(stderr.len(), |(k, _)| k);
            return Err(format!(
                "compiling the step library as host C++ failed:\n{}",
                &stderr[..cut]
            ));
        }
        Ok(StepHost { _dir: dir, exe })
    }

    /// Runs a plan's launches over `inputs` (one batch): every device
    /// program's lane on every input, program-major (the programs of
    /// [`StepPlan::device_programs`], in order).
    pub fn run(&self, plan: &StepPlan, inputs: &[DeviceGrid]) -> Result<LaneResults, String> {
        self.run_counted(plan, inputs).map(|(r, _)| r)
    }

    /// [`StepHost::run`], with what the batch took.
    pub fn run_counted(
        &self,
        plan: &StepPlan,
        inputs: &[DeviceGrid],
    ) -> Result<(LaneResults, StepWork), String> {
        let out = super::host::run_piped(&self.exe, encode(plan, inputs), Stdio::piped())?;
        if !out.status.success() {
            return Err(format!(
                "the host step library failed ({}): {}",
                out.status,
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        let results =
            super::host::decode(&out.stdout, plan.device_programs().len() * inputs.len())?;
        // `batt-steps: N element lanes, M sub-step runs`.
        let stderr = String::from_utf8_lossy(&out.stderr);
        let count = |word: &str| -> u64 {
            stderr
                .split(word)
                .next()
                .and_then(|head| head.split_whitespace().last())
                .and_then(|n| n.parse().ok())
                .unwrap_or(0)
        };
        let work = StepWork {
            element_lanes: count(" element lanes"),
            sub_step_runs: count(" sub-step runs"),
        };
        Ok((results, work))
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
}

/// A batch in step_main.cpp's input format.
fn encode(plan: &StepPlan, inputs: &[DeviceGrid]) -> Vec<u8> {
    let d = plan.descriptors();
    let mut bytes = Vec::new();
    u32_le(&mut bytes, inputs.len());
    for g in inputs {
        bytes.push(g.h as u8);
        bytes.push(g.w as u8);
        for i in 0..g.h.clamp(0, 30) as usize {
            bytes.extend(&g.c[i * 30..i * 30 + g.w.clamp(0, 30) as usize]);
        }
    }
    u32_le(&mut bytes, plan.steps.len());
    u32_le(&mut bytes, plan.record_bytes as usize);
    u32_le(&mut bytes, d.launches.len());
    for launch in &d.launches {
        u32_le(&mut bytes, launch.tag() as usize);
        match launch {
            LaunchDesc::Steps {
                kernel,
                steps,
                descs,
            } => {
                u32_le(&mut bytes, *kernel as usize);
                u32_le(&mut bytes, *steps);
                bytes.extend(descs);
            }
            LaunchDesc::Hof(h) => encode_hof(&mut bytes, h),
            LaunchDesc::Call {
                kernel,
                desc,
                stride,
                result_off,
                subs,
                guards,
            } => {
                u32_le(&mut bytes, *kernel as usize);
                bytes.extend(desc);
                bytes.extend(stride.to_le_bytes());
                bytes.extend(result_off.to_le_bytes());
                encode_body(&mut bytes, subs, guards);
            }
        }
    }
    u32_le(&mut bytes, plan.device_programs().len());
    bytes.extend(&d.programs);
    u32_le(&mut bytes, d.prog_steps.len());
    for k in &d.prog_steps {
        bytes.extend(k.to_le_bytes());
    }
    bytes
}

fn u32_le(bytes: &mut Vec<u8>, v: usize) {
    bytes.extend((v as u32).to_le_bytes());
}

/// A higher-order call in step_main.cpp's input format.
fn encode_hof(bytes: &mut Vec<u8>, h: &HofDesc) {
    u32_le(bytes, h.kernel as usize);
    bytes.extend(&h.desc);
    bytes.extend(h.stride.to_le_bytes());
    bytes.extend(h.result_off.to_le_bytes());
    bytes.extend(h.result_kind.to_le_bytes());
    encode_body(bytes, &h.subs, &h.guards);
}

/// A callable's body in step_main.cpp's input format.
fn encode_body(bytes: &mut Vec<u8>, subs: &[SubDesc], guards: &[u8]) {
    u32_le(bytes, subs.len());
    for s in subs {
        match s {
            SubDesc::Kernel { kernel, desc } => {
                u32_le(bytes, 0);
                u32_le(bytes, *kernel as usize);
                bytes.extend(desc);
            }
            SubDesc::Hof(h) => {
                u32_le(bytes, 1);
                encode_hof(bytes, h);
            }
        }
    }
    bytes.extend(guards);
}

/// Runs `plan` (the step plan of `card`'s solvers) over every sample of
/// `tasks` on `host`, `batch_tasks` tasks' samples at a time, and compares
/// each lane it keeps with the card's own output and failed count; with
/// what the batches took.
pub fn check_steps(
    card: &dyn Card,
    plan: &StepPlan,
    tasks: &[Task],
    host: &StepHost,
    batch_tasks: usize,
) -> Result<(LaneCheck, StepWork), String> {
    let programs = card.programs();
    let ids = plan.device_programs();
    let wanted: Vec<bool> = (0..programs.len()).map(|p| ids.contains(&p)).collect();
    let mut check = LaneCheck {
        programs: ids.len(),
        ..LaneCheck::default()
    };
    let mut by_program = vec![0usize; programs.len()];
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
        let (results, batch) = host.run_counted(plan, &inputs)?;
        work.element_lanes += batch.element_lanes;
        work.sub_step_runs += batch.sub_step_runs;
        let expected: Vec<_> = samples
            .par_iter()
            .map(|(_, sample)| card.outputs(sample, &mut Ctx::default(), &wanted))
            .collect();
        let n = inputs.len();
        for (k, &p) in ids.iter().enumerate() {
            for (s, (o, failed)) in expected.iter().enumerate() {
                let left = check.tally(&results, k * n + s, &o[p].1, failed[p], || {
                    format!("{} on a sample of {}", programs[p].name, samples[s].0)
                });
                by_program[p] += usize::from(left);
            }
        }
    }
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

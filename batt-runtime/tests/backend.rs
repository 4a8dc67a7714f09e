//! The device backend's merge on the CPU: lanes handed to a stand-in
//! device (the library's kernel compiled as host C++, or runners that
//! flag every lane or fail), CPU-only programs and flagged lanes on the
//! CPU, and the merged results equal to `--backend cpu`'s. Also the
//! backend choice on a machine without CUDA.

#![allow(clippy::unwrap_used)] // Test helpers may unwrap.

mod support;

use std::path::Path;
use std::process::Command;

use batt_runtime::backend::{self, DeviceGrid, DeviceTiming, LaneBatch, LaneResults, LaneRunner};
use batt_runtime::dataset::{self, Dataset, SplitFilter};
use batt_runtime::results::Results;
use batt_runtime::run::{self, Card, Options, Pairing};
use support::host_kernel::{HostKernel, root};

fn arc_agi_1() -> Dataset {
    let data = root().join("data");
    batt_data::Fetcher::new(&data)
        .ensure(&mut |line| eprintln!("{line}"))
        .expect("the backend tests need the ARC data");
    dataset::load(&data.join("arc-agi-1"), SplitFilter::All).expect("ARC-AGI-1 loads")
}

/// Every 5th task: enough tasks of every kind, in a fraction of the time.
fn some_tasks(ds: &Dataset) -> Vec<usize> {
    (0..ds.tasks.len()).step_by(5).collect()
}

fn opts(pairing: Pairing) -> Options {
    Options {
        pairing,
        threads: Some(2),
        shard: None,
        progress: false,
    }
}

fn without_timing(r: Results) -> Results {
    Results { timing: None, ..r }
}

fn cpu_results(ds: &Dataset, tasks: &[usize], pairing: Pairing) -> Results {
    let (evals, _) = run::evaluate(&Card::Compiled, ds, tasks, &opts(pairing));
    without_timing(run::score(&Card::Compiled, ds, &evals, pairing, None))
}

fn device_results(
    ds: &Dataset,
    tasks: &[usize],
    pairing: Pairing,
    runner: &dyn LaneRunner,
) -> (Results, backend::DeviceReport) {
    let (evals, _, report) = backend::evaluate_on_device(ds, tasks, &opts(pairing), runner);
    let results = without_timing(run::score(&Card::Compiled, ds, &evals, pairing, None));
    (results, report)
}

/// A device that leaves every lane to the CPU.
struct FlagsEverything;

impl LaneRunner for FlagsEverything {
    fn describe(&self) -> String {
        "flags every lane".into()
    }

    fn run(&self, batch: &LaneBatch<'_>) -> Result<(LaneResults, DeviceTiming), String> {
        let n = batch.programs.len();
        Ok((
            LaneResults {
                outs: vec![DeviceGrid::empty(); n],
                flags: vec![0; n],
                failed: vec![0; n],
            },
            DeviceTiming::default(),
        ))
    }
}

/// A device that fails.
struct Broken;

impl LaneRunner for Broken {
    fn describe(&self) -> String {
        "broken".into()
    }

    fn run(&self, _: &LaneBatch<'_>) -> Result<(LaneResults, DeviceTiming), String> {
        Err("out of device memory".into())
    }
}

#[test]
fn device_lanes_merged_with_cpu_lanes_equal_the_cpu_backend() {
    let ds = arc_agi_1();
    let tasks = some_tasks(&ds);
    let tmp = tempfile::tempdir().unwrap();
    let kernel = HostKernel::compile(
        &root().join("batt-runtime/src/generated/card.cu"),
        tmp.path(),
    );
    for pairing in [Pairing::All, Pairing::Own] {
        let cpu = cpu_results(&ds, &tasks, pairing);
        let (device, report) = device_results(&ds, &tasks, pairing, &kernel);
        assert!(report.device_error.is_none(), "{:?}", report.device_error);
        assert!(report.device_lanes > 0, "the kernel took lanes");
        assert!(report.cpu_only_lanes > 0, "some programs stay on the CPU");
        println!(
            "{pairing:?}: {} device lanes ({} flagged), {} CPU-only lanes, {:.1}% on the device",
            report.device_lanes,
            report.flagged_lanes,
            report.cpu_only_lanes,
            100.0 * report.device_share()
        );
        assert!(
            cpu == device,
            "{pairing:?}: the merged results differ from the CPU's"
        );
    }
}

/// The host kernel run in parts, each part on a thread of its own, as
/// `--gpu-split` and several devices run the CUDA backend's lanes.
struct InParts<'a> {
    kernel: &'a HostKernel,
    parts: usize,
}

impl LaneRunner for InParts<'_> {
    fn describe(&self) -> String {
        format!("host-compiled kernel in {} parts", self.parts)
    }

    fn run(&self, batch: &LaneBatch<'_>) -> Result<(LaneResults, DeviceTiming), String> {
        backend::run_in_parts(batch, self.parts, |_, range| {
            let part = LaneBatch {
                inputs: batch.inputs,
                programs: &batch.programs[range.clone()],
                samples: &batch.samples[range],
            };
            self.kernel
                .run_lanes(&part)
                .map(|r| (r, DeviceTiming::default()))
        })
    }
}

#[test]
fn lanes_split_over_parts_merge_back_in_order() {
    let ds = arc_agi_1();
    let tasks: Vec<usize> = (0..ds.tasks.len()).step_by(10).collect();
    let tmp = tempfile::tempdir().unwrap();
    let kernel = HostKernel::compile(
        &root().join("batt-runtime/src/generated/card.cu"),
        tmp.path(),
    );
    let (whole, _) = device_results(&ds, &tasks, Pairing::All, &kernel);
    for parts in [2, 3, 7] {
        let runner = InParts {
            kernel: &kernel,
            parts,
        };
        let (split, report) = device_results(&ds, &tasks, Pairing::All, &runner);
        assert!(report.device_error.is_none(), "{:?}", report.device_error);
        assert!(whole == split, "{parts} parts give other results");
    }
}

#[test]
fn flagged_lanes_and_a_failing_device_fall_back_to_the_cpu() {
    let ds = arc_agi_1();
    let tasks: Vec<usize> = (0..ds.tasks.len()).step_by(20).collect();
    let cpu = cpu_results(&ds, &tasks, Pairing::All);
    let (flagged, report) = device_results(&ds, &tasks, Pairing::All, &FlagsEverything);
    assert_eq!(report.flagged_lanes, report.device_lanes);
    assert_eq!(report.device_share(), 0.0);
    assert!(cpu == flagged);
    let (broken, report) = device_results(&ds, &tasks, Pairing::All, &Broken);
    assert_eq!(report.device_error.as_deref(), Some("out of device memory"));
    assert!(cpu == broken);
}

fn batt(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_batt-runtime"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn the_backend_choice_is_explained_and_cuda_without_a_device_is_an_error() {
    if backend::cuda::probe().is_ok() {
        eprintln!("this machine has CUDA: the no-device messages are not checked here");
        return;
    }
    batt_data::Fetcher::new(root().join("data"))
        .ensure(&mut |line| eprintln!("{line}"))
        .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let tasks = tmp.path().join("tasks/training");
    std::fs::create_dir_all(&tasks).unwrap();
    std::fs::copy(
        root().join("data/arc-agi-1/training/67a3c6ac.json"),
        tasks.join("67a3c6ac.json"),
    )
    .unwrap();
    let out = batt(
        &[
            "all-tasks",
            "--data",
            "tasks",
            "--quiet",
            "--backend",
            "cuda",
        ],
        tmp.path(),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("--backend cuda: no CUDA driver library"),
        "{err}"
    );
    let out = batt(&["all-tasks", "--data", "tasks", "--quiet"], tmp.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("backend: cpu (no CUDA driver library"),
        "{err}"
    );
    let out = batt(
        &[
            "all-tasks",
            "--data",
            "tasks",
            "--quiet",
            "--backend",
            "cpu",
        ],
        tmp.path(),
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("backend: cpu (--backend cpu)"));
}

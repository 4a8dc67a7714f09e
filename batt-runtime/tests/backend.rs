//! The device backend's merge on the CPU: lanes handed to the step-major
//! engine's host twin (its library compiled as host C++ and driven as a
//! GPU is), or to runners that flag every lane or fail; CPU-only programs
//! and flagged lanes on the CPU, and the merged results equal to
//! `--backend cpu`'s. Also the device check's steps on the host twin, and
//! the backend choice on a machine without CUDA.

#![allow(clippy::unwrap_used)] // Test helpers may unwrap.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use batt_runtime::backend::steps::{Intercepted, Launch, StepHost, StepMachine, StepRunner};
use batt_runtime::backend::{
    self, Backend, DeviceGrid, DeviceReport, DeviceTiming, LaneBatch, LaneFlag, LaneResults,
    LaneRunner,
};
use batt_runtime::card::Card;
use batt_runtime::dataset::{Dataset, SplitFilter, Task};
use batt_runtime::gpu_check::{self, Status};
use batt_runtime::interp::Interpreter;
use batt_runtime::library;
use batt_runtime::results::Results;
use batt_runtime::run::{Options, Outputs, Pairing, Run};

#[rustfmt::skip]
#[allow(clippy::all, clippy::pedantic, dead_code, unreachable_pub)]
#[path = "generated/fixtures.rs"]
mod fixtures;

#[path = "support/data.rs"]
mod data;

/// The workspace root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn arc_agi_1() -> Dataset {
    data::arc_agi_1("the backend tests")
}

/// The tasks of the dataset that `keep` (given each task's position)
/// chooses, as a dataset of its own.
fn tasks_where(ds: &Dataset, keep: impl Fn(usize, &Task) -> bool) -> Dataset {
    let mut some = ds.clone();
    some.tasks = ds
        .tasks
        .iter()
        .enumerate()
        .filter(|(k, t)| keep(*k, t))
        .map(|(_, t)| t.clone())
        .collect();
    some
}

/// Every `step`th task of the dataset, as a dataset of its own.
fn every(ds: &Dataset, step: usize) -> Dataset {
    tasks_where(ds, |k, _| k % step == 0)
}

fn opts(pairing: Pairing) -> Options {
    Options {
        pairing,
        threads: Some(2),
        shard: None,
        split: SplitFilter::All,
        progress: false,
        outputs: Outputs::Scored,
    }
}

fn without_timing(r: Results) -> Results {
    Results { timing: None, ..r }
}

fn cpu_results(card: &dyn Card, ds: &Dataset, pairing: Pairing) -> Results {
    let outcome = Run::new(card, ds, opts(pairing)).execute(&Backend::Cpu);
    without_timing(outcome.results)
}

fn device_results(
    card: &dyn Card,
    ds: &Dataset,
    pairing: Pairing,
    runner: Box<dyn LaneRunner>,
) -> (Results, DeviceReport) {
    let outcome = Run::new(card, ds, opts(pairing)).execute(&Backend::Device(runner));
    let report = outcome.evaluation.device.expect("a device report");
    (without_timing(outcome.results), report)
}

/// A device that leaves every lane to the CPU.
struct FlagsEverything;

impl LaneRunner for FlagsEverything {
    fn describe(&self) -> String {
        "flags every lane".into()
    }

    fn programs(&self, card: &dyn Card) -> Vec<bool> {
        vec![true; card.programs().len()]
    }

    fn complete_scores(&self, _: &dyn Card) -> Option<u32> {
        None
    }

    fn run(&self, batch: &LaneBatch<'_>) -> Result<(LaneResults, DeviceTiming), String> {
        let n = batch.programs.len();
        Ok((
            LaneResults {
                outs: vec![DeviceGrid::empty(); n],
                flags: vec![LaneFlag::Unrepresentable as u8; n],
                failed: vec![0; n],
                scored: None,
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

    fn programs(&self, card: &dyn Card) -> Vec<bool> {
        vec![true; card.programs().len()]
    }

    fn complete_scores(&self, _: &dyn Card) -> Option<u32> {
        None
    }

    fn run(&self, _: &LaneBatch<'_>) -> Result<(LaneResults, DeviceTiming), String> {
        Err("out of device memory".into())
    }
}

/// Every `step`th task, and the tasks whose own solver the step engine
/// leaves to the CPU (so that pairing `own` meets CPU-only programs too).
fn every_and_cpu_only(ds: &Dataset, step: usize, card: &dyn Card) -> Dataset {
    let covered = backend::device_programs(&backend::BackendOptions::default(), card);
    let cpu_only: Vec<&str> = card
        .programs()
        .iter()
        .zip(covered.iter().chain(std::iter::repeat(&false)))
        .filter(|(_, on_device)| !**on_device)
        .map(|(p, _)| p.task.as_ref())
        .collect();
    tasks_where(ds, |k, t| {
        k % step == 0 || cpu_only.contains(&t.id.as_str())
    })
}

/// The step-major engine as `--backend host-steps` runs it (its kernels
/// compiled as host C++, driven as a GPU is, in batches of samples): with
/// the CPU's lanes merged in, a card read at run time gives the CPU
/// backend's results, for either pairing (the tasks of the solvers it
/// leaves to the CPU included), its differs scored in the engine.
#[test]
fn the_step_engine_merged_with_cpu_lanes_equals_the_cpu_backend() {
    let card = Interpreter::from_path(&root().join("cards")).unwrap();
    let ds = every_and_cpu_only(&arc_agi_1(), 8, &card);
    let options = backend::BackendOptions {
        backend: backend::BackendChoice::HostSteps,
        batch_size: Some(20),
        ..backend::BackendOptions::default()
    };
    let (chosen, why) = backend::choose(&options, &card, 0).unwrap();
    assert!(why.starts_with("host-steps"), "{why}");
    let Backend::Device(runner) = chosen else {
        panic!("not a device backend: {why}")
    };
    let runner: Arc<dyn LaneRunner> = Arc::from(runner);
    for pairing in [Pairing::All, Pairing::Own] {
        let cpu = cpu_results(&card, &ds, pairing);
        let (device, report) = device_results(&card, &ds, pairing, Box::new(runner.clone()));
        assert!(report.device_error.is_none(), "{:?}", report.device_error);
        println!(
            "{pairing:?}: {} step-engine lanes ({} flagged, {} folded), {} CPU-only lanes, {} grids back",
            report.device_lanes,
            report.flagged_lanes,
            report.folded_lanes,
            report.cpu_only_lanes,
            report.grids_back
        );
        // Most demonstration lanes the engine keeps come back folded by
        // task, not one by one.
        assert!(
            report.folded_lanes * 2 > report.device_lanes - report.flagged_lanes,
            "{} of {} lanes folded",
            report.folded_lanes,
            report.device_lanes
        );
        assert!(report.cpu_only_lanes > 0, "some programs stay on the CPU");
        assert!(
            report.device_lanes > 2 * report.cpu_only_lanes,
            "most lanes go to the step engine"
        );
        assert!(report.flagged_lanes < report.device_lanes / 2);
        // Every differ of the cards is scored in the step engine: only
        // test samples' answers and the lanes it leaves to the CPU come
        // back as grids.
        assert_eq!(
            runner.complete_scores(&card),
            Some((1u32 << card.differs().len()) - 1)
        );
        if pairing == Pairing::All {
            assert!(
                report.grids_back * 4 < report.device_lanes,
                "{} grids back for {} lanes",
                report.grids_back,
                report.device_lanes
            );
        }
        assert!(
            cpu == device,
            "{pairing:?}: the merged results differ from the CPU's"
        );
    }
    // The device's programs, for `--backend auto`'s threshold: the
    // plan's, and none with `--backend cpu`.
    let on_steps = backend::device_programs(&options, &card);
    let plan = card.step_plan();
    assert_eq!(
        on_steps.iter().filter(|&&p| p).count(),
        plan.device_programs().len()
    );
    let cpu_only = backend::BackendOptions {
        backend: backend::BackendChoice::Cpu,
        ..backend::BackendOptions::default()
    };
    assert!(!backend::device_programs(&cpu_only, &card).contains(&true));
    // The compiled-in library's plan, made of the files it was generated
    // from, is the plan of the same files read at run time.
    let compiled = library().step_plan().expect("the library has a step plan");
    assert_eq!(compiled.device_programs(), plan.device_programs());
    assert_eq!(compiled.launches.len(), plan.launches.len());
    assert_eq!(compiled.record_bytes, plan.record_bytes);
}

/// The compiled-in library on the step engine (`--backend auto` takes it
/// there on a GPU machine): its plan is made of the card files it carries,
/// and with the CPU's lanes merged in it gives the CPU backend's results.
/// A compiled card whose files do not compile to its solvers has no plan,
/// and the step engine says so.
#[test]
fn the_compiled_library_runs_on_the_step_engine_from_the_files_it_carries() {
    let ds = every(&arc_agi_1(), 40);
    let options = backend::BackendOptions {
        backend: backend::BackendChoice::HostSteps,
        batch_size: Some(32),
        ..backend::BackendOptions::default()
    };
    let (chosen, why) = backend::choose(&options, library(), 0).unwrap();
    let Backend::Device(runner) = chosen else {
        panic!("not a device backend: {why}")
    };
    let cpu = cpu_results(library(), &ds, Pairing::All);
    let (device, report) = device_results(library(), &ds, Pairing::All, runner);
    assert!(report.device_error.is_none(), "{:?}", report.device_error);
    assert!(
        report.device_lanes > 2 * report.cpu_only_lanes,
        "{} step-engine lanes, {} CPU-only",
        report.device_lanes,
        report.cpu_only_lanes
    );
    assert!(cpu == device, "the merged results differ from the CPU's");
    // With `--backend auto`, the device's programs are the plan's.
    let auto = backend::BackendOptions::default();
    let plan = library().step_plan().unwrap();
    let on = backend::device_programs(&auto, library());
    assert_eq!(
        on.iter().filter(|&&p| p).count(),
        plan.device_programs().len()
    );

    // Files that are not the card's: no plan.
    static EMPTY: batt_runtime::card::StepPlanCell = batt_runtime::card::StepPlanCell::new();
    let stale = batt_runtime::card::Compiled {
        sources: &[("cards/other.py", "def solve_00000000(I):\n    return I\n")],
        step_plan: &EMPTY,
        ..fixtures::CARD
    };
    assert!(stale.step_plan().is_none());
    let steps = backend::BackendOptions {
        backend: backend::BackendChoice::Cuda,
        ..backend::BackendOptions::default()
    };
    let err = backend::choose(&steps, &stale, 1 << 20).unwrap_err();
    assert!(err.contains("no step plan"), "{err}");
}

/// The step library's host twin, wrong on purpose: each launch as `alter`
/// makes it, or skipped where it gives `None`.
fn altered(
    host: Arc<StepHost>,
    alter: fn(&Launch) -> Option<Launch>,
) -> impl StepMachine + Send + Sync + 'static {
    Intercepted(
        host,
        move |host: &Arc<StepHost>, launch: &Launch| match alter(launch) {
            Some(altered) => host.launch(&altered),
            None => Ok(()),
        },
    )
}

/// Skips every replay of a higher-order step (those steps' values stay
/// zero bytes).
fn skips_replays(launch: &Launch) -> Option<Launch> {
    (!matches!(launch, Launch::Replay { .. })).then_some(*launch)
}

/// Folds the lanes by task without their differs' scores.
fn folds_without_scores(launch: &Launch) -> Option<Launch> {
    let mut launch = *launch;
    if let Launch::Fold { n_differs, .. } = &mut launch {
        *n_differs = 0;
    }
    Some(launch)
}

/// The step library's host twin with too little memory for a batch of
/// more than 8 samples: the batch's last launch fails, counted in
/// `failures`.
fn scarce(
    host: Arc<StepHost>,
    failures: Arc<AtomicUsize>,
) -> impl StepMachine + Send + Sync + 'static {
    Intercepted(
        host,
        move |host: &Arc<StepHost>, launch: &Launch| match launch {
            Launch::Lanes { n, .. } if *n > 8 => {
                failures.fetch_add(1, Ordering::Relaxed);
                Err("out of memory".into())
            }
            _ => host.launch(launch),
        },
    )
}

/// A batch the device cannot hold runs again in halves: the results are
/// the CPU backend's, and the device reports no failure.
#[test]
fn step_engine_batches_too_large_for_the_device_run_again_in_halves() {
    let card = Interpreter::from_path(&root().join("cards")).unwrap();
    let ds = every(&arc_agi_1(), 16);
    let failures = Arc::new(AtomicUsize::new(0));
    let runner = StepRunner::new(
        card.step_plan(),
        card.programs().len(),
        vec![scarce(Arc::new(StepHost::new().unwrap()), failures.clone())],
        32,
        "scarce".into(),
        std::time::Duration::ZERO,
    );
    let cpu = cpu_results(&card, &ds, Pairing::All);
    let (device, report) = device_results(&card, &ds, Pairing::All, Box::new(runner));
    assert!(report.device_error.is_none(), "{:?}", report.device_error);
    let failures = failures.load(Ordering::Relaxed);
    assert!(failures >= 2, "{failures} batches failed");
    assert!(report.device_lanes > 10_000);
    assert!(cpu == device, "the merged results differ from the CPU's");
}

/// The device check's steps pass on the faithful host twin and fail, by
/// lane and by results, on a wrong one; the fallback step passes on
/// either (the CPU does the lanes of a device that breaks).
#[test]
fn the_device_checks_step_engine_steps_pass_on_the_host_twin_and_fail_on_a_wrong_one() {
    let card = Interpreter::from_path(&root().join("cards")).unwrap();
    let ds = every(&arc_agi_1(), 25);
    let host = Arc::new(StepHost::new().unwrap());
    let steps = gpu_check::step_steps(&card, &ds, None, vec![host.clone()], 32);
    let names: Vec<&str> = steps.iter().map(|s| s.name).collect();
    assert_eq!(names, ["step lanes", "step fallback", "step bench"]);
    for s in &steps {
        assert_eq!(s.status, Status::Passed, "{}: {}", s.name, s.detail);
    }
    assert!(steps[0].detail["lanes"].as_u64().unwrap() > 10_000);
    let failure = steps[1].detail["device_error"].as_str().unwrap();
    assert!(failure.contains("made to fail"), "{failure}");
    assert!(steps[2].detail["device_lanes"].as_u64().unwrap() > 10_000);
    // Every lane left to the CPU is put down to a primitive (or the
    // output), most first.
    let left = steps[0].detail["left_to_cpu"].as_u64().unwrap();
    let by: Vec<(String, u64)> = steps[0].detail["left_by_callee"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            (
                row[0].as_str().unwrap().to_owned(),
                row[1].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(left > 0 && !by.is_empty(), "{}", steps[0].detail);
    assert!(by.windows(2).all(|w| w[0].1 >= w[1].1), "{by:?}");
    let counted: u64 = by.iter().map(|(_, n)| n).sum();
    assert!(
        counted == left || (by.len() == 12 && counted < left),
        "{counted} of {left} lanes put down: {by:?}"
    );
    // The profiled run: the same results, its time by kernel group.
    let bench = &steps[2].detail;
    assert_eq!(bench["profiled_run"]["results_equal_the_cpu"], true);
    let groups: Vec<&str> = bench["by_kernel"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row[0].as_str().unwrap())
        .collect();
    for group in [
        "lanes (outputs, failed counts)",
        "uploads",
        "downloads",
        "objects",
    ] {
        assert!(groups.contains(&group), "no {group} in {groups:?}");
    }
    assert!(groups.iter().any(|g| g.ends_with(" replay")), "{groups:?}");
    // The host twin times each launch's slowest thread: never more than
    // the launch took, and not nothing where the threads did work.
    for row in bench["by_kernel"].as_array().unwrap() {
        let (group, seconds) = (row[0].as_str().unwrap(), row[2].as_f64().unwrap());
        match row.get(3) {
            Some(slowest) => assert!(slowest.as_f64().unwrap() <= seconds, "{row}"),
            None => assert!(
                ["uploads", "downloads", "zeroed buffers"].contains(&group),
                "no slowest thread for the launches of {group}"
            ),
        }
    }
    let objects = bench["by_kernel"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r[0] == "objects");
    assert!(objects.unwrap()[3].as_f64().unwrap() > 0.0, "{objects:?}");
    let steps = gpu_check::step_steps(&card, &ds, None, vec![altered(host, skips_replays)], 32);
    for s in &steps {
        if s.name == "step fallback" {
            assert_eq!(s.status, Status::Passed, "{}", s.detail);
            continue;
        }
        assert!(
            matches!(&s.status, Status::Failed(why) if why.contains("differ")),
            "{}: a wrong engine was not caught: {:?}",
            s.name,
            s.status
        );
    }
}

/// The step engine's batches spread over several machines (a thread each,
/// as `--gpu-split` and several devices run them) and in batches of a few
/// samples give the results of one machine in large batches.
#[test]
fn batches_of_any_size_over_several_machines_give_the_same_results() {
    let ds = every(&arc_agi_1(), 10);
    let plan = library().step_plan().unwrap();
    let host = Arc::new(StepHost::new().unwrap());
    let runner = |machines: usize, samples: usize| {
        Box::new(StepRunner::new(
            plan,
            library().programs().len(),
            vec![host.clone(); machines],
            samples,
            format!("{machines} machines, batches of {samples} samples"),
            std::time::Duration::ZERO,
        ))
    };
    let (whole, report) = device_results(library(), &ds, Pairing::All, runner(1, 4096));
    assert!(report.folded_lanes > 0);
    // The folds' differ sums count: without them the ranking differs.
    let wrong = Box::new(StepRunner::new(
        plan,
        library().programs().len(),
        vec![altered(host.clone(), folds_without_scores)],
        4096,
        "folds without scores".into(),
        std::time::Duration::ZERO,
    ));
    let (unscored, _) = device_results(library(), &ds, Pairing::All, wrong);
    assert!(whole != unscored, "folds without differ scores went unseen");
    // Tasks split between batches fold in parts.
    for (machines, samples) in [(2, 64), (3, 7)] {
        let (split, report) =
            device_results(library(), &ds, Pairing::All, runner(machines, samples));
        assert!(report.device_error.is_none(), "{:?}", report.device_error);
        assert!(
            whole == split,
            "{machines} machines in batches of {samples} give other results"
        );
    }
}

#[test]
fn flagged_lanes_and_a_failing_device_fall_back_to_the_cpu() {
    let ds = every(&arc_agi_1(), 20);
    let cpu = cpu_results(library(), &ds, Pairing::All);
    let (flagged, report) = device_results(library(), &ds, Pairing::All, Box::new(FlagsEverything));
    assert_eq!(report.flagged_lanes, report.device_lanes);
    assert_eq!(report.device_share(), 0.0);
    assert!(cpu == flagged);
    let (broken, report) = device_results(library(), &ds, Pairing::All, Box::new(Broken));
    assert_eq!(report.device_error.as_deref(), Some("out of device memory"));
    assert!(cpu == broken);
}

/// `text` written in `dir` as a card file, and again without its differs
/// (from the first `def differ_` on): the two paths.
fn card_files(dir: &Path, text: &str) -> (PathBuf, PathBuf) {
    let with = dir.join("card.py");
    std::fs::write(&with, text).unwrap();
    let without = dir.join("solvers.py");
    let differ = text.find("def differ_").unwrap();
    std::fs::write(&without, &text[..differ]).unwrap();
    (with, without)
}

/// The step engine on the host twin `host` for `card`, in batches of 64
/// samples.
fn host_twin_runner(card: &dyn Card, host: &Arc<StepHost>) -> StepRunner<Arc<StepHost>> {
    StepRunner::new(
        card.step_plan().expect("a step plan"),
        card.programs().len(),
        vec![host.clone()],
        64,
        "host twin".into(),
        std::time::Duration::ZERO,
    )
}

/// A card given at run time: solvers the step engine takes and one it
/// does not, and a differ.
const RUN_TIME_CARD: &str = "\
def solve_67a3c6ac(I):
    O = vmirror(I)
    return O

def solve_68b16354(I):
    O = hmirror(I)
    return O

def solve_recolour(I):
    x1 = objects(I, T, F, T)
    x2 = argmax(x1, size)
    O = fill(I, FIVE, x2)
    return O

def solve_halves(I):
    x1 = lbind(hconcat, I)
    x2 = compose(x1, vmirror)
    O = x2(I)
    return O

def solve_wide(I):
    x1 = vmirror(I)
    O = hconcat(I, x1)
    return O

def solve_ragged(I):
    x1 = rot90(I)
    O = vconcat(I, x1)
    return O

def differ_cells(S, I, C):
    x1 = asobject(I)
    x2 = asobject(C)
    x3 = difference(x1, x2)
    O = size(x3)
    return O
";

#[test]
fn any_card_takes_the_device_path_with_the_cpu_results() {
    let ds = every(&arc_agi_1(), 10);
    let tmp = tempfile::tempdir().unwrap();
    let (path, solvers_only) = card_files(tmp.path(), RUN_TIME_CARD);
    let interpreted = Interpreter::from_path(&path).unwrap();
    assert!(!interpreted.step_plan().device_programs().is_empty());
    // The same solvers without a differ: still scored in the engine.
    let no_differs = Interpreter::from_path(&solvers_only).unwrap();
    assert!(no_differs.differs().is_empty());
    let host = Arc::new(StepHost::new().unwrap());
    let cards: [(&str, &dyn Card); 3] = [
        ("the fixture card", &fixtures::CARD),
        ("a card interpreted at run time", &interpreted),
        ("a card without differs", &no_differs),
    ];
    let mut flagged = Vec::new();
    for (name, card) in cards {
        for pairing in [Pairing::All, Pairing::Own] {
            let cpu = cpu_results(card, &ds, pairing);
            let runner = host_twin_runner(card, &host);
            let complete = runner.complete_scores(card);
            if card.differs().is_empty() {
                assert_eq!(complete, Some(0), "{name}: its every lane scored");
            }
            let (device, report) = device_results(card, &ds, pairing, Box::new(runner));
            assert!(
                report.device_error.is_none(),
                "{name}: {:?}",
                report.device_error
            );
            if pairing == Pairing::All {
                assert!(
                    report.device_lanes > 0,
                    "{name}: the step engine took lanes"
                );
                flagged.push(report.flagged_lanes);
            }
            // Every lane is compared with its expected output in the
            // engine, differs or not: of a card whose differs are all
            // there, only the test samples' answers and the flagged lanes'
            // outputs come back as grids.
            if pairing == Pairing::All && complete.is_some() {
                println!(
                    "{name}: {} grids back for {} lanes",
                    report.grids_back, report.device_lanes
                );
                assert!(
                    report.grids_back * 3 < report.device_lanes,
                    "{name}: {} grids back for {} lanes",
                    report.grids_back,
                    report.device_lanes
                );
            }
            assert!(
                cpu == device,
                "{name}, {pairing:?}: the merged results differ from the CPU's"
            );
        }
    }
    // Side by side, wider inputs give grids too wide for the device
    // (`solve_wide`, `solve_ragged`): without differs, their demonstration
    // lanes fold, unmatched, and the test samples' are settled (see
    // `outputs_too_large_of_a_card_without_differs_stay_on_the_device`);
    // with a differ, which must read the grid, every one goes to the CPU.
    assert!(
        flagged[2] < flagged[1],
        "lanes left to the CPU without differs {} and with {}",
        flagged[2],
        flagged[1]
    );
}

/// The run-time card's solvers whose outputs are grids too large for the
/// device (`solve_wide`, the grid beside its mirror, too wide past 15
/// columns; `solve_ragged`, the grid over its turn, rows of two widths
/// where it is not square) and its differ, which reads them: the card's
/// last three programs.
fn too_large_card() -> &'static str {
    &RUN_TIME_CARD[RUN_TIME_CARD.find("def solve_wide").unwrap()..]
}

/// An output too large for the device is no answer and no expected
/// output, so a card without differs never needs its grid: the engine
/// settles every such lane, a test sample's too, and the merged results
/// are the CPU's. With a differ, which must read the grid, those lanes go
/// to the CPU.
#[test]
fn outputs_too_large_of_a_card_without_differs_stay_on_the_device() {
    let ds = every(&arc_agi_1(), 10);
    let tmp = tempfile::tempdir().unwrap();
    let (with_differ, without) = card_files(tmp.path(), too_large_card());
    let host = Arc::new(StepHost::new().unwrap());
    let mut flagged = Vec::new();
    for path in [with_differ, without] {
        let card = Interpreter::from_path(&path).unwrap();
        assert_eq!(card.step_plan().device_programs().len(), 2);
        let cpu = cpu_results(&card, &ds, Pairing::All);
        let runner = host_twin_runner(&card, &host);
        let (device, report) = device_results(&card, &ds, Pairing::All, Box::new(runner));
        assert!(report.device_error.is_none(), "{:?}", report.device_error);
        assert!(
            cpu == device,
            "{}: the merged results differ",
            path.display()
        );
        flagged.push(report.flagged_lanes);
    }
    assert!(
        flagged[0] > 0,
        "outputs too large read by a differ: {flagged:?}"
    );
    assert_eq!(flagged[1], 0, "lanes left to the CPU without differs");
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

/// The compiled library, whose evaluation panics on one sample's input
/// (a stand-in for a bug): that sample's lanes are lost on every backend.
#[derive(Debug)]
struct PanicsOn(batt_runtime::dsl::Value);

impl Card for PanicsOn {
    fn programs(&self) -> &[batt_runtime::batt::Program] {
        library().programs()
    }

    fn differs(&self) -> &[std::borrow::Cow<'static, str>] {
        library().differs()
    }

    fn steps(&self) -> usize {
        library().steps()
    }

    fn program_steps(&self, program: usize) -> &[usize] {
        library().program_steps(program)
    }

    fn step_callee(&self, k: usize) -> &'static str {
        library().step_callee(k)
    }

    fn outputs(
        &self,
        sample: &batt_runtime::batt::Sample,
        ctx: &mut batt_runtime::dsl::Ctx,
        wanted: &[bool],
    ) -> batt_runtime::card::Outputs {
        assert!(sample.i != self.0, "a sample this card cannot take");
        library().outputs(sample, ctx, wanted)
    }

    fn score(
        &self,
        o: &[(usize, batt_runtime::dsl::Value)],
        sample: &batt_runtime::batt::Sample,
        ctx: &mut batt_runtime::dsl::Ctx,
    ) -> Vec<(usize, usize, batt_runtime::dsl::Value)> {
        library().score(o, sample, ctx)
    }

    fn step_plan(&self) -> Option<&batt_gen::step_kernels::StepPlan> {
        library().step_plan()
    }
}

/// A sample whose evaluation panics on the CPU, in a task whose
/// demonstration lanes the engine folds: its lanes count as failed and
/// none of them as solved, as on the CPU backend (the task is evaluated
/// again on the CPU, where a fold would have counted the engine's values).
#[test]
fn a_sample_that_fails_as_a_whole_is_not_counted_through_a_fold() {
    let ds = every(&arc_agi_1(), 20);
    // The first demonstration of a task whose own solver solves it.
    let task = ds
        .tasks
        .iter()
        .find(|t| library().programs().iter().any(|p| p.task == t.id.as_str()))
        .expect("a task of the library's");
    let card = PanicsOn(batt_runtime::dsl::Value::grid(task.train[0].input.clone()));
    let cpu = cpu_results(&card, &ds, Pairing::All);
    let lost: u64 = cpu.programs.iter().map(|p| p.lanes_failed).sum();
    assert_eq!(lost, library().programs().len() as u64);
    let runner = StepRunner::new(
        library().step_plan().unwrap(),
        library().programs().len(),
        vec![Arc::new(StepHost::new().unwrap())],
        4096,
        "host twin".into(),
        std::time::Duration::ZERO,
    );
    let (device, report) = device_results(&card, &ds, Pairing::All, Box::new(runner));
    assert!(report.folded_lanes > 0);
    assert!(
        cpu == device,
        "a sample that failed as a whole counted through a fold"
    );
}

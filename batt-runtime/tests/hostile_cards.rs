//! Valid cards that a careless or hostile user (or a program search) can
//! write, run through `all-tasks --cards` as a user runs them, under a cap
//! on the process's memory: each ends with exit 0 and its results written,
//! its runaway steps failed on the lane's limits (nesting, size, work;
//! `batt_runtime::dsl::error`), instead of overflowing a stack (an abort
//! no `catch_unwind` can catch), exhausting memory or running for hours.

#![allow(clippy::unwrap_used)] // Test helpers may unwrap.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use batt_runtime::results::Results;

/// The address space the whole run may take (`ulimit -v`, KiB): far below
/// what the cards asked for before the limits (1.3 GB for one interval,
/// 6.7 GB for three products, 12.5 GB for eight large steps).
const MEMORY_KIB: u64 = 2_500_000;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A task directory holding one small training task.
fn tasks(dir: &Path) -> PathBuf {
    let data = root().join("data");
    batt_data::Fetcher::new(&data)
        .ensure(&mut |l| eprintln!("{l}"))
        .unwrap();
    let dst = dir.join("tasks/training");
    fs::create_dir_all(&dst).unwrap();
    fs::copy(
        data.join("arc-agi-1/training/67a3c6ac.json"),
        dst.join("67a3c6ac.json"),
    )
    .unwrap();
    dir.join("tasks")
}

/// Runs `card` on the task under the memory cap; its results.
fn run(name: &str, card: &str) -> Results {
    let tmp = tempfile::tempdir().unwrap();
    let data = tasks(tmp.path());
    let path = tmp.path().join(format!("{name}.py"));
    fs::write(&path, card).unwrap();
    let out = tmp.path().join("out");
    let exe = env!("CARGO_BIN_EXE_batt-runtime");
    let started = std::time::Instant::now();
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_KIB} && exec \"$@\""))
        .arg("sh")
        .arg(exe)
        .args(["all-tasks", "--quiet", "--backend", "cpu", "--threads", "2"])
        .arg("--data")
        .arg(&data)
        .arg("--cards")
        .arg(&path)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{name}: {:?}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    eprintln!("{name}: {:.1} s", started.elapsed().as_secs_f64());
    serde_json::from_str(&fs::read_to_string(out.join("results.json")).unwrap()).unwrap()
}

/// The failed steps of the card's one solver over the task's 4 samples.
fn steps_failed(results: &Results) -> u64 {
    results.programs[0].steps_failed
}

fn one_solver(body: &str) -> String {
    format!("def solve_67a3c6ac(I):\n{body}")
}

#[test]
fn a_power_that_nests_a_value_a_hundred_thousand_deep_fails_its_step() {
    let results = run(
        "power",
        &one_solver("    x1 = power(initset, 100000)\n    O = x1(I)\n    return O\n"),
    );
    assert_eq!(steps_failed(&results), 4, "the call fails on each sample");
}

#[test]
fn chains_of_fifty_thousand_nesting_steps_fail_past_the_limit_and_go_on() {
    for wrap in ["initset(x{p})", "astuple(x{p}, I)"] {
        let mut body = String::from("    x0 = initset(I)\n");
        for k in 1..50_000 {
            let step = wrap.replace("{p}", &(k - 1).to_string());
            let _ = writeln!(body, "    x{k} = {step}");
        }
        body.push_str("    return x49999\n");
        let results = run("chain", &one_solver(&body));
        assert!(steps_failed(&results) > 0, "{wrap}: some steps fail");
        assert!(
            results.programs[0].lanes_failed == 0,
            "{wrap}: no lane is lost"
        );
    }
}

#[test]
fn values_too_large_for_a_lane_fail_their_step_within_bounded_memory() {
    let cards = [
        (
            "interval",
            "    O = interval(0, 40000000, 1)\n    return O\n",
        ),
        (
            "products",
            "    x1 = asindices(I)\n    x2 = product(x1, x1)\n    x3 = product(x2, x2)\n    \
             O = product(x3, x3)\n    return O\n",
        ),
        (
            "doubling",
            "    x1 = fork(astuple, identity, identity)\n    x2 = power(x1, 64)\n    \
             O = x2(I)\n    return O\n",
        ),
    ];
    for (name, body) in cards {
        let results = run(name, &one_solver(body));
        assert!(
            steps_failed(&results) >= 4,
            "{name}: a step fails on each sample"
        );
    }
    // Eight steps each as large as a call may build: every one fails, so
    // the lane does not hold them all.
    let mut body = String::new();
    for k in 1..=8 {
        let _ = writeln!(body, "    x{k} = interval({k}, 4000000, 1)");
    }
    body.push_str(
        "    x9 = astuple(x1, x2)\n    x10 = astuple(x3, x4)\n    x11 = astuple(x5, x6)\n",
    );
    body.push_str(
        "    x12 = astuple(x7, x8)\n    x13 = astuple(x9, x10)\n    x14 = astuple(x11, x12)\n",
    );
    body.push_str("    O = astuple(x13, x14)\n    return O\n");
    let results = run("eight", &one_solver(&body));
    assert!(steps_failed(&results) >= 32, "{}", steps_failed(&results));
}

#[test]
fn a_program_whose_steps_add_up_past_the_lane_limit_stops_and_the_run_goes_on() {
    // Sixty values of about 38 MB each, every one within the size limit,
    // 2.3 GB together: the lane stops after a few hundred MB.
    let mut body = String::new();
    for k in 1..=60 {
        let _ = writeln!(body, "    x{k} = interval({k}, 1200000, 1)");
        let _ = writeln!(body, "    a{k} = size(x{k})");
    }
    body.push_str("    b1 = a1\n");
    for k in 2..=60 {
        let _ = writeln!(body, "    b{k} = add(b{}, a{k})", k - 1);
    }
    body.push_str("    return b60\n");
    let results = run("lane", &one_solver(&body));
    // A stopped lane counts all its steps failed, on each of the 4 samples.
    assert_eq!(steps_failed(&results), 4 * (60 + 60 + 59));
}

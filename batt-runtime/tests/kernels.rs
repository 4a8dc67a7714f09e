//! The generated kernel sources, compiled as host C++ (through
//! `batt-gen/kernels/host_shim.h`) with the machine's C++ compiler and run
//! on every ARC-AGI-1 sample for every vectorized program: each lane whose
//! flag stays set must give exactly the sequential `batt()`'s output and
//! number of failed steps; lanes left to the CPU for a failed step whose
//! default the device cannot hold must be rare (at most 5%), and all lanes
//! left to it at most a quarter (most of those meet a value the fixed
//! device forms cannot hold: a grid over 30x30, a line leaving the frame). Covers the card library's
//! kernel and the card fixtures'.

#![allow(clippy::unwrap_used)] // Test helpers may unwrap.

mod support;

use batt_runtime::backend::check::check_lanes;
use batt_runtime::card::Card;
use batt_runtime::dataset::Dataset;
use support::host_kernel::HostKernel;

#[rustfmt::skip]
#[allow(clippy::all, clippy::pedantic, dead_code, unreachable_pub)]
#[path = "generated/fixtures.rs"]
mod fixtures;

#[path = "support/data.rs"]
mod data;

fn arc_agi_1() -> Dataset {
    data::arc_agi_1("the kernel tests")
}

/// Checks a card's kernel against its `batt()` on every sample.
fn check(name: &str, card: &dyn Card) {
    let ds = arc_agi_1();
    let host = HostKernel::new().unwrap();
    let c = check_lanes(card, &ds.tasks, &host).unwrap_or_else(|e| panic!("{name}: {e}"));
    println!("{name}: {}", c.summary());
    for (program, n) in c.by_program.iter().take(12) {
        println!("  {program}: {n} lanes left to the CPU whose output fits a device grid");
    }
    assert!(
        c.mismatches == 0,
        "{name}: {} lanes differ from batt(), e.g.\n{}",
        c.mismatches,
        c.examples.join("\n")
    );
    // The fixed device forms (DESIGN §6) cannot hold some values: a lane
    // meeting one goes to the CPU by design. Lanes left to it otherwise
    // (a failed step's default the device cannot hold) must be rare, and
    // so must all lanes left to it in all.
    assert!(
        c.nodefault * 20 <= c.lanes,
        "{name}: {} of {} lanes left to the CPU for a default the device cannot hold",
        c.nodefault,
        c.lanes
    );
    assert!(
        c.flagged * 4 <= c.lanes,
        "{name}: {} of {} lanes left to the CPU: too many for the CPU fallback",
        c.flagged,
        c.lanes
    );
}

#[test]
fn the_library_kernel_equals_batt_on_every_sample() {
    check("library", batt_runtime::library());
}

#[test]
fn the_fixture_kernel_equals_batt_on_every_sample() {
    check("fixtures", &fixtures::CARD);
}

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

use batt_runtime::backend::{DeviceGrid, LaneBatch, LaneFlag};
use batt_runtime::batt::{self, Sample};
use batt_runtime::card::Card;
use batt_runtime::dataset::{self, Dataset, SplitFilter};
use batt_runtime::dsl::{Ctx, Value};
use batt_runtime::grid::Grid;
use support::host_kernel::{HostKernel, root};

#[rustfmt::skip]
#[allow(clippy::all, clippy::pedantic, dead_code, unreachable_pub)]
#[path = "generated/fixtures.rs"]
mod fixtures;

fn arc_agi_1() -> Dataset {
    let data = root().join("data");
    batt_data::Fetcher::new(&data)
        .ensure(&mut |line| eprintln!("{line}"))
        .expect("the kernel tests need the ARC data");
    dataset::load(&data.join("arc-agi-1"), SplitFilter::All).expect("ARC-AGI-1 loads")
}

/// One lane's result from the kernel.
struct LaneOut {
    ok: bool,
    /// Left to the CPU for a failed step whose default the device cannot hold.
    nodefault: bool,
    failed: u32,
    grid: Value,
}

/// Runs the compiled kernel on `inputs` for `lanes` of (program, input).
fn run(kernel: &HostKernel, source: &str, inputs: &[&Grid], lanes: &[(u32, u32)]) -> Vec<LaneOut> {
    let inputs: Vec<DeviceGrid> = inputs
        .iter()
        .map(|g| DeviceGrid::from_grid(g).expect("ARC inputs fit a device grid"))
        .collect();
    let programs: Vec<i32> = lanes.iter().map(|&(p, _)| p as i32).collect();
    let samples: Vec<i32> = lanes.iter().map(|&(_, s)| s as i32).collect();
    let batch = LaneBatch {
        source,
        inputs: &inputs,
        programs: &programs,
        samples: &samples,
    };
    let r = kernel.run_lanes(&batch).unwrap();
    (0..lanes.len())
        .map(|k| LaneOut {
            ok: LaneFlag::from_u8(r.flags[k]) == Some(LaneFlag::Done),
            nodefault: LaneFlag::from_u8(r.flags[k]) == Some(LaneFlag::NoDefault),
            failed: r.failed[k] as u32,
            grid: r.outs[k].to_value().expect("a well-formed grid"),
        })
        .collect()
}

/// Whether a program output fits the device grid: `()`, or a grid of at
/// most 30x30 with colours 0..15.
fn fits_device(v: &Value) -> bool {
    match v {
        Value::Grid(g) => {
            g.height() <= 30 && g.width() <= 30 && g.cells().iter().all(|&c| (0..=15).contains(&c))
        }
        other => *other == Value::empty_tuple(),
    }
}

/// Checks a card's kernel against its `batt()` on every sample.
fn check(name: &str, card: &dyn Card) {
    let ds = arc_agi_1();
    let host = HostKernel::new();
    let kernel = card.kernel().expect("the card has a kernel");
    let programs = card.programs();
    let mut inputs = Vec::new();
    let mut expected = Vec::new();
    for task in &ds.tasks {
        let demos = batt::demos(task);
        for sample in task.samples() {
            inputs.push(sample.pair.input.clone());
            let out = card.batt(&Sample::new(&demos, &sample), &mut Ctx::default());
            expected.push((task.id.clone(), out));
        }
    }
    let ids: Vec<u32> = kernel.vectorized.iter().map(|&p| p as u32).collect();
    assert!(
        ids.iter().all(|&p| (p as usize) < programs.len()),
        "{name}: program ids"
    );
    let lanes: Vec<(u32, u32)> = ids
        .iter()
        .flat_map(|&p| (0..inputs.len() as u32).map(move |s| (p, s)))
        .collect();
    let refs: Vec<&Grid> = inputs.iter().collect();
    let outs = run(&host, &kernel.source, &refs, &lanes);
    let mut flagged = 0usize;
    let mut inherent = 0usize;
    let mut nodefault = 0usize;
    let mut by_program: std::collections::BTreeMap<&str, usize> = Default::default();
    let mut mismatches = Vec::new();
    for (&(p, s), out) in lanes.iter().zip(&outs) {
        if !out.ok {
            flagged += 1;
            // A lane whose true output the device grid cannot hold must go
            // to the CPU whatever the templates do.
            let (_, cpu) = &expected[s as usize];
            if !fits_device(&cpu.o[p as usize].1) {
                inherent += 1;
            } else {
                nodefault += usize::from(out.nodefault);
                *by_program.entry(&*programs[p as usize].name).or_default() += 1;
            }
            continue;
        }
        let (task, cpu) = &expected[s as usize];
        let want = &cpu.o[p as usize].1;
        if &out.grid != want || out.failed != cpu.failed[p as usize] {
            let short = |v: &Value| {
                let text = format!("{v:?}");
                match text.char_indices().nth(120) {
                    Some((k, _)) => format!("{}...", &text[..k]),
                    None => text,
                }
            };
            mismatches.push(format!(
                "{} on sample {s} of {task}: kernel {} ({} failed steps), batt() {} ({} failed steps)",
                programs[p as usize].name,
                short(&out.grid),
                out.failed,
                short(want),
                cpu.failed[p as usize]
            ));
        }
    }
    let share = |n: usize| 100.0 * n as f64 / lanes.len().max(1) as f64;
    println!(
        "{name}: {} programs vectorized, {} lanes, {} mismatches; {} left to the CPU ({:.2}%): \
         {:.2}% whose output no device grid holds, {:.2}% for a failed step whose default no \
         device value holds, {:.2}% for another value outside the device forms",
        ids.len(),
        lanes.len(),
        mismatches.len(),
        flagged,
        share(flagged),
        share(inherent),
        share(nodefault),
        share(flagged - inherent - nodefault),
    );
    let mut most: Vec<(&str, usize)> = by_program.into_iter().collect();
    most.sort_by_key(|m| std::cmp::Reverse(m.1));
    for (program, n) in most.iter().take(12) {
        println!("  {program}: {n} lanes left to the CPU whose output fits a device grid");
    }
    assert!(
        mismatches.is_empty(),
        "{name}: {} lanes differ from batt(), e.g.\n{}",
        mismatches.len(),
        mismatches[..mismatches.len().min(10)].join("\n")
    );
    // The fixed device forms (DESIGN §6) cannot hold some values: a lane
    // meeting one goes to the CPU by design. Lanes left to it otherwise
    // (a failed step's default the device cannot hold) must be rare, and
    // so must all lanes left to it in all.
    assert!(
        nodefault * 20 <= lanes.len(),
        "{name}: {nodefault} of {} lanes left to the CPU for a default the device cannot hold",
        lanes.len()
    );
    assert!(
        flagged * 4 <= lanes.len(),
        "{name}: {flagged} of {} lanes left to the CPU: too many for the CPU fallback",
        lanes.len()
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

//! Every lane of a card's kernel against the sequential evaluation: each
//! vectorized program on each sample's input, run on a [`LaneRunner`] (a
//! GPU in `gpu-check`, the kernel compiled as host C++ in the tests), and
//! each lane the device keeps (flag [`LaneFlag::Done`]) compared with the
//! card's own output and failed-step count for it.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::{DeviceGrid, DeviceTiming, LaneBatch, LaneFlag, LaneResults, LaneRunner};
use crate::batt::{self, Sample};
use crate::card::Card;
use crate::dataset::Task;
use crate::dsl::{Ctx, Value};

/// What the comparison found.
#[derive(Debug, Clone, Default)]
pub struct LaneCheck {
    /// Programs the kernel vectorizes.
    pub programs: usize,
    /// Lanes run: those programs on every sample.
    pub lanes: usize,
    /// Lanes the device left to the CPU.
    pub flagged: usize,
    /// Of those, lanes whose true output no device grid holds (left to
    /// the CPU whatever the templates do).
    pub inherent: usize,
    /// Of those, lanes left for a failed step whose default no device
    /// value holds.
    pub nodefault: usize,
    /// Per program, the flagged lanes whose true output a device grid
    /// would hold, most first.
    pub by_program: Vec<(String, usize)>,
    /// The step engine's flagged lanes by the primitive of the first step
    /// that left them to the CPU (a value or a default no device form
    /// holds), most first; empty for the card's kernel.
    pub left_by_callee: Vec<(String, usize)>,
    /// Lanes the device kept whose output or failed count differs.
    pub mismatches: usize,
    /// The first few of them, described.
    pub examples: Vec<String>,
    /// The device's times.
    pub timing: DeviceTiming,
    /// The device's raw results, lane by lane (program-major).
    pub results: LaneResults,
}

/// How many mismatches are described.
const EXAMPLES: usize = 10;

/// Whether a program output fits the device grid: `()`, or a grid of at
/// most 30x30 with colours 0..15.
pub fn fits_device(v: &Value) -> bool {
    match v {
        Value::Grid(g) => DeviceGrid::from_grid(g).is_some(),
        other => *other == Value::empty_tuple(),
    }
}

/// A value, cut to a readable length.
fn short(v: &Value) -> String {
    let text = format!("{v:?}");
    match text.char_indices().nth(120) {
        Some((k, _)) => format!("{}...", &text[..k]),
        None => text,
    }
}

/// The lanes of a check: every vectorized program of a card on every
/// sample of some tasks, program-major.
#[derive(Debug, Clone)]
pub struct Lanes {
    /// Each sample's input, in device form.
    pub inputs: Vec<DeviceGrid>,
    /// Each lane's program.
    pub programs: Vec<i32>,
    /// Each lane's input.
    pub samples: Vec<i32>,
    /// Each sample, with its task's id.
    pub sample_of: Vec<(String, Sample)>,
    /// The programs, ascending.
    pub ids: Vec<usize>,
}

impl Lanes {
    /// Every vectorized program of `card` on every sample of `tasks`; an
    /// error when the card has no kernel or an input does not fit the
    /// device.
    pub fn new(card: &dyn Card, tasks: &[Task]) -> Result<Lanes, String> {
        let kernel = card.kernel().ok_or("the card has no kernel")?;
        let mut sample_of = Vec::new();
        let mut inputs = Vec::new();
        for task in tasks {
            let demos = batt::demos(task);
            for sample in task.samples() {
                let input = DeviceGrid::from_grid(&sample.pair.input).ok_or_else(|| {
                    format!("task {}: an input does not fit the device grid", task.id)
                })?;
                inputs.push(input);
                sample_of.push((task.id.clone(), Sample::new(&demos, &sample)));
            }
        }
        let ids: Vec<usize> = kernel
            .vectorized
            .iter()
            .copied()
            .filter(|&p| p < card.programs().len())
            .collect();
        let n = inputs.len();
        let programs = ids
            .iter()
            .flat_map(|&p| std::iter::repeat_n(p as i32, n))
            .collect();
        let samples = (0..ids.len()).flat_map(|_| 0..n as i32).collect();
        Ok(Lanes {
            inputs,
            programs,
            samples,
            sample_of,
            ids,
        })
    }

    /// The batch of these lanes for kernel `source`.
    pub fn batch<'a>(&'a self, source: &'a str) -> LaneBatch<'a> {
        LaneBatch {
            source,
            inputs: &self.inputs,
            programs: &self.programs,
            samples: &self.samples,
            scoring: None,
        }
    }
}

/// Runs every vectorized program of `card` on every sample of `tasks` on
/// `runner` and compares each kept lane with the card's evaluation. An
/// error when the card has no kernel, an input does not fit the device,
/// or the runner fails.
pub fn check_lanes(
    card: &dyn Card,
    tasks: &[Task],
    runner: &dyn LaneRunner,
) -> Result<LaneCheck, String> {
    let kernel = card.kernel().ok_or("the card has no kernel")?;
    let programs = card.programs();
    let lanes = Lanes::new(card, tasks)?;
    let Lanes {
        programs: lane_prog,
        samples: lane_sample,
        sample_of: samples,
        ids,
        ..
    } = &lanes;
    let batch = lanes.batch(&kernel.source);
    let (results, timing) = runner.run(&batch)?;
    if results.flags.len() != lane_prog.len()
        || results.outs.len() != lane_prog.len()
        || results.failed.len() != lane_prog.len()
    {
        return Err("the device returned the wrong number of lanes".into());
    }
    let wanted: Vec<bool> = (0..programs.len()).map(|p| ids.contains(&p)).collect();
    let expected: Vec<_> = samples
        .par_iter()
        .map(|(_, sample)| card.outputs(sample, &mut Ctx::default(), &wanted))
        .collect();
    // `tally` counts the lanes.
    let mut check = LaneCheck {
        programs: ids.len(),
        timing,
        ..LaneCheck::default()
    };
    let mut by_program: BTreeMap<usize, usize> = BTreeMap::new();
    for lane in 0..lane_prog.len() {
        let (p, s) = (lane_prog[lane] as usize, lane_sample[lane] as usize);
        let (o, failed) = &expected[s];
        let left = check.tally(&results, lane, &o[p].1, failed[p], || {
            format!("{} on sample {s} of {}", programs[p].name, samples[s].0)
        });
        if left {
            *by_program.entry(p).or_default() += 1;
        }
    }
    let mut most: Vec<(String, usize)> = by_program
        .into_iter()
        .map(|(p, k)| (programs[p].name.to_string(), k))
        .collect();
    most.sort_by_key(|m| std::cmp::Reverse(m.1));
    check.by_program = most;
    check.results = results;
    Ok(check)
}

impl LaneCheck {
    /// Counts one lane of `results` against the CPU's output `want` and
    /// failed count: a mismatch where the device kept it and differs (the
    /// first few described, `place` naming the lane). Returns whether the
    /// lane was left to the CPU though a device grid would hold its output.
    pub fn tally(
        &mut self,
        results: &LaneResults,
        lane: usize,
        want: &Value,
        want_failed: u32,
        place: impl FnOnce() -> String,
    ) -> bool {
        self.lanes += 1;
        let flag = LaneFlag::from_u8(results.flags[lane]);
        if flag != Some(LaneFlag::Done) {
            self.flagged += 1;
            if !fits_device(want) {
                self.inherent += 1;
                return false;
            }
            self.nodefault += usize::from(flag == Some(LaneFlag::NoDefault));
            return true;
        }
        let got = results.outs[lane].to_value();
        let got_failed = u32::try_from(results.failed[lane]).ok();
        if got.as_ref() != Some(want) || got_failed != Some(want_failed) {
            self.mismatches += 1;
            if self.examples.len() < EXAMPLES {
                self.examples.push(format!(
                    "{}: device {} ({} failed steps), CPU {} ({want_failed} failed steps)",
                    place(),
                    got.as_ref().map_or("a malformed grid".to_owned(), short),
                    results.failed[lane],
                    short(want),
                ));
            }
        }
        false
    }

    /// A share of the lanes, in percent.
    pub fn share(&self, n: usize) -> f64 {
        100.0 * n as f64 / self.lanes.max(1) as f64
    }

    /// One line: programs, lanes, mismatches, and where flagged lanes went.
    pub fn summary(&self) -> String {
        format!(
            "{} programs vectorized, {} lanes, {} mismatches; {} left to the CPU ({:.2}%): \
             {:.2}% whose output no device grid holds, {:.2}% for a failed step whose default no \
             device value holds, {:.2}% for another value outside the device forms",
            self.programs,
            self.lanes,
            self.mismatches,
            self.flagged,
            self.share(self.flagged),
            self.share(self.inherent),
            self.share(self.nodefault),
            self.share(self.flagged - self.inherent - self.nodefault),
        )
    }
}

/// The schema of a host-lanes file.
pub const HOST_LANES_SCHEMA: &str = "batt.host-lanes/1";

/// What a host-lanes file says of its lanes: the card (its fingerprint)
/// and the tasks whose samples they run, in order. The lanes are
/// [`Lanes::new`]'s for that card and those tasks.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct HostLanesHeader {
    /// [`HOST_LANES_SCHEMA`].
    pub schema: String,
    /// The card's fingerprint.
    pub card: String,
    /// The tasks, by id, in the order their samples were taken.
    pub tasks: Vec<String>,
    /// The number of lanes.
    pub lanes: usize,
}

/// Writes the lanes of `card` on `tasks`, run on the kernel compiled as
/// host C++, to `path` (atomically): a JSON header line, then the lanes in
/// the host kernel's output format. Returns the number of lanes.
pub fn write_host_lanes(
    path: &std::path::Path,
    card: &dyn Card,
    tasks: &[Task],
) -> Result<usize, String> {
    let kernel = card.kernel().ok_or("the card has no kernel")?;
    let lanes = Lanes::new(card, tasks)?;
    let host = super::host::HostKernel::new()?;
    let results = host.run_lanes(&lanes.batch(&kernel.source))?;
    let header = HostLanesHeader {
        schema: HOST_LANES_SCHEMA.into(),
        card: card.fingerprint(),
        tasks: tasks.iter().map(|t| t.id.clone()).collect(),
        lanes: lanes.programs.len(),
    };
    let mut bytes = serde_json::to_vec(&header).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    bytes.extend(super::host::encode_results(&results));
    crate::results::write_file_atomically(path, &bytes)?;
    Ok(header.lanes)
}

/// Reads a host-lanes file.
pub fn read_host_lanes(path: &std::path::Path) -> Result<(HostLanesHeader, LaneResults), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let bad = |why: String| format!("{}: not a host-lanes file: {why}", path.display());
    let end = bytes
        .iter()
        .position(|&b| b == b'\n')
        .ok_or_else(|| bad("no header line".into()))?;
    let header: HostLanesHeader =
        serde_json::from_slice(&bytes[..end]).map_err(|e| bad(e.to_string()))?;
    if header.schema != HOST_LANES_SCHEMA {
        return Err(bad(format!("schema {}", header.schema)));
    }
    let results = super::host::decode(&bytes[end + 1..], header.lanes).map_err(bad)?;
    Ok((header, results))
}

/// Lanes whose flag, failed count or grid (all 900 cells and the shape)
/// differ between two runs of the same lanes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BitDiff {
    /// Lanes with another flag.
    pub flags: usize,
    /// Lanes with another failed count.
    pub failed: usize,
    /// Lanes with another grid.
    pub grids: usize,
    /// The first few lanes that differ in any way.
    pub first: Vec<usize>,
}

/// Compares two runs of the same lanes bit for bit.
pub fn compare_bits(a: &LaneResults, b: &LaneResults) -> Result<BitDiff, String> {
    if a.flags.len() != b.flags.len() {
        return Err(format!("{} lanes against {}", a.flags.len(), b.flags.len()));
    }
    let mut d = BitDiff::default();
    for k in 0..a.flags.len() {
        let flag = a.flags[k] != b.flags[k];
        let failed = a.failed[k] != b.failed[k];
        let grid = a.outs[k] != b.outs[k];
        d.flags += usize::from(flag);
        d.failed += usize::from(failed);
        d.grids += usize::from(grid);
        if (flag || failed || grid) && d.first.len() < EXAMPLES {
            d.first.push(k);
        }
    }
    Ok(d)
}

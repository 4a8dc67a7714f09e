//! The tally of a device's lanes against the sequential evaluation
//! ([`LaneCheck`]): each lane the device keeps (flag [`LaneFlag::Done`])
//! compared with the card's own output and failed-step count for it, and
//! the lanes it leaves to the CPU counted by why. The step engine's check
//! ([`super::steps::check_steps`]) fills it, on a GPU in `gpu-check` and
//! on the host twin in the tests.

use super::{DeviceGrid, DeviceTiming, LaneFlag, LaneResults};
use crate::dsl::Value;

/// What the comparison found.
#[derive(Debug, Clone, Default)]
pub struct LaneCheck {
    /// Programs the device runs.
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
    /// Of the inherent ones, lanes the device settled but for their grid
    /// ([`LaneFlag::Oversize`]: the output alone a grid too large, the
    /// failed count the device's), which fold where nothing reads it.
    pub oversize: usize,
    /// Per program, the flagged lanes whose true output a device grid
    /// would hold, most first.
    pub by_program: Vec<(String, usize)>,
    /// The flagged lanes by the primitive of the first step that left
    /// them to the CPU (a value or a default no device form holds), most
    /// first.
    pub left_by_callee: Vec<(String, usize)>,
    /// The flagged lanes by program and the culprit that left them (its
    /// step in the card's graph, and as in [`Self::left_by_callee`]), most
    /// first.
    pub left_by_program: Vec<(String, String, usize)>,
    /// Lanes the device kept whose output or failed count differs.
    pub mismatches: usize,
    /// The first few of them, described.
    pub examples: Vec<String>,
    /// The device's times.
    pub timing: DeviceTiming,
}

/// How many mismatches are described.
const EXAMPLES: usize = 10;

/// Whether a program output fits the device grid: `()`, or a grid of at
/// most 30x30 with colours 0..15, a grid value or a tuple of equal rows
/// (`apply` of a row function over a grid's rows gives one, and a device
/// grid equals it).
pub fn fits_device(v: &Value) -> bool {
    if *v == Value::empty_tuple() {
        return true;
    }
    crate::dsl::shape::grid(v).is_ok_and(|g| DeviceGrid::from_grid(&g).is_some())
}

/// A value, cut to a readable length.
fn short(v: &Value) -> String {
    let text = format!("{v:?}");
    match text.char_indices().nth(120) {
        Some((k, _)) => format!("{}...", &text[..k]),
        None => text,
    }
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
        // The device's output: its grid where it kept the lane, none where
        // it vouches that the output is a grid too large (its failed count
        // is still compared).
        let got = match flag {
            Some(LaneFlag::Done) => Some(results.outs[lane].to_value()),
            Some(LaneFlag::Oversize) => {
                self.flagged += 1;
                self.inherent += 1;
                self.oversize += 1;
                None
            }
            _ => {
                self.flagged += 1;
                if !fits_device(want) {
                    self.inherent += 1;
                    return false;
                }
                self.nodefault += usize::from(flag == Some(LaneFlag::NoDefault));
                return true;
            }
        };
        let same = match &got {
            Some(got) => got.as_ref() == Some(want),
            None => !fits_device(want),
        };
        let got_failed = u32::try_from(results.failed[lane]).ok();
        if !same || got_failed != Some(want_failed) {
            self.mismatches += 1;
            if self.examples.len() < EXAMPLES {
                let device = match &got {
                    Some(got) => got.as_ref().map_or("a malformed grid".to_owned(), short),
                    None => "a grid too large".to_owned(),
                };
                self.examples.push(format!(
                    "{}: device {device} ({} failed steps), CPU {} ({want_failed} failed steps)",
                    place(),
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
            "{} programs on the device, {} lanes, {} mismatches; {} left to the CPU ({:.2}%): \
             {:.2}% whose output no device grid holds ({:.2}% settled but for a grid too large), \
             {:.2}% for a failed step whose default no device value holds, {:.2}% for another \
             value outside the device forms",
            self.programs,
            self.lanes,
            self.mismatches,
            self.flagged,
            self.share(self.flagged),
            self.share(self.inherent),
            self.share(self.oversize),
            self.share(self.nodefault),
            self.share(self.flagged - self.inherent - self.nodefault),
        )
    }
}

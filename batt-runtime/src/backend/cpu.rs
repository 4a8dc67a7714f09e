//! The CPU backend: every lane through the card's sequential evaluation,
//! samples in parallel on rayon's current pool, each in isolation (a panic
//! marks the sample's lanes failed and the run goes on), results in the
//! lanes' order, so they are the same for any thread count.

use std::io::IsTerminal;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use crate::card::Card;
use crate::run::{LaneSample, Outputs, SampleCost, SampleEval};

/// Evaluates `card` on every lane sample, keeping `outputs` of the lanes'
/// values as each sample is done; shows progress when asked.
pub fn evaluate(
    card: &dyn Card,
    lanes: &[LaneSample],
    outputs: Outputs,
    progress: bool,
) -> Vec<SampleEval> {
    let bar = Progress::new(lanes.len() as u64, progress);
    let evals = lanes
        .par_iter()
        .map(|lane| {
            let evaluated = catch_unwind(AssertUnwindSafe(|| lane.evaluate(card))).ok();
            bar.tick();
            let (output, cost) = match evaluated {
                Some((mut output, cost)) => {
                    if outputs == Outputs::Scored {
                        lane.keep_scored(&mut output);
                    }
                    (Some(output), cost)
                }
                None => (None, SampleCost::default()),
            };
            SampleEval {
                task: lane.task,
                kind: lane.kind,
                index: lane.index,
                output,
                cost,
                folds: Vec::new(),
                folded: 0,
            }
        })
        .collect();
    bar.finish();
    evals
}

/// Progress: a bar on a terminal, a line every tenth otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    total: u64,
    done: AtomicU64,
    lines: bool,
}

impl Progress {
    fn new(total: u64, enabled: bool) -> Progress {
        let terminal = std::io::stderr().is_terminal();
        let bar = (enabled && terminal).then(|| {
            let bar = indicatif::ProgressBar::new(total);
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} samples, {per_sec}, eta {eta}",
            ) {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            total,
            done: AtomicU64::new(0),
            lines: enabled && !terminal,
        }
    }

    fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(bar) = &self.bar {
            bar.inc(1);
        } else if self.lines && self.total >= 10 && done.is_multiple_of(self.total / 10) {
            eprintln!("evaluated {done}/{} samples", self.total);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

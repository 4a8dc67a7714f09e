//! A graph's steps as a step-major schedule: launches over all samples.
//!
//! Evaluated program by program, a card's steps run one sample at a time.
//! Step-major, each step runs over every sample of a batch before the next
//! step starts, so a device launch evaluates one primitive for many samples
//! and its threads never mix programs. [`Schedule::of`] orders a
//! [`Graph`]'s steps for that:
//!
//! - **Levels.** A step's level is higher than the levels of the steps it
//!   reads (as arguments or as its callee), so steps of one level do not
//!   read each other and may run in any order, or at once. Where a step
//!   could run at several levels, it joins one where a step with the same
//!   callee already is ([`levels`]): fewer, larger launches (863 instead of
//!   1,048 for the public 400-solver library, 256 instead of 321 for the
//!   project's).
//! - **Launches.** Within a level, the steps calling the same callee (a
//!   primitive, or `call` for a callable value) form one [`Launch`]: one
//!   kernel over (step, sample). Launches run level by level, and within a
//!   level in the order of their callees' names, so the schedule of a graph
//!   is always the same. Which overload of the primitive a lane takes
//!   depends on the shapes of its values, and is decided per lane within
//!   the launch.
//! - **Slots.** Each step's value lives in a slot (one per sample of a
//!   batch). A slot is given back after the last launch that reads its
//!   value, and taken again, lowest first, by a later launch; the values
//!   of program outputs are never given back. No launch writes a slot that
//!   a step of the same launch reads, so the steps of a launch may run
//!   together.
//! - **Batches.** What a sample needs while its batch runs is its slots and
//!   one failure flag per step ([`Schedule::sample_bytes`]); the samples a
//!   device memory holds at once follow ([`Schedule::batch_samples`]).
//!
//! A schedule is data: a new card is a new schedule, evaluated by kernels
//! compiled once per primitive.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};
use std::fmt;

use crate::ir::{Callee, Graph, Operand, StepId};

/// One launch: steps of one level calling the same callee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Launch {
    /// The primitive called, or `call` for a callable value.
    pub callee: &'static str,
    /// The level of its steps.
    pub level: u32,
    /// Its steps, ascending.
    pub steps: Vec<StepId>,
    /// The slots given back once it has run (their values' last reader),
    /// ascending.
    pub frees: Vec<u32>,
}

/// A graph's steps in launches, with the slot of each step's value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Schedule {
    /// The launches, in the order they run.
    pub launches: Vec<Launch>,
    /// By step: the slot its value is written to.
    pub slot: Vec<u32>,
    /// How many slots the schedule uses (the most values alive at once).
    pub slots: u32,
}

/// The callee's name of a step, as launches are grouped.
fn callee_name(callee: &Callee) -> &'static str {
    match callee {
        Callee::Prim(name) => name,
        Callee::Value(_) => "call",
    }
}

/// The steps a step reads: its callee, when a step, and its arguments.
fn reads(graph: &Graph, k: StepId) -> impl Iterator<Item = StepId> + '_ {
    let step = &graph.steps[k];
    let callee = match &step.callee {
        Callee::Value(Operand::Step(j)) => Some(*j),
        _ => None,
    };
    callee
        .into_iter()
        .chain(step.args.iter().filter_map(|op| match op {
            Operand::Step(j) => Some(*j),
            _ => None,
        }))
}

/// The level of each step: at least one more than the levels of the steps
/// it reads, and no later than one less than the levels of the steps
/// reading it. Within those bounds a step joins a level where a step with
/// its callee already is, so that the two share a launch: steps are placed
/// in order, each at the lowest level of its range holding its callee, else
/// at the lowest of its range. A step's range ends where its readers can
/// still be placed at their own earliest levels (its latest level, counted
/// back from the last level of the earliest placement).
fn levels(graph: &Graph) -> Vec<u32> {
    let n = graph.steps.len();
    let mut earliest = vec![0u32; n];
    for k in 0..n {
        earliest[k] = reads(graph, k)
            .filter(|&j| j < k)
            .map(|j| earliest[j] + 1)
            .max()
            .unwrap_or(0);
    }
    let last = earliest.iter().copied().max().unwrap_or(0);
    let mut latest = vec![last; n];
    for k in (0..n).rev() {
        for j in reads(graph, k).filter(|&j| j < k) {
            latest[j] = latest[j].min(latest[k].saturating_sub(1));
        }
    }
    let mut level = vec![0u32; n];
    let mut placed: BTreeMap<&'static str, BTreeSet<u32>> = BTreeMap::new();
    for k in 0..n {
        let lowest = reads(graph, k)
            .filter(|&j| j < k)
            .map(|j| level[j] + 1)
            .max()
            .unwrap_or(0);
        let callee = callee_name(&graph.steps[k].callee);
        let levels = placed.entry(callee).or_default();
        let shared = levels.range(lowest..=latest[k].max(lowest)).next().copied();
        level[k] = shared.unwrap_or(lowest);
        levels.insert(level[k]);
    }
    level
}

impl Schedule {
    /// The schedule of `graph` (whose steps come after the steps they
    /// read, as lowering makes them).
    pub fn of(graph: &Graph) -> Schedule {
        let n = graph.steps.len();
        let level = levels(graph);
        let mut grouped: BTreeMap<(u32, &'static str), Vec<StepId>> = BTreeMap::new();
        for (k, step) in graph.steps.iter().enumerate() {
            grouped
                .entry((level[k], callee_name(&step.callee)))
                .or_default()
                .push(k);
        }
        let mut launches: Vec<Launch> = grouped
            .into_iter()
            .map(|((level, callee), steps)| Launch {
                callee,
                level,
                steps,
                frees: Vec::new(),
            })
            .collect();
        // The launch of each step, and the last launch reading it (its
        // own for a value nobody reads; never, for a program's output).
        let mut launch_of = vec![0usize; n];
        for (l, launch) in launches.iter().enumerate() {
            for &k in &launch.steps {
                launch_of[k] = l;
            }
        }
        let mut last_read: Vec<Option<usize>> = launch_of.iter().map(|&l| Some(l)).collect();
        for (k, &l) in launch_of.iter().enumerate() {
            for j in reads(graph, k).filter(|&j| j < n) {
                last_read[j] = last_read[j].max(Some(l));
            }
        }
        for program in &graph.programs {
            if let Operand::Step(k) = program.output
                && k < n
            {
                last_read[k] = None;
            }
        }
        let mut freed_after: Vec<Vec<StepId>> = vec![Vec::new(); launches.len()];
        for (k, last) in last_read.iter().enumerate() {
            if let Some(l) = last {
                freed_after[*l].push(k);
            }
        }
        let mut slot = vec![0u32; n];
        let mut free: BinaryHeap<Reverse<u32>> = BinaryHeap::new();
        let mut slots = 0u32;
        for (launch, freed) in launches.iter_mut().zip(&freed_after) {
            for &k in &launch.steps {
                slot[k] = match free.pop() {
                    Some(Reverse(s)) => s,
                    None => {
                        slots += 1;
                        slots - 1
                    }
                };
            }
            launch.frees = freed.iter().map(|&k| slot[k]).collect();
            launch.frees.sort_unstable();
            free.extend(launch.frees.iter().map(|&s| Reverse(s)));
        }
        Schedule {
            launches,
            slot,
            slots,
        }
    }

    /// How many levels the schedule has.
    pub fn levels(&self) -> u32 {
        self.launches.last().map_or(0, |l| l.level + 1)
    }

    /// What one sample of a batch needs: a slot of `slot_bytes` for each
    /// value alive at once and a failure flag (a bit) per step.
    pub fn sample_bytes(&self, slot_bytes: u64) -> u64 {
        u64::from(self.slots) * slot_bytes + (self.slot.len() as u64).div_ceil(8)
    }

    /// How many samples a batch holds in `memory` bytes with slots of
    /// `slot_bytes` (at least one).
    pub fn batch_samples(&self, memory: u64, slot_bytes: u64) -> u64 {
        (memory / self.sample_bytes(slot_bytes).max(1)).max(1)
    }
}

impl fmt::Display for Schedule {
    /// One line per launch: level, callee, steps (as `step->slot`) and the
    /// slots given back after it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} steps, {} levels, {} launches, {} slots",
            self.slot.len(),
            self.levels(),
            self.launches.len(),
            self.slots
        )?;
        for launch in &self.launches {
            write!(f, "L{} {}:", launch.level, launch.callee)?;
            for &k in &launch.steps {
                write!(f, " {k}->{}", self.slot[k])?;
            }
            if !launch.frees.is_empty() {
                write!(f, " | free")?;
                for s in &launch.frees {
                    write!(f, " {s}")?;
                }
            }
            writeln!(f)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Options, Source, compile_with};

    fn graph(text: &str) -> Graph {
        compile_with(
            &[Source {
                name: "card.py",
                text,
            }],
            &Options::default(),
        )
        .unwrap_or_else(|d| panic!("{d}"))
        .solvers
    }

    /// Checks what every schedule must be: each step in one launch, after
    /// the launches of the steps it reads; a launch's steps of one level
    /// and callee; no slot written while a value in it is still to be
    /// read; outputs kept to the end.
    pub(crate) fn assert_valid(graph: &Graph, schedule: &Schedule) {
        let n = graph.steps.len();
        let mut launch_of = vec![usize::MAX; n];
        for (l, launch) in schedule.launches.iter().enumerate() {
            assert!(launch.steps.windows(2).all(|w| w[0] < w[1]));
            for &k in &launch.steps {
                assert_eq!(launch_of[k], usize::MAX, "step {k} is in two launches");
                launch_of[k] = l;
                assert_eq!(callee_name(&graph.steps[k].callee), launch.callee);
            }
        }
        assert!(
            launch_of.iter().all(|&l| l != usize::MAX),
            "a step is in no launch"
        );
        assert!(
            schedule
                .launches
                .windows(2)
                .all(|w| (w[0].level, w[0].callee) < (w[1].level, w[1].callee))
        );
        // Replays the launches: which step's value each slot holds.
        let mut holds: Vec<Option<StepId>> = vec![None; schedule.slots as usize];
        let mut given_back = vec![false; schedule.slots as usize];
        for launch in &schedule.launches {
            for &k in &launch.steps {
                for j in reads(graph, k) {
                    assert!(
                        launch_of[j] < launch_of[k],
                        "step {k} reads {j} before it runs"
                    );
                    assert_eq!(
                        holds[schedule.slot[j] as usize],
                        Some(j),
                        "step {k} reads step {j} from a slot written since"
                    );
                }
            }
            for &k in &launch.steps {
                let s = schedule.slot[k] as usize;
                assert!(
                    holds[s].is_none() || given_back[s],
                    "slot {s} taken while in use"
                );
                holds[s] = Some(k);
                given_back[s] = false;
            }
            for &s in &launch.frees {
                given_back[s as usize] = true;
            }
        }
        for program in &graph.programs {
            if let Operand::Step(k) = program.output {
                let s = schedule.slot[k] as usize;
                assert_eq!(
                    holds[s],
                    Some(k),
                    "{}'s output was overwritten",
                    program.name
                );
                assert!(!given_back[s]);
            }
        }
    }

    const CARD: &str = "
def solve_a(I):
    x1 = vmirror(I)
    x2 = hmirror(I)
    x3 = hconcat(x1, x2)
    O = vconcat(x3, I)
    return O

def solve_b(I):
    x1 = vmirror(I)
    x2 = rbind(hconcat, x1)
    x3 = x2(I)
    x4 = dmirror(x3)
    O = dmirror(x4)
    return O
";

    #[test]
    fn steps_of_a_level_and_callee_share_a_launch_and_slots_are_reused() {
        let g = graph(CARD);
        let schedule = Schedule::of(&g);
        assert_valid(&g, &schedule);
        insta::assert_snapshot!(schedule.to_string());
        // vmirror(I) is shared by both programs: one step.
        let vmirrors = g
            .steps
            .iter()
            .filter(|s| s.callee == Callee::Prim("vmirror"))
            .count();
        assert_eq!(vmirrors, 1);
        // The two mirrors of level 0 are one launch each; both dmirrors
        // are a chain, so each is its own level.
        assert_eq!(schedule.levels(), 5);
        assert!(schedule.slots < g.steps.len() as u32);
    }

    /// `rot90(I)` reads only `I`, so it could run at level 0, but its
    /// reader `hconcat` comes after `dmirror(hmirror(I))`, at level 2: it
    /// joins the launch of `rot90(hmirror(I))` at level 1.
    const LATE: &str = "
def solve_a(I):
    x1 = hmirror(I)
    x2 = rot90(x1)
    O = rot90(x2)
    return O

def solve_b(I):
    x1 = hmirror(I)
    x2 = dmirror(x1)
    x3 = rot90(I)
    O = hconcat(x3, x2)
    return O
";

    #[test]
    fn a_step_joins_a_launch_of_its_callee_where_its_readers_allow() {
        let g = graph(LATE);
        let schedule = Schedule::of(&g);
        assert_valid(&g, &schedule);
        let rot90s: Vec<(u32, usize)> = schedule
            .launches
            .iter()
            .filter(|l| l.callee == "rot90")
            .map(|l| (l.level, l.steps.len()))
            .collect();
        assert_eq!(rot90s, [(1, 2), (2, 1)]);
    }

    #[test]
    fn batches_are_sized_by_slots_and_failure_flags() {
        let g = graph(CARD);
        let schedule = Schedule::of(&g);
        let per = schedule.sample_bytes(1000);
        assert_eq!(
            per,
            u64::from(schedule.slots) * 1000 + (g.steps.len() as u64).div_ceil(8)
        );
        assert_eq!(schedule.batch_samples(per * 7 + 1, 1000), 7);
        assert_eq!(schedule.batch_samples(1, 1000), 1);
    }

    #[test]
    fn random_cards_get_valid_schedules() {
        for seed in 0..20 {
            let text = crate::random::card(seed, 40, &crate::random::Options::default());
            let g = graph(&text);
            assert_valid(&g, &Schedule::of(&g));
        }
    }
}

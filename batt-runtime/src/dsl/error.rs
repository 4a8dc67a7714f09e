//! Errors of DSL primitives and the work budget.
//!
//! A primitive never panics: wrong input is a [`DslError`]. Work is counted
//! by a [`Ctx`]'s budget, so a runaway evaluation ends with
//! [`DslError::Budget`] on the same step on every machine.
//!
//! # Limits of a lane
//!
//! Every limit is counted, not timed, so it hits on the same step on every
//! machine, thread count and backend:
//!
//! - Work: each step may spend [`DEFAULT_BUDGET`] units (roughly cells or
//!   elements touched); the step fails with [`DslError::Budget`] beyond.
//! - Size: one primitive call may build or touch at most
//!   [`MAX_CALL_UNITS`] elements at once ([`Ctx::charge`] refuses more,
//!   before the work is done), and a step's value may take at most
//!   [`MAX_VALUE_BYTES`] bytes counted as a tree (a part shared twice
//!   counts twice, since hashing, comparing and printing visit it twice):
//!   [`DslError::TooLarge`]. So no call builds more than a few hundred MB,
//!   and no step keeps more than [`MAX_VALUE_BYTES`].
//! - Lane: a program whose steps' values on a sample, added up in step
//!   order, pass [`MAX_LANE_BYTES`] stops there: its output is its safe
//!   default and all its steps count as failed (`batt::Lanes`). The sum
//!   reads only the program's own steps, so whether it stops never depends
//!   on the other programs evaluated with it. A sample's evaluation holds at
//!   most its programs' lanes (shared steps once), and a run at most
//!   threads times that.
//! - Nesting: tuples, sets and callables nest at most [`MAX_NESTING`]
//!   levels in a step's value (checked after every step and after every
//!   round of `power`): [`DslError::TooDeep`]. Together with the call depth
//!   limit [`MAX_DEPTH`], this bounds every recursion over values (drop,
//!   hash, comparison, printing), so no value can overflow a stack.

use std::cell::Cell;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use std::sync::Arc;

use super::callable::Func;
use super::memo::{self, Memo};

/// Why a primitive call failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DslError {
    /// An argument has the wrong type; the text says what was expected.
    Type(&'static str),
    /// An argument has the right type but a value the primitive cannot take
    /// (an empty container where an element is needed, division by zero, ...).
    Value(&'static str),
    /// A callable was called with the wrong number of arguments.
    Arity {
        /// Arguments the callable takes.
        expected: u8,
        /// Arguments it was given.
        given: u8,
    },
    /// The work budget is spent.
    Budget,
    /// Callables nested too deeply (Python's recursion limit).
    Depth,
    /// A value nested deeper than [`MAX_NESTING`] levels.
    TooDeep,
    /// A call over [`MAX_CALL_UNITS`] or a value over [`MAX_VALUE_BYTES`].
    TooLarge,
}

impl fmt::Display for DslError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DslError::Type(what) => write!(f, "type error: {what}"),
            DslError::Value(what) => write!(f, "value error: {what}"),
            DslError::Arity { expected, given } => {
                write!(f, "arity error: takes {expected} arguments, given {given}")
            }
            DslError::Budget => f.write_str("work budget exhausted"),
            DslError::Depth => f.write_str("callables nested too deeply"),
            DslError::TooDeep => write!(f, "a value nested deeper than {MAX_NESTING} levels"),
            DslError::TooLarge => f.write_str("a value or a call over the size limits of a lane"),
        }
    }
}

impl std::error::Error for DslError {}

/// The result of a primitive.
pub type Result<T> = std::result::Result<T, DslError>;

/// The default work budget of one lane: units are roughly cells touched.
pub const DEFAULT_BUDGET: u64 = 50_000_000;

/// The deepest nesting of callable calls, like Python's recursion limit.
pub const MAX_DEPTH: u32 = 200;

/// The deepest nesting of tuples, sets and callables in a step's value.
/// ARC programs nest a few levels; only runaway programs (`power(initset,
/// 100000)`, a chain of thousands of `initset` steps) come near.
pub const MAX_NESTING: usize = 256;

/// The most units (elements, cells) one primitive call may charge at once:
/// 4,194,304, a canvas of 2,048 x 2,048 or a product of two sets of 2,048.
/// An ARC grid has 900 cells at most.
pub const MAX_CALL_UNITS: usize = 1 << 22;

/// The most bytes a step's value may take, counted as a tree: 64 MiB. The
/// largest values ARC programs build on ARC data take a few MB.
pub const MAX_VALUE_BYTES: usize = 1 << 26;

/// The most bytes a lane (one program on one sample) may hold: the values
/// of its steps evaluated so far, 256 MiB.
pub const MAX_LANE_BYTES: usize = 1 << 28;

/// A stamp no step of any context had before: each thread counts its own
/// in a range of 2^40 of them, so that no two contexts share one.
fn next_stamp() -> u64 {
    static THREADS: AtomicU64 = AtomicU64::new(1);
    thread_local! {
        static LAST: Cell<u64> = Cell::new(THREADS.fetch_add(1, Ordering::Relaxed) << 40);
    }
    LAST.with(|last| {
        let stamp = last.get() + 1;
        last.set(stamp);
        stamp
    })
}

/// The evaluation context of a lane: its remaining work budget.
///
/// A generated `batt()` starts every step with [`Ctx::step`], which gives
/// the step the full budget again: a runaway step fails alone, and since
/// steps are shared between programs, no program's result depends on what
/// other programs of the card spent.
#[derive(Debug, Clone)]
pub struct Ctx {
    budget: u64,
    step_budget: u64,
    /// Units charged by the current step (refused charges not counted).
    spent: u64,
    pub(crate) depth: u32,
    /// The deepest depth checked so far (see [`super::memo`]).
    pub(crate) deepest: u32,
    /// Calls of composite callables remembered within the step.
    memo: Option<Box<Memo>>,
    /// Whether calls are remembered at all.
    pub(crate) remembers: bool,
    /// The stamp of the current step, which the callables it builds carry
    /// ([`Ctx::is_fresh`]).
    stamp: u64,
    /// When recording: the cost of every solver step settled so far, by
    /// step, and when the current step began.
    recorded: Option<(Vec<(usize, Cost)>, Instant)>,
}

/// What a step cost: the work units it charged and its wall time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cost {
    /// Work units charged (deterministic).
    pub units: u64,
    /// Wall time, in nanoseconds.
    pub nanos: u64,
}

impl Cost {
    /// Adds `other` to this cost.
    pub fn add(&mut self, other: Cost) {
        self.units = self.units.saturating_add(other.units);
        self.nanos = self.nanos.saturating_add(other.nanos);
    }
}

impl Default for Ctx {
    fn default() -> Self {
        Ctx::new(DEFAULT_BUDGET)
    }
}

impl Drop for Ctx {
    /// Hands the memo's storage on to the thread's next context
    /// ([`Memo::keep_spare`]).
    fn drop(&mut self) {
        if let Some(memo) = self.memo.take() {
            memo.keep_spare();
        }
    }
}

impl Ctx {
    /// A context allowing `budget` units of work (per step, see [`Ctx::step`]).
    pub fn new(budget: u64) -> Ctx {
        Ctx {
            budget,
            step_budget: budget,
            spent: 0,
            depth: 0,
            deepest: 0,
            memo: None,
            remembers: memo::enabled(),
            stamp: next_stamp(),
            recorded: None,
        }
    }

    /// A context with the default budget that records what each solver
    /// step costs ([`Ctx::record_step`], [`Ctx::take_costs`]).
    pub fn recording() -> Ctx {
        let mut ctx = Ctx::default();
        ctx.recorded = Some((Vec::new(), Instant::now()));
        ctx
    }

    /// Records the cost of step `k`, which just ended: the units it charged
    /// since [`Ctx::step`] (a refused charge does no work and counts
    /// nothing) and the time since the step recorded before it (or since
    /// recording began). One reading of the clock per step: the end of a
    /// step is the start of the next, and the little done between two
    /// steps counts for the later one.
    pub fn record_step(&mut self, k: usize) {
        let units = self.spent;
        if let Some((costs, started)) = &mut self.recorded {
            let now = Instant::now();
            let nanos = u64::try_from(now.duration_since(*started).as_nanos()).unwrap_or(u64::MAX);
            *started = now;
            costs.push((k, Cost { units, nanos }));
        }
    }

    /// The costs recorded, by step; recording ends, so that the steps
    /// evaluated after (the differs') no longer read the clock.
    pub fn take_costs(&mut self) -> Vec<(usize, Cost)> {
        self.recorded
            .take()
            .map(|(costs, _)| costs)
            .unwrap_or_default()
    }

    /// Starts a step: restores the full budget and returns the context.
    pub fn step(&mut self) -> &mut Ctx {
        self.budget = self.step_budget;
        self.spent = 0;
        self.depth = 0;
        self.deepest = 0;
        if let Some(memo) = &mut self.memo
            && !memo.is_empty()
        {
            memo.clear();
        }
        self.stamp = next_stamp();
        self
    }

    /// The memo of this step's calls.
    pub(crate) fn memo_mut(&mut self) -> &mut Memo {
        self.memo.get_or_insert_with(Memo::take_spare)
    }

    /// The stamp of the current step, for the callables it builds.
    pub(crate) fn stamp(&self) -> u64 {
        self.stamp
    }

    /// Whether the memo gave up remembering calls of `f` in this step
    /// ([`Memo::gave_up`]).
    pub(crate) fn gave_up(&self, f: &Arc<Func>) -> bool {
        self.memo.as_ref().is_some_and(|m| m.gave_up(f))
    }

    /// Whether `f` was built within the current step. Such a callable is
    /// mostly a piece built for one element (`rbind(equality, x)` inside a
    /// filter) and called once or a few times before it is dropped, so the
    /// memo leaves its calls alone; callables the step was given (step
    /// values, constants, what they hold) are the ones called again and
    /// again. An address of a dropped callable taken again by a new one is
    /// new too, so this only decides what is worth remembering, never what
    /// a call returns.
    pub(crate) fn is_fresh(&self, f: &Func) -> bool {
        f.made_in == self.stamp
    }

    /// This context without the memo: every call is evaluated (for
    /// comparisons; the results are the same).
    pub fn without_memo(mut self) -> Ctx {
        self.remembers = false;
        self.memo = None;
        self
    }

    /// Calls answered from the memo so far.
    pub fn memo_hits(&self) -> u64 {
        self.memo.as_ref().map_or(0, |m| m.hits)
    }

    /// Charges a remembered call's `units` and notes its nested `depth`,
    /// if it can be answered here without reaching the budget or the depth
    /// limit; otherwise charges nothing and says no.
    pub(crate) fn replay(&mut self, units: u64, depth: u32) -> bool {
        let here = self.depth.saturating_sub(1);
        if !memo::fits(units, depth, self.budget, here) {
            return false;
        }
        self.budget -= units;
        self.spent += units;
        self.deepest = self.deepest.max(here + depth);
        true
    }

    /// Starts measuring a call to remember: returns what
    /// [`Ctx::leave_remembered`] needs.
    pub(crate) fn enter_remembered(&mut self) -> (u64, u32) {
        let saved = (self.spent, self.deepest);
        self.deepest = self.depth.saturating_sub(1);
        saved
    }

    /// Ends measuring a call: the units it charged and how much deeper than
    /// its own check its deepest nested call was.
    pub(crate) fn leave_remembered(&mut self, (spent, deepest): (u64, u32)) -> (u64, u32) {
        let own = self.depth.saturating_sub(1);
        let measured = (self.spent - spent, self.deepest - own);
        self.deepest = self.deepest.max(deepest);
        measured
    }

    /// The units of work left.
    pub fn remaining(&self) -> u64 {
        self.budget
    }

    /// Spends `units` of work (at least one), failing once the budget is
    /// spent, or at once for more than [`MAX_CALL_UNITS`] units in one call
    /// (callers charge what they build before building it).
    pub fn charge(&mut self, units: usize) -> Result<()> {
        if units > MAX_CALL_UNITS {
            self.budget = 0;
            return Err(DslError::TooLarge);
        }
        let units = (units as u64).max(1);
        if units > self.budget {
            self.budget = 0;
            return Err(DslError::Budget);
        }
        self.budget -= units;
        self.spent += units;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recording_context_records_each_step_until_its_costs_are_taken() {
        let mut ctx = Ctx::recording();
        ctx.step().charge(5).unwrap();
        ctx.record_step(3);
        ctx.step().charge(2).unwrap();
        ctx.record_step(7);
        let costs = ctx.take_costs();
        let steps: Vec<(usize, u64)> = costs.iter().map(|(k, c)| (*k, c.units)).collect();
        assert_eq!(steps, [(3, 5), (7, 2)]);
        // The steps after (a differ's) are not recorded.
        ctx.step().charge(4).unwrap();
        ctx.record_step(9);
        assert!(ctx.take_costs().is_empty());
        assert!(Ctx::default().take_costs().is_empty());
    }
}

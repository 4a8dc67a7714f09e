//! Bottom-up enumeration with observational equivalence.
//!
//! [`enumerate`] searches for a solver of one task from its demonstration
//! pairs alone. It grows a *bank* of values reachable from the inputs, one
//! depth at a time, and stops at the first depth where some program maps
//! every demonstration input to its output.
//!
//! # Words
//!
//! - An *entry* is one value of the bank: its value on every demonstration
//!   input (a *value tuple*, one value per demo), the declared type the
//!   search gives it, its depth, and how it was built.
//! - A *candidate* is a call of a primitive on entries (and primitives
//!   given as functions) that the search evaluates on every demo.
//! - A *solution* is a candidate whose value tuple equals the demonstration
//!   outputs, printed as card text (`def solve_<task>(I): ...`).
//!
//! # The search
//!
//! Depth 0 is `I` (the value tuple of the demo inputs) and the reference
//! DSL's named constants ([`batt_gen::catalogue::CONSTANTS`]: `F`, `T`,
//! `ZERO`..`TEN`, `NEG_ONE`, `NEG_TWO`, the directions, `ORIGIN`,
//! `UNITY`, ...), so that programs print with names, as card text.
//! Depth `d` applies each primitive of the reference DSL
//! ([`batt_gen::catalogue::PRIMITIVES`]) to every combination of entries
//! of depth below `d` whose types its parameters accept
//! ([`Type::accepts`]), with at least one argument of depth `d - 1` (so no
//! call is tried twice). A candidate that fails on any demo (an `Err`, or
//! a value over the lane's limits) is dropped. A candidate whose value
//! tuple is already in the bank is *pruned* (observational equivalence:
//! two programs that agree on every demo are one as far as the demos can
//! tell); otherwise it becomes a new entry. The first program found for a
//! value tuple is the one kept, in the deterministic order below.
//!
//! Types: an entry's type is inferred from its values ([`value_type`]),
//! not taken from the producing primitive's declaration: the reference
//! declares `vmirror` as returning a `Piece`, which no `Grid` parameter
//! accepts, so `hconcat(I, vmirror(I))` would never be tried. Each value's
//! shape gives the narrowest declared type describing it, and the types
//! of the demos are joined into the narrowest type accepting them all.
//!
//! Functions: a `Callable` parameter takes a primitive by name (one whose
//! arity the higher-order primitive calls it with, [`PrimSig::calls`]) or
//! a callable entry of that arity (`rbind(greater, TWO)` built at an
//! earlier depth). Callables go only into `Callable` parameters, never
//! into `Any` ones. `rbind` and `lbind` bind a primitive only to an entry
//! that the bound parameter's type accepts. A call returning a callable
//! must have at least one argument that is an entry, so combinators are
//! not built from primitives alone (`compose(f, g)` over every pair of
//! primitives would swamp the bank with functions no demo has tested).
//! A call whose arguments are all independent of the input (constants,
//! and callables built from constants) is skipped unless it builds a
//! callable: its value is the same on every demo and can be no solution's
//! last step worth finding this way.
//!
//! Order: within a depth, primitives go in ascending order of how many
//! argument combinations they have (catalogue order among equals), so
//! that cheap, narrow primitives run before a budget stops the wide ones;
//! each primitive's combinations go in odometer order over its parameter
//! lists (bank order: `I`, the constants, then entries as they were kept),
//! the last parameter fastest; at most
//! [`Options::max_candidates_per_primitive`] of them per depth.
//!
//! # Limits
//!
//! Every limit is counted, so the result is the same on every machine:
//! work ([`Options::work_budget`], the units the primitives charge plus
//! one per evaluation), values kept per depth
//! ([`Options::max_values_per_depth`]), bytes kept
//! ([`Options::memory_cap`], measured by [`Value::within_limits`]), and
//! each call's own budget ([`Options::call_budget`]). The optional
//! [`Options::time_limit`] is the one exception: it only stops the search
//! early, and a search stopped by it says so ([`Stop::Time`]).
//!
//! The primitives never panic on any value (see [`crate::dsl`]), so
//! neither does the search.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;
use std::time::{Duration, Instant};

use batt_gen::catalogue::{self, Calls, PrimSig, Type};

use crate::dataset::Task;
use crate::dsl::{self, Ctx, Kind, Prim, Value};

/// What bounds a search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The deepest depth searched (1 finds one-step programs).
    pub max_depth: usize,
    /// The most new entries kept at one depth; beyond it candidates are
    /// still evaluated and checked against the outputs, but not kept.
    pub max_values_per_depth: usize,
    /// The most argument combinations of one primitive tried at one depth.
    pub max_candidates_per_primitive: usize,
    /// The work units the whole search may spend: the units the primitives
    /// charge ([`Ctx::charge`]) plus one per evaluation on one demo.
    pub work_budget: u64,
    /// The work budget of one call on one demo; a call that needs more
    /// fails and is dropped.
    pub call_budget: u64,
    /// The most bytes of values the bank may hold.
    pub memory_cap: usize,
    /// The most solutions returned (all from the depth of the first).
    pub max_solutions: usize,
    /// A wall-clock limit; the only limit that is not deterministic. It
    /// stops the search and nothing else.
    pub time_limit: Option<Duration>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_depth: 2,
            max_values_per_depth: 50_000,
            max_candidates_per_primitive: 20_000,
            work_budget: 50_000_000,
            call_budget: 1_000_000,
            memory_cap: 256 << 20,
            max_solutions: 3,
            time_limit: None,
        }
    }
}

/// Why a search ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stop {
    /// A solution was found (and its depth finished, or the cap reached).
    Solved,
    /// Every depth up to [`Options::max_depth`] was searched in full.
    Exhausted,
    /// [`Options::work_budget`] was spent.
    Budget,
    /// [`Options::memory_cap`] was reached.
    Memory,
    /// [`Options::time_limit`] passed.
    Time,
    /// The task cannot be searched (a demo without an output).
    Unusable,
}

/// A program found: card text that compiles with [`batt_gen::compile`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Solution {
    /// Its depth (the longest chain of calls from `I` to `O`).
    pub depth: usize,
    /// Its number of steps (calls), `O`'s included.
    pub steps: usize,
    /// The card text: `def solve_<task>(I): ... return O`.
    pub text: String,
}

/// What one depth did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DepthStats {
    /// The depth, from 1.
    pub depth: usize,
    /// Candidates evaluated.
    pub candidates: u64,
    /// Candidates that failed on some demo (or went over a lane's limits).
    pub failed: u64,
    /// Candidates whose value tuple was already in the bank.
    pub pruned: u64,
    /// New entries kept.
    pub kept: u64,
    /// New value tuples not kept because of [`Options::max_values_per_depth`].
    pub dropped_at_cap: u64,
    /// Primitives whose combinations went over
    /// [`Options::max_candidates_per_primitive`].
    pub truncated_primitives: u32,
    /// Work units spent.
    pub work: u64,
    /// Whether a limit (work, memory, time) stopped the depth early.
    pub stopped: bool,
}

/// The result of [`enumerate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enumeration {
    /// The solutions, in the order found (at most
    /// [`Options::max_solutions`], all of one depth).
    pub solutions: Vec<Solution>,
    /// One row per depth searched.
    pub depths: Vec<DepthStats>,
    /// Why the search ended.
    pub stop: Stop,
    /// Entries in the bank at the end (depth 0 included).
    pub values: usize,
    /// Bytes of the values in the bank.
    pub bytes: usize,
}

impl Enumeration {
    /// The work units spent over all depths.
    pub fn work(&self) -> u64 {
        self.depths.iter().map(|d| d.work).sum()
    }
}

/// How an entry was made.
#[derive(Debug, Clone)]
enum Source {
    /// The input grid `I`.
    Input,
    /// A named constant.
    Constant(&'static str),
    /// A call of a primitive.
    Call(Call),
}

/// A call: a primitive and its arguments.
#[derive(Debug, Clone)]
struct Call {
    sig: &'static PrimSig,
    args: Vec<Arg>,
}

/// An argument of a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Arg {
    /// An entry of the bank, by index.
    Entry(usize),
    /// A primitive given as a function, by index in [`Search::prims`].
    Prim(usize),
}

/// One value of the bank.
#[derive(Debug)]
struct Entry {
    /// The value on each demo, in demo order.
    values: Arc<[Value]>,
    /// Its type, inferred from the values.
    ty: Type,
    /// For a callable, the number of arguments it takes.
    arity: Option<u8>,
    /// Depth 0 for `I` and the constants.
    depth: usize,
    /// Whether it is the same on every input whatever the input (built
    /// from constants only).
    constant: bool,
    source: Source,
}

/// A primitive of the reference DSL, with its signature and its value.
#[derive(Debug)]
struct PrimFn {
    sig: &'static PrimSig,
    prim: Prim,
    value: Value,
}

/// One option for one parameter: the argument and what the depth rule
/// needs to know about it.
#[derive(Debug, Clone, Copy)]
struct Choice {
    arg: Arg,
    depth: usize,
    constant: bool,
}

/// The state of one search.
struct Search<'a> {
    options: &'a Options,
    demos: usize,
    target: Arc<[Value]>,
    prims: Vec<PrimFn>,
    bank: Vec<Entry>,
    seen: HashMap<Arc<[Value]>, usize>,
    bytes: usize,
    work: u64,
    started: Instant,
    solutions: Vec<Solution>,
    task: String,
}

/// What stopped a depth, if anything.
enum Halt {
    Budget,
    Memory,
    Time,
    /// [`Options::max_solutions`] reached.
    Enough,
}

/// Searches for programs mapping every demonstration input of `task` to
/// its output; the test pairs are not read.
pub fn enumerate(task: &Task, options: &Options) -> Enumeration {
    let outputs: Option<Vec<Value>> = task
        .train
        .iter()
        .map(|p| p.output.clone().map(Value::grid))
        .collect();
    let (Some(outputs), false) = (outputs, task.train.is_empty()) else {
        return Enumeration {
            solutions: Vec::new(),
            depths: Vec::new(),
            stop: Stop::Unusable,
            values: 0,
            bytes: 0,
        };
    };
    let inputs: Arc<[Value]> = task
        .train
        .iter()
        .map(|p| Value::grid(p.input.clone()))
        .collect();
    let mut search = Search::new(task, options, inputs, outputs.into());
    let mut depths = Vec::new();
    let mut stop = Stop::Exhausted;
    for depth in 1..=options.max_depth {
        let (stats, halt) = search.depth(depth);
        depths.push(stats);
        stop = match halt {
            Some(Halt::Budget) => Stop::Budget,
            Some(Halt::Memory) => Stop::Memory,
            Some(Halt::Time) => Stop::Time,
            Some(Halt::Enough) => Stop::Solved,
            None if !search.solutions.is_empty() => Stop::Solved,
            None => continue,
        };
        break;
    }
    if !search.solutions.is_empty() {
        stop = Stop::Solved;
    }
    Enumeration {
        solutions: search.solutions,
        depths,
        stop,
        values: search.bank.len(),
        bytes: search.bytes,
    }
}

impl<'a> Search<'a> {
    /// Depth 0: `I` and the constants.
    fn new(task: &Task, options: &'a Options, inputs: Arc<[Value]>, target: Arc<[Value]>) -> Self {
        let demos = inputs.len();
        let prims = catalogue::PRIMITIVES
            .iter()
            .filter_map(|sig| {
                Prim::from_name(sig.name).map(|prim| PrimFn {
                    sig,
                    prim,
                    value: prim.value(),
                })
            })
            .collect();
        let mut search = Search {
            options,
            demos,
            target,
            prims,
            bank: Vec::new(),
            seen: HashMap::new(),
            bytes: 0,
            work: 0,
            started: Instant::now(),
            solutions: Vec::new(),
            task: task.id.clone(),
        };
        search.keep(inputs, 0, false, Source::Input);
        for &(name, value) in catalogue::CONSTANTS {
            let values: Arc<[Value]> = vec![dsl::constants::value_of(value); demos].into();
            search.keep(values, 0, true, Source::Constant(name));
        }
        search
    }

    /// Adds an entry unless its value tuple is known; returns whether it
    /// was added (the bytes are counted by the caller's check).
    fn keep(&mut self, values: Arc<[Value]>, depth: usize, constant: bool, source: Source) -> bool {
        if self.seen.contains_key(&values) {
            return false;
        }
        let ty = join_types(values.iter().map(value_type));
        let arity = match values.first() {
            Some(Value::Func(c)) => Some(c.arity()),
            _ => None,
        };
        self.seen.insert(values.clone(), self.bank.len());
        self.bank.push(Entry {
            values,
            ty,
            arity,
            depth,
            constant,
            source,
        });
        true
    }

    /// Searches depth `depth`: every primitive on the bank's entries.
    fn depth(&mut self, depth: usize) -> (DepthStats, Option<Halt>) {
        let mut stats = DepthStats {
            depth,
            ..DepthStats::default()
        };
        let work_before = self.work;
        // The bank as it was when the depth began: entries kept at this
        // depth are arguments only from the next one.
        let visible = self.bank.len();
        let mut plans: Vec<(u128, usize, Vec<Vec<Choice>>)> = self
            .prims
            .iter()
            .enumerate()
            .map(|(k, p)| {
                let lists = self.choices(p.sig, depth, visible);
                let count = lists
                    .iter()
                    .fold(1u128, |n, l| n.saturating_mul(l.len() as u128));
                (count, k, lists)
            })
            .collect();
        plans.sort_by_key(|&(count, k, _)| (count, k));
        let mut halt = None;
        let mut kept_here = 0usize;
        for (_, k, lists) in plans {
            if let Some(h) = self.primitive(k, &lists, depth, &mut stats, &mut kept_here) {
                halt = Some(h);
                break;
            }
        }
        stats.work = self.work - work_before;
        stats.stopped = matches!(halt, Some(Halt::Budget | Halt::Memory | Halt::Time));
        (stats, halt)
    }

    /// The options for each parameter of `sig` at `depth`, among the first
    /// `visible` entries; `rbind` and `lbind`'s `fixed` is listed whole and
    /// filtered per function in [`Search::primitive`].
    fn choices(&self, sig: &PrimSig, depth: usize, visible: usize) -> Vec<Vec<Choice>> {
        (0..sig.arity())
            .map(|k| {
                let ty = sig.param_types[k];
                match sig.calls(k) {
                    Some(Calls::With(n)) => self.functions(|a| a == n, visible),
                    // A binder binds a primitive taking 2 to 4 arguments.
                    Some(Calls::Binds) => self.prim_choices(|a| (2..=4).contains(&a)),
                    None => self.bank[..visible]
                        .iter()
                        .enumerate()
                        .filter(|(_, e)| {
                            e.depth < depth && e.ty != Type::Callable && ty.accepts(e.ty)
                        })
                        .map(|(i, e)| Choice {
                            arg: Arg::Entry(i),
                            depth: e.depth,
                            constant: e.constant,
                        })
                        .collect(),
                }
            })
            .collect()
    }

    /// Primitives whose arity `fits`, as function arguments.
    fn prim_choices(&self, fits: impl Fn(u8) -> bool) -> Vec<Choice> {
        self.prims
            .iter()
            .enumerate()
            .filter(|(_, p)| fits(p.prim.arity()))
            .map(|(k, _)| Choice {
                arg: Arg::Prim(k),
                depth: 0,
                constant: true,
            })
            .collect()
    }

    /// Primitives and callable entries whose arity `fits`.
    fn functions(&self, fits: impl Fn(u8) -> bool + Copy, visible: usize) -> Vec<Choice> {
        let mut choices = self.prim_choices(fits);
        choices.extend(
            self.bank[..visible]
                .iter()
                .enumerate()
                .filter(|(_, e)| e.arity.is_some_and(fits))
                .map(|(i, e)| Choice {
                    arg: Arg::Entry(i),
                    depth: e.depth,
                    constant: e.constant,
                }),
        );
        choices
    }

    /// Tries the combinations of primitive `k`'s argument `lists`.
    fn primitive(
        &mut self,
        k: usize,
        lists: &[Vec<Choice>],
        depth: usize,
        stats: &mut DepthStats,
        kept_here: &mut usize,
    ) -> Option<Halt> {
        if lists.iter().any(Vec::is_empty) {
            return None;
        }
        let sig = self.prims[k].sig;
        let binder = sig.calls(0) == Some(Calls::Binds);
        let builds_callable = sig.ret == Type::Callable;
        let mut tried = 0usize;
        let mut index = vec![0usize; lists.len()];
        loop {
            let combo: Vec<Choice> = index.iter().zip(lists).map(|(&i, l)| l[i]).collect();
            if self.worth_trying(&combo, depth, builds_callable, binder, sig) {
                if tried == self.options.max_candidates_per_primitive {
                    stats.truncated_primitives += 1;
                    return None;
                }
                tried += 1;
                let args: Vec<Arg> = combo.iter().map(|c| c.arg).collect();
                let constant = combo.iter().all(|c| c.constant);
                if let Some(halt) = self.candidate(sig, k, args, depth, constant, stats, kept_here)
                {
                    return Some(halt);
                }
            }
            // Next combination, the last parameter fastest.
            let mut p = lists.len();
            loop {
                if p == 0 {
                    return None;
                }
                p -= 1;
                index[p] += 1;
                if index[p] < lists[p].len() {
                    break;
                }
                index[p] = 0;
            }
        }
    }

    /// The depth rule and the rules on constants and callables of the
    /// module documentation.
    fn worth_trying(
        &self,
        combo: &[Choice],
        depth: usize,
        builds_callable: bool,
        binder: bool,
        sig: &PrimSig,
    ) -> bool {
        if !combo.iter().any(|c| c.depth + 1 == depth) {
            return false;
        }
        if builds_callable {
            if !combo.iter().any(|c| matches!(c.arg, Arg::Entry(_))) {
                return false;
            }
        } else if combo.iter().all(|c| c.constant) {
            return false;
        }
        if binder {
            // `rbind` fixes the function's last parameter, `lbind` its first.
            let (Arg::Prim(f), Arg::Entry(e)) = (combo[0].arg, combo[1].arg) else {
                return false;
            };
            let f = self.prims[f].sig;
            let param = if sig.name == "rbind" {
                f.param_types.last()
            } else {
                f.param_types.first()
            };
            let entry = &self.bank[e];
            return param.is_some_and(|&t| t != Type::Callable && t.accepts(entry.ty));
        }
        true
    }

    /// Evaluates one candidate on every demo; keeps it, prunes it, or
    /// records it as a solution.
    #[allow(clippy::too_many_arguments)]
    fn candidate(
        &mut self,
        sig: &'static PrimSig,
        k: usize,
        args: Vec<Arg>,
        depth: usize,
        constant: bool,
        stats: &mut DepthStats,
        kept_here: &mut usize,
    ) -> Option<Halt> {
        if self.work >= self.options.work_budget {
            return Some(Halt::Budget);
        }
        if stats.candidates.is_multiple_of(64)
            && self
                .options
                .time_limit
                .is_some_and(|t| self.started.elapsed() >= t)
        {
            return Some(Halt::Time);
        }
        stats.candidates += 1;
        let prim = self.prims[k].prim;
        let mut values = Vec::with_capacity(self.demos);
        let mut bytes = 0usize;
        let mut argv: Vec<Value> = Vec::with_capacity(args.len());
        for demo in 0..self.demos {
            argv.clear();
            argv.extend(args.iter().map(|&a| match a {
                Arg::Entry(e) => self.bank[e].values[demo].clone(),
                Arg::Prim(p) => self.prims[p].value.clone(),
            }));
            let mut ctx = Ctx::new(self.options.call_budget);
            let result = prim.def().call(&mut ctx, &argv);
            let spent = self.options.call_budget - ctx.remaining();
            self.work = self.work.saturating_add(spent + 1);
            match result.and_then(|v| v.within_limits().map(|n| (v, n))) {
                Ok((v, n)) => {
                    values.push(v);
                    bytes = bytes.saturating_add(n);
                }
                Err(_) => {
                    stats.failed += 1;
                    return None;
                }
            }
        }
        let values: Arc<[Value]> = values.into();
        let call = Call { sig, args };
        if values == self.target {
            self.solutions.push(Solution {
                depth,
                steps: 0,
                text: String::new(),
            });
            let text = self.render(&call);
            if let Some(s) = self.solutions.last_mut() {
                (s.steps, s.text) = text;
            }
            if self.solutions.len() >= self.options.max_solutions {
                return Some(Halt::Enough);
            }
        }
        if self.seen.contains_key(&values) {
            stats.pruned += 1;
            return None;
        }
        if *kept_here >= self.options.max_values_per_depth {
            stats.dropped_at_cap += 1;
            return None;
        }
        if self.bytes.saturating_add(bytes) > self.options.memory_cap {
            return Some(Halt::Memory);
        }
        self.bytes += bytes;
        self.keep(values, depth, constant, Source::Call(call));
        *kept_here += 1;
        stats.kept += 1;
        None
    }

    /// The card text of a program whose last step is `last`, and its
    /// number of steps: every call it needs, in bank order, as `x1`, `x2`,
    /// ..., the last as `O`.
    fn render(&self, last: &Call) -> (usize, String) {
        let mut needed = vec![false; self.bank.len()];
        let mut stack: Vec<usize> = entries_of(last).collect();
        while let Some(e) = stack.pop() {
            if !std::mem::replace(&mut needed[e], true)
                && let Source::Call(c) = &self.bank[e].source
            {
                stack.extend(entries_of(c));
            }
        }
        let mut names: HashMap<usize, String> = HashMap::new();
        let mut text = format!("def solve_{}(I):\n", safe_name(&self.task));
        let mut steps = 0;
        for (e, entry) in self.bank.iter().enumerate() {
            let name = match &entry.source {
                Source::Input => "I".to_owned(),
                Source::Constant(c) => (*c).to_owned(),
                Source::Call(c) if needed[e] => {
                    steps += 1;
                    let name = format!("x{steps}");
                    let _ = writeln!(text, "    {name} = {}", self.call_text(c, &names));
                    name
                }
                Source::Call(_) => continue,
            };
            if needed[e] {
                names.insert(e, name);
            }
        }
        let _ = writeln!(text, "    O = {}", self.call_text(last, &names));
        text.push_str("    return O\n");
        (steps + 1, text)
    }

    /// `prim(arg, ...)` with the arguments' names.
    fn call_text(&self, call: &Call, names: &HashMap<usize, String>) -> String {
        let args: Vec<&str> = call
            .args
            .iter()
            .map(|a| match *a {
                Arg::Entry(e) => names.get(&e).map_or("?", String::as_str),
                Arg::Prim(p) => self.prims[p].sig.name,
            })
            .collect();
        format!("{}({})", call.sig.name, args.join(", "))
    }
}

/// The entries a call reads.
fn entries_of(call: &Call) -> impl Iterator<Item = usize> + '_ {
    call.args.iter().filter_map(|a| match *a {
        Arg::Entry(e) => Some(e),
        Arg::Prim(_) => None,
    })
}

/// A task id as part of a Python name: letters, digits and `_` kept,
/// anything else as `_`.
fn safe_name(id: &str) -> String {
    id.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// The narrowest declared type describing `v`'s shape: numbers, pairs,
/// grids, indices, objects and callables by their representation; a tuple
/// of tuples is a `TupleTuple`, a set of integers an `IntegerSet`, a set of
/// objects `Objects`; the empty tuple a `Tuple`, the empty set a
/// `FrozenSet`; `None` is `Any`.
pub fn value_type(v: &Value) -> Type {
    match v {
        Value::None => Type::Any,
        Value::Bool(_) => Type::Boolean,
        Value::Int(_) => Type::Integer,
        Value::Pair(..) => Type::IntegerTuple,
        Value::Grid(_) => Type::Grid,
        Value::Tuple(items) => {
            if !items.is_empty() && items.iter().all(|x| x.kind() == Kind::Tuple) {
                Type::TupleTuple
            } else {
                Type::Tuple
            }
        }
        Value::Indices(_) => Type::Indices,
        Value::Object(_) => Type::Object,
        Value::Set(items) => {
            if items.is_empty() {
                Type::FrozenSet
            } else if items.iter().all(|x| matches!(x, Value::Int(_))) {
                Type::IntegerSet
            } else if items.iter().all(|x| matches!(x, Value::Object(_))) {
                Type::Objects
            } else {
                Type::FrozenSet
            }
        }
        Value::Func(_) => Type::Callable,
    }
}

/// Types a join may give, narrowest first.
const JOIN_ORDER: &[Type] = &[
    Type::Boolean,
    Type::Integer,
    Type::IntegerTuple,
    Type::Numerical,
    Type::Grid,
    Type::Indices,
    Type::Object,
    Type::Patch,
    Type::Element,
    Type::Piece,
    Type::Objects,
    Type::IntegerSet,
    Type::FrozenSet,
    Type::TupleTuple,
    Type::Tuple,
    Type::Container,
    Type::Callable,
    Type::Any,
];

/// The narrowest type of [`JOIN_ORDER`] accepting each of `types`.
pub fn join_types(types: impl Iterator<Item = Type> + Clone) -> Type {
    JOIN_ORDER
        .iter()
        .copied()
        .find(|t| types.clone().all(|u| t.accepts(u)))
        .unwrap_or(Type::Any)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_join_to_the_narrowest_that_accepts_them_all() {
        let join = |ts: &[Type]| join_types(ts.iter().copied());
        assert_eq!(join(&[Type::Grid, Type::Grid]), Type::Grid);
        assert_eq!(join(&[Type::Boolean, Type::Integer]), Type::Integer);
        assert_eq!(join(&[Type::Indices, Type::Object]), Type::Patch);
        assert_eq!(join(&[Type::Grid, Type::Object]), Type::Element);
        assert_eq!(join(&[Type::Indices, Type::FrozenSet]), Type::FrozenSet);
        assert_eq!(join(&[Type::Grid, Type::Tuple]), Type::Tuple);
        assert_eq!(join(&[Type::Integer, Type::Callable]), Type::Any);
    }

    #[test]
    fn values_have_the_type_of_their_shape() {
        assert_eq!(value_type(&Value::Int(3)), Type::Integer);
        assert_eq!(value_type(&Value::Pair(1, 2)), Type::IntegerTuple);
        assert_eq!(value_type(&Value::empty_set()), Type::FrozenSet);
        assert_eq!(
            value_type(&Value::set(vec![Value::Int(1), Value::Int(2)])),
            Type::IntegerSet
        );
        assert_eq!(
            value_type(&Value::tuple(vec![Value::Pair(1, 2), Value::Pair(3, 4)])),
            Type::TupleTuple
        );
        assert_eq!(
            value_type(&Prim::from_name("vmirror").map_or(Value::None, Prim::value)),
            Type::Callable
        );
    }
}

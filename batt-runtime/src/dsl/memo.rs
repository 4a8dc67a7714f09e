//! Remembering calls of composite callables within one step.
//!
//! Programs built from `fork`, `compose`, `chain`, `lbind` and `rbind`
//! often call the same callable on the same arguments many times within one
//! step: a `mapply` whose function, for each object, filters every cell of
//! the grid with a predicate that itself ranks all objects per cell calls
//! the per-cell part once per object although it does not depend on the
//! object. [`Memo`] keeps the results of such calls for the step that made
//! them, keyed by the callable and its arguments, and gives a repeated call
//! its earlier result.
//!
//! It changes nothing a lane computes or reports:
//! - Keys compare by identity where values are shared (`Arc` pointers of
//!   sets, objects, grids, callables and long tuples) and by value where
//!   they are small (numbers, pairs, tuples of up to [`INLINE_TUPLE`]
//!   such), so equal keys mean equal arguments, and the DSL's primitives are
//!   pure functions of their arguments (the dialect version is the same
//!   throughout a step). The memo keeps its keys alive, so a pointer is
//!   never reused for another value while it is remembered.
//! - A repeated call charges the work units the first one charged, and is
//!   answered from the memo only where the first call's units fit in what
//!   is left of the budget and its deepest nested call fits under
//!   [`MAX_DEPTH`] from here; otherwise it is evaluated again, so budget and
//!   depth errors arise exactly where they would without the memo.
//! - A call the memo does not look up (a callable given up for the step,
//!   or one whose look-ups find nothing, see [`FOUND_RATIO`]) is evaluated,
//!   as without the memo.
//! - Calls that failed on a limit (budget, depth, size, nesting) are not
//!   kept: those depend on where the call was made. Type and value errors
//!   are kept: they depend on the arguments alone.
//! - One difference remains, at the lane limits only: a remembered result
//!   given twice is one value shared, where two equal values were built
//!   before, and the size limits count a shared part once. A value near
//!   64 MiB built of such repeats could pass where it failed before; none
//!   on ARC data comes near (`tests/memo.rs` compares every lane).
//!
//! The memo is emptied at every step ([`Ctx::step`]) and when it holds
//! [`MAX_ENTRIES`] calls, so its memory stays bounded.

use std::hash::Hasher;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::callable::{Callable, Func};
use super::error::{Ctx, DslError, MAX_DEPTH, Result};
use super::value::{FastHasher, Value};

/// Tuples up to this long are keyed by their elements (a fresh
/// `astuple(cell, object)` made for every call still repeats), longer ones
/// by identity.
const INLINE_TUPLE: usize = 4;

/// Calls of more arguments are not remembered (few callables take them).
pub const MAX_ARGS: usize = 3;

/// The most calls the memo keeps before it starts afresh: 1,048,576,
/// about 200 MB with their keys at most, per thread. A step that ranks
/// every object for every cell keeps cells x objects calls, 270,000 for
/// the 300 objects of ARC's busiest 30 x 30 grids: fewer kept, and it
/// would start afresh before any of them repeats.
pub const MAX_ENTRIES: usize = 1 << 20;

/// A callable that has missed this many times in a step ...
pub const GIVE_UP_MISSES: u32 = 64;

/// ... and whose missed calls charged fewer units than this on average is
/// not remembered any more in that step, whatever its hits: its calls are
/// so cheap that a lookup costs about what it saves (`fork(multiply, sign,
/// identity)` on the coordinates of every cell and object pair, looked up
/// in a table of a million calls, cost more than it saved), or are new
/// every time (a filter over a product of cells). Dearer ones are
/// remembered whatever their misses, as their repeats may come later (a
/// filter of the cells with a rank of all objects per cell, then a filter
/// that ranks them again).
pub const CHEAP_UNITS: u64 = 10;

/// A callable whose look-ups in the table (those its next call was not
/// foreseen for) found its call in fewer than one in [`FOUND_RATIO`] of
/// at least this many ...
pub const BLIND_AFTER: u32 = 64;

/// ... stops looking in this step, but for one look-up in [`RELOOK`] that
/// keeps the count true: its unforeseen calls are new ones (the distances
/// of every cell to every object, each computed once), whose look-up
/// waits on a slot far away in a table of a million calls, to find
/// nothing. It evaluates them at once, with the slot loaded meanwhile for
/// the call's insertion. A call made again this way is evaluated and
/// remembered twice, which gives what a look-up would have (the same
/// arguments give the same result and charge the same units).
pub const FOUND_RATIO: u32 = 8;

/// See [`FOUND_RATIO`].
pub const RELOOK: u32 = 16;

/// Slots of the tally of misses and hits by callable.
const TALLY_SLOTS: usize = 256;

/// The tally slot of the callable at `address`.
fn tally_slot(address: usize) -> usize {
    (address >> 4) % TALLY_SLOTS
}

/// Misses and hits of the callable at an address (a slot shared by two
/// callables counts for the later one: the tally only decides what is
/// worth remembering, never what a call returns).
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    callable: usize,
    misses: u32,
    hits: u32,
    /// Units the missed calls charged.
    units: u64,
    /// The entry of this callable found or made last: the next call is
    /// tried first against the one made after it ([`Entry::next_made`]).
    cursor: Option<u32>,
    /// The entry of this callable made last.
    tail: Option<u32>,
    /// Its look-ups in the table, and those that found its call.
    looked: u32,
    found: u32,
    /// Look-ups skipped since the last one made (see [`FOUND_RATIO`]).
    skipped: u32,
}

impl Tally {
    /// Whether the callable's calls are not remembered any more in this
    /// step (see [`CHEAP_UNITS`]).
    fn given_up(&self) -> bool {
        self.misses >= GIVE_UP_MISSES && self.units < CHEAP_UNITS * u64::from(self.misses)
    }

    /// Whether this call's look-up in the table is skipped (see
    /// [`FOUND_RATIO`]), counting it either way.
    fn skips_look_up(&mut self) -> bool {
        let blind = self.looked >= BLIND_AFTER
            && self.found.saturating_mul(FOUND_RATIO) < self.looked
            && self.skipped + 1 < RELOOK;
        if blind {
            self.skipped += 1;
        } else {
            self.skipped = 0;
            self.looked = self.looked.saturating_add(1);
        }
        blind
    }
}

/// A remembered call.
#[derive(Debug, Clone)]
struct Entry {
    /// The callable (kept alive so its address stays its own).
    callable: Arc<Func>,
    /// The arguments (kept alive likewise), `None` past the last.
    args: [Value; MAX_ARGS],
    /// What the call returned.
    result: Result<Value>,
    /// The work units it charged.
    units: u64,
    /// How much deeper than its own depth check its deepest nested call was.
    depth: u32,
    /// The hash of the callable and arguments.
    hash: u64,
    /// The entry of the same callable made next, if any: calls repeat in
    /// the order they were first made (a filter of every cell, once per
    /// object), so the call after this one's repeat is most often that
    /// one's, found without a lookup in [`Slots`].
    next_made: Option<u32>,
}

/// Starts loading the memory `at` refers to into the cache, where the
/// processor can (x86_64); elsewhere nothing.
fn prefetch<T>(at: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch only hints at an address (here one a reference
    // holds); it reads nothing and cannot fault.
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>(std::ptr::from_ref(at).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = at;
}

/// Where the entries are, by hash: an open-addressed table of slots, each
/// the top half of an entry's hash (a tag) and its index plus one, zero
/// where empty, probed linearly. Eight bytes a slot, at most half full, so
/// that a lookup of a large step's calls reads one cache line of it.
#[derive(Debug, Clone, Default)]
struct Slots {
    slots: Vec<u64>,
}

impl Slots {
    /// Slots of a new table.
    const FIRST: usize = 1 << 10;

    /// The slot to start probing at for `hash` and its tag. The hash's low
    /// bits alone are weak (the last word hashed is often an aligned
    /// address), so its high half is folded into them.
    fn start(&self, hash: u64) -> (usize, u64) {
        let at = (hash ^ hash >> 32) as usize & (self.slots.len() - 1);
        (at, hash >> 32)
    }

    /// The entries whose hash has `hash`'s tag, in probing order (possibly
    /// none; the caller compares each with the call).
    fn candidates(&self, hash: u64) -> impl Iterator<Item = usize> + '_ {
        let mask = self.slots.len().wrapping_sub(1);
        let (mut at, tag) = if self.slots.is_empty() {
            (0, 0)
        } else {
            self.start(hash)
        };
        std::iter::from_fn(move || {
            loop {
                let slot = *self.slots.get(at)?;
                if slot == 0 {
                    return None;
                }
                at = (at + 1) & mask;
                if slot >> 32 == tag {
                    return Some((slot & 0xffff_ffff) as usize - 1);
                }
            }
        })
    }

    /// Loads the slot where a look-up of `hash` starts, so that it is at
    /// hand when the call is inserted after its evaluation.
    fn touch(&self, hash: u64) {
        if let Some(slot) = self.slots.get(self.start(hash).0) {
            prefetch(slot);
        }
    }

    /// Notes entry `index` of `hash`, growing the table to stay at most
    /// half full (`entries` gives every entry's hash for the rehash).
    fn insert(&mut self, hash: u64, index: usize, entries: &[Entry]) {
        if self.slots.len() < 2 * (index + 1) {
            let size = (2 * (index + 1)).next_power_of_two().max(Self::FIRST);
            self.slots = vec![0; size];
            for (k, e) in entries.iter().enumerate().take(index) {
                self.put(e.hash, k);
            }
        }
        self.put(hash, index);
    }

    fn put(&mut self, hash: u64, index: usize) {
        let mask = self.slots.len() - 1;
        let (mut at, tag) = self.start(hash);
        while self.slots[at] != 0 {
            at = (at + 1) & mask;
        }
        self.slots[at] = tag << 32 | (index as u64 + 1);
    }

    /// Empties the table of `entries` (the slots they took, where they
    /// are few, so that a large table left by one step costs little to
    /// empty at the next).
    fn clear(&mut self, entries: &[Entry]) {
        if entries.len() * 8 < self.slots.len() {
            let mask = self.slots.len() - 1;
            for e in entries {
                let (mut at, _) = self.start(e.hash);
                while self.slots[at] != 0 {
                    self.slots[at] = 0;
                    at = (at + 1) & mask;
                }
            }
        } else {
            self.slots.fill(0);
        }
    }
}

/// Calls remembered within one step (see the module documentation).
#[derive(Debug, Clone, Default)]
pub struct Memo {
    entries: Vec<Entry>,
    slots: Slots,
    tally: Vec<Tally>,
    /// Calls answered from the memo (for tests and measurements).
    pub hits: u64,
}

/// Whether new contexts remember calls ([`set_enabled`]).
static ENABLED: AtomicBool = AtomicBool::new(true);

/// Turns the memo on or off for the contexts made from now on (`bench
/// --memo` compares the two; a context's own switch is
/// [`Ctx::without_memo`]).
pub fn set_enabled(on: bool) {
    ENABLED.store(on, Ordering::Relaxed);
}

/// Whether new contexts remember calls.
pub fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

thread_local! {
    /// The storage of the last memo dropped on this thread, emptied.
    static SPARE: std::cell::Cell<Option<Box<Memo>>> = const { std::cell::Cell::new(None) };
}

impl Memo {
    /// An empty memo: the storage a context of this thread left
    /// ([`Memo::keep_spare`]), or a new one. A sample's context is dropped
    /// when the sample is done; its memo grew its tables to the sample's
    /// largest step (a million calls at most), and grew them again for
    /// every sample, a fresh page at a time (seven times the page faults
    /// of one storage per thread on `solve_d22278a0`, PERFORMANCE.md).
    pub(crate) fn take_spare() -> Box<Memo> {
        SPARE.with(std::cell::Cell::take).unwrap_or_default()
    }

    /// Empties this memo and keeps its storage for the thread's next
    /// context (one per thread: its memory stays bounded per thread).
    pub(crate) fn keep_spare(mut self: Box<Memo>) {
        self.clear();
        self.hits = 0;
        SPARE.with(|spare| spare.set(Some(self)));
    }

    /// Whether no call is remembered or tallied.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty() && self.tally.is_empty()
    }

    /// Forgets every call.
    pub fn clear(&mut self) {
        self.slots.clear(&self.entries);
        self.entries.clear();
        self.tally.clear();
    }

    /// The tally of the callable at `address`.
    fn tally(&mut self, address: usize) -> &mut Tally {
        if self.tally.is_empty() {
            self.tally.resize(TALLY_SLOTS, Tally::default());
        }
        let slot = &mut self.tally[tally_slot(address)];
        if slot.callable != address {
            *slot = Tally {
                callable: address,
                ..Tally::default()
            };
        }
        slot
    }

    /// Whether calls of `c` are not remembered any more in this step (a
    /// look at its tally that leaves the tally as it is: cheaper than
    /// asking whether `c` was built within the step, for the callables
    /// called most).
    pub(crate) fn gave_up(&self, c: &Arc<Func>) -> bool {
        let address = Arc::as_ptr(c) as usize;
        self.tally
            .get(tally_slot(address))
            .is_some_and(|t| t.callable == address && t.given_up())
    }

    /// Whether a call of `c` is worth remembering: it evaluates more than
    /// one primitive.
    pub fn worth(c: &Callable) -> bool {
        match c {
            Callable::Prim(_) => false,
            Callable::Rbind { function, .. } | Callable::Lbind { function, .. } => {
                !matches!(function, Value::Func(f) if matches!(***f, Callable::Prim(_)))
            }
            _ => true,
        }
    }
}

/// Hashes `v` by identity where it is shared and by value where it is
/// small (see [`same`]).
fn hash_key(v: &Value, h: &mut FastHasher) {
    match v {
        Value::None => h.write_u64(1),
        Value::Bool(b) => h.write_u64(2 + u64::from(*b)),
        Value::Int(n) => {
            h.write_u64(4);
            h.write_i64(*n);
        }
        Value::Pair(a, b) => {
            h.write_u64(5);
            h.write_i64(*a);
            h.write_i64(*b);
        }
        Value::Grid(g) => {
            h.write_u64(6);
            h.write_usize(g.cells().as_ptr() as usize);
            h.write_usize(g.height() << 16 | g.width());
        }
        Value::Tuple(t) if t.len() <= INLINE_TUPLE => {
            h.write_u64(7);
            h.write_usize(t.len());
            for e in t.iter() {
                hash_key(e, h);
            }
        }
        Value::Tuple(t) => h.write_usize(t.as_ptr() as usize),
        Value::Indices(s) => h.write_usize(s.as_ptr() as usize),
        Value::Object(s) => h.write_usize(s.as_ptr() as usize),
        Value::Set(s) => h.write_usize(s.as_ptr() as usize),
        Value::Func(f) => h.write_usize(Arc::as_ptr(f) as usize),
    }
}

/// Whether `a` and `b` are the same argument: the same number, pair or
/// short tuple of such, or the very same shared value. Stricter than the
/// DSL's equality (`True` is not `1` here, a grid is not its rows), so that
/// the same argument always gives the same result.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::None, Value::None) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Pair(x0, x1), Value::Pair(y0, y1)) => x0 == y0 && x1 == y1,
        (Value::Grid(x), Value::Grid(y)) => {
            std::ptr::eq(x.cells(), y.cells()) && (x.height(), x.width()) == (y.height(), y.width())
        }
        (Value::Tuple(x), Value::Tuple(y)) if x.len() <= INLINE_TUPLE => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| same(p, q))
        }
        (Value::Tuple(x), Value::Tuple(y)) => Arc::ptr_eq(x, y),
        (Value::Indices(x), Value::Indices(y)) => Arc::ptr_eq(x, y),
        (Value::Object(x), Value::Object(y)) => Arc::ptr_eq(x, y),
        (Value::Set(x), Value::Set(y)) => Arc::ptr_eq(x, y),
        (Value::Func(x), Value::Func(y)) => Arc::ptr_eq(x, y),
        _ => false,
    }
}

/// Whether an error depends on where the call was made (the budget left,
/// the depth, the limits of the lane) rather than on its arguments.
fn situational(e: &DslError) -> bool {
    matches!(
        e,
        DslError::Budget | DslError::Depth | DslError::TooDeep | DslError::TooLarge
    )
}

/// Calls `c` with `args` through the memo of `ctx`: `eval` evaluates the
/// call when the memo cannot answer it. The caller has charged the call and
/// checked its depth, as for any call.
pub fn call(
    ctx: &mut Ctx,
    c: &Arc<Func>,
    args: &[&Value],
    eval: impl FnOnce(&mut Ctx) -> Result<Value>,
) -> Result<Value> {
    if args.len() > MAX_ARGS {
        return eval(ctx);
    }
    let address = Arc::as_ptr(c) as usize;
    let tally = ctx.memo_mut().tally(address);
    if tally.given_up() {
        return eval(ctx);
    }
    let cursor = tally.cursor;
    let memo = ctx.memo_mut();
    let is_call = |e: &Entry| {
        Arc::ptr_eq(&e.callable, c) && e.args.iter().zip(args).all(|(p, &q)| same(p, q))
    };
    let predicted = cursor
        .and_then(|k| memo.entries[k as usize].next_made)
        .filter(|&k| is_call(&memo.entries[k as usize]));
    let hash = || {
        let mut h = FastHasher::default();
        h.write_usize(address);
        for a in args {
            hash_key(a, &mut h);
        }
        h.finish()
    };
    let mut computed = None;
    let found = match predicted {
        Some(k) => Some(k as usize),
        None => {
            let hash = *computed.insert(hash());
            if memo.tally(address).skips_look_up() {
                memo.slots.touch(hash);
                None
            } else {
                let found = memo
                    .slots
                    .candidates(hash)
                    .find(|&k| is_call(&memo.entries[k]));
                if found.is_some() {
                    let tally = memo.tally(address);
                    tally.found = tally.found.saturating_add(1);
                }
                found
            }
        }
    };
    if let Some(k) = found {
        let e = &memo.entries[k];
        let (units, depth, result) = (e.units, e.depth, e.result.clone());
        if ctx.replay(units, depth) {
            let memo = ctx.memo_mut();
            memo.hits += 1;
            let tally = memo.tally(address);
            tally.hits += 1;
            tally.cursor = u32::try_from(k).ok();
            // The call foreseen next (see `Entry::next_made`): its entry,
            // far from this one in a large step, is loaded meanwhile.
            if let Some(next) = memo.entries[k].next_made {
                prefetch(&memo.entries[next as usize].args);
            }
            return result;
        }
        return eval(ctx);
    }
    let hash = computed.unwrap_or_else(hash);
    ctx.memo_mut().tally(address).misses += 1;
    let saved = ctx.enter_remembered();
    let result = eval(ctx);
    let (units, depth) = ctx.leave_remembered(saved);
    ctx.memo_mut().tally(address).units += units;
    if let Err(e) = &result
        && situational(e)
    {
        return result;
    }
    remember(ctx.memo_mut(), c, args, &result, units, depth, hash);
    result
}

/// Keeps a call just evaluated (see [`call`]): apart from the look-up, so
/// that a hit, the commonest way through [`call`], keeps a small frame on
/// a stack that nested calls grow deep.
#[inline(never)]
fn remember(
    memo: &mut Memo,
    c: &Arc<Func>,
    args: &[&Value],
    result: &Result<Value>,
    units: u64,
    depth: u32,
    hash: u64,
) {
    if memo.entries.len() >= MAX_ENTRIES {
        memo.clear();
    }
    let k = memo.entries.len();
    memo.slots.insert(hash, k, &memo.entries);
    let index = u32::try_from(k).ok();
    let tally = memo.tally(Arc::as_ptr(c) as usize);
    let tail = std::mem::replace(&mut tally.tail, index);
    tally.cursor = index;
    if let Some(t) = tail {
        memo.entries[t as usize].next_made = index;
    }
    let arg = |k: usize| args.get(k).map_or(Value::None, |&a| a.clone());
    memo.entries.push(Entry {
        callable: Arc::clone(c),
        args: [arg(0), arg(1), arg(2)],
        result: result.clone(),
        units,
        depth,
        hash,
        next_made: None,
    });
}

/// Whether a call remembered with `units` charged and nested `depth` levels
/// below its check can be answered at `ctx`'s depth with its budget.
pub(super) fn fits(units: u64, depth: u32, budget: u64, at_depth: u32) -> bool {
    units <= budget && at_depth.saturating_add(depth) < MAX_DEPTH
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dsl::callable::{call, compose, fork, lbind};
    use crate::dsl::testkit::{f, int, iset, tup};

    /// `fork(add, compose(increment, size), size)`: a composite callable
    /// made outside any step, as a step's value is.
    fn composite() -> Value {
        let mut made = Ctx::default();
        let inner = compose(&mut made, &f("increment"), &f("size")).unwrap();
        fork(&mut made, &f("add"), &inner, &f("size")).unwrap()
    }

    /// Starts a step in `ctx` and enters a call, as a higher-order
    /// primitive calling its function does: the calls below are nested, the
    /// ones the memo remembers.
    fn nested(ctx: &mut Ctx) {
        ctx.step();
        ctx.depth = 1;
    }

    /// Calls `g` on each of `args` in one step of a fresh context with
    /// `budget` (memo on or off): each result and the budget left after it.
    fn calls(g: &Value, args: &[Value], budget: u64, memo: bool) -> Vec<(Result<Value>, u64)> {
        let mut ctx = Ctx::new(budget);
        if !memo {
            ctx = ctx.without_memo();
        }
        nested(&mut ctx);
        args.iter()
            .map(|a| {
                let r = call(&mut ctx, g, std::slice::from_ref(a));
                (r, ctx.remaining())
            })
            .collect()
    }

    /// An entry of hash `hash` whose result is `n`.
    fn entry(hash: u64, n: i64) -> Entry {
        let Value::Func(callable) = f("size") else {
            unreachable!("a primitive is a callable")
        };
        Entry {
            callable,
            args: [int(n), Value::None, Value::None],
            result: Ok(int(n)),
            units: 1,
            depth: 0,
            hash,
            next_made: None,
        }
    }

    #[test]
    fn the_slots_find_every_entry_of_a_hash_through_growth_and_clearing() {
        let mut slots = Slots::default();
        let mut entries = Vec::new();
        // Hashes sharing their low bits (the same first slot), some sharing
        // their tag too, enough to grow the table twice.
        let hash = |k: u64| (k % 7) << 32 | (k % 3) << 20;
        for k in 0..3000 {
            slots.insert(hash(k), entries.len(), &entries);
            entries.push(entry(hash(k), k as i64));
        }
        assert!(slots.slots.len() >= 2 * entries.len());
        for k in 0..3000u64 {
            let found: Vec<usize> = slots.candidates(hash(k)).collect();
            assert!(found.contains(&(k as usize)), "entry {k}");
            assert!(
                found
                    .iter()
                    .all(|&i| entries[i].hash >> 32 == hash(k) >> 32)
            );
        }
        slots.clear(&entries);
        assert!(slots.slots.iter().all(|&s| s == 0));
        // A few entries in the large table: cleared slot by slot.
        entries.clear();
        for k in 0..5 {
            slots.insert(hash(k) ^ k << 40, k as usize, &entries);
            entries.push(entry(hash(k) ^ k << 40, k as i64));
        }
        assert!(entries.len() * 8 < slots.slots.len());
        slots.clear(&entries);
        assert!(slots.slots.iter().all(|&s| s == 0));
        assert_eq!(slots.candidates(hash(1)).count(), 0);
    }

    #[test]
    fn a_cheap_callable_is_given_up_after_its_misses_whatever_its_hits_and_a_dear_one_is_not() {
        let mut made = Ctx::default();
        let cheap = fork(&mut made, &f("add"), &f("identity"), &f("identity")).unwrap();
        let each = lbind(&mut made, &f("apply"), &f("identity")).unwrap();
        let dear = compose(&mut made, &f("size"), &each).unwrap();
        let n = GIVE_UP_MISSES as i64;
        let ints: Vec<Value> = (0..n).map(int).collect();
        let sets: Vec<Value> = (0..n)
            .map(|k| iset(&(k..k + 20).collect::<Vec<_>>()))
            .collect();
        // (The cheap one is given up at its last miss: its last repeat is
        // evaluated again.)
        let n = n as u64;
        for (g, args, first_hits, hits_again) in [(cheap, ints, n - 1, 0), (dear, sets, n, n)] {
            // Each argument twice (a miss, then a hit), then each again.
            let first: Vec<Value> = args.iter().flat_map(|a| [a.clone(), a.clone()]).collect();
            let all: Vec<Value> = first.iter().chain(&args).cloned().collect();
            assert_eq!(
                calls(&g, &all, 1 << 20, true),
                calls(&g, &all, 1 << 20, false)
            );
            let mut ctx = Ctx::default();
            nested(&mut ctx);
            for a in &first {
                call(&mut ctx, &g, std::slice::from_ref(a)).unwrap();
            }
            assert_eq!(ctx.memo_hits(), first_hits, "{g}");
            for a in &args {
                call(&mut ctx, &g, std::slice::from_ref(a)).unwrap();
            }
            assert_eq!(ctx.memo_hits(), first_hits + hits_again, "{g}");
        }
    }

    #[test]
    fn a_callable_whose_look_ups_find_nothing_looks_up_one_call_in_relook() {
        let mut made = Ctx::default();
        let each = lbind(&mut made, &f("apply"), &f("identity")).unwrap();
        let dear = compose(&mut made, &f("size"), &each).unwrap();
        let n = i64::from(BLIND_AFTER);
        let sets: Vec<Value> = (0..n)
            .map(|k| iset(&(k..k + 20).collect::<Vec<_>>()))
            .collect();
        // Every call new (all look-ups find nothing), then each again in the
        // other order (none foreseen): the memo stops looking, but for one
        // look-up in RELOOK, each of which finds its call.
        let args: Vec<Value> = sets.iter().chain(sets.iter().rev()).cloned().collect();
        assert_eq!(
            calls(&dear, &args, 1 << 20, true),
            calls(&dear, &args, 1 << 20, false)
        );
        let mut ctx = Ctx::default();
        nested(&mut ctx);
        for a in &args {
            call(&mut ctx, &dear, std::slice::from_ref(a)).unwrap();
        }
        assert_eq!(ctx.memo_hits(), u64::from(BLIND_AFTER / RELOOK));
        // Calls made again in their first order are foreseen again once a
        // look-up finds one of them (after RELOOK - 1 evaluated at most).
        let before = ctx.memo_hits();
        for a in &sets {
            call(&mut ctx, &dear, std::slice::from_ref(a)).unwrap();
        }
        let hits = ctx.memo_hits() - before;
        assert!(hits > u64::from(BLIND_AFTER - RELOOK), "{hits}");
    }

    #[test]
    fn calls_repeated_in_their_first_order_or_any_other_are_answered_alike() {
        let g = composite();
        let sets: Vec<Value> = (1..=4).map(|n| iset(&(0..n).collect::<Vec<_>>())).collect();
        // The first order, again in it (each found as the one made after
        // the last), then out of order and with a call left out.
        let order = [0, 1, 2, 3, 0, 1, 2, 3, 2, 0, 3, 3, 1, 0, 2, 3];
        let args: Vec<Value> = order.iter().map(|&k| sets[k].clone()).collect();
        let with = calls(&g, &args, 1_000, true);
        let without = calls(&g, &args, 1_000, false);
        assert_eq!(with, without);
        let mut ctx = Ctx::default();
        nested(&mut ctx);
        for a in &args {
            call(&mut ctx, &g, std::slice::from_ref(a)).unwrap();
        }
        assert_eq!(ctx.memo_hits(), (args.len() - sets.len()) as u64);
    }

    #[test]
    fn a_repeated_call_is_answered_from_the_memo_and_charges_what_the_first_did() {
        let g = composite();
        let s = iset(&[1, 2, 3]);
        let mut ctx = Ctx::default();
        nested(&mut ctx);
        let before = ctx.remaining();
        let first = call(&mut ctx, &g, std::slice::from_ref(&s)).unwrap();
        let spent = before - ctx.remaining();
        assert_eq!(ctx.memo_hits(), 0);
        let again = call(&mut ctx, &g, std::slice::from_ref(&s)).unwrap();
        assert_eq!(ctx.memo_hits(), 1);
        assert_eq!(first, again);
        assert_eq!(first, int(7));
        assert_eq!(before - ctx.remaining(), 2 * spent);
        // An equal set that is another value is evaluated again (keys of
        // shared values are their identity).
        call(&mut ctx, &g, &[iset(&[1, 2, 3])]).unwrap();
        assert_eq!(ctx.memo_hits(), 1);
        // A new step forgets.
        nested(&mut ctx);
        call(&mut ctx, &g, std::slice::from_ref(&s)).unwrap();
        assert_eq!(ctx.memo_hits(), 1);
    }

    #[test]
    fn a_context_taking_the_storage_of_a_dropped_one_remembers_none_of_its_calls() {
        let g = composite();
        let s = iset(&[1, 2, 3]);
        let mut first = Ctx::default();
        nested(&mut first);
        call(&mut first, &g, std::slice::from_ref(&s)).unwrap();
        let kept = first.memo_mut().entries.len();
        call(&mut first, &g, std::slice::from_ref(&s)).unwrap();
        assert_eq!(first.memo_hits(), 1);
        drop(first);
        // The same thread's next context gets the storage, emptied: the
        // same call (the same set) is evaluated anew and charged in full.
        let mut next = Ctx::default();
        nested(&mut next);
        let before = next.remaining();
        assert_eq!(call(&mut next, &g, std::slice::from_ref(&s)), Ok(int(7)));
        assert_eq!(next.memo_hits(), 0);
        assert!(next.remaining() < before);
        assert_eq!(next.memo_mut().entries.len(), kept);
    }

    #[test]
    fn short_tuples_are_keys_by_their_elements() {
        let g = composite();
        let s = iset(&[4, 5]);
        let mut ctx = Ctx::default();
        nested(&mut ctx);
        for _ in 0..3 {
            call(&mut ctx, &g, &[tup(vec![int(1), s.clone()])]).unwrap();
        }
        assert_eq!(ctx.memo_hits(), 2);
    }

    #[test]
    fn with_any_budget_the_memo_gives_the_same_results_and_budget_left() {
        let g = composite();
        let s = iset(&[1, 2, 3]);
        let args = vec![s.clone(), s.clone(), int(3), int(3), s];
        let unbounded = calls(&g, &args, 1_000, true);
        assert!(unbounded[0].0.is_ok() && unbounded[2].0.is_err());
        for budget in 0..40 {
            assert_eq!(
                calls(&g, &args, budget, true),
                calls(&g, &args, budget, false),
                "budget {budget}"
            );
        }
    }

    #[test]
    fn near_the_depth_limit_a_remembered_call_fails_where_it_would_without_the_memo() {
        let g = composite();
        let s = iset(&[1, 2]);
        for depth in MAX_DEPTH - 4..=MAX_DEPTH {
            let run = |memo: bool| {
                let mut ctx = Ctx::default();
                if !memo {
                    ctx = ctx.without_memo();
                }
                nested(&mut ctx);
                let shallow = call(&mut ctx, &g, std::slice::from_ref(&s));
                ctx.depth = depth;
                let deep = call(&mut ctx, &g, std::slice::from_ref(&s));
                (shallow, deep, ctx.remaining())
            };
            let (with, without) = (run(true), run(false));
            assert_eq!(with, without, "depth {depth}");
            assert!(with.0.is_ok());
        }
        let mut ctx = Ctx::default();
        nested(&mut ctx);
        call(&mut ctx, &g, std::slice::from_ref(&s)).unwrap();
        ctx.depth = MAX_DEPTH - 1;
        assert_eq!(call(&mut ctx, &g, &[s]), Err(DslError::Depth));
    }

    #[test]
    fn callables_built_within_the_step_and_single_primitives_are_not_remembered() {
        let s = iset(&[1, 2, 3]);
        let mut ctx = Ctx::default();
        nested(&mut ctx);
        let built = compose(&mut ctx, &f("increment"), &f("size")).unwrap();
        for _ in 0..3 {
            call(&mut ctx, &built, std::slice::from_ref(&s)).unwrap();
            call(&mut ctx, &f("size"), std::slice::from_ref(&s)).unwrap();
        }
        assert_eq!(ctx.memo_hits(), 0);
    }

    #[test]
    fn a_steps_own_calls_are_not_remembered() {
        let mut made = Ctx::default();
        let g = fork(&mut made, &f("add"), &f("size"), &f("size")).unwrap();
        let s = iset(&[1, 2, 3]);
        let mut ctx = Ctx::default();
        ctx.step();
        for _ in 0..3 {
            call(&mut ctx, &g, std::slice::from_ref(&s)).unwrap();
        }
        assert_eq!(ctx.memo_hits(), 0);
    }

    #[test]
    fn errors_of_the_arguments_are_remembered_and_limits_are_not() {
        let g = composite();
        let mut ctx = Ctx::default();
        nested(&mut ctx);
        assert!(call(&mut ctx, &g, &[int(3)]).is_err());
        assert!(call(&mut ctx, &g, &[int(3)]).is_err());
        assert_eq!(ctx.memo_hits(), 1);
        let mut poor = Ctx::new(2);
        nested(&mut poor);
        let s = iset(&[1]);
        assert_eq!(
            call(&mut poor, &g, std::slice::from_ref(&s)),
            Err(DslError::Budget)
        );
        assert!(poor.memo_mut().entries.is_empty());
    }
}

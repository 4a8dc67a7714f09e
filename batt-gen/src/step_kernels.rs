//! The step-major engine's kernels, compiled once for every card, and the
//! plan that drives them for a card ([`StepPlan`]).
//!
//! The code is the same for every card: [`library`] is one source, made
//! from the primitive templates ([`crate::templates`]), with
//!
//! - a kernel per first-order overload of the primitive templates
//!   (`// sig: fill(Grid, Int, Indices) -> Grid` becomes `batt_step_<n>`),
//!   each evaluating one step over (step, lane) threads: it reads its
//!   arguments from the lanes' value records and writes its value into its
//!   own place there;
//! - two kernels per higher-order overload with one callable
//!   (`// sig: apply(Fn[Object -> Object], Objects) -> Objects`): a
//!   *record* kernel runs the template with a callable that only notes the
//!   elements it is called with (counted first, then written, one element
//!   lane each), and a *replay* kernel runs it again with a callable that
//!   looks each element up among those lanes and returns the value the
//!   callable's body gave there;
//! - `batt_step_lanes`, each (program, sample) lane's output, flag and
//!   failed count.
//!
//! A callable (`rbind`, `lbind`, `compose`, `chain`, `fork`, `matcher`, a
//! primitive used as a value) is data: its body is lowered, for each
//! higher-order step, into first-order *sub-steps* over the step's element
//! lanes, which read the element, each other, and the sample's values (a
//! lane knows its sample). Between the record and the replay kernel they
//! run on the same first-order kernels as the card's own steps. The body is
//! a pure function of the element and the sample, so the replay gives the
//! template exactly the values the callable would; an element the record
//! did not see sends the lane to the CPU.
//!
//! A card is data: which kernel each step calls, where its arguments and
//! value live ([`StepPlan::launches`] and their descriptors), and which
//! steps each program counts. A sample's values live in one record of
//! [`StepPlan::record_bytes`], each step's at its offset; a value's place
//! is reused after its last reader (a callable's captured values live as
//! long as the callable's readers), by values of the same size.
//!
//! Values have the templates' fixed-size device forms (`struct Grid`,
//! `struct Objects`, ...), and the templates' errors: a step that fails takes its type's safe default and counts as
//! failed; one whose value the device form cannot hold, or whose default
//! it cannot hold, sends the lanes of every program reading it to the CPU
//! (a status byte per step and lane). Inside a callable any error fails the
//! higher-order step, as an exception in the callable does in the DSL.
//!
//! A step that calls a callable value and gets a callable back
//! (`x5 = x4(x2)` with `x4 = chain(lbind(rbind, shift), ulcorner, first)`)
//! computes the one value that callable holds, as the DSL does when the
//! step runs; where that fails (the DSL's callable would be `()`) the lane
//! goes to the CPU, and its callers read the value from the step. A pair
//! of two values no device form holds together is held apart for an
//! `apply` over it, and the callables an `apply` makes are made where a
//! `rapply` calls them ([`Stands`]).
//!
//! A card's differs run on *expected lanes*, one per sample, whose element
//! is its expected output (the differs' `C`), and one level below them on
//! *score lanes*, one per output to score, whose element is that output
//! (`I`) ([`ScoreBody`]); `batt_score_lanes` gives each lane's match and
//! scores (every card's outputs are compared, differs or not), and
//! `batt_fold_tasks` folds a program's demonstration lanes of a task into
//! one sum of matches, failed steps and scores.
//!
//! A step whose operands are all constants may be folded by the host
//! ([`StepPlan::of_folded`], [`Folded`]): its readers read its value as a
//! constant, laid out before the input grids, and it runs only where a
//! launched step reads it as a value no device form holds.
//!
//! Not yet on the device (the programs reading them stay on the CPU):
//! callables given back as values (a tuple or set of callables, a
//! callable a callable's body gives), a made callable holding two computed
//! values, `power` with a count not known in 1..8, callables nested more
//! than three deep, `S`, and the `()` no device form holds (a failed
//! step's default, a corner of an empty patch), unless every use takes it
//! as the empty set or fails on it ([`stand_ins`]).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use crate::catalogue::{self, ConstValue, SafeDefault};
use crate::ir::{Callee, Card, Operand, Param, StepId};
use crate::schedule::Schedule;
use crate::templates::{self, ParamTy, Ty, View};

/// The library's launches as functions of a host shared object
/// (`kernels/step_host.cpp`), for the host twin of the device driver.
pub const STEP_HOST: &str = include_str!("../kernels/step_host.cpp");

/// The most arguments a step kernel reads.
pub const MAX_ARGS: usize = 4;

/// Bytes of one step's descriptor (`struct StepDesc`).
pub const DESC_BYTES: usize = 24 + 28 * MAX_ARGS;

/// Where a poison row (`StepDesc::poison`) keeps the place plus one of the
/// patch whose emptiness excuses it.
const POISON_UNLESS_SHIFT: u32 = 28;

/// Added to a poison row's place plus one whose argument is a tuple of
/// pairs or of integers, empty where its count is 0 (a set of positions
/// or an object is empty where its row masks are).
const UNLESS_COUNTED: u8 = 4;

/// Bytes of one sub-step's guard (`struct StepGuard`).
pub const GUARD_BYTES: usize = 40;

/// Bytes of one program's descriptor (`struct StepProgram`).
pub const PROGRAM_BYTES: usize = 40;

/// A status byte's bits: the step failed (took its default) ...
pub const STATUS_FAILED: u8 = 1;
/// ... gave a value the device form cannot hold ...
pub const STATUS_FULL: u8 = 2;
/// ... or failed with a default the device form cannot hold ...
pub const STATUS_NODEFAULT: u8 = 4;
/// ... or gave the DSL's `()` as its value where every use fails on it
/// (its uses fail; [`KernelCall::empty_fails`]) ...
pub const STATUS_EMPTY: u8 = 8;
/// ... and, beside [`STATUS_FULL`], its value is a grid (or rows) larger
/// than the device's, which the CPU makes without an error and which no
/// grid the device holds equals (`Flag::oversize`).
pub const STATUS_OVERSIZE: u8 = 16;
/// ... and, beside [`STATUS_OVERSIZE`], its value is no grid but rows of
/// different widths, which no step passes on as a grid (`Flag::ragged`).
pub const STATUS_RAGGED: u8 = 32;

/// Primitives whose kernels say that a grid is too large for the frame
/// (`grid_too_big`).
pub const MAKE_BIG: &[&str] = &[
    "upscale", "hupscale", "vupscale", "canvas", "hconcat", "vconcat",
];

/// Primitives whose value is a grid of their first argument's size (or
/// that grid transposed), and which never fail on a grid too large for the
/// frame (at most `BATT_OVERSIZE_SIDE`, 512, cells a side) where their colours are numbers
/// within i8 and their other arguments patches: a grid too large for the
/// frame passed on is one again (see [`big_chains`]). Checked against
/// batt's primitives in `batt-runtime/tests/kernel_defaults.rs`.
pub const PASS_BIG: &[&str] = &[
    "replace",
    "fill",
    "underfill",
    "paint",
    "underpaint",
    "hmirror",
    "vmirror",
    "dmirror",
    "cmirror",
    "rot90",
    "rot180",
    "rot270",
];

/// Primitives whose kernels read the shape of a grid too large for the
/// frame from its stand-in: joined with another grid, grown, or compared
/// cell by cell with one, it gives one too large again, or a value the
/// shapes alone decide (the empty grid, an error), or is left to the CPU,
/// never a value made of the stand-in's cells (see [`big_chains`]).
/// Checked against batt's primitives in
/// `batt-runtime/tests/kernel_defaults.rs`.
pub const SHAPE_READERS: &[&str] = &[
    "hconcat", "vconcat", "upscale", "hupscale", "vupscale", "cellwise",
];

/// Primitives that never fail whatever their grids and patches (a grid
/// too large for the frame, positions anywhere) and integers: a step of
/// one that reads a grid too large, or such a step's value, may hold
/// anything its kernel made of the stand-in where its value only reaches
/// other such steps and the patches of steps passing a grid too large on
/// (see [`big_chains`]). Checked against batt's primitives in
/// `batt-runtime/tests/kernel_defaults.rs`.
pub const BLIND_READS: &[&str] = &[
    "ofcolor",
    "asindices",
    "asobject",
    "toindices",
    "combine",
    "difference",
    "intersection",
];

/// Primitives of one or two positions or integers that never fail,
/// wherever the positions lie: the body of a `mapply` or an `apply`
/// ([`BLIND_HOFS`]) over a blind step's value, which is blind too (see
/// [`big_chains`]). Checked against batt's primitives in
/// `batt-runtime/tests/kernel_defaults.rs`.
pub const BLIND_BODIES: &[&str] = &[
    "neighbors",
    "dneighbors",
    "ineighbors",
    "hfrontier",
    "vfrontier",
    "shoot",
    "connect",
];

/// Higher-order primitives that fail only where their callable does.
pub const BLIND_HOFS: &[&str] = &["mapply", "apply"];

/// Primitives that fail on rows of different widths as their grid (batt
/// takes them for no grid), which their kernels say where a stand-in of
/// such rows is their first argument (see [`ragged_reads_fail`]). Checked
/// against batt's primitives in `batt-runtime/tests/kernel_defaults.rs`.
pub const RAGGED_FAILS: &[&str] = &["replace"];

/// The primitives of [`PASS_BIG`] whose grid is their first argument's
/// turned (its height its width).
const TURN_BIG: &[&str] = &["dmirror", "cmirror", "rot90", "rot270"];

/// Combinators that make a callable from callables and values; a step
/// calling one has no device value and never fails.
const COMBINATORS: &[&str] = &["rbind", "lbind", "compose", "chain", "fork", "matcher"];

/// Argument places where an integer always fails (checked against batt's
/// primitives by `tests/kernel_defaults.rs`): a `valmax` or `valmin` key
/// whose body reads its element at one of these, unguarded, fails on the
/// DSL's `0` for an empty container, and a failed step's default `0` that
/// its form cannot hold fails such uses ([`stand_ins`]).
pub const FAILS_ON_INT: &[(&str, usize)] = &[
    ("size", 0),
    ("color", 0),
    ("height", 0),
    ("width", 0),
    ("shape", 0),
    ("uppermost", 0),
    ("lowermost", 0),
    ("leftmost", 0),
    ("rightmost", 0),
    ("ulcorner", 0),
    ("urcorner", 0),
    ("llcorner", 0),
    ("lrcorner", 0),
    ("center", 0),
    ("centerofmass", 0),
    ("toindices", 0),
    ("normalize", 0),
    ("asobject", 0),
    ("hperiod", 0),
    ("vperiod", 0),
    ("palette", 0),
    ("numcolors", 0),
    ("mostcolor", 0),
    ("leastcolor", 0),
    ("backdrop", 0),
    ("box", 0),
    ("delta", 0),
    ("square", 0),
    ("hline", 0),
    ("vline", 0),
    ("portrait", 0),
    ("colorcount", 0),
    ("toobject", 0),
    ("first", 0),
    ("last", 0),
    ("merge", 0),
    ("maximum", 0),
    ("minimum", 0),
    ("ofcolor", 0),
    ("objects", 0),
    ("partition", 0),
    ("fgpartition", 0),
    ("dmirror", 0),
    ("hmirror", 0),
    ("vmirror", 0),
    ("cmirror", 0),
    ("rot90", 0),
    ("trim", 0),
    ("totuple", 0),
    ("shoot", 0),
    ("shoot", 1),
    ("connect", 0),
    ("connect", 1),
    ("shift", 0),
    ("index", 1),
    ("crop", 1),
    ("crop", 2),
    ("neighbors", 0),
    ("dneighbors", 0),
    ("ineighbors", 0),
    ("hfrontier", 0),
    ("vfrontier", 0),
    ("gravitate", 0),
    ("gravitate", 1),
    ("manhattan", 0),
    ("manhattan", 1),
    ("adjacent", 0),
    ("adjacent", 1),
    ("position", 0),
    ("position", 1),
    ("hmatching", 0),
    ("hmatching", 1),
    ("vmatching", 0),
    ("vmatching", 1),
    ("bordering", 0),
    ("inbox", 0),
    ("outbox", 0),
    ("corners", 0),
    ("canvas", 1),
    ("subgrid", 0),
    ("move", 1),
    ("fill", 2),
    ("underfill", 2),
    ("paint", 1),
    ("cover", 1),
    ("recolor", 1),
    ("occurrences", 1),
    ("upscale", 0),
    ("other", 0),
];

/// Argument places where an integer gives an integer, never an error
/// (checked against batt's primitives by `tests/kernel_defaults.rs`): a
/// failed step's default `0` that its form cannot hold, read by such a
/// step whose every use fails on an integer, makes that step's value one
/// its uses fail on, as `()` does (`sign(subtract(a, b))` giving the
/// offset of a `move`; see [`stand_ins`]).
pub const INT_PASSES: &[(&str, usize)] = &[
    ("increment", 0),
    ("decrement", 0),
    ("crement", 0),
    ("sign", 0),
    ("double", 0),
    ("halve", 0),
    ("invert", 0),
];

/// Argument places `(primitive, place, beside)` where an integer gives an
/// integer beside an integer, never an error for small ones (checked by
/// the same test): as [`INT_PASSES`] where the reader's overload takes an
/// integer at `beside` (`multiply(sign(..), width)`).
pub const INT_PASSES_BESIDE_INT: &[(&str, usize, usize)] = &[
    ("multiply", 0, 1),
    ("multiply", 1, 0),
    ("add", 0, 1),
    ("add", 1, 0),
    ("subtract", 0, 1),
    ("subtract", 1, 0),
];

/// Argument places `(primitive, place, beside)` where an integer `0`
/// gives what the origin `(0, 0)` gives beside a pair (or `()`), as
/// [`INT_PASSES_BESIDE_INT`] (checked by the same test): where the
/// reader's overload takes pairs at both, a failed arithmetic step's `0`
/// there is held as the origin (`subtract(corner, offset)` of an offset
/// that failed; see [`stand_ins`]).
pub const ZERO_AS_ORIGIN: &[(&str, usize, usize)] = &[
    ("add", 0, 1),
    ("add", 1, 0),
    ("subtract", 0, 1),
    ("subtract", 1, 0),
];

/// Whether sub-step `s` of a body reads the body's element, unguarded, at
/// a place where an integer fails ([`FAILS_ON_INT`]).
fn fails_on_int(s: &SubStep, overloads: &Overloads) -> bool {
    let SubStep::Kernel(c) = s else { return false };
    let prim = overloads.first[c.kernel as usize].prim;
    c.guard.is_none()
        && c.args.iter().enumerate().any(|(place, a)| {
            a.src == Src::Elem && a.up == 0 && FAILS_ON_INT.contains(&(prim, place))
        })
}

/// The most turns of `power` lowered into a callable's body.
const MAX_POWER: u32 = 8;

/// One kernel of the library: an overload of a template. A higher-order
/// one takes one callable of one argument, at `callable`.
#[derive(Debug, Clone)]
pub struct Overload {
    /// The primitive.
    pub prim: &'static str,
    /// Its parameters' types (the callable's place holds its argument's).
    pub params: Vec<Ty>,
    /// Its value's type.
    pub ret: Ty,
    /// For a higher-order overload: the callable's place and what it gives.
    pub callable: Option<(usize, Ty)>,
    /// For a callable of two arguments: its second argument's type (the
    /// first's is in `params` at the callable's place).
    pub second: Option<Ty>,
    /// Whether its value holds only the positions inside the 30x30 frame
    /// (`-> Indices clipped`): chosen only where every use of the value
    /// reads positions inside a grid (see [`templates::CLIP_SAFE`]).
    pub clipped: bool,
    /// Whether its value is the set of a tuple's elements, order and
    /// repeats dropped (`-> Object unordered`): chosen only for a step's
    /// own call whose every use ignores them (see [`UNORDERED`]).
    pub unordered: bool,
    /// Whether its value keeps, of an object's cells at one position, the
    /// largest colour only (`-> Object painted`): chosen only for a
    /// step's own call whose every use reads the object as `paint` does
    /// (see [`templates::PAINTED_SINKS`]).
    pub painted: bool,
    /// The C++ function it calls.
    cxx: String,
}

impl Overload {
    /// `fill(Grid, Int, Indices) -> Grid`, `apply(Fn[Object -> Int],
    /// Objects) -> Colours`.
    pub fn signature(&self) -> String {
        let params: Vec<String> = self
            .params
            .iter()
            .enumerate()
            .map(|(k, t)| match &self.callable {
                Some((at, r)) if *at == k => match &self.second {
                    Some(u) => format!("Fn[{}, {} -> {}]", t.name(), u.name(), r.name()),
                    None => format!("Fn[{} -> {}]", t.name(), r.name()),
                },
                _ => t.name().to_owned(),
            })
            .collect();
        let view = if self.clipped {
            " clipped"
        } else if self.unordered {
            " unordered"
        } else if self.painted {
            " painted"
        } else {
            ""
        };
        format!(
            "{}({}) -> {}{view}",
            self.prim,
            params.join(", "),
            self.ret.name()
        )
    }
}

/// The library's kernels: first-order overloads (kernel `n` is
/// `batt_step_<n>`) and higher-order ones with one callable of one
/// argument (`batt_hof_record_<n>` and `batt_hof_replay_<n>`), each in
/// template name order and then the order each template declares them.
#[derive(Debug, Clone)]
pub struct Overloads {
    /// First-order.
    pub first: Vec<Overload>,
    /// Higher-order.
    pub higher: Vec<Overload>,
}

/// Every overload the library has a kernel for (read from the templates
/// once per thread; their types share `Rc`s, so a copy for each caller).
pub fn overloads() -> Result<Overloads, String> {
    thread_local! {
        static OVERLOADS: std::cell::OnceCell<Result<Overloads, String>> =
            const { std::cell::OnceCell::new() };
    }
    OVERLOADS.with(|o| o.get_or_init(read_overloads).clone())
}

/// [`overloads`], read from the templates.
fn read_overloads() -> Result<Overloads, String> {
    let templates = templates::templates()?;
    let mut names: Vec<&&'static str> = templates.keys().collect();
    names.sort_unstable();
    let mut first = Vec::new();
    let mut higher = Vec::new();
    for name in names {
        for sig in &templates[*name].sigs {
            if sig.params.len() > MAX_ARGS {
                continue;
            }
            let mut params = Vec::new();
            let mut callable = None;
            let mut second = None;
            let mut usable = true;
            for (k, p) in sig.params.iter().enumerate() {
                match p {
                    ParamTy::Value(t) => params.push(t.clone()),
                    ParamTy::Fn(args, r)
                        if (args.len() == 1 || args.len() == 2) && callable.is_none() =>
                    {
                        params.push(args[0].clone());
                        second = args.get(1).cloned();
                        callable = Some((k, r.clone()));
                    }
                    ParamTy::Fn(..) => usable = false,
                }
            }
            if !usable {
                continue;
            }
            let o = Overload {
                prim: name,
                params,
                ret: sig.ret.clone(),
                callable,
                second,
                clipped: sig.view == View::Clipped,
                unordered: sig.view == View::Unordered,
                painted: sig.view == View::Painted,
                cxx: sig.cxx.clone(),
            };
            if o.callable.is_some() && o.clipped {
                continue;
            }
            if o.callable.is_some() {
                higher.push(o);
            } else {
                first.push(o);
            }
        }
    }
    Ok(Overloads { first, higher })
}

/// The bytes of a value of a device type (its C++ `sizeof`, which the
/// library asserts).
pub fn size_of(ty: &Ty) -> u32 {
    match ty {
        Ty::Int => 8,
        Ty::Bool => 1,
        Ty::Colours => 8,
        Ty::Pair => 16,
        Ty::Cell => 24,
        Ty::PairPair => 32,
        Ty::Grid => 912,
        Ty::Indices => 128,
        Ty::Object => 1024,
        Ty::Objects | Ty::ObjTuple => 2704,
        Ty::Ints => 1040,
        Ty::PosPairs => 4112,
        Ty::Grids | Ty::GridSet => 2832,
        Ty::Patches => 16400,
        Ty::Pairs | Ty::Runs | Ty::RunsTuple => 2064,
        Ty::PairRows => 1824,
        Ty::ObjPairs => 9520,
        Ty::ObjPair => 2048,
        Ty::ObjList => 4112,
        Ty::Offsets => 2064,
        Ty::ObjBag | Ty::ObjSeq | Ty::ObjMerged => 5920,
        Ty::PatchBag | Ty::PatchSeq => 10256,
        Ty::OffsetsSet => 32848,
        Ty::Frontiers => 80,
        Ty::FrontiersPair => 160,
        Ty::Rect => 32,
        Ty::Rects => 4112,
        Ty::ObjAt => 1040,
        Ty::GridInts => 3888,
        Ty::GridInt => 928,
        Ty::ObjInts => 3760,
        Ty::ObjInt => 1040,
        Ty::ObjTuplePairs => 5424,
        Ty::RowInts => 1968,
        Ty::RowInt => 1056,
    }
}

/// Every device type that has a size, for the library's assertions.
const SIZED: &[Ty] = &[
    Ty::Int,
    Ty::Bool,
    Ty::Colours,
    Ty::Pair,
    Ty::Cell,
    Ty::PairPair,
    Ty::Grid,
    Ty::Indices,
    Ty::Object,
    Ty::Objects,
    Ty::ObjTuple,
    Ty::Ints,
    Ty::PosPairs,
    Ty::Offsets,
    Ty::ObjBag,
    Ty::ObjSeq,
    Ty::ObjMerged,
    Ty::PatchBag,
    Ty::PatchSeq,
    Ty::OffsetsSet,
    Ty::Frontiers,
    Ty::FrontiersPair,
    Ty::Rect,
    Ty::Rects,
    Ty::ObjAt,
    Ty::Grids,
    Ty::GridSet,
    Ty::Patches,
    Ty::Pairs,
    Ty::Runs,
    Ty::RunsTuple,
    Ty::PairRows,
    Ty::ObjPairs,
    Ty::ObjPair,
    Ty::ObjList,
    Ty::GridInts,
    Ty::GridInt,
    Ty::ObjInts,
    Ty::ObjInt,
    Ty::ObjTuplePairs,
    Ty::RowInts,
    Ty::RowInt,
];

/// The one safe default a device type holds (the empty value or zero),
/// as C++.
fn type_default(ty: &Ty) -> Option<&'static str> {
    [
        SafeDefault::Zero,
        SafeDefault::False,
        SafeDefault::EmptyTuple,
        SafeDefault::EmptySet,
    ]
    .into_iter()
    .find_map(|d| templates::default_of(ty, d))
}

/// A kernel's line writing its type's safe default where it failed and
/// its descriptor says the type holds it (flag bit 0); an integer's
/// failure held as `()` where bit 4 says so (`BATT_UNIT_INT`).
fn fail_default(ty: &Ty) -> String {
    let t = ty.cxx();
    match type_default(ty) {
        Some(d) if matches!(ty, Ty::Int) => format!(
            "    if (ok.err && (d.defaults & 1)) new (out) {t}((d.defaults & 16) ? BATT_UNIT_INT : {d});\n"
        ),
        Some(d) => format!("    if (ok.err && (d.defaults & 1)) new (out) {t}({d});\n"),
        // A pair's `0` (an arithmetic step's) held as the origin, which its
        // uses read as they read `0` (`ZERO_AS_ORIGIN`) or fail on; its `()`
        // held as a pair no position has where bit 4 says so
        // (`BATT_UNIT_PAIR`).
        None if matches!(ty, Ty::Pair) => "    if (ok.err && (d.defaults & 1)) \
             new (out) Pair((d.defaults & 16) ? BATT_UNIT_PAIR : Pair{0, 0});\n"
            .to_owned(),
        None => String::new(),
    }
}

/// Where a two-argument callable's second argument is in an element
/// lane's record (after the first).
fn second_offset(first: &Ty) -> u32 {
    size_of(first).next_multiple_of(16)
}

/// Whether a type's values are passed by value (registers) rather than
/// read in place from their slot.
fn small(ty: &Ty) -> bool {
    matches!(
        ty,
        Ty::Int | Ty::Bool | Ty::Pair | Ty::Cell | Ty::PairPair | Ty::Colours
    )
}

/// The helpers every kernel uses; their layouts are the descriptors
/// [`StepPlan::descriptors`] writes.
const HELPERS: &str = r#"
// --- the step-major engine (batt-gen/src/step_kernels.rs)

// Where an argument comes from: kind 0 a value record (a: the value's
// offset in it, b: the record's bytes; `outer` set: the lane's sample's
// record, else the lane's own), 1 the sample's input grid, 2 an integer a,
// 3 a pair (a, b), 4 a record's bool read as an integer, 5 a record's
// integer read as a bool, 6 a value the host folded, whose bytes start a
// bytes from the input grids (a < 0: they lie just before them).
struct StepArg {
    long long a;
    long long b;
    int kind;
    int outer;
};

// One step: where its value goes (offset, record bytes), its status row,
// its flags (bit 0: its type holds its safe default; bit 1: a `valmax` or
// `valmin` whose key fails on an integer; bit 2: a `()` it gives as its
// value, which its form cannot hold, fails every use, see
// `Flag::empty_tuple`; bit 3: a poisoned argument gives it such a value
// rather than failing it, an integer for an integer; bit 4: an integer's
// failure is held as BATT_UNIT_INT, its `()`; bit 5: its `None` is held
// as BATT_NONE_INT, see `Flag::none`; bits 8..: the status row plus one
// of the grid too large it passes on, see `step_pass_big`), its
// arguments, and
// for each argument whose step's
// failure (or `()`) fails this one (its `()` no device form holds, every
// use fails on it) that step's status row plus one, else 0.
struct StepDesc {
    long long out;
    long long out_stride;
    int status;
    int defaults;
    StepArg arg[4];
    int poison[4];
};

// A failed integer step's `()` where every use compares it (`equality`
// with another integer: `()` equals only `()`) or fails on it: an integer
// no other value takes (the checked arithmetic reaches -2^63 only as an
// exact product or sum).
#define BATT_UNIT_INT ((i64)(-9223372036854775807LL - 1))
// A pair's `()` where flag bit 4 says so: a pair no position has.
#define BATT_UNIT_PAIR (Pair{BATT_UNIT_INT, BATT_UNIT_INT})

// One program: where its output is (a record's offset and bytes, or the
// input when input_out), and its steps (for the failed count):
// prog_steps[first .. first + count]. An output of kind 1 is a tuple of
// runs (`RunsTuple`), made a grid (`runstuple_to_grid`). out_row: the
// status row of the step giving the output, plus one (0: the input).
// big_chain: bit 0, every read of a grid too large in the program passes
// it on (`step_pass_big`, `big_chains`), so a lane whose steps left are all
// such grids, the output's too, is settled but for that grid; bit 1, every
// read of rows of different widths in it fails on them as batt's does
// (`ragged_reads_fail`), so such rows (status 2|16|32) leave nothing else
// unknown.
struct StepProgram {
    long long out;
    long long out_stride;
    int input_out;
    int first;
    int count;
    int out_kind;
    int out_row;
    int big_chain;
};

// Lanes of one level: n lanes whose values are in `slots` (records of
// `b` bytes, a value at offset `a`). A value `outer` levels up is in
// lv.rec[outer], at the lane reached through lv.up[0 .. outer] (each maps
// a lane to its enclosing level's; none: the same lane, as a call of a
// callable value's lanes are the samples'). The sample level has no
// levels above it.
struct StepLevels {
    const u8* rec[4];
    const int* up[4];
};

BATT_DEVICE StepLevels step_levels_top(const u8* slots) {
    StepLevels lv;
    for (int d = 0; d < 4; d++) {
        lv.rec[d] = slots;
        lv.up[d] = nullptr;
    }
    return lv;
}

// The sample of a lane: up every level (the chain ends at the samples).
BATT_DEVICE long long step_sample(const StepLevels& lv, long long lane) {
    long long i = lane;
    for (int d = 0; d < 4 && lv.up[d]; d++) i = lv.up[d][i];
    return i;
}

BATT_DEVICE const u8* step_at(const StepArg& a, const u8* slots, const StepLevels& lv, long long lane) {
    if (a.outer == 0) return slots + a.a + lane * a.b;
    long long i = lane;
    for (int d = 0; d < a.outer; d++)
        if (lv.up[d]) i = lv.up[d][i];
    return lv.rec[a.outer] + a.a + i * a.b;
}

template <class T>
BATT_DEVICE const T& step_big(const StepArg& a, const u8* slots, const StepLevels& lv, long long lane,
                              const Grid* inputs) {
    if (a.kind == 1) return *(const T*)(const void*)&inputs[step_sample(lv, lane)];
    if (a.kind == 6) return *(const T*)(const void*)((const u8*)(const void*)inputs + a.a);
    return *(const T*)(const void*)step_at(a, slots, lv, lane);
}

BATT_DEVICE i64 step_int(const StepArg& a, const u8* slots, const StepLevels& lv, long long lane) {
    if (a.kind == 2) return (i64)a.a;
    if (a.kind == 4) return *(const bool*)step_at(a, slots, lv, lane) ? 1 : 0;
    return *(const i64*)(const void*)step_at(a, slots, lv, lane);
}

BATT_DEVICE bool step_bool(const StepArg& a, const u8* slots, const StepLevels& lv, long long lane) {
    if (a.kind == 2) return a.a != 0;
    if (a.kind == 5) return *(const i64*)(const void*)step_at(a, slots, lv, lane) != 0;
    return *(const bool*)step_at(a, slots, lv, lane);
}

BATT_DEVICE Pair step_pair(const StepArg& a, const u8* slots, const StepLevels& lv, long long lane) {
    if (a.kind == 3) return Pair{(i64)a.a, (i64)a.b};
    return *(const Pair*)(const void*)step_at(a, slots, lv, lane);
}

template <class T>
BATT_DEVICE T step_small(const StepArg& a, const u8* slots, const StepLevels& lv, long long lane) {
    return *(const T*)(const void*)step_at(a, slots, lv, lane);
}

BATT_DEVICE void* step_out(const StepDesc& d, u8* slots, long long lane) {
    return slots + d.out + lane * d.out_stride;
}

// Whether poison row k of step d fails it on this lane: the row's step
// failed (or gave a `()`, status 8) and no empty patch excuses it.
BATT_DEVICE bool step_row_fails(const StepDesc& d, int k, const u8* status, long long n,
                                long long lane, const u8* slots) {
    const int row = (d.poison[k] & 0x0fffffff) - 1, unless = (d.poison[k] >> 28) & 7;
    if (!(status[(long long)row * n + lane] & 9)) return false;
    if (unless > 4) {
        // A tuple of pairs or of integers (`UNLESS_COUNTED`), its count
        // first.
        const StepArg& a = d.arg[unless - 5];
        if (*(const int*)(const void*)(slots + a.a + lane * a.b) == 0) return false;
    } else if (unless > 0) {
        // A step's own call or higher-order step (only those are
        // poisoned) reads its arguments from the sample's record;
        // Indices, Object and ObjAt (an Object first) start with their
        // row masks.
        const StepArg& a = d.arg[unless - 1];
        const u32* r = (const u32*)(const void*)(slots + a.a + lane * a.b);
        u32 any = 0;
#pragma unroll 1
        for (int i = 0; i < BATT_N; i++) any |= r[i];
        if (!any) return false;
    }
    return true;
}

// A step whose argument's step failed with a `()` no device form holds,
// or gave that `()` as its value (status 8), fails too, whatever its
// value; what the stand-in did to its flags does not count
// (`StepDesc::poison`: the step's status row plus one, and in bits 28..30
// the place plus one of an argument, a set of positions or an object,
// whose emptiness excuses it: `shift` of an empty patch by `()` is the
// patch, which the kernel gave).
BATT_DEVICE void step_poison(const StepDesc& d, const u8* status, long long n, long long lane,
                             const u8* slots, Flag& ok) {
    bool escalate = false;
    for (int k = 0; k < 4; k++) {
        if (!d.poison[k] || !step_row_fails(d, k, status, n, lane, slots)) continue;
        // The sign bit: another use of the step fails on its `()`, this
        // one would not: the lane goes to the CPU.
        if (d.poison[k] < 0) {
            escalate = true;
            continue;
        }
        if (d.defaults & 8) {
            // A step passing the DSL's integer on (`sign` of a failed
            // `subtract`'s `0`): it does not fail, its uses do.
            ok.err = false;
            ok.cap = true;
            ok.unit = true;
            ok.big = false;
            continue;
        }
        ok.only_error();
    }
    if (escalate) {
        ok.err = false;
        ok.cap = true;
        ok.unit = false;
        ok.big = false;
    }
}

// Whether a poison row of a higher-order step fails it on this lane
// (`HofCall::poison`: rows excused only by an empty container), read
// before its template runs: only the answer stays live through it.
BATT_DEVICE bool step_poisoned(const StepDesc& d, const u8* status, long long n, long long lane,
                               const u8* slots) {
    bool failed = false;
    for (int k = 0; k < 4; k++)
        if (d.poison[k] && step_row_fails(d, k, status, n, lane, slots)) failed = true;
    return failed;
}

BATT_DEVICE void step_status(const StepDesc& d, u8* status, long long n, long long lane,
                             const Flag& ok) {
    u8 st = 0;
    if (ok.err) st |= (d.defaults & 1) ? 1 : 4;
    // A value `oversize` or `empty_tuple` marked, and nothing else.
    if (ok.cap) st |= ok.err ? 2 : ok.big ? (ok.ragged ? 2 | 16 | 32 : 2 | 16) : ok.unit && (d.defaults & 4) ? 8 : 2;
    status[(long long)d.status * n + lane] = st;
}

// Whether a grid step's first argument is a grid too large for the frame
// (status 2|16) that it passes on (`KernelCall::big_from`, its status row
// plus one in bits 8.. of the flags).
BATT_DEVICE bool step_big_from(const StepDesc& d, const u8* status, long long n, long long lane) {
    const int row = (d.defaults >> 8) - 1;
    return row >= 0 && status[(long long)row * n + lane] == (2 | 16);
}

// An integer a step passing a grid too large on reads within i8, where
// PASS_BIG's primitives never fail on one.
BATT_DEVICE bool step_int_small(i64 v) { return v >= -128 && v <= 127; }

// Such a step's value is a grid too large too, of its first argument's
// shape (turned where the step turns it), whatever its kernel made of the
// stand-in (its other arguments cannot fail it): its own stand-in.
BATT_DEVICE void step_pass_big(Flag& ok, Grid* out, const Grid& first, bool turns) {
    int h, w;
    bool ragged;
    big_shape(first, h, w, ragged);
    ok = Flag{};
    *out = turns ? grid_too_big(w, h, ok) : grid_too_big(h, w, ok);
}

// A value of zero bytes (the empty value of every form): what the record
// kernels' callables give.
template <class T>
BATT_DEVICE T step_zero() {
    T t;
    zero_bytes(&t, sizeof(T));
    return t;
}

// The most elements a higher-order step's record notes for one lane: more
// than any container of the device forms holds (900 cells), fewer than a
// product of two of them can give. Past it the callable marks the step
// full (the lane goes to the CPU; a template that sees it stops), and the
// replay, not finding the elements after it, does the same.
#define BATT_RECORD_CAP 1024

// A higher-order step's element lanes on a sample: lanes starts[s] ..
// starts[s] + counts[s], each a record of `stride` bytes holding the
// element at offset 0 and the callable's sub-steps after it.
struct StepElems {
    const int* counts;
    const long long* starts;
    u8* elems;
    long long stride;
};

// Equality of two elements, by value (a form's unused bytes may hold
// anything: never byte for byte).
BATT_DEVICE bool step_eq(const i64& a, const i64& b) { return a == b; }
BATT_DEVICE bool step_eq(const bool& a, const bool& b) { return a == b; }
BATT_DEVICE bool step_eq(const Cell& a, const Cell& b) { return b_eq(a, b); }
BATT_DEVICE bool step_eq(const Colours& a, const Colours& b) { return b_eq(a, b); }
BATT_DEVICE bool step_eq(const Grid& a, const Grid& b) { return b_eq(a, b); }
BATT_DEVICE bool step_eq(const Grids& a, const Grids& b) { return b_eq(a, b); }
BATT_DEVICE bool step_eq(const Indices& a, const Indices& b) { return b_eq(a, b); }
BATT_DEVICE bool step_eq(const Ints& a, const Ints& b) { return b_eq(a, b); }
BATT_DEVICE bool step_eq(const ObjTuple& a, const ObjTuple& b) { return b_eq(a, b); }
BATT_DEVICE bool step_eq(const Object& a, const Object& b) { return b_eq(a, b); }
BATT_DEVICE bool step_eq(const Objects& a, const Objects& b) { return b_eq(a, b); }
BATT_DEVICE bool step_eq(const Pair& a, const Pair& b) { return b_eq(a, b); }
BATT_DEVICE bool step_eq(const PairPair& a, const PairPair& b) { return b_eq(a, b); }
BATT_DEVICE bool step_eq(const PairRows& a, const PairRows& b) { return b_eq(a, b); }
BATT_DEVICE bool step_eq(const Pairs& a, const Pairs& b) { return b_eq(a, b); }
BATT_DEVICE bool step_eq(const Patches& a, const Patches& b) { return b_eq(a, b); }
BATT_DEVICE bool step_eq(const PosPairs& a, const PosPairs& b) { return b_eq(a, b); }
BATT_DEVICE bool step_eq(const Offsets& a, const Offsets& b) { return b_eq(a, b); }
BATT_DEVICE bool step_eq(const GridInt& a, const GridInt& b) { return b_eq(a, b); }
BATT_DEVICE bool step_eq(const ObjInt& a, const ObjInt& b) { return b_eq(a, b); }
BATT_DEVICE bool step_eq(const RowInt& a, const RowInt& b) { return b_eq(a, b); }
BATT_DEVICE bool step_eq(const ObjPair& a, const ObjPair& b) { return b_eq(a, b); }
BATT_DEVICE bool step_eq(const Frontiers& a, const Frontiers& b) { return b_eq(a, b); }
BATT_DEVICE bool step_eq(const Rect& a, const Rect& b) { return b_eq(a, b); }

// Which element lane holds `e` (the record's order first, from `cur`), or -1.
template <class E>
BATT_DEVICE int step_find(const StepElems& el, int s, const E& e, int cur) {
    const u8* base = el.elems + el.starts[s] * el.stride;
    const int n = el.counts[s];
    if (cur < n && step_eq(*(const E*)(const void*)(base + (long long)cur * el.stride), e)) return cur;
    for (int k = 0; k < n; k++)
        if (step_eq(*(const E*)(const void*)(base + (long long)k * el.stride), e)) return k;
    return -1;
}

// A sub-step's guard: its errors count only where a condition of the
// sample (a record's bool or integer, or an immediate) is `want` (a
// branch of a `branch` of callables); `active` 0: always. `reads`: the
// sub-steps of the same body whose values it reads, directly or through
// others (bit r for sub-step r; all bits where one is past the 64th).
struct StepGuard {
    StepArg cond;
    int active;
    int want;
    unsigned long long reads;
};

// Which element lane holds the pair (`e`, and `f` at `off`), or -1.
template <class E, class F>
BATT_DEVICE int step_find2(const StepElems& el, int s, const E& e, long long off, const F& f, int cur) {
    const u8* base = el.elems + el.starts[s] * el.stride;
    const int n = el.counts[s];
    auto holds = [&](int k) {
        const u8* r = base + (long long)k * el.stride;
        return step_eq(*(const E*)(const void*)r, e) && step_eq(*(const F*)(const void*)(r + off), f);
    };
    if (cur < n && holds(cur)) return cur;
    for (int k = 0; k < n; k++)
        if (holds(k)) return k;
    return -1;
}

// The callable's errors on element lane `e_lane`: any of its sub-steps'
// whose guard holds (the guard read where the enclosing call runs: `lane`
// of `slots`, levels `lv`). An error of a sub-step that holds its value,
// and whose every argument is made of values the device holds, is the
// DSL's: the DSL evaluates every sub-step whose guard holds (a callable's
// arguments are values, made before its call) unless an error ends the
// call earlier, so the call fails whatever the values the device could
// not hold, and only fails. Gives whether it fails so.
BATT_DEVICE bool step_elem_status(const u8* estatus, int n_sub, long long n_lanes, long long e_lane,
                                  const StepGuard* guards, const u8* slots, const StepLevels& lv,
                                  long long lane, Flag& ok) {
    unsigned long long held_not = 0;
    bool failed = false, full = false, fails = false;
    for (int r = 0; r < n_sub; r++) {
        const StepGuard& g = guards[r];
        if (g.active && step_bool(g.cond, slots, lv, lane) != (g.want != 0)) continue;
        const u8 st = estatus[(long long)r * n_lanes + e_lane];
        if (st & 2) {
            full = true;
            held_not |= r < 64 ? 1ull << r : ~0ull;
        }
        // 8: a `()` given as its value that a sub-step run whatever the
        // guards say fails on (`KernelCall::empty_fails`).
        if (st & (5 | 8)) {
            failed = true;
            fails = fails || (!(st & 2) && !(g.reads & held_not));
        }
    }
    if (failed) ok = false;
    if (full && !fails) ok.full();
    return fails || (failed && !full);
}

// Each (program, sample) lane: its output grid, and in its record the flag
// (1: the output is the lane's value; 0: a value the device cannot hold;
// 2: a failed step whose default it cannot hold; 3: the output alone is a
// grid larger than the device's, which equals no expected output the
// device holds, and the failed count is right), the failed count and the
// output's hash.
BATT_KERNEL batt_step_lanes(const StepProgram* progs, const int* prog_steps, int n_progs, int n,
                            const u8* slots, const Grid* inputs, const u8* status, Grid* outs,
                            LaneScore* results) {
    const long long t = BATT_LANE;
    if (t >= (long long)n_progs * n) return;
    const StepProgram& p = progs[t / n];
    const int s = (int)(t % n);
    int failed = 0, left = 0, big = 0;
    bool full = false, nodefault = false;
    for (int k = 0; k < p.count; k++) {
        const u8 st = status[(long long)prog_steps[p.first + k] * n + s];
        // Rows of different widths whose every read failed on them.
        if ((p.big_chain & 2) && st == (2 | 16 | 32)) continue;
        failed += st & 1;
        full = full || (st & 2);
        nodefault = nodefault || (st & 4);
        left += (st & 6) ? 1 : 0;
        big += st == (2 | 16) ? 1 : 0;
    }
    // The one step left is the output's, a grid (or rows) too large:
    // nothing else differs from the CPU. Or, where the program reads a
    // grid too large only to pass it on (`big_chain`), every step left is
    // one, the output's too.
    const u8 out_st = p.out_row > 0 ? status[(long long)(p.out_row - 1) * n + s] : 0;
    const bool oversize = full && !nodefault && p.out_row > 0 && p.out_kind == 0 &&
                          ((left == 1 && (out_st & ~32) == (2 | 16)) ||
                           ((p.big_chain & 1) && big == left && out_st == (2 | 16)));
    const u8* at = slots + p.out + (long long)s * p.out_stride;
    Grid out;
    if (p.input_out == 2) {
        out = *(const Grid*)(const void*)((const u8*)(const void*)inputs + p.out);
    } else if (p.input_out) {
        out = inputs[s];
    } else if (p.out_kind == 1) {
        Lane made = {false, false, 0};
        out = runstuple_grid(*(const RunsTuple*)(const void*)at, made);
        full = full || made.cap;
    } else {
        out = *(const Grid*)(const void*)at;
    }
    grid_clean(out);
    outs[t] = out;
    LaneScore r;
    r.hash = grid_hash(out);
    r.failed = failed;
    r.scored = 0;
    r.flag = oversize ? 3 : full ? 0 : nodefault ? 2 : 1;
    r.match = 0;
    r.empty = out.h == 0 && !oversize ? 1 : 0;
    r.folded = 0;
    for (int b = 0; b < 4; b++) r.pad[b] = 0;
    results[t] = r;
}

// A differ's score in a score lane: kind 0 none (the CPU scores it), 1 an
// integer at result_off, 4 a bool read as an integer; its sub-steps are
// the score lanes' status rows first .. end and the expected lanes' rows
// c_first .. c_end.
struct StepDiffer {
    long long result_off;
    int kind;
    int first;
    int end;
    int c_first;
    int c_end;
    int pad;
};

// Score lane k of a batch of n samples scores lane which[k] (program p on
// sample s, p * n + s): that lane's output is its element. Threads k < n
// also put sample k's expected output in its expected lane (`c_elems`,
// records of c_stride bytes), one the device has none of as the empty
// grid.
BATT_KERNEL batt_score_gather(const Grid* outs, const int* which, int n_which, const Grid* expected, int n,
                              u8* c_elems, long long c_stride, u8* elems, long long stride) {
    const long long k = BATT_LANE;
    if (k < n_which) new (elems + k * stride) Grid(outs[which[k]]);
    if (k < n) {
        Grid c = expected[k];
        if (c.h < 0) c = grid_empty();
        new (c_elems + k * c_stride) Grid(c);
    }
}

// The result of lane t = which[k] (results[t], as batt_step_lanes wrote
// it) scored: a lane whose output is its
// value, not empty, and whose sample's expected output the device has is
// compared with it, and each differ on the device gives its score (bit d
// of `scored`, scores[t * n_scores + d]) unless a status of its sub-steps
// meets that row's mask (masks[row]).
BATT_KERNEL batt_score_lanes(const StepDiffer* differs, int n_differs, int n_scores, const int* which,
                             int n_which, int n, const u8* elems, long long stride, const u8* estatus,
                             const u8* masks, const u8* c_status, const u8* c_masks, const Grid* expected,
                             LaneScore* results, i64* scores) {
    const long long k = BATT_LANE;
    if (k >= n_which) return;
    const long long t = which[k], s = t % n;
    LaneScore r = results[t];
    const u8* rec = elems + k * stride;
    const Grid& out = *(const Grid*)(const void*)rec;
    if (r.flag == 1 && out.h > 0 && expected[s].h >= 0) {
        r.match = b_eq(out, expected[s]) ? 1 : 0;
        for (int d = 0; d < n_differs; d++) {
            const StepDiffer& f = differs[d];
            if (f.kind == 0) continue;
            u8 st = 0;
            for (int row = f.first; row < f.end; row++) st |= estatus[(long long)row * n_which + k] & masks[row];
            for (int row = f.c_first; row < f.c_end; row++) st |= c_status[(long long)row * n + s] & c_masks[row];
            if (st) continue;
            const u8* v = rec + f.result_off;
            scores[t * n_scores + d] = f.kind == 4 ? (*(const bool*)v ? 1 : 0) : *(const i64*)(const void*)v;
            r.scored |= 1u << d;
        }
    }
    results[t] = r;
}

// Thread (k, g) folds program k's lanes on the demonstration samples of
// task group g (samples group_start[g] .. group_start[g + 1] of the
// batch's n) into folds[k * n_groups + g]: each lane the host asked for
// (wanted[t]) whose output is its value, not empty, and whose sample's
// expected output the device has, when its every differ is scored
// (scored == complete; any lane when the card has no differs). Its match
// and scores are those of lane rep[t], the scored lane of its output;
// its failed count its own. Where the card has no differs, a lane whose
// output alone is a grid too large (flag 3) folds too, unmatched: nothing
// reads its grid. A folded lane is marked in its result, and the host
// reads its figures only from the fold.
BATT_KERNEL batt_fold_tasks(LaneScore* results, const int* rep, const i64* scores, int n_scores,
                            int n_differs, int complete, const u8* wanted, const int* group_start,
                            int n_groups, const u8* demo, const Grid* expected, int n_progs, int n,
                            TaskFold* folds) {
    const long long id = BATT_LANE;
    if (id >= (long long)n_progs * n_groups) return;
    const long long k = id / n_groups;
    const int g = (int)(id % n_groups);
    TaskFold f;
    f.sum_lo = 0;
    f.sum_hi = 0;
    f.failed = 0;
    f.lanes = 0;
    f.matched = 0;
    for (int s = group_start[g]; s < group_start[g + 1]; s++) {
        const long long t = k * n + s;
        LaneScore& own = results[t];
        if (!wanted[t] || !demo[s] || expected[s].h < 0 || own.empty) continue;
        if (own.flag == 3 && n_differs == 0) {
            f.failed += own.failed;
            f.lanes += 1;
            own.folded = 1;
            continue;
        }
        if (own.flag != 1) continue;
        const LaneScore& r = results[rep[t]];
        if (n_differs > 0 && r.scored != (u32)complete) continue;
        for (int d = 0; d < n_differs; d++) {
            const i64 v = scores[(long long)rep[t] * n_scores + d];
            const unsigned long long lo = f.sum_lo + (unsigned long long)v;
            f.sum_hi += (v < 0 ? -1 : 0) + (lo < f.sum_lo ? 1 : 0);
            f.sum_lo = lo;
        }
        f.failed += own.failed;
        f.lanes += 1;
        f.matched += r.match;
        own.folded = 1;
    }
    folds[id] = f;
}

// The lanes' grids the host asks for, packed: packed[k] = outs[which[k]].
BATT_KERNEL batt_step_gather(const Grid* outs, const int* which, int n, Grid* packed) {
    const long long k = BATT_LANE;
    if (k >= n) return;
    packed[k] = outs[which[k]];
}
"#;

/// How a kernel reads parameter `k` of type `t` (in `lane`).
fn read_arg(k: usize, t: &Ty) -> String {
    let at = "slots, lv, lane";
    match t {
        Ty::Int => format!("step_int(d.arg[{k}], {at})"),
        Ty::Bool => format!("step_bool(d.arg[{k}], {at})"),
        Ty::Pair => format!("step_pair(d.arg[{k}], {at})"),
        t if small(t) => format!("step_small<{}>(d.arg[{k}], {at})", t.cxx()),
        t => format!("step_big<{}>(d.arg[{k}], {at}, inputs)", t.cxx()),
    }
}

/// The library's entry points by name: the first-order kernels, each
/// higher-order overload's record and replay, the joins, the lanes kernel.
pub fn entries() -> Result<Vec<String>, String> {
    let o = overloads()?;
    let mut names: Vec<String> = (0..o.first.len())
        .map(|k| format!("batt_step_{k}"))
        .collect();
    for k in 0..o.higher.len() {
        names.push(format!("batt_hof_record_{k}"));
        names.push(format!("batt_hof_replay_{k}"));
    }
    names.extend((0..SIZED.len()).map(|k| format!("batt_call_{k}")));
    names.push("batt_step_lanes".into());
    names.push("batt_score_gather".into());
    names.push("batt_score_lanes".into());
    names.push("batt_step_gather".into());
    names.push("batt_fold_tasks".into());
    Ok(names)
}

/// The library source: the prelude, every template, a kernel per
/// first-order overload (`batt_step_<n>`), a record and a replay kernel
/// per higher-order one (`batt_hof_record_<n>`, `batt_hof_replay_<n>`),
/// and `batt_step_lanes`. The same for every card: compiled once per
/// toolkit and architecture. Compiled as host C++ it also defines the
/// kernels' tables by number, for the host driver.
pub fn library() -> Result<String, String> {
    let templates = templates::templates()?;
    let Overloads { first, higher } = overloads()?;
    let ordered = templates::ordered_templates(
        &templates,
        first.iter().chain(&higher).map(|o| o.prim.to_owned()),
    )?;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// @generated by batt-gen (step_kernels.rs): the step-major engine's kernels,\n\
         // one per first-order overload of the primitive templates ({} kernels) and\n\
         // two per higher-order one with one callable ({} overloads).\n",
        first.len(),
        higher.len()
    );
    out.push_str(templates::PRELUDE);
    for name in &ordered {
        let _ = writeln!(out, "\n// --- template: {name}");
        out.push_str(templates[name].text);
    }
    out.push_str(HELPERS);
    out.push('\n');
    for ty in SIZED {
        let _ = writeln!(
            out,
            "static_assert(sizeof({}) == {}, \"the size step_kernels.rs lays out\");",
            ty.cxx(),
            size_of(ty)
        );
    }
    let _ = writeln!(
        out,
        "static_assert(sizeof(StepDesc) == {DESC_BYTES}, \"a step's descriptor\");\n\
         static_assert(sizeof(StepProgram) == {PROGRAM_BYTES}, \"a program's descriptor\");\n\
         static_assert(sizeof(StepGuard) == {GUARD_BYTES}, \"a sub-step's guard\");"
    );
    for (n, o) in first.iter().enumerate() {
        let ret = o.ret.cxx();
        let args: String = o
            .params
            .iter()
            .enumerate()
            .map(|(k, t)| format!("{}, ", read_arg(k, t)))
            .collect();
        let default = fail_default(&o.ret);
        let pass_big = if matches!(o.ret, Ty::Grid) && matches!(o.params.first(), Some(Ty::Grid)) {
            // Its integers (a colour a step gives) within i8, or the grid is
            // left to the CPU.
            let small: String = o
                .params
                .iter()
                .enumerate()
                .filter(|(_, t)| matches!(t, Ty::Int))
                .map(|(k, t)| format!(" && step_int_small({})", read_arg(k, t)))
                .collect();
            format!(
                "    if (step_big_from(d, status, n, lane)) {{\n\
                 \x20       if (true{small}) step_pass_big(ok, out, {}, {});\n\
                 \x20       else ok.full();\n\
                 \x20   }}\n",
                read_arg(0, &Ty::Grid),
                TURN_BIG.contains(&o.prim)
            )
        } else {
            String::new()
        };
        // A `None` or a pair's `()` given as the value, held where the
        // step's flags say so.
        let held = match o.ret {
            Ty::Int => "    if (ok.none && !ok.err && (d.defaults & 32)) ok.cap = false;\n",
            Ty::Pair => {
                "    if (ok.unit && !ok.err && (d.defaults & 16)) {\n\
                 \x20       ok.cap = ok.unit = false;\n\
                 \x20       *out = BATT_UNIT_PAIR;\n\
                 \x20   }\n"
            }
            _ => "",
        };
        let _ = write!(
            out,
            "\n// {sig}\n\
             BATT_KERNEL batt_step_{n}(const StepDesc* steps, int n_steps, long long n, u8* slots,\n\
             \x20                        StepLevels lv, const Grid* inputs, u8* status) {{\n\
             \x20   const long long t = BATT_LANE;\n\
             \x20   if (t >= (long long)n_steps * n) return;\n\
             \x20   const StepDesc& d = steps[t / n];\n\
             \x20   const long long lane = t % n;\n\
             \x20   Flag ok = {{false, false}};\n\
             \x20   {ret}* out = ({ret}*)step_out(d, slots, lane);\n\
             \x20   new (out) {ret}({cxx}({args}ok));\n\
             {held}\
             \x20   step_poison(d, status, n, lane, slots, ok);\n\
             {default}\
             {pass_big}\
             \x20   step_status(d, status, n, lane, ok);\n\
             }}\n",
            sig = o.signature(),
            cxx = o.cxx,
        );
    }
    for (n, o) in higher.iter().enumerate() {
        let ret = o.ret.cxx();
        let Some((at, r)) = &o.callable else { continue };
        let e = o.params[*at].cxx();
        let r = r.cxx();
        // The callable's arguments as the lambdas take them, where the
        // record writes them, and how the replay finds them.
        let (decl_record, decl_replay, store, find) = match &o.second {
            None => (
                format!("const {e}& x, Flag& fok"),
                format!("const {e}& x, Flag& fok"),
                format!("new (to + (long long)count * el.stride) {e}(x);"),
                "step_find(el, (int)lane, x, cur)".to_owned(),
            ),
            Some(u) => {
                let u = u.cxx();
                let off = second_offset(&o.params[*at]);
                (
                    format!("const {e}& x, const {u}& y, Flag& fok"),
                    format!("const {e}& x, const {u}& y, Flag& fok"),
                    format!(
                        "{{ u8* at = to + (long long)count * el.stride; new (at) {e}(x); new (at + {off}) {u}(y); }}"
                    ),
                    format!("step_find2(el, (int)lane, x, {off}, y, cur)"),
                )
            }
        };
        let args = |callable: &str| -> String {
            o.params
                .iter()
                .enumerate()
                .map(|(k, t)| {
                    if k == *at {
                        format!("{callable}, ")
                    } else {
                        format!("{}, ", read_arg(k, t))
                    }
                })
                .collect()
        };
        // The callable's value as the overload's type (a bool's as an
        // integer's, or the other way round, by `result_kind`).
        let result = match r {
            "i64" => "result_kind == 4 ? (i64)*(const bool*)res : *(const i64*)(const void*)res",
            "bool" => "result_kind == 5 ? *(const i64*)(const void*)res != 0 : *(const bool*)res",
            _ => "",
        };
        let result = if result.is_empty() {
            format!("*(const {r}*)(const void*)res")
        } else {
            format!("({result})")
        };
        let default = fail_default(&o.ret);
        // The lambdas copy what they read (the kernel's parameters, the
        // lane) and hold by reference only the counter they change: on an
        // H200, a lambda that read a kernel parameter by reference inside a
        // `__noinline__` template faulted (compute-sanitizer: an invalid
        // local read in `batt_hof_replay_107`, `order`; docs/kernels.md,
        // "The first device runs").
        let _ = write!(
            out,
            "\n// {sig}: the elements the callable is called with, counted (no\n\
             // el.elems) or written to the step's element lanes.\n\
             BATT_KERNEL batt_hof_record_{n}(const StepDesc* steps, int n, const u8* slots,\n\
             \x20                              StepLevels lv, const Grid* inputs, StepElems el,\n\
             \x20                              int* counts) {{\n\
             \x20   const long long lane = BATT_LANE;\n\
             \x20   if (lane >= n) return;\n\
             \x20   const StepDesc& d = steps[0];\n\
             \x20   Flag ok = {{false, false}};\n\
             \x20   int count = 0;\n\
             \x20   const int room = el.elems ? el.counts[lane] : 0;\n\
             \x20   u8* to = el.elems ? el.elems + el.starts[lane] * el.stride : nullptr;\n\
             \x20   auto f = [=, &count]({decl_record}) -> {r} {{\n\
             \x20       if (count >= BATT_RECORD_CAP) {{ fok.full(); return step_zero<{r}>(); }}\n\
             \x20       if (count < room) {store}\n\
             \x20       count++;\n\
             \x20       return step_zero<{r}>();\n\
             \x20   }};\n\
             \x20   (void){cxx}({record}ok);\n\
             \x20   if (!el.elems) counts[lane] = count;\n\
             }}\n\
             \n\
             // {sig}: the template again, the callable's values taken from its\n\
             // element lanes (`res` at result_off in each; the sub-steps' status in\n\
             // estatus, n_sub rows of n_lanes).\n\
             BATT_KERNEL batt_hof_replay_{n}(const StepDesc* steps, int n, u8* slots,\n\
             \x20                              StepLevels lv, const Grid* inputs, u8* status,\n\
             \x20                              StepElems el,\n\
             \x20                              long long result_off, int result_kind,\n\
             \x20                              const u8* estatus, int n_sub, long long n_lanes,\n\
             \x20                              const StepGuard* guards) {{\n\
             \x20   const long long lane = BATT_LANE;\n\
             \x20   if (lane >= n) return;\n\
             \x20   const StepDesc& d = steps[0];\n\
             \x20   Flag ok = {{false, false, (d.defaults & 2) != 0}};\n\
             \x20   // The flag as the first element that failed left it: the DSL's\n\
             \x20   // call ends there, so what the template makes after it is never\n\
             \x20   // made. Where the DSL calls the callable on every element until\n\
             \x20   // one fails ({every}), an element that fails whatever the values\n\
             \x20   // the device could not hold fails the step, and only fails it.\n\
             \x20   const bool every = {every};\n\
             \x20   Flag at_failure = ok;\n\
             \x20   bool failed = false, fails = false;\n\
             \x20   int cur = 0;\n\
             \x20   auto f = [=, &cur, &failed, &fails, &at_failure]({decl_replay}) -> {r} {{\n\
             \x20       if (failed && !every) return step_zero<{r}>();\n\
             \x20       const int k = {find};\n\
             \x20       if (k < 0) {{ fok.full(); return step_zero<{r}>(); }}\n\
             \x20       cur = k + 1;\n\
             \x20       const long long e_lane = el.starts[lane] + k;\n\
             \x20       Flag own = {{false, false}};\n\
             \x20       fails = step_elem_status(estatus, n_sub, n_lanes, e_lane, guards, slots, lv, lane, own) || fails;\n\
             \x20       if (own.err) fok = false;\n\
             \x20       if (own.cap) fok.full();\n\
             \x20       if (own.err && !failed) {{ failed = true; at_failure = fok; }}\n\
             \x20       const u8* res = el.elems + e_lane * el.stride + result_off;\n\
             \x20       return {result};\n\
             \x20   }};\n\
             \x20   const bool poisoned = step_poisoned(d, status, n, lane, slots);\n\
             \x20   {ret}* out = ({ret}*)step_out(d, slots, lane);\n\
             \x20   new (out) {ret}({cxx}({replay}ok));\n\
             \x20   if (every && fails) ok.only_error();\n\
             \x20   else if (failed) ok = at_failure;\n\
             \x20   if (poisoned) ok.only_error();\n\
             {default}\
             \x20   step_status(d, status, n, lane, ok);\n\
             }}\n",
            sig = o.signature(),
            cxx = o.cxx,
            record = args("f"),
            replay = args("f"),
            every = o.prim != "extract",
        );
    }
    for (n, ty) in SIZED.iter().enumerate() {
        let t = ty.cxx();
        let default = fail_default(ty);
        let _ = write!(
            out,
            "\n// A call of a callable value giving {name}: the value its body gave in\n\
             // the sample's lane (`result_off` in it), or the default where a\n\
             // sub-step failed, or a step whose default fails the body\n\
             // (`StepDesc::poison`).\n\
             BATT_KERNEL batt_call_{n}(const StepDesc* steps, int n, u8* slots, u8* status,\n\
             \x20                        const u8* elems, long long stride, long long result_off,\n\
             \x20                        const u8* estatus, int n_sub, const StepGuard* guards) {{\n\
             \x20   const long long lane = BATT_LANE;\n\
             \x20   if (lane >= n) return;\n\
             \x20   const StepDesc& d = steps[0];\n\
             \x20   Flag ok = {{false, false}};\n\
             \x20   const StepLevels lv = step_levels_top(slots);\n\
             \x20   step_elem_status(estatus, n_sub, n, lane, guards, slots, lv, lane, ok);\n\
             \x20   step_poison(d, status, n, lane, slots, ok);\n\
             \x20   {t}* out = ({t}*)step_out(d, slots, lane);\n\
             \x20   new (out) {t}(*(const {t}*)(const void*)(elems + lane * stride + result_off));\n\
             {default}\
             \x20   step_status(d, status, n, lane, ok);\n\
             }}\n",
            name = ty.name(),
        );
    }
    out.push_str("\n#ifdef BATT_HOST\n// The kernels by number, for the host driver.\n");
    out.push_str(
        "typedef void (*BattStepKernel)(const StepDesc*, int, long long, u8*, StepLevels, const Grid*,\n\
         \x20                              u8*);\n\
         typedef void (*BattHofRecord)(const StepDesc*, int, const u8*, StepLevels, const Grid*,\n\
         \x20                             StepElems, int*);\n\
         typedef void (*BattHofReplay)(const StepDesc*, int, u8*, StepLevels, const Grid*, u8*, StepElems,\n\
         \x20                             long long, int, const u8*, int, long long, const StepGuard*);\n",
    );
    let _ = writeln!(
        out,
        "static const int batt_step_kernels = {};\nstatic const BattStepKernel batt_step_table[] = {{",
        first.len()
    );
    for n in 0..first.len() {
        let _ = writeln!(out, "    batt_step_{n},");
    }
    let _ = writeln!(
        out,
        "}};\nstatic const int batt_hof_kernels = {};\nstatic const BattHofRecord batt_hof_record_table[] = {{",
        higher.len()
    );
    for n in 0..higher.len() {
        let _ = writeln!(out, "    batt_hof_record_{n},");
    }
    out.push_str("};\nstatic const BattHofReplay batt_hof_replay_table[] = {\n");
    for n in 0..higher.len() {
        let _ = writeln!(out, "    batt_hof_replay_{n},");
    }
    out.push_str(
        "};\ntypedef void (*BattCall)(const StepDesc*, int, u8*, u8*, const u8*, long long, long long,\n\
         \x20                        const u8*, int, const StepGuard*);\n",
    );
    let _ = writeln!(
        out,
        "static const int batt_call_kernels = {};\nstatic const BattCall batt_call_table[] = {{",
        SIZED.len()
    );
    for n in 0..SIZED.len() {
        let _ = writeln!(out, "    batt_call_{n},");
    }
    out.push_str("};\n#endif\n");
    Ok(out)
}

/// Where an argument comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Src {
    /// A step's value (in a callable's body: the lane's sample's).
    Step(StepId),
    /// A sub-step's value in an element lane (the call's own, or one
    /// [`DevArg::up`] levels above it).
    Sub(usize),
    /// An element lane's element (likewise).
    Elem,
    /// An element lane's second element, for a callable of two arguments.
    Elem2,
    /// The sample's input grid.
    Input,
    /// An integer or a boolean.
    Int(i64),
    /// A pair of integers.
    Pair(i64, i64),
    /// A value the host folded ([`Folded::Bytes`]): its bytes at this
    /// offset in [`StepPlan::consts`].
    Const(u32),
}

/// How a value is read where its parameter's type differs (Python's
/// booleans are integers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Convert {
    /// As it is.
    Same,
    /// A boolean read as an integer.
    BoolAsInt,
    /// An integer read as a boolean.
    IntAsBool,
}

/// One argument of a kernel call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DevArg {
    /// Where it comes from.
    pub src: Src,
    /// How it is read.
    pub convert: Convert,
    /// For [`Src::Sub`] and [`Src::Elem`]: how many element levels above
    /// the call's own lanes the value lives (0: the same lane; 1: the
    /// element lane of the enclosing higher-order call, in a callable
    /// nested in another's body).
    pub up: u8,
}

/// A call of a first-order kernel: a step's, or a sub-step's in a
/// callable's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KernelCall {
    /// The kernel (an index into [`Overloads::first`]).
    pub kernel: u32,
    /// Its arguments.
    pub args: Vec<DevArg>,
    /// Whether its value's device form holds its safe default.
    pub defaults: bool,
    /// In a callable's body: the condition (of the sample) its errors
    /// count under, and the value it must have (a branch of a `branch`
    /// of callables).
    pub guard: Option<(DevArg, bool)>,
    /// A step's own call: the argument places (bits) whose step's failure
    /// fails it (see [`stand_ins`]).
    pub poison: u8,
    /// For each place in `poison`: the place plus one of a patch whose
    /// emptiness excuses the failure ([`templates::FAILS_UNLESS_EMPTY`]),
    /// else 0.
    pub poison_unless: [u8; MAX_ARGS],
    /// Whether every use of its value fails on `()`, so that a `()` it
    /// gives as its value (a corner of an empty patch) fails them, as its
    /// failure does, rather than leaving the lane to the CPU (see
    /// [`stand_ins`]); in a body, whether a sub-step always run there
    /// fails on it, so that the body fails (see [`body_units`]).
    pub empty_fails: bool,
    /// Whether a failure of the step it reads (an [`INT_PASSES`] place)
    /// gives it, rather than its own failure, a value every use fails on
    /// (status 8, as a `()` with [`Self::empty_fails`]): the DSL's
    /// integer for an integer.
    pub passes: bool,
    /// A step's own call: the argument places (bits) whose step's failure,
    /// or `()` given as its value, leaves this call's lane to the CPU,
    /// where other uses of that step fail on it (a step shared by
    /// programs that use it differently; see [`stand_ins`]).
    pub escalate: u8,
    /// Whether its failure's `()`, an integer's, is held as an integer no
    /// other value has (`BATT_UNIT_INT`, flag bit 4): every use compares
    /// it ([`templates::EMPTY_TUPLE_COMPARED`]) or fails on it; or a
    /// pair's `()`, failed or given as its value, as a pair no position
    /// has (`BATT_UNIT_PAIR`): every use removes it from a set
    /// ([`templates::EMPTY_TUPLE_REMOVED`]) (see [`stand_ins`]).
    pub unit: bool,
    /// Whether its value's `None` (`index` off the grid) is held as an
    /// integer no other value has (`BATT_NONE_INT`, flag bit 5): every
    /// use compares it with a number (see [`nones_compared`]).
    pub none: bool,
    /// The step its first argument reads, a grid that may be too large for
    /// the frame, which this one passes on (see [`big_chains`]).
    pub big_from: Option<StepId>,
}

impl KernelCall {
    /// Whether nothing of [`stand_ins`] is on the call: it fails, passes
    /// or gives its arguments' failures and `()` as any call does.
    fn plain(&self) -> bool {
        self.poison == 0 && self.escalate == 0 && !self.empty_fails && !self.passes && !self.unit
    }
}

/// Whether every read in `uses` by a step of a program (`mine`, its steps)
/// meets `ok` (given the read and its reader); other programs' reads and
/// the outputs' are not this program's to judge.
fn program_reads(
    uses: &[StepUse],
    mine: &std::collections::HashSet<StepId>,
    ok: impl Fn(&StepUse, StepId) -> bool,
) -> bool {
    uses.iter().all(|u| match u.reader {
        Some(r) if mine.contains(&r) => ok(u, r),
        _ => true,
    })
}

/// A step of a callable's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubStep {
    /// A first-order call.
    Kernel(KernelCall),
    /// A higher-order call (a callable in a callable's body), over element
    /// lanes of its own.
    Hof(HofCall),
}

impl SubStep {
    /// Its guard.
    pub fn guard(&self) -> Option<(DevArg, bool)> {
        match self {
            SubStep::Kernel(c) => c.guard,
            SubStep::Hof(h) => h.guard,
        }
    }

    /// Its arguments.
    pub fn args(&self) -> &[DevArg] {
        match self {
            SubStep::Kernel(c) => &c.args,
            SubStep::Hof(h) => &h.args,
        }
    }
}

/// A higher-order call: its record and replay kernels, and its
/// callable's body as sub-steps over its element lanes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HofCall {
    /// The kernels (an index into [`Overloads::higher`]).
    pub kernel: u32,
    /// Its value arguments (the callable's place is unused).
    pub args: Vec<DevArg>,
    /// Whether its value's device form holds its safe default.
    pub defaults: bool,
    /// A `valmax` or `valmin` whose key fails on an integer (see
    /// [`FAILS_ON_INT`]): over an empty container it fails, as the DSL's
    /// key of `0` does, rather than leaving the lane to the CPU.
    pub zero_fails: bool,
    /// Inside a callable's body: as [`KernelCall::guard`].
    pub guard: Option<(DevArg, bool)>,
    /// The callable's body, in order.
    pub subs: Vec<SubStep>,
    /// The sub-step whose value the callable gives.
    pub result: usize,
    /// How that value is read as the callable's declared type.
    pub result_convert: Convert,
    /// Each sub-step's offset in an element lane's record (the element
    /// is at 0).
    pub sub_offsets: Vec<u32>,
    /// The bytes of an element lane's record.
    pub stride: u32,
    /// For a callable of two arguments: the second's offset in an element
    /// lane's record.
    pub second: u32,
    /// Steps (at most [`MAX_ARGS`]) whose failure fails this step unless
    /// its container is empty: an unguarded first-order sub-step of its
    /// body fails on their `()`, for every element (see [`stand_ins`]);
    /// with the container's place plus one, and [`UNLESS_COUNTED`] for a
    /// tuple (`StepDesc::poison`).
    pub poison: Vec<(StepId, u8)>,
}

/// A step calling a callable value (`x3 = x2(x1)`): the callable's body
/// as sub-steps over one lane per sample, whose value becomes the step's
/// (its default when a sub-step fails, as the DSL's call fails).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallStep {
    /// The join kernel: an index into the sized types (`batt_call_<n>`).
    pub kernel: u32,
    /// Whether its value's device form holds its safe default.
    pub defaults: bool,
    /// The callable's body, in order.
    pub subs: Vec<SubStep>,
    /// The sub-step whose value the call gives.
    pub result: usize,
    /// Each sub-step's offset in a lane's record.
    pub sub_offsets: Vec<u32>,
    /// The bytes of a lane's record.
    pub stride: u32,
    /// Steps (at most [`MAX_ARGS`]) whose failure fails the call whatever
    /// its body gives: an unguarded sub-step of the body fails on their
    /// default (see [`stand_ins`]).
    pub poison: Vec<StepId>,
}

/// The card's differs as two bodies: over *expected lanes*, one per
/// sample, whose element is its expected output (the differs' `C`), the
/// differs' steps that do not read `I`, settled once per sample; and one
/// level down over *score lanes*, one per output of a sample to score,
/// whose element is the output (`I`), the others. Each differ's sub-steps
/// follow the last one's in both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreBody {
    /// The expected lanes' sub-steps, in order.
    pub c_subs: Vec<SubStep>,
    /// Each one's offset in an expected lane's record (the expected
    /// output is at 0).
    pub c_offsets: Vec<u32>,
    /// The bytes of an expected lane's record.
    pub c_stride: u32,
    /// Each one's status mask (as [`ScoreBody::masks`]).
    pub c_masks: Vec<u8>,
    /// The score lanes' sub-steps, in order.
    pub subs: Vec<SubStep>,
    /// Each sub-step's offset in a score lane's record (the candidate
    /// output is at 0).
    pub sub_offsets: Vec<u32>,
    /// The bytes of a score lane's record.
    pub stride: u32,
    /// Per sub-step, the status bits that keep its differ's score off the
    /// device: a value the device cannot hold or a default it cannot
    /// (`STATUS_FULL | STATUS_NODEFAULT`), and for the sub-steps of a call
    /// of a callable value any failure too (the DSL's call fails as a
    /// whole, which its sub-steps do not give).
    pub masks: Vec<u8>,
    /// By differ of the card: its score, or why the CPU scores it.
    pub differs: Vec<Result<DifferScore, String>>,
}

/// Where a differ's score is in a score lane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DifferScore {
    /// The sub-step whose value is the score.
    pub result: usize,
    /// How it reads as an integer.
    pub convert: Convert,
    /// Its score lanes' sub-steps: `rows.0 .. rows.1`.
    pub rows: (usize, usize),
    /// Its expected lanes' sub-steps: `c_rows.0 .. c_rows.1`.
    pub c_rows: (usize, usize),
}

/// How a step runs on the device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeviceStep {
    /// A first-order kernel over the samples.
    Kernel(KernelCall),
    /// A higher-order step.
    Hof(HofCall),
    /// A call of a callable value.
    Call(CallStep),
    /// A callable made by a combinator: no device value, never fails; the
    /// higher-order steps calling it lower its body.
    Callable,
    /// A step the host evaluated once for all samples ([`Folded`]): no
    /// launch, never fails; its readers read its value as a constant.
    Folded,
}

/// A step whose operands are all constants, evaluated once on the host
/// without failing (as the CPU folds it when it loads the card), for
/// [`StepPlan::of_folded`].
#[derive(Debug, Clone)]
pub enum Folded {
    /// An integer or a boolean, read as [`Src::Int`].
    Int(Ty, i64),
    /// A pair of integers, read as [`Src::Pair`].
    Pair(i64, i64),
    /// The bytes of a value of a type read by reference (a grid, a set
    /// of positions, an object, ...: not [`small`]), in its device form,
    /// read from [`StepPlan::consts`].
    Bytes(Ty, Vec<u8>),
    /// A value no device form holds (a callable, an empty set or tuple,
    /// whose type the value does not tell): the step is lowered as any
    /// other, and launched only where a launched step reads it.
    Opaque,
}

/// A launch of the step-major engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepLaunch {
    /// Steps of one level calling one first-order kernel.
    Steps {
        /// The kernel.
        kernel: u32,
        /// Its steps, ascending.
        steps: Vec<StepId>,
    },
    /// One higher-order step: its record kernel (twice), its callable's
    /// sub-steps, its replay kernel.
    Hof(StepId),
    /// One call of a callable value: its sub-steps, then its join kernel.
    Call(StepId),
}

impl StepLaunch {
    /// The steps whose values it gives.
    pub fn steps(&self) -> &[StepId] {
        match self {
            StepLaunch::Steps { steps, .. } => steps,
            StepLaunch::Hof(k) | StepLaunch::Call(k) => std::slice::from_ref(k),
        }
    }
}

/// A card's solvers on the step-major engine: how each step runs, the
/// launches, where each value lives and which programs run there.
#[derive(Debug, Clone)]
pub struct StepPlan {
    /// By step: how it runs, or why it does not.
    pub steps: Vec<Result<DeviceStep, String>>,
    /// By program: its steps' results are its lane's on the device, or
    /// why not (the program's lanes stay on the CPU).
    pub programs: Vec<Result<(), String>>,
    /// The launches, in the schedule's order, of the steps the device's
    /// programs need.
    pub launches: Vec<StepLaunch>,
    /// By step: its value's offset in a sample's record (`None`: no value
    /// on the device).
    pub place: Vec<Option<u32>>,
    /// The bytes of a sample's record (every value alive at once).
    pub record_bytes: u32,
    /// The bytes of the values the host folded ([`Folded::Bytes`]), each
    /// at a multiple of 16: the driver lays them out just before the
    /// samples' input grids, where kernels read them.
    pub consts: Vec<u8>,
    /// By step: where calls read its value, for a step the host folded.
    const_src: Vec<Option<Src>>,
    /// The outputs' scoring: their match with the expected outputs and
    /// the differs on the score lanes.
    pub score: ScoreBody,
    /// Each program's output and steps.
    outputs: Vec<(Operand, Vec<StepId>)>,
    /// Each program's output kind (`StepProgram::out_kind`: 1 for a tuple
    /// of runs, else 0).
    output_kinds: Vec<i32>,
    /// Each program's `StepProgram::big_chain` bit 0 (see [`big_chains`]).
    big_chains: Vec<bool>,
    /// Each program's `StepProgram::big_chain` bit 1 (see
    /// [`ragged_reads_fail`]).
    ragged_fails: Vec<bool>,
}

/// A value while a step or a callable is lowered, with the element level
/// it lives at (0: the sample's).
#[derive(Debug, Clone)]
struct V {
    src: Src,
    ty: Ty,
    level: usize,
}

/// An argument while a callable is lowered: a value, or a callable.
#[derive(Debug, Clone)]
enum A {
    Val(V),
    Fun(Callable),
    /// A pair of two values no device form holds together, held apart
    /// ([`Stands::Apart`]) and handed to a callable: `first`, `last` and
    /// `size` in its body take it apart.
    Apart(V, V),
}

/// A callable while a callable is lowered: a primitive or a combinator's
/// step, or one a combinator made inside a body from callables and values
/// there (`lbind(rbind, manhattan)` called with an element gives
/// `rbind(manhattan, element)`).
#[derive(Debug, Clone)]
enum Callable {
    Op(Operand),
    Made(&'static str, Vec<A>),
    /// The callable the first gives, called on the values that follow
    /// (`rapply` over the callables an `apply` made, one per element).
    Then(Box<Callable>, Vec<A>),
}

/// One-argument primitives whose value depends on their argument's
/// positions alone (of an object, its `toindices`), whatever its colours.
const READS_POSITIONS: &[&str] = &[
    "toindices",
    "corners",
    "box",
    "inbox",
    "outbox",
    "backdrop",
    "delta",
];

/// Whether callable `c` reads its argument only for its positions (one of
/// [`READS_POSITIONS`]).
fn reads_positions(c: &Callable) -> bool {
    matches!(c, Callable::Op(Operand::Prim(name)) if READS_POSITIONS.contains(name))
}

/// Argument places that pass a clipped set on, besides
/// [`templates::CLIP_PASSES`]: `recolor`'s patch (the object has the
/// patch's positions), and `toindices`'s (the positions of an object
/// without its cells outside the frame are its positions inside it).
const MORE_CLIP_PASSES: &[(&str, usize)] = &[("recolor", 1), ("toindices", 0)];

/// Whether a body's value given to callable `outer` at argument `place`
/// may be clipped (drop its positions outside the frame), where `fin`
/// says whether `outer`'s own result may be: `outer` reads it there only
/// inside a grid ([`templates::CLIP_SAFE`]: `toobject(neighbors(cell),
/// grid)`), or gives, inside the frame, exactly what it would from its
/// positions inside the frame ([`templates::CLIP_PASSES`]).
fn clip_into(graph: &crate::ir::Graph, outer: &Callable, place: usize, fin: bool) -> bool {
    reads_inside(graph, outer, place) || (fin && prim_place(graph, outer, place, &passes_clip))
}

/// Whether argument `place` of primitive `name` passes a clipped set on
/// ([`templates::CLIP_PASSES`], [`MORE_CLIP_PASSES`]).
fn passes_clip(name: &str, place: usize) -> bool {
    templates::CLIP_PASSES
        .iter()
        .chain(MORE_CLIP_PASSES)
        .any(|&(n, p)| n == name && p == place)
}

/// Primitives of integers, pairs and booleans that never fail on them
/// (integers up to 2^40 in size, pairs of them, positions anywhere batt
/// holds one): a predicate whose body calls only these, on such values,
/// holds or not for every position, inside the frame or outside it, so
/// that `sfilter` of a set without its positions outside the frame keeps
/// exactly those the whole set's filter keeps inside it
/// ([`filters_totally`]). No scaling (`multiply`, `double`): a product
/// overflows where a sum of such values cannot. Checked against batt's
/// primitives in `batt-runtime/tests/kernel_defaults.rs`.
pub const TOTAL_ON_SCALARS: &[&str] = &[
    "identity",
    "first",
    "last",
    "add",
    "subtract",
    "halve",
    "increment",
    "decrement",
    "crement",
    "invert",
    "sign",
    "even",
    "positive",
    "toivec",
    "tojvec",
    "astuple",
    "greater",
    "equality",
    "flip",
    "both",
    "either",
];

/// Whether higher-order call `h` is an `sfilter` whose callable's body
/// calls only [`TOTAL_ON_SCALARS`] primitives on integers, pairs and
/// booleans: it passes a clipped set on at its container.
fn filters_totally(h: &HofCall, overloads: &Overloads) -> bool {
    overloads.higher[h.kernel as usize].prim == "sfilter"
        && h.subs.iter().all(|s| match s {
            SubStep::Kernel(c) => {
                let o = &overloads.first[c.kernel as usize];
                TOTAL_ON_SCALARS.contains(&o.prim)
                    && !c.unit
                    && !c.none
                    && o.params
                        .iter()
                        .all(|t| matches!(t, Ty::Int | Ty::Bool | Ty::Pair))
            }
            SubStep::Hof(_) => false,
        })
}

/// Whether callable `c` reads its argument `place` only inside a grid
/// ([`templates::CLIP_SAFE`]), itself or as the first callable of a
/// composition (`compose(size, rbind(toobject, grid))`).
fn reads_inside(graph: &crate::ir::Graph, c: &Callable, place: usize) -> bool {
    let inner = match c {
        Callable::Op(Operand::Step(j)) => {
            match (&graph.steps[*j].callee, graph.steps[*j].args.as_slice()) {
                (Callee::Prim("compose"), [_, f]) | (Callee::Prim("chain"), [_, _, f]) => {
                    Some(Callable::Op(f.clone()))
                }
                _ => None,
            }
        }
        Callable::Made("compose", made) => match made.as_slice() {
            [_, A::Fun(f)] => Some(f.clone()),
            _ => None,
        },
        Callable::Made("chain", made) => match made.as_slice() {
            [_, _, A::Fun(f)] => Some(f.clone()),
            _ => None,
        },
        _ => None,
    };
    match inner {
        Some(f) => reads_inside(graph, &f, place),
        None => {
            meets_a_step(graph, c)
                || prim_place(graph, c, place, &|name: &str, place: usize| {
                    templates::CLIP_SAFE.contains(&(name, place))
                })
        }
    }
}

/// Whether callable `c` is `intersection` with one operand bound to a
/// step's value (`lbind(intersection, x)`): a value read in a body is one
/// the device holds whole ([`clip_tolerant`]), its positions inside the
/// frame, so the intersection keeps only positions inside the frame,
/// whatever the other operand held outside it.
fn meets_a_step(graph: &crate::ir::Graph, c: &Callable) -> bool {
    let Callable::Op(Operand::Step(j)) = c else {
        return false;
    };
    matches!(
        (&graph.steps[*j].callee, graph.steps[*j].args.as_slice()),
        (
            Callee::Prim("lbind" | "rbind"),
            [Operand::Prim("intersection"), Operand::Step(_)]
        )
    )
}

/// Whether callable `c` is a primitive whose argument `place` meets `at`;
/// only a primitive, or one bound by `rbind` or `lbind`, is followed.
fn prim_place(
    graph: &crate::ir::Graph,
    c: &Callable,
    place: usize,
    at: &dyn Fn(&str, usize) -> bool,
) -> bool {
    match c {
        Callable::Op(Operand::Prim(name)) => at(name, place),
        Callable::Op(Operand::Step(j)) => {
            match (&graph.steps[*j].callee, graph.steps[*j].args.as_slice()) {
                (Callee::Prim("rbind"), [g, _]) => {
                    prim_place(graph, &Callable::Op(g.clone()), place, at)
                }
                (Callee::Prim("lbind"), [g, _]) => {
                    prim_place(graph, &Callable::Op(g.clone()), place + 1, at)
                }
                _ => false,
            }
        }
        Callable::Made("rbind", made) => match made.as_slice() {
            [A::Fun(g), _] => prim_place(graph, g, place, at),
            _ => false,
        },
        Callable::Made("lbind", made) => match made.as_slice() {
            [A::Fun(g), _] => prim_place(graph, g, place + 1, at),
            _ => false,
        },
        _ => false,
    }
}

/// Why a higher-order call whose callable gives a callable has no kernel.
const GIVES_CALLABLE: &str = "its callable gives a callable";

/// What a step without a device value of its own stands for.
#[derive(Debug, Clone)]
enum Stands {
    /// The callable a call of a callable value made (see
    /// [`Lower::call_step`]).
    Callable(Callable),
    /// A pair of two values no device form holds together (`astuple` of
    /// them), held apart: an `apply` over it calls its callable on each.
    Apart(V, V),
    /// The callables an `apply` made, one per element of its container
    /// (`apply(lbind(rbind, upscale), interval(1, 4, 1))`): a `rapply`
    /// over them calls each one's maker on its element and then it.
    Made(Operand, V),
    /// A container of callables the card spells out (`astuple(cmirror,
    /// dmirror)`, `insert(hmirror, initset(identity))`, `combine` of
    /// such): the callables, and whether it is a set (else a tuple). A
    /// `rapply` over a set calls each one (see [`Lower::rapply_set`]).
    Fns(Vec<Callable>, bool),
    /// The pairs of two such containers (`product` of them), for an
    /// `apply` that composes each pair (see [`Lower::callables_made`]).
    FnPairs(Vec<(Callable, Callable)>),
    /// Not a value's absence: a bag of objects standing for a tuple (the
    /// objects of a tuple of callables, [`Lower::rapply_set`]), which the
    /// overloads over bags read only as the set of cells, never painted
    /// (a tuple's last object painted wins, not its largest colour).
    InOrder,
}

/// Whether combinator `name` called on `args` makes a callable: its
/// callables where it takes them, its arity.
fn makes_callable(name: &str, args: &[A]) -> bool {
    let fun = |a: &A| matches!(a, A::Fun(_));
    match (name, args) {
        ("rbind" | "lbind" | "matcher", [f, _]) => fun(f),
        ("compose", [f, g]) => fun(f) && fun(g),
        ("chain" | "fork", [f, g, h]) => fun(f) && fun(g) && fun(h),
        _ => false,
    }
}

/// What an overload's value may stand for, in the order they are tried:
/// `(clipped, unordered, painted)`. A clipped or a painted overload where
/// one may be (first: it holds what the exact one would leave to the
/// CPU), never elsewhere; an unordered one where one may be, after every
/// other.
fn views(clip: bool, unordered: bool, painted: bool) -> Vec<(bool, bool, bool)> {
    let mut views = Vec::new();
    if clip {
        views.push((true, false, false));
    }
    if painted {
        views.push((false, false, true));
    }
    views.push((false, false, false));
    if unordered {
        views.push((false, true, false));
    }
    views
}

/// Whether overload `o` gives the view `(clipped, unordered, painted)`.
fn gives(o: &Overload, (clipped, unordered, painted): (bool, bool, bool)) -> bool {
    o.clipped == clipped && o.unordered == unordered && o.painted == painted
}

/// Whether overload `o` makes a form only the plan's second pass takes
/// (see [`outgrows_exact`]): offsets of what are not offsets
/// (`neighbors(Pair) -> Offsets`), frontiers as masks of a grid's rows
/// and columns (`frontiers(Grid) -> Frontiers`), an outline as a
/// rectangle anywhere (`outbox(Object) -> Rect`), or an object anywhere
/// (`shift(Object, Pair) -> ObjAt`, see [`moves_an_object`]). Chosen only where
/// [`Lower::anywhere`] says so.
fn makes_anywhere(o: &Overload) -> bool {
    // Of a form the second pass makes, another is made already (the
    // corners of a rectangle anywhere as offsets).
    let anywhere = |t: &Ty| matches!(t, Ty::Offsets | Ty::Frontiers | Ty::Rect | Ty::ObjAt);
    let made = |form: fn(&Ty) -> bool| form(&o.ret) && !o.params.iter().any(anywhere);
    made(|t| matches!(t, Ty::Offsets))
        || made(|t| matches!(t, Ty::Frontiers))
        || made(|t| matches!(t, Ty::Rect))
        || made(|t| matches!(t, Ty::ObjAt))
}

/// Whether higher-order overload `o` makes a tuple of objects that may
/// overlap (`apply(Fn[Object -> Object], ObjTuple) -> ObjSeq`), a merged
/// tuple of objects kept in order (`mapply(...) -> ObjMerged`), a bag
/// of sets of positions (`prapply(...) -> PatchBag`) or offsets of
/// positions (`apply(Fn[Pair -> Pair], Indices) -> Offsets`): the plan's
/// second pass takes it only where [`moves_a_tuple`], [`merges_a_tuple`],
/// [`places_patches`] or [`moves_positions`] says so.
fn makes_a_bag(o: &Overload) -> bool {
    let made = |form: fn(&Ty) -> bool| form(&o.ret) && !o.params.iter().any(form);
    made(|t| matches!(t, Ty::ObjSeq))
        || made(|t| matches!(t, Ty::ObjMerged))
        || made(|t| matches!(t, Ty::PatchBag))
        || (made(|t| matches!(t, Ty::Offsets)) && o.params.iter().any(|t| matches!(t, Ty::Indices)))
}

/// Whether first-order overload `o` builds a bag of objects from objects
/// and bags (`initset`, `insert`, `combine` into an `ObjBag`): the plan
/// takes these only where it builds such a bag itself
/// ([`Lower::rapply_set`], [`Lower::mapply_rapply`]), no card call.
fn builds_bag(o: &Overload) -> bool {
    matches!(o.ret, Ty::ObjBag) && matches!(o.prim, "initset" | "insert" | "combine")
}

/// The integers of `op` where it is `interval` of constant integers (a
/// tuple of at most [`MAX_CALLABLES`]).
fn constant_interval(op: &Operand, graph: &crate::ir::Graph) -> Option<Vec<i64>> {
    let Operand::Step(j) = op else {
        return None;
    };
    let step = &graph.steps[*j];
    let (Callee::Prim("interval"), [a, b, d]) = (&step.callee, step.args.as_slice()) else {
        return None;
    };
    let (a, b, d) = (constant_int(a)?, constant_int(b)?, constant_int(d)?);
    if d == 0 {
        return None;
    }
    let mut out = Vec::new();
    let mut x = a;
    while (d > 0 && x < b) || (d < 0 && x > b) {
        if out.len() >= MAX_CALLABLES {
            return None;
        }
        out.push(x);
        x += d;
    }
    Some(out)
}

/// Operand `op` where it is an integer constant (`4`, `FOUR`).
fn constant_int(op: &Operand) -> Option<i64> {
    match op {
        Operand::Int(n) => Some(*n),
        Operand::Const(c) => match catalogue::constant(c)? {
            ConstValue::Int(n) => Some(n),
            _ => None,
        },
        _ => None,
    }
}

/// The most callables a container the card spells out may hold for the
/// plan to call each one.
const MAX_CALLABLES: usize = 32;

/// The side of the device's frame.
const FRAME_SIDE: i64 = 30;

/// The primitives that read a patch's corner, which offsets give as a
/// patch inside the frame does.
const CORNERS: &[&str] = &["ulcorner", "urcorner", "llcorner", "lrcorner"];

/// Whether `name` called on `args` gives a value its exact overload leaves
/// to the CPU, which a form the second pass makes holds
/// ([`makes_anywhere`]). Positions outside the frame whatever the sample,
/// which an offsets overload holds: the neighbours
/// of a constant location on the frame's edge or beyond it
/// (`neighbors(ORIGIN)`, offsets around a position), a normalized
/// patch moved up or left by a constant (`shift(normalize(x),
/// NEG_UNITY)`: its first row or column leaves the frame), or a line shot
/// in a constant direction (43 positions, more than the frame spans).
/// And the frontiers of a grid: a uniform row and a uniform column, on
/// most samples of another task, overlap where they cross, which the label
/// map of `Objects` cannot hold; and the outline of a patch a step gives,
/// outside the frame where the patch touches its edge (a rectangle holds
/// it where every use reads its corners or the rectangle it bounds). And
/// the pairs of two tuples of integers one of which holds negated ones
/// ([`negated`]).
fn outgrows_exact(graph: &crate::ir::Graph, name: &str, args: &[Src]) -> bool {
    let edge = |x: i64| !(1..FRAME_SIDE - 1).contains(&x);
    match (name, args) {
        ("neighbors" | "dneighbors" | "ineighbors", [Src::Pair(i, j)]) => edge(*i) || edge(*j),
        ("shift", [Src::Step(n), Src::Pair(i, j)]) => {
            (*i < 0 || *j < 0) && graph.steps[*n].callee == Callee::Prim("normalize")
        }
        // A line 42 steps long in one of the eight directions.
        ("shoot", [_, Src::Pair(i, j)]) => (*i, *j) != (0, 0) && i.abs() <= 1 && j.abs() <= 1,
        ("frontiers", [_]) => true,
        // The outline of a patch at the frame's edge.
        ("outbox" | "inbox", [Src::Step(_)]) => true,
        // Pairs of integers some of which are negated: offsets.
        ("product", [a, b]) => [a, b]
            .iter()
            .any(|x| matches!(x, Src::Step(n) if negated(graph, *n))),
        _ => false,
    }
}

/// Whether step `n` gives a tuple holding negated integers: `apply(invert,
/// x)`, or a `combine` of one (the multiples of a period both ways).
fn negated(graph: &crate::ir::Graph, n: StepId) -> bool {
    let step = &graph.steps[n];
    match (&step.callee, step.args.as_slice()) {
        (Callee::Prim("apply"), [Operand::Prim("invert"), _]) => true,
        (Callee::Prim("combine"), args) => args
            .iter()
            .any(|a| matches!(a, Operand::Step(j) if negated(graph, *j))),
        _ => false,
    }
}

/// Whether `name` called on `args` of types `tys` moves an object, which
/// leaves the frame where it reaches the grid's edge (or is a normalized
/// patch moved up or left), or scales it, which may grow it past the
/// frame's edge: an object anywhere holds it, where every use moves it
/// back or reads what a move keeps (`vperiod`).
fn moves_an_object(name: &str, tys: &[&Ty], args: &[Src]) -> bool {
    match (name, tys) {
        ("shift", [Ty::Object, Ty::Pair]) => !matches!(args, [_, Src::Pair(0, 0)]),
        // Scaled from its corner, it grows right and down.
        ("upscale", [Ty::Object, Ty::Int]) => !matches!(args, [_, Src::Int(1)]),
        _ => false,
    }
}

/// The first-order call that gives the result of higher-order call `h`'s
/// callable, and its overload, where one does (not a nested call).
fn result_call<'h, 'o>(
    h: &'h HofCall,
    overloads: &'o Overloads,
) -> Option<(&'h KernelCall, &'o Overload)> {
    match h.subs.get(h.result) {
        Some(SubStep::Kernel(c)) => Some((c, &overloads.first[c.kernel as usize])),
        _ => None,
    }
}

/// Primitives that move an object (or scale it from its corner): over a
/// tuple of objects, their results may overlap or repeat
/// ([`moves_a_tuple`]).
const MOVE_OBJECTS: &[&str] = &["normalize", "shift", "upscale"];

/// Whether higher-order call `h` is an `apply` over a tuple of objects
/// whose callable gives an object one of [`MOVE_OBJECTS`] moved: its
/// results, normalized objects all at the origin, overlap on most samples,
/// which the label map of `ObjTuple` cannot hold; a tuple of objects that
/// may overlap (`ObjSeq`, the second pass's form) holds them, where every
/// use reads it as one.
fn moves_a_tuple(h: &HofCall, overloads: &Overloads) -> bool {
    let o = &overloads.higher[h.kernel as usize];
    o.prim == "apply"
        && matches!(o.ret, Ty::ObjTuple)
        && matches!(o.params.as_slice(), [_, Ty::ObjTuple])
        && result_call(h, overloads).is_some_and(|(_, r)| MOVE_OBJECTS.contains(&r.prim))
}

/// Whether higher-order call `h` merges a tuple into a set standing for it
/// (`mapply(f, t) -> Object unordered`) where an overload keeps each
/// element's object in order instead (`-> ObjMerged`): two colours at one
/// position, which the set leaves to the CPU (lines of different colours
/// crossing), are held there for `underpaint`, which writes them in order
/// (the second pass's form, taken where every use is one: see
/// [`lower_all`]).
fn merges_a_tuple(h: &HofCall, overloads: &Overloads) -> bool {
    let o = &overloads.higher[h.kernel as usize];
    let same_params = |m: &Overload| {
        m.params.len() == o.params.len()
            && m.params
                .iter()
                .zip(&o.params)
                .all(|(a, b)| a.name() == b.name())
    };
    o.prim == "mapply"
        && o.unordered
        && matches!(o.ret, Ty::Object)
        && overloads
            .higher
            .iter()
            .any(|m| m.prim == "mapply" && matches!(m.ret, Ty::ObjMerged) && same_params(m))
}

/// Primitives that move or scale a position: over a set of positions,
/// their results leave the frame where they pass its edge
/// ([`moves_positions`]).
const MOVE_POSITIONS: &[&str] = &[
    "add",
    "subtract",
    "multiply",
    "double",
    "increment",
    "decrement",
    "invert",
];

/// Whether higher-order call `h` is an `apply` over a set of positions
/// whose callable moves or scales each one (one of [`MOVE_POSITIONS`]
/// gives its result): past the frame's edge on many samples (a corner
/// moved up and right, `decrement(double(p))` of the origin), which
/// `Indices` cannot hold; offsets (the second pass's form) hold them,
/// where every use reads offsets.
fn moves_positions(h: &HofCall, overloads: &Overloads) -> bool {
    let o = &overloads.higher[h.kernel as usize];
    o.prim == "apply"
        && matches!(o.ret, Ty::Indices)
        && matches!(o.params.as_slice(), [_, Ty::Indices])
        && matches!(&o.callable, Some((_, Ty::Pair)))
        && result_call(h, overloads).is_some_and(|(_, r)| MOVE_POSITIONS.contains(&r.prim))
}

/// Primitives whose value over positions is a small set of positions: a
/// line between two (`connect`), or one alone (`initset`). Called on
/// every pair of two sets of positions, or on each of one, they make more
/// sets than `Patches` holds ([`places_patches`]).
const PLACE_PATCHES: &[&str] = &["connect", "initset"];

/// Whether higher-order call `h`, or one in its callable's body, is a
/// `prapply` over two sets of positions or an `apply` over one whose
/// callable gives a set of positions one of [`PLACE_PATCHES`] made: a bag
/// of sets of positions (`PatchBag`, the second pass's form) holds them,
/// where every use reads them one by one or unites them (`mfilter`,
/// `merge`, `sfilter`).
fn places_patches(h: &HofCall, overloads: &Overloads) -> bool {
    let o = &overloads.higher[h.kernel as usize];
    let here = matches!(o.prim, "prapply" | "apply")
        && matches!(o.ret, Ty::Patches)
        && result_call(h, overloads).is_some_and(|(_, r)| PLACE_PATCHES.contains(&r.prim));
    here || h
        .subs
        .iter()
        .any(|s| matches!(s, SubStep::Hof(inner) if places_patches(inner, overloads)))
}

/// Whether `name` called on `args` in the body of a callable over offsets
/// moves a step's patch by the offset (`apply(lbind(shift, x), offsets)`):
/// off the frame where the offset reaches past its edge, which offsets
/// hold (`shift(Indices, Pair) -> Offsets`; the patches so moved a set of
/// them, `OffsetsSet`).
fn moves_by_offsets(name: &str, args: &[Src]) -> bool {
    matches!((name, args), ("shift", [Src::Step(_), Src::Elem]))
}

/// Whether higher-order call `h` is an `apply` whose callable moves a
/// step's patch by each element ([`moves_by_offsets`]) to positions
/// inside the frame only: where the elements are offsets (a constant the
/// host folded, or in the second pass `neighbors(ORIGIN)`: [`lower_all`]
/// lists the call where its container is listed), it may make offsets
/// instead.
fn moves_patches_by_offsets(h: &HofCall, overloads: &Overloads) -> bool {
    overloads.higher[h.kernel as usize].prim == "apply"
        && result_call(h, overloads).is_some_and(|(c, r)| {
            let srcs: Vec<Src> = c.args.iter().map(|a| a.src).collect();
            matches!(r.ret, Ty::Indices) && moves_by_offsets(r.prim, &srcs)
        })
}

/// Whether `name` called on `args` inside a callable's body may give
/// positions outside the frame, which offsets hold, where the element is a
/// position at the frame's edge: its neighbours, or a constant patch moved
/// by it (`shift(square, x)` in an `sfilter` over positions); or which a
/// rectangle holds, where the element is a patch there: its outline. Made
/// so in the second pass of [`lower_all`], for the higher-order steps
/// whose bodies have such a call ([`body_leaves_frame`]).
fn leaves_frame_in_body(name: &str, args: &[Src]) -> bool {
    matches!(
        (name, args),
        (
            "neighbors" | "dneighbors" | "ineighbors" | "outbox" | "inbox",
            [_]
        ) | ("shift", [Src::Const(_), _])
    )
}

/// Whether a body (`subs`, nested bodies too) has a call of
/// [`leaves_frame_in_body`] that gives positions inside the frame only.
fn body_leaves_frame(subs: &[SubStep], overloads: &Overloads) -> bool {
    subs.iter().any(|s| match s {
        SubStep::Kernel(c) => {
            let o = &overloads.first[c.kernel as usize];
            let srcs: Vec<Src> = c.args.iter().map(|a| a.src).collect();
            matches!(o.ret, Ty::Indices) && !o.clipped && leaves_frame_in_body(o.prim, &srcs)
        }
        SubStep::Hof(h) => body_leaves_frame(&h.subs, overloads),
    })
}

/// The primitives that may make offsets in a callable's body over offsets
/// ([`Lower::anywhere`]): the neighbours of an offset are offsets too. A
/// shift there moves a patch by an offset, as it does elsewhere.
const MAKE_OFFSETS_IN_BODIES: &[&str] = &["neighbors", "dneighbors", "ineighbors"];

/// The first-order overload among `candidates` for arguments of types
/// `tys`: exact types first, then a Bool for an Int or the other way
/// round; in the order of [`views`], with those that make offsets tried
/// before the exact view's others where `anywhere`, and never elsewhere.
fn choose(
    overloads: &[Overload],
    candidates: &[usize],
    tys: &[&Ty],
    (clip, unordered, painted): (bool, bool, bool),
    anywhere: bool,
) -> Option<(usize, Vec<Convert>)> {
    let exact_view = (false, false, false);
    let passes = views(clip, unordered, painted).into_iter().flat_map(|v| {
        let makers = (anywhere && v == exact_view).then_some([(v, true, true), (v, false, true)]);
        makers
            .into_iter()
            .flatten()
            .chain([(v, true, false), (v, false, false)])
    });
    for (view, exact, makers) in passes {
        for &n in candidates {
            let o = &overloads[n];
            if o.params.len() != tys.len() || !gives(o, view) || makes_anywhere(o) != makers {
                continue;
            }
            let fits = o
                .params
                .iter()
                .zip(tys)
                .all(|(p, a)| a.name() == p.name() || (!exact && a.fits(p)));
            if fits {
                let converts = o
                    .params
                    .iter()
                    .zip(tys)
                    .map(|(p, a)| convert(a, p))
                    .collect();
                return Some((n, converts));
            }
        }
    }
    None
}

/// How a value of type `a` is read as `p`.
fn convert(a: &Ty, p: &Ty) -> Convert {
    match (a.name(), p.name()) {
        ("Bool", "Int") => Convert::BoolAsInt,
        ("Int", "Bool") => Convert::IntAsBool,
        _ => Convert::Same,
    }
}

/// The offsets of values of types `tys` laid out after `first` bytes, and
/// the record's bytes.
fn layout<'t>(first: u32, tys: impl Iterator<Item = &'t Ty>) -> (Vec<u32>, u32) {
    let mut at = first.next_multiple_of(16);
    let offsets = tys
        .map(|ty| {
            let here = at;
            at += size_of(ty).next_multiple_of(16);
            here
        })
        .collect();
    (offsets, at.max(16))
}

/// The most element levels nested in one another (callables in
/// callables' bodies); the kernels read values at most this far up.
const MAX_LEVELS: usize = 3;

/// Lowers steps and callables' bodies to kernel calls.
struct Lower<'a> {
    graph: &'a crate::ir::Graph,
    /// The device type of each step's value so far.
    tys: &'a [Option<Ty>],
    overloads: &'a Overloads,
    first: &'a HashMap<&'static str, Vec<usize>>,
    higher: &'a HashMap<&'static str, Vec<usize>>,
    /// The bodies being lowered, outermost first: each one's sub-steps
    /// with their types (the body at element level d is `frames[d - 1]`).
    frames: Vec<Vec<(SubStep, Ty)>>,
    /// The guard of the sub-steps being lowered in the innermost body.
    guard: Option<(DevArg, bool)>,
    /// Whether the step's value may be clipped: its own call (or, for
    /// `mapply`, its callable's result) takes a clipped overload where
    /// there is one.
    clip: bool,
    /// Whether the next call lowered may take a clipped overload: its
    /// value is read only inside grids, or given on to a value that may be
    /// clipped (a clipped `mapply`'s callable's result).
    fin: bool,
    /// Whether the next call's value is read only for its positions (by
    /// one of [`READS_POSITIONS`]): a `branch` of callables may then give
    /// an object from one and positions from the other.
    as_patch: bool,
    /// Whether the step's own call (not one inside a callable) may take an
    /// unordered overload: a set standing for a tuple (see
    /// [`UNORDERED`]).
    unordered: bool,
    /// Whether the calls in the step's callables' bodies may take one (see
    /// [`body_unordered_misuse`]).
    body_unordered: bool,
    /// Whether the step's own call may take a painted overload (see
    /// [`PAINTED`]).
    painted: bool,
    /// Whether the step's own call (and calls in its bodies) may make a
    /// form of the second pass: offsets, frontiers, rectangles (see
    /// [`outgrows_exact`], [`leaves_frame_in_body`] and [`lower_all`]).
    offsets: bool,
    /// Whether the step's callable moves a step's patch by each offset
    /// of a listed container, making offsets (see
    /// [`moves_patches_by_offsets`]).
    moves_patches: bool,
    /// Whether the step is a union of moved patches made again with each
    /// patch moved on ([`Lower::moved_union`]): the patches moved first
    /// are moved anywhere (offsets, an object anywhere), for the moves
    /// after to bring them back.
    moving: bool,
    /// Whether the next higher-order call may take a painted overload
    /// though it is not a step's own (an `apply` over a set of objects in
    /// the body of [`Lower::mapply_rapply`], giving a bag of objects).
    bag_here: bool,
    /// The element levels whose elements are offsets (the bodies of
    /// higher-order calls over [`Ty::Offsets`]), innermost last.
    offset_levels: Vec<usize>,
    /// What the steps without a device value of their own stand for, by
    /// step.
    stands: &'a [Option<Stands>],
    /// What this step stands for, where it has no device value of its own.
    makes: Option<Stands>,
    /// Lowering a differ (see [`lower_differs`]): its steps' values in the
    /// expected and score lanes' bodies, by step; `C` is the expected
    /// lane's element, `I` the score lane's.
    differ: Option<Vec<Option<V>>>,
    /// The steps the host folded into a constant a call reads, by step
    /// (see [`StepPlan::of_folded`]).
    consts: &'a [Option<(Src, Ty)>],
}

impl Lower<'_> {
    /// Whether the call being lowered may take an unordered overload.
    fn may_be_unordered(&self) -> bool {
        if self.depth() == 0 {
            self.unordered
        } else {
            self.body_unordered
        }
    }

    /// Whether the call being lowered may take a painted overload: the
    /// step's own call only.
    fn may_be_painted(&self) -> bool {
        self.depth() == 0 && self.painted
    }

    /// Whether a call on `args` reads a bag standing for a tuple
    /// ([`Stands::InOrder`]): never painted.
    fn reads_in_order(&self, args: &[A]) -> bool {
        args.iter().any(|a| {
            matches!(a, A::Val(V { src: Src::Step(j), .. })
                if matches!(self.stands.get(*j), Some(Some(Stands::InOrder))))
        })
    }

    /// Whether the calls being lowered are in a callable's body over
    /// offsets, where a call may take an overload that makes offsets
    /// (`mapply(neighbors, neighbors(ORIGIN))`).
    fn anywhere(&self) -> bool {
        self.offset_levels.last() == Some(&self.depth())
    }

    /// Whether an operand is a callable (a primitive used as a value, or
    /// a combinator's step).
    fn is_callable(&self, op: &Operand) -> bool {
        match op {
            Operand::Prim(_) => true,
            Operand::Step(j) => match &self.graph.steps[*j].callee {
                Callee::Prim("power") => self.power_count(*j).is_some(),
                Callee::Prim("branch") => self.callable_branch(*j),
                Callee::Prim(name) => COMBINATORS.contains(name),
                Callee::Value(_) => matches!(self.stands.get(*j), Some(Some(Stands::Callable(_)))),
            },
            _ => false,
        }
    }

    /// Whether `branch` step `j` chooses between two callables.
    fn callable_branch(&self, j: StepId) -> bool {
        let a = &self.graph.steps[j].args;
        a.len() == 3 && self.is_callable(&a[1]) && self.is_callable(&a[2])
    }

    /// The count of `power` step `j` when it is known and 1 to
    /// [`MAX_POWER`] (the callable then never fails).
    fn power_count(&self, j: StepId) -> Option<u32> {
        let n = constant_int(self.graph.steps[j].args.get(1)?)?;
        u32::try_from(n)
            .ok()
            .filter(|n| (1..=MAX_POWER).contains(n))
    }

    /// The element level being lowered (0: the sample's).
    fn depth(&self) -> usize {
        self.frames.len()
    }

    /// An operand as a value of the sample.
    fn value(&self, k: StepId, op: &Operand) -> Result<V, String> {
        let v = |src: Src, ty: Ty| V { src, ty, level: 0 };
        if let Some(values) = &self.differ {
            match op {
                Operand::Param(Param::I) => {
                    return Ok(V {
                        src: Src::Elem,
                        ty: Ty::Grid,
                        level: 2,
                    });
                }
                Operand::Param(Param::C) => {
                    return Ok(V {
                        src: Src::Elem,
                        ty: Ty::Grid,
                        level: 1,
                    });
                }
                Operand::Step(j) => {
                    return values.get(*j).cloned().flatten().ok_or_else(|| {
                        format!("step {k} reads step {j}, which is not on the device")
                    });
                }
                _ => {}
            }
        }
        if let Operand::Step(j) = op
            && let Some(Some((src, ty))) = self.consts.get(*j)
        {
            return Ok(v(*src, ty.clone()));
        }
        Ok(match op {
            Operand::Param(Param::I) => v(Src::Input, Ty::Grid),
            Operand::Param(p) => return Err(format!("step {k} reads {p:?}")),
            Operand::Step(j) => match self.tys.get(*j).cloned().flatten() {
                Some(ty) => v(Src::Step(*j), ty),
                None if matches!(
                    self.stands.get(*j),
                    Some(Some(Stands::Fns(..) | Stands::FnPairs(..)))
                ) =>
                {
                    return Err(format!(
                        "step {k} reads step {j}, a container of callables, \
                         which only a `rapply` over it calls"
                    ));
                }
                None => {
                    return Err(format!(
                        "step {k} reads step {j}, which is not on the device"
                    ));
                }
            },
            Operand::Prim(p) => return Err(format!("step {k} reads `{p}` as a value")),
            Operand::Const(c) => match catalogue::constant(c) {
                Some(ConstValue::Bool(b)) => v(Src::Int(i64::from(b)), Ty::Bool),
                Some(ConstValue::Int(n)) => v(Src::Int(n), Ty::Int),
                Some(ConstValue::Pair(a, b)) => v(Src::Pair(a, b), Ty::Pair),
                None => return Err(format!("unknown constant {c}")),
            },
            Operand::Int(n) => v(Src::Int(*n), Ty::Int),
        })
    }

    /// An operand as an argument: a callable, or a value of the sample.
    fn arg(&self, k: StepId, op: &Operand) -> Result<A, String> {
        if let Operand::Step(j) = op
            && let Some(Some(Stands::Apart(a, b))) = self.stands.get(*j)
        {
            return Ok(A::Apart(a.clone(), b.clone()));
        }
        if self.is_callable(op) {
            Ok(A::Fun(Callable::Op(op.clone())))
        } else {
            self.value(k, op).map(A::Val)
        }
    }

    /// How a call at the current level reads `v` as a `p`.
    fn dev_arg(&self, v: &V, p: &Ty) -> DevArg {
        DevArg {
            src: v.src,
            convert: convert(&v.ty, p),
            up: match v.src {
                Src::Sub(_) | Src::Elem | Src::Elem2 => (self.depth() - v.level) as u8,
                _ => 0,
            },
        }
    }

    /// Adds a sub-step to the innermost body.
    fn push(&mut self, sub: SubStep, ty: Ty) -> V {
        let level = self.depth();
        let frame = self.frames.last_mut();
        let index = frame.as_ref().map_or(0, |f| f.len());
        if let Some(frame) = frame {
            frame.push((sub, ty.clone()));
        }
        V {
            src: Src::Sub(index),
            ty,
            level,
        }
    }

    /// A sub-step calling primitive `name` on `args`.
    fn prim(&mut self, k: StepId, name: &'static str, args: Vec<A>) -> Result<V, String> {
        let fin = std::mem::take(&mut self.fin);
        if let [A::Apart(a, b)] = args.as_slice() {
            // A pair held apart, taken apart: no sub-step.
            return match name {
                "first" => Ok(a.clone()),
                "last" => Ok(b.clone()),
                "size" => Ok(V {
                    src: Src::Int(2),
                    ty: Ty::Int,
                    level: 0,
                }),
                _ => Err(format!("step {k}: `{name}` of a pair held apart")),
            };
        }
        if args.iter().any(|a| matches!(a, A::Fun(_))) {
            let (call, ty) = self.hof(k, name, &args, None, fin)?;
            return Ok(self.push(SubStep::Hof(call), ty));
        }
        let (call, ret) = self
            .first_order(name, &args, fin, None)
            .map_err(|wanted| format!("step {k}: no step kernel for `{wanted}` in its callable"))?;
        Ok(self.push(SubStep::Kernel(call), ret))
    }

    /// A first-order call of `name` on values `args` at the current level
    /// (with `clip`, a clipped overload where there is one); `default` the
    /// step's safe default (None inside a callable's body, where any error
    /// fails the call and the default only keeps the value well formed).
    /// Without an overload, the call wanted (`fill[Grid, Int, Indices]`).
    fn first_order(
        &self,
        name: &'static str,
        args: &[A],
        clip: bool,
        default: Option<SafeDefault>,
    ) -> Result<(KernelCall, Ty), String> {
        if args.iter().any(|a| matches!(a, A::Apart(..))) {
            return Err(format!("{name}[a pair held apart]"));
        }
        let vals: Vec<&V> = args
            .iter()
            .filter_map(|a| match a {
                A::Val(v) => Some(v),
                A::Fun(_) | A::Apart(..) => None,
            })
            .collect();
        let candidates = self.first.get(name).map_or(&[][..], Vec::as_slice);
        let tys: Vec<&Ty> = vals.iter().map(|a| &a.ty).collect();
        let unordered = self.may_be_unordered();
        let allowed = (
            clip,
            unordered,
            self.may_be_painted() && !self.reads_in_order(args),
        );
        let srcs: Vec<Src> = vals.iter().map(|v| v.src).collect();
        // A step's own `shift` listed by the second pass is moved anywhere
        // (see `moved_for_corners` in [`lower_all`]).
        let anywhere = (self.anywhere() && MAKE_OFFSETS_IN_BODIES.contains(&name))
            || (self.offsets && self.depth() == 0 && name == "shift")
            || (self.offsets
                && (self.depth() == 0 || name == "frontiers")
                && outgrows_exact(self.graph, name, &srcs))
            || (self.offsets && self.depth() == 0 && moves_an_object(name, &tys, &srcs))
            || (self.offsets && self.depth() > 0 && leaves_frame_in_body(name, &srcs))
            || (self.offsets
                && self.moves_patches
                && self.anywhere()
                && moves_by_offsets(name, &srcs))
            || (self.moving && name == "shift" && !matches!(srcs.first(), Some(Src::Sub(_))));
        let Some((n, _)) = choose(&self.overloads.first, candidates, &tys, allowed, anywhere)
        else {
            let names: Vec<&str> = tys.iter().map(|t| t.name()).collect();
            return Err(format!("{name}[{}]", names.join(", ")));
        };
        Ok(self.kernel_call(n, &vals, default))
    }

    /// A call of first-order overload `n` on `vals` at the current level.
    fn kernel_call(&self, n: usize, vals: &[&V], default: Option<SafeDefault>) -> (KernelCall, Ty) {
        let o = &self.overloads.first[n];
        let call = KernelCall {
            kernel: n as u32,
            args: vals
                .iter()
                .zip(&o.params)
                .map(|(v, p)| self.dev_arg(v, p))
                .collect(),
            defaults: match default {
                Some(d) => templates::default_of(&o.ret, d).is_some(),
                None => type_default(&o.ret).is_some(),
            },
            guard: self.guard,
            poison: 0,
            poison_unless: [0; MAX_ARGS],
            empty_fails: false,
            passes: false,
            escalate: 0,
            unit: false,
            none: false,
            big_from: None,
        };
        (call, o.ret.clone())
    }

    /// Callable `f` called on `args`, as sub-steps of the innermost body.
    fn call(&mut self, k: StepId, f: &Operand, args: Vec<A>) -> Result<V, String> {
        match self.call_a(k, f, args)? {
            A::Val(v) => Ok(v),
            A::Fun(_) => Err(format!("step {k}: a callable made where a value is wanted")),
            A::Apart(..) => Err(format!(
                "step {k}: a pair held apart where a value is wanted"
            )),
        }
    }

    /// Callable `c` called on `args`: a value, or a callable made in the
    /// body. A composition onto a `branch` of callables that cannot be
    /// lowered as it is (the arms' values of two forms) is lowered as a
    /// `branch` of the arms composed ([`Lower::branch_within`]).
    fn call_fn(&mut self, k: StepId, c: &Callable, args: Vec<A>) -> Result<A, String> {
        if !matches!(c, Callable::Made("compose" | "chain", _)) || self.guard.is_some() {
            return self.call_fn_as_made(k, c, args);
        }
        let before = self.frames.last().map_or(0, Vec::len);
        let (fin, as_patch) = (self.fin, self.as_patch);
        let plain = self.call_fn_as_made(k, c, args.clone());
        if plain.is_ok() {
            return plain;
        }
        let Some((cond, [a, b])) = self.branch_within(c) else {
            return plain;
        };
        let truncate = |l: &mut Self| {
            l.guard = None;
            if let Some(frame) = l.frames.last_mut() {
                frame.truncate(before);
            }
        };
        truncate(self);
        self.fin = fin;
        let r = self.branch_call(k, &cond, [&a, &b], args, as_patch);
        if r.is_err() {
            truncate(self);
            return plain;
        }
        r
    }

    /// [`Lower::call_fn`] with `c` lowered as it is made.
    fn call_fn_as_made(&mut self, k: StepId, c: &Callable, args: Vec<A>) -> Result<A, String> {
        let as_patch = std::mem::take(&mut self.as_patch);
        match c {
            Callable::Op(op) => {
                self.as_patch = as_patch;
                self.call_a(k, op, args)
            }
            Callable::Made(comb, made) => {
                let fun = |a: &A| match a {
                    A::Fun(c) => Ok(c.clone()),
                    A::Val(_) | A::Apart(..) => {
                        Err(format!("step {k}: `{comb}` of a value for a callable"))
                    }
                };
                let fin = std::mem::take(&mut self.fin);
                let r = match (*comb, made.as_slice()) {
                    ("rbind", [g, x]) => {
                        let mut all = args;
                        all.push(x.clone());
                        self.fin = fin;
                        self.call_fn(k, &fun(g)?, all)
                    }
                    ("lbind", [g, x]) => {
                        let mut all = vec![x.clone()];
                        all.extend(args);
                        self.fin = fin;
                        self.call_fn(k, &fun(g)?, all)
                    }
                    ("compose", [outer, inner]) => {
                        let outer = fun(outer)?;
                        self.fin = clip_into(self.graph, &outer, 0, fin);
                        self.as_patch = reads_positions(&outer);
                        let v = self.call_fn(k, &fun(inner)?, args)?;
                        self.fin = fin;
                        self.call_fn(k, &outer, vec![v])
                    }
                    ("chain", [h, g, f]) => {
                        let (h, g) = (fun(h)?, fun(g)?);
                        let fin_g = clip_into(self.graph, &h, 0, fin);
                        self.fin = clip_into(self.graph, &g, 0, fin_g);
                        self.as_patch = reads_positions(&g);
                        let v = self.call_fn(k, &fun(f)?, args)?;
                        self.fin = fin_g;
                        self.as_patch = reads_positions(&h);
                        let v = self.call_fn(k, &g, vec![v])?;
                        self.fin = fin;
                        self.call_fn(k, &h, vec![v])
                    }
                    ("fork", [outer, f, g]) => {
                        let outer = fun(outer)?;
                        let before = self.frames.last().map_or(0, Vec::len);
                        let mut clip_a = clip_into(self.graph, &outer, 0, fin);
                        loop {
                            self.fin = clip_a;
                            let a = self.call_fn(k, &fun(f)?, args.clone())?;
                            self.fin = clip_into(self.graph, &outer, 1, fin);
                            let b = self.call_fn(k, &fun(g)?, args.clone())?;
                            self.fin = fin;
                            let r = self.call_fn(k, &outer, vec![a, b])?;
                            // A filter whose predicate never fails, of a
                            // set that may be clipped: made again, the set
                            // clipped.
                            let filters = fin
                                && !clip_a
                                && matches!(
                                    self.frames.last().and_then(|f| f.last()),
                                    Some((SubStep::Hof(h), _))
                                        if filters_totally(h, self.overloads)
                                );
                            if !filters {
                                break Ok(r);
                            }
                            if let Some(frame) = self.frames.last_mut() {
                                frame.truncate(before);
                            }
                            clip_a = true;
                        }
                    }
                    ("matcher", [f, target]) => {
                        let v = self.call_fn(k, &fun(f)?, args)?;
                        self.prim(k, "equality", vec![v, target.clone()])
                            .map(A::Val)
                    }
                    _ => Err(format!("step {k}: a callable made by `{comb}`")),
                };
                self.fin = false;
                r
            }
            Callable::Then(maker, then) => {
                let fin = std::mem::take(&mut self.fin);
                let before = self.frames.last().map_or(0, Vec::len);
                let made = self.call_fn(k, maker, args)?;
                if self.frames.last().map_or(0, Vec::len) != before {
                    return Err(format!("step {k}: callables made of values they compute"));
                }
                let A::Fun(made) = made else {
                    return Err(format!("step {k}: `rapply` over values"));
                };
                self.fin = fin;
                let r = self.call_fn(k, &made, then.clone());
                self.fin = false;
                r
            }
        }
    }

    /// [`Lower::call_fn`] of a primitive or a combinator's step.
    fn call_a(&mut self, k: StepId, f: &Operand, args: Vec<A>) -> Result<A, String> {
        let as_patch = std::mem::take(&mut self.as_patch);
        let step = match f {
            // A callable a combinator makes from the body's callables and
            // values: made, not called.
            Operand::Prim(name) if makes_callable(name, &args) => {
                return Ok(A::Fun(Callable::Made(name, args)));
            }
            Operand::Prim(name) => return self.prim(k, name, args).map(A::Val),
            Operand::Step(j) if let Some(Some(Stands::Callable(c))) = self.stands.get(*j) => {
                return self.call_fn(k, &c.clone(), args);
            }
            Operand::Step(j) if self.is_callable(f) => &self.graph.steps[*j],
            _ => {
                return Err(format!(
                    "step {k} calls a value that is not a known callable"
                ));
            }
        };
        let Callee::Prim(comb) = &step.callee else {
            return Err(format!("step {k} calls a callable value"));
        };
        let a = &step.args;
        match (*comb, a.as_slice()) {
            // A combinator's step: the callable it makes, as one made in a
            // body (its callables and values read from the sample).
            (comb @ ("rbind" | "lbind" | "compose" | "chain" | "fork" | "matcher"), ops) => {
                let made = ops
                    .iter()
                    .map(|op| self.arg(k, op))
                    .collect::<Result<Vec<_>, _>>()?;
                self.call_fn(k, &Callable::Made(comb, made), args)
            }
            ("power", [g, _]) => {
                let Operand::Step(j) = f else {
                    return Err(format!("step {k}: `power` of no step"));
                };
                let n = self.power_count(*j).ok_or_else(|| {
                    format!("step {k}: `power` with a count not known in 1..{MAX_POWER}")
                })?;
                let fin = std::mem::take(&mut self.fin);
                self.fin = fin && n == 1;
                let mut v = self.call(k, g, args)?;
                for turn in 1..n {
                    self.fin = fin && turn + 1 == n;
                    v = self.call(k, g, vec![A::Val(v)])?;
                }
                Ok(A::Val(v))
            }
            ("branch", [condition, f, g]) => {
                self.fin = false;
                let (f, g) = (Callable::Op(f.clone()), Callable::Op(g.clone()));
                self.branch_call(k, condition, [&f, &g], args, as_patch)
            }
            _ => Err(format!("step {k} calls a callable made by `{comb}`")),
        }
    }

    /// A `branch` of callables `arms` on `condition` called on `args`:
    /// each arm's sub-steps with their errors counted under its side of
    /// the condition (`KernelCall::guard`), then the value of the side
    /// taken. With `as_patch`, an object one arm gives where the other
    /// gives positions is read for its positions.
    fn branch_call(
        &mut self,
        k: StepId,
        condition: &Operand,
        arms: [&Callable; 2],
        args: Vec<A>,
        as_patch: bool,
    ) -> Result<A, String> {
        let fin = std::mem::take(&mut self.fin);
        if self.guard.is_some() {
            return Err(format!("step {k}: a `branch` of callables inside another"));
        }
        let c = self.value(k, condition)?;
        if !matches!(c.src, Src::Step(_) | Src::Int(_)) {
            return Err(format!("step {k}: `branch` on a value of no sample"));
        }
        let cond = DevArg {
            src: c.src,
            convert: convert(&c.ty, &Ty::Bool),
            up: 0,
        };
        let side = |l: &mut Self, taken: bool, f: &Callable, args: Vec<A>| {
            l.guard = Some((cond, taken));
            l.fin = fin;
            match l.call_fn(k, f, args) {
                Ok(A::Val(v)) => Ok(v),
                Ok(_) => Err(format!("step {k}: a `branch` of callables giving no value")),
                Err(e) => Err(e),
            }
        };
        let mut a = side(self, true, arms[0], args.clone());
        let mut b = side(self, false, arms[1], args);
        self.fin = false;
        // Read only for their positions: an object's are the
        // positions the other callable gives.
        if as_patch
            && let (Ok(x), Ok(y)) = (&a, &b)
            && matches!(
                (&x.ty, &y.ty),
                (Ty::Object, Ty::Indices) | (Ty::Indices, Ty::Object)
            )
        {
            for (side, v) in [(true, &mut a), (false, &mut b)] {
                if let Ok(x) = v
                    && matches!(x.ty, Ty::Object)
                {
                    self.guard = Some((cond, side));
                    *v = self.prim(k, "toindices", vec![A::Val(x.clone())]);
                }
            }
        }
        self.guard = None;
        let (a, b) = (a?, b?);
        if a.ty.name() != b.ty.name() {
            return Err(format!(
                "step {k}: a `branch` of callables giving {} and {}",
                a.ty.name(),
                b.ty.name()
            ));
        }
        self.prim(k, "branch", vec![A::Val(c), A::Val(a), A::Val(b)])
            .map(A::Val)
    }

    /// A callable `compose`d or `chain`ed onto a `branch` of callables
    /// (innermost): the `branch`'s condition and its two arms with the
    /// same callables composed onto each (`compose(h, branch(c, f, g))`
    /// is `branch(c, compose(h, f), compose(h, g))`), so that each arm's
    /// value may take a form of its own until the callables after it
    /// bring both to one.
    fn branch_within(&self, c: &Callable) -> Option<(Operand, [Callable; 2])> {
        match c {
            Callable::Op(Operand::Step(j)) => {
                let step = &self.graph.steps[*j];
                match (&step.callee, step.args.as_slice()) {
                    (Callee::Prim("branch"), [cond, f, g]) if self.callable_branch(*j) => Some((
                        cond.clone(),
                        [Callable::Op(f.clone()), Callable::Op(g.clone())],
                    )),
                    (Callee::Prim(comb @ ("compose" | "chain")), ops) => {
                        let made = ops
                            .iter()
                            .map(|op| self.arg(*j, op).ok())
                            .collect::<Option<Vec<_>>>()?;
                        self.branch_within(&Callable::Made(comb, made))
                    }
                    _ => None,
                }
            }
            Callable::Made(comb @ ("compose" | "chain"), made) => {
                let (A::Fun(inner), outer) = made.split_last()? else {
                    return None;
                };
                let (cond, arms) = self.branch_within(inner)?;
                Some((
                    cond,
                    arms.map(|arm| {
                        let mut made = outer.to_vec();
                        made.push(A::Fun(arm));
                        Callable::Made(comb, made)
                    }),
                ))
            }
            _ => None,
        }
    }

    /// A higher-order call of `name` on `args` (one of them a callable) at
    /// the current level; `default` the step's safe default (None inside a
    /// callable's body); with `fin`, a clipped `mapply` may clip its
    /// callable's results.
    fn hof(
        &mut self,
        k: StepId,
        name: &'static str,
        args: &[A],
        default: Option<SafeDefault>,
        fin: bool,
    ) -> Result<(HofCall, Ty), String> {
        let callable_at: Vec<usize> = (0..args.len())
            .filter(|&i| matches!(args[i], A::Fun(_)))
            .collect();
        let [at] = callable_at[..] else {
            return Err(format!("step {k}: `{name}` of two callables"));
        };
        let A::Fun(f) = &args[at] else {
            return Err(format!("step {k}: `{name}` of no callable"));
        };
        if args.iter().any(|a| matches!(a, A::Apart(..))) {
            return Err(format!("step {k}: `{name}` of a pair held apart"));
        }
        if self.depth() >= MAX_LEVELS {
            return Err(format!(
                "step {k}: callables nested more than {MAX_LEVELS} deep"
            ));
        }
        let candidates = self.higher.get(name).map_or(&[][..], Vec::as_slice);
        let given: Vec<&str> = args
            .iter()
            .map(|a| match a {
                A::Val(v) => v.ty.name(),
                A::Fun(_) => "callable",
                A::Apart(..) => "pair held apart",
            })
            .collect();
        let mut why = format!("no step kernel for `{name}[{}]`", given.join(", "));
        let may_be_unordered = self.may_be_unordered();
        let painted = (self.may_be_painted() || std::mem::take(&mut self.bag_here))
            && !self.reads_in_order(args);
        let views = views(false, may_be_unordered, painted);
        // A form of the second pass (a tuple of objects that may overlap,
        // a bag of sets of positions), first where the step (or a call in
        // its callables' bodies) may make one, else never.
        let makers: &[bool] = if self.offsets {
            &[true, false]
        } else {
            &[false]
        };
        let passes = views.iter().flat_map(|v| {
            makers
                .iter()
                .flat_map(move |&m| [(v, m, true), (v, m, false)])
        });
        for (&view, makers, exact) in passes {
            for &n in candidates {
                let o = &self.overloads.higher[n];
                let Some((place, r)) = &o.callable else {
                    continue;
                };
                if !gives(o, view) || makes_a_bag(o) != makers {
                    continue;
                }
                // A tuple of sets kept in order serves the few uses that
                // count them: where the set standing for the tuple will
                // do (an overload over the same containers gives it), it
                // is the set, which more uses read.
                let set_instead = |m: &Overload| {
                    m.unordered
                        && m.params.len() == o.params.len()
                        && m.params
                            .iter()
                            .zip(&o.params)
                            .all(|(a, b)| a.name() == b.name())
                };
                if matches!(o.ret, Ty::PatchSeq)
                    && may_be_unordered
                    && candidates
                        .iter()
                        .any(|&m| set_instead(&self.overloads.higher[m]))
                {
                    continue;
                }
                if *place != at || o.params.len() != args.len() {
                    continue;
                }
                let fits = o.params.iter().zip(args).all(|(p, a)| match a {
                    A::Val(v) => v.ty.name() == p.name() || (!exact && v.ty.fits(p)),
                    A::Fun(_) => true,
                    A::Apart(..) => false,
                });
                if !fits {
                    continue;
                }
                // The callable's body, one element level down.
                let saved_guard = self.guard.take();
                self.frames.push(Vec::new());
                let over_offsets = o.params.iter().any(|p| matches!(p, Ty::Offsets));
                if over_offsets {
                    self.offset_levels.push(self.depth());
                }
                let mut elems = vec![A::Val(V {
                    src: Src::Elem,
                    ty: o.params[at].clone(),
                    level: self.depth(),
                })];
                if let Some(u) = &o.second {
                    elems.push(A::Val(V {
                        src: Src::Elem2,
                        ty: u.clone(),
                        level: self.depth(),
                    }));
                }
                // `mapply` unites its callable's results: a clipped
                // value's results may be clipped.
                self.fin = fin && name == "mapply";
                let got = match self.call_fn(k, f, elems) {
                    Ok(A::Val(v)) => Ok(v),
                    Ok(A::Fun(_)) => Err(format!("step {k}: {GIVES_CALLABLE}")),
                    Ok(A::Apart(..)) => {
                        Err(format!("step {k}: its callable gives a pair held apart"))
                    }
                    Err(e) => Err(e),
                };
                self.fin = false;
                let level = self.depth();
                if over_offsets {
                    self.offset_levels.pop();
                }
                let body = self.frames.pop().unwrap_or_default();
                self.guard = saved_guard;
                let got = match got {
                    Ok(v) => v,
                    Err(e) => {
                        why = e;
                        continue;
                    }
                };
                let (Src::Sub(result), true) = (got.src, got.level == level) else {
                    why = format!("step {k}: its callable gives no value of its own");
                    continue;
                };
                if !(got.ty.name() == r.name() || got.ty.fits(r)) {
                    why = format!(
                        "step {k}: its callable gives {}, not {}",
                        got.ty.name(),
                        r.name()
                    );
                    continue;
                }
                let first = match &o.second {
                    Some(u) => second_offset(&o.params[at]) + size_of(u),
                    None => size_of(&o.params[at]),
                };
                let (sub_offsets, stride) = layout(first, body.iter().map(|(_, ty)| ty));
                let zero_fails = matches!(name, "valmax" | "valmin")
                    && body.iter().any(|(s, _)| fails_on_int(s, self.overloads));
                let call = HofCall {
                    kernel: n as u32,
                    args: args
                        .iter()
                        .zip(&o.params)
                        .map(|(a, p)| match a {
                            A::Val(v) => self.dev_arg(v, p),
                            A::Fun(_) | A::Apart(..) => DevArg {
                                src: Src::Int(0),
                                convert: Convert::Same,
                                up: 0,
                            },
                        })
                        .collect(),
                    defaults: match default {
                        Some(d) => templates::default_of(&o.ret, d).is_some(),
                        None => type_default(&o.ret).is_some(),
                    },
                    zero_fails,
                    guard: self.guard,
                    subs: body.into_iter().map(|(s, _)| s).collect(),
                    result,
                    result_convert: convert(&got.ty, r),
                    sub_offsets,
                    stride,
                    second: o
                        .second
                        .as_ref()
                        .map_or(0, |_| second_offset(&o.params[at])),
                    poison: Vec::new(),
                };
                return Ok((call, o.ret.clone()));
            }
        }
        Err(why)
    }

    /// A differ's steps (`self.graph`, lowered with `self.differ`) as
    /// sub-steps of the innermost body: at element level 1 (the expected
    /// lanes) those that do not read `I` (`reads_i`), at level 2 (the score
    /// lanes) the others, each failed step taking its default as in the
    /// DSL; with each sub-step's status mask pushed to `masks` (see
    /// [`ScoreBody::masks`]). At level 2, gives the score's sub-step and
    /// how it reads as an integer.
    fn differ_body(
        &mut self,
        masks: &mut Vec<u8>,
        reads_i: &[bool],
    ) -> Result<Option<(usize, Convert)>, String> {
        let graph = self.graph;
        let scores = self.depth() == 2;
        let rows = |l: &Self| l.frames.last().map_or(0, Vec::len);
        for (k, step) in graph.steps.iter().enumerate() {
            if reads_i.get(k).copied().unwrap_or(false) != scores {
                continue;
            }
            if matches!(step.callee, Callee::Prim(_)) && self.is_callable(&Operand::Step(k)) {
                continue;
            }
            let before = rows(self);
            let args = step
                .args
                .iter()
                .map(|a| self.arg(k, a))
                .collect::<Result<Vec<_>, _>>()?;
            let (v, mask) = match &step.callee {
                Callee::Prim(name) => {
                    let v = if args.iter().any(|a| matches!(a, A::Fun(_))) {
                        let (call, ty) = self.hof(k, name, &args, Some(step.default), false)?;
                        self.push(SubStep::Hof(call), ty)
                    } else {
                        let (call, ty) =
                            self.first_order(name, &args, false, Some(step.default))
                                .map_err(|wanted| format!("no step kernel for `{wanted}`"))?;
                        self.push(SubStep::Kernel(call), ty)
                    };
                    (v, STATUS_FULL | STATUS_NODEFAULT)
                }
                Callee::Value(f) => match self.call_a(k, f, args)? {
                    A::Val(v) => (v, STATUS_FAILED | STATUS_FULL | STATUS_NODEFAULT),
                    _ => return Err(format!("step {k}: a callable made where a value is wanted")),
                },
            };
            if self.guard.is_some() {
                return Err(format!("step {k}: a guarded step"));
            }
            masks.resize(rows(self), mask);
            masks[before..].fill(mask);
            if let Some(values) = &mut self.differ {
                values[k] = Some(v);
            }
        }
        if !scores {
            return Ok(None);
        }
        let [program] = graph.programs.as_slice() else {
            return Err("a differ of more than one program".into());
        };
        let v = self.value(graph.steps.len(), &program.output)?;
        let convert = match v.ty {
            Ty::Int => Convert::Same,
            Ty::Bool => Convert::BoolAsInt,
            ref ty => return Err(format!("its score is {}", ty.name())),
        };
        match (v.src, v.level) {
            (Src::Sub(result), 2) => Ok(Some((result, convert))),
            _ => Err("its score is no value of its own".into()),
        }
    }

    /// How step `k` runs, with its value's type.
    fn step(&mut self, k: StepId) -> Result<(DeviceStep, Option<Ty>), String> {
        if let Some(Some((_, ty))) = self.consts.get(k) {
            return Ok((DeviceStep::Folded, Some(ty.clone())));
        }
        let step = &self.graph.steps[k];
        let name = match &step.callee {
            Callee::Prim(name) => name,
            Callee::Value(f) => return self.call_step(k, f),
        };
        if COMBINATORS.contains(name) {
            return Ok((DeviceStep::Callable, None));
        }
        if *name == "branch" && self.callable_branch(k) {
            return Ok((DeviceStep::Callable, None));
        }
        if *name == "power" {
            if self.power_count(k).is_none() {
                return Err(format!(
                    "step {k}: `power` with a count not known in 1..{MAX_POWER}"
                ));
            }
            return Ok((DeviceStep::Callable, None));
        }
        // A shift of a union of moved patches: made again where it can be,
        // else read as it is, but only where it is not clipped (a union
        // read by no `shift` may be, so a clipped shift must not read it).
        if *name == "shift"
            && let Some(moved) = self.moved_union(k)
            && (moved.is_ok() || self.clip)
        {
            return moved;
        }
        if *name == "apply"
            && let [f, Operand::Step(j)] = step.args.as_slice()
            && let Some(Some(Stands::Apart(a, b))) = self.stands.get(*j)
            && self.is_callable(f)
        {
            return self.apply_apart(k, f, a.clone(), b.clone());
        }
        if *name == "rapply"
            && let [Operand::Step(j), x] = step.args.as_slice()
            && let Some(Some(Stands::Made(maker, c))) = self.stands.get(*j)
        {
            // The callables' results, as an `apply` over their elements.
            let then = Callable::Then(Box::new(Callable::Op(maker.clone())), vec![self.arg(k, x)?]);
            let args = [A::Fun(then), A::Val(c.clone())];
            let (call, ty) = self.hof(k, "apply", &args, Some(step.default), true)?;
            return Ok((DeviceStep::Hof(call), Some(ty)));
        }
        // Containers of callables the card spells out: no value, never
        // failing; a `rapply` over them calls each one.
        if let Some(made) = self.callables_made(k) {
            self.makes = Some(made);
            return Ok((DeviceStep::Callable, None));
        }
        if *name == "rapply"
            && let [Operand::Step(j), x] = step.args.as_slice()
            && let Some((fns, set)) = self.callables_of(k, &Operand::Step(*j))
        {
            return self.rapply_set(k, &fns, set, x);
        }
        if *name == "mapply"
            && let [Operand::Step(g), c] = step.args.as_slice()
            && let Some(fns) = self.rapply_bound(k, *g)
        {
            return self.mapply_rapply(k, &fns, c);
        }
        let args = step
            .args
            .iter()
            .map(|a| self.arg(k, a))
            .collect::<Result<Vec<_>, _>>()?;
        if args.iter().any(|a| matches!(a, A::Fun(_))) {
            return match self.hof(k, name, &args, Some(step.default), self.clip) {
                Ok((call, ty)) => Ok((DeviceStep::Hof(call), Some(ty))),
                // Callables, one per element: made where a `rapply` calls
                // them (a maker that computes nothing never fails).
                Err(e) if *name == "apply" && e.ends_with(GIVES_CALLABLE) => {
                    match (&step.args[..], &args[..]) {
                        ([maker, _], [A::Fun(_), A::Val(c)]) => {
                            self.makes = Some(Stands::Made(maker.clone(), c.clone()));
                            Ok((DeviceStep::Callable, None))
                        }
                        _ => Err(e),
                    }
                }
                Err(e) => Err(e),
            };
        }
        let (call, ret) = match self.first_order(name, &args, self.clip, Some(step.default)) {
            Ok(c) => c,
            // Two values no device form holds together: held apart, for
            // an `apply` over them. `astuple` never fails.
            Err(_)
                if *name == "astuple"
                    && let [A::Val(a), A::Val(b)] = args.as_slice() =>
            {
                self.makes = Some(Stands::Apart(a.clone(), b.clone()));
                return Ok((DeviceStep::Callable, None));
            }
            Err(wanted) => return Err(format!("no step kernel for `{wanted}`")),
        };
        Ok((DeviceStep::Kernel(call), Some(ret)))
    }

    /// Step `k`, a `shift` of a union of patches each moved by an element
    /// of a set (`mapply(lbind(shift, p), offsets)`, perhaps shifted
    /// again), each shift by a constant (a pair no failure gives): the
    /// union made again with every patch moved by the shifts after it
    /// (`shift(mapply(f, c), d)` is `mapply(compose(rbind(shift, d), f),
    /// c)`: a shift moves each member of a union), so that the union it
    /// reads is read by no `shift` and may be clipped where only painted
    /// or filled, and so may this one. `lbind(shift, p)` never fails, so
    /// neither union fails. None where the step is no such shift; the
    /// error where the union cannot be made so.
    fn moved_union(&mut self, k: StepId) -> Option<Result<(DeviceStep, Option<Ty>), String>> {
        let graph = self.graph;
        let mut by = Vec::new();
        let mut at = k;
        let (f, c) = loop {
            let step = &graph.steps[at];
            match (&step.callee, step.args.as_slice()) {
                (Callee::Prim("shift"), [Operand::Step(j), d]) => {
                    by.push(d.clone());
                    at = *j;
                }
                (Callee::Prim("mapply"), [f @ Operand::Step(g), c]) if at != k => {
                    let made = &graph.steps[*g];
                    match (&made.callee, made.args.as_slice()) {
                        (Callee::Prim("lbind"), [Operand::Prim("shift"), p])
                            if !self.is_callable(p) =>
                        {
                            break (f.clone(), c.clone());
                        }
                        _ => return None,
                    }
                }
                _ => return None,
            }
        };
        // The shifts' constant pairs as one: the moves after the first
        // all one way along each axis, so that no move between leaves
        // batt's indices where the last does not.
        let mut sum = (0i64, 0i64);
        let (mut lo, mut hi) = ((0i64, 0i64), (0i64, 0i64));
        for d in &by {
            let Ok(V {
                src: Src::Pair(a, b),
                ..
            }) = self.value(k, d)
            else {
                return None;
            };
            sum = (sum.0.checked_add(a)?, sum.1.checked_add(b)?);
            (lo, hi) = ((lo.0.min(a), lo.1.min(b)), (hi.0.max(a), hi.1.max(b)));
        }
        if (lo.0 < 0 && hi.0 > 0) || (lo.1 < 0 && hi.1 > 0) {
            return None;
        }
        let by = V {
            src: Src::Pair(sum.0, sum.1),
            ty: Ty::Pair,
            level: 0,
        };
        let shift = Callable::Made(
            "rbind",
            vec![A::Fun(Callable::Op(Operand::Prim("shift"))), A::Val(by)],
        );
        let moved = Callable::Made("compose", vec![A::Fun(shift), A::Fun(Callable::Op(f))]);
        // Over a set only: a union over a tuple is a tuple, painted in its
        // order, where the shift after it makes a set of it.
        let c = match self.arg(k, &c) {
            Ok(A::Val(c)) if matches!(c.ty, Ty::Offsets | Ty::Indices | Ty::Objects) => A::Val(c),
            Ok(_) => return None,
            Err(e) => return Some(Err(e)),
        };
        let default = Some(graph.steps[k].default);
        self.moving = true;
        let made = self.hof(k, "mapply", &[A::Fun(moved), c], default, self.clip);
        self.moving = false;
        Some(made.map(|(call, ty)| (DeviceStep::Hof(call), Some(ty))))
    }

    /// Step `k`, `apply(f, x)` over a pair `x` held apart (`a`, `b`): the
    /// pair of `f(a)` and `f(b)`, over one lane per sample; any error
    /// fails the step, as it fails the DSL's `apply`.
    fn apply_apart(
        &mut self,
        k: StepId,
        f: &Operand,
        a: V,
        b: V,
    ) -> Result<(DeviceStep, Option<Ty>), String> {
        self.frames.push(Vec::new());
        self.fin = false;
        let got = self.apply_apart_body(k, f, a, b);
        let body = self.frames.pop().unwrap_or_default();
        self.call_of(k, body, got?, false)
    }

    /// [`Lower::apply_apart`]'s body.
    fn apply_apart_body(&mut self, k: StepId, f: &Operand, a: V, b: V) -> Result<V, String> {
        let fa = self.call(k, f, vec![A::Val(a)])?;
        let fb = self.call(k, f, vec![A::Val(b)])?;
        self.prim(k, "astuple", vec![A::Val(fa), A::Val(fb)])
    }

    /// Step `k` as a container of callables the card spells out
    /// ([`Stands::Fns`]) or pairs of them ([`Stands::FnPairs`]), where
    /// it is one: `astuple` of two callables, `initset` of one, `insert`
    /// of one into a set of them, `combine` and `totuple` of such
    /// containers, `product` of two, and an `apply` of `fork(compose,
    /// first, last)` over their pairs (each pair composed). None of these
    /// fails.
    fn callables_made(&mut self, k: StepId) -> Option<Stands> {
        if self.depth() != 0 {
            return None;
        }
        let step = &self.graph.steps[k];
        let Callee::Prim(name) = &step.callee else {
            return None;
        };
        let fun = |l: &Self, op: &Operand| l.is_callable(op).then(|| Callable::Op(op.clone()));
        Some(match (*name, step.args.as_slice()) {
            ("astuple", [a, b]) => Stands::Fns(vec![fun(self, a)?, fun(self, b)?], false),
            ("initset", [a]) => Stands::Fns(vec![fun(self, a)?], true),
            ("insert", [a, c]) => {
                let f = fun(self, a)?;
                let (mut fns, true) = self.callables_of(k, c)? else {
                    return None;
                };
                fns.push(f);
                Stands::Fns(fns, true)
            }
            ("combine", [a, b]) => {
                let (mut fns, set) = self.callables_of(k, a)?;
                fns.extend(self.callables_of(k, b)?.0);
                Stands::Fns(fns, set)
            }
            ("totuple", [a]) => Stands::Fns(self.callables_of(k, a)?.0, false),
            ("product", [a, b]) => {
                let (xs, ys) = (self.callables_of(k, a)?.0, self.callables_of(k, b)?.0);
                Stands::FnPairs(
                    xs.iter()
                        .flat_map(|x| ys.iter().map(move |y| (x.clone(), y.clone())))
                        .collect(),
                )
            }
            ("apply", [Operand::Step(g), Operand::Step(j)]) => {
                let Some(Some(Stands::FnPairs(pairs))) = self.stands.get(*j) else {
                    return None;
                };
                let made = &self.graph.steps[*g];
                let (
                    Callee::Prim("fork"),
                    [
                        Operand::Prim("compose"),
                        Operand::Prim("first"),
                        Operand::Prim("last"),
                    ],
                ) = (&made.callee, made.args.as_slice())
                else {
                    return None;
                };
                let composed = pairs
                    .iter()
                    .map(|(f, g)| {
                        Callable::Made("compose", vec![A::Fun(f.clone()), A::Fun(g.clone())])
                    })
                    .collect();
                Stands::Fns(composed, true)
            }
            _ => return None,
        })
        .filter(|made| match made {
            Stands::Fns(fns, _) => fns.len() <= MAX_CALLABLES,
            Stands::FnPairs(pairs) => pairs.len() <= MAX_CALLABLES,
            _ => true,
        })
    }

    /// The callables of container `op` ([`Stands::Fns`]), and whether it
    /// is a set; or those an `apply` of a maker made over a constant
    /// tuple of integers ([`Stands::Made`] over `interval(1, 4, 1)`: a
    /// tuple), each made without computing anything.
    fn callables_of(&mut self, k: StepId, op: &Operand) -> Option<(Vec<Callable>, bool)> {
        let Operand::Step(j) = op else {
            return None;
        };
        match self.stands.get(*j)?.as_ref()? {
            Stands::Fns(fns, set) => Some((fns.clone(), *set)),
            Stands::Made(maker, _) => {
                let maker = maker.clone();
                let [_, c] = self.graph.steps[*j].args.as_slice() else {
                    return None;
                };
                let ints = constant_interval(c, self.graph)?;
                let fns = ints
                    .into_iter()
                    .map(|i| self.made_by(k, &maker, i))
                    .collect::<Option<Vec<_>>>()?;
                Some((fns, false))
            }
            _ => None,
        }
    }

    /// The callable `maker` makes of integer `i`, where it computes
    /// nothing to make it.
    fn made_by(&mut self, k: StepId, maker: &Operand, i: i64) -> Option<Callable> {
        let i = V {
            src: Src::Int(i),
            ty: Ty::Int,
            level: 0,
        };
        self.frames.push(Vec::new());
        let made = self.call_a(k, maker, vec![A::Val(i)]);
        let body = self.frames.pop().unwrap_or_default();
        match made {
            Ok(A::Fun(c)) if body.is_empty() => Some(c),
            _ => None,
        }
    }

    /// The set of callables step `g` binds to `rapply` (`lbind(rapply,
    /// fns)`), a set or a tuple.
    fn rapply_bound(&mut self, k: StepId, g: StepId) -> Option<Vec<Callable>> {
        let step = &self.graph.steps[g];
        match (&step.callee, step.args.as_slice()) {
            (Callee::Prim("lbind"), [Operand::Prim("rapply"), fns]) => {
                let fns = fns.clone();
                self.callables_of(k, &fns).map(|(fns, _)| fns)
            }
            _ => None,
        }
    }

    /// Step `k`, `rapply(fns, x)` over a container of callables: each
    /// one's object of `x`, as a bag of objects (they may overlap: mirrors
    /// of one object), over one lane per sample; a failing call fails the
    /// step, as it fails the DSL's `rapply`. Only where the step's own
    /// call may take a painted overload: a bag is read only by the
    /// overloads over bags ([`bag_misuse`]). Over a set the bag stands for
    /// the set of results; over a tuple the results are a tuple, in its
    /// callables' order, which the bag does not keep: there the bag stands
    /// for the tuple only where it may (its last bag built unordered,
    /// checked as a step's own view: [`built_bag`]), and is never read
    /// painted ([`Stands::InOrder`]).
    fn rapply_set(
        &mut self,
        k: StepId,
        fns: &[Callable],
        set: bool,
        x: &Operand,
    ) -> Result<(DeviceStep, Option<Ty>), String> {
        if !set && !self.may_be_unordered() {
            return Err(format!(
                "step {k}: the objects of a tuple of callables read in its order"
            ));
        }
        if !set {
            self.makes = Some(Stands::InOrder);
        }
        if !self.may_be_painted() {
            return Err(format!(
                "step {k}: the objects of a set of callables read other than as a bag"
            ));
        }
        let x = self.arg(k, x)?;
        self.frames.push(Vec::new());
        self.fin = false;
        let got = self.rapply_set_body(k, fns, set, x);
        let body = self.frames.pop().unwrap_or_default();
        self.call_of(k, body, got?, false)
    }

    /// [`Lower::rapply_set`]'s body.
    fn rapply_set_body(
        &mut self,
        k: StepId,
        fns: &[Callable],
        set: bool,
        x: A,
    ) -> Result<V, String> {
        let mut bag: Option<V> = None;
        for (n, f) in fns.iter().enumerate() {
            let v = match self.call_fn(k, f, vec![x.clone()])? {
                A::Val(v) if matches!(v.ty, Ty::Object) => v,
                A::Val(v) => {
                    return Err(format!(
                        "step {k}: a callable of the set gives {}, not Object",
                        v.ty.name()
                    ));
                }
                _ => return Err(format!("step {k}: a callable of the set gives no value")),
            };
            // A tuple's objects, in its order, which the bag does not
            // keep: the last one built stands for the tuple, read only as
            // a set ([`UNORDERED`]).
            let last = !set && n + 1 == fns.len();
            bag = Some(match bag {
                None => self.build_bag(k, "initset", &[&v], last)?,
                Some(b) => self.build_bag(k, "insert", &[&v, &b], last)?,
            });
        }
        bag.ok_or_else(|| format!("step {k}: `rapply` of no callables"))
    }

    /// Step `k`, `mapply(lbind(rapply, fns), c)` over a set of objects
    /// `c`: the objects each callable of `fns` gives of each element, a
    /// set (the set's `mapply` unites them, a tuple's results too), as
    /// the bags `apply(f, c)` give, united ([`Lower::rapply_set`]'s bag),
    /// over one lane per sample. Any failure fails the step, as it fails
    /// the DSL's `mapply`.
    fn mapply_rapply(
        &mut self,
        k: StepId,
        fns: &[Callable],
        c: &Operand,
    ) -> Result<(DeviceStep, Option<Ty>), String> {
        if !self.may_be_painted() {
            return Err(format!(
                "step {k}: the objects of a set of callables read other than as a bag"
            ));
        }
        let c = match self.arg(k, c)? {
            A::Val(c) if matches!(c.ty, Ty::Objects) => c,
            _ => {
                return Err(format!(
                    "step {k}: `mapply` of `rapply` over no set of objects"
                ));
            }
        };
        self.frames.push(Vec::new());
        self.fin = false;
        let got = self.mapply_rapply_body(k, fns, c);
        let body = self.frames.pop().unwrap_or_default();
        self.call_of(k, body, got?, false)
    }

    /// [`Lower::mapply_rapply`]'s body.
    fn mapply_rapply_body(&mut self, k: StepId, fns: &[Callable], c: V) -> Result<V, String> {
        let mut bag: Option<V> = None;
        for f in fns {
            self.bag_here = true;
            let got = self.hof(
                k,
                "apply",
                &[A::Fun(f.clone()), A::Val(c.clone())],
                None,
                false,
            );
            self.bag_here = false;
            let (call, ty) = got?;
            if !matches!(ty, Ty::ObjBag) {
                return Err(format!(
                    "step {k}: a callable of the set gives {}, not a bag of objects",
                    ty.name()
                ));
            }
            let b = self.push(SubStep::Hof(call), ty);
            bag = Some(match bag {
                None => b,
                Some(acc) => self.build_bag(k, "combine", &[&acc, &b], false)?,
            });
        }
        bag.ok_or_else(|| format!("step {k}: `rapply` of no callables"))
    }

    /// A sub-step building a bag of objects ([`builds_bag`]): `name`'s
    /// overload over `vals` giving one.
    fn build_bag(
        &mut self,
        k: StepId,
        name: &str,
        vals: &[&V],
        unordered: bool,
    ) -> Result<V, String> {
        let n = self
            .overloads
            .first
            .iter()
            .position(|o| {
                builds_bag(o)
                    && o.unordered == unordered
                    && o.prim == name
                    && o.params.len() == vals.len()
                    && o.params
                        .iter()
                        .zip(vals)
                        .all(|(p, v)| p.name() == v.ty.name())
            })
            .ok_or_else(|| format!("step {k}: no step kernel building a bag by `{name}`"))?;
        let (call, ty) = self.kernel_call(n, vals, None);
        Ok(self.push(SubStep::Kernel(call), ty))
    }

    /// Step `k`, a call of callable `f` on its arguments: the body over one
    /// lane per sample.
    fn call_step(&mut self, k: StepId, f: &Operand) -> Result<(DeviceStep, Option<Ty>), String> {
        let step = &self.graph.steps[k];
        let args = step
            .args
            .iter()
            .map(|a| self.arg(k, a))
            .collect::<Result<Vec<_>, _>>()?;
        self.frames.push(Vec::new());
        // Where the step may be clipped, so may its callable's result.
        self.fin = self.clip;
        let got = self.call_a(k, f, args);
        let body = self.frames.pop().unwrap_or_default();
        let (got, held) = match got? {
            A::Val(v) => (v, false),
            A::Apart(..) => return Err(format!("step {k}: its callable gives a pair held apart")),
            A::Fun(c) => {
                // A callable: the DSL computes the value it holds when the
                // step runs, so that value is the step's, and where the
                // step fails (its callable would be `()`) the lane goes to
                // the CPU. Its callers read it from the step.
                let mut held = None;
                let c = hold(k, &c, &mut held)?;
                self.makes = Some(Stands::Callable(c));
                match held {
                    Some(v) => (v, true),
                    None if body.is_empty() => return Ok((DeviceStep::Callable, None)),
                    None => {
                        return Err(format!(
                            "step {k}: a callable made of values it does not hold"
                        ));
                    }
                }
            }
        };
        self.call_of(k, body, got, held)
    }

    /// Step `k` as a body over one lane per sample giving `got`; with
    /// `held`, a failure leaves the lane to the CPU.
    fn call_of(
        &self,
        k: StepId,
        body: Vec<(SubStep, Ty)>,
        got: V,
        held: bool,
    ) -> Result<(DeviceStep, Option<Ty>), String> {
        let step = &self.graph.steps[k];
        let (Src::Sub(result), 1) = (got.src, got.level) else {
            return Err(format!("step {k}: its callable gives no value of its own"));
        };
        let kernel = SIZED
            .iter()
            .position(|t| t.name() == got.ty.name())
            .ok_or_else(|| format!("step {k}: its callable gives {}", got.ty.name()))?;
        let (sub_offsets, stride) = layout(0, body.iter().map(|(_, ty)| ty));
        let call = CallStep {
            kernel: kernel as u32,
            defaults: !held && templates::default_of(&got.ty, step.default).is_some(),
            subs: body.into_iter().map(|(s, _)| s).collect(),
            result,
            sub_offsets,
            stride,
            poison: Vec::new(),
        };
        Ok((DeviceStep::Call(call), Some(got.ty)))
    }
}

/// Callable `c`, made by a step calling a callable value, with the value
/// the call computed for it (at most one, in `held`) read from step `k`.
fn hold(k: StepId, c: &Callable, held: &mut Option<V>) -> Result<Callable, String> {
    let Callable::Made(comb, args) = c else {
        return Ok(c.clone());
    };
    let args = args
        .iter()
        .map(|a| match a {
            A::Fun(f) => hold(k, f, held).map(A::Fun),
            A::Val(v) if v.level == 0 => Ok(a.clone()),
            A::Apart(x, y) if x.level == 0 && y.level == 0 => Ok(a.clone()),
            A::Apart(..) => Err(format!("step {k}: a callable holding a pair it computed")),
            A::Val(v) => {
                if held.is_some() {
                    return Err(format!(
                        "step {k}: a callable holding two values it computed"
                    ));
                }
                *held = Some(v.clone());
                Ok(A::Val(V {
                    src: Src::Step(k),
                    ty: v.ty.clone(),
                    level: 0,
                }))
            }
        })
        .collect::<Result<_, _>>()?;
    Ok(Callable::Made(comb, args))
}

/// A use of a value: the reader, its primitive and the place, or `None`
/// for a use that may see every position.
type ClipUse = Option<(StepId, &'static str, usize)>;

/// The steps a callable's body reads (its sub-steps', nested bodies'
/// included, and its guards').
fn body_reads(subs: &[SubStep], out: &mut Vec<StepId>) {
    for s in subs {
        for a in s.args() {
            if let Src::Step(j) = a.src {
                out.push(j);
            }
        }
        if let Some((
            DevArg {
                src: Src::Step(j), ..
            },
            _,
        )) = s.guard()
        {
            out.push(j);
        }
        if let SubStep::Hof(h) = s {
            body_reads(&h.subs, out);
        }
    }
}

/// A read of a step's value.
#[derive(Debug, Clone, Copy)]
struct StepUse {
    /// The device step reading it (None: a program's output).
    reader: Option<StepId>,
    /// Whether it is read inside the reader's callable's body (by a
    /// sub-step or a guard).
    in_body: bool,
    /// The primitive and place of the call reading it: the step's own
    /// call, or in a body a first-order sub-step's (None for any other
    /// read).
    by: Option<(&'static str, usize)>,
    /// In a body, the primitive and place of a higher-order sub-step
    /// reading it (its container, say), where `by` is None: only the
    /// tables that speak for any call of a primitive read it
    /// ([`reads_as_empty_set`]).
    by_hof: Option<(&'static str, usize)>,
}

/// [`step_uses`] but for the reads by steps that are never launched:
/// those of programs that cannot run on the device (one of their steps
/// has no kernel) and of no other.
fn launched_uses(
    graph: &crate::ir::Graph,
    steps: &[Result<DeviceStep, String>],
    overloads: &Overloads,
) -> Vec<Vec<StepUse>> {
    let mut maybe_needed = vec![false; steps.len()];
    for p in &graph.programs {
        if p.steps.iter().all(|&k| steps[k].is_ok()) {
            for &k in &p.steps {
                maybe_needed[k] = true;
            }
        }
    }
    let mut uses = step_uses(graph, steps, overloads);
    for us in &mut uses {
        us.retain(|u| u.reader.is_none_or(|r| maybe_needed[r]));
    }
    uses
}

/// The steps of `index` whose every use is a step's own `equality` of
/// two integers beside a constant (or itself): the DSL's `None` off the
/// grid equals no number and equals itself, as the integer held for it
/// (`BATT_NONE_INT`) does, which no constant is.
fn nones_compared(
    steps: &[Result<DeviceStep, String>],
    overloads: &Overloads,
    uses: &[Vec<StepUse>],
) -> Vec<StepId> {
    let compares = |k: StepId, u: &StepUse| {
        let (Some(r), false, Some(("equality", _))) = (u.reader, u.in_body, u.by) else {
            return false;
        };
        let Ok(DeviceStep::Kernel(e)) = &steps[r] else {
            return false;
        };
        matches!(
            overloads.first[e.kernel as usize].params[..],
            [Ty::Int, Ty::Int]
        ) && e.args.iter().all(|a| match a.src {
            Src::Int(v) => v != NONE_INT,
            Src::Step(j) => j == k,
            _ => false,
        })
    };
    (0..steps.len())
        .filter(|&k| {
            let Ok(DeviceStep::Kernel(c)) = &steps[k] else {
                return false;
            };
            overloads.first[c.kernel as usize].prim == "index"
                && !uses[k].is_empty()
                && uses[k].iter().all(|u| compares(k, u))
        })
        .collect()
}

/// Marks the steps that pass a grid too large for the frame on (a
/// [`PASS_BIG`] step's own call whose first argument is a [`MAKE_BIG`]
/// step's grid or such a step's, its colours constants within i8, its
/// other arguments patches, nothing of [`stand_ins`] on it), and says, by
/// program, whether every read of such a grid in it is
/// - by such a step, as its first argument,
/// - by a [`SHAPE_READERS`] step's own call, which reads its shape, or
/// - by a blind step (a [`BLIND_READS`] step's own call reading such a
///   grid or a blind step's value),
///
/// and every read of a blind step's value is by a blind step or by a
/// passing step, as a patch. There a lane whose every step left to the
/// CPU is a grid too large, its output's too, differs from the CPU in
/// that grid alone (`StepProgram::big_chain`). A blind step's value is
/// whatever its kernel made of a stand-in, but it never fails, and only
/// the cells of grids too large read it.
fn big_chains(
    graph: &crate::ir::Graph,
    steps: &mut [Result<DeviceStep, String>],
    overloads: &Overloads,
    uses: &[Vec<StepUse>],
) -> Vec<bool> {
    let n = steps.len();
    let mut big = vec![false; n];
    let mut blind = vec![false; n];
    let mut join = vec![false; n];
    let mut from: Vec<Option<StepId>> = vec![None; n];
    for k in 0..n {
        if let Ok(DeviceStep::Hof(h)) = &steps[k] {
            blind[k] = blind_hof(h, overloads, &blind);
            continue;
        }
        let Ok(DeviceStep::Kernel(c)) = &steps[k] else {
            continue;
        };
        let o = &overloads.first[c.kernel as usize];
        let plain = c.plain();
        if BLIND_READS.contains(&o.prim)
            && plain
            && c.args
                .iter()
                .any(|a| matches!(a.src, Src::Step(j) if big[j] || blind[j]))
        {
            blind[k] = true;
            continue;
        }
        if !matches!(o.ret, Ty::Grid) {
            continue;
        }
        let reads_big = c
            .args
            .iter()
            .any(|a| matches!(a.src, Src::Step(j) if big[j]));
        if MAKE_BIG.contains(&o.prim) || reads_big && SHAPE_READERS.contains(&o.prim) {
            join[k] = SHAPE_READERS.contains(&o.prim) && plain;
            big[k] = true;
            continue;
        }
        let Some(Src::Step(j)) = c.args.first().map(|a| a.src) else {
            continue;
        };
        let others = c
            .args
            .iter()
            .zip(&o.params)
            .skip(1)
            .all(|(a, p)| match (a.src, p) {
                (Src::Int(v), Ty::Int) => i8::try_from(v).is_ok(),
                // Checked when the step runs (`step_int_small`).
                (Src::Step(i), Ty::Int) => i != j,
                (Src::Step(i), Ty::Indices | Ty::Object | Ty::Pairs | Ty::Offsets) => i != j,
                // A patch the host folded (`shoot(ORIGIN, UNITY)`).
                (Src::Const(_), Ty::Indices | Ty::Object | Ty::Pairs | Ty::Offsets) => true,
                _ => false,
            });
        if big[j] && others && PASS_BIG.contains(&o.prim) && plain {
            big[k] = true;
            from[k] = Some(j);
        }
    }
    let chains = graph
        .programs
        .iter()
        .map(|p| {
            let mine: std::collections::HashSet<StepId> = p.steps.iter().copied().collect();
            p.steps.iter().any(|&k| from[k].is_some() || join[k])
                && p.steps.iter().filter(|&&j| big[j] || blind[j]).all(|&j| {
                    program_reads(&uses[j], &mine, |u, r| {
                        let place = u.by.filter(|_| !u.in_body).map(|(_, at)| at);
                        blind[r] && place.is_some()
                            || big[j]
                                && place.is_some()
                                && (join[r] || place == Some(0) && from[r] == Some(j))
                            || blind[j] && from[r].is_some() && place.is_some_and(|at| at > 0)
                    })
                })
        })
        .collect();
    for (k, j) in from.into_iter().enumerate() {
        if let (Some(j), Ok(DeviceStep::Kernel(c))) = (j, &mut steps[k]) {
            c.big_from = Some(j);
        }
    }
    chains
}

/// Whether higher-order step `h` is blind (see [`big_chains`]): a
/// [`BLIND_HOFS`] step over blind steps' values whose callable's body is
/// calls of [`BLIND_BODIES`] on its element and constants, nothing of
/// [`stand_ins`] on it or them. It never fails, whatever the elements.
fn blind_hof(h: &HofCall, overloads: &Overloads, blind: &[bool]) -> bool {
    let reads_blind = h
        .args
        .iter()
        .any(|a| matches!(a.src, Src::Step(j) if blind[j]));
    let args_ok = h
        .args
        .iter()
        .all(|a| !matches!(a.src, Src::Step(j) if !blind[j]));
    let body_ok = h.subs.iter().all(|s| match s {
        SubStep::Kernel(c) => {
            c.plain()
                && c.guard.is_none()
                && BLIND_BODIES.contains(&overloads.first[c.kernel as usize].prim)
                && c.args
                    .iter()
                    .all(|a| matches!(a.src, Src::Elem | Src::Int(_) | Src::Pair(..)))
        }
        SubStep::Hof(_) => false,
    });
    BLIND_HOFS.contains(&overloads.higher[h.kernel as usize].prim)
        && reads_blind
        && args_ok
        && body_ok
        && h.poison.is_empty()
        && !h.zero_fails
        && h.guard.is_none()
}

/// Says, by program, whether it has a step that may give rows of
/// different widths (a `vconcat`, `STATUS_RAGGED`) and every read of such
/// a step in it is a [`RAGGED_FAILS`] step's own call, with the rows as
/// its grid: its kernel fails there as batt's does, so the rows change
/// nothing but that failure, and a lane need not go to the CPU for them
/// (`StepProgram::big_chain` bit 1). Its output is no such step.
fn ragged_reads_fail(
    graph: &crate::ir::Graph,
    steps: &[Result<DeviceStep, String>],
    overloads: &Overloads,
    uses: &[Vec<StepUse>],
) -> Vec<bool> {
    let ragged = |k: StepId| {
        matches!(&steps[k], Ok(DeviceStep::Kernel(c))
            if overloads.first[c.kernel as usize].prim == "vconcat")
    };
    graph
        .programs
        .iter()
        .map(|p| {
            let mine: std::collections::HashSet<StepId> = p.steps.iter().copied().collect();
            let output = match p.output {
                Operand::Step(k) => Some(k),
                _ => None,
            };
            p.steps.iter().any(|&k| ragged(k))
                && output.is_none_or(|k| !ragged(k))
                && p.steps.iter().filter(|&&k| ragged(k)).all(|&k| {
                    // This program's output is none of them (above).
                    program_reads(&uses[k], &mine, |u, r| {
                        !u.in_body
                            && matches!(u.by, Some((prim, 0)) if RAGGED_FAILS.contains(&prim))
                            && matches!(&steps[r], Ok(DeviceStep::Kernel(c)) if c.plain())
                    })
                })
        })
        .collect()
}

/// `BATT_NONE_INT`, the integer the device holds for a `None` that every
/// use compares with a number.
const NONE_INT: i64 = -i64::MAX;

/// Every device step's value's reads, by step.
fn step_uses(
    graph: &crate::ir::Graph,
    steps: &[Result<DeviceStep, String>],
    overloads: &Overloads,
) -> Vec<Vec<StepUse>> {
    let mut uses: Vec<Vec<StepUse>> = vec![Vec::new(); steps.len()];
    for (r, step) in steps.iter().enumerate() {
        let (prim, args, subs): (&'static str, &[DevArg], &[SubStep]) = match step {
            Ok(DeviceStep::Kernel(c)) => (overloads.first[c.kernel as usize].prim, &c.args, &[]),
            Ok(DeviceStep::Hof(h)) => (overloads.higher[h.kernel as usize].prim, &h.args, &h.subs),
            Ok(DeviceStep::Call(c)) => ("", &[], &c.subs),
            Ok(DeviceStep::Callable | DeviceStep::Folded) | Err(_) => continue,
        };
        for (place, a) in args.iter().enumerate() {
            if let Src::Step(j) = a.src {
                uses[j].push(StepUse {
                    reader: Some(r),
                    in_body: false,
                    by: Some((prim, place)),
                    by_hof: None,
                });
            }
        }
        let mut read = Vec::new();
        body_step_reads(subs, overloads, &mut read);
        for (j, by, by_hof) in read {
            uses[j].push(StepUse {
                reader: Some(r),
                in_body: true,
                by,
                by_hof,
            });
        }
    }
    for p in &graph.programs {
        if let Operand::Step(k) = p.output {
            uses[k].push(StepUse {
                reader: None,
                in_body: false,
                by: None,
                by_hof: None,
            });
        }
    }
    uses
}

/// The device steps whose value, a set of positions or cells, may leave
/// out its positions outside the 30x30 frame: every use reads only
/// positions inside a grid ([`templates::CLIP_SAFE`]), directly or through
/// steps of the same kind ([`templates::CLIP_PASSES`]). A value read
/// inside a callable's body, or a program's output, is not one.
fn clip_tolerant(
    graph: &crate::ir::Graph,
    steps: &[Result<DeviceStep, String>],
    tys: &[Option<Ty>],
    overloads: &Overloads,
) -> Vec<StepId> {
    let uses = step_uses(graph, steps, overloads);
    let mut tolerant: Vec<bool> = (0..steps.len())
        .map(|k| {
            matches!(
                steps[k],
                Ok(DeviceStep::Kernel(_) | DeviceStep::Hof(_) | DeviceStep::Call(_))
            ) && matches!(tys[k], Some(Ty::Indices | Ty::Object | Ty::ObjMerged))
        })
        .collect();
    // A step's own call of a primitive with no clipped overload: its set
    // is whole, whatever `tolerant` says.
    let never_clipped = |j: StepId| match &steps[j] {
        Ok(DeviceStep::Kernel(c)) => {
            let prim = overloads.first[c.kernel as usize].prim;
            !overloads.first.iter().any(|o| o.prim == prim && o.clipped)
        }
        _ => false,
    };
    // Whether reader `r`, an `intersection`, meets the set it reads at
    // `place` (0 or 1) with a whole set of positions or cells (a step's
    // not clipped, or a constant), all inside the frame: the intersection
    // is whole however the set read there was clipped.
    let meets_whole = |r: StepId, place: usize, tolerant: &[bool]| {
        let Ok(DeviceStep::Kernel(c)) = &steps[r] else {
            return false;
        };
        let o = &overloads.first[c.kernel as usize];
        let other = 1 - place;
        o.prim == "intersection"
            && matches!(o.params.get(other), Some(Ty::Indices | Ty::Object))
            && match c.args.get(other).map(|a| a.src) {
                Some(Src::Step(j)) => !tolerant[j] || never_clipped(j),
                Some(Src::Const(_)) => true,
                _ => false,
            }
    };
    loop {
        let drop: Vec<StepId> = (0..steps.len())
            .filter(|&k| {
                tolerant[k]
                    && !uses[k].iter().all(|u| match *u {
                        StepUse {
                            reader: Some(r),
                            in_body: false,
                            by: Some((prim, place)),
                            ..
                        } => {
                            templates::CLIP_SAFE.contains(&(prim, place))
                                || (passes_clip(prim, place) && tolerant[r])
                                || (place < 2 && meets_whole(r, place, &tolerant))
                                || (place == 0
                                    && tolerant[r]
                                    && matches!(&steps[r], Ok(DeviceStep::Hof(h))
                                        if filters_totally(h, overloads)))
                        }
                        _ => false,
                    })
            })
            .collect();
        if drop.is_empty() {
            break;
        }
        for k in drop {
            tolerant[k] = false;
        }
    }
    (0..steps.len()).filter(|&k| tolerant[k]).collect()
}

/// The steps whose values a device step reads (a higher-order step: its
/// arguments' and its callable's).
fn reads(step: &DeviceStep) -> Vec<StepId> {
    let from = |args: &[DevArg]| -> Vec<StepId> {
        args.iter()
            .filter_map(|a| match a.src {
                Src::Step(j) => Some(j),
                _ => None,
            })
            .collect()
    };
    match step {
        DeviceStep::Kernel(c) => from(&c.args),
        DeviceStep::Hof(h) => {
            let mut r = from(&h.args);
            body_reads(&h.subs, &mut r);
            r
        }
        DeviceStep::Call(c) => {
            let mut r = Vec::new();
            body_reads(&c.subs, &mut r);
            r
        }
        DeviceStep::Callable | DeviceStep::Folded => Vec::new(),
    }
}

/// A poison row's `unless` (the place plus one of the argument whose
/// emptiness excuses the failure, plus [`UNLESS_COUNTED`] where its count
/// says so) for a call of `args`: none where that argument is not a step's
/// value, as a folded set or tuple is never empty.
fn read_unless(args: &[DevArg], unless: u8) -> u8 {
    let at = usize::from(unless.wrapping_sub(1) % UNLESS_COUNTED);
    let step = args.get(at).is_some_and(|a| matches!(a.src, Src::Step(_)));
    if unless == 0 || step { unless } else { 0 }
}

/// What each step's lowering may take, by step: an unordered overload for
/// its own call and in its callables' bodies, a painted one, and the value
/// the host folded, read as a constant.
#[derive(Clone, Copy)]
struct Views<'a> {
    unordered: &'a [bool],
    body_unordered: &'a [bool],
    painted: &'a [bool],
    consts: &'a [Option<(Src, Ty)>],
}

/// Every step of `graph` lowered (step `k`'s own call may take an
/// unordered overload where `unordered[k]`), then the clip-tolerant ones
/// again with clipped overloads; with each step's device type. Where that
/// leaves a value its exact form holds on few samples (the neighbours of
/// a constant location outside the frame, frontiers that cross, an
/// outline at the frame's edge: [`outgrows_exact`], and in bodies
/// [`leaves_frame_in_body`]), all of it again with those steps making a
/// form that holds it ([`makes_anywhere`]) and their uses reading it: but
/// for the steps whose uses have no overload for that form, so that no
/// program lowered before is lost.
fn lower_all(
    graph: &crate::ir::Graph,
    overloads: &Overloads,
    first: &HashMap<&'static str, Vec<usize>>,
    higher: &HashMap<&'static str, Vec<usize>>,
    views: Views<'_>,
) -> (Vec<Result<DeviceStep, String>>, Vec<Option<Ty>>) {
    let (steps, tys) = lower_pass(graph, overloads, first, higher, views, &[], &[], &[]);
    // The steps whose value may leave out its positions outside the
    // frame: a listed one among them is lowered so at once in the second
    // pass (the last call of its body made clipped, not a form anywhere
    // the higher-order call cannot give).
    let clipped = clip_tolerant(graph, &steps, &tys, overloads);
    let outgrown = |c: &KernelCall| {
        let o = &overloads.first[c.kernel as usize];
        let srcs: Vec<Src> = c.args.iter().map(|a| a.src).collect();
        // A bag of frontiers, where each use paints them, holds them all.
        !o.clipped
            && !matches!(o.ret, Ty::ObjBag)
            && (outgrows_exact(graph, o.prim, &srcs)
                || moves_an_object(o.prim, &o.params.iter().collect::<Vec<_>>(), &srcs))
    };
    // A set of positions moved and read only for its corners
    // (`ulcorner(shift(x, UP))`): offsets hold it where it leaves the
    // frame.
    let uses = step_uses(graph, &steps, overloads);
    // Whether every use of step `k` is a launched step's own call reading
    // it at a place `read` says.
    let only_read_at = |k: StepId, read: fn(&str, usize) -> bool| {
        !uses[k].is_empty()
            && uses[k].iter().all(|u| {
                matches!(*u, StepUse {
                    reader: Some(_),
                    in_body: false,
                    by: Some((prim, place)),
                    ..
                } if read(prim, place))
            })
    };
    let moved_for_corners = |k: StepId, c: &KernelCall| {
        let o = &overloads.first[c.kernel as usize];
        o.prim == "shift"
            && matches!(o.params[..], [Ty::Indices, Ty::Pair])
            && only_read_at(k, |prim, place| place == 0 && CORNERS.contains(&prim))
    };
    // A tuple's objects merged and only underpainted: each element's
    // object kept in order where a set of cells would put two colours at
    // one position.
    let underpainted =
        |k: StepId| only_read_at(k, |prim, place| (prim, place) == ("underpaint", 1));
    let mut offsets: Vec<StepId> = (0..steps.len())
        .filter(|&k| match &steps[k] {
            Ok(DeviceStep::Kernel(c)) => outgrown(c) || moved_for_corners(k, c),
            Ok(DeviceStep::Hof(h)) => {
                body_leaves_frame(&h.subs, overloads)
                    || moves_a_tuple(h, overloads)
                    || (merges_a_tuple(h, overloads) && underpainted(k))
                    || moves_positions(h, overloads)
                    || places_patches(h, overloads)
            }
            // Frontiers in a call's body (`chain(color, merge, frontiers)`),
            // or an outline (`compose(backdrop, inbox)`).
            Ok(DeviceStep::Call(c)) => {
                body_leaves_frame(&c.subs, overloads)
                    || c.subs.iter().any(|s| match s {
                        SubStep::Kernel(c) => {
                            overloads.first[c.kernel as usize].prim == "frontiers" && outgrown(c)
                        }
                        SubStep::Hof(_) => false,
                    })
            }
            _ => false,
        })
        .collect();
    // A patch moved by each offset of a container (the host's constant),
    // or by each element of one listed above (offsets of
    // `neighbors(ORIGIN)` in the second pass).
    let over_listed: Vec<StepId> = (0..steps.len())
        .filter(|&k| match &steps[k] {
            Ok(DeviceStep::Hof(h)) => {
                let o = &overloads.higher[h.kernel as usize];
                moves_patches_by_offsets(h, overloads)
                    && (o.params.iter().any(|p| matches!(p, Ty::Offsets))
                        || h.args
                            .iter()
                            .any(|a| matches!(a.src, Src::Step(j) if offsets.contains(&j))))
            }
            _ => false,
        })
        .collect();
    offsets.extend(&over_listed);
    let lowered = |steps: &[Result<DeviceStep, String>], p: &crate::ir::ProgramIr| {
        p.steps.iter().all(|&k| steps[k].is_ok())
    };
    while !offsets.is_empty() {
        let (with, tys_with) = lower_pass(
            graph,
            overloads,
            first,
            higher,
            views,
            &offsets,
            &over_listed,
            &clipped,
        );
        let lost: Vec<&crate::ir::ProgramIr> = graph
            .programs
            .iter()
            .filter(|p| lowered(&steps, p) && !lowered(&with, p))
            .collect();
        if lost.is_empty() {
            return (with, tys_with);
        }
        let before = offsets.len();
        // The listed steps that no longer lower (a body over positions
        // whose offsets no overload reads) go alone: those that fail of
        // themselves, not for a listed step they read (`outbox` of an
        // outline in a body, read by a position moved past the frame),
        // else any; where none is such, the listed steps that a first
        // step no longer lowering reads (a use with no overload for
        // offsets: `recolor` of an outline; not the steps after it, which
        // fail for its failure), else every listed step of a lost program.
        let failing = |k: &StepId| with[*k].is_err() && steps[*k].is_ok();
        let fails_alone = |k: &StepId| {
            failing(k)
                && steps[*k]
                    .as_ref()
                    .is_ok_and(|s| !reads(s).iter().any(failing))
        };
        if offsets.iter().any(fails_alone) {
            offsets.retain(|k| !fails_alone(k));
        } else if offsets.iter().any(failing) {
            offsets.retain(|k| !failing(k));
        } else {
            let read_by_failing: std::collections::HashSet<StepId> = (0..steps.len())
                .filter(failing)
                .filter_map(|r| steps[r].as_ref().ok())
                .map(reads)
                .filter(|read| !read.iter().any(failing))
                .flatten()
                .collect();
            if offsets.iter().any(|k| read_by_failing.contains(k)) {
                offsets.retain(|k| !read_by_failing.contains(k));
            } else {
                offsets.retain(|k| !lost.iter().any(|p| p.steps.contains(k)));
            }
        }
        if offsets.len() == before {
            break;
        }
    }
    (steps, tys)
}

/// [`lower_all`]'s pass, with the steps in `offsets` making offsets (those
/// of them in `clipped`, whose values the first pass found may be
/// clipped, lowered clipped first).
#[allow(clippy::too_many_arguments)]
fn lower_pass(
    graph: &crate::ir::Graph,
    overloads: &Overloads,
    first: &HashMap<&'static str, Vec<usize>>,
    higher: &HashMap<&'static str, Vec<usize>>,
    views: Views<'_>,
    offsets: &[StepId],
    moves_patches: &[StepId],
    clipped: &[StepId],
) -> (Vec<Result<DeviceStep, String>>, Vec<Option<Ty>>) {
    let mut tys: Vec<Option<Ty>> = Vec::with_capacity(graph.steps.len());
    let mut steps = Vec::with_capacity(graph.steps.len());
    let mut stands: Vec<Option<Stands>> = Vec::with_capacity(graph.steps.len());
    let lower = |tys: &[Option<Ty>], stands: &[Option<Stands>], k: StepId, clip: bool| {
        let mut l = Lower {
            graph,
            tys,
            overloads,
            first,
            higher,
            frames: Vec::new(),
            offsets: offsets.contains(&k),
            moves_patches: moves_patches.contains(&k),
            moving: false,
            bag_here: false,
            offset_levels: Vec::new(),
            guard: None,
            clip,
            fin: false,
            as_patch: false,
            unordered: views.unordered[k],
            body_unordered: views.body_unordered[k],
            painted: views.painted[k],
            stands,
            makes: None,
            differ: None,
            consts: views.consts,
        };
        let r = l.step(k);
        (r, l.makes)
    };
    let mut clipped_first = Vec::new();
    for k in 0..graph.steps.len() {
        let (mut r, mut makes) = lower(&tys, &stands, k, false);
        // A call's body may give a form anywhere its uses do not read
        // (an outline's outline as a rectangle): clipped at once too.
        let call = matches!(r, Ok((DeviceStep::Call(_), _)));
        if (r.is_err() || call) && offsets.contains(&k) && clipped.contains(&k) {
            (r, makes) = lower(&tys, &stands, k, true);
            clipped_first.push(k);
        }
        tys.push(r.as_ref().ok().and_then(|(_, ty)| ty.clone()));
        stands.push(makes.filter(|_| r.is_ok()));
        steps.push(r.map(|(s, _)| s));
    }
    // Steps whose value may leave out the positions outside the frame
    // take a clipped overload (or, for `mapply`, their callable's result
    // does); one lowered so at once that may not goes back.
    let tolerant = clip_tolerant(graph, &steps, &tys, overloads);
    for k in clipped_first {
        if steps[k].is_ok() && !tolerant.contains(&k) {
            steps[k] = Err(format!("step {k}: a clipped value read whole"));
        }
    }
    for k in tolerant {
        if let (Ok((step, Some(ty))), _) = lower(&tys, &stands, k, true)
            && tys[k].as_ref().map(Ty::name) == Some(ty.name())
        {
            steps[k] = Ok(step);
        }
    }
    (steps, tys)
}

/// A view a step's own call takes only where its value's uses allow:
/// which overloads give it, the uses that read it as they would the
/// exact value, and those that give such a value in turn (followed).
struct ViewUses {
    gives: fn(&Overload) -> bool,
    sinks: &'static [(&'static str, usize)],
    passes: &'static [(&'static str, usize)],
}

/// An unordered overload (a set standing for a tuple): each use must be a
/// primitive that reads it as a set ([`templates::UNORDERED_SINKS`]) or
/// one that gives a set in turn ([`templates::UNORDERED_PASSES`]).
const UNORDERED: ViewUses = ViewUses {
    gives: |o| o.unordered,
    sinks: templates::UNORDERED_SINKS,
    passes: templates::UNORDERED_PASSES,
};

/// A painted overload (an object keeping the largest colour at each
/// position): each use must read it as `paint` does
/// ([`templates::PAINTED_SINKS`]) or give a painted object in turn
/// ([`templates::PAINTED_PASSES`]).
const PAINTED: ViewUses = ViewUses {
    gives: |o| o.painted && !matches!(o.ret, Ty::ObjBag),
    sinks: templates::PAINTED_SINKS,
    passes: templates::PAINTED_PASSES,
};

/// Whether painted overload `o` merges a tuple (`mapply`, `mpapply` over
/// tuples): its object is what `paint` leaves of the merged tuple, a later
/// cell at a position winning, which only a direct read gives (a `shift`
/// makes a set of the tuple, whose largest colour wins).
fn paints_in_order(o: &Overload) -> bool {
    o.painted
        && o.callable.is_some()
        && o.params.iter().any(|p| {
            matches!(
                p,
                Ty::Pairs | Ty::Ints | Ty::ObjTuple | Ty::ObjList | Ty::ObjSeq | Ty::ObjTuplePairs
            )
        })
}

/// A painted overload over a tuple ([`paints_in_order`]): each use must
/// read it as `paint` does ([`templates::PAINTED_SINKS`]), none passes it
/// on.
const PAINTED_IN_ORDER: ViewUses = ViewUses {
    gives: paints_in_order,
    sinks: templates::PAINTED_SINKS,
    passes: &[],
};

/// The overload of a step's own first-order or higher-order call.
fn own_overload<'o>(
    step: &Result<DeviceStep, String>,
    overloads: &'o Overloads,
) -> Option<&'o Overload> {
    match step {
        Ok(DeviceStep::Kernel(c)) => Some(&overloads.first[c.kernel as usize]),
        Ok(DeviceStep::Hof(h)) => Some(&overloads.higher[h.kernel as usize]),
        _ => None,
    }
}

/// The steps whose own call makes a bag of objects that may overlap
/// ([`Ty::ObjBag`], a painted overload: `apply` of an object function,
/// `frontiers`) and whose
/// value is read other than by a step's own call taking the bag as such
/// (`mapply`, `mfilter`, `merge`: the only overloads over bags, which read
/// the elements one by one and paint their union). The card's steps are
/// read, not the lowered ones: a use that has no overload over a bag did
/// not lower, and must count.
fn bag_misuse(
    graph: &crate::ir::Graph,
    steps: &[Result<DeviceStep, String>],
    overloads: &Overloads,
) -> Vec<StepId> {
    let params = |r: StepId| own_overload(&steps[r], overloads).map(|o| &o.params);
    // A call's bag too (the plan's own: `rapply` of a set of callables).
    let bag = |r: StepId| match &steps[r] {
        Ok(DeviceStep::Call(c)) => {
            matches!(sub_overload(&c.subs[c.result], overloads).ret, Ty::ObjBag)
        }
        step => own_overload(step, overloads).is_some_and(|o| matches!(o.ret, Ty::ObjBag)),
    };
    let mut misused = vec![false; steps.len()];
    for (r, step) in graph.steps.iter().enumerate() {
        for (place, a) in step.args.iter().enumerate() {
            if let Operand::Step(k) = *a
                && bag(k)
                && !params(r)
                    .and_then(|p| p.get(place))
                    .is_some_and(|p| matches!(p, Ty::ObjBag))
            {
                misused[k] = true;
            }
        }
    }
    for p in &graph.programs {
        if let Operand::Step(k) = p.output
            && bag(k)
        {
            misused[k] = true;
        }
    }
    (0..steps.len()).filter(|&k| misused[k]).collect()
}

/// The steps whose own call takes an overload of `view` and whose value
/// reaches a use that tells it from the exact value: one neither among
/// the view's sinks nor (outside a body) among its passes, whose uses are
/// followed; a read inside a callable's body other than a sink's, a call
/// of a callable value or a program's output is none of these.
fn view_misuse(
    graph: &crate::ir::Graph,
    steps: &[Result<DeviceStep, String>],
    overloads: &Overloads,
    view: &ViewUses,
) -> Vec<StepId> {
    let ViewUses {
        gives: view,
        sinks,
        passes,
    } = *view;
    let uses = step_uses(graph, steps, overloads);
    let made = |k: usize| {
        own_overload(&steps[k], overloads).is_some_and(view)
            || built_bag(&steps[k], overloads).is_some_and(view)
    };
    let mut misused = Vec::new();
    for k in (0..steps.len()).filter(|&k| made(k)) {
        // The set's way through the steps that pass it on.
        let mut todo = vec![k];
        let mut seen = vec![k];
        let mut ok = true;
        while let Some(j) = todo.pop() {
            for u in &uses[j] {
                match *u {
                    // A set read as one, in a body too.
                    StepUse { by: Some(by), .. } if sinks.contains(&by) => {}
                    StepUse {
                        reader: Some(r),
                        in_body: false,
                        by: Some(by),
                        ..
                    } if passes.contains(&by) => {
                        if !seen.contains(&r) {
                            seen.push(r);
                            todo.push(r);
                        }
                    }
                    _ => ok = false,
                }
            }
        }
        if !ok {
            misused.push(k);
        }
    }
    misused
}

/// The sample's values a callable's body reads (its sub-steps', nested
/// bodies' included, and its guards'), each with the primitive and place
/// of a first-order call that reads it (None for any other read), and
/// those of a higher-order one.
type BodyRead = (
    StepId,
    Option<(&'static str, usize)>,
    Option<(&'static str, usize)>,
);

/// See [`BodyRead`].
fn body_step_reads(subs: &[SubStep], overloads: &Overloads, out: &mut Vec<BodyRead>) {
    for s in subs {
        let prim = sub_prim(s, overloads);
        for (place, a) in s.args().iter().enumerate() {
            if let Src::Step(j) = a.src {
                let first = matches!(s, SubStep::Kernel(_));
                out.push((
                    j,
                    first.then_some((prim, place)),
                    (!first).then_some((prim, place)),
                ));
            }
        }
        if let Some((
            DevArg {
                src: Src::Step(j), ..
            },
            _,
        )) = s.guard()
        {
            out.push((j, None, None));
        }
        if let SubStep::Hof(h) = s {
            body_step_reads(&h.subs, overloads, out);
        }
    }
}

/// A sub-step's overload.
fn sub_overload<'o>(s: &SubStep, overloads: &'o Overloads) -> &'o Overload {
    match s {
        SubStep::Kernel(c) => &overloads.first[c.kernel as usize],
        SubStep::Hof(h) => &overloads.higher[h.kernel as usize],
    }
}

/// A sub-step's primitive.
fn sub_prim(s: &SubStep, overloads: &Overloads) -> &'static str {
    sub_overload(s, overloads).prim
}

/// Whether a sub-step's call takes an unordered overload.
fn sub_unordered(s: &SubStep, overloads: &Overloads) -> bool {
    sub_overload(s, overloads).unordered
}

/// The steps whose callables' bodies take an unordered overload whose set
/// reaches a use that counts order or repeats (see [`body_misuse`]).
fn body_unordered_misuse(
    steps: &[Result<DeviceStep, String>],
    overloads: &Overloads,
) -> Vec<StepId> {
    (0..steps.len())
        .filter(|&k| match &steps[k] {
            Ok(DeviceStep::Hof(h)) => body_misuse(
                &h.subs,
                h.result,
                overloads.higher[h.kernel as usize].prim == "mapply",
                overloads,
            ),
            // A bag the plan built of a tuple's objects is the call's own
            // value, checked as a step's ([`view_misuse`]).
            Ok(DeviceStep::Call(c)) => body_misuse(
                &c.subs,
                c.result,
                built_bag(&steps[k], overloads).is_some(),
                overloads,
            ),
            _ => false,
        })
        .collect()
}

/// The overload of the sub-step giving a call's value where it builds a
/// bag of objects ([`builds_bag`]: the plan's own `rapply`).
fn built_bag<'o>(
    step: &Result<DeviceStep, String>,
    overloads: &'o Overloads,
) -> Option<&'o Overload> {
    let Ok(DeviceStep::Call(c)) = step else {
        return None;
    };
    Some(sub_overload(&c.subs[c.result], overloads)).filter(|o| builds_bag(o))
}

/// Whether a callable's body (or one nested in it) lets the set of an
/// unordered sub-step reach a use that counts order or repeats. Within the
/// body each use must be a sink or pass the set on, as for a step's own
/// call ([`UNORDERED`]); the body's result may be one only where
/// its call (`merged`: a `mapply`) unites the results into a set, or into
/// a value whose own call is unordered and checked as such; a read from a
/// body nested in it is none of these.
fn body_misuse(subs: &[SubStep], result: usize, merged: bool, overloads: &Overloads) -> bool {
    // Each sub-step's uses: (reading sub-step, primitive, place), or None.
    let mut uses: Vec<Vec<ClipUse>> = vec![Vec::new(); subs.len()];
    for (r, s) in subs.iter().enumerate() {
        let prim = sub_prim(s, overloads);
        for (place, a) in s.args().iter().enumerate() {
            if let (Src::Sub(j), 0) = (a.src, a.up) {
                uses[j].push(Some((r, prim, place)));
            }
        }
        if let SubStep::Hof(h) = s {
            if body_misuse(&h.subs, h.result, prim == "mapply", overloads) {
                return true;
            }
            let mut nested = Vec::new();
            reads_from_above(&h.subs, 1, &mut nested);
            for j in nested {
                uses[j].push(None);
            }
        }
    }
    if !merged {
        uses[result].push(None);
    }
    for k in (0..subs.len()).filter(|&k| sub_unordered(&subs[k], overloads)) {
        let mut todo = vec![k];
        let mut seen = vec![k];
        while let Some(j) = todo.pop() {
            for u in &uses[j] {
                match *u {
                    Some((r, prim, place))
                        if matches!(subs[r], SubStep::Kernel(_))
                            && templates::UNORDERED_SINKS.contains(&(prim, place)) => {}
                    Some((r, prim, place))
                        if templates::UNORDERED_PASSES.contains(&(prim, place)) =>
                    {
                        if !seen.contains(&r) {
                            seen.push(r);
                            todo.push(r);
                        }
                    }
                    _ => return true,
                }
            }
        }
    }
    false
}

/// Whether primitive `prim`'s overload of `params` reads a pair at
/// `place` only as a set's member, which neither `()` nor a pair no
/// position has is: removed from a set of positions or an object
/// ([`templates::EMPTY_TUPLE_REMOVED`]), or looked up in a set of
/// positions ([`templates::EMPTY_TUPLE_ABSENT`]).
fn reads_unit_as_absent(prim: &str, place: usize, params: &[Ty]) -> bool {
    (templates::EMPTY_TUPLE_REMOVED.contains(&(prim, place))
        && matches!(params, [Ty::Pair, Ty::Indices | Ty::Object]))
        || (templates::EMPTY_TUPLE_ABSENT.contains(&(prim, place))
            && matches!(params, [Ty::Pair, Ty::Indices]))
}

/// Marks the pairs a callable's body (and those nested in it) gives as
/// `()` (`ulcorner` of an empty patch) to be held as a pair no position
/// has (`KernelCall::unit`, `BATT_UNIT_PAIR`), where every use in the body
/// removes it from a set of positions or looks it up in one
/// ([`templates::EMPTY_TUPLE_REMOVED`], [`templates::EMPTY_TUPLE_ABSENT`]),
/// which read both alike; the body's result, and a pair a body nested in
/// it reads, stay as they are. And marks those (any value) that one of the
/// body's sub-steps run whatever its guards say reads where it fails on
/// `()` ([`templates::FAILS_ON_EMPTY_TUPLE`]) to fail on giving `()`
/// (`KernelCall::empty_fails`): the DSL's call fails there either way.
fn body_units(subs: &mut [SubStep], result: usize, overloads: &Overloads) {
    // Each sub-step's uses in the body: whether each reads `()` as a pair
    // no position has; and whether one, always run, fails on it.
    let mut reads: Vec<Vec<bool>> = vec![Vec::new(); subs.len()];
    let mut failing = vec![false; subs.len()];
    for s in subs.iter() {
        let first = match s {
            SubStep::Kernel(c) => Some(&overloads.first[c.kernel as usize]),
            SubStep::Hof(_) => None,
        };
        let absent =
            |place: usize| first.is_some_and(|o| reads_unit_as_absent(o.prim, place, &o.params));
        let fails = |place: usize| {
            s.guard().is_none()
                && first.is_some_and(|o| templates::FAILS_ON_EMPTY_TUPLE.contains(&(o.prim, place)))
        };
        for (place, a) in s.args().iter().enumerate() {
            if let (Src::Sub(j), 0) = (a.src, a.up) {
                reads[j].push(absent(place));
                failing[j] |= fails(place);
            }
        }
        if let SubStep::Hof(h) = s {
            let mut nested = Vec::new();
            reads_from_above(&h.subs, 1, &mut nested);
            for j in nested {
                reads[j].push(false);
            }
        }
    }
    let units: Vec<bool> = subs
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let SubStep::Kernel(c) = s else { return false };
            k != result
                && matches!(overloads.first[c.kernel as usize].ret, Ty::Pair)
                && !reads[k].is_empty()
                && reads[k].iter().all(|&r| r)
        })
        .collect();
    for ((s, unit), fails) in subs.iter_mut().zip(units).zip(failing) {
        match s {
            SubStep::Kernel(c) => {
                c.unit |= unit;
                c.empty_fails |= fails && !c.unit;
            }
            SubStep::Hof(h) => body_units(&mut h.subs, h.result, overloads),
        }
    }
}

/// The sub-steps of the body `up` levels above `subs` that `subs` (and the
/// bodies nested in it) read.
fn reads_from_above(subs: &[SubStep], up: u8, out: &mut Vec<usize>) {
    for s in subs {
        for a in s.args() {
            if let (Src::Sub(j), true) = (a.src, a.up == up) {
                out.push(j);
            }
        }
        if let SubStep::Hof(h) = s {
            reads_from_above(&h.subs, up + 1, out);
        }
    }
}

/// A use made to fail: the reader, the place, and the place plus one of a
/// patch whose emptiness excuses it (0: none).
type Poison = (StepId, usize, u8);

/// The uses made to fail, and the steps made to pass a failure on
/// (`KernelCall::passes`), where a failed step's integer, or a pair or set
/// holding its value, passes on to uses that all fail on it
/// ([`failure_sink`]).
type FailureSink = (Vec<Poison>, Vec<StepId>);

/// How a use of a step reads a value standing for a step's failure: an
/// integer, or a pair or set holding a failed value ([`Holders`]).
#[derive(Debug, Clone, Copy)]
enum FailedUse {
    /// It fails on it (`FAILS_ON_INT`, or unless its patch is empty; a
    /// holder's readers).
    Fails(Poison),
    /// It gives such a value again ([`INT_PASSES`],
    /// [`INT_PASSES_BESIDE_INT`]; a holder's passes): the reader, and the
    /// place.
    Passes(StepId, usize),
    /// Anything else.
    Other,
}

/// The steps read by a body's unguarded first-order sub-steps at one of
/// `table`'s places (where each fails on a failed step's default, so the
/// body does whatever else it does); none past a step's poison rows
/// ([`MAX_ARGS`]).
fn failing_body_reads(
    subs: &[SubStep],
    overloads: &Overloads,
    table: &[(&str, usize)],
) -> Vec<StepId> {
    let mut read: Vec<StepId> = Vec::new();
    for s in subs {
        let SubStep::Kernel(kc) = s else { continue };
        if kc.guard.is_some() {
            continue;
        }
        let prim = overloads.first[kc.kernel as usize].prim;
        for (place, a) in kc.args.iter().enumerate() {
            if let Src::Step(j) = a.src
                && table.contains(&(prim, place))
                && !read.contains(&j)
            {
                read.push(j);
            }
        }
    }
    if read.len() > MAX_ARGS {
        read.clear();
    }
    read
}

/// The steps the unguarded first-order sub-step `result` of a body reads
/// where `()` passes as it is ([`templates::EMPTY_TUPLE_PASSES`]), and
/// that no other sub-step (or guard, or body nested in it) reads: the
/// value the callable gives is `()` where one of them failed, whatever
/// the sub-steps before it gave.
fn result_passes(subs: &[SubStep], result: usize, overloads: &Overloads) -> Vec<StepId> {
    let Some(last) = subs.get(result) else {
        return Vec::new();
    };
    let mut all = Vec::new();
    body_step_reads(subs, overloads, &mut all);
    let once = |j: StepId| all.iter().filter(|&&(k, ..)| k == j).count() == 1;
    let mut read = failing_body_reads(
        std::slice::from_ref(last),
        overloads,
        templates::EMPTY_TUPLE_PASSES,
    );
    read.retain(|&j| once(j));
    read
}

/// Whether a use is by a call at one of `table`'s places.
fn in_table(u: &StepUse, table: &[(&str, usize)]) -> bool {
    u.by.is_some_and(|by| table.contains(&by))
}

/// Whether a use reads `()` as the empty set
/// ([`templates::EMPTY_TUPLE_AS_EMPTY_SET`]): a call's, or in a body a
/// higher-order sub-step's (`argmin(x, f)` in a callable: the primitive
/// fails on both alike wherever it is called).
fn reads_as_empty_set(u: &StepUse) -> bool {
    let table = templates::EMPTY_TUPLE_AS_EMPTY_SET;
    in_table(u, table) || u.by_hof.is_some_and(|by| table.contains(&by))
}

/// Steps handing `()` on as it is ([`templates::EMPTY_TUPLE_PASSES`])
/// that a failed step's `()` goes through at most before uses read it as
/// the empty set.
const EMPTY_PASSES_DEPTH: usize = 4;

/// Whether use `u`, by its reader's own call (a first-order or
/// higher-order step's), hands `()` on as it is to uses that all read it
/// as the empty set ([`templates::EMPTY_TUPLE_AS_EMPTY_SET`]), directly or
/// through at most `depth` more such steps (`shift(shift(x, a), b)`).
fn passes_empty_set(u: &StepUse, uses: &[Vec<StepUse>], depth: usize) -> bool {
    match *u {
        StepUse {
            reader: Some(r),
            in_body: false,
            ..
        } if in_table(u, templates::EMPTY_TUPLE_PASSES) => {
            !uses[r].is_empty()
                && uses[r].iter().all(|w| {
                    reads_as_empty_set(w) || (depth > 0 && passes_empty_set(w, uses, depth - 1))
                })
        }
        _ => false,
    }
}

/// Passing steps an integer goes through at most before uses fail on it.
const INT_PASSES_DEPTH: usize = 4;

/// Whether every use of step `r`'s value (as `uses` read it) fails on it,
/// directly or through at most `depth` more steps passing it on; what
/// makes them so is added to `sink`.
fn failure_sink(r: StepId, depth: usize, uses: &[Vec<FailedUse>], sink: &mut FailureSink) -> bool {
    !uses[r].is_empty()
        && uses[r].iter().all(|u| match *u {
            FailedUse::Fails(p) => {
                sink.0.push(p);
                true
            }
            FailedUse::Passes(next, place) if depth > 0 => {
                sink.0.push((next, place, 0));
                sink.1.push(next);
                failure_sink(next, depth - 1, uses, sink)
            }
            _ => false,
        })
}

/// The containers a failed step's value may be put into as it is: the
/// places that make one ([`templates::PAIR_OF`], [`templates::SET_OF`]),
/// those that fail on one holding it, and those that give one back still
/// holding it.
struct Holders {
    makers: &'static [(&'static str, usize)],
    readers: &'static [(&'static str, usize)],
    passes: &'static [(&'static str, usize)],
}

/// Pairs holding a failed step's `()`.
const PAIRS_HOLDING: Holders = Holders {
    makers: templates::PAIR_OF,
    readers: templates::FAILS_ON_PAIR_HOLDING_UNIT,
    passes: &[],
};

/// Sets holding a failed step's `()`, or an arithmetic step's `0`.
const SETS_HOLDING: Holders = Holders {
    makers: templates::SET_OF,
    readers: templates::FAILS_ON_SET_HOLDING_UNIT_OR_INT,
    passes: templates::SET_HOLDING_PASSES,
};

/// Steps giving a set holding a failed step's value back that it goes
/// through at most before uses fail on it ([`failure_sink`]).
const HELD_PASSES_DEPTH: usize = 4;

/// The failed steps (a primitive's call, or a callable value's: its body
/// failed) whose default, `()`, no device form holds, and whose uses all
/// treat `()` alike: as the empty set
/// ([`templates::EMPTY_TUPLE_AS_EMPTY_SET`]; their kernels write the empty
/// set, their type's default), or by failing
/// ([`templates::FAILS_ON_EMPTY_TUPLE`], each a step's own first-order
/// call, which then fails where the step failed: `StepDesc::poison` in the
/// library). Where the type has an empty set, each use may do either: the
/// empty set stands in, and the uses that fail on `()` but not on it are
/// made to fail. Where every use fails, any value stands in, and a `()`
/// the step gives as its value (`ulcorner` of an empty patch) fails them
/// too ([`KernelCall::empty_fails`]; the step itself did not fail); where
/// some fail and the others are steps' own calls (a step shared by
/// programs that use it differently), those others leave their lanes to
/// the CPU there ([`KernelCall::escalate`]). Reads by steps never
/// launched do not count ([`launched_uses`]). A
/// failed step whose default is `0` (an arithmetic step of pairs), which
/// its form cannot hold, likewise fails its uses where every one fails on
/// an integer ([`FAILS_ON_INT`]). Either value put as it is into a pair
/// (`()` only) or a set ([`Holders`]: `astuple`, `insert`, `initset`)
/// whose every use fails on one holding it, directly or through steps
/// giving such a set back (`combine`), makes that step pass the failure on
/// and its uses fail. A use failing on either unless its
/// patch is empty ([`templates::FAILS_UNLESS_EMPTY`]: `shift`, `move`)
/// fails where the step failed and its patch is not empty. Either way the
/// failure counts where it would on the CPU and a failing use's lane stays
/// on the device.
fn stand_ins(
    graph: &crate::ir::Graph,
    steps: &mut [Result<DeviceStep, String>],
    tys: &[Option<Ty>],
    overloads: &Overloads,
) {
    let uses = launched_uses(graph, steps, overloads);
    // A step's own first-order call reading the value, with its place.
    let own_call = |u: &StepUse| match *u {
        StepUse {
            reader: Some(r),
            in_body: false,
            by: Some((_, place)),
            ..
        } if matches!(steps[r], Ok(DeviceStep::Kernel(_))) => Some((r, place)),
        _ => None,
    };
    // Each use's own call, by step.
    let own_calls: Vec<Vec<Option<(StepId, usize)>>> = uses
        .iter()
        .map(|us| us.iter().map(own_call).collect())
        .collect();
    // Own call `r` at a place that fails unless its patch (a set of
    // positions or an object there) is empty: the patch's place plus one.
    let unless_empty = |r: StepId, place: usize| -> Option<u8> {
        let Ok(DeviceStep::Kernel(c)) = &steps[r] else {
            return None;
        };
        let o = &overloads.first[c.kernel as usize];
        templates::FAILS_UNLESS_EMPTY
            .iter()
            .find(|&&(prim, p, _)| prim == o.prim && p == place)
            .filter(|&&(_, _, q)| {
                matches!(o.params.get(q), Some(Ty::Indices | Ty::Object | Ty::ObjAt))
            })
            .map(|&(_, _, q)| q as u8 + 1)
    };
    // Own call `r` at a place that fails on the value beside a constant
    // number (`beside`: a step's value there might itself stand for a
    // `()`, beside which `greater` does not fail).
    let beside_constant = |r: StepId, place: usize, beside: &[(&str, usize, usize)]| {
        let Ok(DeviceStep::Kernel(c)) = &steps[r] else {
            return false;
        };
        let o = &overloads.first[c.kernel as usize];
        beside.iter().any(|&(prim, p, q)| {
            prim == o.prim
                && p == place
                && matches!(
                    c.args.get(q),
                    Some(DevArg {
                        src: Src::Int(_),
                        ..
                    })
                )
        })
    };
    // Each use's own call where it fails on a value (a table's, beside a
    // constant number, or unless its patch is empty), by step.
    let fails_on =
        |table: &[(&str, usize)], beside: &[(&str, usize, usize)]| -> Vec<Vec<Option<Poison>>> {
            uses.iter()
                .zip(&own_calls)
                .map(|(us, own)| {
                    us.iter()
                        .zip(own)
                        .map(|(u, &own)| {
                            let (r, place) = own?;
                            if in_table(u, table) || beside_constant(r, place, beside) {
                                Some((r, place, 0))
                            } else {
                                unless_empty(r, place).map(|q| (r, place, q))
                            }
                        })
                        .collect()
                })
                .collect()
        };
    // A use handing `()` on as it is (the empty set on the device) to
    // uses that all read it as the empty set.
    let passes_empty = |u: &StepUse| passes_empty_set(u, &uses, EMPTY_PASSES_DEPTH);
    let failing = fails_on(
        templates::FAILS_ON_EMPTY_TUPLE,
        templates::FAILS_ON_EMPTY_TUPLE_BESIDE_INT,
    );
    let failing_on_int = fails_on(FAILS_ON_INT, &[]);
    // The steps read where an integer fails (`FAILS_ON_INT`) by the
    // unguarded first-order sub-steps of call `r`'s body (of a callable
    // value): where one of them failed with its `0`, the call fails
    // whatever else its body does. None past the call's poison rows
    // ([`MAX_ARGS`]).
    let call_int_reads = |r: StepId| -> Vec<StepId> {
        let Ok(DeviceStep::Call(c)) = &steps[r] else {
            return Vec::new();
        };
        failing_body_reads(&c.subs, overloads, FAILS_ON_INT)
    };
    let int_reads: Vec<Vec<StepId>> = (0..steps.len()).map(call_int_reads).collect();
    // The steps read where `()` fails (`FAILS_ON_EMPTY_TUPLE`) by the
    // unguarded first-order sub-steps of higher-order step `r`'s body, with
    // the place plus one of its container (a set of positions or an
    // object, its only other argument; plus [`UNLESS_COUNTED`] for a tuple
    // of pairs or integers): where one of them failed, every element's
    // call fails, and `r` with it unless the container is empty. None past
    // its poison rows ([`MAX_ARGS`]).
    let hof_empty_reads = |r: StepId| -> (Vec<StepId>, u8) {
        let Ok(DeviceStep::Hof(h)) = &steps[r] else {
            return (Vec::new(), 0);
        };
        let o = &overloads.higher[h.kernel as usize];
        let Some((at, _)) = &o.callable else {
            return (Vec::new(), 0);
        };
        let container = usize::from(*at == 0);
        let counted = match o.params.get(container) {
            Some(Ty::Indices | Ty::Object) => 0,
            Some(Ty::Pairs | Ty::Ints) => UNLESS_COUNTED,
            _ => return (Vec::new(), 0),
        };
        // A folded container is never empty ([`read_unless`]).
        if o.params.len() != 2
            || o.second.is_some()
            || !matches!(
                h.args.get(container).map(|a| &a.src),
                Some(Src::Step(_) | Src::Const(_))
            )
        {
            return (Vec::new(), 0);
        }
        (
            failing_body_reads(&h.subs, overloads, templates::FAILS_ON_EMPTY_TUPLE),
            container as u8 + 1 + counted,
        )
    };
    let (empty_reads, containers): (Vec<Vec<StepId>>, Vec<u8>) =
        (0..steps.len()).map(hof_empty_reads).unzip();
    // Each use inside the body of a step `r` whose `reads[r]` lists the
    // step read (that `r`), by step.
    let body_readers = |reads: &[Vec<StepId>]| -> Vec<Vec<Option<StepId>>> {
        uses.iter()
            .enumerate()
            .map(|(k, us)| {
                us.iter()
                    .map(|u| match *u {
                        StepUse {
                            reader: Some(r),
                            in_body: true,
                            ..
                        } if reads[r].contains(&k) => Some(r),
                        _ => None,
                    })
                    .collect()
            })
            .collect()
    };
    // Each use in a higher-order step's body that fails it on `()` (the
    // step, and its container's place plus one), by step.
    let hofs_on_empty: Vec<Vec<Option<(StepId, u8)>>> = body_readers(&empty_reads)
        .into_iter()
        .map(|us| {
            us.into_iter()
                .map(|r| r.map(|r| (r, containers[r])))
                .collect()
        })
        .collect();
    // The steps read where `()` passes as it is ([`EMPTY_TUPLE_PASSES`],
    // the empty set on the device) by the sub-step of `mapply` step `r`'s
    // body whose value the callable gives, and by no other sub-step
    // ([`result_passes`]), where every use of `r` reads `()` as the empty
    // set: where one failed, every element's value is `()` (the empty
    // set), and their merge too.
    let merged_empty_reads = |r: StepId| -> Vec<StepId> {
        let Ok(DeviceStep::Hof(h)) = &steps[r] else {
            return Vec::new();
        };
        let read_as_empty = !uses[r].is_empty()
            && uses[r]
                .iter()
                .all(|w| reads_as_empty_set(w) || passes_empty(w));
        if overloads.higher[h.kernel as usize].prim != "mapply" || !read_as_empty {
            return Vec::new();
        }
        result_passes(&h.subs, h.result, overloads)
    };
    let merged_reads: Vec<Vec<StepId>> = (0..steps.len()).map(merged_empty_reads).collect();
    // Each use in such a body passing `()` on, by step.
    let merged_empty: Vec<Vec<bool>> = body_readers(&merged_reads)
        .into_iter()
        .zip(&uses)
        .map(|(rs, us)| {
            rs.iter()
                .zip(us)
                .map(|(r, u)| r.is_some() && in_table(u, templates::EMPTY_TUPLE_PASSES))
                .collect()
        })
        .collect();
    // Each use in a call's body that fails the call on an integer (the
    // call), by step.
    let calls_on_int = body_readers(&int_reads);
    // A use comparing step `k`'s integer with another integer (a step's
    // own `equality(Int, Int)`): `()` there is what an integer no other
    // value has is. Or a colour read where a cell takes it (`fill`,
    // `canvas`): `()` fails there as an integer beyond i8 does, which that
    // integer is.
    let compares = |u: &StepUse, k: StepId| {
        let Some((r, place)) = own_call(u) else {
            return false;
        };
        let Ok(DeviceStep::Kernel(c)) = &steps[r] else {
            return false;
        };
        let params = &overloads.first[c.kernel as usize].params;
        (in_table(u, templates::EMPTY_TUPLE_COMPARED)
            && matches!(params[..], [Ty::Int, Ty::Int])
            && c.args.iter().all(|a| match a.src {
                Src::Step(j) => j == k || matches!(tys[j], Some(Ty::Int)),
                _ => true,
            }))
            || (in_table(u, templates::EMPTY_TUPLE_AS_WIDE_COLOUR)
                && matches!(params.get(place), Some(Ty::Int)))
    };
    // A use choosing the step's integer as it is (`branch`,
    // [`templates::CHOSEN`]) whose every use compares it.
    let chosen_compared = |u: &StepUse| {
        own_call(u).is_some_and(|(r, _)| {
            in_table(u, templates::CHOSEN)
                && matches!(tys[r], Some(Ty::Int))
                && !uses[r].is_empty()
                && uses[r].iter().all(|w| compares(w, r))
        })
    };
    // Each use comparing the step's integer, directly or so chosen, by
    // step; whether the step is a kernel's.
    let compared: Vec<Vec<bool>> = uses
        .iter()
        .enumerate()
        .map(|(k, us)| {
            us.iter()
                .map(|u| compares(u, k) || chosen_compared(u))
                .collect()
        })
        .collect();
    let kernels: Vec<bool> = steps
        .iter()
        .map(|s| matches!(s, Ok(DeviceStep::Kernel(_))))
        .collect();
    let mut units: Vec<StepId> = Vec::new();
    // A use passing an integer on as an integer: an `INT_PASSES` place, or
    // one of `INT_PASSES_BESIDE_INT` beside an integer in reader `r`'s
    // overload.
    let passes_int = |u: &StepUse, r: StepId| {
        in_table(u, INT_PASSES)
            || u.by.is_some_and(|(prim, place)| {
                let Ok(DeviceStep::Kernel(c)) = &steps[r] else {
                    return false;
                };
                INT_PASSES_BESIDE_INT.iter().any(|&(p, at, beside)| {
                    p == prim
                        && at == place
                        && matches!(
                            overloads.first[c.kernel as usize].params.get(beside),
                            Some(Ty::Int)
                        )
                })
            })
    };
    let int_uses: Vec<Vec<FailedUse>> = uses
        .iter()
        .enumerate()
        .map(|(k, us)| {
            us.iter()
                .zip(&own_calls[k])
                .zip(&failing_on_int[k])
                .map(|((u, &own), &fails)| match (fails, own) {
                    (Some(p), _) => FailedUse::Fails(p),
                    (None, Some((r, place))) if passes_int(u, r) => FailedUse::Passes(r, place),
                    _ => FailedUse::Other,
                })
                .collect()
        })
        .collect();
    // How each use reads a container of `h`'s kind holding a failed
    // value: failing on it, or giving one back (a step's own call), by
    // step.
    let held_uses = |h: &Holders| -> Vec<Vec<FailedUse>> {
        uses.iter()
            .zip(&own_calls)
            .map(|(us, own)| {
                us.iter()
                    .zip(own)
                    .map(|(u, &own)| match own {
                        Some((r, place)) if in_table(u, h.readers) => {
                            FailedUse::Fails((r, place, 0))
                        }
                        Some((r, place)) if in_table(u, h.passes) => FailedUse::Passes(r, place),
                        _ => FailedUse::Other,
                    })
                    .collect()
            })
            .collect()
    };
    let (pairs_held, sets_held) = (held_uses(&PAIRS_HOLDING), held_uses(&SETS_HOLDING));
    // Each use putting the step's value into a pair or a set (one of
    // `holders`' makers, with how that container is read) whose every use
    // fails on one holding it, directly or through steps that give one
    // back: that pair's or set's step passes the failure on, and its uses
    // are made to fail (by step).
    let held_in = |holders: &[(&Holders, &[Vec<FailedUse>])]| -> Vec<Vec<Option<FailureSink>>> {
        uses.iter()
            .zip(&own_calls)
            .map(|(us, own)| {
                us.iter()
                    .zip(own)
                    .map(|(u, &own)| {
                        let (r, place) = own?;
                        let &(_, read) = holders.iter().find(|(h, _)| in_table(u, h.makers))?;
                        let mut sink = (vec![(r, place, 0)], vec![r]);
                        failure_sink(r, HELD_PASSES_DEPTH, read, &mut sink).then_some(sink)
                    })
                    .collect()
            })
            .collect()
    };
    // A `()` held in a pair (`(4, ())`) or a set.
    let held_through = held_in(&[(&PAIRS_HOLDING, &pairs_held), (&SETS_HOLDING, &sets_held)]);
    // An integer held in a set (in a pair it is a position).
    let int_sets = held_in(&[(&SETS_HOLDING, &sets_held)]);
    // Each use by a step's own first-order call that `ok` accepts, given
    // the use, its place and the call's parameters, by step.
    let own_reads = |ok: &dyn Fn(&StepUse, usize, &[Ty]) -> bool| -> Vec<Vec<bool>> {
        uses.iter()
            .zip(&own_calls)
            .map(|(us, own)| {
                us.iter()
                    .zip(own)
                    .map(|(u, &own)| {
                        let Some((r, place)) = own else { return false };
                        let Ok(DeviceStep::Kernel(c)) = &steps[r] else {
                            return false;
                        };
                        ok(u, place, &overloads.first[c.kernel as usize].params)
                    })
                    .collect()
            })
            .collect()
    };
    // Each use reading an arithmetic step's `0` as the origin
    // ([`ZERO_AS_ORIGIN`], in an overload of pairs), by step.
    let origin_reads = own_reads(&|u, place, params| {
        ZERO_AS_ORIGIN.iter().any(|&(prim, at, beside)| {
            u.by.is_some_and(|(p, _)| p == prim)
                && at == place
                && matches!(params.get(at), Some(Ty::Pair))
                && matches!(params.get(beside), Some(Ty::Pair))
        })
    });
    // Each use removing the step's pair from a set of positions, which
    // gives the set back for `()`, or looking it up in one
    // ([`reads_unit_as_absent`]), by step.
    let removes = own_reads(&|u, _, params| {
        u.by.is_some_and(|(prim, place)| reads_unit_as_absent(prim, place, params))
    });
    let mut call_poisons: Vec<(StepId, StepId)> = Vec::new();
    let mut hof_poisons: Vec<(StepId, StepId, u8)> = Vec::new();
    let mut poisons: Vec<Poison> = Vec::new();
    let mut empty_fails: Vec<StepId> = Vec::new();
    let mut escalations: Vec<(StepId, usize)> = Vec::new();
    let mut passes: Vec<StepId> = Vec::new();
    for (k, step) in steps.iter_mut().enumerate() {
        let defaults = match step {
            Ok(DeviceStep::Kernel(KernelCall { defaults, .. }))
            | Ok(DeviceStep::Hof(HofCall { defaults, .. }))
            | Ok(DeviceStep::Call(CallStep { defaults, .. })) => defaults,
            _ => continue,
        };
        let Some(ty) = &tys[k] else { continue };
        if *defaults {
            continue;
        }
        if graph.steps[k].default == SafeDefault::Zero {
            // Its default `0` (an arithmetic step's, of pairs) fails every
            // use (a call of a callable value whose body fails on it too),
            // or passes through one to uses that all fail on an integer,
            // or is read as the origin its form then holds.
            let on_int = &failing_on_int[k];
            let calls = &calls_on_int[k];
            let sets = &int_sets[k];
            let origins = &origin_reads[k];
            // Each use passing the integer on to uses that all fail on
            // one, directly or through more such steps: what makes them.
            let through: Vec<Option<FailureSink>> = int_uses[k]
                .iter()
                .map(|u| {
                    let FailedUse::Passes(r, place) = *u else {
                        return None;
                    };
                    let mut sink = (vec![(r, place, 0)], vec![r]);
                    failure_sink(r, INT_PASSES_DEPTH, &int_uses, &mut sink).then_some(sink)
                })
                .collect();
            if !on_int.is_empty()
                && on_int
                    .iter()
                    .zip(&through)
                    .zip(calls)
                    .zip(sets)
                    .zip(origins)
                    .all(|((((f, t), c), h), &o)| {
                        f.is_some() || t.is_some() || c.is_some() || h.is_some() || o
                    })
            {
                *defaults = true;
                poisons.extend(on_int.iter().flatten());
                call_poisons.extend(calls.iter().flatten().map(|&r| (r, k)));
                for (p, s) in through.into_iter().chain(sets.iter().cloned()).flatten() {
                    poisons.extend(p);
                    passes.extend(s);
                }
            }
            continue;
        }
        if graph.steps[k].default != SafeDefault::EmptyTuple {
            continue;
        }
        let failing = &failing[k];
        // The higher-order steps whose body fails on it, and the pairs and
        // sets holding it every use of which fails, where a use is one.
        let hofs = &hofs_on_empty[k];
        let held = &held_through[k];
        let empty = templates::empty_set_of(ty);
        if empty.is_some()
            && type_default(ty) == empty
            && uses[k]
                .iter()
                .zip(failing)
                .zip(hofs)
                .zip(&merged_empty[k])
                .all(|(((u, f), h), &m)| {
                    f.is_some() || h.is_some() || m || reads_as_empty_set(u) || passes_empty(u)
                })
        {
            *defaults = true;
            poisons.extend(
                uses[k]
                    .iter()
                    .zip(failing)
                    .filter_map(|(u, f)| f.filter(|_| !reads_as_empty_set(u))),
            );
            hof_poisons.extend(
                uses[k]
                    .iter()
                    .zip(hofs)
                    .filter(|(u, _)| !reads_as_empty_set(u))
                    .filter_map(|(_, h)| h.map(|(r, unless)| (r, k, unless))),
            );
        } else if matches!(ty, Ty::Pair)
            && kernels[k]
            && !removes[k].is_empty()
            && removes[k].iter().all(|&r| r)
        {
            // A pair no position has stands for the `()` (failed, or given
            // as its value: a corner of nothing): removing it from a set
            // of positions or an object gives the set back, as removing
            // `()` does.
            *defaults = true;
            units.push(k);
        } else if matches!(ty, Ty::Int)
            && kernels[k]
            && compared[k].contains(&true)
            && compared[k]
                .iter()
                .zip(failing)
                .zip(hofs)
                .zip(held)
                .all(|(((&c, f), h), t)| c || f.is_some() || h.is_some() || t.is_some())
        {
            // An integer no other value has stands for the `()`: the
            // comparisons read it as they read `()`, the others fail.
            *defaults = true;
            poisons.extend(failing.iter().flatten());
            hof_poisons.extend(hofs.iter().flatten().map(|&(r, unless)| (r, k, unless)));
            for (p, s) in held.iter().flatten() {
                poisons.extend(p);
                passes.extend(s);
            }
            units.push(k);
        } else if (failing.iter().any(Option::is_some)
            || hofs.iter().any(Option::is_some)
            || held.iter().any(Option::is_some))
            && own_calls[k]
                .iter()
                .zip(failing)
                .zip(hofs)
                .zip(held)
                .all(|(((o, f), h), t)| f.is_some() || o.is_some() || h.is_some() || t.is_some())
        {
            hof_poisons.extend(hofs.iter().flatten().map(|&(r, unless)| (r, k, unless)));
            for (p, s) in held.iter().flatten() {
                poisons.extend(p);
                passes.extend(s);
            }
            // Any value stands in (the kernel's own, where its type has no
            // default): every use fails where the step failed, or, where
            // the step is shared with a use that would not fail on `()`
            // (a step's own call), that use's lane goes to the CPU.
            *defaults = true;
            poisons.extend(failing.iter().flatten());
            escalations.extend(
                own_calls[k]
                    .iter()
                    .zip(failing)
                    .zip(held)
                    .filter(|((_, f), t)| f.is_none() && t.is_none())
                    .filter_map(|((o, _), _)| *o),
            );
            empty_fails.push(k);
        }
    }
    for (r, place, unless) in poisons {
        if let Ok(DeviceStep::Kernel(c)) = &mut steps[r] {
            c.poison |= 1 << place;
            c.poison_unless[place] = read_unless(&c.args, unless);
        }
    }
    for k in empty_fails {
        if let Ok(DeviceStep::Kernel(c)) = &mut steps[k] {
            c.empty_fails = true;
        }
    }
    for k in units {
        if let Ok(DeviceStep::Kernel(c)) = &mut steps[k] {
            c.unit = true;
        }
    }
    for (r, k) in call_poisons {
        if let Ok(DeviceStep::Call(c)) = &mut steps[r]
            && !c.poison.contains(&k)
        {
            c.poison.push(k);
        }
    }
    for (r, k, unless) in hof_poisons {
        if let Ok(DeviceStep::Hof(h)) = &mut steps[r]
            && let unless = read_unless(&h.args, unless)
            && !h.poison.contains(&(k, unless))
        {
            h.poison.push((k, unless));
        }
    }
    for k in passes {
        if let Ok(DeviceStep::Kernel(c)) = &mut steps[k] {
            c.empty_fails = true;
            c.passes = true;
        }
    }
    for (r, place) in escalations {
        if let Ok(DeviceStep::Kernel(c)) = &mut steps[r] {
            c.escalate |= 1 << place;
        }
    }
}

/// The card's differs lowered into the expected and score lanes' bodies
/// (see [`ScoreBody`]): those off the device say why, and a card with
/// none on the device (or none at all) still has its outputs compared
/// with the expected ones there.
fn lower_differs(
    card: &Card,
    overloads: &Overloads,
    first: &HashMap<&'static str, Vec<usize>>,
    higher: &HashMap<&'static str, Vec<usize>>,
) -> ScoreBody {
    let mut c_frame: Vec<(SubStep, Ty)> = Vec::new();
    let mut frame: Vec<(SubStep, Ty)> = Vec::new();
    let (mut c_masks, mut masks): (Vec<u8>, Vec<u8>) = Default::default();
    let mut differs = Vec::new();
    for graph in &card.differs {
        let tys = vec![None; graph.steps.len()];
        let stands = vec![None; graph.steps.len()];
        let reads_i = graph.reads_input();
        let (c_start, start) = (c_frame.len(), frame.len());
        let mut l = Lower {
            graph,
            tys: &tys,
            overloads,
            first,
            higher,
            frames: vec![std::mem::take(&mut c_frame)],
            offsets: false,
            moves_patches: false,
            moving: false,
            bag_here: false,
            offset_levels: Vec::new(),
            guard: None,
            clip: false,
            fin: false,
            as_patch: false,
            unordered: false,
            body_unordered: false,
            painted: false,
            stands: &stands,
            makes: None,
            differ: Some(vec![None; graph.steps.len()]),
            consts: &[],
        };
        // The steps that do not read `I` on the expected lanes, then the
        // others one level down.
        let mut got = l.differ_body(&mut c_masks, &reads_i);
        l.frames.push(std::mem::take(&mut frame));
        if got.is_ok() {
            got = l.differ_body(&mut masks, &reads_i);
        }
        frame = l.frames.pop().unwrap_or_default();
        c_frame = l.frames.pop().unwrap_or_default();
        match got {
            Ok(Some((result, convert))) => differs.push(Ok(DifferScore {
                result,
                convert,
                rows: (start, frame.len()),
                c_rows: (c_start, c_frame.len()),
            })),
            Ok(None) => differs.push(Err("its score reads no `I`".into())),
            Err(why) => {
                c_frame.truncate(c_start);
                c_masks.truncate(c_start);
                frame.truncate(start);
                masks.truncate(start);
                differs.push(Err(why));
            }
        }
    }
    let grid = size_of(&Ty::Grid);
    let (c_offsets, c_stride) = layout(grid, c_frame.iter().map(|(_, ty)| ty));
    let (sub_offsets, stride) = layout(grid, frame.iter().map(|(_, ty)| ty));
    ScoreBody {
        c_subs: c_frame.into_iter().map(|(s, _)| s).collect(),
        c_offsets,
        c_stride,
        c_masks,
        subs: frame.into_iter().map(|(s, _)| s).collect(),
        sub_offsets,
        stride,
        masks,
        differs,
    }
}

impl StepPlan {
    /// The plan of a card's solvers under their schedule.
    pub fn of(card: &Card, schedule: &Schedule) -> Result<StepPlan, String> {
        Self::with_folded(card, schedule, &[])
    }

    /// [`StepPlan::of`], with the steps the host folded (`folded[k]` for
    /// step `k`, see [`Folded`]): their readers read their values as
    /// constants, and a folded step that no launched step reads is not
    /// launched. A value that would lose a program the plan without
    /// folded values keeps (a reader with no overload for its form) is
    /// not read as a constant: the folded operands of the program's steps
    /// that no longer lower are made opaque (all its folded steps where
    /// none is), and the plan made again, until no program is lost.
    pub fn of_folded(
        card: &Card,
        schedule: &Schedule,
        folded: &[Option<Folded>],
    ) -> Result<StepPlan, String> {
        let n = card.solvers.steps.len();
        let mut folded = folded.to_vec();
        folded.resize(n, None);
        let read = |f: &Option<Folded>| {
            matches!(
                f,
                Some(Folded::Int(..) | Folded::Pair(..) | Folded::Bytes(..))
            )
        };
        if !folded.iter().any(read) {
            return Self::with_folded(card, schedule, &folded);
        }
        let base = Self::with_folded(card, schedule, &[])?;
        loop {
            let plan = Self::with_folded(card, schedule, &folded)?;
            let mut changed = false;
            let lost = card
                .solvers
                .programs
                .iter()
                .zip(base.programs.iter().zip(&plan.programs))
                .filter(|(_, (was, now))| was.is_ok() && now.is_err());
            for (p, _) in lost {
                // The folded operands of the steps that no longer lower;
                // all of the program's where none is (a callable's body
                // read one).
                let operands: Vec<StepId> = p
                    .steps
                    .iter()
                    .filter(|&&r| plan.steps[r].is_err())
                    .flat_map(|&r| &card.solvers.steps[r].args)
                    .filter_map(|a| match a {
                        Operand::Step(k) if read(&folded[*k]) => Some(*k),
                        _ => None,
                    })
                    .collect();
                let given_up = if operands.is_empty() {
                    &p.steps
                } else {
                    &operands
                };
                for &k in given_up {
                    if read(&folded[k]) {
                        folded[k] = Some(Folded::Opaque);
                        changed = true;
                    }
                }
            }
            if !changed {
                return Ok(plan);
            }
        }
    }

    /// [`StepPlan::of_folded`]'s plan for the values `folded` as they are.
    fn with_folded(
        card: &Card,
        schedule: &Schedule,
        folded: &[Option<Folded>],
    ) -> Result<StepPlan, String> {
        let graph = &card.solvers;
        let overloads = overloads()?;
        // The folded values read as constants: integers and pairs in the
        // arguments, the others' bytes in `consts`.
        let mut consts = Vec::new();
        let const_src: Vec<Option<(Src, Ty)>> = (0..graph.steps.len())
            .map(|k| match folded.get(k)? {
                Some(Folded::Int(ty, v)) => Some((Src::Int(*v), ty.clone())),
                Some(Folded::Pair(a, b)) => Some((Src::Pair(*a, *b), Ty::Pair)),
                Some(Folded::Bytes(ty, bytes))
                    if !small(ty) && bytes.len() == size_of(ty) as usize =>
                {
                    let at = u32::try_from(consts.len()).ok()?;
                    consts.extend_from_slice(bytes);
                    consts.resize(consts.len().next_multiple_of(16), 0);
                    Some((Src::Const(at), ty.clone()))
                }
                _ => None,
            })
            .collect();
        // The bags the plan builds itself are no card call's overloads
        // ([`Lower::build_bag`] finds them).
        let mut first: HashMap<&'static str, Vec<usize>> = HashMap::new();
        for (n, o) in overloads.first.iter().enumerate() {
            if !builds_bag(o) {
                first.entry(o.prim).or_default().push(n);
            }
        }
        let mut higher: HashMap<&'static str, Vec<usize>> = HashMap::new();
        for (n, o) in overloads.higher.iter().enumerate() {
            higher.entry(o.prim).or_default().push(n);
        }
        // Unordered overloads wherever a step's own call may take one,
        // then not for the steps whose sets reach a use that counts order
        // or repeats, until none does.
        // Likewise in the callables' bodies, a step at a time.
        // Painted overloads the same way, for the steps' own calls (and
        // bags of objects, read only by the overloads over bags).
        let mut allowed = vec![true; graph.steps.len()];
        let mut in_bodies = vec![true; graph.steps.len()];
        let mut painted = vec![true; graph.steps.len()];
        let (mut steps, tys) = loop {
            let views = Views {
                unordered: &allowed,
                body_unordered: &in_bodies,
                painted: &painted,
                consts: &const_src,
            };
            let (steps, tys) = lower_all(graph, &overloads, &first, &higher, views);
            let misused = view_misuse(graph, &steps, &overloads, &UNORDERED);
            let misused_in_bodies = body_unordered_misuse(&steps, &overloads);
            let mut mispainted = view_misuse(graph, &steps, &overloads, &PAINTED);
            mispainted.extend(bag_misuse(graph, &steps, &overloads));
            mispainted.extend(view_misuse(graph, &steps, &overloads, &PAINTED_IN_ORDER));
            if misused.is_empty() && misused_in_bodies.is_empty() && mispainted.is_empty() {
                break (steps, tys);
            }
            for k in misused {
                allowed[k] = false;
            }
            for k in misused_in_bodies {
                in_bodies[k] = false;
            }
            for k in mispainted {
                painted[k] = false;
            }
        };
        stand_ins(graph, &mut steps, &tys, &overloads);
        for step in steps.iter_mut() {
            match step {
                Ok(DeviceStep::Hof(h)) => body_units(&mut h.subs, h.result, &overloads),
                Ok(DeviceStep::Call(c)) => body_units(&mut c.subs, c.result, &overloads),
                _ => {}
            }
        }
        // Neither pass below changes what a step reads.
        let uses = step_uses(graph, &steps, &overloads);
        for k in nones_compared(&steps, &overloads, &uses) {
            if let Ok(DeviceStep::Kernel(c)) = &mut steps[k] {
                c.none = true;
            }
        }
        let big_chains = big_chains(graph, &mut steps, &overloads, &uses);
        let ragged_fails = ragged_reads_fail(graph, &steps, &overloads, &uses);
        let programs: Vec<Result<(), String>> = graph
            .programs
            .iter()
            .map(|p| {
                if !matches!(p.kind, crate::ir::ProgramKind::Solver { .. }) {
                    return Err("a differ".into());
                }
                if card.dialect.ijc_cells() {
                    // The templates lay cells out as `(c, (i, j))`.
                    return Err(format!(
                        "a `{}` card: its cells are `(i, j, c)`",
                        card.dialect
                    ));
                }
                if let Some(why) = p.steps.iter().find_map(|&k| steps[k].as_ref().err()) {
                    return Err(why.clone());
                }
                match &p.output {
                    Operand::Param(Param::I) => Ok(()),
                    Operand::Step(k) if matches!(tys[*k], Some(Ty::Grid | Ty::RunsTuple)) => Ok(()),
                    Operand::Step(k) => Err(format!(
                        "its output is {}, not a grid",
                        tys[*k].as_ref().map_or("a callable", Ty::name)
                    )),
                    _ => Err("its output is not a grid".into()),
                }
            })
            .collect();
        // Each program's steps but those the host folded that none of its
        // other steps reads (nor its output): those never fail, so its
        // lanes' failed counts read nothing of them, and they run only
        // where a program reads them.
        let mut read = vec![false; graph.steps.len()];
        let outputs: Vec<(Operand, Vec<StepId>)> = graph
            .programs
            .iter()
            .map(|p| {
                if let Operand::Step(k) = p.output {
                    read[k] = true;
                }
                let mut kept = Vec::with_capacity(p.steps.len());
                for &k in p.steps.iter().rev() {
                    if folded.get(k).is_some_and(Option::is_some) && !read[k] {
                        continue;
                    }
                    kept.push(k);
                    if let Ok(s) = &steps[k] {
                        for j in reads(s) {
                            read[j] = true;
                        }
                    }
                }
                for &k in &p.steps {
                    read[k] = false;
                }
                kept.reverse();
                (p.output.clone(), kept)
            })
            .collect();
        let mut needed = vec![false; graph.steps.len()];
        for ((_, kept), ok) in outputs.iter().zip(&programs) {
            if ok.is_ok() {
                for &k in kept {
                    needed[k] = true;
                }
            }
        }
        let mut launches = Vec::new();
        for launch in &schedule.launches {
            let mut by_kernel: Vec<(u32, Vec<StepId>)> = Vec::new();
            for &k in launch.steps.iter().filter(|&&k| needed[k]) {
                match &steps[k] {
                    Ok(DeviceStep::Kernel(c)) => {
                        match by_kernel.iter_mut().find(|(n, _)| *n == c.kernel) {
                            Some((_, ks)) => ks.push(k),
                            None => by_kernel.push((c.kernel, vec![k])),
                        }
                    }
                    Ok(DeviceStep::Hof(_)) => launches.push(StepLaunch::Hof(k)),
                    Ok(DeviceStep::Call(_)) => launches.push(StepLaunch::Call(k)),
                    _ => {}
                }
            }
            launches.extend(
                by_kernel
                    .into_iter()
                    .map(|(kernel, steps)| StepLaunch::Steps { kernel, steps }),
            );
        }
        // Places in a sample's record: a value's place is taken at its
        // launch and given back after its last reader's, to a value of the
        // same size; program outputs keep theirs.
        let mut last_read: Vec<Option<usize>> = vec![None; graph.steps.len()];
        for (l, launch) in launches.iter().enumerate() {
            for &k in launch.steps() {
                last_read[k] = last_read[k].max(Some(l));
                if let Ok(s) = &steps[k] {
                    for j in reads(s) {
                        last_read[j] = last_read[j].max(Some(l));
                    }
                }
            }
        }
        for p in &graph.programs {
            if let Operand::Step(k) = p.output {
                last_read[k] = None;
            }
        }
        let mut freed_after: Vec<Vec<StepId>> = vec![Vec::new(); launches.len()];
        for (k, l) in last_read.iter().enumerate() {
            if let (Some(l), true) = (l, needed[k]) {
                freed_after[*l].push(k);
            }
        }
        let mut place: Vec<Option<u32>> = vec![None; graph.steps.len()];
        let mut free: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
        let mut record_bytes = 0u32;
        for (launch, freed) in launches.iter().zip(&freed_after) {
            for &k in launch.steps() {
                let Some(size) = tys[k].as_ref().map(size_of) else {
                    continue;
                };
                let size = size.next_multiple_of(16);
                let spot = free.get_mut(&size).and_then(|f| {
                    f.sort_unstable_by(|a, b| b.cmp(a));
                    f.pop()
                });
                place[k] = Some(spot.unwrap_or_else(|| {
                    record_bytes += size;
                    record_bytes - size
                }));
            }
            for &k in freed {
                if let (Some(at), Some(size)) = (place[k], tys[k].as_ref().map(size_of)) {
                    free.entry(size.next_multiple_of(16)).or_default().push(at);
                }
            }
        }
        let score = lower_differs(card, &overloads, &first, &higher);
        Ok(StepPlan {
            steps,
            programs,
            launches,
            place,
            consts,
            const_src: const_src
                .into_iter()
                .map(|c| c.map(|(src, _)| src))
                .collect(),
            record_bytes: record_bytes.max(16),
            score,
            outputs,
            output_kinds: graph
                .programs
                .iter()
                .map(|p| match p.output {
                    Operand::Step(k) if matches!(tys[k], Some(Ty::RunsTuple)) => 1,
                    _ => 0,
                })
                .collect(),
            big_chains,
            ragged_fails,
        })
    }

    /// The overload step `k` runs on (`apply(Fn[Object -> Object],
    /// Objects) -> Objects`), for reports of what leaves lanes to the CPU;
    /// `None` for a step with no kernel of its own (a combinator, a call of
    /// a callable value, a step off the device).
    pub fn step_signature(&self, k: StepId) -> Option<String> {
        let overloads = overloads().ok()?;
        match self.steps.get(k)? {
            Ok(DeviceStep::Kernel(c)) => overloads.first.get(c.kernel as usize),
            Ok(DeviceStep::Hof(h)) => overloads.higher.get(h.kernel as usize),
            _ => None,
        }
        .map(Overload::signature)
    }

    /// The steps program `p`'s lane counts: its failed-step count, and
    /// the statuses that leave it to the CPU (`batt_step_lanes`).
    pub fn program_steps(&self, p: usize) -> &[StepId] {
        self.outputs
            .get(p)
            .map_or(&[], |(_, steps)| steps.as_slice())
    }

    /// The programs whose lanes run on the device, ascending.
    pub fn device_programs(&self) -> Vec<usize> {
        (0..self.programs.len())
            .filter(|&p| self.programs[p].is_ok())
            .collect()
    }

    /// The steps the device runs (a higher-order step's sub-steps not
    /// counted).
    pub fn device_steps(&self) -> usize {
        self.launches
            .iter()
            .map(|l| match l {
                StepLaunch::Steps { steps, .. } => steps.len(),
                StepLaunch::Hof(_) | StepLaunch::Call(_) => 1,
            })
            .sum()
    }

    /// The kernel launches one batch takes: a launch per first-order
    /// launch; per higher-order call its record kernel twice, its
    /// sub-steps and its replay; per call of a callable value its sub-steps
    /// and its join; and the lanes kernel.
    pub fn kernel_launches(&self) -> usize {
        fn body(subs: &[SubStep]) -> usize {
            subs.iter()
                .map(|s| match s {
                    SubStep::Kernel(_) => 1,
                    SubStep::Hof(h) => 3 + body(&h.subs),
                })
                .sum()
        }
        1 + self
            .launches
            .iter()
            .map(|l| match l {
                StepLaunch::Steps { .. } => 1,
                StepLaunch::Hof(k) => match &self.steps[*k] {
                    Ok(DeviceStep::Hof(h)) => 3 + body(&h.subs),
                    _ => 0,
                },
                StepLaunch::Call(k) => match &self.steps[*k] {
                    Ok(DeviceStep::Call(c)) => 1 + body(&c.subs),
                    _ => 0,
                },
            })
            .sum::<usize>()
    }

    /// What one sample takes on the device besides its element lanes: its
    /// record and a status byte per step.
    pub fn sample_bytes(&self) -> u64 {
        u64::from(self.record_bytes) + self.steps.len() as u64
    }

    /// The descriptors of the plan's launches and programs.
    pub fn descriptors(&self) -> Descriptors {
        let enc = Encoder {
            place: &self.place,
            record: i64::from(self.record_bytes),
            consts: self.consts.len() as i64,
        };
        let launches = self
            .launches
            .iter()
            .filter_map(|l| match l {
                StepLaunch::Steps { kernel, steps } => {
                    let mut bytes = Vec::with_capacity(steps.len() * DESC_BYTES);
                    for &k in steps {
                        if let Ok(DeviceStep::Kernel(c)) = &self.steps[k] {
                            let out = (enc.place(k), enc.record);
                            let flags = i32::from(c.defaults)
                                | i32::from(c.empty_fails) << 2
                                | i32::from(c.passes) << 3
                                | i32::from(c.unit) << 4
                                | i32::from(c.none) << 5
                                | c.big_from.map_or(0, |j| (j as i32 + 1) << 8);
                            enc.desc(&mut bytes, out, k, flags, &c.args, &[], 0);
                            enc.poison(&mut bytes, c);
                        }
                    }
                    Some(LaunchDesc::Steps {
                        kernel: *kernel,
                        steps: steps.len(),
                        descs: bytes,
                    })
                }
                StepLaunch::Hof(k) => match &self.steps[*k] {
                    Ok(DeviceStep::Hof(h)) => {
                        let out = (enc.place(*k), enc.record);
                        Some(LaunchDesc::Hof(enc.hof(h, out, *k, &[], 0)))
                    }
                    _ => None,
                },
                StepLaunch::Call(k) => match &self.steps[*k] {
                    Ok(DeviceStep::Call(c)) => {
                        let mut own = Vec::with_capacity(DESC_BYTES);
                        let out = (enc.place(*k), enc.record);
                        enc.desc(&mut own, out, *k, i32::from(c.defaults), &[], &[], 0);
                        for n in 0..MAX_ARGS {
                            let row = c.poison.get(n).map_or(0, |&j| j as i32 + 1);
                            own.extend(row.to_le_bytes());
                        }
                        let frames = [(c.sub_offsets.as_slice(), c.stride, 0)];
                        let (subs, guards) = enc.body(&c.subs, &frames);
                        Some(LaunchDesc::Call {
                            kernel: c.kernel,
                            desc: own,
                            stride: i64::from(c.stride),
                            result_off: i64::from(c.sub_offsets[c.result]),
                            subs,
                            guards,
                        })
                    }
                    _ => None,
                },
            })
            .collect();
        let mut programs = Vec::new();
        let mut prog_steps: Vec<i32> = Vec::new();
        for p in self.device_programs() {
            let (output, steps) = &self.outputs[p];
            let (out, input) = match output {
                Operand::Step(k) => match self.const_src.get(*k) {
                    Some(Some(Src::Const(at))) => (i64::from(*at) - enc.consts, 2i32),
                    _ => (enc.place(*k), 0),
                },
                _ => (0, 1),
            };
            programs.extend(out.to_le_bytes());
            programs.extend(enc.record.to_le_bytes());
            programs.extend(input.to_le_bytes());
            programs.extend((prog_steps.len() as i32).to_le_bytes());
            programs.extend((steps.len() as i32).to_le_bytes());
            programs.extend(self.output_kinds[p].to_le_bytes());
            let out_row = match output {
                Operand::Step(k) => *k as i32 + 1,
                _ => 0,
            };
            programs.extend(out_row.to_le_bytes());
            let chain = i32::from(self.big_chains[p]) | i32::from(self.ragged_fails[p]) << 1;
            programs.extend(chain.to_le_bytes());
            prog_steps.extend(steps.iter().map(|&k| k as i32));
        }
        let score = {
            let b = &self.score;
            let frames = [
                (b.c_offsets.as_slice(), b.c_stride, 0),
                (b.sub_offsets.as_slice(), b.stride, 0),
            ];
            let (c_subs, _) = enc.body(&b.c_subs, &frames[..1]);
            let (subs, _) = enc.body(&b.subs, &frames);
            let mut differs = Vec::new();
            for d in b.differs.iter().take(MAX_SCORES) {
                let (off, kind, rows, c_rows) = match d {
                    Ok(d) => (
                        i64::from(b.sub_offsets[d.result]),
                        if d.convert == Convert::BoolAsInt {
                            4
                        } else {
                            1
                        },
                        d.rows,
                        d.c_rows,
                    ),
                    Err(_) => (0, 0, (0, 0), (0, 0)),
                };
                differs.extend(off.to_le_bytes());
                differs.extend(i32::to_le_bytes(kind));
                for row in [rows.0, rows.1, c_rows.0, c_rows.1, 0] {
                    differs.extend((row as i32).to_le_bytes());
                }
            }
            ScoreDesc {
                c_subs,
                c_stride: i64::from(b.c_stride),
                c_masks: b.c_masks.clone(),
                subs,
                stride: i64::from(b.stride),
                masks: b.masks.clone(),
                differs,
                n_differs: b.differs.len().min(MAX_SCORES),
            }
        };
        Descriptors {
            launches,
            programs,
            prog_steps,
            score,
        }
    }

    /// The differs scored on the device (bit d for differ d), where every
    /// differ of the card is (at most 32): the lanes' scores are then
    /// complete.
    pub fn differ_mask(&self) -> Option<u32> {
        let b = &self.score;
        (b.differs.len() <= MAX_SCORES && b.differs.iter().all(Result::is_ok))
            .then(|| (0..b.differs.len()).fold(0u32, |m, d| m | 1 << d))
    }
}

/// The most differs a score lane holds scores of (bits of `scored`).
pub const MAX_SCORES: usize = 32;

/// The expected and score lanes' descriptors (see [`ScoreBody`]).
#[derive(Debug, Clone)]
pub struct ScoreDesc {
    /// The expected lanes' sub-steps.
    pub c_subs: Vec<SubDesc>,
    /// An expected lane record's bytes.
    pub c_stride: i64,
    /// Each one's status mask.
    pub c_masks: Vec<u8>,
    /// The score lanes' sub-steps.
    pub subs: Vec<SubDesc>,
    /// A score lane record's bytes.
    pub stride: i64,
    /// Each sub-step's status mask.
    pub masks: Vec<u8>,
    /// Per differ, a `struct StepDiffer`.
    pub differs: Vec<u8>,
    /// How many.
    pub n_differs: usize,
}

/// An element level's layout: each sub-step's offset in a lane's record,
/// and the record's bytes.
type Frame<'a> = (&'a [u32], u32, u32);

/// Writes descriptors: `struct StepArg`, `StepDesc`, `StepGuard`.
struct Encoder<'a> {
    place: &'a [Option<u32>],
    record: i64,
    /// The bytes of the folded values before the input grids.
    consts: i64,
}

impl Encoder<'_> {
    fn place(&self, k: StepId) -> i64 {
        i64::from(self.place[k].unwrap_or(0))
    }

    /// Argument `a` of a call over the lanes of element level `depth` (0:
    /// the samples), whose enclosing levels' layouts are `frames`
    /// (`frames[d - 1]` is level d's).
    fn arg(&self, bytes: &mut Vec<u8>, a: Option<&DevArg>, frames: &[Frame<'_>], depth: usize) {
        let conv = |c: Convert| match c {
            Convert::Same => 0,
            Convert::BoolAsInt => 4,
            Convert::IntAsBool => 5,
        };
        let (a, b, kind, outer): (i64, i64, i32, i32) = match a {
            None => (0, 0, 0, 0),
            Some(a) => match a.src {
                Src::Input => (0, 0, 1, 0),
                Src::Int(v) => (v, 0, 2, 0),
                Src::Pair(x, y) => (x, y, 3, 0),
                Src::Const(at) => (i64::from(at) - self.consts, 0, 6, 0),
                Src::Step(j) => (self.place(j), self.record, conv(a.convert), depth as i32),
                Src::Sub(_) | Src::Elem | Src::Elem2 => {
                    let up = usize::from(a.up);
                    let (offsets, stride, second) = frames
                        .get(depth.wrapping_sub(up + 1))
                        .copied()
                        .unwrap_or((&[], 16, 0));
                    let at = match a.src {
                        Src::Sub(i) => offsets.get(i).copied().unwrap_or(0),
                        Src::Elem2 => second,
                        _ => 0,
                    };
                    (i64::from(at), i64::from(stride), conv(a.convert), up as i32)
                }
            },
        };
        bytes.extend(a.to_le_bytes());
        bytes.extend(b.to_le_bytes());
        bytes.extend(kind.to_le_bytes());
        bytes.extend(outer.to_le_bytes());
    }

    /// A `struct StepDesc`'s last part: the status rows (plus one) of the
    /// steps whose failure fails call `c`, or leaves its lane to the CPU
    /// (with the sign bit; see [`stand_ins`]).
    fn poison(&self, bytes: &mut Vec<u8>, c: &KernelCall) {
        for n in 0..MAX_ARGS {
            let row = match c.args.get(n) {
                Some(DevArg {
                    src: Src::Step(j), ..
                }) if c.poison & (1 << n) != 0 => {
                    (*j as i32 + 1) | i32::from(c.poison_unless[n]) << POISON_UNLESS_SHIFT
                }
                // The sign bit: the lane goes to the CPU rather than the
                // call failing.
                Some(DevArg {
                    src: Src::Step(j), ..
                }) if c.escalate & (1 << n) != 0 => (*j as i32 + 1) | i32::MIN,
                _ => 0,
            };
            bytes.extend(row.to_le_bytes());
        }
    }

    /// A `struct StepDesc` but for its poison rows: where the value goes,
    /// its status row, its flags (bit 0: it takes its default; bit 1: its
    /// key fails on an integer; bit 2: a `()` it gives fails its uses; bit
    /// 3: a poisoned argument's value passes on; bit 4: its failure is
    /// held as `BATT_UNIT_INT`), its arguments (read at level `depth`).
    #[allow(clippy::too_many_arguments)]
    fn desc(
        &self,
        bytes: &mut Vec<u8>,
        out: (i64, i64),
        status: usize,
        flags: i32,
        args: &[DevArg],
        frames: &[Frame<'_>],
        depth: usize,
    ) {
        bytes.extend(out.0.to_le_bytes());
        bytes.extend(out.1.to_le_bytes());
        bytes.extend((status as i32).to_le_bytes());
        bytes.extend(flags.to_le_bytes());
        for n in 0..MAX_ARGS {
            self.arg(bytes, args.get(n), frames, depth);
        }
    }

    /// A higher-order call at level `depth` writing to `out` with status
    /// row `status`.
    fn hof(
        &self,
        h: &HofCall,
        out: (i64, i64),
        status: usize,
        frames: &[Frame<'_>],
        depth: usize,
    ) -> HofDesc {
        let mut desc = Vec::with_capacity(DESC_BYTES);
        let flags = i32::from(h.defaults) | i32::from(h.zero_fails) << 1;
        self.desc(&mut desc, out, status, flags, &h.args, frames, depth);
        for n in 0..MAX_ARGS {
            let row = h.poison.get(n).map_or(0, |&(j, unless)| {
                (j as i32 + 1) | i32::from(unless) << POISON_UNLESS_SHIFT
            });
            desc.extend(row.to_le_bytes());
        }
        let mut inner: Vec<Frame<'_>> = frames[..depth.min(frames.len())].to_vec();
        inner.push((h.sub_offsets.as_slice(), h.stride, h.second));
        let (subs, guards) = self.body(&h.subs, &inner);
        HofDesc {
            kernel: h.kernel,
            desc,
            stride: i64::from(h.stride),
            result_off: i64::from(h.sub_offsets[h.result]),
            result_kind: match h.result_convert {
                Convert::Same => 0,
                Convert::BoolAsInt => 4,
                Convert::IntAsBool => 5,
            },
            subs,
            guards,
        }
    }

    /// A body's sub-steps at the level of `frames`' last layout, and their
    /// guards (read where the enclosing call runs, a level up).
    fn body(&self, subs: &[SubStep], frames: &[Frame<'_>]) -> (Vec<SubDesc>, Vec<u8>) {
        let depth = frames.len();
        let (offsets, stride, _) = frames[depth - 1];
        let mut guards = Vec::with_capacity(subs.len() * GUARD_BYTES);
        let reads = sub_reads(subs);
        let descs = subs
            .iter()
            .enumerate()
            .map(|(i, s)| {
                match s.guard() {
                    Some((cond, want)) => {
                        self.arg(&mut guards, Some(&cond), frames, depth - 1);
                        guards.extend(1i32.to_le_bytes());
                        guards.extend(i32::from(want).to_le_bytes());
                    }
                    None => {
                        self.arg(&mut guards, None, frames, depth - 1);
                        guards.extend(0i32.to_le_bytes());
                        guards.extend(0i32.to_le_bytes());
                    }
                }
                guards.extend(reads[i].to_le_bytes());
                let out = (i64::from(offsets[i]), i64::from(stride));
                match s {
                    SubStep::Kernel(c) => {
                        let mut desc = Vec::with_capacity(DESC_BYTES);
                        self.desc(
                            &mut desc,
                            out,
                            i,
                            i32::from(c.defaults)
                                | i32::from(c.empty_fails) << 2
                                | i32::from(c.unit) << 4,
                            &c.args,
                            frames,
                            depth,
                        );
                        self.poison(&mut desc, c);
                        SubDesc::Kernel {
                            kernel: c.kernel,
                            desc,
                        }
                    }
                    SubStep::Hof(h) => SubDesc::Hof(self.hof(h, out, i, frames, depth)),
                }
            })
            .collect();
        (descs, guards)
    }
}

/// For each sub-step of a body, the sub-steps of that body whose values
/// it reads, directly or through others, as a mask (bit `j` for sub-step
/// `j`; every bit where one is past the 64th).
fn sub_reads(subs: &[SubStep]) -> Vec<u64> {
    /// Notes in `mask` the sub-steps of the body `s` is `level` bodies
    /// below that `s` reads: its arguments, and in a callable of its own
    /// its sub-steps' arguments and guards (a guard is read a level up).
    fn direct(s: &SubStep, level: u8, mask: &mut u64) {
        let mut note = |a: &DevArg, at: u8| {
            if let Src::Sub(j) = a.src
                && a.up == at
            {
                *mask |= if j < 64 { 1 << j } else { u64::MAX };
            }
        };
        for a in s.args() {
            note(a, level);
        }
        if level > 0
            && let Some((cond, _)) = s.guard()
        {
            note(&cond, level - 1);
        }
        if let SubStep::Hof(h) = s {
            for t in &h.subs {
                direct(t, level + 1, mask);
            }
        }
    }
    let mut reads: Vec<u64> = Vec::with_capacity(subs.len());
    for s in subs {
        let mut mask = 0;
        direct(s, 0, &mut mask);
        let mut all = mask;
        for (j, r) in reads.iter().enumerate().take(64) {
            if mask >> j & 1 == 1 {
                all |= r;
            }
        }
        reads.push(all);
    }
    reads
}

/// A higher-order call's descriptors.
#[derive(Debug, Clone)]
pub struct HofDesc {
    /// Its record and replay kernels.
    pub kernel: u32,
    /// Its own `struct StepDesc`.
    pub desc: Vec<u8>,
    /// The bytes of an element lane's record.
    pub stride: i64,
    /// The callable's value's offset in it.
    pub result_off: i64,
    /// How the replay reads it (0 as it is, 4 a bool as an integer, 5 an
    /// integer as a bool).
    pub result_kind: i32,
    /// The callable's sub-steps.
    pub subs: Vec<SubDesc>,
    /// Their `struct StepGuard`s.
    pub guards: Vec<u8>,
}

/// A sub-step's descriptors.
#[derive(Debug, Clone)]
pub enum SubDesc {
    /// A first-order kernel and its `struct StepDesc`.
    Kernel {
        /// The kernel.
        kernel: u32,
        /// Its descriptor.
        desc: Vec<u8>,
    },
    /// A higher-order call.
    Hof(HofDesc),
}

/// One launch's descriptors.
#[derive(Debug, Clone)]
pub enum LaunchDesc {
    /// Steps of one first-order kernel: their `struct StepDesc`s.
    Steps {
        /// The kernel.
        kernel: u32,
        /// How many steps.
        steps: usize,
        /// Their descriptors.
        descs: Vec<u8>,
    },
    /// A higher-order step.
    Hof(HofDesc),
    /// A call of a callable value.
    Call {
        /// Its join kernel (`batt_call_<n>`).
        kernel: u32,
        /// Its own `struct StepDesc`.
        desc: Vec<u8>,
        /// The bytes of a lane's record.
        stride: i64,
        /// The callable's value's offset in it.
        result_off: i64,
        /// The callable's sub-steps.
        subs: Vec<SubDesc>,
        /// Their `struct StepGuard`s.
        guards: Vec<u8>,
    },
}

impl LaunchDesc {
    /// The tag of a launch in the host driver's input.
    pub fn tag(&self) -> u32 {
        match self {
            LaunchDesc::Steps { .. } => 0,
            LaunchDesc::Hof(_) => 1,
            LaunchDesc::Call { .. } => 2,
        }
    }
}

/// A plan's descriptors (see [`StepPlan::descriptors`]).
#[derive(Debug, Clone)]
pub struct Descriptors {
    /// The launches'.
    pub launches: Vec<LaunchDesc>,
    /// The device programs' `struct StepProgram`s (in
    /// [`StepPlan::device_programs`]' order).
    pub programs: Vec<u8>,
    /// The steps they count.
    pub prog_steps: Vec<i32>,
    /// The expected and score lanes'.
    pub score: ScoreDesc,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Options, Source, compile_with};

    fn plan(text: &str) -> (Card, StepPlan) {
        let card = compile_with(
            &[Source {
                name: "card.py",
                text,
            }],
            &Options::default(),
        )
        .unwrap_or_else(|d| panic!("{d}"));
        let schedule = Schedule::of(&card.solvers);
        let plan = StepPlan::of(&card, &schedule).unwrap();
        (card, plan)
    }

    const SCALED: &str = include_str!("../../tests/fixtures/anywhere/scaled.py");

    #[test]
    fn an_object_scaled_past_the_frame_is_clipped_where_painted_or_anywhere_where_moved() {
        let (card, plan) = plan(SCALED);
        let signatures = signatures_of(&card, &plan, "upscale");
        // Painted as it is: the cells inside the frame are all that count.
        // Moved by a step's pair: the cells past the edge may come back,
        // an object anywhere holds them.
        assert_eq!(
            signatures,
            [
                "upscale(Object, Int) -> Object clipped",
                "upscale(Object, Int) -> ObjAt",
            ]
        );
        assert!(
            plan.programs.iter().all(Result::is_ok),
            "{:?}",
            plan.programs
        );
    }

    #[test]
    fn a_patch_moved_by_each_offset_around_it_is_a_set_of_offsets() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = ofcolor(I, ONE)
    x2 = neighbors(ORIGIN)
    x3 = mapply(neighbors, x2)
    x4 = lbind(shift, x1)
    x5 = apply(x4, x3)
    x6 = rbind(intersection, x1)
    x7 = compose(size, x6)
    x8 = argmax(x5, x7)
    O = fill(I, TWO, x8)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, ONE)
    x2 = ofcolor(I, TWO)
    x3 = lbind(shift, x1)
    x4 = apply(x3, x2)
    x5 = lbind(intersection, x1)
    x6 = compose(size, x5)
    x7 = argmin(x4, x6)
    O = fill(I, THREE, x7)
    return O
",
        );
        // Moved by the offsets around the origin (most of them leaving
        // the frame): a set of sets of offsets, compared with the frame's
        // positions. Moved by positions of a colour: the exact sets.
        assert_eq!(
            [
                signatures_of(&card, &plan, "apply"),
                signatures_of(&card, &plan, "argmax"),
                signatures_of(&card, &plan, "argmin"),
            ]
            .concat(),
            [
                "apply(Fn[Pair -> Offsets], Offsets) -> OffsetsSet",
                "apply(Fn[Pair -> Indices], Indices) -> Patches",
                "argmax(OffsetsSet, Fn[Offsets -> Int]) -> Offsets",
                "argmin(Patches, Fn[Indices -> Int]) -> Indices",
            ]
        );
        assert!(
            plan.programs.iter().all(Result::is_ok),
            "{:?}",
            plan.programs
        );
    }

    #[test]
    fn a_sub_step_reads_the_sub_steps_its_arguments_are_made_of_and_those_its_callable_reads() {
        let (card, plan) = plan(include_str!("../../tests/fixtures/bodies/failed_first.py"));
        let mapply = steps_of(&card, "mapply")[1];
        let names = body_of(&plan, mapply);
        let at = |prefix: &str| {
            names
                .iter()
                .position(|n| n.starts_with(prefix))
                .unwrap_or_else(|| panic!("no {prefix} in {names:?}"))
        };
        let reads = sub_reads(&hof_call(&plan, mapply).subs);
        let (corner, outbox, apply) = (at("ulcorner("), at("outbox("), at("apply("));
        // The cells not of the main colour, made again for the outline.
        let difference = names[..outbox]
            .iter()
            .rposition(|n| n.starts_with("difference("))
            .unwrap();
        let bit = |j: usize| 1u64 << j;
        // The outline is made of the cells not of the main colour, not of
        // their corner: its error is the DSL's whatever the corner.
        assert_ne!(reads[outbox] & bit(difference), 0, "{names:?} {reads:?}");
        assert_eq!(reads[outbox] & bit(corner), 0, "{names:?} {reads:?}");
        // The corner is read in the body of the callable `apply` calls (a
        // level down), the outline as its container.
        assert_ne!(reads[apply] & bit(corner), 0, "{names:?} {reads:?}");
        assert_ne!(reads[apply] & bit(outbox), 0, "{names:?} {reads:?}");
        assert_ne!(reads[apply] & bit(difference), 0, "{names:?} {reads:?}");
    }

    #[test]
    fn lines_between_positions_and_positions_alone_are_a_bag_where_filtered_or_united() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = ofcolor(I, ONE)
    x2 = prapply(connect, x1, x1)
    x3 = rbind(greater, TWO)
    x4 = compose(x3, size)
    x5 = sfilter(x2, x4)
    x6 = mfilter(x5, hline)
    x7 = merge(x2)
    x8 = fill(I, TWO, x7)
    O = fill(x8, THREE, x6)
    return O

def solve_00000002(I):
    x1 = asindices(I)
    x2 = apply(initset, x1)
    x3 = rbind(bordering, I)
    x4 = mfilter(x2, x3)
    O = fill(I, FIVE, x4)
    return O

def solve_00000003(I):
    x1 = ofcolor(I, TWO)
    x2 = prapply(connect, x1, x1)
    x3 = size(x2)
    O = canvas(x3, UNITY)
    return O

def solve_00000004(I):
    x1 = ofcolor(I, THREE)
    x2 = apply(dneighbors, x1)
    x3 = mfilter(x2, square)
    O = fill(I, FOUR, x3)
    return O

def solve_00000005(I):
    x1 = objects(I, T, F, T)
    x2 = lbind(prapply, connect)
    x3 = fork(x2, toindices, toindices)
    x4 = rbind(mfilter, vline)
    x5 = compose(x4, x3)
    x6 = fork(recolor, color, x5)
    x7 = mapply(x6, x1)
    O = paint(I, x7)
    return O

def solve_00000006(I):
    x1 = ofcolor(I, ONE)
    x2 = product(x1, x1)
    x3 = fork(connect, first, last)
    x4 = apply(x3, x2)
    x5 = mfilter(x4, vline)
    O = fill(I, TWO, x5)
    return O
",
        );
        // Lines between positions (of every pair, or of each pair of a
        // product) and positions alone, filtered and
        // united: bags. Lines counted (`size` has no overload for a bag,
        // whose members may repeat): the exact set. Neighbours (not one of
        // PLACE_PATCHES): the exact set.
        assert_eq!(
            [
                signatures_of(&card, &plan, "prapply"),
                signatures_of(&card, &plan, "apply"),
            ]
            .concat(),
            [
                "prapply(Fn[Pair, Pair -> Indices], Indices, Indices) -> PatchBag",
                "prapply(Fn[Pair, Pair -> Indices], Indices, Indices) -> Patches",
                "apply(Fn[Pair -> Indices], Indices) -> PatchBag",
                "apply(Fn[Pair -> Indices], Indices) -> Patches",
                "apply(Fn[PairPair -> Indices], PosPairs) -> PatchBag",
            ]
        );
        assert_eq!(
            [
                signatures_of(&card, &plan, "sfilter"),
                signatures_of(&card, &plan, "mfilter"),
                signatures_of(&card, &plan, "merge"),
            ]
            .concat(),
            [
                "sfilter(PatchBag, Fn[Indices -> Bool]) -> PatchBag",
                "mfilter(PatchBag, Fn[Indices -> Bool]) -> Indices",
                "mfilter(PatchBag, Fn[Indices -> Bool]) -> Indices",
                "mfilter(Patches, Fn[Indices -> Bool]) -> Indices",
                "mfilter(PatchBag, Fn[Indices -> Bool]) -> Indices",
                "merge(PatchBag) -> Indices",
            ]
        );
        // Made in a callable's body, and filtered there: a bag too.
        let body = body_of(&plan, steps_of(&card, "mapply")[0]);
        assert_eq!(
            body[body.len() - 3..],
            [
                "prapply(Fn[Pair, Pair -> Indices], Indices, Indices) -> PatchBag",
                "mfilter(PatchBag, Fn[Indices -> Bool]) -> Indices",
                "recolor(Int, Indices) -> Object",
            ]
        );
        assert!(
            plan.programs.iter().all(Result::is_ok),
            "{:?}",
            plan.programs
        );
    }

    #[test]
    fn a_tuple_of_objects_moved_is_a_tuple_that_may_overlap_where_every_use_reads_one() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = objects(I, T, T, T)
    x2 = totuple(x1)
    x3 = apply(normalize, x2)
    x4 = leastcommon(x3)
    x5 = matcher(normalize, x4)
    x6 = extract(x1, x5)
    O = fill(I, TWO, x6)
    return O

def solve_00000002(I):
    x1 = objects(I, T, F, T)
    x2 = order(x1, size)
    x3 = apply(normalize, x2)
    x4 = size(x3)
    x5 = interval(ZERO, x4, ONE)
    x6 = apply(toivec, x5)
    x7 = mpapply(shift, x3, x6)
    x8 = shape(I)
    x9 = canvas(ZERO, x8)
    O = paint(x9, x7)
    return O

def solve_00000003(I):
    x1 = objects(I, T, F, T)
    x2 = order(x1, width)
    x3 = lbind(recolor, ONE)
    x4 = apply(x3, x2)
    x5 = first(x4)
    O = paint(I, x5)
    return O

def solve_00000004(I):
    x1 = objects(I, T, F, F)
    x2 = order(x1, height)
    x3 = rbind(shift, UNITY)
    x4 = apply(x3, x2)
    x5 = apply(size, x4)
    x6 = maximum(x5)
    O = canvas(x6, UNITY)
    return O
",
        );
        // Normalized, then counted, compared, or moved to rows and
        // painted: a tuple that may overlap. Recoloured: the exact tuple.
        // Moved and read by `apply`, which has no overload for one: the
        // exact tuple, left to the CPU where the objects overlap.
        assert_eq!(
            signatures_of(&card, &plan, "apply")
                .into_iter()
                .filter(|s| s.starts_with("apply(Fn[Object -> Object]"))
                .collect::<Vec<_>>(),
            [
                "apply(Fn[Object -> Object], ObjTuple) -> ObjSeq",
                "apply(Fn[Object -> Object], ObjTuple) -> ObjSeq",
                "apply(Fn[Object -> Object], ObjTuple) -> ObjTuple",
                "apply(Fn[Object -> Object], ObjTuple) -> ObjTuple",
            ]
        );
        assert_eq!(
            [
                signatures_of(&card, &plan, "leastcommon"),
                signatures_of(&card, &plan, "size"),
                signatures_of(&card, &plan, "mpapply"),
            ]
            .concat(),
            [
                "leastcommon(ObjSeq) -> Object",
                "size(ObjSeq) -> Int",
                // Painted as they come: the later cell at a position wins.
                "mpapply(Fn[Object, Pair -> Object], ObjSeq, Pairs) -> Object painted",
            ]
        );
        assert!(
            plan.programs.iter().all(Result::is_ok),
            "{:?}",
            plan.programs
        );
    }

    #[test]
    fn an_object_moved_back_or_read_for_its_period_is_an_object_anywhere() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = objects(I, T, F, T)
    x2 = argmax(x1, size)
    x3 = normalize(x2)
    x4 = shape(x3)
    x5 = invert(x4)
    x6 = shift(x3, x5)
    x7 = ofcolor(I, ZERO)
    x8 = lbind(shift, x6)
    x9 = mapply(x8, x7)
    O = paint(I, x9)
    return O

def solve_00000002(I):
    x1 = objects(I, F, T, T)
    x2 = argmin(x1, size)
    x3 = shift(x2, LEFT)
    x4 = vperiod(x3)
    x5 = size(x3)
    x6 = astuple(x4, x5)
    O = canvas(ONE, x6)
    return O
",
        );
        let signatures = signatures_of(&card, &plan, "shift");
        // Moved up and left by its shape, then back to each position: an
        // object anywhere. Moved left and counted (`size` has no overload
        // for one): the exact object, left to the CPU where it leaves the
        // frame.
        assert_eq!(
            signatures,
            [
                "shift(Object, Pair) -> ObjAt",
                "shift(Object, Pair) -> Object",
            ]
        );
        assert_eq!(
            signature(&plan, step_of(&card, "mapply"), true),
            "mapply(Fn[Pair -> Object], Indices) -> Object painted over \
             shift(ObjAt, Pair) -> Object clipped"
        );
        assert!(
            plan.programs.iter().all(Result::is_ok),
            "{:?}",
            plan.programs
        );
    }

    const CARD: &str = "\
def solve_00000001(I):
    x1 = objects(I, T, F, T)
    x2 = rbind(greater, 2)
    x3 = compose(x2, size)
    x4 = sfilter(x1, x3)
    x5 = argmax(x4, size)
    O = fill(I, 5, x5)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, 0)
    x2 = fill(I, 5, x1)
    x3 = equality(x2, I)
    x4 = double(x3)
    O = canvas(x4, THREE_BY_THREE)
    return O

def solve_00000003(I):
    x1 = ofcolor(I, 0)
    x2 = fill(I, 5, x1)
    O = hmirror(x2)
    return O

def solve_00000004(I):
    x1 = ofcolor(I, 0)
    x2 = rbind(shift, UNITY)
    x3 = x2(x1)
    O = fill(I, 5, x3)
    return O

def solve_00000005(I):
    x1 = power(rot90, 2)
    O = x1(I)
    return O

def solve_00000006(I):
    x1 = width(I)
    x2 = power(rot90, x1)
    O = x2(I)
    return O

def solve_00000007(I):
    x1 = portrait(I)
    x2 = branch(x1, hmirror, vmirror)
    O = x2(I)
    return O
";

    /// The signature of step `k`'s own overload in `plan`; with `body`, a
    /// higher-order step's is followed by its callable's result's
    /// (`mapply(...) over shift(...)`).
    fn signature(plan: &StepPlan, k: StepId, body: bool) -> String {
        let ov = overloads().unwrap();
        let Some(own) = own_overload(&plan.steps[k], &ov) else {
            panic!("step {k}: {:?}", plan.steps[k]);
        };
        match &plan.steps[k] {
            Ok(DeviceStep::Hof(h)) if body => {
                format!(
                    "{} over {}",
                    own.signature(),
                    sub_signature(&h.subs[h.result])
                )
            }
            _ => own.signature(),
        }
    }

    /// A sub-step's overload, as `signature` gives a step's.
    fn sub_signature(s: &SubStep) -> String {
        let ov = overloads().unwrap();
        match s {
            SubStep::Kernel(c) => ov.first[c.kernel as usize].signature(),
            SubStep::Hof(b) => ov.higher[b.kernel as usize].signature(),
        }
    }

    /// Step `k`'s first-order call in `plan`.
    fn kernel_call(plan: &StepPlan, k: StepId) -> KernelCall {
        match &plan.steps[k] {
            Ok(DeviceStep::Kernel(c)) => c.clone(),
            other => panic!("{other:?}"),
        }
    }

    fn step_of(card: &Card, prim: &str) -> StepId {
        steps_of(card, prim)[0]
    }

    /// The kernel calls of the steps calling `prim`, in order.
    fn kernels_of<'p>(card: &Card, plan: &'p StepPlan, prim: &str) -> Vec<&'p KernelCall> {
        steps_of(card, prim)
            .into_iter()
            .map(|k| match &plan.steps[k] {
                Ok(DeviceStep::Kernel(c)) => c,
                other => panic!("{other:?}"),
            })
            .collect()
    }

    /// Whether each step calling `prim` runs on a clipped overload.
    fn clipped_of(card: &Card, plan: &StepPlan, prim: &str) -> Vec<bool> {
        let ov = overloads().unwrap();
        kernels_of(card, plan, prim)
            .into_iter()
            .map(|c| ov.first[c.kernel as usize].clipped)
            .collect()
    }

    /// The overload of each step calling `prim`, in order (as `signature`).
    fn signatures_of(card: &Card, plan: &StepPlan, prim: &str) -> Vec<String> {
        steps_of(card, prim)
            .into_iter()
            .map(|k| signature(plan, k, false))
            .collect()
    }

    /// Every step calling `prim`, in order.
    fn steps_of(card: &Card, prim: &str) -> Vec<StepId> {
        let name = crate::catalogue::primitive(prim).unwrap().name;
        (0..card.solvers.steps.len())
            .filter(|&k| card.solvers.steps[k].callee == Callee::Prim(name))
            .collect()
    }

    #[test]
    fn programs_run_on_the_kernels_with_callables_lowered_into_their_steps() {
        let (card, plan) = plan(CARD);
        let names: Vec<&str> = card
            .solvers
            .programs
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        let on = |name: &str| plan.programs[names.iter().position(|n| *n == name).unwrap()].clone();
        assert_eq!(on("solve_00000001"), Ok(()));
        assert_eq!(on("solve_00000002"), Ok(()));
        assert_eq!(on("solve_00000003"), Ok(()));
        assert_eq!(on("solve_00000004"), Ok(()));
        assert_eq!(on("solve_00000005"), Ok(()));
        let why = on("solve_00000006").unwrap_err();
        assert!(why.contains("`power` with a count not known"), "{why}");
        assert_eq!(plan.device_programs().len(), 6);
        // `branch(x1, hmirror, vmirror)(I)`: both bodies, each counting
        // its errors only where the condition chooses it, then the choice.
        let portrait = step_of(&card, "portrait");
        let chosen = card
            .solvers
            .steps
            .iter()
            .position(|s| s.callee == Callee::Value(Operand::Step(step_of(&card, "branch"))))
            .unwrap();
        let Ok(DeviceStep::Call(c)) = &plan.steps[chosen] else {
            panic!("not a call step: {:?}", plan.steps[chosen]);
        };
        let ov = overloads().unwrap();
        let prims: Vec<&str> = c.subs.iter().map(|s| sub_prim(s, &ov)).collect();
        assert_eq!(prims, ["hmirror", "vmirror", "branch"]);
        let cond = DevArg {
            src: Src::Step(portrait),
            convert: Convert::Same,
            up: 0,
        };
        assert_eq!(c.subs[0].guard(), Some((cond, true)));
        assert_eq!(c.subs[1].guard(), Some((cond, false)));
        assert_eq!(c.subs[2].guard(), None);
        assert_eq!(c.result, 2);
        // `x2(x1)` with `x2 = rbind(shift, UNITY)`: `shift(x1, UNITY)`
        // in the sample's lane.
        let overloads = overloads().unwrap();
        let call = card
            .solvers
            .steps
            .iter()
            .position(|s| {
                matches!(s.callee, Callee::Value(_))
                    && s.args.len() == 1
                    && s.args[0] == Operand::Step(step_of(&card, "ofcolor"))
            })
            .unwrap();
        let Ok(DeviceStep::Call(c)) = &plan.steps[call] else {
            panic!("x2(x1) is not a call step: {:?}", plan.steps[call]);
        };
        assert_eq!(c.subs.len(), 1);
        assert_eq!(sub_prim(&c.subs[0], &overloads), "shift");
        assert_eq!(
            c.subs[0].args()[0].src,
            Src::Step(step_of(&card, "ofcolor"))
        );
        assert_eq!(c.subs[0].args()[1].src, Src::Pair(1, 1));
        // `sfilter(x1, compose(rbind(greater, 2), size))`: the body is
        // `size(e)` then `greater(size, 2)` over the element lanes.
        let Ok(DeviceStep::Hof(h)) = &plan.steps[step_of(&card, "sfilter")] else {
            panic!("sfilter is not a higher-order step");
        };
        let prims: Vec<&str> = h.subs.iter().map(|s| sub_prim(s, &overloads)).collect();
        assert_eq!(prims, ["size", "greater"]);
        assert_eq!(h.subs[0].args()[0].src, Src::Elem);
        assert_eq!(h.subs[1].args()[0].src, Src::Sub(0));
        assert_eq!(h.subs[1].args()[1].src, Src::Int(2));
        assert_eq!(h.result, 1);
        assert_eq!(h.sub_offsets, [1024, 1024 + 16]);
        assert_eq!(h.stride, 1024 + 32);
        // Combinators have no value and are not launched.
        assert_eq!(
            plan.steps[step_of(&card, "rbind")],
            Ok(DeviceStep::Callable)
        );
        assert_eq!(plan.place[step_of(&card, "compose")], None);
        // `double` of a bool reads it as an integer.
        let Ok(DeviceStep::Kernel(double)) = &plan.steps[step_of(&card, "double")] else {
            panic!("double is not a kernel step");
        };
        assert_eq!(double.args[0].convert, Convert::BoolAsInt);
        // Each launch's steps call its kernel; the shared `ofcolor` and
        // `fill` run once.
        let mut seen = Vec::new();
        for launch in &plan.launches {
            match launch {
                StepLaunch::Steps { kernel, steps } => {
                    for &k in steps {
                        assert!(!seen.contains(&k));
                        seen.push(k);
                        let Ok(DeviceStep::Kernel(c)) = &plan.steps[k] else {
                            panic!("step {k} is not a kernel step");
                        };
                        assert_eq!(c.kernel, *kernel);
                    }
                }
                StepLaunch::Hof(k) | StepLaunch::Call(k) => seen.push(*k),
            }
        }
        assert_eq!(plan.device_steps(), seen.len());
        assert_eq!(seen.len(), 15, "{:?}", plan.launches);
    }

    #[test]
    fn a_tuple_held_as_a_set_only_where_its_uses_ignore_order_and_repeats() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = ofcolor(I, 1)
    x2 = totuple(x1)
    x3 = mapply(dneighbors, x2)
    O = fill(I, 2, x3)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, 3)
    x2 = totuple(x1)
    x3 = mapply(dneighbors, x2)
    x4 = size(x3)
    O = canvas(x4, UNITY)
    return O
",
        );
        let ov = overloads().unwrap();
        let mapplys: Vec<StepId> = steps_of(&card, "mapply");
        assert_eq!(mapplys.len(), 2);
        // Filled: the set of the tuple's elements serves.
        match &plan.steps[mapplys[0]] {
            Ok(DeviceStep::Hof(h)) => assert_eq!(
                ov.higher[h.kernel as usize].signature(),
                "mapply(Fn[Pair -> Indices], Pairs) -> Indices unordered"
            ),
            other => panic!("{other:?}"),
        }
        assert!(plan.programs[0].is_ok(), "{:?}", plan.programs[0]);
        // Counted, repeats and all: no set serves, the program stays on
        // the CPU.
        assert!(
            plan.steps[mapplys[1]].is_err(),
            "{:?}",
            plan.steps[mapplys[1]]
        );
        assert!(plan.programs[1].is_err());
    }

    #[test]
    fn an_object_keeps_one_colour_per_position_only_where_it_is_painted() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = objects(I, T, F, T)
    x2 = fork(recolor, color, backdrop)
    x3 = mapply(x2, x1)
    x4 = shift(x3, UNITY)
    O = paint(I, x4)
    return O

def solve_00000002(I):
    x1 = objects(I, T, T, T)
    x2 = fork(recolor, color, backdrop)
    x3 = mapply(x2, x1)
    x4 = size(x3)
    O = canvas(x4, UNITY)
    return O
",
        );
        let mapplys: Vec<StepId> = steps_of(&card, "mapply");
        assert_eq!(mapplys.len(), 2);
        let signature = |k: StepId| signature(&plan, k, false);
        // Shifted, then painted: the largest colour at each position is
        // all that paint reads.
        assert_eq!(
            signature(mapplys[0]),
            "mapply(Fn[Object -> Object], Objects) -> Object painted"
        );
        // Counted: every cell counts, so the exact object (left to the
        // CPU where two colours meet).
        assert_eq!(
            signature(mapplys[1]),
            "mapply(Fn[Object -> Object], Objects) -> Object"
        );
        assert!(
            plan.programs.iter().all(Result::is_ok),
            "{:?}",
            plan.programs
        );
    }

    #[test]
    fn positions_put_into_a_set_only_filled_or_read_inside_a_grid_are_clipped() {
        let (card, plan) = plan(include_str!(
            "../../tests/fixtures/patches/inserted_clipped.py"
        ));
        // In a key's body, a set of positions moved past the frame's edge
        // that `toobject` reads inside the grid ...
        let body = body_of(&plan, step_of(&card, "argmax"));
        for clipped in [
            "initset(Pair) -> Indices clipped",
            "insert(Pair, Indices) -> Indices clipped",
        ] {
            assert!(body.iter().any(|s| s == clipped), "{body:?}");
        }
        // ... and as steps, corners moved past it only filled.
        assert_eq!(
            signatures_of(&card, &plan, "initset"),
            ["initset(Pair) -> Indices clipped"]
        );
        assert_eq!(
            signatures_of(&card, &plan, "insert"),
            ["insert(Pair, Indices) -> Indices clipped"]
        );
        assert!(plan.programs.iter().all(Result::is_ok));
    }

    #[test]
    fn the_corners_of_an_outline_anywhere_read_where_they_are_are_offsets() {
        let (card, plan) = plan(include_str!(
            "../../tests/fixtures/patches/corners_anywhere.py"
        ));
        // The neighbours of an outline's corners, past the frame where an
        // object is at its edge, in a filter's body ...
        let body = body_of(&plan, step_of(&card, "mfilter"));
        assert_eq!(
            body[..3],
            [
                "outbox(Object) -> Rect",
                "corners(Rect) -> Offsets",
                "mapply(Fn[Pair -> Indices], Offsets) -> Indices",
            ]
        );
        // ... and as steps.
        assert_eq!(
            signatures_of(&card, &plan, "corners"),
            ["corners(Rect) -> Offsets"]
        );
        assert!(plan.programs.iter().all(Result::is_ok));
    }

    #[test]
    fn a_set_met_with_a_whole_one_is_clipped() {
        let (card, plan) = plan(include_str!("../../tests/fixtures/patches/met_whole.py"));
        // The neighbours of positions, past the frame's edge, met with a
        // set of positions the device holds whole: the intersection is
        // whole (counted by `size`), the neighbours clipped.
        let bodies: Vec<Vec<String>> = steps_of(&card, "mapply")
            .into_iter()
            .map(|k| body_of(&plan, k))
            .collect();
        assert_eq!(
            bodies,
            [
                ["ineighbors(Pair) -> Indices clipped"],
                ["neighbors(Pair) -> Indices clipped"],
            ]
        );
        assert!(plan.programs.iter().all(Result::is_ok));
        // Two such sets met, counted: neither is clipped.
        let (card, plan) = self::plan(
            "\
def solve_00000001(I):
    x1 = ofcolor(I, ONE)
    x2 = mapply(dneighbors, x1)
    x3 = mapply(ineighbors, x1)
    x4 = intersection(x2, x3)
    x5 = size(x4)
    O = canvas(x5, UNITY)
    return O
",
        );
        for k in steps_of(&card, "mapply") {
            let body = body_of(&plan, k);
            assert!(body.iter().all(|s| !s.ends_with("clipped")), "{body:?}");
        }
    }

    #[test]
    fn a_callable_values_outline_only_filled_is_clipped() {
        let (_, plan) = plan(include_str!(
            "../../tests/fixtures/patches/clipped_calls.py"
        ));
        // A callable value called on an object (`compose(backdrop,
        // inbox)`, `compose(outbox, outbox)`), its value only filled: the
        // outline a rectangle anywhere, the last call clipped.
        let bodies: Vec<Vec<String>> = (0..plan.steps.len())
            .filter_map(|k| call_body(&plan, k))
            .collect();
        assert_eq!(
            bodies,
            [
                ["inbox(Object) -> Rect", "backdrop(Rect) -> Indices clipped"],
                ["outbox(Object) -> Rect", "outbox(Rect) -> Indices clipped"],
            ]
        );
        assert!(plan.programs.iter().all(Result::is_ok));
    }

    #[test]
    fn outlines_composed_onto_a_branch_of_callables_are_rectangles_in_each_arm() {
        let (card, plan) = plan(include_str!(
            "../../tests/fixtures/patches/branch_outlines.py"
        ));
        // `compose(outbox, branch(c, identity, outbox))` called on an
        // object and only filled: an object on one side and an outline
        // anywhere on the other meet in no form, so the outline is made
        // in each arm, both rectangles anywhere, the last clipped.
        let body = |k: StepId| {
            call_body(&plan, k).unwrap_or_else(|| panic!("step {k}: {:?}", plan.steps[k]))
        };
        let calls: Vec<StepId> = (0..card.solvers.steps.len())
            .filter(|&k| matches!(card.solvers.steps[k].callee, Callee::Value(_)))
            .collect();
        assert_eq!(
            body(calls[0]),
            [
                "identity(Object) -> Object",
                "outbox(Object) -> Indices clipped",
                "outbox(Object) -> Rect",
                "outbox(Rect) -> Indices clipped",
                "branch(Bool, Indices, Indices) -> Indices",
            ]
        );
        // `power(chain(outbox, outbox, branch(c, outbox, identity)), 2)`:
        // the first turn's arms made apart (an object on one side), a
        // branch of two rectangles; the second turn's callable called on
        // that rectangle as it is, its last outline clipped.
        assert_eq!(
            body(calls[1]),
            [
                "outbox(Object) -> Rect",
                "outbox(Rect) -> Rect",
                "outbox(Rect) -> Rect",
                "identity(Object) -> Object",
                "outbox(Object) -> Rect",
                "outbox(Rect) -> Rect",
                "branch(Bool, Rect, Rect) -> Rect",
                "outbox(Rect) -> Rect",
                "identity(Rect) -> Rect",
                "branch(Bool, Rect, Rect) -> Rect",
                "outbox(Rect) -> Rect",
                "outbox(Rect) -> Indices clipped",
            ]
        );
        assert!(plan.programs.iter().all(Result::is_ok));
    }

    #[test]
    fn a_union_of_moved_patches_moved_again_is_made_again_moved() {
        let (card, plan) = plan(include_str!("../../tests/fixtures/patches/moved_unions.py"));
        // `shift(mapply(lbind(shift, p), offsets), d)`: the union made
        // again, each patch moved anywhere then by `d`, clipped where only
        // painted or filled; two shifts by constants as one (`UNITY` and
        // `RIGHT`: (1, 2)).
        let shifts = steps_of(&card, "shift");
        let bodies: Vec<Vec<String>> = shifts.iter().map(|&k| body_of(&plan, k)).collect();
        assert_eq!(
            bodies,
            [
                vec![
                    "shift(Object, Pair) -> ObjAt",
                    "shift(ObjAt, Pair) -> Object clipped"
                ],
                vec![
                    "shift(Indices, Pair) -> Offsets",
                    "shift(Offsets, Pair) -> Indices clipped"
                ],
                vec![
                    "shift(Indices, Pair) -> Offsets",
                    "shift(Offsets, Pair) -> Indices clipped"
                ],
            ]
        );
        assert_eq!(
            hof_call(&plan, shifts[2]).subs[1].args()[1].src,
            Src::Pair(1, 2)
        );
        // The unions themselves, read by no `shift` now, are clipped.
        for k in steps_of(&card, "mapply") {
            let body = body_of(&plan, k);
            assert!(body[0].ends_with("clipped"), "{body:?}");
        }
        // Moved again one way and back: made as they are.
        let back = include_str!("../../tests/fixtures/patches/moved_unions.py")
            .replace("shift(x8, RIGHT)", "shift(x8, LEFT)");
        let (card, plan) = self::plan(&back);
        let last = *steps_of(&card, "shift").last().unwrap();
        assert!(
            matches!(&plan.steps[last], Ok(DeviceStep::Kernel(_))),
            "{:?}",
            plan.steps[last]
        );
        assert!(plan.programs.iter().all(Result::is_ok));
    }

    #[test]
    fn patches_moved_in_a_body_and_only_filled_are_clipped() {
        let (card, plan) = plan(include_str!(
            "../../tests/fixtures/patches/clipped_in_bodies.py"
        ));
        let bodies: Vec<Vec<String>> = steps_of(&card, "mapply")
            .into_iter()
            .map(|k| match &plan.steps[k] {
                Ok(DeviceStep::Hof(h)) => h.subs.iter().map(sub_signature).collect(),
                other => panic!("{other:?}"),
            })
            .collect();
        // An object moved, whose positions (`toindices` passes a clipped
        // object on) are read only as `difference`'s first operand.
        assert!(
            bodies[0].windows(2).any(|w| w
                == [
                    "shift(Object, Pair) -> Object clipped",
                    "toindices(Object) -> Indices",
                ]),
            "{:?}",
            bodies[0]
        );
        // A tuple of positions moved, united and filled.
        assert_eq!(bodies[1], ["shift(Pairs, Pair) -> Indices clipped"]);
        assert!(
            plan.programs.iter().all(Result::is_ok),
            "{:?}",
            plan.programs
        );
    }

    #[test]
    fn an_outlines_outline_read_inside_the_frame_is_an_outline_anywhere_clipped() {
        let (card, plan) = plan(include_str!(
            "../../tests/fixtures/patches/outlines_of_outlines.py"
        ));
        // Read by `toobject` in a key, and united and filled: the inner
        // outline anywhere, the outer one's positions inside the frame.
        for prim in ["argmax", "mapply"] {
            let k = steps_of(&card, prim)[0];
            let body = body_of(&plan, k);
            assert!(
                body.windows(2).any(|w| w[0].ends_with("-> Rect")
                    && w[1] == "outbox(Rect) -> Indices clipped"),
                "{body:?}"
            );
        }
        assert!(
            plan.programs.iter().all(Result::is_ok),
            "{:?}",
            plan.programs
        );
    }

    #[test]
    fn a_set_filtered_by_a_predicate_that_never_fails_may_be_clipped() {
        // The fixture's programs, and a ray filtered by the grid's colour
        // at each position (`index`, not among those that never fail).
        let text = format!(
            "{}\n{}",
            include_str!("../../tests/fixtures/patches/filtered_clipped.py"),
            "\
def solve_00000003(I):
    x1 = objects(I, T, F, T)
    x2 = apply(urcorner, x1)
    x3 = rbind(shoot, UP_RIGHT)
    x4 = mapply(x3, x2)
    x5 = lbind(index, I)
    x6 = matcher(x5, ZERO)
    x7 = sfilter(x4, x6)
    O = fill(I, ONE, x7)
    return O
"
        );
        let (card, plan) = plan(&text);
        let shots: Vec<String> = steps_of(&card, "mapply")
            .into_iter()
            .map(|k| match &plan.steps[k] {
                Ok(DeviceStep::Hof(h)) => sub_signature(&h.subs[0]),
                other => panic!("{other:?}"),
            })
            .collect();
        // Filtered in the body and filled, filtered as a step's value and
        // filled: clipped; filtered by the grid's colours: whole.
        assert_eq!(
            shots,
            [
                "shoot(Pair, Pair) -> Indices clipped",
                "shoot(Pair, Pair) -> Indices clipped",
                "shoot(Pair, Pair) -> Indices",
            ]
        );
        assert!(
            plan.programs.iter().all(Result::is_ok),
            "{:?}",
            plan.programs
        );
    }

    #[test]
    fn the_corners_of_an_outline_read_inside_the_grid_are_clipped_corners_of_a_rectangle() {
        let (card, plan) = plan(include_str!(
            "../../tests/fixtures/patches/corners_of_outlines.py"
        ));
        for prim in ["sfilter", "mapply"] {
            let k = steps_of(&card, prim)[0];
            let body = body_of(&plan, k);
            assert_eq!(
                body[..3],
                [
                    "outbox(Object) -> Rect",
                    "corners(Rect) -> Indices clipped",
                    "toobject(Indices, Grid) -> Object",
                ]
            );
        }
        assert!(
            plan.programs.iter().all(Result::is_ok),
            "{:?}",
            plan.programs
        );
    }

    #[test]
    fn a_tuple_of_sets_of_positions_is_kept_in_order_only_where_counted() {
        // Counted by `leastcommon`: each set kept, in order; merged: the
        // set standing for the tuple, which `merge` reads.
        let (card, plan) = plan(
            "def solve_00000001(I):
    x1 = hsplit(I, THREE)
    x2 = rbind(ofcolor, ZERO)
    x3 = apply(x2, x1)
    x4 = leastcommon(x3)
    O = fill(I, FIVE, x4)
    return O

def solve_00000002(I):
    x1 = vsplit(I, THREE)
    x2 = rbind(ofcolor, ZERO)
    x3 = apply(x2, x1)
    x4 = merge(x3)
    O = fill(I, FIVE, x4)
    return O
",
        );
        assert_eq!(
            signatures_of(&card, &plan, "apply"),
            [
                "apply(Fn[Grid -> Indices], Grids) -> PatchSeq",
                "apply(Fn[Grid -> Indices], Grids) -> Patches unordered",
            ]
        );
        assert!(plan.programs.iter().all(Result::is_ok));
    }

    #[test]
    fn a_tuples_objects_merged_and_only_underpainted_are_kept_in_order() {
        let (card, plan) = plan(include_str!("../../tests/fixtures/tuples/underpainted.py"));
        // Over a tuple of pairs of objects and over a tuple of objects,
        // each element's object kept (its rays clipped to the frame, which
        // `underpaint` alone reads), and `underpaint` writes them in order.
        assert_eq!(
            steps_of(&card, "mapply")
                .into_iter()
                .map(|k| signature(&plan, k, true))
                .collect::<Vec<_>>(),
            [
                "mapply(Fn[ObjPair -> Object], ObjTuplePairs) -> ObjMerged \
                 over recolor(Int, Indices) -> Object",
                "mapply(Fn[Object -> Object], ObjTuple) -> ObjMerged \
                 over recolor(Int, Indices) -> Object",
            ]
        );
        assert_eq!(
            signatures_of(&card, &plan, "underpaint"),
            ["underpaint(Grid, ObjMerged) -> Grid"; 2]
        );
        assert!(plan.programs.iter().all(Result::is_ok));
    }

    #[test]
    fn a_tuples_objects_merged_and_read_otherwise_too_are_a_set_of_cells() {
        // Underpainted and painted, or underpainted and filled: the merge
        // stays a set standing for the tuple (the form in order is for
        // `underpaint` alone).
        let (card, plan) = plan(
            "def solve_00000001(I):
    x1 = objects(I, T, F, T)
    x2 = order(x1, size)
    x3 = rbind(shoot, DOWN)
    x4 = compose(x3, center)
    x5 = fork(recolor, color, x4)
    x6 = mapply(x5, x2)
    x7 = underpaint(I, x6)
    O = paint(x7, x6)
    return O

def solve_00000002(I):
    x1 = objects(I, T, F, T)
    x2 = order(x1, size)
    x3 = fork(recolor, color, backdrop)
    x4 = mapply(x3, x2)
    x5 = fill(I, FIVE, x4)
    O = underpaint(x5, x4)
    return O
",
        );
        assert_eq!(
            signatures_of(&card, &plan, "mapply"),
            ["mapply(Fn[Object -> Object], ObjTuple) -> Object unordered"; 2]
        );
        assert_eq!(
            signatures_of(&card, &plan, "underpaint"),
            ["underpaint(Grid, Object) -> Grid"; 2]
        );
        assert!(plan.programs.iter().all(Result::is_ok));
    }

    #[test]
    fn containers_of_callables_spelled_out_call_each_one() {
        let (card, plan) = plan(include_str!("../../tests/fixtures/callables/mirrors.py"));
        let ov = overloads().unwrap();
        // The containers themselves: no value, never failing.
        for prim in [
            "initset", "insert", "product", "astuple", "totuple", "combine",
        ] {
            for k in steps_of(&card, prim) {
                assert!(
                    matches!(plan.steps[k], Ok(DeviceStep::Callable)),
                    "{prim}: step {k}"
                );
            }
        }
        let subs = |k: StepId| match &plan.steps[k] {
            Ok(DeviceStep::Call(c)) => c.subs.iter().map(sub_signature).collect::<Vec<_>>(),
            other => panic!("step {k}: {other:?}"),
        };
        // `rapply` of the set of three mirrors composed with two scalings:
        // each of the six called on the object, their objects a bag.
        let [rapply] = steps_of(&card, "rapply")[..] else {
            panic!("one rapply");
        };
        let built = subs(rapply);
        let bag = |name: &str| built.iter().filter(|s| s.starts_with(name)).count();
        assert_eq!(bag("initset(Object) -> ObjBag"), 1, "{built:?}");
        assert_eq!(bag("insert(Object, ObjBag) -> ObjBag"), 5, "{built:?}");
        assert!(
            built
                .last()
                .unwrap()
                .starts_with("insert(Object, ObjBag) -> ObjBag")
        );
        // `mapply(lbind(rapply, tuple of three), objects)`: an `apply` of
        // each over the objects, the bags united; its objects moved and
        // read exactly (`palette`), the first bag painted.
        let mapply = steps_of(&card, "mapply");
        let [united] = mapply
            .iter()
            .copied()
            .filter(|&k| matches!(plan.steps[k], Ok(DeviceStep::Call(_))))
            .collect::<Vec<_>>()[..]
        else {
            panic!("one mapply of rapply: {mapply:?}");
        };
        let united = subs(united);
        assert_eq!(
            united
                .iter()
                .filter(|s| s.starts_with("apply(Fn[Object -> Object], Objects) -> ObjBag"))
                .count(),
            3,
            "{united:?}"
        );
        assert_eq!(
            united
                .iter()
                .filter(|s| s.starts_with("combine(ObjBag, ObjBag) -> ObjBag"))
                .count(),
            2,
            "{united:?}"
        );
        let mut own: Vec<String> = mapply
            .iter()
            .filter_map(|&k| own_overload(&plan.steps[k], &ov))
            .map(Overload::signature)
            .collect();
        own.sort();
        assert_eq!(
            own,
            [
                "mapply(Fn[Object -> Object], ObjBag) -> Object",
                "mapply(Fn[Object -> Object], ObjBag) -> Object painted"
            ]
        );
        assert!(
            plan.programs.iter().all(Result::is_ok),
            "{:?}",
            plan.programs
        );
    }

    #[test]
    fn a_tuple_of_callables_objects_is_read_as_a_set_never_painted() {
        let (card, plan) = plan(include_str!(
            "../../tests/fixtures/callables/tuple_in_order.py"
        ));
        let ov = overloads().unwrap();
        // The last object of the tuple's bag built stands for the tuple,
        // read only as a set (merged, then painted or filled); the merge
        // is the exact union, never painted.
        for k in steps_of(&card, "rapply") {
            let o = built_bag(&plan.steps[k], &ov).expect("a bag built");
            assert!(o.unordered, "step {k}: {}", o.signature());
        }
        assert_eq!(
            signatures_of(&card, &plan, "mapply"),
            ["mapply(Fn[Object -> Object], ObjBag) -> Object"; 2]
        );
        assert!(
            plan.programs.iter().all(Result::is_ok),
            "{:?}",
            plan.programs
        );
    }

    #[test]
    fn callables_objects_in_a_tuples_order_or_counted_stay_on_the_cpu() {
        // A tuple of callables' objects keeps their order and repeats,
        // which a bag does not: merged by `merge`, whose only overload
        // over a bag paints; merged and counted. A bag counted is not its
        // set; over a tuple of objects the results are a tuple.
        let (_, plan) = plan(
            "def solve_00000001(I):
    x1 = objects(I, T, F, T)
    x2 = argmax(x1, size)
    x3 = astuple(hmirror, vmirror)
    x4 = rapply(x3, x2)
    x5 = merge(x4)
    O = paint(I, x5)
    return O

def solve_00000004(I):
    x1 = objects(I, T, F, T)
    x2 = argmin(x1, size)
    x3 = astuple(hmirror, vmirror)
    x4 = rapply(x3, x2)
    x5 = mapply(normalize, x4)
    x6 = size(x5)
    O = canvas(x6, UNITY)
    return O

def solve_00000002(I):
    x1 = objects(I, T, F, T)
    x2 = argmax(x1, size)
    x3 = initset(hmirror)
    x4 = insert(vmirror, x3)
    x5 = rapply(x4, x2)
    x6 = size(x5)
    O = canvas(x6, UNITY)
    return O

def solve_00000003(I):
    x1 = objects(I, T, F, T)
    x2 = order(x1, size)
    x3 = initset(hmirror)
    x4 = insert(vmirror, x3)
    x5 = lbind(rapply, x4)
    x6 = mapply(x5, x2)
    O = paint(I, x6)
    return O
",
        );
        let why: Vec<&str> = plan
            .programs
            .iter()
            .map(|p| p.as_ref().expect_err("on the CPU").as_str())
            .collect();
        assert!(why[0].contains("read other than as a bag"), "{why:?}");
        assert!(why[1].contains("read in its order"), "{why:?}");
        assert!(why[2].contains("read other than as a bag"), "{why:?}");
        assert!(why[3].contains("over no set of objects"), "{why:?}");
    }

    #[test]
    fn a_tuple_of_sets_of_positions_paired_is_kept_in_order() {
        let (card, plan) = plan(include_str!(
            "../../tests/fixtures/tuples/patches_paired.py"
        ));
        // No set standing for the tuple is given over pairs: the tuple is
        // kept in order, for `papply` to pair; its sets moved are read as
        // a set (merged and filled).
        let applies: Vec<String> = steps_of(&card, "apply")
            .into_iter()
            .map(|k| signature(&plan, k, false))
            .filter(|s| s.contains("PatchSeq"))
            .collect();
        assert_eq!(
            applies,
            ["apply(Fn[Pair -> Indices], Pairs) -> PatchSeq"; 2]
        );
        assert_eq!(
            signatures_of(&card, &plan, "papply"),
            ["papply(Fn[Indices, Pair -> Indices], PatchSeq, Pairs) -> Patches unordered"; 2]
        );
        assert!(
            plan.programs.iter().all(Result::is_ok),
            "{:?}",
            plan.programs
        );
    }

    #[test]
    fn pairs_of_integers_some_negated_are_offsets() {
        let (card, plan) = plan(include_str!(
            "../../tests/fixtures/offsets/periods_both_ways.py"
        ));
        // The multiples of a period both ways (`combine` with `apply(invert,
        // x)`), or negated alone, paired: offsets, each moving a patch.
        assert_eq!(
            signatures_of(&card, &plan, "product"),
            ["product(Ints, Ints) -> Offsets"; 2]
        );
        assert_eq!(
            signatures_of(&card, &plan, "mapply"),
            [
                "mapply(Fn[Pair -> Indices], Offsets) -> Indices",
                "mapply(Fn[Pair -> Object], Offsets) -> Object painted",
            ]
        );
        assert!(plan.programs.iter().all(Result::is_ok));
        // Pairs of integers none negated stay positions.
        let (card, plan) = self::plan(
            "\
def solve_00000001(I):
    x1 = interval(ZERO, FIVE, ONE)
    x2 = product(x1, x1)
    O = fill(I, ONE, x2)
    return O
",
        );
        assert_eq!(
            signatures_of(&card, &plan, "product"),
            ["product(Ints, Ints) -> Indices"]
        );
    }

    #[test]
    fn a_patch_moved_and_read_only_for_its_corners_is_offsets() {
        let (card, plan) = plan(include_str!(
            "../../tests/fixtures/offsets/moved_for_corners.py"
        ));
        // Moved up or down and left, past the frame's edge where the patch
        // is at it, and read only for its corners.
        assert_eq!(
            signatures_of(&card, &plan, "shift"),
            ["shift(Indices, Pair) -> Offsets"; 2]
        );
        for corner in CORNERS {
            assert_eq!(
                signatures_of(&card, &plan, corner),
                [format!("{corner}(Offsets) -> Pair")]
            );
        }
        assert!(plan.programs.iter().all(Result::is_ok));
        // Moved and filled too: positions inside the frame, as before.
        let (card, plan) = self::plan(
            "\
def solve_00000001(I):
    x1 = ofcolor(I, ONE)
    x2 = shift(x1, UP)
    x3 = ulcorner(x2)
    x4 = initset(x3)
    x5 = combine(x2, x4)
    O = fill(I, TWO, x5)
    return O
",
        );
        assert_eq!(
            signatures_of(&card, &plan, "shift"),
            ["shift(Indices, Pair) -> Indices"]
        );
    }

    #[test]
    fn positions_moved_past_the_frame_are_offsets() {
        // The fixture's programs, and the objects' corners moved by the
        // shape of the one whose outline's outline is largest: a body
        // that makes outlines anywhere in the second pass and fails there
        // (no `outbox` of an outline), which goes back alone.
        let text = format!(
            "{}\n{}",
            include_str!("../../tests/fixtures/offsets/positions_moved.py"),
            "\
def solve_00000003(I):
    x1 = objects(I, T, F, T)
    x2 = power(outbox, TWO)
    x3 = compose(size, x2)
    x4 = argmax(x1, x3)
    x5 = shape(x4)
    x6 = apply(ulcorner, x1)
    x7 = rbind(subtract, x5)
    x8 = apply(x7, x6)
    x9 = lbind(shift, x4)
    x10 = mapply(x9, x8)
    O = paint(I, x10)
    return O
"
        );
        let (card, plan) = plan(&text);
        // Corners moved up and right, positions doubled less one, corners
        // moved up and left: offsets; the corners themselves positions.
        assert_eq!(
            signatures_of(&card, &plan, "apply"),
            [
                "apply(Fn[Object -> Pair], Objects) -> Indices",
                "apply(Fn[Pair -> Pair], Indices) -> Offsets",
                "apply(Fn[Pair -> Pair], Indices) -> Offsets",
                "apply(Fn[Object -> Pair], Objects) -> Indices",
                "apply(Fn[Pair -> Pair], Indices) -> Offsets",
            ]
        );
        // Offsets scaled are offsets; rays and copies at offsets.
        assert_eq!(
            signatures_of(&card, &plan, "prapply"),
            ["prapply(Fn[Pair, Int -> Pair], Offsets, Ints) -> Offsets"]
        );
        assert_eq!(
            signatures_of(&card, &plan, "mapply"),
            [
                "mapply(Fn[Pair -> Indices], Offsets) -> Indices",
                "mapply(Fn[Pair -> Object], Offsets) -> Object painted",
                "mapply(Fn[Pair -> Object], Offsets) -> Object painted",
            ]
        );
        assert!(
            plan.programs.iter().all(Result::is_ok),
            "{:?}",
            plan.programs
        );
    }

    #[test]
    fn a_tuple_merged_keeps_the_later_colour_only_where_painted_as_it_is() {
        // The fixture's first program, and its copies moved the other way
        // and shifted before they are painted.
        let text = format!(
            "{}\n{}",
            include_str!("../../tests/fixtures/painted/in_order.py"),
            "\
def solve_00000003(I):
    x1 = objects(I, T, F, T)
    x2 = merge(x1)
    x3 = interval(ZERO, FOUR, ONE)
    x4 = interval(FOUR, ZERO, NEG_ONE)
    x5 = pair(x4, x3)
    x6 = lbind(shift, x2)
    x7 = mapply(x6, x5)
    x8 = shift(x7, UNITY)
    O = paint(I, x8)
    return O
"
        );
        let (card, plan) = plan(&text);
        // Painted as it is: `paint` writes the merged tuple in order, the
        // later cell at a position wins. Shifted first: `shift` makes a
        // set of the tuple, whose largest colour wins, which the later
        // cell is not; the set of the tuple's cells.
        assert_eq!(
            signatures_of(&card, &plan, "mapply"),
            [
                "mapply(Fn[Pair -> Object], Pairs) -> Object painted",
                "mapply(Fn[Pair -> Object], Pairs) -> Object unordered",
            ]
        );
        // Objects moved to the origin, then each a column further right,
        // and painted as they are.
        assert_eq!(
            signatures_of(&card, &plan, "mpapply"),
            ["mpapply(Fn[Object, Pair -> Object], ObjSeq, Pairs) -> Object painted"]
        );
        assert!(
            plan.programs.iter().all(Result::is_ok),
            "{:?}",
            plan.programs
        );
    }

    #[test]
    fn two_objects_combined_keep_one_colour_per_position_only_where_painted() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = objects(I, T, F, T)
    x2 = argmax(x1, size)
    x3 = argmin(x1, size)
    x4 = recolor(ONE, x2)
    x5 = recolor(TWO, x3)
    x6 = combine(x4, x5)
    x7 = shift(x6, UNITY)
    x8 = asobject(I)
    x9 = combine(x8, x7)
    O = paint(I, x9)
    return O

def solve_00000002(I):
    x1 = objects(I, T, F, T)
    x2 = argmax(x1, size)
    x3 = argmin(x1, size)
    x4 = recolor(ONE, x2)
    x5 = recolor(THREE, x3)
    x6 = combine(x4, x5)
    x7 = size(x6)
    O = canvas(x7, UNITY)
    return O
",
        );
        let signatures = signatures_of(&card, &plan, "combine");
        // Painted, directly or shifted and combined again: where the two
        // objects share a position, the largest colour is all paint reads.
        // Counted: every cell counts, so the exact object.
        assert_eq!(
            signatures,
            [
                "combine(Object, Object) -> Object painted",
                "combine(Object, Object) -> Object painted",
                "combine(Object, Object) -> Object",
            ]
        );
        assert!(
            plan.programs.iter().all(Result::is_ok),
            "{:?}",
            plan.programs
        );
    }

    #[test]
    fn a_patch_placed_at_each_position_is_a_bag_where_filtered_and_painted() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = ofcolor(I, EIGHT)
    x2 = recolor(ONE, x1)
    x3 = normalize(x2)
    x4 = ofcolor(I, ZERO)
    x5 = lbind(shift, x3)
    x6 = apply(x5, x4)
    x7 = initset(UNITY)
    x8 = rbind(contained, x7)
    x9 = chain(flip, x8, lrcorner)
    x10 = sfilter(x6, x9)
    x11 = merge(x10)
    O = paint(I, x11)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, EIGHT)
    x2 = recolor(ONE, x1)
    x3 = normalize(x2)
    x4 = ofcolor(I, TWO)
    x5 = lbind(shift, x3)
    x6 = apply(x5, x4)
    x7 = chain(positive, first, lrcorner)
    x8 = sfilter(x6, x7)
    x9 = merge(x8)
    O = underpaint(I, x9)
    return O
",
        );
        let signatures = |prim| signatures_of(&card, &plan, prim);
        // Filtered and painted, a bag; underpainted (the first colour
        // written stays), the exact objects.
        assert_eq!(
            signatures("apply"),
            [
                "apply(Fn[Pair -> Object], Indices) -> ObjBag painted",
                "apply(Fn[Pair -> Object], Indices) -> Objects",
            ]
        );
        assert_eq!(
            signatures("sfilter"),
            [
                "sfilter(ObjBag, Fn[Object -> Bool]) -> ObjBag painted",
                "sfilter(Objects, Fn[Object -> Bool]) -> Objects",
            ]
        );
        // The corner of an empty patch, `()`, only looked up in a set of
        // positions: held as a pair no position has. Read for its row:
        // as it is.
        let corner_units: Vec<Vec<bool>> = steps_of(&card, "sfilter")
            .into_iter()
            .map(|k| match &plan.steps[k] {
                Ok(DeviceStep::Hof(h)) => h
                    .subs
                    .iter()
                    .filter(|s| sub_signature(s).starts_with("lrcorner"))
                    .map(|s| matches!(s, SubStep::Kernel(c) if c.unit))
                    .collect(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(corner_units, [[true], [false]]);
        assert!(
            plan.programs.iter().all(Result::is_ok),
            "{:?}",
            plan.programs
        );
    }

    /// Objects recoloured to their backdrops, normalized, or a grid's
    /// frontiers (which may overlap): merged by a `mfilter`, a `mapply` or
    /// a `merge` and painted, a bag of them; counted, or read in a body,
    /// the exact set.
    const BAGS: &str = "\
def solve_00000001(I):
    x1 = partition(I)
    x2 = fork(recolor, color, backdrop)
    x3 = apply(x2, x1)
    x4 = mfilter(x3, hline)
    x5 = rbind(shift, UNITY)
    x6 = mapply(x5, x3)
    x7 = merge(x3)
    x8 = paint(I, x4)
    x9 = paint(x8, x6)
    O = fill(x9, 5, x7)
    return O

def solve_00000002(I):
    x1 = objects(I, T, F, T)
    x2 = apply(normalize, x1)
    x3 = size(x2)
    O = canvas(x3, UNITY)
    return O

def solve_00000003(I):
    x1 = objects(I, T, T, T)
    x2 = apply(normalize, x1)
    x3 = mfilter(x2, vline)
    x4 = rbind(contained, x2)
    x5 = sfilter(x1, x4)
    x6 = merge(x5)
    x7 = paint(I, x3)
    O = fill(x7, 5, x6)
    return O

def solve_00000004(I):
    x1 = frontiers(I)
    x2 = merge(x1)
    O = fill(I, 2, x2)
    return O

def solve_00000005(I):
    x1 = vmirror(I)
    x2 = frontiers(x1)
    x3 = sfilter(x2, hline)
    x4 = size(x3)
    O = canvas(x4, UNITY)
    return O
";

    #[test]
    fn objects_that_may_overlap_are_a_bag_only_where_every_use_paints_their_union() {
        let (card, plan) = plan(BAGS);
        let applys: Vec<StepId> = steps_of(&card, "apply");
        assert_eq!(applys.len(), 3);
        let signature = |k: StepId| signature(&plan, k, false);
        assert_eq!(
            signature(applys[0]),
            "apply(Fn[Object -> Object], Objects) -> ObjBag painted"
        );
        let uses: Vec<String> = (applys[0] + 1..card.solvers.steps.len())
            .filter(|&k| {
                card.solvers.steps[k]
                    .args
                    .contains(&Operand::Step(applys[0]))
            })
            .map(signature)
            .collect();
        assert_eq!(
            uses,
            [
                "mfilter(ObjBag, Fn[Object -> Bool]) -> Object painted",
                "mapply(Fn[Object -> Object], ObjBag) -> Object painted",
                "merge(ObjBag) -> Object painted",
            ]
        );
        // Counted (no overload over a bag), and read by a callable (as a
        // set to look in): the exact set, left to the CPU where the
        // results overlap.
        for k in [applys[1], applys[2]] {
            assert_eq!(
                signature(k),
                "apply(Fn[Object -> Object], Objects) -> Objects"
            );
        }
        // The rows and columns of one colour: merged, a bag; filtered and
        // counted, the masks of `Frontiers` (the second pass's form, which
        // holds them where they cross).
        let frontiers: Vec<String> = (0..card.solvers.steps.len())
            .filter(|&k| card.solvers.steps[k].callee == Callee::Prim("frontiers"))
            .map(signature)
            .collect();
        assert_eq!(
            frontiers,
            [
                "frontiers(Grid) -> ObjBag painted",
                "frontiers(Grid) -> Frontiers"
            ]
        );
        assert!(
            plan.programs.iter().all(Result::is_ok),
            "{:?}",
            plan.programs
        );
    }

    /// The rows of each object: a `mapply` over an interval in a callable's
    /// body, its tuple of positions recoloured (as a set) in one program
    /// and counted (repeats and all) in the other.
    const BODY_SETS: &str = "\
def solve_00000001(I):
    x1 = objects(I, T, F, T)
    x2 = compose(hfrontier, toivec)
    x3 = lbind(mapply, x2)
    x4 = rbind(interval, ONE)
    x5 = fork(x4, uppermost, lowermost)
    x6 = compose(x3, x5)
    x7 = fork(recolor, color, x6)
    x8 = mapply(x7, x1)
    O = paint(I, x8)
    return O

def solve_00000002(I):
    x1 = objects(I, T, F, T)
    x2 = compose(hfrontier, toivec)
    x3 = lbind(mapply, x2)
    x4 = rbind(interval, ONE)
    x5 = fork(x4, uppermost, lowermost)
    x6 = chain(size, x3, x5)
    x7 = argmax(x1, x6)
    O = fill(I, 5, x7)
    return O

def solve_00000003(I):
    x1 = ofcolor(I, 1)
    x2 = interval(ZERO, THREE, ONE)
    x3 = apply(toivec, x2)
    x4 = lbind(shift, x1)
    x5 = mapply(x4, x3)
    x6 = objects(I, T, F, T)
    x7 = rbind(adjacent, x5)
    x8 = sfilter(x6, x7)
    x9 = merge(x8)
    O = fill(I, 5, x9)
    return O
";

    #[test]
    fn a_tuple_held_as_a_set_in_a_body_only_where_its_uses_there_ignore_order() {
        let (card, plan) = plan(BODY_SETS);
        let ov = overloads().unwrap();
        let hof = |k: StepId| match &plan.steps[k] {
            Ok(DeviceStep::Hof(h)) => h.clone(),
            other => panic!("step {k}: {other:?}"),
        };
        // Recoloured: the inner `mapply` takes the set of its tuple.
        let mapply_of = |p: usize| {
            card.solvers.programs[p]
                .steps
                .iter()
                .copied()
                .rfind(|&k| card.solvers.steps[k].callee == Callee::Prim("mapply"))
                .unwrap()
        };
        let outer = hof(mapply_of(0));
        let inner: Vec<String> = outer
            .subs
            .iter()
            .filter_map(|s| match s {
                SubStep::Hof(h) => Some(ov.higher[h.kernel as usize].signature()),
                SubStep::Kernel(_) => None,
            })
            .collect();
        assert_eq!(
            inner,
            ["mapply(Fn[Int -> Indices], Ints) -> Indices unordered"]
        );
        assert!(plan.programs[0].is_ok(), "{:?}", plan.programs[0]);
        // Counted: no set serves, the program stays on the CPU.
        assert!(plan.programs[1].is_err(), "{:?}", plan.programs[1]);
        // Read inside a body by `adjacent`, which takes it as a set.
        let x5 = mapply_of(2);
        assert_eq!(
            ov.higher[hof(x5).kernel as usize].signature(),
            "mapply(Fn[Pair -> Indices], Pairs) -> Indices unordered"
        );
        assert!(plan.programs[2].is_ok(), "{:?}", plan.programs[2]);
    }

    #[test]
    fn a_callable_a_call_makes_holds_the_value_the_call_computed() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = objects(I, T, F, T)
    x2 = colorfilter(x1, TWO)
    x3 = lbind(rbind, shift)
    x4 = chain(x3, ulcorner, first)
    x5 = x4(x2)
    x6 = mapply(x5, x1)
    O = paint(I, x6)
    return O
",
        );
        let ov = overloads().unwrap();
        let x5 = card
            .solvers
            .steps
            .iter()
            .position(|s| matches!(s.callee, Callee::Value(_)))
            .unwrap();
        // The step computes the offset its callable holds; where that
        // fails the lane goes to the CPU (its callable would be `()`).
        match &plan.steps[x5] {
            Ok(DeviceStep::Call(c)) => {
                let prims: Vec<&str> = c.subs.iter().map(|s| sub_prim(s, &ov)).collect();
                assert_eq!(prims, ["first", "ulcorner"]);
                assert!(!c.defaults);
            }
            other => panic!("{other:?}"),
        }
        // The `mapply` calls `shift` on each object and that offset.
        match &plan.steps[step_of(&card, "mapply")] {
            Ok(DeviceStep::Hof(h)) => {
                assert_eq!(h.subs.len(), 1);
                assert_eq!(sub_prim(&h.subs[0], &ov), "shift");
                assert_eq!(h.subs[0].args()[1].src, Src::Step(x5));
            }
            other => panic!("{other:?}"),
        }
        assert!(plan.programs[0].is_ok(), "{:?}", plan.programs[0]);
    }

    #[test]
    fn an_apply_over_a_pair_no_form_holds_calls_its_callable_on_each_value() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = objects(I, T, F, T)
    x2 = sizefilter(x1, ONE)
    x3 = difference(x1, x2)
    x4 = astuple(x3, x2)
    x5 = apply(size, x4)
    x6 = increment(x5)
    O = canvas(ZERO, x6)
    return O
",
        );
        let ov = overloads().unwrap();
        // The two sets of objects are held apart: no step of their own.
        assert!(matches!(
            plan.steps[step_of(&card, "astuple")],
            Ok(DeviceStep::Callable)
        ));
        match &plan.steps[step_of(&card, "apply")] {
            Ok(DeviceStep::Call(c)) => {
                let prims: Vec<&str> = c.subs.iter().map(|s| sub_prim(s, &ov)).collect();
                assert_eq!(prims, ["size", "size", "astuple"]);
                assert_eq!(c.result, 2);
                // `apply`'s default, `()`, is no pair, but its one use
                // fails on it: where the call fails, any pair stands in
                // and `increment` fails too.
                assert!(c.defaults);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(kernel_call(&plan, step_of(&card, "increment")).poison, 0b1);
        assert!(plan.programs[0].is_ok(), "{:?}", plan.programs[0]);
    }

    #[test]
    fn a_rapply_over_the_callables_an_apply_made_is_an_apply_of_their_makers() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = objects(I, T, F, T)
    x2 = argmin(x1, size)
    x3 = normalize(x2)
    x4 = lbind(rbind, upscale)
    x5 = interval(ONE, FOUR, ONE)
    x6 = apply(x4, x5)
    x7 = rapply(x6, x3)
    x8 = rbind(shift, UNITY)
    x9 = mapply(x8, x7)
    O = paint(I, x9)
    return O
",
        );
        let ov = overloads().unwrap();
        // The callables are made where they are called.
        assert!(matches!(
            plan.steps[step_of(&card, "apply")],
            Ok(DeviceStep::Callable)
        ));
        match &plan.steps[step_of(&card, "rapply")] {
            Ok(DeviceStep::Hof(h)) => {
                assert_eq!(
                    ov.higher[h.kernel as usize].signature(),
                    "apply(Fn[Int -> Object], Ints) -> ObjList"
                );
                let prims: Vec<&str> = h.subs.iter().map(|s| sub_prim(s, &ov)).collect();
                assert_eq!(prims, ["upscale"]);
            }
            other => panic!("{other:?}"),
        }
        assert!(plan.programs[0].is_ok(), "{:?}", plan.programs[0]);
    }

    #[test]
    fn a_prapply_of_index_sets_and_offsets_gives_index_sets() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = objects(I, T, F, T)
    x2 = apply(toindices, x1)
    x3 = interval(ONE, THREE, ONE)
    x4 = apply(toivec, x3)
    x5 = prapply(shift, x2, x4)
    x6 = merge(x5)
    O = fill(I, EIGHT, x6)
    return O
",
        );
        let ov = overloads().unwrap();
        match &plan.steps[step_of(&card, "prapply")] {
            Ok(DeviceStep::Hof(h)) => assert_eq!(
                ov.higher[h.kernel as usize].signature(),
                "prapply(Fn[Indices, Pair -> Indices], Patches, Pairs) -> Patches"
            ),
            other => panic!("{other:?}"),
        }
        assert!(plan.programs[0].is_ok(), "{:?}", plan.programs[0]);
    }

    #[test]
    fn a_failed_step_whose_uses_treat_its_default_as_the_empty_set_takes_it() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = objects(I, T, F, T)
    x2 = colorfilter(x1, NINE)
    x3 = first(x2)
    x4 = size(x3)
    x5 = fill(I, x4, x3)
    O = underfill(x5, FIVE, x3)
    return O

def solve_00000002(I):
    x1 = objects(I, T, F, T)
    x2 = colorfilter(x1, EIGHT)
    x3 = first(x2)
    x4 = shift(x3, UNITY)
    x5 = vmirror(x4)
    O = paint(I, x5)
    return O
",
        );
        let firsts: Vec<StepId> = steps_of(&card, "first");
        let defaults = |k: StepId| match &plan.steps[k] {
            Ok(DeviceStep::Kernel(c)) => c.defaults,
            other => panic!("{other:?}"),
        };
        // `()` stands as the empty object where the uses treat both alike
        // (`size`, `fill`, `underfill`) ...
        assert!(defaults(firsts[0]));
        // ... and not where one differs (`shift` hands `()` on as it is,
        // and `vmirror` of `()` is `()`, of the empty set an error).
        assert!(!defaults(firsts[1]));
    }

    #[test]
    fn a_failed_step_whose_uses_all_fail_on_its_default_fails_them() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = ofcolor(I, NINE)
    x2 = first(x1)
    x3 = last(x1)
    x4 = connect(x2, x3)
    O = fill(I, FIVE, x4)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, EIGHT)
    x2 = first(x1)
    x3 = initset(x2)
    x4 = size(x3)
    x5 = astuple(x4, x4)
    O = canvas(FIVE, x5)
    return O
",
        );
        let call = |k: StepId| kernel_call(&plan, k);
        let of = |prim: &str| steps_of(&card, prim);
        let (firsts, lasts, connect) = (of("first"), of("last"), of("connect"));
        // `connect` fails on `()` at both places: any pair stands in for
        // the failed `first` and `last`, and `connect` fails where they did.
        assert!(call(firsts[0]).defaults && call(lasts[0]).defaults);
        assert_eq!(call(connect[0]).poison, 0b11);
        // `initset` of `()` is a set holding it, which `size` counts: the
        // lane goes to the CPU.
        assert!(!call(firsts[1]).defaults);
        assert!(plan.programs.iter().all(Result::is_ok));
    }

    #[test]
    fn a_failed_pairs_zero_passed_on_by_a_step_of_one_integer_fails_its_uses() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = ofcolor(I, ONE)
    x2 = ulcorner(x1)
    x3 = subtract(x2, UNITY)
    x4 = increment(x3)
    x5 = toobject(x1, I)
    O = move(I, x5, x4)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, TWO)
    x2 = lrcorner(x1)
    x3 = add(x2, UNITY)
    x4 = sign(x3)
    x5 = astuple(x4, x4)
    O = canvas(FIVE, x5)
    return O
",
        );
        let call = |k: StepId| kernel_call(&plan, k);
        // `increment` of the failed `subtract`'s `0` is `1`, on which
        // `move` fails unless its object is empty (place 1, so 2 beside
        // the poison).
        let (sub, inc, mv) = (
            step_of(&card, "subtract"),
            step_of(&card, "increment"),
            step_of(&card, "move"),
        );
        assert!(call(sub).defaults);
        assert!(call(inc).passes && call(inc).empty_fails);
        assert_eq!(call(inc).poison, 0b1);
        assert_eq!((call(mv).poison, call(mv).poison_unless[2]), (0b100, 2));
        // `astuple` of `sign`'s integer is a pair: nothing fails, the
        // lane goes to the CPU.
        let (add, sign) = (step_of(&card, "add"), step_of(&card, "sign"));
        assert!(!call(add).defaults);
        assert!(!call(sign).passes);
        assert_eq!(call(sign).poison, 0);
    }

    #[test]
    fn a_failed_pairs_zero_passed_through_several_steps_fails_the_use_at_the_end() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = ofcolor(I, ONE)
    x2 = center(x1)
    x3 = subtract(x2, UNITY)
    x4 = sign(x3)
    x5 = height(I)
    x6 = multiply(x4, x5)
    x7 = crement(x6)
    x8 = ofcolor(I, ZERO)
    x9 = shift(x8, x7)
    O = fill(I, EIGHT, x9)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, TWO)
    x2 = lrcorner(x1)
    x3 = add(x2, UNITY)
    x4 = sign(x3)
    x5 = multiply(x4, UNITY)
    x6 = crement(x5)
    x7 = shift(x1, x6)
    O = fill(I, THREE, x7)
    return O
",
        );
        let call = |k: StepId| kernel_call(&plan, k);
        let of = |prim: &str| steps_of(&card, prim);
        let (sign, mul, crement) = (of("sign"), of("multiply"), of("crement"));
        // `sign`, `multiply` beside a number and `crement` each give an
        // integer for the failed `subtract`'s `0`: each passes the failure
        // on, and `shift` fails at the end unless its set is empty.
        assert!(call(of("subtract")[0]).defaults);
        for k in [sign[0], mul[0], crement[0]] {
            assert!(
                call(k).passes && call(k).empty_fails && call(k).poison == 0b1,
                "{k}"
            );
        }
        let shift = call(of("shift")[0]);
        assert_eq!((shift.poison, shift.poison_unless[1]), (0b10, 1));
        // `multiply` beside a pair gives a pair: nothing passes, and the
        // failed `add`'s lane goes to the CPU.
        assert!(!call(of("add")[0]).defaults);
        assert!(!call(sign[1]).passes && !call(mul[1]).passes);
    }

    /// A call of a callable value on a failed pair arithmetic's `0`.
    const CALL_ON_ZERO: &str = "\
def solve_00000001(I):
    x1 = ofcolor(I, ONE)
    x2 = lrcorner(x1)
    x3 = subtract(x2, UNITY)
    x4 = fork(combine, vfrontier, hfrontier)
    x5 = x4(x3)
    O = fill(I, EIGHT, x5)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, TWO)
    x2 = ulcorner(x1)
    x3 = add(x2, UNITY)
    x4 = rbind(astuple, ONE)
    x5 = compose(x4, first)
    x6 = x5(x3)
    O = canvas(FIVE, x6)
    return O
";

    #[test]
    fn a_call_whose_body_fails_on_a_failed_steps_integer_fails_with_it() {
        let (card, plan) = plan(CALL_ON_ZERO);
        let call = |k: StepId| kernel_call(&plan, k);
        let called = |prim: &'static str| {
            let k = (0..card.solvers.steps.len())
                .find(|&k| {
                    matches!(card.solvers.steps[k].callee, Callee::Value(_))
                        && card.solvers.steps[k].args.iter().any(
                            |a| matches!(a, Operand::Step(j) if card.solvers.steps[*j].callee == Callee::Prim(prim)),
                        )
                })
                .unwrap();
            match &plan.steps[k] {
                Ok(DeviceStep::Call(c)) => c.clone(),
                other => panic!("{other:?}"),
            }
        };
        // Both frontiers fail on the `0` the failed `subtract` gives: the
        // call fails where it failed.
        let sub = step_of(&card, "subtract");
        assert!(call(sub).defaults);
        assert_eq!(called("subtract").poison, [sub]);
        // `compose`'s body reads it with `first`, which fails on an
        // integer (`astuple` after it would not): the call fails too.
        let add = step_of(&card, "add");
        assert!(call(add).defaults);
        assert_eq!(called("add").poison, [add]);
        assert!(
            plan.programs.iter().all(Result::is_ok),
            "{:?}",
            plan.programs
        );
    }

    #[test]
    fn a_failed_steps_empty_tuple_handed_on_to_empty_set_uses_takes_the_empty_set() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = ofcolor(I, ONE)
    x2 = vmirror(x1)
    x3 = shift(x2, UNITY)
    O = fill(I, FIVE, x3)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, TWO)
    x2 = hmirror(x1)
    x3 = shift(x2, UNITY)
    x4 = equality(x3, x1)
    x5 = branch(x4, ONE, TWO)
    O = canvas(x5, UNITY)
    return O
",
        );
        let call = |k: StepId| kernel_call(&plan, k);
        // `shift` hands the `()` of a mirror of nothing on, `fill` reads it
        // as the empty set: the empty set stands in.
        assert!(call(step_of(&card, "vmirror")).defaults);
        // `equality` tells `()` from the empty set: the lane goes to the
        // CPU.
        assert!(!call(step_of(&card, "hmirror")).defaults);
    }

    #[test]
    fn a_failed_steps_empty_tuple_compared_with_a_constant_fails_the_comparison() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = ofcolor(I, FOUR)
    x2 = first(x1)
    x3 = first(x2)
    x4 = greater(x3, THREE)
    x5 = branch(x4, ONE, TWO)
    O = canvas(x5, UNITY)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, SIX)
    x2 = first(x1)
    x3 = first(x2)
    x4 = last(x2)
    x5 = greater(x4, x3)
    x6 = branch(x5, ONE, TWO)
    O = canvas(x6, UNITY)
    return O
",
        );
        let call = |k: StepId| kernel_call(&plan, k);
        let greaters: Vec<StepId> = steps_of(&card, "greater");
        let firsts = |x: usize| -> StepId {
            // The `first` of the first program's (x = 0) or the second's
            // `first` of nothing.
            (0..card.solvers.steps.len())
                .filter(|&k| card.solvers.steps[k].callee == Callee::Prim("first"))
                .filter(|&k| matches!(card.solvers.steps[k].args[0], Operand::Step(j) if card.solvers.steps[j].callee == Callee::Prim("first")))
                .nth(x)
                .unwrap()
        };
        // `()` beside THREE fails `greater`: any value stands in.
        assert!(call(firsts(0)).defaults);
        assert_eq!(call(greaters[0]).poison, 0b1);
        // `() > ()` is False: beside another step that may be `()`, the
        // lane goes to the CPU.
        assert!(!call(firsts(1)).defaults);
        assert_eq!(call(greaters[1]).poison, 0);
    }

    #[test]
    fn a_failed_call_of_a_callable_value_takes_the_empty_set_where_its_uses_do() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = objects(I, T, F, F)
    x2 = colorfilter(x1, FOUR)
    x3 = compose(backdrop, inbox)
    x4 = argmin(x2, size)
    x5 = x3(x4)
    O = fill(I, ONE, x5)
    return O

def solve_00000002(I):
    x1 = objects(I, T, F, F)
    x2 = colorfilter(x1, FOUR)
    x3 = compose(backdrop, inbox)
    x4 = argmax(x2, size)
    x5 = x3(x4)
    x6 = combine(x5, x5)
    O = fill(I, ONE, x6)
    return O
",
        );
        let calls: Vec<&CallStep> = (0..card.solvers.steps.len())
            .filter(|&k| matches!(card.solvers.steps[k].callee, Callee::Value(_)))
            .map(|k| match &plan.steps[k] {
                Ok(DeviceStep::Call(c)) => c,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(calls.len(), 2);
        // `fill` reads `()` as the empty set: the empty set stands in
        // where the call fails (an object of no cells has no inbox).
        assert!(calls[0].defaults);
        // `combine` of `()` is a tuple: left to the CPU there.
        assert!(!calls[1].defaults);
        assert!(plan.programs.iter().all(Result::is_ok));
    }

    #[test]
    fn a_corner_of_nothing_shared_with_a_use_that_does_not_fail_leaves_that_lane_to_the_cpu() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = ofcolor(I, ONE)
    x2 = ulcorner(x1)
    x3 = shoot(x2, DOWN)
    O = fill(I, FIVE, x3)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, ONE)
    x2 = ulcorner(x1)
    x3 = equality(x2, ORIGIN)
    x4 = branch(x3, ONE, TWO)
    O = canvas(x4, UNITY)
    return O

def solve_00000003(I):
    x1 = ofcolor(I, ONE)
    x2 = ulcorner(x1)
    x3 = rbind(shift, x2)
    x4 = objects(I, T, F, T)
    x5 = mapply(x3, x4)
    x6 = size(x4)
    x7 = power(vmirror, x6)
    x8 = x7(I)
    O = paint(x8, x5)
    return O
",
        );
        let call = |k: StepId| kernel_call(&plan, k);
        let of = |prim: &str| step_of(&card, prim);
        // The one `ulcorner` step, shared: `shoot` fails on its `()` ...
        assert!(call(of("ulcorner")).empty_fails);
        assert_eq!(call(of("shoot")).poison, 0b01);
        // ... `equality` would not, and its lane goes to the CPU there ...
        assert_eq!(call(of("equality")).poison, 0);
        assert_eq!(call(of("equality")).escalate, 0b01);
        // ... and the third program's read, in a body, counts for
        // nothing: that program runs on the CPU (a `power` of a count
        // only the sample knows).
        assert!(plan.programs[0].is_ok() && plan.programs[1].is_ok());
        assert!(plan.programs[2].is_err(), "{:?}", plan.programs[2]);
    }

    #[test]
    fn uses_may_mix_the_empty_set_and_failing_and_a_corner_of_nothing_fails_its_uses() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = objects(I, T, F, T)
    x2 = colorfilter(x1, NINE)
    x3 = first(x2)
    x4 = intersection(x3, x3)
    x5 = fill(I, FIVE, x3)
    O = paint(x5, x4)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, NINE)
    x2 = ulcorner(x1)
    x3 = shoot(x2, DOWN)
    O = fill(I, FIVE, x3)
    return O

def solve_00000003(I):
    x1 = ofcolor(I, EIGHT)
    x2 = urcorner(x1)
    x3 = initset(x2)
    x4 = size(x3)
    x5 = astuple(x4, x4)
    O = canvas(FIVE, x5)
    return O
",
        );
        let call = |k: StepId| kernel_call(&plan, k);
        let of = |prim: &str| step_of(&card, prim);
        // The empty object stands in for the failed `first`: `fill` takes
        // it as `()`, and `intersection`, which fails on `()` but not on
        // the empty set, is made to fail where `first` did.
        assert!(call(of("first")).defaults);
        assert_eq!(call(of("intersection")).poison, 0b11);
        assert_eq!(call(of("fill")).poison, 0);
        assert!(!call(of("first")).empty_fails);
        // A corner of nothing is `()`, which `shoot` fails on ...
        assert!(call(of("ulcorner")).empty_fails);
        assert_eq!(call(of("shoot")).poison, 0b01);
        // ... and `initset` does not (nor `size` of the set holding it).
        assert!(!call(of("urcorner")).empty_fails);
        assert!(plan.programs.iter().all(Result::is_ok));
        // The flag travels in the step's descriptor (bit 2).
        assert_eq!(desc_flags(&plan, of("ulcorner")) & 4, 4);
        assert_eq!(desc_flags(&plan, of("urcorner")) & 4, 0);
    }

    /// The flags of step `k`'s descriptor (a first-order step's).
    fn desc_flags(plan: &StepPlan, k: StepId) -> i32 {
        plan.descriptors()
            .launches
            .iter()
            .find_map(|l| match l {
                LaunchDesc::Steps { descs, .. } => descs
                    .chunks(DESC_BYTES)
                    .find(|d| i32::from_le_bytes(d[16..20].try_into().unwrap()) == k as i32)
                    .map(|d| i32::from_le_bytes(d[20..24].try_into().unwrap())),
                _ => None,
            })
            .unwrap()
    }

    /// The higher-order step at `k`.
    fn hof_call(plan: &StepPlan, k: StepId) -> HofCall {
        match &plan.steps[k] {
            Ok(DeviceStep::Hof(h)) => h.clone(),
            other => panic!("step {k}: {other:?}"),
        }
    }

    /// The signatures of higher-order step `k`'s body's sub-steps.
    fn body_of(plan: &StepPlan, k: StepId) -> Vec<String> {
        hof_call(plan, k).subs.iter().map(sub_signature).collect()
    }

    /// The signatures of step `k`'s body where it calls a callable value.
    fn call_body(plan: &StepPlan, k: StepId) -> Option<Vec<String>> {
        match &plan.steps[k] {
            Ok(DeviceStep::Call(c)) => Some(c.subs.iter().map(sub_signature).collect()),
            _ => None,
        }
    }

    #[test]
    fn a_body_failing_on_a_failed_steps_empty_tuple_over_a_tuple_fails_unless_the_tuple_is_empty() {
        let (card, plan) = plan(include_str!(
            "../../tests/fixtures/stand_ins/body_over_a_tuple.py"
        ));
        let of = |prim: &str| steps_of(&card, prim);
        // `add` in the body of the `apply` over offsets fails on the failed
        // `first`'s `()`: the `apply` fails where `first` failed, unless
        // its tuple of pairs (place 2, counted) is empty.
        let poisoned: Vec<Vec<(StepId, u8)>> = of("apply")
            .into_iter()
            .map(|k| hof_call(&plan, k).poison)
            .filter(|p| !p.is_empty())
            .collect();
        assert_eq!(poisoned, [vec![(of("first")[0], 2 + UNLESS_COUNTED)]]);
        assert!(plan.programs.iter().all(Result::is_ok));
    }

    #[test]
    fn a_pairs_empty_tuple_only_removed_from_positions_is_a_pair_no_position_has() {
        let (card, plan) = plan(include_str!(
            "../../tests/fixtures/stand_ins/removed_unit.py"
        ));
        let call = |k: StepId| kernel_call(&plan, k);
        let of = |prim: &str| step_of(&card, prim);
        // A corner of nothing, and a centre that failed, are only removed
        // from positions: each holds a pair no position has (flag bit 4),
        // and nothing is made to fail.
        for k in [of("urcorner"), of("center")] {
            assert!(call(k).defaults && call(k).unit);
            assert_eq!(desc_flags(&plan, k) & 16, 16);
        }
        for k in steps_of(&card, "remove") {
            assert_eq!((call(k).poison, call(k).escalate), (0, 0));
        }
    }

    /// The card of `tests/fixtures/folded/constants.py`: constant chains
    /// folded on the host.
    const FOLDED: &str = include_str!("../../tests/fixtures/folded/constants.py");

    /// [`StepPlan::of_folded`] of `card` where every step that does not
    /// read the sample is folded: as the bytes of a value of `bytes(k)`'s
    /// type where it gives one, else opaque.
    fn folded_plan(card: &Card, bytes: impl Fn(StepId) -> Option<Ty>) -> StepPlan {
        let schedule = Schedule::of(&card.solvers);
        let reads = card.solvers.reads_input();
        let folded: Vec<Option<Folded>> = (0..card.solvers.steps.len())
            .map(|k| {
                (!reads[k]).then(|| match bytes(k) {
                    Some(ty) => Folded::Bytes(ty.clone(), vec![0; size_of(&ty) as usize]),
                    None => Folded::Opaque,
                })
            })
            .collect();
        StepPlan::of_folded(card, &schedule, &folded).unwrap()
    }

    #[test]
    fn a_grid_too_large_filled_at_a_folded_patch_makes_a_big_chain() {
        let (card, _) = plan(
            "\
def solve_00000001(I):
    x1 = objects(I, T, T, T)
    x2 = size(x1)
    x3 = astuple(x2, x2)
    x4 = canvas(ZERO, x3)
    x5 = shoot(ORIGIN, UNITY)
    O = fill(x4, EIGHT, x5)
    return O
",
        );
        let shoot = steps_of(&card, "shoot")[0];
        let plan = folded_plan(&card, |k| (k == shoot).then_some(Ty::Offsets));
        let fill = steps_of(&card, "fill")[0];
        assert!(matches!(
            kernel_call(&plan, fill).args[2].src,
            Src::Const(_)
        ));
        // The canvas too large for the frame, filled at the folded line:
        // a grid too large passed on, the lane settled but for it.
        assert_eq!(plan.big_chains, [true]);
    }

    #[test]
    fn folded_steps_are_read_as_constants_and_run_only_where_a_step_reads_them() {
        let (card, unfolded) = plan(FOLDED);
        let (fill, diff) = (steps_of(&card, "fill")[0], step_of(&card, "difference"));
        let objects = steps_of(&card, "objects")[0];
        let plan = folded_plan(&card, |k| {
            (k == diff)
                .then_some(Ty::Indices)
                .or((k == objects).then_some(Ty::Objects))
        });
        assert!(
            plan.programs.iter().all(Result::is_ok),
            "{:?}",
            plan.programs
        );
        // The first program's fill reads the border without the outlines
        // as a constant, the first of the bytes (in step order).
        assert_eq!(kernel_call(&unfolded, fill).args[2].src, Src::Step(diff));
        assert_eq!(kernel_call(&plan, fill).args[2].src, Src::Const(0));
        assert_eq!(plan.consts.len(), 128 + 2704);
        // Nothing else of it runs: not the outlines leaving the frame, and
        // its lanes' failed counts read only the fill.
        assert_eq!(plan.program_steps(0), [fill]);
        let launched: Vec<StepId> = plan
            .launches
            .iter()
            .flat_map(|l| l.steps().iter().copied())
            .collect();
        for prim in ["canvas", "corners", "hconcat"] {
            assert!(
                steps_of(&card, prim).iter().all(|k| !launched.contains(k)),
                "{prim}"
            );
        }
        assert!(!launched.contains(&step_of(&card, "mapply")));
        assert!(launched.contains(&fill));
        // The second program's opaque constants run where it reads them:
        // `ineighbors` of a constant, a set outside the frame.
        assert!(launched.contains(&step_of(&card, "ineighbors")));
        // Its objects are a constant of the body that shifts them.
        assert!(!launched.contains(&objects));
    }

    #[test]
    fn a_folded_value_no_reader_takes_is_computed_on_the_device_instead() {
        let (card, _) = plan(FOLDED);
        let (fill, diff) = (steps_of(&card, "fill")[0], step_of(&card, "difference"));
        // A grid where `fill` reads positions: no overload takes it, so the
        // step is not read as a constant and the program stays. The
        // border it is made of is still read as one.
        let border = step_of(&card, "box");
        let plan = folded_plan(&card, |k| {
            (k == diff)
                .then_some(Ty::Grid)
                .or((k == border).then_some(Ty::Indices))
        });
        assert!(
            plan.programs.iter().all(Result::is_ok),
            "{:?}",
            plan.programs
        );
        assert_eq!(kernel_call(&plan, fill).args[2].src, Src::Step(diff));
        assert_eq!(kernel_call(&plan, diff).args[0].src, Src::Const(0));
        assert!(plan.program_steps(0).contains(&step_of(&card, "mapply")));
    }

    /// A `branch` of callables giving an object (`identity`) and
    /// positions (`outbox`), read by `outbox` or `backdrop`.
    const BRANCH_OF_PATCHES: &str =
        include_str!("../../tests/fixtures/patches/branch_of_patches.py");

    #[test]
    fn a_branch_giving_an_object_or_positions_read_for_its_positions_gives_positions() {
        let (_, plan) = plan(BRANCH_OF_PATCHES);
        // Read by `outbox` or `backdrop`: the object's positions stand for
        // it.
        assert!(
            plan.programs.iter().all(Result::is_ok),
            "{:?}",
            plan.programs
        );
        // Read by `size`, which counts an object's cells: no; each arm
        // counts its own value (`size` composed onto the branch is a
        // branch of sizes).
        let counted = BRANCH_OF_PATCHES
            .replace("compose(backdrop, x5)", "compose(size, x5)")
            .replace("underfill(I, FOUR, x7)", "canvas(FOUR, astuple(x7, x7))");
        let (_, counted) = self::plan(&counted);
        let sizes: Vec<String> = counted
            .program_steps(1)
            .iter()
            .find_map(|&k| call_body(&counted, k))
            .expect("a call of the composition");
        assert_eq!(
            sizes,
            [
                "outbox(Object) -> Indices",
                "size(Indices) -> Int",
                "identity(Object) -> Object",
                "size(Object) -> Int",
                "branch(Bool, Int, Int) -> Int",
            ]
        );
        // Outlines past the frame (`outbox` of an object at its edge): each
        // arm composed, its own form until the last callable brings both
        // to positions clipped.
        let bodies: Vec<Vec<String>> = (0..2)
            .map(|p| {
                plan.program_steps(p)
                    .iter()
                    .find_map(|&k| call_body(&plan, k))
                    .expect("a call of the composition")
            })
            .collect();
        assert_eq!(
            bodies,
            [
                vec![
                    "identity(Object) -> Object",
                    "outbox(Object) -> Rect",
                    "outbox(Rect) -> Indices clipped",
                    "outbox(Object) -> Rect",
                    "outbox(Rect) -> Rect",
                    "outbox(Rect) -> Indices clipped",
                    "branch(Bool, Indices, Indices) -> Indices",
                ],
                vec![
                    "outbox(Object) -> Rect",
                    "backdrop(Rect) -> Indices clipped",
                    "identity(Object) -> Object",
                    "backdrop(Object) -> Indices",
                    "branch(Bool, Indices, Indices) -> Indices",
                ],
            ]
        );
        // Positions inside the frame (`box`): the branch of the object's
        // positions, taken under the branch's guard, and the outline.
        let boxed =
            BRANCH_OF_PATCHES.replace("branch(x4, outbox, identity)", "branch(x4, box, identity)");
        let (_, boxed) = self::plan(&boxed);
        let o = overloads().unwrap();
        let call = boxed
            .program_steps(1)
            .iter()
            .find_map(|&k| match &boxed.steps[k] {
                Ok(DeviceStep::Call(c)) => Some(c),
                _ => None,
            })
            .expect("a call of the composition");
        let guarded = call
            .subs
            .iter()
            .any(|s| s.guard().is_some_and(|(_, side)| !side) && sub_prim(s, &o) == "toindices");
        assert!(guarded, "{:?}", call.subs);
    }

    #[test]
    fn a_failed_steps_empty_tuple_iterated_by_a_higher_order_step_is_the_empty_set() {
        let (card, plan) = plan(include_str!(
            "../../tests/fixtures/stand_ins/container_of_a_failure.py"
        ));
        // The `sfilter`s fail where their body does (a centre of no cell of
        // the colour); `mapply` and `mfilter` over their `()` give `()`,
        // which `combine` and `underfill` read as the empty set: the empty
        // set of objects stands in, and nothing is made to fail.
        let sfilters = steps_of(&card, "sfilter");
        assert_eq!(sfilters.len(), 2);
        for k in sfilters {
            assert!(hof_call(&plan, k).defaults);
        }
        for prim in ["mapply", "mfilter"] {
            assert!(hof_call(&plan, step_of(&card, prim)).poison.is_empty());
        }
        assert!(plan.programs.iter().all(Result::is_ok));
    }

    #[test]
    fn a_failed_steps_empty_tuple_shifted_in_a_merged_body_is_the_empty_set() {
        let (card, plan) = plan(include_str!(
            "../../tests/fixtures/stand_ins/merged_empty.py"
        ));
        let call = |k: StepId| kernel_call(&plan, k);
        let of = |prim: &str| step_of(&card, prim);
        // Each element's `shift` of the failed step's `()` gives `()`, and
        // `mapply` merges them into `()`, which `underfill` and `paint`
        // read as the empty set: the empty object stands in, and nothing
        // is made to fail.
        assert!(hof_call(&plan, of("extract")).defaults && call(of("first")).defaults);
        for k in steps_of(&card, "mapply") {
            assert!(hof_call(&plan, k).poison.is_empty());
        }
        assert!(plan.programs.iter().all(Result::is_ok));
    }

    #[test]
    fn a_failed_steps_empty_tuple_moved_last_in_a_composed_merged_body_is_the_empty_set() {
        let (card, plan) = plan(include_str!(
            "../../tests/fixtures/stand_ins/merged_empty_composed.py"
        ));
        // The failed step's `()` is read by the `shift` whose value each
        // element's call gives, after sub-steps that make the offset: each
        // element gives `()`, and the merge is read as the empty set.
        assert!(kernel_call(&plan, step_of(&card, "first")).defaults);
        assert!(hof_call(&plan, step_of(&card, "extract")).defaults);
        for k in steps_of(&card, "mapply") {
            assert!(hof_call(&plan, k).subs.len() > 1);
            assert!(hof_call(&plan, k).poison.is_empty());
        }
        assert!(plan.programs.iter().all(Result::is_ok));
    }

    #[test]
    fn a_failed_steps_empty_tuple_read_before_the_last_sub_step_is_not_the_empty_set() {
        // The `()` shifted first and then turned (`vmirror` of `()`
        // fails, of the empty set does not), or shifted twice, its corner
        // between (`lrcorner` of `()` is `()`, which no device form holds
        // where the offset is made): no empty set stands in.
        let (card, plan) = plan(
            "def solve_00000001(I):
    x1 = objects(I, T, T, T)
    x2 = colorfilter(x1, EIGHT)
    x3 = first(x2)
    x4 = lbind(shift, x3)
    x5 = compose(vmirror, x4)
    x6 = compose(x5, tojvec)
    x7 = interval(ZERO, FOUR, TWO)
    x8 = mapply(x6, x7)
    O = paint(I, x8)
    return O

def solve_00000002(I):
    x1 = objects(I, T, T, T)
    x2 = colorfilter(x1, EIGHT)
    x3 = first(x2)
    x4 = lbind(shift, x3)
    x5 = compose(x4, tojvec)
    x6 = chain(x4, lrcorner, x5)
    x7 = interval(ZERO, FOUR, TWO)
    x8 = mapply(x6, x7)
    O = paint(I, x8)
    return O
",
        );
        for k in steps_of(&card, "first") {
            assert!(!kernel_call(&plan, k).defaults, "step {k}");
        }
        assert!(plan.programs.iter().all(Result::is_ok));
    }

    #[test]
    fn a_failed_steps_empty_tuple_searched_by_argmin_or_argmax_is_the_empty_set() {
        let (card, plan) = plan(include_str!(
            "../../tests/fixtures/stand_ins/found_in_a_body.py"
        ));
        // The `()` of the first of no object, handed on by `normalize` or
        // `shift`, is searched by `argmin` in a callable's body and by
        // `argmax` of a step, which fail on it as on the empty set: the
        // empty object stands in.
        let firsts = steps_of(&card, "first");
        assert_eq!(firsts.len(), 3);
        for &k in &firsts[..2] {
            assert!(kernel_call(&plan, k).defaults, "step {k}");
        }
        assert!(plan.programs.iter().all(Result::is_ok));
    }

    #[test]
    fn a_corner_of_nothing_that_its_body_fails_on_fails_the_body() {
        let (card, plan) = plan(include_str!(
            "../../tests/fixtures/stand_ins/corner_failed_on.py"
        ));
        // Each body's corner sub-steps that fail on giving `()`.
        let corners_failing = |subs: &[SubStep]| -> Vec<(String, bool)> {
            subs.iter()
                .filter_map(|s| match s {
                    SubStep::Kernel(c) => Some((sub_signature(s), c.empty_fails)),
                    SubStep::Hof(_) => None,
                })
                .filter(|(sig, _)| sig.contains("corner"))
                .collect()
        };
        // The corner of an object's cells of a colour it may lack is read
        // by `subtract`, which fails on `()`: the body fails there.
        let mapply = hof_call(&plan, step_of(&card, "mapply"));
        assert_eq!(
            corners_failing(&mapply.subs),
            [("ulcorner(Object) -> Pair".to_owned(), true)]
        );
        // So in the body of a callable value called on a set of positions
        // (`last` fails on `()`).
        let call = plan
            .steps
            .iter()
            .find_map(|s| match s {
                Ok(DeviceStep::Call(c)) => Some(c),
                _ => None,
            })
            .expect("a call of the fork");
        assert_eq!(
            corners_failing(&call.subs),
            [("lrcorner(Indices) -> Pair".to_owned(), true)]
        );
        assert!(plan.programs.iter().all(Result::is_ok));
    }

    #[test]
    fn a_body_failing_on_a_failed_steps_empty_tuple_fails_its_step_unless_its_container_is_empty() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = ofcolor(I, ONE)
    x2 = lrcorner(x1)
    x3 = last(x2)
    x4 = rbind(subtract, x3)
    x5 = chain(even, x4, last)
    x6 = ofcolor(I, ZERO)
    x7 = sfilter(x6, x5)
    O = fill(I, EIGHT, x7)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, TWO)
    x2 = ulcorner(x1)
    x3 = first(x2)
    x4 = matcher(last, x3)
    x5 = ofcolor(I, SIX)
    x6 = extract(x5, x4)
    x7 = initset(x6)
    O = fill(I, FIVE, x7)
    return O
",
        );
        let of = |prim: &str| step_of(&card, prim);
        // `subtract` fails on the failed `last`'s `()` for every element:
        // `sfilter` fails where `last` did, unless its set (place 0) is
        // empty, and any value stands in for the `()`.
        assert_eq!(hof_call(&plan, of("sfilter")).poison, [(of("last"), 1)]);
        assert!(kernel_call(&plan, of("last")).defaults);
        // `equality` in a body compares it: nothing stands in, and
        // `extract` is not made to fail.
        assert!(hof_call(&plan, of("extract")).poison.is_empty());
        assert!(!kernel_call(&plan, of("first")).defaults);
        // The row travels in the step's descriptor, with the place.
        let desc = plan
            .descriptors()
            .launches
            .iter()
            .find_map(|l| match l {
                LaunchDesc::Hof(h)
                    if i32::from_le_bytes(h.desc[16..20].try_into().unwrap())
                        == of("sfilter") as i32 =>
                {
                    Some(h.desc.clone())
                }
                _ => None,
            })
            .unwrap();
        let row = i32::from_le_bytes(desc[DESC_BYTES - 16..DESC_BYTES - 12].try_into().unwrap());
        assert_eq!(row, (of("last") as i32 + 1) | 1 << POISON_UNLESS_SHIFT);
    }

    #[test]
    fn a_pair_of_a_failed_steps_empty_tuple_passes_the_failure_to_uses_that_fail_on_it() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = ofcolor(I, ONE)
    x2 = lrcorner(x1)
    x3 = last(x2)
    x4 = astuple(FOUR, x3)
    x5 = connect(x4, ORIGIN)
    O = fill(I, EIGHT, x5)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, TWO)
    x2 = ulcorner(x1)
    x3 = first(x2)
    x4 = astuple(x3, x3)
    x5 = initset(x4)
    O = fill(I, THREE, x5)
    return O
",
        );
        let call = |k: StepId| kernel_call(&plan, k);
        let of = |prim: &str| steps_of(&card, prim);
        let pairs = of("astuple");
        // `connect` fails on a pair holding `()`: the pair passes the
        // failed `last` on, and `connect` fails where it failed.
        assert!(call(of("last")[0]).defaults);
        assert!(call(pairs[0]).passes && call(pairs[0]).empty_fails);
        assert_eq!(call(pairs[0]).poison, 0b10);
        assert_eq!(call(of("connect")[0]).poison, 0b01);
        // `initset` holds the pair: nothing stands in for the `()`.
        assert!(!call(of("first")[0]).defaults);
        assert!(!call(pairs[1]).passes);
    }

    #[test]
    fn a_set_holding_a_failed_steps_value_passes_the_failure_to_uses_that_fail_on_it() {
        let (card, plan) = plan(include_str!(
            "../../tests/fixtures/stand_ins/set_of_failure.py"
        ));
        let call = |k: StepId| kernel_call(&plan, k);
        let of = |prim: &str| steps_of(&card, prim);
        let sets = of("insert");
        // `fill` fails on a set holding `()`: the set passes the failed
        // `lrcorner` on, and `fill` fails where it failed.
        assert!(call(of("lrcorner")[0]).defaults);
        assert!(call(sets[0]).passes && call(sets[0]).empty_fails);
        assert_eq!(call(sets[0]).poison, 0b01);
        assert_eq!(call(of("fill")[0]).poison, 0b100);
        // The `()` in a set of its own, and an arithmetic step's `0` made
        // of it put there and the set joined to another: `cover` and
        // `toobject` fail.
        assert!(call(of("ulcorner")[0]).defaults);
        assert!(call(of("add")[0]).defaults);
        let (single, joined) = (of("initset")[0], of("combine")[0]);
        assert!(call(single).passes && call(single).poison == 0b01);
        assert!(call(sets[1]).passes);
        assert_eq!(call(sets[1]).poison, 0b11);
        assert!(call(joined).passes && call(joined).poison == 0b01);
        assert_eq!(call(of("cover")[0]).poison, 0b10);
        assert_eq!(call(of("toobject")[0]).poison, 0b01);
    }

    #[test]
    fn a_failed_steps_empty_tuple_handed_on_by_several_steps_is_the_empty_set() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = objects(I, T, F, T)
    x2 = colorfilter(x1, ONE)
    x3 = first(x2)
    x4 = shift(x3, UNITY)
    x5 = normalize(x4)
    x6 = shift(x5, DOWN)
    x7 = recolor(EIGHT, x6)
    O = paint(I, x7)
    return O

def solve_00000002(I):
    x1 = objects(I, T, F, T)
    x2 = colorfilter(x1, TWO)
    x3 = last(x2)
    x4 = shift(x3, UNITY)
    x5 = shift(x4, DOWN)
    x6 = size(x5)
    x7 = astuple(x6, x6)
    x8 = combine(x5, x4)
    x9 = paint(I, x8)
    O = crop(x9, ORIGIN, x7)
    return O
",
        );
        // Three steps hand the failed `first`'s `()` on to `recolor`, which
        // reads it as the empty set: the empty object stands in.
        assert!(kernel_call(&plan, step_of(&card, "first")).defaults);
        // `combine` of two `()` is `()`, not the empty set: the failed
        // `last` keeps its lanes on the CPU.
        assert!(!kernel_call(&plan, step_of(&card, "last")).defaults);
    }

    #[test]
    fn a_failed_colour_written_to_a_grid_is_an_integer_beyond_i8() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = ofcolor(I, ONE)
    x2 = toobject(x1, I)
    x3 = palette(x2)
    x4 = first(x3)
    x5 = ofcolor(I, ZERO)
    O = fill(I, x4, x5)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, TWO)
    x2 = toobject(x1, I)
    x3 = palette(x2)
    x4 = last(x3)
    O = replace(I, x4, FIVE)
    return O
",
        );
        let call = |k: StepId| kernel_call(&plan, k);
        let of = |prim: &str| step_of(&card, prim);
        // `fill` fails on the `()` where a cell takes it, as on -2^63: the
        // failed `first` is held as that integer, and `fill` is not
        // poisoned (it fails by itself).
        assert!(call(of("first")).defaults && call(of("first")).unit);
        assert_eq!(call(of("fill")).poison, 0);
        // `replace` compares cells with it (no error): nothing stands in.
        assert!(!call(of("last")).defaults && !call(of("last")).unit);
    }

    #[test]
    fn a_failed_integer_chosen_by_a_branch_only_compared_is_an_integer_no_value_has() {
        let (card, plan) = plan(include_str!(
            "../../tests/fixtures/stand_ins/chosen_unit.py"
        ));
        let call = |k: StepId| kernel_call(&plan, k);
        let of = |prim: &str| step_of(&card, prim);
        // The `branch` gives the failed `first`'s `()` as it is to `fill`
        // (a colour) and the failed `last`'s to `equality`: each is held
        // as the integer no value has, and the choices read it so.
        for k in [of("first"), of("last")] {
            assert!(call(k).defaults && call(k).unit);
        }
        for k in steps_of(&card, "branch").into_iter().take(2) {
            assert_eq!((call(k).poison, call(k).escalate), (0, 0));
        }
    }

    #[test]
    fn an_arithmetic_steps_zero_read_beside_a_pair_is_held_as_the_origin() {
        let (card, plan) = plan(include_str!(
            "../../tests/fixtures/stand_ins/zero_as_origin.py"
        ));
        let call = |k: StepId| kernel_call(&plan, k);
        let of = |prim: &str| steps_of(&card, prim);
        let reads = |r: StepId, of: &[StepId]| -> Vec<usize> {
            let args = call(r).args;
            (0..args.len())
                .filter(|&at| matches!(args[at].src, Src::Step(j) if of.contains(&j)))
                .collect()
        };
        // The offsets made of a centre of nothing fail with `0`, held as
        // the origin.
        let centres = of("center");
        let failed: Vec<StepId> = of("subtract")
            .into_iter()
            .filter(|&k| !reads(k, &centres).is_empty())
            .collect();
        assert_eq!(failed.len(), 2);
        for &k in &failed {
            assert!(call(k).defaults);
        }
        // Pair arithmetic reads it as the origin, unpoisoned there; the
        // `shift` by it fails (unless its patch is empty).
        let mut read = 0;
        for r in of("add").into_iter().chain(of("subtract")) {
            for at in reads(r, &failed) {
                assert_eq!(call(r).poison >> at & 1, 0, "{:?}", call(r));
                read += 1;
            }
        }
        assert_eq!(read, 3);
        let shifts: Vec<StepId> = of("shift")
            .into_iter()
            .filter(|&k| !reads(k, &failed).is_empty())
            .collect();
        assert_eq!(shifts.len(), 1);
        assert_eq!(call(shifts[0]).poison, 0b10);
    }

    #[test]
    fn a_failed_integer_only_compared_or_failed_on_is_an_integer_no_value_has() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = ofcolor(I, ONE)
    x2 = lrcorner(x1)
    x3 = first(x2)
    x4 = equality(x3, TWO)
    x5 = branch(x4, FIVE, EIGHT)
    x6 = replace(I, ZERO, x5)
    x7 = positive(x3)
    x8 = branch(x7, ONE, THREE)
    x9 = ofcolor(I, TWO)
    O = fill(x6, x8, x9)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, TWO)
    x2 = lrcorner(x1)
    x3 = last(x2)
    x4 = astuple(x3, x3)
    O = canvas(ONE, x4)
    return O
",
        );
        let call = |k: StepId| kernel_call(&plan, k);
        let of = |prim: &str| step_of(&card, prim);
        // `equality` compares the failed `first`'s `()`, `positive` fails
        // on it: it is held (flag bit 4) and `positive` made to fail.
        assert!(call(of("first")).defaults && call(of("first")).unit);
        assert_eq!(desc_flags(&plan, of("first")) & 16, 16);
        assert_eq!(call(of("positive")).poison, 0b1);
        assert_eq!(
            (call(of("equality")).poison, call(of("equality")).escalate),
            (0, 0)
        );
        // `astuple` neither compares nor fails on it: no integer stands
        // in for that `()`.
        assert!(!call(of("last")).defaults && !call(of("last")).unit);
        assert_eq!(desc_flags(&plan, of("last")) & 16, 0);
    }

    #[test]
    fn a_set_a_body_passes_on_to_a_clipped_result_is_clipped_too() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = objects(I, T, F, T)
    x2 = rbind(shoot, UP_RIGHT)
    x3 = compose(x2, ulcorner)
    x4 = fork(recolor, color, x3)
    x5 = mapply(x4, x1)
    O = paint(I, x5)
    return O

def solve_00000002(I):
    x1 = objects(I, T, F, T)
    x2 = rbind(shoot, DOWN_LEFT)
    x3 = compose(x2, ulcorner)
    x4 = fork(recolor, color, x3)
    x5 = mapply(x4, x1)
    x6 = size(x5)
    O = canvas(x6, UNITY)
    return O
",
        );
        let ov = overloads().unwrap();
        let shoots = |k: StepId| -> Vec<bool> {
            match &plan.steps[k] {
                Ok(DeviceStep::Hof(h)) => h
                    .subs
                    .iter()
                    .filter_map(|s| match s {
                        SubStep::Kernel(c) if ov.first[c.kernel as usize].prim == "shoot" => {
                            Some(ov.first[c.kernel as usize].clipped)
                        }
                        _ => None,
                    })
                    .collect(),
                other => panic!("{other:?}"),
            }
        };
        let mapplys: Vec<StepId> = steps_of(&card, "mapply");
        // Painted: only the cells inside the grid count, and `recolor`
        // keeps the line's positions, so the line is clipped ...
        assert_eq!(shoots(mapplys[0]), [true]);
        // ... but not where the whole set is counted.
        assert_eq!(shoots(mapplys[1]), [false]);
    }

    #[test]
    fn a_line_a_body_meets_with_a_steps_set_is_clipped() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = ofcolor(I, ZERO)
    x2 = ofcolor(I, ONE)
    x3 = rbind(shoot, DOWN)
    x4 = lbind(intersection, x1)
    x5 = chain(size, x4, x3)
    x6 = compose(even, x5)
    x7 = sfilter(x2, x6)
    O = fill(I, EIGHT, x7)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, TWO)
    x2 = rbind(shoot, DOWN)
    x3 = fork(intersection, x2, dneighbors)
    x4 = compose(size, x3)
    x5 = compose(even, x4)
    x6 = sfilter(x1, x5)
    O = fill(I, EIGHT, x6)
    return O
",
        );
        let ov = overloads().unwrap();
        let shoots: Vec<bool> = (0..card.solvers.steps.len())
            .filter(|&k| card.solvers.steps[k].callee == Callee::Prim("sfilter"))
            .flat_map(|k| match &plan.steps[k] {
                Ok(DeviceStep::Hof(h)) => h
                    .subs
                    .iter()
                    .filter_map(|s| match s {
                        SubStep::Kernel(c) if ov.first[c.kernel as usize].prim == "shoot" => {
                            Some(ov.first[c.kernel as usize].clipped)
                        }
                        _ => None,
                    })
                    .collect::<Vec<_>>(),
                other => panic!("{other:?}"),
            })
            .collect();
        // Met with a step's set, held whole: clipped; with the cell's
        // neighbours, which may be outside the frame too: not.
        assert_eq!(shoots, [true, false]);
    }

    #[test]
    fn a_set_a_body_reads_only_inside_a_grid_is_clipped_whatever_the_step() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = asindices(I)
    x2 = rbind(toobject, I)
    x3 = rbind(colorcount, ZERO)
    x4 = chain(x3, x2, neighbors)
    x5 = matcher(x4, EIGHT)
    x6 = sfilter(x1, x5)
    O = fill(I, ONE, x6)
    return O

def solve_00000002(I):
    x1 = asindices(I)
    x2 = chain(positive, size, dneighbors)
    x3 = sfilter(x1, x2)
    O = fill(I, ONE, x3)
    return O
",
        );
        let ov = overloads().unwrap();
        // The neighbours of each cell, clipped where only the grid's cells
        // of them count (the filter's own value is not clipped) ...
        let clipped = |k: StepId| -> Vec<(&str, bool)> {
            match &plan.steps[k] {
                Ok(DeviceStep::Hof(h)) => h
                    .subs
                    .iter()
                    .filter_map(|s| match s {
                        SubStep::Kernel(c) => {
                            let o = &ov.first[c.kernel as usize];
                            o.prim.ends_with("neighbors").then_some((o.prim, o.clipped))
                        }
                        SubStep::Hof(_) => None,
                    })
                    .collect(),
                other => panic!("{other:?}"),
            }
        };
        let filters: Vec<StepId> = steps_of(&card, "sfilter");
        assert_eq!(clipped(filters[0]), [("neighbors", true)]);
        // ... and not where they are counted whole.
        assert_eq!(clipped(filters[1]), [("dneighbors", false)]);
    }

    #[test]
    fn a_callable_called_on_a_pair_held_apart_takes_it_apart() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = interval(ONE, FOUR, ONE)
    x2 = astuple(x1, I)
    x3 = compose(maximum, first)
    x4 = compose(shape, last)
    x5 = fork(canvas, x3, x4)
    x6 = fork(hconcat, x5, last)
    O = x6(x2)
    return O
",
        );
        let ov = overloads().unwrap();
        assert!(matches!(
            plan.steps[step_of(&card, "astuple")],
            Ok(DeviceStep::Callable)
        ));
        // `first` and `last` of the pair are its two values: no sub-step
        // of their own, the sub-steps read the interval and the grid.
        let call = (0..card.solvers.steps.len())
            .find(|&k| matches!(card.solvers.steps[k].callee, Callee::Value(_)))
            .unwrap();
        match &plan.steps[call] {
            Ok(DeviceStep::Call(c)) => {
                let prims: Vec<&str> = c.subs.iter().map(|s| sub_prim(s, &ov)).collect();
                assert_eq!(prims, ["maximum", "shape", "canvas", "hconcat"]);
                let interval = step_of(&card, "interval");
                assert!(
                    c.subs[0]
                        .args()
                        .iter()
                        .any(|a| a.src == Src::Step(interval))
                );
            }
            other => panic!("{other:?}"),
        }
        assert!(plan.programs[0].is_ok(), "{:?}", plan.programs[0]);
    }

    #[test]
    fn a_key_that_fails_on_an_integer_fails_its_valmax_over_nothing() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = objects(I, T, F, T)
    x2 = compose(hperiod, asobject)
    x3 = vsplit(I, TWO)
    x4 = valmax(x3, x2)
    x5 = valmin(x1, size)
    x6 = fork(equality, identity, identity)
    x7 = valmax(x1, x6)
    x8 = add(x4, x5)
    x9 = add(x8, x7)
    O = canvas(x9, UNITY)
    return O
",
        );
        let zero_fails: Vec<bool> = (0..card.solvers.steps.len())
            .filter(|&k| {
                matches!(
                    card.solvers.steps[k].callee,
                    Callee::Prim("valmax" | "valmin")
                )
            })
            .map(|k| match &plan.steps[k] {
                Ok(DeviceStep::Hof(h)) => h.zero_fails,
                other => panic!("{other:?}"),
            })
            .collect();
        // `asobject` and `size` fail on the DSL's `0`; `identity` and
        // `equality` take it.
        assert_eq!(zero_fails, [true, true, false]);
    }

    #[test]
    fn differs_are_sub_steps_of_the_score_lanes_reading_the_candidate_and_the_expected_output() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    O = rot90(I)
    return O

def differ_shape(S, I, C):
    x1 = shape(I)
    x2 = shape(C)
    x3 = subtract(x1, x2)
    x4 = fork(add, first, last)
    O = x4(x3)
    return O

def differ_same(S, I, C):
    O = equality(I, C)
    return O

def differ_demos(S, I, C):
    x1 = size(S)
    O = add(x1, ONE)
    return O
",
        );
        let ov = overloads().unwrap();
        let score = &plan.score;
        let prims =
            |subs: &[SubStep]| -> Vec<&str> { subs.iter().map(|s| sub_prim(s, &ov)).collect() };
        // `shape(C)` once per sample on the expected lanes, whose element
        // is `C`; the rest on the score lanes, whose element is `I`.
        assert_eq!(prims(&score.c_subs), ["shape"]);
        assert_eq!(
            prims(&score.subs),
            ["shape", "subtract", "first", "last", "add", "equality"]
        );
        assert_eq!(score.c_subs[0].args()[0].src, Src::Elem);
        assert_eq!(score.subs[0].args()[0].src, Src::Elem);
        let subtract = score.subs[1].args();
        assert_eq!((subtract[0].src, subtract[0].up), (Src::Sub(0), 0));
        assert_eq!((subtract[1].src, subtract[1].up), (Src::Sub(0), 1));
        // The call's sub-steps leave the score to the CPU where any of
        // them fails (the DSL's call fails as a whole); the others where
        // one's value or default has no device form.
        let (top, call) = (
            STATUS_FULL | STATUS_NODEFAULT,
            STATUS_FAILED | STATUS_FULL | STATUS_NODEFAULT,
        );
        assert_eq!(score.masks, [top, top, call, call, call, top]);
        assert_eq!(score.c_masks, [top]);
        match &score.differs[..] {
            [Ok(shape), Ok(same), Err(why)] => {
                assert_eq!(
                    (shape.result, shape.rows, shape.c_rows),
                    (4, (0, 5), (0, 1))
                );
                assert_eq!((same.result, same.convert), (5, Convert::BoolAsInt));
                assert!(why.contains('S'), "{why}");
            }
            other => panic!("{other:?}"),
        }
        // Not every differ on the device: the CPU scores the lanes.
        assert_eq!(plan.differ_mask(), None);
        assert_eq!(card.differs.len(), 3);
    }

    #[test]
    fn a_set_recoloured_and_painted_is_clipped() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = ofcolor(I, ONE)
    x2 = ulcorner(x1)
    x3 = shoot(x2, UP_RIGHT)
    x4 = recolor(TWO, x3)
    O = paint(I, x4)
    return O
",
        );
        let ov = overloads().unwrap();
        match &plan.steps[step_of(&card, "shoot")] {
            Ok(DeviceStep::Kernel(c)) => assert!(ov.first[c.kernel as usize].clipped),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_line_given_a_position_or_chosen_then_filled_is_clipped() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = ofcolor(I, ONE)
    x2 = size(x1)
    x3 = tojvec(x2)
    x4 = connect(ORIGIN, x3)
    x5 = insert(UNITY, x4)
    x6 = equality(x2, FOUR)
    x7 = branch(x6, x5, x4)
    O = fill(I, TWO, x7)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, TWO)
    x2 = size(x1)
    x3 = toivec(x2)
    x4 = connect(ORIGIN, x3)
    x5 = insert(UNITY, x4)
    x6 = size(x5)
    O = canvas(x6, UNITY)
    return O
",
        );
        assert_eq!(clipped_of(&card, &plan, "connect"), [true, false]);
    }

    #[test]
    fn the_integer_held_for_none_is_the_preludes() {
        let define = format!("#define BATT_NONE_INT ((i64)({NONE_INT}LL))");
        assert!(templates::PRELUDE.contains(&define), "{define}");
    }

    #[test]
    fn a_colour_off_the_grid_only_compared_with_a_number_is_held_as_none() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = astuple(EIGHT, SEVEN)
    x2 = index(I, x1)
    x3 = equality(x2, ZERO)
    x4 = branch(x3, ONE, TWO)
    x5 = ofcolor(I, ZERO)
    O = fill(I, x4, x5)
    return O

def solve_00000002(I):
    x1 = astuple(SEVEN, EIGHT)
    x2 = index(I, x1)
    x3 = ofcolor(I, ZERO)
    O = fill(I, x2, x3)
    return O

def solve_00000003(I):
    x1 = shape(I)
    x2 = index(I, x1)
    x3 = mostcolor(I)
    x4 = equality(x2, x3)
    x5 = vmirror(I)
    O = branch(x4, x5, I)
    return O
",
        );
        let none: Vec<bool> = kernels_of(&card, &plan, "index")
            .iter()
            .map(|c| c.none)
            .collect();
        // Compared with a constant: `None` held; a colour to fill with, or
        // compared with a step's integer: not.
        assert_eq!(none, [true, false, false]);
    }

    #[test]
    fn a_grid_too_large_read_only_to_be_passed_on_makes_a_big_chain() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = hconcat(I, I)
    x2 = replace(x1, ZERO, FIVE)
    O = hmirror(x2)
    return O

def solve_00000002(I):
    x1 = upscale(I, THREE)
    x2 = objects(x1, T, F, F)
    x3 = merge(x2)
    O = fill(x1, FIVE, x3)
    return O

def solve_00000003(I):
    x1 = vconcat(I, I)
    x2 = mostcolor(I)
    O = replace(x1, ZERO, x2)
    return O
",
        );
        let from = |prim: &str| -> Vec<Option<StepId>> {
            kernels_of(&card, &plan, prim)
                .iter()
                .map(|c| c.big_from)
                .collect()
        };
        let hconcat = step_of(&card, "hconcat");
        let upscale = step_of(&card, "upscale");
        // Passed on: a constant colour, a patch, a colour a step gives
        // (checked within i8 when the step runs, `step_int_small`).
        assert_eq!(
            from("replace"),
            [Some(hconcat), Some(step_of(&card, "vconcat"))]
        );
        assert_eq!(from("fill"), [Some(upscale)]);
        assert_eq!(from("hmirror"), [Some(step_of(&card, "replace"))]);
        // The second program's grid is read by `objects` too.
        assert_eq!(plan.big_chains, [true, false, true]);
    }

    #[test]
    fn rows_of_different_widths_read_only_by_a_replace_fail_it() {
        let (_, plan) = plan(
            "\
def solve_00000001(I):
    x1 = rot90(I)
    x2 = vconcat(I, x1)
    O = replace(x2, ONE, TWO)
    return O

def solve_00000002(I):
    x1 = rot90(I)
    x2 = vconcat(I, x1)
    x3 = replace(x2, ONE, TWO)
    O = vmirror(x2)
    return O

def solve_00000003(I):
    x1 = rot90(I)
    O = vconcat(I, x1)
    return O

def solve_00000004(I):
    O = replace(I, ONE, TWO)
    return O
",
        );
        // Read only by `replace`: its failure is all the rows change. Read
        // by a mirror too, or the output, or no rows at all: not.
        assert_eq!(plan.ragged_fails, [true, false, false, false]);
    }

    #[test]
    fn grids_too_large_joined_or_read_blind_make_big_chains() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = rot180(I)
    x2 = hconcat(I, x1)
    x3 = vmirror(x2)
    x4 = vconcat(x3, x2)
    O = vconcat(x2, x4)
    return O

def solve_00000002(I):
    x1 = upscale(I, THREE)
    x2 = ofcolor(x1, ONE)
    x3 = asindices(x1)
    x4 = difference(x3, x2)
    O = fill(x1, FIVE, x4)
    return O

def solve_00000003(I):
    x1 = upscale(I, THREE)
    x2 = ofcolor(x1, ONE)
    O = fill(I, FIVE, x2)
    return O

def solve_00000004(I):
    x1 = upscale(I, THREE)
    x2 = ofcolor(x1, ONE)
    x3 = first(x2)
    x4 = dneighbors(x3)
    O = fill(x1, FIVE, x4)
    return O

def solve_00000005(I):
    x1 = hconcat(I, I)
    O = downscale(x1, TWO)
    return O

def solve_00000006(I):
    x1 = hconcat(I, I)
    x2 = upscale(x1, TWO)
    x3 = vupscale(x1, TWO)
    O = cellwise(x3, x2, ZERO)
    return O
",
        );
        // Joined: `vconcat` reads the shape of the grid too large at
        // either place. Read blind: `ofcolor`, `asindices` and
        // `difference` into the patch of the grid passed on. Not: blind
        // positions filled into the input, or read by `first`; a grid too
        // large scaled down. Grown, and compared cell by cell: read for
        // its shape too.
        assert_eq!(plan.big_chains, [true, true, false, false, false, true]);
        assert_eq!(
            kernels_of(&card, &plan, "fill")
                .iter()
                .map(|c| c.big_from)
                .collect::<Vec<_>>(),
            [
                Some(step_of(&card, "upscale")),
                None,
                Some(step_of(&card, "upscale"))
            ]
        );
    }

    #[test]
    fn positions_around_blind_positions_and_a_colour_a_step_gives_make_big_chains() {
        let (_, plan) = plan(
            "\
def solve_00000001(I):
    x1 = vconcat(I, I)
    x2 = ofcolor(x1, ONE)
    x3 = mapply(ineighbors, x2)
    O = underfill(x1, EIGHT, x3)
    return O

def solve_00000002(I):
    x1 = leastcolor(I)
    x2 = hupscale(I, THREE)
    x3 = ofcolor(x2, x1)
    x4 = rbind(shoot, UNITY)
    x5 = mapply(x4, x3)
    O = fill(x2, x1, x5)
    return O

def solve_00000003(I):
    x1 = vconcat(I, I)
    x2 = ofcolor(x1, ONE)
    x3 = rbind(divide, ZERO)
    x4 = apply(x3, x2)
    O = fill(x1, TWO, x4)
    return O

def solve_00000004(I):
    x1 = leastcolor(I)
    x2 = hupscale(I, THREE)
    x3 = ofcolor(x2, x1)
    x4 = lbind(shoot, x1)
    x5 = ulcorner(x3)
    x6 = rbind(shoot, x5)
    x7 = mapply(x6, x3)
    O = fill(x2, FIVE, x7)
    return O
",
        );
        // The positions around blind positions, and lines shot from them
        // in a constant direction, never fail: blind too, into the patch
        // of a grid passed on, with a colour a step gives (checked within
        // i8 when the step runs). Not: a position divided (by zero it
        // fails), a direction a step gives (its value may be anything the
        // stand-in made).
        assert_eq!(plan.device_programs(), [0, 1, 2, 3]);
        assert_eq!(plan.big_chains, [true, true, false, false]);
    }

    #[test]
    fn positions_outside_the_frame_counted_in_a_body_are_offsets() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = ofcolor(I, ONE)
    x2 = rbind(difference, x1)
    x3 = chain(size, x2, dneighbors)
    x4 = matcher(x3, FOUR)
    x5 = sfilter(x1, x4)
    x6 = astuple(ZERO, ONE)
    x7 = initset(ORIGIN)
    x8 = insert(x6, x7)
    x9 = lbind(shift, x8)
    x10 = mapply(x9, x5)
    x11 = compose(size, x9)
    x12 = apply(x11, x1)
    x13 = size(x12)
    x14 = fill(I, x13, x10)
    x15 = compose(backdrop, dneighbors)
    x16 = mapply(x15, x5)
    O = fill(x14, ONE, x16)
    return O
",
        );
        // Counted: the neighbours are offsets, and their difference with a
        // set of positions too. Only filled (a `mapply` reading offsets has
        // no overload over positions): the first pass's clipped positions,
        // and the program stays.
        assert_eq!(
            signature(&plan, step_of(&card, "sfilter"), false),
            "sfilter(Indices, Fn[Pair -> Bool]) -> Indices"
        );
        let body = body_of(&plan, step_of(&card, "sfilter"));
        assert_eq!(
            body,
            [
                "dneighbors(Pair) -> Offsets",
                "difference(Offsets, Indices) -> Offsets",
                "size(Offsets) -> Int",
                "equality(Int, Int) -> Bool"
            ]
        );
        assert_eq!(
            signature(&plan, step_of(&card, "mapply"), true),
            "mapply(Fn[Pair -> Indices], Indices) -> Indices over shift(Indices, Pair) -> Indices clipped"
        );
        // Their box: `backdrop` has no overload for offsets, so that step
        // alone keeps the first pass's positions (the program keeps the
        // offsets of the others).
        assert_eq!(
            signature(&plan, steps_of(&card, "mapply")[1], true),
            "mapply(Fn[Pair -> Indices], Indices) -> Indices over backdrop(Indices) -> Indices"
        );
        // A patch a step gives (not folded here) moved by each position
        // stays positions: a large one would outgrow offsets. Folded, the
        // lane test's constant patch is moved as offsets.
        assert_eq!(
            signature(&plan, step_of(&card, "apply"), true),
            "apply(Fn[Pair -> Int], Indices) -> Colours over size(Indices) -> Int"
        );
        assert_eq!(plan.device_programs(), [0]);
    }

    #[test]
    fn outlines_read_for_their_corners_or_rectangles_are_rectangles() {
        let (card, plan) = plan(include_str!("../../tests/fixtures/patches/outlines.py"));
        let sig = |k: StepId| signature(&plan, k, true);
        let applys = steps_of(&card, "apply");
        let mapplys = steps_of(&card, "mapply");
        // The outlines of objects, their corners, the rectangles they
        // bound: rectangles anywhere, corners as offsets, the rectangles
        // clipped where only grids read them.
        assert_eq!(
            sig(applys[0]),
            "apply(Fn[Object -> Rect], Objects) -> Rects over outbox(Object) -> Rect"
        );
        assert_eq!(
            sig(applys[1]),
            "apply(Fn[Rect -> Pair], Rects) -> Offsets over ulcorner(Rect) -> Pair"
        );
        assert_eq!(
            sig(mapplys[0]),
            "mapply(Fn[Rect -> Indices], Rects) -> Indices over backdrop(Rect) -> Indices clipped"
        );
        // Inside a body: the outline one cell inside each object.
        let body = body_of(&plan, mapplys[1]);
        assert_eq!(
            body,
            ["inbox(Object) -> Rect", "backdrop(Rect) -> Indices clipped"]
        );
        // A step's own outline, and lines shot from each of its positions.
        assert_eq!(sig(step_of(&card, "inbox")), "inbox(Object) -> Rect");
        assert_eq!(
            sig(mapplys[2]),
            "mapply(Fn[Pair -> Indices], Rect) -> Indices over shoot(Pair, Pair) -> Indices clipped"
        );
        assert_eq!(plan.device_programs(), [0, 1]);
    }

    #[test]
    fn an_outline_counted_or_recoloured_stays_positions() {
        // `size` has no overload over a rectangle: the outline stays
        // positions, and the program on the device.
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = objects(I, T, F, T)
    x2 = argmax(x1, size)
    x3 = outbox(x2)
    x4 = size(x3)
    O = canvas(x4, UNITY)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, ONE)
    x2 = outbox(x1)
    x3 = recolor(TWO, x2)
    x4 = size(x3)
    x5 = normalize(x1)
    x6 = shift(x5, NEG_UNITY)
    x7 = size(x6)
    x8 = fill(I, x4, x6)
    O = fill(x8, x7, x1)
    return O
",
        );
        let outboxes = steps_of(&card, "outbox");
        assert_eq!(
            signature(&plan, outboxes[0], true),
            "outbox(Object) -> Indices"
        );
        // Recoloured (no overload over a rectangle either): that outline
        // alone stays positions; the patch moved out of the frame in the
        // same program is still offsets, though a step after the
        // `recolor`, failing for its failure, reads it too.
        assert_eq!(
            signature(&plan, outboxes[1], true),
            "outbox(Indices) -> Indices"
        );
        assert_eq!(
            signature(&plan, step_of(&card, "shift"), true),
            "shift(Indices, Pair) -> Offsets"
        );
        assert_eq!(plan.device_programs(), [0, 1]);
    }

    #[test]
    fn an_outline_filled_is_clipped_and_one_counted_is_not() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = objects(I, T, F, T)
    x2 = argmax(x1, size)
    x3 = outbox(x2)
    O = fill(I, EIGHT, x3)
    return O

def solve_00000002(I):
    x1 = objects(I, T, F, T)
    x2 = argmin(x1, size)
    x3 = outbox(x2)
    x4 = size(x3)
    O = canvas(x4, UNITY)
    return O
",
        );
        assert_eq!(clipped_of(&card, &plan, "outbox"), [true, false]);
    }

    #[test]
    fn offsets_around_a_constant_location_at_the_edge_are_pairs_anywhere() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = neighbors(ORIGIN)
    x2 = mapply(neighbors, x1)
    x3 = shape(I)
    x4 = lbind(multiply, x3)
    x5 = apply(x4, x2)
    x6 = asobject(I)
    x7 = lbind(shift, x6)
    x8 = mapply(x7, x5)
    O = paint(I, x8)
    return O

def solve_00000002(I):
    x1 = neighbors(UNITY)
    x2 = size(x1)
    x3 = ineighbors(ORIGIN)
    x4 = size(x3)
    x5 = add(x2, x4)
    x6 = dneighbors(ORIGIN)
    O = fill(I, x5, x6)
    return O
",
        );
        let steps = &card.solvers.steps;
        let sig = |k: StepId| signature(&plan, k, true);
        let of = |prim: &'static str, first: Option<&Operand>| -> StepId {
            (0..steps.len())
                .find(|&k| {
                    steps[k].callee == Callee::Prim(prim)
                        && first.is_none_or(|a| steps[k].args.first() == Some(a))
                })
                .unwrap_or_else(|| panic!("no step of {prim}"))
        };
        let origin = Operand::Const("ORIGIN");
        // The neighbours of the origin, and theirs, scaled, then the grid
        // moved to each: offsets, most of them outside the frame.
        assert_eq!(
            sig(of("neighbors", Some(&origin))),
            "neighbors(Pair) -> Offsets"
        );
        assert_eq!(
            sig(of("mapply", Some(&Operand::Prim("neighbors")))),
            "mapply(Fn[Pair -> Offsets], Offsets) -> Offsets over neighbors(Pair) -> Offsets"
        );
        assert_eq!(
            sig(of("apply", None)),
            "apply(Fn[Pair -> Pair], Offsets) -> Offsets over multiply(Pair, Pair) -> Pair"
        );
        let shifted = (0..steps.len())
            .find(|&k| {
                steps[k].callee == Callee::Prim("mapply")
                    && steps[k].args.first() != Some(&Operand::Prim("neighbors"))
            })
            .unwrap();
        assert_eq!(
            sig(shifted),
            "mapply(Fn[Pair -> Object], Offsets) -> Object painted over \
             shift(Object, Pair) -> Object clipped"
        );
        // Inside the frame, the positions; read only inside a grid, the
        // clipped ones; counted, the offsets.
        assert_eq!(
            sig(of("neighbors", Some(&Operand::Const("UNITY")))),
            "neighbors(Pair) -> Indices"
        );
        assert_eq!(
            sig(of("dneighbors", None)),
            "dneighbors(Pair) -> Indices clipped"
        );
        assert_eq!(sig(of("ineighbors", None)), "ineighbors(Pair) -> Offsets");
        assert_eq!(plan.device_programs(), [0, 1]);
    }

    #[test]
    fn a_line_shot_whose_positions_outside_the_frame_are_read_is_pairs_anywhere() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = ofcolor(I, TWO)
    x2 = urcorner(x1)
    x3 = shoot(x2, UP_RIGHT)
    x4 = underfill(I, THREE, x3)
    x5 = rbind(shoot, LEFT)
    x6 = mapply(x5, x3)
    O = underfill(x4, ONE, x6)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, ONE)
    x2 = ulcorner(x1)
    x3 = shoot(x2, DOWN)
    O = fill(I, EIGHT, x3)
    return O
",
        );
        let steps = &card.solvers.steps;
        let sig = |k: StepId| signature(&plan, k, true);
        let of = |prim: &'static str| -> Vec<StepId> {
            (0..steps.len())
                .filter(|&k| steps[k].callee == Callee::Prim(prim))
                .collect()
        };
        // Shot from each of its positions, some to the right of the frame,
        // whose lines come back into it: the line's every position, as
        // offsets; each line shot from them is read only inside a grid.
        let shoots = of("shoot");
        assert_eq!(sig(shoots[0]), "shoot(Pair, Pair) -> Offsets");
        assert_eq!(
            sig(of("mapply")[0]),
            "mapply(Fn[Pair -> Indices], Offsets) -> Indices over shoot(Pair, Pair) -> Indices clipped"
        );
        assert_eq!(
            sig(of("underfill")[0]),
            "underfill(Grid, Int, Offsets) -> Grid"
        );
        // Only filled: the positions inside the frame.
        assert_eq!(sig(shoots[1]), "shoot(Pair, Pair) -> Indices clipped");
        assert_eq!(plan.device_programs(), [0, 1]);
    }

    /// A colour's cells normalized and moved up and left, then moved to
    /// each cell of another colour (back inside the frame); and moved
    /// down and right, which stays inside.
    const NORMALIZED_OUT: &str = "\
def solve_00000001(I):
    x1 = ofcolor(I, ONE)
    x2 = normalize(x1)
    x3 = shift(x2, NEG_UNITY)
    x4 = lbind(shift, x3)
    x5 = ofcolor(I, TWO)
    x6 = mapply(x4, x5)
    O = fill(I, EIGHT, x6)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, THREE)
    x2 = normalize(x1)
    x3 = shift(x2, UNITY)
    x4 = neighbors(ORIGIN)
    x5 = lbind(shift, x2)
    x6 = mapply(x5, x4)
    x7 = size(x6)
    x8 = fill(I, x7, x3)
    O = fill(x8, FIVE, x6)
    return O
";

    #[test]
    fn a_normalized_patch_moved_up_or_left_is_offsets() {
        let (card, plan) = plan(NORMALIZED_OUT);
        let steps = &card.solvers.steps;
        let sig = |k: StepId| signature(&plan, k, true);
        let shifts: Vec<StepId> = (0..steps.len())
            .filter(|&k| steps[k].callee == Callee::Prim("shift"))
            .collect();
        let mapplys: Vec<StepId> = (0..steps.len())
            .filter(|&k| steps[k].callee == Callee::Prim("mapply"))
            .collect();
        // Up and left: offsets, which the second shift moves back (those
        // inside the frame, as only `fill` reads them).
        assert_eq!(sig(shifts[0]), "shift(Indices, Pair) -> Offsets");
        assert_eq!(
            sig(mapplys[0]),
            "mapply(Fn[Pair -> Indices], Indices) -> Indices over \
             shift(Offsets, Pair) -> Indices clipped"
        );
        // Down and right: positions (clipped, as only `fill` reads them).
        // In a body over offsets, a shift by each offset gives positions,
        // not offsets.
        assert_eq!(sig(shifts[1]), "shift(Indices, Pair) -> Indices clipped");
        assert_eq!(
            sig(mapplys[1]),
            "mapply(Fn[Pair -> Indices], Offsets) -> Indices over shift(Indices, Pair) -> Indices"
        );
        assert_eq!(plan.device_programs(), [0, 1]);
    }

    #[test]
    fn offsets_a_program_sharing_them_has_no_kernel_for_stay_positions() {
        // `delta` has no overload for offsets: the shared neighbours stay
        // positions (every lane to the CPU, as before), and both programs
        // stay on the device.
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = neighbors(ORIGIN)
    x2 = shape(I)
    x3 = lbind(multiply, x2)
    x4 = apply(x3, x1)
    x5 = asobject(I)
    x6 = lbind(shift, x5)
    x7 = mapply(x6, x4)
    O = paint(I, x7)
    return O

def solve_00000002(I):
    x1 = neighbors(ORIGIN)
    x2 = delta(x1)
    x3 = size(x2)
    O = canvas(x3, UNITY)
    return O
",
        );
        let ov = overloads().unwrap();
        let k = step_of(&card, "neighbors");
        let Ok(DeviceStep::Kernel(c)) = &plan.steps[k] else {
            panic!("neighbors is not a kernel step");
        };
        assert_eq!(
            ov.first[c.kernel as usize].signature(),
            "neighbors(Pair) -> Indices"
        );
        assert_eq!(plan.device_programs(), [0, 1]);
    }

    #[test]
    fn frontiers_read_only_where_masks_hold_them_are_masks() {
        // Counted by kind, removed, paired and merged: every use reads the
        // masks, so the shared step makes them (the label map of `Objects`
        // leaves every crossing row and column to the CPU). In a call's
        // body too.
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = frontiers(I)
    x2 = sfilter(x1, hline)
    x3 = difference(x1, x2)
    x4 = astuple(x2, x3)
    x5 = apply(size, x4)
    O = canvas(ONE, x5)
    return O

def solve_00000002(I):
    x1 = frontiers(I)
    x2 = merge(x1)
    x3 = size(x1)
    O = fill(I, x3, x2)
    return O

def solve_00000003(I):
    x1 = chain(color, merge, frontiers)
    x2 = x1(I)
    O = replace(I, x2, ZERO)
    return O
",
        );
        let sig = |prim: &str| signature(&plan, step_of(&card, prim), true);
        assert_eq!(sig("frontiers"), "frontiers(Grid) -> Frontiers");
        assert_eq!(
            sig("sfilter"),
            "sfilter(Frontiers, Fn[Object -> Bool]) -> Frontiers over hline(Object) -> Bool"
        );
        assert_eq!(
            sig("difference"),
            "difference(Frontiers, Frontiers) -> Frontiers"
        );
        assert_eq!(
            sig("astuple"),
            "astuple(Frontiers, Frontiers) -> FrontiersPair"
        );
        assert_eq!(
            sig("apply"),
            "apply(Fn[Frontiers -> Int], FrontiersPair) -> Pair over size(Frontiers) -> Int"
        );
        assert_eq!(sig("merge"), "merge(Frontiers) -> Object");
        let call = steps_of(&card, "chain")
            .into_iter()
            .find_map(|k| {
                card.solvers
                    .steps
                    .iter()
                    .position(|s| s.callee == Callee::Value(Operand::Step(k)))
            })
            .expect("the chain is called");
        let Ok(DeviceStep::Call(c)) = &plan.steps[call] else {
            panic!("{:?}", plan.steps[call]);
        };
        let body: Vec<String> = c.subs.iter().map(sub_signature).collect();
        assert_eq!(
            body,
            [
                "frontiers(Grid) -> Frontiers",
                "merge(Frontiers) -> Object",
                "color(Object) -> Int"
            ]
        );
        assert_eq!(plan.device_programs(), [0, 1, 2]);
    }

    #[test]
    fn frontiers_a_use_reads_without_masks_stay_objects() {
        // The largest frontier: `argmax` has no overload over the masks, so
        // the step stays a set of objects (its program on the device, as
        // before, where no row and column cross).
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = frontiers(I)
    x2 = argmax(x1, size)
    x3 = size(x1)
    O = fill(I, x3, x2)
    return O
",
        );
        assert_eq!(
            signature(&plan, step_of(&card, "frontiers"), true),
            "frontiers(Grid) -> Objects"
        );
        assert_eq!(plan.device_programs(), [0]);
    }

    #[test]
    fn a_set_read_only_inside_grids_is_clipped_and_others_are_not() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = ofcolor(I, 1)
    x2 = shift(x1, UNITY)
    x3 = combine(x2, x1)
    O = fill(I, 2, x3)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, 1)
    x2 = shift(x1, DOWN)
    x3 = size(x2)
    O = canvas(x3, UNITY)
    return O

def solve_00000003(I):
    x1 = ofcolor(I, 1)
    x2 = mapply(rbind(shoot, UNITY), x1)
    O = fill(I, 2, x2)
    return O
",
        );
        let ov = overloads().unwrap();
        let kernel_of = |k: StepId| match &plan.steps[k] {
            Ok(DeviceStep::Kernel(c)) => ov.first[c.kernel as usize].signature(),
            other => panic!("step {k}: {other:?}"),
        };
        let shifts: Vec<StepId> = steps_of(&card, "shift");
        let by_offset = |p: (i64, i64)| {
            *shifts
                .iter()
                .find(|&&k| {
                    matches!(plan.steps[k], Ok(DeviceStep::Kernel(ref c)) if c.args[1].src == Src::Pair(p.0, p.1))
                })
                .unwrap()
        };
        // Filled through `combine`: clipped. Counted: not.
        assert_eq!(
            kernel_of(by_offset((1, 1))),
            "shift(Indices, Pair) -> Indices clipped"
        );
        assert_eq!(
            kernel_of(by_offset((1, 0))),
            "shift(Indices, Pair) -> Indices"
        );
        // `mapply`'s callable gives clipped lines to a filled union.
        let Ok(DeviceStep::Hof(h)) = &plan.steps[step_of(&card, "mapply")] else {
            panic!("mapply is not a higher-order step");
        };
        assert_eq!(
            match &h.subs[h.result] {
                SubStep::Kernel(c) => ov.first[c.kernel as usize].signature(),
                SubStep::Hof(_) => String::new(),
            },
            "shoot(Pair, Pair) -> Indices clipped"
        );
    }

    #[test]
    fn a_callable_in_a_callables_body_runs_over_element_lanes_of_its_own() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = objects(I, T, F, T)
    x2 = matcher(first, 2)
    x3 = rbind(sfilter, x2)
    x4 = mapply(x3, x1)
    O = paint(I, x4)
    return O
",
        );
        assert_eq!(plan.programs, [Ok(())]);
        let ov = overloads().unwrap();
        let Ok(DeviceStep::Hof(outer)) = &plan.steps[step_of(&card, "mapply")] else {
            panic!("mapply is not a higher-order step");
        };
        // The body: `sfilter(e, matcher(first, 2))`, a higher-order call
        // over the object's cells, reading the outer element.
        let [SubStep::Hof(inner)] = &outer.subs[..] else {
            panic!("{:?}", outer.subs);
        };
        assert_eq!(ov.higher[inner.kernel as usize].prim, "sfilter");
        assert_eq!(
            inner.args[0],
            DevArg {
                src: Src::Elem,
                convert: Convert::Same,
                up: 0
            }
        );
        let prims: Vec<&str> = inner.subs.iter().map(|s| sub_prim(s, &ov)).collect();
        assert_eq!(prims, ["first", "equality"]);
        // Inside, `first(cell)` reads its own lane's element.
        assert_eq!(inner.subs[0].args()[0].src, Src::Elem);
        assert_eq!(inner.subs[0].args()[0].up, 0);
        // The descriptors say how far up each value is.
        let d = plan.descriptors();
        let Some(LaunchDesc::Hof(h)) = d.launches.iter().find(|l| matches!(l, LaunchDesc::Hof(_)))
        else {
            panic!("no higher-order launch");
        };
        let [SubDesc::Hof(nested)] = &h.subs[..] else {
            panic!("no nested call");
        };
        assert_eq!(nested.subs.len(), 2);
    }

    #[test]
    fn a_callable_made_in_a_body_from_its_element_is_called_one_level_down() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = objects(I, T, F, T)
    x2 = lbind(rbind, adjacent)
    x3 = lbind(sfilter, x1)
    x4 = chain(size, x3, x2)
    x5 = argmax(x1, x4)
    O = fill(I, 5, x5)
    return O
",
        );
        assert_eq!(plan.programs, [Ok(())]);
        let ov = overloads().unwrap();
        let Ok(DeviceStep::Hof(outer)) = &plan.steps[step_of(&card, "argmax")] else {
            panic!("argmax is not a higher-order step");
        };
        // The body: `size(sfilter(x1, rbind(adjacent, e)))`; the callable
        // `rbind(adjacent, e)` is made from the element, not called.
        let [SubStep::Hof(inner), SubStep::Kernel(size)] = &outer.subs[..] else {
            panic!("{:?}", outer.subs);
        };
        assert_eq!(ov.higher[inner.kernel as usize].prim, "sfilter");
        assert_eq!(ov.first[size.kernel as usize].prim, "size");
        let [SubStep::Kernel(adjacent)] = &inner.subs[..] else {
            panic!("{:?}", inner.subs);
        };
        assert_eq!(ov.first[adjacent.kernel as usize].prim, "adjacent");
        // `adjacent(other, e)`: its own element, then the outer one.
        let args: Vec<(Src, u8)> = adjacent.args.iter().map(|a| (a.src, a.up)).collect();
        assert_eq!(args, [(Src::Elem, 0), (Src::Elem, 1)]);
    }

    #[test]
    fn a_callable_of_two_arguments_has_both_in_its_element_lanes() {
        let (card, plan) = plan(
            "\
def solve_00000001(I):
    x1 = vsplit(I, 2)
    x2 = hsplit(I, 2)
    x3 = papply(hconcat, x1, x2)
    O = first(x3)
    return O
",
        );
        assert_eq!(plan.programs, [Ok(())]);
        let ov = overloads().unwrap();
        let Ok(DeviceStep::Hof(h)) = &plan.steps[step_of(&card, "papply")] else {
            panic!("papply is not a higher-order step");
        };
        assert_eq!(
            ov.higher[h.kernel as usize].signature(),
            "papply(Fn[Grid, Grid -> Grid], Grids, Grids) -> Grids"
        );
        // `hconcat(a, b)` of the two elements: the second after the first.
        let srcs: Vec<Src> = h.subs[0].args().iter().map(|a| a.src).collect();
        assert_eq!(srcs, [Src::Elem, Src::Elem2]);
        assert_eq!(h.second, 912);
        assert_eq!(h.sub_offsets, [1824]);
    }

    #[test]
    fn values_share_places_only_once_their_readers_have_run() {
        let (card, plan) = plan(CARD);
        // Replays the launches: a place is never taken while a value in
        // it is still to be read (by a step, or by a callable's body).
        let mut holder: HashMap<u32, StepId> = HashMap::new();
        let mut reads_left: HashMap<StepId, usize> = HashMap::new();
        let mut readers: Vec<Vec<StepId>> = Vec::new();
        for launch in &plan.launches {
            let steps = launch.steps().to_vec();
            readers.push(steps.clone());
            for &k in &steps {
                for j in reads(plan.steps[k].as_ref().unwrap()) {
                    *reads_left.entry(j).or_default() += 1;
                }
            }
        }
        let outputs: Vec<StepId> = card
            .solvers
            .programs
            .iter()
            .filter_map(|p| match p.output {
                Operand::Step(k) => Some(k),
                _ => None,
            })
            .collect();
        for steps in readers {
            for &k in &steps {
                for j in reads(plan.steps[k].as_ref().unwrap()) {
                    assert_eq!(
                        holder.get(&plan.place[j].unwrap()),
                        Some(&j),
                        "step {j} was overwritten"
                    );
                }
            }
            for &k in &steps {
                for j in reads(plan.steps[k].as_ref().unwrap()) {
                    *reads_left.get_mut(&j).unwrap() -= 1;
                }
            }
            for &k in &steps {
                let at = plan.place[k].unwrap();
                if let Some(old) = holder.get(&at) {
                    assert!(
                        reads_left.get(old).copied().unwrap_or(0) == 0 && !outputs.contains(old),
                        "step {k} takes the place of step {old}, still wanted"
                    );
                }
                holder.insert(at, k);
            }
        }
        assert!(plan.record_bytes % 16 == 0);
        assert!(
            plan.place
                .iter()
                .flatten()
                .all(|&p| p % 16 == 0 && p < plan.record_bytes)
        );
    }

    #[test]
    fn descriptors_name_each_launch_and_program() {
        let (_, plan) = plan(CARD);
        let d = plan.descriptors();
        assert_eq!(d.launches.len(), plan.launches.len());
        for (desc, launch) in d.launches.iter().zip(&plan.launches) {
            match (desc, launch) {
                (
                    LaunchDesc::Steps {
                        kernel,
                        steps,
                        descs,
                    },
                    StepLaunch::Steps {
                        kernel: k,
                        steps: s,
                    },
                ) => {
                    assert_eq!((kernel, *steps), (k, s.len()));
                    assert_eq!(descs.len(), steps * DESC_BYTES);
                    for one in descs.chunks(DESC_BYTES) {
                        let word = |k: usize| i64::from_le_bytes(one[k..k + 8].try_into().unwrap());
                        assert_eq!(word(8), i64::from(plan.record_bytes));
                        assert!(word(0) % 16 == 0 && word(0) < i64::from(plan.record_bytes));
                    }
                }
                (LaunchDesc::Hof(HofDesc { desc, subs, .. }), StepLaunch::Hof(k)) => {
                    assert_eq!(desc.len(), DESC_BYTES);
                    let Ok(DeviceStep::Hof(h)) = &plan.steps[*k] else {
                        panic!("not a higher-order step");
                    };
                    assert_eq!(subs.len(), h.subs.len());
                }
                (LaunchDesc::Call { desc, subs, .. }, StepLaunch::Call(k)) => {
                    assert_eq!(desc.len(), DESC_BYTES);
                    let Ok(DeviceStep::Call(c)) = &plan.steps[*k] else {
                        panic!("not a call step");
                    };
                    assert_eq!(subs.len(), c.subs.len());
                }
                other => panic!("a launch and its descriptor differ: {other:?}"),
            }
        }
        assert_eq!(d.programs.len(), 6 * PROGRAM_BYTES);
    }

    #[test]
    fn every_entry_the_driver_names_is_a_kernel_of_the_library() {
        let library = library().unwrap();
        let entries = entries().unwrap();
        for name in &entries {
            assert!(
                library.contains(&format!("BATT_KERNEL {name}(")),
                "{name} is not in the library"
            );
        }
        assert_eq!(
            library.matches("BATT_KERNEL batt_").count(),
            entries.len(),
            "a kernel of the library that the driver does not name"
        );
    }

    #[test]
    fn the_library_has_kernels_for_every_overload() {
        let o = overloads().unwrap();
        let source = library().unwrap();
        assert!(o.first.len() > 400, "{}", o.first.len());
        assert!(o.higher.len() > 100, "{}", o.higher.len());
        for (n, f) in o.first.iter().enumerate() {
            assert!(
                source.contains(&format!("// {}\nBATT_KERNEL batt_step_{n}(", f.signature())),
                "no kernel for {}",
                f.signature()
            );
        }
        for (n, h) in o.higher.iter().enumerate() {
            assert!(source.contains(&format!("BATT_KERNEL batt_hof_record_{n}(")));
            assert!(
                source.contains(&format!("// {}: the template again", h.signature())),
                "no replay for {}",
                h.signature()
            );
        }
        assert!(source.contains("BATT_KERNEL batt_step_lanes("));
    }
}

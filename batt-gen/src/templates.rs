//! The CUDA source templates of the step-major engine's kernels, and what
//! the generator knows of them.
//!
//! Each primitive's template (`kernels/prims/<primitive>.cuh`) declares
//! its overloads in `// sig:` lines (`// sig: fill(Grid, Int, Indices) ->
//! Grid`), over fixed-size device types ([`Ty`]), and the templates it
//! uses in `// needs:` lines; the prelude (`kernels/prelude.cuh`) holds the
//! device types, and the host shim (`kernels/host_shim.h`) lets the same
//! source compile as host C++. [`crate::step_kernels`] builds one kernel
//! per overload from them, and plans a card's steps onto those kernels
//! with the facts listed here: which default each device type holds
//! ([`default_of`]), where `()` reads as an empty set or always fails
//! ([`EMPTY_TUPLE_AS_EMPTY_SET`], [`FAILS_ON_EMPTY_TUPLE`]), where a set of
//! positions may drop those outside the frame ([`CLIP_SAFE`],
//! [`CLIP_PASSES`]), where a tuple may be held as the set of its
//! elements ([`UNORDERED_SINKS`], [`UNORDERED_PASSES`]) and where an
//! object may keep one colour per position ([`PAINTED_SINKS`],
//! [`PAINTED_PASSES`]).

use std::collections::{BTreeSet, HashMap};
use std::fmt;

use crate::catalogue::SafeDefault;

/// The prelude every kernel source starts with.
pub const PRELUDE: &str = include_str!("../kernels/prelude.cuh");

/// The number a `#define NAME number` line of the prelude gives `name`
/// (a capacity of the device forms, `BATT_INTS`), for the host code and
/// tests that must agree with it.
pub fn prelude_define(name: &str) -> Option<usize> {
    PRELUDE
        .lines()
        .find_map(|l| {
            l.strip_prefix("#define ")?
                .strip_prefix(name)?
                .strip_prefix(' ')
        })
        .and_then(|n| n.trim().parse().ok())
}

/// The host shim (for compiling a kernel source as C++).
pub const HOST_SHIM: &str = include_str!("../kernels/host_shim.h");

/// Every primitive template, `(primitive, text)`, in name order.
pub const TEMPLATES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/templates.rs"));

/// A device type.
#[derive(Clone)]
pub enum Ty {
    /// `i64`.
    Int,
    /// `bool`.
    Bool,
    /// Two integers.
    Pair,
    /// A cell `(colour, (i, j))`.
    Cell,
    /// A grid of at most 30x30 cells.
    Grid,
    /// A set of positions in the 30x30 frame.
    Indices,
    /// A set of cells, one per position.
    Object,
    /// A set of disjoint objects.
    Objects,
    /// A set of integers 0..63 (colours, rows, columns, counts).
    Colours,
    /// A tuple of integers.
    Ints,
    /// A tuple of grids.
    Grids,
    /// A set of sets of positions.
    Patches,
    /// A tuple of disjoint objects.
    ObjTuple,
    /// A tuple of pairs of integers.
    Pairs,
    /// A tuple of rows of pairs of colours.
    PairRows,
    /// A pair of positions.
    PairPair,
    /// A set of pairs of positions.
    PosPairs,
    /// A set of pairs of integers anywhere (offsets around a position).
    Offsets,
    /// Objects that may overlap or repeat, standing for the set of them
    /// where every use reads them one by one and paints their union.
    ObjBag,
    /// Some of the frontiers of one grid (`frontiers`), which overlap
    /// where a row and a column cross, as masks of its rows and columns.
    Frontiers,
    /// A tuple of two such sets.
    FrontiersPair,
    /// The outline of a rectangle anywhere (`outbox`, `inbox` of a patch).
    Rect,
    /// A set of such outlines.
    Rects,
    /// An object anywhere: one inside the frame, moved (`shift`).
    ObjAt,
    /// A tuple of objects that may overlap, repeat or be empty (`apply` of
    /// a function moving objects over a tuple of them).
    ObjSeq,
    /// Sets of positions that may repeat, read one by one or united
    /// (`prapply(connect, a, b)`).
    PatchBag,
    /// The cells of a tuple of objects merged, each element's object kept
    /// in order (`mapply` over a tuple, for `underpaint`).
    ObjMerged,
    /// A tuple of sets of positions, every one kept in order (`apply` of
    /// a function giving positions over a tuple of grids).
    PatchSeq,
    /// Sets of positions anywhere (a patch moved by each of a set of
    /// offsets).
    OffsetsSet,
    /// A set of pairs of objects (`product` of two sets of objects).
    ObjPairs,
    /// A pair of objects.
    ObjPair,
    /// A tuple of a few objects that may overlap.
    ObjList,
    /// A set of grids.
    GridSet,
    /// A tuple of (grid, integer) pairs (`pair` of grids and integers).
    GridInts,
    /// A (grid, integer) pair.
    GridInt,
    /// A tuple of (object, integer) pairs (`pair` of objects and integers).
    ObjInts,
    /// An (object, integer) pair.
    ObjInt,
    /// A tuple of pairs of objects (`pair` of two tuples of objects).
    ObjTuplePairs,
    /// A tuple of (row, integer) pairs (`pair` of a grid and integers).
    RowInts,
    /// A (row, integer) pair.
    RowInt,
    /// A tuple of integers in runs of equal ones (`repeat` of an integer).
    Runs,
    /// A tuple of such tuples, each one run (`apply` of `repeat`).
    RunsTuple,
}

impl Ty {
    /// The type's name in signatures and in C++.
    pub fn name(&self) -> &'static str {
        match self {
            Ty::Int => "Int",
            Ty::Bool => "Bool",
            Ty::Pair => "Pair",
            Ty::Cell => "Cell",
            Ty::Grid => "Grid",
            Ty::Indices => "Indices",
            Ty::Object => "Object",
            Ty::Objects => "Objects",
            Ty::Colours => "Colours",
            Ty::Ints => "Ints",
            Ty::Grids => "Grids",
            Ty::Patches => "Patches",
            Ty::ObjTuple => "ObjTuple",
            Ty::Pairs => "Pairs",
            Ty::PairRows => "PairRows",
            Ty::PairPair => "PairPair",
            Ty::PosPairs => "PosPairs",
            Ty::Offsets => "Offsets",
            Ty::ObjBag => "ObjBag",
            Ty::Frontiers => "Frontiers",
            Ty::FrontiersPair => "FrontiersPair",
            Ty::Rect => "Rect",
            Ty::Rects => "Rects",
            Ty::ObjAt => "ObjAt",
            Ty::ObjSeq => "ObjSeq",
            Ty::PatchBag => "PatchBag",
            Ty::OffsetsSet => "OffsetsSet",
            Ty::Runs => "Runs",
            Ty::RunsTuple => "RunsTuple",
            Ty::ObjPairs => "ObjPairs",
            Ty::ObjPair => "ObjPair",
            Ty::ObjList => "ObjList",
            Ty::GridSet => "GridSet",
            Ty::GridInts => "GridInts",
            Ty::GridInt => "GridInt",
            Ty::ObjInts => "ObjInts",
            Ty::ObjInt => "ObjInt",
            Ty::ObjTuplePairs => "ObjTuplePairs",
            Ty::PatchSeq => "PatchSeq",
            Ty::ObjMerged => "ObjMerged",
            Ty::RowInts => "RowInts",
            Ty::RowInt => "RowInt",
        }
    }

    /// The C++ type of a value.
    pub(crate) fn cxx(&self) -> &'static str {
        match self {
            Ty::Int => "i64",
            Ty::Bool => "bool",
            other => other.name(),
        }
    }

    fn parse(name: &str) -> Option<Ty> {
        Some(match name {
            "Int" => Ty::Int,
            "Bool" => Ty::Bool,
            "Pair" => Ty::Pair,
            "Cell" => Ty::Cell,
            "Grid" => Ty::Grid,
            "Indices" => Ty::Indices,
            "Object" => Ty::Object,
            "Objects" => Ty::Objects,
            "Colours" => Ty::Colours,
            "Ints" => Ty::Ints,
            "Grids" => Ty::Grids,
            "Patches" => Ty::Patches,
            "ObjTuple" => Ty::ObjTuple,
            "Pairs" => Ty::Pairs,
            "PairRows" => Ty::PairRows,
            "PairPair" => Ty::PairPair,
            "PosPairs" => Ty::PosPairs,
            "Offsets" => Ty::Offsets,
            "ObjBag" => Ty::ObjBag,
            "Frontiers" => Ty::Frontiers,
            "FrontiersPair" => Ty::FrontiersPair,
            "Rect" => Ty::Rect,
            "Rects" => Ty::Rects,
            "ObjAt" => Ty::ObjAt,
            "ObjSeq" => Ty::ObjSeq,
            "PatchBag" => Ty::PatchBag,
            "OffsetsSet" => Ty::OffsetsSet,
            "Runs" => Ty::Runs,
            "ObjPairs" => Ty::ObjPairs,
            "ObjPair" => Ty::ObjPair,
            "ObjList" => Ty::ObjList,
            "GridSet" => Ty::GridSet,
            "GridInts" => Ty::GridInts,
            "GridInt" => Ty::GridInt,
            "ObjInts" => Ty::ObjInts,
            "ObjInt" => Ty::ObjInt,
            "ObjTuplePairs" => Ty::ObjTuplePairs,
            "PatchSeq" => Ty::PatchSeq,
            "ObjMerged" => Ty::ObjMerged,
            "RowInts" => Ty::RowInts,
            "RowInt" => Ty::RowInt,
            "RunsTuple" => Ty::RunsTuple,
            _ => return None,
        })
    }

    /// Whether a value of this type may be passed where `param` is
    /// expected (Python's booleans are integers).
    pub(crate) fn fits(&self, param: &Ty) -> bool {
        match (self, param) {
            (Ty::Bool, Ty::Int) | (Ty::Int, Ty::Bool) => true,
            (a, b) => a.name() == b.name(),
        }
    }
}

impl fmt::Debug for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Debug, Clone)]
pub(crate) enum ParamTy {
    /// A value of this type.
    Value(Ty),
    /// A callable taking these types and returning that one.
    Fn(Vec<Ty>, Ty),
}

/// One overload a template declares.
#[derive(Debug, Clone)]
pub(crate) struct Sig {
    pub(crate) params: Vec<ParamTy>,
    pub(crate) ret: Ty,
    pub(crate) cxx: String,
    /// What the overload's value stands for.
    pub(crate) view: View,
}

/// What an overload's device value stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum View {
    /// The value itself.
    Exact,
    /// The value's positions inside the frame (`-> Indices clipped`):
    /// called only where the value's uses ignore the others.
    Clipped,
    /// The set of a tuple's elements (`-> Indices unordered`): the order
    /// and repeats the tuple has are dropped, so that a tuple of positions
    /// or cells takes a set's form; only uses that ignore them may read it
    /// (see [`UNORDERED_SINKS`]).
    Unordered,
    /// The object as `paint` leaves it (`-> Object painted`): of cells
    /// at one position in different colours, only the largest colour
    /// (the last in the order of sets, which `paint` writes last); only
    /// uses that read positions or paint may read it (see
    /// [`PAINTED_SINKS`]).
    Painted,
}

/// A template: the primitive's overloads, what else it needs, its text.
#[derive(Debug, Clone)]
pub(crate) struct Template {
    pub(crate) sigs: Vec<Sig>,
    pub(crate) needs: Vec<String>,
    pub(crate) text: &'static str,
}

/// Parses `Fn[A, B -> C]` or a type name.
fn parse_param(text: &str) -> Result<ParamTy, String> {
    let text = text.trim();
    if let Some(inner) = text.strip_prefix("Fn[").and_then(|t| t.strip_suffix(']')) {
        let (args, ret) = inner
            .split_once("->")
            .ok_or_else(|| format!("`{text}`: a callable needs `->`"))?;
        let args = args
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(|a| Ty::parse(a).ok_or_else(|| format!("unknown type `{a}`")))
            .collect::<Result<Vec<_>, _>>()?;
        let ret = Ty::parse(ret.trim()).ok_or_else(|| format!("unknown type `{}`", ret.trim()))?;
        return Ok(ParamTy::Fn(args, ret));
    }
    Ty::parse(text)
        .map(ParamTy::Value)
        .ok_or_else(|| format!("unknown type `{text}`"))
}

/// Splits at commas outside brackets.
fn split_top(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (k, ch) in text.char_indices() {
        match ch {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&text[start..k]);
                start = k + 1;
            }
            _ => {}
        }
    }
    if !text[start..].trim().is_empty() {
        parts.push(&text[start..]);
    }
    parts
}

/// Parses a `sig:` line: `name(T1, Fn[A -> B]) -> R [as cxx_name]`.
fn parse_sig(prim: &str, line: &str) -> Result<Sig, String> {
    let k = line
        .rfind(") ->")
        .ok_or_else(|| format!("`{line}`: expected `name(...) -> Type`"))?;
    let (head, rest) = (&line[..=k], &line[k + 4..]);
    let head = head.trim();
    let open = head.find('(').ok_or_else(|| format!("`{line}`: no `(`"))?;
    if head[..open].trim() != prim {
        return Err(format!("`{line}`: the signature names another primitive"));
    }
    let inner = &head[open + 1..head.len() - 1];
    let params = split_top(inner)
        .into_iter()
        .map(parse_param)
        .collect::<Result<Vec<_>, _>>()?;
    let (ret, cxx) = match rest.split_once(" as ") {
        Some((r, c)) => (r.trim(), c.trim().to_owned()),
        None => (rest.trim(), format!("p_{prim}")),
    };
    let (ret, view) = if let Some(r) = ret.strip_suffix(" clipped") {
        (r.trim(), View::Clipped)
    } else if let Some(r) = ret.strip_suffix(" unordered") {
        (r.trim(), View::Unordered)
    } else if let Some(r) = ret.strip_suffix(" painted") {
        (r.trim(), View::Painted)
    } else {
        (ret, View::Exact)
    };
    let ret = Ty::parse(ret).ok_or_else(|| format!("`{line}`: unknown type `{ret}`"))?;
    Ok(Sig {
        params,
        ret,
        cxx,
        view,
    })
}

/// Reads the templates' `// sig:` and `// needs:` lines.
pub(crate) fn templates() -> Result<HashMap<&'static str, Template>, String> {
    let mut out = HashMap::new();
    for &(name, text) in TEMPLATES {
        let mut sigs = Vec::new();
        let mut needs = Vec::new();
        for line in text.lines() {
            let line = line.trim();
            if let Some(sig) = line.strip_prefix("// sig:") {
                sigs.push(parse_sig(name, sig.trim()).map_err(|e| format!("{name}.cuh: {e}"))?);
            } else if let Some(list) = line.strip_prefix("// needs:") {
                needs.extend(list.split(',').map(|n| n.trim().to_owned()));
            }
        }
        if sigs.is_empty() {
            return Err(format!("{name}.cuh declares no `// sig:` line"));
        }
        out.insert(name, Template { sigs, needs, text });
    }
    Ok(out)
}

/// What a kernel lane's flag says (the kernel writes these values; the
/// runtime reads them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum LaneFlag {
    /// The lane is left to the CPU: a value the device form cannot hold,
    /// or a program the kernel does not evaluate.
    Unrepresentable = 0,
    /// The lane's output is its value.
    Done = 1,
    /// The lane is left to the CPU: a failed step whose safe default the
    /// device form cannot hold.
    NoDefault = 2,
    /// The lane's output alone is a grid larger than the device form,
    /// which the CPU makes without an error: it equals no expected output
    /// the device holds, and the failed count is right (a demonstration
    /// lane of a card without differs folds; others go to the CPU).
    Oversize = 3,
}

impl LaneFlag {
    /// The flag a kernel wrote, when it is one.
    pub fn from_u8(byte: u8) -> Option<LaneFlag> {
        [
            LaneFlag::Unrepresentable,
            LaneFlag::Done,
            LaneFlag::NoDefault,
            LaneFlag::Oversize,
        ]
        .into_iter()
        .find(|f| *f as u8 == byte)
    }
}

/// The templates `names` use, with those they need, in name order except
/// that one another needs comes before it.
pub(crate) fn ordered_templates(
    templates: &HashMap<&'static str, Template>,
    names: impl IntoIterator<Item = String>,
) -> Result<Vec<&'static str>, String> {
    let mut used: Vec<&'static str> = Vec::new();
    let mut queue: Vec<String> = names.into_iter().collect();
    while let Some(name) = queue.pop() {
        if used.contains(&name.as_str()) {
            continue;
        }
        let Some((&key, template)) = templates.get_key_value(name.as_str()) else {
            return Err(format!("a template needs `{name}`, which has none"));
        };
        used.push(key);
        queue.extend(template.needs.iter().cloned());
    }
    used.sort_unstable();
    fn place(
        name: &'static str,
        templates: &HashMap<&'static str, Template>,
        ordered: &mut Vec<&'static str>,
        seen: &mut BTreeSet<&'static str>,
    ) {
        if !seen.insert(name) {
            return;
        }
        if let Some((_, t)) = templates.get_key_value(name) {
            for need in &t.needs {
                if let Some((&key, _)) = templates.get_key_value(need.as_str()) {
                    place(key, templates, ordered, seen);
                }
            }
        }
        ordered.push(name);
    }
    let mut ordered = Vec::new();
    let mut seen = BTreeSet::new();
    for name in used {
        place(name, templates, &mut ordered, &mut seen);
    }
    Ok(ordered)
}

/// The C++ value of a step's safe default in its device type, when the
/// device form holds it (an empty tuple is an empty grid or tuple, an
/// empty frozenset an empty set; `()` as a pair does not fit).
pub(crate) fn default_of(ty: &Ty, default: SafeDefault) -> Option<&'static str> {
    Some(match (ty, default) {
        (Ty::Int, SafeDefault::Zero) => "(i64)0",
        (Ty::Bool, SafeDefault::False) => "false",
        (Ty::Grid, SafeDefault::EmptyTuple) => "grid_empty()",
        (Ty::Ints, SafeDefault::EmptyTuple) => "ints_empty()",
        (Ty::Grids, SafeDefault::EmptyTuple) => "grids_empty()",
        (Ty::ObjTuple, SafeDefault::EmptyTuple) => "objtuple_empty()",
        (Ty::Pairs, SafeDefault::EmptyTuple) => "pairs_empty()",
        (Ty::PairRows, SafeDefault::EmptyTuple) => "pairrows_empty()",
        (Ty::Runs, SafeDefault::EmptyTuple) => "runs_empty()",
        (Ty::RunsTuple, SafeDefault::EmptyTuple) => "runstuple_empty()",
        (Ty::PosPairs, SafeDefault::EmptySet) => "pospairs_empty()",
        (Ty::Offsets, SafeDefault::EmptySet) => "offsets_empty()",
        (Ty::ObjBag, SafeDefault::EmptySet) => "objbag_empty()",
        (Ty::Frontiers, SafeDefault::EmptySet) => "frontiers_empty()",
        (Ty::Rects, SafeDefault::EmptySet) => "rects_empty()",
        (Ty::Rect, SafeDefault::EmptySet) => "rect_empty()",
        (Ty::ObjAt, SafeDefault::EmptySet) => "objat_empty()",
        (Ty::ObjPairs, SafeDefault::EmptySet) => "objpairs_empty()",
        (Ty::ObjList, SafeDefault::EmptyTuple) => "objlist_empty()",
        (Ty::ObjSeq, SafeDefault::EmptyTuple) => "objseq_empty()",
        (Ty::PatchBag, SafeDefault::EmptySet) => "patchbag_empty()",
        (Ty::OffsetsSet, SafeDefault::EmptySet) => "offsetsset_empty()",
        (Ty::GridSet, SafeDefault::EmptySet) => "gridset_empty()",
        (Ty::GridInts, SafeDefault::EmptyTuple) => "gridints_empty()",
        (Ty::ObjInts, SafeDefault::EmptyTuple) => "objints_empty()",
        (Ty::ObjTuplePairs, SafeDefault::EmptyTuple) => "objtuplepairs_empty()",
        (Ty::PatchSeq, SafeDefault::EmptyTuple) => "patchseq_empty()",
        (Ty::ObjMerged, SafeDefault::EmptyTuple) => "objmerged_empty()",
        (Ty::RowInts, SafeDefault::EmptyTuple) => "rowints_empty()",
        (Ty::Indices, SafeDefault::EmptySet) => "indices_empty()",
        (Ty::Object, SafeDefault::EmptySet) => "object_empty()",
        (Ty::Objects, SafeDefault::EmptySet) => "objects_empty()",
        (Ty::Colours, SafeDefault::EmptySet) => "Colours{0}",
        (Ty::Patches, SafeDefault::EmptySet) => "patches_empty()",
        _ => return None,
    })
}

/// Argument places where batt's primitive gives the same result (the
/// same value, or an error both ways) for `()` as for the empty frozenset.
/// A failed step whose `()` default the device cannot hold, but whose every
/// use is one of these, gets the empty set of its device type instead
/// (exact: the results downstream are the same). Checked against the
/// primitives by batt-runtime's `kernel_defaults` test.
pub const EMPTY_TUPLE_AS_EMPTY_SET: &[(&str, usize)] = &[
    ("toindices", 0),
    ("subgrid", 0),
    ("mostcolor", 0),
    ("leastcolor", 0),
    ("color", 0),
    ("inbox", 0),
    ("outbox", 0),
    ("backdrop", 0),
    ("delta", 0),
    ("corners", 0),
    ("paint", 1),
    ("underpaint", 1),
    ("fill", 2),
    ("underfill", 2),
    ("cover", 1),
    ("recolor", 1),
    ("move", 1),
    ("ulcorner", 0),
    ("urcorner", 0),
    ("llcorner", 0),
    ("lrcorner", 0),
    ("centerofmass", 0),
    ("uppermost", 0),
    ("leftmost", 0),
    ("lowermost", 0),
    ("rightmost", 0),
    ("center", 0),
    ("size", 0),
    ("height", 0),
    ("width", 0),
    ("shape", 0),
    ("portrait", 0),
    ("hmatching", 0),
    ("hmatching", 1),
    ("vmatching", 0),
    ("vmatching", 1),
    ("adjacent", 0),
    ("adjacent", 1),
    ("manhattan", 0),
    ("manhattan", 1),
    ("position", 0),
    ("position", 1),
    ("gravitate", 0),
    ("gravitate", 1),
    ("vline", 0),
    ("hline", 0),
    ("palette", 0),
    ("numcolors", 0),
    ("toobject", 0),
    ("bordering", 0),
    ("first", 0),
    ("last", 0),
    ("other", 0),
    ("other", 1),
    ("remove", 0),
    ("difference", 1),
    ("combine", 1),
    ("contained", 0),
    ("contained", 1),
    ("sizefilter", 0),
    ("colorfilter", 0),
    ("colorcount", 0),
    ("product", 0),
    ("product", 1),
    ("argmax", 0),
    ("argmin", 0),
    ("valmax", 0),
    ("valmin", 0),
];

/// Argument places `(primitive, place, patch)` where batt's primitive fails
/// on `()` or an integer unless its argument at `patch` is empty, when it
/// gives what it gives for any offset: `shift` and `move` hand an empty
/// patch on before they read the offset. A use of a failed step's `()` or
/// `0` at one of these fails where the step failed unless its patch, a
/// set of positions or an object on the device, is empty
/// (`StepDesc::poison`). Checked by the same test.
pub const FAILS_UNLESS_EMPTY: &[(&str, usize, usize)] = &[("shift", 1, 0), ("move", 2, 1)];

/// Argument places where batt's primitive gives `()` back for `()` and
/// the empty set for the empty set (or fails both ways), whatever its
/// other arguments: `shift` and `normalize` hand an empty patch on as it
/// is, and `apply`, `mapply`, `sfilter` and `mfilter` over an empty
/// container give one of its kind without calling their callable. A
/// failed step's `()` read there is the empty set on the device where
/// every use of the reader's value in turn reads `()` as the empty set
/// ([`EMPTY_TUPLE_AS_EMPTY_SET`]): `fill` of a `shift` of a failed
/// `vmirror`. Checked by the same test.
pub const EMPTY_TUPLE_PASSES: &[(&str, usize)] = &[
    ("shift", 0),
    ("normalize", 0),
    ("apply", 1),
    ("mapply", 1),
    ("sfilter", 0),
    ("mfilter", 0),
];

/// Argument places where batt's primitive reads `()` beside an integer
/// only by comparing it: `equality` of `()` and a number is False, of two
/// `()` True. A failed integer step whose `()` only these read (beside
/// another integer) or fails ([`FAILS_ON_EMPTY_TUPLE`]) holds it as an
/// integer no other value has (`BATT_UNIT_INT`). Checked by the same
/// test.
pub const EMPTY_TUPLE_COMPARED: &[(&str, usize)] = &[("equality", 0), ("equality", 1)];

/// Argument places where batt's primitive reads `()` as it reads an
/// integer beyond i8: a colour, which fails where a cell takes it (and
/// nowhere else). A failed integer step's `()` held as `BATT_UNIT_INT`
/// (see [`EMPTY_TUPLE_COMPARED`]) is such an integer. Checked by the same
/// test.
pub const EMPTY_TUPLE_AS_WIDE_COLOUR: &[(&str, usize)] =
    &[("fill", 1), ("underfill", 1), ("canvas", 0)];

/// Argument places whose argument batt's primitive gives as it is where
/// it gives it at all (`branch`): a failed integer step's `()` held as
/// `BATT_UNIT_INT` (see [`EMPTY_TUPLE_COMPARED`]) chosen there is still
/// that integer, where every use of the choice compares it. Checked by the
/// same test.
pub const CHOSEN: &[(&str, usize)] = &[("branch", 1), ("branch", 2)];

/// Argument places where batt's primitive gives its set of positions or
/// object back as it is for `()`, which equals none of their elements
/// (`remove`); so does a pair no position has. Checked by the same test.
pub const EMPTY_TUPLE_REMOVED: &[(&str, usize)] = &[("remove", 0)];

/// Argument places where batt's primitive looks `()` up in a set of
/// positions, which holds no `()` (`contained` is False); so does a pair no
/// position has. Checked by the same test.
pub const EMPTY_TUPLE_ABSENT: &[(&str, usize)] = &[("contained", 0)];

/// Argument places where batt's primitive makes a pair holding its
/// argument as it is (`astuple`): a failed step's `()` there gives a pair
/// holding `()`, which the places of [`FAILS_ON_PAIR_HOLDING_UNIT`] fail
/// on.
pub const PAIR_OF: &[(&str, usize)] = &[("astuple", 0), ("astuple", 1)];

/// Argument places where batt's primitive fails whenever it is given a
/// pair holding `()` (either element), whatever the other element and
/// arguments. A pair made of a failed step's `()` ([`PAIR_OF`]) whose
/// every use is one of these fails them where the step failed. Checked by
/// the same test.
pub const FAILS_ON_PAIR_HOLDING_UNIT: &[(&str, usize)] = &[
    ("connect", 0),
    ("connect", 1),
    ("shoot", 0),
    ("shoot", 1),
    ("add", 0),
    ("add", 1),
    ("subtract", 0),
    ("subtract", 1),
];

/// Argument places where batt's primitive puts its argument into a set as
/// it is (`insert`, `initset`): a failed step's `()`, or an arithmetic
/// step's `0`, there gives a set holding it, which the places of
/// [`FAILS_ON_SET_HOLDING_UNIT_OR_INT`] fail on.
pub const SET_OF: &[(&str, usize)] = &[("insert", 0), ("initset", 0)];

/// Argument places where batt's primitive reads a patch and fails
/// whenever it is given a set holding `()` or an integer (beside
/// positions, cells, or alone), whatever the other arguments: no such set
/// is a patch. A set made of a failed step's value ([`SET_OF`]) whose
/// every use is one of these fails them where the step failed. Checked by
/// the same test.
pub const FAILS_ON_SET_HOLDING_UNIT_OR_INT: &[(&str, usize)] = &[
    ("fill", 2),
    ("underfill", 2),
    ("paint", 1),
    ("underpaint", 1),
    ("cover", 1),
    ("toobject", 0),
    ("recolor", 1),
    ("shift", 0),
];

/// Argument places where batt's primitive, given a set holding `()` or an
/// integer ([`SET_OF`]), gives a set still holding it whatever the other
/// arguments (or fails): `insert` into it, `combine` with it. Checked by
/// the test of [`FAILS_ON_SET_HOLDING_UNIT_OR_INT`].
pub const SET_HOLDING_PASSES: &[(&str, usize)] = &[("insert", 1), ("combine", 0), ("combine", 1)];

/// Argument places `(primitive, place, beside)` where batt's primitive
/// fails on `()` whenever its argument at `beside` is an integer or a
/// boolean (`greater` compares `()` with a number). A use there whose
/// argument at `beside` is a constant counts as one of
/// [`FAILS_ON_EMPTY_TUPLE`]. Checked by the same test.
pub const FAILS_ON_EMPTY_TUPLE_BESIDE_INT: &[(&str, usize, usize)] =
    &[("greater", 0, 1), ("greater", 1, 0)];

/// Argument places where batt's primitive fails whenever it is given `()`.
/// A failed step whose `()` default the device cannot hold, and whose
/// every use is one of these, makes those uses fail in turn (they take
/// their own defaults), as they would on the CPU. Checked by the same test.
pub const FAILS_ON_EMPTY_TUPLE: &[(&str, usize)] = &[
    ("first", 0),
    ("last", 0),
    ("other", 0),
    ("connect", 0),
    ("connect", 1),
    ("shoot", 0),
    ("shoot", 1),
    ("subgrid", 0),
    ("color", 0),
    ("mostcolor", 0),
    ("center", 0),
    ("lowermost", 0),
    ("rightmost", 0),
    ("add", 0),
    ("add", 1),
    ("subtract", 0),
    ("subtract", 1),
    ("multiply", 0),
    ("multiply", 1),
    ("double", 0),
    ("halve", 0),
    ("invert", 0),
    ("increment", 0),
    ("decrement", 0),
    ("sign", 0),
    ("positive", 0),
    ("index", 0),
    ("index", 1),
    ("crop", 1),
    ("crop", 2),
    ("canvas", 1),
    ("neighbors", 0),
    ("dneighbors", 0),
    ("ineighbors", 0),
    ("hfrontier", 0),
    ("vfrontier", 0),
    ("position", 0),
    ("position", 1),
    ("manhattan", 0),
    ("manhattan", 1),
    ("adjacent", 0),
    ("adjacent", 1),
    ("gravitate", 0),
    ("gravitate", 1),
    ("move", 0),
    ("toobject", 1),
    ("downscale", 0),
    ("downscale", 1),
    ("hupscale", 1),
    ("vupscale", 1),
    ("repeat", 1),
    ("bordering", 0),
    ("intersection", 0),
    ("intersection", 1),
    ("insert", 1),
];

/// Argument places where a set of positions is read only at positions
/// inside a grid of at most 30x30: a set that dropped its positions
/// outside the 30x30 frame gives these uses exactly what the whole set
/// would.
pub const CLIP_SAFE: &[(&str, usize)] = &[
    ("fill", 2),
    ("underfill", 2),
    ("paint", 1),
    ("underpaint", 1),
    ("cover", 1),
    ("toobject", 0),
    // Only the first operand's positions can be in the difference.
    ("difference", 1),
];

/// Argument places whose result holds, inside the frame, exactly what it
/// would from the operand's positions inside the frame: a set without
/// its outside positions gives a result without its own, as good as the
/// whole where the result's uses are (see [`CLIP_SAFE`]).
pub const CLIP_PASSES: &[(&str, usize)] = &[
    ("combine", 0),
    ("combine", 1),
    ("intersection", 0),
    ("intersection", 1),
    ("difference", 0),
    // The set with one more position (one outside the frame is left to
    // the CPU by the kernel), and either of two sets.
    ("insert", 1),
    ("branch", 1),
    ("branch", 2),
];

/// Argument places that read a tuple only as the set of its elements
/// (positions to fill, cells to paint, a patch's extent), and give a
/// value that no longer depends on its order or repeats: an unordered
/// value (the set of a tuple's elements) gives them exactly what the
/// tuple would.
pub const UNORDERED_SINKS: &[(&str, usize)] = &[
    ("fill", 2),
    ("underfill", 2),
    ("paint", 1),
    ("underpaint", 1),
    ("cover", 1),
    ("recolor", 1),
    ("toobject", 0),
    ("backdrop", 0),
    // Adjacency is a distance between two sets of positions.
    ("adjacent", 0),
    ("adjacent", 1),
];

/// Argument places that read an object only as `paint` does (its cells
/// in the order of sets, so the largest colour at a position is the one
/// left) or only for its positions: an object keeping one colour per
/// position, the largest, gives them exactly what the whole would.
/// (`underpaint` is not one: the first colour written at a position
/// stays.)
pub const PAINTED_SINKS: &[(&str, usize)] = &[
    ("paint", 1),
    ("fill", 2),
    ("underfill", 2),
    ("cover", 1),
    ("recolor", 1),
    ("toindices", 0),
    ("toobject", 0),
    ("backdrop", 0),
    ("adjacent", 0),
    ("adjacent", 1),
];

/// Argument places that give an object whose cells at each position
/// follow from the argument's at one position alone: a painted argument
/// gives a painted value.
pub const PAINTED_PASSES: &[(&str, usize)] = &[("shift", 0), ("combine", 0), ("combine", 1)];

/// Argument places whose value is a tuple when the argument is one, and
/// whose set of elements follows from the argument's set of elements
/// alone: an unordered argument gives an unordered value.
pub const UNORDERED_PASSES: &[(&str, usize)] = &[
    ("apply", 1),
    ("mapply", 1),
    ("merge", 0),
    ("sfilter", 0),
    ("mfilter", 0),
    ("shift", 0),
    ("combine", 0),
    ("combine", 1),
    // A tuple of two sets of positions held as the set of them.
    ("astuple", 0),
    ("astuple", 1),
    // Either value, as it is.
    ("branch", 1),
    ("branch", 2),
];

/// A use of a step's value by another step.
/// The empty set of a set-like device type.
pub(crate) fn empty_set_of(ty: &Ty) -> Option<&'static str> {
    Some(match ty {
        Ty::Indices => "indices_empty()",
        Ty::Object => "object_empty()",
        Ty::Objects => "objects_empty()",
        Ty::Colours => "Colours{0}",
        Ty::Patches => "patches_empty()",
        Ty::PosPairs => "pospairs_empty()",
        Ty::Offsets => "offsets_empty()",
        Ty::ObjBag => "objbag_empty()",
        Ty::Frontiers => "frontiers_empty()",
        Ty::Rects => "rects_empty()",
        Ty::Rect => "rect_empty()",
        Ty::ObjAt => "objat_empty()",
        Ty::PatchBag => "patchbag_empty()",
        Ty::OffsetsSet => "offsetsset_empty()",
        Ty::ObjPairs => "objpairs_empty()",
        Ty::GridSet => "gridset_empty()",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue;

    #[test]
    fn signatures_parse_with_callables_and_names() {
        let s = parse_sig("fill", "fill(Grid, Int, Indices) -> Grid").unwrap();
        assert_eq!(s.params.len(), 3);
        assert_eq!(s.cxx, "p_fill");
        let s = parse_sig(
            "apply",
            "apply(Fn[Object -> Object], Objects) -> Objects as p_apply_oo",
        )
        .unwrap();
        assert!(matches!(&s.params[0], ParamTy::Fn(a, Ty::Object) if a.len() == 1));
        assert_eq!(s.cxx, "p_apply_oo");
        assert!(parse_sig("fill", "fill(Grid, Nope) -> Grid").is_err());
        assert!(parse_sig("fill", "paint(Grid) -> Grid").is_err());
    }

    #[test]
    fn every_template_declares_valid_signatures() {
        let t = templates().unwrap();
        for (name, template) in &t {
            assert!(
                catalogue::primitive(name).is_some(),
                "{name} is not a primitive"
            );
            for need in &template.needs {
                assert!(t.contains_key(need.as_str()), "{name} needs {need}");
            }
        }
    }
}

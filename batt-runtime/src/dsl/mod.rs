//! The ARC DSL: values, the 160 primitives of the reference DSL, and the
//! named constants.
//!
//! Every primitive is a plain function `fn(&mut Ctx, &Value, ...) ->
//! Result<Value>` in one of the modules below, called directly by generated
//! code (static dispatch) and through the [`Prim`] catalogue by callables
//! and the interpreter. Primitives never panic: wrong input is an `Err`.
//! Semantics follow the reference DSL (michaelhodel/arc-dsl `dsl.py` as of
//! its last change, c1c0b95 of September 2023: empty patches go through
//! `shift`, `normalize`, `box`, `backdrop` and `delta`, and `difference`
//! keeps the elements of any container that are not in the second),
//! except that sets iterate in the canonical order of [`value`].
//!
//! - [`value`]: the value type, its equality and canonical order.
//! - [`shape`]: the shared duck-typed views (grid, patch, container).
//! - [`callable`]: callables as data and the higher-order primitives.
//! - [`arith`], [`containers`], [`grids`], [`patches`], [`objects`]: the
//!   other primitives, by subject.
//! - [`constants`]: `T`, `F`, `ZERO`..`TEN`, directions and sizes, and the
//!   dialect's constants.
//! - [`dialect`]: the primitives the batt dialect adds, with its own list
//!   of differences.
//!
//! # Where batt differs from the reference
//!
//! Checked against the reference on random typed calls (see
//! PERFORMANCE.md) and on the calls of `tests/fixtures/reference/`
//! (`batt-runtime/tests/reference.rs`, which also checks that the calls
//! marked there as differences still differ), the results agree except in
//! these documented places:
//!
//! - Order: sets iterate in the canonical ascending order of [`value`], so
//!   `first`, `last`, `totuple`, `argmax`, `argmin`, `mostcolor`,
//!   `mostcommon`, ... break ties towards the earliest element, where
//!   Python's choice depends on hashing. `order` sorts by batt's total
//!   order, which agrees with Python's wherever Python's keys are totally
//!   ordered (it is not for set-valued keys). `max`/`min`-like primitives
//!   compare as Python does (`>` on sets is proper inclusion).
//! - Range: integers are `i64` with checked arithmetic (an overflow is an
//!   error, Python would grow the integer), indices are `i32`, and grid
//!   cells hold colours -128..=127 (negative colours serve solvers as
//!   markers; a colour outside that range written to a grid is an
//!   error).
//! - A grid of colours holds integers: writing a value that is not one
//!   into it (`fill` or `switch` with a tuple, a tuple as `cellwise`'s
//!   fallback) is an error, where Python builds rows holding the value.
//!   Rows that are not a grid of colours to begin with (ragged, or holding
//!   other values) are read as Python reads them by `downscale`,
//!   `cellwise` and `switch`.
//! - Booleans inside a 2-tuple of numbers read as integers (`(True, 0)`
//!   is stored as `(1, 0)`; Python's `==` agrees).
//! - Arithmetic on tuples of tuples, where Python would repeat or join
//!   them (`double` of a grid or of a cell), is a type error.
//! - Patch primitives given a grid treat it as a patch only when it has two
//!   columns (its rows are then indices); Python duck-types any grid.
//! - `partition`/`fgpartition` of a set, and `connect`/`index`/`shoot`
//!   unpacking a two-element set, are errors (Python's results depend on
//!   hash order).
//! - Callables compare by structure (Python compares closures by
//!   identity). `power(f, n)` with `n < 1` is an error (Python recurses
//!   until its recursion limit); nesting deeper than [`error::MAX_DEPTH`]
//!   calls is an error, as Python's recursion limit would be.
//! - Work is bounded by [`Ctx`]'s budget: a call that would exceed it
//!   (a huge `canvas`, a runaway `power`) is an error on the same step on
//!   every machine.

/// Builds the catalogue entry of a primitive function from its name and
/// arity; the caller checks the number of arguments before calling.
macro_rules! prim {
    ($f:ident, 1) => {
        $crate::dsl::PrimDef {
            name: stringify!($f),
            arity: 1,
            by_ref: |ctx, a| $f(ctx, a[0]),
        }
    };
    ($f:ident, 2) => {
        $crate::dsl::PrimDef {
            name: stringify!($f),
            arity: 2,
            by_ref: |ctx, a| $f(ctx, a[0], a[1]),
        }
    };
    ($f:ident, 3) => {
        $crate::dsl::PrimDef {
            name: stringify!($f),
            arity: 3,
            by_ref: |ctx, a| $f(ctx, a[0], a[1], a[2]),
        }
    };
    ($f:ident, 4) => {
        $crate::dsl::PrimDef {
            name: stringify!($f),
            arity: 4,
            by_ref: |ctx, a| $f(ctx, a[0], a[1], a[2], a[3]),
        }
    };
}

pub mod arith;
pub mod callable;
pub mod constants;
pub mod containers;
pub mod dialect;
pub mod error;
pub mod grids;
pub mod memo;
pub mod objects;
pub mod patches;
pub mod shape;
#[cfg(test)]
mod testkit;
pub mod value;

use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

pub use callable::{Callable, call};

/// Every primitive's function under its DSL name (`box` and `move` as
/// `r#box` and `r#move`): what generated code calls.
pub mod prims {
    pub use super::arith::*;
    pub use super::callable::{
        apply, chain, compose, fork, lbind, mapply, matcher, mpapply, papply, power, prapply,
        rapply, rbind,
    };
    pub use super::containers::*;
    pub use super::dialect::cells::*;
    pub use super::dialect::ranks::*;
    pub use super::dialect::samples::*;
    pub use super::dialect::typed::*;
    pub use super::grids::*;
    pub use super::objects::*;
    pub use super::patches::*;
}
pub use error::{Cost, Ctx, DslError, Result};
pub use value::{Cell, Idx, Kind, Value};

/// A primitive's entry in the catalogue.
#[derive(Clone, Copy)]
pub struct PrimDef {
    /// The DSL name.
    pub name: &'static str,
    /// Number of arguments.
    pub arity: u8,
    /// Calls the primitive with exactly `arity` arguments, each borrowed
    /// where it lives: a callable passes the values its inner calls
    /// returned without moving them into a slice of their own (a value
    /// just written by a callee and moved at once stalls on its stores).
    pub by_ref: fn(&mut Ctx, &[&Value]) -> Result<Value>,
}

impl PrimDef {
    /// Calls the primitive with exactly `arity` arguments.
    pub fn call(&self, ctx: &mut Ctx, args: &[Value]) -> Result<Value> {
        with_refs(args.iter(), |args| (self.by_ref)(ctx, args))
    }
}

/// `f` of the references `values` gives, gathered on the stack for the
/// four arguments callables take at most (in a vector past that).
#[inline]
pub(crate) fn with_refs<'a, T>(
    values: impl ExactSizeIterator<Item = &'a Value>,
    f: impl FnOnce(&[&Value]) -> T,
) -> T {
    const NONE: &Value = &Value::None;
    let n = values.len();
    let mut refs = [NONE; 4];
    if n > refs.len() {
        return f(&values.collect::<Vec<_>>());
    }
    for (r, v) in refs.iter_mut().zip(values) {
        *r = v;
    }
    f(&refs[..n])
}

impl fmt::Debug for PrimDef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.name, self.arity)
    }
}

/// Every primitive, in catalogue order.
static CATALOGUE: LazyLock<Vec<PrimDef>> = LazyLock::new(|| {
    [
        arith::PRIMS,
        containers::PRIMS,
        callable::PRIMS,
        grids::PRIMS,
        patches::PRIMS,
        objects::PRIMS,
        &dialect::prims(),
    ]
    .concat()
});

static BY_NAME: LazyLock<HashMap<&'static str, Prim>> =
    LazyLock::new(|| Prim::all().map(|p| (p.name(), p)).collect());

/// A primitive: its place in the catalogue (which orders, compares and
/// hashes it) and its entry, at hand for every call without a look-up.
#[derive(Clone, Copy)]
pub struct Prim {
    index: u16,
    def: &'static PrimDef,
}

impl PartialEq for Prim {
    fn eq(&self, other: &Prim) -> bool {
        self.index == other.index
    }
}

impl Eq for Prim {}

impl PartialOrd for Prim {
    fn partial_cmp(&self, other: &Prim) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Prim {
    fn cmp(&self, other: &Prim) -> std::cmp::Ordering {
        self.index.cmp(&other.index)
    }
}

impl std::hash::Hash for Prim {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.index.hash(state);
    }
}

impl Prim {
    /// The primitive named `name`.
    pub fn from_name(name: &str) -> Option<Prim> {
        BY_NAME.get(name).copied()
    }

    /// Every primitive.
    pub fn all() -> impl Iterator<Item = Prim> {
        CATALOGUE.iter().enumerate().map(|(k, def)| Prim {
            index: k as u16,
            def,
        })
    }

    /// Its catalogue entry.
    pub fn def(self) -> &'static PrimDef {
        self.def
    }

    /// Its DSL name.
    pub fn name(self) -> &'static str {
        self.def().name
    }

    /// Number of arguments.
    pub fn arity(self) -> u8 {
        self.def().arity
    }

    /// The primitive as a callable value.
    pub fn value(self) -> Value {
        Value::func(Callable::Prim(self))
    }
}

impl fmt::Debug for Prim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The primitive or constant named `name`, as a value.
pub fn named(name: &str) -> Option<Value> {
    Prim::from_name(name)
        .map(Prim::value)
        .or_else(|| constants::constant(name))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// The 160 primitives of the reference DSL.
    const REFERENCE: &str = "identity add subtract multiply divide invert even double halve flip \
        equality contained combine intersection difference dedupe order repeat greater size merge \
        maximum minimum valmax valmin argmax argmin mostcommon leastcommon initset both either \
        increment decrement crement sign positive toivec tojvec sfilter mfilter extract totuple \
        first last insert remove other interval astuple product pair branch compose chain matcher \
        rbind lbind power fork apply rapply mapply papply mpapply prapply mostcolor leastcolor \
        height width shape portrait colorcount colorfilter sizefilter asindices ofcolor ulcorner \
        urcorner llcorner lrcorner crop toindices recolor shift normalize dneighbors ineighbors \
        neighbors objects partition fgpartition uppermost lowermost leftmost rightmost square \
        vline hline hmatching vmatching manhattan adjacent bordering centerofmass palette \
        numcolors color toobject asobject rot90 rot180 rot270 hmirror vmirror dmirror cmirror \
        fill paint underfill underpaint hupscale vupscale upscale downscale hconcat vconcat \
        subgrid hsplit vsplit cellwise replace switch center position index canvas corners \
        connect cover trim move tophalf bottomhalf lefthalf righthalf vfrontier hfrontier \
        backdrop delta gravitate inbox outbox box shoot occurrences frontiers compress hperiod \
        vperiod";

    #[test]
    fn the_catalogue_is_the_reference_dsl_and_the_dialect() {
        let names: Vec<&str> = REFERENCE.split_whitespace().collect();
        assert_eq!(names.len(), 160);
        let missing: Vec<&&str> = names
            .iter()
            .filter(|n| Prim::from_name(n).is_none())
            .collect();
        assert!(missing.is_empty(), "missing primitives: {missing:?}");
        let dialect =
            batt_gen::dialect::PRIMITIVES.len() + batt_gen::dialect::PRIMITIVES_2025_11.len();
        assert_eq!(
            Prim::all().count(),
            160 + dialect,
            "no extra or duplicate entries"
        );
        let first_160: Vec<&str> = Prim::all().take(160).map(Prim::name).collect();
        assert!(first_160.iter().all(|n| names.contains(n)));
    }

    #[test]
    fn the_generators_catalogue_names_the_same_primitives() {
        let runtime: BTreeMap<&str, usize> = CATALOGUE
            .iter()
            .map(|def| (def.name, usize::from(def.arity)))
            .collect();
        assert_eq!(runtime.len(), CATALOGUE.len(), "no duplicate runtime names");
        let generator: BTreeMap<&str, usize> = batt_gen::catalogue::primitives()
            .map(|sig| (sig.name, sig.arity()))
            .collect();
        assert_eq!(runtime, generator);
    }
}

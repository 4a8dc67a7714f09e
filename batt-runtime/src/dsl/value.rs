//! DSL values: the types of the ARC DSL with compact forms for the common ones.
//!
//! # Representation
//!
//! | DSL type                         | variant                          |
//! |----------------------------------|----------------------------------|
//! | Integer, Boolean                 | [`Value::Int`], [`Value::Bool`]  |
//! | IntegerTuple `(a, b)`            | [`Value::Pair`]                  |
//! | Grid (a tuple of rows of ints)   | [`Value::Grid`]                  |
//! | Indices (set of `(i, j)`)        | [`Value::Indices`]               |
//! | Object (set of `(c, (i, j))`)    | [`Value::Object`]                |
//! | any other tuple                  | [`Value::Tuple`]                 |
//! | any other frozenset              | [`Value::Set`]                   |
//! | callables                        | [`Value::Func`]                  |
//! | Python's `None` (`index` off the grid) | [`Value::None`]            |
//!
//! Values are built through canonical constructors ([`Value::tuple`],
//! [`Value::set`], [`Value::grid`]): a 2-tuple of integers is always a
//! `Pair` (a boolean in it reads as 0 or 1); a non-empty set of integer
//! pairs is always `Indices` and one of cells always `Object`; the empty
//! set is always `Set([])`; a grid with no rows is the empty tuple. Sets
//! are stored sorted and without duplicates.
//!
//! # Equality and order
//!
//! Equality is the DSL's (Python's): it looks through the representation,
//! so a `Grid` equals a `Tuple` of row tuples with the same cells, `True`
//! equals `1`, and a tuple never equals a set. Hashing agrees with equality.
//!
//! The order is total, so that sets have one canonical iteration order:
//! numbers (and booleans) compare numerically; tuples (pairs, grids, rows)
//! compare lexicographically as Python compares tuples; sets compare as the
//! sequences of their elements in ascending order; across kinds, `None` <
//! numbers < tuples < sets < callables. Python's frozenset iteration order
//! depends on hashing and is not reproducible: batt instead iterates every
//! set in this ascending order, and every tie in `argmax`, `argmin`,
//! `mostcommon`, `leastcommon`, `mostcolor`, `leastcolor`, `first`, ... goes
//! to the earliest element in it. This is the one deliberate difference
//! from the reference DSL.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use crate::grid::Grid;

use super::callable::{Callable, Func};
use super::dialect::version::ijc_cells;
use super::error::{DslError, Result};

/// A grid index `(i, j)` in a compact set.
pub type Idx = (i32, i32);

/// A cell `(colour, (i, j))` of an object. The field order makes the derived
/// order Python's tuple order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cell {
    /// The colour.
    pub colour: i32,
    /// The row.
    pub i: i32,
    /// The column.
    pub j: i32,
}

/// Sets of at least this many coordinates are put in order on a bitmap of
/// their bounding box where the box is small enough ([`sort_on_bitmap`]).
const BITMAP_MIN_ITEMS: usize = 64;

/// Bits of a bounding box per coordinate, at most, for [`sort_on_bitmap`]:
/// the bitmap is then at most half the size of the keys a sort would make.
const BITMAP_BITS_PER_ITEM: u64 = 32;

/// Puts coordinates in ascending lexicographic order without duplicates by
/// marking them on a bitmap of their bounding box and reading it back in
/// order: linear in the count and the box, where a sort is `n log n`. The
/// merge of a step's many lines or objects on a small grid (thousands of
/// coordinates, most of them repeated, on a box of a few hundred cells) is
/// the case it is for. Returns `None`, touching nothing, where the set is
/// small or its box is large against its count.
fn sort_on_bitmap<T, const D: usize>(
    items: &[T],
    coords: impl Fn(&T) -> [i32; D],
    make: impl Fn([i32; D]) -> T,
) -> Option<Vec<T>> {
    if items.len() < BITMAP_MIN_ITEMS {
        return None;
    }
    let (mut lo, mut hi) = ([i32::MAX; D], [i32::MIN; D]);
    for c in items.iter().map(&coords) {
        for d in 0..D {
            lo[d] = lo[d].min(c[d]);
            hi[d] = hi[d].max(c[d]);
        }
    }
    // Each span is at most 2^32; the product is checked as it grows.
    let span: [u64; D] = std::array::from_fn(|d| (i64::from(hi[d]) - i64::from(lo[d]) + 1) as u64);
    let limit = items.len() as u64 * BITMAP_BITS_PER_ITEM;
    let area = span
        .iter()
        .try_fold(1u64, |a, &s| a.checked_mul(s).filter(|&a| a <= limit))?;
    let position = |c: &[i32; D]| {
        (0..D).fold(0u64, |p, d| {
            p * span[d] + (i64::from(c[d]) - i64::from(lo[d])) as u64
        })
    };
    let mut bits = vec![0u64; area.div_ceil(64) as usize];
    for c in items.iter().map(&coords) {
        let p = position(&c);
        bits[(p / 64) as usize] |= 1 << (p % 64);
    }
    let count = bits.iter().map(|w| w.count_ones() as usize).sum();
    let mut out = Vec::with_capacity(count);
    for (w, &word) in bits.iter().enumerate() {
        let mut word = word;
        while word != 0 {
            let mut p = w as u64 * 64 + u64::from(word.trailing_zeros());
            word &= word - 1;
            let mut c = [0i32; D];
            for d in (0..D).rev() {
                // Below the span of an i32 range: the sum is an i32 again.
                c[d] = (i64::from(lo[d]) + (p % span[d]) as i64) as i32;
                p /= span[d];
            }
            out.push(make(c));
        }
    }
    Some(out)
}

/// Sorts indices into canonical order without duplicates: on a bitmap of
/// their box where it is small ([`sort_on_bitmap`]), otherwise as numbers
/// that order as `(i, j)` does (each half with its sign bit flipped), a sort
/// of plain integers several times faster than one comparing field by
/// field.
fn sort_indices(items: &mut Vec<Idx>) {
    if let Some(sorted) = sort_on_bitmap(items, |&(i, j)| [i, j], |[i, j]| (i, j)) {
        *items = sorted;
        return;
    }
    const SIGN: u32 = 1 << 31;
    let mut keys: Vec<u64> = items
        .iter()
        .map(|&(i, j)| {
            (u64::from(i.cast_unsigned() ^ SIGN) << 32) | u64::from(j.cast_unsigned() ^ SIGN)
        })
        .collect();
    keys.sort_unstable();
    keys.dedup();
    items.clear();
    items.extend(keys.iter().map(|&k| {
        (
            ((k >> 32) as u32 ^ SIGN).cast_signed(),
            (k as u32 ^ SIGN).cast_signed(),
        )
    }));
}

/// Sorts cells into canonical order without duplicates, as
/// [`sort_indices`] does (on a bitmap of colours, rows and columns where
/// its box is small), with colour, row and column packed in 21 bits
/// each where they fit (every ARC value, and far beyond); by comparison
/// otherwise.
fn sort_cells(items: &mut Vec<Cell>) {
    if let Some(sorted) = sort_on_bitmap(
        items,
        |c| [c.colour, c.i, c.j],
        |[colour, i, j]| Cell { colour, i, j },
    ) {
        *items = sorted;
        return;
    }
    const BITS: u32 = 21;
    const BIAS: i64 = 1 << (BITS - 1);
    const MASK: u64 = (1 << BITS) - 1;
    let fits = |x: i32| (-BIAS..BIAS).contains(&i64::from(x));
    if !items
        .iter()
        .all(|c| fits(c.colour) && fits(c.i) && fits(c.j))
    {
        items.sort_unstable();
        items.dedup();
        return;
    }
    let field = |x: i32| (i64::from(x) + BIAS).cast_unsigned();
    let mut keys: Vec<u64> = items
        .iter()
        .map(|c| field(c.colour) << (2 * BITS) | field(c.i) << BITS | field(c.j))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    // Each field is below 2^21 after the bias: the casts are exact.
    let back = |k: u64| ((k & MASK).cast_signed() - BIAS) as i32;
    items.clear();
    items.extend(keys.iter().map(|&k| Cell {
        colour: back(k >> (2 * BITS)),
        i: back(k >> BITS),
        j: back(k),
    }));
}

impl Cell {
    /// A cell of `colour` at `(i, j)`.
    pub fn new(colour: i32, (i, j): Idx) -> Cell {
        Cell { colour, i, j }
    }

    /// Its index `(i, j)`.
    pub fn idx(self) -> Idx {
        (self.i, self.j)
    }
}

/// A DSL value. See the module documentation for the rules of equality and order.
///
/// `repr(u64)` puts the tag in a word of its own and every payload at an
/// aligned offset: values move (into and out of `Result`s, through every
/// call of a callable) as aligned words instead of byte-shifted copies that
/// defeat store forwarding, which made the 400-program cross product 1.3x
/// faster (PERFORMANCE.md). The size stays 32 bytes.
#[derive(Clone)]
#[repr(u64)]
pub enum Value {
    /// Python's `None`.
    None,
    /// A boolean (numerically 0 or 1, as in Python).
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A 2-tuple of integers.
    Pair(i64, i64),
    /// A grid with at least one row.
    Grid(Grid),
    /// A tuple that is not a pair of integers.
    Tuple(Arc<[Value]>),
    /// A non-empty set of indices, sorted.
    Indices(Arc<[Idx]>),
    /// A non-empty set of cells, sorted.
    Object(Arc<[Cell]>),
    /// Any other set (including the empty set), sorted and deduplicated.
    Set(Arc<[Value]>),
    /// A callable.
    Func(Arc<Func>),
}

/// The broad kind of a value, as Python's `type()` sees containers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// `None`.
    None,
    /// An integer or boolean.
    Number,
    /// A tuple (pairs, grids and rows included).
    Tuple,
    /// A frozenset.
    Set,
    /// A callable.
    Func,
}

thread_local! {
    /// The empty tuple and the empty frozenset, one of each per thread and
    /// shared: `connect` of two cells that do not line up, a filter that
    /// keeps nothing and the DSL's defaults make millions of them in a
    /// cross product, each an allocation of its own otherwise. Sharing
    /// changes no measure: an empty container is counted wherever it is
    /// met ([`Value::check_extent`]).
    static EMPTY: (Value, Value) = (Value::Tuple(Arc::new([])), Value::Set(Arc::new([])));
}

/// True and False as values.
pub const TRUE: Value = Value::Bool(true);
/// False as a value.
pub const FALSE: Value = Value::Bool(false);

impl Value {
    /// The empty tuple `()`.
    pub fn empty_tuple() -> Value {
        EMPTY
            .try_with(|(tuple, _)| tuple.clone())
            .unwrap_or_else(|_| Value::Tuple(Arc::new([])))
    }

    /// The empty frozenset.
    pub fn empty_set() -> Value {
        EMPTY
            .try_with(|(_, set)| set.clone())
            .unwrap_or_else(|_| Value::Set(Arc::new([])))
    }

    /// A tuple of `items`, in canonical form: two numbers make a `Pair`
    /// (booleans read as integers, which Python's equality agrees with).
    pub fn tuple(items: Vec<Value>) -> Value {
        if let [a, b] = &items[..]
            && let (Some(a), Some(b)) = (a.as_int(), b.as_int())
        {
            return Value::Pair(a, b);
        }
        Value::Tuple(items.into())
    }

    /// The 2-tuple `(a, b)` in canonical form, as [`Value::tuple`] makes
    /// it (two numbers, booleans read as integers, make a `Pair`, as
    /// `(True, 0) == (1, 0)` in Python), with one allocation (no vector
    /// first).
    pub fn two(a: Value, b: Value) -> Value {
        match (a.as_int(), b.as_int()) {
            (Some(a), Some(b)) => Value::Pair(a, b),
            _ => Value::Tuple(Arc::from([a, b])),
        }
    }

    /// A grid in canonical form (a grid with no rows is `()`).
    pub fn grid(grid: Grid) -> Value {
        if grid.height() == 0 {
            Value::empty_tuple()
        } else {
            Value::Grid(grid)
        }
    }

    /// A set of `items` in canonical form: sorted, deduplicated, compact
    /// where every element is an index or every element is a cell.
    pub fn set(items: Vec<Value>) -> Value {
        Value::set_from(items, false)
    }

    /// The set of one element, as [`Value::set`] makes it, with one
    /// allocation (no vector first): `initset` on every cell of a grid
    /// makes one per cell.
    pub fn singleton(item: Value) -> Value {
        if let Some(i) = item.as_idx() {
            return Value::Indices(Arc::new([i]));
        }
        if let Some(c) = item.as_cell() {
            return Value::Object(Arc::new([c]));
        }
        Value::Set(Arc::new([item]))
    }

    /// [`Value::set`] of `items` already in canonical order, strictly
    /// increasing (a product of two sets): no order to check.
    pub fn set_in_order(items: Vec<Value>) -> Value {
        debug_assert!(
            items
                .windows(2)
                .all(|w| w[0].total_cmp(&w[1]) == Ordering::Less)
        );
        Value::set_from(items, true)
    }

    /// [`Value::set`], told whether `items` are known to be in order.
    fn set_from(mut items: Vec<Value>, in_order: bool) -> Value {
        if items.is_empty() {
            return Value::empty_set();
        }
        if items.iter().all(|v| v.as_idx().is_some()) {
            return Value::indices(items.iter().filter_map(Value::as_idx).collect());
        }
        if items.iter().all(|v| v.as_cell().is_some()) {
            return Value::object(items.iter().filter_map(Value::as_cell).collect());
        }
        if in_order {
            return Value::Set(items.into());
        }
        // Empty sets (the lines between cells that do not line up, most of
        // a product's) are all one: kept once, put in place after the sort.
        let count = items.len();
        items.retain(|v| !v.is_empty_set());
        let empty = items.len() < count;
        // Filters and maps of a set often keep its order: skip the sort.
        if !items
            .windows(2)
            .all(|w| w[0].total_cmp(&w[1]) == Ordering::Less)
        {
            items.sort_by(Value::total_cmp);
            items.dedup_by(|a, b| a.total_cmp(b) == Ordering::Equal);
        }
        if empty {
            // Before every other set: it is a start of each.
            let at = items.partition_point(|v| v.kind() < Kind::Set);
            items.insert(at, Value::empty_set());
        }
        Value::Set(items.into())
    }

    /// A set of indices (sorted and deduplicated here).
    pub fn indices(mut items: Vec<Idx>) -> Value {
        if items.is_empty() {
            return Value::empty_set();
        }
        // Scans of a grid and shifts produce sorted indices: skip the sort.
        if !items.windows(2).all(|w| w[0] < w[1]) {
            sort_indices(&mut items);
        }
        Value::Indices(items.into())
    }

    /// A set of cells (sorted and deduplicated here).
    pub fn object(mut items: Vec<Cell>) -> Value {
        if items.is_empty() {
            return Value::empty_set();
        }
        if !items.windows(2).all(|w| w[0] < w[1]) {
            sort_cells(&mut items);
        }
        Value::Object(items.into())
    }

    /// A set of cells already in canonical order (ascending, no
    /// duplicates), as primitives that scan a grid produce them: skips the
    /// sort of [`Value::object`].
    pub(crate) fn object_sorted(items: Vec<Cell>) -> Value {
        debug_assert!(items.windows(2).all(|w| w[0] < w[1]), "cells out of order");
        if items.is_empty() {
            return Value::empty_set();
        }
        Value::Object(items.into())
    }

    /// A set of cells given in row-major order (ascending `(i, j)`, as a
    /// scan of a grid gives them): put in canonical order by a stable
    /// bucketing on colour, without a comparison sort.
    pub fn object_from_scan(items: Vec<Cell>) -> Value {
        debug_assert!(
            items.windows(2).all(|w| w[0].idx() < w[1].idx()),
            "cells out of scan order"
        );
        let Some(first) = items.first().map(|c| c.colour) else {
            return Value::empty_set();
        };
        if items.iter().all(|c| c.colour == first) {
            return Value::Object(items.into());
        }
        let mut colours: Vec<i32> = items.iter().map(|c| c.colour).collect();
        colours.sort_unstable();
        colours.dedup();
        let mut buckets: Vec<Vec<Cell>> = vec![Vec::new(); colours.len()];
        for c in items {
            if let Ok(k) = colours.binary_search(&c.colour) {
                buckets[k].push(c);
            }
        }
        Value::Object(buckets.concat().into())
    }

    /// A callable value.
    pub fn func(callable: Callable) -> Value {
        Value::Func(Arc::new(Func::new(callable)))
    }

    /// A boolean value.
    pub fn bool(b: bool) -> Value {
        Value::Bool(b)
    }

    /// The broad kind of the value.
    pub fn kind(&self) -> Kind {
        match self {
            Value::None => Kind::None,
            Value::Bool(_) | Value::Int(_) => Kind::Number,
            Value::Pair(..) | Value::Grid(_) | Value::Tuple(_) => Kind::Tuple,
            Value::Indices(_) | Value::Object(_) | Value::Set(_) => Kind::Set,
            Value::Func(_) => Kind::Func,
        }
    }

    /// The name of the value's type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::None => "None",
            Value::Bool(_) => "Boolean",
            Value::Int(_) => "Integer",
            Value::Pair(..) => "IntegerTuple",
            Value::Grid(_) => "Grid",
            Value::Tuple(_) => "Tuple",
            Value::Indices(_) => "Indices",
            Value::Object(_) => "Object",
            Value::Set(_) => "FrozenSet",
            Value::Func(_) => "Callable",
        }
    }

    /// The integer value of an integer or boolean.
    pub fn as_int(&self) -> Option<i64> {
        match *self {
            Value::Int(n) => Some(n),
            Value::Bool(b) => Some(i64::from(b)),
            _ => None,
        }
    }

    /// The integer value, or a type error naming `what`.
    pub fn int(&self, what: &'static str) -> Result<i64> {
        self.as_int().ok_or(DslError::Type(what))
    }

    /// The value as an index `(i, j)`: a pair of integers that fit `i32`.
    pub fn as_idx(&self) -> Option<Idx> {
        match *self {
            Value::Pair(a, b) => Some((i32::try_from(a).ok()?, i32::try_from(b).ok()?)),
            _ => None,
        }
    }

    /// The value as a cell: `(colour, (i, j))`, or `(i, j, colour)` under
    /// a `batt-2025-11` card (see [`super::dialect::version`]).
    pub fn as_cell(&self) -> Option<Cell> {
        match self {
            Value::Tuple(items) => match &items[..] {
                [c, idx] if !ijc_cells() => {
                    Some(Cell::new(i32::try_from(c.as_int()?).ok()?, idx.as_idx()?))
                }
                [i, j, c] if ijc_cells() => Some(Cell::new(
                    i32::try_from(c.as_int()?).ok()?,
                    (
                        i32::try_from(i.as_int()?).ok()?,
                        i32::try_from(j.as_int()?).ok()?,
                    ),
                )),
                _ => None,
            },
            _ => None,
        }
    }

    /// Python truthiness: `False`, `0`, `None` and empty containers are false.
    pub fn truthy(&self) -> bool {
        match self {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(n) => *n != 0,
            Value::Func(_) | Value::Pair(..) | Value::Grid(_) => true,
            Value::Indices(_) | Value::Object(_) => true,
            Value::Tuple(items) | Value::Set(items) => !items.is_empty(),
        }
    }

    /// `len(value)` for containers (a grid's length is its number of rows).
    pub fn len(&self) -> Option<usize> {
        match self {
            Value::Pair(..) => Some(2),
            Value::Grid(g) => Some(g.height()),
            Value::Tuple(items) | Value::Set(items) => Some(items.len()),
            Value::Indices(items) => Some(items.len()),
            Value::Object(items) => Some(items.len()),
            Value::None | Value::Bool(_) | Value::Int(_) | Value::Func(_) => None,
        }
    }

    /// Whether the value is an empty container (`false` for non-containers).
    pub fn is_empty(&self) -> bool {
        self.len() == Some(0)
    }

    /// Whether the value is the empty set (not the empty tuple).
    pub fn is_empty_set(&self) -> bool {
        matches!(self, Value::Set(items) if items.is_empty())
    }

    /// Element `k` of a container, in iteration order (a grid's elements are
    /// its rows; a set's are in ascending order).
    pub fn get(&self, k: usize) -> Option<Value> {
        match self {
            Value::Pair(a, b) => match k {
                0 => Some(Value::Int(*a)),
                1 => Some(Value::Int(*b)),
                _ => None,
            },
            Value::Grid(g) => g.row(k).map(row_value),
            Value::Tuple(items) | Value::Set(items) => items.get(k).cloned(),
            Value::Indices(items) => items.get(k).map(|&idx| idx_value(idx)),
            Value::Object(items) => items.get(k).map(|&c| cell_value(c)),
            Value::None | Value::Bool(_) | Value::Int(_) | Value::Func(_) => None,
        }
    }

    /// The elements of a container, in iteration order; `None` for
    /// non-containers.
    pub fn items(&self) -> Option<Vec<Value>> {
        let n = self.len()?;
        Some((0..n).filter_map(|k| self.get(k)).collect())
    }

    /// Python's `==`.
    pub fn py_eq(&self, other: &Value) -> bool {
        self.total_cmp(other) == Ordering::Equal
    }

    /// The total order described in the module documentation.
    pub fn total_cmp(&self, other: &Value) -> Ordering {
        cmp_nodes(Node::Val(self), Node::Val(other))
    }
}

/// A row of a grid as a value (a pair when it has two cells).
pub fn row_value(row: &[i8]) -> Value {
    match *row {
        [a, b] => Value::Pair(i64::from(a), i64::from(b)),
        // Made in place, with one allocation (no vector first).
        _ => Value::Tuple(row.iter().map(|&c| Value::Int(i64::from(c))).collect()),
    }
}

/// An index as a value.
pub fn idx_value((i, j): Idx) -> Value {
    Value::Pair(i64::from(i), i64::from(j))
}

/// A cell as a value: `(colour, (i, j))`, or `(i, j, colour)` under a
/// `batt-2025-11` card (see [`super::dialect::version`]).
pub fn cell_value(c: Cell) -> Value {
    cell_tuple(Value::Int(i64::from(c.colour)), c.idx())
}

/// A cell-shaped tuple of any value at `(i, j)`, laid out as cells are on
/// this thread: `(value, (i, j))`, or `(i, j, value)` under a
/// `batt-2025-11` card (a cell when `value` is a colour).
pub fn cell_tuple(value: Value, (i, j): Idx) -> Value {
    // One allocation each (an array, not a vector copied into the `Arc`):
    // a filter or ranking of an object's cells makes one per cell.
    if ijc_cells() {
        Value::Tuple(Arc::new([
            Value::Int(i64::from(i)),
            Value::Int(i64::from(j)),
            value,
        ]))
    } else {
        // Never a pair of numbers: its second element is a pair.
        Value::Tuple(Arc::new([value, idx_value((i, j))]))
    }
}

/// A fast, deterministic hasher for the maps and sets the runtime keeps
/// within one evaluation (distinct outputs, seen elements, measured parts):
/// none is iterated, so only speed matters (the standard SipHash was 5% of
/// a run). The multiply-rotate scheme of rustc's FxHash.
#[derive(Debug, Clone, Copy, Default)]
pub struct FastHasher(u64);

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
        for &b in chunks.remainder() {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

/// Maps and sets hashed with [`FastHasher`].
pub type FastMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<FastHasher>>;
/// A set hashed with [`FastHasher`].
pub type FastSet<K> = std::collections::HashSet<K, std::hash::BuildHasherDefault<FastHasher>>;

/// The children of a container on the stack of [`Value::check_extent`].
enum Children<'a> {
    Items(&'a [Value]),
    Func([Option<&'a Value>; 3]),
}

impl<'a> Children<'a> {
    /// The containers whose elements are visited one by one: tuples, sets
    /// and callables (grids, indices and objects are leaves of known size).
    fn of(v: &'a Value) -> Option<Children<'a>> {
        match v {
            Value::Tuple(items) | Value::Set(items) => Some(Children::Items(items)),
            Value::Func(c) => Some(Children::Func(c.values())),
            _ => None,
        }
    }

    fn get(&self, k: usize) -> Option<&'a Value> {
        match self {
            Children::Items(items) => items.get(k),
            Children::Func(values) => values.get(k).copied().flatten(),
        }
    }
}

/// Containers of at most this many leaves are measured where they are met
/// ([`leaves_bytes`]).
const SHORT: usize = 8;

/// The bytes of `v`, a container with `children`, where it has at most
/// `most` children and all of them are leaves; `None` otherwise. Within a
/// value, `most` is [`SHORT`]: each meeting of such a container costs at
/// most [`SHORT`] steps, so a value is still measured in time proportional
/// to its distinct parts; the value itself is met once, so any length will
/// do for it.
fn leaves_bytes(v: &Value, children: &Children<'_>, most: usize) -> Option<usize> {
    let mut n = own_bytes(v);
    for k in 0..=most {
        let Some(child) = children.get(k) else {
            return Some(n);
        };
        if Children::of(child).is_some() {
            return None;
        }
        n = n.saturating_add(own_bytes(child));
    }
    None
}

/// Whether a container may be met again in a walk of a value: another
/// reference to it is held somewhere. One held by its parent alone (the
/// pairs of a product, each made for it) is met once, and
/// [`Value::check_extent`] need not note its size.
fn shared(v: &Value) -> bool {
    match v {
        Value::Tuple(items) | Value::Set(items) => Arc::strong_count(items) > 1,
        Value::Func(c) => Arc::strong_count(c) > 1,
        _ => true,
    }
}

/// The address that identifies a shared container.
fn address(v: &Value) -> *const () {
    match v {
        Value::Tuple(items) | Value::Set(items) => items.as_ptr().cast(),
        Value::Func(c) => Arc::as_ptr(c).cast(),
        _ => std::ptr::null(),
    }
}

/// The bytes a value takes, its own and those it holds: for a container
/// of values (tuple, set, callable) only its own; its elements are counted
/// one by one.
fn own_bytes(v: &Value) -> usize {
    let value = std::mem::size_of::<Value>();
    value
        + match v {
            Value::None | Value::Bool(_) | Value::Int(_) | Value::Pair(..) => 0,
            Value::Grid(g) => g.cells().len(),
            Value::Indices(items) => std::mem::size_of_val(&items[..]),
            Value::Object(items) => std::mem::size_of_val(&items[..]),
            Value::Tuple(_) | Value::Set(_) => 0,
            Value::Func(_) => std::mem::size_of::<Callable>(),
        }
}

impl Value {
    /// Checks that the value nests at most `max_nesting` levels of tuples,
    /// sets and callables and takes at most `max_bytes` bytes counted as a
    /// tree (a part shared by two containers counts twice: hashing,
    /// comparing and printing visit it twice); returns that count.
    ///
    /// Iterative, and each shared part is measured once, so any value,
    /// however deep or however often it shares its parts, is checked
    /// without recursion and in time proportional to its distinct parts.
    pub fn check_extent(&self, max_nesting: usize, max_bytes: usize) -> Result<usize> {
        let within = |n: usize| {
            if n > max_bytes {
                Err(DslError::TooLarge)
            } else {
                Ok(n)
            }
        };
        let Some(children) = Children::of(self) else {
            return within(own_bytes(self));
        };
        // A flat container of leaves (a tuple of numbers, a set of
        // objects), the commonest large value, in one pass.
        if max_nesting >= 1
            && let Some(n) = leaves_bytes(self, &children, usize::MAX)
        {
            return within(n);
        }
        // Tree sizes of the containers measured so far, by address.
        let mut measured: FastMap<*const (), usize> = FastMap::default();
        // (container, its children, next child, bytes so far)
        let mut stack: Vec<(&Value, Children<'_>, usize, usize)> =
            vec![(self, children, 0, own_bytes(self))];
        loop {
            if stack.len() > max_nesting {
                return Err(DslError::TooDeep);
            }
            let depth = stack.len();
            let Some(top) = stack.last_mut() else {
                return Ok(0);
            };
            if let Some(child) = top.1.get(top.2) {
                top.2 += 1;
                match Children::of(child) {
                    None => top.3 = top.3.saturating_add(own_bytes(child)),
                    // A short container of leaves (a pair of cells, a
                    // tuple of objects) is measured on the spot: as cheap
                    // as looking it up, and it needs no entry.
                    Some(grandchildren)
                        if depth < max_nesting
                            && let Some(n) = leaves_bytes(child, &grandchildren, SHORT) =>
                    {
                        top.3 = top.3.saturating_add(n);
                    }
                    Some(grandchildren) => match shared(child)
                        .then(|| measured.get(&address(child)))
                        .flatten()
                    {
                        Some(&n) => top.3 = top.3.saturating_add(n),
                        None => stack.push((child, grandchildren, 0, own_bytes(child))),
                    },
                }
                if stack.last().is_some_and(|t| t.3 > max_bytes) {
                    return Err(DslError::TooLarge);
                }
                continue;
            }
            let (done, _, _, n) = stack.pop().unwrap_or((self, Children::Items(&[]), 0, 0));
            match stack.last_mut() {
                Some(parent) => {
                    if shared(done) {
                        measured.insert(address(done), n);
                    }
                    parent.3 = parent.3.saturating_add(n);
                    if parent.3 > max_bytes {
                        return Err(DslError::TooLarge);
                    }
                }
                None => return Ok(n),
            }
        }
    }

    /// [`Value::check_extent`] with the limits of a lane
    /// ([`super::error::MAX_NESTING`], [`super::error::MAX_VALUE_BYTES`]).
    pub fn within_limits(&self) -> Result<usize> {
        self.check_extent(super::error::MAX_NESTING, super::error::MAX_VALUE_BYTES)
    }
}

/// A view of a value or a part of one, for comparing and hashing through
/// representations without building intermediate values.
#[derive(Clone, Copy)]
enum Node<'a> {
    Num(i64),
    Val(&'a Value),
    Row(&'a [i8]),
    Idx(Idx),
    Cell(Cell),
}

impl<'a> Node<'a> {
    fn kind(self) -> Kind {
        match self {
            Node::Num(_) => Kind::Number,
            Node::Val(v) => v.kind(),
            Node::Row(_) | Node::Idx(_) | Node::Cell(_) => Kind::Tuple,
        }
    }

    fn num(self) -> Option<i64> {
        match self {
            Node::Num(n) => Some(n),
            Node::Val(v) => v.as_int(),
            _ => None,
        }
    }

    /// Length of a tuple or set node.
    fn len(self) -> usize {
        match self {
            Node::Val(v) => v.len().unwrap_or(0),
            Node::Row(r) => r.len(),
            Node::Idx(_) => 2,
            Node::Cell(_) => {
                if ijc_cells() {
                    3
                } else {
                    2
                }
            }
            Node::Num(_) => 0,
        }
    }

    /// Element `k` of a tuple or set node.
    fn child(self, k: usize) -> Node<'a> {
        match self {
            Node::Val(v) => match v {
                Value::Pair(a, b) => Node::Num(if k == 0 { *a } else { *b }),
                Value::Grid(g) => Node::Row(g.row(k).unwrap_or(&[])),
                Value::Tuple(items) | Value::Set(items) => Node::Val(&items[k]),
                Value::Indices(items) => Node::Idx(items[k]),
                Value::Object(items) => Node::Cell(items[k]),
                _ => Node::Num(0),
            },
            Node::Row(r) => Node::Num(i64::from(r[k])),
            Node::Idx((i, j)) => Node::Num(i64::from(if k == 0 { i } else { j })),
            Node::Cell(c) if ijc_cells() => Node::Num(i64::from(match k {
                0 => c.i,
                1 => c.j,
                _ => c.colour,
            })),
            Node::Cell(c) => {
                if k == 0 {
                    Node::Num(i64::from(c.colour))
                } else {
                    Node::Idx(c.idx())
                }
            }
            Node::Num(_) => Node::Num(0),
        }
    }
}

fn cmp_nodes(a: Node<'_>, b: Node<'_>) -> Ordering {
    // Fast paths for same representations.
    match (a, b) {
        (Node::Val(Value::Grid(x)), Node::Val(Value::Grid(y))) => return cmp_grids(x, y),
        (Node::Val(Value::Indices(x)), Node::Val(Value::Indices(y))) => {
            if Arc::ptr_eq(x, y) {
                return Ordering::Equal;
            }
            return cmp_sorted(x, y);
        }
        (Node::Val(Value::Object(x)), Node::Val(Value::Object(y))) => {
            if Arc::ptr_eq(x, y) {
                return Ordering::Equal;
            }
            return cmp_sorted(x, y);
        }
        (Node::Val(Value::Func(x)), Node::Val(Value::Func(y))) => return x.cmp(y),
        (Node::Row(x), Node::Row(y)) => return x.cmp(y),
        (Node::Idx(x), Node::Idx(y)) => return x.cmp(&y),
        (Node::Cell(x), Node::Cell(y)) => return x.cmp(&y),
        _ => {}
    }
    let (ka, kb) = (a.kind(), b.kind());
    if ka != kb {
        return ka.cmp(&kb);
    }
    match ka {
        Kind::None => Ordering::Equal,
        Kind::Number => a.num().cmp(&b.num()),
        Kind::Tuple | Kind::Set => {
            let (n, m) = (a.len(), b.len());
            for k in 0..n.min(m) {
                let c = cmp_nodes(a.child(k), b.child(k));
                if c != Ordering::Equal {
                    return c;
                }
            }
            n.cmp(&m)
        }
        // Two callables are always two `Val`s, handled above.
        Kind::Func => Ordering::Equal,
    }
}

fn cmp_slices<T>(x: &[T], y: &[T], f: impl Fn(&T, &T) -> Ordering) -> Ordering {
    for (p, q) in x.iter().zip(y) {
        let c = f(p, q);
        if c != Ordering::Equal {
            return c;
        }
    }
    x.len().cmp(&y.len())
}

/// The order of two slices of plain elements (positions, cells): the
/// first element that differs, found by equality alone (one comparison of
/// whole words per element, where the order's field-by-field comparison
/// branches per field), decides; else the shorter comes first. Sorting the
/// merged objects of a step compares long common prefixes.
fn cmp_sorted<T: Copy + Ord>(x: &[T], y: &[T]) -> Ordering {
    match x.iter().zip(y).position(|(p, q)| p != q) {
        Some(k) => x[k].cmp(&y[k]),
        None => x.len().cmp(&y.len()),
    }
}

fn cmp_grids(x: &Grid, y: &Grid) -> Ordering {
    if x.width() == y.width() {
        // Equal widths: row-by-row comparison is the comparison of the cells.
        return x.cells().cmp(y.cells()).then(x.height().cmp(&y.height()));
    }
    cmp_slices(
        &x.rows().collect::<Vec<_>>(),
        &y.rows().collect::<Vec<_>>(),
        |p, q| p.cmp(q),
    )
}

/// Writes `values` to `state` eight to a word (the count is written before).
fn write_bytes<H: Hasher>(state: &mut H, values: impl Iterator<Item = i8>) {
    let (mut word, mut k) = (0u64, 0);
    for v in values {
        word |= u64::from(v.cast_unsigned()) << (8 * k);
        k += 1;
        if k == 8 {
            state.write_u64(word);
            (word, k) = (0, 0);
        }
    }
    if k > 0 {
        state.write_u64(word);
    }
}

fn hash_node<H: Hasher>(node: Node<'_>, state: &mut H) {
    match node.kind() {
        Kind::None => state.write_u8(0),
        Kind::Number => {
            state.write_u8(1);
            state.write_i64(node.num().unwrap_or(0));
        }
        Kind::Tuple | Kind::Set => {
            state.write_u8(if node.kind() == Kind::Tuple { 2 } else { 3 });
            let n = node.len();
            state.write_usize(n);
            // Rows, and any tuple or set of numbers that fit a byte (a row
            // given as a tuple, a pair of small numbers), are hashed eight
            // numbers to a word: hashing a grid number by number was most
            // of the cost of finding a sample's distinct outputs.
            if let Node::Row(r) = node {
                write_bytes(state, r.iter().copied());
                return;
            }
            let byte = |k: usize| node.child(k).num().and_then(|x| i8::try_from(x).ok());
            if (0..n).all(|k| byte(k).is_some()) {
                write_bytes(state, (0..n).filter_map(byte));
                return;
            }
            for k in 0..n {
                hash_node(node.child(k), state);
            }
        }
        Kind::Func => {
            state.write_u8(4);
            if let Node::Val(Value::Func(f)) = node {
                f.hash(state);
            }
        }
    }
}

impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        self.py_eq(other)
    }
}

impl Eq for Value {}

impl PartialOrd for Value {
    fn partial_cmp(&self, other: &Value) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Value {
    fn cmp(&self, other: &Value) -> Ordering {
        self.total_cmp(other)
    }
}

impl Hash for Value {
    fn hash<H: Hasher>(&self, state: &mut H) {
        hash_node(Node::Val(self), state);
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Int(n)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<Grid> for Value {
    fn from(g: Grid) -> Value {
        Value::grid(g)
    }
}

impl From<(i64, i64)> for Value {
    fn from((a, b): (i64, i64)) -> Value {
        Value::Pair(a, b)
    }
}

fn write_tuple(
    f: &mut fmt::Formatter<'_>,
    n: usize,
    mut item: impl FnMut(&mut fmt::Formatter<'_>, usize) -> fmt::Result,
) -> fmt::Result {
    f.write_str("(")?;
    for k in 0..n {
        if k > 0 {
            f.write_str(", ")?;
        }
        item(f, k)?;
    }
    if n == 1 {
        f.write_str(",")?;
    }
    f.write_str(")")
}

fn write_set(
    f: &mut fmt::Formatter<'_>,
    n: usize,
    mut item: impl FnMut(&mut fmt::Formatter<'_>, usize) -> fmt::Result,
) -> fmt::Result {
    if n == 0 {
        return f.write_str("frozenset()");
    }
    f.write_str("frozenset({")?;
    for k in 0..n {
        if k > 0 {
            f.write_str(", ")?;
        }
        item(f, k)?;
    }
    f.write_str("})")
}

impl fmt::Display for Value {
    /// Python's `repr`, with sets in canonical order.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::None => f.write_str("None"),
            Value::Bool(true) => f.write_str("True"),
            Value::Bool(false) => f.write_str("False"),
            Value::Int(n) => write!(f, "{n}"),
            Value::Pair(a, b) => write!(f, "({a}, {b})"),
            Value::Grid(g) => write_tuple(f, g.height(), |f, i| {
                let row = g.row(i).unwrap_or(&[]);
                write_tuple(f, row.len(), |f, j| write!(f, "{}", row[j]))
            }),
            Value::Tuple(items) => write_tuple(f, items.len(), |f, k| write!(f, "{}", items[k])),
            Value::Set(items) => write_set(f, items.len(), |f, k| write!(f, "{}", items[k])),
            Value::Indices(items) => write_set(f, items.len(), |f, k| {
                write!(f, "({}, {})", items[k].0, items[k].1)
            }),
            Value::Object(items) => write_set(f, items.len(), |f, k| {
                let c = items[k];
                if ijc_cells() {
                    write!(f, "({}, {}, {})", c.i, c.j, c.colour)
                } else {
                    write!(f, "({}, ({}, {}))", c.colour, c.i, c.j)
                }
            }),
            Value::Func(c) => write!(f, "{c}"),
        }
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::hash_map::DefaultHasher;

    use super::*;

    proptest::proptest! {
        /// Sorting by packed keys orders and deduplicates as the derived
        /// order does, for ARC's small values and for any `i32` (cells
        /// past 21 bits take the comparison sort).
        #[test]
        fn packed_sorts_order_as_the_fields_do(
            small in proptest::collection::vec((-3i32..12, -2i32..31, -2i32..31), 0..200),
            any in proptest::collection::vec(
                (proptest::num::i32::ANY, proptest::num::i32::ANY, proptest::num::i32::ANY),
                0..40,
            ),
            wide in proptest::collection::vec((-(1i32 << 20)..(1 << 20), proptest::num::i32::ANY), 0..40),
        ) {
            for set in [&small, &any] {
                let mut cells: Vec<Cell> = set.iter().map(|&(c, i, j)| Cell { colour: c, i, j }).collect();
                let mut want = cells.clone();
                want.sort();
                want.dedup();
                sort_cells(&mut cells);
                proptest::prop_assert_eq!(&cells, &want);
                let mut idx: Vec<Idx> = set.iter().map(|&(_, i, j)| (i, j)).collect();
                let mut want = idx.clone();
                want.sort();
                want.dedup();
                sort_indices(&mut idx);
                proptest::prop_assert_eq!(idx, want);
            }
            // Within 21 bits but at both ends of the range.
            let mut cells: Vec<Cell> = wide
                .iter()
                .map(|&(c, i)| Cell { colour: c, i: c.wrapping_neg() % (1 << 20), j: i % (1 << 20) })
                .collect();
            let mut want = cells.clone();
            want.sort();
            want.dedup();
            sort_cells(&mut cells);
            proptest::prop_assert_eq!(cells, want);
        }

        /// Many coordinates on a small box, anywhere in the `i32` range
        /// (the box's corner at `base`), are put in order on the bitmap,
        /// and the order and deduplication are the derived order's.
        #[test]
        fn bitmap_sorts_order_as_the_fields_do(
            set in proptest::collection::vec((0i32..10, 0i32..30, 0i32..30), 64..700),
            base in (proptest::num::i32::ANY, proptest::num::i32::ANY, proptest::num::i32::ANY),
        ) {
            // The corner moved so that the box stays within `i32`.
            let corner = |b: i32, span: i32| b.min(i32::MAX - span);
            let (c0, i0, j0) = (corner(base.0, 10), corner(base.1, 30), corner(base.2, 30));
            let cells: Vec<Cell> = set
                .iter()
                .map(|&(c, i, j)| Cell { colour: c0 + c, i: i0 + i, j: j0 + j })
                .collect();
            let mut want = cells.clone();
            want.sort();
            want.dedup();
            let on_bitmap = |cells: &[Cell]| {
                sort_on_bitmap(cells, |c| [c.colour, c.i, c.j], |[colour, i, j]| Cell { colour, i, j })
            };
            // 9,000 bits at most: on the bitmap from 282 cells.
            if set.len() * 32 >= 10 * 30 * 30 {
                proptest::prop_assert_eq!(on_bitmap(&cells), Some(want.clone()));
            }
            let mut sorted = cells.clone();
            sort_cells(&mut sorted);
            proptest::prop_assert_eq!(sorted, want);
            let idx: Vec<Idx> = cells.iter().map(|c| (c.i, c.j)).collect();
            let mut want: Vec<Idx> = idx.clone();
            want.sort();
            want.dedup();
            let on_bitmap = sort_on_bitmap(&idx, |&(i, j)| [i, j], |[i, j]| (i, j));
            proptest::prop_assert_eq!(on_bitmap, Some(want.clone()));
            let mut sorted = idx;
            sort_indices(&mut sorted);
            proptest::prop_assert_eq!(sorted, want);
        }
    }

    #[test]
    fn the_bitmap_sorts_sets_of_one_row_column_or_colour() {
        // Spans of one and of one more than a power of two, in each
        // coordinate.
        let shapes: [&dyn Fn(i32) -> Cell; 5] = [
            &|k| Cell {
                colour: k % 7,
                i: 4,
                j: (k * 5) % 33,
            },
            &|k| Cell {
                colour: k % 3,
                i: (k * 7) % 17,
                j: -9,
            },
            &|k| Cell {
                colour: 2,
                i: (k * 3) % 5,
                j: (k * 11) % 29,
            },
            &|k| Cell {
                colour: -1,
                i: i32::MAX,
                j: i32::MIN + k % 64,
            },
            &|k| Cell {
                colour: k % 2,
                i: (k * 13) % 9,
                j: (k * 7) % 65,
            },
        ];
        for shape in shapes {
            let cells: Vec<Cell> = (0..300).map(shape).collect();
            let mut want = cells.clone();
            want.sort();
            want.dedup();
            let sorted = sort_on_bitmap(
                &cells,
                |c| [c.colour, c.i, c.j],
                |[colour, i, j]| Cell { colour, i, j },
            );
            assert_eq!(sorted, Some(want.clone()), "{:?}", &cells[..3]);
            let idx: Vec<Idx> = cells.iter().map(|c| c.idx()).collect();
            let mut want: Vec<Idx> = idx.clone();
            want.sort();
            want.dedup();
            assert_eq!(
                sort_on_bitmap(&idx, |&(i, j)| [i, j], |[i, j]| (i, j)),
                Some(want)
            );
        }
    }

    #[test]
    fn sorted_slices_compare_as_their_elements_do() {
        let c = |colour, i, j| Cell { colour, i, j };
        let slices: Vec<Vec<Cell>> = vec![
            vec![],
            vec![c(0, 0, 0)],
            vec![c(0, 0, 0), c(0, 0, 1)],
            vec![c(0, 0, 0), c(0, 1, 0)],
            vec![c(0, 0, 0), c(1, 0, 0)],
            vec![c(0, 0, 0), c(0, 0, 1), c(0, 0, 2)],
            vec![c(0, 0, 0), c(0, 0, -1)],
            vec![c(-1, 5, 5)],
            vec![c(0, -3, 7), c(2, 0, 0)],
        ];
        for x in &slices {
            for y in &slices {
                assert_eq!(cmp_sorted(x, y), x.cmp(y), "{x:?} against {y:?}");
                let (p, q): (Vec<Idx>, Vec<Idx>) = (
                    x.iter().map(|c| c.idx()).collect(),
                    y.iter().map(|c| c.idx()).collect(),
                );
                assert_eq!(cmp_sorted(&p, &q), p.cmp(&q), "{p:?} against {q:?}");
            }
        }
    }

    #[test]
    fn a_row_is_the_tuple_of_its_colours() {
        for row in [&[][..], &[3], &[1, 2], &[-1, 0, 9], &[4, 4, 4, 4]] {
            let made = row_value(row);
            let tuple = Value::tuple(row.iter().map(|&c| Value::Int(i64::from(c))).collect());
            assert_eq!(
                std::mem::discriminant(&made),
                std::mem::discriminant(&tuple)
            );
            assert_eq!(format!("{made:?}"), format!("{tuple:?}"));
            assert_eq!(made, tuple);
        }
    }

    #[test]
    fn shared_empty_containers_measure_as_distinct_ones() {
        // The empty set and tuple are one value per thread; a value holding
        // many measures as it did with one allocation for each.
        let own = |shared: bool| {
            if shared {
                (Value::empty_set(), Value::empty_tuple())
            } else {
                (Value::Set(Arc::new([])), Value::Tuple(Arc::new([])))
            }
        };
        let build = |shared: bool| {
            let row = |k: usize| {
                Value::tuple(
                    (0..k)
                        .map(|n| {
                            let (set, tuple) = own(shared);
                            if n % 2 == 0 { set } else { tuple }
                        })
                        .collect(),
                )
            };
            let nested = Value::tuple((1..12).map(row).collect());
            Value::tuple(vec![nested.clone(), row(40), nested])
        };
        let (shared, distinct) = (build(true), build(false));
        assert_eq!(shared, distinct);
        for nesting in 0..5 {
            for bytes in [100, 5_000, 20_000, 1 << 20] {
                assert_eq!(
                    shared.check_extent(nesting, bytes),
                    distinct.check_extent(nesting, bytes),
                    "nesting {nesting}, bytes {bytes}"
                );
            }
        }
        assert!(matches!(shared.check_extent(4, 1 << 20), Ok(n) if n > 0));
    }

    #[test]
    fn a_singleton_is_the_set_of_its_one_element() {
        use crate::dsl::dialect::version::{Version, enter};
        let cell = |c: i64, i: i64, j: i64| Value::two(Value::Int(c), Value::Pair(i, j));
        let ijc = |i: i64, j: i64, c: i64| {
            Value::tuple(vec![Value::Int(i), Value::Int(j), Value::Int(c)])
        };
        let items = [
            Value::Pair(1, 2),
            Value::Pair(-3, 1 << 40),
            cell(4, 0, 1),
            ijc(0, 1, 4),
            Value::Int(3),
            Value::Bool(true),
            Value::None,
            Value::empty_set(),
            Value::empty_tuple(),
            Value::set(vec![Value::Int(1), Value::Int(2)]),
            Value::indices(vec![(0, 0), (1, 1)]),
        ];
        for version in [Version::Batt2025_07, Version::Batt2025_11] {
            let _entered = enter(version);
            for item in &items {
                let one = Value::singleton(item.clone());
                let set = Value::set(vec![item.clone()]);
                assert_eq!(one, set, "{item} under {version:?}");
                // The same form: kind and layout.
                assert_eq!(std::mem::discriminant(&one), std::mem::discriminant(&set));
                assert_eq!(format!("{one:?}"), format!("{set:?}"));
            }
        }
    }

    #[test]
    fn the_bitmap_is_left_for_few_coordinates_or_a_large_box() {
        let row = |n: i32, step: i32| -> Vec<Idx> { (0..n).map(|k| (0, k * step)).collect() };
        let on_bitmap = |idx: &[Idx]| sort_on_bitmap(idx, |&(i, j)| [i, j], |[i, j]| (i, j));
        // 64 indices spaced 32 apart span 2,017 columns: just within.
        assert_eq!(on_bitmap(&row(64, 32)), Some(row(64, 32)));
        assert_eq!(on_bitmap(&row(64, 33)), None);
        assert_eq!(on_bitmap(&row(63, 1)), None);
        // A box whose area overflows 64 bits.
        let mut far = row(100, 1);
        far.push((i32::MIN, i32::MIN));
        far.push((i32::MAX, i32::MAX));
        assert_eq!(on_bitmap(&far), None);
    }

    fn hash(v: &Value) -> u64 {
        let mut h = DefaultHasher::new();
        v.hash(&mut h);
        h.finish()
    }

    fn grid(rows: &[&[i8]]) -> Value {
        Value::grid(Grid::from_rows(rows).unwrap())
    }

    fn ints(xs: &[i64]) -> Value {
        Value::tuple(xs.iter().map(|&x| Value::Int(x)).collect())
    }

    #[test]
    fn a_grid_equals_the_tuple_of_its_rows() {
        let g = grid(&[&[1, 2], &[3, 4]]);
        let t = Value::tuple(vec![ints(&[1, 2]), ints(&[3, 4])]);
        assert!(matches!(t, Value::Tuple(_)));
        assert_eq!(g, t);
        assert_eq!(hash(&g), hash(&t));
        let g3 = grid(&[&[1, 2, 3]]);
        let t3 = Value::tuple(vec![ints(&[1, 2, 3])]);
        assert_eq!(g3, t3);
        assert_eq!(hash(&g3), hash(&t3));
        assert_ne!(g, g3);
        // Rows past one word of the hash, negative numbers, and booleans
        // standing for numbers in a tuple given as a row.
        let wide: Vec<i8> = (0..11).map(|k| k - 3).collect();
        let g11 = grid(&[&wide, &wide]);
        let mut row: Vec<Value> = wide.iter().map(|&c| Value::Int(i64::from(c))).collect();
        row[3] = Value::Bool(false);
        row[4] = Value::Bool(true);
        let t11 = Value::tuple(vec![Value::tuple(row.clone()), Value::tuple(row)]);
        assert_eq!(g11, t11);
        assert_eq!(hash(&g11), hash(&t11));
        let mut other = wide.clone();
        other[10] = 0;
        assert_ne!(hash(&g11), hash(&grid(&[&wide, &other])));
        assert_eq!(
            Value::grid(Grid::from_rows::<Vec<i8>>(&[]).unwrap()),
            Value::empty_tuple()
        );
    }

    #[test]
    fn a_tuple_never_equals_a_set() {
        assert_ne!(Value::empty_tuple(), Value::empty_set());
        let pair = Value::Pair(1, 2);
        let set = Value::set(vec![Value::Int(1), Value::Int(2)]);
        assert_ne!(pair, set);
        assert_eq!(pair.kind(), Kind::Tuple);
        assert_eq!(set.kind(), Kind::Set);
    }

    #[test]
    fn booleans_are_numbers() {
        assert_eq!(Value::Bool(true), Value::Int(1));
        assert_eq!(hash(&Value::Bool(false)), hash(&Value::Int(0)));
        let s = Value::set(vec![Value::Int(1), Value::Bool(true), Value::Int(0)]);
        assert_eq!(s.len(), Some(2));
    }

    #[test]
    fn a_set_holding_empty_sets_holds_one_in_its_place() {
        let empty = Value::empty_set;
        let line = |cells: &[Idx]| Value::indices(cells.to_vec());
        let f = Value::func(super::super::callable::Callable::Prim(
            super::super::Prim::from_name("size").unwrap(),
        ));
        let mixes = [
            vec![empty(), empty(), empty()],
            vec![line(&[(0, 1)]), empty(), line(&[(0, 0), (0, 1)]), empty()],
            vec![
                f.clone(),
                empty(),
                Value::Int(3),
                ints(&[]),
                empty(),
                Value::Pair(1, 2),
            ],
            vec![
                empty(),
                Value::set(vec![empty()]),
                Value::None,
                f,
                line(&[(4, 4)]),
            ],
        ];
        for items in mixes {
            // The canonical order: every element sorted, repeats dropped.
            let mut sorted = items.clone();
            sorted.sort_by(Value::total_cmp);
            sorted.dedup_by(|a, b| a.total_cmp(b) == Ordering::Equal);
            let set = Value::set(items);
            let Value::Set(got) = &set else {
                panic!("{set:?}")
            };
            assert_eq!(got.len(), sorted.len(), "{set}");
            for (g, s) in got.iter().zip(&sorted) {
                assert_eq!(g.total_cmp(s), Ordering::Equal, "{set}");
            }
        }
    }

    #[test]
    fn sets_are_canonical() {
        let s = Value::set(vec![
            Value::Pair(2, 0),
            Value::Pair(0, 5),
            Value::Pair(2, 0),
        ]);
        let Value::Indices(items) = &s else {
            panic!("{s:?}")
        };
        assert_eq!(&items[..], &[(0, 5), (2, 0)]);
        let cells = Value::set(vec![
            cell_value(Cell::new(3, (0, 0))),
            cell_value(Cell::new(1, (5, 5))),
        ]);
        let Value::Object(items) = &cells else {
            panic!("{cells:?}")
        };
        assert_eq!(items[0], Cell::new(1, (5, 5)));
        assert!(matches!(Value::set(vec![]), Value::Set(_)));
        assert!(matches!(Value::indices(vec![]), Value::Set(_)));
        assert_eq!(Value::indices(vec![]), Value::object(vec![]));
        let mixed = Value::set(vec![Value::Int(3), Value::Pair(0, 0), Value::Int(-1)]);
        assert_eq!(mixed.to_string(), "frozenset({-1, 3, (0, 0)})");
    }

    #[test]
    fn scanned_cells_land_in_canonical_order() {
        let scan = vec![
            Cell::new(5, (0, 0)),
            Cell::new(2, (0, 1)),
            Cell::new(5, (1, 0)),
            Cell::new(2, (1, 1)),
        ];
        let mut sorted = scan.clone();
        sorted.sort();
        let Value::Object(cells) = Value::object_from_scan(scan) else {
            panic!()
        };
        assert_eq!(&cells[..], &sorted[..]);
        assert_eq!(Value::object_from_scan(vec![]), Value::empty_set());
    }

    #[test]
    fn cells_and_indices_read_back_as_tuples() {
        let obj = Value::object(vec![Cell::new(4, (1, 2))]);
        let cell = obj.get(0).unwrap();
        assert_eq!(cell, Value::tuple(vec![Value::Int(4), Value::Pair(1, 2)]));
        assert_eq!(cell.as_cell(), Some(Cell::new(4, (1, 2))));
        assert_eq!(obj.to_string(), "frozenset({(4, (1, 2))})");
        let g = grid(&[&[7, 8]]);
        assert_eq!(g.get(0), Some(Value::Pair(7, 8)));
    }

    #[test]
    fn order_is_pythons_tuple_order() {
        let mut vs = [
            ints(&[1, 2, 3]),
            ints(&[1, 2]),
            ints(&[0, 9, 9]),
            Value::Int(5),
            Value::empty_set(),
            Value::None,
        ];
        vs.sort();
        let shown: Vec<String> = vs.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "None",
                "5",
                "(0, 9, 9)",
                "(1, 2)",
                "(1, 2, 3)",
                "frozenset()"
            ]
        );
        // Grids of different widths compare row by row.
        assert!(grid(&[&[1, 2, 3]]) < grid(&[&[1, 3]]));
        assert!(grid(&[&[1, 2]]) < grid(&[&[1, 2], &[0, 0]]));
        assert!(grid(&[&[1, 2], &[0, 0]]) < grid(&[&[1, 2, 0]]));
    }

    #[test]
    fn repr_is_pythons() {
        assert_eq!(grid(&[&[1], &[2]]).to_string(), "((1,), (2,))");
        assert_eq!(Value::tuple(vec![Value::Int(1)]).to_string(), "(1,)");
        assert_eq!(Value::empty_set().to_string(), "frozenset()");
        assert_eq!(Value::Bool(true).to_string(), "True");
    }

    #[test]
    fn truthiness() {
        assert!(!Value::empty_tuple().truthy());
        assert!(!Value::Int(0).truthy());
        assert!(Value::Pair(0, 0).truthy());
        assert!(!Value::None.truthy());
    }

    /// `levels` triples nested in each other around 0: `((0, 1, 2), 1, 2)`
    /// for two levels.
    fn nested(levels: usize) -> Value {
        (0..levels).fold(Value::Int(0), |v, _| {
            Value::tuple(vec![v, Value::Int(1), Value::Int(2)])
        })
    }

    #[test]
    fn the_extent_of_a_value_counts_its_bytes_and_nesting() {
        let size = std::mem::size_of::<Value>();
        assert_eq!(Value::Int(3).check_extent(1, 1000), Ok(size));
        assert_eq!(
            grid(&[&[1, 2], &[3, 4]]).check_extent(1, 1000),
            Ok(size + 4)
        );
        // A tuple of two numbers is a pair; of three, a container of three.
        let three = ints(&[1, 2, 3]);
        assert_eq!(three.check_extent(1, 1000), Ok(4 * size));
        // Three containers and seven numbers.
        assert_eq!(nested(3).check_extent(3, 10_000), Ok(10 * size));
        assert_eq!(nested(3).check_extent(2, 10_000), Err(DslError::TooDeep));
        assert_eq!(three.check_extent(1, 4 * size - 1), Err(DslError::TooLarge));
        assert_eq!(three.check_extent(0, 1000), Err(DslError::TooDeep));
        // Flat containers of many leaves: numbers, and grids beside them.
        let long = ints(&[7; 100]);
        assert_eq!(long.check_extent(1, 10_000), Ok(101 * size));
        assert_eq!(
            long.check_extent(1, 101 * size - 1),
            Err(DslError::TooLarge)
        );
        let grids = Value::tuple(vec![grid(&[&[1, 2], &[3, 4]]); 20]);
        assert_eq!(grids.check_extent(1, 10_000), Ok(size + 20 * (size + 4)));
        // A long tuple with a container last is measured in full.
        let mut items = vec![Value::Int(1); 20];
        items.push(three.clone());
        let mixed = Value::tuple(items);
        assert_eq!(mixed.check_extent(2, 10_000), Ok(25 * size));
        assert_eq!(mixed.check_extent(1, 10_000), Err(DslError::TooDeep));
    }

    #[test]
    fn nesting_past_the_limit_is_refused_without_recursion() {
        // Measured iteratively: far deeper than the limit (and than a
        // recursive walk would survive on a small stack), on a thread with
        // a 64 KiB stack. The value is leaked, since dropping it would
        // recurse: lanes never hold such values, the limit refuses them.
        let deep = nested(200_000);
        let verdict = std::thread::Builder::new()
            .stack_size(64 * 1024)
            .spawn(move || {
                let verdict = deep.within_limits();
                std::mem::forget(deep);
                verdict
            })
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(verdict, Err(DslError::TooDeep));
        assert!(
            nested(super::super::error::MAX_NESTING - 1)
                .within_limits()
                .is_ok()
        );
    }

    #[test]
    fn a_value_sharing_its_parts_is_measured_once_per_part_and_counted_as_a_tree() {
        // x = (x, x) sixty times: 60 distinct parts, 2^60 as a tree.
        let doubled = (0..60).fold(Value::Int(0), |x, _| Value::tuple(vec![x.clone(), x]));
        let start = std::time::Instant::now();
        assert_eq!(
            doubled.check_extent(100, usize::MAX / 2),
            Err(DslError::TooLarge)
        );
        assert_eq!(doubled.within_limits(), Err(DslError::TooLarge));
        let small = (0..4).fold(Value::Int(0), |x, _| Value::tuple(vec![x.clone(), x]));
        let size = std::mem::size_of::<Value>();
        // (0, 0) is a pair, a leaf; then 1 + 2 * 1, 1 + 2 * 3, 1 + 2 * 7.
        assert_eq!(small.check_extent(10, usize::MAX), Ok(15 * size));
        // Containers held once (each made for its parent) and one held
        // twice, each of ten numbers: every one counted where it stands.
        let ten = || ints(&[5; 10]);
        let shared = ten();
        let mut parts: Vec<Value> = (0..20)
            .map(|_| Value::tuple(vec![ten(), Value::Int(1)]))
            .collect();
        parts.push(shared.clone());
        parts.push(Value::tuple(vec![shared.clone(), shared]));
        let mixed = Value::tuple(parts);
        // The outer tuple; 20 x (a pair-less tuple, its ten, a number);
        // the shared ten three times, once inside a tuple.
        let expected = 1 + 20 * (1 + 11 + 1) + 3 * 11 + 1;
        assert_eq!(mixed.check_extent(3, usize::MAX), Ok(expected * size));
        assert!(
            start.elapsed() < std::time::Duration::from_secs(5),
            "not exponential"
        );
    }

    #[test]
    fn a_value_takes_four_words() {
        assert_eq!(std::mem::size_of::<Value>(), 32);
        assert_eq!(
            std::mem::size_of::<Result<Value>>(),
            32,
            "errors use the tag's niche"
        );
    }
}

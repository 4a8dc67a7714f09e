//! The dialect's typed variants of reference primitives: `_t` for tuples
//! and grids, `_f` for frozensets and any patch, `_i` for indices, `_o` for
//! objects (and `f_ofcolor`).
//!
//! Most mean exactly what the polymorphic primitive means and are thin
//! calls of it. The others follow the dialect's code where it differs:
//! `first_t` of an empty tuple is `None`, `mfilter_t` does not merge,
//! `apply_t` always builds a tuple, `upscale_f` by a factor below one is the
//! empty set, ...; each says so on its doc comment.
//!
//! The dialect's cells are `(i, j, c)` triples where batt's are
//! `(c, (i, j))`; its code is read with batt's cells in their place. So the
//! `_i` primitives that unpack every element as a pair `(i, j)` fail on an
//! object, and the `_o` ones that unpack triples fail on indices, as the
//! dialect's do (the exceptions, such as `ulcorner_i` of an object or
//! `cmirror_i`, say so). Where the dialect's result depends on its
//! triple layout, batt's is an error: a grid `_t` primitive given a
//! non-empty set (the dialect would read the set's triples as rows), an
//! object primitive given a tuple of 3-tuples such as a grid of width 3
//! (the dialect would read its rows as cells). Where the dialect defines a
//! name twice, the later definition (the one Python keeps) is followed.

use std::borrow::Cow;
use std::slice;

use super::version::since_2025_11;
use crate::dsl::error::{Ctx, DslError, Result};
use crate::dsl::shape::{self, Patch};
use crate::dsl::value::{Cell, Kind, Value};
use crate::dsl::{PrimDef, callable, containers, grids, patches};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// Defines a typed variant that means what a reference primitive means:
/// the doc comment, then `name => primitive, arity`.
macro_rules! alias {
    ($(#[$doc:meta])+ $name:ident => $target:path, 1) => {
        $(#[$doc])+
        pub fn $name(ctx: &mut Ctx, a: &Value) -> Result<Value> {
            $target(ctx, a)
        }
    };
    ($(#[$doc:meta])+ $name:ident => $target:path, 2) => {
        $(#[$doc])+
        pub fn $name(ctx: &mut Ctx, a: &Value, b: &Value) -> Result<Value> {
            $target(ctx, a, b)
        }
    };
}

/// Python's `len(v)`.
fn len_of(v: &Value) -> Result<usize> {
    v.len().ok_or(DslError::Type("object has no len()"))
}

/// A length or count as a DSL integer.
fn count(n: usize) -> Result<Value> {
    i64::try_from(n)
        .map(Value::Int)
        .map_err(|_| DslError::Value("integer overflow"))
}

/// A coordinate or colour as a DSL integer.
fn coord(n: i32) -> Value {
    Value::Int(i64::from(n))
}

/// A tuple argument (grids and pairs included); anything else is a type
/// error.
fn want_tuple(v: &Value) -> Result<()> {
    match v.kind() {
        Kind::Tuple => Ok(()),
        _ => Err(DslError::Type("expected a tuple")),
    }
}

/// The rows of a grid `_t` primitive: a tuple as it is, the empty set as
/// the empty tuple (iterating either gives no rows). A non-empty set is an
/// error (the dialect would read its `(i, j, c)` triples as rows).
fn rows_arg(v: &Value) -> Result<Cow<'_, Value>> {
    match v.kind() {
        Kind::Tuple => Ok(Cow::Borrowed(v)),
        Kind::Set if v.is_empty() => Ok(Cow::Owned(Value::empty_tuple())),
        _ => Err(DslError::Type("expected a grid")),
    }
}

/// The patches a typed variant takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    /// Indices or an object (`_f`).
    Any,
    /// Indices (`_i`): elements unpacked as pairs.
    Indices,
    /// An object (`_o`): elements unpacked as cells.
    Object,
}

/// A patch argument of the wanted kind (an empty patch is of every kind).
fn typed_patch(v: &Value, want: Want) -> Result<Patch<'_>> {
    let p = shape::patch(v)?;
    match (&p, want) {
        (Patch::Object(_), Want::Indices) => Err(DslError::Type(
            "expected indices: an object's cells are not pairs",
        )),
        (Patch::Indices(x), Want::Object) if !x.is_empty() => {
            Err(DslError::Type("expected an object: indices are not cells"))
        }
        _ => Ok(p),
    }
}

/// A patch argument of the wanted kind as a set value: indices and objects
/// as they are, a tuple of indices or cells as the set of them.
fn patch_set(ctx: &mut Ctx, v: &Value, want: Want) -> Result<Value> {
    let p = typed_patch(v, want)?;
    if matches!(v, Value::Indices(_) | Value::Object(_)) {
        return Ok(v.clone());
    }
    ctx.charge(p.len())?;
    Ok(match p {
        Patch::Indices(x) => Value::indices(x.into_owned()),
        Patch::Object(x) => Value::object(x.into_owned()),
    })
}

/// `(uppermost, leftmost, lowermost, rightmost)` of a patch of the wanted
/// kind; `None` when it is empty.
fn bounds(ctx: &mut Ctx, v: &Value, want: Want) -> Result<Option<(i32, i32, i32, i32)>> {
    let p = typed_patch(v, want)?;
    ctx.charge(p.len())?;
    Ok(p.bounds())
}

/// One side of a patch's extent; an empty patch (the dialect's `inf`) is
/// an error.
fn side(
    ctx: &mut Ctx,
    v: &Value,
    want: Want,
    pick: fn((i32, i32, i32, i32)) -> i32,
) -> Result<Value> {
    bounds(ctx, v, want)?
        .map(|b| coord(pick(b)))
        .ok_or(DslError::Value("an empty patch has no extent"))
}

/// The dialect's patch height: 0 when empty, else `lowermost - uppermost + 1`.
fn patch_height(ctx: &mut Ctx, v: &Value, want: Want) -> Result<i64> {
    if len_of(v)? == 0 {
        return Ok(0);
    }
    Ok(bounds(ctx, v, want)?.map_or(0, |(top, _, bottom, _)| {
        i64::from(bottom) - i64::from(top) + 1
    }))
}

/// The dialect's patch width: 0 when empty, else `rightmost - leftmost + 1`.
fn patch_width(ctx: &mut Ctx, v: &Value, want: Want) -> Result<i64> {
    if len_of(v)? == 0 {
        return Ok(0);
    }
    Ok(bounds(ctx, v, want)?.map_or(0, |(_, left, _, right)| {
        i64::from(right) - i64::from(left) + 1
    }))
}

/// `height_t`: `len(piece)`.
fn grid_height(v: &Value) -> Result<i64> {
    let n = len_of(v)?;
    i64::try_from(n).map_err(|_| DslError::Value("integer overflow"))
}

/// `width_t`: `len(piece[0]) if piece else 0`.
fn grid_width(v: &Value) -> Result<i64> {
    if !v.truthy() {
        return Ok(0);
    }
    want_tuple(v)?;
    let row = v
        .get(0)
        .ok_or(DslError::Value("tuple index out of range"))?;
    grid_height(&row)
}

/// `ulcorner_i` (`max` false) or `lrcorner_i` of an object: the dialect
/// zips its `(i, j, c)` triples, so the corner has a third element, the
/// smallest (largest) colour. `None` when the value is not an object.
fn object_corner_i(ctx: &mut Ctx, v: &Value, max: bool) -> Result<Option<Value>> {
    let Ok(Patch::Object(cells)) = shape::patch(v) else {
        return Ok(None);
    };
    ctx.charge(cells.len())?;
    let pick = |f: fn(&Cell) -> i32| {
        let it = cells.iter().map(f);
        if max { it.max() } else { it.min() }
    };
    Ok(match (pick(|c| c.i), pick(|c| c.j), pick(|c| c.colour)) {
        (Some(i), Some(j), Some(c)) => Some(Value::tuple(vec![coord(i), coord(j), coord(c)])),
        _ => None,
    })
}

/// `urcorner_i` or `llcorner_i`: the corner of indices; an object is an
/// error (the dialect's corner of triples has no rule for a third element).
fn mixed_corner_i(
    ctx: &mut Ctx,
    v: &Value,
    corner: fn(&mut Ctx, &Value) -> Result<Value>,
) -> Result<Value> {
    let p = patch_set(ctx, v, Want::Indices)?;
    corner(ctx, &p)
}

/// The elements of a container with `function` applied, in iteration order.
fn mapped(ctx: &mut Ctx, function: &Value, container: &Value) -> Result<Vec<Value>> {
    shape::container_kind(container)?;
    let items = shape::items(ctx, container)?;
    items.iter().map(|e| call_one(ctx, function, e)).collect()
}

/// `function(x)`.
fn call_one(ctx: &mut Ctx, function: &Value, x: &Value) -> Result<Value> {
    callable::call(ctx, function, slice::from_ref(x))
}

/// A container's elements as a set (a set as it is).
fn as_set(ctx: &mut Ctx, v: Value) -> Result<Value> {
    if v.kind() == Kind::Set {
        return Ok(v);
    }
    let items = shape::items(ctx, &v)?.into_owned();
    Ok(Value::set(items))
}

/// A container's elements as a tuple (a tuple as it is).
fn as_tuple(ctx: &mut Ctx, v: Value) -> Result<Value> {
    if v.kind() == Kind::Tuple {
        return Ok(v);
    }
    containers::totuple(ctx, &v)
}

// ---------------------------------------------------------------------------
// Containers and higher-order primitives
// ---------------------------------------------------------------------------

/// `combine_t(a, b)`: Python's `a + b`: two tuples concatenated (grids of
/// one width stay a grid), two integers added; anything else is an error.
pub fn combine_t(ctx: &mut Ctx, a: &Value, b: &Value) -> Result<Value> {
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        return x
            .checked_add(y)
            .map(Value::Int)
            .ok_or(DslError::Value("integer overflow"));
    }
    if a.kind() != Kind::Tuple || b.kind() != Kind::Tuple {
        return Err(DslError::Type("combine_t takes two tuples"));
    }
    containers::combine(ctx, a, b)
}

/// `combine_f(a, b)`: Python's `a | b`: the union of two sets, the bitwise
/// or of two integers (of two booleans, a boolean); anything else is an
/// error.
pub fn combine_f(ctx: &mut Ctx, a: &Value, b: &Value) -> Result<Value> {
    if let (Value::Bool(x), Value::Bool(y)) = (a, b) {
        return Ok(Value::Bool(*x || *y));
    }
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        return Ok(Value::Int(x | y));
    }
    if a.kind() != Kind::Set || b.kind() != Kind::Set {
        return Err(DslError::Type("combine_f takes two frozensets"));
    }
    containers::combine(ctx, a, b)
}

alias! {
    /// `size_t(container)`: the number of elements, as `size`.
    size_t => containers::size, 1
}

alias! {
    /// `size_f(container)`: the number of elements, as `size`.
    size_f => containers::size, 1
}

alias! {
    /// `merge_t(containers)`: the inner containers' elements in one
    /// container of the outer kind, as `merge`.
    merge_t => containers::merge, 1
}

alias! {
    /// `merge_f(containers)`: the inner containers' elements in one
    /// container of the outer kind, as `merge`.
    merge_f => containers::merge, 1
}

alias! {
    /// `valmax_t(container, compfunc)`: the largest key, `compfunc(0)` for
    /// an empty container, as `valmax`.
    valmax_t => containers::valmax, 2
}

alias! {
    /// `valmax_f(container, compfunc)`: the largest key, `compfunc(0)` for
    /// an empty container, as `valmax`.
    valmax_f => containers::valmax, 2
}

alias! {
    /// `valmin_t(container, compfunc)`: the smallest key, `compfunc(0)` for
    /// an empty container, as `valmin`.
    valmin_t => containers::valmin, 2
}

alias! {
    /// `valmin_f(container, compfunc)`: the smallest key, `compfunc(0)` for
    /// an empty container, as `valmin`.
    valmin_f => containers::valmin, 2
}

alias! {
    /// `argmax_t(container, compfunc)`: the first element with the largest
    /// key (an empty container is an error), as `argmax`.
    argmax_t => containers::argmax, 2
}

alias! {
    /// `argmax_f(container, compfunc)`: the first element with the largest
    /// key (an empty container is an error), as `argmax`.
    argmax_f => containers::argmax, 2
}

alias! {
    /// `argmin_t(container, compfunc)`: the first element with the
    /// smallest key (an empty container is an error), as `argmin`.
    argmin_t => containers::argmin, 2
}

alias! {
    /// `argmin_f(container, compfunc)`: the first element with the
    /// smallest key (an empty container is an error), as `argmin`.
    argmin_f => containers::argmin, 2
}

alias! {
    /// `mostcommon_t(container)`: the most frequent element of a tuple
    /// (ties: the smallest), as `mostcommon`.
    mostcommon_t => containers::mostcommon, 1
}

/// `mostcommon_f(container)`: the most frequent element. Every element of
/// a set occurs once, so a set gives its first (smallest) element; a tuple
/// is counted as by `mostcommon`. Empty containers are an error.
pub fn mostcommon_f(ctx: &mut Ctx, container: &Value) -> Result<Value> {
    match container.kind() {
        Kind::Set => containers::first(ctx, container),
        _ => containers::mostcommon(ctx, container),
    }
}

alias! {
    /// `leastcommon_t(container)`: the least frequent element of a tuple
    /// (ties: the smallest), as `leastcommon`.
    leastcommon_t => containers::leastcommon, 1
}

/// `leastcommon_f(container)`: the least frequent element. Every element
/// of a set occurs once, so a set gives its first (smallest) element; a
/// tuple is counted as by `leastcommon`. Empty containers are an error.
pub fn leastcommon_f(ctx: &mut Ctx, container: &Value) -> Result<Value> {
    match container.kind() {
        Kind::Set => containers::first(ctx, container),
        _ => containers::leastcommon(ctx, container),
    }
}

/// `sfilter_t(container, condition)`: the elements satisfying `condition`,
/// always as a tuple (a set's in ascending order).
pub fn sfilter_t(ctx: &mut Ctx, container: &Value, condition: &Value) -> Result<Value> {
    let kept = containers::sfilter(ctx, container, condition)?;
    as_tuple(ctx, kept)
}

/// `sfilter_f(container, condition)`: the elements satisfying `condition`,
/// always as a set.
pub fn sfilter_f(ctx: &mut Ctx, container: &Value, condition: &Value) -> Result<Value> {
    let kept = containers::sfilter(ctx, container, condition)?;
    as_set(ctx, kept)
}

/// `mfilter_t(container, function)`: the set of the elements satisfying
/// `function`, not merged (unlike `mfilter`; the dialect's code does not
/// merge).
pub fn mfilter_t(ctx: &mut Ctx, container: &Value, function: &Value) -> Result<Value> {
    sfilter_f(ctx, container, function)
}

alias! {
    /// `mfilter_f(container, function)`: the kept elements merged, as
    /// `mfilter`.
    mfilter_f => containers::mfilter, 2
}

/// `first_t(container)`: `container[0]`; `None` for an empty (falsy)
/// argument (`()` under `batt-2025-11`); a set, which has no `[0]`, is an
/// error.
pub fn first_t(ctx: &mut Ctx, container: &Value) -> Result<Value> {
    ctx.charge(1)?;
    if !container.truthy() {
        return Ok(since_2025_11(Value::None, Value::empty_tuple));
    }
    want_tuple(container)?;
    container
        .get(0)
        .ok_or(DslError::Value("tuple index out of range"))
}

/// `first_f(container)`: the first element (a set's smallest); `None` for
/// an empty (falsy) argument (`frozenset()` under `batt-2025-11`).
pub fn first_f(ctx: &mut Ctx, container: &Value) -> Result<Value> {
    if !container.truthy() {
        ctx.charge(1)?;
        return Ok(since_2025_11(Value::None, Value::empty_set));
    }
    containers::first(ctx, container)
}

/// `last_t(container)`: `container[-1]`; `None` for an empty (falsy)
/// argument (`()` under `batt-2025-11`); a set, which has no `[-1]`, is an
/// error.
pub fn last_t(ctx: &mut Ctx, container: &Value) -> Result<Value> {
    if !container.truthy() {
        ctx.charge(1)?;
        return Ok(since_2025_11(Value::None, Value::empty_tuple));
    }
    want_tuple(container)?;
    containers::last(ctx, container)
}

/// `last_f(container)`: the last element (a set's largest); `None` for an
/// empty (falsy) argument (`frozenset()` under `batt-2025-11`).
pub fn last_f(ctx: &mut Ctx, container: &Value) -> Result<Value> {
    if !container.truthy() {
        ctx.charge(1)?;
        return Ok(since_2025_11(Value::None, Value::empty_set));
    }
    containers::last(ctx, container)
}

/// `remove_t(value, container)`: the elements not equal to `value`, always
/// as a tuple (a set's in ascending order).
pub fn remove_t(ctx: &mut Ctx, value: &Value, container: &Value) -> Result<Value> {
    let kept = containers::remove(ctx, value, container)?;
    as_tuple(ctx, kept)
}

alias! {
    /// `remove_f(value, container)`: the elements not equal to `value`,
    /// keeping the container's kind, as `remove`.
    remove_f => containers::remove, 2
}

/// `other_t(container, value)`: the first element not equal to `value`, or
/// `()` when there is none (where `other` fails).
pub fn other_t(ctx: &mut Ctx, container: &Value, value: &Value) -> Result<Value> {
    let rest = containers::remove(ctx, value, container)?;
    Ok(rest.get(0).unwrap_or_else(Value::empty_tuple))
}

/// `other_f(container, value)`: the first element not equal to `value` (a
/// set's smallest), or the empty set when there is none (where `other`
/// fails).
pub fn other_f(ctx: &mut Ctx, container: &Value, value: &Value) -> Result<Value> {
    let rest = containers::remove(ctx, value, container)?;
    Ok(rest.get(0).unwrap_or_else(Value::empty_set))
}

/// `apply_t(function, container)`: `function` of each element, always as a
/// tuple (a set's results in its ascending order, duplicates kept).
pub fn apply_t(ctx: &mut Ctx, function: &Value, container: &Value) -> Result<Value> {
    Ok(Value::tuple(mapped(ctx, function, container)?))
}

alias! {
    /// `apply_f(function, container)`: `function` of each element, keeping
    /// the container's kind, as `apply`.
    apply_f => callable::apply, 2
}

/// `rapply_t(functions, value)`: each function of `value`, always as a
/// tuple (a set's functions in its ascending order, duplicates kept).
pub fn rapply_t(ctx: &mut Ctx, functions: &Value, value: &Value) -> Result<Value> {
    shape::container_kind(functions)?;
    let fs = shape::items(ctx, functions)?;
    let out = fs
        .iter()
        .map(|f| call_one(ctx, f, value))
        .collect::<Result<Vec<_>>>()?;
    Ok(Value::tuple(out))
}

alias! {
    /// `rapply_f(functions, value)`: each function of `value`, keeping the
    /// container's kind, as `rapply`.
    rapply_f => callable::rapply, 2
}

/// `mapply_t(function, container)`: `merge_t(apply_t(function, container))`,
/// the results' elements concatenated in one tuple (duplicates kept).
pub fn mapply_t(ctx: &mut Ctx, function: &Value, container: &Value) -> Result<Value> {
    let applied = apply_t(ctx, function, container)?;
    containers::merge(ctx, &applied)
}

alias! {
    /// `mapply_f(function, container)`: apply, then merge, as `mapply`.
    mapply_f => callable::mapply, 2
}

// ---------------------------------------------------------------------------
// Grids and patches
// ---------------------------------------------------------------------------

/// `mostcolor_t(grid)`: the most common colour of a grid (ties: the
/// smallest); an empty grid (the dialect's `nan`) is an error.
pub fn mostcolor_t(ctx: &mut Ctx, grid: &Value) -> Result<Value> {
    patches::mostcolor(ctx, &*rows_arg(grid)?)
}

/// `mostcolor_f(obj)`: the most common colour of an object's cells (ties:
/// the smallest); an empty object (`nan`) or indices are an error.
pub fn mostcolor_f(ctx: &mut Ctx, obj: &Value) -> Result<Value> {
    let obj = patch_set(ctx, obj, Want::Object)?;
    patches::mostcolor(ctx, &obj)
}

/// `leastcolor_t(grid)`: the least common colour of a grid (ties: the
/// smallest); an empty grid (the dialect's `nan`) is an error.
pub fn leastcolor_t(ctx: &mut Ctx, grid: &Value) -> Result<Value> {
    patches::leastcolor(ctx, &*rows_arg(grid)?)
}

/// `leastcolor_f(obj)`: the least common colour of an object's cells (ties:
/// the smallest); an empty object (`nan`) or indices are an error.
pub fn leastcolor_f(ctx: &mut Ctx, obj: &Value) -> Result<Value> {
    let obj = patch_set(ctx, obj, Want::Object)?;
    patches::leastcolor(ctx, &obj)
}

/// `height_t(piece)`: `len(piece)`, a grid's number of rows (a set's size).
pub fn height_t(ctx: &mut Ctx, piece: &Value) -> Result<Value> {
    ctx.charge(1)?;
    grid_height(piece).map(Value::Int)
}

/// `height_f(piece)`: the height of a patch's bounding box, 0 when empty.
pub fn height_f(ctx: &mut Ctx, piece: &Value) -> Result<Value> {
    patch_height(ctx, piece, Want::Any).map(Value::Int)
}

/// `height_i(piece)`: the height of indices' bounding box, 0 when empty.
pub fn height_i(ctx: &mut Ctx, piece: &Value) -> Result<Value> {
    patch_height(ctx, piece, Want::Indices).map(Value::Int)
}

/// `height_o(piece)`: the height of an object's bounding box, 0 when empty.
pub fn height_o(ctx: &mut Ctx, piece: &Value) -> Result<Value> {
    patch_height(ctx, piece, Want::Object).map(Value::Int)
}

/// `width_t(piece)`: `len(piece[0])`, a grid's number of columns; 0 for an
/// empty (falsy) argument.
pub fn width_t(ctx: &mut Ctx, piece: &Value) -> Result<Value> {
    ctx.charge(1)?;
    grid_width(piece).map(Value::Int)
}

/// `width_f(piece)`: the width of a patch's bounding box, 0 when empty.
pub fn width_f(ctx: &mut Ctx, piece: &Value) -> Result<Value> {
    patch_width(ctx, piece, Want::Any).map(Value::Int)
}

/// `width_i(piece)`: the width of indices' bounding box, 0 when empty.
pub fn width_i(ctx: &mut Ctx, piece: &Value) -> Result<Value> {
    patch_width(ctx, piece, Want::Indices).map(Value::Int)
}

/// `width_o(piece)`: the width of an object's bounding box, 0 when empty.
pub fn width_o(ctx: &mut Ctx, piece: &Value) -> Result<Value> {
    patch_width(ctx, piece, Want::Object).map(Value::Int)
}

/// `shape_t(grid)`: `(height_t, width_t)`; `(0, 0)` for an empty grid.
pub fn shape_t(ctx: &mut Ctx, grid: &Value) -> Result<Value> {
    ctx.charge(1)?;
    Ok(Value::Pair(grid_height(grid)?, grid_width(grid)?))
}

/// `shape_f(patch)`: `(height_f, width_f)`; `(0, 0)` for an empty patch.
pub fn shape_f(ctx: &mut Ctx, patch: &Value) -> Result<Value> {
    let h = patch_height(ctx, patch, Want::Any)?;
    Ok(Value::Pair(h, patch_width(ctx, patch, Want::Any)?))
}

/// `portrait_t(grid)`: whether `height_t > width_t`.
pub fn portrait_t(ctx: &mut Ctx, grid: &Value) -> Result<Value> {
    ctx.charge(1)?;
    Ok(Value::Bool(grid_height(grid)? > grid_width(grid)?))
}

/// `portrait_f(patch)`: whether `height_f > width_f` (false when empty).
pub fn portrait_f(ctx: &mut Ctx, patch: &Value) -> Result<Value> {
    let h = patch_height(ctx, patch, Want::Any)?;
    Ok(Value::Bool(h > patch_width(ctx, patch, Want::Any)?))
}

/// `square_t(grid)`: whether `len(grid) == len(grid[0])`. An empty grid is
/// an error (the dialect's later definition indexes it without a guard).
pub fn square_t(ctx: &mut Ctx, grid: &Value) -> Result<Value> {
    ctx.charge(1)?;
    let n = grid_height(grid)?;
    want_tuple(grid)?;
    let row = grid
        .get(0)
        .ok_or(DslError::Value("tuple index out of range"))?;
    Ok(Value::Bool(n == grid_height(&row)?))
}

/// `square_f(patch)`: whether the patch fills a square bounding box (true
/// for an empty patch, whose box is 0 by 0).
pub fn square_f(ctx: &mut Ctx, patch: &Value) -> Result<Value> {
    let h = patch_height(ctx, patch, Want::Any)?;
    let w = patch_width(ctx, patch, Want::Any)?;
    let n = i128::try_from(len_of(patch)?).unwrap_or(i128::MAX);
    Ok(Value::Bool(i128::from(h) * i128::from(w) == n && h == w))
}

/// Whether a patch of the wanted kind is a full line: its length along
/// the line (its height for a vertical one) equals its size and its
/// thickness is 1.
fn is_line(ctx: &mut Ctx, patch: &Value, want: Want, vertical: bool) -> Result<Value> {
    let h = patch_height(ctx, patch, want)?;
    let w = patch_width(ctx, patch, want)?;
    let (along, across) = if vertical { (h, w) } else { (w, h) };
    let n = i64::try_from(len_of(patch)?).map_err(|_| DslError::Value("integer overflow"))?;
    Ok(Value::Bool(along == n && across == 1))
}

/// `vline_i(patch)`: whether indices form a full vertical line (false when
/// empty).
pub fn vline_i(ctx: &mut Ctx, patch: &Value) -> Result<Value> {
    is_line(ctx, patch, Want::Indices, true)
}

/// `vline_o(patch)`: whether an object forms a full vertical line (false
/// when empty).
pub fn vline_o(ctx: &mut Ctx, patch: &Value) -> Result<Value> {
    is_line(ctx, patch, Want::Object, true)
}

/// `hline_i(patch)`: whether indices form a full horizontal line (false
/// when empty).
pub fn hline_i(ctx: &mut Ctx, patch: &Value) -> Result<Value> {
    is_line(ctx, patch, Want::Indices, false)
}

/// `hline_o(patch)`: whether an object forms a full horizontal line (false
/// when empty).
pub fn hline_o(ctx: &mut Ctx, patch: &Value) -> Result<Value> {
    is_line(ctx, patch, Want::Object, false)
}

/// `uppermost_i(indices)`: the smallest row; empty (`inf`) is an error.
pub fn uppermost_i(ctx: &mut Ctx, indices: &Value) -> Result<Value> {
    side(ctx, indices, Want::Indices, |b| b.0)
}

/// `uppermost_o(obj)`: the smallest row; empty (`inf`) is an error.
pub fn uppermost_o(ctx: &mut Ctx, obj: &Value) -> Result<Value> {
    side(ctx, obj, Want::Object, |b| b.0)
}

/// `lowermost_i(indices)`: the largest row; empty (`-inf`) is an error.
pub fn lowermost_i(ctx: &mut Ctx, indices: &Value) -> Result<Value> {
    side(ctx, indices, Want::Indices, |b| b.2)
}

/// `lowermost_o(obj)`: the largest row; empty (`-inf`) is an error.
pub fn lowermost_o(ctx: &mut Ctx, obj: &Value) -> Result<Value> {
    side(ctx, obj, Want::Object, |b| b.2)
}

/// `leftmost_i(indices)`: the smallest column; empty (`inf`) is an error.
pub fn leftmost_i(ctx: &mut Ctx, indices: &Value) -> Result<Value> {
    side(ctx, indices, Want::Indices, |b| b.1)
}

/// `leftmost_o(obj)`: the smallest column; empty (`inf`) is an error.
pub fn leftmost_o(ctx: &mut Ctx, obj: &Value) -> Result<Value> {
    side(ctx, obj, Want::Object, |b| b.1)
}

/// `rightmost_i(indices)`: the largest column; empty (`max` of nothing) is
/// an error.
pub fn rightmost_i(ctx: &mut Ctx, indices: &Value) -> Result<Value> {
    side(ctx, indices, Want::Indices, |b| b.3)
}

/// `rightmost_o(obj)`: the largest column; empty (`max` of nothing) is an
/// error.
pub fn rightmost_o(ctx: &mut Ctx, obj: &Value) -> Result<Value> {
    side(ctx, obj, Want::Object, |b| b.3)
}

/// `ulcorner_i(indices)`: `(min i, min j)`, `()` when empty. Given an
/// object, the dialect zips its `(i, j, c)` triples: `(min i, min j, min c)`.
pub fn ulcorner_i(ctx: &mut Ctx, indices: &Value) -> Result<Value> {
    if let Some(corner) = object_corner_i(ctx, indices, false)? {
        return Ok(corner);
    }
    patches::ulcorner(ctx, indices)
}

/// `ulcorner_o(obj)`: `(min i, min j)` of an object, `()` when empty.
pub fn ulcorner_o(ctx: &mut Ctx, obj: &Value) -> Result<Value> {
    let idx = toindices_o(ctx, obj)?;
    patches::ulcorner(ctx, &idx)
}

/// `urcorner_i(indices)`: `(min i, max j)`, `()` when empty; an object is
/// an error.
pub fn urcorner_i(ctx: &mut Ctx, indices: &Value) -> Result<Value> {
    mixed_corner_i(ctx, indices, patches::urcorner)
}

/// `urcorner_o(obj)`: `(min i, max j)` of an object, `()` when empty.
pub fn urcorner_o(ctx: &mut Ctx, obj: &Value) -> Result<Value> {
    let idx = toindices_o(ctx, obj)?;
    patches::urcorner(ctx, &idx)
}

/// `llcorner_i(indices)`: `(max i, min j)`, `()` when empty; an object is
/// an error.
pub fn llcorner_i(ctx: &mut Ctx, indices: &Value) -> Result<Value> {
    mixed_corner_i(ctx, indices, patches::llcorner)
}

/// `llcorner_o(obj)`: `(max i, min j)` of an object, `()` when empty.
pub fn llcorner_o(ctx: &mut Ctx, obj: &Value) -> Result<Value> {
    let idx = toindices_o(ctx, obj)?;
    patches::llcorner(ctx, &idx)
}

/// `lrcorner_i(indices)`: `(max i, max j)`, `()` when empty. Given an
/// object, the dialect zips its `(i, j, c)` triples: `(max i, max j, max c)`.
pub fn lrcorner_i(ctx: &mut Ctx, indices: &Value) -> Result<Value> {
    if let Some(corner) = object_corner_i(ctx, indices, true)? {
        return Ok(corner);
    }
    patches::lrcorner(ctx, indices)
}

/// `lrcorner_o(obj)`: `(max i, max j)` of an object, `()` when empty.
pub fn lrcorner_o(ctx: &mut Ctx, obj: &Value) -> Result<Value> {
    let idx = toindices_o(ctx, obj)?;
    patches::lrcorner(ctx, &idx)
}

/// `toindices_i(indices)`: its argument unchanged (the dialect's identity).
pub fn toindices_i(ctx: &mut Ctx, indices: &Value) -> Result<Value> {
    ctx.charge(1)?;
    Ok(indices.clone())
}

/// `toindices_o(obj)`: the set of an object's indices; the empty set for
/// an empty or unsized argument; indices are an error.
pub fn toindices_o(ctx: &mut Ctx, obj: &Value) -> Result<Value> {
    if obj.len().unwrap_or(0) == 0 {
        ctx.charge(1)?;
        return Ok(Value::empty_set());
    }
    let obj = patch_set(ctx, obj, Want::Object)?;
    patches::toindices(ctx, &obj)
}

/// `normalize_t(piece)`: its argument unchanged (a grid is already at the
/// origin).
pub fn normalize_t(ctx: &mut Ctx, piece: &Value) -> Result<Value> {
    ctx.charge(1)?;
    Ok(piece.clone())
}

/// `normalize_i(indices)`: the indices moved so their upper left corner is
/// the origin; an empty argument is returned unchanged (where `normalize`
/// fails); an object is an error.
pub fn normalize_i(ctx: &mut Ctx, indices: &Value) -> Result<Value> {
    if len_of(indices)? == 0 {
        return Ok(indices.clone());
    }
    let p = patch_set(ctx, indices, Want::Indices)?;
    patches::normalize(ctx, &p)
}

/// `normalize_o(obj)`: the object moved so its upper left corner is the
/// origin; an empty argument is returned unchanged (where `normalize`
/// fails); indices are an error.
pub fn normalize_o(ctx: &mut Ctx, obj: &Value) -> Result<Value> {
    if len_of(obj)? == 0 {
        return Ok(obj.clone());
    }
    let p = patch_set(ctx, obj, Want::Object)?;
    patches::normalize(ctx, &p)
}

/// `palette_t(element)`: the set of colours of a grid's cells, or of an
/// object's cells as `palette` gives them (the dialect collects every value
/// of every element, which for its `(i, j, c)` cells adds the coordinates;
/// batt keeps the colours). Indices, which have no colours, are an error.
pub fn palette_t(ctx: &mut Ctx, element: &Value) -> Result<Value> {
    if let Value::Object(_) = element {
        return patches::palette(ctx, element);
    }
    patches::palette(ctx, &*rows_arg(element)?)
}

/// `palette_f(element)`: the set of colours of an object's cells (empty
/// for an empty patch); indices are an error.
pub fn palette_f(ctx: &mut Ctx, element: &Value) -> Result<Value> {
    let obj = patch_set(ctx, element, Want::Object)?;
    patches::palette(ctx, &obj)
}

/// `numcolors_t(grid)`: the number of colours of a grid's cells.
pub fn numcolors_t(ctx: &mut Ctx, grid: &Value) -> Result<Value> {
    let colours = palette_t(ctx, grid)?;
    count(colours.len().unwrap_or(0))
}

/// `numcolors_f(obj)`: the number of colours of an object's cells.
pub fn numcolors_f(ctx: &mut Ctx, obj: &Value) -> Result<Value> {
    let colours = palette_f(ctx, obj)?;
    count(colours.len().unwrap_or(0))
}

/// `colorcount_t(grid, color)`: the number of a grid's cells of colour
/// `color`.
pub fn colorcount_t(ctx: &mut Ctx, grid: &Value, color: &Value) -> Result<Value> {
    patches::colorcount(ctx, &*rows_arg(grid)?, color)
}

/// `colorcount_f(obj, color)`: the number of an object's cells of colour
/// `color`; `None` when `obj` is not a set (the dialect's type check).
pub fn colorcount_f(ctx: &mut Ctx, obj: &Value, color: &Value) -> Result<Value> {
    if obj.kind() != Kind::Set {
        ctx.charge(1)?;
        return Ok(Value::None);
    }
    let obj = patch_set(ctx, obj, Want::Object)?;
    patches::colorcount(ctx, &obj, color)
}

/// `f_ofcolor(grid, color)`: the indices of a grid's cells of colour
/// `color`, as `ofcolor`.
pub fn f_ofcolor(ctx: &mut Ctx, grid: &Value, color: &Value) -> Result<Value> {
    patches::ofcolor(ctx, &*rows_arg(grid)?, color)
}

/// `recolor_i(color, indices)`: an object of colour `color` on the indices;
/// an object is an error.
pub fn recolor_i(ctx: &mut Ctx, color: &Value, indices: &Value) -> Result<Value> {
    let p = patch_set(ctx, indices, Want::Indices)?;
    patches::recolor(ctx, color, &p)
}

/// `recolor_o(color, obj)`: the object's indices recoloured `color`; the
/// empty set for an empty or unsized argument; indices are an error.
pub fn recolor_o(ctx: &mut Ctx, color: &Value, obj: &Value) -> Result<Value> {
    let idx = toindices_o(ctx, obj)?;
    patches::recolor(ctx, color, &idx)
}

/// `hmirror_t(grid)`: the rows in reverse order (any tuple reversed).
pub fn hmirror_t(ctx: &mut Ctx, grid: &Value) -> Result<Value> {
    want_tuple(grid)?;
    grids::hmirror(ctx, grid)
}

/// `hmirror_f(patch)`: the patch mirrored across its horizontal axis; an
/// empty patch is an error (the dialect's later definition has no guard).
pub fn hmirror_f(ctx: &mut Ctx, patch: &Value) -> Result<Value> {
    let p = patch_set(ctx, patch, Want::Any)?;
    grids::hmirror(ctx, &p)
}

/// `hmirror_i(indices)`: indices mirrored across their horizontal axis;
/// empty indices or an object are an error.
pub fn hmirror_i(ctx: &mut Ctx, indices: &Value) -> Result<Value> {
    let p = patch_set(ctx, indices, Want::Indices)?;
    grids::hmirror(ctx, &p)
}

/// `hmirror_o(obj)`: an object mirrored across its horizontal axis; an
/// empty object or indices are an error.
pub fn hmirror_o(ctx: &mut Ctx, obj: &Value) -> Result<Value> {
    let p = patch_set(ctx, obj, Want::Object)?;
    grids::hmirror(ctx, &p)
}

/// `vmirror_t(grid)`: every row reversed.
pub fn vmirror_t(ctx: &mut Ctx, grid: &Value) -> Result<Value> {
    grids::vmirror(ctx, &*rows_arg(grid)?)
}

/// `vmirror_f(patch)`: the patch mirrored across its vertical axis; the
/// empty set is returned as it is, an empty tuple is an error.
pub fn vmirror_f(ctx: &mut Ctx, patch: &Value) -> Result<Value> {
    if patch.kind() == Kind::Set && patch.is_empty() {
        ctx.charge(1)?;
        return Ok(Value::empty_set());
    }
    let p = patch_set(ctx, patch, Want::Any)?;
    grids::vmirror(ctx, &p)
}

/// `vmirror_i(indices)`: indices mirrored across their vertical axis; empty
/// indices or an object are an error.
pub fn vmirror_i(ctx: &mut Ctx, indices: &Value) -> Result<Value> {
    let p = patch_set(ctx, indices, Want::Indices)?;
    grids::vmirror(ctx, &p)
}

/// `vmirror_o(obj)`: an object mirrored across its vertical axis; an empty
/// object or indices are an error.
pub fn vmirror_o(ctx: &mut Ctx, obj: &Value) -> Result<Value> {
    let p = patch_set(ctx, obj, Want::Object)?;
    grids::vmirror(ctx, &p)
}

/// `dmirror_t(grid)`: the grid transposed (`tuple(zip(*grid))`).
pub fn dmirror_t(ctx: &mut Ctx, grid: &Value) -> Result<Value> {
    grids::dmirror(ctx, &*rows_arg(grid)?)
}

/// `dmirror_f(patch)`: the patch mirrored across the diagonal through its
/// upper left corner; an empty patch is an error.
pub fn dmirror_f(ctx: &mut Ctx, patch: &Value) -> Result<Value> {
    let p = patch_set(ctx, patch, Want::Any)?;
    grids::dmirror(ctx, &p)
}

/// `dmirror_i(indices)`: indices mirrored across their diagonal; empty
/// indices or an object are an error.
pub fn dmirror_i(ctx: &mut Ctx, indices: &Value) -> Result<Value> {
    let p = patch_set(ctx, indices, Want::Indices)?;
    grids::dmirror(ctx, &p)
}

/// `dmirror_o(obj)`: an object mirrored across its diagonal; an empty
/// object or indices are an error.
pub fn dmirror_o(ctx: &mut Ctx, obj: &Value) -> Result<Value> {
    let p = patch_set(ctx, obj, Want::Object)?;
    grids::dmirror(ctx, &p)
}

/// `cmirror_t(grid)`: the grid mirrored across its counterdiagonal.
pub fn cmirror_t(ctx: &mut Ctx, grid: &Value) -> Result<Value> {
    want_tuple(grid)?;
    grids::cmirror(ctx, grid)
}

/// `cmirror_f(patch)`: the patch mirrored across its counterdiagonal; an
/// empty patch is an error (the dialect's later definition mirrors it
/// diagonally, which fails).
pub fn cmirror_f(ctx: &mut Ctx, patch: &Value) -> Result<Value> {
    let p = patch_set(ctx, patch, Want::Any)?;
    grids::cmirror(ctx, &p)
}

/// `cmirror_i(indices)`: `cmirror_f`, which the dialect calls for indices
/// and objects alike; an empty patch is an error.
pub fn cmirror_i(ctx: &mut Ctx, indices: &Value) -> Result<Value> {
    cmirror_f(ctx, indices)
}

/// `cmirror_o(obj)`: `cmirror_f`, which the dialect calls for indices and
/// objects alike; an empty patch is an error.
pub fn cmirror_o(ctx: &mut Ctx, obj: &Value) -> Result<Value> {
    cmirror_f(ctx, obj)
}

/// `upscale_t(grid, factor)`: every cell grown to a `factor` x `factor`
/// block; `()` when `factor <= 0`.
pub fn upscale_t(ctx: &mut Ctx, grid: &Value, factor: &Value) -> Result<Value> {
    grids::upscale(ctx, &*rows_arg(grid)?, factor)
}

/// `upscale_f(obj, factor)`: every cell grown to a `factor` x `factor`
/// block, keeping the upper left corner; the empty set for an empty
/// object or a `factor <= 0` (where `upscale` fails); indices are an error.
pub fn upscale_f(ctx: &mut Ctx, obj: &Value, factor: &Value) -> Result<Value> {
    if len_of(obj)? == 0 {
        ctx.charge(1)?;
        return Ok(Value::empty_set());
    }
    let p = patch_set(ctx, obj, Want::Object)?;
    if factor.int("a factor is an integer")? <= 0 {
        return Ok(Value::empty_set());
    }
    grids::upscale(ctx, &p, factor)
}

/// The typed variants, in the order of the dialect's catalogue.
pub(super) const PRIMS: &[PrimDef] = &[
    prim!(combine_t, 2),
    prim!(combine_f, 2),
    prim!(size_t, 1),
    prim!(size_f, 1),
    prim!(merge_t, 1),
    prim!(merge_f, 1),
    prim!(valmax_t, 2),
    prim!(valmax_f, 2),
    prim!(valmin_t, 2),
    prim!(valmin_f, 2),
    prim!(argmax_t, 2),
    prim!(argmax_f, 2),
    prim!(argmin_t, 2),
    prim!(argmin_f, 2),
    prim!(mostcommon_t, 1),
    prim!(mostcommon_f, 1),
    prim!(leastcommon_t, 1),
    prim!(leastcommon_f, 1),
    prim!(sfilter_t, 2),
    prim!(sfilter_f, 2),
    prim!(mfilter_t, 2),
    prim!(mfilter_f, 2),
    prim!(first_t, 1),
    prim!(first_f, 1),
    prim!(last_t, 1),
    prim!(last_f, 1),
    prim!(remove_t, 2),
    prim!(remove_f, 2),
    prim!(other_t, 2),
    prim!(other_f, 2),
    prim!(apply_t, 2),
    prim!(apply_f, 2),
    prim!(rapply_t, 2),
    prim!(rapply_f, 2),
    prim!(mapply_t, 2),
    prim!(mapply_f, 2),
    prim!(mostcolor_t, 1),
    prim!(mostcolor_f, 1),
    prim!(leastcolor_t, 1),
    prim!(leastcolor_f, 1),
    prim!(height_t, 1),
    prim!(height_f, 1),
    prim!(height_i, 1),
    prim!(height_o, 1),
    prim!(width_t, 1),
    prim!(width_f, 1),
    prim!(width_i, 1),
    prim!(width_o, 1),
    prim!(shape_t, 1),
    prim!(shape_f, 1),
    prim!(portrait_t, 1),
    prim!(portrait_f, 1),
    prim!(square_t, 1),
    prim!(square_f, 1),
    prim!(vline_i, 1),
    prim!(vline_o, 1),
    prim!(hline_i, 1),
    prim!(hline_o, 1),
    prim!(uppermost_i, 1),
    prim!(uppermost_o, 1),
    prim!(lowermost_i, 1),
    prim!(lowermost_o, 1),
    prim!(leftmost_i, 1),
    prim!(leftmost_o, 1),
    prim!(rightmost_i, 1),
    prim!(rightmost_o, 1),
    prim!(ulcorner_i, 1),
    prim!(ulcorner_o, 1),
    prim!(urcorner_i, 1),
    prim!(urcorner_o, 1),
    prim!(llcorner_i, 1),
    prim!(llcorner_o, 1),
    prim!(lrcorner_i, 1),
    prim!(lrcorner_o, 1),
    prim!(toindices_i, 1),
    prim!(toindices_o, 1),
    prim!(normalize_t, 1),
    prim!(normalize_i, 1),
    prim!(normalize_o, 1),
    prim!(palette_t, 1),
    prim!(palette_f, 1),
    prim!(numcolors_t, 1),
    prim!(numcolors_f, 1),
    prim!(colorcount_t, 2),
    prim!(colorcount_f, 2),
    prim!(f_ofcolor, 2),
    prim!(recolor_i, 2),
    prim!(recolor_o, 2),
    prim!(hmirror_t, 1),
    prim!(hmirror_f, 1),
    prim!(hmirror_i, 1),
    prim!(hmirror_o, 1),
    prim!(vmirror_t, 1),
    prim!(vmirror_f, 1),
    prim!(vmirror_i, 1),
    prim!(vmirror_o, 1),
    prim!(dmirror_t, 1),
    prim!(dmirror_f, 1),
    prim!(dmirror_i, 1),
    prim!(dmirror_o, 1),
    prim!(cmirror_t, 1),
    prim!(cmirror_f, 1),
    prim!(cmirror_i, 1),
    prim!(cmirror_o, 1),
    prim!(upscale_t, 2),
    prim!(upscale_f, 2),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dsl::callable::{compose, matcher};
    use crate::dsl::testkit::*;
    use crate::grid::Grid;

    fn set(xs: Vec<Value>) -> Value {
        Value::set(xs)
    }

    fn empty() -> Value {
        Value::empty_set()
    }

    fn unit() -> Value {
        Value::empty_tuple()
    }

    /// `x -> fname(x) == target`.
    fn matches(fname: &str, target: Value) -> Value {
        matcher(&mut c(), &f(fname), &target).unwrap()
    }

    /// Calls a one-argument primitive with a fresh context.
    fn r1(p: fn(&mut Ctx, &Value) -> Result<Value>, a: &Value) -> Result<Value> {
        p(&mut c(), a)
    }

    /// Calls a two-argument primitive with a fresh context.
    fn r2(p: fn(&mut Ctx, &Value, &Value) -> Result<Value>, a: &Value, b: &Value) -> Result<Value> {
        p(&mut c(), a, b)
    }

    // --- containers ------------------------------------------------------------

    #[test]
    fn combine_t_concatenates_tuples_and_adds_integers() {
        assert_eq!(
            r2(combine_t, &ints(&[1, 2]), &ints(&[3])),
            Ok(ints(&[1, 2, 3]))
        );
        let stacked = r2(combine_t, &grid(&[&[1, 2]]), &grid(&[&[3, 4]])).unwrap();
        assert!(matches!(stacked, Value::Grid(_)));
        assert_eq!(stacked, grid(&[&[1, 2], &[3, 4]]));
        assert_eq!(r2(combine_t, &int(2), &int(3)), Ok(int(5)));
        assert_eq!(r2(combine_t, &unit(), &unit()), Ok(unit()));
        assert!(r2(combine_t, &iset(&[1]), &ints(&[1])).is_err());
        assert!(r2(combine_t, &ints(&[1]), &iset(&[1])).is_err());
        assert!(r2(combine_t, &int(i64::MAX), &int(1)).is_err());
    }

    #[test]
    fn combine_f_unites_sets_and_ors_integers() {
        assert_eq!(
            r2(combine_f, &iset(&[1, 2]), &iset(&[2, 3])),
            Ok(iset(&[1, 2, 3]))
        );
        let mixed = r2(combine_f, &idx(&[(0, 0)]), &obj(&[(1, (0, 0))])).unwrap();
        assert_eq!(mixed.kind(), Kind::Set);
        assert_eq!(mixed.len(), Some(2));
        assert_eq!(r2(combine_f, &empty(), &empty()), Ok(empty()));
        assert_eq!(r2(combine_f, &int(6), &int(3)), Ok(int(7)));
        let b = r2(combine_f, &Value::Bool(true), &Value::Bool(false)).unwrap();
        assert!(matches!(b, Value::Bool(true)));
        assert!(r2(combine_f, &ints(&[1]), &iset(&[1])).is_err());
        assert!(r2(combine_f, &iset(&[1]), &ints(&[1])).is_err());
    }

    #[test]
    fn size_and_merge_are_the_reference_primitives() {
        assert_eq!(r1(size_t, &ints(&[1, 2, 3])), Ok(int(3)));
        assert_eq!(r1(size_f, &empty()), Ok(int(0)));
        assert_eq!(r1(size_f, &obj(&[(1, (0, 0)), (2, (0, 0))])), Ok(int(2)));
        assert!(r1(size_t, &int(3)).is_err());
        let t = tup(vec![ints(&[1, 2]), ints(&[2])]);
        assert_eq!(r1(merge_t, &t), Ok(ints(&[1, 2, 2])));
        let s = set(vec![idx(&[(0, 0)]), idx(&[(1, 1), (0, 0)])]);
        assert_eq!(r1(merge_f, &s), Ok(idx(&[(0, 0), (1, 1)])));
        assert!(r1(merge_f, &int(1)).is_err());
    }

    #[test]
    fn valmax_and_valmin_call_the_key_on_zero_when_empty() {
        let t = ints(&[1, -5, 3]);
        assert_eq!(r2(valmax_t, &t, &f("invert")), Ok(int(5)));
        assert_eq!(r2(valmin_t, &t, &f("invert")), Ok(int(-3)));
        assert_eq!(r2(valmax_f, &iset(&[4, 9]), &f("halve")), Ok(int(4)));
        assert_eq!(r2(valmin_f, &iset(&[4, 9]), &f("halve")), Ok(int(2)));
        assert_eq!(r2(valmax_f, &empty(), &f("increment")), Ok(int(1)));
        assert_eq!(r2(valmin_t, &unit(), &f("decrement")), Ok(int(-1)));
        assert!(r2(valmax_t, &int(1), &f("increment")).is_err());
    }

    #[test]
    fn argmax_and_argmin_take_the_first_of_ties() {
        let t = tup(vec![ints(&[1]), ints(&[2]), ints(&[3, 4])]);
        assert_eq!(r2(argmax_t, &t, &f("size")), Ok(ints(&[3, 4])));
        assert_eq!(r2(argmin_t, &t, &f("size")), Ok(ints(&[1])));
        assert_eq!(
            r2(argmin_f, &iset(&[3, -1, 2]), &f("identity")),
            Ok(int(-1))
        );
        let objs = set(vec![obj(&[(1, (0, 0))]), obj(&[(2, (1, 1))])]);
        // Equal sizes: the first object in ascending order.
        assert_eq!(r2(argmax_f, &objs, &f("size")), Ok(obj(&[(1, (0, 0))])));
        assert!(r2(argmax_f, &empty(), &f("size")).is_err());
        assert!(r2(argmin_t, &unit(), &f("size")).is_err());
    }

    #[test]
    fn mostcommon_and_leastcommon_of_tuples_and_sets() {
        assert_eq!(r1(mostcommon_t, &ints(&[3, 2, 2, 3, 1])), Ok(int(2)));
        assert_eq!(r1(leastcommon_t, &ints(&[1, 1, 3, 2])), Ok(int(2)));
        assert!(r1(mostcommon_t, &iset(&[1, 2])).is_err());
        assert!(r1(leastcommon_t, &unit()).is_err());
        // In a set every element occurs once: the first one wins.
        assert_eq!(r1(mostcommon_f, &iset(&[5, 3, 9])), Ok(int(3)));
        assert_eq!(r1(leastcommon_f, &iset(&[5, 3, 9])), Ok(int(3)));
        assert_eq!(r1(mostcommon_f, &ints(&[4, 4, 1])), Ok(int(4)));
        assert_eq!(r1(leastcommon_f, &ints(&[7, 7, 8])), Ok(int(8)));
        assert!(r1(mostcommon_f, &empty()).is_err());
        assert!(r1(leastcommon_f, &unit()).is_err());
        assert!(r1(mostcommon_f, &int(1)).is_err());
    }

    #[test]
    fn sfilter_t_and_sfilter_f_fix_the_result_kind() {
        let even = f("even");
        assert_eq!(
            r2(sfilter_t, &iset(&[1, 2, 3, 4]), &even),
            Ok(ints(&[2, 4]))
        );
        assert_eq!(
            r2(sfilter_t, &ints(&[4, 1, 2, 4]), &even),
            Ok(ints(&[4, 2, 4]))
        );
        assert_eq!(r2(sfilter_t, &empty(), &even), Ok(unit()));
        assert_eq!(
            r2(sfilter_f, &ints(&[4, 1, 2, 4]), &even),
            Ok(iset(&[2, 4]))
        );
        assert_eq!(r2(sfilter_f, &iset(&[1, 3]), &even), Ok(empty()));
        let g = grid(&[&[1, 0], &[2, 0]]);
        assert_eq!(
            r2(sfilter_f, &g, &matches("first", int(2))),
            Ok(idx(&[(2, 0)]))
        );
        assert!(r2(sfilter_t, &int(3), &even).is_err());
    }

    #[test]
    fn mfilter_t_keeps_the_items_unmerged_and_mfilter_f_merges() {
        let t = tup(vec![
            ints(&[1, 2]),
            ints(&[3]),
            ints(&[4, 5]),
            ints(&[1, 2]),
        ]);
        assert_eq!(
            r2(mfilter_t, &t, &matches("size", int(2))),
            Ok(set(vec![ints(&[1, 2]), ints(&[4, 5])]))
        );
        let objs = set(vec![
            obj(&[(1, (0, 0))]),
            obj(&[(2, (1, 1)), (2, (1, 2))]),
            obj(&[(3, (5, 5))]),
        ]);
        assert_eq!(
            r2(mfilter_f, &objs, &matches("size", int(1))),
            Ok(obj(&[(1, (0, 0)), (3, (5, 5))]))
        );
        assert_eq!(
            r2(mfilter_t, &objs, &matches("size", int(1))),
            Ok(set(vec![obj(&[(1, (0, 0))]), obj(&[(3, (5, 5))])]))
        );
        assert_eq!(r2(mfilter_t, &unit(), &f("size")), Ok(empty()));
    }

    #[test]
    fn first_and_last_are_none_for_empty_containers() {
        assert_eq!(r1(first_t, &ints(&[4, 5, 6])), Ok(int(4)));
        assert_eq!(r1(last_t, &ints(&[4, 5, 6])), Ok(int(6)));
        let g = grid(&[&[1, 2], &[3, 4]]);
        assert_eq!(r1(first_t, &g), Ok(Value::Pair(1, 2)));
        assert_eq!(r1(last_t, &g), Ok(Value::Pair(3, 4)));
        for e in [unit(), empty(), int(0), Value::None] {
            assert_eq!(r1(first_t, &e), Ok(Value::None));
            assert_eq!(r1(first_f, &e), Ok(Value::None));
            assert_eq!(r1(last_t, &e), Ok(Value::None));
            assert_eq!(r1(last_f, &e), Ok(Value::None));
        }
        // A set has no `[0]`.
        assert!(r1(first_t, &iset(&[1, 2])).is_err());
        assert!(r1(last_t, &iset(&[1, 2])).is_err());
        assert!(r1(first_t, &int(5)).is_err());
        assert_eq!(r1(first_f, &iset(&[3, 1, 2])), Ok(int(1)));
        assert_eq!(r1(last_f, &iset(&[3, 1, 2])), Ok(int(3)));
        assert_eq!(r1(first_f, &ints(&[7, 8, 9])), Ok(int(7)));
        assert_eq!(r1(last_f, &ints(&[7, 8, 9])), Ok(int(9)));
        let o = obj(&[(5, (0, 0)), (2, (9, 9))]);
        assert_eq!(r1(first_f, &o), Ok(cell(2, 9, 9)));
        assert_eq!(r1(last_f, &o), Ok(cell(5, 0, 0)));
        assert!(r1(first_f, &int(5)).is_err());
        assert!(r1(last_f, &f("size")).is_err());
    }

    #[test]
    fn remove_t_always_builds_a_tuple() {
        assert_eq!(r2(remove_t, &int(2), &iset(&[1, 2, 3])), Ok(ints(&[1, 3])));
        assert_eq!(r2(remove_t, &int(2), &ints(&[2, 1, 2])), Ok(ints(&[1])));
        assert_eq!(r2(remove_t, &int(2), &empty()), Ok(unit()));
        assert_eq!(r2(remove_f, &int(2), &iset(&[1, 2, 3])), Ok(iset(&[1, 3])));
        assert_eq!(r2(remove_f, &int(2), &ints(&[2, 1])), Ok(ints(&[1])));
        assert!(r2(remove_t, &int(1), &int(1)).is_err());
        assert!(r2(remove_f, &int(1), &Value::None).is_err());
    }

    #[test]
    fn other_falls_back_to_an_empty_container() {
        assert_eq!(r2(other_t, &ints(&[3, 3, 7]), &int(3)), Ok(int(7)));
        assert_eq!(r2(other_t, &ints(&[3, 3]), &int(3)), Ok(unit()));
        assert_eq!(r2(other_t, &iset(&[2, 5, 9]), &int(2)), Ok(int(5)));
        assert_eq!(r2(other_t, &unit(), &int(2)), Ok(unit()));
        assert_eq!(r2(other_f, &iset(&[3, 7]), &int(3)), Ok(int(7)));
        assert_eq!(r2(other_f, &iset(&[3]), &int(3)), Ok(empty()));
        assert_eq!(r2(other_f, &ints(&[3, 3]), &int(3)), Ok(empty()));
        assert_eq!(
            r2(other_f, &idx(&[(0, 0), (1, 1)]), &Value::Pair(0, 0)),
            Ok(Value::Pair(1, 1))
        );
        assert!(r2(other_t, &int(1), &int(1)).is_err());
        assert!(r2(other_f, &int(1), &int(1)).is_err());
    }

    #[test]
    fn apply_t_keeps_every_result_in_a_tuple() {
        let halve = f("halve");
        assert_eq!(r2(apply_t, &halve, &iset(&[2, 3])), Ok(ints(&[1, 1])));
        assert_eq!(r2(apply_f, &halve, &iset(&[2, 3])), Ok(iset(&[1])));
        assert_eq!(r2(apply_t, &f("double"), &ints(&[1, 2])), Ok(ints(&[2, 4])));
        assert_eq!(r2(apply_f, &f("double"), &ints(&[1, 2])), Ok(ints(&[2, 4])));
        assert_eq!(r2(apply_t, &f("size"), &empty()), Ok(unit()));
        let g = grid(&[&[1, 2], &[3, 4]]);
        assert_eq!(r2(apply_t, &f("first"), &g), Ok(ints(&[1, 3])));
        assert!(r2(apply_t, &halve, &int(3)).is_err());
        assert!(r2(apply_t, &int(3), &ints(&[1])).is_err());
    }

    #[test]
    fn rapply_t_keeps_every_result_in_a_tuple() {
        let fs = tup(vec![f("double"), f("invert")]);
        assert_eq!(r2(rapply_t, &fs, &int(3)), Ok(ints(&[6, -3])));
        assert_eq!(r2(rapply_f, &fs, &int(3)), Ok(ints(&[6, -3])));
        // Two functions with equal results: a tuple keeps both.
        let same = set(vec![f("size"), f("height_t")]);
        assert_eq!(r2(rapply_t, &same, &ints(&[1, 2, 3])), Ok(ints(&[3, 3])));
        assert_eq!(r2(rapply_f, &same, &ints(&[1, 2, 3])), Ok(iset(&[3])));
        assert_eq!(r2(rapply_t, &empty(), &int(1)), Ok(unit()));
        assert!(r2(rapply_t, &int(1), &int(1)).is_err());
    }

    #[test]
    fn mapply_t_concatenates_and_mapply_f_merges() {
        let dedupe = f("dedupe");
        let t = tup(vec![ints(&[1, 1, 2]), ints(&[2, 3])]);
        assert_eq!(r2(mapply_t, &dedupe, &t), Ok(ints(&[1, 2, 2, 3])));
        assert_eq!(r2(mapply_f, &dedupe, &t), Ok(ints(&[1, 2, 2, 3])));
        let s = set(vec![ints(&[1, 2]), ints(&[2, 1])]);
        assert_eq!(r2(mapply_t, &dedupe, &s), Ok(ints(&[1, 2, 2, 1])));
        assert_eq!(r2(mapply_f, &dedupe, &s), Ok(iset(&[1, 2])));
        let neighbours = r2(mapply_t, &f("dneighbors"), &idx(&[(5, 5)])).unwrap();
        assert_eq!(neighbours.kind(), Kind::Tuple);
        assert_eq!(neighbours.len(), Some(4));
        assert_eq!(r2(mapply_t, &dedupe, &unit()), Ok(unit()));
    }

    // --- colours -----------------------------------------------------------------

    #[test]
    fn mostcolor_and_leastcolor_of_grids() {
        let g = grid(&[&[5, 5, 1], &[1, 5, 0]]);
        assert_eq!(r1(mostcolor_t, &g), Ok(int(5)));
        assert_eq!(r1(leastcolor_t, &g), Ok(int(0)));
        let tie = grid(&[&[3, 3, 2], &[2, 1, 1]]);
        assert_eq!(r1(mostcolor_t, &tie), Ok(int(1)));
        assert_eq!(r1(leastcolor_t, &tie), Ok(int(1)));
        let rows = tup(vec![ints(&[1, 2, 2])]);
        assert_eq!(r1(mostcolor_t, &rows), Ok(int(2)));
        for e in [unit(), empty()] {
            assert!(r1(mostcolor_t, &e).is_err());
            assert!(r1(leastcolor_t, &e).is_err());
        }
        assert!(r1(mostcolor_t, &obj(&[(1, (0, 0))])).is_err());
    }

    #[test]
    fn mostcolor_and_leastcolor_of_objects() {
        let o = obj(&[(3, (0, 0)), (3, (0, 1)), (1, (5, 5))]);
        assert_eq!(r1(mostcolor_f, &o), Ok(int(3)));
        assert_eq!(r1(leastcolor_f, &o), Ok(int(1)));
        let tie = obj(&[(4, (0, 0)), (2, (0, 1))]);
        assert_eq!(r1(mostcolor_f, &tie), Ok(int(2)));
        assert_eq!(r1(leastcolor_f, &tie), Ok(int(2)));
        assert!(r1(mostcolor_f, &empty()).is_err());
        assert!(r1(leastcolor_f, &idx(&[(0, 0)])).is_err());
        assert!(r1(mostcolor_f, &grid(&[&[1]])).is_err());
    }

    #[test]
    fn palette_and_numcolors() {
        let g = grid(&[&[1, 2], &[2, 0]]);
        assert_eq!(r1(palette_t, &g), Ok(iset(&[0, 1, 2])));
        assert_eq!(r1(numcolors_t, &g), Ok(int(3)));
        assert_eq!(r1(palette_t, &unit()), Ok(empty()));
        assert_eq!(r1(numcolors_t, &empty()), Ok(int(0)));
        let o = obj(&[(7, (2, 5)), (1, (4, 1)), (7, (0, 0))]);
        assert_eq!(r1(palette_t, &o), Ok(iset(&[1, 7])));
        assert!(r1(palette_t, &idx(&[(0, 1)])).is_err());
        assert_eq!(r1(palette_f, &o), Ok(iset(&[1, 7])));
        assert_eq!(r1(numcolors_f, &o), Ok(int(2)));
        assert_eq!(r1(palette_f, &empty()), Ok(empty()));
        assert_eq!(r1(numcolors_f, &unit()), Ok(int(0)));
        assert!(r1(palette_f, &idx(&[(0, 0)])).is_err());
        assert!(r1(numcolors_f, &int(1)).is_err());
    }

    #[test]
    fn colorcount_of_grids_and_objects() {
        let g = grid(&[&[1, 2], &[2, 0]]);
        assert_eq!(r2(colorcount_t, &g, &int(2)), Ok(int(2)));
        assert_eq!(r2(colorcount_t, &g, &int(9)), Ok(int(0)));
        assert_eq!(r2(colorcount_t, &empty(), &int(9)), Ok(int(0)));
        let o = obj(&[(7, (2, 5)), (1, (4, 1)), (7, (0, 0))]);
        assert!(r2(colorcount_t, &o, &int(7)).is_err());
        assert_eq!(r2(colorcount_f, &o, &int(7)), Ok(int(2)));
        assert_eq!(r2(colorcount_f, &empty(), &int(7)), Ok(int(0)));
        // Not a frozenset: the dialect's None.
        assert_eq!(r2(colorcount_f, &g, &int(1)), Ok(Value::None));
        assert_eq!(r2(colorcount_f, &int(1), &int(1)), Ok(Value::None));
        assert!(r2(colorcount_f, &idx(&[(1, 1)]), &int(1)).is_err());
    }

    #[test]
    fn f_ofcolor_lists_the_indices_of_a_colour() {
        let g = grid(&[&[1, 2], &[2, 0]]);
        assert_eq!(r2(f_ofcolor, &g, &int(2)), Ok(idx(&[(0, 1), (1, 0)])));
        assert_eq!(r2(f_ofcolor, &g, &int(5)), Ok(empty()));
        assert_eq!(r2(f_ofcolor, &empty(), &int(1)), Ok(empty()));
        assert!(r2(f_ofcolor, &obj(&[(1, (0, 0))]), &int(1)).is_err());
        assert!(r2(f_ofcolor, &int(1), &int(1)).is_err());
    }

    #[test]
    fn recolor_of_indices_and_objects() {
        let ix = idx(&[(0, 0), (1, 1)]);
        assert_eq!(
            r2(recolor_i, &int(3), &ix),
            Ok(obj(&[(3, (0, 0)), (3, (1, 1))]))
        );
        assert_eq!(
            r2(recolor_i, &int(3), &tup(vec![Value::Pair(1, 1)])),
            Ok(obj(&[(3, (1, 1))]))
        );
        assert_eq!(r2(recolor_i, &int(3), &empty()), Ok(empty()));
        let o = obj(&[(7, (0, 0)), (1, (0, 0)), (1, (2, 2))]);
        assert!(r2(recolor_i, &int(3), &o).is_err());
        assert_eq!(
            r2(recolor_o, &int(3), &o),
            Ok(obj(&[(3, (0, 0)), (3, (2, 2))]))
        );
        assert!(r2(recolor_o, &int(3), &ix).is_err());
        assert_eq!(r2(recolor_o, &int(3), &int(5)), Ok(empty()));
    }

    // --- extents -----------------------------------------------------------------

    #[test]
    fn height_width_and_shape_of_grids() {
        let g = grid(&[&[1, 2, 3], &[4, 5, 6]]);
        assert_eq!(r1(height_t, &g), Ok(int(2)));
        assert_eq!(r1(width_t, &g), Ok(int(3)));
        assert_eq!(r1(shape_t, &g), Ok(Value::Pair(2, 3)));
        assert_eq!(r1(height_t, &iset(&[1, 2, 3])), Ok(int(3)));
        assert_eq!(r1(shape_t, &unit()), Ok(Value::Pair(0, 0)));
        assert_eq!(r1(shape_t, &empty()), Ok(Value::Pair(0, 0)));
        assert_eq!(r1(width_t, &int(0)), Ok(int(0)));
        assert_eq!(
            r1(width_t, &Value::grid(Grid::new(2, 0, vec![]).unwrap())),
            Ok(int(0))
        );
        assert!(r1(width_t, &iset(&[1])).is_err());
        assert!(r1(height_t, &int(3)).is_err());
        assert!(r1(width_t, &ints(&[1, 2])).is_err());
    }

    #[test]
    fn height_width_and_shape_of_patches() {
        let ix = idx(&[(1, 0), (3, 5)]);
        assert_eq!(r1(height_f, &ix), Ok(int(3)));
        assert_eq!(r1(width_f, &ix), Ok(int(6)));
        assert_eq!(r1(shape_f, &ix), Ok(Value::Pair(3, 6)));
        assert_eq!(r1(height_i, &ix), Ok(int(3)));
        assert_eq!(r1(width_i, &ix), Ok(int(6)));
        // A tuple of indices is a patch, not a grid.
        let t = tup(vec![Value::Pair(1, 0), Value::Pair(3, 5)]);
        assert_eq!(r1(height_f, &t), Ok(int(3)));
        assert_eq!(r1(height_i, &t), Ok(int(3)));
        let o = obj(&[(1, (2, 2)), (1, (4, 3))]);
        assert_eq!(r1(height_o, &o), Ok(int(3)));
        assert_eq!(r1(width_o, &o), Ok(int(2)));
        assert_eq!(r1(height_f, &o), Ok(int(3)));
        for e in [empty(), unit()] {
            for p in [height_f, height_i, height_o, width_f, width_i, width_o] {
                assert_eq!(r1(p, &e), Ok(int(0)));
            }
            assert_eq!(r1(shape_f, &e), Ok(Value::Pair(0, 0)));
        }
        assert!(r1(height_i, &o).is_err());
        assert!(r1(width_i, &o).is_err());
        assert!(r1(height_o, &ix).is_err());
        assert!(r1(width_o, &ix).is_err());
        assert!(r1(height_f, &int(1)).is_err());
        assert!(r1(width_f, &iset(&[1, 2])).is_err());
    }

    #[test]
    fn portrait_and_square() {
        assert_eq!(
            r1(portrait_t, &grid(&[&[1], &[2], &[3]])),
            Ok(Value::Bool(true))
        );
        assert_eq!(r1(portrait_t, &grid(&[&[1, 2, 3]])), Ok(Value::Bool(false)));
        assert_eq!(r1(portrait_t, &unit()), Ok(Value::Bool(false)));
        assert_eq!(
            r1(portrait_f, &idx(&[(0, 0), (2, 0)])),
            Ok(Value::Bool(true))
        );
        assert_eq!(r1(portrait_f, &empty()), Ok(Value::Bool(false)));
        assert_eq!(
            r1(square_t, &grid(&[&[1, 2], &[3, 4]])),
            Ok(Value::Bool(true))
        );
        assert_eq!(
            r1(square_t, &grid(&[&[1, 2, 3], &[4, 5, 6]])),
            Ok(Value::Bool(false))
        );
        assert!(r1(square_t, &unit()).is_err());
        assert!(r1(square_t, &iset(&[1])).is_err());
        let full = idx(&[(0, 0), (0, 1), (1, 0), (1, 1)]);
        assert_eq!(r1(square_f, &full), Ok(Value::Bool(true)));
        assert_eq!(
            r1(square_f, &idx(&[(0, 0), (1, 1)])),
            Ok(Value::Bool(false))
        );
        assert_eq!(r1(square_f, &idx(&[(4, 4)])), Ok(Value::Bool(true)));
        assert_eq!(r1(square_f, &empty()), Ok(Value::Bool(true)));
        assert!(r1(square_f, &int(0)).is_err());
    }

    #[test]
    fn vline_and_hline() {
        let v = idx(&[(0, 2), (1, 2), (2, 2)]);
        assert_eq!(r1(vline_i, &v), Ok(Value::Bool(true)));
        assert_eq!(r1(hline_i, &v), Ok(Value::Bool(false)));
        assert_eq!(r1(vline_i, &idx(&[(0, 2), (2, 2)])), Ok(Value::Bool(false)));
        assert_eq!(r1(hline_i, &idx(&[(3, 0), (3, 1)])), Ok(Value::Bool(true)));
        let o = obj(&[(1, (0, 0)), (1, (1, 0))]);
        assert_eq!(r1(vline_o, &o), Ok(Value::Bool(true)));
        assert_eq!(
            r1(hline_o, &obj(&[(1, (3, 0)), (2, (3, 1))])),
            Ok(Value::Bool(true))
        );
        // Two cells at one index: one row and column, but two cells.
        let stacked = obj(&[(1, (0, 0)), (2, (0, 0))]);
        assert_eq!(r1(vline_o, &stacked), Ok(Value::Bool(false)));
        assert_eq!(r1(hline_o, &stacked), Ok(Value::Bool(false)));
        for p in [vline_i, vline_o, hline_i, hline_o] {
            assert_eq!(r1(p, &empty()), Ok(Value::Bool(false)));
        }
        assert!(r1(vline_i, &o).is_err());
        assert!(r1(hline_i, &o).is_err());
        assert!(r1(vline_o, &v).is_err());
        assert!(r1(hline_o, &v).is_err());
    }

    #[test]
    fn extremes_of_indices_and_objects() {
        let ix = idx(&[(2, 5), (4, 1)]);
        assert_eq!(r1(uppermost_i, &ix), Ok(int(2)));
        assert_eq!(r1(lowermost_i, &ix), Ok(int(4)));
        assert_eq!(r1(leftmost_i, &ix), Ok(int(1)));
        assert_eq!(r1(rightmost_i, &ix), Ok(int(5)));
        let o = obj(&[(7, (2, 5)), (1, (4, 1))]);
        assert_eq!(r1(uppermost_o, &o), Ok(int(2)));
        assert_eq!(r1(lowermost_o, &o), Ok(int(4)));
        assert_eq!(r1(leftmost_o, &o), Ok(int(1)));
        assert_eq!(r1(rightmost_o, &o), Ok(int(5)));
        let all_i = [uppermost_i, lowermost_i, leftmost_i, rightmost_i];
        let all_o = [uppermost_o, lowermost_o, leftmost_o, rightmost_o];
        for p in all_i.iter().chain(&all_o) {
            // Empty: the dialect's infinities, or `max` of nothing.
            assert!(r1(*p, &empty()).is_err());
            assert!(r1(*p, &int(3)).is_err());
        }
        for p in all_i {
            assert!(r1(p, &o).is_err());
        }
        for p in all_o {
            assert!(r1(p, &ix).is_err());
        }
    }

    #[test]
    fn corners_of_indices_and_objects() {
        let ix = idx(&[(2, 5), (4, 1)]);
        assert_eq!(r1(ulcorner_i, &ix), Ok(Value::Pair(2, 1)));
        assert_eq!(r1(urcorner_i, &ix), Ok(Value::Pair(2, 5)));
        assert_eq!(r1(llcorner_i, &ix), Ok(Value::Pair(4, 1)));
        assert_eq!(r1(lrcorner_i, &ix), Ok(Value::Pair(4, 5)));
        let o = obj(&[(7, (2, 5)), (1, (4, 1))]);
        assert_eq!(r1(ulcorner_o, &o), Ok(Value::Pair(2, 1)));
        assert_eq!(r1(urcorner_o, &o), Ok(Value::Pair(2, 5)));
        assert_eq!(r1(llcorner_o, &o), Ok(Value::Pair(4, 1)));
        assert_eq!(r1(lrcorner_o, &o), Ok(Value::Pair(4, 5)));
        for p in [
            ulcorner_i, urcorner_i, llcorner_i, lrcorner_i, ulcorner_o, urcorner_o, llcorner_o,
            lrcorner_o,
        ] {
            assert_eq!(r1(p, &empty()), Ok(unit()));
        }
        // Unsized: the dialect's toindices_o gives the empty set.
        assert_eq!(r1(ulcorner_o, &int(3)), Ok(unit()));
        assert!(r1(ulcorner_i, &int(3)).is_err());
        assert!(r1(ulcorner_o, &ix).is_err());
        assert!(r1(lrcorner_o, &ix).is_err());
        // An object zipped as (i, j, c) triples.
        assert_eq!(r1(ulcorner_i, &o), Ok(ints(&[2, 1, 1])));
        assert_eq!(r1(lrcorner_i, &o), Ok(ints(&[4, 5, 7])));
        assert!(r1(urcorner_i, &o).is_err());
        assert!(r1(llcorner_i, &o).is_err());
    }

    #[test]
    fn toindices_and_normalize() {
        let o = obj(&[(7, (2, 5)), (1, (2, 5)), (1, (4, 1))]);
        assert_eq!(r1(toindices_i, &o), Ok(o.clone()));
        assert_eq!(r1(toindices_i, &int(3)), Ok(int(3)));
        assert_eq!(r1(toindices_o, &o), Ok(idx(&[(2, 5), (4, 1)])));
        assert_eq!(r1(toindices_o, &int(3)), Ok(empty()));
        assert_eq!(r1(toindices_o, &unit()), Ok(empty()));
        assert!(r1(toindices_o, &idx(&[(0, 0)])).is_err());
        let g = grid(&[&[1, 2]]);
        assert_eq!(r1(normalize_t, &g), Ok(g.clone()));
        assert_eq!(r1(normalize_t, &int(5)), Ok(int(5)));
        let ix = idx(&[(2, 5), (4, 1)]);
        assert_eq!(r1(normalize_i, &ix), Ok(idx(&[(0, 4), (2, 0)])));
        assert_eq!(
            r1(normalize_o, &obj(&[(7, (2, 5)), (1, (4, 1))])),
            Ok(obj(&[(7, (0, 4)), (1, (2, 0))]))
        );
        // Empty arguments come back unchanged.
        let same = r1(normalize_i, &unit()).unwrap();
        assert_eq!(same.kind(), Kind::Tuple);
        assert_eq!(r1(normalize_o, &empty()), Ok(empty()));
        assert!(r1(normalize_i, &o).is_err());
        assert!(r1(normalize_o, &ix).is_err());
        assert!(r1(normalize_i, &int(1)).is_err());
    }

    // --- mirrors and upscaling -----------------------------------------------------

    #[test]
    fn mirrors_of_grids() {
        let g = grid(&[&[1, 2, 3], &[4, 5, 6]]);
        assert_eq!(r1(hmirror_t, &g), Ok(grid(&[&[4, 5, 6], &[1, 2, 3]])));
        assert_eq!(r1(vmirror_t, &g), Ok(grid(&[&[3, 2, 1], &[6, 5, 4]])));
        assert_eq!(r1(dmirror_t, &g), Ok(grid(&[&[1, 4], &[2, 5], &[3, 6]])));
        assert_eq!(r1(cmirror_t, &g), Ok(grid(&[&[6, 3], &[5, 2], &[4, 1]])));
        assert_eq!(r1(hmirror_t, &ints(&[1, 2, 3])), Ok(ints(&[3, 2, 1])));
        for p in [hmirror_t, vmirror_t, dmirror_t, cmirror_t] {
            assert_eq!(r1(p, &unit()), Ok(unit()));
            assert!(r1(p, &idx(&[(0, 0)])).is_err());
            assert!(r1(p, &int(1)).is_err());
        }
        // Iterating the empty set gives no rows; slicing it fails.
        assert_eq!(r1(vmirror_t, &empty()), Ok(unit()));
        assert_eq!(r1(dmirror_t, &empty()), Ok(unit()));
        assert!(r1(hmirror_t, &empty()).is_err());
        assert!(r1(cmirror_t, &empty()).is_err());
    }

    #[test]
    fn mirrors_of_patches() {
        let ix = idx(&[(0, 0), (0, 1), (2, 1)]);
        let h = idx(&[(0, 1), (2, 0), (2, 1)]);
        let v = idx(&[(0, 0), (0, 1), (2, 0)]);
        let d = idx(&[(0, 0), (1, 0), (1, 2)]);
        let cm = idx(&[(0, 0), (0, 2), (1, 2)]);
        assert_eq!(r1(hmirror_f, &ix), Ok(h.clone()));
        assert_eq!(r1(hmirror_i, &ix), Ok(h.clone()));
        assert_eq!(r1(vmirror_f, &ix), Ok(v.clone()));
        assert_eq!(r1(vmirror_i, &ix), Ok(v));
        assert_eq!(r1(dmirror_f, &ix), Ok(d.clone()));
        assert_eq!(r1(dmirror_i, &ix), Ok(d));
        assert_eq!(r1(cmirror_f, &ix), Ok(cm.clone()));
        assert_eq!(r1(cmirror_i, &ix), Ok(cm));
        // A tuple of indices is mirrored as a patch, into a set.
        let t = tup(vec![
            Value::Pair(0, 0),
            Value::Pair(0, 1),
            Value::Pair(2, 1),
        ]);
        assert_eq!(r1(hmirror_f, &t), Ok(h));
        let o = obj(&[(5, (0, 0)), (6, (2, 1))]);
        assert_eq!(r1(hmirror_o, &o), Ok(obj(&[(5, (2, 0)), (6, (0, 1))])));
        assert_eq!(r1(vmirror_o, &o), Ok(obj(&[(5, (0, 1)), (6, (2, 0))])));
        assert_eq!(r1(dmirror_o, &o), Ok(obj(&[(5, (0, 0)), (6, (1, 2))])));
        let co = obj(&[(5, (1, 2)), (6, (0, 0))]);
        assert_eq!(r1(cmirror_o, &o), Ok(co.clone()));
        assert_eq!(r1(cmirror_f, &o), Ok(co.clone()));
        assert_eq!(r1(cmirror_i, &o), Ok(co));
        for p in [hmirror_i, vmirror_i, dmirror_i] {
            assert!(r1(p, &o).is_err());
        }
        for p in [hmirror_o, vmirror_o, dmirror_o] {
            assert!(r1(p, &ix).is_err());
        }
    }

    #[test]
    fn mirrors_of_empty_patches() {
        // Only vmirror_f guards the empty set; the other mirrors read its
        // missing corner and fail.
        assert_eq!(r1(vmirror_f, &empty()), Ok(empty()));
        assert!(r1(vmirror_f, &unit()).is_err());
        for p in [
            hmirror_f, hmirror_i, hmirror_o, vmirror_i, vmirror_o, dmirror_f, dmirror_i, dmirror_o,
            cmirror_f, cmirror_i, cmirror_o,
        ] {
            assert!(r1(p, &empty()).is_err());
            assert!(r1(p, &int(2)).is_err());
        }
    }

    #[test]
    fn upscale_of_grids() {
        let g = grid(&[&[1, 2]]);
        assert_eq!(
            r2(upscale_t, &g, &int(2)),
            Ok(grid(&[&[1, 1, 2, 2], &[1, 1, 2, 2]]))
        );
        assert_eq!(r2(upscale_t, &g, &int(0)), Ok(unit()));
        assert_eq!(r2(upscale_t, &g, &int(-2)), Ok(unit()));
        assert_eq!(r2(upscale_t, &unit(), &int(3)), Ok(unit()));
        assert_eq!(r2(upscale_t, &empty(), &int(3)), Ok(unit()));
        assert!(r2(upscale_t, &obj(&[(1, (0, 0))]), &int(2)).is_err());
        assert!(r2(upscale_t, &g, &Value::None).is_err());
    }

    #[test]
    fn upscale_of_objects() {
        let o = obj(&[(5, (1, 1))]);
        assert_eq!(
            r2(upscale_f, &o, &int(2)),
            Ok(obj(&[(5, (1, 1)), (5, (1, 2)), (5, (2, 1)), (5, (2, 2))]))
        );
        let two = obj(&[(5, (1, 1)), (6, (1, 2))]);
        assert_eq!(
            r2(upscale_f, &two, &int(2)),
            Ok(obj(&[
                (5, (1, 1)),
                (5, (1, 2)),
                (5, (2, 1)),
                (5, (2, 2)),
                (6, (1, 3)),
                (6, (1, 4)),
                (6, (2, 3)),
                (6, (2, 4)),
            ]))
        );
        assert_eq!(r2(upscale_f, &o, &int(1)), Ok(o.clone()));
        assert_eq!(r2(upscale_f, &o, &int(0)), Ok(empty()));
        assert_eq!(r2(upscale_f, &o, &int(-3)), Ok(empty()));
        assert_eq!(r2(upscale_f, &empty(), &int(2)), Ok(empty()));
        assert!(r2(upscale_f, &idx(&[(0, 0)]), &int(2)).is_err());
        assert!(r2(upscale_f, &idx(&[(0, 0)]), &int(0)).is_err());
        assert!(r2(upscale_f, &int(1), &int(2)).is_err());
        assert!(r2(upscale_f, &o, &Value::None).is_err());
    }

    // --- the table and robustness --------------------------------------------------

    #[test]
    fn the_table_follows_the_catalogue() {
        let sigs = batt_gen::dialect::PRIMITIVES;
        let start = sigs.iter().position(|s| s.name == "combine_t").unwrap();
        let names: Vec<(&str, usize)> = PRIMS
            .iter()
            .map(|p| (p.name, usize::from(p.arity)))
            .collect();
        let expected: Vec<(&str, usize)> = sigs[start..]
            .iter()
            .map(|s| (s.name, s.params.len()))
            .collect();
        assert_eq!(names, expected);
        assert_eq!(PRIMS[2].call(&mut c(), &[ints(&[1, 2, 3])]), Ok(int(3)));
    }

    #[test]
    fn budgets_are_charged() {
        let big = Value::grid(Grid::filled(30, 30, 1).unwrap());
        for p in [mostcolor_t, palette_t, vmirror_t, dmirror_t] {
            let mut ctx = Ctx::new(100);
            assert_eq!(p(&mut ctx, &big), Err(DslError::Budget));
        }
        let many = Value::indices((0..1000).map(|k| (k, k)).collect());
        for p in [height_i, uppermost_i, hmirror_i, normalize_i] {
            let mut ctx = Ctx::new(100);
            assert_eq!(p(&mut ctx, &many), Err(DslError::Budget));
        }
        let mut ctx = Ctx::new(100);
        assert_eq!(
            upscale_f(&mut ctx, &obj(&[(1, (0, 0))]), &int(1_000)),
            Err(DslError::Budget)
        );
    }

    #[test]
    fn no_primitive_panics_on_odd_arguments() {
        let mut samples = vec![
            int(0),
            int(-3),
            int(2),
            int(i64::MAX),
            int(i64::MIN),
            Value::Bool(true),
            Value::None,
            Value::Pair(1, 1),
            Value::Pair(i64::MAX, i64::MIN),
            grid(&[&[1, 2], &[3, 4]]),
            grid(&[&[1, 2, 3]]),
            Value::grid(Grid::new(2, 0, vec![]).unwrap()),
            unit(),
            empty(),
            ints(&[1, 2, 3]),
            idx(&[(0, 0), (-1, 5)]),
            idx(&[(i32::MIN, i32::MAX), (i32::MAX, i32::MIN)]),
            obj(&[(1, (0, 0)), (300, (2, 2))]),
            obj(&[(i32::MAX, (i32::MAX, i32::MIN)), (-5, (0, 0))]),
            tup(vec![Value::Pair(0, 0), Value::Pair(2, 1)]),
            tup(vec![cell(1, 0, 0), cell(2, 1, 1)]),
            set(vec![int(1), Value::Pair(0, 0), ints(&[1, 2, 3])]),
            tup(vec![grid(&[&[1]]), grid(&[&[2], &[3]])]),
            tup(vec![Value::None, int(1), iset(&[1])]),
            set(vec![idx(&[(0, 0)]), idx(&[(1, 1)])]),
            f("size"),
            f("first"),
            f("dneighbors"),
        ];
        samples.push(compose(&mut c(), &f("size"), &f("size")).unwrap());
        call_with_every_combination(PRIMS, &samples);
    }
}

//! The dialect's sample-level primitives, its colour lists and `c_branch`.
//!
//! `S` is the task's demonstration pairs, a tuple of `(input, output)`
//! grids. The `*_iz` primitives give what `function` finds in the inputs
//! and not in the outputs, the `*_zo` ones the reverse; their `_n`
//! variants pick one item of that. `a_mr` finds the mirror or rotation
//! code that turns every input into its output.
//!
//! The four families differ as the dialect's code does:
//!
//! - `c_` and `b_` concatenate the tuples `function` returns
//!   (`mapply_t`), drop repeats (`dedupe`) and keep the items of one side
//!   not on the other, in order;
//! - `i_` merges with `mapply`, which keeps `S`'s kind (a tuple for a
//!   tuple `S`), and keeps repeats;
//! - `f_` merges with `mapply` and drops repeats: for a tuple `S` it is the
//!   `c_` family; for a set `S` the dialect's `dedupe` of a non-empty set
//!   raises, so it is an error here too.

use std::slice;

use crate::dsl::PrimDef;
use crate::dsl::arith;
use crate::dsl::callable::{self, call};
use crate::dsl::containers;
use crate::dsl::error::{Ctx, DslError, Result};
use crate::dsl::patches;
use crate::dsl::shape::{self, Patch, container_kind, rebuild};
use crate::dsl::value::{Kind, Value};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// The dialect's `first`: the first item in iteration order, `None` when
/// the container is empty.
fn first_item(v: &Value) -> Result<Value> {
    container_kind(v)?;
    Ok(v.get(0).unwrap_or(Value::None))
}

/// `a, b = v` for a tuple of exactly two items. A set is refused: which of
/// its items Python unpacks first depends on hashing.
fn unpack2(v: &Value) -> Result<(Value, Value)> {
    match v.kind() {
        Kind::Tuple => match (v.len(), v.get(0), v.get(1)) {
            (Some(2), Some(a), Some(b)) => Ok((a, b)),
            _ => Err(DslError::Value("expected exactly two values to unpack")),
        },
        Kind::Set => Err(DslError::Type(
            "unpacking a set depends on Python's hash order",
        )),
        _ => Err(DslError::Type("cannot unpack a non-iterable value")),
    }
}

/// The work of comparing or reading a value: a grid's cells, a
/// container's items, 1 for anything else.
fn weight(v: &Value) -> usize {
    match v {
        Value::Grid(g) => g.cells().len(),
        _ => v.len().unwrap_or(1),
    }
}

/// `apply(first, S)` and `apply(second, S)`: the inputs and the outputs,
/// each in a container of `S`'s kind.
fn sides(ctx: &mut Ctx, s: &Value) -> Result<(Value, Value)> {
    let kind = container_kind(s)?;
    let pairs = shape::items(ctx, s)?;
    let firsts = pairs.iter().map(first_item).collect::<Result<Vec<_>>>()?;
    let seconds = pairs
        .iter()
        .map(|p| second(ctx, p))
        .collect::<Result<Vec<_>>>()?;
    Ok((rebuild(kind, firsts), rebuild(kind, seconds)))
}

/// `mapply_t(function, container)`: the items of the containers
/// `function` returns for each item, concatenated into a tuple.
fn mapply_tuple(ctx: &mut Ctx, function: &Value, container: &Value) -> Result<Value> {
    container_kind(container)?;
    let items = shape::items(ctx, container)?;
    let applied = items
        .iter()
        .map(|e| call(ctx, function, slice::from_ref(e)))
        .collect::<Result<Vec<_>>>()?;
    shape::merge(ctx, &Value::tuple(applied))
}

/// The dialect's `dedupe`: the first occurrence of each item of a tuple.
/// Of a set it raises (sets have no `index`), except of the empty set,
/// whose loop never runs: `()`.
fn dedupe_items(ctx: &mut Ctx, v: &Value) -> Result<Value> {
    if v.kind() == Kind::Set && v.is_empty() {
        return Ok(Value::empty_tuple());
    }
    containers::dedupe(ctx, v)
}

/// How a sample family merges what `function` finds on one side of `S`.
#[derive(Clone, Copy)]
enum Merge {
    /// `dedupe(mapply_t(function, side))`: the `c_` and `b_` families.
    TupleDeduped,
    /// `mapply(function, side)`: the `i_` family.
    Kept,
    /// `dedupe(mapply(function, side))`: the `f_` family.
    Deduped,
}

/// One side of `S` after `function`, merged as `merge` says.
fn merged_side(ctx: &mut Ctx, side: &Value, function: &Value, merge: Merge) -> Result<Value> {
    match merge {
        Merge::TupleDeduped => {
            let all = mapply_tuple(ctx, function, side)?;
            dedupe_items(ctx, &all)
        }
        Merge::Kept => callable::mapply(ctx, function, side),
        Merge::Deduped => {
            let all = callable::mapply(ctx, function, side)?;
            dedupe_items(ctx, &all)
        }
    }
}

/// What `function` finds in the inputs of `S` and not in the outputs
/// (`inputs_first`), or the reverse, in the family's `merge`.
fn sample_difference(
    ctx: &mut Ctx,
    s: &Value,
    function: &Value,
    merge: Merge,
    inputs_first: bool,
) -> Result<Value> {
    let (inputs, outputs) = sides(ctx, s)?;
    let found_in = merged_side(ctx, &inputs, function, merge)?;
    let found_out = merged_side(ctx, &outputs, function, merge)?;
    if inputs_first {
        difference_tuple(ctx, &found_in, &found_out)
    } else {
        difference_tuple(ctx, &found_out, &found_in)
    }
}

/// `C_(t[index]) if index < len(t) else None`: the item at a Python index
/// (negative counts from the end) as an integer; `None` past the end.
fn code_at(t: &Value, index: &Value) -> Result<Value> {
    let k = index.int("an index is an integer")?;
    if t.kind() != Kind::Tuple {
        return Err(DslError::Type("expected a tuple"));
    }
    let n = i64::try_from(t.len().unwrap_or(0)).map_err(|_| DslError::Value("tuple too long"))?;
    if k >= n {
        return Ok(Value::None);
    }
    let pos = if k < 0 { k + n } else { k };
    let item = usize::try_from(pos)
        .ok()
        .and_then(|p| t.get(p))
        .ok_or(DslError::Value("tuple index out of range"))?;
    item.as_int()
        .map(Value::Int)
        .ok_or(DslError::Type("a colour code is an integer"))
}

// ---------------------------------------------------------------------------
// Samples
// ---------------------------------------------------------------------------

/// `second(container)`: the second item in iteration order (a set's
/// second smallest, a grid's second row); `None` for a container of one
/// item, an error for an empty one.
pub fn second(ctx: &mut Ctx, container: &Value) -> Result<Value> {
    ctx.charge(1)?;
    container_kind(container)?;
    if container.is_empty() {
        return Err(DslError::Value("second of an empty container"));
    }
    Ok(container.get(1).unwrap_or(Value::None))
}

/// `difference_tuple(a, b)`: the items of `a` not in `b`, in order and with
/// repeats, in a container of `a`'s kind. `b` is only read when `a` has
/// items: the reference's `difference` since arc-dsl 4109009 (March 2023).
pub fn difference_tuple(ctx: &mut Ctx, a: &Value, b: &Value) -> Result<Value> {
    containers::difference(ctx, a, b)
}

/// `dedupe_pair_tuple(S)`: the pairs of `S` whose input differs from its
/// output, as a tuple in order. An item that is not a 2-tuple is an error.
pub fn dedupe_pair_tuple(ctx: &mut Ctx, s: &Value) -> Result<Value> {
    container_kind(s)?;
    let pairs = shape::items(ctx, s)?;
    let mut kept = Vec::new();
    for p in pairs.iter() {
        let (input, output) = unpack2(p)?;
        ctx.charge(weight(&input))?;
        if !input.py_eq(&output) {
            kept.push(p.clone());
        }
    }
    Ok(Value::tuple(kept))
}

/// `c_iz(S, function)`: the items of the tuples `function` returns for the
/// inputs, without repeats, that it returns for no output; in order.
pub fn c_iz(ctx: &mut Ctx, s: &Value, function: &Value) -> Result<Value> {
    sample_difference(ctx, s, function, Merge::TupleDeduped, true)
}

/// `c_zo(S, function)`: the items `function` finds in the outputs and in
/// no input (see [`c_iz`]).
pub fn c_zo(ctx: &mut Ctx, s: &Value, function: &Value) -> Result<Value> {
    sample_difference(ctx, s, function, Merge::TupleDeduped, false)
}

/// `c_iz_n(S, function, pick)`: `pick(c_iz(S, function))`.
pub fn c_iz_n(ctx: &mut Ctx, s: &Value, function: &Value, pick: &Value) -> Result<Value> {
    let found = c_iz(ctx, s, function)?;
    call(ctx, pick, &[found])
}

/// `c_zo_n(S, function, pick)`: `pick(c_zo(S, function))`.
pub fn c_zo_n(ctx: &mut Ctx, s: &Value, function: &Value, pick: &Value) -> Result<Value> {
    let found = c_zo(ctx, s, function)?;
    call(ctx, pick, &[found])
}

/// `b_iz(S, function)`: the same as [`c_iz`].
pub fn b_iz(ctx: &mut Ctx, s: &Value, function: &Value) -> Result<Value> {
    c_iz(ctx, s, function)
}

/// `b_zo(S, function)`: the same as [`c_zo`].
pub fn b_zo(ctx: &mut Ctx, s: &Value, function: &Value) -> Result<Value> {
    c_zo(ctx, s, function)
}

/// `b_iz_n(S, function, index)`: item `index` of `b_iz(S, function)` as an
/// integer (a negative index counts from the end); `None` when `index` is
/// past the end, an error before the start or for a non-integer item.
pub fn b_iz_n(ctx: &mut Ctx, s: &Value, function: &Value, index: &Value) -> Result<Value> {
    let found = b_iz(ctx, s, function)?;
    code_at(&found, index)
}

/// `b_zo_n(S, function, index)`: item `index` of `b_zo(S, function)`, as
/// [`b_iz_n`] reads it.
pub fn b_zo_n(ctx: &mut Ctx, s: &Value, function: &Value, index: &Value) -> Result<Value> {
    let found = b_zo(ctx, s, function)?;
    code_at(&found, index)
}

/// `i_iz(S, function)`: the items `mapply(function, inputs)` holds that
/// `mapply(function, outputs)` does not, repeats kept; a tuple for a tuple
/// `S` (the dialect's `mapply` keeps its container's kind).
pub fn i_iz(ctx: &mut Ctx, s: &Value, function: &Value) -> Result<Value> {
    sample_difference(ctx, s, function, Merge::Kept, true)
}

/// `i_zo(S, function)`: the items found for the outputs and not for the
/// inputs (see [`i_iz`]).
pub fn i_zo(ctx: &mut Ctx, s: &Value, function: &Value) -> Result<Value> {
    sample_difference(ctx, s, function, Merge::Kept, false)
}

/// `i_iz_n(S, function, pick)`: `pick(i_iz(S, function))`.
pub fn i_iz_n(ctx: &mut Ctx, s: &Value, function: &Value, pick: &Value) -> Result<Value> {
    let found = i_iz(ctx, s, function)?;
    call(ctx, pick, &[found])
}

/// `i_zo_n(S, function, pick)`: `pick(i_zo(S, function))`.
pub fn i_zo_n(ctx: &mut Ctx, s: &Value, function: &Value, pick: &Value) -> Result<Value> {
    let found = i_zo(ctx, s, function)?;
    call(ctx, pick, &[found])
}

/// `f_iz(S, function)`: as [`i_iz`] without repeats; for a tuple `S` the
/// same as [`c_iz`]. A non-empty set `S` is an error, as the dialect's
/// `dedupe` of a set is.
pub fn f_iz(ctx: &mut Ctx, s: &Value, function: &Value) -> Result<Value> {
    sample_difference(ctx, s, function, Merge::Deduped, true)
}

/// `f_zo(S, function)`: as [`i_zo`] without repeats (see [`f_iz`]).
pub fn f_zo(ctx: &mut Ctx, s: &Value, function: &Value) -> Result<Value> {
    sample_difference(ctx, s, function, Merge::Deduped, false)
}

/// `f_iz_n(S, function, pick)`: `pick(f_iz(S, function))`.
pub fn f_iz_n(ctx: &mut Ctx, s: &Value, function: &Value, pick: &Value) -> Result<Value> {
    let found = f_iz(ctx, s, function)?;
    call(ctx, pick, &[found])
}

/// `f_zo_n(S, function, pick)`: `pick(f_zo(S, function))`.
pub fn f_zo_n(ctx: &mut Ctx, s: &Value, function: &Value, pick: &Value) -> Result<Value> {
    let found = f_zo(ctx, s, function)?;
    call(ctx, pick, &[found])
}

/// `a_mr(S)`: the first code 0..=7 whose mirror or rotation (see
/// `mir_rot_t`; 7 leaves the grid unchanged) turns every input of `S`
/// into its output, or `None`. An empty `S` gives 0.
pub fn a_mr(ctx: &mut Ctx, s: &Value) -> Result<Value> {
    container_kind(s)?;
    let pairs = shape::items(ctx, s)?;
    'codes: for code in 0..8 {
        for p in pairs.iter() {
            let (input, output) = unpack2(p)?;
            let turned = super::ranks::mir_rot_t(ctx, &input, &Value::Int(code))?;
            ctx.charge(weight(&output))?;
            if !output.py_eq(&turned) {
                continue 'codes;
            }
        }
        return Ok(Value::Int(code));
    }
    Ok(Value::None)
}

// ---------------------------------------------------------------------------
// Colours
// ---------------------------------------------------------------------------

/// `p_g(grid)`: the values in the grid's rows, without repeats, as a tuple
/// in ascending order (the empty tuple for `()`).
pub fn p_g(ctx: &mut Ctx, grid: &Value) -> Result<Value> {
    if let Value::Grid(g) = grid {
        ctx.charge(g.cells().len())?;
        let colours = shape::colour_counts(g.cells())
            .iter()
            .enumerate()
            .filter(|&(_, &n)| n > 0)
            .map(|(k, _)| Value::Int(i64::from(shape::colour_at(k))))
            .collect();
        return Ok(Value::tuple(colours));
    }
    container_kind(grid)?;
    let mut cells = Vec::new();
    for row in shape::items(ctx, grid)?.iter() {
        container_kind(row)?;
        cells.extend_from_slice(&shape::items(ctx, row)?);
    }
    Ok(Value::tuple(Value::set(cells).items().unwrap_or_default()))
}

/// `p_f(element)`: the colours of an object as a set (`palette`); of a
/// tuple, the first of each of its 2-tuples, as the dialect's
/// `v, _ in element` reads it.
pub fn p_f(ctx: &mut Ctx, element: &Value) -> Result<Value> {
    match element.kind() {
        Kind::Set => patches::palette(ctx, element),
        Kind::Tuple => {
            let items = shape::items(ctx, element)?;
            let firsts = items
                .iter()
                .map(|e| unpack2(e).map(|(v, _)| v))
                .collect::<Result<Vec<_>>>()?;
            Ok(Value::set(firsts))
        }
        _ => Err(DslError::Type("p_f takes an object")),
    }
}

/// `p_o(obj)`: the colours of an object as a tuple in ascending order (the
/// empty tuple for an empty patch); indices, which hold no colours, are an
/// error.
pub fn p_o(ctx: &mut Ctx, obj: &Value) -> Result<Value> {
    match shape::patch(obj)? {
        Patch::Object(cells) => {
            ctx.charge(cells.len())?;
            let mut colours: Vec<i32> = cells.iter().map(|c| c.colour).collect();
            colours.sort_unstable();
            colours.dedup();
            Ok(Value::tuple(
                colours
                    .into_iter()
                    .map(|c| Value::Int(i64::from(c)))
                    .collect(),
            ))
        }
        Patch::Indices(x) if x.is_empty() => Ok(Value::empty_tuple()),
        Patch::Indices(_) => Err(DslError::Type("indices have no colours")),
    }
}

// ---------------------------------------------------------------------------
// Codes
// ---------------------------------------------------------------------------

/// `c_branch(condition, a, b)`: `a` if `condition` is truthy, else `b`
/// (`branch`).
pub fn c_branch(ctx: &mut Ctx, condition: &Value, a: &Value, b: &Value) -> Result<Value> {
    arith::branch(ctx, condition, a, b)
}

/// The sample, colour and code primitives, in the catalogue's order.
pub(super) const PRIMS: &[PrimDef] = &[
    prim!(second, 1),
    prim!(difference_tuple, 2),
    prim!(dedupe_pair_tuple, 1),
    prim!(c_iz, 2),
    prim!(c_zo, 2),
    prim!(c_iz_n, 3),
    prim!(c_zo_n, 3),
    prim!(b_iz, 2),
    prim!(b_zo, 2),
    prim!(b_iz_n, 3),
    prim!(b_zo_n, 3),
    prim!(i_iz, 2),
    prim!(i_zo, 2),
    prim!(i_iz_n, 3),
    prim!(i_zo_n, 3),
    prim!(f_iz, 2),
    prim!(f_zo, 2),
    prim!(f_iz_n, 3),
    prim!(f_zo_n, 3),
    prim!(a_mr, 1),
    prim!(p_g, 1),
    prim!(p_f, 1),
    prim!(p_o, 1),
    prim!(c_branch, 3),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dsl::Prim;
    use crate::dsl::callable::{compose, rbind};
    use crate::dsl::testkit::*;
    use crate::grid::Grid;

    /// A demonstration pair `(input, output)`.
    fn pair(input: Value, output: Value) -> Value {
        tup(vec![input, output])
    }

    /// Two demonstrations: colours {0, 1, 2} -> {0, 1, 3} and {2, 5} -> {5}.
    fn demos() -> Value {
        tup(vec![
            pair(grid(&[&[1, 2], &[2, 0]]), grid(&[&[1, 3], &[3, 0]])),
            pair(grid(&[&[5, 2]]), grid(&[&[5, 5]])),
        ])
    }

    // second

    #[test]
    fn second_is_the_second_item_in_iteration_order() {
        assert_eq!(second(&mut c(), &ints(&[1, 2, 3])), Ok(int(2)));
        assert_eq!(second(&mut c(), &Value::Pair(4, 5)), Ok(int(5)));
        assert_eq!(second(&mut c(), &iset(&[3, 1, 2])), Ok(int(2)));
        assert_eq!(
            second(&mut c(), &grid(&[&[1, 2], &[3, 4]])),
            Ok(Value::Pair(3, 4))
        );
        assert_eq!(
            second(&mut c(), &idx(&[(2, 0), (0, 1)])),
            Ok(Value::Pair(2, 0))
        );
    }

    #[test]
    fn second_of_one_item_is_none_and_of_nothing_an_error() {
        assert_eq!(second(&mut c(), &ints(&[7])), Ok(Value::None));
        assert_eq!(second(&mut c(), &iset(&[7])), Ok(Value::None));
        assert!(second(&mut c(), &Value::empty_tuple()).is_err());
        assert!(second(&mut c(), &Value::empty_set()).is_err());
        assert!(second(&mut c(), &int(3)).is_err());
        assert!(second(&mut c(), &Value::None).is_err());
    }

    // difference_tuple

    #[test]
    fn difference_tuple_keeps_order_repeats_and_kind() {
        let d = difference_tuple(&mut c(), &ints(&[3, 1, 2, 1, 4]), &ints(&[2, 4]));
        assert_eq!(d, Ok(ints(&[3, 1, 1])));
        let d = difference_tuple(&mut c(), &ints(&[3, 1, 2]), &iset(&[1]));
        assert_eq!(d, Ok(ints(&[3, 2])));
        let d = difference_tuple(&mut c(), &iset(&[1, 2, 3]), &ints(&[3]));
        assert_eq!(d, Ok(iset(&[1, 2])));
        assert_eq!(d.unwrap().kind(), Kind::Set);
        let d = difference_tuple(&mut c(), &ints(&[1, 1]), &Value::empty_tuple());
        assert_eq!(d, Ok(ints(&[1, 1])));
    }

    #[test]
    fn difference_tuple_of_grid_rows_and_indices() {
        let g = grid(&[&[1, 2], &[3, 4]]);
        let d = difference_tuple(&mut c(), &g, &tup(vec![Value::Pair(3, 4)]));
        assert_eq!(d, Ok(grid(&[&[1, 2]])));
        let d = difference_tuple(&mut c(), &idx(&[(0, 0), (1, 1)]), &idx(&[(1, 1)]));
        assert_eq!(d, Ok(idx(&[(0, 0)])));
        let d = difference_tuple(&mut c(), &obj(&[(1, (0, 0))]), &idx(&[(0, 0)]));
        assert_eq!(d, Ok(obj(&[(1, (0, 0))])));
    }

    #[test]
    fn difference_tuple_reads_b_only_when_a_has_items() {
        let d = difference_tuple(&mut c(), &Value::empty_tuple(), &int(3));
        assert_eq!(d, Ok(Value::empty_tuple()));
        let d = difference_tuple(&mut c(), &Value::empty_set(), &Value::None);
        assert_eq!(d, Ok(Value::empty_set()));
        assert!(difference_tuple(&mut c(), &ints(&[1]), &int(3)).is_err());
        assert!(difference_tuple(&mut c(), &int(1), &ints(&[1])).is_err());
    }

    // dedupe_pair_tuple

    #[test]
    fn dedupe_pair_tuple_drops_unchanged_pairs() {
        let a = grid(&[&[1]]);
        let b = grid(&[&[2]]);
        let s = tup(vec![
            pair(a.clone(), a.clone()),
            pair(a.clone(), b.clone()),
            pair(b.clone(), a.clone()),
            pair(b.clone(), b.clone()),
        ]);
        let expected = tup(vec![pair(a.clone(), b.clone()), pair(b, a)]);
        assert_eq!(dedupe_pair_tuple(&mut c(), &s), Ok(expected));
        assert_eq!(
            dedupe_pair_tuple(&mut c(), &demos()),
            Ok(demos()),
            "every demonstration changes"
        );
    }

    #[test]
    fn dedupe_pair_tuple_of_nothing_and_of_non_pairs() {
        let empty = dedupe_pair_tuple(&mut c(), &Value::empty_tuple());
        assert_eq!(empty, Ok(Value::empty_tuple()));
        let s = tup(vec![Value::Pair(1, 1), Value::Pair(1, 2)]);
        assert_eq!(
            dedupe_pair_tuple(&mut c(), &s),
            Ok(tup(vec![Value::Pair(1, 2)]))
        );
        assert!(dedupe_pair_tuple(&mut c(), &tup(vec![ints(&[1, 2, 3])])).is_err());
        assert!(dedupe_pair_tuple(&mut c(), &tup(vec![iset(&[1, 2])])).is_err());
        assert!(dedupe_pair_tuple(&mut c(), &int(1)).is_err());
    }

    // c_ and b_

    #[test]
    fn c_iz_and_c_zo_compare_the_colours_of_both_sides() {
        // Inputs: (0, 1, 2) + (2, 5) deduped is (0, 1, 2, 5); outputs: (0, 1, 3, 5).
        assert_eq!(c_iz(&mut c(), &demos(), &f("p_g")), Ok(ints(&[2])));
        assert_eq!(c_zo(&mut c(), &demos(), &f("p_g")), Ok(ints(&[3])));
        assert_eq!(b_iz(&mut c(), &demos(), &f("p_g")), Ok(ints(&[2])));
        assert_eq!(b_zo(&mut c(), &demos(), &f("p_g")), Ok(ints(&[3])));
    }

    #[test]
    fn c_iz_concatenates_rows_without_repeats_in_order() {
        // `identity` returns each grid: its rows are the items.
        let found = c_iz(&mut c(), &demos(), &f("identity"));
        let rows = tup(vec![
            Value::Pair(1, 2),
            Value::Pair(2, 0),
            Value::Pair(5, 2),
        ]);
        assert_eq!(found, Ok(rows));
        let found = c_zo(&mut c(), &demos(), &f("identity"));
        let rows = tup(vec![
            Value::Pair(1, 3),
            Value::Pair(3, 0),
            Value::Pair(5, 5),
        ]);
        assert_eq!(found, Ok(rows));
        let a = grid(&[&[1, 1], &[2, 2]]);
        let s = tup(vec![
            pair(a.clone(), grid(&[&[2, 2]])),
            pair(a, grid(&[&[3, 3]])),
        ]);
        let found = c_iz(&mut c(), &s, &f("identity"));
        assert_eq!(found, Ok(tup(vec![Value::Pair(1, 1)])));
    }

    #[test]
    fn c_iz_of_no_demonstrations_is_empty() {
        let empty = Value::empty_tuple();
        assert_eq!(c_iz(&mut c(), &empty, &f("p_g")), Ok(Value::empty_tuple()));
        assert_eq!(c_zo(&mut c(), &empty, &f("p_g")), Ok(Value::empty_tuple()));
        assert!(c_iz_n(&mut c(), &empty, &f("p_g"), &f("first")).is_err());
        assert_eq!(c_iz_n(&mut c(), &empty, &f("p_g"), &f("size")), Ok(int(0)));
    }

    #[test]
    fn c_iz_errors() {
        // A function returning integers has nothing to concatenate.
        assert!(c_iz(&mut c(), &demos(), &f("size")).is_err());
        assert!(c_iz(&mut c(), &demos(), &int(1)).is_err());
        assert!(c_iz(&mut c(), &int(1), &f("p_g")).is_err());
        // An empty demonstration has no second item.
        let s = tup(vec![Value::empty_tuple()]);
        assert!(c_iz(&mut c(), &s, &f("identity")).is_err());
    }

    #[test]
    fn c_n_variants_pick_from_the_difference() {
        let s = demos();
        assert_eq!(c_iz_n(&mut c(), &s, &f("p_g"), &f("first")), Ok(int(2)));
        assert_eq!(c_zo_n(&mut c(), &s, &f("p_g"), &f("first")), Ok(int(3)));
        assert_eq!(c_iz_n(&mut c(), &s, &f("p_g"), &f("size")), Ok(int(1)));
        assert!(c_iz_n(&mut c(), &s, &f("p_g"), &int(0)).is_err());
        assert!(c_iz_n(&mut c(), &s, &f("p_g"), &f("add")).is_err());
    }

    #[test]
    fn b_n_variants_index_the_difference() {
        let s = demos();
        let p_g = f("p_g");
        assert_eq!(b_iz_n(&mut c(), &s, &p_g, &int(0)), Ok(int(2)));
        assert_eq!(b_zo_n(&mut c(), &s, &p_g, &int(0)), Ok(int(3)));
        assert_eq!(b_iz_n(&mut c(), &s, &p_g, &int(-1)), Ok(int(2)));
        assert_eq!(b_iz_n(&mut c(), &s, &p_g, &int(1)), Ok(Value::None));
        assert_eq!(
            b_iz_n(&mut c(), &s, &p_g, &Value::Bool(true)),
            Ok(Value::None)
        );
        assert_eq!(b_iz_n(&mut c(), &s, &p_g, &int(i64::MAX)), Ok(Value::None));
        assert!(b_iz_n(&mut c(), &s, &p_g, &int(-2)).is_err());
        assert!(b_iz_n(&mut c(), &s, &p_g, &int(i64::MIN)).is_err());
        assert!(b_iz_n(&mut c(), &s, &p_g, &Value::None).is_err());
    }

    #[test]
    fn b_n_variants_need_integer_items() {
        let s = demos();
        let id = f("identity");
        // Items are rows: `C_((1, 2))` raises.
        assert!(b_iz_n(&mut c(), &s, &id, &int(0)).is_err());
        assert_eq!(b_iz_n(&mut c(), &s, &id, &int(3)), Ok(Value::None));
        assert_eq!(b_zo_n(&mut c(), &s, &id, &int(5)), Ok(Value::None));
        let empty = Value::empty_tuple();
        assert_eq!(b_iz_n(&mut c(), &empty, &id, &int(0)), Ok(Value::None));
        assert!(b_iz_n(&mut c(), &empty, &id, &int(-1)).is_err());
    }

    // i_ and f_

    #[test]
    fn i_iz_keeps_repeats() {
        // Inputs: (0, 1, 2) + (2, 5); outputs: (0, 1, 3) + (5,).
        assert_eq!(i_iz(&mut c(), &demos(), &f("p_g")), Ok(ints(&[2, 2])));
        assert_eq!(i_zo(&mut c(), &demos(), &f("p_g")), Ok(ints(&[3])));
        assert_eq!(
            i_iz_n(&mut c(), &demos(), &f("p_g"), &f("size")),
            Ok(int(2))
        );
        assert_eq!(
            i_zo_n(&mut c(), &demos(), &f("p_g"), &f("first")),
            Ok(int(3))
        );
    }

    #[test]
    fn i_iz_of_a_set_of_demonstrations_is_a_set() {
        let s = Value::set(vec![
            pair(grid(&[&[1, 2]]), grid(&[&[1]])),
            pair(grid(&[&[3]]), grid(&[&[4]])),
        ]);
        // Inputs {(1, 2), (3,)} give {1, 2, 3}; outputs {(1,), (4,)} give {1, 4}.
        assert_eq!(i_iz(&mut c(), &s, &f("p_g")), Ok(iset(&[2, 3])));
        assert_eq!(i_zo(&mut c(), &s, &f("p_g")), Ok(iset(&[4])));
        // The dialect's `dedupe` of a non-empty set raises.
        assert!(f_iz(&mut c(), &s, &f("p_g")).is_err());
        assert!(f_zo_n(&mut c(), &s, &f("p_g"), &f("size")).is_err());
        let empty = Value::empty_set();
        assert_eq!(f_iz(&mut c(), &empty, &f("p_g")), Ok(Value::empty_tuple()));
        assert_eq!(i_iz(&mut c(), &empty, &f("p_g")), Ok(Value::empty_set()));
    }

    #[test]
    fn f_iz_of_a_tuple_of_demonstrations_is_c_iz() {
        let s = demos();
        for function in [f("p_g"), f("identity"), f("palette"), f("asobject")] {
            assert_eq!(f_iz(&mut c(), &s, &function), c_iz(&mut c(), &s, &function));
            assert_eq!(f_zo(&mut c(), &s, &function), c_zo(&mut c(), &s, &function));
        }
        assert_eq!(f_iz(&mut c(), &s, &f("p_g")), Ok(ints(&[2])));
        assert_eq!(f_iz_n(&mut c(), &s, &f("p_g"), &f("first")), Ok(int(2)));
        assert_eq!(f_zo_n(&mut c(), &s, &f("p_g"), &f("first")), Ok(int(3)));
    }

    #[test]
    fn f_iz_of_objects_gives_the_cells_only_in_the_inputs() {
        let s = tup(vec![pair(grid(&[&[1, 2]]), grid(&[&[1, 3]]))]);
        let cell = tup(vec![int(2), Value::Pair(0, 1)]);
        assert_eq!(f_iz(&mut c(), &s, &f("asobject")), Ok(tup(vec![cell])));
        let cell = tup(vec![int(3), Value::Pair(0, 1)]);
        assert_eq!(f_zo(&mut c(), &s, &f("asobject")), Ok(tup(vec![cell])));
    }

    // a_mr

    #[test]
    fn a_mr_finds_each_mirror_and_rotation() {
        let g = grid(&[&[1, 2], &[3, 4]]);
        let turned = [
            grid(&[&[3, 4], &[1, 2]]),
            grid(&[&[1, 3], &[2, 4]]),
            grid(&[&[2, 1], &[4, 3]]),
            grid(&[&[4, 2], &[3, 1]]),
            grid(&[&[3, 1], &[4, 2]]),
            grid(&[&[4, 3], &[2, 1]]),
            grid(&[&[2, 4], &[1, 3]]),
            g.clone(),
        ];
        for (code, out) in turned.into_iter().enumerate() {
            let s = tup(vec![pair(g.clone(), out)]);
            assert_eq!(a_mr(&mut c(), &s), Ok(int(code as i64)), "code {code}");
        }
        let s = tup(vec![pair(g, grid(&[&[0, 0], &[0, 0]]))]);
        assert_eq!(a_mr(&mut c(), &s), Ok(Value::None));
    }

    #[test]
    fn a_mr_takes_the_first_code_that_fits_every_pair() {
        // A grid symmetric about its vertical axis: `vmirror` (2) comes before 7.
        let sym = grid(&[&[1, 1], &[2, 2]]);
        let s = tup(vec![pair(sym.clone(), sym)]);
        assert_eq!(a_mr(&mut c(), &s), Ok(int(2)));
        // The first pair fits 0 and 5, the second only 5.
        let s = tup(vec![
            pair(grid(&[&[1], &[2]]), grid(&[&[2], &[1]])),
            pair(grid(&[&[1, 2], &[3, 4]]), grid(&[&[4, 3], &[2, 1]])),
        ]);
        assert_eq!(a_mr(&mut c(), &s), Ok(int(5)));
        assert_eq!(a_mr(&mut c(), &demos()), Ok(Value::None));
    }

    #[test]
    fn a_mr_of_no_pairs_and_of_odd_pairs() {
        assert_eq!(a_mr(&mut c(), &Value::empty_tuple()), Ok(int(0)));
        assert!(a_mr(&mut c(), &tup(vec![Value::Pair(1, 2)])).is_err());
        assert!(a_mr(&mut c(), &tup(vec![tup(vec![grid(&[&[1]])])])).is_err());
        assert!(a_mr(&mut c(), &int(0)).is_err());
        let s = tup(vec![pair(idx(&[(0, 0)]), idx(&[(0, 0)]))]);
        assert!(a_mr(&mut c(), &s).is_err(), "mirrors take grids only");
    }

    // Colours

    #[test]
    fn p_g_lists_a_grids_colours_in_ascending_order() {
        assert_eq!(
            p_g(&mut c(), &grid(&[&[3, 1], &[1, 0]])),
            Ok(ints(&[0, 1, 3]))
        );
        assert_eq!(p_g(&mut c(), &grid(&[&[5, 5]])), Ok(ints(&[5])));
        assert_eq!(p_g(&mut c(), &grid(&[&[-1, 2]])), Ok(Value::Pair(-1, 2)));
        assert_eq!(
            p_g(&mut c(), &Value::empty_tuple()),
            Ok(Value::empty_tuple())
        );
        let rows = tup(vec![ints(&[300, 2]), ints(&[2, -5])]);
        assert_eq!(p_g(&mut c(), &rows), Ok(ints(&[-5, 2, 300])));
    }

    #[test]
    fn p_g_of_non_grids() {
        assert!(p_g(&mut c(), &int(1)).is_err());
        assert!(p_g(&mut c(), &ints(&[1, 2, 3])).is_err());
        assert_eq!(p_g(&mut c(), &Value::empty_set()), Ok(Value::empty_tuple()));
        // An object's members are `(c, (i, j))`: their items are read as cells.
        let o = obj(&[(4, (0, 1))]);
        assert_eq!(p_g(&mut c(), &o), Ok(tup(vec![int(4), Value::Pair(0, 1)])));
    }

    #[test]
    fn p_f_is_the_set_of_an_objects_colours() {
        let o = obj(&[(3, (0, 0)), (1, (1, 1)), (3, (2, 2))]);
        assert_eq!(p_f(&mut c(), &o), Ok(iset(&[1, 3])));
        assert_eq!(p_f(&mut c(), &Value::empty_set()), Ok(Value::empty_set()));
        assert_eq!(p_f(&mut c(), &Value::empty_tuple()), Ok(Value::empty_set()));
        // Indices read `v, _ = (i, j)`: the rows.
        assert_eq!(p_f(&mut c(), &idx(&[(0, 5), (2, 1)])), Ok(iset(&[0, 2])));
        // A tuple of cells, and a grid of two columns, unpack too.
        let cells = tup(vec![tup(vec![int(7), Value::Pair(0, 0)])]);
        assert_eq!(p_f(&mut c(), &cells), Ok(iset(&[7])));
        assert_eq!(p_f(&mut c(), &grid(&[&[1, 2], &[3, 4]])), Ok(iset(&[1, 3])));
    }

    #[test]
    fn p_f_errors() {
        assert!(p_f(&mut c(), &int(1)).is_err());
        assert!(p_f(&mut c(), &grid(&[&[1, 2, 3]])).is_err());
        assert!(p_f(&mut c(), &Value::None).is_err());
    }

    #[test]
    fn p_o_is_the_tuple_of_an_objects_colours() {
        let o = obj(&[(3, (0, 0)), (1, (1, 1)), (3, (2, 2))]);
        assert_eq!(p_o(&mut c(), &o), Ok(Value::Pair(1, 3)));
        assert_eq!(p_o(&mut c(), &obj(&[(-2, (0, 0))])), Ok(ints(&[-2])));
        assert_eq!(p_o(&mut c(), &Value::empty_set()), Ok(Value::empty_tuple()));
        assert_eq!(
            p_o(&mut c(), &Value::empty_tuple()),
            Ok(Value::empty_tuple())
        );
        let cells = tup(vec![
            tup(vec![int(9), Value::Pair(0, 0)]),
            tup(vec![int(4), Value::Pair(0, 1)]),
        ]);
        assert_eq!(p_o(&mut c(), &cells), Ok(Value::Pair(4, 9)));
        assert!(p_o(&mut c(), &idx(&[(0, 0)])).is_err());
        assert!(p_o(&mut c(), &grid(&[&[1, 2, 3]])).is_err());
        assert!(p_o(&mut c(), &int(1)).is_err());
    }

    // Codes

    #[test]
    fn c_branch_is_branch() {
        assert_eq!(
            c_branch(&mut c(), &Value::Bool(true), &int(1), &int(2)),
            Ok(int(1))
        );
        assert_eq!(c_branch(&mut c(), &int(0), &int(1), &int(2)), Ok(int(2)));
        assert_eq!(
            c_branch(&mut c(), &Value::empty_tuple(), &int(1), &int(2)),
            Ok(int(2))
        );
        assert_eq!(
            c_branch(&mut c(), &Value::Pair(0, 0), &int(1), &Value::None),
            Ok(int(1))
        );
    }

    // Catalogue

    #[test]
    fn the_table_follows_the_generators_catalogue() {
        let names: Vec<&str> = PRIMS.iter().map(|p| p.name).collect();
        let catalogue: Vec<&str> = batt_gen::dialect::PRIMITIVES
            .iter()
            .map(|p| p.name)
            .filter(|n| names.contains(n))
            .collect();
        assert_eq!(names, catalogue);
        assert_eq!(names.len(), 24);
        for p in PRIMS {
            let sig = batt_gen::dialect::PRIMITIVES
                .iter()
                .find(|s| s.name == p.name)
                .unwrap();
            assert_eq!(usize::from(p.arity), sig.params.len(), "{}", p.name);
            assert_eq!(Prim::from_name(p.name).map(Prim::name), Some(p.name));
        }
    }

    #[test]
    fn catalogue_entries_call_the_functions() {
        let def = PRIMS.iter().find(|p| p.name == "c_iz_n").unwrap();
        let out = def.call(&mut c(), &[demos(), f("p_g"), f("first")]);
        assert_eq!(out, Ok(int(2)));
        let def = PRIMS.iter().find(|p| p.name == "a_mr").unwrap();
        assert_eq!(def.call(&mut c(), &[demos()]), Ok(Value::None));
    }

    #[test]
    fn large_work_is_charged_to_the_budget() {
        let big = Value::grid(Grid::new(30, 30, vec![1; 900]).unwrap());
        let s = tup(vec![pair(big.clone(), big.clone()); 4]);
        let mut ctx = Ctx::new(1_000);
        assert_eq!(a_mr(&mut ctx, &s), Err(DslError::Budget));
        let mut ctx = Ctx::new(1_000);
        assert_eq!(c_iz(&mut ctx, &s, &f("asobject")), Err(DslError::Budget));
        let mut ctx = Ctx::new(100);
        assert_eq!(p_g(&mut ctx, &big), Err(DslError::Budget));
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
            Value::grid(Grid::new(2, 0, vec![]).unwrap()),
            Value::empty_tuple(),
            Value::empty_set(),
            idx(&[(0, 0), (-1, 5)]),
            obj(&[(1, (0, 0)), (300, (2, 2))]),
            Value::set(vec![int(1), Value::Pair(0, 0), ints(&[1, 2, 3])]),
            tup(vec![grid(&[&[1]]), grid(&[&[2], &[3]])]),
            tup(vec![Value::None, int(1), iset(&[1])]),
            Value::set(vec![idx(&[(0, 0)]), idx(&[(1, 1)])]),
            demos(),
            Value::set(vec![pair(grid(&[&[1]]), grid(&[&[2]]))]),
            f("p_g"),
            f("first"),
            f("identity"),
            rbind(&mut c(), &f("contained"), &iset(&[1])).unwrap(),
        ];
        samples.push(compose(&mut c(), &f("size"), &f("size")).unwrap());
        call_with_every_combination(PRIMS, &samples);
    }
}

//! The dialect's code and rank primitives: integer codes that pick a
//! variant of a reference primitive (`o_g`, `mir_rot_t`, `corner`, ...),
//! and ranks that pick the n-th item of a container in some order
//! (`get_nth_t`, `get_arg_rank`, `get_common_rank`, ...).
//!
//! A rank counts from the first item (`0`, `1`, ...) or, when negative,
//! from the last (`-1` is the last), as Python's indexing does. Sorts are
//! stable and compare keys by batt's total order, as `order` does; a
//! descending sort keeps items with equal keys in their original order, as
//! Python's `reverse=True` does. Sets iterate in canonical order, so ties
//! between equal keys go to the earliest element in it.

use std::collections::HashMap;
use std::slice;

use super::version::{is_2025_11, since_2025_11};
use crate::dsl::callable::call;
use crate::dsl::error::{Ctx, DslError, Result};
use crate::dsl::value::{Kind, Value};
use crate::dsl::{PrimDef, grids, objects, patches, shape};

/// A primitive taking one argument.
type Unary = fn(&mut Ctx, &Value) -> Result<Value>;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// The flags `(univalued, diagonal, without_bg)` of each `o_g` code.
const OBJECT_FLAGS: [(bool, bool, bool); 8] = [
    (false, false, false),
    (false, false, true),
    (false, true, false),
    (false, true, true),
    (true, false, false),
    (true, false, true),
    (true, true, false),
    (true, true, true),
];

/// A rank argument: an integer (a boolean reads as 0 or 1). Anything else
/// is the type error Python raises comparing it with a length.
fn rank_of(rank: &Value) -> Result<i64> {
    rank.int("a rank is an integer")
}

/// Python's guard `-len <= rank < len` and index `seq[rank]`: the position
/// `rank` names in a sequence of `len` items, if any.
fn position(rank: i64, len: usize) -> Option<usize> {
    let n = i64::try_from(len).ok()?;
    let k = if rank < 0 { n.checked_add(rank)? } else { rank };
    if (0..n).contains(&k) {
        usize::try_from(k).ok()
    } else {
        None
    }
}

/// `sorted(container, key=key)` (or with `reverse=True` when `descending`):
/// the elements with their keys, sorted stably by key. Equal keys keep the
/// elements' iteration order in both directions, as Python's do.
fn sorted_by_key(
    ctx: &mut Ctx,
    container: &Value,
    key: &Value,
    descending: bool,
) -> Result<Vec<(Value, Value)>> {
    let items = shape::items(ctx, container)?;
    let mut keyed = Vec::with_capacity(items.len());
    for e in items.iter() {
        keyed.push((e.clone(), call(ctx, key, slice::from_ref(e))?));
    }
    ctx.charge(keyed.len())?;
    if descending {
        keyed.sort_by(|(_, x), (_, y)| y.total_cmp(x));
    } else {
        keyed.sort_by(|(_, x), (_, y)| x.total_cmp(y));
    }
    Ok(keyed)
}

/// `Counter(values).most_common()`: the distinct values by count, most
/// common first, ties in order of first occurrence.
fn most_common(values: Vec<Value>) -> Vec<Value> {
    let mut place: HashMap<Value, usize> = HashMap::new();
    let mut counts: Vec<(Value, usize)> = Vec::new();
    for v in values {
        match place.get(&v) {
            Some(&k) => {
                if let Some((_, n)) = counts.get_mut(k) {
                    *n += 1;
                }
            }
            None => {
                place.insert(v.clone(), counts.len());
                counts.push((v, 1));
            }
        }
    }
    // Stable: equal counts stay in first-occurrence order.
    counts.sort_by(|(_, a), (_, b)| b.cmp(a));
    counts.into_iter().map(|(v, _)| v).collect()
}

/// `sorted(set(container), key=count)`: the distinct elements (in canonical
/// order, the first occurrence standing for its equals) sorted stably by
/// how often they occur in the container, least common first.
fn by_count(ctx: &mut Ctx, container: &Value) -> Result<Vec<Value>> {
    let items = shape::items(ctx, container)?;
    ctx.charge(items.len())?;
    let mut sorted: Vec<&Value> = items.iter().collect();
    // Stable: the first of each run of equal elements is its first occurrence.
    sorted.sort_by(|a, b| a.total_cmp(b));
    let mut distinct: Vec<(Value, usize)> = sorted
        .chunk_by(|a, b| a.py_eq(b))
        .filter_map(|run| run.first().map(|&e| (e.clone(), run.len())))
        .collect();
    distinct.sort_by_key(|&(_, n)| n);
    Ok(distinct.into_iter().map(|(e, _)| e).collect())
}

/// The item at `rank` of `ranked`, or `missing` when the rank is out of range.
/// `type(container)()`: the empty tuple or set.
fn empty_like(container: &Value) -> Value {
    if container.kind() == Kind::Set {
        Value::empty_set()
    } else {
        Value::empty_tuple()
    }
}

fn pick(ranked: Vec<Value>, rank: &Value, missing: Value) -> Result<Value> {
    let rank = rank_of(rank)?;
    Ok(position(rank, ranked.len())
        .and_then(|k| ranked.into_iter().nth(k))
        .unwrap_or(missing))
}

/// `sorted(container, key=compfunc, reverse=True)[rank]`, or `missing` when
/// the rank is out of range.
fn arg_rank(
    ctx: &mut Ctx,
    container: &Value,
    compfunc: &Value,
    rank: &Value,
    missing: Value,
) -> Result<Value> {
    let ranked = sorted_by_key(ctx, container, compfunc, true)?;
    pick(ranked.into_iter().map(|(e, _)| e).collect(), rank, missing)
}

/// `compfunc(sorted(container, key=compfunc)[rank])`, or `compfunc(0)` when
/// the rank is out of range.
fn val_rank(ctx: &mut Ctx, container: &Value, compfunc: &Value, rank: &Value) -> Result<Value> {
    let ranked = sorted_by_key(ctx, container, compfunc, false)?;
    let rank = rank_of(rank)?;
    match position(rank, ranked.len()).and_then(|k| ranked.into_iter().nth(k)) {
        Some((_, key)) => Ok(key),
        None => call(ctx, compfunc, &[Value::Int(0)]),
    }
}

/// Whether a grid argument has no cells (`()`, or rows of no cells), where
/// the dialect's `objects` finds no objects.
fn cellless(grid: &Value) -> bool {
    match grid {
        Value::Grid(g) => g.cells().is_empty(),
        Value::Tuple(rows) => rows.iter().all(|r| r.kind() == Kind::Tuple && r.is_empty()),
        _ => false,
    }
}

// ---------------------------------------------------------------------------
// Codes
// ---------------------------------------------------------------------------

/// `o_g(grid, type)`: `objects(grid, univalued, diagonal, without_bg)` with
/// the flags of code 0..=7 (bit 2 univalued, bit 1 diagonal, bit 0 without
/// background); a grid without cells has no objects. Another code is an
/// error (the dialect returns `None`).
pub fn o_g(ctx: &mut Ctx, grid: &Value, code: &Value) -> Result<Value> {
    let &(univalued, diagonal, without_bg) = code
        .as_int()
        .and_then(|k| usize::try_from(k).ok())
        .and_then(|k| OBJECT_FLAGS.get(k))
        .ok_or(DslError::Value("an objects code is 0..=7"))?;
    if cellless(grid) {
        ctx.charge(1)?;
        return Ok(Value::empty_set());
    }
    objects::objects(
        ctx,
        grid,
        &Value::Bool(univalued),
        &Value::Bool(diagonal),
        &Value::Bool(without_bg),
    )
}

/// `o_g_t(grid, type)`: the objects of `o_g` as a tuple, in canonical
/// order (under `batt-2025-11`, each object a tuple of its cells, as that
/// version's `objects_t` makes them); another code than 0..=7 is an error.
pub fn o_g_t(ctx: &mut Ctx, grid: &Value, code: &Value) -> Result<Value> {
    let objs = o_g(ctx, grid, code)?;
    super::cells::objects_as_tuples(ctx, &objs)
}

/// `mir_rot_t(grid, type)`: the grid mirrored (0 `hmirror`, 1 `dmirror`,
/// 2 `vmirror`, 3 `cmirror`) or turned (4 `rot90`, 5 `rot180`, 6
/// `rot270`); any other code leaves it as it is. Codes 0..=6 take a tuple.
pub fn mir_rot_t(ctx: &mut Ctx, grid: &Value, code: &Value) -> Result<Value> {
    let f: Unary = match code.as_int() {
        Some(0) => grids::hmirror,
        Some(1) => grids::dmirror,
        Some(2) => grids::vmirror,
        Some(3) => grids::cmirror,
        Some(4) => grids::rot90,
        Some(5) => grids::rot180,
        Some(6) => grids::rot270,
        _ => {
            ctx.charge(1)?;
            return Ok(grid.clone());
        }
    };
    if grid.kind() != Kind::Tuple {
        return Err(DslError::Type("mir_rot_t mirrors a grid"));
    }
    f(ctx, grid)
}

/// `mir_rot_f(patch, type)`: the patch mirrored (0 `hmirror`, 1 `dmirror`,
/// 2 `vmirror`, 3 `cmirror`), as a set (a tuple of indices counts as their
/// set); any other code leaves it as it is. As the dialect's, mirroring an
/// empty patch is an error except `vmirror` of the empty set, which is
/// itself.
pub fn mir_rot_f(ctx: &mut Ctx, patch: &Value, code: &Value) -> Result<Value> {
    let k = code.as_int();
    let f: Unary = match k {
        Some(0) => grids::hmirror,
        Some(1) => grids::dmirror,
        Some(2) => grids::vmirror,
        Some(3) => grids::cmirror,
        _ => {
            ctx.charge(1)?;
            return Ok(patch.clone());
        }
    };
    let set = match patch.kind() {
        Kind::Set if patch.is_empty() && k == Some(2) => return Ok(Value::empty_set()),
        Kind::Set if !patch.is_empty() => patch.clone(),
        Kind::Tuple if !patch.is_empty() => Value::set(shape::items(ctx, patch)?.into_owned()),
        Kind::Set | Kind::Tuple => return Err(DslError::Value("mirroring an empty patch")),
        _ => return Err(DslError::Type("mir_rot_f mirrors a patch")),
    };
    f(ctx, &set)
}

/// `corner(patch, type)`: the patch's corner 0 upper left, 1 upper right,
/// 2 lower left, 3 lower right; another code gives the upper left. `()`
/// for an empty patch.
pub fn corner(ctx: &mut Ctx, patch: &Value, code: &Value) -> Result<Value> {
    let f: Unary = match code.as_int() {
        Some(1) => patches::urcorner,
        Some(2) => patches::llcorner,
        Some(3) => patches::lrcorner,
        _ => patches::ulcorner,
    };
    f(ctx, patch)
}

/// `col_row(patch, type)`: the patch's 0 lowermost row, 1 uppermost row, 2
/// leftmost column, 3 rightmost column; `None` for another code. An empty
/// patch is an error (the dialect's is infinite).
pub fn col_row(ctx: &mut Ctx, patch: &Value, code: &Value) -> Result<Value> {
    let f: Unary = match code.as_int() {
        Some(0) => patches::lowermost,
        Some(1) => patches::uppermost,
        Some(2) => patches::leftmost,
        Some(3) => patches::rightmost,
        _ => {
            ctx.charge(1)?;
            return Ok(Value::None);
        }
    };
    f(ctx, patch)
}

// ---------------------------------------------------------------------------
// N-th items
// ---------------------------------------------------------------------------

/// `get_nth_t(container, rank)`: `container[rank]` of a tuple (grids and
/// pairs included). Not a tuple, or a rank outside `-len..len`, is an error
/// (the dialect's `nan`).
pub fn get_nth_t(ctx: &mut Ctx, container: &Value, rank: &Value) -> Result<Value> {
    ctx.charge(1)?;
    if container.kind() != Kind::Tuple {
        return Err(DslError::Type("get_nth_t takes a tuple"));
    }
    let n = container.len().unwrap_or(0);
    position(rank_of(rank)?, n)
        .and_then(|k| container.get(k))
        .ok_or(DslError::Value("rank out of range"))
}

/// `get_nth_f(container, rank)`: the item `rank` places from the first, or
/// (negative) `-rank - 1` places from the last, in iteration order; `()`
/// past either end or for a value that is not a container (under
/// `batt-2025-11`, `frozenset()` past either end and an error for a value
/// that is not a container).
pub fn get_nth_f(ctx: &mut Ctx, container: &Value, rank: &Value) -> Result<Value> {
    ctx.charge(1)?;
    let Some(n) = container.len() else {
        if is_2025_11() {
            return Err(DslError::Type("get_nth_f takes a container"));
        }
        return Ok(Value::empty_tuple());
    };
    Ok(position(rank_of(rank)?, n)
        .and_then(|k| container.get(k))
        .unwrap_or_else(|| since_2025_11(Value::empty_tuple(), Value::empty_set)))
}

/// `get_nth_by_key_t(container, rank, key)`: `sorted(container, key=key)[rank]`;
/// `None` for an empty container, an error for a rank outside `-len..len`.
pub fn get_nth_by_key_t(
    ctx: &mut Ctx,
    container: &Value,
    rank: &Value,
    key: &Value,
) -> Result<Value> {
    let sorted = sorted_by_key(ctx, container, key, false)?;
    if sorted.is_empty() {
        return Ok(Value::None);
    }
    position(rank_of(rank)?, sorted.len())
        .and_then(|k| sorted.into_iter().nth(k))
        .map(|(e, _)| e)
        .ok_or(DslError::Value("rank out of range"))
}

/// `get_nth_by_key_f(container, rank, key)`: the item at `rank` of
/// `sorted(container, key=key)`, counted from the first only (a negative
/// rank gives the first); `None` past the end.
pub fn get_nth_by_key_f(
    ctx: &mut Ctx,
    container: &Value,
    rank: &Value,
    key: &Value,
) -> Result<Value> {
    let sorted = sorted_by_key(ctx, container, key, false)?;
    let k = usize::try_from(rank_of(rank)?.max(0)).unwrap_or(usize::MAX);
    Ok(sorted.into_iter().nth(k).map_or(Value::None, |(e, _)| e))
}

// ---------------------------------------------------------------------------
// Ranked values
// ---------------------------------------------------------------------------

/// `get_rank(container, rank)`: the item at `rank` of the container's
/// integers sorted largest first; 0 for a rank out of range, `None` when
/// some element is not an integer.
pub fn get_rank(ctx: &mut Ctx, container: &Value, rank: &Value) -> Result<Value> {
    let items = shape::items(ctx, container)?;
    if !items.iter().all(|e| e.as_int().is_some()) {
        return Ok(Value::None);
    }
    let mut ranked = items.into_owned();
    // Stable: equal numbers (`True` and `1`) keep their order, as with `reverse=True`.
    ranked.sort_by_key(|e| std::cmp::Reverse(e.as_int()));
    pick(ranked, rank, Value::Int(0))
}

/// `get_arg_rank(container, compfunc, rank)`: the item at `rank` of the
/// container sorted by `compfunc`, largest first (equal keys in iteration
/// order); `None` for a rank out of range.
pub fn get_arg_rank(
    ctx: &mut Ctx,
    container: &Value,
    compfunc: &Value,
    rank: &Value,
) -> Result<Value> {
    let missing = since_2025_11(Value::None, || empty_like(container));
    arg_rank(ctx, container, compfunc, rank, missing)
}

/// `get_arg_rank_t(container, compfunc, rank)`: as [`get_arg_rank`]; `None`
/// for a rank out of range.
pub fn get_arg_rank_t(
    ctx: &mut Ctx,
    container: &Value,
    compfunc: &Value,
    rank: &Value,
) -> Result<Value> {
    let missing = since_2025_11(Value::None, Value::empty_tuple);
    arg_rank(ctx, container, compfunc, rank, missing)
}

/// `get_arg_rank_f(container, compfunc, rank)`: as [`get_arg_rank`], but
/// `()` for a rank out of range.
pub fn get_arg_rank_f(
    ctx: &mut Ctx,
    container: &Value,
    compfunc: &Value,
    rank: &Value,
) -> Result<Value> {
    let missing = since_2025_11(Value::empty_tuple(), Value::empty_set);
    arg_rank(ctx, container, compfunc, rank, missing)
}

/// `get_val_rank(container, compfunc, rank)`: the key at `rank` of the
/// container's keys `compfunc(e)` sorted smallest first; `compfunc(0)` for
/// a rank out of range.
pub fn get_val_rank(
    ctx: &mut Ctx,
    container: &Value,
    compfunc: &Value,
    rank: &Value,
) -> Result<Value> {
    val_rank(ctx, container, compfunc, rank)
}

/// `get_val_rank_t(container, compfunc, rank)`: as [`get_val_rank`].
pub fn get_val_rank_t(
    ctx: &mut Ctx,
    container: &Value,
    compfunc: &Value,
    rank: &Value,
) -> Result<Value> {
    val_rank(ctx, container, compfunc, rank)
}

/// `get_val_rank_f(container, compfunc, rank)`: as [`get_val_rank`].
pub fn get_val_rank_f(
    ctx: &mut Ctx,
    container: &Value,
    compfunc: &Value,
    rank: &Value,
) -> Result<Value> {
    val_rank(ctx, container, compfunc, rank)
}

/// `get_color_rank_t(grid, rank)`: the colour at `rank` of the grid's
/// colours by count, most common first (ties: first seen, reading row by
/// row); `None` for a rank out of range. Any tuple of rows is read as a
/// grid; a set is an error.
pub fn get_color_rank_t(ctx: &mut Ctx, grid: &Value, rank: &Value) -> Result<Value> {
    let colours: Vec<Value> = match grid {
        Value::Grid(g) => {
            ctx.charge(g.cells().len())?;
            g.cells()
                .iter()
                .map(|&c| Value::Int(i64::from(c)))
                .collect()
        }
        _ if grid.kind() == Kind::Tuple => {
            let mut all = Vec::new();
            for row in shape::items(ctx, grid)?.iter() {
                all.extend_from_slice(&shape::items(ctx, row)?);
            }
            all
        }
        _ => return Err(DslError::Type("get_color_rank_t takes a grid")),
    };
    let missing = since_2025_11(Value::None, Value::empty_tuple);
    pick(most_common(colours), rank, missing)
}

/// `get_color_rank_f(obj, rank)`: the colour at `rank` of the object's
/// colours by count, most common first (ties: first seen in canonical cell
/// order, so the smallest colour); `None` for a rank out of range or an
/// empty container. A tuple of cells counts in tuple order; anything else
/// is an error.
pub fn get_color_rank_f(ctx: &mut Ctx, obj: &Value, rank: &Value) -> Result<Value> {
    let colours: Vec<Value> = match obj {
        Value::Object(cells) => {
            ctx.charge(cells.len())?;
            cells
                .iter()
                .map(|c| Value::Int(i64::from(c.colour)))
                .collect()
        }
        _ if obj.is_empty() => Vec::new(),
        Value::Tuple(items) => {
            ctx.charge(items.len())?;
            items
                .iter()
                .map(|e| e.as_cell().map(|c| Value::Int(i64::from(c.colour))))
                .collect::<Option<Vec<_>>>()
                .ok_or(DslError::Type("get_color_rank_f takes an object"))?
        }
        _ => return Err(DslError::Type("get_color_rank_f takes an object")),
    };
    let missing = since_2025_11(Value::None, Value::empty_set);
    pick(most_common(colours), rank, missing)
}

/// `get_common_rank(container, rank)`: the item at `rank` of the tuple's
/// distinct elements sorted by count, least common first (ties in
/// canonical order); `None` for a rank out of range. A set, which has no
/// `count`, is an error.
pub fn get_common_rank(ctx: &mut Ctx, container: &Value, rank: &Value) -> Result<Value> {
    if container.kind() == Kind::Set {
        return Err(DslError::Type("a frozenset has no count"));
    }
    let missing = since_2025_11(Value::None, || empty_like(container));
    pick(by_count(ctx, container)?, rank, missing)
}

/// `get_common_rank_t(container, rank)`: as [`get_common_rank`].
pub fn get_common_rank_t(ctx: &mut Ctx, container: &Value, rank: &Value) -> Result<Value> {
    get_common_rank(ctx, container, rank)
}

/// `get_common_rank_f(container, rank)`: as [`get_common_rank`], for sets
/// too (every element of a set occurs once, so the order is canonical).
pub fn get_common_rank_f(ctx: &mut Ctx, container: &Value, rank: &Value) -> Result<Value> {
    let missing = since_2025_11(Value::None, Value::empty_set);
    pick(by_count(ctx, container)?, rank, missing)
}

/// The primitives of this module, in the catalogue's order.
pub(super) const PRIMS: &[PrimDef] = &[
    prim!(o_g, 2),
    prim!(o_g_t, 2),
    prim!(mir_rot_t, 2),
    prim!(mir_rot_f, 2),
    prim!(corner, 2),
    prim!(col_row, 2),
    prim!(get_nth_t, 2),
    prim!(get_nth_f, 2),
    prim!(get_nth_by_key_t, 3),
    prim!(get_nth_by_key_f, 3),
    prim!(get_rank, 2),
    prim!(get_arg_rank, 3),
    prim!(get_arg_rank_t, 3),
    prim!(get_arg_rank_f, 3),
    prim!(get_val_rank, 3),
    prim!(get_val_rank_t, 3),
    prim!(get_val_rank_f, 3),
    prim!(get_color_rank_t, 2),
    prim!(get_color_rank_f, 2),
    prim!(get_common_rank, 2),
    prim!(get_common_rank_t, 2),
    prim!(get_common_rank_f, 2),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dsl::Prim;
    use crate::dsl::callable::{compose, rbind};
    use crate::dsl::testkit::*;
    use crate::grid::Grid;

    fn pairs(xs: &[(i64, i64)]) -> Value {
        tup(xs.iter().map(|&(a, b)| Value::Pair(a, b)).collect())
    }

    /// A patch with distinct corners: an `L` lying on its back.
    fn ell() -> Value {
        idx(&[(1, 1), (1, 2), (1, 3), (2, 1)])
    }

    /// Three objects of sizes 1, 2 and 1, in this canonical order.
    fn three_objects() -> (Value, Value, Value, Value) {
        let a = obj(&[(1, (0, 0))]);
        let b = obj(&[(2, (0, 0)), (2, (0, 1))]);
        let z = obj(&[(3, (5, 5))]);
        let set = Value::set(vec![z.clone(), b.clone(), a.clone()]);
        (set, a, b, z)
    }

    // ----------------------------------------------------------------- codes

    #[test]
    fn o_g_codes_are_the_objects_flags() {
        let g = grid(&[&[1, 0, 2], &[0, 1, 2], &[0, 0, 0]]);
        let b = Value::Bool;
        for (k, &(u, d, w)) in OBJECT_FLAGS.iter().enumerate() {
            let code = int(k as i64);
            let expected = objects::objects(&mut c(), &g, &b(u), &b(d), &b(w)).unwrap();
            assert_eq!(o_g(&mut c(), &g, &code), Ok(expected), "code {k}");
        }
        // 7: univalued, diagonal, without the background 0.
        let ones = obj(&[(1, (0, 0)), (1, (1, 1))]);
        let twos = obj(&[(2, (0, 2)), (2, (1, 2))]);
        assert_eq!(
            o_g(&mut c(), &g, &int(7)),
            Ok(Value::set(vec![ones.clone(), twos.clone()]))
        );
        // 5: the same, but 4-connected: the ones fall apart.
        let split = o_g(&mut c(), &g, &int(5)).unwrap();
        assert_eq!(split.len(), Some(3));
        // 1: multicoloured, 4-connected, without background: 1, 2, 2 and the
        // lone 1 touch only diagonally.
        assert_eq!(o_g(&mut c(), &g, &int(1)).unwrap().len(), Some(2));
    }

    #[test]
    fn o_g_other_codes_are_errors_and_cellless_grids_have_no_objects() {
        let g = grid(&[&[1, 0], &[0, 1]]);
        for code in [int(8), int(-1), Value::Pair(0, 0), Value::None] {
            assert!(o_g(&mut c(), &g, &code).is_err(), "{code}");
            assert!(o_g_t(&mut c(), &g, &code).is_err(), "{code}");
        }
        // `True` is code 1: without the background 0, 4-connected.
        assert_eq!(
            o_g(&mut c(), &g, &Value::Bool(true)).unwrap().len(),
            Some(2)
        );
        for code in [int(0), int(7)] {
            assert_eq!(
                o_g(&mut c(), &Value::empty_tuple(), &code),
                Ok(Value::empty_set())
            );
            let no_columns = Value::grid(Grid::new(2, 0, vec![]).unwrap());
            assert_eq!(o_g(&mut c(), &no_columns, &code), Ok(Value::empty_set()));
            assert_eq!(
                o_g_t(&mut c(), &Value::empty_tuple(), &code),
                Ok(Value::empty_tuple())
            );
        }
        assert!(o_g(&mut c(), &iset(&[1]), &int(0)).is_err());
        assert!(o_g(&mut c(), &int(3), &int(0)).is_err());
    }

    #[test]
    fn o_g_t_is_the_objects_in_canonical_order() {
        let g = grid(&[&[1, 0], &[0, 1]]);
        let first = obj(&[(1, (0, 0))]);
        let second = obj(&[(1, (1, 1))]);
        assert_eq!(
            o_g_t(&mut c(), &g, &int(5)),
            Ok(tup(vec![first.clone(), second]))
        );
        assert_eq!(
            o_g_t(&mut c(), &g, &int(7)),
            Ok(tup(vec![obj(&[(1, (0, 0)), (1, (1, 1))])]))
        );
        let all = o_g_t(&mut c(), &g, &int(0)).unwrap();
        assert_eq!(all.kind(), Kind::Tuple);
        assert_eq!(all.len(), Some(1));
        assert_eq!(all.get(0).and_then(|o| o.len()), Some(4));
        assert_eq!(first.kind(), Kind::Set);
    }

    #[test]
    fn mir_rot_t_mirrors_and_turns_grids() {
        let g = grid(&[&[1, 2, 3], &[4, 5, 6]]);
        let expected = [
            grid(&[&[4, 5, 6], &[1, 2, 3]]),
            grid(&[&[1, 4], &[2, 5], &[3, 6]]),
            grid(&[&[3, 2, 1], &[6, 5, 4]]),
            grid(&[&[6, 3], &[5, 2], &[4, 1]]),
            grid(&[&[4, 1], &[5, 2], &[6, 3]]),
            grid(&[&[6, 5, 4], &[3, 2, 1]]),
            grid(&[&[3, 6], &[2, 5], &[1, 4]]),
        ];
        for (k, e) in expected.iter().enumerate() {
            assert_eq!(
                mir_rot_t(&mut c(), &g, &int(k as i64)).as_ref(),
                Ok(e),
                "{k}"
            );
        }
        for code in [int(7), int(-1), int(100), Value::Pair(0, 1), Value::None] {
            assert_eq!(mir_rot_t(&mut c(), &g, &code), Ok(g.clone()), "{code}");
        }
    }

    #[test]
    fn mir_rot_t_edge_cases() {
        for k in 0..7 {
            assert_eq!(
                mir_rot_t(&mut c(), &Value::empty_tuple(), &int(k)),
                Ok(Value::empty_tuple()),
                "{k}"
            );
            assert!(mir_rot_t(&mut c(), &ell(), &int(k)).is_err(), "{k}");
            assert!(mir_rot_t(&mut c(), &int(3), &int(k)).is_err(), "{k}");
        }
        // Any other code returns whatever it was given.
        assert_eq!(mir_rot_t(&mut c(), &ell(), &int(7)), Ok(ell()));
        assert_eq!(mir_rot_t(&mut c(), &int(3), &int(8)), Ok(int(3)));
        // `grid[::-1]` reverses any tuple.
        assert_eq!(
            mir_rot_t(&mut c(), &ints(&[1, 2, 3]), &int(0)),
            Ok(ints(&[3, 2, 1]))
        );
    }

    #[test]
    fn mir_rot_f_mirrors_patches() {
        let p = ell();
        let expected = [
            idx(&[(2, 1), (2, 2), (2, 3), (1, 1)]),
            idx(&[(1, 1), (2, 1), (3, 1), (1, 2)]),
            idx(&[(1, 3), (1, 2), (1, 1), (2, 3)]),
            idx(&[(3, 2), (2, 2), (1, 2), (3, 1)]),
        ];
        for (k, e) in expected.iter().enumerate() {
            assert_eq!(
                mir_rot_f(&mut c(), &p, &int(k as i64)).as_ref(),
                Ok(e),
                "{k}"
            );
        }
        for code in [int(4), int(-1), Value::None] {
            assert_eq!(mir_rot_f(&mut c(), &p, &code), Ok(p.clone()));
        }
        let o = obj(&[(5, (0, 0)), (6, (0, 1))]);
        assert_eq!(mir_rot_f(&mut c(), &o, &int(0)), Ok(o.clone()));
        assert_eq!(
            mir_rot_f(&mut c(), &o, &int(2)),
            Ok(obj(&[(5, (0, 1)), (6, (0, 0))]))
        );
        // A tuple of indices is mirrored as their set.
        let t = pairs(&[(1, 1), (1, 2), (1, 3), (2, 1), (1, 1)]);
        assert_eq!(mir_rot_f(&mut c(), &t, &int(0)), Ok(expected[0].clone()));
    }

    #[test]
    fn mir_rot_f_edge_cases() {
        let empty = Value::empty_set();
        assert_eq!(mir_rot_f(&mut c(), &empty, &int(2)), Ok(empty.clone()));
        assert_eq!(mir_rot_f(&mut c(), &empty, &int(5)), Ok(empty.clone()));
        for k in [0, 1, 3] {
            assert!(mir_rot_f(&mut c(), &empty, &int(k)).is_err(), "{k}");
        }
        for k in 0..4 {
            assert!(
                mir_rot_f(&mut c(), &Value::empty_tuple(), &int(k)).is_err(),
                "{k}"
            );
            assert!(mir_rot_f(&mut c(), &int(1), &int(k)).is_err(), "{k}");
            assert!(mir_rot_f(&mut c(), &iset(&[1, 2]), &int(k)).is_err(), "{k}");
        }
        assert_eq!(
            mir_rot_f(&mut c(), &Value::empty_tuple(), &int(9)),
            Ok(Value::empty_tuple())
        );
    }

    #[test]
    fn corner_codes() {
        let p = ell();
        let expected = [(1, 1), (1, 3), (2, 1), (2, 3)];
        for (k, &(i, j)) in expected.iter().enumerate() {
            assert_eq!(corner(&mut c(), &p, &int(k as i64)), Ok(Value::Pair(i, j)));
        }
        for code in [int(4), int(-1), Value::None, Value::Pair(1, 1)] {
            assert_eq!(corner(&mut c(), &p, &code), Ok(Value::Pair(1, 1)));
        }
        for k in 0..5 {
            assert_eq!(
                corner(&mut c(), &Value::empty_set(), &int(k)),
                Ok(Value::empty_tuple())
            );
        }
        let o = obj(&[(4, (1, 2)), (9, (3, 0))]);
        assert_eq!(corner(&mut c(), &o, &int(1)), Ok(Value::Pair(1, 2)));
        assert!(corner(&mut c(), &int(1), &int(0)).is_err());
    }

    #[test]
    fn col_row_codes() {
        let p = ell();
        for (k, e) in [2, 1, 1, 3].into_iter().enumerate() {
            assert_eq!(col_row(&mut c(), &p, &int(k as i64)), Ok(int(e)), "{k}");
        }
        for code in [int(4), int(-1), Value::None] {
            assert_eq!(col_row(&mut c(), &p, &code), Ok(Value::None));
        }
        for k in 0..4 {
            assert!(col_row(&mut c(), &Value::empty_set(), &int(k)).is_err());
        }
        assert_eq!(
            col_row(&mut c(), &Value::empty_set(), &int(4)),
            Ok(Value::None)
        );
    }

    // ----------------------------------------------------------- n-th items

    #[test]
    fn get_nth_t_indexes_tuples() {
        let t = ints(&[10, 20, 30]);
        for (rank, e) in [(0, 10), (2, 30), (-1, 30), (-3, 10)] {
            assert_eq!(get_nth_t(&mut c(), &t, &int(rank)), Ok(int(e)), "{rank}");
        }
        assert_eq!(get_nth_t(&mut c(), &t, &Value::Bool(true)), Ok(int(20)));
        for rank in [3, -4, i64::MAX, i64::MIN] {
            assert!(get_nth_t(&mut c(), &t, &int(rank)).is_err(), "{rank}");
        }
        assert!(get_nth_t(&mut c(), &t, &Value::Pair(0, 0)).is_err());
        assert!(get_nth_t(&mut c(), &Value::empty_tuple(), &int(0)).is_err());
        // Grids and pairs are tuples.
        let g = grid(&[&[1, 2], &[3, 4]]);
        assert_eq!(get_nth_t(&mut c(), &g, &int(1)), Ok(Value::Pair(3, 4)));
        assert_eq!(
            get_nth_t(&mut c(), &Value::Pair(7, 8), &int(-1)),
            Ok(int(8))
        );
        // Sets and non-containers are not.
        assert!(get_nth_t(&mut c(), &iset(&[1, 2]), &int(0)).is_err());
        assert!(get_nth_t(&mut c(), &int(5), &int(0)).is_err());
    }

    #[test]
    fn get_nth_f_counts_from_either_end() {
        let s = iset(&[3, 1, 2]);
        for (rank, e) in [(0, 1), (2, 3), (-1, 3), (-3, 1)] {
            assert_eq!(get_nth_f(&mut c(), &s, &int(rank)), Ok(int(e)), "{rank}");
        }
        for rank in [3, -4, i64::MAX, i64::MIN] {
            assert_eq!(
                get_nth_f(&mut c(), &s, &int(rank)),
                Ok(Value::empty_tuple()),
                "{rank}"
            );
        }
        assert_eq!(
            get_nth_f(&mut c(), &ints(&[10, 20, 30]), &int(1)),
            Ok(int(20))
        );
        assert_eq!(get_nth_f(&mut c(), &ell(), &int(-1)), Ok(Value::Pair(2, 1)));
        assert_eq!(
            get_nth_f(&mut c(), &Value::empty_set(), &int(0)),
            Ok(Value::empty_tuple())
        );
        // Not iterable: `()` whatever the rank.
        for v in [int(5), Value::None, f("size")] {
            assert_eq!(
                get_nth_f(&mut c(), &v, &Value::Pair(1, 1)),
                Ok(Value::empty_tuple())
            );
        }
        assert!(get_nth_f(&mut c(), &s, &Value::None).is_err());
    }

    #[test]
    fn get_nth_by_key_t_sorts_then_indexes() {
        let t = ints(&[3, 1, 2]);
        let id = f("identity");
        for (rank, e) in [(0, 1), (1, 2), (-1, 3), (-3, 1)] {
            assert_eq!(get_nth_by_key_t(&mut c(), &t, &int(rank), &id), Ok(int(e)));
        }
        assert!(get_nth_by_key_t(&mut c(), &t, &int(3), &id).is_err());
        assert!(get_nth_by_key_t(&mut c(), &t, &int(-4), &id).is_err());
        assert!(get_nth_by_key_t(&mut c(), &t, &Value::None, &id).is_err());
        assert_eq!(
            get_nth_by_key_t(&mut c(), &t, &int(0), &f("invert")),
            Ok(int(3))
        );
        // Empty: `None`, whatever the rank.
        assert_eq!(
            get_nth_by_key_t(&mut c(), &Value::empty_tuple(), &Value::Pair(1, 1), &id),
            Ok(Value::None)
        );
        // Stable: equal keys keep their order.
        let ps = pairs(&[(2, 9), (1, 5), (2, 0), (1, 7)]);
        let first = f("first");
        let nth = |rank| get_nth_by_key_t(&mut c(), &ps, &int(rank), &first);
        assert_eq!(nth(0), Ok(Value::Pair(1, 5)));
        assert_eq!(nth(1), Ok(Value::Pair(1, 7)));
        assert_eq!(nth(2), Ok(Value::Pair(2, 9)));
        assert_eq!(nth(3), Ok(Value::Pair(2, 0)));
        assert_eq!(
            get_nth_by_key_t(&mut c(), &iset(&[5, 4, 6]), &int(1), &id),
            Ok(int(5))
        );
        assert!(get_nth_by_key_t(&mut c(), &int(3), &int(0), &id).is_err());
        assert!(get_nth_by_key_t(&mut c(), &t, &int(0), &int(1)).is_err());
    }

    #[test]
    fn get_nth_by_key_f_counts_from_the_first_only() {
        let t = ints(&[3, 1, 2]);
        let id = f("identity");
        let nth = |rank| get_nth_by_key_f(&mut c(), &t, &int(rank), &id);
        assert_eq!(nth(0), Ok(int(1)));
        assert_eq!(nth(2), Ok(int(3)));
        assert_eq!(nth(3), Ok(Value::None));
        assert_eq!(nth(i64::MAX), Ok(Value::None));
        // A negative rank skips nothing.
        assert_eq!(nth(-1), Ok(int(1)));
        assert_eq!(nth(i64::MIN), Ok(int(1)));
        assert_eq!(
            get_nth_by_key_f(&mut c(), &Value::empty_set(), &int(0), &id),
            Ok(Value::None)
        );
        assert!(get_nth_by_key_f(&mut c(), &Value::empty_set(), &Value::None, &id).is_err());
        let (set, a, b, z) = three_objects();
        let size = f("size");
        let nth = |rank| get_nth_by_key_f(&mut c(), &set, &int(rank), &size);
        assert_eq!(nth(0), Ok(a));
        assert_eq!(nth(1), Ok(z));
        assert_eq!(nth(2), Ok(b));
    }

    // --------------------------------------------------------- ranked values

    #[test]
    fn get_rank_ranks_integers_largest_first() {
        let t = ints(&[3, 1, 2]);
        for (rank, e) in [(0, 3), (1, 2), (-1, 1), (-3, 3), (3, 0), (-4, 0)] {
            assert_eq!(get_rank(&mut c(), &t, &int(rank)), Ok(int(e)), "{rank}");
        }
        assert_eq!(get_rank(&mut c(), &iset(&[5, 9]), &int(0)), Ok(int(9)));
        assert_eq!(get_rank(&mut c(), &Value::Pair(4, 7), &int(-1)), Ok(int(4)));
        assert_eq!(
            get_rank(&mut c(), &Value::empty_tuple(), &int(0)),
            Ok(int(0))
        );
        assert!(get_rank(&mut c(), &Value::empty_tuple(), &Value::None).is_err());
        // Some element is not an integer: `None`, whatever the rank.
        let mixed = tup(vec![int(1), Value::Pair(2, 3)]);
        assert_eq!(get_rank(&mut c(), &mixed, &Value::None), Ok(Value::None));
        assert_eq!(
            get_rank(&mut c(), &grid(&[&[1, 2]]), &int(0)),
            Ok(Value::None)
        );
        assert_eq!(get_rank(&mut c(), &ell(), &int(0)), Ok(Value::None));
        assert!(get_rank(&mut c(), &int(3), &int(0)).is_err());
        // Stable: `True` and `1` keep their order.
        let a = tup(vec![Value::Bool(true), int(1), int(0)]);
        assert!(matches!(
            get_rank(&mut c(), &a, &int(0)),
            Ok(Value::Bool(true))
        ));
        let b = tup(vec![int(1), Value::Bool(true), int(0)]);
        assert!(matches!(get_rank(&mut c(), &b, &int(0)), Ok(Value::Int(1))));
    }

    #[test]
    fn get_arg_rank_sorts_by_key_largest_first_keeping_ties_in_order() {
        let id = f("identity");
        let t = ints(&[3, 1, 2]);
        assert_eq!(get_arg_rank(&mut c(), &t, &id, &int(0)), Ok(int(3)));
        assert_eq!(get_arg_rank(&mut c(), &t, &id, &int(-1)), Ok(int(1)));
        assert_eq!(get_arg_rank(&mut c(), &t, &id, &int(3)), Ok(Value::None));
        assert_eq!(get_arg_rank_t(&mut c(), &t, &id, &int(-4)), Ok(Value::None));
        assert_eq!(
            get_arg_rank_f(&mut c(), &t, &id, &int(3)),
            Ok(Value::empty_tuple())
        );
        // `reverse=True` keeps equal keys in their original order.
        let ps = pairs(&[(2, 9), (1, 5), (2, 0), (1, 7)]);
        let first = f("first");
        let expected = [(2, 9), (2, 0), (1, 5), (1, 7)];
        for (rank, &(a, b)) in expected.iter().enumerate() {
            for prim in [get_arg_rank, get_arg_rank_t, get_arg_rank_f] {
                assert_eq!(
                    prim(&mut c(), &ps, &first, &int(rank as i64)),
                    Ok(Value::Pair(a, b))
                );
            }
        }
        // Sets: ties in canonical order.
        let (set, a, b, z) = three_objects();
        let size = f("size");
        let rank = |r| get_arg_rank_f(&mut c(), &set, &size, &int(r));
        assert_eq!(rank(0), Ok(b));
        assert_eq!(rank(1), Ok(a));
        assert_eq!(rank(2), Ok(z.clone()));
        assert_eq!(rank(-1), Ok(z));
        assert_eq!(rank(3), Ok(Value::empty_tuple()));
        assert_eq!(
            get_arg_rank(&mut c(), &Value::empty_set(), &size, &int(0)),
            Ok(Value::None)
        );
        assert!(get_arg_rank(&mut c(), &int(3), &size, &int(0)).is_err());
        assert!(get_arg_rank(&mut c(), &t, &int(1), &int(0)).is_err());
        assert!(get_arg_rank(&mut c(), &t, &id, &Value::None).is_err());
    }

    #[test]
    fn get_val_rank_sorts_keys_smallest_first() {
        let t = ints(&[3, 1, 2]);
        let invert = f("invert");
        for prim in [get_val_rank, get_val_rank_t, get_val_rank_f] {
            assert_eq!(prim(&mut c(), &t, &invert, &int(0)), Ok(int(-3)));
            assert_eq!(prim(&mut c(), &t, &invert, &int(-1)), Ok(int(-1)));
            assert_eq!(prim(&mut c(), &t, &invert, &int(1)), Ok(int(-2)));
            // Out of range: `compfunc(0)`.
            assert_eq!(prim(&mut c(), &t, &invert, &int(3)), Ok(int(0)));
            assert_eq!(prim(&mut c(), &t, &invert, &int(-4)), Ok(int(0)));
        }
        let (set, ..) = three_objects();
        let size = f("size");
        assert_eq!(get_val_rank_f(&mut c(), &set, &size, &int(0)), Ok(int(1)));
        assert_eq!(get_val_rank_f(&mut c(), &set, &size, &int(-1)), Ok(int(2)));
        // `size(0)` fails.
        assert!(get_val_rank_f(&mut c(), &set, &size, &int(5)).is_err());
        let plus_one = rbind(&mut c(), &f("add"), &int(1)).unwrap();
        assert_eq!(
            get_val_rank(&mut c(), &Value::empty_tuple(), &plus_one, &int(0)),
            Ok(int(1))
        );
        assert!(get_val_rank(&mut c(), &t, &invert, &Value::None).is_err());
    }

    #[test]
    fn get_color_rank_t_ranks_by_count_then_first_occurrence() {
        let g = grid(&[&[1, 2, 2], &[3, 3, 1], &[2, 0, 0]]);
        let expected = [(0, 2), (1, 1), (2, 3), (3, 0), (-1, 0), (-4, 2)];
        for (rank, e) in expected {
            assert_eq!(
                get_color_rank_t(&mut c(), &g, &int(rank)),
                Ok(int(e)),
                "{rank}"
            );
        }
        for rank in [4, -5] {
            assert_eq!(get_color_rank_t(&mut c(), &g, &int(rank)), Ok(Value::None));
        }
        assert_eq!(
            get_color_rank_t(&mut c(), &Value::empty_tuple(), &int(0)),
            Ok(Value::None)
        );
        // Rows of unequal lengths.
        let ragged = tup(vec![ints(&[6]), ints(&[5, 6, 5])]);
        assert_eq!(get_color_rank_t(&mut c(), &ragged, &int(0)), Ok(int(6)));
        assert_eq!(get_color_rank_t(&mut c(), &ragged, &int(1)), Ok(int(5)));
        assert!(get_color_rank_t(&mut c(), &ints(&[1, 2, 3]), &int(0)).is_err());
        assert!(get_color_rank_t(&mut c(), &ell(), &int(0)).is_err());
        assert!(get_color_rank_t(&mut c(), &int(1), &int(0)).is_err());
        assert!(get_color_rank_t(&mut c(), &g, &Value::None).is_err());
    }

    #[test]
    fn get_color_rank_f_ranks_object_colours() {
        let o = obj(&[
            (3, (0, 0)),
            (1, (0, 1)),
            (3, (1, 1)),
            (1, (2, 2)),
            (2, (5, 5)),
        ]);
        let expected = [(0, 1), (1, 3), (2, 2), (-1, 2), (-3, 1)];
        for (rank, e) in expected {
            assert_eq!(
                get_color_rank_f(&mut c(), &o, &int(rank)),
                Ok(int(e)),
                "{rank}"
            );
        }
        assert_eq!(get_color_rank_f(&mut c(), &o, &int(3)), Ok(Value::None));
        assert_eq!(get_color_rank_f(&mut c(), &o, &int(-4)), Ok(Value::None));
        for empty in [Value::empty_set(), Value::empty_tuple()] {
            assert_eq!(get_color_rank_f(&mut c(), &empty, &int(0)), Ok(Value::None));
        }
        // A tuple of cells: ties in tuple order.
        let t = tup(vec![cell(4, 0, 0), cell(2, 0, 1)]);
        assert_eq!(get_color_rank_f(&mut c(), &t, &int(0)), Ok(int(4)));
        assert!(get_color_rank_f(&mut c(), &ell(), &int(0)).is_err());
        assert!(get_color_rank_f(&mut c(), &int(1), &int(0)).is_err());
        assert!(get_color_rank_f(&mut c(), &grid(&[&[1, 2]]), &int(0)).is_err());
        assert!(get_color_rank_f(&mut c(), &o, &Value::None).is_err());
    }

    #[test]
    fn get_common_rank_ranks_least_common_first() {
        let t = ints(&[2, 7, 7, 1, 2, 9]);
        let expected = [(0, 1), (1, 9), (2, 2), (3, 7), (-1, 7), (-4, 1)];
        for prim in [get_common_rank, get_common_rank_t, get_common_rank_f] {
            for (rank, e) in expected {
                assert_eq!(prim(&mut c(), &t, &int(rank)), Ok(int(e)), "{rank}");
            }
            assert_eq!(prim(&mut c(), &t, &int(4)), Ok(Value::None));
            assert_eq!(prim(&mut c(), &t, &int(-5)), Ok(Value::None));
            assert_eq!(
                prim(&mut c(), &Value::empty_tuple(), &int(0)),
                Ok(Value::None)
            );
            let g = grid(&[&[1, 2], &[3, 4], &[1, 2]]);
            assert_eq!(prim(&mut c(), &g, &int(0)), Ok(Value::Pair(3, 4)));
            assert!(prim(&mut c(), &int(3), &int(0)).is_err());
            assert!(prim(&mut c(), &t, &Value::None).is_err());
        }
        // Only the `_f` variant counts in sets.
        let s = iset(&[4, 2]);
        assert!(get_common_rank(&mut c(), &s, &int(0)).is_err());
        assert!(get_common_rank_t(&mut c(), &s, &int(0)).is_err());
        assert_eq!(get_common_rank_f(&mut c(), &s, &int(0)), Ok(int(2)));
        assert_eq!(get_common_rank_f(&mut c(), &s, &int(-1)), Ok(int(4)));
        assert_eq!(
            get_common_rank_f(&mut c(), &Value::empty_set(), &int(0)),
            Ok(Value::None)
        );
    }

    // ------------------------------------------------------------ catalogue

    #[test]
    fn the_table_follows_the_generators_catalogue() {
        let names: Vec<&str> = PRIMS.iter().map(|p| p.name).collect();
        let sigs: Vec<_> = batt_gen::dialect::PRIMITIVES
            .iter()
            .filter(|s| names.contains(&s.name))
            .collect();
        assert_eq!(sigs.iter().map(|s| s.name).collect::<Vec<_>>(), names);
        for (p, s) in PRIMS.iter().zip(sigs) {
            assert_eq!(usize::from(p.arity), s.arity(), "{}", p.name);
            assert_eq!(Prim::from_name(p.name).map(Prim::arity), Some(p.arity));
        }
    }

    #[test]
    fn no_primitive_panics_on_odd_arguments() {
        let (objs, ..) = three_objects();
        let mut samples = vec![
            int(0),
            int(-3),
            int(7),
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
            objs,
            Value::set(vec![int(1), Value::Pair(0, 0), ints(&[1, 2, 3])]),
            tup(vec![grid(&[&[1]]), grid(&[&[2], &[3]])]),
            tup(vec![Value::None, int(1), iset(&[1])]),
            tup(vec![cell(1, 0, 0), cell(2, 5, 5)]),
            f("size"),
            f("identity"),
            f("first"),
        ];
        samples.push(compose(&mut c(), &f("size"), &f("size")).unwrap());
        call_with_every_combination(PRIMS, &samples);
    }
}

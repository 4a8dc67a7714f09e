//! Primitives: objects and the geometry of patches.
//!
//! Connected components (`objects`), colour partitions (`partition`,
//! `fgpartition`, `frontiers`), lines and boxes of indices (`connect`,
//! `shoot`, `vfrontier`, `hfrontier`, `backdrop`, `delta`, `inbox`,
//! `outbox`, `box`, `corners`), positions (`center`, `position`, `index`,
//! `gravitate`) and template matching (`occurrences`).
//!
//! Semantics are those of the reference DSL, with its duck typing: `center`
//! of a patch given as a tuple takes the tuple's length as its height and 2
//! as its width, as `height` and `width` do for tuples. Coordinates are
//! computed in `i64`/`i128` and must fit `i32` where they become indices.
//!
//! `box` is a reserved word in Rust: its function is `r#box`, catalogued
//! under the name `box`.

use std::borrow::Cow;

use crate::grid::Grid;

use super::PrimDef;
use super::dialect::version::is_2025_11;
use super::error::{Ctx, DslError, Result};
use super::shape::{self, Patch};
use super::value::{Cell, FastSet, Idx, Kind, Value};

// ---------------------------------------------------------------- helpers

/// An index coordinate of a grid side (at most 65,535, so it fits).
fn coord(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// A coordinate that must fit an index.
fn to_i32<T: TryInto<i32>>(n: T) -> Result<i32> {
    n.try_into()
        .map_err(|_| DslError::Value("index outside the i32 range"))
}

/// `v[k]` for a tuple (Python subscripting; sets are not subscriptable).
fn subscript(v: &Value, k: usize) -> Result<Value> {
    if v.kind() != Kind::Tuple {
        return Err(DslError::Type("the value is not subscriptable"));
    }
    v.get(k).ok_or(DslError::Value("tuple index out of range"))
}

/// `v[k]` as an integer.
fn int_at(v: &Value, k: usize) -> Result<i64> {
    match (v, k) {
        (Value::Pair(a, _), 0) => Ok(*a),
        (Value::Pair(_, b), 1) => Ok(*b),
        _ => subscript(v, k)?.int("expected an integer"),
    }
}

/// A grid with at least one row (`len(grid[0])` must work).
fn nonempty_grid(v: &Value) -> Result<Cow<'_, Grid>> {
    let g = shape::grid(v)?;
    if g.height() == 0 {
        return Err(DslError::Value("the grid has no rows"));
    }
    Ok(g)
}

/// `toindices(patch)`: its indices, sorted and deduplicated.
fn index_set(p: &Patch<'_>) -> Vec<Idx> {
    let mut v: Vec<Idx> = p.idx_iter().collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// `(uppermost, leftmost, lowermost, rightmost)` as `i64`; an error for an
/// empty patch (Python's `min()` of an empty sequence).
fn bounds(p: &Patch<'_>) -> Result<(i64, i64, i64, i64)> {
    let (a, b, c, d) = p.bounds().ok_or(DslError::Value("the patch is empty"))?;
    Ok((a.into(), b.into(), c.into(), d.into()))
}

/// A count of elements to charge, saturating (a huge count spends the budget).
fn count(n: i64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// `center(patch)`; with `as_tuple`, the reference's `height`/`width` of a
/// tuple: its length and the length of its first element (2).
fn center_of(p: &Patch<'_>, as_tuple: bool) -> Result<(i64, i64)> {
    let (u, l, lo, r) = bounds(p)?;
    let (h, w) = if as_tuple {
        (i64::try_from(p.len()).unwrap_or(i64::MAX), 2)
    } else {
        (lo - u + 1, r - l + 1)
    };
    Ok((u + h / 2, l + w / 2))
}

/// The outline of the rectangle `si..=ei` x `sj..=ej` (which are ordered).
fn ring(ctx: &mut Ctx, si: i64, sj: i64, ei: i64, ej: i64) -> Result<Value> {
    let n = (ei - si + 1)
        .checked_add(ej - sj + 1)
        .and_then(|n| n.checked_mul(2));
    ctx.charge(n.map_or(usize::MAX, count))?;
    let (si, sj, ei, ej) = (to_i32(si)?, to_i32(sj)?, to_i32(ei)?, to_i32(ej)?);
    let mut out = Vec::new();
    for i in si..=ei {
        out.push((i, sj));
        out.push((i, ej));
    }
    for j in sj..=ej {
        out.push((si, j));
        out.push((ei, j));
    }
    Ok(Value::indices(out))
}

/// The indices of the bounding box of a non-empty patch, charged first.
fn bounding_box(ctx: &mut Ctx, p: &Patch<'_>) -> Result<Vec<Idx>> {
    let (u, l, lo, r) = bounds(p)?;
    let area = (lo - u + 1).checked_mul(r - l + 1);
    ctx.charge(area.map_or(usize::MAX, count))?;
    let (u, l, lo, r) = (to_i32(u)?, to_i32(l)?, to_i32(lo)?, to_i32(r)?);
    let mut out = Vec::new();
    for i in u..=lo {
        for j in l..=r {
            out.push((i, j));
        }
    }
    Ok(out)
}

/// `connect` on unbounded integers: the line from `a` to `b`, or nothing.
fn line(ctx: &mut Ctx, (ai, aj): (i128, i128), (bi, bj): (i128, i128)) -> Result<Value> {
    let (si, ei) = (ai.min(bi), ai.max(bi));
    let (sj, ej) = (aj.min(bj), aj.max(bj));
    let points = |ctx: &mut Ctx, n: i128, f: &dyn Fn(i32) -> Idx| -> Result<Value> {
        ctx.charge(usize::try_from(n).unwrap_or(usize::MAX))?;
        let n = to_i32(n)?;
        Ok(Value::indices((0..n).map(f).collect()))
    };
    if ai == bi {
        let (i, sj, ej) = (to_i32(ai)?, to_i32(sj)?, to_i32(ej)?);
        points(ctx, i128::from(ej) - i128::from(sj) + 1, &|k| (i, sj + k))
    } else if aj == bj {
        let (j, si, ei) = (to_i32(aj)?, to_i32(si)?, to_i32(ei)?);
        points(ctx, i128::from(ei) - i128::from(si) + 1, &|k| (si + k, j))
    } else if bi - ai == bj - aj {
        let (si, ei, sj) = (to_i32(si)?, to_i32(ei)?, to_i32(sj)?);
        to_i32(ej)?; // the last point must fit too
        points(ctx, i128::from(ei) - i128::from(si) + 1, &|k| {
            (si + k, sj + k)
        })
    } else if bi - ai == aj - bj {
        let (si, ei, ej) = (to_i32(si)?, to_i32(ei)?, to_i32(ej)?);
        to_i32(sj)?; // the last point must fit too
        points(ctx, i128::from(ei) - i128::from(si) + 1, &|k| {
            (si + k, ej - k)
        })
    } else {
        Ok(Value::empty_set())
    }
}

/// `vfrontier`/`hfrontier` given the element taken from the location: the
/// 30 tuples `(k, fixed)` (vertical) or `(fixed, k)`, `k` in `0..30`.
fn frontier(ctx: &mut Ctx, fixed: Value, vertical: bool) -> Result<Value> {
    ctx.charge(30)?;
    if let Some(n) = fixed.as_int() {
        let n = to_i32(n)?;
        let idx = (0..30).map(|k| if vertical { (k, n) } else { (n, k) });
        return Ok(Value::indices(idx.collect()));
    }
    // The reference builds the tuples whatever the element is.
    let items = (0..30)
        .map(|k| {
            let k = Value::Int(k);
            let pair = if vertical {
                vec![k, fixed.clone()]
            } else {
                vec![fixed.clone(), k]
            };
            Value::tuple(pair)
        })
        .collect();
    Ok(Value::set(items))
}

/// The most common colour of a grid, an error for a grid with no cells.
fn mostcolor(g: &Grid) -> Result<i8> {
    shape::grid_mostcolor(g).ok_or(DslError::Value("the grid has no cells"))
}

/// One object per colour of `g`, skipping `skip`, in ascending colour order.
fn colour_objects(ctx: &mut Ctx, g: &Grid, skip: Option<i8>) -> Result<Value> {
    ctx.charge(g.cells().len())?;
    // Indexed in ascending colour order, so the objects come out sorted.
    let mut by_colour: Vec<Vec<Cell>> = vec![Vec::new(); 256];
    for (i, row) in g.rows().enumerate() {
        for (j, &c) in row.iter().enumerate() {
            if Some(c) != skip
                && let Some(cells) = by_colour.get_mut(shape::colour_index(c))
            {
                cells.push(Cell::new(i32::from(c), (coord(i), coord(j))));
            }
        }
    }
    let objs = by_colour
        .into_iter()
        .filter(|cells| !cells.is_empty())
        .map(Value::object_sorted)
        .collect();
    Ok(Value::set(objs))
}

/// The 4-neighbourhood, then the diagonal neighbours.
const NEIGHBOURS: [(isize, isize); 8] = [
    (-1, 0),
    (1, 0),
    (0, -1),
    (0, 1),
    (-1, -1),
    (-1, 1),
    (1, -1),
    (1, 1),
];

// ------------------------------------------------------------- primitives

/// `objects(grid, univalued, diagonal, without_bg)`: the connected components
/// of the grid (of equal colours if `univalued`, 8-connected if `diagonal`,
/// skipping the most common colour if `without_bg`).
pub fn objects(
    ctx: &mut Ctx,
    grid: &Value,
    univalued: &Value,
    diagonal: &Value,
    without_bg: &Value,
) -> Result<Value> {
    let g = nonempty_grid(grid)?;
    let (h, w) = g.shape();
    let cells = g.cells();
    ctx.charge(cells.len())?;
    let bg = if without_bg.truthy() {
        Some(mostcolor(&g)?)
    } else {
        None
    };
    let univalued = univalued.truthy();
    let neighbours = if diagonal.truthy() {
        &NEIGHBOURS[..]
    } else {
        &NEIGHBOURS[..4]
    };
    // Label the components with a flood fill, then gather each one's cells
    // in one row-major scan, which yields them in canonical order (a
    // univalued object's cells differ only by index).
    const NONE: u32 = u32::MAX;
    let mut label = vec![NONE; cells.len()];
    let mut sizes: Vec<usize> = Vec::new();
    let mut stack = Vec::new();
    for (start, &val) in cells.iter().enumerate() {
        if label.get(start).is_none_or(|&l| l != NONE) || Some(val) == bg {
            continue;
        }
        let id = u32::try_from(sizes.len()).map_err(|_| DslError::Value("too many objects"))?;
        let joins = |v: i8| if univalued { v == val } else { Some(v) != bg };
        let mut size = 0;
        if let Some(l) = label.get_mut(start) {
            *l = id;
        }
        stack.push(start);
        while let Some(k) = stack.pop() {
            size += 1;
            let (i, j) = (k / w, k % w);
            for &(di, dj) in neighbours {
                let (Some(ni), Some(nj)) = (i.checked_add_signed(di), j.checked_add_signed(dj))
                else {
                    continue;
                };
                if ni >= h || nj >= w {
                    continue;
                }
                let nk = ni * w + nj;
                if let (Some(l), Some(&v)) = (label.get_mut(nk), cells.get(nk))
                    && *l == NONE
                    && joins(v)
                {
                    *l = id;
                    stack.push(nk);
                }
            }
        }
        sizes.push(size);
    }
    let mut members: Vec<Vec<Cell>> = sizes.iter().map(|&n| Vec::with_capacity(n)).collect();
    for (k, (&l, &v)) in label.iter().zip(cells).enumerate() {
        if let Some(m) = members.get_mut(l as usize) {
            m.push(Cell::new(i32::from(v), (coord(k / w), coord(k % w))));
        }
    }
    let objs = members
        .into_iter()
        .map(|mut m| {
            if !univalued {
                // Several colours: canonical order is by colour first; the
                // stable sort keeps the row-major order within a colour.
                m.sort_by_key(|c| c.colour);
            }
            Value::object_sorted(m)
        })
        .collect();
    Ok(Value::set(objs))
}

/// `partition(grid)`: one object per colour of the grid.
pub fn partition(ctx: &mut Ctx, grid: &Value) -> Result<Value> {
    // `palette(())` is empty, so the reference returns the empty set.
    if grid.kind() == Kind::Tuple && grid.is_empty() {
        return Ok(Value::empty_set());
    }
    let g = shape::grid(grid)?;
    colour_objects(ctx, &g, None)
}

/// `fgpartition(grid)`: one object per colour, except the most common one.
pub fn fgpartition(ctx: &mut Ctx, grid: &Value) -> Result<Value> {
    let g = shape::grid(grid)?;
    let bg = mostcolor(&g)?;
    colour_objects(ctx, &g, Some(bg))
}

/// `vfrontier(location)`: the 30 indices `(i, location[1])`, `i` in `0..30`.
pub fn vfrontier(ctx: &mut Ctx, location: &Value) -> Result<Value> {
    let j = match location {
        Value::Pair(_, j) => Value::Int(*j),
        _ => subscript(location, 1)?,
    };
    frontier(ctx, j, true)
}

/// `hfrontier(location)`: the 30 indices `(location[0], j)`, `j` in `0..30`.
pub fn hfrontier(ctx: &mut Ctx, location: &Value) -> Result<Value> {
    let i = match location {
        Value::Pair(i, _) => Value::Int(*i),
        _ => subscript(location, 0)?,
    };
    frontier(ctx, i, false)
}

/// `backdrop(patch)`: the indices of the patch's bounding box (none for an
/// empty patch).
pub fn backdrop(ctx: &mut Ctx, patch: &Value) -> Result<Value> {
    if patch.is_empty() {
        ctx.charge(1)?;
        return Ok(Value::empty_set());
    }
    let p = shape::patch(patch)?;
    Ok(Value::indices(bounding_box(ctx, &p)?))
}

/// `delta(patch)`: the indices of the bounding box that are not in the patch
/// (none for an empty patch).
pub fn delta(ctx: &mut Ctx, patch: &Value) -> Result<Value> {
    if patch.is_empty() {
        ctx.charge(1)?;
        return Ok(Value::empty_set());
    }
    let p = shape::patch(patch)?;
    if matches!(p, Patch::Indices(_)) && patch.kind() == Kind::Tuple {
        // `toindices` returns a tuple of indices as it is, and a frozenset
        // minus a tuple raises.
        return Err(DslError::Type("delta of a tuple of indices"));
    }
    let full = bounding_box(ctx, &p)?;
    let inside = index_set(&p);
    let out = full
        .into_iter()
        .filter(|idx| inside.binary_search(idx).is_err())
        .collect();
    Ok(Value::indices(out))
}

/// `gravitate(source, destination)`: the offset moving `source` in a straight
/// line until it is adjacent to `destination` (at most 42 steps).
pub fn gravitate(ctx: &mut Ctx, source: &Value, destination: &Value) -> Result<Value> {
    let src_patch = shape::patch(source)?;
    let dst_patch = shape::patch(destination)?;
    let (si, sj) = center_of(&src_patch, matches!(source, Value::Tuple(_)))?;
    let (di, dj) = center_of(&dst_patch, matches!(destination, Value::Tuple(_)))?;
    let src = index_set(&src_patch);
    let dst = index_set(&dst_patch);
    ctx.charge(src.len().saturating_add(dst.len()))?;
    let src_cols: FastSet<i32> = src.iter().map(|&(_, j)| j).collect();
    let vmatching = dst.iter().any(|(_, j)| src_cols.contains(j));
    let (i, j): (i64, i64) = if vmatching {
        (if si < di { 1 } else { -1 }, 0)
    } else {
        (0, if sj < dj { 1 } else { -1 })
    };
    let dst: FastSet<(i64, i64)> = dst
        .iter()
        .map(|&(a, b)| (i64::from(a), i64::from(b)))
        .collect();
    // Shifted by (oi, oj), is the source at manhattan distance exactly 1?
    let adjacent = |oi: i64, oj: i64| {
        let cells = src
            .iter()
            .map(|&(a, b)| (i64::from(a) + oi, i64::from(b) + oj));
        let mut touching = false;
        for (a, b) in cells {
            if dst.contains(&(a, b)) {
                return false;
            }
            touching = touching
                || [(a - 1, b), (a + 1, b), (a, b - 1), (a, b + 1)]
                    .iter()
                    .any(|n| dst.contains(n));
        }
        touching
    };
    let (mut gi, mut gj) = (i, j);
    let (mut oi, mut oj) = (0, 0);
    let mut c = 0;
    loop {
        ctx.charge(src.len().saturating_mul(5))?;
        if adjacent(oi, oj) || c >= 42 {
            break;
        }
        c += 1;
        gi += i;
        gj += j;
        oi += i;
        oj += j;
    }
    Ok(Value::Pair(gi - i, gj - j))
}

/// `inbox(patch)`: the outline one cell inside the bounding box.
pub fn inbox(ctx: &mut Ctx, patch: &Value) -> Result<Value> {
    let p = shape::patch(patch)?;
    let (u, l, lo, r) = bounds(&p)?;
    let (ai, aj, bi, bj) = (u + 1, l + 1, lo - 1, r - 1);
    ring(ctx, ai.min(bi), aj.min(bj), ai.max(bi), aj.max(bj))
}

/// `outbox(patch)`: the outline one cell outside the bounding box.
pub fn outbox(ctx: &mut Ctx, patch: &Value) -> Result<Value> {
    let p = shape::patch(patch)?;
    let (u, l, lo, r) = bounds(&p)?;
    ring(ctx, u - 1, l - 1, lo + 1, r + 1)
}

/// `box(patch)`: the outline of the bounding box (an empty patch as it is).
pub fn r#box(ctx: &mut Ctx, patch: &Value) -> Result<Value> {
    if patch.is_empty() {
        ctx.charge(1)?;
        return Ok(patch.clone());
    }
    let p = shape::patch(patch)?;
    let (u, l, lo, r) = bounds(&p)?;
    ring(ctx, u, l, lo, r)
}

/// `shoot(start, direction)`: the line from `start` 42 steps along `direction`.
pub fn shoot(ctx: &mut Ctx, start: &Value, direction: &Value) -> Result<Value> {
    // `connect` unpacks `start` as a pair; `direction` is only subscripted.
    let (si, sj) = shape::unpack_ints(start)?;
    let (di, dj) = (int_at(direction, 0)?, int_at(direction, 1)?);
    let a = (i128::from(si), i128::from(sj));
    let b = (a.0 + 42 * i128::from(di), a.1 + 42 * i128::from(dj));
    line(ctx, a, b)
}

/// `occurrences(grid, obj)`: the upper-left offsets where the object, moved
/// to the origin, matches the grid (an empty object, of shape `(0, 0)`,
/// matches at every `(i, j)` with `i <= h` and `j <= w`).
pub fn occurrences(ctx: &mut Ctx, grid: &Value, obj: &Value) -> Result<Value> {
    let g = nonempty_grid(grid)?;
    let p = shape::patch(obj)?;
    if p.is_empty() {
        let (h, w) = (g.height() + 1, g.width() + 1);
        ctx.charge(h.saturating_mul(w))?;
        let all = (0..h).flat_map(|i| (0..w).map(move |j| (coord(i), coord(j))));
        return Ok(Value::indices(all.collect()));
    }
    let (u, l, lo, r) = bounds(&p)?;
    let (h, w) = g.shape();
    let h2 = i64::try_from(h).unwrap_or(i64::MAX) - (lo - u + 1) + 1;
    let w2 = i64::try_from(w).unwrap_or(i64::MAX) - (r - l + 1) + 1;
    if h2 <= 0 || w2 <= 0 {
        return Ok(Value::empty_set());
    }
    let Patch::Object(cells) = &p else {
        // The reference unpacks `v, (a, b)` from an index and fails.
        return Err(DslError::Type("occurrences needs an object, not indices"));
    };
    let (h2, w2) = (count(h2), count(w2));
    ctx.charge(h2.saturating_mul(w2))?;
    // The normalised object: offsets inside the grid (the object's bounding
    // box fits) and its colours; a colour no grid cell has never matches.
    // Each offset is a step in the grid's row-major cells: the box fits
    // from every corner tried, so each cell read is inside the grid.
    let mut normed = Vec::with_capacity(cells.len());
    for c in cells.iter() {
        let Ok(colour) = i8::try_from(c.colour) else {
            return Ok(Value::empty_set());
        };
        let di = count(i64::from(c.i) - u);
        let dj = count(i64::from(c.j) - l);
        normed.push((di * w + dj, colour));
    }
    let grid = g.cells();
    let mut out = Vec::new();
    for i in 0..h2 {
        let mut work = 0usize;
        for j in 0..w2 {
            let corner = i * w + j;
            // One unit per cell compared, up to the first that differs.
            let occurs = normed.iter().all(|&(at, colour)| {
                work += 1;
                grid.get(corner + at) == Some(&colour)
            });
            if occurs {
                out.push((coord(i), coord(j)));
            }
        }
        ctx.charge(work)?;
    }
    Ok(Value::indices(out))
}

/// `frontiers(grid)`: the rows and columns of a single colour, as objects.
pub fn frontiers(ctx: &mut Ctx, grid: &Value) -> Result<Value> {
    let g = nonempty_grid(grid)?;
    let (h, w) = g.shape();
    ctx.charge(g.cells().len().saturating_mul(2))?;
    let mut objs = Vec::new();
    for (i, row) in g.rows().enumerate() {
        if let Some(&first) = row.first()
            && row.iter().all(|&c| c == first)
        {
            let cells = (0..w).map(|j| Cell::new(i32::from(first), (coord(i), coord(j))));
            objs.push(Value::object(cells.collect()));
        }
    }
    for j in 0..w {
        let mut column = (0..h).filter_map(|i| g.get(i, j));
        if let Some(first) = column.next()
            && column.all(|c| c == first)
        {
            let cells = (0..h).map(|i| Cell::new(i32::from(first), (coord(i), coord(j))));
            objs.push(Value::object(cells.collect()));
        }
    }
    Ok(Value::set(objs))
}

/// `index(grid, loc)`: the colour at `loc`, or `None` outside the grid.
pub fn index(ctx: &mut Ctx, grid: &Value, loc: &Value) -> Result<Value> {
    ctx.charge(1)?;
    let (i, j) = shape::unpack_ints(loc)?;
    let g = nonempty_grid(grid)?;
    let cell = usize::try_from(i)
        .ok()
        .zip(usize::try_from(j).ok())
        .and_then(|(i, j)| g.get(i, j));
    Ok(cell.map_or(Value::None, |c| Value::Int(i64::from(c))))
}

/// `center(patch)`: `(uppermost + height // 2, leftmost + width // 2)`.
pub fn center(ctx: &mut Ctx, patch: &Value) -> Result<Value> {
    let p = shape::patch(patch)?;
    ctx.charge(p.len())?;
    // The dialect's `center` measures any patch by its bounding box (its
    // `height_f`, `width_f`), a tuple of cells too; and of an empty patch
    // it is `()`.
    if is_2025_11() {
        if p.is_empty() {
            return Ok(Value::empty_tuple());
        }
        let (i, j) = center_of(&p, false)?;
        return Ok(Value::Pair(i, j));
    }
    let (i, j) = center_of(&p, matches!(patch, Value::Tuple(_)))?;
    Ok(Value::Pair(i, j))
}

/// `position(a, b)`: the direction from the center of `a` to that of `b`,
/// each coordinate -1, 0 or 1.
pub fn position(ctx: &mut Ctx, a: &Value, b: &Value) -> Result<Value> {
    let (pa, pb) = (shape::patch(a)?, shape::patch(b)?);
    ctx.charge(pa.len().saturating_add(pb.len()))?;
    // `toindices` keeps a tuple of indices a tuple (and `center` then sees a
    // tuple), but turns a tuple of cells into a set.
    let keeps_tuple =
        |v: &Value, p: &Patch<'_>| matches!(v, Value::Tuple(_)) && matches!(p, Patch::Indices(_));
    let (ia, ja) = center_of(&pa, keeps_tuple(a, &pa))?;
    let (ib, jb) = center_of(&pb, keeps_tuple(b, &pb))?;
    let sj = if ja < jb { 1 } else { -1 };
    Ok(if ia == ib {
        Value::Pair(0, sj)
    } else if ja == jb {
        Value::Pair(if ia < ib { 1 } else { -1 }, 0)
    } else if ia < ib {
        Value::Pair(1, sj)
    } else {
        Value::Pair(-1, sj)
    })
}

/// `corners(patch)`: the set of the four corner indices of the bounding box
/// (for an empty patch, the reference's `{()}`).
pub fn corners(ctx: &mut Ctx, patch: &Value) -> Result<Value> {
    let p = shape::patch(patch)?;
    ctx.charge(p.len())?;
    let Some((u, l, lo, r)) = p.bounds() else {
        return Ok(Value::set(vec![Value::empty_tuple()]));
    };
    Ok(Value::indices(vec![(u, l), (u, r), (lo, l), (lo, r)]))
}

/// `connect(a, b)`: the horizontal, vertical or diagonal line from `a` to `b`
/// (both included), or the empty set.
pub fn connect(ctx: &mut Ctx, a: &Value, b: &Value) -> Result<Value> {
    let (ai, aj) = shape::unpack_ints(a)?;
    let (bi, bj) = shape::unpack_ints(b)?;
    line(
        ctx,
        (i128::from(ai), i128::from(aj)),
        (i128::from(bi), i128::from(bj)),
    )
}

/// The primitives of this module.
pub(super) const PRIMS: &[PrimDef] = &[
    prim!(objects, 4),
    prim!(partition, 1),
    prim!(fgpartition, 1),
    prim!(vfrontier, 1),
    prim!(hfrontier, 1),
    prim!(backdrop, 1),
    prim!(delta, 1),
    prim!(gravitate, 2),
    prim!(inbox, 1),
    prim!(outbox, 1),
    PrimDef {
        name: "box",
        arity: 1,
        by_ref: |ctx, a| r#box(ctx, a[0]),
    },
    prim!(shoot, 2),
    prim!(occurrences, 2),
    prim!(frontiers, 1),
    prim!(index, 2),
    prim!(center, 1),
    prim!(position, 2),
    prim!(corners, 1),
    prim!(connect, 2),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> Ctx {
        Ctx::default()
    }

    fn grid(rows: &[&[i8]]) -> Value {
        Value::grid(Grid::from_rows(rows).unwrap())
    }

    /// The same grid as a tuple of row tuples.
    fn tuple_grid(rows: &[&[i8]]) -> Value {
        let rows = rows
            .iter()
            .map(|r| Value::tuple(r.iter().map(|&c| Value::Int(i64::from(c))).collect()))
            .collect();
        Value::tuple(rows)
    }

    fn idx(items: &[(i32, i32)]) -> Value {
        Value::indices(items.to_vec())
    }

    fn obj(items: &[(i32, i32, i32)]) -> Value {
        Value::object(
            items
                .iter()
                .map(|&(c, i, j)| Cell::new(c, (i, j)))
                .collect(),
        )
    }

    fn pair(a: i64, b: i64) -> Value {
        Value::Pair(a, b)
    }

    fn set(items: Vec<Value>) -> Value {
        Value::set(items)
    }

    fn t() -> Value {
        Value::Bool(true)
    }

    fn f() -> Value {
        Value::Bool(false)
    }

    /// 0 0 1 / 0 1 1 / 2 0 0: background 0, a 1-object, a lone 2.
    fn sample() -> Value {
        grid(&[&[0, 0, 1], &[0, 1, 1], &[2, 0, 0]])
    }

    fn len(v: &Value) -> usize {
        v.len().unwrap()
    }

    // ------------------------------------------------------------ objects

    #[test]
    fn objects_univalued_without_background_finds_each_colour_component() {
        let got = objects(&mut ctx(), &sample(), &t(), &f(), &t()).unwrap();
        let want = set(vec![
            obj(&[(1, 0, 2), (1, 1, 1), (1, 1, 2)]),
            obj(&[(2, 2, 0)]),
        ]);
        assert_eq!(got, want);
        // Diagonal contact between different colours does not join them.
        assert_eq!(
            objects(&mut ctx(), &sample(), &t(), &t(), &t()).unwrap(),
            want
        );
    }

    #[test]
    fn objects_multivalued_joins_colours_and_diagonal_joins_corners() {
        let four = objects(&mut ctx(), &sample(), &f(), &f(), &t()).unwrap();
        assert_eq!(len(&four), 2);
        let eight = objects(&mut ctx(), &sample(), &f(), &t(), &t()).unwrap();
        assert_eq!(
            eight,
            set(vec![obj(&[(1, 0, 2), (1, 1, 1), (1, 1, 2), (2, 2, 0)])])
        );
    }

    #[test]
    fn objects_with_background_includes_background_components() {
        let four = objects(&mut ctx(), &sample(), &t(), &f(), &f()).unwrap();
        assert_eq!(
            four,
            set(vec![
                obj(&[(0, 0, 0), (0, 0, 1), (0, 1, 0)]),
                obj(&[(0, 2, 1), (0, 2, 2)]),
                obj(&[(1, 0, 2), (1, 1, 1), (1, 1, 2)]),
                obj(&[(2, 2, 0)]),
            ])
        );
        let eight = objects(&mut ctx(), &sample(), &t(), &t(), &f()).unwrap();
        assert_eq!(len(&eight), 3);
        let whole = objects(&mut ctx(), &sample(), &f(), &f(), &f()).unwrap();
        assert_eq!(len(&whole), 1);
        assert_eq!(whole.get(0).unwrap().len(), Some(9));
    }

    #[test]
    fn objects_reads_flags_by_truthiness_and_grids_as_tuples() {
        let want = objects(&mut ctx(), &sample(), &t(), &f(), &t()).unwrap();
        let ints = objects(
            &mut ctx(),
            &sample(),
            &Value::Int(7),
            &Value::Int(0),
            &Value::Int(1),
        )
        .unwrap();
        assert_eq!(ints, want);
        let tup = tuple_grid(&[&[0, 0, 1], &[0, 1, 1], &[2, 0, 0]]);
        assert!(matches!(tup, Value::Tuple(_)));
        assert_eq!(objects(&mut ctx(), &tup, &t(), &f(), &t()).unwrap(), want);
    }

    #[test]
    fn objects_cover_every_non_background_cell_exactly_once() {
        let g = grid(&[
            &[3, 0, 3, 3, 0],
            &[0, 3, 0, 5, 5],
            &[4, 4, 0, 0, 5],
            &[0, 0, 0, 3, 0],
        ]);
        for uni in [t(), f()] {
            for diag in [t(), f()] {
                let objs = objects(&mut ctx(), &g, &uni, &diag, &t()).unwrap();
                let total: usize = objs.items().unwrap().iter().map(len).sum();
                assert_eq!(total, 10);
                let merged = shape::merge(&mut ctx(), &objs).unwrap();
                assert_eq!(len(&merged), 10);
            }
        }
    }

    #[test]
    fn objects_of_a_uniform_grid() {
        let g = Value::grid(Grid::filled(30, 30, 4).unwrap());
        let all = objects(&mut ctx(), &g, &t(), &f(), &f()).unwrap();
        assert_eq!(len(&all), 1);
        assert_eq!(all.get(0).unwrap().len(), Some(900));
        assert_eq!(
            objects(&mut ctx(), &g, &t(), &f(), &t()).unwrap(),
            Value::empty_set()
        );
    }

    #[test]
    fn objects_errors_and_budget() {
        let mut c = ctx();
        assert!(objects(&mut c, &Value::empty_tuple(), &t(), &f(), &t()).is_err());
        assert!(objects(&mut c, &Value::Int(3), &t(), &f(), &t()).is_err());
        assert!(objects(&mut c, &idx(&[(0, 0)]), &t(), &f(), &t()).is_err());
        let no_columns = Value::grid(Grid::new(2, 0, vec![]).unwrap());
        assert!(objects(&mut c, &no_columns, &t(), &f(), &t()).is_err());
        assert_eq!(
            objects(&mut c, &no_columns, &t(), &f(), &f()).unwrap(),
            Value::empty_set()
        );
        let mut poor = Ctx::new(5);
        assert_eq!(
            objects(&mut poor, &sample(), &t(), &f(), &t()),
            Err(DslError::Budget)
        );
    }

    // ---------------------------------------------------------- partition

    #[test]
    fn partition_makes_one_object_per_colour() {
        let got = partition(&mut ctx(), &sample()).unwrap();
        assert_eq!(
            got,
            set(vec![
                obj(&[(0, 0, 0), (0, 0, 1), (0, 1, 0), (0, 2, 1), (0, 2, 2)]),
                obj(&[(1, 0, 2), (1, 1, 1), (1, 1, 2)]),
                obj(&[(2, 2, 0)]),
            ])
        );
        let tup = tuple_grid(&[&[0, 0, 1], &[0, 1, 1], &[2, 0, 0]]);
        assert_eq!(partition(&mut ctx(), &tup).unwrap(), got);
    }

    #[test]
    fn partition_of_the_empty_grid_is_empty() {
        assert_eq!(
            partition(&mut ctx(), &Value::empty_tuple()).unwrap(),
            Value::empty_set()
        );
        assert!(partition(&mut ctx(), &Value::Int(1)).is_err());
        assert!(partition(&mut ctx(), &obj(&[(1, 0, 0)])).is_err());
    }

    #[test]
    fn fgpartition_drops_the_most_common_colour() {
        assert_eq!(
            fgpartition(&mut ctx(), &sample()).unwrap(),
            set(vec![
                obj(&[(1, 0, 2), (1, 1, 1), (1, 1, 2)]),
                obj(&[(2, 2, 0)])
            ])
        );
        // A tie for the most common colour goes to the smallest colour.
        assert_eq!(
            fgpartition(&mut ctx(), &grid(&[&[2, 1]])).unwrap(),
            set(vec![obj(&[(2, 0, 0)])])
        );
        assert!(fgpartition(&mut ctx(), &Value::empty_tuple()).is_err());
    }

    #[test]
    fn partitions_merge_back_to_the_whole_grid() {
        let whole = partition(&mut ctx(), &sample()).unwrap();
        assert_eq!(len(&shape::merge(&mut ctx(), &whole).unwrap()), 9);
        let fg = fgpartition(&mut ctx(), &sample()).unwrap();
        assert_eq!(len(&fg), len(&whole) - 1);
    }

    // ---------------------------------------------------------- frontiers

    #[test]
    fn vfrontier_and_hfrontier_are_thirty_cells() {
        let v = vfrontier(&mut ctx(), &pair(2, 3)).unwrap();
        let want: Vec<(i32, i32)> = (0..30).map(|i| (i, 3)).collect();
        assert_eq!(v, idx(&want));
        let h = hfrontier(&mut ctx(), &pair(2, 3)).unwrap();
        let want: Vec<(i32, i32)> = (0..30).map(|j| (2, j)).collect();
        assert_eq!(h, idx(&want));
        let neg = vfrontier(&mut ctx(), &pair(5, -4)).unwrap();
        assert_eq!(neg.get(0), Some(pair(0, -4)));
        assert_eq!(len(&neg), 30);
    }

    #[test]
    fn frontiers_of_generic_locations() {
        let with_bool = Value::tuple(vec![Value::Int(0), t()]);
        assert_eq!(
            vfrontier(&mut ctx(), &with_bool).unwrap(),
            vfrontier(&mut ctx(), &pair(0, 1)).unwrap()
        );
        let triple = Value::tuple(vec![Value::Int(4), Value::Int(5), Value::Int(6)]);
        assert_eq!(
            hfrontier(&mut ctx(), &triple).unwrap(),
            hfrontier(&mut ctx(), &pair(4, 0)).unwrap()
        );
        // Python builds `(i, location[1])` whatever the element is.
        let nested = Value::tuple(vec![Value::Int(1), pair(2, 3)]);
        let v = vfrontier(&mut ctx(), &nested).unwrap();
        assert_eq!(len(&v), 30);
        assert_eq!(
            v.get(0),
            Some(Value::tuple(vec![Value::Int(0), pair(2, 3)]))
        );
    }

    #[test]
    fn frontier_errors() {
        assert!(vfrontier(&mut ctx(), &Value::Int(3)).is_err());
        assert!(hfrontier(&mut ctx(), &idx(&[(1, 1)])).is_err());
        assert!(vfrontier(&mut ctx(), &Value::tuple(vec![Value::Int(1)])).is_err());
        assert!(vfrontier(&mut ctx(), &pair(0, 1 << 40)).is_err());
        assert!(hfrontier(&mut ctx(), &pair(-(1 << 40), 0)).is_err());
    }

    // ------------------------------------------------------------- boxes

    #[test]
    fn backdrop_is_the_bounding_box() {
        let p = idx(&[(1, 1), (3, 2)]);
        let want = idx(&[(1, 1), (1, 2), (2, 1), (2, 2), (3, 1), (3, 2)]);
        assert_eq!(backdrop(&mut ctx(), &p).unwrap(), want);
        let o = obj(&[(5, 1, 1), (7, 3, 2)]);
        assert_eq!(backdrop(&mut ctx(), &o).unwrap(), want);
        let tup = Value::tuple(vec![pair(3, 2), pair(1, 1)]);
        assert_eq!(backdrop(&mut ctx(), &tup).unwrap(), want);
    }

    #[test]
    fn backdrop_errors_and_budget() {
        // The reference (arc-dsl 635de49) returns empty patches since 2023.
        assert_eq!(
            backdrop(&mut ctx(), &Value::empty_set()),
            Ok(Value::empty_set())
        );
        assert_eq!(
            backdrop(&mut ctx(), &Value::empty_tuple()),
            Ok(Value::empty_set())
        );
        assert!(backdrop(&mut ctx(), &Value::Int(0)).is_err());
        let far = idx(&[(0, 0), (100_000, 100_000)]);
        assert_eq!(backdrop(&mut ctx(), &far), Err(DslError::TooLarge));
        let huge = idx(&[(i32::MIN, i32::MIN), (i32::MAX, i32::MAX)]);
        assert_eq!(backdrop(&mut ctx(), &huge), Err(DslError::TooLarge));
    }

    #[test]
    fn delta_is_the_backdrop_minus_the_patch() {
        let p = idx(&[(1, 1), (3, 2)]);
        assert_eq!(
            delta(&mut ctx(), &p).unwrap(),
            idx(&[(1, 2), (2, 1), (2, 2), (3, 1)])
        );
        let o = obj(&[(5, 1, 1), (7, 3, 2)]);
        assert_eq!(
            delta(&mut ctx(), &o).unwrap(),
            delta(&mut ctx(), &p).unwrap()
        );
        let rect = idx(&[(0, 0), (0, 1), (1, 0), (1, 1)]);
        assert_eq!(delta(&mut ctx(), &rect).unwrap(), Value::empty_set());
        // The reference (arc-dsl 635de49) returns empty patches since 2023.
        assert_eq!(
            delta(&mut ctx(), &Value::empty_set()),
            Ok(Value::empty_set())
        );
        assert_eq!(
            delta(&mut ctx(), &Value::empty_tuple()),
            Ok(Value::empty_set())
        );
        // `toindices` keeps a tuple of indices a tuple: a set minus a tuple raises.
        let pairs = Value::tuple(vec![Value::Pair(0, 0), Value::Pair(2, 3)]);
        assert!(delta(&mut ctx(), &pairs).is_err());
    }

    #[test]
    fn box_is_the_outline_of_the_bounding_box() {
        let p = idx(&[(1, 1), (3, 4)]);
        let b = r#box(&mut ctx(), &p).unwrap();
        assert_eq!(len(&b), 10);
        assert_eq!(
            b,
            idx(&[
                (1, 1),
                (1, 2),
                (1, 3),
                (1, 4),
                (2, 1),
                (2, 4),
                (3, 1),
                (3, 2),
                (3, 3),
                (3, 4)
            ])
        );
        assert_eq!(r#box(&mut ctx(), &idx(&[(1, 1)])).unwrap(), idx(&[(1, 1)]));
        let hline = obj(&[(3, 0, 0), (3, 0, 1), (3, 0, 2)]);
        assert_eq!(
            r#box(&mut ctx(), &hline).unwrap(),
            idx(&[(0, 0), (0, 1), (0, 2)])
        );
        // The reference (arc-dsl 635de49) returns empty patches since 2023.
        assert_eq!(
            r#box(&mut ctx(), &Value::empty_set()),
            Ok(Value::empty_set())
        );
        assert_eq!(
            r#box(&mut ctx(), &Value::empty_tuple()),
            Ok(Value::empty_tuple())
        );
    }

    #[test]
    fn inbox_is_one_cell_inside() {
        let p = idx(&[(0, 0), (4, 4)]);
        assert_eq!(
            inbox(&mut ctx(), &p).unwrap(),
            idx(&[
                (1, 1),
                (1, 2),
                (1, 3),
                (2, 1),
                (2, 3),
                (3, 1),
                (3, 2),
                (3, 3)
            ])
        );
        assert!(inbox(&mut ctx(), &Value::empty_set()).is_err());
    }

    #[test]
    fn inbox_of_thin_patches_follows_the_min_max_arithmetic() {
        // A single cell: the bounds cross and the inbox is its ring.
        assert_eq!(
            inbox(&mut ctx(), &idx(&[(2, 2)])).unwrap(),
            idx(&[
                (1, 1),
                (1, 2),
                (1, 3),
                (2, 1),
                (2, 3),
                (3, 1),
                (3, 2),
                (3, 3)
            ])
        );
        assert_eq!(
            inbox(&mut ctx(), &idx(&[(0, 0), (0, 3)])).unwrap(),
            idx(&[(-1, 1), (-1, 2), (0, 1), (0, 2), (1, 1), (1, 2)])
        );
    }

    #[test]
    fn outbox_is_one_cell_outside() {
        assert_eq!(len(&outbox(&mut ctx(), &idx(&[(1, 1)])).unwrap()), 8);
        let o = outbox(&mut ctx(), &obj(&[(1, 1, 1), (1, 2, 3)])).unwrap();
        assert_eq!(len(&o), 14);
        assert!(o.py_eq(&r#box(&mut ctx(), &idx(&[(0, 0), (3, 4)])).unwrap()));
        assert!(outbox(&mut ctx(), &Value::empty_set()).is_err());
        assert!(outbox(&mut ctx(), &idx(&[(i32::MAX, 0)])).is_err());
    }

    #[test]
    fn outbox_of_inbox_is_box_for_large_rectangles() {
        let p = idx(&[(0, 0), (4, 6)]);
        let inner = inbox(&mut ctx(), &p).unwrap();
        assert_eq!(
            outbox(&mut ctx(), &inner).unwrap(),
            r#box(&mut ctx(), &p).unwrap()
        );
        let b = r#box(&mut ctx(), &p).unwrap();
        let back = backdrop(&mut ctx(), &p).unwrap();
        let (Value::Indices(b), Value::Indices(back)) = (&b, &back) else {
            panic!()
        };
        assert!(b.iter().all(|x| back.contains(x)));
    }

    #[test]
    fn corners_are_the_four_corners() {
        assert_eq!(
            corners(&mut ctx(), &idx(&[(1, 1), (3, 4), (2, 2)])).unwrap(),
            idx(&[(1, 1), (1, 4), (3, 1), (3, 4)])
        );
        assert_eq!(
            corners(&mut ctx(), &obj(&[(9, 2, 2)])).unwrap(),
            idx(&[(2, 2)])
        );
        assert_eq!(
            corners(&mut ctx(), &idx(&[(0, 0), (0, 2)])).unwrap(),
            idx(&[(0, 0), (0, 2)])
        );
        // The reference's corners of nothing: `frozenset({()})`.
        assert_eq!(
            corners(&mut ctx(), &Value::empty_set()).unwrap(),
            set(vec![Value::empty_tuple()])
        );
        assert!(corners(&mut ctx(), &Value::Int(1)).is_err());
    }

    // ------------------------------------------------------------- lines

    #[test]
    fn connect_draws_straight_and_diagonal_lines() {
        let mut c = ctx();
        assert_eq!(
            connect(&mut c, &pair(1, 1), &pair(1, 4)).unwrap(),
            idx(&[(1, 1), (1, 2), (1, 3), (1, 4)])
        );
        assert_eq!(
            connect(&mut c, &pair(4, 1), &pair(1, 1)).unwrap(),
            idx(&[(1, 1), (2, 1), (3, 1), (4, 1)])
        );
        assert_eq!(
            connect(&mut c, &pair(0, 0), &pair(2, 2)).unwrap(),
            idx(&[(0, 0), (1, 1), (2, 2)])
        );
        assert_eq!(
            connect(&mut c, &pair(0, 2), &pair(2, 0)).unwrap(),
            idx(&[(0, 2), (1, 1), (2, 0)])
        );
        assert_eq!(
            connect(&mut c, &pair(3, 3), &pair(3, 3)).unwrap(),
            idx(&[(3, 3)])
        );
        assert_eq!(
            connect(&mut c, &pair(0, 0), &pair(1, 2)).unwrap(),
            Value::empty_set()
        );
    }

    #[test]
    fn connect_is_symmetric() {
        let points = [(0, 0), (2, 2), (2, -2), (-3, 1), (5, 1), (2, 7)];
        for &(ai, aj) in &points {
            for &(bi, bj) in &points {
                let ab = connect(&mut ctx(), &pair(ai, aj), &pair(bi, bj)).unwrap();
                let ba = connect(&mut ctx(), &pair(bi, bj), &pair(ai, aj)).unwrap();
                assert_eq!(ab, ba);
            }
        }
    }

    #[test]
    fn connect_errors_and_far_points() {
        let mut c = ctx();
        assert!(connect(&mut c, &Value::Int(1), &pair(0, 0)).is_err());
        let triple = Value::tuple(vec![Value::Int(1), Value::Int(2), Value::Int(3)]);
        assert!(connect(&mut c, &triple, &pair(0, 0)).is_err());
        // Not a line: nothing to build, whatever the coordinates.
        assert_eq!(
            connect(&mut c, &pair(5, 1 << 40), &pair(6, 7)).unwrap(),
            Value::empty_set()
        );
        assert!(connect(&mut c, &pair(0, 0), &pair(0, 1 << 40)).is_err());
        let bools = Value::tuple(vec![t(), f()]);
        assert_eq!(
            connect(&mut c, &bools, &pair(1, 2)).unwrap(),
            idx(&[(1, 0), (1, 1), (1, 2)])
        );
    }

    #[test]
    fn shoot_goes_42_steps() {
        let mut c = ctx();
        let right = shoot(&mut c, &pair(1, 1), &pair(0, 1)).unwrap();
        assert_eq!(len(&right), 43);
        assert_eq!(right, connect(&mut c, &pair(1, 1), &pair(1, 43)).unwrap());
        let diag = shoot(&mut c, &pair(1, 1), &pair(1, 1)).unwrap();
        assert_eq!(diag, connect(&mut c, &pair(1, 1), &pair(43, 43)).unwrap());
        let anti = shoot(&mut c, &pair(5, 5), &pair(-1, 1)).unwrap();
        assert_eq!(len(&anti), 43);
        assert_eq!(anti.get(0), Some(pair(-37, 47)));
        assert_eq!(
            shoot(&mut c, &pair(0, 0), &pair(1, 2)).unwrap(),
            Value::empty_set()
        );
        assert_eq!(
            shoot(&mut c, &pair(0, 0), &pair(0, 0)).unwrap(),
            idx(&[(0, 0)])
        );
        assert!(shoot(&mut c, &Value::Int(0), &pair(0, 1)).is_err());
        assert!(shoot(&mut c, &pair(0, 0), &Value::Int(1)).is_err());
    }

    // ------------------------------------------------------------ positions

    #[test]
    fn index_reads_a_colour_or_none() {
        let g = grid(&[&[1, 2], &[3, 4]]);
        let mut c = ctx();
        assert_eq!(index(&mut c, &g, &pair(1, 0)).unwrap(), Value::Int(3));
        assert_eq!(index(&mut c, &g, &pair(2, 0)).unwrap(), Value::None);
        assert_eq!(index(&mut c, &g, &pair(-1, 0)).unwrap(), Value::None);
        assert_eq!(index(&mut c, &g, &pair(0, 2)).unwrap(), Value::None);
        let tup = tuple_grid(&[&[1, 2], &[3, 4]]);
        assert_eq!(index(&mut c, &tup, &pair(0, 1)).unwrap(), Value::Int(2));
        let bools = Value::tuple(vec![t(), t()]);
        assert_eq!(index(&mut c, &g, &bools).unwrap(), Value::Int(4));
        assert!(index(&mut c, &Value::empty_tuple(), &pair(0, 0)).is_err());
        assert!(index(&mut c, &g, &Value::Int(0)).is_err());
    }

    #[test]
    fn center_is_the_middle_of_the_bounding_box() {
        let mut c = ctx();
        assert_eq!(center(&mut c, &idx(&[(1, 1), (3, 4)])).unwrap(), pair(2, 3));
        assert_eq!(
            center(&mut c, &obj(&[(1, 1, 1), (2, 3, 4)])).unwrap(),
            pair(2, 3)
        );
        assert_eq!(center(&mut c, &idx(&[(5, -2)])).unwrap(), pair(5, -2));
        assert!(center(&mut c, &Value::empty_set()).is_err());
        assert!(center(&mut c, &Value::Int(0)).is_err());
    }

    #[test]
    fn center_of_a_tuple_uses_the_tuples_height_and_width() {
        // As in the reference: height(tuple) = len, width(tuple) = len(tuple[0]).
        let tup = Value::tuple(vec![pair(0, 0), pair(0, 4)]);
        assert_eq!(center(&mut ctx(), &tup).unwrap(), pair(1, 1));
        let as_set = idx(&[(0, 0), (0, 4)]);
        assert_eq!(center(&mut ctx(), &as_set).unwrap(), pair(0, 2));
    }

    #[test]
    fn position_gives_the_direction_between_centers() {
        let mut c = ctx();
        let at = |i, j| idx(&[(i, j)]);
        let cases = [
            ((0, 0), (0, 5), (0, 1)),
            ((0, 5), (0, 0), (0, -1)),
            ((0, 0), (3, 0), (1, 0)),
            ((3, 0), (0, 0), (-1, 0)),
            ((0, 0), (2, 2), (1, 1)),
            ((0, 0), (2, -2), (1, -1)),
            ((2, 2), (0, 0), (-1, -1)),
            ((2, 0), (0, 2), (-1, 1)),
            ((1, 1), (1, 1), (0, -1)),
        ];
        for ((ai, aj), (bi, bj), (pi, pj)) in cases {
            assert_eq!(
                position(&mut c, &at(ai, aj), &at(bi, bj)).unwrap(),
                pair(pi, pj),
                "{ai},{aj} -> {bi},{bj}"
            );
        }
        let o = obj(&[(4, 0, 0), (4, 0, 4)]);
        assert_eq!(position(&mut c, &o, &at(1, 1)).unwrap(), pair(1, -1));
        assert!(position(&mut c, &Value::empty_set(), &at(0, 0)).is_err());
    }

    #[test]
    fn position_sees_a_tuple_of_indices_as_a_tuple() {
        let mut c = ctx();
        let target = idx(&[(1, 1)]);
        let tup = Value::tuple(vec![pair(0, 0), pair(0, 4)]);
        assert_eq!(position(&mut c, &tup, &target).unwrap(), pair(0, -1));
        let set_form = idx(&[(0, 0), (0, 4)]);
        assert_eq!(position(&mut c, &set_form, &target).unwrap(), pair(1, -1));
        // toindices turns a tuple of cells into a set.
        let cells = Value::tuple(vec![
            Value::tuple(vec![Value::Int(1), pair(0, 0)]),
            Value::tuple(vec![Value::Int(1), pair(0, 4)]),
        ]);
        assert_eq!(position(&mut c, &cells, &target).unwrap(), pair(1, -1));
    }

    // ----------------------------------------------------------- gravitate

    #[test]
    fn gravitate_moves_sideways_until_adjacent() {
        let mut c = ctx();
        let got = gravitate(&mut c, &idx(&[(0, 0)]), &idx(&[(0, 5)])).unwrap();
        assert_eq!(got, pair(0, 4));
        let got = gravitate(&mut c, &idx(&[(0, 2)]), &idx(&[(6, 2)])).unwrap();
        assert_eq!(got, pair(5, 0));
        let got = gravitate(&mut c, &obj(&[(1, 9, 2), (1, 9, 3)]), &idx(&[(0, 3)])).unwrap();
        assert_eq!(got, pair(-8, 0));
    }

    #[test]
    fn gravitate_of_adjacent_patches_is_zero() {
        let got = gravitate(&mut ctx(), &idx(&[(0, 0)]), &idx(&[(0, 1)])).unwrap();
        assert_eq!(got, pair(0, 0));
    }

    #[test]
    fn gravitate_stops_after_42_steps() {
        let mut c = ctx();
        let far = gravitate(&mut c, &idx(&[(0, 0)]), &idx(&[(0, 100)])).unwrap();
        assert_eq!(far, pair(0, 42));
        // Moving away: never adjacent.
        let away = gravitate(&mut c, &idx(&[(5, 5)]), &idx(&[(0, 0)])).unwrap();
        assert_eq!(away, pair(0, -42));
    }

    #[test]
    fn gravitate_out_of_an_overlap() {
        // Same column, centers equal: moves up until the distance is 1.
        let got = gravitate(&mut ctx(), &idx(&[(0, 0)]), &idx(&[(0, 0)])).unwrap();
        assert_eq!(got, pair(-1, 0));
    }

    #[test]
    fn gravitate_errors() {
        let mut c = ctx();
        assert!(gravitate(&mut c, &Value::empty_set(), &idx(&[(0, 0)])).is_err());
        assert!(gravitate(&mut c, &idx(&[(0, 0)]), &Value::empty_set()).is_err());
        assert!(gravitate(&mut c, &Value::Int(1), &idx(&[(0, 0)])).is_err());
    }

    // --------------------------------------------------------- occurrences

    fn stripes() -> Value {
        grid(&[&[1, 2, 1, 2], &[0, 1, 2, 0]])
    }

    #[test]
    fn occurrences_finds_every_match_of_the_normalised_object() {
        let mut c = ctx();
        let want = idx(&[(0, 0), (0, 2), (1, 1)]);
        let here = obj(&[(1, 0, 0), (2, 0, 1)]);
        assert_eq!(occurrences(&mut c, &stripes(), &here).unwrap(), want);
        let elsewhere = obj(&[(1, 5, 5), (2, 5, 6)]);
        assert_eq!(occurrences(&mut c, &stripes(), &elsewhere).unwrap(), want);
        let tup = tuple_grid(&[&[1, 2, 1, 2], &[0, 1, 2, 0]]);
        assert_eq!(occurrences(&mut c, &tup, &here).unwrap(), want);
        let diagonal = obj(&[(1, 0, 0), (1, 1, 1)]);
        assert_eq!(
            occurrences(&mut c, &stripes(), &diagonal).unwrap(),
            idx(&[(0, 0)])
        );
        // A unit per corner tried (2 x 3), and one per cell compared up to
        // the first that differs: 2, 1, 2 on the first row, 1, 2, 1 on the
        // second.
        let mut counted = Ctx::new(1_000);
        occurrences(&mut counted, &stripes(), &here).unwrap();
        assert_eq!(1_000 - counted.remaining(), 6 + 5 + 4);
    }

    #[test]
    fn occurrences_of_objects_that_cannot_match() {
        let mut c = ctx();
        let tall = obj(&[(1, 0, 0), (1, 5, 0)]);
        assert_eq!(
            occurrences(&mut c, &stripes(), &tall).unwrap(),
            Value::empty_set()
        );
        let odd_colour = obj(&[(300, 0, 0)]);
        assert_eq!(
            occurrences(&mut c, &stripes(), &odd_colour).unwrap(),
            Value::empty_set()
        );
        // Two colours at one index never match.
        let clash = obj(&[(1, 0, 0), (2, 0, 0)]);
        assert_eq!(
            occurrences(&mut c, &stripes(), &clash).unwrap(),
            Value::empty_set()
        );
    }

    #[test]
    fn occurrences_of_indices_fail_only_when_a_position_is_tried() {
        let mut c = ctx();
        assert!(occurrences(&mut c, &stripes(), &idx(&[(0, 0)])).is_err());
        assert_eq!(
            occurrences(&mut c, &stripes(), &idx(&[(0, 0), (9, 0)])).unwrap(),
            Value::empty_set()
        );
        // An empty object has shape (0, 0) in the reference (arc-dsl
        // 635de49): it occurs at every (i, j) with i <= h and j <= w.
        let everywhere = occurrences(&mut c, &stripes(), &Value::empty_set()).unwrap();
        let all: Vec<Idx> = (0..3).flat_map(|i| (0..5).map(move |j| (i, j))).collect();
        assert_eq!(everywhere, idx(&all));
        assert!(occurrences(&mut c, &Value::empty_tuple(), &obj(&[(1, 0, 0)])).is_err());
    }

    #[test]
    fn every_object_occurs_at_its_upper_left_corner() {
        let g = sample();
        let objs = objects(&mut ctx(), &g, &t(), &t(), &f()).unwrap();
        for o in objs.items().unwrap() {
            let p = shape::patch(&o).unwrap();
            let (u, l, _, _) = p.bounds().unwrap();
            let occ = occurrences(&mut ctx(), &g, &o).unwrap();
            let Value::Indices(occ) = occ else { panic!() };
            assert!(occ.contains(&(u, l)));
        }
    }

    // ----------------------------------------------------------- frontiers

    #[test]
    fn frontiers_are_uniform_rows_and_columns() {
        let g = grid(&[&[1, 1, 1], &[2, 3, 1]]);
        assert_eq!(
            frontiers(&mut ctx(), &g).unwrap(),
            set(vec![
                obj(&[(1, 0, 0), (1, 0, 1), (1, 0, 2)]),
                obj(&[(1, 0, 2), (1, 1, 2)]),
            ])
        );
        let tup = tuple_grid(&[&[1, 1, 1], &[2, 3, 1]]);
        assert_eq!(
            frontiers(&mut ctx(), &tup).unwrap(),
            frontiers(&mut ctx(), &g).unwrap()
        );
    }

    #[test]
    fn frontiers_of_small_and_uniform_grids() {
        // A 1x1 grid's row and column frontiers are the same object.
        assert_eq!(
            frontiers(&mut ctx(), &grid(&[&[5]])).unwrap(),
            set(vec![obj(&[(5, 0, 0)])])
        );
        let uniform = grid(&[&[2, 2], &[2, 2]]);
        assert_eq!(len(&frontiers(&mut ctx(), &uniform).unwrap()), 4);
        assert_eq!(
            frontiers(&mut ctx(), &grid(&[&[1, 2], &[2, 1]])).unwrap(),
            Value::empty_set()
        );
        let no_columns = Value::grid(Grid::new(2, 0, vec![]).unwrap());
        assert_eq!(
            frontiers(&mut ctx(), &no_columns).unwrap(),
            Value::empty_set()
        );
        assert!(frontiers(&mut ctx(), &Value::empty_tuple()).is_err());
        assert!(frontiers(&mut ctx(), &idx(&[(0, 0)])).is_err());
    }

    // ----------------------------------------------------------- catalogue

    #[test]
    fn the_module_lists_its_nineteen_primitives() {
        let names: Vec<(&str, u8)> = PRIMS.iter().map(|p| (p.name, p.arity)).collect();
        assert_eq!(
            names,
            [
                ("objects", 4),
                ("partition", 1),
                ("fgpartition", 1),
                ("vfrontier", 1),
                ("hfrontier", 1),
                ("backdrop", 1),
                ("delta", 1),
                ("gravitate", 2),
                ("inbox", 1),
                ("outbox", 1),
                ("box", 1),
                ("shoot", 2),
                ("occurrences", 2),
                ("frontiers", 1),
                ("index", 2),
                ("center", 1),
                ("position", 2),
                ("corners", 1),
                ("connect", 2),
            ]
        );
        let boxed = PRIMS[10]
            .call(&mut ctx(), &[idx(&[(0, 0), (1, 1)])])
            .unwrap();
        assert_eq!(boxed, idx(&[(0, 0), (0, 1), (1, 0), (1, 1)]));
    }
}

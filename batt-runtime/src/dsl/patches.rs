//! Primitives: patches and elements — colours, extents, corners, indices,
//! neighbourhoods and the relations between patches.
//!
//! The reference names its arguments by what it duck-types them as: an
//! *element* is a grid or an object, a *piece* is a grid or a patch, a
//! *patch* is indices or an object. Grids may arrive as a [`Value::Grid`] or
//! as any tuple of rows; patches are read through [`shape::patch`]. Compact
//! grids, indices and objects take fast paths; any other representation the
//! reference accepts goes through the generic `Value` items.
//!
//! Duck typing is followed faithfully where it shows: `mostcolor`,
//! `leastcolor`, `colorcount` and `palette` of indices read the row index
//! (`v` of `for v, _ in element`), and `height`, `width` and `square` treat
//! every tuple as a grid. Ties go to the smallest candidate, as everywhere
//! in batt.

use std::borrow::Cow;
use std::sync::Arc;

use super::PrimDef;
use super::dialect::version::is_2025_11;
use super::error::{Ctx, DslError, Result};
use super::shape::{self, Patch};
use super::value::{Cell, Idx, Kind, Value, cell_tuple, idx_value};

// ---------------------------------------------------------------------------
// Helpers: Python's duck typing on values.
// ---------------------------------------------------------------------------

/// `len(v)`.
fn len_of(v: &Value) -> Result<usize> {
    v.len().ok_or(DslError::Type("object has no len()"))
}

/// A length as a DSL integer.
fn int_of_len(n: usize) -> Result<i64> {
    i64::try_from(n).map_err(|_| DslError::Value("integer overflow"))
}

/// An index coordinate as a DSL integer value.
fn int_value(n: i32) -> Value {
    Value::Int(i64::from(n))
}

/// A coordinate computed in `i64` that must fit batt's indices.
fn coord(n: i64) -> Result<i32> {
    i32::try_from(n).map_err(|_| DslError::Value("index outside i32 in batt"))
}

/// `v + d` for an index coordinate.
fn offset(v: i32, d: i64) -> Result<i32> {
    i64::from(v)
        .checked_add(d)
        .ok_or(DslError::Value("integer overflow"))
        .and_then(coord)
}

/// `next(iter(v))`: the first element (the smallest of a set).
fn first_item(v: &Value) -> Result<Value> {
    match v.kind() {
        Kind::Tuple | Kind::Set => v
            .get(0)
            .ok_or(DslError::Value("empty container has no first element")),
        _ => Err(DslError::Type("object is not iterable")),
    }
}

/// `v[0]` for a tuple.
fn subscript0(v: &Value) -> Result<Value> {
    if v.kind() != Kind::Tuple {
        return Err(DslError::Type("object is not subscriptable"));
    }
    v.get(0).ok_or(DslError::Value("tuple index out of range"))
}

/// `next(iter(obj))[0]`: the colour of an object's first cell.
fn first_colour(obj: &Value) -> Result<Value> {
    match obj {
        Value::Object(x) => x
            .first()
            .map(|c| int_value(c.colour))
            .ok_or(DslError::Value("empty object has no colour")),
        // `batt-2025-11` reads `first_element[2]` of a tuple (a cell's
        // colour), and has no colour (its `-inf`) for anything else.
        _ if is_2025_11() => {
            let first = first_item(obj)?;
            if first.kind() != Kind::Tuple {
                return Err(DslError::Type(
                    "no colour: the first element is not a tuple",
                ));
            }
            first
                .get(2)
                .ok_or(DslError::Value("tuple index out of range"))
        }
        Value::Indices(x) => x
            .first()
            .map(|&(i, _)| int_value(i))
            .ok_or(DslError::Value("empty patch has no colour")),
        Value::Grid(g) => g
            .row(0)
            .and_then(<[i8]>::first)
            .map(|&c| Value::Int(i64::from(c)))
            .ok_or(DslError::Value("tuple index out of range")),
        _ => subscript0(&first_item(obj)?),
    }
}

/// `a, b = v`: unpacks a container of exactly two elements.
fn unpack2(v: &Value) -> Result<(Value, Value)> {
    if let Value::Pair(a, b) = *v {
        return Ok((Value::Int(a), Value::Int(b)));
    }
    match v.kind() {
        Kind::Tuple | Kind::Set => match (v.len(), v.get(0), v.get(1)) {
            (Some(2), Some(a), Some(b)) => Ok((a, b)),
            _ => Err(DslError::Value("expected exactly two values to unpack")),
        },
        _ => Err(DslError::Type("cannot unpack a non-iterable object")),
    }
}

/// The values `mostcolor`, `leastcolor` and `palette` read from an element
/// in its generic form: every cell of a tuple of rows, or the first
/// component of every member of a set.
fn element_values(ctx: &mut Ctx, element: &Value) -> Result<Vec<Value>> {
    match element.kind() {
        Kind::Tuple => {
            let mut out = Vec::new();
            for row in shape::items(ctx, element)?.iter() {
                out.extend_from_slice(&shape::items(ctx, row)?);
            }
            Ok(out)
        }
        Kind::Set => shape::items(ctx, element)?
            .iter()
            .map(|m| unpack2(m).map(|(v, _)| v))
            .collect(),
        _ => Err(DslError::Type("expected a grid or an object")),
    }
}

/// The key of the longest (`most`) or shortest run; ties go to the first run.
fn pick_run<T>(runs: impl Iterator<Item = (T, usize)>, most: bool) -> Option<T> {
    let mut best: Option<(T, usize)> = None;
    for (key, n) in runs {
        let better = match &best {
            None => true,
            Some((_, b)) if most => n > *b,
            Some((_, b)) => n < *b,
        };
        if better {
            best = Some((key, n));
        }
    }
    best.map(|(key, _)| key)
}

/// `mostcolor` (`most`) or `leastcolor` of an element.
fn commonest(ctx: &mut Ctx, element: &Value, most: bool) -> Result<Value> {
    let found = match element {
        Value::Grid(g) => {
            ctx.charge(g.cells().len())?;
            let counts = shape::colour_counts(g.cells());
            let runs = counts
                .iter()
                .enumerate()
                .filter(|&(_, &n)| n > 0)
                .map(|(k, &n)| (Value::Int(i64::from(shape::colour_at(k))), n));
            pick_run(runs, most)
        }
        Value::Object(x) => {
            ctx.charge(x.len())?;
            let runs = x
                .chunk_by(|a, b| a.colour == b.colour)
                .filter_map(|r| Some((int_value(r.first()?.colour), r.len())));
            pick_run(runs, most)
        }
        Value::Indices(x) => {
            ctx.charge(x.len())?;
            let runs = x
                .chunk_by(|a, b| a.0 == b.0)
                .filter_map(|r| Some((int_value(r.first()?.0), r.len())));
            pick_run(runs, most)
        }
        _ => {
            let mut values = element_values(ctx, element)?;
            ctx.charge(values.len())?;
            // Stable: the representative of equal values is the first seen.
            values.sort_by(Value::total_cmp);
            let runs = values
                .chunk_by(|a, b| a.py_eq(b))
                .filter_map(|r| Some((r.first()?.clone(), r.len())));
            pick_run(runs, most)
        }
    };
    found.ok_or(DslError::Value("an empty element has no colours"))
}

/// `height(piece)` as an integer.
fn height_of(ctx: &mut Ctx, piece: &Value) -> Result<i64> {
    if let Value::Grid(g) = piece {
        return int_of_len(g.height());
    }
    let n = len_of(piece)?;
    if n == 0 {
        return Ok(0);
    }
    if piece.kind() == Kind::Tuple {
        return int_of_len(n);
    }
    let (top, _, bottom, _) = extent(ctx, piece)?;
    Ok(i64::from(bottom) - i64::from(top) + 1)
}

/// `width(piece)` as an integer.
fn width_of(ctx: &mut Ctx, piece: &Value) -> Result<i64> {
    if let Value::Grid(g) = piece {
        return int_of_len(g.width());
    }
    let n = len_of(piece)?;
    if n == 0 {
        return Ok(0);
    }
    if piece.kind() == Kind::Tuple {
        return int_of_len(len_of(&subscript0(piece)?)?);
    }
    let (_, left, _, right) = extent(ctx, piece)?;
    Ok(i64::from(right) - i64::from(left) + 1)
}

/// `(uppermost, leftmost, lowermost, rightmost)` of a patch; an empty patch
/// is an error (`min` of an empty sequence).
fn extent(ctx: &mut Ctx, patch: &Value) -> Result<(i32, i32, i32, i32)> {
    let p = shape::patch(patch)?;
    ctx.charge(p.len())?;
    p.bounds()
        .ok_or(DslError::Value("an empty patch has no extent"))
}

/// A corner of a patch picked from its bounds; `()` for an empty patch.
fn corner(ctx: &mut Ctx, patch: &Value, pick: fn((i32, i32, i32, i32)) -> Idx) -> Result<Value> {
    let p = shape::patch(patch)?;
    ctx.charge(p.len())?;
    Ok(p.bounds()
        .map_or_else(Value::empty_tuple, |b| idx_value(pick(b))))
}

/// Whether some key (row or column) of `a`'s indices is also one of `b`'s.
fn matching(ctx: &mut Ctx, a: &Value, b: &Value, key: fn(Idx) -> i32) -> Result<bool> {
    let pa = shape::patch(a)?;
    let pb = shape::patch(b)?;
    ctx.charge(pa.len().saturating_add(pb.len()))?;
    // Two single positions (the pairs of a product of single cells): no
    // iterators.
    if let (Some(x), Some(y)) = (pa.single(), pb.single()) {
        return Ok(key(x) == key(y));
    }
    // Small patches (single cells, objects of a few) are compared pair by
    // pair, with nothing built.
    if pa.len().saturating_mul(pb.len()) <= 64 {
        return Ok(pa
            .idx_iter()
            .any(|x| pb.idx_iter().any(|y| key(x) == key(y))));
    }
    let mut keys: Vec<i32> = pa.idx_iter().map(key).collect();
    keys.sort_unstable();
    keys.dedup();
    Ok(pb.idx_iter().any(|ij| keys.binary_search(&key(ij)).is_ok()))
}

/// The smallest Manhattan distance between the indices of two patches.
fn distance(ctx: &mut Ctx, a: &Value, b: &Value) -> Result<i64> {
    let pa = shape::patch(a)?;
    let pb = shape::patch(b)?;
    // Two single positions (`initset` of two cells, for each pair a
    // ranking visits): no iterators.
    if let (Some((ai, aj)), Some((bi, bj))) = (pa.single(), pb.single()) {
        ctx.charge(1)?;
        return Ok((i64::from(ai) - i64::from(bi)).abs() + (i64::from(aj) - i64::from(bj)).abs());
    }
    let (ia, ib) = (Positions::of(&pa), Positions::of(&pb));
    if ia.len() == 0 || ib.len() == 0 {
        return Err(DslError::Value("manhattan of an empty patch"));
    }
    ctx.charge(ia.len().saturating_mul(ib.len()))?;
    let mut best = i64::MAX;
    for (ai, aj) in ia.iter() {
        for (bi, bj) in ib.iter() {
            let d = (i64::from(ai) - i64::from(bi)).abs() + (i64::from(aj) - i64::from(bj)).abs();
            if d < best {
                if d == 0 {
                    return Ok(0);
                }
                best = d;
            }
        }
    }
    Ok(best)
}

/// The distinct indices of a patch, read in place where they are distinct
/// already (a set of indices; an object of one colour, whose cells are in
/// the order of their indices), else gathered ([`Patch::indices`]):
/// measuring distances between single cells and small objects, as
/// programs do for every cell of a grid, then builds nothing.
enum Positions<'a> {
    Indices(Cow<'a, [Idx]>),
    Cells(&'a [Cell]),
}

impl<'a> Positions<'a> {
    fn of(patch: &'a Patch<'_>) -> Positions<'a> {
        match patch {
            Patch::Object(cells) if cells.windows(2).all(|w| w[0].idx() < w[1].idx()) => {
                Positions::Cells(cells)
            }
            _ => Positions::Indices(patch.indices()),
        }
    }

    fn len(&self) -> usize {
        match self {
            Positions::Indices(x) => x.len(),
            Positions::Cells(x) => x.len(),
        }
    }

    fn iter(&self) -> impl Iterator<Item = Idx> + '_ {
        let (indices, cells): (&[Idx], &[Cell]) = match self {
            Positions::Indices(x) => (x, &[]),
            Positions::Cells(x) => (&[], x),
        };
        indices.iter().copied().chain(cells.iter().map(|c| c.idx()))
    }
}

/// The indices at `offsets` from a location.
fn around(loc: &Value, offsets: &[(i64, i64)]) -> Result<Value> {
    let (i, j) = shape::index_ints(loc)?;
    let cells = offsets
        .iter()
        .map(|&(di, dj)| {
            let ni = i
                .checked_add(di)
                .ok_or(DslError::Value("integer overflow"))?;
            let nj = j
                .checked_add(dj)
                .ok_or(DslError::Value("integer overflow"))?;
            Ok((coord(ni)?, coord(nj)?))
        })
        .collect::<Result<Vec<Idx>>>()?;
    Ok(Value::indices(cells))
}

const DIRECT: [(i64, i64); 4] = [(-1, 0), (1, 0), (0, -1), (0, 1)];
const DIAGONAL: [(i64, i64); 4] = [(-1, -1), (-1, 1), (1, -1), (1, 1)];
const ALL_AROUND: [(i64, i64); 8] = [
    (-1, -1),
    (-1, 0),
    (-1, 1),
    (0, -1),
    (0, 1),
    (1, -1),
    (1, 0),
    (1, 1),
];

// ---------------------------------------------------------------------------
// Colours of elements.
// ---------------------------------------------------------------------------

/// `mostcolor(element)`: the most common colour (ties to the smallest).
pub fn mostcolor(ctx: &mut Ctx, element: &Value) -> Result<Value> {
    commonest(ctx, element, true)
}

/// `leastcolor(element)`: the least common colour (ties to the smallest).
pub fn leastcolor(ctx: &mut Ctx, element: &Value) -> Result<Value> {
    commonest(ctx, element, false)
}

/// `colorcount(element, value)`: the number of cells of colour `value`.
pub fn colorcount(ctx: &mut Ctx, element: &Value, value: &Value) -> Result<Value> {
    let target = value.as_int();
    let n = match element {
        Value::Grid(g) => {
            ctx.charge(g.cells().len())?;
            match target.and_then(|c| i8::try_from(c).ok()) {
                Some(c) => g.cells().iter().filter(|&&v| v == c).count(),
                None => 0,
            }
        }
        Value::Object(x) => {
            ctx.charge(x.len())?;
            x.iter()
                .filter(|c| Some(i64::from(c.colour)) == target)
                .count()
        }
        Value::Indices(x) => {
            ctx.charge(x.len())?;
            x.iter()
                .filter(|&&(i, _)| Some(i64::from(i)) == target)
                .count()
        }
        _ if element.kind() == Kind::Tuple => {
            let mut n = 0usize;
            for row in shape::items(ctx, element)?.iter() {
                if row.kind() != Kind::Tuple {
                    return Err(DslError::Type("a row without count()"));
                }
                n += shape::items(ctx, row)?
                    .iter()
                    .filter(|v| v.py_eq(value))
                    .count();
            }
            n
        }
        _ => element_values(ctx, element)?
            .iter()
            .filter(|v| v.py_eq(value))
            .count(),
    };
    Ok(Value::Int(int_of_len(n)?))
}

/// `colorfilter(objs, value)`: the objects whose first cell has colour `value`.
pub fn colorfilter(ctx: &mut Ctx, objs: &Value, value: &Value) -> Result<Value> {
    let members = shape::items(ctx, objs)?;
    let mut kept = Vec::new();
    for obj in members.iter() {
        if first_colour(obj)?.py_eq(value) {
            kept.push(obj.clone());
        }
    }
    Ok(shape::rebuild_kept(Kind::Set, objs, kept))
}

/// `palette(element)`: the set of colours occurring in it.
pub fn palette(ctx: &mut Ctx, element: &Value) -> Result<Value> {
    let colours = match element {
        Value::Grid(g) => {
            ctx.charge(g.cells().len())?;
            shape::colour_counts(g.cells())
                .iter()
                .enumerate()
                .filter(|&(_, &n)| n > 0)
                .map(|(k, _)| Value::Int(i64::from(shape::colour_at(k))))
                .collect()
        }
        Value::Object(x) => {
            ctx.charge(x.len())?;
            x.iter().map(|c| int_value(c.colour)).collect()
        }
        Value::Indices(x) => {
            ctx.charge(x.len())?;
            x.iter().map(|&(i, _)| int_value(i)).collect()
        }
        _ => element_values(ctx, element)?,
    };
    Ok(Value::set(colours))
}

/// `numcolors(element)`: the number of colours occurring in it.
pub fn numcolors(ctx: &mut Ctx, element: &Value) -> Result<Value> {
    let n = palette(ctx, element)?.len().unwrap_or(0);
    Ok(Value::Int(int_of_len(n)?))
}

/// `color(obj)`: the colour of the object's first (smallest) cell.
pub fn color(ctx: &mut Ctx, obj: &Value) -> Result<Value> {
    ctx.charge(1)?;
    first_colour(obj)
}

// ---------------------------------------------------------------------------
// Extents.
// ---------------------------------------------------------------------------

/// `height(piece)`: rows of a grid, or of a patch's bounding box (0 if empty).
pub fn height(ctx: &mut Ctx, piece: &Value) -> Result<Value> {
    height_of(ctx, piece).map(Value::Int)
}

/// `width(piece)`: columns of a grid, or of a patch's bounding box (0 if empty).
pub fn width(ctx: &mut Ctx, piece: &Value) -> Result<Value> {
    width_of(ctx, piece).map(Value::Int)
}

/// `shape(piece)`: `(height, width)`.
pub fn shape(ctx: &mut Ctx, piece: &Value) -> Result<Value> {
    Ok(Value::Pair(height_of(ctx, piece)?, width_of(ctx, piece)?))
}

/// `portrait(piece)`: whether it is taller than wide.
pub fn portrait(ctx: &mut Ctx, piece: &Value) -> Result<Value> {
    Ok(Value::Bool(height_of(ctx, piece)? > width_of(ctx, piece)?))
}

/// `square(piece)`: a square grid, or a patch filling a square bounding box.
pub fn square(ctx: &mut Ctx, piece: &Value) -> Result<Value> {
    let is_square = match piece {
        Value::Grid(g) => g.height() == g.width(),
        _ if piece.kind() == Kind::Tuple => {
            let n = len_of(piece)?;
            n == len_of(&subscript0(piece)?)?
        }
        _ => {
            let h = height_of(ctx, piece)?;
            let w = width_of(ctx, piece)?;
            let n = i128::try_from(len_of(piece)?).unwrap_or(i128::MAX);
            i128::from(h) * i128::from(w) == n && h == w
        }
    };
    Ok(Value::Bool(is_square))
}

/// `vline(patch)`: whether it is a full vertical line.
pub fn vline(ctx: &mut Ctx, patch: &Value) -> Result<Value> {
    let h = height_of(ctx, patch)?;
    let n = int_of_len(len_of(patch)?)?;
    Ok(Value::Bool(h == n && width_of(ctx, patch)? == 1))
}

/// `hline(patch)`: whether it is a full horizontal line.
pub fn hline(ctx: &mut Ctx, patch: &Value) -> Result<Value> {
    let w = width_of(ctx, patch)?;
    let n = int_of_len(len_of(patch)?)?;
    Ok(Value::Bool(w == n && height_of(ctx, patch)? == 1))
}

/// `uppermost(patch)`: the smallest row index.
pub fn uppermost(ctx: &mut Ctx, patch: &Value) -> Result<Value> {
    extent(ctx, patch).map(|b| int_value(b.0))
}

/// `lowermost(patch)`: the largest row index.
pub fn lowermost(ctx: &mut Ctx, patch: &Value) -> Result<Value> {
    extent(ctx, patch).map(|b| int_value(b.2))
}

/// `leftmost(patch)`: the smallest column index.
pub fn leftmost(ctx: &mut Ctx, patch: &Value) -> Result<Value> {
    extent(ctx, patch).map(|b| int_value(b.1))
}

/// `rightmost(patch)`: the largest column index.
pub fn rightmost(ctx: &mut Ctx, patch: &Value) -> Result<Value> {
    extent(ctx, patch).map(|b| int_value(b.3))
}

/// `ulcorner(patch)`: `(min i, min j)`; `()` for an empty patch.
pub fn ulcorner(ctx: &mut Ctx, patch: &Value) -> Result<Value> {
    corner(ctx, patch, |(top, left, _, _)| (top, left))
}

/// `urcorner(patch)`: `(min i, max j)`; `()` for an empty patch.
pub fn urcorner(ctx: &mut Ctx, patch: &Value) -> Result<Value> {
    corner(ctx, patch, |(top, _, _, right)| (top, right))
}

/// `llcorner(patch)`: `(max i, min j)`; `()` for an empty patch.
pub fn llcorner(ctx: &mut Ctx, patch: &Value) -> Result<Value> {
    corner(ctx, patch, |(_, left, bottom, _)| (bottom, left))
}

/// `lrcorner(patch)`: `(max i, max j)`; `()` for an empty patch.
pub fn lrcorner(ctx: &mut Ctx, patch: &Value) -> Result<Value> {
    corner(ctx, patch, |(_, _, bottom, right)| (bottom, right))
}

/// `centerofmass(patch)`: the floored mean of its indices; `()` if empty.
pub fn centerofmass(ctx: &mut Ctx, patch: &Value) -> Result<Value> {
    let p = shape::patch(patch)?;
    ctx.charge(p.len())?;
    if p.is_empty() {
        return Ok(Value::empty_tuple());
    }
    // The sums run over `toindices(patch)`, the divisor is `len(patch)`:
    // they differ for an object with two colours at one index.
    let n = i128::try_from(p.len()).map_err(|_| DslError::Value("integer overflow"))?;
    let (si, sj) = p
        .indices()
        .iter()
        .fold((0i128, 0i128), |(si, sj), &(i, j)| {
            (si + i128::from(i), sj + i128::from(j))
        });
    let mean =
        |s: i128| i64::try_from(s.div_euclid(n)).map_err(|_| DslError::Value("integer overflow"));
    Ok(Value::Pair(mean(si)?, mean(sj)?))
}

// ---------------------------------------------------------------------------
// Grids to patches and back.
// ---------------------------------------------------------------------------

/// `asindices(grid)`: the indices of every cell.
pub fn asindices(ctx: &mut Ctx, grid: &Value) -> Result<Value> {
    let (h, w) = match grid {
        Value::Grid(g) => g.shape(),
        _ => {
            let h = len_of(grid)?;
            if h == 0 {
                return Ok(Value::empty_set());
            }
            (h, len_of(&subscript0(grid)?)?)
        }
    };
    ctx.charge(h.saturating_mul(w))?;
    let (h, w) = (coord(int_of_len(h)?)?, coord(int_of_len(w)?)?);
    Ok(Value::indices(
        (0..h).flat_map(|i| (0..w).map(move |j| (i, j))).collect(),
    ))
}

/// `ofcolor(grid, value)`: the indices of the cells of colour `value`.
pub fn ofcolor(ctx: &mut Ctx, grid: &Value, value: &Value) -> Result<Value> {
    if let Value::Grid(g) = grid {
        ctx.charge(g.cells().len())?;
        let Some(c) = value.as_int().and_then(|c| i8::try_from(c).ok()) else {
            return Ok(Value::empty_set());
        };
        let mut found = Vec::new();
        for (i, row) in g.rows().enumerate() {
            for (j, &v) in row.iter().enumerate() {
                if v == c {
                    found.push((coord(int_of_len(i)?)?, coord(int_of_len(j)?)?));
                }
            }
        }
        return Ok(Value::indices(found));
    }
    let mut found = Vec::new();
    for (i, row) in shape::items(ctx, grid)?.iter().enumerate() {
        for (j, v) in shape::items(ctx, row)?.iter().enumerate() {
            if v.py_eq(value) {
                found.push((coord(int_of_len(i)?)?, coord(int_of_len(j)?)?));
            }
        }
    }
    Ok(Value::indices(found))
}

/// `asobject(grid)`: every cell of the grid as an object.
pub fn asobject(ctx: &mut Ctx, grid: &Value) -> Result<Value> {
    if let Value::Grid(g) = grid {
        ctx.charge(g.cells().len())?;
        let mut cells = Vec::with_capacity(g.cells().len());
        for (i, row) in g.rows().enumerate() {
            let i = coord(int_of_len(i)?)?;
            for (j, &v) in row.iter().enumerate() {
                cells.push(Cell::new(i32::from(v), (i, coord(int_of_len(j)?)?)));
            }
        }
        return Ok(Value::object_from_scan(cells));
    }
    let mut cells = Vec::new();
    for (i, row) in shape::items(ctx, grid)?.iter().enumerate() {
        let i = int_of_len(i)?;
        for (j, v) in shape::items(ctx, row)?.iter().enumerate() {
            cells.push(Value::tuple(vec![
                v.clone(),
                Value::Pair(i, int_of_len(j)?),
            ]));
        }
    }
    Ok(Value::set(cells))
}

/// `toobject(patch, grid)`: the patch's cells inside the grid, with the grid's colours.
pub fn toobject(ctx: &mut Ctx, patch: &Value, grid: &Value) -> Result<Value> {
    if let Value::Grid(g) = grid {
        let p = shape::patch(patch)?;
        ctx.charge(p.len())?;
        let cells = p
            .indices()
            .iter()
            .filter_map(|&(i, j)| {
                let c = g.get(usize::try_from(i).ok()?, usize::try_from(j).ok()?)?;
                Some(Cell::new(i32::from(c), (i, j)))
            })
            .collect();
        // Indices come sorted, so the cells are in scan order.
        return Ok(Value::object_from_scan(cells));
    }
    // A tuple of rows, read as the reference reads it: `grid[i][j]` inside
    // `len(grid)` x `len(grid[0])`.
    let h = len_of(grid)?;
    let w = len_of(&subscript0(grid)?)?;
    let p = shape::patch(patch)?;
    ctx.charge(p.len())?;
    let mut cells = Vec::new();
    for &(i, j) in p.indices().iter() {
        let (Ok(ui), Ok(uj)) = (usize::try_from(i), usize::try_from(j)) else {
            continue;
        };
        if ui >= h || uj >= w {
            continue;
        }
        let row = grid
            .get(ui)
            .ok_or(DslError::Value("tuple index out of range"))?;
        if row.kind() != Kind::Tuple {
            return Err(DslError::Type("a grid's rows are tuples"));
        }
        let v = row
            .get(uj)
            .ok_or(DslError::Value("tuple index out of range"))?;
        cells.push(cell_tuple(v, (i, j)));
    }
    Ok(Value::set(cells))
}

/// `toindices(patch)`: its set of indices (a tuple of indices is returned as is).
pub fn toindices(ctx: &mut Ctx, patch: &Value) -> Result<Value> {
    if let Value::Indices(_) = patch {
        return Ok(patch.clone());
    }
    let p = shape::patch(patch)?;
    ctx.charge(p.len())?;
    Ok(match &p {
        _ if p.is_empty() => Value::empty_set(),
        // The reference returns a patch of indices itself, tuples included.
        Patch::Indices(_) => patch.clone(),
        Patch::Object(_) => Value::indices(p.indices().into_owned()),
    })
}

/// `recolor(value, patch)`: an object of colour `value` on the patch's indices.
pub fn recolor(ctx: &mut Ctx, value: &Value, patch: &Value) -> Result<Value> {
    let p = shape::patch(patch)?;
    ctx.charge(p.len())?;
    let idx = p.indices();
    Ok(match value.as_int().and_then(|c| i32::try_from(c).ok()) {
        Some(c) => Value::object(idx.iter().map(|&ij| Cell::new(c, ij)).collect()),
        None => Value::set(
            idx.iter()
                .map(|&ij| cell_tuple(value.clone(), ij))
                .collect(),
        ),
    })
}

/// `shift(patch, (di, dj))`: the patch moved (an empty patch as it is,
/// whatever `directions` is).
pub fn shift(ctx: &mut Ctx, patch: &Value, directions: &Value) -> Result<Value> {
    if patch.is_empty() {
        ctx.charge(1)?;
        return Ok(patch.clone());
    }
    let (di, dj) = shape::unpack_ints(directions)?;
    let p = shape::patch(patch)?;
    if p.is_empty() {
        return Err(DslError::Value("shift of an empty patch"));
    }
    if (di, dj) == (0, 0) && matches!(patch, Value::Indices(_) | Value::Object(_)) {
        return Ok(patch.clone());
    }
    ctx.charge(p.len())?;
    match (&p, patch) {
        (Patch::Indices(x), Value::Indices(_)) => {
            if let Some(moved) = shifted(x, |&(i, j)| (i, j), |_, at| at, di, dj) {
                return Ok(Value::Indices(moved));
            }
        }
        (Patch::Object(x), Value::Object(_)) => {
            if let Some(moved) = shifted(x, |c| c.idx(), |c, at| Cell::new(c.colour, at), di, dj) {
                return Ok(Value::Object(moved));
            }
        }
        _ => {}
    }
    Ok(match &p {
        Patch::Indices(x) => Value::indices(
            x.iter()
                .map(|&(i, j)| Ok((offset(i, di)?, offset(j, dj)?)))
                .collect::<Result<_>>()?,
        ),
        Patch::Object(x) => Value::object(
            x.iter()
                .map(|c| Ok(Cell::new(c.colour, (offset(c.i, di)?, offset(c.j, dj)?))))
                .collect::<Result<_>>()?,
        ),
    })
}

/// The elements of a set of positions or cells, each moved by `(di, dj)`,
/// in their shared allocation, made in one pass: a set moved as a whole
/// stays in order. `None` where a coordinate would leave what [`offset`]
/// allows (the general path then says which): the extremes are tested,
/// and a coordinate between them moves within the bounds.
fn shifted<T: Copy>(
    x: &[T],
    at: impl Fn(&T) -> Idx,
    moved: impl Fn(&T, Idx) -> T,
    di: i64,
    dj: i64,
) -> Option<Arc<[T]>> {
    let (mut top, mut left, mut bottom, mut right) = (i32::MAX, i32::MAX, i32::MIN, i32::MIN);
    for e in x {
        let (i, j) = at(e);
        (top, bottom) = (top.min(i), bottom.max(i));
        (left, right) = (left.min(j), right.max(j));
    }
    for (v, d) in [(top, di), (bottom, di), (left, dj), (right, dj)] {
        offset(v, d).ok()?;
    }
    // Within bounds, so each sum fits an `i32`.
    let (di, dj) = (i32::try_from(di).ok()?, i32::try_from(dj).ok()?);
    Some(
        x.iter()
            .map(|e| {
                let (i, j) = at(e);
                moved(e, (i + di, j + dj))
            })
            .collect(),
    )
}

/// `normalize(patch)`: the patch moved so its upper left corner is the
/// origin (an empty patch as it is).
pub fn normalize(ctx: &mut Ctx, patch: &Value) -> Result<Value> {
    if patch.is_empty() {
        ctx.charge(1)?;
        return Ok(patch.clone());
    }
    let (top, left, _, _) = extent(ctx, patch)?;
    let by = Value::Pair(-i64::from(top), -i64::from(left));
    shift(ctx, patch, &by)
}

// ---------------------------------------------------------------------------
// Neighbourhoods.
// ---------------------------------------------------------------------------

/// `dneighbors(loc)`: the four directly adjacent indices.
pub fn dneighbors(ctx: &mut Ctx, loc: &Value) -> Result<Value> {
    ctx.charge(DIRECT.len())?;
    around(loc, &DIRECT)
}

/// `ineighbors(loc)`: the four diagonally adjacent indices.
pub fn ineighbors(ctx: &mut Ctx, loc: &Value) -> Result<Value> {
    ctx.charge(DIAGONAL.len())?;
    around(loc, &DIAGONAL)
}

/// `neighbors(loc)`: the eight adjacent indices.
pub fn neighbors(ctx: &mut Ctx, loc: &Value) -> Result<Value> {
    ctx.charge(ALL_AROUND.len())?;
    around(loc, &ALL_AROUND)
}

// ---------------------------------------------------------------------------
// Relations between patches.
// ---------------------------------------------------------------------------

/// `hmatching(a, b)`: whether the patches share a row.
pub fn hmatching(ctx: &mut Ctx, a: &Value, b: &Value) -> Result<Value> {
    matching(ctx, a, b, |(i, _)| i).map(Value::Bool)
}

/// `vmatching(a, b)`: whether the patches share a column.
pub fn vmatching(ctx: &mut Ctx, a: &Value, b: &Value) -> Result<Value> {
    matching(ctx, a, b, |(_, j)| j).map(Value::Bool)
}

/// `manhattan(a, b)`: the closest Manhattan distance between the patches.
pub fn manhattan(ctx: &mut Ctx, a: &Value, b: &Value) -> Result<Value> {
    distance(ctx, a, b).map(Value::Int)
}

/// `adjacent(a, b)`: whether the patches are at Manhattan distance 1.
pub fn adjacent(ctx: &mut Ctx, a: &Value, b: &Value) -> Result<Value> {
    distance(ctx, a, b).map(|d| Value::Bool(d == 1))
}

/// `bordering(patch, grid)`: whether the patch touches a border of the grid.
pub fn bordering(ctx: &mut Ctx, patch: &Value, grid: &Value) -> Result<Value> {
    let (top, left, bottom, right) = extent(ctx, patch)?;
    // The reference short-circuits: the grid is read only when needed.
    if top == 0 || left == 0 {
        return Ok(Value::Bool(true));
    }
    let h = match grid {
        Value::Grid(g) => g.height(),
        _ => len_of(grid)?,
    };
    if i64::from(bottom) == int_of_len(h)? - 1 {
        return Ok(Value::Bool(true));
    }
    let w = match grid {
        Value::Grid(g) => g.width(),
        _ => len_of(&subscript0(grid)?)?,
    };
    Ok(Value::Bool(i64::from(right) == int_of_len(w)? - 1))
}

/// The patch and element primitives.
pub(super) const PRIMS: &[PrimDef] = &[
    prim!(mostcolor, 1),
    prim!(leastcolor, 1),
    prim!(height, 1),
    prim!(width, 1),
    prim!(shape, 1),
    prim!(portrait, 1),
    prim!(colorcount, 2),
    prim!(colorfilter, 2),
    prim!(asindices, 1),
    prim!(ofcolor, 2),
    prim!(ulcorner, 1),
    prim!(urcorner, 1),
    prim!(llcorner, 1),
    prim!(lrcorner, 1),
    prim!(toindices, 1),
    prim!(recolor, 2),
    prim!(shift, 2),
    prim!(normalize, 1),
    prim!(dneighbors, 1),
    prim!(ineighbors, 1),
    prim!(neighbors, 1),
    prim!(uppermost, 1),
    prim!(lowermost, 1),
    prim!(leftmost, 1),
    prim!(rightmost, 1),
    prim!(square, 1),
    prim!(vline, 1),
    prim!(hline, 1),
    prim!(hmatching, 2),
    prim!(vmatching, 2),
    prim!(manhattan, 2),
    prim!(adjacent, 2),
    prim!(bordering, 2),
    prim!(centerofmass, 1),
    prim!(palette, 1),
    prim!(numcolors, 1),
    prim!(color, 1),
    prim!(toobject, 2),
    prim!(asobject, 1),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::Grid;

    type Prim1 = fn(&mut Ctx, &Value) -> Result<Value>;
    type Prim2 = fn(&mut Ctx, &Value, &Value) -> Result<Value>;

    fn r1(f: Prim1, a: &Value) -> Result<Value> {
        f(&mut Ctx::default(), a)
    }

    fn r2(f: Prim2, a: &Value, b: &Value) -> Result<Value> {
        f(&mut Ctx::default(), a, b)
    }

    fn g(rows: &[&[i8]]) -> Value {
        Value::grid(Grid::from_rows(rows).unwrap())
    }

    fn idx(v: &[(i32, i32)]) -> Value {
        Value::indices(v.to_vec())
    }

    fn obj(v: &[(i32, (i32, i32))]) -> Value {
        Value::object(v.iter().map(|&(c, ij)| Cell::new(c, ij)).collect())
    }

    fn ints(xs: &[i64]) -> Value {
        Value::tuple(xs.iter().map(|&x| Value::Int(x)).collect())
    }

    fn int(n: i64) -> Value {
        Value::Int(n)
    }

    fn set_of(xs: &[i64]) -> Value {
        Value::set(xs.iter().map(|&x| Value::Int(x)).collect())
    }

    /// A tuple of rows that is not a compact grid (it holds a negative colour).
    fn odd_rows() -> Value {
        Value::tuple(vec![ints(&[-1, 2, -1]), ints(&[2, -1, 5])])
    }

    // --- catalogue ---------------------------------------------------------

    #[test]
    fn the_module_registers_its_thirty_nine_primitives() {
        let expected = "mostcolor leastcolor height width shape portrait colorcount colorfilter \
            asindices ofcolor ulcorner urcorner llcorner lrcorner toindices recolor shift \
            normalize dneighbors ineighbors neighbors uppermost lowermost leftmost rightmost \
            square vline hline hmatching vmatching manhattan adjacent bordering centerofmass \
            palette numcolors color toobject asobject";
        let names: Vec<&str> = PRIMS.iter().map(|p| p.name).collect();
        assert_eq!(names, expected.split_whitespace().collect::<Vec<_>>());
        let two = [
            "colorcount",
            "colorfilter",
            "ofcolor",
            "recolor",
            "shift",
            "hmatching",
            "vmatching",
            "manhattan",
            "adjacent",
            "bordering",
            "toobject",
        ];
        for p in PRIMS {
            let arity = if two.contains(&p.name) { 2 } else { 1 };
            assert_eq!(p.arity, arity, "{}", p.name);
        }
    }

    #[test]
    fn catalogue_entries_call_the_functions() {
        let def = PRIMS.iter().find(|p| p.name == "shift").unwrap();
        let out = def.call(&mut Ctx::default(), &[idx(&[(0, 0)]), Value::Pair(2, 3)]);
        assert_eq!(out.unwrap(), idx(&[(2, 3)]));
    }

    // --- mostcolor / leastcolor ---------------------------------------------

    #[test]
    fn mostcolor_of_a_grid_counts_cells() {
        assert_eq!(
            r1(mostcolor, &g(&[&[1, 1, 2], &[3, 1, 2]])).unwrap(),
            int(1)
        );
    }

    #[test]
    fn mostcolor_ties_go_to_the_smallest_colour() {
        assert_eq!(
            r1(mostcolor, &g(&[&[3, 3, 1], &[1, 2, 2]])).unwrap(),
            int(1)
        );
        let o = obj(&[(7, (0, 0)), (4, (5, 5))]);
        assert_eq!(r1(mostcolor, &o).unwrap(), int(4));
    }

    #[test]
    fn mostcolor_of_an_object_counts_colours() {
        let o = obj(&[(5, (0, 0)), (5, (0, 1)), (2, (1, 1))]);
        assert_eq!(r1(mostcolor, &o).unwrap(), int(5));
    }

    #[test]
    fn mostcolor_of_indices_reads_the_row_index() {
        let p = idx(&[(0, 0), (2, 0), (2, 1)]);
        assert_eq!(r1(mostcolor, &p).unwrap(), int(2));
        assert_eq!(r1(leastcolor, &p).unwrap(), int(0));
    }

    #[test]
    fn mostcolor_of_a_tuple_of_rows_matches_the_grid() {
        let rows = Value::tuple(vec![Value::Pair(1, 2), Value::Pair(2, 2)]);
        assert_eq!(r1(mostcolor, &rows).unwrap(), int(2));
        assert_eq!(r1(mostcolor, &odd_rows()).unwrap(), int(-1));
        assert_eq!(r1(leastcolor, &odd_rows()).unwrap(), int(5));
    }

    #[test]
    fn mostcolor_of_nothing_is_an_error() {
        assert!(r1(mostcolor, &Value::empty_set()).is_err());
        assert!(r1(mostcolor, &Value::empty_tuple()).is_err());
        assert!(r1(mostcolor, &Value::grid(Grid::new(2, 0, vec![]).unwrap())).is_err());
        assert!(r1(mostcolor, &int(3)).is_err());
        assert!(r1(mostcolor, &Value::Pair(1, 2)).is_err());
        assert!(r1(leastcolor, &Value::empty_set()).is_err());
        assert!(r1(leastcolor, &Value::None).is_err());
    }

    #[test]
    fn leastcolor_picks_the_rarest_colour() {
        assert_eq!(
            r1(leastcolor, &g(&[&[1, 1, 2], &[3, 1, 2]])).unwrap(),
            int(3)
        );
        let o = obj(&[(5, (0, 0)), (5, (0, 1)), (2, (1, 1))]);
        assert_eq!(r1(leastcolor, &o).unwrap(), int(2));
    }

    #[test]
    fn leastcolor_ties_go_to_the_smallest_colour() {
        assert_eq!(
            r1(leastcolor, &g(&[&[3, 3, 1], &[1, 2, 2]])).unwrap(),
            int(1)
        );
        assert_eq!(r1(leastcolor, &g(&[&[9, 4, 4, 6]])).unwrap(), int(6));
    }

    #[test]
    fn most_and_least_colour_agree_on_a_single_colour() {
        let one = g(&[&[7, 7], &[7, 7]]);
        assert_eq!(r1(mostcolor, &one).unwrap(), r1(leastcolor, &one).unwrap());
    }

    // --- height / width / shape / portrait -----------------------------------

    #[test]
    fn height_and_width_of_a_grid_are_its_sides() {
        let grid = g(&[&[1, 2, 3], &[4, 5, 6]]);
        assert_eq!(r1(height, &grid).unwrap(), int(2));
        assert_eq!(r1(width, &grid).unwrap(), int(3));
        assert_eq!(r1(shape, &grid).unwrap(), Value::Pair(2, 3));
        let flat = Value::grid(Grid::new(2, 0, vec![]).unwrap());
        assert_eq!(r1(shape, &flat).unwrap(), Value::Pair(2, 0));
    }

    #[test]
    fn height_and_width_of_a_patch_are_its_bounding_box() {
        let p = idx(&[(1, 2), (3, 5)]);
        assert_eq!(r1(height, &p).unwrap(), int(3));
        assert_eq!(r1(width, &p).unwrap(), int(4));
        let o = obj(&[(1, (1, 2)), (9, (3, 5))]);
        assert_eq!(r1(shape, &o).unwrap(), Value::Pair(3, 4));
        let neg = idx(&[(-4, -1), (0, 0)]);
        assert_eq!(r1(shape, &neg).unwrap(), Value::Pair(5, 2));
    }

    #[test]
    fn an_empty_piece_has_no_extent() {
        for e in [Value::empty_set(), Value::empty_tuple()] {
            assert_eq!(r1(height, &e).unwrap(), int(0));
            assert_eq!(r1(width, &e).unwrap(), int(0));
            assert_eq!(r1(shape, &e).unwrap(), Value::Pair(0, 0));
            assert_eq!(r1(portrait, &e).unwrap(), Value::Bool(false));
        }
    }

    #[test]
    fn every_tuple_is_measured_as_a_grid() {
        // The reference's duck typing: a tuple's height is its length.
        let t = Value::tuple(vec![
            Value::Pair(5, 5),
            Value::Pair(9, 9),
            Value::Pair(0, 0),
        ]);
        assert_eq!(r1(shape, &t).unwrap(), Value::Pair(3, 2));
        assert_eq!(r1(shape, &odd_rows()).unwrap(), Value::Pair(2, 3));
        assert_eq!(r1(height, &Value::Pair(1, 2)).unwrap(), int(2));
        assert!(r1(width, &Value::Pair(1, 2)).is_err());
    }

    #[test]
    fn height_and_width_of_non_pieces_are_errors() {
        assert!(r1(height, &int(1)).is_err());
        assert!(r1(width, &Value::None).is_err());
        assert!(r1(height, &set_of(&[1, 2])).is_err());
        assert!(r1(shape, &int(1)).is_err());
        assert!(r1(portrait, &int(1)).is_err());
    }

    #[test]
    fn portrait_means_taller_than_wide() {
        assert_eq!(
            r1(portrait, &g(&[&[1], &[2], &[3]])).unwrap(),
            Value::Bool(true)
        );
        assert_eq!(r1(portrait, &g(&[&[1, 2]])).unwrap(), Value::Bool(false));
        assert_eq!(
            r1(portrait, &g(&[&[1, 2], &[3, 4]])).unwrap(),
            Value::Bool(false)
        );
        assert_eq!(
            r1(portrait, &idx(&[(0, 0), (1, 0)])).unwrap(),
            Value::Bool(true)
        );
    }

    // --- colorcount / colorfilter --------------------------------------------

    #[test]
    fn colorcount_counts_cells_of_a_grid() {
        let grid = g(&[&[1, 1, 2], &[3, 1, 2]]);
        assert_eq!(r2(colorcount, &grid, &int(1)).unwrap(), int(3));
        assert_eq!(r2(colorcount, &grid, &int(7)).unwrap(), int(0));
        assert_eq!(r2(colorcount, &grid, &int(300)).unwrap(), int(0));
        assert_eq!(r2(colorcount, &grid, &Value::Bool(true)).unwrap(), int(3));
        assert_eq!(r2(colorcount, &grid, &Value::Pair(1, 1)).unwrap(), int(0));
    }

    #[test]
    fn colorcount_of_objects_and_indices() {
        let o = obj(&[(5, (0, 0)), (5, (0, 1)), (2, (1, 1))]);
        assert_eq!(r2(colorcount, &o, &int(5)).unwrap(), int(2));
        let p = idx(&[(0, 0), (2, 0), (2, 1)]);
        assert_eq!(r2(colorcount, &p, &int(2)).unwrap(), int(2));
        assert_eq!(
            r2(colorcount, &Value::empty_set(), &int(2)).unwrap(),
            int(0)
        );
    }

    #[test]
    fn colorcount_of_a_tuple_of_rows() {
        assert_eq!(r2(colorcount, &odd_rows(), &int(-1)).unwrap(), int(3));
        let set_row = Value::tuple(vec![set_of(&[1, 2])]);
        assert!(r2(colorcount, &set_row, &int(1)).is_err());
        assert!(r2(colorcount, &int(1), &int(1)).is_err());
    }

    #[test]
    fn colorcounts_over_the_palette_sum_to_the_area() {
        let grid = g(&[&[1, 1, 2], &[3, 1, 2]]);
        let total: i64 = [1, 2, 3]
            .iter()
            .map(|&c| r2(colorcount, &grid, &int(c)).unwrap().as_int().unwrap())
            .sum();
        assert_eq!(total, 6);
    }

    #[test]
    fn colorfilter_keeps_objects_whose_first_cell_has_the_colour() {
        let a = obj(&[(1, (0, 0)), (1, (0, 1))]);
        let b = obj(&[(2, (3, 3))]);
        // Its smallest cell has colour 1, so it counts as a 1-object.
        let c = obj(&[(3, (0, 0)), (1, (5, 5))]);
        let objs = Value::set(vec![a.clone(), b.clone(), c.clone()]);
        assert_eq!(
            r2(colorfilter, &objs, &int(1)).unwrap(),
            Value::set(vec![a.clone(), c])
        );
        assert_eq!(
            r2(colorfilter, &objs, &int(2)).unwrap(),
            Value::set(vec![b.clone()])
        );
        assert_eq!(r2(colorfilter, &objs, &int(3)).unwrap(), Value::empty_set());
        let tuple = Value::tuple(vec![a.clone(), b, a.clone()]);
        assert_eq!(
            r2(colorfilter, &tuple, &int(1)).unwrap(),
            Value::set(vec![a])
        );
    }

    #[test]
    fn colorfilter_of_indices_sets_reads_rows() {
        let p = idx(&[(4, 0), (6, 1)]);
        let q = idx(&[(0, 0)]);
        let objs = Value::set(vec![p.clone(), q]);
        assert_eq!(
            r2(colorfilter, &objs, &int(4)).unwrap(),
            Value::set(vec![p])
        );
    }

    #[test]
    fn colorfilter_errors_on_an_empty_object_or_non_objects() {
        let objs = Value::set(vec![Value::empty_set(), obj(&[(1, (0, 0))])]);
        assert!(r2(colorfilter, &objs, &int(1)).is_err());
        assert!(r2(colorfilter, &idx(&[(0, 0)]), &int(1)).is_err());
        assert!(r2(colorfilter, &int(1), &int(1)).is_err());
        assert_eq!(
            r2(colorfilter, &Value::empty_set(), &int(1)).unwrap(),
            Value::empty_set()
        );
    }

    // --- asindices / ofcolor --------------------------------------------------

    #[test]
    fn asindices_lists_every_cell() {
        let grid = g(&[&[1, 2, 3], &[4, 5, 6]]);
        assert_eq!(
            r1(asindices, &grid).unwrap(),
            idx(&[(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)])
        );
        assert_eq!(
            r1(asindices, &odd_rows()).unwrap(),
            r1(asindices, &grid).unwrap()
        );
    }

    #[test]
    fn asindices_of_empty_grids_is_empty() {
        assert_eq!(
            r1(asindices, &Value::empty_tuple()).unwrap(),
            Value::empty_set()
        );
        assert_eq!(
            r1(asindices, &Value::empty_set()).unwrap(),
            Value::empty_set()
        );
        let flat = Value::grid(Grid::new(3, 0, vec![]).unwrap());
        assert_eq!(r1(asindices, &flat).unwrap(), Value::empty_set());
    }

    #[test]
    fn asindices_of_non_grids_is_an_error() {
        assert!(r1(asindices, &int(3)).is_err());
        assert!(r1(asindices, &Value::Pair(1, 2)).is_err());
        assert!(r1(asindices, &idx(&[(0, 0)])).is_err());
    }

    #[test]
    fn ofcolor_finds_the_cells_of_a_colour() {
        let grid = g(&[&[1, 1, 2], &[3, 1, 2]]);
        assert_eq!(
            r2(ofcolor, &grid, &int(1)).unwrap(),
            idx(&[(0, 0), (0, 1), (1, 1)])
        );
        assert_eq!(r2(ofcolor, &grid, &int(8)).unwrap(), Value::empty_set());
        assert_eq!(r2(ofcolor, &grid, &int(-1)).unwrap(), Value::empty_set());
        assert_eq!(
            r2(ofcolor, &odd_rows(), &int(-1)).unwrap(),
            idx(&[(0, 0), (0, 2), (1, 1)])
        );
        assert_eq!(
            r2(ofcolor, &Value::empty_tuple(), &int(1)).unwrap(),
            Value::empty_set()
        );
        assert!(r2(ofcolor, &int(1), &int(1)).is_err());
    }

    #[test]
    fn ofcolor_over_the_palette_covers_asindices() {
        let grid = g(&[&[1, 1, 2], &[3, 1, 2]]);
        let mut all = Vec::new();
        for c in [1, 2, 3] {
            if let Value::Indices(x) = r2(ofcolor, &grid, &int(c)).unwrap() {
                all.extend_from_slice(&x);
            }
        }
        assert_eq!(Value::indices(all), r1(asindices, &grid).unwrap());
    }

    // --- corners -----------------------------------------------------------

    #[test]
    fn corners_of_a_patch() {
        let p = idx(&[(1, 2), (3, 0), (2, 5)]);
        assert_eq!(r1(ulcorner, &p).unwrap(), Value::Pair(1, 0));
        assert_eq!(r1(urcorner, &p).unwrap(), Value::Pair(1, 5));
        assert_eq!(r1(llcorner, &p).unwrap(), Value::Pair(3, 0));
        assert_eq!(r1(lrcorner, &p).unwrap(), Value::Pair(3, 5));
        let o = obj(&[(4, (1, 2)), (4, (3, 0)), (9, (2, 5))]);
        assert_eq!(r1(ulcorner, &o).unwrap(), Value::Pair(1, 0));
        assert_eq!(r1(lrcorner, &o).unwrap(), Value::Pair(3, 5));
        let t = Value::tuple(vec![Value::Pair(7, 1), Value::Pair(2, 8)]);
        assert_eq!(r1(urcorner, &t).unwrap(), Value::Pair(2, 8));
        assert_eq!(r1(llcorner, &t).unwrap(), Value::Pair(7, 1));
    }

    #[test]
    fn corners_of_an_empty_patch_are_the_empty_tuple() {
        for f in [ulcorner, urcorner, llcorner, lrcorner] {
            assert_eq!(r1(f, &Value::empty_set()).unwrap(), Value::empty_tuple());
            assert!(r1(f, &int(1)).is_err());
            assert!(r1(f, &set_of(&[1])).is_err());
        }
    }

    // --- toindices / recolor ------------------------------------------------

    #[test]
    fn toindices_drops_colours() {
        let o = obj(&[(1, (0, 0)), (2, (0, 0)), (1, (2, 2))]);
        assert_eq!(r1(toindices, &o).unwrap(), idx(&[(0, 0), (2, 2)]));
        let p = idx(&[(3, 3)]);
        assert_eq!(r1(toindices, &p).unwrap(), p);
        assert_eq!(
            r1(toindices, &Value::empty_set()).unwrap(),
            Value::empty_set()
        );
        assert_eq!(
            r1(toindices, &Value::empty_tuple()).unwrap(),
            Value::empty_set()
        );
    }

    #[test]
    fn toindices_keeps_a_tuple_of_indices_and_converts_a_tuple_of_cells() {
        let t = Value::tuple(vec![Value::Pair(1, 1), Value::Pair(0, 0)]);
        let out = r1(toindices, &t).unwrap();
        assert_eq!(out, t);
        assert_eq!(out.kind(), Kind::Tuple);
        let cells = Value::tuple(vec![
            Value::tuple(vec![int(3), Value::Pair(1, 1)]),
            Value::tuple(vec![int(4), Value::Pair(0, 0)]),
        ]);
        assert_eq!(r1(toindices, &cells).unwrap(), idx(&[(0, 0), (1, 1)]));
        assert!(r1(toindices, &int(1)).is_err());
    }

    #[test]
    fn recolor_paints_the_indices() {
        let p = idx(&[(0, 1), (2, 3)]);
        assert_eq!(
            r2(recolor, &int(5), &p).unwrap(),
            obj(&[(5, (0, 1)), (5, (2, 3))])
        );
        let o = obj(&[(1, (0, 0)), (2, (0, 0))]);
        assert_eq!(r2(recolor, &int(7), &o).unwrap(), obj(&[(7, (0, 0))]));
        assert_eq!(
            r2(recolor, &int(7), &Value::empty_set()).unwrap(),
            Value::empty_set()
        );
        assert!(r2(recolor, &int(7), &int(1)).is_err());
    }

    #[test]
    fn recolor_with_a_non_integer_value_builds_generic_cells() {
        let out = r2(recolor, &Value::Pair(1, 2), &idx(&[(0, 0)])).unwrap();
        let cell = Value::tuple(vec![Value::Pair(1, 2), Value::Pair(0, 0)]);
        assert_eq!(out, Value::set(vec![cell]));
        assert_eq!(
            r1(toindices, &r2(recolor, &int(3), &idx(&[(4, 4)])).unwrap()).unwrap(),
            idx(&[(4, 4)])
        );
    }

    // --- shift / normalize ----------------------------------------------------

    #[test]
    fn shift_moves_indices_and_objects() {
        let p = idx(&[(0, 0), (1, 2)]);
        assert_eq!(
            r2(shift, &p, &Value::Pair(2, -1)).unwrap(),
            idx(&[(2, -1), (3, 1)])
        );
        let o = obj(&[(4, (0, 0)), (5, (1, 2))]);
        assert_eq!(
            r2(shift, &o, &Value::Pair(-1, 1)).unwrap(),
            obj(&[(4, (-1, 1)), (5, (0, 3))])
        );
        let t = Value::tuple(vec![Value::Pair(1, 1)]);
        assert_eq!(r2(shift, &t, &Value::Pair(1, 0)).unwrap(), idx(&[(2, 1)]));
        let by_bools = Value::tuple(vec![Value::Bool(true), Value::Int(2)]);
        assert_eq!(r2(shift, &p, &by_bools).unwrap(), idx(&[(1, 2), (2, 4)]));
    }

    #[test]
    fn shift_there_and_back_is_the_identity() {
        let o = obj(&[(4, (0, 0)), (5, (1, 2)), (6, (7, -3))]);
        let there = r2(shift, &o, &Value::Pair(5, -9)).unwrap();
        assert_eq!(r2(shift, &there, &Value::Pair(-5, 9)).unwrap(), o);
        assert_eq!(r2(shift, &o, &Value::Pair(0, 0)).unwrap(), o);
    }

    #[test]
    fn shift_of_a_whole_set_is_each_element_moved_or_the_first_error() {
        // Each element moved in `i64`, the set made again by its sorting
        // constructor; the error that the first coordinate out of `i32`
        // raises, in element order, row before column.
        fn each_moved<T: Copy>(
            xs: &[T],
            at: impl Fn(&T) -> Idx,
            make: impl Fn(&T, Idx) -> T,
            (di, dj): (i64, i64),
        ) -> Result<Vec<T>> {
            xs.iter()
                .map(|e| {
                    let (i, j) = at(e);
                    Ok(make(e, (offset(i, di)?, offset(j, dj)?)))
                })
                .collect()
        }
        let (max, min) = (i64::from(i32::MAX), i64::from(i32::MIN));
        let sets: [&[(i32, (i32, i32))]; 4] = [
            &[(3, (0, 0)), (1, (2, -5)), (7, (29, 29)), (1, (-4, 9))],
            &[(0, (i32::MAX, 0)), (0, (0, i32::MIN)), (2, (5, 5))],
            &[(9, (i32::MIN, i32::MAX))],
            &[(0, (1, 1)), (0, (1, 2)), (0, (2, 1))],
        ];
        let by = [
            (0, 1),
            (-3, 7),
            (max, 0),
            (0, min),
            (-max, 1),
            (1 - max, max - 1),
            (max + 1, 0),
            (i64::MIN, 0),
            (0, i64::MAX),
            (min - 1, min - 1),
        ];
        for cells in sets {
            let object = obj(cells);
            let places: Vec<Idx> = cells.iter().map(|&(_, ij)| ij).collect();
            let indices = idx(&places);
            let (Value::Object(sorted_cells), Value::Indices(sorted_places)) = (&object, &indices)
            else {
                panic!("{object} and {indices} are not an object and a set of indices")
            };
            for d in by {
                let by_value = Value::Pair(d.0, d.1);
                let want = each_moved(
                    sorted_cells,
                    |c| c.idx(),
                    |c, at| Cell::new(c.colour, at),
                    d,
                );
                assert_eq!(
                    r2(shift, &object, &by_value),
                    want.map(Value::object),
                    "{object} by {by_value}"
                );
                let want = each_moved(sorted_places, |&ij| ij, |_, at| at, d);
                assert_eq!(
                    r2(shift, &indices, &by_value),
                    want.map(Value::indices),
                    "{indices} by {by_value}"
                );
            }
        }
    }

    #[test]
    fn shift_errors() {
        // An empty patch is returned before the offset is read (arc-dsl 635de49).
        let e = Value::empty_set();
        assert_eq!(r2(shift, &e, &Value::Pair(1, 1)), Ok(e.clone()));
        assert_eq!(r2(shift, &e, &int(5)), Ok(e.clone()));
        assert_eq!(
            r2(shift, &Value::empty_tuple(), &e),
            Ok(Value::empty_tuple())
        );
        assert!(r2(shift, &idx(&[(0, 0)]), &int(1)).is_err());
        assert!(r2(shift, &idx(&[(0, 0)]), &ints(&[1, 2, 3])).is_err());
        assert!(
            r2(
                shift,
                &idx(&[(0, 0)]),
                &Value::Pair(i64::from(i32::MAX) + 1, 0)
            )
            .is_err()
        );
        assert!(r2(shift, &idx(&[(5, 0)]), &Value::Pair(i64::MAX, 0)).is_err());
        assert!(r2(shift, &int(1), &Value::Pair(1, 1)).is_err());
    }

    #[test]
    fn normalize_moves_the_upper_left_corner_to_the_origin() {
        let p = idx(&[(2, 3), (4, 1)]);
        assert_eq!(r1(normalize, &p).unwrap(), idx(&[(0, 2), (2, 0)]));
        let o = obj(&[(1, (-2, 5)), (2, (0, 6))]);
        let n = r1(normalize, &o).unwrap();
        assert_eq!(n, obj(&[(1, (0, 0)), (2, (2, 1))]));
        assert_eq!(r1(ulcorner, &n).unwrap(), Value::Pair(0, 0));
        assert_eq!(r1(normalize, &n).unwrap(), n);
        // Empty patches as they are (arc-dsl 635de49).
        assert_eq!(r1(normalize, &Value::empty_set()), Ok(Value::empty_set()));
        assert_eq!(
            r1(normalize, &Value::empty_tuple()),
            Ok(Value::empty_tuple())
        );
    }

    // --- neighbours ---------------------------------------------------------

    #[test]
    fn dneighbors_are_the_four_direct_neighbours() {
        assert_eq!(
            r1(dneighbors, &Value::Pair(1, 1)).unwrap(),
            idx(&[(0, 1), (1, 0), (1, 2), (2, 1)])
        );
        assert_eq!(
            r1(dneighbors, &Value::Pair(0, 0)).unwrap(),
            idx(&[(-1, 0), (0, -1), (0, 1), (1, 0)])
        );
    }

    #[test]
    fn ineighbors_are_the_four_diagonal_neighbours() {
        assert_eq!(
            r1(ineighbors, &Value::Pair(1, 1)).unwrap(),
            idx(&[(0, 0), (0, 2), (2, 0), (2, 2)])
        );
    }

    #[test]
    fn neighbors_are_the_union_of_direct_and_diagonal() {
        let loc = Value::Pair(3, -2);
        let all = r1(neighbors, &loc).unwrap();
        assert_eq!(all.len(), Some(8));
        let mut union = Vec::new();
        for f in [dneighbors, ineighbors] {
            if let Value::Indices(x) = r1(f, &loc).unwrap() {
                union.extend_from_slice(&x);
            }
        }
        assert_eq!(all, Value::indices(union));
        assert_eq!(r2(manhattan, &all, &idx(&[(3, -2)])).unwrap(), int(1));
    }

    #[test]
    fn neighbours_read_any_subscriptable_location() {
        let triple = ints(&[1, 1, 9]);
        assert_eq!(
            r1(dneighbors, &triple).unwrap(),
            r1(dneighbors, &Value::Pair(1, 1)).unwrap()
        );
        assert!(r1(dneighbors, &int(1)).is_err());
        assert!(r1(ineighbors, &set_of(&[1, 2])).is_err());
        assert!(r1(neighbors, &Value::tuple(vec![int(1)])).is_err());
        assert!(r1(neighbors, &Value::Pair(i64::from(i32::MAX), 0)).is_err());
        assert!(r1(dneighbors, &Value::Pair(i64::MIN, 0)).is_err());
    }

    // --- uppermost / lowermost / leftmost / rightmost -------------------------

    #[test]
    fn extremes_of_a_patch() {
        let p = idx(&[(1, 2), (3, 0), (2, 5)]);
        assert_eq!(r1(uppermost, &p).unwrap(), int(1));
        assert_eq!(r1(lowermost, &p).unwrap(), int(3));
        assert_eq!(r1(leftmost, &p).unwrap(), int(0));
        assert_eq!(r1(rightmost, &p).unwrap(), int(5));
        let o = obj(&[(9, (-1, 4))]);
        assert_eq!(r1(uppermost, &o).unwrap(), int(-1));
        assert_eq!(r1(rightmost, &o).unwrap(), int(4));
    }

    #[test]
    fn extremes_of_an_empty_patch_are_errors() {
        for f in [uppermost, lowermost, leftmost, rightmost] {
            assert!(r1(f, &Value::empty_set()).is_err());
            assert!(r1(f, &int(0)).is_err());
        }
    }

    #[test]
    fn extremes_agree_with_height_and_width() {
        let p = idx(&[(1, 2), (3, 0), (2, 5)]);
        let top = r1(uppermost, &p).unwrap().as_int().unwrap();
        let bottom = r1(lowermost, &p).unwrap().as_int().unwrap();
        assert_eq!(r1(height, &p).unwrap(), int(bottom - top + 1));
    }

    // --- square / vline / hline -----------------------------------------------

    #[test]
    fn square_grids_and_patches() {
        assert_eq!(
            r1(square, &g(&[&[1, 2], &[3, 4]])).unwrap(),
            Value::Bool(true)
        );
        assert_eq!(
            r1(square, &g(&[&[1, 2, 3], &[3, 4, 5]])).unwrap(),
            Value::Bool(false)
        );
        let full = idx(&[(0, 0), (0, 1), (1, 0), (1, 1)]);
        assert_eq!(r1(square, &full).unwrap(), Value::Bool(true));
        let holed = idx(&[(0, 0), (0, 1), (1, 1)]);
        assert_eq!(r1(square, &holed).unwrap(), Value::Bool(false));
        assert_eq!(r1(square, &idx(&[(5, 5)])).unwrap(), Value::Bool(true));
        // Two colours at one index make the object larger than its box.
        let doubled = obj(&[(1, (0, 0)), (2, (0, 0))]);
        assert_eq!(r1(square, &doubled).unwrap(), Value::Bool(false));
    }

    #[test]
    fn square_of_the_empty_set_is_true_and_of_the_empty_tuple_an_error() {
        assert_eq!(r1(square, &Value::empty_set()).unwrap(), Value::Bool(true));
        assert!(r1(square, &Value::empty_tuple()).is_err());
        assert!(r1(square, &int(4)).is_err());
        assert!(r1(square, &Value::Pair(1, 2)).is_err());
        assert_eq!(r1(square, &odd_rows()).unwrap(), Value::Bool(false));
    }

    #[test]
    fn vline_and_hline_of_patches() {
        let v = idx(&[(0, 1), (1, 1), (2, 1)]);
        assert_eq!(r1(vline, &v).unwrap(), Value::Bool(true));
        assert_eq!(r1(hline, &v).unwrap(), Value::Bool(false));
        let h = obj(&[(1, (4, 0)), (2, (4, 1))]);
        assert_eq!(r1(hline, &h).unwrap(), Value::Bool(true));
        assert_eq!(r1(vline, &h).unwrap(), Value::Bool(false));
        let gap = idx(&[(0, 0), (2, 0)]);
        assert_eq!(r1(vline, &gap).unwrap(), Value::Bool(false));
        let dot = idx(&[(3, 3)]);
        assert_eq!(r1(vline, &dot).unwrap(), Value::Bool(true));
        assert_eq!(r1(hline, &dot).unwrap(), Value::Bool(true));
    }

    #[test]
    fn vline_and_hline_of_empty_and_odd_pieces() {
        assert_eq!(r1(vline, &Value::empty_set()).unwrap(), Value::Bool(false));
        assert_eq!(r1(hline, &Value::empty_set()).unwrap(), Value::Bool(false));
        // A grid is measured as a grid: one column of three rows.
        assert_eq!(
            r1(vline, &g(&[&[1], &[2], &[3]])).unwrap(),
            Value::Bool(true)
        );
        assert!(r1(vline, &int(1)).is_err());
        assert!(r1(hline, &int(1)).is_err());
    }

    // --- hmatching / vmatching ------------------------------------------------

    #[test]
    fn hmatching_and_vmatching_look_for_a_shared_row_or_column() {
        let a = idx(&[(0, 0), (1, 1)]);
        let b = obj(&[(3, (1, 5)), (3, (7, 7))]);
        assert_eq!(r2(hmatching, &a, &b).unwrap(), Value::Bool(true));
        assert_eq!(r2(vmatching, &a, &b).unwrap(), Value::Bool(false));
        let c = idx(&[(9, 0)]);
        assert_eq!(r2(vmatching, &a, &c).unwrap(), Value::Bool(true));
        assert_eq!(r2(hmatching, &a, &c).unwrap(), Value::Bool(false));
        assert_eq!(r2(hmatching, &c, &a).unwrap(), Value::Bool(false));
    }

    #[test]
    fn matching_small_and_large_patches_agree_with_every_pair() {
        // Patches of 1 to 20 indices: pairs below and above the size where
        // they are compared pair by pair, against a plain look at every pair.
        let patch = |seed: i32, n: i32| {
            let at: Vec<(i32, i32)> = (0..n)
                .map(|k| ((seed * 7 + k * 5) % 13, (seed * 3 + k * 11) % 17))
                .collect();
            idx(&at)
        };
        for (n, m) in [(1, 1), (1, 8), (8, 8), (2, 40), (9, 8), (20, 20)] {
            for seed in 0..6 {
                let (a, b) = (patch(seed, n), patch(seed + 2, m));
                let (pa, pb) = (shape::patch(&a).unwrap(), shape::patch(&b).unwrap());
                let every = |key: fn(Idx) -> i32| {
                    pa.idx_iter()
                        .any(|x| pb.idx_iter().any(|y| key(x) == key(y)))
                };
                assert_eq!(
                    r2(hmatching, &a, &b).unwrap(),
                    Value::Bool(every(|(i, _)| i)),
                    "{a} {b}"
                );
                assert_eq!(
                    r2(vmatching, &a, &b).unwrap(),
                    Value::Bool(every(|(_, j)| j)),
                    "{a} {b}"
                );
            }
        }
        // Two single positions, an index or a cell each, in the same row,
        // the same column, both or neither; two units either way.
        let cell = |i, j| obj(&[(3, (i, j))]);
        for (a, b, row, column) in [
            (idx(&[(2, 5)]), cell(2, 7), true, false),
            (cell(4, 1), idx(&[(0, 1)]), false, true),
            (cell(6, 6), cell(6, 6), true, true),
            (idx(&[(1, 2)]), idx(&[(2, 1)]), false, false),
        ] {
            let mut ctx = Ctx::new(100);
            assert_eq!(hmatching(&mut ctx, &a, &b), Ok(Value::Bool(row)), "{a} {b}");
            assert_eq!(
                vmatching(&mut ctx, &a, &b),
                Ok(Value::Bool(column)),
                "{a} {b}"
            );
            assert_eq!(ctx.remaining(), 96);
        }
    }

    #[test]
    fn matching_with_an_empty_patch_is_false() {
        let a = idx(&[(0, 0)]);
        assert_eq!(
            r2(hmatching, &a, &Value::empty_set()).unwrap(),
            Value::Bool(false)
        );
        assert_eq!(
            r2(vmatching, &Value::empty_set(), &a).unwrap(),
            Value::Bool(false)
        );
        assert!(r2(hmatching, &a, &int(0)).is_err());
        assert!(r2(vmatching, &int(0), &a).is_err());
    }

    // --- manhattan / adjacent ---------------------------------------------------

    #[test]
    fn manhattan_is_the_closest_distance() {
        let a = idx(&[(0, 0)]);
        let b = idx(&[(3, 4)]);
        assert_eq!(r2(manhattan, &a, &b).unwrap(), int(7));
        let far = idx(&[(0, 0), (10, 10)]);
        let near = obj(&[(1, (8, 9)), (1, (20, 20))]);
        assert_eq!(r2(manhattan, &far, &near).unwrap(), int(3));
        assert_eq!(r2(manhattan, &near, &far).unwrap(), int(3));
        assert_eq!(r2(manhattan, &far, &far).unwrap(), int(0));
        let neg = idx(&[(-5, -5)]);
        assert_eq!(r2(manhattan, &neg, &a).unwrap(), int(10));
    }

    #[test]
    fn manhattan_charges_the_distinct_indices_of_each_patch() {
        // Cells of several colours, some at one index (read in place only
        // where their indices are distinct and in order), and tuples.
        let cases = [
            (obj(&[(1, (0, 0)), (1, (0, 5)), (2, (0, 0))]), 2, 5),
            (obj(&[(2, (4, 4)), (3, (0, 1)), (3, (9, 9))]), 3, 4),
            (obj(&[(1, (0, 5)), (1, (2, 2))]), 2, 5),
            (ints(&[]), 0, 0),
            (
                Value::tuple(vec![Value::Pair(3, 3), Value::Pair(3, 3)]),
                1,
                8,
            ),
        ];
        let b = idx(&[(0, 10), (7, 7)]);
        for (a, distinct, distance) in cases {
            let mut ctx = Ctx::new(1_000);
            let got = manhattan(&mut ctx, &a, &b);
            if distinct == 0 {
                assert!(got.is_err(), "{a}");
                continue;
            }
            assert_eq!(got, Ok(int(distance)), "{a}");
            assert_eq!(1_000 - ctx.remaining(), 2 * distinct, "{a}");
        }
    }

    #[test]
    fn manhattan_of_single_positions_is_that_of_the_same_positions_repeated() {
        // One position in each form (a set of one index, an object of one
        // cell, a tuple of one pair) against the same position given twice
        // (a tuple of two equal pairs: one distinct index, the general way).
        let forms = |i: i64, j: i64| {
            let (ii, jj) = (i32::try_from(i).unwrap(), i32::try_from(j).unwrap());
            [
                idx(&[(ii, jj)]),
                obj(&[(4, (ii, jj))]),
                Value::tuple(vec![Value::Pair(i, j)]),
            ]
        };
        let twice = |i: i64, j: i64| Value::tuple(vec![Value::Pair(i, j), Value::Pair(i, j)]);
        let pairs = [
            ((0, 0), (0, 0)),
            ((1, 5), (7, 2)),
            ((-3, 4), (2, -6)),
            ((2, 1), (0, 6)),
        ];
        for ((ai, aj), (bi, bj)) in pairs {
            let mut general = Ctx::new(1_000);
            let want = manhattan(&mut general, &twice(ai, aj), &twice(bi, bj));
            assert_eq!(want, Ok(int((ai - bi).abs() + (aj - bj).abs())));
            for a in forms(ai, aj) {
                for b in forms(bi, bj) {
                    let mut ctx = Ctx::new(1_000);
                    assert_eq!(manhattan(&mut ctx, &a, &b), want, "{a} {b}");
                    assert_eq!(ctx.remaining(), general.remaining(), "{a} {b}");
                }
            }
        }
    }

    #[test]
    fn manhattan_of_an_empty_patch_is_an_error() {
        let a = idx(&[(0, 0)]);
        assert!(r2(manhattan, &a, &Value::empty_set()).is_err());
        assert!(r2(manhattan, &Value::empty_set(), &a).is_err());
        assert!(r2(adjacent, &Value::empty_set(), &a).is_err());
        assert!(r2(manhattan, &a, &int(1)).is_err());
    }

    #[test]
    fn adjacent_means_distance_one() {
        let a = idx(&[(0, 0)]);
        assert_eq!(
            r2(adjacent, &a, &idx(&[(0, 1)])).unwrap(),
            Value::Bool(true)
        );
        assert_eq!(
            r2(adjacent, &a, &idx(&[(1, 1)])).unwrap(),
            Value::Bool(false)
        );
        assert_eq!(r2(adjacent, &a, &a).unwrap(), Value::Bool(false));
        let o = obj(&[(2, (5, 5)), (2, (1, 0))]);
        assert_eq!(r2(adjacent, &o, &a).unwrap(), Value::Bool(true));
    }

    #[test]
    fn manhattan_charges_for_every_pair() {
        let a = Value::indices((0..40).map(|k| (k, 0)).collect());
        let b = Value::indices((0..40).map(|k| (k, 100)).collect());
        let mut small = Ctx::new(1_000);
        assert_eq!(manhattan(&mut small, &a, &b), Err(DslError::Budget));
        let mut big = Ctx::new(10_000);
        assert_eq!(manhattan(&mut big, &a, &b).unwrap(), int(100));
    }

    // --- bordering ------------------------------------------------------------

    #[test]
    fn bordering_checks_each_border() {
        let grid = g(&[&[0; 5], &[0; 5], &[0; 5], &[0; 5]]);
        let t = Value::Bool(true);
        assert_eq!(r2(bordering, &idx(&[(0, 2)]), &grid).unwrap(), t);
        assert_eq!(r2(bordering, &idx(&[(2, 0)]), &grid).unwrap(), t);
        assert_eq!(r2(bordering, &idx(&[(3, 2)]), &grid).unwrap(), t);
        assert_eq!(r2(bordering, &idx(&[(2, 4)]), &grid).unwrap(), t);
        assert_eq!(
            r2(bordering, &obj(&[(1, (1, 1)), (1, (2, 3))]), &grid).unwrap(),
            Value::Bool(false)
        );
        // Beyond the border does not count.
        assert_eq!(
            r2(bordering, &idx(&[(9, 9)]), &grid).unwrap(),
            Value::Bool(false)
        );
    }

    #[test]
    fn bordering_reads_the_grid_only_when_needed() {
        assert_eq!(
            r2(bordering, &idx(&[(0, 3)]), &int(5)).unwrap(),
            Value::Bool(true)
        );
        assert!(r2(bordering, &idx(&[(2, 3)]), &int(5)).is_err());
        assert!(r2(bordering, &Value::empty_set(), &g(&[&[1]])).is_err());
        assert_eq!(
            r2(bordering, &idx(&[(1, 2)]), &odd_rows()).unwrap(),
            Value::Bool(true)
        );
    }

    // --- centerofmass ----------------------------------------------------------

    #[test]
    fn centerofmass_floors_the_mean() {
        let p = idx(&[(0, 0), (1, 1), (2, 3)]);
        assert_eq!(r1(centerofmass, &p).unwrap(), Value::Pair(1, 1));
        let neg = idx(&[(-1, 0), (0, 0)]);
        assert_eq!(r1(centerofmass, &neg).unwrap(), Value::Pair(-1, 0));
        let o = obj(&[(3, (4, 4)), (3, (4, 6))]);
        assert_eq!(r1(centerofmass, &o).unwrap(), Value::Pair(4, 5));
    }

    #[test]
    fn centerofmass_divides_index_sums_by_the_number_of_cells() {
        let o = obj(&[(1, (0, 0)), (2, (0, 0)), (1, (2, 2))]);
        assert_eq!(r1(centerofmass, &o).unwrap(), Value::Pair(0, 0));
    }

    #[test]
    fn centerofmass_of_an_empty_patch_is_the_empty_tuple() {
        assert_eq!(
            r1(centerofmass, &Value::empty_set()).unwrap(),
            Value::empty_tuple()
        );
        assert!(r1(centerofmass, &int(1)).is_err());
    }

    // --- palette / numcolors / color ------------------------------------------

    #[test]
    fn palette_collects_colours() {
        assert_eq!(
            r1(palette, &g(&[&[1, 1, 2], &[3, 1, 2]])).unwrap(),
            set_of(&[1, 2, 3])
        );
        assert_eq!(
            r1(palette, &obj(&[(5, (0, 0)), (2, (1, 1)), (5, (3, 3))])).unwrap(),
            set_of(&[2, 5])
        );
        assert_eq!(
            r1(palette, &idx(&[(0, 0), (2, 0), (2, 1)])).unwrap(),
            set_of(&[0, 2])
        );
        assert_eq!(r1(palette, &odd_rows()).unwrap(), set_of(&[-1, 2, 5]));
        assert_eq!(
            r1(palette, &Value::empty_set()).unwrap(),
            Value::empty_set()
        );
        assert!(r1(palette, &int(1)).is_err());
    }

    #[test]
    fn numcolors_is_the_size_of_the_palette() {
        assert_eq!(
            r1(numcolors, &g(&[&[1, 1, 2], &[3, 1, 2]])).unwrap(),
            int(3)
        );
        assert_eq!(
            r1(numcolors, &obj(&[(4, (0, 0)), (4, (0, 1))])).unwrap(),
            int(1)
        );
        assert_eq!(r1(numcolors, &Value::empty_set()).unwrap(), int(0));
        assert!(r1(numcolors, &int(1)).is_err());
    }

    #[test]
    fn color_is_the_colour_of_the_first_cell() {
        assert_eq!(r1(color, &obj(&[(3, (0, 0))])).unwrap(), int(3));
        // The first cell of a set is its smallest: the smallest colour.
        assert_eq!(
            r1(color, &obj(&[(8, (0, 0)), (2, (9, 9))])).unwrap(),
            int(2)
        );
        assert_eq!(r1(color, &g(&[&[6, 1], &[1, 1]])).unwrap(), int(6));
        assert_eq!(r1(color, &idx(&[(4, 1), (7, 0)])).unwrap(), int(4));
        let tuple_obj = Value::tuple(vec![Value::tuple(vec![int(9), Value::Pair(0, 0)])]);
        assert_eq!(r1(color, &tuple_obj).unwrap(), int(9));
    }

    #[test]
    fn color_of_nothing_is_an_error() {
        assert!(r1(color, &Value::empty_set()).is_err());
        assert!(r1(color, &Value::empty_tuple()).is_err());
        assert!(r1(color, &Value::Pair(1, 2)).is_err());
        assert!(r1(color, &int(1)).is_err());
        assert!(r1(color, &Value::grid(Grid::new(1, 0, vec![]).unwrap())).is_err());
    }

    // --- toobject / asobject ----------------------------------------------------

    #[test]
    fn toobject_reads_colours_inside_the_grid() {
        let grid = g(&[&[1, 2], &[3, 4]]);
        let p = idx(&[(-1, 0), (0, 1), (1, 0), (2, 2)]);
        assert_eq!(
            r2(toobject, &p, &grid).unwrap(),
            obj(&[(2, (0, 1)), (3, (1, 0))])
        );
        let o = obj(&[(9, (1, 1))]);
        assert_eq!(r2(toobject, &o, &grid).unwrap(), obj(&[(4, (1, 1))]));
        assert_eq!(
            r2(toobject, &Value::empty_set(), &grid).unwrap(),
            Value::empty_set()
        );
        let rows = Value::tuple(vec![Value::Pair(1, 2), Value::Pair(3, 4)]);
        assert_eq!(
            r2(toobject, &p, &rows).unwrap(),
            r2(toobject, &p, &grid).unwrap()
        );
        let odd = r2(toobject, &idx(&[(0, 0), (1, 2), (5, 0)]), &odd_rows()).unwrap();
        let cells = vec![
            Value::tuple(vec![int(-1), Value::Pair(0, 0)]),
            Value::tuple(vec![int(5), Value::Pair(1, 2)]),
        ];
        assert_eq!(odd, Value::set(cells));
    }

    #[test]
    fn toobject_errors_on_non_grids_and_non_patches() {
        let grid = g(&[&[1, 2], &[3, 4]]);
        assert!(r2(toobject, &idx(&[(0, 0)]), &Value::empty_tuple()).is_err());
        assert!(r2(toobject, &idx(&[(0, 0)]), &int(1)).is_err());
        assert!(r2(toobject, &int(1), &grid).is_err());
        assert!(r2(toobject, &idx(&[(0, 0)]), &Value::empty_set()).is_err());
        let ragged = Value::tuple(vec![ints(&[1, 2, 3]), Value::Pair(4, 5)]);
        assert!(r2(toobject, &idx(&[(1, 2)]), &ragged).is_err());
        assert_eq!(
            r2(toobject, &idx(&[(1, 1)]), &ragged).unwrap(),
            obj(&[(5, (1, 1))])
        );
    }

    #[test]
    fn asobject_lists_every_cell_with_its_colour() {
        let grid = g(&[&[1, 2], &[3, 4]]);
        let o = r1(asobject, &grid).unwrap();
        assert_eq!(
            o,
            obj(&[(1, (0, 0)), (2, (0, 1)), (3, (1, 0)), (4, (1, 1))])
        );
        assert_eq!(
            r2(toobject, &r1(asindices, &grid).unwrap(), &grid).unwrap(),
            o
        );
        assert_eq!(r1(palette, &o).unwrap(), r1(palette, &grid).unwrap());
        assert_eq!(r1(shape, &o).unwrap(), r1(shape, &grid).unwrap());
    }

    #[test]
    fn asobject_of_odd_and_empty_grids() {
        let o = r1(asobject, &odd_rows()).unwrap();
        assert_eq!(o.len(), Some(6));
        assert_eq!(r2(colorcount, &o, &int(-1)).unwrap(), int(3));
        assert_eq!(
            r1(asobject, &Value::empty_tuple()).unwrap(),
            Value::empty_set()
        );
        assert!(r1(asobject, &int(1)).is_err());
        assert!(r1(asobject, &Value::Pair(1, 2)).is_err());
    }

    // --- robustness -----------------------------------------------------------

    #[test]
    fn no_primitive_panics_on_odd_arguments() {
        let odd = vec![
            Value::None,
            Value::Bool(true),
            int(-3),
            int(i64::MAX),
            Value::Pair(i64::MIN, i64::MAX),
            Value::Pair(1, 2),
            Value::empty_tuple(),
            Value::empty_set(),
            ints(&[1, 2, 3]),
            Value::tuple(vec![int(1)]),
            odd_rows(),
            g(&[&[1, 2], &[3, 4]]),
            Value::grid(Grid::new(2, 0, vec![]).unwrap()),
            idx(&[(i32::MIN, i32::MAX), (0, 0)]),
            obj(&[(i32::MAX, (i32::MAX, i32::MIN)), (-5, (0, 0))]),
            set_of(&[1, 2]),
            Value::set(vec![Value::empty_set(), idx(&[(0, 0)])]),
            Value::tuple(vec![Value::empty_set(), Value::Pair(0, 0)]),
        ];
        for p in PRIMS {
            for a in &odd {
                if p.arity == 1 {
                    let _ = p.call(&mut Ctx::default(), std::slice::from_ref(a));
                    continue;
                }
                for b in &odd {
                    let _ = p.call(&mut Ctx::default(), &[a.clone(), b.clone()]);
                }
            }
        }
    }

    // --- budget -------------------------------------------------------------

    #[test]
    fn large_work_is_charged_to_the_budget() {
        let big = Value::grid(Grid::filled(30, 30, 1).unwrap());
        for f in [asindices, asobject, mostcolor, palette] {
            let mut ctx = Ctx::new(100);
            assert_eq!(f(&mut ctx, &big), Err(DslError::Budget));
        }
        let mut ctx = Ctx::new(100);
        assert_eq!(ofcolor(&mut ctx, &big, &int(1)), Err(DslError::Budget));
    }
}

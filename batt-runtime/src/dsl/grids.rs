//! Primitives: grids. Rotations and mirrors (of grids and of patches),
//! filling and painting, scaling, joining and splitting, cropping and
//! halving, colour substitution, `compress`, and the periods of objects.
//!
//! Grids are read through [`shape::grid`] and worked on as compact
//! [`Grid`]s. Where the reference only slices, reorders or repeats a tuple
//! (the rotations and mirrors, the upscales, `crop`, `trim`, `vconcat`,
//! `tophalf`, `bottomhalf`), a tuple that is not a `Grid` value is handled
//! generically, element by element as Python would, and keeps its
//! representation (so a tuple of indices stays usable as a patch).
//!
//! `move` is a Rust keyword: its function is `r#move`, catalogued as
//! `move`.

use std::borrow::Cow;

use crate::grid::Grid;

use super::PrimDef;
use super::dialect::version::is_2025_11;
use super::error::{Ctx, DslError, Result};
use super::shape::{self, Patch, container_kind};
use super::value::{Cell, FastSet, Idx, Kind, Value};

/// The primitives of this module.
pub(super) const PRIMS: &[PrimDef] = &[
    prim!(rot90, 1),
    prim!(rot180, 1),
    prim!(rot270, 1),
    prim!(hmirror, 1),
    prim!(vmirror, 1),
    prim!(dmirror, 1),
    prim!(cmirror, 1),
    prim!(fill, 3),
    prim!(paint, 2),
    prim!(underfill, 3),
    prim!(underpaint, 2),
    prim!(hupscale, 2),
    prim!(vupscale, 2),
    prim!(upscale, 2),
    prim!(downscale, 2),
    prim!(hconcat, 2),
    prim!(vconcat, 2),
    prim!(subgrid, 2),
    prim!(hsplit, 2),
    prim!(vsplit, 2),
    prim!(cellwise, 3),
    prim!(replace, 3),
    prim!(switch, 3),
    prim!(crop, 3),
    prim!(canvas, 2),
    prim!(trim, 1),
    PrimDef {
        name: "move",
        arity: 3,
        by_ref: |ctx, a| r#move(ctx, a[0], a[1], a[2]),
    },
    prim!(tophalf, 1),
    prim!(bottomhalf, 1),
    prim!(lefthalf, 1),
    prim!(righthalf, 1),
    prim!(cover, 2),
    prim!(compress, 1),
    prim!(hperiod, 1),
    prim!(vperiod, 1),
];

const OVERFLOW: DslError = DslError::Value("integer overflow");
const TOO_LARGE: DslError = DslError::Value("grid too large");
const NOT_A_TUPLE: DslError = DslError::Type("expected a tuple");

// ---------------------------------------------------------------------------
// Helpers.

/// Charges for an `h` x `w` grid about to be built, checks that it fits
/// batt's grid, and returns an empty buffer for its cells.
fn reserve(ctx: &mut Ctx, h: usize, w: usize) -> Result<Vec<i8>> {
    ctx.charge(h.saturating_mul(w.max(1)))?;
    let side = usize::from(u16::MAX);
    if h > side || w > side {
        return Err(TOO_LARGE);
    }
    Ok(Vec::with_capacity(h * w))
}

/// The grid of `h` x `w` cells given row-major, as a value.
fn build(h: usize, w: usize, cells: Vec<i8>) -> Result<Value> {
    Grid::new(h, w, cells)
        .map(Value::grid)
        .map_err(|_| TOO_LARGE)
}

/// A grid argument that may also be the empty tuple (`None`), for the
/// primitives the reference lets through on `()`.
fn grid_or_empty(v: &Value) -> Result<Option<Cow<'_, Grid>>> {
    match v {
        Value::Tuple(items) if items.is_empty() => Ok(None),
        _ => shape::grid(v).map(Some),
    }
}

/// A scaling factor: Python's `range(factor)` takes no steps for `factor <= 0`.
fn factor_arg(v: &Value) -> Result<usize> {
    let f = v.int("a factor is an integer")?;
    Ok(usize::try_from(f.max(0)).unwrap_or(usize::MAX))
}

/// The bounds `(start, stop)` of Python's `seq[start:stop]` on a sequence of
/// length `n`: negative bounds count from the end, then both are clamped.
fn py_slice(n: usize, start: i128, stop: i128) -> (usize, usize) {
    let len = n as i128;
    let bound = |x: i128| {
        let x = if x < 0 { x + len } else { x };
        usize::try_from(x.clamp(0, len)).unwrap_or(n)
    };
    let (a, b) = (bound(start), bound(stop));
    (a, b.max(a))
}

/// The row-major position of `(i, j)` in `g`, if it is inside the grid.
fn at(g: &Grid, i: i64, j: i64) -> Option<usize> {
    let i = usize::try_from(i).ok().filter(|&i| i < g.height())?;
    let j = usize::try_from(j).ok().filter(|&j| j < g.width())?;
    Some(i * g.width() + j)
}

/// A cell's colour, to be stored in a grid.
fn cell_colour(c: i32) -> Result<i8> {
    i8::try_from(c).map_err(|_| DslError::Value(shape::COLOUR_RANGE))
}

/// An index computed in `i64`, which must fit batt's `i32` indices.
fn to_idx(i: i64, j: i64) -> Result<Idx> {
    Ok((
        i32::try_from(i).map_err(|_| OVERFLOW)?,
        i32::try_from(j).map_err(|_| OVERFLOW)?,
    ))
}

/// The most common colour of a grid, which must have cells.
fn background(g: &Grid) -> Result<i8> {
    shape::grid_mostcolor(g).ok_or(DslError::Value("mostcolor of an empty grid"))
}

/// An `h` x `w` grid whose cell `(i, j)` is the cell `src(i, j)` of `g`.
fn remap(
    ctx: &mut Ctx,
    g: &Grid,
    (h, w): (usize, usize),
    src: impl Fn(usize, usize) -> (usize, usize),
) -> Result<Value> {
    let mut cells = reserve(ctx, h, w)?;
    for i in 0..h {
        for j in 0..w {
            let (a, b) = src(i, j);
            cells.push(
                g.get(a, b)
                    .ok_or(DslError::Value("cell outside the grid"))?,
            );
        }
    }
    build(h, w, cells)
}

/// `tuple(r[c0:c1] for r in g[r0:r1])` on a compact grid.
fn crop_grid(ctx: &mut Ctx, g: &Grid, rows: (i128, i128), cols: (i128, i128)) -> Result<Value> {
    let (r0, r1) = py_slice(g.height(), rows.0, rows.1);
    let (c0, c1) = py_slice(g.width(), cols.0, cols.1);
    let mut cells = reserve(ctx, r1 - r0, c1 - c0)?;
    for row in g.rows().skip(r0).take(r1 - r0) {
        cells.extend_from_slice(row.get(c0..c1).unwrap_or_default());
    }
    build(r1 - r0, c1 - c0, cells)
}

/// The elements of a tuple (a grid's are its rows).
fn tuple_items(ctx: &mut Ctx, v: &Value) -> Result<Vec<Value>> {
    if v.kind() != Kind::Tuple {
        return Err(NOT_A_TUPLE);
    }
    shape::items(ctx, v).map(std::borrow::Cow::into_owned)
}

/// `v[start:stop]` of a tuple, with Python's slice bounds.
fn slice_seq(ctx: &mut Ctx, v: &Value, start: i128, stop: i128) -> Result<Value> {
    if let Value::Grid(g) = v {
        return crop_grid(ctx, g, (start, stop), (0, g.width() as i128));
    }
    let items = tuple_items(ctx, v)?;
    let (a, b) = py_slice(items.len(), start, stop);
    Ok(Value::tuple(
        items.get(a..b).map(<[Value]>::to_vec).unwrap_or_default(),
    ))
}

/// `tuple(r[c0:c1] for r in grid[r0:r1])`, for grids and any tuple of tuples.
fn slice2(ctx: &mut Ctx, grid: &Value, rows: (i128, i128), cols: (i128, i128)) -> Result<Value> {
    if let Value::Grid(g) = grid {
        return crop_grid(ctx, g, rows, cols);
    }
    let kept = slice_seq(ctx, grid, rows.0, rows.1)?;
    let kept = tuple_items(ctx, &kept)?;
    let out = kept
        .iter()
        .map(|r| slice_seq(ctx, r, cols.0, cols.1))
        .collect::<Result<Vec<_>>>()?;
    Ok(Value::tuple(out))
}

/// `v[::-1]` of a tuple.
fn reversed(ctx: &mut Ctx, v: &Value) -> Result<Value> {
    if let Value::Grid(g) = v {
        let h = g.height();
        return remap(ctx, g, g.shape(), |i, j| (h - 1 - i, j));
    }
    let mut items = tuple_items(ctx, v)?;
    items.reverse();
    Ok(Value::tuple(items))
}

/// `tuple(r[::-1] for r in rows)`.
fn reversed_each(ctx: &mut Ctx, rows: &[Value]) -> Result<Vec<Value>> {
    rows.iter().map(|r| reversed(ctx, r)).collect()
}

/// `tuple(zip(*rows))`: the shortest row decides the length.
fn zip_rows(ctx: &mut Ctx, rows: &[Value]) -> Result<Value> {
    let mut n = usize::MAX;
    for r in rows {
        if matches!(r.kind(), Kind::None | Kind::Number | Kind::Func) {
            return Err(DslError::Type("zip needs iterable rows"));
        }
        n = n.min(r.len().unwrap_or(0));
    }
    if rows.is_empty() {
        return Ok(Value::empty_tuple());
    }
    ctx.charge(n.saturating_mul(rows.len()))?;
    let out = (0..n)
        .map(|k| {
            rows.iter()
                .map(|r| r.get(k).ok_or(DslError::Value("zip ran past a row")))
                .collect::<Result<Vec<_>>>()
                .map(Value::tuple)
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Value::tuple(out))
}

/// Python's upscaling of a tuple of rows: every element of every row
/// repeated `fw` times, then every row repeated `fh` times. With `fw` as
/// `None` the rows are repeated as they are (and need not be iterable).
fn upscale_tuple(ctx: &mut Ctx, v: &Value, fh: usize, fw: Option<usize>) -> Result<Value> {
    let rows = tuple_items(ctx, v)?;
    let mut out = Vec::new();
    for row in &rows {
        let row = match fw {
            None => row.clone(),
            Some(fw) => {
                if matches!(row.kind(), Kind::None | Kind::Number | Kind::Func) {
                    return Err(DslError::Type("upscaling needs iterable rows"));
                }
                let items = shape::items(ctx, row)?;
                ctx.charge(items.len().saturating_mul(fw).saturating_mul(fh))?;
                let mut grown = Vec::new();
                for item in items.iter() {
                    grown.extend(std::iter::repeat_n(item, fw).cloned());
                }
                Value::tuple(grown)
            }
        };
        ctx.charge(fh)?;
        out.extend(std::iter::repeat_n(row, fh));
    }
    Ok(Value::tuple(out))
}

/// Maps every index of a non-empty patch through `f(i, j, [top, left,
/// bottom, right])`, keeping indices as indices and objects as objects.
fn map_patch(
    ctx: &mut Ctx,
    piece: &Value,
    f: impl Fn(i64, i64, [i64; 4]) -> (i64, i64),
) -> Result<Value> {
    let p = shape::patch(piece)?;
    let (a, b, c, d) = p
        .bounds()
        .ok_or(DslError::Value("the corners of an empty patch"))?;
    let bounds = [a, b, c, d].map(i64::from);
    ctx.charge(p.len())?;
    let map = |i: i32, j: i32| {
        let (x, y) = f(i64::from(i), i64::from(j), bounds);
        to_idx(x, y)
    };
    match p {
        Patch::Indices(x) => Ok(Value::indices(
            x.iter().map(|&(i, j)| map(i, j)).collect::<Result<_>>()?,
        )),
        Patch::Object(x) => Ok(Value::object(
            x.iter()
                .map(|c| map(c.i, c.j).map(|idx| Cell::new(c.colour, idx)))
                .collect::<Result<_>>()?,
        )),
    }
}

/// Paints the cells of an object onto `cells` (the cells of `g`), skipping
/// those outside the grid; with `under`, only over that background colour.
fn paint_onto(g: &Grid, cells: &mut [i8], obj: &Patch<'_>, under: Option<i8>) -> Result<()> {
    let obj = match obj {
        Patch::Indices(x) if x.is_empty() => return Ok(()),
        Patch::Indices(_) => return Err(DslError::Type("paint takes an object")),
        Patch::Object(x) => x,
    };
    for c in obj.iter() {
        let target = at(g, i64::from(c.i), i64::from(c.j)).and_then(|k| cells.get_mut(k));
        if let Some(cell) = target
            && under.is_none_or(|bg| *cell == bg)
        {
            *cell = cell_colour(c.colour)?;
        }
    }
    Ok(())
}

/// The cells of `g` with those at the indices of `patch` set to `colour`
/// (checked only when a cell is written), optionally only where they are
/// `under`.
fn filled_cells(
    ctx: &mut Ctx,
    g: &Grid,
    colour: Result<i8>,
    patch: &Patch<'_>,
    under: Option<i8>,
) -> Result<Vec<i8>> {
    let mut cells = reserve(ctx, g.height(), g.width())?;
    ctx.charge(patch.len())?;
    cells.extend_from_slice(g.cells());
    for &(i, j) in patch.indices().iter() {
        let target = at(g, i64::from(i), i64::from(j)).and_then(|k| cells.get_mut(k));
        if let Some(cell) = target
            && under.is_none_or(|bg| *cell == bg)
        {
            *cell = colour?;
        }
    }
    Ok(cells)
}

/// Whether every colour of a non-empty line is the same.
fn uniform(mut line: impl Iterator<Item = i8>) -> bool {
    match line.next() {
        Some(first) => line.all(|c| c == first),
        None => false,
    }
}

// ---------------------------------------------------------------------------
// Rotations and mirrors.

/// `rot90(grid)`: the grid turned a quarter clockwise.
pub fn rot90(ctx: &mut Ctx, grid: &Value) -> Result<Value> {
    if let Value::Grid(g) = grid {
        let (h, w) = g.shape();
        return remap(ctx, g, (w, h), |i, j| (h - 1 - j, i));
    }
    let mut rows = tuple_items(ctx, grid)?;
    rows.reverse();
    zip_rows(ctx, &rows)
}

/// `rot180(grid)`: the grid turned half a turn.
pub fn rot180(ctx: &mut Ctx, grid: &Value) -> Result<Value> {
    if let Value::Grid(g) = grid {
        let (h, w) = g.shape();
        return remap(ctx, g, (h, w), |i, j| (h - 1 - i, w - 1 - j));
    }
    let mut rows = tuple_items(ctx, grid)?;
    rows.reverse();
    Ok(Value::tuple(reversed_each(ctx, &rows)?))
}

/// `rot270(grid)`: the grid turned a quarter anticlockwise.
pub fn rot270(ctx: &mut Ctx, grid: &Value) -> Result<Value> {
    if let Value::Grid(g) = grid {
        let (h, w) = g.shape();
        return remap(ctx, g, (w, h), |i, j| (j, w - 1 - i));
    }
    let mut rows = tuple_items(ctx, grid)?;
    rows.reverse();
    let zipped = zip_rows(ctx, &rows)?;
    let zipped = tuple_items(ctx, &zipped)?;
    let mut out = reversed_each(ctx, &zipped)?;
    out.reverse();
    Ok(Value::tuple(out))
}

/// `hmirror(piece)`: a grid (any tuple) upside down, or a patch mirrored
/// across its horizontal axis.
pub fn hmirror(ctx: &mut Ctx, piece: &Value) -> Result<Value> {
    match piece.kind() {
        Kind::Tuple => reversed(ctx, piece),
        Kind::Set => map_patch(ctx, piece, |i, j, [a, _, c, _]| (a + c - i, j)),
        _ => Err(DslError::Type("hmirror takes a grid or a patch")),
    }
}

/// `vmirror(piece)`: a grid with every row reversed, or a patch mirrored
/// across its vertical axis.
pub fn vmirror(ctx: &mut Ctx, piece: &Value) -> Result<Value> {
    match piece {
        Value::Grid(g) => {
            let w = g.width();
            remap(ctx, g, g.shape(), |i, j| (i, w - 1 - j))
        }
        _ => match piece.kind() {
            Kind::Tuple => {
                let rows = tuple_items(ctx, piece)?;
                Ok(Value::tuple(reversed_each(ctx, &rows)?))
            }
            Kind::Set => map_patch(ctx, piece, |i, j, [_, b, _, d]| (i, b + d - j)),
            _ => Err(DslError::Type("vmirror takes a grid or a patch")),
        },
    }
}

/// `dmirror(piece)`: a grid transposed, or a patch mirrored across the
/// diagonal through its upper left corner.
pub fn dmirror(ctx: &mut Ctx, piece: &Value) -> Result<Value> {
    match piece {
        Value::Grid(g) => {
            let (h, w) = g.shape();
            remap(ctx, g, (w, h), |i, j| (j, i))
        }
        _ => match piece.kind() {
            Kind::Tuple => {
                let rows = tuple_items(ctx, piece)?;
                zip_rows(ctx, &rows)
            }
            Kind::Set => map_patch(ctx, piece, |i, j, [a, b, _, _]| (j - b + a, i - a + b)),
            _ => Err(DslError::Type("dmirror takes a grid or a patch")),
        },
    }
}

/// `cmirror(piece)`: a grid or a patch mirrored across its counterdiagonal.
pub fn cmirror(ctx: &mut Ctx, piece: &Value) -> Result<Value> {
    match piece {
        Value::Grid(g) => {
            let (h, w) = g.shape();
            remap(ctx, g, (w, h), |i, j| (h - 1 - j, w - 1 - i))
        }
        _ => match piece.kind() {
            Kind::Tuple => {
                let mut rows = tuple_items(ctx, piece)?;
                rows.reverse();
                let rows = reversed_each(ctx, &rows)?;
                zip_rows(ctx, &rows)
            }
            // vmirror(dmirror(vmirror(piece))), composed.
            Kind::Set => map_patch(ctx, piece, |i, j, [a, b, c, d]| (a + d - j, b + c - i)),
            _ => Err(DslError::Type("cmirror takes a grid or a patch")),
        },
    }
}

// ---------------------------------------------------------------------------
// Filling and painting.

/// `fill(grid, value, patch)`: the grid with the patch's cells set to `value`.
pub fn fill(ctx: &mut Ctx, grid: &Value, value: &Value, patch: &Value) -> Result<Value> {
    let g = shape::grid(grid)?;
    let p = shape::patch(patch)?;
    let cells = filled_cells(ctx, &g, shape::colour(value), &p, None)?;
    build(g.height(), g.width(), cells)
}

/// `paint(grid, obj)`: the grid with the object's cells painted on it.
pub fn paint(ctx: &mut Ctx, grid: &Value, obj: &Value) -> Result<Value> {
    let g = shape::grid(grid)?;
    let p = shape::patch(obj)?;
    let mut cells = reserve(ctx, g.height(), g.width())?;
    ctx.charge(p.len())?;
    cells.extend_from_slice(g.cells());
    paint_onto(&g, &mut cells, &p, None)?;
    build(g.height(), g.width(), cells)
}

/// `underfill(grid, value, patch)`: `fill`, only where the grid shows its
/// most common colour.
pub fn underfill(ctx: &mut Ctx, grid: &Value, value: &Value, patch: &Value) -> Result<Value> {
    let g = shape::grid(grid)?;
    let bg = background(&g)?;
    let p = shape::patch(patch)?;
    let cells = filled_cells(ctx, &g, shape::colour(value), &p, Some(bg))?;
    build(g.height(), g.width(), cells)
}

/// `underpaint(grid, obj)`: `paint`, only where the grid shows its most
/// common colour.
pub fn underpaint(ctx: &mut Ctx, grid: &Value, obj: &Value) -> Result<Value> {
    let g = shape::grid(grid)?;
    let bg = background(&g)?;
    let p = shape::patch(obj)?;
    let mut cells = reserve(ctx, g.height(), g.width())?;
    ctx.charge(p.len())?;
    cells.extend_from_slice(g.cells());
    paint_onto(&g, &mut cells, &p, Some(bg))?;
    build(g.height(), g.width(), cells)
}

/// `cover(grid, patch)`: the patch's cells set to the grid's most common colour.
pub fn cover(ctx: &mut Ctx, grid: &Value, patch: &Value) -> Result<Value> {
    let g = shape::grid(grid)?;
    let bg = background(&g)?;
    let p = shape::patch(patch)?;
    let cells = filled_cells(ctx, &g, Ok(bg), &p, None)?;
    build(g.height(), g.width(), cells)
}

/// `move(grid, obj, offset)`: `paint(cover(grid, obj), shift(obj, offset))`.
pub fn r#move(ctx: &mut Ctx, grid: &Value, obj: &Value, offset: &Value) -> Result<Value> {
    let g = shape::grid(grid)?;
    let bg = background(&g)?;
    let p = shape::patch(obj)?;
    let mut cells = filled_cells(ctx, &g, Ok(bg), &p, None)?;
    let obj = match p {
        Patch::Object(x) => x,
        // An empty object shifts to itself (whatever the offset) and paints nothing.
        Patch::Indices(x) if x.is_empty() => return build(g.height(), g.width(), cells),
        Patch::Indices(_) => return Err(DslError::Type("move takes an object")),
    };
    let (di, dj) = shape::unpack_ints(offset)?;
    ctx.charge(obj.len())?;
    let shifted = obj
        .iter()
        .map(|c| {
            let i = i64::from(c.i).checked_add(di).ok_or(OVERFLOW)?;
            let j = i64::from(c.j).checked_add(dj).ok_or(OVERFLOW)?;
            Ok(Cell::new(c.colour, to_idx(i, j)?))
        })
        .collect::<Result<Vec<_>>>()?;
    paint_onto(&g, &mut cells, &Patch::Object(Cow::Owned(shifted)), None)?;
    build(g.height(), g.width(), cells)
}

// ---------------------------------------------------------------------------
// Scaling.

/// `hupscale(grid, factor)`: every cell repeated `factor` times along its row.
pub fn hupscale(ctx: &mut Ctx, grid: &Value, factor: &Value) -> Result<Value> {
    let f = factor_arg(factor)?;
    let Value::Grid(g) = grid else {
        return upscale_tuple(ctx, grid, 1, Some(f));
    };
    let (h, w) = g.shape();
    let nw = w.saturating_mul(f);
    let mut cells = reserve(ctx, h, nw)?;
    for &c in g.cells() {
        cells.extend(std::iter::repeat_n(c, f));
    }
    build(h, nw, cells)
}

/// `vupscale(grid, factor)`: every row repeated `factor` times.
pub fn vupscale(ctx: &mut Ctx, grid: &Value, factor: &Value) -> Result<Value> {
    let f = factor_arg(factor)?;
    let Value::Grid(g) = grid else {
        return upscale_tuple(ctx, grid, f, None);
    };
    let (h, w) = g.shape();
    let nh = h.saturating_mul(f);
    let mut cells = reserve(ctx, nh, w)?;
    for row in g.rows() {
        for _ in 0..f {
            cells.extend_from_slice(row);
        }
    }
    build(nh, w, cells)
}

/// `upscale(element, factor)`: a grid or an object with every cell grown to
/// a `factor` x `factor` block (an object keeps its upper left corner).
pub fn upscale(ctx: &mut Ctx, element: &Value, factor: &Value) -> Result<Value> {
    if let Value::Grid(g) = element {
        let f = factor_arg(factor)?;
        let (h, w) = g.shape();
        let (nh, nw) = (h.saturating_mul(f), w.saturating_mul(f));
        let mut cells = reserve(ctx, nh, nw)?;
        for row in g.rows() {
            let start = cells.len();
            for &c in row {
                cells.extend(std::iter::repeat_n(c, f));
            }
            let end = cells.len();
            for _ in 1..f {
                cells.extend_from_within(start..end);
            }
        }
        return build(nh, nw, cells);
    }
    if element.kind() == Kind::Tuple {
        let f = factor_arg(factor)?;
        return upscale_tuple(ctx, element, f, Some(f));
    }
    let p = shape::patch(element)?;
    let bounds = p.bounds();
    let cells = match p {
        Patch::Indices(x) if x.is_empty() => return Ok(Value::empty_set()),
        Patch::Indices(_) => return Err(DslError::Type("upscale takes a grid or an object")),
        Patch::Object(x) => x,
    };
    let (a, b, _, _) = bounds.ok_or(DslError::Value("the corners of an empty patch"))?;
    let f = factor.int("a factor is an integer")?;
    if f <= 0 {
        // No blocks: the empty result, shifted back, is empty.
        ctx.charge(1)?;
        return Ok(Value::empty_set());
    }
    let fu = usize::try_from(f).unwrap_or(usize::MAX);
    let n = cells.len().saturating_mul(fu).saturating_mul(fu);
    ctx.charge(n)?;
    let (a, b) = (i64::from(a), i64::from(b));
    let mut out = Vec::with_capacity(n.min(1 << 20));
    for c in cells.iter() {
        let i0 = (i64::from(c.i) - a).checked_mul(f).ok_or(OVERFLOW)?;
        let j0 = (i64::from(c.j) - b).checked_mul(f).ok_or(OVERFLOW)?;
        for io in 0..f {
            for jo in 0..f {
                let i = i0.checked_add(io).and_then(|x| x.checked_add(a));
                let j = j0.checked_add(jo).and_then(|x| x.checked_add(b));
                let (i, j) = i.zip(j).ok_or(OVERFLOW)?;
                out.push(Cell::new(c.colour, to_idx(i, j)?));
            }
        }
    }
    Ok(Value::object(out))
}

/// `downscale(grid, factor)`: the rows and columns whose index is a multiple
/// of `factor` (the columns of the first row's width: a tuple of rows of
/// any values, a longer later row cut, a shorter one an error).
pub fn downscale(ctx: &mut Ctx, grid: &Value, factor: &Value) -> Result<Value> {
    let f = factor.int("a factor is an integer")?;
    if f == 0 {
        return Err(DslError::Value("integer modulo by zero"));
    }
    // `k % f == 0` in Python holds for the multiples of |f|.
    let step = usize::try_from(f.unsigned_abs()).unwrap_or(usize::MAX);
    let Value::Grid(g) = grid else {
        return downscale_rows(ctx, grid, step);
    };
    let (h, w) = g.shape();
    let (nh, nw) = (h.div_ceil(step), w.div_ceil(step));
    let mut cells = reserve(ctx, nh, nw)?;
    for row in g.rows().step_by(step) {
        cells.extend(row.iter().step_by(step));
    }
    build(nh, nw, cells)
}

/// `downscale` of a tuple of rows that is not a compact grid: every row is
/// read at the kept columns of the first row's width before rows are kept.
fn downscale_rows(ctx: &mut Ctx, grid: &Value, step: usize) -> Result<Value> {
    if grid.kind() != Kind::Tuple {
        return Err(NOT_A_TUPLE);
    }
    let rows = tuple_items(ctx, grid)?;
    let first = rows
        .first()
        .ok_or(DslError::Value("a grid has a first row"))?;
    let w = first
        .len()
        .ok_or(DslError::Type("a grid's rows are tuples"))?;
    ctx.charge(rows.len().saturating_mul(w.div_ceil(step)))?;
    let mut kept = Vec::with_capacity(rows.len().div_ceil(step));
    for (i, row) in rows.iter().enumerate() {
        // A row is only subscripted when the first row has cells.
        if w > 0 && row.kind() != Kind::Tuple {
            return Err(DslError::Type("a grid's rows are tuples"));
        }
        let cells = (0..w)
            .step_by(step)
            .map(|j| {
                row.get(j)
                    .ok_or(DslError::Value("tuple index out of range"))
            })
            .collect::<Result<Vec<_>>>()?;
        if i % step == 0 {
            kept.push(Value::tuple(cells));
        }
    }
    Ok(rows_value(kept))
}

// ---------------------------------------------------------------------------
// Joining, splitting, cropping.

/// `hconcat(a, b)`: the rows of `a` and `b` side by side (the shorter
/// height wins).
pub fn hconcat(ctx: &mut Ctx, a: &Value, b: &Value) -> Result<Value> {
    let (Some(a), Some(b)) = (grid_or_empty(a)?, grid_or_empty(b)?) else {
        return Ok(Value::empty_tuple());
    };
    let h = a.height().min(b.height());
    let w = a.width().saturating_add(b.width());
    let mut cells = reserve(ctx, h, w)?;
    for (ra, rb) in a.rows().zip(b.rows()) {
        cells.extend_from_slice(ra);
        cells.extend_from_slice(rb);
    }
    build(h, w, cells)
}

/// `vconcat(a, b)`: the tuple `a + b` (a grid when both are grids of one
/// width, a ragged tuple of rows otherwise).
pub fn vconcat(ctx: &mut Ctx, a: &Value, b: &Value) -> Result<Value> {
    if a.kind() != Kind::Tuple || b.kind() != Kind::Tuple {
        return Err(NOT_A_TUPLE);
    }
    if b.is_empty() {
        return Ok(a.clone());
    }
    if a.is_empty() {
        return Ok(b.clone());
    }
    if let (Value::Grid(x), Value::Grid(y)) = (a, b)
        && x.width() == y.width()
    {
        let mut cells = reserve(ctx, x.height().saturating_add(y.height()), x.width())?;
        cells.extend_from_slice(x.cells());
        cells.extend_from_slice(y.cells());
        return build(x.height() + y.height(), x.width(), cells);
    }
    let mut items = tuple_items(ctx, a)?;
    items.extend(tuple_items(ctx, b)?);
    Ok(Value::tuple(items))
}

/// `crop(grid, start, dims)`: `grid[s0:s0+d0]`, each row `[s1:s1+d1]`,
/// with Python's slice bounds (under `batt-2025-11`, `()` for a window not
/// wholly inside the grid).
pub fn crop(ctx: &mut Ctx, grid: &Value, start: &Value, dims: &Value) -> Result<Value> {
    let (s0, s1) = shape::index_ints(start)?;
    let (d0, d1) = shape::index_ints(dims)?;
    let (s0, s1, d0, d1) = (
        i128::from(s0),
        i128::from(s1),
        i128::from(d0),
        i128::from(d1),
    );
    if is_2025_11() {
        // That version crops only a window wholly inside the grid, else `()`.
        let inside = match (grid.len(), grid.get(0).and_then(|row| row.len())) {
            (Some(h), Some(w)) => {
                let (h, w) = (h as i128, w as i128);
                (0..h).contains(&s0) && (0..w).contains(&s1) && s0 + d0 <= h && s1 + d1 <= w
            }
            _ => false,
        };
        if !inside {
            ctx.charge(1)?;
            return Ok(Value::empty_tuple());
        }
    }
    slice2(ctx, grid, (s0, s0 + d0), (s1, s1 + d1))
}

/// `subgrid(patch, grid)`: the crop of the grid to the patch's bounding box
/// (under `batt-2025-11`, `()` for an empty patch, and `crop`'s rule).
pub fn subgrid(ctx: &mut Ctx, patch: &Value, grid: &Value) -> Result<Value> {
    if is_2025_11() && patch.is_empty() {
        ctx.charge(1)?;
        return Ok(Value::empty_tuple());
    }
    let p = shape::patch(patch)?;
    if is_2025_11() {
        let (a, b, c, d) = p
            .bounds()
            .ok_or(DslError::Value("the corners of an empty patch"))?;
        let start = Value::Pair(i64::from(a), i64::from(b));
        let dims = Value::Pair(i64::from(c - a) + 1, i64::from(d - b) + 1);
        return crop(ctx, grid, &start, &dims);
    }
    let (a, b, c, d) = p
        .bounds()
        .ok_or(DslError::Value("the corners of an empty patch"))?;
    let (a, b, c, d) = (i128::from(a), i128::from(b), i128::from(c), i128::from(d));
    // `shape` of a tuple is `(len(piece), len(piece[0]))`: its elements are pairs.
    let (h, w) = if patch.kind() == Kind::Tuple {
        (p.len() as i128, 2)
    } else {
        (c - a + 1, d - b + 1)
    };
    slice2(ctx, grid, (a, a + h), (b, b + w))
}

/// The number of parts and the part size and offset of `hsplit`/`vsplit`.
fn split_plan(side: usize, n: &Value) -> Result<(usize, usize, usize)> {
    let n = n.int("the number of parts is an integer")?;
    if n == 0 {
        return Err(DslError::Value("integer division by zero"));
    }
    // `range(n)` is empty for a negative `n`.
    let Ok(parts) = usize::try_from(n) else {
        return Ok((0, 0, 0));
    };
    Ok((
        parts,
        side / parts,
        usize::from(!side.is_multiple_of(parts)),
    ))
}

/// `hsplit(grid, n)`: `n` parts side by side, skipping one column between
/// parts when the width does not divide.
pub fn hsplit(ctx: &mut Ctx, grid: &Value, n: &Value) -> Result<Value> {
    let g = shape::grid(grid)?;
    let (parts, w, offset) = split_plan(g.width(), n)?;
    ctx.charge(parts)?;
    let h = g.height() as i128;
    let out = (0..parts)
        .map(|k| {
            let start = (w as i128 + offset as i128) * k as i128;
            crop_grid(ctx, &g, (0, h), (start, start + w as i128))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Value::tuple(out))
}

/// `vsplit(grid, n)`: `n` parts one above the other, skipping one row
/// between parts when the height does not divide.
pub fn vsplit(ctx: &mut Ctx, grid: &Value, n: &Value) -> Result<Value> {
    let g = shape::grid(grid)?;
    let (parts, h, offset) = split_plan(g.height(), n)?;
    ctx.charge(parts)?;
    let w = g.width() as i128;
    let out = (0..parts)
        .map(|k| {
            let start = (h as i128 + offset as i128) * k as i128;
            crop_grid(ctx, &g, (start, start + h as i128), (0, w))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Value::tuple(out))
}

/// `trim(grid)`: the grid without its border rows and columns.
pub fn trim(ctx: &mut Ctx, grid: &Value) -> Result<Value> {
    slice2(ctx, grid, (1, -1), (1, -1))
}

/// `tophalf(grid)`: the first `len(grid) // 2` rows.
pub fn tophalf(ctx: &mut Ctx, grid: &Value) -> Result<Value> {
    let n = grid.len().filter(|_| grid.kind() == Kind::Tuple);
    let n = n.ok_or(NOT_A_TUPLE)? as i128;
    slice_seq(ctx, grid, 0, n / 2)
}

/// `bottomhalf(grid)`: the last `len(grid) // 2` rows.
pub fn bottomhalf(ctx: &mut Ctx, grid: &Value) -> Result<Value> {
    let n = grid.len().filter(|_| grid.kind() == Kind::Tuple);
    let n = n.ok_or(NOT_A_TUPLE)? as i128;
    slice_seq(ctx, grid, n / 2 + n % 2, n)
}

/// `lefthalf(grid)`: the first `width // 2` columns (`()` when none).
pub fn lefthalf(ctx: &mut Ctx, grid: &Value) -> Result<Value> {
    if let Value::Grid(g) = grid {
        let (h, w) = g.shape();
        if w / 2 == 0 {
            return Ok(Value::empty_tuple());
        }
        return crop_grid(ctx, g, (0, h as i128), (0, (w / 2) as i128));
    }
    let turned = rot90(ctx, grid)?;
    let half = tophalf(ctx, &turned)?;
    rot270(ctx, &half)
}

/// `righthalf(grid)`: the last `width // 2` columns (`()` when none).
pub fn righthalf(ctx: &mut Ctx, grid: &Value) -> Result<Value> {
    if let Value::Grid(g) = grid {
        let (h, w) = g.shape();
        if w / 2 == 0 {
            return Ok(Value::empty_tuple());
        }
        let start = w / 2 + w % 2;
        return crop_grid(ctx, g, (0, h as i128), (start as i128, w as i128));
    }
    let turned = rot90(ctx, grid)?;
    let half = bottomhalf(ctx, &turned)?;
    rot270(ctx, &half)
}

// ---------------------------------------------------------------------------
// Cells and colours.

/// `cellwise(a, b, fallback)`: `a` where it agrees with `b`, `fallback`
/// elsewhere.
pub fn cellwise(ctx: &mut Ctx, a: &Value, b: &Value, fallback: &Value) -> Result<Value> {
    let (Ok(ga), Ok(gb)) = (shape::grid(a), shape::grid(b)) else {
        return cellwise_values(ctx, a, b, fallback);
    };
    let (h, w) = ga.shape();
    let mut cells = reserve(ctx, h, w)?;
    if w == 0 {
        // The reference never reads `b` then.
        return build(h, 0, cells);
    }
    if gb.height() < h || gb.width() < w {
        return Err(DslError::Value("tuple index out of range"));
    }
    let fallback = shape::colour(fallback);
    for (ra, rb) in ga.rows().zip(gb.rows()) {
        for (&x, &y) in ra.iter().zip(rb) {
            cells.push(if x == y { x } else { fallback? });
        }
    }
    build(h, w, cells)
}

/// `cellwise` where `a` or `b` is not a grid of colours (a ragged tuple of
/// rows, rows of any values): `a[i][j]` and `b[i][j]` for `i` below `a`'s
/// height and `j` below its first row's width.
fn cellwise_values(ctx: &mut Ctx, a: &Value, b: &Value, fallback: &Value) -> Result<Value> {
    let rows = tuple_items(ctx, a)?;
    let first = rows
        .first()
        .ok_or(DslError::Value("a grid has a first row"))?;
    let w = first
        .len()
        .ok_or(DslError::Type("a grid's rows are tuples"))?;
    ctx.charge(rows.len().saturating_mul(w))?;
    let at = |v: &Value, k: usize| match v.kind() {
        Kind::Tuple => v.get(k).ok_or(DslError::Value("tuple index out of range")),
        _ => Err(DslError::Type("a grid's rows are tuples")),
    };
    let mut out = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let mut cells = Vec::with_capacity(w);
        for j in 0..w {
            let x = at(row, j)?;
            let y = at(&at(b, i)?, j)?;
            cells.push(if x.py_eq(&y) { x } else { fallback.clone() });
        }
        out.push(Value::tuple(cells));
    }
    Ok(rows_value(out))
}

/// `replace(grid, replacee, replacer)`: every cell of colour `replacee`
/// recoloured `replacer`.
pub fn replace(ctx: &mut Ctx, grid: &Value, replacee: &Value, replacer: &Value) -> Result<Value> {
    let Some(g) = grid_or_empty(grid)? else {
        return Ok(Value::empty_tuple());
    };
    let mut cells = reserve(ctx, g.height(), g.width())?;
    let target = replacee.as_int().and_then(|c| i8::try_from(c).ok());
    let new = shape::colour(replacer);
    for &c in g.cells() {
        cells.push(if Some(c) == target { new? } else { c });
    }
    build(g.height(), g.width(), cells)
}

/// `switch(grid, a, b)`: colours `a` and `b` exchanged.
pub fn switch(ctx: &mut Ctx, grid: &Value, a: &Value, b: &Value) -> Result<Value> {
    let g = match grid_or_empty(grid) {
        Ok(Some(g)) => g,
        Ok(None) => return Ok(Value::empty_tuple()),
        Err(_) => return switch_values(ctx, grid, a, b),
    };
    let mut cells = reserve(ctx, g.height(), g.width())?;
    let (ka, kb) = (a.as_int(), b.as_int());
    let (ca, cb) = (shape::colour(a), shape::colour(b));
    for &c in g.cells() {
        let v = Some(i64::from(c));
        cells.push(if ka == kb || (v != ka && v != kb) {
            c
        } else if v == ka {
            cb?
        } else {
            ca?
        });
    }
    build(g.height(), g.width(), cells)
}

/// `switch` of rows of any values (not a grid of colours): `{a: b, b: a}[v]`
/// for a `v` equal to `a` or `b` (to `a` when both), `v` otherwise.
fn switch_values(ctx: &mut Ctx, grid: &Value, a: &Value, b: &Value) -> Result<Value> {
    container_kind(grid)?;
    let rows = shape::items(ctx, grid)?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows.iter() {
        container_kind(row)?;
        let items = shape::items(ctx, row)?;
        let switched = items.iter().map(|v| {
            if v.py_eq(b) {
                a.clone()
            } else if v.py_eq(a) {
                b.clone()
            } else {
                v.clone()
            }
        });
        out.push(Value::tuple(switched.collect()));
    }
    Ok(rows_value(out))
}

/// A tuple of rows as a value: a compact grid when it is one.
fn rows_value(rows: Vec<Value>) -> Value {
    let v = Value::tuple(rows);
    match shape::grid(&v) {
        Ok(g) => Value::grid(g.into_owned()),
        Err(_) => v,
    }
}

/// `canvas(value, (h, w))`: an `h` x `w` grid of `value`.
pub fn canvas(ctx: &mut Ctx, value: &Value, dims: &Value) -> Result<Value> {
    let (h, w) = shape::index_ints(dims)?;
    if h <= 0 {
        return Ok(Value::empty_tuple());
    }
    let h = usize::try_from(h).unwrap_or(usize::MAX);
    let w = usize::try_from(w.max(0)).unwrap_or(usize::MAX);
    let mut cells = reserve(ctx, h, w)?;
    if w > 0 {
        cells.resize(h * w, shape::colour(value)?);
    }
    build(h, w, cells)
}

/// `compress(grid)`: the grid without its frontiers (single-coloured rows
/// and columns).
pub fn compress(ctx: &mut Ctx, grid: &Value) -> Result<Value> {
    let Some(g) = grid_or_empty(grid)? else {
        return Ok(Value::empty_tuple());
    };
    let (h, w) = g.shape();
    ctx.charge(h.saturating_mul(w))?;
    let keep_row: Vec<bool> = g.rows().map(|r| !uniform(r.iter().copied())).collect();
    let keep_col: Vec<bool> = (0..w)
        .map(|j| !uniform(g.rows().filter_map(|r| r.get(j).copied())))
        .collect();
    let nh = keep_row.iter().filter(|&&k| k).count();
    let nw = keep_col.iter().filter(|&&k| k).count();
    let mut cells = reserve(ctx, nh, nw)?;
    for (row, _) in g.rows().zip(&keep_row).filter(|(_, k)| **k) {
        cells.extend(
            row.iter()
                .zip(&keep_col)
                .filter(|(_, k)| **k)
                .map(|(c, _)| c),
        );
    }
    build(nh, nw, cells)
}

// ---------------------------------------------------------------------------
// Periods.

/// The period of an object along rows (`vertical`) or columns.
fn period(ctx: &mut Ctx, obj: &Value, vertical: bool) -> Result<Value> {
    let p = shape::patch(obj)?;
    // An empty object normalises to itself, of width and height 0.
    let Some((a, b, c, d)) = p.bounds() else {
        ctx.charge(1)?;
        return Ok(Value::Int(0));
    };
    let extent = if vertical {
        i64::from(c) - i64::from(a) + 1
    } else {
        i64::from(d) - i64::from(b) + 1
    };
    let cells = match p {
        Patch::Object(x) => x,
        // The reference unpacks `(c, (i, j))` only once it tries a period.
        Patch::Indices(_) if extent == 1 => return Ok(Value::Int(1)),
        Patch::Indices(_) => return Err(DslError::Type("the period of indices")),
    };
    ctx.charge(cells.len())?;
    let norm: Vec<(i32, i64, i64)> = cells
        .iter()
        .map(|x| {
            (
                x.colour,
                i64::from(x.i) - i64::from(a),
                i64::from(x.j) - i64::from(b),
            )
        })
        .collect();
    let set: FastSet<(i32, i64, i64)> = norm.iter().copied().collect();
    for q in 1..extent {
        ctx.charge(norm.len())?;
        let periodic = norm.iter().all(|&(col, i, j)| {
            if vertical {
                i < q || set.contains(&(col, i - q, j))
            } else {
                j < q || set.contains(&(col, i, j - q))
            }
        });
        if periodic {
            return Ok(Value::Int(q));
        }
    }
    Ok(Value::Int(extent))
}

/// `hperiod(obj)`: the smallest horizontal shift that maps the normalised
/// object into itself (its width when there is none).
pub fn hperiod(ctx: &mut Ctx, obj: &Value) -> Result<Value> {
    period(ctx, obj, false)
}

/// `vperiod(obj)`: the smallest vertical shift that maps the normalised
/// object into itself (its height when there is none).
pub fn vperiod(ctx: &mut Ctx, obj: &Value) -> Result<Value> {
    period(ctx, obj, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dsl::value::row_value;

    type F1 = fn(&mut Ctx, &Value) -> Result<Value>;
    type F2 = fn(&mut Ctx, &Value, &Value) -> Result<Value>;
    type F3 = fn(&mut Ctx, &Value, &Value, &Value) -> Result<Value>;

    fn r1(f: F1, a: &Value) -> Result<Value> {
        f(&mut Ctx::default(), a)
    }

    fn r2(f: F2, a: &Value, b: &Value) -> Result<Value> {
        f(&mut Ctx::default(), a, b)
    }

    fn r3(f: F3, a: &Value, b: &Value, c: &Value) -> Result<Value> {
        f(&mut Ctx::default(), a, b, c)
    }

    /// A compact grid.
    fn g(rows: &[&[i8]]) -> Value {
        Value::grid(Grid::from_rows(rows).unwrap())
    }

    /// A tuple of row tuples (not a `Grid` value).
    fn rows(rows: &[&[i64]]) -> Value {
        Value::tuple(rows.iter().map(|r| ints(r)).collect())
    }

    fn ints(xs: &[i64]) -> Value {
        Value::tuple(xs.iter().map(|&x| Value::Int(x)).collect())
    }

    fn idx(xs: &[(i32, i32)]) -> Value {
        Value::indices(xs.to_vec())
    }

    fn obj(xs: &[(i32, i32, i32)]) -> Value {
        Value::object(xs.iter().map(|&(c, i, j)| Cell::new(c, (i, j))).collect())
    }

    fn int(n: i64) -> Value {
        Value::Int(n)
    }

    fn pair(a: i64, b: i64) -> Value {
        Value::Pair(a, b)
    }

    fn empty() -> Value {
        Value::empty_tuple()
    }

    /// A grid of `h` rows and no columns.
    fn no_columns(h: usize) -> Value {
        Value::grid(Grid::new(h, 0, vec![]).unwrap())
    }

    fn sample() -> Value {
        g(&[&[1, 2, 3], &[4, 5, 6], &[7, 8, 9]])
    }

    #[test]
    fn the_table_lists_the_thirty_five_grid_primitives() {
        let names: Vec<&str> = PRIMS.iter().map(|p| p.name).collect();
        let expected = "rot90 rot180 rot270 hmirror vmirror dmirror cmirror fill paint \
            underfill underpaint hupscale vupscale upscale downscale hconcat vconcat subgrid \
            hsplit vsplit cellwise replace switch crop canvas trim move tophalf bottomhalf \
            lefthalf righthalf cover compress hperiod vperiod";
        assert_eq!(names, expected.split_whitespace().collect::<Vec<_>>());
        let mv = PRIMS.iter().find(|p| p.name == "move").unwrap();
        assert_eq!(mv.arity, 3);
        let args = [g(&[&[0, 1]]), obj(&[(1, 0, 1)]), pair(0, -1)];
        assert_eq!(mv.call(&mut Ctx::default(), &args).unwrap(), g(&[&[1, 0]]));
    }

    // --- rotations --------------------------------------------------------

    #[test]
    fn rot90_turns_a_grid_clockwise() {
        let x = g(&[&[1, 2], &[3, 4], &[5, 6]]);
        assert_eq!(r1(rot90, &x).unwrap(), g(&[&[5, 3, 1], &[6, 4, 2]]));
    }

    #[test]
    fn rot90_four_times_is_identity() {
        let mut v = g(&[&[1, 2, 3], &[4, 5, 6]]);
        for _ in 0..4 {
            v = r1(rot90, &v).unwrap();
        }
        assert_eq!(v, g(&[&[1, 2, 3], &[4, 5, 6]]));
        assert!(matches!(v, Value::Grid(_)));
    }

    #[test]
    fn rot90_twice_is_rot180_and_thrice_is_rot270() {
        let x = g(&[&[1, 2, 3], &[4, 5, 6]]);
        let twice = r1(rot90, &r1(rot90, &x).unwrap()).unwrap();
        assert_eq!(twice, r1(rot180, &x).unwrap());
        let thrice = r1(rot90, &twice).unwrap();
        assert_eq!(thrice, r1(rot270, &x).unwrap());
    }

    #[test]
    fn rotations_of_a_tuple_of_rows_match_the_grid() {
        let t = rows(&[&[1, 2, 3], &[4, 5, 6]]);
        let x = g(&[&[1, 2, 3], &[4, 5, 6]]);
        for f in [rot90 as F1, rot180, rot270] {
            let from_tuple = r1(f, &t).unwrap();
            assert!(!matches!(from_tuple, Value::Grid(_)));
            assert_eq!(from_tuple, r1(f, &x).unwrap());
        }
    }

    #[test]
    fn rot90_of_a_ragged_tuple_truncates_like_zip() {
        let t = rows(&[&[1, 2, 3], &[4, 5]]);
        assert_eq!(r1(rot90, &t).unwrap(), rows(&[&[4, 1], &[5, 2]]));
    }

    #[test]
    fn rotations_of_empty_grids() {
        for f in [rot90 as F1, rot180, rot270] {
            assert_eq!(r1(f, &empty()).unwrap(), empty());
        }
        assert_eq!(r1(rot90, &no_columns(3)).unwrap(), empty());
        assert_eq!(r1(rot270, &no_columns(3)).unwrap(), empty());
        assert_eq!(r1(rot180, &no_columns(3)).unwrap(), no_columns(3));
    }

    #[test]
    fn rotations_refuse_non_grids() {
        for f in [rot90 as F1, rot180, rot270] {
            assert!(r1(f, &int(3)).is_err());
            assert!(r1(f, &pair(1, 2)).is_err());
            assert!(r1(f, &idx(&[(0, 0)])).is_err());
        }
    }

    #[test]
    fn rot180_reverses_rows_and_columns() {
        let x = g(&[&[1, 2, 3], &[4, 5, 6]]);
        assert_eq!(r1(rot180, &x).unwrap(), g(&[&[6, 5, 4], &[3, 2, 1]]));
    }

    #[test]
    fn rot270_turns_a_grid_anticlockwise() {
        let x = g(&[&[1, 2], &[3, 4], &[5, 6]]);
        assert_eq!(r1(rot270, &x).unwrap(), g(&[&[2, 4, 6], &[1, 3, 5]]));
        assert_eq!(r1(rot90, &r1(rot270, &x).unwrap()).unwrap(), x);
    }

    // --- mirrors -----------------------------------------------------------

    #[test]
    fn hmirror_of_a_grid_reverses_its_rows() {
        let x = g(&[&[1, 2], &[3, 4], &[5, 6]]);
        assert_eq!(r1(hmirror, &x).unwrap(), g(&[&[5, 6], &[3, 4], &[1, 2]]));
        assert_eq!(r1(hmirror, &no_columns(2)).unwrap(), no_columns(2));
    }

    #[test]
    fn hmirror_of_any_tuple_reverses_it() {
        assert_eq!(r1(hmirror, &pair(1, 2)).unwrap(), pair(2, 1));
        assert_eq!(r1(hmirror, &ints(&[1, 2, 3])).unwrap(), ints(&[3, 2, 1]));
        assert_eq!(r1(hmirror, &empty()).unwrap(), empty());
        let ragged = rows(&[&[1], &[2, 3]]);
        assert_eq!(r1(hmirror, &ragged).unwrap(), rows(&[&[2, 3], &[1]]));
    }

    #[test]
    fn hmirror_of_a_patch_flips_within_its_rows() {
        let p = idx(&[(0, 0), (2, 1)]);
        assert_eq!(r1(hmirror, &p).unwrap(), idx(&[(2, 0), (0, 1)]));
        let o = obj(&[(5, 1, 0), (6, 3, 4)]);
        assert_eq!(r1(hmirror, &o).unwrap(), obj(&[(5, 3, 0), (6, 1, 4)]));
        assert!(matches!(r1(hmirror, &o).unwrap(), Value::Object(_)));
        assert!(matches!(r1(hmirror, &p).unwrap(), Value::Indices(_)));
    }

    #[test]
    fn mirrors_of_the_empty_set_fail() {
        for f in [hmirror as F1, vmirror, dmirror, cmirror] {
            assert!(r1(f, &Value::empty_set()).is_err());
            assert!(r1(f, &int(1)).is_err());
            assert!(r1(f, &Value::set(vec![int(1), int(2)])).is_err());
        }
    }

    #[test]
    fn mirrors_are_involutions() {
        let pieces = [
            g(&[&[1, 2, 3], &[4, 5, 6]]),
            idx(&[(1, 2), (1, 4), (2, 2), (5, 3)]),
            obj(&[(1, -2, 7), (2, 0, 3), (3, 4, 4)]),
        ];
        for f in [hmirror as F1, vmirror, dmirror, cmirror] {
            for p in &pieces {
                let twice = r1(f, &r1(f, p).unwrap()).unwrap();
                assert_eq!(&twice, p);
            }
        }
    }

    #[test]
    fn vmirror_of_a_grid_reverses_each_row() {
        let x = g(&[&[1, 2, 3], &[4, 5, 6]]);
        assert_eq!(r1(vmirror, &x).unwrap(), g(&[&[3, 2, 1], &[6, 5, 4]]));
        assert_eq!(r1(vmirror, &empty()).unwrap(), empty());
    }

    #[test]
    fn vmirror_of_a_tuple_reverses_each_element() {
        let ragged = rows(&[&[1, 2, 3], &[4, 5]]);
        assert_eq!(r1(vmirror, &ragged).unwrap(), rows(&[&[3, 2, 1], &[5, 4]]));
        assert!(r1(vmirror, &pair(1, 2)).is_err());
    }

    #[test]
    fn vmirror_of_a_patch_flips_within_its_columns() {
        let p = idx(&[(0, 1), (1, 3)]);
        assert_eq!(r1(vmirror, &p).unwrap(), idx(&[(0, 3), (1, 1)]));
        let o = obj(&[(7, 0, 1), (8, 1, 3)]);
        assert_eq!(r1(vmirror, &o).unwrap(), obj(&[(7, 0, 3), (8, 1, 1)]));
    }

    #[test]
    fn dmirror_of_a_grid_transposes_it() {
        let x = g(&[&[1, 2, 3], &[4, 5, 6]]);
        assert_eq!(r1(dmirror, &x).unwrap(), g(&[&[1, 4], &[2, 5], &[3, 6]]));
        assert_eq!(r1(dmirror, &no_columns(2)).unwrap(), empty());
        let ragged = rows(&[&[1, 2, 3], &[4, 5]]);
        assert_eq!(r1(dmirror, &ragged).unwrap(), rows(&[&[1, 4], &[2, 5]]));
        assert!(r1(dmirror, &pair(1, 2)).is_err());
    }

    #[test]
    fn dmirror_of_a_patch_transposes_about_its_corner() {
        let p = idx(&[(1, 2), (1, 4), (2, 2)]);
        assert_eq!(r1(dmirror, &p).unwrap(), idx(&[(1, 2), (3, 2), (1, 3)]));
        let o = obj(&[(3, 1, 2), (4, 1, 4)]);
        assert_eq!(r1(dmirror, &o).unwrap(), obj(&[(3, 1, 2), (4, 3, 2)]));
    }

    #[test]
    fn cmirror_of_a_grid_mirrors_on_the_counterdiagonal() {
        let x = g(&[&[1, 2], &[3, 4]]);
        assert_eq!(r1(cmirror, &x).unwrap(), g(&[&[4, 2], &[3, 1]]));
        let y = g(&[&[1, 2, 3], &[4, 5, 6]]);
        assert_eq!(r1(cmirror, &y).unwrap(), g(&[&[6, 3], &[5, 2], &[4, 1]]));
        let t = rows(&[&[1, 2, 3], &[4, 5, 6]]);
        assert_eq!(r1(cmirror, &t).unwrap(), r1(cmirror, &y).unwrap());
    }

    #[test]
    fn cmirror_of_a_patch_is_vmirror_dmirror_vmirror() {
        let patches = [
            idx(&[(1, 2), (1, 4), (2, 2), (5, 3)]),
            obj(&[(1, -2, 7), (2, 0, 3), (3, 4, 4)]),
            idx(&[(0, 0)]),
        ];
        for p in &patches {
            let composed = r1(vmirror, &r1(dmirror, &r1(vmirror, p).unwrap()).unwrap()).unwrap();
            assert_eq!(r1(cmirror, p).unwrap(), composed);
        }
    }

    #[test]
    fn patch_mirrors_of_a_grid_patch_agree_with_grid_mirrors() {
        // A full grid as an object: mirroring it as a patch mirrors the grid.
        let x = g(&[&[1, 2, 3], &[4, 5, 6]]);
        let as_obj = obj(&[
            (1, 0, 0),
            (2, 0, 1),
            (3, 0, 2),
            (4, 1, 0),
            (5, 1, 1),
            (6, 1, 2),
        ]);
        let to_obj = |v: &Value| {
            let gg = shape::grid(v).unwrap();
            let mut cells = vec![];
            for (i, r) in gg.rows().enumerate() {
                for (j, &c) in r.iter().enumerate() {
                    cells.push(Cell::new(i32::from(c), (i as i32, j as i32)));
                }
            }
            Value::object(cells)
        };
        for f in [hmirror as F1, vmirror, dmirror, cmirror] {
            assert_eq!(r1(f, &as_obj).unwrap(), to_obj(&r1(f, &x).unwrap()));
        }
    }

    // --- fill, paint, cover, move --------------------------------------------

    #[test]
    fn fill_sets_the_cells_inside_the_grid() {
        let x = g(&[&[0, 0], &[0, 0]]);
        let p = idx(&[(-1, 0), (0, 1), (5, 5)]);
        assert_eq!(r3(fill, &x, &int(5), &p).unwrap(), g(&[&[0, 5], &[0, 0]]));
        let o = obj(&[(9, 1, 0)]);
        assert_eq!(r3(fill, &x, &int(3), &o).unwrap(), g(&[&[0, 0], &[3, 0]]));
        let t = Value::tuple(vec![pair(1, 1)]);
        assert_eq!(r3(fill, &x, &int(4), &t).unwrap(), g(&[&[0, 0], &[0, 4]]));
    }

    #[test]
    fn fill_accepts_a_tuple_of_rows_and_the_empty_set() {
        let t = rows(&[&[1, 2], &[3, 4]]);
        let out = r3(fill, &t, &int(0), &Value::empty_set()).unwrap();
        assert_eq!(out, g(&[&[1, 2], &[3, 4]]));
        assert!(matches!(out, Value::Grid(_)));
        assert_eq!(
            r3(fill, &no_columns(2), &int(1), &idx(&[(0, 0)])).unwrap(),
            no_columns(2)
        );
    }

    #[test]
    fn fill_checks_the_colour_only_when_it_writes() {
        let x = g(&[&[0, 0]]);
        assert!(r3(fill, &x, &int(300), &idx(&[(0, 0)])).is_err());
        assert!(r3(fill, &x, &int(-129), &idx(&[(0, 0)])).is_err());
        // Negative colours are markers some solvers use.
        assert_eq!(
            r3(fill, &x, &int(-1), &idx(&[(0, 0)])).unwrap(),
            g(&[&[-1, 0]])
        );
        assert_eq!(r3(fill, &x, &int(300), &idx(&[(4, 4)])).unwrap(), x);
        assert_eq!(
            r3(fill, &x, &Value::Bool(true), &idx(&[(0, 1)])).unwrap(),
            g(&[&[0, 1]])
        );
    }

    #[test]
    fn fill_refuses_bad_arguments() {
        assert!(r3(fill, &empty(), &int(1), &idx(&[(0, 0)])).is_err());
        assert!(r3(fill, &g(&[&[0]]), &int(1), &int(2)).is_err());
        assert!(r3(fill, &Value::empty_set(), &int(1), &idx(&[(0, 0)])).is_err());
    }

    #[test]
    fn paint_paints_the_cells_inside_the_grid() {
        let x = g(&[&[0, 0], &[0, 0]]);
        let o = obj(&[(3, 0, 0), (4, 1, 1), (5, 2, 2), (6, -1, 0)]);
        assert_eq!(r2(paint, &x, &o).unwrap(), g(&[&[3, 0], &[0, 4]]));
        assert_eq!(r2(paint, &x, &Value::empty_set()).unwrap(), x);
        let t = Value::tuple(vec![Value::tuple(vec![int(7), pair(0, 1)])]);
        assert_eq!(r2(paint, &x, &t).unwrap(), g(&[&[0, 7], &[0, 0]]));
    }

    #[test]
    fn paint_refuses_indices_and_bad_colours() {
        let x = g(&[&[0, 0]]);
        assert!(r2(paint, &x, &idx(&[(0, 0)])).is_err());
        assert!(r2(paint, &x, &obj(&[(256, 0, 0)])).is_err());
        assert_eq!(r2(paint, &x, &obj(&[(256, 5, 0)])).unwrap(), x);
        assert!(r2(paint, &empty(), &obj(&[(1, 0, 0)])).is_err());
    }

    #[test]
    fn paint_lets_the_last_cell_in_canonical_order_win() {
        let x = g(&[&[0]]);
        let o = obj(&[(4, 0, 0), (3, 0, 0)]);
        assert_eq!(r2(paint, &x, &o).unwrap(), g(&[&[4]]));
    }

    #[test]
    fn underfill_fills_only_the_background() {
        let x = g(&[&[1, 1, 1], &[1, 2, 1]]);
        let p = idx(&[(0, 0), (1, 1)]);
        assert_eq!(
            r3(underfill, &x, &int(3), &p).unwrap(),
            g(&[&[3, 1, 1], &[1, 2, 1]])
        );
        let o = obj(&[(0, 0, 2), (9, 1, 1)]);
        assert_eq!(
            r3(underfill, &x, &int(3), &o).unwrap(),
            g(&[&[1, 1, 3], &[1, 2, 1]])
        );
    }

    #[test]
    fn underfill_background_ties_go_to_the_smallest_colour() {
        let x = g(&[&[2, 1]]);
        let p = idx(&[(0, 0), (0, 1)]);
        assert_eq!(r3(underfill, &x, &int(7), &p).unwrap(), g(&[&[2, 7]]));
    }

    #[test]
    fn underfill_needs_cells_for_a_background() {
        assert!(r3(underfill, &no_columns(2), &int(1), &Value::empty_set()).is_err());
        assert!(r3(underfill, &empty(), &int(1), &Value::empty_set()).is_err());
    }

    #[test]
    fn underpaint_paints_only_the_background() {
        let x = g(&[&[0, 0], &[0, 5]]);
        let o = obj(&[(3, 0, 0), (4, 1, 1), (6, 9, 9)]);
        assert_eq!(r2(underpaint, &x, &o).unwrap(), g(&[&[3, 0], &[0, 5]]));
        assert!(r2(underpaint, &x, &idx(&[(0, 0)])).is_err());
        assert_eq!(r2(underpaint, &x, &Value::empty_set()).unwrap(), x);
        assert!(r2(underpaint, &no_columns(1), &Value::empty_set()).is_err());
    }

    #[test]
    fn underpaint_lets_the_first_cell_in_canonical_order_win() {
        let x = g(&[&[0]]);
        let o = obj(&[(4, 0, 0), (3, 0, 0)]);
        assert_eq!(r2(underpaint, &x, &o).unwrap(), g(&[&[3]]));
    }

    #[test]
    fn cover_fills_with_the_background() {
        let x = g(&[&[1, 1], &[1, 2]]);
        assert_eq!(
            r2(cover, &x, &idx(&[(1, 1)])).unwrap(),
            g(&[&[1, 1], &[1, 1]])
        );
        assert_eq!(
            r2(cover, &x, &obj(&[(2, 1, 1)])).unwrap(),
            g(&[&[1, 1], &[1, 1]])
        );
        assert_eq!(r2(cover, &x, &Value::empty_set()).unwrap(), x);
        assert!(r2(cover, &no_columns(1), &idx(&[(0, 0)])).is_err());
        assert!(r2(cover, &empty(), &idx(&[(0, 0)])).is_err());
    }

    #[test]
    fn move_covers_then_paints_the_shifted_object() {
        let x = g(&[&[0, 0, 0], &[0, 1, 0], &[0, 0, 0]]);
        let o = obj(&[(1, 1, 1)]);
        assert_eq!(
            r3(r#move, &x, &o, &pair(0, 1)).unwrap(),
            g(&[&[0, 0, 0], &[0, 0, 1], &[0, 0, 0]])
        );
        assert_eq!(
            r3(r#move, &x, &o, &pair(5, 5)).unwrap(),
            g(&[&[0, 0, 0], &[0, 0, 0], &[0, 0, 0]])
        );
        let bools = Value::tuple(vec![Value::Bool(true), Value::Bool(false)]);
        assert_eq!(
            r3(r#move, &x, &o, &bools).unwrap(),
            g(&[&[0, 0, 0], &[0, 0, 0], &[0, 1, 0]])
        );
    }

    #[test]
    fn move_is_paint_of_cover_and_shift() {
        let x = g(&[&[5, 5, 5, 5], &[5, 2, 3, 5], &[5, 5, 5, 5]]);
        let o = obj(&[(2, 1, 1), (3, 1, 2)]);
        let moved = r3(r#move, &x, &o, &pair(1, 1)).unwrap();
        let covered = r2(cover, &x, &o).unwrap();
        let by_hand = r2(paint, &covered, &obj(&[(2, 2, 2), (3, 2, 3)])).unwrap();
        assert_eq!(moved, by_hand);
    }

    #[test]
    fn move_refuses_indices_and_bad_offsets() {
        let x = g(&[&[0, 1]]);
        // An empty object shifts to itself, whatever the offset, and
        // paints nothing (arc-dsl 635de49).
        assert_eq!(
            r3(r#move, &x, &Value::empty_set(), &pair(0, 1)),
            Ok(x.clone())
        );
        assert_eq!(
            r3(r#move, &x, &Value::empty_tuple(), &int(3)),
            Ok(x.clone())
        );
        assert!(r3(r#move, &x, &idx(&[(0, 1)]), &pair(0, 1)).is_err());
        assert!(r3(r#move, &x, &obj(&[(1, 0, 1)]), &int(1)).is_err());
        assert!(r3(r#move, &x, &obj(&[(1, 0, 1)]), &ints(&[0, 1, 2])).is_err());
        assert!(r3(r#move, &x, &obj(&[(1, 0, 1)]), &pair(i64::MAX, 0)).is_err());
    }

    // --- scaling ---------------------------------------------------------

    #[test]
    fn hupscale_repeats_cells_along_rows() {
        let x = g(&[&[1, 2], &[3, 4]]);
        assert_eq!(
            r2(hupscale, &x, &int(2)).unwrap(),
            g(&[&[1, 1, 2, 2], &[3, 3, 4, 4]])
        );
        assert_eq!(r2(hupscale, &x, &int(1)).unwrap(), x);
        assert_eq!(r2(hupscale, &x, &int(0)).unwrap(), no_columns(2));
        assert_eq!(r2(hupscale, &x, &int(-3)).unwrap(), rows(&[&[], &[]]));
        assert_eq!(r2(hupscale, &empty(), &int(2)).unwrap(), empty());
        assert!(r2(hupscale, &x, &pair(1, 1)).is_err());
    }

    #[test]
    fn vupscale_repeats_rows() {
        let x = g(&[&[1, 2], &[3, 4]]);
        assert_eq!(
            r2(vupscale, &x, &int(2)).unwrap(),
            g(&[&[1, 2], &[1, 2], &[3, 4], &[3, 4]])
        );
        assert_eq!(r2(vupscale, &x, &int(0)).unwrap(), empty());
        assert_eq!(r2(vupscale, &x, &int(-1)).unwrap(), empty());
        assert_eq!(r2(vupscale, &empty(), &int(2)).unwrap(), empty());
    }

    #[test]
    fn upscale_grows_a_grid_in_both_directions() {
        let x = g(&[&[1, 2], &[3, 4]]);
        assert_eq!(
            r2(upscale, &x, &int(2)).unwrap(),
            g(&[&[1, 1, 2, 2], &[1, 1, 2, 2], &[3, 3, 4, 4], &[3, 3, 4, 4]])
        );
        assert_eq!(r2(upscale, &x, &int(0)).unwrap(), empty());
        assert_eq!(r2(upscale, &empty(), &int(3)).unwrap(), empty());
        let up = r2(upscale, &x, &int(3)).unwrap();
        assert_eq!(r2(downscale, &up, &int(3)).unwrap(), x);
    }

    #[test]
    fn upscale_grows_an_object_from_its_corner() {
        let o = obj(&[(5, 1, 1), (6, 1, 2)]);
        let expected = obj(&[
            (5, 1, 1),
            (5, 1, 2),
            (5, 2, 1),
            (5, 2, 2),
            (6, 1, 3),
            (6, 1, 4),
            (6, 2, 3),
            (6, 2, 4),
        ]);
        assert_eq!(r2(upscale, &o, &int(2)).unwrap(), expected);
        assert_eq!(r2(upscale, &o, &int(1)).unwrap(), o);
        assert_eq!(
            r2(upscale, &Value::empty_set(), &int(2)).unwrap(),
            Value::empty_set()
        );
    }

    #[test]
    fn upscale_refuses_indices_and_gives_empty_object_results() {
        assert!(r2(upscale, &idx(&[(0, 0)]), &int(2)).is_err());
        // No blocks for a factor <= 0: the empty set (arc-dsl 635de49
        // shifts it back unchanged).
        assert_eq!(
            r2(upscale, &obj(&[(1, 0, 0)]), &int(0)),
            Ok(Value::empty_set())
        );
        assert_eq!(
            r2(upscale, &obj(&[(1, 0, 0)]), &int(-2)),
            Ok(Value::empty_set())
        );
        assert!(r2(upscale, &pair(1, 2), &int(2)).is_err());
    }

    #[test]
    fn upscales_of_other_tuples_repeat_their_elements() {
        let t = rows(&[&[1, -2], &[3]]);
        assert_eq!(
            r2(hupscale, &t, &int(2)).unwrap(),
            rows(&[&[1, 1, -2, -2], &[3, 3]])
        );
        assert_eq!(
            r2(vupscale, &ints(&[1, 2]), &int(2)).unwrap(),
            ints(&[1, 1, 2, 2])
        );
        assert_eq!(
            r2(upscale, &t, &int(2)).unwrap(),
            rows(&[&[1, 1, -2, -2], &[1, 1, -2, -2], &[3, 3], &[3, 3]])
        );
        assert_eq!(r2(upscale, &t, &int(0)).unwrap(), empty());
        assert!(r2(hupscale, &ints(&[1, 2]), &int(2)).is_err());
        assert!(r2(upscale, &ints(&[1, 2]), &int(0)).is_err());
        let grid_rows = rows(&[&[1, 2], &[3, 4]]);
        assert_eq!(
            r2(upscale, &grid_rows, &int(2)).unwrap(),
            r2(upscale, &g(&[&[1, 2], &[3, 4]]), &int(2)).unwrap()
        );
    }

    #[test]
    fn huge_factors_exhaust_the_budget_instead_of_memory() {
        let x = g(&[&[1, 2], &[3, 4]]);
        let huge = int(1 << 40);
        for f in [hupscale as F2, vupscale, upscale] {
            assert!(r2(f, &x, &huge).is_err());
            assert!(r2(f, &x, &int(i64::MAX)).is_err());
        }
        assert_eq!(
            r2(upscale, &obj(&[(1, 0, 0)]), &huge),
            Err(DslError::TooLarge)
        );
        // Within budget but wider than batt's grid.
        assert_eq!(
            r2(hupscale, &g(&[&[1]]), &int(70_000)),
            Err(DslError::Value("grid too large"))
        );
    }

    #[test]
    fn downscale_keeps_every_factorth_row_and_column() {
        let x = sample();
        assert_eq!(r2(downscale, &x, &int(2)).unwrap(), g(&[&[1, 3], &[7, 9]]));
        assert_eq!(r2(downscale, &x, &int(-2)).unwrap(), g(&[&[1, 3], &[7, 9]]));
        assert_eq!(r2(downscale, &x, &int(1)).unwrap(), x);
        assert_eq!(r2(downscale, &x, &int(5)).unwrap(), g(&[&[1]]));
        assert_eq!(r2(downscale, &x, &int(i64::MIN)).unwrap(), g(&[&[1]]));
        assert_eq!(
            r2(downscale, &no_columns(3), &int(2)).unwrap(),
            no_columns(2)
        );
    }

    #[test]
    fn downscale_refuses_zero_and_empty_grids() {
        assert!(r2(downscale, &sample(), &int(0)).is_err());
        assert!(r2(downscale, &empty(), &int(2)).is_err());
    }

    // --- joining and splitting ------------------------------------------

    #[test]
    fn hconcat_joins_rows_side_by_side() {
        let a = g(&[&[1], &[2]]);
        let b = g(&[&[3, 4], &[5, 6]]);
        assert_eq!(r2(hconcat, &a, &b).unwrap(), g(&[&[1, 3, 4], &[2, 5, 6]]));
        let short = g(&[&[7, 7]]);
        assert_eq!(r2(hconcat, &a, &short).unwrap(), g(&[&[1, 7, 7]]));
        assert_eq!(r2(hconcat, &a, &empty()).unwrap(), empty());
        assert_eq!(r2(hconcat, &empty(), &a).unwrap(), empty());
        assert!(r2(hconcat, &a, &int(1)).is_err());
    }

    #[test]
    fn vconcat_stacks_grids_of_one_width() {
        let a = g(&[&[1, 2]]);
        let b = g(&[&[3, 4], &[5, 6]]);
        let out = r2(vconcat, &a, &b).unwrap();
        assert_eq!(out, g(&[&[1, 2], &[3, 4], &[5, 6]]));
        assert!(matches!(out, Value::Grid(_)));
        assert_eq!(r2(vconcat, &a, &empty()).unwrap(), a);
        assert_eq!(r2(vconcat, &empty(), &b).unwrap(), b);
    }

    #[test]
    fn vconcat_of_different_widths_is_a_ragged_tuple() {
        let a = g(&[&[1, 2]]);
        let b = g(&[&[3, 4, 5]]);
        let out = r2(vconcat, &a, &b).unwrap();
        assert_eq!(
            out,
            Value::tuple(vec![row_value(&[1, 2]), row_value(&[3, 4, 5])])
        );
        assert!(shape::grid(&out).is_err());
    }

    #[test]
    fn vconcat_adds_any_tuples() {
        assert_eq!(
            r2(vconcat, &pair(1, 2), &ints(&[3])).unwrap(),
            ints(&[1, 2, 3])
        );
        assert!(r2(vconcat, &g(&[&[1]]), &idx(&[(0, 0)])).is_err());
        assert!(r2(vconcat, &int(1), &g(&[&[1]])).is_err());
    }

    #[test]
    fn hsplit_cuts_columns_into_parts() {
        let x = g(&[&[1, 2, 3, 4], &[5, 6, 7, 8]]);
        assert_eq!(
            r2(hsplit, &x, &int(2)).unwrap(),
            Value::tuple(vec![g(&[&[1, 2], &[5, 6]]), g(&[&[3, 4], &[7, 8]])])
        );
        assert_eq!(
            r2(hsplit, &x, &int(1)).unwrap(),
            Value::tuple(vec![x.clone()])
        );
    }

    #[test]
    fn hsplit_skips_a_divider_when_the_width_does_not_divide() {
        let x = g(&[&[1, 2, 0, 4, 5]]);
        assert_eq!(
            r2(hsplit, &x, &int(2)).unwrap(),
            Value::tuple(vec![g(&[&[1, 2]]), g(&[&[4, 5]])])
        );
        let narrow = g(&[&[1, 2]]);
        assert_eq!(
            r2(hsplit, &narrow, &int(3)).unwrap(),
            Value::tuple(vec![no_columns(1), no_columns(1), no_columns(1)])
        );
    }

    #[test]
    fn hsplit_refuses_zero_and_gives_nothing_for_negatives() {
        assert!(r2(hsplit, &sample(), &int(0)).is_err());
        assert_eq!(r2(hsplit, &sample(), &int(-2)).unwrap(), empty());
        assert!(r2(hsplit, &empty(), &int(2)).is_err());
        assert_eq!(
            r2(hsplit, &sample(), &int(i64::MAX)),
            Err(DslError::TooLarge)
        );
    }

    #[test]
    fn vsplit_cuts_rows_into_parts() {
        let x = g(&[&[1], &[2], &[0], &[4], &[5]]);
        assert_eq!(
            r2(vsplit, &x, &int(2)).unwrap(),
            Value::tuple(vec![g(&[&[1], &[2]]), g(&[&[4], &[5]])])
        );
        let y = g(&[&[1, 2], &[3, 4]]);
        assert_eq!(
            r2(vsplit, &y, &int(2)).unwrap(),
            Value::tuple(vec![g(&[&[1, 2]]), g(&[&[3, 4]])])
        );
        assert_eq!(
            r2(vsplit, &g(&[&[1]]), &int(2)).unwrap(),
            Value::tuple(vec![empty(), empty()])
        );
        assert!(r2(vsplit, &y, &int(0)).is_err());
        assert_eq!(r2(vsplit, &y, &int(-1)).unwrap(), empty());
    }

    #[test]
    fn splitting_then_joining_gives_the_grid_back() {
        let x = g(&[&[1, 2, 3, 4], &[5, 6, 7, 8]]);
        let parts = r2(hsplit, &x, &int(2)).unwrap();
        let (a, b) = (parts.get(0).unwrap(), parts.get(1).unwrap());
        assert_eq!(r2(hconcat, &a, &b).unwrap(), x);
        let parts = r2(vsplit, &x, &int(2)).unwrap();
        let (a, b) = (parts.get(0).unwrap(), parts.get(1).unwrap());
        assert_eq!(r2(vconcat, &a, &b).unwrap(), x);
    }

    // --- cropping and halves -------------------------------------------------

    #[test]
    fn crop_takes_a_window() {
        let x = sample();
        assert_eq!(
            r3(crop, &x, &pair(1, 1), &pair(2, 2)).unwrap(),
            g(&[&[5, 6], &[8, 9]])
        );
        assert_eq!(
            r3(crop, &x, &pair(2, 1), &pair(5, 5)).unwrap(),
            g(&[&[8, 9]])
        );
        assert_eq!(r3(crop, &x, &pair(3, 0), &pair(1, 1)).unwrap(), empty());
        assert_eq!(
            r3(crop, &x, &pair(0, 3), &pair(2, 1)).unwrap(),
            no_columns(2)
        );
    }

    #[test]
    fn crop_follows_python_slicing_on_negative_bounds() {
        let x = sample();
        // grid[-1:1] is empty; grid[-2:3] is the last two rows.
        assert_eq!(r3(crop, &x, &pair(-1, 0), &pair(2, 3)).unwrap(), empty());
        assert_eq!(
            r3(crop, &x, &pair(-2, 0), &pair(5, 3)).unwrap(),
            g(&[&[4, 5, 6], &[7, 8, 9]])
        );
        // Columns [-1:0] are empty; [-3:-1] are the first two.
        assert_eq!(
            r3(crop, &x, &pair(0, -1), &pair(1, 1)).unwrap(),
            no_columns(1)
        );
        assert_eq!(
            r3(crop, &x, &pair(0, -3), &pair(1, 2)).unwrap(),
            g(&[&[1, 2]])
        );
        assert_eq!(
            r3(crop, &x, &pair(0, 0), &pair(-1, -1)).unwrap(),
            g(&[&[1, 2], &[4, 5]])
        );
        assert_eq!(
            r3(
                crop,
                &x,
                &pair(i64::MAX, i64::MIN),
                &pair(i64::MAX, i64::MAX)
            )
            .unwrap(),
            empty()
        );
        assert_eq!(
            r3(
                crop,
                &x,
                &pair(i64::MIN, i64::MIN),
                &pair(i64::MAX, i64::MAX)
            )
            .unwrap(),
            g(&[&[1, 2], &[4, 5]])
        );
    }

    #[test]
    fn crop_of_tuples_slices_them_generically() {
        assert_eq!(
            r3(crop, &empty(), &pair(0, 0), &pair(2, 2)).unwrap(),
            empty()
        );
        let t = rows(&[&[1, 2, 3], &[4, 5]]);
        assert_eq!(
            r3(crop, &t, &pair(0, 1), &pair(2, 2)).unwrap(),
            rows(&[&[2, 3], &[5]])
        );
        assert!(r3(crop, &sample(), &int(0), &pair(1, 1)).is_err());
        assert!(r3(crop, &idx(&[(0, 0)]), &pair(0, 0), &pair(1, 1)).is_err());
        let long = ints(&[1, 1, 9]);
        assert_eq!(r3(crop, &sample(), &long, &long).unwrap(), g(&[&[5]]));
    }

    #[test]
    fn subgrid_crops_to_the_bounding_box() {
        let x = sample();
        let p = idx(&[(1, 1), (2, 2)]);
        assert_eq!(r2(subgrid, &p, &x).unwrap(), g(&[&[5, 6], &[8, 9]]));
        let o = obj(&[(0, 0, 1), (0, 1, 1)]);
        assert_eq!(r2(subgrid, &o, &x).unwrap(), g(&[&[2], &[5]]));
        let outside = idx(&[(2, 2), (4, 4)]);
        assert_eq!(r2(subgrid, &outside, &x).unwrap(), g(&[&[9]]));
        assert_eq!(r2(subgrid, &p, &empty()).unwrap(), empty());
    }

    #[test]
    fn subgrid_of_a_tuple_patch_uses_the_tuple_shape() {
        // shape of a tuple is (len, len(first element)) = (2, 2) here.
        let t = Value::tuple(vec![pair(0, 0), pair(2, 2)]);
        assert_eq!(r2(subgrid, &t, &sample()).unwrap(), g(&[&[1, 2], &[4, 5]]));
    }

    #[test]
    fn subgrid_refuses_an_empty_patch() {
        assert!(r2(subgrid, &Value::empty_set(), &sample()).is_err());
        assert!(r2(subgrid, &int(1), &sample()).is_err());
    }

    #[test]
    fn trim_removes_the_border() {
        let x = g(&[&[1, 2, 3, 4], &[5, 6, 7, 8], &[9, 1, 2, 3], &[4, 5, 6, 7]]);
        assert_eq!(r1(trim, &x).unwrap(), g(&[&[6, 7], &[1, 2]]));
        assert_eq!(r1(trim, &g(&[&[1, 2], &[3, 4]])).unwrap(), empty());
        assert_eq!(
            r1(trim, &g(&[&[1, 2], &[3, 4], &[5, 6]])).unwrap(),
            no_columns(1)
        );
        assert_eq!(r1(trim, &empty()).unwrap(), empty());
        assert!(r1(trim, &int(1)).is_err());
    }

    #[test]
    fn tophalf_and_bottomhalf_split_the_rows() {
        let three = g(&[&[1], &[2], &[3]]);
        assert_eq!(r1(tophalf, &three).unwrap(), g(&[&[1]]));
        assert_eq!(r1(bottomhalf, &three).unwrap(), g(&[&[3]]));
        let four = g(&[&[1, 1], &[2, 2], &[3, 3], &[4, 4]]);
        let (top, bottom) = (r1(tophalf, &four).unwrap(), r1(bottomhalf, &four).unwrap());
        assert_eq!(top, g(&[&[1, 1], &[2, 2]]));
        assert_eq!(r2(vconcat, &top, &bottom).unwrap(), four);
        assert_eq!(r1(tophalf, &g(&[&[1]])).unwrap(), empty());
        assert_eq!(r1(bottomhalf, &g(&[&[1]])).unwrap(), empty());
        assert_eq!(r1(tophalf, &empty()).unwrap(), empty());
    }

    #[test]
    fn halves_of_any_tuple_slice_it() {
        assert_eq!(r1(tophalf, &ints(&[1, 2, 3, 4])).unwrap(), pair(1, 2));
        assert_eq!(r1(bottomhalf, &ints(&[1, 2, 3])).unwrap(), ints(&[3]));
        assert_eq!(r1(tophalf, &pair(5, 6)).unwrap(), ints(&[5]));
        assert!(r1(tophalf, &idx(&[(0, 0)])).is_err());
        assert!(r1(bottomhalf, &int(4)).is_err());
    }

    #[test]
    fn lefthalf_and_righthalf_split_the_columns() {
        let x = g(&[&[1, 2, 3], &[4, 5, 6]]);
        assert_eq!(r1(lefthalf, &x).unwrap(), g(&[&[1], &[4]]));
        assert_eq!(r1(righthalf, &x).unwrap(), g(&[&[3], &[6]]));
        let y = g(&[&[1, 2, 3, 4]]);
        assert_eq!(r1(lefthalf, &y).unwrap(), g(&[&[1, 2]]));
        assert_eq!(r1(righthalf, &y).unwrap(), g(&[&[3, 4]]));
        assert_eq!(
            r2(
                hconcat,
                &r1(lefthalf, &y).unwrap(),
                &r1(righthalf, &y).unwrap()
            )
            .unwrap(),
            y
        );
    }

    #[test]
    fn halves_of_narrow_grids_are_empty_tuples() {
        let narrow = g(&[&[1], &[2]]);
        assert_eq!(r1(lefthalf, &narrow).unwrap(), empty());
        assert_eq!(r1(righthalf, &narrow).unwrap(), empty());
        assert_eq!(r1(lefthalf, &empty()).unwrap(), empty());
        assert_eq!(r1(righthalf, &no_columns(2)).unwrap(), empty());
    }

    #[test]
    fn column_halves_match_the_reference_composition() {
        let x = g(&[&[1, 2, 3, 4, 5], &[6, 7, 8, 9, 0]]);
        let t = rows(&[&[1, 2, 3, 4, 5], &[6, 7, 8, 9, 0]]);
        let turned = r1(rot90, &x).unwrap();
        let left = r1(rot270, &r1(tophalf, &turned).unwrap()).unwrap();
        let right = r1(rot270, &r1(bottomhalf, &turned).unwrap()).unwrap();
        assert_eq!(r1(lefthalf, &x).unwrap(), left);
        assert_eq!(r1(righthalf, &x).unwrap(), right);
        assert_eq!(r1(lefthalf, &t).unwrap(), left);
        assert_eq!(r1(righthalf, &t).unwrap(), right);
    }

    // --- cells and colours -----------------------------------------------

    #[test]
    fn cellwise_keeps_agreeing_cells() {
        let a = g(&[&[1, 2], &[3, 4]]);
        let b = g(&[&[1, 0], &[3, 0]]);
        assert_eq!(
            r3(cellwise, &a, &b, &int(9)).unwrap(),
            g(&[&[1, 9], &[3, 9]])
        );
        let bigger = g(&[&[1, 2, 7], &[0, 4, 7], &[7, 7, 7]]);
        assert_eq!(
            r3(cellwise, &a, &bigger, &int(0)).unwrap(),
            g(&[&[1, 2], &[0, 4]])
        );
        assert_eq!(r3(cellwise, &a, &a, &int(300)).unwrap(), a);
    }

    #[test]
    fn cellwise_refuses_a_smaller_second_grid_and_bad_fallbacks() {
        let a = g(&[&[1, 2], &[3, 4]]);
        assert!(r3(cellwise, &a, &g(&[&[1, 2]]), &int(0)).is_err());
        assert!(r3(cellwise, &a, &g(&[&[1], &[3]]), &int(0)).is_err());
        assert!(r3(cellwise, &a, &g(&[&[0, 0], &[0, 0]]), &int(300)).is_err());
        assert!(r3(cellwise, &empty(), &a, &int(0)).is_err());
        assert_eq!(
            r3(cellwise, &no_columns(2), &empty(), &int(0)).unwrap(),
            no_columns(2)
        );
    }

    #[test]
    fn replace_recolours_one_colour() {
        let x = g(&[&[1, 2], &[1, 3]]);
        assert_eq!(
            r3(replace, &x, &int(1), &int(5)).unwrap(),
            g(&[&[5, 2], &[5, 3]])
        );
        assert_eq!(r3(replace, &x, &int(7), &int(5)).unwrap(), x);
        assert_eq!(
            r3(replace, &x, &Value::Bool(true), &int(0)).unwrap(),
            g(&[&[0, 2], &[0, 3]])
        );
        assert_eq!(r3(replace, &x, &int(7), &int(300)).unwrap(), x);
        assert_eq!(r3(replace, &x, &pair(1, 1), &int(4)).unwrap(), x);
        assert!(r3(replace, &x, &int(1), &int(300)).is_err());
        assert_eq!(r3(replace, &empty(), &int(1), &int(2)).unwrap(), empty());
    }

    #[test]
    fn switch_exchanges_two_colours() {
        let x = g(&[&[1, 2, 3], &[2, 1, 0]]);
        let out = r3(switch, &x, &int(1), &int(2)).unwrap();
        assert_eq!(out, g(&[&[2, 1, 3], &[1, 2, 0]]));
        assert_eq!(r3(switch, &out, &int(2), &int(1)).unwrap(), x);
        assert_eq!(r3(switch, &x, &int(1), &int(1)).unwrap(), x);
        assert_eq!(
            r3(switch, &x, &int(1), &int(9)).unwrap(),
            g(&[&[9, 2, 3], &[2, 9, 0]])
        );
        assert_eq!(r3(switch, &empty(), &int(1), &int(2)).unwrap(), empty());
    }

    #[test]
    fn switch_checks_colours_only_when_it_writes_them() {
        let x = g(&[&[1, 2]]);
        assert_eq!(r3(switch, &x, &int(300), &int(7)).unwrap(), x);
        assert!(r3(switch, &x, &int(300), &int(2)).is_err());
        assert!(r3(switch, &x, &int(1), &int(-200)).is_err());
        assert_eq!(r3(switch, &x, &int(1), &int(-1)).unwrap(), g(&[&[-1, 2]]));
    }

    #[test]
    fn canvas_builds_a_filled_grid() {
        assert_eq!(
            r2(canvas, &int(7), &pair(2, 3)).unwrap(),
            g(&[&[7, 7, 7], &[7, 7, 7]])
        );
        assert_eq!(r2(canvas, &int(7), &pair(0, 3)).unwrap(), empty());
        assert_eq!(r2(canvas, &int(7), &pair(-2, 3)).unwrap(), empty());
        assert_eq!(r2(canvas, &int(7), &pair(3, 0)).unwrap(), no_columns(3));
        assert_eq!(r2(canvas, &int(7), &pair(2, -1)).unwrap(), no_columns(2));
        assert_eq!(r2(canvas, &int(300), &pair(0, 0)).unwrap(), empty());
    }

    #[test]
    fn canvas_refuses_bad_colours_and_huge_sizes() {
        assert!(r2(canvas, &int(300), &pair(1, 1)).is_err());
        assert!(r2(canvas, &int(1), &int(3)).is_err());
        assert_eq!(
            r2(canvas, &int(0), &pair(1_000_000_000, 1_000_000_000)),
            Err(DslError::TooLarge)
        );
        assert_eq!(
            r2(canvas, &int(0), &pair(i64::MAX, i64::MAX)),
            Err(DslError::TooLarge)
        );
        assert!(r2(canvas, &int(0), &pair(70_000, 1)).is_err());
    }

    #[test]
    fn compress_removes_the_frontiers() {
        let x = g(&[&[0, 0, 0], &[1, 2, 3], &[0, 0, 0]]);
        assert_eq!(r1(compress, &x).unwrap(), g(&[&[1, 2, 3]]));
        let y = g(&[&[1, 0, 2], &[1, 0, 3]]);
        assert_eq!(r1(compress, &y).unwrap(), g(&[&[2], &[3]]));
        let z = g(&[&[1, 5, 2], &[5, 5, 5], &[3, 5, 4]]);
        assert_eq!(r1(compress, &z).unwrap(), g(&[&[1, 2], &[3, 4]]));
        assert_eq!(r1(compress, &g(&[&[4, 4], &[4, 4]])).unwrap(), empty());
        assert_eq!(r1(compress, &empty()).unwrap(), empty());
        assert_eq!(r1(compress, &no_columns(2)).unwrap(), no_columns(2));
        assert!(r1(compress, &int(0)).is_err());
    }

    #[test]
    fn compress_of_a_single_row_removes_its_uniform_columns() {
        // In a one-row grid every column is a frontier: the row stays, empty.
        assert_eq!(r1(compress, &g(&[&[1, 2, 3]])).unwrap(), no_columns(1));
        assert_eq!(r1(compress, &g(&[&[1], &[2]])).unwrap(), empty());
    }

    // --- periods --------------------------------------------------------

    #[test]
    fn hperiod_finds_the_horizontal_repeat() {
        let o = obj(&[(1, 2, 3), (2, 2, 4), (1, 2, 5), (2, 2, 6)]);
        assert_eq!(r1(hperiod, &o).unwrap(), int(2));
        let none = obj(&[(1, 0, 0), (2, 0, 1), (3, 0, 2)]);
        assert_eq!(r1(hperiod, &none).unwrap(), int(3));
        let single = obj(&[(4, 7, 7)]);
        assert_eq!(r1(hperiod, &single).unwrap(), int(1));
        // A gap: shifting by 2 maps (0,2) onto (0,0) and leaves (0,0) out.
        let gap = obj(&[(1, 0, 0), (1, 0, 2)]);
        assert_eq!(r1(hperiod, &gap).unwrap(), int(2));
    }

    #[test]
    fn hperiod_checks_every_row() {
        let o = obj(&[(1, 0, 0), (1, 0, 1), (2, 1, 0), (3, 1, 1)]);
        assert_eq!(r1(hperiod, &o).unwrap(), int(2));
        let p = obj(&[(1, 0, 0), (1, 0, 1), (2, 1, 0), (2, 1, 1)]);
        assert_eq!(r1(hperiod, &p).unwrap(), int(1));
    }

    #[test]
    fn vperiod_finds_the_vertical_repeat() {
        let o = obj(&[(1, 3, 2), (2, 4, 2), (1, 5, 2), (2, 6, 2)]);
        assert_eq!(r1(vperiod, &o).unwrap(), int(2));
        let none = obj(&[(1, 0, 0), (2, 1, 0), (3, 2, 0)]);
        assert_eq!(r1(vperiod, &none).unwrap(), int(3));
        let wide = obj(&[(1, 0, 0), (1, 0, 5)]);
        assert_eq!(r1(vperiod, &wide).unwrap(), int(1));
    }

    #[test]
    fn periods_of_indices_work_only_without_a_period_to_try() {
        assert_eq!(r1(hperiod, &idx(&[(0, 0), (3, 0)])).unwrap(), int(1));
        assert!(r1(hperiod, &idx(&[(0, 0), (0, 1)])).is_err());
        assert_eq!(r1(vperiod, &idx(&[(0, 0), (0, 3)])).unwrap(), int(1));
        assert!(r1(vperiod, &idx(&[(0, 0), (1, 0)])).is_err());
    }

    #[test]
    fn periods_of_the_empty_set_are_0_and_of_non_patches_fail() {
        for f in [hperiod as F1, vperiod] {
            // The empty set normalises to itself, of width and height 0
            // (arc-dsl 635de49).
            assert_eq!(r1(f, &Value::empty_set()), Ok(int(0)));
            assert!(r1(f, &int(1)).is_err());
            assert!(r1(f, &sample()).is_err());
        }
    }

    #[test]
    fn a_period_of_a_wide_object_exhausts_the_budget() {
        let o = obj(&[(1, 0, 0), (2, 0, i32::MAX), (3, 0, i32::MIN)]);
        let mut ctx = Ctx::new(1_000);
        assert_eq!(hperiod(&mut ctx, &o), Err(DslError::Budget));
    }

    #[test]
    fn a_tiny_budget_stops_grid_work() {
        let x = g(&[&[1, 2, 3], &[4, 5, 6], &[7, 8, 9]]);
        let mut ctx = Ctx::new(3);
        assert_eq!(rot90(&mut ctx, &x), Err(DslError::Budget));
        let mut ctx = Ctx::new(3);
        assert_eq!(
            fill(&mut ctx, &x, &int(0), &idx(&[(0, 0)])),
            Err(DslError::Budget)
        );
    }
}

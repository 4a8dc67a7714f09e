//! The primitives the dialect added with its `(i, j, c)` cells (July 2025
//! and after; known to `batt-2025-11` cards only, see
//! [`super::version`]): cells built and taken apart, and objects as
//! tuples of cells.
//!
//! Objects as tuples (`objects_t`, `o_g_tuple`) list their objects in
//! batt's canonical order of objects and each object's cells in canonical
//! order, where the dialect lists them in the order of its flood fill over
//! a set (hash order); the same objects, in another order.

use crate::dsl::error::{Ctx, DslError, Result};
use crate::dsl::value::{Kind, Value};
use crate::dsl::{PrimDef, objects, shape};

use super::ranks;
use super::samples;
use super::version::is_2025_11;

/// Element `k` of a container (`container[k]`), or a type error.
fn nth(v: &Value, k: usize, what: &'static str) -> Result<Value> {
    if v.kind() != Kind::Tuple {
        return Err(DslError::Type(what));
    }
    v.get(k).ok_or(DslError::Value(what))
}

/// `ascell(ij, c)`: the cell `(ij[0], ij[1], c)`.
pub fn ascell(ctx: &mut Ctx, ij: &Value, c: &Value) -> Result<Value> {
    ctx.charge(1)?;
    let i = nth(ij, 0, "ascell takes a position (i, j)")?;
    let j = nth(ij, 1, "ascell takes a position (i, j)")?;
    Ok(Value::tuple(vec![i, j, c.clone()]))
}

/// `toij(c)`: the position `(c[0], c[1])` of a cell.
pub fn toij(ctx: &mut Ctx, c: &Value) -> Result<Value> {
    ctx.charge(1)?;
    let i = nth(c, 0, "toij takes a cell (i, j, c)")?;
    let j = nth(c, 1, "toij takes a cell (i, j, c)")?;
    Ok(Value::tuple(vec![i, j]))
}

/// `astriple(i, j, c)`: the triple `(i, j, c)`.
pub fn astriple(ctx: &mut Ctx, i: &Value, j: &Value, c: &Value) -> Result<Value> {
    ctx.charge(1)?;
    Ok(Value::tuple(vec![i.clone(), j.clone(), c.clone()]))
}

/// `celltuple(a, b)`: the cells `(x, y, z)` for the pairs `(x, y)` of `a`
/// and the values `z` of `b`, zipped (as long as the shorter); an element
/// of `a` that is not a pair is an error.
pub fn celltuple(ctx: &mut Ctx, a: &Value, b: &Value) -> Result<Value> {
    let xs = shape::items(ctx, a)?;
    let zs = shape::items(ctx, b)?;
    xs.iter()
        .zip(zs.iter())
        .map(|(xy, z)| {
            if xy.len() != Some(2) {
                return Err(DslError::Value("celltuple zips pairs with values"));
            }
            let x = xy.get(0).ok_or(DslError::Type("celltuple zips pairs"))?;
            let y = xy.get(1).ok_or(DslError::Type("celltuple zips pairs"))?;
            Ok(Value::tuple(vec![x, y, z.clone()]))
        })
        .collect::<Result<Vec<_>>>()
        .map(Value::tuple)
}

/// `colorfilter_t(objs, color)`: the objects (tuples of cells) whose first
/// cell has colour `color`, in order; an empty object is an error.
pub fn colorfilter_t(ctx: &mut Ctx, objs: &Value, color: &Value) -> Result<Value> {
    let items = shape::items(ctx, objs)?;
    let mut kept = Vec::new();
    for obj in items.iter() {
        let first = obj
            .get(0)
            .ok_or(DslError::Value("colorfilter_t of an empty object"))?;
        let c = first.get(2).ok_or(DslError::Type(
            "colorfilter_t takes objects of (i, j, c) cells",
        ))?;
        if c.py_eq(color) {
            kept.push(obj.clone());
        }
    }
    Ok(Value::tuple(kept))
}

/// `sizefilter_t(container, n)`: the items of `n` elements, as a tuple in
/// order; an item without a length is an error.
pub fn sizefilter_t(ctx: &mut Ctx, container: &Value, n: &Value) -> Result<Value> {
    let items = shape::items(ctx, container)?;
    let mut kept = Vec::new();
    for item in items.iter() {
        let len = item
            .len()
            .ok_or(DslError::Type("sizefilter_t takes containers"))?;
        if i64::try_from(len).is_ok_and(|len| Value::Int(len).py_eq(n)) {
            kept.push(item.clone());
        }
    }
    Ok(Value::tuple(kept))
}

/// `difference_t(a, b)`: another name of `difference_tuple`.
pub fn difference_t(ctx: &mut Ctx, a: &Value, b: &Value) -> Result<Value> {
    samples::difference_tuple(ctx, a, b)
}

/// Objects as a tuple of tuples of cells, in canonical order.
fn as_tuples(ctx: &mut Ctx, objs: &Value) -> Result<Value> {
    let items = shape::items(ctx, objs)?;
    items
        .iter()
        .map(|obj| shape::items(ctx, obj).map(|cells| Value::tuple(cells.into_owned())))
        .collect::<Result<Vec<_>>>()
        .map(Value::tuple)
}

/// `objects_t(grid, univalued, diagonal, without_bg)`: the objects of
/// `objects`, each a tuple of its cells, in a tuple; `()` for the empty
/// grid `()`.
pub fn objects_t(
    ctx: &mut Ctx,
    grid: &Value,
    univalued: &Value,
    diagonal: &Value,
    without_bg: &Value,
) -> Result<Value> {
    if matches!(grid, Value::Tuple(items) if items.is_empty()) {
        return Ok(Value::tuple(Vec::new()));
    }
    let objs = objects::objects(ctx, grid, univalued, diagonal, without_bg)?;
    as_tuples(ctx, &objs)
}

/// `objects_g(...)`: another name of `objects_t`.
pub fn objects_g(
    ctx: &mut Ctx,
    grid: &Value,
    univalued: &Value,
    diagonal: &Value,
    without_bg: &Value,
) -> Result<Value> {
    objects_t(ctx, grid, univalued, diagonal, without_bg)
}

/// `o_g_tuple(grid, type)`: another name of `o_g_t`.
pub fn o_g_tuple(ctx: &mut Ctx, grid: &Value, code: &Value) -> Result<Value> {
    ranks::o_g_t(ctx, grid, code)
}

/// `o_g_t` under `batt-2025-11`: the objects of `o_g` as tuples of cells
/// (under the other versions, a tuple of object sets).
pub(super) fn objects_as_tuples(ctx: &mut Ctx, objs: &Value) -> Result<Value> {
    if is_2025_11() {
        as_tuples(ctx, objs)
    } else {
        crate::dsl::containers::totuple(ctx, objs)
    }
}

/// `is_no_grid(x)`: false for a tuple of tuples of integers (a grid, or a
/// ragged one, or `()`), true for anything else.
pub fn is_no_grid(ctx: &mut Ctx, x: &Value) -> Result<Value> {
    if x.kind() != Kind::Tuple {
        return Ok(Value::Bool(true));
    }
    if let Value::Grid(_) = x {
        return Ok(Value::Bool(false));
    }
    let rows = shape::items(ctx, x)?;
    for row in rows.iter() {
        if row.kind() != Kind::Tuple || matches!(row, Value::Grid(_)) {
            return Ok(Value::Bool(true));
        }
        let cells = shape::items(ctx, row)?;
        if cells.iter().any(|c| c.as_int().is_none()) {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

/// The primitives of this module.
pub const PRIMS: &[PrimDef] = &[
    prim!(ascell, 2),
    prim!(toij, 1),
    prim!(astriple, 3),
    prim!(celltuple, 2),
    prim!(colorfilter_t, 2),
    prim!(sizefilter_t, 2),
    prim!(difference_t, 2),
    prim!(objects_t, 4),
    prim!(objects_g, 4),
    prim!(o_g_tuple, 2),
    prim!(is_no_grid, 1),
];

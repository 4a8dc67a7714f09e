//! Primitives on containers: tuples (grids, rows and pairs included) and
//! frozensets.
//!
//! These follow the reference DSL's duck typing: a grid is a tuple of rows,
//! a pair a tuple of two integers, and `type(container)(...)` keeps a tuple
//! a tuple and a set a set. Sets iterate in ascending canonical order, so
//! "the first element of a set" is its smallest and every tie goes to the
//! earliest element in that order. Grids, indices and objects take fast
//! paths that work on their compact forms.
//!
//! Where the reference compares arbitrary values (`max`, `min`, `sorted`),
//! batt compares them with the total order of [`Value`]; for values Python
//! can compare (numbers with numbers, tuples of such) the results agree.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::slice;

use crate::grid::Grid;

use super::PrimDef;
use super::arith::py_gt;
use super::callable::{call, call_refs, call_truthy};
use super::dialect::version::is_2025_11;
use super::error::{Ctx, DslError, Result};
use super::shape::{self, container_kind, rebuild};
use super::value::{Cell, FastSet, Idx, Kind, Value, cell_value, idx_value, row_value};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// The two numbers of a 2-tuple of numbers (a pair, or a tuple holding a boolean).
fn num_pair(v: &Value) -> Option<(i64, i64)> {
    match v {
        Value::Pair(a, b) => Some((*a, *b)),
        Value::Tuple(t) => match &t[..] {
            [a, b] => Some((a.as_int()?, b.as_int()?)),
            _ => None,
        },
        _ => None,
    }
}

/// The index a value equals, if any (only 2-tuples of numbers equal an index).
fn loose_idx(v: &Value) -> Option<Idx> {
    let (a, b) = num_pair(v)?;
    Some((i32::try_from(a).ok()?, i32::try_from(b).ok()?))
}

/// The cell a value equals, if any.
fn loose_cell(v: &Value) -> Option<Cell> {
    match v {
        Value::Tuple(t) => match &t[..] {
            [c, idx] => Some(Cell::new(i32::try_from(c.as_int()?).ok()?, loose_idx(idx)?)),
            _ => None,
        },
        _ => None,
    }
}

/// The numbers of a tuple of numbers: what a grid row can equal.
fn num_row(v: &Value) -> Option<Vec<i64>> {
    match v {
        Value::Pair(a, b) => Some(vec![*a, *b]),
        Value::Tuple(t) => t.iter().map(Value::as_int).collect(),
        _ => None,
    }
}

/// Whether a grid row equals a tuple of numbers.
fn row_eq(row: &[i8], nums: &[i64]) -> bool {
    row.len() == nums.len() && row.iter().zip(nums).all(|(&c, &n)| i64::from(c) == n)
}

/// Rows `ks` of `g` as a value: a grid when it fits batt's grid, else a
/// tuple of rows (which equals it). The caller charges the work.
fn grid_rows(g: &Grid, ks: &[usize]) -> Value {
    let mut cells = Vec::with_capacity(ks.len().saturating_mul(g.width()));
    for &k in ks {
        if let Some(row) = g.row(k) {
            cells.extend_from_slice(row);
        }
    }
    match Grid::new(ks.len(), g.width(), cells) {
        Ok(grid) => Value::grid(grid),
        Err(_) => Value::tuple(ks.iter().filter_map(|&k| g.row(k)).map(row_value).collect()),
    }
}

/// Stacks grids of one width; `None` when the result does not fit a grid.
fn stack_grids(ctx: &mut Ctx, grids: &[&Grid]) -> Result<Option<Value>> {
    let cells: usize = grids.iter().map(|g| g.cells().len()).sum();
    ctx.charge(cells)?;
    let width = grids.first().map_or(0, |g| g.width());
    let height: usize = grids.iter().map(|g| g.height()).sum();
    let mut all = Vec::with_capacity(cells);
    for g in grids {
        all.extend_from_slice(g.cells());
    }
    Ok(Grid::new(height, width, all).ok().map(Value::grid))
}

/// The length of a container, or a type error.
fn length(v: &Value) -> Result<usize> {
    v.len().ok_or(DslError::Type("expected a container"))
}

/// The elements of a container one at a time, in iteration order.
fn elements(v: &Value) -> impl Iterator<Item = Value> + '_ {
    (0..v.len().unwrap_or(0)).filter_map(|k| v.get(k))
}

/// An integer count as a value.
fn count_value(n: usize) -> Result<Value> {
    i64::try_from(n)
        .map(Value::Int)
        .map_err(|_| DslError::Value("integer overflow"))
}

/// The elements of two sorted slices that are in both (`keep_common`) or
/// only in the first (otherwise), in order.
fn sorted_walk<T: Clone>(
    a: &[T],
    b: &[T],
    cmp: impl Fn(&T, &T) -> Ordering,
    keep_common: bool,
) -> Vec<T> {
    let mut out = Vec::new();
    let mut bs = b.iter().peekable();
    for x in a {
        while bs.next_if(|y| cmp(y, x) == Ordering::Less).is_some() {}
        let common = bs.peek().is_some_and(|y| cmp(y, x) == Ordering::Equal);
        if common == keep_common {
            out.push(x.clone());
        }
    }
    out
}

/// Python's `max` (`want` is `Greater`) or `min` deciding whether `x`
/// replaces the current `best`: `x > best` or `x < best` as Python
/// compares (numbers numerically, tuples lexicographically, sets by proper
/// inclusion; other mixes are a type error).
fn beats(ctx: &mut Ctx, x: &Value, best: &Value, want: Ordering) -> Result<bool> {
    if let (Some(a), Some(b)) = (x.as_int(), best.as_int()) {
        return Ok(a.cmp(&b) == want);
    }
    if want == Ordering::Greater {
        py_gt(ctx, x, best)
    } else {
        py_gt(ctx, best, x)
    }
}

/// Python's `max`/`min` with a key: the first element whose key is the
/// most extreme (`want` is `Greater` for max), with that key.
fn best_by_key(
    ctx: &mut Ctx,
    container: &Value,
    compfunc: &Value,
    want: Ordering,
) -> Result<Option<(Value, Value)>> {
    container_kind(container)?;
    let n = length(container)?;
    ctx.charge(n)?;
    // Tuples and sets lend their elements; the elements of a compact
    // container (an object's cells, a grid's rows) are built one at a time
    // and dropped unless best, not all at once (`argmin` over every cell
    // of a grid, for every cell of its border).
    match container {
        Value::Tuple(items) | Value::Set(items) => {
            best_of(ctx, items.iter().map(Cow::Borrowed), compfunc, want)
        }
        _ => best_of(ctx, elements(container).map(Cow::Owned), compfunc, want),
    }
}

/// [`best_by_key`] over `items`.
fn best_of<'a>(
    ctx: &mut Ctx,
    items: impl Iterator<Item = Cow<'a, Value>>,
    compfunc: &Value,
    want: Ordering,
) -> Result<Option<(Value, Value)>> {
    let mut best: Option<(Cow<'a, Value>, Value)> = None;
    for e in items {
        // The key is compared where the call wrote it, and moved only
        // when it is the best so far.
        let key = call_refs(ctx, compfunc, &[&*e]);
        let better = match (&key, &best) {
            (Err(error), _) => return Err(*error),
            (Ok(_), None) => true,
            (Ok(key), Some((_, k))) => beats(ctx, key, k, want)?,
        };
        if better && let Ok(key) = key {
            best = Some((e, key));
        }
    }
    Ok(best.map(|(e, key)| (e.into_owned(), key)))
}

/// `max(container, default=0)` / `min(...)`: `want` is `Greater` for max.
fn extreme(ctx: &mut Ctx, container: &Value, want: Ordering) -> Result<Value> {
    let n = length(container)?;
    ctx.charge(n)?;
    if n == 0 {
        return Ok(Value::Int(0));
    }
    // Sorted sets of numbers, indices or cells, where Python's order is the
    // canonical one: the extremes are at the ends.
    let totally_ordered = match container {
        Value::Indices(_) | Value::Object(_) => true,
        Value::Set(items) => items.iter().all(|v| v.kind() == Kind::Number),
        _ => false,
    };
    if totally_ordered {
        let k = if want == Ordering::Greater { n - 1 } else { 0 };
        return container.get(k).ok_or(DslError::Value("empty container"));
    }
    if let Value::Grid(g) = container {
        let mut rows = g.rows();
        let first = rows.next().unwrap_or(&[]);
        let best = rows.fold(first, |b, r| if r.cmp(b) == want { r } else { b });
        return Ok(row_value(best));
    }
    let mut it = elements(container);
    let mut best = it.next().ok_or(DslError::Value("empty container"))?;
    for e in it {
        if beats(ctx, &e, &best, want)? {
            best = e;
        }
    }
    Ok(best)
}

/// `max(set(container), key=container.count)` (`most`) or its `min`: ties
/// go to the smallest element.
fn by_count(ctx: &mut Ctx, container: &Value, most: bool) -> Result<Value> {
    let better = |count: usize, best: usize| if most { count > best } else { count < best };
    match container {
        Value::Grid(g) => {
            ctx.charge(g.cells().len())?;
            let mut rows: Vec<&[i8]> = g.rows().collect();
            rows.sort();
            let mut best: Option<(&[i8], usize)> = None;
            for run in rows.chunk_by(|a, b| a == b) {
                if best.is_none_or(|(_, n)| better(run.len(), n)) {
                    best = run.first().map(|&r| (r, run.len()));
                }
            }
            best.map(|(r, _)| row_value(r))
                .ok_or(DslError::Value("empty container"))
        }
        Value::Pair(..) | Value::Tuple(_) => {
            let items = shape::items(ctx, container)?;
            let mut sorted: Vec<&Value> = items.iter().collect();
            // Stable: the first of each run of equal elements is its first occurrence.
            sorted.sort_by(|a, b| a.total_cmp(b));
            let mut best: Option<(&Value, usize)> = None;
            for run in sorted.chunk_by(|a, b| a.py_eq(b)) {
                if best.is_none_or(|(_, n)| better(run.len(), n)) {
                    best = run.first().map(|&e| (e, run.len()));
                }
            }
            best.map(|(e, _)| e.clone())
                .ok_or(DslError::Value("empty container"))
        }
        Value::Indices(_) | Value::Object(_) | Value::Set(_) => {
            Err(DslError::Type("a frozenset has no count"))
        }
        _ => Err(DslError::Type("expected a tuple")),
    }
}

// ---------------------------------------------------------------------------
// Primitives
// ---------------------------------------------------------------------------

/// `contained(value, container)`: whether `value` is an element of `container`.
pub fn contained(ctx: &mut Ctx, value: &Value, container: &Value) -> Result<Value> {
    let found = match container {
        Value::Indices(xs) => {
            ctx.charge(1)?;
            loose_idx(value).is_some_and(|i| xs.binary_search(&i).is_ok())
        }
        Value::Object(xs) => {
            ctx.charge(1)?;
            loose_cell(value).is_some_and(|c| xs.binary_search(&c).is_ok())
        }
        Value::Set(xs) => {
            ctx.charge(1)?;
            xs.binary_search_by(|e| e.total_cmp(value)).is_ok()
        }
        Value::Grid(g) => {
            ctx.charge(g.cells().len())?;
            num_row(value).is_some_and(|r| g.rows().any(|row| row_eq(row, &r)))
        }
        Value::Pair(a, b) => value.as_int().is_some_and(|n| n == *a || n == *b),
        Value::Tuple(xs) => {
            ctx.charge(xs.len())?;
            xs.iter().any(|e| e.py_eq(value))
        }
        _ => return Err(DslError::Type("`in` needs a container")),
    };
    Ok(Value::Bool(found))
}

/// `combine(a, b)`: the elements of `a` then `b`, in a container of `a`'s kind.
pub fn combine(ctx: &mut Ctx, a: &Value, b: &Value) -> Result<Value> {
    let kind = container_kind(a)?;
    let kind_b = container_kind(b)?;
    match (a, b) {
        (Value::Grid(x), Value::Grid(y)) if x.width() == y.width() => {
            if let Some(v) = stack_grids(ctx, &[x, y])? {
                return Ok(v);
            }
        }
        (Value::Indices(x), Value::Indices(y)) => {
            ctx.charge(x.len().saturating_add(y.len()))?;
            return Ok(Value::indices([&x[..], &y[..]].concat()));
        }
        (Value::Object(x), Value::Object(y)) => {
            ctx.charge(x.len().saturating_add(y.len()))?;
            return Ok(Value::object([&x[..], &y[..]].concat()));
        }
        _ => {}
    }
    // `a` and `b` are canonical: combining with an empty container of the
    // same kind gives the other one.
    if b.is_empty() {
        return Ok(a.clone());
    }
    if a.is_empty() && kind == kind_b {
        return Ok(b.clone());
    }
    let mut all = shape::items(ctx, a)?.into_owned();
    all.extend_from_slice(&shape::items(ctx, b)?);
    Ok(rebuild(kind, all))
}

/// `intersection(a, b)`: `a & b`, the elements in both sets (bitwise and of integers).
pub fn intersection(ctx: &mut Ctx, a: &Value, b: &Value) -> Result<Value> {
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        return Ok(match (a, b) {
            (Value::Bool(p), Value::Bool(q)) => Value::Bool(*p && *q),
            _ => Value::Int(x & y),
        });
    }
    if a.kind() != Kind::Set || b.kind() != Kind::Set {
        return Err(DslError::Type("intersection needs two frozensets"));
    }
    ctx.charge(length(a)?.saturating_add(length(b)?))?;
    Ok(match (a, b) {
        (Value::Indices(x), Value::Indices(y)) => Value::indices(sorted_walk(x, y, Ord::cmp, true)),
        (Value::Object(x), Value::Object(y)) => Value::object(sorted_walk(x, y, Ord::cmp, true)),
        (Value::Indices(_), Value::Object(_)) | (Value::Object(_), Value::Indices(_)) => {
            Value::empty_set()
        }
        _ => {
            let (x, y) = (shape::items(ctx, a)?, shape::items(ctx, b)?);
            shape::rebuild_kept(Kind::Set, a, sorted_walk(&x, &y, Value::total_cmp, true))
        }
    })
}

/// `difference(a, b)`: the elements of `a` that are not in `b`, in a
/// container of `a`'s kind (a tuple keeps its order and its repeats).
pub fn difference(ctx: &mut Ctx, a: &Value, b: &Value) -> Result<Value> {
    let kind = container_kind(a)?;
    // Nothing is looked up in `b` when `a` is empty.
    if a.is_empty() {
        ctx.charge(1)?;
        return Ok(a.clone());
    }
    container_kind(b)?;
    ctx.charge(length(a)?.saturating_add(length(b)?))?;
    match (a, b) {
        (Value::Indices(x), Value::Indices(y)) => {
            return Ok(Value::indices(sorted_walk(x, y, Ord::cmp, false)));
        }
        (Value::Object(x), Value::Object(y)) => {
            return Ok(Value::object(sorted_walk(x, y, Ord::cmp, false)));
        }
        // No index equals a cell.
        (Value::Indices(_), Value::Object(_)) | (Value::Object(_), Value::Indices(_)) => {
            return Ok(a.clone());
        }
        _ if b.is_empty() => return Ok(a.clone()),
        _ if kind == Kind::Set && b.kind() == Kind::Set => {
            let (x, y) = (shape::items(ctx, a)?, shape::items(ctx, b)?);
            let kept = sorted_walk(&x, &y, Value::total_cmp, false);
            return Ok(shape::rebuild_kept(Kind::Set, a, kept));
        }
        _ => {}
    }
    // `e not in b` for each element (hashing agrees with Python's equality).
    let items = shape::items(ctx, a)?;
    let excluded: FastSet<Value> = shape::items(ctx, b)?.iter().cloned().collect();
    let kept: Vec<usize> = (0..items.len())
        .filter(|&k| !excluded.contains(&items[k]))
        .collect();
    if let Value::Grid(g) = a {
        return Ok(grid_rows(g, &kept));
    }
    let kept = kept
        .into_iter()
        .filter_map(|k| items.get(k).cloned())
        .collect();
    Ok(shape::rebuild_kept(kind, a, kept))
}

/// `dedupe(tup)`: the first occurrence of each element of a tuple, in order.
pub fn dedupe(ctx: &mut Ctx, tup: &Value) -> Result<Value> {
    match tup {
        Value::Grid(g) => {
            ctx.charge(g.cells().len())?;
            let mut seen = FastSet::default();
            let ks: Vec<usize> = g
                .rows()
                .enumerate()
                .filter(|&(_, r)| seen.insert(r))
                .map(|(k, _)| k)
                .collect();
            Ok(grid_rows(g, &ks))
        }
        Value::Pair(a, b) if a == b => Ok(Value::tuple(vec![Value::Int(*a)])),
        Value::Pair(..) => Ok(tup.clone()),
        Value::Tuple(xs) => {
            ctx.charge(xs.len())?;
            let mut seen = FastSet::default();
            let kept = xs.iter().filter(|e| seen.insert(*e)).cloned().collect();
            Ok(Value::tuple(kept))
        }
        _ => Err(DslError::Type("dedupe needs a tuple")),
    }
}

/// `order(container, compfunc)`: the elements sorted stably by `compfunc`, as a tuple.
pub fn order(ctx: &mut Ctx, container: &Value, compfunc: &Value) -> Result<Value> {
    container_kind(container)?;
    let items = shape::items(ctx, container)?;
    let mut keyed = Vec::with_capacity(items.len());
    for (k, e) in items.iter().enumerate() {
        keyed.push((call(ctx, compfunc, slice::from_ref(e))?, k));
    }
    ctx.charge(keyed.len())?;
    // `sort_by` is stable, as Python's `sorted` is.
    keyed.sort_by(|(x, _), (y, _)| x.total_cmp(y));
    let ks: Vec<usize> = keyed.into_iter().map(|(_, k)| k).collect();
    if let Value::Grid(g) = container {
        return Ok(grid_rows(g, &ks));
    }
    Ok(Value::tuple(
        ks.iter().filter_map(|&k| items.get(k).cloned()).collect(),
    ))
}

/// `repeat(item, num)`: a tuple of `num` copies of `item` (empty when `num <= 0`).
pub fn repeat(ctx: &mut Ctx, item: &Value, num: &Value) -> Result<Value> {
    let n = num.int("repeat takes an integer count")?;
    let n = if n <= 0 {
        0
    } else {
        usize::try_from(n).unwrap_or(usize::MAX)
    };
    ctx.charge(n)?;
    Ok(Value::tuple(vec![item.clone(); n]))
}

/// `size(container)`: the number of elements (a grid's rows).
pub fn size(ctx: &mut Ctx, container: &Value) -> Result<Value> {
    ctx.charge(1)?;
    count_value(length(container)?)
}

/// `merge(containers)`: the elements of the inner containers in one container of the outer kind.
pub fn merge(ctx: &mut Ctx, containers: &Value) -> Result<Value> {
    // Fast path: a tuple of grids of one width stacks into one grid.
    if let Value::Tuple(xs) = containers {
        let grids: Vec<&Grid> = xs
            .iter()
            .map_while(|x| match x {
                Value::Grid(g) => Some(g),
                _ => None,
            })
            .collect();
        let width = grids.first().map(|g| g.width());
        if grids.len() == xs.len()
            && grids.iter().all(|g| Some(g.width()) == width)
            && let Some(v) = stack_grids(ctx, &grids)?
        {
            return Ok(v);
        }
    }
    shape::merge(ctx, containers)
}

/// `maximum(container)`: the largest element, or 0 for an empty container.
pub fn maximum(ctx: &mut Ctx, container: &Value) -> Result<Value> {
    extreme(ctx, container, Ordering::Greater)
}

/// `minimum(container)`: the smallest element, or 0 for an empty container.
pub fn minimum(ctx: &mut Ctx, container: &Value) -> Result<Value> {
    extreme(ctx, container, Ordering::Less)
}

/// `valmax(container, compfunc)`: the largest key `compfunc(e)` (`compfunc(0)` when empty).
pub fn valmax(ctx: &mut Ctx, container: &Value, compfunc: &Value) -> Result<Value> {
    match best_by_key(ctx, container, compfunc, Ordering::Greater)? {
        Some((_, key)) => Ok(key),
        None => call(ctx, compfunc, &[Value::Int(0)]),
    }
}

/// `valmin(container, compfunc)`: the smallest key `compfunc(e)` (`compfunc(0)` when empty).
pub fn valmin(ctx: &mut Ctx, container: &Value, compfunc: &Value) -> Result<Value> {
    match best_by_key(ctx, container, compfunc, Ordering::Less)? {
        Some((_, key)) => Ok(key),
        None => call(ctx, compfunc, &[Value::Int(0)]),
    }
}

/// `argmax(container, compfunc)`: the first element with the largest key.
pub fn argmax(ctx: &mut Ctx, container: &Value, compfunc: &Value) -> Result<Value> {
    best_by_key(ctx, container, compfunc, Ordering::Greater)?
        .map(|(e, _)| e)
        .ok_or(DslError::Value("argmax of an empty container"))
}

/// `argmin(container, compfunc)`: the first element with the smallest key.
pub fn argmin(ctx: &mut Ctx, container: &Value, compfunc: &Value) -> Result<Value> {
    best_by_key(ctx, container, compfunc, Ordering::Less)?
        .map(|(e, _)| e)
        .ok_or(DslError::Value("argmin of an empty container"))
}

/// `mostcommon(container)`: the most frequent element of a tuple (ties: the smallest).
pub fn mostcommon(ctx: &mut Ctx, container: &Value) -> Result<Value> {
    by_count(ctx, container, true)
}

/// `leastcommon(container)`: the least frequent element of a tuple (ties: the smallest).
pub fn leastcommon(ctx: &mut Ctx, container: &Value) -> Result<Value> {
    by_count(ctx, container, false)
}

/// `initset(value)`: the set `{value}`.
pub fn initset(ctx: &mut Ctx, value: &Value) -> Result<Value> {
    ctx.charge(1)?;
    Ok(Value::singleton(value.clone()))
}

/// `sfilter(container, condition)`: the elements satisfying `condition`, keeping the kind.
pub fn sfilter(ctx: &mut Ctx, container: &Value, condition: &Value) -> Result<Value> {
    match container {
        Value::Indices(xs) => {
            ctx.charge(xs.len())?;
            let mut kept = Vec::new();
            for &i in xs.iter() {
                if call_truthy(ctx, condition, &[&idx_value(i)])? {
                    kept.push(i);
                }
            }
            Ok(Value::indices(kept))
        }
        Value::Object(xs) => {
            ctx.charge(xs.len())?;
            let mut kept = Vec::new();
            for &c in xs.iter() {
                if call_truthy(ctx, condition, &[&cell_value(c)])? {
                    kept.push(c);
                }
            }
            Ok(Value::object(kept))
        }
        Value::Grid(g) => {
            ctx.charge(g.cells().len())?;
            let mut ks = Vec::new();
            for (k, row) in g.rows().enumerate() {
                if call_truthy(ctx, condition, &[&row_value(row)])? {
                    ks.push(k);
                }
            }
            Ok(grid_rows(g, &ks))
        }
        _ => {
            let kind = container_kind(container)?;
            let items = shape::items(ctx, container)?;
            let mut kept = Vec::new();
            for e in items.iter() {
                if call_truthy(ctx, condition, &[e])? {
                    kept.push(e.clone());
                }
            }
            Ok(shape::rebuild_kept(kind, container, kept))
        }
    }
}

/// `mfilter(container, function)`: `merge(sfilter(container, function))`.
pub fn mfilter(ctx: &mut Ctx, container: &Value, function: &Value) -> Result<Value> {
    let kept = sfilter(ctx, container, function)?;
    merge(ctx, &kept)
}

/// `extract(container, condition)`: the first element satisfying `condition`
/// (none is an error; `frozenset()` under `batt-2025-11`).
pub fn extract(ctx: &mut Ctx, container: &Value, condition: &Value) -> Result<Value> {
    container_kind(container)?;
    for e in elements(container) {
        ctx.charge(1)?;
        if call_truthy(ctx, condition, &[&e])? {
            return Ok(e);
        }
    }
    if is_2025_11() {
        return Ok(Value::empty_set());
    }
    Err(DslError::Value("no element satisfies the condition"))
}

/// `totuple(container)`: the elements as a tuple, in iteration order.
pub fn totuple(ctx: &mut Ctx, container: &Value) -> Result<Value> {
    match container_kind(container)? {
        Kind::Tuple => Ok(container.clone()),
        _ => Ok(Value::tuple(shape::items(ctx, container)?.into_owned())),
    }
}

/// `first(container)`: the first element (a set's smallest, a grid's top row).
pub fn first(ctx: &mut Ctx, container: &Value) -> Result<Value> {
    ctx.charge(1)?;
    container_kind(container)?;
    container
        .get(0)
        .ok_or(DslError::Value("first of an empty container"))
}

/// `last(container)`: the last element (a set's largest, a grid's bottom row;
/// of an empty container an error, `()` under `batt-2025-11`).
pub fn last(ctx: &mut Ctx, container: &Value) -> Result<Value> {
    ctx.charge(1)?;
    container_kind(container)?;
    length(container)?
        .checked_sub(1)
        .and_then(|k| container.get(k))
        .or_else(|| is_2025_11().then(Value::empty_tuple))
        .ok_or(DslError::Value("last of an empty container"))
}

/// `insert(value, container)`: the set `container` with `value` added.
pub fn insert(ctx: &mut Ctx, value: &Value, container: &Value) -> Result<Value> {
    ctx.charge(1)?;
    // An element already there (in any representation) leaves the set as it is.
    match container {
        Value::Indices(xs) => {
            if loose_idx(value).is_some_and(|i| xs.binary_search(&i).is_ok()) {
                return Ok(container.clone());
            }
            if let Some(i) = value.as_idx() {
                ctx.charge(xs.len())?;
                return Ok(Value::indices([&xs[..], &[i]].concat()));
            }
        }
        Value::Object(xs) => {
            if loose_cell(value).is_some_and(|c| xs.binary_search(&c).is_ok()) {
                return Ok(container.clone());
            }
            if let Some(c) = value.as_cell() {
                ctx.charge(xs.len())?;
                return Ok(Value::object([&xs[..], &[c]].concat()));
            }
        }
        _ => {}
    }
    if container.kind() != Kind::Set {
        return Err(DslError::Type("insert needs a frozenset"));
    }
    let mut items = shape::items(ctx, container)?.into_owned();
    items.push(value.clone());
    Ok(Value::set(items))
}

/// `remove(value, container)`: the elements not equal to `value`, keeping the kind.
pub fn remove(ctx: &mut Ctx, value: &Value, container: &Value) -> Result<Value> {
    match container {
        Value::Indices(xs) => {
            ctx.charge(xs.len())?;
            Ok(match loose_idx(value) {
                Some(i) if xs.binary_search(&i).is_ok() => {
                    Value::indices(xs.iter().copied().filter(|&x| x != i).collect())
                }
                _ => container.clone(),
            })
        }
        Value::Object(xs) => {
            ctx.charge(xs.len())?;
            Ok(match loose_cell(value) {
                Some(c) if xs.binary_search(&c).is_ok() => {
                    Value::object(xs.iter().copied().filter(|&x| x != c).collect())
                }
                _ => container.clone(),
            })
        }
        Value::Grid(g) => {
            ctx.charge(g.cells().len())?;
            Ok(match num_row(value) {
                Some(r) => {
                    let ks: Vec<usize> = g
                        .rows()
                        .enumerate()
                        .filter(|&(_, row)| !row_eq(row, &r))
                        .map(|(k, _)| k)
                        .collect();
                    grid_rows(g, &ks)
                }
                None => container.clone(),
            })
        }
        _ => {
            let kind = container_kind(container)?;
            let items = shape::items(ctx, container)?;
            let kept = items.iter().filter(|e| !e.py_eq(value)).cloned().collect();
            Ok(shape::rebuild_kept(kind, container, kept))
        }
    }
}

/// `other(container, value)`: the first element not equal to `value`.
pub fn other(ctx: &mut Ctx, container: &Value, value: &Value) -> Result<Value> {
    let rest = remove(ctx, value, container)?;
    first(ctx, &rest)
}

/// `interval(start, stop, step)`: `tuple(range(start, stop, step))`.
pub fn interval(ctx: &mut Ctx, start: &Value, stop: &Value, step: &Value) -> Result<Value> {
    let a = i128::from(start.int("interval takes integers")?);
    let b = i128::from(stop.int("interval takes integers")?);
    let s = i128::from(step.int("interval takes integers")?);
    // Every quantity below is bounded by about 2^65: no i128 overflow.
    let len = match s.cmp(&0) {
        Ordering::Equal => return Err(DslError::Value("interval step must not be zero")),
        Ordering::Greater if b > a => (b - a + s - 1) / s,
        Ordering::Less if a > b => (a - b - s - 1) / -s,
        _ => 0,
    };
    ctx.charge(usize::try_from(len).unwrap_or(usize::MAX))?;
    (0..len)
        .map(|k| {
            i64::try_from(a + k * s)
                .map(Value::Int)
                .map_err(|_| DslError::Value("integer overflow"))
        })
        .collect::<Result<Vec<_>>>()
        .map(Value::tuple)
}

/// The elements of a container when they are all integers that fit an index.
fn small_ints(v: &Value) -> Option<Vec<i32>> {
    match v {
        Value::Pair(a, b) => Some(vec![i32::try_from(*a).ok()?, i32::try_from(*b).ok()?]),
        Value::Tuple(xs) | Value::Set(xs) => xs
            .iter()
            .map(|x| match x {
                Value::Int(n) => i32::try_from(*n).ok(),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

/// `product(a, b)`: the set of pairs `(i, j)` with `i` in `a` and `j` in `b`.
pub fn product(ctx: &mut Ctx, a: &Value, b: &Value) -> Result<Value> {
    let (n, m) = (length(a)?, length(b)?);
    let both_sets = container_kind(a)? == Kind::Set && container_kind(b)? == Kind::Set;
    ctx.charge(n.saturating_mul(m))?;
    if let (Some(xs), Some(ys)) = (small_ints(a), small_ints(b)) {
        let mut out = Vec::with_capacity(n.saturating_mul(m));
        for &j in &ys {
            out.extend(xs.iter().map(|&i| (i, j)));
        }
        return Ok(Value::indices(out));
    }
    let (xs, ys) = (shape::items(ctx, a)?, shape::items(ctx, b)?);
    let mut out = Vec::with_capacity(n.saturating_mul(m));
    // Pairs built in lexicographic order of sorted sets come out in the
    // canonical order, strictly increasing: a product of two sets needs no
    // sort nor check (a product is the largest set ARC programs build);
    // tuples may be in any order, and `Value::set` sorts them.
    for i in xs.iter() {
        out.extend(ys.iter().map(|j| Value::two(i.clone(), j.clone())));
    }
    Ok(if both_sets {
        Value::set_in_order(out)
    } else {
        Value::set(out)
    })
}

/// `pair(a, b)`: `tuple(zip(a, b))`, stopping at the shorter container.
pub fn pair(ctx: &mut Ctx, a: &Value, b: &Value) -> Result<Value> {
    let n = length(a)?.min(length(b)?);
    container_kind(a)?;
    container_kind(b)?;
    ctx.charge(n)?;
    Ok(Value::tuple(
        elements(a)
            .zip(elements(b))
            .map(|(x, y)| Value::two(x, y))
            .collect(),
    ))
}

/// `sizefilter(container, n)`: the set of elements whose length is `n`.
pub fn sizefilter(ctx: &mut Ctx, container: &Value, n: &Value) -> Result<Value> {
    container_kind(container)?;
    let target = n.as_int();
    let wanted = |len: usize| target.is_some_and(|t| i64::try_from(len) == Ok(t));
    match container {
        // Elements of indices and objects are 2-tuples; the set of them is the container.
        Value::Indices(_) | Value::Object(_) => Ok(if wanted(2) {
            container.clone()
        } else {
            Value::empty_set()
        }),
        Value::Grid(g) => {
            ctx.charge(g.cells().len())?;
            Ok(if wanted(g.width()) {
                Value::set(g.rows().map(row_value).collect())
            } else {
                Value::empty_set()
            })
        }
        _ => {
            let items = shape::items(ctx, container)?;
            let mut kept = Vec::new();
            for e in items.iter() {
                let len = e.len().ok_or(DslError::Type("an element has no length"))?;
                if wanted(len) {
                    kept.push(e.clone());
                }
            }
            Ok(shape::rebuild_kept(Kind::Set, container, kept))
        }
    }
}

/// The primitives of this module.
pub(super) const PRIMS: &[PrimDef] = &[
    prim!(contained, 2),
    prim!(combine, 2),
    prim!(intersection, 2),
    prim!(difference, 2),
    prim!(dedupe, 1),
    prim!(order, 2),
    prim!(repeat, 2),
    prim!(size, 1),
    prim!(merge, 1),
    prim!(maximum, 1),
    prim!(minimum, 1),
    prim!(valmax, 2),
    prim!(valmin, 2),
    prim!(argmax, 2),
    prim!(argmin, 2),
    prim!(mostcommon, 1),
    prim!(leastcommon, 1),
    prim!(initset, 1),
    prim!(sfilter, 2),
    prim!(mfilter, 2),
    prim!(extract, 2),
    prim!(totuple, 1),
    prim!(first, 1),
    prim!(last, 1),
    prim!(insert, 2),
    prim!(remove, 2),
    prim!(other, 2),
    prim!(interval, 3),
    prim!(product, 2),
    prim!(pair, 2),
    prim!(sizefilter, 2),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dsl::callable::{compose, matcher, rbind};
    use crate::dsl::testkit::*;

    /// `x -> x in set`.
    fn member_of(set: Value) -> Value {
        rbind(&mut c(), &f("contained"), &set).unwrap()
    }

    /// `x -> fname(x) == target`.
    fn matches(fname: &str, target: Value) -> Value {
        matcher(&mut c(), &f(fname), &target).unwrap()
    }

    // contained

    #[test]
    fn contained_finds_elements_of_tuples_and_sets() {
        assert_eq!(
            contained(&mut c(), &int(2), &ints(&[1, 2, 3])),
            Ok(Value::Bool(true))
        );
        assert_eq!(
            contained(&mut c(), &int(4), &ints(&[1, 2, 3])),
            Ok(Value::Bool(false))
        );
        assert_eq!(
            contained(&mut c(), &int(3), &iset(&[1, 3])),
            Ok(Value::Bool(true))
        );
        assert_eq!(
            contained(&mut c(), &int(2), &iset(&[1, 3])),
            Ok(Value::Bool(false))
        );
        assert_eq!(
            contained(&mut c(), &int(1), &Value::empty_set()),
            Ok(Value::Bool(false))
        );
        let mixed = Value::set(vec![ints(&[1, 2]), int(3)]);
        assert_eq!(
            contained(&mut c(), &Value::Pair(1, 2), &mixed),
            Ok(Value::Bool(true))
        );
    }

    #[test]
    fn contained_looks_through_representations() {
        let ix = idx(&[(0, 1), (2, 2)]);
        assert_eq!(
            contained(&mut c(), &Value::Pair(0, 1), &ix),
            Ok(Value::Bool(true))
        );
        let bool_pair = tup(vec![Value::Bool(false), int(1)]);
        assert_eq!(contained(&mut c(), &bool_pair, &ix), Ok(Value::Bool(true)));
        assert_eq!(contained(&mut c(), &int(0), &ix), Ok(Value::Bool(false)));
        let o = obj(&[(3, (0, 0))]);
        assert_eq!(
            contained(&mut c(), &cell(3, 0, 0), &o),
            Ok(Value::Bool(true))
        );
        assert_eq!(
            contained(&mut c(), &Value::Pair(0, 0), &o),
            Ok(Value::Bool(false))
        );
        let g = grid(&[&[1, 2], &[3, 4]]);
        assert_eq!(
            contained(&mut c(), &Value::Pair(3, 4), &g),
            Ok(Value::Bool(true))
        );
        assert_eq!(contained(&mut c(), &int(1), &g), Ok(Value::Bool(false)));
        assert_eq!(
            contained(&mut c(), &Value::Bool(true), &Value::Pair(1, 5)),
            Ok(Value::Bool(true))
        );
    }

    #[test]
    fn contained_in_a_non_container_is_a_type_error() {
        assert!(contained(&mut c(), &int(1), &int(3)).is_err());
        assert!(contained(&mut c(), &int(1), &Value::None).is_err());
        assert!(contained(&mut c(), &int(1), &f("size")).is_err());
    }

    // combine

    #[test]
    fn combine_keeps_the_kind_of_the_first_argument() {
        assert_eq!(
            combine(&mut c(), &ints(&[1, 2]), &iset(&[3])),
            Ok(ints(&[1, 2, 3]))
        );
        assert_eq!(
            combine(&mut c(), &iset(&[3]), &ints(&[1, 2])),
            Ok(iset(&[1, 2, 3]))
        );
        assert_eq!(
            combine(&mut c(), &Value::Pair(1, 2), &Value::Pair(3, 4)),
            Ok(ints(&[1, 2, 3, 4]))
        );
        assert_eq!(
            combine(&mut c(), &ints(&[1]), &ints(&[1])),
            Ok(Value::Pair(1, 1))
        );
        assert_eq!(combine(&mut c(), &iset(&[1]), &ints(&[1])), Ok(iset(&[1])));
        assert_eq!(
            combine(&mut c(), &Value::empty_tuple(), &idx(&[(1, 1), (0, 0)])),
            Ok(tup(vec![Value::Pair(0, 0), Value::Pair(1, 1)]))
        );
    }

    #[test]
    fn combining_grids_of_equal_width_stacks_them() {
        let v = combine(&mut c(), &grid(&[&[1, 2]]), &grid(&[&[3, 4]])).unwrap();
        assert!(matches!(v, Value::Grid(_)));
        assert_eq!(v, grid(&[&[1, 2], &[3, 4]]));
        let v = combine(&mut c(), &grid(&[&[1, 2]]), &grid(&[&[3]])).unwrap();
        assert!(!matches!(v, Value::Grid(_)));
        assert_eq!(v, tup(vec![Value::Pair(1, 2), ints(&[3])]));
        assert_eq!(
            combine(&mut c(), &grid(&[&[5]]), &Value::empty_tuple()),
            Ok(grid(&[&[5]]))
        );
    }

    #[test]
    fn combining_compact_sets_is_their_union() {
        let a = idx(&[(0, 0)]);
        let b = idx(&[(0, 0), (1, 1)]);
        assert_eq!(combine(&mut c(), &a, &b), Ok(idx(&[(0, 0), (1, 1)])));
        let o = combine(&mut c(), &obj(&[(1, (0, 0))]), &obj(&[(2, (0, 0))])).unwrap();
        assert_eq!(o, obj(&[(1, (0, 0)), (2, (0, 0))]));
        assert_eq!(combine(&mut c(), &Value::empty_set(), &b), Ok(b.clone()));
        let mixed = combine(&mut c(), &a, &obj(&[(1, (0, 0))])).unwrap();
        assert_eq!(mixed.len(), Some(2));
        assert_eq!(mixed.kind(), Kind::Set);
    }

    #[test]
    fn combine_with_a_non_container_is_a_type_error() {
        assert!(combine(&mut c(), &int(1), &ints(&[1])).is_err());
        assert!(combine(&mut c(), &ints(&[1]), &int(1)).is_err());
        assert!(combine(&mut c(), &Value::None, &Value::None).is_err());
    }

    // intersection, difference

    #[test]
    fn intersection_and_difference_of_sets() {
        let (a, b) = (iset(&[1, 2, 3]), iset(&[2, 3, 4]));
        assert_eq!(intersection(&mut c(), &a, &b), Ok(iset(&[2, 3])));
        assert_eq!(difference(&mut c(), &a, &b), Ok(iset(&[1])));
        assert_eq!(difference(&mut c(), &a, &a), Ok(Value::empty_set()));
        let (x, y) = (idx(&[(0, 0), (1, 1)]), idx(&[(1, 1), (2, 2)]));
        assert_eq!(intersection(&mut c(), &x, &y), Ok(idx(&[(1, 1)])));
        assert_eq!(difference(&mut c(), &x, &y), Ok(idx(&[(0, 0)])));
        let (p, q) = (obj(&[(1, (0, 0)), (2, (0, 0))]), obj(&[(2, (0, 0))]));
        assert_eq!(intersection(&mut c(), &p, &q), Ok(q.clone()));
        assert_eq!(difference(&mut c(), &p, &q), Ok(obj(&[(1, (0, 0))])));
    }

    #[test]
    fn intersection_looks_through_representations() {
        let x = idx(&[(0, 0)]);
        let o = obj(&[(0, (0, 0))]);
        assert_eq!(intersection(&mut c(), &x, &o), Ok(Value::empty_set()));
        assert_eq!(difference(&mut c(), &o, &x), Ok(o.clone()));
        let mixed = Value::set(vec![int(1), Value::Pair(0, 0)]);
        assert_eq!(intersection(&mut c(), &mixed, &x), Ok(x.clone()));
        assert_eq!(difference(&mut c(), &mixed, &x), Ok(iset(&[1])));
        assert_eq!(difference(&mut c(), &x, &Value::empty_set()), Ok(x.clone()));
    }

    #[test]
    fn intersection_of_tuples_is_a_type_error() {
        assert!(intersection(&mut c(), &ints(&[1, 2]), &iset(&[1])).is_err());
        assert!(intersection(&mut c(), &iset(&[1]), &ints(&[1, 2])).is_err());
    }

    // Expected values from the reference dsl.py at michaelhodel/arc-dsl
    // 635de49 (`type(a)(e for e in a if e not in b)`), as in
    // tests/fixtures/reference/dsl_calls.json.
    #[test]
    fn difference_keeps_the_first_containers_kind_and_order() {
        assert_eq!(
            difference(&mut c(), &iset(&[1, 2]), &ints(&[1])),
            Ok(iset(&[2]))
        );
        let t = ints(&[3, 1, 2, 1, 0]);
        assert_eq!(
            difference(&mut c(), &t, &iset(&[2, 5])),
            Ok(ints(&[3, 1, 1, 0]))
        );
        assert_eq!(difference(&mut c(), &t, &ints(&[1, 0])), Ok(ints(&[3, 2])));
        // A pair is a tuple of two integers; `True` is in a set holding 1.
        assert_eq!(
            difference(&mut c(), &Value::Pair(1, 2), &Value::Pair(1, 2)),
            Ok(tup(vec![]))
        );
        assert_eq!(
            difference(&mut c(), &Value::Pair(1, 2), &ints(&[2])),
            Ok(ints(&[1]))
        );
        let bools = tup(vec![Value::Bool(true), int(0), int(2)]);
        assert_eq!(difference(&mut c(), &bools, &iset(&[1])), Ok(ints(&[0, 2])));
        // A grid's elements are its rows.
        let g = grid(&[&[1, 2], &[3, 4], &[1, 2]]);
        assert_eq!(
            difference(&mut c(), &g, &Value::set(vec![ints(&[1, 2])])),
            Ok(grid(&[&[3, 4]]))
        );
        assert_eq!(difference(&mut c(), &g, &g), Ok(tup(vec![])));
    }

    #[test]
    fn difference_of_an_empty_container_reads_nothing_else() {
        assert_eq!(difference(&mut c(), &tup(vec![]), &int(5)), Ok(tup(vec![])));
        assert_eq!(
            difference(&mut c(), &Value::empty_set(), &int(5)),
            Ok(Value::empty_set())
        );
        // Integers are not containers: `a - b` of the first reference is gone.
        assert!(difference(&mut c(), &int(2), &int(5)).is_err());
        assert!(difference(&mut c(), &iset(&[1]), &int(1)).is_err());
        assert!(difference(&mut c(), &ints(&[1]), &f("add")).is_err());
        assert!(difference(&mut c(), &Value::None, &iset(&[1])).is_err());
    }

    #[test]
    fn intersection_of_integers_is_bitwise_and() {
        assert_eq!(intersection(&mut c(), &int(6), &int(3)), Ok(int(2)));
        let b = intersection(&mut c(), &Value::Bool(true), &Value::Bool(false)).unwrap();
        assert!(matches!(b, Value::Bool(false)));
    }

    #[test]
    fn intersection_and_difference_partition_a_set() {
        let a = idx(&[(0, 0), (0, 1), (3, 3), (5, 2)]);
        let b = idx(&[(0, 1), (5, 2), (9, 9)]);
        let both = intersection(&mut c(), &a, &b).unwrap();
        let only = difference(&mut c(), &a, &b).unwrap();
        assert_eq!(combine(&mut c(), &both, &only), Ok(a.clone()));
        assert_eq!(intersection(&mut c(), &both, &only), Ok(Value::empty_set()));
        assert_eq!(
            intersection(&mut c(), &a, &b),
            intersection(&mut c(), &b, &a)
        );
    }

    // dedupe

    #[test]
    fn dedupe_keeps_first_occurrences_in_order() {
        assert_eq!(
            dedupe(&mut c(), &ints(&[3, 1, 3, 2, 1])),
            Ok(ints(&[3, 1, 2]))
        );
        assert_eq!(dedupe(&mut c(), &Value::Pair(4, 4)), Ok(ints(&[4])));
        assert_eq!(dedupe(&mut c(), &Value::Pair(4, 5)), Ok(Value::Pair(4, 5)));
        assert_eq!(
            dedupe(&mut c(), &Value::empty_tuple()),
            Ok(Value::empty_tuple())
        );
        // True == 1: one of them is kept.
        let t = tup(vec![Value::Bool(true), int(1)]);
        assert_eq!(dedupe(&mut c(), &t).unwrap(), tup(vec![int(1)]));
    }

    #[test]
    fn dedupe_of_a_grid_keeps_unique_rows_as_a_grid() {
        let v = dedupe(&mut c(), &grid(&[&[1, 0], &[2, 0], &[1, 0]])).unwrap();
        assert!(matches!(v, Value::Grid(_)));
        assert_eq!(v, grid(&[&[1, 0], &[2, 0]]));
    }

    #[test]
    fn dedupe_of_a_set_is_a_type_error() {
        assert!(dedupe(&mut c(), &iset(&[1])).is_err());
        assert!(dedupe(&mut c(), &idx(&[(0, 0)])).is_err());
        assert!(dedupe(&mut c(), &int(1)).is_err());
    }

    // order

    #[test]
    fn order_sorts_stably_by_key() {
        let t = tup(vec![
            ints(&[1, 2, 3]),
            ints(&[9]),
            ints(&[5, 5]),
            ints(&[0]),
        ]);
        let sorted = order(&mut c(), &t, &f("size")).unwrap();
        assert_eq!(
            sorted,
            tup(vec![
                ints(&[9]),
                ints(&[0]),
                Value::Pair(5, 5),
                ints(&[1, 2, 3])
            ])
        );
    }

    #[test]
    fn order_of_a_set_gives_a_tuple_in_key_then_set_order() {
        let s = Value::set(vec![ints(&[7]), ints(&[1, 2, 3]), ints(&[4])]);
        let sorted = order(&mut c(), &s, &f("size")).unwrap();
        assert_eq!(sorted, tup(vec![ints(&[4]), ints(&[7]), ints(&[1, 2, 3])]));
        let ix = idx(&[(2, 0), (0, 1), (1, 5)]);
        let by_col = order(&mut c(), &ix, &f("last")).unwrap();
        assert_eq!(
            by_col,
            tup(vec![
                Value::Pair(2, 0),
                Value::Pair(0, 1),
                Value::Pair(1, 5)
            ])
        );
    }

    #[test]
    fn order_of_a_grid_reorders_its_rows() {
        let g = grid(&[&[3, 0], &[1, 5], &[2, 2]]);
        let v = order(&mut c(), &g, &f("first")).unwrap();
        assert!(matches!(v, Value::Grid(_)));
        assert_eq!(v, grid(&[&[1, 5], &[2, 2], &[3, 0]]));
    }

    #[test]
    fn order_fails_on_non_containers_and_failing_keys() {
        assert!(order(&mut c(), &int(3), &f("size")).is_err());
        assert!(order(&mut c(), &ints(&[1, 2]), &f("size")).is_err());
        assert!(order(&mut c(), &ints(&[1, 2]), &int(0)).is_err());
        assert_eq!(
            order(&mut c(), &Value::empty_set(), &int(0)),
            Ok(Value::empty_tuple())
        );
    }

    // repeat

    #[test]
    fn repeat_makes_a_tuple_of_copies() {
        assert_eq!(repeat(&mut c(), &int(7), &int(3)), Ok(ints(&[7, 7, 7])));
        assert_eq!(repeat(&mut c(), &int(7), &int(2)), Ok(Value::Pair(7, 7)));
        assert_eq!(repeat(&mut c(), &int(7), &int(0)), Ok(Value::empty_tuple()));
        assert_eq!(
            repeat(&mut c(), &int(7), &int(-5)),
            Ok(Value::empty_tuple())
        );
        let g = grid(&[&[1]]);
        assert_eq!(
            repeat(&mut c(), &g, &Value::Bool(true)),
            Ok(tup(vec![g.clone()]))
        );
    }

    #[test]
    fn repeat_beyond_the_budget_fails_before_allocating() {
        let mut ctx = Ctx::new(1_000);
        assert_eq!(
            repeat(&mut ctx, &int(0), &int(i64::MAX)),
            Err(DslError::TooLarge)
        );
    }

    #[test]
    fn repeat_with_a_non_integer_count_is_a_type_error() {
        assert!(repeat(&mut c(), &int(0), &Value::Pair(1, 1)).is_err());
        assert!(repeat(&mut c(), &int(0), &Value::None).is_err());
    }

    // size

    #[test]
    fn size_counts_elements_and_grid_rows() {
        assert_eq!(size(&mut c(), &ints(&[1, 2, 3])), Ok(int(3)));
        assert_eq!(size(&mut c(), &grid(&[&[1, 2, 3], &[4, 5, 6]])), Ok(int(2)));
        assert_eq!(size(&mut c(), &idx(&[(0, 0), (1, 1), (2, 2)])), Ok(int(3)));
        assert_eq!(size(&mut c(), &Value::Pair(5, 6)), Ok(int(2)));
        assert_eq!(size(&mut c(), &Value::empty_set()), Ok(int(0)));
        assert!(size(&mut c(), &int(1)).is_err());
        assert!(size(&mut c(), &Value::None).is_err());
    }

    // merge

    #[test]
    fn merge_of_a_tuple_of_grids_stacks_their_rows() {
        let t = tup(vec![grid(&[&[1, 2]]), grid(&[&[3, 4], &[5, 6]])]);
        let v = merge(&mut c(), &t).unwrap();
        assert!(matches!(v, Value::Grid(_)));
        assert_eq!(v, grid(&[&[1, 2], &[3, 4], &[5, 6]]));
        let ragged = tup(vec![grid(&[&[1, 2]]), grid(&[&[3]])]);
        assert_eq!(
            merge(&mut c(), &ragged),
            Ok(tup(vec![Value::Pair(1, 2), ints(&[3])]))
        );
    }

    #[test]
    fn merge_joins_inner_containers_in_the_outer_kind() {
        let objs = Value::set(vec![obj(&[(1, (0, 0))]), obj(&[(2, (5, 5))])]);
        assert_eq!(merge(&mut c(), &objs), Ok(obj(&[(1, (0, 0)), (2, (5, 5))])));
        let t = tup(vec![ints(&[1, 2]), ints(&[3])]);
        assert_eq!(merge(&mut c(), &t), Ok(ints(&[1, 2, 3])));
        assert_eq!(
            merge(&mut c(), &Value::empty_tuple()),
            Ok(Value::empty_tuple())
        );
        assert_eq!(merge(&mut c(), &Value::empty_set()), Ok(Value::empty_set()));
        assert!(merge(&mut c(), &int(1)).is_err());
        assert!(merge(&mut c(), &ints(&[1, 2])).is_err());
    }

    // maximum, minimum

    #[test]
    fn maximum_and_minimum_default_to_zero() {
        assert_eq!(maximum(&mut c(), &iset(&[3, 1, 2])), Ok(int(3)));
        assert_eq!(minimum(&mut c(), &iset(&[3, 1, 2])), Ok(int(1)));
        assert_eq!(maximum(&mut c(), &ints(&[2, 7, 7, 1])), Ok(int(7)));
        assert_eq!(minimum(&mut c(), &ints(&[2, -7, 7, 1])), Ok(int(-7)));
        assert_eq!(maximum(&mut c(), &Value::empty_set()), Ok(int(0)));
        assert_eq!(minimum(&mut c(), &Value::empty_tuple()), Ok(int(0)));
        assert_eq!(maximum(&mut c(), &Value::Pair(3, -4)), Ok(int(3)));
        assert_eq!(minimum(&mut c(), &Value::Pair(3, -4)), Ok(int(-4)));
    }

    #[test]
    fn maximum_of_pairs_and_rows_is_lexicographic() {
        let ix = idx(&[(0, 5), (1, 0)]);
        assert_eq!(maximum(&mut c(), &ix), Ok(Value::Pair(1, 0)));
        assert_eq!(minimum(&mut c(), &ix), Ok(Value::Pair(0, 5)));
        let g = grid(&[&[1, 9], &[2, 0], &[0, 3]]);
        assert_eq!(maximum(&mut c(), &g), Ok(Value::Pair(2, 0)));
        assert_eq!(minimum(&mut c(), &g), Ok(Value::Pair(0, 3)));
    }

    #[test]
    fn maximum_ties_go_to_the_first_element() {
        let t = tup(vec![Value::Bool(true), int(1), int(0)]);
        assert_eq!(maximum(&mut c(), &t).unwrap().to_string(), "True");
        let t = tup(vec![int(1), Value::Bool(true)]);
        assert_eq!(maximum(&mut c(), &t).unwrap().to_string(), "1");
    }

    #[test]
    fn maximum_of_a_non_container_is_a_type_error() {
        assert!(maximum(&mut c(), &int(3)).is_err());
        assert!(minimum(&mut c(), &Value::None).is_err());
    }

    // valmax, valmin

    #[test]
    fn valmax_and_valmin_give_the_extreme_key() {
        let t = tup(vec![ints(&[1, 2, 3]), ints(&[4]), Value::Pair(5, 6)]);
        assert_eq!(valmax(&mut c(), &t, &f("size")), Ok(int(3)));
        assert_eq!(valmin(&mut c(), &t, &f("size")), Ok(int(1)));
        assert_eq!(
            valmax(&mut c(), &idx(&[(0, 7), (3, 1)]), &f("last")),
            Ok(int(7))
        );
    }

    #[test]
    fn valmax_of_an_empty_container_applies_the_key_to_zero() {
        assert_eq!(
            valmax(&mut c(), &Value::empty_tuple(), &f("initset")),
            Ok(iset(&[0]))
        );
        assert_eq!(
            valmin(&mut c(), &Value::empty_set(), &f("initset")),
            Ok(iset(&[0]))
        );
        assert!(valmax(&mut c(), &Value::empty_tuple(), &f("size")).is_err());
        assert!(valmax(&mut c(), &int(3), &f("size")).is_err());
    }

    // argmax, argmin

    #[test]
    fn argmax_and_argmin_ties_go_to_the_first_element() {
        let t = tup(vec![ints(&[1]), ints(&[2, 3]), ints(&[4, 5]), ints(&[6])]);
        assert_eq!(argmax(&mut c(), &t, &f("size")), Ok(Value::Pair(2, 3)));
        assert_eq!(argmin(&mut c(), &t, &f("size")), Ok(ints(&[1])));
    }

    #[test]
    fn argmax_ties_in_a_set_go_to_the_smallest_element() {
        let ix = idx(&[(2, 0), (1, 1), (0, 1)]);
        assert_eq!(argmax(&mut c(), &ix, &f("last")), Ok(Value::Pair(0, 1)));
        assert_eq!(argmin(&mut c(), &ix, &f("last")), Ok(Value::Pair(2, 0)));
        let s = iset(&[5, 3, 9, 4]);
        let odd = member_of(iset(&[3, 5, 9]));
        assert_eq!(argmax(&mut c(), &s, &odd), Ok(int(3)));
        assert_eq!(argmin(&mut c(), &s, &odd), Ok(int(4)));
    }

    #[test]
    fn argmax_of_an_empty_container_is_an_error() {
        assert!(argmax(&mut c(), &Value::empty_set(), &f("size")).is_err());
        assert!(argmin(&mut c(), &Value::empty_tuple(), &f("size")).is_err());
        assert!(argmax(&mut c(), &int(1), &f("size")).is_err());
        assert!(argmax(&mut c(), &ints(&[1, 2]), &f("size")).is_err());
    }

    // mostcommon, leastcommon

    #[test]
    fn mostcommon_and_leastcommon_count_tuple_elements() {
        let t = ints(&[3, 1, 3, 2, 1, 3]);
        assert_eq!(mostcommon(&mut c(), &t), Ok(int(3)));
        assert_eq!(leastcommon(&mut c(), &t), Ok(int(2)));
        assert_eq!(mostcommon(&mut c(), &Value::Pair(7, 7)), Ok(int(7)));
    }

    #[test]
    fn mostcommon_ties_go_to_the_smallest_element() {
        assert_eq!(mostcommon(&mut c(), &ints(&[5, 2, 5, 2])), Ok(int(2)));
        assert_eq!(leastcommon(&mut c(), &ints(&[9, 4, 7])), Ok(int(4)));
        assert_eq!(mostcommon(&mut c(), &Value::Pair(7, 3)), Ok(int(3)));
        let t = tup(vec![Value::Bool(true), int(1), int(2)]);
        assert_eq!(mostcommon(&mut c(), &t).unwrap().to_string(), "True");
    }

    #[test]
    fn mostcommon_of_a_grid_is_its_most_common_row() {
        let g = grid(&[&[1, 1], &[0, 0], &[1, 1]]);
        assert_eq!(mostcommon(&mut c(), &g), Ok(Value::Pair(1, 1)));
        assert_eq!(leastcommon(&mut c(), &g), Ok(Value::Pair(0, 0)));
        let tied = grid(&[&[2], &[1]]);
        assert_eq!(mostcommon(&mut c(), &tied), Ok(ints(&[1])));
    }

    #[test]
    fn mostcommon_of_a_set_or_an_empty_tuple_is_an_error() {
        assert!(mostcommon(&mut c(), &iset(&[1])).is_err());
        assert!(leastcommon(&mut c(), &idx(&[(0, 0)])).is_err());
        assert!(mostcommon(&mut c(), &Value::empty_tuple()).is_err());
        assert!(mostcommon(&mut c(), &int(1)).is_err());
    }

    // initset

    #[test]
    fn initset_makes_a_singleton_in_canonical_form() {
        assert!(matches!(
            initset(&mut c(), &Value::Pair(1, 2)),
            Ok(Value::Indices(_))
        ));
        assert!(matches!(
            initset(&mut c(), &cell(1, 0, 0)),
            Ok(Value::Object(_))
        ));
        assert_eq!(initset(&mut c(), &int(3)), Ok(iset(&[3])));
        assert_eq!(
            initset(&mut c(), &Value::empty_set()).unwrap().len(),
            Some(1)
        );
    }

    // sfilter, mfilter

    #[test]
    fn sfilter_keeps_the_container_kind() {
        let pred = member_of(iset(&[2, 3]));
        assert_eq!(
            sfilter(&mut c(), &ints(&[1, 2, 3, 2]), &pred),
            Ok(ints(&[2, 3, 2]))
        );
        assert_eq!(
            sfilter(&mut c(), &iset(&[1, 2, 3]), &pred),
            Ok(iset(&[2, 3]))
        );
        assert_eq!(sfilter(&mut c(), &Value::Pair(2, 9), &pred), Ok(ints(&[2])));
        let ix = idx(&[(0, 0), (0, 1), (1, 1)]);
        let top = sfilter(&mut c(), &ix, &matches("first", int(0))).unwrap();
        assert!(matches!(top, Value::Indices(_)));
        assert_eq!(top, idx(&[(0, 0), (0, 1)]));
        let o = obj(&[(2, (0, 0)), (3, (0, 1)), (2, (4, 4))]);
        let red = sfilter(&mut c(), &o, &matches("first", int(2))).unwrap();
        assert_eq!(red, obj(&[(2, (0, 0)), (2, (4, 4))]));
        assert_eq!(
            sfilter(&mut c(), &o, &matches("first", int(7))),
            Ok(Value::empty_set())
        );
    }

    #[test]
    fn sfilter_of_a_grid_keeps_rows_as_a_grid() {
        let g = grid(&[&[0, 1], &[2, 3], &[0, 5]]);
        let v = sfilter(&mut c(), &g, &matches("first", int(0))).unwrap();
        assert!(matches!(v, Value::Grid(_)));
        assert_eq!(v, grid(&[&[0, 1], &[0, 5]]));
        let none = sfilter(&mut c(), &g, &matches("first", int(9))).unwrap();
        assert_eq!(none, Value::empty_tuple());
    }

    #[test]
    fn sfilter_needs_a_container_and_calls_the_condition_only_on_elements() {
        let pred = member_of(iset(&[2]));
        assert!(sfilter(&mut c(), &int(1), &pred).is_err());
        assert!(sfilter(&mut c(), &ints(&[1]), &int(5)).is_err());
        assert_eq!(
            sfilter(&mut c(), &Value::empty_tuple(), &int(5)),
            Ok(Value::empty_tuple())
        );
    }

    #[test]
    fn mfilter_merges_the_kept_containers() {
        let a = obj(&[(1, (0, 0))]);
        let b = obj(&[(2, (1, 1)), (2, (1, 2))]);
        let d = obj(&[(3, (5, 5))]);
        let objs = Value::set(vec![a, b, d]);
        let small = mfilter(&mut c(), &objs, &matches("size", int(1))).unwrap();
        assert_eq!(small, obj(&[(1, (0, 0)), (3, (5, 5))]));
        let t = tup(vec![ints(&[1, 2]), ints(&[3]), ints(&[4, 5])]);
        assert_eq!(
            mfilter(&mut c(), &t, &matches("size", int(2))),
            Ok(ints(&[1, 2, 4, 5]))
        );
        assert_eq!(
            mfilter(&mut c(), &objs, &matches("size", int(9))),
            Ok(Value::empty_set())
        );
    }

    // extract

    #[test]
    fn extract_returns_the_first_satisfying_element() {
        let pred = member_of(iset(&[5, 6]));
        assert_eq!(extract(&mut c(), &ints(&[1, 6, 2, 5]), &pred), Ok(int(6)));
        assert_eq!(extract(&mut c(), &iset(&[6, 1, 5]), &pred), Ok(int(5)));
        let g = grid(&[&[1, 0], &[2, 0], &[2, 1]]);
        assert_eq!(
            extract(&mut c(), &g, &matches("first", int(2))),
            Ok(Value::Pair(2, 0))
        );
    }

    #[test]
    fn extract_without_a_match_is_an_error() {
        let pred = member_of(iset(&[5]));
        assert!(extract(&mut c(), &ints(&[1, 2]), &pred).is_err());
        assert!(extract(&mut c(), &Value::empty_set(), &pred).is_err());
        assert!(extract(&mut c(), &int(5), &pred).is_err());
    }

    // totuple

    #[test]
    fn totuple_lists_a_set_in_ascending_order() {
        assert_eq!(totuple(&mut c(), &iset(&[3, 1, 2])), Ok(ints(&[1, 2, 3])));
        assert_eq!(
            totuple(&mut c(), &idx(&[(1, 0), (0, 0)])),
            Ok(tup(vec![Value::Pair(0, 0), Value::Pair(1, 0)]))
        );
        assert_eq!(
            totuple(&mut c(), &Value::empty_set()),
            Ok(Value::empty_tuple())
        );
        let g = grid(&[&[1, 2]]);
        assert_eq!(totuple(&mut c(), &g), Ok(g.clone()));
        assert_eq!(totuple(&mut c(), &Value::Pair(1, 2)), Ok(Value::Pair(1, 2)));
        assert!(totuple(&mut c(), &int(1)).is_err());
    }

    // first, last

    #[test]
    fn first_and_last_of_tuples_grids_and_sets() {
        assert_eq!(first(&mut c(), &ints(&[4, 5, 6])), Ok(int(4)));
        assert_eq!(last(&mut c(), &ints(&[4, 5, 6])), Ok(int(6)));
        let g = grid(&[&[1, 2], &[3, 4]]);
        assert_eq!(first(&mut c(), &g), Ok(Value::Pair(1, 2)));
        assert_eq!(last(&mut c(), &g), Ok(Value::Pair(3, 4)));
        assert_eq!(first(&mut c(), &iset(&[3, 1, 2])), Ok(int(1)));
        assert_eq!(last(&mut c(), &iset(&[3, 1, 2])), Ok(int(3)));
        let o = obj(&[(5, (0, 0)), (2, (9, 9))]);
        assert_eq!(first(&mut c(), &o), Ok(cell(2, 9, 9)));
        assert_eq!(last(&mut c(), &o), Ok(cell(5, 0, 0)));
        assert_eq!(first(&mut c(), &Value::Pair(8, 9)), Ok(int(8)));
        assert_eq!(last(&mut c(), &Value::Pair(8, 9)), Ok(int(9)));
    }

    #[test]
    fn first_and_last_of_empty_or_non_containers_are_errors() {
        assert!(first(&mut c(), &Value::empty_tuple()).is_err());
        assert!(last(&mut c(), &Value::empty_set()).is_err());
        assert!(first(&mut c(), &int(1)).is_err());
        assert!(last(&mut c(), &Value::None).is_err());
    }

    // insert

    #[test]
    fn insert_adds_an_element_to_a_set() {
        let ix = idx(&[(0, 0)]);
        let v = insert(&mut c(), &Value::Pair(1, 1), &ix).unwrap();
        assert!(matches!(v, Value::Indices(_)));
        assert_eq!(v, idx(&[(0, 0), (1, 1)]));
        assert_eq!(insert(&mut c(), &Value::Pair(0, 0), &ix), Ok(ix.clone()));
        let o = obj(&[(1, (0, 0))]);
        assert_eq!(
            insert(&mut c(), &cell(2, 0, 0), &o),
            Ok(obj(&[(1, (0, 0)), (2, (0, 0))]))
        );
        assert_eq!(
            insert(&mut c(), &int(3), &Value::empty_set()),
            Ok(iset(&[3]))
        );
        let mixed = insert(&mut c(), &int(3), &ix).unwrap();
        assert_eq!(mixed.len(), Some(2));
        let kept = insert(&mut c(), &Value::Bool(true), &iset(&[1])).unwrap();
        assert_eq!(kept.to_string(), "frozenset({1})");
        let bool_pair = tup(vec![Value::Bool(false), int(0)]);
        let same = insert(&mut c(), &bool_pair, &idx(&[(0, 0)])).unwrap();
        assert!(matches!(same, Value::Indices(_)));
        assert_eq!(same, idx(&[(0, 0)]));
    }

    #[test]
    fn insert_into_a_tuple_is_a_type_error() {
        assert!(insert(&mut c(), &int(1), &ints(&[1])).is_err());
        assert!(insert(&mut c(), &int(1), &Value::Pair(1, 2)).is_err());
        assert!(insert(&mut c(), &int(1), &int(2)).is_err());
    }

    // remove, other

    #[test]
    fn remove_drops_every_equal_element_and_keeps_the_kind() {
        assert_eq!(
            remove(&mut c(), &int(2), &ints(&[1, 2, 3, 2])),
            Ok(Value::Pair(1, 3))
        );
        assert_eq!(remove(&mut c(), &int(1), &iset(&[1, 2])), Ok(iset(&[2])));
        let ix = idx(&[(0, 0), (1, 1)]);
        assert_eq!(
            remove(&mut c(), &Value::Pair(0, 0), &ix),
            Ok(idx(&[(1, 1)]))
        );
        assert_eq!(remove(&mut c(), &Value::Pair(5, 5), &ix), Ok(ix.clone()));
        let bool_pair = tup(vec![Value::Bool(false), int(0)]);
        assert_eq!(
            remove(&mut c(), &bool_pair, &idx(&[(0, 0)])),
            Ok(Value::empty_set())
        );
        let o = obj(&[(1, (0, 0)), (2, (0, 0))]);
        assert_eq!(
            remove(&mut c(), &cell(1, 0, 0), &o),
            Ok(obj(&[(2, (0, 0))]))
        );
        let g = grid(&[&[1, 2], &[3, 4], &[1, 2]]);
        let v = remove(&mut c(), &Value::Pair(1, 2), &g).unwrap();
        assert!(matches!(v, Value::Grid(_)));
        assert_eq!(v, grid(&[&[3, 4]]));
        assert!(remove(&mut c(), &int(1), &int(1)).is_err());
    }

    #[test]
    fn other_returns_the_remaining_element() {
        assert_eq!(other(&mut c(), &iset(&[3, 7]), &int(3)), Ok(int(7)));
        assert_eq!(other(&mut c(), &Value::Pair(3, 7), &int(7)), Ok(int(3)));
        let ix = idx(&[(0, 0), (1, 1)]);
        assert_eq!(
            other(&mut c(), &ix, &Value::Pair(0, 0)),
            Ok(Value::Pair(1, 1))
        );
        assert_eq!(other(&mut c(), &iset(&[2, 3, 4]), &int(9)), Ok(int(2)));
        assert!(other(&mut c(), &iset(&[3]), &int(3)).is_err());
        assert!(other(&mut c(), &int(3), &int(3)).is_err());
    }

    // interval

    #[test]
    fn interval_follows_pythons_range() {
        let i = |a, b, s| interval(&mut c(), &int(a), &int(b), &int(s));
        assert_eq!(i(0, 5, 2), Ok(ints(&[0, 2, 4])));
        assert_eq!(i(5, 0, -2), Ok(ints(&[5, 3, 1])));
        assert_eq!(i(0, 0, 1), Ok(Value::empty_tuple()));
        assert_eq!(i(3, 0, 1), Ok(Value::empty_tuple()));
        assert_eq!(i(0, 3, -1), Ok(Value::empty_tuple()));
        assert_eq!(i(0, 2, 1), Ok(Value::Pair(0, 1)));
        assert_eq!(i(-3, 1, 3), Ok(Value::Pair(-3, 0)));
        assert_eq!(i(0, 1, 100), Ok(ints(&[0])));
        assert_eq!(
            interval(&mut c(), &Value::Bool(false), &int(3), &Value::Bool(true)),
            Ok(ints(&[0, 1, 2]))
        );
    }

    #[test]
    fn interval_at_the_integer_limits_does_not_overflow() {
        let i = |a, b, s| interval(&mut c(), &int(a), &int(b), &int(s));
        assert_eq!(
            i(i64::MAX - 2, i64::MAX, 1),
            Ok(Value::Pair(i64::MAX - 2, i64::MAX - 1))
        );
        assert_eq!(
            i(i64::MIN, i64::MAX, i64::MAX),
            Ok(ints(&[i64::MIN, -1, i64::MAX - 1]))
        );
        assert_eq!(i(i64::MAX, i64::MIN, i64::MIN), Ok(ints(&[i64::MAX, -1])));
        let mut ctx = Ctx::new(1_000);
        assert_eq!(
            interval(&mut ctx, &int(i64::MIN), &int(i64::MAX), &int(1)),
            Err(DslError::TooLarge)
        );
    }

    #[test]
    fn interval_with_a_zero_step_or_non_integers_is_an_error() {
        assert!(interval(&mut c(), &int(0), &int(5), &int(0)).is_err());
        assert!(interval(&mut c(), &Value::Pair(0, 0), &int(5), &int(1)).is_err());
        assert!(interval(&mut c(), &int(0), &Value::None, &int(1)).is_err());
    }

    // product

    #[test]
    fn product_of_integer_tuples_is_indices() {
        let v = product(&mut c(), &ints(&[0, 1]), &ints(&[5])).unwrap();
        assert!(matches!(v, Value::Indices(_)));
        assert_eq!(v, idx(&[(0, 5), (1, 5)]));
        let grid_idx = product(&mut c(), &iset(&[0, 1]), &Value::Pair(0, 1)).unwrap();
        assert_eq!(grid_idx, idx(&[(0, 0), (0, 1), (1, 0), (1, 1)]));
        assert_eq!(
            product(&mut c(), &Value::empty_tuple(), &ints(&[1])),
            Ok(Value::empty_set())
        );
    }

    #[test]
    fn product_of_other_values_is_a_set_of_pairs() {
        let cells = product(&mut c(), &ints(&[3]), &tup(vec![Value::Pair(0, 0)])).unwrap();
        assert!(matches!(cells, Value::Object(_)));
        assert_eq!(cells, obj(&[(3, (0, 0))]));
        let v = product(&mut c(), &tup(vec![ints(&[1, 2, 3])]), &ints(&[4])).unwrap();
        assert_eq!(v, Value::set(vec![tup(vec![ints(&[1, 2, 3]), int(4)])]));
        let dup = product(&mut c(), &ints(&[1, 1]), &ints(&[2])).unwrap();
        assert_eq!(dup, idx(&[(1, 2)]));
        assert!(product(&mut c(), &int(1), &ints(&[1])).is_err());
        assert!(product(&mut c(), &ints(&[1]), &Value::None).is_err());
    }

    #[test]
    fn a_product_of_two_sets_is_the_canonical_set_of_its_pairs() {
        // Built in order without a check: it must equal the set made from
        // the pairs in any order, for every kind of set.
        let sets = [
            iset(&[-2, 0, 5]),
            idx(&[(0, 1), (0, 2), (3, 0)]),
            obj(&[(1, (0, 0)), (2, (0, 0)), (2, (1, 0))]),
            Value::set(vec![iset(&[1]), idx(&[(0, 0)]), int(3), ints(&[1, 2])]),
            Value::set(vec![f("size"), f("first")]),
            Value::empty_set(),
        ];
        for a in &sets {
            for b in &sets {
                let got = product(&mut c(), a, b).unwrap();
                let mut pairs = Vec::new();
                for y in elements(b).collect::<Vec<_>>().into_iter().rev() {
                    for x in elements(a).collect::<Vec<_>>().into_iter().rev() {
                        pairs.push(Value::tuple(vec![x, y.clone()]));
                    }
                }
                let want = Value::set(pairs);
                assert_eq!(got, want, "{a} x {b}");
                // The same form too: kind and order of the elements.
                assert_eq!(std::mem::discriminant(&got), std::mem::discriminant(&want));
                assert_eq!(format!("{got:?}"), format!("{want:?}"));
                assert_eq!(got.len(), Some(a.len().unwrap() * b.len().unwrap()));
            }
        }
    }

    #[test]
    fn product_size_is_the_product_of_sizes() {
        let a = iset(&[1, 2, 3]);
        let b = tup(vec![int(7), ints(&[8, 9])]);
        let p = product(&mut c(), &a, &b).unwrap();
        assert_eq!(p.len(), Some(6));
        let mut ctx = Ctx::new(10_000);
        let big = repeat(&mut ctx, &int(0), &int(1_000)).unwrap();
        assert_eq!(product(&mut ctx, &big, &big), Err(DslError::Budget));
    }

    // pair

    #[test]
    fn pair_zips_to_the_shorter_container() {
        assert_eq!(
            pair(&mut c(), &ints(&[1, 2, 3]), &ints(&[4, 5])),
            Ok(tup(vec![Value::Pair(1, 4), Value::Pair(2, 5)]))
        );
        assert_eq!(
            pair(&mut c(), &iset(&[2, 1]), &ints(&[7, 8])),
            Ok(tup(vec![Value::Pair(1, 7), Value::Pair(2, 8)]))
        );
        assert_eq!(
            pair(&mut c(), &grid(&[&[1, 2]]), &ints(&[9])),
            Ok(tup(vec![tup(vec![Value::Pair(1, 2), int(9)])]))
        );
        assert_eq!(
            pair(&mut c(), &Value::empty_tuple(), &ints(&[1])),
            Ok(Value::empty_tuple())
        );
        assert!(pair(&mut c(), &int(1), &ints(&[1])).is_err());
    }

    // sizefilter

    #[test]
    fn sizefilter_keeps_items_of_the_given_length() {
        let t = tup(vec![ints(&[1, 2, 3]), ints(&[4]), ints(&[5, 6, 7])]);
        assert_eq!(
            sizefilter(&mut c(), &t, &int(3)),
            Ok(Value::set(vec![ints(&[1, 2, 3]), ints(&[5, 6, 7])]))
        );
        let objs = Value::set(vec![obj(&[(1, (0, 0))]), obj(&[(2, (1, 1)), (2, (1, 2))])]);
        assert_eq!(
            sizefilter(&mut c(), &objs, &int(1)),
            Ok(Value::set(vec![obj(&[(1, (0, 0))])]))
        );
        assert_eq!(
            sizefilter(&mut c(), &tup(vec![ints(&[1])]), &Value::Bool(true)),
            Ok(Value::set(vec![ints(&[1])]))
        );
    }

    #[test]
    fn sizefilter_sees_pairs_cells_and_rows_as_sized_items() {
        let ix = idx(&[(0, 0), (1, 1)]);
        assert_eq!(sizefilter(&mut c(), &ix, &int(2)), Ok(ix.clone()));
        assert_eq!(sizefilter(&mut c(), &ix, &int(1)), Ok(Value::empty_set()));
        let o = obj(&[(1, (0, 0))]);
        assert_eq!(sizefilter(&mut c(), &o, &int(2)), Ok(o.clone()));
        let g = grid(&[&[1, 2], &[3, 4]]);
        assert_eq!(
            sizefilter(&mut c(), &g, &int(2)),
            Ok(idx(&[(1, 2), (3, 4)]))
        );
        assert_eq!(sizefilter(&mut c(), &g, &int(3)), Ok(Value::empty_set()));
    }

    #[test]
    fn sizefilter_fails_on_items_without_length() {
        assert!(sizefilter(&mut c(), &ints(&[1, 2, 3]), &int(1)).is_err());
        assert!(sizefilter(&mut c(), &Value::Pair(1, 2), &int(2)).is_err());
        assert!(sizefilter(&mut c(), &int(1), &int(1)).is_err());
        assert_eq!(
            sizefilter(&mut c(), &Value::empty_tuple(), &int(1)),
            Ok(Value::empty_set())
        );
        let t = tup(vec![ints(&[1])]);
        assert_eq!(
            sizefilter(&mut c(), &t, &Value::Pair(1, 1)),
            Ok(Value::empty_set())
        );
    }

    // the table and robustness

    #[test]
    fn the_table_lists_the_thirty_one_primitives_once() {
        let names: Vec<&str> = PRIMS.iter().map(|p| p.name).collect();
        assert_eq!(names.len(), 31);
        let unique: std::collections::HashSet<&str> = names.iter().copied().collect();
        assert_eq!(unique.len(), 31);
        let mut ctx = c();
        let size_of = PRIMS[7].call(&mut ctx, &[ints(&[1, 2, 3])]);
        assert_eq!(PRIMS[7].name, "size");
        assert_eq!(size_of, Ok(int(3)));
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
            f("size"),
            f("first"),
            member_of(iset(&[1])),
        ];
        samples.push(compose(&mut c(), &f("size"), &f("size")).unwrap());
        call_with_every_combination(PRIMS, &samples);
    }
}

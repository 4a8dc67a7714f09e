//! The shared shapes of the DSL's duck typing, in one place.
//!
//! The reference DSL lets one function take a grid or a patch, a tuple or a
//! frozenset, an object or indices. Primitives read their arguments through
//! these views instead of matching on representations themselves:
//!
//! - [`grid`]: a grid, from a `Grid` or from any tuple of equal-length
//!   tuples of colours (what `apply` over a grid's rows returns);
//! - [`patch`]: indices or an object, from compact sets, the empty set, or
//!   a tuple of indices;
//! - [`container_kind`] and [`rebuild`]: Python's `type(container)(items)`,
//!   which keeps a tuple a tuple and a set a set;
//! - [`merge`]: the `merge` primitive, also used by `mapply`, `mfilter`, ...

use std::borrow::Cow;

use crate::grid::Grid;

use super::error::{Ctx, DslError, Result};
use super::value::{Cell, Idx, Kind, Value};

/// A grid argument. Fails for non-grids and for the empty tuple.
pub fn grid(v: &Value) -> Result<Cow<'_, Grid>> {
    match v {
        Value::Grid(g) => Ok(Cow::Borrowed(g)),
        Value::Tuple(rows) if !rows.is_empty() => {
            let mut cells = Vec::new();
            let mut width = None;
            for row in rows.iter() {
                let n = row
                    .len()
                    .ok_or(DslError::Type("a grid's rows are tuples"))?;
                if row.kind() != Kind::Tuple || *width.get_or_insert(n) != n {
                    return Err(DslError::Type("a grid is a tuple of equal-length tuples"));
                }
                for k in 0..n {
                    let c = row
                        .get(k)
                        .and_then(|c| c.as_int())
                        .ok_or(DslError::Type("grid cells are integers"))?;
                    cells.push(i8::try_from(c).map_err(|_| DslError::Value(COLOUR_RANGE))?);
                }
            }
            Grid::new(rows.len(), width.unwrap_or(0), cells)
                .map(Cow::Owned)
                .map_err(|_| DslError::Value("grid too large"))
        }
        Value::Tuple(_) => Err(DslError::Value("the empty tuple is not a usable grid")),
        _ => Err(DslError::Type("expected a grid")),
    }
}

/// `a, b = v` for two integers: a pair. (Unpacking a two-element set
/// depends on Python's hash order, so a set is refused.)
pub fn unpack_ints(v: &Value) -> Result<(i64, i64)> {
    match v {
        Value::Pair(a, b) => Ok((*a, *b)),
        // A canonical 2-tuple that is not a Pair does not hold two numbers.
        Value::Tuple(items) if items.len() == 2 => {
            Err(DslError::Type("expected a pair of integers"))
        }
        Value::Tuple(_) => Err(DslError::Value("expected exactly two values to unpack")),
        _ => Err(DslError::Type("expected a pair of integers")),
    }
}

/// `(v[0], v[1])` for a tuple whose first two elements are integers.
pub fn index_ints(v: &Value) -> Result<(i64, i64)> {
    match v {
        Value::Pair(a, b) => Ok((*a, *b)),
        Value::Tuple(items) if items.len() < 2 => Err(DslError::Value("tuple index out of range")),
        Value::Tuple(items) => match (items[0].as_int(), items[1].as_int()) {
            (Some(a), Some(b)) => Ok((a, b)),
            _ => Err(DslError::Type("expected integers at [0] and [1]")),
        },
        _ => Err(DslError::Type("expected a tuple of integers")),
    }
}

/// What a grid cell can hold in batt.
pub const COLOUR_RANGE: &str = "grid colours are -128..=127 in batt";

/// A colour to store in a grid cell.
pub fn colour(v: &Value) -> Result<i8> {
    let c = v.int("a colour is an integer")?;
    i8::try_from(c).map_err(|_| DslError::Value(COLOUR_RANGE))
}

/// The most common colour of a grid (`mostcolor`); ties go to the smallest
/// colour, the first in canonical set order. `None` for a grid with no cells.
pub fn grid_mostcolor(g: &Grid) -> Option<i8> {
    let counts = colour_counts(g.cells());
    let best = counts.iter().copied().max().filter(|&n| n > 0)?;
    counts.iter().position(|&n| n == best).map(colour_at)
}

/// How often each colour occurs, indexed by [`colour_index`] (ascending
/// colour order).
pub fn colour_counts(cells: &[i8]) -> [usize; 256] {
    let mut counts = [0usize; 256];
    for &c in cells {
        counts[colour_index(c)] += 1;
    }
    counts
}

/// The place of a colour in a 256-entry table, in ascending colour order.
pub fn colour_index(c: i8) -> usize {
    (i16::from(c) + 128) as usize
}

/// The colour at place `k` of a 256-entry table (see [`colour_index`]).
pub fn colour_at(k: usize) -> i8 {
    (k as i16 - 128) as i8
}

/// A patch argument: indices or an object.
#[derive(Debug, Clone)]
pub enum Patch<'a> {
    /// A set of indices (possibly empty), sorted; or, from a tuple, its
    /// elements in tuple order.
    Indices(Cow<'a, [Idx]>),
    /// A non-empty set of cells, sorted.
    Object(Cow<'a, [Cell]>),
}

/// The indices of a patch ([`Patch::idx_iter`]): read in place, with
/// nothing allocated (the centre or corner of an object, taken for every
/// cell a ranking visits, reads one).
#[derive(Debug, Clone)]
pub enum IdxIter<'a> {
    /// Those of a set of indices.
    Indices(std::slice::Iter<'a, Idx>),
    /// Those of an object's cells.
    Cells(std::slice::Iter<'a, Cell>),
}

impl Iterator for IdxIter<'_> {
    type Item = Idx;

    fn next(&mut self) -> Option<Idx> {
        match self {
            IdxIter::Indices(x) => x.next().copied(),
            IdxIter::Cells(x) => x.next().map(|c| c.idx()),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            IdxIter::Indices(x) => x.size_hint(),
            IdxIter::Cells(x) => x.size_hint(),
        }
    }

    fn fold<B, F: FnMut(B, Idx) -> B>(self, init: B, f: F) -> B {
        match self {
            IdxIter::Indices(x) => x.copied().fold(init, f),
            IdxIter::Cells(x) => x.map(|c| c.idx()).fold(init, f),
        }
    }
}

impl ExactSizeIterator for IdxIter<'_> {}

impl Patch<'_> {
    /// Number of elements (`len(patch)`).
    pub fn len(&self) -> usize {
        match self {
            Patch::Indices(x) => x.len(),
            Patch::Object(x) => x.len(),
        }
    }

    /// Whether the patch is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The indices of the patch, in iteration order, possibly repeated (an
    /// object may hold two colours at one index).
    pub fn idx_iter(&self) -> IdxIter<'_> {
        match self {
            Patch::Indices(x) => IdxIter::Indices(x.iter()),
            Patch::Object(x) => IdxIter::Cells(x.iter()),
        }
    }

    /// The index of a patch of one element.
    pub fn single(&self) -> Option<Idx> {
        match self {
            Patch::Indices(x) => match **x {
                [i] => Some(i),
                _ => None,
            },
            Patch::Object(x) => match **x {
                [c] => Some(c.idx()),
                _ => None,
            },
        }
    }

    /// `toindices(patch)`: the set of indices, sorted and deduplicated.
    pub fn indices(&self) -> Cow<'_, [Idx]> {
        match self {
            Patch::Indices(x) if x.windows(2).all(|w| w[0] < w[1]) => Cow::Borrowed(x),
            Patch::Indices(x) => {
                // From a tuple: in tuple order, possibly repeated.
                let mut v = x.to_vec();
                v.sort_unstable();
                v.dedup();
                Cow::Owned(v)
            }
            Patch::Object(x) => {
                let mut v: Vec<Idx> = x.iter().map(|c| c.idx()).collect();
                v.sort_unstable();
                v.dedup();
                Cow::Owned(v)
            }
        }
    }

    /// `(min i, min j, max i, max j)`, or `None` for an empty patch.
    pub fn bounds(&self) -> Option<(i32, i32, i32, i32)> {
        let mut it = self.idx_iter();
        let (i, j) = it.next()?;
        Some(it.fold((i, j, i, j), |(a, b, c, d), (i, j)| {
            (a.min(i), b.min(j), c.max(i), d.max(j))
        }))
    }
}

/// A patch argument. Fails for anything that is not a set of indices or of
/// cells (a tuple of indices, or a grid of two columns, is accepted, as the
/// reference's duck typing does).
pub fn patch(v: &Value) -> Result<Patch<'_>> {
    match v {
        Value::Indices(x) => Ok(Patch::Indices(Cow::Borrowed(x))),
        Value::Object(x) => Ok(Patch::Object(Cow::Borrowed(x))),
        Value::Set(x) if x.is_empty() => Ok(Patch::Indices(Cow::Owned(Vec::new()))),
        Value::Tuple(x) if x.is_empty() => Ok(Patch::Indices(Cow::Owned(Vec::new()))),
        // A grid of two columns is a tuple of pairs: indices, by duck typing.
        Value::Grid(g) if g.width() == 2 => Ok(Patch::Indices(Cow::Owned(
            g.rows()
                .map(|r| (i32::from(r[0]), i32::from(r[1])))
                .collect(),
        ))),
        Value::Tuple(x) => {
            if let Some(idx) = x.iter().map(Value::as_idx).collect::<Option<Vec<_>>>() {
                return Ok(Patch::Indices(Cow::Owned(idx)));
            }
            x.iter()
                .map(Value::as_cell)
                .collect::<Option<Vec<_>>>()
                .map(|c| Patch::Object(Cow::Owned(c)))
                .ok_or(DslError::Type("expected a patch"))
        }
        _ => Err(DslError::Type("expected a patch")),
    }
}

/// Whether a container is a tuple or a set (`type(container)`).
pub fn container_kind(v: &Value) -> Result<Kind> {
    match v.kind() {
        k @ (Kind::Tuple | Kind::Set) => Ok(k),
        _ => Err(DslError::Type("expected a container")),
    }
}

/// `type(container)(items)`: a tuple or a set of `items`.
pub fn rebuild(kind: Kind, items: Vec<Value>) -> Value {
    if kind == Kind::Set {
        Value::set(items)
    } else {
        Value::tuple(items)
    }
}

/// `kept`, elements of `container` in its order, as a container of `kind`.
/// Those of a set are a subsequence of its canonical order, so they are in
/// that order already: a filter of a large set (a product's pairs of
/// cells, each comparison a walk of two tuples) checks no order again.
pub fn rebuild_kept(kind: Kind, container: &Value, kept: Vec<Value>) -> Value {
    match (kind, container) {
        (Kind::Set, Value::Set(_)) => Value::set_in_order(kept),
        _ => rebuild(kind, kept),
    }
}

/// The elements of a container, charging the work to `ctx`: borrowed for
/// generic tuples and sets, built for compact values (a grid's rows, the
/// cells of an object, ...).
pub fn items<'a>(ctx: &mut Ctx, v: &'a Value) -> Result<Cow<'a, [Value]>> {
    let n = v.len().ok_or(DslError::Type("expected a container"))?;
    ctx.charge(n)?;
    match v {
        Value::Tuple(xs) | Value::Set(xs) => Ok(Cow::Borrowed(xs)),
        _ => v
            .items()
            .map(Cow::Owned)
            .ok_or(DslError::Type("expected a container")),
    }
}

/// `merge(containers)`: the elements of the inner containers in one
/// container of the outer one's kind.
pub fn merge(ctx: &mut Ctx, containers: &Value) -> Result<Value> {
    let kind = container_kind(containers)?;
    let outer = items(ctx, containers)?;
    // Fast path: a set of objects or of indices merges into one compact set.
    if kind == Kind::Set {
        if outer.iter().all(|c| matches!(c, Value::Object(_))) {
            let mut cells = Vec::new();
            for c in outer.iter() {
                if let Value::Object(x) = c {
                    ctx.charge(x.len())?;
                    cells.extend_from_slice(x);
                }
            }
            return Ok(Value::object(cells));
        }
        if outer.iter().all(|c| matches!(c, Value::Indices(_))) {
            let mut idx = Vec::new();
            for c in outer.iter() {
                if let Value::Indices(x) = c {
                    ctx.charge(x.len())?;
                    idx.extend_from_slice(x);
                }
            }
            return Ok(Value::indices(idx));
        }
    }
    let mut all = Vec::new();
    for c in outer.iter() {
        all.extend_from_slice(&items(ctx, c)?);
    }
    Ok(rebuild(kind, all))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_elements_of_a_set_are_the_set_of_them() {
        use crate::dsl::testkit::{cell, f, idx, int, iset, obj, tup};
        let pairs_of_cells = {
            let cells = [cell(1, 0, 0), cell(2, 0, 1), cell(1, 3, 3)];
            let mut pairs = Vec::new();
            for a in &cells {
                for b in &cells {
                    pairs.push(Value::two(a.clone(), b.clone()));
                }
            }
            Value::set(pairs)
        };
        let sets = [
            pairs_of_cells,
            // Mixed kinds, the empty set among them, and subsets that are
            // all indices or all cells (compact when kept alone).
            Value::set(vec![
                Value::empty_set(),
                int(1),
                int(7),
                Value::Pair(0, 0),
                Value::Pair(2, 1),
                cell(3, 1, 1),
                iset(&[1, 2]),
                idx(&[(0, 0)]),
                obj(&[(1, (0, 0))]),
                tup(vec![int(1), iset(&[2])]),
                f("size"),
            ]),
        ];
        for set in &sets {
            let items = set.items().unwrap();
            assert!(items.len() <= 12);
            for mask in 0u32..1 << items.len() {
                let kept: Vec<Value> = (0..items.len())
                    .filter(|&k| mask & 1 << k != 0)
                    .map(|k| items[k].clone())
                    .collect();
                let got = rebuild_kept(Kind::Set, set, kept.clone());
                let want = Value::set(kept);
                assert_eq!(std::mem::discriminant(&got), std::mem::discriminant(&want));
                assert_eq!(format!("{got:?}"), format!("{want:?}"), "{set}, {mask:b}");
            }
        }
        // A tuple's kept elements are not in a set's order: sorted.
        let t = tup(vec![int(3), int(1), int(3)]);
        let kept = t.items().unwrap();
        assert_eq!(rebuild_kept(Kind::Set, &t, kept.clone()), Value::set(kept));
    }

    #[test]
    fn grids_from_tuples_of_rows() {
        let t = Value::tuple(vec![Value::Pair(1, 2), Value::Pair(3, 4)]);
        assert_eq!(grid(&t).unwrap().cells(), &[1, 2, 3, 4]);
        assert!(grid(&Value::tuple(vec![Value::Pair(1, 2), Value::Int(3)])).is_err());
        assert!(grid(&Value::empty_tuple()).is_err());
        assert_eq!(
            grid(&Value::tuple(vec![Value::Pair(-1, 2)]))
                .unwrap()
                .cells(),
            &[-1, 2]
        );
        assert!(grid(&Value::tuple(vec![Value::Pair(128, 2)])).is_err());
    }

    #[test]
    fn pairs_unpack_and_index_as_python_does() {
        let triple = Value::tuple(vec![Value::Int(1), Value::Int(2), Value::Int(3)]);
        assert_eq!(unpack_ints(&Value::Pair(1, 2)), Ok((1, 2)));
        assert_eq!(
            unpack_ints(&triple),
            Err(DslError::Value("expected exactly two values to unpack"))
        );
        assert!(unpack_ints(&Value::set(vec![Value::Int(1), Value::Int(2)])).is_err());
        assert_eq!(index_ints(&triple), Ok((1, 2)));
        assert!(index_ints(&Value::tuple(vec![Value::Int(1)])).is_err());
        assert!(index_ints(&Value::Int(1)).is_err());
    }

    #[test]
    fn most_common_colour_ties_go_to_the_smallest() {
        let g = Grid::from_rows(&[[3i8, 3, 1], [1, 2, 2]]).unwrap();
        assert_eq!(grid_mostcolor(&g), Some(1));
        assert_eq!(grid_mostcolor(&Grid::new(2, 0, vec![]).unwrap()), None);
        let marked = Grid::from_rows(&[[-1i8, 5], [5, -1]]).unwrap();
        assert_eq!(grid_mostcolor(&marked), Some(-1));
    }

    #[test]
    fn patches_from_every_representation() {
        let idx = Value::indices(vec![(1, 1), (0, 2)]);
        assert_eq!(patch(&idx).unwrap().bounds(), Some((0, 1, 1, 2)));
        assert!(patch(&Value::empty_set()).unwrap().is_empty());
        let obj = Value::object(vec![Cell::new(2, (0, 0)), Cell::new(1, (0, 0))]);
        let p = patch(&obj).unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(&p.indices()[..], &[(0, 0)]);
        assert!(patch(&Value::Int(3)).is_err());
        let two_columns = Value::grid(Grid::from_rows(&[[1i8, 2], [0, 5]]).unwrap());
        assert_eq!(
            &patch(&two_columns).unwrap().indices()[..],
            &[(0, 5), (1, 2)]
        );
        assert!(patch(&Value::grid(Grid::from_rows(&[[1i8, 2, 3]]).unwrap())).is_err());
        assert!(patch(&Value::set(vec![Value::Int(1)])).is_err());
    }

    #[test]
    fn merge_keeps_the_outer_kind() {
        let mut ctx = Ctx::default();
        let a = Value::indices(vec![(0, 0)]);
        let b = Value::indices(vec![(0, 0), (1, 1)]);
        let set = Value::set(vec![a.clone(), b.clone()]);
        assert_eq!(
            merge(&mut ctx, &set).unwrap(),
            Value::indices(vec![(0, 0), (1, 1)])
        );
        let tup = Value::tuple(vec![a, b]);
        let merged = merge(&mut ctx, &tup).unwrap();
        assert_eq!(
            merged,
            Value::tuple(vec![
                Value::Pair(0, 0),
                Value::Pair(0, 0),
                Value::Pair(1, 1)
            ])
        );
        assert!(merge(&mut ctx, &Value::Int(1)).is_err());
    }
}

//! Steps the host folds for the step-major engine: a step whose operands
//! are all constants has one value on every sample, which the CPU computes
//! once when it loads the card. The engine reads that value as a constant
//! ([`StepPlan::of_folded`]) instead of computing it per sample, so a
//! chain of constants that passes through a value no device form holds (an
//! outline of an outline leaving the frame) still gives its readers a
//! value they can hold.

use batt_gen::step_kernels::{Folded, StepPlan, size_of};
use batt_gen::templates::Ty;

use super::DeviceGrid;
use crate::dsl::Value;
use crate::dsl::{Cell, Idx};

/// The frame of the device's sets and grids.
const SIDE: i32 = 30;

/// The most sets of positions a `Patches` holds (`BATT_PATCHES`).
const PATCHES: usize = 128;

/// The most integers an `Ints` holds, or pairs a `Pairs` (`BATT_INTS`).
const INTS: usize = 128;

/// The most pairs an `Offsets` holds.
const OFFSETS: usize = 128;

/// The largest integer read as a constant: the device keeps the integers
/// near `i64::MIN` for values no integer is (`()`, `None`).
const LARGEST: i64 = 1 << 62;

/// The step-major plan of `card` with the values the host folded
/// (`folded[k]` for step `k`, `None` where the step is not folded or
/// failed when it was: a failure counts on every sample, so the step
/// runs).
pub fn plan(
    card: &batt_gen::ir::Card,
    schedule: &batt_gen::schedule::Schedule,
    folded: &[Option<Value>],
) -> Result<StepPlan, String> {
    let folded: Vec<Option<Folded>> = folded.iter().map(|v| v.as_ref().map(fold)).collect();
    StepPlan::of_folded(card, schedule, &folded)
}

/// The device form of a folded value `v`, as its readers take it: an
/// integer, a boolean or a pair as an argument; a grid, a set of
/// positions, an object, a set of disjoint objects, a set of at most 128
/// sets of positions, or a tuple of at most 128 integers or pairs as the
/// bytes of its device type, and a set of at most 64 positions some of
/// which are outside the frame as offsets; anything else (a callable, an
/// empty set or tuple, whose type the value does not tell) is
/// [`Folded::Opaque`].
pub fn fold(v: &Value) -> Folded {
    let small = |n: i64| (-LARGEST..=LARGEST).contains(&n);
    match v {
        Value::Bool(b) => Folded::Int(Ty::Bool, i64::from(*b)),
        Value::Int(n) if small(*n) => Folded::Int(Ty::Int, *n),
        Value::Pair(a, b) if small(*a) && small(*b) => Folded::Pair(*a, *b),
        Value::Grid(g) => match DeviceGrid::from_grid(g) {
            Some(d) => bytes(Ty::Grid, |b| {
                b[..4].copy_from_slice(&d.h.to_le_bytes());
                b[4..8].copy_from_slice(&d.w.to_le_bytes());
                b[8..908].copy_from_slice(&d.c);
                true
            }),
            None => Folded::Opaque,
        },
        Value::Indices(idx) if idx.iter().all(|&(i, j)| inside(i, j).is_some()) => {
            bytes(Ty::Indices, |b| put_indices(b, idx))
        }
        // Positions outside the frame: offsets, `int n` then the pairs at
        // 8, ascending as the set's.
        Value::Indices(idx) => bytes(Ty::Offsets, |b| {
            put_members(b, idx, OFFSETS, |b, k, &(i, j)| {
                put_pair(b, 8 + 16 * k, i64::from(i), i64::from(j));
                true
            })
        }),
        Value::Object(cells) => bytes(Ty::Object, |b| put_object(b, cells)),
        Value::Set(items) | Value::Tuple(items) if items.is_empty() => Folded::Opaque,
        Value::Set(items) if items.iter().all(|x| matches!(x, Value::Indices(_))) => {
            bytes(Ty::Patches, |b| {
                // `int n`, then the sets at 16 (an `Indices` is 16-byte
                // aligned), 128 bytes each.
                put_members(b, items, PATCHES, |b, k, x| match x {
                    Value::Indices(idx) => put_indices(&mut b[16 + 128 * k..], idx),
                    _ => false,
                })
            })
        }
        Value::Set(items) if items.iter().all(|x| matches!(x, Value::Object(_))) => {
            bytes(Ty::Objects, |b| put_objects(b, items))
        }
        Value::Tuple(items) if items.iter().all(|x| matches!(x, Value::Int(_))) => {
            bytes(Ty::Ints, |b| {
                // `int n`, then the integers at 8.
                put_members(b, items, INTS, |b, k, x| match x {
                    Value::Int(n) if small(*n) => {
                        b[8 + 8 * k..16 + 8 * k].copy_from_slice(&n.to_le_bytes());
                        true
                    }
                    _ => false,
                })
            })
        }
        Value::Tuple(items) if items.iter().all(|x| matches!(x, Value::Pair(..))) => {
            bytes(Ty::Pairs, |b| {
                // `int n`, then the pairs at 8, 16 bytes each.
                put_members(b, items, INTS, |b, k, x| match x {
                    Value::Pair(i, j) if small(*i) && small(*j) => {
                        put_pair(b, 8 + 16 * k, *i, *j);
                        true
                    }
                    _ => false,
                })
            })
        }
        _ => Folded::Opaque,
    }
}

/// The bytes of a value of `ty`, zeroed and then written by `put`, or
/// [`Folded::Opaque`] where `put` finds the value outside the form.
fn bytes(ty: Ty, put: impl FnOnce(&mut [u8]) -> bool) -> Folded {
    let mut b = vec![0u8; size_of(&ty) as usize];
    if put(&mut b) {
        Folded::Bytes(ty, b)
    } else {
        Folded::Opaque
    }
}

/// A container's count (`int n` at its start).
fn put_count(b: &mut [u8], n: usize) -> bool {
    match i32::try_from(n) {
        Ok(n) => {
            b[..4].copy_from_slice(&n.to_le_bytes());
            true
        }
        Err(_) => false,
    }
}

/// A container of `items`: its count (`int n` at its start), then each
/// written by `put` (given the bytes and its place); false where there are
/// more than `cap` or `put` finds one outside the form.
fn put_members<T>(
    b: &mut [u8],
    items: &[T],
    cap: usize,
    mut put: impl FnMut(&mut [u8], usize, &T) -> bool,
) -> bool {
    items.len() <= cap
        && put_count(b, items.len())
        && items.iter().enumerate().all(|(k, x)| put(b, k, x))
}

/// `struct Pair` (two `i64`) at byte `at`.
fn put_pair(b: &mut [u8], at: usize, i: i64, j: i64) {
    b[at..at + 8].copy_from_slice(&i.to_le_bytes());
    b[at + 8..at + 16].copy_from_slice(&j.to_le_bytes());
}

/// The position's place in the frame's cells, where it is inside it.
fn inside(i: i32, j: i32) -> Option<usize> {
    ((0..SIDE).contains(&i) && (0..SIDE).contains(&j)).then(|| (i * SIDE + j) as usize)
}

/// Sets the position's bit in the 30 row masks at the start of `b`.
fn put_bit(b: &mut [u8], p: usize) {
    let (row, col) = (p / SIDE as usize, p % SIDE as usize);
    b[4 * row + col / 8] |= 1 << (col % 8);
}

/// The row masks of `struct Indices` (bit j of row i, little-endian).
fn put_indices(b: &mut [u8], idx: &[Idx]) -> bool {
    idx.iter().all(|&(i, j)| match inside(i, j) {
        Some(p) => {
            put_bit(b, p);
            true
        }
        None => false,
    })
}

/// `struct Object`: the row masks, then a colour per cell at 120; one cell
/// per position, colours 0..15.
fn put_object(b: &mut [u8], cells: &[Cell]) -> bool {
    cells.iter().all(|c| match inside(c.i, c.j) {
        Some(p) if (0..16).contains(&c.colour) && b[120 + p] == 0 && !has_bit(b, p) => {
            put_bit(b, p);
            b[120 + p] = c.colour as u8;
            true
        }
        _ => false,
    })
}

/// Whether the position's bit is set in the row masks at the start of `b`.
fn has_bit(b: &[u8], p: usize) -> bool {
    let (row, col) = (p / SIDE as usize, p % SIDE as usize);
    b[4 * row + col / 8] & (1 << (col % 8)) != 0
}

/// `struct Objects`: `int n`, a label per cell at 4 (`u16`, 0 for none,
/// else the member's place plus one in the set's order, the canonical
/// one), a colour per cell at 1,804; the members disjoint.
fn put_objects(b: &mut [u8], items: &[Value]) -> bool {
    put_members(b, items, usize::from(u16::MAX), |b, k, x| {
        let (Value::Object(cells), Ok(label)) = (x, u16::try_from(k + 1)) else {
            return false;
        };
        cells.iter().all(|c| match inside(c.i, c.j) {
            Some(p) if (0..16).contains(&c.colour) => {
                let at = 4 + 2 * p;
                if b[at..at + 2] != [0, 0] {
                    return false;
                }
                b[at..at + 2].copy_from_slice(&label.to_le_bytes());
                b[1804 + p] = c.colour as u8;
                true
            }
            _ => false,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::Grid;

    fn indices(xs: &[Idx]) -> Value {
        Value::indices(xs.to_vec())
    }

    fn object(xs: &[(i32, Idx)]) -> Value {
        Value::object(xs.iter().map(|&(c, ij)| Cell::new(c, ij)).collect())
    }

    fn grid(rows: &[&[i8]]) -> Value {
        Value::grid(Grid::from_rows(rows).unwrap_or_else(|e| panic!("{e}")))
    }

    fn folded_bytes(v: &Value) -> (String, Vec<u8>) {
        match fold(v) {
            Folded::Bytes(ty, b) => (ty.name().to_owned(), b),
            other => panic!("{v:?} folded as {other:?}"),
        }
    }

    #[test]
    fn member_limits_are_the_preludes() {
        let define = |name: &str| {
            batt_gen::templates::prelude_define(name)
                .unwrap_or_else(|| panic!("the prelude defines {name}"))
        };
        assert_eq!(
            (PATCHES, INTS, OFFSETS),
            (
                define("BATT_PATCHES"),
                define("BATT_INTS"),
                define("BATT_OFFSETS")
            )
        );
    }

    #[test]
    fn numbers_and_pairs_are_arguments_and_extremes_are_opaque() {
        assert!(matches!(fold(&Value::Int(-7)), Folded::Int(Ty::Int, -7)));
        assert!(matches!(fold(&Value::Bool(true)), Folded::Int(Ty::Bool, 1)));
        assert!(matches!(fold(&Value::Pair(3, -4)), Folded::Pair(3, -4)));
        assert!(matches!(fold(&Value::Int(i64::MIN)), Folded::Opaque));
        assert!(matches!(fold(&Value::Pair(0, i64::MAX)), Folded::Opaque));
    }

    #[test]
    fn positions_are_bits_of_their_rows() {
        let (ty, b) = folded_bytes(&indices(&[(0, 0), (1, 9), (29, 29)]));
        assert_eq!((ty.as_str(), b.len()), ("Indices", 128));
        let row = |i: usize| u32::from_le_bytes(b[4 * i..4 * i + 4].try_into().unwrap());
        assert_eq!((row(0), row(1), row(29)), (1, 1 << 9, 1 << 29));
        assert_eq!((1..29).filter(|&i| row(i) != 0).count(), 1);
        // Outside the frame: offsets, in the set's order.
        let (ty, b) = folded_bytes(&indices(&[(0, 0), (-1, 2)]));
        assert_eq!((ty.as_str(), b.len(), b[0]), ("Offsets", 2064, 2));
        let at = |k: usize| i64::from_le_bytes(b[k..k + 8].try_into().unwrap());
        assert_eq!((at(8), at(16), at(24), at(32)), (-1, 2, 0, 0));
        let wide = Value::indices((0..129).map(|j| (-1, j)).collect());
        assert!(matches!(fold(&wide), Folded::Opaque));
    }

    #[test]
    fn objects_keep_a_colour_per_position_and_sets_of_them_number_their_members() {
        let (ty, b) = folded_bytes(&object(&[(3, (0, 1)), (5, (2, 0))]));
        assert_eq!((ty.as_str(), b.len()), ("Object", 1024));
        assert_eq!((b[0], b[8], b[120 + 1], b[120 + 60]), (2, 1, 3, 5));
        // Two colours at one position: no device object.
        assert!(matches!(
            fold(&object(&[(3, (0, 1)), (5, (0, 1))])),
            Folded::Opaque
        ));
        let set = Value::set(vec![
            object(&[(4, (1, 1))]),
            object(&[(2, (0, 5)), (2, (0, 6))]),
        ]);
        let (ty, b) = folded_bytes(&set);
        assert_eq!((ty.as_str(), b.len()), ("Objects", 2704));
        let label = |p: usize| u16::from_le_bytes([b[4 + 2 * p], b[5 + 2 * p]]);
        // The set's order: the object of colour 2 first.
        assert_eq!(
            (b[0], label(5), label(6), label(31), label(0)),
            (2, 1, 1, 2, 0)
        );
        assert_eq!((b[1804 + 5], b[1804 + 31]), (2, 4));
        let overlapping = Value::set(vec![object(&[(4, (1, 1))]), object(&[(2, (1, 1))])]);
        assert!(matches!(fold(&overlapping), Folded::Opaque));
    }

    #[test]
    fn grids_tuples_and_sets_of_patches_take_their_device_layouts() {
        let (ty, b) = folded_bytes(&grid(&[&[1, 2], &[3, 4], &[5, 6]]));
        assert_eq!((ty.as_str(), b.len()), ("Grid", 912));
        assert_eq!(
            (b[0], b[4], b[8], b[9], b[8 + 30], b[8 + 61]),
            (3, 2, 1, 2, 3, 6)
        );
        // (Two integers are a pair.)
        let ints = Value::tuple(vec![Value::Int(4), Value::Int(-1), Value::Int(9)]);
        let (ty, b) = folded_bytes(&ints);
        assert_eq!((ty.as_str(), b.len(), b[0]), ("Ints", 1040, 3));
        assert_eq!(i64::from_le_bytes(b[16..24].try_into().unwrap()), -1);
        let pairs = Value::tuple(vec![Value::Pair(1, 2), Value::Pair(-3, 4)]);
        let (ty, b) = folded_bytes(&pairs);
        assert_eq!((ty.as_str(), b.len(), b[0]), ("Pairs", 2064, 2));
        assert_eq!(i64::from_le_bytes(b[24..32].try_into().unwrap()), -3);
        let patches = Value::set(vec![indices(&[(0, 1)]), indices(&[(2, 2), (2, 3)])]);
        let (ty, b) = folded_bytes(&patches);
        assert_eq!((ty.as_str(), b.len(), b[0]), ("Patches", 16400, 2));
        // The first set at 16, the second at 144 (its row 2 at 152).
        assert_eq!((b[16], b[152]), (2, 0b1100));
        // Empty containers say nothing of their type; too many members
        // fit no form.
        assert!(matches!(fold(&Value::empty_set()), Folded::Opaque));
        let most = Value::tuple((0..128).map(Value::Int).collect());
        assert_eq!(folded_bytes(&most).1[..2], [128, 0]);
        let many = Value::tuple((0..129).map(Value::Int).collect());
        assert!(matches!(fold(&many), Folded::Opaque));
    }
}

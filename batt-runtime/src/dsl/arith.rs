//! Primitives: arithmetic, logic and comparison.
//!
//! Integers and integer pairs broadcast as in the reference DSL: `add`,
//! `subtract`, `multiply` and `divide` take an integer or an IntegerTuple on
//! either side, and the unary operations (`invert`, `double`, `halve`,
//! `increment`, `decrement`, `crement`, `sign`) take either. Booleans are
//! integers, as in Python. Arithmetic is on `i64` and checked: a result that
//! Python's unbounded integers would hold but `i64` cannot is an error.
//! Division and `halve` floor as Python's `//` does.
//!
//! The logic primitives (`flip`, `both`, `either`, `branch`) follow Python's
//! truthiness; `both` and `either` return one of their arguments, as `and`
//! and `or` do. `greater` is Python's `>`: numeric on numbers,
//! lexicographic on tuples, proper superset on sets, a type error across
//! kinds.
//!
//! Where the reference indexes `x[0]` and `x[1]` of a tuple argument, batt
//! takes the first two elements of any tuple whose first two elements are
//! numbers, as Python does. Deliberate restriction: Python would also
//! concatenate or repeat tuples of tuples (`double` of a grid repeats its
//! rows); such inputs are a type error here.

use std::cmp::Ordering;

use super::PrimDef;
use super::dialect::version::unit_as_number;
use super::error::{Ctx, DslError, Result};
use super::value::{Kind, Value};

/// An arithmetic operand: an integer or an IntegerTuple.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Num {
    /// An integer (or boolean).
    Int(i64),
    /// A pair of integers.
    Pair(i64, i64),
}

const NOT_NUMERICAL: &str = "expected an integer or an integer pair";
const OVERFLOW: &str = "integer overflow";

/// Reads an integer or an IntegerTuple (see the module documentation for
/// which tuples count).
fn num(v: &Value) -> Result<Num> {
    match v {
        Value::Int(n) => Ok(Num::Int(*n)),
        Value::Bool(b) => Ok(Num::Int(i64::from(*b))),
        Value::Pair(a, b) => Ok(Num::Pair(*a, *b)),
        Value::Tuple(items) => match &items[..] {
            [a, b, ..] => match (a.as_int(), b.as_int()) {
                (Some(a), Some(b)) => Ok(Num::Pair(a, b)),
                _ => Err(DslError::Type(NOT_NUMERICAL)),
            },
            _ => Err(DslError::Type(NOT_NUMERICAL)),
        },
        _ => Err(DslError::Type(NOT_NUMERICAL)),
    }
}

/// An integer or an integer pair as a value.
fn num_value(n: Num) -> Value {
    match n {
        Num::Int(x) => Value::Int(x),
        Num::Pair(a, b) => Value::Pair(a, b),
    }
}

/// [`broadcast`], where under `batt-2025-11` an operand `()` reads as
/// `unit` (that version's arithmetic).
fn broadcast_reading_units(
    a: &Value,
    b: &Value,
    unit: i64,
    op: fn(i64, i64) -> Result<i64>,
) -> Result<Value> {
    // Only `()` reads as a number: anything else (most calls, numbers and
    // pairs) goes straight on.
    let is_unit = |v: &Value| matches!(v, Value::Tuple(items) if items.is_empty());
    if !is_unit(a) && !is_unit(b) {
        return broadcast(a, b, op);
    }
    let (a2, b2) = (unit_as_number(a, unit), unit_as_number(b, unit));
    broadcast(a2.as_ref().unwrap_or(a), b2.as_ref().unwrap_or(b), op)
}

/// `op` broadcast over integers and pairs (inlined where called, so that
/// `op` is known there).
#[inline(always)]
fn broadcast(a: &Value, b: &Value, op: fn(i64, i64) -> Result<i64>) -> Result<Value> {
    let out = match (num(a)?, num(b)?) {
        (Num::Int(x), Num::Int(y)) => Num::Int(op(x, y)?),
        (Num::Pair(a0, a1), Num::Pair(b0, b1)) => Num::Pair(op(a0, b0)?, op(a1, b1)?),
        (Num::Int(x), Num::Pair(b0, b1)) => Num::Pair(op(x, b0)?, op(x, b1)?),
        (Num::Pair(a0, a1), Num::Int(y)) => Num::Pair(op(a0, y)?, op(a1, y)?),
    };
    Ok(num_value(out))
}

/// `op` applied to an integer or to both elements of a pair (inlined
/// likewise).
#[inline(always)]
fn elementwise(n: &Value, op: fn(i64) -> Result<i64>) -> Result<Value> {
    let out = match num(n)? {
        Num::Int(x) => Num::Int(op(x)?),
        Num::Pair(a, b) => Num::Pair(op(a)?, op(b)?),
    };
    Ok(num_value(out))
}

fn checked(r: Option<i64>) -> Result<i64> {
    r.ok_or(DslError::Value(OVERFLOW))
}

/// Python's `a // b`: division rounding towards negative infinity.
fn floor_div(a: i64, b: i64) -> Result<i64> {
    if b == 0 {
        return Err(DslError::Value("integer division by zero"));
    }
    let q = checked(a.checked_div(b))?;
    let r = checked(a.checked_rem(b))?;
    if r != 0 && ((r < 0) != (b < 0)) {
        checked(q.checked_sub(1))
    } else {
        Ok(q)
    }
}

/// Rough work of visiting a value: its cells for a grid, else its length.
fn weight(v: &Value) -> usize {
    match v {
        Value::Grid(g) => g.cells().len(),
        _ => v.len().unwrap_or(1),
    }
}

/// Python's `a > b` (also what `max` and `min` compare with).
pub(super) fn py_gt(ctx: &mut Ctx, a: &Value, b: &Value) -> Result<bool> {
    match (a.kind(), b.kind()) {
        (Kind::Number, Kind::Number) => Ok(a.as_int() > b.as_int()),
        (Kind::Tuple, Kind::Tuple) => tuple_gt(ctx, a, b),
        (Kind::Set, Kind::Set) => proper_superset(ctx, a, b),
        _ => Err(DslError::Type("'>' is not supported between these types")),
    }
}

/// Python's `>` on tuples: the first unequal elements decide, else the
/// longer tuple is greater.
fn tuple_gt(ctx: &mut Ctx, a: &Value, b: &Value) -> Result<bool> {
    // Two pairs, or two grids, hold comparable numbers at every place: they
    // compare as the canonical order does. (A pair against a grid compares
    // an integer with a row, a type error.)
    if matches!(
        (a, b),
        (Value::Pair(..), Value::Pair(..)) | (Value::Grid(_), Value::Grid(_))
    ) {
        ctx.charge(weight(a).min(weight(b)))?;
        return Ok(a.total_cmp(b) == Ordering::Greater);
    }
    let (n, m) = (a.len().unwrap_or(0), b.len().unwrap_or(0));
    ctx.charge(n.min(m))?;
    for k in 0..n.min(m) {
        let (Some(x), Some(y)) = (a.get(k), b.get(k)) else {
            break;
        };
        if !x.py_eq(&y) {
            ctx.charge(weight(&x).min(weight(&y)))?;
            return py_gt(ctx, &x, &y);
        }
    }
    Ok(n > m)
}

/// Python's `>` on frozensets: `a` is a proper superset of `b`.
fn proper_superset(ctx: &mut Ctx, a: &Value, b: &Value) -> Result<bool> {
    let (n, m) = (a.len().unwrap_or(0), b.len().unwrap_or(0));
    if n <= m {
        return Ok(false);
    }
    ctx.charge(n.saturating_add(m))?;
    match (a, b) {
        (Value::Indices(x), Value::Indices(y)) => Ok(y.iter().all(|e| x.binary_search(e).is_ok())),
        (Value::Object(x), Value::Object(y)) => Ok(y.iter().all(|e| x.binary_search(e).is_ok())),
        _ => {
            let xs = a.items().unwrap_or_default();
            let ys = b.items().unwrap_or_default();
            // Set elements are sorted in the canonical order, whose equality
            // is Python's `==`.
            Ok(ys
                .iter()
                .all(|e| xs.binary_search_by(|x| x.total_cmp(e)).is_ok()))
        }
    }
}

/// `identity(x)`: `x` itself.
pub fn identity(_: &mut Ctx, x: &Value) -> Result<Value> {
    Ok(x.clone())
}

/// `add(a, b)`: `a + b`, broadcast over integers and pairs (under
/// `batt-2025-11`, an operand `()` is 0; 1 for `multiply` and `divide`).
pub fn add(_: &mut Ctx, a: &Value, b: &Value) -> Result<Value> {
    broadcast_reading_units(a, b, 0, |x, y| checked(x.checked_add(y)))
}

/// `subtract(a, b)`: `a - b`, broadcast over integers and pairs.
pub fn subtract(_: &mut Ctx, a: &Value, b: &Value) -> Result<Value> {
    broadcast_reading_units(a, b, 0, |x, y| checked(x.checked_sub(y)))
}

/// `multiply(a, b)`: `a * b`, broadcast over integers and pairs.
pub fn multiply(_: &mut Ctx, a: &Value, b: &Value) -> Result<Value> {
    broadcast_reading_units(a, b, 1, |x, y| checked(x.checked_mul(y)))
}

/// `divide(a, b)`: floor division `a // b`, broadcast over integers and pairs.
pub fn divide(_: &mut Ctx, a: &Value, b: &Value) -> Result<Value> {
    broadcast_reading_units(a, b, 1, floor_div)
}

/// `invert(n)`: `-n` of an integer or of each element of a pair.
pub fn invert(_: &mut Ctx, n: &Value) -> Result<Value> {
    elementwise(n, |x| checked(x.checked_neg()))
}

/// `even(n)`: whether the integer `n` is even.
pub fn even(_: &mut Ctx, n: &Value) -> Result<Value> {
    let n = n.int("even takes an integer")?;
    Ok(Value::Bool(n % 2 == 0))
}

/// `double(n)`: `n * 2` of an integer or of each element of a pair.
pub fn double(_: &mut Ctx, n: &Value) -> Result<Value> {
    elementwise(n, |x| checked(x.checked_mul(2)))
}

/// `halve(n)`: `n // 2` of an integer or of each element of a pair.
pub fn halve(_: &mut Ctx, n: &Value) -> Result<Value> {
    elementwise(n, |x| floor_div(x, 2))
}

/// `flip(b)`: logical not of `b`'s truthiness.
pub fn flip(_: &mut Ctx, b: &Value) -> Result<Value> {
    Ok(Value::Bool(!b.truthy()))
}

/// `equality(a, b)`: Python's `a == b`.
pub fn equality(ctx: &mut Ctx, a: &Value, b: &Value) -> Result<Value> {
    ctx.charge(weight(a).min(weight(b)))?;
    Ok(Value::Bool(a.py_eq(b)))
}

/// `greater(a, b)`: Python's `a > b` (numbers, tuples, or sets as superset).
pub fn greater(ctx: &mut Ctx, a: &Value, b: &Value) -> Result<Value> {
    py_gt(ctx, a, b).map(Value::Bool)
}

/// `both(a, b)`: Python's `a and b` (`a` if it is falsy, else `b`).
pub fn both(_: &mut Ctx, a: &Value, b: &Value) -> Result<Value> {
    Ok(if a.truthy() { b.clone() } else { a.clone() })
}

/// `either(a, b)`: Python's `a or b` (`a` if it is truthy, else `b`).
pub fn either(_: &mut Ctx, a: &Value, b: &Value) -> Result<Value> {
    Ok(if a.truthy() { a.clone() } else { b.clone() })
}

/// `increment(x)`: `x + 1` of an integer or of each element of a pair.
pub fn increment(_: &mut Ctx, x: &Value) -> Result<Value> {
    elementwise(x, |x| checked(x.checked_add(1)))
}

/// `decrement(x)`: `x - 1` of an integer or of each element of a pair.
pub fn decrement(_: &mut Ctx, x: &Value) -> Result<Value> {
    elementwise(x, |x| checked(x.checked_sub(1)))
}

/// `crement(x)`: moves each non-zero integer one step away from zero.
pub fn crement(_: &mut Ctx, x: &Value) -> Result<Value> {
    elementwise(x, |x| match x.cmp(&0) {
        Ordering::Equal => Ok(0),
        Ordering::Greater => checked(x.checked_add(1)),
        Ordering::Less => checked(x.checked_sub(1)),
    })
}

/// `sign(x)`: the sign (-1, 0 or 1) of an integer or of each element of a pair.
pub fn sign(_: &mut Ctx, x: &Value) -> Result<Value> {
    elementwise(x, |x| Ok(x.signum()))
}

/// `positive(x)`: whether the integer `x` is greater than zero.
pub fn positive(_: &mut Ctx, x: &Value) -> Result<Value> {
    let x = x.int("positive takes an integer")?;
    Ok(Value::Bool(x > 0))
}

/// `toivec(i)`: the vertical vector `(i, 0)`.
pub fn toivec(_: &mut Ctx, i: &Value) -> Result<Value> {
    Ok(Value::two(i.clone(), Value::Int(0)))
}

/// `tojvec(j)`: the horizontal vector `(0, j)`.
pub fn tojvec(_: &mut Ctx, j: &Value) -> Result<Value> {
    Ok(Value::two(Value::Int(0), j.clone()))
}

/// `astuple(a, b)`: the 2-tuple `(a, b)`.
pub fn astuple(_: &mut Ctx, a: &Value, b: &Value) -> Result<Value> {
    Ok(Value::two(a.clone(), b.clone()))
}

/// `branch(condition, a, b)`: `a` if `condition` is truthy, else `b`.
pub fn branch(_: &mut Ctx, condition: &Value, a: &Value, b: &Value) -> Result<Value> {
    Ok(if condition.truthy() {
        a.clone()
    } else {
        b.clone()
    })
}

/// The arithmetic, logic and comparison primitives.
pub(super) const PRIMS: &[PrimDef] = &[
    prim!(identity, 1),
    prim!(add, 2),
    prim!(subtract, 2),
    prim!(multiply, 2),
    prim!(divide, 2),
    prim!(invert, 1),
    prim!(even, 1),
    prim!(double, 1),
    prim!(halve, 1),
    prim!(flip, 1),
    prim!(equality, 2),
    prim!(greater, 2),
    prim!(both, 2),
    prim!(either, 2),
    prim!(increment, 1),
    prim!(decrement, 1),
    prim!(crement, 1),
    prim!(sign, 1),
    prim!(positive, 1),
    prim!(toivec, 1),
    prim!(tojvec, 1),
    prim!(astuple, 2),
    prim!(branch, 3),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dsl::Prim;
    use crate::dsl::value::{Cell, cell_value};
    use crate::grid::Grid;

    fn cx() -> Ctx {
        Ctx::default()
    }

    fn i(n: i64) -> Value {
        Value::Int(n)
    }

    fn p(a: i64, b: i64) -> Value {
        Value::Pair(a, b)
    }

    fn tup(items: Vec<Value>) -> Value {
        Value::tuple(items)
    }

    fn set(items: Vec<Value>) -> Value {
        Value::set(items)
    }

    fn grid(rows: &[&[i8]]) -> Value {
        Value::grid(Grid::from_rows(rows).unwrap())
    }

    /// `(True, 1)`: a 2-tuple of numbers that is not a `Pair`.
    fn bool_pair() -> Value {
        tup(vec![Value::Bool(true), i(1)])
    }

    fn bin(f: fn(&mut Ctx, &Value, &Value) -> Result<Value>, a: Value, b: Value) -> Result<Value> {
        f(&mut cx(), &a, &b)
    }

    fn un(f: fn(&mut Ctx, &Value) -> Result<Value>, a: Value) -> Result<Value> {
        f(&mut cx(), &a)
    }

    #[test]
    fn every_primitive_is_registered_once_with_its_arity() {
        let names = "identity add subtract multiply divide invert even double halve flip \
            equality greater both either increment decrement crement sign positive toivec \
            tojvec astuple branch";
        let listed: Vec<&str> = PRIMS.iter().map(|d| d.name).collect();
        assert_eq!(listed, names.split_whitespace().collect::<Vec<_>>());
        for d in PRIMS {
            let expected = match d.name {
                "branch" => 3,
                "add" | "subtract" | "multiply" | "divide" | "equality" | "greater" | "both"
                | "either" | "astuple" => 2,
                _ => 1,
            };
            assert_eq!(d.arity, expected, "{}", d.name);
        }
    }

    #[test]
    fn catalogue_entries_call_the_functions() {
        let add = PRIMS.iter().find(|d| d.name == "add").unwrap();
        assert_eq!(add.call(&mut cx(), &[i(2), i(3)]).unwrap(), i(5));
        let branch = PRIMS.iter().find(|d| d.name == "branch").unwrap();
        assert_eq!(
            branch
                .call(&mut cx(), &[Value::Bool(false), i(1), i(2)])
                .unwrap(),
            i(2)
        );
    }

    #[test]
    fn identity_returns_its_argument_unchanged() {
        for v in [
            i(3),
            p(1, 2),
            grid(&[&[1, 2], &[3, 4]]),
            Value::empty_set(),
            Value::None,
            Value::indices(vec![(0, 0), (1, 1)]),
        ] {
            let out = un(identity, v.clone()).unwrap();
            assert_eq!(out, v);
            assert_eq!(out.type_name(), v.type_name());
        }
        let f = Value::func(crate::dsl::Callable::Prim(
            Prim::from_name("identity").unwrap(),
        ));
        assert_eq!(un(identity, f.clone()).unwrap(), f);
    }

    #[test]
    fn add_broadcasts_over_integers_and_pairs() {
        assert_eq!(bin(add, i(2), i(3)).unwrap(), i(5));
        assert_eq!(bin(add, p(1, 2), p(10, 20)).unwrap(), p(11, 22));
        assert_eq!(bin(add, i(1), p(10, 20)).unwrap(), p(11, 21));
        assert_eq!(bin(add, p(10, 20), i(-1)).unwrap(), p(9, 19));
        assert_eq!(bin(add, i(-4), i(4)).unwrap(), i(0));
    }

    #[test]
    fn add_reads_booleans_as_integers() {
        let out = bin(add, Value::Bool(true), Value::Bool(true)).unwrap();
        assert!(matches!(out, Value::Int(2)));
        assert_eq!(bin(add, bool_pair(), p(1, 1)).unwrap(), p(2, 2));
        assert!(matches!(
            bin(add, bool_pair(), i(0)).unwrap(),
            Value::Pair(1, 1)
        ));
    }

    #[test]
    fn add_rejects_non_numerical_arguments() {
        assert!(bin(add, i(1), Value::empty_set()).is_err());
        assert!(bin(add, Value::None, i(1)).is_err());
        assert!(bin(add, Value::indices(vec![(0, 0)]), p(1, 1)).is_err());
        // A longer tuple of numbers is indexed as the reference does.
        assert_eq!(
            bin(add, tup(vec![i(1), i(2), i(3)]), p(1, 1)).unwrap(),
            p(2, 3)
        );
        assert!(bin(add, grid(&[&[1, 2], &[3, 4]]), i(1)).is_err());
        assert!(bin(add, Value::empty_tuple(), i(1)).is_err());
        assert!(bin(add, tup(vec![i(1), p(0, 0)]), i(1)).is_err());
    }

    #[test]
    fn add_overflow_is_an_error_not_a_panic() {
        assert_eq!(
            bin(add, i(i64::MAX), i(1)),
            Err(DslError::Value("integer overflow"))
        );
        assert!(bin(add, p(0, i64::MAX), i(1)).is_err());
        assert!(bin(add, i(i64::MIN), i(-1)).is_err());
    }

    #[test]
    fn add_is_commutative_and_zero_is_neutral() {
        let vals = [i(3), i(-7), p(2, -5), p(0, 9)];
        for a in &vals {
            assert_eq!(bin(add, a.clone(), i(0)).unwrap(), *a);
            for b in &vals {
                assert_eq!(
                    bin(add, a.clone(), b.clone()).unwrap(),
                    bin(add, b.clone(), a.clone()).unwrap()
                );
            }
        }
    }

    #[test]
    fn subtract_broadcasts_over_integers_and_pairs() {
        assert_eq!(bin(subtract, i(2), i(5)).unwrap(), i(-3));
        assert_eq!(bin(subtract, p(5, 5), p(1, 2)).unwrap(), p(4, 3));
        assert_eq!(bin(subtract, i(10), p(1, 2)).unwrap(), p(9, 8));
        assert_eq!(bin(subtract, p(1, 2), i(10)).unwrap(), p(-9, -8));
        assert!(bin(subtract, i(i64::MIN), i(1)).is_err());
        assert!(bin(subtract, Value::empty_set(), i(1)).is_err());
    }

    #[test]
    fn subtract_undoes_add() {
        let vals = [i(3), i(-7), p(2, -5)];
        for a in &vals {
            for b in &vals {
                let sum = bin(add, a.clone(), b.clone()).unwrap();
                let back = bin(subtract, sum.clone(), b.clone()).unwrap();
                // An int plus a pair is a pair: subtracting gives the int on both sides.
                match (a, b) {
                    (Value::Int(x), Value::Pair(..)) => assert_eq!(back, p(*x, *x)),
                    _ => assert_eq!(back, *a),
                }
            }
        }
    }

    #[test]
    fn multiply_broadcasts_over_integers_and_pairs() {
        assert_eq!(bin(multiply, i(6), i(7)).unwrap(), i(42));
        assert_eq!(bin(multiply, p(2, 3), p(4, 5)).unwrap(), p(8, 15));
        assert_eq!(bin(multiply, i(3), p(4, -5)).unwrap(), p(12, -15));
        assert_eq!(bin(multiply, p(4, -5), i(-2)).unwrap(), p(-8, 10));
        assert_eq!(bin(multiply, Value::Bool(false), p(4, 5)).unwrap(), p(0, 0));
    }

    #[test]
    fn multiply_does_not_repeat_tuples() {
        // Python's `tuple * int` repeats; the reference indexes instead.
        assert_eq!(
            bin(multiply, tup(vec![i(1), i(2), i(3)]), i(2)).unwrap(),
            p(2, 4)
        );
        assert!(bin(multiply, i(i64::MAX), i(2)).is_err());
        assert!(bin(multiply, i(1), Value::None).is_err());
    }

    #[test]
    fn divide_is_python_floor_division() {
        assert_eq!(bin(divide, i(7), i(2)).unwrap(), i(3));
        assert_eq!(bin(divide, i(-7), i(2)).unwrap(), i(-4));
        assert_eq!(bin(divide, i(7), i(-2)).unwrap(), i(-4));
        assert_eq!(bin(divide, i(-7), i(-2)).unwrap(), i(3));
        assert_eq!(bin(divide, i(-6), i(2)).unwrap(), i(-3));
        assert_eq!(bin(divide, i(0), i(-5)).unwrap(), i(0));
        assert_eq!(bin(divide, p(7, -7), p(2, 2)).unwrap(), p(3, -4));
        assert_eq!(bin(divide, i(10), p(3, -3)).unwrap(), p(3, -4));
        assert_eq!(bin(divide, p(10, 11), i(5)).unwrap(), p(2, 2));
    }

    #[test]
    fn divide_by_zero_and_overflow_are_errors() {
        assert!(matches!(bin(divide, i(1), i(0)), Err(DslError::Value(_))));
        assert!(bin(divide, p(1, 1), p(1, 0)).is_err());
        assert!(bin(divide, i(1), p(0, 1)).is_err());
        assert!(bin(divide, i(5), Value::Bool(false)).is_err());
        assert!(bin(divide, i(i64::MIN), i(-1)).is_err());
        assert_eq!(bin(divide, i(i64::MIN), i(1)).unwrap(), i(i64::MIN));
    }

    #[test]
    fn divide_and_multiply_satisfy_the_division_identity() {
        for a in -9..=9 {
            for b in [-4, -3, -1, 1, 2, 5] {
                let q = bin(divide, i(a), i(b)).unwrap().as_int().unwrap();
                let r = a - q * b;
                // Python's remainder has the divisor's sign.
                assert!(r == 0 || (r > 0) == (b > 0), "{a} // {b}");
                assert!(r.abs() < b.abs());
            }
        }
    }

    #[test]
    fn invert_negates_integers_and_pairs() {
        assert_eq!(un(invert, i(3)).unwrap(), i(-3));
        assert_eq!(un(invert, i(-3)).unwrap(), i(3));
        assert_eq!(un(invert, p(1, -2)).unwrap(), p(-1, 2));
        assert_eq!(un(invert, Value::Bool(true)).unwrap(), i(-1));
        assert_eq!(un(invert, bool_pair()).unwrap(), p(-1, -1));
        assert!(un(invert, i(i64::MIN)).is_err());
        assert!(un(invert, Value::empty_set()).is_err());
        assert!(un(invert, grid(&[&[1], &[2]])).is_err());
    }

    #[test]
    fn invert_twice_is_identity() {
        for v in [i(0), i(17), i(-5), p(3, -4)] {
            let once = un(invert, v.clone()).unwrap();
            assert_eq!(un(invert, once).unwrap(), v);
        }
    }

    #[test]
    fn even_uses_python_modulo() {
        assert_eq!(un(even, i(4)).unwrap(), Value::Bool(true));
        assert_eq!(un(even, i(0)).unwrap(), Value::Bool(true));
        assert_eq!(un(even, i(7)).unwrap(), Value::Bool(false));
        assert_eq!(un(even, i(-3)).unwrap(), Value::Bool(false));
        assert_eq!(un(even, i(-4)).unwrap(), Value::Bool(true));
        assert_eq!(un(even, i(i64::MIN)).unwrap(), Value::Bool(true));
        assert_eq!(un(even, Value::Bool(true)).unwrap(), Value::Bool(false));
        assert!(matches!(un(even, i(2)).unwrap(), Value::Bool(_)));
    }

    #[test]
    fn even_rejects_pairs_and_containers() {
        assert!(un(even, p(2, 4)).is_err());
        assert!(un(even, Value::empty_set()).is_err());
        assert!(un(even, Value::None).is_err());
    }

    #[test]
    fn double_scales_integers_and_pairs_by_two() {
        assert_eq!(un(double, i(21)).unwrap(), i(42));
        assert_eq!(un(double, i(-3)).unwrap(), i(-6));
        assert_eq!(un(double, p(1, -2)).unwrap(), p(2, -4));
        assert_eq!(un(double, Value::Bool(true)).unwrap(), i(2));
        assert!(un(double, i(i64::MAX / 2 + 1)).is_err());
        assert!(un(double, grid(&[&[1, 2], &[3, 4]])).is_err());
        assert_eq!(un(double, tup(vec![i(1), i(2), i(3)])).unwrap(), p(2, 4));
    }

    #[test]
    fn halve_floors_like_python() {
        assert_eq!(un(halve, i(7)).unwrap(), i(3));
        assert_eq!(un(halve, i(-7)).unwrap(), i(-4));
        assert_eq!(un(halve, i(-1)).unwrap(), i(-1));
        assert_eq!(un(halve, p(5, -5)).unwrap(), p(2, -3));
        assert_eq!(un(halve, i(i64::MIN)).unwrap(), i(i64::MIN / 2));
        assert!(un(halve, Value::empty_tuple()).is_err());
    }

    #[test]
    fn halve_undoes_double() {
        for v in [i(0), i(9), i(-9), p(4, -13)] {
            let d = un(double, v.clone()).unwrap();
            assert_eq!(un(halve, d).unwrap(), v);
        }
    }

    #[test]
    fn flip_is_logical_not_of_truthiness() {
        assert_eq!(un(flip, Value::Bool(true)).unwrap(), Value::Bool(false));
        assert_eq!(un(flip, Value::Bool(false)).unwrap(), Value::Bool(true));
        assert_eq!(un(flip, i(0)).unwrap(), Value::Bool(true));
        assert_eq!(un(flip, i(-2)).unwrap(), Value::Bool(false));
        assert_eq!(un(flip, Value::empty_set()).unwrap(), Value::Bool(true));
        assert_eq!(un(flip, Value::empty_tuple()).unwrap(), Value::Bool(true));
        assert_eq!(un(flip, p(0, 0)).unwrap(), Value::Bool(false));
        assert_eq!(un(flip, Value::None).unwrap(), Value::Bool(true));
        let flipped = un(flip, Value::Bool(true)).unwrap();
        assert_eq!(un(flip, flipped).unwrap(), Value::Bool(true));
    }

    #[test]
    fn equality_is_python_equality_across_representations() {
        assert_eq!(bin(equality, i(1), i(1)).unwrap(), Value::Bool(true));
        assert_eq!(bin(equality, i(1), i(2)).unwrap(), Value::Bool(false));
        assert_eq!(
            bin(equality, Value::Bool(true), i(1)).unwrap(),
            Value::Bool(true)
        );
        let g = grid(&[&[1, 2], &[3, 4]]);
        let t = tup(vec![p(1, 2), p(3, 4)]);
        assert_eq!(bin(equality, g.clone(), t).unwrap(), Value::Bool(true));
        assert_eq!(
            bin(equality, g, grid(&[&[1, 2], &[3, 5]])).unwrap(),
            Value::Bool(false)
        );
        assert_eq!(
            bin(equality, Value::empty_tuple(), Value::empty_set()).unwrap(),
            Value::Bool(false)
        );
        assert_eq!(
            bin(equality, p(1, 2), set(vec![i(1), i(2)])).unwrap(),
            Value::Bool(false)
        );
        assert_eq!(
            bin(equality, bool_pair(), p(1, 1)).unwrap(),
            Value::Bool(true)
        );
        assert_eq!(
            bin(equality, Value::None, Value::None).unwrap(),
            Value::Bool(true)
        );
        assert_eq!(
            bin(equality, Value::None, i(0)).unwrap(),
            Value::Bool(false)
        );
    }

    #[test]
    fn equality_of_an_object_and_indices_is_false() {
        let obj = Value::object(vec![Cell::new(1, (0, 0))]);
        let idx = Value::indices(vec![(0, 0)]);
        assert_eq!(bin(equality, obj.clone(), idx).unwrap(), Value::Bool(false));
        let same = set(vec![cell_value(Cell::new(1, (0, 0)))]);
        assert_eq!(bin(equality, obj, same).unwrap(), Value::Bool(true));
    }

    #[test]
    fn equality_is_symmetric() {
        let vals = [
            i(0),
            Value::Bool(false),
            p(0, 0),
            Value::empty_set(),
            Value::empty_tuple(),
            grid(&[&[0, 0]]),
            tup(vec![p(0, 0)]),
        ];
        for a in &vals {
            for b in &vals {
                assert_eq!(
                    bin(equality, a.clone(), b.clone()).unwrap(),
                    bin(equality, b.clone(), a.clone()).unwrap()
                );
            }
        }
    }

    #[test]
    fn greater_compares_numbers_numerically() {
        assert_eq!(bin(greater, i(3), i(2)).unwrap(), Value::Bool(true));
        assert_eq!(bin(greater, i(2), i(2)).unwrap(), Value::Bool(false));
        assert_eq!(bin(greater, i(-5), i(2)).unwrap(), Value::Bool(false));
        assert_eq!(
            bin(greater, Value::Bool(true), i(0)).unwrap(),
            Value::Bool(true)
        );
        assert_eq!(
            bin(greater, Value::Bool(true), Value::Bool(true)).unwrap(),
            Value::Bool(false)
        );
    }

    #[test]
    fn greater_compares_tuples_lexicographically() {
        assert_eq!(bin(greater, p(1, 3), p(1, 2)).unwrap(), Value::Bool(true));
        assert_eq!(bin(greater, p(1, 2), p(1, 2)).unwrap(), Value::Bool(false));
        assert_eq!(bin(greater, p(0, 9), p(1, 0)).unwrap(), Value::Bool(false));
        let abc = tup(vec![i(1), i(2), i(3)]);
        assert_eq!(
            bin(greater, abc.clone(), p(1, 2)).unwrap(),
            Value::Bool(true)
        );
        assert_eq!(
            bin(greater, p(1, 2), abc.clone()).unwrap(),
            Value::Bool(false)
        );
        assert_eq!(bin(greater, p(1, 3), abc).unwrap(), Value::Bool(true));
        assert_eq!(
            bin(greater, p(0, 0), Value::empty_tuple()).unwrap(),
            Value::Bool(true)
        );
        assert_eq!(
            bin(greater, bool_pair(), p(1, 0)).unwrap(),
            Value::Bool(true)
        );
    }

    #[test]
    fn greater_compares_grids_row_by_row() {
        let a = grid(&[&[1, 2], &[3, 4]]);
        let b = grid(&[&[1, 2], &[3, 3]]);
        assert_eq!(
            bin(greater, a.clone(), b.clone()).unwrap(),
            Value::Bool(true)
        );
        assert_eq!(bin(greater, b, a.clone()).unwrap(), Value::Bool(false));
        let wide = grid(&[&[1, 2, 0]]);
        assert_eq!(
            bin(greater, wide.clone(), a.clone()).unwrap(),
            Value::Bool(true)
        );
        // A grid against the same grid as a tuple of rows.
        let t = tup(vec![p(1, 2), p(3, 3)]);
        assert_eq!(
            bin(greater, a.clone(), t.clone()).unwrap(),
            Value::Bool(true)
        );
        assert_eq!(bin(greater, t, a).unwrap(), Value::Bool(false));
    }

    #[test]
    fn greater_across_kinds_is_a_type_error() {
        assert!(matches!(
            bin(greater, i(1), p(1, 2)),
            Err(DslError::Type(_))
        ));
        assert!(bin(greater, p(1, 2), i(1)).is_err());
        assert!(bin(greater, Value::empty_set(), Value::empty_tuple()).is_err());
        assert!(bin(greater, Value::None, Value::None).is_err());
        assert!(bin(greater, Value::None, i(0)).is_err());
        // Elements compared inside tuples must be comparable too.
        assert!(bin(greater, p(1, 2), grid(&[&[1, 2]])).is_err());
        assert!(bin(greater, p(1, 2), tup(vec![i(1), p(0, 0)])).is_err());
        // ... but only the first unequal pair of elements is compared.
        let a = tup(vec![i(1), i(5), p(0, 0)]);
        let b = tup(vec![i(1), i(4), i(0)]);
        assert_eq!(bin(greater, a, b).unwrap(), Value::Bool(true));
        let f = Value::func(crate::dsl::Callable::Prim(Prim::from_name("add").unwrap()));
        assert!(bin(greater, f.clone(), f).is_err());
    }

    #[test]
    fn greater_on_sets_is_proper_superset() {
        let s12 = set(vec![i(1), i(2)]);
        let s1 = set(vec![i(1)]);
        let s3 = set(vec![i(3)]);
        assert_eq!(
            bin(greater, s12.clone(), s1.clone()).unwrap(),
            Value::Bool(true)
        );
        assert_eq!(
            bin(greater, s1.clone(), s12.clone()).unwrap(),
            Value::Bool(false)
        );
        assert_eq!(
            bin(greater, s12.clone(), s12.clone()).unwrap(),
            Value::Bool(false)
        );
        // Neither is a superset: false both ways, unlike the canonical order.
        assert_eq!(
            bin(greater, s3.clone(), s12.clone()).unwrap(),
            Value::Bool(false)
        );
        assert_eq!(bin(greater, s12.clone(), s3).unwrap(), Value::Bool(false));
        assert_eq!(
            bin(greater, s1, Value::empty_set()).unwrap(),
            Value::Bool(true)
        );
        assert_eq!(
            bin(greater, Value::empty_set(), Value::empty_set()).unwrap(),
            Value::Bool(false)
        );
    }

    #[test]
    fn greater_on_indices_and_objects_is_proper_superset() {
        let big = Value::indices(vec![(0, 0), (0, 1), (5, 5)]);
        let small = Value::indices(vec![(0, 1), (5, 5)]);
        let other = Value::indices(vec![(0, 1), (9, 9)]);
        assert_eq!(
            bin(greater, big.clone(), small.clone()).unwrap(),
            Value::Bool(true)
        );
        assert_eq!(
            bin(greater, small, big.clone()).unwrap(),
            Value::Bool(false)
        );
        assert_eq!(
            bin(greater, big.clone(), other).unwrap(),
            Value::Bool(false)
        );
        let obj = Value::object(vec![Cell::new(1, (0, 0)), Cell::new(2, (0, 1))]);
        let part = Value::object(vec![Cell::new(2, (0, 1))]);
        assert_eq!(bin(greater, obj.clone(), part).unwrap(), Value::Bool(true));
        assert_eq!(
            bin(greater, big, Value::indices(vec![(0, 0)])).unwrap(),
            Value::Bool(true)
        );
        // Cells never equal indices.
        let objs = Value::object(vec![Cell::new(1, (0, 0)), Cell::new(1, (0, 1))]);
        assert_eq!(
            bin(greater, objs, Value::indices(vec![(0, 0)])).unwrap(),
            Value::Bool(false)
        );
        // A mixed set containing indices.
        let mixed = set(vec![i(7), p(0, 0), p(1, 1)]);
        assert_eq!(
            bin(greater, mixed.clone(), Value::indices(vec![(1, 1), (0, 0)])).unwrap(),
            Value::Bool(true)
        );
        assert_eq!(
            bin(greater, mixed, Value::indices(vec![(1, 1), (2, 2)])).unwrap(),
            Value::Bool(false)
        );
    }

    #[test]
    fn greater_inside_tuples_uses_superset_for_sets() {
        // Python: (frozenset({2}),) > (frozenset({1}),) is False.
        let a = tup(vec![set(vec![i(2)])]);
        let b = tup(vec![set(vec![i(1)])]);
        assert_eq!(bin(greater, a, b).unwrap(), Value::Bool(false));
        let a = tup(vec![set(vec![i(1), i(2)])]);
        let b = tup(vec![set(vec![i(1)])]);
        assert_eq!(bin(greater, a, b).unwrap(), Value::Bool(true));
    }

    #[test]
    fn greater_is_irreflexive_and_asymmetric_on_numbers_and_pairs() {
        let vals = [i(-1), i(0), i(3), Value::Bool(true)];
        for a in &vals {
            assert_eq!(
                bin(greater, a.clone(), a.clone()).unwrap(),
                Value::Bool(false)
            );
            for b in &vals {
                let ab = bin(greater, a.clone(), b.clone()).unwrap().truthy();
                let ba = bin(greater, b.clone(), a.clone()).unwrap().truthy();
                assert!(!(ab && ba));
            }
        }
    }

    #[test]
    fn greater_charges_the_budget_for_large_sets() {
        let big = Value::indices((0..1000).map(|k| (k, 0)).collect());
        let small = Value::indices(vec![(0, 0)]);
        let mut ctx = Ctx::new(10);
        assert_eq!(greater(&mut ctx, &big, &small), Err(DslError::Budget));
        let mut ctx = Ctx::new(10);
        let g = Value::grid(Grid::filled(30, 30, 0).unwrap());
        assert_eq!(equality(&mut ctx, &g, &g.clone()), Err(DslError::Budget));
    }

    #[test]
    fn both_returns_the_first_falsy_operand_or_the_second() {
        let t = Value::Bool(true);
        let f = Value::Bool(false);
        assert_eq!(bin(both, t.clone(), t.clone()).unwrap(), t);
        assert_eq!(bin(both, t.clone(), f.clone()).unwrap(), f);
        assert_eq!(bin(both, f.clone(), t.clone()).unwrap(), f);
        assert_eq!(bin(both, f.clone(), f.clone()).unwrap(), f);
        // Values, not booleans, as with Python's `and`.
        assert_eq!(bin(both, i(3), p(4, 5)).unwrap(), p(4, 5));
        let out = bin(both, i(0), p(4, 5)).unwrap();
        assert!(matches!(out, Value::Int(0)));
        assert_eq!(
            bin(both, Value::empty_set(), t).unwrap().type_name(),
            "FrozenSet"
        );
    }

    #[test]
    fn either_returns_the_first_truthy_operand_or_the_second() {
        let t = Value::Bool(true);
        let f = Value::Bool(false);
        assert_eq!(bin(either, t.clone(), f.clone()).unwrap(), t);
        assert_eq!(bin(either, f.clone(), t.clone()).unwrap(), t);
        assert_eq!(bin(either, f.clone(), f.clone()).unwrap(), f);
        assert_eq!(bin(either, t.clone(), t.clone()).unwrap(), t);
        assert_eq!(bin(either, i(3), p(4, 5)).unwrap(), i(3));
        assert_eq!(bin(either, i(0), p(4, 5)).unwrap(), p(4, 5));
        assert_eq!(
            bin(either, Value::empty_tuple(), Value::None).unwrap(),
            Value::None
        );
    }

    #[test]
    fn both_and_either_obey_de_morgan_on_booleans() {
        for a in [false, true] {
            for b in [false, true] {
                let (va, vb) = (Value::Bool(a), Value::Bool(b));
                let and = bin(both, va.clone(), vb.clone()).unwrap();
                let lhs = un(flip, and).unwrap();
                let na = un(flip, va).unwrap();
                let nb = un(flip, vb).unwrap();
                let rhs = bin(either, na, nb).unwrap();
                assert_eq!(lhs, rhs);
            }
        }
    }

    #[test]
    fn increment_and_decrement_step_integers_and_pairs() {
        assert_eq!(un(increment, i(4)).unwrap(), i(5));
        assert_eq!(un(increment, p(-1, 9)).unwrap(), p(0, 10));
        assert_eq!(un(increment, Value::Bool(true)).unwrap(), i(2));
        assert_eq!(un(decrement, i(0)).unwrap(), i(-1));
        assert_eq!(un(decrement, p(0, 5)).unwrap(), p(-1, 4));
        assert_eq!(un(decrement, bool_pair()).unwrap(), p(0, 0));
        assert!(un(increment, i(i64::MAX)).is_err());
        assert!(un(decrement, i(i64::MIN)).is_err());
        assert!(un(increment, Value::empty_set()).is_err());
        assert_eq!(un(decrement, tup(vec![i(1), i(2), i(3)])).unwrap(), p(0, 1));
    }

    #[test]
    fn decrement_undoes_increment() {
        for v in [i(0), i(-8), p(3, -3)] {
            let up = un(increment, v.clone()).unwrap();
            assert_eq!(un(decrement, up).unwrap(), v);
        }
    }

    #[test]
    fn crement_moves_away_from_zero() {
        assert_eq!(un(crement, i(0)).unwrap(), i(0));
        assert_eq!(un(crement, i(3)).unwrap(), i(4));
        assert_eq!(un(crement, i(-3)).unwrap(), i(-4));
        assert_eq!(un(crement, p(-2, 0)).unwrap(), p(-3, 0));
        assert_eq!(un(crement, p(5, -1)).unwrap(), p(6, -2));
        assert_eq!(un(crement, Value::Bool(true)).unwrap(), i(2));
        assert!(un(crement, i(i64::MAX)).is_err());
        assert!(un(crement, i(i64::MIN)).is_err());
        assert!(un(crement, Value::None).is_err());
    }

    #[test]
    fn sign_is_minus_one_zero_or_one() {
        assert_eq!(un(sign, i(0)).unwrap(), i(0));
        assert_eq!(un(sign, i(42)).unwrap(), i(1));
        assert_eq!(un(sign, i(-42)).unwrap(), i(-1));
        assert_eq!(un(sign, i(i64::MIN)).unwrap(), i(-1));
        assert_eq!(un(sign, p(-7, 0)).unwrap(), p(-1, 0));
        assert_eq!(un(sign, p(3, -3)).unwrap(), p(1, -1));
        assert_eq!(un(sign, Value::Bool(false)).unwrap(), i(0));
        assert!(un(sign, Value::empty_tuple()).is_err());
    }

    #[test]
    fn sign_times_magnitude_is_the_number() {
        for n in -5..=5_i64 {
            let s = un(sign, i(n)).unwrap();
            assert_eq!(bin(multiply, s, i(n.abs())).unwrap(), i(n));
        }
    }

    #[test]
    fn positive_is_strictly_greater_than_zero() {
        assert_eq!(un(positive, i(1)).unwrap(), Value::Bool(true));
        assert_eq!(un(positive, i(0)).unwrap(), Value::Bool(false));
        assert_eq!(un(positive, i(-1)).unwrap(), Value::Bool(false));
        assert_eq!(un(positive, Value::Bool(true)).unwrap(), Value::Bool(true));
        assert!(un(positive, p(1, 1)).is_err());
        assert!(un(positive, Value::empty_set()).is_err());
        assert!(un(positive, Value::None).is_err());
    }

    #[test]
    fn toivec_and_tojvec_build_axis_vectors() {
        let v = un(toivec, i(3)).unwrap();
        assert!(matches!(v, Value::Pair(3, 0)));
        let v = un(tojvec, i(-2)).unwrap();
        assert!(matches!(v, Value::Pair(0, -2)));
        // Booleans are integers: the result is an IntegerTuple.
        assert!(matches!(
            un(toivec, Value::Bool(true)).unwrap(),
            Value::Pair(1, 0)
        ));
        // Any value goes in, as in Python.
        let odd = un(toivec, p(1, 2)).unwrap();
        assert_eq!(odd, tup(vec![p(1, 2), i(0)]));
        let odd = un(tojvec, Value::None).unwrap();
        assert_eq!(odd.to_string(), "(0, None)");
    }

    #[test]
    fn toivec_plus_tojvec_is_astuple() {
        for (a, b) in [(0, 0), (2, -3), (-1, 7)] {
            let sum = bin(add, un(toivec, i(a)).unwrap(), un(tojvec, i(b)).unwrap()).unwrap();
            assert_eq!(sum, bin(astuple, i(a), i(b)).unwrap());
        }
    }

    #[test]
    fn astuple_pairs_any_two_values() {
        assert!(matches!(
            bin(astuple, i(1), i(2)).unwrap(),
            Value::Pair(1, 2)
        ));
        assert!(matches!(
            bin(astuple, Value::Bool(true), Value::Bool(false)).unwrap(),
            Value::Pair(1, 0)
        ));
        let g = grid(&[&[1]]);
        let t = bin(astuple, g.clone(), Value::empty_set()).unwrap();
        assert_eq!(t.len(), Some(2));
        assert_eq!(t.get(0).unwrap(), g);
        assert_eq!(t.get(1).unwrap(), Value::empty_set());
        let nested = bin(astuple, p(1, 2), p(3, 4)).unwrap();
        assert_eq!(nested.to_string(), "((1, 2), (3, 4))");
        assert_eq!(nested, grid(&[&[1, 2], &[3, 4]]));
    }

    #[test]
    fn branch_picks_by_truthiness() {
        let mut ctx = cx();
        let (a, b) = (p(1, 1), grid(&[&[5]]));
        assert_eq!(branch(&mut ctx, &Value::Bool(true), &a, &b).unwrap(), a);
        assert_eq!(branch(&mut ctx, &Value::Bool(false), &a, &b).unwrap(), b);
        assert_eq!(branch(&mut ctx, &i(2), &a, &b).unwrap(), a);
        assert_eq!(branch(&mut ctx, &i(0), &a, &b).unwrap(), b);
        assert_eq!(branch(&mut ctx, &Value::empty_set(), &a, &b).unwrap(), b);
        assert_eq!(branch(&mut ctx, &Value::None, &a, &b).unwrap(), b);
        assert_eq!(branch(&mut ctx, &p(0, 0), &a, &b).unwrap(), a);
    }

    #[test]
    fn branch_on_flipped_condition_swaps_the_arms() {
        let mut ctx = cx();
        for c in [Value::Bool(true), Value::Bool(false), i(0), i(5)] {
            let nc = flip(&mut ctx, &c).unwrap();
            assert_eq!(
                branch(&mut ctx, &c, &i(1), &i(2)).unwrap(),
                branch(&mut ctx, &nc, &i(2), &i(1)).unwrap()
            );
        }
    }
}

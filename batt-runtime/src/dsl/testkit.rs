//! Small value builders shared by the DSL modules' unit tests.

use crate::grid::Grid;

use super::value::{Cell, Idx, Value};
use super::{Ctx, Prim, PrimDef};

/// A fresh context with the default budget.
pub(crate) fn c() -> Ctx {
    Ctx::default()
}

/// The primitive `name` as a callable value.
pub(crate) fn f(name: &str) -> Value {
    Prim::from_name(name)
        .unwrap_or_else(|| panic!("no primitive {name}"))
        .value()
}

/// An integer.
pub(crate) fn int(n: i64) -> Value {
    Value::Int(n)
}

/// A tuple of integers.
pub(crate) fn ints(xs: &[i64]) -> Value {
    Value::tuple(xs.iter().map(|&x| Value::Int(x)).collect())
}

/// A set of integers.
pub(crate) fn iset(xs: &[i64]) -> Value {
    Value::set(xs.iter().map(|&x| Value::Int(x)).collect())
}

/// A tuple.
pub(crate) fn tup(xs: Vec<Value>) -> Value {
    Value::tuple(xs)
}

/// A grid from its rows.
pub(crate) fn grid(rows: &[&[i8]]) -> Value {
    Value::grid(Grid::from_rows(rows).unwrap_or_else(|e| panic!("{e}")))
}

/// A set of indices.
pub(crate) fn idx(xs: &[Idx]) -> Value {
    Value::indices(xs.to_vec())
}

/// An object from `(colour, (i, j))` cells.
pub(crate) fn obj(xs: &[(i32, Idx)]) -> Value {
    Value::object(xs.iter().map(|&(c, ij)| Cell::new(c, ij)).collect())
}

/// A cell `(colour, (i, j))` as a generic tuple.
pub(crate) fn cell(colour: i64, i: i64, j: i64) -> Value {
    tup(vec![int(colour), Value::Pair(i, j)])
}

/// Calls every primitive of `prims` with every combination of `samples`
/// as its arguments, each call with a small budget: a panic fails the
/// calling test, any result (error included) is fine.
pub(crate) fn call_with_every_combination(prims: &[PrimDef], samples: &[Value]) {
    let n = samples.len();
    for p in prims {
        let arity = usize::from(p.arity);
        for mut k in 0..n.pow(u32::from(p.arity)) {
            let mut args = Vec::with_capacity(arity);
            for _ in 0..arity {
                args.push(samples[k % n].clone());
                k /= n;
            }
            let _ = p.call(&mut Ctx::new(100_000), &args);
        }
    }
}

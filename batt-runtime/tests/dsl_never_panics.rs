//! Every primitive, called with arbitrary values of arbitrary types and
//! arities, returns a value or an error: it never panics, and a runaway
//! call ends on the work budget.

use batt_runtime::dsl::{Callable, Cell, Ctx, Prim, Value, call};
use batt_runtime::grid::Grid;
use proptest::prelude::*;

fn small_int() -> impl Strategy<Value = i64> {
    prop_oneof![
        8 => -3i64..12,
        1 => -40i64..40,
        1 => prop_oneof![Just(i64::MAX), Just(i64::MIN), Just(1i64 << 40), Just(-(1i64 << 40))],
    ]
}

fn grid() -> impl Strategy<Value = Value> {
    (1usize..7, 1usize..7)
        .prop_flat_map(|(h, w)| {
            prop::collection::vec(0i8..10, h * w).prop_map(move |cells| (h, w, cells))
        })
        .prop_map(|(h, w, cells)| Value::grid(Grid::new(h, w, cells).expect("sizes match")))
}

fn index() -> impl Strategy<Value = (i32, i32)> {
    (-2i32..8, -2i32..8)
}

fn indices() -> impl Strategy<Value = Value> {
    prop::collection::vec(index(), 0..8).prop_map(Value::indices)
}

fn object() -> impl Strategy<Value = Value> {
    prop::collection::vec((0i32..10, index()), 0..8).prop_map(|cells| {
        Value::object(
            cells
                .into_iter()
                .map(|(c, idx)| Cell::new(c, idx))
                .collect(),
        )
    })
}

fn primitive() -> impl Strategy<Value = Value> {
    let count = Prim::all().count();
    (0..count).prop_map(|k| Prim::all().nth(k).map_or(Value::None, Prim::value))
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        3 => small_int().prop_map(Value::Int),
        1 => any::<bool>().prop_map(Value::Bool),
        3 => (small_int(), small_int()).prop_map(|(a, b)| Value::Pair(a, b)),
        3 => grid(),
        2 => indices(),
        2 => object(),
        1 => Just(Value::empty_set()),
        1 => Just(Value::empty_tuple()),
        1 => Just(Value::None),
        3 => primitive(),
    ]
}

/// Values of any type: leaves, tuples and sets of values, and callables
/// built by the combinators.
fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::tuple),
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::set),
            (primitive(), inner.clone()).prop_map(|(f, x)| Value::func(Callable::Rbind {
                function: f,
                fixed: x,
                arity: 1,
            })),
            (primitive(), inner.clone()).prop_map(|(f, x)| Value::func(Callable::Lbind {
                function: f,
                fixed: x,
                arity: 2,
            })),
            (inner.clone(), inner.clone())
                .prop_map(|(outer, inner)| Value::func(Callable::Compose { outer, inner })),
            (inner.clone(), inner.clone(), inner.clone())
                .prop_map(|(outer, a, b)| Value::func(Callable::Fork { outer, a, b })),
            (inner.clone(), inner)
                .prop_map(|(function, target)| Value::func(Callable::Matcher { function, target })),
            (primitive(), 2i64..50)
                .prop_map(|(function, n)| Value::func(Callable::Power { function, n })),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    /// Each case calls all 160 primitives with the first `arity` of the
    /// generated values, then with one argument too many.
    #[test]
    fn every_primitive_survives_any_arguments(args in prop::collection::vec(value(), 5)) {
        for prim in Prim::all() {
            let f = prim.value();
            let arity = usize::from(prim.arity());
            let mut ctx = Ctx::new(200_000);
            let _ = call(&mut ctx, &f, &args[..arity]);
            let mut ctx = Ctx::new(200_000);
            prop_assert!(call(&mut ctx, &f, &args[..arity + 1]).is_err());
        }
    }
}

#[test]
fn huge_requests_end_on_the_budget() {
    let canvas = Prim::from_name("canvas").expect("canvas exists").value();
    let mut ctx = Ctx::new(1_000_000);
    let result = call(
        &mut ctx,
        &canvas,
        &[Value::Int(0), Value::Pair(1 << 30, 1 << 30)],
    );
    assert!(result.is_err());
    let interval = Prim::from_name("interval")
        .expect("interval exists")
        .value();
    let mut ctx = Ctx::new(1_000_000);
    let result = call(
        &mut ctx,
        &interval,
        &[Value::Int(0), Value::Int(i64::MAX), Value::Int(1)],
    );
    assert!(result.is_err());
}

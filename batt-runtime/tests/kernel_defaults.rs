//! The kernel generator's stand-ins for `()` defaults the device cannot
//! hold (`batt_gen::templates::EMPTY_TUPLE_AS_EMPTY_SET` and
//! `FAILS_ON_EMPTY_TUPLE`) hold for batt's primitives: at each listed
//! argument place, `()` gives what the empty frozenset gives, or always
//! fails, whatever the other arguments are, or fails unless a patch is
//! empty (`FAILS_UNLESS_EMPTY`); and the step kernels' places
//! where an integer fails (`batt_gen::step_kernels::FAILS_ON_INT`, a
//! `valmax` key of `0`) do fail on one, and those where it passes on
//! (`INT_PASSES`, and `INT_PASSES_BESIDE_INT` beside an integer) give an
//! integer for one (and `0` beside a pair what the origin gives:
//! `ZERO_AS_ORIGIN`); where `()` is handed on as it is
//! (`EMPTY_TUPLE_PASSES`), the empty set is too; and `()` beside a number
//! fails (`FAILS_ON_EMPTY_TUPLE_BESIDE_INT`), where it is compared with an
//! integer (`EMPTY_TUPLE_COMPARED`) it equals nothing but `()`, and it is
//! chosen as it is (`CHOSEN`), and removed from a set it gives the set
//! back (`EMPTY_TUPLE_REMOVED`), and looked up in one it is not found
//! (`EMPTY_TUPLE_ABSENT`), as a pair no position has; a pair holding it
//! (`PAIR_OF`) fails where listed (`FAILS_ON_PAIR_HOLDING_UNIT`), and a
//! set holding it or an
//! integer (`SET_OF`, and given back by `SET_HOLDING_PASSES`) where listed
//! (`FAILS_ON_SET_HOLDING_UNIT_OR_INT`); and as a colour it is an integer
//! beyond i8 (`EMPTY_TUPLE_AS_WIDE_COLOUR`). The places that may read an
//! object keeping only the largest colour at each position
//! (`PAINTED_SINKS`, `PAINTED_PASSES`) read it as they read the whole.

#![allow(clippy::unwrap_used)] // Test helpers may unwrap.

use batt_gen::step_kernels::{
    BLIND_BODIES, BLIND_HOFS, BLIND_READS, FAILS_ON_INT, INT_PASSES, INT_PASSES_BESIDE_INT,
    PASS_BIG, RAGGED_FAILS, SHAPE_READERS, TOTAL_ON_SCALARS, ZERO_AS_ORIGIN, overloads,
};
use batt_gen::templates::{
    CHOSEN, EMPTY_TUPLE_ABSENT, EMPTY_TUPLE_AS_EMPTY_SET, EMPTY_TUPLE_AS_WIDE_COLOUR,
    EMPTY_TUPLE_COMPARED, EMPTY_TUPLE_PASSES, EMPTY_TUPLE_REMOVED, FAILS_ON_EMPTY_TUPLE,
    FAILS_ON_EMPTY_TUPLE_BESIDE_INT, FAILS_ON_PAIR_HOLDING_UNIT, FAILS_ON_SET_HOLDING_UNIT_OR_INT,
    FAILS_UNLESS_EMPTY, PAINTED_PASSES, PAINTED_SINKS, PAIR_OF, SET_HOLDING_PASSES, SET_OF,
};
use batt_gen::templates::{Ty, prelude_define};
use batt_runtime::dsl::{Callable, Cell, Ctx, Prim, Value};
use batt_runtime::grid::Grid;

/// The longest side of a grid too large that the device vouches for
/// (`BATT_OVERSIZE_SIDE` in the prelude).
fn oversize_side() -> usize {
    prelude_define("BATT_OVERSIZE_SIDE").expect("the prelude defines BATT_OVERSIZE_SIDE")
}

/// Patches read with a grid too large up to `side` a side: objects (the
/// empty one first, then two of colours and positions anywhere), then
/// sets of positions, one at the grid's last row, one outside it.
fn patches_of_a_grid_too_large(side: usize) -> Vec<Value> {
    let last = i32::try_from(side).unwrap() - 1;
    vec![
        Value::empty_set(),
        Value::object(vec![Cell::new(3, (0, 1)), Cell::new(12, (35, 2))]),
        Value::object(vec![Cell::new(-7, (1, 1)), Cell::new(2, (-3, 400))]),
        Value::indices(vec![(0, 0), (1, 2), (39, 11), (last, 2)]),
        Value::indices(vec![(-1, 0), (600, 600)]),
    ]
}

/// Values of every kind the kernels deal in, for the other arguments.
fn pool() -> Vec<Value> {
    let grid = Value::grid(Grid::from_rows(&[[0i8, 1, 2], [3, 0, 0], [0, 5, 5]]).unwrap());
    let small = Value::grid(Grid::from_rows(&[[7i8]]).unwrap());
    vec![
        Value::Int(0),
        Value::Int(2),
        Value::Int(-1),
        Value::Bool(true),
        Value::Pair(0, 0),
        Value::Pair(1, -1),
        grid,
        small,
        Value::indices(vec![(0, 0), (1, 2), (2, 1)]),
        Value::object(vec![Cell::new(3, (0, 1)), Cell::new(4, (2, 2))]),
        Value::empty_set(),
        Value::empty_tuple(),
    ]
}

/// [`pool`] and some callables, for the higher-order primitives' places.
fn pool_with_callables() -> Vec<Value> {
    let mut pool = pool();
    pool.extend(
        ["identity", "size", "toindices", "vmirror", "first"]
            .map(|f| Value::func(Callable::Prim(Prim::from_name(f).unwrap()))),
    );
    pool
}

/// Every argument list for `prim` with `slot` set to `v` and the other
/// places from the pool.
fn calls(arity: usize, slot: usize, v: &Value, pool: &[Value]) -> Vec<Vec<Value>> {
    let mut lists = vec![Vec::new()];
    for place in 0..arity {
        let choices: Vec<Value> = if place == slot {
            vec![v.clone()]
        } else {
            pool.to_vec()
        };
        lists = lists
            .into_iter()
            .flat_map(|l| {
                choices.iter().map(move |c| {
                    let mut l = l.clone();
                    l.push(c.clone());
                    l
                })
            })
            .collect();
    }
    lists
}

fn call(prim: Prim, args: &[Value]) -> Result<Value, String> {
    prim.def()
        .call(&mut Ctx::default(), args)
        .map_err(|e| e.to_string())
}

/// Every call of `name` with `a` at `slot` and the other places from the
/// pool, beside the same call with `b` there.
fn beside(
    name: &str,
    slot: usize,
    a: &Value,
    b: &Value,
    pool: &[Value],
) -> Vec<(Vec<Value>, Vec<Value>)> {
    let prim = Prim::from_name(name).unwrap();
    let arity = usize::from(prim.arity());
    assert!(slot < arity, "{name}/{slot}");
    calls(arity, slot, a, pool)
        .into_iter()
        .zip(calls(arity, slot, b, pool))
        .collect()
}

#[test]
fn an_empty_tuple_stands_for_the_empty_set_where_listed() {
    // Callables too, for the higher-order places (`argmax`).
    let pool = pool_with_callables();
    for &(name, slot) in EMPTY_TUPLE_AS_EMPTY_SET {
        let prim = Prim::from_name(name).unwrap();
        let (tuple, set) = (Value::empty_tuple(), Value::empty_set());
        for (a, b) in beside(name, slot, &tuple, &set, &pool) {
            let (ra, rb) = (call(prim, &a), call(prim, &b));
            assert_eq!(
                ra.is_ok(),
                rb.is_ok(),
                "{name}{a:?}: {ra:?} but with the empty set {rb:?}"
            );
            if let (Ok(x), Ok(y)) = (&ra, &rb) {
                assert_eq!(x, y, "{name}{a:?}");
            }
        }
    }
}

#[test]
fn an_empty_tuple_is_handed_on_as_it_is_where_listed() {
    // Callables too, for the higher-order places.
    let pool = pool_with_callables();
    for &(name, slot) in EMPTY_TUPLE_PASSES {
        let prim = Prim::from_name(name).unwrap();
        let (tuple, set) = (Value::empty_tuple(), Value::empty_set());
        let pairs = beside(name, slot, &tuple, &set, &pool);
        assert!(!pairs.is_empty(), "{name}/{slot}");
        let mut handed = 0;
        for (a, b) in pairs {
            let (ra, rb) = (call(prim, &a), call(prim, &b));
            match (&ra, &rb) {
                (Ok(x), Ok(y)) => {
                    assert!(
                        *x == tuple && *y == set,
                        "{name}{a:?}: {x:?}, and with the empty set {y:?}"
                    );
                    handed += 1;
                }
                (Err(_), Err(_)) => {}
                _ => panic!("{name}{a:?}: {ra:?} but with the empty set {rb:?}"),
            }
        }
        assert!(handed > 0, "{name}/{slot} fails on both");
    }
}

#[test]
fn listed_places_fail_on_an_empty_tuple_beside_a_number() {
    let pool = pool();
    for &(name, slot, beside) in FAILS_ON_EMPTY_TUPLE_BESIDE_INT {
        let prim = Prim::from_name(name).unwrap();
        let arity = usize::from(prim.arity());
        // Beside anything else it need not fail (`() > ()` is False).
        let beside_number: Vec<Vec<Value>> = calls(arity, slot, &Value::empty_tuple(), &pool)
            .into_iter()
            .filter(|args| args[beside].as_int().is_some())
            .collect();
        assert!(beside_number.len() >= 4, "{name}/{slot}");
        for args in beside_number {
            assert!(
                call(prim, &args).is_err(),
                "{name}{args:?} does not fail: {:?}",
                call(prim, &args)
            );
        }
    }
}

#[test]
fn listed_places_always_fail_on_an_empty_tuple() {
    let pool = pool();
    for &(name, slot) in FAILS_ON_EMPTY_TUPLE {
        let prim = Prim::from_name(name).unwrap();
        let arity = usize::from(prim.arity());
        for args in calls(arity, slot, &Value::empty_tuple(), &pool) {
            assert!(
                call(prim, &args).is_err(),
                "{name}{args:?} does not fail: {:?}",
                call(prim, &args)
            );
        }
    }
}

#[test]
fn listed_places_compare_an_empty_tuple_with_an_integer_as_unequal() {
    let unit = Value::empty_tuple();
    for &(name, slot) in EMPTY_TUPLE_COMPARED {
        let prim = Prim::from_name(name).unwrap();
        assert_eq!(prim.arity(), 2, "{name}");
        // Beside every integer (and a boolean, which the device holds as
        // one) it is unequal; beside `()`, equal.
        let mut beside = vec![
            Value::Int(0),
            Value::Int(1),
            Value::Int(-1),
            Value::Int(i64::MIN),
        ];
        beside.extend([Value::Bool(false), Value::Bool(true)]);
        for (other, want) in beside
            .into_iter()
            .map(|v| (v, false))
            .chain([(unit.clone(), true)])
        {
            let mut args = vec![other.clone(), other.clone()];
            args[slot] = unit.clone();
            assert_eq!(call(prim, &args), Ok(Value::Bool(want)), "{name}{args:?}");
        }
    }
}

/// A set of positions, an object and the empty set: patches that hold
/// neither `()` nor a pair no position has.
fn patches() -> [Value; 3] {
    [
        Value::indices(vec![(0, 0), (1, 2), (2, 1)]),
        Value::object(vec![Cell::new(3, (0, 1)), Cell::new(4, (2, 2))]),
        Value::empty_set(),
    ]
}

#[test]
fn listed_places_give_a_set_back_for_an_empty_tuple_or_a_pair_no_position_has() {
    let sets = patches();
    for &(name, slot) in EMPTY_TUPLE_REMOVED {
        let prim = Prim::from_name(name).unwrap();
        assert_eq!(prim.arity(), 2, "{name}");
        for set in &sets {
            for v in [Value::empty_tuple(), Value::Pair(i64::MIN, i64::MIN)] {
                let mut args = vec![set.clone(), set.clone()];
                args[slot] = v;
                assert_eq!(call(prim, &args).as_ref(), Ok(set), "{name}{args:?}");
            }
        }
    }
}

#[test]
fn listed_places_find_neither_an_empty_tuple_nor_a_pair_no_position_has() {
    let sets = patches();
    for &(name, slot) in EMPTY_TUPLE_ABSENT {
        let prim = Prim::from_name(name).unwrap();
        assert_eq!(prim.arity(), 2, "{name}");
        for set in &sets {
            for v in [Value::empty_tuple(), Value::Pair(i64::MIN, i64::MIN)] {
                let mut args = vec![set.clone(), set.clone()];
                args[slot] = v;
                assert_eq!(call(prim, &args), Ok(Value::Bool(false)), "{name}{args:?}");
            }
        }
    }
}

#[test]
fn listed_places_choose_an_empty_tuple_as_it_is() {
    let pool = pool();
    let unit = Value::empty_tuple();
    for &(name, slot) in CHOSEN {
        let prim = Prim::from_name(name).unwrap();
        let arity = usize::from(prim.arity());
        let mut chosen = 0;
        for args in calls(arity, slot, &unit, &pool) {
            // `()` itself, or another argument: never a value made of it.
            let r = call(prim, &args).unwrap();
            if r == unit {
                chosen += 1;
            } else {
                assert!(
                    args.iter().enumerate().any(|(i, a)| i != slot && *a == r),
                    "{name}{args:?} gives {r:?}"
                );
            }
        }
        assert!(chosen > 0, "{name}/{slot} never chooses it");
    }
}

#[test]
fn listed_places_read_an_empty_tuple_as_a_colour_beyond_i8() {
    let pool = pool();
    let canvas_sizes = [Value::Pair(2, 3), Value::Pair(0, 4), Value::Pair(3, 0)];
    for &(name, slot) in EMPTY_TUPLE_AS_WIDE_COLOUR {
        let prim = Prim::from_name(name).unwrap();
        let (tuple, wide) = (Value::empty_tuple(), Value::Int(i64::MIN));
        let mut pool = pool.clone();
        pool.extend(canvas_sizes.iter().cloned());
        let pairs = beside(name, slot, &tuple, &wide, &pool);
        // Some calls write a cell and fail, some write none and do not.
        let (mut failed, mut kept) = (0, 0);
        for (a, b) in pairs {
            let (ra, rb) = (call(prim, &a), call(prim, &b));
            assert_eq!(
                ra.as_ref().ok(),
                rb.as_ref().ok(),
                "{name}{a:?}: {ra:?}, with -2^63 {rb:?}"
            );
            if ra.is_err() {
                failed += 1;
            } else {
                kept += 1;
            }
        }
        assert!(
            failed > 0 && kept > 0,
            "{name}/{slot}: {failed} failed, {kept} kept"
        );
    }
}

#[test]
fn listed_places_fail_on_a_pair_holding_an_empty_tuple() {
    let pool = pool();
    let unit = Value::empty_tuple();
    // The pairs the listed makers give of `()` and a number, or of two.
    let mut pairs = Vec::new();
    for &(name, slot) in PAIR_OF {
        let prim = Prim::from_name(name).unwrap();
        for other in [Value::Int(0), Value::Int(4), Value::Int(-1), unit.clone()] {
            let mut args = vec![other.clone(), other];
            args[slot] = unit.clone();
            pairs.push(call(prim, &args).unwrap());
        }
    }
    assert_eq!(pairs.len(), 4 * PAIR_OF.len());
    for &(name, slot) in FAILS_ON_PAIR_HOLDING_UNIT {
        let prim = Prim::from_name(name).unwrap();
        let arity = usize::from(prim.arity());
        for pair in &pairs {
            for args in calls(arity, slot, pair, &pool) {
                assert!(
                    call(prim, &args).is_err(),
                    "{name}{args:?} does not fail: {:?}",
                    call(prim, &args)
                );
            }
        }
    }
}

#[test]
fn listed_places_fail_on_a_set_holding_an_empty_tuple_or_an_integer() {
    let pool = pool();
    // Every call of `name` with `v` at `slot` that does not fail.
    let given = |name: &str, slot: usize, v: &Value| -> Vec<Value> {
        let prim = Prim::from_name(name).unwrap();
        calls(usize::from(prim.arity()), slot, v, &pool)
            .iter()
            .filter_map(|args| call(prim, args).ok())
            .collect()
    };
    // The sets the listed makers give of `()` or an integer.
    let mut sets = Vec::new();
    for &(name, slot) in SET_OF {
        for v in [Value::empty_tuple(), Value::Int(0), Value::Int(3)] {
            sets.extend(given(name, slot, &v));
        }
    }
    // `insert` into the positions, the object and the empty set, and
    // `initset`, each of the three values.
    assert_eq!(sets.len(), 12);
    // What the places passing such a set on give of one.
    let mut passed = Vec::new();
    for &(name, slot) in SET_HOLDING_PASSES {
        let before = passed.len();
        for set in &sets {
            passed.extend(given(name, slot, set));
        }
        assert!(passed.len() > before, "{name}/{slot} gives nothing");
    }
    for &(name, slot) in FAILS_ON_SET_HOLDING_UNIT_OR_INT {
        let prim = Prim::from_name(name).unwrap();
        let arity = usize::from(prim.arity());
        for set in sets.iter().chain(&passed) {
            for args in calls(arity, slot, set, &pool) {
                assert!(
                    call(prim, &args).is_err(),
                    "{name}{args:?} does not fail: {:?}",
                    call(prim, &args)
                );
            }
        }
    }
}

#[test]
fn listed_places_pass_an_integer_on() {
    let pool = pool();
    for &(name, slot) in INT_PASSES {
        let prim = Prim::from_name(name).unwrap();
        let arity = usize::from(prim.arity());
        for v in [Value::Int(0), Value::Int(3), Value::Int(-1)] {
            for args in calls(arity, slot, &v, &pool) {
                let r = call(prim, &args);
                assert!(
                    matches!(r, Ok(Value::Int(_))),
                    "{name}{args:?} gives {r:?}, not an integer"
                );
            }
        }
    }
}

#[test]
fn listed_places_pass_an_integer_on_beside_an_integer() {
    let small = [Value::Int(0), Value::Int(3), Value::Int(-1)];
    for &(name, slot, beside) in INT_PASSES_BESIDE_INT {
        let prim = Prim::from_name(name).unwrap();
        assert_eq!(prim.arity(), 2, "{name}");
        assert!(slot < 2 && beside < 2 && slot != beside, "{name}/{slot}");
        for v in &small {
            for w in &small {
                let mut args = vec![w.clone(), w.clone()];
                args[slot] = v.clone();
                let r = call(prim, &args);
                assert!(
                    matches!(r, Ok(Value::Int(_))),
                    "{name}{args:?} gives {r:?}, not an integer"
                );
            }
        }
    }
}

#[test]
fn listed_places_always_fail_on_an_integer() {
    let pool = pool();
    for &(name, slot) in FAILS_ON_INT {
        let prim = Prim::from_name(name).unwrap();
        let arity = usize::from(prim.arity());
        assert!(slot < arity, "{name}/{slot}");
        for v in [Value::Int(0), Value::Int(3), Value::Int(-1)] {
            for args in calls(arity, slot, &v, &pool) {
                assert!(
                    call(prim, &args).is_err(),
                    "{name}{args:?} does not fail: {:?}",
                    call(prim, &args)
                );
            }
        }
    }
}

#[test]
fn listed_places_read_zero_beside_a_pair_as_the_origin() {
    for &(name, slot, beside) in ZERO_AS_ORIGIN {
        let prim = Prim::from_name(name).unwrap();
        assert_eq!(prim.arity(), 2, "{name}");
        assert!(slot < 2 && beside < 2 && slot != beside, "{name}/{slot}");
        let others = [
            Value::Pair(0, 0),
            Value::Pair(3, -1),
            Value::Pair(-2, 5),
            Value::empty_tuple(),
        ];
        for other in others {
            let mut zero = vec![other.clone(), other];
            zero[slot] = Value::Int(0);
            let mut origin = zero.clone();
            origin[slot] = Value::Pair(0, 0);
            let (a, b) = (call(prim, &zero), call(prim, &origin));
            assert_eq!(a.ok(), b.ok(), "{name}{zero:?} beside {name}{origin:?}");
        }
    }
}

#[test]
fn listed_places_fail_on_an_empty_tuple_or_an_integer_unless_their_patch_is_empty() {
    let pool = pool();
    for &(name, slot, patch) in FAILS_UNLESS_EMPTY {
        let prim = Prim::from_name(name).unwrap();
        let arity = usize::from(prim.arity());
        assert!(
            slot < arity && patch < arity && slot != patch,
            "{name}/{slot}/{patch}"
        );
        for v in [
            Value::empty_tuple(),
            Value::Int(0),
            Value::Int(3),
            Value::Int(-1),
        ] {
            for args in calls(arity, slot, &v, &pool) {
                let got = call(prim, &args);
                let empty =
                    args[patch] == Value::empty_set() || args[patch] == Value::empty_tuple();
                if empty {
                    // What any offset gives (an error too, where another
                    // argument is wrong).
                    for d in [Value::Pair(0, 0), Value::Pair(2, -1)] {
                        let mut with_pair = args.clone();
                        with_pair[slot] = d;
                        let want = call(prim, &with_pair);
                        assert_eq!(got.is_ok(), want.is_ok(), "{name}{args:?}: {got:?}");
                        if let (Ok(a), Ok(b)) = (&got, &want) {
                            assert_eq!(a, b, "{name}{args:?}");
                        }
                    }
                } else {
                    assert!(got.is_err(), "{name}{args:?} does not fail: {got:?}");
                }
            }
        }
    }
}

/// An object with two colours at two of its positions, and the same
/// object keeping only the largest colour at each position (what a
/// painted overload holds).
fn painted_pair() -> (Value, Value) {
    let whole = Value::object(vec![
        Cell::new(3, (0, 1)),
        Cell::new(5, (0, 1)),
        Cell::new(4, (2, 2)),
        Cell::new(6, (1, 0)),
        Cell::new(2, (1, 0)),
    ]);
    let painted = Value::object(vec![
        Cell::new(5, (0, 1)),
        Cell::new(4, (2, 2)),
        Cell::new(6, (1, 0)),
    ]);
    (whole, painted)
}

/// `PAINTED_SINKS` read an object as `paint` does, or only its
/// positions: the object keeping the largest colour at each position
/// gives what the whole object gives, whatever the other arguments.
#[test]
fn painted_places_read_an_object_as_paint_does() {
    let pool = pool();
    let (whole, painted) = painted_pair();
    for &(name, slot) in PAINTED_SINKS {
        let prim = Prim::from_name(name).unwrap();
        for (a, b) in beside(name, slot, &whole, &painted, &pool) {
            let (ra, rb) = (call(prim, &a), call(prim, &b));
            assert_eq!(ra, rb, "{name}{a:?} against {b:?}");
        }
    }
}

/// `PAINTED_PASSES` give a value that every painted sink reads alike from
/// the whole object and from the painted one.
#[test]
fn painted_passes_keep_what_paint_reads() {
    let pool = pool();
    let (whole, painted) = painted_pair();
    for &(name, slot) in PAINTED_PASSES {
        let prim = Prim::from_name(name).unwrap();
        for (a, b) in beside(name, slot, &whole, &painted, &pool) {
            let (ra, rb) = (call(prim, &a), call(prim, &b));
            assert_eq!(ra.is_ok(), rb.is_ok(), "{name}{a:?}: {ra:?} against {rb:?}");
            let (Ok(x), Ok(y)) = (ra, rb) else { continue };
            for &(sink, place) in PAINTED_SINKS {
                let s = Prim::from_name(sink).unwrap();
                for (c, d) in beside(sink, place, &x, &y, &pool) {
                    assert_eq!(call(s, &c), call(s, &d), "{sink}{c:?} after {name}{a:?}");
                }
            }
        }
    }
}

/// `underpaint` keeps the first colour written at a position, not the
/// last: it is no painted sink, and an object with two colours at one
/// position shows it.
#[test]
fn underpaint_is_no_painted_sink() {
    assert!(!PAINTED_SINKS.contains(&("underpaint", 1)));
    let (whole, painted) = painted_pair();
    let grid = Value::grid(Grid::from_rows(&[[0i8, 0, 0], [0, 0, 0], [0, 0, 0]]).unwrap());
    let prim = Prim::from_name("underpaint").unwrap();
    assert_ne!(
        call(prim, &[grid.clone(), whole]),
        call(prim, &[grid, painted])
    );
}

/// `index` off the grid gives `None`, which the device holds as
/// `BATT_NONE_INT` where every use is an `equality` beside a constant (or
/// itself): `None` equals no number and equals itself.
#[test]
fn index_off_the_grid_compares_as_an_integer_no_number_is() {
    let index = Prim::from_name("index").unwrap();
    let equality = Prim::from_name("equality").unwrap();
    let grid = Value::grid(Grid::from_rows(&[[0i8, 1, 2], [3, 0, 0]]).unwrap());
    for loc in [(2, 0), (0, 3), (-1, 0), (0, -1), (8, 12)] {
        let none = call(index, &[grid.clone(), Value::Pair(loc.0, loc.1)]).unwrap();
        assert_eq!(none, Value::None, "{loc:?}");
        for n in [0, 1, 2, -1, i64::MIN, i64::MAX, -i64::MAX] {
            for args in [[none.clone(), Value::Int(n)], [Value::Int(n), none.clone()]] {
                assert_eq!(call(equality, &args), Ok(Value::Bool(false)), "{args:?}");
            }
        }
        let args = [none.clone(), none.clone()];
        assert_eq!(call(equality, &args), Ok(Value::Bool(true)));
    }
}

/// A grid too large for the frame given to a `PASS_BIG` primitive with
/// colours within i8 and any patch gives a grid too large again, with no
/// side past the longest the device vouches for, and never an error.
#[test]
fn listed_primitives_pass_a_grid_too_large_on_without_failing() {
    let side = oversize_side();
    let cells = |h: usize, w: usize| (0..h * w).map(|k| (k % 7) as i8).collect::<Vec<_>>();
    let grids = [
        (40, 12),
        (12, 40),
        (31, 31),
        (side, 3),
        (3, side),
        (side, side),
    ]
    .map(|(h, w)| Value::grid(Grid::new(h, w, cells(h, w)).unwrap()));
    let colours = [0, 5, 9, 15, 127, -128].map(Value::Int);
    // Objects for every primitive; sets of positions and tuples of pairs
    // (the device's `Pairs` and `Offsets`) for `fill` and `underfill`.
    let mut patches = patches_of_a_grid_too_large(side);
    let objects = patches[..3].to_vec();
    patches.push(Value::tuple(vec![
        Value::Pair(2, 2),
        Value::Pair(-5, 45),
        Value::Pair(2, 2),
    ]));
    for &name in PASS_BIG {
        let prim = Prim::from_name(name).unwrap();
        for grid in &grids {
            let lists: Vec<Vec<Value>> = match prim.arity() {
                1 => vec![vec![grid.clone()]],
                2 => objects
                    .iter()
                    .map(|p| vec![grid.clone(), p.clone()])
                    .collect(),
                3 if name == "replace" => colours
                    .iter()
                    .flat_map(|a| {
                        colours
                            .iter()
                            .map(move |b| vec![grid.clone(), a.clone(), b.clone()])
                    })
                    .collect(),
                3 => colours
                    .iter()
                    .flat_map(|c| {
                        patches
                            .iter()
                            .map(move |p| vec![grid.clone(), c.clone(), p.clone()])
                    })
                    .collect(),
                n => panic!("{name} takes {n} arguments"),
            };
            for args in lists {
                let Ok(Value::Grid(g)) = call(prim, &args) else {
                    panic!("{name}{args:?} is no grid");
                };
                let (h, w) = g.shape();
                assert!(h.max(w) > 30 && h.max(w) <= side, "{name}: {h} x {w}");
            }
        }
    }
}

/// A `BLIND_READS` primitive never fails, whatever its grids (too large
/// for the frame too) and patches (positions anywhere, objects of any
/// colours) and integers: a value such a step makes of a grid too large
/// can only be wrong in what it holds, never in its failed count.
#[test]
fn blind_reads_never_fail_on_what_a_grid_too_large_gives() {
    let side = oversize_side();
    let cells = |h: usize, w: usize| (0..h * w).map(|k| (k % 7) as i8).collect::<Vec<_>>();
    let grids = [(40, 12), (12, 40), (31, 31), (side, 3), (3, side), (2, 2)]
        .map(|(h, w)| Value::grid(Grid::new(h, w, cells(h, w)).unwrap()));
    let ints = [0, 5, 15, 127, -128, i64::MIN, i64::MAX].map(Value::Int);
    let patches = patches_of_a_grid_too_large(side);
    for &name in BLIND_READS {
        let prim = Prim::from_name(name).unwrap();
        let lists: Vec<Vec<Value>> = match name {
            "ofcolor" => grids
                .iter()
                .flat_map(|g| ints.iter().map(move |c| vec![g.clone(), c.clone()]))
                .collect(),
            "asindices" | "asobject" => grids.iter().map(|g| vec![g.clone()]).collect(),
            "toindices" => patches.iter().map(|p| vec![p.clone()]).collect(),
            "combine" | "difference" | "intersection" => patches
                .iter()
                .flat_map(|a| patches.iter().map(move |b| vec![a.clone(), b.clone()]))
                .collect(),
            _ => panic!("{name}: no arguments listed for it"),
        };
        for args in lists {
            assert!(call(prim, &args).is_ok(), "{name}{args:?} fails");
        }
    }
}

/// A `BLIND_BODIES` primitive never fails on positions anywhere (those
/// of a grid too large, up to `BATT_OVERSIZE_SIDE` a side, or whatever a stand-in gave) and
/// constant pairs, and a `BLIND_HOFS` step whose callable is one (bound to
/// a constant where it takes two) never fails over a set of them: such a
/// step reading a blind step's value can only be wrong in what it holds.
#[test]
fn blind_bodies_never_fail_on_positions_anywhere() {
    let last = i32::try_from(oversize_side()).unwrap() - 1;
    let positions: [(i32, i32); 7] = [
        (0, 0),
        (29, 29),
        (1, -1),
        (-5, 300),
        (last, last),
        (300, -300),
        (-128, 127),
    ];
    let pairs: Vec<Value> = positions
        .iter()
        .map(|&(i, j)| Value::Pair(i.into(), j.into()))
        .collect();
    let set = Value::indices(positions.to_vec());
    for &name in BLIND_BODIES {
        let prim = Prim::from_name(name).unwrap();
        let two = matches!(name, "shoot" | "connect");
        let callables: Vec<Value> = if two {
            for a in &pairs {
                for b in &pairs {
                    assert!(
                        call(prim, &[a.clone(), b.clone()]).is_ok(),
                        "{name}({a:?}, {b:?}) fails"
                    );
                }
            }
            let rbind = Prim::from_name("rbind").unwrap();
            pairs
                .iter()
                .map(|b| call(rbind, &[Value::func(Callable::Prim(prim)), b.clone()]).unwrap())
                .collect()
        } else {
            for a in &pairs {
                assert!(
                    call(prim, std::slice::from_ref(a)).is_ok(),
                    "{name}({a:?}) fails"
                );
            }
            vec![Value::func(Callable::Prim(prim))]
        };
        for &hof in BLIND_HOFS {
            let hof = Prim::from_name(hof).unwrap();
            for f in &callables {
                for over in [set.clone(), Value::empty_set()] {
                    assert!(
                        call(hof, &[f.clone(), over.clone()]).is_ok(),
                        "{hof:?}({f:?}, {over:?}) fails"
                    );
                }
            }
        }
    }
}

/// What the `SHAPE_READERS` kernels make of a grid too large's shape
/// alone: `hconcat` is as high as the lower grid (no rows: the empty
/// grid) and as wide as both; `vconcat` stacks the rows (an empty grid
/// gives the other back), rows of different widths where the widths
/// differ; the upscales grow it by their factor; `cellwise` fails where
/// the second grid is smaller than the first, and otherwise, with a
/// fallback within i8, gives the first's shape. None fails otherwise.
#[test]
fn a_grid_too_large_read_for_its_shape_gives_the_shape_its_kernel_reckons() {
    let cells = |h: usize, w: usize| (0..h * w).map(|k| (k % 5) as i8).collect::<Vec<_>>();
    let shapes = [(40, 12), (12, 40), (31, 31), (3, 3), (12, 5), (0, 0)];
    let grid = |(h, w): (usize, usize)| match h * w {
        0 => Value::empty_tuple(),
        _ => Value::grid(Grid::new(h, w, cells(h, w)).unwrap()),
    };
    // Each row's width, or None for an error.
    let rows_of = |got: Result<Value, String>| -> Option<Vec<usize>> {
        match got.ok()? {
            Value::Grid(g) => Some((0..g.height()).map(|_| g.width()).collect()),
            Value::Tuple(rows) => Some(
                rows.iter()
                    .map(|r| match r {
                        Value::Tuple(cells) => cells.len(),
                        other => panic!("a row {other:?}"),
                    })
                    .collect(),
            ),
            other => panic!("{other:?} is no grid"),
        }
    };
    for &name in SHAPE_READERS {
        let prim = Prim::from_name(name).unwrap();
        for a in shapes.into_iter().filter(|a| a.0.max(a.1) > 30) {
            match name {
                "upscale" | "hupscale" | "vupscale" => {
                    for f in 1..=3usize {
                        let got = rows_of(call(prim, &[grid(a), Value::Int(f as i64)]));
                        let (h, w) = match name {
                            "upscale" => (a.0 * f, a.1 * f),
                            "hupscale" => (a.0, a.1 * f),
                            _ => (a.0 * f, a.1),
                        };
                        assert_eq!(got, Some(vec![w; h]), "{name}{a:?} by {f}");
                    }
                    continue;
                }
                "hconcat" | "vconcat" | "cellwise" => {}
                _ => panic!("{name}: no shape reckoned for it"),
            }
            for b in shapes {
                for (x, y) in [(a, b), (b, a)] {
                    let want = match name {
                        "hconcat" => Some(vec![x.1 + y.1; x.0.min(y.0)]),
                        "vconcat" => Some([vec![x.1; x.0], vec![y.1; y.0]].concat()),
                        _ if x.0 == 0 || y.0 < x.0 || y.1 < x.1 => None,
                        _ => Some(vec![x.1; x.0]),
                    };
                    let mut args = vec![grid(x), grid(y)];
                    if name == "cellwise" {
                        args.push(Value::Int(-7));
                    }
                    assert_eq!(rows_of(call(prim, &args)), want, "{name}{x:?}{y:?}");
                }
            }
        }
    }
}

/// A `RAGGED_FAILS` primitive fails on rows of different widths as its
/// grid (a `vconcat` of grids of two widths), whatever its colours and
/// whether any cell has the colour it replaces.
#[test]
fn listed_primitives_fail_on_rows_of_different_widths() {
    let vconcat = Prim::from_name("vconcat").unwrap();
    let grid = |h: usize, w: usize, c: i8| Value::grid(Grid::new(h, w, vec![c; h * w]).unwrap());
    let colours = [0, 1, 5, 15, 127].map(Value::Int);
    for (a, b) in [
        (grid(2, 3, 1), grid(1, 4, 0)),
        (grid(40, 2, 5), grid(3, 3, 5)),
    ] {
        let rows = call(vconcat, &[a, b]).unwrap();
        assert!(!matches!(rows, Value::Grid(_)), "{rows:?} is a grid");
        for &name in RAGGED_FAILS {
            let prim = Prim::from_name(name).unwrap();
            for x in &colours {
                for y in &colours {
                    let args = [rows.clone(), x.clone(), y.clone()];
                    assert!(call(prim, &args).is_err(), "{name} of rows {x:?} {y:?}");
                }
            }
        }
    }
}

/// A `TOTAL_ON_SCALARS` primitive never fails on the integers, pairs and
/// booleans of any of its device overloads whose parameters are all such
/// (positions inside the frame and far outside it, up to batt's i32
/// coordinates; colours, counts and integers up to 2^40): a predicate
/// made only of them holds or not for every position, so a filter may
/// read a set without its positions outside the frame.
#[test]
fn total_on_scalars_never_fail_on_integers_pairs_and_booleans() {
    let ints: Vec<Value> = [0i64, 1, -1, 7, 29, 30, -300, 1 << 40, -(1 << 40)]
        .iter()
        .map(|&n| Value::Int(n))
        .collect();
    let pairs: Vec<Value> = [
        (0, 0),
        (29, 29),
        (1, -1),
        (-5, 300),
        (i32::MAX, i32::MIN),
        (i32::MIN, 0),
    ]
    .iter()
    .map(|&(i, j): &(i32, i32)| Value::Pair(i.into(), j.into()))
    .collect();
    let bools = vec![Value::Bool(true), Value::Bool(false)];
    let of = |t: &Ty| match t {
        Ty::Int => Some(&ints),
        Ty::Pair => Some(&pairs),
        Ty::Bool => Some(&bools),
        _ => None,
    };
    let overloads = overloads().unwrap();
    for &name in TOTAL_ON_SCALARS {
        let prim = Prim::from_name(name).unwrap();
        let scalar: Vec<_> = overloads
            .first
            .iter()
            .filter(|o| o.prim == name && o.params.iter().all(|t| of(t).is_some()))
            .collect();
        assert!(!scalar.is_empty(), "{name}: no overload of scalars");
        for o in scalar {
            let mut lists: Vec<Vec<Value>> = vec![Vec::new()];
            for t in &o.params {
                lists = lists
                    .into_iter()
                    .flat_map(|l| {
                        of(t).unwrap().iter().map(move |v| {
                            let mut l = l.clone();
                            l.push(v.clone());
                            l
                        })
                    })
                    .collect();
            }
            for args in lists {
                assert!(call(prim, &args).is_ok(), "{name}{args:?} fails");
            }
        }
    }
}

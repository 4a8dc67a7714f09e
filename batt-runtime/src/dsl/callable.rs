//! Callables as data, calling them, and the higher-order primitives.
//!
//! A [`Callable`] is a primitive or one of the closures the DSL's
//! combinators build (`rbind`, `lbind`, `compose`, `chain`, `matcher`,
//! `fork`, `power`). Being data, callables can be printed, hashed, compared,
//! and specialised by the kernel generator. [`call`] applies one to
//! arguments, checking the arity as Python would.

use std::fmt;
use std::sync::Arc;

use super::error::{Ctx, DslError, MAX_DEPTH, Result};
use super::memo::{self, Memo};
use super::shape::{self, container_kind, rebuild};
use super::value::Value;
use super::{Prim, PrimDef, with_refs};

/// What a callable value holds: the callable, and the step that built it
/// (see [`Ctx::is_fresh`]). It compares, hashes and prints as the
/// callable alone.
#[derive(Clone)]
pub struct Func {
    callable: Callable,
    /// The stamp of the step that built it ([`Ctx::stamp`]), 0 where no
    /// step did (constants, primitives).
    pub(crate) made_in: u64,
}

impl Func {
    /// `callable`, built by no step.
    pub fn new(callable: Callable) -> Func {
        Func {
            callable,
            made_in: 0,
        }
    }
}

impl std::ops::Deref for Func {
    type Target = Callable;

    fn deref(&self) -> &Callable {
        &self.callable
    }
}

impl PartialEq for Func {
    fn eq(&self, other: &Func) -> bool {
        self.callable == other.callable
    }
}

impl Eq for Func {}

impl PartialOrd for Func {
    fn partial_cmp(&self, other: &Func) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Func {
    fn cmp(&self, other: &Func) -> std::cmp::Ordering {
        self.callable.cmp(&other.callable)
    }
}

impl std::hash::Hash for Func {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.callable.hash(state);
    }
}

impl fmt::Debug for Func {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.callable, f)
    }
}

impl fmt::Display for Func {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.callable, f)
    }
}

/// A callable value.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Callable {
    /// A primitive.
    Prim(Prim),
    /// `rbind(function, fixed)`: `fixed` becomes the last argument.
    Rbind {
        /// The bound function.
        function: Value,
        /// The fixed last argument.
        fixed: Value,
        /// Arguments the result takes.
        arity: u8,
    },
    /// `lbind(function, fixed)`: `fixed` becomes the first argument.
    Lbind {
        /// The bound function.
        function: Value,
        /// The fixed first argument.
        fixed: Value,
        /// Arguments the result takes.
        arity: u8,
    },
    /// `compose(outer, inner)`: `x -> outer(inner(x))`.
    Compose {
        /// Applied second.
        outer: Value,
        /// Applied first.
        inner: Value,
    },
    /// `chain(h, g, f)`: `x -> h(g(f(x)))`.
    Chain {
        /// Applied last.
        h: Value,
        /// Applied second.
        g: Value,
        /// Applied first.
        f: Value,
    },
    /// `matcher(function, target)`: `x -> function(x) == target`.
    Matcher {
        /// The function.
        function: Value,
        /// The value compared with.
        target: Value,
    },
    /// `fork(outer, a, b)`: `x -> outer(a(x), b(x))`.
    Fork {
        /// Combines the two results.
        outer: Value,
        /// First inner function.
        a: Value,
        /// Second inner function.
        b: Value,
    },
    /// `power(function, n)` for `n >= 2`: `function` applied `n` times.
    Power {
        /// The function.
        function: Value,
        /// How many times, at least 2.
        n: i64,
    },
}

impl Callable {
    /// The values the callable holds (functions and fixed arguments).
    pub fn values(&self) -> [Option<&Value>; 3] {
        match self {
            Callable::Prim(_) => [None, None, None],
            Callable::Rbind {
                function, fixed, ..
            }
            | Callable::Lbind {
                function, fixed, ..
            } => [Some(function), Some(fixed), None],
            Callable::Compose { outer, inner } => [Some(outer), Some(inner), None],
            Callable::Chain { h, g, f } => [Some(h), Some(g), Some(f)],
            Callable::Matcher { function, target } => [Some(function), Some(target), None],
            Callable::Fork { outer, a, b } => [Some(outer), Some(a), Some(b)],
            Callable::Power { function, .. } => [Some(function), None, None],
        }
    }

    /// Number of arguments the callable takes (Python's `co_argcount`).
    pub fn arity(&self) -> u8 {
        match self {
            Callable::Prim(p) => p.arity(),
            Callable::Rbind { arity, .. } | Callable::Lbind { arity, .. } => *arity,
            _ => 1,
        }
    }
}

impl fmt::Debug for Callable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for Callable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Callable::Prim(p) => f.write_str(p.name()),
            Callable::Rbind {
                function, fixed, ..
            } => write!(f, "rbind({function}, {fixed})"),
            Callable::Lbind {
                function, fixed, ..
            } => write!(f, "lbind({function}, {fixed})"),
            Callable::Compose { outer, inner } => write!(f, "compose({outer}, {inner})"),
            Callable::Chain { h, g, f: x } => write!(f, "chain({h}, {g}, {x})"),
            Callable::Matcher { function, target } => write!(f, "matcher({function}, {target})"),
            Callable::Fork { outer, a, b } => write!(f, "fork({outer}, {a}, {b})"),
            Callable::Power { function, n } => write!(f, "power({function}, {n})"),
        }
    }
}

/// Calls `f` with `args`.
#[inline]
pub fn call(ctx: &mut Ctx, f: &Value, args: &[Value]) -> Result<Value> {
    with_refs(args.iter(), |args| call_refs(ctx, f, args))
}

/// Calls `f` with `args`, each borrowed where it lives (see
/// [`PrimDef::by_ref`]).
pub fn call_refs(ctx: &mut Ctx, f: &Value, args: &[&Value]) -> Result<Value> {
    let Value::Func(c) = f else {
        return Err(DslError::Type("the value is not callable"));
    };
    let arity = c.arity();
    if args.len() != usize::from(arity) {
        return Err(DslError::Arity {
            expected: arity,
            given: u8::try_from(args.len()).unwrap_or(u8::MAX),
        });
    }
    ctx.charge(1)?;
    if ctx.depth >= MAX_DEPTH {
        return Err(DslError::Depth);
    }
    ctx.deepest = ctx.deepest.max(ctx.depth);
    ctx.depth += 1;
    // A step's own calls (made at depth 0) are mostly on the distinct
    // elements of a container and do not repeat; the calls nested in them
    // do, so only those are remembered.
    // (A callable given up for the step is asked about first: that is a
    // look at one slot, where being built within the step is a look-up.)
    let result = if ctx.depth > 1
        && ctx.remembers
        && Memo::worth(c)
        && !ctx.gave_up(c)
        && !ctx.is_fresh(c)
    {
        memo::call(ctx, c, args, |ctx| call_inner(ctx, c, args))
    } else {
        call_inner(ctx, c, args)
    };
    ctx.depth -= 1;
    result
}

/// Whether `f` of `args` is truthy, read where the call wrote its value.
pub fn call_truthy(ctx: &mut Ctx, f: &Value, args: &[&Value]) -> Result<bool> {
    match &call_refs(ctx, f, args) {
        Ok(v) => Ok(v.truthy()),
        Err(e) => Err(*e),
    }
}

// Each inner call's value is passed on by reference, where the call left
// it: moved into a slice of arguments, a value its callee has just
// written is read back in wider words than it was written, which stalls.
fn call_inner(ctx: &mut Ctx, c: &Callable, args: &[&Value]) -> Result<Value> {
    match c {
        Callable::Prim(p) => (p.def().by_ref)(ctx, args),
        // The bound argument joins the others, borrowed (callables take
        // at most four arguments).
        Callable::Rbind {
            function, fixed, ..
        } => match args {
            [a] => call_refs(ctx, function, &[a, fixed]),
            _ => call_bound(ctx, function, fixed, args, true),
        },
        Callable::Lbind {
            function, fixed, ..
        } => match args {
            [a] => call_refs(ctx, function, &[fixed, a]),
            _ => call_bound(ctx, function, fixed, args, false),
        },
        // Each value stays where its call wrote it, read there by
        // reference (`?` would move it out first).
        Callable::Compose { outer, inner } => {
            let x = call_refs(ctx, inner, args);
            let Ok(x) = &x else { return x };
            call_refs(ctx, outer, &[x])
        }
        Callable::Chain { h, g, f } => {
            let x = call_refs(ctx, f, args);
            let Ok(x) = &x else { return x };
            let y = call_refs(ctx, g, &[x]);
            let Ok(y) = &y else { return y };
            call_refs(ctx, h, &[y])
        }
        Callable::Matcher { function, target } => match &call_refs(ctx, function, args) {
            Ok(x) => Ok(Value::Bool(x.py_eq(target))),
            Err(e) => Err(*e),
        },
        Callable::Fork { outer, a, b } => {
            let x = call_refs(ctx, a, args);
            let Ok(x) = &x else { return x };
            let y = call_refs(ctx, b, args);
            let Ok(y) = &y else { return y };
            call_refs(ctx, outer, &[x, y])
        }
        Callable::Power { function, n } => call_power(ctx, function, *n, args),
    }
}

// The rarer calls are apart from `call_inner`, which every nested call
// goes through: its frame on the stack stays that of the common ones.

/// A bound function called with other than one argument: `fixed` joins
/// `args` last (`rbind`) or first (`lbind`).
#[inline(never)]
fn call_bound(
    ctx: &mut Ctx,
    function: &Value,
    fixed: &Value,
    args: &[&Value],
    last: bool,
) -> Result<Value> {
    match (args, last) {
        ([], _) => call_refs(ctx, function, &[fixed]),
        ([a, b], true) => call_refs(ctx, function, &[a, b, fixed]),
        ([a, b], false) => call_refs(ctx, function, &[fixed, a, b]),
        ([a, b, c], true) => call_refs(ctx, function, &[a, b, c, fixed]),
        ([a, b, c], false) => call_refs(ctx, function, &[fixed, a, b, c]),
        (_, true) => {
            let mut all = args.to_vec();
            all.push(fixed);
            call_refs(ctx, function, &all)
        }
        (_, false) => {
            let mut all = Vec::with_capacity(args.len() + 1);
            all.push(fixed);
            all.extend_from_slice(args);
            call_refs(ctx, function, &all)
        }
    }
}

/// `power(function, n)` called on `args`.
#[inline(never)]
fn call_power(ctx: &mut Ctx, function: &Value, n: i64, args: &[&Value]) -> Result<Value> {
    // Each round's value is measured (one unit per 64 bytes measured), so
    // a power that nests or grows its value without end stops at the
    // lane's limits instead of overflowing a stack.
    // Each round's value is measured where its call wrote it.
    let mut x = call_refs(ctx, function, args);
    for round in 1..=n {
        let Ok(v) = &x else { return x };
        ctx.charge(v.within_limits()? / 64)?;
        if round < n {
            x = call_refs(ctx, function, &[v]);
        }
    }
    x
}

/// Python's `co_argcount` of a value that must be callable (`rbind`,
/// `lbind` read it when they are called).
fn argcount(v: &Value) -> Result<u8> {
    match v {
        Value::Func(c) => Ok(c.arity()),
        _ => Err(DslError::Type("rbind and lbind take a callable")),
    }
}

/// Arity of a function bound by `rbind`/`lbind` whose function takes `n`.
fn bound_arity(n: u8) -> u8 {
    match n {
        2 => 1,
        3 => 2,
        _ => 3,
    }
}

/// A callable built within the current step, stamped as such: the memo
/// leaves calls of it alone (see [`Ctx::is_fresh`]).
fn made(ctx: &Ctx, c: Callable) -> Value {
    Value::Func(Arc::new(Func {
        callable: c,
        made_in: ctx.stamp(),
    }))
}

/// `compose(outer, inner)`: function composition.
pub fn compose(ctx: &mut Ctx, outer: &Value, inner: &Value) -> Result<Value> {
    Ok(made(
        ctx,
        Callable::Compose {
            outer: outer.clone(),
            inner: inner.clone(),
        },
    ))
}

/// `chain(h, g, f)`: composition of three functions.
pub fn chain(ctx: &mut Ctx, h: &Value, g: &Value, f: &Value) -> Result<Value> {
    Ok(made(
        ctx,
        Callable::Chain {
            h: h.clone(),
            g: g.clone(),
            f: f.clone(),
        },
    ))
}

/// `matcher(function, target)`: the test `function(x) == target`.
pub fn matcher(ctx: &mut Ctx, function: &Value, target: &Value) -> Result<Value> {
    Ok(made(
        ctx,
        Callable::Matcher {
            function: function.clone(),
            target: target.clone(),
        },
    ))
}

/// `rbind(function, fixed)`: fixes the rightmost argument.
pub fn rbind(ctx: &mut Ctx, function: &Value, fixed: &Value) -> Result<Value> {
    let arity = bound_arity(argcount(function)?);
    Ok(made(
        ctx,
        Callable::Rbind {
            function: function.clone(),
            fixed: fixed.clone(),
            arity,
        },
    ))
}

/// `lbind(function, fixed)`: fixes the leftmost argument.
pub fn lbind(ctx: &mut Ctx, function: &Value, fixed: &Value) -> Result<Value> {
    let arity = bound_arity(argcount(function)?);
    Ok(made(
        ctx,
        Callable::Lbind {
            function: function.clone(),
            fixed: fixed.clone(),
            arity,
        },
    ))
}

/// `power(function, n)`: `function` applied `n` times (`n >= 1`; the
/// reference recurses forever for `n < 1`, an error here).
pub fn power(ctx: &mut Ctx, function: &Value, n: &Value) -> Result<Value> {
    let n = n.int("power takes an integer exponent")?;
    match n {
        1 => Ok(function.clone()),
        n if n < 1 => Err(DslError::Value("power needs n >= 1")),
        n => Ok(made(
            ctx,
            Callable::Power {
                function: function.clone(),
                n,
            },
        )),
    }
}

/// `fork(outer, a, b)`: `x -> outer(a(x), b(x))`.
pub fn fork(ctx: &mut Ctx, outer: &Value, a: &Value, b: &Value) -> Result<Value> {
    Ok(made(
        ctx,
        Callable::Fork {
            outer: outer.clone(),
            a: a.clone(),
            b: b.clone(),
        },
    ))
}

/// `apply(function, container)`: `function` on each element, keeping the container's kind.
pub fn apply(ctx: &mut Ctx, function: &Value, container: &Value) -> Result<Value> {
    // A pair's two numbers without vectors: the costliest programs of a
    // cross product apply a function to the offsets between cells.
    if let Value::Pair(a, b) = *container {
        ctx.charge(2)?;
        let x = call(ctx, function, &[Value::Int(a)])?;
        let y = call(ctx, function, &[Value::Int(b)])?;
        return Ok(Value::two(x, y));
    }
    let kind = container_kind(container)?;
    let items = shape::items(ctx, container)?;
    let mut out = Vec::with_capacity(items.len());
    for e in items.iter() {
        out.push(call_refs(ctx, function, &[e])?);
    }
    Ok(rebuild(kind, out))
}

/// `rapply(functions, value)`: each function of a container on `value`.
pub fn rapply(ctx: &mut Ctx, functions: &Value, value: &Value) -> Result<Value> {
    let kind = container_kind(functions)?;
    let fs = shape::items(ctx, functions)?;
    let mut out = Vec::with_capacity(fs.len());
    for f in fs.iter() {
        out.push(call_refs(ctx, f, &[value])?);
    }
    Ok(rebuild(kind, out))
}

/// `mapply(function, container)`: apply, then merge.
pub fn mapply(ctx: &mut Ctx, function: &Value, container: &Value) -> Result<Value> {
    let applied = apply(ctx, function, container)?;
    shape::merge(ctx, &applied)
}

fn zipped(ctx: &mut Ctx, function: &Value, a: &Value, b: &Value) -> Result<Vec<Value>> {
    let xs = shape::items(ctx, a)?;
    let ys = shape::items(ctx, b)?;
    xs.iter()
        .zip(ys.iter())
        .map(|(x, y)| call_refs(ctx, function, &[x, y]))
        .collect()
}

/// `papply(function, a, b)`: `function` on the pairs of two zipped containers, as a tuple.
pub fn papply(ctx: &mut Ctx, function: &Value, a: &Value, b: &Value) -> Result<Value> {
    Ok(Value::tuple(zipped(ctx, function, a, b)?))
}

/// `mpapply(function, a, b)`: papply, then merge.
pub fn mpapply(ctx: &mut Ctx, function: &Value, a: &Value, b: &Value) -> Result<Value> {
    let applied = papply(ctx, function, a, b)?;
    shape::merge(ctx, &applied)
}

/// `prapply(function, a, b)`: `function` on the cartesian product, as a set.
pub fn prapply(ctx: &mut Ctx, function: &Value, a: &Value, b: &Value) -> Result<Value> {
    let xs = shape::items(ctx, a)?;
    let ys = shape::items(ctx, b)?;
    let mut out = Vec::with_capacity(xs.len() * ys.len());
    // The set keeps one empty set however many calls give one (`connect`
    // of every pair of cells gives one for each pair not in line): kept
    // once here, not sorted among the rest and dropped after.
    let mut empty = false;
    for y in ys.iter() {
        for x in xs.iter() {
            let v = call_refs(ctx, function, &[x, y])?;
            if v.is_empty_set() {
                if empty {
                    continue;
                }
                empty = true;
            }
            out.push(v);
        }
    }
    Ok(Value::set(out))
}

/// The combinators and higher-order primitives.
pub(super) const PRIMS: &[PrimDef] = &[
    prim!(compose, 2),
    prim!(chain, 3),
    prim!(matcher, 2),
    prim!(rbind, 2),
    prim!(lbind, 2),
    prim!(power, 2),
    prim!(fork, 3),
    prim!(apply, 2),
    prim!(rapply, 2),
    prim!(mapply, 2),
    prim!(papply, 3),
    prim!(mpapply, 3),
    prim!(prapply, 3),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dsl::value::Kind;

    fn p(name: &str) -> Value {
        Value::func(Callable::Prim(Prim::from_name(name).unwrap()))
    }

    fn run(f: &Value, args: &[Value]) -> Result<Value> {
        call(&mut Ctx::default(), f, args)
    }

    #[test]
    fn combinators_build_and_call() {
        let mut ctx = Ctx::default();
        let inc_twice = compose(&mut ctx, &p("increment"), &p("increment")).unwrap();
        assert_eq!(run(&inc_twice, &[Value::Int(1)]).unwrap(), Value::Int(3));
        let add3 = rbind(&mut ctx, &p("add"), &Value::Int(3)).unwrap();
        assert_eq!(run(&add3, &[Value::Int(1)]).unwrap(), Value::Int(4));
        let minus = lbind(&mut ctx, &p("subtract"), &Value::Int(10)).unwrap();
        assert_eq!(run(&minus, &[Value::Int(4)]).unwrap(), Value::Int(6));
        let is4 = matcher(&mut ctx, &add3, &Value::Int(4)).unwrap();
        assert_eq!(run(&is4, &[Value::Int(1)]).unwrap(), Value::Bool(true));
        let f = fork(&mut ctx, &p("add"), &p("double"), &p("increment")).unwrap();
        assert_eq!(run(&f, &[Value::Int(5)]).unwrap(), Value::Int(16));
        let pw = power(&mut ctx, &p("double"), &Value::Int(3)).unwrap();
        assert_eq!(run(&pw, &[Value::Int(1)]).unwrap(), Value::Int(8));
        assert_eq!(
            power(&mut ctx, &p("double"), &Value::Int(1)).unwrap(),
            p("double")
        );
        assert!(power(&mut ctx, &p("double"), &Value::Int(0)).is_err());
        let ch = chain(&mut ctx, &p("double"), &p("increment"), &p("invert")).unwrap();
        assert_eq!(run(&ch, &[Value::Int(5)]).unwrap(), Value::Int(-8));
        assert_eq!(ch.to_string(), "chain(double, increment, invert)");
    }

    #[test]
    fn arity_follows_co_argcount() {
        let mut ctx = Ctx::default();
        let r = rbind(&mut ctx, &p("fill"), &Value::empty_set()).unwrap();
        let Value::Func(c) = &r else { panic!() };
        assert_eq!(c.arity(), 2);
        let rr = rbind(&mut ctx, &r, &Value::Int(1)).unwrap();
        let Value::Func(c) = &rr else { panic!() };
        assert_eq!(c.arity(), 1);
        assert_eq!(
            run(&r, &[Value::Int(1)]).unwrap_err(),
            DslError::Arity {
                expected: 2,
                given: 1
            }
        );
        assert!(rbind(&mut ctx, &Value::Int(1), &Value::Int(1)).is_err());
        assert!(run(&Value::Int(3), &[]).is_err());
    }

    #[test]
    fn higher_order_keeps_container_kinds() {
        let mut ctx = Ctx::default();
        let t = Value::tuple(vec![Value::Int(1), Value::Int(2), Value::Int(1)]);
        let applied = apply(&mut ctx, &p("double"), &t).unwrap();
        assert_eq!(
            applied,
            Value::tuple(vec![Value::Int(2), Value::Int(4), Value::Int(2)])
        );
        let s = Value::set(vec![Value::Int(1), Value::Int(2)]);
        let applied = apply(&mut ctx, &p("halve"), &s).unwrap();
        assert_eq!(applied, Value::set(vec![Value::Int(0), Value::Int(1)]));
        let fs = Value::tuple(vec![p("double"), p("invert")]);
        assert_eq!(
            rapply(&mut ctx, &fs, &Value::Int(3)).unwrap(),
            Value::Pair(6, -3)
        );
        let pa = papply(&mut ctx, &p("add"), &t, &Value::Pair(10, 20)).unwrap();
        assert_eq!(pa, Value::Pair(11, 22));
        let pr = prapply(
            &mut ctx,
            &p("add"),
            &Value::Pair(1, 2),
            &Value::Pair(10, 20),
        )
        .unwrap();
        assert_eq!(pr.len(), Some(4));
        let neigh = mapply(&mut ctx, &p("dneighbors"), &Value::indices(vec![(5, 5)])).unwrap();
        assert_eq!(neigh.len(), Some(4));
    }

    #[test]
    fn prapply_keeps_one_empty_set_of_many_and_every_other_value() {
        // `connect` of cells not in line is the empty set; of cells in
        // line, a line. Every value of the product once, as `Value::set`
        // of all of them makes it.
        let cells = Value::indices(vec![(0, 0), (0, 3), (1, 1), (2, 5), (4, 4)]);
        let connect = p("connect");
        let mut ctx = Ctx::default();
        let got = prapply(&mut ctx, &connect, &cells, &cells).unwrap();
        let mut all = Vec::new();
        for y in cells.items().unwrap() {
            for x in cells.items().unwrap() {
                all.push(call(&mut Ctx::default(), &connect, &[x.clone(), y.clone()]).unwrap());
            }
        }
        assert!(all.iter().filter(|v| v.is_empty_set()).count() > 1);
        assert_eq!(got, Value::set(all));
        // The empty tuple is another value than the empty set: `combine`
        // of the two empties gives each twice, and both stay.
        let empties = Value::set(vec![Value::empty_set(), Value::empty_tuple()]);
        let both = prapply(&mut ctx, &p("combine"), &empties, &empties).unwrap();
        assert_eq!(both, empties);
    }

    #[test]
    fn apply_over_a_pair_is_apply_over_its_two_numbers() {
        // A pair and the tuple of its two numbers are one value; apply
        // gives the same value and charges the same units on each path.
        let cases = [
            (p("double"), Value::Pair(3, -4), Value::Pair(6, -8)),
            (
                p("initset"),
                Value::Pair(1, 2),
                Value::tuple(vec![
                    Value::set(vec![Value::Int(1)]),
                    Value::set(vec![Value::Int(2)]),
                ]),
            ),
        ];
        for (f, pair, expected) in cases {
            let mut on_pair = Ctx::default();
            assert_eq!(apply(&mut on_pair, &f, &pair), Ok(expected.clone()));
            let mut on_items = Ctx::default();
            let items = pair.items().unwrap();
            let generic = rebuild(
                Kind::Tuple,
                items
                    .iter()
                    .map(|e| call(&mut on_items, &f, std::slice::from_ref(e)))
                    .collect::<Result<Vec<_>>>()
                    .unwrap(),
            );
            on_items.charge(items.len()).unwrap();
            assert_eq!(generic, expected);
            assert_eq!(on_pair.remaining(), on_items.remaining(), "{f}");
        }
        // A failing call fails the apply, on the first number.
        assert!(apply(&mut Ctx::default(), &p("size"), &Value::Pair(1, 2)).is_err());
        assert_eq!(
            apply(&mut Ctx::new(2), &p("double"), &Value::Pair(1, 2)),
            Err(DslError::Budget)
        );
    }

    #[test]
    fn runaway_work_hits_the_budget() {
        let mut ctx = Ctx::new(1_000);
        let pw = power(&mut ctx, &p("increment"), &Value::Int(1_000_000)).unwrap();
        assert_eq!(call(&mut ctx, &pw, &[Value::Int(0)]), Err(DslError::Budget));
        assert_eq!(ctx.remaining(), 0);
    }
}

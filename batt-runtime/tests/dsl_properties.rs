//! Algebraic facts of the DSL, checked on random grids and patches, and
//! the canonical tie-breaking rule across the primitives that break ties.

#![allow(clippy::cloned_ref_to_slice_refs)] // Argument lists read better as arrays.

use batt_runtime::dsl::{Cell, Ctx, Prim, Value, call, named};
use batt_runtime::grid::Grid;
use proptest::prelude::*;

/// Calls the primitive `name` with `args`; the properties below only use
/// arguments the reference accepts, so an error is a failure.
fn f(name: &str, args: &[Value]) -> Value {
    let prim = Prim::from_name(name).unwrap_or_else(|| panic!("no primitive {name}"));
    call(&mut Ctx::default(), &prim.value(), args).unwrap_or_else(|e| panic!("{name}{args:?}: {e}"))
}

fn c(name: &str) -> Value {
    named(name).unwrap_or_else(|| panic!("no name {name}"))
}

fn int(n: i64) -> Value {
    Value::Int(n)
}

fn grid_of(h: usize, w: usize, colours: i8) -> impl Strategy<Value = Value> {
    prop::collection::vec(0..colours, h * w)
        .prop_map(move |cells| Value::grid(Grid::new(h, w, cells).expect("sizes match")))
}

fn grid() -> impl Strategy<Value = Value> {
    (1usize..12, 1usize..12, 2i8..6).prop_flat_map(|(h, w, k)| grid_of(h, w, k))
}

fn even_grid() -> impl Strategy<Value = Value> {
    (1usize..6, 1usize..6, 2i8..6).prop_flat_map(|(h, w, k)| grid_of(2 * h, 2 * w, k))
}

fn patch() -> impl Strategy<Value = Value> {
    let idx = prop::collection::vec((-5i32..15, -5i32..15), 1..20);
    prop_oneof![
        idx.clone().prop_map(Value::indices),
        (idx, 0i32..10)
            .prop_map(|(v, c)| Value::object(v.into_iter().map(|i| Cell::new(c, i)).collect())),
    ]
}

/// The cells of a grid that are not background, as a set of indices.
fn foreground(g: &Value) -> Value {
    let bg = f("mostcolor", std::slice::from_ref(g));
    let all = f("asindices", std::slice::from_ref(g));
    let bg_cells = f("ofcolor", &[g.clone(), bg]);
    f("difference", &[all, bg_cells])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn rotations_compose(g in grid()) {
        let r1 = f("rot90", std::slice::from_ref(&g));
        let r2 = f("rot90", std::slice::from_ref(&r1));
        let r3 = f("rot90", std::slice::from_ref(&r2));
        prop_assert_eq!(f("rot90", std::slice::from_ref(&r3)), g.clone());
        prop_assert_eq!(f("rot180", std::slice::from_ref(&g)), r2);
        prop_assert_eq!(f("rot270", std::slice::from_ref(&g)), r3);
        // dmirror is the transpose: vmirror of a quarter turn.
        prop_assert_eq!(f("dmirror", std::slice::from_ref(&g)), f("vmirror", &[r1]));
    }

    #[test]
    fn mirrors_are_involutions(g in grid(), p in patch()) {
        for m in ["hmirror", "vmirror", "dmirror", "cmirror"] {
            let once = f(m, std::slice::from_ref(&g));
            prop_assert_eq!(f(m, &[once]), g.clone(), "{} on a grid", m);
            let once = f(m, std::slice::from_ref(&p));
            prop_assert_eq!(f(m, &[once]), p.clone(), "{} on a patch", m);
        }
    }

    #[test]
    fn shift_then_shift_back(p in patch(), di in -10i64..10, dj in -10i64..10) {
        let moved = f("shift", &[p.clone(), Value::Pair(di, dj)]);
        prop_assert_eq!(f("shift", &[moved.clone(), Value::Pair(-di, -dj)]), p.clone());
        prop_assert_eq!(f("size", &[moved]), f("size", &[p.clone()]));
        let normal = f("normalize", std::slice::from_ref(&p));
        prop_assert_eq!(f("ulcorner", &[normal]), Value::Pair(0, 0));
    }

    #[test]
    fn objects_cover_exactly_the_foreground(g in grid(), univalued: bool, diagonal: bool) {
        let objs = f("objects", &[g.clone(), univalued.into(), diagonal.into(), c("T")]);
        let cells = f("merge", std::slice::from_ref(&objs));
        prop_assert_eq!(f("toindices", &[cells.clone()]), foreground(&g));
        // Disjoint: the sizes add up to the size of the union.
        let sizes: i64 = objs.items().unwrap_or_default().iter().map(|o| o.len().unwrap_or(0) as i64).sum();
        prop_assert_eq!(int(sizes), f("size", &[cells]));
        if univalued {
            for o in objs.items().unwrap_or_default() {
                prop_assert_eq!(f("numcolors", &[o]), int(1));
            }
        }
        // With the background, every cell is covered.
        let all = f("objects", &[g.clone(), univalued.into(), diagonal.into(), c("F")]);
        prop_assert_eq!(f("merge", &[all]), f("asobject", std::slice::from_ref(&g)));
    }

    #[test]
    fn partition_covers_the_grid(g in grid()) {
        let parts = f("partition", std::slice::from_ref(&g));
        prop_assert_eq!(f("merge", std::slice::from_ref(&parts)), f("asobject", std::slice::from_ref(&g)));
        prop_assert_eq!(f("size", &[parts]), f("numcolors", std::slice::from_ref(&g)));
        let fg = f("fgpartition", std::slice::from_ref(&g));
        prop_assert_eq!(f("toindices", &[f("merge", &[fg])]), foreground(&g));
    }

    #[test]
    fn upscale_then_downscale(g in grid(), k in 1i64..4) {
        let up = f("upscale", &[g.clone(), int(k)]);
        prop_assert_eq!(f("shape", std::slice::from_ref(&up)), f("multiply", &[f("shape", std::slice::from_ref(&g)), int(k)]));
        prop_assert_eq!(f("downscale", &[up, int(k)]), g.clone());
        let h = f("hupscale", &[g.clone(), int(k)]);
        let v = f("vupscale", &[h, int(k)]);
        prop_assert_eq!(v, f("upscale", &[g, int(k)]));
    }

    #[test]
    fn halves_put_back_together(g in even_grid()) {
        let top = f("tophalf", std::slice::from_ref(&g));
        let bottom = f("bottomhalf", std::slice::from_ref(&g));
        prop_assert_eq!(f("vconcat", &[top, bottom]), g.clone());
        let left = f("lefthalf", std::slice::from_ref(&g));
        let right = f("righthalf", std::slice::from_ref(&g));
        prop_assert_eq!(f("hconcat", &[left, right]), g.clone());
        let parts = f("hsplit", &[g.clone(), int(2)]);
        prop_assert_eq!(f("first", std::slice::from_ref(&parts)), f("lefthalf", std::slice::from_ref(&g)));
    }

    #[test]
    fn painting_a_grid_as_an_object_rebuilds_it(g in grid(), bg in 0i64..10) {
        let blank = f("canvas", &[int(bg), f("shape", std::slice::from_ref(&g))]);
        prop_assert_eq!(f("paint", &[blank, f("asobject", std::slice::from_ref(&g))]), g.clone());
        let colour = f("leastcolor", std::slice::from_ref(&g));
        let cells = f("ofcolor", &[g.clone(), colour.clone()]);
        prop_assert_eq!(f("fill", &[g.clone(), colour, cells]), g);
    }

    #[test]
    fn recolor_keeps_the_indices(p in patch(), colour in 0i64..10) {
        let obj = f("recolor", &[int(colour), p.clone()]);
        prop_assert_eq!(f("toindices", &[obj.clone()]), f("toindices", &[p]));
        prop_assert_eq!(f("palette", &[obj]), Value::set(vec![int(colour)]));
    }

    #[test]
    fn subgrid_of_the_whole_grid_is_the_grid(g in grid()) {
        let all = f("asindices", std::slice::from_ref(&g));
        prop_assert_eq!(f("subgrid", &[all.clone(), g.clone()]), g.clone());
        prop_assert_eq!(f("backdrop", std::slice::from_ref(&all)), all.clone());
        prop_assert_eq!(f("delta", &[all]), Value::empty_set());
    }
}

/// Ties go to the earliest element in canonical order, for every primitive
/// that breaks ties.
#[test]
fn ties_go_to_the_earliest_element() {
    let a = Value::object(vec![Cell::new(2, (0, 0)), Cell::new(2, (0, 1))]);
    let b = Value::object(vec![Cell::new(1, (5, 5)), Cell::new(1, (5, 6))]);
    let objs = Value::set(vec![a.clone(), b.clone()]);
    // b < a: its first cell has the smaller colour.
    assert_eq!(f("first", std::slice::from_ref(&objs)), b);
    assert_eq!(f("last", std::slice::from_ref(&objs)), a);
    assert_eq!(f("argmax", &[objs.clone(), c("size")]), b);
    assert_eq!(f("argmin", &[objs.clone(), c("size")]), b);
    assert_eq!(f("order", &[objs, c("size")]), Value::tuple(vec![b, a]));

    let g = Value::grid(Grid::from_rows(&[[3i8, 3, 1], [1, 7, 7]]).expect("a grid"));
    assert_eq!(f("mostcolor", std::slice::from_ref(&g)), int(1));
    assert_eq!(f("leastcolor", std::slice::from_ref(&g)), int(1));
    let t = Value::tuple(vec![int(5), int(4), int(5), int(4), int(9)]);
    assert_eq!(f("mostcommon", std::slice::from_ref(&t)), int(4));
    assert_eq!(f("leastcommon", &[t]), int(9));
    let s = Value::set(vec![int(8), int(-2), int(3)]);
    assert_eq!(f("first", std::slice::from_ref(&s)), int(-2));
    assert_eq!(f("last", std::slice::from_ref(&s)), int(8));
    assert_eq!(
        f("totuple", &[s]),
        Value::tuple(vec![int(-2), int(3), int(8)])
    );
}

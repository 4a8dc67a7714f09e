// equality: Python's a == b (batt's py_eq), for every device type with
// itself (Bool fits Int: True == 1), and across types where Python's answer
// follows from the types: a number never equals a container, a tuple never
// equals a set, two sets of different element kinds are equal only when
// both are empty, an IntegerTuple equals a tuple of two equal integers, and
// tuples whose elements differ in kind (rows, integers, grids) are equal
// only when both are empty.
// sig: equality(Int, Int) -> Bool
// sig: equality(Int, Pair) -> Bool as p_equality_never
// sig: equality(Int, Grid) -> Bool as p_equality_never
// sig: equality(Int, Indices) -> Bool as p_equality_never
// sig: equality(Int, Object) -> Bool as p_equality_never
// sig: equality(Int, Objects) -> Bool as p_equality_never
// sig: equality(Int, Colours) -> Bool as p_equality_never
// sig: equality(Int, Ints) -> Bool as p_equality_never
// sig: equality(Int, Grids) -> Bool as p_equality_never
// sig: equality(Pair, Int) -> Bool as p_equality_never
// sig: equality(Pair, Pair) -> Bool
// sig: equality(Pair, Grid) -> Bool as p_equality_never
// sig: equality(Pair, Indices) -> Bool as p_equality_never
// sig: equality(Pair, Object) -> Bool as p_equality_never
// sig: equality(Pair, Objects) -> Bool as p_equality_never
// sig: equality(Pair, Colours) -> Bool as p_equality_never
// sig: equality(Pair, Ints) -> Bool as p_equality_pair_ints
// sig: equality(Pair, Grids) -> Bool as p_equality_never
// sig: equality(Grid, Int) -> Bool as p_equality_never
// sig: equality(Grid, Pair) -> Bool as p_equality_never
// sig: equality(Grid, Grid) -> Bool
// sig: equality(Grid, Indices) -> Bool as p_equality_never
// sig: equality(Grid, Object) -> Bool as p_equality_never
// sig: equality(Grid, Objects) -> Bool as p_equality_never
// sig: equality(Grid, Colours) -> Bool as p_equality_never
// sig: equality(Grid, Ints) -> Bool as p_equality_empties
// sig: equality(Grid, Grids) -> Bool as p_equality_grid_grids
// sig: equality(Indices, Int) -> Bool as p_equality_never
// sig: equality(Indices, Pair) -> Bool as p_equality_never
// sig: equality(Indices, Grid) -> Bool as p_equality_never
// sig: equality(Indices, Indices) -> Bool
// sig: equality(Indices, Object) -> Bool as p_equality_empties
// sig: equality(Indices, Objects) -> Bool as p_equality_empties
// sig: equality(Indices, Colours) -> Bool as p_equality_empties
// sig: equality(Indices, Ints) -> Bool as p_equality_never
// sig: equality(Indices, Grids) -> Bool as p_equality_never
// sig: equality(Object, Int) -> Bool as p_equality_never
// sig: equality(Object, Pair) -> Bool as p_equality_never
// sig: equality(Object, Grid) -> Bool as p_equality_never
// sig: equality(Object, Indices) -> Bool as p_equality_empties
// sig: equality(Object, Object) -> Bool
// sig: equality(Object, Objects) -> Bool as p_equality_empties
// sig: equality(Object, Colours) -> Bool as p_equality_empties
// sig: equality(Object, Ints) -> Bool as p_equality_never
// sig: equality(Object, Grids) -> Bool as p_equality_never
// sig: equality(Objects, Int) -> Bool as p_equality_never
// sig: equality(Objects, Pair) -> Bool as p_equality_never
// sig: equality(Objects, Grid) -> Bool as p_equality_never
// sig: equality(Objects, Indices) -> Bool as p_equality_empties
// sig: equality(Objects, Object) -> Bool as p_equality_empties
// sig: equality(Objects, Objects) -> Bool
// sig: equality(Objects, Colours) -> Bool as p_equality_empties
// sig: equality(Objects, Ints) -> Bool as p_equality_never
// sig: equality(Objects, Grids) -> Bool as p_equality_never
// sig: equality(Colours, Int) -> Bool as p_equality_never
// sig: equality(Colours, Pair) -> Bool as p_equality_never
// sig: equality(Colours, Grid) -> Bool as p_equality_never
// sig: equality(Colours, Indices) -> Bool as p_equality_empties
// sig: equality(Colours, Object) -> Bool as p_equality_empties
// sig: equality(Colours, Objects) -> Bool as p_equality_empties
// sig: equality(Colours, Colours) -> Bool
// sig: equality(Colours, Ints) -> Bool as p_equality_never
// sig: equality(Colours, Grids) -> Bool as p_equality_never
// sig: equality(Ints, Int) -> Bool as p_equality_never
// sig: equality(Ints, Pair) -> Bool as p_equality_ints_pair
// sig: equality(Ints, Grid) -> Bool as p_equality_empties
// sig: equality(Ints, Indices) -> Bool as p_equality_never
// sig: equality(Ints, Object) -> Bool as p_equality_never
// sig: equality(Ints, Objects) -> Bool as p_equality_never
// sig: equality(Ints, Colours) -> Bool as p_equality_never
// sig: equality(Ints, Ints) -> Bool
// sig: equality(Ints, Grids) -> Bool as p_equality_empties
// sig: equality(Grids, Int) -> Bool as p_equality_never
// sig: equality(Grids, Pair) -> Bool as p_equality_never
// sig: equality(Grids, Grid) -> Bool as p_equality_grids_grid
// sig: equality(Grids, Indices) -> Bool as p_equality_never
// sig: equality(Grids, Object) -> Bool as p_equality_never
// sig: equality(Grids, Objects) -> Bool as p_equality_never
// sig: equality(Grids, Colours) -> Bool as p_equality_never
// sig: equality(Grids, Ints) -> Bool as p_equality_empties
// sig: equality(Grids, Grids) -> Bool

BATT_PRIM bool p_equality(i64 a, i64 b, Flag& ok) {
    (void)ok;
    return a == b;
}
template <class T>
BATT_PRIM bool p_equality(const T& a, const T& b, Flag& ok) {
    (void)ok;
    return b_eq(a, b);
}

template <class A, class B>
BATT_PRIM bool p_equality_never(const A& a, const B& b, Flag& ok) {
    (void)a;
    (void)b;
    (void)ok;
    return false;
}

template <class A, class B>
BATT_PRIM bool p_equality_empties(const A& a, const B& b, Flag& ok) {
    (void)ok;
    return !b_truthy(a) && !b_truthy(b);
}

BATT_PRIM bool p_equality_pair_ints(const Pair& a, const Ints& b, Flag& ok) {
    (void)ok;
    return b.n == 2 && a.a == b.v[0] && a.b == b.v[1];
}

BATT_PRIM bool p_equality_ints_pair(const Ints& a, const Pair& b, Flag& ok) {
    return p_equality_pair_ints(b, a, ok);
}

// A grid's rows against a tuple of grids: only rows of no cells can equal
// grids (the empty tuple), so a grid of zero width equals as many empty grids.
BATT_PRIM bool p_equality_grid_grids(const Grid& a, const Grids& b, Flag& ok) {
    (void)ok;
    if (a.h == 0) return b.n == 0;
    if (a.w > 0 || b.n != a.h) return false;
    for (int k = 0; k < b.n && k < BATT_GRIDS; k++)
        if (b.gh[k] != 0) return false;
    return true;
}

BATT_PRIM bool p_equality_grids_grid(const Grids& a, const Grid& b, Flag& ok) {
    return p_equality_grid_grids(b, a, ok);
}

// contained: whether `value` is an element of `container` (a grid's
// elements are its rows, a pair's its two numbers).
// sig: contained(Int, Colours) -> Bool
// sig: contained(Pair, Indices) -> Bool
// sig: contained(Object, Objects) -> Bool
// sig: contained(Int, Ints) -> Bool
// sig: contained(Grid, Grids) -> Bool
// sig: contained(Int, Pair) -> Bool
// sig: contained(Ints, Grid) -> Bool
// sig: contained(Int, Cell) -> Bool
// needs: insert

BATT_PRIM bool p_contained(i64 v, const Colours& s, Flag& ok) {
    (void)ok;
    return setint_ok(v) && ((s.m >> v) & 1u);
}

BATT_PRIM bool p_contained(const Pair& v, const Indices& s, Flag& ok) {
    (void)ok;
    return v.a >= 0 && v.a < BATT_N && v.b >= 0 && v.b < BATT_N && ((s.r[v.a] >> v.b) & 1u);
}

BATT_PRIM bool p_contained(const Object& v, const Objects& x, Flag& ok) {
    (void)ok;
    return insert_find(x, v) != 0;
}

BATT_PRIM bool p_contained(i64 v, const Ints& t, Flag& ok) {
    (void)ok;
    for (int k = 0; k < t.n && k < BATT_INTS; k++)
        if (t.v[k] == v) return true;
    return false;
}

BATT_PRIM bool p_contained(const Grid& v, const Grids& t, Flag& ok) {
    (void)ok;
    for (int k = 0; k < t.n && k < BATT_GRIDS; k++)
        if (grids_eq_at(t, k, v)) return true;
    return false;
}

BATT_PRIM bool p_contained(i64 v, const Pair& q, Flag& ok) {
    (void)ok;
    return v == q.a || v == q.b;
}

BATT_PRIM bool p_contained(const Ints& row, const Grid& g, Flag& ok) {
    (void)ok;
    if (row.n != g.w) return false;
    for (int i = 0; i < g.h; i++) {
        bool same = true;
        for (int j = 0; j < g.w; j++)
            if ((i64)at(g, i, j) != row.v[j]) same = false;
        if (same) return true;
    }
    return false;
}

// In a cell (colour, (i, j)) an integer can only be the colour.
BATT_PRIM bool p_contained(i64 v, const Cell& c, Flag& ok) {
    (void)ok;
    return v == c.c;
}

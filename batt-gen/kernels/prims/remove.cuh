// remove: the elements not equal to `value`, keeping the container's kind.
// sig: remove(Pair, Indices) -> Indices
// sig: remove(Int, Colours) -> Colours
// sig: remove(Object, Objects) -> Objects
// sig: remove(Int, Ints) -> Ints
// sig: remove(Grid, Grids) -> Grids
// sig: remove(Object, ObjTuple) -> ObjTuple
// sig: remove(Indices, Patches) -> Patches
// sig: remove(Ints, Grid) -> Grid
// needs: insert

BATT_PRIM Indices p_remove(const Pair& v, const Indices& s, Flag& ok) {
    (void)ok;
    Indices r = s;
    if (v.a >= 0 && v.a < BATT_N && v.b >= 0 && v.b < BATT_N) r.r[v.a] &= ~(1u << v.b);
    return r;
}

BATT_PRIM Colours p_remove(i64 v, const Colours& s, Flag& ok) {
    (void)ok;
    Colours r = s;
    if (setint_ok(v)) r.m &= ~(1ull << v);
    return r;
}

BATT_PRIM Objects p_remove(const Object& v, const Objects& x, Flag& ok) {
    (void)ok;
    Objects r = x;
    int l = insert_find(x, v);
    if (l != 0) {
        insert_drop(r, l);
        objs_canonical(r);
    }
    return r;
}

BATT_PRIM Ints p_remove(i64 v, const Ints& t, Flag& ok) {
    Ints r = ints_empty();
    for (int k = 0; k < t.n && k < BATT_INTS; k++)
        if (t.v[k] != v) ints_push(r, t.v[k], ok);
    return r;
}

BATT_PRIM Grids p_remove(const Grid& v, const Grids& t, Flag& ok) {
    Grids r = grids_empty();
    for (int k = 0; k < t.n && k < BATT_GRIDS; k++)
        if (!grids_eq_at(t, k, v)) grids_push_at(r, t, k, ok);
    return r;
}

BATT_PRIM ObjTuple p_remove(const Object& o, const ObjTuple& t, Flag& ok) {
    (void)ok;
    // Members are disjoint: at most one equals o; the rest keep their order.
    int l = insert_find(t.x, o);
    if (l == 0) return t;
    ObjTuple r = t;
    r.x.n = t.x.n - 1;
    for (int p = 0; p < BATT_CELLS; p++) {
        int m = t.x.lab[p];
        if (m == l) { r.x.lab[p] = 0; r.x.c[p] = 0; }
        else if (m > l) r.x.lab[p] = (u16)(m - 1);
    }
    return r;
}

BATT_PRIM Patches p_remove(const Indices& s, const Patches& x, Flag& ok) {
    (void)ok;
    Patches r = patches_empty();
    for (int k = 0; k < x.n && k < BATT_PATCHES; k++)
        if (!b_eq(x.s[k], s)) r.s[r.n++] = x.s[k];
    return r;
}

// A grid's rows other than `v` (none left: the empty tuple).
BATT_PRIM Grid p_remove(const Ints& v, const Grid& g, Flag& ok) {
    (void)ok;
    return grid_rows_where(g, [&](int i) { return !b_eq(grid_row(g, i), v); });
}

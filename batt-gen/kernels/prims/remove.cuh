// remove: the elements not equal to `value`, keeping the container's kind.
// sig: remove(Pair, Indices) -> Indices
// sig: remove(Int, Colours) -> Colours
// sig: remove(Object, Objects) -> Objects
// sig: remove(Int, Ints) -> Ints
// sig: remove(Grid, Grids) -> Grids
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
    if (colour_ok(v)) r.m &= ~(1u << v);
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
        if (!b_eq(t.g[k], v)) grids_push(r, t.g[k], ok);
    return r;
}

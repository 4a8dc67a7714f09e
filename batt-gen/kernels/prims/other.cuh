// other: the first element not equal to `value` (first(remove(value,
// container))); none is an error.
// sig: other(Colours, Int) -> Int
// sig: other(Objects, Object) -> Object
// sig: other(Ints, Int) -> Int
// sig: other(Grids, Grid) -> Grid
// sig: other(Indices, Pair) -> Pair
// needs: insert

BATT_PRIM i64 p_other(const Colours& s, i64 v, Flag& ok) {
    for (int c = 0; c < BATT_SET_INTS; c++)
        if (((s.m >> c) & 1u) && (i64)c != v) return c;
    ok = false;
    return 0;
}

BATT_PRIM Object p_other(const Objects& x, const Object& v, Flag& ok) {
    int l = insert_find(x, v);
    for (int k = 1; k <= x.n; k++)
        if (k != l) return objs_get(x, k);
    ok = false;
    return object_empty();
}

BATT_PRIM i64 p_other(const Ints& t, i64 v, Flag& ok) {
    for (int k = 0; k < t.n && k < BATT_INTS; k++)
        if (t.v[k] != v) return t.v[k];
    ok = false;
    return 0;
}

BATT_PRIM Grid p_other(const Grids& t, const Grid& v, Flag& ok) {
    for (int k = 0; k < t.n && k < BATT_GRIDS; k++)
        if (!grids_eq_at(t, k, v)) return grids_get(t, k);
    ok = false;
    return grid_empty();
}

BATT_PRIM Pair p_other(const Indices& s, const Pair& v, Flag& ok) {
    for (int i = 0; i < BATT_N; i++)
        for (int j = 0; j < BATT_N; j++)
            if (((s.r[i] >> j) & 1u) && !(v.a == i && v.b == j)) return Pair{i, j};
    ok = false;
    return Pair{0, 0};
}

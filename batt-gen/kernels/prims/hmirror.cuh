// hmirror: a grid upside down, or a patch mirrored across the horizontal
// axis of its bounding box (i -> top + bottom - i). The empty patch has no
// corners: an error.
// sig: hmirror(Grid) -> Grid
// sig: hmirror(Indices) -> Indices
// sig: hmirror(Object) -> Object
// needs: shape
BATT_PRIM Grid p_hmirror(const Grid& g, Flag& ok) {
    (void)ok;
    if (g.h == 0) return grid_empty();
    Grid r = grid_filled(g.h, g.w, 0);
    for (int i = 0; i < r.h; i++)
        for (int j = 0; j < r.w; j++) r.c[i * BATT_N + j] = at(g, g.h - 1 - i, j);
    return r;
}

BATT_PRIM Indices p_hmirror(const Indices& s, Flag& ok) {
    int a, b, c, d;
    if (!shape_bounds(s.r, a, b, c, d)) { ok = false; return indices_empty(); }
    Indices r = indices_empty();
    for (int i = a; i <= c; i++) r.r[a + c - i] = s.r[i];
    return r;
}

BATT_PRIM Object p_hmirror(const Object& o, Flag& ok) {
    int a, b, c, d;
    if (!shape_bounds(o.r, a, b, c, d)) { ok = false; return object_empty(); }
    Object r = object_empty();
    for (int i = a; i <= c; i++) {
        int k = a + c - i;
        r.r[k] = o.r[i];
        for (int j = 0; j < BATT_N; j++)
            if ((o.r[i] >> j) & 1u) r.c[k * BATT_N + j] = o.c[i * BATT_N + j];
    }
    return r;
}

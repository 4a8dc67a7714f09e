// vmirror: a grid with every row reversed, or a patch mirrored across the
// vertical axis of its bounding box (j -> left + right - j). The empty
// patch has no corners: an error.
// sig: vmirror(Grid) -> Grid
// sig: vmirror(Indices) -> Indices
// sig: vmirror(Object) -> Object
// needs: shape
BATT_PRIM Grid p_vmirror(const Grid& g, Flag& ok) {
    (void)ok;
    if (g.h == 0) return grid_empty();
    Grid r = grid_filled(g.h, g.w, 0);
    for (int i = 0; i < r.h; i++)
        for (int j = 0; j < r.w; j++) r.c[i * BATT_N + j] = at(g, i, g.w - 1 - j);
    return r;
}

BATT_PRIM Indices p_vmirror(const Indices& s, Flag& ok) {
    int a, b, c, d;
    if (!shape_bounds(s.r, a, b, c, d)) { ok = false; return indices_empty(); }
    Indices r = indices_empty();
    for (int i = a; i <= c; i++)
        for (int j = b; j <= d; j++)
            if ((s.r[i] >> j) & 1u) r.r[i] |= 1u << (b + d - j);
    return r;
}

BATT_PRIM Object p_vmirror(const Object& o, Flag& ok) {
    int a, b, c, d;
    if (!shape_bounds(o.r, a, b, c, d)) { ok = false; return object_empty(); }
    Object r = object_empty();
    for (int i = a; i <= c; i++)
        for (int j = b; j <= d; j++)
            if ((o.r[i] >> j) & 1u) {
                int k = b + d - j;
                r.r[i] |= 1u << k;
                r.c[i * BATT_N + k] = o.c[i * BATT_N + j];
            }
    return r;
}

// paint: the grid with the object's cells inside it painted on. Indices
// are no object: the empty set paints nothing, other indices are an error.
// sig: paint(Grid, Object) -> Grid
// sig: paint(Grid, Indices) -> Grid
BATT_PRIM Grid p_paint(const Grid& g, const Object& o, Flag& ok) {
    if (g.h == 0) { ok = false; return grid_empty(); }
    Grid out = g;
    for (int i = 0; i < g.h; i++)
        for (int j = 0; j < g.w; j++)
            if ((o.r[i] >> j) & 1u) out.c[i * BATT_N + j] = o.c[i * BATT_N + j];
    return out;
}

BATT_PRIM Grid p_paint(const Grid& g, const Indices& p, Flag& ok) {
    if (g.h == 0 || idx_size(p) != 0) { ok = false; return grid_empty(); }
    return g;
}

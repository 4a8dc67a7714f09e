// underpaint: paint, only where the grid shows its most common colour (a
// grid without cells has none: an error). Indices paint nothing when
// empty and are an error otherwise.
// needs: cover
// sig: underpaint(Grid, Object) -> Grid
// sig: underpaint(Grid, Indices) -> Grid
BATT_PRIM Grid p_underpaint(const Grid& g, const Object& o, Flag& ok) {
    if (g.h == 0 || g.w == 0) { ok = false; return grid_empty(); }
    u8 bg = (u8)cover_background(g, ok);
    Grid out = g;
    for (int i = 0; i < g.h; i++)
        for (int j = 0; j < g.w; j++)
            if (((o.r[i] >> j) & 1u) && at(g, i, j) == bg) out.c[i * BATT_N + j] = o.c[i * BATT_N + j];
    return out;
}

BATT_PRIM Grid p_underpaint(const Grid& g, const Indices& p, Flag& ok) {
    if (g.h == 0 || g.w == 0 || idx_size(p) != 0) { ok = false; return grid_empty(); }
    return g;
}

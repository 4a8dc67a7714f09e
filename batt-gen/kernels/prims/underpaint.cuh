// underpaint: paint, only where the grid shows its most common colour (a
// grid without cells has none: an error). Indices paint nothing when
// empty and are an error otherwise.
// needs: cover
// sig: underpaint(Grid, Object) -> Grid
// sig: underpaint(Grid, Indices) -> Grid
// sig: underpaint(Grid, ObjMerged) -> Grid
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

// A merged tuple's cells written in order: where two fall at one position,
// the first of a colour other than the background's stays.
BATT_PRIM Grid p_underpaint(const Grid& g, const ObjMerged& t, Flag& ok) {
    if (g.h == 0 || g.w == 0) { ok = false; return grid_empty(); }
    const u8 bg = (u8)cover_background(g, ok);
    Grid out = g;
#pragma unroll 1
    for (int q = 0; q < t.b.start[t.b.n] && q < BATT_BAG_CELLS; q++) {
        const int i = t.b.pos[q] / BATT_N, j = t.b.pos[q] % BATT_N;
        if (i < g.h && j < g.w && out.c[i * BATT_N + j] == bg) out.c[i * BATT_N + j] = t.b.c[q];
    }
    return out;
}

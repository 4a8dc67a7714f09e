// underfill: fill, only where the grid shows its most common colour (a
// grid without cells has none: an error, as is the empty grid). The colour
// is checked as fill checks it.
// needs: cover
// sig: underfill(Grid, Int, Indices) -> Grid
// sig: underfill(Grid, Int, Object) -> Grid
// sig: underfill(Grid, Int, Pairs) -> Grid
// sig: underfill(Grid, Int, Offsets) -> Grid
BATT_DEVICE Grid underfill_mask(const Grid& g, i64 v, const u32* r, Flag& ok) {
    if (g.h == 0 || g.w == 0) { ok = false; return grid_empty(); }
    u8 bg = (u8)cover_background(g, ok);
    Grid out = g;
    bool wrote = false;
    for (int i = 0; i < g.h; i++)
        for (int j = 0; j < g.w; j++)
            if (((r[i] >> j) & 1u) && at(g, i, j) == bg) {
                out.c[i * BATT_N + j] = (u8)(v & 15);
                wrote = true;
            }
    if (wrote) {
        colour_write(v, ok);
        if (!ok) return grid_empty();
    }
    return out;
}

BATT_PRIM Grid p_underfill(const Grid& g, i64 v, const Indices& p, Flag& ok) { return underfill_mask(g, v, p.r, ok); }
BATT_PRIM Grid p_underfill(const Grid& g, i64 v, const Object& p, Flag& ok) { return underfill_mask(g, v, p.r, ok); }

BATT_PRIM Grid p_underfill(const Grid& g, i64 v, const Pairs& t, Flag& ok) {
    Indices s = pairs_in_frame(t, ok);
    return underfill_mask(g, v, s.r, ok);
}

BATT_PRIM Grid p_underfill(const Grid& g, i64 v, const Offsets& t, Flag& ok) {
    Indices s = offsets_in_frame(t, ok);
    return underfill_mask(g, v, s.r, ok);
}

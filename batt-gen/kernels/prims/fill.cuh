// fill: the grid with the patch's cells inside it set to a colour. The
// empty grid `()` is no grid (an error); the colour is checked only when
// a cell is written: beyond i8 an error, outside 0..15 left to the CPU.
// sig: fill(Grid, Int, Indices) -> Grid
// sig: fill(Grid, Int, Object) -> Grid
// sig: fill(Grid, Int, Pairs) -> Grid
// sig: fill(Grid, Int, Offsets) -> Grid
BATT_DEVICE Grid fill_mask(const Grid& g, i64 v, const u32* r, Flag& ok) {
    if (g.h == 0) { ok = false; return grid_empty(); }
    Grid out = g;
    bool wrote = false;
    for (int i = 0; i < g.h; i++)
        for (int j = 0; j < g.w; j++)
            if ((r[i] >> j) & 1u) {
                out.c[i * BATT_N + j] = (u8)(v & 15);
                wrote = true;
            }
    if (wrote) {
        colour_write(v, ok);
        if (!ok) return grid_empty();
    }
    return out;
}

BATT_PRIM Grid p_fill(const Grid& g, i64 v, const Indices& p, Flag& ok) { return fill_mask(g, v, p.r, ok); }
BATT_PRIM Grid p_fill(const Grid& g, i64 v, const Object& p, Flag& ok) { return fill_mask(g, v, p.r, ok); }

BATT_PRIM Grid p_fill(const Grid& g, i64 v, const Pairs& t, Flag& ok) {
    Indices s = pairs_in_frame(t, ok);
    return fill_mask(g, v, s.r, ok);
}

BATT_PRIM Grid p_fill(const Grid& g, i64 v, const Offsets& t, Flag& ok) {
    Indices s = offsets_in_frame(t, ok);
    return fill_mask(g, v, s.r, ok);
}

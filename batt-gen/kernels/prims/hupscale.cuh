// hupscale: every cell repeated factor times along its row (a factor <= 0
// leaves rows of no cells). Rows longer than the CPU's grids are an error,
// longer than the frame left to the CPU.
// sig: hupscale(Grid, Int) -> Grid
BATT_PRIM Grid p_hupscale(const Grid& g, i64 f, Flag& ok) {
    int h, w;
    bool ragged;
    if (big_shape(g, h, w, ragged)) {
        // A grid too large (its stand-in) grown: one too large again.
        if (ragged || f <= 0 || w == 0) { ok.full(); return grid_empty(); }
        if (f > BATT_SIDE_MAX || w * f > BATT_SIDE_MAX) { ok = false; return grid_empty(); }
        return grid_too_big(h, w * f, ok);
    }
    if (g.h == 0) return grid_empty();
    i64 k = f < 0 || g.w == 0 ? 0 : f;
    if (g.w > 0 && (k > BATT_SIDE_MAX || g.w * k > BATT_SIDE_MAX)) { ok = false; return grid_empty(); }
    if (g.w > 0 && g.w * k > BATT_N) return grid_too_big(g.h, g.w * k, ok);
    int kk = (int)k;
    Grid r = grid_filled(g.h, g.w * kk, 0);
    for (int i = 0; i < r.h; i++)
        for (int j = 0; j < r.w; j++) r.c[i * BATT_N + j] = at(g, i, j / kk);
    return r;
}

// vupscale: every row repeated factor times (`()` for a factor <= 0). More
// rows than the CPU's grids have are an error, than the frame left to the
// CPU.
// sig: vupscale(Grid, Int) -> Grid
BATT_PRIM Grid p_vupscale(const Grid& g, i64 f, Flag& ok) {
    int h, w;
    bool ragged;
    if (big_shape(g, h, w, ragged)) {
        // A grid too large (its stand-in) grown: one too large again.
        if (ragged || f <= 0) { ok.full(); return grid_empty(); }
        if (f > BATT_SIDE_MAX || h * f > BATT_SIDE_MAX) { ok = false; return grid_empty(); }
        return grid_too_big(h * f, w, ok);
    }
    if (g.h == 0 || f <= 0) return grid_empty();
    if (f > BATT_SIDE_MAX || g.h * f > BATT_SIDE_MAX) { ok = false; return grid_empty(); }
    if (g.h * f > BATT_N) return grid_too_big(g.h * f, g.w, ok);
    int k = (int)f;
    Grid r = grid_filled(g.h * k, g.w, 0);
    for (int i = 0; i < r.h; i++)
        for (int j = 0; j < r.w; j++) r.c[i * BATT_N + j] = at(g, i / k, j);
    return r;
}

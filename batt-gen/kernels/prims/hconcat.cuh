// hconcat: two grids side by side (rows zipped: the shorter grid's height);
// wider than the frame: left to the CPU (`oversize`). Of a grid too large
// (its stand-in), the shape is known: a grid too large again, or the empty
// grid where the other has no rows; a grid the frame holds made of one too
// large (rows of one cut short) is left to the CPU, and so are rows of
// different widths (which batt's `hconcat` fails on, as no grid).
// sig: hconcat(Grid, Grid) -> Grid
BATT_PRIM Grid p_hconcat(const Grid& a, const Grid& b, Flag& ok) {
    int ah, aw, bh, bw;
    bool ar, br;
    const bool big = big_shape(a, ah, aw, ar) | big_shape(b, bh, bw, br);
    if (ar || br) { ok.full(); return grid_empty(); }
    int h = ah < bh ? ah : bh;
    int w = aw + bw;
    if (h == 0) return grid_empty();
    if (h > BATT_N || w > BATT_N) return grid_too_big(h, w, ok);
    if (big) { ok.full(); return grid_empty(); }
    Grid r = grid_filled(h, w, 0);
    for (int i = 0; i < h; i++) {
        for (int j = 0; j < a.w; j++) r.c[i * BATT_N + j] = at(a, i, j);
        for (int j = 0; j < b.w; j++) r.c[i * BATT_N + a.w + j] = at(b, i, j);
    }
    return r;
}

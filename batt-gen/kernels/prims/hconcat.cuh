// hconcat: two grids side by side (rows zipped: the shorter grid's height);
// wider than the frame: left to the CPU (`oversize`).
// sig: hconcat(Grid, Grid) -> Grid
BATT_PRIM Grid p_hconcat(const Grid& a, const Grid& b, Flag& ok) {
    int h = a.h < b.h ? a.h : b.h;
    int w = a.w + b.w;
    if (h > 0 && w > BATT_N) { grid_too_big(h, w, ok); return grid_empty(); }
    if (h == 0) return grid_empty();
    Grid r = grid_filled(h, w, 0);
    for (int i = 0; i < h; i++) {
        for (int j = 0; j < a.w; j++) r.c[i * BATT_N + j] = at(a, i, j);
        for (int j = 0; j < b.w; j++) r.c[i * BATT_N + a.w + j] = at(b, i, j);
    }
    return r;
}

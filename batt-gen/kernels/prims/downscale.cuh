// downscale: the rows and columns whose index is a multiple of |factor|
// (a factor of 0 is an error, and so is `()`).
// sig: downscale(Grid, Int) -> Grid
BATT_PRIM Grid p_downscale(const Grid& g, i64 f, Flag& ok) {
    if (g.h == 0 || f == 0) { ok = false; return grid_empty(); }
    i64 s = f < 0 ? (f < -BATT_N ? BATT_N : -f) : (f > BATT_N ? BATT_N : f);
    int k = (int)s;
    Grid r = grid_filled((g.h + k - 1) / k, (g.w + k - 1) / k, 0);
    for (int i = 0; i < r.h; i++)
        for (int j = 0; j < r.w; j++) r.c[i * BATT_N + j] = at(g, i * k, j * k);
    return r;
}

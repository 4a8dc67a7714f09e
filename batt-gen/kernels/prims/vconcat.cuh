// vconcat: one grid above the other (tuples joined). Rows of different
// widths (a tuple that is no grid) or more than 30 rows: left to the CPU
// (`oversize`).
// sig: vconcat(Grid, Grid) -> Grid
BATT_PRIM Grid p_vconcat(const Grid& a, const Grid& b, Flag& ok) {
    if (a.h == 0) return b;
    if (b.h == 0) return a;
    if (a.w != b.w || a.h + b.h > BATT_N) {
        grid_too_big(a.h + b.h, a.w > b.w ? a.w : b.w, ok);
        ok.ragged = a.w != b.w;
        return grid_empty();
    }
    Grid r = grid_filled(a.h + b.h, a.w, 0);
    for (int i = 0; i < a.h; i++)
        for (int j = 0; j < a.w; j++) r.c[i * BATT_N + j] = at(a, i, j);
    for (int i = 0; i < b.h; i++)
        for (int j = 0; j < b.w; j++) r.c[(a.h + i) * BATT_N + j] = at(b, i, j);
    return r;
}

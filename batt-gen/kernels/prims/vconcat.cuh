// vconcat: one grid above the other (tuples joined). Rows of different
// widths (a tuple that is no grid) or more than 30 rows: left to the CPU
// (`oversize`). Of a grid too large (its stand-in), the shape is known:
// the grid with no rows gives the other back, any other gives a grid (or
// rows) too large again; rows of different widths joined are left to the
// CPU.
// sig: vconcat(Grid, Grid) -> Grid
BATT_PRIM Grid p_vconcat(const Grid& a, const Grid& b, Flag& ok) {
    int ah, aw, bh, bw;
    bool ar, br;
    const bool big_a = big_shape(a, ah, aw, ar);
    const bool big_b = big_shape(b, bh, bw, br);
    if (ah == 0) {
        if (big_b) return grid_too_big(bh, bw, ok, br);
        return b;
    }
    if (bh == 0) {
        if (big_a) return grid_too_big(ah, aw, ok, ar);
        return a;
    }
    if (ar || br) { ok.full(); return grid_empty(); }
    if (big_a || big_b || aw != bw || ah + bh > BATT_N)
        return grid_too_big(ah + bh, aw > bw ? aw : bw, ok, aw != bw);
    Grid r = grid_filled(ah + bh, aw, 0);
    for (int i = 0; i < ah; i++)
        for (int j = 0; j < aw; j++) r.c[i * BATT_N + j] = at(a, i, j);
    for (int i = 0; i < bh; i++)
        for (int j = 0; j < bw; j++) r.c[(ah + i) * BATT_N + j] = at(b, i, j);
    return r;
}

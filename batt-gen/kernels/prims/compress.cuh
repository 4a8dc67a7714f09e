// compress: the grid without its single-coloured rows and columns (a row
// of no cells is kept).
// sig: compress(Grid) -> Grid
BATT_PRIM Grid p_compress(const Grid& g, Flag& ok) {
    (void)ok;
    bool keep_row[BATT_N];
    bool keep_col[BATT_N];
    int nh = 0, nw = 0;
    for (int i = 0; i < BATT_N; i++) keep_row[i] = keep_col[i] = false;
    for (int i = 0; i < g.h; i++) {
        bool uniform = g.w > 0;
        for (int j = 1; j < g.w; j++)
            if (at(g, i, j) != at(g, i, 0)) uniform = false;
        keep_row[i] = !uniform;
        if (!uniform) nh++;
    }
    for (int j = 0; j < g.w; j++) {
        bool uniform = g.h > 0;
        for (int i = 1; i < g.h; i++)
            if (at(g, i, j) != at(g, 0, j)) uniform = false;
        keep_col[j] = !uniform;
        if (!uniform) nw++;
    }
    if (nh == 0) return grid_empty();
    Grid r = grid_filled(nh, nw, 0);
    int ri = 0;
    for (int i = 0; i < g.h; i++) {
        if (!keep_row[i]) continue;
        int rj = 0;
        for (int j = 0; j < g.w; j++)
            if (keep_col[j]) r.c[ri * BATT_N + rj++] = at(g, i, j);
        ri++;
    }
    return r;
}

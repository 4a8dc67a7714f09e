// rot180: half turn.
// sig: rot180(Grid) -> Grid
BATT_PRIM Grid p_rot180(const Grid& g, Flag& ok) {
    Grid r = grid_filled(g.h, g.w, 0);
    for (int i = 0; i < r.h; i++)
        for (int j = 0; j < r.w; j++) r.c[i * BATT_N + j] = at(g, g.h - 1 - i, g.w - 1 - j);
    (void)ok;
    return r;
}

// rot270: quarter turn anticlockwise (a grid of no columns turns into `()`).
// sig: rot270(Grid) -> Grid
BATT_PRIM Grid p_rot270(const Grid& g, Flag& ok) {
    if (g.w == 0) return grid_empty();
    Grid r = grid_filled(g.w, g.h, 0);
    for (int i = 0; i < r.h; i++)
        for (int j = 0; j < r.w; j++) r.c[i * BATT_N + j] = at(g, j, g.w - 1 - i);
    (void)ok;
    return r;
}

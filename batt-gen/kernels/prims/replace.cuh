// replace: every cell of colour `replacee` recoloured `replacer` (checked
// only when a cell is recoloured).
// sig: replace(Grid, Int, Int) -> Grid
BATT_DEVICE Grid p_replace(const Grid& g, i64 replacee, i64 replacer, Flag& ok) {
    Grid r = g;
    for (int i = 0; i < g.h; i++)
        for (int j = 0; j < g.w; j++)
            if ((i64)at(g, i, j) == replacee) {
                if (!colour_ok(replacer)) { ok = false; return grid_empty(); }
                r.c[i * BATT_N + j] = (u8)replacer;
            }
    return r;
}

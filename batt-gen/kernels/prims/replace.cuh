// replace: every cell of colour `replacee` recoloured `replacer` (checked
// only when a cell is recoloured: beyond i8 an error, outside 0..15 left
// to the CPU). Rows of different widths (a `vconcat`'s, its stand-in) are
// an error: batt takes them for no grid.
// sig: replace(Grid, Int, Int) -> Grid
BATT_PRIM Grid p_replace(const Grid& g, i64 replacee, i64 replacer, Flag& ok) {
    int h, w;
    bool ragged;
    if (big_shape(g, h, w, ragged) && ragged) { ok = false; return grid_empty(); }
    Grid r = g;
    for (int i = 0; i < g.h; i++)
        for (int j = 0; j < g.w; j++)
            if ((i64)at(g, i, j) == replacee) {
                colour_write(replacer, ok);
                if (!ok) return grid_empty();
                r.c[i * BATT_N + j] = (u8)replacer;
            }
    return r;
}

// cover: the patch's cells inside the grid set to the grid's most common
// colour (ties to the smallest). A grid without cells has none: an error.
// sig: cover(Grid, Indices) -> Grid
// sig: cover(Grid, Object) -> Grid
BATT_DEVICE int cover_background(const Grid& g, Flag& ok) {
    int counts[16];
    for (int c = 0; c < 16; c++) counts[c] = 0;
    for (int i = 0; i < g.h; i++)
        for (int j = 0; j < g.w; j++) counts[at(g, i, j) & 15]++;
    int best = 0;
    for (int c = 1; c < 16; c++)
        if (counts[c] > counts[best]) best = c;
    if (counts[best] == 0) ok = false;
    return best;
}

BATT_DEVICE Grid cover_mask(const Grid& g, const u32* r, Flag& ok) {
    if (g.h == 0 || g.w == 0) { ok = false; return grid_empty(); }
    u8 bg = (u8)cover_background(g, ok);
    Grid out = g;
    for (int i = 0; i < g.h; i++)
        for (int j = 0; j < g.w; j++)
            if ((r[i] >> j) & 1u) out.c[i * BATT_N + j] = bg;
    return out;
}

BATT_PRIM Grid p_cover(const Grid& g, const Indices& p, Flag& ok) { return cover_mask(g, p.r, ok); }
BATT_PRIM Grid p_cover(const Grid& g, const Object& p, Flag& ok) { return cover_mask(g, p.r, ok); }

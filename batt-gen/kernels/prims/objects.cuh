// objects: the connected components of a grid (batt's objects.rs): of
// equal colours if univalued, 8-connected if diagonal, without the most
// common colour (ties: the smallest) if without_bg. A grid with no rows
// is an error; so is one of no columns without_bg (it has no most common
// colour), which otherwise has no objects.
// sig: objects(Grid, Bool, Bool, Bool) -> Objects

// The most common colour of a grid with cells (ties: the smallest).
BATT_DEVICE int objects_mostcolor(const Grid& g) {
    int counts[16];
    for (int c = 0; c < 16; c++) counts[c] = 0;
    for (int i = 0; i < g.h; i++)
        for (int j = 0; j < g.w; j++) counts[at(g, i, j) & 15]++;
    int best = 0;
    for (int c = 1; c < 16; c++)
        if (counts[c] > counts[best]) best = c;
    return best;
}

BATT_PRIM Objects p_objects(const Grid& g, bool univalued, bool diagonal, bool without_bg, Flag& ok) {
    Objects x = objects_empty();
    if (g.h <= 0) { ok = false; return x; }
    if (g.w <= 0) {
        if (without_bg) ok = false;
        return x;
    }
    const int di[8] = {-1, 1, 0, 0, -1, -1, 1, 1};
    const int dj[8] = {0, 0, -1, 1, -1, 1, -1, 1};
    const int nd = diagonal ? 8 : 4;
    const int bg = without_bg ? objects_mostcolor(g) : -1;
    u16 stack[BATT_CELLS];
    int n = 0;
    for (int i = 0; i < g.h; i++)
        for (int j = 0; j < g.w; j++) {
            int p = i * BATT_N + j;
            int val = g.c[p];
            if (x.lab[p] != 0 || val == bg) continue;
            n++;
            x.lab[p] = (u16)n;
            int sp = 0;
            stack[sp++] = (u16)p;
            while (sp > 0) {
                int q = stack[--sp];
                int qi = q / BATT_N, qj = q % BATT_N;
                for (int d = 0; d < nd; d++) {
                    int ni = qi + di[d], nj = qj + dj[d];
                    if (ni < 0 || nj < 0 || ni >= g.h || nj >= g.w) continue;
                    int np = ni * BATT_N + nj;
                    if (x.lab[np] != 0) continue;
                    int v = g.c[np];
                    bool joins = univalued ? (v == val) : (v != bg);
                    if (!joins || sp >= BATT_CELLS) continue;
                    x.lab[np] = (u16)n;
                    stack[sp++] = (u16)np;
                }
            }
        }
    for (int p = 0; p < BATT_CELLS; p++)
        if (x.lab[p] != 0) x.c[p] = g.c[p];
    x.n = n;
    objs_canonical(x);
    return x;
}

// fgpartition: one object per colour except the most common one (ties:
// the smallest); a grid with no cells is an error.
// sig: fgpartition(Grid) -> Objects
// needs: objects

BATT_PRIM Objects p_fgpartition(const Grid& g, Flag& ok) {
    Objects x = objects_empty();
    if (g.h <= 0 || g.w <= 0) { ok = false; return x; }
    int bg = objects_mostcolor(g);
    for (int i = 0; i < g.h; i++)
        for (int j = 0; j < g.w; j++) {
            int p = i * BATT_N + j;
            if (g.c[p] == bg) continue;
            x.lab[p] = (u16)(g.c[p] + 1);
            x.c[p] = g.c[p];
        }
    x.n = 16;
    objs_canonical(x);
    return x;
}

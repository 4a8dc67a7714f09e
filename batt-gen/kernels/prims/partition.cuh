// partition: one object per colour of the grid (the empty grid gives the
// empty set). Objects of one colour each are numbered by colour.
// sig: partition(Grid) -> Objects

BATT_PRIM Objects p_partition(const Grid& g, Flag& ok) {
    Objects x = objects_empty();
    (void)ok;
    for (int i = 0; i < g.h; i++)
        for (int j = 0; j < g.w; j++) {
            int p = i * BATT_N + j;
            x.lab[p] = (u16)(g.c[p] + 1);
            x.c[p] = g.c[p];
        }
    x.n = 16;
    objs_canonical(x);
    return x;
}

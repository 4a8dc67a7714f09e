// palette: the set of colours of a grid or an object; of indices, the set
// of rows.
// sig: palette(Grid) -> Colours
// sig: palette(Object) -> Colours
// sig: palette(Indices) -> Colours
BATT_PRIM Colours p_palette(const Grid& g, Flag& ok) {
    (void)ok;
    Colours s;
    s.m = 0;
    for (int i = 0; i < g.h; i++)
        for (int j = 0; j < g.w; j++) s.m |= 1u << (at(g, i, j) & 15);
    return s;
}

BATT_PRIM Colours p_palette(const Object& o, Flag& ok) {
    (void)ok;
    Colours s;
    s.m = 0;
    for (int i = 0; i < BATT_N; i++)
        for (int j = 0; j < BATT_N; j++)
            if ((o.r[i] >> j) & 1u) s.m |= 1u << (o.c[i * BATT_N + j] & 15);
    return s;
}

BATT_PRIM Colours p_palette(const Indices& x, Flag& ok) {
    Colours s;
    s.m = 0;
    for (int i = 0; i < BATT_N; i++)
        if (x.r[i] != 0) {
            s.m |= 1ull << i;
        }
    return s;
}

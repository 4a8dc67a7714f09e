// colorcount: the number of cells of colour `value` (of indices, of
// indices in row `value`).
// sig: colorcount(Grid, Int) -> Int
// sig: colorcount(Object, Int) -> Int
// sig: colorcount(Indices, Int) -> Int
BATT_PRIM i64 p_colorcount(const Grid& g, i64 value, Flag& ok) {
    (void)ok;
    i64 n = 0;
    for (int i = 0; i < g.h; i++)
        for (int j = 0; j < g.w; j++) n += (i64)at(g, i, j) == value ? 1 : 0;
    return n;
}

BATT_PRIM i64 p_colorcount(const Object& o, i64 value, Flag& ok) {
    (void)ok;
    i64 n = 0;
    for (int i = 0; i < BATT_N; i++)
        for (int j = 0; j < BATT_N; j++)
            if ((o.r[i] >> j) & 1u) n += (i64)o.c[i * BATT_N + j] == value ? 1 : 0;
    return n;
}

BATT_PRIM i64 p_colorcount(const Indices& s, i64 value, Flag& ok) {
    (void)ok;
    if (value < 0 || value >= BATT_N) return 0;
    return (i64)popcount32(s.r[value]);
}

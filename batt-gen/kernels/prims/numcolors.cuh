// numcolors: the number of colours of a grid or an object (of indices, of
// rows). batt returns an integer (the reference declares a set).
// sig: numcolors(Grid) -> Int
// sig: numcolors(Object) -> Int
// sig: numcolors(Indices) -> Int
// needs: palette
BATT_PRIM i64 p_numcolors(const Grid& g, Flag& ok) { return (i64)popcount64(p_palette(g, ok).m); }

BATT_PRIM i64 p_numcolors(const Object& o, Flag& ok) { return (i64)popcount64(p_palette(o, ok).m); }

BATT_PRIM i64 p_numcolors(const Indices& s, Flag& ok) {
    (void)ok;
    i64 n = 0;
    for (int i = 0; i < BATT_N; i++) n += s.r[i] != 0 ? 1 : 0;
    return n;
}

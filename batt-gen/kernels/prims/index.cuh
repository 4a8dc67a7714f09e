// index: the colour at (i, j); off the grid the DSL gives None, which no
// device type holds (left to the CPU, but where every use compares it
// with a number: BATT_NONE_INT), and `()` is an error.
// sig: index(Grid, Pair) -> Int
BATT_PRIM i64 p_index(const Grid& g, const Pair& loc, Flag& ok) {
    if (g.h == 0) { ok = false; return 0; }
    if (loc.a < 0 || loc.a >= g.h || loc.b < 0 || loc.b >= g.w) {
        ok.none_value();
        return BATT_NONE_INT;
    }
    return (i64)at(g, (int)loc.a, (int)loc.b);
}

// square: a square grid, or a patch that fills a square bounding box (the
// empty patch is one). `square(())` reads `()[0]`, an error.
// sig: square(Grid) -> Bool
// sig: square(Indices) -> Bool
// sig: square(Object) -> Bool
// needs: shape
BATT_PRIM bool p_square(const Grid& g, Flag& ok) {
    if (g.h == 0) { ok = false; return false; }
    return g.h == g.w;
}

BATT_DEVICE bool square_of_rows(const u32* rows) {
    Pair p = shape_of_rows(rows);
    i64 n = 0;
    for (int i = 0; i < BATT_N; i++) n += popcount32(rows[i]);
    return p.a * p.b == n && p.a == p.b;
}

BATT_PRIM bool p_square(const Indices& s, Flag& ok) {
    (void)ok;
    return square_of_rows(s.r);
}

BATT_PRIM bool p_square(const Object& o, Flag& ok) {
    (void)ok;
    return square_of_rows(o.r);
}

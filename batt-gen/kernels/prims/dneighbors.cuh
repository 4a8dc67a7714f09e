// dneighbors: the four directly adjacent indices of a location. One outside the
// frame is left to the CPU; one beyond batt's i32 indices is an error.
// sig: dneighbors(Pair) -> Indices
BATT_PRIM Indices p_dneighbors(const Pair& loc, Flag& ok) {
    const int d[4][2] = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};
    Indices out = indices_empty();
    // loc - 1 and loc + 1 must fit batt's i32 indices.
    const i64 lo = -2147483647LL, hi = 2147483646LL;
    if (loc.a < lo || loc.a > hi || loc.b < lo || loc.b > hi) { ok = false; return out; }
    if (loc.a < -1 || loc.a > BATT_N || loc.b < -1 || loc.b > BATT_N) { ok.full(); return out; }
    for (int k = 0; k < 4; k++) idx_add(out, loc.a + d[k][0], loc.b + d[k][1], ok);
    if (!ok) return indices_empty();
    return out;
}

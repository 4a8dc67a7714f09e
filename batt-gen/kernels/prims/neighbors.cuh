// neighbors: the eight adjacent indices of a location. One outside the
// frame is left to the CPU; one beyond batt's i32 indices is an error. The
// clipped overload keeps the ones inside the frame; the offsets overload
// keeps them all, as pairs anywhere (the generator calls it where the
// location is a constant whose neighbours leave the frame, and inside a
// callable over such offsets).
// sig: neighbors(Pair) -> Indices
// sig: neighbors(Pair) -> Indices clipped as p_neighbors_clip
// sig: neighbors(Pair) -> Offsets as p_neighbors_off
// The locations loc + d[k] for k < n (dneighbors and ineighbors too).
BATT_DEVICE Indices adjacent_cells(const Pair& loc, const int (*d)[2], int n, Flag& ok, bool clip) {
    Indices out = indices_empty();
    // loc - 1 and loc + 1 must fit batt's i32 indices.
    const i64 lo = -2147483647LL, hi = 2147483646LL;
    if (loc.a < lo || loc.a > hi || loc.b < lo || loc.b > hi) { ok = false; return out; }
    if (loc.a < -1 || loc.a > BATT_N || loc.b < -1 || loc.b > BATT_N) {
        if (!clip) ok.full();
        return out;
    }
    for (int k = 0; k < n; k++) {
        const i64 i = loc.a + d[k][0], j = loc.b + d[k][1];
        if (clip) idx_add_clip(out, i, j);
        else idx_add(out, i, j, ok);
    }
    if (!ok) return indices_empty();
    return out;
}

// The locations loc + d[k] for k < n, as offsets (dneighbors and
// ineighbors too).
BATT_DEVICE Offsets adjacent_offsets(const Pair& loc, const int (*d)[2], int n, Flag& ok) {
    Offsets out = offsets_empty();
    const i64 lo = -2147483647LL, hi = 2147483646LL;
    if (loc.a < lo || loc.a > hi || loc.b < lo || loc.b > hi) { ok = false; return out; }
    for (int k = 0; k < n; k++) offsets_add(out, Pair{loc.a + d[k][0], loc.b + d[k][1]}, ok);
    return out;
}

BATT_DEVICE Indices neighbors_of(const Pair& loc, Flag& ok, bool clip) {
    const int d[8][2] = {{-1, -1}, {-1, 0}, {-1, 1}, {0, -1}, {0, 1}, {1, -1}, {1, 0}, {1, 1}};
    return adjacent_cells(loc, d, 8, ok, clip);
}

BATT_PRIM Indices p_neighbors(const Pair& loc, Flag& ok) { return neighbors_of(loc, ok, false); }

BATT_PRIM Indices p_neighbors_clip(const Pair& loc, Flag& ok) { return neighbors_of(loc, ok, true); }

BATT_PRIM Offsets p_neighbors_off(const Pair& loc, Flag& ok) {
    const int d[8][2] = {{-1, -1}, {-1, 0}, {-1, 1}, {0, -1}, {0, 1}, {1, -1}, {1, 0}, {1, 1}};
    return adjacent_offsets(loc, d, 8, ok);
}

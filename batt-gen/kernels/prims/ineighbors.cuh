// ineighbors: the four diagonally adjacent indices of a location (flagged when one is outside the frame).
// sig: ineighbors(Pair) -> Indices
BATT_DEVICE Indices p_ineighbors(const Pair& loc, Flag& ok) {
    const int d[4][2] = {{-1, -1}, {-1, 1}, {1, -1}, {1, 1}};
    Indices out = indices_empty();
    if (loc.a < -1 || loc.a > BATT_N || loc.b < -1 || loc.b > BATT_N) { ok = false; return out; }
    for (int k = 0; k < 4; k++) idx_add(out, loc.a + d[k][0], loc.b + d[k][1], ok);
    if (!ok) return indices_empty();
    return out;
}

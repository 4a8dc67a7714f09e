// hfrontier: the 30 indices (i, 0..30) of the location's row (flagged
// when that row is outside the frame).
// sig: hfrontier(Pair) -> Indices
BATT_DEVICE Indices p_hfrontier(const Pair& loc, Flag& ok) {
    Indices out = indices_empty();
    if (loc.a < 0 || loc.a >= BATT_N) { ok = false; return out; }
    out.r[loc.a] = (1u << BATT_N) - 1u;
    return out;
}

// hfrontier: the 30 indices (i, 0..30) of the location's row (left to the
// CPU when that row is outside the frame, an error beyond batt's i32
// indices).
// sig: hfrontier(Pair) -> Indices
BATT_PRIM Indices p_hfrontier(const Pair& loc, Flag& ok) {
    Indices out = indices_empty();
    if (!fits_i32(loc.a)) { ok = false; return out; }
    if (loc.a < 0 || loc.a >= BATT_N) { ok.full(); return out; }
    out.r[loc.a] = (1u << BATT_N) - 1u;
    return out;
}

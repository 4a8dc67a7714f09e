// vfrontier: the 30 indices (0..30, j) of the location's column (left to
// the CPU when that column is outside the frame, an error beyond batt's
// i32 indices).
// sig: vfrontier(Pair) -> Indices
BATT_PRIM Indices p_vfrontier(const Pair& loc, Flag& ok) {
    Indices out = indices_empty();
    if (!fits_i32(loc.b)) { ok = false; return out; }
    if (loc.b < 0 || loc.b >= BATT_N) { ok.full(); return out; }
    for (int i = 0; i < BATT_N; i++) out.r[i] = (1u << loc.b);
    return out;
}

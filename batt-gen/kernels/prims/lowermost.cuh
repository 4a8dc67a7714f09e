// lowermost: the patch's largest row index (an empty patch has none: an error).
// sig: lowermost(Indices) -> Int
// sig: lowermost(Object) -> Int
BATT_DEVICE i64 lowermost_mask(const u32* m, Flag& ok) {
    int t, l, b, r;
    if (!mask_bounds(m, t, l, b, r)) { ok = false; return 0; }
    return b;
}

BATT_PRIM i64 p_lowermost(const Indices& p, Flag& ok) { return lowermost_mask(p.r, ok); }
BATT_PRIM i64 p_lowermost(const Object& p, Flag& ok) { return lowermost_mask(p.r, ok); }

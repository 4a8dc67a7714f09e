// uppermost: the patch's smallest row index (an empty patch has none: an error).
// sig: uppermost(Indices) -> Int
// sig: uppermost(Object) -> Int
BATT_DEVICE i64 uppermost_mask(const u32* m, Flag& ok) {
    int t, l, b, r;
    if (!mask_bounds(m, t, l, b, r)) { ok = false; return 0; }
    return t;
}

BATT_PRIM i64 p_uppermost(const Indices& p, Flag& ok) { return uppermost_mask(p.r, ok); }
BATT_PRIM i64 p_uppermost(const Object& p, Flag& ok) { return uppermost_mask(p.r, ok); }

// rightmost: the patch's largest column index (an empty patch has none: an error).
// sig: rightmost(Indices) -> Int
// sig: rightmost(Object) -> Int
BATT_DEVICE i64 rightmost_mask(const u32* m, Flag& ok) {
    int t, l, b, r;
    if (!mask_bounds(m, t, l, b, r)) { ok = false; return 0; }
    return r;
}

BATT_PRIM i64 p_rightmost(const Indices& p, Flag& ok) { return rightmost_mask(p.r, ok); }
BATT_PRIM i64 p_rightmost(const Object& p, Flag& ok) { return rightmost_mask(p.r, ok); }

// leftmost: the patch's smallest column index (an empty patch has none: an error).
// sig: leftmost(Indices) -> Int
// sig: leftmost(Object) -> Int
BATT_DEVICE i64 leftmost_mask(const u32* m, Flag& ok) {
    int t, l, b, r;
    if (!mask_bounds(m, t, l, b, r)) { ok = false; return 0; }
    return l;
}

BATT_PRIM i64 p_leftmost(const Indices& p, Flag& ok) { return leftmost_mask(p.r, ok); }
BATT_PRIM i64 p_leftmost(const Object& p, Flag& ok) { return leftmost_mask(p.r, ok); }

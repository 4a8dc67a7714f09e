// center: (uppermost + height // 2, leftmost + width // 2) of the patch
// (an empty patch has no extent: an error).
// sig: center(Indices) -> Pair
// sig: center(Object) -> Pair
BATT_DEVICE Pair center_mask(const u32* m, Flag& ok) {
    int t, l, b, r;
    if (!mask_bounds(m, t, l, b, r)) { ok = false; return Pair{0, 0}; }
    return Pair{t + (b - t + 1) / 2, l + (r - l + 1) / 2};
}

BATT_PRIM Pair p_center(const Indices& p, Flag& ok) { return center_mask(p.r, ok); }
BATT_PRIM Pair p_center(const Object& p, Flag& ok) { return center_mask(p.r, ok); }

// hline: whether the patch is a full horizontal line (false when empty).
// sig: hline(Indices) -> Bool
// sig: hline(Object) -> Bool
BATT_DEVICE bool hline_mask(const u32* m, Flag& ok) {
    (void)ok;
    int t, l, b, r, n = 0;
    if (!mask_bounds(m, t, l, b, r)) return false;
    for (int i = 0; i < BATT_N; i++) n += popcount32(m[i]);
    return r - l + 1 == n && b - t + 1 == 1;
}

BATT_PRIM bool p_hline(const Indices& p, Flag& ok) { return hline_mask(p.r, ok); }
BATT_PRIM bool p_hline(const Object& p, Flag& ok) { return hline_mask(p.r, ok); }

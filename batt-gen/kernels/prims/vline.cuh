// vline: whether the patch is a full vertical line (false when empty).
// sig: vline(Indices) -> Bool
// sig: vline(Object) -> Bool
BATT_DEVICE bool vline_mask(const u32* m, Flag& ok) {
    (void)ok;
    int t, l, b, r, n = 0;
    if (!mask_bounds(m, t, l, b, r)) return false;
    for (int i = 0; i < BATT_N; i++) n += popcount32(m[i]);
    return b - t + 1 == n && r - l + 1 == 1;
}

BATT_PRIM bool p_vline(const Indices& p, Flag& ok) { return vline_mask(p.r, ok); }
BATT_PRIM bool p_vline(const Object& p, Flag& ok) { return vline_mask(p.r, ok); }

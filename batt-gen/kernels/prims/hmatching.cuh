// hmatching: whether the patches share a row (false when one is empty).
// sig: hmatching(Indices, Indices) -> Bool
// sig: hmatching(Indices, Object) -> Bool
// sig: hmatching(Object, Indices) -> Bool
// sig: hmatching(Object, Object) -> Bool
BATT_DEVICE bool hmatching_masks(const u32* a, const u32* b, Flag& ok) {
    (void)ok;
    for (int i = 0; i < BATT_N; i++)
        if (a[i] != 0 && b[i] != 0) return true;
    return false;
}

BATT_PRIM bool p_hmatching(const Indices& a, const Indices& b, Flag& ok) { return hmatching_masks(a.r, b.r, ok); }
BATT_PRIM bool p_hmatching(const Indices& a, const Object& b, Flag& ok) { return hmatching_masks(a.r, b.r, ok); }
BATT_PRIM bool p_hmatching(const Object& a, const Indices& b, Flag& ok) { return hmatching_masks(a.r, b.r, ok); }
BATT_PRIM bool p_hmatching(const Object& a, const Object& b, Flag& ok) { return hmatching_masks(a.r, b.r, ok); }

// vmatching: whether the patches share a column (false when one is empty).
// sig: vmatching(Indices, Indices) -> Bool
// sig: vmatching(Indices, Object) -> Bool
// sig: vmatching(Object, Indices) -> Bool
// sig: vmatching(Object, Object) -> Bool
BATT_DEVICE bool vmatching_masks(const u32* a, const u32* b, Flag& ok) {
    (void)ok;
    u32 ca = 0, cb = 0;
    for (int i = 0; i < BATT_N; i++) {
        ca |= a[i];
        cb |= b[i];
    }
    return (ca & cb) != 0;
}

BATT_PRIM bool p_vmatching(const Indices& a, const Indices& b, Flag& ok) { return vmatching_masks(a.r, b.r, ok); }
BATT_PRIM bool p_vmatching(const Indices& a, const Object& b, Flag& ok) { return vmatching_masks(a.r, b.r, ok); }
BATT_PRIM bool p_vmatching(const Object& a, const Indices& b, Flag& ok) { return vmatching_masks(a.r, b.r, ok); }
BATT_PRIM bool p_vmatching(const Object& a, const Object& b, Flag& ok) { return vmatching_masks(a.r, b.r, ok); }

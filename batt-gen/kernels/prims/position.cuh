// position: the direction from the center of one patch to that of the
// other, each coordinate -1, 0 or 1 (an empty patch is an error).
// needs: center
// sig: position(Indices, Indices) -> Pair
// sig: position(Indices, Object) -> Pair
// sig: position(Object, Indices) -> Pair
// sig: position(Object, Object) -> Pair
BATT_DEVICE Pair position_masks(const u32* a, const u32* b, Flag& ok) {
    Pair ca = center_mask(a, ok), cb = center_mask(b, ok);
    i64 sj = ca.b < cb.b ? 1 : -1;
    if (ca.a == cb.a) return Pair{0, sj};
    if (ca.b == cb.b) return Pair{ca.a < cb.a ? 1 : -1, 0};
    return Pair{ca.a < cb.a ? 1 : -1, sj};
}

BATT_PRIM Pair p_position(const Indices& a, const Indices& b, Flag& ok) { return position_masks(a.r, b.r, ok); }
BATT_PRIM Pair p_position(const Indices& a, const Object& b, Flag& ok) { return position_masks(a.r, b.r, ok); }
BATT_PRIM Pair p_position(const Object& a, const Indices& b, Flag& ok) { return position_masks(a.r, b.r, ok); }
BATT_PRIM Pair p_position(const Object& a, const Object& b, Flag& ok) { return position_masks(a.r, b.r, ok); }

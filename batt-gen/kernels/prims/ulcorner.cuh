// ulcorner: (min i, min j) of the patch (for an empty patch the
// reference's (), which is no pair: `ok.empty_tuple()`).
// sig: ulcorner(Indices) -> Pair
// sig: ulcorner(Object) -> Pair
// sig: ulcorner(Rect) -> Pair
// sig: ulcorner(Offsets) -> Pair
BATT_DEVICE Pair ulcorner_mask(const u32* m, Flag& ok) {
    int t, l, b, r;
    if (!mask_bounds(m, t, l, b, r)) { ok.empty_tuple(); return Pair{0, 0}; }
    return Pair{t, l};
}

BATT_PRIM Pair p_ulcorner(const Indices& p, Flag& ok) { return ulcorner_mask(p.r, ok); }
BATT_PRIM Pair p_ulcorner(const Object& p, Flag& ok) { return ulcorner_mask(p.r, ok); }

BATT_PRIM Pair p_ulcorner(const Rect& q, Flag& ok) { return rect_corner(q, false, false, ok); }
BATT_PRIM Pair p_ulcorner(const Offsets& t, Flag& ok) { return offsets_corner(t, false, false, ok); }

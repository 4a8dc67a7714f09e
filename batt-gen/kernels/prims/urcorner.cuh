// urcorner: (min i, max j) of the patch (for an empty patch the
// reference's (), which is no pair: `ok.empty_tuple()`).
// sig: urcorner(Indices) -> Pair
// sig: urcorner(Object) -> Pair
// sig: urcorner(Rect) -> Pair
// sig: urcorner(Offsets) -> Pair
BATT_DEVICE Pair urcorner_mask(const u32* m, Flag& ok) {
    int t, l, b, r;
    if (!mask_bounds(m, t, l, b, r)) { ok.empty_tuple(); return Pair{0, 0}; }
    return Pair{t, r};
}

BATT_PRIM Pair p_urcorner(const Indices& p, Flag& ok) { return urcorner_mask(p.r, ok); }
BATT_PRIM Pair p_urcorner(const Object& p, Flag& ok) { return urcorner_mask(p.r, ok); }

BATT_PRIM Pair p_urcorner(const Rect& q, Flag& ok) { return rect_corner(q, false, true, ok); }
BATT_PRIM Pair p_urcorner(const Offsets& t, Flag& ok) { return offsets_corner(t, false, true, ok); }

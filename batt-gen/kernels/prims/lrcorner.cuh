// lrcorner: (max i, max j) of the patch (for an empty patch the
// reference's (), which is no pair: `ok.empty_tuple()`).
// sig: lrcorner(Indices) -> Pair
// sig: lrcorner(Object) -> Pair
// sig: lrcorner(Rect) -> Pair
// sig: lrcorner(Offsets) -> Pair
BATT_DEVICE Pair lrcorner_mask(const u32* m, Flag& ok) {
    int t, l, b, r;
    if (!mask_bounds(m, t, l, b, r)) { ok.empty_tuple(); return Pair{0, 0}; }
    return Pair{b, r};
}

BATT_PRIM Pair p_lrcorner(const Indices& p, Flag& ok) { return lrcorner_mask(p.r, ok); }
BATT_PRIM Pair p_lrcorner(const Object& p, Flag& ok) { return lrcorner_mask(p.r, ok); }

BATT_PRIM Pair p_lrcorner(const Rect& q, Flag& ok) { return rect_corner(q, true, true, ok); }
BATT_PRIM Pair p_lrcorner(const Offsets& t, Flag& ok) { return offsets_corner(t, true, true, ok); }

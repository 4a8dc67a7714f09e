// llcorner: (max i, min j) of the patch (for an empty patch the
// reference's (), which is no pair: `ok.empty_tuple()`).
// sig: llcorner(Indices) -> Pair
// sig: llcorner(Object) -> Pair
// sig: llcorner(Rect) -> Pair
// sig: llcorner(Offsets) -> Pair
BATT_DEVICE Pair llcorner_mask(const u32* m, Flag& ok) {
    int t, l, b, r;
    if (!mask_bounds(m, t, l, b, r)) { ok.empty_tuple(); return Pair{0, 0}; }
    return Pair{b, l};
}

BATT_PRIM Pair p_llcorner(const Indices& p, Flag& ok) { return llcorner_mask(p.r, ok); }
BATT_PRIM Pair p_llcorner(const Object& p, Flag& ok) { return llcorner_mask(p.r, ok); }

BATT_PRIM Pair p_llcorner(const Rect& q, Flag& ok) { return rect_corner(q, true, false, ok); }
BATT_PRIM Pair p_llcorner(const Offsets& t, Flag& ok) { return offsets_corner(t, true, false, ok); }

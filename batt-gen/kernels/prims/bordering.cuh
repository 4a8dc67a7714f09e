// bordering: whether the patch touches a border of the grid (an empty
// patch is an error). The grid is read only past the top and left checks,
// as the reference reads it; then the empty grid `()` has no first row to
// measure: an error.
// sig: bordering(Indices, Grid) -> Bool
// sig: bordering(Object, Grid) -> Bool
BATT_DEVICE bool bordering_mask(const u32* m, const Grid& g, Flag& ok) {
    int t, l, b, r;
    if (!mask_bounds(m, t, l, b, r)) { ok = false; return false; }
    if (t == 0 || l == 0) return true;
    if (g.h == 0) { ok = false; return false; }
    return b == g.h - 1 || r == g.w - 1;
}

BATT_PRIM bool p_bordering(const Indices& p, const Grid& g, Flag& ok) { return bordering_mask(p.r, g, ok); }
BATT_PRIM bool p_bordering(const Object& p, const Grid& g, Flag& ok) { return bordering_mask(p.r, g, ok); }

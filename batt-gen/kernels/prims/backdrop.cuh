// backdrop: the indices of the patch's bounding box (none for an empty
// patch).
// sig: backdrop(Indices) -> Indices
// sig: backdrop(Object) -> Indices
BATT_DEVICE Indices backdrop_mask(const u32* m, Flag& ok) {
    int t, l, b, r;
    Indices out = indices_empty();
    (void)ok;
    if (!mask_bounds(m, t, l, b, r)) return out;
    u32 row = (r >= 31 ? 0xffffffffu : ((1u << (r + 1)) - 1u)) & ~((1u << l) - 1u);
    for (int i = t; i <= b; i++) out.r[i] = row;
    return out;
}

BATT_PRIM Indices p_backdrop(const Indices& p, Flag& ok) { return backdrop_mask(p.r, ok); }
BATT_PRIM Indices p_backdrop(const Object& p, Flag& ok) { return backdrop_mask(p.r, ok); }

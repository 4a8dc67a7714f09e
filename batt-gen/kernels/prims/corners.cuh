// corners: the four corner indices of the bounding box (for an empty
// patch the reference's {()}, which is no set of indices: left to the
// CPU).
// sig: corners(Indices) -> Indices
// sig: corners(Object) -> Indices
BATT_DEVICE Indices corners_mask(const u32* m, Flag& ok) {
    int t, l, b, r;
    Indices out = indices_empty();
    if (!mask_bounds(m, t, l, b, r)) { ok.full(); return out; }
    idx_add(out, t, l, ok);
    idx_add(out, t, r, ok);
    idx_add(out, b, l, ok);
    idx_add(out, b, r, ok);
    return out;
}

BATT_PRIM Indices p_corners(const Indices& p, Flag& ok) { return corners_mask(p.r, ok); }
BATT_PRIM Indices p_corners(const Object& p, Flag& ok) { return corners_mask(p.r, ok); }

// box: the outline of the patch's bounding box (an empty patch as it is).
// sig: box(Indices) -> Indices
// sig: box(Object) -> Indices
// The outline of the rectangle si..=ei x sj..=ej (ordered, each within
// a few cells of the frame); a position outside the frame is left to the
// CPU.
BATT_DEVICE Indices box_ring(int si, int sj, int ei, int ej, Flag& ok) {
    Indices out = indices_empty();
    for (int i = si; i <= ei; i++) {
        idx_add(out, i, sj, ok);
        idx_add(out, i, ej, ok);
    }
    for (int j = sj; j <= ej; j++) {
        idx_add(out, si, j, ok);
        idx_add(out, ei, j, ok);
    }
    if (!ok) return indices_empty();
    return out;
}

BATT_DEVICE Indices box_mask(const u32* m, Flag& ok) {
    int t, l, b, r;
    if (!mask_bounds(m, t, l, b, r)) return indices_empty();
    return box_ring(t, l, b, r, ok);
}

BATT_PRIM Indices p_box(const Indices& p, Flag& ok) { return box_mask(p.r, ok); }
BATT_PRIM Indices p_box(const Object& p, Flag& ok) { return box_mask(p.r, ok); }

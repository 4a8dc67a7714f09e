// box: the outline of the patch's bounding box (an empty patch as it is).
// sig: box(Indices) -> Indices
// sig: box(Object) -> Indices
// sig: box(Pairs) -> Indices
// sig: box(Offsets) -> Indices
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

// The outline of the bounding box of n pairs (n > 0); one beyond the
// frame is left to the CPU.
BATT_DEVICE Indices box_pairs(const Pair* v, int n, Flag& ok) {
    i64 si = v[0].a, sj = v[0].b, ei = si, ej = sj;
    for (int k = 1; k < n; k++) {
        si = v[k].a < si ? v[k].a : si;
        sj = v[k].b < sj ? v[k].b : sj;
        ei = v[k].a > ei ? v[k].a : ei;
        ej = v[k].b > ej ? v[k].b : ej;
    }
    if (si < 0 || sj < 0 || ei >= BATT_N || ej >= BATT_N) { ok.full(); return indices_empty(); }
    return box_ring((int)si, (int)sj, (int)ei, (int)ej, ok);
}

// Of a tuple of positions (its corners' bounding box); an empty tuple is
// itself, no set of positions: left to the CPU, as are boxes beyond the
// frame.
BATT_PRIM Indices p_box(const Pairs& p, Flag& ok) {
    if (p.n <= 0) { ok.full(); return indices_empty(); }
    return box_pairs(p.v, p.n < BATT_INTS ? p.n : BATT_INTS, ok);
}

// Of offsets (a constant line past the frame, say): the empty set as it
// is; a box beyond the frame is left to the CPU.
BATT_PRIM Indices p_box(const Offsets& p, Flag& ok) {
    if (p.n <= 0) return indices_empty();
    return box_pairs(p.v, p.n < BATT_OFFSETS ? p.n : BATT_OFFSETS, ok);
}

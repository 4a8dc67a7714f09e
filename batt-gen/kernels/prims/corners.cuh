// corners: the four corner indices of the bounding box (for an empty
// patch the reference's {()}, which is no set of indices: left to the
// CPU).
// sig: corners(Indices) -> Indices
// sig: corners(Object) -> Indices
// sig: corners(Rect) -> Indices clipped as p_corners_clip
// sig: corners(Rect) -> Offsets as p_corners_off
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

// Of an outline anywhere (its bounds are its rectangle's), the corners
// inside the frame, for a use that reads positions inside a grid only
// (`toobject` of them); of the empty set, as of an empty patch, left to
// the CPU.
BATT_PRIM Indices p_corners_clip(const Rect& q, Flag& ok) {
    Indices out = indices_empty();
    if (q.si > q.ei) { ok.full(); return out; }
    const i64 is[2] = {q.si, q.ei}, js[2] = {q.sj, q.ej};
    for (int a = 0; a < 2; a++)
        for (int b = 0; b < 2; b++) idx_add_clip(out, is[a], js[b]);
    return out;
}

// Of an outline anywhere, its four corners anywhere, as offsets (each
// use reads them where they are: `mapply(dneighbors, x)` of an outline
// at the frame's edge); of the empty set, as of an empty patch, left to
// the CPU.
BATT_PRIM Offsets p_corners_off(const Rect& q, Flag& ok) {
    Offsets out = offsets_empty();
    if (q.si > q.ei) { ok.full(); return out; }
    const i64 is[2] = {q.si, q.ei}, js[2] = {q.sj, q.ej};
    for (int a = 0; a < 2; a++)
        for (int b = 0; b < 2; b++) offsets_add(out, Pair{is[a], js[b]}, ok);
    return out;
}

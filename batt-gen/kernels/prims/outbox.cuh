// outbox: the outline one cell outside the bounding box (left to the CPU
// where it leaves the frame; an empty patch is an error). The clipped
// overload keeps the positions inside the frame, for an outline whose
// every use reads positions inside a grid only (`fill`, or `paint` of a
// `recolor` of it, the outlines of objects at the grid's edge).
// needs: box
// sig: outbox(Indices) -> Indices
// sig: outbox(Object) -> Indices
// sig: outbox(Indices) -> Indices clipped as p_outbox_clip
// sig: outbox(Object) -> Indices clipped as p_outbox_clip
// sig: outbox(Indices) -> Rect as p_outbox_rect
// sig: outbox(Object) -> Rect as p_outbox_rect
BATT_DEVICE Indices outbox_mask(const u32* m, Flag& ok) {
    int t, l, b, r;
    if (!mask_bounds(m, t, l, b, r)) { ok = false; return indices_empty(); }
    return box_ring(t - 1, l - 1, b + 1, r + 1, ok);
}

BATT_PRIM Indices p_outbox(const Indices& p, Flag& ok) { return outbox_mask(p.r, ok); }
BATT_PRIM Indices p_outbox(const Object& p, Flag& ok) { return outbox_mask(p.r, ok); }

// The outline's positions inside the frame: its rows above and below the
// box, and its columns left and right of it.
BATT_DEVICE Indices outbox_clip_mask(const u32* m, Flag& ok) {
    int t, l, b, r;
    if (!mask_bounds(m, t, l, b, r)) { ok = false; return indices_empty(); }
    Indices out = indices_empty();
    u32 span = 0;
    for (int j = l - 1; j <= r + 1; j++)
        if (j >= 0 && j < BATT_N) span |= 1u << j;
    u32 sides = 0;
    if (l - 1 >= 0) sides |= 1u << (l - 1);
    if (r + 1 < BATT_N) sides |= 1u << (r + 1);
    for (int i = t - 1; i <= b + 1; i++) {
        if (i < 0 || i >= BATT_N) continue;
        out.r[i] = (i == t - 1 || i == b + 1) ? span : sides;
    }
    return out;
}

BATT_PRIM Indices p_outbox_clip(const Indices& p, Flag& ok) { return outbox_clip_mask(p.r, ok); }
BATT_PRIM Indices p_outbox_clip(const Object& p, Flag& ok) { return outbox_clip_mask(p.r, ok); }

// The outline as a rectangle anywhere (see Rect).
BATT_PRIM Rect p_outbox_rect(const Indices& p, Flag& ok) { return bounds_rect(p.r, 1, ok); }
BATT_PRIM Rect p_outbox_rect(const Object& p, Flag& ok) { return bounds_rect(p.r, 1, ok); }

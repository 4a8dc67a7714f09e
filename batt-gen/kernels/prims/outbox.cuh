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
// sig: outbox(Rect) -> Rect as p_outbox_rect
// sig: outbox(Rect) -> Indices clipped as p_outbox_clip
BATT_DEVICE Indices outbox_mask(const u32* m, Flag& ok) {
    int t, l, b, r;
    if (!mask_bounds(m, t, l, b, r)) { ok = false; return indices_empty(); }
    return box_ring(t - 1, l - 1, b + 1, r + 1, ok);
}

BATT_PRIM Indices p_outbox(const Indices& p, Flag& ok) { return outbox_mask(p.r, ok); }
BATT_PRIM Indices p_outbox(const Object& p, Flag& ok) { return outbox_mask(p.r, ok); }

// The positions inside the frame of the outline of rows si..ei and
// columns sj..ej (anywhere): its first and last rows, and its first and
// last columns between them.
BATT_DEVICE Indices ring_clip(i64 si, i64 sj, i64 ei, i64 ej) {
    Indices out = indices_empty();
    u32 span = 0;
    for (i64 j = sj < 0 ? 0 : sj; j <= ej && j < BATT_N; j++) span |= 1u << j;
    u32 sides = 0;
    if (sj >= 0 && sj < BATT_N) sides |= 1u << sj;
    if (ej >= 0 && ej < BATT_N) sides |= 1u << ej;
    for (i64 i = si < 0 ? 0 : si; i <= ei && i < BATT_N; i++)
        out.r[i] = (i == si || i == ei) ? span : sides;
    return out;
}

// The outline's positions inside the frame: its rows above and below the
// box, and its columns left and right of it.
BATT_DEVICE Indices outbox_clip_mask(const u32* m, Flag& ok) {
    int t, l, b, r;
    if (!mask_bounds(m, t, l, b, r)) { ok = false; return indices_empty(); }
    return ring_clip(t - 1, l - 1, b + 1, r + 1);
}

BATT_PRIM Indices p_outbox_clip(const Indices& p, Flag& ok) { return outbox_clip_mask(p.r, ok); }
BATT_PRIM Indices p_outbox_clip(const Object& p, Flag& ok) { return outbox_clip_mask(p.r, ok); }

// The outline as a rectangle anywhere (see Rect).
BATT_PRIM Rect p_outbox_rect(const Indices& p, Flag& ok) { return bounds_rect(p.r, 1, ok); }
BATT_PRIM Rect p_outbox_rect(const Object& p, Flag& ok) { return bounds_rect(p.r, 1, ok); }

// Of an outline anywhere, whose bounds are its rectangle's: the outline
// one cell outside it (of the empty set, a failed outline's default, an
// error, as of an empty patch).
BATT_PRIM Rect p_outbox_rect(const Rect& q, Flag& ok) {
    if (q.si > q.ei) { ok = false; return Rect{0, 0, 0, 0}; }
    return Rect{q.si - 1, q.sj - 1, q.ei + 1, q.ej + 1};
}

BATT_PRIM Indices p_outbox_clip(const Rect& q, Flag& ok) {
    if (q.si > q.ei) { ok = false; return indices_empty(); }
    return ring_clip(q.si - 1, q.sj - 1, q.ei + 1, q.ej + 1);
}

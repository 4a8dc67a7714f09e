// inbox: the outline one cell inside the bounding box (the corners
// reordered where the box is thinner than three cells; an empty patch is
// an error).
// needs: box
// sig: inbox(Indices) -> Indices
// sig: inbox(Object) -> Indices
// sig: inbox(Indices) -> Rect as p_inbox_rect
// sig: inbox(Object) -> Rect as p_inbox_rect
BATT_DEVICE Indices inbox_mask(const u32* m, Flag& ok) {
    int t, l, b, r;
    if (!mask_bounds(m, t, l, b, r)) { ok = false; return indices_empty(); }
    int ai = t + 1, aj = l + 1, bi = b - 1, bj = r - 1;
    return box_ring(ai < bi ? ai : bi, aj < bj ? aj : bj, ai > bi ? ai : bi, aj > bj ? aj : bj, ok);
}

BATT_PRIM Indices p_inbox(const Indices& p, Flag& ok) { return inbox_mask(p.r, ok); }
BATT_PRIM Indices p_inbox(const Object& p, Flag& ok) { return inbox_mask(p.r, ok); }

// The outline as a rectangle anywhere (see Rect): one cell outside a
// patch one cell thin.
BATT_PRIM Rect p_inbox_rect(const Indices& p, Flag& ok) { return bounds_rect(p.r, -1, ok); }
BATT_PRIM Rect p_inbox_rect(const Object& p, Flag& ok) { return bounds_rect(p.r, -1, ok); }

// outbox: the outline one cell outside the bounding box (left to the CPU
// where it leaves the frame; an empty patch is an error).
// needs: box
// sig: outbox(Indices) -> Indices
// sig: outbox(Object) -> Indices
BATT_DEVICE Indices outbox_mask(const u32* m, Flag& ok) {
    int t, l, b, r;
    if (!mask_bounds(m, t, l, b, r)) { ok = false; return indices_empty(); }
    return box_ring(t - 1, l - 1, b + 1, r + 1, ok);
}

BATT_PRIM Indices p_outbox(const Indices& p, Flag& ok) { return outbox_mask(p.r, ok); }
BATT_PRIM Indices p_outbox(const Object& p, Flag& ok) { return outbox_mask(p.r, ok); }

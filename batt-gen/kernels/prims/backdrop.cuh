// backdrop: the indices of the patch's bounding box (none for an empty
// patch).
// sig: backdrop(Indices) -> Indices
// sig: backdrop(Object) -> Indices
// sig: backdrop(Rect) -> Indices
// sig: backdrop(Rect) -> Indices clipped as p_backdrop_clip
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

// The rectangle an outline bounds, inside the frame: all of it
// (`clipped`), or left to the CPU where some of it lies outside.
BATT_DEVICE Indices backdrop_rect(const Rect& q, bool clipped, Flag& ok) {
    Indices out = indices_empty();
    const bool inside = q.si >= 0 && q.sj >= 0 && q.ei < BATT_N && q.ej < BATT_N;
    if (!inside && !clipped) { ok.full(); return out; }
    const i64 l = q.sj < 0 ? 0 : q.sj, r = q.ej >= BATT_N ? BATT_N - 1 : q.ej;
    if (l > r) return out;
    const u32 row = (r >= 31 ? 0xffffffffu : ((1u << (r + 1)) - 1u)) & ~((1u << l) - 1u);
    for (i64 i = q.si < 0 ? 0 : q.si; i <= q.ei && i < BATT_N; i++) out.r[i] = row;
    return out;
}

BATT_PRIM Indices p_backdrop(const Rect& q, Flag& ok) { return backdrop_rect(q, false, ok); }
BATT_PRIM Indices p_backdrop_clip(const Rect& q, Flag& ok) { return backdrop_rect(q, true, ok); }

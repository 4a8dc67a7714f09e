// delta: the indices of the patch's bounding box outside the patch (none
// for an empty patch).
// needs: backdrop
// sig: delta(Indices) -> Indices
// sig: delta(Object) -> Indices
BATT_DEVICE Indices delta_mask(const u32* m, Flag& ok) {
    Indices out = backdrop_mask(m, ok);
    for (int i = 0; i < BATT_N; i++) out.r[i] &= ~m[i];
    return out;
}

BATT_PRIM Indices p_delta(const Indices& p, Flag& ok) { return delta_mask(p.r, ok); }
BATT_PRIM Indices p_delta(const Object& p, Flag& ok) { return delta_mask(p.r, ok); }

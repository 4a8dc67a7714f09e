// recolor: an object of one colour on the patch's indices (the empty set
// for an empty patch, whatever the colour). Any colour is fine on the CPU:
// one a device object cannot hold is left to it.
// sig: recolor(Int, Indices) -> Object
// sig: recolor(Int, Object) -> Object
BATT_DEVICE Object recolor_mask(i64 v, const u32* r, Flag& ok) {
    Object o = object_empty();
    bool any = false;
    for (int i = 0; i < BATT_N; i++) {
        o.r[i] = r[i];
        for (int j = 0; j < BATT_N; j++)
            if ((r[i] >> j) & 1u) {
                o.c[i * BATT_N + j] = (u8)(v & 15);
                any = true;
            }
    }
    if (any && !colour_ok(v)) { ok.full(); return object_empty(); }
    return o;
}

BATT_PRIM Object p_recolor(i64 v, const Indices& p, Flag& ok) { return recolor_mask(v, p.r, ok); }
BATT_PRIM Object p_recolor(i64 v, const Object& p, Flag& ok) { return recolor_mask(v, p.r, ok); }

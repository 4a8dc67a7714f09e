// shift: the patch moved by an offset (an empty patch as it is). A
// position beyond batt's i32 indices is an error; a position leaving the 30x30
// frame is left to the CPU (an offset of 30 or more moves every position
// out, so larger offsets are left to it outright).
// sig: shift(Indices, Pair) -> Indices
// sig: shift(Object, Pair) -> Object
BATT_DEVICE bool shift_offset_ok(const Pair& d) {
    return d.a > -BATT_N && d.a < BATT_N && d.b > -BATT_N && d.b < BATT_N;
}

BATT_PRIM Indices p_shift(const Indices& s, const Pair& d, Flag& ok) {
    Indices out = indices_empty();
    if (idx_size(s) == 0) return out;
    if (!mask_shift_fits_i32(s.r, d.a, d.b)) { ok = false; return out; }
    if (!shift_offset_ok(d)) { ok.full(); return out; }
    for (int i = 0; i < BATT_N; i++)
        for (int j = 0; j < BATT_N; j++)
            if ((s.r[i] >> j) & 1u) idx_add(out, i + d.a, j + d.b, ok);
    if (!ok) return indices_empty();
    return out;
}

BATT_PRIM Object p_shift(const Object& o, const Pair& d, Flag& ok) {
    Object out = object_empty();
    if (obj_size(o) == 0) return out;
    if (!mask_shift_fits_i32(o.r, d.a, d.b)) { ok = false; return out; }
    if (!shift_offset_ok(d)) { ok.full(); return out; }
    for (int i = 0; i < BATT_N; i++)
        for (int j = 0; j < BATT_N; j++)
            if ((o.r[i] >> j) & 1u) obj_add(out, o.c[i * BATT_N + j], i + d.a, j + d.b, ok);
    if (!ok) return object_empty();
    return out;
}

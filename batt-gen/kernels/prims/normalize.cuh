// normalize: the patch moved so that its upper left corner is the origin
// (an empty patch as it is).
// sig: normalize(Indices) -> Indices
// sig: normalize(Object) -> Object
BATT_PRIM Indices p_normalize(const Indices& s, Flag& ok) {
    int t, l, b, r;
    Indices out = indices_empty();
    (void)ok;
    if (!mask_bounds(s.r, t, l, b, r)) return out;
    for (int i = t; i <= b; i++) out.r[i - t] = s.r[i] >> l;
    return out;
}

BATT_PRIM Object p_normalize(const Object& o, Flag& ok) {
    int t, l, b, r;
    Object out = object_empty();
    (void)ok;
    if (!mask_bounds(o.r, t, l, b, r)) return out;
    for (int i = t; i <= b; i++) {
        out.r[i - t] = o.r[i] >> l;
        for (int j = l; j < BATT_N; j++)
            if ((o.r[i] >> j) & 1u) out.c[(i - t) * BATT_N + (j - l)] = o.c[i * BATT_N + j];
    }
    return out;
}

// intersection: the elements in both sets (bitwise and of integers). An
// object's cells are in both when position and colour agree.
// sig: intersection(Indices, Indices) -> Indices
// sig: intersection(Object, Object) -> Object
// sig: intersection(Objects, Objects) -> Objects
// sig: intersection(Colours, Colours) -> Colours
// sig: intersection(Int, Int) -> Int
// sig: intersection(Offsets, Indices) -> Indices
// sig: intersection(Indices, Offsets) -> Indices
// needs: insert

BATT_PRIM Indices p_intersection(const Indices& a, const Indices& b, Flag& ok) {
    (void)ok;
    Indices r;
    for (int i = 0; i < BATT_N; i++) r.r[i] = a.r[i] & b.r[i];
    return r;
}

// Positions anywhere and positions inside the frame: those of both, all
// inside the frame.
BATT_PRIM Indices p_intersection(const Offsets& a, const Indices& b, Flag& ok) {
    Indices r = indices_empty();
    for (int k = 0; k < a.n && k < BATT_OFFSETS; k++) {
        const Pair q = a.v[k];
        if (q.a >= 0 && q.a < BATT_N && q.b >= 0 && q.b < BATT_N && ((b.r[q.a] >> q.b) & 1u))
            r.r[q.a] |= 1u << q.b;
    }
    (void)ok;
    return r;
}

BATT_PRIM Indices p_intersection(const Indices& a, const Offsets& b, Flag& ok) {
    return p_intersection(b, a, ok);
}

BATT_PRIM Object p_intersection(const Object& a, const Object& b, Flag& ok) {
    (void)ok;
    Object r = object_empty();
    for (int i = 0; i < BATT_N; i++)
        for (int j = 0; j < BATT_N; j++) {
            int p = i * BATT_N + j;
            if (((a.r[i] & b.r[i]) >> j) & 1u && a.c[p] == b.c[p]) {
                r.r[i] |= 1u << j;
                r.c[p] = a.c[p];
            }
        }
    return r;
}

BATT_PRIM Objects p_intersection(const Objects& a, const Objects& b, Flag& ok) {
    (void)ok;
    Objects r = a;
    for (int k = 1; k <= a.n; k++)
        if (insert_find(b, objs_get(a, k)) == 0) insert_drop(r, k);
    objs_canonical(r);
    return r;
}

BATT_PRIM Colours p_intersection(const Colours& a, const Colours& b, Flag& ok) {
    (void)ok;
    return Colours{a.m & b.m};
}

BATT_PRIM i64 p_intersection(i64 a, i64 b, Flag& ok) {
    (void)ok;
    return a & b;
}

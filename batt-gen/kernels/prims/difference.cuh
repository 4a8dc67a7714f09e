// difference: the elements of the first set not in the second (integers
// are not containers: no overload). An object's cell is in the second
// object when position and colour agree.
// sig: difference(Indices, Indices) -> Indices
// sig: difference(Object, Object) -> Object
// sig: difference(Objects, Objects) -> Objects
// sig: difference(Colours, Colours) -> Colours
// sig: difference(Patches, Patches) -> Patches
// sig: difference(Frontiers, Frontiers) -> Frontiers
// sig: difference(Offsets, Indices) -> Offsets
// needs: insert

BATT_PRIM Indices p_difference(const Indices& a, const Indices& b, Flag& ok) {
    (void)ok;
    Indices r;
    for (int i = 0; i < BATT_N; i++) r.r[i] = a.r[i] & ~b.r[i];
    return r;
}

BATT_PRIM Object p_difference(const Object& a, const Object& b, Flag& ok) {
    (void)ok;
    Object r = a;
    for (int i = 0; i < BATT_N; i++)
        for (int j = 0; j < BATT_N; j++) {
            int p = i * BATT_N + j;
            if (((a.r[i] & b.r[i]) >> j) & 1u && a.c[p] == b.c[p]) {
                r.r[i] &= ~(1u << j);
                r.c[p] = 0;
            }
        }
    return r;
}

BATT_PRIM Objects p_difference(const Objects& a, const Objects& b, Flag& ok) {
    (void)ok;
    Objects r = a;
    for (int k = 1; k <= a.n; k++)
        if (insert_find(b, objs_get(a, k)) != 0) insert_drop(r, k);
    objs_canonical(r);
    return r;
}

BATT_PRIM Colours p_difference(const Colours& a, const Colours& b, Flag& ok) {
    (void)ok;
    return Colours{a.m & ~b.m};
}

BATT_PRIM Patches p_difference(const Patches& a, const Patches& b, Flag& ok) {
    (void)ok;
    Patches r = patches_empty();
    for (int k = 0; k < a.n && k < BATT_PATCHES; k++) {
        bool in_b = false;
        for (int m = 0; m < b.n && m < BATT_PATCHES; m++) in_b = in_b || b_eq(a.s[k], b.s[m]);
        if (!in_b) r.s[r.n++] = a.s[k];
    }
    return r;
}

// The frontiers of a not among those of b (b may come from another grid).
BATT_PRIM Frontiers p_difference(const Frontiers& a, const Frontiers& b, Flag& ok) {
    (void)ok;
    Frontiers r = a;
    for (int k = 0; k < 2 * BATT_N; k++) {
        if (!frontiers_has(a, k) || !frontiers_among(a, k, b)) continue;
        if (k < BATT_N) r.rows &= ~(1u << k);
        else r.cols &= ~(1u << (k - BATT_N));
    }
    return r;
}

// The pairs of a not in b: those outside the frame are in no set of
// positions the device holds.
BATT_PRIM Offsets p_difference(const Offsets& a, const Indices& b, Flag& ok) {
    (void)ok;
    Offsets r = offsets_empty();
    for (int k = 0; k < a.n && k < BATT_OFFSETS; k++) {
        const Pair q = a.v[k];
        const bool inside = q.a >= 0 && q.a < BATT_N && q.b >= 0 && q.b < BATT_N;
        if (!(inside && idx_has(b, (int)q.a, (int)q.b))) r.v[r.n++] = q;
    }
    return r;
}

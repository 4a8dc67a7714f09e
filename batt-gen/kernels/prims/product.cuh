// product: the set of pairs (i, j), i from a and j from b; a pair outside
// the 30x30 frame does not fit Indices (left to the CPU). Of two index
// sets, the pairs of positions (at most BATT_POSPAIRS; more are left to
// the CPU), in order. Of two sets of objects, the pairs of objects (at
// most BATT_OBJPAIRS), in order.
// sig: product(Ints, Ints) -> Indices
// sig: product(Colours, Colours) -> Indices
// sig: product(Ints, Colours) -> Indices
// sig: product(Colours, Ints) -> Indices
// sig: product(Indices, Indices) -> PosPairs
// sig: product(Objects, Objects) -> ObjPairs
// sig: product(Ints, Ints) -> Offsets as p_product_off

BATT_DEVICE Ints product_items(const Colours& s) {
    Ints t = ints_empty();
    for (int c = 0; c < BATT_SET_INTS; c++)
        if ((s.m >> c) & 1u) t.v[t.n++] = c;
    return t;
}

BATT_DEVICE Indices product_pairs(const Ints& a, const Ints& b, Flag& ok) {
    Indices r = indices_empty();
    for (int x = 0; x < a.n && x < BATT_INTS; x++)
        for (int y = 0; y < b.n && y < BATT_INTS; y++) idx_add(r, a.v[x], b.v[y], ok);
    return r;
}

BATT_PRIM Indices p_product(const Ints& a, const Ints& b, Flag& ok) { return product_pairs(a, b, ok); }

// Of two tuples of integers, some of them negative, the pairs anywhere as
// offsets (at most BATT_OFFSETS; more are left to the CPU): the moves of
// a pattern by whole periods both ways.
BATT_PRIM Offsets p_product_off(const Ints& a, const Ints& b, Flag& ok) {
    Offsets r = offsets_empty();
#pragma unroll 1
    for (int x = 0; x < a.n && x < BATT_INTS; x++)
#pragma unroll 1
        for (int y = 0; y < b.n && y < BATT_INTS; y++) offsets_add(r, Pair{a.v[x], b.v[y]}, ok);
    return r;
}

BATT_PRIM Indices p_product(const Colours& a, const Colours& b, Flag& ok) {
    return product_pairs(product_items(a), product_items(b), ok);
}

BATT_PRIM Indices p_product(const Ints& a, const Colours& b, Flag& ok) {
    return product_pairs(a, product_items(b), ok);
}

BATT_PRIM Indices p_product(const Colours& a, const Ints& b, Flag& ok) {
    return product_pairs(product_items(a), b, ok);
}

BATT_PRIM PosPairs p_product(const Indices& a, const Indices& b, Flag& ok) {
    PosPairs t = pospairs_empty();
#pragma unroll 1
    for (int p = cells_next(a.r, 0); p < BATT_CELLS; p = cells_next(a.r, p + 1)) {
#pragma unroll 1
        for (int q = cells_next(b.r, 0); q < BATT_CELLS; q = cells_next(b.r, q + 1)) {
            if (t.n >= BATT_POSPAIRS) { ok.full(); return t; }
            t.p[t.n] = (u16)p;
            t.q[t.n] = (u16)q;
            t.n++;
        }
    }
    return t;
}

BATT_PRIM ObjPairs p_product(const Objects& a, const Objects& b, Flag& ok) {
    ObjPairs t = objpairs_empty();
    if (a.n * b.n > BATT_OBJPAIRS) { ok.full(); return t; }
    t.a = a;
    t.b = b;
    for (int x = 1; x <= a.n; x++)
        for (int y = 1; y <= b.n; y++) {
            t.p[t.n] = (u16)x;
            t.q[t.n] = (u16)y;
            t.n++;
        }
    return t;
}

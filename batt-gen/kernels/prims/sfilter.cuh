// sfilter: the elements satisfying the condition, keeping the container's
// kind and order.
// sig: sfilter(Objects, Fn[Object -> Bool]) -> Objects
// sig: sfilter(Grids, Fn[Grid -> Bool]) -> Grids
// sig: sfilter(Indices, Fn[Pair -> Bool]) -> Indices
// sig: sfilter(Ints, Fn[Int -> Bool]) -> Ints
// sig: sfilter(Colours, Fn[Int -> Bool]) -> Colours
// sig: sfilter(Patches, Fn[Indices -> Bool]) -> Patches
// sig: sfilter(Object, Fn[Cell -> Bool]) -> Object
// sig: sfilter(ObjTuple, Fn[Object -> Bool]) -> ObjTuple
// sig: sfilter(Grid, Fn[Ints -> Bool]) -> Grid
// sig: sfilter(Pairs, Fn[Pair -> Bool]) -> Pairs
// sig: sfilter(PosPairs, Fn[PairPair -> Bool]) -> PosPairs
// sig: sfilter(ObjPairs, Fn[ObjPair -> Bool]) -> ObjPairs
// sig: sfilter(ObjInts, Fn[ObjInt -> Bool]) -> ObjInts
// sig: sfilter(RowInts, Fn[RowInt -> Bool]) -> RowInts
// sig: sfilter(Frontiers, Fn[Object -> Bool]) -> Frontiers
// sig: sfilter(ObjBag, Fn[Object -> Bool]) -> ObjBag painted
// sig: sfilter(PatchBag, Fn[Indices -> Bool]) -> PatchBag

template <class F>
BATT_PRIM Objects p_sfilter(const Objects& x, const F& f, Flag& ok) {
    bool keep[BATT_CELLS + 1];
    keep[0] = false;
    for (int k = 1; k <= BATT_CELLS; k++) keep[k] = false;
    for (int k = 1; k <= x.n && k <= BATT_CELLS; k++) keep[k] = f(objs_get(x, k), ok);
    Objects r = x;
    for (int p = 0; p < BATT_CELLS; p++)
        if (!keep[x.lab[p]]) { r.lab[p] = 0; r.c[p] = 0; }
    objs_canonical(r);
    return r;
}

template <class F>
BATT_PRIM Grids p_sfilter(const Grids& t, const F& f, Flag& ok) {
    Grids r = grids_empty();
    for (int k = 0; k < t.n && k < BATT_GRIDS; k++)
        if (f(grids_get(t, k), ok)) grids_push_at(r, t, k, ok);
    return r;
}

template <class F>
BATT_PRIM Indices p_sfilter(const Indices& s, const F& f, Flag& ok) {
    Indices r = indices_empty();
    for (int i = 0; i < BATT_N; i++)
        for (int j = 0; j < BATT_N; j++)
            if (((s.r[i] >> j) & 1u) && f(Pair{i, j}, ok)) r.r[i] |= 1u << j;
    return r;
}

template <class F>
BATT_PRIM Ints p_sfilter(const Ints& t, const F& f, Flag& ok) {
    Ints r = ints_empty();
    for (int k = 0; k < t.n && k < BATT_INTS; k++)
        if (f(t.v[k], ok)) ints_push(r, t.v[k], ok);
    return r;
}

template <class F>
BATT_PRIM Colours p_sfilter(const Colours& s, const F& f, Flag& ok) {
    Colours r{0u};
    for (int c = 0; c < BATT_SET_INTS; c++)
        if (((s.m >> c) & 1u) && f((i64)c, ok)) r.m |= 1ull << c;
    return r;
}

template <class F>
BATT_PRIM Patches p_sfilter(const Patches& x, const F& f, Flag& ok) {
    Patches r = patches_empty();
    for (int k = 0; k < x.n && k < BATT_PATCHES; k++)
        if (f(x.s[k], ok)) r.s[r.n++] = x.s[k];
    return r;
}

template <class F>
BATT_PRIM Object p_sfilter(const Object& o, const F& f, Flag& ok) {
    Object r = object_empty();
    obj_each_cell(o, [&](const Cell& c) {
        if (f(c, ok)) {
            int p = (int)c.ij.a * BATT_N + (int)c.ij.b;
            r.r[c.ij.a] |= 1u << c.ij.b;
            r.c[p] = (u8)c.c;
        }
        return true;
    });
    return r;
}

template <class F>
BATT_PRIM ObjTuple p_sfilter(const ObjTuple& t, const F& f, Flag& ok) {
    // The kept members renumbered in order.
    u16 rank[BATT_CELLS + 1];
    rank[0] = 0;
    int n = 0;
    for (int k = 1; k <= t.x.n && k <= BATT_CELLS; k++) rank[k] = f(objs_get(t.x, k), ok) ? (u16)(++n) : 0;
    return objtuple_ranked(t.x, rank, n);
}

// A grid's rows that satisfy the condition (a tuple of rows: no row left
// is the empty tuple).
template <class F>
BATT_PRIM Grid p_sfilter(const Grid& g, const F& f, Flag& ok) {
    return grid_rows_where(g, [&](int i) { return f(grid_row(g, i), ok); });
}

template <class F>
BATT_PRIM Pairs p_sfilter(const Pairs& t, const F& f, Flag& ok) {
    Pairs r = pairs_empty();
    for (int k = 0; k < t.n && k < BATT_INTS; k++)
        if (f(t.v[k], ok)) pairs_push(r, t.v[k], ok);
    return r;
}

template <class F>
BATT_PRIM PosPairs p_sfilter(const PosPairs& t, const F& f, Flag& ok) {
    PosPairs r = pospairs_empty();
    for (int k = 0; k < t.n && k < BATT_POSPAIRS; k++)
        if (f(pospairs_get(t, k), ok)) {
            r.p[r.n] = t.p[k];
            r.q[r.n] = t.q[k];
            r.n++;
        }
    return r;
}

template <class F>
BATT_PRIM ObjPairs p_sfilter(const ObjPairs& t, const F& f, Flag& ok) {
    ObjPairs r = t;
    r.n = 0;
#pragma unroll 1
    for (int k = 0; k < t.n && k < BATT_OBJPAIRS; k++)
        if (f(objpairs_get(t, k), ok)) {
            r.p[r.n] = t.p[k];
            r.q[r.n] = t.q[k];
            r.n++;
        }
    return r;
}

// Tuples of pairs keep the pairs that pass, in order.
template <class F>
BATT_PRIM ObjInts p_sfilter(const ObjInts& t, const F& f, Flag& ok) {
    ObjInts r = objints_empty();
    int ks[BATT_INTS];
    int m = 0;
#pragma unroll 1
    for (int k = 0; k < t.n && k < BATT_INTS; k++) {
        ObjInt e;
        e.o = objs_get(t.t.x, k + 1);
        e.v = t.v.v[k];
        if (b_truthy(f(e, ok))) {
            ks[m] = k + 1;
            r.v.v[m] = e.v;
            m++;
        }
    }
    r.t = objtuple_pick(t.t.x, ks, m);
    r.v.n = m;
    r.n = m;
    return r;
}

template <class F>
BATT_PRIM RowInts p_sfilter(const RowInts& t, const F& f, Flag& ok) {
    RowInts r = rowints_empty();
    int m = 0;
#pragma unroll 1
    for (int k = 0; k < t.n && k < BATT_N; k++) {
        RowInt e;
        e.row = grid_row(t.g, k);
        e.v = t.v.v[k];
        if (b_truthy(f(e, ok))) {
            if (m == 0) r.g = grid_filled(0, t.g.w, 0);
            for (int j = 0; j < t.g.w; j++) r.g.c[m * BATT_N + j] = t.g.c[k * BATT_N + j];
            r.v.v[m] = e.v;
            m++;
        }
    }
    r.g.h = m;
    if (m == 0) r.g = grid_empty();
    r.v.n = m;
    r.n = m;
    return r;
}

template <class F>
BATT_PRIM Frontiers p_sfilter(const Frontiers& x, const F& f, Flag& ok) {
    Frontiers r = x;
    for (int k = 0; k < 2 * BATT_N; k++) {
        if (!frontiers_has(x, k) || f(frontiers_get(x, k), ok)) continue;
        if (k < BATT_N) r.rows &= ~(1u << k);
        else r.cols &= ~(1u << (k - BATT_N));
    }
    return r;
}

// The bag's sets the function keeps, in order (see PatchBag).
template <class F>
BATT_PRIM PatchBag p_sfilter(const PatchBag& t, const F& f, Flag& ok) {
    PatchBag r = patchbag_empty();
#pragma unroll 1
    for (int k = 0; k < t.n && k < BATT_PBAG_PATCHES; k++) {
        const Indices s = patchbag_get(t, k);
        if (f(s, ok)) patchbag_push(r, s, ok);
    }
    return r;
}

// The bag's objects the function keeps, in order (see ObjBag): a bag is
// read only by the overloads over bags, which paint their union.
template <class F>
BATT_PRIM ObjBag p_sfilter(const ObjBag& t, const F& f, Flag& ok) {
    ObjBag r = objbag_empty();
    for (int k = 0; k < t.n && k < BATT_BAG_OBJS; k++) {
        const Object o = objbag_get(t, k);
        if (f(o, ok)) objbag_push(r, o, ok);
    }
    return r;
}

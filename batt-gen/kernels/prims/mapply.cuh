// mapply: apply, then merge. Over a set, the results are merged as a set
// (an object holds one colour per position: two results with different
// colours at one position are left to the CPU, but where every use paints
// the object or reads its positions, the painted overloads keep the largest
// colour, the one `paint` leaves); over a tuple of grids, the results' rows
// are stacked as merge(Grids) does.
// sig: mapply(Fn[Object -> Object], Objects) -> Object as p_mapply_oo
// sig: mapply(Fn[Object -> Object], Objects) -> Object painted as p_mapply_oo_painted
// sig: mapply(Fn[Pair -> Object], Indices) -> Object painted as p_mapply_po_painted
// sig: mapply(Fn[Int -> Object], Colours) -> Object painted as p_mapply_co_painted
// sig: mapply(Fn[Object -> Indices], Objects) -> Indices as p_mapply_oi
// sig: mapply(Fn[Pair -> Indices], Indices) -> Indices as p_mapply_pi
// sig: mapply(Fn[Pair -> Object], Indices) -> Object as p_mapply_po
// sig: mapply(Fn[Grid -> Grid], Grids) -> Grid as p_mapply_gg
// sig: mapply(Fn[Indices -> Indices], Patches) -> Indices as p_mapply_si
// sig: mapply(Fn[Object -> Object], ObjTuple) -> Object unordered as p_mapply_to
// sig: mapply(Fn[Object -> Indices], ObjTuple) -> Indices unordered as p_mapply_ti
// sig: mapply(Fn[Int -> Object], Ints) -> Object unordered as p_mapply_io
// sig: mapply(Fn[Int -> Indices], Ints) -> Indices unordered as p_mapply_ii
// sig: mapply(Fn[Int -> Object], Colours) -> Object as p_mapply_co
// sig: mapply(Fn[Int -> Indices], Colours) -> Indices as p_mapply_ci
// sig: mapply(Fn[Pair -> Object], Pairs) -> Object unordered as p_mapply_qo
// sig: mapply(Fn[Pair -> Object], Pairs) -> Object painted as p_mapply_qo_painted
// sig: mapply(Fn[Pair -> Indices], Pairs) -> Indices unordered as p_mapply_qi
// sig: mapply(Fn[Grid -> Indices], Grids) -> Indices unordered as p_mapply_gi
// sig: mapply(Fn[PairPair -> Indices], PosPairs) -> Indices as p_mapply_wi
// sig: mapply(Fn[Grid -> Grids], Grids) -> Grids as p_mapply_gss
// sig: mapply(Fn[ObjPair -> Object], ObjPairs) -> Object as p_mapply_yo
// sig: mapply(Fn[ObjPair -> Object], ObjPairs) -> Object painted as p_mapply_yo_painted
// sig: mapply(Fn[ObjInt -> Object], ObjInts) -> Object unordered as p_mapply_jo
// sig: mapply(Fn[ObjPair -> Object], ObjTuplePairs) -> Object unordered as p_mapply_zo
// sig: mapply(Fn[ObjPair -> Object], ObjTuplePairs) -> Object painted as p_mapply_zo_painted
// sig: mapply(Fn[ObjPair -> Object], ObjTuplePairs) -> ObjMerged as p_mapply_zm
// sig: mapply(Fn[Object -> Object], ObjTuple) -> ObjMerged as p_mapply_tm
// sig: mapply(Fn[Pair -> Object], Pairs) -> ObjMerged as p_mapply_qm
// sig: mapply(Fn[Int -> Object], Ints) -> ObjMerged as p_mapply_im
// sig: mapply(Fn[Object -> Object], ObjList) -> Object unordered as p_mapply_lo
// sig: mapply(Fn[Pair -> Offsets], Offsets) -> Offsets as p_mapply_ff
// sig: mapply(Fn[Pair -> Object], Offsets) -> Object as p_mapply_fo
// sig: mapply(Fn[Pair -> Object], Offsets) -> Object painted as p_mapply_fo_painted
// sig: mapply(Fn[Pair -> Indices], Offsets) -> Indices as p_mapply_fi
// sig: mapply(Fn[Rect -> Indices], Rects) -> Indices as p_mapply_ri
// sig: mapply(Fn[Pair -> Indices], Rect) -> Indices as p_mapply_qri
// sig: mapply(Fn[Object -> Object], ObjBag) -> Object painted as p_mapply_bo_painted
// sig: mapply(Fn[Object -> Object], ObjBag) -> Object as p_mapply_bo
// needs: merge

template <class F>
BATT_DEVICE Object mapply_objects(const F& f, const Objects& x, Flag& ok, bool painted) {
    Object acc = object_empty();
    for (int k = 1; k <= x.n; k++) {
        Object r = f(objs_get(x, k), ok);
        mapply_union(acc, r, ok, painted);
    }
    return acc;
}

template <class F>
BATT_PRIM Object p_mapply_oo(const F& f, const Objects& x, Flag& ok) {
    return mapply_objects(f, x, ok, false);
}

template <class F>
BATT_PRIM Object p_mapply_oo_painted(const F& f, const Objects& x, Flag& ok) {
    return mapply_objects(f, x, ok, true);
}

template <class F>
BATT_PRIM Indices p_mapply_oi(const F& f, const Objects& x, Flag& ok) {
    Indices acc = indices_empty();
    for (int k = 1; k <= x.n; k++)
        idx_union(acc, f(objs_get(x, k), ok));
    return acc;
}

template <class F>
BATT_PRIM Indices p_mapply_pi(const F& f, const Indices& s, Flag& ok) {
    Indices acc = indices_empty();
    for (int i = 0; i < BATT_N; i++)
        for (int j = 0; j < BATT_N; j++)
            if ((s.r[i] >> j) & 1u)
                idx_union(acc, f(Pair{i, j}, ok));
    return acc;
}

template <class F>
BATT_DEVICE Object mapply_positions(const F& f, const Indices& s, Flag& ok, bool painted) {
    Object acc = object_empty();
    for (int i = 0; i < BATT_N; i++)
        for (int j = 0; j < BATT_N; j++)
            if ((s.r[i] >> j) & 1u) {
                Object r = f(Pair{i, j}, ok);
                mapply_union(acc, r, ok, painted);
            }
    return acc;
}

template <class F>
BATT_PRIM Object p_mapply_po(const F& f, const Indices& s, Flag& ok) {
    return mapply_positions(f, s, ok, false);
}

template <class F>
BATT_PRIM Object p_mapply_po_painted(const F& f, const Indices& s, Flag& ok) {
    return mapply_positions(f, s, ok, true);
}

template <class F>
BATT_PRIM Grid p_mapply_gg(const F& f, const Grids& t, Flag& ok) {
    Grids out = grids_empty();
    for (int k = 0; k < t.n && k < BATT_GRIDS; k++) grids_push(out, f(grids_get(t, k), ok), ok);
    return p_merge(out, ok);
}

template <class F>
BATT_PRIM Indices p_mapply_si(const F& f, const Patches& x, Flag& ok) {
    Indices acc = indices_empty();
    for (int k = 0; k < x.n && k < BATT_PATCHES; k++)
        idx_union(acc, f(x.s[k], ok));
    return acc;
}

// Over a tuple the merged results form a tuple of positions or cells,
// held as the set of them (`unordered`).
template <class F>
BATT_PRIM Object p_mapply_to(const F& f, const ObjTuple& t, Flag& ok) {
    return p_mapply_oo(f, t.x, ok);
}

template <class F>
BATT_PRIM Indices p_mapply_ti(const F& f, const ObjTuple& t, Flag& ok) {
    return p_mapply_oi(f, t.x, ok);
}

template <class F>
BATT_PRIM Object p_mapply_io(const F& f, const Ints& t, Flag& ok) {
    Object acc = object_empty();
    for (int k = 0; k < t.n && k < BATT_INTS; k++) mapply_union(acc, f(t.v[k], ok), ok);
    return acc;
}

template <class F>
BATT_PRIM Indices p_mapply_ii(const F& f, const Ints& t, Flag& ok) {
    Indices acc = indices_empty();
    for (int k = 0; k < t.n && k < BATT_INTS; k++)
        idx_union(acc, f(t.v[k], ok));
    return acc;
}

template <class F>
BATT_DEVICE Object mapply_colours(const F& f, const Colours& s, Flag& ok, bool painted) {
    Object acc = object_empty();
    for (int c = 0; c < BATT_SET_INTS; c++)
        if ((s.m >> c) & 1u) mapply_union(acc, f((i64)c, ok), ok, painted);
    return acc;
}

template <class F>
BATT_PRIM Object p_mapply_co(const F& f, const Colours& s, Flag& ok) {
    return mapply_colours(f, s, ok, false);
}

template <class F>
BATT_PRIM Object p_mapply_co_painted(const F& f, const Colours& s, Flag& ok) {
    return mapply_colours(f, s, ok, true);
}

template <class F>
BATT_PRIM Indices p_mapply_ci(const F& f, const Colours& s, Flag& ok) {
    Indices acc = indices_empty();
    for (int c = 0; c < BATT_SET_INTS; c++)
        if ((s.m >> c) & 1u)
            idx_union(acc, f((i64)c, ok));
    return acc;
}

template <class F>
BATT_PRIM Object p_mapply_qo(const F& f, const Pairs& t, Flag& ok) {
    Object acc = object_empty();
    for (int k = 0; k < t.n && k < BATT_INTS; k++) mapply_union(acc, f(t.v[k], ok), ok);
    return acc;
}

// The merged tuple as `paint` leaves it: a later element's cell at a
// position wins (see `paints_in_order` in the plan).
template <class F>
BATT_PRIM Object p_mapply_qo_painted(const F& f, const Pairs& t, Flag& ok) {
    Object acc = object_empty();
    for (int k = 0; k < t.n && k < BATT_INTS; k++) paint_over(acc, f(t.v[k], ok));
    return acc;
}

template <class F>
BATT_PRIM Indices p_mapply_qi(const F& f, const Pairs& t, Flag& ok) {
    Indices acc = indices_empty();
    for (int k = 0; k < t.n && k < BATT_INTS; k++)
        idx_union(acc, f(t.v[k], ok));
    return acc;
}

template <class F>
BATT_PRIM Indices p_mapply_gi(const F& f, const Grids& t, Flag& ok) {
    Indices acc = indices_empty();
    for (int k = 0; k < t.n && k < BATT_GRIDS; k++)
        idx_union(acc, f(grids_get(t, k), ok));
    return acc;
}

template <class F>
BATT_PRIM Indices p_mapply_wi(const F& f, const PosPairs& t, Flag& ok) {
    Indices acc = indices_empty();
    for (int k = 0; k < t.n && k < BATT_POSPAIRS; k++) idx_union(acc, f(pospairs_get(t, k), ok));
    return acc;
}

// Tuples of grids from each grid of a tuple, one after the other.
template <class F>
BATT_PRIM Grids p_mapply_gss(const F& f, const Grids& t, Flag& ok) {
    Grids out = grids_empty();
#pragma unroll 1
    for (int k = 0; k < t.n && k < BATT_GRIDS; k++) {
        const Grids r = f(grids_get(t, k), ok);
#pragma unroll 1
        for (int q = 0; q < r.n && q < BATT_GRIDS; q++) grids_push_at(out, r, q, ok);
    }
    return out;
}

template <class F>
BATT_DEVICE Object mapply_objpairs(const F& f, const ObjPairs& t, Flag& ok, bool painted) {
    Object acc = object_empty();
#pragma unroll 1
    for (int k = 0; k < t.n && k < BATT_OBJPAIRS; k++) mapply_union(acc, f(objpairs_get(t, k), ok), ok, painted);
    return acc;
}

template <class F>
BATT_PRIM Object p_mapply_yo(const F& f, const ObjPairs& t, Flag& ok) {
    return mapply_objpairs(f, t, ok, false);
}

template <class F>
BATT_PRIM Object p_mapply_yo_painted(const F& f, const ObjPairs& t, Flag& ok) {
    return mapply_objpairs(f, t, ok, true);
}

template <class F>
BATT_PRIM Object p_mapply_jo(const F& f, const ObjInts& t, Flag& ok) {
    Object acc = object_empty();
#pragma unroll 1
    for (int k = 0; k < t.n && k < BATT_INTS; k++) {
        ObjInt e;
        e.o = objs_get(t.t.x, k + 1);
        e.v = t.v.v[k];
        mapply_union(acc, f(e, ok), ok);
    }
    return acc;
}

// Element k of a tuple of pairs of objects (0-based).
BATT_DEVICE ObjPair objtuplepairs_get(const ObjTuplePairs& t, int k) {
    ObjPair e;
    e.a = objs_get(t.a.x, k + 1);
    e.b = objs_get(t.b.x, k + 1);
    return e;
}

template <class F>
BATT_PRIM Object p_mapply_zo(const F& f, const ObjTuplePairs& t, Flag& ok) {
    Object acc = object_empty();
#pragma unroll 1
    for (int k = 0; k < t.n && k < BATT_CELLS; k++) mapply_union(acc, f(objtuplepairs_get(t, k), ok), ok);
    return acc;
}

// The merged tuple as `paint` leaves it: a later element's cell at a
// position wins (see `paints_in_order` in the plan).
template <class F>
BATT_PRIM Object p_mapply_zo_painted(const F& f, const ObjTuplePairs& t, Flag& ok) {
    Object acc = object_empty();
#pragma unroll 1
    for (int k = 0; k < t.n && k < BATT_CELLS; k++) paint_over(acc, f(objtuplepairs_get(t, k), ok));
    return acc;
}

// A tuple's objects merged, each kept in order (see ObjMerged), for
// `underpaint`: made by the plan's second pass where every use is one.
template <class F>
BATT_PRIM ObjMerged p_mapply_zm(const F& f, const ObjTuplePairs& t, Flag& ok) {
    ObjMerged acc = objmerged_empty();
#pragma unroll 1
    for (int k = 0; k < t.n && k < BATT_CELLS; k++) objbag_append(acc.b, f(objtuplepairs_get(t, k), ok), ok);
    return acc;
}

template <class F>
BATT_PRIM ObjMerged p_mapply_tm(const F& f, const ObjTuple& t, Flag& ok) {
    ObjMerged acc = objmerged_empty();
#pragma unroll 1
    for (int k = 1; k <= t.x.n; k++) objbag_append(acc.b, f(objs_get(t.x, k), ok), ok);
    return acc;
}

// Over a tuple of pairs or of integers (its members in `v`).
template <class F, class T>
BATT_DEVICE ObjMerged mapply_merged_members(const F& f, const T& t, Flag& ok) {
    ObjMerged acc = objmerged_empty();
#pragma unroll 1
    for (int k = 0; k < t.n && k < BATT_INTS; k++) objbag_append(acc.b, f(t.v[k], ok), ok);
    return acc;
}

template <class F>
BATT_PRIM ObjMerged p_mapply_qm(const F& f, const Pairs& t, Flag& ok) {
    return mapply_merged_members(f, t, ok);
}

template <class F>
BATT_PRIM ObjMerged p_mapply_im(const F& f, const Ints& t, Flag& ok) {
    return mapply_merged_members(f, t, ok);
}

template <class F>
BATT_PRIM Object p_mapply_lo(const F& f, const ObjList& t, Flag& ok) {
    Object acc = object_empty();
#pragma unroll 1
    for (int k = 0; k < t.n && k < BATT_OBJLIST; k++) mapply_union(acc, f(t.o[k], ok), ok);
    return acc;
}

// Over offsets (pairs anywhere): their neighbours' union, or the objects
// or patches they move something to.
template <class F>
BATT_PRIM Offsets p_mapply_ff(const F& f, const Offsets& t, Flag& ok) {
    Offsets acc = offsets_empty();
    for (int k = 0; k < t.n && k < BATT_OFFSETS; k++) {
        const Offsets r = f(t.v[k], ok);
        for (int m = 0; m < r.n && m < BATT_OFFSETS; m++) offsets_add(acc, r.v[m], ok);
    }
    return acc;
}

template <class F>
BATT_DEVICE Object mapply_offsets(const F& f, const Offsets& t, Flag& ok, bool painted) {
    Object acc = object_empty();
    for (int k = 0; k < t.n && k < BATT_OFFSETS; k++) mapply_union(acc, f(t.v[k], ok), ok, painted);
    return acc;
}

template <class F>
BATT_PRIM Object p_mapply_fo(const F& f, const Offsets& t, Flag& ok) {
    return mapply_offsets(f, t, ok, false);
}

template <class F>
BATT_PRIM Object p_mapply_fo_painted(const F& f, const Offsets& t, Flag& ok) {
    return mapply_offsets(f, t, ok, true);
}

template <class F>
BATT_PRIM Indices p_mapply_fi(const F& f, const Offsets& t, Flag& ok) {
    Indices acc = indices_empty();
    for (int k = 0; k < t.n && k < BATT_OFFSETS; k++) idx_union(acc, f(t.v[k], ok));
    return acc;
}

// Over a bag of objects standing for their set: an object met twice gives
// the same result twice, which the union keeps once.
template <class F>
BATT_DEVICE Object mapply_bag(const F& f, const ObjBag& t, Flag& ok, bool painted) {
    Object acc = object_empty();
    for (int k = 0; k < t.n && k < BATT_BAG_OBJS; k++) mapply_union(acc, f(objbag_get(t, k), ok), ok, painted);
    return acc;
}

template <class F>
BATT_PRIM Object p_mapply_bo_painted(const F& f, const ObjBag& t, Flag& ok) {
    return mapply_bag(f, t, ok, true);
}

// The exact union: two colours at one position leave it to the CPU.
template <class F>
BATT_PRIM Object p_mapply_bo(const F& f, const ObjBag& t, Flag& ok) {
    return mapply_bag(f, t, ok, false);
}

// The union of what the function gives of each outline.
template <class F>
BATT_PRIM Indices p_mapply_ri(const F& f, const Rects& t, Flag& ok) {
    Indices acc = indices_empty();
    for (int k = 0; k < t.n && k < BATT_RECTS; k++) idx_union(acc, f(t.v[k], ok));
    return acc;
}

// The union of what the function gives of each position of an outline
// (anywhere): its top and bottom rows, then its sides between them.
template <class F>
BATT_PRIM Indices p_mapply_qri(const F& f, const Rect& q, Flag& ok) {
    Indices acc = indices_empty();
    for (i64 j = q.sj; j <= q.ej; j++) {
        idx_union(acc, f(Pair{q.si, j}, ok));
        if (q.ei != q.si) idx_union(acc, f(Pair{q.ei, j}, ok));
    }
    for (i64 i = q.si + 1; i < q.ei; i++) {
        idx_union(acc, f(Pair{i, q.sj}, ok));
        if (q.ej != q.sj) idx_union(acc, f(Pair{i, q.ej}, ok));
    }
    return acc;
}

// mpapply: papply, then merge: the function on the zipped elements of two
// tuples, the results' elements in one tuple; a tuple of cells is held as
// the object of them where its uses ignore order and repeats
// (`unordered`: emit_cuda's UNORDERED_SINKS).
// sig: mpapply(Fn[Int, Object -> Object], Ints, ObjTuple) -> Object unordered as p_mpapply_ito
// sig: mpapply(Fn[Object, Pair -> Object], ObjTuple, Pairs) -> Object unordered as p_mpapply_tqo
// sig: mpapply(Fn[Grid, Grid -> Grid], Grids, Grids) -> Grid as p_mpapply_ggg
// sig: mpapply(Fn[Object, Pair -> Object], ObjList, Pairs) -> Object unordered as p_mpapply_lqo
// sig: mpapply(Fn[Object, Pair -> Object], ObjSeq, Pairs) -> Object unordered as p_mpapply_sqo
// sig: mpapply(Fn[Object, Pair -> Object], ObjSeq, Pairs) -> Object painted as p_mpapply_sqo_painted
// needs: mapply, merge

template <class F>
BATT_PRIM Object p_mpapply_ito(const F& f, const Ints& a, const ObjTuple& b, Flag& ok) {
    Object acc = object_empty();
    for (int k = 0; k < a.n && k < BATT_INTS && k < b.x.n; k++) mapply_union(acc, f(a.v[k], objs_get(b.x, k + 1), ok), ok);
    return acc;
}

template <class F>
BATT_PRIM Object p_mpapply_tqo(const F& f, const ObjTuple& a, const Pairs& b, Flag& ok) {
    Object acc = object_empty();
    for (int k = 0; k < a.x.n && k < b.n && k < BATT_INTS; k++) mapply_union(acc, f(objs_get(a.x, k + 1), b.v[k], ok), ok);
    return acc;
}

// The grids' rows in order: a grid when they share a width (merge).
template <class F>
BATT_PRIM Grid p_mpapply_ggg(const F& f, const Grids& a, const Grids& b, Flag& ok) {
    Grids t = grids_empty();
#pragma unroll 1
    for (int k = 0; k < a.n && k < b.n && k < BATT_GRIDS; k++) grids_push(t, f(grids_get(a, k), grids_get(b, k), ok), ok);
    return p_merge(t, ok);
}

template <class F>
BATT_PRIM Object p_mpapply_lqo(const F& f, const ObjList& a, const Pairs& b, Flag& ok) {
    Object acc = object_empty();
#pragma unroll 1
    for (int k = 0; k < a.n && k < b.n && k < BATT_OBJLIST; k++) mapply_union(acc, f(a.o[k], b.v[k], ok), ok);
    return acc;
}

template <class F>
BATT_PRIM Object p_mpapply_sqo(const F& f, const ObjSeq& a, const Pairs& b, Flag& ok) {
    Object acc = object_empty();
#pragma unroll 1
    for (int k = 0; k < a.b.n && k < b.n && k < BATT_INTS; k++) mapply_union(acc, f(objbag_get(a.b, k), b.v[k], ok), ok);
    return acc;
}

// The merged tuple as `paint` leaves it: a later element's cell at a
// position wins (see `paints_in_order` in the plan).
template <class F>
BATT_PRIM Object p_mpapply_sqo_painted(const F& f, const ObjSeq& a, const Pairs& b, Flag& ok) {
    Object acc = object_empty();
#pragma unroll 1
    for (int k = 0; k < a.b.n && k < b.n && k < BATT_INTS; k++) paint_over(acc, f(objbag_get(a.b, k), b.v[k], ok));
    return acc;
}

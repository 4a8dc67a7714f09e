// papply: the function on the zipped elements of two tuples, as a tuple
// (as far as the shorter goes). Over two grids' rows, rows of pairs of
// colours of one length (`pair` of two rows) fit PairRows; other results
// are left to the CPU.
// sig: papply(Fn[Int, Int -> Int], Ints, Ints) -> Ints as p_papply_iii
// sig: papply(Fn[Int, Int -> Pair], Ints, Ints) -> Pairs as p_papply_iiq
// sig: papply(Fn[Ints, Ints -> Pairs], Grid, Grid) -> PairRows as p_papply_rrq
// sig: papply(Fn[Int, Object -> Object], Ints, ObjTuple) -> ObjTuple as p_papply_ito
// sig: papply(Fn[Grid, Grid -> Grid], Grids, Grids) -> Grids as p_papply_ggg
// sig: papply(Fn[Grid, Grid -> Bool], Grids, Grids) -> Ints as p_papply_ggb
// sig: papply(Fn[Indices, Pair -> Indices], PatchSeq, Pairs) -> Patches unordered as p_papply_sqs
// needs: insert

template <class F>
BATT_PRIM Ints p_papply_iii(const F& f, const Ints& a, const Ints& b, Flag& ok) {
    Ints out = ints_empty();
    for (int k = 0; k < a.n && k < b.n && k < BATT_INTS; k++) ints_push(out, f(a.v[k], b.v[k], ok), ok);
    return out;
}

template <class F>
BATT_PRIM Pairs p_papply_iiq(const F& f, const Ints& a, const Ints& b, Flag& ok) {
    Pairs out = pairs_empty();
    for (int k = 0; k < a.n && k < b.n && k < BATT_INTS; k++) pairs_push(out, f(a.v[k], b.v[k], ok), ok);
    return out;
}

template <class F>
BATT_PRIM PairRows p_papply_rrq(const F& f, const Grid& a, const Grid& b, Flag& ok) {
    PairRows t = pairrows_empty();
    int n = a.h < b.h ? a.h : b.h;
    if (n <= 0) return t;
    t.a.h = t.b.h = n;
    bool fits = true;
#pragma unroll 1
    for (int i = 0; i < n; i++) {
        Pairs row = f(grid_row(a, i), grid_row(b, i), ok);
        if (i == 0) t.a.w = t.b.w = row.n;
        if (row.n != t.a.w || row.n > BATT_N) { fits = false; continue; }
#pragma unroll 1
        for (int j = 0; j < row.n; j++) {
            if (!colour_ok(row.v[j].a) || !colour_ok(row.v[j].b)) fits = false;
            t.a.c[i * BATT_N + j] = (u8)row.v[j].a;
            t.b.c[i * BATT_N + j] = (u8)row.v[j].b;
        }
    }
    if (!fits) { ok.full(); return pairrows_empty(); }
    return t;
}

// A tuple of objects must stay disjoint (and free of repeats) to fit.
template <class F>
BATT_PRIM ObjTuple p_papply_ito(const F& f, const Ints& a, const ObjTuple& b, Flag& ok) {
    ObjTuple out = objtuple_empty();
    for (int k = 0; k < a.n && k < BATT_INTS && k < b.x.n; k++) {
        Object o = f(a.v[k], objs_get(b.x, k + 1), ok);
        if (insert_find(out.x, o) != 0) ok.full();
        else insert_add(out.x, o, ok);
    }
    return out;
}

template <class F>
BATT_PRIM Grids p_papply_ggg(const F& f, const Grids& a, const Grids& b, Flag& ok) {
    Grids out = grids_empty();
#pragma unroll 1
    for (int k = 0; k < a.n && k < b.n && k < BATT_GRIDS; k++) grids_push(out, f(grids_get(a, k), grids_get(b, k), ok), ok);
    return out;
}

// Truth values, as integers (Python's booleans are integers).
template <class F>
BATT_PRIM Ints p_papply_ggb(const F& f, const Grids& a, const Grids& b, Flag& ok) {
    Ints out = ints_empty();
#pragma unroll 1
    for (int k = 0; k < a.n && k < b.n && k < BATT_GRIDS; k++) ints_push(out, f(grids_get(a, k), grids_get(b, k), ok) ? 1 : 0, ok);
    return out;
}

// A tuple of sets of positions paired with a tuple of pairs (`shift` of
// each by its offset), as the set of the sets (a set standing for the
// tuple).
template <class F>
BATT_PRIM Patches p_papply_sqs(const F& f, const PatchSeq& a, const Pairs& b, Flag& ok) {
    Patches out = patches_empty();
#pragma unroll 1
    for (int k = 0; k < a.b.n && k < BATT_PBAG_PATCHES && k < b.n && k < BATT_INTS; k++)
        patches_add(out, f(patchbag_get(a.b, k), b.v[k], ok), ok);
    return out;
}

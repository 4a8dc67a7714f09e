// apply: the function on each element, keeping the container's kind. Over
// a set the results form a set (equal results kept once): a set of objects
// must be disjoint and non-empty to fit a label map, a set of integers
// within 0..63 to fit Colours. Over a tuple the results keep their order;
// a tuple of tuples of integers fits a Grid when the rows share a non-zero
// width and hold colours. batt errs only where the function does: results
// the device forms cannot hold are left to the CPU.
// sig: apply(Fn[Object -> Object], Objects) -> Objects as p_apply_oo
// sig: apply(Fn[Object -> Int], Objects) -> Colours as p_apply_oc
// sig: apply(Fn[Int -> Int], Ints) -> Ints as p_apply_ii
// sig: apply(Fn[Int -> Runs], Ints) -> RunsTuple as p_apply_iu
// sig: apply(Fn[Int -> Ints], Ints) -> Grid as p_apply_ig
// sig: apply(Fn[Grid -> Grid], Grids) -> Grids as p_apply_gg
// sig: apply(Fn[Grid -> Int], Grids) -> Ints as p_apply_gi
// sig: apply(Fn[Int -> Int], Colours) -> Colours as p_apply_cc
// sig: apply(Fn[Pair -> Pair], Indices) -> Indices as p_apply_pp
// sig: apply(Fn[Pair -> Int], Indices) -> Colours as p_apply_pc
// sig: apply(Fn[Object -> Indices], Objects) -> Patches as p_apply_os
// sig: apply(Fn[Object -> Pair], Objects) -> Indices as p_apply_op
// sig: apply(Fn[Pair -> Indices], Indices) -> Patches as p_apply_ps
// sig: apply(Fn[Indices -> Indices], Patches) -> Patches as p_apply_ss
// sig: apply(Fn[Indices -> Pair], Patches) -> Indices as p_apply_sp
// sig: apply(Fn[Indices -> Int], Patches) -> Colours as p_apply_sc
// sig: apply(Fn[Cell -> Cell], Object) -> Object as p_apply_ee
// sig: apply(Fn[Cell -> Int], Object) -> Colours as p_apply_ec
// sig: apply(Fn[Cell -> Pair], Object) -> Indices as p_apply_ep
// sig: apply(Fn[Cell -> Object], Object) -> Objects as p_apply_eo
// sig: apply(Fn[Object -> Grid], Objects) -> Grids as p_apply_og
// sig: apply(Fn[Int -> Int], Pair) -> Pair as p_apply_iip
// sig: apply(Fn[Int -> Pair], Pair) -> Pairs as p_apply_ipq
// sig: apply(Fn[ObjPair -> Indices], ObjPairs) -> Patches as p_apply_ys
// sig: apply(Fn[ObjPair -> Pair], ObjPairs) -> Indices as p_apply_yp
// sig: apply(Fn[Grid -> Object], Grids) -> ObjList as p_apply_gl
// sig: apply(Fn[Pair -> Object], Pairs) -> ObjList as p_apply_ql
// sig: apply(Fn[Int -> Object], Ints) -> ObjList as p_apply_il
// sig: apply(Fn[RowInt -> Ints], RowInts) -> Grid as p_apply_jr
// sig: apply(Fn[Pair -> Cell], Indices) -> Object as p_apply_pe
// sig: apply(Fn[Ints -> Ints], Grid) -> Grid as p_apply_rg
// sig: apply(Fn[Ints -> Int], Grid) -> Ints as p_apply_ri
// sig: apply(Fn[Object -> Int], ObjTuple) -> Ints as p_apply_ti
// sig: apply(Fn[Object -> Object], ObjTuple) -> ObjTuple as p_apply_tt
// sig: apply(Fn[Object -> Object], ObjTuple) -> ObjSeq as p_apply_tq
// sig: apply(Fn[Object -> Grid], ObjTuple) -> Grids as p_apply_tg
// sig: apply(Fn[Int -> Grid], Ints) -> Grids as p_apply_igs
// sig: apply(Fn[Int -> Pair], Ints) -> Pairs as p_apply_ip
// sig: apply(Fn[Object -> Pair], ObjTuple) -> Pairs as p_apply_tp
// sig: apply(Fn[Pair -> Pair], Pairs) -> Pairs as p_apply_qq
// sig: apply(Fn[Pair -> Int], Pairs) -> Ints as p_apply_qi
// sig: apply(Fn[Int -> Indices], Ints) -> Patches unordered as p_apply_is
// sig: apply(Fn[Pair -> Object], Indices) -> Objects as p_apply_po
// sig: apply(Fn[Grid -> Indices], Grids) -> Patches unordered as p_apply_gs
// sig: apply(Fn[Grid -> Indices], Grids) -> PatchSeq as p_apply_gsq
// sig: apply(Fn[Pair -> Indices], Pairs) -> PatchSeq as p_apply_qsq
// sig: apply(Fn[Int -> Pair], Colours) -> Indices as p_apply_cp
// sig: apply(Fn[Indices -> Object], Patches) -> Objects as p_apply_so
// sig: apply(Fn[Pairs -> Ints], PairRows) -> Grid as p_apply_rq
// sig: apply(Fn[PairPair -> Indices], PosPairs) -> Patches as p_apply_ws
// sig: apply(Fn[PairPair -> Pair], PosPairs) -> Indices as p_apply_wp
// sig: apply(Fn[Pair -> Pair], Offsets) -> Offsets as p_apply_ff
// sig: apply(Fn[Pair -> Indices], Offsets) -> Patches as p_apply_fs
// sig: apply(Fn[Object -> Object], Objects) -> ObjBag painted as p_apply_ob
// sig: apply(Fn[Pair -> Object], Indices) -> ObjBag painted as p_apply_pb
// sig: apply(Fn[Indices -> Object], Patches) -> ObjBag painted as p_apply_sb
// sig: apply(Fn[Pair -> Indices], Indices) -> PatchBag as p_apply_pk
// sig: apply(Fn[PairPair -> Indices], PosPairs) -> PatchBag as p_apply_wk
// sig: apply(Fn[Pair -> Offsets], Offsets) -> OffsetsSet as p_apply_fz
// sig: apply(Fn[Frontiers -> Int], FrontiersPair) -> Pair as p_apply_fp
// sig: apply(Fn[Object -> Rect], Objects) -> Rects as p_apply_or
// sig: apply(Fn[Rect -> Pair], Rects) -> Offsets as p_apply_rp
// sig: apply(Fn[Pair -> Pair], Indices) -> Offsets as p_apply_pf
// needs: insert

template <class F>
BATT_PRIM Objects p_apply_oo(const F& f, const Objects& x, Flag& ok) {
    Objects out = objects_empty();
    for (int k = 1; k <= x.n; k++) insert_add(out, f(objs_get(x, k), ok), ok);
    objs_canonical(out);
    return out;
}

BATT_DEVICE void apply_colour(Colours& s, i64 v, Flag& ok) {
    if (!setint_ok(v)) { ok.full(); return; }
    s.m |= 1ull << v;
}

template <class F>
BATT_PRIM Colours p_apply_oc(const F& f, const Objects& x, Flag& ok) {
    Colours out{0u};
    for (int k = 1; k <= x.n; k++) apply_colour(out, f(objs_get(x, k), ok), ok);
    return out;
}

template <class F>
BATT_PRIM Ints p_apply_ii(const F& f, const Ints& t, Flag& ok) {
    Ints out = ints_empty();
    for (int k = 0; k < t.n && k < BATT_INTS; k++) ints_push(out, f(t.v[k], ok), ok);
    return out;
}

// Each result must be one run (what `repeat` of an integer gives).
template <class F>
BATT_PRIM RunsTuple p_apply_iu(const F& f, const Ints& t, Flag& ok) {
    RunsTuple out = runstuple_empty();
    for (int k = 0; k < t.n && k < BATT_INTS; k++) {
        const Runs r = f(t.v[k], ok);
        if (r.k > 1) ok.full();
        out.r.v[k] = r.k == 1 ? r.v[0] : 0;
        out.r.n[k] = r.k == 1 ? r.n[0] : 0;
        out.r.k = k + 1;
    }
    return out;
}

template <class F>
BATT_PRIM Grid p_apply_ig(const F& f, const Ints& t, Flag& ok) {
    if (t.n <= 0) return grid_empty();
    if (t.n > BATT_N) { ok.full(); return grid_empty(); }
    Grid g = grid_filled(0, 0, 0);
    g.h = t.n;
    bool fits = true;
    for (int k = 0; k < t.n; k++) fits &= grid_put_row(g, k, f(t.v[k], ok), ok);
    return fits ? g : grid_empty();
}

template <class F>
BATT_PRIM Grids p_apply_gg(const F& f, const Grids& t, Flag& ok) {
    Grids out = grids_empty();
    for (int k = 0; k < t.n && k < BATT_GRIDS; k++) grids_push(out, f(grids_get(t, k), ok), ok);
    return out;
}

template <class F>
BATT_PRIM Ints p_apply_gi(const F& f, const Grids& t, Flag& ok) {
    Ints out = ints_empty();
    for (int k = 0; k < t.n && k < BATT_GRIDS; k++) ints_push(out, f(grids_get(t, k), ok), ok);
    return out;
}

template <class F>
BATT_PRIM Colours p_apply_cc(const F& f, const Colours& s, Flag& ok) {
    Colours out{0u};
    for (int c = 0; c < BATT_SET_INTS; c++)
        if ((s.m >> c) & 1u) apply_colour(out, f((i64)c, ok), ok);
    return out;
}

template <class F>
BATT_PRIM Indices p_apply_pp(const F& f, const Indices& s, Flag& ok) {
    Indices out = indices_empty();
    for (int i = 0; i < BATT_N; i++)
        for (int j = 0; j < BATT_N; j++)
            if ((s.r[i] >> j) & 1u) {
                Pair q = f(Pair{i, j}, ok);
                idx_add(out, q.a, q.b, ok);
            }
    return out;
}

template <class F>
BATT_PRIM Colours p_apply_pc(const F& f, const Indices& s, Flag& ok) {
    Colours out{0u};
    for (int i = 0; i < BATT_N; i++)
        for (int j = 0; j < BATT_N; j++)
            if ((s.r[i] >> j) & 1u) apply_colour(out, f(Pair{i, j}, ok), ok);
    return out;
}

template <class F>
BATT_PRIM Patches p_apply_os(const F& f, const Objects& x, Flag& ok) {
    Patches out = patches_empty();
    for (int k = 1; k <= x.n; k++) patches_add(out, f(objs_get(x, k), ok), ok);
    return out;
}

template <class F>
BATT_PRIM Indices p_apply_op(const F& f, const Objects& x, Flag& ok) {
    Indices out = indices_empty();
    for (int k = 1; k <= x.n; k++) {
        Pair q = f(objs_get(x, k), ok);
        idx_add(out, q.a, q.b, ok);
    }
    return out;
}

template <class F>
BATT_PRIM Patches p_apply_ps(const F& f, const Indices& s, Flag& ok) {
    Patches out = patches_empty();
    for (int i = 0; i < BATT_N; i++)
        for (int j = 0; j < BATT_N; j++)
            if ((s.r[i] >> j) & 1u) patches_add(out, f(Pair{i, j}, ok), ok);
    return out;
}

template <class F>
BATT_PRIM Patches p_apply_ss(const F& f, const Patches& x, Flag& ok) {
    Patches out = patches_empty();
    for (int k = 0; k < x.n && k < BATT_PATCHES; k++) patches_add(out, f(x.s[k], ok), ok);
    return out;
}

template <class F>
BATT_PRIM Indices p_apply_sp(const F& f, const Patches& x, Flag& ok) {
    Indices out = indices_empty();
    for (int k = 0; k < x.n && k < BATT_PATCHES; k++) {
        Pair q = f(x.s[k], ok);
        idx_add(out, q.a, q.b, ok);
    }
    return out;
}

template <class F>
BATT_PRIM Colours p_apply_sc(const F& f, const Patches& x, Flag& ok) {
    Colours out{0u};
    for (int k = 0; k < x.n && k < BATT_PATCHES; k++) apply_colour(out, f(x.s[k], ok), ok);
    return out;
}

template <class F>
BATT_PRIM Object p_apply_ee(const F& f, const Object& o, Flag& ok) {
    Object out = object_empty();
    obj_each_cell(o, [&](const Cell& c) {
        Cell d = f(c, ok);
        obj_add(out, d.c, d.ij.a, d.ij.b, ok);
        return true;
    });
    return out;
}

// The results must be disjoint and non-empty, as any set of objects.
template <class F>
BATT_PRIM Objects p_apply_eo(const F& f, const Object& o, Flag& ok) {
    Objects out = objects_empty();
    obj_each_cell(o, [&](const Cell& c) {
        insert_add(out, f(c, ok), ok);
        return true;
    });
    objs_canonical(out);
    return out;
}

template <class F>
BATT_PRIM Colours p_apply_ec(const F& f, const Object& o, Flag& ok) {
    Colours out{0u};
    obj_each_cell(o, [&](const Cell& c) {
        apply_colour(out, f(c, ok), ok);
        return true;
    });
    return out;
}

template <class F>
BATT_PRIM Indices p_apply_ep(const F& f, const Object& o, Flag& ok) {
    Indices out = indices_empty();
    obj_each_cell(o, [&](const Cell& c) {
        Pair q = f(c, ok);
        idx_add(out, q.a, q.b, ok);
        return true;
    });
    return out;
}

template <class F>
BATT_PRIM Object p_apply_pe(const F& f, const Indices& s, Flag& ok) {
    Object out = object_empty();
    for (int i = 0; i < BATT_N; i++)
        for (int j = 0; j < BATT_N; j++)
            if ((s.r[i] >> j) & 1u) {
                Cell c = f(Pair{i, j}, ok);
                obj_add(out, c.c, c.ij.a, c.ij.b, ok);
            }
    return out;
}

template <class F>
BATT_PRIM Grid p_apply_rg(const F& f, const Grid& g, Flag& ok) {
    if (g.h <= 0) return grid_empty();
    Grid r = grid_filled(g.h, 0, 0);
    bool fits = true;
    for (int i = 0; i < g.h; i++) fits &= grid_put_row(r, i, f(grid_row(g, i), ok), ok);
    return fits ? r : grid_empty();
}

template <class F>
BATT_PRIM Ints p_apply_ri(const F& f, const Grid& g, Flag& ok) {
    Ints out = ints_empty();
    for (int i = 0; i < g.h; i++) ints_push(out, f(grid_row(g, i), ok), ok);
    return out;
}

template <class F>
BATT_PRIM Ints p_apply_ti(const F& f, const ObjTuple& t, Flag& ok) {
    Ints out = ints_empty();
    for (int k = 1; k <= t.x.n; k++) ints_push(out, f(objs_get(t.x, k), ok), ok);
    return out;
}

// The results in order; results that repeat or overlap (a tuple no label
// map holds) are left to the CPU.
template <class F>
BATT_PRIM ObjTuple p_apply_tt(const F& f, const ObjTuple& t, Flag& ok) {
    ObjTuple out = objtuple_empty();
    for (int k = 1; k <= t.x.n; k++) {
        Object o = f(objs_get(t.x, k), ok);
        if (insert_find(out.x, o) != 0) ok.full();
        else insert_add(out.x, o, ok);
    }
    return out;
}

// Objects moved or normalized, which may overlap or repeat: every result
// in order (made where the plan's second pass says, see ObjSeq).
template <class F>
BATT_PRIM ObjSeq p_apply_tq(const F& f, const ObjTuple& t, Flag& ok) {
    ObjSeq out = objseq_empty();
    for (int k = 1; k <= t.x.n; k++) objseq_push(out, f(objs_get(t.x, k), ok), ok);
    return out;
}

template <class F>
BATT_PRIM Grids p_apply_tg(const F& f, const ObjTuple& t, Flag& ok) {
    Grids out = grids_empty();
    for (int k = 1; k <= t.x.n; k++) grids_push(out, f(objs_get(t.x, k), ok), ok);
    return out;
}

template <class F>
BATT_PRIM Grids p_apply_igs(const F& f, const Ints& t, Flag& ok) {
    Grids out = grids_empty();
    for (int k = 0; k < t.n && k < BATT_INTS; k++) grids_push(out, f(t.v[k], ok), ok);
    return out;
}

template <class F>
BATT_PRIM Pairs p_apply_ip(const F& f, const Ints& t, Flag& ok) {
    Pairs out = pairs_empty();
    for (int k = 0; k < t.n && k < BATT_INTS; k++) pairs_push(out, f(t.v[k], ok), ok);
    return out;
}

template <class F>
BATT_PRIM Pairs p_apply_tp(const F& f, const ObjTuple& t, Flag& ok) {
    Pairs out = pairs_empty();
    for (int k = 1; k <= t.x.n; k++) pairs_push(out, f(objs_get(t.x, k), ok), ok);
    return out;
}

template <class F>
BATT_PRIM Pairs p_apply_qq(const F& f, const Pairs& t, Flag& ok) {
    Pairs out = pairs_empty();
    for (int k = 0; k < t.n && k < BATT_INTS; k++) pairs_push(out, f(t.v[k], ok), ok);
    return out;
}

template <class F>
BATT_PRIM Ints p_apply_qi(const F& f, const Pairs& t, Flag& ok) {
    Ints out = ints_empty();
    for (int k = 0; k < t.n && k < BATT_INTS; k++) ints_push(out, f(t.v[k], ok), ok);
    return out;
}

// A tuple of index sets, held as the set of them (`unordered`: only where
// the uses ignore order and repeats, see emit_cuda's UNORDERED_SINKS).
template <class F>
BATT_PRIM Patches p_apply_is(const F& f, const Ints& t, Flag& ok) {
    Patches out = patches_empty();
    for (int k = 0; k < t.n && k < BATT_INTS; k++) patches_add(out, f(t.v[k], ok), ok);
    return out;
}

template <class F>
BATT_PRIM Objects p_apply_po(const F& f, const Indices& s, Flag& ok) {
    Objects out = objects_empty();
    for (int i = 0; i < BATT_N; i++)
        for (int j = 0; j < BATT_N; j++)
            if ((s.r[i] >> j) & 1u) insert_add(out, f(Pair{i, j}, ok), ok);
    objs_canonical(out);
    return out;
}

// Unordered too.
template <class F>
BATT_PRIM Patches p_apply_gs(const F& f, const Grids& t, Flag& ok) {
    Patches out = patches_empty();
    for (int k = 0; k < t.n && k < BATT_GRIDS; k++) patches_add(out, f(grids_get(t, k), ok), ok);
    return out;
}

// Every set kept, in order: a tuple (what leastcommon and mostcommon count).
template <class F>
BATT_PRIM PatchSeq p_apply_gsq(const F& f, const Grids& t, Flag& ok) {
    PatchSeq out = patchseq_empty();
#pragma unroll 1
    for (int k = 0; k < t.n && k < BATT_GRIDS; k++) patchbag_append(out.b, f(grids_get(t, k), ok), ok);
    return out;
}

// A tuple of pairs' sets of positions, every one kept in order (for
// `papply`, which pairs them with another tuple's elements).
template <class F>
BATT_PRIM PatchSeq p_apply_qsq(const F& f, const Pairs& t, Flag& ok) {
    PatchSeq out = patchseq_empty();
#pragma unroll 1
    for (int k = 0; k < t.n && k < BATT_INTS; k++) patchbag_append(out.b, f(t.v[k], ok), ok);
    return out;
}

template <class F>
BATT_PRIM Indices p_apply_cp(const F& f, const Colours& s, Flag& ok) {
    Indices out = indices_empty();
    for (int c = 0; c < BATT_SET_INTS; c++)
        if ((s.m >> c) & 1u) {
            Pair q = f((i64)c, ok);
            idx_add(out, q.a, q.b, ok);
        }
    return out;
}

template <class F>
BATT_PRIM Objects p_apply_so(const F& f, const Patches& x, Flag& ok) {
    Objects out = objects_empty();
    for (int k = 0; k < x.n && k < BATT_PATCHES; k++) insert_add(out, f(x.s[k], ok), ok);
    objs_canonical(out);
    return out;
}

// Rows of pairs, each mapped to a row of colours: a grid when they fit one.
template <class F>
BATT_PRIM Grid p_apply_rq(const F& f, const PairRows& t, Flag& ok) {
    if (t.a.h <= 0) return grid_empty();
    Grid g = grid_filled(t.a.h, 0, 0);
    bool fits = true;
#pragma unroll 1
    for (int i = 0; i < t.a.h; i++) {
        Pairs row = pairs_empty();
        row.n = t.a.w;
#pragma unroll 1
        for (int j = 0; j < t.a.w; j++) row.v[j] = Pair{at(t.a, i, j), at(t.b, i, j)};
        fits &= grid_put_row(g, i, f(row, ok), ok);
    }
    return fits ? g : grid_empty();
}

template <class F>
BATT_PRIM Patches p_apply_ws(const F& f, const PosPairs& t, Flag& ok) {
    Patches out = patches_empty();
    for (int k = 0; k < t.n && k < BATT_POSPAIRS; k++) patches_add(out, f(pospairs_get(t, k), ok), ok);
    return out;
}

template <class F>
BATT_PRIM Indices p_apply_wp(const F& f, const PosPairs& t, Flag& ok) {
    Indices out = indices_empty();
    for (int k = 0; k < t.n && k < BATT_POSPAIRS; k++) {
        Pair q = f(pospairs_get(t, k), ok);
        idx_add(out, q.a, q.b, ok);
    }
    return out;
}

// A set of grids, as the CPU orders sets: ascending (row by row, each row
// as a tuple, then by the number of rows), each grid once. Grids of no
// rows (the empty tuple) are left to the CPU.
template <class F>
BATT_PRIM Grids p_apply_og(const F& f, const Objects& x, Flag& ok) {
    Grids all = grids_empty();
    bool fits = true;
    for (int k = 1; k <= x.n; k++) {
        const Grid g = f(objs_get(x, k), ok);
        if (g.h == 0) fits = false;
        else grids_push(all, g, ok);
    }
    if (!fits) { ok.full(); return grids_empty(); }
    Grids out = grids_empty();
    bool taken[BATT_GRIDS];
#pragma unroll 1
    for (int k = 0; k < BATT_GRIDS; k++) taken[k] = false;
    // Selection by the order: n is at most BATT_GRIDS.
#pragma unroll 1
    for (int round = 0; round < all.n; round++) {
        int best = -1;
#pragma unroll 1
        for (int k = 0; k < all.n; k++)
            if (!taken[k] && (best < 0 || grids_cmp_at(all, k, all, best) < 0)) best = k;
        if (best < 0) break;
        taken[best] = true;
        if (out.n == 0 || grids_cmp_at(out, out.n - 1, all, best) != 0) grids_push_at(out, all, best, ok);
    }
    return out;
}

// Over a pair (a tuple of two integers): a pair of the results.
template <class F>
BATT_PRIM Pair p_apply_iip(const F& f, const Pair& p, Flag& ok) {
    const i64 a = f(p.a, ok);
    const i64 b = f(p.b, ok);
    return Pair{a, b};
}

template <class F>
BATT_PRIM Pairs p_apply_ipq(const F& f, const Pair& p, Flag& ok) {
    Pairs out = pairs_empty();
    pairs_push(out, f(p.a, ok), ok);
    pairs_push(out, f(p.b, ok), ok);
    return out;
}

// Over pairs of objects: a set of the results.
template <class F>
BATT_PRIM Patches p_apply_ys(const F& f, const ObjPairs& t, Flag& ok) {
    Patches out = patches_empty();
#pragma unroll 1
    for (int k = 0; k < t.n && k < BATT_OBJPAIRS; k++) patches_add(out, f(objpairs_get(t, k), ok), ok);
    return out;
}

template <class F>
BATT_PRIM Indices p_apply_yp(const F& f, const ObjPairs& t, Flag& ok) {
    Indices out = indices_empty();
#pragma unroll 1
    for (int k = 0; k < t.n && k < BATT_OBJPAIRS; k++) {
        const Pair q = f(objpairs_get(t, k), ok);
        idx_add(out, q.a, q.b, ok);
    }
    return out;
}

// Over a few grids (BATT_OBJLIST; more are left to the CPU), a tuple of
// objects that may overlap.
template <class F>
BATT_PRIM ObjList p_apply_gl(const F& f, const Grids& t, Flag& ok) {
    ObjList out = objlist_empty();
    if (t.n > BATT_OBJLIST) { ok.full(); return out; }
#pragma unroll 1
    for (int k = 0; k < t.n; k++) out.o[k] = f(grids_get(t, k), ok);
    out.n = t.n;
    return out;
}

template <class F>
BATT_PRIM ObjList p_apply_il(const F& f, const Ints& t, Flag& ok) {
    ObjList out = objlist_empty();
    if (t.n > BATT_OBJLIST) { ok.full(); return out; }
#pragma unroll 1
    for (int k = 0; k < t.n; k++) out.o[k] = f(t.v[k], ok);
    out.n = t.n;
    return out;
}

template <class F>
BATT_PRIM ObjList p_apply_ql(const F& f, const Pairs& t, Flag& ok) {
    ObjList out = objlist_empty();
    if (t.n > BATT_OBJLIST) { ok.full(); return out; }
#pragma unroll 1
    for (int k = 0; k < t.n; k++) out.o[k] = f(t.v[k], ok);
    out.n = t.n;
    return out;
}

// Rows from (row, integer) pairs: a grid when they share a width and hold
// colours (left to the CPU otherwise).
template <class F>
BATT_PRIM Grid p_apply_jr(const F& f, const RowInts& t, Flag& ok) {
    if (t.n <= 0) return grid_empty();
    Grid g = grid_filled(t.n < BATT_N ? t.n : BATT_N, 0, 0);
    bool fits = true;
#pragma unroll 1
    for (int k = 0; k < t.n && k < BATT_N; k++) {
        RowInt e;
        e.row = grid_row(t.g, k);
        e.v = t.v.v[k];
        fits &= grid_put_row(g, k, f(e, ok), ok);
    }
    return fits ? g : grid_empty();
}

// Offsets moved or scaled: a set again (equal results kept once).
template <class F>
BATT_PRIM Offsets p_apply_ff(const F& f, const Offsets& t, Flag& ok) {
    Offsets out = offsets_empty();
    for (int k = 0; k < t.n && k < BATT_OFFSETS; k++) offsets_add(out, f(t.v[k], ok), ok);
    return out;
}

// Positions moved or scaled past the frame's edge (`decrement` of a
// doubled position, a corner moved up): offsets, equal results kept once.
// Made where the plan's second pass says (`moves_positions`).
template <class F>
BATT_PRIM Offsets p_apply_pf(const F& f, const Indices& s, Flag& ok) {
    Offsets out = offsets_empty();
#pragma unroll 1
    for (int q = cells_next(s.r, 0); q < BATT_CELLS; q = cells_next(s.r, q + 1)) {
        offsets_add(out, f(Pair{q / BATT_N, q % BATT_N}, ok), ok);
        if (ok.cap) return out;
    }
    return out;
}

// A patch moved to each offset.
template <class F>
BATT_PRIM Patches p_apply_fs(const F& f, const Offsets& t, Flag& ok) {
    Patches out = patches_empty();
    for (int k = 0; k < t.n && k < BATT_OFFSETS; k++) patches_add(out, f(t.v[k], ok), ok);
    return out;
}

// Objects moved, normalized or grown, which may overlap: a bag of them
// (each result as it comes, an equal one again), where every use reads
// them one by one and paints their union (see ObjBag).
template <class F>
BATT_PRIM ObjBag p_apply_ob(const F& f, const Objects& x, Flag& ok) {
    ObjBag out = objbag_empty();
    for (int k = 1; k <= x.n; k++) objbag_push(out, f(objs_get(x, k), ok), ok);
    return out;
}

// A patch placed at each position (`lbind(shift, patch)`), where copies
// may overlap: a bag of them (see ObjBag).
template <class F>
BATT_PRIM ObjBag p_apply_pb(const F& f, const Indices& s, Flag& ok) {
    ObjBag out = objbag_empty();
#pragma unroll 1
    for (int p = cells_next(s.r, 0); p < BATT_CELLS; p = cells_next(s.r, p + 1))
        objbag_push(out, f(Pair{p / BATT_N, p % BATT_N}, ok), ok);
    return out;
}

// The cells of a grid at each patch (`rbind(toobject, grid)`), where
// patches, and so objects, may overlap: a bag of them (see ObjBag).
template <class F>
BATT_PRIM ObjBag p_apply_sb(const F& f, const Patches& x, Flag& ok) {
    ObjBag out = objbag_empty();
    for (int k = 0; k < x.n && k < BATT_PATCHES; k++) objbag_push(out, f(x.s[k], ok), ok);
    return out;
}

// A set of positions made of each position (`initset`), more than a set
// of patches holds: a bag of them (see PatchBag), made where the plan's
// second pass says.
template <class F>
BATT_PRIM PatchBag p_apply_pk(const F& f, const Indices& s, Flag& ok) {
    PatchBag out = patchbag_empty();
#pragma unroll 1
    for (int p = cells_next(s.r, 0); p < BATT_CELLS; p = cells_next(s.r, p + 1))
        patchbag_push(out, f(Pair{p / BATT_N, p % BATT_N}, ok), ok);
    return out;
}

// Lines between the positions of each pair (`connect`), more than a set
// of patches holds: a bag of them (see PatchBag), made where the plan's
// second pass says.
template <class F>
BATT_PRIM PatchBag p_apply_wk(const F& f, const PosPairs& t, Flag& ok) {
    PatchBag out = patchbag_empty();
#pragma unroll 1
    for (int k = 0; k < t.n && k < BATT_POSPAIRS; k++) patchbag_push(out, f(pospairs_get(t, k), ok), ok);
    return out;
}

// A patch moved by each offset, off the frame: a set of sets of offsets.
template <class F>
BATT_PRIM OffsetsSet p_apply_fz(const F& f, const Offsets& t, Flag& ok) {
    OffsetsSet out = offsetsset_empty();
    for (int k = 0; k < t.n && k < BATT_OFFSETS; k++) offsetsset_add(out, f(t.v[k], ok), ok);
    return out;
}

// Over a tuple of two sets of frontiers: the pair of the results.
template <class F>
BATT_PRIM Pair p_apply_fp(const F& f, const FrontiersPair& t, Flag& ok) {
    const i64 a = f(t.a, ok);
    const i64 b = f(t.b, ok);
    return Pair{a, b};
}

// The outlines of objects, as rectangles anywhere (each once).
template <class F>
BATT_PRIM Rects p_apply_or(const F& f, const Objects& x, Flag& ok) {
    Rects out = rects_empty();
    for (int k = 1; k <= x.n && k <= BATT_CELLS; k++) rects_add(out, f(objs_get(x, k), ok), ok);
    return out;
}

// A position of each outline (a corner), anywhere.
template <class F>
BATT_PRIM Offsets p_apply_rp(const F& f, const Rects& t, Flag& ok) {
    Offsets out = offsets_empty();
    for (int k = 0; k < t.n && k < BATT_RECTS; k++) offsets_add(out, f(t.v[k], ok), ok);
    return out;
}

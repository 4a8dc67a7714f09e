// leastcommon: the least frequent element of a tuple; ties go to the
// smallest element (batt's canonical order). An empty tuple is an error.
// sig: leastcommon(Ints) -> Int
// sig: leastcommon(ObjTuple) -> Object
// sig: leastcommon(Patches) -> Indices
// sig: leastcommon(Grids) -> Grid
// sig: leastcommon(ObjSeq) -> Object
// sig: leastcommon(PatchSeq) -> Indices
// needs: mostcommon, greater

BATT_PRIM i64 p_leastcommon(const Ints& t, Flag& ok) { return mostcommon_pick(t, false, ok); }

BATT_PRIM Object p_leastcommon(const ObjSeq& t, Flag& ok) { return mostcommon_pick(t, false, ok); }

BATT_PRIM Indices p_leastcommon(const PatchSeq& t, Flag& ok) { return mostcommon_pick(t, false, ok); }

// The members of a tuple of disjoint objects are distinct: all tie, and
// the smallest (the first in canonical order) is the least common.
BATT_PRIM Object p_leastcommon(const ObjTuple& t, Flag& ok) {
    if (t.x.n <= 0) { ok = false; return object_empty(); }
    Objects x = t.x;
    objs_canonical(x);
    return objs_get(x, 1);
}

// A frozenset has no count: an error, as for batt.
BATT_PRIM Indices p_leastcommon(const Patches& x, Flag& ok) {
    (void)x;
    ok = false;
    return indices_empty();
}

// The least frequent grid of a tuple; ties go to the smallest grid under
// Python's comparison of their rows (batt's canonical order).
BATT_PRIM Grid p_leastcommon(const Grids& t, Flag& ok) {
    if (t.n <= 0) { ok = false; return grid_empty(); }
    int best = -1, best_count = 0;
#pragma unroll 1
    for (int k = 0; k < t.n && k < BATT_GRIDS; k++) {
        Grid g = grids_get(t, k);
        int count = 0;
#pragma unroll 1
        for (int m = 0; m < t.n && m < BATT_GRIDS; m++) count += grids_eq_at(t, m, g) ? 1 : 0;
        bool better = best < 0 || count < best_count ||
                      (count == best_count && greater_cmp_grid(g, grids_get(t, best)) < 0);
        if (better) { best = k; best_count = count; }
    }
    return grids_get(t, best);
}

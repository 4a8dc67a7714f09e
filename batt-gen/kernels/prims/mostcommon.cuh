// mostcommon: the most frequent element of a tuple; ties go to the
// smallest element (batt's canonical order). An empty tuple is an error.
// The mostcommon_pick helper serves leastcommon too.
// sig: mostcommon(Ints) -> Int
// sig: mostcommon(ObjSeq) -> Object
// sig: mostcommon(PatchSeq) -> Indices

BATT_DEVICE i64 mostcommon_pick(const Ints& t, bool most, Flag& ok) {
    if (t.n <= 0) { ok = false; return 0; }
    int n = t.n < BATT_INTS ? t.n : BATT_INTS;
    i64 best = 0;
    int best_count = -1;
    for (int k = 0; k < n; k++) {
        int count = 0;
        for (int m = 0; m < n; m++)
            if (t.v[m] == t.v[k]) count++;
        bool better = best_count < 0 || (most ? count > best_count : count < best_count) ||
                      (count == best_count && t.v[k] < best);
        if (better) { best = t.v[k]; best_count = count; }
    }
    return best;
}

BATT_PRIM i64 p_mostcommon(const Ints& t, Flag& ok) { return mostcommon_pick(t, true, ok); }

// Of a tuple of objects: counted by equality of their cells, ties to the
// smallest in batt's order of objects.
BATT_DEVICE Object mostcommon_pick(const ObjSeq& t, bool most, Flag& ok) {
    const ObjBag& b = t.b;
    if (b.n <= 0) { ok = false; return object_empty(); }
    int best = -1, best_count = 0;
#pragma unroll 1
    for (int k = 0; k < b.n && k < BATT_BAG_OBJS; k++) {
        int count = 0;
#pragma unroll 1
        for (int m = 0; m < b.n && m < BATT_BAG_OBJS; m++) count += objbag_same(b, k, m) ? 1 : 0;
        const bool better = best < 0 || (most ? count > best_count : count < best_count) ||
                            (count == best_count && objbag_cmp(b, k, best) < 0);
        if (better) { best = k; best_count = count; }
    }
    return objbag_get(b, best);
}

BATT_PRIM Object p_mostcommon(const ObjSeq& t, Flag& ok) { return mostcommon_pick(t, true, ok); }

// Of a tuple of sets of positions: counted by equality, ties to the
// smallest in batt's order of sets.
BATT_DEVICE Indices mostcommon_pick(const PatchSeq& t, bool most, Flag& ok) {
    const PatchBag& b = t.b;
    if (b.n <= 0) { ok = false; return indices_empty(); }
    int best = -1, best_count = 0;
    Indices best_set = indices_empty();
#pragma unroll 1
    for (int k = 0; k < b.n && k < BATT_PBAG_PATCHES; k++) {
        int count = 0;
#pragma unroll 1
        for (int m = 0; m < b.n && m < BATT_PBAG_PATCHES; m++) count += patchbag_same(b, k, m) ? 1 : 0;
        const Indices s = patchbag_get(b, k);
        const bool better = best < 0 || (most ? count > best_count : count < best_count) ||
                            (count == best_count && idx_cmp(s, best_set) < 0);
        if (better) { best = k; best_count = count; best_set = s; }
    }
    return best_set;
}

BATT_PRIM Indices p_mostcommon(const PatchSeq& t, Flag& ok) { return mostcommon_pick(t, true, ok); }

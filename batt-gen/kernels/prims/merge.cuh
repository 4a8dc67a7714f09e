// merge: the elements of the inner containers in one container of the
// outer kind. A set of objects merges into one object (members are
// disjoint); a tuple of grids into the tuple of all their rows, which is a
// grid when the non-empty ones share a width. Rows of several widths (a
// tuple no grid holds) or more than 30 rows are left to the CPU; batt
// never errs here.
// sig: merge(Objects) -> Object
// sig: merge(Grids) -> Grid
// sig: merge(Patches) -> Indices
// sig: merge(ObjTuple) -> Object unordered
// sig: merge(RunsTuple) -> Runs
// sig: merge(ObjBag) -> Object painted
// sig: merge(PatchBag) -> Indices
// sig: merge(Frontiers) -> Object

BATT_PRIM Object p_merge(const Objects& x, Flag& ok) {
    (void)ok;
    Object o = object_empty();
    for (int p = 0; p < BATT_CELLS; p++)
        if (x.lab[p] != 0) {
            o.r[p / BATT_N] |= 1u << (p % BATT_N);
            o.c[p] = x.c[p];
        }
    return o;
}

BATT_PRIM Grid p_merge(const Grids& t, Flag& ok) {
    int h = 0, w = -1;
    for (int k = 0; k < t.n && k < BATT_GRIDS; k++) {
        const Grid g = grids_get(t, k);
        if (g.h == 0) continue;
        if (w >= 0 && g.w != w) { ok.full(); return grid_empty(); }
        w = g.w;
        h += g.h;
    }
    if (h == 0) return grid_empty();
    if (h > BATT_N) { ok.full(); return grid_empty(); }
    Grid r = grid_filled(h, w, 0);
    int at_row = 0;
    for (int k = 0; k < t.n && k < BATT_GRIDS; k++) {
        const Grid g = grids_get(t, k);
        for (int i = 0; i < g.h; i++) {
            for (int j = 0; j < w; j++) r.c[(at_row + i) * BATT_N + j] = at(g, i, j);
        }
        at_row += g.h;
    }
    return r;
}

BATT_PRIM Indices p_merge(const Patches& x, Flag& ok) {
    (void)ok;
    Indices r = indices_empty();
    for (int k = 0; k < x.n && k < BATT_PATCHES; k++) idx_union(r, x.s[k]);
    return r;
}

// A tuple of objects merges into the tuple of their cells: held as the set
// of them (`unordered`).
BATT_PRIM Object p_merge(const ObjTuple& t, Flag& ok) { return p_merge(t.x, ok); }

// A tuple of runs joined in order is the runs themselves.
BATT_PRIM Runs p_merge(const RunsTuple& t, Flag& ok) { return t.r; }

// A bag's sets united (see PatchBag).
BATT_PRIM Indices p_merge(const PatchBag& t, Flag& ok) {
    (void)ok;
    Indices r = indices_empty();
#pragma unroll 1
    for (int q = 0; q < t.start[t.n] && q < BATT_PBAG_CELLS; q++) r.r[t.pos[q] / BATT_N] |= 1u << (t.pos[q] % BATT_N);
    return r;
}

// A bag's objects united, painted (see ObjBag).
BATT_PRIM Object p_merge(const ObjBag& t, Flag& ok) {
    Object acc = object_empty();
    for (int k = 0; k < t.n && k < BATT_BAG_OBJS; k++) mapply_union(acc, objbag_get(t, k), ok, true);
    return acc;
}

// The union of frontiers: where a row and a column cross, the cell has
// both their colours, so the union is one object.
BATT_PRIM Object p_merge(const Frontiers& f, Flag& ok) {
    (void)ok;
    Object o = object_empty();
    for (int k = 0; k < 2 * BATT_N; k++)
        if (frontiers_has(f, k)) {
            const Object e = frontiers_get(f, k);
            for (int i = 0; i < BATT_N; i++) {
                o.r[i] |= e.r[i];
                for (int j = 0; j < BATT_N; j++)
                    if ((e.r[i] >> j) & 1u) o.c[i * BATT_N + j] = e.c[i * BATT_N + j];
            }
        }
    return o;
}

// dedupe: the first occurrence of each element of a tuple, in order (a
// grid's distinct rows).
// sig: dedupe(Ints) -> Ints
// sig: dedupe(Grids) -> Grids
// sig: dedupe(Grid) -> Grid
// sig: dedupe(ObjTuple) -> ObjTuple

BATT_PRIM Ints p_dedupe(const Ints& t, Flag& ok) {
    Ints r = ints_empty();
    for (int k = 0; k < t.n && k < BATT_INTS; k++) {
        bool seen = false;
        for (int m = 0; m < r.n; m++)
            if (r.v[m] == t.v[k]) seen = true;
        if (!seen) ints_push(r, t.v[k], ok);
    }
    return r;
}

BATT_PRIM Grids p_dedupe(const Grids& t, Flag& ok) {
    Grids r = grids_empty();
    for (int k = 0; k < t.n && k < BATT_GRIDS; k++) {
        const Grid g = grids_get(t, k);
        bool seen = false;
        for (int m = 0; m < r.n; m++)
            if (grids_eq_at(r, m, g)) seen = true;
        if (!seen) grids_push_at(r, t, k, ok);
    }
    return r;
}

BATT_PRIM Grid p_dedupe(const Grid& g, Flag& ok) {
    (void)ok;
    Grid r = grid_filled(0, g.w, 0);
    if (g.h <= 0) return grid_empty();
    for (int i = 0; i < g.h; i++) {
        bool seen = false;
        for (int m = 0; m < r.h && !seen; m++) {
            bool same = true;
            for (int j = 0; j < g.w; j++)
                if (at(r, m, j) != at(g, i, j)) same = false;
            seen = same;
        }
        if (!seen) {
            for (int j = 0; j < g.w; j++) r.c[r.h * BATT_N + j] = at(g, i, j);
            r.h++;
        }
    }
    return r;
}

// Members are disjoint and non-empty: no two are equal.
BATT_PRIM ObjTuple p_dedupe(const ObjTuple& t, Flag& ok) {
    (void)ok;
    return t;
}

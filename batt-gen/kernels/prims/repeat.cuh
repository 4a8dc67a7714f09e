// repeat: a tuple of n copies of a grid (none when n <= 0; more than Grids
// holds are left to the CPU); of a tuple of integers, the grid of n such
// rows when they fit one; of an integer, one run of n copies (counts
// over 65,536 are left to the CPU, whose budget decides them).
// sig: repeat(Grid, Int) -> Grids
// sig: repeat(Ints, Int) -> Grid
// sig: repeat(Int, Int) -> Runs
// sig: repeat(Object, Int) -> ObjTuple
// needs: insert
BATT_PRIM Grids p_repeat(const Grid& g, i64 n, Flag& ok) {
    Grids out = grids_empty();
    if (n > BATT_GRIDS) { ok.full(); return out; }
    for (i64 k = 0; k < n; k++) grids_push(out, g, ok);
    return out;
}

BATT_PRIM Grid p_repeat(const Ints& row, i64 n, Flag& ok) {
    if (n <= 0) return grid_empty();
    if (n > BATT_N || row.n <= 0 || row.n > BATT_N) { ok.full(); return grid_empty(); }
    Grid g = grid_filled((int)n, row.n, 0);
    for (int j = 0; j < row.n; j++) {
        if (!colour_ok(row.v[j])) { ok.full(); return grid_empty(); }
        for (int i = 0; i < n; i++) g.c[i * BATT_N + j] = (u8)row.v[j];
    }
    return g;
}

BATT_PRIM Runs p_repeat(i64 x, i64 n, Flag& ok) {
    Runs r = runs_empty();
    if (n > 65536) { ok.full(); return r; }
    r.k = 1;
    r.v[0] = x;
    r.n[0] = n > 0 ? n : 0;
    return r;
}

// Of an object, a tuple of it alone (two copies overlap, which no tuple
// of objects holds: left to the CPU, as is the empty object).
BATT_PRIM ObjTuple p_repeat(const Object& o, i64 n, Flag& ok) {
    ObjTuple t = objtuple_empty();
    if (n <= 0) return t;
    if (n > 1) { ok.full(); return t; }
    insert_add(t.x, o, ok);
    return t;
}

// last: the last element (a set's largest: objects canonically, indices
// by (i, j); a grid's bottom row); an empty container is an error.
// sig: last(Objects) -> Object
// sig: last(Colours) -> Int
// sig: last(Ints) -> Int
// sig: last(Grids) -> Grid
// sig: last(Indices) -> Pair
// sig: last(Pair) -> Int
// sig: last(Grid) -> Ints
// sig: last(Patches) -> Indices
// sig: last(Object) -> Cell
// sig: last(Cell) -> Pair
// sig: last(ObjTuple) -> Object
// sig: last(Pairs) -> Pair
// sig: last(PairPair) -> Pair
// sig: last(ObjPair) -> Object
// sig: last(ObjList) -> Object
// sig: last(ObjSeq) -> Object
// sig: last(GridInt) -> Int
// sig: last(ObjInt) -> Int
// sig: last(RowInt) -> Int

BATT_PRIM Object p_last(const Objects& x, Flag& ok) {
    if (x.n <= 0) { ok = false; return object_empty(); }
    return objs_get(x, x.n);
}

BATT_PRIM i64 p_last(const Colours& s, Flag& ok) {
    for (int c = BATT_SET_INTS - 1; c >= 0; c--)
        if ((s.m >> c) & 1u) return c;
    ok = false;
    return 0;
}

BATT_PRIM i64 p_last(const Ints& t, Flag& ok) {
    if (t.n <= 0 || t.n > BATT_INTS) { ok = false; return 0; }
    return t.v[t.n - 1];
}

BATT_PRIM Grid p_last(const Grids& t, Flag& ok) {
    if (t.n <= 0 || t.n > BATT_GRIDS) { ok = false; return grid_empty(); }
    return grids_get(t, t.n - 1);
}

BATT_PRIM Pair p_last(const Indices& s, Flag& ok) {
    for (int i = BATT_N - 1; i >= 0; i--)
        for (int j = BATT_N - 1; j >= 0; j--)
            if ((s.r[i] >> j) & 1u) return Pair{i, j};
    ok = false;
    return Pair{0, 0};
}

BATT_PRIM i64 p_last(const Pair& q, Flag& ok) {
    (void)ok;
    return q.b;
}

BATT_PRIM Ints p_last(const Grid& g, Flag& ok) {
    if (g.h <= 0 || g.h > BATT_N) { ok = false; return ints_empty(); }
    return grid_row(g, g.h - 1);
}

BATT_PRIM Indices p_last(const Patches& x, Flag& ok) {
    if (x.n <= 0) { ok = false; return indices_empty(); }
    return x.s[x.n - 1];
}

BATT_PRIM Cell p_last(const Object& o, Flag& ok) {
    Cell r{0, Pair{0, 0}};
    if (!obj_end_cell(o, true, r)) ok = false;
    return r;
}

BATT_PRIM Pair p_last(const Cell& c, Flag& ok) {
    (void)ok;
    return c.ij;
}

BATT_PRIM Object p_last(const ObjTuple& t, Flag& ok) { return p_last(t.x, ok); }

BATT_PRIM Pair p_last(const Pairs& t, Flag& ok) {
    if (t.n <= 0) { ok = false; return Pair{0, 0}; }
    return t.v[t.n - 1];
}

BATT_PRIM Pair p_last(const PairPair& x, Flag& ok) {
    (void)ok;
    return x.b;
}

BATT_PRIM Object p_last(const ObjPair& x, Flag& ok) {
    (void)ok;
    return x.b;
}

BATT_PRIM Object p_last(const ObjList& t, Flag& ok) {
    if (t.n <= 0) { ok = false; return object_empty(); }
    return t.o[t.n - 1];
}

BATT_PRIM Object p_last(const ObjSeq& t, Flag& ok) {
    if (t.b.n <= 0) { ok = false; return object_empty(); }
    return objbag_get(t.b, t.b.n - 1);
}

BATT_PRIM i64 p_last(const GridInt& x, Flag& ok) { (void)ok; return x.v; }
BATT_PRIM i64 p_last(const ObjInt& x, Flag& ok) { (void)ok; return x.v; }
BATT_PRIM i64 p_last(const RowInt& x, Flag& ok) { (void)ok; return x.v; }

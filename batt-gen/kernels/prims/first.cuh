// first: the first element (a set's smallest: objects canonically, indices
// by (i, j); a grid's top row); an empty container is an error.
// sig: first(Objects) -> Object
// sig: first(Colours) -> Int
// sig: first(Ints) -> Int
// sig: first(Grids) -> Grid
// sig: first(Indices) -> Pair
// sig: first(Pair) -> Int
// sig: first(Grid) -> Ints
// sig: first(Patches) -> Indices
// sig: first(Object) -> Cell
// sig: first(Cell) -> Int
// sig: first(ObjTuple) -> Object
// sig: first(Pairs) -> Pair
// sig: first(PairPair) -> Pair
// sig: first(ObjPair) -> Object
// sig: first(ObjList) -> Object
// sig: first(ObjSeq) -> Object
// sig: first(GridInt) -> Grid
// sig: first(ObjInt) -> Object
// sig: first(RowInt) -> Ints

BATT_PRIM Object p_first(const Objects& x, Flag& ok) {
    if (x.n <= 0) { ok = false; return object_empty(); }
    return objs_get(x, 1);
}

BATT_PRIM i64 p_first(const Colours& s, Flag& ok) {
    for (int c = 0; c < BATT_SET_INTS; c++)
        if ((s.m >> c) & 1u) return c;
    ok = false;
    return 0;
}

BATT_PRIM i64 p_first(const Ints& t, Flag& ok) {
    if (t.n <= 0) { ok = false; return 0; }
    return t.v[0];
}

BATT_PRIM Grid p_first(const Grids& t, Flag& ok) {
    if (t.n <= 0) { ok = false; return grid_empty(); }
    return grids_get(t, 0);
}

BATT_PRIM Pair p_first(const Indices& s, Flag& ok) {
    for (int i = 0; i < BATT_N; i++)
        for (int j = 0; j < BATT_N; j++)
            if ((s.r[i] >> j) & 1u) return Pair{i, j};
    ok = false;
    return Pair{0, 0};
}

BATT_PRIM i64 p_first(const Pair& q, Flag& ok) {
    (void)ok;
    return q.a;
}

BATT_PRIM Ints p_first(const Grid& g, Flag& ok) {
    if (g.h <= 0) { ok = false; return ints_empty(); }
    return grid_row(g, 0);
}

BATT_PRIM Indices p_first(const Patches& x, Flag& ok) {
    if (x.n <= 0) { ok = false; return indices_empty(); }
    return x.s[0];
}

BATT_PRIM Cell p_first(const Object& o, Flag& ok) {
    Cell r{0, Pair{0, 0}};
    if (!obj_end_cell(o, false, r)) ok = false;
    return r;
}

BATT_PRIM i64 p_first(const Cell& c, Flag& ok) {
    (void)ok;
    return c.c;
}

BATT_PRIM Object p_first(const ObjTuple& t, Flag& ok) { return p_first(t.x, ok); }

BATT_PRIM Pair p_first(const Pairs& t, Flag& ok) {
    if (t.n <= 0) { ok = false; return Pair{0, 0}; }
    return t.v[0];
}

BATT_PRIM Pair p_first(const PairPair& x, Flag& ok) {
    (void)ok;
    return x.a;
}

BATT_PRIM Object p_first(const ObjPair& x, Flag& ok) {
    (void)ok;
    return x.a;
}

BATT_PRIM Object p_first(const ObjList& t, Flag& ok) {
    if (t.n <= 0) { ok = false; return object_empty(); }
    return t.o[0];
}

BATT_PRIM Object p_first(const ObjSeq& t, Flag& ok) {
    if (t.b.n <= 0) { ok = false; return object_empty(); }
    return objbag_get(t.b, 0);
}

BATT_PRIM Grid p_first(const GridInt& x, Flag& ok) { (void)ok; return x.g; }
BATT_PRIM Object p_first(const ObjInt& x, Flag& ok) { (void)ok; return x.o; }
BATT_PRIM Ints p_first(const RowInt& x, Flag& ok) { (void)ok; return x.row; }

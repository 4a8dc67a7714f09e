// size: the number of elements (a grid's rows, a pair's two numbers).
// sig: size(Objects) -> Int
// sig: size(Colours) -> Int
// sig: size(Ints) -> Int
// sig: size(Grids) -> Int
// sig: size(Indices) -> Int
// sig: size(Object) -> Int
// sig: size(Grid) -> Int
// sig: size(Pair) -> Int
// sig: size(Patches) -> Int
// sig: size(Cell) -> Int
// sig: size(ObjTuple) -> Int
// sig: size(Pairs) -> Int
// sig: size(PosPairs) -> Int
// sig: size(Offsets) -> Int
// sig: size(Runs) -> Int
// sig: size(RunsTuple) -> Int
// sig: size(Frontiers) -> Int
// sig: size(ObjSeq) -> Int

BATT_PRIM i64 p_size(const Objects& x, Flag& ok) {
    (void)ok;
    return x.n;
}

BATT_PRIM i64 p_size(const Colours& s, Flag& ok) {
    (void)ok;
    return popcount64(s.m);
}

BATT_PRIM i64 p_size(const Ints& t, Flag& ok) {
    (void)ok;
    return t.n;
}

BATT_PRIM i64 p_size(const Grids& t, Flag& ok) {
    (void)ok;
    return t.n;
}

BATT_PRIM i64 p_size(const Indices& s, Flag& ok) {
    (void)ok;
    return idx_size(s);
}

BATT_PRIM i64 p_size(const Object& o, Flag& ok) {
    (void)ok;
    return obj_size(o);
}

BATT_PRIM i64 p_size(const Grid& g, Flag& ok) {
    (void)ok;
    return g.h;
}

BATT_PRIM i64 p_size(const Pair& q, Flag& ok) {
    (void)ok;
    (void)q;
    return 2;
}

BATT_PRIM i64 p_size(const Patches& x, Flag& ok) {
    (void)ok;
    return x.n;
}

BATT_PRIM i64 p_size(const Cell& c, Flag& ok) {
    (void)ok;
    (void)c;
    return 2;
}

BATT_PRIM i64 p_size(const ObjTuple& t, Flag& ok) { return p_size(t.x, ok); }

BATT_PRIM i64 p_size(const Pairs& t, Flag& ok) {
    (void)ok;
    return t.n;
}

BATT_PRIM i64 p_size(const PosPairs& t, Flag& ok) {
    (void)ok;
    return t.n;
}

BATT_PRIM i64 p_size(const Offsets& t, Flag& ok) {
    (void)ok;
    return t.n;
}

BATT_PRIM i64 p_size(const Runs& r, Flag& ok) {
    i64 n = 0;
    for (int k = 0; k < r.k && k < BATT_INTS; k++) n += r.n[k];
    return n;
}

BATT_PRIM i64 p_size(const RunsTuple& t, Flag& ok) { return t.r.k; }

BATT_PRIM i64 p_size(const Frontiers& f, Flag& ok) {
    (void)ok;
    return popcount32(f.rows) + popcount32(f.cols);
}

BATT_PRIM i64 p_size(const ObjSeq& t, Flag& ok) { (void)ok; return t.b.n; }

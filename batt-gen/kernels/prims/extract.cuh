// extract: the first element (in iteration order) satisfying the
// condition; none is an error.
// sig: extract(Objects, Fn[Object -> Bool]) -> Object
// sig: extract(Grids, Fn[Grid -> Bool]) -> Grid
// sig: extract(Ints, Fn[Int -> Bool]) -> Int
// sig: extract(Colours, Fn[Int -> Bool]) -> Int
// sig: extract(Indices, Fn[Pair -> Bool]) -> Pair
// sig: extract(Patches, Fn[Indices -> Bool]) -> Indices
// sig: extract(ObjTuple, Fn[Object -> Bool]) -> Object
// sig: extract(Object, Fn[Cell -> Bool]) -> Cell
// sig: extract(GridInts, Fn[GridInt -> Bool]) -> GridInt

template <class F>
BATT_PRIM Object p_extract(const Objects& x, const F& f, Flag& ok) {
    for (int k = 1; k <= x.n; k++) {
        Object o = objs_get(x, k);
        if (f(o, ok)) return o;
    }
    ok = false;
    return object_empty();
}

template <class F>
BATT_PRIM Grid p_extract(const Grids& t, const F& f, Flag& ok) {
    for (int k = 0; k < t.n && k < BATT_GRIDS; k++) {
        Grid g = grids_get(t, k);
        if (f(g, ok)) return g;
    }
    ok = false;
    return grid_empty();
}

template <class F>
BATT_PRIM i64 p_extract(const Ints& t, const F& f, Flag& ok) {
    for (int k = 0; k < t.n && k < BATT_INTS; k++)
        if (f(t.v[k], ok)) return t.v[k];
    ok = false;
    return 0;
}

template <class F>
BATT_PRIM i64 p_extract(const Colours& s, const F& f, Flag& ok) {
    for (int c = 0; c < BATT_SET_INTS; c++)
        if (((s.m >> c) & 1u) && f((i64)c, ok)) return c;
    ok = false;
    return 0;
}

template <class F>
BATT_PRIM Pair p_extract(const Indices& s, const F& f, Flag& ok) {
    for (int i = 0; i < BATT_N; i++)
        for (int j = 0; j < BATT_N; j++)
            if (((s.r[i] >> j) & 1u) && f(Pair{i, j}, ok)) return Pair{i, j};
    ok = false;
    return Pair{0, 0};
}

template <class F>
BATT_PRIM Indices p_extract(const Patches& x, const F& f, Flag& ok) {
    for (int k = 0; k < x.n && k < BATT_PATCHES; k++)
        if (f(x.s[k], ok)) return x.s[k];
    ok = false;
    return indices_empty();
}

template <class F>
BATT_PRIM Object p_extract(const ObjTuple& t, const F& f, Flag& ok) {
    return p_extract(t.x, f, ok);
}

// The first cell in the CPU's order of cells (colour, then position).
template <class F>
BATT_PRIM Cell p_extract(const Object& o, const F& f, Flag& ok) {
    Cell found = Cell{0, Pair{0, 0}};
    bool any = false;
    obj_each_cell(o, [&](const Cell& c) {
        if (!b_truthy(f(c, ok))) return true;
        found = c;
        any = true;
        return false;
    });
    if (!any) ok = false;
    return found;
}

template <class F>
BATT_PRIM GridInt p_extract(const GridInts& t, const F& f, Flag& ok) {
    GridInt e;
#pragma unroll 1
    for (int k = 0; k < t.n && k < BATT_GRIDS; k++) {
        e.g = grids_get(t.g, k);
        e.v = t.v.v[k];
        if (b_truthy(f(e, ok))) return e;
    }
    ok = false;
    e.g = grid_empty();
    e.v = 0;
    return e;
}

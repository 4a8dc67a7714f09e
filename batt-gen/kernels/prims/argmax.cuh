// argmax: the first element (in iteration order: sets ascending, objects
// canonically) with the largest key; an empty container is an error.
// The argmax_* helpers serve argmin, valmax and valmin too: each returns
// the position of the first most extreme key (-1 when empty) and its key.
// sig: argmax(Objects, Fn[Object -> Int]) -> Object
// sig: argmax(Grids, Fn[Grid -> Int]) -> Grid
// sig: argmax(Ints, Fn[Int -> Int]) -> Int
// sig: argmax(Colours, Fn[Int -> Int]) -> Int
// sig: argmax(Indices, Fn[Pair -> Int]) -> Pair
// sig: argmax(Patches, Fn[Indices -> Int]) -> Indices
// sig: argmax(OffsetsSet, Fn[Offsets -> Int]) -> Offsets
// sig: argmax(ObjTuple, Fn[Object -> Int]) -> Object
// sig: argmax(Object, Fn[Cell -> Int]) -> Cell
// sig: argmax(Objects, Fn[Object -> Pair]) -> Object as p_argmax_op
// sig: argmax(GridSet, Fn[Grid -> Int]) -> Grid
// sig: argmax(ObjList, Fn[Object -> Int]) -> Object

BATT_DEVICE bool argmax_beats(i64 key, i64 best, bool most) { return most ? key > best : key < best; }

// Pairs compare as Python's tuples: the first members, then the second.
BATT_DEVICE bool argmax_beats(const Pair& key, const Pair& best, bool most) {
    if (key.a != best.a) return argmax_beats(key.a, best.a, most);
    return argmax_beats(key.b, best.b, most);
}

// Objects by a pair-valued key.
template <class F>
BATT_DEVICE int argmax_objects_pair(const Objects& x, const F& f, bool most, Pair& key, Flag& ok) {
    int at_k = -1;
    key = Pair{0, 0};
    for (int k = 1; k <= x.n; k++) {
        Pair v = f(objs_get(x, k), ok);
        if (at_k < 0 || argmax_beats(v, key, most)) { at_k = k; key = v; }
    }
    return at_k;
}

template <class F>
BATT_PRIM Object p_argmax_op(const Objects& x, const F& f, Flag& ok) {
    Pair key;
    int k = argmax_objects_pair(x, f, true, key, ok);
    if (k < 0) { ok = false; return object_empty(); }
    return objs_get(x, k);
}

template <class F>
BATT_DEVICE int argmax_objects(const Objects& x, const F& f, bool most, i64& key, Flag& ok) {
    int at_k = -1;
    key = 0;
    for (int k = 1; k <= x.n; k++) {
        i64 v = f(objs_get(x, k), ok);
        if (at_k < 0 || argmax_beats(v, key, most)) { at_k = k; key = v; }
    }
    return at_k;
}

template <class F>
BATT_DEVICE int argmax_grids(const Grids& t, const F& f, bool most, i64& key, Flag& ok) {
    int at_k = -1;
    key = 0;
    for (int k = 0; k < t.n && k < BATT_GRIDS; k++) {
        i64 v = f(grids_get(t, k), ok);
        if (at_k < 0 || argmax_beats(v, key, most)) { at_k = k; key = v; }
    }
    return at_k;
}

template <class F>
BATT_DEVICE int argmax_ints(const Ints& t, const F& f, bool most, i64& key, Flag& ok) {
    int at_k = -1;
    key = 0;
    for (int k = 0; k < t.n && k < BATT_INTS; k++) {
        i64 v = f(t.v[k], ok);
        if (at_k < 0 || argmax_beats(v, key, most)) { at_k = k; key = v; }
    }
    return at_k;
}

template <class F>
BATT_DEVICE int argmax_colours(const Colours& s, const F& f, bool most, i64& key, Flag& ok) {
    int at_k = -1;
    key = 0;
    for (int c = 0; c < BATT_SET_INTS; c++)
        if ((s.m >> c) & 1u) {
            i64 v = f((i64)c, ok);
            if (at_k < 0 || argmax_beats(v, key, most)) { at_k = c; key = v; }
        }
    return at_k;
}

// The position is i * 30 + j.
template <class F>
BATT_DEVICE int argmax_indices(const Indices& s, const F& f, bool most, i64& key, Flag& ok) {
    int at_k = -1;
    key = 0;
    for (int i = 0; i < BATT_N; i++)
        for (int j = 0; j < BATT_N; j++)
            if ((s.r[i] >> j) & 1u) {
                i64 v = f(Pair{i, j}, ok);
                if (at_k < 0 || argmax_beats(v, key, most)) { at_k = i * BATT_N + j; key = v; }
            }
    return at_k;
}

template <class F>
BATT_PRIM Object p_argmax(const Objects& x, const F& f, Flag& ok) {
    i64 key;
    int k = argmax_objects(x, f, true, key, ok);
    if (k < 0) { ok = false; return object_empty(); }
    return objs_get(x, k);
}

template <class F>
BATT_PRIM Grid p_argmax(const Grids& t, const F& f, Flag& ok) {
    i64 key;
    int k = argmax_grids(t, f, true, key, ok);
    if (k < 0) { ok = false; return grid_empty(); }
    return grids_get(t, k);
}

template <class F>
BATT_PRIM i64 p_argmax(const Ints& t, const F& f, Flag& ok) {
    i64 key;
    int k = argmax_ints(t, f, true, key, ok);
    if (k < 0) { ok = false; return 0; }
    return t.v[k];
}

template <class F>
BATT_PRIM i64 p_argmax(const Colours& s, const F& f, Flag& ok) {
    i64 key;
    int k = argmax_colours(s, f, true, key, ok);
    if (k < 0) { ok = false; return 0; }
    return k;
}

template <class F>
BATT_PRIM Pair p_argmax(const Indices& s, const F& f, Flag& ok) {
    i64 key;
    int k = argmax_indices(s, f, true, key, ok);
    if (k < 0) { ok = false; return Pair{0, 0}; }
    return Pair{k / BATT_N, k % BATT_N};
}

template <class F>
BATT_DEVICE int argmax_patches(const Patches& x, const F& f, bool most, i64& key, Flag& ok) {
    int at_k = -1;
    key = 0;
    for (int k = 0; k < x.n && k < BATT_PATCHES; k++) {
        i64 v = f(x.s[k], ok);
        if (at_k < 0 || argmax_beats(v, key, most)) { at_k = k; key = v; }
    }
    return at_k;
}

// Over sets of offsets, ascending; argmin's too.
template <class F>
BATT_DEVICE int argmax_offsets(const OffsetsSet& x, const F& f, bool most, Flag& ok) {
    int at_k = -1;
    i64 key = 0;
    for (int k = 0; k < x.n && k < BATT_OFFSETS_SET; k++) {
        i64 v = f(offsetsset_get(x, k), ok);
        if (at_k < 0 || argmax_beats(v, key, most)) { at_k = k; key = v; }
    }
    return at_k;
}

template <class F>
BATT_PRIM Offsets p_argmax(const OffsetsSet& x, const F& f, Flag& ok) {
    const int k = argmax_offsets(x, f, true, ok);
    if (k < 0) { ok = false; return offsets_empty(); }
    return offsetsset_get(x, k);
}

template <class F>
BATT_PRIM Indices p_argmax(const Patches& x, const F& f, Flag& ok) {
    i64 key;
    int k = argmax_patches(x, f, true, key, ok);
    if (k < 0) { ok = false; return indices_empty(); }
    return x.s[k];
}

template <class F>
BATT_PRIM Object p_argmax(const ObjTuple& t, const F& f, Flag& ok) {
    return p_argmax(t.x, f, ok);
}

// Over an object's cells, in their order (colour, i, j); argmin's too.
template <class F>
BATT_DEVICE Cell argmax_cells(const Object& o, const F& f, bool most, Flag& ok) {
    Cell best{0, Pair{0, 0}};
    i64 key = 0;
    bool any = false;
    obj_each_cell(o, [&](const Cell& c) {
        i64 v = f(c, ok);
        if (!any || argmax_beats(v, key, most)) { best = c; key = v; any = true; }
        return true;
    });
    if (!any) ok = false;
    return best;
}

template <class F>
BATT_PRIM Cell p_argmax(const Object& o, const F& f, Flag& ok) { return argmax_cells(o, f, true, ok); }

// Over a set of grids: in its (ascending) order.
template <class F>
BATT_PRIM Grid p_argmax(const GridSet& s, const F& f, Flag& ok) {
    return p_argmax(s.g, f, ok);
}

// Over a tuple of objects: the first with the largest key.
template <class F>
BATT_PRIM Object p_argmax(const ObjList& t, const F& f, Flag& ok) {
    int at_k = -1;
    i64 key = 0;
#pragma unroll 1
    for (int k = 0; k < t.n && k < BATT_OBJLIST; k++) {
        const i64 v = f(t.o[k], ok);
        if (at_k < 0 || argmax_beats(v, key, true)) { at_k = k; key = v; }
    }
    if (at_k < 0) { ok = false; return object_empty(); }
    return t.o[at_k];
}

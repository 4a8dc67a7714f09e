// argmin: the first element (in iteration order: sets ascending, objects
// canonically) with the smallest key; an empty container is an error.
// sig: argmin(Objects, Fn[Object -> Int]) -> Object
// sig: argmin(Grids, Fn[Grid -> Int]) -> Grid
// sig: argmin(Ints, Fn[Int -> Int]) -> Int
// sig: argmin(Colours, Fn[Int -> Int]) -> Int
// sig: argmin(Indices, Fn[Pair -> Int]) -> Pair
// sig: argmin(Patches, Fn[Indices -> Int]) -> Indices
// sig: argmin(OffsetsSet, Fn[Offsets -> Int]) -> Offsets
// sig: argmin(ObjTuple, Fn[Object -> Int]) -> Object
// sig: argmin(Object, Fn[Cell -> Int]) -> Cell
// sig: argmin(Objects, Fn[Object -> Pair]) -> Object as p_argmin_op
// sig: argmin(GridSet, Fn[Grid -> Int]) -> Grid
// needs: argmax

template <class F>
BATT_PRIM Object p_argmin(const Objects& x, const F& f, Flag& ok) {
    i64 key;
    int k = argmax_objects(x, f, false, key, ok);
    if (k < 0) { ok = false; return object_empty(); }
    return objs_get(x, k);
}

template <class F>
BATT_PRIM Grid p_argmin(const Grids& t, const F& f, Flag& ok) {
    i64 key;
    int k = argmax_grids(t, f, false, key, ok);
    if (k < 0) { ok = false; return grid_empty(); }
    return grids_get(t, k);
}

template <class F>
BATT_PRIM i64 p_argmin(const Ints& t, const F& f, Flag& ok) {
    i64 key;
    int k = argmax_ints(t, f, false, key, ok);
    if (k < 0) { ok = false; return 0; }
    return t.v[k];
}

template <class F>
BATT_PRIM i64 p_argmin(const Colours& s, const F& f, Flag& ok) {
    i64 key;
    int k = argmax_colours(s, f, false, key, ok);
    if (k < 0) { ok = false; return 0; }
    return k;
}

template <class F>
BATT_PRIM Pair p_argmin(const Indices& s, const F& f, Flag& ok) {
    i64 key;
    int k = argmax_indices(s, f, false, key, ok);
    if (k < 0) { ok = false; return Pair{0, 0}; }
    return Pair{k / BATT_N, k % BATT_N};
}

template <class F>
BATT_PRIM Offsets p_argmin(const OffsetsSet& x, const F& f, Flag& ok) {
    const int k = argmax_offsets(x, f, false, ok);
    if (k < 0) { ok = false; return offsets_empty(); }
    return offsetsset_get(x, k);
}

template <class F>
BATT_PRIM Indices p_argmin(const Patches& x, const F& f, Flag& ok) {
    i64 key;
    int k = argmax_patches(x, f, false, key, ok);
    if (k < 0) { ok = false; return indices_empty(); }
    return x.s[k];
}

template <class F>
BATT_PRIM Object p_argmin(const ObjTuple& t, const F& f, Flag& ok) {
    return p_argmin(t.x, f, ok);
}

template <class F>
BATT_PRIM Cell p_argmin(const Object& o, const F& f, Flag& ok) { return argmax_cells(o, f, false, ok); }

template <class F>
BATT_PRIM Object p_argmin_op(const Objects& x, const F& f, Flag& ok) {
    Pair key;
    int k = argmax_objects_pair(x, f, false, key, ok);
    if (k < 0) { ok = false; return object_empty(); }
    return objs_get(x, k);
}

template <class F>
BATT_PRIM Grid p_argmin(const GridSet& s, const F& f, Flag& ok) {
    return p_argmin(s.g, f, ok);
}

// valmin: the smallest key over the container. For an empty container batt
// returns compfunc(0): computed for keys of integers; for the others (0
// is no object, grid or index) an error where the caller knows the key
// fails on an integer, otherwise left to the CPU (`key_of_zero`).
// sig: valmin(Objects, Fn[Object -> Int]) -> Int
// sig: valmin(Grids, Fn[Grid -> Int]) -> Int
// sig: valmin(Ints, Fn[Int -> Int]) -> Int
// sig: valmin(Colours, Fn[Int -> Int]) -> Int
// sig: valmin(Indices, Fn[Pair -> Int]) -> Int
// sig: valmin(Patches, Fn[Indices -> Int]) -> Int
// sig: valmin(ObjTuple, Fn[Object -> Int]) -> Int
// sig: valmin(Objects, Fn[Object -> Pair]) -> Pair as p_valmin_op
// needs: argmax

template <class F>
BATT_PRIM i64 p_valmin(const Objects& x, const F& f, Flag& ok) {
    i64 key;
    if (argmax_objects(x, f, false, key, ok) < 0) key_of_zero(ok);
    return key;
}

template <class F>
BATT_PRIM i64 p_valmin(const Grids& t, const F& f, Flag& ok) {
    i64 key;
    if (argmax_grids(t, f, false, key, ok) < 0) key_of_zero(ok);
    return key;
}

template <class F>
BATT_PRIM i64 p_valmin(const Ints& t, const F& f, Flag& ok) {
    i64 key;
    if (argmax_ints(t, f, false, key, ok) < 0) return f((i64)0, ok);
    return key;
}

template <class F>
BATT_PRIM i64 p_valmin(const Colours& s, const F& f, Flag& ok) {
    i64 key;
    if (argmax_colours(s, f, false, key, ok) < 0) return f((i64)0, ok);
    return key;
}

template <class F>
BATT_PRIM i64 p_valmin(const Indices& s, const F& f, Flag& ok) {
    i64 key;
    if (argmax_indices(s, f, false, key, ok) < 0) key_of_zero(ok);
    return key;
}

template <class F>
BATT_PRIM i64 p_valmin(const Patches& x, const F& f, Flag& ok) {
    i64 key;
    if (argmax_patches(x, f, false, key, ok) < 0) key_of_zero(ok);
    return key;
}

template <class F>
BATT_PRIM i64 p_valmin(const ObjTuple& t, const F& f, Flag& ok) {
    return p_valmin(t.x, f, ok);
}

template <class F>
BATT_PRIM Pair p_valmin_op(const Objects& x, const F& f, Flag& ok) {
    Pair key;
    if (argmax_objects_pair(x, f, false, key, ok) < 0) key_of_zero(ok);
    return key;
}

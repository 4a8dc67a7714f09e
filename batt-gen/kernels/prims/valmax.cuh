// valmax: the largest key over the container. For an empty container batt
// returns compfunc(0): computed for keys of integers; for the others (0
// is no object, grid or index) an error where the caller knows the key
// fails on an integer, otherwise left to the CPU (`key_of_zero`).
// sig: valmax(Objects, Fn[Object -> Int]) -> Int
// sig: valmax(Grids, Fn[Grid -> Int]) -> Int
// sig: valmax(Ints, Fn[Int -> Int]) -> Int
// sig: valmax(Colours, Fn[Int -> Int]) -> Int
// sig: valmax(Indices, Fn[Pair -> Int]) -> Int
// sig: valmax(Patches, Fn[Indices -> Int]) -> Int
// sig: valmax(ObjTuple, Fn[Object -> Int]) -> Int
// sig: valmax(Objects, Fn[Object -> Pair]) -> Pair as p_valmax_op
// needs: argmax

template <class F>
BATT_PRIM i64 p_valmax(const Objects& x, const F& f, Flag& ok) {
    i64 key;
    if (argmax_objects(x, f, true, key, ok) < 0) key_of_zero(ok);
    return key;
}

template <class F>
BATT_PRIM i64 p_valmax(const Grids& t, const F& f, Flag& ok) {
    i64 key;
    if (argmax_grids(t, f, true, key, ok) < 0) key_of_zero(ok);
    return key;
}

template <class F>
BATT_PRIM i64 p_valmax(const Ints& t, const F& f, Flag& ok) {
    i64 key;
    if (argmax_ints(t, f, true, key, ok) < 0) return f((i64)0, ok);
    return key;
}

template <class F>
BATT_PRIM i64 p_valmax(const Colours& s, const F& f, Flag& ok) {
    i64 key;
    if (argmax_colours(s, f, true, key, ok) < 0) return f((i64)0, ok);
    return key;
}

template <class F>
BATT_PRIM i64 p_valmax(const Indices& s, const F& f, Flag& ok) {
    i64 key;
    if (argmax_indices(s, f, true, key, ok) < 0) key_of_zero(ok);
    return key;
}

template <class F>
BATT_PRIM i64 p_valmax(const Patches& x, const F& f, Flag& ok) {
    i64 key;
    if (argmax_patches(x, f, true, key, ok) < 0) key_of_zero(ok);
    return key;
}

template <class F>
BATT_PRIM i64 p_valmax(const ObjTuple& t, const F& f, Flag& ok) {
    return p_valmax(t.x, f, ok);
}

template <class F>
BATT_PRIM Pair p_valmax_op(const Objects& x, const F& f, Flag& ok) {
    Pair key;
    if (argmax_objects_pair(x, f, true, key, ok) < 0) key_of_zero(ok);
    return key;
}

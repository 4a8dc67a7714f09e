// papply: the function on the zipped elements of two tuples, as a tuple
// (as far as the shorter goes).
// sig: papply(Fn[Int, Int -> Int], Ints, Ints) -> Ints as p_papply_iii
// sig: papply(Fn[Int, Int -> Pair], Ints, Ints) -> Pairs as p_papply_iiq

template <class F>
BATT_PRIM Ints p_papply_iii(const F& f, const Ints& a, const Ints& b, Flag& ok) {
    Ints out = ints_empty();
    for (int k = 0; k < a.n && k < b.n && k < BATT_INTS; k++) ints_push(out, f(a.v[k], b.v[k], ok), ok);
    return out;
}

template <class F>
BATT_PRIM Pairs p_papply_iiq(const F& f, const Ints& a, const Ints& b, Flag& ok) {
    Pairs out = pairs_empty();
    for (int k = 0; k < a.n && k < b.n && k < BATT_INTS; k++) pairs_push(out, f(a.v[k], b.v[k], ok), ok);
    return out;
}

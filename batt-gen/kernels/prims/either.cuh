// either: Python's a or b: a if it is truthy, else b (both of one device type;
// Bool fits Int: on booleans the result is 0 or 1 as an integer).
// sig: either(Int, Int) -> Int
// sig: either(Pair, Pair) -> Pair
// sig: either(Grid, Grid) -> Grid
// sig: either(Indices, Indices) -> Indices
// sig: either(Object, Object) -> Object
// sig: either(Objects, Objects) -> Objects
// sig: either(Colours, Colours) -> Colours
// sig: either(Ints, Ints) -> Ints
// sig: either(Grids, Grids) -> Grids
BATT_PRIM i64 p_either(i64 a, i64 b, Flag& ok) {
    (void)ok;
    return b_truthy(a) ? a : b;
}
template <class T>
BATT_PRIM T p_either(const T& a, const T& b, Flag& ok) {
    (void)ok;
    return b_truthy(a) ? a : b;
}

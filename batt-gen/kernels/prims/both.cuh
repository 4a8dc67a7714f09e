// both: Python's a and b: a if it is falsy, else b (both of one device type;
// Bool fits Int: on booleans the result is 0 or 1 as an integer).
// sig: both(Int, Int) -> Int
// sig: both(Pair, Pair) -> Pair
// sig: both(Grid, Grid) -> Grid
// sig: both(Indices, Indices) -> Indices
// sig: both(Object, Object) -> Object
// sig: both(Objects, Objects) -> Objects
// sig: both(Colours, Colours) -> Colours
// sig: both(Ints, Ints) -> Ints
// sig: both(Grids, Grids) -> Grids
BATT_PRIM i64 p_both(i64 a, i64 b, Flag& ok) {
    (void)ok;
    return b_truthy(a) ? b : a;
}
template <class T>
BATT_PRIM T p_both(const T& a, const T& b, Flag& ok) {
    (void)ok;
    return b_truthy(a) ? b : a;
}

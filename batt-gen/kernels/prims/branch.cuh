// branch: a if the condition is truthy, else b (both of one device type;
// Bool fits Int, so branch(c, True, 2) is an integer).
// sig: branch(Bool, Int, Int) -> Int
// sig: branch(Bool, Pair, Pair) -> Pair
// sig: branch(Bool, Grid, Grid) -> Grid
// sig: branch(Bool, Indices, Indices) -> Indices
// sig: branch(Bool, Object, Object) -> Object
// sig: branch(Bool, Objects, Objects) -> Objects
// sig: branch(Bool, Colours, Colours) -> Colours
// sig: branch(Bool, Ints, Ints) -> Ints
// sig: branch(Bool, Grids, Grids) -> Grids
// sig: branch(Bool, Rect, Rect) -> Rect
BATT_PRIM i64 p_branch(bool c, i64 a, i64 b, Flag& ok) {
    (void)ok;
    return c ? a : b;
}
template <class T>
BATT_PRIM T p_branch(bool c, const T& a, const T& b, Flag& ok) {
    (void)ok;
    return c ? a : b;
}

// height: rows of a grid, or of a patch's bounding box (0 when empty).
// sig: height(Grid) -> Int
// sig: height(Indices) -> Int
// sig: height(Object) -> Int
// needs: shape
BATT_PRIM i64 p_height(const Grid& g, Flag& ok) {
    (void)ok;
    return (i64)g.h;
}

BATT_PRIM i64 p_height(const Indices& s, Flag& ok) {
    (void)ok;
    return shape_of_rows(s.r).a;
}

BATT_PRIM i64 p_height(const Object& o, Flag& ok) {
    (void)ok;
    return shape_of_rows(o.r).a;
}

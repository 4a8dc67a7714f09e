// width: columns of a grid, or of a patch's bounding box (0 when empty).
// sig: width(Grid) -> Int
// sig: width(Indices) -> Int
// sig: width(Object) -> Int
// needs: shape
BATT_PRIM i64 p_width(const Grid& g, Flag& ok) {
    (void)ok;
    return (i64)g.w;
}

BATT_PRIM i64 p_width(const Indices& s, Flag& ok) {
    (void)ok;
    return shape_of_rows(s.r).b;
}

BATT_PRIM i64 p_width(const Object& o, Flag& ok) {
    (void)ok;
    return shape_of_rows(o.r).b;
}

// portrait: whether a grid or a patch's bounding box is taller than wide.
// sig: portrait(Grid) -> Bool
// sig: portrait(Indices) -> Bool
// sig: portrait(Object) -> Bool
// needs: shape
BATT_PRIM bool p_portrait(const Grid& g, Flag& ok) {
    (void)ok;
    return g.h > g.w;
}

BATT_PRIM bool p_portrait(const Indices& s, Flag& ok) {
    (void)ok;
    Pair p = shape_of_rows(s.r);
    return p.a > p.b;
}

BATT_PRIM bool p_portrait(const Object& o, Flag& ok) {
    (void)ok;
    Pair p = shape_of_rows(o.r);
    return p.a > p.b;
}

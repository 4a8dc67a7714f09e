// shape: (height, width) of a grid, or of a patch's bounding box ((0, 0)
// when empty).
// sig: shape(Grid) -> Pair
// sig: shape(Indices) -> Pair
// sig: shape(Object) -> Pair

// The bounds (top, left, bottom, right) of a set of positions; false when
// it is empty. Shared by the templates that need a patch's corners.
BATT_DEVICE bool shape_bounds(const u32* rows, int& top, int& left, int& bottom, int& right) {
    top = -1;
    left = BATT_N;
    bottom = -1;
    right = -1;
    for (int i = 0; i < BATT_N; i++) {
        u32 m = rows[i];
        if (m == 0) continue;
        if (top < 0) top = i;
        bottom = i;
        for (int j = 0; j < BATT_N; j++)
            if ((m >> j) & 1u) {
                if (j < left) left = j;
                if (j > right) right = j;
            }
    }
    if (top < 0) {
        top = left = bottom = right = 0;
        return false;
    }
    return true;
}

// (height, width) of a set of positions' bounding box, (0, 0) when empty.
BATT_DEVICE Pair shape_of_rows(const u32* rows) {
    int a, b, c, d;
    if (!shape_bounds(rows, a, b, c, d)) return Pair{0, 0};
    return Pair{(i64)(c - a + 1), (i64)(d - b + 1)};
}

BATT_PRIM Pair p_shape(const Grid& g, Flag& ok) {
    (void)ok;
    return Pair{(i64)g.h, (i64)g.w};
}

BATT_PRIM Pair p_shape(const Indices& s, Flag& ok) {
    (void)ok;
    return shape_of_rows(s.r);
}

BATT_PRIM Pair p_shape(const Object& o, Flag& ok) {
    (void)ok;
    return shape_of_rows(o.r);
}

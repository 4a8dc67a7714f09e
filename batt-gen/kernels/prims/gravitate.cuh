// gravitate: the offset moving the source in a straight line, a step at a
// time and at most 42 steps, until it is adjacent to the destination
// (vertically when they share a column, else horizontally, towards the
// destination's center). An empty patch is an error.
// needs: center
// sig: gravitate(Indices, Indices) -> Pair
// sig: gravitate(Indices, Object) -> Pair
// sig: gravitate(Object, Indices) -> Pair
// sig: gravitate(Object, Object) -> Pair
// Whether the source shifted by (oi, oj) is at Manhattan distance exactly
// 1 from the destination: no shifted index on it, one beside it.
BATT_DEVICE bool gravitate_touching(const u32* src, const u32* dst, int oi, int oj) {
    bool touching = false;
    for (int i = 0; i < BATT_N; i++)
        for (int j = 0; j < BATT_N; j++)
            if ((src[i] >> j) & 1u) {
                int a = i + oi, c = j + oj;
                if (a >= 0 && a < BATT_N && c >= 0 && c < BATT_N && ((dst[a] >> c) & 1u)) return false;
                const int d[4][2] = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};
                for (int k = 0; k < 4; k++) {
                    int x = a + d[k][0], y = c + d[k][1];
                    if (x >= 0 && x < BATT_N && y >= 0 && y < BATT_N && ((dst[x] >> y) & 1u)) touching = true;
                }
            }
    return touching;
}

BATT_DEVICE Pair gravitate_masks(const u32* src, const u32* dst, Flag& ok) {
    Flag both = {false, false};
    Pair cs = center_mask(src, both), cd = center_mask(dst, both);
    if (!both) { ok = false; return Pair{0, 0}; }
    u32 cols_s = 0, cols_d = 0;
    for (int i = 0; i < BATT_N; i++) {
        cols_s |= src[i];
        cols_d |= dst[i];
    }
    int di = 0, dj = 0;
    if ((cols_s & cols_d) != 0) di = cs.a < cd.a ? 1 : -1;
    else dj = cs.b < cd.b ? 1 : -1;
    int oi = 0, oj = 0;
    for (int c = 0; c < 42; c++) {
        if (gravitate_touching(src, dst, oi, oj)) break;
        oi += di;
        oj += dj;
    }
    return Pair{oi, oj};
}

BATT_PRIM Pair p_gravitate(const Indices& a, const Indices& b, Flag& ok) { return gravitate_masks(a.r, b.r, ok); }
BATT_PRIM Pair p_gravitate(const Indices& a, const Object& b, Flag& ok) { return gravitate_masks(a.r, b.r, ok); }
BATT_PRIM Pair p_gravitate(const Object& a, const Indices& b, Flag& ok) { return gravitate_masks(a.r, b.r, ok); }
BATT_PRIM Pair p_gravitate(const Object& a, const Object& b, Flag& ok) { return gravitate_masks(a.r, b.r, ok); }

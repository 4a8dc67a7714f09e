// gravitate: the offset moving the source in a straight line, a step at a
// time and at most 42 steps, until it is adjacent to the destination
// (vertically when they share a column, else horizontally, towards the
// destination's center). An empty patch is an error.
// needs: center
// sig: gravitate(Indices, Indices) -> Pair
// sig: gravitate(Indices, Object) -> Pair
// sig: gravitate(Object, Indices) -> Pair
// sig: gravitate(Object, Object) -> Pair
// Row x of the source shifted by (oi, oj), as the columns -1..30 in bits
// 0..31 (a cell further out has no neighbour in the frame).
BATT_DEVICE u32 gravitate_row(const u32* src, int x, int oi, int oj) {
    int i = x - oi;
    if (i < 0 || i >= BATT_N) return 0;
    int s = oj + 1;  // column j is bit j + oj + 1
    if (s >= 32 || s <= -BATT_N) return 0;
    if (s >= 0) return (u32)(((unsigned long long)src[i] << s) & 0xFFFFFFFFull);
    return src[i] >> (-s);
}

// Whether the source shifted by (oi, oj) is at Manhattan distance exactly
// 1 from the destination: no shifted index on it, one beside it. Row by
// row, as bit masks.
BATT_DEVICE bool gravitate_touching(const u32* src, const u32* dst, int oi, int oj) {
    const u32 frame = (1u << BATT_N) - 1u;
    bool touching = false;
    u32 above = gravitate_row(src, -1, oi, oj);
    u32 here = gravitate_row(src, 0, oi, oj);
#pragma unroll 1
    for (int a = 0; a < BATT_N; a++) {
        u32 below = gravitate_row(src, a + 1, oi, oj);
        if (((here >> 1) & frame & dst[a]) != 0) return false;
        u32 near = above | below | (here << 1) | (here >> 1);
        if (((near >> 1) & frame & dst[a]) != 0) touching = true;
        above = here;
        here = below;
    }
    return touching;
}

BATT_DEVICE Pair gravitate_masks(const u32* src, const u32* dst, Flag& ok) {
    Flag both = {false, false};
    Pair cs = center_mask(src, both), cd = center_mask(dst, both);
    if (!both) { ok = false; return Pair{0, 0}; }
    u32 cols_s = 0, cols_d = 0;
#pragma unroll 1
    for (int i = 0; i < BATT_N; i++) {
        cols_s |= src[i];
        cols_d |= dst[i];
    }
    int di = 0, dj = 0;
    if ((cols_s & cols_d) != 0) di = cs.a < cd.a ? 1 : -1;
    else dj = cs.b < cd.b ? 1 : -1;
    int oi = 0, oj = 0;
#pragma unroll 1
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

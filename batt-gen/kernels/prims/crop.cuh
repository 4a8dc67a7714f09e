// crop: grid[s0:s0+d0], each row [s1:s1+d1], with Python's slice bounds
// (negative bounds count from the end, then both are clamped).
// sig: crop(Grid, Pair, Pair) -> Grid

// s + d, saturated (any bound past the frame clamps alike).
BATT_DEVICE i64 crop_sat_add(i64 s, i64 d) {
    Flag fits = {false, false};
    i64 r = b_add(s, d, fits);
    if (fits) return r;
    return s > 0 ? (i64)0x7fffffffffffffffLL : -(i64)0x7fffffffffffffffLL - 1;
}

// A bound of Python's seq[start:stop] on a sequence of length n.
BATT_DEVICE int crop_bound(i64 x, int n) {
    if (x < 0) x += n;
    if (x < 0) x = 0;
    if (x > n) x = n;
    return (int)x;
}

// tuple(r[c0:c1] for r in g[r0:r1]): `()` when no row is left.
BATT_DEVICE Grid crop_slice(const Grid& g, i64 r0, i64 r1, i64 c0, i64 c1) {
    if (g.h == 0) return grid_empty();
    int a = crop_bound(r0, g.h), b = crop_bound(r1, g.h);
    int c = crop_bound(c0, g.w), d = crop_bound(c1, g.w);
    if (b < a) b = a;
    if (d < c) d = c;
    if (b == a) return grid_empty();
    Grid r = grid_filled(b - a, d - c, 0);
    for (int i = 0; i < r.h; i++)
        for (int j = 0; j < r.w; j++) r.c[i * BATT_N + j] = at(g, a + i, c + j);
    return r;
}

BATT_PRIM Grid p_crop(const Grid& g, const Pair& start, const Pair& dims, Flag& ok) {
    (void)ok;
    return crop_slice(g, start.a, crop_sat_add(start.a, dims.a), start.b, crop_sat_add(start.b, dims.b));
}

// occurrences: the positions (i, j) where the object, normalised and moved
// by (i, j), matches the grid cell for cell (its bounding box inside the
// grid). An empty patch occurs everywhere, (h + 1) x (w + 1) positions
// (those outside the frame are left to the CPU); a set of indices that
// could occur is an error, as it is for batt, and so is an empty grid.
// sig: occurrences(Grid, Object) -> Indices
// sig: occurrences(Grid, Indices) -> Indices

// What both overloads share: an empty grid is an error, and an empty patch
// occurs everywhere; otherwise false with the patch's top left corner
// (u, l), its bottom row lo, and the h2 x w2 offsets its bounding box can
// take in the grid.
BATT_DEVICE bool occurrences_trivial(const Grid& g, const u32* rows, Indices& out, int& u, int& l,
                                     int& lo, int& h2, int& w2, Flag& ok) {
    if (g.h <= 0) { ok = false; return true; }
    int r;
    if (!mask_bounds(rows, u, l, lo, r)) {
        for (int i = 0; i <= g.h; i++)
            for (int j = 0; j <= g.w; j++) idx_add(out, i, j, ok);
        return true;
    }
    h2 = g.h - (lo - u + 1) + 1;
    w2 = g.w - (r - l + 1) + 1;
    return false;
}

BATT_PRIM Indices p_occurrences(const Grid& g, const Object& o, Flag& ok) {
    Indices out = indices_empty();
    int u, l, lo, h2, w2;
    if (occurrences_trivial(g, o.r, out, u, l, lo, h2, w2, ok)) return out;
    for (int i = 0; i < h2; i++)
        for (int j = 0; j < w2; j++) {
            bool all = true;
            for (int a = u; a <= lo && all; a++) {
                u32 m = o.r[a];
                while (m != 0 && all) {
                    int b = lowest_bit(m);
                    m &= m - 1;
                    all = at(g, i + a - u, j + b - l) == o.c[a * BATT_N + b];
                }
            }
            if (all) out.r[i] |= 1u << j;
        }
    return out;
}

BATT_PRIM Indices p_occurrences(const Grid& g, const Indices& s, Flag& ok) {
    Indices out = indices_empty();
    int u, l, lo, h2, w2;
    if (occurrences_trivial(g, s.r, out, u, l, lo, h2, w2, ok)) return out;
    if (h2 > 0 && w2 > 0) ok = false;  // indices have no colours to match
    return out;
}

// occurrences: the positions (i, j) where the object, normalised and moved
// by (i, j), matches the grid cell for cell (its bounding box inside the
// grid). An empty patch occurs everywhere, (h + 1) x (w + 1) positions
// (those outside the frame are left to the CPU); a set of indices that
// could occur is an error, as it is for batt, and so is an empty grid.
// sig: occurrences(Grid, Object) -> Indices
// sig: occurrences(Grid, Indices) -> Indices
BATT_DEVICE bool occurrences_everywhere(const Grid& g, Indices& out, Flag& ok) {
    for (int i = 0; i <= g.h; i++)
        for (int j = 0; j <= g.w; j++) idx_add(out, i, j, ok);
    return true;
}

BATT_PRIM Indices p_occurrences(const Grid& g, const Object& o, Flag& ok) {
    Indices out = indices_empty();
    if (g.h <= 0) { ok = false; return out; }
    int u, l, lo, r;
    if (!mask_bounds(o.r, u, l, lo, r)) {
        occurrences_everywhere(g, out, ok);
        return out;
    }
    int h2 = g.h - (lo - u + 1) + 1, w2 = g.w - (r - l + 1) + 1;
    if (h2 <= 0 || w2 <= 0) return out;
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
    if (g.h <= 0) { ok = false; return out; }
    int u, l, lo, r;
    if (!mask_bounds(s.r, u, l, lo, r)) {
        occurrences_everywhere(g, out, ok);
        return out;
    }
    int h2 = g.h - (lo - u + 1) + 1, w2 = g.w - (r - l + 1) + 1;
    if (h2 > 0 && w2 > 0) ok = false;  // indices have no colours to match
    return out;
}

// dmirror: a grid transposed, or a patch mirrored across the diagonal
// through its bounding box's upper left corner ((i, j) -> (j - left + top,
// i - top + left)); a cell that leaves the frame is left to the CPU. The empty
// patch has no corners: an error. A grid of no columns turns into `()`.
// sig: dmirror(Grid) -> Grid
// sig: dmirror(Indices) -> Indices
// sig: dmirror(Object) -> Object
// sig: dmirror(RunsTuple) -> Grid
// needs: shape
BATT_PRIM Grid p_dmirror(const Grid& g, Flag& ok) {
    (void)ok;
    if (g.w == 0) return grid_empty();
    Grid r = grid_filled(g.w, g.h, 0);
    for (int i = 0; i < r.h; i++)
        for (int j = 0; j < r.w; j++) r.c[i * BATT_N + j] = at(g, j, i);
    return r;
}

BATT_PRIM Indices p_dmirror(const Indices& s, Flag& ok) {
    int a, b, c, d;
    if (!shape_bounds(s.r, a, b, c, d)) { ok = false; return indices_empty(); }
    Indices r = indices_empty();
    for (int i = a; i <= c; i++)
        for (int j = b; j <= d; j++)
            if ((s.r[i] >> j) & 1u) idx_add(r, (i64)(j - b + a), (i64)(i - a + b), ok);
    return r;
}

BATT_PRIM Object p_dmirror(const Object& o, Flag& ok) {
    int a, b, c, d;
    if (!shape_bounds(o.r, a, b, c, d)) { ok = false; return object_empty(); }
    Object r = object_empty();
    for (int i = a; i <= c; i++)
        for (int j = b; j <= d; j++)
            if ((o.r[i] >> j) & 1u) obj_add(r, o.c[i * BATT_N + j], (i64)(j - b + a), (i64)(i - a + b), ok);
    return r;
}

// A tuple of rows of repeated integers, transposed as the grid it is.
BATT_PRIM Grid p_dmirror(const RunsTuple& t, Flag& ok) { return p_dmirror(runstuple_to_grid(t, ok), ok); }

// upscale: a grid with every cell grown to a factor x factor block (`()`
// for a factor <= 0; a side longer than the CPU's grids is an error, one
// longer than the frame left to the CPU), or an object likewise, keeping
// its upper left corner (a factor <= 0 gives the empty set, a cell leaving
// the frame is left to the CPU; the empty patch gives the empty set, other
// indices are an error).
// sig: upscale(Grid, Int) -> Grid
// sig: upscale(Object, Int) -> Object
// sig: upscale(Object, Int) -> Object clipped as p_upscale_clip
// sig: upscale(Object, Int) -> ObjAt as p_upscale_at
// sig: upscale(Indices, Int) -> Indices
// needs: shape, normalize
BATT_PRIM Grid p_upscale(const Grid& g, i64 f, Flag& ok) {
    int h, w;
    bool ragged;
    if (big_shape(g, h, w, ragged)) {
        // A grid too large (its stand-in) grown: one too large again.
        if (ragged || f <= 0) { ok.full(); return grid_empty(); }
        if (f > BATT_SIDE_MAX || h * f > BATT_SIDE_MAX || w * f > BATT_SIDE_MAX) { ok = false; return grid_empty(); }
        return grid_too_big(h * f, w * f, ok);
    }
    if (g.h == 0 || f <= 0) return grid_empty();
    if (f > BATT_SIDE_MAX || g.h * f > BATT_SIDE_MAX || g.w * f > BATT_SIDE_MAX) { ok = false; return grid_empty(); }
    if (g.h * f > BATT_N || g.w * f > BATT_N) return grid_too_big(g.h * f, g.w * f, ok);
    int k = (int)f;
    Grid r = grid_filled(g.h * k, g.w * k, 0);
    for (int i = 0; i < r.h; i++)
        for (int j = 0; j < r.w; j++) r.c[i * BATT_N + j] = at(g, i / k, j / k);
    return r;
}

// The object scaled from its top left corner. A cell leaving the frame
// is left to the CPU; `clip`ped (where every use reads the object only
// inside the frame), it is dropped.
BATT_DEVICE Object upscale_object(const Object& o, i64 f, bool clip, Flag& ok) {
    int a, b, c, d;
    if (!shape_bounds(o.r, a, b, c, d)) return object_empty();
    if (f <= 0) return object_empty();
    if (f > BATT_N) {
        // Every cell but the corner's block leaves the frame.
        if (!clip) { ok.full(); return object_empty(); }
        f = BATT_N;
    }
    const int k = (int)f;
    Object r = object_empty();
    for (int i = a; i <= c; i++)
        for (int j = b; j <= d; j++) {
            if (!((o.r[i] >> j) & 1u)) continue;
            u8 col = o.c[i * BATT_N + j];
            for (int io = 0; io < k; io++)
                for (int jo = 0; jo < k; jo++) {
                    const int y = (i - a) * k + io + a, x = (j - b) * k + jo + b;
                    if (!clip || (y < BATT_N && x < BATT_N)) obj_add(r, col, y, x, ok);
                }
        }
    return r;
}

BATT_PRIM Object p_upscale(const Object& o, i64 f, Flag& ok) { return upscale_object(o, f, false, ok); }
BATT_PRIM Object p_upscale_clip(const Object& o, i64 f, Flag& ok) { return upscale_object(o, f, true, ok); }

// The object scaled from its top left corner, anywhere: the normalized
// object scaled (inside the frame, else left to the CPU), moved back to
// the corner (see ObjAt).
BATT_PRIM ObjAt p_upscale_at(const Object& o, i64 f, Flag& ok) {
    ObjAt t = objat_empty();
    int a, b, c, d;
    if (!shape_bounds(o.r, a, b, c, d) || f <= 0) return t;
    t.o = upscale_object(p_normalize(o, ok), f, false, ok);
    t.d = Pair{a, b};
    return t;
}

BATT_PRIM Indices p_upscale(const Indices& s, i64 f, Flag& ok) {
    (void)f;
    int a, b, c, d;
    if (shape_bounds(s.r, a, b, c, d)) ok = false;
    return indices_empty();
}

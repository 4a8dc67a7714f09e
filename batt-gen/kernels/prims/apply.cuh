// apply: the function on each element, keeping the container's kind. Over
// a set the results form a set (equal results kept once): a set of objects
// must be disjoint and non-empty to fit a label map, a set of integers
// within 0..15 to fit Colours. Over a tuple the results keep their order;
// a tuple of tuples of integers fits a Grid when the rows share a non-zero
// width and hold colours. batt errs only where the function does: results
// the device forms cannot hold are left to the CPU.
// sig: apply(Fn[Object -> Object], Objects) -> Objects as p_apply_oo
// sig: apply(Fn[Object -> Int], Objects) -> Colours as p_apply_oc
// sig: apply(Fn[Int -> Int], Ints) -> Ints as p_apply_ii
// sig: apply(Fn[Int -> Ints], Ints) -> Grid as p_apply_ig
// sig: apply(Fn[Grid -> Grid], Grids) -> Grids as p_apply_gg
// sig: apply(Fn[Grid -> Int], Grids) -> Ints as p_apply_gi
// sig: apply(Fn[Int -> Int], Colours) -> Colours as p_apply_cc
// sig: apply(Fn[Pair -> Pair], Indices) -> Indices as p_apply_pp
// sig: apply(Fn[Pair -> Int], Indices) -> Colours as p_apply_pc
// needs: insert

template <class F>
BATT_PRIM Objects p_apply_oo(const F& f, const Objects& x, Flag& ok) {
    Objects out = objects_empty();
    for (int k = 1; k <= x.n; k++) insert_add(out, f(objs_get(x, k), ok), ok);
    objs_canonical(out);
    return out;
}

BATT_DEVICE void apply_colour(Colours& s, i64 v, Flag& ok) {
    if (!colour_ok(v)) { ok.full(); return; }
    s.m |= 1u << v;
}

template <class F>
BATT_PRIM Colours p_apply_oc(const F& f, const Objects& x, Flag& ok) {
    Colours out{0u};
    for (int k = 1; k <= x.n; k++) apply_colour(out, f(objs_get(x, k), ok), ok);
    return out;
}

template <class F>
BATT_PRIM Ints p_apply_ii(const F& f, const Ints& t, Flag& ok) {
    Ints out = ints_empty();
    for (int k = 0; k < t.n && k < BATT_INTS; k++) ints_push(out, f(t.v[k], ok), ok);
    return out;
}

template <class F>
BATT_PRIM Grid p_apply_ig(const F& f, const Ints& t, Flag& ok) {
    if (t.n <= 0) return grid_empty();
    if (t.n > BATT_N) { ok.full(); return grid_empty(); }
    Grid g = grid_filled(0, 0, 0);
    g.h = t.n;
    for (int k = 0; k < t.n; k++) {
        Ints row = f(t.v[k], ok);
        if (k == 0) g.w = row.n;
        if (row.n != g.w || row.n <= 0 || row.n > BATT_N) { ok.full(); return grid_empty(); }
        for (int j = 0; j < row.n; j++) {
            if (!colour_ok(row.v[j])) { ok.full(); return grid_empty(); }
            g.c[k * BATT_N + j] = (u8)row.v[j];
        }
    }
    return g;
}

template <class F>
BATT_PRIM Grids p_apply_gg(const F& f, const Grids& t, Flag& ok) {
    Grids out = grids_empty();
    for (int k = 0; k < t.n && k < BATT_GRIDS; k++) grids_push(out, f(t.g[k], ok), ok);
    return out;
}

template <class F>
BATT_PRIM Ints p_apply_gi(const F& f, const Grids& t, Flag& ok) {
    Ints out = ints_empty();
    for (int k = 0; k < t.n && k < BATT_GRIDS; k++) ints_push(out, f(t.g[k], ok), ok);
    return out;
}

template <class F>
BATT_PRIM Colours p_apply_cc(const F& f, const Colours& s, Flag& ok) {
    Colours out{0u};
    for (int c = 0; c < 16; c++)
        if ((s.m >> c) & 1u) apply_colour(out, f((i64)c, ok), ok);
    return out;
}

template <class F>
BATT_PRIM Indices p_apply_pp(const F& f, const Indices& s, Flag& ok) {
    Indices out = indices_empty();
    for (int i = 0; i < BATT_N; i++)
        for (int j = 0; j < BATT_N; j++)
            if ((s.r[i] >> j) & 1u) {
                Pair q = f(Pair{i, j}, ok);
                idx_add(out, q.a, q.b, ok);
            }
    return out;
}

template <class F>
BATT_PRIM Colours p_apply_pc(const F& f, const Indices& s, Flag& ok) {
    Colours out{0u};
    for (int i = 0; i < BATT_N; i++)
        for (int j = 0; j < BATT_N; j++)
            if ((s.r[i] >> j) & 1u) apply_colour(out, f(Pair{i, j}, ok), ok);
    return out;
}

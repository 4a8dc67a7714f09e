// frontiers: the rows and the columns of a single colour, as objects. A
// uniform row and a uniform column always cross, which a label map cannot
// hold (left to the CPU), except in a 1x1 grid where they are one object;
// where every use reads them one by one and paints their union, a bag
// holds them all (see ObjBag), and the masks of Frontiers hold any of them
// where every use reads Frontiers. A grid with no rows is an error; one of
// no columns has no frontiers.
// sig: frontiers(Grid) -> Objects
// sig: frontiers(Grid) -> ObjBag painted as p_frontiers_bag
// sig: frontiers(Grid) -> Frontiers as p_frontiers_f

BATT_DEVICE bool frontier_row(const Grid& g, int i) {
    for (int j = 1; j < g.w; j++)
        if (at(g, i, j) != at(g, i, 0)) return false;
    return true;
}

BATT_DEVICE bool frontier_col(const Grid& g, int j) {
    for (int i = 1; i < g.h; i++)
        if (at(g, i, j) != at(g, 0, j)) return false;
    return true;
}

BATT_PRIM Objects p_frontiers(const Grid& g, Flag& ok) {
    Objects x = objects_empty();
    if (g.h <= 0) { ok = false; return x; }
    if (g.w <= 0) return x;
    bool row[BATT_N], col[BATT_N];
    bool any_row = false, any_col = false;
    for (int i = 0; i < g.h; i++) {
        row[i] = frontier_row(g, i);
        any_row = any_row || row[i];
    }
    for (int j = 0; j < g.w; j++) {
        col[j] = frontier_col(g, j);
        any_col = any_col || col[j];
    }
    if (any_row && any_col && !(g.h == 1 && g.w == 1)) { ok.full(); return x; }
    int n = 0;
    for (int i = 0; i < g.h; i++)
        if (row[i]) {
            n++;
            for (int j = 0; j < g.w; j++) {
                x.lab[i * BATT_N + j] = (u16)n;
                x.c[i * BATT_N + j] = at(g, i, j);
            }
        }
    if (!any_row)
        for (int j = 0; j < g.w; j++)
            if (col[j]) {
                n++;
                for (int i = 0; i < g.h; i++) {
                    x.lab[i * BATT_N + j] = (u16)n;
                    x.c[i * BATT_N + j] = at(g, i, j);
                }
            }
    x.n = n;
    objs_canonical(x);
    return x;
}

BATT_PRIM ObjBag p_frontiers_bag(const Grid& g, Flag& ok) {
    ObjBag t = objbag_empty();
    if (g.h <= 0) { ok = false; return t; }
    for (int i = 0; i < g.h; i++)
        if (g.w > 0 && frontier_row(g, i)) {
            Object o = object_empty();
            for (int j = 0; j < g.w; j++) obj_add(o, at(g, i, j), i, j, ok);
            objbag_push(t, o, ok);
        }
    for (int j = 0; j < g.w; j++)
        if (frontier_col(g, j)) {
            Object o = object_empty();
            for (int i = 0; i < g.h; i++) obj_add(o, at(g, i, j), i, j, ok);
            objbag_push(t, o, ok);
        }
    return t;
}

BATT_PRIM Frontiers p_frontiers_f(const Grid& g, Flag& ok) {
    Frontiers f = frontiers_empty();
    if (g.h <= 0) { ok = false; return f; }
    f.h = g.h;
    f.w = g.w;
    if (g.w <= 0) return f;
    for (int i = 0; i < g.h; i++)
        if (frontier_row(g, i)) {
            f.rows |= 1u << i;
            f.rc[i] = at(g, i, 0);
        }
    for (int j = 0; j < g.w; j++)
        if (frontier_col(g, j)) {
            f.cols |= 1u << j;
            f.cc[j] = at(g, 0, j);
        }
    // In a 1x1 grid the row and the column are one object.
    if (g.h == 1 && g.w == 1) f.cols = 0;
    return f;
}

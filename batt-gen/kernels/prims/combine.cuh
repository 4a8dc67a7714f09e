// combine: the elements of a then b, in a container of a's kind: the
// union of two sets (objects holding one colour per position, sets of
// objects disjoint members), the concatenation of two tuples (a tuple of
// grids' rows is a grid when the widths agree). batt never errs here: a
// value the device forms cannot hold is left to the CPU.
// sig: combine(Indices, Indices) -> Indices
// sig: combine(Object, Object) -> Object
// sig: combine(Object, Object) -> Object painted as p_combine_painted
// sig: combine(Objects, Objects) -> Objects
// sig: combine(Colours, Colours) -> Colours
// sig: combine(Ints, Ints) -> Ints
// sig: combine(Grids, Grids) -> Grids
// sig: combine(Grid, Grid) -> Grid
// sig: combine(Indices, Pairs) -> Indices
// sig: combine(Pairs, Pairs) -> Pairs
// sig: combine(Pairs, Indices) -> Pairs
// sig: combine(Patches, Patches) -> Patches
// sig: combine(ObjTuple, ObjTuple) -> ObjTuple
// sig: combine(ObjBag, ObjBag) -> ObjBag painted as p_combine_bag
// needs: insert

BATT_PRIM Indices p_combine(const Indices& a, const Indices& b, Flag& ok) {
    (void)ok;
    Indices r;
    for (int i = 0; i < BATT_N; i++) r.r[i] = a.r[i] | b.r[i];
    return r;
}

BATT_PRIM Object p_combine(const Object& a, const Object& b, Flag& ok) {
    Object r = a;
    for (int i = 0; i < BATT_N; i++)
        for (int j = 0; j < BATT_N; j++)
            if ((b.r[i] >> j) & 1u) obj_add(r, b.c[i * BATT_N + j], i, j, ok);
    return r;
}

// Read only as `paint` reads it (see PAINTED_SINKS): where both have a
// position in different colours, the largest (`recolor` of one object
// two ways, combined).
BATT_PRIM Object p_combine_painted(const Object& a, const Object& b, Flag& ok) {
    Object r = a;
    mapply_union(r, b, ok, true);
    return r;
}

BATT_PRIM Objects p_combine(const Objects& a, const Objects& b, Flag& ok) {
    Objects r = a;
    for (int k = 1; k <= b.n; k++) insert_add(r, objs_get(b, k), ok);
    objs_canonical(r);
    return r;
}

BATT_PRIM Colours p_combine(const Colours& a, const Colours& b, Flag& ok) {
    (void)ok;
    return Colours{a.m | b.m};
}

BATT_PRIM Ints p_combine(const Ints& a, const Ints& b, Flag& ok) {
    Ints r = a;
    for (int k = 0; k < b.n && k < BATT_INTS; k++) ints_push(r, b.v[k], ok);
    return r;
}

BATT_PRIM Grids p_combine(const Grids& a, const Grids& b, Flag& ok) {
    Grids r = a;
    for (int k = 0; k < b.n && k < BATT_GRIDS; k++) grids_push_at(r, b, k, ok);
    return r;
}

BATT_PRIM Grid p_combine(const Grid& a, const Grid& b, Flag& ok) {
    if (a.h == 0) return b;
    if (b.h == 0) return a;
    if (a.w != b.w || a.h + b.h > BATT_N) { ok.full(); return grid_empty(); }
    Grid r = grid_filled(a.h + b.h, a.w, 0);
    for (int i = 0; i < a.h; i++)
        for (int j = 0; j < a.w; j++) r.c[i * BATT_N + j] = at(a, i, j);
    for (int i = 0; i < b.h; i++)
        for (int j = 0; j < b.w; j++) r.c[(a.h + i) * BATT_N + j] = at(b, i, j);
    return r;
}

BATT_PRIM Indices p_combine(const Indices& a, const Pairs& b, Flag& ok) {
    Indices r = a;
    for (int k = 0; k < b.n && k < BATT_INTS; k++) idx_add(r, b.v[k].a, b.v[k].b, ok);
    return r;
}

BATT_PRIM Pairs p_combine(const Pairs& a, const Pairs& b, Flag& ok) {
    Pairs r = a;
    for (int k = 0; k < b.n && k < BATT_INTS; k++) pairs_push(r, b.v[k], ok);
    return r;
}

BATT_PRIM Pairs p_combine(const Pairs& a, const Indices& b, Flag& ok) {
    Pairs r = a;
    pairs_push_positions(r, b, ok);
    return r;
}

BATT_PRIM Patches p_combine(const Patches& a, const Patches& b, Flag& ok) {
    Patches r = a;
#pragma unroll 1
    for (int k = 0; k < b.n && k < BATT_PATCHES; k++) patches_add(r, b.s[k], ok);
    return r;
}

// Two tuples of objects, one after the other: they must stay disjoint and
// free of repeats to fit.
BATT_PRIM ObjTuple p_combine(const ObjTuple& a, const ObjTuple& b, Flag& ok) {
    ObjTuple r = a;
    for (int k = 1; k <= b.x.n; k++) {
        Object o = objs_get(b.x, k);
        if (insert_find(r.x, o) != 0) { ok.full(); return r; }
        insert_add(r.x, o, ok);
    }
    return r;
}

// Two bags standing for sets of objects: their union, members repeated
// as they come.
BATT_PRIM ObjBag p_combine_bag(const ObjBag& a, const ObjBag& b, Flag& ok) {
    ObjBag r = a;
    objbag_concat(r, b, ok);
    return r;
}

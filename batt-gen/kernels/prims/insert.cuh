// insert: the set `container` with `value` added (batt's containers.rs;
// it never errs here: an index outside the frame, an integer outside
// 0..63 or an object the label map cannot take is left to the CPU).
// Also the set-of-objects helpers the other object templates share
// (insert_find, insert_add, insert_drop; `// needs: insert`).
// sig: insert(Pair, Indices) -> Indices
// sig: insert(Int, Colours) -> Colours
// sig: insert(Object, Objects) -> Objects
// sig: insert(Object, ObjBag) -> ObjBag painted as p_insert_bag
// sig: insert(Object, ObjBag) -> ObjBag unordered as p_insert_bag
// sig: insert(Indices, Patches) -> Patches
// sig: insert(Cell, Object) -> Object
// sig: insert(Grid, GridSet) -> GridSet
// sig: insert(Pair, Offsets) -> Offsets
// sig: insert(Pair, Indices) -> Indices clipped as p_insert_clip

BATT_DEVICE bool insert_in_obj(const Object& o, int p) { return (o.r[p / BATT_N] >> (p % BATT_N)) & 1u; }

// The label of the member of `x` equal to `o`, or 0 when there is none.
// Members are disjoint, so only the member at one of o's positions can be.
BATT_DEVICE int insert_find(const Objects& x, const Object& o) {
    const int first = cells_next(o.r, 0);
    if (first >= BATT_CELLS) return 0;
    int l = x.lab[first];
    if (l == 0) return 0;
    for (int p = 0; p < BATT_CELLS; p++) {
        bool in_o = insert_in_obj(o, p);
        bool in_x = x.lab[p] == l;
        if (in_o != in_x) return 0;
        if (in_o && o.c[p] != x.c[p]) return 0;
    }
    return l;
}

// Adds `o` as a member of `x` (an equal member is kept once). The label
// map holds only disjoint, non-empty members: an empty object, or one that
// overlaps another member, makes a set batt holds but the device does not
// (left to the CPU). Labels are not canonical afterwards: call
// objs_canonical after the last addition.
BATT_DEVICE void insert_add(Objects& x, const Object& o, Flag& ok) {
    if (obj_size(o) == 0) { ok.full(); return; }
    if (insert_find(x, o) != 0) return;
    for (int p = cells_next(o.r, 0); p < BATT_CELLS; p = cells_next(o.r, p + 1))
        if (x.lab[p] != 0) { ok.full(); return; }
    if (x.n >= BATT_CELLS) { ok.full(); return; }
    x.n++;
    for (int p = cells_next(o.r, 0); p < BATT_CELLS; p = cells_next(o.r, p + 1)) {
        x.lab[p] = (u16)x.n;
        x.c[p] = o.c[p];
    }
}

// Drops member `l` (call objs_canonical afterwards).
BATT_DEVICE void insert_drop(Objects& x, int l) {
    if (l == 0) return;
    for (int p = 0; p < BATT_CELLS; p++)
        if (x.lab[p] == l) { x.lab[p] = 0; x.c[p] = 0; }
}

BATT_PRIM Indices p_insert(const Pair& v, const Indices& s, Flag& ok) {
    Indices r = s;
    idx_add(r, v.a, v.b, ok);
    return r;
}

// A position added where it is inside the frame; one outside it dropped
// (the clipped overload, for a set whose every use reads positions inside
// a grid only; see idx_add_clip).
BATT_PRIM Indices p_insert_clip(const Pair& v, const Indices& s, Flag& ok) {
    (void)ok;
    Indices r = s;
    idx_add_clip(r, v.a, v.b);
    return r;
}

BATT_PRIM Offsets p_insert(const Pair& v, const Offsets& s, Flag& ok) {
    Offsets r = s;
    offsets_add(r, v, ok);
    return r;
}

BATT_PRIM Colours p_insert(i64 v, const Colours& s, Flag& ok) {
    Colours r = s;
    if (!setint_ok(v)) { ok.full(); return r; }  // a set of integers Colours cannot hold
    r.m |= 1ull << v;
    return r;
}

BATT_PRIM Objects p_insert(const Object& o, const Objects& s, Flag& ok) {
    Objects r = s;
    insert_add(r, o, ok);
    objs_canonical(r);
    return r;
}

BATT_PRIM Patches p_insert(const Indices& s, const Patches& x, Flag& ok) {
    Patches r = x;
    patches_add(r, s, ok);
    return r;
}

BATT_PRIM Object p_insert(const Cell& c, const Object& o, Flag& ok) {
    Object r = o;
    obj_add(r, c.c, c.ij.a, c.ij.b, ok);
    return r;
}

BATT_PRIM GridSet p_insert(const Grid& g, const GridSet& s, Flag& ok) {
    GridSet r = s;
    gridset_add(r, g, ok);
    return r;
}

// An object added to a bag standing for a set of objects, which may
// overlap (the results of a set of callables, `rapply`): the plan builds
// such bags itself, no card's `insert` takes this overload.
BATT_PRIM ObjBag p_insert_bag(const Object& o, const ObjBag& t, Flag& ok) {
    ObjBag r = t;
    objbag_push(r, o, ok);
    return r;
}

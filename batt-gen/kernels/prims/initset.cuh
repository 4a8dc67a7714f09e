// initset: the set holding just `value` (an index outside the frame, a
// number outside 0..63 or the empty object does not fit: left to the CPU).
// sig: initset(Pair) -> Indices
// sig: initset(Pair) -> Indices clipped as p_initset_clip
// sig: initset(Int) -> Colours
// sig: initset(Object) -> Objects
// sig: initset(Object) -> ObjBag painted as p_initset_bag
// sig: initset(Object) -> ObjBag unordered as p_initset_bag
// sig: initset(Indices) -> Patches
// sig: initset(Cell) -> Object
// sig: initset(Grid) -> GridSet
// needs: insert

BATT_PRIM Indices p_initset(const Pair& v, Flag& ok) {
    Indices r = indices_empty();
    idx_add(r, v.a, v.b, ok);
    return r;
}

// The position alone where it is inside the frame, else nothing (the
// clipped overload; see p_insert_clip).
BATT_PRIM Indices p_initset_clip(const Pair& v, Flag& ok) {
    (void)ok;
    Indices r = indices_empty();
    idx_add_clip(r, v.a, v.b);
    return r;
}

BATT_PRIM Colours p_initset(i64 v, Flag& ok) {
    if (!setint_ok(v)) { ok.full(); return Colours{0u}; }
    return Colours{1ull << v};
}

BATT_PRIM Objects p_initset(const Object& o, Flag& ok) {
    Objects r = objects_empty();
    insert_add(r, o, ok);
    objs_canonical(r);
    return r;
}

// A bag of one object (see p_insert_bag).
BATT_PRIM ObjBag p_initset_bag(const Object& o, Flag& ok) {
    ObjBag r = objbag_empty();
    objbag_push(r, o, ok);
    return r;
}

BATT_PRIM Patches p_initset(const Indices& s, Flag& ok) {
    Patches r = patches_empty();
    patches_add(r, s, ok);
    return r;
}

BATT_PRIM Object p_initset(const Cell& c, Flag& ok) {
    Object o = object_empty();
    obj_add(o, c.c, c.ij.a, c.ij.b, ok);
    return o;
}

BATT_PRIM GridSet p_initset(const Grid& g, Flag& ok) {
    GridSet s = gridset_empty();
    gridset_add(s, g, ok);
    return s;
}

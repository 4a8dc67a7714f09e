// pair: the tuple of the pairs (a[k], b[k]), as far as the shorter tuple
// goes. Of integers and pairs, the pairs are cells (colour, (i, j)): a
// tuple of cells, held as the object of them where its uses ignore order
// and repeats (`unordered`: emit_cuda's UNORDERED_SINKS); two colours at
// one position, or a cell the object form cannot hold, are left to the
// CPU.
// sig: pair(Ints, Ints) -> Pairs
// sig: pair(Ints, Pairs) -> Object unordered
// sig: pair(Grids, Ints) -> GridInts
// sig: pair(ObjTuple, Ints) -> ObjInts
// sig: pair(ObjTuple, ObjTuple) -> ObjTuplePairs
// sig: pair(Grid, Ints) -> RowInts
BATT_PRIM Pairs p_pair(const Ints& a, const Ints& b, Flag& ok) {
    Pairs out = pairs_empty();
    for (int k = 0; k < a.n && k < b.n && k < BATT_INTS; k++) pairs_push(out, Pair{a.v[k], b.v[k]}, ok);
    return out;
}

BATT_PRIM Object p_pair(const Ints& a, const Pairs& b, Flag& ok) {
    Object out = object_empty();
    for (int k = 0; k < a.n && k < b.n && k < BATT_INTS; k++) obj_add(out, a.v[k], b.v[k].a, b.v[k].b, ok);
    return out;
}

// Grids, objects or a grid's rows with integers: both tuples kept, with
// their common length.
BATT_PRIM GridInts p_pair(const Grids& a, const Ints& b, Flag& ok) {
    (void)ok;
    GridInts t;
    t.g = a;
    t.v = b;
    t.n = a.n < b.n ? a.n : b.n;
    return t;
}

BATT_PRIM ObjInts p_pair(const ObjTuple& a, const Ints& b, Flag& ok) {
    (void)ok;
    ObjInts t;
    t.t = a;
    t.v = b;
    t.n = a.x.n < b.n ? a.x.n : b.n;
    return t;
}

BATT_PRIM ObjTuplePairs p_pair(const ObjTuple& a, const ObjTuple& b, Flag& ok) {
    (void)ok;
    ObjTuplePairs t;
    t.a = a;
    t.b = b;
    t.n = a.x.n < b.x.n ? a.x.n : b.x.n;
    return t;
}

BATT_PRIM RowInts p_pair(const Grid& a, const Ints& b, Flag& ok) {
    (void)ok;
    RowInts t;
    t.g = a;
    t.v = b;
    t.n = a.h < b.n ? a.h : b.n;
    return t;
}

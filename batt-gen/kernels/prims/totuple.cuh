// totuple: the elements as a tuple, in iteration order (a tuple stays as
// it is).
// sig: totuple(Colours) -> Ints
// sig: totuple(Ints) -> Ints
// sig: totuple(Grids) -> Grids
// sig: totuple(Objects) -> ObjTuple
// sig: totuple(ObjTuple) -> ObjTuple
// sig: totuple(Indices) -> Pairs

BATT_PRIM Ints p_totuple(const Colours& s, Flag& ok) {
    Ints r = ints_empty();
    for (int c = 0; c < BATT_SET_INTS; c++)
        if ((s.m >> c) & 1u) ints_push(r, c, ok);
    return r;
}

BATT_PRIM Ints p_totuple(const Ints& t, Flag& ok) {
    (void)ok;
    return t;
}

BATT_PRIM Grids p_totuple(const Grids& t, Flag& ok) {
    (void)ok;
    return t;
}

BATT_PRIM ObjTuple p_totuple(const Objects& x, Flag& ok) {
    (void)ok;
    ObjTuple t;
    t.x = x;  // the canonical order is the set's iteration order
    return t;
}

BATT_PRIM ObjTuple p_totuple(const ObjTuple& t, Flag& ok) {
    (void)ok;
    return t;
}

BATT_PRIM Pairs p_totuple(const Indices& s, Flag& ok) {
    Pairs t = pairs_empty();
    pairs_push_positions(t, s, ok);
    return t;
}

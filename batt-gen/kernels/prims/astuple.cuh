// astuple: the 2-tuple (a, b) of two integers, an IntegerTuple (booleans
// read as 0 or 1, as batt's canonical pair does); of an integer and a pair,
// a cell (colour, (i, j)); of two grids or two pairs, a tuple of them.
// sig: astuple(Int, Int) -> Pair
// sig: astuple(Int, Pair) -> Cell
// sig: astuple(Grid, Grid) -> Grids
// sig: astuple(Pair, Pair) -> Pairs
// sig: astuple(Indices, Indices) -> Patches unordered as p_astuple_ss
// sig: astuple(Frontiers, Frontiers) -> FrontiersPair
BATT_PRIM Pair p_astuple(i64 a, i64 b, Flag& ok) {
    (void)ok;
    Pair r;
    r.a = a;
    r.b = b;
    return r;
}

BATT_PRIM Cell p_astuple(i64 a, const Pair& b, Flag& ok) {
    (void)ok;
    return Cell{a, b};
}

BATT_PRIM Grids p_astuple(const Grid& a, const Grid& b, Flag& ok) {
    Grids t = grids_empty();
    grids_push(t, a, ok);
    grids_push(t, b, ok);
    return t;
}

BATT_PRIM Pairs p_astuple(const Pair& a, const Pair& b, Flag& ok) {
    Pairs t = pairs_empty();
    pairs_push(t, a, ok);
    pairs_push(t, b, ok);
    return t;
}

// Two sets of positions, held as the set of them where their order and a
// repeat do not count (`unordered`: emit_cuda's UNORDERED_SINKS).
BATT_PRIM Patches p_astuple_ss(const Indices& a, const Indices& b, Flag& ok) {
    Patches t = patches_empty();
    patches_add(t, a, ok);
    patches_add(t, b, ok);
    return t;
}

BATT_PRIM FrontiersPair p_astuple(const Frontiers& a, const Frontiers& b, Flag& ok) {
    (void)ok;
    FrontiersPair t;
    t.a = a;
    t.b = b;
    return t;
}

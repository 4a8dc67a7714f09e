// pair: the tuple of the pairs (a[k], b[k]), as far as the shorter tuple
// goes. Of integers and pairs, the pairs are cells (colour, (i, j)): a
// tuple of cells, held as the object of them where its uses ignore order
// and repeats (`unordered`: emit_cuda's UNORDERED_SINKS); two colours at
// one position, or a cell the object form cannot hold, are left to the
// CPU.
// sig: pair(Ints, Ints) -> Pairs
// sig: pair(Ints, Pairs) -> Object unordered
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

// toindices: the patch's set of indices.
// sig: toindices(Object) -> Indices
// sig: toindices(Indices) -> Indices
BATT_PRIM Indices p_toindices(const Object& o, Flag& ok) {
    (void)ok;
    return obj_indices(o);
}

BATT_PRIM Indices p_toindices(const Indices& s, Flag& ok) {
    (void)ok;
    return s;
}

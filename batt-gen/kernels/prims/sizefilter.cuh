// sizefilter: the set of the elements whose length is n. The elements of
// indices and objects are 2-tuples, so those give the container or nothing.
// sig: sizefilter(Objects, Int) -> Objects
// sig: sizefilter(Indices, Int) -> Indices
// sig: sizefilter(Object, Int) -> Object
// sig: sizefilter(Patches, Int) -> Patches

BATT_PRIM Objects p_sizefilter(const Objects& x, i64 n, Flag& ok) {
    (void)ok;
    u16 sizes[BATT_CELLS + 1];
    for (int l = 0; l <= BATT_CELLS; l++) sizes[l] = 0;
    for (int p = 0; p < BATT_CELLS; p++) sizes[x.lab[p]]++;
    Objects r = x;
    for (int p = 0; p < BATT_CELLS; p++) {
        int l = x.lab[p];
        if (l != 0 && (i64)sizes[l] != n) { r.lab[p] = 0; r.c[p] = 0; }
    }
    objs_canonical(r);
    return r;
}

BATT_PRIM Indices p_sizefilter(const Indices& s, i64 n, Flag& ok) {
    (void)ok;
    return n == 2 ? s : indices_empty();
}

BATT_PRIM Object p_sizefilter(const Object& o, i64 n, Flag& ok) {
    (void)ok;
    return n == 2 ? o : object_empty();
}

BATT_PRIM Patches p_sizefilter(const Patches& x, i64 n, Flag& ok) {
    (void)ok;
    Patches r = patches_empty();
    for (int k = 0; k < x.n && k < BATT_PATCHES; k++)
        if ((i64)idx_size(x.s[k]) == n) r.s[r.n++] = x.s[k];
    return r;
}

// centerofmass: the floored mean of the patch's indices (for an empty
// patch the reference's (), which is no pair: `ok.empty_tuple()`). A device object
// has one cell per index, so its length is its number of indices.
// sig: centerofmass(Indices) -> Pair
// sig: centerofmass(Object) -> Pair
BATT_DEVICE Pair centerofmass_mask(const u32* m, Flag& ok) {
    i64 n = 0, si = 0, sj = 0;
    for (int i = 0; i < BATT_N; i++)
        for (int j = 0; j < BATT_N; j++)
            if ((m[i] >> j) & 1u) {
                n++;
                si += i;
                sj += j;
            }
    if (n == 0) { ok.empty_tuple(); return Pair{0, 0}; }
    return Pair{si / n, sj / n};
}

BATT_PRIM Pair p_centerofmass(const Indices& p, Flag& ok) { return centerofmass_mask(p.r, ok); }
BATT_PRIM Pair p_centerofmass(const Object& p, Flag& ok) { return centerofmass_mask(p.r, ok); }

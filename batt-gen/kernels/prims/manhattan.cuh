// manhattan: the smallest Manhattan distance between an index of one
// patch and an index of the other (an empty patch is an error). Row by
// row: the horizontal gap between two row masks is how often one must
// spread by a column to meet the other.
// sig: manhattan(Indices, Indices) -> Int
// sig: manhattan(Indices, Object) -> Int
// sig: manhattan(Object, Indices) -> Int
// sig: manhattan(Object, Object) -> Int
BATT_DEVICE i64 manhattan_masks(const u32* a, const u32* b, Flag& ok) {
    i64 best = -1;
    for (int ia = 0; ia < BATT_N; ia++) {
        if (a[ia] == 0) continue;
        for (int ib = 0; ib < BATT_N; ib++) {
            if (b[ib] == 0) continue;
            int dv = ia > ib ? ia - ib : ib - ia;
            if (best >= 0 && dv >= best) continue;
            u32 m = a[ia];
            int dh = 0;
            while ((m & b[ib]) == 0 && dh < 32) {
                m = m | (m << 1) | (m >> 1);
                dh++;
            }
            if (best < 0 || dv + dh < best) best = dv + dh;
        }
    }
    if (best < 0) { ok = false; return 0; }
    return best;
}

BATT_PRIM i64 p_manhattan(const Indices& a, const Indices& b, Flag& ok) { return manhattan_masks(a.r, b.r, ok); }
BATT_PRIM i64 p_manhattan(const Indices& a, const Object& b, Flag& ok) { return manhattan_masks(a.r, b.r, ok); }
BATT_PRIM i64 p_manhattan(const Object& a, const Indices& b, Flag& ok) { return manhattan_masks(a.r, b.r, ok); }
BATT_PRIM i64 p_manhattan(const Object& a, const Object& b, Flag& ok) { return manhattan_masks(a.r, b.r, ok); }

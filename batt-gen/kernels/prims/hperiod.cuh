// hperiod: the smallest horizontal shift q such that the normalised object
// shifted back by q (cells leaving at the left dropped) lies within
// itself, colours included; its width when there is none. Indices
// have a period only when the width is 1 (the reference unpacks a cell
// from an index otherwise: an error); an empty patch, normalised to
// itself, has period 0.
// sig: hperiod(Object) -> Int
// sig: hperiod(Indices) -> Int
// sig: hperiod(ObjAt) -> Int
BATT_PRIM i64 p_hperiod(const Object& o, Flag& ok) {
    (void)ok;
    int t, l, b, r;
    if (!mask_bounds(o.r, t, l, b, r)) return 0;
    int extent = r - l + 1;
    for (int q = 1; q < extent; q++) {
        bool periodic = true;
        for (int i = t; i <= b && periodic; i++)
            for (int j = l; j <= r && periodic; j++) {
                if (!((o.r[i] >> j) & 1u) || !(j - l >= q)) continue;
                int si = i, sj = j - q;
                if (!((o.r[si] >> sj) & 1u) || o.c[si * BATT_N + sj] != o.c[i * BATT_N + j]) periodic = false;
            }
        if (periodic) return q;
    }
    return extent;
}

BATT_PRIM i64 p_hperiod(const Indices& s, Flag& ok) {
    int t, l, b, r;
    if (!mask_bounds(s.r, t, l, b, r)) return 0;
    if (r - l + 1 != 1) { ok = false; return 0; }
    return 1;
}

// Moving an object keeps its period.
BATT_PRIM i64 p_hperiod(const ObjAt& t, Flag& ok) { return p_hperiod(t.o, ok); }

// vperiod: the smallest vertical shift q such that the normalised object
// shifted back by q (cells leaving at the top dropped) lies within
// itself, colours included; its height when there is none. Indices
// have a period only when the height is 1 (the reference unpacks a cell
// from an index otherwise: an error); an empty patch, normalised to
// itself, has period 0.
// sig: vperiod(Object) -> Int
// sig: vperiod(Indices) -> Int
// sig: vperiod(ObjAt) -> Int
BATT_PRIM i64 p_vperiod(const Object& o, Flag& ok) {
    (void)ok;
    int t, l, b, r;
    if (!mask_bounds(o.r, t, l, b, r)) return 0;
    int extent = b - t + 1;
    for (int q = 1; q < extent; q++) {
        bool periodic = true;
        for (int i = t; i <= b && periodic; i++)
            for (int j = l; j <= r && periodic; j++) {
                if (!((o.r[i] >> j) & 1u) || !(i - t >= q)) continue;
                int si = i - q, sj = j;
                if (!((o.r[si] >> sj) & 1u) || o.c[si * BATT_N + sj] != o.c[i * BATT_N + j]) periodic = false;
            }
        if (periodic) return q;
    }
    return extent;
}

BATT_PRIM i64 p_vperiod(const Indices& s, Flag& ok) {
    int t, l, b, r;
    if (!mask_bounds(s.r, t, l, b, r)) return 0;
    if (b - t + 1 != 1) { ok = false; return 0; }
    return 1;
}

// Moving an object keeps its period.
BATT_PRIM i64 p_vperiod(const ObjAt& t, Flag& ok) { return p_vperiod(t.o, ok); }

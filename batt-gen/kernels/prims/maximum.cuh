// maximum: the largest element, or 0 for an empty container.
// sig: maximum(Ints) -> Int
// sig: maximum(Colours) -> Int
// sig: maximum(Pair) -> Int

BATT_PRIM i64 p_maximum(const Ints& t, Flag& ok) {
    (void)ok;
    i64 best = 0;
    for (int k = 0; k < t.n && k < BATT_INTS; k++)
        if (k == 0 || t.v[k] > best) best = t.v[k];
    return best;
}

BATT_PRIM i64 p_maximum(const Colours& s, Flag& ok) {
    (void)ok;
    for (int c = BATT_SET_INTS - 1; c >= 0; c--)
        if ((s.m >> c) & 1u) return c;
    return 0;
}

BATT_PRIM i64 p_maximum(const Pair& q, Flag& ok) {
    (void)ok;
    return q.a > q.b ? q.a : q.b;
}

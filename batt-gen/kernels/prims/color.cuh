// color: the colour of the object's first cell, which is its smallest
// colour (cells order by colour first); of indices, duck typed, the row
// of the first index. An empty patch has no first cell: an error.
// sig: color(Object) -> Int
// sig: color(Indices) -> Int
BATT_PRIM i64 p_color(const Object& o, Flag& ok) {
    int best = 16;
    for (int i = 0; i < BATT_N; i++)
        for (int j = 0; j < BATT_N; j++)
            if (((o.r[i] >> j) & 1u) && o.c[i * BATT_N + j] < best) best = o.c[i * BATT_N + j];
    if (best == 16) { ok = false; return 0; }
    return best;
}

BATT_PRIM i64 p_color(const Indices& s, Flag& ok) {
    for (int i = 0; i < BATT_N; i++)
        if (s.r[i] != 0) return i;
    ok = false;
    return 0;
}

// mostcolor: the most common colour of a grid or an object (ties to the
// smallest colour); of indices, the most common row (the reference unpacks
// (i, j) as (colour, _)). No cells: an error.
// sig: mostcolor(Grid) -> Int
// sig: mostcolor(Object) -> Int
// sig: mostcolor(Indices) -> Int

// The first value with the most (most) or fewest (!most) of counts[0..n)
// among those with any; -1 when none has any.
BATT_DEVICE int mostcolor_pick(const int* counts, int n, bool most) {
    int best = -1;
    for (int k = 0; k < n; k++) {
        if (counts[k] == 0) continue;
        if (best < 0 || (most ? counts[k] > counts[best] : counts[k] < counts[best])) best = k;
    }
    return best;
}

BATT_DEVICE void mostcolor_count_grid(const Grid& g, int* counts) {
    for (int k = 0; k < 16; k++) counts[k] = 0;
    for (int i = 0; i < g.h; i++)
        for (int j = 0; j < g.w; j++) counts[at(g, i, j) & 15]++;
}

BATT_DEVICE void mostcolor_count_object(const Object& o, int* counts) {
    for (int k = 0; k < 16; k++) counts[k] = 0;
    for (int i = 0; i < BATT_N; i++)
        for (int j = 0; j < BATT_N; j++)
            if ((o.r[i] >> j) & 1u) counts[o.c[i * BATT_N + j] & 15]++;
}

BATT_DEVICE void mostcolor_count_rows(const Indices& s, int* counts) {
    for (int i = 0; i < BATT_N; i++) counts[i] = popcount32(s.r[i]);
}

BATT_DEVICE i64 mostcolor_result(int k, Flag& ok) {
    if (k < 0) { ok = false; return 0; }
    return (i64)k;
}

BATT_PRIM i64 p_mostcolor(const Grid& g, Flag& ok) {
    int counts[16];
    mostcolor_count_grid(g, counts);
    return mostcolor_result(mostcolor_pick(counts, 16, true), ok);
}

BATT_PRIM i64 p_mostcolor(const Object& o, Flag& ok) {
    int counts[16];
    mostcolor_count_object(o, counts);
    return mostcolor_result(mostcolor_pick(counts, 16, true), ok);
}

BATT_PRIM i64 p_mostcolor(const Indices& s, Flag& ok) {
    int counts[BATT_N];
    mostcolor_count_rows(s, counts);
    return mostcolor_result(mostcolor_pick(counts, BATT_N, true), ok);
}

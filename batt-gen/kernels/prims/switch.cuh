// switch: colours a and b exchanged (each checked only when written:
// beyond i8 an error, outside 0..15 left to the CPU).
// sig: switch(Grid, Int, Int) -> Grid
BATT_PRIM Grid p_switch(const Grid& g, i64 a, i64 b, Flag& ok) {
    Grid r = g;
    if (a == b) return r;
    for (int i = 0; i < g.h; i++)
        for (int j = 0; j < g.w; j++) {
            i64 v = (i64)at(g, i, j);
            if (v != a && v != b) continue;
            i64 n = v == a ? b : a;
            colour_write(n, ok);
            if (!ok) return grid_empty();
            r.c[i * BATT_N + j] = (u8)n;
        }
    return r;
}

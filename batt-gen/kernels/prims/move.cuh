// move: paint(cover(grid, obj), shift(obj, offset)); the shifted cells
// outside the grid are dropped. An empty object cannot be shifted (an
// error); an offset past the i32 indices is one too (flagged beyond 2^30,
// where every cell leaves the grid anyway).
// needs: cover
// sig: move(Grid, Object, Pair) -> Grid
BATT_DEVICE Grid p_move(const Grid& g, const Object& o, const Pair& d, Flag& ok) {
    const i64 lim = 1LL << 30;
    if (g.h == 0 || g.w == 0 || obj_size(o) == 0 || d.a > lim || d.a < -lim || d.b > lim || d.b < -lim) {
        ok = false;
        return grid_empty();
    }
    Grid out = cover_mask(g, o.r, ok);
    for (int i = 0; i < BATT_N; i++)
        for (int j = 0; j < BATT_N; j++)
            if ((o.r[i] >> j) & 1u) {
                i64 ni = i + d.a, nj = j + d.b;
                if (ni >= 0 && ni < g.h && nj >= 0 && nj < g.w) out.c[ni * BATT_N + nj] = o.c[i * BATT_N + j];
            }
    return out;
}

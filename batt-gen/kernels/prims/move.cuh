// move: paint(cover(grid, obj), shift(obj, offset)); the shifted cells
// outside the grid are dropped. An empty object leaves the grid as it is
// (whatever the offset); a shifted cell beyond batt's i32 indices is an
// error.
// needs: cover
// sig: move(Grid, Object, Pair) -> Grid
BATT_PRIM Grid p_move(const Grid& g, const Object& o, const Pair& d, Flag& ok) {
    if (g.h == 0 || g.w == 0 || (obj_size(o) != 0 && !mask_shift_fits_i32(o.r, d.a, d.b))) {
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

// cellwise: a where it agrees with b, fallback elsewhere (checked only when
// used: beyond i8 an error, outside 0..15 left to the CPU). `()` for a,
// or for b once it is read, is an error, and so is a b smaller than a.
// sig: cellwise(Grid, Grid, Int) -> Grid
BATT_PRIM Grid p_cellwise(const Grid& a, const Grid& b, i64 fallback, Flag& ok) {
    if (a.h == 0) { ok = false; return grid_empty(); }
    if (a.w == 0) return grid_filled(a.h, 0, 0);
    if (b.h == 0 || b.h < a.h || b.w < a.w) { ok = false; return grid_empty(); }
    Grid r = grid_filled(a.h, a.w, 0);
    for (int i = 0; i < a.h; i++)
        for (int j = 0; j < a.w; j++) {
            u8 x = at(a, i, j);
            if (x == at(b, i, j)) {
                r.c[i * BATT_N + j] = x;
            } else {
                colour_write(fallback, ok);
                if (!ok) return grid_empty();
                r.c[i * BATT_N + j] = (u8)fallback;
            }
        }
    return r;
}

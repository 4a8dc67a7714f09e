// cellwise: a where it agrees with b, fallback elsewhere (checked only when
// used: beyond i8 an error, outside 0..15 left to the CPU). `()` for a,
// or for b once it is read, is an error, and so is a b smaller than a.
// Of a grid too large (its stand-in), the shape is known: a b smaller than
// a is an error, a too large gives one too large again (with a fallback
// within i8, which never fails), and a grid the frame holds read from one
// too large is left to the CPU.
// sig: cellwise(Grid, Grid, Int) -> Grid
BATT_PRIM Grid p_cellwise(const Grid& a, const Grid& b, i64 fallback, Flag& ok) {
    int ah, aw, bh, bw;
    bool ar, br;
    const bool big_a = big_shape(a, ah, aw, ar);
    const bool big_b = big_shape(b, bh, bw, br);
    if (big_a || big_b) {
        if (ar || br || !fits_i8(fallback)) { ok.full(); return grid_empty(); }
        if (ah == 0) { ok = false; return grid_empty(); }
        if (aw == 0) return big_a ? grid_too_big(ah, 0, ok) : grid_filled(ah, 0, 0);
        if (bh == 0 || bh < ah || bw < aw) { ok = false; return grid_empty(); }
        if (big_a) return grid_too_big(ah, aw, ok);
        ok.full();
        return grid_empty();
    }
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

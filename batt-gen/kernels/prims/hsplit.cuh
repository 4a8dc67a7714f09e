// hsplit: n parts side by side, skipping one column between parts when the
// width does not divide (n = 0 and `()` are errors; n < 0 gives no part;
// more parts than Grids holds are left to the CPU).
// sig: hsplit(Grid, Int) -> Grids
// needs: crop
BATT_PRIM Grids p_hsplit(const Grid& g, i64 n, Flag& ok) {
    Grids out = grids_empty();
    if (g.h == 0 || n == 0) { ok = false; return out; }
    if (n < 0) return out;
    if (n > BATT_GRIDS) { ok.full(); return out; }
    int parts = (int)n;
    int w = g.w / parts;
    int off = g.w % parts != 0 ? 1 : 0;
    for (int k = 0; k < parts; k++) {
        int start = (w + off) * k;
        grids_push(out, crop_slice(g, 0, g.h, start, start + w), ok);
    }
    return out;
}

// vsplit: n parts one above the other, skipping one row between parts when
// the height does not divide (n = 0 and `()` are errors; n < 0 gives no
// part; more parts than Grids holds are left to the CPU).
// sig: vsplit(Grid, Int) -> Grids
// needs: crop
BATT_PRIM Grids p_vsplit(const Grid& g, i64 n, Flag& ok) {
    Grids out = grids_empty();
    if (g.h == 0 || n == 0) { ok = false; return out; }
    if (n < 0) return out;
    if (n > BATT_GRIDS) { ok.full(); return out; }
    int parts = (int)n;
    int h = g.h / parts;
    int off = g.h % parts != 0 ? 1 : 0;
    for (int k = 0; k < parts; k++) {
        int start = (h + off) * k;
        grids_push(out, crop_slice(g, start, start + h, 0, g.w), ok);
    }
    return out;
}

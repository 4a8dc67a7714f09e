// canvas: an h x w grid of one colour; `()` when h <= 0, and h rows of no
// cells when w <= 0 (the colour is then never checked). A side past the
// CPU's grids is an error, one past the frame is left to the CPU; so is a
// colour outside 0..15 (beyond i8 an error).
// sig: canvas(Int, Pair) -> Grid
BATT_PRIM Grid p_canvas(i64 value, const Pair& dims, Flag& ok) {
    if (dims.a <= 0) return grid_empty();
    i64 w = dims.b < 0 ? 0 : dims.b;
    if (dims.a > BATT_SIDE_MAX || w > BATT_SIDE_MAX) { ok = false; return grid_empty(); }
    if (dims.a > BATT_N || w > BATT_N) {
        // A colour beyond i8 (an error on the CPU) is not vouched for.
        if (w > 0 && !fits_i8(value)) {
            ok.full();
            return grid_empty();
        }
        return grid_too_big(dims.a, w, ok);
    }
    if (w > 0) {
        colour_write(value, ok);
        if (!ok) return grid_empty();
    }
    return grid_filled((int)dims.a, (int)w, w > 0 ? (u8)value : 0);
}

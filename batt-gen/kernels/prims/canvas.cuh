// canvas: an h x w grid of one colour; `()` when h <= 0, and h rows of no
// cells when w <= 0 (the colour is then never checked).
// sig: canvas(Int, Pair) -> Grid
BATT_DEVICE Grid p_canvas(i64 value, const Pair& dims, Flag& ok) {
    if (dims.a <= 0) return grid_empty();
    i64 w = dims.b < 0 ? 0 : dims.b;
    if (dims.a > BATT_N || w > BATT_N) { ok = false; return grid_empty(); }
    if (w > 0 && !colour_ok(value)) { ok = false; return grid_empty(); }
    return grid_filled((int)dims.a, (int)w, w > 0 ? (u8)value : 0);
}

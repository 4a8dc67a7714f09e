// tophalf: the first h // 2 rows.
// sig: tophalf(Grid) -> Grid
// needs: crop
BATT_PRIM Grid p_tophalf(const Grid& g, Flag& ok) {
    (void)ok;
    return crop_slice(g, 0, g.h / 2, 0, g.w);
}

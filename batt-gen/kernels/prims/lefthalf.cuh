// lefthalf: the first w // 2 columns (`()` when none).
// sig: lefthalf(Grid) -> Grid
// needs: crop
BATT_PRIM Grid p_lefthalf(const Grid& g, Flag& ok) {
    (void)ok;
    if (g.w / 2 == 0) return grid_empty();
    return crop_slice(g, 0, g.h, 0, g.w / 2);
}

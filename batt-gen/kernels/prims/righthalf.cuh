// righthalf: the last w // 2 columns (`()` when none).
// sig: righthalf(Grid) -> Grid
// needs: crop
BATT_PRIM Grid p_righthalf(const Grid& g, Flag& ok) {
    (void)ok;
    if (g.w / 2 == 0) return grid_empty();
    return crop_slice(g, 0, g.h, g.w / 2 + g.w % 2, g.w);
}

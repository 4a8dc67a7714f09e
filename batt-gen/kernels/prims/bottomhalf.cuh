// bottomhalf: the last h // 2 rows.
// sig: bottomhalf(Grid) -> Grid
// needs: crop
BATT_PRIM Grid p_bottomhalf(const Grid& g, Flag& ok) {
    (void)ok;
    return crop_slice(g, g.h / 2 + g.h % 2, g.h, 0, g.w);
}

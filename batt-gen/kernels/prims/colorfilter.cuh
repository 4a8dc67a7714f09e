// colorfilter: the objects whose first cell (the smallest colour, objects
// iterating by colour first) has the colour `value`.
// sig: colorfilter(Objects, Int) -> Objects

BATT_PRIM Objects p_colorfilter(const Objects& x, i64 value, Flag& ok) {
    (void)ok;
    u8 mincol[BATT_CELLS + 1];
    for (int l = 0; l <= BATT_CELLS; l++) mincol[l] = 16;
    for (int p = 0; p < BATT_CELLS; p++) {
        int l = x.lab[p];
        if (l != 0 && x.c[p] < mincol[l]) mincol[l] = x.c[p];
    }
    Objects r = x;
    for (int p = 0; p < BATT_CELLS; p++) {
        int l = x.lab[p];
        if (l != 0 && (i64)mincol[l] != value) { r.lab[p] = 0; r.c[p] = 0; }
    }
    objs_canonical(r);
    return r;
}

// asobject: every cell of the grid as an object.
// sig: asobject(Grid) -> Object
BATT_PRIM Object p_asobject(const Grid& g, Flag& ok) {
    Object o = object_empty();
    for (int i = 0; i < g.h; i++)
        for (int j = 0; j < g.w; j++) {
            o.r[i] |= (1u << j);
            o.c[i * BATT_N + j] = at(g, i, j);
        }
    (void)ok;
    return o;
}

// toobject: the patch's cells inside the grid, with the grid's colours.
// The empty grid `()` has no first row to measure: an error.
// sig: toobject(Indices, Grid) -> Object
// sig: toobject(Object, Grid) -> Object
BATT_DEVICE Object toobject_mask(const u32* r, const Grid& g, Flag& ok) {
    Object o = object_empty();
    if (g.h == 0) { ok = false; return o; }
    for (int i = 0; i < g.h; i++)
        for (int j = 0; j < g.w; j++)
            if ((r[i] >> j) & 1u) {
                o.r[i] |= (1u << j);
                o.c[i * BATT_N + j] = at(g, i, j);
            }
    return o;
}

BATT_PRIM Object p_toobject(const Indices& p, const Grid& g, Flag& ok) { return toobject_mask(p.r, g, ok); }
BATT_PRIM Object p_toobject(const Object& p, const Grid& g, Flag& ok) { return toobject_mask(p.r, g, ok); }

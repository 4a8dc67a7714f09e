// ofcolor: the indices of the grid's cells of one colour.
// sig: ofcolor(Grid, Int) -> Indices
BATT_PRIM Indices p_ofcolor(const Grid& g, i64 v, Flag& ok) {
    Indices s = indices_empty();
    for (int i = 0; i < g.h; i++)
        for (int j = 0; j < g.w; j++)
            if ((i64)at(g, i, j) == v) s.r[i] |= (1u << j);
    (void)ok;
    return s;
}

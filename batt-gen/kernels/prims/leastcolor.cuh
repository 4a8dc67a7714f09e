// leastcolor: the least common colour of a grid or an object (ties to the
// smallest colour); of indices, the least common row. No cells: an error.
// sig: leastcolor(Grid) -> Int
// sig: leastcolor(Object) -> Int
// sig: leastcolor(Indices) -> Int
// needs: mostcolor
BATT_PRIM i64 p_leastcolor(const Grid& g, Flag& ok) {
    int counts[16];
    mostcolor_count_grid(g, counts);
    return mostcolor_result(mostcolor_pick(counts, 16, false), ok);
}

BATT_PRIM i64 p_leastcolor(const Object& o, Flag& ok) {
    int counts[16];
    mostcolor_count_object(o, counts);
    return mostcolor_result(mostcolor_pick(counts, 16, false), ok);
}

BATT_PRIM i64 p_leastcolor(const Indices& s, Flag& ok) {
    int counts[BATT_N];
    mostcolor_count_rows(s, counts);
    return mostcolor_result(mostcolor_pick(counts, BATT_N, false), ok);
}

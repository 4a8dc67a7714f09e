// repeat: a tuple of n copies of a grid (none when n <= 0; more than Grids
// holds are left to the CPU).
// sig: repeat(Grid, Int) -> Grids
BATT_PRIM Grids p_repeat(const Grid& g, i64 n, Flag& ok) {
    Grids out = grids_empty();
    if (n > BATT_GRIDS) { ok.full(); return out; }
    for (i64 k = 0; k < n; k++) grids_push(out, g, ok);
    return out;
}

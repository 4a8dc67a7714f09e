// trim: the grid without its border rows and columns (grid[1:-1]).
// sig: trim(Grid) -> Grid
// needs: crop
BATT_PRIM Grid p_trim(const Grid& g, Flag& ok) {
    (void)ok;
    return crop_slice(g, 1, -1, 1, -1);
}

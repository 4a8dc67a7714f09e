// ineighbors: the four diagonally adjacent indices of a location. One
// outside the frame is left to the CPU; one beyond batt's i32 indices is an
// error. The clipped overload keeps the ones inside the frame.
// needs: neighbors
// sig: ineighbors(Pair) -> Indices
// sig: ineighbors(Pair) -> Indices clipped as p_ineighbors_clip
// sig: ineighbors(Pair) -> Offsets as p_ineighbors_off
BATT_DEVICE Indices ineighbors_of(const Pair& loc, Flag& ok, bool clip) {
    const int d[4][2] = {{-1, -1}, {-1, 1}, {1, -1}, {1, 1}};
    return adjacent_cells(loc, d, 4, ok, clip);
}

BATT_PRIM Indices p_ineighbors(const Pair& loc, Flag& ok) { return ineighbors_of(loc, ok, false); }

BATT_PRIM Indices p_ineighbors_clip(const Pair& loc, Flag& ok) { return ineighbors_of(loc, ok, true); }

BATT_PRIM Offsets p_ineighbors_off(const Pair& loc, Flag& ok) {
    const int d[4][2] = {{-1, -1}, {-1, 1}, {1, -1}, {1, 1}};
    return adjacent_offsets(loc, d, 4, ok);
}

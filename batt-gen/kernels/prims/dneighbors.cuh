// dneighbors: the four directly adjacent indices of a location. One outside
// the frame is left to the CPU; one beyond batt's i32 indices is an error.
// The clipped overload keeps the ones inside the frame, the offsets
// overload all of them (as neighbors' does).
// needs: neighbors
// sig: dneighbors(Pair) -> Indices
// sig: dneighbors(Pair) -> Indices clipped as p_dneighbors_clip
// sig: dneighbors(Pair) -> Offsets as p_dneighbors_off
BATT_DEVICE Indices dneighbors_of(const Pair& loc, Flag& ok, bool clip) {
    const int d[4][2] = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};
    return adjacent_cells(loc, d, 4, ok, clip);
}

BATT_PRIM Indices p_dneighbors(const Pair& loc, Flag& ok) { return dneighbors_of(loc, ok, false); }

BATT_PRIM Indices p_dneighbors_clip(const Pair& loc, Flag& ok) { return dneighbors_of(loc, ok, true); }

BATT_PRIM Offsets p_dneighbors_off(const Pair& loc, Flag& ok) {
    const int d[4][2] = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};
    return adjacent_offsets(loc, d, 4, ok);
}

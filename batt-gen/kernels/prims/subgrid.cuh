// subgrid: the crop of a grid to a patch's bounding box (the empty patch
// has no corners: an error).
// sig: subgrid(Object, Grid) -> Grid
// sig: subgrid(Indices, Grid) -> Grid
// needs: shape, crop
BATT_DEVICE Grid subgrid_rows(const u32* rows, const Grid& g, Flag& ok) {
    int a, b, c, d;
    if (!shape_bounds(rows, a, b, c, d)) { ok = false; return grid_empty(); }
    return crop_slice(g, a, c + 1, b, d + 1);
}

BATT_PRIM Grid p_subgrid(const Object& o, const Grid& g, Flag& ok) { return subgrid_rows(o.r, g, ok); }

BATT_PRIM Grid p_subgrid(const Indices& s, const Grid& g, Flag& ok) { return subgrid_rows(s.r, g, ok); }

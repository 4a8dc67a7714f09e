// adjacent: whether the patches are at Manhattan distance exactly 1 (an
// empty patch is an error).
// needs: manhattan
// sig: adjacent(Indices, Indices) -> Bool
// sig: adjacent(Indices, Object) -> Bool
// sig: adjacent(Object, Indices) -> Bool
// sig: adjacent(Object, Object) -> Bool
BATT_DEVICE bool adjacent_masks(const u32* a, const u32* b, Flag& ok) { return manhattan_masks(a, b, ok) == 1; }

BATT_PRIM bool p_adjacent(const Indices& a, const Indices& b, Flag& ok) { return adjacent_masks(a.r, b.r, ok); }
BATT_PRIM bool p_adjacent(const Indices& a, const Object& b, Flag& ok) { return adjacent_masks(a.r, b.r, ok); }
BATT_PRIM bool p_adjacent(const Object& a, const Indices& b, Flag& ok) { return adjacent_masks(a.r, b.r, ok); }
BATT_PRIM bool p_adjacent(const Object& a, const Object& b, Flag& ok) { return adjacent_masks(a.r, b.r, ok); }

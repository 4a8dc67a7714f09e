// identity: its argument (a boolean passes as an integer, as Python's do).
// sig: identity(Int) -> Int
// sig: identity(Pair) -> Pair
// sig: identity(Grid) -> Grid
// sig: identity(Indices) -> Indices
// sig: identity(Object) -> Object
// sig: identity(Objects) -> Objects
// sig: identity(Colours) -> Colours
// sig: identity(Ints) -> Ints
// sig: identity(Grids) -> Grids
// sig: identity(Cell) -> Cell
// sig: identity(Patches) -> Patches
// sig: identity(RunsTuple) -> Grid
// sig: identity(Rect) -> Rect
BATT_PRIM i64 p_identity(i64 x, Flag& ok) { (void)ok; return x; }
BATT_PRIM Pair p_identity(const Pair& x, Flag& ok) { (void)ok; return x; }
BATT_PRIM Grid p_identity(const Grid& x, Flag& ok) { (void)ok; return x; }
BATT_PRIM Indices p_identity(const Indices& x, Flag& ok) { (void)ok; return x; }
BATT_PRIM Object p_identity(const Object& x, Flag& ok) { (void)ok; return x; }
BATT_PRIM Objects p_identity(const Objects& x, Flag& ok) { (void)ok; return x; }
BATT_PRIM Colours p_identity(const Colours& x, Flag& ok) { (void)ok; return x; }
BATT_PRIM Ints p_identity(const Ints& x, Flag& ok) { (void)ok; return x; }
BATT_PRIM Grids p_identity(const Grids& x, Flag& ok) { (void)ok; return x; }
BATT_PRIM Cell p_identity(const Cell& x, Flag& ok) { (void)ok; return x; }
BATT_PRIM Patches p_identity(const Patches& x, Flag& ok) { (void)ok; return x; }
BATT_PRIM Rect p_identity(const Rect& x, Flag& ok) { (void)ok; return x; }

// A tuple of rows of repeated integers is the grid it spells (or is left
// to the CPU), so that it meets grids in a branch.
BATT_PRIM Grid p_identity(const RunsTuple& t, Flag& ok) { return runstuple_to_grid(t, ok); }

// flip: logical not of the argument's Python truthiness (zero and empty
// containers are false; a pair is always true).
// sig: flip(Int) -> Bool
// sig: flip(Pair) -> Bool
// sig: flip(Grid) -> Bool
// sig: flip(Indices) -> Bool
// sig: flip(Object) -> Bool
// sig: flip(Objects) -> Bool
// sig: flip(Colours) -> Bool
// sig: flip(Ints) -> Bool
// sig: flip(Grids) -> Bool
template <class T>
BATT_PRIM bool p_flip(const T& b, Flag& ok) {
    (void)ok;
    return !b_truthy(b);
}

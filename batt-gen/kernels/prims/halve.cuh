// halve: x // 2 (floor, as Python) of an integer or of each element of a pair.
// A boolean reads as 0 or 1 (Bool fits Int) and gives an integer.
// sig: halve(Int) -> Int
// sig: halve(Pair) -> Pair

BATT_PRIM i64 p_halve(i64 x, Flag& ok) {
    return b_floordiv(x, 2, ok);
}
BATT_PRIM Pair p_halve(const Pair& x, Flag& ok) {
    Pair r;
    r.a = b_floordiv(x.a, 2, ok);
    r.b = b_floordiv(x.b, 2, ok);
    return r;
}

// decrement: x - 1 of an integer or of each element of a pair (checked).
// A boolean reads as 0 or 1 (Bool fits Int) and gives an integer.
// sig: decrement(Int) -> Int
// sig: decrement(Pair) -> Pair

BATT_PRIM i64 p_decrement(i64 x, Flag& ok) {
    return b_sub(x, 1, ok);
}
BATT_PRIM Pair p_decrement(const Pair& x, Flag& ok) {
    Pair r;
    r.a = b_sub(x.a, 1, ok);
    r.b = b_sub(x.b, 1, ok);
    return r;
}

// increment: x + 1 of an integer or of each element of a pair (checked).
// A boolean reads as 0 or 1 (Bool fits Int) and gives an integer.
// sig: increment(Int) -> Int
// sig: increment(Pair) -> Pair

BATT_PRIM i64 p_increment(i64 x, Flag& ok) {
    return b_add(x, 1, ok);
}
BATT_PRIM Pair p_increment(const Pair& x, Flag& ok) {
    Pair r;
    r.a = b_add(x.a, 1, ok);
    r.b = b_add(x.b, 1, ok);
    return r;
}

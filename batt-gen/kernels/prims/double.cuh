// double: x * 2 of an integer or of each element of a pair (checked).
// A boolean reads as 0 or 1 (Bool fits Int) and gives an integer.
// sig: double(Int) -> Int
// sig: double(Pair) -> Pair

BATT_PRIM i64 p_double(i64 x, Flag& ok) {
    return b_add(x, x, ok);
}
BATT_PRIM Pair p_double(const Pair& x, Flag& ok) {
    Pair r;
    r.a = b_add(x.a, x.a, ok);
    r.b = b_add(x.b, x.b, ok);
    return r;
}

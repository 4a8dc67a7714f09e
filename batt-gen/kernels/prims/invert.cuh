// invert: -x of an integer or of each element of a pair (-(i64 min) is an error).
// A boolean reads as 0 or 1 (Bool fits Int) and gives an integer.
// sig: invert(Int) -> Int
// sig: invert(Pair) -> Pair

BATT_PRIM i64 p_invert(i64 x, Flag& ok) {
    return b_sub(0, x, ok);
}
BATT_PRIM Pair p_invert(const Pair& x, Flag& ok) {
    Pair r;
    r.a = b_sub(0, x.a, ok);
    r.b = b_sub(0, x.b, ok);
    return r;
}

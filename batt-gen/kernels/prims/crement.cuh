// crement: each non-zero integer one step away from zero, of an integer or of
// each element of a pair (checked).
// A boolean reads as 0 or 1 (Bool fits Int) and gives an integer.
// sig: crement(Int) -> Int
// sig: crement(Pair) -> Pair

BATT_DEVICE i64 crement_one(i64 x, Flag& ok) {
    if (x > 0) return b_add(x, 1, ok);
    if (x < 0) return b_sub(x, 1, ok);
    return 0;
}

BATT_PRIM i64 p_crement(i64 x, Flag& ok) {
    return crement_one(x, ok);
}
BATT_PRIM Pair p_crement(const Pair& x, Flag& ok) {
    Pair r;
    r.a = crement_one(x.a, ok);
    r.b = crement_one(x.b, ok);
    return r;
}

// sign: the sign (-1, 0 or 1) of an integer or of each element of a pair.
// A boolean reads as 0 or 1 (Bool fits Int) and gives an integer.
// sig: sign(Int) -> Int
// sig: sign(Pair) -> Pair

BATT_DEVICE i64 sign_one(i64 x) { return x > 0 ? 1 : (x < 0 ? -1 : 0); }

BATT_PRIM i64 p_sign(i64 x, Flag& ok) {
    (void)ok;
    return sign_one(x);
}
BATT_PRIM Pair p_sign(const Pair& x, Flag& ok) {
    (void)ok;
    Pair r;
    r.a = sign_one(x.a);
    r.b = sign_one(x.b);
    return r;
}

// multiply: a * b, broadcast over integers and pairs (checked: an overflow is an error).
// Booleans are integers (Bool fits Int); a pair with an integer broadcasts.
// sig: multiply(Int, Int) -> Int
// sig: multiply(Pair, Pair) -> Pair
// sig: multiply(Int, Pair) -> Pair
// sig: multiply(Pair, Int) -> Pair

// Exact checked product: the magnitude must fit 2^63 - 1 (2^63 when negative).
BATT_DEVICE i64 multiply_checked(i64 x, i64 y, Flag& ok) {
    typedef unsigned long long u64;
    bool neg = (x < 0) != (y < 0);
    u64 ux = x < 0 ? (u64)0 - (u64)x : (u64)x;
    u64 uy = y < 0 ? (u64)0 - (u64)y : (u64)y;
    u64 lim = neg ? (u64)9223372036854775808ULL : (u64)9223372036854775807ULL;
    if (ux != 0 && uy > lim / ux) { ok = false; return 0; }
    u64 m = ux * uy;
    return (i64)(neg ? (u64)0 - m : m);
}

BATT_PRIM i64 p_multiply(i64 a, i64 b, Flag& ok) { return multiply_checked(a, b, ok); }
BATT_PRIM Pair p_multiply(const Pair& a, const Pair& b, Flag& ok) {
    Pair r;
    r.a = multiply_checked(a.a, b.a, ok);
    r.b = multiply_checked(a.b, b.b, ok);
    return r;
}
BATT_PRIM Pair p_multiply(i64 a, const Pair& b, Flag& ok) {
    Pair r;
    r.a = multiply_checked(a, b.a, ok);
    r.b = multiply_checked(a, b.b, ok);
    return r;
}
BATT_PRIM Pair p_multiply(const Pair& a, i64 b, Flag& ok) {
    Pair r;
    r.a = multiply_checked(a.a, b, ok);
    r.b = multiply_checked(a.b, b, ok);
    return r;
}

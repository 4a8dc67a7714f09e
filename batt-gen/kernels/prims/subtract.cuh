// subtract: a - b, broadcast over integers and pairs (checked: an overflow is an error).
// Booleans are integers (Bool fits Int); a pair with an integer broadcasts.
// sig: subtract(Int, Int) -> Int
// sig: subtract(Pair, Pair) -> Pair
// sig: subtract(Int, Pair) -> Pair
// sig: subtract(Pair, Int) -> Pair

BATT_PRIM i64 p_subtract(i64 a, i64 b, Flag& ok) { return b_sub(a, b, ok); }
BATT_PRIM Pair p_subtract(const Pair& a, const Pair& b, Flag& ok) {
    Pair r;
    r.a = b_sub(a.a, b.a, ok);
    r.b = b_sub(a.b, b.b, ok);
    return r;
}
BATT_PRIM Pair p_subtract(i64 a, const Pair& b, Flag& ok) {
    Pair r;
    r.a = b_sub(a, b.a, ok);
    r.b = b_sub(a, b.b, ok);
    return r;
}
BATT_PRIM Pair p_subtract(const Pair& a, i64 b, Flag& ok) {
    Pair r;
    r.a = b_sub(a.a, b, ok);
    r.b = b_sub(a.b, b, ok);
    return r;
}

// add: a + b, broadcast over integers and pairs (checked: an overflow is an error).
// Booleans are integers (Bool fits Int); a pair with an integer broadcasts.
// sig: add(Int, Int) -> Int
// sig: add(Pair, Pair) -> Pair
// sig: add(Int, Pair) -> Pair
// sig: add(Pair, Int) -> Pair

BATT_PRIM i64 p_add(i64 a, i64 b, Flag& ok) { return b_add(a, b, ok); }
BATT_PRIM Pair p_add(const Pair& a, const Pair& b, Flag& ok) {
    Pair r;
    r.a = b_add(a.a, b.a, ok);
    r.b = b_add(a.b, b.b, ok);
    return r;
}
BATT_PRIM Pair p_add(i64 a, const Pair& b, Flag& ok) {
    Pair r;
    r.a = b_add(a, b.a, ok);
    r.b = b_add(a, b.b, ok);
    return r;
}
BATT_PRIM Pair p_add(const Pair& a, i64 b, Flag& ok) {
    Pair r;
    r.a = b_add(a.a, b, ok);
    r.b = b_add(a.b, b, ok);
    return r;
}

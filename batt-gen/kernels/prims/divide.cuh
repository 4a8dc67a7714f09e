// divide: floor division a // b as Python's, broadcast over integers and pairs;
// division by zero (and i64 min // -1) is an error.
// Booleans are integers (Bool fits Int); a pair with an integer broadcasts.
// sig: divide(Int, Int) -> Int
// sig: divide(Pair, Pair) -> Pair
// sig: divide(Int, Pair) -> Pair
// sig: divide(Pair, Int) -> Pair

BATT_PRIM i64 p_divide(i64 a, i64 b, Flag& ok) { return b_floordiv(a, b, ok); }
BATT_PRIM Pair p_divide(const Pair& a, const Pair& b, Flag& ok) {
    Pair r;
    r.a = b_floordiv(a.a, b.a, ok);
    r.b = b_floordiv(a.b, b.b, ok);
    return r;
}
BATT_PRIM Pair p_divide(i64 a, const Pair& b, Flag& ok) {
    Pair r;
    r.a = b_floordiv(a, b.a, ok);
    r.b = b_floordiv(a, b.b, ok);
    return r;
}
BATT_PRIM Pair p_divide(const Pair& a, i64 b, Flag& ok) {
    Pair r;
    r.a = b_floordiv(a.a, b, ok);
    r.b = b_floordiv(a.b, b, ok);
    return r;
}

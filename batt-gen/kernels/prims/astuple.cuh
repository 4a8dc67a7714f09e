// astuple: the 2-tuple (a, b) of two integers, an IntegerTuple (booleans
// read as 0 or 1, as batt's canonical pair does).
// sig: astuple(Int, Int) -> Pair
BATT_PRIM Pair p_astuple(i64 a, i64 b, Flag& ok) {
    (void)ok;
    Pair r;
    r.a = a;
    r.b = b;
    return r;
}

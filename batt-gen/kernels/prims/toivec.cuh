// toivec: the vertical vector (i, 0) (a boolean reads as 0 or 1).
// sig: toivec(Int) -> Pair
BATT_PRIM Pair p_toivec(i64 i, Flag& ok) {
    (void)ok;
    Pair r;
    r.a = i;
    r.b = 0;
    return r;
}

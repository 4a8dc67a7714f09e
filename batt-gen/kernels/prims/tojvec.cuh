// tojvec: the horizontal vector (0, j) (a boolean reads as 0 or 1).
// sig: tojvec(Int) -> Pair
BATT_PRIM Pair p_tojvec(i64 j, Flag& ok) {
    (void)ok;
    Pair r;
    r.a = 0;
    r.b = j;
    return r;
}

// even: whether the integer n is even (a boolean reads as 0 or 1).
// sig: even(Int) -> Bool
BATT_PRIM bool p_even(i64 n, Flag& ok) {
    (void)ok;
    return n % 2 == 0;
}

// positive: whether the integer x is greater than zero (a boolean reads as 0 or 1).
// sig: positive(Int) -> Bool
BATT_PRIM bool p_positive(i64 x, Flag& ok) {
    (void)ok;
    return x > 0;
}

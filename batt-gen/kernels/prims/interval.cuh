// interval: tuple(range(start, stop, step)); a zero step is an error, and
// a range of more than BATT_INTS integers is left to the CPU.
// sig: interval(Int, Int, Int) -> Ints
BATT_PRIM Ints p_interval(i64 start, i64 stop, i64 step, Flag& ok) {
    typedef unsigned long long u64;
    Ints t = ints_empty();
    if (step == 0) { ok = false; return t; }
    // The distance to cover and the stride, as unsigned magnitudes (exact
    // for any i64 operands).
    u64 dist = 0, stride = 0;
    if (step > 0 && stop > start) {
        dist = (u64)stop - (u64)start;
        stride = (u64)step;
    } else if (step < 0 && start > stop) {
        dist = (u64)start - (u64)stop;
        stride = (u64)0 - (u64)step;
    } else {
        return t;
    }
    u64 len = dist / stride + (dist % stride != 0 ? 1 : 0);
    if (len > (u64)BATT_INTS) { ok.full(); return t; }
    // Every element lies between start and stop, so fits i64; step in
    // wrapping unsigned arithmetic.
    u64 v = (u64)start;
    for (int k = 0; k < (int)len; k++) {
        t.v[k] = (i64)v;
        v += (u64)step;
    }
    t.n = (int)len;
    return t;
}

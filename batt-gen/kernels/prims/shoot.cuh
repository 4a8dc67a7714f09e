// shoot: the line from a start 42 steps along a direction. Any direction
// but (0, 0) that makes a line spans 43 rows or columns, more than the
// frame: flagged (connect_line flags it).
// needs: connect
// sig: shoot(Pair, Pair) -> Indices
BATT_DEVICE Indices p_shoot(const Pair& s, const Pair& d, Flag& ok) {
    const i64 lim = 1LL << 32;
    if (d.a > lim || d.a < -lim || d.b > lim || d.b < -lim || s.a > lim || s.a < -lim || s.b > lim || s.b < -lim) {
        ok = false;
        return indices_empty();
    }
    return connect_line(s.a, s.b, s.a + 42 * d.a, s.b + 42 * d.b, ok);
}

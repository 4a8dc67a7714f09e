// shoot: the line from a start 42 steps along a direction. Any direction
// but (0, 0) that makes a line spans 43 rows or columns, more than the
// frame: left to the CPU (connect_line marks it). Past 2^32 a direction
// that makes no line gives the empty set, one that does has an end beyond
// batt's i32 indices: an error.
// needs: connect
// The clipped overload keeps the positions inside the frame (connect's);
// the offsets overload keeps them all, as pairs anywhere (a line of 43
// positions fits; a longer one is left to the CPU), for a line whose uses
// read positions outside the frame (a line shot from each of its
// positions, some of which come back into the frame).
// sig: shoot(Pair, Pair) -> Indices
// sig: shoot(Pair, Pair) -> Indices clipped as p_shoot_clip
// sig: shoot(Pair, Pair) -> Offsets as p_shoot_off
// Whether the line from s along d stays within 2^32 of the origin, where
// its end s + 42 d is computed exactly; past it, a direction that makes a
// line (horizontal, vertical, diagonal or antidiagonal as d is; -d.b
// overflows only for i64 min) has an end beyond batt's i32 indices: an
// error, and one that makes none gives the empty set.
BATT_DEVICE bool shoot_in_reach(const Pair& s, const Pair& d, Flag& ok) {
    const i64 lim = 1LL << 32;
    if (d.a > lim || d.a < -lim || d.b > lim || d.b < -lim || s.a > lim || s.a < -lim || s.b > lim || s.b < -lim) {
        const i64 min = -9223372036854775807LL - 1;
        bool line = d.a == 0 || d.b == 0 || d.a == d.b || (d.b != min && d.a == -d.b);
        if (line) ok = false;
        return false;
    }
    return true;
}

BATT_DEVICE Indices shoot_line(const Pair& s, const Pair& d, Flag& ok, bool clip) {
    if (!shoot_in_reach(s, d, ok)) return indices_empty();
    return connect_line(s.a, s.b, s.a + 42 * d.a, s.b + 42 * d.b, ok, clip);
}

BATT_PRIM Indices p_shoot(const Pair& s, const Pair& d, Flag& ok) { return shoot_line(s, d, ok, false); }

BATT_PRIM Indices p_shoot_clip(const Pair& s, const Pair& d, Flag& ok) { return shoot_line(s, d, ok, true); }

BATT_PRIM Offsets p_shoot_off(const Pair& s, const Pair& d, Flag& ok) {
    Offsets t = offsets_empty();
    if (!shoot_in_reach(s, d, ok)) return t;
    // connect's line from s to its end, each step of it a pair.
    const i64 ai = s.a, aj = s.b, bi = s.a + 42 * d.a, bj = s.b + 42 * d.b;
    if (connect_kind(ai, aj, bi, bj) == 4) return t;
    if (!fits_i32(ai) || !fits_i32(aj) || !fits_i32(bi) || !fits_i32(bj)) { ok = false; return t; }
    const i64 di = bi > ai ? 1 : (bi < ai ? -1 : 0), dj = bj > aj ? 1 : (bj < aj ? -1 : 0);
    const i64 steps = b_max(b_max(bi - ai, ai - bi), b_max(bj - aj, aj - bj));
    if (steps >= BATT_OFFSETS) { ok.full(); return t; }
#pragma unroll 1
    for (i64 k = 0; k <= steps; k++) offsets_add(t, Pair{ai + k * di, aj + k * dj}, ok);
    return t;
}

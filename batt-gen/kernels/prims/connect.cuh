// connect: the horizontal, vertical, diagonal or antidiagonal line from
// one index to another, both included, or the empty set when they are on
// no such line. A line with an end beyond batt's i32 indices is an error
// (the CPU path checks both ends); one leaving the 30x30 frame is left to
// the CPU (a line is convex: checking its two ends suffices), and so are
// coordinates beyond 2^40, where the differences could overflow.
//
// The clipped overloads (`_clip`) keep only the line's positions inside
// the frame: the generator calls them where every use of the line ignores
// positions outside it (see emit_cuda's CLIP_SAFE).
// sig: connect(Pair, Pair) -> Indices
// sig: connect(Pair, Pair) -> Indices clipped as p_connect_clip
// Narrows the steps [lo, hi] of a coordinate a + k d (d in -1, 0, 1) to
// those inside 0..29.
BATT_DEVICE void connect_clip_range(i64 a, int d, i64& lo, i64& hi) {
    if (d == 0) {
        if (a < 0 || a >= BATT_N) hi = lo - 1;
    } else if (d > 0) {
        lo = b_max(lo, -a);
        hi = b_min(hi, BATT_N - 1 - a);
    } else {
        lo = b_max(lo, a - (BATT_N - 1));
        hi = b_min(hi, a);
    }
}

// The kind of the line from (ai, aj) to (bi, bj): 0 horizontal, 1
// vertical, 2 diagonal, 3 antidiagonal, 4 none (connect gives no
// positions).
BATT_DEVICE int connect_kind(i64 ai, i64 aj, i64 bi, i64 bj) {
    if (ai == bi) return 0;
    if (aj == bj) return 1;
    if (bi - ai == bj - aj) return 2;
    if (bi - ai == aj - bj) return 3;
    return 4;
}

BATT_DEVICE Indices connect_line(i64 ai, i64 aj, i64 bi, i64 bj, Flag& ok, bool clip = false) {
    Indices out = indices_empty();
    const i64 lim = 1LL << 40;
    if (ai > lim || ai < -lim || aj > lim || aj < -lim || bi > lim || bi < -lim || bj > lim || bj < -lim) {
        ok.full();
        return out;
    }
    i64 si = b_min(ai, bi), ei = b_max(ai, bi), sj = b_min(aj, bj), ej = b_max(aj, bj);
    const int kind = connect_kind(ai, aj, bi, bj);
    if (kind == 4) return out;
    if (!fits_i32(si) || !fits_i32(ei) || !fits_i32(sj) || !fits_i32(ej)) { ok = false; return out; }
    if (si < 0 || ei >= BATT_N || sj < 0 || ej >= BATT_N) {
        if (!clip) { ok.full(); return out; }
        // The steps k of the line (a + k d, k = 0..steps) inside the frame:
        // at most 30 of them, found without walking the rest.
        int di = bi > ai ? 1 : (bi < ai ? -1 : 0), dj = bj > aj ? 1 : (bj < aj ? -1 : 0);
        i64 lo = 0, hi = b_max(ei - si, ej - sj);
        connect_clip_range(ai, di, lo, hi);
        connect_clip_range(aj, dj, lo, hi);
#pragma unroll 1
        for (i64 k = lo; k <= hi; k++) out.r[ai + k * di] |= 1u << (aj + k * dj);
        return out;
    }
    if (kind == 0) {
        for (i64 j = sj; j <= ej; j++) out.r[ai] |= (1u << j);
    } else if (kind == 1) {
        for (i64 i = si; i <= ei; i++) out.r[i] |= (1u << aj);
    } else if (kind == 2) {
        for (i64 k = 0; k <= ei - si; k++) out.r[si + k] |= (1u << (sj + k));
    } else {
        for (i64 k = 0; k <= ei - si; k++) out.r[si + k] |= (1u << (ej - k));
    }
    return out;
}

BATT_PRIM Indices p_connect(const Pair& a, const Pair& b, Flag& ok) { return connect_line(a.a, a.b, b.a, b.b, ok); }

BATT_PRIM Indices p_connect_clip(const Pair& a, const Pair& b, Flag& ok) {
    return connect_line(a.a, a.b, b.a, b.b, ok, true);
}

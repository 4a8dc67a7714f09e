// shift: the patch moved by an offset (an empty patch as it is). A
// position beyond batt's i32 indices is an error; a position leaving the 30x30
// frame is left to the CPU (an offset of 30 or more moves every position
// out, so larger offsets are left to it outright).
// sig: shift(Indices, Pair) -> Indices
// sig: shift(Object, Pair) -> Object
// sig: shift(Indices, Pair) -> Indices clipped as p_shift_clip
// sig: shift(Object, Pair) -> Object clipped as p_shift_clip
// sig: shift(Pairs, Pair) -> Indices
// sig: shift(Pairs, Pair) -> Indices clipped as p_shift_clip
// sig: shift(Offsets, Pair) -> Indices
// sig: shift(Offsets, Pair) -> Indices clipped as p_shift_clip
// sig: shift(Indices, Pair) -> Offsets as p_shift_off
// sig: shift(Object, Pair) -> ObjAt as p_shift_at
// sig: shift(ObjAt, Pair) -> Object
// sig: shift(ObjAt, Pair) -> Object clipped as p_shift_clip
BATT_DEVICE bool shift_offset_ok(const Pair& d) {
    return d.a > -BATT_N && d.a < BATT_N && d.b > -BATT_N && d.b < BATT_N;
}

BATT_DEVICE Indices shift_indices(const Indices& s, const Pair& d, Flag& ok) {
    Indices out = indices_empty();
    if (idx_size(s) == 0) return out;
    if (!mask_shift_fits_i32(s.r, d.a, d.b)) { ok = false; return out; }
    if (!shift_offset_ok(d)) { ok.full(); return out; }
    for (int i = 0; i < BATT_N; i++)
        for (int j = 0; j < BATT_N; j++)
            if ((s.r[i] >> j) & 1u) idx_add(out, i + d.a, j + d.b, ok);
    if (!ok) return indices_empty();
    return out;
}

BATT_DEVICE Object shift_object(const Object& o, const Pair& d, Flag& ok) {
    Object out = object_empty();
    if (obj_size(o) == 0) return out;
    if (!mask_shift_fits_i32(o.r, d.a, d.b)) { ok = false; return out; }
    if (!shift_offset_ok(d)) { ok.full(); return out; }
    for (int i = 0; i < BATT_N; i++)
        for (int j = 0; j < BATT_N; j++)
            if ((o.r[i] >> j) & 1u) obj_add(out, o.c[i * BATT_N + j], i + d.a, j + d.b, ok);
    if (!ok) return object_empty();
    return out;
}

// The clipped shifts keep the positions that stay inside the frame, row
// masks moved whole (the generator calls them where every use ignores the
// others). Errors are the unclipped shift's.
BATT_DEVICE u32 shift_row(u32 m, int dj) {
    const u32 frame = (1u << BATT_N) - 1u;
    return (dj >= 0 ? m << dj : m >> -dj) & frame;
}

BATT_PRIM Indices p_shift_clip(const Indices& s, const Pair& d, Flag& ok) {
    Indices out = indices_empty();
    if (idx_size(s) == 0) return out;
    if (!mask_shift_fits_i32(s.r, d.a, d.b)) { ok = false; return out; }
    if (!shift_offset_ok(d)) return out;
    int di = (int)d.a, dj = (int)d.b;
#pragma unroll 1
    for (int i = 0; i < BATT_N; i++) {
        int from = i - di;
        if (from >= 0 && from < BATT_N) out.r[i] = shift_row(s.r[from], dj);
    }
    return out;
}

BATT_PRIM Object p_shift_clip(const Object& o, const Pair& d, Flag& ok) {
    Object out = object_empty();
    if (obj_size(o) == 0) return out;
    if (!mask_shift_fits_i32(o.r, d.a, d.b)) { ok = false; return out; }
    if (!shift_offset_ok(d)) return out;
    int di = (int)d.a, dj = (int)d.b;
#pragma unroll 1
    for (int i = 0; i < BATT_N; i++) {
        int from = i - di;
        if (from < 0 || from >= BATT_N) continue;
        u32 m = shift_row(o.r[from], dj);
        out.r[i] = m;
        while (m != 0) {
            int j = lowest_bit(m);
            m &= m - 1;
            out.c[i * BATT_N + j] = o.c[from * BATT_N + j - dj];
        }
    }
    return out;
}

BATT_PRIM Indices p_shift(const Indices& s, const Pair& d, Flag& ok) { return shift_indices(s, d, ok); }
BATT_PRIM Object p_shift(const Object& o, const Pair& d, Flag& ok) { return shift_object(o, d, ok); }

// Pairs v[0 .. n) moved by d into a set of positions, each in the frame
// (else left to the CPU, as is a coordinate beyond batt's i32 indices);
// clipped, those inside it.
BATT_DEVICE Indices shift_pair_list(const Pair* v, int n, const Pair& d, Flag& ok, bool clip) {
    Indices out = indices_empty();
    for (int k = 0; k < n; k++) {
        const i64 a = v[k].a, b = v[k].b;
        if (!fits_i32(a) || !fits_i32(b) || !fits_i32(a + d.a) || !fits_i32(b + d.b)) { ok.full(); return out; }
        const i64 i = a + d.a, j = b + d.b;
        if (clip) idx_add_clip(out, i, j);
        else idx_add(out, i, j, ok);
    }
    return out;
}

// A tuple of positions moves into a set of them (see shift_pair_list).
// The empty tuple stays the empty tuple, which Indices cannot tell from
// the empty set (left to the CPU).
BATT_DEVICE Indices shift_pairs(const Pairs& t, const Pair& d, Flag& ok, bool clip) {
    if (t.n == 0) { ok.full(); return indices_empty(); }
    return shift_pair_list(t.v, t.n < BATT_INTS ? t.n : BATT_INTS, d, ok, clip);
}

BATT_PRIM Indices p_shift(const Pairs& t, const Pair& d, Flag& ok) { return shift_pairs(t, d, ok, false); }
BATT_PRIM Indices p_shift_clip(const Pairs& t, const Pair& d, Flag& ok) { return shift_pairs(t, d, ok, true); }

// Offsets moved (see shift_pair_list).
BATT_DEVICE Indices shift_offsets(const Offsets& t, const Pair& d, Flag& ok, bool clip) {
    if (t.n == 0) return indices_empty();
    if (!fits_i32(d.a) || !fits_i32(d.b)) { ok.full(); return indices_empty(); }
    return shift_pair_list(t.v, t.n < BATT_OFFSETS ? t.n : BATT_OFFSETS, d, ok, clip);
}

BATT_PRIM Indices p_shift(const Offsets& t, const Pair& d, Flag& ok) { return shift_offsets(t, d, ok, false); }
BATT_PRIM Indices p_shift_clip(const Offsets& t, const Pair& d, Flag& ok) { return shift_offsets(t, d, ok, true); }

// A set of positions moved out of the frame (a normalized patch moved up
// or left): offsets, pairs anywhere, which the generator asks for only
// there. A coordinate beyond batt's i32 indices is an error, as in the
// exact shift; past BATT_OFFSETS pairs the lane is left to the CPU.
BATT_PRIM Offsets p_shift_off(const Indices& s, const Pair& d, Flag& ok) {
    Offsets t = offsets_empty();
    if (idx_size(s) == 0) return t;
    if (!mask_shift_fits_i32(s.r, d.a, d.b)) { ok = false; return t; }
    for (int i = 0; i < BATT_N; i++)
        for (int j = 0; j < BATT_N; j++)
            if ((s.r[i] >> j) & 1u) offsets_add(t, Pair{i + d.a, j + d.b}, ok);
    return t;
}

// An object moved anywhere (see ObjAt), which the generator asks for only
// where every use moves it back or reads what moving keeps. A position
// beyond batt's i32 indices is an error, as in the exact shift.
BATT_PRIM ObjAt p_shift_at(const Object& o, const Pair& d, Flag& ok) {
    ObjAt t = objat_empty();
    if (obj_size(o) == 0) return t;
    if (!mask_shift_fits_i32(o.r, d.a, d.b)) { ok = false; return t; }
    t.o = o;
    t.d = d;
    return t;
}

// An object anywhere moved on, exactly or `clip`ped: the two moves as
// one. Where their sum leaves i64, some position surely leaves batt's i32
// indices: an error.
BATT_DEVICE Object shift_at(const ObjAt& t, const Pair& d, bool clip, Flag& ok) {
    if (obj_size(t.o) == 0) return object_empty();
    const Pair e{b_add(t.d.a, d.a, ok), b_add(t.d.b, d.b, ok)};
    if (!ok) return object_empty();
    return clip ? p_shift_clip(t.o, e, ok) : shift_object(t.o, e, ok);
}

BATT_PRIM Object p_shift(const ObjAt& t, const Pair& d, Flag& ok) { return shift_at(t, d, false, ok); }
BATT_PRIM Object p_shift_clip(const ObjAt& t, const Pair& d, Flag& ok) { return shift_at(t, d, true, ok); }

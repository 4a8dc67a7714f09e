// greater: Python's a > b (batt's py_gt): numeric on numbers (Bool fits
// Int), lexicographic on tuples (an IntegerTuple against a tuple of
// integers too; a grid compares row by row, a row cell by cell, and a
// tuple that is a prefix of the other is the smaller), proper superset on
// sets (two sets of different element kinds: only a non-empty set against
// the empty one). Comparisons Python rejects (a number against a tuple, a
// tuple against a set, ...) have no overload: such programs stay on the CPU.
// sig: greater(Int, Int) -> Bool
// sig: greater(Pair, Pair) -> Bool
// sig: greater(Pair, Ints) -> Bool as p_greater_pair_ints
// sig: greater(Grid, Grid) -> Bool
// sig: greater(Indices, Indices) -> Bool
// sig: greater(Indices, Object) -> Bool as p_greater_sets
// sig: greater(Indices, Objects) -> Bool as p_greater_sets
// sig: greater(Indices, Colours) -> Bool as p_greater_sets
// sig: greater(Object, Indices) -> Bool as p_greater_sets
// sig: greater(Object, Object) -> Bool
// sig: greater(Object, Objects) -> Bool as p_greater_sets
// sig: greater(Object, Colours) -> Bool as p_greater_sets
// sig: greater(Objects, Indices) -> Bool as p_greater_sets
// sig: greater(Objects, Object) -> Bool as p_greater_sets
// sig: greater(Objects, Objects) -> Bool
// sig: greater(Objects, Colours) -> Bool as p_greater_sets
// sig: greater(Colours, Indices) -> Bool as p_greater_sets
// sig: greater(Colours, Object) -> Bool as p_greater_sets
// sig: greater(Colours, Objects) -> Bool as p_greater_sets
// sig: greater(Colours, Colours) -> Bool
// sig: greater(Ints, Pair) -> Bool as p_greater_ints_pair
// sig: greater(Ints, Ints) -> Bool
// sig: greater(Grids, Grids) -> Bool

BATT_PRIM bool p_greater(i64 a, i64 b, Flag& ok) {
    (void)ok;
    return a > b;
}

BATT_PRIM bool p_greater(const Pair& a, const Pair& b, Flag& ok) {
    (void)ok;
    if (a.a != b.a) return a.a > b.a;
    return a.b > b.b;
}

// -1, 0 or 1 as integer sequences compare (lexicographically, then by length).
BATT_DEVICE int greater_cmp_seq(const i64* x, int n, const i64* y, int m) {
    for (int k = 0; k < n && k < m; k++)
        if (x[k] != y[k]) return x[k] > y[k] ? 1 : -1;
    return n > m ? 1 : (n < m ? -1 : 0);
}

BATT_PRIM bool p_greater_pair_ints(const Pair& a, const Ints& b, Flag& ok) {
    (void)ok;
    i64 x[2] = {a.a, a.b};
    int m = b.n < 0 ? 0 : (b.n > BATT_INTS ? BATT_INTS : b.n);
    return greater_cmp_seq(x, 2, b.v, m) > 0;
}

BATT_PRIM bool p_greater_ints_pair(const Ints& a, const Pair& b, Flag& ok) {
    (void)ok;
    i64 y[2] = {b.a, b.b};
    int n = a.n < 0 ? 0 : (a.n > BATT_INTS ? BATT_INTS : a.n);
    return greater_cmp_seq(a.v, n, y, 2) > 0;
}

BATT_PRIM bool p_greater(const Ints& a, const Ints& b, Flag& ok) {
    (void)ok;
    int n = a.n < 0 ? 0 : (a.n > BATT_INTS ? BATT_INTS : a.n);
    int m = b.n < 0 ? 0 : (b.n > BATT_INTS ? BATT_INTS : b.n);
    return greater_cmp_seq(a.v, n, b.v, m) > 0;
}

// -1, 0 or 1 as Python compares two grids (tuples of row tuples).
BATT_DEVICE int greater_cmp_grid(const Grid& a, const Grid& b) {
    int ha = a.h, hb = b.h;
    for (int i = 0; i < ha && i < hb && i < BATT_N; i++) {
        for (int j = 0; j < a.w && j < b.w && j < BATT_N; j++) {
            u8 x = at(a, i, j), y = at(b, i, j);
            if (x != y) return x > y ? 1 : -1;
        }
        if (a.w != b.w) return a.w > b.w ? 1 : -1;
    }
    return ha > hb ? 1 : (ha < hb ? -1 : 0);
}

BATT_PRIM bool p_greater(const Grid& a, const Grid& b, Flag& ok) {
    (void)ok;
    return greater_cmp_grid(a, b) > 0;
}

BATT_PRIM bool p_greater(const Grids& a, const Grids& b, Flag& ok) {
    (void)ok;
    int n = a.n < 0 ? 0 : (a.n > BATT_GRIDS ? BATT_GRIDS : a.n);
    int m = b.n < 0 ? 0 : (b.n > BATT_GRIDS ? BATT_GRIDS : b.n);
    for (int k = 0; k < n && k < m; k++) {
        int c = greater_cmp_grid(grids_get(a, k), grids_get(b, k));
        if (c != 0) return c > 0;
    }
    return n > m;
}

BATT_PRIM bool p_greater(const Indices& a, const Indices& b, Flag& ok) {
    (void)ok;
    bool bigger = false;
    for (int i = 0; i < BATT_N; i++) {
        if (b.r[i] & ~a.r[i]) return false;
        if (a.r[i] != b.r[i]) bigger = true;
    }
    return bigger;
}

BATT_PRIM bool p_greater(const Colours& a, const Colours& b, Flag& ok) {
    (void)ok;
    return (b.m & ~a.m) == 0 && a.m != b.m;
}

// Every cell (colour, (i, j)) of b is one of a, and a has more.
BATT_PRIM bool p_greater(const Object& a, const Object& b, Flag& ok) {
    (void)ok;
    bool bigger = false;
    for (int i = 0; i < BATT_N; i++) {
        if (b.r[i] & ~a.r[i]) return false;
        if (a.r[i] != b.r[i]) bigger = true;
        for (int j = 0; j < BATT_N; j++)
            if (((b.r[i] >> j) & 1u) && a.c[i * BATT_N + j] != b.c[i * BATT_N + j]) return false;
    }
    return bigger;
}

// Every object of b is an object of a, and a has more: each object of b
// lies within one object of a (its image), no two share an image, and an
// image has no cell outside its object of b.
BATT_PRIM bool p_greater(const Objects& a, const Objects& b, Flag& ok) {
    if (a.n <= b.n) return false;
    u16 img[BATT_CELLS + 1];
    u32 taken[(BATT_CELLS + 32) / 32];
    for (int k = 0; k <= BATT_CELLS; k++) img[k] = 0;
    for (int k = 0; k < (BATT_CELLS + 32) / 32; k++) taken[k] = 0;
    for (int p = 0; p < BATT_CELLS; p++) {
        int lb = b.lab[p], la = a.lab[p];
        if (lb == 0) continue;
        if (lb > BATT_CELLS || la > BATT_CELLS) { ok.full(); return false; }  // no such label
        if (la == 0 || a.c[p] != b.c[p]) return false;
        if (img[lb] == 0) {
            if ((taken[la / 32] >> (la % 32)) & 1u) return false;
            taken[la / 32] |= 1u << (la % 32);
            img[lb] = (u16)la;
        } else if (img[lb] != la) {
            return false;
        }
    }
    for (int p = 0; p < BATT_CELLS; p++) {
        int la = a.lab[p];
        if (la == 0 || b.lab[p] != 0) continue;
        if (la > BATT_CELLS) { ok.full(); return false; }
        if ((taken[la / 32] >> (la % 32)) & 1u) return false;
    }
    return true;
}

// Sets of different element kinds share no element: a is a proper superset
// of b exactly when b is empty and a is not.
template <class A, class B>
BATT_PRIM bool p_greater_sets(const A& a, const B& b, Flag& ok) {
    (void)ok;
    return b_truthy(a) && !b_truthy(b);
}

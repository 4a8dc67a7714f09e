// prapply: the function on every pair (x, y) of the two containers'
// elements, as a set. Positions to index sets: a set of at most
// BATT_PATCHES of them (more are left to the CPU).
// sig: prapply(Fn[Pair, Pair -> Indices], Indices, Indices) -> Patches as p_prapply_pps
// sig: prapply(Fn[Pair, Int -> Pair], Indices, Ints) -> Pairs unordered as p_prapply_piq
// sig: prapply(Fn[Pair, Int -> Pair], Offsets, Ints) -> Offsets as p_prapply_fif
// sig: prapply(Fn[Indices, Pair -> Indices], Patches, Pairs) -> Patches as p_prapply_sqs
// sig: prapply(Fn[Pair, Pair -> Indices], Indices, Indices) -> PatchBag as p_prapply_ppb

template <class F>
BATT_PRIM Patches p_prapply_pps(const F& f, const Indices& a, const Indices& b, Flag& ok) {
    Patches out = patches_empty();
#pragma unroll 1
    for (int p = cells_next(b.r, 0); p < BATT_CELLS; p = cells_next(b.r, p + 1)) {
#pragma unroll 1
        for (int q = cells_next(a.r, 0); q < BATT_CELLS; q = cells_next(a.r, q + 1)) {
            patches_add(out, f(Pair{q / BATT_N, q % BATT_N}, Pair{p / BATT_N, p % BATT_N}, ok), ok);
            // Full (the lane goes to the CPU): nothing after counts.
            if ((out.n >= BATT_PATCHES && !ok) || ok.cap) return out;
        }
    }
    return out;
}

// Lines between positions (`connect`), more than a set of patches holds:
// a bag of them (each result as it comes; see PatchBag), made where the
// plan's second pass says.
template <class F>
BATT_PRIM PatchBag p_prapply_ppb(const F& f, const Indices& a, const Indices& b, Flag& ok) {
    PatchBag out = patchbag_empty();
#pragma unroll 1
    for (int p = cells_next(b.r, 0); p < BATT_CELLS; p = cells_next(b.r, p + 1)) {
#pragma unroll 1
        for (int q = cells_next(a.r, 0); q < BATT_CELLS; q = cells_next(a.r, q + 1)) {
            patchbag_push(out, f(Pair{q / BATT_N, q % BATT_N}, Pair{p / BATT_N, p % BATT_N}, ok), ok);
            if (ok.cap) return out;
        }
    }
    return out;
}

// Positions and integers to pairs anywhere (offsets): held as a tuple of
// at most BATT_INTS of them where their order and repeats do not count
// (`unordered`: emit_cuda's UNORDERED_SINKS); more are left to the CPU.
template <class F>
BATT_PRIM Pairs p_prapply_piq(const F& f, const Indices& a, const Ints& b, Flag& ok) {
    Pairs out = pairs_empty();
#pragma unroll 1
    for (int q = cells_next(a.r, 0); q < BATT_CELLS; q = cells_next(a.r, q + 1)) {
#pragma unroll 1
        for (int k = 0; k < b.n && k < BATT_INTS; k++) {
            if (out.n >= BATT_INTS || ok.cap) { ok.full(); return out; }
            pairs_push(out, f(Pair{q / BATT_N, q % BATT_N}, b.v[k], ok), ok);
        }
    }
    return out;
}

// Offsets (positions past the frame's edge) and integers: a set of
// offsets again, equal results kept once.
template <class F>
BATT_PRIM Offsets p_prapply_fif(const F& f, const Offsets& a, const Ints& b, Flag& ok) {
    Offsets out = offsets_empty();
#pragma unroll 1
    for (int q = 0; q < a.n && q < BATT_OFFSETS; q++) {
#pragma unroll 1
        for (int k = 0; k < b.n && k < BATT_INTS; k++) {
            offsets_add(out, f(a.v[q], b.v[k], ok), ok);
            if (ok.cap) return out;
        }
    }
    return out;
}

// Sets of positions and pairs (each set shifted by each offset): a set of
// at most BATT_PATCHES sets.
template <class F>
BATT_PRIM Patches p_prapply_sqs(const F& f, const Patches& a, const Pairs& b, Flag& ok) {
    Patches out = patches_empty();
#pragma unroll 1
    for (int k = 0; k < a.n && k < BATT_PATCHES; k++) {
#pragma unroll 1
        for (int m = 0; m < b.n && m < BATT_INTS; m++) {
            patches_add(out, f(a.s[k], b.v[m], ok), ok);
            // Full (the lane goes to the CPU): nothing after counts.
            if ((out.n >= BATT_PATCHES && !ok) || ok.cap) return out;
        }
    }
    return out;
}

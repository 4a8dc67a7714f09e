// The fixed-size device values of batt's kernels and their helpers.
//
// This file and the primitive templates under prims/ are written in a
// subset of CUDA C++ that also compiles as host C++17 through
// host_shim.h: no standard headers, no dynamic memory, no recursion, no
// exceptions. Every function is BATT_DEVICE and takes the lane's flag
// `ok` last (see `struct Flag`): an error of the DSL is marked with
// `ok = false` (the step takes its safe default, as in the sequential
// batt()), a value the representation cannot hold with `ok.full()` (the
// lane is recomputed on the CPU). Either way the function still returns
// a well-formed value so the lane runs on without branching out. Loops are
// bounded by the 30x30 frame.
//
// Representations (DESIGN §6):
// - Int: i64; Bool: bool; Pair: two i64.
// - Grid: h x w (each 0..30) cells of colours 0..15, row-major with a
//   stride of 30. The empty grid (the DSL's `()`) has h = w = 0.
// - Indices: a set of (i, j) with 0 <= i, j < 30, as 30 row masks.
// - Object: a set of cells (colour, (i, j)), as row masks plus a colour
//   per position (one cell per position; colours 0..15).
// - Objects: a set of disjoint objects, as a label map (0 = none, k =
//   the k-th object) plus each position's colour; objects are numbered
//   in the canonical order of sets (by their smallest cell).
// - Colours: a set of integers 0..63 as a 64-bit mask (colours, and the
//   rows, columns or counts a set of integers holds: BATT_SET_INTS).
// - Ints: a tuple of at most 128 integers.
// - Grids: a tuple of at most 30 grids with at most 2700 cells in all
//   (a grid cut in rows or columns fits), the cells of each in one pool.
// - Patches: a set of at most 128 sets of positions (Indices), in
//   ascending order.
// - Cell: one cell (colour, (i, j)) of an object.
// - Pairs: a tuple of at most 128 pairs of integers (offsets, positions
//   anywhere).
// - PairPair: a pair of positions (an element of a product of index sets).
// - PosPairs: a set of at most 1,024 pairs of positions inside the frame, in
//   ascending order (a product of index sets).
// - Offsets: a set of at most 128 pairs of integers anywhere, in ascending
//   order (`neighbors(ORIGIN)`: offsets around a position, most of them
//   outside the frame).
// - ObjBag: objects that may overlap or repeat, each as its cells in
//   order (at most 256 objects, 1,800 cells in all), standing for the set
//   of them where every use reads the elements one by one and paints
//   their union (`mapply`, `mfilter`, `merge` of `apply(normalize, x)`).
// - Frontiers: the frontiers of a grid (`frontiers`) or some of them: its
//   uniform rows and columns, which cross and so overlap, as two masks.
// - Rect: the outline of a rectangle anywhere (`outbox`, `inbox` of a
//   patch), as its rows and columns; Rects: a set of at most 128 of them.
// - ObjSeq: a tuple of objects that may overlap, repeat or be empty
//   (`apply` of a function that moves objects over a tuple of them), each
//   as its cells in order, as a bag's (at most 256 objects, 1,800 cells).
// - PatchBag: sets of positions that may repeat (`prapply(connect, a,
//   b)`, `apply(initset, x)`), each as its positions in order (at most
//   1,024 of them, 4,096 positions in all; the empty set once), standing
//   for the set of them where every use reads them one by one or unites
//   them (`mfilter`, `merge`, `sfilter`).
// - OffsetsSet: a set of at most 32 sets of positions anywhere (a patch
//   moved by each of a set of offsets), ascending as batt orders them,
//   their pairs in one pool of 2,048.
// - ObjAt: an object anywhere (`shift` of an object off the frame), as an
//   object inside it and the offset it is moved by.
// - PairRows: a tuple of rows of one length, each a tuple of pairs of
//   colours (what `papply(pair, a, b)` makes of two grids), as the grid
//   of the pairs' first and the grid of their second members.
// - ObjTuple: a tuple of disjoint, non-empty objects, as a label map
//   whose labels 1..n give the tuple's order.
//
// The large values are 16-byte aligned, so the device copies them in
// 16-byte words (a grid is 57 of them, not 900 bytes one by one).

#ifndef BATT_HOST
#ifdef BATT_INLINE_ALL
// Every function inlined (no CALL in the machine code): how the step
// library is compiled (`nvrtc::STEP_INLINE`). Called subroutines made
// ptxas's optimised code fault on an H200 (docs/kernels.md).
#define BATT_DEVICE __device__ __forceinline__
#define BATT_METHOD __device__ __forceinline__
#define BATT_PRIM __device__ __forceinline__
#else
#define BATT_DEVICE __device__ inline
#define BATT_METHOD __device__
// A primitive's entry point: compiled once per overload and called (the
// step library's cubins inline it: BATT_INLINE_ALL).
#define BATT_PRIM __device__ __noinline__
#endif
// A kernel: blocks of 128 threads (the CUDA backend's BLOCK), and 8 of
// them resident per multiprocessor, which holds ptxas to 64 registers per
// thread.
#define BATT_KERNEL extern "C" __global__ void __launch_bounds__(128, 8)
#define BATT_LANE ((int)(blockIdx.x * blockDim.x + threadIdx.x))
#endif

typedef long long i64;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef unsigned short u16;
typedef unsigned char u8;

// What can go wrong in one step of a lane. `ok = false` (the form every
// template uses for the DSL's own errors) marks an error: the step then
// takes the safe default of its declared type and the lane runs on, as
// the sequential batt() does. `ok.full()` marks a value the device form
// cannot hold (a position outside the frame, a colour outside 0..15, a
// tuple over capacity): the lane is then left to the CPU.
struct Flag {
    bool err;
    bool cap;
    // Set by the caller of `valmax` or `valmin`: its key fails on an
    // integer (see `key_of_zero`).
    bool zero_fails;
    // With cap: the value is the DSL's `()`, which the step's form cannot
    // hold (a corner of an empty patch): the lane goes to the CPU as with
    // `full()`, unless every use of the step fails on `()` (`StepDesc`
    // flag 4), when its status says so (8) and they fail (`step_poison`).
    bool unit;
    // With cap: the value is a grid (or rows) larger than the device's,
    // which the CPU makes without an error (no side past
    // BATT_OVERSIZE_SIDE) and which equals no grid the device holds.
    bool big;
    // With big: the value is no grid but rows of different widths (a
    // `vconcat` of two grids of different widths), which no step passes on
    // as a grid too large (`step_pass_big`).
    bool ragged;
    // With cap: the value is the DSL's `None` (`index` off the grid),
    // held as BATT_NONE_INT: the lane goes to the CPU as with `full()`,
    // unless every use of the step compares it with a number (`StepDesc`
    // flag 5), where it is that integer.
    bool none;
    BATT_METHOD Flag& operator=(bool v) {
        if (!v) err = true;
        return *this;
    }
    BATT_METHOD void full() { cap = true; }
    BATT_METHOD void oversize() {
        cap = true;
        big = true;
    }
    BATT_METHOD void empty_tuple() {
        cap = true;
        unit = true;
    }
    BATT_METHOD void none_value() {
        cap = true;
        none = true;
    }
    // An error and nothing else, whatever the template marked: what a
    // poisoned argument makes of a step.
    BATT_METHOD void only_error() {
        err = true;
        cap = false;
        unit = false;
        big = false;
        ragged = false;
        none = false;
    }
    BATT_METHOD operator bool() const { return !err && !cap; }
};

// The key of an empty container that holds no integers: the DSL's
// compfunc(0), an error where the key fails on an integer (its first call
// is a primitive that does, `ok.zero_fails`), otherwise left to the CPU.
BATT_DEVICE void key_of_zero(Flag& ok) {
    if (ok.zero_fails) ok = false;
    else ok.full();
}

// A lane's state over its program: whether it must go to the CPU (a value
// the device form cannot hold; a failed step whose default it cannot
// hold), and how many of its steps failed (took their safe default).
struct Lane {
    bool cap;
    bool nodefault;
    int failed;
};

// Copies of the large values move 16-byte words. Left to itself NVVM
// copies these structs byte by byte (a 900-byte grid became 900 loads and
// 900 stores), which made the PTX several times larger and ptxas slow.
// The host build copies with the compiler's memcpy.
#ifndef BATT_HOST
struct alignas(16) Word16 {
    u32 x, y, z, w;
};
BATT_DEVICE void copy_words(void* to, const void* from, unsigned long long bytes) {
    Word16* d = (Word16*)to;
    const Word16* s = (const Word16*)from;
#pragma unroll 4
    for (unsigned long long k = 0; k < bytes / 16; k++) d[k] = s[k];
}
// Zeroes `bytes` bytes at `to`: in 16-byte words where `to` is 16-byte
// aligned and `bytes` a multiple of 16 (a large value: one Object is 64
// stores, not 1,020), else byte by byte.
BATT_DEVICE void zero_bytes(void* to, unsigned long long bytes) {
    if ((((unsigned long long)to) & 15u) == 0 && bytes % 16 == 0) {
        Word16* d = (Word16*)to;
        const Word16 z = {0, 0, 0, 0};
#pragma unroll 4
        for (unsigned long long k = 0; k < bytes / 16; k++) d[k] = z;
        return;
    }
    u8* b = (u8*)to;
    for (unsigned long long k = 0; k < bytes; k++) b[k] = 0;
}
#else
BATT_DEVICE void copy_words(void* to, const void* from, unsigned long long bytes) {
    __builtin_memcpy(to, from, bytes);
}
BATT_DEVICE void zero_bytes(void* to, unsigned long long bytes) { __builtin_memset(to, 0, bytes); }
#endif

// A program's frame (its steps' flags and large values, one local struct)
// taken afresh at each step, as the frame's address plus an offset of 0
// the compiler cannot see through. NVVM would otherwise compute the
// address of every value once, at the program's entry, and keep them all
// in registers up to their last use: more than 64 registers in the
// longest programs, which ptxas then spilled. The address stays one of
// local memory, so that the templates still store to it as such.
template <class T>
BATT_DEVICE T* batt_fresh(T* frame) {
#ifndef BATT_HOST
    unsigned long long zero = 0;
    asm volatile("" : "+l"(zero));
    return (T*)((char*)frame + zero);
#else
    return frame;
#endif
}

// The members that make a large value copy in words (its size is a
// multiple of 16: each is alignas(16)). Its default constructor leaves the
// fields unset, as before: every maker sets all of them.
#define BATT_WORD_COPIES(T)                                                   \
    BATT_METHOD T() {}                                                        \
    BATT_METHOD T(const T& o) { copy_words(this, &o, sizeof(T)); }            \
    BATT_METHOD T& operator=(const T& o) {                                    \
        copy_words(this, &o, sizeof(T));                                      \
        return *this;                                                         \
    }

#define BATT_N 30

// The DSL's `None` (`index` off the grid) where every use compares it with
// a number (`Flag::none`): an integer no colour, count or coordinate is.
#define BATT_NONE_INT ((i64)(-9223372036854775807LL))
#define BATT_CELLS 900
#define BATT_INTS 128
#define BATT_GRIDS 30
#define BATT_GRID_CELLS 2700

struct Pair {
    i64 a, b;
};

struct Cell {
    i64 c;
    Pair ij;
};

struct PairPair {
    Pair a, b;
};

struct alignas(16) Grid {
    int h, w;
    u8 c[BATT_CELLS];
    BATT_WORD_COPIES(Grid)
};

struct alignas(16) Indices {
    u32 r[BATT_N];
    BATT_WORD_COPIES(Indices)
};

struct alignas(16) Object {
    u32 r[BATT_N];
    u8 c[BATT_CELLS];
    BATT_WORD_COPIES(Object)
};

struct alignas(16) Objects {
    int n;
    u16 lab[BATT_CELLS];
    u8 c[BATT_CELLS];
    BATT_WORD_COPIES(Objects)
};

#define BATT_SET_INTS 64

struct Colours {
    u64 m;
};

struct alignas(16) Ints {
    int n;
    i64 v[BATT_INTS];
    BATT_WORD_COPIES(Ints)
};

struct alignas(16) Pairs {
    int n;
    Pair v[BATT_INTS];
    BATT_WORD_COPIES(Pairs)
};

#define BATT_OBJPAIRS 1024

// A set of at most BATT_OBJPAIRS pairs of objects, the first from the
// label map a and the second from b (`product` of two sets of objects):
// pairs (p[k], q[k]) of labels, ascending as the CPU orders them (by the
// first object, then the second; labels follow that order).
struct alignas(16) ObjPairs {
    Objects a, b;
    int n;
    u16 p[BATT_OBJPAIRS], q[BATT_OBJPAIRS];
    BATT_WORD_COPIES(ObjPairs)
};

// A pair of objects.
struct alignas(16) ObjPair {
    Object a, b;
    BATT_WORD_COPIES(ObjPair)
};

#define BATT_OBJLIST 4

// A tuple of at most BATT_OBJLIST objects, which may overlap or repeat
// (`apply` of a grid-to-object function over a few grids).
struct alignas(16) ObjList {
    int n;
    Object o[BATT_OBJLIST];
    BATT_WORD_COPIES(ObjList)
};

// A tuple of integers as at most BATT_INTS runs: n[k] copies of v[k] (a
// run may be empty), in order; what `repeat` makes of an integer, counted
// without being spelled out. RunsTuple: a tuple of such tuples, element k
// being the run k alone (`apply(lbind(repeat, x), ...)`).
struct alignas(16) Runs {
    int k;
    i64 v[BATT_INTS];
    i64 n[BATT_INTS];
    BATT_WORD_COPIES(Runs)
};

struct alignas(16) RunsTuple {
    Runs r;
    BATT_WORD_COPIES(RunsTuple)
};

#define BATT_POSPAIRS 1024

// Positions as i * 30 + j; pairs in ascending order of (p, q).
struct alignas(16) PosPairs {
    int n;
    u16 p[BATT_POSPAIRS], q[BATT_POSPAIRS];
    BATT_WORD_COPIES(PosPairs)
};

#define BATT_OFFSETS 128

// Pairs in ascending order of (a, b), each once.
struct alignas(16) Offsets {
    int n;
    Pair v[BATT_OFFSETS];
    BATT_WORD_COPIES(Offsets)
};

#define BATT_BAG_OBJS 256
#define BATT_BAG_CELLS 1800

// Object k's cells are pos[start[k]..start[k + 1]] (i * 30 + j, ascending)
// with their colours c; n objects, in the order they were added.
struct alignas(16) ObjBag {
    int n;
    u16 start[BATT_BAG_OBJS + 1];
    u16 pos[BATT_BAG_CELLS];
    u8 c[BATT_BAG_CELLS];
    BATT_WORD_COPIES(ObjBag)
};

#define BATT_PBAG_PATCHES 1024
#define BATT_PBAG_CELLS 4096

// Patch k's positions are pos[start[k]..start[k + 1]] (i * 30 + j,
// ascending); n patches, in the order they were added.
struct alignas(16) PatchBag {
    int n;
    u16 start[BATT_PBAG_PATCHES + 1];
    u16 pos[BATT_PBAG_CELLS];
    BATT_WORD_COPIES(PatchBag)
};

// A tuple of objects (see ObjBag): its k-th object is the bag's, every
// one kept, in order.
struct alignas(16) ObjSeq {
    ObjBag b;
    BATT_WORD_COPIES(ObjSeq)
};

// The cells of a tuple of objects merged (`mapply` over a tuple), which
// may put two colours at one position: each element's object kept, in
// order (see ObjBag), for `underpaint`, which writes them in order.
struct alignas(16) ObjMerged {
    ObjBag b;
    BATT_WORD_COPIES(ObjMerged)
};

// A tuple of sets of positions (see PatchBag): its k-th set is the bag's,
// every one kept, in order, the empty set too.
struct alignas(16) PatchSeq {
    PatchBag b;
    BATT_WORD_COPIES(PatchSeq)
};

#define BATT_OFFSETS_SET 32
#define BATT_OFFSETS_POOL 2048

// Sets of offsets, each once, ascending as batt orders sets (their pairs,
// ascending, compared in turn; a prefix first): set k's pairs are
// v[start[k]..start[k + 1]], at most BATT_OFFSETS_POOL pairs in all (one
// pool, as a bag's positions, so that a few large sets fit where the
// many small ones do).
struct alignas(16) OffsetsSet {
    int n;
    u16 start[BATT_OFFSETS_SET + 1];
    Pair v[BATT_OFFSETS_POOL];
    BATT_WORD_COPIES(OffsetsSet)
};

// Some of the frontiers of one grid of h rows and w columns: bit i of
// rows, its uniform row i (colour rc[i]) as an object; bit j of cols, its
// uniform column j (colour cc[j]). A row and a column cross at a cell of
// both their colours, so any union of them is an object. In a 1x1 grid the
// row is the column, one object, held as the row.
struct alignas(16) Frontiers {
    int h, w;
    u32 rows, cols;
    u8 rc[BATT_N], cc[BATT_N];
    BATT_WORD_COPIES(Frontiers)
};

// The outline (ring) of the rectangle of rows si..ei and columns sj..ej,
// si <= ei and sj <= ej, anywhere: what `box`, `outbox` and `inbox` give
// of a patch, which leaves the frame where the patch touches its edge.
// ei < si: the empty set (a failed outline's default).
struct Rect {
    i64 si, sj, ei, ej;
};

#define BATT_RECTS 128

// A set of at most BATT_RECTS outlines, each once, in the order added.
struct alignas(16) Rects {
    int n;
    Rect v[BATT_RECTS];
    BATT_WORD_COPIES(Rects)
};

// An object anywhere: `o`, inside the frame, moved by `d` (`shift` of an
// object, which may leave the frame: a normalized patch moved up or left,
// an object at the grid's edge moved off it). The empty object is held
// with d = (0, 0).
struct alignas(16) ObjAt {
    Object o;
    Pair d;
    BATT_WORD_COPIES(ObjAt)
};

// A tuple of two such sets (`astuple` of them).
struct alignas(16) FrontiersPair {
    Frontiers a, b;
    BATT_WORD_COPIES(FrontiersPair)
};

struct alignas(16) PairRows {
    Grid a, b;
    BATT_WORD_COPIES(PairRows)
};

struct alignas(16) Grids {
    int n;
    int used;
    u8 gh[BATT_GRIDS], gw[BATT_GRIDS];
    u16 off[BATT_GRIDS];
    u8 cells[BATT_GRID_CELLS];
    BATT_WORD_COPIES(Grids)
};

// A set of grids (`initset` and `insert` of grids), ascending as the CPU
// orders values (grids_cmp_at), each grid once.
struct alignas(16) GridSet {
    Grids g;
    BATT_WORD_COPIES(GridSet)
};


// A tuple of disjoint objects: labels in tuple order, not canonical.
struct alignas(16) ObjTuple {
    Objects x;
    BATT_WORD_COPIES(ObjTuple)
};

// Tuples of pairs whose first members are grids, objects or a grid's rows
// and whose second are integers (`pair` of such tuples), as the two tuples
// and their common length n; and one such pair.
struct alignas(16) GridInts {
    Grids g;
    Ints v;
    int n;
    BATT_WORD_COPIES(GridInts)
};

struct alignas(16) GridInt {
    Grid g;
    i64 v;
    BATT_WORD_COPIES(GridInt)
};

struct alignas(16) ObjInts {
    ObjTuple t;
    Ints v;
    int n;
    BATT_WORD_COPIES(ObjInts)
};

struct alignas(16) ObjInt {
    Object o;
    i64 v;
    BATT_WORD_COPIES(ObjInt)
};

// A tuple of pairs of objects (`pair` of two tuples of objects): both
// tuples and their common length n; element k is (a's k-th, b's k-th).
struct alignas(16) ObjTuplePairs {
    ObjTuple a, b;
    int n;
    BATT_WORD_COPIES(ObjTuplePairs)
};

struct alignas(16) RowInts {
    Grid g;
    Ints v;
    int n;
    BATT_WORD_COPIES(RowInts)
};

struct alignas(16) RowInt {
    Ints row;
    i64 v;
    BATT_WORD_COPIES(RowInt)
};

// A set of sets of positions (frozensets of indices, as `apply(toindices,
// objects)` gives), in ascending order under Python's comparison of the
// sorted position lists, at most BATT_PATCHES of them.
#define BATT_PATCHES 128

struct alignas(16) Patches {
    int n;
    Indices s[BATT_PATCHES];
    BATT_WORD_COPIES(Patches)
};

// ---------------------------------------------------------------------------
// Helpers

BATT_DEVICE i64 b_min(i64 a, i64 b) { return a < b ? a : b; }
BATT_DEVICE i64 b_max(i64 a, i64 b) { return a > b ? a : b; }

// Python's floor division and modulo; division by zero is an error.
BATT_DEVICE i64 b_floordiv(i64 a, i64 b, Flag& ok) {
    if (b == 0) { ok = false; return 0; }
    // The one quotient i64 cannot hold (the CPU path errs too).
    if (b == -1 && a == (i64)(-9223372036854775807LL - 1)) { ok = false; return 0; }
    i64 q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q -= 1;
    return q;
}

BATT_DEVICE i64 b_mod(i64 a, i64 b, Flag& ok) {
    if (b == 0) { ok = false; return 0; }
    if (b == -1 && a == (i64)(-9223372036854775807LL - 1)) { ok = false; return 0; }  // would trap
    i64 r = a % b;
    if (r != 0 && ((r < 0) != (b < 0))) r += b;
    return r;
}

// Checked arithmetic: an overflow is an error (batt's checked i64 arithmetic
// errs too); a product that may not fit is left to the CPU.
BATT_DEVICE i64 b_add(i64 a, i64 b, Flag& ok) {
    i64 r = (i64)((unsigned long long)a + (unsigned long long)b);
    if ((a >= 0) == (b >= 0) && (r >= 0) != (a >= 0)) ok = false;
    return r;
}

BATT_DEVICE i64 b_sub(i64 a, i64 b, Flag& ok) {
    i64 r = (i64)((unsigned long long)a - (unsigned long long)b);
    if ((a >= 0) != (b >= 0) && (r >= 0) != (a >= 0)) ok = false;
    return r;
}

BATT_DEVICE i64 b_mul(i64 a, i64 b, Flag& ok) {
    const i64 lim = 3037000499LL;  // floor(sqrt(2^63 - 1))
    if (a > lim || a < -lim || b > lim || b < -lim) {
        // Outside the range where the product surely fits: leave it to the CPU.
        ok.full();
        return 0;
    }
    return a * b;
}

// A colour the device form can hold.
BATT_DEVICE bool colour_ok(i64 c) { return c >= 0 && c <= 15; }

// Whether a set of integers (Colours) holds an integer.
BATT_DEVICE bool setint_ok(i64 v) { return v >= 0 && v < BATT_SET_INTS; }

// Whether an integer fits batt's i32 indices and its i8 grid cells: the
// CPU path errs on a coordinate or a colour beyond them.
BATT_DEVICE bool fits_i32(i64 x) { return x >= -2147483647LL - 1 && x <= 2147483647LL; }
BATT_DEVICE bool fits_i8(i64 x) { return x >= -128 && x <= 127; }

// A colour about to be written to a grid: beyond i8 an error, as on the
// CPU; within it but outside 0..15 a value the device cannot hold.
BATT_DEVICE void colour_write(i64 c, Flag& ok) {
    if (!fits_i8(c)) ok = false;
    else if (!colour_ok(c)) ok.full();
}

// The longest side of batt's CPU grids (u16): building a longer one errs.
#define BATT_SIDE_MAX 65535
// The longest side `Flag::oversize` vouches for: a grid of at most 512 x
// 512 cells (262,144) is far inside every limit of a CPU lane (4,194,304
// cells a call; over a thousand such grids before a lane's 256 MiB).
#define BATT_OVERSIZE_SIDE 512

// A grid's cell.
BATT_DEVICE u8 at(const Grid& g, int i, int j) { return g.c[i * BATT_N + j]; }

// A grid of h x w cells of colour c (all 900 set, so values compare as bytes).
BATT_DEVICE Grid grid_filled(int h, int w, u8 c) {
    Grid g;
    zero_bytes(&g, sizeof(Grid));
    g.h = h;
    g.w = w;
    for (int i = 0; i < h; i++)
        for (int j = 0; j < w; j++) g.c[i * BATT_N + j] = c;
    return g;
}

BATT_DEVICE Grid grid_empty() { return grid_filled(0, 0, 0); }

// The stand-in of a grid too large for the frame: an empty grid (what
// every reader of it takes it for) whose cells, which no reader of an
// empty grid looks at and which are zero in every other empty grid, note
// its shape: two tag bytes, whether its rows are of different widths,
// then h and w (16 bits each). `hconcat` and `vconcat` read it
// (`big_shape`); `step_pass_big` gives a grid passed on one of its own.
BATT_DEVICE Grid grid_big_stand_in(int h, int w, bool ragged) {
    Grid g = grid_empty();
    g.c[0] = 0xB1;
    g.c[1] = 0x6B;
    g.c[2] = ragged ? 1 : 0;
    g.c[3] = (u8)(h & 0xff);
    g.c[4] = (u8)(h >> 8);
    g.c[5] = (u8)(w & 0xff);
    g.c[6] = (u8)(w >> 8);
    return g;
}

// A grid's shape (h, w), and whether it is the stand-in of a grid too
// large (then also whether its rows are of different widths, w the
// longest).
BATT_DEVICE bool big_shape(const Grid& g, int& h, int& w, bool& ragged) {
    ragged = false;
    if (g.h != 0 || g.c[0] != 0xB1 || g.c[1] != 0x6B) {
        h = g.h;
        w = g.w;
        return false;
    }
    ragged = g.c[2] != 0;
    h = g.c[3] | (g.c[4] << 8);
    w = g.c[5] | (g.c[6] << 8);
    return true;
}

// A grid of h x w cells (or h rows of at most w, `ragged`) the CPU makes
// without an error and the frame cannot hold: `oversize` and its stand-in
// where this side vouches for it, otherwise simply left to the CPU.
BATT_DEVICE Grid grid_too_big(i64 h, i64 w, Flag& ok, bool ragged = false) {
    if (h <= BATT_OVERSIZE_SIDE && w <= BATT_OVERSIZE_SIDE) {
        ok.oversize();
        ok.ragged = ragged;
        return grid_big_stand_in((int)h, (int)w, ragged);
    }
    ok.full();
    return grid_empty();
}

// Clears the cells outside h x w, so equal grids are equal bytes.
BATT_DEVICE void grid_clean(Grid& g) {
    for (int i = 0; i < BATT_N; i++)
        for (int j = 0; j < BATT_N; j++)
            if (i >= g.h || j >= g.w) g.c[i * BATT_N + j] = 0;
}

// A grid's 64-bit FNV-1a hash over its shape and cells, row by row: equal
// grids hash alike, so the host fetches one grid of each answer.
// Not inlined: the kernel's entry point holds enough.
BATT_PRIM unsigned long long grid_hash(const Grid& g) {
    unsigned long long x = 14695981039346656037ULL;
    x = (x ^ (unsigned long long)(g.h & 255)) * 1099511628211ULL;
    x = (x ^ (unsigned long long)(g.w & 255)) * 1099511628211ULL;
#pragma unroll 1
    for (int i = 0; i < g.h; i++)
#pragma unroll 1
        for (int j = 0; j < g.w; j++) x = (x ^ (unsigned long long)g.c[i * BATT_N + j]) * 1099511628211ULL;
    return x;
}

// What the scoring (batt_score_lanes) gives back of a lane, besides its
// differs' scores: the runtime's `LaneScore` has the same layout.
struct LaneScore {
    unsigned long long hash;
    int failed;
    u32 scored;
    u8 flag;
    u8 match;
    u8 empty;
    u8 folded;
    u8 pad[4];
};

// A program's demonstration lanes of one task in a batch, folded
// (batt_fold_tasks): the runtime's `TaskFold` has the same layout. The
// differs' scores are summed exactly, as a 128-bit two's complement
// number (sum_hi, sum_lo).
struct TaskFold {
    unsigned long long sum_lo;
    long long sum_hi;
    long long failed;
    int lanes;
    int matched;
};

BATT_DEVICE Indices indices_empty() {
    Indices s;
    for (int i = 0; i < BATT_N; i++) s.r[i] = 0;
    return s;
}

// Adds every position of r to acc.
BATT_DEVICE void idx_union(Indices& acc, const Indices& r) {
    for (int i = 0; i < BATT_N; i++) acc.r[i] |= r.r[i];
}

BATT_DEVICE bool idx_has(const Indices& s, int i, int j) {
    return i >= 0 && i < BATT_N && j >= 0 && j < BATT_N && ((s.r[i] >> j) & 1u);
}

// Adds (i, j); a position outside the frame is left to the CPU.
BATT_DEVICE void idx_add(Indices& s, i64 i, i64 j, Flag& ok) {
    if (i < 0 || i >= BATT_N || j < 0 || j >= BATT_N) { ok.full(); return; }
    s.r[i] |= (1u << j);
}

// Adds (i, j) where it is inside the frame and drops it otherwise: the
// clipped overloads' sets, whose every use reads positions inside a grid
// only.
BATT_DEVICE void idx_add_clip(Indices& s, i64 i, i64 j) {
    if (i >= 0 && i < BATT_N && j >= 0 && j < BATT_N) s.r[i] |= 1u << j;
}

BATT_DEVICE Object object_empty() {
    Object o;
    zero_bytes(&o, sizeof(Object));
    return o;
}

BATT_DEVICE ObjAt objat_empty() {
    ObjAt t;
    zero_bytes(&t, sizeof(ObjAt));
    return t;
}

BATT_DEVICE bool obj_has(const Object& o, int i, int j) {
    return i >= 0 && i < BATT_N && j >= 0 && j < BATT_N && ((o.r[i] >> j) & 1u);
}

// Adds the cell (c, (i, j)). A position outside the frame, a colour the
// device cannot hold, or a second colour at one position (an object the
// mask-and-colour form cannot hold) is left to the CPU.
BATT_DEVICE void obj_add(Object& o, i64 c, i64 i, i64 j, Flag& ok) {
    if (i < 0 || i >= BATT_N || j < 0 || j >= BATT_N || !colour_ok(c)) { ok.full(); return; }
    int k = (int)i * BATT_N + (int)j;
    if ((o.r[i] >> j) & 1u) {
        if (o.c[k] != (u8)c) ok.full();
        return;
    }
    o.r[i] |= (1u << j);
    o.c[k] = (u8)c;
}

// The number of set bits, and the lowest and highest set bit of a
// nonzero mask: one instruction each on the device.
#ifndef BATT_HOST
BATT_DEVICE int popcount32(u32 x) { return __popc(x); }
BATT_DEVICE int popcount64(u64 x) { return __popcll(x); }
BATT_DEVICE int lowest_bit(u32 x) { return __ffs((int)x) - 1; }
BATT_DEVICE int highest_bit(u32 x) { return 31 - __clz((int)x); }
#else
BATT_DEVICE int popcount32(u32 x) { return __builtin_popcount(x); }
BATT_DEVICE int popcount64(u64 x) { return __builtin_popcountll(x); }
BATT_DEVICE int lowest_bit(u32 x) { return __builtin_ctz(x); }
BATT_DEVICE int highest_bit(u32 x) { return 31 - __builtin_clz(x); }
#endif

// The first position at or after p (0 <= p <= BATT_CELLS) whose bit is
// set in the row masks r, or BATT_CELLS: a loop over a set's members in
// ascending order visits only them, not every cell of the frame.
BATT_DEVICE int cells_next(const u32* r, int p) {
#pragma unroll 1
    for (int i = p / BATT_N; i < BATT_N; i++) {
        const u32 m = i == p / BATT_N ? r[i] & (~0u << (p % BATT_N)) : r[i];
        if (m) return i * BATT_N + lowest_bit(m);
    }
    return BATT_CELLS;
}

BATT_DEVICE int idx_size(const Indices& s) {
    int n = 0;
#pragma unroll 1
    for (int i = 0; i < BATT_N; i++) n += popcount32(s.r[i]);
    return n;
}

BATT_DEVICE int obj_size(const Object& o) {
    int n = 0;
#pragma unroll 1
    for (int i = 0; i < BATT_N; i++) n += popcount32(o.r[i]);
    return n;
}

BATT_DEVICE Indices obj_indices(const Object& o) {
    Indices s;
    for (int i = 0; i < BATT_N; i++) s.r[i] = o.r[i];
    return s;
}

// The bounding box (top, left, bottom, right) of a set of positions given
// as row masks (an Indices' or an Object's r); false, with the bounds all
// 0, for the empty set (whose extent the DSL refuses).
BATT_DEVICE bool mask_bounds(const u32* r, int& top, int& left, int& bottom, int& right) {
    top = left = bottom = right = 0;
    bool any = false;
    u32 cols = 0;
#pragma unroll 1
    for (int i = 0; i < BATT_N; i++)
        if (r[i] != 0) {
            if (!any) top = i;
            bottom = i;
            any = true;
            cols |= r[i];
        }
    if (!any) return false;
    left = lowest_bit(cols);
    right = highest_bit(cols);
    return true;
}

// Whether every position of a set given as row masks, moved by (di, dj),
// keeps its coordinates within batt's i32 indices (the CPU path errs on
// one beyond them). The empty set always does.
BATT_DEVICE bool mask_shift_fits_i32(const u32* r, i64 di, i64 dj) {
    int t, l, b, rt;
    if (!mask_bounds(r, t, l, b, rt)) return true;
    const i64 lim = 1LL << 40;  // beyond it every position leaves i32
    if (di > lim || di < -lim || dj > lim || dj < -lim) return false;
    return fits_i32(t + di) && fits_i32(b + di) && fits_i32(l + dj) && fits_i32(rt + dj);
}

BATT_DEVICE Objects objects_empty() {
    Objects x;
    zero_bytes(&x, sizeof(Objects));
    return x;
}

// The k-th object (1-based) of a set of objects. The labels are taken two
// at a time (`lab` starts 4 bytes into the value, so each pair is one
// aligned 4-byte word the compiler may load at once).
BATT_DEVICE Object objs_get(const Objects& x, int k) {
    Object o = object_empty();
    const u32 want = (u32)k;
#pragma unroll 2
    for (int q = 0; q < BATT_CELLS / 2; q++) {
        const u32 v = (u32)x.lab[2 * q] | ((u32)x.lab[2 * q + 1] << 16);
        if ((v & 0xffffu) == want) {
            const int p = 2 * q;
            o.r[p / BATT_N] |= (1u << (p % BATT_N));
            o.c[p] = x.c[p];
        }
        if ((v >> 16) == want) {
            const int p = 2 * q + 1;
            o.r[p / BATT_N] |= (1u << (p % BATT_N));
            o.c[p] = x.c[p];
        }
    }
    return o;
}

// The smallest cell (colour, i, j) of an object as one sortable number;
// -1 for the empty object.
BATT_DEVICE i64 obj_first_key(const Object& o) {
    i64 first = -1;
#pragma unroll 1
    for (int p = cells_next(o.r, 0); p < BATT_CELLS; p = cells_next(o.r, p + 1)) {
        const i64 key = (i64)o.c[p] * BATT_CELLS + p;
        if (first < 0 || key < first) first = key;
    }
    return first;
}

// The colours an object's cells have, as a mask.
BATT_DEVICE u32 obj_colours(const Object& o) {
    u32 m = 0;
#pragma unroll 1
    for (int p = cells_next(o.r, 0); p < BATT_CELLS; p = cells_next(o.r, p + 1)) m |= 1u << o.c[p];
    return m;
}

// Visits an object's cells in ascending order of (colour, i, j), the
// order batt iterates a set of cells in; `f(Cell)` returns false to stop.
template <class F>
BATT_DEVICE void obj_each_cell(const Object& o, const F& f) {
    u32 m = obj_colours(o);
#pragma unroll 1
    for (int c = 0; c < 16; c++) {
        if (!((m >> c) & 1u)) continue;
#pragma unroll 1
        for (int p = cells_next(o.r, 0); p < BATT_CELLS; p = cells_next(o.r, p + 1))
            if (o.c[p] == c)
                if (!f(Cell{c, Pair{p / BATT_N, p % BATT_N}})) return;
    }
}

// An object's first or last cell in that order; an empty object has none
// (false).
BATT_DEVICE bool obj_end_cell(const Object& o, bool last, Cell& out) {
    bool any = false;
    obj_each_cell(o, [&](const Cell& c) {
        out = c;
        any = true;
        return last;
    });
    return any;
}

// Renumbers a label map's objects 1..n in canonical order: disjoint sets
// compare by their smallest cell (colour, i, j), and visiting colours in
// ascending order, then positions, meets each object first at that cell.
BATT_DEVICE void objs_canonical(Objects& x) {
    u16 newlab[BATT_CELLS + 1];
    for (int k = 0; k <= BATT_CELLS; k++) newlab[k] = 0;
    // Only the colours some member has: a pass over the frame each.
    u32 colours = 0;
    for (int p = 0; p < BATT_CELLS; p++)
        if (x.lab[p] != 0) colours |= 1u << x.c[p];
    int next = 0;
    for (int c = 0; c < 16; c++)
        for (int p = 0; (colours >> c) & 1u && p < BATT_CELLS; p++) {
            int l = x.lab[p];
            if (l != 0 && x.c[p] == c && newlab[l] == 0) newlab[l] = (u16)(++next);
        }
    for (int p = 0; p < BATT_CELLS; p++) x.lab[p] = newlab[x.lab[p]];
    x.n = next;
}

BATT_DEVICE ObjTuple objtuple_empty() {
    ObjTuple t;
    t.x = objects_empty();
    return t;
}

// The tuple of the n members of a label map that `rank` numbers 1..n
// (rank[label]; 0 drops the member), in that order.
BATT_DEVICE ObjTuple objtuple_ranked(const Objects& x, const u16* rank, int n) {
    ObjTuple t;
    t.x.n = n;
#pragma unroll 1
    for (int p = 0; p < BATT_CELLS; p++) {
        int l = rank[x.lab[p]];
        t.x.lab[p] = (u16)l;
        t.x.c[p] = l != 0 ? x.c[p] : 0;
    }
    return t;
}

// The tuple of members k[0], k[1], ... (labels of x) of a label map, in
// that order.
BATT_DEVICE ObjTuple objtuple_pick(const Objects& x, const int* ks, int n) {
    u16 rank[BATT_CELLS + 1];
#pragma unroll 1
    for (int l = 0; l <= BATT_CELLS; l++) rank[l] = 0;
#pragma unroll 1
    for (int r = 0; r < n; r++) rank[ks[r]] = (u16)(r + 1);
    return objtuple_ranked(x, rank, n);
}

BATT_DEVICE ObjList objlist_empty() {
    ObjList t;
    t.n = 0;
#pragma unroll 1
    for (int k = 0; k < BATT_OBJLIST; k++) t.o[k] = object_empty();
    return t;
}

// Adds o's cells to acc; of two colours at one position, `painted` keeps
// the larger, else the lane is left to the CPU.
BATT_DEVICE void mapply_union(Object& acc, const Object& o, Flag& ok, bool painted = false) {
#pragma unroll 1
    for (int p = cells_next(o.r, 0); p < BATT_CELLS; p = cells_next(o.r, p + 1)) {
        const int i = p / BATT_N, j = p % BATT_N;
        if ((acc.r[i] >> j) & 1u) {
            if (acc.c[p] == o.c[p]) continue;
            if (!painted) ok.full();
            else if (o.c[p] > acc.c[p]) acc.c[p] = o.c[p];
        } else {
            acc.r[i] |= 1u << j;
            acc.c[p] = o.c[p];
        }
    }
}

// Adds an object's cells to `acc` as `paint` writes a tuple's merged
// cells, in order: a later cell at a position wins.
BATT_DEVICE void paint_over(Object& acc, const Object& o) {
#pragma unroll 1
    for (int p = cells_next(o.r, 0); p < BATT_CELLS; p = cells_next(o.r, p + 1)) {
        acc.r[p / BATT_N] |= 1u << (p % BATT_N);
        acc.c[p] = o.c[p];
    }
}

BATT_DEVICE ObjBag objbag_empty() {
    ObjBag t;
    zero_bytes(&t, sizeof(ObjBag));
    return t;
}

// Adds an object to the end of a bag, an empty or an equal one too; past
// BATT_BAG_OBJS objects or BATT_BAG_CELLS cells the bag is left to the
// CPU.
BATT_DEVICE void objbag_append(ObjBag& t, const Object& o, Flag& ok) {
    if (t.n >= BATT_BAG_OBJS) { ok.full(); return; }
    int at_cell = t.start[t.n];
#pragma unroll 1
    for (int p = cells_next(o.r, 0); p < BATT_CELLS; p = cells_next(o.r, p + 1)) {
        if (at_cell >= BATT_BAG_CELLS) { ok.full(); return; }
        t.pos[at_cell] = (u16)p;
        t.c[at_cell] = o.c[p];
        at_cell++;
    }
    t.n++;
    t.start[t.n] = (u16)at_cell;
}

// Adds an object (its cells) to a bag; past BATT_BAG_OBJS objects or
// BATT_BAG_CELLS cells the bag is left to the CPU. The empty object is
// held once: every reader of a bag reads its members as a set's (a
// patch placed at every position of a grid is empty where the patch is).
BATT_DEVICE void objbag_push(ObjBag& t, const Object& o, Flag& ok) {
    if (obj_size(o) == 0) {
        for (int k = 0; k < t.n && k < BATT_BAG_OBJS; k++)
            if (t.start[k] == t.start[k + 1]) return;
    }
    objbag_append(t, o, ok);
}

// Adds every object of bag b to the end of bag t, in order (repeats and
// the empty object as they come: both stand for sets); past the bag's
// limits it is left to the CPU.
BATT_DEVICE void objbag_concat(ObjBag& t, const ObjBag& b, Flag& ok) {
#pragma unroll 1
    for (int k = 0; k < b.n && k < BATT_BAG_OBJS; k++) {
        if (t.n >= BATT_BAG_OBJS) { ok.full(); return; }
        int at_cell = t.start[t.n];
        const int len = b.start[k + 1] - b.start[k];
        if (at_cell + len > BATT_BAG_CELLS) { ok.full(); return; }
#pragma unroll 1
        for (int q = 0; q < len; q++) {
            t.pos[at_cell + q] = b.pos[b.start[k] + q];
            t.c[at_cell + q] = b.c[b.start[k] + q];
        }
        t.n++;
        t.start[t.n] = (u16)(at_cell + len);
    }
}

// The outline of the rectangle with corners (ai, aj) and (bi, bj), in any
// order, as `box` orders them.
BATT_DEVICE Rect rect_of(i64 ai, i64 aj, i64 bi, i64 bj) {
    return Rect{ai < bi ? ai : bi, aj < bj ? aj : bj, ai > bi ? ai : bi, aj > bj ? aj : bj};
}

BATT_DEVICE Rect rect_empty() { return Rect{0, 0, -1, -1}; }

// The outline `by` cells outside a patch's bounds (inside them where `by`
// is negative: `outbox`, `inbox`), anywhere; of the empty patch an error.
BATT_DEVICE Rect bounds_rect(const u32* m, int by, Flag& ok) {
    int t, l, b, r;
    if (!mask_bounds(m, t, l, b, r)) { ok = false; return Rect{0, 0, 0, 0}; }
    return rect_of(t - by, l - by, b + by, r + by);
}

// A corner of an outline: its last row where `bottom`, its last column
// where `right`. Of no positions, as of an empty patch, the reference's
// (), which is no pair (`ok.empty_tuple()`).
BATT_DEVICE Pair rect_corner(const Rect& q, bool bottom, bool right, Flag& ok) {
    if (q.si > q.ei) { ok.empty_tuple(); return Pair{0, 0}; }
    return Pair{bottom ? q.ei : q.si, right ? q.ej : q.sj};
}

// A corner of the bounding box of offsets (the DSL's `()` for none, as
// of an empty patch: see rect_corner).
BATT_DEVICE Pair offsets_corner(const Offsets& t, bool bottom, bool right, Flag& ok) {
    if (t.n <= 0) { ok.empty_tuple(); return Pair{0, 0}; }
    i64 si = t.v[0].a, ei = t.v[0].a, sj = t.v[0].b, ej = t.v[0].b;
    for (int k = 1; k < t.n && k < BATT_OFFSETS; k++) {
        si = t.v[k].a < si ? t.v[k].a : si;
        ei = t.v[k].a > ei ? t.v[k].a : ei;
        sj = t.v[k].b < sj ? t.v[k].b : sj;
        ej = t.v[k].b > ej ? t.v[k].b : ej;
    }
    return Pair{bottom ? ei : si, right ? ej : sj};
}

BATT_DEVICE bool rect_eq(const Rect& a, const Rect& b) {
    return a.si == b.si && a.sj == b.sj && a.ei == b.ei && a.ej == b.ej;
}

BATT_DEVICE Rects rects_empty() {
    Rects t;
    zero_bytes(&t, sizeof(Rects));
    return t;
}

// Adds an outline to a set (kept once); past BATT_RECTS the set is left
// to the CPU.
BATT_DEVICE void rects_add(Rects& t, const Rect& q, Flag& ok) {
    for (int k = 0; k < t.n && k < BATT_RECTS; k++)
        if (rect_eq(t.v[k], q)) return;
    if (t.n >= BATT_RECTS) { ok.full(); return; }
    t.v[t.n++] = q;
}

BATT_DEVICE Frontiers frontiers_empty() {
    Frontiers f;
    zero_bytes(&f, sizeof(Frontiers));
    return f;
}

// Frontier k of a set of them: rows first (k < 30, row k), then columns
// (k >= 30, column k - 30).
BATT_DEVICE Object frontiers_get(const Frontiers& f, int k) {
    Object o = object_empty();
    if (k < BATT_N) {
        if (k < f.h)
            for (int j = 0; j < f.w && j < BATT_N; j++) {
                o.r[k] |= 1u << j;
                o.c[k * BATT_N + j] = f.rc[k];
            }
    } else {
        const int j = k - BATT_N;
        if (j < f.w)
            for (int i = 0; i < f.h && i < BATT_N; i++) {
                o.r[i] |= 1u << j;
                o.c[i * BATT_N + j] = f.cc[j];
            }
    }
    return o;
}

// Whether frontier k of f holds frontier l of g (both as in
// frontiers_get): one colour and one set of cells. A row of width 1 and a
// column of height 1 are both a single cell.
BATT_DEVICE bool frontiers_same(const Frontiers& f, int k, const Frontiers& g, int l) {
    const bool fr = k < BATT_N, gr = l < BATT_N;
    const int fi = fr ? k : k - BATT_N, gi = gr ? l : l - BATT_N;
    const u8 fc = fr ? f.rc[fi] : f.cc[fi], gc = gr ? g.rc[gi] : g.cc[gi];
    if (fc != gc) return false;
    if (fr && gr) return fi == gi && f.w == g.w;
    if (!fr && !gr) return fi == gi && f.h == g.h;
    // A row against a column: the same single cell (0, 0).
    const int fl = fr ? f.w : f.h, gl = gr ? g.w : g.h;
    return fl == 1 && gl == 1 && fi == 0 && gi == 0;
}

// Whether frontier k is in f.
BATT_DEVICE bool frontiers_has(const Frontiers& f, int k) {
    return k < BATT_N ? ((f.rows >> k) & 1u) : ((f.cols >> (k - BATT_N)) & 1u);
}

// Whether frontier k of f is among those of g.
BATT_DEVICE bool frontiers_among(const Frontiers& f, int k, const Frontiers& g) {
    for (int l = 0; l < 2 * BATT_N; l++)
        if (frontiers_has(g, l) && frontiers_same(f, k, g, l)) return true;
    return false;
}

// The k-th object of a bag (0-based).
BATT_DEVICE Object objbag_get(const ObjBag& t, int k) {
    Object o = object_empty();
#pragma unroll 1
    for (int q = t.start[k]; q < t.start[k + 1]; q++) {
        const int p = t.pos[q];
        o.r[p / BATT_N] |= 1u << (p % BATT_N);
        o.c[p] = t.c[q];
    }
    return o;
}

BATT_DEVICE PatchBag patchbag_empty() {
    PatchBag t;
    zero_bytes(&t, sizeof(PatchBag));
    return t;
}

// Adds a set of positions to the end of a bag, whatever it holds; past
// BATT_PBAG_PATCHES sets or BATT_PBAG_CELLS positions the bag is left to
// the CPU.
BATT_DEVICE void patchbag_append(PatchBag& t, const Indices& s, Flag& ok) {
    if (t.n >= BATT_PBAG_PATCHES) { ok.full(); return; }
    int at = t.start[t.n];
#pragma unroll 1
    for (int p = cells_next(s.r, 0); p < BATT_CELLS; p = cells_next(s.r, p + 1)) {
        if (at >= BATT_PBAG_CELLS) { ok.full(); return; }
        t.pos[at++] = (u16)p;
    }
    t.n++;
    t.start[t.n] = (u16)at;
}

// Adds a set of positions to a bag (see patchbag_append). The empty set is
// held once (every reader reads the members as a set's).
BATT_DEVICE void patchbag_push(PatchBag& t, const Indices& s, Flag& ok) {
    if (idx_size(s) == 0) {
        for (int k = 0; k < t.n && k < BATT_PBAG_PATCHES; k++)
            if (t.start[k] == t.start[k + 1]) return;
    }
    patchbag_append(t, s, ok);
}

// The k-th set of a bag (0-based).
BATT_DEVICE Indices patchbag_get(const PatchBag& t, int k) {
    Indices s = indices_empty();
#pragma unroll 1
    for (int q = t.start[k]; q < t.start[k + 1]; q++) s.r[t.pos[q] / BATT_N] |= 1u << (t.pos[q] % BATT_N);
    return s;
}

// Whether sets k and q of a bag are equal.
BATT_DEVICE bool patchbag_same(const PatchBag& t, int k, int q) {
    const int n = t.start[k + 1] - t.start[k];
    if (n != t.start[q + 1] - t.start[q]) return false;
#pragma unroll 1
    for (int m = 0; m < n; m++)
        if (t.pos[t.start[k] + m] != t.pos[t.start[q] + m]) return false;
    return true;
}

BATT_DEVICE ObjMerged objmerged_empty() {
    ObjMerged t;
    zero_bytes(&t, sizeof(ObjMerged));
    return t;
}

BATT_DEVICE PatchSeq patchseq_empty() {
    PatchSeq t;
    zero_bytes(&t, sizeof(PatchSeq));
    return t;
}

BATT_DEVICE ObjSeq objseq_empty() {
    ObjSeq t;
    zero_bytes(&t, sizeof(ObjSeq));
    return t;
}

// Adds an object to the end of a tuple (see objbag_append).
BATT_DEVICE void objseq_push(ObjSeq& t, const Object& o, Flag& ok) { objbag_append(t.b, o, ok); }

// Whether objects k and q of a bag are equal (the same cells).
BATT_DEVICE bool objbag_same(const ObjBag& t, int k, int q) {
    const int n = t.start[k + 1] - t.start[k];
    if (n != t.start[q + 1] - t.start[q]) return false;
#pragma unroll 1
    for (int m = 0; m < n; m++)
        if (t.pos[t.start[k] + m] != t.pos[t.start[q] + m] || t.c[t.start[k] + m] != t.c[t.start[q] + m])
            return false;
    return true;
}

// A walk over object k of a bag in batt's order of cells (colour, then
// position): `next` gives each as c * BATT_CELLS + p, then -1.
struct ObjBagWalk {
    int k, colour, q;
    BATT_METHOD int next(const ObjBag& t) {
#pragma unroll 1
        while (colour < 16) {
#pragma unroll 1
            for (; q < t.start[k + 1]; q++)
                if (t.c[q] == colour) return colour * BATT_CELLS + t.pos[q++];
            colour++;
            q = t.start[k];
        }
        return -1;
    }
};

// Objects k and q of a bag in batt's order of objects (their cells in
// order, compared one by one; a prefix first): negative, zero or positive.
BATT_DEVICE int objbag_cmp(const ObjBag& t, int k, int q) {
    ObjBagWalk x{k, 0, t.start[k]}, y{q, 0, t.start[q]};
#pragma unroll 1
    for (;;) {
        const int a = x.next(t), b = y.next(t);
        if (a < 0 || b < 0) return (a >= 0) - (b >= 0);
        if (a != b) return a < b ? -1 : 1;
    }
}

BATT_DEVICE ObjPairs objpairs_empty() {
    ObjPairs t;
    t.a = objects_empty();
    t.b = objects_empty();
    t.n = 0;
    for (int k = 0; k < BATT_OBJPAIRS; k++) t.p[k] = t.q[k] = 0;
    return t;
}

// The k-th pair of objects.
BATT_DEVICE ObjPair objpairs_get(const ObjPairs& t, int k) {
    ObjPair r;
    r.a = objs_get(t.a, t.p[k]);
    r.b = objs_get(t.b, t.q[k]);
    return r;
}

BATT_DEVICE Runs runs_empty() {
    Runs r;
    r.k = 0;
    for (int k = 0; k < BATT_INTS; k++) r.v[k] = r.n[k] = 0;
    return r;
}

BATT_DEVICE RunsTuple runstuple_empty() {
    RunsTuple t;
    t.r = runs_empty();
    return t;
}

// A tuple of runs as a grid: one when every run has one length (1..30)
// and a colour, at most 30 of them; the empty tuple is the empty grid.
// Any other tuple is no grid: left to the CPU.
BATT_DEVICE Grid runstuple_to_grid(const RunsTuple& t, Flag& ok) {
    const Runs& r = t.r;
    if (r.k == 0) return grid_empty();
    const i64 w = r.n[0];
    if (r.k > BATT_N || w < 1 || w > BATT_N) { ok.full(); return grid_empty(); }
    Grid g = grid_filled(r.k, (int)w, 0);
#pragma unroll 1
    for (int i = 0; i < r.k; i++) {
        if (r.n[i] != w || !colour_ok(r.v[i])) { ok.full(); return grid_empty(); }
        for (int j = 0; j < (int)w; j++) g.c[i * BATT_N + j] = (u8)r.v[i];
    }
    return g;
}

// The same as a program's output.
BATT_DEVICE Grid runstuple_grid(const RunsTuple& t, Lane& lane) {
    Flag ok = {false, false};
    Grid g = runstuple_to_grid(t, ok);
    lane.cap = lane.cap || ok.cap;
    return g;
}

BATT_DEVICE Ints ints_empty() {
    Ints t;
    t.n = 0;
    for (int k = 0; k < BATT_INTS; k++) t.v[k] = 0;
    return t;
}

BATT_DEVICE void ints_push(Ints& t, i64 v, Flag& ok) {
    if (t.n >= BATT_INTS) { ok.full(); return; }
    t.v[t.n++] = v;
}

BATT_DEVICE Pairs pairs_empty() {
    Pairs t;
    t.n = 0;
    for (int k = 0; k < BATT_INTS; k++) t.v[k] = Pair{0, 0};
    return t;
}

BATT_DEVICE void pairs_push(Pairs& t, const Pair& q, Flag& ok) {
    if (t.n >= BATT_INTS) { ok.full(); return; }
    t.v[t.n++] = q;
}

// The positions among the pairs v[0 .. n) inside the frame, as row masks
// (the others lie outside any grid). A coordinate beyond batt's i32
// indices is left to the CPU.
BATT_DEVICE Indices pair_list_in_frame(const Pair* v, int n, Flag& ok) {
    Indices s = indices_empty();
#pragma unroll 1
    for (int k = 0; k < n; k++) {
        const Pair& q = v[k];
        if (!fits_i32(q.a) || !fits_i32(q.b)) { ok.full(); continue; }
        if (q.a >= 0 && q.a < BATT_N && q.b >= 0 && q.b < BATT_N) s.r[q.a] |= 1u << q.b;
    }
    return s;
}

// The positions of a tuple of pairs inside the frame.
BATT_DEVICE Indices pairs_in_frame(const Pairs& t, Flag& ok) {
    return pair_list_in_frame(t.v, t.n < BATT_INTS ? t.n : BATT_INTS, ok);
}

BATT_DEVICE Offsets offsets_empty() {
    Offsets t;
    t.n = 0;
    for (int k = 0; k < BATT_OFFSETS; k++) t.v[k] = Pair{0, 0};
    return t;
}

// Adds q to the set t in its place (kept once); past BATT_OFFSETS pairs
// the set is left to the CPU.
BATT_DEVICE void offsets_add(Offsets& t, const Pair& q, Flag& ok) {
    int at = 0;
    while (at < t.n && (t.v[at].a < q.a || (t.v[at].a == q.a && t.v[at].b < q.b))) at++;
    if (at < t.n && t.v[at].a == q.a && t.v[at].b == q.b) return;
    if (t.n >= BATT_OFFSETS) { ok.full(); return; }
#pragma unroll 1
    for (int k = t.n; k > at; k--) t.v[k] = t.v[k - 1];
    t.v[at] = q;
    t.n++;
}

// The positions of a set of offsets inside the frame: what `fill` and
// `underfill` read of it.
BATT_DEVICE Indices offsets_in_frame(const Offsets& t, Flag& ok) {
    return pair_list_in_frame(t.v, t.n < BATT_OFFSETS ? t.n : BATT_OFFSETS, ok);
}

// Two lists of pairs as batt orders sets of offsets (their pairs compared
// in turn; a prefix first): negative, zero or positive.
BATT_DEVICE int pair_list_cmp(const Pair* a, int na, const Pair* b, int nb) {
#pragma unroll 1
    for (int k = 0; k < na && k < nb; k++) {
        if (a[k].a != b[k].a) return a[k].a < b[k].a ? -1 : 1;
        if (a[k].b != b[k].b) return a[k].b < b[k].b ? -1 : 1;
    }
    return (na > nb) - (na < nb);
}

// Two sets of offsets as batt orders them.
BATT_DEVICE int offsets_cmp(const Offsets& a, const Offsets& b) {
    return pair_list_cmp(a.v, a.n < BATT_OFFSETS ? a.n : BATT_OFFSETS, b.v, b.n < BATT_OFFSETS ? b.n : BATT_OFFSETS);
}

BATT_DEVICE OffsetsSet offsetsset_empty() {
    OffsetsSet t;
    zero_bytes(&t, sizeof(OffsetsSet));
    return t;
}

// Set k of a set of sets of offsets (0-based).
BATT_DEVICE Offsets offsetsset_get(const OffsetsSet& t, int k) {
    Offsets x = offsets_empty();
    const int from = t.start[k];
    x.n = t.start[k + 1] - from;
#pragma unroll 1
    for (int q = 0; q < x.n && q < BATT_OFFSETS; q++) x.v[q] = t.v[from + q];
    return x;
}

// Adds a set of offsets in its place (kept once); past BATT_OFFSETS_SET
// sets or BATT_OFFSETS_POOL pairs the set is left to the CPU.
BATT_DEVICE void offsetsset_add(OffsetsSet& t, const Offsets& x, Flag& ok) {
    const int nx = x.n < BATT_OFFSETS ? x.n : BATT_OFFSETS;
    int at = 0, c = -1;
#pragma unroll 1
    while (at < t.n && (c = pair_list_cmp(t.v + t.start[at], t.start[at + 1] - t.start[at], x.v, nx)) < 0) at++;
    if (at < t.n && c == 0) return;
    const int used = t.start[t.n];
    if (t.n >= BATT_OFFSETS_SET || used + nx > BATT_OFFSETS_POOL) { ok.full(); return; }
    // The pairs of the sets after `at` move up by nx, their starts too.
#pragma unroll 1
    for (int q = used - 1; q >= t.start[at]; q--) t.v[q + nx] = t.v[q];
#pragma unroll 1
    for (int k = t.n + 1; k > at; k--) t.start[k] = (u16)(t.start[k - 1] + nx);
#pragma unroll 1
    for (int q = 0; q < nx; q++) t.v[t.start[at] + q] = x.v[q];
    t.n++;
}

BATT_DEVICE PosPairs pospairs_empty() {
    PosPairs t;
    t.n = 0;
    for (int k = 0; k < BATT_POSPAIRS; k++) { t.p[k] = 0; t.q[k] = 0; }
    return t;
}

// The k-th pair of positions.
BATT_DEVICE PairPair pospairs_get(const PosPairs& t, int k) {
    return PairPair{Pair{t.p[k] / BATT_N, t.p[k] % BATT_N}, Pair{t.q[k] / BATT_N, t.q[k] % BATT_N}};
}

BATT_DEVICE PairRows pairrows_empty() {
    PairRows t;
    t.a = grid_empty();
    t.b = grid_empty();
    return t;
}

BATT_DEVICE Grids grids_empty() {
    Grids t;
    t.n = 0;
    t.used = 0;
#pragma unroll 1
    for (int k = 0; k < BATT_GRIDS; k++) { t.gh[k] = 0; t.gw[k] = 0; t.off[k] = 0; }
#pragma unroll 1
    for (int k = 0; k < BATT_GRID_CELLS; k++) t.cells[k] = 0;
    return t;
}

// The k-th grid of a tuple (0-based, k < n).
BATT_DEVICE Grid grids_get(const Grids& t, int k) {
    int h = t.gh[k], w = t.gw[k];
    Grid g = grid_empty();
    g.h = h;
    g.w = w;
    const u8* from = t.cells + t.off[k];
#pragma unroll 1
    for (int i = 0; i < h; i++)
#pragma unroll 1
        for (int j = 0; j < w; j++) g.c[i * BATT_N + j] = from[i * w + j];
    return g;
}

// Appends the k-th grid of tuple t (cells copied within the pools).
BATT_DEVICE void grids_push_at(Grids& r, const Grids& t, int k, Flag& ok) {
    int size = t.gh[k] * t.gw[k];
    if (r.n >= BATT_GRIDS || r.used + size > BATT_GRID_CELLS) { ok.full(); return; }
    r.gh[r.n] = t.gh[k];
    r.gw[r.n] = t.gw[k];
    r.off[r.n] = (u16)r.used;
#pragma unroll 1
    for (int p = 0; p < size; p++) r.cells[r.used + p] = t.cells[t.off[k] + p];
    r.used += size;
    r.n++;
}

// Whether the k-th grid of a tuple equals g (as b_eq does: every grid of
// no rows is the empty tuple).
BATT_DEVICE bool grids_eq_at(const Grids& t, int k, const Grid& g) {
    int h = t.gh[k], w = t.gw[k];
    if (h == 0 && g.h == 0) return true;
    if (h != g.h || w != g.w) return false;
    const u8* from = t.cells + t.off[k];
#pragma unroll 1
    for (int i = 0; i < h; i++)
#pragma unroll 1
        for (int j = 0; j < w; j++)
            if (from[i * w + j] != at(g, i, j)) return false;
    return true;
}

// The order of the k-th grid of a and the q-th of b, as the CPU orders
// values: rows as tuples of integers (cell by cell, a prefix first), then
// the number of rows. -1, 0 or 1.
BATT_DEVICE int grids_cmp_at(const Grids& a, int k, const Grids& b, int q) {
    const int ha = a.gh[k], wa = a.gw[k], hb = b.gh[q], wb = b.gw[q];
    const u8* x = a.cells + a.off[k];
    const u8* y = b.cells + b.off[q];
#pragma unroll 1
    for (int i = 0; i < ha && i < hb; i++) {
#pragma unroll 1
        for (int j = 0; j < wa && j < wb; j++) {
            const u8 p = x[i * wa + j], r = y[i * wb + j];
            if (p != r) return p < r ? -1 : 1;
        }
        if (wa != wb) return wa < wb ? -1 : 1;
    }
    return ha == hb ? 0 : ha < hb ? -1 : 1;
}

BATT_DEVICE Grids grids_empty();
BATT_DEVICE void grids_push(Grids& t, const Grid& g, Flag& ok);

BATT_DEVICE GridInts gridints_empty() {
    GridInts t;
    t.g = grids_empty();
    t.v = ints_empty();
    t.n = 0;
    return t;
}

BATT_DEVICE ObjTuplePairs objtuplepairs_empty() {
    ObjTuplePairs t;
    t.a = objtuple_empty();
    t.b = objtuple_empty();
    t.n = 0;
    return t;
}

BATT_DEVICE ObjInts objints_empty() {
    ObjInts t;
    t.t = objtuple_empty();
    t.v = ints_empty();
    t.n = 0;
    return t;
}

BATT_DEVICE RowInts rowints_empty() {
    RowInts t;
    t.g = grid_empty();
    t.v = ints_empty();
    t.n = 0;
    return t;
}

BATT_DEVICE GridSet gridset_empty() {
    GridSet s;
    s.g = grids_empty();
    return s;
}

// Adds a grid to a set of them, in order, once; a grid of no rows (the
// empty tuple, no grid to the CPU's order) is left to the CPU.
BATT_DEVICE void gridset_add(GridSet& s, const Grid& x, Flag& ok) {
    if (x.h == 0) { ok.full(); return; }
    Grids one = grids_empty();
    grids_push(one, x, ok);
    int at_k = 0;
#pragma unroll 1
    while (at_k < s.g.n) {
        const int c = grids_cmp_at(s.g, at_k, one, 0);
        if (c == 0) return;
        if (c > 0) break;
        at_k++;
    }
    Grids r = grids_empty();
#pragma unroll 1
    for (int k = 0; k < at_k; k++) grids_push_at(r, s.g, k, ok);
    grids_push_at(r, one, 0, ok);
#pragma unroll 1
    for (int k = at_k; k < s.g.n; k++) grids_push_at(r, s.g, k, ok);
    s.g = r;
}

// Appends a grid; past BATT_GRIDS grids or BATT_GRID_CELLS cells in all,
// the tuple is left to the CPU.
BATT_DEVICE void grids_push(Grids& t, const Grid& g, Flag& ok) {
    int size = g.h * g.w;
    if (t.n >= BATT_GRIDS || t.used + size > BATT_GRID_CELLS) { ok.full(); return; }
    t.gh[t.n] = (u8)g.h;
    t.gw[t.n] = (u8)g.w;
    t.off[t.n] = (u16)t.used;
    u8* to = t.cells + t.used;
#pragma unroll 1
    for (int i = 0; i < g.h; i++)
#pragma unroll 1
        for (int j = 0; j < g.w; j++) to[i * g.w + j] = at(g, i, j);
    t.used += size;
    t.n++;
}

BATT_DEVICE Patches patches_empty() {
    Patches x;
    x.n = 0;
#pragma unroll 1
    for (int k = 0; k < BATT_PATCHES; k++) x.s[k] = indices_empty();
    return x;
}

// Python's comparison of two sets of positions (their sorted lists,
// element by element, a prefix first): at the first position in one set
// only, the set holding it is the smaller unless the other has nothing
// beyond it (then the other is a prefix). -1, 0 or 1.
BATT_DEVICE int idx_cmp(const Indices& a, const Indices& b) {
#pragma unroll 1
    for (int i = 0; i < BATT_N; i++) {
        u32 d = a.r[i] ^ b.r[i];
        if (d == 0) continue;
        int j = lowest_bit(d);
        bool in_a = (a.r[i] >> j) & 1u;
        const Indices& other = in_a ? b : a;
        // Anything of the other set after (i, j)?
        bool more = (other.r[i] >> j) != 0;
#pragma unroll 1
        for (int k = i + 1; k < BATT_N && !more; k++) more = other.r[k] != 0;
        return (in_a == more) ? -1 : 1;
    }
    return 0;
}

// Adds a set of positions to a set of them, in order; one past
// BATT_PATCHES is left to the CPU.
BATT_DEVICE void patches_add(Patches& x, const Indices& s, Flag& ok) {
    int at_k = 0;
#pragma unroll 1
    while (at_k < x.n) {
        int c = idx_cmp(x.s[at_k], s);
        if (c == 0) return;
        if (c > 0) break;
        at_k++;
    }
    if (x.n >= BATT_PATCHES) { ok.full(); return; }
#pragma unroll 1
    for (int k = x.n; k > at_k; k--) x.s[k] = x.s[k - 1];
    x.s[at_k] = s;
    x.n++;
}

// A grid's row i as a tuple of integers.
BATT_DEVICE Ints grid_row(const Grid& g, int i) {
    Ints t = ints_empty();
    t.n = g.w;
    for (int j = 0; j < g.w; j++) t.v[j] = at(g, i, j);
    return t;
}

// Writes row i of a grid being built from a tuple of integers, the first
// row setting the width. Rows of another width, of none or over 30, or a
// number no cell holds make a tuple of rows no grid holds: false, and the
// lane is left to the CPU.
BATT_DEVICE bool grid_put_row(Grid& g, int i, const Ints& row, Flag& ok) {
    if (i == 0) g.w = row.n;
    if (row.n != g.w || row.n <= 0 || row.n > BATT_N) { ok.full(); return false; }
    for (int j = 0; j < row.n; j++) {
        if (!colour_ok(row.v[j])) { ok.full(); return false; }
        g.c[i * BATT_N + j] = (u8)row.v[j];
    }
    return true;
}

// The rows of a grid that `keep(i)` chooses, in order (none: the empty
// tuple).
template <class P>
BATT_DEVICE Grid grid_rows_where(const Grid& g, const P& keep) {
    Grid r = grid_filled(0, g.w, 0);
    for (int i = 0; i < g.h; i++)
        if (keep(i)) {
            for (int j = 0; j < g.w; j++) r.c[r.h * BATT_N + j] = at(g, i, j);
            r.h++;
        }
    if (r.h == 0) return grid_empty();
    return r;
}

// Appends the positions of a set, in order, to a tuple of pairs.
BATT_DEVICE void pairs_push_positions(Pairs& t, const Indices& s, Flag& ok) {
    for (int i = 0; i < BATT_N; i++)
        for (int j = 0; j < BATT_N; j++)
            if ((s.r[i] >> j) & 1u) pairs_push(t, Pair{i, j}, ok);
}

// Python equality of values of one device type.
BATT_DEVICE bool b_eq(i64 a, i64 b) { return a == b; }
BATT_DEVICE bool b_eq(const Pair& a, const Pair& b) { return a.a == b.a && a.b == b.b; }
BATT_DEVICE bool b_eq(const Cell& a, const Cell& b) { return a.c == b.c && b_eq(a.ij, b.ij); }
BATT_DEVICE bool b_eq(const Grid& a, const Grid& b) {
    if (a.h == 0 && b.h == 0) return true;  // both the empty tuple
    if (a.h != b.h || a.w != b.w) return false;
    for (int i = 0; i < a.h; i++)
        for (int j = 0; j < a.w; j++)
            if (at(a, i, j) != at(b, i, j)) return false;
    return true;
}
BATT_DEVICE bool b_eq(const Indices& a, const Indices& b) {
    for (int i = 0; i < BATT_N; i++)
        if (a.r[i] != b.r[i]) return false;
    return true;
}
BATT_DEVICE bool b_eq(const Object& a, const Object& b) {
    for (int i = 0; i < BATT_N; i++)
        if (a.r[i] != b.r[i]) return false;
    // The same cells: their colours, member by member.
#pragma unroll 1
    for (int p = cells_next(a.r, 0); p < BATT_CELLS; p = cells_next(a.r, p + 1))
        if (a.c[p] != b.c[p]) return false;
    return true;
}
BATT_DEVICE bool b_eq(const Colours& a, const Colours& b) { return a.m == b.m; }
BATT_DEVICE bool b_eq(const Ints& a, const Ints& b) {
    if (a.n != b.n) return false;
    for (int k = 0; k < a.n; k++)
        if (a.v[k] != b.v[k]) return false;
    return true;
}
BATT_DEVICE bool b_eq(const Objects& a, const Objects& b) {
    // Objects are numbered canonically: equal sets have equal label maps.
    if (a.n != b.n) return false;
    for (int p = 0; p < BATT_CELLS; p++) {
        if (a.lab[p] != b.lab[p]) return false;
        if (a.lab[p] != 0 && a.c[p] != b.c[p]) return false;
    }
    return true;
}
BATT_DEVICE bool b_eq(const Pairs& a, const Pairs& b) {
    if (a.n != b.n) return false;
    for (int k = 0; k < a.n && k < BATT_INTS; k++)
        if (!b_eq(a.v[k], b.v[k])) return false;
    return true;
}
BATT_DEVICE bool b_eq(const Offsets& a, const Offsets& b) {
    if (a.n != b.n) return false;
    for (int k = 0; k < a.n && k < BATT_OFFSETS; k++)
        if (!b_eq(a.v[k], b.v[k])) return false;
    return true;
}
// Equal sets of frontiers: each of one among the other's (they may come
// from grids of different shapes).
BATT_DEVICE bool frontiers_within(const Frontiers& a, const Frontiers& b) {
    for (int k = 0; k < 2 * BATT_N; k++)
        if (frontiers_has(a, k) && !frontiers_among(a, k, b)) return false;
    return true;
}
BATT_DEVICE bool b_eq(const Frontiers& a, const Frontiers& b) {
    return frontiers_within(a, b) && frontiers_within(b, a);
}
BATT_DEVICE bool b_eq(const Rect& a, const Rect& b) { return rect_eq(a, b); }
BATT_DEVICE bool b_eq(const PairPair& x, const PairPair& y) { return b_eq(x.a, y.a) && b_eq(x.b, y.b); }
BATT_DEVICE bool b_eq(const PosPairs& x, const PosPairs& y) {
    if (x.n != y.n) return false;
    for (int k = 0; k < x.n && k < BATT_POSPAIRS; k++)
        if (x.p[k] != y.p[k] || x.q[k] != y.q[k]) return false;
    return true;
}
BATT_DEVICE bool b_eq(const PairRows& x, const PairRows& y) {
    if (x.a.h == 0 && y.a.h == 0) return true;  // both the empty tuple
    return b_eq(x.a, y.a) && b_eq(x.b, y.b);
}
BATT_DEVICE bool b_eq(const Patches& a, const Patches& b) {
    if (a.n != b.n) return false;
    for (int k = 0; k < a.n && k < BATT_PATCHES; k++)
        if (!b_eq(a.s[k], b.s[k])) return false;
    return true;
}
BATT_DEVICE bool b_eq(const ObjTuple& a, const ObjTuple& b) { return b_eq(a.x, b.x); }
BATT_DEVICE bool b_eq(const Grids& a, const Grids& b) {
    if (a.n != b.n) return false;
    for (int k = 0; k < a.n && k < BATT_GRIDS; k++)
        if (!b_eq(grids_get(a, k), grids_get(b, k))) return false;
    return true;
}

// A grid, object or row paired with an integer (an element of a `pair`
// of tuples), and a pair of objects: by value, as their forms' unused
// bytes (cells past a grid's size, an object's cells off its mask) may
// hold anything.
BATT_DEVICE bool b_eq(const GridInt& a, const GridInt& b) { return a.v == b.v && b_eq(a.g, b.g); }
BATT_DEVICE bool b_eq(const ObjInt& a, const ObjInt& b) { return a.v == b.v && b_eq(a.o, b.o); }
BATT_DEVICE bool b_eq(const RowInt& a, const RowInt& b) { return a.v == b.v && b_eq(a.row, b.row); }
BATT_DEVICE bool b_eq(const ObjPair& a, const ObjPair& b) { return b_eq(a.a, b.a) && b_eq(a.b, b.b); }

// Python truthiness: zero and empty containers are false; a pair is a
// 2-tuple, always true.
BATT_DEVICE bool b_truthy(i64 a) { return a != 0; }
BATT_DEVICE bool b_truthy(const Pair&) { return true; }
BATT_DEVICE bool b_truthy(const Cell&) { return true; }
BATT_DEVICE bool b_truthy(const Grid& a) { return a.h > 0; }
BATT_DEVICE bool b_truthy(const Indices& a) {
    for (int i = 0; i < BATT_N; i++)
        if (a.r[i] != 0) return true;
    return false;
}
BATT_DEVICE bool b_truthy(const Object& a) {
    for (int i = 0; i < BATT_N; i++)
        if (a.r[i] != 0) return true;
    return false;
}
BATT_DEVICE bool b_truthy(const Objects& a) { return a.n > 0; }
BATT_DEVICE bool b_truthy(const Colours& a) { return a.m != 0; }
BATT_DEVICE bool b_truthy(const Ints& a) { return a.n > 0; }
BATT_DEVICE bool b_truthy(const Grids& a) { return a.n > 0; }
BATT_DEVICE bool b_truthy(const Patches& a) { return a.n > 0; }
BATT_DEVICE bool b_truthy(const Pairs& a) { return a.n > 0; }
BATT_DEVICE bool b_truthy(const PairRows& a) { return a.a.h > 0; }
BATT_DEVICE bool b_truthy(const PairPair&) { return true; }
BATT_DEVICE bool b_truthy(const PosPairs& a) { return a.n > 0; }
BATT_DEVICE bool b_truthy(const Offsets& a) { return a.n > 0; }
BATT_DEVICE bool b_truthy(const ObjBag& a) { return a.n > 0; }
BATT_DEVICE bool b_truthy(const ObjSeq& a) { return a.b.n > 0; }
BATT_DEVICE bool b_truthy(const PatchBag& a) { return a.n > 0; }
BATT_DEVICE bool b_truthy(const OffsetsSet& a) { return a.n > 0; }
BATT_DEVICE bool b_truthy(const Frontiers& a) { return (a.rows | a.cols) != 0; }
BATT_DEVICE bool b_truthy(const Rect& a) { return a.si <= a.ei; }
BATT_DEVICE bool b_truthy(const Rects& a) { return a.n > 0; }
BATT_DEVICE bool b_truthy(const ObjTuple& a) { return a.x.n > 0; }

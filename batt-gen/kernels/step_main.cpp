// Host driver for the step-major library (batt-gen/src/step_kernels.rs)
// compiled as C++ (see host_shim.h): reads a batch's samples and a card's
// step plan from stdin, runs every launch over (step, sample), then the
// lanes kernel, and writes each lane's flag and output grid to stdout.
// The library to include is given as -DBATT_SOURCE="path/to/steps.cu".
//
// Input (little-endian): n (u32) and n input grids (h, w as u8, then h*w
// cells); the status rows (u32); a sample's record bytes (u32); the
// launches (u32), each a tag (u32) and then
// - tag 0 (steps of one first-order kernel): the kernel (u32), its steps
//   (u32) and their StepDescs;
// - tag 1 (a higher-order step): a higher-order call (below);
// - tag 2 (a call of a callable value): its join kernel (u32), its
//   StepDesc, its lanes' record bytes (i64), the value's offset in them
//   (i64), and its body (below);
// then the programs (u32) and their StepPrograms; the counted steps (u32)
// and their numbers (i32 each). A higher-order call is its kernels (u32),
// its StepDesc, its element lanes' record bytes (i64), the callable's
// value's offset in them (i64), how it is read (i32), and its body. A body
// is its sub-steps (u32), each a tag (u32: 0 a first-order kernel (u32)
// and its StepDesc, 1 a higher-order call), then their StepGuards.
// Output per lane, program-major: flag (u8), failed steps (u32), h, w (u8
// each), h*w cells (u8). On stderr: the element lanes and sub-step runs.
#include "host_shim.h"
#include BATT_SOURCE

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

// A 16-byte word, so that every value in the records is aligned.
struct alignas(16) Word16Host {
    unsigned char b[16];
};

static bool read_bytes(void* to, size_t n) { return std::fread(to, 1, n, stdin) == n; }

static bool read_u32(unsigned& v) {
    unsigned char b[4];
    if (!read_bytes(b, 4)) return false;
    v = b[0] | (b[1] << 8) | (b[2] << 16) | ((unsigned)b[3] << 24);
    return true;
}

static void write_le(unsigned long long v, int bytes) {
    for (int b = 0; b < bytes; b++) std::fputc((int)((v >> (8 * b)) & 255), stdout);
}

struct Hof;

// A sub-step of a callable's body.
struct Sub {
    unsigned tag = 0;
    unsigned kernel = 0;
    StepDesc desc;
    std::unique_ptr<Hof> hof;
};

// A higher-order call and its callable's body.
struct Hof {
    unsigned kernel = 0;
    StepDesc own;
    long long stride = 0, result_off = 0;
    int result_kind = 0;
    std::vector<Sub> subs;
    std::vector<StepGuard> guards;
};

static bool read_body(std::vector<Sub>& subs, std::vector<StepGuard>& guards, int depth);

static bool read_hof(Hof& h, int depth) {
    if (depth > 8 || !read_u32(h.kernel) || h.kernel >= (unsigned)batt_hof_kernels ||
        !read_bytes(&h.own, sizeof h.own) || !read_bytes(&h.stride, 8) || !read_bytes(&h.result_off, 8) ||
        !read_bytes(&h.result_kind, 4) || h.stride <= 0 || h.stride % 16 != 0)
        return false;
    return read_body(h.subs, h.guards, depth);
}

static bool read_body(std::vector<Sub>& subs, std::vector<StepGuard>& guards, int depth) {
    unsigned n_sub = 0;
    if (!read_u32(n_sub)) return false;
    subs.resize(n_sub);
    for (auto& s : subs) {
        if (!read_u32(s.tag)) return false;
        if (s.tag == 0) {
            if (!read_u32(s.kernel) || s.kernel >= (unsigned)batt_step_kernels || !read_bytes(&s.desc, sizeof s.desc))
                return false;
        } else if (s.tag == 1) {
            s.hof.reset(new Hof());
            if (!read_hof(*s.hof, depth + 1)) return false;
        } else {
            return false;
        }
    }
    guards.resize(n_sub + 1);
    return read_bytes(guards.data(), sizeof(StepGuard) * n_sub);
}

static long long element_lanes = 0, sub_lane_runs = 0;

static void run_hof(const Hof& h, u8* slots, const StepLevels& lv, long long n, u8* status, const Grid* inputs);

// A body's sub-steps over `lanes` lanes of records `elems` (levels `lv`),
// statuses in `estatus` (a row per sub-step).
static void run_body(const std::vector<Sub>& subs, u8* elems, const StepLevels& lv, long long lanes, u8* estatus,
                     const Grid* inputs) {
    sub_lane_runs += lanes * (long long)subs.size();
    for (const Sub& s : subs) {
        if (s.tag == 0) {
            for (long long t = 0; t < lanes; t++) {
                batt_host_lane = (int)t;
                batt_step_table[s.kernel](&s.desc, 1, lanes, elems, lv, inputs, estatus);
            }
        } else {
            run_hof(*s.hof, elems, lv, lanes, estatus, inputs);
        }
    }
}

// A higher-order call over n lanes of records `slots` (levels `lv`):
// record, the body over its element lanes, replay.
static void run_hof(const Hof& h, u8* slots, const StepLevels& lv, long long n, u8* status, const Grid* inputs) {
    std::vector<int> counts((size_t)n + 1, 0);
    std::vector<long long> starts((size_t)n + 1, 0);
    StepElems el = {counts.data(), starts.data(), nullptr, h.stride};
    for (long long s = 0; s < n; s++) {
        batt_host_lane = (int)s;
        batt_hof_record_table[h.kernel](&h.own, (int)n, slots, lv, inputs, el, counts.data());
    }
    long long lanes = 0;
    for (long long s = 0; s < n; s++) {
        starts[s] = lanes;
        lanes += counts[s];
    }
    element_lanes += lanes;
    std::vector<int> lane_up((size_t)lanes + 1, 0);
    for (long long s = 0; s < n; s++)
        for (int k = 0; k < counts[s]; k++) lane_up[(size_t)(starts[s] + k)] = (int)s;
    std::vector<Word16Host> elems((size_t)(lanes * h.stride / 16) + 1);
    el.elems = (u8*)elems.data();
    for (long long s = 0; s < n; s++) {
        batt_host_lane = (int)s;
        batt_hof_record_table[h.kernel](&h.own, (int)n, slots, lv, inputs, el, counts.data());
    }
    // One level down: the element lanes' records, then this level's.
    StepLevels inner;
    inner.rec[0] = el.elems;
    inner.up[0] = lane_up.data();
    for (int d = 1; d < 4; d++) {
        inner.rec[d] = d == 1 ? slots : lv.rec[d - 1];
        inner.up[d] = lv.up[d - 1];
    }
    std::vector<u8> estatus(h.subs.size() * (size_t)lanes + 1, 0);
    run_body(h.subs, el.elems, inner, lanes, estatus.data(), inputs);
    for (long long s = 0; s < n; s++) {
        batt_host_lane = (int)s;
        batt_hof_replay_table[h.kernel](&h.own, (int)n, slots, lv, inputs, status, el, h.result_off, h.result_kind,
                                        estatus.data(), (int)h.subs.size(), lanes, h.guards.data());
    }
}

int main() {
    unsigned n = 0;
    if (!read_u32(n)) return 2;
    std::vector<Grid> inputs(n);
    for (unsigned s = 0; s < n; s++) {
        unsigned char hw[2];
        if (!read_bytes(hw, 2) || hw[0] > 30 || hw[1] > 30) return 2;
        inputs[s] = grid_filled(hw[0], hw[1], 0);
        for (int i = 0; i < hw[0]; i++)
            if (!read_bytes(&inputs[s].c[i * BATT_N], hw[1])) return 2;
    }
    unsigned rows = 0, record = 0;
    if (!read_u32(rows) || !read_u32(record)) return 2;
    std::vector<Word16Host> slots((size_t)record * n / 16 + 1);
    u8* base = (u8*)slots.data();
    const StepLevels top = step_levels_top(base);
    std::vector<u8> status((size_t)rows * n, 0);
    unsigned launches = 0;
    if (!read_u32(launches)) return 2;
    std::vector<StepDesc> descs;
    for (unsigned l = 0; l < launches; l++) {
        unsigned tag = 0;
        if (!read_u32(tag)) return 2;
        if (tag == 0) {
            unsigned kernel = 0, steps = 0;
            if (!read_u32(kernel) || !read_u32(steps) || kernel >= (unsigned)batt_step_kernels) return 2;
            descs.resize(steps);
            if (!read_bytes(descs.data(), sizeof(StepDesc) * steps)) return 2;
            const long long threads = (long long)steps * n;
            for (long long t = 0; t < threads; t++) {
                batt_host_lane = (int)t;
                batt_step_table[kernel](descs.data(), (int)steps, n, base, top, inputs.data(), status.data());
            }
        } else if (tag == 1) {
            Hof h;
            if (!read_hof(h, 0)) return 2;
            run_hof(h, base, top, n, status.data(), inputs.data());
        } else if (tag == 2) {
            // A call of a callable value: its body over one lane per
            // sample, then the join.
            unsigned kernel = 0;
            StepDesc own;
            long long stride = 0, result_off = 0;
            std::vector<Sub> subs;
            std::vector<StepGuard> guards;
            if (!read_u32(kernel) || kernel >= (unsigned)batt_call_kernels || !read_bytes(&own, sizeof own) ||
                !read_bytes(&stride, 8) || !read_bytes(&result_off, 8) || stride <= 0 || stride % 16 != 0 ||
                !read_body(subs, guards, 0))
                return 2;
            std::vector<Word16Host> lanes((size_t)(n * stride / 16) + 1);
            u8* elems = (u8*)lanes.data();
            StepLevels inner = top;
            inner.rec[0] = elems;
            inner.rec[1] = base;
            std::vector<u8> estatus(subs.size() * n + 1, 0);
            run_body(subs, elems, inner, n, estatus.data(), inputs.data());
            for (unsigned s = 0; s < n; s++) {
                batt_host_lane = (int)s;
                batt_call_table[kernel](&own, (int)n, base, status.data(), elems, stride, result_off,
                                        estatus.data(), (int)subs.size(), guards.data());
            }
        } else {
            return 2;
        }
    }
    unsigned n_progs = 0, n_counted = 0;
    if (!read_u32(n_progs)) return 2;
    std::vector<StepProgram> progs(n_progs);
    if (!read_bytes(progs.data(), sizeof(StepProgram) * n_progs)) return 2;
    if (!read_u32(n_counted)) return 2;
    std::vector<int> counted(n_counted);
    if (!read_bytes(counted.data(), sizeof(int) * n_counted)) return 2;
    const long long lanes = (long long)n_progs * n;
    std::vector<Grid> outs((size_t)lanes);
    std::vector<LaneScore> results((size_t)lanes);
    for (long long t = 0; t < lanes; t++) {
        batt_host_lane = (int)t;
        batt_step_lanes(progs.data(), counted.data(), (int)n_progs, (int)n, base, inputs.data(),
                        status.data(), outs.data(), results.data());
    }
    std::fprintf(stderr, "batt-steps: %lld element lanes, %lld sub-step runs\n", element_lanes, sub_lane_runs);
    for (long long t = 0; t < lanes; t++) {
        const Grid& g = outs[t];
        std::fputc(results[t].flag, stdout);
        write_le((unsigned)results[t].failed, 4);
        std::fputc(g.h, stdout);
        std::fputc(g.w, stdout);
        for (int i = 0; i < g.h; i++) std::fwrite(&g.c[i * BATT_N], 1, g.w, stdout);
    }
    return 0;
}

// Host driver for the step-major library (batt-gen/src/step_kernels.rs)
// compiled as C++ (see host_shim.h): reads a batch's samples and a card's
// step plan from stdin, runs every launch over (step, sample), then the
// lanes kernel, and writes each lane's flag and output grid to stdout.
// The library to include is given as -DBATT_SOURCE="path/to/steps.cu".
//
// Input (little-endian): n (u32) and n input grids (h, w as u8, then h*w
// cells); the status rows (u32); a sample's record bytes (u32); the
// launches (u32), each a tag (u32) and then for tag 0 (steps of one
// first-order kernel) the kernel (u32), its steps (u32) and their
// StepDescs, for tag 1 (a higher-order step) its kernels (u32), its
// StepDesc, its element lanes' record bytes (i64), the callable's value's
// offset in them (i64), how it is read (i32), its sub-steps (u32) and each
// one's kernel (u32) and StepDesc and then their StepGuards, for tag 2 (a call of a callable value)
// its join kernel (u32), its StepDesc, its lanes' record bytes (i64), the
// value's offset in them (i64), its sub-steps (u32) and each one's kernel
// (u32) and StepDesc and then their StepGuards; the programs (u32) and their
// StepPrograms; the counted steps (u32) and their numbers (i32 each).
// Output per lane, program-major: flag (u8), failed steps (u32), h, w (u8
// each), h*w cells (u8).
#include "host_shim.h"
#include BATT_SOURCE

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

// A 16-byte word, so that every value in the slots is aligned.
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
    std::vector<u8> status((size_t)rows * n, 0);
    unsigned launches = 0;
    if (!read_u32(launches)) return 2;
    std::vector<StepDesc> descs;
    // What the batch took (stderr): element lanes, and sub-step runs over them.
    long long element_lanes = 0, sub_lane_runs = 0;
    for (unsigned l = 0; l < launches; l++) {
        unsigned tag = 0, kernel = 0;
        if (!read_u32(tag) || !read_u32(kernel)) return 2;
        if (tag == 0) {
            unsigned steps = 0;
            if (!read_u32(steps) || kernel >= (unsigned)batt_step_kernels) return 2;
            descs.resize(steps);
            if (!read_bytes(descs.data(), sizeof(StepDesc) * steps)) return 2;
            const long long threads = (long long)steps * n;
            for (long long t = 0; t < threads; t++) {
                batt_host_lane = (int)t;
                batt_step_table[kernel](descs.data(), (int)steps, n, base, base, nullptr, inputs.data(),
                                        status.data());
            }
            continue;
        }
        if (tag == 2) {
            // A call of a callable value: its body over one lane per
            // sample, then the join.
            StepDesc own;
            long long stride = 0, result_off = 0;
            unsigned n_sub = 0;
            if (kernel >= (unsigned)batt_call_kernels || !read_bytes(&own, sizeof own) ||
                !read_bytes(&stride, 8) || !read_bytes(&result_off, 8) || !read_u32(n_sub) || stride <= 0 ||
                stride % 16 != 0)
                return 2;
            std::vector<Word16Host> lanes((size_t)(n * stride / 16) + 1);
            u8* elems = (u8*)lanes.data();
            std::vector<u8> estatus((size_t)n_sub * n + 1, 0);
            for (unsigned i = 0; i < n_sub; i++) {
                unsigned sub = 0;
                StepDesc desc;
                if (!read_u32(sub) || sub >= (unsigned)batt_step_kernels || !read_bytes(&desc, sizeof desc))
                    return 2;
                for (unsigned t = 0; t < n; t++) {
                    batt_host_lane = (int)t;
                    batt_step_table[sub](&desc, 1, n, elems, base, nullptr, inputs.data(), estatus.data());
                }
            }
            std::vector<StepGuard> guards(n_sub + 1);
            if (!read_bytes(guards.data(), sizeof(StepGuard) * n_sub)) return 2;
            for (unsigned s = 0; s < n; s++) {
                batt_host_lane = (int)s;
                batt_call_table[kernel](&own, (int)n, base, status.data(), elems, stride, result_off,
                                        estatus.data(), (int)n_sub, guards.data());
            }
            continue;
        }
        if (tag != 1 || kernel >= (unsigned)batt_hof_kernels) return 2;
        StepDesc own;
        long long stride = 0, result_off = 0;
        int result_kind = 0;
        unsigned n_sub = 0;
        if (!read_bytes(&own, sizeof own) || !read_bytes(&stride, 8) || !read_bytes(&result_off, 8) ||
            !read_bytes(&result_kind, 4) || !read_u32(n_sub) || stride <= 0 || stride % 16 != 0)
            return 2;
        std::vector<unsigned> sub_kernel(n_sub);
        std::vector<StepDesc> sub_desc(n_sub);
        for (unsigned i = 0; i < n_sub; i++)
            if (!read_u32(sub_kernel[i]) || sub_kernel[i] >= (unsigned)batt_step_kernels ||
                !read_bytes(&sub_desc[i], sizeof(StepDesc)))
                return 2;
        std::vector<StepGuard> guards(n_sub + 1);
        if (!read_bytes(guards.data(), sizeof(StepGuard) * n_sub)) return 2;
        // The elements the callable is called with: counted, then written
        // to their lanes.
        std::vector<int> counts(n, 0);
        std::vector<long long> starts(n, 0);
        StepElems el = {counts.data(), starts.data(), nullptr, stride};
        for (unsigned s = 0; s < n; s++) {
            batt_host_lane = (int)s;
            batt_hof_record_table[kernel](&own, (int)n, base, inputs.data(), el, counts.data());
        }
        long long lanes = 0;
        for (unsigned s = 0; s < n; s++) {
            starts[s] = lanes;
            lanes += counts[s];
        }
        element_lanes += lanes;
        sub_lane_runs += lanes * (long long)n_sub;
        std::vector<int> lane_sample((size_t)lanes + 1, 0);
        for (unsigned s = 0; s < n; s++)
            for (int k = 0; k < counts[s]; k++) lane_sample[(size_t)(starts[s] + k)] = (int)s;
        std::vector<Word16Host> elems((size_t)(lanes * stride / 16) + 1);
        el.elems = (u8*)elems.data();
        for (unsigned s = 0; s < n; s++) {
            batt_host_lane = (int)s;
            batt_hof_record_table[kernel](&own, (int)n, base, inputs.data(), el, counts.data());
        }
        // The callable's body over the element lanes.
        std::vector<u8> estatus((size_t)n_sub * (size_t)lanes + 1, 0);
        for (unsigned i = 0; i < n_sub; i++)
            for (long long t = 0; t < lanes; t++) {
                batt_host_lane = (int)t;
                batt_step_table[sub_kernel[i]](&sub_desc[i], 1, lanes, el.elems, base, lane_sample.data(),
                                               inputs.data(), estatus.data());
            }
        for (unsigned s = 0; s < n; s++) {
            batt_host_lane = (int)s;
            batt_hof_replay_table[kernel](&own, (int)n, base, inputs.data(), status.data(), el, result_off,
                                          result_kind, estatus.data(), (int)n_sub, lanes, guards.data());
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

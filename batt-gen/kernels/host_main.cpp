// Host driver for a generated kernel source compiled as C++ (see
// host_shim.h): reads the lanes from stdin, runs the kernel once per lane
// and writes each lane's flag and output grid to stdout. The source to
// include is given as -DBATT_SOURCE="path/to/card.cu".
//
// Input (little-endian u32 unless noted): the mode (0: every lane's grid,
// 1: scoring too), n_inputs, then per input h, w (u8 each) and h*w cells
// (u8); in mode 1 then per input its expected output the same way, h 255
// where it is unknown and 254 where the host compares; n_lanes, then per
// lane its program and input index. Output per lane: flag (u8), failed
// steps (u32), h, w (u8 each), h*w cells (u8); in mode 1 then matched and
// empty (u8 each), the scored mask (u32), the hash (u64) and BATT_DIFFERS
// scores (i64 each).
#include "host_shim.h"
#include BATT_SOURCE

#include <cstdio>
#include <cstdlib>
#include <vector>

static bool read_u32(unsigned& v) {
    unsigned char b[4];
    if (std::fread(b, 1, 4, stdin) != 4) return false;
    v = b[0] | (b[1] << 8) | (b[2] << 16) | ((unsigned)b[3] << 24);
    return true;
}

static bool read_u8(unsigned char& v) { return std::fread(&v, 1, 1, stdin) == 1; }

static void write_le(unsigned long long v, int bytes) {
    for (int b = 0; b < bytes; b++) std::fputc((int)((v >> (8 * b)) & 255), stdout);
}

// Reads n grids; with `expected`, h 255 and 254 stand for the heights -1
// and -2 (no grid follows).
static bool read_grids(std::vector<Grid>& grids, unsigned n, bool expected) {
    grids.resize(n);
    for (unsigned k = 0; k < n; k++) {
        unsigned char h = 0, w = 0;
        if (!read_u8(h) || !read_u8(w)) return false;
        Grid& g = grids[k];
        if (expected && h >= 254) {
            g = grid_empty();
            g.h = h == 255 ? -1 : -2;
            continue;
        }
        if (h > 30 || w > 30) return false;
        g = grid_filled(h, w, 0);
        for (int i = 0; i < h; i++)
            for (int j = 0; j < w; j++)
                if (!read_u8(g.c[i * BATT_N + j])) return false;
    }
    return true;
}

int main() {
    unsigned mode = 0, n_inputs = 0;
    if (!read_u32(mode) || mode > 1 || !read_u32(n_inputs)) return 2;
    std::vector<Grid> inputs, expected;
    if (!read_grids(inputs, n_inputs, false)) return 2;
    if (mode == 1 && !read_grids(expected, n_inputs, true)) return 2;
    unsigned n_lanes = 0;
    if (!read_u32(n_lanes)) return 2;
    std::vector<int> progs(n_lanes), samples(n_lanes);
    for (unsigned k = 0; k < n_lanes; k++) {
        unsigned p = 0, s = 0;
        if (!read_u32(p) || !read_u32(s) || s >= n_inputs) return 2;
        progs[k] = (int)p;
        samples[k] = (int)s;
    }
    std::vector<Grid> outs(n_lanes);
    std::vector<unsigned char> flags(n_lanes);
    std::vector<int> failed(n_lanes);
    std::vector<LaneScore> results(n_lanes);
    std::vector<i64> scores((size_t)n_lanes * BATT_DIFFERS);
    // Without scoring the expected outputs are not read.
    const Grid* expect = mode == 1 ? expected.data() : inputs.data();
    for (unsigned k = 0; k < n_lanes; k++) {
        batt_host_lane = (int)k;
        batt_card(inputs.data(), expect, (int)mode, progs.data(), samples.data(), (int)n_lanes, outs.data(),
                  results.data(), scores.data());
        flags[k] = results[k].flag;
        failed[k] = results[k].failed;
    }
    for (unsigned k = 0; k < n_lanes; k++) {
        const Grid& g = outs[k];
        unsigned f = (unsigned)failed[k];
        unsigned char head[7] = {flags[k], (unsigned char)(f & 255), (unsigned char)((f >> 8) & 255),
                                 (unsigned char)((f >> 16) & 255), (unsigned char)(f >> 24),
                                 (unsigned char)g.h, (unsigned char)g.w};
        std::fwrite(head, 1, 7, stdout);
        for (int i = 0; i < g.h; i++) std::fwrite(&g.c[i * BATT_N], 1, g.w, stdout);
        if (mode == 1) {
            const LaneScore& r = results[k];
            write_le(r.match, 1);
            write_le(r.empty, 1);
            write_le(r.scored, 4);
            write_le(r.hash, 8);
            for (int d = 0; d < BATT_DIFFERS; d++)
                write_le((unsigned long long)scores[(size_t)k * BATT_DIFFERS + d], 8);
        }
    }
    return 0;
}

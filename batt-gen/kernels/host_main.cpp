// Host driver for a generated kernel source compiled as C++ (see
// host_shim.h): reads the lanes from stdin, runs the kernel once per lane
// and writes each lane's flag and output grid to stdout. The source to
// include is given as -DBATT_SOURCE="path/to/card.cu".
//
// Input (little-endian u32 unless noted): n_inputs, then per input h, w
// (u8 each) and h*w cells (u8); n_lanes, then per lane its program and
// input index. Output per lane: flag (u8), failed steps (u32), h, w (u8
// each), h*w cells (u8).
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

int main() {
    unsigned n_inputs = 0;
    if (!read_u32(n_inputs)) return 2;
    std::vector<Grid> inputs(n_inputs);
    for (unsigned k = 0; k < n_inputs; k++) {
        unsigned char h = 0, w = 0;
        if (!read_u8(h) || !read_u8(w) || h > 30 || w > 30) return 2;
        Grid& g = inputs[k];
        g = grid_filled(h, w, 0);
        for (int i = 0; i < h; i++)
            for (int j = 0; j < w; j++)
                if (!read_u8(g.c[i * BATT_N + j])) return 2;
    }
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
    for (unsigned k = 0; k < n_lanes; k++) {
        batt_host_lane = (int)k;
        batt_card(inputs.data(), progs.data(), samples.data(), (int)n_lanes, outs.data(), flags.data(),
                  failed.data());
    }
    for (unsigned k = 0; k < n_lanes; k++) {
        const Grid& g = outs[k];
        unsigned f = (unsigned)failed[k];
        unsigned char head[7] = {flags[k], (unsigned char)(f & 255), (unsigned char)((f >> 8) & 255),
                                 (unsigned char)((f >> 16) & 255), (unsigned char)(f >> 24),
                                 (unsigned char)g.h, (unsigned char)g.w};
        std::fwrite(head, 1, 7, stdout);
        for (int i = 0; i < g.h; i++) std::fwrite(&g.c[i * BATT_N], 1, g.w, stdout);
    }
    return 0;
}

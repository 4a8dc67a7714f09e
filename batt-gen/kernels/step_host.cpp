// The step-major library (batt-gen/src/step_kernels.rs) compiled as host
// C++ (see host_shim.h) into a shared object for the driver of
// batt-runtime/src/backend/steps.rs: each kind of launch is one function
// that runs kernel `k` of its kind once per thread, as a GPU would run it
// once per thread of a grid. The library to include is given as
// -DBATT_SOURCE="path/to/steps.cu". Pointers are host addresses.
#include "host_shim.h"
#include BATT_SOURCE

extern "C" {

// How many kernels of a kind: 0 first-order, 1 higher-order (record and
// replay), 2 joins of callable values.
int batt_host_kernels(int kind) {
    return kind == 0 ? batt_step_kernels : kind == 1 ? batt_hof_kernels : kind == 2 ? batt_call_kernels : 0;
}

void batt_host_step(int k, long long threads, const StepDesc* steps, int n_steps, long long n, u8* slots,
                    StepLevels lv, const Grid* inputs, u8* status) {
    if (k < 0 || k >= batt_step_kernels) return;
    for (long long t = 0; t < threads; t++) {
        batt_host_lane = (int)t;
        batt_step_table[k](steps, n_steps, n, slots, lv, inputs, status);
    }
}

void batt_host_record(int k, long long threads, const StepDesc* steps, int n, const u8* slots, StepLevels lv,
                      const Grid* inputs, StepElems el, int* counts) {
    if (k < 0 || k >= batt_hof_kernels) return;
    for (long long t = 0; t < threads; t++) {
        batt_host_lane = (int)t;
        batt_hof_record_table[k](steps, n, slots, lv, inputs, el, counts);
    }
}

void batt_host_replay(int k, long long threads, const StepDesc* steps, int n, u8* slots, StepLevels lv,
                      const Grid* inputs, u8* status, StepElems el, long long result_off, int result_kind,
                      const u8* estatus, int n_sub, long long n_lanes, const StepGuard* guards) {
    if (k < 0 || k >= batt_hof_kernels) return;
    for (long long t = 0; t < threads; t++) {
        batt_host_lane = (int)t;
        batt_hof_replay_table[k](steps, n, slots, lv, inputs, status, el, result_off, result_kind, estatus, n_sub,
                                 n_lanes, guards);
    }
}

void batt_host_call(int k, long long threads, const StepDesc* steps, int n, u8* slots, u8* status,
                    const u8* elems, long long stride, long long result_off, const u8* estatus, int n_sub,
                    const StepGuard* guards) {
    if (k < 0 || k >= batt_call_kernels) return;
    for (long long t = 0; t < threads; t++) {
        batt_host_lane = (int)t;
        batt_call_table[k](steps, n, slots, status, elems, stride, result_off, estatus, n_sub, guards);
    }
}

void batt_host_lanes(long long threads, const StepProgram* progs, const int* prog_steps, int n_progs, int n,
                     const u8* slots, const Grid* inputs, const u8* status, Grid* outs, LaneScore* results) {
    for (long long t = 0; t < threads; t++) {
        batt_host_lane = (int)t;
        batt_step_lanes(progs, prog_steps, n_progs, n, slots, inputs, status, outs, results);
    }
}
}

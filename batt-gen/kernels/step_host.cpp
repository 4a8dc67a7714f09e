// The step-major library (batt-gen/src/step_kernels.rs) compiled as host
// C++ (see host_shim.h) into a shared object for the driver of
// batt-runtime/src/backend/steps.rs: `batt_host_launch` runs kernel `k` of
// a kind once per thread, as a GPU runs it once per thread of a grid,
// with its arguments given as cuLaunchKernel takes them: `args[i]` points
// at the value of parameter i. The library to include is given as
// -DBATT_SOURCE="path/to/steps.cu". Addresses are host addresses.
#include "host_shim.h"
#include BATT_SOURCE

#include <chrono>

// Parameter i of type T.
#define BATT_ARG(i, T) (*(T*)args[i])

extern "C" {

// Kinds of launch: 0 a first-order kernel, 1 a record, 2 a replay, 3 a
// join, 4 the lanes kernel, 5 the score lanes' gather, 6 their scoring,
// 7 the gather of the grids the host asks for, 8 the fold of the
// demonstration lanes by task (k unused for 4 to 8). With `slowest_ns` given, each
// thread is timed and the slowest one's nanoseconds written there (what a
// GPU's launch waits for when its threads run side by side). Returns 0,
// or 1 for a kernel or kind that does not exist.
int batt_host_launch(int kind, int k, long long threads, void** args, long long* slowest_ns) {
    const int count = kind == 0 ? batt_step_kernels
                      : kind == 1 || kind == 2 ? batt_hof_kernels
                      : kind == 3 ? batt_call_kernels
                      : kind >= 4 && kind <= 8 ? 1 : 0;
    if (k < 0 || k >= count) return 1;
    typedef std::chrono::steady_clock clock;
    long long slowest = 0;
    for (long long t = 0; t < threads; t++) {
        const clock::time_point start = slowest_ns ? clock::now() : clock::time_point();
        batt_host_lane = (int)t;
        switch (kind) {
        case 0:
            batt_step_table[k](BATT_ARG(0, const StepDesc*), BATT_ARG(1, int), BATT_ARG(2, long long),
                               BATT_ARG(3, u8*), BATT_ARG(4, StepLevels), BATT_ARG(5, const Grid*),
                               BATT_ARG(6, u8*));
            break;
        case 1:
            batt_hof_record_table[k](BATT_ARG(0, const StepDesc*), BATT_ARG(1, int), BATT_ARG(2, const u8*),
                                     BATT_ARG(3, StepLevels), BATT_ARG(4, const Grid*), BATT_ARG(5, StepElems),
                                     BATT_ARG(6, int*));
            break;
        case 2:
            batt_hof_replay_table[k](BATT_ARG(0, const StepDesc*), BATT_ARG(1, int), BATT_ARG(2, u8*),
                                     BATT_ARG(3, StepLevels), BATT_ARG(4, const Grid*), BATT_ARG(5, u8*),
                                     BATT_ARG(6, StepElems), BATT_ARG(7, long long), BATT_ARG(8, int),
                                     BATT_ARG(9, const u8*), BATT_ARG(10, int), BATT_ARG(11, long long),
                                     BATT_ARG(12, const StepGuard*));
            break;
        case 3:
            batt_call_table[k](BATT_ARG(0, const StepDesc*), BATT_ARG(1, int), BATT_ARG(2, u8*), BATT_ARG(3, u8*),
                               BATT_ARG(4, const u8*), BATT_ARG(5, long long), BATT_ARG(6, long long),
                               BATT_ARG(7, const u8*), BATT_ARG(8, int), BATT_ARG(9, const StepGuard*));
            break;
        case 5:
            batt_score_gather(BATT_ARG(0, const Grid*), BATT_ARG(1, const int*), BATT_ARG(2, int),
                              BATT_ARG(3, const Grid*), BATT_ARG(4, int), BATT_ARG(5, u8*), BATT_ARG(6, long long),
                              BATT_ARG(7, u8*), BATT_ARG(8, long long));
            break;
        case 6:
            batt_score_lanes(BATT_ARG(0, const StepDiffer*), BATT_ARG(1, int), BATT_ARG(2, int),
                             BATT_ARG(3, const int*), BATT_ARG(4, int), BATT_ARG(5, int), BATT_ARG(6, const u8*),
                             BATT_ARG(7, long long), BATT_ARG(8, const u8*), BATT_ARG(9, const u8*),
                             BATT_ARG(10, const u8*), BATT_ARG(11, const u8*), BATT_ARG(12, const Grid*),
                             BATT_ARG(13, LaneScore*), BATT_ARG(14, i64*));
            break;
        case 7:
            batt_step_gather(BATT_ARG(0, const Grid*), BATT_ARG(1, const int*), BATT_ARG(2, int),
                             BATT_ARG(3, Grid*));
            break;
        case 8:
            batt_fold_tasks(BATT_ARG(0, LaneScore*), BATT_ARG(1, const int*), BATT_ARG(2, const i64*),
                            BATT_ARG(3, int), BATT_ARG(4, int), BATT_ARG(5, int), BATT_ARG(6, const u8*),
                            BATT_ARG(7, const int*), BATT_ARG(8, int), BATT_ARG(9, const u8*),
                            BATT_ARG(10, const Grid*), BATT_ARG(11, int), BATT_ARG(12, int),
                            BATT_ARG(13, TaskFold*));
            break;
        default:
            batt_step_lanes(BATT_ARG(0, const StepProgram*), BATT_ARG(1, const int*), BATT_ARG(2, int),
                            BATT_ARG(3, int), BATT_ARG(4, const u8*), BATT_ARG(5, const Grid*),
                            BATT_ARG(6, const u8*), BATT_ARG(7, Grid*), BATT_ARG(8, LaneScore*));
        }
        if (slowest_ns) {
            const long long ns =
                std::chrono::duration_cast<std::chrono::nanoseconds>(clock::now() - start).count();
            if (ns > slowest) slowest = ns;
        }
    }
    if (slowest_ns) *slowest_ns = slowest;
    return 0;
}
}

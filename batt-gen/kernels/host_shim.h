// Compiles batt's kernel source as host C++17: device functions become
// plain inline functions, and the kernel a function the host driver calls
// once per lane with BATT_LANE set to that lane.
#ifndef BATT_HOST_SHIM_H
#define BATT_HOST_SHIM_H
#define BATT_HOST 1
#include <new>  // a program constructs its values in its frame
#define BATT_DEVICE static inline
#define BATT_METHOD
#define BATT_PROGRAM static
#define BATT_PRIM static inline
#define BATT_KERNEL static void
// One per thread: the host may run launches on several threads at once.
static thread_local int batt_host_lane = 0;
#define BATT_LANE batt_host_lane
#endif

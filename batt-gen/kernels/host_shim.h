// Compiles batt's step library as host C++17: device functions become
// plain inline functions, and each kernel a function the host driver
// (step_host.cpp) calls once per thread with BATT_LANE set to it.
#ifndef BATT_HOST_SHIM_H
#define BATT_HOST_SHIM_H
#define BATT_HOST 1
#include <new>  // placement new of large values
#define BATT_DEVICE static inline
#define BATT_METHOD
#define BATT_PRIM static inline
#define BATT_KERNEL static void
// One per thread: the host may run launches on several threads at once.
static thread_local int batt_host_lane = 0;
#define BATT_LANE batt_host_lane
#endif

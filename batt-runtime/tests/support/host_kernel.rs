//! The tests' stand-in for a GPU: the kernel compiled as host C++
//! ([`batt_runtime::backend::host::HostKernel`]).

pub(crate) use batt_runtime::backend::host::HostKernel;

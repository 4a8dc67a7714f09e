//! The tests' stand-in for a GPU: the kernel compiled as host C++
//! ([`batt_runtime::backend::host::HostKernel`]).

use std::path::{Path, PathBuf};

pub(crate) use batt_runtime::backend::host::HostKernel;

/// The workspace root.
pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

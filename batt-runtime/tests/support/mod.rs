//! Helpers shared by the integration tests.

pub mod host_kernel;

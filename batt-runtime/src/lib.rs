//! The batt runtime: ARC data, DSL values, and the command line.
//!
//! - [`grid`]: the compact grid representation shared by the loader, the
//!   DSL and the kernels.
//! - [`dataset`]: loading and validating tasks in every published format.
//! - [`dsl`]: the ARC DSL: values, the 160 primitives, constants.
//! - [`cli`]: the `batt-runtime` command line.

pub mod cli;
pub mod dataset;
pub mod dsl;
pub mod grid;

//! The batt runtime: ARC data, DSL values, and the command line.
//!
//! - [`grid`]: the compact grid representation shared by the loader, the
//!   DSL and the kernels.
//! - [`dataset`]: loading and validating tasks in every published format.
//! - [`cli`]: the `batt-runtime` command line.

pub mod cli;
pub mod dataset;
pub mod grid;

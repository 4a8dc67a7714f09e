//! The batt runtime: ARC data, DSL values, and the command line.
//!
//! - [`grid`]: the compact grid representation shared by the loader, the
//!   DSL and the kernels.
//! - [`dataset`]: loading and validating tasks in every published format.
//! - [`dsl`]: the ARC DSL: values, the 160 primitives, constants.
//! - [`batt`]: samples, outputs and the helpers generated code shares
//!   with the interpreter.
//! - [`generated`]: the project's cards compiled by `cargo xtask gen`.
//! - [`interp`]: the interpreter of card IR.
//! - [`run`]: the main job, `all-tasks`: lanes and their evaluation.
//! - [`results`]: per-task results, `results.json`, the submission, shards.
//! - [`backend`]: the device backends (CUDA) and the merge of device and
//!   CPU lanes.
//! - [`cli`]: the `batt-runtime` command line.

pub mod backend;
pub mod batt;
pub mod cli;
pub mod dataset;
pub mod dsl;
pub mod generated;
pub mod grid;
pub mod interp;
pub mod results;
pub mod run;

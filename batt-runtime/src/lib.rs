//! The batt runtime: ARC data, DSL values, and the command line.
//!
//! - [`grid`]: the compact grid representation shared by the loader, the
//!   DSL and the kernels.
//! - [`dataset`]: loading and validating tasks in every published format.
//! - [`dsl`]: the ARC DSL: values, the 160 primitives, constants.
//! - [`batt`]: samples, outputs and the helpers generated code shares
//!   with the interpreter.
//! - [`card`]: a card as a value (`dyn Card`): the compiled library, a
//!   generated fixture or `card!`, or an interpreted one.
//! - [`fingerprint`]: SHA-256 fingerprints of a dataset's tasks and of a
//!   card, the identity of a run.
//! - [`library`]: the project's cards compiled by `cargo xtask gen`.
//! - [`interp`]: cards given at run time, compiled from text.
//! - [`run`]: the main job as a value: lanes, backend, evaluation, results.
//! - [`results`]: per-task results, `results.json`, the submission, shards.
//! - [`report`]: `report.html`, a run's results with the grids drawn.
//! - [`backend`]: the CPU and device backends (CUDA) and the merge of
//!   device and CPU lanes.
//! - [`search`]: program search over a task's demonstrations.
//! - [`cli`]: the `batt-runtime` command line.

pub mod backend;
pub mod batt;
pub mod card;
pub mod cli;
pub mod dataset;
pub mod dsl;
pub mod fingerprint;
mod generated;
pub mod gpu_check;
pub mod grid;
pub mod interp;
pub mod report;
pub mod results;
pub mod run;
pub mod search;

pub use generated::library;

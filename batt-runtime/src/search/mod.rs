//! Program search (issue 19): `batt-runtime search` finds new solvers by
//! mutating a corpus of cards and evaluating the candidates of each
//! generation together, on every demonstration pair of the target tasks.
//!
//! - [`engine`]: the generations, the archive, the state a search resumes
//!   from.
//! - [`command`]: the command: corpus and data in, archive, log and results
//!   out.

pub mod command;
pub mod engine;

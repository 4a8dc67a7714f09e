//! Program search (issue 19): `batt-runtime search` finds new solvers by
//! bottom-up enumeration and by mutating a corpus of cards, evaluating the
//! candidates of each generation together, on every demonstration pair of
//! the target tasks.
//!
//! - [`enumerate`]: bottom-up enumeration of one task's programs with
//!   observational equivalence.
//! - [`engine`]: the generations, the archive, the state a search resumes
//!   from.
//! - [`command`]: the command: corpus and data in, archive, log and results
//!   out.

pub mod command;
pub mod engine;
pub mod enumerate;

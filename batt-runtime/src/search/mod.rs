//! Program search (issue 19).

pub mod enumerate;

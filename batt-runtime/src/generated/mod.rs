//! Code generated from the project's cards (`cards/`) by `cargo xtask gen`,
//! checked in; a test fails when it is stale.

#[rustfmt::skip]
#[allow(clippy::all, clippy::pedantic)]
pub mod card;

/// The library's kernel: its CUDA source and the solvers it vectorizes.
#[rustfmt::skip]
pub mod kernel;

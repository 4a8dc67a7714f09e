//! Code generated from the project's cards (`cards/`) by `cargo xtask gen`,
//! checked in; a test fails when it is stale.

#[rustfmt::skip]
#[allow(clippy::all, clippy::pedantic)]
pub mod card;

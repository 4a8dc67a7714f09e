//! The card language of batt.
//!
//! This crate will hold the parser, checker, IR, primitive catalogue and the
//! Rust and CUDA emitters (see ARCHITECTURE.md). It is a pure library: it
//! never touches files or processes; callers hand it text and receive
//! generated sources and diagnostics.

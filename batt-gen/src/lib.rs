//! The card language of batt.
//!
//! A pure library: it never touches files or processes; callers hand it
//! text and receive generated sources and diagnostics.
//!
//! - [`ast`]: the syntax tree of a card file.
//! - [`syntax`]: the tokenizer and parser (text to [`ast::CardFile`]).
//! - [`catalogue`]: every primitive's name, parameters and declared return
//!   type, and the named constants.
//! - [`check`]: name resolution, arity, definitions, returns and the rule
//!   that a solver's output never depends on `C`; diagnostics rendered with
//!   codespan-reporting.
//! - [`ir`]: the checked programs of a card as one graph of shared SSA steps.
//! - [`emit_rust`]: the sequential, error-safe Rust `batt()`.

pub mod ast;
pub mod catalogue;
pub mod check;
pub mod emit_rust;
pub mod ir;
pub mod syntax;

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
//! - [`emit_cuda`]: the branch-free vectorized kernel source of a card.
//! - [`macros`]: the expansion of the `card!` macro of batt-macros.

use codespan_reporting::files::SimpleFiles;

pub mod ast;
pub mod catalogue;
pub mod check;
pub mod dialect;
pub mod emit_cuda;
pub mod emit_rust;
pub mod ir;
pub mod macros;
pub mod syntax;

/// A card file given to the generator.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// Its name in diagnostics and headers (e.g. `cards/geometry.py`).
    pub name: &'a str,
    /// Its text.
    pub text: &'a str,
}

/// Where the generated Rust goes, relative to the workspace root.
pub const RUST_OUTPUT: &str = "batt-runtime/src/generated/card.rs";

/// Where the generated kernel source goes, beside the Rust.
pub const CUDA_OUTPUT: &str = "batt-runtime/src/generated/card.cu";

/// Parses, checks and lowers card files into one card. On any error,
/// returns every diagnostic rendered with its place.
pub fn compile(sources: &[Source<'_>]) -> Result<ir::Card, String> {
    let mut files = SimpleFiles::new();
    let mut parsed = Vec::new();
    let mut diagnostics = Vec::new();
    for source in sources {
        let id = files.add(source.name.to_owned(), source.text.to_owned());
        let (card, errors) = syntax::parse(id, source.text);
        diagnostics.extend(errors);
        parsed.push((id, card));
    }
    let checked: Vec<(usize, &ast::CardFile)> =
        parsed.iter().map(|(id, card)| (*id, card)).collect();
    diagnostics.extend(check::check(&checked));
    if !diagnostics.is_empty() {
        return Err(check::render(&files, &diagnostics));
    }
    let cards: Vec<&ast::CardFile> = parsed.iter().map(|(_, card)| card).collect();
    ir::Card::lower(&cards)
}

/// Where the generated Rust of the card fixtures goes (a module of
/// batt-runtime's tests, so it names the runtime `::batt_runtime`).
pub const FIXTURES_OUTPUT: &str = "batt-runtime/tests/generated/fixtures.rs";

/// The generated files of a card, as `(path relative to the workspace
/// root, content)`.
pub fn generate(sources: &[Source<'_>]) -> Result<Vec<(String, String)>, String> {
    let card = compile(sources)?;
    let names: Vec<&str> = sources.iter().map(|s| s.name).collect();
    let rust = emit_rust::emit(&card, &names, emit_rust::Runtime::Crate)?;
    let (cuda, _) = emit_cuda::emit(&card, &names)?;
    Ok(vec![
        (RUST_OUTPUT.to_owned(), rust),
        (CUDA_OUTPUT.to_owned(), cuda),
    ])
}

/// What the kernel of a card covers: its vectorized and CPU-only solvers.
pub fn kernel_coverage(sources: &[Source<'_>]) -> Result<emit_cuda::Coverage, String> {
    let card = compile(sources)?;
    let names: Vec<&str> = sources.iter().map(|s| s.name).collect();
    Ok(emit_cuda::emit(&card, &names)?.1)
}

/// Where the kernel source of the card fixtures goes.
pub const FIXTURES_CUDA_OUTPUT: &str = "batt-runtime/tests/generated/fixtures.cu";

/// The generated Rust and kernel source of the card fixtures, for
/// batt-runtime's tests.
pub fn generate_fixtures(sources: &[Source<'_>]) -> Result<Vec<(String, String)>, String> {
    let card = compile(sources)?;
    let names: Vec<&str> = sources.iter().map(|s| s.name).collect();
    let rust = emit_rust::emit(&card, &names, emit_rust::Runtime::External)?;
    let (cuda, _) = emit_cuda::emit(&card, &names)?;
    Ok(vec![
        (FIXTURES_OUTPUT.to_owned(), rust),
        (FIXTURES_CUDA_OUTPUT.to_owned(), cuda),
    ])
}

/// The templates the kernel of a card lacks, with how many solvers need
/// each, and how many solvers those templates would make vectorizable.
pub fn kernel_worklist(sources: &[Source<'_>]) -> Result<(Vec<(String, usize)>, usize), String> {
    let card = compile(sources)?;
    emit_cuda::worklist(&card)
}

/// The solvers of one of the card files, by name.
pub fn solver_names(sources: &[Source<'_>], file: &str) -> Result<Vec<String>, String> {
    let source = sources
        .iter()
        .find(|s| s.name == file)
        .ok_or_else(|| format!("no card file {file}"))?;
    let (card, _) = syntax::parse(0, source.text);
    Ok(card
        .programs
        .iter()
        .map(|p| p.name.name.clone())
        .filter(|n| n.starts_with("solve_"))
        .collect())
}

//! The card language of batt.
//!
//! A pure library: it never touches files or processes; callers hand it
//! text and receive generated sources and diagnostics.
//!
//! - [`ast`]: the syntax tree of a card file.
//! - [`syntax`]: the tokenizer and parser (text to [`ast::CardFile`]).
//! - [`catalogue`]: every primitive's name, parameters and declared types,
//!   the subtyping rule between types, and the named constants.
//! - [`check`]: name resolution, arity, definitions, returns and the rule
//!   that a solver's output never depends on `C`; diagnostics rendered with
//!   codespan-reporting.
//! - [`ir`]: the checked programs of a card as one graph of shared SSA steps.
//! - [`lenient`]: compiling cards given at run time: programs named from
//!   their paths, duplicates counted once, invalid programs left out.
//! - [`emit_rust`]: the sequential, error-safe Rust `batt()`.
//! - [`macros`]: the expansion of the `card!` macro of batt-macros.
//! - [`schedule`]: a graph's steps as launches over all samples, level by
//!   level and callee by callee, with value slots reused after their last
//!   reader (the step-major order of the device engine).
//! - [`templates`]: the primitives' CUDA source templates, their overloads
//!   over fixed-size device types, and what the plan relies on of them.
//! - [`step_kernels`]: the step-major engine's kernels (the same for every
//!   card) and a card's plan onto them.
//! - [`random`]: random type-correct programs over the catalogue (a
//!   benchmark corpus, seeded and deterministic).
//! - [`mutate`]: type-aware mutation and crossover of programs (program
//!   search's variation step, seeded and deterministic).
//!
//! [`compile`] turns card files into a checked card ([`ir::Card`]) or
//! [`Diagnostics`] (data, rendered on request); with the `rust` feature
//! (on by default), [`generate`] turns a compiled card into its Rust
//! module. The runtime uses the front end and the step kernels without the
//! `rust` feature, so it does not build the Rust emitter's `syn` and
//! `prettyplease`.

use std::fmt;

use codespan_reporting::diagnostic::Diagnostic;
use codespan_reporting::files::SimpleFiles;

pub mod ast;
pub mod catalogue;
pub mod check;
pub mod dialect;
#[cfg(feature = "rust")]
pub mod emit_rust;
pub mod ir;
pub mod lenient;
#[cfg(feature = "rust")]
pub mod macros;
pub mod mutate;
pub mod random;
pub mod schedule;
pub mod step_kernels;
pub mod syntax;
pub mod templates;

/// A card file given to the generator.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// Its name in diagnostics and headers (e.g. `cards/geometry.py`).
    pub name: &'a str,
    /// Its text.
    pub text: &'a str,
}

/// Every error found in a card's files, as data: codes, messages, labels
/// with their spans (byte ranges in the files, by file id), and notes.
/// [`Diagnostics::render`] turns them into the text a user reads.
#[derive(Clone)]
pub struct Diagnostics {
    files: SimpleFiles<String, String>,
    list: Vec<Diagnostic<usize>>,
}

impl Diagnostics {
    /// The diagnostics, ordered by file and position.
    pub fn list(&self) -> &[Diagnostic<usize>] {
        &self.list
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Their codes (`unknown-name`, `arity`, ...), in order.
    pub fn codes(&self) -> Vec<&str> {
        self.list.iter().filter_map(|d| d.code.as_deref()).collect()
    }

    /// The diagnostics rendered as plain text with their places (see
    /// [`check::render`]).
    pub fn render(&self) -> String {
        check::render(&self.files, &self.list)
    }
}

impl fmt::Debug for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.codes()).finish()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

impl std::error::Error for Diagnostics {}

/// Parses, checks and lowers card files (file ids follow their order in
/// `sources`) into one card of the dialect version they name (see
/// [`dialect::Version`]), or returns every diagnostic found.
pub fn compile(sources: &[Source<'_>]) -> Result<ir::Card, Diagnostics> {
    compile_with(sources, &Options::default())
}

/// How [`compile_with`] reads a card.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// The dialect version, overriding the files' pragmas; `None` to take
    /// the pragmas, or detect the version from the names the card uses.
    pub dialect: Option<dialect::Version>,
}

/// Diagnostic codes of the dialect pragma.
pub mod code {
    /// A pragma naming no known version.
    pub const UNKNOWN_DIALECT: &str = "unknown-dialect";
    /// Two files naming different versions.
    pub const CONFLICTING_DIALECTS: &str = "conflicting-dialects";
}

/// [`compile`] with options.
pub fn compile_with(sources: &[Source<'_>], options: &Options) -> Result<ir::Card, Diagnostics> {
    let mut files = SimpleFiles::new();
    let mut parsed = Vec::new();
    let mut list = Vec::new();
    for source in sources {
        let id = files.add(source.name.to_owned(), source.text.to_owned());
        let (card, errors) = syntax::parse(id, source.text);
        list.extend(errors);
        parsed.push((id, card));
    }
    let files_of: Vec<(usize, &str, &ast::CardFile)> = sources
        .iter()
        .zip(&parsed)
        .map(|(source, (id, card))| (*id, source.text, card))
        .collect();
    let version = version_of(options, &files_of, &mut list);
    let checked: Vec<(usize, &ast::CardFile)> =
        parsed.iter().map(|(id, card)| (*id, card)).collect();
    list.extend(check::check_version(&checked, version));
    if !list.is_empty() {
        return Err(Diagnostics { files, list });
    }
    let cards: Vec<&ast::CardFile> = parsed.iter().map(|(_, card)| card).collect();
    // The checker accepted the card, so lowering fails only on a bug.
    let mut card = ir::Card::lower(&cards).map_err(|e| Diagnostics {
        files,
        list: vec![Diagnostic::bug().with_message(format!("cannot lower the card: {e}"))],
    })?;
    card.dialect = version;
    Ok(card)
}

/// The version `options` name, else the one the files' pragmas name (an
/// error for an unknown name or two different ones), else the newest
/// version whose own names the card uses, else the default. `files` are
/// (file id, text, parsed file).
pub(crate) fn version_of(
    options: &Options,
    files: &[(usize, &str, &ast::CardFile)],
    list: &mut Vec<Diagnostic<usize>>,
) -> dialect::Version {
    use codespan_reporting::diagnostic::Label;
    if let Some(version) = options.dialect {
        return version;
    }
    let mut named: Option<(dialect::Version, usize, std::ops::Range<usize>)> = None;
    for &(id, text, _) in files {
        let Some((name, span)) = dialect::pragma(text) else {
            continue;
        };
        let Some(version) = dialect::Version::from_name(name) else {
            let known: Vec<&str> = dialect::Version::ALL.iter().map(|v| v.name()).collect();
            list.push(
                Diagnostic::error()
                    .with_code(code::UNKNOWN_DIALECT)
                    .with_message(format!("unknown dialect version `{name}`"))
                    .with_labels(vec![Label::primary(id, span)])
                    .with_notes(vec![format!("known versions: {}", known.join(", "))]),
            );
            continue;
        };
        match &named {
            Some((first, first_id, first_span)) if *first != version => list.push(
                Diagnostic::error()
                    .with_code(code::CONFLICTING_DIALECTS)
                    .with_message(format!(
                        "this file is `{version}` but another file of the card is `{first}`"
                    ))
                    .with_labels(vec![
                        Label::primary(id, span),
                        Label::secondary(*first_id, first_span.clone())
                            .with_message(format!("`{first}` here")),
                    ]),
            ),
            Some(_) => {}
            None => named = Some((version, id, span)),
        }
    }
    if let Some((version, ..)) = named {
        return version;
    }
    let mut names = Vec::new();
    for &(_, _, card) in files {
        card.names(&mut |name| names.push(name));
    }
    if names.into_iter().any(dialect::only_in_2025_11) {
        dialect::Version::Batt2025_11
    } else {
        dialect::Version::default()
    }
}

/// What the generator writes for a card, and where.
#[cfg(feature = "rust")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The project's library, compiled into batt-runtime.
    Library,
    /// The card fixtures, compiled into batt-runtime's tests (a module that
    /// names the runtime `::batt_runtime`).
    Fixtures,
}

#[cfg(feature = "rust")]
impl Target {
    /// Where the generated Rust goes, relative to the workspace root.
    pub fn rust_path(self) -> &'static str {
        match self {
            Target::Library => "batt-runtime/src/generated/card.rs",
            Target::Fixtures => "batt-runtime/tests/generated/fixtures.rs",
        }
    }

    fn runtime(self) -> emit_rust::Runtime {
        match self {
            Target::Library => emit_rust::Runtime::Crate,
            Target::Fixtures => emit_rust::Runtime::External,
        }
    }
}

/// The generated file of a compiled card for `target`, as `(path
/// relative to the workspace root, content)`: the Rust module, whose
/// `CARD` carries the card's files (the runtime plans them onto the
/// step-major engine's kernels).
#[cfg(feature = "rust")]
pub fn generate(
    card: &ir::Card,
    sources: &[Source<'_>],
    target: Target,
) -> Result<(String, String), String> {
    let rust = emit_rust::emit(card, sources, target.runtime())?;
    Ok((target.rust_path().to_owned(), rust))
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

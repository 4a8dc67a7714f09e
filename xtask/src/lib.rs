//! The library half of xtask: what `cargo xtask gen` does, callable from
//! tests (the freshness check runs the same code).

pub mod ptxas;

use std::fs;
use std::path::{Path, PathBuf};

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The card files at `path` (a `.py` file, or the `.py` files of a
/// directory, sorted), as `(name relative to root, text)`.
pub fn card_sources(root: &Path, path: &Path) -> Result<Vec<(String, String)>, String> {
    let full = if path.is_absolute() {
        path.to_path_buf()
    } else {
        root.join(path)
    };
    let files: Vec<PathBuf> = if full.is_dir() {
        let mut files: Vec<PathBuf> = fs::read_dir(&full)
            .map_err(|e| format!("{}: {e}", full.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "py"))
            .collect();
        files.sort();
        files
    } else {
        vec![full]
    };
    files
        .into_iter()
        .map(|f| {
            let text = fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
            let name = f.strip_prefix(root).unwrap_or(&f).display().to_string();
            Ok((name, text))
        })
        .collect()
}

/// Where the valid card fixtures live, relative to the root.
pub const CARD_FIXTURES: &str = "tests/fixtures/cards";

/// A card set compiled once: its files and the checked card.
#[derive(Debug)]
pub struct CompiledCards {
    /// The card files, as `(name relative to root, text)`.
    pub sources: Vec<(String, String)>,
    /// The checked card.
    pub card: batt_gen::ir::Card,
}

impl CompiledCards {
    /// Reads and compiles the cards at `path`; errors come rendered.
    pub fn load(root: &Path, path: &Path) -> Result<CompiledCards, String> {
        let sources = card_sources(root, path)?;
        let card = batt_gen::compile(&views(&sources)).map_err(|d| d.render())?;
        Ok(CompiledCards { sources, card })
    }

    /// The file the generator makes of them for `target`.
    pub fn generate(&self, target: batt_gen::Target) -> Result<(String, String), String> {
        batt_gen::generate(&self.card, &self.views(), target)
    }

    /// The card files as the generator takes them.
    pub fn views(&self) -> Vec<batt_gen::Source<'_>> {
        views(&self.sources)
    }
}

fn views(sources: &[(String, String)]) -> Vec<batt_gen::Source<'_>> {
    sources
        .iter()
        .map(|(name, text)| batt_gen::Source { name, text })
        .collect()
}

/// The files the generator makes from the cards at `path`, and from the
/// card fixtures (compiled into batt-runtime's tests), with the library's
/// compiled cards.
pub fn generated_files(
    root: &Path,
    path: &Path,
) -> Result<(Vec<(PathBuf, String)>, CompiledCards), String> {
    let library = CompiledCards::load(root, path)?;
    let fixtures = CompiledCards::load(root, Path::new(CARD_FIXTURES))?;
    let files = [
        library.generate(batt_gen::Target::Library)?,
        fixtures.generate(batt_gen::Target::Fixtures)?,
    ];
    let files = files
        .into_iter()
        .map(|(p, text)| (root.join(p), text))
        .collect();
    Ok((files, library))
}

/// The generated files whose content on disk differs from what the cards
/// at `path` generate.
pub fn stale_files(root: &Path, path: &Path) -> Result<Vec<PathBuf>, String> {
    Ok(stale(&generated_files(root, path)?.0))
}

/// Which of the files, as generated, differ from what is on disk.
pub fn stale(files: &[(PathBuf, String)]) -> Vec<PathBuf> {
    files
        .iter()
        .filter(|(p, text)| fs::read_to_string(p).ok().as_deref() != Some(text.as_str()))
        .map(|(p, _)| p.clone())
        .collect()
}

/// Writes the files whose content changed (atomically) and returns them.
pub fn write_files(files: Vec<(PathBuf, String)>) -> Result<Vec<PathBuf>, String> {
    let mut written = Vec::new();
    for (p, text) in files {
        if fs::read_to_string(&p).ok().as_deref() == Some(text.as_str()) {
            continue;
        }
        if let Some(dir) = p.parent() {
            fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        let mut tmp = p.clone().into_os_string();
        tmp.push(".tmp");
        let tmp = PathBuf::from(tmp);
        fs::write(&tmp, &text).map_err(|e| format!("{}: {e}", tmp.display()))?;
        fs::rename(&tmp, &p).map_err(|e| format!("{}: {e}", p.display()))?;
        written.push(p);
    }
    Ok(written)
}

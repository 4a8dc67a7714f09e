//! The output directory of a run: checked before the evaluation, its files
//! committed together after it, and read back only when they are whole.
//!
//! [`OutDir::prepare`] creates the directory when it is missing and checks
//! that it is a directory one can write in (by creating and removing a
//! probe file), before any work is done; it also removes the temporaries
//! that runs killed while writing left behind.
//!
//! [`OutDir::commit`] writes the files of a run (`results.json`,
//! `submission.json`, on request `outputs.jsonl`) and its views (on
//! request `report.html`, derived from the files and not listed in the
//! manifest) into a fresh temporary directory inside it
//! (`.batt-tmp-<pid>-<n>`), then removes the previous `manifest.json` (and
//! an `outputs.jsonl` or `report.html` this run does not replace),
//! moves the files into place one by one, and writes the new
//! [`MANIFEST`] last: the name, size and SHA-256 of every file, and the
//! run's identity. Until that last rename the directory has no manifest or
//! the previous run's, which the new files do not match; so a reader who
//! checks the manifest, as [`read_run`] does, never takes the files of two
//! runs for one. On any error the temporary directory is removed, and an
//! error while writing the temporaries (a full disk) leaves the previous
//! run's files and manifest as they were.
//!
//! Commits into one directory take turns: each holds an exclusive lock on
//! its `.batt.lock` file (released by the system when a process dies). Two
//! runs sharing `--out` leave the files of the one that committed last, and
//! a temporary exists only while its run holds the lock, so any found by a
//! run holding it was left by a run that was killed, and is removed. Only
//! names starting with `.batt-tmp-` are ever removed.

use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

use super::{RESULTS_SCHEMA, Results, RunIdentity, submission};
use crate::fingerprint::sha256_hex;

/// The manifest's file name; written last, after the files it lists.
pub const MANIFEST: &str = "manifest.json";

/// The version of the manifest's schema.
pub const MANIFEST_SCHEMA: &str = "batt.manifest/1";

/// The files a run may write besides the manifest, all listed in it.
const RUN_FILES: [&str; 3] = ["results.json", "submission.json", "outputs.jsonl"];

/// The views a run may write with its files: derived from them, moved
/// into place with them (and removed by a run that does not write them),
/// but not listed in the manifest, since `report` may write them again
/// from the listed files.
const VIEW_FILES: [&str; 1] = ["report.html"];

/// The start of every temporary's name (and only theirs).
const TEMP_PREFIX: &str = ".batt-tmp-";

/// The file whose lock commits into one directory take in turn.
const LOCK: &str = ".batt.lock";

/// `manifest.json`: the files of one run, written after them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The run's files, in the order they were moved into place.
    pub files: Vec<FileHash>,
    /// The identity of the run (that of its `results.json`).
    pub run: RunIdentity,
    /// [`MANIFEST_SCHEMA`] when this version wrote it.
    pub schema: String,
}

/// One file of a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileHash {
    /// Its size in bytes.
    pub bytes: u64,
    /// Its name in the directory.
    pub name: String,
    /// The lowercase hex SHA-256 of its bytes.
    pub sha256: String,
}

impl FileHash {
    fn of(name: &str, bytes: &[u8]) -> FileHash {
        FileHash {
            bytes: bytes.len() as u64,
            name: name.to_owned(),
            sha256: sha256_hex(bytes),
        }
    }

    /// The hash of the file at `path`, read in pieces (an `outputs.jsonl`
    /// may be larger than memory allows).
    fn of_file(name: &str, path: &Path) -> std::io::Result<FileHash> {
        use sha2::{Digest as _, Sha256};
        use std::io::Read as _;
        let mut file = File::open(path)?;
        let mut hasher = Sha256::new();
        let mut buffer = vec![0u8; 1 << 20];
        let mut bytes = 0u64;
        loop {
            let n = match file.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            hasher.update(&buffer[..n]);
            bytes += n as u64;
        }
        Ok(FileHash {
            bytes,
            name: name.to_owned(),
            sha256: crate::fingerprint::hex(&hasher.finalize()),
        })
    }
}

/// An output directory that exists and can be written in.
#[derive(Debug)]
pub struct OutDir {
    path: PathBuf,
    removed: Vec<PathBuf>,
}

/// `path`, with the error.
fn at(path: &Path, what: &str, e: impl std::fmt::Display) -> String {
    format!("{}: {what}: {e}", path.display())
}

/// The lock of `dir`'s commits, held until dropped.
fn lock(dir: &Path) -> Result<File, String> {
    let cannot = |e| at(dir, "cannot write in the output directory", e);
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(dir.join(LOCK))
        .map_err(cannot)?;
    file.lock().map_err(cannot)?;
    Ok(file)
}

impl OutDir {
    /// Checks `path` before a run: created when missing, it must be a
    /// directory one can write in. Removes the temporaries of killed runs.
    pub fn prepare(path: &Path) -> Result<OutDir, String> {
        match fs::metadata(path) {
            Ok(meta) if !meta.is_dir() => {
                return Err(format!(
                    "{}: not a directory; --out names the directory to write into",
                    path.display()
                ));
            }
            Ok(_) => {}
            Err(e) if e.kind() == ErrorKind::NotFound => {
                fs::create_dir_all(path)
                    .map_err(|e| at(path, "cannot create the output directory", e))?;
            }
            Err(e) => return Err(at(path, "cannot read the output directory", e)),
        }
        let _lock = lock(path)?;
        let mut removed = Vec::new();
        let entries =
            fs::read_dir(path).map_err(|e| at(path, "cannot read the output directory", e))?;
        for entry in entries {
            let entry = entry.map_err(|e| at(path, "cannot read the output directory", e))?;
            if !entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
                continue;
            }
            let stray = entry.path();
            let gone = if entry.file_type().is_ok_and(|t| t.is_dir()) {
                fs::remove_dir_all(&stray)
            } else {
                fs::remove_file(&stray)
            };
            gone.map_err(|e| at(&stray, "cannot remove this temporary of a killed run", e))?;
            removed.push(stray);
        }
        let probe = path.join(format!("{TEMP_PREFIX}probe-{}", std::process::id()));
        let cannot = |e| at(path, "cannot write in the output directory", e);
        fs::write(&probe, b"probe").map_err(cannot)?;
        fs::remove_file(&probe).map_err(cannot)?;
        Ok(OutDir {
            path: path.to_path_buf(),
            removed,
        })
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The temporaries of killed runs that [`OutDir::prepare`] removed.
    pub fn removed(&self) -> &[PathBuf] {
        &self.removed
    }

    /// Writes one file that belongs to no run's manifest (the report of
    /// a run read back) into the directory: written into a temporary
    /// beside it, flushed, and renamed over `name`, so that the file is
    /// either the previous one or the whole new one.
    pub fn write_file(&self, name: &str, bytes: &[u8]) -> Result<(), String> {
        let _lock = lock(&self.path)?;
        let temp = Temp::new(&self.path)?;
        let from = temp.path.join(name);
        write_synced(&from, bytes)?;
        let to = self.path.join(name);
        fs::rename(&from, &to).map_err(|e| at(&to, "cannot write", e))?;
        if let Ok(dir) = File::open(&self.path) {
            let _ = dir.sync_all();
        }
        Ok(())
    }

    /// Writes the files of the run `run` (name, bytes) and its views
    /// together, the manifest, which lists the files, last (see the module
    /// documentation).
    pub fn commit(
        &self,
        files: &[(&str, &[u8])],
        views: &[(&str, &[u8])],
        run: &RunIdentity,
    ) -> Result<(), String> {
        let _lock = lock(&self.path)?;
        let temp = Temp::new(&self.path)?;
        let mut hashes = Vec::new();
        for (name, bytes) in files {
            write_synced(&temp.path.join(name), bytes)?;
            hashes.push(FileHash::of(name, bytes));
        }
        for (name, bytes) in views {
            write_synced(&temp.path.join(name), bytes)?;
        }
        let manifest = Manifest {
            files: hashes,
            run: run.clone(),
            schema: MANIFEST_SCHEMA.to_owned(),
        };
        let text = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
        write_synced(&temp.path.join(MANIFEST), text.as_bytes())?;
        // From here on the directory has no manifest until the new one.
        let written = |f: &&str| !files.iter().chain(views).any(|(n, _)| n == f);
        let stale = std::iter::once(MANIFEST)
            .chain(RUN_FILES.into_iter().chain(VIEW_FILES).filter(written));
        for name in stale {
            let path = self.path.join(name);
            match fs::remove_file(&path) {
                Err(e) if e.kind() != ErrorKind::NotFound => {
                    return Err(at(&path, "cannot remove the previous run's file", e));
                }
                _ => {}
            }
        }
        for name in files.iter().chain(views).map(|(n, _)| *n).chain([MANIFEST]) {
            let to = self.path.join(name);
            fs::rename(temp.path.join(name), &to).map_err(|e| at(&to, "cannot write", e))?;
        }
        // Make the renames durable where the system allows it.
        if let Ok(dir) = File::open(&self.path) {
            let _ = dir.sync_all();
        }
        Ok(())
    }
}

/// Writes one file anywhere whole or not at all (`random-card --out`):
/// into a temporary beside it (`.batt-tmp-<pid>-<n>-<name>`), flushed, then
/// renamed over `path`, so that `path` is either what it was or the whole
/// new content; the temporary is removed on any error.
pub fn write_file_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let name = path
        .file_name()
        .ok_or_else(|| format!("{}: not a file name", path.display()))?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let mut temp_name =
        std::ffi::OsString::from(format!("{TEMP_PREFIX}{}-{n}-", std::process::id()));
    temp_name.push(name);
    let temp = dir.join(temp_name);
    let written = write_synced(&temp, bytes)
        .and_then(|()| fs::rename(&temp, path).map_err(|e| at(path, "cannot write", e)));
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    } else if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
    written
}

/// Writes `bytes` to `path` and flushes them to the disk, so that a full
/// disk is an error here and not a short file later.
fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let cannot = |e| at(path, "cannot write", e);
    let mut file = File::create(path).map_err(cannot)?;
    file.write_all(bytes).map_err(cannot)?;
    file.sync_all().map_err(cannot)
}

/// A fresh temporary directory, removed with what it holds when dropped.
struct Temp {
    path: PathBuf,
}

impl Temp {
    fn new(dir: &Path) -> Result<Temp, String> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        loop {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let path = dir.join(format!("{TEMP_PREFIX}{}-{n}", std::process::id()));
            match fs::create_dir(&path) {
                Ok(()) => return Ok(Temp { path }),
                Err(e) if e.kind() == ErrorKind::AlreadyExists => {}
                Err(e) => return Err(at(&path, "cannot create a temporary directory", e)),
            }
        }
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.path);
    }
}

/// Writes `results.json` (with timing), `submission.json` and, when asked,
/// `outputs.jsonl` (`dump`) and `report.html` (`report`, a view the
/// manifest does not list) into `out`, together, with their manifest.
pub fn write_outputs(
    out: &OutDir,
    results: &Results,
    dump: Option<&str>,
    report: Option<&str>,
) -> Result<(), String> {
    let text = serde_json::to_string_pretty(results).map_err(|e| e.to_string())?;
    let sub = serde_json::to_string(&submission(results)).map_err(|e| e.to_string())?;
    let mut files: Vec<(&str, &[u8])> = vec![
        ("results.json", text.as_bytes()),
        ("submission.json", sub.as_bytes()),
    ];
    if let Some(lines) = dump {
        files.push(("outputs.jsonl", lines.as_bytes()));
    }
    let views: Vec<(&str, &[u8])> = report
        .map(|page| ("report.html", page.as_bytes()))
        .into_iter()
        .collect();
    out.commit(&files, &views, &results.run)
}

/// Reads back the results of the run whose `--out` was `dir`, after
/// checking that its files are those its manifest lists: refuses a
/// directory without results or manifest, results of another schema, and
/// files that do not match the manifest (the files of two runs), naming
/// the file.
pub fn read_run(dir: &Path) -> Result<Results, String> {
    let path = dir.join("results.json");
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return Err(format!(
                "{}: missing: is {} the --out of an all-tasks run?",
                path.display(),
                dir.display()
            ));
        }
        Err(e) => return Err(at(&path, "cannot read", e)),
    };
    if text.trim().is_empty() {
        return Err(format!(
            "{}: empty, not a {RESULTS_SCHEMA} results file",
            path.display()
        ));
    }
    if let Ok(serde_json::Value::Object(map)) = serde_json::from_str(&text)
        && let Some(serde_json::Value::String(schema)) = map.get("schema")
        && schema != RESULTS_SCHEMA
    {
        return Err(format!(
            "{}: schema {schema}, not {RESULTS_SCHEMA}: written by another version of \
             batt-runtime; run it again with this one",
            path.display()
        ));
    }
    let results: Results = serde_json::from_str(&text)
        .map_err(|e| at(&path, &format!("not a {RESULTS_SCHEMA} results file"), e))?;

    let manifest_path = dir.join(MANIFEST);
    let manifest_text = match fs::read_to_string(&manifest_path) {
        Ok(text) => text,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return Err(format!(
                "{}: missing: the run that wrote {} did not finish writing (killed, out of \
                 space, or still running), so its files may come from different runs",
                manifest_path.display(),
                dir.display()
            ));
        }
        Err(e) => return Err(at(&manifest_path, "cannot read", e)),
    };
    let manifest: Manifest = serde_json::from_str(&manifest_text).map_err(|e| {
        at(
            &manifest_path,
            &format!("not a {MANIFEST_SCHEMA} manifest"),
            e,
        )
    })?;
    if manifest.schema != MANIFEST_SCHEMA {
        return Err(format!(
            "{}: schema {}, not {MANIFEST_SCHEMA}",
            manifest_path.display(),
            manifest.schema
        ));
    }
    if !manifest.files.iter().any(|f| f.name == "results.json") {
        return Err(format!(
            "{}: does not list results.json",
            manifest_path.display()
        ));
    }
    for recorded in &manifest.files {
        if !RUN_FILES.contains(&recorded.name.as_str()) {
            return Err(format!(
                "{}: lists {:?}, not a file of a run",
                manifest_path.display(),
                recorded.name
            ));
        }
        let file = dir.join(&recorded.name);
        let found = if recorded.name == "results.json" {
            FileHash::of(&recorded.name, text.as_bytes())
        } else {
            match FileHash::of_file(&recorded.name, &file) {
                Ok(hash) => hash,
                Err(e) if e.kind() == ErrorKind::NotFound => {
                    return Err(format!(
                        "{}: missing, though {MANIFEST} lists it",
                        file.display()
                    ));
                }
                Err(e) => return Err(at(&file, "cannot read", e)),
            }
        };
        if found != *recorded {
            return Err(format!(
                "{}: does not match {MANIFEST} (SHA-256 {} here, {} recorded): the files in {} \
                 come from different runs (one killed while writing, or two sharing --out)",
                file.display(),
                &found.sha256[..12],
                recorded.sha256.chars().take(12).collect::<String>(),
                dir.display()
            ));
        }
    }
    if manifest.run != results.run {
        return Err(format!(
            "{}: its run is not the one {} records",
            path.display(),
            manifest_path.display()
        ));
    }
    Ok(results)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::tests::{shard, task};

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_commit_writes_the_files_and_their_manifest_and_reads_back() {
        let tmp = tempfile::tempdir().unwrap();
        let out = OutDir::prepare(&tmp.path().join("out")).unwrap();
        let results = shard(0, vec![task("a", true)]);
        write_outputs(&out, &results, Some("{}\n"), Some("<!doctype html>")).unwrap();
        assert_eq!(
            names(out.path()),
            [
                ".batt.lock",
                "manifest.json",
                "outputs.jsonl",
                "report.html",
                "results.json",
                "submission.json"
            ]
        );
        assert_eq!(read_run(out.path()).unwrap(), results);
        let manifest: Manifest =
            serde_json::from_str(&fs::read_to_string(out.path().join(MANIFEST)).unwrap()).unwrap();
        let listed: Vec<&str> = manifest.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(listed, ["results.json", "submission.json", "outputs.jsonl"]);
        assert_eq!(manifest.run, results.run);
        // The report is a view, which `report` may write again: the run
        // reads back whole after that.
        out.write_file("report.html", b"<!doctype html><p>again")
            .unwrap();
        assert_eq!(read_run(out.path()).unwrap(), results);
        assert!(
            names(out.path())
                .iter()
                .all(|n| !n.starts_with(TEMP_PREFIX))
        );
        // A run without outputs.jsonl and report.html does not leave the
        // previous one's.
        write_outputs(&out, &results, None, None).unwrap();
        assert!(!out.path().join("outputs.jsonl").exists());
        assert!(!out.path().join("report.html").exists());
        assert_eq!(read_run(out.path()).unwrap(), results);
    }

    #[test]
    fn files_of_two_runs_read_as_an_error_naming_the_file() {
        let tmp = tempfile::tempdir().unwrap();
        let a = OutDir::prepare(&tmp.path().join("a")).unwrap();
        let b = OutDir::prepare(&tmp.path().join("b")).unwrap();
        write_outputs(&a, &shard(0, vec![task("a", true)]), None, None).unwrap();
        write_outputs(&b, &shard(1, vec![task("b", false)]), None, None).unwrap();
        // A kill between the files: run A's manifest, run B's results.
        fs::copy(b.path().join("results.json"), a.path().join("results.json")).unwrap();
        let message = read_run(a.path()).unwrap_err();
        assert!(
            message.starts_with(&format!(
                "{}: does not match manifest.json (SHA-256 ",
                a.path().join("results.json").display()
            )),
            "{message}"
        );
        assert!(message.contains("come from different runs"), "{message}");
        // Run B's submission beside run A's results.
        write_outputs(&a, &shard(0, vec![task("a", true)]), None, None).unwrap();
        fs::copy(
            b.path().join("submission.json"),
            a.path().join("submission.json"),
        )
        .unwrap();
        let message = read_run(a.path()).unwrap_err();
        assert!(
            message.contains("submission.json: does not match"),
            "{message}"
        );
        // A kill after the previous manifest was removed: no manifest.
        fs::remove_file(a.path().join(MANIFEST)).unwrap();
        let message = read_run(a.path()).unwrap_err();
        assert!(
            message.contains("manifest.json: missing: the run that wrote"),
            "{message}"
        );
    }

    #[test]
    fn a_failed_commit_removes_its_temporary_and_leaves_no_manifest() {
        let tmp = tempfile::tempdir().unwrap();
        let out = OutDir::prepare(&tmp.path().join("out")).unwrap();
        write_outputs(&out, &shard(0, vec![task("a", true)]), None, None).unwrap();
        // submission.json cannot be replaced: a directory holds its name.
        fs::remove_file(out.path().join("submission.json")).unwrap();
        fs::create_dir(out.path().join("submission.json")).unwrap();
        fs::write(out.path().join("submission.json/x"), "x").unwrap();
        let message =
            write_outputs(&out, &shard(0, vec![task("b", true)]), None, None).unwrap_err();
        assert!(
            message.starts_with(&format!(
                "{}: cannot write:",
                out.path().join("submission.json").display()
            )),
            "{message}"
        );
        let left = names(out.path());
        assert!(left.iter().all(|n| !n.starts_with(TEMP_PREFIX)), "{left:?}");
        assert!(!out.path().join(MANIFEST).exists());
        assert!(read_run(out.path()).is_err());
    }

    #[test]
    fn prepare_removes_the_temporaries_of_killed_runs_and_nothing_else() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("out");
        fs::create_dir_all(dir.join(".batt-tmp-4242-0")).unwrap();
        fs::write(dir.join(".batt-tmp-4242-0/results.json"), "{}").unwrap();
        fs::write(dir.join(".batt-tmp-probe-4242"), "probe").unwrap();
        fs::write(dir.join("notes.txt"), "mine").unwrap();
        fs::create_dir_all(dir.join("batt-tmp-not-ours")).unwrap();
        let out = OutDir::prepare(&dir).unwrap();
        let mut removed: Vec<&Path> = out.removed().iter().map(PathBuf::as_path).collect();
        removed.sort();
        assert_eq!(
            removed,
            [
                dir.join(".batt-tmp-4242-0"),
                dir.join(".batt-tmp-probe-4242")
            ]
        );
        assert_eq!(
            names(&dir),
            [".batt.lock", "batt-tmp-not-ours", "notes.txt"]
        );
    }

    #[test]
    fn prepare_refuses_a_file_and_creates_a_missing_directory() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("taken");
        fs::write(&file, "x").unwrap();
        assert_eq!(
            OutDir::prepare(&file).unwrap_err(),
            format!(
                "{}: not a directory; --out names the directory to write into",
                file.display()
            )
        );
        let nested = tmp.path().join("a/b/c");
        OutDir::prepare(&nested).unwrap();
        assert!(nested.is_dir());
    }

    #[test]
    fn a_file_written_atomically_replaces_the_old_whole_and_leaves_no_temporary() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("card.py");
        fs::write(&path, "old").unwrap();
        write_file_atomically(&path, b"new card").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new card");
        assert_eq!(names(tmp.path()), ["card.py"]);
        // Into a directory that is not there: an error naming the path, nothing left.
        let missing = tmp.path().join("no/card.py");
        assert!(
            write_file_atomically(&missing, b"x")
                .unwrap_err()
                .contains("no/")
        );
        assert_eq!(names(tmp.path()), ["card.py"]);
    }

    #[test]
    fn read_run_refuses_what_is_not_a_run_naming_the_file() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let path = dir.join("results.json");
        let message = read_run(dir).unwrap_err();
        assert!(
            message.starts_with(&format!("{}: missing", path.display())),
            "{message}"
        );
        fs::write(&path, "").unwrap();
        assert_eq!(
            read_run(dir).unwrap_err(),
            format!(
                "{}: empty, not a {RESULTS_SCHEMA} results file",
                path.display()
            )
        );
        fs::write(&path, "{}").unwrap();
        let message = read_run(dir).unwrap_err();
        assert!(
            message.starts_with(&format!(
                "{}: not a {RESULTS_SCHEMA} results file: missing field",
                path.display()
            )),
            "{message}"
        );
        fs::write(&path, r#"{"schema": "batt.results/1"}"#).unwrap();
        let message = read_run(dir).unwrap_err();
        assert!(
            message.starts_with(&format!(
                "{}: schema batt.results/1, not {RESULTS_SCHEMA}",
                path.display()
            )),
            "{message}"
        );
    }
}

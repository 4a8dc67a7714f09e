//! Helpers shared by the workspace-level tests.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .expect("the tests crate lives inside the workspace")
}

/// The data directory, with the pinned ARC data fetched into it if needed
/// (the same code as `cargo xtask data`).
pub fn arc_data() -> PathBuf {
    static DATA: OnceLock<PathBuf> = OnceLock::new();
    DATA.get_or_init(|| {
        let dir = workspace_root().join("data");
        batt_data::Fetcher::new(&dir)
            .ensure(&mut |line| eprintln!("{line}"))
            .unwrap_or_else(|e| panic!("the real-data tests need the ARC data: {e}"));
        dir
    })
    .clone()
}

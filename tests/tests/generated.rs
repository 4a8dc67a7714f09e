//! The checked-in generated code is what the cards generate now.

use std::path::Path;

#[test]
fn generated_code_is_fresh() {
    let root = xtask::workspace_root();
    let stale = xtask::stale_files(&root, Path::new("cards"))
        .unwrap_or_else(|e| panic!("the cards do not generate:\n{e}"));
    assert!(
        stale.is_empty(),
        "stale generated files {stale:?}: run `cargo xtask gen`"
    );
}

//! Snapshots of the rendered diagnostics of the error fixtures, one per
//! fixture (`tests/fixtures/errors/*.py` at the workspace root): each
//! fixture holds one kind of error, and its snapshot shows what a user
//! reads.

/// Compiles one card file; returns the rendered diagnostics and their
/// codes (none when it compiles).
fn diagnose(name: &str, text: &str) -> (String, Vec<String>) {
    match batt_gen::compile(&[batt_gen::Source { name, text }]) {
        Ok(_) => (String::new(), Vec::new()),
        Err(diagnostics) => (
            diagnostics.render(),
            diagnostics.codes().into_iter().map(str::to_owned).collect(),
        ),
    }
}

#[test]
fn rendered_diagnostics() {
    insta::glob!("../../tests/fixtures/errors", "*.py", |path| {
        let text = std::fs::read_to_string(path).expect("the fixture is readable");
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("the fixture has a UTF-8 name");
        let (rendered, codes) = diagnose(name, &text);
        // Each fixture is named after the kind of error it holds.
        let expected = name.trim_end_matches(".py").replace('_', "-");
        assert!(
            codes.contains(&expected),
            "{name}: no `{expected}` error among {codes:?}"
        );
        insta::assert_snapshot!(rendered);
    });
}

#[test]
fn the_project_cards_have_no_errors() {
    let cards = concat!(env!("CARGO_MANIFEST_DIR"), "/../cards");
    let Ok(entries) = std::fs::read_dir(cards) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("py") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("the card is readable");
        let (rendered, _) = diagnose(&path.display().to_string(), &text);
        assert_eq!(rendered, "", "{}", path.display());
    }
}

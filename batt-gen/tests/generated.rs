//! Snapshots of the generated Rust: one per card file of the project's
//! library (`cards/`) and one per valid card fixture (`tests/fixtures/cards/`).
//! Under `CI=true` insta writes nothing and a changed snapshot fails.

use std::fs;

fn generated(path: &std::path::Path) -> String {
    let text = fs::read_to_string(path).expect("a card file");
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("card.py");
    let files = batt_gen::generate(&[batt_gen::Source { name, text: &text }])
        .unwrap_or_else(|e| panic!("{} does not generate:\n{e}", path.display()));
    files.into_iter().map(|(_, text)| text).collect()
}

#[test]
fn generated_rust_of_the_card_library() {
    insta::glob!("../../cards", "*.py", |path| {
        insta::assert_snapshot!(generated(path));
    });
}

#[test]
fn generated_rust_of_the_card_fixtures() {
    insta::glob!("../../tests/fixtures/cards", "*.py", |path| {
        insta::assert_snapshot!(generated(path));
    });
}

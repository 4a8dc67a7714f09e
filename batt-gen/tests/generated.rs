//! Snapshots of the generated Rust, one per valid card fixture
//! (`tests/fixtures/cards/`). (The library's generated module is checked
//! in and checked for freshness; snapshots of it would only repeat it.)
//! Under `CI=true` insta writes nothing and a changed snapshot fails.

use std::fs;

use batt_gen::Target;

/// The generated Rust module of the card file `path`.
fn generated(path: &std::path::Path) -> String {
    let text = fs::read_to_string(path).expect("a card file");
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("card.py");
    let source = batt_gen::Source { name, text: &text };
    let card = batt_gen::compile(&[source])
        .unwrap_or_else(|e| panic!("{} does not compile:\n{e}", path.display()));
    let (at, rust) = batt_gen::generate(&card, &[source], Target::Fixtures)
        .unwrap_or_else(|e| panic!("{} does not generate:\n{e}", path.display()));
    assert_eq!(at, Target::Fixtures.rust_path());
    rust
}

#[test]
fn generated_rust_of_the_card_fixtures() {
    insta::glob!("../../tests/fixtures/cards", "*.py", |path| {
        insta::assert_snapshot!(generated(path));
    });
}

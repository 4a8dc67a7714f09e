//! Snapshots of the generated Rust and kernel source, one per valid card
//! fixture (`tests/fixtures/cards/`). (The library's generated files are
//! checked in and checked for freshness; snapshots of them would only
//! repeat them.) A kernel snapshot shows the kernel's header
//! (what is vectorized, what stays on the CPU and why), the names of the
//! templates it includes, its programs and its entry point; the prelude
//! and template texts themselves are files of their own. Under `CI=true`
//! insta writes nothing and a changed snapshot fails.

use std::fs;

use batt_gen::Target;

/// The generated file `output` of the card file `path`.
fn generate(path: &std::path::Path, output: &str) -> String {
    let text = fs::read_to_string(path).expect("a card file");
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("card.py");
    let source = batt_gen::Source { name, text: &text };
    let card = batt_gen::compile(&[source])
        .unwrap_or_else(|e| panic!("{} does not compile:\n{e}", path.display()));
    let kernel = batt_gen::kernel(&card, &[name]).expect("a kernel");
    let files = batt_gen::generate(&card, &[source], &kernel, Target::Fixtures)
        .unwrap_or_else(|e| panic!("{} does not generate:\n{e}", path.display()));
    files
        .into_iter()
        .filter(|(p, _)| p == output)
        .map(|(_, text)| text)
        .collect()
}

fn generated(path: &std::path::Path) -> String {
    generate(path, Target::Fixtures.rust_path())
}

/// The kernel source with the prelude and template texts left out.
fn kernel(path: &std::path::Path) -> String {
    let cu = generate(path, Target::Fixtures.cuda_path());
    let prelude = cu.find("// The fixed-size device values").unwrap_or(0);
    let programs = cu.find("// --- programs").unwrap_or(cu.len());
    let templates: Vec<&str> = cu[prelude..programs]
        .lines()
        .filter_map(|l| l.strip_prefix("// --- template: "))
        .collect();
    format!(
        "{}// [prelude.cuh and the templates: {}]\n\n{}",
        &cu[..prelude],
        templates.join(", "),
        &cu[programs..]
    )
}

#[test]
fn generated_rust_of_the_card_fixtures() {
    insta::glob!("../../tests/fixtures/cards", "*.py", |path| {
        insta::assert_snapshot!(generated(path));
    });
}

#[test]
fn generated_kernels_of_the_card_fixtures() {
    insta::glob!("../../tests/fixtures/cards", "*.py", |path| {
        insta::assert_snapshot!(kernel(path));
    });
}

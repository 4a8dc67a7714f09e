//! Embeds the kernel templates: every `kernels/prims/<name>.cuh`, in name
//! order, as `(name, text)` in `$OUT_DIR/templates.rs`, so that adding a
//! template file is all it takes to offer it to the generator.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    let dir = Path::new("kernels/prims");
    println!("cargo:rerun-if-changed=kernels");
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".cuh"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut out = String::from("&[\n");
    for name in &names {
        let stem = name.trim_end_matches(".cuh");
        let _ = writeln!(
            out,
            "    ({stem:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/kernels/prims/{name}\"))),"
        );
    }
    out.push(']');
    let dest = Path::new(&env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("templates.rs");
    if let Err(e) = fs::write(&dest, out) {
        panic!("cannot write {}: {e}", dest.display());
    }
}

//! Kernels compile with NVRTC (CUDA's run-time compiler, which needs no
//! GPU) for the H100/H200 architecture, with the options the CUDA backend
//! uses: the library's to PTX (the whole kernel through NVVM), and a
//! small card's to the cubin the backend loads, cached where the backend
//! finds it. `cargo xtask ci` installs NVRTC (the `nvidia-cuda-nvrtc-cu12`
//! wheel) and puts it on `LD_LIBRARY_PATH`; elsewhere the tests need NVRTC
//! on the library path. (The library's cubin takes ptxas a minute or more:
//! `cargo xtask kernel-report` measures it.)

#![allow(clippy::unwrap_used)] // Test helpers may unwrap.

use batt_runtime::backend::nvrtc::{self, Arch, Emit, Module};
use batt_runtime::interp::Interpreter;

/// Whether NVRTC is here; on CI its absence is a failure.
fn nvrtc_here(test: &str) -> bool {
    if nvrtc::present() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "no NVRTC library on the library path: `cargo xtask ci` installs one"
    );
    eprintln!("{test}: no NVRTC library here: not checked (`cargo xtask ci` installs it)");
    false
}

#[test]
fn the_library_kernel_compiles_with_nvrtc() {
    if !nvrtc_here("the_library_kernel_compiles_with_nvrtc") {
        return;
    }
    let kernel = batt_runtime::library()
        .kernel()
        .expect("the library has a kernel");
    let sm90: Arch = "sm_90".parse().unwrap();
    let ptx = nvrtc::compile(&kernel.source, &nvrtc::options(sm90, Emit::Ptx), Emit::Ptx)
        .unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8(ptx.bytes).unwrap();
    println!(
        "NVRTC {}.{}: {} bytes of PTX for compute_90 in {:.1} s",
        ptx.nvrtc.0,
        ptx.nvrtc.1,
        text.len(),
        ptx.seconds
    );
    assert!(
        text.contains(".entry batt_card"),
        "the kernel entry is there"
    );
}

/// The step library (the kernels every card runs on), as the runtime
/// compiles it, passes NVRTC's front end: what only NVRTC refuses (a
/// host-only builtin, say) fails here rather than on a GPU machine. The
/// whole compile takes minutes (`batt-runtime kernel build --steps`).
#[test]
fn the_step_library_passes_nvrtcs_front_end() {
    if !nvrtc_here("the_step_library_passes_nvrtcs_front_end") {
        return;
    }
    let source = batt_gen::step_kernels::library().unwrap();
    let sm90: Arch = "sm_90".parse().unwrap();
    let mut options = nvrtc::module_options(sm90, Emit::Ptx, Module::Steps);
    options.push("-fdevice-syntax-only".into());
    // Checked only: NVRTC makes no PTX.
    if let Err(e) = nvrtc::compile(&source, &options, Emit::Ptx) {
        assert!(!e.contains("could not compile"), "{e}");
    }
    // And it would refuse what is wrong.
    let broken = format!("{source}\n__device__ int batt_broken() {{ return no_such_name; }}\n");
    let e = nvrtc::compile(&broken, &options, Emit::Ptx).unwrap_err();
    assert!(e.contains("no_such_name"), "{e}");
}

#[test]
fn a_card_kernel_is_built_into_a_cubin_the_cache_then_gives_back() {
    if !nvrtc_here("a_card_kernel_is_built_into_a_cubin_the_cache_then_gives_back") {
        return;
    }
    let card = Interpreter::from_text(
        "tiny.py",
        "def solve_tiny(I):\n    x1 = hmirror(I)\n    O = vconcat(I, x1)\n    return O\n",
    )
    .unwrap();
    let source = &batt_runtime::card::Card::kernel(&card)
        .expect("the card is vectorized")
        .source;
    let dir = std::env::temp_dir().join(format!("batt-nvrtc-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let sm90: Arch = "sm_90".parse().unwrap();
    let built = nvrtc::build(&dir, source, sm90, Module::Card).unwrap_or_else(|e| panic!("{e}"));
    assert!(built.compiled_in.is_some());
    assert_eq!(&built.bytes[..4], b"\x7fELF", "a cubin is an ELF file");
    assert!(built.path.starts_with(&dir) && built.path.exists());
    // The backend's lookup: the cached cubin, not compiled again.
    let again = nvrtc::cubin(&dir, source, sm90, Module::Card).unwrap();
    assert_eq!(again.bytes, built.bytes);
    assert!(again.compiled_in.is_none());
    // The lookup a machine without NVRTC makes finds it too.
    let found = nvrtc::cached(&dir, source, sm90, Module::Card).unwrap();
    assert_eq!(found.path, built.path);
    assert!(nvrtc::cached(&dir, source, "sm_80".parse().unwrap(), Module::Card).is_none());
    // Compiled as the step library is (every function inlined): NVRTC
    // takes the option, and the cubin is cached beside the other.
    let steps = nvrtc::build(&dir, source, sm90, Module::Steps).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(&steps.bytes[..4], b"\x7fELF");
    assert_ne!(steps.path, built.path);
    assert_eq!(
        nvrtc::cached(&dir, source, sm90, Module::Steps)
            .unwrap()
            .path,
        steps.path
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

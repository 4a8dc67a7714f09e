//! NVRTC (CUDA's run-time compiler, which needs no GPU) with the options
//! the CUDA backend uses for the H100/H200 architecture: the step library
//! passes its front end, and a small source becomes the cubin the backend
//! loads, cached where the backend finds it. `cargo xtask ci` installs
//! NVRTC (the `nvidia-cuda-nvrtc-cu12` wheel) and puts it on
//! `LD_LIBRARY_PATH`; elsewhere the tests need NVRTC on the library path.
//! (The step library's whole compile takes minutes: `cargo xtask
//! kernel-report` measures it.)

#![allow(clippy::unwrap_used)] // Test helpers may unwrap.

use batt_runtime::backend::nvrtc::{self, Arch, Emit};

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

/// The step library (the kernels every card runs on), as the runtime
/// compiles it, passes NVRTC's front end: what only NVRTC refuses (a
/// host-only builtin, say) fails here rather than on a GPU machine. The
/// whole compile takes minutes (`batt-runtime kernel build`).
#[test]
fn the_step_library_passes_nvrtcs_front_end() {
    if !nvrtc_here("the_step_library_passes_nvrtcs_front_end") {
        return;
    }
    let source = batt_gen::step_kernels::library().unwrap();
    let sm90: Arch = "sm_90".parse().unwrap();
    let mut options = nvrtc::library_options(sm90, Emit::Ptx);
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

/// A kernel small enough to compile in a moment.
const SMALL: &str = "extern \"C\" __global__ void batt_small(int* x) { x[threadIdx.x] = 1; }\n";

#[test]
fn a_kernel_is_built_into_a_cubin_the_cache_then_gives_back() {
    if !nvrtc_here("a_kernel_is_built_into_a_cubin_the_cache_then_gives_back") {
        return;
    }
    let dir = std::env::temp_dir().join(format!("batt-nvrtc-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let sm90: Arch = "sm_90".parse().unwrap();
    let built = nvrtc::build(&dir, SMALL, sm90).unwrap_or_else(|e| panic!("{e}"));
    assert!(built.compiled_in.is_some());
    assert_eq!(&built.bytes[..4], b"\x7fELF", "a cubin is an ELF file");
    assert!(built.path.starts_with(&dir) && built.path.exists());
    // The backend's lookup: the cached cubin, not compiled again.
    let again = nvrtc::cubin(&dir, SMALL, sm90).unwrap();
    assert_eq!(again.bytes, built.bytes);
    assert!(again.compiled_in.is_none());
    // The lookup a machine without NVRTC makes finds it too.
    let found = nvrtc::cached(&dir, SMALL, sm90).unwrap();
    assert_eq!(found.path, built.path);
    assert!(nvrtc::cached(&dir, SMALL, "sm_80".parse().unwrap()).is_none());
    std::fs::remove_dir_all(&dir).unwrap();
}

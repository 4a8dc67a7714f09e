//! The library's generated kernel compiles as CUDA with NVRTC (CUDA's
//! run-time compiler, which needs no GPU) for the H100/H200 architecture,
//! with the options the CUDA backend uses. `cargo xtask ci` installs NVRTC
//! (the `nvidia-cuda-nvrtc-cu12` wheel) and puts it on `LD_LIBRARY_PATH`;
//! elsewhere the test needs NVRTC on the library path.

#![allow(clippy::unwrap_used)] // Test helpers may unwrap.

use batt_runtime::backend::cuda;

#[test]
fn the_library_kernel_compiles_with_nvrtc() {
    if !cuda::nvrtc_present() {
        assert!(
            std::env::var_os("CI").is_none(),
            "no NVRTC library on the library path: `cargo xtask ci` installs one"
        );
        eprintln!("no NVRTC library here: not checked (`cargo xtask ci` installs it)");
        return;
    }
    let t = std::time::Instant::now();
    let kernel = batt_runtime::library()
        .kernel()
        .expect("the library has a kernel");
    let ptx = cuda::compile(&kernel.source, (9, 0)).unwrap_or_else(|e| panic!("{e}"));
    let text = ptx.to_src();
    println!(
        "NVRTC: {} bytes of PTX for sm_90 in {:.1} s",
        text.len(),
        t.elapsed().as_secs_f64()
    );
    assert!(
        text.contains(".entry batt_card"),
        "the kernel entry is there"
    );
}

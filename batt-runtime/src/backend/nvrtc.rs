//! Kernels as machine code: the step library's CUDA source compiled with
//! NVRTC for one device architecture into a cubin, and the on-disk cache
//! of cubins (the library is the same for every card: one cubin per
//! toolkit and architecture).
//!
//! The driver loads a cubin as it is. There is no JIT when the module is
//! loaded (ptxas on the library's PTX took minutes and gigabytes), and no
//! PTX ISA version for an older driver to refuse (NVRTC 12.9 writes ISA
//! 8.8, which drivers before R575 reject).
//!
//! A cached cubin is named by the SHA-256 of the source and the compiler
//! options (which name the architecture), then the architecture and the
//! NVRTC version that made it: `<sha>.sm_90.nvrtc-12.9.cubin`. With NVRTC
//! present, the cubin of its own version is used, or compiled and cached.
//! Without NVRTC, a cubin that any version made for that source and
//! architecture is used, so a GPU machine needs no compiler at all:
//! `batt-runtime kernel build --arch sm_90` fills the cache on a machine
//! without a GPU.

use std::ffi::{CString, c_char};
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Instant;

use cudarc::nvrtc::{result, sys};
use sha2::{Digest, Sha256};

/// A device architecture (compute capability), written `sm_90`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Arch {
    /// The major version (9 for sm_90).
    pub major: i32,
    /// The minor version (0 for sm_90).
    pub minor: i32,
}

impl Arch {
    /// The architecture of a device of compute capability `cc`.
    pub fn of(cc: (i32, i32)) -> Arch {
        Arch {
            major: cc.0,
            minor: cc.1,
        }
    }
}

impl fmt::Display for Arch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sm_{}{}", self.major, self.minor)
    }
}

impl FromStr for Arch {
    type Err = String;

    /// `sm_90`, `90` or `9.0`.
    fn from_str(text: &str) -> Result<Arch, String> {
        let bad = || format!("`{text}` is not an architecture: write it as sm_90 (or 90, or 9.0)");
        let digits = text.strip_prefix("sm_").unwrap_or(text);
        let (major, minor) = match digits.split_once('.') {
            Some((a, b)) => (a, b),
            None if digits.len() >= 2 => digits.split_at(digits.len() - 1),
            None => return Err(bad()),
        };
        let major: i32 = major.parse().map_err(|_| bad())?;
        let minor: i32 = minor.parse().map_err(|_| bad())?;
        if !(1..=20).contains(&major) || !(0..=9).contains(&minor) {
            return Err(bad());
        }
        Ok(Arch { major, minor })
    }
}

/// What NVRTC is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Emit {
    /// Machine code for the architecture (what the backend loads).
    Cubin,
    /// PTX for the architecture's virtual one (`compute_90`), which the
    /// driver would have to JIT; for reports and tools.
    Ptx,
}

/// NVRTC's option for the step library: every function `__forceinline__`
/// (the prelude's `BATT_INLINE_ALL`), assembled by ptxas at its default
/// level (`-O3`). Built with calls, ptxas `-O1` and above made the
/// higher-order kernels fault on an H200, each time inside a `CALL`ed
/// subroutine whose frame base came from a uniform register the caller
/// set; only `-O0` ran clean, at about a tenth of the speed. Inlined,
/// no higher-order kernel keeps a `CALL`, and at `-O3` the whole library
/// and the public 400 solvers ran on every ARC-AGI-1 sample with every
/// lane equal to the CPU's (docs/kernels.md, "The third device run").
pub const STEP_INLINE: &str = "-DBATT_INLINE_ALL";

/// The options of the step library's cubin for `arch`: [`options`], with
/// [`STEP_INLINE`]. `BATT_PTXAS=-O0` (say) sets ptxas's level: a device
/// check tries levels side by side with it (their cubins have their own
/// cache keys).
pub fn library_options(arch: Arch, emit: Emit) -> Vec<String> {
    // Set but empty is unset: ptxas's default.
    let level = std::env::var("BATT_PTXAS")
        .ok()
        .filter(|l| !l.trim().is_empty());
    library_options_at(arch, emit, level.as_deref())
}

/// [`library_options`] with ptxas's level given (`None`: its default).
fn library_options_at(arch: Arch, emit: Emit, level: Option<&str>) -> Vec<String> {
    let mut o = options(arch, emit);
    o.push(STEP_INLINE.to_owned());
    if let (Emit::Cubin, Some(level)) = (emit, level) {
        o.push(format!("--ptxas-options={}", level.trim()));
    }
    o
}

/// The NVRTC options for `arch`, with those of `BATT_NVRTC_FLAGS` (split
/// at spaces) after them: `BATT_NVRTC_FLAGS=-lineinfo` gives cubins whose
/// faults `compute-sanitizer` names by source line. The options are part of
/// a cubin's cache key, so such cubins and plain ones live side by side.
pub fn options(arch: Arch, emit: Emit) -> Vec<String> {
    let target = match emit {
        Emit::Cubin => "sm",
        Emit::Ptx => "compute",
    };
    let mut options = vec![
        format!("--gpu-architecture={target}_{}{}", arch.major, arch.minor),
        "--std=c++17".into(),
        "-default-device".into(),
    ];
    if let Some(extra) = std::env::var_os("BATT_NVRTC_FLAGS") {
        options.extend(
            extra
                .to_string_lossy()
                .split_whitespace()
                .map(str::to_owned),
        );
    }
    options
}

/// Whether the NVRTC library can be loaded.
pub fn present() -> bool {
    // SAFETY: only tries to load the library; nothing is called.
    unsafe { sys::is_culib_present() }
}

/// The NVRTC version, when the library is there.
pub fn version() -> Option<(i32, i32)> {
    if !present() {
        return None;
    }
    let (mut major, mut minor) = (0, 0);
    // SAFETY: the library is present; the two pointers are valid for writes.
    let status = unsafe { sys::nvrtcVersion(&mut major, &mut minor) };
    status.result().ok().map(|()| (major, minor))
}

/// What NVRTC made.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// The cubin, or the PTX text's bytes.
    pub bytes: Vec<u8>,
    /// Seconds NVRTC took.
    pub seconds: f64,
    /// The NVRTC version.
    pub nvrtc: (i32, i32),
}

/// NVRTC on `source` (named `steps.cu` in its messages) with `options`;
/// the error carries NVRTC's log.
pub fn compile(source: &str, options: &[String], emit: Emit) -> Result<Compiled, String> {
    let Some(nvrtc) = version() else {
        return Err("no NVRTC library (libnvrtc) was found to compile the kernel with".into());
    };
    let src = CString::new(source).map_err(|_| "the kernel source holds a NUL byte".to_owned())?;
    let prog = result::create_program(&src, Some(c"steps.cu"))
        .map_err(|e| format!("NVRTC could not take the kernel source: {e:?}"))?;
    let start = Instant::now();
    // SAFETY: `prog` was created above and is destroyed once, below.
    let status = unsafe { result::compile_program(prog, options) };
    let seconds = start.elapsed().as_secs_f64();
    // SAFETY: as above.
    let log = unsafe { result::get_program_log(prog) }
        .map(|raw| c_text(&raw))
        .unwrap_or_default();
    let bytes = status
        .map_err(|e| {
            format!(
                "NVRTC could not compile the kernel (steps.cu, options {}): {e:?}\n{log}",
                options.join(" ")
            )
        })
        // SAFETY: `prog` compiled; it is destroyed only below.
        .and_then(|()| unsafe { output(prog, emit) });
    // SAFETY: `prog` is not used after this.
    let _ = unsafe { result::destroy_program(prog) };
    Ok(Compiled {
        bytes: bytes?,
        seconds,
        nvrtc,
    })
}

/// Text from NVRTC's NUL-terminated buffer.
fn c_text(raw: &[c_char]) -> String {
    let bytes: Vec<u8> = raw
        .iter()
        .map(|&c| c as u8)
        .take_while(|&b| b != 0)
        .collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The cubin or PTX of a compiled program.
///
/// # Safety
/// `prog` must be a program NVRTC compiled and has not destroyed.
unsafe fn output(prog: sys::nvrtcProgram, emit: Emit) -> Result<Vec<u8>, String> {
    type Size = unsafe fn(sys::nvrtcProgram, *mut usize) -> sys::nvrtcResult;
    type Get = unsafe fn(sys::nvrtcProgram, *mut c_char) -> sys::nvrtcResult;
    let (size_of, get, what): (Size, Get, &str) = match emit {
        Emit::Cubin => (sys::nvrtcGetCUBINSize, sys::nvrtcGetCUBIN, "cubin"),
        Emit::Ptx => (sys::nvrtcGetPTXSize, sys::nvrtcGetPTX, "PTX"),
    };
    let none = |e| format!("NVRTC gave no {what}: {e:?}");
    let mut size = 0usize;
    // SAFETY: the caller's `prog`; `size` is valid for writes and `bytes`
    // holds the `size` bytes NVRTC says it writes.
    let mut bytes = unsafe {
        size_of(prog, &mut size).result().map_err(none)?;
        let mut bytes = vec![0u8; size];
        get(prog, bytes.as_mut_ptr().cast())
            .result()
            .map_err(none)?;
        bytes
    };
    // PTX ends with its NUL.
    if emit == Emit::Ptx {
        while bytes.last() == Some(&0) {
            bytes.pop();
        }
    }
    Ok(bytes)
}

/// Where kernels are cached: `$BATT_CACHE/kernels`, else
/// `$XDG_CACHE_HOME/batt/kernels`, else `~/.cache/batt/kernels`, else
/// under the system's temporary directory.
pub fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("BATT_CACHE") {
        return PathBuf::from(dir).join("kernels");
    }
    if let Some(dir) = std::env::var_os("XDG_CACHE_HOME") {
        return PathBuf::from(dir).join("batt/kernels");
    }
    if let Some(home) = std::env::var_os("HOME") {
        return PathBuf::from(home).join(".cache/batt/kernels");
    }
    std::env::temp_dir().join("batt-kernels")
}

/// The cache key of a source compiled with `options`: hex SHA-256.
pub fn key(source: &str, options: &[String]) -> String {
    let mut h = Sha256::new();
    h.update(source.as_bytes());
    for o in options {
        h.update([0]);
        h.update(o.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The cached cubin's file name.
fn file_name(key: &str, arch: Arch, nvrtc: (i32, i32)) -> String {
    format!("{key}.{arch}.nvrtc-{}.{}.cubin", nvrtc.0, nvrtc.1)
}

/// The NVRTC version in a cached cubin's file name for `key` and `arch`.
fn cached_version(name: &str, key: &str, arch: Arch) -> Option<(i32, i32)> {
    let rest = name
        .strip_prefix(key)?
        .strip_prefix(&format!(".{arch}.nvrtc-"))?
        .strip_suffix(".cubin")?;
    let (major, minor) = rest.split_once('.')?;
    Some((major.parse().ok()?, minor.parse().ok()?))
}

/// A kernel's machine code for one architecture.
#[derive(Debug, Clone)]
pub struct Cubin {
    /// The cubin.
    pub bytes: Vec<u8>,
    /// Where it is cached (or would have been, when the cache cannot be
    /// written).
    pub path: PathBuf,
    /// The NVRTC version that made it.
    pub nvrtc: (i32, i32),
    /// Seconds NVRTC took, when it was compiled now rather than read.
    pub compiled_in: Option<f64>,
}

/// The newest cached cubin of the library `source` for `arch` in `dir`,
/// whatever NVRTC made it.
pub fn cached(dir: &Path, source: &str, arch: Arch) -> Option<Cubin> {
    let key = key(source, &library_options(arch, Emit::Cubin));
    let newest = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            cached_version(&name, &key, arch).map(|v| (v, e.path()))
        })
        .max()?;
    let bytes = std::fs::read(&newest.1).ok()?;
    Some(Cubin {
        bytes,
        path: newest.1,
        nvrtc: newest.0,
        compiled_in: None,
    })
}

/// The cubin of the library `source` for `arch`: the cached one NVRTC's
/// own version made; else, without NVRTC, one any version made; else
/// compiled now and cached (a cache that cannot be written is only a slower
/// next start).
pub fn cubin(dir: &Path, source: &str, arch: Arch) -> Result<Cubin, String> {
    let Some(nvrtc) = version() else {
        return cached(dir, source, arch).ok_or_else(|| {
            format!(
                "no cached step library for {arch} in {} and no NVRTC library to compile one: \
                 run `batt-runtime kernel build --arch {arch}` where NVRTC is, and copy that \
                 directory here or point BATT_CACHE at it",
                dir.display()
            )
        });
    };
    let options = library_options(arch, Emit::Cubin);
    let path = dir.join(file_name(&key(source, &options), arch, nvrtc));
    if let Ok(bytes) = std::fs::read(&path) {
        return Ok(Cubin {
            bytes,
            path,
            nvrtc,
            compiled_in: None,
        });
    }
    eprintln!(
        "compiling the kernel with NVRTC for {arch} (once: cached in {})",
        dir.display()
    );
    build(dir, source, arch)
}

/// Compiles the cubin of the library `source` for `arch` now and caches
/// it.
pub fn build(dir: &Path, source: &str, arch: Arch) -> Result<Cubin, String> {
    let options = library_options(arch, Emit::Cubin);
    let compiled = compile(source, &options, Emit::Cubin)?;
    let path = dir.join(file_name(&key(source, &options), arch, compiled.nvrtc));
    // A cache that cannot be written is only a slower next start.
    if std::fs::create_dir_all(dir).is_ok() {
        let _ = crate::results::write_file_atomically(&path, &compiled.bytes);
    }
    Ok(Cubin {
        bytes: compiled.bytes,
        path,
        nvrtc: compiled.nvrtc,
        compiled_in: Some(compiled.seconds),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn architectures_parse_in_three_spellings() {
        let sm90 = Arch { major: 9, minor: 0 };
        assert_eq!("sm_90".parse::<Arch>(), Ok(sm90));
        assert_eq!("90".parse::<Arch>(), Ok(sm90));
        assert_eq!("9.0".parse::<Arch>(), Ok(sm90));
        assert_eq!(
            "sm_120".parse::<Arch>(),
            Ok(Arch {
                major: 12,
                minor: 0
            })
        );
        assert_eq!(sm90.to_string(), "sm_90");
        for bad in ["", "sm_", "sm_9", "x90", "sm_9x", "0.0"] {
            assert!(bad.parse::<Arch>().is_err(), "{bad}");
        }
    }

    #[test]
    fn cubins_are_for_the_real_architecture_and_ptx_for_the_virtual_one() {
        let sm90 = Arch::of((9, 0));
        assert!(options(sm90, Emit::Cubin).contains(&"--gpu-architecture=sm_90".to_owned()));
        assert!(options(sm90, Emit::Ptx).contains(&"--gpu-architecture=compute_90".to_owned()));
    }

    #[test]
    fn the_cache_key_covers_source_and_options() {
        let a = key("x", &["--a".into()]);
        assert_eq!(a.len(), 64);
        assert_eq!(a, key("x", &["--a".into()]));
        assert_ne!(a, key("y", &["--a".into()]));
        assert_ne!(a, key("x", &["--b".into()]));
        assert_ne!(
            key("x", &["ab".into()]),
            key("x", &["a".into(), "b".into()])
        );
    }

    #[test]
    fn a_cached_cubin_is_found_by_source_and_architecture_whatever_nvrtc_made_it() {
        let dir = std::env::temp_dir().join(format!("batt-nvrtc-cache-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let sm90 = Arch::of((9, 0));
        let k = key("src", &library_options(sm90, Emit::Cubin));
        std::fs::write(dir.join(file_name(&k, sm90, (12, 4))), b"old").unwrap();
        std::fs::write(dir.join(file_name(&k, sm90, (12, 9))), b"new").unwrap();
        // Another architecture's and another source's are not taken.
        let k80 = key("src", &library_options(Arch::of((8, 0)), Emit::Cubin));
        std::fs::write(
            dir.join(file_name(&k80, Arch::of((8, 0)), (13, 0))),
            b"sm80",
        )
        .unwrap();
        let found = cached(&dir, "src", sm90).unwrap();
        assert_eq!(found.bytes, b"new");
        assert_eq!(found.nvrtc, (12, 9));
        assert!(cached(&dir, "other", sm90).is_none());
        assert!(cached(&dir, "src", Arch::of((8, 6))).is_none());
        // A cubin built with other options (not inlined) is not taken.
        let plain = key("plain", &options(sm90, Emit::Cubin));
        std::fs::write(dir.join(file_name(&plain, sm90, (12, 9))), b"plain").unwrap();
        assert!(cached(&dir, "plain", sm90).is_none());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_step_library_is_compiled_inlined_and_a_level_given_applies_to_cubins() {
        let sm90 = Arch::of((9, 0));
        let inline = STEP_INLINE.to_owned();
        for emit in [Emit::Cubin, Emit::Ptx] {
            assert!(library_options_at(sm90, emit, None).contains(&inline));
        }
        // No level given: ptxas's default.
        let o = library_options_at(sm90, Emit::Cubin, None);
        assert!(!o.iter().any(|x| x.starts_with("--ptxas")), "{o:?}");
        // A level given applies to cubins, and only to cubins.
        let o = library_options_at(sm90, Emit::Cubin, Some(" -O0 "));
        assert!(o.contains(&"--ptxas-options=-O0".to_owned()), "{o:?}");
        assert!(
            !library_options_at(sm90, Emit::Ptx, Some("-O0"))
                .iter()
                .any(|x| x.starts_with("--ptxas"))
        );
    }
}

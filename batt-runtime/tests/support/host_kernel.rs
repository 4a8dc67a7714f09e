//! Kernel sources compiled as host C++ (through
//! `batt-gen/kernels/host_shim.h`) and run as child processes: the tests'
//! stand-in for a GPU, for any card's kernel.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;

use batt_runtime::backend::{DeviceGrid, DeviceTiming, LaneBatch, LaneResults, LaneRunner};

/// The workspace root.
pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The tests' device: compiles each kernel source it is handed (once, as
/// host C++ with `$CXX`, else `c++`) and runs lanes on it.
#[derive(Debug)]
pub(crate) struct HostKernel {
    dir: tempfile::TempDir,
    /// Compiled programs, by kernel source.
    compiled: Mutex<HashMap<String, PathBuf>>,
}

impl HostKernel {
    /// A stand-in device with no kernel compiled yet.
    pub(crate) fn new() -> HostKernel {
        HostKernel {
            dir: tempfile::tempdir().expect("a temporary directory"),
            compiled: Mutex::new(HashMap::new()),
        }
    }

    /// The program of a kernel source, compiled now when it is new.
    fn program(&self, source: &str) -> Result<PathBuf, String> {
        let mut compiled = self.compiled.lock().map_err(|_| "a poisoned lock")?;
        if let Some(exe) = compiled.get(source) {
            return Ok(exe.clone());
        }
        let n = compiled.len();
        let file = self.dir.path().join(format!("kernel-{n}.cu"));
        std::fs::write(&file, source).map_err(|e| e.to_string())?;
        let exe = self.dir.path().join(format!("kernel-{n}"));
        let kernels = root().join("batt-gen/kernels");
        let cxx = std::env::var("CXX").unwrap_or_else(|_| "c++".into());
        let out = Command::new(&cxx)
            .args(["-std=c++17", "-O1", "-w", "-I"])
            .arg(&kernels)
            .arg(format!("-DBATT_SOURCE=\"{}\"", file.display()))
            .arg(kernels.join("host_main.cpp"))
            .arg("-o")
            .arg(&exe)
            .output()
            .map_err(|e| format!("cannot run the C++ compiler `{cxx}`: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "compiling the kernel failed:\n{}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        compiled.insert(source.to_owned(), exe.clone());
        Ok(exe)
    }

    /// Runs lanes; the wire format is host_main.cpp's.
    pub(crate) fn run_lanes(&self, batch: &LaneBatch<'_>) -> Result<LaneResults, String> {
        let mut bytes = Vec::new();
        bytes.extend((batch.inputs.len() as u32).to_le_bytes());
        for g in batch.inputs {
            bytes.push(g.h as u8);
            bytes.push(g.w as u8);
            for i in 0..g.h as usize {
                bytes.extend(&g.c[i * 30..i * 30 + g.w as usize]);
            }
        }
        bytes.extend((batch.programs.len() as u32).to_le_bytes());
        for (p, s) in batch.programs.iter().zip(batch.samples) {
            bytes.extend((*p as u32).to_le_bytes());
            bytes.extend((*s as u32).to_le_bytes());
        }
        let exe = self.program(batch.source)?;
        let mut child = Command::new(&exe)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| e.to_string())?;
        let mut stdin = child.stdin.take().ok_or("no stdin")?;
        let writer = std::thread::spawn(move || stdin.write_all(&bytes));
        let out = child.wait_with_output().map_err(|e| e.to_string())?;
        writer
            .join()
            .map_err(|_| "writer panicked")?
            .map_err(|e| e.to_string())?;
        if !out.status.success() {
            return Err("the kernel program failed".into());
        }
        let data = out.stdout;
        let mut at = 0;
        let mut r = LaneResults::default();
        for _ in batch.programs {
            let flag = data[at];
            let failed =
                u32::from_le_bytes([data[at + 1], data[at + 2], data[at + 3], data[at + 4]]);
            let (h, w) = (data[at + 5] as usize, data[at + 6] as usize);
            at += 7;
            let mut g = DeviceGrid::empty();
            g.h = h as i32;
            g.w = w as i32;
            for i in 0..h {
                g.c[i * 30..i * 30 + w].copy_from_slice(&data[at + i * w..at + (i + 1) * w]);
            }
            at += h * w;
            r.outs.push(g);
            r.flags.push(flag);
            r.failed.push(failed as i32);
        }
        if at != data.len() {
            return Err("the kernel wrote more than its lanes".into());
        }
        Ok(r)
    }
}

impl LaneRunner for HostKernel {
    fn describe(&self) -> String {
        "host-compiled kernel".into()
    }

    fn run(&self, batch: &LaneBatch<'_>) -> Result<(LaneResults, DeviceTiming), String> {
        self.run_lanes(batch).map(|r| (r, DeviceTiming::default()))
    }
}

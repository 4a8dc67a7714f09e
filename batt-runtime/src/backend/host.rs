//! A card's kernel compiled as host C++ (through the kernel's
//! `host_shim.h`) with the machine's C++ compiler and run as a child
//! process: a [`LaneRunner`] that stands in for a GPU. The tests check
//! kernels with it, and `kernel host-lanes` writes its lanes for the device
//! check to compare the GPU's with, bit for bit.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Mutex;

use batt_gen::emit_cuda::{HOST_MAIN, HOST_SHIM};

use super::device::{EXPECTED_UNKNOWN, LaneScore, NO_GRID, ScoredLanes, grids_wanted};
use super::{DeviceGrid, DeviceTiming, LaneBatch, LaneResults, LaneRunner};

/// The host stand-in for a device: compiles each kernel source it is
/// handed (once, with `$CXX`, else `c++`) and runs lanes on it.
#[derive(Debug)]
pub struct HostKernel {
    dir: tempfile::TempDir,
    /// Compiled programs, by kernel source.
    compiled: Mutex<HashMap<String, PathBuf>>,
}

impl HostKernel {
    /// A stand-in device with no kernel compiled yet; an error when no
    /// temporary directory can be made.
    pub fn new() -> Result<HostKernel, String> {
        let dir = tempfile::tempdir().map_err(|e| format!("a temporary directory: {e}"))?;
        for (name, text) in [("host_shim.h", HOST_SHIM), ("host_main.cpp", HOST_MAIN)] {
            std::fs::write(dir.path().join(name), text).map_err(|e| format!("{name}: {e}"))?;
        }
        Ok(HostKernel {
            dir,
            compiled: Mutex::new(HashMap::new()),
        })
    }

    /// The program of a kernel source, compiled now when it is new.
    fn program(&self, source: &str) -> Result<PathBuf, String> {
        let mut compiled = self.compiled.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(exe) = compiled.get(source) {
            return Ok(exe.clone());
        }
        let n = compiled.len();
        let dir = self.dir.path();
        let file = dir.join(format!("kernel-{n}.cu"));
        std::fs::write(&file, source).map_err(|e| format!("{}: {e}", file.display()))?;
        let exe = dir.join(format!("kernel-{n}"));
        compile_cxx(dir, &dir.join("host_main.cpp"), &file, &exe, &[])
            .map_err(|e| format!("compiling the kernel as host C++ failed:\n{e}"))?;
        compiled.insert(source.to_owned(), exe.clone());
        Ok(exe)
    }

    /// Runs lanes; the wire format is host_main.cpp's.
    pub fn run_lanes(&self, batch: &LaneBatch<'_>) -> Result<LaneResults, String> {
        let exe = self.program(batch.source)?;
        let out = run_piped(&exe, encode(batch), Stdio::inherit())?;
        if !out.status.success() {
            return Err(format!("the host kernel failed ({})", out.status));
        }
        let stride = batch.scoring.map(|s| s.stride);
        let mut r = decode_lanes(&out.stdout, batch.programs.len(), stride)?;
        if let (Some(scoring), Some(scored)) = (&batch.scoring, &mut r.scored) {
            // Only the grids a device would send back.
            let mut seen = std::collections::HashMap::new();
            let (fetch, grid) =
                grids_wanted(scoring, batch.samples, &scored.lanes, &mut seen, &mut 0);
            r.outs = fetch.iter().map(|&l| r.outs[l]).collect();
            scored.grid = grid;
        }
        Ok(r)
    }
}

/// Compiles `main` (a driver that includes the kernel source `source` as
/// `BATT_SOURCE`, with `dir`'s `host_shim.h`) as C++17 with `$CXX`, else
/// `c++`, to `out`, with `extra` options (`-shared -fPIC` for a library);
/// then those of `BATT_CXXFLAGS` (split at spaces; `-fsanitize=address -g`
/// finds the kernels' bad accesses on the host); an error naming the
/// compiler, or its messages (the first 4,000 characters).
pub(super) fn compile_cxx(
    dir: &std::path::Path,
    main: &std::path::Path,
    source: &std::path::Path,
    out: &std::path::Path,
    extra: &[&str],
) -> Result<(), String> {
    let cxx = std::env::var("CXX").unwrap_or_else(|_| "c++".into());
    let done = Command::new(&cxx)
        .args(["-std=c++17", "-O1", "-w"])
        .args(extra)
        .args(
            std::env::var("BATT_CXXFLAGS")
                .unwrap_or_default()
                .split_whitespace(),
        )
        .arg("-I")
        .arg(dir)
        .arg(format!("-DBATT_SOURCE=\"{}\"", source.display()))
        .arg(main)
        .arg("-o")
        .arg(out)
        .output()
        .map_err(|e| format!("cannot run the C++ compiler `{cxx}`: {e}"))?;
    if done.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&done.stderr);
    let cut = stderr
        .char_indices()
        .nth(4000)
        .map_or(stderr.len(), |(k, _)| k);
    Err(stderr[..cut].to_owned())
}

/// Runs `exe` with `input` on its stdin (written from a thread, so that a
/// large output cannot block it) and collects its stdout (and its stderr,
/// where `stderr` pipes it).
pub(super) fn run_piped(
    exe: &std::path::Path,
    input: Vec<u8>,
    stderr: Stdio,
) -> Result<std::process::Output, String> {
    let mut child = Command::new(exe)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .map_err(|e| format!("{}: {e}", exe.display()))?;
    let mut stdin = child.stdin.take().ok_or("no stdin")?;
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    writer
        .join()
        .map_err(|_| "the writer thread panicked")?
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// Grids in host_main.cpp's input format.
fn encode_grids(bytes: &mut Vec<u8>, grids: &[DeviceGrid]) {
    for g in grids {
        if g.h < 0 {
            // An expected output the device does not have.
            bytes.push(if g.h == EXPECTED_UNKNOWN { 255 } else { 254 });
            bytes.push(0);
            continue;
        }
        bytes.push(g.h as u8);
        bytes.push(g.w as u8);
        for i in 0..g.h as usize {
            bytes.extend(&g.c[i * 30..i * 30 + g.w as usize]);
        }
    }
}

/// A batch in host_main.cpp's input format.
fn encode(batch: &LaneBatch<'_>) -> Vec<u8> {
    let mut bytes = Vec::new();
    bytes.extend(u32::from(batch.scoring.is_some()).to_le_bytes());
    bytes.extend((batch.inputs.len() as u32).to_le_bytes());
    encode_grids(&mut bytes, batch.inputs);
    if let Some(scoring) = &batch.scoring {
        encode_grids(&mut bytes, scoring.expected);
    }
    bytes.extend((batch.programs.len() as u32).to_le_bytes());
    for (p, s) in batch.programs.iter().zip(batch.samples) {
        bytes.extend((*p as u32).to_le_bytes());
        bytes.extend((*s as u32).to_le_bytes());
    }
    bytes
}

/// `lanes` lanes in host_main.cpp's output format: per lane its flag, its
/// failed count (u32), h, w and h*w cells.
pub fn decode(data: &[u8], lanes: usize) -> Result<LaneResults, String> {
    decode_lanes(data, lanes, None)
}

/// Lanes as [`decode`] reads them, and with `stride` (scoring: the
/// kernel's `BATT_DIFFERS`) each lane's scoring after its grid; every
/// lane's grid is in `outs`.
fn decode_lanes(data: &[u8], lanes: usize, stride: Option<usize>) -> Result<LaneResults, String> {
    let short = || "the host kernel's output ends early".to_owned();
    let mut at = 0;
    let mut r = LaneResults {
        scored: stride.map(|_| ScoredLanes::default()),
        ..LaneResults::default()
    };
    for _ in 0..lanes {
        let head = data.get(at..at + 7).ok_or_else(short)?;
        let failed = u32::from_le_bytes([head[1], head[2], head[3], head[4]]);
        let (h, w) = (head[5] as usize, head[6] as usize);
        if h > 30 || w > 30 {
            return Err(format!("the host kernel wrote a {h}x{w} grid"));
        }
        at += 7;
        let mut g = DeviceGrid::empty();
        g.h = h as i32;
        g.w = w as i32;
        let cells = data.get(at..at + h * w).ok_or_else(short)?;
        for i in 0..h {
            g.c[i * 30..i * 30 + w].copy_from_slice(&cells[i * w..(i + 1) * w]);
        }
        at += h * w;
        if let (Some(stride), Some(scored)) = (stride, &mut r.scored) {
            let tail = data.get(at..at + 14 + 8 * stride).ok_or_else(short)?;
            let word = |k: usize| u64::from_le_bytes(tail[k..k + 8].try_into().unwrap_or([0; 8]));
            scored.lanes.push(LaneScore {
                hash: word(6),
                failed: failed as i32,
                scored: u32::from_le_bytes([tail[2], tail[3], tail[4], tail[5]]),
                flag: head[0],
                matched: tail[0],
                empty: tail[1],
                pad: [0; 5],
            });
            scored
                .scores
                .extend((0..stride).map(|d| word(14 + 8 * d) as i64));
            scored.grid.push(NO_GRID);
            at += 14 + 8 * stride;
        }
        r.outs.push(g);
        r.flags.push(head[0]);
        r.failed.push(failed as i32);
    }
    if at != data.len() {
        return Err("the host kernel wrote more than its lanes".into());
    }
    Ok(r)
}

/// Lanes in host_main.cpp's output format (what [`decode`] reads).
pub fn encode_results(r: &LaneResults) -> Vec<u8> {
    let mut bytes = Vec::new();
    for ((g, &flag), &failed) in r.outs.iter().zip(&r.flags).zip(&r.failed) {
        bytes.push(flag);
        bytes.extend((failed as u32).to_le_bytes());
        let (h, w) = (g.h.clamp(0, 30) as usize, g.w.clamp(0, 30) as usize);
        bytes.push(h as u8);
        bytes.push(w as u8);
        for i in 0..h {
            bytes.extend(&g.c[i * 30..i * 30 + w]);
        }
    }
    bytes
}

impl LaneRunner for HostKernel {
    fn describe(&self) -> String {
        "host-compiled kernel".into()
    }

    fn run(&self, batch: &LaneBatch<'_>) -> Result<(LaneResults, DeviceTiming), String> {
        self.run_lanes(batch).map(|r| (r, DeviceTiming::default()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_written_are_read_back_the_same() {
        let mut g = DeviceGrid::empty();
        g.h = 2;
        g.w = 3;
        g.c[0] = 5;
        g.c[32] = 7;
        let r = LaneResults {
            outs: vec![g, DeviceGrid::empty()],
            flags: vec![1, 0],
            failed: vec![3, 0],
            scored: None,
        };
        let bytes = encode_results(&r);
        assert_eq!(decode(&bytes, 2).unwrap(), r);
        assert!(decode(&bytes, 3).is_err());
        assert!(decode(&bytes[..bytes.len() - 1], 2).is_err());
        assert!(decode(&bytes, 1).is_err());
    }
}

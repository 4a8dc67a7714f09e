//! Project automation, run as `cargo xtask <command>`.
//!
//! - `cargo xtask data`: put the pinned ARC-AGI-1 and ARC-AGI-2 tasks under
//!   `data/` (idempotent; see the `batt-data` crate).
//! - `cargo xtask gen [PATH] [--check]`: generate the Rust of the cards at
//!   PATH (default `cards/`) into batt-runtime, or (`--check`) check the
//!   generated files are fresh, writing nothing; either way, say how many
//!   of the cards' solvers and differs the step-major engine runs.
//! - `cargo xtask ci`: everything CI checks, in order: a C++ compiler is
//!   there (it is not installed here: `.ci/run` does that on CI), NVRTC
//!   (a pinned wheel, SHA-256 checked), the data, rustfmt, clippy with
//!   warnings denied, and the whole test suite.
//! - `cargo xtask gpu-check --prepare DIR`: a release `batt-runtime`, the
//!   step-major library's cubin (and a variant to try), `run.sh` and
//!   `session.sh` in DIR, for `batt-runtime gpu-check` on a GPU machine
//!   without Rust.
//! - `cargo xtask kernel-report [--arch sm_90]`: the step-major library
//!   through NVRTC and ptxas from CUDA's wheels (no GPU): sizes, compile
//!   times, registers, stack and spills, by kind of kernel.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use clap::{Parser, Subcommand};
use xtask::workspace_root;

#[derive(Debug, Parser)]
#[command(name = "cargo xtask", about = "batt project automation")]
struct Cli {
    #[command(subcommand)]
    command: Task,
}

#[derive(Debug, Subcommand)]
enum Task {
    /// Download, verify and unpack the pinned ARC data into `data/`.
    Data {
        /// Where to put the data (default: `data/` at the workspace root).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Generate the Rust of the cards into batt-runtime (only changed files are written).
    Gen {
        /// A card file or a directory of them.
        #[arg(default_value = "cards")]
        path: PathBuf,
        /// Write nothing; fail when a generated file is stale.
        #[arg(long)]
        check: bool,
    },
    /// Run every check CI runs: data, fmt, clippy, tests.
    Ci,
    /// Prepare the device check for a GPU machine without Rust: a release
    /// `batt-runtime`, the step library's cubins for `sm_90` (NVRTC from
    /// the pinned wheel), `run.sh` and `session.sh`, all in DIR (relative
    /// to the workspace root).
    GpuCheck {
        /// Where to put them (`--prepare` alone: `target/gpu-check`).
        #[arg(long, value_name = "DIR", num_args = 0..=1,
              default_missing_value = "target/gpu-check", required = true)]
        prepare: Option<PathBuf>,
        /// The device architectures to build cubins for.
        #[arg(long, default_value = "sm_90")]
        arch: String,
    },
    /// Compile the step-major library (the kernels every card runs on)
    /// with NVRTC and ptxas from CUDA's PyPI wheels (no GPU needed) and
    /// report PTX size, compile times and peak memory, the kernels'
    /// registers and stacks by kind, and every function's stack frame and
    /// spills.
    KernelReport {
        /// The device architecture.
        #[arg(long, default_value = "sm_90")]
        arch: String,
        /// Where the source, PTX, cubin and report go (default:
        /// `target/kernel-report`).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
}

fn generate(path: &Path, check: bool) -> Result<(), String> {
    let root = workspace_root();
    if check {
        // The coverage too, so that a card can be judged without writing
        // anything.
        let (files, library) = xtask::generated_files(&root, path)?;
        print_coverage(&library)?;
        let stale = xtask::stale(&files);
        if stale.is_empty() {
            println!("generated files are fresh");
            return Ok(());
        }
        let list: Vec<String> = stale.iter().map(|p| p.display().to_string()).collect();
        return Err(format!(
            "stale generated files: {} (run `cargo xtask gen`)",
            list.join(", ")
        ));
    }
    let (files, library) = xtask::generated_files(&root, path)?;
    let written = xtask::write_files(files)?;
    if written.is_empty() {
        println!("generated files unchanged");
    }
    for p in written {
        println!("wrote {}", p.display());
    }
    print_coverage(&library)
}

/// How many of the cards' solvers (per file) and differs the step-major
/// engine runs; `batt-runtime kernel schedule --full` says why the others
/// stay on the CPU.
fn print_coverage(cards: &xtask::CompiledCards) -> Result<(), String> {
    let schedule = batt_gen::schedule::Schedule::of(&cards.card.solvers);
    let plan = batt_gen::step_kernels::StepPlan::of(&cards.card, &schedule)?;
    let on: std::collections::HashSet<&str> = plan
        .device_programs()
        .into_iter()
        .filter_map(|p| cards.card.solvers.programs.get(p))
        .map(|p| p.name.as_str())
        .collect();
    println!(
        "step engine: {} of {} solvers on the device kernels",
        on.len(),
        plan.programs.len()
    );
    let views = cards.views();
    for (file, _) in &cards.sources {
        let names = batt_gen::solver_names(&views, file)?;
        let n = names.iter().filter(|n| on.contains(n.as_str())).count();
        println!("  {file}: {n} of {}", names.len());
    }
    let score = &plan.score;
    if !score.differs.is_empty() {
        println!(
            "  differs: {} of {} scored on the device",
            score.differs.iter().filter(|d| d.is_ok()).count(),
            score.differs.len()
        );
    }
    println!("  (`batt-runtime kernel schedule --full` says why the others stay on the CPU)");
    Ok(())
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Task::Data { dir } => data(dir.unwrap_or_else(|| workspace_root().join("data"))),
        Task::Gen { path, check } => generate(&path, check),
        Task::Ci => ci(),
        Task::GpuCheck { prepare, arch } => gpu_check_prepare(prepare, &arch),
        Task::KernelReport { arch, out } => kernel_report(&arch, out),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Fetches the pinned data into `dir` when it is missing, then checks every
/// collection is whole (its marker and its tasks): a partial or hand-made
/// copy is an error, and is left as it is.
fn data(dir: PathBuf) -> Result<(), String> {
    let outcomes = batt_data::Fetcher::new(&dir)
        .ensure(&mut |line| println!("{line}"))
        .map_err(|e| e.to_string())?;
    let mut unusable = Vec::new();
    for (collection, outcome) in outcomes {
        let where_ = batt_data::collection_dir(&dir, collection);
        if let Err(e) = batt_data::check(&dir, collection) {
            println!("{}: NOT usable at {}", collection.title, where_.display());
            unusable.push(e.to_string());
            continue;
        }
        let what = match outcome {
            batt_data::Outcome::Present | batt_data::Outcome::Foreign => "present".to_owned(),
            batt_data::Outcome::Unpacked { tasks } => format!("unpacked now ({tasks} tasks)"),
        };
        println!("{}: {what} at {}", collection.title, where_.display());
    }
    if !unusable.is_empty() {
        return Err(format!(
            "{}\nnothing was changed there; remove the directories named above and run `cargo xtask data` again to fetch the pinned data",
            unusable.join("\n")
        ));
    }
    Ok(())
}

/// The C++ compiler the kernel tests use: `$CXX`, or `c++`.
fn cxx() -> String {
    std::env::var("CXX").unwrap_or_else(|_| "c++".to_owned())
}

/// Checks that a C++ compiler runs; installing one is left to the caller
/// (`.ci/run` installs g++ on CI machines).
fn check_cxx() -> Result<(), String> {
    let cxx = cxx();
    let works = Command::new(&cxx)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if works {
        println!("{cxx} found");
        Ok(())
    } else {
        Err(format!(
            "no C++ compiler: `{cxx} --version` does not run; the kernel tests compile the kernels as host C++. \
             Install one (Debian/Ubuntu: `apt-get install g++`; `.ci/run` does this on CI) or set CXX to a compiler"
        ))
    }
}

/// A pinned wheel of CUDA's compilers (PyPI, like the ARC data): what it
/// is, its SHA-256 (checked before it is unpacked; other platforms get a
/// different wheel, which is refused), and the file inside that says it is
/// unpacked.
struct Wheel {
    /// The directory under `target/` it is unpacked in.
    dir: &'static str,
    /// The pip requirement.
    package: &'static str,
    /// SHA-256 of the manylinux x86_64 wheel.
    sha256: &'static str,
    /// The directory of the wheel that holds `file`.
    lib: &'static str,
    /// A file the wheel must hold.
    file: &'static str,
}

/// NVRTC (CUDA 12's run-time compiler), which the kernel NVRTC test and
/// `kernel-report` compile with.
const NVRTC: Wheel = Wheel {
    dir: "nvrtc",
    package: "nvidia-cuda-nvrtc-cu12==12.9.86",
    sha256: "210cf05005a447e29214e9ce50851e83fc5f4358df8b453155d5e1918094dcb4",
    lib: "nvidia/cuda_nvrtc/lib",
    file: "libnvrtc.so.12",
};

/// CUDA's compiler driver wheel, for its `ptxas` (PTX to machine code,
/// with `-v` figures): `kernel-report` only.
const NVCC: Wheel = Wheel {
    dir: "nvcc",
    package: "nvidia-cuda-nvcc-cu12==12.9.86",
    sha256: "5d6a0d32fdc7ea39917c20065614ae93add6f577d840233237ff08e9a38f58f0",
    lib: "nvidia/cuda_nvcc/bin",
    file: "ptxas",
};

/// Makes sure `wheel` is unpacked under `target/<dir>` and returns the
/// directory holding its file. The wheel is downloaded with pip, verified
/// against its SHA-256 (as `batt-data` verifies the ARC data), unpacked
/// under a temporary name and renamed into place.
fn ensure_wheel(root: &Path, wheel: &Wheel) -> Result<PathBuf, String> {
    let dir = root.join("target").join(wheel.dir);
    let unpacked = dir.join("unpacked");
    let lib = unpacked.join(wheel.lib);
    if lib.join(wheel.file).exists() {
        println!("{} found at {}", wheel.file, lib.display());
        return Ok(lib);
    }
    let mut log = |line: &str| println!("{line}");
    batt_data::remove_stale_scratch(&dir, &mut log);
    let source = batt_data::Source {
        package: wheel.package.to_owned(),
        sha256: wheel.sha256.to_owned(),
    };
    let (file, bytes) = source
        .download_verified("python3".as_ref(), &dir, &mut log)
        .map_err(|e| format!("cannot fetch {}: {e}", wheel.package))?;
    let bad = |e: zip::result::ZipError| format!("{}: cannot unpack: {e}", file.display());
    let staging = dir.join(format!(".unpacked.partial-{}-0", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    let result = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(bad)
        .and_then(|mut archive| archive.extract(&staging).map_err(bad))
        .and_then(|()| {
            if unpacked.exists() {
                std::fs::remove_dir_all(&unpacked)
                    .map_err(|e| format!("{}: {e}", unpacked.display()))?;
            }
            std::fs::rename(&staging, &unpacked).map_err(|e| format!("{}: {e}", unpacked.display()))
        });
    let _ = std::fs::remove_dir_all(&staging);
    result?;
    let found = lib.join(wheel.file);
    if !found.exists() {
        return Err(format!(
            "{}: no {}/{} inside",
            file.display(),
            wheel.lib,
            wheel.file
        ));
    }
    // zip keeps no permissions: the wheel's programs must run.
    if wheel.lib.ends_with("bin") {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&found, std::fs::Permissions::from_mode(0o755))
            .map_err(|e| format!("{}: {e}", found.display()))?;
    }
    Ok(lib)
}

/// What the GPU machine runs, from the repository root (it gets the
/// working tree with DIR and `data/` carried).
const GPU_CHECK_SCRIPT: &str = r#"#!/bin/sh
# The device check (`cargo xtask gpu-check --prepare` wrote this folder).
# Run from the repository root on the GPU machine, with data/arc-agi-1
# there: ./DIR/run.sh. The JSON report goes to $OUT (or here).
here=$(dirname "$0")
chmod +x "$here/batt-runtime" 2>/dev/null
for k in "$here"/kernels/*.xz; do [ -f "$k" ] && xz -dq "$k"; done
BATT_CACHE="$here" exec "$here/batt-runtime" gpu-check --data data/arc-agi-1 \
    --out "${OUT:-$here}/gpu-check.json" "$@"
"#;

/// One lease's device session, from the repository root, in under nine
/// minutes: the step library probed on 8 tasks (where it faults, its
/// ptxas `-O0` variant instead, and compute-sanitizer names the place),
/// then the whole check of the step engine on the library's cards and on
/// CARD_FILE (if given), then the users' `all-tasks` on the GPU and on the
/// CPU side by side, timed and compared. Everything lands in
/// $OUT/results.tar.gz as it ends.
const GPU_SESSION_SCRIPT: &str = r#"#!/bin/sh
# One device session (`cargo xtask gpu-check --prepare` wrote this folder):
# sh DIR/session.sh [CARD_FILE], from the repository root.
G=$(dirname "$0"); B=$G/batt-runtime; D=data/arc-agi-1; W=/tmp/batt-session
mkdir -p $W; chmod +x $B; export BATT_CACHE=$G; t0=$(date +%s)
el() { echo $(( $(date +%s) - t0 )); }
pack() { tar czf "${OUT:-$G}/results.tar.gz" -C $W . 2>/dev/null; }
for k in $G/kernels/*.xz; do [ -f "$k" ] && xz -dq "$k"; done
nvidia-smi -L 2>/dev/null
# check NAME TIMEOUT PTXAS ARGS...: gpu-check with the cubins of a ptxas level.
check() {
  n=$1; t=$2; l=$3; shift 3
  echo "== $n (t=$(el)s): $*"
  BATT_PTXAS="$l" timeout $t $B gpu-check --data $D \
      --out $W/$n.json "$@" > $W/$n.log 2>&1
  echo "exit $?"
  grep -a "^gpu-check: \|^    {" $W/$n.log | grep -v "skipped: \|^    {\"devices" | cut -c1-320
  pack
}
clean() { [ "$(grep -a 'gpu-check: step \(lanes\|fallback\|bench\) .*passed' $W/$1.log | wc -l)" = 3 ]; }
# users NAME TIMEOUT ARGS...: all-tasks on the GPU, then on the CPU, each
# timed; their tasks and scores compared.
users() {
  n=$1; t=$2; shift 2
  for b in cuda cpu; do
    echo "== all-tasks $n --backend $b (t=$(el)s): $*"
    s=$(date +%s.%N)
    BATT_PTXAS="$l" timeout $t $B all-tasks --data $D --backend $b --quiet \
        --out $W/$n-$b "$@" > $W/$n-$b.log 2>&1
    echo "exit $? in $(echo "$(date +%s.%N) - $s" | bc 2>/dev/null || echo '?') s"
    grep -a "^backend\|rror" $W/$n-$b.log | head -4 | cut -c1-300
  done
  if command -v python3 >/dev/null; then
    python3 -c "import json,sys
r=[json.load(open(sys.argv[k]+'/results.json')) for k in (1,2)]
same=all(r[0][k]==r[1][k] for k in ('tasks','summary','programs'))
print('results equal:', same, '| timing', [x.get('timing') for x in r])" \
        $W/$n-cuda $W/$n-cpu 2>&1 | cut -c1-900
  else
    cmp $W/$n-cuda/submission.json $W/$n-cpu/submission.json && echo "submissions equal"
  fi
  pack
}
l=""
check probe 60 "" --shard 1/100
if ! clean probe; then
  l=-O0
  check probe-O0 60 -O0 --shard 1/100
  echo "== compute-sanitizer, the default step library (t=$(el)s)"
  timeout 60 compute-sanitizer --print-limit 3 $B all-tasks --data $D --cards cards \
      --backend cuda --shard 0/200 --out $W/sanitized > $W/sanitizer.log 2>&1
  grep -a "=====" $W/sanitizer.log | grep -v "Host Frame" | head -16
  pack
fi
echo "== the step library at ptxas ${l:-default}"
check library 200 "$l"
users library 120
[ -n "$1" ] && [ $(el) -lt 250 ] && check card-file $(( 400 - $(el) )) "$l" --cards "$1"
[ -n "$1" ] && [ $(el) -lt 380 ] && users card-file $(( (500 - $(el)) / 2 )) --cards "$1"
echo "== end (t=$(el)s)"
pack
"#;

/// Builds `batt-runtime` (release, or the dev profile) and returns the
/// binary's path.
fn build_runtime(root: &Path, release: bool) -> Result<PathBuf, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let (flags, profile): (&[&str], &str) = if release {
        (&["--release"], "release")
    } else {
        (&[], "debug")
    };
    println!("== building batt-runtime ({profile})");
    let status = Command::new(&cargo)
        .args(["build", "-q", "-p", "batt-runtime"])
        .args(flags)
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run {cargo}: {e}"))?;
    if !status.success() {
        return Err(format!("building batt-runtime failed ({status})"));
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    Ok(target.join(profile).join("batt-runtime"))
}

/// `cargo xtask gpu-check --prepare DIR`.
fn gpu_check_prepare(dir: Option<PathBuf>, arch: &str) -> Result<(), String> {
    let root = workspace_root();
    let dir = dir.unwrap_or_else(|| root.join("target/gpu-check"));
    let dir = if dir.is_absolute() {
        dir
    } else {
        root.join(dir)
    };
    let nvrtc = ensure_wheel(&root, &NVRTC)?;
    let built = build_runtime(&root, true)?;
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let binary = dir.join("batt-runtime");
    std::fs::copy(&built, &binary).map_err(|e| format!("{}: {e}", binary.display()))?;
    // Smaller to carry; a missing `strip` only leaves it larger.
    let _ = Command::new("strip").arg(&binary).status();
    // Each build: what, and its environment (the variant `session.sh`
    // tries: its cubins have their own cache keys).
    type Build = (&'static str, &'static [(&'static str, &'static str)]);
    let builds: [Build; 2] = [
        (
            "the step-major library (every function inlined; about three minutes)",
            &[],
        ),
        (
            "the step-major library at ptxas -O0 (a variant; about two minutes)",
            &[("BATT_PTXAS", "-O0")],
        ),
    ];
    for (what, env) in builds {
        println!("== NVRTC: {what} to cubins for {arch}");
        let status = Command::new(&binary)
            .args(["kernel", "build"])
            .args(["--arch", arch, "--cache"])
            .arg(dir.join("kernels"))
            .envs(env.iter().copied())
            .env("LD_LIBRARY_PATH", &nvrtc)
            .current_dir(&root)
            .status()
            .map_err(|e| format!("cannot run {}: {e}", binary.display()))?;
        if !status.success() {
            return Err(format!("kernel build ({what}) failed ({status})"));
        }
    }
    compress_cubins(&dir.join("kernels"));
    for (name, text) in [
        ("run.sh", GPU_CHECK_SCRIPT),
        ("session.sh", GPU_SESSION_SCRIPT),
    ] {
        let script = dir.join(name);
        std::fs::write(&script, text).map_err(|e| format!("{}: {e}", script.display()))?;
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))
            .map_err(|e| format!("{}: {e}", script.display()))?;
    }
    let bytes = dir_size(&dir) + dir_size(&root.join("data/arc-agi-1"));
    let shown = dir
        .strip_prefix(&root)
        .unwrap_or(&dir)
        .display()
        .to_string();
    println!(
        "ready: {shown} and data/arc-agi-1 hold {:.1} MiB (a device machine takes 64 MiB with the working tree)",
        bytes as f64 / (1 << 20) as f64
    );
    println!("on the GPU machine, from the repository root: sh {shown}/run.sh");
    println!("or, one lease's whole device session: sh {shown}/session.sh [CARD_FILE]");
    Ok(())
}

/// Compresses each cubin in `dir` with xz (the scripts decompress them
/// there): the four cubins take about 67 MB, more than a device machine's
/// working tree may, and 1.8 MB compressed. Without xz they stay as they
/// are.
fn compress_cubins(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for path in entries.filter_map(Result::ok).map(|e| e.path()) {
        if path.extension().is_some_and(|e| e == "cubin") {
            match Command::new("xz")
                .args(["-6", "-T2", "-f"])
                .arg(&path)
                .status()
            {
                Ok(s) if s.success() => {}
                _ => {
                    println!("xz could not compress {}: left as it is", path.display());
                    return;
                }
            }
        }
    }
}

/// The bytes of the files under `dir`.
fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .filter_map(Result::ok)
            .map(|e| match e.file_type() {
                Ok(t) if t.is_dir() => dir_size(&e.path()),
                _ => e.metadata().map_or(0, |m| m.len()),
            })
            .sum()
    })
}

/// A child's wall time and peak memory (its `VmHWM`, read from /proc while
/// it runs), with its output.
struct Measured {
    seconds: f64,
    peak_bytes: u64,
    stdout: String,
    stderr: String,
}

/// Runs `cmd` to its end, measuring it; a failure is an error with its
/// output.
fn measured(mut cmd: Command, what: &str) -> Result<Measured, String> {
    let start = Instant::now();
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {what}: {e}"))?;
    let (mut out, mut err) = (child.stdout.take(), child.stderr.take());
    let readers = (
        std::thread::spawn(move || read_all(out.as_mut())),
        std::thread::spawn(move || read_all(err.as_mut())),
    );
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak_bytes = 0;
    let status = loop {
        if let Ok(text) = std::fs::read_to_string(&status_path)
            && let Some(kb) = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
        {
            peak_bytes = peak_bytes.max(kb * 1024);
        }
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => std::thread::sleep(std::time::Duration::from_millis(50)),
            Err(e) => return Err(format!("cannot wait for {what}: {e}")),
        }
    };
    let seconds = start.elapsed().as_secs_f64();
    let stdout = readers.0.join().unwrap_or_default();
    let stderr = readers.1.join().unwrap_or_default();
    if !status.success() {
        return Err(format!("{what} failed ({status}):\n{stdout}{stderr}"));
    }
    Ok(Measured {
        seconds,
        peak_bytes,
        stdout,
        stderr,
    })
}

fn read_all(pipe: Option<&mut impl std::io::Read>) -> String {
    let mut text = String::new();
    if let Some(pipe) = pipe {
        let _ = pipe.read_to_string(&mut text);
    }
    text
}

fn met(ok: bool) -> &'static str {
    if ok { "met" } else { "NOT met" }
}

/// `cargo xtask kernel-report`.
fn kernel_report(arch: &str, out: Option<PathBuf>) -> Result<(), String> {
    let root = workspace_root();
    let out = out.unwrap_or_else(|| root.join("target/kernel-report"));
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let nvrtc = ensure_wheel(&root, &NVRTC)?;
    let ptxas = ensure_wheel(&root, &NVCC)?.join(NVCC.file);
    let runtime = build_runtime(&root, false)?;
    let stem = "steps";
    let (source, ptx, cubin) = (
        out.join(format!("{stem}.cu")),
        out.join(format!("{stem}.ptx")),
        out.join(format!("{stem}.cubin")),
    );
    println!("== NVRTC: {} to PTX for {arch}", source.display());
    let mut cmd = Command::new(&runtime);
    cmd.args(["kernel", "build", "--emit", "ptx", "--arch", arch, "--out"])
        .arg(&ptx)
        .arg("--source")
        .arg(&source)
        .env("LD_LIBRARY_PATH", &nvrtc)
        .current_dir(&root);
    let built = measured(cmd, "batt-runtime kernel build")?;
    print!("{}", built.stdout);
    // NVRTC's own time, from the line `sm_90: N bytes of PTX in S s -> ...`.
    let nvrtc_seconds = built
        .stdout
        .lines()
        .find_map(|l| {
            l.split(" in ")
                .nth(1)?
                .split(" s")
                .next()?
                .parse::<f64>()
                .ok()
        })
        .unwrap_or(built.seconds);
    println!("== ptxas -v: PTX to machine code for {arch}");
    let mut cmd = Command::new(&ptxas);
    cmd.arg("-v")
        .arg(format!("-arch={arch}"))
        .arg(&ptx)
        .arg("-o")
        .arg(&cubin);
    let assembled = measured(cmd, "ptxas")?;
    let report = xtask::ptxas::parse(&format!("{}{}", assembled.stdout, assembled.stderr));
    std::fs::write(out.join("ptxas.log"), &assembled.stderr)
        .map_err(|e| format!("{}: {e}", out.display()))?;
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let spilling = report.spilling();
    let mut text = String::new();
    use std::fmt::Write as _;
    let mb = |b: u64| b as f64 / 1e6;
    let _ = writeln!(
        text,
        "kernel report: the step-major library (every card's kernels), {arch}"
    );
    let _ = writeln!(text, "  CUDA source      {:>10.2} MB", mb(size(&source)));
    let _ = writeln!(
        text,
        "  PTX              {:>10.2} MB   NVRTC {nvrtc_seconds:.1} s, peak {:.2} GB   (once per toolkit and architecture, then cached)",
        mb(size(&ptx)),
        built.peak_bytes as f64 / 1e9,
    );
    let _ = writeln!(
        text,
        "  cubin            {:>10.2} MB   ptxas {:.1} s, peak {:.2} GB",
        mb(size(&cubin)),
        assembled.seconds,
        assembled.peak_bytes as f64 / 1e9
    );
    text.push_str(&entries_by_kind(&xtask::ptxas::entries(&assembled.stderr)));
    let _ = writeln!(
        text,
        "  functions        {:>10}, {} spilling (target none: {})",
        report.functions.len(),
        spilling.len(),
        met(spilling.is_empty())
    );
    let _ = writeln!(text, "largest spills, then stack frames:");
    text.push_str(&report.costliest(15));
    print!("{text}");
    let path = out.join("report.txt");
    std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
    println!(
        "written: {} (and {stem}.cu, {stem}.ptx, {stem}.cubin, ptxas.log)",
        path.display()
    );
    Ok(())
}

/// The step-major library's entry functions by kind (first-order step
/// kernels, higher-order record and replay kernels, call joins, the lanes
/// kernel): how many, their registers and stacks (median and largest),
/// and how many spill.
fn entries_by_kind(entries: &[xtask::ptxas::Entry]) -> String {
    use std::fmt::Write as _;
    let kinds = [
        ("batt_step_", "first-order steps"),
        ("batt_hof_record_", "higher-order, record"),
        ("batt_hof_replay_", "higher-order, replay"),
        ("batt_call_", "calls of callables"),
        ("batt_step_lanes", "lanes"),
    ];
    let mut text = format!(
        "  {:<22} {:>7} {:>9} {:>9} {:>10} {:>10} {:>9}\n",
        "kernels", "count", "regs med", "regs max", "stack med", "stack max", "spilling"
    );
    for (prefix, label) in kinds {
        let of_kind: Vec<&xtask::ptxas::Entry> = entries
            .iter()
            .filter(|e| match e.name.strip_prefix(prefix) {
                Some(rest) => {
                    prefix == "batt_step_lanes" || rest.chars().all(|c| c.is_ascii_digit())
                }
                None => false,
            })
            .collect();
        if of_kind.is_empty() {
            continue;
        }
        let median = |mut v: Vec<u64>| {
            v.sort_unstable();
            v[v.len() / 2]
        };
        let regs: Vec<u64> = of_kind.iter().map(|e| e.registers).collect();
        let stack: Vec<u64> = of_kind.iter().map(|e| e.cumulative_stack).collect();
        let _ = writeln!(
            text,
            "  {label:<22} {:>7} {:>9} {:>9} {:>10} {:>10} {:>9}",
            of_kind.len(),
            median(regs.clone()),
            regs.iter().max().copied().unwrap_or(0),
            median(stack.clone()),
            stack.iter().max().copied().unwrap_or(0),
            of_kind.iter().filter(|e| e.spills > 0).count()
        );
    }
    text
}

fn ci() -> Result<(), String> {
    let root = workspace_root();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let steps: [(&str, Vec<&str>); 3] = [
        ("rustfmt", vec!["fmt", "--all", "--check"]),
        (
            "clippy",
            vec![
                "clippy",
                "--workspace",
                "--all-targets",
                "--locked",
                "--",
                "-D",
                "warnings",
            ],
        ),
        ("tests", vec!["test", "--workspace", "--locked"]),
    ];
    let mut timings = Vec::new();
    println!("== C++ compiler (the kernel tests compile the step library as host C++)");
    check_cxx()?;
    println!("== NVRTC (the NVRTC tests check the step library with it)");
    let nvrtc = ensure_wheel(&root, &NVRTC)?;
    let start = Instant::now();
    println!("== data");
    data(root.join("data"))?;
    timings.push(("data", start.elapsed()));
    let mut totals = TestTotals::default();
    for (name, args) in steps {
        println!("== {name}: cargo {}", args.join(" "));
        let start = Instant::now();
        let library_path = match std::env::var_os("LD_LIBRARY_PATH") {
            Some(old) => {
                let mut paths = vec![nvrtc.clone()];
                paths.extend(std::env::split_paths(&old));
                std::env::join_paths(paths).map_err(|e| e.to_string())?
            }
            None => nvrtc.clone().into_os_string(),
        };
        let mut child = Command::new(&cargo)
            .args(&args)
            .env("LD_LIBRARY_PATH", library_path)
            .current_dir(&root)
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run {cargo}: {e}"))?;
        // Echo the output as it comes, adding up libtest's result lines.
        if let Some(stdout) = child.stdout.take() {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                println!("{line}");
                totals.add(&line);
            }
        }
        let status = child
            .wait()
            .map_err(|e| format!("cannot wait for {cargo}: {e}"))?;
        timings.push((name, start.elapsed()));
        if !status.success() {
            println!(
                "tests: {} passed, {} failed",
                totals.passed,
                totals.failed.max(1)
            );
            return Err(format!("{name} failed ({status})"));
        }
    }
    println!("\n{:<10} {:>9}", "step", "seconds");
    for (name, elapsed) in timings {
        println!("{name:<10} {:>9.1}", elapsed.as_secs_f64());
    }
    println!("tests: {} passed, {} failed", totals.passed, totals.failed);
    Ok(())
}

/// The sum of libtest's `test result:` lines.
#[derive(Debug, Default)]
struct TestTotals {
    passed: u64,
    failed: u64,
}

impl TestTotals {
    fn add(&mut self, line: &str) {
        let Some(rest) = line.strip_prefix("test result: ") else {
            return;
        };
        for part in rest.split([';', '.']) {
            let mut words = part.split_whitespace();
            if let (Some(n), Some(what)) = (words.next(), words.next())
                && let Ok(n) = n.parse::<u64>()
            {
                match what {
                    "passed" => self.passed += n,
                    "failed" => self.failed += n,
                    _ => {}
                }
            }
        }
    }
}

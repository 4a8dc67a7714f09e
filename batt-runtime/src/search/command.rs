//! `batt-runtime search`: the command around [`super::engine`].
//!
//! Its output directory holds:
//! - `state.json`: the search's state ([`State`]), rewritten (atomically)
//!   after every generation; `--resume` continues from it;
//! - `search.jsonl`: a line per generation ([`GenerationLog`]);
//! - `archive/solve_<task>/<k>.py`: the archive's programs that solve at
//!   least one demonstration pair, as card files (`def solve(...)`, the
//!   task in the path) that `all-tasks --cards DIR/archive` runs;
//! - `results/`: `results.json`, `submission.json` and `manifest.json` of
//!   the archive's programs on the tasks (pairing `own`), written at the
//!   end, as `all-tasks` writes them.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::engine::{
    self, GenerationLog, Options, Program, Proposer, Rng, Search, State, archive_files,
};
use crate::results::{self, OutDir};

/// Proposes random type-correct programs (ignoring the parents): the
/// baseline proposer.
#[derive(Debug, Clone, Copy)]
pub struct RandomPrograms {
    /// The most steps.
    pub max_steps: usize,
}

impl Proposer for RandomPrograms {
    fn start(&mut self, _seed: u64) {}

    fn propose(&mut self, _parents: &[&Program], name: &str, rng: &mut Rng) -> Option<String> {
        let options = batt_gen::random::Options {
            max_steps: self.max_steps,
            dialect: false,
        };
        let text = batt_gen::random::card(rng.next_u64(), 1, &options);
        engine::programs_of(&text)
            .into_iter()
            .next()
            .map(|(_, p)| p.renamed(name))
    }
}

/// Proposes mutants of a parent and crossovers of two
/// ([`batt_gen::mutate`]): type-aware changes of arguments, callees and
/// constants, inserted and deleted steps, and subgraphs of one parent
/// spliced into the other. A fresh mutator each generation, seeded from
/// the generation's numbers.
#[derive(Debug, Default)]
pub struct Mutations {
    mutator: Option<batt_gen::mutate::Mutator>,
    /// The most steps a candidate has.
    pub max_steps: usize,
}

impl Mutations {
    /// Candidates of at most `max_steps` steps.
    pub fn new(max_steps: usize) -> Mutations {
        Mutations {
            mutator: None,
            max_steps,
        }
    }
}

impl Proposer for Mutations {
    fn start(&mut self, seed: u64) {
        self.mutator = Some(batt_gen::mutate::Mutator::new(batt_gen::mutate::Options {
            seed,
            max_steps: self.max_steps,
            tries: 32,
            version: batt_gen::dialect::Version::default(),
        }));
    }

    fn propose(&mut self, parents: &[&Program], name: &str, rng: &mut Rng) -> Option<String> {
        let mutator = self.mutator.as_mut()?;
        let (a, b) = (parents.first()?, parents.get(1).unwrap_or(&parents[0]));
        // One in four a crossover; the other operator when the drawn one
        // finds nothing.
        if rng.below(4) == 0 {
            mutator
                .crossover(&a.text, &b.text, name)
                .or_else(|| mutator.mutate(&a.text, name))
        } else {
            mutator
                .mutate(&a.text, name)
                .or_else(|| mutator.crossover(&a.text, &b.text, name))
        }
    }
}

/// The solvers of the card files at `path` (a file, or every `.py` file
/// under a directory, in path order).
pub fn corpus(path: &Path) -> Result<Vec<Program>, String> {
    // The files `all-tasks --cards` would read.
    let mut files = Vec::new();
    if path.is_dir() {
        crate::interp::card_files(path, &mut files)?;
    } else {
        files.push(path.to_path_buf());
    }
    files.sort();
    let mut programs = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        programs.extend(
            engine::programs_of(&text)
                .into_iter()
                .filter(|(name, _)| name.starts_with("solve"))
                .map(|(_, p)| p),
        );
    }
    if programs.is_empty() {
        return Err(format!(
            "{}: no solver (`def solve...`) to start the search from",
            path.display()
        ));
    }
    Ok(programs)
}

/// When to stop.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// After this many generations in all (generation 0, the corpus, counts).
    pub generations: Option<usize>,
    /// After the generation that passes this many minutes (this session).
    pub minutes: Option<f64>,
}

/// Runs (or resumes) a search into `out`.
pub fn run(
    search: &Search<'_>,
    proposer: &mut dyn Proposer,
    out: &Path,
    resume: bool,
    budget: Budget,
    progress: bool,
) -> Result<State, String> {
    fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let state_path = out.join("state.json");
    let identity = engine::identity(&search.corpus, search.dataset);
    let mut state = if state_path.exists() {
        if !resume {
            return Err(format!(
                "{}: holds a search already; pass --resume to continue it, or choose another --out",
                out.display()
            ));
        }
        let text = fs::read_to_string(&state_path)
            .map_err(|e| format!("{}: {e}", state_path.display()))?;
        let state: State = serde_json::from_str(&text)
            .map_err(|e| format!("{}: not a search state: {e}", state_path.display()))?;
        if state.schema != engine::SCHEMA {
            return Err(format!(
                "{}: schema {}, not {}",
                state_path.display(),
                state.schema,
                engine::SCHEMA
            ));
        }
        if state.identity != identity
            || state.seed != search.options.seed
            || state.population != search.options.population
        {
            return Err(format!(
                "{}: a search of other cards, tasks, seed or population; resume with the same ones",
                state_path.display()
            ));
        }
        state
    } else {
        State::new(&search.options, identity)
    };
    let start = Instant::now();
    let bar = progress.then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.enable_steady_tick(std::time::Duration::from_millis(250));
        bar
    });
    loop {
        if budget.generations.is_some_and(|g| state.generation >= g) {
            break;
        }
        if budget
            .minutes
            .is_some_and(|m| start.elapsed().as_secs_f64() >= m * 60.0)
        {
            break;
        }
        let mut log: GenerationLog = search.generation(&mut state, proposer);
        log.tasks_solved_test =
            engine::archive_summary(&state, search.dataset, search.options.threads)
                .tasks_solved_demo_and_test;
        log.seconds = start.elapsed().as_secs_f64();
        save(out, &state, &log)?;
        if let Some(bar) = &bar {
            bar.set_message(format!(
                "generation {}: {} new candidates, {:.0} lanes/s; tasks solved: {} on demonstrations, {} with tests",
                log.generation, log.new, log.lanes_per_second, log.tasks_solved_demo, log.tasks_solved_test
            ));
        }
    }
    if let Some(bar) = bar {
        bar.finish();
    }
    if let Some(mut results) =
        engine::archive_results(&state, search.dataset, search.options.threads)
    {
        results.run.split = search_split(search.dataset);
        let dir = OutDir::prepare(&out.join("results"))?;
        results::write_outputs(&dir, &results, None, None)?;
    }
    Ok(state)
}

fn search_split(ds: &crate::dataset::Dataset) -> crate::dataset::SplitFilter {
    use crate::dataset::{Split, SplitFilter};
    let training = ds.tasks.iter().any(|t| t.split == Split::Training);
    let evaluation = ds.tasks.iter().any(|t| t.split == Split::Evaluation);
    match (training, evaluation) {
        (true, false) => SplitFilter::Training,
        (false, true) => SplitFilter::Evaluation,
        _ => SplitFilter::All,
    }
}

/// Writes the state, the generation's log line and the archive files.
fn save(out: &Path, state: &State, log: &GenerationLog) -> Result<(), String> {
    let text = serde_json::to_string(state).map_err(|e| e.to_string())?;
    // The archive first, the state last: a search killed in between
    // resumes from the previous state and rewrites the archive.
    let archive = out.join("archive");
    let fresh = out.join(".archive.tmp");
    let _ = fs::remove_dir_all(&fresh);
    for (path, body) in archive_files(state) {
        let path = fresh.join(path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        fs::write(&path, body).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    fs::create_dir_all(&fresh).map_err(|e| format!("{}: {e}", fresh.display()))?;
    let _ = fs::remove_dir_all(&archive);
    fs::rename(&fresh, &archive).map_err(|e| format!("{}: {e}", archive.display()))?;
    let mut line = serde_json::to_string(log).map_err(|e| e.to_string())?;
    line.push('\n');
    let log_path = out.join("search.jsonl");
    let mut all = fs::read_to_string(&log_path).unwrap_or_default();
    // A resumed search rewrites the lines of generations it runs again.
    all = all
        .lines()
        .filter(|l| {
            serde_json::from_str::<GenerationLog>(l).is_ok_and(|g| g.generation < log.generation)
        })
        .map(|l| format!("{l}\n"))
        .collect();
    all.push_str(&line);
    results::write_file_atomically(&log_path, all.as_bytes())?;
    results::write_file_atomically(&out.join("state.json"), text.as_bytes())
}

/// The default seed corpus: the project's card library.
pub fn library_cards() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../cards")
}

/// Options with the defaults of the command.
pub fn options(seed: u64, population: usize, threads: Option<usize>) -> Options {
    Options {
        seed,
        population,
        keep: 3,
        threads,
        max_steps: 8,
        enumerate_work: DEFAULT_ENUMERATE_WORK,
    }
}

/// The default work budget of each task's enumeration: about a second of
/// one core on the project's 2-core machine.
pub const DEFAULT_ENUMERATE_WORK: u64 = 30_000_000;

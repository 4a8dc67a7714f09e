//! The lanes a report shows: read from a run's `outputs.jsonl` (written
//! with `--dump-outputs`, one [`LaneValue`] per line), chosen and capped
//! per task.
//!
//! A run evaluates every program on every sample (pairing `all`), far more
//! lanes than a page can carry, so per task the report keeps the lanes of
//! at most [`MAX_PROGRAMS_PER_TASK`] programs, in this order: the task's
//! own solvers (`solve_<id>`), the programs whose outputs are its
//! attempts, the programs solving every demonstration pair, then those
//! solving the most demonstration pairs (at least one). The others are
//! counted, not shown.
//!
//! The file is read twice, line by line (it may be larger than memory):
//! first to count, per task and program, the demonstration pairs solved
//! (a value's repr equals the repr of the expected output exactly when the
//! values are equal, the repr being canonical), then to keep the values of
//! the lanes chosen.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufRead as _, BufReader};
use std::path::Path;

use super::repr::Shown;
use crate::dataset::{SampleKind, Split, Task};
use crate::dsl::Value;
use crate::results::{LaneValue, Results};

/// At most this many programs' lanes are shown per task.
pub const MAX_PROGRAMS_PER_TASK: usize = 6;

/// Where the lines of `outputs.jsonl` come from.
#[derive(Debug, Clone, Copy)]
pub enum LaneLines<'a> {
    /// The text of the file, as `all-tasks --dump-outputs` is about to write it.
    Text(&'a str),
    /// The file in a run's directory.
    File(&'a Path),
}

impl LaneLines<'_> {
    /// The name errors give the file.
    fn label(&self) -> String {
        match self {
            LaneLines::Text(_) => "outputs.jsonl".to_owned(),
            LaneLines::File(path) => path.display().to_string(),
        }
    }

    /// Calls `each` with every line (its number from 1, its text).
    fn for_each(
        &self,
        each: &mut dyn FnMut(usize, &str) -> Result<(), String>,
    ) -> Result<(), String> {
        match self {
            LaneLines::Text(text) => {
                for (n, line) in text.lines().enumerate() {
                    each(n + 1, line)?;
                }
                Ok(())
            }
            LaneLines::File(path) => {
                let file = File::open(path)
                    .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
                let mut reader = BufReader::with_capacity(1 << 20, file);
                let mut line = String::new();
                let mut n = 0;
                loop {
                    line.clear();
                    let read = reader
                        .read_line(&mut line)
                        .map_err(|e| format!("{}:{}: cannot read: {e}", path.display(), n + 1))?;
                    if read == 0 {
                        return Ok(());
                    }
                    n += 1;
                    each(n, line.trim_end_matches(['\n', '\r']))?;
                }
            }
        }
    }
}

/// The lanes of one program on one task: its value per demonstration and
/// per test pair (`None` where no line gave one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgramLanes {
    /// The program, by its index in `results.programs`.
    pub program: usize,
    /// The demonstration pairs solved.
    pub demo_matches: usize,
    /// Per demonstration pair.
    pub demos: Vec<Option<Shown>>,
    /// Per test pair.
    pub tests: Vec<Option<Shown>>,
}

/// The lanes shown for one task.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskLanes {
    /// The programs shown, in the order of the module documentation.
    pub programs: Vec<ProgramLanes>,
    /// Programs solving at least one demonstration pair that are not shown.
    pub left_out: usize,
}

/// What the lines say, checked against the results.
struct Lookup<'a> {
    tasks: HashMap<(&'a str, Split), usize>,
    programs: HashMap<&'a str, usize>,
}

/// One line, located: the task's index, the program's, the sample, the value.
struct Located<'l> {
    task: usize,
    program: usize,
    kind: SampleKind,
    index: usize,
    value: Option<std::borrow::Cow<'l, str>>,
}

impl<'a> Lookup<'a> {
    fn new(results: &'a Results) -> Lookup<'a> {
        Lookup {
            tasks: results
                .tasks
                .iter()
                .enumerate()
                .map(|(k, t)| ((t.id.as_str(), t.split), k))
                .collect(),
            programs: results
                .programs
                .iter()
                .enumerate()
                .map(|(k, p)| (p.name.as_str(), k))
                .collect(),
        }
    }

    /// Reads line `n`, refusing one that is not a lane of these results.
    fn locate<'l>(
        &self,
        label: &str,
        n: usize,
        line: &'l str,
        tasks: &[&Task],
    ) -> Result<Located<'l>, String> {
        let lane: LaneValue<'l> = serde_json::from_str(line)
            .map_err(|e| format!("{label}:{n}: not a line of outputs.jsonl: {e}"))?;
        let task = *self
            .tasks
            .get(&(lane.task.as_ref(), lane.split))
            .ok_or_else(|| {
                format!(
                    "{label}:{n}: task {} ({}) is not in results.json: the file is not this run's",
                    lane.task, lane.split
                )
            })?;
        let program = *self.programs.get(lane.program.as_ref()).ok_or_else(|| {
            format!(
                "{label}:{n}: program {} is not in results.json: the file is not this run's",
                lane.program
            )
        })?;
        let kind = [SampleKind::Demo, SampleKind::Test]
            .into_iter()
            .find(|k| k.key() == lane.kind)
            .ok_or_else(|| {
                format!(
                    "{label}:{n}: kind {:?} is neither \"train\" nor \"test\"",
                    lane.kind
                )
            })?;
        let pairs = tasks.get(task).map_or(0, |t| match kind {
            SampleKind::Demo => t.train.len(),
            SampleKind::Test => t.test.len(),
        });
        if lane.index >= pairs {
            return Err(format!(
                "{label}:{n}: task {} has {pairs} {} pairs, not a pair {}: the file is not this run's",
                lane.task, lane.kind, lane.index
            ));
        }
        Ok(Located {
            task,
            program,
            kind,
            index: lane.index,
            value: lane.value,
        })
    }
}

/// The lanes shown per task (by the index of the task in
/// `results.tasks`), read from `lines`; `tasks` are the results' tasks
/// from the dataset, in the same order.
pub fn read(
    lines: LaneLines<'_>,
    results: &Results,
    tasks: &[&Task],
) -> Result<Vec<TaskLanes>, String> {
    let label = lines.label();
    let lookup = Lookup::new(results);
    // The repr of every expected demonstration output.
    let expected: Vec<Vec<String>> = tasks
        .iter()
        .map(|t| {
            t.train
                .iter()
                .map(|p| {
                    p.output
                        .clone()
                        .map_or_else(String::new, |g| Value::grid(g).to_string())
                })
                .collect()
        })
        .collect();

    // Pass 1: the demonstration pairs each program solves on each task.
    let mut matches: HashMap<(usize, usize), usize> = HashMap::new();
    lines.for_each(&mut |n, line| {
        let lane = lookup.locate(&label, n, line, tasks)?;
        if lane.kind == SampleKind::Demo
            && let Some(value) = &lane.value
            && expected
                .get(lane.task)
                .and_then(|e| e.get(lane.index))
                .is_some_and(|want| want == value)
        {
            *matches.entry((lane.task, lane.program)).or_default() += 1;
        }
        Ok(())
    })?;

    // The programs shown per task, and how many are left out.
    let mut by_task: Vec<BTreeMap<usize, usize>> = vec![BTreeMap::new(); tasks.len()];
    for (&(task, program), &count) in &matches {
        by_task[task].insert(program, count);
    }
    let mut shown: Vec<TaskLanes> = Vec::with_capacity(tasks.len());
    let mut chosen: HashMap<(usize, usize), usize> = HashMap::new();
    for (k, result) in results.tasks.iter().enumerate() {
        let counts = &by_task[k];
        let mut order: Vec<usize> = Vec::new();
        let mut add = |p: usize| {
            if !order.contains(&p) {
                order.push(p);
            }
        };
        for (p, program) in results.programs.iter().enumerate() {
            if program.task == result.id {
                add(p);
            }
        }
        for name in result.attempt_programs.iter().flatten().flatten() {
            if let Some(&p) = lookup.programs.get(name.as_str()) {
                add(p);
            }
        }
        for name in &result.solvers {
            if let Some(&p) = lookup.programs.get(name.as_str()) {
                add(p);
            }
        }
        let mut partial: Vec<(usize, usize)> = counts.iter().map(|(&p, &c)| (p, c)).collect();
        partial.sort_by_key(|&(p, c)| (std::cmp::Reverse(c), p));
        for &(p, _) in &partial {
            add(p);
        }
        let left_out = order
            .iter()
            .skip(MAX_PROGRAMS_PER_TASK)
            .filter(|p| counts.contains_key(p))
            .count();
        order.truncate(MAX_PROGRAMS_PER_TASK);
        let (demos, tests) = tasks
            .get(k)
            .map_or((0, 0), |t| (t.train.len(), t.test.len()));
        let programs = order
            .iter()
            .enumerate()
            .map(|(slot, &p)| {
                chosen.insert((k, p), slot);
                ProgramLanes {
                    program: p,
                    demo_matches: counts.get(&p).copied().unwrap_or(0),
                    demos: vec![None; demos],
                    tests: vec![None; tests],
                }
            })
            .collect();
        shown.push(TaskLanes { programs, left_out });
    }

    // Pass 2: the values of the lanes chosen.
    lines.for_each(&mut |n, line| {
        let lane = lookup.locate(&label, n, line, tasks)?;
        let Some(&slot) = chosen.get(&(lane.task, lane.program)) else {
            return Ok(());
        };
        let program = &mut shown[lane.task].programs[slot];
        let place = match lane.kind {
            SampleKind::Demo => program.demos.get_mut(lane.index),
            SampleKind::Test => program.tests.get_mut(lane.index),
        };
        if let Some(place) = place {
            *place = Some(Shown::of_repr(lane.value.as_deref()));
        }
        Ok(())
    })?;
    Ok(shown)
}

//! The HTML report of a run: `report.html`, one self-contained static page
//! (inline CSS and JavaScript, no network) showing what a run found, with
//! the grids drawn in the ARC palette.
//!
//! The page (`page.html` beside this file, kept as a file of its own)
//! holds the run's data as one JSON document in a `<script
//! type="application/json">`, serialised from the typed [`Page`] built
//! here from [`Results`] and the run's [`Dataset`]; its script draws from
//! it only what is looked at, so a run of 800 tasks opens about as fast as
//! one of five. Its views, chosen by the URL's fragment:
//!
//! - `#` (and `#tasks`): the summary (tasks, lanes, tasks solved on the
//!   demonstrations and on the tests, test accuracy, Kaggle score, timing
//!   and backend when the run recorded them, the run's identity) and a
//!   sortable, filterable table of tasks, 100 rows a page (id, split,
//!   demonstration pairs, solved on them, test inputs right, best partial
//!   match, number of solvers);
//! - `#programs`: a sortable table of programs (lanes, samples solved,
//!   steps failed, lanes failed, and the tasks each transfers to: those
//!   other than its own on which it solves every demonstration pair);
//!   `#program=NAME`: one program;
//! - `#task=ID` (`&split=S` for a task id found in two splits): the task's
//!   demonstration pairs and test inputs with the expected outputs and the
//!   two attempts, each marked right or wrong with the program that gave
//!   it, and a cell-by-cell difference against the expected output (a
//!   shape mismatch said in words); with `outputs.jsonl`, the outputs of
//!   some programs beside the expected grids (chosen and capped as
//!   [`lanes`] says);
//! - `#task=ID&grid=KEY`: that one grid alone at the top left of the page,
//!   [`SOLO_CELL_PX`] pixels a cell with no gaps, its position recorded
//!   on it (`data-x`, `data-y`, `data-pitch`), e.g. for a screenshot.
//!
//! The grids are drawn as elements, one per cell, each carrying its colour
//! as a class `c0`..`c9` whose CSS comes from [`PALETTE`], the one place
//! the colours are defined. Every grid element names itself with a
//! `data-grid` key (`demo-0-input`, `demo-0-output`, `test-0-input`,
//! `test-0-expected`, `test-0-attempt-1` (with `data-program` and
//! `data-correct`), `test-0-diff-1` (with `data-differ`, the cells that
//! differ), `lane-PROGRAM-demo-0`, ...) and its shape (`data-h`,
//! `data-w`). The page records its own script errors in the `data-errors`
//! attribute of `<html>` (and shows them), and sets `data-view` and
//! `data-state="ready"` once drawn: what the browser test reads.

use std::collections::HashMap;

use serde::Serialize;

use crate::dataset::{Dataset, Split, Task};
use crate::grid::Grid;
use crate::results::{ProgramStats, Results, RunIdentity, Summary, TimingReport};

pub mod lanes;
pub mod repr;

use lanes::TaskLanes;
pub use lanes::{LaneLines, MAX_PROGRAMS_PER_TASK};
use repr::Shown;

/// The standard ARC palette: colour `k` is `PALETTE[k]`, a CSS hex colour
/// and its name.
pub const PALETTE: [(&str, &str); 10] = [
    ("#000000", "black"),
    ("#0074D9", "blue"),
    ("#FF4136", "red"),
    ("#2ECC40", "green"),
    ("#FFDC00", "yellow"),
    ("#AAAAAA", "grey"),
    ("#F012BE", "magenta"),
    ("#FF851B", "orange"),
    ("#7FDBFF", "sky"),
    ("#870C25", "maroon"),
];

/// The size in pixels of a cell in the `&grid=` view (no gaps between
/// cells there, so cell `(i, j)` spans `SOLO_CELL_PX` pixels from `(j, i)`
/// times that from the grid's corner).
pub const SOLO_CELL_PX: usize = 20;

/// The page, with its markers for the palette's CSS and the data.
const TEMPLATE: &str = include_str!("page.html");

/// Where the palette's CSS goes in the template (once, in its `<style>`).
const PALETTE_MARKER: &str = "/*@palette@*/";

/// Where the data goes in the template (once, in its JSON `<script>`).
const DATA_MARKER: &str = "@data@";

/// Where the cell size of the `&grid=` view goes (once, in the script).
const SOLO_MARKER: &str = "/*@solo-cell-px@*/";

/// The data of the page (the JSON the page's script reads).
#[derive(Debug, Serialize)]
pub struct Page<'a> {
    /// What wrote the page.
    pub generator: String,
    /// The path the tasks were loaded from, as the run recorded it.
    pub dataset: &'a str,
    /// The run's identity.
    pub run: &'a RunIdentity,
    /// The schema of the results read.
    pub schema: &'a str,
    /// The overall figures.
    pub summary: &'a Summary,
    /// Where the time went, when the run recorded it.
    pub timing: Option<&'a TimingReport>,
    /// The tasks that could not be loaded.
    pub skipped: &'a [String],
    /// The palette, colour by colour.
    pub palette: Vec<Colour>,
    /// The programs, in card order; tasks and lanes name them by index.
    pub programs: Vec<ProgramView<'a>>,
    /// The tasks, in the results' order.
    pub tasks: Vec<TaskView<'a>>,
    /// How lanes were chosen, when the run has `outputs.jsonl`.
    pub lanes: Option<LanesNote>,
}

/// One colour of the palette.
#[derive(Debug, Serialize)]
pub struct Colour {
    /// The CSS hex colour.
    pub hex: &'static str,
    /// Its name.
    pub name: &'static str,
}

/// A program's figures and the tasks it transfers to.
#[derive(Debug, Serialize)]
pub struct ProgramView<'a> {
    /// Its figures as `results.json` has them.
    #[serde(flatten)]
    pub stats: &'a ProgramStats,
    /// The tasks other than its own on which it solves every
    /// demonstration pair, by index in `tasks`.
    pub transfers: Vec<usize>,
    /// What it cost, when the run recorded it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<&'a crate::results::ProgramCost>,
}

/// One task as the page shows it.
#[derive(Debug, Serialize)]
pub struct TaskView<'a> {
    /// The task's id.
    pub id: &'a str,
    /// Its split.
    pub split: Split,
    /// The programs solving every demonstration pair, by index.
    pub solvers: Vec<usize>,
    /// Those that also solve every test pair with a known output.
    pub test_solvers: Vec<usize>,
    /// Up to three programs solving some demonstration pairs: (program,
    /// pairs solved).
    pub best_partial: Vec<(usize, usize)>,
    /// Per test input: whether an attempt is right, `None` when unknown.
    pub test_correct: &'a [Option<bool>],
    /// The demonstration pairs.
    pub demos: Vec<DemoView<'a>>,
    /// The test inputs, their expected outputs and the attempts.
    pub tests: Vec<TestView<'a>>,
    /// The lanes shown (empty without `outputs.jsonl`).
    pub lanes: Vec<LaneView>,
    /// Programs solving some demonstration pair whose lanes are not shown.
    pub lanes_left_out: usize,
}

/// A demonstration pair.
#[derive(Debug, Serialize)]
pub struct DemoView<'a> {
    /// The input grid.
    pub input: Rows<'a>,
    /// The expected output.
    pub output: Option<Rows<'a>>,
}

/// A test input with its expected output and the attempts.
#[derive(Debug, Serialize)]
pub struct TestView<'a> {
    /// The input grid.
    pub input: Rows<'a>,
    /// The expected output, when known.
    pub expected: Option<Rows<'a>>,
    /// The two attempts.
    pub attempts: [AttemptView<'a>; 2],
}

/// One attempt at a test input.
#[derive(Debug, Serialize)]
pub struct AttemptView<'a> {
    /// The grid.
    pub grid: Rows<'a>,
    /// The program whose output it is (by index), `None` when it is the
    /// test input, filling in for a program.
    pub program: Option<usize>,
    /// Whether it equals the expected output, `None` when that is unknown.
    pub correct: Option<bool>,
}

/// One program's lanes on a task.
#[derive(Debug, Serialize)]
pub struct LaneView {
    /// The program, by index.
    pub program: usize,
    /// The demonstration pairs it solves.
    pub demo_matches: usize,
    /// Its value per demonstration pair.
    pub demos: Vec<Option<ShownView>>,
    /// Its value per test pair.
    pub tests: Vec<Option<ShownView>>,
}

/// A lane's value: `{"grid": rows}`, `{"text": repr}` or `"failed"`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ShownView {
    /// A grid, drawn.
    Grid(#[serde(serialize_with = "serialize_rows")] Grid),
    /// Any other value's repr, clipped.
    Text(String),
    /// The lane failed.
    Failed,
}

/// How lanes were chosen, said on the page.
#[derive(Debug, Serialize)]
pub struct LanesNote {
    /// At most this many programs per task.
    pub programs_per_task: usize,
    /// At most this many characters of a value that is not drawn.
    pub max_text: usize,
    /// Programs solving some demonstration pair left out, over all tasks.
    pub left_out: usize,
}

/// A grid in the page: one string of digits per row (colours 0-9).
#[derive(Debug, Clone, Copy)]
pub struct Rows<'a>(pub &'a Grid);

impl Serialize for Rows<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_rows(self.0, s)
    }
}

fn serialize_rows<S: serde::Serializer>(grid: &Grid, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq as _;
    let mut seq = s.serialize_seq(Some(grid.height()))?;
    for row in grid.rows() {
        let text: String = row
            .iter()
            .map(|&c| {
                u32::try_from(c)
                    .ok()
                    .and_then(|c| char::from_digit(c, 10))
                    .unwrap_or('?')
            })
            .collect();
        seq.serialize_element(&text)?;
    }
    seq.end()
}

/// Refuses a dataset whose tasks are not those the run evaluated (another
/// fingerprint), saying which the run used.
pub fn check_tasks(results: &Results, ds: &Dataset) -> Result<(), String> {
    let found = crate::fingerprint::dataset(ds);
    if found == results.run.dataset_sha256 && ds.tasks.len() == results.run.dataset_tasks {
        return Ok(());
    }
    let short = |s: &str| s.chars().take(12).collect::<String>();
    Err(format!(
        "{}: not the tasks the run evaluated ({} tasks, SHA-256 {} here; the run's {} tasks, {}, \
         were loaded from {} with --split {}): pass those with --data and --split",
        ds.source.display(),
        ds.tasks.len(),
        short(&found),
        results.run.dataset_tasks,
        short(&results.run.dataset_sha256),
        results.dataset,
        crate::results::cli_name(&results.run.split),
    ))
}

/// The dataset's task of each of the results' tasks, in their order.
fn tasks_of<'d>(results: &Results, ds: &'d Dataset) -> Result<Vec<&'d Task>, String> {
    let by_key: HashMap<(&str, Split), &Task> = ds
        .tasks
        .iter()
        .map(|t| ((t.id.as_str(), t.split), t))
        .collect();
    results
        .tasks
        .iter()
        .map(|t| {
            let task = by_key
                .get(&(t.id.as_str(), t.split))
                .copied()
                .ok_or_else(|| {
                    format!(
                        "{}: task {} ({}) of the results is not there",
                        ds.source.display(),
                        t.id,
                        t.split
                    )
                })?;
            if task.train.len() != t.demo_pairs
                || task.test.len() != t.test_pairs
                || t.attempts.len() != t.test_pairs
            {
                return Err(format!(
                    "{}: task {} ({}) has {} demonstration and {} test pairs, the results {} and {}",
                    task.file.display(),
                    t.id,
                    t.split,
                    task.train.len(),
                    task.test.len(),
                    t.demo_pairs,
                    t.test_pairs
                ));
            }
            Ok(task)
        })
        .collect()
}

/// The data of the report of `results`, whose tasks are in `ds`, with the
/// lanes of `lines` (a run's `outputs.jsonl`) when given.
pub fn page<'a>(
    results: &'a Results,
    ds: &'a Dataset,
    lines: Option<LaneLines<'_>>,
) -> Result<Page<'a>, String> {
    let tasks = tasks_of(results, ds)?;
    let index: HashMap<&str, usize> = results
        .programs
        .iter()
        .enumerate()
        .map(|(k, p)| (p.name.as_str(), k))
        .collect();
    let find = |task: &str, name: &str| {
        index.get(name).copied().ok_or_else(|| {
            format!("results.json: task {task} names {name}, which is not among its programs")
        })
    };
    let mut lanes: Vec<TaskLanes> = match lines {
        Some(lines) => lanes::read(lines, results, &tasks)?,
        None => Vec::new(),
    };
    let note = lines.map(|_| LanesNote {
        programs_per_task: MAX_PROGRAMS_PER_TASK,
        max_text: repr::MAX_TEXT,
        left_out: lanes.iter().map(|l| l.left_out).sum(),
    });
    let mut transfers: Vec<Vec<usize>> = vec![Vec::new(); results.programs.len()];
    let mut views = Vec::with_capacity(results.tasks.len());
    for (k, (result, task)) in results.tasks.iter().zip(&tasks).enumerate() {
        let solvers = result
            .solvers
            .iter()
            .map(|name| find(&result.id, name))
            .collect::<Result<Vec<usize>, String>>()?;
        for &p in &solvers {
            if results.programs[p].task != result.id {
                transfers[p].push(k);
            }
        }
        let test_solvers = result
            .test_solvers
            .iter()
            .map(|name| find(&result.id, name))
            .collect::<Result<Vec<usize>, String>>()?;
        let best_partial = result
            .best_partial
            .iter()
            .map(|m| Ok((find(&result.id, &m.program)?, m.demo_matches)))
            .collect::<Result<Vec<_>, String>>()?;
        let demos = task
            .train
            .iter()
            .map(|pair| DemoView {
                input: Rows(&pair.input),
                output: pair.output.as_ref().map(Rows),
            })
            .collect();
        let mut tests = Vec::with_capacity(task.test.len());
        for (t, (pair, attempts)) in task.test.iter().zip(&result.attempts).enumerate() {
            let programs = result.attempt_programs.get(t);
            let attempt = |slot: usize, grid: &'a Grid| -> Result<AttemptView<'a>, String> {
                let program = match programs.and_then(|p| p[slot].as_deref()) {
                    Some(name) => Some(find(&result.id, name)?),
                    None => None,
                };
                Ok(AttemptView {
                    grid: Rows(grid),
                    program,
                    correct: pair.output.as_ref().map(|want| want == grid),
                })
            };
            tests.push(TestView {
                input: Rows(&pair.input),
                expected: pair.output.as_ref().map(Rows),
                attempts: [
                    attempt(0, &attempts.attempt_1)?,
                    attempt(1, &attempts.attempt_2)?,
                ],
            });
        }
        let shown = lanes.get_mut(k).map(std::mem::take).unwrap_or_default();
        views.push(TaskView {
            id: &result.id,
            split: result.split,
            solvers,
            test_solvers,
            best_partial,
            test_correct: &result.test_correct,
            demos,
            tests,
            lanes: shown.programs.into_iter().map(lane_view).collect(),
            lanes_left_out: shown.left_out,
        });
    }
    Ok(Page {
        generator: format!("batt-runtime {}", env!("CARGO_PKG_VERSION")),
        dataset: &results.dataset,
        run: &results.run,
        schema: &results.schema,
        summary: &results.summary,
        timing: results.timing.as_ref(),
        skipped: &results.skipped,
        palette: PALETTE
            .iter()
            .map(|&(hex, name)| Colour { hex, name })
            .collect(),
        programs: results
            .programs
            .iter()
            .zip(transfers)
            .enumerate()
            .map(|(p, (stats, transfers))| ProgramView {
                stats,
                transfers,
                cost: results
                    .costs
                    .as_ref()
                    .and_then(|c| c.programs.get(p))
                    .filter(|c| c.name == stats.name),
            })
            .collect(),
        tasks: views,
        lanes: note,
    })
}

fn lane_view(lanes: lanes::ProgramLanes) -> LaneView {
    let view = |values: Vec<Option<Shown>>| {
        values
            .into_iter()
            .map(|v| {
                v.map(|v| match v {
                    Shown::Grid(g) => ShownView::Grid(g),
                    Shown::Text(t) => ShownView::Text(t),
                    Shown::Failed => ShownView::Failed,
                })
            })
            .collect()
    };
    LaneView {
        program: lanes.program,
        demo_matches: lanes.demo_matches,
        demos: view(lanes.demos),
        tests: view(lanes.tests),
    }
}

/// The page of `data`: the template with the palette's CSS and the data
/// (JSON in which `<` is escaped, so no text in it can end the script).
pub fn html(data: &Page<'_>) -> Result<String, String> {
    let json = serde_json::to_string(data).map_err(|e| format!("the report's data: {e}"))?;
    let json = json.replace('<', "\\u003c");
    let css: String = PALETTE
        .iter()
        .enumerate()
        .map(|(k, (hex, _))| format!(".c{k}{{background:{hex}}}"))
        .collect();
    let mut out = String::with_capacity(TEMPLATE.len() + json.len() + css.len());
    let mut rest = TEMPLATE;
    for (marker, text) in [
        (PALETTE_MARKER, css.as_str()),
        (DATA_MARKER, json.as_str()),
        (SOLO_MARKER, &SOLO_CELL_PX.to_string()),
    ] {
        let (before, after) = rest
            .split_once(marker)
            .ok_or_else(|| format!("the report's template lacks {marker}"))?;
        out.push_str(before);
        out.push_str(text);
        rest = after;
    }
    out.push_str(rest);
    Ok(out)
}

/// `report.html` of `results`, whose tasks are in `ds`, with the lanes of
/// `lines` when given.
pub fn render(
    results: &Results,
    ds: &Dataset,
    lines: Option<LaneLines<'_>>,
) -> Result<String, String> {
    html(&page(results, ds, lines)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::SplitFilter;
    use crate::dataset::{Format, Pair};
    use crate::results::{Attempts, PartialMatch, RESULTS_SCHEMA, TaskResult, summarise};
    use crate::run::Pairing;

    fn g(rows: &[&[i8]]) -> Grid {
        Grid::from_rows(rows).unwrap()
    }

    fn task(id: &str) -> Task {
        Task {
            id: id.to_owned(),
            split: Split::Training,
            file: format!("tasks/training/{id}.json").into(),
            train: vec![
                Pair {
                    input: g(&[&[1, 2]]),
                    output: Some(g(&[&[2, 1]])),
                },
                Pair {
                    input: g(&[&[3, 4]]),
                    output: Some(g(&[&[4, 3]])),
                },
            ],
            test: vec![Pair {
                input: g(&[&[5, 6]]),
                output: Some(g(&[&[6, 5]])),
            }],
        }
    }

    fn stats(name: &str, task: &str) -> ProgramStats {
        ProgramStats {
            lanes: 6,
            lanes_failed: 0,
            name: name.to_owned(),
            samples_solved: 3,
            steps_failed: 0,
            task: task.to_owned(),
        }
    }

    /// Two tasks, `a` and `b`, which `solve_a` solves both (so it transfers
    /// to `b`); on `b` the second attempt is the test input.
    fn run() -> (Results, Dataset) {
        let ds = Dataset {
            source: "tasks".into(),
            format: Format::TaskFiles,
            tasks: vec![task("a"), task("b")],
            problems: Vec::new(),
        };
        let result = |id: &str, second: Option<&str>| TaskResult {
            attempt_programs: vec![[Some("solve_a".to_owned()), second.map(str::to_owned)]],
            attempts: vec![Attempts {
                attempt_1: g(&[&[6, 5]]),
                attempt_2: g(&[&[5, 6]]),
            }],
            best_partial: vec![PartialMatch {
                demo_matches: 1,
                program: "solve_b".to_owned(),
            }],
            demo_pairs: 2,
            id: id.to_owned(),
            solvers: vec!["solve_a".to_owned()],
            split: Split::Training,
            test_correct: vec![Some(true)],
            test_pairs: 1,
            test_solvers: vec!["solve_a".to_owned()],
        };
        let tasks = vec![result("a", Some("solve_b")), result("b", None)];
        let programs = vec![stats("solve_a", "a"), stats("solve_b", "b")];
        let results = Results {
            costs: None,
            dataset: "tasks".to_owned(),
            differs: Vec::new(),
            summary: summarise(&tasks, &programs, 0),
            programs,
            refused: Vec::new(),
            run: RunIdentity {
                card_sha256: "c".repeat(64),
                dataset_sha256: crate::fingerprint::dataset(&ds),
                dataset_tasks: 2,
                pairing: Pairing::All,
                partial: None,
                shard: None,
                split: SplitFilter::All,
            },
            schema: RESULTS_SCHEMA.to_owned(),
            skipped: Vec::new(),
            tasks,
            timing: None,
        };
        (results, ds)
    }

    #[test]
    fn the_template_has_each_marker_once() {
        for marker in [PALETTE_MARKER, DATA_MARKER, SOLO_MARKER] {
            assert_eq!(TEMPLATE.matches(marker).count(), 1, "{marker}");
        }
    }

    #[test]
    fn programs_transfer_to_the_tasks_other_than_their_own_that_they_solve() {
        let (results, ds) = run();
        let page = page(&results, &ds, None).unwrap();
        assert_eq!(page.programs[0].transfers, [1], "solve_a solves b too");
        assert!(page.programs[1].transfers.is_empty());
        assert_eq!(page.tasks[0].best_partial, [(1, 1)]);
        assert!(page.lanes.is_none());
    }

    #[test]
    fn attempts_name_their_programs_and_whether_they_are_right() {
        let (results, ds) = run();
        let page = page(&results, &ds, None).unwrap();
        let programs: Vec<[Option<usize>; 2]> = page
            .tasks
            .iter()
            .map(|t| {
                [
                    t.tests[0].attempts[0].program,
                    t.tests[0].attempts[1].program,
                ]
            })
            .collect();
        assert_eq!(programs, [[Some(0), Some(1)], [Some(0), None]]);
        let correct: Vec<Option<bool>> = page.tasks[0].tests[0]
            .attempts
            .iter()
            .map(|a| a.correct)
            .collect();
        assert_eq!(correct, [Some(true), Some(false)]);
    }

    #[test]
    fn no_text_in_the_data_can_end_its_script() {
        let (mut results, ds) = run();
        results.dataset = "</script><script>alert(1)</script>".to_owned();
        let html = render(&results, &ds, None).unwrap();
        assert_eq!(html.matches("</script>").count(), 3);
        assert!(html.contains(r#"\u003c/script>\u003cscript>alert(1)"#));
    }

    #[test]
    fn lanes_of_the_tasks_programs_are_read_from_outputs_jsonl() {
        let (results, ds) = run();
        let line = |task: &str, kind: &str, index: usize, program: &str, value: Option<&str>| {
            let value = value.map_or("null".to_owned(), |v| format!("{v:?}"));
            format!(
                r#"{{"index":{index},"kind":"{kind}","program":"{program}","split":"training","task":"{task}","value":{value}}}"#
            )
        };
        let text = [
            line("a", "train", 0, "solve_a", Some("((2, 1),)")),
            line("a", "train", 1, "solve_a", Some("((4, 3),)")),
            line("a", "test", 0, "solve_a", Some("((6, 5),)")),
            line("a", "train", 0, "solve_b", Some("frozenset()")),
            line("a", "train", 1, "solve_b", None),
            line("a", "test", 0, "solve_b", Some("((5, 6),)")),
        ]
        .join("\n");
        let page = page(&results, &ds, Some(LaneLines::Text(&text))).unwrap();
        let lanes = &page.tasks[0].lanes;
        assert_eq!(lanes.len(), 2);
        assert_eq!((lanes[0].program, lanes[0].demo_matches), (0, 2));
        assert!(
            matches!(&lanes[0].demos[1], Some(ShownView::Grid(grid)) if *grid == g(&[&[4, 3]]))
        );
        assert!(matches!(&lanes[1].demos[0], Some(ShownView::Text(t)) if t == "frozenset()"));
        assert!(matches!(&lanes[1].demos[1], Some(ShownView::Failed)));
        assert!(
            page.tasks[1]
                .lanes
                .iter()
                .all(|l| l.demos.iter().all(Option::is_none))
        );

        let stranger = line("c", "train", 0, "solve_a", None);
        let message = super::page(&results, &ds, Some(LaneLines::Text(&stranger))).unwrap_err();
        assert_eq!(
            message,
            "outputs.jsonl:1: task c (training) is not in results.json: the file is not this run's"
        );
        let beyond = line("a", "train", 2, "solve_a", None);
        let message = super::page(&results, &ds, Some(LaneLines::Text(&beyond))).unwrap_err();
        assert_eq!(
            message,
            "outputs.jsonl:1: task a has 2 train pairs, not a pair 2: the file is not this run's"
        );
        let message = super::page(&results, &ds, Some(LaneLines::Text("{"))).unwrap_err();
        assert!(
            message.starts_with("outputs.jsonl:1: not a line of outputs.jsonl: "),
            "{message}"
        );
    }

    #[test]
    fn other_tasks_are_refused_saying_which_the_run_used() {
        let (results, mut ds) = run();
        check_tasks(&results, &ds).unwrap();
        ds.tasks[1].test[0].output = Some(g(&[&[0, 0]]));
        let message = check_tasks(&results, &ds).unwrap_err();
        assert!(
            message.starts_with("tasks: not the tasks the run evaluated (2 tasks, SHA-256 "),
            "{message}"
        );
        assert!(
            message.ends_with(
                "were loaded from tasks with --split all): pass those with --data and --split"
            ),
            "{message}"
        );
    }
}

//! What a run produces from its lane values: the per-task results
//! (`results.json`, schema in docs/results.md), the Kaggle
//! `submission.json`, every lane's value on request, the merge of shards,
//! and the human summary.
//!
//! [`score`] turns the lane values into per-task results: the programs that
//! solve every demonstration pair, which of them also solve the test pairs,
//! the best partial matches, and two attempts per test input ranked by
//! demonstration matches. [`write_outputs`] writes `results.json`,
//! `submission.json` and, on request, every lane's value, each atomically.

use std::fs;
use std::path::Path;
use std::time::Duration;

use serde_json::{Value as J, json};

use crate::batt::Program;
use crate::dataset::{Dataset, SampleKind};
use crate::dsl::Value;
use crate::grid::{Grid, MAX_SIDE};
use crate::run::{Pairing, SampleEval, paired};

/// The version of the `results.json` schema.
pub const RESULTS_SCHEMA: &str = "batt.results/1";

/// Where the time went.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timing {
    /// Loading the data and the card.
    pub load: Duration,
    /// Building the lanes' inputs.
    pub prepare: Duration,
    /// Evaluating.
    pub evaluate: Duration,
    /// Scoring.
    pub score: Duration,
    /// Writing the outputs.
    pub write: Duration,
}

/// A grid a submission can hold: 1..=30 a side, colours 0..=9.
fn as_answer(v: &Value) -> Option<Grid> {
    let g = crate::dsl::shape::grid(v).ok()?;
    let ok = (1..=MAX_SIDE).contains(&g.height())
        && (1..=MAX_SIDE).contains(&g.width())
        && g.cells().iter().all(|&c| (0..=9).contains(&c));
    ok.then(|| g.into_owned())
}

/// Scores evaluated samples into `results.json` (without timing).
pub fn score(
    programs: &[Program],
    differs: &[&str],
    ds: &Dataset,
    evals: &[SampleEval],
    pairing: Pairing,
    shard: Option<(usize, usize)>,
) -> J {
    let mut samples_solved = vec![0u64; programs.len()];
    let mut steps_failed = vec![0u64; programs.len()];
    let mut lanes = vec![0u64; programs.len()];
    let mut lanes_failed = vec![0u64; programs.len()];
    let mut tasks_json = Vec::new();
    let mut by_task: Vec<(usize, Vec<&SampleEval>)> = Vec::new();
    for e in evals {
        match by_task.last_mut() {
            Some((t, list)) if *t == e.task => list.push(e),
            _ => by_task.push((e.task, vec![e])),
        }
    }
    for (t, list) in by_task {
        let task = &ds.tasks[t];
        let mine: Vec<usize> = (0..programs.len())
            .filter(|&p| paired(pairing, &programs[p].task, task))
            .collect();
        let mut demo_matches = vec![0usize; programs.len()];
        let mut test_matches = vec![0usize; programs.len()];
        let mut test_outputs: Vec<Vec<Option<Value>>> = vec![Vec::new(); task.test.len()];
        let mut differ_sums = vec![vec![0i64; differs.len()]; programs.len()];
        for e in &list {
            let pair = match e.kind {
                SampleKind::Demo => &task.train[e.index],
                SampleKind::Test => &task.test[e.index],
            };
            let expected = pair.output.clone().map(Value::grid);
            for &p in &mine {
                lanes[p] += 1;
                let value = e
                    .output
                    .as_ref()
                    .and_then(|o| o.o.get(p))
                    .map(|(_, v)| v.clone());
                match e.output.as_ref() {
                    Some(o) => steps_failed[p] += u64::from(o.failed.get(p).copied().unwrap_or(0)),
                    None => lanes_failed[p] += 1,
                }
                let solved = value.is_some() && value == expected;
                if solved {
                    samples_solved[p] += 1;
                    match e.kind {
                        SampleKind::Demo => demo_matches[p] += 1,
                        SampleKind::Test => test_matches[p] += 1,
                    }
                }
                if e.kind == SampleKind::Test
                    && let Some(slot) = test_outputs.get_mut(e.index)
                {
                    slot.push(value);
                }
            }
            if e.kind == SampleKind::Demo
                && let Some(o) = &e.output
            {
                for (p, d, score) in &o.s {
                    if let (Some(row), Some(n)) = (differ_sums.get_mut(*p), score.as_int()) {
                        row[*d] += n;
                    }
                }
            }
        }
        let n_demos = task.train.len();
        let n_tests_known = task.test.iter().filter(|p| p.output.is_some()).count();
        let solvers: Vec<usize> = mine
            .iter()
            .copied()
            .filter(|&p| demo_matches[p] == n_demos)
            .collect();
        let test_solvers: Vec<&str> = solvers
            .iter()
            .filter(|&&p| n_tests_known > 0 && test_matches[p] == n_tests_known)
            .map(|&p| &*programs[p].name)
            .collect();
        // Rank: demonstration matches (more first), then the sum of the
        // differ scores on the demonstrations (less first), then program order.
        let mut ranked = mine.clone();
        ranked.sort_by_key(|&p| {
            (
                std::cmp::Reverse(demo_matches[p]),
                differ_sums[p].iter().sum::<i64>(),
                p,
            )
        });
        let best_partial: Vec<J> = ranked
            .iter()
            .filter(|&&p| demo_matches[p] > 0 && demo_matches[p] < n_demos)
            .take(3)
            .map(|&p| json!({"program": programs[p].name, "demo_matches": demo_matches[p]}))
            .collect();
        let mut attempts = Vec::new();
        let mut correct = Vec::new();
        for (k, pair) in task.test.iter().enumerate() {
            let mut picked: Vec<Grid> = Vec::new();
            for &p in &ranked {
                let slot = mine.iter().position(|&q| q == p);
                let value = slot.and_then(|s| {
                    test_outputs
                        .get(k)
                        .and_then(|o| o.get(s))
                        .cloned()
                        .flatten()
                });
                if let Some(g) = value.as_ref().and_then(as_answer)
                    && !picked.contains(&g)
                {
                    picked.push(g);
                }
                if picked.len() == 2 {
                    break;
                }
            }
            while picked.len() < 2 {
                picked.push(pair.input.clone());
            }
            correct.push(pair.output.as_ref().map(|want| picked.contains(want)));
            attempts.push(json!({"attempt_1": picked[0], "attempt_2": picked[1]}));
        }
        tasks_json.push(json!({
            "id": task.id,
            "split": task.split.name(),
            "demo_pairs": n_demos,
            "test_pairs": task.test.len(),
            "solvers": solvers.iter().map(|&p| &*programs[p].name).collect::<Vec<_>>(),
            "test_solvers": test_solvers,
            "best_partial": best_partial,
            "attempts": attempts,
            "test_correct": correct,
        }));
    }
    let program_json: Vec<J> = programs
        .iter()
        .enumerate()
        .map(|(p, program)| {
            json!({"name": program.name, "task": program.task, "lanes": lanes[p], "samples_solved": samples_solved[p],
                   "steps_failed": steps_failed[p], "lanes_failed": lanes_failed[p]})
        })
        .collect();
    let mut results = json!({
        "schema": RESULTS_SCHEMA,
        "dataset": ds.source.display().to_string(),
        "pairing": match pairing { Pairing::All => "all", Pairing::Own => "own" },
        "shard": shard.map(|(k, n)| json!([k, n])),
        "programs": program_json,
        "differs": differs,
        "tasks": tasks_json,
        "skipped": ds.errors().map(ToString::to_string).collect::<Vec<_>>(),
    });
    results["summary"] = summarise(&results);
    results
}

/// The overall figures, derived from the per-task results (so that merged
/// shards give the same summary as one run).
pub fn summarise(results: &J) -> J {
    let empty = Vec::new();
    let tasks = results["tasks"].as_array().unwrap_or(&empty);
    let mut solved_demo = 0;
    let mut solved_test = 0;
    let mut pairs_known = 0;
    let mut pairs_correct = 0;
    let mut kaggle = 0.0;
    let mut kaggle_tasks = 0;
    for t in tasks {
        if t["solvers"].as_array().is_some_and(|a| !a.is_empty()) {
            solved_demo += 1;
        }
        if t["test_solvers"].as_array().is_some_and(|a| !a.is_empty()) {
            solved_test += 1;
        }
        let flags: Vec<bool> = t["test_correct"]
            .as_array()
            .unwrap_or(&empty)
            .iter()
            .filter_map(J::as_bool)
            .collect();
        if !flags.is_empty() {
            pairs_known += flags.len();
            let right = flags.iter().filter(|&&b| b).count();
            pairs_correct += right;
            kaggle += right as f64 / flags.len() as f64;
            kaggle_tasks += 1;
        }
    }
    let lanes: u64 = results["programs"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .filter_map(|p| p["lanes"].as_u64())
        .sum();
    json!({
        "tasks": tasks.len(),
        "lanes": lanes,
        "tasks_solved_demo": solved_demo,
        "tasks_solved_demo_and_test": solved_test,
        "test_pairs_with_output": pairs_known,
        "test_pairs_correct_two_attempts": pairs_correct,
        "test_accuracy": (pairs_known > 0).then(|| pairs_correct as f64 / pairs_known as f64),
        "kaggle_score": (kaggle_tasks > 0).then(|| kaggle / kaggle_tasks as f64),
        "skipped_tasks": results["skipped"].as_array().map_or(0, Vec::len),
    })
}

/// `submission.json` from results: `{task: [{"attempt_1": grid, "attempt_2": grid}, ...]}`.
pub fn submission(results: &J) -> J {
    let mut out = serde_json::Map::new();
    for t in results["tasks"].as_array().into_iter().flatten() {
        if let Some(id) = t["id"].as_str() {
            out.insert(id.to_owned(), t["attempts"].clone());
        }
    }
    J::Object(out)
}

/// Writes `text` to `path` atomically (a temporary file renamed into place).
pub fn write_atomic(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    fs::write(&tmp, text).map_err(|e| format!("{}: {e}", tmp.display()))?;
    fs::rename(&tmp, path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Every lane's value as JSON lines: task, sample, program, value (its repr).
pub fn dump_outputs(
    programs: &[Program],
    ds: &Dataset,
    evals: &[SampleEval],
    pairing: Pairing,
) -> String {
    let mut out = String::new();
    for e in evals {
        let task = &ds.tasks[e.task];
        for (p, program) in programs.iter().enumerate() {
            if !paired(pairing, &program.task, task) {
                continue;
            }
            let value = e
                .output
                .as_ref()
                .and_then(|o| o.o.get(p))
                .map(|(_, v)| v.to_string());
            let line = json!({"task": task.id, "kind": e.kind.key(), "index": e.index, "program": program.name, "value": value});
            out.push_str(&line.to_string());
            out.push('\n');
        }
    }
    out
}

/// Writes `results.json` (with timing), `submission.json` and, when asked,
/// `outputs.jsonl` into `dir`.
pub fn write_outputs(dir: &Path, results: &J, dump: Option<&str>) -> Result<(), String> {
    let text = serde_json::to_string_pretty(results).map_err(|e| e.to_string())?;
    write_atomic(&dir.join("results.json"), &text)?;
    let sub = serde_json::to_string(&submission(results)).map_err(|e| e.to_string())?;
    write_atomic(&dir.join("submission.json"), &sub)?;
    if let Some(lines) = dump {
        write_atomic(&dir.join("outputs.jsonl"), lines)?;
    }
    Ok(())
}

/// Joins the `results.json` of shards into the results of the whole run.
pub fn merge(parts: &[J]) -> Result<J, String> {
    let first = parts.first().ok_or("no shard results to merge")?;
    let mut tasks: Vec<J> = Vec::new();
    let mut programs = first["programs"].clone();
    let mut skipped: Vec<J> = Vec::new();
    for (k, part) in parts.iter().enumerate() {
        if part["schema"] != first["schema"]
            || part["pairing"] != first["pairing"]
            || part["differs"] != first["differs"]
        {
            return Err(format!("shard {k} was not made by the same run settings"));
        }
        let names = |r: &J| -> Vec<J> {
            r["programs"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| p["name"].clone())
                .collect()
        };
        if names(part) != names(first) {
            return Err(format!("shard {k} ran a different card"));
        }
        tasks.extend(part["tasks"].as_array().cloned().unwrap_or_default());
        for s in part["skipped"].as_array().into_iter().flatten() {
            if !skipped.contains(s) {
                skipped.push(s.clone());
            }
        }
        if k > 0
            && let Some(list) = programs.as_array_mut()
        {
            for (p, q) in list
                .iter_mut()
                .zip(part["programs"].as_array().into_iter().flatten())
            {
                for key in ["lanes", "samples_solved", "steps_failed", "lanes_failed"] {
                    let sum = p[key].as_u64().unwrap_or(0) + q[key].as_u64().unwrap_or(0);
                    p[key] = json!(sum);
                }
            }
        }
    }
    tasks.sort_by(|a, b| {
        (a["id"].as_str(), a["split"].as_str()).cmp(&(b["id"].as_str(), b["split"].as_str()))
    });
    let mut results = json!({
        "schema": first["schema"],
        "dataset": first["dataset"],
        "pairing": first["pairing"],
        "shard": J::Null,
        "programs": programs,
        "differs": first["differs"],
        "tasks": tasks,
        "skipped": skipped,
    });
    results["summary"] = summarise(&results);
    Ok(results)
}

/// The human summary: overall figures, timing, and the best programs.
pub fn summary_table(results: &J, timing: &Timing) -> String {
    use std::fmt::Write as _;
    let s = &results["summary"];
    let mut out = String::new();
    let pct = |v: &J| {
        v.as_f64()
            .map_or("unknown".to_owned(), |x| format!("{:.1}%", 100.0 * x))
    };
    let rows = [
        ("tasks", s["tasks"].to_string()),
        ("lanes (program, sample)", s["lanes"].to_string()),
        (
            "tasks solved on all demonstrations",
            s["tasks_solved_demo"].to_string(),
        ),
        (
            "tasks solved on demonstrations + test",
            s["tasks_solved_demo_and_test"].to_string(),
        ),
        ("test accuracy (two attempts)", pct(&s["test_accuracy"])),
        ("Kaggle score", pct(&s["kaggle_score"])),
        ("tasks skipped (bad data)", s["skipped_tasks"].to_string()),
    ];
    for (name, value) in rows {
        let _ = writeln!(out, "{name:<40} {value:>10}");
    }
    let _ = writeln!(out, "\n{:<10} {:>9}", "time", "seconds");
    for (name, d) in [
        ("load", timing.load),
        ("prepare", timing.prepare),
        ("evaluate", timing.evaluate),
        ("score", timing.score),
        ("write", timing.write),
    ] {
        let _ = writeln!(out, "{name:<10} {:>9.2}", d.as_secs_f64());
    }
    let mut progs: Vec<&J> = results["programs"]
        .as_array()
        .into_iter()
        .flatten()
        .collect();
    progs.sort_by_key(|p| std::cmp::Reverse(p["samples_solved"].as_u64().unwrap_or(0)));
    let _ = writeln!(
        out,
        "\n{:<24} {:>15} {:>13}",
        "program", "samples solved", "steps failed"
    );
    for p in progs.iter().take(10) {
        let _ = writeln!(
            out,
            "{:<24} {:>15} {:>13}",
            p["name"].as_str().unwrap_or(""),
            p["samples_solved"].to_string(),
            p["steps_failed"].to_string()
        );
    }
    out
}

/// Timing as JSON.
pub fn timing_json(t: &Timing) -> J {
    json!({
        "load_s": t.load.as_secs_f64(),
        "prepare_s": t.prepare.as_secs_f64(),
        "evaluate_s": t.evaluate.as_secs_f64(),
        "score_s": t.score.as_secs_f64(),
        "write_s": t.write.as_secs_f64(),
    })
}

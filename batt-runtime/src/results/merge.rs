//! The merge of shards: the results of `all-tasks --shard k/n` runs joined
//! into those of the whole run, refusing whatever does not belong.
//!
//! Shards belong together when their runs' identities differ only in the
//! shard: the same tasks (the dataset's fingerprint and task count), splits,
//! card, pairing and shard count `n`, and the same schema. Each shard may
//! come once, must hold exactly the tasks its shard of the dataset holds,
//! and no task may be in two. A merge of all `n` shards has the identity
//! of the whole run and equals its results; a merge lacking shards is
//! refused, or, when the caller allows it, marked partial with the shards
//! missing ([`super::Partial`]).

use std::collections::BTreeMap;

use super::{Partial, ProgramStats, Results, TaskResult, cli_name, summarise};
use crate::dataset::Split;

/// Why shards do not merge; each names the shard (by the label the caller
/// gave it, the directory for the command line) that does not belong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    /// Nothing was given.
    #[error("no shard results to merge")]
    Nothing,
    /// A whole run's results, or a merge's, among shards.
    #[error(
        "{shard}: the results of a whole run or of a merge, not of a shard: \
         merge joins the outputs of `all-tasks --shard K/N` runs"
    )]
    NotAShard {
        /// The shard's label.
        shard: String,
    },
    /// A shard of another run.
    #[error(
        "{shard}: {what} is not {first}'s ({theirs} here, {ours} there): \
         shards of one run share their tasks, splits, card, pairing and shard count"
    )]
    OtherRun {
        /// The shard's label.
        shard: String,
        /// The label of the first shard, whose run the others must share.
        first: String,
        /// What differs.
        what: &'static str,
        /// Its value in this shard.
        theirs: String,
        /// Its value in the first.
        ours: String,
    },
    /// The same shard twice.
    #[error("{shard}: shard {k}/{n} again, already given as {first}")]
    SameShard {
        /// The shard's label.
        shard: String,
        /// The label of the shard given first.
        first: String,
        /// `k` of `k/n`.
        k: usize,
        /// `n` of `k/n`.
        n: usize,
    },
    /// A shard holding other tasks than its share of the dataset.
    #[error(
        "{shard}: holds {found} tasks, but shard {k}/{n} of the dataset's {total} tasks holds {expected}"
    )]
    TaskCount {
        /// The shard's label.
        shard: String,
        /// The tasks it holds.
        found: usize,
        /// The tasks its shard of the dataset holds.
        expected: usize,
        /// `k` of `k/n`.
        k: usize,
        /// `n` of `k/n`.
        n: usize,
        /// The dataset's tasks.
        total: usize,
    },
    /// A task in two shards.
    #[error("{shard}: task {id} ({split}) is also in {first}")]
    SharedTask {
        /// The shard's label.
        shard: String,
        /// The label of the shard holding it too.
        first: String,
        /// The task's id.
        id: String,
        /// The task's split.
        split: Split,
    },
    /// Shards missing, and the caller does not allow a partial merge.
    #[error(
        "{partial} (given: {}): merge all {} shards, \
         or pass --allow-partial to write a result marked partial",
        given.join(", "),
        partial.shards
    )]
    Missing {
        /// The shards missing.
        partial: Partial,
        /// The labels of the shards given.
        given: Vec<String>,
    },
}

/// A fingerprint, shortened for a message.
fn short(sha: &str) -> String {
    sha.chars().take(12).collect()
}

/// Joins the results of shards, each with a label naming it in errors, into
/// the results of the whole run; refuses shards that do not belong together
/// (see the module documentation). With `allow_partial`, missing shards
/// make the result partial instead of an error.
pub fn merge(parts: &[(String, Results)], allow_partial: bool) -> Result<Results, MergeError> {
    let (first_label, first) = parts.first().ok_or(MergeError::Nothing)?;
    let mut given: BTreeMap<usize, &str> = BTreeMap::new();
    let mut homes: BTreeMap<(&str, Split), &str> = BTreeMap::new();
    let mut n = 0;
    for (label, part) in parts {
        let Some((k, count)) = part.run.shard else {
            return Err(MergeError::NotAShard {
                shard: label.clone(),
            });
        };
        let other_run = |what: &'static str, theirs: String, ours: String| MergeError::OtherRun {
            shard: label.clone(),
            first: first_label.clone(),
            what,
            theirs,
            ours,
        };
        let (a, b) = (&part.run, &first.run);
        if part.schema != first.schema {
            return Err(other_run(
                "the schema",
                part.schema.clone(),
                first.schema.clone(),
            ));
        }
        if a.dataset_sha256 != b.dataset_sha256 || a.dataset_tasks != b.dataset_tasks {
            return Err(other_run(
                "the dataset (the SHA-256 of its tasks)",
                format!("{} tasks, {}", a.dataset_tasks, short(&a.dataset_sha256)),
                format!("{} tasks, {}", b.dataset_tasks, short(&b.dataset_sha256)),
            ));
        }
        if a.split != b.split {
            return Err(other_run(
                "the split",
                cli_name(&a.split),
                cli_name(&b.split),
            ));
        }
        let names =
            |r: &Results| -> Vec<String> { r.programs.iter().map(|p| p.name.clone()).collect() };
        if a.card_sha256 != b.card_sha256
            || names(part) != names(first)
            || part.differs != first.differs
        {
            return Err(other_run(
                "the card (the SHA-256 of its programs, differs and steps)",
                format!(
                    "{}, {} programs",
                    short(&a.card_sha256),
                    part.programs.len()
                ),
                format!(
                    "{}, {} programs",
                    short(&b.card_sha256),
                    first.programs.len()
                ),
            ));
        }
        if a.pairing != b.pairing {
            return Err(other_run(
                "the pairing",
                cli_name(&a.pairing),
                cli_name(&b.pairing),
            ));
        }
        if let Some((_, first_count)) = b.shard
            && count != first_count
        {
            return Err(other_run(
                "the shard count",
                count.to_string(),
                first_count.to_string(),
            ));
        }
        n = count;
        if let Some(seen) = given.insert(k, label) {
            return Err(MergeError::SameShard {
                shard: label.clone(),
                first: seen.to_owned(),
                k,
                n,
            });
        }
        let expected = part.run.expected_tasks();
        if part.tasks.len() != expected {
            return Err(MergeError::TaskCount {
                shard: label.clone(),
                found: part.tasks.len(),
                expected,
                k,
                n,
                total: part.run.dataset_tasks,
            });
        }
        for t in &part.tasks {
            if let Some(seen) = homes.insert((&t.id, t.split), label) {
                return Err(MergeError::SharedTask {
                    shard: label.clone(),
                    first: seen.to_owned(),
                    id: t.id.clone(),
                    split: t.split,
                });
            }
        }
    }
    let missing: Vec<usize> = (0..n).filter(|k| !given.contains_key(k)).collect();
    if !missing.is_empty() && !allow_partial {
        return Err(MergeError::Missing {
            partial: Partial { missing, shards: n },
            given: parts.iter().map(|(label, _)| label.clone()).collect(),
        });
    }

    let mut tasks: Vec<TaskResult> = Vec::new();
    let mut programs: Vec<ProgramStats> = first.programs.clone();
    let mut skipped: Vec<String> = Vec::new();
    for (k, (_, part)) in parts.iter().enumerate() {
        tasks.extend(part.tasks.iter().cloned());
        for s in &part.skipped {
            if !skipped.contains(s) {
                skipped.push(s.clone());
            }
        }
        if k > 0 {
            for (p, q) in programs.iter_mut().zip(&part.programs) {
                p.lanes += q.lanes;
                p.samples_solved += q.samples_solved;
                p.steps_failed += q.steps_failed;
                p.lanes_failed += q.lanes_failed;
            }
        }
    }
    // The dataset's order: by id, then split (training first), so that a
    // task id in two splits keeps both, in the order one run has them.
    tasks.sort_by(|a, b| (a.id.as_str(), a.split).cmp(&(b.id.as_str(), b.split)));
    let mut run = first.run.clone();
    run.shard = None;
    run.partial = (!missing.is_empty()).then_some(Partial { missing, shards: n });
    // Costs add up when every shard recorded them.
    let costs = parts
        .iter()
        .map(|(_, r)| r.costs.clone())
        .reduce(|a, b| match (a, b) {
            (Some(a), Some(b)) => Some(a.add(&b)),
            _ => None,
        })
        .flatten();
    Ok(Results {
        costs,
        dataset: first.dataset.clone(),
        differs: first.differs.clone(),
        summary: summarise(&tasks, &programs, skipped.len()),
        programs,
        refused: first.refused.clone(),
        run,
        schema: first.schema.clone(),
        skipped,
        tasks,
        timing: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::SplitFilter;
    use crate::results::tests::{shard, task};
    use crate::results::{RESULTS_SCHEMA, Summary, submission};
    use crate::run::Pairing;

    fn labelled(parts: Vec<Results>) -> Vec<(String, Results)> {
        parts
            .into_iter()
            .enumerate()
            .map(|(k, r)| (format!("s{k}"), r))
            .collect()
    }

    #[test]
    fn merge_sums_programs_sorts_tasks_and_summarises_again() {
        let merged = merge(
            &labelled(vec![
                shard(0, vec![task("b", true)]),
                shard(1, vec![task("a", false)]),
            ]),
            false,
        )
        .unwrap();
        assert_eq!(merged.run.shard, None);
        assert_eq!(merged.run.partial, None);
        let ids: Vec<&str> = merged.tasks.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(merged.programs[0].lanes, 6);
        assert_eq!(merged.programs[1].steps_failed, 4);
        assert_eq!(merged.skipped.len(), 1, "a task skipped by both is one");
        assert_eq!(
            merged.summary,
            Summary {
                kaggle_score: Some(0.5),
                lanes: 12,
                skipped_tasks: 1,
                tasks: 2,
                tasks_solved_demo: 1,
                tasks_solved_demo_and_test: 0,
                test_accuracy: Some(0.5),
                test_pairs_correct_two_attempts: 1,
                test_pairs_with_output: 2,
            }
        );
        assert_eq!(submission(&merged).keys().collect::<Vec<_>>(), ["a", "b"]);
        // Each task keeps the programs of its attempts.
        let programs: Vec<&[Option<String>; 2]> = merged
            .tasks
            .iter()
            .map(|t| &t.attempt_programs[0])
            .collect();
        assert_eq!(
            programs,
            [
                &[Some("solve_a".to_owned()), None],
                &[Some("solve_b".to_owned()), None]
            ]
        );
    }

    /// The message of merging `s0` (shard 0/2 holding task a) with `other`.
    fn refusal(other: Results) -> String {
        let base = shard(0, vec![task("a", true)]);
        merge(&labelled(vec![base, other]), true)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn merge_refuses_shards_of_other_runs_naming_the_shard() {
        let other = || shard(1, vec![task("b", true)]);
        let mut schema = other();
        schema.schema = "batt.results/0".to_owned();
        assert_eq!(
            refusal(schema),
            format!(
                "s1: the schema is not s0's (batt.results/0 here, {RESULTS_SCHEMA} there): \
                 shards of one run share their tasks, splits, card, pairing and shard count"
            )
        );
        let mut tasks = other();
        tasks.run.dataset_sha256 = "ff".repeat(32);
        let message = refusal(tasks);
        assert!(
            message.starts_with("s1: the dataset (the SHA-256 of its tasks) is not s0's (2 tasks, ffffffffffff here, 2 tasks, 000000000000 there)"),
            "{message}"
        );
        let mut split = other();
        split.run.split = SplitFilter::Training;
        assert!(refusal(split).starts_with("s1: the split is not s0's (training here, all there)"),);
        let mut pairing = other();
        pairing.run.pairing = Pairing::Own;
        assert!(refusal(pairing).starts_with("s1: the pairing is not s0's (own here, all there)"));
        let mut count = other();
        count.run.shard = Some((1, 3));
        assert!(refusal(count).starts_with("s1: the shard count is not s0's (3 here, 2 there)"),);
        let card = "s1: the card (the SHA-256 of its programs, differs and steps) is not s0's";
        let mut fingerprint = other();
        fingerprint.run.card_sha256 = "ee".repeat(32);
        let mut renamed = other();
        renamed.programs[1].name = "solve_c".to_owned();
        let mut fewer = other();
        fewer.programs.pop();
        let mut differs = other();
        differs.differs = vec!["differ_shape".to_owned()];
        for other in [fingerprint, renamed, fewer, differs] {
            let message = refusal(other);
            assert!(message.starts_with(card), "{message}");
        }
        assert_eq!(merge(&[], false), Err(MergeError::Nothing));
    }

    #[test]
    fn merge_refuses_the_same_shard_twice_overlaps_and_wrong_task_counts() {
        assert_eq!(
            refusal(shard(0, vec![task("b", true)])),
            "s1: shard 0/2 again, already given as s0"
        );
        assert_eq!(
            refusal(shard(1, vec![task("a", true)])),
            "s1: task a (training) is also in s0"
        );
        assert_eq!(
            refusal(shard(1, vec![task("b", true), task("c", true)])),
            "s1: holds 2 tasks, but shard 1/2 of the dataset's 2 tasks holds 1"
        );
        assert_eq!(
            refusal(shard(1, Vec::new())),
            "s1: holds 0 tasks, but shard 1/2 of the dataset's 2 tasks holds 1"
        );
    }

    #[test]
    fn merge_refuses_a_whole_run_among_shards() {
        let mut whole = shard(1, vec![task("b", true)]);
        whole.run.shard = None;
        assert_eq!(
            refusal(whole),
            "s1: the results of a whole run or of a merge, not of a shard: \
             merge joins the outputs of `all-tasks --shard K/N` runs"
        );
    }

    #[test]
    fn missing_shards_are_refused_unless_a_partial_result_is_allowed() {
        let only = labelled(vec![shard(1, vec![task("b", true)])]);
        let message = merge(&only, false).unwrap_err().to_string();
        assert_eq!(
            message,
            "shard 0/2 missing (given: s0): merge all 2 shards, \
             or pass --allow-partial to write a result marked partial"
        );
        let partial = merge(&only, true).unwrap();
        assert_eq!(
            partial.run.partial,
            Some(Partial {
                missing: vec![0],
                shards: 2
            })
        );
        assert_eq!(partial.run.shard, None);
        assert_eq!(partial.tasks.len(), 1);
        // A partial merge is not a shard: it does not merge again.
        let again = vec![
            ("partial".to_owned(), partial),
            ("s0".to_owned(), shard(0, vec![task("a", true)])),
        ];
        assert!(matches!(
            merge(&again, true),
            Err(MergeError::NotAShard { shard }) if shard == "partial"
        ));
    }

    #[test]
    fn a_task_id_in_two_splits_stays_two_tasks_in_dataset_order() {
        let mut evaluation = task("a", false);
        evaluation.split = Split::Evaluation;
        evaluation.attempts[0].attempt_1 = crate::grid::Grid::filled(1, 1, 7).unwrap();
        let merged = merge(
            &labelled(vec![
                shard(0, vec![evaluation]),
                shard(1, vec![task("a", true)]),
            ]),
            false,
        )
        .unwrap();
        let keys: Vec<(&str, Split)> = merged
            .tasks
            .iter()
            .map(|t| (t.id.as_str(), t.split))
            .collect();
        assert_eq!(keys, [("a", Split::Training), ("a", Split::Evaluation)]);
        // The submission keeps the first split's attempts.
        assert_eq!(submission(&merged)["a"], merged.tasks[0].attempts);
    }
}

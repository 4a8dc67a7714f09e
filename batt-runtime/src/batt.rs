//! What a card's `batt()` works with: samples, outputs, and the helpers
//! that generated code and the interpreter share, so that both give the
//! same values.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

pub use batt_gen::catalogue::SafeDefault;

use crate::dataset::{Sample as DataSample, Task};
use crate::dsl::{self, Callable, Ctx, Prim, Result, Value};

/// The inputs of one lane: the task's demonstration pairs `S`, the sample's
/// input `I`, and, where known, its expected output `C`.
#[derive(Debug, Clone)]
pub struct Sample {
    /// The demonstration pairs as a tuple of `(input, output)` tuples.
    pub s: Value,
    /// The input grid.
    pub i: Value,
    /// The expected output, when the dataset has it.
    pub c: Option<Value>,
}

impl Sample {
    /// The lane inputs of a dataset sample; `demos` is [`demos`] of its task.
    pub fn new(demos: &Value, sample: &DataSample<'_>) -> Sample {
        Sample {
            s: demos.clone(),
            i: Value::grid(sample.pair.input.clone()),
            c: sample.pair.output.clone().map(Value::grid),
        }
    }
}

/// A task's demonstration pairs as the DSL sees them (`S`).
pub fn demos(task: &Task) -> Value {
    Value::tuple(
        task.train
            .iter()
            .map(|p| {
                let output = p
                    .output
                    .clone()
                    .map_or_else(Value::empty_tuple, Value::grid);
                Value::tuple(vec![Value::grid(p.input.clone()), output])
            })
            .collect(),
    )
}

/// A solver of a card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Program {
    /// Its name, `solve_<task>`.
    pub name: Cow<'static, str>,
    /// The task it was written for.
    pub task: Cow<'static, str>,
}

impl Program {
    /// A solver whose name and task are known at compile time.
    pub const fn new(name: &'static str, task: &'static str) -> Program {
        Program {
            name: Cow::Borrowed(name),
            task: Cow::Borrowed(task),
        }
    }
}

/// What one `batt()` call returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BattOutput {
    /// Each solver's output: (program id, value).
    pub o: Vec<(usize, Value)>,
    /// Each differ's score of each solver output, when the expected output
    /// is known: (program id, differ id, value).
    pub s: Vec<(usize, usize, Value)>,
    /// Each solver's number of failed steps, by program id.
    pub failed: Vec<u32>,
}

/// A compiled differ: `(S, I = a solver's output, C) -> (score, failed steps)`.
pub type Differ = fn(&Value, &Value, &Value, &mut Ctx) -> (Value, u32);

/// The value of an absent parameter.
pub static NO_VALUE: LazyLock<Value> = LazyLock::new(Value::empty_tuple);

/// The value a failed step takes.
pub fn default_value(d: SafeDefault) -> Value {
    match d {
        SafeDefault::Zero => Value::Int(0),
        SafeDefault::False => Value::Bool(false),
        SafeDefault::EmptyTuple => Value::empty_tuple(),
        SafeDefault::EmptySet => Value::empty_set(),
        SafeDefault::EmptyCallable => EMPTY_CALLABLE.clone(),
    }
}

/// `rbind(lbind(branch, F), ())`: a callable of one argument returning `()`.
static EMPTY_CALLABLE: LazyLock<Value> = LazyLock::new(|| {
    let branch = Prim::from_name("branch").map_or(Value::None, Prim::value);
    let lbound = Value::func(Callable::Lbind {
        function: branch,
        fixed: Value::Bool(false),
        arity: 2,
    });
    Value::func(Callable::Rbind {
        function: lbound,
        fixed: Value::empty_tuple(),
        arity: 1,
    })
});

/// A step's value: its result, or its safe default with the step marked
/// failed. A result beyond the lane's limits of nesting and size
/// (`Value::within_limits`) fails too: no step's value can be too deep to
/// drop, hash, compare or print.
pub fn settle(result: Result<Value>, failed: &mut bool, default: SafeDefault) -> Value {
    match result.and_then(|v| v.within_limits().map(|_| v)) {
        Ok(v) => v,
        Err(_) => {
            *failed = true;
            default_value(default)
        }
    }
}

/// How many of `steps` failed.
pub fn count_failed(failed: &[bool], steps: &[usize]) -> u32 {
    steps
        .iter()
        .filter(|&&k| failed.get(k).copied().unwrap_or(false))
        .count() as u32
}

/// The primitives named, as values (`None` for a name the DSL lacks, which
/// a test rules out).
pub fn prim_values(names: &[&str]) -> Vec<Value> {
    names
        .iter()
        .map(|n| dsl::named(n).unwrap_or(Value::None))
        .collect()
}

/// Every differ's score of every solver output, when the sample's expected
/// output is known.
pub fn score_differs(
    o: &[(usize, Value)],
    sample: &Sample,
    ctx: &mut Ctx,
    differs: &[Differ],
) -> Vec<(usize, usize, Value)> {
    score_outputs(o, sample, ctx, |out, c, ctx| {
        differs
            .iter()
            .map(|differ| differ(&sample.s, out, c, ctx).0)
            .collect()
    })
}

/// (program, differ, score) for every solver output, with `score(output,
/// C, ctx)` giving every differ's score of one output. A differ is a
/// function of `(S, I, C)`, so outputs that are equal (solvers that agree,
/// or fail alike) are scored once. Empty when `C` is unknown.
pub fn score_outputs(
    o: &[(usize, Value)],
    sample: &Sample,
    ctx: &mut Ctx,
    mut score: impl FnMut(&Value, &Value, &mut Ctx) -> Vec<Value>,
) -> Vec<(usize, usize, Value)> {
    let Some(c) = &sample.c else {
        return Vec::new();
    };
    let mut seen: HashMap<&Value, Vec<Value>> = HashMap::new();
    let mut s = Vec::new();
    for (p, out) in o {
        let scores = seen.entry(out).or_insert_with(|| score(out, c, ctx));
        s.extend(scores.iter().enumerate().map(|(d, v)| (*p, d, v.clone())));
    }
    s
}

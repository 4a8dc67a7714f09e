//! What a card's `batt()` works with: samples, outputs, and the helpers
//! that generated code and the interpreter share, so that both give the
//! same values.

use std::borrow::Cow;
use std::sync::LazyLock;

pub use batt_gen::catalogue::SafeDefault;

use crate::dataset::{Sample as DataSample, Task};
use crate::dsl::error::MAX_LANE_BYTES;
use crate::dsl::value::FastMap;
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

/// A compiled differ: `(S, I = a solver's output, C) -> (score, failed
/// steps)`, with the values of its steps that do not read `I` kept across
/// the outputs of one sample ([`Fixed`]; a fresh one for each sample).
pub type Differ = fn(&Value, &Value, &Value, &mut Ctx, &mut Fixed) -> (Value, u32);

/// The settled values of a differ's steps that do not read `I`, kept from
/// the first output scored on a sample for its other outputs: such a step
/// reads only `S`, `C`, constants and steps like it, and a step's value
/// depends on nothing else (each step starts with its full budget and an
/// empty memo), so evaluating it once per sample changes no score. A
/// differ that counts the objects of `C` counted them again for every
/// distinct output of every sample.
#[derive(Debug, Clone, Default)]
pub struct Fixed(Vec<Option<(Value, bool)>>);

impl Fixed {
    /// The value of step `k`, which does not read `I`: the one kept, with
    /// its failure noted in `failed`, or `eval`'s (which settles it and
    /// notes its failure), kept for the next output.
    pub fn settle(
        &mut self,
        k: usize,
        failed: &mut bool,
        eval: impl FnOnce(&mut bool) -> Value,
    ) -> Value {
        if let Some(Some((value, was_failed))) = self.0.get(k) {
            *failed = *was_failed;
            return value.clone();
        }
        let value = eval(failed);
        if self.0.len() <= k {
            self.0.resize(k + 1, None);
        }
        self.0[k] = Some((value.clone(), *failed));
        value
    }
}

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
    settle_sized(result, failed, default).0
}

/// [`settle`], with the bytes the value takes.
pub(crate) fn settle_sized(
    result: Result<Value>,
    failed: &mut bool,
    default: SafeDefault,
) -> (Value, usize) {
    match result.and_then(|v| v.within_limits().map(|bytes| (v, bytes))) {
        Ok(sized) => sized,
        Err(_) => {
            *failed = true;
            let value = default_value(default);
            let bytes = value.within_limits().unwrap_or(0);
            (value, bytes)
        }
    }
}

/// The lanes of one sample's evaluation: which steps still run, and what
/// each program's lane holds.
///
/// A program's lane holds the values of its steps evaluated so far. When
/// that passes [`MAX_LANE_BYTES`], the program stops: its later steps run
/// only where another program still needs them, its output is its output
/// step's safe default and all its steps count as failed. The sum reads
/// only the program's own steps, in step order, so whether a program stops
/// is the same whatever other programs are evaluated with it (any pairing,
/// backend or card that shares its steps).
#[derive(Debug)]
pub struct Lanes<'a> {
    /// By step: whether a running program needs it.
    need: Vec<bool>,
    /// By program: wanted and not stopped.
    running: Vec<bool>,
    /// By program: wanted and stopped on the limit.
    stopped: Vec<bool>,
    /// By program: the bytes its lane holds.
    held: Vec<usize>,
    /// By program: its steps, ascending.
    program_steps: &'a [&'a [usize]],
    /// By step: the programs that need it.
    step_programs: &'a [&'a [usize]],
}

impl<'a> Lanes<'a> {
    /// The lanes of the programs marked in `wanted`, for a graph of
    /// `steps` steps.
    pub fn new(
        wanted: &[bool],
        steps: usize,
        program_steps: &'a [&'a [usize]],
        step_programs: &'a [&'a [usize]],
    ) -> Lanes<'a> {
        let mut need = vec![false; steps];
        for (&w, p_steps) in wanted.iter().zip(program_steps) {
            if w {
                for &k in *p_steps {
                    if let Some(n) = need.get_mut(k) {
                        *n = true;
                    }
                }
            }
        }
        let running: Vec<bool> = (0..program_steps.len())
            .map(|p| wanted.get(p).copied().unwrap_or(false))
            .collect();
        Lanes {
            need,
            stopped: vec![false; running.len()],
            held: vec![0; running.len()],
            running,
            program_steps,
            step_programs,
        }
    }

    /// Whether step `k` runs.
    pub fn needs(&self, k: usize) -> bool {
        self.need.get(k).copied().unwrap_or(false)
    }

    /// Whether program `p` stopped on its lane's limit.
    pub fn stopped(&self, p: usize) -> bool {
        self.stopped.get(p).copied().unwrap_or(false)
    }

    /// Step `k`'s value, as [`settle`] gives it, held in the lanes of the
    /// running programs that need it; a program whose lane passes the
    /// limit stops. The step's cost is recorded in `ctx` when it records.
    pub fn settle(
        &mut self,
        k: usize,
        result: Result<Value>,
        failed: &mut bool,
        default: SafeDefault,
        ctx: &mut Ctx,
    ) -> Value {
        ctx.record_step(k);
        let (value, bytes) = settle_sized(result, failed, default);
        let programs = self.step_programs.get(k).copied().unwrap_or(&[]);
        for &p in programs {
            if !self.running[p] {
                continue;
            }
            self.held[p] = self.held[p].saturating_add(bytes);
            if self.held[p] > MAX_LANE_BYTES {
                self.stop(p, k);
            }
        }
        value
    }

    /// Stops program `p` after step `k`: its later steps run only where a
    /// running program needs them.
    fn stop(&mut self, p: usize, k: usize) {
        self.running[p] = false;
        self.stopped[p] = true;
        for &j in self.program_steps[p].iter().filter(|&&j| j > k) {
            let still = self
                .step_programs
                .get(j)
                .is_some_and(|ps| ps.iter().any(|&q| self.running[q]));
            self.need[j] = still;
        }
    }

    /// Program `p`'s output and failed-step count: `value` and the steps
    /// that failed, or, when it stopped, the safe default `default` and
    /// all its steps.
    pub fn output(
        &self,
        p: usize,
        value: impl FnOnce() -> Value,
        default: SafeDefault,
        failed: &[bool],
    ) -> (Value, u32) {
        let steps = self.program_steps.get(p).copied().unwrap_or(&[]);
        if self.stopped(p) {
            stopped_output(default, steps)
        } else {
            (value(), count_failed(failed, steps))
        }
    }
}

/// The output and failed-step count of a program stopped on its lane's
/// limit: its output step's safe default `default`, all its `steps` failed.
pub fn stopped_output(default: SafeDefault, steps: &[usize]) -> (Value, u32) {
    (default_value(default), steps.len() as u32)
}

/// By step, the programs whose steps include it (the reverse of
/// `program_steps`).
pub fn step_programs(program_steps: &[&[usize]], steps: usize) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); steps];
    for (p, p_steps) in program_steps.iter().enumerate() {
        for &k in *p_steps {
            if let Some(list) = out.get_mut(k) {
                list.push(p);
            }
        }
    }
    out
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
    let mut fixed = vec![Fixed::default(); differs.len()];
    score_outputs(o, sample, ctx, differs.len(), |out, c, ctx| {
        differs
            .iter()
            .zip(&mut fixed)
            .map(|(differ, fixed)| differ(&sample.s, out, c, ctx, fixed).0)
            .collect()
    })
}

/// (program, differ, score) for every solver output, with `score(output,
/// C, ctx)` giving each of the `differs` scores of one output. A differ is
/// a function of `(S, I, C)`, so outputs that are equal (solvers that
/// agree, or fail alike) are scored once. Empty when `C` is unknown or
/// there are no differs (no output is hashed then).
pub fn score_outputs(
    o: &[(usize, Value)],
    sample: &Sample,
    ctx: &mut Ctx,
    differs: usize,
    mut score: impl FnMut(&Value, &Value, &mut Ctx) -> Vec<Value>,
) -> Vec<(usize, usize, Value)> {
    let Some(c) = &sample.c else {
        return Vec::new();
    };
    if differs == 0 {
        return Vec::new();
    }
    let mut seen: FastMap<&Value, Vec<Value>> = FastMap::default();
    let mut s = Vec::new();
    for (p, out) in o {
        let scores = seen.entry(out).or_insert_with(|| score(out, c, ctx));
        s.extend(scores.iter().enumerate().map(|(d, v)| (*p, d, v.clone())));
    }
    s
}

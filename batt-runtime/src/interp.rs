//! The interpreter: cards given at run time, as a [`Card`] like any other.
//!
//! Loading a card compiles its text (parse, check, lower), then prepares
//! every graph once: callees resolved to the primitives' functions, names
//! of primitives and constants resolved to values, operands as slots in a
//! value array, and steps whose operands are all known at load time
//! (`rbind(add, ONE)`, `compose(f, g)`, ...) evaluated once, with their
//! failure, instead of on every sample (constant folding; a step's value
//! and failure do not depend on anything else, since each step starts with
//! the full budget). The card's step-major plan is made at load time, as
//! the library's is on first use.
//!
//! Evaluation is the generated `batt()`'s: the same steps in the same
//! order, through the same primitive functions, defaults and per-step
//! budgets, evaluating only the steps the wanted solvers need; a test
//! checks both give identical values on every sample.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use batt_gen::ir::{self, Callee, Graph, Operand, Param, ProgramKind};

use batt_gen::schedule::Schedule;
use batt_gen::step_kernels::StepPlan;

use crate::batt::{
    Fixed, Lanes, NO_VALUE, Program, SafeDefault, Sample, count_failed, score_outputs, settle,
    settle_sized, step_programs, stopped_output,
};
use crate::card::{Card, Outputs};
use crate::dsl::callable::call_refs;
use crate::dsl::dialect::version::{self, Version};
use crate::dsl::error::MAX_LANE_BYTES;
use crate::dsl::{Ctx, DslError, Prim, Value, call, with_refs};

/// A card compiled from text at run time.
#[derive(Debug)]
pub struct Interpreter {
    programs: Vec<Program>,
    differ_names: Vec<Cow<'static, str>>,
    solvers: Plan,
    differs: Vec<Plan>,
    dialect: Version,
    /// The solvers' steps in launches over all samples.
    schedule: Schedule,
    /// Each differ's.
    differ_schedules: Vec<Schedule>,
    /// The solvers on the step-major engine's kernels.
    step_plan: StepPlan,
}

/// A graph prepared for evaluation.
#[derive(Debug)]
struct Plan {
    steps: Vec<PlanStep>,
    /// Each program's value.
    outputs: Vec<Arg>,
    /// The steps each program depends on, ascending.
    program_steps: Vec<Vec<usize>>,
    /// The programs each step's value goes into.
    step_programs: Vec<Vec<usize>>,
    /// The safe default of each program's output.
    output_defaults: Vec<SafeDefault>,
    /// The primitive each step calls (`call` for a callable value).
    callees: Vec<&'static str>,
    /// Whether each step's value depends on `I` ([`Graph::reads_input`]).
    reads_input: Vec<bool>,
}

/// What loading cards at run time left out or warned about.
#[derive(Debug, Clone, Default)]
pub struct LoadReport {
    /// The programs left out for their errors.
    pub refused: Vec<batt_gen::lenient::Refusal>,
    /// How many programs were left out as duplicates of an earlier one.
    pub duplicates: usize,
    /// The rendered errors of the programs left out, and the warnings
    /// (empty when there are none).
    pub diagnostics: String,
}

/// Collects the `.py` files under `dir`, recursively; directories reached
/// through a link are not entered (a link loop cannot trap the walk).
pub(crate) fn card_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
        let path = entry.path();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            card_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "py") {
            out.push(path);
        }
    }
    Ok(())
}

/// How a card file's programs are named from its path: the group (the
/// `<x>` of the nearest directory above it named `solve_<x>` or
/// `differ_<x>`) and the variant (its stem).
fn path_naming(path: &Path) -> (Option<String>, String) {
    let group = path
        .parent()
        .into_iter()
        .flat_map(Path::components)
        .filter_map(|c| c.as_os_str().to_str())
        .filter_map(|c| {
            c.strip_prefix("solve_")
                .or_else(|| c.strip_prefix("differ_"))
        })
        .next_back()
        .map(str::to_owned);
    let variant = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    (group, variant)
}

/// A step prepared for evaluation.
#[derive(Debug)]
struct PlanStep {
    call: Call,
    args: Vec<Arg>,
    default: SafeDefault,
}

/// What a step does.
#[derive(Debug)]
enum Call {
    /// Calls a primitive (its arity checked at load time).
    Prim(Prim),
    /// Calls a callable value.
    Value(Arg),
    /// Known at load time: the call's result, and the step's value.
    Folded(crate::dsl::Result<Value>, Value),
    /// A call that cannot succeed (a primitive given the wrong number of
    /// arguments, which the checker rules out).
    Fail(DslError),
}

/// An operand prepared for evaluation.
#[derive(Debug, Clone)]
enum Arg {
    /// A parameter.
    Param(Param),
    /// The value of an earlier step.
    Step(usize),
    /// A value known at load time (a primitive, a constant, an integer, or
    /// a folded step).
    Value(Value),
}

/// The parameters a graph's operands read.
struct Params<'a> {
    s: &'a Value,
    i: &'a Value,
    c: &'a Value,
}

impl Interpreter {
    /// Compiles the cards at `path` strictly: any error refuses the whole
    /// card (see [`Interpreter::load`]).
    pub fn from_path(path: &Path) -> Result<Interpreter, String> {
        Interpreter::load(path, true).map(|(interp, _)| interp)
    }

    /// Compiles one card file's `text` strictly, `name` being the file's
    /// name in its diagnostics; the error is the rendered diagnostics.
    pub fn from_text(name: &str, text: &str) -> Result<Interpreter, String> {
        let card =
            batt_gen::compile(&[batt_gen::Source { name, text }]).map_err(|d| d.to_string())?;
        Interpreter::new(&card)
    }

    /// Compiles the cards at `path`: a `.py` file, or every `.py` file
    /// under a directory, recursively, in path order (solver directories
    /// as tokpidjin writes them, `solve_<task>/<score>/<t>/<md5>.py`,
    /// included: programs are named from their paths, see
    /// [`batt_gen::lenient`]). Without `strict`, each program with an
    /// error is left out and reported in the [`LoadReport`]; with it, any
    /// error refuses the card. Errors come rendered with their places.
    /// Cards that would run nothing are refused, naming the path: a
    /// directory without a `.py` file, and cards without a solver (an
    /// empty file, only helpers or differs, or every solver refused).
    pub fn load(path: &Path, strict: bool) -> Result<(Interpreter, LoadReport), String> {
        Interpreter::load_with(path, strict, &batt_gen::Options::default())
    }

    /// [`Interpreter::load`] with compile options (the dialect version, see
    /// [`batt_gen::dialect::Version`]).
    pub fn load_with(
        path: &Path,
        strict: bool,
        options: &batt_gen::Options,
    ) -> Result<(Interpreter, LoadReport), String> {
        let files: Vec<PathBuf> = if path.is_dir() {
            let mut files = Vec::new();
            card_files(path, &mut files)?;
            files.sort();
            if files.is_empty() {
                return Err(format!(
                    "{}: no card files (`*.py`) in this directory or under it, so there is nothing to run",
                    path.display()
                ));
            }
            files
        } else {
            vec![path.to_path_buf()]
        };
        let texts = files
            .iter()
            .map(|f| {
                let not_a_file = std::fs::metadata(f)
                    .map_err(|e| e.to_string())
                    .and_then(|m| {
                        m.is_file().then_some(()).ok_or_else(|| {
                            "not a regular file (a card file is read whole)".to_owned()
                        })
                    });
                not_a_file
                    .and_then(|()| std::fs::read_to_string(f).map_err(|e| e.to_string()))
                    .map(|t| (f.display().to_string(), t))
                    .map_err(|e| format!("{}: {e}", f.display()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let namings: Vec<(Option<String>, String)> = files
            .iter()
            .map(|f| {
                path_naming(if f == path {
                    f
                } else {
                    f.strip_prefix(path).unwrap_or(f)
                })
            })
            .collect();
        let inputs: Vec<batt_gen::lenient::Input<'_>> = texts
            .iter()
            .zip(&namings)
            .map(
                |((name, text), (group, variant))| batt_gen::lenient::Input {
                    source: batt_gen::Source { name, text },
                    naming: batt_gen::lenient::Naming::Path {
                        group: group.as_deref(),
                        variant,
                    },
                },
            )
            .collect();
        let compiled = batt_gen::lenient::compile(&inputs, strict, options)
            .map_err(|d| format!("the cards have errors:\n{}", d.render()))?;
        let report = LoadReport {
            refused: compiled.refused,
            duplicates: compiled.duplicates,
            diagnostics: if compiled.diagnostics.is_empty() {
                String::new()
            } else {
                compiled.diagnostics.render()
            },
        };
        let card = compiled.card;
        if card.solvers.programs.is_empty() {
            return Err(format!(
                "{}: no solver in {} (a program named `solve_<task>`){}, so there is nothing to run{}{}",
                path.display(),
                if files.len() == 1 {
                    "this card file"
                } else {
                    "these card files"
                },
                match report.refused.len() {
                    0 => String::new(),
                    n => format!(" after leaving out {n} programs with errors"),
                },
                if card.differs.is_empty() {
                    ""
                } else {
                    " (differs alone score nothing)"
                },
                if report.diagnostics.is_empty() {
                    String::new()
                } else {
                    format!(":\n{}", report.diagnostics)
                }
            ));
        }
        Ok((Interpreter::new(&card)?, report))
    }

    /// Prepares a compiled card.
    pub fn new(card: &ir::Card) -> Result<Interpreter, String> {
        // Steps folded at load time are evaluated as the card reads them.
        let _version = version::enter(card.dialect);
        let programs = card
            .solvers
            .programs
            .iter()
            .map(|p| Program {
                name: Cow::Owned(p.name.clone()),
                task: Cow::Owned(match &p.kind {
                    ProgramKind::Solver { task } => task.clone(),
                    ProgramKind::Differ => String::new(),
                }),
            })
            .collect();
        let differ_names = card
            .differs
            .iter()
            .filter_map(|g| g.programs.first().map(|p| Cow::Owned(p.name.clone())))
            .collect();
        let schedule = Schedule::of(&card.solvers);
        let solvers = Plan::new(&card.solvers)?;
        let step_plan = crate::backend::folded::plan(card, &schedule, &solvers.folded_values())?;
        Ok(Interpreter {
            programs,
            differ_names,
            solvers,
            differs: card
                .differs
                .iter()
                .map(Plan::new)
                .collect::<Result<_, _>>()?,
            dialect: card.dialect,
            step_plan,
            schedule,
            differ_schedules: card.differs.iter().map(Schedule::of).collect(),
        })
    }

    /// The solvers on the step-major engine's kernels: which kernel each
    /// step calls and which programs run there (see
    /// [`batt_gen::step_kernels`]).
    pub fn step_plan(&self) -> &StepPlan {
        &self.step_plan
    }

    /// The solvers' schedule: their steps in launches over all samples
    /// (see [`batt_gen::schedule`]).
    pub fn schedule(&self) -> &Schedule {
        &self.schedule
    }

    /// The wanted solvers' outputs and failed-step counts on each of
    /// `samples`, as [`Card::outputs`] gives them one sample at a time,
    /// evaluated step-major: launch by launch of the card's
    /// [`Schedule`], each step over every sample before the next, the
    /// values held in the schedule's slots (one per sample) and dropped
    /// after their last reader. This is the order of the device engine,
    /// evaluated on the host.
    ///
    /// Each step starts from `ctx`'s full budget, as in `batt()`, so a
    /// step's value does not depend on the order. A lane stops on its
    /// limit exactly as [`Lanes`] stops it, since that depends only on the
    /// sizes of its own steps' values: here all its steps run, and the
    /// lane is stopped at the end when their sizes add up past the limit.
    pub fn outputs_step_major(
        &self,
        samples: &[Sample],
        ctx: &mut Ctx,
        wanted: &[bool],
    ) -> Vec<Outputs> {
        self.outputs_step_major_timed(samples, ctx, wanted, &mut [])
    }

    /// [`Interpreter::outputs_step_major`], adding to `seconds` (one entry
    /// per launch of [`Interpreter::schedule`], fewer to time fewer) the
    /// wall time each launch took.
    pub fn outputs_step_major_timed(
        &self,
        samples: &[Sample],
        ctx: &mut Ctx,
        wanted: &[bool],
        seconds: &mut [f64],
    ) -> Vec<Outputs> {
        let _version = version::enter(self.dialect);
        let plan = &self.solvers;
        let schedule = &self.schedule;
        let steps = plan.steps.len();
        let mut need = vec![false; steps];
        for (p, p_steps) in plan.program_steps.iter().enumerate() {
            if wanted.get(p).copied().unwrap_or(false) {
                for &k in p_steps {
                    need[k] = true;
                }
            }
        }
        let params: Vec<Params<'_>> = samples
            .iter()
            .map(|s| Params {
                s: &s.s,
                i: &s.i,
                c: &NO_VALUE,
            })
            .collect();
        let StepMajor {
            slots,
            failed,
            bytes,
        } = plan.eval_step_major(schedule, &params, &need, None, ctx, seconds);
        (0..samples.len())
            .map(|j| {
                plan.outputs
                    .iter()
                    .zip(&plan.output_defaults)
                    .zip(&plan.program_steps)
                    .enumerate()
                    .map(|(p, ((out, &default), p_steps))| {
                        let held = p_steps
                            .iter()
                            .fold(0usize, |sum, &k| sum.saturating_add(bytes[j][k]));
                        let (value, count) =
                            if wanted.get(p).copied().unwrap_or(false) && held > MAX_LANE_BYTES {
                                stopped_output(default, p_steps)
                            } else {
                                let read = |i: usize| {
                                    if need[i] {
                                        in_slot(&slots, schedule, i, j)
                                    } else {
                                        &Value::None
                                    }
                                };
                                (
                                    out.value_with(read, &params[j]).clone(),
                                    count_failed(&failed[j], p_steps),
                                )
                            };
                        ((p, value), count)
                    })
                    .unzip()
            })
            .collect()
    }

    /// Every differ's score of every output in `o` (one list per sample of
    /// `samples`), as [`Card::score`] gives them one sample at a time,
    /// evaluated step-major: each differ's schedule over every lane, a lane
    /// being a distinct output of a sample (outputs that are equal are
    /// scored once, as in `score`), with `C` the sample's expected output.
    /// A differ's steps that do not read `I` (the objects of `C`) run once
    /// per sample, their values shared by the sample's lanes, as
    /// [`Fixed`] keeps them. Samples without an expected output get no
    /// scores.
    pub fn score_step_major(
        &self,
        o: &[Vec<(usize, Value)>],
        samples: &[Sample],
        ctx: &mut Ctx,
    ) -> Vec<Vec<(usize, usize, Value)>> {
        let _version = version::enter(self.dialect);
        // The lanes: each sample's distinct outputs, a sample's together.
        let mut lanes: Vec<Params<'_>> = Vec::new();
        let mut lane_sample: Vec<usize> = Vec::new();
        // By sample: the lane of each of its outputs.
        let mut lane_of: Vec<Vec<usize>> = Vec::with_capacity(samples.len());
        for (j, (sample, outputs)) in samples.iter().zip(o).enumerate() {
            let (Some(c), false) = (&sample.c, self.differs.is_empty()) else {
                lane_of.push(Vec::new());
                continue;
            };
            let mut seen: crate::dsl::value::FastMap<&Value, usize> = Default::default();
            lane_of.push(
                outputs
                    .iter()
                    .map(|(_, out)| {
                        *seen.entry(out).or_insert_with(|| {
                            lanes.push(Params {
                                s: &sample.s,
                                i: out,
                                c,
                            });
                            lane_sample.push(j);
                            lanes.len() - 1
                        })
                    })
                    .collect(),
            );
        }
        // By differ, by lane: the score.
        let scores: Vec<Vec<Value>> = self
            .differs
            .iter()
            .zip(&self.differ_schedules)
            .map(|(plan, schedule)| {
                let need = vec![true; plan.steps.len()];
                let result =
                    plan.eval_step_major(schedule, &lanes, &need, Some(&lane_sample), ctx, &mut []);
                (0..lanes.len())
                    .map(|l| {
                        plan.outputs.first().map_or(Value::None, |out| {
                            let read = |i: usize| in_slot(&result.slots, schedule, i, l);
                            out.value_with(read, &lanes[l]).clone()
                        })
                    })
                    .collect()
            })
            .collect();
        o.iter()
            .zip(&lane_of)
            .map(|(outputs, lane_of)| {
                outputs
                    .iter()
                    .zip(lane_of)
                    .flat_map(|((p, _), &l)| {
                        scores
                            .iter()
                            .enumerate()
                            .map(move |(d, by_lane)| (*p, d, by_lane[l].clone()))
                    })
                    .collect()
            })
            .collect()
    }

    /// The values of the steps folded at load time without failing, by
    /// step (`None` for the others) of `card`'s solvers, as the
    /// interpreter folds them.
    pub fn folded_values(card: &ir::Card) -> Result<Vec<Option<Value>>, String> {
        let _version = version::enter(card.dialect);
        Ok(Plan::new(&card.solvers)?.folded_values())
    }

    /// How many steps were evaluated at load time (constant folding).
    pub fn folded_steps(&self) -> usize {
        self.solvers
            .steps
            .iter()
            .filter(|s| matches!(s.call, Call::Folded(..)))
            .count()
    }
}

impl Card for Interpreter {
    fn programs(&self) -> &[Program] {
        &self.programs
    }

    fn differs(&self) -> &[Cow<'static, str>] {
        &self.differ_names
    }

    fn steps(&self) -> usize {
        self.solvers.steps.len()
    }

    fn program_steps(&self, program: usize) -> &[usize] {
        self.solvers
            .program_steps
            .get(program)
            .map_or(&[], Vec::as_slice)
    }

    fn step_callee(&self, k: usize) -> &'static str {
        self.solvers.callees.get(k).copied().unwrap_or("call")
    }

    fn outputs(&self, sample: &Sample, ctx: &mut Ctx, wanted: &[bool]) -> Outputs {
        let _version = version::enter(self.dialect);
        let params = Params {
            s: &sample.s,
            i: &sample.i,
            c: &NO_VALUE,
        };
        let plan = &self.solvers;
        let program_steps: Vec<&[usize]> = plan.program_steps.iter().map(Vec::as_slice).collect();
        let step_programs: Vec<&[usize]> = plan.step_programs.iter().map(Vec::as_slice).collect();
        let mut lanes = Lanes::new(wanted, plan.steps.len(), &program_steps, &step_programs);
        let (v, failed) = plan.eval(&params, ctx, Some(&mut lanes), None);
        let (values, counts): (Vec<Value>, Vec<u32>) = plan
            .outputs
            .iter()
            .zip(&plan.output_defaults)
            .enumerate()
            .map(|(p, (out, &default))| {
                lanes.output(p, || out.value(&v, &params).clone(), default, &failed)
            })
            .unzip();
        (values.into_iter().enumerate().collect(), counts)
    }

    fn score(
        &self,
        o: &[(usize, Value)],
        sample: &Sample,
        ctx: &mut Ctx,
    ) -> Vec<(usize, usize, Value)> {
        let _version = version::enter(self.dialect);
        let mut fixed = vec![Fixed::default(); self.differs.len()];
        score_outputs(o, sample, ctx, self.differs.len(), |out, c, ctx| {
            self.differs
                .iter()
                .zip(&mut fixed)
                .map(|(plan, fixed)| {
                    let params = Params {
                        s: &sample.s,
                        i: out,
                        c,
                    };
                    let (v, _) = plan.eval(&params, ctx, None, Some(fixed));
                    plan.outputs
                        .first()
                        .map_or(Value::None, |out| out.value(&v, &params).clone())
                })
                .collect()
        })
    }

    fn step_plan(&self) -> Option<&StepPlan> {
        Some(&self.step_plan)
    }

    fn dialect(&self) -> Version {
        self.dialect
    }
}

impl Plan {
    /// Prepares `graph`, folding the steps known at load time.
    /// The values of the steps folded without failing, by step.
    fn folded_values(&self) -> Vec<Option<Value>> {
        self.steps
            .iter()
            .map(|s| match &s.call {
                Call::Folded(Ok(_), value) => Some(value.clone()),
                _ => None,
            })
            .collect()
    }

    fn new(graph: &Graph) -> Result<Plan, String> {
        let mut steps: Vec<PlanStep> = Vec::with_capacity(graph.steps.len());
        for step in &graph.steps {
            let args: Vec<Arg> = step
                .args
                .iter()
                .map(|op| Arg::new(op, &steps))
                .collect::<Result<_, _>>()?;
            let call = match &step.callee {
                Callee::Prim(name) => {
                    let prim = Prim::from_name(name)
                        .ok_or_else(|| format!("the DSL has no primitive `{name}`"))?;
                    if usize::from(prim.arity()) == args.len() {
                        Call::Prim(prim)
                    } else {
                        Call::Fail(DslError::Arity {
                            expected: prim.arity(),
                            given: u8::try_from(args.len()).unwrap_or(u8::MAX),
                        })
                    }
                }
                Callee::Value(op) => Call::Value(Arg::new(op, &steps)?),
            };
            let mut step = PlanStep {
                call,
                args,
                default: step.default,
            };
            step.fold();
            steps.push(step);
        }
        let program_steps: Vec<Vec<usize>> =
            graph.programs.iter().map(|p| p.steps.clone()).collect();
        let views: Vec<&[usize]> = program_steps.iter().map(Vec::as_slice).collect();
        Ok(Plan {
            reads_input: graph.reads_input(),
            callees: graph
                .steps
                .iter()
                .map(|step| match &step.callee {
                    Callee::Prim(name) => *name,
                    Callee::Value(_) => "call",
                })
                .collect(),
            step_programs: step_programs(&views, steps.len()),
            output_defaults: graph
                .programs
                .iter()
                .map(|p| match p.output {
                    Operand::Step(k) => steps.get(k).map_or(SafeDefault::EmptyTuple, |s| s.default),
                    _ => SafeDefault::EmptyTuple,
                })
                .collect(),
            // An output reads its step's slot even when the step was folded,
            // so that a program not evaluated gives `None`, as compiled.
            outputs: graph
                .programs
                .iter()
                .map(|p| match p.output {
                    Operand::Step(k) => Ok(Arg::Step(k)),
                    ref op => Arg::new(op, &steps),
                })
                .collect::<Result<_, _>>()?,
            program_steps,
            steps,
        })
    }

    /// Evaluates the steps the lanes need (all, for a differ, without
    /// lanes): their values (`None` for a skipped step) and whether each
    /// failed. A differ's steps that do not read `I` are settled once per
    /// sample in `fixed` (see [`Fixed`]).
    fn eval(
        &self,
        params: &Params<'_>,
        ctx: &mut Ctx,
        mut lanes: Option<&mut Lanes<'_>>,
        mut fixed: Option<&mut Fixed>,
    ) -> (Vec<Value>, Vec<bool>) {
        let mut v: Vec<Value> = Vec::with_capacity(self.steps.len());
        let mut failed = vec![false; self.steps.len()];
        for (k, step) in self.steps.iter().enumerate() {
            if lanes.as_ref().is_some_and(|l| !l.needs(k)) {
                v.push(Value::None);
                continue;
            }
            if let Some(fixed) = fixed.as_deref_mut()
                && !self.reads_input.get(k).copied().unwrap_or(true)
            {
                let value = fixed.settle(k, &mut failed[k], |failed| {
                    settle(step.evaluate(&v, params, ctx), failed, step.default)
                });
                v.push(value);
                continue;
            }
            let result = step.evaluate(&v, params, ctx);
            let value = match lanes.as_deref_mut() {
                Some(lanes) => lanes.settle(k, result, &mut failed[k], step.default, ctx),
                None => settle(result, &mut failed[k], step.default),
            };
            v.push(value);
        }
        (v, failed)
    }
}

/// What a step-major evaluation leaves: by slot, each lane's value; by
/// lane and step, whether the step failed and its value's bytes.
struct StepMajor {
    slots: Vec<Vec<Value>>,
    failed: Vec<Vec<bool>>,
    bytes: Vec<Vec<usize>>,
}

/// Lane `l`'s value of step `k`, in the step's slot (`None` where the slot
/// holds nothing for it: a step not evaluated, which no evaluated step
/// reads).
fn in_slot<'a>(slots: &'a [Vec<Value>], schedule: &Schedule, k: usize, l: usize) -> &'a Value {
    schedule
        .slot
        .get(k)
        .and_then(|&s| slots.get(s as usize))
        .and_then(|column| column.get(l))
        .unwrap_or(&Value::None)
}

impl Plan {
    /// Evaluates the steps marked in `need` over `lanes`, launch by launch
    /// of `schedule` (this plan's), each step over every lane before the
    /// next. With `groups` (a group per lane, a group's lanes together),
    /// a step that does not read `I` is evaluated on a group's first lane
    /// and its value and failure given to the group's other lanes. Each
    /// launch's wall time is added to its entry of `seconds`, if any.
    fn eval_step_major(
        &self,
        schedule: &Schedule,
        lanes: &[Params<'_>],
        need: &[bool],
        groups: Option<&[usize]>,
        ctx: &mut Ctx,
        seconds: &mut [f64],
    ) -> StepMajor {
        let steps = self.steps.len();
        let mut slots: Vec<Vec<Value>> = vec![Vec::new(); schedule.slots as usize];
        let mut failed = vec![vec![false; steps]; lanes.len()];
        let mut bytes = vec![vec![0usize; steps]; lanes.len()];
        for (n, launch) in schedule.launches.iter().enumerate() {
            let started = (n < seconds.len()).then(std::time::Instant::now);
            for &k in launch.steps.iter().filter(|&&k| need[k]) {
                let step = &self.steps[k];
                let once = groups.filter(|_| !self.reads_input.get(k).copied().unwrap_or(true));
                let mut column: Vec<Value> = Vec::with_capacity(lanes.len());
                for (l, params) in lanes.iter().enumerate() {
                    if let Some(groups) = once
                        && l > 0
                        && groups[l] == groups[l - 1]
                    {
                        column.push(column[l - 1].clone());
                        (failed[l][k], bytes[l][k]) = (failed[l - 1][k], bytes[l - 1][k]);
                        continue;
                    }
                    let read = |i: usize| in_slot(&slots, schedule, i, l);
                    let result = step.evaluate_with(read, params, ctx);
                    let (value, size) = settle_sized(result, &mut failed[l][k], step.default);
                    bytes[l][k] = size;
                    column.push(value);
                }
                slots[schedule.slot[k] as usize] = column;
            }
            for &s in &launch.frees {
                slots[s as usize] = Vec::new();
            }
            if let (Some(started), Some(t)) = (started, seconds.get_mut(n)) {
                *t += started.elapsed().as_secs_f64();
            }
        }
        StepMajor {
            slots,
            failed,
            bytes,
        }
    }
}

impl PlanStep {
    /// Starts the step in `ctx` and evaluates it on the values `v` of the
    /// steps before it.
    fn evaluate(
        &self,
        v: &[Value],
        params: &Params<'_>,
        ctx: &mut Ctx,
    ) -> crate::dsl::Result<Value> {
        self.evaluate_with(|k| v.get(k).unwrap_or(&Value::None), params, ctx)
    }

    /// [`PlanStep::evaluate`], reading the value of step `k` from `step(k)`.
    fn evaluate_with<'a>(
        &'a self,
        step: impl Fn(usize) -> &'a Value,
        params: &'a Params<'_>,
        ctx: &mut Ctx,
    ) -> crate::dsl::Result<Value> {
        match &self.call {
            Call::Folded(result, _) => {
                // Nothing to evaluate: the step starts and ends here.
                ctx.step();
                result.clone()
            }
            Call::Fail(e) => {
                ctx.step();
                Err(*e)
            }
            // The arguments are borrowed where they live.
            Call::Prim(prim) => {
                let args = self.args.iter().map(|a| a.value_with(&step, params));
                with_refs(args, |args| (prim.def().by_ref)(ctx.step(), args))
            }
            Call::Value(f) => {
                let args = self.args.iter().map(|a| a.value_with(&step, params));
                with_refs(args, |args| {
                    call_refs(ctx.step(), f.value_with(&step, params), args)
                })
            }
        }
    }

    /// Evaluates the step now when every operand is known at load time.
    fn fold(&mut self) {
        let known = |a: &Arg| matches!(a, Arg::Value(_));
        let callee_known = match &self.call {
            Call::Prim(_) => true,
            Call::Value(f) => known(f),
            Call::Folded(..) | Call::Fail(_) => false,
        };
        if !callee_known || !self.args.iter().all(known) {
            return;
        }
        let args: Vec<Value> = self
            .args
            .iter()
            .filter_map(|a| match a {
                Arg::Value(v) => Some(v.clone()),
                _ => None,
            })
            .collect();
        let mut ctx = Ctx::default();
        let result = match &self.call {
            Call::Prim(prim) => prim.def().call(ctx.step(), &args),
            Call::Value(Arg::Value(f)) => call(ctx.step(), f, &args),
            _ => return,
        };
        let mut failed = false;
        let value = settle(result.clone(), &mut failed, self.default);
        self.call = Call::Folded(result, value);
    }
}

impl Arg {
    /// The prepared form of an operand; a step already folded is its value.
    fn new(op: &Operand, steps: &[PlanStep]) -> Result<Arg, String> {
        Ok(match op {
            Operand::Param(p) => Arg::Param(*p),
            Operand::Step(k) => match steps.get(*k).map(|s| &s.call) {
                Some(Call::Folded(_, value)) => Arg::Value(value.clone()),
                Some(_) => Arg::Step(*k),
                None => return Err(format!("step {k} is used before it is defined")),
            },
            Operand::Prim(name) => Arg::Value(
                Prim::from_name(name)
                    .ok_or_else(|| format!("the DSL has no primitive `{name}`"))?
                    .value(),
            ),
            Operand::Const(name) => Arg::Value(
                crate::dsl::constants::constant(name)
                    .ok_or_else(|| format!("the DSL has no constant `{name}`"))?,
            ),
            Operand::Int(n) => Arg::Value(Value::Int(*n)),
        })
    }

    fn value<'a>(&'a self, v: &'a [Value], params: &'a Params<'_>) -> &'a Value {
        self.value_with(|k| v.get(k).unwrap_or(&Value::None), params)
    }

    /// [`Arg::value`], reading the value of step `k` from `step(k)`.
    fn value_with<'a>(
        &'a self,
        step: impl Fn(usize) -> &'a Value,
        params: &'a Params<'_>,
    ) -> &'a Value {
        match self {
            Arg::Param(Param::S) => params.s,
            Arg::Param(Param::I) => params.i,
            Arg::Param(Param::C) => params.c,
            Arg::Step(k) => step(*k),
            Arg::Value(value) => value,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::Grid;

    fn interpreter(text: &str) -> Interpreter {
        Interpreter::from_text("card.py", text).unwrap_or_else(|e| panic!("{e}"))
    }

    fn sample() -> Sample {
        let grid = Grid::from_rows(&[[1i8, 2], [3, 4]]).unwrap_or_else(|e| panic!("{e}"));
        Sample {
            s: Value::empty_tuple(),
            i: Value::grid(grid),
            c: None,
        }
    }

    const CARD: &str = "\
def solve_a(I):
    x1 = rbind(add, ONE)
    x2 = compose(x1, size)
    O = x2(I)
    return O

def solve_b(I):
    x1 = interval(0, 1000000000, 1)
    O = size(x1)
    return O

def solve_c(I):
    x1 = divide(ONE, ZERO)
    O = vmirror(I)
    return O
";

    #[test]
    fn steps_known_at_load_time_are_folded_with_their_failures() {
        let interp = interpreter(CARD);
        // rbind(add, ONE), compose(x1, size), the interval and its size
        // (solve_c's unused division is not a step at all).
        assert_eq!(interp.folded_steps(), 4);
        let out = interp.batt(&sample(), &mut Ctx::default());
        assert_eq!(out.o[0].1, Value::Int(3));
        // The interval exceeds the work budget: its step failed at load
        // time and counts as failed on every sample.
        assert_eq!((out.o[1].1.clone(), out.failed[1]), (Value::Int(0), 1));
        // An unused failing call is not among the program's steps.
        assert_eq!(out.failed[2], 0);
    }

    #[test]
    fn only_the_steps_of_wanted_solvers_run_and_the_others_give_none() {
        let interp = interpreter(CARD);
        let (o, failed) = interp.outputs(&sample(), &mut Ctx::default(), &[false, false, true]);
        assert_eq!(o[0].1, Value::None);
        assert_eq!(o[1].1, Value::None);
        assert_eq!(failed, [0, 0, 0]);
        assert_eq!(o[2].1.to_string(), "((2, 1), (4, 3))");
    }

    /// `solve_big` holds nine values of about 38 MB (342 MB together);
    /// `solve_small` shares the first of them and holds 38 MB.
    fn lane_limit_card() -> Interpreter {
        let mut text = String::from("def solve_big(I):\n");
        for k in 1..=9 {
            text.push_str(&format!("    x{k} = interval({k}, 1200000, I)\n"));
            text.push_str(&format!("    a{k} = size(x{k})\n"));
        }
        text.push_str("    b1 = a1\n");
        for k in 2..=9 {
            text.push_str(&format!("    b{k} = add(b{}, a{k})\n", k - 1));
        }
        text.push_str("    return b9\n\ndef solve_small(I):\n");
        text.push_str("    x1 = interval(1, 1200000, I)\n    O = size(x1)\n    return O\n");
        interpreter(&text)
    }

    #[test]
    fn a_lane_past_its_memory_limit_stops_alone_whatever_runs_beside_it() {
        let interp = lane_limit_card();
        let one = Value::Int(1);
        let sample = Sample {
            s: Value::empty_tuple(),
            i: one,
            c: None,
        };
        let (both, failed_both) = interp.outputs(&sample, &mut Ctx::default(), &[true, true]);
        let (small, failed_small) = interp.outputs(&sample, &mut Ctx::default(), &[false, true]);
        // The big lane stops: its output is its safe default (add's 0),
        // every one of its steps counted failed.
        assert_eq!(both[0].1, Value::Int(0));
        assert_eq!(failed_both[0] as usize, interp.program_steps(0).len());
        // The small lane is the same with or without the big one.
        assert_eq!(both[1], small[1]);
        assert_eq!(small[1].1, Value::Int(1_199_999));
        assert_eq!((failed_both[1], failed_small[1]), (0, 0));
    }

    #[test]
    fn step_major_stops_a_lane_on_its_limit_as_batt_does() {
        let interp = lane_limit_card();
        let sample = Sample {
            s: Value::empty_tuple(),
            i: Value::Int(1),
            c: None,
        };
        for wanted in [[true, true], [false, true], [true, false]] {
            let got = interp.outputs_step_major(
                std::slice::from_ref(&sample),
                &mut Ctx::default(),
                &wanted,
            );
            let expected = interp.outputs(&sample, &mut Ctx::default(), &wanted);
            assert_eq!(got, [expected], "wanted {wanted:?}");
        }
        let stopped = interp.outputs_step_major(&[sample], &mut Ctx::default(), &[true, true]);
        assert_eq!(stopped[0].0[0].1, Value::Int(0));
    }
}

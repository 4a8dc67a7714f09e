//! A card as a value: one interface for every card, however it was made.
//!
//! A card is a set of programs in one shared step graph: its solvers (in
//! output order; a solver's index is its *program id* everywhere: outputs,
//! kernels, results), its differs (in score order), and the steps each
//! solver depends on. [`Card::outputs`] evaluates, on one sample, only the
//! steps the wanted solvers need, holding each solver's lane to its limit
//! ([`crate::batt::Lanes`]); [`Card::score`] runs the differs over
//! solver outputs; [`Card::step_plan`] is its solvers on the step-major
//! engine's kernels (the same kernels for every card: a card is data to
//! them).
//!
//! Two kinds implement it: [`Compiled`], the value `cargo xtask gen` (and
//! the `card!` macro) emits, with static calls of the primitives; and
//! [`crate::interp::Interpreter`], built from card text at run time. Both
//! evaluate the same steps with the same primitives, defaults and budgets,
//! so they give identical values. The run, every backend, the CLI and the
//! tests take a `&dyn Card`; the compiled library is named once, in
//! [`crate::library`].

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use batt_gen::step_kernels::StepPlan;

use crate::batt::{BattOutput, Differ, Program, Sample, score_differs};
use crate::dsl::dialect::version::{self, Version};
use crate::dsl::{Ctx, Value};
use crate::fingerprint::Fingerprint;

/// Each solver's output (program id, value) and failed-step count.
pub type Outputs = (Vec<(usize, Value)>, Vec<u32>);

/// A card: programs sharing one step graph, ready to evaluate.
pub trait Card: Send + Sync + fmt::Debug {
    /// The solvers, by program id.
    fn programs(&self) -> &[Program];

    /// The differs' names, in score order.
    fn differs(&self) -> &[Cow<'static, str>];

    /// The number of shared solver steps.
    fn steps(&self) -> usize;

    /// The steps solver `program` depends on, ascending.
    fn program_steps(&self, program: usize) -> &[usize];

    /// The primitive solver step `k` calls (`call` for a call of a
    /// callable value), for reports of what steps cost.
    fn step_callee(&self, k: usize) -> &'static str;

    /// Every solver's output and failed-step count on one sample,
    /// evaluating only the steps the solvers marked in `wanted` (by program
    /// id) need; the output of a solver not evaluated is `None`, with no
    /// failed steps counted. A solver whose lane passes its memory limit
    /// stops (see [`crate::batt::Lanes`]).
    fn outputs(&self, sample: &Sample, ctx: &mut Ctx, wanted: &[bool]) -> Outputs;

    /// Every differ's score of every solver output in `o`, as (program id,
    /// differ, score); empty when the sample's expected output is unknown.
    fn score(
        &self,
        o: &[(usize, Value)],
        sample: &Sample,
        ctx: &mut Ctx,
    ) -> Vec<(usize, usize, Value)>;

    /// The solvers' plan on the step-major engine's kernels, when the card
    /// has one (see [`crate::backend::steps::StepRunner`]): a card read at
    /// run time, or a compiled one made from its files.
    fn step_plan(&self) -> Option<&StepPlan> {
        None
    }

    /// The dialect version the card is written for (its evaluation runs
    /// under it: [`crate::dsl::dialect::version`]).
    fn dialect(&self) -> Version {
        Version::default()
    }

    /// The card's fingerprint (see [`crate::fingerprint`]): what the trait
    /// exposes of it, hashed: every solver's name and task, the differs'
    /// names, the number of shared steps and the steps each solver depends
    /// on. The compiled library and the same cards interpreted have the same
    /// fingerprint; results of runs whose cards' fingerprints differ do not
    /// merge.
    fn fingerprint(&self) -> String {
        let mut f = Fingerprint::new("batt.card/1");
        f.count(self.programs().len());
        for (p, program) in self.programs().iter().enumerate() {
            f.str(&program.name).str(&program.task);
            let steps = self.program_steps(p);
            f.count(steps.len());
            for &k in steps {
                f.count(k);
            }
        }
        f.count(self.differs().len());
        for name in self.differs() {
            f.str(name);
        }
        f.count(self.steps());
        if self.dialect() != Version::default() {
            f.str(self.dialect().name());
        }
        f.finish()
    }

    /// Every solver and every differ on one sample.
    fn batt(&self, sample: &Sample, ctx: &mut Ctx) -> BattOutput {
        let (o, failed) = self.outputs(sample, ctx, &vec![true; self.programs().len()]);
        let s = self.score(&o, sample, ctx);
        BattOutput { o, s, failed }
    }
}

/// A card compiled into Rust: tables and the functions the generator
/// emitted (`pub static CARD: Compiled` in every generated module).
#[derive(Clone, Copy)]
pub struct Compiled {
    /// The solvers.
    pub programs: &'static [Program],
    /// The differs' names.
    pub differ_names: &'static [Cow<'static, str>],
    /// The steps each solver depends on.
    pub program_steps: &'static [&'static [usize]],
    /// The number of shared solver steps.
    pub steps: usize,
    /// The primitive each solver step calls (`call` for a value).
    pub step_callees: &'static [&'static str],
    /// The solvers marked wanted, on one sample.
    pub outputs: fn(&Sample, &mut Ctx, &[bool]) -> Outputs,
    /// The differs, in score order.
    pub differs: &'static [Differ],
    /// The dialect version of the card's files.
    pub dialect: Version,
    /// The card files as the generator read them, `(name, text)`: the
    /// step-major engine's plan is made from them ([`Card::step_plan`]).
    pub sources: &'static [(&'static str, &'static str)],
    /// That plan, made on first use.
    pub step_plan: &'static StepPlanCell,
}

/// A compiled card's step plan, made from its files on first use (a
/// generated module's `static STEP_PLAN`): a plan is data the step
/// library's kernels run, so the compiled-in library runs on the same
/// engine as a card read at run time.
#[derive(Debug, Default)]
pub struct StepPlanCell(OnceLock<Option<StepPlan>>);

impl StepPlanCell {
    /// An empty cell.
    pub const fn new() -> StepPlanCell {
        StepPlanCell(OnceLock::new())
    }
}

/// The step plan of the card files `sources`, whose solvers must be
/// `programs`, in that order; `None` when they do not compile to them
/// (which only a generator's error could cause: the module carries the
/// very files it was generated from) or cannot be planned.
fn plan_of(sources: &[(&str, &str)], programs: &[Program]) -> Option<StepPlan> {
    let views: Vec<batt_gen::Source<'_>> = sources
        .iter()
        .map(|&(name, text)| batt_gen::Source { name, text })
        .collect();
    let card = batt_gen::compile(&views).ok()?;
    let same = card.solvers.programs.len() == programs.len()
        && card
            .solvers
            .programs
            .iter()
            .zip(programs)
            .all(|(a, b)| a.name == b.name);
    if !same {
        return None;
    }
    let schedule = batt_gen::schedule::Schedule::of(&card.solvers);
    let folded = crate::interp::Interpreter::folded_values(&card).ok()?;
    crate::backend::folded::plan(&card, &schedule, &folded).ok()
}

impl fmt::Debug for Compiled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Compiled")
            .field("programs", &self.programs.len())
            .field("differs", &self.differ_names)
            .field("steps", &self.steps)
            .finish()
    }
}

impl Card for Compiled {
    fn programs(&self) -> &[Program] {
        self.programs
    }

    fn differs(&self) -> &[Cow<'static, str>] {
        self.differ_names
    }

    fn steps(&self) -> usize {
        self.steps
    }

    fn program_steps(&self, program: usize) -> &[usize] {
        self.program_steps.get(program).copied().unwrap_or(&[])
    }

    fn step_callee(&self, k: usize) -> &'static str {
        self.step_callees.get(k).copied().unwrap_or("call")
    }

    fn outputs(&self, sample: &Sample, ctx: &mut Ctx, wanted: &[bool]) -> Outputs {
        let _version = version::enter(self.dialect);
        (self.outputs)(sample, ctx, wanted)
    }

    fn score(
        &self,
        o: &[(usize, Value)],
        sample: &Sample,
        ctx: &mut Ctx,
    ) -> Vec<(usize, usize, Value)> {
        let _version = version::enter(self.dialect);
        score_differs(o, sample, ctx, self.differs)
    }

    fn step_plan(&self) -> Option<&StepPlan> {
        self.step_plan
            .0
            .get_or_init(|| plan_of(self.sources, self.programs))
            .as_ref()
    }

    fn dialect(&self) -> Version {
        self.dialect
    }
}

/// A borrowed card is a card (so `&'static dyn Card`, the library, can be
/// boxed beside owned ones).
impl<C: Card + ?Sized> Card for &C {
    fn programs(&self) -> &[Program] {
        (**self).programs()
    }

    fn differs(&self) -> &[Cow<'static, str>] {
        (**self).differs()
    }

    fn steps(&self) -> usize {
        (**self).steps()
    }

    fn program_steps(&self, program: usize) -> &[usize] {
        (**self).program_steps(program)
    }

    fn step_callee(&self, k: usize) -> &'static str {
        (**self).step_callee(k)
    }

    fn outputs(&self, sample: &Sample, ctx: &mut Ctx, wanted: &[bool]) -> Outputs {
        (**self).outputs(sample, ctx, wanted)
    }

    fn score(
        &self,
        o: &[(usize, Value)],
        sample: &Sample,
        ctx: &mut Ctx,
    ) -> Vec<(usize, usize, Value)> {
        (**self).score(o, sample, ctx)
    }

    fn step_plan(&self) -> Option<&StepPlan> {
        (**self).step_plan()
    }

    fn dialect(&self) -> Version {
        (**self).dialect()
    }

    fn fingerprint(&self) -> String {
        (**self).fingerprint()
    }
}

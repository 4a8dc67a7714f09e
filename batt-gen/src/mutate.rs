//! Type-aware mutation and crossover of programs: the variation step of
//! program search (issue 19). Text in, text out; no IO.
//!
//! A [`Mutator`] takes one program (a `def`, as a card file holds it) and
//! returns a new program, named as the caller says, with the parent's
//! parameters (`(I)`, `(S, I)` or `(S, I, C)`). Each call applies one
//! [`Operator`]:
//!
//! - [`Operator::Argument`]: an argument becomes another value in scope (`I`,
//!   an earlier step, a constant, a primitive passed as a function);
//! - [`Operator::Callee`]: a step calls another primitive of the same arity
//!   whose parameters accept the step's arguments and whose return type
//!   every use of the step accepts;
//! - [`Operator::Constant`]: a constant becomes another of its type;
//! - [`Operator::Insert`]: a new step, whose arguments are values in scope,
//!   takes the place of an argument it fits (the argument it replaces is
//!   often one of its own);
//! - [`Operator::Delete`]: a step goes, its uses rewired to one value in
//!   scope that every use accepts (often one of its own arguments);
//! - [`Operator::Crossover`] ([`Mutator::crossover`]): a step of a second
//!   program, with the steps it depends on, takes the place of an argument
//!   of the first that its type fits.
//!
//! Types are the catalogue's declared types and nothing more: a step's type
//! is its callee's declared return type (a callable's also the number of
//! arguments it takes, as [`crate::random`] tracks it), `I` and `C` are
//! grids, `S` the samples, a constant has [`ConstValue::ty`], a literal is
//! an `Integer` and a primitive passed as a function is a callable of its
//! arity. A new choice is made only where the parameter's declared type
//! accepts it ([`Type::accepts`]); only a parameter declared `Any` accepts
//! a value declared `Any`. An argument the catalogue cannot type (one given
//! to a step's value called as a function, `x6(x5)`, or the function a
//! binder binds when its arity is unknown) is replaced only by a value of
//! exactly its declared type, and never when that type is `Any`. A
//! solver's output is a `Grid`, a differ's an `Integer`. The parent's own
//! arguments are kept as they are: the library's programs pass `Any`
//! values (`argmax(x1, size)`) where a narrower type is declared.
//!
//! Where an operator finds no compatible choice in [`Options::tries`]
//! attempts it gives `None`; it never falls back to an incompatible one.
//!
//! After an operator the program is put in its canonical form: nested
//! calls are steps of their own, keyword arguments positional, omitted
//! defaults written out, identical steps merged, steps the output does
//! not use dropped, and the others written in dependency order (the
//! post-order of the output's arguments), `x1`, `x2`, ... and `O` last.
//! That form, with the parameters, is the program's normalised text
//! ([`normalised_text`]): a [`Mutator`] returns no program whose
//! normalised text it has returned or been given before, nor its parent's.
//!
//! The same options and the same calls give the same programs on every
//! platform: the random numbers come from [`crate::random`]'s SplitMix64,
//! the catalogue is walked in table order, and no choice depends on a hash
//! map's order.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

use crate::ast::{Expr, Program};
use crate::catalogue::{self, Calls, ConstValue, PrimSig, Type};
use crate::check;
use crate::dialect::Version;
use crate::random::{SplitMix64, mix};
use crate::syntax;

/// How a [`Mutator`] varies programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The seed of its random numbers.
    pub seed: u64,
    /// The most steps a program it returns has.
    pub max_steps: usize,
    /// How many random choices an operator tries before it gives up.
    pub tries: usize,
    /// The dialect version whose primitives and constants new steps and
    /// arguments may name (the parent's own names are kept whatever they
    /// are).
    pub version: Version,
}

impl Default for Options {
    /// Seed 0, programs of at most 40 steps, 32 tries, the names of the
    /// default dialect version.
    fn default() -> Options {
        Options {
            seed: 0,
            max_steps: 40,
            tries: 32,
            version: Version::default(),
        }
    }
}

/// A way to vary a program (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Operator {
    /// Replace an argument by another value in scope.
    Argument,
    /// Replace a step's primitive by one of a compatible signature.
    Callee,
    /// Replace a constant by another of its type.
    Constant,
    /// Insert a step in place of an argument.
    Insert,
    /// Delete a step, rewiring its uses.
    Delete,
    /// Splice a step of another program, with what it depends on, in place
    /// of an argument.
    Crossover,
}

impl Operator {
    /// Every operator.
    pub const ALL: [Operator; 6] = [
        Operator::Argument,
        Operator::Callee,
        Operator::Constant,
        Operator::Insert,
        Operator::Delete,
        Operator::Crossover,
    ];

    /// The operators [`Mutator::mutate`] draws from, with their weights.
    pub const MUTATIONS: [(Operator, usize); 5] = [
        (Operator::Argument, 3),
        (Operator::Callee, 2),
        (Operator::Constant, 2),
        (Operator::Insert, 2),
        (Operator::Delete, 1),
    ];

    /// Its name in lower case (`argument`, `callee`, ...).
    pub const fn name(self) -> &'static str {
        match self {
            Operator::Argument => "argument",
            Operator::Callee => "callee",
            Operator::Constant => "constant",
            Operator::Insert => "insert",
            Operator::Delete => "delete",
            Operator::Crossover => "crossover",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Varies programs: one seeded stream of random numbers, and the
/// normalised texts of every program it has returned or been given.
#[derive(Debug)]
pub struct Mutator {
    options: Options,
    rng: SplitMix64,
    vocabulary: Vocabulary,
    seen: HashSet<String>,
    made: [usize; Operator::ALL.len()],
}

impl Mutator {
    /// A mutator with these options.
    pub fn new(options: Options) -> Mutator {
        Mutator {
            options,
            rng: SplitMix64::new(mix(options.seed)),
            vocabulary: Vocabulary::new(options.version),
            seen: HashSet::new(),
            made: [0; Operator::ALL.len()],
        }
    }

    /// A new program named `name` from `program` (one `def`) by one
    /// operator of [`Operator::MUTATIONS`], drawn by weight; `None` when
    /// `program` does not parse and check, or the operator finds nothing
    /// new and compatible.
    pub fn mutate(&mut self, program: &str, name: &str) -> Option<String> {
        let total: usize = Operator::MUTATIONS.iter().map(|&(_, w)| w).sum();
        let mut draw = self.rng.below(total);
        let mut chosen = Operator::Argument;
        for (op, weight) in Operator::MUTATIONS {
            if draw < weight {
                chosen = op;
                break;
            }
            draw -= weight;
        }
        self.apply(chosen, program, name)
    }

    /// A new program named `name` from `program` by `operator`; for
    /// [`Operator::Crossover`] the second program is `program` itself (a
    /// step spliced elsewhere in its own program).
    pub fn apply(&mut self, operator: Operator, program: &str, name: &str) -> Option<String> {
        let parent = Graph::parse(program)?;
        let donor = (operator == Operator::Crossover).then(|| parent.clone());
        self.vary(operator, &parent, donor.as_ref(), name)
    }

    /// A new program named `name`: program `a` with a step of program `b`
    /// and the steps it depends on in place of one of `a`'s arguments that
    /// its type fits; `None` when either does not parse and check, or no
    /// such splice gives a new program.
    pub fn crossover(&mut self, a: &str, b: &str, name: &str) -> Option<String> {
        let a = Graph::parse(a)?;
        let b = Graph::parse(b)?;
        self.vary(Operator::Crossover, &a, Some(&b), name)
    }

    /// Counts `program` as returned already, so that no later call returns
    /// it (a population the caller holds); false when it does not parse and
    /// check.
    pub fn remember(&mut self, program: &str) -> bool {
        let Some(graph) = Graph::parse(program) else {
            return false;
        };
        self.seen.insert(graph.normalised());
        true
    }

    /// How many programs `operator` has made (returned) so far.
    pub fn made(&self, operator: Operator) -> usize {
        self.made[operator.index()]
    }

    /// Up to [`Options::tries`] attempts of `operator` on `parent`; the
    /// first new program of at most [`Options::max_steps`] steps.
    fn vary(
        &mut self,
        operator: Operator,
        parent: &Graph,
        donor: Option<&Graph>,
        name: &str,
    ) -> Option<String> {
        self.seen.insert(parent.normalised());
        for _ in 0..self.options.tries {
            let mut rng = Draw {
                rng: &mut self.rng,
                vocabulary: &self.vocabulary,
            };
            let child = match operator {
                Operator::Argument => rng.argument(parent),
                Operator::Callee => rng.callee(parent),
                Operator::Constant => rng.constant(parent),
                Operator::Insert => rng.insert(parent),
                Operator::Delete => rng.delete(parent),
                Operator::Crossover => rng.splice(parent, donor?),
            };
            let Some(child) = child.map(Graph::canonical) else {
                continue;
            };
            if child.steps.len() > self.options.max_steps {
                continue;
            }
            if self.seen.insert(child.normalised()) {
                self.made[operator.index()] += 1;
                return Some(child.write(name));
            }
        }
        None
    }
}

/// The normalised text of a program (one `def`): its parameters and its
/// steps in the canonical form (see the module documentation), the same
/// for programs that differ only in variable names, step order, nesting,
/// keywords, written-out defaults, duplicated or unused steps; `None` when
/// it does not parse and check.
pub fn normalised_text(program: &str) -> Option<String> {
    Graph::parse(program).map(|g| g.normalised())
}

/// A parameter of a program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Param {
    /// The demonstration pairs.
    S,
    /// The input grid.
    I,
    /// The expected output.
    C,
}

impl Param {
    fn of(name: &str) -> Option<Param> {
        match name {
            "S" => Some(Param::S),
            "I" => Some(Param::I),
            "C" => Some(Param::C),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Param::S => "S",
            Param::I => "I",
            Param::C => "C",
        }
    }
}

/// An argument: a parameter, an earlier step's value, a named constant or
/// primitive, or an integer literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Value {
    Param(Param),
    Step(usize),
    Name(&'static str),
    Int(i64),
}

/// A declared type, and for a callable the number of arguments it takes
/// when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ty {
    ty: Type,
    arity: Option<u8>,
}

impl Ty {
    fn of(ty: Type) -> Ty {
        Ty { ty, arity: None }
    }

    fn function(arity: u8) -> Ty {
        Ty {
            ty: Type::Callable,
            arity: Some(arity),
        }
    }
}

/// What a place that takes a value (an argument, the output) accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    /// A value whose declared type the type accepts and, for a function
    /// that will be called, that takes that many arguments.
    Accepts { ty: Type, calls_with: Option<u8> },
    /// A value of exactly this type, not `Any` (where the catalogue says
    /// nothing of what the place accepts).
    Exactly(Ty),
}

impl Want {
    fn of(ty: Type) -> Want {
        Want::Accepts {
            ty,
            calls_with: None,
        }
    }

    fn function(arity: u8) -> Want {
        Want::Accepts {
            ty: Type::Callable,
            calls_with: Some(arity),
        }
    }

    fn fits(self, t: Ty) -> bool {
        match self {
            Want::Accepts { ty, calls_with } => {
                ty.accepts(t.ty) && calls_with.is_none_or(|n| t.arity == Some(n))
            }
            Want::Exactly(want) => want == t && want.ty != Type::Any,
        }
    }

    /// Whether a step returning `ty` might fit, whatever the arity of the
    /// callable it returns.
    fn accepts_type(self, ty: Type) -> bool {
        match self {
            Want::Accepts { ty: want, .. } => want.accepts(ty),
            Want::Exactly(want) => want.ty == ty && ty != Type::Any,
        }
    }
}

/// One step: a primitive's call (`prim` is `Some`), or a call of its first
/// argument, a step's callable value, with the others.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Step {
    prim: Option<&'static PrimSig>,
    args: Vec<Value>,
}

/// A program as a graph of steps, each after the steps it uses.
#[derive(Debug, Clone)]
struct Graph {
    params: Vec<Param>,
    /// Whether it is a differ (its output an `Integer`, `C` in scope).
    differ: bool,
    steps: Vec<Step>,
    /// The step returned.
    output: usize,
}

/// The primitive named `name` with its `'static` name.
fn primitive(name: &str) -> Option<&'static PrimSig> {
    catalogue::primitive(name)
}

/// The constant named `name`: its `'static` name and value.
fn constant(name: &str) -> Option<(&'static str, ConstValue)> {
    catalogue::constants()
        .find(|(n, _)| *n == name)
        .map(|&(n, v)| (n, v))
}

impl Graph {
    /// The program of `text`, which must hold exactly one program that
    /// parses and checks (under the newest dialect, which knows every
    /// name), returning a step.
    fn parse(text: &str) -> Option<Graph> {
        let (file, errors) = syntax::parse(0, text);
        if !errors.is_empty() || file.programs.len() != 1 {
            return None;
        }
        if !check::check_version(&[(0, &file)], Version::Batt2025_11).is_empty() {
            return None;
        }
        Graph::from_program(&file.programs[0]).map(Graph::canonical)
    }

    fn from_program(program: &Program) -> Option<Graph> {
        let params = program
            .params
            .iter()
            .map(|p| Param::of(&p.name))
            .collect::<Option<Vec<_>>>()?;
        let mut graph = Graph {
            params,
            differ: program.name.name.starts_with("differ_"),
            steps: Vec::new(),
            output: 0,
        };
        let mut vars: BTreeMap<&str, Value> = BTreeMap::new();
        for assign in &program.body {
            let value = graph.lower(&assign.value, &vars)?;
            vars.insert(&assign.target.name, value);
        }
        match vars.get(program.ret.as_ref()?.name.as_str()) {
            Some(&Value::Step(output)) => graph.output = output,
            _ => return None,
        }
        Some(graph)
    }

    /// The value of `expr`, its calls added as steps.
    fn lower(&mut self, expr: &Expr, vars: &BTreeMap<&str, Value>) -> Option<Value> {
        let name_value = |name: &str| -> Option<Value> {
            if let Some(&v) = vars.get(name) {
                return Some(v);
            }
            if let Some(p) = Param::of(name).filter(|p| self.params.contains(p)) {
                return Some(Value::Param(p));
            }
            if let Some((n, _)) = constant(name) {
                return Some(Value::Name(n));
            }
            primitive(name).map(|p| Value::Name(p.name))
        };
        match expr {
            Expr::Name(id) => name_value(&id.name),
            Expr::Int(n, _) => Some(Value::Int(*n)),
            Expr::Call(call) => {
                let callee = &call.callee.name;
                let is_value = vars.contains_key(callee.as_str()) || Param::of(callee).is_some();
                let step = if is_value {
                    let mut args = vec![name_value(callee)?];
                    for arg in &call.args {
                        args.push(self.lower(&arg.value, vars)?);
                    }
                    Step { prim: None, args }
                } else {
                    let prim = primitive(callee)?;
                    let mut args: Vec<Option<Value>> = vec![None; prim.arity()];
                    for (k, arg) in call.args.iter().enumerate() {
                        let at = match &arg.keyword {
                            Some(kw) => prim.params.iter().position(|p| *p == kw.name)?,
                            None => k,
                        };
                        *args.get_mut(at)? = Some(self.lower(&arg.value, vars)?);
                    }
                    // Omitted trailing parameters take their defaults.
                    for (k, default) in prim.defaults.iter().enumerate() {
                        let at = prim.min_arity() + k;
                        if args[at].is_none() {
                            args[at] = Some(Value::Name(primitive(default)?.name));
                        }
                    }
                    let args = args.into_iter().collect::<Option<Vec<_>>>()?;
                    Step {
                        prim: Some(prim),
                        args,
                    }
                };
                self.steps.push(step);
                Some(Value::Step(self.steps.len() - 1))
            }
        }
    }

    /// The declared type of a value.
    fn ty(&self, value: Value) -> Ty {
        match value {
            Value::Param(Param::S) => Ty::of(Type::Samples),
            Value::Param(_) => Ty::of(Type::Grid),
            Value::Step(s) => self.step_ty(s),
            Value::Int(_) => Ty::of(Type::Integer),
            Value::Name(name) => match constant(name) {
                Some((_, value)) => Ty::of(value.ty()),
                None => function_ty(primitive(name)),
            },
        }
    }

    /// The declared type of step `s`: its primitive's return type (and
    /// the arity of the callable it returns), `Any` for a call of a value.
    fn step_ty(&self, s: usize) -> Ty {
        let step = &self.steps[s];
        let Some(prim) = step.prim else {
            return Ty::of(Type::Any);
        };
        returned(prim, |k| self.ty(step.args[k]))
    }

    /// What argument `k` of step `s` accepts.
    fn want(&self, s: usize, k: usize) -> Want {
        let step = &self.steps[s];
        let current = self.ty(step.args[k]);
        match step.prim {
            Some(prim) => match prim.calls(k) {
                None => Want::of(prim.param_types[k]),
                Some(Calls::With(n)) => Want::function(n),
                // The arity bound decides the arity of the step's value.
                Some(Calls::Binds) => match current.arity {
                    Some(a @ 2..=4) => Want::function(a),
                    _ => Want::Exactly(current),
                },
            },
            None if k == 0 => Want::function(u8::try_from(step.args.len() - 1).unwrap_or(0)),
            None => Want::Exactly(current),
        }
    }

    /// What the output accepts.
    fn output_want(&self) -> Want {
        Want::of(if self.differ {
            Type::Integer
        } else {
            Type::Grid
        })
    }

    /// What every use of step `d` accepts (the output's want included when
    /// it is the output).
    fn uses(&self, d: usize) -> Vec<Want> {
        let mut wants = Vec::new();
        for (s, step) in self.steps.iter().enumerate() {
            for (k, &arg) in step.args.iter().enumerate() {
                if arg == Value::Step(d) {
                    wants.push(self.want(s, k));
                }
            }
        }
        if self.output == d {
            wants.push(self.output_want());
        }
        wants
    }

    /// The parameters and steps in scope before step `before`: never `C`
    /// in a program that is no differ (its output may not depend on it).
    fn in_scope(&self, before: usize) -> Vec<Value> {
        let params = self
            .params
            .iter()
            .filter(|&&p| self.differ || p != Param::C)
            .map(|&p| Value::Param(p));
        params.chain((0..before).map(Value::Step)).collect()
    }

    /// Every argument, as (step, position).
    fn sites(&self) -> Vec<(usize, usize)> {
        let mut sites = Vec::new();
        for (s, step) in self.steps.iter().enumerate() {
            sites.extend((0..step.args.len()).map(|k| (s, k)));
        }
        sites
    }

    /// Renumbers every step reference: `Step(i)` becomes `Step(f(i))`.
    fn renumber(&mut self, f: impl Fn(usize) -> usize) {
        for step in &mut self.steps {
            for arg in &mut step.args {
                if let Value::Step(i) = arg {
                    *i = f(*i);
                }
            }
        }
        self.output = f(self.output);
    }

    /// The canonical form: the steps the output uses, in the post-order of
    /// the output's arguments, identical steps merged.
    fn canonical(self) -> Graph {
        let order = crate::random::post_order(self.steps.len(), self.output, |n| {
            self.steps[n].args.iter().filter_map(|arg| match *arg {
                Value::Step(m) => Some(m),
                _ => None,
            })
        });
        // New positions, merging a step into an identical earlier one.
        let mut new_of = vec![usize::MAX; self.steps.len()];
        let mut steps: Vec<Step> = Vec::new();
        let mut index: BTreeMap<(Option<&str>, Vec<Value>), usize> = BTreeMap::new();
        for &n in &order {
            let mut step = self.steps[n].clone();
            for arg in &mut step.args {
                if let Value::Step(m) = arg {
                    *m = new_of[*m];
                }
            }
            let key = (step.prim.map(|p| p.name), step.args.clone());
            new_of[n] = *index.entry(key).or_insert_with(|| {
                steps.push(step);
                steps.len() - 1
            });
        }
        // The output comes last: no step it uses can be identical to it.
        let output = new_of[self.output];
        debug_assert_eq!(output + 1, steps.len());
        Graph {
            params: self.params,
            differ: self.differ,
            steps,
            output,
        }
    }

    fn value_text(&self, value: Value) -> String {
        match value {
            Value::Param(p) => p.name().to_owned(),
            Value::Step(s) if s == self.output => "O".to_owned(),
            Value::Step(s) => format!("x{}", s + 1),
            Value::Name(name) => name.to_owned(),
            Value::Int(n) => n.to_string(),
        }
    }

    /// The parameters, comma-separated.
    fn params_text(&self) -> String {
        let names: Vec<&str> = self.params.iter().map(|p| p.name()).collect();
        names.join(", ")
    }

    /// The steps and the `return`, one indented line each.
    fn body(&self) -> String {
        let mut out = String::new();
        for (s, step) in self.steps.iter().enumerate() {
            let args: Vec<String> = step.args.iter().map(|&a| self.value_text(a)).collect();
            let (callee, args) = match step.prim {
                Some(prim) => (prim.name.to_owned(), &args[..]),
                None => (args[0].clone(), &args[1..]),
            };
            let target = self.value_text(Value::Step(s));
            let _ = writeln!(out, "    {target} = {callee}({})", args.join(", "));
        }
        out.push_str("    return O\n");
        out
    }

    fn normalised(&self) -> String {
        format!("({})\n{}", self.params_text(), self.body())
    }

    fn write(&self, name: &str) -> String {
        format!("def {name}({}):\n{}", self.params_text(), self.body())
    }
}

/// The type of primitive `prim` passed as a function: a callable of its
/// arity (of unknown arity when it has defaults).
fn function_ty(prim: Option<&'static PrimSig>) -> Ty {
    match prim {
        Some(p) if p.defaults.is_empty() => Ty::function(u8::try_from(p.arity()).unwrap_or(0)),
        _ => Ty::of(Type::Callable),
    }
}

/// The type a call of `prim` returns, given the types of its arguments:
/// the declared return type and, for a callable, its arity (that of the
/// bound function less one for a binder; unknown when that is unknown).
fn returned(prim: &'static PrimSig, arg: impl Fn(usize) -> Ty) -> Ty {
    let binder = (0..prim.arity()).find(|&k| prim.calls(k) == Some(Calls::Binds));
    let arity = match binder {
        Some(k) if prim.ret == Type::Callable => arg(k)
            .arity
            .filter(|a| (2..=4).contains(a))
            .and_then(|a| prim.returned_arity(a)),
        _ => prim.returned_arity(1),
    };
    Ty {
        ty: prim.ret,
        arity,
    }
}

/// What new steps and arguments may name: the primitives of a dialect
/// version, those passed as functions, and the constants.
#[derive(Debug)]
struct Vocabulary {
    prims: Vec<&'static PrimSig>,
    /// Primitives passed as functions: none with defaults (their arity is
    /// not one number) and none reading `S`.
    functions: Vec<(&'static str, Ty)>,
    constants: Vec<(&'static str, Ty)>,
}

impl Vocabulary {
    fn new(version: Version) -> Vocabulary {
        let prims: Vec<&'static PrimSig> = version
            .primitive_tables()
            .iter()
            .copied()
            .flatten()
            .collect();
        let functions = prims
            .iter()
            .filter(|p| p.defaults.is_empty() && !p.param_types.contains(&Type::Samples))
            .map(|&p| (p.name, function_ty(Some(p))))
            .collect();
        let constants = version
            .constant_tables()
            .iter()
            .copied()
            .flatten()
            .map(|&(name, value)| (name, Ty::of(value.ty())))
            .collect();
        Vocabulary {
            prims,
            functions,
            constants,
        }
    }

    /// The constants and the functions that fit `want`, as two kinds.
    fn leaves(&self, want: Want) -> [Vec<Value>; 2] {
        let fitting = |names: &[(&'static str, Ty)]| -> Vec<Value> {
            names
                .iter()
                .filter(|&&(_, t)| want.fits(t))
                .map(|&(n, _)| Value::Name(n))
                .collect()
        };
        [fitting(&self.constants), fitting(&self.functions)]
    }
}

/// One attempt of an operator: the random numbers and the vocabulary.
struct Draw<'a> {
    rng: &'a mut SplitMix64,
    vocabulary: &'a Vocabulary,
}

impl Draw<'_> {
    /// A uniform pick of `items`; `None` when it is empty.
    fn pick<T: Copy>(&mut self, items: &[T]) -> Option<T> {
        (!items.is_empty()).then(|| items[self.rng.below(items.len())])
    }

    /// Whether a coin comes up heads.
    fn coin(&mut self) -> bool {
        self.rng.below(2) == 0
    }

    /// A value for a place before step `before` that accepts `want`,
    /// other than `old`: a kind first (values in scope, constants,
    /// functions), equally likely among those that have one, then one of
    /// its values.
    fn value(&mut self, g: &Graph, before: usize, want: Want, old: Option<Value>) -> Option<Value> {
        let scope: Vec<Value> = g
            .in_scope(before)
            .into_iter()
            .filter(|&v| want.fits(g.ty(v)))
            .collect();
        let [constants, functions] = self.vocabulary.leaves(want);
        let kinds: Vec<Vec<Value>> = [scope, constants, functions]
            .into_iter()
            .map(|mut kind| {
                kind.retain(|&v| Some(v) != old);
                kind
            })
            .filter(|kind| !kind.is_empty())
            .collect();
        let kind = self.rng.below(kinds.len().max(1));
        let kind = kinds.get(kind)?;
        self.pick(kind)
    }

    /// [`Operator::Argument`].
    fn argument(&mut self, g: &Graph) -> Option<Graph> {
        let (s, k) = self.pick(&g.sites())?;
        let old = g.steps[s].args[k];
        let new = self.value(g, s, g.want(s, k), Some(old))?;
        let mut child = g.clone();
        child.steps[s].args[k] = new;
        Some(child)
    }

    /// [`Operator::Callee`].
    fn callee(&mut self, g: &Graph) -> Option<Graph> {
        let calls: Vec<usize> = (0..g.steps.len())
            .filter(|&s| g.steps[s].prim.is_some())
            .collect();
        let s = self.pick(&calls)?;
        let step = &g.steps[s];
        let old = step.prim?;
        let args: Vec<Ty> = step.args.iter().map(|&a| g.ty(a)).collect();
        let uses = g.uses(s);
        let fits = |prim: &&'static PrimSig| {
            prim.name != old.name
                && prim.arity() == args.len()
                && (0..prim.arity()).all(|k| {
                    let want = match prim.calls(k) {
                        None => Want::of(prim.param_types[k]),
                        Some(Calls::With(n)) => Want::function(n),
                        Some(Calls::Binds) => match args[k].arity {
                            Some(a @ 2..=4) => Want::function(a),
                            _ => return false,
                        },
                    };
                    want.fits(args[k])
                })
                && {
                    let ty = returned(prim, |k| args[k]);
                    uses.iter().all(|w| w.fits(ty))
                }
        };
        let candidates: Vec<&'static PrimSig> =
            self.vocabulary.prims.iter().copied().filter(fits).collect();
        let new = self.pick(&candidates)?;
        let mut child = g.clone();
        child.steps[s].prim = Some(new);
        Some(child)
    }

    /// [`Operator::Constant`].
    fn constant(&mut self, g: &Graph) -> Option<Graph> {
        let sites: Vec<(usize, usize, Ty)> = g
            .sites()
            .into_iter()
            .filter_map(|(s, k)| match g.steps[s].args[k] {
                Value::Int(_) => Some((s, k, Ty::of(Type::Integer))),
                Value::Name(n) => constant(n).map(|(_, v)| (s, k, Ty::of(v.ty()))),
                _ => None,
            })
            .collect();
        let (s, k, ty) = self.pick(&sites)?;
        let old = g.steps[s].args[k];
        let want = g.want(s, k);
        let others: Vec<Value> = self
            .vocabulary
            .constants
            .iter()
            .filter(|&&(n, t)| t == ty && want.fits(t) && Value::Name(n) != old)
            .map(|&(n, _)| Value::Name(n))
            .collect();
        let new = self.pick(&others)?;
        let mut child = g.clone();
        child.steps[s].args[k] = new;
        Some(child)
    }

    /// [`Operator::Insert`].
    fn insert(&mut self, g: &Graph) -> Option<Graph> {
        let (s, k) = self.pick(&g.sites())?;
        let want = g.want(s, k);
        let old = g.steps[s].args[k];
        let candidates: Vec<&'static PrimSig> = self
            .vocabulary
            .prims
            .iter()
            .copied()
            .filter(|p| want.accepts_type(p.ret))
            .collect();
        let prim = self.pick(&candidates)?;
        // The replaced argument becomes, half the time, an argument of the
        // new step where it fits.
        let mut keep_old = self.coin();
        let mut args = Vec::with_capacity(prim.arity());
        for p in 0..prim.arity() {
            let param_want = match prim.calls(p) {
                None => Want::of(prim.param_types[p]),
                Some(Calls::With(n)) => Want::function(n),
                Some(Calls::Binds) => match want {
                    Want::Accepts {
                        calls_with: Some(n),
                        ..
                    } => Want::function(n + 1),
                    _ => Want::function(2 + u8::try_from(self.rng.below(3)).unwrap_or(0)),
                },
            };
            if keep_old && param_want.fits(g.ty(old)) {
                keep_old = false;
                args.push(old);
                continue;
            }
            args.push(self.value(g, s, param_want, None)?);
        }
        let new = Step {
            prim: Some(prim),
            args,
        };
        let mut child = g.clone();
        if !want.fits(returned(prim, |p| child.ty(new.args[p]))) {
            return None;
        }
        // The new step goes just before step `s`.
        child.renumber(|i| if i >= s { i + 1 } else { i });
        child.steps.insert(s, new);
        child.steps[s + 1].args[k] = Value::Step(s);
        Some(child)
    }

    /// [`Operator::Delete`].
    fn delete(&mut self, g: &Graph) -> Option<Graph> {
        let d = self.rng.below(g.steps.len());
        let wants = g.uses(d);
        let fits_all = |v: &Value| wants.iter().all(|w| w.fits(g.ty(*v)));
        // The output must stay a step.
        let is_output = d == g.output;
        let usable = |v: &Value| fits_all(v) && (!is_output || matches!(v, Value::Step(_)));
        // Half the time, one of its own arguments where one fits.
        let own: Vec<Value> = g.steps[d]
            .args
            .iter()
            .copied()
            .filter(|v| usable(v))
            .collect();
        let new = if !own.is_empty() && self.coin() {
            self.pick(&own)?
        } else {
            let mut all: Vec<Value> = g.in_scope(d);
            if !is_output {
                let [constants, functions] = self.vocabulary.leaves(Want::of(Type::Any));
                all.extend(constants);
                all.extend(functions);
            }
            all.retain(usable);
            self.pick(&all)?
        };
        let mut child = g.clone();
        for step in &mut child.steps {
            for arg in &mut step.args {
                if *arg == Value::Step(d) {
                    *arg = new;
                }
            }
        }
        if is_output {
            let Value::Step(o) = new else { return None };
            child.output = o;
        }
        // Step `d` is unused now; the canonical form drops it.
        Some(child)
    }

    /// [`Operator::Crossover`]: a step `t` of `b` and the steps it depends
    /// on, spliced into `a` before a step `s` in place of its argument `k`.
    fn splice(&mut self, a: &Graph, b: &Graph) -> Option<Graph> {
        let t = self.rng.below(b.steps.len());
        let ty = b.step_ty(t);
        let sites: Vec<(usize, usize)> = a
            .sites()
            .into_iter()
            .filter(|&(s, k)| a.want(s, k).fits(ty))
            .collect();
        let (s, k) = self.pick(&sites)?;
        // The steps `t` depends on, itself included, in `b`'s order.
        let mut needed = vec![false; b.steps.len()];
        needed[t] = true;
        for n in (0..=t).rev() {
            if needed[n] {
                for arg in &b.steps[n].args {
                    if let Value::Step(m) = *arg {
                        needed[m] = true;
                    }
                }
            }
        }
        let taken: Vec<usize> = (0..b.steps.len()).filter(|&n| needed[n]).collect();
        // `b`'s parameters must be in scope in `a` (never a solver's `C`).
        let scope = a.in_scope(0);
        for &n in &taken {
            for arg in &b.steps[n].args {
                if let Value::Param(_) = arg
                    && !scope.contains(arg)
                {
                    return None;
                }
            }
        }
        let m = taken.len();
        let mut child = a.clone();
        child.renumber(|i| if i >= s { i + m } else { i });
        let position = |n: usize| s + taken.iter().position(|&x| x == n).unwrap_or(0);
        let spliced: Vec<Step> = taken
            .iter()
            .map(|&n| {
                let mut step = b.steps[n].clone();
                for arg in &mut step.args {
                    if let Value::Step(i) = arg {
                        *i = position(*i);
                    }
                }
                step
            })
            .collect();
        child.steps.splice(s..s, spliced);
        child.steps[s + m].args[k] = Value::Step(position(t));
        Some(child)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Source, compile};
    use std::collections::BTreeSet;
    use std::fs;
    use std::path::Path;

    /// Every program of the project's card library (`cards/*.py`), as its
    /// text, in file order.
    fn library() -> Vec<String> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../cards");
        let mut paths: Vec<_> = fs::read_dir(&dir)
            .expect("the card library")
            .map(|entry| entry.expect("a directory entry").path())
            .filter(|path| path.extension().is_some_and(|e| e == "py"))
            .collect();
        paths.sort();
        let mut programs = Vec::new();
        for path in paths {
            let text = fs::read_to_string(&path).expect("a card file");
            let (file, errors) = syntax::parse(0, &text);
            assert!(errors.is_empty(), "{}", path.display());
            programs.extend(
                file.programs
                    .iter()
                    .map(|p| text[p.span.clone()].to_owned()),
            );
        }
        programs
    }

    /// The name a program's `def` gives it.
    fn name_of(program: &str) -> &str {
        let rest = program.strip_prefix("def ").expect("a def");
        &rest[..rest.find('(').expect("parameters")]
    }

    /// The parameters a program's `def` gives it, as written.
    fn params_of(program: &str) -> &str {
        let open = program.find('(').expect("parameters");
        &program[open..=open + program[open..].find(')').expect("parameters")]
    }

    /// Asserts that `child`, made from `parent` and named `name`, compiles
    /// without diagnostics, keeps the parent's parameters and differs from
    /// it.
    fn assert_a_new_program(parent: &str, child: &str, name: &str) {
        if let Err(diagnostics) = compile(&[Source {
            name: "child.py",
            text: child,
        }]) {
            panic!("from\n{parent}\nmade\n{child}\nwhich does not compile:\n{diagnostics}");
        }
        assert_eq!(name_of(child), name);
        assert_eq!(params_of(child), params_of(parent), "{child}");
        assert_ne!(normalised_text(child), normalised_text(parent), "{child}");
    }

    fn mutator(seed: u64) -> Mutator {
        Mutator::new(Options {
            seed,
            ..Options::default()
        })
    }

    #[test]
    fn the_library_has_solvers_and_differs_to_start_from() {
        let programs = library();
        assert!(programs.len() > 100, "{}", programs.len());
        assert!(programs.iter().any(|p| p.starts_with("def differ_")));
        for program in &programs {
            assert!(normalised_text(program).is_some(), "{program}");
        }
    }

    #[test]
    fn thousands_of_mutants_of_the_library_compile_and_differ_from_their_parents() {
        let programs = library();
        let mut mutator = mutator(19);
        let mut made = 0;
        for round in 0..8 {
            for program in &programs {
                // A short walk: each mutant is the next one's parent.
                let mut parent = program.clone();
                for depth in 0..3 {
                    let name = format!("{}_m{round}{depth}", name_of(program));
                    let Some(child) = mutator.mutate(&parent, &name) else {
                        continue;
                    };
                    assert_a_new_program(&parent, &child, &name);
                    parent = child;
                    made += 1;
                }
            }
        }
        assert!(made >= 2500, "{made} mutants");
        for (operator, _) in Operator::MUTATIONS {
            let count = mutator.made(operator);
            assert!(count >= 100, "{} made {count}", operator.name());
        }
        assert_eq!(mutator.made(Operator::Crossover), 0);
    }

    #[test]
    fn thousands_of_crossovers_of_the_library_compile_and_differ_from_their_first_parent() {
        let programs = library();
        let mut mutator = mutator(20);
        let mut made = 0;
        let n = programs.len();
        for k in 0..2000 {
            let (a, b) = (&programs[k % n], &programs[(k * 7 + 3) % n]);
            let name = format!("{}_x{k}", name_of(a));
            let Some(child) = mutator.crossover(a, b, &name) else {
                continue;
            };
            assert_a_new_program(a, &child, &name);
            made += 1;
        }
        assert!(made >= 1000, "{made} crossovers");
        assert_eq!(mutator.made(Operator::Crossover), made);
    }

    /// Asserts that every argument of `program` is one its parameter's
    /// declared type accepts (a function of the arity it is called with,
    /// a binder's of 2 to 4), and its output a `Grid`.
    fn assert_well_typed(program: &str) {
        let g = Graph::parse(program).expect("a program");
        for (s, k) in g.sites() {
            let ty = g.ty(g.steps[s].args[k]);
            let prim = g.steps[s].prim.expect("a primitive's call");
            if prim.calls(k) == Some(Calls::Binds) {
                assert!(matches!(ty.arity, Some(2..=4)), "{program}");
            }
            assert!(
                g.want(s, k).fits(ty),
                "argument {k} of step {s}:\n{program}"
            );
        }
        assert_eq!(g.step_ty(g.output).ty, Type::Grid, "{program}");
    }

    #[test]
    fn mutants_of_well_typed_programs_are_well_typed() {
        let options = crate::random::Options {
            max_steps: 8,
            dialect: true,
        };
        let card = crate::random::card(4, 300, &options);
        let (file, errors) = syntax::parse(0, &card);
        assert!(errors.is_empty());
        let programs: Vec<&str> = file
            .programs
            .iter()
            .map(|p| &card[p.span.clone()])
            .collect();
        let mut mutator = mutator(21);
        let mut made = 0;
        for (k, program) in programs.iter().enumerate() {
            assert_well_typed(program);
            let mut parent = (*program).to_owned();
            for depth in 0..4 {
                let name = format!("solve_random_m{k}_{depth}");
                let child = if depth == 3 {
                    mutator.crossover(&parent, programs[(k * 7 + 1) % programs.len()], &name)
                } else {
                    mutator.mutate(&parent, &name)
                };
                let Some(child) = child else { continue };
                assert_a_new_program(&parent, &child, &name);
                assert_well_typed(&child);
                parent = child;
                made += 1;
            }
        }
        assert!(made >= 800, "{made} mutants");
    }

    #[test]
    fn the_same_seed_gives_the_same_programs_and_another_seed_others() {
        let programs = library();
        let run = |seed: u64| -> Vec<Option<String>> {
            let mut mutator = mutator(seed);
            let mut out = Vec::new();
            for (k, program) in programs.iter().enumerate() {
                let name = format!("{}_m{k}", name_of(program));
                out.push(mutator.mutate(program, &name));
                let other = &programs[(k * 5 + 1) % programs.len()];
                out.push(mutator.crossover(program, other, &name));
            }
            out
        };
        let first = run(7);
        assert_eq!(first, run(7));
        assert_ne!(first, run(8));
        assert!(first.iter().filter(|p| p.is_some()).count() > programs.len());
    }

    #[test]
    fn a_mutator_never_returns_a_program_twice_nor_its_parent() {
        let parent = library().into_iter().find(|p| p.contains("solve_6e82a1ae"));
        let parent = parent.expect("a library program");
        let mut mutator = mutator(3);
        let mut seen = BTreeSet::new();
        for k in 0..400 {
            if let Some(child) = mutator.mutate(&parent, &format!("solve_6e82a1ae_m{k}")) {
                let text = normalised_text(&child).expect("a program");
                assert!(seen.insert(text), "{child}");
            }
        }
        assert!(seen.len() > 200, "{} distinct", seen.len());
        assert!(!seen.contains(&normalised_text(&parent).expect("a program")));
    }

    #[test]
    fn a_remembered_program_is_not_returned() {
        let parent = "def solve_x(I):\n    x1 = rot90(I)\n    O = rot180(x1)\n    return O\n";
        // Deleting either step leaves one rotation of `I`: two programs.
        let mut first = mutator(1);
        let deletions: Vec<String> = (0..20)
            .filter_map(|_| first.apply(Operator::Delete, parent, "solve_x"))
            .collect();
        assert_eq!(deletions.len(), 2, "{deletions:?}");
        let mut second = mutator(2);
        for program in &deletions {
            assert!(second.remember(program));
        }
        assert!(!second.remember("not a program"));
        for _ in 0..20 {
            assert_eq!(second.apply(Operator::Delete, parent, "solve_x"), None);
        }
    }

    #[test]
    fn an_operator_with_no_compatible_choice_gives_none() {
        let one_step = "def solve_x(I):\n    O = vmirror(I)\n    return O\n";
        let mut mutator = mutator(0);
        // The output must stay a step, and there is no other step.
        assert_eq!(mutator.apply(Operator::Delete, one_step, "solve_y"), None);
        // There is no constant to change.
        assert_eq!(mutator.apply(Operator::Constant, one_step, "solve_y"), None);
        // Text that is not one checked program is refused.
        assert_eq!(
            mutator.mutate("def solve_x(I):\n    O = nope(I)\n    return O\n", "a"),
            None
        );
        assert_eq!(mutator.mutate("", "a"), None);
        assert_eq!(mutator.made(Operator::Delete), 0);
    }

    #[test]
    fn a_solver_given_the_expected_output_never_comes_to_depend_on_it() {
        let parent = "def solve_x(S, I, C):\n    x1 = vmirror(I)\n    x2 = ofcolor(x1, ONE)\n    O = fill(x1, TWO, x2)\n    return O\n";
        let mut mutator = mutator(5);
        let mut made = 0;
        for k in 0..600 {
            let name = format!("solve_x_m{k}");
            if let Some(child) = mutator.mutate(parent, &name) {
                assert_a_new_program(parent, &child, &name);
                made += 1;
            }
        }
        assert!(made > 200, "{made}");
    }

    #[test]
    fn the_normalised_text_ignores_names_order_nesting_keywords_and_unused_steps() {
        let plain = "def solve_a(I):\n    x1 = vmirror(I)\n    x2 = hmirror(I)\n    O = hconcat(x1, x2)\n    return O\n";
        let other = "def solve_b(I):\n    b = hmirror(I)\n    unused = rot90(I)\n    a = vmirror(I)\n    O = hconcat(b=b, a=a)\n    return O\n";
        let nested = "def solve_c(I):\n    O = hconcat(vmirror(I), hmirror(I))\n    return O\n";
        let twice = "def solve_d(I):\n    x1 = vmirror(I)\n    x2 = hmirror(I)\n    x3 = vmirror(I)\n    O = hconcat(x3, x2)\n    return O\n";
        let expected = "(I)\n    x1 = vmirror(I)\n    x2 = hmirror(I)\n    O = hconcat(x1, x2)\n    return O\n";
        for program in [plain, other, nested, twice] {
            assert_eq!(
                normalised_text(program).as_deref(),
                Some(expected),
                "{program}"
            );
        }
    }

    #[test]
    fn omitted_defaults_are_written_out() {
        let program = "def solve_a(I):\n    x1 = objects(I, T, F, T)\n    x2 = totuple(x1)\n    x3 = get_nth_by_key_t(x2, F0)\n    O = subgrid(x3, I)\n    return O\n";
        let text = normalised_text(program).expect("a program");
        assert!(
            text.contains("get_nth_by_key_t(x2, F0, identity)"),
            "{text}"
        );
    }
}

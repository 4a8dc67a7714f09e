//! The interpreter: runs a card's IR directly, for cards given at run time.
//!
//! It evaluates the same steps in the same order as the generated `batt()`,
//! through the same primitive functions, defaults and per-step budgets, so
//! both give identical values; a test checks it on every sample.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use batt_gen::ir::{Callee, Card, Graph, Operand, Param, ProgramKind};

use crate::batt::{BattOutput, NO_VALUE, Sample, count_failed, score_outputs, settle};
use crate::dsl::{Ctx, DslError, Prim, Value, call};

/// A card ready to run.
#[derive(Debug, Clone)]
pub struct Interpreter {
    card: Card,
    prims: HashMap<&'static str, Prim>,
}

/// The parameters a graph's operands read.
struct Params<'a> {
    s: &'a Value,
    i: &'a Value,
    c: &'a Value,
}

impl Interpreter {
    /// Compiles the cards at `path` (a `.py` file, or the `.py` files of a
    /// directory in name order); errors come rendered with their places.
    pub fn from_path(path: &Path) -> Result<Interpreter, String> {
        let files: Vec<PathBuf> = if path.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| format!("{}: {e}", path.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "py"))
                .collect();
            files.sort();
            files
        } else {
            vec![path.to_path_buf()]
        };
        let texts = files
            .iter()
            .map(|f| {
                std::fs::read_to_string(f)
                    .map(|t| (f.display().to_string(), t))
                    .map_err(|e| format!("{}: {e}", f.display()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let sources: Vec<batt_gen::Source<'_>> = texts
            .iter()
            .map(|(name, text)| batt_gen::Source { name, text })
            .collect();
        let card = batt_gen::compile(&sources)
            .map_err(|rendered| format!("the cards have errors:\n{rendered}"))?;
        Interpreter::new(card)
    }

    /// Prepares `card`, resolving its primitives in the DSL.
    pub fn new(card: Card) -> Result<Interpreter, String> {
        let mut prims = HashMap::new();
        let graphs = std::iter::once(&card.solvers).chain(&card.differs);
        for step in graphs.flat_map(|g| &g.steps) {
            let names = std::iter::once(&step.callee)
                .filter_map(|c| match c {
                    Callee::Prim(name) => Some(*name),
                    Callee::Value(op) => prim_name(op),
                })
                .chain(step.args.iter().filter_map(prim_name));
            for name in names {
                let prim = Prim::from_name(name)
                    .ok_or_else(|| format!("the DSL has no primitive `{name}`"))?;
                prims.insert(name, prim);
            }
        }
        for p in card
            .solvers
            .programs
            .iter()
            .chain(card.differs.iter().flat_map(|g| &g.programs))
        {
            if let Some(name) = prim_name(&p.output) {
                let prim = Prim::from_name(name)
                    .ok_or_else(|| format!("the DSL has no primitive `{name}`"))?;
                prims.insert(name, prim);
            }
        }
        Ok(Interpreter { card, prims })
    }

    /// The card.
    pub fn card(&self) -> &Card {
        &self.card
    }

    /// The solvers' names and tasks, in output order.
    pub fn programs(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.card.solvers.programs.iter().map(|p| {
            let task = match &p.kind {
                ProgramKind::Solver { task } => task.as_str(),
                ProgramKind::Differ => "",
            };
            (p.name.as_str(), task)
        })
    }

    /// Evaluates every program of the card on one sample.
    pub fn run(&self, sample: &Sample, ctx: &mut Ctx) -> BattOutput {
        let params = Params {
            s: &sample.s,
            i: &sample.i,
            c: &NO_VALUE,
        };
        let (v, failed) = self.eval(&self.card.solvers, &params, ctx);
        let o: Vec<(usize, Value)> = self
            .card
            .solvers
            .programs
            .iter()
            .enumerate()
            .map(|(k, p)| (k, self.operand(&p.output, &v, &params)))
            .collect();
        let counts = self
            .card
            .solvers
            .programs
            .iter()
            .map(|p| count_failed(&failed, &p.steps))
            .collect();
        let s = score_outputs(&o, sample, ctx, |out, c, ctx| {
            self.card
                .differs
                .iter()
                .map(|graph| {
                    let params = Params {
                        s: &sample.s,
                        i: out,
                        c,
                    };
                    let (v, _) = self.eval(graph, &params, ctx);
                    graph
                        .programs
                        .first()
                        .map_or(Value::None, |prog| self.operand(&prog.output, &v, &params))
                })
                .collect()
        });
        BattOutput {
            o,
            s,
            failed: counts,
        }
    }

    fn eval(&self, graph: &Graph, params: &Params<'_>, ctx: &mut Ctx) -> (Vec<Value>, Vec<bool>) {
        let mut v: Vec<Value> = Vec::with_capacity(graph.steps.len());
        let mut failed = vec![false; graph.steps.len()];
        for (k, step) in graph.steps.iter().enumerate() {
            let args: Vec<Value> = step
                .args
                .iter()
                .map(|a| self.operand(a, &v, params))
                .collect();
            let result = match &step.callee {
                Callee::Prim(name) => match self.prims.get(name) {
                    Some(prim) if usize::from(prim.arity()) == args.len() => {
                        (prim.def().call)(ctx.step(), &args)
                    }
                    Some(prim) => Err(DslError::Arity {
                        expected: prim.arity(),
                        given: u8::try_from(args.len()).unwrap_or(u8::MAX),
                    }),
                    None => Err(DslError::Type("unknown primitive")),
                },
                Callee::Value(f) => {
                    let f = self.operand(f, &v, params);
                    call(ctx.step(), &f, &args)
                }
            };
            let mut flag = false;
            v.push(settle(result, &mut flag, step.default));
            if let Some(slot) = failed.get_mut(k) {
                *slot = flag;
            }
        }
        (v, failed)
    }

    fn operand(&self, op: &Operand, v: &[Value], params: &Params<'_>) -> Value {
        match op {
            Operand::Param(Param::S) => params.s.clone(),
            Operand::Param(Param::I) => params.i.clone(),
            Operand::Param(Param::C) => params.c.clone(),
            Operand::Step(k) => v.get(*k).cloned().unwrap_or(Value::None),
            Operand::Prim(name) => self.prims.get(name).map_or(Value::None, |p| p.value()),
            Operand::Const(name) => crate::dsl::constants::constant(name).unwrap_or(Value::None),
            Operand::Int(n) => Value::Int(*n),
        }
    }
}

fn prim_name(op: &Operand) -> Option<&'static str> {
    match op {
        Operand::Prim(name) => Some(name),
        _ => None,
    }
}

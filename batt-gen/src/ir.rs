//! The checked programs of a card as graphs of shared SSA steps.
//!
//! Every call in a program becomes a [`Step`]: a callee and operands that
//! are parameters, earlier steps, primitives used as values, constants or
//! integers. All solvers of a card are lowered into one [`Graph`], where a
//! step is keyed on its callee and the identities of its operands: two
//! programs that compute the same thing from the same inputs share the
//! step, and two programs that share a prefix and then diverge get steps of
//! their own from the first difference on (the keys differ there, and so do
//! the keys of everything after). Steps no output depends on are dropped.
//!
//! A differ (`differ_<name>(S, I, C)`) is evaluated once per solver output,
//! with `I` bound to that output and `C` to the expected output, so each
//! differ is a graph of its own. Helper programs (any other name) are
//! checked but not lowered.
//!
//! Lowering expects a card the checker accepted; anything it cannot lower
//! is returned as an error rather than a panic.

use std::collections::HashMap;

use crate::ast::{Arg, CardFile, Expr, Program};
use crate::catalogue::{self, SafeDefault};

/// The index of a step in its graph.
pub type StepId = usize;

/// A program parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Param {
    /// The task's demonstration pairs.
    S,
    /// The sample's input grid (for a differ: the solver's output).
    I,
    /// The expected output (differs only).
    C,
}

/// A value a step reads.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Operand {
    /// A parameter.
    Param(Param),
    /// The value of an earlier step.
    Step(StepId),
    /// A primitive used as a value.
    Prim(&'static str),
    /// A named constant.
    Const(&'static str),
    /// An integer literal.
    Int(i64),
}

/// What a step calls.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Callee {
    /// A primitive, known at generation time (static dispatch).
    Prim(&'static str),
    /// A callable value: a parameter or an earlier step (dynamic call).
    Value(Operand),
}

/// One call.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Step {
    /// What is called.
    pub callee: Callee,
    /// The arguments, positional (keywords are resolved).
    pub args: Vec<Operand>,
    /// The value a failure of this step gives instead.
    pub default: SafeDefault,
}

/// What a program is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgramKind {
    /// `solve_<task>`: its value is a candidate output for `task`.
    Solver {
        /// The task id.
        task: String,
    },
    /// `differ_<name>`: its value scores a solver output against `C`.
    Differ,
}

/// A lowered program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgramIr {
    /// The program's name.
    pub name: String,
    /// Solver or differ.
    pub kind: ProgramKind,
    /// Its value.
    pub output: Operand,
    /// Every step its value depends on, ascending (for failed-step counts).
    pub steps: Vec<StepId>,
}

/// Steps, in an order where every operand comes before its use, and the
/// programs reading them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Graph {
    /// The steps.
    pub steps: Vec<Step>,
    /// The programs.
    pub programs: Vec<ProgramIr>,
}

impl Graph {
    /// For each step, whether its value depends on the parameter `I`
    /// (reads it, or a step that does, as an argument or as the callee).
    pub fn reads_input(&self) -> Vec<bool> {
        let mut reads: Vec<bool> = Vec::with_capacity(self.steps.len());
        for step in &self.steps {
            let depends = |op: &Operand| match op {
                Operand::Param(Param::I) => true,
                Operand::Step(k) => reads.get(*k).copied().unwrap_or(false),
                _ => false,
            };
            let callee = match &step.callee {
                Callee::Value(f) => depends(f),
                Callee::Prim(_) => false,
            };
            let value = callee || step.args.iter().any(depends);
            reads.push(value);
        }
        reads
    }
}

/// A whole card: the solvers' shared graph and one graph per differ.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Card {
    /// All solvers, sharing steps.
    pub solvers: Graph,
    /// Each differ, with its single program.
    pub differs: Vec<Graph>,
    /// The dialect version the card is written for.
    pub dialect: crate::dialect::Version,
}

impl Card {
    /// Lowers checked card files (in the order given) into one card.
    pub fn lower(files: &[&CardFile]) -> Result<Card, String> {
        let mut card = Card::default();
        let mut solvers = Builder::default();
        for file in files {
            for program in &file.programs {
                let name = program.name.name.as_str();
                if let Some(task) = solver_task(name) {
                    let kind = ProgramKind::Solver {
                        task: task.to_owned(),
                    };
                    solvers.program(program, kind)?;
                } else if name.starts_with("differ_") {
                    let mut differ = Builder::default();
                    differ.program(program, ProgramKind::Differ)?;
                    card.differs.push(differ.finish());
                }
            }
        }
        card.solvers = solvers.finish();
        Ok(card)
    }
}

/// The task of a solver named `solve_<task>` or `solve_<task>.<variant>`
/// (a name given from a file's path, see [`crate::lenient`]; a `.` is in
/// no name the parser reads); `None` for any other name.
pub fn solver_task(name: &str) -> Option<&str> {
    let rest = name.strip_prefix("solve_")?;
    Some(rest.split_once('.').map_or(rest, |(task, _)| task))
}

#[derive(Default)]
struct Builder {
    graph: Graph,
    keys: HashMap<Step, StepId>,
}

impl Builder {
    fn program(&mut self, program: &Program, kind: ProgramKind) -> Result<(), String> {
        let name = &program.name.name;
        let mut vars: HashMap<&str, Operand> = HashMap::new();
        for p in &program.params {
            let param = match p.name.as_str() {
                "S" => Param::S,
                "I" => Param::I,
                "C" => Param::C,
                other => return Err(format!("{name}: unknown parameter `{other}`")),
            };
            vars.insert(p.name.as_str(), Operand::Param(param));
        }
        for assign in &program.body {
            let value = self.expr(&assign.value, &vars, name)?;
            vars.insert(assign.target.name.as_str(), value);
        }
        let ret = program
            .ret
            .as_ref()
            .ok_or_else(|| format!("{name}: no return"))?;
        let output = vars
            .get(ret.name.as_str())
            .cloned()
            .ok_or_else(|| format!("{name}: returns the undefined `{}`", ret.name))?;
        let steps = self.dependencies(&output);
        self.graph.programs.push(ProgramIr {
            name: name.clone(),
            kind,
            output,
            steps,
        });
        Ok(())
    }

    fn expr(
        &mut self,
        expr: &Expr,
        vars: &HashMap<&str, Operand>,
        program: &str,
    ) -> Result<Operand, String> {
        match expr {
            Expr::Int(n, _) => Ok(Operand::Int(*n)),
            Expr::Name(id) => resolve(&id.name, vars)
                .ok_or_else(|| format!("{program}: unknown name `{}`", id.name)),
            Expr::Call(call) => {
                let callee = match vars.get(call.callee.name.as_str()) {
                    Some(op) => Callee::Value(op.clone()),
                    None => {
                        let sig = catalogue::primitive(&call.callee.name).ok_or_else(|| {
                            format!("{program}: unknown callee `{}`", call.callee.name)
                        })?;
                        Callee::Prim(sig.name)
                    }
                };
                let args = self.args(&callee, &call.args, vars, program)?;
                let default = match &callee {
                    Callee::Prim(name) => {
                        catalogue::primitive(name).map_or(SafeDefault::EmptyTuple, |s| s.default())
                    }
                    Callee::Value(_) => SafeDefault::EmptyTuple,
                };
                Ok(Operand::Step(self.step(Step {
                    callee,
                    args,
                    default,
                })))
            }
        }
    }

    /// Positional operands, keyword arguments put in their parameter's place.
    fn args(
        &mut self,
        callee: &Callee,
        args: &[Arg],
        vars: &HashMap<&str, Operand>,
        program: &str,
    ) -> Result<Vec<Operand>, String> {
        let mut slots: Vec<Option<Operand>> = Vec::new();
        for (k, arg) in args.iter().enumerate() {
            let value = self.expr(&arg.value, vars, program)?;
            let place = match (&arg.keyword, callee) {
                (None, _) => k,
                (Some(kw), Callee::Prim(name)) => catalogue::primitive(name)
                    .and_then(|s| s.params.iter().position(|p| *p == kw.name))
                    .ok_or_else(|| format!("{program}: `{name}` has no parameter `{}`", kw.name))?,
                (Some(kw), Callee::Value(_)) => {
                    return Err(format!(
                        "{program}: keyword `{}` in a call of a variable",
                        kw.name
                    ));
                }
            };
            if slots.len() <= place {
                slots.resize(place + 1, None);
            }
            slots[place] = Some(value);
        }
        // Trailing parameters left out take their defaults.
        if let Callee::Prim(name) = callee
            && let Some(sig) = catalogue::primitive(name)
        {
            for (k, default) in sig.defaults.iter().enumerate() {
                let place = sig.min_arity() + k;
                if slots.len() <= place {
                    slots.resize(place + 1, None);
                }
                if slots[place].is_none() {
                    slots[place] = Some(Operand::Prim(
                        catalogue::primitive(default).map_or(*default, |d| d.name),
                    ));
                }
            }
        }
        slots
            .into_iter()
            .map(|s| s.ok_or_else(|| format!("{program}: a missing argument")))
            .collect()
    }

    fn step(&mut self, step: Step) -> StepId {
        if let Some(&id) = self.keys.get(&step) {
            return id;
        }
        let id = self.graph.steps.len();
        self.keys.insert(step.clone(), id);
        self.graph.steps.push(step);
        id
    }

    /// Every step `output` depends on, ascending.
    fn dependencies(&self, output: &Operand) -> Vec<StepId> {
        let mut seen = vec![false; self.graph.steps.len()];
        let mut stack: Vec<StepId> = step_of(output).into_iter().collect();
        while let Some(id) = stack.pop() {
            if seen[id] {
                continue;
            }
            seen[id] = true;
            let step = &self.graph.steps[id];
            if let Callee::Value(op) = &step.callee {
                stack.extend(step_of(op));
            }
            stack.extend(step.args.iter().filter_map(step_of));
        }
        (0..seen.len()).filter(|&k| seen[k]).collect()
    }

    /// The graph with the steps no program uses removed and renumbered.
    fn finish(self) -> Graph {
        let mut graph = self.graph;
        let mut used = vec![false; graph.steps.len()];
        for p in &graph.programs {
            for &k in &p.steps {
                used[k] = true;
            }
        }
        let mut new_id = vec![0; graph.steps.len()];
        let mut steps = Vec::new();
        for (k, step) in graph.steps.into_iter().enumerate() {
            if used[k] {
                new_id[k] = steps.len();
                steps.push(step);
            }
        }
        let renumber = |op: &mut Operand| {
            if let Operand::Step(k) = op {
                *k = new_id[*k];
            }
        };
        for step in &mut steps {
            if let Callee::Value(op) = &mut step.callee {
                renumber(op);
            }
            step.args.iter_mut().for_each(renumber);
        }
        for p in &mut graph.programs {
            renumber(&mut p.output);
            p.steps.iter_mut().for_each(|k| *k = new_id[*k]);
        }
        graph.steps = steps;
        graph
    }
}

fn step_of(op: &Operand) -> Option<StepId> {
    match op {
        Operand::Step(k) => Some(*k),
        _ => None,
    }
}

/// A name as an operand: a variable, a primitive, or a constant.
fn resolve(name: &str, vars: &HashMap<&str, Operand>) -> Option<Operand> {
    if let Some(op) = vars.get(name) {
        return Some(op.clone());
    }
    if let Some(sig) = catalogue::primitive(name) {
        return Some(Operand::Prim(sig.name));
    }
    catalogue::constants()
        .find(|(n, _)| *n == name)
        .map(|(n, _)| Operand::Const(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lower(text: &str) -> Card {
        let (file, errors) = crate::syntax::parse(0, text);
        assert!(errors.is_empty(), "{errors:?}");
        Card::lower(&[&file]).unwrap()
    }

    fn prim(name: &'static str, args: Vec<Operand>) -> Step {
        let default = catalogue::primitive(name).unwrap().default();
        Step {
            callee: Callee::Prim(name),
            args,
            default,
        }
    }

    const I: Operand = Operand::Param(Param::I);

    #[test]
    fn a_differ_step_reads_the_input_through_its_arguments_or_its_callee() {
        let card = lower(
            "def differ_d(S, I, C):\n    x1 = palette(C)\n    x2 = size(x1)\n    \
             x5 = rbind(add, x2)\n    x6 = size(I)\n    x7 = lbind(add, x6)\n    \
             x8 = x5(x2)\n    x9 = x7(x2)\n    O = add(x8, x9)\n    return O\n",
        );
        let graph = &card.differs[0];
        let reads: Vec<(String, bool)> = graph
            .steps
            .iter()
            .zip(graph.reads_input())
            .map(|(step, reads)| {
                let callee = match &step.callee {
                    Callee::Prim(name) => (*name).to_string(),
                    Callee::Value(_) => "call".to_string(),
                };
                (callee, reads)
            })
            .collect();
        let want = [
            ("palette", false),
            ("size", false),
            ("rbind", false),
            ("size", true),
            ("lbind", true),
            ("call", false),
            ("call", true),
            ("add", true),
        ];
        let want: Vec<(String, bool)> = want.iter().map(|&(c, r)| (c.to_string(), r)).collect();
        assert_eq!(reads, want);
    }

    #[test]
    fn a_shared_prefix_is_evaluated_once_and_diverging_steps_stay_apart() {
        let card = lower(
            "def solve_a(I):\n    x1 = rot90(I)\n    x2 = rot90(x1)\n    O = hmirror(x2)\n    return O\n\n\
             def solve_b(I):\n    x1 = rot90(I)\n    x2 = vmirror(x1)\n    O = hmirror(x2)\n    return O\n",
        );
        let g = &card.solvers;
        assert_eq!(
            g.steps,
            vec![
                prim("rot90", vec![I]),
                prim("rot90", vec![Operand::Step(0)]),
                prim("hmirror", vec![Operand::Step(1)]),
                prim("vmirror", vec![Operand::Step(0)]),
                prim("hmirror", vec![Operand::Step(3)]),
            ]
        );
        // Both end in `hmirror(x2)`, but their x2 are different steps.
        assert_eq!(g.programs[0].output, Operand::Step(2));
        assert_eq!(g.programs[1].output, Operand::Step(4));
        assert_eq!(g.programs[0].steps, vec![0, 1, 2]);
        assert_eq!(g.programs[1].steps, vec![0, 3, 4]);
    }

    #[test]
    fn identical_programs_share_every_step() {
        let text = "def solve_a(I):\n    x1 = objects(I, T, F, T)\n    O = argmax(x1, size)\n    return O\n";
        let card = lower(&format!("{text}\n{}", text.replace("solve_a", "solve_b")));
        assert_eq!(card.solvers.steps.len(), 2);
        assert_eq!(
            card.solvers.programs[0].output,
            card.solvers.programs[1].output
        );
        assert_eq!(
            card.solvers.steps[1].args,
            vec![Operand::Step(0), Operand::Prim("size")]
        );
    }

    #[test]
    fn keyword_arguments_take_their_parameters_places() {
        let card = lower(
            "def solve_a(I):\n    O = upscale(factor=TWO, element=I)\n    return O\n\
             def solve_b(I):\n    O = upscale(I, TWO)\n    return O\n",
        );
        assert_eq!(
            card.solvers.steps,
            vec![prim("upscale", vec![I, Operand::Const("TWO")])]
        );
    }

    #[test]
    fn a_left_out_parameter_takes_its_default() {
        let card = lower(
            "def solve_a(I):\n    O = get_nth_by_key_f(I, F0)\n    return O\n\n\
             def solve_b(I):\n    O = get_nth_by_key_f(I, F0, identity)\n    return O\n",
        );
        let steps = &card.solvers.steps;
        assert_eq!(steps.len(), 1, "both calls are the same step: {steps:?}");
        assert_eq!(
            steps[0].args,
            [
                Operand::Param(Param::I),
                Operand::Const("F0"),
                Operand::Prim("identity")
            ]
        );
    }

    #[test]
    fn unused_steps_are_dropped_and_nested_calls_become_steps() {
        let card = lower(
            "def solve_a(I):\n    x1 = rot90(I)\n    O = hmirror(vmirror(I))\n    return O\n",
        );
        assert_eq!(
            card.solvers.steps,
            vec![
                prim("vmirror", vec![I]),
                prim("hmirror", vec![Operand::Step(0)])
            ]
        );
    }

    #[test]
    fn calls_of_variables_are_dynamic_and_differs_stand_alone() {
        let card = lower(
            "def solve_a(I):\n    x1 = lbind(hconcat, I)\n    O = x1(I)\n    return O\n\
             def differ_d(S, I, C):\n    x1 = equality(I, C)\n    return x1\n\
             def helper(I):\n    return I\n",
        );
        let g = &card.solvers;
        assert_eq!(g.steps[1].callee, Callee::Value(Operand::Step(0)));
        assert_eq!(g.steps[1].default, SafeDefault::EmptyTuple);
        assert_eq!(g.programs.len(), 1);
        assert_eq!(card.differs.len(), 1);
        assert_eq!(
            card.differs[0].steps,
            vec![prim("equality", vec![I, Operand::Param(Param::C)])]
        );
        assert_eq!(card.differs[0].programs[0].kind, ProgramKind::Differ);
    }
}

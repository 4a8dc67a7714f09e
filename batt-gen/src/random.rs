//! Random type-correct programs over the catalogue: a benchmark corpus the
//! project owns (issue 14), and the type-directed building blocks program
//! search will mutate with.
//!
//! [`card`] writes `count` solvers `def solve_random_NNNNN(I):`, each of 2
//! to [`Options::max_steps`] steps, in which every call is type-correct
//! under the catalogue's declared types: each argument is `I` (a grid), an
//! earlier step, a named constant or a primitive passed as a function,
//! whose declared type the parameter accepts ([`Type::accepts`]); a
//! function given to a higher-order primitive takes as many arguments as
//! that primitive calls it with ([`PrimSig::calls`]), counting those that
//! `rbind`, `lbind`, `compose`, `fork`, ... build; and the last step
//! returns a `Grid`, a solver's output. Declared types are all it knows:
//! `first(objects(...))` is `Any`, so it never feeds a parameter that
//! wants an `Object`, and a function's argument types are not checked.
//!
//! `random` in the names is no ARC task id: the pairing `own` (each
//! `solve_<task>` on its task) runs these solvers on nothing, and `--pairing
//! all` (every solver on every sample) is the one that evaluates them.
//!
//! A program is built backwards from its output. It draws its length
//! first, then a primitive returning a `Grid`, and while steps are left it
//! draws a primitive among those whose declared return type some open
//! argument accepts (each such primitive equally likely) and makes it the
//! step of one of those arguments. Each open argument reserves the fewest
//! steps that can fill it (an `Object` needs a step: no constant is one),
//! so the program ends with exactly the steps drawn; the arguments still
//! open are then filled with `I`, constants, primitives or earlier steps
//! that do not depend on the step (so some values are shared, as in
//! written solvers). Steps are written in dependency order, `x1`, `x2`,
//! ... and `O` last.
//!
//! The same seed, count and options give the same text on every platform
//! and version: the random numbers come from SplitMix64 implemented here,
//! the catalogue is walked in table order, and program `k` depends only on
//! the seed, `k` and the options (the programs of a card are the first
//! ones of a longer card's).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::catalogue::{self, Calls, PrimSig, Type};
use crate::dialect;

/// What [`card`] generates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The most steps a program has: each has 2 to `max_steps`, drawn
    /// uniformly (a value below 2 counts as 2).
    pub max_steps: usize,
    /// Whether programs may also call the batt dialect's primitives and
    /// use its constants (never its sample-level primitives, which read
    /// `S`, which a solver `(I)` does not have).
    pub dialect: bool,
}

impl Default for Options {
    /// Programs of 2 to 8 steps over the reference primitives.
    fn default() -> Options {
        Options {
            max_steps: 8,
            dialect: false,
        }
    }
}

/// The name of random program `k` (counted from 1): `solve_random_00001`.
pub fn program_name(k: usize) -> String {
    format!("solve_random_{k:05}")
}

/// A card of `count` random type-correct solvers (see the module
/// documentation), the same text for the same arguments.
pub fn card(seed: u64, count: usize, options: &Options) -> String {
    let max_steps = options.max_steps.max(2);
    let vocabulary = Vocabulary::new(options.dialect);
    let mut text = String::new();
    let tables = if options.dialect {
        "reference and dialect primitives"
    } else {
        "reference primitives"
    };
    let _ = writeln!(
        text,
        "# Random card: seed {seed}, {count} programs of 2 to {max_steps} steps over the {tables}\n\
         # (`batt-runtime random-card`). Their names name no ARC task: `--pairing all` runs them.",
    );
    for k in 1..=count {
        let mut rng = SplitMix64::new(mix(seed.wrapping_add(mix(k as u64))));
        let program = Builder::new(&vocabulary, &mut rng).build(max_steps);
        text.push('\n');
        program.write(&program_name(k), &mut text);
    }
    text
}

/// A parameter to fill: the declared type it accepts and, for a function
/// that will be called, with how many arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Want {
    ty: Type,
    calls_with: Option<u8>,
}

impl Want {
    fn of(ty: Type) -> Want {
        Want {
            ty,
            calls_with: None,
        }
    }

    fn function(arity: u8) -> Want {
        Want {
            ty: Type::Callable,
            calls_with: Some(arity),
        }
    }
}

/// A way to fill a [`Want`] with a step: the primitive, what its
/// parameters want, the arity of the function it returns (when it returns
/// one) and the fewest steps it takes, itself included.
#[derive(Debug, Clone)]
struct Expansion {
    prim: &'static PrimSig,
    params: Vec<Want>,
    returns_arity: Option<u8>,
    cost: u32,
}

/// The arities `rbind` and `lbind` bind (Python's `co_argcount` of 2 to 4).
const BOUND_ARITIES: [u8; 3] = [2, 3, 4];

/// Never fillable (a type no primitive, constant or `I` gives).
const UNFILLABLE: u32 = u32::MAX;

/// What programs are made of, for one choice of [`Options::dialect`]:
/// the primitives they call, those they pass as functions (by arity), the
/// constants, and for every [`Want`] reachable from a `Grid` the ways to
/// fill it with a step and the fewest steps that fill it.
#[derive(Debug)]
struct Vocabulary {
    functions: BTreeMap<u8, Vec<&'static str>>,
    constants: Vec<(&'static str, Type)>,
    expansions: BTreeMap<Want, Vec<Expansion>>,
    cost: BTreeMap<Want, u32>,
}

impl Vocabulary {
    fn new(with_dialect: bool) -> Vocabulary {
        let mut tables = vec![catalogue::PRIMITIVES];
        let mut constant_tables = vec![catalogue::CONSTANTS];
        if with_dialect {
            tables.push(dialect::PRIMITIVES);
            constant_tables.push(dialect::CONSTANTS);
        }
        // A solver has no `S`: the sample-level primitives are left out.
        let calls: Vec<&'static PrimSig> = tables
            .into_iter()
            .flatten()
            .filter(|p| !p.param_types.contains(&Type::Samples))
            .collect();
        let mut functions: BTreeMap<u8, Vec<&'static str>> = BTreeMap::new();
        for p in calls.iter().filter(|p| p.defaults.is_empty()) {
            let arity = u8::try_from(p.arity()).unwrap_or(u8::MAX);
            functions.entry(arity).or_default().push(p.name);
        }
        let constants = constant_tables
            .into_iter()
            .flatten()
            .map(|&(name, value)| (name, value.ty()))
            .collect();
        let mut vocabulary = Vocabulary {
            functions,
            constants,
            expansions: BTreeMap::new(),
            cost: BTreeMap::new(),
        };
        // Every want reachable from a solver's output, with its expansions.
        let mut todo = vec![Want::of(Type::Grid)];
        while let Some(want) = todo.pop() {
            if vocabulary.expansions.contains_key(&want) {
                continue;
            }
            let found = expansions(&calls, want);
            todo.extend(found.iter().flat_map(|e| e.params.iter().copied()));
            vocabulary.expansions.insert(want, found);
        }
        vocabulary.settle_costs();
        vocabulary
    }

    /// The fewest steps of every want (0 for a want a leaf fills), found
    /// by relaxing until nothing changes; then each expansion's cost.
    fn settle_costs(&mut self) {
        for &want in self.expansions.keys() {
            let cost = if self.has_leaf(want) { 0 } else { UNFILLABLE };
            self.cost.insert(want, cost);
        }
        let total = |cost: &BTreeMap<Want, u32>, e: &Expansion| {
            e.params.iter().try_fold(1u32, |sum, w| match cost[w] {
                UNFILLABLE => None,
                c => Some(sum + c),
            })
        };
        loop {
            let mut changed = false;
            for (want, found) in &self.expansions {
                let best = found.iter().filter_map(|e| total(&self.cost, e)).min();
                if let Some(best) = best
                    && best < self.cost[want]
                {
                    self.cost.insert(*want, best);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let cost = &self.cost;
        for found in self.expansions.values_mut() {
            for e in found.iter_mut() {
                e.cost = total(cost, e).unwrap_or(UNFILLABLE);
            }
        }
    }

    /// The fewest steps that fill `want`.
    fn cost(&self, want: Want) -> u32 {
        self.cost.get(&want).copied().unwrap_or(UNFILLABLE)
    }

    /// Whether `I`, a constant or a primitive fills `want` without a step.
    fn has_leaf(&self, want: Want) -> bool {
        self.leaves(want)
            .iter()
            .any(|(leaves, _)| !leaves.is_empty())
    }

    /// The leaves that fill `want` by kind, each kind with its weight: `I`,
    /// the constants, the primitives passed as functions.
    fn leaves(&self, want: Want) -> [(Vec<Slot>, usize); 3] {
        let input = if want.ty.accepts(Type::Grid) && want.calls_with.is_none() {
            vec![Slot::Input]
        } else {
            Vec::new()
        };
        let constants = self
            .constants
            .iter()
            .filter(|&&(_, t)| want.ty.accepts(t))
            .map(|&(name, _)| Slot::Name(name))
            .collect();
        let functions = self
            .functions_for(want)
            .iter()
            .map(|&name| Slot::Name(name))
            .collect();
        [(input, 2), (constants, 2), (functions, 2)]
    }

    /// The primitives that fill `want` as functions: those of the arity
    /// it calls with, or of one argument where it is not called.
    fn functions_for(&self, want: Want) -> &[&'static str] {
        if !want.ty.accepts(Type::Callable) {
            return &[];
        }
        let arity = want.calls_with.unwrap_or(1);
        self.functions.get(&arity).map_or(&[], Vec::as_slice)
    }
}

/// Every way a primitive of `calls` fills `want` as a step.
fn expansions(calls: &[&'static PrimSig], want: Want) -> Vec<Expansion> {
    let mut found = Vec::new();
    for &prim in calls.iter().filter(|p| want.ty.accepts(p.ret)) {
        let binds = (0..prim.arity()).any(|k| prim.calls(k) == Some(Calls::Binds));
        // A binder's function takes 2 to 4 arguments; another's is fixed.
        let bound: &[u8] = if binds { &BOUND_ARITIES } else { &[1] };
        for &b in bound {
            let returns_arity = prim.returned_arity(b);
            if want.calls_with.is_some() && returns_arity != want.calls_with {
                continue;
            }
            let params = (0..prim.arity())
                .map(|k| match prim.calls(k) {
                    Some(Calls::With(n)) => Want::function(n),
                    Some(Calls::Binds) => Want::function(b),
                    None => Want::of(prim.param_types[k]),
                })
                .collect();
            found.push(Expansion {
                prim,
                params,
                returns_arity,
                cost: UNFILLABLE,
            });
        }
    }
    found
}

/// An argument of a step.
#[derive(Debug, Clone, Copy)]
enum Slot {
    /// Not filled yet.
    Open(Want),
    /// The input grid `I`.
    Input,
    /// A constant or a primitive passed as a function.
    Name(&'static str),
    /// The value of another step.
    Step(usize),
}

/// One call of a program under construction.
#[derive(Debug)]
struct Node {
    prim: &'static PrimSig,
    args: Vec<Slot>,
    /// The declared return type, and the arity of the function returned.
    ty: Type,
    returns_arity: Option<u8>,
}

/// A program: its steps, the output's first.
#[derive(Debug)]
struct Program {
    nodes: Vec<Node>,
}

/// Builds one program.
struct Builder<'a> {
    vocabulary: &'a Vocabulary,
    rng: &'a mut SplitMix64,
    nodes: Vec<Node>,
}

impl<'a> Builder<'a> {
    fn new(vocabulary: &'a Vocabulary, rng: &'a mut SplitMix64) -> Builder<'a> {
        Builder {
            vocabulary,
            rng,
            nodes: Vec::new(),
        }
    }

    fn build(mut self, max_steps: usize) -> Program {
        let target = 2 + self.rng.below(max_steps - 1);
        let target = u32::try_from(target).unwrap_or(u32::MAX);
        let output = Want::of(Type::Grid);
        let roots: Vec<&Expansion> = self.vocabulary.expansions[&output]
            .iter()
            .filter(|e| e.cost <= target)
            .collect();
        let root = roots[self.rng.below(roots.len())];
        self.add(root);
        let mut used = 1;
        while used < target {
            let Some((node, slot, expansion)) = self.grow(target - used) else {
                break;
            };
            let step = self.add(expansion);
            self.nodes[node].args[slot] = Slot::Step(step);
            used += 1;
        }
        self.fill_leaves();
        Program { nodes: self.nodes }
    }

    /// A new step for `expansion`, its arguments open.
    fn add(&mut self, expansion: &Expansion) -> usize {
        self.nodes.push(Node {
            prim: expansion.prim,
            args: expansion.params.iter().map(|&w| Slot::Open(w)).collect(),
            ty: expansion.prim.ret,
            returns_arity: expansion.returns_arity,
        });
        self.nodes.len() - 1
    }

    /// The open arguments, in node and argument order.
    fn open(&self) -> Vec<(usize, usize, Want)> {
        let mut open = Vec::new();
        for (n, node) in self.nodes.iter().enumerate() {
            for (s, slot) in node.args.iter().enumerate() {
                if let Slot::Open(want) = *slot {
                    open.push((n, s, want));
                }
            }
        }
        open
    }

    /// A new step for an open argument, within the `left` steps still to
    /// add (each open argument keeping the steps it needs): a primitive
    /// first, uniformly among those that fit some open argument (so that
    /// primitives whose types few parameters accept are drawn as often as
    /// the others where they fit), then one of the arguments and
    /// expansions it fits.
    fn grow(&mut self, left: u32) -> Option<(usize, usize, &'a Expansion)> {
        let vocabulary: &'a Vocabulary = self.vocabulary;
        let open = self.open();
        let reserved: u32 = open.iter().map(|&(_, _, w)| vocabulary.cost(w)).sum();
        let mut fits: Vec<(usize, usize, &'a Expansion)> = Vec::new();
        for (node, slot, want) in open {
            let budget = (left + vocabulary.cost(want)).saturating_sub(reserved);
            let found = vocabulary.expansions[&want].iter();
            fits.extend(found.filter(|e| e.cost <= budget).map(|e| (node, slot, e)));
        }
        let mut prims: Vec<&str> = fits.iter().map(|(_, _, e)| e.prim.name).collect();
        prims.sort_unstable();
        prims.dedup();
        if prims.is_empty() {
            return None;
        }
        let prim = prims[self.rng.below(prims.len())];
        fits.retain(|(_, _, e)| e.prim.name == prim);
        Some(fits[self.rng.below(fits.len())])
    }

    /// Fills every open argument with `I`, a constant, a primitive or an
    /// earlier step that does not depend on the argument's step: a kind of
    /// leaf first (a shared step half as often as the others), then one
    /// leaf of that kind. Every argument still open has a leaf: the steps
    /// reserved for the arguments left none open that only a step fills.
    fn fill_leaves(&mut self) {
        for (node, slot, want) in self.open() {
            let shared: Vec<Slot> = (0..self.nodes.len())
                .filter(|&n| self.fits(n, want) && !self.reaches(n, node))
                .map(Slot::Step)
                .collect();
            let kinds: Vec<(Vec<Slot>, usize)> = self
                .vocabulary
                .leaves(want)
                .into_iter()
                .chain([(shared, 1)])
                .filter(|(leaves, _)| !leaves.is_empty())
                .collect();
            let total: usize = kinds.iter().map(|&(_, w)| w).sum();
            let mut draw = self.rng.below(total.max(1));
            for (leaves, weight) in kinds {
                if draw < weight {
                    self.nodes[node].args[slot] = leaves[self.rng.below(leaves.len())];
                    break;
                }
                draw -= weight;
            }
        }
    }

    /// Whether step `n`'s value fills `want`.
    fn fits(&self, n: usize, want: Want) -> bool {
        let node = &self.nodes[n];
        want.ty.accepts(node.ty)
            && (want.calls_with.is_none() || want.calls_with == node.returns_arity)
    }

    /// Whether step `from` uses step `to`'s value (itself included).
    fn reaches(&self, from: usize, to: usize) -> bool {
        let mut stack = vec![from];
        let mut seen = vec![false; self.nodes.len()];
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if std::mem::replace(&mut seen[n], true) {
                continue;
            }
            for slot in &self.nodes[n].args {
                if let Slot::Step(m) = *slot {
                    stack.push(m);
                }
            }
        }
        false
    }
}

impl Program {
    /// Writes `def NAME(I):`, the steps in dependency order and `return O`.
    fn write(&self, name: &str, out: &mut String) {
        // Post-order from the output: every step after those it uses.
        let order = post_order(self.nodes.len(), 0, |n| {
            self.nodes[n].args.iter().filter_map(|slot| match *slot {
                Slot::Step(m) => Some(m),
                _ => None,
            })
        });
        let mut names = vec![String::new(); self.nodes.len()];
        for (k, &n) in order.iter().enumerate() {
            names[n] = if n == 0 {
                "O".to_owned()
            } else {
                format!("x{}", k + 1)
            };
        }
        let _ = writeln!(out, "def {name}(I):");
        for &n in &order {
            let node = &self.nodes[n];
            let args: Vec<&str> = node
                .args
                .iter()
                .map(|slot| match *slot {
                    Slot::Input => "I",
                    Slot::Name(name) => name,
                    Slot::Step(m) => names[m].as_str(),
                    Slot::Open(_) => unreachable!("every argument is filled before writing"),
                })
                .collect();
            let _ = writeln!(
                out,
                "    {} = {}({})",
                names[n],
                node.prim.name,
                args.join(", ")
            );
        }
        let _ = writeln!(out, "    return O");
    }
}

/// The nodes of a graph of `len` nodes reachable from `root`, each after
/// the nodes it uses (`uses(n)`, in argument order, first used first): a
/// post-order, without recursion.
pub(crate) fn post_order<I>(len: usize, root: usize, uses: impl Fn(usize) -> I) -> Vec<usize>
where
    I: DoubleEndedIterator<Item = usize>,
{
    let mut order = Vec::new();
    let mut state = vec![0u8; len]; // 0 new, 1 open, 2 done
    let mut stack = vec![(root, false)];
    while let Some((n, expanded)) = stack.pop() {
        if expanded {
            state[n] = 2;
            order.push(n);
            continue;
        }
        if state[n] != 0 {
            continue;
        }
        state[n] = 1;
        stack.push((n, true));
        for m in uses(n).rev() {
            if state[m] == 0 {
                stack.push((m, false));
            }
        }
    }
    order
}

/// SplitMix64 (Steele, Lea and Flood): a small, fast generator whose
/// sequence is fixed by its definition, so a seed means the same programs
/// everywhere (also the random numbers of program search).
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// The generator whose state starts at `seed`.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64 { state: seed }
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.state)
    }

    /// A number in `0..n` (`n > 0`), by multiply-and-shift.
    pub fn below(&mut self, n: usize) -> usize {
        let wide = u128::from(self.next_u64()) * n as u128;
        usize::try_from(wide >> 64).unwrap_or(0)
    }
}

/// SplitMix64's output function: a bijective mix of 64 bits.
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::{Expr, Program as Parsed};
    use crate::{Source, compile, syntax};
    use std::collections::BTreeSet;

    fn options(max_steps: usize, dialect: bool) -> Options {
        Options { max_steps, dialect }
    }

    /// The programs of a card, parsed.
    fn parse(text: &str) -> Vec<Parsed> {
        let (file, errors) = syntax::parse(0, text);
        assert!(errors.is_empty(), "{text}");
        file.programs
    }

    /// The body of each program (what follows its `def` line).
    fn bodies(text: &str) -> Vec<String> {
        text.split("\ndef ")
            .skip(1)
            .map(|p| p.split_once('\n').map_or("", |(_, body)| body).to_owned())
            .collect()
    }

    /// The declared type of a name in a program, and the arity of the
    /// function it is, if it is one: `I`, a constant, a primitive or an
    /// earlier variable (`vars`).
    fn type_of(name: &str, vars: &BTreeMap<String, (Type, Option<u8>)>) -> (Type, Option<u8>) {
        if name == "I" {
            return (Type::Grid, None);
        }
        if let Some(t) = vars.get(name) {
            return *t;
        }
        if let Some(c) = catalogue::constant(name) {
            return (c.ty(), None);
        }
        let p = catalogue::primitive(name).unwrap_or_else(|| panic!("unknown name {name}"));
        (Type::Callable, u8::try_from(p.arity()).ok())
    }

    /// Checks a program's types as a reader would, from its text and the
    /// catalogue alone: every argument's declared type is accepted by its
    /// parameter, every function given to a higher-order primitive takes
    /// the arguments it is called with, and the output is a `Grid`.
    /// Returns the program's steps.
    fn check_types(program: &Parsed) -> usize {
        let mut vars = BTreeMap::new();
        for step in &program.body {
            let Expr::Call(call) = &step.value else {
                panic!("{}: not a call", program.name.name)
            };
            let prim = catalogue::primitive(&call.callee.name).unwrap();
            assert_eq!(call.args.len(), prim.arity(), "{}", prim.name);
            let mut bound = None;
            for (k, arg) in call.args.iter().enumerate() {
                let Expr::Name(id) = &arg.value else {
                    panic!("{}: literal", program.name.name)
                };
                let (ty, arity) = type_of(&id.name, &vars);
                let param = prim.param_types[k];
                assert!(
                    param.accepts(ty),
                    "{}: {}({}) given {ty:?}",
                    program.name.name,
                    prim.name,
                    prim.params[k]
                );
                match prim.calls(k) {
                    Some(Calls::With(n)) => assert_eq!(arity, Some(n), "{}", prim.name),
                    Some(Calls::Binds) => {
                        assert!(matches!(arity, Some(2..=4)), "{}", prim.name);
                        bound = arity;
                    }
                    None => {}
                }
            }
            let returns = prim.returned_arity(bound.unwrap_or(1));
            vars.insert(step.target.name.clone(), (prim.ret, returns));
        }
        let ret = program.ret.as_ref().unwrap();
        assert_eq!(ret.name, "O");
        assert_eq!(vars["O"].0, Type::Grid, "{}", program.name.name);
        program.body.len()
    }

    #[test]
    fn thousands_of_random_programs_compile_and_are_type_correct() {
        for seed in 0..12 {
            for opts in [options(8, false), options(3, false), options(12, true)] {
                let text = card(seed, 250, &opts);
                let compiled = compile(&[Source {
                    name: "random.py",
                    text: &text,
                }]);
                assert!(compiled.is_ok(), "{}", compiled.unwrap_err());
                for program in parse(&text) {
                    let steps = check_types(&program);
                    assert!((2..=opts.max_steps).contains(&steps), "{steps} steps");
                }
            }
        }
    }

    #[test]
    fn the_same_seed_and_count_give_the_same_card_and_another_seed_another() {
        let opts = Options::default();
        assert_eq!(card(7, 300, &opts), card(7, 300, &opts));
        assert_ne!(bodies(&card(7, 300, &opts)), bodies(&card(8, 300, &opts)));
        assert_ne!(card(7, 300, &opts), card(7, 300, &options(9, false)));
    }

    #[test]
    fn a_card_holds_the_first_programs_of_a_longer_card() {
        let opts = Options::default();
        let short = bodies(&card(3, 40, &opts));
        let long = bodies(&card(3, 400, &opts));
        assert_eq!(short[..], long[..40]);
    }

    #[test]
    fn a_thousand_programs_are_mostly_distinct() {
        let text = card(1, 1000, &Options::default());
        let distinct: BTreeSet<String> = bodies(&text).into_iter().collect();
        assert!(distinct.len() >= 900, "{} distinct", distinct.len());
    }

    #[test]
    fn programs_take_every_length_from_two_to_the_most_steps() {
        let text = card(5, 500, &options(6, false));
        let lengths: BTreeSet<usize> = parse(&text).iter().map(|p| p.body.len()).collect();
        assert_eq!(lengths, (2..=6).collect());
        // A most of 0 or 1 is read as 2.
        let text = card(5, 50, &options(0, false));
        assert!(parse(&text).iter().all(|p| p.body.len() == 2));
    }

    #[test]
    fn programs_are_named_after_no_task_and_counted_from_one() {
        let text = card(0, 3, &Options::default());
        let names: Vec<String> = parse(&text).into_iter().map(|p| p.name.name).collect();
        assert_eq!(
            names,
            [
                "solve_random_00001",
                "solve_random_00002",
                "solve_random_00003"
            ]
        );
        assert!(text.starts_with("# Random card: seed 0, 3 programs of 2 to 8 steps"));
        assert!(
            card(0, 0, &Options::default())
                .lines()
                .all(|l| l.starts_with('#'))
        );
    }

    #[test]
    fn the_dialect_is_called_only_when_asked_and_never_what_reads_samples() {
        let called = |opts: &Options| -> BTreeSet<String> {
            let mut names = BTreeSet::new();
            for program in parse(&card(11, 400, opts)) {
                for step in program.body {
                    let Expr::Call(call) = step.value else {
                        continue;
                    };
                    names.insert(call.callee.name);
                    for arg in call.args {
                        if let Expr::Name(id) = arg.value {
                            names.insert(id.name);
                        }
                    }
                }
            }
            names
        };
        let is_dialect = |n: &String| {
            dialect::PRIMITIVES.iter().any(|p| p.name == *n)
                || dialect::CONSTANTS.iter().any(|(c, _)| c == n)
        };
        assert!(!called(&Options::default()).iter().any(is_dialect));
        let with = called(&options(8, true));
        assert!(with.iter().filter(|n| is_dialect(n)).count() > 20);
        for name in &with {
            if let Some(p) = catalogue::primitive(name) {
                assert!(!p.param_types.contains(&Type::Samples), "{name}");
            }
        }
    }

    #[test]
    fn steps_are_shared_and_functions_are_built_as_well_as_passed() {
        let text = card(2, 3000, &Options::default());
        let programs = parse(&text);
        let uses_twice = programs.iter().any(|p| {
            let mut uses: BTreeMap<&str, usize> = BTreeMap::new();
            for step in &p.body {
                let Expr::Call(call) = &step.value else {
                    continue;
                };
                for arg in &call.args {
                    if let Expr::Name(id) = &arg.value {
                        *uses.entry(id.name.as_str()).or_default() += 1;
                    }
                }
            }
            uses.iter().any(|(n, &c)| n.starts_with('x') && c > 1)
        });
        assert!(uses_twice, "no program shares a step");
        for combinator in ["rbind(", "lbind(", "compose(", "fork(", "apply("] {
            assert!(text.contains(combinator), "{combinator}");
        }
    }

    #[test]
    fn splitmix64_gives_its_published_sequence() {
        // The first outputs for seed 1234567 of the reference C code.
        let mut rng = SplitMix64::new(1_234_567);
        let first: Vec<u64> = (0..3).map(|_| rng.next_u64()).collect();
        assert_eq!(
            first,
            [
                6_457_827_717_110_365_317,
                3_203_168_211_198_807_973,
                9_817_491_932_198_370_423
            ]
        );
    }
}

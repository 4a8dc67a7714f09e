//! The vectorized kernel of a card: CUDA C++ source that evaluates the
//! card's solvers for many lanes (lane = (program, sample)) at once, one
//! thread per lane, with a flag per lane instead of exceptions (DESIGN §6).
//!
//! Every step's value gets a fixed-size device type, inferred here from
//! the types of its operands and the signatures the primitive templates
//! declare (`// sig: fill(Grid, Int, Indices) -> Grid` lines in
//! `kernels/prims/<primitive>.cuh`). Callables (`rbind`, `compose`,
//! `fork`, a primitive used as a value, ...) are known at generation time:
//! they have no device value, and every call of one is expanded in place,
//! so a higher-order template receives a lambda specialised for its
//! argument types. A program with a step no template covers, or one that
//! reads `S` or `C`, is CPU-only, and the report says which step stopped
//! it.
//!
//! The source is self-contained (prelude, the templates the card uses, one
//! device function per program, the kernel), compiles with NVRTC, and
//! compiles as host C++ through `kernels/host_shim.h`, which is how CI
//! checks it against the sequential `batt()` on every sample.

use std::collections::{BTreeSet, HashMap};
use std::fmt::{self, Write as _};
use std::rc::Rc;

use crate::catalogue::{self, ConstValue, SafeDefault, Type};
use crate::ir::{Callee, Card, Operand, Param, ProgramKind, StepId};

/// The prelude every kernel source starts with.
pub const PRELUDE: &str = include_str!("../kernels/prelude.cuh");

/// The host shim (for compiling a kernel source as C++).
pub const HOST_SHIM: &str = include_str!("../kernels/host_shim.h");

/// The host driver (for running a kernel source compiled as C++).
pub const HOST_MAIN: &str = include_str!("../kernels/host_main.cpp");

/// Every primitive template, `(primitive, text)`, in name order.
pub const TEMPLATES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/templates.rs"));

/// A device type.
#[derive(Clone)]
pub enum Ty {
    /// `i64`.
    Int,
    /// `bool`.
    Bool,
    /// Two integers.
    Pair,
    /// A cell `(colour, (i, j))`.
    Cell,
    /// A grid of at most 30x30 cells.
    Grid,
    /// A set of positions in the 30x30 frame.
    Indices,
    /// A set of cells, one per position.
    Object,
    /// A set of disjoint objects.
    Objects,
    /// A set of integers 0..15.
    Colours,
    /// A tuple of integers.
    Ints,
    /// A tuple of grids.
    Grids,
    /// A set of sets of positions.
    Patches,
    /// A tuple of disjoint objects.
    ObjTuple,
    /// A tuple of pairs of integers.
    Pairs,
    /// A tuple of rows of pairs of colours.
    PairRows,
    /// A pair of positions.
    PairPair,
    /// A set of pairs of positions.
    PosPairs,
    /// A set of pairs of objects (`product` of two sets of objects).
    ObjPairs,
    /// A pair of objects.
    ObjPair,
    /// A tuple of a few objects that may overlap.
    ObjList,
    /// A set of grids.
    GridSet,
    /// A tuple of (grid, integer) pairs (`pair` of grids and integers).
    GridInts,
    /// A (grid, integer) pair.
    GridInt,
    /// A tuple of (object, integer) pairs (`pair` of objects and integers).
    ObjInts,
    /// An (object, integer) pair.
    ObjInt,
    /// A tuple of (row, integer) pairs (`pair` of a grid and integers).
    RowInts,
    /// A (row, integer) pair.
    RowInt,
    /// A tuple of integers in runs of equal ones (`repeat` of an integer).
    Runs,
    /// A tuple of such tuples, each one run (`apply` of `repeat`).
    RunsTuple,
    /// A callable known at generation time (no device value).
    Func(Rc<Fun>),
}

impl Ty {
    /// The type's name in signatures and in C++.
    pub fn name(&self) -> &'static str {
        match self {
            Ty::Int => "Int",
            Ty::Bool => "Bool",
            Ty::Pair => "Pair",
            Ty::Cell => "Cell",
            Ty::Grid => "Grid",
            Ty::Indices => "Indices",
            Ty::Object => "Object",
            Ty::Objects => "Objects",
            Ty::Colours => "Colours",
            Ty::Ints => "Ints",
            Ty::Grids => "Grids",
            Ty::Patches => "Patches",
            Ty::ObjTuple => "ObjTuple",
            Ty::Pairs => "Pairs",
            Ty::PairRows => "PairRows",
            Ty::PairPair => "PairPair",
            Ty::PosPairs => "PosPairs",
            Ty::Runs => "Runs",
            Ty::RunsTuple => "RunsTuple",
            Ty::ObjPairs => "ObjPairs",
            Ty::ObjPair => "ObjPair",
            Ty::ObjList => "ObjList",
            Ty::GridSet => "GridSet",
            Ty::GridInts => "GridInts",
            Ty::GridInt => "GridInt",
            Ty::ObjInts => "ObjInts",
            Ty::ObjInt => "ObjInt",
            Ty::RowInts => "RowInts",
            Ty::RowInt => "RowInt",
            Ty::Func(_) => "Fn",
        }
    }

    /// Whether a value of the type lives in the program's frame (a large
    /// value, reached through a pointer) rather than in registers.
    fn framed(&self) -> bool {
        !matches!(
            self,
            Ty::Int | Ty::Bool | Ty::Pair | Ty::Cell | Ty::PairPair | Ty::Colours | Ty::Func(_)
        )
    }

    /// The C++ type of a value.
    pub(crate) fn cxx(&self) -> &'static str {
        match self {
            Ty::Int => "i64",
            Ty::Bool => "bool",
            other => other.name(),
        }
    }

    fn parse(name: &str) -> Option<Ty> {
        Some(match name {
            "Int" => Ty::Int,
            "Bool" => Ty::Bool,
            "Pair" => Ty::Pair,
            "Cell" => Ty::Cell,
            "Grid" => Ty::Grid,
            "Indices" => Ty::Indices,
            "Object" => Ty::Object,
            "Objects" => Ty::Objects,
            "Colours" => Ty::Colours,
            "Ints" => Ty::Ints,
            "Grids" => Ty::Grids,
            "Patches" => Ty::Patches,
            "ObjTuple" => Ty::ObjTuple,
            "Pairs" => Ty::Pairs,
            "PairRows" => Ty::PairRows,
            "PairPair" => Ty::PairPair,
            "PosPairs" => Ty::PosPairs,
            "Runs" => Ty::Runs,
            "ObjPairs" => Ty::ObjPairs,
            "ObjPair" => Ty::ObjPair,
            "ObjList" => Ty::ObjList,
            "GridSet" => Ty::GridSet,
            "GridInts" => Ty::GridInts,
            "GridInt" => Ty::GridInt,
            "ObjInts" => Ty::ObjInts,
            "ObjInt" => Ty::ObjInt,
            "RowInts" => Ty::RowInts,
            "RowInt" => Ty::RowInt,
            "RunsTuple" => Ty::RunsTuple,
            _ => return None,
        })
    }

    /// Whether a value of this type may be passed where `param` is
    /// expected (Python's booleans are integers).
    pub(crate) fn fits(&self, param: &Ty) -> bool {
        match (self, param) {
            (Ty::Func(_), _) | (_, Ty::Func(_)) => false,
            (Ty::Bool, Ty::Int) | (Ty::Int, Ty::Bool) => true,
            (a, b) => a.name() == b.name(),
        }
    }
}

impl fmt::Debug for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A callable known at generation time.
#[derive(Debug, Clone)]
pub enum Fun {
    /// A primitive used as a value.
    Prim(&'static str),
    /// `rbind(f, x)`.
    Rbind(Val, Val),
    /// `lbind(f, x)`.
    Lbind(Val, Val),
    /// `compose(outer, inner)`.
    Compose(Val, Val),
    /// `chain(h, g, f)`.
    Chain(Val, Val, Val),
    /// `fork(outer, a, b)`.
    Fork(Val, Val, Val),
    /// `matcher(f, target)`.
    Matcher(Val, Val),
    /// `power(f, n)` with `n` known.
    Power(Val, u32),
    /// `power(f, n)` with `n` a step's integer: a loop at each call (for
    /// `n < 1` the DSL's step fails and its callable gives `()`).
    PowerN(Val, Val),
    /// `apply(f, xs)` of a callable that makes callables, over a tuple of
    /// integers: the tuple of callables `f(x)`, which only `rapply` takes
    /// (in a loop over `xs`). Not callable itself.
    Made(Val, Val),
    /// `branch(condition, f, g)` of two callables: `f` when the condition
    /// is truthy, else `g`.
    Branch(Val, Val, Val),
    /// `astuple(a, b)` of two callables (`rapply` calls each on one
    /// value), or of two values no device form holds together (`apply`,
    /// `first`, `last` and `size` take it apart at generation time): not
    /// callable itself.
    Tuple(Val, Val),
}

impl Fun {
    /// How many arguments it takes.
    fn arity(&self) -> usize {
        match self {
            Fun::Prim(name) => catalogue::primitive(name).map_or(1, |s| s.arity()),
            Fun::Rbind(f, _) | Fun::Lbind(f, _) => f.arity().saturating_sub(1),
            Fun::Branch(_, f, _) => f.arity(),
            _ => 1,
        }
    }
}

/// A value during generation: its C++ expression and device type.
#[derive(Debug, Clone)]
pub struct Val {
    code: String,
    ty: Ty,
}

impl Val {
    fn new(code: impl Into<String>, ty: Ty) -> Val {
        Val {
            code: code.into(),
            ty,
        }
    }

    fn fun(f: Fun) -> Val {
        Val::new(String::new(), Ty::Func(Rc::new(f)))
    }

    fn arity(&self) -> usize {
        match &self.ty {
            Ty::Func(f) => f.arity(),
            _ => 0,
        }
    }

    /// The two values of a pair of values held apart (`astuple` of two
    /// values no form holds together).
    fn as_tuple(&self) -> Option<(Val, Val)> {
        match &self.ty {
            Ty::Func(f) => match f.as_ref() {
                Fun::Tuple(a, b) if !matches!(a.ty, Ty::Func(_)) => Some((a.clone(), b.clone())),
                _ => None,
            },
            _ => None,
        }
    }
}

/// A parameter type in a template signature.
#[derive(Debug, Clone)]
pub(crate) enum ParamTy {
    /// A value of this type.
    Value(Ty),
    /// A callable taking these types and returning that one.
    Fn(Vec<Ty>, Ty),
}

/// One overload a template declares.
#[derive(Debug, Clone)]
pub(crate) struct Sig {
    pub(crate) params: Vec<ParamTy>,
    pub(crate) ret: Ty,
    pub(crate) cxx: String,
    /// What the overload's value stands for.
    pub(crate) view: View,
}

/// What an overload's device value stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum View {
    /// The value itself.
    Exact,
    /// The value's positions inside the frame (`-> Indices clipped`):
    /// called only where the value's uses ignore the others.
    Clipped,
    /// The set of a tuple's elements (`-> Indices unordered`): the order
    /// and repeats the tuple has are dropped, so that a tuple of positions
    /// or cells takes a set's form; only uses that ignore them may read it
    /// (see [`UNORDERED_SINKS`]).
    Unordered,
}

/// A template: the primitive's overloads, what else it needs, its text.
#[derive(Debug, Clone)]
pub(crate) struct Template {
    pub(crate) sigs: Vec<Sig>,
    pub(crate) needs: Vec<String>,
    pub(crate) text: &'static str,
}

/// Parses `Fn[A, B -> C]` or a type name.
fn parse_param(text: &str) -> Result<ParamTy, String> {
    let text = text.trim();
    if let Some(inner) = text.strip_prefix("Fn[").and_then(|t| t.strip_suffix(']')) {
        let (args, ret) = inner
            .split_once("->")
            .ok_or_else(|| format!("`{text}`: a callable needs `->`"))?;
        let args = args
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(|a| Ty::parse(a).ok_or_else(|| format!("unknown type `{a}`")))
            .collect::<Result<Vec<_>, _>>()?;
        let ret = Ty::parse(ret.trim()).ok_or_else(|| format!("unknown type `{}`", ret.trim()))?;
        return Ok(ParamTy::Fn(args, ret));
    }
    Ty::parse(text)
        .map(ParamTy::Value)
        .ok_or_else(|| format!("unknown type `{text}`"))
}

/// Splits at commas outside brackets.
fn split_top(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (k, ch) in text.char_indices() {
        match ch {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&text[start..k]);
                start = k + 1;
            }
            _ => {}
        }
    }
    if !text[start..].trim().is_empty() {
        parts.push(&text[start..]);
    }
    parts
}

/// Parses a `sig:` line: `name(T1, Fn[A -> B]) -> R [as cxx_name]`.
fn parse_sig(prim: &str, line: &str) -> Result<Sig, String> {
    let k = line
        .rfind(") ->")
        .ok_or_else(|| format!("`{line}`: expected `name(...) -> Type`"))?;
    let (head, rest) = (&line[..=k], &line[k + 4..]);
    let head = head.trim();
    let open = head.find('(').ok_or_else(|| format!("`{line}`: no `(`"))?;
    if head[..open].trim() != prim {
        return Err(format!("`{line}`: the signature names another primitive"));
    }
    let inner = &head[open + 1..head.len() - 1];
    let params = split_top(inner)
        .into_iter()
        .map(parse_param)
        .collect::<Result<Vec<_>, _>>()?;
    let (ret, cxx) = match rest.split_once(" as ") {
        Some((r, c)) => (r.trim(), c.trim().to_owned()),
        None => (rest.trim(), format!("p_{prim}")),
    };
    let (ret, view) = if let Some(r) = ret.strip_suffix(" clipped") {
        (r.trim(), View::Clipped)
    } else if let Some(r) = ret.strip_suffix(" unordered") {
        (r.trim(), View::Unordered)
    } else {
        (ret, View::Exact)
    };
    let ret = Ty::parse(ret).ok_or_else(|| format!("`{line}`: unknown type `{ret}`"))?;
    Ok(Sig {
        params,
        ret,
        cxx,
        view,
    })
}

/// Reads the templates' `// sig:` and `// needs:` lines.
pub(crate) fn templates() -> Result<HashMap<&'static str, Template>, String> {
    let mut out = HashMap::new();
    for &(name, text) in TEMPLATES {
        let mut sigs = Vec::new();
        let mut needs = Vec::new();
        for line in text.lines() {
            let line = line.trim();
            if let Some(sig) = line.strip_prefix("// sig:") {
                sigs.push(parse_sig(name, sig.trim()).map_err(|e| format!("{name}.cuh: {e}"))?);
            } else if let Some(list) = line.strip_prefix("// needs:") {
                needs.extend(list.split(',').map(|n| n.trim().to_owned()));
            }
        }
        if sigs.is_empty() {
            return Err(format!("{name}.cuh declares no `// sig:` line"));
        }
        out.insert(name, Template { sigs, needs, text });
    }
    Ok(out)
}

/// Which programs of a card the kernel covers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    /// The programs the kernel evaluates, by name.
    pub vectorized: Vec<String>,
    /// The others, with the step that stopped each.
    pub cpu_only: Vec<(String, String)>,
    /// The primitives whose templates the kernel uses.
    pub primitives: BTreeSet<String>,
    /// The differs the scoring kernel evaluates, by their index in the
    /// card (at most [`MAX_DEVICE_DIFFERS`]).
    pub differs: Vec<usize>,
    /// The others, by name, with the reason.
    pub differs_cpu_only: Vec<(String, String)>,
}

/// How deep callables run by higher-order templates may nest in a
/// program (a callable's own calls of higher-order templates nest one
/// deeper).
pub const MAX_CALLABLE_DEPTH: usize = 2;

/// The most differs the scoring kernel evaluates (a lane's scored differs
/// are the bits of a 32-bit mask).
pub const MAX_DEVICE_DIFFERS: usize = 32;

impl Coverage {
    /// The share of the card's solvers (hence of its lanes) the kernel covers.
    pub fn share(&self) -> f64 {
        let total = self.vectorized.len() + self.cpu_only.len();
        if total == 0 {
            0.0
        } else {
            self.vectorized.len() as f64 / total as f64
        }
    }
}

/// What a kernel lane's flag says (the kernel writes these values; the
/// runtime reads them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum LaneFlag {
    /// The lane is left to the CPU: a value the device form cannot hold,
    /// or a program the kernel does not evaluate.
    Unrepresentable = 0,
    /// The lane's output is its value.
    Done = 1,
    /// The lane is left to the CPU: a failed step whose safe default the
    /// device form cannot hold.
    NoDefault = 2,
}

impl LaneFlag {
    /// The flag a kernel wrote, when it is one.
    pub fn from_u8(byte: u8) -> Option<LaneFlag> {
        [
            LaneFlag::Unrepresentable,
            LaneFlag::Done,
            LaneFlag::NoDefault,
        ]
        .into_iter()
        .find(|f| *f as u8 == byte)
    }
}

/// The kernel source of a card and what it covers.
pub fn emit(card: &Card, sources: &[&str]) -> Result<(String, Coverage), String> {
    let templates = templates()?;
    let graph = &card.solvers;
    let mut coverage = Coverage::default();
    let mut programs = String::new();
    let mut cases = String::new();
    for (id, program) in graph.programs.iter().enumerate() {
        if !matches!(program.kind, ProgramKind::Solver { .. }) {
            continue;
        }
        if card.dialect.ijc_cells() {
            // The templates lay cells out as `(c, (i, j))`.
            coverage.cpu_only.push((
                program.name.clone(),
                format!(
                    "a `{}` card: its cells are `(i, j, c)`, which the templates do not lay out",
                    card.dialect
                ),
            ));
            continue;
        }
        let mut pg = ProgramGen::new(&templates, graph, false);
        match pg.program(&program.steps, &program.output) {
            Ok(()) => {
                let _ = writeln!(
                    programs,
                    "// {}\nBATT_PROGRAM void prog_{id}(const Grid& I, Grid& out, Lane& lane) {{\n{}{}}}\n",
                    program.name,
                    pg.header(),
                    pg.body
                );
                let _ = writeln!(cases, "        case {id}: prog_{id}(I, out, lane); break;");
                coverage.vectorized.push(program.name.clone());
                coverage.primitives.extend(pg.used);
            }
            Err(why) => coverage.cpu_only.push((program.name.clone(), why)),
        }
    }
    let mut differs = String::new();
    let mut scoring = String::new();
    for (d, differ) in card.differs.iter().enumerate() {
        let Some(program) = differ.programs.first() else {
            continue;
        };
        let why = if d >= MAX_DEVICE_DIFFERS {
            Some(format!(
                "the device scores at most {MAX_DEVICE_DIFFERS} differs"
            ))
        } else if card.dialect.ijc_cells() {
            Some(format!("a `{}` card", card.dialect))
        } else {
            let mut pg = ProgramGen::new(&templates, differ, false);
            pg.differ = true;
            match pg.program(&program.steps, &program.output) {
                Ok(()) => {
                    let _ = writeln!(
                        differs,
                        "// {}\nBATT_PROGRAM i64 differ_{d}(const Grid& I, const Grid& C, Lane& lane) {{\n{}{}}}\n",
                        program.name,
                        pg.header(),
                        pg.body
                    );
                    let _ = writeln!(
                        scoring,
                        "    {{\n        Lane dl = {{false, false, 0}};\n        const i64 s = differ_{d}(out, C, dl);\n        if (!dl.cap && !dl.nodefault) {{\n            scores[k * BATT_DIFFERS + {d}] = s;\n            r.scored |= 1u << {d};\n        }}\n    }}"
                    );
                    coverage.differs.push(d);
                    coverage.primitives.extend(pg.used);
                    None
                }
                Err(why) => Some(why),
            }
        };
        if let Some(why) = why {
            coverage.differs_cpu_only.push((program.name.clone(), why));
        }
    }
    let ordered = ordered_templates(&templates, coverage.primitives.iter().cloned())?;

    let mut out = String::new();
    let _ = writeln!(
        out,
        "// @generated by `cargo xtask gen` from {}.\n// Do not edit: change the cards or the templates and run `cargo xtask gen`.\n//\n// Vectorized: {} of {} solvers.",
        sources.join(", "),
        coverage.vectorized.len(),
        coverage.vectorized.len() + coverage.cpu_only.len()
    );
    for (name, why) in &coverage.cpu_only {
        let _ = writeln!(out, "// CPU-only: {name}: {why}");
    }
    out.push('\n');
    out.push_str(PRELUDE);
    for name in &ordered {
        let _ = writeln!(out, "\n// --- template: {name}");
        out.push_str(templates[name].text);
    }
    out.push_str("\n// --- programs\n\n");
    out.push_str(&programs);
    out.push_str("// --- differs\n\n");
    out.push_str(&differs);
    let _ = write!(
        out,
        "// One lane: program lane_prog[k] on input lane_sample[k], its output in\n\
         // outs[k]. results[k].flag is 1 when the output is the lane's value;\n\
         // otherwise the lane is left to the CPU: 0 for a value the device form\n\
         // cannot hold (or a CPU-only program), 2 for a failed step whose default\n\
         // it cannot hold. results[k].failed counts the steps that took their\n\
         // safe default, and .hash is the output's (the host fetches one grid of\n\
         // each answer; batt_gather fetches the grids it asks for).\n\
         // With `scoring`, a lane whose output is its value is also compared with\n\
         // its sample's expected output (expected[s].h < 0 when the device has\n\
         // none): whether they are equal, and each differ's score (bit d of\n\
         // `scored` set when differ d's score is in scores[k * BATT_DIFFERS + d]).\n\
         // One entry point for both, so that ptxas compiles the programs once.\n\
         #define BATT_DIFFERS {stride}\n\
         // The lane's program, called from one place: the entry point keeps its\n\
         // values across one call, not across one per program.\n\
         BATT_PROGRAM void batt_run(int prog, const Grid& I, Grid& out, Lane& lane) {{\n\
         \x20   switch (prog) {{\n{cases}\
         \x20       default: lane.cap = true; break;\n\
         \x20   }}\n\
         }}\n\
         \n\
         // A done lane's output against its expected output: kept out of the\n\
         // entry point, whose registers it would otherwise crowd.\n\
         BATT_PROGRAM void batt_score(const Grid& out, const Grid& C, long long k, LaneScore& r,\n\
         \x20                            i64* scores) {{\n\
         \x20   r.match = b_eq(out, C) ? 1 : 0;\n\
         {scoring}\
         }}\n\
         \n\
         BATT_KERNEL batt_card(const Grid* inputs, const Grid* expected, int scoring,\n\
         \x20                     const int* lane_prog, const int* lane_sample, int n_lanes, Grid* outs,\n\
         \x20                     LaneScore* results, i64* scores) {{\n\
         \x20   int k = BATT_LANE;\n\
         \x20   if (k >= n_lanes) return;\n\
         \x20   Lane lane = {{false, false, 0}};\n\
         \x20   Grid out = grid_empty();\n\
         \x20   batt_run(lane_prog[k], inputs[lane_sample[k]], out, lane);\n\
         \x20   grid_clean(out);\n\
         \x20   outs[k] = out;\n\
         \x20   LaneScore r;\n\
         \x20   r.hash = grid_hash(outs[k]);\n\
         \x20   r.failed = lane.failed;\n\
         \x20   r.scored = 0;\n\
         \x20   r.flag = lane.cap ? {full} : lane.nodefault ? {nodefault} : {done};\n\
         \x20   r.match = 0;\n\
         \x20   r.empty = out.h == 0 ? 1 : 0;\n\
         \x20   for (int b = 0; b < 5; b++) r.pad[b] = 0;\n\
         \x20   if (scoring && r.flag == {done} && out.h > 0 && expected[lane_sample[k]].h >= 0)\n\
         \x20       batt_score(out, expected[lane_sample[k]], k, r, scores);\n\
         \x20   results[k] = r;\n\
         }}\n\
         \n\
         BATT_KERNEL batt_gather(const Grid* outs, const int* which, int n, Grid* packed) {{\n\
         \x20   int k = BATT_LANE;\n\
         \x20   if (k >= n) return;\n\
         \x20   packed[k] = outs[which[k]];\n\
         }}\n",
        stride = card.differs.len().clamp(1, MAX_DEVICE_DIFFERS),
        full = LaneFlag::Unrepresentable as u8,
        nodefault = LaneFlag::NoDefault as u8,
        done = LaneFlag::Done as u8,
    );
    Ok((out, coverage))
}

/// The templates `names` use, with those they need, in name order except
/// that one another needs comes before it.
pub(crate) fn ordered_templates(
    templates: &HashMap<&'static str, Template>,
    names: impl IntoIterator<Item = String>,
) -> Result<Vec<&'static str>, String> {
    let mut used: Vec<&'static str> = Vec::new();
    let mut queue: Vec<String> = names.into_iter().collect();
    while let Some(name) = queue.pop() {
        if used.contains(&name.as_str()) {
            continue;
        }
        let Some((&key, template)) = templates.get_key_value(name.as_str()) else {
            return Err(format!("a template needs `{name}`, which has none"));
        };
        used.push(key);
        queue.extend(template.needs.iter().cloned());
    }
    used.sort_unstable();
    fn place(
        name: &'static str,
        templates: &HashMap<&'static str, Template>,
        ordered: &mut Vec<&'static str>,
        seen: &mut BTreeSet<&'static str>,
    ) {
        if !seen.insert(name) {
            return;
        }
        if let Some((_, t)) = templates.get_key_value(name) {
            for need in &t.needs {
                if let Some((&key, _)) = templates.get_key_value(need.as_str()) {
                    place(key, templates, ordered, seen);
                }
            }
        }
        ordered.push(name);
    }
    let mut ordered = Vec::new();
    let mut seen = BTreeSet::new();
    for name in used {
        place(name, templates, &mut ordered, &mut seen);
    }
    Ok(ordered)
}

/// The C++ value of a step's safe default in its device type, when the
/// device form holds it (an empty tuple is an empty grid or tuple, an
/// empty frozenset an empty set; `()` as a pair does not fit).
pub(crate) fn default_of(ty: &Ty, default: SafeDefault) -> Option<&'static str> {
    Some(match (ty, default) {
        (Ty::Int, SafeDefault::Zero) => "(i64)0",
        (Ty::Bool, SafeDefault::False) => "false",
        (Ty::Grid, SafeDefault::EmptyTuple) => "grid_empty()",
        (Ty::Ints, SafeDefault::EmptyTuple) => "ints_empty()",
        (Ty::Grids, SafeDefault::EmptyTuple) => "grids_empty()",
        (Ty::ObjTuple, SafeDefault::EmptyTuple) => "objtuple_empty()",
        (Ty::Pairs, SafeDefault::EmptyTuple) => "pairs_empty()",
        (Ty::PairRows, SafeDefault::EmptyTuple) => "pairrows_empty()",
        (Ty::Runs, SafeDefault::EmptyTuple) => "runs_empty()",
        (Ty::RunsTuple, SafeDefault::EmptyTuple) => "runstuple_empty()",
        (Ty::PosPairs, SafeDefault::EmptySet) => "pospairs_empty()",
        (Ty::ObjPairs, SafeDefault::EmptySet) => "objpairs_empty()",
        (Ty::ObjList, SafeDefault::EmptyTuple) => "objlist_empty()",
        (Ty::GridSet, SafeDefault::EmptySet) => "gridset_empty()",
        (Ty::GridInts, SafeDefault::EmptyTuple) => "gridints_empty()",
        (Ty::ObjInts, SafeDefault::EmptyTuple) => "objints_empty()",
        (Ty::RowInts, SafeDefault::EmptyTuple) => "rowints_empty()",
        (Ty::Indices, SafeDefault::EmptySet) => "indices_empty()",
        (Ty::Object, SafeDefault::EmptySet) => "object_empty()",
        (Ty::Objects, SafeDefault::EmptySet) => "objects_empty()",
        (Ty::Colours, SafeDefault::EmptySet) => "Colours{0}",
        (Ty::Patches, SafeDefault::EmptySet) => "patches_empty()",
        _ => return None,
    })
}

/// Argument places where batt's primitive gives the same result (the
/// same value, or an error both ways) for `()` as for the empty frozenset.
/// A failed step whose `()` default the device cannot hold, but whose every
/// use is one of these, gets the empty set of its device type instead
/// (exact: the results downstream are the same). Checked against the
/// primitives by batt-runtime's `kernel_defaults` test.
pub const EMPTY_TUPLE_AS_EMPTY_SET: &[(&str, usize)] = &[
    ("toindices", 0),
    ("subgrid", 0),
    ("mostcolor", 0),
    ("leastcolor", 0),
    ("color", 0),
    ("inbox", 0),
    ("outbox", 0),
    ("backdrop", 0),
    ("delta", 0),
    ("paint", 1),
    ("underpaint", 1),
    ("fill", 2),
    ("underfill", 2),
    ("cover", 1),
    ("recolor", 1),
    ("ulcorner", 0),
    ("uppermost", 0),
    ("leftmost", 0),
    ("size", 0),
];

/// Argument places where batt's primitive fails whenever it is given `()`.
/// A failed step whose `()` default the device cannot hold, and whose
/// every use is one of these, makes those uses fail in turn (they take
/// their own defaults), as they would on the CPU. Checked by the same test.
pub const FAILS_ON_EMPTY_TUPLE: &[(&str, usize)] = &[
    ("first", 0),
    ("last", 0),
    ("connect", 0),
    ("connect", 1),
    ("subgrid", 0),
    ("color", 0),
    ("mostcolor", 0),
];

/// Argument places where a set of positions is read only at positions
/// inside a grid of at most 30x30: a set that dropped its positions
/// outside the 30x30 frame gives these uses exactly what the whole set
/// would.
pub const CLIP_SAFE: &[(&str, usize)] = &[
    ("fill", 2),
    ("underfill", 2),
    ("paint", 1),
    ("underpaint", 1),
    ("cover", 1),
    ("toobject", 0),
    // Only the first operand's positions can be in the difference.
    ("difference", 1),
];

/// Argument places whose result holds, inside the frame, exactly what it
/// would from the operand's positions inside the frame: a set without
/// its outside positions gives a result without its own, as good as the
/// whole where the result's uses are (see [`CLIP_SAFE`]).
pub const CLIP_PASSES: &[(&str, usize)] = &[
    ("combine", 0),
    ("combine", 1),
    ("intersection", 0),
    ("intersection", 1),
    ("difference", 0),
];

/// Argument places that read a tuple only as the set of its elements
/// (positions to fill, cells to paint, a patch's extent), and give a
/// value that no longer depends on its order or repeats: an unordered
/// value (the set of a tuple's elements) gives them exactly what the
/// tuple would.
pub const UNORDERED_SINKS: &[(&str, usize)] = &[
    ("fill", 2),
    ("underfill", 2),
    ("paint", 1),
    ("underpaint", 1),
    ("cover", 1),
    ("recolor", 1),
    ("toobject", 0),
    ("backdrop", 0),
    // Adjacency is a distance between two sets of positions.
    ("adjacent", 0),
    ("adjacent", 1),
];

/// Argument places whose value is a tuple when the argument is one, and
/// whose set of elements follows from the argument's set of elements
/// alone: an unordered argument gives an unordered value.
pub const UNORDERED_PASSES: &[(&str, usize)] = &[
    ("apply", 1),
    ("mapply", 1),
    ("merge", 0),
    ("sfilter", 0),
    ("mfilter", 0),
    ("shift", 0),
    ("combine", 0),
    ("combine", 1),
    // A tuple of two sets of positions held as the set of them.
    ("astuple", 0),
    ("astuple", 1),
    // Either value, as it is.
    ("branch", 1),
    ("branch", 2),
];

/// A use of a step's value by another step.
#[derive(Debug, Clone, Copy)]
enum Use {
    /// Argument `place` of primitive `prim`, which step `by` calls itself.
    Direct {
        by: StepId,
        prim: &'static str,
        place: usize,
    },
    /// Argument `place` of primitive `prim`, which a callable a step calls
    /// passes it to.
    Received { prim: &'static str, place: usize },
    /// A use that cannot be followed: bound into a callable, called, or
    /// the program's output.
    Opaque,
}

/// What a failed step gives when its declared default has no device form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stand {
    /// The empty set of the step's device type (all uses treat `()` alike).
    EmptySet,
    /// Nothing: every use fails on `()`, so the uses fail too.
    Poison,
}

/// The primitive and argument place that first receives argument `arg`
/// when callable `f` is called, for each primitive that does (`fork`
/// passes its argument to two).
fn receivers(f: &Fun, arg: usize, out: &mut Vec<(&'static str, usize)>) -> bool {
    let inner = |v: &Val, arg: usize, out: &mut Vec<(&'static str, usize)>| match &v.ty {
        Ty::Func(g) => receivers(g, arg, out),
        _ => false,
    };
    match f {
        Fun::Prim(name) => {
            out.push((name, arg));
            true
        }
        Fun::Rbind(g, _) => inner(g, arg, out),
        Fun::Lbind(g, _) => inner(g, arg + 1, out),
        Fun::Compose(_, g)
        | Fun::Chain(_, _, g)
        | Fun::Matcher(g, _)
        | Fun::Power(g, _)
        | Fun::PowerN(g, _) => inner(g, arg, out),
        Fun::Fork(_, a, b) | Fun::Branch(_, a, b) => inner(a, arg, out) && inner(b, arg, out),
        Fun::Tuple(..) | Fun::Made(..) => false,
    }
}

/// Whether every primitive that receives argument `place` of callable `f`
/// reads it as a set ([`UNORDERED_SINKS`]).
fn only_sinks(f: &Val, place: usize) -> u8 {
    let Ty::Func(g) = &f.ty else {
        return 0;
    };
    let mut r = Vec::new();
    let sinks = receivers(g, place, &mut r)
        && !r.is_empty()
        && r.iter().all(|u| UNORDERED_SINKS.contains(u));
    if sinks { SINK } else { 0 }
}

/// [`ProgramGen::unordered_result`]: the value goes only to sinks.
const SINK: u8 = 1;
/// [`ProgramGen::unordered_result`]: the value is a result of the
/// callable of a step's own `mapply`, which unites them into the step's
/// value (whose uses are then checked).
const MERGED: u8 = 2;

/// Whether a callable holds a value that a call computes (rather than a
/// step's value, a parameter or a constant): every template call passes
/// the flag `ok` last.
fn captures_a_call(f: &Fun) -> bool {
    let held = |v: &Val| match &v.ty {
        Ty::Func(g) => captures_a_call(g),
        _ => v.code.contains("ok)"),
    };
    match f {
        Fun::Prim(_) => false,
        Fun::Rbind(a, b)
        | Fun::Lbind(a, b)
        | Fun::Compose(a, b)
        | Fun::Matcher(a, b)
        | Fun::Tuple(a, b)
        | Fun::PowerN(a, b)
        | Fun::Made(a, b) => held(a) || held(b),
        Fun::Chain(a, b, c) | Fun::Fork(a, b, c) | Fun::Branch(a, b, c) => {
            held(a) || held(b) || held(c)
        }
        Fun::Power(a, _) => held(a),
    }
}

/// The empty set of a set-like device type.
pub(crate) fn empty_set_of(ty: &Ty) -> Option<&'static str> {
    Some(match ty {
        Ty::Indices => "indices_empty()",
        Ty::Object => "object_empty()",
        Ty::Objects => "objects_empty()",
        Ty::Colours => "Colours{0}",
        Ty::Patches => "patches_empty()",
        Ty::PosPairs => "pospairs_empty()",
        Ty::ObjPairs => "objpairs_empty()",
        Ty::GridSet => "gridset_empty()",
        _ => return None,
    })
}

/// Generation of one program's device function.
struct ProgramGen<'a> {
    templates: &'a HashMap<&'static str, Template>,
    graph: &'a crate::ir::Graph,
    values: HashMap<StepId, Val>,
    body: String,
    used: BTreeSet<String>,
    /// When set, a call without a template is recorded here and given a
    /// guessed type, so that one pass lists every template a card lacks.
    missing: Option<BTreeSet<String>>,
    /// Stand-ins for defaults the device cannot hold, by step.
    stands: HashMap<StepId, Stand>,
    /// How many lambdas enclose the code being generated: a nested
    /// lambda's parameters get names of their own, so that it still sees
    /// the enclosing lambda's.
    depth: usize,
    /// Steps whose value may drop positions outside the frame (every use
    /// is in [`CLIP_SAFE`]).
    clips: BTreeSet<StepId>,
    /// Whether the call being generated gives the step's value itself (or
    /// a part `mapply` unites into it), so that a clipped overload may
    /// serve it.
    clip_result: bool,
    /// Steps that call a template with a clipped overload (anywhere in
    /// their code, callables included).
    clippable: BTreeSet<StepId>,
    /// Whether the step being generated called such a template.
    clippable_call: bool,
    /// Steps whose device value is the set of a tuple's elements.
    views: BTreeSet<StepId>,
    /// Whether the step being generated called an unordered overload.
    unordered_call: bool,
    /// Whether the program is a differ: it reads `C`, the expected output,
    /// and gives an integer score instead of a grid.
    differ: bool,
    /// Inside a callable: whether the call being generated gives a value
    /// that only [`UNORDERED_SINKS`] receive, so that an unordered
    /// overload may serve it (at a step's own call the step's uses are
    /// checked instead).
    unordered_result: u8,
    /// Whether the value of the callable being generated for a step's own
    /// `mapply` came from an unordered overload ([`MERGED`]): the step's
    /// value is then unordered too.
    unordered_in_result: bool,
    /// Names made so far for the loop variables of `power` with a step's
    /// count.
    fresh: usize,
    /// The program's frame: its steps' flags, then its large values, as
    /// members of one local struct reached through the pointer `fr` (see
    /// [`ProgramGen::header`]).
    frame_flags: Vec<String>,
    /// See `frame_flags`.
    frame_values: Vec<String>,
}

impl<'a> ProgramGen<'a> {
    /// A generator for one program; with `guessing`, calls without a
    /// template get a guessed type and are listed (see [`worklist`]).
    fn new(
        templates: &'a HashMap<&'static str, Template>,
        graph: &'a crate::ir::Graph,
        guessing: bool,
    ) -> ProgramGen<'a> {
        ProgramGen {
            templates,
            graph,
            values: HashMap::new(),
            body: String::new(),
            used: BTreeSet::new(),
            missing: guessing.then(BTreeSet::new),
            stands: HashMap::new(),
            depth: 0,
            clips: BTreeSet::new(),
            clip_result: false,
            clippable: BTreeSet::new(),
            clippable_call: false,
            views: BTreeSet::new(),
            unordered_call: false,
            differ: false,
            unordered_result: 0,
            unordered_in_result: false,
            fresh: 0,
            frame_flags: Vec::new(),
            frame_values: Vec::new(),
        }
    }

    /// The lines that open the program's body: its frame. Every step's
    /// flag and every large value is a member of one local struct that
    /// the steps reach through `fr`, which each step takes afresh
    /// (`batt_fresh` in the prelude): NVVM would otherwise compute each
    /// local's address at the function's entry and keep it in registers
    /// to its last use, and ptxas, held to 64 registers, spilled them in
    /// the longest programs. Callables capture `fr` by value, so that it
    /// stays a register. The frame is there even when empty: callables
    /// name it.
    fn header(&self) -> String {
        // The flags first: two bytes each, packed before the aligned values.
        format!(
            "    struct Frame {{\n{}    }} frame;\n    Frame* fr = &frame;\n",
            self.frame_flags
                .iter()
                .chain(&self.frame_values)
                .map(|m| format!("        {m}\n"))
                .collect::<String>()
        )
    }

    /// A new step flag, a member of the frame: the lines that take the
    /// frame afresh and clear the flag go to the body; gives its name.
    fn flag(&mut self, name: &str) -> String {
        self.frame_flags.push(format!("Flag {name};"));
        let _ = writeln!(
            self.body,
            "    fr = batt_fresh(&frame);\n    fr->{name} = {{false, false}};"
        );
        format!("fr->{name}")
    }

    /// The value `name` of type `ty`, computed by `code` under flag `f`:
    /// gives how the program names it and the line that computes it. A
    /// large value is constructed in its place in the frame.
    fn value(&mut self, name: &str, ty: &Ty, code: &str, f: &str) -> (String, String) {
        let cxx = ty.cxx();
        let call = format!("[&](Flag& ok) -> {cxx} {{ return {code}; }}({f})");
        if ty.framed() {
            self.frame_values.push(format!("{cxx} {name};"));
            (
                format!("fr->{name}"),
                format!("    new (&fr->{name}) {cxx}({call});"),
            )
        } else {
            (name.to_owned(), format!("    {cxx} {name} = {call};"))
        }
    }

    /// Generates the program; a second pass gives failed steps whose
    /// defaults the device cannot hold a stand-in where their uses allow.
    fn program(&mut self, steps: &[StepId], output: &Operand) -> Result<(), String> {
        self.pass(steps, output)?;
        let stands = self.plan_stands(steps, output);
        let clips = self.plan_clips(steps, output);
        if stands.is_empty() && clips.is_empty() {
            return Ok(());
        }
        self.stands = stands;
        self.clips = clips;
        self.values.clear();
        self.body.clear();
        self.frame_flags.clear();
        self.frame_values.clear();
        self.views.clear();
        self.pass(steps, output)
    }

    /// Which steps calling a template with a clipped overload (a line, a
    /// shift) can drop their positions outside the frame: those whose
    /// value reaches only [`CLIP_SAFE`] uses, directly or through
    /// [`CLIP_PASSES`] steps whose own values do.
    fn plan_clips(&self, steps: &[StepId], output: &Operand) -> BTreeSet<StepId> {
        let is_patch = |k: &StepId| {
            matches!(
                self.values.get(k).map(|v| &v.ty),
                Some(Ty::Indices | Ty::Object)
            )
        };
        let calls_clippable = |k: &StepId| self.clippable.contains(k);
        if !steps.iter().any(|k| is_patch(k) && calls_clippable(k)) {
            return BTreeSet::new();
        }
        let uses = self.step_uses(steps, output);
        // The largest set of sets of positions whose every use is safe.
        let mut tolerant: BTreeSet<StepId> = steps.iter().copied().filter(is_patch).collect();
        loop {
            let drop: Vec<StepId> = tolerant
                .iter()
                .copied()
                .filter(|k| {
                    !uses
                        .get(k)
                        .map_or(&Vec::new(), |u| u)
                        .iter()
                        .all(|u| match *u {
                            Use::Direct { by, prim, place } => {
                                CLIP_SAFE.contains(&(prim, place))
                                    || (CLIP_PASSES.contains(&(prim, place))
                                        && tolerant.contains(&by))
                            }
                            Use::Received { .. } | Use::Opaque => false,
                        })
                })
                .collect();
            if drop.is_empty() {
                break;
            }
            for k in drop {
                tolerant.remove(&k);
            }
        }
        tolerant.into_iter().filter(calls_clippable).collect()
    }

    /// Step `k`'s reads of unordered values (sets standing for tuples):
    /// each must ignore order and repeats, consuming the set
    /// ([`UNORDERED_SINKS`]) or giving an unordered value in turn
    /// ([`UNORDERED_PASSES`]); `k` is unordered when it made or passed one.
    fn check_views(&mut self, k: StepId, val: &Val, made_view: bool) -> Result<(), String> {
        let step = &self.graph.steps[k];
        let mut passes = made_view;
        for (a, op) in step.args.iter().enumerate() {
            let Operand::Step(j) = op else { continue };
            if !self.views.contains(j) {
                continue;
            }
            let place = match (&step.callee, &val.ty) {
                // Bound into a primitive, which receives it when called.
                (_, Ty::Func(f)) => match f.as_ref() {
                    Fun::Rbind(g, _) | Fun::Lbind(g, _) if a == 1 => match &g.ty {
                        Ty::Func(p) => match p.as_ref() {
                            Fun::Prim(name) => {
                                let arity = catalogue::primitive(name).map_or(0, |s| s.arity());
                                let at = if matches!(f.as_ref(), Fun::Lbind(..)) {
                                    0
                                } else {
                                    arity.saturating_sub(1)
                                };
                                // Only a sink: the callable's own value is
                                // no tuple to follow.
                                Some((*name, at)).filter(|p| UNORDERED_SINKS.contains(p))
                            }
                            _ => None,
                        },
                        _ => None,
                    },
                    _ => None,
                },
                (Callee::Value(_), _) => None,
                (Callee::Prim(name), _) => Some((*name, a)),
            };
            match place {
                Some(p) if UNORDERED_SINKS.contains(&p) => {}
                Some(p) if UNORDERED_PASSES.contains(&p) => passes = true,
                _ => {
                    return Err(format!(
                        "step {k} reads step {j}, a tuple the device holds as a set, where its order or repeats count"
                    ));
                }
            }
        }
        if passes {
            self.views.insert(k);
        }
        Ok(())
    }

    /// Every step's uses by the other steps and the program's output.
    fn step_uses(&self, steps: &[StepId], output: &Operand) -> HashMap<StepId, Vec<Use>> {
        let mut uses: HashMap<StepId, Vec<Use>> = HashMap::new();
        if let Operand::Step(k) = output {
            uses.entry(*k).or_default().push(Use::Opaque);
        }
        for &j in steps {
            let step = &self.graph.steps[j];
            let is_func = matches!(self.values.get(&j).map(|v| &v.ty), Some(Ty::Func(_)));
            for (a, op) in step.args.iter().enumerate() {
                let Operand::Step(k) = op else { continue };
                let entry = uses.entry(*k).or_default();
                match &step.callee {
                    // Bound into a callable: its uses are hard to follow.
                    _ if is_func => entry.push(Use::Opaque),
                    Callee::Prim(name) => entry.push(Use::Direct {
                        by: j,
                        prim: name,
                        place: a,
                    }),
                    Callee::Value(f) => {
                        let mut r = Vec::new();
                        let known = match self.operand(f).map(|v| v.ty) {
                            Ok(Ty::Func(fun)) => receivers(&fun, a, &mut r),
                            _ => false,
                        };
                        if known {
                            entry.extend(
                                r.into_iter()
                                    .map(|(prim, place)| Use::Received { prim, place }),
                            );
                        } else {
                            entry.push(Use::Opaque);
                        }
                    }
                }
            }
            if let Callee::Value(Operand::Step(k)) = &step.callee {
                uses.entry(*k).or_default().push(Use::Opaque);
            }
        }
        uses
    }

    /// Which steps with a default the device cannot hold can stand in
    /// with an empty set, or fail their uses, judging by every use.
    fn plan_stands(&self, steps: &[StepId], output: &Operand) -> HashMap<StepId, Stand> {
        let uses = self.step_uses(steps, output);
        let mut stands = HashMap::new();
        for &k in steps {
            let Some(val) = self.values.get(&k) else {
                continue;
            };
            let step = &self.graph.steps[k];
            if default_of(&val.ty, step.default).is_some()
                || step.default != SafeDefault::EmptyTuple
            {
                continue;
            }
            let Some(list) = uses.get(&k) else { continue };
            // The primitives and places that receive the value; a use that
            // cannot be followed rules out any stand-in.
            let Some(places) = list
                .iter()
                .map(|u| match *u {
                    Use::Direct { prim, place, .. } | Use::Received { prim, place } => {
                        Some((prim, place))
                    }
                    Use::Opaque => None,
                })
                .collect::<Option<Vec<_>>>()
            else {
                continue;
            };
            let all = |table: &[(&str, usize)]| {
                places
                    .iter()
                    .all(|&(name, a)| table.iter().any(|&(n, i)| n == name && i == a))
            };
            let settable = empty_set_of(&val.ty).is_some();
            if settable && all(EMPTY_TUPLE_AS_EMPTY_SET) {
                stands.insert(k, Stand::EmptySet);
            } else if all(FAILS_ON_EMPTY_TUPLE) {
                stands.insert(k, Stand::Poison);
            }
        }
        stands
    }

    fn pass(&mut self, steps: &[StepId], output: &Operand) -> Result<(), String> {
        for &k in steps {
            let step = &self.graph.steps[k];
            let args = step
                .args
                .iter()
                .map(|a| self.operand(a))
                .collect::<Result<Vec<_>, _>>()?;
            self.clip_result = self.clips.contains(&k);
            let val = match &step.callee {
                Callee::Prim(name) => self.prim(name, &args),
                Callee::Value(op) => self.operand(op).and_then(|f| self.call(&f, &args)),
            };
            self.clip_result = false;
            let made_view = std::mem::take(&mut self.unordered_call);
            if std::mem::take(&mut self.clippable_call) {
                self.clippable.insert(k);
            }
            let val = val?;
            self.check_views(k, &val, made_view)?;
            // Uses of a poisoned step fail as they would on `()`.
            let poisoned: Vec<String> = step
                .args
                .iter()
                .filter_map(|a| match a {
                    Operand::Step(j) if self.stands.get(j) == Some(&Stand::Poison) => {
                        Some(format!("p{j}"))
                    }
                    _ => None,
                })
                .collect();
            let val = match val.ty {
                Ty::Func(ref f) if captures_a_call(f) => {
                    // The DSL computes the captured value when the step
                    // runs; inlined, it would be computed (and fail) only
                    // where the callable is called. So it is computed here,
                    // and where it fails (the DSL's step would fail, its
                    // callable give `()`) the lane goes to the CPU.
                    let mut n = 0;
                    let held = self.hoist(k, f, &mut n);
                    if self.stands.get(&k) == Some(&Stand::Poison) {
                        let _ = writeln!(self.body, "    const bool p{k} = false;");
                    }
                    if let Fun::PowerN(_, n) = &held {
                        let _ = writeln!(self.body, "    lane.failed += ({} < 1) ? 1 : 0;", n.code);
                    }
                    Val::fun(held)
                }
                Ty::Func(ref f) => {
                    if self.stands.get(&k) == Some(&Stand::Poison) {
                        // A callable (or a pair held apart) is made without
                        // failing: its uses do not fail for it.
                        let _ = writeln!(self.body, "    const bool p{k} = false;");
                    }
                    if let Fun::PowerN(_, n) = f.as_ref() {
                        // `power` fails for a count under 1 (its callable
                        // then gives `()`).
                        let _ = writeln!(self.body, "    lane.failed += ({} < 1) ? 1 : 0;", n.code);
                    }
                    val
                }
                _ => {
                    // The step runs with a flag of its own; an error gives
                    // the step's safe default (when the device form holds
                    // it; otherwise the lane goes to the CPU).
                    let ty = val.ty.cxx();
                    let f = self.flag(&format!("f{k}"));
                    let (v, made) = self.value(&format!("v{k}"), &val.ty, &val.code, &f);
                    let _ = writeln!(self.body, "{made}");
                    let mut cap = format!("{f}.cap");
                    if !poisoned.is_empty() {
                        // A poisoned argument: the step fails whatever its
                        // value, and what the garbage argument did to the
                        // flags does not count.
                        let any = poisoned.join(" || ");
                        let _ = writeln!(self.body, "    if ({any}) {f}.err = true;");
                        cap = format!("({f}.cap && !({any}))");
                    }
                    // A default replaces the value in place (a large one
                    // constructed where it lives, with no temporary).
                    let set = |d: &str| {
                        if val.ty.framed() {
                            format!("new (&{v}) {ty}({d})")
                        } else {
                            format!("{v} = {d}")
                        }
                    };
                    match (default_of(&val.ty, step.default), self.stands.get(&k)) {
                        (Some(d), _) => {
                            let _ = writeln!(
                                self.body,
                                "    if ({f}.err) {};\n    lane.failed += {f}.err ? 1 : 0;\n    lane.cap = lane.cap || {cap};",
                                set(d)
                            );
                        }
                        (None, Some(Stand::EmptySet)) => {
                            let d = empty_set_of(&val.ty).unwrap_or("{}");
                            let _ = writeln!(
                                self.body,
                                "    if ({f}.err) {};  // () stands as the empty set\n    lane.failed += {f}.err ? 1 : 0;\n    lane.cap = lane.cap || {cap};",
                                set(d)
                            );
                        }
                        (None, Some(Stand::Poison)) => {
                            let _ = writeln!(
                                self.body,
                                "    const bool p{k} = {f}.err;  // (): every use fails\n    lane.failed += {f}.err ? 1 : 0;\n    lane.cap = lane.cap || {cap};"
                            );
                        }
                        (None, None) => {
                            let _ = writeln!(
                                self.body,
                                "    lane.cap = lane.cap || {cap};\n    lane.nodefault = lane.nodefault || {f}.err;"
                            );
                        }
                    }
                    Val::new(v, val.ty)
                }
            };
            self.values.insert(k, val);
        }
        let out = self.operand(output)?;
        match out.ty {
            Ty::Grid if !self.differ => {
                let _ = writeln!(self.body, "    out = {};", out.code);
                Ok(())
            }
            // A tuple of tuples of integers, as `repeat` of integers makes.
            Ty::RunsTuple if !self.differ => {
                let _ = writeln!(self.body, "    out = runstuple_grid({}, lane);", out.code);
                Ok(())
            }
            Ty::Int | Ty::Bool if self.differ => {
                let _ = writeln!(self.body, "    return (i64)({});", out.code);
                Ok(())
            }
            other if self.differ => Err(format!("its score is {other:?}, not an integer")),
            other => Err(format!("its output is {other:?}, not a grid")),
        }
    }

    /// Whether callable `f` of one integer gives a callable.
    fn makes_callables(&mut self, f: &Val) -> bool {
        let saved = (
            self.used.clone(),
            self.fresh,
            self.clippable_call,
            self.unordered_call,
        );
        let r = self.call(f, &[Val::new("x", Ty::Int)]);
        (
            self.used,
            self.fresh,
            self.clippable_call,
            self.unordered_call,
        ) = saved;
        matches!(
            r,
            Ok(Val {
                ty: Ty::Func(_),
                ..
            })
        )
    }

    /// The callable `f` of step `k` with each value it holds that a call
    /// computes computed once, at the step, into a variable of its own.
    fn hoist(&mut self, k: StepId, f: &Fun, n: &mut usize) -> Fun {
        let mut h = |this: &mut Self, v: &Val| -> Val {
            match &v.ty {
                Ty::Func(g) => Val::fun(this.hoist(k, g, n)),
                ty if v.code.contains("ok)") => {
                    *n += 1;
                    let f = this.flag(&format!("h{k}_{n}"));
                    let (hv, made) = this.value(&format!("hv{k}_{n}"), ty, &v.code, &f);
                    let _ = writeln!(
                        this.body,
                        "{made}\n    lane.cap = lane.cap || {f}.err || {f}.cap;"
                    );
                    Val::new(hv, ty.clone())
                }
                _ => v.clone(),
            }
        };
        match f {
            Fun::Prim(name) => Fun::Prim(name),
            Fun::Rbind(a, b) => Fun::Rbind(h(self, a), h(self, b)),
            Fun::Lbind(a, b) => Fun::Lbind(h(self, a), h(self, b)),
            Fun::Compose(a, b) => Fun::Compose(h(self, a), h(self, b)),
            Fun::Matcher(a, b) => Fun::Matcher(h(self, a), h(self, b)),
            Fun::Tuple(a, b) => Fun::Tuple(h(self, a), h(self, b)),
            Fun::PowerN(a, b) => Fun::PowerN(h(self, a), h(self, b)),
            Fun::Made(a, b) => Fun::Made(h(self, a), h(self, b)),
            Fun::Chain(a, b, c) => Fun::Chain(h(self, a), h(self, b), h(self, c)),
            Fun::Fork(a, b, c) => Fun::Fork(h(self, a), h(self, b), h(self, c)),
            Fun::Branch(a, b, c) => Fun::Branch(h(self, a), h(self, b), h(self, c)),
            Fun::Power(a, m) => Fun::Power(h(self, a), *m),
        }
    }

    fn operand(&self, op: &Operand) -> Result<Val, String> {
        Ok(match op {
            Operand::Param(Param::I) => Val::new("I", Ty::Grid),
            Operand::Param(Param::S) => return Err("it reads S".into()),
            Operand::Param(Param::C) if self.differ => Val::new("C", Ty::Grid),
            Operand::Param(Param::C) => return Err("it reads C".into()),
            Operand::Step(k) => self
                .values
                .get(k)
                .cloned()
                .ok_or_else(|| format!("step {k} comes before its value"))?,
            Operand::Prim(name) => Val::fun(Fun::Prim(name)),
            Operand::Const(name) => match catalogue::constant(name) {
                Some(ConstValue::Bool(b)) => Val::new(b.to_string(), Ty::Bool),
                Some(ConstValue::Int(n)) => Val::new(format!("(i64){n}"), Ty::Int),
                Some(ConstValue::Pair(a, b)) => Val::new(format!("Pair{{{a}, {b}}}"), Ty::Pair),
                None => return Err(format!("unknown constant {name}")),
            },
            Operand::Int(n) => Val::new(format!("(i64){n}"), Ty::Int),
        })
    }

    /// A call of a primitive: a combinator builds a callable, anything
    /// else needs a template overload for the argument types.
    fn prim(&mut self, name: &'static str, args: &[Val]) -> Result<Val, String> {
        // Only this call gives the clipped value, not the calls inside it
        // (but `mapply` unites its callable's results into its own).
        let clip = std::mem::take(&mut self.clip_result);
        let unordered_ok = std::mem::take(&mut self.unordered_result);
        let fun = |k: usize| -> Result<Val, String> {
            match args.get(k) {
                Some(v) if matches!(v.ty, Ty::Func(_)) => Ok(v.clone()),
                _ => Err(format!("`{name}` of a value that is not a known callable")),
            }
        };
        let arg = |k: usize| -> Result<Val, String> {
            args.get(k)
                .cloned()
                .ok_or_else(|| format!("`{name}` is missing an argument"))
        };
        match name {
            "branch" if args.iter().skip(1).any(|a| matches!(a.ty, Ty::Func(_))) => {
                let condition = arg(0)?;
                if matches!(condition.ty, Ty::Func(_)) {
                    return Err("`branch` on a callable".into());
                }
                let (f, g) = (fun(1)?, fun(2)?);
                if f.arity() != g.arity() {
                    return Err("`branch` of callables of different arities".into());
                }
                return Ok(Val::fun(Fun::Branch(condition, f, g)));
            }
            "rbind" => return Ok(Val::fun(Fun::Rbind(fun(0)?, arg(1)?))),
            "lbind" => return Ok(Val::fun(Fun::Lbind(fun(0)?, arg(1)?))),
            "compose" => return Ok(Val::fun(Fun::Compose(fun(0)?, fun(1)?))),
            "chain" => return Ok(Val::fun(Fun::Chain(fun(0)?, fun(1)?, fun(2)?))),
            "fork" => return Ok(Val::fun(Fun::Fork(fun(0)?, fun(1)?, fun(2)?))),
            "matcher" => return Ok(Val::fun(Fun::Matcher(fun(0)?, arg(1)?))),
            "astuple" if args.iter().all(|a| matches!(a.ty, Ty::Func(_))) => {
                return Ok(Val::fun(Fun::Tuple(fun(0)?, fun(1)?)));
            }
            "apply" | "first" | "last" | "size" if args.iter().any(|a| a.as_tuple().is_some()) => {
                let Some((a, b)) = args.last().and_then(Val::as_tuple) else {
                    return Err(format!("`{name}` of a pair of values as a callable"));
                };
                return match (name, args) {
                    ("first", [_]) => Ok(a),
                    ("last", [_]) => Ok(b),
                    ("size", [_]) => Ok(Val::new("(i64)2", Ty::Int)),
                    ("apply", [f, _]) if matches!(f.ty, Ty::Func(_)) => {
                        let ra = self.call(f, &[a])?;
                        let rb = self.call(f, &[b])?;
                        self.prim("astuple", &[ra, rb])
                    }
                    _ => Err(format!("`{name}` of a pair of values")),
                };
            }
            "apply"
                if matches!(args, [f, xs] if matches!(f.ty, Ty::Func(_)) && matches!(xs.ty, Ty::Ints))
                    && self.makes_callables(&args[0]) =>
            {
                return Ok(Val::fun(Fun::Made(args[0].clone(), args[1].clone())));
            }
            "rapply" if matches!(args.first().map(|f| &f.ty), Some(Ty::Func(m)) if matches!(m.as_ref(), Fun::Made(..))) =>
            {
                let Some(Ty::Func(m)) = args.first().map(|f| &f.ty) else {
                    return Err("`rapply` of no callables".into());
                };
                let Fun::Made(f, xs) = m.as_ref() else {
                    return Err("`rapply` of no callables".into());
                };
                let v = arg(1)?;
                self.fresh += 1;
                let (e, k, t) = (
                    format!("me{}", self.fresh),
                    format!("mk{}", self.fresh),
                    format!("mt{}", self.fresh),
                );
                let g = self.call(f, &[Val::new(e.clone(), Ty::Int)])?;
                let r = self.call(&g, &[v])?;
                // The tuple of the results, in the order of `xs`.
                let (ty, empty, put) = match r.ty {
                    Ty::Object => (
                        Ty::ObjList,
                        "objlist_empty()",
                        format!(
                            "if ({k} >= BATT_OBJLIST) {{ ok.full(); break; }} {t}.o[{k}] = {}; {t}.n = {k} + 1;",
                            r.code
                        ),
                    ),
                    Ty::Grid => (
                        Ty::Grids,
                        "grids_empty()",
                        format!("grids_push({t}, {}, ok);", r.code),
                    ),
                    Ty::Int => (
                        Ty::Ints,
                        "ints_empty()",
                        format!("ints_push({t}, {}, ok);", r.code),
                    ),
                    other => return Err(format!("`rapply` of callables giving {other:?}")),
                };
                let cxx = ty.cxx();
                return Ok(Val::new(
                    format!(
                        "[&]() -> {cxx} {{ {cxx} {t} = {empty}; for (int {k} = 0; {k} < {xs}.n && {k} < BATT_INTS; {k}++) {{ const i64 {e} = {xs}.v[{k}]; {put} }} return {t}; }}()",
                        xs = xs.code
                    ),
                    ty,
                ));
            }
            "rapply" => {
                let fs = fun(0)?;
                let Ty::Func(pair) = &fs.ty else {
                    return Err("`rapply` of a value that is not a known callable".into());
                };
                let Fun::Tuple(f, g) = pair.as_ref() else {
                    return Err("`rapply` of callables other than a pair of them".into());
                };
                let x = arg(1)?;
                let a = self.call(f, std::slice::from_ref(&x))?;
                let b = self.call(g, &[x])?;
                // The tuple of the two results, in order.
                let (ty, empty, push) = match (&a.ty, &b.ty) {
                    (Ty::Grid, Ty::Grid) => (Ty::Grids, "grids_empty()", "grids_push"),
                    (Ty::Int, Ty::Int) => (Ty::Ints, "ints_empty()", "ints_push"),
                    (Ty::Pair, Ty::Pair) => (Ty::Pairs, "pairs_empty()", "pairs_push"),
                    (a, b) => {
                        return Err(format!("`rapply` of callables giving {a:?} and {b:?}"));
                    }
                };
                let cxx = ty.cxx();
                return Ok(Val::new(
                    format!(
                        "[&]() -> {cxx} {{ {cxx} t = {empty}; {push}(t, {}, ok); {push}(t, {}, ok); return t; }}()",
                        a.code, b.code
                    ),
                    ty,
                ));
            }
            "power" => {
                let n = match args.get(1).map(|a| (a.code.as_str(), &a.ty)) {
                    Some((code, Ty::Int)) => code
                        .trim_start_matches("(i64)")
                        .parse::<u32>()
                        .ok()
                        .filter(|n| (1..=8).contains(n)),
                    _ => None,
                };
                return Ok(Val::fun(match n {
                    Some(n) => Fun::Power(fun(0)?, n),
                    None => match arg(1)? {
                        count if matches!(count.ty, Ty::Int) => Fun::PowerN(fun(0)?, count),
                        _ => return Err("`power` needs an integer count".into()),
                    },
                }));
            }
            _ => {}
        }
        let empty = Vec::new();
        let sigs = self.templates.get(name).map_or(&empty, |t| &t.sigs);
        // Overloads whose types match exactly come first, then those that
        // take a Bool for an Int or the other way round; a clipped value
        // takes a clipped overload where there is one.
        // An unordered value only at a step's own call (not inside a
        // callable), where its uses can be checked.
        let mut too_deep: Option<String> = None;
        let ordered = sigs
            .iter()
            .filter(|s| s.view == View::Clipped)
            .chain(sigs.iter().filter(|s| s.view != View::Clipped));
        for (sig, exact) in ordered
            .clone()
            .map(|s| (s, true))
            .chain(ordered.map(|s| (s, false)))
        {
            if sig.params.len() != args.len()
                || (sig.view == View::Clipped && !clip)
                || (sig.view == View::Unordered && self.depth > 0 && unordered_ok == 0)
            {
                continue;
            }
            // A callable tried for an overload that does not fit leaves no
            // mark of what it called.
            let marked = self.clippable_call;
            let mut codes = Vec::new();
            let mut fits = true;
            let mut merged_view = false;
            for (param, a) in sig.params.iter().zip(args) {
                match param {
                    ParamTy::Value(t) if (!exact && a.ty.fits(t)) || a.ty.name() == t.name() => {
                        codes.push(a.code.clone())
                    }
                    ParamTy::Fn(ps, r) if a.arity() == ps.len() => {
                        self.clip_result = clip && name == "mapply";
                        let merges = self.depth == 0 && name == "mapply";
                        self.unordered_result = if merges { MERGED } else { 0 };
                        self.unordered_in_result = false;
                        let code = self.lambda(a, ps, r);
                        self.clip_result = false;
                        self.unordered_result = 0;
                        merged_view |= std::mem::take(&mut self.unordered_in_result);
                        match code {
                            Ok(code) => codes.push(code),
                            Err(why) => {
                                if why.contains("nested more than") {
                                    too_deep = Some(why);
                                }
                                fits = false;
                                break;
                            }
                        }
                    }
                    _ => {
                        fits = false;
                        break;
                    }
                }
            }
            if !fits {
                self.clippable_call = marked;
            } else {
                self.used.insert(name.to_owned());
                // Inside a callable its consumer was checked (a sink), or
                // it is merged into this step's value, a view then.
                self.unordered_call |=
                    (sig.view == View::Unordered && self.depth == 0) || merged_view;
                if sig.view == View::Unordered && self.depth > 0 && unordered_ok == MERGED {
                    self.unordered_in_result = true;
                }
                self.clippable_call |= sigs.iter().any(|s| s.view == View::Clipped);
                codes.push("ok".to_owned());
                return Ok(Val::new(
                    format!("{}({})", sig.cxx, codes.join(", ")),
                    sig.ret.clone(),
                ));
            }
        }
        if let Some(why) = too_deep {
            return Err(why);
        }
        if let ("astuple", [a, b]) = (name, args)
            && self.missing.is_none()
            && !matches!(a.ty, Ty::Func(_))
            && !matches!(b.ty, Ty::Func(_))
        {
            // Two values no form holds together: taken apart where used.
            return Ok(Val::fun(Fun::Tuple(a.clone(), b.clone())));
        }
        let wanted = format!("{name}[{}]", self.describe(args));
        if self.missing.is_some() {
            let guess = guess(name, args);
            if let Some(missing) = &mut self.missing {
                missing.insert(wanted.clone());
            }
            if let Some(ty) = guess {
                return Ok(Val::new(format!("/*{wanted}*/"), ty));
            }
            return Err(format!("cannot guess the type of `{wanted}`"));
        }
        Err(format!("no template for `{wanted}`"))
    }

    /// The argument types of a call, for messages: a one-argument
    /// callable given with a container shows what it gives for one
    /// element (`apply[Fn[Int -> Indices], Ints]`).
    fn describe(&mut self, args: &[Val]) -> String {
        let element = args.iter().find_map(|a| element_of(&a.ty));
        let parts: Vec<String> = args
            .iter()
            .map(|a| match (&a.ty, &element) {
                (Ty::Func(_), Some(e)) if a.arity() == 1 => {
                    let saved = (
                        self.used.clone(),
                        self.missing.take(),
                        self.depth,
                        self.clippable_call,
                    );
                    self.depth += 1;
                    let r = self.call(a, &[Val::new("x", e.clone())]);
                    (self.used, self.missing, self.depth, self.clippable_call) = saved;
                    match r {
                        Ok(v) => format!("Fn[{e:?} -> {:?}]", v.ty),
                        // What stopped the callable, for the message.
                        Err(why) => format!("Fn[{e:?} -> ? ({why})]"),
                    }
                }
                (t, _) => format!("{t:?}"),
            })
            .collect();
        parts.join(", ")
    }

    /// A lambda for callable `f` taking `params` and returning `ret`.
    fn lambda(&mut self, f: &Val, params: &[Ty], ret: &Ty) -> Result<String, String> {
        // Each callable a higher-order template runs goes over up to a
        // whole grid's worth of elements; three deep, a lane could do
        // 900^3 calls, which no device lane can afford (and the CPU's work
        // budget would cut short).
        if self.depth >= MAX_CALLABLE_DEPTH {
            return Err(format!(
                "callables nested more than {MAX_CALLABLE_DEPTH} deep in higher-order calls: too much work for one lane"
            ));
        }
        // `a0`, `a1`, ... at the outermost lambda; `d1a0`, ... inside one.
        let prefix = match self.depth {
            0 => String::new(),
            d => format!("d{d}"),
        };
        let args: Vec<Val> = params
            .iter()
            .enumerate()
            .map(|(k, t)| Val::new(format!("{prefix}a{k}"), t.clone()))
            .collect();
        let used = self.used.clone();
        self.depth += 1;
        let body = self.call(f, &args);
        self.depth -= 1;
        let body = body?;
        if !body.ty.fits(ret) {
            self.used = used;
            return Err(format!("returns {:?}, not {ret:?}", body.ty));
        }
        let list: Vec<String> = args
            .iter()
            .map(|a| format!("const {}& {}", a.ty.cxx(), a.code))
            .chain(std::iter::once("Flag& ok".to_owned()))
            .collect();
        Ok(format!(
            "[&, fr]({}) -> {} {{ return {}; }}",
            list.join(", "),
            ret.cxx(),
            body.code
        ))
    }

    /// A call of a known callable, expanded in place.
    fn call(&mut self, f: &Val, args: &[Val]) -> Result<Val, String> {
        let Ty::Func(fun) = &f.ty else {
            return Err(format!("a call of a {:?}", f.ty));
        };
        let one = |args: &[Val]| -> Result<Val, String> {
            match args {
                [a] => Ok(a.clone()),
                _ => Err("a one-argument callable given more".into()),
            }
        };
        match fun.as_ref() {
            Fun::Prim(name) => self.prim(name, args),
            Fun::Rbind(g, x) => {
                let mut all = args.to_vec();
                all.push(x.clone());
                self.call(g, &all)
            }
            Fun::Lbind(g, x) => {
                let mut all = vec![x.clone()];
                all.extend_from_slice(args);
                self.call(g, &all)
            }
            // Only the outermost call gives the value (a clipped one
            // included): the inner calls' values are arguments.
            Fun::Compose(outer, inner) => {
                let clip = std::mem::take(&mut self.clip_result);
                let unordered = std::mem::take(&mut self.unordered_result);
                self.unordered_result = only_sinks(outer, 0);
                let v = self.call(inner, &[one(args)?])?;
                self.clip_result = clip;
                self.unordered_result = unordered;
                self.call(outer, &[v])
            }
            Fun::Chain(h, g, f) => {
                let clip = std::mem::take(&mut self.clip_result);
                let unordered = std::mem::take(&mut self.unordered_result);
                self.unordered_result = only_sinks(g, 0);
                let v = self.call(f, &[one(args)?])?;
                self.unordered_result = only_sinks(h, 0);
                let v = self.call(g, &[v])?;
                self.clip_result = clip;
                self.unordered_result = unordered;
                self.call(h, &[v])
            }
            Fun::Fork(outer, a, b) => {
                // A union's operands are parts of the value too.
                let clip = std::mem::take(&mut self.clip_result);
                let unites =
                    matches!(&outer.ty, Ty::Func(f) if matches!(f.as_ref(), Fun::Prim("combine")));
                let x = one(args)?;
                let unordered = std::mem::take(&mut self.unordered_result);
                self.clip_result = clip && unites;
                self.unordered_result = only_sinks(outer, 0);
                let va = self.call(a, std::slice::from_ref(&x))?;
                self.clip_result = clip && unites;
                self.unordered_result = only_sinks(outer, 1);
                let vb = self.call(b, &[x])?;
                self.clip_result = clip;
                self.unordered_result = unordered;
                self.call(outer, &[va, vb])
            }
            Fun::Matcher(g, target) => {
                self.clip_result = false;
                self.unordered_result = 0;
                let v = self.call(g, &[one(args)?])?;
                self.prim("equality", &[v, target.clone()])
            }
            Fun::Power(g, n) => {
                let clip = std::mem::take(&mut self.clip_result);
                let unordered = std::mem::take(&mut self.unordered_result);
                let mut v = one(args)?;
                for k in 0..*n {
                    self.clip_result = clip && k + 1 == *n;
                    self.unordered_result = if k + 1 == *n {
                        unordered
                    } else {
                        only_sinks(g, 0)
                    };
                    v = self.call(g, &[v])?;
                }
                Ok(v)
            }
            Fun::Branch(condition, f, g) => {
                let clip = self.clip_result;
                let unordered = self.unordered_result;
                let a = self.call(f, args)?;
                self.clip_result = clip;
                self.unordered_result = unordered;
                let b = self.call(g, args)?;
                if matches!(a.ty, Ty::Func(_)) || a.ty.name() != b.ty.name() {
                    return Err(format!(
                        "`branch` of callables giving {:?} and {:?}",
                        a.ty, b.ty
                    ));
                }
                // Only the chosen callable runs, as in the DSL.
                Ok(Val::new(
                    format!("(b_truthy({}) ? {} : {})", condition.code, a.code, b.code),
                    a.ty,
                ))
            }
            Fun::Tuple(..) | Fun::Made(..) => Err("a call of a tuple of callables".into()),
            Fun::PowerN(g, n) => {
                // The value after one call fixes the type every call keeps.
                self.clip_result = false;
                self.unordered_result = 0;
                let x = one(args)?;
                let first = self.call(g, &[x])?;
                let ty = first.ty.clone();
                let empty = default_of(&ty, SafeDefault::EmptyTuple)
                    .ok_or_else(|| format!("`power` of a callable giving {ty:?}"))?;
                self.fresh += 1;
                let (v, k) = (format!("pw{}", self.fresh), format!("pk{}", self.fresh));
                let again = self.call(g, &[Val::new(v.clone(), ty.clone())])?;
                if matches!(ty, Ty::Func(_)) || again.ty.name() != ty.name() {
                    return Err(format!(
                        "`power` of a callable from {ty:?} to {:?}",
                        again.ty
                    ));
                }
                let cxx = ty.cxx();
                // Counts past 64 are left to the CPU.
                Ok(Val::new(
                    format!(
                        "[&]() -> {cxx} {{ if ({n} < 1) return {empty}; if ({n} > 64) {{ ok.full(); return {empty}; }} {cxx} {v} = {first}; for (i64 {k} = 1; {k} < {n}; {k}++) {v} = {again}; return {v}; }}()",
                        n = n.code,
                        first = first.code,
                        again = again.code
                    ),
                    ty,
                ))
            }
        }
    }
}

/// The device type of a container's elements.
fn element_of(ty: &Ty) -> Option<Ty> {
    Some(match ty {
        Ty::Objects => Ty::Object,
        Ty::Indices => Ty::Pair,
        Ty::Ints | Ty::Colours => Ty::Int,
        Ty::Grids => Ty::Grid,
        Ty::Patches => Ty::Indices,
        Ty::Object => Ty::Cell,
        Ty::Grid => Ty::Ints,
        Ty::ObjTuple => Ty::Object,
        Ty::Pairs => Ty::Pair,
        Ty::PairRows => Ty::Pairs,
        Ty::PosPairs => Ty::PairPair,
        Ty::ObjPairs => Ty::ObjPair,
        Ty::ObjList => Ty::Object,
        Ty::GridSet => Ty::Grid,
        Ty::GridInts => Ty::GridInt,
        Ty::ObjInts => Ty::ObjInt,
        Ty::RowInts => Ty::RowInt,
        Ty::Runs => Ty::Int,
        Ty::RunsTuple => Ty::Runs,
        _ => return None,
    })
}

/// The device type a primitive without a template would most likely
/// return, for [`worklist`].
fn guess(name: &str, args: &[Val]) -> Option<Ty> {
    let arg = |k: usize| args.get(k).map(|a| a.ty.clone());
    let element = |t: Option<Ty>| element_of(&t?);
    let sig = catalogue::primitive(name)?;
    Some(match (name, sig.ret) {
        ("identity", _) => arg(0)?,
        ("branch", _) => arg(1)?,
        (
            "first" | "last" | "argmax" | "argmin" | "extract" | "other" | "mostcommon"
            | "leastcommon",
            _,
        ) => element(arg(0))?,
        ("merge" | "mfilter", _) => match arg(0)? {
            Ty::Objects => Ty::Object,
            _ => return None,
        },
        (
            "shift" | "normalize" | "hmirror" | "vmirror" | "dmirror" | "cmirror" | "upscale"
            | "combine" | "difference" | "intersection" | "sfilter" | "sizefilter" | "dedupe",
            _,
        ) => arg(0)?,
        ("remove" | "insert", _) => arg(1)?,
        ("hsplit" | "vsplit", _) => Ty::Grids,
        ("interval" | "totuple", _) => Ty::Ints,
        ("initset", _) => match arg(0)? {
            Ty::Pair => Ty::Indices,
            Ty::Object => Ty::Objects,
            _ => return None,
        },
        ("apply" | "mapply", _) => {
            let Ty::Func(f) = arg(0)? else { return None };
            let elem = element(arg(1))?;
            let (templates, graph) = (HashMap::new(), crate::ir::Graph::default());
            let mut pg = ProgramGen::new(&templates, &graph, true);
            let r = pg
                .call(&Val::fun((*f).clone()), &[Val::new("x", elem)])
                .ok()?;
            match (name, arg(1)?, r.ty) {
                ("apply", Ty::Objects, Ty::Object) => Ty::Objects,
                ("apply", Ty::Objects | Ty::Indices, Ty::Int) => Ty::Colours,
                ("apply", Ty::Grids, Ty::Grid) => Ty::Grids,
                ("apply", Ty::Ints, Ty::Int) => Ty::Ints,
                ("mapply", Ty::Objects, Ty::Object) => Ty::Object,
                ("mapply", Ty::Objects | Ty::Indices, Ty::Indices) => Ty::Indices,
                _ => return None,
            }
        }
        (_, Type::Grid) => Ty::Grid,
        (_, Type::Indices) => Ty::Indices,
        (_, Type::Objects) => Ty::Objects,
        (_, Type::Object) => Ty::Object,
        (_, Type::Integer) => Ty::Int,
        (_, Type::Boolean) => Ty::Bool,
        (_, Type::IntegerTuple) => Ty::Pair,
        (_, Type::IntegerSet) => Ty::Colours,
        (_, Type::Numerical) => {
            if args.iter().any(|a| matches!(a.ty, Ty::Pair)) {
                Ty::Pair
            } else {
                Ty::Int
            }
        }
        // No device type follows from these alone (the dialect's `C_`, `A8`
        // and `IJ` are not guessed as integers and pairs yet; the
        // parameter-only types are no primitive's return type).
        (
            _,
            Type::Any
            | Type::Tuple
            | Type::TupleTuple
            | Type::FrozenSet
            | Type::Container
            | Type::ContainerContainer
            | Type::Rank
            | Type::SymbolCode
            | Type::Patch
            | Type::Piece
            | Type::Element
            | Type::Callable
            | Type::Colour
            | Type::MirrorRotationCode
            | Type::IjPair
            | Type::Samples,
        ) => return None,
    })
}

/// Every template (primitive and argument types) the card's solvers lack,
/// with how many solvers need each, and how many solvers would then be
/// vectorizable (types guessed where a template is missing).
pub fn worklist(card: &Card) -> Result<(Vec<(String, usize)>, usize), String> {
    let templates = templates()?;
    let graph = &card.solvers;
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut reachable = 0;
    for program in &graph.programs {
        let mut pg = ProgramGen::new(&templates, graph, true);
        if pg.program(&program.steps, &program.output).is_ok() {
            reachable += 1;
        }
        for m in pg.missing.unwrap_or_default() {
            *counts.entry(m).or_default() += 1;
        }
    }
    let mut list: Vec<(String, usize)> = counts.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok((list, reachable))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_parse_with_callables_and_names() {
        let s = parse_sig("fill", "fill(Grid, Int, Indices) -> Grid").unwrap();
        assert_eq!(s.params.len(), 3);
        assert_eq!(s.cxx, "p_fill");
        let s = parse_sig(
            "apply",
            "apply(Fn[Object -> Object], Objects) -> Objects as p_apply_oo",
        )
        .unwrap();
        assert!(matches!(&s.params[0], ParamTy::Fn(a, Ty::Object) if a.len() == 1));
        assert_eq!(s.cxx, "p_apply_oo");
        assert!(parse_sig("fill", "fill(Grid, Nope) -> Grid").is_err());
        assert!(parse_sig("fill", "paint(Grid) -> Grid").is_err());
    }

    #[test]
    fn every_template_declares_valid_signatures() {
        let t = templates().unwrap();
        for (name, template) in &t {
            assert!(
                catalogue::primitive(name).is_some(),
                "{name} is not a primitive"
            );
            for need in &template.needs {
                assert!(t.contains_key(need.as_str()), "{name} needs {need}");
            }
        }
    }

    /// The kernel's coverage of one card file.
    fn coverage_of(text: &str) -> Coverage {
        let card = crate::compile(&[crate::Source { name: "t.py", text }]).unwrap();
        emit(&card, &["t.py"]).unwrap().1
    }

    #[test]
    fn a_value_a_callable_holds_is_computed_where_the_step_makes_it() {
        // `x5` is `rbind(shift, ulcorner(x4))`: the DSL computes the corner
        // at `x5`; inlined, it would be computed (and fail) only where the
        // callable runs. It is computed at the step, into a variable, and
        // where it fails (the DSL's callable is then the empty one) the
        // lane goes to the CPU.
        let held = "def solve_held(I):\n    x1 = objects(I, T, F, T)\n    x2 = lbind(rbind, shift)\n    x3 = compose(x2, ulcorner)\n    x4 = first(x1)\n    x5 = x3(x4)\n    x6 = apply(x5, x1)\n    x7 = merge(x6)\n    O = paint(I, x7)\n    return O\n";
        let card = crate::compile(&[crate::Source {
            name: "t.py",
            text: held,
        }])
        .unwrap();
        let (source, c) = emit(&card, &["t.py"]).unwrap();
        assert_eq!(c.vectorized, ["solve_held"], "{c:?}");
        let at = source.find("BATT_PROGRAM void").unwrap();
        let program = &source[at..];
        assert!(
            program.contains(
                "Pair hv4_1 = [&](Flag& ok) -> Pair { return p_ulcorner(fr->v3, ok); }(fr->h4_1);"
            ),
            "{program}"
        );
        assert!(program.contains("lane.cap = lane.cap || fr->h4_1.err || fr->h4_1.cap;"));
        assert!(program.contains("p_shift(a0, hv4_1, ok)"), "{program}");
        // Holding a step's value is fine.
        let step = "def solve_step(I):\n    x1 = objects(I, T, F, T)\n    x4 = first(x1)\n    x5 = ulcorner(x4)\n    x6 = rbind(shift, x5)\n    x7 = apply(x6, x1)\n    x8 = merge(x7)\n    O = paint(I, x8)\n    return O\n";
        assert_eq!(coverage_of(step).vectorized, ["solve_step"]);
    }

    #[test]
    fn lines_are_clipped_only_where_every_use_ignores_the_outside() {
        let source = |text: &str| {
            let card = crate::compile(&[crate::Source { name: "t.py", text }]).unwrap();
            let source = emit(&card, &["t.py"]).unwrap().0;
            // The program, not the templates.
            let at = source.find("BATT_PROGRAM void").unwrap();
            source[at..].to_owned()
        };
        // Read only inside the grid: clipped, directly and through mapply.
        let safe = "def solve_safe(I):\n    x1 = shoot(ORIGIN, UNITY)\n    x2 = fill(I, FIVE, x1)\n    x3 = asindices(I)\n    x4 = rbind(shoot, DOWN)\n    x5 = mapply(x4, x3)\n    O = underfill(x2, ONE, x5)\n    return O\n";
        let s = source(safe);
        assert_eq!(s.matches("p_shoot_clip(").count(), 2, "{s}");
        // Its size counts the positions outside: not clipped.
        let sized = "def solve_sized(I):\n    x1 = shoot(ORIGIN, UNITY)\n    x2 = size(x1)\n    x3 = fill(I, x2, x1)\n    O = fill(x3, ONE, x1)\n    return O\n";
        let s = source(sized);
        assert!(
            s.contains("p_shoot(") && !s.contains("p_shoot_clip("),
            "{s}"
        );
        // Through unions and intersections to a fill: clipped.
        let two = "def solve_two(I):\n    x1 = shoot(ORIGIN, UNITY)\n    x2 = shoot(ORIGIN, RIGHT)\n    x3 = combine(x1, x2)\n    x4 = ofcolor(I, ONE)\n    x5 = intersection(x3, x4)\n    O = fill(I, ONE, x5)\n    return O\n";
        let s = source(two);
        assert_eq!(s.matches("p_shoot_clip(").count(), 2, "{s}");
        // A union whose size is taken counts the outside: neither is.
        let counted = "def solve_counted(I):\n    x1 = shoot(ORIGIN, UNITY)\n    x2 = shoot(ORIGIN, RIGHT)\n    x3 = combine(x1, x2)\n    x4 = size(x3)\n    O = fill(I, x4, x3)\n    return O\n";
        let s = source(counted);
        assert!(!s.contains("p_shoot_clip("), "{s}");
        // Shifted objects painted, and a union of lines in a callable.
        let shifted = "def solve_shifted(I):\n    x1 = objects(I, T, F, T)\n    x2 = rbind(shift, DOWN)\n    x3 = mapply(x2, x1)\n    x4 = rbind(shoot, UP)\n    x5 = rbind(shoot, DOWN)\n    x6 = fork(combine, x4, x5)\n    x7 = asindices(I)\n    x8 = mapply(x6, x7)\n    x9 = fill(I, ONE, x8)\n    O = paint(x9, x3)\n    return O\n";
        let s = source(shifted);
        assert_eq!(s.matches("p_shift_clip(").count(), 1, "{s}");
        assert_eq!(s.matches("p_shoot_clip(").count(), 2, "{s}");
        // Inside a callable, only the callable's own result is clipped.
        let inner = "def solve_inner(I):\n    x1 = asindices(I)\n    x2 = rbind(shoot, DOWN)\n    x3 = compose(backdrop, x2)\n    x4 = mapply(x3, x1)\n    O = fill(I, ONE, x4)\n    return O\n";
        let s = source(inner);
        assert!(
            s.contains("p_shoot(") && !s.contains("p_shoot_clip("),
            "{s}"
        );
    }

    #[test]
    fn tuples_held_as_sets_are_read_only_where_order_and_repeats_do_not_count() {
        // The cells of a tuple of objects painted, shifted first: vectorized.
        let head = "    x1 = objects(I, T, F, T)\n    x2 = order(x1, size)\n    x3 = merge(x2)\n    x4 = shift(x3, DOWN)\n";
        let painted = format!("def solve_painted(I):\n{head}    O = paint(I, x4)\n    return O\n");
        assert_eq!(coverage_of(&painted).vectorized, ["solve_painted"]);
        // Its size counts repeats (through shift, too): CPU-only.
        let sized = format!(
            "def solve_sized(I):\n{head}    x5 = size(x4)\n    O = fill(I, x5, x3)\n    return O\n"
        );
        let c = coverage_of(&sized);
        assert!(c.vectorized.is_empty(), "{c:?}");
        assert!(
            c.cpu_only[0].1.contains("where its order or repeats count"),
            "{c:?}"
        );
        // Passed to a callable: its uses cannot be followed.
        let held = format!(
            "def solve_held(I):\n{head}    x5 = lbind(paint, I)\n    O = x5(x4)\n    return O\n"
        );
        assert!(coverage_of(&held).vectorized.is_empty());
    }

    #[test]
    fn nested_callables_name_their_arguments_apart() {
        // The inner key reads the outer key's argument.
        let text = "def solve_nested(I):\n    x1 = ofcolor(I, ONE)\n    x2 = lbind(valmin, x1)\n    x3 = lbind(lbind, manhattan)\n    x4 = rbind(compose, initset)\n    x5 = chain(x4, x3, initset)\n    x6 = compose(x2, x5)\n    x7 = compose(even, x6)\n    x8 = sfilter(x1, x7)\n    O = fill(I, FIVE, x8)\n    return O\n";
        let card = crate::compile(&[crate::Source { name: "t.py", text }]).unwrap();
        let (source, c) = emit(&card, &["t.py"]).unwrap();
        assert_eq!(c.vectorized, ["solve_nested"]);
        assert!(
            source.contains("p_manhattan(p_initset(a0, ok), p_initset(d1a0, ok), ok)"),
            "the inner lambda must read the outer a0 and its own d1a0"
        );
    }

    #[test]
    fn differs_score_on_the_device_where_they_lower() {
        let solver = "def solve_same(I):\n    O = vmirror(I)\n    return O\n";
        // I and C as grids, an integer score: on the device.
        let cells = "def differ_cells(S, I, C):\n    x1 = asobject(I)\n    x2 = asobject(C)\n    x3 = difference(x1, x2)\n    O = size(x3)\n    return O\n";
        // The count of differing colours by runs of zeros (`repeat` of an
        // integer, merged and counted).
        let runs = "def differ_runs(S, I, C):\n    x1 = palette(I)\n    x2 = palette(C)\n    x3 = difference(x1, x2)\n    x4 = totuple(x3)\n    x5 = lbind(repeat, ZERO)\n    x6 = apply(x5, x4)\n    x7 = merge(x6)\n    O = size(x7)\n    return O\n";
        // Reads the demonstrations: the CPU's.
        let reads_s = "def differ_pairs(S, I, C):\n    O = size(S)\n    return O\n";
        // A grid is no score.
        let grid = "def differ_grid(S, I, C):\n    O = cellwise(I, C, ZERO)\n    return O\n";
        let text = format!("{solver}\n{cells}\n{runs}\n{reads_s}\n{grid}");
        let card = crate::compile(&[crate::Source {
            name: "t.py",
            text: &text,
        }])
        .unwrap();
        let (source, c) = emit(&card, &["t.py"]).unwrap();
        assert_eq!(c.differs, [0, 1], "{c:?}");
        let why: Vec<(&str, &str)> = c
            .differs_cpu_only
            .iter()
            .map(|(n, w)| (n.as_str(), w.as_str()))
            .collect();
        assert_eq!(why[0], ("differ_pairs", "it reads S"));
        assert_eq!(why[1].0, "differ_grid");
        assert!(why[1].1.contains("not an integer"), "{why:?}");
        assert!(source.contains("i64 differ_0(const Grid& I, const Grid& C, Lane& lane)"));
        assert!(source.contains("p_apply_iu("), "apply of repeat over runs");
        // Scores land in the lane's row of BATT_DIFFERS (every differ of
        // the card has a column) and set the differ's bit.
        assert!(source.contains("#define BATT_DIFFERS 4"));
        assert!(source.contains("r.scored |= 1u << 1;"));
        assert!(!source.contains("differ_2("));
    }

    #[test]
    fn rapply_calls_each_of_a_pair_of_callables_on_the_value() {
        let both = "def solve_both(I):\n    x1 = astuple(identity, vmirror)\n    x2 = rapply(x1, I)\n    x3 = first(x2)\n    x4 = last(x2)\n    O = hconcat(x3, x4)\n    return O\n";
        let card = crate::compile(&[crate::Source {
            name: "t.py",
            text: both,
        }])
        .unwrap();
        let (source, c) = emit(&card, &["t.py"]).unwrap();
        assert_eq!(c.vectorized, ["solve_both"], "{c:?}");
        assert!(
            source.contains(
                "grids_push(t, p_identity(I, ok), ok); grids_push(t, p_vmirror(I, ok), ok);"
            ),
            "both results, in order"
        );
        // Results no tuple form holds together: the CPU's.
        let mixed = "def solve_mixed(I):\n    x1 = astuple(height, vmirror)\n    x2 = rapply(x1, I)\n    O = last(x2)\n    return O\n";
        let c = coverage_of(mixed);
        assert!(
            c.cpu_only[0].1.contains("`rapply` of callables giving"),
            "{c:?}"
        );
        // A pair of callables is not itself callable.
        let called = "def solve_called(I):\n    x1 = astuple(identity, vmirror)\n    O = x1(I)\n    return O\n";
        let c = coverage_of(called);
        assert!(c.vectorized.is_empty(), "{c:?}");
    }

    #[test]
    fn power_with_a_step_count_loops_and_counts_its_failure() {
        let turns = "def solve_turns(I):\n    x1 = numcolors(I)\n    x2 = power(rot90, x1)\n    O = x2(I)\n    return O\n";
        let card = crate::compile(&[crate::Source {
            name: "t.py",
            text: turns,
        }])
        .unwrap();
        let (source, c) = emit(&card, &["t.py"]).unwrap();
        assert_eq!(c.vectorized, ["solve_turns"], "{c:?}");
        // The step fails for a count under 1, and its callable gives ().
        assert!(
            source.contains("lane.failed += (v0 < 1) ? 1 : 0;"),
            "{source}"
        );
        assert!(source.contains("if (v0 < 1) return grid_empty();"));
        assert!(source.contains("if (v0 > 64) { ok.full(); return grid_empty(); }"));
        // A callable that changes its value's type cannot loop.
        let shifting = "def solve_shifting(I):\n    x1 = numcolors(I)\n    x2 = power(asobject, x1)\n    x3 = x2(I)\n    O = paint(I, x3)\n    return O\n";
        let c = coverage_of(shifting);
        assert!(
            c.cpu_only[0]
                .1
                .contains("`power` of a callable giving Object"),
            "{c:?}"
        );
    }

    #[test]
    fn a_pair_of_values_no_form_holds_is_taken_apart_where_used() {
        let counts = "def solve_counts(I):\n    x1 = objects(I, T, F, T)\n    x2 = sizefilter(x1, ONE)\n    x3 = astuple(x1, x2)\n    x4 = apply(size, x3)\n    x5 = last(x3)\n    x6 = merge(x5)\n    x7 = canvas(ZERO, x4)\n    O = fill(x7, size(x3), x6)\n    return O\n";
        let card = crate::compile(&[crate::Source {
            name: "t.py",
            text: counts,
        }])
        .unwrap();
        let (source, c) = emit(&card, &["t.py"]).unwrap();
        assert_eq!(c.vectorized, ["solve_counts"], "{c:?}");
        // apply(size, (a, b)) is (size(a), size(b)), a pair.
        assert!(
            source.contains("p_astuple(p_size(fr->v0, ok), p_size(fr->v1, ok), ok)"),
            "{source}"
        );
        // A use that would need the pair as one value: the CPU's.
        let whole = "def solve_whole(I):\n    x1 = objects(I, T, F, T)\n    x2 = sizefilter(x1, ONE)\n    x3 = astuple(x1, x2)\n    x4 = merge(x3)\n    O = paint(I, merge(x4))\n    return O\n";
        let c = coverage_of(whole);
        assert!(c.vectorized.is_empty(), "{c:?}");
    }

    #[test]
    fn callables_made_by_apply_are_called_in_a_loop_by_rapply() {
        let grown = "def solve_grown(I):\n    x1 = objects(I, T, F, T)\n    x2 = argmax(x1, size)\n    x3 = lbind(rbind, upscale)\n    x4 = interval(ONE, FOUR, ONE)\n    x5 = apply(x3, x4)\n    x6 = rapply(x5, x2)\n    x7 = first(x6)\n    O = paint(I, x7)\n    return O\n";
        let card = crate::compile(&[crate::Source {
            name: "t.py",
            text: grown,
        }])
        .unwrap();
        let (source, c) = emit(&card, &["t.py"]).unwrap();
        assert_eq!(c.vectorized, ["solve_grown"], "{c:?}");
        // A loop over the integers, each callable called on the object.
        assert!(source.contains(".n && mk"), "{source}");
        assert!(source.contains(" = p_upscale(fr->v1, me"), "{source}");
    }

    #[test]
    fn a_program_keeps_its_flags_and_large_values_in_one_frame() {
        let text = "def solve_frame(I):\n    x1 = mostcolor(I)\n    x2 = canvas(x1, THREE_BY_THREE)\n    x3 = objects(x2, T, F, F)\n    x4 = apply(toindices, x3)\n    O = fill(x2, ONE, merge(x4))\n    return O\n";
        let card = crate::compile(&[crate::Source { name: "t.py", text }]).unwrap();
        let (source, c) = emit(&card, &["t.py"]).unwrap();
        assert_eq!(c.vectorized, ["solve_frame"], "{c:?}");
        let at = source.find("BATT_PROGRAM void").unwrap();
        let program = &source[at..];
        // Flags first, then the large values; the integer is no member.
        let frame = program.find("    struct Frame {\n        Flag f0;\n        Flag f1;\n");
        assert!(frame.is_some(), "{program}");
        assert!(program.contains("        Grid v1;\n"), "{program}");
        assert!(!program.contains("i64 v0;"), "{program}");
        assert!(
            program.contains(
                "    i64 v0 = [&](Flag& ok) -> i64 { return p_mostcolor(I, ok); }(fr->f0);"
            )
        );
        // A large value is made in its place, its default too.
        assert!(
            program.contains("    new (&fr->v1) Grid([&](Flag& ok) -> Grid { return p_canvas(v0, Pair{3, 3}, ok); }(fr->f1));"),
            "{program}"
        );
        assert!(program.contains("    if (fr->f1.err) new (&fr->v1) Grid(grid_empty());"));
        // Each step takes the frame afresh; a callable holds it by value.
        let steps = program.matches("    fr->f").count();
        assert_eq!(
            program
                .matches("    fr = batt_fresh(&frame);\n    fr->f")
                .count(),
            steps
        );
        assert!(steps >= 4, "{program}");
        assert!(
            program.contains("p_apply_os([&, fr](const Object& a0"),
            "{program}"
        );
    }

    #[test]
    fn callables_nested_three_deep_stay_on_the_cpu() {
        // For each object, the cells nearer to it than to any other object:
        // objects x cells x objects calls, too much for one lane.
        let deep = "def solve_deep(I):\n    x1 = objects(I, T, F, T)\n    x2 = asindices(I)\n    x3 = lbind(manhattan, x1)\n    x4 = lbind(argmin, x1)\n    x5 = lbind(lbind, manhattan)\n    x6 = compose(x5, initset)\n    x7 = compose(x4, x6)\n    x8 = lbind(sfilter, x2)\n    x9 = lbind(matcher, x7)\n    x10 = compose(x8, x9)\n    x11 = fork(recolor, color, x10)\n    x12 = mapply(x11, x1)\n    O = paint(I, x12)\n    return O\n";
        let c = coverage_of(deep);
        assert!(c.vectorized.is_empty(), "{c:?}");
        assert!(c.cpu_only[0].1.contains("nested more than 2 deep"), "{c:?}");
        // Two deep is fine.
        let two = "def solve_two(I):\n    x1 = objects(I, T, F, T)\n    x2 = asindices(I)\n    x3 = lbind(sfilter, x2)\n    x4 = lbind(rbind, adjacent)\n    x5 = compose(x4, initset)\n    x6 = chain(x3, rbind(compose, initset), lbind(rbind, adjacent))\n    x7 = fork(recolor, color, x6)\n    x8 = mapply(x7, x1)\n    O = paint(I, x8)\n    return O\n";
        let c = coverage_of(two);
        assert_eq!(c.vectorized, ["solve_two"], "{c:?}");
    }
}

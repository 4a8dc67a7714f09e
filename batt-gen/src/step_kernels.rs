//! The step-major engine's kernels: one per first-order overload of the
//! primitive templates, compiled once, and the plan that drives them for a
//! card ([`StepPlan`]).
//!
//! The per-card kernel ([`crate::emit_cuda`]) runs a whole program per
//! thread and is new code for every card. Here the code is the same for
//! every card: [`library`] is one source with a kernel per overload
//! (`// sig: fill(Grid, Int, Indices) -> Grid` becomes `batt_step_<n>`),
//! each evaluating one step over (step, sample) threads, reading its
//! arguments from the value slots of the card's [`Schedule`] and writing
//! its value into the step's slot. A card is data: which kernel each step
//! calls, where its arguments and value live ([`StepPlan::descriptors`]),
//! and which steps each program counts.
//!
//! Values keep the per-card kernel's device forms (`struct Grid`,
//! `struct Objects`, ...), so both engines share the templates and their
//! errors: a step that fails takes its type's safe default and counts as
//! failed; one whose value the device form cannot hold, or whose default
//! it cannot hold, sends the lanes of every program reading it to the CPU
//! (a status byte per step and sample). `batt_step_lanes` then gives each
//! (program, sample) lane its output grid, flag and failed count.
//!
//! Not yet on the device (the programs reading them stay on the CPU):
//! callables and the higher-order primitives that take them, `S` and `C`,
//! the views of a value only some uses may read (clipped and unordered
//! overloads), and the defaults that stand in for `()` where no device
//! form holds it.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::catalogue::{self, ConstValue, SafeDefault};
use crate::emit_cuda::{self, ParamTy, Ty, View};
use crate::ir::{Callee, Card, Operand, Param, StepId};
use crate::schedule::Schedule;

/// The host driver of the library compiled as C++ (`kernels/step_main.cpp`).
pub const STEP_MAIN: &str = include_str!("../kernels/step_main.cpp");

/// The most arguments a step kernel reads.
pub const MAX_ARGS: usize = 4;

/// Bytes of one step's descriptor (`struct StepDesc`).
pub const DESC_BYTES: usize = 24 + 24 * MAX_ARGS;

/// Bytes of one program's descriptor (`struct StepProgram`).
pub const PROGRAM_BYTES: usize = 32;

/// A status byte's bits: the step failed (took its default) ...
pub const STATUS_FAILED: u8 = 1;
/// ... gave a value the device form cannot hold ...
pub const STATUS_FULL: u8 = 2;
/// ... or failed with a default the device form cannot hold.
pub const STATUS_NODEFAULT: u8 = 4;

/// One kernel of the library: a first-order overload of a template.
#[derive(Debug, Clone)]
pub struct Overload {
    /// The primitive.
    pub prim: &'static str,
    /// Its parameters' types.
    pub params: Vec<Ty>,
    /// Its value's type.
    pub ret: Ty,
    /// The C++ function it calls.
    cxx: String,
}

impl Overload {
    /// `fill(Grid, Int, Indices) -> Grid`.
    pub fn signature(&self) -> String {
        let params: Vec<&str> = self.params.iter().map(Ty::name).collect();
        format!(
            "{}({}) -> {}",
            self.prim,
            params.join(", "),
            self.ret.name()
        )
    }
}

/// Every first-order overload the templates declare, in template name
/// order and then the order each declares them: kernel `n` of
/// [`library`] is entry `n`.
pub fn overloads() -> Result<Vec<Overload>, String> {
    let templates = emit_cuda::templates()?;
    let mut names: Vec<&&'static str> = templates.keys().collect();
    names.sort_unstable();
    let mut out = Vec::new();
    for name in names {
        for sig in &templates[*name].sigs {
            if sig.view != View::Exact {
                continue;
            }
            let params: Option<Vec<Ty>> = sig
                .params
                .iter()
                .map(|p| match p {
                    ParamTy::Value(t) => Some(t.clone()),
                    ParamTy::Fn(..) => None,
                })
                .collect();
            if let Some(params) = params.filter(|p| p.len() <= MAX_ARGS) {
                out.push(Overload {
                    prim: name,
                    params,
                    ret: sig.ret.clone(),
                    cxx: sig.cxx.clone(),
                });
            }
        }
    }
    Ok(out)
}

/// The bytes of a value of a device type (its C++ `sizeof`, which the
/// library asserts), or `None` for a callable.
pub fn size_of(ty: &Ty) -> Option<u32> {
    Some(match ty {
        Ty::Int => 8,
        Ty::Bool => 1,
        Ty::Colours => 4,
        Ty::Pair => 16,
        Ty::Cell => 24,
        Ty::PairPair => 32,
        Ty::Grid => 912,
        Ty::Indices => 128,
        Ty::Object => 1024,
        Ty::Objects | Ty::ObjTuple => 2704,
        Ty::Ints | Ty::PosPairs => 272,
        Ty::Grids | Ty::GridSet => 2832,
        Ty::Patches => 2064,
        Ty::Pairs | Ty::Runs | Ty::RunsTuple => 528,
        Ty::PairRows => 1824,
        Ty::ObjPairs => 5552,
        Ty::ObjPair => 2048,
        Ty::ObjList => 4112,
        Ty::GridInts => 3120,
        Ty::GridInt => 928,
        Ty::ObjInts => 2992,
        Ty::ObjInt => 1040,
        Ty::RowInts => 1200,
        Ty::RowInt => 288,
        Ty::Func(_) => return None,
    })
}

/// Every device type that has a size, for the library's assertions.
const SIZED: &[Ty] = &[
    Ty::Int,
    Ty::Bool,
    Ty::Colours,
    Ty::Pair,
    Ty::Cell,
    Ty::PairPair,
    Ty::Grid,
    Ty::Indices,
    Ty::Object,
    Ty::Objects,
    Ty::ObjTuple,
    Ty::Ints,
    Ty::PosPairs,
    Ty::Grids,
    Ty::GridSet,
    Ty::Patches,
    Ty::Pairs,
    Ty::Runs,
    Ty::RunsTuple,
    Ty::PairRows,
    Ty::ObjPairs,
    Ty::ObjPair,
    Ty::ObjList,
    Ty::GridInts,
    Ty::GridInt,
    Ty::ObjInts,
    Ty::ObjInt,
    Ty::RowInts,
    Ty::RowInt,
];

/// The one safe default a device type holds (the empty value or zero),
/// as C++.
fn type_default(ty: &Ty) -> Option<&'static str> {
    [
        SafeDefault::Zero,
        SafeDefault::False,
        SafeDefault::EmptyTuple,
        SafeDefault::EmptySet,
    ]
    .into_iter()
    .find_map(|d| emit_cuda::default_of(ty, d))
}

/// Whether a type's values are passed by value (registers) rather than
/// read in place from their slot.
fn small(ty: &Ty) -> bool {
    matches!(
        ty,
        Ty::Int | Ty::Bool | Ty::Pair | Ty::Cell | Ty::PairPair | Ty::Colours
    )
}

/// The helpers every step kernel uses; their layouts are the descriptors
/// [`StepPlan::descriptors`] writes.
const HELPERS: &str = r#"
// --- the step-major engine (batt-gen/src/step_kernels.rs)

// Where an argument comes from: kind 0 a slot (a: its offset, b: the bytes
// per sample), 1 the sample's input grid, 2 an integer a, 3 a pair (a, b),
// 4 a slot holding a bool read as an integer, 5 a slot holding an integer
// read as a bool.
struct StepArg {
    long long a;
    long long b;
    int kind;
    int pad;
};

// One step: where its value goes (offset, bytes per sample), its status
// row, whether its type holds its safe default, and its arguments.
struct StepDesc {
    long long out;
    long long out_stride;
    int status;
    int defaults;
    StepArg arg[4];
};

// One program: where its output is (a slot, or the input when input_out),
// and its steps (for the failed count): prog_steps[first .. first + count].
struct StepProgram {
    long long out;
    long long out_stride;
    int input_out;
    int first;
    int count;
    int pad;
};

BATT_DEVICE const u8* step_at(const StepArg& a, const u8* slots, int s) {
    return slots + a.a + (long long)s * a.b;
}

template <class T>
BATT_DEVICE const T& step_big(const StepArg& a, const u8* slots, const Grid* inputs, int s) {
    if (a.kind == 1) return *(const T*)(const void*)&inputs[s];
    return *(const T*)(const void*)step_at(a, slots, s);
}

BATT_DEVICE i64 step_int(const StepArg& a, const u8* slots, int s) {
    if (a.kind == 2) return (i64)a.a;
    if (a.kind == 4) return *(const bool*)step_at(a, slots, s) ? 1 : 0;
    return *(const i64*)(const void*)step_at(a, slots, s);
}

BATT_DEVICE bool step_bool(const StepArg& a, const u8* slots, int s) {
    if (a.kind == 2) return a.a != 0;
    if (a.kind == 5) return *(const i64*)(const void*)step_at(a, slots, s) != 0;
    return *(const bool*)step_at(a, slots, s);
}

BATT_DEVICE Pair step_pair(const StepArg& a, const u8* slots, int s) {
    if (a.kind == 3) return Pair{(i64)a.a, (i64)a.b};
    return *(const Pair*)(const void*)step_at(a, slots, s);
}

template <class T>
BATT_DEVICE T step_small(const StepArg& a, const u8* slots, int s) {
    return *(const T*)(const void*)step_at(a, slots, s);
}

BATT_DEVICE void* step_out(const StepDesc& d, u8* slots, int s) {
    return slots + d.out + (long long)s * d.out_stride;
}

BATT_DEVICE void step_status(const StepDesc& d, u8* status, int n, int s, const Flag& ok) {
    u8 st = 0;
    if (ok.err) st |= d.defaults ? 1 : 4;
    if (ok.cap) st |= 2;
    status[(long long)d.status * n + s] = st;
}

// Each (program, sample) lane: its output grid, and in its record the flag
// (1: the output is the lane's value; 0: a value the device cannot hold;
// 2: a failed step whose default it cannot hold), the failed count and the
// output's hash.
BATT_KERNEL batt_step_lanes(const StepProgram* progs, const int* prog_steps, int n_progs, int n,
                            const u8* slots, const Grid* inputs, const u8* status, Grid* outs,
                            LaneScore* results) {
    const long long t = BATT_LANE;
    if (t >= (long long)n_progs * n) return;
    const StepProgram& p = progs[t / n];
    const int s = (int)(t % n);
    int failed = 0;
    bool full = false, nodefault = false;
    for (int k = 0; k < p.count; k++) {
        const u8 st = status[(long long)prog_steps[p.first + k] * n + s];
        failed += st & 1;
        full = full || (st & 2);
        nodefault = nodefault || (st & 4);
    }
    Grid out = p.input_out ? inputs[s] : *(const Grid*)(const void*)(slots + p.out + (long long)s * p.out_stride);
    grid_clean(out);
    outs[t] = out;
    LaneScore r;
    r.hash = grid_hash(out);
    r.failed = failed;
    r.scored = 0;
    r.flag = full ? 0 : nodefault ? 2 : 1;
    r.match = 0;
    r.empty = out.h == 0 ? 1 : 0;
    for (int b = 0; b < 5; b++) r.pad[b] = 0;
    results[t] = r;
}
"#;

/// The library source: the prelude, every template, and a kernel per
/// overload of [`overloads`] (`batt_step_<n>`), with `batt_step_lanes`.
/// The same for every card: compiled once per toolkit and architecture.
/// Compiled as host C++ it also defines `batt_step_table`, the kernels by
/// number, for the host driver.
pub fn library() -> Result<String, String> {
    let templates = emit_cuda::templates()?;
    let overloads = overloads()?;
    let ordered =
        emit_cuda::ordered_templates(&templates, overloads.iter().map(|o| o.prim.to_owned()))?;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// @generated by batt-gen (step_kernels.rs): the step-major engine's kernels,\n\
         // one per first-order overload of the primitive templates ({} kernels).\n",
        overloads.len()
    );
    out.push_str(emit_cuda::PRELUDE);
    for name in &ordered {
        let _ = writeln!(out, "\n// --- template: {name}");
        out.push_str(templates[name].text);
    }
    out.push_str(HELPERS);
    out.push('\n');
    for ty in SIZED {
        if let Some(n) = size_of(ty) {
            let _ = writeln!(
                out,
                "static_assert(sizeof({}) == {n}, \"the size step_kernels.rs lays out\");",
                ty.cxx()
            );
        }
    }
    let _ = writeln!(
        out,
        "static_assert(sizeof(StepDesc) == {DESC_BYTES}, \"a step's descriptor\");\n\
         static_assert(sizeof(StepProgram) == {PROGRAM_BYTES}, \"a program's descriptor\");"
    );
    for (n, o) in overloads.iter().enumerate() {
        let ret = o.ret.cxx();
        let args: Vec<String> = o
            .params
            .iter()
            .enumerate()
            .map(|(k, t)| match t {
                Ty::Int => format!("step_int(d.arg[{k}], slots, s)"),
                Ty::Bool => format!("step_bool(d.arg[{k}], slots, s)"),
                Ty::Pair => format!("step_pair(d.arg[{k}], slots, s)"),
                t if small(t) => format!("step_small<{}>(d.arg[{k}], slots, s)", t.cxx()),
                t => format!("step_big<{}>(d.arg[{k}], slots, inputs, s)", t.cxx()),
            })
            .collect();
        let default = match type_default(&o.ret) {
            Some(d) => format!("    if (ok.err && d.defaults) new (out) {ret}({d});\n"),
            None => String::new(),
        };
        let _ = write!(
            out,
            "\n// {sig}\n\
             BATT_KERNEL batt_step_{n}(const StepDesc* steps, int n_steps, int n, u8* slots,\n\
             \x20                        const Grid* inputs, u8* status) {{\n\
             \x20   const long long t = BATT_LANE;\n\
             \x20   if (t >= (long long)n_steps * n) return;\n\
             \x20   const StepDesc& d = steps[t / n];\n\
             \x20   const int s = (int)(t % n);\n\
             \x20   Flag ok = {{false, false}};\n\
             \x20   {ret}* out = ({ret}*)step_out(d, slots, s);\n\
             \x20   new (out) {ret}({cxx}({args}ok));\n\
             {default}\
             \x20   step_status(d, status, n, s, ok);\n\
             }}\n",
            sig = o.signature(),
            cxx = o.cxx,
            args = args.iter().map(|a| format!("{a}, ")).collect::<String>(),
        );
    }
    out.push_str("\n#ifdef BATT_HOST\n// The kernels by number, for the host driver.\n");
    out.push_str(
        "typedef void (*BattStepKernel)(const StepDesc*, int, int, u8*, const Grid*, u8*);\n",
    );
    let _ = writeln!(
        out,
        "static const int batt_step_kernels = {};\nstatic const BattStepKernel batt_step_table[] = {{",
        overloads.len()
    );
    for n in 0..overloads.len() {
        let _ = writeln!(out, "    batt_step_{n},");
    }
    out.push_str("};\n#endif\n");
    Ok(out)
}

/// Where a step's argument comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DevArg {
    /// Another step's value.
    Step(StepId),
    /// Another step's boolean, read as an integer.
    BoolAsInt(StepId),
    /// Another step's integer, read as a boolean.
    IntAsBool(StepId),
    /// The sample's input grid.
    Input,
    /// An integer or a boolean.
    Int(i64),
    /// A pair of integers.
    Pair(i64, i64),
}

/// How a step runs on the device.
#[derive(Debug, Clone)]
pub struct DeviceStep {
    /// Its kernel (an index into [`overloads`]).
    pub kernel: u32,
    /// Its arguments.
    pub args: Vec<DevArg>,
    /// Whether its value's device form holds its safe default.
    pub defaults: bool,
}

/// A launch of the step-major engine: steps of one level calling one
/// kernel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepLaunch {
    /// The kernel.
    pub kernel: u32,
    /// Its steps, ascending.
    pub steps: Vec<StepId>,
}

/// A card's solvers on the step-major engine: which kernel each step
/// calls, the launches, the slots' sizes and which programs run there.
#[derive(Debug, Clone)]
pub struct StepPlan {
    /// By step: how it runs, or why it does not.
    pub steps: Vec<Result<DeviceStep, String>>,
    /// By program: its steps' results are its lane's on the device, or
    /// why not (the program's lanes stay on the CPU).
    pub programs: Vec<Result<(), String>>,
    /// The launches, in the schedule's order, of the steps the device's
    /// programs need.
    pub launches: Vec<StepLaunch>,
    /// By slot of the schedule: the bytes one sample's value takes (the
    /// largest type a device step writes there; 0 when none does).
    pub slot_bytes: Vec<u32>,
    /// The schedule's slot of each step.
    slot: Vec<u32>,
    /// Each program's output and steps.
    outputs: Vec<(Operand, Vec<StepId>)>,
}

impl StepPlan {
    /// The plan of a card's solvers under their schedule.
    pub fn of(card: &Card, schedule: &Schedule) -> Result<StepPlan, String> {
        let graph = &card.solvers;
        let overloads = overloads()?;
        let mut by_prim: HashMap<&str, Vec<usize>> = HashMap::new();
        for (n, o) in overloads.iter().enumerate() {
            by_prim.entry(o.prim).or_default().push(n);
        }
        let mut tys: Vec<Option<Ty>> = Vec::with_capacity(graph.steps.len());
        let mut steps = Vec::with_capacity(graph.steps.len());
        for (k, step) in graph.steps.iter().enumerate() {
            let r = resolve(k, step, &tys, &overloads, &by_prim);
            tys.push(r.as_ref().ok().map(|(_, ty)| ty.clone()));
            steps.push(r.map(|(s, _)| s));
        }
        let types: Vec<Option<&'static str>> =
            tys.iter().map(|t| t.as_ref().map(Ty::name)).collect();
        let programs: Vec<Result<(), String>> = graph
            .programs
            .iter()
            .map(|p| {
                if !matches!(p.kind, crate::ir::ProgramKind::Solver { .. }) {
                    return Err("a differ".into());
                }
                if card.dialect.ijc_cells() {
                    // The templates lay cells out as `(c, (i, j))`.
                    return Err(format!(
                        "a `{}` card: its cells are `(i, j, c)`",
                        card.dialect
                    ));
                }
                if let Some(why) = p.steps.iter().find_map(|&k| steps[k].as_ref().err()) {
                    return Err(why.clone());
                }
                match &p.output {
                    Operand::Param(Param::I) => Ok(()),
                    Operand::Step(k) if types[*k] == Some("Grid") => Ok(()),
                    Operand::Step(k) => Err(format!(
                        "its output is {}, not a grid",
                        types[*k].unwrap_or("?")
                    )),
                    _ => Err("its output is not a grid".into()),
                }
            })
            .collect();
        let mut needed = vec![false; graph.steps.len()];
        for (p, ok) in graph.programs.iter().zip(&programs) {
            if ok.is_ok() {
                for &k in &p.steps {
                    needed[k] = true;
                }
            }
        }
        let mut launches = Vec::new();
        for launch in &schedule.launches {
            let mut by_kernel: Vec<StepLaunch> = Vec::new();
            for &k in launch.steps.iter().filter(|&&k| needed[k]) {
                let Ok(s) = &steps[k] else { continue };
                match by_kernel.iter_mut().find(|l| l.kernel == s.kernel) {
                    Some(l) => l.steps.push(k),
                    None => by_kernel.push(StepLaunch {
                        kernel: s.kernel,
                        steps: vec![k],
                    }),
                }
            }
            launches.extend(by_kernel);
        }
        let mut slot_bytes = vec![0u32; schedule.slots as usize];
        for (k, ty) in tys.iter().enumerate() {
            if let (true, Some(ty)) = (needed[k], ty) {
                let slot = schedule.slot[k] as usize;
                let size = size_of(ty).unwrap_or(0).next_multiple_of(16);
                slot_bytes[slot] = slot_bytes[slot].max(size);
            }
        }
        Ok(StepPlan {
            steps,
            programs,
            launches,
            slot_bytes,
            slot: schedule.slot.clone(),
            outputs: graph
                .programs
                .iter()
                .map(|p| (p.output.clone(), p.steps.clone()))
                .collect(),
        })
    }

    /// The programs whose lanes run on the device, ascending.
    pub fn device_programs(&self) -> Vec<usize> {
        (0..self.programs.len())
            .filter(|&p| self.programs[p].is_ok())
            .collect()
    }

    /// The steps the device runs.
    pub fn device_steps(&self) -> usize {
        self.launches.iter().map(|l| l.steps.len()).sum()
    }

    /// What one sample takes on the device: its values' slots and a
    /// status byte per step.
    pub fn sample_bytes(&self) -> u64 {
        self.slot_bytes.iter().map(|&b| u64::from(b)).sum::<u64>() + self.steps.len() as u64
    }

    /// The offset of each slot in a batch of `n` samples (slot-major:
    /// a slot's values for the batch's samples lie together).
    fn slot_offsets(&self, n: usize) -> Vec<u64> {
        let mut at = 0u64;
        self.slot_bytes
            .iter()
            .map(|&b| {
                let here = at;
                at += u64::from(b) * n as u64;
                here
            })
            .collect()
    }

    /// The descriptors for a batch of `n` samples: the bytes of the slots
    /// the batch needs, each launch's `struct StepDesc`s, and the device
    /// programs' `struct StepProgram`s (in [`StepPlan::device_programs`]'
    /// order) with the steps they count.
    pub fn descriptors(&self, n: usize) -> Descriptors {
        let offsets = self.slot_offsets(n);
        let slots_bytes = self.slot_bytes.iter().map(|&b| u64::from(b)).sum::<u64>() * n as u64;
        let at = |k: StepId| -> (i64, i64) {
            let slot = self.slot[k] as usize;
            (offsets[slot] as i64, i64::from(self.slot_bytes[slot]))
        };
        let launches = self
            .launches
            .iter()
            .map(|l| {
                let mut bytes = Vec::with_capacity(l.steps.len() * DESC_BYTES);
                for &k in &l.steps {
                    let Ok(s) = &self.steps[k] else { continue };
                    let (out, stride) = at(k);
                    bytes.extend(out.to_le_bytes());
                    bytes.extend(stride.to_le_bytes());
                    bytes.extend((k as i32).to_le_bytes());
                    bytes.extend(i32::from(s.defaults).to_le_bytes());
                    for n in 0..MAX_ARGS {
                        let (a, b, kind): (i64, i64, i32) = match s.args.get(n) {
                            Some(DevArg::Step(j)) => (at(*j).0, at(*j).1, 0),
                            Some(DevArg::BoolAsInt(j)) => (at(*j).0, at(*j).1, 4),
                            Some(DevArg::IntAsBool(j)) => (at(*j).0, at(*j).1, 5),
                            Some(DevArg::Input) => (0, 0, 1),
                            Some(DevArg::Int(v)) => (*v, 0, 2),
                            Some(DevArg::Pair(a, b)) => (*a, *b, 3),
                            None => (0, 0, 0),
                        };
                        bytes.extend(a.to_le_bytes());
                        bytes.extend(b.to_le_bytes());
                        bytes.extend(kind.to_le_bytes());
                        bytes.extend(0i32.to_le_bytes());
                    }
                }
                (l.kernel, l.steps.len(), bytes)
            })
            .collect();
        let mut programs = Vec::new();
        let mut prog_steps: Vec<i32> = Vec::new();
        for p in self.device_programs() {
            let (output, steps) = &self.outputs[p];
            let (out, stride, input) = match output {
                Operand::Step(k) => {
                    let (o, s) = at(*k);
                    (o, s, 0i32)
                }
                _ => (0, 0, 1),
            };
            programs.extend(out.to_le_bytes());
            programs.extend(stride.to_le_bytes());
            programs.extend(input.to_le_bytes());
            programs.extend((prog_steps.len() as i32).to_le_bytes());
            programs.extend((steps.len() as i32).to_le_bytes());
            programs.extend(0i32.to_le_bytes());
            prog_steps.extend(steps.iter().map(|&k| k as i32));
        }
        Descriptors {
            slots_bytes,
            launches,
            programs,
            prog_steps,
        }
    }
}

/// A batch's descriptors (see [`StepPlan::descriptors`]).
#[derive(Debug, Clone)]
pub struct Descriptors {
    /// The bytes of the batch's slots.
    pub slots_bytes: u64,
    /// Per launch: its kernel, its number of steps, and their
    /// `struct StepDesc`s.
    pub launches: Vec<(u32, usize, Vec<u8>)>,
    /// The device programs' `struct StepProgram`s.
    pub programs: Vec<u8>,
    /// The steps they count.
    pub prog_steps: Vec<i32>,
}

/// How step `k` runs on the device, with its value's type.
fn resolve(
    k: StepId,
    step: &crate::ir::Step,
    types: &[Option<Ty>],
    overloads: &[Overload],
    by_prim: &HashMap<&str, Vec<usize>>,
) -> Result<(DeviceStep, Ty), String> {
    let Callee::Prim(name) = &step.callee else {
        return Err(format!("step {k} calls a callable value"));
    };
    let args = step
        .args
        .iter()
        .map(|a| -> Result<(DevArg, Ty), String> {
            Ok(match a {
                Operand::Param(Param::I) => (DevArg::Input, Ty::Grid),
                Operand::Param(p) => return Err(format!("step {k} reads {p:?}")),
                Operand::Step(j) => match types.get(*j).cloned().flatten() {
                    Some(ty) => (DevArg::Step(*j), ty),
                    None => {
                        return Err(format!(
                            "step {k} reads step {j}, which is not on the device"
                        ));
                    }
                },
                Operand::Prim(p) => return Err(format!("step {k} takes `{p}` as a callable")),
                Operand::Const(c) => match catalogue::constant(c) {
                    Some(ConstValue::Bool(b)) => (DevArg::Int(i64::from(b)), Ty::Bool),
                    Some(ConstValue::Int(n)) => (DevArg::Int(n), Ty::Int),
                    Some(ConstValue::Pair(a, b)) => (DevArg::Pair(a, b), Ty::Pair),
                    None => return Err(format!("unknown constant {c}")),
                },
                Operand::Int(n) => (DevArg::Int(*n), Ty::Int),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let candidates = by_prim.get(name).map_or(&[][..], Vec::as_slice);
    // Overloads whose types match exactly first, then those taking a Bool
    // for an Int or the other way round, as the per-card kernel chooses.
    for exact in [true, false] {
        for &n in candidates {
            let o = &overloads[n];
            if o.params.len() != args.len() {
                continue;
            }
            let fits = o
                .params
                .iter()
                .zip(&args)
                .all(|(p, (_, a))| a.name() == p.name() || (!exact && a.fits(p)));
            if fits {
                let args = o
                    .params
                    .iter()
                    .zip(&args)
                    .map(|(p, (a, ty))| match (a, ty.name(), p.name()) {
                        (DevArg::Step(j), "Bool", "Int") => DevArg::BoolAsInt(*j),
                        (DevArg::Step(j), "Int", "Bool") => DevArg::IntAsBool(*j),
                        (a, _, _) => *a,
                    })
                    .collect();
                let step = DeviceStep {
                    kernel: n as u32,
                    args,
                    defaults: emit_cuda::default_of(&o.ret, step.default).is_some(),
                };
                return Ok((step, o.ret.clone()));
            }
        }
    }
    let types: Vec<&str> = args.iter().map(|(_, t)| t.name()).collect();
    Err(format!("no step kernel for `{name}[{}]`", types.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Options, Source, compile_with};

    fn plan(text: &str) -> (Card, StepPlan) {
        let card = compile_with(
            &[Source {
                name: "card.py",
                text,
            }],
            &Options::default(),
        )
        .unwrap_or_else(|d| panic!("{d}"));
        let schedule = Schedule::of(&card.solvers);
        let plan = StepPlan::of(&card, &schedule).unwrap();
        (card, plan)
    }

    const CARD: &str = "\
def solve_00000001(I):
    x1 = objects(I, T, F, T)
    x2 = argmax(x1, size)
    O = fill(I, 5, x2)
    return O

def solve_00000002(I):
    x1 = ofcolor(I, 0)
    x2 = fill(I, 5, x1)
    x3 = equality(x2, I)
    x4 = double(x3)
    O = canvas(x4, THREE_BY_THREE)
    return O

def solve_00000003(I):
    x1 = ofcolor(I, 0)
    x2 = fill(I, 5, x1)
    O = hmirror(x2)
    return O
";

    #[test]
    fn first_order_programs_run_on_the_kernels_and_callables_say_why_not() {
        let (card, plan) = plan(CARD);
        let names: Vec<&str> = card
            .solvers
            .programs
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        let on = |name: &str| plan.programs[names.iter().position(|n| *n == name).unwrap()].clone();
        assert_eq!(on("solve_00000002"), Ok(()));
        assert_eq!(on("solve_00000003"), Ok(()));
        let why = on("solve_00000001").unwrap_err();
        assert!(why.contains("callable"), "{why}");
        assert_eq!(plan.device_programs().len(), 2);
        // The shared `ofcolor` and `fill` run once; every device step is
        // in one launch, each launch of one kernel.
        let overloads = overloads().unwrap();
        let mut seen = Vec::new();
        for launch in &plan.launches {
            for &k in &launch.steps {
                assert!(!seen.contains(&k));
                seen.push(k);
                let step = plan.steps[k].as_ref().unwrap();
                assert_eq!(step.kernel, launch.kernel);
                let crate::ir::Callee::Prim(name) = card.solvers.steps[k].callee else {
                    panic!("a callable on the device");
                };
                assert_eq!(overloads[launch.kernel as usize].prim, name);
            }
        }
        assert_eq!(plan.device_steps(), 6, "{:?}", plan.launches);
        // `double` of a bool reads it as an integer.
        let double = card
            .solvers
            .steps
            .iter()
            .position(|s| s.callee == crate::ir::Callee::Prim("double"))
            .unwrap();
        assert!(matches!(
            plan.steps[double].as_ref().unwrap().args[..],
            [DevArg::BoolAsInt(_)]
        ));
        // Slots hold the largest value written to them: a grid at most.
        assert!(plan.slot_bytes.iter().all(|&b| b <= 912 && b % 16 == 0));
        assert!(plan.slot_bytes.contains(&912));
    }

    #[test]
    fn descriptors_place_each_slot_once_per_sample_of_the_batch() {
        let (_, plan) = plan(CARD);
        let per_sample: u64 = plan.slot_bytes.iter().map(|&b| u64::from(b)).sum();
        let d = plan.descriptors(7);
        assert_eq!(d.slots_bytes, per_sample * 7);
        assert_eq!(d.launches.len(), plan.launches.len());
        for ((kernel, steps, bytes), launch) in d.launches.iter().zip(&plan.launches) {
            assert_eq!(*kernel, launch.kernel);
            assert_eq!(*steps, launch.steps.len());
            assert_eq!(bytes.len(), steps * DESC_BYTES);
            for desc in bytes.chunks(DESC_BYTES) {
                let word = |k: usize| i64::from_le_bytes(desc[k..k + 8].try_into().unwrap());
                let (out, stride) = (word(0), word(8));
                assert!(stride > 0 && out % 16 == 0 && stride % 16 == 0);
                assert!(out as u64 + stride as u64 * 7 <= d.slots_bytes);
            }
        }
        assert_eq!(d.programs.len(), 2 * PROGRAM_BYTES);
    }

    #[test]
    fn the_library_has_a_kernel_per_first_order_overload() {
        let overloads = overloads().unwrap();
        let source = library().unwrap();
        assert!(overloads.len() > 400, "{}", overloads.len());
        for (n, o) in overloads.iter().enumerate() {
            assert!(
                source.contains(&format!("// {}\nBATT_KERNEL batt_step_{n}(", o.signature())),
                "no kernel for {}",
                o.signature()
            );
            assert!(size_of(&o.ret).is_some());
        }
        assert!(source.contains("BATT_KERNEL batt_step_lanes("));
    }
}

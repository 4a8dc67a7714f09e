//! The CUDA backend: a card's kernel (the source a [`LaneBatch`] carries)
//! compiled to a cubin for each device's architecture (see [`nvrtc`]: from
//! the cache, or with NVRTC once) and run through the driver API with
//! cudarc.
//!
//! CUDA is loaded at run time: [`probe`] looks for the driver library
//! before anything calls into it, so the binary builds and runs on
//! machines without CUDA and says why it does not use a GPU. Each device
//! loads the kernel once per process ([`load`]). The lanes are split over the chosen devices, and over
//! `split` parts per device, one host thread and stream per part, each
//! part in chunks of at most `batch_size` lanes so device memory stays
//! bounded whatever the dataset's size.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use std::collections::HashMap;

use batt_gen::step_kernels;
use cudarc::driver::{
    CudaContext, CudaFunction, CudaModule, CudaSlice, CudaStream, DevicePtr, DeviceRepr,
    LaunchConfig, PushKernelArg, ValidAsZeroBits,
};
use cudarc::nvrtc::Ptx;

use super::device::{LaneScore, ScoredLanes, grids_wanted};
use super::nvrtc;
use super::steps::{Elems, KernelArg, Launch, Levels, StepMachine};
use super::{DeviceGrid, DeviceTiming, LaneBatch, LaneResults, LaneRunner, run_in_parts};

// SAFETY: `DeviceGrid` is `repr(C)` plain data (two i32 and bytes) with the
// layout of the kernel's `struct Grid`.
unsafe impl DeviceRepr for DeviceGrid {}

// SAFETY: all-zero bytes are a valid `DeviceGrid` (the empty grid).
unsafe impl ValidAsZeroBits for DeviceGrid {}

/// The kernel's entry point.
const ENTRY: &str = "batt_card";

/// The kernel that packs the grids the host asks for.
const GATHER_ENTRY: &str = "batt_gather";

// SAFETY: `LaneScore` is `repr(C)` plain data with the layout of the
// kernel's `struct LaneScore`.
unsafe impl DeviceRepr for LaneScore {}

// SAFETY: all-zero bytes are a valid `LaneScore`.
unsafe impl ValidAsZeroBits for LaneScore {}

/// Threads per block. Each thread keeps a program's values in local
/// memory, so blocks stay small. The kernel's `__launch_bounds__` (the
/// prelude's `BATT_KERNEL`) names the same number: a larger block would not
/// launch.
const BLOCK: u32 = 128;

/// Per-thread stack for the kernel (its locals are large fixed-size values).
const STACK_BYTES: usize = 64 * 1024;

/// A usable device.
#[derive(Debug, Clone)]
pub struct DeviceInfo {
    /// Its ordinal.
    pub ordinal: usize,
    /// Its name.
    pub name: String,
    /// Compute capability.
    pub capability: (i32, i32),
    /// Free memory in bytes.
    pub free_memory: usize,
}

/// The devices CUDA offers, or why there are none: no driver library, a
/// driver that fails to start, or no device. NVRTC is not needed where the
/// kernel's cubin is cached (see [`nvrtc`]).
pub fn probe() -> Result<Vec<DeviceInfo>, String> {
    // SAFETY: only tries to load the library; nothing is called yet.
    if !unsafe { cudarc::driver::sys::is_culib_present() } {
        return Err("no CUDA driver library (libcuda) was found".into());
    }
    let count = CudaContext::device_count().map_err(|e| format!("the CUDA driver fails: {e}"))?;
    if count <= 0 {
        return Err("the CUDA driver sees no device".into());
    }
    let mut devices = Vec::new();
    for ordinal in 0..count as usize {
        let ctx = CudaContext::new(ordinal).map_err(|e| format!("device {ordinal}: {e}"))?;
        devices.push(DeviceInfo {
            ordinal,
            name: ctx.name().unwrap_or_else(|_| "unknown".into()),
            capability: ctx.compute_capability().unwrap_or((0, 0)),
            free_memory: ctx.mem_get_info().map(|(free, _)| free).unwrap_or(0),
        });
    }
    Ok(devices)
}

/// A kernel loaded on one device: its context and entry point, and what
/// loading it cost.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The device's (primary) context.
    pub ctx: Arc<CudaContext>,
    /// The kernel's entry point.
    pub func: CudaFunction,
    /// The entry point that packs chosen grids (`batt_gather`).
    pub gather: CudaFunction,
    /// The cubin loaded.
    pub cubin: PathBuf,
    /// Seconds NVRTC took, when the cubin was compiled for this load.
    pub compiled_in: Option<f64>,
    /// Seconds the driver took to load the module.
    pub load_seconds: f64,
    /// Registers per thread of the entry point (`NUM_REGS`).
    pub registers: Option<i32>,
    /// Local memory per thread of the entry point (`LOCAL_SIZE_BYTES`).
    pub local_bytes: Option<i32>,
}

/// The number of multiprocessors of device `ordinal`, when it says.
pub fn multiprocessors(ordinal: usize) -> Option<i32> {
    let ctx = CudaContext::new(ordinal).ok()?;
    ctx.attribute(cudarc::driver::sys::CUdevice_attribute::CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT)
        .ok()
}

/// Kernels loaded in this process, by device and cubin: each is compiled
/// (or read from the cache) and loaded once, however many parts and runs
/// use it.
static LOADED: Mutex<Vec<(usize, String, Loaded)>> = Mutex::new(Vec::new());

/// The kernel of `source` loaded on `device`: once per process.
pub fn load(device: &DeviceInfo, source: &str) -> Result<Loaded, String> {
    let d = device.ordinal;
    let arch = nvrtc::Arch::of(device.capability);
    let key = nvrtc::key(
        source,
        &nvrtc::module_options(arch, nvrtc::Emit::Cubin, nvrtc::Module::Card),
    );
    // A poisoned lock only means another part panicked; the list is whole.
    let mut loaded = LOADED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, _, l)) = loaded.iter().find(|(o, k, _)| *o == d && *k == key) {
        return Ok(l.clone());
    }
    let err = |what: &'static str| {
        move |e: cudarc::driver::DriverError| format!("device {d}: {what}: {e}")
    };
    let ctx = CudaContext::new(d).map_err(err("context"))?;
    ctx.set_limit(
        cudarc::driver::sys::CUlimit::CU_LIMIT_STACK_SIZE,
        STACK_BYTES,
    )
    .map_err(err("stack size"))?;
    let t = Instant::now();
    let (module, cubin) = load_module(&ctx, source, arch, nvrtc::Module::Card)?;
    let func = module
        .load_function(ENTRY)
        .map_err(err("the kernel entry"))?;
    let gather = module
        .load_function(GATHER_ENTRY)
        .map_err(err("the gather entry"))?;
    use cudarc::driver::sys::CUfunction_attribute as Attr;
    let registers = func.get_attribute(Attr::CU_FUNC_ATTRIBUTE_NUM_REGS).ok();
    let local_bytes = func
        .get_attribute(Attr::CU_FUNC_ATTRIBUTE_LOCAL_SIZE_BYTES)
        .ok();
    let l = Loaded {
        ctx,
        func,
        gather,
        registers,
        local_bytes,
        cubin: cubin.path,
        compiled_in: cubin.compiled_in,
        load_seconds: t.elapsed().as_secs_f64(),
    };
    loaded.push((d, key, l.clone()));
    Ok(l)
}

/// `source`'s cubin for `arch` loaded in `ctx`: a cached one that loads,
/// whichever NVRTC made it (no compile on a machine whose NVRTC differs
/// from the one that filled the cache, when the driver takes it); else
/// this machine's NVRTC's, from the cache or compiled now. `module`
/// says which it is, for the options and in errors.
fn load_module(
    ctx: &Arc<CudaContext>,
    source: &str,
    arch: nvrtc::Arch,
    module: nvrtc::Module,
) -> Result<(Arc<CudaModule>, nvrtc::Cubin), String> {
    let what = match module {
        nvrtc::Module::Card => "the kernel",
        nvrtc::Module::Steps => "the step library",
    };
    let dir = nvrtc::cache_dir();
    let d = ctx.ordinal();
    let mut failed = None;
    if let Some(cubin) = nvrtc::cached(&dir, source, arch, module) {
        match ctx.load_module(Ptx::from_binary(cubin.bytes.clone())) {
            Ok(module) => return Ok((module, cubin)),
            Err(e) => {
                eprintln!(
                    "device {d}: the cached {} does not load ({e}): compiling it with this machine's NVRTC",
                    cubin.path.display()
                );
                failed = Some(cubin.path);
            }
        }
    }
    let cubin = match failed {
        // The cached one of this NVRTC would be the one that failed.
        Some(_) => nvrtc::build(&dir, source, arch, module)?,
        None => nvrtc::cubin(&dir, source, arch, module)?,
    };
    let module = ctx
        .load_module(Ptx::from_binary(cubin.bytes.clone()))
        .map_err(|e| format!("device {d}: loading {what} {}: {e}", cubin.path.display()))?;
    Ok((module, cubin))
}

/// Runs lanes on CUDA devices.
#[derive(Debug, Clone)]
pub struct CudaRunner {
    devices: Vec<DeviceInfo>,
    split: usize,
    batch_size: Option<usize>,
}

impl CudaRunner {
    /// A runner on `devices` (from [`probe`]), each device's lanes in
    /// `split` parts, launches of at most `batch_size` lanes (sized from
    /// free device memory when `None`).
    pub fn new(devices: Vec<DeviceInfo>, split: usize, batch_size: Option<usize>) -> CudaRunner {
        CudaRunner {
            devices,
            split: split.max(1),
            batch_size,
        }
    }

    /// Lanes per launch on `device`: a quarter of its free memory over
    /// what a lane takes, at most 2^20.
    fn batch_for(&self, device: &DeviceInfo) -> usize {
        self.batch_size.unwrap_or_else(|| {
            // Its output, results, scores (at most 32 differs) and ids.
            let per_lane =
                std::mem::size_of::<DeviceGrid>() + std::mem::size_of::<LaneScore>() + 8 * 32 + 8;
            (device.free_memory / 4 / per_lane).clamp(1024, 1 << 20)
        })
    }
}

impl LaneRunner for CudaRunner {
    fn describe(&self) -> String {
        let names: Vec<String> = self
            .devices
            .iter()
            .map(|d| {
                format!(
                    "{} {} (sm_{}{})",
                    d.ordinal, d.name, d.capability.0, d.capability.1
                )
            })
            .collect();
        let split = if self.split > 1 {
            format!(", {} parts each", self.split)
        } else {
            String::new()
        };
        format!("cuda: {}{split}", names.join(", "))
    }

    fn run(&self, batch: &LaneBatch<'_>) -> Result<(LaneResults, DeviceTiming), String> {
        let parts = self.devices.len() * self.split;
        run_in_parts(batch, parts, |part, range| {
            let device = &self.devices[part / self.split];
            run_part(device, batch, range, self.batch_for(device))
        })
    }
}

/// Runs lanes `range` of `batch` on one device, with a stream of its own,
/// in chunks of at most `batch_size` lanes: `batt_card` on each chunk, then
/// each lane's flag, failed count and hash back, and the grids: every one,
/// or with scoring (`batch.scoring`) the scores and only the grids the
/// host needs ([`grids_wanted`]), packed on the device by `batt_gather`.
fn run_part(
    device: &DeviceInfo,
    batch: &LaneBatch<'_>,
    range: std::ops::Range<usize>,
    batch_size: usize,
) -> Result<(LaneResults, DeviceTiming), String> {
    let d = device.ordinal;
    let err = |what: &'static str| {
        move |e: cudarc::driver::DriverError| format!("device {d}: {what}: {e}")
    };
    let mut timing = DeviceTiming::default();
    let t = Instant::now();
    let loaded = load(device, batch.source)?;
    let stream: Arc<CudaStream> = loaded.ctx.new_stream().map_err(err("stream"))?;
    timing.compile = t.elapsed();

    let scoring = batch.scoring.as_ref();
    let stride = scoring.map_or(1, |s| s.stride.max(1));
    let t = Instant::now();
    let inputs = stream
        .clone_htod(batch.inputs)
        .map_err(err("uploading inputs"))?;
    // Without scoring the kernel reads no expected output: the inputs
    // stand in for the buffer.
    let expected = match scoring {
        Some(s) => Some(
            stream
                .clone_htod(s.expected)
                .map_err(err("uploading expected outputs"))?,
        ),
        None => None,
    };
    stream.synchronize().map_err(err("upload"))?;
    timing.upload += t.elapsed();

    let mut out = LaneResults {
        scored: scoring.map(|_| ScoredLanes::default()),
        ..LaneResults::default()
    };
    let mut seen = std::collections::HashMap::new();
    let mut next = 0u32;
    let mut start = range.start;
    while start < range.end {
        let end = (start + batch_size).min(range.end);
        let len = end - start;
        let t = Instant::now();
        let progs = stream
            .clone_htod(&batch.programs[start..end])
            .map_err(err("uploading lanes"))?;
        let samples = stream
            .clone_htod(&batch.samples[start..end])
            .map_err(err("uploading lanes"))?;
        let mut outs = stream
            .alloc_zeros::<DeviceGrid>(len)
            .map_err(err("allocating outputs"))?;
        let mut lanes = stream
            .alloc_zeros::<LaneScore>(len)
            .map_err(err("allocating lane results"))?;
        let mut scores = stream
            .alloc_zeros::<i64>(if scoring.is_some() { len * stride } else { 1 })
            .map_err(err("allocating scores"))?;
        stream.synchronize().map_err(err("upload"))?;
        timing.upload += t.elapsed();

        let t = Instant::now();
        let n_lanes = len as i32;
        let score_flag = i32::from(scoring.is_some());
        let mut launch = stream.launch_builder(&loaded.func);
        launch
            .arg(&inputs)
            .arg(expected.as_ref().unwrap_or(&inputs))
            .arg(&score_flag)
            .arg(&progs)
            .arg(&samples)
            .arg(&n_lanes)
            .arg(&mut outs)
            .arg(&mut lanes)
            .arg(&mut scores);
        // SAFETY: the arguments match `batt_card`'s parameters (inputs,
        // their expected outputs, whether to score, lane programs, lane
        // inputs, lane count, outputs, lane results, scores); every lane
        // buffer holds `len` lanes, `scores` `stride` per lane when scoring
        // (it is not written otherwise), the input buffers every input the
        // lanes name (the expected outputs are read only when scoring), and
        // the kernel touches lanes below `n_lanes` only.
        unsafe { launch.launch(launch_config(len)) }.map_err(err("launching the kernel"))?;
        stream.synchronize().map_err(err("the kernel"))?;
        timing.kernel += t.elapsed();

        let t = Instant::now();
        let lanes = stream
            .clone_dtoh(&lanes)
            .map_err(err("downloading lane results"))?;
        out.flags.extend(lanes.iter().map(|l| l.flag));
        out.failed.extend(lanes.iter().map(|l| l.failed));
        let Some(scoring) = scoring else {
            out.outs.extend(
                stream
                    .clone_dtoh(&outs)
                    .map_err(err("downloading outputs"))?,
            );
            timing.download += t.elapsed();
            start = end;
            continue;
        };
        let scores = stream
            .clone_dtoh(&scores)
            .map_err(err("downloading scores"))?;
        timing.download += t.elapsed();
        let (fetch, grid) = grids_wanted(
            scoring,
            &batch.samples[start..end],
            &lanes,
            &mut seen,
            &mut next,
        );
        if !fetch.is_empty() {
            let t = Instant::now();
            let which: Vec<i32> = fetch.iter().map(|&l| l as i32).collect();
            let which = stream
                .clone_htod(&which)
                .map_err(err("uploading a gather"))?;
            let mut packed = stream
                .alloc_zeros::<DeviceGrid>(fetch.len())
                .map_err(err("allocating a gather"))?;
            let n = fetch.len() as i32;
            let mut launch = stream.launch_builder(&loaded.gather);
            launch.arg(&outs).arg(&which).arg(&n).arg(&mut packed);
            // SAFETY: `batt_gather(outs, which, n, packed)`: `which` holds
            // `n` lanes below `len`, `packed` has room for `n` grids.
            unsafe { launch.launch(launch_config(fetch.len())) }
                .map_err(err("launching the gather"))?;
            stream.synchronize().map_err(err("the gather"))?;
            timing.kernel += t.elapsed();
            let t = Instant::now();
            out.outs.extend(
                stream
                    .clone_dtoh(&packed)
                    .map_err(err("downloading outputs"))?,
            );
            timing.download += t.elapsed();
        }
        let scored = out.scored.get_or_insert_with(ScoredLanes::default);
        scored.lanes.extend(lanes);
        scored.scores.extend(scores);
        scored.grid.extend(grid);
        start = end;
    }
    Ok((out, timing))
}

/// Blocks of [`BLOCK`] threads for `lanes` lanes.
fn launch_config(lanes: usize) -> LaunchConfig {
    LaunchConfig {
        grid_dim: ((lanes as u32).div_ceil(BLOCK), 1, 1),
        block_dim: (BLOCK, 1, 1),
        shared_mem_bytes: 0,
    }
}

// SAFETY: `Levels` is `repr(C)` plain data (eight u64) with the layout of
// the library's `struct StepLevels` (eight pointers).
unsafe impl DeviceRepr for Levels {}

// SAFETY: `Elems` is `repr(C)` plain data with the layout of the library's
// `struct StepElems` (three pointers and a long long).
unsafe impl DeviceRepr for Elems {}

/// The step-major library ([`step_kernels::library`], the same for every
/// card) loaded on one device, with a stream of its own: a
/// [`StepMachine`] for [`super::steps::run_batch`]. Its cubin comes from
/// the cache (`batt-runtime kernel build --steps` puts it there ahead of
/// time), or NVRTC compiles it once per toolkit and architecture; no card
/// compiles CUDA source.
#[derive(Debug)]
pub struct CudaSteps {
    ordinal: usize,
    stream: Arc<CudaStream>,
    module: Arc<CudaModule>,
    /// Entry points looked up so far, by name.
    functions: Mutex<HashMap<String, CudaFunction>>,
    /// The cubin loaded.
    pub cubin: PathBuf,
    /// Seconds NVRTC took, when the cubin was compiled for this load.
    pub compiled_in: Option<f64>,
    /// Seconds the driver took to load the module.
    pub load_seconds: f64,
    /// Whether each launch is waited for, so that a fault names its kernel
    /// (`BATT_SYNC_LAUNCHES=1`; slower).
    sync_each: bool,
}

impl CudaSteps {
    /// The library on `device`: its cubin (cached, else compiled now),
    /// loaded, with the per-thread stack the largest frame among its
    /// entries needs.
    pub fn load(device: &DeviceInfo) -> Result<CudaSteps, String> {
        let d = device.ordinal;
        let err = |what: &'static str| {
            move |e: cudarc::driver::DriverError| format!("device {d}: {what}: {e}")
        };
        let source = step_kernels::library()?;
        let arch = nvrtc::Arch::of(device.capability);
        let ctx = CudaContext::new(d).map_err(err("context"))?;
        let t = Instant::now();
        let (module, cubin) = load_module(&ctx, &source, arch, nvrtc::Module::Steps)?;
        let load_seconds = t.elapsed().as_secs_f64();
        // The largest local frame of any entry (a replay's template), so
        // that every launch has the stack it needs.
        let mut functions = HashMap::new();
        let mut frame = 0;
        for name in step_kernels::entries()? {
            let f = module
                .load_function(&name)
                .map_err(|e| format!("device {d}: the step library has no entry {name}: {e}"))?;
            use cudarc::driver::sys::CUfunction_attribute as Attr;
            let local = f
                .get_attribute(Attr::CU_FUNC_ATTRIBUTE_LOCAL_SIZE_BYTES)
                .unwrap_or(0);
            frame = frame.max(local.max(0) as usize);
            functions.insert(name, f);
        }
        // Raised, never lowered: the card's own kernel may share the
        // context and need more.
        let stack = cudarc::driver::sys::CUlimit::CU_LIMIT_STACK_SIZE;
        let want = frame.next_multiple_of(1024).max(1024);
        if ctx.get_limit(stack).unwrap_or(0) < want {
            ctx.set_limit(stack, want).map_err(err("stack size"))?;
        }
        let stream = ctx.new_stream().map_err(err("stream"))?;
        Ok(CudaSteps {
            ordinal: d,
            stream,
            module,
            functions: Mutex::new(functions),
            cubin: cubin.path,
            compiled_in: cubin.compiled_in,
            load_seconds,
            sync_each: std::env::var_os("BATT_SYNC_LAUNCHES").is_some_and(|v| v == "1"),
        })
    }

    fn function(&self, name: &str) -> Result<CudaFunction, String> {
        let mut functions = self.functions.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(f) = functions.get(name) {
            return Ok(f.clone());
        }
        let f = self
            .module
            .load_function(name)
            .map_err(|e| format!("device {}: no entry {name}: {e}", self.ordinal))?;
        functions.insert(name.to_owned(), f.clone());
        Ok(f)
    }

    fn err(&self, what: &str, e: cudarc::driver::DriverError) -> String {
        format!("device {}: {what}: {e}", self.ordinal)
    }
}

impl StepMachine for CudaSteps {
    type Buf = CudaSlice<u8>;

    fn zeroed(&self, bytes: usize) -> Result<CudaSlice<u8>, String> {
        self.stream
            .alloc_zeros::<u8>(bytes.max(16))
            .map_err(|e| self.err("allocating", e))
    }

    fn upload(&self, bytes: &[u8]) -> Result<CudaSlice<u8>, String> {
        if bytes.is_empty() {
            return self.zeroed(16);
        }
        self.stream
            .clone_htod(bytes)
            .map_err(|e| self.err("uploading", e))
    }

    fn download(&self, buf: &CudaSlice<u8>, bytes: usize) -> Result<Vec<u8>, String> {
        if bytes == 0 {
            return Ok(Vec::new());
        }
        if bytes > buf.len() {
            return Err(format!("a read of {bytes} bytes from a smaller buffer"));
        }
        let out = self
            .stream
            .clone_dtoh(&buf.slice(..bytes))
            .map_err(|e| self.err("downloading", e))?;
        self.stream
            .synchronize()
            .map_err(|e| self.err("a step launch", e))?;
        Ok(out)
    }

    fn addr(&self, buf: &CudaSlice<u8>) -> u64 {
        let (ptr, _sync) = buf.device_ptr(&self.stream);
        ptr
    }

    fn launch(&self, launch: &Launch) -> Result<(), String> {
        let threads = launch.threads();
        if threads > i32::MAX as u64 {
            return Err(format!(
                "a launch of {threads} threads: more than a kernel's lane index holds; use smaller batches"
            ));
        }
        let f = self.function(&launch.entry())?;
        let mut b = self.stream.launch_builder(&f);
        let args = launch.args();
        for a in &args {
            match a {
                KernelArg::Addr(v) => b.arg(v),
                KernelArg::I32(v) => b.arg(v),
                KernelArg::I64(v) => b.arg(v),
                KernelArg::Levels(v) => b.arg(v),
                KernelArg::Elems(v) => b.arg(v),
            };
        }
        // SAFETY: the arguments are the entry's parameters in order and
        // width (addresses as u64, `int` as i32, `long long` as i64, the
        // level and element structs by value with the library's layout);
        // every address is a live buffer of this stream, allocated by the
        // driver for this batch with the sizes the plan gives; the kernel
        // touches threads below `threads` only.
        unsafe { b.launch(launch_config(threads as usize)) }
            .map_err(|e| self.err(&format!("launching {}", launch.entry()), e))?;
        if self.sync_each {
            self.sync()
                .map_err(|e| format!("{e} (in {} over {threads} threads)", launch.entry()))?;
        }
        Ok(())
    }

    fn sync(&self) -> Result<(), String> {
        self.stream
            .synchronize()
            .map_err(|e| self.err("a step launch", e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_grids_have_the_kernel_layout() {
        assert_eq!(std::mem::size_of::<DeviceGrid>(), 912);
        assert_eq!(std::mem::align_of::<DeviceGrid>(), 16);
    }

    #[test]
    fn probing_never_panics() {
        // On a machine without CUDA this is an error naming what is
        // missing; with CUDA, a list of devices.
        match probe() {
            Ok(devices) => assert!(!devices.is_empty()),
            Err(why) => assert!(!why.is_empty()),
        }
    }
}

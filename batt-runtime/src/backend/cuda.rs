//! The CUDA backend: the step-major library ([`step_kernels::library`],
//! the same for every card) compiled to a cubin for each device's
//! architecture (see [`nvrtc`]: from the cache, or with NVRTC once per
//! toolkit and architecture) and driven through the driver API with
//! cudarc, one [`CudaSteps`] per device part.
//!
//! CUDA is loaded at run time: [`probe`] looks for the driver library
//! before anything calls into it, so the binary builds and runs on
//! machines without CUDA and says why it does not use a GPU.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use std::collections::HashMap;

use batt_gen::step_kernels;
use cudarc::driver::{
    CudaContext, CudaFunction, CudaModule, CudaSlice, CudaStream, DevicePtr, DeviceRepr,
    LaunchConfig, PushKernelArg,
};
use cudarc::nvrtc::Ptx;

use super::nvrtc;
use super::steps::{Elems, KernelArg, Launch, Levels, StepMachine};

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
/// library's cubin is cached (see [`nvrtc`]).
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

/// The number of multiprocessors of device `ordinal`, when it says.
pub fn multiprocessors(ordinal: usize) -> Option<i32> {
    let ctx = CudaContext::new(ordinal).ok()?;
    ctx.attribute(cudarc::driver::sys::CUdevice_attribute::CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT)
        .ok()
}

/// The library `source`'s cubin for `arch` loaded in `ctx`: a cached one
/// that loads, whichever NVRTC made it (no compile on a machine whose
/// NVRTC differs from the one that filled the cache, when the driver takes
/// it); else this machine's NVRTC's, from the cache or compiled now.
fn load_module(
    ctx: &Arc<CudaContext>,
    source: &str,
    arch: nvrtc::Arch,
) -> Result<(Arc<CudaModule>, nvrtc::Cubin), String> {
    let dir = nvrtc::cache_dir();
    let d = ctx.ordinal();
    let mut failed = None;
    if let Some(cubin) = nvrtc::cached(&dir, source, arch) {
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
        Some(_) => nvrtc::build(&dir, source, arch)?,
        None => nvrtc::cubin(&dir, source, arch)?,
    };
    let module = ctx
        .load_module(Ptx::from_binary(cubin.bytes.clone()))
        .map_err(|e| {
            format!(
                "device {d}: loading the step library {}: {e}",
                cubin.path.display()
            )
        })?;
    Ok((module, cubin))
}

/// Threads per block: the library's `__launch_bounds__` (the prelude's
/// `BATT_KERNEL`) names the same number, so a larger block would not
/// launch.
const BLOCK: u32 = 128;

/// Blocks of [`BLOCK`] threads for `lanes` threads.
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
/// the cache (`batt-runtime kernel build` puts it there ahead of
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
        let (module, cubin) = load_module(&ctx, &source, arch)?;
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
        // Raised, never lowered: another part of the device may have
        // raised it already.
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
        use crate::backend::DeviceGrid;
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

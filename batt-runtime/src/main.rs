//! `batt-runtime`: the command-line entry point.

use std::process::ExitCode;

use clap::Parser;

/// The DSL makes and drops many small values, and a sample's evaluation
/// grows and empties large tables: mimalloc, never handing memory back to
/// the system within a run, is faster at that than the system allocator
/// (PERFORMANCE.md, "CPU throughput: the allocator, the memo's storage,
/// products"). What a run holds is bounded per thread (docs/robustness.md),
/// so keeping it costs at most that bound.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in `mimalloc.h` (15 in both its v2 and v3):
/// how long freed memory waits before it is returned to the system, `-1`
/// for never. Returned and taken again, each page is faulted in and zeroed
/// anew: with the default (10 ms), a tenth of a shard's time.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    // SAFETY: sets one of mimalloc's options before any other thread
    // exists (the function is not thread-safe); any value is valid.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    batt_runtime::cli::run(batt_runtime::cli::Cli::parse())
}

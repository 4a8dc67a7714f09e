//! `batt-runtime`: the command-line entry point.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    batt_runtime::cli::run(batt_runtime::cli::Cli::parse())
}

//! The ARC data the integration tests run on (included by path, `#[path =
//! "support/data.rs"] mod data;`, by the tests that read it).

use std::path::Path;

use batt_runtime::dataset::{self, Dataset, SplitFilter};

/// ARC-AGI-1, every task of both splits, fetched when missing; `who` names
/// the tests in the error when it cannot be fetched.
pub(crate) fn arc_agi_1(who: &str) -> Dataset {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
    batt_data::Fetcher::new(&data)
        .ensure(&mut |line| eprintln!("{line}"))
        .unwrap_or_else(|e| panic!("{who} need the ARC data: {e}"));
    dataset::load(&data.join("arc-agi-1"), SplitFilter::All).expect("ARC-AGI-1 loads")
}

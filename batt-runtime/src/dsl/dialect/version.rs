//! The dialect version of the card being evaluated
//! ([`batt_gen::dialect::Version`]), for the primitives whose values
//! depend on it.
//!
//! A card's evaluation runs under [`enter`] (the [`crate::card::Card`]
//! implementations do it), which sets the version of the running thread
//! until the returned guard is dropped. What depends on it:
//!
//! - **Cells.** Under `batt-2025-11` a cell, seen as a value (an element of
//!   an object, an argument that becomes one), is the triple `(i, j, c)`;
//!   under the others the pair `(c, (i, j))`. Objects are the same sets of
//!   cells either way, so every primitive that takes or makes objects
//!   (`objects`, `paint`, `recolor`, `shift`, ...) is unchanged; what
//!   changes is what a program sees when it takes a cell apart
//!   (`first(cell)`, `get_nth_t(cell, F0)`, `toij`) or builds one
//!   (`astuple`, `ascell`, `insert`). Sets still iterate in batt's
//!   canonical order (by colour, then position), whatever the layout.
//! - **"No such item".** Where `batt-2025-07` returns `None` (an empty
//!   container's first element, an out-of-range rank, `extract` with no
//!   match), `batt-2025-11` returns the empty tuple `()` for tuple
//!   primitives and `frozenset()` for set primitives, as its Python does
//!   (see [`since_2025_11`]); where it returns a float sentinel (`nan`, `inf`),
//!   the call is an error in every version.
//! - **`()` as a number.** `add`, `subtract`, `multiply` and `divide` under
//!   `batt-2025-11` read an operand `()` as 0 (`add`, `subtract`) or 1
//!   (`multiply`, `divide`).
//! - **Out-of-range crops.** `crop` and `subgrid` under `batt-2025-11` give
//!   `()` for a window not wholly inside the grid (or an empty patch).

use std::cell::Cell;

pub use batt_gen::dialect::Version;

use super::super::value::Value;

thread_local! {
    static CURRENT: Cell<Version> = const { Cell::new(Version::Batt2025_07) };
}

/// The version of the card this thread evaluates.
#[inline]
pub fn current() -> Version {
    CURRENT.with(Cell::get)
}

/// Whether cells are `(i, j, c)` triples on this thread.
#[inline]
pub fn ijc_cells() -> bool {
    current().ijc_cells()
}

/// Restores the previous version when dropped.
#[must_use = "the version holds until the guard is dropped"]
#[derive(Debug)]
pub struct Entered(Version);

impl Drop for Entered {
    fn drop(&mut self) {
        CURRENT.with(|c| c.set(self.0));
    }
}

/// Evaluates under `version` until the guard is dropped.
pub fn enter(version: Version) -> Entered {
    Entered(CURRENT.with(|c| c.replace(version)))
}

/// `newer` under `batt-2025-11`, else `older`: what a primitive returns
/// for "no such item" where the versions differ.
pub fn since_2025_11(older: Value, newer: impl FnOnce() -> Value) -> Value {
    if is_2025_11() { newer() } else { older }
}

/// `n` for an operand `()` of arithmetic under `batt-2025-11` (which reads
/// it as 0 in sums and differences, 1 in products and quotients).
#[inline]
pub fn unit_as_number(value: &Value, n: i64) -> Option<Value> {
    (matches!(value, Value::Tuple(items) if items.is_empty()) && is_2025_11())
        .then_some(Value::Int(n))
}

/// Whether `batt-2025-11` semantics hold on this thread.
#[inline]
pub fn is_2025_11() -> bool {
    current() == Version::Batt2025_11
}

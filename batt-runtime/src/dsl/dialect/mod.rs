//! The batt dialect: the primitives existing batt systems add to the ARC
//! DSL (catalogued with their signatures in `batt_gen::dialect`), so that
//! their solver and differ files run as cards unchanged.
//!
//! Each primitive follows the dialect's semantics, with batt's values:
//!
//! - Cells are the standard `(colour, (i, j))` and sets iterate in batt's
//!   canonical order; where the dialect's result depended on hash order
//!   (the first element of a set, ties between equal keys), batt's is the
//!   earliest in that order.
//! - Where the dialect returns `None` for "no such item", batt returns
//!   `None` too; where it returns a float sentinel (`nan`, `inf`), which
//!   batt's integers cannot hold, the call is an error, so the step takes
//!   the safe default of its declared type.
//! - An out-of-range rank or type code behaves as the dialect's code does
//!   (its fall-through case), documented on each primitive.
//!
//! The typed variants (`_t` for tuples and grids, `_f` for frozensets and
//! patches, `_i` for indices, `_o` for objects) are thin entries over the
//! polymorphic primitives wherever the dialect's semantics agree with
//! them; where they do not (`first_t` of an empty tuple is `None`,
//! `mfilter_t` does not merge, ...), the entry says so.

use super::PrimDef;

pub mod cells;
pub mod ranks;
pub mod samples;
pub mod typed;
pub mod version;

/// Every dialect primitive, in the order of `batt_gen::dialect::PRIMITIVES`'
/// groups.
pub(super) fn prims() -> Vec<PrimDef> {
    let groups: &[&[PrimDef]] = &[samples::PRIMS, ranks::PRIMS, typed::PRIMS, cells::PRIMS];
    groups.concat()
}

//! Primitives: patches (being written).

use super::PrimDef;

/// The primitives of this module.
pub(super) const PRIMS: &[PrimDef] = &[];

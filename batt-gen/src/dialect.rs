//! The batt dialect: the primitives and constants that existing batt
//! systems (the generated `batt(task_id, S, I, C, log_path)` of the Python
//! program-search system batt replaces) add to the ARC DSL, so that their
//! solver and differ files are cards unchanged.
//!
//! The names, parameters and declared types are the dialect's (the
//! annotations of its `dsl.py`; of the later definition where a function
//! is defined twice, as Python reads it). Where the dialect's type is one
//! the catalogue spells otherwise, the row says so. The safe default of a
//! failed step follows the declared type, as for the reference primitives
//! ([`Type::safe_default`]: the dialect's colour, mirror, rank and symbol
//! codes `C_`, `A8`, `FL` and `R_` are integers, `IJ` is a pair, `Samples`
//! a tuple). The catalogue's tests check this table and the reference's
//! together. The runtime's `dsl::dialect` module holds the functions and
//! documents where batt's values differ from the dialect's.
//!
//! Sample-level primitives (`c_iz`, `a_mr`, `dedupe_pair_tuple`, ...) read
//! `S`, the task's demonstration pairs, a tuple of `(input, output)` grid
//! pairs.

use crate::catalogue::{ConstValue, PrimSig, Type};

/// A table row: name, parameter names, their types, return type.
const fn sig(
    name: &'static str,
    params: &'static [&'static str],
    param_types: &'static [Type],
    ret: Type,
) -> PrimSig {
    sig_with_defaults(name, params, param_types, ret, &[])
}

/// A table row whose trailing parameters have defaults (primitives, by name).
const fn sig_with_defaults(
    name: &'static str,
    params: &'static [&'static str],
    param_types: &'static [Type],
    ret: Type,
    defaults: &'static [&'static str],
) -> PrimSig {
    PrimSig {
        name,
        params,
        param_types,
        ret,
        defaults,
    }
}

/// Every primitive the dialect adds, grouped by subject.
#[rustfmt::skip]
pub const PRIMITIVES: &[PrimSig] = {
    use Type::*;
    &[
        // Samples: S is the task's demonstration pairs.
        sig("second", &["container"], &[Container], Any),
        sig("difference_tuple", &["a", "b"], &[Tuple, Tuple], Tuple),
        sig("dedupe_pair_tuple", &["S"], &[Samples], Samples),
        sig("c_iz", &["S", "function"], &[Samples, Callable], Tuple),
        sig("c_zo", &["S", "function"], &[Samples, Callable], Tuple),
        sig("c_iz_n", &["S", "function", "pick"], &[Samples, Callable, Callable], Colour),
        sig("c_zo_n", &["S", "function", "pick"], &[Samples, Callable, Callable], Colour),
        // `b_iz` to `f_zo_n` are commented out in the dialect's `dsl.py`: their
        // types are those of the commented definitions.
        sig("b_iz", &["S", "function"], &[Samples, Callable], Tuple),
        sig("b_zo", &["S", "function"], &[Samples, Callable], Tuple),
        // The dialect annotates `index` `F_`, a rank from the first (its arc_types.py
        // later rebinds `F_` to `Callable`; the function reads an integer).
        sig("b_iz_n", &["S", "function", "index"], &[Samples, Callable, Rank], Colour),
        // The dialect annotates `index` `F_`, a rank from the first (its arc_types.py
        // later rebinds `F_` to `Callable`; the function reads an integer).
        sig("b_zo_n", &["S", "function", "index"], &[Samples, Callable, Rank], Colour),
        sig("i_iz", &["S", "function"], &[Samples, Callable], FrozenSet),
        sig("i_zo", &["S", "function"], &[Samples, Callable], FrozenSet),
        sig("i_iz_n", &["S", "function", "pick"], &[Samples, Callable, Callable], Colour),
        sig("i_zo_n", &["S", "function", "pick"], &[Samples, Callable, Callable], Colour),
        sig("f_iz", &["S", "function"], &[Samples, Callable], FrozenSet),
        sig("f_zo", &["S", "function"], &[Samples, Callable], FrozenSet),
        sig("f_iz_n", &["S", "function", "pick"], &[Samples, Callable, Callable], Object),
        sig("f_zo_n", &["S", "function", "pick"], &[Samples, Callable, Callable], Object),
        sig("a_mr", &["S"], &[Samples], MirrorRotationCode),
        // Colours as tuples and sets.
        sig("p_g", &["grid"], &[Grid], IntegerSet),
        sig("p_f", &["element"], &[FrozenSet], IntegerSet),
        sig("p_o", &["obj"], &[Object], IntegerSet),
        // Rank codes: objects, mirrors, corners.
        sig("o_g", &["grid", "type"], &[Grid, SymbolCode], Objects),
        sig("o_g_t", &["grid", "type"], &[Grid, SymbolCode], Tuple),
        sig("mir_rot_t", &["grid", "type"], &[Grid, MirrorRotationCode], Grid),
        // The dialect annotates `type` `A4` (the mirror codes 0..=3 of `A8`).
        sig("mir_rot_f", &["patch", "type"], &[Patch, MirrorRotationCode], Patch),
        sig("corner", &["patch", "type"], &[Patch, SymbolCode], IjPair),
        sig("col_row", &["patch", "type"], &[Patch, SymbolCode], Integer),
        sig("c_branch", &["condition", "a", "b"], &[Boolean, Colour, Colour], Colour),
        // Ranks: n-th items and ranked keys.
        sig("get_nth_t", &["container", "rank"], &[Tuple, Rank], Any),
        sig("get_nth_f", &["container", "rank"], &[FrozenSet, Rank], Any),
        // The dialect leaves `key` unannotated: it calls it, so `Callable`.
        sig_with_defaults("get_nth_by_key_t", &["container", "rank", "key"], &[Tuple, Rank, Callable], Any,
            &["identity"]),
        // The dialect annotates `rank` `F_`, a rank from the first (its arc_types.py
        // later rebinds `F_` to `Callable`; the function reads an integer).
        // The dialect leaves `key` unannotated: it calls it, so `Callable`.
        sig_with_defaults("get_nth_by_key_f", &["container", "rank", "key"], &[FrozenSet, Rank, Callable], Any,
            &["identity"]),
        sig("get_rank", &["container", "rank"], &[IntegerSet, Rank], Integer),
        sig("get_arg_rank", &["container", "compfunc", "rank"], &[Container, Callable, Rank], Any),
        sig("get_arg_rank_t", &["container", "compfunc", "rank"], &[Tuple, Callable, Rank], Any),
        sig("get_arg_rank_f", &["container", "compfunc", "rank"], &[FrozenSet, Callable, Rank], Any),
        sig("get_val_rank", &["container", "compfunc", "rank"], &[Container, Callable, Rank], Any),
        sig("get_val_rank_t", &["container", "compfunc", "rank"], &[Tuple, Callable, Rank], Any),
        sig("get_val_rank_f", &["container", "compfunc", "rank"], &[FrozenSet, Callable, Rank], Any),
        sig("get_color_rank_t", &["grid", "rank"], &[Grid, Rank], Colour),
        sig("get_color_rank_f", &["obj", "rank"], &[Object, Rank], Colour),
        sig("get_common_rank", &["container", "rank"], &[Container, Rank], Any),
        sig("get_common_rank_t", &["container", "rank"], &[Tuple, Rank], Any),
        sig("get_common_rank_f", &["container", "rank"], &[FrozenSet, Rank], Any),
        // Typed variants of containers and higher-order primitives: `_t` for
        // tuples, `_f` for frozensets.
        sig("combine_t", &["a", "b"], &[Tuple, Tuple], Tuple),
        sig("combine_f", &["a", "b"], &[FrozenSet, FrozenSet], FrozenSet),
        sig("size_t", &["container"], &[Tuple], Integer),
        sig("size_f", &["container"], &[FrozenSet], Integer),
        sig("merge_t", &["containers"], &[ContainerContainer], Tuple),
        sig("merge_f", &["containers"], &[ContainerContainer], FrozenSet),
        sig("valmax_t", &["container", "compfunc"], &[Tuple, Callable], Integer),
        sig("valmax_f", &["container", "compfunc"], &[FrozenSet, Callable], Integer),
        sig("valmin_t", &["container", "compfunc"], &[Tuple, Callable], Integer),
        sig("valmin_f", &["container", "compfunc"], &[FrozenSet, Callable], Integer),
        sig("argmax_t", &["container", "compfunc"], &[Tuple, Callable], Any),
        sig("argmax_f", &["container", "compfunc"], &[FrozenSet, Callable], Any),
        sig("argmin_t", &["container", "compfunc"], &[Tuple, Callable], Any),
        sig("argmin_f", &["container", "compfunc"], &[FrozenSet, Callable], Any),
        sig("mostcommon_t", &["container"], &[Tuple], Any),
        sig("mostcommon_f", &["container"], &[FrozenSet], Any),
        sig("leastcommon_t", &["container"], &[Tuple], Any),
        sig("leastcommon_f", &["container"], &[FrozenSet], Any),
        sig("sfilter_t", &["container", "condition"], &[Tuple, Callable], Tuple),
        sig("sfilter_f", &["container", "condition"], &[FrozenSet, Callable], FrozenSet),
        sig("mfilter_t", &["container", "function"], &[Tuple, Callable], FrozenSet),
        sig("mfilter_f", &["container", "function"], &[FrozenSet, Callable], FrozenSet),
        sig("first_t", &["container"], &[Tuple], Any),
        sig("first_f", &["container"], &[FrozenSet], Any),
        sig("last_t", &["container"], &[Tuple], Any),
        sig("last_f", &["container"], &[FrozenSet], Any),
        sig("remove_t", &["value", "container"], &[Any, Tuple], Tuple),
        sig("remove_f", &["value", "container"], &[Any, FrozenSet], FrozenSet),
        sig("other_t", &["container", "value"], &[Tuple, Any], Any),
        sig("other_f", &["container", "value"], &[FrozenSet, Any], Any),
        sig("apply_t", &["function", "container"], &[Callable, Tuple], Tuple),
        sig("apply_f", &["function", "container"], &[Callable, FrozenSet], FrozenSet),
        sig("rapply_t", &["functions", "value"], &[Tuple, Any], Tuple),
        sig("rapply_f", &["functions", "value"], &[FrozenSet, Any], FrozenSet),
        sig("mapply_t", &["function", "container"], &[Callable, Tuple], Tuple),
        sig("mapply_f", &["function", "container"], &[Callable, FrozenSet], FrozenSet),
        // Typed variants of grid and patch primitives: `_t` for grids, `_f` for
        // any patch, `_i` for indices, `_o` for objects.
        sig("mostcolor_t", &["grid"], &[Grid], Integer),
        sig("mostcolor_f", &["obj"], &[Object], Integer),
        sig("leastcolor_t", &["grid"], &[Grid], Integer),
        sig("leastcolor_f", &["obj"], &[Object], Integer),
        sig("height_t", &["piece"], &[Tuple], Integer),
        sig("height_f", &["piece"], &[Indices], Integer),
        sig("height_i", &["piece"], &[Indices], Integer),
        sig("height_o", &["piece"], &[Object], Integer),
        sig("width_t", &["piece"], &[Tuple], Integer),
        sig("width_f", &["piece"], &[Indices], Integer),
        sig("width_i", &["piece"], &[Indices], Integer),
        sig("width_o", &["piece"], &[Object], Integer),
        sig("shape_t", &["grid"], &[Grid], IjPair),
        sig("shape_f", &["patch"], &[Patch], IjPair),
        sig("portrait_t", &["grid"], &[Grid], Boolean),
        sig("portrait_f", &["patch"], &[Patch], Boolean),
        sig("square_t", &["grid"], &[Grid], Boolean),
        sig("square_f", &["patch"], &[Patch], Boolean),
        sig("vline_i", &["patch"], &[Indices], Boolean),
        sig("vline_o", &["patch"], &[Object], Boolean),
        sig("hline_i", &["patch"], &[Indices], Boolean),
        sig("hline_o", &["patch"], &[Object], Boolean),
        sig("uppermost_i", &["indices"], &[Indices], Integer),
        sig("uppermost_o", &["obj"], &[Object], Integer),
        sig("lowermost_i", &["indices"], &[Indices], Integer),
        sig("lowermost_o", &["obj"], &[Object], Integer),
        sig("leftmost_i", &["indices"], &[Indices], Integer),
        sig("leftmost_o", &["obj"], &[Object], Integer),
        sig("rightmost_i", &["indices"], &[Indices], Integer),
        sig("rightmost_o", &["obj"], &[Object], Integer),
        sig("ulcorner_i", &["indices"], &[Indices], IjPair),
        sig("ulcorner_o", &["obj"], &[Object], IjPair),
        sig("urcorner_i", &["indices"], &[Indices], IjPair),
        sig("urcorner_o", &["obj"], &[Object], IjPair),
        sig("llcorner_i", &["indices"], &[Indices], IjPair),
        sig("llcorner_o", &["obj"], &[Object], IjPair),
        sig("lrcorner_i", &["indices"], &[Indices], IjPair),
        sig("lrcorner_o", &["obj"], &[Object], IjPair),
        sig("toindices_i", &["indices"], &[Indices], Indices),
        sig("toindices_o", &["obj"], &[Object], Indices),
        sig("normalize_t", &["piece"], &[Tuple], Grid),
        sig("normalize_i", &["indices"], &[Indices], Indices),
        sig("normalize_o", &["obj"], &[Object], Object),
        sig("palette_t", &["element"], &[Tuple], IntegerSet),
        sig("palette_f", &["element"], &[FrozenSet], IntegerSet),
        sig("numcolors_t", &["grid"], &[Grid], Integer),
        sig("numcolors_f", &["obj"], &[Object], Integer),
        sig("colorcount_t", &["grid", "color"], &[Grid, Colour], Integer),
        sig("colorcount_f", &["obj", "color"], &[Object, Colour], Integer),
        sig("f_ofcolor", &["grid", "color"], &[Grid, Colour], Indices),
        sig("recolor_i", &["color", "indices"], &[Colour, Indices], Object),
        sig("recolor_o", &["color", "obj"], &[Colour, Object], Object),
        sig("hmirror_t", &["grid"], &[Grid], Grid),
        sig("hmirror_f", &["patch"], &[Patch], Patch),
        sig("hmirror_i", &["indices"], &[Indices], Indices),
        sig("hmirror_o", &["obj"], &[Object], Object),
        sig("vmirror_t", &["grid"], &[Grid], Grid),
        sig("vmirror_f", &["patch"], &[Patch], Patch),
        sig("vmirror_i", &["indices"], &[Indices], Indices),
        sig("vmirror_o", &["obj"], &[Object], Object),
        sig("dmirror_t", &["grid"], &[Grid], Grid),
        sig("dmirror_f", &["patch"], &[Patch], Patch),
        sig("dmirror_i", &["indices"], &[Indices], Indices),
        sig("dmirror_o", &["obj"], &[Object], Object),
        sig("cmirror_t", &["grid"], &[Grid], Grid),
        sig("cmirror_f", &["patch"], &[Patch], Patch),
        sig("cmirror_i", &["indices"], &[Indices], Indices),
        sig("cmirror_o", &["obj"], &[Object], Object),
        sig("upscale_t", &["grid", "factor"], &[Grid, Integer], Grid),
        sig("upscale_f", &["obj", "factor"], &[Object, Integer], Object),
    ]
};

/// Every constant the dialect adds: rank codes counted from the first
/// (`F0`..`F9`) and from the last (`L1`..`L10`), symbol codes (`R0`..`R9`),
/// mirror and rotation codes (`A0`..`A9`), the ARC colours by name, and
/// more integers.
pub const CONSTANTS: &[(&str, ConstValue)] = &[
    ("F0", ConstValue::Int(0)),
    ("F1", ConstValue::Int(1)),
    ("F2", ConstValue::Int(2)),
    ("F3", ConstValue::Int(3)),
    ("F4", ConstValue::Int(4)),
    ("F5", ConstValue::Int(5)),
    ("F6", ConstValue::Int(6)),
    ("F7", ConstValue::Int(7)),
    ("F8", ConstValue::Int(8)),
    ("F9", ConstValue::Int(9)),
    ("L1", ConstValue::Int(-1)),
    ("L2", ConstValue::Int(-2)),
    ("L3", ConstValue::Int(-3)),
    ("L4", ConstValue::Int(-4)),
    ("L5", ConstValue::Int(-5)),
    ("L6", ConstValue::Int(-6)),
    ("L7", ConstValue::Int(-7)),
    ("L8", ConstValue::Int(-8)),
    ("L9", ConstValue::Int(-9)),
    ("L10", ConstValue::Int(-10)),
    ("R0", ConstValue::Int(0)),
    ("R1", ConstValue::Int(1)),
    ("R2", ConstValue::Int(2)),
    ("R3", ConstValue::Int(3)),
    ("R4", ConstValue::Int(4)),
    ("R5", ConstValue::Int(5)),
    ("R6", ConstValue::Int(6)),
    ("R7", ConstValue::Int(7)),
    ("R8", ConstValue::Int(8)),
    ("R9", ConstValue::Int(9)),
    ("A0", ConstValue::Int(0)),
    ("A1", ConstValue::Int(1)),
    ("A2", ConstValue::Int(2)),
    ("A3", ConstValue::Int(3)),
    ("A4", ConstValue::Int(4)),
    ("A5", ConstValue::Int(5)),
    ("A6", ConstValue::Int(6)),
    ("A7", ConstValue::Int(7)),
    ("A8", ConstValue::Int(8)),
    ("A9", ConstValue::Int(9)),
    ("BLACK", ConstValue::Int(0)),
    ("BLUE", ConstValue::Int(1)),
    ("RED", ConstValue::Int(2)),
    ("GREEN", ConstValue::Int(3)),
    ("YELLOW", ConstValue::Int(4)),
    ("GRAY", ConstValue::Int(5)),
    ("MAGENTA", ConstValue::Int(6)),
    ("ORANGE", ConstValue::Int(7)),
    ("CYAN", ConstValue::Int(8)),
    ("BURGUNDY", ConstValue::Int(9)),
    ("NEG_TEN", ConstValue::Int(-10)),
    ("NEG_NINE", ConstValue::Int(-9)),
    ("NEG_EIGHT", ConstValue::Int(-8)),
    ("NEG_SEVEN", ConstValue::Int(-7)),
    ("NEG_SIX", ConstValue::Int(-6)),
    ("NEG_FIVE", ConstValue::Int(-5)),
    ("NEG_FOUR", ConstValue::Int(-4)),
    ("NEG_THREE", ConstValue::Int(-3)),
    ("HUNDRED", ConstValue::Int(100)),
    ("THOUSAND", ConstValue::Int(1000)),
];

/// The semantics a card is written for. A card says which by a pragma
/// line, `# batt: dialect=NAME`, in any of its files (all that say must
/// agree), or the caller chooses (`--dialect`); without either, a card
/// that uses a name only [`Version::Batt2025_11`] knows is read as that
/// version, and any other as [`Version::Batt2025_07`], the default.
///
/// | version | names | cells | "no such item" |
/// |---|---|---|---|
/// | `reference` | the 160 primitives and the constants of the reference DSL | `(c, (i, j))` | `None` |
/// | `batt-2025-07` | the reference's and the dialect's ([`PRIMITIVES`], [`CONSTANTS`]) | `(c, (i, j))` | `None` |
/// | `batt-2025-11` | those and [`PRIMITIVES_2025_11`] | `(i, j, c)` | `()`, `frozenset()`, `0` (by primitive) |
///
/// The runtime documents each primitive whose value depends on the version
/// (`batt_runtime::dsl::dialect::version`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum Version {
    /// The reference ARC DSL alone.
    Reference,
    /// The dialect as the program-search system had it until July 2025
    /// (and batt before dialect versions): reference cells.
    #[default]
    Batt2025_07,
    /// The dialect since July 2025 (as of November 2025): cells
    /// `(i, j, c)`, empty containers for "no such item", and more names.
    Batt2025_11,
}

impl Version {
    /// Every version, oldest first.
    pub const ALL: [Version; 3] = [
        Version::Reference,
        Version::Batt2025_07,
        Version::Batt2025_11,
    ];

    /// Its name in pragmas, options and results.
    pub const fn name(self) -> &'static str {
        match self {
            Version::Reference => "reference",
            Version::Batt2025_07 => "batt-2025-07",
            Version::Batt2025_11 => "batt-2025-11",
        }
    }

    /// The version named `name`.
    pub fn from_name(name: &str) -> Option<Version> {
        Version::ALL.into_iter().find(|v| v.name() == name)
    }

    /// The primitive tables a card of this version may call.
    pub fn primitive_tables(self) -> &'static [&'static [PrimSig]] {
        match self {
            Version::Reference => &[crate::catalogue::PRIMITIVES],
            Version::Batt2025_07 => &[crate::catalogue::PRIMITIVES, PRIMITIVES],
            Version::Batt2025_11 => &[crate::catalogue::PRIMITIVES, PRIMITIVES, PRIMITIVES_2025_11],
        }
    }

    /// The constant tables a card of this version may name.
    pub fn constant_tables(self) -> &'static [&'static [(&'static str, ConstValue)]] {
        match self {
            Version::Reference => &[crate::catalogue::CONSTANTS],
            Version::Batt2025_07 => &[crate::catalogue::CONSTANTS, CONSTANTS],
            Version::Batt2025_11 => &[crate::catalogue::CONSTANTS, CONSTANTS],
        }
    }

    /// Whether cells are `(i, j, c)` (else `(c, (i, j))`).
    pub const fn ijc_cells(self) -> bool {
        matches!(self, Version::Batt2025_11)
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The pragma that names a card file's version.
pub const PRAGMA: &str = "# batt: dialect=";

/// A pragma line of a card file: its version name as written and the
/// byte range of that name.
pub fn pragma(text: &str) -> Option<(&str, std::ops::Range<usize>)> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if let Some(rest) = trimmed.strip_prefix(PRAGMA) {
            let start = at + PRAGMA.len();
            return Some((rest.trim(), start..start + rest.len()));
        }
        at += line.len();
    }
    None
}

/// The primitives the dialect added in July 2025 and after (known to
/// [`Version::Batt2025_11`] cards only): cells as `(i, j, c)` triples and
/// objects as tuples of them.
#[rustfmt::skip]
pub const PRIMITIVES_2025_11: &[PrimSig] = {
    use Type::*;
    &[
        sig("ascell", &["ij", "c"], &[IjPair, Colour], Tuple),
        sig("toij", &["c"], &[Tuple], IjPair),
        sig("astriple", &["i", "j", "c"], &[Integer, Integer, Colour], Tuple),
        sig("celltuple", &["a", "b"], &[Tuple, Tuple], TupleTuple),
        sig("colorfilter_t", &["objs", "color"], &[Tuple, Integer], Tuple),
        sig("sizefilter_t", &["container", "n"], &[Tuple, Integer], Tuple),
        sig("difference_t", &["a", "b"], &[Tuple, Tuple], Tuple),
        sig("objects_t", &["grid", "univalued", "diagonal", "without_bg"],
            &[Grid, Boolean, Boolean, Boolean], Tuple),
        sig("objects_g", &["grid", "univalued", "diagonal", "without_bg"],
            &[Grid, Boolean, Boolean, Boolean], Tuple),
        sig("o_g_tuple", &["grid", "type"], &[Grid, SymbolCode], Tuple),
        sig("is_no_grid", &["x"], &[Any], Boolean),
    ]
};

/// Whether `name` is known only to [`Version::Batt2025_11`] cards.
pub fn only_in_2025_11(name: &str) -> bool {
    PRIMITIVES_2025_11.iter().any(|p| p.name == name)
}

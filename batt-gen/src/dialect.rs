//! The batt dialect: the primitives and constants that existing batt
//! systems (the generated `batt(task_id, S, I, C, log_path)` of the Python
//! program-search system batt replaces) add to the ARC DSL, so that their
//! solver and differ files are cards unchanged.
//!
//! The names, parameters and declared return types are the dialect's; the
//! safe default of a failed step follows the declared type, as for the
//! reference primitives ([`SafeDefault::of_type`](crate::catalogue::SafeDefault::of_type):
//! the dialect's rank and colour codes `C_`, `A8`, ... are integers, `IJ`
//! is a pair, `Samples` a tuple). The runtime's `dsl::dialect` module holds
//! the functions and documents where batt's values differ from the
//! dialect's.
//!
//! Sample-level primitives (`c_iz`, `a_mr`, `dedupe_pair_tuple`, ...) read
//! `S`, the task's demonstration pairs, a tuple of `(input, output)` grid
//! pairs.

use crate::catalogue::{ConstValue, PrimSig};

/// A table row.
const fn sig(name: &'static str, params: &'static [&'static str], ret: &'static str) -> PrimSig {
    PrimSig {
        name,
        params,
        ret,
        defaults: &[],
    }
}

/// A table row whose trailing parameters have defaults (primitives, by name).
const fn sig_with_defaults(
    name: &'static str,
    params: &'static [&'static str],
    ret: &'static str,
    defaults: &'static [&'static str],
) -> PrimSig {
    PrimSig {
        name,
        params,
        ret,
        defaults,
    }
}

/// Every primitive the dialect adds, grouped by subject.
pub const PRIMITIVES: &[PrimSig] = &[
    // Samples: S is the task's demonstration pairs.
    sig("second", &["container"], "Any"),
    sig("difference_tuple", &["a", "b"], "Tuple"),
    sig("dedupe_pair_tuple", &["S"], "Samples"),
    sig("c_iz", &["S", "function"], "Tuple"),
    sig("c_zo", &["S", "function"], "Tuple"),
    sig("c_iz_n", &["S", "function", "pick"], "C_"),
    sig("c_zo_n", &["S", "function", "pick"], "C_"),
    sig("b_iz", &["S", "function"], "Tuple"),
    sig("b_zo", &["S", "function"], "Tuple"),
    sig("b_iz_n", &["S", "function", "index"], "C_"),
    sig("b_zo_n", &["S", "function", "index"], "C_"),
    sig("i_iz", &["S", "function"], "FrozenSet"),
    sig("i_zo", &["S", "function"], "FrozenSet"),
    sig("i_iz_n", &["S", "function", "pick"], "C_"),
    sig("i_zo_n", &["S", "function", "pick"], "C_"),
    sig("f_iz", &["S", "function"], "FrozenSet"),
    sig("f_zo", &["S", "function"], "FrozenSet"),
    sig("f_iz_n", &["S", "function", "pick"], "Object"),
    sig("f_zo_n", &["S", "function", "pick"], "Object"),
    sig("a_mr", &["S"], "A8"),
    // Colours as tuples and sets.
    sig("p_g", &["grid"], "IntegerSet"),
    sig("p_f", &["element"], "IntegerSet"),
    sig("p_o", &["obj"], "IntegerSet"),
    // Rank codes: objects, mirrors, corners.
    sig("o_g", &["grid", "type"], "Objects"),
    sig("o_g_t", &["grid", "type"], "Tuple"),
    sig("mir_rot_t", &["grid", "type"], "Grid"),
    sig("mir_rot_f", &["patch", "type"], "Patch"),
    sig("corner", &["patch", "type"], "IJ"),
    sig("col_row", &["patch", "type"], "Integer"),
    sig("c_branch", &["condition", "a", "b"], "C_"),
    // Ranks: n-th items and ranked keys.
    sig("get_nth_t", &["container", "rank"], "Any"),
    sig("get_nth_f", &["container", "rank"], "Any"),
    sig_with_defaults(
        "get_nth_by_key_t",
        &["container", "rank", "key"],
        "Any",
        &["identity"],
    ),
    sig_with_defaults(
        "get_nth_by_key_f",
        &["container", "rank", "key"],
        "Any",
        &["identity"],
    ),
    sig("get_rank", &["container", "rank"], "Integer"),
    sig("get_arg_rank", &["container", "compfunc", "rank"], "Any"),
    sig("get_arg_rank_t", &["container", "compfunc", "rank"], "Any"),
    sig("get_arg_rank_f", &["container", "compfunc", "rank"], "Any"),
    sig("get_val_rank", &["container", "compfunc", "rank"], "Any"),
    sig("get_val_rank_t", &["container", "compfunc", "rank"], "Any"),
    sig("get_val_rank_f", &["container", "compfunc", "rank"], "Any"),
    sig("get_color_rank_t", &["grid", "rank"], "C_"),
    sig("get_color_rank_f", &["obj", "rank"], "C_"),
    sig("get_common_rank", &["container", "rank"], "Any"),
    sig("get_common_rank_t", &["container", "rank"], "Any"),
    sig("get_common_rank_f", &["container", "rank"], "Any"),
    // Typed variants of containers and higher-order primitives: `_t` for
    // tuples, `_f` for frozensets.
    sig("combine_t", &["a", "b"], "Tuple"),
    sig("combine_f", &["a", "b"], "FrozenSet"),
    sig("size_t", &["container"], "Integer"),
    sig("size_f", &["container"], "Integer"),
    sig("merge_t", &["containers"], "Tuple"),
    sig("merge_f", &["containers"], "FrozenSet"),
    sig("valmax_t", &["container", "compfunc"], "Integer"),
    sig("valmax_f", &["container", "compfunc"], "Integer"),
    sig("valmin_t", &["container", "compfunc"], "Integer"),
    sig("valmin_f", &["container", "compfunc"], "Integer"),
    sig("argmax_t", &["container", "compfunc"], "Any"),
    sig("argmax_f", &["container", "compfunc"], "Any"),
    sig("argmin_t", &["container", "compfunc"], "Any"),
    sig("argmin_f", &["container", "compfunc"], "Any"),
    sig("mostcommon_t", &["container"], "Any"),
    sig("mostcommon_f", &["container"], "Any"),
    sig("leastcommon_t", &["container"], "Any"),
    sig("leastcommon_f", &["container"], "Any"),
    sig("sfilter_t", &["container", "condition"], "Tuple"),
    sig("sfilter_f", &["container", "condition"], "FrozenSet"),
    sig("mfilter_t", &["container", "function"], "FrozenSet"),
    sig("mfilter_f", &["container", "function"], "FrozenSet"),
    sig("first_t", &["container"], "Any"),
    sig("first_f", &["container"], "Any"),
    sig("last_t", &["container"], "Any"),
    sig("last_f", &["container"], "Any"),
    sig("remove_t", &["value", "container"], "Tuple"),
    sig("remove_f", &["value", "container"], "FrozenSet"),
    sig("other_t", &["container", "value"], "Any"),
    sig("other_f", &["container", "value"], "Any"),
    sig("apply_t", &["function", "container"], "Tuple"),
    sig("apply_f", &["function", "container"], "FrozenSet"),
    sig("rapply_t", &["functions", "value"], "Tuple"),
    sig("rapply_f", &["functions", "value"], "FrozenSet"),
    sig("mapply_t", &["function", "container"], "Tuple"),
    sig("mapply_f", &["function", "container"], "FrozenSet"),
    // Typed variants of grid and patch primitives: `_t` for grids, `_f` for
    // any patch, `_i` for indices, `_o` for objects.
    sig("mostcolor_t", &["grid"], "Integer"),
    sig("mostcolor_f", &["obj"], "Integer"),
    sig("leastcolor_t", &["grid"], "Integer"),
    sig("leastcolor_f", &["obj"], "Integer"),
    sig("height_t", &["piece"], "Integer"),
    sig("height_f", &["piece"], "Integer"),
    sig("height_i", &["piece"], "Integer"),
    sig("height_o", &["piece"], "Integer"),
    sig("width_t", &["piece"], "Integer"),
    sig("width_f", &["piece"], "Integer"),
    sig("width_i", &["piece"], "Integer"),
    sig("width_o", &["piece"], "Integer"),
    sig("shape_t", &["grid"], "IJ"),
    sig("shape_f", &["patch"], "IJ"),
    sig("portrait_t", &["grid"], "Boolean"),
    sig("portrait_f", &["patch"], "Boolean"),
    sig("square_t", &["grid"], "Boolean"),
    sig("square_f", &["patch"], "Boolean"),
    sig("vline_i", &["patch"], "Boolean"),
    sig("vline_o", &["patch"], "Boolean"),
    sig("hline_i", &["patch"], "Boolean"),
    sig("hline_o", &["patch"], "Boolean"),
    sig("uppermost_i", &["indices"], "Integer"),
    sig("uppermost_o", &["obj"], "Integer"),
    sig("lowermost_i", &["indices"], "Integer"),
    sig("lowermost_o", &["obj"], "Integer"),
    sig("leftmost_i", &["indices"], "Integer"),
    sig("leftmost_o", &["obj"], "Integer"),
    sig("rightmost_i", &["indices"], "Integer"),
    sig("rightmost_o", &["obj"], "Integer"),
    sig("ulcorner_i", &["indices"], "IJ"),
    sig("ulcorner_o", &["obj"], "IJ"),
    sig("urcorner_i", &["indices"], "IJ"),
    sig("urcorner_o", &["obj"], "IJ"),
    sig("llcorner_i", &["indices"], "IJ"),
    sig("llcorner_o", &["obj"], "IJ"),
    sig("lrcorner_i", &["indices"], "IJ"),
    sig("lrcorner_o", &["obj"], "IJ"),
    sig("toindices_i", &["indices"], "Indices"),
    sig("toindices_o", &["obj"], "Indices"),
    sig("normalize_t", &["piece"], "Grid"),
    sig("normalize_i", &["indices"], "Indices"),
    sig("normalize_o", &["obj"], "Object"),
    sig("palette_t", &["element"], "IntegerSet"),
    sig("palette_f", &["element"], "IntegerSet"),
    sig("numcolors_t", &["grid"], "Integer"),
    sig("numcolors_f", &["obj"], "Integer"),
    sig("colorcount_t", &["grid", "color"], "Integer"),
    sig("colorcount_f", &["obj", "color"], "Integer"),
    sig("f_ofcolor", &["grid", "color"], "Indices"),
    sig("recolor_i", &["color", "indices"], "Object"),
    sig("recolor_o", &["color", "obj"], "Object"),
    sig("hmirror_t", &["grid"], "Grid"),
    sig("hmirror_f", &["patch"], "Patch"),
    sig("hmirror_i", &["indices"], "Indices"),
    sig("hmirror_o", &["obj"], "Object"),
    sig("vmirror_t", &["grid"], "Grid"),
    sig("vmirror_f", &["patch"], "Patch"),
    sig("vmirror_i", &["indices"], "Indices"),
    sig("vmirror_o", &["obj"], "Object"),
    sig("dmirror_t", &["grid"], "Grid"),
    sig("dmirror_f", &["patch"], "Patch"),
    sig("dmirror_i", &["indices"], "Indices"),
    sig("dmirror_o", &["obj"], "Object"),
    sig("cmirror_t", &["grid"], "Grid"),
    sig("cmirror_f", &["patch"], "Patch"),
    sig("cmirror_i", &["indices"], "Indices"),
    sig("cmirror_o", &["obj"], "Object"),
    sig("upscale_t", &["grid", "factor"], "Grid"),
    sig("upscale_f", &["obj", "factor"], "Object"),
];

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

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::catalogue::{self, SafeDefault};

    #[test]
    fn dialect_names_are_unique_and_new() {
        let names: BTreeSet<&str> = PRIMITIVES.iter().map(|p| p.name).collect();
        assert_eq!(names.len(), PRIMITIVES.len());
        for p in PRIMITIVES {
            assert!(
                catalogue::PRIMITIVES.iter().all(|r| r.name != p.name),
                "{} is a reference primitive",
                p.name
            );
            assert!(catalogue::constant(p.name).is_none(), "{}", p.name);
        }
        let consts: BTreeSet<&str> = CONSTANTS.iter().map(|(n, _)| *n).collect();
        assert_eq!(consts.len(), CONSTANTS.len());
        for (name, _) in CONSTANTS {
            assert!(
                catalogue::CONSTANTS.iter().all(|(r, _)| r != name),
                "{name} is a reference constant"
            );
            assert!(catalogue::primitive(name).is_none(), "{name}");
        }
    }

    #[test]
    fn the_issue_families_are_all_present() {
        for name in [
            "p_g",
            "o_g",
            "o_g_t",
            "get_nth_t",
            "get_nth_f",
            "get_nth_by_key_t",
            "get_nth_by_key_f",
            "get_arg_rank",
            "get_arg_rank_t",
            "get_arg_rank_f",
            "get_val_rank",
            "get_val_rank_f",
            "get_color_rank_t",
            "get_color_rank_f",
            "get_common_rank",
            "get_common_rank_t",
            "difference_tuple",
            "dedupe_pair_tuple",
            "c_iz",
            "c_zo",
            "c_iz_n",
            "c_zo_n",
            "a_mr",
            "mir_rot_t",
            "mir_rot_f",
            "c_branch",
            "corner",
            "col_row",
            "second",
            "size_f",
            "merge_t",
            "f_ofcolor",
            "recolor_i",
            "upscale_t",
        ] {
            assert!(catalogue::primitive(name).is_some(), "{name}");
        }
        assert_eq!(catalogue::constant("R9"), Some(ConstValue::Int(9)));
        assert_eq!(catalogue::constant("L10"), Some(ConstValue::Int(-10)));
        assert_eq!(catalogue::constant("BURGUNDY"), Some(ConstValue::Int(9)));
        assert_eq!(catalogue::constant("NEG_TEN"), Some(ConstValue::Int(-10)));
        assert_eq!(catalogue::constant("THOUSAND"), Some(ConstValue::Int(1000)));
    }

    #[test]
    fn safe_defaults_follow_the_dialect_types() {
        let default = |name: &str| catalogue::primitive(name).map(|p| p.default());
        assert_eq!(default("get_color_rank_t"), Some(SafeDefault::Zero));
        assert_eq!(default("a_mr"), Some(SafeDefault::Zero));
        assert_eq!(default("c_iz_n"), Some(SafeDefault::Zero));
        assert_eq!(default("corner"), Some(SafeDefault::EmptyTuple));
        assert_eq!(default("dedupe_pair_tuple"), Some(SafeDefault::EmptyTuple));
        assert_eq!(default("o_g"), Some(SafeDefault::EmptySet));
        assert_eq!(default("o_g_t"), Some(SafeDefault::EmptyTuple));
        assert_eq!(default("get_nth_f"), Some(SafeDefault::EmptyTuple));
        assert_eq!(default("p_g"), Some(SafeDefault::EmptySet));
        assert_eq!(default("mir_rot_f"), Some(SafeDefault::EmptySet));
        assert_eq!(default("square_t"), Some(SafeDefault::False));
        assert_eq!(default("f_iz_n"), Some(SafeDefault::EmptySet));
    }

    #[test]
    fn every_declared_type_is_one_the_safe_defaults_know() {
        // Each type names its default on purpose: a misspelt type would
        // silently default to `()`.
        let known: &[(&str, SafeDefault)] = &[
            ("Integer", SafeDefault::Zero),
            ("C_", SafeDefault::Zero),
            ("A8", SafeDefault::Zero),
            ("Boolean", SafeDefault::False),
            ("Any", SafeDefault::EmptyTuple),
            ("Tuple", SafeDefault::EmptyTuple),
            ("IJ", SafeDefault::EmptyTuple),
            ("Grid", SafeDefault::EmptyTuple),
            ("Samples", SafeDefault::EmptyTuple),
            ("FrozenSet", SafeDefault::EmptySet),
            ("Object", SafeDefault::EmptySet),
            ("Objects", SafeDefault::EmptySet),
            ("Indices", SafeDefault::EmptySet),
            ("Patch", SafeDefault::EmptySet),
            ("IntegerSet", SafeDefault::EmptySet),
        ];
        for p in PRIMITIVES {
            let Some(&(_, default)) = known.iter().find(|(t, _)| *t == p.ret) else {
                panic!("{}: unexpected type {}", p.name, p.ret);
            };
            assert_eq!(p.default(), default, "{}", p.name);
        }
    }

    #[test]
    fn defaults_are_primitives_for_trailing_parameters() {
        for p in PRIMITIVES {
            assert!(p.defaults.len() < p.params.len(), "{}", p.name);
            for d in p.defaults {
                assert!(catalogue::primitive(d).is_some(), "{}: {d}", p.name);
            }
        }
        let by_key = catalogue::primitive("get_nth_by_key_t").map(|p| (p.min_arity(), p.arity()));
        assert_eq!(by_key, Some((2, 3)));
    }
}

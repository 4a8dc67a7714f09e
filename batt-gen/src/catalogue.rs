//! The primitive catalogue: every primitive of the ARC DSL with its
//! parameter names and declared return type, and the named constants.
//!
//! The checker uses it for names, arities and keyword arguments; the
//! emitters for the safe default of a failed step, which follows the
//! step's declared return type (DESIGN §4): 0 for integers, False for
//! booleans, an empty frozenset for set-like types, an empty tuple for
//! tuple-like, grid-like and untyped results, and a callable returning an
//! empty tuple for callables.

/// A primitive's signature, as declared by the reference DSL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrimSig {
    /// The DSL name.
    pub name: &'static str,
    /// The parameter names, in order (keyword arguments use them).
    pub params: &'static [&'static str],
    /// The declared return type, as the reference spells it (`Grid`,
    /// `Objects`, `Integer`, `Callable`, `Any`, ...).
    pub ret: &'static str,
    /// Defaults of the trailing parameters, as primitive names (a call may
    /// leave them out; the dialect's `get_nth_by_key_t` has one).
    pub defaults: &'static [&'static str],
}

/// What a failed step evaluates to instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SafeDefault {
    /// `0`.
    Zero,
    /// `False`.
    False,
    /// `()`.
    EmptyTuple,
    /// `frozenset()`.
    EmptySet,
    /// A callable returning `()` for any argument.
    EmptyCallable,
}

impl SafeDefault {
    /// The safe default of a declared type.
    pub fn of_type(ty: &str) -> SafeDefault {
        match ty {
            // The dialect's integer codes: colours, ranks, rotations.
            "Integer" | "Numerical" | "C_" | "A4" | "A8" | "F_" | "FL" | "L_" | "R_" | "R4"
            | "R8" | "I_" | "J_" => SafeDefault::Zero,
            "Boolean" => SafeDefault::False,
            "FrozenSet" | "Indices" | "IndicesSet" | "Object" | "Objects" | "Patch"
            | "IntegerSet" => SafeDefault::EmptySet,
            "Callable" => SafeDefault::EmptyCallable,
            _ => SafeDefault::EmptyTuple,
        }
    }
}

impl PrimSig {
    /// Number of parameters.
    pub fn arity(&self) -> usize {
        self.params.len()
    }

    /// Number of parameters a call must give (those without a default).
    pub fn min_arity(&self) -> usize {
        self.params.len() - self.defaults.len()
    }

    /// The safe default of a failed call.
    pub fn default(&self) -> SafeDefault {
        SafeDefault::of_type(self.ret)
    }
}

/// A named constant's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConstValue {
    /// `T` or `F`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// An integer pair.
    Pair(i64, i64),
}

/// A table row (keeps the table below one line per primitive).
const fn sig(name: &'static str, params: &'static [&'static str], ret: &'static str) -> PrimSig {
    PrimSig {
        name,
        params,
        ret,
        defaults: &[],
    }
}

/// Every primitive of the reference DSL, in its file order.
pub const PRIMITIVES: &[PrimSig] = &[
    sig("identity", &["x"], "Any"),
    sig("add", &["a", "b"], "Numerical"),
    sig("subtract", &["a", "b"], "Numerical"),
    sig("multiply", &["a", "b"], "Numerical"),
    sig("divide", &["a", "b"], "Numerical"),
    sig("invert", &["n"], "Numerical"),
    sig("even", &["n"], "Boolean"),
    sig("double", &["n"], "Numerical"),
    sig("halve", &["n"], "Numerical"),
    sig("flip", &["b"], "Boolean"),
    sig("equality", &["a", "b"], "Boolean"),
    sig("contained", &["value", "container"], "Boolean"),
    sig("combine", &["a", "b"], "Container"),
    sig("intersection", &["a", "b"], "FrozenSet"),
    sig("difference", &["a", "b"], "FrozenSet"),
    sig("dedupe", &["tup"], "Tuple"),
    sig("order", &["container", "compfunc"], "Tuple"),
    sig("repeat", &["item", "num"], "Tuple"),
    sig("greater", &["a", "b"], "Boolean"),
    sig("size", &["container"], "Integer"),
    sig("merge", &["containers"], "Container"),
    sig("maximum", &["container"], "Integer"),
    sig("minimum", &["container"], "Integer"),
    sig("valmax", &["container", "compfunc"], "Integer"),
    sig("valmin", &["container", "compfunc"], "Integer"),
    sig("argmax", &["container", "compfunc"], "Any"),
    sig("argmin", &["container", "compfunc"], "Any"),
    sig("mostcommon", &["container"], "Any"),
    sig("leastcommon", &["container"], "Any"),
    sig("initset", &["value"], "FrozenSet"),
    sig("both", &["a", "b"], "Boolean"),
    sig("either", &["a", "b"], "Boolean"),
    sig("increment", &["x"], "Numerical"),
    sig("decrement", &["x"], "Numerical"),
    sig("crement", &["x"], "Numerical"),
    sig("sign", &["x"], "Numerical"),
    sig("positive", &["x"], "Boolean"),
    sig("toivec", &["i"], "IntegerTuple"),
    sig("tojvec", &["j"], "IntegerTuple"),
    sig("sfilter", &["container", "condition"], "Container"),
    sig("mfilter", &["container", "function"], "FrozenSet"),
    sig("extract", &["container", "condition"], "Any"),
    sig("totuple", &["container"], "Tuple"),
    sig("first", &["container"], "Any"),
    sig("last", &["container"], "Any"),
    sig("insert", &["value", "container"], "FrozenSet"),
    sig("remove", &["value", "container"], "Container"),
    sig("other", &["container", "value"], "Any"),
    sig("interval", &["start", "stop", "step"], "Tuple"),
    sig("astuple", &["a", "b"], "IntegerTuple"),
    sig("product", &["a", "b"], "FrozenSet"),
    sig("pair", &["a", "b"], "TupleTuple"),
    sig("branch", &["condition", "a", "b"], "Any"),
    sig("compose", &["outer", "inner"], "Callable"),
    sig("chain", &["h", "g", "f"], "Callable"),
    sig("matcher", &["function", "target"], "Callable"),
    sig("rbind", &["function", "fixed"], "Callable"),
    sig("lbind", &["function", "fixed"], "Callable"),
    sig("power", &["function", "n"], "Callable"),
    sig("fork", &["outer", "a", "b"], "Callable"),
    sig("apply", &["function", "container"], "Container"),
    sig("rapply", &["functions", "value"], "Container"),
    sig("mapply", &["function", "container"], "FrozenSet"),
    sig("papply", &["function", "a", "b"], "Tuple"),
    sig("mpapply", &["function", "a", "b"], "Tuple"),
    sig("prapply", &["function", "a", "b"], "FrozenSet"),
    sig("mostcolor", &["element"], "Integer"),
    sig("leastcolor", &["element"], "Integer"),
    sig("height", &["piece"], "Integer"),
    sig("width", &["piece"], "Integer"),
    sig("shape", &["piece"], "IntegerTuple"),
    sig("portrait", &["piece"], "Boolean"),
    sig("colorcount", &["element", "value"], "Integer"),
    sig("colorfilter", &["objs", "value"], "Objects"),
    sig("sizefilter", &["container", "n"], "FrozenSet"),
    sig("asindices", &["grid"], "Indices"),
    sig("ofcolor", &["grid", "value"], "Indices"),
    sig("ulcorner", &["patch"], "IntegerTuple"),
    sig("urcorner", &["patch"], "IntegerTuple"),
    sig("llcorner", &["patch"], "IntegerTuple"),
    sig("lrcorner", &["patch"], "IntegerTuple"),
    sig("crop", &["grid", "start", "dims"], "Grid"),
    sig("toindices", &["patch"], "Indices"),
    sig("recolor", &["value", "patch"], "Object"),
    sig("shift", &["patch", "directions"], "Patch"),
    sig("normalize", &["patch"], "Patch"),
    sig("dneighbors", &["loc"], "Indices"),
    sig("ineighbors", &["loc"], "Indices"),
    sig("neighbors", &["loc"], "Indices"),
    sig(
        "objects",
        &["grid", "univalued", "diagonal", "without_bg"],
        "Objects",
    ),
    sig("partition", &["grid"], "Objects"),
    sig("fgpartition", &["grid"], "Objects"),
    sig("uppermost", &["patch"], "Integer"),
    sig("lowermost", &["patch"], "Integer"),
    sig("leftmost", &["patch"], "Integer"),
    sig("rightmost", &["patch"], "Integer"),
    sig("square", &["piece"], "Boolean"),
    sig("vline", &["patch"], "Boolean"),
    sig("hline", &["patch"], "Boolean"),
    sig("hmatching", &["a", "b"], "Boolean"),
    sig("vmatching", &["a", "b"], "Boolean"),
    sig("manhattan", &["a", "b"], "Integer"),
    sig("adjacent", &["a", "b"], "Boolean"),
    sig("bordering", &["patch", "grid"], "Boolean"),
    sig("centerofmass", &["patch"], "IntegerTuple"),
    sig("palette", &["element"], "IntegerSet"),
    sig("numcolors", &["element"], "IntegerSet"),
    sig("color", &["obj"], "Integer"),
    sig("toobject", &["patch", "grid"], "Object"),
    sig("asobject", &["grid"], "Object"),
    sig("rot90", &["grid"], "Grid"),
    sig("rot180", &["grid"], "Grid"),
    sig("rot270", &["grid"], "Grid"),
    sig("hmirror", &["piece"], "Piece"),
    sig("vmirror", &["piece"], "Piece"),
    sig("dmirror", &["piece"], "Piece"),
    sig("cmirror", &["piece"], "Piece"),
    sig("fill", &["grid", "value", "patch"], "Grid"),
    sig("paint", &["grid", "obj"], "Grid"),
    sig("underfill", &["grid", "value", "patch"], "Grid"),
    sig("underpaint", &["grid", "obj"], "Grid"),
    sig("hupscale", &["grid", "factor"], "Grid"),
    sig("vupscale", &["grid", "factor"], "Grid"),
    sig("upscale", &["element", "factor"], "Element"),
    sig("downscale", &["grid", "factor"], "Grid"),
    sig("hconcat", &["a", "b"], "Grid"),
    sig("vconcat", &["a", "b"], "Grid"),
    sig("subgrid", &["patch", "grid"], "Grid"),
    sig("hsplit", &["grid", "n"], "Tuple"),
    sig("vsplit", &["grid", "n"], "Tuple"),
    sig("cellwise", &["a", "b", "fallback"], "Grid"),
    sig("replace", &["grid", "replacee", "replacer"], "Grid"),
    sig("switch", &["grid", "a", "b"], "Grid"),
    sig("center", &["patch"], "IntegerTuple"),
    sig("position", &["a", "b"], "IntegerTuple"),
    sig("index", &["grid", "loc"], "Integer"),
    sig("canvas", &["value", "dimensions"], "Grid"),
    sig("corners", &["patch"], "Indices"),
    sig("connect", &["a", "b"], "Indices"),
    sig("cover", &["grid", "patch"], "Grid"),
    sig("trim", &["grid"], "Grid"),
    sig("move", &["grid", "obj", "offset"], "Grid"),
    sig("tophalf", &["grid"], "Grid"),
    sig("bottomhalf", &["grid"], "Grid"),
    sig("lefthalf", &["grid"], "Grid"),
    sig("righthalf", &["grid"], "Grid"),
    sig("vfrontier", &["location"], "Indices"),
    sig("hfrontier", &["location"], "Indices"),
    sig("backdrop", &["patch"], "Indices"),
    sig("delta", &["patch"], "Indices"),
    sig("gravitate", &["source", "destination"], "IntegerTuple"),
    sig("inbox", &["patch"], "Indices"),
    sig("outbox", &["patch"], "Indices"),
    sig("box", &["patch"], "Indices"),
    sig("shoot", &["start", "direction"], "Indices"),
    sig("occurrences", &["grid", "obj"], "Indices"),
    sig("frontiers", &["grid"], "Objects"),
    sig("compress", &["grid"], "Grid"),
    sig("hperiod", &["obj"], "Integer"),
    sig("vperiod", &["obj"], "Integer"),
];

/// Every named constant.
pub const CONSTANTS: &[(&str, ConstValue)] = &[
    ("F", ConstValue::Bool(false)),
    ("T", ConstValue::Bool(true)),
    ("ZERO", ConstValue::Int(0)),
    ("ONE", ConstValue::Int(1)),
    ("TWO", ConstValue::Int(2)),
    ("THREE", ConstValue::Int(3)),
    ("FOUR", ConstValue::Int(4)),
    ("FIVE", ConstValue::Int(5)),
    ("SIX", ConstValue::Int(6)),
    ("SEVEN", ConstValue::Int(7)),
    ("EIGHT", ConstValue::Int(8)),
    ("NINE", ConstValue::Int(9)),
    ("TEN", ConstValue::Int(10)),
    ("NEG_ONE", ConstValue::Int(-1)),
    ("NEG_TWO", ConstValue::Int(-2)),
    ("DOWN", ConstValue::Pair(1, 0)),
    ("RIGHT", ConstValue::Pair(0, 1)),
    ("UP", ConstValue::Pair(-1, 0)),
    ("LEFT", ConstValue::Pair(0, -1)),
    ("ORIGIN", ConstValue::Pair(0, 0)),
    ("UNITY", ConstValue::Pair(1, 1)),
    ("NEG_UNITY", ConstValue::Pair(-1, -1)),
    ("UP_RIGHT", ConstValue::Pair(-1, 1)),
    ("DOWN_LEFT", ConstValue::Pair(1, -1)),
    ("ZERO_BY_TWO", ConstValue::Pair(0, 2)),
    ("TWO_BY_ZERO", ConstValue::Pair(2, 0)),
    ("TWO_BY_TWO", ConstValue::Pair(2, 2)),
    ("THREE_BY_THREE", ConstValue::Pair(3, 3)),
];

/// The primitive tables a card may call: the reference DSL's, then the
/// batt dialect's ([`crate::dialect`]).
pub const PRIMITIVE_TABLES: &[&[PrimSig]] = &[PRIMITIVES, crate::dialect::PRIMITIVES];

/// The constant tables a card may use, in the same order.
pub const CONSTANT_TABLES: &[&[(&str, ConstValue)]] = &[CONSTANTS, crate::dialect::CONSTANTS];

/// Every primitive a card may call.
pub fn primitives() -> impl Iterator<Item = &'static PrimSig> {
    PRIMITIVE_TABLES.iter().flat_map(|t| t.iter())
}

/// Every named constant a card may use.
pub fn constants() -> impl Iterator<Item = &'static (&'static str, ConstValue)> {
    CONSTANT_TABLES.iter().flat_map(|t| t.iter())
}

/// The primitive named `name` (reference or dialect).
pub fn primitive(name: &str) -> Option<&'static PrimSig> {
    primitives().find(|p| p.name == name)
}

/// The constant named `name` (reference or dialect).
pub fn constant(name: &str) -> Option<ConstValue> {
    constants().find(|(n, _)| *n == name).map(|&(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Every return type the reference DSL's `dsl.py` annotates.
    const REFERENCE_RETURN_TYPES: &[&str] = &[
        "Any",
        "Boolean",
        "Callable",
        "Container",
        "Element",
        "FrozenSet",
        "Grid",
        "Indices",
        "Integer",
        "IntegerSet",
        "IntegerTuple",
        "Numerical",
        "Object",
        "Objects",
        "Patch",
        "Piece",
        "Tuple",
        "TupleTuple",
    ];

    fn sig_of(name: &str) -> &'static PrimSig {
        primitive(name).unwrap_or_else(|| panic!("{name} is in the catalogue"))
    }

    #[test]
    fn there_are_exactly_160_primitives_with_unique_names() {
        assert_eq!(PRIMITIVES.len(), 160);
        let names: BTreeSet<&str> = PRIMITIVES.iter().map(|p| p.name).collect();
        assert_eq!(names.len(), 160);
    }

    #[test]
    fn the_table_starts_and_ends_in_reference_file_order() {
        assert_eq!(PRIMITIVES[0].name, "identity");
        assert_eq!(PRIMITIVES[1].name, "add");
        assert_eq!(PRIMITIVES[89].name, "objects");
        assert_eq!(PRIMITIVES[158].name, "hperiod");
        assert_eq!(PRIMITIVES[159].name, "vperiod");
    }

    #[test]
    fn every_return_type_is_one_the_reference_uses_and_each_is_used() {
        let used: BTreeSet<&str> = PRIMITIVES.iter().map(|p| p.ret).collect();
        let known: BTreeSet<&str> = REFERENCE_RETURN_TYPES.iter().copied().collect();
        assert_eq!(used, known);
    }

    #[test]
    fn parameter_names_are_unique_within_each_primitive() {
        for p in PRIMITIVES {
            let names: BTreeSet<&str> = p.params.iter().copied().collect();
            assert_eq!(names.len(), p.arity(), "{}", p.name);
            assert!(p.arity() >= 1 && p.arity() <= 4, "{}", p.name);
        }
    }

    #[test]
    fn spot_checked_signatures_match_the_reference() {
        let cases: &[(&str, &[&str], &str)] = &[
            (
                "objects",
                &["grid", "univalued", "diagonal", "without_bg"],
                "Objects",
            ),
            ("fill", &["grid", "value", "patch"], "Grid"),
            ("rbind", &["function", "fixed"], "Callable"),
            ("argmax", &["container", "compfunc"], "Any"),
            ("crop", &["grid", "start", "dims"], "Grid"),
            ("index", &["grid", "loc"], "Integer"),
            ("canvas", &["value", "dimensions"], "Grid"),
            ("upscale", &["element", "factor"], "Element"),
            ("chain", &["h", "g", "f"], "Callable"),
            ("prapply", &["function", "a", "b"], "FrozenSet"),
        ];
        for &(name, params, ret) in cases {
            let p = sig_of(name);
            assert_eq!(p.params, params, "{name}");
            assert_eq!(p.ret, ret, "{name}");
            assert_eq!(p.arity(), params.len(), "{name}");
        }
    }

    #[test]
    fn safe_defaults_follow_the_declared_type() {
        assert_eq!(SafeDefault::of_type("Integer"), SafeDefault::Zero);
        assert_eq!(SafeDefault::of_type("Numerical"), SafeDefault::Zero);
        assert_eq!(SafeDefault::of_type("Boolean"), SafeDefault::False);
        assert_eq!(SafeDefault::of_type("Grid"), SafeDefault::EmptyTuple);
        assert_eq!(SafeDefault::of_type("Objects"), SafeDefault::EmptySet);
        assert_eq!(SafeDefault::of_type("Indices"), SafeDefault::EmptySet);
        assert_eq!(SafeDefault::of_type("Callable"), SafeDefault::EmptyCallable);
        assert_eq!(SafeDefault::of_type("Any"), SafeDefault::EmptyTuple);
        assert_eq!(
            SafeDefault::of_type("IntegerTuple"),
            SafeDefault::EmptyTuple
        );
    }

    #[test]
    fn a_primitive_default_uses_its_return_type() {
        assert_eq!(sig_of("objects").default(), SafeDefault::EmptySet);
        assert_eq!(sig_of("fill").default(), SafeDefault::EmptyTuple);
        assert_eq!(sig_of("size").default(), SafeDefault::Zero);
        assert_eq!(sig_of("even").default(), SafeDefault::False);
        assert_eq!(sig_of("compose").default(), SafeDefault::EmptyCallable);
        assert_eq!(sig_of("first").default(), SafeDefault::EmptyTuple);
    }

    #[test]
    fn there_are_28_constants_with_the_reference_values() {
        assert_eq!(CONSTANTS.len(), 28);
        let names: BTreeSet<&str> = CONSTANTS.iter().map(|(n, _)| *n).collect();
        assert_eq!(names.len(), 28);
        let expected: &[(&str, ConstValue)] = &[
            ("F", ConstValue::Bool(false)),
            ("T", ConstValue::Bool(true)),
            ("ZERO", ConstValue::Int(0)),
            ("ONE", ConstValue::Int(1)),
            ("TWO", ConstValue::Int(2)),
            ("THREE", ConstValue::Int(3)),
            ("FOUR", ConstValue::Int(4)),
            ("FIVE", ConstValue::Int(5)),
            ("SIX", ConstValue::Int(6)),
            ("SEVEN", ConstValue::Int(7)),
            ("EIGHT", ConstValue::Int(8)),
            ("NINE", ConstValue::Int(9)),
            ("TEN", ConstValue::Int(10)),
            ("NEG_ONE", ConstValue::Int(-1)),
            ("NEG_TWO", ConstValue::Int(-2)),
            ("DOWN", ConstValue::Pair(1, 0)),
            ("RIGHT", ConstValue::Pair(0, 1)),
            ("UP", ConstValue::Pair(-1, 0)),
            ("LEFT", ConstValue::Pair(0, -1)),
            ("ORIGIN", ConstValue::Pair(0, 0)),
            ("UNITY", ConstValue::Pair(1, 1)),
            ("NEG_UNITY", ConstValue::Pair(-1, -1)),
            ("UP_RIGHT", ConstValue::Pair(-1, 1)),
            ("DOWN_LEFT", ConstValue::Pair(1, -1)),
            ("ZERO_BY_TWO", ConstValue::Pair(0, 2)),
            ("TWO_BY_ZERO", ConstValue::Pair(2, 0)),
            ("TWO_BY_TWO", ConstValue::Pair(2, 2)),
            ("THREE_BY_THREE", ConstValue::Pair(3, 3)),
        ];
        for &(name, value) in expected {
            assert_eq!(constant(name), Some(value), "{name}");
        }
    }

    #[test]
    fn constants_and_primitives_do_not_share_names() {
        for (name, _) in CONSTANTS {
            assert!(primitive(name).is_none(), "{name}");
        }
    }

    #[test]
    fn unknown_names_are_not_found() {
        assert!(primitive("nope").is_none());
        assert!(constant("nope").is_none());
    }
}

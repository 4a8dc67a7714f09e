//! The primitive catalogue: every primitive of the ARC DSL with its
//! parameter names and declared return type, and the named constants.
//!
//! The checker uses it for names, arities and keyword arguments; the
//! emitters for the safe default of a failed step, which follows the
//! step's declared [`Type`] ([`Type::safe_default`]), and the kernel
//! generator to guess a device type where a primitive has no template.
//!
//! Invariants (tested below, over the reference table and the dialect's
//! together): primitive names are unique, constant names are unique and
//! no constant shares a primitive's name; every primitive takes 1 to 4
//! parameters with unique names; defaults leave at least one parameter
//! to give and name primitives.

/// A primitive's signature, as declared by the reference DSL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrimSig {
    /// The DSL name.
    pub name: &'static str,
    /// The parameter names, in order (keyword arguments use them).
    pub params: &'static [&'static str],
    /// The declared return type.
    pub ret: Type,
    /// Defaults of the trailing parameters, as primitive names (a call may
    /// leave them out; the dialect's `get_nth_by_key_t` has one).
    pub defaults: &'static [&'static str],
}

/// A declared return type: one variant per type the reference DSL's
/// `dsl.py` or the batt dialect annotates a primitive with. Each variant
/// says how the reference or the dialect spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Type {
    /// `Any`: no declared type (an item of a container, a branch's pick).
    Any,
    /// `Boolean`.
    Boolean,
    /// `Integer`.
    Integer,
    /// `Numerical`: an integer or an integer pair.
    Numerical,
    /// `IntegerTuple`: an integer pair (a location, an offset, dimensions).
    IntegerTuple,
    /// `IntegerSet`: a frozenset of integers (colours).
    IntegerSet,
    /// `Tuple`.
    Tuple,
    /// `TupleTuple`: a tuple of tuples.
    TupleTuple,
    /// `FrozenSet`.
    FrozenSet,
    /// `Container`: a tuple or a frozenset.
    Container,
    /// `Grid`: a tuple of rows of colours.
    Grid,
    /// `Indices`: a frozenset of locations.
    Indices,
    /// `Object`: a frozenset of `(colour, location)` cells.
    Object,
    /// `Objects`: a frozenset of objects.
    Objects,
    /// `Patch`: an object or indices.
    Patch,
    /// `Piece`: a grid or a patch.
    Piece,
    /// `Element`: a grid or an object.
    Element,
    /// `Callable`: a function value.
    Callable,
    /// The dialect's `C_`: a colour, an integer.
    Colour,
    /// The dialect's `A8`: a mirror or rotation code 0..=7, an integer (the
    /// codes `mir_rot_t` reads).
    MirrorRotationCode,
    /// The dialect's `IJ`: an `(i, j)` integer pair (a location or
    /// dimensions), the reference's `IntegerTuple` in the dialect's words.
    IjPair,
    /// The dialect's `Samples`: demonstration pairs, a tuple of
    /// `(input, output)` grid pairs.
    Samples,
}

impl Type {
    /// What a failed step of this type evaluates to instead (DESIGN §4): 0
    /// for integers and the dialect's integer codes, False for booleans, an
    /// empty frozenset for set-like types, an empty tuple for tuple-like,
    /// grid-like and untyped results, and a callable returning an empty
    /// tuple for callables.
    pub fn safe_default(self) -> SafeDefault {
        match self {
            Type::Integer | Type::Numerical | Type::Colour | Type::MirrorRotationCode => {
                SafeDefault::Zero
            }
            Type::Boolean => SafeDefault::False,
            Type::FrozenSet
            | Type::IntegerSet
            | Type::Indices
            | Type::Object
            | Type::Objects
            | Type::Patch => SafeDefault::EmptySet,
            Type::Any
            | Type::IntegerTuple
            | Type::IjPair
            | Type::Tuple
            | Type::TupleTuple
            | Type::Container
            | Type::Grid
            | Type::Piece
            | Type::Element
            | Type::Samples => SafeDefault::EmptyTuple,
            Type::Callable => SafeDefault::EmptyCallable,
        }
    }
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
        self.ret.safe_default()
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
const fn sig(name: &'static str, params: &'static [&'static str], ret: Type) -> PrimSig {
    PrimSig {
        name,
        params,
        ret,
        defaults: &[],
    }
}

/// Every primitive of the reference DSL, in its file order.
pub const PRIMITIVES: &[PrimSig] = &[
    sig("identity", &["x"], Type::Any),
    sig("add", &["a", "b"], Type::Numerical),
    sig("subtract", &["a", "b"], Type::Numerical),
    sig("multiply", &["a", "b"], Type::Numerical),
    sig("divide", &["a", "b"], Type::Numerical),
    sig("invert", &["n"], Type::Numerical),
    sig("even", &["n"], Type::Boolean),
    sig("double", &["n"], Type::Numerical),
    sig("halve", &["n"], Type::Numerical),
    sig("flip", &["b"], Type::Boolean),
    sig("equality", &["a", "b"], Type::Boolean),
    sig("contained", &["value", "container"], Type::Boolean),
    sig("combine", &["a", "b"], Type::Container),
    sig("intersection", &["a", "b"], Type::FrozenSet),
    sig("difference", &["a", "b"], Type::FrozenSet),
    sig("dedupe", &["tup"], Type::Tuple),
    sig("order", &["container", "compfunc"], Type::Tuple),
    sig("repeat", &["item", "num"], Type::Tuple),
    sig("greater", &["a", "b"], Type::Boolean),
    sig("size", &["container"], Type::Integer),
    sig("merge", &["containers"], Type::Container),
    sig("maximum", &["container"], Type::Integer),
    sig("minimum", &["container"], Type::Integer),
    sig("valmax", &["container", "compfunc"], Type::Integer),
    sig("valmin", &["container", "compfunc"], Type::Integer),
    sig("argmax", &["container", "compfunc"], Type::Any),
    sig("argmin", &["container", "compfunc"], Type::Any),
    sig("mostcommon", &["container"], Type::Any),
    sig("leastcommon", &["container"], Type::Any),
    sig("initset", &["value"], Type::FrozenSet),
    sig("both", &["a", "b"], Type::Boolean),
    sig("either", &["a", "b"], Type::Boolean),
    sig("increment", &["x"], Type::Numerical),
    sig("decrement", &["x"], Type::Numerical),
    sig("crement", &["x"], Type::Numerical),
    sig("sign", &["x"], Type::Numerical),
    sig("positive", &["x"], Type::Boolean),
    sig("toivec", &["i"], Type::IntegerTuple),
    sig("tojvec", &["j"], Type::IntegerTuple),
    sig("sfilter", &["container", "condition"], Type::Container),
    sig("mfilter", &["container", "function"], Type::FrozenSet),
    sig("extract", &["container", "condition"], Type::Any),
    sig("totuple", &["container"], Type::Tuple),
    sig("first", &["container"], Type::Any),
    sig("last", &["container"], Type::Any),
    sig("insert", &["value", "container"], Type::FrozenSet),
    sig("remove", &["value", "container"], Type::Container),
    sig("other", &["container", "value"], Type::Any),
    sig("interval", &["start", "stop", "step"], Type::Tuple),
    sig("astuple", &["a", "b"], Type::IntegerTuple),
    sig("product", &["a", "b"], Type::FrozenSet),
    sig("pair", &["a", "b"], Type::TupleTuple),
    sig("branch", &["condition", "a", "b"], Type::Any),
    sig("compose", &["outer", "inner"], Type::Callable),
    sig("chain", &["h", "g", "f"], Type::Callable),
    sig("matcher", &["function", "target"], Type::Callable),
    sig("rbind", &["function", "fixed"], Type::Callable),
    sig("lbind", &["function", "fixed"], Type::Callable),
    sig("power", &["function", "n"], Type::Callable),
    sig("fork", &["outer", "a", "b"], Type::Callable),
    sig("apply", &["function", "container"], Type::Container),
    sig("rapply", &["functions", "value"], Type::Container),
    sig("mapply", &["function", "container"], Type::FrozenSet),
    sig("papply", &["function", "a", "b"], Type::Tuple),
    sig("mpapply", &["function", "a", "b"], Type::Tuple),
    sig("prapply", &["function", "a", "b"], Type::FrozenSet),
    sig("mostcolor", &["element"], Type::Integer),
    sig("leastcolor", &["element"], Type::Integer),
    sig("height", &["piece"], Type::Integer),
    sig("width", &["piece"], Type::Integer),
    sig("shape", &["piece"], Type::IntegerTuple),
    sig("portrait", &["piece"], Type::Boolean),
    sig("colorcount", &["element", "value"], Type::Integer),
    sig("colorfilter", &["objs", "value"], Type::Objects),
    sig("sizefilter", &["container", "n"], Type::FrozenSet),
    sig("asindices", &["grid"], Type::Indices),
    sig("ofcolor", &["grid", "value"], Type::Indices),
    sig("ulcorner", &["patch"], Type::IntegerTuple),
    sig("urcorner", &["patch"], Type::IntegerTuple),
    sig("llcorner", &["patch"], Type::IntegerTuple),
    sig("lrcorner", &["patch"], Type::IntegerTuple),
    sig("crop", &["grid", "start", "dims"], Type::Grid),
    sig("toindices", &["patch"], Type::Indices),
    sig("recolor", &["value", "patch"], Type::Object),
    sig("shift", &["patch", "directions"], Type::Patch),
    sig("normalize", &["patch"], Type::Patch),
    sig("dneighbors", &["loc"], Type::Indices),
    sig("ineighbors", &["loc"], Type::Indices),
    sig("neighbors", &["loc"], Type::Indices),
    sig(
        "objects",
        &["grid", "univalued", "diagonal", "without_bg"],
        Type::Objects,
    ),
    sig("partition", &["grid"], Type::Objects),
    sig("fgpartition", &["grid"], Type::Objects),
    sig("uppermost", &["patch"], Type::Integer),
    sig("lowermost", &["patch"], Type::Integer),
    sig("leftmost", &["patch"], Type::Integer),
    sig("rightmost", &["patch"], Type::Integer),
    sig("square", &["piece"], Type::Boolean),
    sig("vline", &["patch"], Type::Boolean),
    sig("hline", &["patch"], Type::Boolean),
    sig("hmatching", &["a", "b"], Type::Boolean),
    sig("vmatching", &["a", "b"], Type::Boolean),
    sig("manhattan", &["a", "b"], Type::Integer),
    sig("adjacent", &["a", "b"], Type::Boolean),
    sig("bordering", &["patch", "grid"], Type::Boolean),
    sig("centerofmass", &["patch"], Type::IntegerTuple),
    sig("palette", &["element"], Type::IntegerSet),
    sig("numcolors", &["element"], Type::IntegerSet),
    sig("color", &["obj"], Type::Integer),
    sig("toobject", &["patch", "grid"], Type::Object),
    sig("asobject", &["grid"], Type::Object),
    sig("rot90", &["grid"], Type::Grid),
    sig("rot180", &["grid"], Type::Grid),
    sig("rot270", &["grid"], Type::Grid),
    sig("hmirror", &["piece"], Type::Piece),
    sig("vmirror", &["piece"], Type::Piece),
    sig("dmirror", &["piece"], Type::Piece),
    sig("cmirror", &["piece"], Type::Piece),
    sig("fill", &["grid", "value", "patch"], Type::Grid),
    sig("paint", &["grid", "obj"], Type::Grid),
    sig("underfill", &["grid", "value", "patch"], Type::Grid),
    sig("underpaint", &["grid", "obj"], Type::Grid),
    sig("hupscale", &["grid", "factor"], Type::Grid),
    sig("vupscale", &["grid", "factor"], Type::Grid),
    sig("upscale", &["element", "factor"], Type::Element),
    sig("downscale", &["grid", "factor"], Type::Grid),
    sig("hconcat", &["a", "b"], Type::Grid),
    sig("vconcat", &["a", "b"], Type::Grid),
    sig("subgrid", &["patch", "grid"], Type::Grid),
    sig("hsplit", &["grid", "n"], Type::Tuple),
    sig("vsplit", &["grid", "n"], Type::Tuple),
    sig("cellwise", &["a", "b", "fallback"], Type::Grid),
    sig("replace", &["grid", "replacee", "replacer"], Type::Grid),
    sig("switch", &["grid", "a", "b"], Type::Grid),
    sig("center", &["patch"], Type::IntegerTuple),
    sig("position", &["a", "b"], Type::IntegerTuple),
    sig("index", &["grid", "loc"], Type::Integer),
    sig("canvas", &["value", "dimensions"], Type::Grid),
    sig("corners", &["patch"], Type::Indices),
    sig("connect", &["a", "b"], Type::Indices),
    sig("cover", &["grid", "patch"], Type::Grid),
    sig("trim", &["grid"], Type::Grid),
    sig("move", &["grid", "obj", "offset"], Type::Grid),
    sig("tophalf", &["grid"], Type::Grid),
    sig("bottomhalf", &["grid"], Type::Grid),
    sig("lefthalf", &["grid"], Type::Grid),
    sig("righthalf", &["grid"], Type::Grid),
    sig("vfrontier", &["location"], Type::Indices),
    sig("hfrontier", &["location"], Type::Indices),
    sig("backdrop", &["patch"], Type::Indices),
    sig("delta", &["patch"], Type::Indices),
    sig("gravitate", &["source", "destination"], Type::IntegerTuple),
    sig("inbox", &["patch"], Type::Indices),
    sig("outbox", &["patch"], Type::Indices),
    sig("box", &["patch"], Type::Indices),
    sig("shoot", &["start", "direction"], Type::Indices),
    sig("occurrences", &["grid", "obj"], Type::Indices),
    sig("frontiers", &["grid"], Type::Objects),
    sig("compress", &["grid"], Type::Grid),
    sig("hperiod", &["obj"], Type::Integer),
    sig("vperiod", &["obj"], Type::Integer),
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

    /// Every [`Type`] variant (a variant missing here but used by a table
    /// fails `every_type_is_the_return_type_of_some_primitive`).
    const EVERY_TYPE: &[Type] = &[
        Type::Any,
        Type::Boolean,
        Type::Integer,
        Type::Numerical,
        Type::IntegerTuple,
        Type::IntegerSet,
        Type::Tuple,
        Type::TupleTuple,
        Type::FrozenSet,
        Type::Container,
        Type::Grid,
        Type::Indices,
        Type::Object,
        Type::Objects,
        Type::Patch,
        Type::Piece,
        Type::Element,
        Type::Callable,
        Type::Colour,
        Type::MirrorRotationCode,
        Type::IjPair,
        Type::Samples,
    ];

    #[test]
    fn the_reference_table_has_its_160_primitives() {
        assert_eq!(PRIMITIVES.len(), 160);
    }

    #[test]
    fn primitive_names_are_unique_across_both_tables() {
        let names: BTreeSet<&str> = primitives().map(|p| p.name).collect();
        assert_eq!(names.len(), primitives().count());
    }

    #[test]
    fn constant_names_are_unique_across_both_tables() {
        let names: BTreeSet<&str> = constants().map(|(n, _)| *n).collect();
        assert_eq!(names.len(), constants().count());
    }

    #[test]
    fn constants_and_primitives_do_not_share_names() {
        for (name, _) in constants() {
            assert!(primitive(name).is_none(), "{name}");
        }
    }

    #[test]
    fn every_primitive_takes_one_to_four_parameters_with_unique_names() {
        for p in primitives() {
            let names: BTreeSet<&str> = p.params.iter().copied().collect();
            assert_eq!(names.len(), p.arity(), "{}", p.name);
            assert!((1..=4).contains(&p.arity()), "{}", p.name);
        }
    }

    #[test]
    fn defaults_leave_a_parameter_to_give_and_name_primitives() {
        for p in primitives() {
            assert!(p.min_arity() >= 1, "{}", p.name);
            for d in p.defaults {
                assert!(primitive(d).is_some(), "{}: {d}", p.name);
            }
        }
    }

    #[test]
    fn defaults_make_the_trailing_parameters_optional() {
        let sig = PrimSig {
            name: "pick",
            params: &["container", "rank", "key"],
            ret: Type::Any,
            defaults: &["identity"],
        };
        assert_eq!((sig.min_arity(), sig.arity()), (2, 3));
    }

    #[test]
    fn every_type_is_the_return_type_of_some_primitive() {
        let used: BTreeSet<Type> = primitives().map(|p| p.ret).collect();
        let every: BTreeSet<Type> = EVERY_TYPE.iter().copied().collect();
        assert_eq!(used, every);
    }

    #[test]
    fn safe_defaults_follow_the_kind_of_the_declared_type() {
        let cases = [
            (Type::Integer, SafeDefault::Zero),
            (Type::Colour, SafeDefault::Zero),
            (Type::Boolean, SafeDefault::False),
            (Type::Objects, SafeDefault::EmptySet),
            (Type::Patch, SafeDefault::EmptySet),
            (Type::Grid, SafeDefault::EmptyTuple),
            (Type::IjPair, SafeDefault::EmptyTuple),
            (Type::Any, SafeDefault::EmptyTuple),
            (Type::Callable, SafeDefault::EmptyCallable),
        ];
        for (ty, default) in cases {
            assert_eq!(ty.safe_default(), default, "{ty:?}");
        }
    }

    #[test]
    fn unknown_names_are_not_found() {
        assert!(primitive("nope").is_none());
        assert!(constant("nope").is_none());
    }
}

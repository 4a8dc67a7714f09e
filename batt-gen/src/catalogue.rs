//! The primitive catalogue: every primitive of the ARC DSL with its
//! parameter names and declared types, and the named constants.
//!
//! The checker uses it for names, arities and keyword arguments; the
//! emitters for the safe default of a failed step, which follows the
//! step's declared return [`Type`] ([`Type::safe_default`]), and the kernel
//! generator to guess a device type where a primitive has no template. The
//! parameter types, the subtyping rule between declared types
//! ([`Type::accepts`]) and how a primitive calls the functions it is given
//! ([`PrimSig::calls`]) are what [`crate::random`] builds type-correct
//! programs from.
//!
//! Invariants (tested below, over the reference table and the dialect's
//! together): primitive names are unique, constant names are unique and
//! no constant shares a primitive's name; every primitive takes 1 to 4
//! parameters with unique names, each with a declared type; defaults leave
//! at least one parameter to give and name primitives.

/// A primitive's signature, as declared by the reference DSL (or the
/// dialect).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrimSig {
    /// The DSL name.
    pub name: &'static str,
    /// The parameter names, in order (keyword arguments use them).
    pub params: &'static [&'static str],
    /// The declared parameter types, one per name of `params`.
    pub param_types: &'static [Type],
    /// The declared return type.
    pub ret: Type,
    /// Defaults of the trailing parameters, as primitive names (a call may
    /// leave them out; the dialect's `get_nth_by_key_t` has one).
    pub defaults: &'static [&'static str],
}

/// A declared type: one variant per type the reference DSL's `dsl.py` or
/// the batt dialect annotates a primitive's parameters or return with.
/// Each variant says how the reference or the dialect spells it.
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
    /// `ContainerContainer`: a container of containers (what `merge`
    /// flattens and `mapply` maps over). A parameter type only.
    ContainerContainer,
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
    /// The dialect's `FL` (and `F_`, `L_`): a rank, an integer counted from
    /// the first item (0, 1, ...) or from the last (-1, -2, ...), as its
    /// constants `F0`..`F9` and `L1`..`L10` are. A parameter type only.
    Rank,
    /// The dialect's `R_` (annotated `R4` and `R8`): a code choosing one of
    /// 4 or 8 variants (`o_g`'s kinds of objects, `corner`'s corners), an
    /// integer, as its constants `R0`..`R9` are. A parameter type only.
    SymbolCode,
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
            Type::Integer
            | Type::Numerical
            | Type::Colour
            | Type::MirrorRotationCode
            | Type::Rank
            | Type::SymbolCode => SafeDefault::Zero,
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
            | Type::ContainerContainer
            | Type::Grid
            | Type::Piece
            | Type::Element
            | Type::Samples => SafeDefault::EmptyTuple,
            Type::Callable => SafeDefault::EmptyCallable,
        }
    }

    /// Whether a parameter declared `self` accepts a value declared
    /// `other`: every value `other` describes is one `self` describes.
    ///
    /// Types are read as unions of value shapes, as `arc_types.py` builds
    /// them (`Patch = Union[Object, Indices]`, `Piece = Union[Grid,
    /// Patch]`, `Grid = Tuple[Tuple[Integer]]`, a `bool` is an `int`, the
    /// dialect's codes are all `int`), so the rule is reflexive and
    /// transitive, `Any` accepts everything and only `Any` accepts `Any`,
    /// and aliases (`IntegerTuple` and `IjPair`; `Integer` and the integer
    /// codes) accept each other.
    pub fn accepts(self, other: Type) -> bool {
        let (wide, narrow) = (self.shapes(), other.shapes());
        narrow & !wide == 0
    }

    /// The shapes of the values this type describes, as a bit set of
    /// [`Shape`]s.
    fn shapes(self) -> u16 {
        use Shape::*;
        let set = |shapes: &[Shape]| shapes.iter().fold(0u16, |acc, &s| acc | 1 << s as u16);
        let tuples = set(&[Pair, Rows, PairsOfGrids, OtherTupleOfTuples, OtherTuple]);
        let sets = set(&[IntSet, Locations, Cells, SetOfObjects, OtherSet]);
        match self {
            Type::Any => u16::MAX,
            Type::Boolean => set(&[Bool]),
            Type::Integer
            | Type::Colour
            | Type::MirrorRotationCode
            | Type::Rank
            | Type::SymbolCode => set(&[Bool, Int]),
            Type::Numerical => set(&[Bool, Int, Pair]),
            Type::IntegerTuple | Type::IjPair => set(&[Pair]),
            Type::IntegerSet => set(&[IntSet]),
            Type::Tuple => tuples,
            Type::TupleTuple => set(&[Rows, PairsOfGrids, OtherTupleOfTuples]),
            Type::FrozenSet => sets,
            Type::Container => tuples | sets,
            Type::ContainerContainer => set(&[
                Rows,
                PairsOfGrids,
                OtherTupleOfTuples,
                Locations,
                Cells,
                SetOfObjects,
            ]),
            Type::Grid => set(&[Rows]),
            Type::Indices => set(&[Locations]),
            Type::Object => set(&[Cells]),
            Type::Objects => set(&[SetOfObjects]),
            Type::Patch => set(&[Locations, Cells]),
            Type::Piece => set(&[Rows, Locations, Cells]),
            Type::Element => set(&[Rows, Cells]),
            Type::Callable => set(&[Function]),
            Type::Samples => set(&[PairsOfGrids]),
        }
    }
}

/// The shapes of DSL values that [`Type::accepts`] tells apart: each
/// declared type describes a union of them.
#[derive(Debug, Clone, Copy)]
enum Shape {
    /// A `bool` (also an `int` in Python).
    Bool,
    /// Any other `int`.
    Int,
    /// A pair of integers.
    Pair,
    /// A tuple of rows of integers: a grid.
    Rows,
    /// A tuple of `(input, output)` grid pairs: the dialect's samples.
    PairsOfGrids,
    /// Any other tuple of tuples.
    OtherTupleOfTuples,
    /// Any other tuple.
    OtherTuple,
    /// A frozenset of integers.
    IntSet,
    /// A frozenset of locations: indices.
    Locations,
    /// A frozenset of `(colour, location)` cells: an object.
    Cells,
    /// A frozenset of objects.
    SetOfObjects,
    /// Any other frozenset.
    OtherSet,
    /// A function.
    Function,
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

    /// How the primitive uses the function given as parameter `k`, when
    /// that parameter is declared [`Type::Callable`] (`None` otherwise):
    /// it calls it with one argument, except where [`FUNCTION_USES`] says
    /// otherwise.
    pub fn calls(&self, k: usize) -> Option<Calls> {
        if self.param_types.get(k) != Some(&Type::Callable) {
            return None;
        }
        let param = self.params[k];
        Some(
            FUNCTION_USES
                .iter()
                .find(|(name, p, _)| *name == self.name && *p == param)
                .map_or(Calls::With(1), |&(_, _, calls)| calls),
        )
    }

    /// The number of arguments the callable this primitive returns takes,
    /// given the arity of the function it binds (`None` when it returns no
    /// callable): one less for a binder (a parameter of [`Calls::Binds`]),
    /// otherwise one, the `x` of the reference's `lambda x: ...`.
    pub fn returned_arity(&self, bound: u8) -> Option<u8> {
        if self.ret != Type::Callable {
            return None;
        }
        let binds = (0..self.arity()).any(|k| self.calls(k) == Some(Calls::Binds));
        Some(if binds { bound.saturating_sub(1) } else { 1 })
    }
}

/// How a primitive uses a function it is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Calls {
    /// It calls it with this many arguments.
    With(u8),
    /// It binds one of its arguments (`rbind`, `lbind`): the function
    /// takes 2 to 4 arguments (Python's `co_argcount`), and the callable
    /// returned one fewer.
    Binds,
}

/// The `Callable` parameters a primitive does not call with exactly one
/// argument, as the reference's bodies use them (`function(a, b)`,
/// `outer(a(x), b(x))`, the arity dispatch of `rbind` and `lbind`); the
/// annotations say only `Callable`.
pub const FUNCTION_USES: &[(&str, &str, Calls)] = &[
    ("rbind", "function", Calls::Binds),
    ("lbind", "function", Calls::Binds),
    ("fork", "outer", Calls::With(2)),
    ("papply", "function", Calls::With(2)),
    ("mpapply", "function", Calls::With(2)),
    ("prapply", "function", Calls::With(2)),
];

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

impl ConstValue {
    /// The constant's declared type: `Boolean`, `Integer` or `IntegerTuple`.
    pub fn ty(self) -> Type {
        match self {
            ConstValue::Bool(_) => Type::Boolean,
            ConstValue::Int(_) => Type::Integer,
            ConstValue::Pair(..) => Type::IntegerTuple,
        }
    }
}

/// A table row (keeps the table below one line per primitive): name,
/// parameter names, their types, return type.
const fn sig(
    name: &'static str,
    params: &'static [&'static str],
    param_types: &'static [Type],
    ret: Type,
) -> PrimSig {
    PrimSig {
        name,
        params,
        param_types,
        ret,
        defaults: &[],
    }
}

/// Every primitive of the reference DSL, in its file order.
#[rustfmt::skip]
pub const PRIMITIVES: &[PrimSig] = {
    use Type::*;
    &[
        sig("identity", &["x"], &[Any], Any),
        sig("add", &["a", "b"], &[Numerical, Numerical], Numerical),
        sig("subtract", &["a", "b"], &[Numerical, Numerical], Numerical),
        sig("multiply", &["a", "b"], &[Numerical, Numerical], Numerical),
        sig("divide", &["a", "b"], &[Numerical, Numerical], Numerical),
        sig("invert", &["n"], &[Numerical], Numerical),
        sig("even", &["n"], &[Integer], Boolean),
        sig("double", &["n"], &[Numerical], Numerical),
        sig("halve", &["n"], &[Numerical], Numerical),
        sig("flip", &["b"], &[Boolean], Boolean),
        sig("equality", &["a", "b"], &[Any, Any], Boolean),
        sig("contained", &["value", "container"], &[Any, Container], Boolean),
        sig("combine", &["a", "b"], &[Container, Container], Container),
        sig("intersection", &["a", "b"], &[FrozenSet, FrozenSet], FrozenSet),
        sig("difference", &["a", "b"], &[FrozenSet, FrozenSet], FrozenSet),
        sig("dedupe", &["tup"], &[Tuple], Tuple),
        sig("order", &["container", "compfunc"], &[Container, Callable], Tuple),
        sig("repeat", &["item", "num"], &[Any, Integer], Tuple),
        sig("greater", &["a", "b"], &[Integer, Integer], Boolean),
        sig("size", &["container"], &[Container], Integer),
        sig("merge", &["containers"], &[ContainerContainer], Container),
        sig("maximum", &["container"], &[IntegerSet], Integer),
        sig("minimum", &["container"], &[IntegerSet], Integer),
        sig("valmax", &["container", "compfunc"], &[Container, Callable], Integer),
        sig("valmin", &["container", "compfunc"], &[Container, Callable], Integer),
        sig("argmax", &["container", "compfunc"], &[Container, Callable], Any),
        sig("argmin", &["container", "compfunc"], &[Container, Callable], Any),
        sig("mostcommon", &["container"], &[Container], Any),
        sig("leastcommon", &["container"], &[Container], Any),
        sig("initset", &["value"], &[Any], FrozenSet),
        sig("both", &["a", "b"], &[Boolean, Boolean], Boolean),
        sig("either", &["a", "b"], &[Boolean, Boolean], Boolean),
        sig("increment", &["x"], &[Numerical], Numerical),
        sig("decrement", &["x"], &[Numerical], Numerical),
        sig("crement", &["x"], &[Numerical], Numerical),
        sig("sign", &["x"], &[Numerical], Numerical),
        sig("positive", &["x"], &[Integer], Boolean),
        sig("toivec", &["i"], &[Integer], IntegerTuple),
        sig("tojvec", &["j"], &[Integer], IntegerTuple),
        sig("sfilter", &["container", "condition"], &[Container, Callable], Container),
        sig("mfilter", &["container", "function"], &[Container, Callable], FrozenSet),
        sig("extract", &["container", "condition"], &[Container, Callable], Any),
        sig("totuple", &["container"], &[FrozenSet], Tuple),
        sig("first", &["container"], &[Container], Any),
        sig("last", &["container"], &[Container], Any),
        sig("insert", &["value", "container"], &[Any, FrozenSet], FrozenSet),
        sig("remove", &["value", "container"], &[Any, Container], Container),
        sig("other", &["container", "value"], &[Container, Any], Any),
        sig("interval", &["start", "stop", "step"], &[Integer, Integer, Integer], Tuple),
        sig("astuple", &["a", "b"], &[Integer, Integer], IntegerTuple),
        sig("product", &["a", "b"], &[Container, Container], FrozenSet),
        sig("pair", &["a", "b"], &[Tuple, Tuple], TupleTuple),
        sig("branch", &["condition", "a", "b"], &[Boolean, Any, Any], Any),
        sig("compose", &["outer", "inner"], &[Callable, Callable], Callable),
        sig("chain", &["h", "g", "f"], &[Callable, Callable, Callable], Callable),
        sig("matcher", &["function", "target"], &[Callable, Any], Callable),
        sig("rbind", &["function", "fixed"], &[Callable, Any], Callable),
        sig("lbind", &["function", "fixed"], &[Callable, Any], Callable),
        sig("power", &["function", "n"], &[Callable, Integer], Callable),
        sig("fork", &["outer", "a", "b"], &[Callable, Callable, Callable], Callable),
        sig("apply", &["function", "container"], &[Callable, Container], Container),
        sig("rapply", &["functions", "value"], &[Container, Any], Container),
        sig("mapply", &["function", "container"], &[Callable, ContainerContainer], FrozenSet),
        sig("papply", &["function", "a", "b"], &[Callable, Tuple, Tuple], Tuple),
        sig("mpapply", &["function", "a", "b"], &[Callable, Tuple, Tuple], Tuple),
        // `prapply` leaves `function` unannotated: it calls it, so `Callable`.
        sig("prapply", &["function", "a", "b"], &[Callable, Container, Container], FrozenSet),
        sig("mostcolor", &["element"], &[Element], Integer),
        sig("leastcolor", &["element"], &[Element], Integer),
        sig("height", &["piece"], &[Piece], Integer),
        sig("width", &["piece"], &[Piece], Integer),
        sig("shape", &["piece"], &[Piece], IntegerTuple),
        sig("portrait", &["piece"], &[Piece], Boolean),
        sig("colorcount", &["element", "value"], &[Element, Integer], Integer),
        sig("colorfilter", &["objs", "value"], &[Objects, Integer], Objects),
        sig("sizefilter", &["container", "n"], &[Container, Integer], FrozenSet),
        sig("asindices", &["grid"], &[Grid], Indices),
        sig("ofcolor", &["grid", "value"], &[Grid, Integer], Indices),
        sig("ulcorner", &["patch"], &[Patch], IntegerTuple),
        sig("urcorner", &["patch"], &[Patch], IntegerTuple),
        sig("llcorner", &["patch"], &[Patch], IntegerTuple),
        sig("lrcorner", &["patch"], &[Patch], IntegerTuple),
        sig("crop", &["grid", "start", "dims"], &[Grid, IntegerTuple, IntegerTuple], Grid),
        sig("toindices", &["patch"], &[Patch], Indices),
        sig("recolor", &["value", "patch"], &[Integer, Patch], Object),
        sig("shift", &["patch", "directions"], &[Patch, IntegerTuple], Patch),
        sig("normalize", &["patch"], &[Patch], Patch),
        sig("dneighbors", &["loc"], &[IntegerTuple], Indices),
        sig("ineighbors", &["loc"], &[IntegerTuple], Indices),
        sig("neighbors", &["loc"], &[IntegerTuple], Indices),
        sig("objects", &["grid", "univalued", "diagonal", "without_bg"], &[Grid, Boolean, Boolean, Boolean], Objects),
        sig("partition", &["grid"], &[Grid], Objects),
        sig("fgpartition", &["grid"], &[Grid], Objects),
        sig("uppermost", &["patch"], &[Patch], Integer),
        sig("lowermost", &["patch"], &[Patch], Integer),
        sig("leftmost", &["patch"], &[Patch], Integer),
        sig("rightmost", &["patch"], &[Patch], Integer),
        sig("square", &["piece"], &[Piece], Boolean),
        sig("vline", &["patch"], &[Patch], Boolean),
        sig("hline", &["patch"], &[Patch], Boolean),
        sig("hmatching", &["a", "b"], &[Patch, Patch], Boolean),
        sig("vmatching", &["a", "b"], &[Patch, Patch], Boolean),
        sig("manhattan", &["a", "b"], &[Patch, Patch], Integer),
        sig("adjacent", &["a", "b"], &[Patch, Patch], Boolean),
        sig("bordering", &["patch", "grid"], &[Patch, Grid], Boolean),
        sig("centerofmass", &["patch"], &[Patch], IntegerTuple),
        sig("palette", &["element"], &[Element], IntegerSet),
        sig("numcolors", &["element"], &[Element], IntegerSet),
        sig("color", &["obj"], &[Object], Integer),
        sig("toobject", &["patch", "grid"], &[Patch, Grid], Object),
        sig("asobject", &["grid"], &[Grid], Object),
        sig("rot90", &["grid"], &[Grid], Grid),
        sig("rot180", &["grid"], &[Grid], Grid),
        sig("rot270", &["grid"], &[Grid], Grid),
        sig("hmirror", &["piece"], &[Piece], Piece),
        sig("vmirror", &["piece"], &[Piece], Piece),
        sig("dmirror", &["piece"], &[Piece], Piece),
        sig("cmirror", &["piece"], &[Piece], Piece),
        sig("fill", &["grid", "value", "patch"], &[Grid, Integer, Patch], Grid),
        sig("paint", &["grid", "obj"], &[Grid, Object], Grid),
        sig("underfill", &["grid", "value", "patch"], &[Grid, Integer, Patch], Grid),
        sig("underpaint", &["grid", "obj"], &[Grid, Object], Grid),
        sig("hupscale", &["grid", "factor"], &[Grid, Integer], Grid),
        sig("vupscale", &["grid", "factor"], &[Grid, Integer], Grid),
        sig("upscale", &["element", "factor"], &[Element, Integer], Element),
        sig("downscale", &["grid", "factor"], &[Grid, Integer], Grid),
        sig("hconcat", &["a", "b"], &[Grid, Grid], Grid),
        sig("vconcat", &["a", "b"], &[Grid, Grid], Grid),
        sig("subgrid", &["patch", "grid"], &[Patch, Grid], Grid),
        sig("hsplit", &["grid", "n"], &[Grid, Integer], Tuple),
        sig("vsplit", &["grid", "n"], &[Grid, Integer], Tuple),
        sig("cellwise", &["a", "b", "fallback"], &[Grid, Grid, Integer], Grid),
        sig("replace", &["grid", "replacee", "replacer"], &[Grid, Integer, Integer], Grid),
        sig("switch", &["grid", "a", "b"], &[Grid, Integer, Integer], Grid),
        sig("center", &["patch"], &[Patch], IntegerTuple),
        sig("position", &["a", "b"], &[Patch, Patch], IntegerTuple),
        sig("index", &["grid", "loc"], &[Grid, IntegerTuple], Integer),
        sig("canvas", &["value", "dimensions"], &[Integer, IntegerTuple], Grid),
        sig("corners", &["patch"], &[Patch], Indices),
        sig("connect", &["a", "b"], &[IntegerTuple, IntegerTuple], Indices),
        sig("cover", &["grid", "patch"], &[Grid, Patch], Grid),
        sig("trim", &["grid"], &[Grid], Grid),
        sig("move", &["grid", "obj", "offset"], &[Grid, Object, IntegerTuple], Grid),
        sig("tophalf", &["grid"], &[Grid], Grid),
        sig("bottomhalf", &["grid"], &[Grid], Grid),
        sig("lefthalf", &["grid"], &[Grid], Grid),
        sig("righthalf", &["grid"], &[Grid], Grid),
        sig("vfrontier", &["location"], &[IntegerTuple], Indices),
        sig("hfrontier", &["location"], &[IntegerTuple], Indices),
        sig("backdrop", &["patch"], &[Patch], Indices),
        sig("delta", &["patch"], &[Patch], Indices),
        sig("gravitate", &["source", "destination"], &[Patch, Patch], IntegerTuple),
        sig("inbox", &["patch"], &[Patch], Indices),
        sig("outbox", &["patch"], &[Patch], Indices),
        sig("box", &["patch"], &[Patch], Indices),
        sig("shoot", &["start", "direction"], &[IntegerTuple, IntegerTuple], Indices),
        sig("occurrences", &["grid", "obj"], &[Grid, Object], Indices),
        sig("frontiers", &["grid"], &[Grid], Objects),
        sig("compress", &["grid"], &[Grid], Grid),
        sig("hperiod", &["obj"], &[Object], Integer),
        sig("vperiod", &["obj"], &[Object], Integer),
    ]
};

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
pub const PRIMITIVE_TABLES: &[&[PrimSig]] = &[
    PRIMITIVES,
    crate::dialect::PRIMITIVES,
    crate::dialect::PRIMITIVES_2025_11,
];

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
    /// fails `every_type_is_declared_by_some_primitive`).
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
        Type::ContainerContainer,
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
        Type::Rank,
        Type::SymbolCode,
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
            param_types: &[Type::Container, Type::Rank, Type::Callable],
            ret: Type::Any,
            defaults: &["identity"],
        };
        assert_eq!((sig.min_arity(), sig.arity()), (2, 3));
    }

    #[test]
    fn every_type_is_declared_by_some_primitive() {
        let used: BTreeSet<Type> = primitives()
            .flat_map(|p| p.param_types.iter().copied().chain([p.ret]))
            .collect();
        let every: BTreeSet<Type> = EVERY_TYPE.iter().copied().collect();
        assert_eq!(used, every);
    }

    #[test]
    fn every_parameter_of_every_primitive_has_a_declared_type() {
        for p in primitives() {
            assert_eq!(p.param_types.len(), p.params.len(), "{}", p.name);
        }
    }

    #[test]
    fn a_parameter_is_typed_as_the_reference_annotates_it() {
        let fill = primitive("fill").unwrap();
        assert_eq!(fill.param_types, [Type::Grid, Type::Integer, Type::Patch]);
        let merge = primitive("merge").unwrap();
        assert_eq!(merge.param_types, [Type::ContainerContainer]);
        let o_g = primitive("o_g").unwrap();
        assert_eq!(o_g.param_types, [Type::Grid, Type::SymbolCode]);
    }

    #[test]
    fn patches_accept_indices_and_objects_and_nothing_grid_like() {
        assert!(Type::Patch.accepts(Type::Indices));
        assert!(Type::Patch.accepts(Type::Object));
        assert!(Type::Patch.accepts(Type::Patch));
        assert!(!Type::Patch.accepts(Type::Grid));
        assert!(!Type::Patch.accepts(Type::Piece));
        assert!(!Type::Patch.accepts(Type::Objects));
        assert!(!Type::Indices.accepts(Type::Patch));
    }

    #[test]
    fn pieces_accept_grids_and_patches_and_elements_grids_and_objects() {
        for t in [
            Type::Grid,
            Type::Patch,
            Type::Indices,
            Type::Object,
            Type::Element,
        ] {
            assert!(Type::Piece.accepts(t), "{t:?}");
        }
        assert!(Type::Element.accepts(Type::Grid));
        assert!(Type::Element.accepts(Type::Object));
        assert!(!Type::Element.accepts(Type::Indices));
        assert!(!Type::Element.accepts(Type::Patch));
        assert!(!Type::Element.accepts(Type::Piece));
    }

    #[test]
    fn containers_accept_every_tuple_and_set_and_no_number_or_function() {
        let tuples = [
            Type::Tuple,
            Type::TupleTuple,
            Type::Grid,
            Type::IntegerTuple,
            Type::Samples,
        ];
        let sets = [
            Type::FrozenSet,
            Type::IntegerSet,
            Type::Indices,
            Type::Object,
            Type::Objects,
        ];
        for t in tuples
            .into_iter()
            .chain(sets)
            .chain([Type::Patch, Type::Element])
        {
            assert!(Type::Container.accepts(t), "{t:?}");
        }
        for t in sets {
            assert!(Type::FrozenSet.accepts(t), "{t:?}");
            assert!(!Type::Tuple.accepts(t), "{t:?}");
        }
        for t in tuples {
            assert!(Type::Tuple.accepts(t), "{t:?}");
            assert!(!Type::FrozenSet.accepts(t), "{t:?}");
        }
        for t in [
            Type::Integer,
            Type::Boolean,
            Type::Numerical,
            Type::Callable,
            Type::Any,
        ] {
            assert!(!Type::Container.accepts(t), "{t:?}");
        }
        // A piece may be a grid, a tuple: not a frozenset.
        assert!(!Type::FrozenSet.accepts(Type::Piece));
    }

    #[test]
    fn a_container_of_containers_is_a_grid_a_patch_or_a_set_of_objects() {
        for t in [
            Type::Grid,
            Type::TupleTuple,
            Type::Objects,
            Type::Patch,
            Type::Samples,
        ] {
            assert!(Type::ContainerContainer.accepts(t), "{t:?}");
        }
        for t in [
            Type::IntegerSet,
            Type::IntegerTuple,
            Type::Tuple,
            Type::Container,
        ] {
            assert!(!Type::ContainerContainer.accepts(t), "{t:?}");
        }
    }

    #[test]
    fn numbers_accept_booleans_and_integer_codes_but_booleans_only_booleans() {
        assert!(Type::Numerical.accepts(Type::Integer));
        assert!(Type::Numerical.accepts(Type::IntegerTuple));
        assert!(Type::Numerical.accepts(Type::Boolean));
        assert!(!Type::Integer.accepts(Type::IntegerTuple));
        assert!(!Type::Integer.accepts(Type::Numerical));
        for code in [
            Type::Colour,
            Type::MirrorRotationCode,
            Type::Rank,
            Type::SymbolCode,
        ] {
            assert!(Type::Integer.accepts(code), "{code:?}");
            // The dialect's codes are all `int`: aliases of each other.
            assert!(code.accepts(Type::Integer), "{code:?}");
            assert!(code.accepts(Type::Boolean), "{code:?}");
        }
        assert!(Type::Integer.accepts(Type::Boolean));
        assert!(!Type::Boolean.accepts(Type::Integer));
        assert!(
            Type::IjPair.accepts(Type::IntegerTuple) && Type::IntegerTuple.accepts(Type::IjPair)
        );
    }

    #[test]
    fn any_accepts_everything_and_only_any_accepts_any() {
        for &t in EVERY_TYPE {
            assert!(Type::Any.accepts(t), "{t:?}");
            assert_eq!(t.accepts(Type::Any), t == Type::Any, "{t:?}");
        }
    }

    #[test]
    fn acceptance_is_reflexive_and_transitive() {
        for &a in EVERY_TYPE {
            assert!(a.accepts(a), "{a:?}");
            for &b in EVERY_TYPE.iter().filter(|&&b| a.accepts(b)) {
                for &c in EVERY_TYPE.iter().filter(|&&c| b.accepts(c)) {
                    assert!(a.accepts(c), "{a:?} accepts {b:?} accepts {c:?}");
                }
            }
        }
    }

    #[test]
    fn callables_accept_only_callables() {
        for &t in EVERY_TYPE {
            assert_eq!(Type::Callable.accepts(t), t == Type::Callable, "{t:?}");
        }
    }

    #[test]
    fn higher_order_primitives_call_with_one_argument_unless_they_say_otherwise() {
        let arity = |name: &str, k: usize| primitive(name).unwrap().calls(k);
        assert_eq!(arity("apply", 0), Some(Calls::With(1)));
        assert_eq!(arity("argmax", 1), Some(Calls::With(1)));
        assert_eq!(arity("papply", 0), Some(Calls::With(2)));
        assert_eq!(arity("fork", 0), Some(Calls::With(2)));
        assert_eq!(arity("fork", 1), Some(Calls::With(1)));
        assert_eq!(arity("rbind", 0), Some(Calls::Binds));
        // Not a function parameter.
        assert_eq!(arity("apply", 1), None);
        assert_eq!(arity("rbind", 1), None);
    }

    #[test]
    fn binders_return_a_function_of_one_argument_fewer_and_the_others_of_one() {
        let returned = |name: &str, bound| primitive(name).unwrap().returned_arity(bound);
        assert_eq!(returned("rbind", 3), Some(2));
        assert_eq!(returned("lbind", 2), Some(1));
        assert_eq!(returned("compose", 3), Some(1));
        assert_eq!(returned("fork", 2), Some(1));
        assert_eq!(returned("rot90", 1), None);
    }

    #[test]
    fn every_function_use_names_a_callable_parameter() {
        for &(name, param, _) in FUNCTION_USES {
            let p = primitive(name).unwrap_or_else(|| panic!("{name}"));
            let k = p.params.iter().position(|q| *q == param).unwrap();
            assert_eq!(p.param_types[k], Type::Callable, "{name}({param})");
        }
    }

    #[test]
    fn constants_are_booleans_integers_or_pairs() {
        assert_eq!(constant("T").unwrap().ty(), Type::Boolean);
        assert_eq!(constant("TEN").unwrap().ty(), Type::Integer);
        assert_eq!(constant("UP_RIGHT").unwrap().ty(), Type::IntegerTuple);
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
            (Type::Rank, SafeDefault::Zero),
            (Type::ContainerContainer, SafeDefault::EmptyTuple),
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

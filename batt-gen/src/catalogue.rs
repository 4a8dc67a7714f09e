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
            "Integer" | "Numerical" => SafeDefault::Zero,
            "Boolean" => SafeDefault::False,
            "FrozenSet" | "Indices" | "IndicesSet" | "Object" | "Objects" | "Patch" | "IntegerSet" => {
                SafeDefault::EmptySet
            }
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

/// Every primitive of the reference DSL, in its file order.
pub const PRIMITIVES: &[PrimSig] = &[];

/// Every named constant.
pub const CONSTANTS: &[(&str, ConstValue)] = &[];

/// The primitive named `name`.
pub fn primitive(name: &str) -> Option<&'static PrimSig> {
    PRIMITIVES.iter().find(|p| p.name == name)
}

/// The constant named `name`.
pub fn constant(name: &str) -> Option<ConstValue> {
    CONSTANTS.iter().find(|(n, _)| *n == name).map(|&(_, v)| v)
}

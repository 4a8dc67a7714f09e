//! The named constants of the DSL, as values. The names and values are the
//! catalogue's (`batt_gen::catalogue::CONSTANTS`, and the dialect's in
//! `batt_gen::dialect::CONSTANTS`), shared with the checker.

use batt_gen::catalogue::{self, ConstValue};

use super::value::Value;

/// A catalogue constant as a value.
pub fn value_of(c: ConstValue) -> Value {
    match c {
        ConstValue::Bool(b) => Value::Bool(b),
        ConstValue::Int(n) => Value::Int(n),
        ConstValue::Pair(a, b) => Value::Pair(a, b),
    }
}

/// The constant named `name`.
pub fn constant(name: &str) -> Option<Value> {
    catalogue::constant(name).map(value_of)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_have_the_reference_values() {
        assert_eq!(catalogue::CONSTANTS.len(), 28);
        assert_eq!(constant("T"), Some(Value::Bool(true)));
        assert_eq!(constant("NEG_TWO"), Some(Value::Int(-2)));
        assert_eq!(constant("UP_RIGHT"), Some(Value::Pair(-1, 1)));
        assert_eq!(constant("THREE_BY_THREE"), Some(Value::Pair(3, 3)));
        assert_eq!(constant("ELEVEN"), None);
    }

    #[test]
    fn the_dialects_constants_are_values_too() {
        assert_eq!(constant("F0"), Some(Value::Int(0)));
        assert_eq!(constant("L10"), Some(Value::Int(-10)));
        assert_eq!(constant("R7"), Some(Value::Int(7)));
        assert_eq!(constant("A6"), Some(Value::Int(6)));
        assert_eq!(constant("CYAN"), Some(Value::Int(8)));
        assert_eq!(constant("NEG_SEVEN"), Some(Value::Int(-7)));
        assert_eq!(constant("HUNDRED"), Some(Value::Int(100)));
    }
}

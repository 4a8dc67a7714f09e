//! The named constants of the DSL, as values. The names and values are the
//! catalogue's (`batt_gen::catalogue::CONSTANTS`), shared with the checker.

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
}

//! The named constants of the DSL.

use super::value::Value;

/// Every constant, by name, with its value.
pub const CONSTANTS: &[(&str, Value)] = &[
    ("F", Value::Bool(false)),
    ("T", Value::Bool(true)),
    ("ZERO", Value::Int(0)),
    ("ONE", Value::Int(1)),
    ("TWO", Value::Int(2)),
    ("THREE", Value::Int(3)),
    ("FOUR", Value::Int(4)),
    ("FIVE", Value::Int(5)),
    ("SIX", Value::Int(6)),
    ("SEVEN", Value::Int(7)),
    ("EIGHT", Value::Int(8)),
    ("NINE", Value::Int(9)),
    ("TEN", Value::Int(10)),
    ("NEG_ONE", Value::Int(-1)),
    ("NEG_TWO", Value::Int(-2)),
    ("DOWN", Value::Pair(1, 0)),
    ("RIGHT", Value::Pair(0, 1)),
    ("UP", Value::Pair(-1, 0)),
    ("LEFT", Value::Pair(0, -1)),
    ("ORIGIN", Value::Pair(0, 0)),
    ("UNITY", Value::Pair(1, 1)),
    ("NEG_UNITY", Value::Pair(-1, -1)),
    ("UP_RIGHT", Value::Pair(-1, 1)),
    ("DOWN_LEFT", Value::Pair(1, -1)),
    ("ZERO_BY_TWO", Value::Pair(0, 2)),
    ("TWO_BY_ZERO", Value::Pair(2, 0)),
    ("TWO_BY_TWO", Value::Pair(2, 2)),
    ("THREE_BY_THREE", Value::Pair(3, 3)),
];

/// The constant named `name`.
pub fn constant(name: &str) -> Option<Value> {
    CONSTANTS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_have_the_reference_values() {
        assert_eq!(CONSTANTS.len(), 28);
        assert_eq!(constant("T"), Some(Value::Bool(true)));
        assert_eq!(constant("NEG_TWO"), Some(Value::Int(-2)));
        assert_eq!(constant("UP_RIGHT"), Some(Value::Pair(-1, 1)));
        assert_eq!(constant("THREE_BY_THREE"), Some(Value::Pair(3, 3)));
        assert_eq!(constant("ELEVEN"), None);
    }
}

//! batt's primitives against values computed by the reference DSL.
//!
//! `tests/fixtures/reference/dsl_calls.json` holds calls and the values the
//! current reference `dsl.py` (michaelhodel/arc-dsl, the commit named in the
//! file) gives for them, written by `tests/tools/reference_calls.py` (its
//! doc says how to rerun it). The calls cover the primitives whose
//! semantics changed after the first published reference (empty patches,
//! `difference`) and the steps batt once failed where the reference
//! completes. Each call is evaluated here with batt: a value must equal the
//! reference's (Python's `==`), a reference exception must be an error, and
//! a call marked as one of batt's documented differences must not give the
//! reference's value. Every argument is tried twice: with grids as compact
//! grids and as generic tuples of tuples, which batt's duck typing must
//! treat alike.

#![allow(clippy::unwrap_used)] // Test helpers may unwrap.

use std::path::Path;

use batt_runtime::dsl::{Ctx, Prim, Value, call};
use batt_runtime::grid::Grid;
use serde_json::Value as Json;

/// How a decoded tuple of equal-length rows of colours is represented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Grids {
    /// As a compact grid, as the samples and grid primitives give them.
    Compact,
    /// As a generic tuple of tuples, as `apply` over rows gives them.
    Tuples,
}

fn prim(name: &str) -> Value {
    Prim::from_name(name)
        .unwrap_or_else(|| panic!("no primitive {name}"))
        .value()
}

/// A fixture value as a batt value; `Err` when an argument's call fails.
fn decode(v: &Json, grids: Grids) -> Result<Value, String> {
    Ok(match v {
        Json::Null => Value::None,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => Value::Int(n.as_i64().unwrap()),
        Json::Object(o) if o.contains_key("tuple") => {
            let items = list(&o["tuple"], grids)?;
            match grids {
                Grids::Compact => as_grid(&items).unwrap_or_else(|| Value::tuple(items)),
                Grids::Tuples => Value::tuple(items),
            }
        }
        Json::Object(o) if o.contains_key("set") => Value::set(list(&o["set"], grids)?),
        Json::Object(o) if o.contains_key("call") => {
            let f = prim(o["call"].as_str().unwrap());
            let args = list(&o["args"], grids)?;
            call(&mut Ctx::default(), &f, &args).map_err(|e| e.to_string())?
        }
        Json::Object(o) if o.contains_key("prim") => prim(o["prim"].as_str().unwrap()),
        _ => panic!("not a fixture value: {v}"),
    })
}

fn list(v: &Json, grids: Grids) -> Result<Vec<Value>, String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| decode(x, grids))
        .collect()
}

/// A tuple of equal-length, non-empty rows of colours as a compact grid.
fn as_grid(items: &[Value]) -> Option<Value> {
    let rows: Vec<Vec<i8>> = items
        .iter()
        .map(|row| {
            let cells = match row {
                Value::Pair(a, b) => vec![*a, *b],
                Value::Tuple(xs) if !xs.is_empty() => xs
                    .iter()
                    .map(|x| match x {
                        Value::Int(n) => Some(*n),
                        _ => None,
                    })
                    .collect::<Option<Vec<_>>>()?,
                _ => return None,
            };
            cells.into_iter().map(|c| i8::try_from(c).ok()).collect()
        })
        .collect::<Option<_>>()?;
    Grid::from_rows(&rows).ok().map(Value::grid)
}

#[test]
fn batt_gives_the_reference_values_of_the_fixture_calls() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/reference/dsl_calls.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let fixture: Json = serde_json::from_str(&text).unwrap();
    let calls = fixture["calls"].as_array().unwrap();
    assert!(calls.len() > 500, "{} calls", calls.len());
    let mut wrong = Vec::new();
    for (k, row) in calls.iter().enumerate() {
        let name = row["prim"].as_str().unwrap();
        let f = prim(name);
        let differs = row.get("differs").and_then(Json::as_str);
        for grids in [Grids::Compact, Grids::Tuples] {
            let args = list(&row["args"], grids).unwrap_or_else(|e| panic!("call {k}: {e}"));
            let got = call(&mut Ctx::default(), &f, &args);
            let expect = &row["expect"];
            let agrees = match (expect.get("error"), &got) {
                (Some(_), got) => got.is_err(),
                (None, Ok(v)) => v.py_eq(&decode(expect, grids).unwrap()),
                (None, Err(_)) => false,
            };
            if agrees == differs.is_some() {
                let args: Vec<String> = args.iter().map(|a| format!("{a:?}")).collect();
                wrong.push(format!(
                    "call {k} ({grids:?}): {name}({}) gave {got:?}, the reference {expect}{}",
                    args.join(", "),
                    differs.map_or(String::new(), |d| format!(
                        " (a documented difference: {d})"
                    )),
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} calls:\n{}",
        wrong.len(),
        calls.len(),
        wrong.join("\n")
    );
}

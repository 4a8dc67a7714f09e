// A card inline in Rust compiles and runs like a generated one.
mod mirror {
    batt_macros::card! {
        def solve_67a3c6ac(I):
            x1 = vmirror(I)
            return x1
        def solve_same(I):
            x1 = vmirror(I)
            O = identity(x1)
            return O
    }
}

use batt_runtime::batt::Sample;
use batt_runtime::card::Card;
use batt_runtime::dsl::{Ctx, Value};
use batt_runtime::grid::Grid;

fn main() {
    let grid = Value::grid(Grid::from_rows(&[[1i8, 2, 3]]).unwrap());
    let sample = Sample { s: Value::empty_tuple(), i: grid, c: None };
    let out = mirror::CARD.batt(&sample, &mut Ctx::default());
    assert_eq!(mirror::CARD.programs().len(), 2);
    assert_eq!(mirror::CARD.steps(), 2);
    let plan = mirror::CARD.step_plan().expect("the card carries its files");
    assert_eq!(plan.device_programs(), [0, 1]);
    assert_eq!(out.o[0].1.to_string(), "((3, 2, 1),)");
    assert_eq!(out.o[1].1, out.o[0].1);
}

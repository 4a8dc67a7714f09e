mod card {
    batt_macros::card! {
        def solve_x(I):
            x1 = vmirror(I)
    }
}

fn main() {}

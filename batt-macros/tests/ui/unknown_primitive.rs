mod card {
    batt_macros::card! {
        def solve_x(I):
            O = vmirrorr(I)
            return O
    }
}

fn main() {}

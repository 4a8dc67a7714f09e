mod card {
    batt_macros::card! {
        def solve_x(I):
            x1 = objects(I, T, F)
            O = hconcat(I)
            return O
    }
}

fn main() {}

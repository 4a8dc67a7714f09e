mod card {
    batt_macros::card! {
        def solve_x(S, I, C):
            x1 = hconcat(I, C)
            return x1
    }
}

fn main() {}

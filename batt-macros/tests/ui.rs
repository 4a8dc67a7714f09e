//! The `card!` macro as users meet it: a card that compiles and runs, and
//! cards with errors, whose messages point at the offending tokens.

#[test]
fn cards_inline_in_rust() {
    let t = trybuild::TestCases::new();
    t.pass("tests/pass/*.rs");
    t.compile_fail("tests/ui/*.rs");
}

//! Procedural macros of batt: cards written inline in Rust source.
//!
//! ```ignore
//! mod my_card {
//!     batt_macros::card! {
//!         def solve_67a3c6ac(I):
//!             O = vmirror(I)
//!             return O
//!     }
//! }
//! ```
//!
//! expands to the same items `cargo xtask gen` writes for the same text
//! (`PROGRAMS`, `DIFFERS`, `batt(sample, ctx)`, ...), calling the DSL of
//! `batt_runtime`. Errors in the card point at its tokens. The expansion
//! itself is [`batt_gen::macros::expand_card`], tested as a normal function.

use proc_macro::TokenStream;

/// A card inline: the items of its generated module.
#[proc_macro]
pub fn card(input: TokenStream) -> TokenStream {
    match batt_gen::macros::expand_card(input.into()) {
        Ok(tokens) => tokens.into(),
        Err(error) => error.to_compile_error().into(),
    }
}

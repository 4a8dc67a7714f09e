//! Procedural macros of batt: thin entry points over `batt-gen` for cards
//! written inline in Rust source. Each macro converts its tokens, calls one
//! function of `batt-gen`, and turns an error into `compile_error!`.

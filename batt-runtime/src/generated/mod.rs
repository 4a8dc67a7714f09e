//! The project's card library, compiled in: `card.rs` is generated from
//! `cards/` by `cargo xtask gen` and checked in (a test fails when it is
//! stale). This is the one module that
//! names them; everything else takes the library as a `&dyn Card` from
//! [`library`].

use crate::card::Card;

#[rustfmt::skip]
#[allow(clippy::all, clippy::pedantic, unreachable_pub)]
mod card;

/// The project's card library (`cards/`), compiled into this binary.
pub fn library() -> &'static dyn Card {
    &card::CARD
}

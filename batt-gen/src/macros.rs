//! What the `card!` macro does, as a normal function (batt-macros only
//! converts tokens and calls [`expand_card`]).
//!
//! The macro's input is card text written as Rust tokens. Rust's tokenizer
//! keeps no whitespace, so the text is rebuilt from the tokens, one space
//! between them, while remembering which byte range each token became; the
//! card parser needs no newlines. Diagnostics are mapped back from byte
//! ranges to the tokens' spans, so errors point at the user's tokens.
//! `#` comments cannot be written inside the macro (Rust would read them as
//! tokens); docstrings can.

use std::ops::Range;

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use quote::quote;

use crate::emit_rust::emit_tokens;

/// The card's text rebuilt from tokens, and the span of every byte range.
struct Rebuilt {
    text: String,
    spans: Vec<(Range<usize>, Span)>,
}

impl Rebuilt {
    /// The text of `input`, one space between its tokens.
    fn of(input: TokenStream) -> Rebuilt {
        let mut rebuilt = Rebuilt {
            text: String::new(),
            spans: Vec::new(),
        };
        rebuilt.tokens(input);
        rebuilt
    }

    fn push(&mut self, piece: &str, span: Span) {
        let start = self.text.len();
        self.text.push_str(piece);
        self.spans.push((start..self.text.len(), span));
        self.text.push(' ');
    }

    fn tokens(&mut self, tokens: TokenStream) {
        for tree in tokens {
            match tree {
                TokenTree::Group(group) => {
                    let (open, close) = match group.delimiter() {
                        Delimiter::Parenthesis => ("(", ")"),
                        Delimiter::Bracket => ("[", "]"),
                        Delimiter::Brace => ("{", "}"),
                        Delimiter::None => ("", ""),
                    };
                    self.push(open, group.span_open());
                    self.tokens(group.stream());
                    self.push(close, group.span_close());
                }
                TokenTree::Ident(ident) => self.push(&ident.to_string(), ident.span()),
                TokenTree::Punct(punct) => self.push(&punct.as_char().to_string(), punct.span()),
                TokenTree::Literal(lit) => self.push(&lit.to_string(), lit.span()),
            }
        }
    }

    /// The span of the token at or before byte `at`.
    fn span_at(&self, at: usize) -> Span {
        self.spans
            .iter()
            .rev()
            .find(|(range, _)| range.start <= at)
            .map_or_else(Span::call_site, |(_, span)| *span)
    }
}

/// Expands `card! { ... }`: the items of the card's module (its `CARD`
/// carries the card's text), or the card's errors at the tokens
/// they are about.
pub fn expand_card(input: TokenStream) -> Result<TokenStream, syn::Error> {
    let rebuilt = Rebuilt::of(input);
    let source = crate::Source {
        name: "card!",
        text: &rebuilt.text,
    };
    let card = crate::compile(&[source]).map_err(|diagnostics| {
        diagnostics
            .list()
            .iter()
            .map(|d| {
                let label = d.labels.first();
                let at = label.map_or(0, |l| l.range.start);
                let mut message = d.message.clone();
                if let Some(l) = label.filter(|l| !l.message.is_empty()) {
                    message.push_str(": ");
                    message.push_str(&l.message);
                }
                for note in &d.notes {
                    message.push_str("\n= ");
                    message.push_str(note);
                }
                syn::Error::new(rebuilt.span_at(at), message)
            })
            .reduce(|mut all, e| {
                all.combine(e);
                all
            })
            .unwrap_or_else(|| syn::Error::new(Span::call_site(), "the card has errors"))
    })?;
    emit_tokens(&card, &quote!(::batt_runtime), &[source])
        .map_err(|e| syn::Error::new(Span::call_site(), e))
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    const CARD: &str = "def solve_a(I):\n    x1 = rot90(I)\n    O = hmirror(x1)\n    return O\n\
                        def differ_d(S, I, C):\n    O = equality(I, C)\n    return O\n";

    #[test]
    fn the_macro_expands_to_what_the_generator_emits_for_the_same_text() {
        let tokens = TokenStream::from_str(CARD).unwrap();
        let expanded = expand_card(tokens).unwrap();
        let rebuilt = Rebuilt::of(TokenStream::from_str(CARD).unwrap());
        let source = crate::Source {
            name: "card!",
            text: &rebuilt.text,
        };
        let card = crate::compile(&[source]).unwrap();
        let emitted = emit_tokens(&card, &quote!(::batt_runtime), &[source]).unwrap();
        assert_eq!(expanded.to_string(), emitted.to_string());
    }

    #[test]
    fn errors_are_reported_at_the_offending_token() {
        let tokens =
            TokenStream::from_str("def solve_a(I):\n    O = rot99(I)\n    return O\n").unwrap();
        let error = expand_card(tokens).unwrap_err();
        let message = error.to_string();
        assert!(message.contains("`rot99`"), "{message}");
        assert!(message.contains("rot90"), "a suggestion: {message}");
    }
}

//! Property tests: parsing, checking and rendering never panic, whatever
//! the text.

use batt_gen::ast::CardFile;
use batt_gen::{check, syntax};
use codespan_reporting::files::SimpleFiles;
use proptest::prelude::*;

/// A valid card that the mutations start from.
const CARD: &str = r#""""A card."""
from dsl import *

def solve_d037b0a7(I: Grid) -> Grid:
    '''Shoot every cell downwards.'''
    x1 = objects(grid=I, univalued=T, diagonal=F, without_bg=T)
    x2 = rbind(shoot, DOWN)  # a callable
    x3 = compose(x2, center)
    x4 = fork(recolor, color, x3)
    x5 = mapply(x4, x1)
    O = paint(I, x5)
    return O

def differ_pixels(S, I, C):
    x1 = cellwise(I, C, -1)
    O = size(ofcolor(x1, NEG_ONE),)
    return O
"#;

/// Pieces of card text that mutations insert.
const PIECES: &[&str] = &[
    "(",
    ")",
    ",",
    "=",
    ":",
    "-",
    "->",
    "def ",
    "return ",
    "\n",
    " ",
    "#",
    "\"",
    "'",
    "\"\"\"",
    "I",
    "C",
    "x1",
    "fill",
    "T",
    "solve_x",
    "é",
    "\\",
    "[",
    "]",
    "9999999999999999999999",
];

/// Parses, checks and renders `text`; the function under test.
fn run(text: &str) {
    let mut files = SimpleFiles::new();
    let id = files.add("card.py".to_string(), text.to_string());
    let (file, mut diags) = syntax::parse(id, text);
    let parsed: [(usize, &CardFile); 2] = [(id, &file), (id, &file)];
    diags.extend(check::check(&parsed));
    for diag in &diags {
        for label in &diag.labels {
            assert!(label.range.start <= label.range.end && label.range.end <= text.len());
            assert!(text.is_char_boundary(label.range.start));
            assert!(text.is_char_boundary(label.range.end));
        }
    }
    let _ = check::render(&files, &diags);
}

/// One edit of a text: at a relative position, delete some characters and
/// insert a piece.
#[derive(Debug, Clone)]
struct Edit {
    at: f64,
    delete: usize,
    insert: Option<usize>,
}

fn edit() -> impl Strategy<Value = Edit> {
    (
        0.0..1.0f64,
        0..4usize,
        proptest::option::of(0..PIECES.len()),
    )
        .prop_map(|(at, delete, insert)| Edit { at, delete, insert })
}

/// `text` with `edits` applied, on character boundaries.
fn mutate(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for e in edits {
        let at = ((chars.len() as f64) * e.at) as usize;
        let at = at.min(chars.len());
        let end = (at + e.delete).min(chars.len());
        let piece: Vec<char> = e.insert.map_or(vec![], |i| PIECES[i].chars().collect());
        chars.splice(at..end, piece);
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        run(&text);
    }

    #[test]
    fn card_like_tokens_never_panic(pieces in proptest::collection::vec(0..PIECES.len(), 0..60)) {
        let text: String = pieces.into_iter().map(|i| PIECES[i]).collect();
        run(&text);
    }

    #[test]
    fn mutated_cards_never_panic(edits in proptest::collection::vec(edit(), 1..8)) {
        run(&mutate(CARD, &edits));
    }
}

#[test]
fn the_unmutated_card_is_valid() {
    let (file, diags) = syntax::parse(0, CARD);
    assert!(diags.is_empty(), "{diags:?}");
    assert!(check::check(&[(0, &file)]).is_empty());
}

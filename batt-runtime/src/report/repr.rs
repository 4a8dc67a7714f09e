//! What a lane's value looks like in the report: the value's Python repr
//! (a line of `outputs.jsonl`) read back as a grid when it is one, as
//! clipped text otherwise.
//!
//! A grid is a tuple of tuples of integers (`((0, 1), (2, 3))`, a row of
//! one cell written `(5,)`), as the ARC DSL and [`crate::dsl::Value`]'s
//! `Display` write it. It is drawn when an ARC task could hold it: 1 to
//! [`MAX_SIDE`] cells a side, colours 0 to [`MAX_COLOUR`] (what the palette
//! has a colour for). Reading stops at the first character that cannot
//! belong to such a grid, so a value of any size costs at most a few
//! thousand characters to classify.

use crate::grid::{Grid, MAX_COLOUR, MAX_SIDE};

/// At most this many characters of a value that is not drawn are kept.
pub const MAX_TEXT: usize = 400;

/// A lane's value as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    /// A grid the palette can draw.
    Grid(Grid),
    /// Any other value: its repr, clipped to [`MAX_TEXT`] characters.
    Text(String),
    /// The lane failed (its value is `null` in `outputs.jsonl`).
    Failed,
}

impl Shown {
    /// How the value whose repr is `repr` is shown (`None`: the lane failed).
    pub fn of_repr(repr: Option<&str>) -> Shown {
        match repr {
            None => Shown::Failed,
            Some(text) => match drawable_grid(text) {
                Some(grid) => Shown::Grid(grid),
                None => Shown::Text(clip(text)),
            },
        }
    }
}

/// `text`, clipped to [`MAX_TEXT`] characters with a note of its length.
pub fn clip(text: &str) -> String {
    match text.char_indices().nth(MAX_TEXT) {
        None => text.to_owned(),
        Some((end, _)) => format!(
            "{}… ({} characters in all)",
            &text[..end],
            text.chars().count()
        ),
    }
}

/// The grid `text` is the repr of, when it is one the palette can draw.
pub fn drawable_grid(text: &str) -> Option<Grid> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        at: 0,
    };
    let mut rows: Vec<Vec<i8>> = Vec::new();
    reader.expect(b'(')?;
    loop {
        if reader.eat(b')') {
            break;
        }
        if rows.len() == MAX_SIDE {
            return None;
        }
        rows.push(reader.row()?);
        if !reader.eat(b',') {
            reader.expect(b')')?;
            break;
        }
    }
    reader.skip_spaces();
    if reader.at != reader.bytes.len() {
        return None;
    }
    let width = rows.first()?.len();
    if width == 0 || rows.iter().any(|r| r.len() != width) {
        return None;
    }
    Grid::from_rows(&rows).ok()
}

/// A cursor over the repr.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn skip_spaces(&mut self) {
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_whitespace) {
            self.at += 1;
        }
    }

    /// Consumes `byte` (after spaces) when it comes next.
    fn eat(&mut self, byte: u8) -> bool {
        self.skip_spaces();
        let found = self.bytes.get(self.at) == Some(&byte);
        if found {
            self.at += 1;
        }
        found
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.eat(byte).then_some(())
    }

    /// One row: `(c, c, ...)` of colours the palette has.
    fn row(&mut self) -> Option<Vec<i8>> {
        self.expect(b'(')?;
        let mut row = Vec::new();
        loop {
            if self.eat(b')') {
                return Some(row);
            }
            if row.len() == MAX_SIDE {
                return None;
            }
            row.push(self.colour()?);
            if !self.eat(b',') {
                self.expect(b')')?;
                return Some(row);
            }
        }
    }

    /// A colour: one digit from 0 to [`MAX_COLOUR`], not followed by
    /// another digit.
    fn colour(&mut self) -> Option<i8> {
        self.skip_spaces();
        let digit = *self.bytes.get(self.at)?;
        if !digit.is_ascii_digit() || self.bytes.get(self.at + 1).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        let colour = i8::try_from(digit - b'0').ok()?;
        self.at += 1;
        (colour <= MAX_COLOUR).then_some(colour)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dsl::Value;

    fn g(rows: &[&[i8]]) -> Grid {
        Grid::from_rows(rows).unwrap()
    }

    #[test]
    fn a_grid_reads_back_from_the_repr_the_dsl_writes() {
        for grid in [
            g(&[&[0, 1], &[2, 3]]),
            g(&[&[5]]),
            g(&[&[9, 8, 7]]),
            g(&[&[1], &[2], &[3]]),
            Grid::filled(30, 30, 4).unwrap(),
        ] {
            let repr = Value::grid(grid.clone()).to_string();
            assert_eq!(drawable_grid(&repr), Some(grid), "{repr}");
        }
        assert_eq!(drawable_grid("((5,),)"), Some(g(&[&[5]])));
        assert_eq!(
            drawable_grid(" ( (1 ,2) , (3,4) , ) "),
            Some(g(&[&[1, 2], &[3, 4]]))
        );
    }

    #[test]
    fn values_that_are_not_drawable_grids_are_text() {
        for text in [
            "()",
            "((),)",
            "((1, 2), (3,))",
            "((1, 10),)",
            "((-1, 0),)",
            "frozenset({(1, 2)})",
            "(1, 2)",
            "((1, 2), 3)",
            "((1, 2)) extra",
            "True",
            "((1, 2)",
        ] {
            assert_eq!(drawable_grid(text), None, "{text}");
            assert_eq!(Shown::of_repr(Some(text)), Shown::Text(text.to_owned()));
        }
        let wide = Value::grid(Grid::filled(1, 31, 0).unwrap()).to_string();
        let tall = Value::grid(Grid::filled(31, 1, 0).unwrap()).to_string();
        assert_eq!(drawable_grid(&wide), None);
        assert_eq!(drawable_grid(&tall), None);
        assert_eq!(Shown::of_repr(None), Shown::Failed);
    }

    #[test]
    fn long_text_is_clipped_with_its_length() {
        let long = "é".repeat(MAX_TEXT + 5);
        let shown = clip(&long);
        assert!(shown.starts_with(&"é".repeat(MAX_TEXT)));
        assert!(shown.ends_with(&format!("… ({} characters in all)", MAX_TEXT + 5)));
        assert_eq!(clip("short"), "short");
    }
}

//! SHA-256 fingerprints: whether two runs worked on the same tasks and the
//! same card, however and wherever those were loaded or made.
//!
//! A fingerprint is the lowercase hex SHA-256 of an unambiguous encoding of
//! a value: it starts with a domain name (`batt.dataset/1`, `batt.card/1`),
//! and every string, list and grid is preceded by its length, so that two
//! different values never encode to the same bytes. The encoding of a kind
//! of value changes only together with its domain name.

use sha2::{Digest, Sha256};

use crate::dataset::{Dataset, Pair};
use crate::grid::Grid;

/// An unambiguous encoding being hashed.
#[derive(Debug, Clone)]
pub struct Fingerprint(Sha256);

impl Fingerprint {
    /// A fingerprint of values of the kind named `domain`.
    pub fn new(domain: &str) -> Fingerprint {
        let mut f = Fingerprint(Sha256::new());
        f.str(domain);
        f
    }

    /// Adds a number.
    pub fn count(&mut self, n: usize) -> &mut Fingerprint {
        self.0.update((n as u64).to_le_bytes());
        self
    }

    /// Adds a string (its length, then its bytes).
    pub fn str(&mut self, s: &str) -> &mut Fingerprint {
        self.count(s.len());
        self.0.update(s.as_bytes());
        self
    }

    /// Adds a grid (its shape, then its cells row by row).
    pub fn grid(&mut self, g: &Grid) -> &mut Fingerprint {
        self.count(g.height()).count(g.width());
        self.0
            .update(g.cells().iter().map(|&c| c as u8).collect::<Vec<u8>>());
        self
    }

    /// The fingerprint: the SHA-256 of what was added, in lowercase hex.
    pub fn finish(self) -> String {
        hex(&self.0.finalize())
    }
}

/// The lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The fingerprint of a dataset's loaded tasks, in dataset order: each
/// task's id, split, and demonstration and test pairs (input grid, and the
/// output grid when known). Where the tasks came from (path, file format)
/// and the tasks skipped do not count, so the same tasks give the same
/// fingerprint from any path and in any format.
pub fn dataset(ds: &Dataset) -> String {
    let mut f = Fingerprint::new("batt.dataset/1");
    f.count(ds.tasks.len());
    for task in &ds.tasks {
        f.str(&task.id).str(task.split.name());
        pairs(&mut f, &task.train);
        pairs(&mut f, &task.test);
    }
    f.finish()
}

/// Adds a task's pairs: their number, then each input and known output.
fn pairs(f: &mut Fingerprint, pairs: &[Pair]) {
    f.count(pairs.len());
    for pair in pairs {
        f.grid(&pair.input);
        match &pair.output {
            Some(output) => f.count(1).grid(output),
            None => f.count(0),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sha256_of_nothing_is_the_known_one() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn strings_are_length_prefixed_so_their_boundaries_count() {
        let of = |parts: &[&str]| {
            let mut f = Fingerprint::new("test");
            for p in parts {
                f.str(p);
            }
            f.finish()
        };
        assert_ne!(of(&["ab", "c"]), of(&["a", "bc"]));
        assert_eq!(of(&["ab", "c"]), of(&["ab", "c"]));
        assert_eq!(of(&["ab"]).len(), 64);
    }

    #[test]
    fn grids_of_the_same_cells_in_other_shapes_differ() {
        let of = |g: Grid| Fingerprint::new("test").grid(&g).clone().finish();
        let wide = Grid::new(1, 2, vec![1, 2]).unwrap();
        let tall = Grid::new(2, 1, vec![1, 2]).unwrap();
        assert_ne!(of(wide.clone()), of(tall));
        assert_eq!(of(wide.clone()), of(wide));
    }
}

//! The grid: a rectangle of colour cells, stored compactly.
//!
//! A [`Grid`] keeps its shape and its cells row-major in one shared,
//! immutable byte buffer, so cloning a grid (which DSL programs do all the
//! time) is a reference-count increment. Grids read from task files have
//! sides of 1 to 30 cells and colours 0 to 9; a grid computed by a program
//! may be empty or larger than 30x30, as in the reference DSL, and its cells
//! may hold any colour from -128 to 127 (solvers use -1 as a marker).

use std::fmt;
use std::sync::Arc;

/// The largest side of a grid in an ARC task.
pub const MAX_SIDE: usize = 30;

/// The largest colour of an ARC task.
pub const MAX_COLOUR: i8 = 9;

/// A rectangle of cells, row-major.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Grid {
    height: u16,
    width: u16,
    cells: Arc<[i8]>,
}

/// Why a grid could not be built from its parts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GridError {
    /// The number of cells is not height times width.
    #[error("{cells} cells do not make a {height}x{width} grid")]
    CellCount {
        /// Requested height.
        height: usize,
        /// Requested width.
        width: usize,
        /// Cells given.
        cells: usize,
    },
    /// A side does not fit the representation (65,535 cells).
    #[error("a side of {0} cells is too long")]
    TooLarge(usize),
    /// The rows have different lengths.
    #[error("row {row} has {len} cells, row 0 has {expected} (the grid is not rectangular)")]
    Ragged {
        /// The first row whose length differs.
        row: usize,
        /// Its length.
        len: usize,
        /// The length of row 0.
        expected: usize,
    },
}

impl Grid {
    /// A grid of `height` x `width` cells given row-major.
    pub fn new(height: usize, width: usize, cells: Vec<i8>) -> Result<Grid, GridError> {
        let side = |n: usize| u16::try_from(n).map_err(|_| GridError::TooLarge(n));
        let (h, w) = (side(height)?, side(width)?);
        if height.checked_mul(width) != Some(cells.len()) {
            return Err(GridError::CellCount {
                height,
                width,
                cells: cells.len(),
            });
        }
        Ok(Grid {
            height: h,
            width: w,
            cells: cells.into(),
        })
    }

    /// A grid from its rows, which must all have the same length.
    pub fn from_rows<R: AsRef<[i8]>>(rows: &[R]) -> Result<Grid, GridError> {
        let width = rows.first().map_or(0, |r| r.as_ref().len());
        let mut cells = Vec::with_capacity(width * rows.len());
        for (row, r) in rows.iter().enumerate() {
            let r = r.as_ref();
            if r.len() != width {
                return Err(GridError::Ragged {
                    row,
                    len: r.len(),
                    expected: width,
                });
            }
            cells.extend_from_slice(r);
        }
        Grid::new(rows.len(), width, cells)
    }

    /// A `height` x `width` grid with every cell `colour`.
    pub fn filled(height: usize, width: usize, colour: i8) -> Result<Grid, GridError> {
        let count = height
            .checked_mul(width)
            .ok_or(GridError::TooLarge(height.max(width)))?;
        Grid::new(height, width, vec![colour; count])
    }

    /// Number of rows.
    pub fn height(&self) -> usize {
        usize::from(self.height)
    }

    /// Number of columns.
    pub fn width(&self) -> usize {
        usize::from(self.width)
    }

    /// `(height, width)`.
    pub fn shape(&self) -> (usize, usize) {
        (self.height(), self.width())
    }

    /// Whether the grid has no cells.
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// All cells, row-major.
    pub fn cells(&self) -> &[i8] {
        &self.cells
    }

    /// The cell at row `i`, column `j`, if it is inside the grid.
    pub fn get(&self, i: usize, j: usize) -> Option<i8> {
        (i < self.height() && j < self.width()).then(|| self.cells[i * self.width() + j])
    }

    /// Row `i`, if there is one.
    pub fn row(&self, i: usize) -> Option<&[i8]> {
        (i < self.height()).then(|| &self.cells[i * self.width()..(i + 1) * self.width()])
    }

    /// The rows, top to bottom.
    pub fn rows(&self) -> impl ExactSizeIterator<Item = &[i8]> + '_ {
        (0..self.height()).map(|i| &self.cells[i * self.width()..(i + 1) * self.width()])
    }
}

impl fmt::Debug for Grid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Grid({}x{}", self.height, self.width)?;
        for row in self.rows() {
            f.write_str(" ")?;
            for &c in row {
                write!(f, "{c}")?;
            }
        }
        f.write_str(")")
    }
}

impl fmt::Display for Grid {
    /// One line per row, cells as digits separated by spaces.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, row) in self.rows().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            for (j, c) in row.iter().enumerate() {
                if j > 0 {
                    f.write_str(" ")?;
                }
                write!(f, "{c}")?;
            }
        }
        Ok(())
    }
}

impl serde::Serialize for Grid {
    /// A list of rows, each a list of colours: the ARC task format.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.height()))?;
        for row in self.rows() {
            seq.serialize_element(row)?;
        }
        seq.end()
    }
}

impl<'de> serde::Deserialize<'de> for Grid {
    /// A list of rows of one length, each a list of colours: the ARC task
    /// format, as [`Grid`] serialises.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let rows = Vec::<Vec<i8>>::deserialize(deserializer)?;
        Grid::from_rows(&rows).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(rows: &[&[i8]]) -> Grid {
        Grid::from_rows(rows).unwrap()
    }

    #[test]
    fn rows_and_cells_agree() {
        let grid = g(&[&[1, 2, 3], &[4, 5, 6]]);
        assert_eq!(grid.shape(), (2, 3));
        assert_eq!(grid.cells(), &[1, 2, 3, 4, 5, 6]);
        assert_eq!(grid.row(1), Some(&[4i8, 5, 6][..]));
        assert_eq!(grid.row(2), None);
        assert_eq!(grid.get(1, 2), Some(6));
        assert_eq!(grid.get(0, 3), None);
        assert_eq!(
            grid.rows().collect::<Vec<_>>(),
            vec![&[1i8, 2, 3][..], &[4, 5, 6]]
        );
    }

    #[test]
    fn ragged_rows_are_refused() {
        let err = Grid::from_rows(&[vec![1, 2], vec![3]]).unwrap_err();
        assert_eq!(
            err,
            GridError::Ragged {
                row: 1,
                len: 1,
                expected: 2
            }
        );
        assert!(Grid::new(2, 2, vec![0; 3]).is_err());
    }

    #[test]
    fn empty_grids_exist() {
        let empty = Grid::from_rows::<Vec<i8>>(&[]).unwrap();
        assert_eq!(empty.shape(), (0, 0));
        assert!(empty.is_empty());
        let no_columns = Grid::from_rows(&[Vec::<i8>::new(), Vec::new()]).unwrap();
        assert_eq!(no_columns.shape(), (2, 0));
        assert_ne!(empty, no_columns);
    }

    #[test]
    fn clones_share_cells() {
        let grid = Grid::filled(30, 30, 7).unwrap();
        let copy = grid.clone();
        assert!(std::ptr::eq(grid.cells(), copy.cells()));
        assert_eq!(grid, copy);
    }

    #[test]
    fn serializes_as_task_json() {
        let grid = g(&[&[0, 1], &[2, 3]]);
        assert_eq!(serde_json::to_string(&grid).unwrap(), "[[0,1],[2,3]]");
        assert_eq!(grid.to_string(), "0 1\n2 3");
        assert_eq!(format!("{grid:?}"), "Grid(2x2 01 23)");
    }

    #[test]
    fn deserializes_what_it_serializes_and_refuses_ragged_rows() {
        for grid in [
            g(&[&[0, 1], &[2, 3]]),
            g(&[&[-1, 9, 127]]),
            Grid::from_rows::<Vec<i8>>(&[]).unwrap(),
        ] {
            let text = serde_json::to_string(&grid).unwrap();
            assert_eq!(serde_json::from_str::<Grid>(&text).unwrap(), grid);
        }
        let err = serde_json::from_str::<Grid>("[[1,2],[3]]").unwrap_err();
        assert!(err.to_string().contains("not rectangular"), "{err}");
    }
}

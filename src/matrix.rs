//! `Matrix<R, C>`: a fixed-size matrix of `f64` (or `f32`) on the stack, its shape checked by the
//! compiler.
//!
//! ```
//! use stacknet::Matrix;
//!
//! // np.dot(X, Wh): (4 x 2) . (2 x 3) = (4 x 3)
//! let x = Matrix::from_rows([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]);
//! let wh = Matrix::from_rows([[0.5, -1.0, 2.0], [0.25, 1.0, -2.0]]);
//! let xwh: Matrix<4, 3> = x.dot(&wh);
//! assert_eq!(xwh[(3, 0)], 0.75);
//! assert_eq!(xwh.to_string(), "[[ 0.    0.    0.  ]\n [ 0.25  1.   -2.  ]\n [ 0.5  -1.    2.  ]\n [ 0.75  0.    0.  ]]");
//! ```
//!
//! The operations are the ones the article uses from numpy: `np.dot` is [`Matrix::dot`], `.T` is
//! [`Matrix::transpose`], and `+`, `-` and `*` work element by element, as numpy's do (`*` is
//! *not* the matrix product). Printing a matrix gives numpy's `print` format.
//!
//! Data known only at run time, read from a file say, comes in through
//! [`Matrix::from_fn`] or `Matrix::try_from` a slice, which says in a [`ShapeError`] when the
//! slice does not fill the matrix:
//!
//! ```
//! use stacknet::{Matrix, ShapeError};
//!
//! let read: Vec<[f64; 3]> = vec![[0.5, 2.0, 1.0], [1.5, 6.0, 0.0]]; // parsed from a file
//! let data = Matrix::<2, 3>::try_from(read.as_slice())?;
//! let inputs: Matrix<2, 2> = Matrix::from_fn(|row, column| data[(row, column)]);
//! let targets: Matrix<2, 1> = Matrix::from_fn(|row, _| data[(row, 2)]);
//! assert_eq!(inputs.rows()[1], [1.5, 6.0]);
//! assert_eq!(targets, Matrix::from_column([1.0, 0.0]));
//!
//! let too_few = Matrix::<3, 3>::try_from(read.as_slice()).unwrap_err();
//! assert_eq!(too_few.to_string(), "expected 3 rows for a 3 x 3 matrix, found 2");
//! # Ok::<(), ShapeError>(())
//! ```

use crate::Float;
use core::fmt;
use core::ops::{
    Add, AddAssign, Div, DivAssign, Index, IndexMut, Mul, MulAssign, Neg, Sub, SubAssign,
};

/// A matrix of `R` rows and `C` columns of `T`, stored row-major as `[[T; C]; R]`; `T` is `f64`
/// unless the type says `f32`, so `Matrix<4, 2>` holds doubles and `Matrix<4, 2, f32>` singles.
///
/// Row-major is numpy's default layout, so `rows()[i][j]` is numpy's `A[i, j]`, and a literal in
/// code reads like the printed matrix. The shape is part of the type: `Matrix<4, 2>` and
/// `Matrix<2, 4>` are different types, and an operation on mismatched shapes does not compile:
///
/// ```compile_fail,E0308
/// use stacknet::Matrix;
///
/// let x = Matrix::<4, 2>::zeros();
/// let wz = Matrix::<3, 1>::zeros();
/// let _ = x.dot(&wz); // (4 x 2) . (3 x 1): the inner sizes 2 and 3 differ
/// ```
///
/// The same product with matching inner sizes compiles, which shows that the example above
/// fails for its shapes alone:
///
/// ```
/// use stacknet::Matrix;
///
/// let x = Matrix::<4, 2>::zeros();
/// let wh = Matrix::<2, 3>::zeros();
/// let _: Matrix<4, 3> = x.dot(&wh);
/// ```
///
/// A `Matrix` is `Copy`: it is plain data of `8 * R * C` bytes (`4 * R * C` in `f32`), with no heap
/// behind it. Every operator also takes its matrices by reference, so a large one need not be
/// copied on the stack to be added: `&a + &b`, `&a - &b`, `&a * &b` (element by element),
/// `&a * 2.0`, `&a / 2.0` and `-&a` give the same bits as the same operators on values.
/// (Clippy's `op_ref` lint, which takes every `Copy` type to be cheap to copy, suggests dropping
/// those `&`; allow it where the copy matters, as on a small stack.)
///
/// ```
/// use stacknet::Matrix;
///
/// let a = Matrix::from_rows([[1.0, 2.0], [3.0, 4.0]]);
/// let b = Matrix::from_rows([[0.5, 0.5], [1.0, 2.0]]);
/// assert_eq!(&a + &b, a + b);
/// assert_eq!(&a - &b, Matrix::from_rows([[0.5, 1.5], [2.0, 2.0]]));
/// assert_eq!(&a * &b, Matrix::from_rows([[0.5, 1.0], [3.0, 8.0]])); // not the matrix product
/// assert_eq!(-&a / 2.0, Matrix::from_rows([[-0.5, -1.0], [-1.5, -2.0]]));
/// let mut c = a;
/// c -= &b;
/// c *= 2.0;
/// assert_eq!(c, (a - b) * 2.0);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Matrix<const R: usize, const C: usize, T = f64> {
    rows: [[T; C]; R],
}

impl<const R: usize, const C: usize, T: Float> Matrix<R, C, T> {
    /// Returns the matrix with these rows; usable in a `const`.
    ///
    /// ```
    /// use stacknet::Matrix;
    ///
    /// const Y: Matrix<4, 1> = Matrix::from_rows([[0.0], [1.0], [1.0], [0.0]]);
    /// assert_eq!(Y[(1, 0)], 1.0);
    /// ```
    #[must_use]
    pub const fn from_rows(rows: [[T; C]; R]) -> Self {
        Self { rows }
    }

    /// Returns the matrix whose element at `(row, column)` is `f(row, column)`: the shape comes
    /// from the type the result is given, as nalgebra's `SMatrix::from_fn` does it.
    ///
    /// `f` is called once for each element, row by row from row 0 and left to right in each
    /// row, so it may also pull the elements from an iterator in row-major order.
    ///
    /// ```
    /// use stacknet::Matrix;
    ///
    /// let identity: Matrix<3, 3> = Matrix::from_fn(|row, column| (row == column) as u8 as f64);
    /// assert_eq!(identity.rows()[1], [0.0, 1.0, 0.0]);
    /// let mut counter = 0.0;
    /// let counted: Matrix<2, 2> = Matrix::from_fn(|_, _| {
    ///     counter += 1.0;
    ///     counter
    /// });
    /// assert_eq!(counted, Matrix::from_rows([[1.0, 2.0], [3.0, 4.0]]));
    /// ```
    #[must_use]
    pub fn from_fn(mut f: impl FnMut(usize, usize) -> T) -> Self {
        let mut matrix = Self::zeros();
        for (row, elements) in matrix.rows.iter_mut().enumerate() {
            for (column, element) in elements.iter_mut().enumerate() {
                *element = f(row, column);
            }
        }
        matrix
    }

    /// Returns the matrix of zeros, numpy's `np.zeros((R, C))`.
    #[must_use]
    pub const fn zeros() -> Self {
        Self::from_rows([[T::ZERO; C]; R])
    }

    /// Returns the rows, so that `rows()[i][j]` is the element at row `i`, column `j`.
    pub const fn rows(&self) -> &[[T; C]; R] {
        &self.rows
    }

    /// Returns the rows to change in place.
    pub fn rows_mut(&mut self) -> &mut [[T; C]; R] {
        &mut self.rows
    }

    /// Returns the rows by value, consuming the matrix.
    #[must_use]
    pub const fn into_rows(self) -> [[T; C]; R] {
        self.rows
    }

    /// Returns the elements in row-major order: row 0 first, then row 1, and so on.
    pub const fn as_slice(&self) -> &[T] {
        self.rows.as_flattened()
    }

    /// Returns the elements in row-major order to change in place, as [`as_slice`](Self::as_slice)
    /// orders them: a slice's methods then work on the whole matrix.
    ///
    /// ```
    /// use stacknet::Matrix;
    ///
    /// let mut m = Matrix::<2, 2>::zeros();
    /// m.as_mut_slice().copy_from_slice(&[1.0, 2.0, 3.0, 4.0]);
    /// m.as_mut_slice().reverse();
    /// assert_eq!(m, Matrix::from_rows([[4.0, 3.0], [2.0, 1.0]]));
    /// ```
    pub fn as_mut_slice(&mut self) -> &mut [T] {
        self.rows.as_flattened_mut()
    }

    /// Returns the matrix product `self . other`, numpy's `np.dot(self, other)`.
    ///
    /// An `R x C` matrix times a `C x K` one gives `R x K`; each element is a sum over `C`, taken
    /// in order from the first column. The inner sizes must match, or the call does not compile.
    ///
    /// ```
    /// use stacknet::Matrix;
    ///
    /// let a = Matrix::from_rows([[1.0, 2.0]]);
    /// let b = Matrix::from_rows([[3.0], [4.0]]);
    /// assert_eq!(a.dot(&b), Matrix::from_rows([[11.0]]));
    /// ```
    #[inline(always)]
    #[must_use]
    pub fn dot<const K: usize>(&self, other: &Matrix<C, K, T>) -> Matrix<R, K, T> {
        self.dot_plus_row(other, &Matrix::zeros())
    }

    /// Returns `self . other + row`, with `row` added to each row of the product: numpy's
    /// `np.dot(A, B) + b`, a layer's weighted sums with its biases in one pass.
    ///
    /// Each element's sum starts from `row`'s element and adds the products in order, so a row
    /// of zeros gives exactly [`dot`](Self::dot)'s results: `0 + p` is `p` to the bit.
    ///
    /// ```
    /// use stacknet::Matrix;
    ///
    /// let x = Matrix::from_rows([[1.0, 2.0], [3.0, 4.0]]);
    /// let w = Matrix::from_rows([[0.5], [0.25]]);
    /// let b = Matrix::from_rows([[10.0]]);
    /// assert_eq!(x.dot_plus_row(&w, &b), Matrix::from_rows([[11.0], [12.5]]));
    /// assert_eq!(x.dot_plus_row(&w, &Matrix::zeros()), x.dot(&w));
    /// ```
    #[inline(always)]
    #[must_use]
    pub fn dot_plus_row<const K: usize>(
        &self,
        other: &Matrix<C, K, T>,
        row: &Matrix<1, K, T>,
    ) -> Matrix<R, K, T> {
        let mut product = Matrix::<R, K, T>::zeros();
        for (product_row, self_row) in product.rows.iter_mut().zip(&self.rows) {
            for (k, element) in product_row.iter_mut().enumerate() {
                let mut sum = row.rows[0][k];
                for (a, other_row) in self_row.iter().zip(&other.rows) {
                    sum += *a * other_row[k];
                }
                *element = sum;
            }
        }
        product
    }

    /// Returns `self^T . other` without building the transpose: numpy's `A.T.dot(B)`.
    ///
    /// The sums run in the same order as `self.transpose().dot(other)`, so the results are the
    /// same to the last bit; only the copy is saved, which matters on a small stack.
    ///
    /// ```
    /// use stacknet::Matrix;
    ///
    /// let a = Matrix::from_rows([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]);
    /// let b = Matrix::from_rows([[1.0], [0.5], [0.25]]);
    /// assert_eq!(a.transpose_dot(&b), a.transpose().dot(&b));
    /// ```
    #[inline(always)]
    #[must_use]
    pub fn transpose_dot<const K: usize>(&self, other: &Matrix<R, K, T>) -> Matrix<C, K, T> {
        let mut product = Matrix::<C, K, T>::zeros();
        for (i, product_row) in product.rows.iter_mut().enumerate() {
            for (k, element) in product_row.iter_mut().enumerate() {
                let mut sum = T::ZERO;
                for (row, other_row) in self.rows.iter().zip(&other.rows) {
                    sum += row[i] * other_row[k];
                }
                *element = sum;
            }
        }
        product
    }

    /// Returns `self . other^T` without building the transpose: numpy's `A.dot(B.T)`.
    ///
    /// ```
    /// use stacknet::Matrix;
    ///
    /// let a = Matrix::from_rows([[1.0, 2.0], [3.0, 4.0]]);
    /// let b = Matrix::from_rows([[0.5, -1.0], [2.0, 0.0], [1.0, 1.0]]);
    /// assert_eq!(a.dot_transpose(&b), a.dot(&b.transpose()));
    /// ```
    #[inline(always)]
    #[must_use]
    pub fn dot_transpose<const K: usize>(&self, other: &Matrix<K, C, T>) -> Matrix<R, K, T> {
        let mut product = Matrix::<R, K, T>::zeros();
        for (product_row, row) in product.rows.iter_mut().zip(&self.rows) {
            for (element, other_row) in product_row.iter_mut().zip(&other.rows) {
                let mut sum = T::ZERO;
                for (a, b) in row.iter().zip(other_row) {
                    sum += *a * *b;
                }
                *element = sum;
            }
        }
        product
    }

    /// Returns the transpose, numpy's `.T`: row `i` becomes column `i`.
    ///
    /// ```
    /// use stacknet::Matrix;
    ///
    /// let column = Matrix::from_rows([[1.0], [2.0]]);
    /// assert_eq!(column.transpose(), Matrix::from_rows([[1.0, 2.0]]));
    /// ```
    #[inline(always)]
    #[must_use]
    pub fn transpose(&self) -> Matrix<C, R, T> {
        let mut transposed = Matrix::<C, R, T>::zeros();
        for (i, row) in self.rows.iter().enumerate() {
            for (j, &element) in row.iter().enumerate() {
                transposed.rows[j][i] = element;
            }
        }
        transposed
    }

    /// Returns the matrix with `f` applied to every element, as numpy applies a function
    /// element-wise (`sigmoid(M)` in the article).
    ///
    /// ```
    /// use stacknet::Matrix;
    ///
    /// let m = Matrix::from_rows([[1.0, -2.0]]);
    /// assert_eq!(m.map(|v| v * v), Matrix::from_rows([[1.0, 4.0]]));
    /// ```
    #[inline(always)]
    #[must_use]
    pub fn map(&self, mut f: impl FnMut(T) -> T) -> Self {
        let mut mapped = *self;
        for element in mapped.rows.as_flattened_mut() {
            *element = f(*element);
        }
        mapped
    }

    /// Returns `f(self[i, j], other[i, j])` at every position: the shared shape of `+`, `-`, `*`.
    #[inline(always)]
    fn zip_map(&self, other: &Self, f: impl Fn(T, T) -> T) -> Self {
        let mut combined = *self;
        for (element, &other_element) in combined
            .rows
            .as_flattened_mut()
            .iter_mut()
            .zip(other.as_slice())
        {
            *element = f(*element, other_element);
        }
        combined
    }

    /// Sets each element to `f(self[i, j], other[i, j])`: [`zip_map`](Self::zip_map) in place,
    /// for the assigning operators.
    fn zip_apply(&mut self, other: &Self, f: impl Fn(T, T) -> T) {
        for (element, &other_element) in self.as_mut_slice().iter_mut().zip(other.as_slice()) {
            *element = f(*element, other_element);
        }
    }

    /// Returns the matrix with `row` added to each of its rows: numpy's broadcast `A + b`, how a
    /// layer adds its biases.
    ///
    /// ```
    /// use stacknet::Matrix;
    ///
    /// let a = Matrix::from_rows([[1.0, 2.0], [3.0, 4.0]]);
    /// let biases = Matrix::from_rows([[0.5, -1.0]]);
    /// assert_eq!(a.add_to_each_row(&biases), Matrix::from_rows([[1.5, 1.0], [3.5, 3.0]]));
    /// ```
    #[inline(always)]
    #[must_use]
    pub fn add_to_each_row(&self, row: &Matrix<1, C, T>) -> Self {
        let mut sum = *self;
        for sum_row in sum.rows.iter_mut() {
            for (element, addend) in sum_row.iter_mut().zip(&row.rows[0]) {
                *element += *addend;
            }
        }
        sum
    }

    /// Returns the sum of each column, as one row: numpy's `A.sum(axis=0, keepdims=True)`, how a
    /// layer's bias gradient adds up over the rows of a batch.
    ///
    /// ```
    /// use stacknet::Matrix;
    ///
    /// let a = Matrix::from_rows([[1.0, 2.0], [3.0, 4.0]]);
    /// assert_eq!(a.column_sums(), Matrix::from_rows([[4.0, 6.0]]));
    /// ```
    #[inline(always)]
    #[must_use]
    pub fn column_sums(&self) -> Matrix<1, C, T> {
        let mut sums = Matrix::<1, C, T>::zeros();
        for row in &self.rows {
            for (sum, element) in sums.rows[0].iter_mut().zip(row) {
                *sum += *element;
            }
        }
        sums
    }

    /// Returns the mean of the squared differences from `targets`: the loss of outputs `self`.
    ///
    /// ```
    /// use stacknet::Matrix;
    ///
    /// let z = Matrix::from_rows([[0.5], [1.0]]);
    /// assert_eq!(z.mean_squared_error(&Matrix::from_rows([[0.0], [1.0]])), 0.125);
    /// ```
    #[must_use]
    pub fn mean_squared_error(&self, targets: &Self) -> T {
        let error = *targets - *self;
        let sum = (error * error)
            .as_slice()
            .iter()
            .fold(T::ZERO, |sum, &squared| sum + squared);
        sum / T::from_f64((R * C) as f64)
    }

    /// Returns the matrix in precision `U`: each element rounded to the nearest `U` (exact from
    /// `f32` to `f64`, and for small integers such as a truth table's 0 and 1 either way).
    ///
    /// ```
    /// use stacknet::{xor, Matrix};
    ///
    /// let single: Matrix<4, 2, f32> = xor::INPUTS.convert();
    /// assert_eq!(single.rows()[3], [1.0f32, 1.0]);
    /// assert_eq!(Matrix::from_rows([[0.1f64]]).convert::<f32>()[(0, 0)], 0.1f32);
    /// ```
    #[must_use]
    pub fn convert<U: Float>(&self) -> Matrix<R, C, U> {
        let mut converted = Matrix::<R, C, U>::zeros();
        for (to, &from) in converted
            .rows
            .as_flattened_mut()
            .iter_mut()
            .zip(self.as_slice())
        {
            *to = U::from_f64(from.into());
        }
        converted
    }

    /// Returns every element multiplied by `factor` (numpy's `M * L` with a scalar `L`).
    #[inline(always)]
    #[must_use]
    pub fn scale(&self, factor: T) -> Self {
        self.map(|element| element * factor)
    }
}

impl<const R: usize, T: Float> Matrix<R, 1, T> {
    /// Returns the column of these values, one row each: the targets of a network with one
    /// output. Usable in a `const`.
    ///
    /// ```
    /// use stacknet::Matrix;
    ///
    /// const Y: Matrix<4, 1> = Matrix::from_column([0.0, 1.0, 1.0, 0.0]);
    /// assert_eq!(Y, Matrix::from_rows([[0.0], [1.0], [1.0], [0.0]]));
    /// ```
    #[must_use]
    pub const fn from_column(values: [T; R]) -> Self {
        let mut rows = [[T::ZERO]; R];
        let mut row = 0;
        while row < R {
            rows[row] = [values[row]];
            row += 1;
        }
        Self::from_rows(rows)
    }
}

/// A slice that does not fill a matrix: `Matrix::try_from` returns it when a slice of rows, or
/// of elements in row-major order, is longer or shorter than the matrix's shape needs.
///
/// The shape of a [`Matrix`] is in its type, so data read at run time must be checked against
/// it; this says what the matrix expected and what it found.
///
/// ```
/// use stacknet::{Matrix, ShapeError};
///
/// let read = vec![1.0, 2.0, 3.0, 4.0, 5.0]; // one short of 2 x 3
/// let error: ShapeError = Matrix::<2, 3>::try_from(read.as_slice()).unwrap_err();
/// assert_eq!((error.expected(), error.found()), (6, 5));
/// assert_eq!(error.to_string(), "expected 6 elements for a 2 x 3 matrix, found 5");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShapeError {
    /// The rows of the matrix that was to be built.
    rows: usize,
    /// Its columns.
    columns: usize,
    /// What the slice held: rows, or single elements.
    counted: Counted,
    /// How many of them it held.
    found: usize,
}

/// What a slice given to `Matrix::try_from` holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Counted {
    /// Whole rows, `&[[T; C]]`.
    Rows,
    /// Single elements in row-major order, `&[T]`.
    Elements,
}

impl ShapeError {
    /// How many rows (from a slice of rows) or elements (from a flat slice) the matrix needs.
    ///
    /// ```
    /// use stacknet::Matrix;
    ///
    /// let rows = [[1.0, 2.0]; 3];
    /// assert_eq!(Matrix::<4, 2>::try_from(&rows[..]).unwrap_err().expected(), 4);
    /// ```
    #[must_use]
    pub const fn expected(&self) -> usize {
        match self.counted {
            Counted::Rows => self.rows,
            Counted::Elements => self.rows * self.columns,
        }
    }

    /// How many rows or elements the slice held.
    ///
    /// ```
    /// use stacknet::Matrix;
    ///
    /// let rows = [[1.0, 2.0]; 3];
    /// assert_eq!(Matrix::<4, 2>::try_from(&rows[..]).unwrap_err().found(), 3);
    /// ```
    #[must_use]
    pub const fn found(&self) -> usize {
        self.found
    }
}

impl fmt::Display for ShapeError {
    /// Writes what was expected and what was found, as in
    /// `expected 16 rows for a 16 x 3 matrix, found 15`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let expected = self.expected();
        let unit = match (self.counted, expected) {
            (Counted::Rows, 1) => "row",
            (Counted::Rows, _) => "rows",
            (Counted::Elements, 1) => "element",
            (Counted::Elements, _) => "elements",
        };
        write!(
            f,
            "expected {expected} {unit} for a {} x {} matrix, found {}",
            self.rows, self.columns, self.found
        )
    }
}

impl core::error::Error for ShapeError {}

impl<const R: usize, const C: usize, T: Float> TryFrom<&[[T; C]]> for Matrix<R, C, T> {
    type Error = ShapeError;

    /// Returns the matrix of these rows, or a [`ShapeError`] unless there are exactly `R`.
    ///
    /// ```
    /// use stacknet::Matrix;
    ///
    /// let rows: Vec<[f64; 2]> = vec![[0.0, 1.0], [1.0, 0.0]];
    /// let m: Matrix<2, 2> = rows.as_slice().try_into()?;
    /// assert_eq!(m, Matrix::from_rows([[0.0, 1.0], [1.0, 0.0]]));
    /// assert!(Matrix::<3, 2>::try_from(rows.as_slice()).is_err());
    /// # Ok::<(), stacknet::ShapeError>(())
    /// ```
    fn try_from(rows: &[[T; C]]) -> Result<Self, ShapeError> {
        match <[[T; C]; R]>::try_from(rows) {
            Ok(rows) => Ok(Self::from_rows(rows)),
            Err(_) => Err(ShapeError {
                rows: R,
                columns: C,
                counted: Counted::Rows,
                found: rows.len(),
            }),
        }
    }
}

impl<const R: usize, const C: usize, T: Float> TryFrom<&[T]> for Matrix<R, C, T> {
    type Error = ShapeError;

    /// Returns the matrix of these elements in row-major order (row 0 first, as
    /// [`Matrix::as_slice`] gives them back), or a [`ShapeError`] unless there are exactly
    /// `R * C`.
    ///
    /// ```
    /// use stacknet::Matrix;
    ///
    /// let elements: Vec<f32> = vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
    /// let m = Matrix::<2, 3, f32>::try_from(elements.as_slice())?;
    /// assert_eq!(m.rows()[1], [4.0, 5.0, 6.0]);
    /// assert_eq!(m.as_slice(), elements.as_slice());
    /// # Ok::<(), stacknet::ShapeError>(())
    /// ```
    fn try_from(elements: &[T]) -> Result<Self, ShapeError> {
        if elements.len() != R * C {
            return Err(ShapeError {
                rows: R,
                columns: C,
                counted: Counted::Elements,
                found: elements.len(),
            });
        }
        let mut matrix = Self::zeros();
        matrix.as_mut_slice().copy_from_slice(elements);
        Ok(matrix)
    }
}

impl<const R: usize, const C: usize, T: Float> Default for Matrix<R, C, T> {
    /// The matrix of zeros.
    fn default() -> Self {
        Self::zeros()
    }
}

impl<const R: usize, const C: usize, T: Float> From<[[T; C]; R]> for Matrix<R, C, T> {
    fn from(rows: [[T; C]; R]) -> Self {
        Self::from_rows(rows)
    }
}

impl<const R: usize, const C: usize, T: Float> Add for Matrix<R, C, T> {
    type Output = Self;

    /// Element-wise sum.
    #[inline(always)]
    fn add(self, other: Self) -> Self {
        self.zip_map(&other, |a, b| a + b)
    }
}

impl<const R: usize, const C: usize, T: Float> AddAssign for Matrix<R, C, T> {
    /// Element-wise `+=`, as in the article's `Wz += H.T.dot(dZ)`.
    #[inline(always)]
    fn add_assign(&mut self, other: Self) {
        *self = *self + other;
    }
}

impl<const R: usize, const C: usize, T: Float> Sub for Matrix<R, C, T> {
    type Output = Self;

    /// Element-wise difference.
    #[inline(always)]
    fn sub(self, other: Self) -> Self {
        self.zip_map(&other, |a, b| a - b)
    }
}

impl<const R: usize, const C: usize, T: Float> Mul for Matrix<R, C, T> {
    type Output = Self;

    /// Element-wise product, numpy's `*` (the Hadamard product); the matrix product is
    /// [`Matrix::dot`].
    #[inline(always)]
    fn mul(self, other: Self) -> Self {
        self.zip_map(&other, |a, b| a * b)
    }
}

impl<const R: usize, const C: usize, T: Float> Mul<T> for Matrix<R, C, T> {
    type Output = Self;

    /// Every element times a scalar; the same as [`Matrix::scale`].
    #[inline(always)]
    fn mul(self, factor: T) -> Self {
        self.scale(factor)
    }
}

/// Writes `+`, `-` or `*` element by element for borrowed matrices, as `core` does for numbers:
/// `&a + &b`, `a + &b` and `&a + b` compute what `a + b` does, through the same
/// [`Matrix::zip_map`] and so to the same bits, without copying a borrowed matrix to pass it.
macro_rules! element_wise_by_reference {
    ($Operator:ident, $method:ident, $symbol:tt) => {
        impl<const R: usize, const C: usize, T: Float> $Operator<&Matrix<R, C, T>>
            for &Matrix<R, C, T>
        {
            type Output = Matrix<R, C, T>;

            #[doc = concat!("Element-wise `", stringify!($symbol), "` of two borrowed matrices.")]
            fn $method(self, other: &Matrix<R, C, T>) -> Matrix<R, C, T> {
                self.zip_map(other, |a, b| a $symbol b)
            }
        }

        impl<const R: usize, const C: usize, T: Float> $Operator<&Matrix<R, C, T>>
            for Matrix<R, C, T>
        {
            type Output = Self;

            #[doc = concat!("Element-wise `", stringify!($symbol), "`, the right side borrowed.")]
            fn $method(self, other: &Self) -> Self {
                self.zip_map(other, |a, b| a $symbol b)
            }
        }

        impl<const R: usize, const C: usize, T: Float> $Operator<Matrix<R, C, T>>
            for &Matrix<R, C, T>
        {
            type Output = Matrix<R, C, T>;

            #[doc = concat!("Element-wise `", stringify!($symbol), "`, the left side borrowed.")]
            fn $method(self, other: Matrix<R, C, T>) -> Matrix<R, C, T> {
                self.zip_map(&other, |a, b| a $symbol b)
            }
        }
    };
}

element_wise_by_reference!(Add, add, +);
element_wise_by_reference!(Sub, sub, -);
element_wise_by_reference!(Mul, mul, *);

impl<const R: usize, const C: usize, T: Float> Mul<T> for &Matrix<R, C, T> {
    type Output = Matrix<R, C, T>;

    /// Every element of a borrowed matrix times a scalar; the same as [`Matrix::scale`].
    ///
    /// ```
    /// use stacknet::Matrix;
    ///
    /// let m = Matrix::from_rows([[1.0, -2.0]]);
    /// assert_eq!(&m * 0.5, Matrix::from_rows([[0.5, -1.0]]));
    /// ```
    fn mul(self, factor: T) -> Matrix<R, C, T> {
        self.scale(factor)
    }
}

impl<const R: usize, const C: usize, T: Float> Div<T> for Matrix<R, C, T> {
    type Output = Self;

    /// Every element divided by a scalar, numpy's `M / s`: a true division, which can differ in
    /// the last bit from multiplying by `1 / s`.
    ///
    /// ```
    /// use stacknet::Matrix;
    ///
    /// let hours = Matrix::from_rows([[6.0, 12.0], [3.0, 0.0]]);
    /// assert_eq!(hours / 12.0, Matrix::from_rows([[0.5, 1.0], [0.25, 0.0]]));
    /// ```
    fn div(self, divisor: T) -> Self {
        self.map(|element| element / divisor)
    }
}

impl<const R: usize, const C: usize, T: Float> Div<T> for &Matrix<R, C, T> {
    type Output = Matrix<R, C, T>;

    /// Every element of a borrowed matrix divided by a scalar.
    ///
    /// ```
    /// use stacknet::Matrix;
    ///
    /// let m = Matrix::from_rows([[3.0, 1.5]]);
    /// assert_eq!(&m / 3.0, Matrix::from_rows([[1.0, 0.5]]));
    /// ```
    fn div(self, divisor: T) -> Matrix<R, C, T> {
        self.map(|element| element / divisor)
    }
}

impl<const R: usize, const C: usize, T: Float> Neg for Matrix<R, C, T> {
    type Output = Self;

    /// Every element with its sign flipped, numpy's `-M`.
    ///
    /// ```
    /// use stacknet::Matrix;
    ///
    /// let m = Matrix::from_rows([[1.0, -2.0]]);
    /// assert_eq!(-m, Matrix::from_rows([[-1.0, 2.0]]));
    /// ```
    fn neg(self) -> Self {
        self.map(|element| -element)
    }
}

impl<const R: usize, const C: usize, T: Float> Neg for &Matrix<R, C, T> {
    type Output = Matrix<R, C, T>;

    /// Every element of a borrowed matrix with its sign flipped.
    ///
    /// ```
    /// use stacknet::Matrix;
    ///
    /// let biases = Matrix::from_rows([[0.5, -1.0]]);
    /// assert_eq!(-&biases, Matrix::from_rows([[-0.5, 1.0]]));
    /// ```
    fn neg(self) -> Matrix<R, C, T> {
        self.map(|element| -element)
    }
}

impl<const R: usize, const C: usize, T: Float> AddAssign<&Matrix<R, C, T>> for Matrix<R, C, T> {
    /// Element-wise `+=` of a borrowed matrix, in place: nothing is copied.
    ///
    /// ```
    /// use stacknet::Matrix;
    ///
    /// let mut total = Matrix::from_rows([[1.0, 2.0]]);
    /// let step = Matrix::from_rows([[0.5, 0.5]]);
    /// total += &step;
    /// assert_eq!(total, Matrix::from_rows([[1.5, 2.5]]));
    /// ```
    fn add_assign(&mut self, other: &Self) {
        self.zip_apply(other, |a, b| a + b);
    }
}

impl<const R: usize, const C: usize, T: Float> SubAssign for Matrix<R, C, T> {
    /// Element-wise `-=`, as gradient descent writes `W -= step`.
    ///
    /// ```
    /// use stacknet::Matrix;
    ///
    /// let mut weights = Matrix::from_rows([[1.0, 2.0]]);
    /// weights -= Matrix::from_rows([[0.25, 0.5]]);
    /// assert_eq!(weights, Matrix::from_rows([[0.75, 1.5]]));
    /// ```
    fn sub_assign(&mut self, other: Self) {
        self.zip_apply(&other, |a, b| a - b);
    }
}

impl<const R: usize, const C: usize, T: Float> SubAssign<&Matrix<R, C, T>> for Matrix<R, C, T> {
    /// Element-wise `-=` of a borrowed matrix, in place.
    ///
    /// ```
    /// use stacknet::Matrix;
    ///
    /// let mut weights = Matrix::from_rows([[1.0, 2.0]]);
    /// let step = Matrix::from_rows([[0.25, 0.5]]);
    /// weights -= &step;
    /// assert_eq!(weights, Matrix::from_rows([[0.75, 1.5]]));
    /// ```
    fn sub_assign(&mut self, other: &Self) {
        self.zip_apply(other, |a, b| a - b);
    }
}

impl<const R: usize, const C: usize, T: Float> MulAssign<T> for Matrix<R, C, T> {
    /// Every element times a scalar, in place; the same bits as `*self * factor`.
    ///
    /// ```
    /// use stacknet::Matrix;
    ///
    /// let mut m = Matrix::from_rows([[1.0, -2.0]]);
    /// m *= 3.0;
    /// assert_eq!(m, Matrix::from_rows([[3.0, -6.0]]));
    /// ```
    fn mul_assign(&mut self, factor: T) {
        for element in self.as_mut_slice() {
            *element = *element * factor;
        }
    }
}

impl<const R: usize, const C: usize, T: Float> DivAssign<T> for Matrix<R, C, T> {
    /// Every element divided by a scalar, in place; the same bits as `*self / divisor`.
    ///
    /// ```
    /// use stacknet::Matrix;
    ///
    /// let mut m = Matrix::from_rows([[3.0, -6.0]]);
    /// m /= 3.0;
    /// assert_eq!(m, Matrix::from_rows([[1.0, -2.0]]));
    /// ```
    fn div_assign(&mut self, divisor: T) {
        for element in self.as_mut_slice() {
            *element = *element / divisor;
        }
    }
}

impl<const R: usize, const C: usize, T: Float> Index<(usize, usize)> for Matrix<R, C, T> {
    type Output = T;

    /// The element at `(row, column)`; panics if either is out of range, as slices do.
    #[inline(always)]
    fn index(&self, (row, column): (usize, usize)) -> &T {
        &self.rows[row][column]
    }
}

impl<const R: usize, const C: usize, T: Float> IndexMut<(usize, usize)> for Matrix<R, C, T> {
    #[inline(always)]
    fn index_mut(&mut self, (row, column): (usize, usize)) -> &mut T {
        &mut self.rows[row][column]
    }
}

impl<const R: usize, const C: usize, T: Float> fmt::Display for Matrix<R, C, T> {
    /// Writes the matrix as numpy's `print(array)` does, character for character, for up to
    /// 1000 numbers: numpy shortens a larger array with `...`, which this prints whole.
    ///
    /// numpy's default rules: the shortest digits that read back exactly, but at most 8 after
    /// the point; every element the same width, integer parts right-aligned and fractions padded;
    /// scientific notation for the whole matrix when a non-zero magnitude is below `1e-4` or at
    /// least `1e8` (`1e6` in `f32`, as numpy does for `float32`), or the largest is over 1000
    /// times the smallest; rows wrapped at 75 columns. An `f32` matrix prints `f32`'s own
    /// shortest digits, as numpy prints a `float32` array.
    ///
    /// ```
    /// use stacknet::Matrix;
    ///
    /// let m = Matrix::from_rows([[1.0, -0.5], [0.25, 2.0]]);
    /// assert_eq!(m.to_string(), "[[ 1.   -0.5 ]\n [ 0.25  2.  ]]");
    /// let single: Matrix<1, 2, f32> = Matrix::from_rows([[0.1, 1e6]]);
    /// assert_eq!(single.to_string(), "[[1.e-01 1.e+06]]");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::numpy_format::write_matrix(f, self.as_slice(), C)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::boxed::Box;
    use std::string::ToString;

    const A: Matrix<2, 3> = Matrix::from_rows([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]);
    const B: Matrix<3, 2> = Matrix::from_rows([[7.0, 8.0], [9.0, 10.0], [11.0, 12.0]]);

    #[test]
    fn dot_multiplies_rows_by_columns() {
        // 1*7 + 2*9 + 3*11 = 58, and so on: worked by hand.
        let expected = Matrix::from_rows([[58.0, 64.0], [139.0, 154.0]]);
        assert_eq!(A.dot(&B), expected);
    }

    #[test]
    fn dot_with_identity_is_unchanged() {
        let identity = Matrix::from_rows([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]);
        assert_eq!(A.dot(&identity), A);
    }

    #[test]
    fn transpose_swaps_rows_and_columns() {
        assert_eq!(
            A.transpose(),
            Matrix::from_rows([[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]])
        );
        assert_eq!(A.transpose().transpose(), A);
        // (A . B)^T = B^T . A^T
        assert_eq!(A.dot(&B).transpose(), B.transpose().dot(&A.transpose()));
    }

    #[test]
    fn element_wise_operations() {
        let ones = Matrix::<2, 3>::from_rows([[1.0; 3]; 2]);
        assert_eq!(
            A + ones,
            Matrix::from_rows([[2.0, 3.0, 4.0], [5.0, 6.0, 7.0]])
        );
        assert_eq!(
            A - ones,
            Matrix::from_rows([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]])
        );
        assert_eq!(
            A * A,
            Matrix::from_rows([[1.0, 4.0, 9.0], [16.0, 25.0, 36.0]])
        );
        assert_eq!(
            A * 0.5,
            Matrix::from_rows([[0.5, 1.0, 1.5], [2.0, 2.5, 3.0]])
        );
        assert_eq!(A.scale(2.0), A + A);
        let mut sum = A;
        sum += A;
        assert_eq!(sum, A * 2.0);
    }

    #[test]
    fn indexing_is_row_then_column() {
        assert_eq!(A[(0, 2)], 3.0);
        assert_eq!(A[(1, 0)], 4.0);
        let mut m = A;
        m[(1, 2)] = -1.0;
        assert_eq!(m.rows()[1], [4.0, 5.0, -1.0]);
    }

    #[test]
    fn storage_is_row_major() {
        assert_eq!(A.as_slice(), &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        assert_eq!(A.into_rows(), [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]);
        assert_eq!(Matrix::<2, 2>::default(), Matrix::zeros());
        assert_eq!(Matrix::from([[1.0]]), Matrix::from_rows([[1.0]]));
    }

    #[test]
    fn from_fn_takes_its_shape_from_the_type_and_fills_row_by_row() {
        let mut calls = std::vec::Vec::new();
        let m: Matrix<2, 3> = Matrix::from_fn(|row, column| {
            calls.push((row, column));
            (10 * row + column) as f64
        });
        assert_eq!(calls, [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)]);
        assert_eq!(m, Matrix::from_rows([[0.0, 1.0, 2.0], [10.0, 11.0, 12.0]]));
    }

    #[test]
    fn from_column_puts_one_value_in_each_row() {
        const COLUMN: Matrix<3, 1, f32> = Matrix::from_column([1.0, 2.0, 3.0]);
        assert_eq!(COLUMN, Matrix::from_rows([[1.0], [2.0], [3.0]]));
    }

    #[test]
    fn as_mut_slice_writes_in_row_major_order() {
        let mut m = A;
        m.as_mut_slice()[3] = -4.0; // row 1, column 0
        assert_eq!(m[(1, 0)], -4.0);
        assert_eq!(m.as_mut_slice().len(), 6);
    }

    #[test]
    fn try_from_rows_needs_exactly_r_of_them() {
        let rows = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]];
        assert_eq!(Matrix::<2, 3>::try_from(&rows[..2]), Ok(A));
        for found in [0, 1, 3] {
            let error = Matrix::<2, 3>::try_from(&rows[..found]).unwrap_err();
            assert_eq!((error.expected(), error.found()), (2, found));
            assert_eq!(
                error.to_string(),
                std::format!("expected 2 rows for a 2 x 3 matrix, found {found}")
            );
        }
        let one_row = Matrix::<1, 3>::try_from(&rows[..]).unwrap_err();
        assert_eq!(
            one_row.to_string(),
            "expected 1 row for a 1 x 3 matrix, found 3"
        );
    }

    #[test]
    fn try_from_elements_needs_exactly_r_times_c_in_row_major_order() {
        let elements = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0];
        assert_eq!(Matrix::<2, 3>::try_from(&elements[..6]), Ok(A));
        for found in [0, 5, 7] {
            let error = Matrix::<2, 3>::try_from(&elements[..found]).unwrap_err();
            assert_eq!((error.expected(), error.found()), (6, found));
            assert_eq!(
                error.to_string(),
                std::format!("expected 6 elements for a 2 x 3 matrix, found {found}")
            );
        }
        let one = Matrix::<1, 1>::try_from(&elements[..2]).unwrap_err();
        assert_eq!(
            one.to_string(),
            "expected 1 element for a 1 x 1 matrix, found 2"
        );
        // A shape error is an error like any other, for `?` into a boxed error.
        let boxed: Box<dyn core::error::Error> = Box::new(one);
        assert_eq!(boxed.to_string(), one.to_string());
    }

    /// Values with every kind of rounding: a seeded spread of magnitudes and signs.
    fn awkward<const R: usize, const C: usize>(seed: u64) -> Matrix<R, C> {
        let mut rng = fastrand::Rng::with_seed(seed);
        Matrix::from_fn(|_, _| (rng.f64() - 0.5) * 10f64.powi(rng.i32(-8..8)))
    }

    fn bits<const R: usize, const C: usize>(m: Matrix<R, C>) -> [[u64; C]; R] {
        m.into_rows().map(|row| row.map(f64::to_bits))
    }

    /// The borrowing operators compute what the ones on values do, to the bit; the assigning
    /// ones what their plain forms do.
    #[test]
    // The borrows are what is tested; clippy, seeing a `Copy` type, would drop them.
    #[allow(clippy::op_ref)]
    fn operators_on_references_and_in_place_give_the_same_bits() {
        for seed in 0..20 {
            let (a, b) = (awkward::<3, 4>(seed), awkward::<3, 4>(seed + 100));
            let s = awkward::<1, 1>(seed + 200)[(0, 0)];
            for sum in [&a + &b, a + &b, &a + b] {
                assert_eq!(bits(sum), bits(a + b));
            }
            for difference in [&a - &b, a - &b, &a - b] {
                assert_eq!(bits(difference), bits(a - b));
            }
            for product in [&a * &b, a * &b, &a * b] {
                assert_eq!(bits(product), bits(a * b));
            }
            assert_eq!(bits(&a * s), bits(a * s));
            assert_eq!(bits(&a / s), bits(a / s));
            assert_eq!(bits(-&a), bits(-a));
            let mut in_place = a;
            in_place += &b;
            assert_eq!(bits(in_place), bits(a + b));
            let mut in_place = a;
            in_place -= b;
            assert_eq!(bits(in_place), bits(a - b));
            let mut in_place = a;
            in_place -= &b;
            assert_eq!(bits(in_place), bits(a - b));
            let mut in_place = a;
            in_place *= s;
            assert_eq!(bits(in_place), bits(a * s));
            let mut in_place = a;
            in_place /= s;
            assert_eq!(bits(in_place), bits(a / s));
        }
    }

    #[test]
    fn negation_division_and_subtraction_in_place() {
        assert_eq!(
            -A,
            Matrix::from_rows([[-1.0, -2.0, -3.0], [-4.0, -5.0, -6.0]])
        );
        assert_eq!(-(-A), A);
        // A true division: 3 / 10 is the double nearest 0.3, while 3 * 0.1 is one step above.
        assert_eq!(
            Matrix::from_rows([[3.0]]) / 10.0,
            Matrix::from_rows([[0.3]])
        );
        assert_ne!(Matrix::from_rows([[3.0]]) * 0.1, Matrix::from_rows([[0.3]]));
        let mut m = A;
        m -= A;
        assert_eq!(m, Matrix::zeros());
        let mut halves = A;
        halves /= 2.0;
        assert_eq!(halves * 2.0, A);
    }

    #[test]
    #[should_panic]
    fn out_of_range_index_panics() {
        let _ = A[(2, 0)];
    }
}

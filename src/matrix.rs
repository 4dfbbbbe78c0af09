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

use crate::Float;
use core::fmt;
use core::ops::{Add, AddAssign, Index, IndexMut, Mul, Sub};

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
/// behind it.
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
    /// Writes the matrix as numpy's `print(array)` does, character for character.
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
    #[should_panic]
    fn out_of_range_index_panics() {
        let _ = A[(2, 0)];
    }
}

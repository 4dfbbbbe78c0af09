//! The XOR truth table that the article's network learns: its `X` and `Y`.
//!
//! ```
//! use stacknet::{xor, Matrix};
//!
//! assert_eq!(xor::INPUTS.rows()[2], [1.0, 0.0]);
//! assert_eq!(xor::TARGETS.rows()[2], [1.0]); // 1 xor 0 = 1
//! assert!(xor::is_learnt(&Matrix::from_rows([[0.01], [0.99], [0.98], [0.02]])));
//! ```

use crate::{truth_tables, Float, Matrix};

/// The article's `X`: every pair of truth values, one row each, `4 x 2`.
pub const INPUTS: Matrix<4, 2> = truth_tables::TWO_INPUTS;

/// The article's `Y`: `a xor b` for each row of [`INPUTS`], `4 x 1`.
pub const TARGETS: Matrix<4, 1> = truth_tables::XOR;

/// Returns whether every output rounds to its target: the article's "nearly 0" and "nearly 1".
///
/// An output counts as right when it is closer to its target than to the other truth value,
/// that is, within 0.5 of it. NaN is never right. The outputs may be in either precision, as a
/// network's are:
///
/// ```
/// use stacknet::{xor, Matrix};
///
/// let single: Matrix<4, 1, f32> = Matrix::from_column([0.1, 0.9, 0.8, 0.3]);
/// assert!(xor::is_learnt(&single));
/// assert!(!xor::is_learnt(&Matrix::from_column([0.1, 0.9, 0.8, 0.5])));
/// ```
#[must_use]
pub fn is_learnt<T: Float>(outputs: &Matrix<4, 1, T>) -> bool {
    // Widening to f64 is exact, so an f32 output is judged by its own value.
    truth_tables::all_round_correctly(outputs, &TARGETS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_xor_of_inputs() {
        for (input, target) in INPUTS.rows().iter().zip(TARGETS.rows()) {
            let xor = (input[0] != input[1]) as u8 as f64;
            assert_eq!(target[0], xor, "row {input:?}");
        }
    }

    #[test]
    fn is_learnt_needs_every_row_right() {
        assert!(is_learnt(&TARGETS));
        assert!(!is_learnt(&Matrix::from_rows([
            [0.01],
            [0.99],
            [0.98],
            [0.6]
        ])));
        assert!(!is_learnt(&Matrix::from_rows([[0.5], [1.0], [1.0], [0.0]])));
        assert!(!is_learnt(&Matrix::from_rows([
            [f64::NAN],
            [1.0],
            [1.0],
            [0.0]
        ])));
    }

    /// Single precision is judged as double is: the same outputs give the same answer, at the
    /// boundary (0.5 and the f32 values either side of it) and for NaN.
    #[test]
    fn is_learnt_judges_f32_as_f64() {
        let below = 0.5f32 - f32::EPSILON / 2.0;
        let above = 0.5f32 + f32::EPSILON;
        for last in [0.0, 0.25, below, 0.5, above, 1.0, f32::NAN, f32::INFINITY] {
            let single: Matrix<4, 1, f32> = Matrix::from_column([0.0, 1.0, 1.0, last]);
            let double = Matrix::from_column([0.0, 1.0, 1.0, f64::from(last)]);
            assert_eq!(is_learnt(&single), is_learnt(&double), "last output {last}");
            assert_eq!(is_learnt(&single), last < 0.5, "last output {last}");
        }
    }
}

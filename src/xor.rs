//! The XOR truth table that the article's network learns: its `X` and `Y`.
//!
//! ```
//! use stacknet::{xor, Matrix};
//!
//! assert_eq!(xor::INPUTS.rows()[2], [1.0, 0.0]);
//! assert_eq!(xor::TARGETS.rows()[2], [1.0]); // 1 xor 0 = 1
//! assert!(xor::is_learnt(&Matrix::from_rows([[0.01], [0.99], [0.98], [0.02]])));
//! ```

use crate::{truth_tables, Matrix};

/// The article's `X`: every pair of truth values, one row each, `4 x 2`.
pub const INPUTS: Matrix<4, 2> = truth_tables::TWO_INPUTS;

/// The article's `Y`: `a xor b` for each row of [`INPUTS`], `4 x 1`.
pub const TARGETS: Matrix<4, 1> = truth_tables::XOR;

/// Returns whether every output rounds to its target: the article's "nearly 0" and "nearly 1".
///
/// An output counts as right when it is closer to its target than to the other truth value,
/// that is, within 0.5 of it. NaN is never right.
#[must_use]
pub fn is_learnt(outputs: &Matrix<4, 1>) -> bool {
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
}

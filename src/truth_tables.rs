//! Truth tables beyond XOR: the other two-input logic gates, and 3-bit parity.
//!
//! ```
//! use stacknet::truth_tables::{all_round_correctly, NAND, PARITY3, THREE_INPUTS, TWO_INPUTS};
//!
//! assert_eq!(TWO_INPUTS.rows()[3], [1.0, 1.0]);
//! assert_eq!(NAND.rows()[3], [0.0]); // 1 nand 1 = 0
//! assert_eq!(THREE_INPUTS.rows()[7], [1.0, 1.0, 1.0]);
//! assert_eq!(PARITY3.rows()[7], [1.0]); // three ones: odd
//! assert!(all_round_correctly(&NAND, &NAND));
//! ```
//!
//! Each two-input gate's targets go with [`TWO_INPUTS`], the article's `X`; 3-bit parity has
//! eight rows and makes a 3-H-1 network: with const generics, the shapes follow the data.
//!
//! The tables are `f64` constants, since a Rust constant has one type. A network in `f32` takes
//! them through [`Matrix::convert`], exact for 0 and 1, its precision inferred from the network:
//!
//! ```
//! use stacknet::truth_tables::{all_round_correctly, NAND, TWO_INPUTS};
//! use stacknet::{Network, Sigmoid, Training};
//!
//! let mut rng = stacknet::fastrand::Rng::with_seed(1);
//! let mut network = Network::<2, 3, 1, Sigmoid, Sigmoid, f32>::random(&mut rng);
//! let z = network.train(&TWO_INPUTS.convert(), &NAND.convert(), Training::CLASSIC, 5_000)?;
//! assert!(all_round_correctly(&z, &NAND));
//! # Ok::<(), stacknet::Diverged>(())
//! ```

use crate::{Float, Matrix};

/// Every pair of truth values, one row each: the article's `X` (`xor::INPUTS` is this table).
pub const TWO_INPUTS: Matrix<4, 2> =
    Matrix::from_rows([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]);

/// `a and b` for each row of [`TWO_INPUTS`].
pub const AND: Matrix<4, 1> = Matrix::from_column([0.0, 0.0, 0.0, 1.0]);
/// `a or b`.
pub const OR: Matrix<4, 1> = Matrix::from_column([0.0, 1.0, 1.0, 1.0]);
/// `not (a and b)`.
pub const NAND: Matrix<4, 1> = Matrix::from_column([1.0, 1.0, 1.0, 0.0]);
/// `not (a or b)`.
pub const NOR: Matrix<4, 1> = Matrix::from_column([1.0, 0.0, 0.0, 0.0]);
/// `a xor b`: the article's `Y` (`xor::TARGETS` is this table).
pub const XOR: Matrix<4, 1> = Matrix::from_column([0.0, 1.0, 1.0, 0.0]);
/// `not (a xor b)`: 1 where the inputs are equal.
pub const XNOR: Matrix<4, 1> = Matrix::from_column([1.0, 0.0, 0.0, 1.0]);

/// Every triple of truth values, counting from `[0, 0, 0]` to `[1, 1, 1]` in binary.
pub const THREE_INPUTS: Matrix<8, 3> = Matrix::from_rows([
    [0.0, 0.0, 0.0],
    [0.0, 0.0, 1.0],
    [0.0, 1.0, 0.0],
    [0.0, 1.0, 1.0],
    [1.0, 0.0, 0.0],
    [1.0, 0.0, 1.0],
    [1.0, 1.0, 0.0],
    [1.0, 1.0, 1.0],
]);

/// 3-bit parity: 1 where an odd number of the inputs in [`THREE_INPUTS`] are 1.
pub const PARITY3: Matrix<8, 1> = Matrix::from_column([0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0]);

/// Returns whether every output rounds to its target: each is within 0.5 of it, so closer to
/// the right truth value than to the other. NaN is never right.
///
/// It works on any table of 0s and 1s, a classifier's on the user's own data as much as a
/// gate's, and on outputs and targets of either precision: each is widened, exactly, to `f64`
/// before the comparison, so `f32` outputs are checked against these `f64` tables as they are.
///
/// ```
/// use stacknet::truth_tables::{all_round_correctly, OR};
/// use stacknet::Matrix;
///
/// assert!(all_round_correctly(&Matrix::from_column([0.2, 0.7, 0.9, 0.6]), &OR));
/// assert!(!all_round_correctly(&Matrix::from_column([0.2, 0.7, 0.9, 0.5]), &OR));
/// let single: Matrix<4, 1, f32> = Matrix::from_column([0.1, 0.8, 0.9, 0.9]);
/// assert!(all_round_correctly(&single, &OR));
/// ```
#[must_use]
pub fn all_round_correctly<const N: usize, const O: usize, T: Float, U: Float>(
    outputs: &Matrix<N, O, T>,
    targets: &Matrix<N, O, U>,
) -> bool {
    outputs
        .as_slice()
        .iter()
        .zip(targets.as_slice())
        .all(|(&output, &target)| (output.into() - target.into()).abs() < 0.5)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each table against the logic it names, row by row.
    #[test]
    fn tables_follow_their_logic() {
        type Logic = fn(bool, bool) -> bool;
        let gates: [(&Matrix<4, 1>, Logic); 6] = [
            (&AND, |a, b| a && b),
            (&OR, |a, b| a || b),
            (&NAND, |a, b| !(a && b)),
            (&NOR, |a, b| !(a || b)),
            (&XOR, |a, b| a != b),
            (&XNOR, |a, b| a == b),
        ];
        for (table, logic) in gates {
            for (input, target) in TWO_INPUTS.rows().iter().zip(table.rows()) {
                let expected = logic(input[0] == 1.0, input[1] == 1.0);
                assert_eq!(target[0] == 1.0, expected, "row {input:?}");
            }
        }
        for (index, (input, target)) in THREE_INPUTS.rows().iter().zip(PARITY3.rows()).enumerate() {
            let bits = [(index >> 2) & 1, (index >> 1) & 1, index & 1].map(|b| b as f64);
            assert_eq!(*input, bits);
            assert_eq!(target[0], (index.count_ones() % 2) as f64, "row {input:?}");
        }
    }
}

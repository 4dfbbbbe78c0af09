//! The sigmoid activation function and its derivative, as the article defines them.
//!
//! ```
//! use stacknet::{sigmoid, sigmoid_derivative};
//!
//! assert_eq!(sigmoid(0.0), 0.5);
//! // The derivative takes the sigmoid's *output*: at x = 0 that output is 0.5, the slope 0.25.
//! assert_eq!(sigmoid_derivative(sigmoid(0.0)), 0.25);
//! ```

use crate::exp;

/// Returns `1 / (1 + e^-x)`, the logistic sigmoid: the article's `sigmoid(x)`.
///
/// It squashes any real number into `(0, 1)`, with `sigmoid(0) = 0.5`. (The article's text
/// shows `np.exp(x)`; the minus sign was lost on the page.) At `x = -inf` it gives exactly 0, at
/// `+inf` exactly 1, and for very negative `x`, where `e^-x` overflows, 0 rather than NaN.
#[inline]
pub fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + exp(-x))
}

/// Returns the slope of the sigmoid, given its *output* `s = sigmoid(x)`: `s * (1 - s)`.
///
/// This is the article's `sigmoid_(x)`. Since `sigmoid'(x) = sigmoid(x) * (1 - sigmoid(x))`, the
/// slope comes from the value the forward pass already computed, with no second `exp`; that is
/// why the article calls it on `Z` and `H` (outputs), not on `X . Wh` (inputs).
#[inline]
pub fn sigmoid_derivative(sigmoid_output: f64) -> f64 {
    sigmoid_output * (1.0 - sigmoid_output)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Distance allowed between the analytic and the numerical derivative: a central difference
    /// with step `h` is off by about `h^2 * f'''/6` (below 1e-11 here) plus rounding of order
    /// `1e-16 / h` (1e-11), so 1e-9 is loose yet far below the slopes tested (0.0066 to 0.25).
    const SLOPE_TOLERANCE: f64 = 1e-9;
    const STEP: f64 = 1e-5;

    #[test]
    fn sigmoid_values() {
        assert_eq!(sigmoid(0.0), 0.5);
        assert_eq!(sigmoid(f64::INFINITY), 1.0);
        assert_eq!(sigmoid(f64::NEG_INFINITY), 0.0);
        assert_eq!(sigmoid(-1000.0), 0.0, "exp overflows to inf, 1/inf is 0");
        // sigmoid(-x) = 1 - sigmoid(x)
        for x in [0.1, 1.0, 2.5, 5.0] {
            assert!((sigmoid(-x) - (1.0 - sigmoid(x))).abs() < 1e-15, "x = {x}");
        }
    }

    #[test]
    fn derivative_of_output_matches_numerical_slope() {
        for x in [-5.0, -1.0, 0.0, 0.5, 3.0] {
            let numerical = (sigmoid(x + STEP) - sigmoid(x - STEP)) / (2.0 * STEP);
            let analytic = sigmoid_derivative(sigmoid(x));
            assert!(
                (numerical - analytic).abs() < SLOPE_TOLERANCE,
                "x = {x}: analytic {analytic}, numerical {numerical}"
            );
        }
    }
}

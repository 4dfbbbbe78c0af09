//! Activation functions: the article's sigmoid, and the tanh, ReLU, leaky ReLU and linear
//! functions its Part 2 promises, each with its derivative.
//!
//! ```
//! use stacknet::{sigmoid, sigmoid_derivative, Activation};
//!
//! assert_eq!(sigmoid(0.0), 0.5);
//! // The derivative takes the sigmoid's *output*: at x = 0 that output is 0.5, the slope 0.25.
//! assert_eq!(sigmoid_derivative(sigmoid(0.0)), 0.25);
//! assert_eq!(Activation::Relu.apply(-2.0), 0.0);
//! assert_eq!(Activation::Tanh.derivative(Activation::Tanh.apply(0.0)), 1.0);
//! ```
//!
//! Every derivative here is written in terms of the function's output, as the article writes the
//! sigmoid's: backpropagation then needs only the values the forward pass already holds.

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

/// The slope of leaky ReLU for negative inputs: small, so that a unit whose input is negative
/// still learns a little instead of dying (0.01 is the customary choice).
pub const LEAKY_RELU_SLOPE: f64 = 0.01;

/// An activation function for a layer, with its derivative.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activation {
    /// `1 / (1 + e^-x)`: the article's, between 0 and 1.
    Sigmoid,
    /// `tanh(x)`: between -1 and 1, centred on 0.
    Tanh,
    /// `max(0, x)`.
    Relu,
    /// `x` for positive `x`, [`LEAKY_RELU_SLOPE`]` * x` otherwise.
    LeakyRelu,
    /// `x`: no activation, the improved program's output layer.
    Linear,
}

impl Activation {
    /// Every activation, in the order of this enum.
    pub const ALL: [Self; 5] = [
        Self::Sigmoid,
        Self::Tanh,
        Self::Relu,
        Self::LeakyRelu,
        Self::Linear,
    ];

    /// Returns the function's value at `x`.
    #[inline]
    pub fn apply(self, x: f64) -> f64 {
        match self {
            Self::Sigmoid => sigmoid(x),
            Self::Tanh => tanh(x),
            Self::Relu => x.max(0.0),
            Self::LeakyRelu => {
                if x > 0.0 {
                    x
                } else {
                    LEAKY_RELU_SLOPE * x
                }
            }
            Self::Linear => x,
        }
    }

    /// Returns the function's slope at the point where its value is `output`.
    ///
    /// Each of these functions is monotonic, so the output tells where on the curve we are:
    /// sigmoid `s (1 - s)`, tanh `1 - t^2`, ReLU 1 for a positive output and 0 otherwise (at 0,
    /// where the slope is undefined, 0 by convention), leaky ReLU 1 or the slope, linear 1.
    #[inline]
    pub fn derivative(self, output: f64) -> f64 {
        match self {
            Self::Sigmoid => sigmoid_derivative(output),
            Self::Tanh => 1.0 - output * output,
            Self::Relu => {
                if output > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Self::LeakyRelu => {
                if output > 0.0 {
                    1.0
                } else {
                    LEAKY_RELU_SLOPE
                }
            }
            Self::Linear => 1.0,
        }
    }

    /// The name used on the command line and in model files.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Sigmoid => "sigmoid",
            Self::Tanh => "tanh",
            Self::Relu => "relu",
            Self::LeakyRelu => "leaky-relu",
            Self::Linear => "linear",
        }
    }

    /// The activation called `name`, as [`Activation::name`] spells it.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|activation| activation.name() == name)
    }
}

/// Returns `tanh(x) = 1 - 2 / (e^(2x) + 1)`, from stacknet's own `exp`.
///
/// This form saturates cleanly: for large `x`, `e^(2x)` overflows to infinity and the result is
/// exactly 1; for very negative `x` it is exactly -1. Near 0 the subtraction loses relative (not
/// absolute) precision: the error stays below about `2e-16`, which training does not notice.
#[inline]
pub fn tanh(x: f64) -> f64 {
    1.0 - 2.0 / (exp(2.0 * x) + 1.0)
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

    /// Absolute error allowed for tanh against std's: a few roundings of numbers near 1.
    const TANH_TOLERANCE: f64 = 4e-16;

    #[test]
    fn tanh_matches_std() {
        for i in -4000..=4000 {
            let x = i as f64 * 0.005;
            assert!((tanh(x) - x.tanh()).abs() <= TANH_TOLERANCE, "tanh({x})");
        }
        assert_eq!(tanh(1000.0), 1.0);
        assert_eq!(tanh(-1000.0), -1.0);
    }

    #[test]
    fn every_derivative_matches_the_numerical_slope() {
        for activation in Activation::ALL {
            // Points away from ReLU's kink at 0, where the slope is undefined.
            for x in [-2.5, -0.7, 0.3, 1.9] {
                let numerical =
                    (activation.apply(x + STEP) - activation.apply(x - STEP)) / (2.0 * STEP);
                let analytic = activation.derivative(activation.apply(x));
                assert!(
                    (numerical - analytic).abs() < SLOPE_TOLERANCE,
                    "{activation:?} at {x}: analytic {analytic}, numerical {numerical}"
                );
            }
        }
    }

    #[test]
    fn names_round_trip() {
        for activation in Activation::ALL {
            assert_eq!(Activation::from_name(activation.name()), Some(activation));
        }
        assert_eq!(Activation::from_name("softmax"), None);
    }
}

//! Activation functions: the article's sigmoid, and beyond the article tanh, ReLU, leaky ReLU and
//! linear, each a type that says what a layer computes.
//!
//! ```
//! use stacknet::{sigmoid, sigmoid_derivative, Activation, AnyActivation, Relu, Sigmoid, Tanh};
//!
//! assert_eq!(sigmoid(0.0), 0.5);
//! // The derivative takes the sigmoid's *output*: at x = 0 that output is 0.5, the slope 0.25.
//! assert_eq!(sigmoid_derivative(sigmoid(0.0)), 0.25);
//! assert_eq!(Sigmoid.apply(0.0), 0.5);
//! assert_eq!(Relu.apply(-2.0), 0.0);
//! assert_eq!(Tanh.derivative(Tanh.apply(0.0)), 1.0);
//! // Chosen at run time, by name, the same functions:
//! let chosen: AnyActivation = "relu".parse()?;
//! assert_eq!(chosen, AnyActivation::Relu);
//! assert_eq!(chosen.apply(-2.0), 0.0);
//! assert_eq!(chosen.to_string(), "relu");
//! # Ok::<(), stacknet::ParseActivationError>(())
//! ```
//!
//! Each activation is a zero-sized type implementing [`Activation`], so a network names its
//! layers' functions in its type (`Network<2, 3, 1, Sigmoid, Linear>`), takes no bytes for
//! them, and a program compiles in only the functions its networks use. [`AnyActivation`] is
//! the one choice made at run time, for programs such as the command line.
//!
//! Every derivative here is written in terms of the function's output, as the article writes the
//! sigmoid's: backpropagation then needs only the values the forward pass already holds.

use core::fmt;
use core::str::FromStr;

use crate::{exp, Float};

/// Returns `1 / (1 + e^-x)`, the logistic sigmoid: the article's `sigmoid(x)`.
///
/// It squashes any real number into `(0, 1)`, with `sigmoid(0) = 0.5`. (The article's text
/// shows `np.exp(x)`; the minus sign was lost on the page.) At `x = -inf` it gives exactly 0, at
/// `+inf` exactly 1, and for very negative `x`, where `e^-x` overflows, 0 rather than NaN.
///
/// On a microcontroller or in WebAssembly it is kept out of line: one copy of it and its `exp`,
/// however many units call it, where inlined a 2-3-1 network's sixteen calls an epoch would be
/// sixteen copies, kilobytes of flash on a chip that does `f64` in software. On a 64-bit PC,
/// where size matters less, inlining it saves about 2 % of an epoch.
#[cfg_attr(any(target_arch = "x86_64", target_arch = "aarch64"), inline)]
#[cfg_attr(
    not(any(target_arch = "x86_64", target_arch = "aarch64")),
    inline(never)
)]
#[must_use]
pub fn sigmoid<T: Float>(x: T) -> T {
    T::ONE / (T::ONE + exp(-x))
}

/// Values that [`Sigmoid`] and [`Tanh`] compute side by side when they apply to many: four
/// lanes of `exp`, two SSE2 registers of `f64`, which a 64-bit PC's default target has.
const LANES: usize = 4;

/// Values that [`Sigmoid`] and [`Tanh`] compute in one straight run of lanes before they turn to
/// groups of [`LANES`]: twelve, the article's hidden layer (4 rows of 3 units) in one piece. As
/// three groups of four, the compiler kept a loop of three turns and passed the values through
/// memory, which cost the classic epoch 12 % on a PC (`make bench`, paired runs, the same bits).
const BLOCK: usize = 3 * LANES;

/// Whether activations compute [`LANES`] values at a time: on 64-bit PCs, whose vector
/// registers do two or four lanes in one instruction. A microcontroller has none, and one copy
/// of the scalar function keeps its flash small.
const IN_LANES: bool = cfg!(any(target_arch = "x86_64", target_arch = "aarch64"));

/// An activation that computes several values at once, side by side in lanes, to the same bits
/// as one at a time.
trait InLanes: Activation {
    /// The function of each lane: bit for bit [`apply`](Activation::apply) of each, written lane
    /// by lane so that the compiler can do the lanes together.
    fn apply_lanes<T: Float, const L: usize>(x: [T; L]) -> [T; L];

    /// Replaces each of `values` by its image: [`BLOCK`] at a time, then [`LANES`] at a time,
    /// and the few left over one by one.
    #[inline(always)]
    fn apply_in_lanes<T: Float>(self, values: &mut [T]) {
        let rest = apply_in_groups::<Self, T, BLOCK>(values);
        let rest = apply_in_groups::<Self, T, LANES>(rest);
        for value in rest {
            *value = self.apply(*value);
        }
    }
}

/// Replaces each group of `L` of `values` by its image under `A`, and returns the values left
/// over, fewer than `L`.
#[inline(always)]
fn apply_in_groups<A: InLanes, T: Float, const L: usize>(values: &mut [T]) -> &mut [T] {
    let mut groups = values.chunks_exact_mut(L);
    for group in &mut groups {
        let mut lanes = [T::ZERO; L];
        lanes.copy_from_slice(group);
        group.copy_from_slice(&A::apply_lanes(lanes));
    }
    groups.into_remainder()
}

impl InLanes for Sigmoid {
    /// [`sigmoid`]'s operations, lane by lane.
    #[inline(always)]
    fn apply_lanes<T: Float, const L: usize>(x: [T; L]) -> [T; L] {
        let mut exps = T::exponential_lanes(x.map(|x| -x));
        for value in &mut exps {
            *value = T::ONE / (T::ONE + *value);
        }
        exps
    }
}

impl InLanes for Tanh {
    /// [`tanh`]'s operations, lane by lane.
    #[inline(always)]
    fn apply_lanes<T: Float, const L: usize>(x: [T; L]) -> [T; L] {
        let mut exps = T::exponential_lanes(x.map(|x| T::TWO * x));
        for value in &mut exps {
            *value = T::ONE - T::TWO / (*value + T::ONE);
        }
        exps
    }
}

/// Returns the slope of the sigmoid, given its *output* `s = sigmoid(x)`: `s * (1 - s)`.
///
/// This is the article's `sigmoid_(x)`. Since `sigmoid'(x) = sigmoid(x) * (1 - sigmoid(x))`, the
/// slope comes from the value the forward pass already computed, with no second `exp`; that is
/// why the article calls it on `Z` and `H` (outputs), not on `X . Wh` (inputs).
#[inline]
#[must_use]
pub fn sigmoid_derivative<T: Float>(sigmoid_output: T) -> T {
    sigmoid_output * (T::ONE - sigmoid_output)
}

/// Returns `tanh(x) = 1 - 2 / (e^(2x) + 1)`, from stacknet's own `exp`.
///
/// This form saturates cleanly: for large `x`, `e^(2x)` overflows to infinity and the result is
/// exactly 1; for very negative `x` it is exactly -1. Near 0 the subtraction loses relative (not
/// absolute) precision: measured against exact values, the error stays below `3.3e-16` in
/// `f64` and `1.8e-7` in `f32`, which training does not notice. It gives 0 for `-0` and for
/// the smallest subnormal numbers, where `f64::tanh` keeps them.
#[inline]
#[must_use]
pub fn tanh<T: Float>(x: T) -> T {
    T::ONE - T::TWO / (exp(T::TWO * x) + T::ONE)
}

/// The slope of leaky ReLU for negative inputs: small, so that a unit whose input is negative
/// still learns a little instead of dying (0.01 is the customary choice).
pub const LEAKY_RELU_SLOPE: f64 = 0.01;

/// What a layer does to each of its weighted sums, and the slope that backpropagation needs.
///
/// Implemented by the five zero-sized types of this module and by [`AnyActivation`]; a program
/// may implement it for a function of its own.
///
/// ```
/// use stacknet::{Activation, Float};
///
/// /// `x / (1 + |x|)`: an S-curve without exp.
/// #[derive(Clone, Copy, Debug, PartialEq)]
/// struct Softsign;
///
/// impl Activation for Softsign {
///     const DEFAULT: Self = Softsign;
///     fn apply<T: Float>(self, x: T) -> T {
///         let magnitude = if x < T::ZERO { -x } else { x };
///         x / (T::ONE + magnitude)
///     }
///     fn derivative<T: Float>(self, output: T) -> T {
///         // 1 / (1 + |x|)^2, and 1 - |output| = 1 / (1 + |x|)
///         let magnitude = if output < T::ZERO { -output } else { output };
///         (T::ONE - magnitude) * (T::ONE - magnitude)
///     }
/// }
/// assert_eq!(Softsign.apply(1.0f64), 0.5);
/// assert_eq!(Softsign.derivative(0.5f32), 0.25);
/// ```
pub trait Activation: Copy + core::fmt::Debug + PartialEq {
    /// The value a network starts with when its constructor is not told the activation: the
    /// only value of a zero-sized activation, and for [`AnyActivation`] the article's sigmoid.
    /// A constant, so that networks can be built in a `const`.
    const DEFAULT: Self;

    /// Returns the function's value at `x`, in either precision.
    #[must_use]
    fn apply<T: Float>(self, x: T) -> T;

    /// Replaces each of `values` by the function's value there: [`apply`](Self::apply) on each,
    /// as a layer applies its activation to every weighted sum. [`Sigmoid`] and [`Tanh`]
    /// compute several values at a time on 64-bit PCs, to the same bits.
    #[inline(always)]
    fn apply_all<T: Float>(self, values: &mut [T]) {
        for value in values {
            *value = self.apply(*value);
        }
    }

    /// Returns the function's slope at the point where its value is `output`.
    ///
    /// For every function here the output is enough to know the slope: sigmoid and tanh are
    /// strictly increasing, so each output comes from one input only; ReLU, leaky ReLU and
    /// linear have a constant slope on each side of 0, and the output's sign tells the side.
    /// That is how the article writes `sigmoid_`, and how backpropagation uses it.
    #[must_use]
    fn derivative<T: Float>(self, output: T) -> T;

    /// Replaces each of `outputs`, values of the function, by its slope there:
    /// [`derivative`](Self::derivative) on each, as backpropagation takes a layer's slopes (the
    /// article's `sigmoid_(H)`).
    #[inline(always)]
    fn derivative_all<T: Float>(self, outputs: &mut [T]) {
        for output in outputs {
            *output = self.derivative(*output);
        }
    }
}

/// `1 / (1 + e^-x)`: the article's activation, between 0 and 1. See [`sigmoid`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Sigmoid;

impl Activation for Sigmoid {
    const DEFAULT: Self = Self;

    #[inline(always)]
    fn apply<T: Float>(self, x: T) -> T {
        sigmoid(x)
    }

    #[inline(always)]
    fn apply_all<T: Float>(self, values: &mut [T]) {
        if IN_LANES {
            self.apply_in_lanes(values);
        } else {
            values.iter_mut().for_each(|value| *value = sigmoid(*value));
        }
    }

    /// `s (1 - s)`: the article's `sigmoid_`.
    #[inline(always)]
    fn derivative<T: Float>(self, output: T) -> T {
        sigmoid_derivative(output)
    }
}

/// `tanh(x)`: between -1 and 1, centred on 0. See [`tanh`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Tanh;

impl Activation for Tanh {
    const DEFAULT: Self = Self;

    #[inline(always)]
    fn apply<T: Float>(self, x: T) -> T {
        tanh(x)
    }

    #[inline(always)]
    fn apply_all<T: Float>(self, values: &mut [T]) {
        if IN_LANES {
            self.apply_in_lanes(values);
        } else {
            values.iter_mut().for_each(|value| *value = tanh(*value));
        }
    }

    /// `1 - t^2`, since `tanh' = 1 - tanh^2`.
    #[inline(always)]
    fn derivative<T: Float>(self, output: T) -> T {
        T::ONE - output * output
    }
}

/// `max(0, x)`: the rectified linear unit. NaN stays NaN, as numpy's `np.maximum(x, 0)` keeps
/// it, so that a network whose weights have blown up cannot hide it behind a zero.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Relu;

impl Activation for Relu {
    const DEFAULT: Self = Self;

    #[inline(always)]
    fn apply<T: Float>(self, x: T) -> T {
        // Written as a comparison, not `max`: `NaN <= 0` is false, so NaN passes through; and
        // -0 becomes 0, as in numpy.
        if x <= T::ZERO {
            T::ZERO
        } else {
            x
        }
    }

    /// 1 for a positive output, 0 otherwise (at 0, where the slope is undefined, 0 by
    /// convention).
    #[inline(always)]
    fn derivative<T: Float>(self, output: T) -> T {
        if output > T::ZERO {
            T::ONE
        } else {
            T::ZERO
        }
    }
}

/// `x` for positive `x`, [`LEAKY_RELU_SLOPE`]` * x` otherwise (NaN stays NaN).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct LeakyRelu;

impl Activation for LeakyRelu {
    const DEFAULT: Self = Self;

    #[inline(always)]
    fn apply<T: Float>(self, x: T) -> T {
        if x > T::ZERO {
            x
        } else {
            T::from_f64(LEAKY_RELU_SLOPE) * x
        }
    }

    /// 1 for a positive output, [`LEAKY_RELU_SLOPE`] otherwise.
    #[inline(always)]
    fn derivative<T: Float>(self, output: T) -> T {
        if output > T::ZERO {
            T::ONE
        } else {
            T::from_f64(LEAKY_RELU_SLOPE)
        }
    }
}

/// `x`: no activation at all, the improved program's output layer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Linear;

impl Activation for Linear {
    const DEFAULT: Self = Self;

    #[inline(always)]
    fn apply<T: Float>(self, x: T) -> T {
        x
    }

    /// 1 everywhere.
    #[inline(always)]
    fn derivative<T: Float>(self, _output: T) -> T {
        T::ONE
    }
}

/// One of the five activations, chosen at run time: for programs that read the choice from a
/// user, as the command line does. A network whose activations are known when it is compiled
/// names their types instead, and carries no choice and no code for the others.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AnyActivation {
    /// [`Sigmoid`].
    Sigmoid,
    /// [`Tanh`].
    Tanh,
    /// [`Relu`].
    Relu,
    /// [`LeakyRelu`].
    LeakyRelu,
    /// [`Linear`].
    Linear,
}

impl AnyActivation {
    /// Every activation, in the order of this enum. A slice, not an array: the enum may gain
    /// variants, and code that counts them should not compile against a fixed number.
    pub const ALL: &'static [Self] = &[
        Self::Sigmoid,
        Self::Tanh,
        Self::Relu,
        Self::LeakyRelu,
        Self::Linear,
    ];

    /// The activation's name, lower case with a hyphen: `sigmoid`, `tanh`, `relu`, `leaky-relu`,
    /// `linear`. [`Display`](fmt::Display) writes it and [`FromStr`] reads it.
    const fn name(self) -> &'static str {
        match self {
            Self::Sigmoid => "sigmoid",
            Self::Tanh => "tanh",
            Self::Relu => "relu",
            Self::LeakyRelu => "leaky-relu",
            Self::Linear => "linear",
        }
    }

    /// The name of the zero-sized type that computes the same function: `Sigmoid`, `Tanh`,
    /// `Relu`, `LeakyRelu`, `Linear`.
    #[must_use]
    pub const fn type_name(self) -> &'static str {
        match self {
            Self::Sigmoid => "Sigmoid",
            Self::Tanh => "Tanh",
            Self::Relu => "Relu",
            Self::LeakyRelu => "LeakyRelu",
            Self::Linear => "Linear",
        }
    }
}

impl fmt::Display for AnyActivation {
    /// Writes the activation's name: `sigmoid`, `tanh`, `relu`, `leaky-relu` or `linear`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for AnyActivation {
    type Err = ParseActivationError;

    /// Reads an activation by the name [`Display`](fmt::Display) writes.
    ///
    /// ```
    /// use stacknet::AnyActivation;
    ///
    /// assert_eq!("leaky-relu".parse(), Ok(AnyActivation::LeakyRelu));
    /// let unknown = "softmax".parse::<AnyActivation>().unwrap_err();
    /// assert_eq!(
    ///     unknown.to_string(),
    ///     "expected an activation: sigmoid, tanh, relu, leaky-relu or linear"
    /// );
    /// ```
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .iter()
            .copied()
            .find(|activation| activation.name() == name)
            .ok_or(ParseActivationError { _private: () })
    }
}

/// A name that is not one of [`AnyActivation`]'s, as `"softmax".parse::<AnyActivation>()`
/// reports it. Like the standard library's parse errors it does not repeat the text (it has no
/// heap to keep it in): the caller, who has the text, adds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseActivationError {
    /// Keeps the error from being built outside this module.
    _private: (),
}

impl fmt::Display for ParseActivationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("expected an activation: ")?;
        for (index, activation) in AnyActivation::ALL.iter().enumerate() {
            let separator = match AnyActivation::ALL.len() - index {
                1 => "",
                2 => " or ",
                _ => ", ",
            };
            write!(f, "{activation}{separator}")?;
        }
        Ok(())
    }
}

impl core::error::Error for ParseActivationError {}

impl Activation for AnyActivation {
    const DEFAULT: Self = Self::Sigmoid;

    #[inline(always)]
    fn apply<T: Float>(self, x: T) -> T {
        match self {
            Self::Sigmoid => Sigmoid.apply(x),
            Self::Tanh => Tanh.apply(x),
            Self::Relu => Relu.apply(x),
            Self::LeakyRelu => LeakyRelu.apply(x),
            Self::Linear => Linear.apply(x),
        }
    }

    /// One choice for all the values, then the chosen type's own loop, out of line: one copy
    /// of each for all the layers that a program choosing at run time may have (inlined into
    /// each, sigmoid's and tanh's made the command line, which then trained some hundred
    /// shapes, take many minutes longer to build). Linear's changes nothing and costs no code.
    #[inline(always)]
    fn apply_all<T: Float>(self, values: &mut [T]) {
        match self {
            Self::Sigmoid => apply_all_out_of_line(Sigmoid, values),
            Self::Tanh => apply_all_out_of_line(Tanh, values),
            Self::Relu => apply_all_out_of_line(Relu, values),
            Self::LeakyRelu => apply_all_out_of_line(LeakyRelu, values),
            Self::Linear => Linear.apply_all(values),
        }
    }

    #[inline(always)]
    fn derivative<T: Float>(self, output: T) -> T {
        match self {
            Self::Sigmoid => Sigmoid.derivative(output),
            Self::Tanh => Tanh.derivative(output),
            Self::Relu => Relu.derivative(output),
            Self::LeakyRelu => LeakyRelu.derivative(output),
            Self::Linear => Linear.derivative(output),
        }
    }

    /// One choice for all the outputs, then the chosen type's own loop, out of line as in
    /// [`apply_all`](Activation::apply_all), where a choice for each number compiled five
    /// loops into every layer. Measured on the command line, whose networks other than the
    /// article's train through `AnyActivation`: its binary 2 % smaller and those networks 6
    /// to 25 % faster (paired runs), with the ReLUs' `apply_all` out of line too.
    #[inline(always)]
    fn derivative_all<T: Float>(self, outputs: &mut [T]) {
        match self {
            Self::Sigmoid => derivative_all_out_of_line(Sigmoid, outputs),
            Self::Tanh => derivative_all_out_of_line(Tanh, outputs),
            Self::Relu => derivative_all_out_of_line(Relu, outputs),
            Self::LeakyRelu => derivative_all_out_of_line(LeakyRelu, outputs),
            Self::Linear => Linear.derivative_all(outputs),
        }
    }
}

/// `activation.apply_all(values)`, never inlined.
#[inline(never)]
fn apply_all_out_of_line<A: Activation, T: Float>(activation: A, values: &mut [T]) {
    activation.apply_all(values);
}

/// `activation.derivative_all(outputs)`, never inlined.
#[inline(never)]
fn derivative_all_out_of_line<A: Activation, T: Float>(activation: A, outputs: &mut [T]) {
    activation.derivative_all(outputs);
}

/// Each zero-sized activation converts into the run-time choice that computes the same function.
macro_rules! into_any_activation {
    ($($name:ident)*) => {
        $(impl From<$name> for AnyActivation {
            fn from(_: $name) -> Self {
                Self::$name
            }
        })*
    };
}
into_any_activation!(Sigmoid Tanh Relu LeakyRelu Linear);

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
        for x in [0.1f64, 1.0, 2.5, 5.0] {
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
        for &activation in AnyActivation::ALL {
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

    /// The run-time choice computes what the type it names computes, bit for bit.
    #[test]
    fn any_activation_is_its_type() {
        fn same<A: Activation + Into<AnyActivation>>(typed: A) {
            let any: AnyActivation = typed.into();
            for x in [-3.0f64, -0.5, 0.0, 0.25, 2.0] {
                assert_eq!(
                    any.apply(x).to_bits(),
                    typed.apply(x).to_bits(),
                    "{any:?}({x})"
                );
                let y = typed.apply(x);
                assert_eq!(any.derivative(y), typed.derivative(y), "{any:?}'({y})");
            }
            assert_eq!(any.type_name(), std::format!("{typed:?}"));
        }
        same(Sigmoid);
        same(Tanh);
        same(Relu);
        same(LeakyRelu);
        same(Linear);
    }

    /// Inputs for comparing many at once with one at a time: both signs, zero, NaN, a tiny
    /// number, and -800 and 800, where `exp` takes its rare path.
    const SAMPLES: [f64; 13] = [
        -3.0,
        0.5,
        800.0,
        -0.25,
        2.0,
        -800.0,
        7.5,
        0.0,
        f64::NAN,
        -1e-30,
        40.0,
        -12.0,
        1.0,
    ];

    /// Applying to many computes what applying to each computes, bit for bit, in runs of twelve,
    /// in groups of four and in the few values left over: slices of every length from 0 to 31
    /// (two runs, a group and three left), in both precisions, over every activation, with
    /// values where `exp` takes its rare path among them.
    #[test]
    fn apply_all_is_apply_on_each() {
        fn check<T: Float>(values: &[T]) {
            for activation in AnyActivation::ALL {
                for length in 0..=values.len() {
                    let mut all = [T::ZERO; 31];
                    all[..length].copy_from_slice(&values[..length]);
                    activation.apply_all(&mut all[..length]);
                    for (&result, &x) in all[..length].iter().zip(values) {
                        // Widened to f64 exactly, to compare bits: signs of zero and NaNs too.
                        let (result, one): (f64, f64) = (result.into(), activation.apply(x).into());
                        assert_eq!(
                            result.to_bits(),
                            one.to_bits(),
                            "{activation:?}({x:?}): {result:?} in lanes, {one:?} alone"
                        );
                    }
                }
            }
        }
        // The list again from position 13 and 26, so that its values fall in other lanes.
        let values: [f64; 31] = core::array::from_fn(|i| SAMPLES[i % SAMPLES.len()]);
        check(&values);
        check(&values.map(|x| x as f32));
    }

    /// A layer's slopes are each output's slope, to the bit, for every activation chosen at run
    /// time (which hands the slice to its type's own loop).
    #[test]
    fn derivative_all_is_derivative_on_each() {
        fn check<T: Float>(inputs: [T; SAMPLES.len()]) {
            for activation in AnyActivation::ALL {
                let outputs = inputs.map(|x| activation.apply(x));
                let mut slopes = outputs;
                activation.derivative_all(&mut slopes);
                for (&slope, &output) in slopes.iter().zip(&outputs) {
                    // Widened to f64 exactly, to compare bits: signs of zero and NaNs too.
                    let (slope, one): (f64, f64) =
                        (slope.into(), activation.derivative(output).into());
                    assert_eq!(
                        slope.to_bits(),
                        one.to_bits(),
                        "{activation:?} at output {output:?}: {slope:?} for all, {one:?} alone"
                    );
                }
            }
        }
        check(SAMPLES);
        check(SAMPLES.map(|x| x as f32));
    }

    #[test]
    fn names_round_trip() {
        use std::string::ToString;
        for &activation in AnyActivation::ALL {
            assert_eq!(activation.to_string().parse(), Ok(activation));
        }
        assert!("softmax".parse::<AnyActivation>().is_err());
        assert!(
            "Sigmoid".parse::<AnyActivation>().is_err(),
            "names are lower case"
        );
    }

    /// ReLU and leaky ReLU keep NaN, as numpy's `np.maximum` does: a zero would hide weights
    /// that have blown up. Every other activation keeps it too.
    #[test]
    fn nan_stays_nan() {
        for &activation in AnyActivation::ALL {
            assert!(activation.apply(f64::NAN).is_nan(), "{activation}");
            assert!(activation.apply(f32::NAN).is_nan(), "{activation}");
        }
        // np.maximum(-0.0, 0) is 0, not -0.
        assert_eq!(Relu.apply(-0.0f64).to_bits(), 0.0f64.to_bits());
        assert_eq!(Relu.apply(-0.0f32).to_bits(), 0.0f32.to_bits());
    }

    #[test]
    fn the_types_take_no_room() {
        assert_eq!(core::mem::size_of::<Sigmoid>(), 0);
        assert_eq!(core::mem::size_of::<Linear>(), 0);
    }
}

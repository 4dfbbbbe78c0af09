//! The article's network: weights `Wh` and `Wz`, a forward pass, and full-batch backpropagation.
//!
//! ```
//! use stacknet::{xor, Network, Variant};
//!
//! let mut rng = stacknet::fastrand::Rng::with_seed(7);
//! let mut network = Network::<2, 3, 1>::random(&mut rng);
//! let z = network.train(&xor::INPUTS, &xor::TARGETS, Variant::Classic, 60_000);
//! assert!(xor::is_learnt(&z));
//! ```
//!
//! The network has no biases: its only parameters are the two weight matrices. With `N` rows of
//! input, the shapes at each step of one epoch are (the article's names on the left):
//!
//! ```text
//! X  : N x I    input rows                     Wh : I x H    weights into the hidden layer
//! H  : N x H    sigmoid(X . Wh)                Wz : H x O    weights into the output layer
//! Z  : N x O    sigmoid(H . Wz), or H . Wz     E  : N x O    Y - Z, how much we missed
//! dZ : N x O    E * sigmoid_(Z), or E * L      dH : N x H    dZ . Wz^T * sigmoid_(H)
//! Wz += H^T . dZ   (H x N . N x O = H x O)     Wh += X^T . dH   (I x N . N x H = I x H)
//! ```
//!
//! Every one of those shapes is in the types below, so a step that multiplied the wrong pair of
//! matrices would not compile.

use crate::activation::{sigmoid, sigmoid_derivative};
use crate::Matrix;

/// Which of the article's two programs to run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Variant {
    /// The first program: sigmoid on both layers, no learning rate (it is 1), 60000 epochs.
    Classic,
    /// The "improved" program: sigmoid hidden layer, linear output, `dZ = E * learning_rate`,
    /// 20000 epochs; and `Wz` is updated *before* `dH` is computed from it, as the article does.
    Improved {
        /// The article's `L`; [`Variant::IMPROVED`] uses its value, 0.1.
        learning_rate: f64,
    },
}

impl Variant {
    /// The article's learning rate `L` for the improved program.
    pub const ARTICLE_LEARNING_RATE: f64 = 0.1;

    /// The improved program exactly as the article runs it, with `L = 0.1`.
    pub const IMPROVED: Self = Self::Improved {
        learning_rate: Self::ARTICLE_LEARNING_RATE,
    };

    /// The number of epochs the article runs this program for: 60000 classic, 20000 improved.
    pub const fn article_epochs(self) -> u32 {
        match self {
            Self::Classic => 60_000,
            Self::Improved { .. } => 20_000,
        }
    }

    /// The program's name on the command line: `classic` or `improved`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Classic => "classic",
            Self::Improved { .. } => "improved",
        }
    }
}

/// A network of `I` inputs, `H` hidden units and `O` outputs, without biases.
///
/// It is two matrices on the stack, `8 * (I * H + H * O)` bytes: 72 for the article's 2-3-1.
/// Training takes the `N` rows of a batch by value, so the work space lives on the stack too.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Network<const I: usize, const H: usize, const O: usize> {
    /// The article's `Wh`: row `i`, column `j` is the weight from input `i` to hidden unit `j`.
    hidden_weights: Matrix<I, H>,
    /// The article's `Wz`: row `j`, column `k` is the weight from hidden unit `j` to output `k`.
    output_weights: Matrix<H, O>,
}

impl<const I: usize, const H: usize, const O: usize> Network<I, H, O> {
    /// Returns the network with these weights, `Wh` then `Wz`; usable in a `const`, which is how
    /// firmware carries a network trained elsewhere.
    ///
    /// ```
    /// use stacknet::{Matrix, Network};
    ///
    /// const TRAINED: Network<2, 3, 1> = Network::from_weights(
    ///     Matrix::from_rows([[0.5, -0.25, 1.0], [0.75, 0.5, -1.0]]),
    ///     Matrix::from_rows([[1.5], [-2.0], [0.25]]),
    /// );
    /// assert_eq!(TRAINED.output_weights()[(1, 0)], -2.0);
    /// ```
    pub const fn from_weights(hidden_weights: Matrix<I, H>, output_weights: Matrix<H, O>) -> Self {
        Self {
            hidden_weights,
            output_weights,
        }
    }

    /// Returns a network with every weight drawn uniformly from `[0, 1)`, like the article's
    /// `np.random.uniform(size=...)`: all of `Wh` first, row by row, then `Wz`.
    ///
    /// The draws come from the `rng` the caller seeds, so a run can be repeated; they are not
    /// numpy's stream, so the same seed gives other weights than numpy's.
    pub fn random(rng: &mut fastrand::Rng) -> Self {
        let hidden_weights = Matrix::zeros().map(|_| rng.f64());
        let output_weights = Matrix::zeros().map(|_| rng.f64());
        Self::from_weights(hidden_weights, output_weights)
    }

    /// The article's `Wh`, `I x H`.
    pub const fn hidden_weights(&self) -> &Matrix<I, H> {
        &self.hidden_weights
    }

    /// The article's `Wz`, `H x O`.
    pub const fn output_weights(&self) -> &Matrix<H, O> {
        &self.output_weights
    }

    /// Returns the hidden layer's outputs for each input row: `H = sigmoid(X . Wh)`.
    #[inline(always)]
    pub fn hidden_layer<const N: usize>(&self, inputs: &Matrix<N, I>) -> Matrix<N, H> {
        inputs.dot(&self.hidden_weights).map(sigmoid)
    }

    /// Returns the network's outputs for each input row: the article's `Z`.
    ///
    /// `Z = sigmoid(H . Wz)` for [`Variant::Classic`], `Z = H . Wz` for [`Variant::Improved`].
    #[inline(always)]
    pub fn predict<const N: usize>(&self, inputs: &Matrix<N, I>, variant: Variant) -> Matrix<N, O> {
        self.output_layer(&self.hidden_layer(inputs), variant)
    }

    /// `Z` from `H`: the output layer, with or without its sigmoid.
    #[inline(always)]
    fn output_layer<const N: usize>(
        &self,
        hidden: &Matrix<N, H>,
        variant: Variant,
    ) -> Matrix<N, O> {
        let weighted = hidden.dot(&self.output_weights);
        match variant {
            Variant::Classic => weighted.map(sigmoid),
            Variant::Improved { .. } => weighted,
        }
    }

    /// Runs one epoch of the article's loop on the whole batch: a forward pass, then one update
    /// of both weight matrices. Returns the `Z` of the forward pass, computed before the update.
    ///
    /// ```
    /// use stacknet::{xor, Matrix, Network, Variant};
    ///
    /// let mut network = Network::from_weights(
    ///     Matrix::from_rows([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]),
    ///     Matrix::from_rows([[0.7], [0.8], [0.9]]),
    /// );
    /// let before = network;
    /// let z = network.train_step(&xor::INPUTS, &xor::TARGETS, Variant::Classic);
    /// assert_eq!(z, before.predict(&xor::INPUTS, Variant::Classic));
    /// assert_ne!(network, before);
    /// ```
    #[inline(always)]
    pub fn train_step<const N: usize>(
        &mut self,
        inputs: &Matrix<N, I>,
        targets: &Matrix<N, O>,
        variant: Variant,
    ) -> Matrix<N, O> {
        // H = sigmoid(X . Wh)
        let hidden = self.hidden_layer(inputs);
        // Z = sigmoid(H . Wz), or H . Wz
        let outputs = self.output_layer(&hidden, variant);
        // E = Y - Z
        let error = *targets - outputs;
        // sigmoid_(H), the hidden layer's slope
        let hidden_slope = hidden.map(sigmoid_derivative);
        match variant {
            Variant::Classic => {
                // dZ = E * sigmoid_(Z)
                let output_delta = error * outputs.map(sigmoid_derivative);
                // dH = dZ . Wz^T * sigmoid_(H), from Wz as it was before this step
                let hidden_delta = output_delta.dot_transpose(&self.output_weights) * hidden_slope;
                // Wz += H^T . dZ
                self.output_weights += hidden.transpose_dot(&output_delta);
                // Wh += X^T . dH
                self.hidden_weights += inputs.transpose_dot(&hidden_delta);
            }
            Variant::Improved { learning_rate } => {
                // dZ = E * L
                let output_delta = error.scale(learning_rate);
                // Wz += H^T . dZ
                self.output_weights += hidden.transpose_dot(&output_delta);
                // dH = dZ . Wz^T * sigmoid_(H), from the Wz just updated: the article's order
                let hidden_delta = output_delta.dot_transpose(&self.output_weights) * hidden_slope;
                // Wh += X^T . dH
                self.hidden_weights += inputs.transpose_dot(&hidden_delta);
            }
        }
        outputs
    }

    /// Runs `epochs` epochs of [`train_step`](Self::train_step) and returns the last one's `Z`,
    /// which is what the article prints: the outputs of the weights *before* the final update.
    ///
    /// With `epochs = 0` nothing is trained, and the result is [`predict`](Self::predict)'s.
    pub fn train<const N: usize>(
        &mut self,
        inputs: &Matrix<N, I>,
        targets: &Matrix<N, O>,
        variant: Variant,
        epochs: u32,
    ) -> Matrix<N, O> {
        let mut outputs = self.predict(inputs, variant);
        for _ in 0..epochs {
            outputs = self.train_step(inputs, targets, variant);
        }
        outputs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xor;

    fn network() -> Network<2, 3, 1> {
        Network::from_weights(
            Matrix::from_rows([[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]]),
            Matrix::from_rows([[0.7], [-0.8], [0.9]]),
        )
    }

    /// `Z` for known weights, from hand-checkable arithmetic: with input [0, 0] every hidden
    /// unit sees 0, so `H` is 0.5 throughout and `Z = sigmoid(0.5 * (0.7 - 0.8 + 0.9))`.
    #[test]
    fn forward_pass_of_known_weights() {
        let z = network().predict(&xor::INPUTS, Variant::Classic);
        assert_eq!(z[(0, 0)], sigmoid(0.5 * 0.7 + 0.5 * -0.8 + 0.5 * 0.9));
        let linear = network().predict(&xor::INPUTS, Variant::IMPROVED);
        assert_eq!(linear[(0, 0)], 0.5 * 0.7 + 0.5 * -0.8 + 0.5 * 0.9);
    }

    #[test]
    fn random_weights_lie_in_the_unit_interval_and_follow_the_seed() {
        let mut rng = fastrand::Rng::with_seed(1);
        let first = Network::<2, 8, 1>::random(&mut rng);
        let all = first
            .hidden_weights()
            .as_slice()
            .iter()
            .chain(first.output_weights().as_slice());
        assert!(all.clone().all(|w| (0.0..1.0).contains(w)));
        assert_eq!(first, Network::random(&mut fastrand::Rng::with_seed(1)));
        assert_ne!(first, Network::random(&mut rng));
    }

    #[test]
    fn train_returns_the_outputs_before_the_last_update() {
        let mut trained = network();
        let z = trained.train(&xor::INPUTS, &xor::TARGETS, Variant::Classic, 3);
        let mut stepped = network();
        stepped.train_step(&xor::INPUTS, &xor::TARGETS, Variant::Classic);
        stepped.train_step(&xor::INPUTS, &xor::TARGETS, Variant::Classic);
        assert_eq!(z, stepped.predict(&xor::INPUTS, Variant::Classic));
        assert_ne!(z, trained.predict(&xor::INPUTS, Variant::Classic));
    }

    #[test]
    fn zero_epochs_trains_nothing() {
        let mut untouched = network();
        let z = untouched.train(&xor::INPUTS, &xor::TARGETS, Variant::IMPROVED, 0);
        assert_eq!(untouched, network());
        assert_eq!(z, network().predict(&xor::INPUTS, Variant::IMPROVED));
    }

    #[test]
    fn variants_name_their_article_settings() {
        assert_eq!(Variant::Classic.article_epochs(), 60_000);
        assert_eq!(Variant::IMPROVED.article_epochs(), 20_000);
        assert_eq!(Variant::IMPROVED, Variant::Improved { learning_rate: 0.1 });
        assert_eq!(
            [Variant::Classic.name(), Variant::IMPROVED.name()],
            ["classic", "improved"]
        );
    }
}

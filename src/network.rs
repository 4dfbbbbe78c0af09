//! The article's network: weights `Wh` and `Wz`, a forward pass, and full-batch backpropagation;
//! with biases, other activations and mini-batches as options beyond the article.
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
//! In the article the network has no biases: its only parameters are the two weight matrices.
//! With `N` rows of input, the shapes at each step of one epoch are (the article's names on the
//! left):
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
//! matrices would not compile. [`Settings`] generalises the two programs: any [`Activation`] per
//! layer, any learning rate, and biases `bh` (1 x H) and `bz` (1 x O), added to every row before
//! the activation and trained by the column sums of `dH` and `dZ`.

use core::fmt;

use crate::activation::Activation;
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

    /// This program's settings: activations, learning rate, biases (off) and order of updates.
    pub const fn settings(self) -> Settings {
        match self {
            Self::Classic => Settings {
                hidden_activation: Activation::Sigmoid,
                output_activation: Activation::Sigmoid,
                learning_rate: 1.0,
                biases: false,
                hidden_delta_after_output_update: false,
            },
            Self::Improved { learning_rate } => Settings {
                hidden_activation: Activation::Sigmoid,
                output_activation: Activation::Linear,
                learning_rate,
                biases: false,
                hidden_delta_after_output_update: true,
            },
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

/// How a network computes and learns. [`Variant`]s convert into these, so every method that
/// takes settings takes a `Variant` too.
///
/// ```
/// use stacknet::{Activation, Settings, Variant};
///
/// let sine = Settings {
///     hidden_activation: Activation::Tanh,
///     output_activation: Activation::Linear,
///     learning_rate: 0.05,
///     biases: true,
///     hidden_delta_after_output_update: false,
/// };
/// assert_eq!(Settings::from(Variant::Classic), Variant::Classic.settings());
/// # let _ = sine;
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    /// The hidden layer's activation: sigmoid in the article.
    pub hidden_activation: Activation,
    /// The output layer's activation: sigmoid in the classic program, linear in the improved.
    pub output_activation: Activation,
    /// The factor `L` in `dZ = E * f'(Z) * L`, which scales both updates; 1 in the classic
    /// program, 0.1 in the improved.
    pub learning_rate: f64,
    /// Whether the layers add biases and train them. Off in both of the article's programs.
    pub biases: bool,
    /// Whether `dH` is computed from `Wz` *after* this step has updated it, as the article's
    /// improved program does; otherwise from `Wz` before the step, which is the true gradient.
    pub hidden_delta_after_output_update: bool,
}

impl From<Variant> for Settings {
    fn from(variant: Variant) -> Self {
        variant.settings()
    }
}

/// How many rows of the training data each update sees.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Batch {
    /// All rows at once, one update per epoch: the article's full batch.
    Full,
    /// Mini-batches of this many rows (at least 1): each epoch shuffles the rows and makes one
    /// update per batch, the last batch taking what is left.
    Rows(usize),
}

/// Training stopped because the loss stopped being a finite number: the weights blew up,
/// usually from too high a learning rate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Diverged {
    /// The epoch, counted from 1, whose outputs were no longer finite.
    pub epoch: u32,
}

impl fmt::Display for Diverged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "training diverged at epoch {}: the loss is no longer finite",
            self.epoch
        )
    }
}

/// A network of `I` inputs, `H` hidden units and `O` outputs.
///
/// It is plain data on the stack: two weight matrices and two rows of biases,
/// `8 * (I * H + H + H * O + O)` bytes (104 for the article's 2-3-1). The biases stay zero and
/// unused unless [`Settings::biases`] is on. Training takes the `N` rows of a batch by value, so
/// the work space lives on the stack too.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Network<const I: usize, const H: usize, const O: usize> {
    /// The article's `Wh`: row `i`, column `j` is the weight from input `i` to hidden unit `j`.
    hidden_weights: Matrix<I, H>,
    /// `bh`: hidden unit `j`'s bias is column `j`.
    hidden_biases: Matrix<1, H>,
    /// The article's `Wz`: row `j`, column `k` is the weight from hidden unit `j` to output `k`.
    output_weights: Matrix<H, O>,
    /// `bz`: output `k`'s bias is column `k`.
    output_biases: Matrix<1, O>,
}

impl<const I: usize, const H: usize, const O: usize> Network<I, H, O> {
    /// Returns the network with these weights, `Wh` then `Wz`, and zero biases; usable in a
    /// `const`, which is how firmware carries a network trained elsewhere.
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
            hidden_biases: Matrix::zeros(),
            output_weights,
            output_biases: Matrix::zeros(),
        }
    }

    /// Returns the network with its biases replaced: `bh` for the hidden layer, `bz` for the
    /// output layer. Also a `const fn`.
    ///
    /// ```
    /// use stacknet::{Matrix, Network};
    ///
    /// const SINE: Network<1, 2, 1> = Network::from_weights(
    ///     Matrix::from_rows([[1.0, -1.0]]),
    ///     Matrix::from_rows([[0.5], [0.5]]),
    /// )
    /// .with_biases(Matrix::from_rows([[0.1, 0.2]]), Matrix::from_rows([[-0.3]]));
    /// assert_eq!(SINE.output_biases()[(0, 0)], -0.3);
    /// ```
    pub const fn with_biases(
        self,
        hidden_biases: Matrix<1, H>,
        output_biases: Matrix<1, O>,
    ) -> Self {
        Self {
            hidden_biases,
            output_biases,
            ..self
        }
    }

    /// Returns a network with every weight drawn uniformly from `[0, 1)`, like the article's
    /// `np.random.uniform(size=...)`: all of `Wh` first, row by row, then `Wz`. Biases start
    /// at zero.
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

    /// The hidden layer's biases `bh`, `1 x H`.
    pub const fn hidden_biases(&self) -> &Matrix<1, H> {
        &self.hidden_biases
    }

    /// The article's `Wz`, `H x O`.
    pub const fn output_weights(&self) -> &Matrix<H, O> {
        &self.output_weights
    }

    /// The output layer's biases `bz`, `1 x O`.
    pub const fn output_biases(&self) -> &Matrix<1, O> {
        &self.output_biases
    }

    /// Returns the hidden layer's outputs for each input row: `H = sigmoid(X . Wh)` in the
    /// article, `f(X . Wh + bh)` in general.
    #[inline(always)]
    pub fn hidden_layer<const N: usize>(
        &self,
        inputs: &Matrix<N, I>,
        settings: impl Into<Settings>,
    ) -> Matrix<N, H> {
        let settings = settings.into();
        let mut weighted = inputs.dot(&self.hidden_weights);
        if settings.biases {
            weighted = weighted.add_to_each_row(&self.hidden_biases);
        }
        weighted.map(|x| settings.hidden_activation.apply(x))
    }

    /// Returns the network's outputs for each input row: the article's `Z`.
    ///
    /// `Z = sigmoid(H . Wz)` for [`Variant::Classic`], `Z = H . Wz` for [`Variant::Improved`],
    /// `f(H . Wz + bz)` in general.
    #[inline(always)]
    pub fn predict<const N: usize>(
        &self,
        inputs: &Matrix<N, I>,
        settings: impl Into<Settings>,
    ) -> Matrix<N, O> {
        let settings = settings.into();
        self.output_layer(&self.hidden_layer(inputs, settings), settings)
    }

    /// `Z` from `H`: the output layer.
    #[inline(always)]
    fn output_layer<const N: usize>(
        &self,
        hidden: &Matrix<N, H>,
        settings: Settings,
    ) -> Matrix<N, O> {
        let mut weighted = hidden.dot(&self.output_weights);
        if settings.biases {
            weighted = weighted.add_to_each_row(&self.output_biases);
        }
        weighted.map(|x| settings.output_activation.apply(x))
    }

    /// Returns the mean squared error of the outputs against `targets`: the loss that
    /// `--every` and divergence checks report.
    pub fn mean_squared_error<const N: usize>(
        &self,
        inputs: &Matrix<N, I>,
        targets: &Matrix<N, O>,
        settings: impl Into<Settings>,
    ) -> f64 {
        self.predict(inputs, settings).mean_squared_error(targets)
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
        settings: impl Into<Settings>,
    ) -> Matrix<N, O> {
        self.step(inputs, targets, settings.into(), None)
    }

    /// One update from the rows that `rows_in_batch` marks with 1 (all rows when `None`).
    ///
    /// The forward pass covers every row; rows outside the batch get an error of zero, so they
    /// add nothing to any update. Returns the `Z` of the forward pass.
    #[inline(always)]
    fn step<const N: usize>(
        &mut self,
        inputs: &Matrix<N, I>,
        targets: &Matrix<N, O>,
        settings: Settings,
        rows_in_batch: Option<&Matrix<N, O>>,
    ) -> Matrix<N, O> {
        // H = sigmoid(X . Wh)
        let hidden = self.hidden_layer(inputs, settings);
        // Z = sigmoid(H . Wz), or H . Wz
        let outputs = self.output_layer(&hidden, settings);
        // E = Y - Z
        let mut error = *targets - outputs;
        if let Some(mask) = rows_in_batch {
            error = error * *mask;
        }
        // dZ = E * sigmoid_(Z) in the classic program (its rate is 1, and multiplying by 1 is
        // exact); dZ = E * L in the improved (the linear slope is 1, also exact).
        let output_slope = outputs.map(|z| settings.output_activation.derivative(z));
        let output_delta = (error * output_slope).scale(settings.learning_rate);
        // sigmoid_(H), the hidden layer's slope
        let hidden_slope = hidden.map(|h| settings.hidden_activation.derivative(h));
        if settings.hidden_delta_after_output_update {
            // Wz += H^T . dZ, then dH = dZ . Wz^T * sigmoid_(H) from the Wz just updated: the
            // improved program's order.
            self.update_output_layer(&hidden, &output_delta, settings);
            let hidden_delta = output_delta.dot_transpose(&self.output_weights) * hidden_slope;
            self.update_hidden_layer(inputs, &hidden_delta, settings);
        } else {
            // dH = dZ . Wz^T * sigmoid_(H) from Wz as it was before this step, then both updates.
            let hidden_delta = output_delta.dot_transpose(&self.output_weights) * hidden_slope;
            self.update_output_layer(&hidden, &output_delta, settings);
            self.update_hidden_layer(inputs, &hidden_delta, settings);
        }
        outputs
    }

    /// `Wz += H^T . dZ`, and `bz += ` the column sums of `dZ` when biases are on.
    #[inline(always)]
    fn update_output_layer<const N: usize>(
        &mut self,
        hidden: &Matrix<N, H>,
        output_delta: &Matrix<N, O>,
        settings: Settings,
    ) {
        self.output_weights += hidden.transpose_dot(output_delta);
        if settings.biases {
            self.output_biases += output_delta.column_sums();
        }
    }

    /// `Wh += X^T . dH`, and `bh += ` the column sums of `dH` when biases are on.
    #[inline(always)]
    fn update_hidden_layer<const N: usize>(
        &mut self,
        inputs: &Matrix<N, I>,
        hidden_delta: &Matrix<N, H>,
        settings: Settings,
    ) {
        self.hidden_weights += inputs.transpose_dot(hidden_delta);
        if settings.biases {
            self.hidden_biases += hidden_delta.column_sums();
        }
    }

    /// Runs `epochs` epochs of [`train_step`](Self::train_step) and returns the last one's `Z`,
    /// which is what the article prints: the outputs of the weights *before* the final update.
    ///
    /// With `epochs = 0` nothing is trained, and the result is [`predict`](Self::predict)'s.
    /// Nothing is checked on the way; [`try_train`](Self::try_train) stops when training
    /// diverges.
    pub fn train<const N: usize>(
        &mut self,
        inputs: &Matrix<N, I>,
        targets: &Matrix<N, O>,
        settings: impl Into<Settings>,
        epochs: u32,
    ) -> Matrix<N, O> {
        let settings = settings.into();
        let mut outputs = self.predict(inputs, settings);
        for _ in 0..epochs {
            outputs = self.train_step(inputs, targets, settings);
        }
        outputs
    }

    /// Trains for `epochs` epochs in full or mini-batches, and stops with [`Diverged`] as soon
    /// as an epoch's outputs are not finite. Returns the `Z` of the last forward pass, as
    /// [`train`](Self::train) does, to which it is identical for [`Batch::Full`].
    ///
    /// `rng` shuffles the rows of each epoch for mini-batches; full batches do not use it.
    ///
    /// ```
    /// use stacknet::{xor, Batch, Network, Settings, Variant};
    ///
    /// // Mini-batches of 2 rows, with a smaller step than the classic program's.
    /// let settings = Settings { learning_rate: 0.1, ..Variant::Classic.settings() };
    /// let mut rng = stacknet::fastrand::Rng::with_seed(5);
    /// let mut network = Network::<2, 3, 1>::random(&mut rng);
    /// let z = network.try_train(&xor::INPUTS, &xor::TARGETS, settings, 60_000, Batch::Rows(2), &mut rng);
    /// assert!(z.is_ok());
    /// assert!(xor::is_learnt(&network.predict(&xor::INPUTS, settings)));
    ///
    /// let mut reckless = Network::<2, 3, 1>::random(&mut rng);
    /// let too_fast = Variant::Improved { learning_rate: 50.0 };
    /// let result = reckless.try_train(&xor::INPUTS, &xor::TARGETS, too_fast, 1000, Batch::Full, &mut rng);
    /// assert!(result.unwrap_err().epoch < 1000);
    /// ```
    pub fn try_train<const N: usize>(
        &mut self,
        inputs: &Matrix<N, I>,
        targets: &Matrix<N, O>,
        settings: impl Into<Settings>,
        epochs: u32,
        batch: Batch,
        rng: &mut fastrand::Rng,
    ) -> Result<Matrix<N, O>, Diverged> {
        let settings = settings.into();
        let mut outputs = self.predict(inputs, settings);
        let mut order: [usize; N] = core::array::from_fn(|row| row);
        for epoch in 1..=epochs {
            match batch {
                Batch::Full => outputs = self.step(inputs, targets, settings, None),
                Batch::Rows(size) => {
                    rng.shuffle(&mut order);
                    for rows in order.chunks(size.max(1)) {
                        let mut in_batch = Matrix::<N, O>::zeros();
                        for &row in rows {
                            in_batch.rows_mut()[row] = [1.0; O];
                        }
                        outputs = self.step(inputs, targets, settings, Some(&in_batch));
                    }
                }
            }
            if !outputs.as_slice().iter().all(|z| z.is_finite()) {
                return Err(Diverged { epoch });
            }
        }
        Ok(outputs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{sigmoid, xor};

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

    /// The size the docs and the README state: 8 bytes for each of 6 + 3 + 3 + 1 numbers.
    #[test]
    fn a_2_3_1_network_is_104_bytes() {
        assert_eq!(core::mem::size_of::<Network<2, 3, 1>>(), 104);
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

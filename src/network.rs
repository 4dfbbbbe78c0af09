//! The article's network: weights `Wh` and `Wz`, an activation for each layer, a forward pass,
//! and the backpropagation loop that trains it.
//!
//! ```
//! use stacknet::{xor, Network, Training};
//!
//! let mut rng = stacknet::fastrand::Rng::with_seed(7);
//! let mut network = Network::<2, 3, 1>::random(&mut rng);
//! let z = network.train(&xor::INPUTS, &xor::TARGETS, Training::CLASSIC, 60_000)?;
//! assert!(xor::is_learnt(&z));
//! # Ok::<(), stacknet::Diverged>(())
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
//! matrices would not compile. Beyond the article, each layer may have another [`Activation`]
//! and biases `bh` (1 x H) and `bz` (1 x O), added to every row before the activation; how the
//! network learns is a separate value, a [`Training`].

use crate::activation::{Activation, Sigmoid};
use crate::training::{Batch, Diverged, HiddenDelta, Training};
use crate::{Float, Matrix};

/// A network of `I` inputs, `H` hidden units and `O` outputs, whose hidden layer computes
/// `Hidden` and whose output layer computes `Output`.
///
/// Both activations default to [`Sigmoid`], so `Network<2, 3, 1>` is the article's classic
/// network; its improved program's is `Network<2, 3, 1, Sigmoid, Linear>`. A network is all a
/// forward pass needs, so one built in a `const` is ready to [`predict`](Self::predict).
///
/// It is plain data on the stack: two weight matrices and two rows of biases,
/// `8 * (I * H + H + H * O + O)` bytes (104 for the article's 2-3-1), and nothing for
/// activations that are types ([`AnyActivation`](crate::AnyActivation) takes a byte each).
/// The biases are always added; in the article's programs they are zero and do not learn.
/// Training takes the `N` rows of a batch by reference and keeps its work space on the stack.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Network<
    const I: usize,
    const H: usize,
    const O: usize,
    Hidden = Sigmoid,
    Output = Sigmoid,
    T = f64,
> {
    /// The article's `Wh`: row `i`, column `j` is the weight from input `i` to hidden unit `j`.
    hidden_weights: Matrix<I, H, T>,
    /// `bh`: hidden unit `j`'s bias is column `j`.
    hidden_biases: Matrix<1, H, T>,
    /// The article's `Wz`: row `j`, column `k` is the weight from hidden unit `j` to output `k`.
    output_weights: Matrix<H, O, T>,
    /// `bz`: output `k`'s bias is column `k`.
    output_biases: Matrix<1, O, T>,
    /// What each hidden unit does to its weighted sum: the article's sigmoid.
    hidden_activation: Hidden,
    /// What each output does to its weighted sum: sigmoid (classic) or linear (improved).
    output_activation: Output,
}

/// What one update computed, in the article's names: the matrices of the loop body.
///
/// [`Network::train_watched`] shows it to its caller after every epoch.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct Step<const N: usize, const H: usize, const O: usize, T = f64> {
    /// `H`, the hidden layer's outputs.
    pub hidden: Matrix<N, H, T>,
    /// `Z`, the network's outputs, from the weights before the update.
    pub outputs: Matrix<N, O, T>,
    /// `E = Y - Z`; zero in the rows outside a mini-batch.
    pub error: Matrix<N, O, T>,
    /// `dZ`, the output layer's delta.
    pub output_delta: Matrix<N, O, T>,
    /// `dH`, the hidden layer's delta.
    pub hidden_delta: Matrix<N, H, T>,
}

impl<const N: usize, const H: usize, const O: usize, T: Float> Default for Step<N, H, O, T> {
    /// Every matrix zero, before any update.
    fn default() -> Self {
        Self {
            hidden: Matrix::zeros(),
            outputs: Matrix::zeros(),
            error: Matrix::zeros(),
            output_delta: Matrix::zeros(),
            hidden_delta: Matrix::zeros(),
        }
    }
}

impl<const I: usize, const H: usize, const O: usize, Hidden, Output, T>
    Network<I, H, O, Hidden, Output, T>
where
    Hidden: Activation,
    Output: Activation,
    T: Float,
{
    /// Returns the network with these weights, `Wh` then `Wz`, zero biases, and the activations
    /// of its type; usable in a `const`, which is how firmware carries a network trained
    /// elsewhere.
    ///
    /// ```
    /// use stacknet::{Linear, Matrix, Network, Sigmoid};
    ///
    /// const TRAINED: Network<2, 3, 1, Sigmoid, Linear> = Network::from_weights(
    ///     Matrix::from_rows([[0.5, -0.25, 1.0], [0.75, 0.5, -1.0]]),
    ///     Matrix::from_rows([[1.5], [-2.0], [0.25]]),
    /// );
    /// assert_eq!(TRAINED.output_weights()[(1, 0)], -2.0);
    /// // Input [0, 0]: every hidden unit outputs sigmoid(0) = 0.5, and the output is linear.
    /// assert_eq!(TRAINED.predict(&Matrix::from_rows([[0.0, 0.0]]))[(0, 0)], -0.125);
    /// ```
    #[must_use]
    pub const fn from_weights(
        hidden_weights: Matrix<I, H, T>,
        output_weights: Matrix<H, O, T>,
    ) -> Self {
        Self {
            hidden_weights,
            hidden_biases: Matrix::zeros(),
            output_weights,
            output_biases: Matrix::zeros(),
            hidden_activation: Hidden::DEFAULT,
            output_activation: Output::DEFAULT,
        }
    }

    /// Returns the network with its biases replaced: `bh` for the hidden layer, `bz` for the
    /// output layer. Also a `const fn`.
    ///
    /// ```
    /// use stacknet::{Linear, Matrix, Network, Tanh};
    ///
    /// const SINE: Network<1, 2, 1, Tanh, Linear> = Network::from_weights(
    ///     Matrix::from_rows([[1.0, -1.0]]),
    ///     Matrix::from_rows([[0.5], [0.5]]),
    /// )
    /// .with_biases(Matrix::from_rows([[0.1, 0.2]]), Matrix::from_rows([[-0.3]]));
    /// assert_eq!(SINE.output_biases()[(0, 0)], -0.3);
    /// ```
    #[must_use]
    pub const fn with_biases(
        mut self,
        hidden_biases: Matrix<1, H, T>,
        output_biases: Matrix<1, O, T>,
    ) -> Self {
        self.hidden_biases = hidden_biases;
        self.output_biases = output_biases;
        self
    }

    /// Returns the network with the same weights and biases and these activations: how a
    /// program picks them at run time, with [`AnyActivation`](crate::AnyActivation).
    ///
    /// ```
    /// use stacknet::{Activation, AnyActivation, Network};
    ///
    /// let mut rng = stacknet::fastrand::Rng::with_seed(1);
    /// let network = Network::<2, 3, 1, AnyActivation, AnyActivation>::random(&mut rng)
    ///     .with_activations(AnyActivation::Tanh, AnyActivation::Linear);
    /// assert_eq!(network.hidden_activation().name(), "tanh");
    /// ```
    #[must_use]
    pub const fn with_activations(mut self, hidden: Hidden, output: Output) -> Self {
        self.hidden_activation = hidden;
        self.output_activation = output;
        self
    }

    /// Returns a network with every weight drawn uniformly from `[0, 1)`, like the article's
    /// `np.random.uniform(size=...)`: all of `Wh` first, row by row, then `Wz`. Biases start
    /// at zero.
    ///
    /// The draws come from the `rng` the caller seeds, so a run can be repeated; they are not
    /// numpy's stream, so the same seed gives other weights than numpy's.
    #[must_use]
    pub fn random(rng: &mut fastrand::Rng) -> Self {
        let hidden_weights = Matrix::zeros().map(|_| T::random(rng));
        let output_weights = Matrix::zeros().map(|_| T::random(rng));
        Self::from_weights(hidden_weights, output_weights)
    }

    /// The article's `Wh`, `I x H`.
    pub const fn hidden_weights(&self) -> &Matrix<I, H, T> {
        &self.hidden_weights
    }

    /// The hidden layer's biases `bh`, `1 x H`.
    pub const fn hidden_biases(&self) -> &Matrix<1, H, T> {
        &self.hidden_biases
    }

    /// The article's `Wz`, `H x O`.
    pub const fn output_weights(&self) -> &Matrix<H, O, T> {
        &self.output_weights
    }

    /// The output layer's biases `bz`, `1 x O`.
    pub const fn output_biases(&self) -> &Matrix<1, O, T> {
        &self.output_biases
    }

    /// The hidden layer's activation.
    pub const fn hidden_activation(&self) -> Hidden {
        self.hidden_activation
    }

    /// The output layer's activation.
    pub const fn output_activation(&self) -> Output {
        self.output_activation
    }

    /// Returns the hidden layer's outputs for each input row: the article's
    /// `H = sigmoid(X . Wh)`, and `f(X . Wh + bh)` in general.
    #[inline(always)]
    #[must_use]
    pub fn hidden_layer<const N: usize>(&self, inputs: &Matrix<N, I, T>) -> Matrix<N, H, T> {
        let mut hidden = inputs.dot_plus_row(&self.hidden_weights, &self.hidden_biases);
        self.hidden_activation
            .apply_all(hidden.rows_mut().as_flattened_mut());
        hidden
    }

    /// Returns the output layer's outputs from the hidden layer's: the article's
    /// `Z = sigmoid(H . Wz)` (classic) or `Z = H . Wz` (improved), and `f(H . Wz + bz)` in
    /// general.
    #[inline(always)]
    #[must_use]
    pub fn output_layer<const N: usize>(&self, hidden: &Matrix<N, H, T>) -> Matrix<N, O, T> {
        let mut outputs = hidden.dot_plus_row(&self.output_weights, &self.output_biases);
        self.output_activation
            .apply_all(outputs.rows_mut().as_flattened_mut());
        outputs
    }

    /// Returns the network's outputs for each input row: the article's `Z`.
    #[inline(always)]
    #[must_use]
    pub fn predict<const N: usize>(&self, inputs: &Matrix<N, I, T>) -> Matrix<N, O, T> {
        self.output_layer(&self.hidden_layer(inputs))
    }

    /// Returns the mean squared error of the network's outputs against `targets`: the loss that
    /// training lowers, up to a constant factor (the walkthrough derives the updates from half
    /// the *sum* of the squared errors, which is `N * O / 2` times this mean).
    #[must_use]
    pub fn mean_squared_error<const N: usize>(
        &self,
        inputs: &Matrix<N, I, T>,
        targets: &Matrix<N, O, T>,
    ) -> T {
        self.predict(inputs).mean_squared_error(targets)
    }

    /// The article's loop body: one forward pass over every row and one update of the weights,
    /// learning from the rows numbered in `batch_rows` (from all of them when `None`).
    /// What it computes it writes into `step`, whose fields are the article's matrices: written
    /// in place, they need no copies on a small stack.
    ///
    /// The lines come in the article's order, each under a comment with the article's line.
    #[inline(always)]
    fn learn<const N: usize>(
        &mut self,
        inputs: &Matrix<N, I, T>,
        targets: &Matrix<N, O, T>,
        training: Training,
        batch_rows: Option<&[usize]>,
        step: &mut Step<N, H, O, T>,
    ) {
        let Step {
            hidden,
            outputs,
            error,
            output_delta,
            hidden_delta,
        } = step;
        // H = sigmoid(X . Wh)
        *hidden = self.hidden_layer(inputs);
        // Z = sigmoid(H . Wz)
        *outputs = self.output_layer(hidden);
        // E = Y - Z; a mini-batch learns from its own rows only, so the others' error is zero.
        *error = *targets - *outputs;
        if let Some(rows) = batch_rows {
            for (row, row_error) in error.rows_mut().iter_mut().enumerate() {
                if !rows.contains(&row) {
                    *row_error = [T::ZERO; O];
                }
            }
        }
        // dZ = E * sigmoid_(Z) * L. The classic program's L is 1 and the improved program's
        // linear slope is 1: multiplying by 1 is exact, so both are the article's to the bit.
        *output_delta = (*error * outputs.map(|z| self.output_activation.derivative(z)))
            .scale(T::from_f64(training.learning_rate));
        // Wz's step H^T . dZ, and Wz after it: dH is computed from Wz before or after the step.
        let updated_output_weights = self.output_weights + hidden.transpose_dot(output_delta);
        let output_weights_for_delta = match training.hidden_delta {
            HiddenDelta::BeforeOutputUpdate => &self.output_weights,
            HiddenDelta::AfterOutputUpdate => &updated_output_weights,
        };
        // dH = dZ . Wz^T * sigmoid_(H)
        *hidden_delta = output_delta.dot_transpose(output_weights_for_delta)
            * hidden.map(|h| self.hidden_activation.derivative(h));
        // Wz += H^T . dZ
        self.output_weights = updated_output_weights;
        // Wh += X^T . dH
        self.hidden_weights += inputs.transpose_dot(hidden_delta);
        // Beyond the article: a bias is a weight on an input that is always 1, so its step is
        // the sum of its unit's delta over the rows.
        if training.train_biases {
            self.output_biases += output_delta.column_sums();
            self.hidden_biases += hidden_delta.column_sums();
        }
    }

    /// Trains for `epochs` epochs, the article's `for i in range(epochs)`, and returns the last
    /// epoch's `Z`: what the article prints, the outputs of the weights *before* the final
    /// update. With `epochs = 0` nothing is trained, and the result is
    /// [`predict`](Self::predict)'s.
    ///
    /// Each epoch is one update from every row ([`Batch::Full`], the article's), or one update
    /// per mini-batch. Training stops with [`Diverged`] as soon as an epoch's outputs are not
    /// finite numbers.
    ///
    /// ```
    /// use stacknet::{xor, Batch, Network, Training};
    ///
    /// // Mini-batches of 2 rows, with a smaller step than the classic program's.
    /// let training = Training::CLASSIC
    ///     .with_learning_rate(0.1)
    ///     .with_batch(Batch::Mini { rows: 2, seed: 5 });
    /// let mut network = Network::<2, 3, 1>::random(&mut stacknet::fastrand::Rng::with_seed(5));
    /// network.train(&xor::INPUTS, &xor::TARGETS, training, 60_000)?;
    /// assert!(xor::is_learnt(&network.predict(&xor::INPUTS)));
    ///
    /// // The improved program at fifty times its learning rate blows up.
    /// let too_fast = Training::IMPROVED.with_learning_rate(5.0);
    /// let mut reckless = Network::<2, 3, 1, stacknet::Sigmoid, stacknet::Linear>::random(
    ///     &mut stacknet::fastrand::Rng::with_seed(5),
    /// );
    /// let diverged = reckless.train(&xor::INPUTS, &xor::TARGETS, too_fast, 1000).unwrap_err();
    /// assert!(diverged.epoch < 1000);
    /// # Ok::<(), stacknet::Diverged>(())
    /// ```
    #[inline(always)]
    pub fn train<const N: usize>(
        &mut self,
        inputs: &Matrix<N, I, T>,
        targets: &Matrix<N, O, T>,
        training: Training,
        epochs: u32,
    ) -> Result<Matrix<N, O, T>, Diverged> {
        self.train_watched(inputs, targets, training, epochs, |_, _| {})
    }

    /// Trains as [`train`](Self::train) does, and after every epoch calls `watch` with the
    /// epoch's number (from 1) and what its last update computed: to print progress, record the
    /// loss, or look at every matrix of the loop. What `watch` does cannot change the training.
    ///
    /// ```
    /// use stacknet::{xor, Network, Training};
    ///
    /// let mut network = Network::<2, 3, 1>::random(&mut stacknet::fastrand::Rng::with_seed(3));
    /// let mut losses = Vec::new();
    /// network.train_watched(&xor::INPUTS, &xor::TARGETS, Training::CLASSIC, 60_000, |epoch, step| {
    ///     if epoch % 20_000 == 0 {
    ///         losses.push(step.outputs.mean_squared_error(&xor::TARGETS));
    ///     }
    /// })?;
    /// assert!(losses[0] > losses[1] && losses[1] > losses[2]);
    /// # Ok::<(), stacknet::Diverged>(())
    /// ```
    #[inline(always)]
    pub fn train_watched<const N: usize>(
        &mut self,
        inputs: &Matrix<N, I, T>,
        targets: &Matrix<N, O, T>,
        training: Training,
        epochs: u32,
        mut watch: impl FnMut(u32, &Step<N, H, O, T>),
    ) -> Result<Matrix<N, O, T>, Diverged> {
        let mut outputs = self.predict(inputs);
        let mut batches = Batches::<N>::new(training.batch);
        // What the last update computed, written in place: no copies of its matrices on a small
        // stack.
        let mut step = Step::default();
        for epoch in 1..=epochs {
            // One update for a full batch, one per mini-batch, the last one's step kept.
            for update in 0..batches.start_epoch() {
                self.learn(inputs, targets, training, batches.rows(update), &mut step);
            }
            // One test of the sum covers every output: NaN and infinities carry through a sum,
            // and outputs so large that their sum overflows have diverged in any sense.
            let sum = step
                .outputs
                .as_slice()
                .iter()
                .fold(T::ZERO, |sum, &z| sum + z);
            if !sum.is_finite() {
                return Err(Diverged::at_epoch(epoch));
            }
            watch(epoch, &step);
            outputs = step.outputs;
        }
        Ok(outputs)
    }
}

/// The rows that each update of an epoch learns from: all of them at once, or mini-batches of a
/// shuffled order.
struct Batches<const N: usize> {
    /// Rows per update: `N` for a full batch.
    rows_per_batch: usize,
    /// This epoch's order of the rows, shuffled at the start of every epoch of mini-batches.
    order: [usize; N],
    /// The generator that shuffles the rows; none for a full batch.
    shuffler: Option<fastrand::Rng>,
}

impl<const N: usize> Batches<N> {
    fn new(batch: Batch) -> Self {
        let (rows_per_batch, shuffler) = match batch {
            Batch::Full => (N, None),
            Batch::Mini { rows, seed } => (rows.max(1), Some(fastrand::Rng::with_seed(seed))),
        };
        Self {
            rows_per_batch,
            order: core::array::from_fn(|row| row),
            shuffler,
        }
    }

    /// Starts an epoch: shuffles the rows for mini-batches. Returns the number of updates, at
    /// least one, the last batch taking what is left.
    #[inline(always)]
    fn start_epoch(&mut self) -> usize {
        if let Some(rng) = &mut self.shuffler {
            rng.shuffle(&mut self.order);
        }
        N.div_ceil(self.rows_per_batch.max(1)).max(1)
    }

    /// The numbers of the rows that update number `update` learns from; `None` for a full
    /// batch, which learns from every row.
    #[inline(always)]
    fn rows(&self, update: usize) -> Option<&[usize]> {
        self.shuffler.as_ref()?;
        self.order.chunks(self.rows_per_batch).nth(update)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{sigmoid, xor, AnyActivation, Linear};

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
        let z = network().predict(&xor::INPUTS);
        assert_eq!(z[(0, 0)], sigmoid(0.5 * 0.7 + 0.5 * -0.8 + 0.5 * 0.9));
        let improved: Network<2, 3, 1, Sigmoid, Linear> =
            Network::from_weights(*network().hidden_weights(), *network().output_weights());
        let linear = improved.predict(&xor::INPUTS);
        assert_eq!(linear[(0, 0)], 0.5 * 0.7 + 0.5 * -0.8 + 0.5 * 0.9);
    }

    #[test]
    fn biases_are_always_added() {
        let biased =
            network().with_biases(Matrix::from_rows([[0.0; 3]]), Matrix::from_rows([[1.0]]));
        let z = biased.predict(&xor::INPUTS);
        // The sum starts from the bias, then adds the products in order.
        assert_eq!(z[(0, 0)], sigmoid(1.0 + 0.5 * 0.7 + 0.5 * -0.8 + 0.5 * 0.9));
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
        let z = trained
            .train(&xor::INPUTS, &xor::TARGETS, Training::CLASSIC, 3)
            .unwrap();
        let mut stepped = network();
        for _ in 0..2 {
            stepped
                .train(&xor::INPUTS, &xor::TARGETS, Training::CLASSIC, 1)
                .unwrap();
        }
        assert_eq!(z, stepped.predict(&xor::INPUTS));
        assert_ne!(z, trained.predict(&xor::INPUTS));
    }

    /// The watcher sees every epoch once, in order, with the outputs `train` returns last.
    #[test]
    fn the_watcher_sees_every_epoch() {
        let mut watched = network();
        let mut seen = std::vec::Vec::new();
        let z = watched
            .train_watched(
                &xor::INPUTS,
                &xor::TARGETS,
                Training::CLASSIC,
                5,
                |epoch, step| {
                    seen.push((epoch, step.outputs));
                },
            )
            .unwrap();
        assert_eq!(
            seen.iter()
                .map(|(epoch, _)| *epoch)
                .collect::<std::vec::Vec<_>>(),
            [1, 2, 3, 4, 5]
        );
        assert_eq!(seen[4].1, z);
        assert_eq!(seen[0].1, network().predict(&xor::INPUTS));
    }

    /// The size the docs and the README state: 8 bytes for each of 6 + 3 + 3 + 1 numbers, and
    /// nothing for activations that are types.
    #[test]
    fn a_2_3_1_network_is_104_bytes() {
        assert_eq!(core::mem::size_of::<Network<2, 3, 1>>(), 104);
        assert_eq!(
            core::mem::size_of::<Network<2, 3, 1, Sigmoid, Linear>>(),
            104
        );
        assert_eq!(
            core::mem::size_of::<Network<2, 3, 1, AnyActivation, AnyActivation>>(),
            112,
            "two bytes of choice, padded to the 8-byte alignment of the weights"
        );
    }

    #[test]
    fn zero_epochs_trains_nothing() {
        let mut untouched = network();
        let z = untouched
            .train(&xor::INPUTS, &xor::TARGETS, Training::IMPROVED, 0)
            .unwrap();
        assert_eq!(untouched, network());
        assert_eq!(z, network().predict(&xor::INPUTS));
    }

    /// Biases move only when the training says so.
    #[test]
    fn biases_learn_only_when_told() {
        let mut held = network();
        held.train(&xor::INPUTS, &xor::TARGETS, Training::CLASSIC, 10)
            .unwrap();
        assert_eq!(held.hidden_biases(), &Matrix::zeros());
        assert_eq!(held.output_biases(), &Matrix::zeros());
        let mut learning = network();
        let training = Training::CLASSIC.with_trained_biases(true);
        learning
            .train(&xor::INPUTS, &xor::TARGETS, training, 10)
            .unwrap();
        assert_ne!(learning.hidden_biases(), &Matrix::zeros());
        assert_ne!(learning.output_biases(), &Matrix::zeros());
    }

    /// The run-time choice trains to the same bits as the types it names.
    #[test]
    fn any_activation_trains_as_its_types() {
        let mut typed: Network<2, 3, 1, Sigmoid, Linear> =
            Network::from_weights(*network().hidden_weights(), *network().output_weights());
        let mut chosen = Network::<2, 3, 1, AnyActivation, AnyActivation>::from_weights(
            *network().hidden_weights(),
            *network().output_weights(),
        )
        .with_activations(AnyActivation::Sigmoid, AnyActivation::Linear);
        let a = typed
            .train(&xor::INPUTS, &xor::TARGETS, Training::IMPROVED, 100)
            .unwrap();
        let b = chosen
            .train(&xor::INPUTS, &xor::TARGETS, Training::IMPROVED, 100)
            .unwrap();
        assert_eq!(a, b);
        assert_eq!(typed.hidden_weights(), chosen.hidden_weights());
    }
}

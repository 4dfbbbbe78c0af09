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
//! With `N` rows of input, `I` inputs, `H` hidden units and `O` outputs (the sizes of
//! `Network<I, H, O>`), the shapes at each step of one epoch are as below, the article's
//! matrices on the left of each colon. The letter `H` does two jobs, as in the article: before
//! a colon it is the hidden layer's outputs, after one it is their number.
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

use core::ops::ControlFlow;

use crate::activation::{Activation, Sigmoid};
use crate::training::{Batch, Diverged, HiddenDelta, NotFinite, Training};
use crate::{Float, Matrix};

/// A network of `I` inputs, `H` hidden units and `O` outputs, whose hidden layer computes
/// `Hidden` and whose output layer computes `Output`.
///
/// Both activations default to [`Sigmoid`], so `Network<2, 3, 1>` is the article's classic
/// network; its improved program's is `Network<2, 3, 1, Sigmoid, Linear>`. A network is all a
/// forward pass needs, so one built in a `const` is ready to [`predict`](Self::predict).
///
/// It is plain data on the stack: two weight matrices and two rows of biases,
/// `s * (I * H + H + H * O + O)` bytes, `s` being 8 for `f64` and 4 for `f32` (104 and 52 for
/// the article's 2-3-1), and nothing for
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
    /// assert_eq!(network.hidden_activation().to_string(), "tanh");
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
    /// learning from the rows numbered in `batch_rows` (from all of them when `None`; a mini-batch
    /// gives its rows in ascending order). What it computes it writes into `step`, whose fields
    /// are the article's matrices: written in place, they need no copies on a small stack.
    ///
    /// The lines come in the article's order, each under a comment with the article's line; the
    /// article writes `sigmoid` where a layer applies its activation (to its weighted sums plus
    /// its biases, which are zero in the article), and `sigmoid_` where it takes its slope. Its two programs order the updates differently: the classic program
    /// computes `dH` and then moves `Wz`, the improved program moves `Wz` first and computes `dH`
    /// from the moved weights ([`HiddenDelta`]), and so does this function.
    ///
    /// Always inlined into the epoch loop: measured with `make embedded`, out of line it costs
    /// every chip 16 to 48 bytes more stack for a training call (its own frame), which the
    /// firmware budgets count. `train` and `train_watched` are `#[inline]`, so that a program's
    /// own [`Training`], often a constant, reaches the loop in cargo's default release build,
    /// which has no link-time optimisation: there the classic program's learning rate of 1 costs
    /// no multiplication at all. Out of line, `make bench` measured the library's classic
    /// epoch at 0.91 to 0.94 times the fastest C's time in that build, against 0.75 inlined.
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
        // Z = sigmoid(H . Wz), or Z = H . Wz in the improved program
        *outputs = self.output_layer(hidden);
        // E = Y - Z; a mini-batch learns from its own rows only, so the others' error is zero.
        *error = *targets - *outputs;
        if let Some(rows) = batch_rows {
            zero_rows_outside(error, rows);
        }
        // dZ = E * sigmoid_(Z), or dZ = E * L in the improved program: here E * f'(Z) * L for
        // both, since multiplying by the classic program's L = 1 or by the linear output's
        // slope 1 is exact.
        *output_delta = (*error * slopes(self.output_activation, outputs))
            .scale(T::from_f64(training.learning_rate));
        if training.hidden_delta == HiddenDelta::AfterOutputUpdate {
            // Wz += H.T.dot(dZ), in the improved program before dH
            self.output_weights += hidden.transpose_dot(output_delta);
        }
        // dH = dZ.dot(Wz.T) * sigmoid_(H)
        *hidden_delta = output_delta.dot_transpose(&self.output_weights)
            * slopes(self.hidden_activation, hidden);
        if training.hidden_delta == HiddenDelta::BeforeOutputUpdate {
            // Wz += H.T.dot(dZ), in the classic program after dH
            self.output_weights += hidden.transpose_dot(output_delta);
        }
        // Wh += X.T.dot(dH)
        self.hidden_weights += inputs.transpose_dot(hidden_delta);
        // Beyond the article: a bias is a weight on an input that is always 1, so its step is
        // the sum of its unit's delta over the rows.
        if training.train_biases {
            self.output_biases += output_delta.column_sums();
            self.hidden_biases += hidden_delta.column_sums();
        }
    }

    /// [`learn`](Self::learn) for a mini-batch, at the cost of the batch's rows alone: the same
    /// lines, for each row of the batch on its own, since a row's `H`, `Z`, `E`, `dZ` and `dH`
    /// depend on that row alone. Each update sums over the batch's rows in ascending order, as
    /// `learn` sums over every row, where the rows outside the batch add exact zeros that leave
    /// a sum unchanged: the same numbers to the last bit, while every number stays finite.
    ///
    /// `rows` are the batch's row numbers in ascending order. `step` is work space: each batch
    /// row's `H` and `dZ` are kept in their rows of `step.hidden` and `step.output_delta`
    /// between the two passes.
    fn learn_from_rows<const N: usize>(
        &mut self,
        inputs: &Matrix<N, I, T>,
        targets: &Matrix<N, O, T>,
        training: Training,
        rows: &[usize],
        step: &mut Step<N, H, O, T>,
    ) {
        let learning_rate = T::from_f64(training.learning_rate);
        // First pass: H, Z, E and dZ of each row, and Wz's step H.T.dot(dZ).
        let mut output_step = Matrix::<H, O, T>::zeros();
        for &row in rows {
            let hidden = self.hidden_layer(&Matrix::from_rows([inputs.rows()[row]]));
            let outputs = self.output_layer(&hidden);
            let error = Matrix::from_rows([targets.rows()[row]]) - outputs;
            let output_delta =
                (error * slopes(self.output_activation, &outputs)).scale(learning_rate);
            add_product(&mut output_step, &hidden, &output_delta);
            step.hidden.rows_mut()[row] = hidden.into_rows()[0];
            step.output_delta.rows_mut()[row] = output_delta.into_rows()[0];
        }
        if training.hidden_delta == HiddenDelta::AfterOutputUpdate {
            self.output_weights += output_step;
        }
        // Second pass: dH of each row, and the steps of Wh and of the biases.
        let mut hidden_step = Matrix::<I, H, T>::zeros();
        let mut hidden_bias_step = Matrix::<1, H, T>::zeros();
        let mut output_bias_step = Matrix::<1, O, T>::zeros();
        for &row in rows {
            let hidden = Matrix::from_rows([step.hidden.rows()[row]]);
            let output_delta = Matrix::from_rows([step.output_delta.rows()[row]]);
            let hidden_delta = output_delta.dot_transpose(&self.output_weights)
                * slopes(self.hidden_activation, &hidden);
            add_product(
                &mut hidden_step,
                &Matrix::from_rows([inputs.rows()[row]]),
                &hidden_delta,
            );
            output_bias_step += output_delta;
            hidden_bias_step += hidden_delta;
        }
        if training.hidden_delta == HiddenDelta::BeforeOutputUpdate {
            self.output_weights += output_step;
        }
        self.hidden_weights += hidden_step;
        if training.train_biases {
            self.output_biases += output_bias_step;
            self.hidden_biases += hidden_bias_step;
        }
    }

    /// Whether every weight and bias is a finite number.
    fn parameters_are_finite(&self) -> bool {
        all_finite(self.hidden_weights.as_slice())
            & all_finite(self.output_weights.as_slice())
            & self.biases_are_finite()
    }

    /// Whether both rows of biases are finite numbers.
    fn biases_are_finite(&self) -> bool {
        all_finite(self.hidden_biases.as_slice()) & all_finite(self.output_biases.as_slice())
    }

    /// After an epoch's last update, whether everything it may have made infinite or NaN is
    /// finite: the weights, the biases if they learn, and the epoch's outputs `Z` (passed for
    /// mini-batches, and for a network without hidden units). Exact, with
    /// fewer tests than that: for a full batch the outputs need none of their own, since a
    /// non-finite output makes its row's `E` and `dZ` non-finite, and every `Wz += H.T.dot(dZ)`
    /// in its column then too (a non-finite factor makes a product infinite or NaN, `0 * inf`
    /// included, and a sum with an infinite or NaN term is infinite or NaN, `inf - inf`
    /// included), whatever the activations and the learning rate. A mini-batch's last update
    /// zeroes the error outside its batch, and a network without hidden units has no `Wz`, so
    /// there the outputs are tested too.
    #[inline(always)]
    fn learnt_are_finite(&self, training: Training, outputs_to_test: Option<&[T]>) -> bool {
        let weights =
            all_finite(self.hidden_weights.as_slice()) & all_finite(self.output_weights.as_slice());
        let biases = !training.train_biases || self.biases_are_finite();
        weights & biases & outputs_to_test.is_none_or(all_finite)
    }

    /// Starts an epoch of mini-batches: shuffles the rows and learns from every batch but the
    /// last, each by [`learn_from_rows`](Self::learn_from_rows), checking the weights and biases
    /// after each update. Returns the last batch's rows, in ascending order, or what was not
    /// finite.
    ///
    /// Out of line: the loop of a full batch, the article's, never calls it, and its code then
    /// stays out of that loop's way.
    #[inline(never)]
    fn learn_all_but_the_last_batch<'a, const N: usize>(
        &mut self,
        inputs: &Matrix<N, I, T>,
        targets: &Matrix<N, O, T>,
        training: Training,
        batches: &'a mut MiniBatches<N>,
        step: &mut Step<N, H, O, T>,
    ) -> Result<&'a [usize], NotFinite> {
        batches.shuffle();
        let mut all = batches.sorted.chunks(batches.rows_per_batch);
        let last = all.next_back().unwrap_or_default();
        for rows in all {
            self.learn_from_rows(inputs, targets, training, rows, step);
            if !self.parameters_are_finite() {
                return Err(NotFinite::WeightsOrBiases);
            }
        }
        Ok(last)
    }

    /// Trains for `epochs` epochs, the article's `for i in range(epochs)`, and returns the last
    /// epoch's `Z`: what the article prints, the outputs of the weights *before* the final
    /// update. With `epochs = 0` nothing is trained, and the result is
    /// [`predict`](Self::predict)'s.
    ///
    /// Each epoch is one update from every row ([`Batch::Full`], the article's), or one update
    /// per mini-batch, each costing time in proportion to its batch's rows.
    ///
    /// Returns `Ok` only when every number training leaves behind is finite: the `Z` it returns
    /// and every weight and bias. Training stops with [`Diverged`] at the first epoch whose
    /// outputs are not all finite numbers, or after whose update (or any of its mini-batches'
    /// updates) a weight or bias is not; the network then holds the weights that training
    /// reached. With `epochs = 0` nothing is trained, and nothing tested.
    ///
    /// # Stack
    ///
    /// Training keeps its work on the stack: besides the caller's data and network, a call
    /// needs about `s * (5 N H + 3 N O) + 16 N + 2 KiB` bytes in an optimised build on a 64-bit
    /// PC (`cargo build --release`), where `s` is the size of a number (8 for `f64`, 4 for
    /// `f32`), `N` the rows, `H` the hidden units and `O` the outputs; the inputs `I` enter only
    /// through the weights, within the fixed part. The `16 N` are the mini-batches' two orders of the rows (`2 N` `usize`s),
    /// which a call whose batch is known to be full when it is compiled does without. An
    /// unoptimised build keeps every temporary apart: about `s * (17 N H + 35 N O) + 16 N +
    /// 32 KiB`. So 4096 rows of a 2-3-1 network in `f64` take about 660 KB optimised and 2.9 MB
    /// unoptimised, more than a 2 MiB thread has; the article's 4 rows, about 1 KB on a PC
    /// (`tests/stack.rs` measures both builds against these formulas).
    ///
    /// ```
    /// use stacknet::{xor, Batch, Network, NotFinite, Training};
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
    ///
    /// // Outputs near 1e300 are finite, but a step of 1e10 times their error makes Wz infinite
    /// // in the one epoch trained: what training leaves is not finite.
    /// let mut large = Network::<2, 3, 1, stacknet::Sigmoid, stacknet::Linear>::from_weights(
    ///     stacknet::Matrix::from_rows([[0.5; 3]; 2]),
    ///     stacknet::Matrix::from_rows([[1e300]; 3]),
    /// );
    /// let huge = Training::IMPROVED.with_learning_rate(1e10);
    /// let diverged = large.train(&xor::INPUTS, &xor::TARGETS, huge, 1).unwrap_err();
    /// assert_eq!((diverged.epoch, diverged.found), (1, NotFinite::WeightsOrBiases));
    /// # Ok::<(), stacknet::Diverged>(())
    /// ```
    #[inline]
    pub fn train<const N: usize>(
        &mut self,
        inputs: &Matrix<N, I, T>,
        targets: &Matrix<N, O, T>,
        training: Training,
        epochs: u32,
    ) -> Result<Matrix<N, O, T>, Diverged> {
        self.train_watched(inputs, targets, training, epochs, |_, _| {
            ControlFlow::Continue(())
        })
    }

    /// Trains as [`train`](Self::train) does, and after every epoch calls `watch` with the
    /// epoch's number (from 1) and what its last update computed: to print progress, record the
    /// loss, or look at every matrix of the loop. What `watch` does cannot change the training,
    /// but it can end it: returning [`ControlFlow::Break`] stops after this epoch, and training
    /// returns as if `epochs` had been this epoch's number (`Ok` with its `Z`, the network
    /// holding the weights after its update); [`ControlFlow::Continue`] goes on.
    ///
    /// `watch` sees only epochs whose numbers are all finite: a diverging epoch returns its
    /// [`Diverged`] without a call.
    ///
    /// ```
    /// use core::ops::ControlFlow;
    /// use stacknet::{xor, Network, Training};
    ///
    /// let mut network = Network::<2, 3, 1>::random(&mut stacknet::fastrand::Rng::with_seed(3));
    /// let mut losses = Vec::new();
    /// network.train_watched(&xor::INPUTS, &xor::TARGETS, Training::CLASSIC, 60_000, |epoch, step| {
    ///     if epoch % 20_000 == 0 {
    ///         losses.push(step.outputs.mean_squared_error(&xor::TARGETS));
    ///     }
    ///     ControlFlow::Continue(())
    /// })?;
    /// assert!(losses[0] > losses[1] && losses[1] > losses[2]);
    ///
    /// // Stop as soon as every output rounds to its target.
    /// let mut network = Network::<2, 3, 1>::random(&mut stacknet::fastrand::Rng::with_seed(3));
    /// let mut learnt_at = 0;
    /// let z = network.train_watched(&xor::INPUTS, &xor::TARGETS, Training::CLASSIC, 60_000, |epoch, step| {
    ///     learnt_at = epoch;
    ///     if xor::is_learnt(&step.outputs) {
    ///         ControlFlow::Break(())
    ///     } else {
    ///         ControlFlow::Continue(())
    ///     }
    /// })?;
    /// assert!(xor::is_learnt(&z) && learnt_at < 60_000);
    /// # Ok::<(), stacknet::Diverged>(())
    /// ```
    #[inline]
    pub fn train_watched<const N: usize>(
        &mut self,
        inputs: &Matrix<N, I, T>,
        targets: &Matrix<N, O, T>,
        training: Training,
        epochs: u32,
        mut watch: impl FnMut(u32, &Step<N, H, O, T>) -> ControlFlow<()>,
    ) -> Result<Matrix<N, O, T>, Diverged> {
        let mut outputs = self.predict(inputs);
        // What the last update computed, written in place: no copies of its matrices on a small
        // stack.
        let mut step = Step::default();
        let mut mini_batches = None;
        // Biases that do not learn stay what they are: tested once, here, rather than every epoch.
        let fixed_biases_finite = training.train_biases || self.biases_are_finite();
        for epoch in 1..=epochs {
            // Mini-batches: every batch but the last, each from its own rows alone. A test of
            // the training's own field, which the compiler decides for a training it can see.
            let last_batch = match training.batch {
                Batch::Full => None,
                Batch::Mini { rows, seed } => {
                    let batches = mini_batches.get_or_insert_with(|| MiniBatches::new(rows, seed));
                    let last = self
                        .learn_all_but_the_last_batch(inputs, targets, training, batches, &mut step)
                        .map_err(|found| Diverged::new(epoch, found))?;
                    Some(last)
                }
            };
            // The epoch's last update, the only one of a full batch, over every row: its step is
            // what the watcher sees, its outputs are the epoch's Z.
            self.learn(inputs, targets, training, last_batch, &mut step);
            let outputs_to_test =
                (last_batch.is_some() || H == 0).then_some(step.outputs.as_slice());
            if !(fixed_biases_finite & self.learnt_are_finite(training, outputs_to_test)) {
                let found = if all_finite(step.outputs.as_slice()) {
                    NotFinite::WeightsOrBiases
                } else {
                    NotFinite::Outputs
                };
                return Err(Diverged::new(epoch, found));
            }
            outputs = step.outputs;
            if watch(epoch, &step).is_break() {
                break;
            }
        }
        Ok(outputs)
    }
}

/// Whether every one of `values` is finite, exactly, in the way cheapest where it runs: on a
/// 64-bit PC the sum of `v - v` (0 for a finite `v`, NaN for an infinite or NaN one; a sum of
/// zeros cannot overflow), which the compiler computes two or four values at a time; on a
/// microcontroller, whose floating point may be software routines, a test of each value's
/// exponent bits.
#[inline(always)]
#[allow(clippy::eq_op)] // `v - v` on purpose: it is what tells a finite `v`
fn all_finite<T: Float>(values: &[T]) -> bool {
    if cfg!(any(target_arch = "x86_64", target_arch = "aarch64")) {
        let zero = values
            .iter()
            .fold(T::ZERO, |zero, &value| zero + (value - value));
        zero == T::ZERO
    } else {
        values
            .iter()
            .fold(true, |all, &value| all & value.has_finite_exponent())
    }
}

/// The slopes of `activation` at each of `outputs`, its values: the article's `sigmoid_(Z)` and
/// `sigmoid_(H)`, with one choice of function for the whole matrix.
#[inline(always)]
fn slopes<A: Activation, const R: usize, const C: usize, T: Float>(
    activation: A,
    outputs: &Matrix<R, C, T>,
) -> Matrix<R, C, T> {
    let mut slopes = *outputs;
    activation.derivative_all(slopes.as_mut_slice());
    slopes
}

/// Sets to zero every row of `matrix` whose number is not in `rows`, which are ascending.
fn zero_rows_outside<const N: usize, const C: usize, T: Float>(
    matrix: &mut Matrix<N, C, T>,
    rows: &[usize],
) {
    let mut kept = rows.iter().peekable();
    for (row, elements) in matrix.rows_mut().iter_mut().enumerate() {
        if kept.next_if_eq(&&row).is_none() {
            *elements = [T::ZERO; C];
        }
    }
}

/// Adds `a^T . b` to `sum`, for one row each of `a` and `b`: the terms of one row in the sums of
/// [`Matrix::transpose_dot`], which adds its rows' terms in the same way, one row after another.
fn add_product<const A: usize, const B: usize, T: Float>(
    sum: &mut Matrix<A, B, T>,
    a: &Matrix<1, A, T>,
    b: &Matrix<1, B, T>,
) {
    for (sum_row, &a) in sum.rows_mut().iter_mut().zip(&a.rows()[0]) {
        for (element, &b) in sum_row.iter_mut().zip(&b.rows()[0]) {
            *element += a * b;
        }
    }
}

/// The mini-batches of an epoch: the rows in a shuffled order, cut into batches.
struct MiniBatches<const N: usize> {
    /// Rows per update; the last batch takes what is left.
    rows_per_batch: usize,
    /// This epoch's order of the rows, shuffled at the start of every epoch.
    order: [usize; N],
    /// The same order with each batch's rows sorted: an update's sums add the rows in the order
    /// of their numbers, as the full batch's do.
    sorted: [usize; N],
    /// The generator that shuffles the rows.
    shuffler: fastrand::Rng,
}

impl<const N: usize> MiniBatches<N> {
    /// Mini-batches of `rows` rows (0 counts as 1), shuffled by a generator seeded with `seed`.
    fn new(rows: usize, seed: u64) -> Self {
        Self {
            rows_per_batch: rows.max(1),
            order: core::array::from_fn(|row| row),
            sorted: [0; N],
            shuffler: fastrand::Rng::with_seed(seed),
        }
    }

    /// Shuffles the rows for a new epoch, and sorts each batch's rows.
    fn shuffle(&mut self) {
        self.shuffler.shuffle(&mut self.order);
        self.sorted = self.order;
        for batch in self.sorted.chunks_mut(self.rows_per_batch) {
            batch.sort_unstable();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::float::sealed::Sealed;
    use crate::{sigmoid, xor, AnyActivation, Linear, Relu};

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
                    ControlFlow::Continue(())
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

    /// A watcher that breaks stops training after that epoch: `Ok` with that epoch's `Z`, and
    /// the weights after its update, the same as training for that many epochs.
    #[test]
    fn the_watcher_can_stop_training() {
        let mut stopped = network();
        let mut last_seen = 0;
        let z = stopped
            .train_watched(
                &xor::INPUTS,
                &xor::TARGETS,
                Training::CLASSIC,
                100,
                |epoch, _| {
                    last_seen = epoch;
                    if epoch == 7 {
                        ControlFlow::Break(())
                    } else {
                        ControlFlow::Continue(())
                    }
                },
            )
            .unwrap();
        assert_eq!(last_seen, 7);
        let mut seven = network();
        let seven_z = seven
            .train(&xor::INPUTS, &xor::TARGETS, Training::CLASSIC, 7)
            .unwrap();
        assert_eq!((z, stopped), (seven_z, seven));
    }

    /// Training that makes a weight infinite in its last epoch, whose outputs came from finite
    /// weights, is not `Ok` (the issue's `--learning-rate 1e200 --epochs 1`); neither is one
    /// whose outputs are not finite, and each says which it found.
    #[test]
    fn divergence_says_what_was_not_finite() {
        // Outputs near 1e300 are finite; their error times L = 1e10 is not, nor is Wz after it.
        let large: Network<2, 3, 1, Sigmoid, Linear> =
            Network::from_weights(*network().hidden_weights(), Matrix::from_rows([[1e300]; 3]));
        let huge = Training::IMPROVED.with_learning_rate(1e10);
        let mut blown = large;
        let diverged = blown
            .train(&xor::INPUTS, &xor::TARGETS, huge, 1)
            .unwrap_err();
        assert_eq!(diverged, Diverged::new(1, NotFinite::WeightsOrBiases));
        assert!(!blown.parameters_are_finite());
        // The same through mini-batches of one row: caught after the first batch's update.
        let mini = huge.with_batch(Batch::Mini { rows: 1, seed: 2 });
        let mut blown_in_batches = large;
        let diverged = blown_in_batches
            .train(&xor::INPUTS, &xor::TARGETS, mini, 5)
            .unwrap_err();
        assert_eq!(diverged, Diverged::new(1, NotFinite::WeightsOrBiases));
        // An infinite Wz gives infinite outputs through the linear output layer.
        let mut infinite: Network<2, 3, 1, Sigmoid, Linear> = Network::from_weights(
            *network().hidden_weights(),
            Matrix::from_rows([[f64::INFINITY], [1.0], [1.0]]),
        );
        let diverged = infinite
            .train(&xor::INPUTS, &xor::TARGETS, Training::IMPROVED, 3)
            .unwrap_err();
        assert_eq!(diverged, Diverged::new(1, NotFinite::Outputs));
        // An infinite bias that does not learn: the sigmoid saturates, so the outputs stay
        // finite, but the network is not.
        let mut biased = network().with_biases(
            Matrix::from_rows([[f64::INFINITY, 0.0, 0.0]]),
            Matrix::zeros(),
        );
        let diverged = biased
            .train(&xor::INPUTS, &xor::TARGETS, Training::CLASSIC, 2)
            .unwrap_err();
        assert_eq!(diverged, Diverged::new(1, NotFinite::WeightsOrBiases));
    }

    /// A NaN hidden weight reaches the outputs through a ReLU layer, as through numpy's
    /// `np.maximum`: a ReLU that turned NaN into 0 would leave `Z` finite, and the divergence
    /// would then be found only in the weights, after the update.
    #[test]
    fn relu_passes_a_nan_weight_on_to_the_outputs() {
        let mut weights = *network().hidden_weights();
        weights[(0, 1)] = f64::NAN;
        for training in [Training::CLASSIC, Training::IMPROVED] {
            let mut relu: Network<2, 3, 1, Relu, Sigmoid> =
                Network::from_weights(weights, *network().output_weights());
            let diverged = relu
                .train(&xor::INPUTS, &xor::TARGETS, training, 3)
                .unwrap_err();
            assert_eq!(diverged, Diverged::new(1, NotFinite::Outputs));
        }
    }

    /// A network without hidden units has no `Wz` update to make a non-finite output show, so
    /// its outputs are tested themselves: here an activation of a program's own, `e^x`,
    /// overflows from a finite bias.
    #[test]
    fn outputs_without_hidden_units_are_tested_themselves() {
        #[derive(Clone, Copy, Debug, PartialEq)]
        struct Exponential;
        impl Activation for Exponential {
            const DEFAULT: Self = Exponential;
            fn apply<T: Float>(self, x: T) -> T {
                crate::exp(x)
            }
            fn derivative<T: Float>(self, output: T) -> T {
                output
            }
        }
        let mut network: Network<2, 0, 1, Sigmoid, Exponential> =
            Network::from_weights(Matrix::zeros(), Matrix::zeros())
                .with_biases(Matrix::zeros(), Matrix::from_rows([[1000.0]]));
        let diverged = network
            .train(&xor::INPUTS, &xor::TARGETS, Training::CLASSIC, 3)
            .unwrap_err();
        assert_eq!(diverged, Diverged::new(1, NotFinite::Outputs));
    }

    /// `all_finite` tells finite numbers, however large (a sum of them would overflow), from
    /// infinities and NaNs, in both precisions and by both of its methods.
    #[test]
    fn all_finite_tells_finite_numbers() {
        assert!(all_finite(&[f64::MAX, f64::MAX, -0.0, 5e-324, f64::MIN]));
        assert!(all_finite::<f64>(&[]));
        for bad in [f64::INFINITY, f64::NEG_INFINITY, f64::NAN] {
            assert!(!all_finite(&[1.0, bad, -1.0]), "{bad}");
            assert!(!bad.has_finite_exponent(), "{bad}");
            assert!(!all_finite(&[2.0f32, bad as f32]), "{bad} in f32");
            assert!(!(bad as f32).has_finite_exponent(), "{bad} in f32");
        }
        for good in [0.0, -0.0, 5e-324, f64::MAX, f64::MIN, 1.5] {
            assert!(good.has_finite_exponent(), "{good}");
        }
        for good in [0.0f32, -0.0, 1e-45, f32::MAX, f32::MIN, 1.5] {
            assert!(good.has_finite_exponent(), "{good} in f32");
        }
        assert!(all_finite(&[f32::MAX, f32::MAX]));
    }

    /// Today's mini-batches as they were first written, for comparison: every update runs
    /// `learn` over every row with the rows outside its batch masked out.
    fn train_every_update_over_every_row<const N: usize, Hidden, Output>(
        network: &mut Network<2, 3, 1, Hidden, Output>,
        inputs: &Matrix<N, 2>,
        targets: &Matrix<N, 1>,
        training: Training,
        epochs: u32,
    ) -> Matrix<N, 1>
    where
        Hidden: Activation,
        Output: Activation,
    {
        let Batch::Mini { rows, seed } = training.batch else {
            unreachable!("a test of mini-batches")
        };
        let mut batches = MiniBatches::<N>::new(rows, seed);
        let mut step = Step::default();
        for _ in 0..epochs {
            batches.shuffle();
            for rows in batches.sorted.chunks(batches.rows_per_batch) {
                network.learn(inputs, targets, training, Some(rows), &mut step);
            }
        }
        step.outputs
    }

    /// Mini-batches that cost their own rows alone train to the same bits as every update over
    /// every row: Z and every weight and bias, over batch sizes that divide the rows or leave a
    /// short last batch, both update orders, biases learning, and activations whose slopes are
    /// not the sigmoid's.
    #[test]
    fn mini_batches_train_to_the_bits_of_every_update_over_every_row() {
        const ROWS: usize = 13;
        let mut rng = fastrand::Rng::with_seed(11);
        let inputs = Matrix::<ROWS, 2>::zeros().map(|_| rng.f64() * 4.0 - 2.0);
        let targets = Matrix::<ROWS, 1>::zeros().map(|_| rng.f64());
        let activations = [
            (AnyActivation::Sigmoid, AnyActivation::Sigmoid),
            (AnyActivation::Tanh, AnyActivation::Linear),
            (AnyActivation::Relu, AnyActivation::Sigmoid),
        ];
        for (hidden, output) in activations {
            for rows in [1, 2, 5, 13, 20] {
                for (biases, order) in [
                    (false, HiddenDelta::BeforeOutputUpdate),
                    (true, HiddenDelta::AfterOutputUpdate),
                ] {
                    let training = Training::CLASSIC
                        .with_learning_rate(0.3)
                        .with_batch(Batch::Mini { rows, seed: 4 })
                        .with_trained_biases(biases)
                        .with_hidden_delta(order);
                    let start = Network::<2, 3, 1, AnyActivation, AnyActivation>::random(
                        &mut fastrand::Rng::with_seed(rows as u64),
                    )
                    .with_activations(hidden, output);
                    let mut ours = start;
                    let z = ours.train(&inputs, &targets, training, 30).unwrap();
                    let mut reference = start;
                    let reference_z = train_every_update_over_every_row(
                        &mut reference,
                        &inputs,
                        &targets,
                        training,
                        30,
                    );
                    let bits = |network: &Network<2, 3, 1, AnyActivation, AnyActivation>| {
                        let parameters = network
                            .hidden_weights()
                            .as_slice()
                            .iter()
                            .chain(network.hidden_biases().as_slice())
                            .chain(network.output_weights().as_slice())
                            .chain(network.output_biases().as_slice());
                        parameters
                            .map(|w| w.to_bits())
                            .collect::<std::vec::Vec<_>>()
                    };
                    let case = std::format!("{hidden:?}-{output:?}, batch {rows}, {training:?}");
                    assert_eq!(bits(&ours), bits(&reference), "{case}");
                    assert_eq!(z, reference_z, "{case}");
                    assert_ne!(bits(&ours), bits(&start), "{case}: nothing learnt");
                }
            }
        }
    }

    /// The improved program's order is the article's: `Wz` moves first, and `dH` comes from the
    /// moved `Wz`; the classic program's `dH` comes from `Wz` before its step.
    #[test]
    fn each_program_computes_dh_from_its_own_wz() {
        for (training, wz_for_dh) in [(Training::CLASSIC, "before"), (Training::IMPROVED, "after")]
        {
            let mut trained = network();
            let before = *trained.output_weights();
            let mut step = Step::default();
            trained
                .train_watched(&xor::INPUTS, &xor::TARGETS, training, 1, |_, shown| {
                    step = *shown;
                    ControlFlow::Continue(())
                })
                .unwrap();
            let wz = if wz_for_dh == "before" {
                before
            } else {
                *trained.output_weights()
            };
            let expected =
                step.output_delta.dot_transpose(&wz) * step.hidden.map(|h| h * (1.0 - h));
            assert_eq!(step.hidden_delta, expected, "{wz_for_dh}");
        }
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

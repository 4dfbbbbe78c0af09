//! A network whose sizes are types: the only code of the command line compiled once per shape.
//!
//! ```text
//! Typed::<2, 3, 4, f64>     a 2-3-1 network and its 4 rows of training data, in f64
//! ```
//!
//! The library's networks carry their sizes in their types; the command line learns them at run
//! time. [`sizes::build`](super::sizes::build) picks the type once, and everything after sees the
//! network through the [`Trainable`] trait object, in `f64` numbers and slices. Only what needs
//! the types lives here: the training loop, a forward pass of one row, and numpy's printout of
//! a matrix. Pictures, outputs, saved models and experiments are compiled once, whatever the
//! number of sizes.

use std::ops::ControlFlow;

use stacknet::{
    truth_tables, Activation, AnyActivation, Diverged, Float, Linear, Matrix, Network, NotFinite,
    Sigmoid, Step, Training,
};

use super::progress::Progress;

/// A network's weights and biases, row-major, each number of the run's dtype held exactly in an
/// `f64`: what the command line keeps of a network, saves and prints.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parameters {
    /// `Wh`, `inputs x hidden`.
    pub hidden_weights: Vec<f64>,
    /// `bh`, one per hidden unit.
    pub hidden_biases: Vec<f64>,
    /// `Wz`, `hidden x 1`.
    pub output_weights: Vec<f64>,
    /// `bz`, one.
    pub output_biases: Vec<f64>,
}

/// Where a network's weights come from.
#[derive(Clone, Copy, Debug)]
pub enum Weights<'a> {
    /// Drawn as `Network::random` draws them from a generator with this seed.
    Random(u64),
    /// These, each rounded to the nearest number of the network's type (exact for `f64`, and
    /// for numbers that came from the type).
    Given(&'a Parameters),
}

/// What one training call gave: the last epoch's `Z`, and how it compares with the targets.
#[derive(Clone, Debug)]
pub struct Outputs {
    /// `Z`, one per row of data.
    pub values: Vec<f64>,
    /// Whether every output rounds to its target (meaningful for truth tables).
    pub round_correctly: bool,
    /// The mean squared error of `Z` against the targets.
    pub loss: f64,
}

/// A matrix's numbers, row-major, with its shape: one matrix of `--trace`.
#[derive(Clone, Debug)]
pub struct Printed {
    pub rows: usize,
    pub columns: usize,
    pub numbers: Vec<f64>,
}

/// Every matrix of one epoch, before, during and after its update: what `--trace` shows.
/// `Wh` and the others name the article's matrices.
#[derive(Clone, Debug)]
pub struct Epoch {
    /// The loss of the epoch's `Z`, the mean of `E`'s squares, as a 1 x 1 matrix.
    pub loss: Printed,
    pub x: Printed,
    pub y: Printed,
    pub wh: Printed,
    pub wz: Printed,
    pub bh: Printed,
    pub bz: Printed,
    pub h: Printed,
    pub z: Printed,
    pub e: Printed,
    pub dz: Printed,
    pub dh: Printed,
    /// `H^T . dZ`, added to `Wz`.
    pub wz_step: Printed,
    /// `X^T . dH`, added to `Wh`.
    pub wh_step: Printed,
    /// The column sums of `dZ`, added to `bz` when biases learn.
    pub bz_step: Printed,
    /// The column sums of `dH`, added to `bh` when biases learn.
    pub bh_step: Printed,
    pub wh_after: Printed,
    pub wz_after: Printed,
    pub bh_after: Printed,
    pub bz_after: Printed,
}

/// A network of one of the command line's shapes, with its training data, seen without its
/// types.
pub trait Trainable {
    /// Trains for `epochs` epochs as `Network::train_watched` does, showing `progress`, and
    /// returns the last epoch's `Z`.
    fn train(
        &mut self,
        training: Training,
        epochs: u32,
        progress: &mut Progress,
    ) -> Result<Outputs, Diverged>;

    /// Trains `epoch - 1` epochs, then one more, and returns every matrix of that one; an
    /// epoch that diverges is counted from the first.
    fn trace(&mut self, training: Training, epoch: u32) -> Result<Epoch, Diverged>;

    /// The steps that the last update of the last [`train`](Self::train) added, in the layout
    /// of [`Parameters`]: `X^T . dH` to `Wh`, `H^T . dZ` to `Wz`, and the deltas' column sums
    /// to the biases when they learnt (empty when they did not). `None` before any epoch.
    fn last_steps(&self) -> Option<Parameters>;

    /// The network's output for each row of `rows`, row-major inputs; an error if they do not
    /// make whole rows.
    fn outputs(&self, rows: &[f64]) -> Result<Vec<f64>, String>;

    /// The hidden layer's outputs for each row of `rows`, row-major (`h0` first in each row);
    /// an error if the inputs do not make whole rows.
    fn hidden_outputs(&self, rows: &[f64]) -> Result<Vec<f64>, String>;

    /// The network's weights and biases.
    fn parameters(&self) -> Parameters;
}

/// A number type the command line trains in, and which loops it compiles for each shape: `f64`
/// trains the article's two pairs of activations at their zero-sized types, as a program that
/// names them would, and the others through [`AnyActivation`]; `f32` trains every pair through
/// [`AnyActivation`], one loop per shape instead of three.
pub trait Precision: Float {
    /// Trains `typed` for `epochs` epochs in the loop this precision compiles for its
    /// activations.
    fn train_loop<const I: usize, const H: usize, const N: usize>(
        typed: &mut Typed<I, H, N, Self>,
        training: Training,
        epochs: u32,
        progress: &mut Progress,
    ) -> Result<Matrix<N, 1, Self>, Diverged>;
}

impl Precision for f64 {
    // Out of line, so that training and `--trace` share one copy of each loop.
    #[inline(never)]
    fn train_loop<const I: usize, const H: usize, const N: usize>(
        typed: &mut Typed<I, H, N, f64>,
        training: Training,
        epochs: u32,
        progress: &mut Progress,
    ) -> Result<Matrix<N, 1>, Diverged> {
        use AnyActivation as Any;
        let activations = (
            typed.network.hidden_activation(),
            typed.network.output_activation(),
        );
        match activations {
            (Any::Sigmoid, Any::Sigmoid) => {
                typed.train_as(Sigmoid, Sigmoid, training, epochs, progress)
            }
            (Any::Sigmoid, Any::Linear) => {
                typed.train_as(Sigmoid, Linear, training, epochs, progress)
            }
            (hidden, output) => typed.train_as(hidden, output, training, epochs, progress),
        }
    }
}

impl Precision for f32 {
    #[inline(never)]
    fn train_loop<const I: usize, const H: usize, const N: usize>(
        typed: &mut Typed<I, H, N, f32>,
        training: Training,
        epochs: u32,
        progress: &mut Progress,
    ) -> Result<Matrix<N, 1, f32>, Diverged> {
        let hidden = typed.network.hidden_activation();
        let output = typed.network.output_activation();
        typed.train_as(hidden, output, training, epochs, progress)
    }
}

/// A network of `I` inputs and `H` hidden units in numbers of type `T`, with its `N` rows of
/// training data, and the last step that training showed.
#[derive(Debug)]
pub struct Typed<const I: usize, const H: usize, const N: usize, T> {
    network: Network<I, H, 1, AnyActivation, AnyActivation, T>,
    inputs: Matrix<N, I, T>,
    targets: Matrix<N, 1, T>,
    /// What the last update of the last epoch that `progress` stopped at computed (the last
    /// epoch of a run, which progress always stops at), for `--trace` and the steps the
    /// pictures show; `None` before any.
    last_step: Option<Step<N, H, 1, T>>,
    /// Whether the biases learnt in that update.
    biases_learnt: bool,
}

impl<const I: usize, const H: usize, const N: usize, T: Precision> Typed<I, H, N, T> {
    /// The network with these weights and activations, and its training data `inputs` (row-major,
    /// `N x I`) and `targets` (`N`); an error names any of them that has the wrong count.
    pub fn new(
        weights: Weights<'_>,
        (hidden, output): (AnyActivation, AnyActivation),
        (inputs, targets): (&[f64], &[f64]),
    ) -> Result<Self, String> {
        let network: Network<I, H, 1, AnyActivation, AnyActivation, T> = match weights {
            Weights::Random(seed) => Network::random(&mut fastrand::Rng::with_seed(seed)),
            Weights::Given(parameters) => Network::from_weights(
                matrix("Wh", &parameters.hidden_weights)?,
                matrix("Wz", &parameters.output_weights)?,
            )
            .with_biases(
                matrix("bh", &parameters.hidden_biases)?,
                matrix("bz", &parameters.output_biases)?,
            ),
        };
        Ok(Typed {
            network: network.with_activations(hidden, output),
            inputs: matrix("X", inputs)?,
            targets: matrix("Y", targets)?,
            last_step: None,
            biases_learnt: false,
        })
    }

    /// Trains a copy of the network whose activations are the types `Hidden` and `Output`, then
    /// takes its weights and biases back. The closure shows progress only at the epochs that
    /// `progress` asks for: between them it costs one comparison.
    fn train_as<Hidden, Output>(
        &mut self,
        hidden: Hidden,
        output: Output,
        training: Training,
        epochs: u32,
        progress: &mut Progress,
    ) -> Result<Matrix<N, 1, T>, Diverged>
    where
        Hidden: Activation + Into<AnyActivation>,
        Output: Activation + Into<AnyActivation>,
    {
        let mut typed = with_activations(&self.network, hidden, output);
        let (targets, last_step) = (&self.targets, &mut self.last_step);
        self.biases_learnt = training.train_biases;
        // The epoch whose loss, at a stop, was not finite: outputs so large that their squares
        // overflow, though each is finite. Nothing that is not finite is shown or kept.
        let mut overflowed = None;
        let outputs =
            typed.train_watched(&self.inputs, targets, training, epochs, |epoch, step| {
                if epoch >= progress.next_epoch() {
                    *last_step = Some(*step);
                    let loss: f64 = step.outputs.mean_squared_error(targets).into();
                    if !loss.is_finite() {
                        overflowed = Some(epoch);
                        return ControlFlow::Break(());
                    }
                    progress.show(epoch, loss, &values(&step.outputs));
                }
                ControlFlow::Continue(())
            });
        self.network = with_activations(&typed, hidden.into(), output.into());
        match overflowed {
            Some(epoch) => Err(Diverged::new(epoch, NotFinite::Outputs)),
            None => outputs,
        }
    }
}

impl<const I: usize, const H: usize, const N: usize, T: Precision> Trainable for Typed<I, H, N, T> {
    fn train(
        &mut self,
        training: Training,
        epochs: u32,
        progress: &mut Progress,
    ) -> Result<Outputs, Diverged> {
        let z = T::train_loop(self, training, epochs, progress)?;
        let round_correctly = truth_tables::all_round_correctly(&z, &self.targets);
        Ok(Outputs {
            values: values(&z),
            round_correctly,
            loss: z.mean_squared_error(&self.targets).into(),
        })
    }

    fn trace(&mut self, training: Training, epoch: u32) -> Result<Epoch, Diverged> {
        // The epochs before, as a run trains them; then the one to show, which progress for one
        // epoch stops at, keeping its step.
        let before_it = epoch.saturating_sub(1);
        if before_it > 0 {
            self.train(training, before_it, &mut Progress::silent())?;
        }
        let before = self.network;
        self.train(training, 1, &mut Progress::new(1, None, false, false))
            .map_err(|_| Diverged::at_epoch(epoch))?;
        let step = self
            .last_step
            .expect("an epoch that did not diverge was shown to progress");
        let after = &self.network;
        let loss = step.outputs.mean_squared_error(&self.targets);
        Ok(Epoch {
            loss: printed(&Matrix::from_rows([[loss]])),
            x: printed(&self.inputs),
            y: printed(&self.targets),
            wh: printed(before.hidden_weights()),
            wz: printed(before.output_weights()),
            bh: printed(before.hidden_biases()),
            bz: printed(before.output_biases()),
            h: printed(&step.hidden),
            z: printed(&step.outputs),
            e: printed(&step.error),
            dz: printed(&step.output_delta),
            dh: printed(&step.hidden_delta),
            // The same products the library adds, in the same order.
            wz_step: printed(&step.hidden.transpose_dot(&step.output_delta)),
            wh_step: printed(&self.inputs.transpose_dot(&step.hidden_delta)),
            bz_step: printed(&step.output_delta.column_sums()),
            bh_step: printed(&step.hidden_delta.column_sums()),
            wh_after: printed(after.hidden_weights()),
            wz_after: printed(after.output_weights()),
            bh_after: printed(after.hidden_biases()),
            bz_after: printed(after.output_biases()),
        })
    }

    fn last_steps(&self) -> Option<Parameters> {
        let step = self.last_step.as_ref()?;
        let biases = |sums: Vec<f64>| if self.biases_learnt { sums } else { Vec::new() };
        Some(Parameters {
            // The same products and sums the library adds, in the same order.
            hidden_weights: values(&self.inputs.transpose_dot(&step.hidden_delta)),
            hidden_biases: biases(values(&step.hidden_delta.column_sums())),
            output_weights: values(&step.hidden.transpose_dot(&step.output_delta)),
            output_biases: biases(values(&step.output_delta.column_sums())),
        })
    }

    fn outputs(&self, rows: &[f64]) -> Result<Vec<f64>, String> {
        each_row(rows, |row| values(&self.network.predict(&row)))
    }

    fn hidden_outputs(&self, rows: &[f64]) -> Result<Vec<f64>, String> {
        each_row(rows, |row| values(&self.network.hidden_layer(&row)))
    }

    fn parameters(&self) -> Parameters {
        Parameters {
            hidden_weights: values(self.network.hidden_weights()),
            hidden_biases: values(self.network.hidden_biases()),
            output_weights: values(self.network.output_weights()),
            output_biases: values(self.network.output_biases()),
        }
    }
}

/// The same weights and biases under other activations. A network's activations are part of
/// its type, so another type means another network.
fn with_activations<const I: usize, const H: usize, T, A, B, Hidden, Output>(
    network: &Network<I, H, 1, A, B, T>,
    hidden: Hidden,
    output: Output,
) -> Network<I, H, 1, Hidden, Output, T>
where
    T: Float,
    A: Activation,
    B: Activation,
    Hidden: Activation,
    Output: Activation,
{
    Network::from_weights(*network.hidden_weights(), *network.output_weights())
        .with_biases(*network.hidden_biases(), *network.output_biases())
        .with_activations(hidden, output)
}

/// The matrix `name` from row-major `numbers`, each rounded to the nearest `T`; an error if
/// there are not exactly `R x C` of them.
fn matrix<const R: usize, const C: usize, T: Float>(
    name: &str,
    numbers: &[f64],
) -> Result<Matrix<R, C, T>, String> {
    if numbers.len() != R * C {
        return Err(format!(
            "{name} has {} numbers where a {R} x {C} matrix needs {}",
            numbers.len(),
            R * C
        ));
    }
    let mut matrix = Matrix::<R, C, T>::zeros();
    for (element, &number) in matrix.rows_mut().as_flattened_mut().iter_mut().zip(numbers) {
        *element = T::from_f64(number);
    }
    Ok(matrix)
}

/// `f` of each row of `I` inputs in `rows`, the results one after another; an error if the
/// inputs do not make whole rows.
fn each_row<const I: usize, T: Float>(
    rows: &[f64],
    mut f: impl FnMut(Matrix<1, I, T>) -> Vec<f64>,
) -> Result<Vec<f64>, String> {
    if !rows.len().is_multiple_of(I) {
        return Err(format!("{} inputs do not make rows of {I}", rows.len()));
    }
    let mut results = Vec::new();
    for row in rows.chunks_exact(I) {
        results.extend(f(matrix("a row of inputs", row)?));
    }
    Ok(results)
}

/// The elements of a matrix, row-major, each held exactly in an `f64`.
fn values<const R: usize, const C: usize, T: Float>(matrix: &Matrix<R, C, T>) -> Vec<f64> {
    matrix
        .as_slice()
        .iter()
        .map(|&number| number.into())
        .collect()
}

/// A matrix's numbers, with its shape.
fn printed<const R: usize, const C: usize, T: Float>(matrix: &Matrix<R, C, T>) -> Printed {
    Printed {
        rows: R,
        columns: C,
        numbers: values(matrix),
    }
}

//! A network whose sizes are types: the only code of the command line compiled once per shape.
//!
//! ```text
//! Typed::<2, 3, 4, f64>     a 2-3-1 network and its 4 rows of training data, in f64
//! ```
//!
//! The library's networks carry their sizes in their types; the command line learns them at run
//! time. [`sizes::build`](super::sizes::build) picks the type once, and everything after sees the
//! network through the [`Trainable`] trait object, in `f64` numbers and slices. Only the
//! training loop needs the types, the library's `train_watched`: its code is what each shape
//! adds to the program. The rest of a [`Typed`] network hands its matrices on as slices, and
//! what is computed from them, its forward passes, the steps `--trace` and the pictures show
//! and the weights drawn at random, is compiled once per number type ([`rows`](super::rows),
//! [`Parameters::random`]). Pictures, outputs and saved models are compiled once, whatever the
//! number of sizes.
//!
//! Each shape compiles one loop per number type, through [`AnyActivation`]. The article's shape,
//! 2-3-1 on the four rows of a truth table, compiles two more in each, for the article's two
//! pairs of activations at their zero-sized types, as a program that names them would: in
//! `f64` the loop `make bench` times, in `f32` the firmware's. Through `AnyActivation` a loop is
//! slower, by a choice of function at each layer and the values passed through memory to the
//! chosen one (measured in turns against loops at the zero-sized types, CPU time of 1 to 3
//! million epochs: the classic 2-5-1 1.36 times as long, the improved 2-4-1 1.16 times, parity3
//! with 8 hidden units 1.13 times; the measurements page has the table). Those two loops for
//! every shape made the binary 3.4 MB instead of 1.9.

use std::ops::ControlFlow;

use stacknet::{
    Activation, AnyActivation, Diverged, Float, Linear, Matrix, Network, NotFinite, Sigmoid, Step,
    Training,
};

use super::progress::Progress;
use super::rows::{self, Layers};

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

impl Parameters {
    /// The weights that `Network::random` draws for a network of `(inputs, hidden)` units in
    /// numbers of type `T`, from a generator seeded with `seed`: all of `Wh` row by row, then
    /// `Wz`, each uniform in `[0, 1)`; biases zero. Drawn here, once for every shape, rather
    /// than by each shape's network.
    pub fn random<T: Float>((inputs, hidden): (usize, usize), seed: u64) -> Self {
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut draw =
            |count: usize| -> Vec<f64> { (0..count).map(|_| T::random(&mut rng).into()).collect() };
        let hidden_weights = draw(inputs * hidden);
        let output_weights = draw(hidden);
        Parameters {
            hidden_weights,
            hidden_biases: vec![0.0; hidden],
            output_weights,
            output_biases: vec![0.0],
        }
    }
}

/// Where a network's weights come from.
#[derive(Clone, Copy, Debug)]
pub enum Weights<'a> {
    /// Drawn as `Network::random` draws them from a generator with this seed
    /// ([`Parameters::random`]).
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
}

/// A matrix's numbers, row-major, with its shape: one matrix of `--trace`.
#[derive(Clone, Debug)]
pub struct Printed {
    pub rows: usize,
    pub columns: usize,
    pub numbers: Vec<f64>,
}

/// What the last update of a training computed, and the steps it added: every matrix of it
/// that `--trace` shows, the pictures' steps. `H`, `Z` and the others name the article's
/// matrices.
#[derive(Clone, Debug)]
pub struct LastStep {
    /// The training data, `X` and `Y`, in the network's number type.
    pub x: Printed,
    pub y: Printed,
    pub h: Printed,
    pub z: Printed,
    /// The loss of `Z`, the mean of `E`'s squares.
    pub loss: f64,
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
    /// Whether the biases learnt in this update.
    pub biases_learnt: bool,
}

impl LastStep {
    /// The steps added, in the layout of [`Parameters`]: `X^T . dH` to `Wh`, `H^T . dZ` to
    /// `Wz`, and the deltas' column sums to the biases when they learnt (empty when they did
    /// not).
    pub fn added(&self) -> Parameters {
        let biases = |sums: &Printed| {
            if self.biases_learnt {
                sums.numbers.clone()
            } else {
                Vec::new()
            }
        };
        Parameters {
            hidden_weights: self.wh_step.numbers.clone(),
            hidden_biases: biases(&self.bh_step),
            output_weights: self.wz_step.numbers.clone(),
            output_biases: biases(&self.bz_step),
        }
    }
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

    /// What the last update of the last epoch that `progress` stopped at computed (the last
    /// epoch of a run, which progress always stops at); `None` before any epoch.
    fn last_step(&self) -> Option<LastStep>;

    /// The network's output for each row of `rows`, row-major inputs; an error if they do not
    /// make whole rows.
    fn outputs(&self, rows: &[f64]) -> Result<Vec<f64>, String>;

    /// The hidden layer's outputs for each row of `rows`, row-major (`h0` first in each row);
    /// an error if the inputs do not make whole rows.
    fn hidden_outputs(&self, rows: &[f64]) -> Result<Vec<f64>, String>;

    /// The network's weights and biases.
    fn parameters(&self) -> Parameters;
}

/// A network of `I` inputs and `H` hidden units in numbers of type `T`, with its `N` rows of
/// training data, and the last step that training showed.
#[derive(Debug)]
pub struct Typed<const I: usize, const H: usize, const N: usize, T> {
    network: Network<I, H, 1, AnyActivation, AnyActivation, T>,
    inputs: Matrix<N, I, T>,
    targets: Matrix<N, 1, T>,
    /// What the last update of the last epoch that `progress` stopped at computed; `None`
    /// before any.
    last_step: Option<Step<N, H, 1, T>>,
    /// Whether the biases learnt in that update.
    biases_learnt: bool,
}

impl<const I: usize, const H: usize, const N: usize, T: Float> Typed<I, H, N, T> {
    /// Whether this is the article's shape: 2 inputs, 3 hidden units, the 4 rows of a
    /// two-input truth table.
    const ARTICLES: bool = I == 2 && H == 3 && N == 4;

    /// The network with these weights and activations, and its training data `inputs` (row-major,
    /// `N x I`) and `targets` (`N`); an error names any of them that has the wrong count.
    pub fn new(
        weights: Weights<'_>,
        (hidden, output): (AnyActivation, AnyActivation),
        (inputs, targets): (&[f64], &[f64]),
    ) -> Result<Self, String> {
        let drawn;
        let parameters = match weights {
            Weights::Random(seed) => {
                drawn = Parameters::random::<T>((I, H), seed);
                &drawn
            }
            Weights::Given(parameters) => parameters,
        };
        let network = Network::from_weights(
            matrix("Wh", &parameters.hidden_weights)?,
            matrix("Wz", &parameters.output_weights)?,
        )
        .with_biases(
            matrix("bh", &parameters.hidden_biases)?,
            matrix("bz", &parameters.output_biases)?,
        )
        .with_activations(hidden, output);
        Ok(Typed {
            network,
            inputs: matrix("X", inputs)?,
            targets: matrix("Y", targets)?,
            last_step: None,
            biases_learnt: false,
        })
    }

    /// Trains for `epochs` epochs in the loop compiled for this network: the article's network,
    /// in its shape and with its two pairs of activations, at their zero-sized types, as a
    /// program that names them would; every other through [`AnyActivation`].
    fn train_loop(
        &mut self,
        training: Training,
        epochs: u32,
        progress: &mut Progress,
    ) -> Result<Matrix<N, 1, T>, Diverged> {
        use AnyActivation as Any;
        let activations = (
            self.network.hidden_activation(),
            self.network.output_activation(),
        );
        match activations {
            (hidden, output) if !Self::ARTICLES => {
                self.train_as(hidden, output, training, epochs, progress)
            }
            (Any::Sigmoid, Any::Sigmoid) => {
                self.train_as(Sigmoid, Sigmoid, training, epochs, progress)
            }
            (Any::Sigmoid, Any::Linear) => {
                self.train_as(Sigmoid, Linear, training, epochs, progress)
            }
            (hidden, output) => self.train_as(hidden, output, training, epochs, progress),
        }
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
                    progress.show(epoch, loss, &values(step.outputs.as_slice()));
                }
                ControlFlow::Continue(())
            });
        self.network = with_activations(&typed, hidden.into(), output.into());
        match overflowed {
            Some(epoch) => Err(Diverged::new(epoch, NotFinite::Outputs)),
            None => outputs,
        }
    }

    /// The network's layers as slices, for the forward passes that every shape shares.
    fn layers(&self) -> Layers<'_, T> {
        Layers {
            hidden_weights: self.network.hidden_weights().as_slice(),
            hidden_biases: self.network.hidden_biases().as_slice(),
            output_weights: self.network.output_weights().as_slice(),
            output_biases: self.network.output_biases().as_slice(),
            hidden_activation: self.network.hidden_activation(),
            output_activation: self.network.output_activation(),
        }
    }
}

impl<const I: usize, const H: usize, const N: usize, T: Float> Trainable for Typed<I, H, N, T> {
    fn train(
        &mut self,
        training: Training,
        epochs: u32,
        progress: &mut Progress,
    ) -> Result<Outputs, Diverged> {
        let z = self.train_loop(training, epochs, progress)?;
        Ok(Outputs::of(z.as_slice(), self.targets.as_slice()))
    }

    fn last_step(&self) -> Option<LastStep> {
        let step = self.last_step.as_ref()?;
        Some(LastStep::of(
            [self.inputs.as_slice(), self.targets.as_slice()],
            [
                step.hidden.as_slice(),
                step.outputs.as_slice(),
                step.error.as_slice(),
                step.output_delta.as_slice(),
                step.hidden_delta.as_slice(),
            ],
            self.biases_learnt,
        ))
    }

    fn outputs(&self, rows: &[f64]) -> Result<Vec<f64>, String> {
        self.layers().outputs(rows)
    }

    fn hidden_outputs(&self, rows: &[f64]) -> Result<Vec<f64>, String> {
        self.layers().hidden_outputs(rows)
    }

    fn parameters(&self) -> Parameters {
        let layers = self.layers();
        Parameters {
            hidden_weights: values(layers.hidden_weights),
            hidden_biases: values(layers.hidden_biases),
            output_weights: values(layers.output_weights),
            output_biases: values(layers.output_biases),
        }
    }
}

impl Outputs {
    /// The outputs `z` of a training, against its `targets`.
    fn of<T: Float>(z: &[T], targets: &[T]) -> Self {
        Outputs {
            values: values(z),
            round_correctly: z
                .iter()
                .zip(targets)
                .all(|(&output, &target)| (output.into() - target.into()).abs() < 0.5),
        }
    }
}

impl LastStep {
    /// The step of a network with data `[X, Y]` that computed `[H, Z, E, dZ, dH]`, each matrix
    /// row-major, and the steps it added, computed as the library computes them: the same
    /// products and sums, in the same order and number type.
    fn of<T: Float>([x, y]: [&[T]; 2], [h, z, e, dz, dh]: [&[T]; 5], biases_learnt: bool) -> Self {
        let rows = y.len();
        let (inputs, hidden) = (x.len() / rows, h.len() / rows);
        let printed = |numbers: &[T], columns: usize| Printed {
            rows: numbers.len() / columns,
            columns,
            numbers: values(numbers),
        };
        LastStep {
            x: printed(x, inputs),
            y: printed(y, 1),
            h: printed(h, hidden),
            z: printed(z, 1),
            loss: rows::mean_squared_error(z, y).into(),
            e: printed(e, 1),
            dz: printed(dz, 1),
            dh: printed(dh, hidden),
            wz_step: printed(&rows::transpose_dot(h, hidden, dz, 1), 1),
            wh_step: printed(&rows::transpose_dot(x, inputs, dh, hidden), hidden),
            bz_step: printed(&rows::column_sums(dz, 1), 1),
            bh_step: printed(&rows::column_sums(dh, hidden), hidden),
            biases_learnt,
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
    let mut matrix = Matrix::<R, C, T>::zeros();
    fill(matrix.as_mut_slice(), (R, C), name, numbers)?;
    Ok(matrix)
}

/// Fills `elements`, an `R x C` matrix's, from `numbers`, each rounded to the nearest `T`; an
/// error naming the matrix `name` if there are not exactly as many numbers as elements. Out of
/// line: one copy per number type, where inlined every shape carried six.
#[inline(never)]
fn fill<T: Float>(
    elements: &mut [T],
    (rows, columns): (usize, usize),
    name: &str,
    numbers: &[f64],
) -> Result<(), String> {
    if numbers.len() != elements.len() {
        return Err(format!(
            "{name} has {} numbers where a {rows} x {columns} matrix needs {}",
            numbers.len(),
            elements.len()
        ));
    }
    for (element, &number) in elements.iter_mut().zip(numbers) {
        *element = T::from_f64(number);
    }
    Ok(())
}

/// Numbers of type `T`, each held exactly in an `f64`.
fn values<T: Float>(numbers: &[T]) -> Vec<f64> {
    numbers.iter().map(|&number| number.into()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The weights drawn for every shape are the ones `Network::random` draws, in both types.
    #[test]
    fn random_parameters_are_the_library_draws() {
        fn drawn_by_the_library<const I: usize, const H: usize, T: Float>(seed: u64) -> Parameters {
            let network = Network::<I, H, 1, AnyActivation, AnyActivation, T>::random(
                &mut fastrand::Rng::with_seed(seed),
            );
            Parameters {
                hidden_weights: values(network.hidden_weights().as_slice()),
                hidden_biases: values(network.hidden_biases().as_slice()),
                output_weights: values(network.output_weights().as_slice()),
                output_biases: values(network.output_biases().as_slice()),
            }
        }
        for seed in [0, 1, 7, u64::MAX] {
            assert_eq!(
                Parameters::random::<f64>((2, 3), seed),
                drawn_by_the_library::<2, 3, f64>(seed)
            );
            assert_eq!(
                Parameters::random::<f32>((3, 16), seed),
                drawn_by_the_library::<3, 16, f32>(seed)
            );
            assert_eq!(
                Parameters::random::<f32>((1, 5), seed),
                drawn_by_the_library::<1, 5, f32>(seed)
            );
        }
    }
}

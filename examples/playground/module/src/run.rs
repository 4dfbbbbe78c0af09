//! The network the page trains, kept between calls at the largest size the page offers; each
//! call builds the network of the chosen size from it (the library's `match_size!` turns the
//! size into a type), works on it and stores it back. Also what the page shows of it: the
//! matrices of its last epoch, the steps that epoch added to the weights, and the surfaces its
//! units draw over the unit square.

use core::fmt::{self, Write};
use core::ops::ControlFlow;

use stacknet::truth_tables::TWO_INPUTS;
use stacknet::{fastrand, AnyActivation, Diverged, Matrix, Network, Step, Training};

use crate::activation::Chosen;

/// The most hidden units the page offers. [`sized!`] lists every size from 1 to this.
pub const MAX_HIDDEN: usize = 8;

/// Rows of the training data: the four corners of a two-input truth table.
const ROWS: usize = 4;

/// Inputs of the network: a two-input truth table's.
const INPUTS: usize = 2;

/// Points along each side of the grid that samples the unit square: 33 puts a point on every
/// 1/32, the corners included, which is enough for a smooth picture.
pub const GRID: usize = 33;

/// Evaluates `$body` with `$H` a `const usize` equal to `$units`, one of 1 to [`MAX_HIDDEN`],
/// through the library's `match_size!`; `$otherwise` for any other number.
macro_rules! sized {
    ($units:expr, $H:ident => $body:expr, _ => $otherwise:expr) => {
        stacknet::match_size!($units, $H in [1, 2, 3, 4, 5, 6, 7, 8] => $body, _ => $otherwise)
    };
}

/// The numbers the page reads from the module's memory, by index (the page's `QUANTITY` lists
/// them in this order).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantity {
    /// `Wh`, 2 x H, row-major.
    HiddenWeights,
    /// `bh`, 1 x H.
    HiddenBiases,
    /// `Wz`, H x 1.
    OutputWeights,
    /// `bz`, 1 x 1.
    OutputBias,
    /// `H` of the last epoch, 4 x H.
    Hidden,
    /// `Z` of the last epoch, 4 x 1: what the article prints.
    Outputs,
    /// `E = Y - Z` of the last epoch, 4 x 1.
    Error,
    /// `dZ` of the last epoch, 4 x 1.
    OutputDelta,
    /// `dH` of the last epoch, 4 x H.
    HiddenDelta,
    /// `X^T . dH`, the step the last epoch added to `Wh`, 2 x H.
    HiddenWeightStep,
    /// `dH`'s column sums, the step the last epoch added to `bh` (only when biases learnt).
    HiddenBiasStep,
    /// `H^T . dZ`, the step the last epoch added to `Wz`, H x 1.
    OutputWeightStep,
    /// `dZ`'s column sum, the step the last epoch added to `bz` (only when biases learnt).
    OutputBiasStep,
}

impl Quantity {
    /// Every quantity, in the order of their indices.
    const ALL: [Self; 13] = [
        Self::HiddenWeights,
        Self::HiddenBiases,
        Self::OutputWeights,
        Self::OutputBias,
        Self::Hidden,
        Self::Outputs,
        Self::Error,
        Self::OutputDelta,
        Self::HiddenDelta,
        Self::HiddenWeightStep,
        Self::HiddenBiasStep,
        Self::OutputWeightStep,
        Self::OutputBiasStep,
    ];

    /// The quantity at `index`, or `None` past the end.
    pub fn from_index(index: u32) -> Option<Self> {
        Self::ALL.get(index as usize).copied()
    }
}

/// A 2-H-1 network on the two-input truth tables, for any `H` from 1 to [`MAX_HIDDEN`], and the
/// matrices of its last epoch. Each matrix of a network of `H` units fills the start of its
/// array, row-major, as `Matrix::as_slice` lays it out.
#[derive(Clone, Copy, Debug)]
pub struct Kept {
    /// `H`, from 1 to [`MAX_HIDDEN`].
    hidden_units: usize,
    hidden_activation: Chosen,
    output_activation: Chosen,
    hidden_weights: [f64; INPUTS * MAX_HIDDEN],
    hidden_biases: [f64; MAX_HIDDEN],
    output_weights: [f64; MAX_HIDDEN],
    output_bias: [f64; 1],
    /// `None` until the first epoch; then the last epoch whose outputs were finite.
    last_step: Option<KeptStep>,
}

/// What the last epoch computed, and the steps it added to the weights.
#[derive(Clone, Copy, Debug)]
struct KeptStep {
    hidden: [f64; ROWS * MAX_HIDDEN],
    outputs: [f64; ROWS],
    error: [f64; ROWS],
    output_delta: [f64; ROWS],
    hidden_delta: [f64; ROWS * MAX_HIDDEN],
    hidden_weight_step: [f64; INPUTS * MAX_HIDDEN],
    hidden_bias_step: [f64; MAX_HIDDEN],
    output_weight_step: [f64; MAX_HIDDEN],
    output_bias_step: [f64; 1],
    /// Whether that epoch added the bias steps (biases learnt).
    biases_learnt: bool,
}

impl Kept {
    /// A network of `hidden_units` units with random starting weights from `seed`, drawn at its
    /// size as the command line draws them; `None` outside 1 to [`MAX_HIDDEN`].
    pub fn new(
        hidden_units: u32,
        seed: u64,
        hidden: AnyActivation,
        output: AnyActivation,
    ) -> Option<Self> {
        let mut kept = Self {
            hidden_units: hidden_units as usize,
            hidden_activation: Chosen(hidden),
            output_activation: Chosen(output),
            hidden_weights: [0.0; INPUTS * MAX_HIDDEN],
            hidden_biases: [0.0; MAX_HIDDEN],
            output_weights: [0.0; MAX_HIDDEN],
            output_bias: [0.0],
            last_step: None,
        };
        let mut rng = fastrand::Rng::with_seed(seed);
        sized!(kept.hidden_units, H => {
            kept.store(&Network::<INPUTS, H, 1, Chosen, Chosen>::random(&mut rng));
            Some(kept)
        }, _ => None)
    }

    /// The network of `H` units, built from the kept numbers.
    fn network<const H: usize>(&self) -> Network<INPUTS, H, 1, Chosen, Chosen> {
        Network::from_weights(matrix(&self.hidden_weights), matrix(&self.output_weights))
            .with_biases(matrix(&self.hidden_biases), matrix(&self.output_bias))
            .with_activations(self.hidden_activation, self.output_activation)
    }

    /// Keeps the weights and biases of `network`.
    fn store<const H: usize>(&mut self, network: &Network<INPUTS, H, 1, Chosen, Chosen>) {
        keep(&mut self.hidden_weights, network.hidden_weights());
        keep(&mut self.hidden_biases, network.hidden_biases());
        keep(&mut self.output_weights, network.output_weights());
        keep(&mut self.output_bias, network.output_biases());
    }

    /// Trains for `epochs` epochs towards `targets`, calling `record_loss` with each epoch's
    /// number (from 1 in this call) and mean squared error.
    pub fn train(
        &mut self,
        targets: &Matrix<ROWS, 1>,
        training: Training,
        epochs: u32,
        record_loss: impl FnMut(u32, f64),
    ) -> Result<(), Diverged> {
        sized!(self.hidden_units, H => self.train_sized::<H>(targets, training, epochs, record_loss),
            _ => Ok(()))
    }

    /// [`train`](Self::train) for a network of `H` units. Not inlined: each size's loop is its
    /// own function, and the exported `train` only picks one.
    #[inline(never)]
    fn train_sized<const H: usize>(
        &mut self,
        targets: &Matrix<ROWS, 1>,
        training: Training,
        epochs: u32,
        mut record_loss: impl FnMut(u32, f64),
    ) -> Result<(), Diverged> {
        let mut network = self.network::<H>();
        let mut last_step: Option<Step<ROWS, H, 1>> = None;
        let trained =
            network.train_watched(&TWO_INPUTS, targets, training, epochs, |epoch, step| {
                last_step = Some(*step);
                record_loss(epoch, step.outputs.mean_squared_error(targets));
                ControlFlow::Continue(())
            });
        // Diverged or not, the network is kept as training left it, as the page expects.
        self.store(&network);
        if let Some(step) = last_step {
            self.last_step = Some(KeptStep::of(&step, training.train_biases));
        }
        trained.map(|_| ())
    }

    /// The numbers of `quantity`, row-major; empty for a step's matrix before the first epoch,
    /// and for the bias steps of an epoch whose biases did not learn.
    pub fn numbers(&self, quantity: Quantity) -> &[f64] {
        let units = self.hidden_units;
        let (numbers, length): (&[f64], usize) = match (quantity, &self.last_step) {
            (Quantity::HiddenWeights, _) => (&self.hidden_weights, INPUTS * units),
            (Quantity::HiddenBiases, _) => (&self.hidden_biases, units),
            (Quantity::OutputWeights, _) => (&self.output_weights, units),
            (Quantity::OutputBias, _) => (&self.output_bias, 1),
            (Quantity::Hidden, Some(step)) => (&step.hidden, ROWS * units),
            (Quantity::Outputs, Some(step)) => (&step.outputs, ROWS),
            (Quantity::Error, Some(step)) => (&step.error, ROWS),
            (Quantity::OutputDelta, Some(step)) => (&step.output_delta, ROWS),
            (Quantity::HiddenDelta, Some(step)) => (&step.hidden_delta, ROWS * units),
            (Quantity::HiddenWeightStep, Some(step)) => (&step.hidden_weight_step, INPUTS * units),
            (Quantity::OutputWeightStep, Some(step)) => (&step.output_weight_step, units),
            (Quantity::HiddenBiasStep, Some(step)) if step.biases_learnt => {
                (&step.hidden_bias_step, units)
            }
            (Quantity::OutputBiasStep, Some(step)) if step.biases_learnt => {
                (&step.output_bias_step, 1)
            }
            _ => (&[], 0),
        };
        &numbers[..length]
    }

    /// Writes `quantity` in numpy's format (the library's `Display`, at the network's size);
    /// nothing when [`numbers`](Self::numbers) has none.
    pub fn format(&self, quantity: Quantity, text: &mut impl Write) -> fmt::Result {
        sized!(self.hidden_units, H => self.format_sized::<H>(quantity, text), _ => Ok(()))
    }

    fn format_sized<const H: usize>(
        &self,
        quantity: Quantity,
        text: &mut impl Write,
    ) -> fmt::Result {
        let numbers = self.numbers(quantity);
        if numbers.is_empty() {
            return Ok(());
        }
        match quantity {
            Quantity::HiddenWeights | Quantity::HiddenWeightStep => {
                write!(text, "{}", matrix::<INPUTS, H>(numbers))
            }
            Quantity::HiddenBiases | Quantity::HiddenBiasStep => {
                write!(text, "{}", matrix::<1, H>(numbers))
            }
            Quantity::OutputWeights | Quantity::OutputWeightStep => {
                write!(text, "{}", matrix::<H, 1>(numbers))
            }
            Quantity::OutputBias | Quantity::OutputBiasStep => {
                write!(text, "{}", matrix::<1, 1>(numbers))
            }
            Quantity::Hidden | Quantity::HiddenDelta => {
                write!(text, "{}", matrix::<ROWS, H>(numbers))
            }
            Quantity::Outputs | Quantity::Error | Quantity::OutputDelta => {
                write!(text, "{}", matrix::<ROWS, 1>(numbers))
            }
        }
    }

    /// Fills `output` with the network's output and `hidden` with each hidden unit's, over a
    /// `GRID x GRID` grid of the unit square: row 0 is the top (x1 = 1), column 0 the left
    /// (x0 = 0). `hidden` holds unit 0's grid, then unit 1's, and so on.
    pub fn sample_surfaces(&self, output: &mut [f64], hidden: &mut [f64]) {
        sized!(self.hidden_units, H => self.sample_sized::<H>(output, hidden), _ => ())
    }

    fn sample_sized<const H: usize>(&self, output: &mut [f64], hidden: &mut [f64]) {
        let network = self.network::<H>();
        let last = (GRID - 1) as f64;
        for row in 0..GRID {
            for column in 0..GRID {
                let point = Matrix::from_rows([[column as f64 / last, 1.0 - row as f64 / last]]);
                let hidden_outputs = network.hidden_layer(&point);
                let cell = row * GRID + column;
                output[cell] = network.output_layer(&hidden_outputs)[(0, 0)];
                for (unit, value) in hidden_outputs.as_slice().iter().enumerate() {
                    hidden[unit * GRID * GRID + cell] = *value;
                }
            }
        }
    }
}

impl KeptStep {
    /// The matrices of `step`, and the steps the library added from them: `H^T . dZ` to `Wz`,
    /// `X^T . dH` to `Wh`, and the deltas' column sums to the biases when they learn.
    fn of<const H: usize>(step: &Step<ROWS, H, 1>, biases_learnt: bool) -> Self {
        let mut kept = Self {
            hidden: [0.0; ROWS * MAX_HIDDEN],
            outputs: [0.0; ROWS],
            error: [0.0; ROWS],
            output_delta: [0.0; ROWS],
            hidden_delta: [0.0; ROWS * MAX_HIDDEN],
            hidden_weight_step: [0.0; INPUTS * MAX_HIDDEN],
            hidden_bias_step: [0.0; MAX_HIDDEN],
            output_weight_step: [0.0; MAX_HIDDEN],
            output_bias_step: [0.0],
            biases_learnt,
        };
        keep(&mut kept.hidden, &step.hidden);
        keep(&mut kept.outputs, &step.outputs);
        keep(&mut kept.error, &step.error);
        keep(&mut kept.output_delta, &step.output_delta);
        keep(&mut kept.hidden_delta, &step.hidden_delta);
        // The same products and sums the library adds to the weights.
        keep(
            &mut kept.hidden_weight_step,
            &TWO_INPUTS.transpose_dot(&step.hidden_delta),
        );
        keep(
            &mut kept.output_weight_step,
            &step.hidden.transpose_dot(&step.output_delta),
        );
        keep(&mut kept.hidden_bias_step, &step.hidden_delta.column_sums());
        keep(&mut kept.output_bias_step, &step.output_delta.column_sums());
        kept
    }
}

/// Copies `matrix`'s elements, row-major, to the start of `kept` (which is never too short).
fn keep<const R: usize, const C: usize>(kept: &mut [f64], matrix: &Matrix<R, C>) {
    if let Some(start) = kept.get_mut(..R * C) {
        start.copy_from_slice(matrix.as_slice());
    }
}

/// The `R x C` matrix whose elements, row-major, start `numbers` (which are never too few).
fn matrix<const R: usize, const C: usize>(numbers: &[f64]) -> Matrix<R, C> {
    numbers
        .get(..R * C)
        .and_then(|elements| Matrix::try_from(elements).ok())
        .unwrap_or_default()
}

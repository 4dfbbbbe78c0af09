//! One network of a fixed hidden size `H`, with what the page shows of it: the matrices of its
//! last epoch and the surfaces its units draw over the unit square.

use core::fmt::{self, Write};
use core::ops::ControlFlow;

use stacknet::truth_tables::TWO_INPUTS;
use stacknet::{fastrand, AnyActivation, Diverged, Matrix, Network, Step, Training};

use crate::activation::Chosen;

/// Points along each side of the grid that samples the unit square: 33 puts a point on every
/// 1/32, the corners included, which is enough for a smooth picture.
pub const GRID: usize = 33;

/// The numbers the page reads from the module's memory, by index (the page's `QUANTITIES` lists
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
}

impl Quantity {
    /// Every quantity, in the order of their indices.
    const ALL: [Self; 9] = [
        Self::HiddenWeights,
        Self::HiddenBiases,
        Self::OutputWeights,
        Self::OutputBias,
        Self::Hidden,
        Self::Outputs,
        Self::Error,
        Self::OutputDelta,
        Self::HiddenDelta,
    ];

    /// The quantity at `index`, or `None` past the end.
    pub fn from_index(index: u32) -> Option<Self> {
        Self::ALL.get(index as usize).copied()
    }
}

/// A 2-H-1 network on the two-input truth tables, and the matrices of its last epoch.
#[derive(Clone, Copy, Debug)]
pub struct Run<const H: usize> {
    network: Network<2, H, 1, Chosen, Chosen>,
    /// `None` until the first epoch; then the last epoch whose outputs were finite.
    last_step: Option<Step<4, H, 1>>,
}

impl<const H: usize> Run<H> {
    /// A network with random starting weights from `seed`, as the command line draws them.
    pub fn new(seed: u64, hidden: AnyActivation, output: AnyActivation) -> Self {
        let network = Network::random(&mut fastrand::Rng::with_seed(seed));
        Self {
            network: network.with_activations(Chosen(hidden), Chosen(output)),
            last_step: None,
        }
    }

    /// Trains for `epochs` epochs towards `targets`, calling `record_loss` with each epoch's
    /// number (from 1 in this call) and mean squared error. Not inlined: each size's loop is its
    /// own function, and the exported `train` only picks one.
    #[inline(never)]
    pub fn train(
        &mut self,
        targets: &Matrix<4, 1>,
        training: Training,
        epochs: u32,
        mut record_loss: impl FnMut(u32, f64),
    ) -> Result<(), Diverged> {
        let last_step = &mut self.last_step;
        self.network
            .train_watched(&TWO_INPUTS, targets, training, epochs, |epoch, step| {
                *last_step = Some(*step);
                record_loss(epoch, step.outputs.mean_squared_error(targets));
                ControlFlow::Continue(())
            })
            .map(|_| ())
    }

    /// The numbers of `quantity`, row-major; empty for a step's matrix before the first epoch.
    pub fn numbers(&self, quantity: Quantity) -> &[f64] {
        let network = &self.network;
        match (quantity, &self.last_step) {
            (Quantity::HiddenWeights, _) => network.hidden_weights().as_slice(),
            (Quantity::HiddenBiases, _) => network.hidden_biases().as_slice(),
            (Quantity::OutputWeights, _) => network.output_weights().as_slice(),
            (Quantity::OutputBias, _) => network.output_biases().as_slice(),
            (Quantity::Hidden, Some(step)) => step.hidden.as_slice(),
            (Quantity::Outputs, Some(step)) => step.outputs.as_slice(),
            (Quantity::Error, Some(step)) => step.error.as_slice(),
            (Quantity::OutputDelta, Some(step)) => step.output_delta.as_slice(),
            (Quantity::HiddenDelta, Some(step)) => step.hidden_delta.as_slice(),
            (_, None) => &[],
        }
    }

    /// Writes `quantity` in numpy's format (the library's `Display`); nothing for a step's
    /// matrix before the first epoch.
    pub fn format(&self, quantity: Quantity, text: &mut impl Write) -> fmt::Result {
        let network = &self.network;
        match (quantity, &self.last_step) {
            (Quantity::HiddenWeights, _) => write!(text, "{}", network.hidden_weights()),
            (Quantity::HiddenBiases, _) => write!(text, "{}", network.hidden_biases()),
            (Quantity::OutputWeights, _) => write!(text, "{}", network.output_weights()),
            (Quantity::OutputBias, _) => write!(text, "{}", network.output_biases()),
            (Quantity::Hidden, Some(step)) => write!(text, "{}", step.hidden),
            (Quantity::Outputs, Some(step)) => write!(text, "{}", step.outputs),
            (Quantity::Error, Some(step)) => write!(text, "{}", step.error),
            (Quantity::OutputDelta, Some(step)) => write!(text, "{}", step.output_delta),
            (Quantity::HiddenDelta, Some(step)) => write!(text, "{}", step.hidden_delta),
            (_, None) => Ok(()),
        }
    }

    /// Fills `output` with the network's output and `hidden` with each hidden unit's, over a
    /// `GRID x GRID` grid of the unit square: row 0 is the top (y = 1), column 0 the left
    /// (x = 0). `hidden` holds unit 0's grid, then unit 1's, and so on.
    pub fn sample_surfaces(&self, output: &mut [f64], hidden: &mut [f64]) {
        let last = (GRID - 1) as f64;
        for row in 0..GRID {
            for column in 0..GRID {
                let point = Matrix::from_rows([[column as f64 / last, 1.0 - row as f64 / last]]);
                let hidden_outputs = self.network.hidden_layer(&point);
                let cell = row * GRID + column;
                output[cell] = self.network.output_layer(&hidden_outputs)[(0, 0)];
                for (unit, value) in hidden_outputs.as_slice().iter().enumerate() {
                    hidden[unit * GRID * GRID + cell] = *value;
                }
            }
        }
    }
}

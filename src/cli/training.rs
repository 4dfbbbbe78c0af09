//! Training a network whose activations were chosen at run time, at the speed of one whose
//! activations are types, while showing the progress a run asks for.
//!
//! ```text
//! $ stacknet --seed 1 --epochs 40000 --every 20000
//! epoch 20000 loss 2.249731e-4 Z 0.02257785 0.98632738 0.98632784 0.00403296
//! epoch 40000 loss 1.101797e-4 Z 0.01585800 0.99043834 0.99043860 0.00252926
//! ```
//!
//! The command line's networks are `Network<I, H, 1, AnyActivation, AnyActivation, T>`, whose
//! every activation is a `match`. For the article's pairs in `f64`, sigmoid and sigmoid or
//! sigmoid and linear, [`train`] trains a copy typed `Network<I, H, 1>` or `Network<I, H, 1,
//! Sigmoid, Linear>` instead, so that the loop is the one a program naming those types would
//! run. In `f32` every pair trains through the `match`: one loop per size instead of three keeps
//! the program's build time in bounds (see [`Precision`]).

use std::io::Write as _;
use std::ops::ControlFlow;

use stacknet::{
    Activation, AnyActivation, Diverged, Float, Linear, Matrix, Network, Sigmoid, Step, Training,
};

use super::dtype::Dtype;
use super::plot::{History, LOSS_SAMPLES};
use super::trained::AnyNetwork;

/// How many progress updates a long run shows on a terminal.
const PROGRESS_UPDATES: u32 = 100;

/// Runs with fewer epochs than this finish too soon to need a progress line.
const PROGRESS_MIN_EPOCHS: u32 = 100_000;

/// What a run shows while it trains: a line of `Z` every `--every` epochs, a progress line on a
/// terminal, and the losses its pictures draw. Between the epochs it cares about, it costs one
/// comparison per epoch.
#[derive(Debug)]
pub struct Progress {
    /// The epochs of the whole run.
    epochs: u32,
    /// Print the epoch, the loss and `Z` every this many epochs.
    every: Option<u32>,
    /// Update the progress line on stderr every this many epochs.
    progress_step: Option<u32>,
    /// Record the loss for the pictures every this many epochs.
    sample_step: Option<u32>,
    /// The next epoch this watches for.
    next: u32,
    /// The losses recorded for the pictures: at epoch 0, every `sample_step` and at the end.
    pub history: History,
}

impl Progress {
    /// Progress for a run of `epochs` epochs: lines every `every` epochs, a progress line when
    /// stderr is a terminal and the run is long, and losses when a picture is to be drawn.
    pub fn new(epochs: u32, every: Option<u32>, terminal: bool, drawing: bool) -> Progress {
        let progress_step =
            (terminal && epochs >= PROGRESS_MIN_EPOCHS).then_some(epochs / PROGRESS_UPDATES);
        let sample_step = drawing.then_some((epochs / LOSS_SAMPLES).max(1));
        let mut progress = Progress {
            epochs,
            every,
            progress_step,
            sample_step,
            next: 0,
            history: History::default(),
        };
        progress.next = progress.next_after(0);
        progress
    }

    /// Progress that shows nothing: for the experiments.
    pub fn silent() -> Progress {
        Progress::new(0, None, false, false)
    }

    /// The first epoch after `epoch` that something is shown at: the next multiple of a step,
    /// or the last epoch; `u32::MAX` (never) once the run is over.
    fn next_after(&self, epoch: u32) -> u32 {
        if epoch >= self.epochs {
            return u32::MAX;
        }
        [self.every, self.progress_step, self.sample_step]
            .into_iter()
            .flatten()
            .map(|step| (epoch / step + 1).saturating_mul(step))
            .fold(self.epochs, u32::min)
    }

    /// Records the loss before training, for the loss curve of a run that trains.
    fn begin(&mut self, loss: f64) {
        if self.sample_step.is_some() && self.epochs > 0 {
            self.history.epochs.push(0);
            self.history.losses.push(loss);
        }
    }

    /// Looks at the outputs `Z` of `epoch`, and shows them if something is due: one comparison
    /// on the epochs between.
    #[inline(always)]
    fn watch<const ROWS: usize, T: Float>(
        &mut self,
        epoch: u32,
        outputs: &Matrix<ROWS, 1, T>,
        targets: &Matrix<ROWS, 1, T>,
    ) {
        if epoch >= self.next {
            let loss = outputs.mean_squared_error(targets).into();
            self.show(epoch, loss, outputs.as_slice());
        }
    }

    /// Shows what is due at `epoch`, whose outputs `Z` have this loss. Called only at the
    /// epochs [`next_after`](Self::next_after) names, so it may take its time.
    #[cold]
    fn show<T: Float>(&mut self, epoch: u32, loss: f64, outputs: &[T]) {
        let due = |step: Option<u32>| step.is_some_and(|step| epoch.is_multiple_of(step));
        if self.sample_step.is_some() && (due(self.sample_step) || epoch == self.epochs) {
            self.history.epochs.push(epoch);
            self.history.losses.push(loss);
        }
        if due(self.every) {
            let z: Vec<String> = outputs
                .iter()
                .map(|&z| format!("{:.8}", z.into()))
                .collect();
            let mut stdout = std::io::stdout().lock();
            // A closed pipe ends the lines, not the run.
            let _ = writeln!(stdout, "epoch {epoch} loss {loss:.6e} Z {}", z.join(" "));
            let _ = stdout.flush();
        }
        if self.progress_step.is_some() {
            eprint!("\rstacknet: epoch {epoch} of {}", self.epochs);
            if epoch == self.epochs {
                // Clear the progress line, so that what follows starts clean.
                eprint!("\r\x1b[K");
            }
        }
        self.next = self.next_after(epoch);
    }
}

/// A number type the command line trains in, and how it trains: `f64` with the article's
/// pairs of activations at their zero-sized types, `f32` through [`AnyActivation`] alone.
///
/// Every size is compiled for each loop a precision has: three for `f64`, one for `f32`; with
/// `--trace` sharing the [`AnyActivation`] loop ([`train_any`]), that is four loops per size,
/// as many as before there was an `f32` path.
pub trait Precision: Float {
    /// The run's `--dtype` that this type is.
    const DTYPE: Dtype;

    /// Trains `network` as [`train`] says, its progress already begun.
    fn train_loop<const INPUTS: usize, const HIDDEN: usize, const ROWS: usize>(
        network: &mut AnyNetwork<INPUTS, HIDDEN, Self>,
        data: Data<'_, INPUTS, ROWS, Self>,
        progress: &mut Progress,
    ) -> Result<Matrix<ROWS, 1, Self>, Diverged>;
}

impl Precision for f64 {
    const DTYPE: Dtype = Dtype::F64;

    fn train_loop<const INPUTS: usize, const HIDDEN: usize, const ROWS: usize>(
        network: &mut AnyNetwork<INPUTS, HIDDEN>,
        data: Data<'_, INPUTS, ROWS>,
        progress: &mut Progress,
    ) -> Result<Matrix<ROWS, 1>, Diverged> {
        use AnyActivation as Any;
        match (network.hidden_activation(), network.output_activation()) {
            (Any::Sigmoid, Any::Sigmoid) => train_as(network, Sigmoid, Sigmoid, data, progress),
            (Any::Sigmoid, Any::Linear) => train_as(network, Sigmoid, Linear, data, progress),
            _ => train_any(network, data, &mut |epoch, step| {
                progress.watch(epoch, &step.outputs, data.1);
            }),
        }
    }
}

impl Precision for f32 {
    const DTYPE: Dtype = Dtype::F32;

    fn train_loop<const INPUTS: usize, const HIDDEN: usize, const ROWS: usize>(
        network: &mut AnyNetwork<INPUTS, HIDDEN, f32>,
        data: Data<'_, INPUTS, ROWS, f32>,
        progress: &mut Progress,
    ) -> Result<Matrix<ROWS, 1, f32>, Diverged> {
        train_any(network, data, &mut |epoch, step| {
            progress.watch(epoch, &step.outputs, data.1);
        })
    }
}

/// Trains `network` for `epochs` epochs as [`Network::train`] does and returns the last
/// epoch's `Z`, showing `progress` along the way. In `f64` the article's pairs of activations
/// train with their zero-sized types; the others as chosen.
pub fn train<const INPUTS: usize, const HIDDEN: usize, const ROWS: usize, T: Precision>(
    network: &mut AnyNetwork<INPUTS, HIDDEN, T>,
    inputs: &Matrix<ROWS, INPUTS, T>,
    targets: &Matrix<ROWS, 1, T>,
    training: Training,
    epochs: u32,
    progress: &mut Progress,
) -> Result<Matrix<ROWS, 1, T>, Diverged> {
    progress.begin(network.mean_squared_error(inputs, targets).into());
    T::train_loop(network, (inputs, targets, training, epochs), progress)
}

/// The inputs, targets, training and epochs of one call to [`train`].
pub type Data<'a, const INPUTS: usize, const ROWS: usize, T = f64> = (
    &'a Matrix<ROWS, INPUTS, T>,
    &'a Matrix<ROWS, 1, T>,
    Training,
    u32,
);

/// What a caller of [`train_any`] is shown after every epoch: the epoch and its [`Step`].
pub type Watch<'a, const ROWS: usize, const HIDDEN: usize, T> =
    &'a mut dyn FnMut(u32, &Step<ROWS, HIDDEN, 1, T>);

/// The loop for activations chosen at run time, shared by training and `--trace`: compiled once
/// per size and precision, since it is never inlined and its watcher is a `dyn` closure (one
/// indirect call an epoch, beside a `match` for every activation).
#[inline(never)]
pub fn train_any<const INPUTS: usize, const HIDDEN: usize, const ROWS: usize, T: Float>(
    network: &mut AnyNetwork<INPUTS, HIDDEN, T>,
    (inputs, targets, training, epochs): Data<'_, INPUTS, ROWS, T>,
    watch: Watch<'_, ROWS, HIDDEN, T>,
) -> Result<Matrix<ROWS, 1, T>, Diverged> {
    network.train_watched(inputs, targets, training, epochs, |epoch, step| {
        watch(epoch, step);
        ControlFlow::Continue(())
    })
}

/// Trains a copy of `network` whose activations are the types `Hidden` and `Output`, then
/// takes its weights and biases back.
fn train_as<const INPUTS: usize, const HIDDEN: usize, const ROWS: usize, Hidden, Output>(
    network: &mut AnyNetwork<INPUTS, HIDDEN>,
    hidden: Hidden,
    output: Output,
    data: Data<'_, INPUTS, ROWS>,
    progress: &mut Progress,
) -> Result<Matrix<ROWS, 1>, Diverged>
where
    Hidden: Activation + Into<AnyActivation>,
    Output: Activation + Into<AnyActivation>,
{
    let mut typed = with_activation_types(network, hidden, output);
    let outputs = train_watched(&mut typed, data, progress);
    *network = with_activation_types(&typed, hidden.into(), output.into());
    outputs
}

/// The loop itself, at the activation types it is given, in f64.
fn train_watched<const INPUTS: usize, const HIDDEN: usize, const ROWS: usize, Hidden, Output>(
    network: &mut Network<INPUTS, HIDDEN, 1, Hidden, Output>,
    (inputs, targets, training, epochs): Data<'_, INPUTS, ROWS>,
    progress: &mut Progress,
) -> Result<Matrix<ROWS, 1>, Diverged>
where
    Hidden: Activation,
    Output: Activation,
{
    network.train_watched(inputs, targets, training, epochs, |epoch, step| {
        progress.watch(epoch, &step.outputs, targets);
        ControlFlow::Continue(())
    })
}

/// The same weights and biases under other activations. A network's activations are part of
/// its type, so another type means another network.
fn with_activation_types<const INPUTS: usize, const HIDDEN: usize, A, B, Hidden, Output>(
    network: &Network<INPUTS, HIDDEN, 1, A, B>,
    hidden: Hidden,
    output: Output,
) -> Network<INPUTS, HIDDEN, 1, Hidden, Output>
where
    A: Activation,
    B: Activation,
    Hidden: Activation,
    Output: Activation,
{
    Network::from_weights(*network.hidden_weights(), *network.output_weights())
        .with_biases(*network.hidden_biases(), *network.output_biases())
        .with_activations(hidden, output)
}

#[cfg(test)]
mod tests {
    use super::*;
    use stacknet::xor;

    fn any_network(
        hidden: AnyActivation,
        output: AnyActivation,
    ) -> Network<2, 3, 1, AnyActivation, AnyActivation> {
        Network::random(&mut stacknet::fastrand::Rng::with_seed(11))
            .with_activations(hidden, output)
    }

    /// Whichever loop runs, the result is the library's, bit for bit.
    #[test]
    fn every_pair_trains_as_the_library_does() {
        use AnyActivation as Any;
        for (hidden, output, training) in [
            (Any::Sigmoid, Any::Sigmoid, Training::CLASSIC),
            (Any::Sigmoid, Any::Linear, Training::IMPROVED),
            (
                Any::Tanh,
                Any::Linear,
                Training::CLASSIC.with_learning_rate(0.1),
            ),
        ] {
            let mut fast = any_network(hidden, output);
            let mut plain = any_network(hidden, output);
            let z = train(
                &mut fast,
                &xor::INPUTS,
                &xor::TARGETS,
                training,
                500,
                &mut Progress::silent(),
            );
            assert_eq!(
                z,
                plain.train(&xor::INPUTS, &xor::TARGETS, training, 500),
                "{hidden:?} {output:?}"
            );
            assert_eq!(fast, plain, "{hidden:?} {output:?}");
        }
    }

    #[test]
    fn progress_stops_at_each_step_and_the_end() {
        let progress = Progress::new(1000, Some(300), false, false);
        let stops: Vec<u32> =
            std::iter::successors(Some(progress.next), |&e| Some(progress.next_after(e)))
                .take_while(|&e| e != u32::MAX)
                .collect();
        assert_eq!(stops, [300, 600, 900, 1000]);
        assert_eq!(Progress::silent().next, u32::MAX);
        let drawing = Progress::new(240, None, false, true);
        assert_eq!(
            (drawing.next, drawing.next_after(2)),
            (2, 4),
            "every 240 / {LOSS_SAMPLES}"
        );
    }

    /// The loss curve starts at epoch 0 and ends at the last epoch.
    #[test]
    fn history_spans_the_run() {
        let mut network = any_network(AnyActivation::Sigmoid, AnyActivation::Sigmoid);
        let mut progress = Progress::new(251, None, false, true);
        train(
            &mut network,
            &xor::INPUTS,
            &xor::TARGETS,
            Training::CLASSIC,
            251,
            &mut progress,
        )
        .unwrap();
        let epochs = &progress.history.epochs;
        assert_eq!((epochs[0], epochs[1], *epochs.last().unwrap()), (0, 2, 251));
        assert_eq!(epochs.len(), 1 + 125 + 1, "{epochs:?}");
    }
}

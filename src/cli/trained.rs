//! Carrying out a checked run: the starting network, its training, and what is measured of the
//! trained network, handed back in plain vectors for the outputs to print.
//!
//! ```text
//! $ stacknet --seed 1 --task and --svg and.svg
//! ```

use stacknet::{truth_tables, AnyActivation, Batch, Diverged, Matrix, Network};

use super::model::Model;
use super::plot::{self, History, Sampled, Surfaces, OUTPUT_RANGE};
use super::run::{Run, Start};
use super::sizes::{matrix, with_sizes, Job};
use super::task::{largest_sine_error, Task};
use super::training::{train, Precision, Progress};

/// What a run produced.
#[derive(Debug)]
pub struct Trained {
    /// The `Z` of the last forward pass (before the last update), one per row of the task: in
    /// the run's dtype, held exactly in `f64`.
    pub outputs: Vec<f64>,
    /// The network after training, and how it was made.
    pub model: Model,
    /// For the logic tasks: whether every output rounds to its target.
    pub learnt: Option<bool>,
    /// For sine: the largest `|output - sin t|` over a dense grid of `[0, 2 pi]`.
    pub largest_sine_error: Option<f64>,
    /// The loss along the way, when a picture was asked for.
    pub history: History,
    /// For two-input tasks, when a picture was asked for: the output over the unit square, at
    /// moments of training, and each hidden unit's.
    pub surfaces: Option<Surfaces>,
}

/// Trains the network `run` describes, at its sizes, or says at which epoch it diverged.
pub fn perform(run: &Run) -> Result<Trained, Diverged> {
    with_sizes(run.task, run.hidden, run.dtype, Perform(run))
}

/// A run, as a [`Job`] for its sizes.
struct Perform<'a>(&'a Run);

/// The command line's network: its activations chosen at run time, its numbers `T`.
pub type AnyNetwork<const INPUTS: usize, const HIDDEN: usize, T = f64> =
    Network<INPUTS, HIDDEN, 1, AnyActivation, AnyActivation, T>;

/// The network `run` starts from, with its activations; the seed that drew it, if one did;
/// and the epochs it has trained before (those of a loaded model). Weights given as text are
/// rounded to the nearest `T`; a loaded model's are already of the run's dtype.
pub fn starting_network<const INPUTS: usize, const HIDDEN: usize, T: Precision>(
    run: &Run,
) -> (AnyNetwork<INPUTS, HIDDEN, T>, Option<u64>, u64) {
    let (network, seed, epochs_before): (AnyNetwork<INPUTS, HIDDEN, T>, _, _) = match &run.start {
        Start::Seed(seed) => (
            Network::random(&mut fastrand::Rng::with_seed(*seed)),
            Some(*seed),
            0,
        ),
        Start::Weights(wh, wz) => (Network::from_weights(matrix(wh), matrix(wz)), None, 0),
        Start::Load(model) => (
            Network::from_weights(matrix(&model.hidden_weights), matrix(&model.output_weights))
                .with_biases(matrix(&model.hidden_biases), matrix(&model.output_biases)),
            model.seed,
            model.epochs,
        ),
    };
    let network = network.with_activations(run.hidden_activation, run.output_activation);
    (network, seed, epochs_before)
}

impl Job for Perform<'_> {
    type Output = Result<Trained, Diverged>;

    fn run<const INPUTS: usize, const HIDDEN: usize, const ROWS: usize, T: Precision>(
        self,
    ) -> Self::Output {
        let run = self.0;
        let (inputs, targets) = run.task.data();
        let (inputs, targets) = (
            matrix::<ROWS, INPUTS, T>(&inputs),
            matrix::<ROWS, 1, T>(&targets),
        );
        let (mut network, seed, epochs_before) = starting_network::<INPUTS, HIDDEN, T>(run);
        let drawing = run.plot || run.svg.is_some();
        let terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
        let mut progress = Progress::new(run.epochs, run.every, terminal, drawing);
        let outputs = train(
            &mut network,
            &inputs,
            &targets,
            run.training,
            run.epochs,
            &mut progress,
        )?;
        let output = |x: &[f64]| network.predict(&matrix::<1, INPUTS, T>(x))[(0, 0)].into();
        let surfaces = (INPUTS == 2 && drawing).then(|| {
            let corners: Vec<(f64, f64, f64)> = inputs
                .rows()
                .iter()
                .zip(targets.rows())
                .map(|(row, target)| (row[0].into(), row[INPUTS - 1].into(), target[0].into()))
                .collect();
            surfaces(run, &network, corners, (&inputs, &targets))
        });
        let learnt = run
            .task
            .is_logic()
            .then(|| truth_tables::all_round_correctly(&outputs.convert(), &targets.convert()));
        let largest_sine_error =
            (run.task == Task::Sine).then(|| largest_sine_error(|x| output(&[x])));
        let numbers = |matrix: &[T]| matrix.iter().map(|&number| number.into()).collect();
        Ok(Trained {
            outputs: numbers(outputs.as_slice()),
            model: Model {
                dtype: T::DTYPE,
                task: run.task,
                hidden: HIDDEN,
                hidden_activation: run.hidden_activation,
                output_activation: run.output_activation,
                training: run.training.with_batch(Batch::Full),
                seed,
                epochs: epochs_before + u64::from(run.epochs),
                hidden_weights: numbers(network.hidden_weights().as_slice()),
                hidden_biases: numbers(network.hidden_biases().as_slice()),
                output_weights: numbers(network.output_weights().as_slice()),
                output_biases: numbers(network.output_biases().as_slice()),
            },
            learnt,
            largest_sine_error,
            history: progress.history,
            surfaces,
        })
    }
}

/// The surfaces of a two-input run's pictures: the trained `network`'s output and each of its
/// hidden units', and the output at [`plot::MOMENT_PERCENTS`] of the run.
///
/// The network at a moment of training is found by training a fresh copy of the starting
/// network for that many epochs: the same steps the run took, mini-batch shuffles included, so
/// the same weights, and the run's own loop stays as it is.
fn surfaces<const INPUTS: usize, const HIDDEN: usize, const ROWS: usize, T: Precision>(
    run: &Run,
    network: &AnyNetwork<INPUTS, HIDDEN, T>,
    corners: Vec<(f64, f64, f64)>,
    (inputs, targets): (&Matrix<ROWS, INPUTS, T>, &Matrix<ROWS, 1, T>),
) -> Surfaces {
    let output = |network: &AnyNetwork<INPUTS, HIDDEN, T>, x1, x2| {
        network.predict(&matrix::<1, INPUTS, T>(&[x1, x2]))[(0, 0)].into()
    };
    let moments = plot::MOMENT_PERCENTS
        .iter()
        .filter(|_| run.epochs > 0)
        .map(|&percent| {
            let epoch = plot::moment_epoch(run.epochs, percent);
            let mut then = starting_network::<INPUTS, HIDDEN, T>(run).0;
            if epoch == run.epochs {
                then = *network;
            } else {
                // A prefix of the run that has just succeeded: it cannot diverge.
                let _ = train(
                    &mut then,
                    inputs,
                    targets,
                    run.training,
                    epoch,
                    &mut Progress::silent(),
                );
            }
            let sampled = Sampled::small(corners.clone(), Some(OUTPUT_RANGE), |x1, x2| {
                output(&then, x1, x2)
            });
            (epoch, sampled)
        })
        .collect();
    // Sigmoid and tanh have bounds to draw between; the others, each unit's own extent.
    let hidden_range = match run.hidden_activation {
        AnyActivation::Sigmoid => Some((0.0, 1.0)),
        AnyActivation::Tanh => Some((-1.0, 1.0)),
        _ => None,
    };
    let hidden_units = (0..HIDDEN)
        .map(|unit| {
            Sampled::small(Vec::new(), hidden_range, |x1, x2| {
                network.hidden_layer(&matrix::<1, INPUTS, T>(&[x1, x2]))[(0, unit)].into()
            })
        })
        .collect();
    Surfaces {
        output: Sampled::large(corners, OUTPUT_RANGE, |x1, x2| output(network, x1, x2)),
        moments,
        hidden_units,
    }
}

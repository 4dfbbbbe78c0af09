//! Carrying out a checked run: the starting network, its training, and what is measured of the
//! trained network, handed back in plain numbers for the outputs to print.
//!
//! ```text
//! $ stacknet --seed 1 --task and --svg and.svg
//! ```

use std::fmt;

use stacknet::{AnyActivation, Batch, Diverged};

use super::model::Model;
use super::plot::{self, History, Sampled, Surfaces, OUTPUT_RANGE};
use super::progress::Progress;
use super::run::Run;
use super::sizes::build;
use super::task::{largest_sine_error, sine_points, Task, SINE_CHECK_POINTS};
use super::typed::{Outputs, Parameters, Trainable};

/// What a run produced.
#[derive(Debug)]
pub struct Trained {
    /// The `Z` of the last forward pass (before the last update), one per row of the task.
    pub outputs: Outputs,
    /// The network after training, and how it was made.
    pub model: Model,
    /// The steps that the last update added to the weights (and to the biases, when they
    /// learnt); `None` when the run trained no epoch.
    pub steps: Option<Parameters>,
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

/// Why a run produced nothing.
#[derive(Debug)]
pub enum Failure {
    /// Training stopped: the numbers stopped being finite.
    Diverged(Diverged),
    /// The program could not do what the checked run asked: a fault of stacknet, not of the
    /// input.
    Internal(String),
    /// What the network computes, named here, is not all finite numbers, though its weights
    /// are: a loaded model evaluated without training, whose outputs overflow.
    NotFinite(&'static str),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Diverged(diverged) => write!(f, "{diverged}"),
            Failure::Internal(message) => write!(f, "internal error: {message}"),
            Failure::NotFinite(what) => write!(
                f,
                "{what} are not all finite numbers, though the weights are: they are too large; \
                 nothing was printed or saved"
            ),
        }
    }
}

impl From<Diverged> for Failure {
    fn from(diverged: Diverged) -> Failure {
        Failure::Diverged(diverged)
    }
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure::Internal(message)
    }
}

/// The network `run` starts from: its sizes, activations and starting weights, with the task's
/// data.
pub fn starting_network(run: &Run) -> Result<Box<dyn Trainable>, String> {
    let activations = (run.hidden_activation, run.output_activation);
    build(
        run.task,
        run.hidden,
        run.dtype,
        activations,
        run.start.weights(),
    )
}

/// Trains the network `run` describes, or says why it could not.
pub fn perform(run: &Run) -> Result<Trained, Failure> {
    let mut network = starting_network(run)?;
    let drawing = run.plot || run.svg.is_some();
    let terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let mut progress = Progress::new(run.epochs, run.every, terminal, drawing);
    let outputs = network.train(run.training, run.epochs, &mut progress)?;
    let surfaces = if run.task.inputs() == 2 && drawing {
        Some(surfaces(run, network.as_ref())?)
    } else {
        None
    };
    let largest_sine_error = if run.task == Task::Sine {
        let (points, sines) = sine_points(SINE_CHECK_POINTS);
        Some(largest_sine_error(&network.outputs(&points)?, &sines))
    } else {
        None
    };
    // Training leaves only finite numbers (or stops as diverged), but a loaded model that is
    // only evaluated has not been through it.
    if !outputs.values.iter().all(|z| z.is_finite()) {
        return Err(Failure::NotFinite("the outputs Z"));
    }
    if largest_sine_error.is_some_and(|error| !error.is_finite()) {
        return Err(Failure::NotFinite("the outputs over the sine's dense grid"));
    }
    if surfaces
        .as_ref()
        .is_some_and(|surfaces| !surfaces.are_finite())
    {
        return Err(Failure::NotFinite(
            "the outputs over the unit square, drawn",
        ));
    }
    Ok(Trained {
        learnt: run.task.is_logic().then_some(outputs.round_correctly),
        largest_sine_error,
        model: Model {
            dtype: run.dtype,
            task: run.task,
            hidden: run.hidden,
            hidden_activation: run.hidden_activation,
            output_activation: run.output_activation,
            training: run.training.with_batch(Batch::Full),
            seed: run.start.seed(),
            epochs: run.start.epochs_before() + u64::from(run.epochs),
            parameters: network.parameters(),
        },
        steps: network.last_step().map(|step| step.added()),
        outputs,
        history: progress.history,
        surfaces,
    })
}

/// The surfaces of a two-input run's pictures: the trained `network`'s output and each of its
/// hidden units', and the output at [`plot::MOMENT_PERCENTS`] of the run.
///
/// The network at a moment of training is found by training a fresh copy of the starting
/// network for that many epochs: the same steps the run took, mini-batch shuffles included, so
/// the same weights, and the run's own loop stays as it is.
fn surfaces(run: &Run, network: &dyn Trainable) -> Result<Surfaces, String> {
    let (inputs, targets) = run.task.data();
    let corners: Vec<(f64, f64, f64)> = inputs
        .chunks(2)
        .zip(&targets)
        .map(|(row, &target)| (row[0], row[1], target))
        .collect();
    let mut moments = Vec::new();
    for &percent in plot::MOMENT_PERCENTS.iter().filter(|_| run.epochs > 0) {
        let epoch = plot::moment_epoch(run.epochs, percent);
        let sampled = if epoch == run.epochs {
            Sampled::small(corners.clone(), Some(OUTPUT_RANGE), &|x| network.outputs(x))?
        } else {
            let mut then = starting_network(run)?;
            // A prefix of the run that has just succeeded: it cannot diverge.
            then.train(run.training, epoch, &mut Progress::silent())
                .map_err(|diverged| format!("replaying the run's first epochs: {diverged}"))?;
            Sampled::small(corners.clone(), Some(OUTPUT_RANGE), &|x| then.outputs(x))?
        };
        moments.push((epoch, sampled));
    }
    // Sigmoid and tanh have bounds to draw between; the others, each unit's own extent.
    let hidden_range = match run.hidden_activation {
        AnyActivation::Sigmoid => Some((0.0, 1.0)),
        AnyActivation::Tanh => Some((-1.0, 1.0)),
        _ => None,
    };
    let mut hidden_units = Vec::new();
    for unit in 0..run.hidden {
        let unit_outputs = |points: &[f64]| -> Result<Vec<f64>, String> {
            let all = network.hidden_outputs(points)?;
            Ok(all.into_iter().skip(unit).step_by(run.hidden).collect())
        };
        hidden_units.push(Sampled::small(Vec::new(), hidden_range, &unit_outputs)?);
    }
    Ok(Surfaces {
        output: Sampled::large(corners, OUTPUT_RANGE, &|x| network.outputs(x))?,
        moments,
        hidden_units,
    })
}

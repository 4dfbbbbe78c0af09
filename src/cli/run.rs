//! A run of the command line, fully checked: the options fitted together, with every default
//! filled in from the task, `--variant` or the model file.
//!
//! ```text
//! $ stacknet --task sine --learning-rate 0.02     (sine's program, at another learning rate)
//! ```

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::path::{Path, PathBuf};

use stacknet::{AnyActivation, Batch, Training};

use super::arguments::{parse_weights, Options, MAX_EPOCHS};
use super::dtype::Dtype;
use super::format::Format;
use super::model::{Model, MAX_MODEL_EPOCHS};
use super::shown::quoted;
use super::task::{Program, Task};
use super::typed::{Parameters, Weights};

/// Where the starting weights come from.
#[derive(Clone, Debug)]
pub enum Start {
    Seed(u64),
    /// `--weights`: `Wh` and `Wz`, already checked to be finite and of the right counts, and
    /// zero biases.
    Weights(Parameters),
    /// A saved model, already read and checked.
    Load(Box<Model>),
}

impl Start {
    /// The starting weights, as the network of the run's sizes takes them.
    pub fn weights(&self) -> Weights<'_> {
        match self {
            Start::Seed(seed) => Weights::Random(*seed),
            Start::Weights(parameters) => Weights::Given(parameters),
            Start::Load(model) => Weights::Given(&model.parameters),
        }
    }

    /// The seed that drew the weights, if one did.
    pub fn seed(&self) -> Option<u64> {
        match self {
            Start::Seed(seed) => Some(*seed),
            Start::Weights(_) => None,
            Start::Load(model) => model.seed,
        }
    }

    /// The epochs the weights have been trained before this run: those of a loaded model.
    pub fn epochs_before(&self) -> u64 {
        match self {
            Start::Load(model) => model.epochs,
            _ => 0,
        }
    }
}

/// A run, fully checked: everything training needs, nothing left to validate.
#[derive(Clone, Debug)]
pub struct Run {
    pub task: Task,
    pub hidden: usize,
    /// The number type the network computes in.
    pub dtype: Dtype,
    pub hidden_activation: AnyActivation,
    pub output_activation: AnyActivation,
    /// How the network learns, its mini-batches' seed included.
    pub training: Training,
    pub epochs: u32,
    pub start: Start,
    /// Whether the seed was drawn afresh, not given: then it is shown, so that the run can be
    /// repeated.
    pub fresh_seed: bool,
    pub format: Format,
    pub save: Option<PathBuf>,
    /// Print the epoch, the loss and `Z` every this many epochs.
    pub every: Option<u32>,
    /// Draw the loss curve and the surface in the terminal after the run.
    pub plot: bool,
    /// Write the loss curve, the surface and the network to this SVG file.
    pub svg: Option<PathBuf>,
    /// Print every matrix of epoch `epochs` (after training the ones before it) instead of `Z`.
    pub trace: bool,
    /// The command that repeats this run, for generated files.
    pub command: String,
}

/// Checks the options against each other and fills in the defaults.
pub fn check_options(options: Options) -> Result<Run, String> {
    let (task, hidden, mut program, start) = match &options.load {
        Some(path) => {
            let given = [
                ("--task", options.task.is_some()),
                ("--hidden", options.hidden.is_some()),
                ("--variant", options.variant.is_some()),
                ("--weights", options.weights.is_some()),
                ("--seed", options.seed.is_some()),
                ("--hidden-activation", options.hidden_activation.is_some()),
                ("--output-activation", options.output_activation.is_some()),
                ("--biases", options.biases.is_some()),
            ];
            if let Some((flag, _)) = given.iter().find(|(_, given)| *given) {
                return Err(format!(
                    "{flag} comes from the model file; it cannot go with --load"
                ));
            }
            let model = Model::load(path)?;
            // The model's dtype is the run's; another one asked for is refused, not converted.
            if let Some(dtype) = options.dtype.filter(|&dtype| dtype != model.dtype) {
                return Err(format!(
                    "{} holds a {} model, which cannot run with --dtype {dtype}; run it with --dtype {} (or without --dtype), or train a new one",
                    quoted(path),
                    model.dtype.name(),
                    model.dtype,
                ));
            }
            // A loaded model is only evaluated unless --epochs says otherwise.
            let program = Program {
                hidden_activation: model.hidden_activation,
                output_activation: model.output_activation,
                training: model.training,
                epochs: 0,
            };
            (
                model.task,
                model.hidden,
                program,
                Start::Load(Box::new(model)),
            )
        }
        None => {
            let task = options.task.unwrap_or(Task::Xor);
            let (program, hidden) = task.defaults(options.variant);
            let hidden = options.hidden.unwrap_or(hidden);
            let start = match (&options.weights, options.seed) {
                (Some(_), Some(_)) => {
                    return Err(
                        "--seed and --weights both choose the starting weights; give one".into(),
                    )
                }
                (Some(text), None) => {
                    let dtype = options.dtype.unwrap_or_default();
                    let (hidden_weights, output_weights) =
                        parse_weights(text, task.inputs(), hidden, dtype)?;
                    Start::Weights(Parameters {
                        hidden_weights,
                        hidden_biases: vec![0.0; hidden],
                        output_weights,
                        output_biases: vec![0.0],
                    })
                }
                (None, Some(seed)) => Start::Seed(seed),
                (None, None) => Start::Seed(fresh_seed()),
            };
            (task, hidden, program, start)
        }
    };
    if let Some(activation) = options.hidden_activation {
        program.hidden_activation = activation;
    }
    if let Some(activation) = options.output_activation {
        program.output_activation = activation;
    }
    if let Some(rate) = options.learning_rate {
        program.training = program.training.with_learning_rate(rate);
    }
    if let Some(biases) = options.biases {
        program.training = program.training.with_trained_biases(biases);
    }
    if options.trace {
        check_trace(&options)?;
    }
    let epochs = match options.epochs {
        Some(epochs) => epochs,
        // --trace shows the first epoch unless told which.
        None if options.trace => 1,
        None => program.epochs,
    };
    if let Start::Load(model) = &start {
        let total = model.epochs + u64::from(epochs);
        if total > MAX_MODEL_EPOCHS {
            return Err(format!(
                "{} has trained {} epochs; --epochs {epochs} more would pass the {MAX_MODEL_EPOCHS} a model records",
                quoted(options.load.as_deref().unwrap_or(Path::new("the model"))),
                model.epochs,
            ));
        }
    }
    if epochs == 0 && !matches!(start, Start::Load(_)) {
        return Err(format!(
            "--epochs must be a whole number from 1 to {MAX_EPOCHS}, not '0' (0 only evaluates a --load'ed model)"
        ));
    }
    let batch = match options.batch.flatten() {
        None => Batch::Full,
        Some(rows) if rows <= task.rows() => Batch::Mini {
            rows,
            seed: shuffle_seed(&start),
        },
        Some(rows) => {
            return Err(format!(
                "--batch {rows} is more than the {} rows of task {}; use full, or 1 to {}",
                task.rows(),
                task,
                task.rows()
            ))
        }
    };
    if let (Some(save), Some(svg)) = (&options.save, &options.svg) {
        if same_file(save, svg) {
            return Err(format!(
                "--save and --svg both name {}; the picture would replace the model",
                quoted(save)
            ));
        }
    }
    let format = options.format.unwrap_or_default();
    if (options.every.is_some() || options.plot) && format != Format::Numpy {
        let flag = if options.plot { "--plot" } else { "--every" };
        return Err(format!(
            "{flag} prints lines of its own, which would break --format json or rust"
        ));
    }
    let command = match start {
        Start::Seed(seed) if options.seed.is_none() => format!("{} --seed {seed}", options.command),
        _ => options.command,
    };
    let dtype = match &start {
        Start::Load(model) => model.dtype,
        _ => options.dtype.unwrap_or_default(),
    };
    Ok(Run {
        task,
        hidden,
        dtype,
        hidden_activation: program.hidden_activation,
        output_activation: program.output_activation,
        training: program.training.with_batch(batch),
        epochs,
        fresh_seed: options.seed.is_none() && matches!(start, Start::Seed(_)),
        start,
        format,
        save: options.save,
        every: options.every,
        plot: options.plot,
        svg: options.svg,
        trace: options.trace,
        command,
    })
}

/// `--trace` shows one epoch of a full-batch run (the one `--epochs` names, after those before
/// it), on its own: it refuses an epoch 0, mini-batches, and the options that would print or
/// write something else.
fn check_trace(options: &Options) -> Result<(), String> {
    if options.epochs == Some(0) {
        return Err(format!(
            "--trace --epochs N prints epoch N, from 1 to {MAX_EPOCHS}; there is no epoch 0"
        ));
    }
    let refused = match options.batch.flatten() {
        Some(rows) => Some(format!("--batch {rows}")),
        None => [
            ("--format json", options.format == Some(Format::Json)),
            ("--format rust", options.format == Some(Format::Rust)),
            ("--every", options.every.is_some()),
            ("--plot", options.plot),
            ("--svg", options.svg.is_some()),
            ("--save", options.save.is_some()),
        ]
        .into_iter()
        .find_map(|(flag, given)| given.then(|| flag.to_string())),
    };
    match refused {
        Some(flag) => Err(format!(
            "--trace prints the matrices of one full-batch epoch and nothing else; it cannot go with {flag}"
        )),
        None => Ok(()),
    }
}

/// The seed of the generator that shuffles mini-batches: the run's seed; for a loaded model,
/// its seed plus the epochs it has trained, so that each continuation shuffles anew; 0 for
/// weights given by `--weights`.
fn shuffle_seed(start: &Start) -> u64 {
    match start {
        Start::Seed(seed) => *seed,
        Start::Weights(..) => 0,
        Start::Load(model) => model.seed.unwrap_or(0).wrapping_add(model.epochs),
    }
}

/// Whether `a` and `b` name one file: the same path from the working directory, or, when
/// both exist, the same file by another path (a link, `..`).
fn same_file(a: &Path, b: &Path) -> bool {
    let absolute = |path: &Path| std::path::absolute(path).ok();
    let canonical = |path: &Path| std::fs::canonicalize(path).ok();
    let same = |a: Option<PathBuf>, b: Option<PathBuf>| a.is_some() && a == b;
    a == b || same(absolute(a), absolute(b)) || same(canonical(a), canonical(b))
}

/// A seed from the operating system's randomness, which std's hash maps already draw on.
fn fresh_seed() -> u64 {
    RandomState::new().hash_one(std::process::id())
}

#[cfg(test)]
mod tests {
    use std::ffi::OsString;

    use super::*;
    use crate::cli::arguments::{parse_command_line, Command};
    use crate::cli::task::Variant;

    fn run_of(arguments: &[&str]) -> Run {
        match parse_command_line(arguments.iter().map(OsString::from)) {
            Ok(Command::Run(options)) => check_options(*options)
                .unwrap_or_else(|message| panic!("{arguments:?} was refused: {message}")),
            Ok(_) => panic!("{arguments:?} did not ask for a training run"),
            Err(message) => panic!("{arguments:?} was refused: {message}"),
        }
    }

    /// The run's activations, training and epochs, as a [`Program`] to compare.
    fn program(run: &Run) -> Program {
        Program {
            hidden_activation: run.hidden_activation,
            output_activation: run.output_activation,
            training: run.training,
            epochs: run.epochs,
        }
    }

    #[test]
    fn defaults_are_the_article_programs() {
        let run = run_of(&["--seed", "5"]);
        assert_eq!((run.task, run.hidden), (Task::Xor, 3));
        assert_eq!(program(&run), Variant::Classic.program());
        assert_eq!(
            (run.format, run.training.batch),
            (Format::Numpy, Batch::Full)
        );
        let run = run_of(&["--variant=improved", "--seed=5"]);
        assert_eq!(program(&run), Variant::Improved.program());
    }

    #[test]
    fn options_beyond_the_article_adjust_the_variant() {
        let run = run_of(&[
            "--seed",
            "1",
            "--task",
            "parity3",
            "--biases",
            "on",
            "--learning-rate",
            "0.5",
        ]);
        assert_eq!((run.task, run.hidden), (Task::Parity3, 3));
        assert!(run.training.train_biases);
        assert_eq!(run.training.learning_rate, 0.5);
        let run = run_of(&["--seed", "1", "--task", "sine"]);
        assert_eq!((program(&run), run.hidden), Task::Sine.defaults(None));
        let run = run_of(&[
            "--seed",
            "7",
            "--batch",
            "2",
            "--hidden-activation",
            "leaky-relu",
        ]);
        assert_eq!(run.training.batch, Batch::Mini { rows: 2, seed: 7 });
        assert_eq!(run.hidden_activation, AnyActivation::LeakyRelu);
    }

    #[test]
    fn weights_are_read_row_major() {
        let run = run_of(&["--hidden", "2", "--weights", "1,2 3 4 ; -5, 6e-1"]);
        let Start::Weights(parameters) = run.start else {
            panic!("no weights");
        };
        assert_eq!(
            (parameters.hidden_weights, parameters.output_weights),
            (vec![1.0, 2.0, 3.0, 4.0], vec![-5.0, 0.6])
        );
    }

    #[test]
    fn generated_command_repeats_the_run() {
        let run = run_of(&["--weights", "1 2 3 4 5 6 ; 7 8 9", "--task=and"]);
        assert_eq!(
            run.command,
            "stacknet --weights '1 2 3 4 5 6 ; 7 8 9' --task=and"
        );
        let run = run_of(&["--hidden", "2"]);
        assert!(
            run.command.starts_with("stacknet --hidden 2 --seed "),
            "{}",
            run.command
        );
    }
}

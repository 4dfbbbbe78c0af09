//! The `stacknet` command: trains the article's XOR network and prints `Z` as numpy's `print(Z)`.
//!
//! ```text
//! $ stacknet --seed 1
//! [[0.01291535]
//!  [0.99222772]
//!  [0.99222789]
//!  [0.00193974]]
//! ```
//!
//! Beyond the article: other tasks (`--task`), activations, biases, learning rates,
//! mini-batches, and saved models. Run `stacknet --help` for the options. Bad input gets one
//! line on stderr naming the problem, and exit status 2. The library is `no_std`; this program
//! uses std for arguments, files and output.

mod cli {
    pub mod experiment;
    pub mod model;
    pub mod plot;
}

use std::collections::hash_map::RandomState;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::hash::BuildHasher;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use cli::model::{settings_name, sine_points, write_atomically, Model, Task, MAX_HIDDEN};
use cli::plot::{Diagram, History, Surface};
use stacknet::{truth_tables, Activation, Batch, Diverged, Matrix, Network, Settings, Variant};

const USAGE: &str = "\
stacknet: trains the XOR network of \"A Neural Network in Python, Part 1\" and prints what it learnt

Usage: stacknet [OPTIONS]
       stacknet experiment hidden|rate|init [--seeds N]

The article's programs:
  --variant classic|improved  classic: sigmoid output, no learning rate, 60000 epochs;
                              improved: linear output, L = 0.1, 20000 epochs [default: classic]
  --epochs N                  epochs to train, 1 to 1000000000 (0 to only evaluate a --load'ed
                              model) [default: the variant's, or the task's]
  --seed N                    seed for the random starting weights, a 64-bit unsigned number
                              [default: a fresh one, printed on stderr]
  --hidden N                  hidden units, 1 to 16 [default: 3; 4 for sine]
  --weights \"WH ; WZ\"         starting weights instead of random ones: WH row by row
                              (inputs x hidden), a semicolon, then WZ (hidden x 1); numbers
                              separated by spaces or commas, as in the reference script
  --format numpy|json|rust    numpy: Z as numpy's print(Z); json: one object with Z and the
                              trained weights in full precision; rust: the trained network as a
                              Rust `const`, for firmware to include! [default: numpy]

Beyond the article:
  --task NAME                 xor, and, or, nand, nor, xnor, parity3 (three inputs), or sine
                              (sin on [0, 2 pi], 1-4-1 with tanh, biases, L = 0.01 and 200000
                              epochs unless told otherwise) [default: xor]
  --hidden-activation NAME    sigmoid, tanh, relu, leaky-relu or linear
  --output-activation NAME    the same choices, for the output layer
  --learning-rate L           a finite number above 0: dZ = E * f'(Z) * L
  --biases on|off             add and train a bias for every unit [default: off, as the article]
  --batch full|N              full: all rows per update (the article); N: mini-batches of N rows,
                              shuffled every epoch [default: full]
  --save FILE                 write the trained model to FILE (the old FILE is replaced only
                              once the new one is complete)
  --load FILE                 start from a saved model; with no --epochs it is only evaluated
  --every N                   print the epoch, the loss (mean squared error) and Z every N epochs
  --plot                      draw the loss curve (log scale) and, for two inputs, the output
                              over the unit square, in the terminal after the run
  --svg FILE                  draw the loss curve, the output over the unit square and the
                              network with its weights in one SVG file
  -h, --help                  print this help

Experiments, over seeds 0 to N-1 (default 200), on every core:
  experiment hidden           hidden sizes 1 to 8, both programs: share learnt, median loss
  experiment rate             the improved program at learning rates from 0.01 to 1
  experiment init             starting weights uniform in [0, 1), in [-1, 1), and all zero

Bad input is reported on stderr with exit status 2; training that diverges, with status 1.
";

/// Exit status for bad input on the command line or in a model file.
const EXIT_BAD_INPUT: u8 = 2;

/// Exit status when training diverges.
const EXIT_DIVERGED: u8 = 1;

/// The most epochs one run may ask for: about a minute and a half of training at 90 ns an epoch.
const MAX_EPOCHS: u32 = 1_000_000_000;

/// Points of the dense grid on which the sine task's largest error is measured.
const SINE_CHECK_POINTS: usize = 1001;

/// The sine task's own defaults, measured to reach a largest error below 0.01 from most seeds.
const SINE_SETTINGS: Settings = Settings {
    hidden_activation: Activation::Tanh,
    output_activation: Activation::Linear,
    learning_rate: 0.01,
    biases: true,
    hidden_delta_after_output_update: false,
};
const SINE_HIDDEN: usize = 4;
const SINE_EPOCHS: u32 = 200_000;

/// Hidden units unless told otherwise, as in the article.
const DEFAULT_HIDDEN: usize = 3;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Format {
    Numpy,
    Json,
    Rust,
}

/// Where the starting weights come from.
#[derive(Clone, Debug)]
enum Start {
    Seed(u64),
    /// `Wh` row-major, then `Wz`, already checked to be finite and of the right counts.
    Weights(Vec<f64>, Vec<f64>),
    /// A saved model, already read and checked.
    Load(Box<Model>),
}

/// A run, fully checked: everything `train` needs, nothing left to validate.
#[derive(Clone, Debug)]
struct Run {
    task: Task,
    hidden: usize,
    settings: Settings,
    epochs: u32,
    batch: Batch,
    start: Start,
    format: Format,
    save: Option<PathBuf>,
    /// Print the epoch, the loss and `Z` every this many epochs.
    every: Option<u32>,
    /// Draw the loss curve and the surface in the terminal after the run.
    plot: bool,
    /// Write the loss curve, the surface and the network to this SVG file.
    svg: Option<PathBuf>,
    /// The command that repeats this run, for generated files.
    command: String,
}

/// What the command line asks for.
enum Command {
    Help,
    Run(Box<Run>),
    /// `stacknet experiment NAME [--seeds N]`.
    Experiment(cli::experiment::Experiment, u64),
}

/// What a run produced.
struct Trained {
    /// The `Z` of the last forward pass (before the last update), one per row of the task.
    outputs: Vec<f64>,
    /// The network after training, and how it was made.
    model: Model,
    /// For the logic tasks: whether every output rounds to its target.
    learnt: Option<bool>,
    /// For sine: the largest `|output - sin t|` over a dense grid of `[0, 2 pi]`.
    largest_sine_error: Option<f64>,
    /// The loss along the way, when a picture was asked for.
    history: History,
    /// The output over the unit square, for two-input tasks: for the terminal and for the SVG.
    surfaces: Option<(Surface, Surface)>,
}

fn main() -> ExitCode {
    let run = match parse_command_line(std::env::args_os().skip(1)) {
        Ok(Command::Run(run)) => run,
        Ok(Command::Help) => return write_stdout(USAGE),
        Ok(Command::Experiment(experiment, seeds)) => {
            return write_stdout(&cli::experiment::run(experiment, seeds))
        }
        Err(message) => {
            eprintln!("stacknet: {message} (see stacknet --help)");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    if let Start::Seed(seed) = run.start {
        eprintln!("stacknet: seed {seed} (repeat this run with --seed {seed})");
    }
    let trained = match train(&run) {
        Ok(trained) => trained,
        Err(diverged) => {
            eprintln!("stacknet: {diverged}; try a lower --learning-rate");
            return ExitCode::from(EXIT_DIVERGED);
        }
    };
    if let Some(path) = &run.save {
        if let Err(message) = trained.model.save(path) {
            eprintln!("stacknet: {message}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
        eprintln!("stacknet: saved the model to {}", path.display());
    }
    if let Some(path) = &run.svg {
        let diagram = Diagram {
            inputs: run.task.inputs(),
            hidden: run.hidden,
            hidden_weights: trained.model.hidden_weights.clone(),
            output_weights: trained.model.output_weights.clone(),
        };
        let title = format!("{}: {}", run.command, run.task.name());
        let surface = trained.surfaces.as_ref().map(|(_, svg)| svg);
        let picture = cli::plot::svg(&title, &trained.history, surface, &diagram);
        if let Err(error) = write_atomically(path, picture.as_bytes()) {
            eprintln!(
                "stacknet: cannot write the picture to '{}': {error}",
                path.display()
            );
            return ExitCode::from(EXIT_BAD_INPUT);
        }
        eprintln!("stacknet: drew the run in {}", path.display());
    }
    let output = match run.format {
        Format::Numpy if run.plot => {
            let surface = trained.surfaces.as_ref().map(|(terminal, _)| terminal);
            to_numpy(&trained) + "\n" + &cli::plot::terminal(&trained.history, surface)
        }
        Format::Numpy => to_numpy(&trained),
        Format::Json => to_json(&run, &trained),
        Format::Rust => to_rust(&run, &trained),
    };
    write_stdout(&output)
}

/// Writes `text` to stdout. A closed pipe (`stacknet | head -1`) is not worth a message.
fn write_stdout(text: &str) -> ExitCode {
    match std::io::stdout().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}

/// Every option, as typed, before it is checked against the others.
#[derive(Default)]
struct Options {
    variant: Option<Variant>,
    epochs: Option<u32>,
    seed: Option<u64>,
    hidden: Option<usize>,
    weights: Option<String>,
    format: Option<Format>,
    task: Option<Task>,
    hidden_activation: Option<Activation>,
    output_activation: Option<Activation>,
    learning_rate: Option<f64>,
    biases: Option<bool>,
    batch: Option<Option<usize>>,
    save: Option<PathBuf>,
    load: Option<PathBuf>,
    every: Option<u32>,
    plot: bool,
    svg: Option<PathBuf>,
}

/// Options that take a value; `-h` and `--help` are the only others.
const FLAGS: [&str; 16] = [
    "--variant",
    "--epochs",
    "--seed",
    "--hidden",
    "--weights",
    "--format",
    "--task",
    "--hidden-activation",
    "--output-activation",
    "--learning-rate",
    "--biases",
    "--batch",
    "--save",
    "--load",
    "--every",
    "--svg",
];

/// Reads the arguments into a checked [`Command`], or says what is wrong with them.
fn parse_command_line(arguments: impl Iterator<Item = OsString>) -> Result<Command, String> {
    let arguments: Vec<String> = arguments
        .map(|argument| {
            argument
                .into_string()
                .map_err(|bad| format!("argument {bad:?} is not valid UTF-8"))
        })
        .collect::<Result<_, _>>()?;
    if arguments.first().map(String::as_str) == Some("experiment") {
        return parse_experiment(&arguments[1..]);
    }
    let mut options = Options::default();
    let mut words = arguments.iter();
    while let Some(argument) = words.next() {
        if argument == "-h" || argument == "--help" {
            return Ok(Command::Help);
        }
        if argument == "--plot" {
            if std::mem::replace(&mut options.plot, true) {
                return Err("--plot is given more than once".into());
            }
            continue;
        }
        // Both `--flag value` and `--flag=value`.
        let (flag, value) = match argument.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value.to_string())),
            _ => (argument.as_str(), None),
        };
        if !FLAGS.contains(&flag) {
            return Err(format!("unknown option '{flag}'"));
        }
        let value = match value {
            Some(value) => value,
            None => words
                .next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value"))?,
        };
        if !set_option(&mut options, flag, &value)? {
            return Err(format!("{flag} is given more than once"));
        }
    }
    let command = reconstructed_command(&arguments);
    check_options(options, command).map(|run| Command::Run(Box::new(run)))
}

/// Reads `experiment NAME [--seeds N]` (the words after `experiment`).
fn parse_experiment(arguments: &[String]) -> Result<Command, String> {
    use cli::experiment::{Experiment, DEFAULT_SEEDS, MAX_SEEDS};
    let Some((name, rest)) = arguments.split_first() else {
        return Err("experiment needs a name: hidden, rate or init".into());
    };
    if name == "-h" || name == "--help" {
        return Ok(Command::Help);
    }
    let experiment = Experiment::from_name(name)
        .ok_or_else(|| format!("experiment must be hidden, rate or init, not '{name}'"))?;
    let seeds_text = match rest {
        [] => None,
        [flag, value] if flag == "--seeds" => Some(value.as_str()),
        [flag] if flag.starts_with("--seeds=") => flag.strip_prefix("--seeds="),
        [flag] if flag == "--seeds" => return Err("--seeds needs a value".into()),
        [other, ..] => return Err(format!("experiment takes only --seeds N, not '{other}'")),
    };
    let seeds = match seeds_text.map(str::parse::<u64>) {
        None => DEFAULT_SEEDS,
        Some(Ok(seeds)) if (1..=MAX_SEEDS).contains(&seeds) => seeds,
        Some(_) => {
            let text = seeds_text.unwrap_or_default();
            return Err(format!(
                "--seeds must be a whole number from 1 to {MAX_SEEDS}, not '{text}'"
            ));
        }
    };
    Ok(Command::Experiment(experiment, seeds))
}

/// Stores one option; returns `false` if it was already set.
fn set_option(options: &mut Options, flag: &str, value: &str) -> Result<bool, String> {
    fn set<T>(slot: &mut Option<T>, value: T) -> bool {
        slot.replace(value).is_none()
    }
    Ok(match flag {
        "--variant" => set(&mut options.variant, parse_variant(value)?),
        "--epochs" => set(&mut options.epochs, parse_epochs(value)?),
        "--seed" => set(&mut options.seed, parse_seed(value)?),
        "--hidden" => set(&mut options.hidden, parse_hidden(value)?),
        "--weights" => set(&mut options.weights, value.to_string()),
        "--format" => set(&mut options.format, parse_format(value)?),
        "--task" => set(&mut options.task, parse_task(value)?),
        "--hidden-activation" => set(
            &mut options.hidden_activation,
            parse_activation(flag, value)?,
        ),
        "--output-activation" => set(
            &mut options.output_activation,
            parse_activation(flag, value)?,
        ),
        "--learning-rate" => set(&mut options.learning_rate, parse_learning_rate(value)?),
        "--biases" => set(&mut options.biases, parse_biases(value)?),
        "--batch" => set(&mut options.batch, parse_batch(value)?),
        "--save" => set(&mut options.save, parse_path(flag, value)?),
        "--every" => set(&mut options.every, parse_every(value)?),
        "--svg" => set(&mut options.svg, parse_path(flag, value)?),
        _ => set(&mut options.load, parse_path(flag, value)?),
    })
}

/// Checks the options against each other and fills in the defaults.
fn check_options(options: Options, command: String) -> Result<Run, String> {
    let (task, hidden, mut settings, start, default_epochs) = match &options.load {
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
            let start = (model.task, model.hidden, model.settings);
            (start.0, start.1, start.2, Start::Load(Box::new(model)), 0)
        }
        None => {
            let task = options.task.unwrap_or(Task::Xor);
            let (settings, hidden, epochs) = match (task, options.variant) {
                (Task::Sine, None) => (SINE_SETTINGS, SINE_HIDDEN, SINE_EPOCHS),
                (_, variant) => {
                    let variant = variant.unwrap_or(Variant::Classic);
                    (variant.settings(), DEFAULT_HIDDEN, variant.article_epochs())
                }
            };
            let hidden = options.hidden.unwrap_or(hidden);
            let start = match (&options.weights, options.seed) {
                (Some(_), Some(_)) => {
                    return Err(
                        "--seed and --weights both choose the starting weights; give one".into(),
                    )
                }
                (Some(text), None) => {
                    let (wh, wz) = parse_weights(text, task.inputs(), hidden)?;
                    Start::Weights(wh, wz)
                }
                (None, Some(seed)) => Start::Seed(seed),
                (None, None) => Start::Seed(fresh_seed()),
            };
            (task, hidden, settings, start, epochs)
        }
    };
    if let Some(activation) = options.hidden_activation {
        settings.hidden_activation = activation;
    }
    if let Some(activation) = options.output_activation {
        settings.output_activation = activation;
    }
    if let Some(rate) = options.learning_rate {
        settings.learning_rate = rate;
    }
    if let Some(biases) = options.biases {
        settings.biases = biases;
    }
    let epochs = options.epochs.unwrap_or(default_epochs);
    if epochs == 0 && !matches!(start, Start::Load(_)) {
        return Err(format!(
            "--epochs must be a whole number from 1 to {MAX_EPOCHS}, not '0' (0 only evaluates a --load'ed model)"
        ));
    }
    let batch = match options.batch.flatten() {
        None => Batch::Full,
        Some(rows) if rows <= task.rows() => Batch::Rows(rows),
        Some(rows) => {
            return Err(format!(
                "--batch {rows} is more than the {} rows of task {}; use full, or 1 to {}",
                task.rows(),
                task.name(),
                task.rows()
            ))
        }
    };
    let format = options.format.unwrap_or(Format::Numpy);
    if (options.every.is_some() || options.plot) && format != Format::Numpy {
        let flag = if options.plot { "--plot" } else { "--every" };
        return Err(format!(
            "{flag} prints lines of its own, which would break --format json or rust"
        ));
    }
    let command = match start {
        Start::Seed(seed) if options.seed.is_none() => format!("{command} --seed {seed}"),
        _ => command,
    };
    Ok(Run {
        task,
        hidden,
        settings,
        epochs,
        batch,
        start,
        format,
        save: options.save,
        every: options.every,
        plot: options.plot,
        svg: options.svg,
        command,
    })
}

/// `stacknet` and the arguments, each quoted for a POSIX shell where it needs it.
fn reconstructed_command(arguments: &[String]) -> String {
    let quoted = arguments.iter().map(|argument| {
        let plain = !argument.is_empty()
            && argument
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_=.,/:+".contains(c));
        if plain {
            argument.clone()
        } else {
            format!("'{}'", argument.replace('\'', r"'\''"))
        }
    });
    std::iter::once("stacknet".to_string())
        .chain(quoted)
        .collect::<Vec<_>>()
        .join(" ")
}

fn parse_variant(value: &str) -> Result<Variant, String> {
    match value {
        "classic" => Ok(Variant::Classic),
        "improved" => Ok(Variant::IMPROVED),
        _ => Err(format!(
            "--variant must be classic or improved, not '{value}'"
        )),
    }
}

fn parse_epochs(value: &str) -> Result<u32, String> {
    match value.parse::<u64>() {
        Ok(epochs) if epochs <= u64::from(MAX_EPOCHS) => Ok(epochs as u32),
        _ => Err(format!(
            "--epochs must be a whole number from 1 to {MAX_EPOCHS}, not '{value}'"
        )),
    }
}

fn parse_seed(value: &str) -> Result<u64, String> {
    value.parse().map_err(|_| {
        format!(
            "--seed must be a whole number from 0 to {}, not '{value}'",
            u64::MAX
        )
    })
}

fn parse_hidden(value: &str) -> Result<usize, String> {
    match value.parse::<usize>() {
        Ok(hidden) if (1..=MAX_HIDDEN).contains(&hidden) => Ok(hidden),
        _ => Err(format!(
            "--hidden must be a whole number from 1 to {MAX_HIDDEN}, not '{value}'"
        )),
    }
}

fn parse_format(value: &str) -> Result<Format, String> {
    match value {
        "numpy" => Ok(Format::Numpy),
        "json" => Ok(Format::Json),
        "rust" => Ok(Format::Rust),
        _ => Err(format!(
            "--format must be numpy, json or rust, not '{value}'"
        )),
    }
}

fn parse_task(value: &str) -> Result<Task, String> {
    Task::from_name(value).ok_or_else(|| {
        let names: Vec<&str> = Task::ALL.iter().map(|task| task.name()).collect();
        format!("--task must be one of {}, not '{value}'", names.join(", "))
    })
}

fn parse_activation(flag: &str, value: &str) -> Result<Activation, String> {
    Activation::from_name(value).ok_or_else(|| {
        let names: Vec<&str> = Activation::ALL.iter().map(|a| a.name()).collect();
        format!("{flag} must be one of {}, not '{value}'", names.join(", "))
    })
}

fn parse_learning_rate(value: &str) -> Result<f64, String> {
    match value.parse::<f64>() {
        Ok(rate) if rate.is_finite() && rate > 0.0 => Ok(rate),
        _ => Err(format!(
            "--learning-rate must be a finite number above 0, not '{value}'"
        )),
    }
}

fn parse_biases(value: &str) -> Result<bool, String> {
    match value {
        "on" => Ok(true),
        "off" => Ok(false),
        _ => Err(format!("--biases must be on or off, not '{value}'")),
    }
}

/// `full` is `None`; a number of rows is `Some`.
fn parse_batch(value: &str) -> Result<Option<usize>, String> {
    match value {
        "full" => Ok(None),
        _ => match value.parse::<usize>() {
            Ok(rows) if rows >= 1 => Ok(Some(rows)),
            _ => Err(format!(
                "--batch must be full or a whole number of rows from 1, not '{value}'"
            )),
        },
    }
}

fn parse_every(value: &str) -> Result<u32, String> {
    match value.parse::<u32>() {
        Ok(every) if (1..=MAX_EPOCHS).contains(&every) => Ok(every),
        _ => Err(format!(
            "--every must be a whole number of epochs from 1 to {MAX_EPOCHS}, not '{value}'"
        )),
    }
}

fn parse_path(flag: &str, value: &str) -> Result<PathBuf, String> {
    if value.is_empty() {
        return Err(format!("{flag} needs a file name"));
    }
    Ok(PathBuf::from(value))
}

/// Reads `"WH ; WZ"`: `inputs * hidden` numbers, a semicolon, then `hidden` numbers, all finite.
fn parse_weights(text: &str, inputs: usize, hidden: usize) -> Result<(Vec<f64>, Vec<f64>), String> {
    let Some((hidden_text, output_text)) = text.split_once(';') else {
        return Err(format!(
            "--weights needs WH and WZ separated by ';', as in \"{}\"",
            example_weights(inputs, hidden)
        ));
    };
    let shape = format!("{inputs} x hidden");
    let hidden_weights = parse_numbers(hidden_text, "WH", inputs * hidden, hidden, &shape)?;
    let output_weights = parse_numbers(output_text, "WZ", hidden, hidden, "hidden x 1")?;
    Ok((hidden_weights, output_weights))
}

/// Reads exactly `count` finite numbers separated by spaces or commas.
fn parse_numbers(
    text: &str,
    name: &str,
    count: usize,
    hidden: usize,
    shape: &str,
) -> Result<Vec<f64>, String> {
    let numbers = text
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|word| !word.is_empty())
        .map(|word| match word.parse::<f64>() {
            Ok(number) if number.is_finite() => Ok(number),
            Ok(_) => Err(format!(
                "--weights: {name} has '{word}'; weights must be finite"
            )),
            Err(_) => Err(format!(
                "--weights: {name} has '{word}', which is not a number"
            )),
        })
        .collect::<Result<Vec<f64>, String>>()?;
    if numbers.len() != count {
        let found = numbers.len();
        let plural = if found == 1 { "" } else { "s" };
        return Err(format!(
            "--weights: {name} has {found} number{plural}, but a hidden size of {hidden} needs {count} ({shape})"
        ));
    }
    Ok(numbers)
}

/// An example of `--weights` for these sizes, for error messages.
fn example_weights(inputs: usize, hidden: usize) -> String {
    let row = vec!["0.5"; hidden].join(" ");
    let rows = vec![row.clone(); inputs].join(" ");
    format!("{rows} ; {row}")
}

/// A seed from the operating system's randomness, which std's hash maps already draw on.
fn fresh_seed() -> u64 {
    RandomState::new().hash_one(std::process::id())
}

/// A trainer for one shape of network: inputs, hidden units and rows are type parameters.
type Trainer = fn(&Run) -> Result<Trained, Diverged>;

/// The trainers for one task shape (inputs, rows), one per hidden size from 1 to 16.
macro_rules! trainers {
    ($inputs:literal, $rows:literal; $($hidden:literal)*) => {
        [$(train_sized::<$inputs, $hidden, $rows> as Trainer),*]
    };
}

/// Trains the network the run describes, at its sizes.
fn train(run: &Run) -> Result<Trained, Diverged> {
    const GATES: [Trainer; MAX_HIDDEN] = trainers!(2, 4; 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16);
    const PARITY: [Trainer; MAX_HIDDEN] = trainers!(3, 8; 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16);
    const SINE: [Trainer; MAX_HIDDEN] = trainers!(1, 32; 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16);
    let trainers = match run.task {
        Task::Parity3 => &PARITY,
        Task::Sine => &SINE,
        _ => &GATES,
    };
    trainers[run.hidden - 1](run)
}

/// A matrix from row-major `values`, which the caller has sized to fit.
fn matrix<const R: usize, const C: usize>(values: &[f64]) -> Matrix<R, C> {
    let mut matrix = Matrix::<R, C>::zeros();
    for (element, &value) in matrix.rows_mut().as_flattened_mut().iter_mut().zip(values) {
        *element = value;
    }
    matrix
}

fn train_sized<const INPUTS: usize, const HIDDEN: usize, const ROWS: usize>(
    run: &Run,
) -> Result<Trained, Diverged> {
    let (inputs, targets) = run.task.data();
    let (inputs, targets) = (matrix::<ROWS, INPUTS>(&inputs), matrix::<ROWS, 1>(&targets));
    // The generator also shuffles mini-batches: after drawing the weights for a seeded run,
    // from the model's seed and age for a loaded one, from 0 otherwise.
    let (mut network, mut rng, seed, epochs_before): (Network<INPUTS, HIDDEN, 1>, _, _, _) =
        match &run.start {
            Start::Seed(seed) => {
                let mut rng = fastrand::Rng::with_seed(*seed);
                (Network::random(&mut rng), rng, Some(*seed), 0)
            }
            Start::Weights(wh, wz) => (
                Network::from_weights(matrix(wh), matrix(wz)),
                fastrand::Rng::with_seed(0),
                None,
                0,
            ),
            Start::Load(model) => (
                Network::from_weights(matrix(&model.hidden_weights), matrix(&model.output_weights))
                    .with_biases(matrix(&model.hidden_biases), matrix(&model.output_biases)),
                fastrand::Rng::with_seed(model.seed.unwrap_or(0).wrapping_add(model.epochs)),
                model.seed,
                model.epochs,
            ),
        };
    let mut history = History::default();
    let outputs = if run.epochs == 0 {
        network.predict(&inputs, run.settings)
    } else {
        train_in_stretches(run, &mut network, &inputs, &targets, &mut rng, &mut history)?
    };
    let surfaces = (INPUTS == 2 && (run.plot || run.svg.is_some())).then(|| {
        let corners: Vec<(f64, f64, f64)> = inputs
            .rows()
            .iter()
            .zip(targets.rows())
            .map(|(row, target)| (row[0], row[INPUTS - 1], target[0]))
            .collect();
        let output =
            |x: f64, y: f64| network.predict(&matrix::<1, INPUTS>(&[x, y]), run.settings)[(0, 0)];
        let (columns, rows) = cli::plot::terminal_surface_size();
        let points = cli::plot::SVG_SURFACE_POINTS;
        (
            Surface::sample(columns, rows, corners.clone(), output),
            Surface::sample(points, points, corners, output),
        )
    });
    let learnt = run
        .task
        .is_logic()
        .then(|| truth_tables::all_round_correctly(&outputs, &targets));
    let largest_sine_error = (run.task == Task::Sine).then(|| {
        let (points, sines) = sine_points(SINE_CHECK_POINTS);
        points
            .iter()
            .zip(&sines)
            .map(|(&x, &sine)| {
                let output = network.predict(&matrix::<1, INPUTS>(&[x]), run.settings);
                (output[(0, 0)] - sine).abs()
            })
            .fold(0.0, f64::max)
    });
    Ok(Trained {
        outputs: outputs.as_slice().to_vec(),
        model: Model {
            task: run.task,
            hidden: HIDDEN,
            settings: run.settings,
            seed,
            epochs: epochs_before + u64::from(run.epochs),
            hidden_weights: network.hidden_weights().as_slice().to_vec(),
            hidden_biases: network.hidden_biases().as_slice().to_vec(),
            output_weights: network.output_weights().as_slice().to_vec(),
            output_biases: network.output_biases().as_slice().to_vec(),
        },
        learnt,
        largest_sine_error,
        history,
        surfaces,
    })
}

/// How many progress updates a long run shows on a terminal.
const PROGRESS_UPDATES: u32 = 100;

/// Runs with fewer epochs than this finish too soon to need a progress line.
const PROGRESS_MIN_EPOCHS: u32 = 100_000;

/// Trains `run.epochs` epochs in stretches: to print a line every `--every` epochs, and to
/// show progress on stderr when it is a terminal. Neither changes the arithmetic: training
/// `a` epochs then `b` more is training `a + b` (the generator carries on between stretches).
/// Returns the `Z` of the last forward pass.
fn train_in_stretches<const INPUTS: usize, const HIDDEN: usize, const ROWS: usize>(
    run: &Run,
    network: &mut Network<INPUTS, HIDDEN, 1>,
    inputs: &Matrix<ROWS, INPUTS>,
    targets: &Matrix<ROWS, 1>,
    rng: &mut fastrand::Rng,
    history: &mut History,
) -> Result<Matrix<ROWS, 1>, Diverged> {
    use std::io::IsTerminal;
    let drawing = run.plot || run.svg.is_some();
    let sample_step = if drawing {
        (run.epochs / cli::plot::LOSS_SAMPLES).max(1)
    } else {
        run.epochs
    };
    let mean_squared = |outputs: &Matrix<ROWS, 1>| outputs.mean_squared_error(targets);
    let show_progress = std::io::stderr().is_terminal() && run.epochs >= PROGRESS_MIN_EPOCHS;
    let progress_step = if show_progress {
        run.epochs / PROGRESS_UPDATES
    } else {
        run.epochs
    };
    let every = run.every.unwrap_or(run.epochs);
    let mut stdout = std::io::stdout().lock();
    let mut done = 0;
    let mut outputs = network.predict(inputs, run.settings);
    if drawing {
        history.epochs.push(0);
        history.losses.push(mean_squared(&outputs));
    }
    while done < run.epochs {
        let next_line = (done / every + 1).saturating_mul(every);
        let next_progress = (done / progress_step + 1).saturating_mul(progress_step);
        let next_sample = (done / sample_step + 1).saturating_mul(sample_step);
        let stop = next_line
            .min(next_progress)
            .min(next_sample)
            .min(run.epochs);
        outputs = network
            .try_train(inputs, targets, run.settings, stop - done, run.batch, rng)
            .map_err(|diverged| Diverged {
                epoch: done + diverged.epoch,
            })?;
        done = stop;
        if drawing && (done % sample_step == 0 || done == run.epochs) {
            history.epochs.push(done);
            history.losses.push(mean_squared(&outputs));
        }
        if run.every.is_some() && done % every == 0 {
            let loss = mean_squared(&outputs);
            let z: Vec<String> = outputs
                .as_slice()
                .iter()
                .map(|z| format!("{z:.8}"))
                .collect();
            // A closed pipe ends the lines, not the run.
            let _ = writeln!(stdout, "epoch {done} loss {loss:.6e} Z {}", z.join(" "));
            let _ = stdout.flush();
        }
        if show_progress {
            eprint!("\rstacknet: epoch {done} of {}", run.epochs);
        }
    }
    if show_progress {
        // Clear the progress line, so that what follows starts clean.
        eprint!("\r\x1b[K");
    }
    Ok(outputs)
}

/// `Z` as numpy's `print(Z)`; for sine, followed by the largest error.
fn to_numpy(trained: &Trained) -> String {
    let mut text = String::new();
    let _ = write_numpy_column(&mut text, &trained.outputs);
    text.push('\n');
    if let Some(error) = trained.largest_sine_error {
        let _ = writeln!(
            text,
            "largest |output - sin t| over {SINE_CHECK_POINTS} points of [0, 2 pi]: {error:.6}"
        );
    }
    text
}

/// Writes a column of numbers in numpy's print format, through the library's `Display`, at
/// the task's number of rows: 4, 8 or the sine grid's.
fn write_numpy_column(text: &mut String, column: &[f64]) -> std::fmt::Result {
    match column.len() {
        4 => write!(text, "{}", matrix::<4, 1>(column)),
        8 => write!(text, "{}", matrix::<8, 1>(column)),
        _ => write!(
            text,
            "{}",
            matrix::<{ cli::model::SINE_TRAINING_POINTS }, 1>(column)
        ),
    }
}

/// The run as one JSON object; every number in shortest round-trip form.
fn to_json(run: &Run, trained: &Trained) -> String {
    let model = &trained.model;
    let seed = model
        .seed
        .map_or("null".to_string(), |seed| seed.to_string());
    let batch = match run.batch {
        Batch::Full => "\"full\"".to_string(),
        Batch::Rows(rows) => rows.to_string(),
    };
    let mut json = format!(
        "{{\"task\": \"{}\", \"variant\": \"{}\", \"epochs\": {}, \"hidden\": {}, \"seed\": {seed}, \
         \"hidden_activation\": \"{}\", \"output_activation\": \"{}\", \"learning_rate\": {}, \
         \"biases\": {}, \"batch\": {batch}, \"Z\": {}, \"Wh\": {}, \"bh\": {}, \"Wz\": {}, \"bz\": {}",
        run.task.name(),
        settings_name(&run.settings),
        run.epochs,
        run.hidden,
        run.settings.hidden_activation.name(),
        run.settings.output_activation.name(),
        json_number(run.settings.learning_rate),
        run.settings.biases,
        json_matrix(&trained.outputs, 1),
        json_matrix(&model.hidden_weights, run.hidden),
        json_matrix(&model.hidden_biases, run.hidden),
        json_matrix(&model.output_weights, 1),
        json_matrix(&model.output_biases, 1),
    );
    if let Some(learnt) = trained.learnt {
        let _ = write!(json, ", \"learnt\": {learnt}");
    }
    if let Some(error) = trained.largest_sine_error {
        let _ = write!(json, ", \"largest_sine_error\": {}", json_number(error));
    }
    json.push_str("}\n");
    json
}

/// A number in JSON: shortest round-trip form; `null` for what JSON cannot hold (NaN, infinity).
fn json_number(number: f64) -> String {
    if number.is_finite() {
        // Debug formatting of f64 is the shortest text that reads back as the same number.
        format!("{number:?}")
    } else {
        "null".to_string()
    }
}

/// `[[a, b], [c, d]]` for row-major `elements` of `columns` columns.
fn json_matrix(elements: &[f64], columns: usize) -> String {
    let rows: Vec<String> = elements
        .chunks(columns)
        .map(|row| {
            let numbers: Vec<String> = row.iter().map(|&n| json_number(n)).collect();
            format!("[{}]", numbers.join(", "))
        })
        .collect();
    format!("[{}]", rows.join(", "))
}

/// The trained network as Rust source: its settings, and a `const` built with
/// `Network::from_weights` (and `with_biases` when biases are on). Each weight is written in
/// Rust's shortest round-trip form, which the compiler reads back to the same bits.
fn to_rust(run: &Run, trained: &Trained) -> String {
    let model = &trained.model;
    let (inputs, hidden) = (run.task.inputs(), run.hidden);
    let rows = |elements: &[f64], columns: usize, indent: &str| {
        elements
            .chunks(columns)
            .map(|row| {
                let row: Vec<String> = row.iter().map(|&w| rust_float(w)).collect();
                format!("{indent}[{}],\n", row.join(", "))
            })
            .collect::<String>()
    };
    let mut source = format!(
        "// Generated by `{} --format rust`.\n\
         // Every weight reads back to the trained value bit for bit.\n\
         \n\
         /// How the network below computes: pass it to `predict`.\n\
         pub const TRAINED_SETTINGS: stacknet::Settings = {};\n\
         \n\
         /// A {inputs}-{hidden}-1 network trained by stacknet for {} ({} epochs).\n\
         pub const TRAINED_NETWORK: stacknet::Network<{inputs}, {hidden}, 1> = stacknet::Network::from_weights(\n\
         \x20   stacknet::Matrix::from_rows([\n{}    ]),\n\
         \x20   stacknet::Matrix::from_rows([\n{}    ]),\n\
         )",
        run.command.replace(" --format rust", "").replace(" --format=rust", ""),
        rust_settings(&run.settings),
        run.task.name(),
        model.epochs,
        rows(&model.hidden_weights, hidden, "        "),
        rows(&model.output_weights, 1, "        "),
    );
    if run.settings.biases {
        let _ = write!(
            source,
            "\n.with_biases(\n    stacknet::Matrix::from_rows([\n{}    ]),\n    stacknet::Matrix::from_rows([\n{}    ]),\n)",
            rows(&model.hidden_biases, hidden, "        "),
            rows(&model.output_biases, 1, "        "),
        );
    }
    source.push_str(";\n");
    source
}

/// Settings as a Rust expression: the variant's when they are an article program's.
fn rust_settings(settings: &Settings) -> String {
    match settings_name(settings) {
        "classic" => "stacknet::Variant::Classic.settings()".to_string(),
        "improved" => "stacknet::Variant::IMPROVED.settings()".to_string(),
        _ => format!(
            "stacknet::Settings {{\n    hidden_activation: stacknet::Activation::{:?},\n    \
             output_activation: stacknet::Activation::{:?},\n    learning_rate: {},\n    \
             biases: {},\n    hidden_delta_after_output_update: {},\n}}",
            settings.hidden_activation,
            settings.output_activation,
            rust_float(settings.learning_rate),
            settings.biases,
            settings.hidden_delta_after_output_update,
        ),
    }
}

/// An f64 as a Rust expression that evaluates to exactly it.
fn rust_float(number: f64) -> String {
    if number.is_nan() {
        "f64::NAN".into()
    } else if number.is_infinite() {
        if number > 0.0 {
            "f64::INFINITY"
        } else {
            "f64::NEG_INFINITY"
        }
        .into()
    } else {
        // Debug formatting is the shortest text that reads back as the same number, and always
        // has a `.` or an exponent, so Rust reads it as a float.
        format!("{number:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(arguments: &[&str]) -> Result<Command, String> {
        parse_command_line(arguments.iter().map(OsString::from))
    }

    fn run_of(arguments: &[&str]) -> Run {
        match parse(arguments) {
            Ok(Command::Run(run)) => *run,
            Ok(_) => panic!("{arguments:?} did not ask for a training run"),
            Err(message) => panic!("{arguments:?} was refused: {message}"),
        }
    }

    #[test]
    fn defaults_are_the_article_programs() {
        let run = run_of(&["--seed", "5"]);
        assert_eq!((run.task, run.epochs, run.hidden), (Task::Xor, 60_000, 3));
        assert_eq!(run.settings, Variant::Classic.settings());
        assert_eq!((run.format, run.batch), (Format::Numpy, Batch::Full));
        let run = run_of(&["--variant=improved", "--seed=5"]);
        assert_eq!(
            (run.settings, run.epochs),
            (Variant::IMPROVED.settings(), 20_000)
        );
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
        assert!(run.settings.biases);
        assert_eq!(run.settings.learning_rate, 0.5);
        let run = run_of(&["--seed", "1", "--task", "sine"]);
        assert_eq!(
            (run.settings, run.hidden, run.epochs),
            (SINE_SETTINGS, SINE_HIDDEN, SINE_EPOCHS)
        );
        let run = run_of(&[
            "--seed",
            "1",
            "--batch",
            "2",
            "--hidden-activation",
            "leaky-relu",
        ]);
        assert_eq!(run.batch, Batch::Rows(2));
        assert_eq!(run.settings.hidden_activation, Activation::LeakyRelu);
    }

    #[test]
    fn weights_are_read_row_major() {
        let run = run_of(&["--hidden", "2", "--weights", "1,2 3 4 ; -5, 6e-1"]);
        let Start::Weights(wh, wz) = run.start else {
            panic!("no weights");
        };
        assert_eq!((wh, wz), (vec![1.0, 2.0, 3.0, 4.0], vec![-5.0, 0.6]));
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

    #[test]
    fn json_numbers_round_trip() {
        let elements = [0.1, 1.0, 6.661338147750939e-15, -2.5, f64::NAN];
        let json = json_matrix(&elements, 1);
        assert_eq!(
            json,
            "[[0.1], [1.0], [6.661338147750939e-15], [-2.5], [null]]"
        );
    }
}

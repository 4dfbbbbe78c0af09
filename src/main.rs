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
//! mini-batches, saved models, and f32 (`--dtype`). Run `stacknet --help` for the options. Bad
//! input gets one line on stderr naming the problem, and exit status 2. The library is `no_std`;
//! this program uses std for arguments, files and output. This file starts and ends the
//! program; the work is in `src/cli/`.

mod cli;

use std::io::{ErrorKind, Write as _};
use std::process::ExitCode;

use cli::arguments::{parse_command_line, Command};
use cli::format::Format;
use cli::output;
use cli::plot::{self, Diagram, Layer};
use cli::run::{check_options, Run, Start};
use cli::save::write_atomically;
use cli::shown::{one_line, quoted};
use cli::trained::{perform, Failure, Trained};
use stacknet::Batch;

/// Exit status for bad input on the command line or in a model file.
const EXIT_BAD_INPUT: u8 = 2;

/// Exit status when a run fails: training diverged, or stacknet could not do what was asked.
const EXIT_FAILED: u8 = 1;

/// Runs the command. Should stacknet itself fail (a bug: a panic anywhere, a worker thread's
/// included), the user gets one line saying so and status 1, not a backtrace and status 101.
fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|panic| {
        let message = panic
            .payload()
            .downcast_ref::<&str>()
            .map(|text| text.to_string())
            .or_else(|| panic.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_string());
        let place = panic
            .location()
            .map_or(String::new(), |location| format!(" at {location}"));
        say(&format!(
            "internal error: {message}{place} (please report it)"
        ));
    }));
    std::panic::catch_unwind(run).unwrap_or(ExitCode::from(EXIT_FAILED))
}

/// Reads the command line, trains, and writes what was asked for.
fn run() -> ExitCode {
    let options = match parse_command_line(std::env::args_os().skip(1)) {
        Ok(Command::Run(options)) => options,
        Ok(Command::Help) => return write_stdout(cli::usage::USAGE),
        Err(message) => return bad_input(&message),
    };
    let run = match check_options(*options) {
        Ok(run) => run,
        Err(message) => return bad_input(&message),
    };
    if let (Start::Seed(seed), true) = (&run.start, run.fresh_seed) {
        say(&format!("seed {seed} (repeat this run with --seed {seed})"));
    }
    if run.trace {
        return match cli::trace::trace(&run) {
            Ok(text) => write_stdout(&text),
            Err(failure) => failed(&failure, "; try a lower --learning-rate or smaller weights"),
        };
    }
    let trained = match perform(&run) {
        Ok(trained) => trained,
        Err(failure) => return failed(&failure, "; try a lower --learning-rate"),
    };
    let text = match run.format {
        Format::Numpy if run.plot => {
            let surfaces = trained.surfaces.as_ref();
            output::numpy(&trained) + "\n" + &plot::terminal(&trained.history, surfaces, None)
        }
        Format::Numpy => output::numpy(&trained),
        Format::Json => output::json(&run, &trained),
        Format::Rust => output::rust(&run, &trained),
    };
    // The output first, then the picture, then the model: a step that fails leaves the files
    // of the steps after it as they were, and the saved model, the one that matters, is
    // written only when everything else has succeeded.
    let status = write_stdout(&text);
    if status != ExitCode::SUCCESS {
        return status;
    }
    if let Some(path) = &run.svg {
        if let Err(error) = write_atomically(path, svg(&run, &trained).as_bytes()) {
            say(&format!(
                "cannot write the picture to {}: {error}",
                quoted(path)
            ));
            return ExitCode::from(EXIT_BAD_INPUT);
        }
        say(&format!("drew the run in {}", quoted(path)));
    }
    if let Some(path) = &run.save {
        if let Err(message) = trained.model.save(path) {
            say(&message);
            return ExitCode::from(EXIT_BAD_INPUT);
        }
        say(&format!("saved the model to {}", quoted(path)));
    }
    ExitCode::SUCCESS
}

/// The run drawn as one SVG picture: the loss, the surface and the network, with the steps of
/// its last update.
fn svg(run: &Run, trained: &Trained) -> String {
    let parameters = &trained.model.parameters;
    let steps = trained.steps.clone().unwrap_or_default();
    // Biases are drawn when they learn, or when a loaded model's are not zero.
    let nonzero = |biases: &[f64]| biases.iter().any(|&bias| bias != 0.0);
    let biases = run.training.train_biases
        || nonzero(&parameters.hidden_biases)
        || nonzero(&parameters.output_biases);
    let shown = |numbers: &Vec<f64>| if biases { numbers.clone() } else { Vec::new() };
    let diagram = Diagram {
        inputs: run.task.inputs(),
        hidden: run.hidden,
        hidden_layer: Layer {
            weights: parameters.hidden_weights.clone(),
            weight_steps: steps.hidden_weights,
            biases: shown(&parameters.hidden_biases),
            bias_steps: steps.hidden_biases,
        },
        output_layer: Layer {
            weights: parameters.output_weights.clone(),
            weight_steps: steps.output_weights,
            biases: shown(&parameters.output_biases),
            bias_steps: steps.output_biases,
        },
        update: match run.training.batch {
            Batch::Full => "the last epoch",
            Batch::Mini { .. } => "the last epoch's last mini-batch",
        },
    };
    let title = format!("{}: {}", run.command, run.task);
    plot::svg(
        &title,
        &trained.history,
        trained.surfaces.as_ref(),
        &diagram,
    )
}

/// Reports bad input in one line, with where to look for the right one.
fn bad_input(message: &str) -> ExitCode {
    say(&format!("{message} (see stacknet --help)"));
    ExitCode::from(EXIT_BAD_INPUT)
}

/// Reports a failed run in one line; `advice` follows a divergence.
fn failed(failure: &Failure, advice: &str) -> ExitCode {
    match failure {
        Failure::Diverged(_) => say(&format!("{failure}{advice}")),
        Failure::Internal(_) | Failure::NotFinite(_) => say(&failure.to_string()),
    }
    ExitCode::from(EXIT_FAILED)
}

/// Writes `text` to stdout, and says so if it cannot (a full disk, say): then the run has
/// failed. A closed pipe (`stacknet | head -1`) is not worth a message.
fn write_stdout(text: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == ErrorKind::BrokenPipe => ExitCode::from(EXIT_FAILED),
        Err(error) => {
            say(&format!("cannot write the output: {error}"));
            ExitCode::from(EXIT_FAILED)
        }
    }
}

/// One line on stderr, `stacknet: ` first, whatever the values it quotes hold (see
/// [`one_line`]). A stderr that cannot be written to (closed, or a full disk) loses the line,
/// not the run: `eprintln!` would panic.
fn say(message: &str) {
    let _ = writeln!(std::io::stderr(), "stacknet: {}", one_line(message));
}

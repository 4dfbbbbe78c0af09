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

use std::io::Write as _;
use std::process::ExitCode;

use cli::arguments::{parse_command_line, Command};
use cli::model::write_atomically;
use cli::output::{self, Format};
use cli::plot::{self, Diagram};
use cli::run::{Run, Start};
use cli::trained::{perform, Trained};

/// Exit status for bad input on the command line or in a model file.
const EXIT_BAD_INPUT: u8 = 2;

/// Exit status when training diverges.
const EXIT_DIVERGED: u8 = 1;

fn main() -> ExitCode {
    let run = match parse_command_line(std::env::args_os().skip(1)) {
        Ok(Command::Run(run)) => run,
        Ok(Command::Help) => return write_stdout(cli::usage::USAGE),
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
    if run.trace {
        return match cli::trace::trace(&run) {
            Ok(text) => write_stdout(&text),
            Err(diverged) => {
                eprintln!("stacknet: {diverged}; the starting weights are too large");
                ExitCode::from(EXIT_DIVERGED)
            }
        };
    }
    let trained = match perform(&run) {
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
        if let Err(error) = write_atomically(path, svg(&run, &trained).as_bytes()) {
            eprintln!(
                "stacknet: cannot write the picture to '{}': {error}",
                path.display()
            );
            return ExitCode::from(EXIT_BAD_INPUT);
        }
        eprintln!("stacknet: drew the run in {}", path.display());
    }
    let text = match run.format {
        Format::Numpy if run.plot => {
            let surfaces = trained.surfaces.as_ref();
            output::numpy(&trained) + "\n" + &plot::terminal(&trained.history, surfaces, None)
        }
        Format::Numpy => output::numpy(&trained),
        Format::Json => output::json(&run, &trained),
        Format::Rust => output::rust(&run, &trained),
    };
    write_stdout(&text)
}

/// The run drawn as one SVG picture: the loss, the surface and the network.
fn svg(run: &Run, trained: &Trained) -> String {
    let diagram = Diagram {
        inputs: run.task.inputs(),
        hidden: run.hidden,
        hidden_weights: trained.model.hidden_weights.clone(),
        output_weights: trained.model.output_weights.clone(),
    };
    let title = format!("{}: {}", run.command, run.task.name());
    plot::svg(
        &title,
        &trained.history,
        trained.surfaces.as_ref(),
        &diagram,
    )
}

/// Writes `text` to stdout. A closed pipe (`stacknet | head -1`) is not worth a message.
fn write_stdout(text: &str) -> ExitCode {
    match std::io::stdout().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}

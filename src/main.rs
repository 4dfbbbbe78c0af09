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
//! Run `stacknet --help` for the options. Bad input gets one line on stderr naming the problem,
//! and exit status 2. The library is `no_std`; this program uses std for arguments and output.

use std::collections::hash_map::RandomState;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::hash::BuildHasher;
use std::io::Write as _;
use std::process::ExitCode;

use stacknet::{xor, Matrix, Network, Variant};

const USAGE: &str = "\
stacknet: trains the XOR network of \"A Neural Network in Python, Part 1\" and prints what it learnt

Usage: stacknet [OPTIONS]

Options:
  --variant classic|improved  the article's program to run [default: classic]
  --epochs N                  epochs to train, 1 to 1000000000 [default: 60000 for classic,
                              20000 for improved, as in the article]
  --seed N                    seed for the random starting weights, a 64-bit unsigned number
                              [default: a fresh one, printed on stderr]
  --hidden N                  hidden units, 1 to 16 [default: 3]
  --weights \"WH ; WZ\"         starting weights instead of random ones: WH row by row (2 x hidden),
                              a semicolon, then WZ (hidden x 1); numbers separated by spaces or
                              commas, as in the reference script
  --format numpy|json|rust    numpy: Z as numpy's print(Z); json: one object with Z and the final
                              weights in full precision; rust: the trained network as a Rust
                              `const`, for firmware to include! [default: numpy]
  -h, --help                  print this help

Bad input is reported on stderr with exit status 2.
";

/// Exit status for bad input on the command line.
const EXIT_BAD_INPUT: u8 = 2;

/// The most epochs one run may ask for: about a minute and a half of training at 90 ns an epoch.
const MAX_EPOCHS: u32 = 1_000_000_000;

/// Hidden layer sizes the command line offers; each is its own const-generic network type.
const MAX_HIDDEN: usize = 16;

/// Inputs and outputs of the XOR network: two truth values in, one out.
const INPUTS: usize = 2;

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
}

/// A run, fully checked: everything `run` needs, nothing left to validate.
#[derive(Clone, Debug)]
struct Run {
    variant: Variant,
    epochs: u32,
    hidden: usize,
    start: Start,
    format: Format,
}

/// What the command line asks for.
enum Command {
    Help,
    Run(Run),
}

/// What a run produced: `Z` of the last epoch and the trained weights, row-major.
struct Trained {
    outputs: Matrix<4, 1>,
    hidden_weights: Vec<f64>,
    output_weights: Vec<f64>,
}

fn main() -> ExitCode {
    let command = match parse_command_line(std::env::args_os().skip(1)) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("stacknet: {message} (see stacknet --help)");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let output = match command {
        Command::Help => USAGE.to_string(),
        Command::Run(run) => {
            if let Start::Seed(seed) = run.start {
                eprintln!("stacknet: seed {seed} (repeat this run with --seed {seed})");
            }
            let trained = train(&run);
            match run.format {
                Format::Numpy => format!("{}\n", trained.outputs),
                Format::Json => to_json(&run, &trained),
                Format::Rust => to_rust(&run, &trained),
            }
        }
    };
    // A closed pipe (`stacknet | head -1`) is not an error worth a message.
    match std::io::stdout().write_all(output.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}

/// Reads the arguments into a checked [`Command`], or says what is wrong with them.
fn parse_command_line(arguments: impl Iterator<Item = OsString>) -> Result<Command, String> {
    let mut variant = None;
    let mut epochs = None;
    let mut seed = None;
    let mut hidden = None;
    let mut weights = None;
    let mut format = None;

    let mut arguments = arguments.map(|argument| {
        argument
            .into_string()
            .map_err(|bad| format!("argument {bad:?} is not valid UTF-8"))
    });
    while let Some(argument) = arguments.next() {
        let argument = argument?;
        if argument == "-h" || argument == "--help" {
            return Ok(Command::Help);
        }
        // Both `--flag value` and `--flag=value`.
        let (flag, inline_value) = match argument.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag.to_string(), Some(value.into())),
            _ => (argument, None),
        };
        let known = [
            "--variant",
            "--epochs",
            "--seed",
            "--hidden",
            "--weights",
            "--format",
        ];
        if !known.contains(&flag.as_str()) {
            return Err(format!("unknown option '{flag}'"));
        }
        let value = match inline_value {
            Some(value) => value,
            None => arguments
                .next()
                .transpose()?
                .ok_or_else(|| format!("{flag} needs a value"))?,
        };
        let slot_taken = match flag.as_str() {
            "--variant" => variant.replace(parse_variant(&value)?).is_some(),
            "--epochs" => epochs.replace(parse_epochs(&value)?).is_some(),
            "--seed" => seed.replace(parse_seed(&value)?).is_some(),
            "--hidden" => hidden.replace(parse_hidden(&value)?).is_some(),
            "--weights" => weights.replace(value).is_some(),
            _ => format.replace(parse_format(&value)?).is_some(),
        };
        if slot_taken {
            return Err(format!("{flag} is given more than once"));
        }
    }

    let variant = variant.unwrap_or(Variant::Classic);
    let hidden = hidden.unwrap_or(3);
    let start = match (weights, seed) {
        (Some(_), Some(_)) => {
            return Err("--seed and --weights both choose the starting weights; give one".into())
        }
        (Some(text), None) => {
            let (hidden_weights, output_weights) = parse_weights(&text, hidden)?;
            Start::Weights(hidden_weights, output_weights)
        }
        (None, Some(seed)) => Start::Seed(seed),
        (None, None) => Start::Seed(fresh_seed()),
    };
    Ok(Command::Run(Run {
        variant,
        epochs: epochs.unwrap_or(variant.article_epochs()),
        hidden,
        start,
        format: format.unwrap_or(Format::Numpy),
    }))
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
    let problem =
        || format!("--epochs must be a whole number from 1 to {MAX_EPOCHS}, not '{value}'");
    match value.parse::<u64>() {
        Ok(epochs) if (1..=u64::from(MAX_EPOCHS)).contains(&epochs) => Ok(epochs as u32),
        _ => Err(problem()),
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

/// Reads `"WH ; WZ"`: `2 * hidden` numbers, a semicolon, then `hidden` numbers, all finite.
fn parse_weights(text: &str, hidden: usize) -> Result<(Vec<f64>, Vec<f64>), String> {
    let Some((hidden_text, output_text)) = text.split_once(';') else {
        return Err(format!(
            "--weights needs WH and WZ separated by ';', as in \"{}\"",
            example_weights(hidden)
        ));
    };
    let hidden_weights = parse_numbers(hidden_text, "WH", INPUTS * hidden, hidden)?;
    let output_weights = parse_numbers(output_text, "WZ", hidden, hidden)?;
    Ok((hidden_weights, output_weights))
}

/// Reads exactly `count` finite numbers separated by spaces or commas.
fn parse_numbers(text: &str, name: &str, count: usize, hidden: usize) -> Result<Vec<f64>, String> {
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
        let shape = if name == "WH" {
            "2 x hidden"
        } else {
            "hidden x 1"
        };
        let found = numbers.len();
        let plural = if found == 1 { "" } else { "s" };
        return Err(format!(
            "--weights: {name} has {found} number{plural}, but a hidden size of {hidden} needs {count} ({shape})"
        ));
    }
    Ok(numbers)
}

/// An example of `--weights` for `hidden` units, for error messages.
fn example_weights(hidden: usize) -> String {
    let row = vec!["0.5"; hidden].join(" ");
    format!("{row} {row} ; {row}")
}

/// A seed from the operating system's randomness, which std's hash maps already draw on.
fn fresh_seed() -> u64 {
    RandomState::new().hash_one(std::process::id())
}

/// Trains the network the run describes, at its hidden size.
fn train(run: &Run) -> Trained {
    /// One trainer per hidden size: the size is a type parameter, chosen here at run time.
    const TRAINERS: [fn(&Run) -> Trained; MAX_HIDDEN] = [
        train_sized::<1>,
        train_sized::<2>,
        train_sized::<3>,
        train_sized::<4>,
        train_sized::<5>,
        train_sized::<6>,
        train_sized::<7>,
        train_sized::<8>,
        train_sized::<9>,
        train_sized::<10>,
        train_sized::<11>,
        train_sized::<12>,
        train_sized::<13>,
        train_sized::<14>,
        train_sized::<15>,
        train_sized::<16>,
    ];
    TRAINERS[run.hidden - 1](run)
}

fn train_sized<const HIDDEN: usize>(run: &Run) -> Trained {
    let mut network: Network<INPUTS, HIDDEN, 1> = match &run.start {
        Start::Seed(seed) => Network::random(&mut fastrand::Rng::with_seed(*seed)),
        Start::Weights(hidden_weights, output_weights) => {
            let mut wh = Matrix::<INPUTS, HIDDEN>::zeros();
            let mut wz = Matrix::<HIDDEN, 1>::zeros();
            for (index, &weight) in hidden_weights.iter().enumerate() {
                wh[(index / HIDDEN, index % HIDDEN)] = weight;
            }
            for (index, &weight) in output_weights.iter().enumerate() {
                wz[(index, 0)] = weight;
            }
            Network::from_weights(wh, wz)
        }
    };
    let outputs = network.train(&xor::INPUTS, &xor::TARGETS, run.variant, run.epochs);
    Trained {
        outputs,
        hidden_weights: network.hidden_weights().as_slice().to_vec(),
        output_weights: network.output_weights().as_slice().to_vec(),
    }
}

/// The run as one JSON object; every number in shortest round-trip form.
fn to_json(run: &Run, trained: &Trained) -> String {
    let seed = match run.start {
        Start::Seed(seed) => seed.to_string(),
        Start::Weights(..) => "null".to_string(),
    };
    format!(
        "{{\"variant\": \"{}\", \"epochs\": {}, \"hidden\": {}, \"seed\": {seed}, \"Z\": {}, \"Wh\": {}, \"Wz\": {}}}\n",
        run.variant.name(),
        run.epochs,
        run.hidden,
        json_matrix(trained.outputs.as_slice(), 1),
        json_matrix(&trained.hidden_weights, run.hidden),
        json_matrix(&trained.output_weights, 1),
    )
}

/// `[[a, b], [c, d]]` for row-major `elements` of `columns` columns. JSON has no NaN or
/// infinity, so a training run that diverged shows `null` there.
fn json_matrix(elements: &[f64], columns: usize) -> String {
    let mut json = String::from("[");
    for (index, row) in elements.chunks(columns).enumerate() {
        json.push_str(if index == 0 { "[" } else { ", [" });
        for (column, &number) in row.iter().enumerate() {
            if column > 0 {
                json.push_str(", ");
            }
            // Debug formatting of f64 is the shortest text that reads back as the same number.
            let _ = if number.is_finite() {
                write!(json, "{number:?}")
            } else {
                write!(json, "null")
            };
        }
        json.push(']');
    }
    json.push(']');
    json
}

/// The trained network as Rust source: a `const` built with `Network::from_weights`, and the
/// variant it was trained as. Each weight is written in Rust's shortest round-trip form, which the
/// compiler reads back to the same bits.
fn to_rust(run: &Run, trained: &Trained) -> String {
    let hidden = run.hidden;
    let start = match &run.start {
        Start::Seed(seed) => format!("--seed {seed}"),
        Start::Weights(..) => "--weights ...".to_string(),
    };
    let variant = match run.variant {
        Variant::Classic => "Classic".to_string(),
        Variant::Improved { learning_rate } => {
            format!(
                "Improved {{ learning_rate: {} }}",
                rust_float(learning_rate)
            )
        }
    };
    let rows = |elements: &[f64], columns: usize| {
        elements
            .chunks(columns)
            .map(|row| {
                let row: Vec<String> = row.iter().map(|&w| rust_float(w)).collect();
                format!("        [{}],\n", row.join(", "))
            })
            .collect::<String>()
    };
    format!(
        "// Generated by `stacknet --variant {name} --epochs {epochs} --hidden {hidden} {start} --format rust`.\n\
         // Every weight reads back to the trained value bit for bit.\n\
         \n\
         /// The variant the network below was trained as; `predict` needs it for the output layer.\n\
         pub const TRAINED_VARIANT: stacknet::Variant = stacknet::Variant::{variant};\n\
         \n\
         /// A 2-{hidden}-1 XOR network trained by stacknet ({name}, {epochs} epochs).\n\
         pub const TRAINED_NETWORK: stacknet::Network<2, {hidden}, 1> = stacknet::Network::from_weights(\n\
         \x20   stacknet::Matrix::from_rows([\n{wh}    ]),\n\
         \x20   stacknet::Matrix::from_rows([\n{wz}    ]),\n\
         );\n",
        name = run.variant.name(),
        epochs = run.epochs,
        wh = rows(&trained.hidden_weights, hidden),
        wz = rows(&trained.output_weights, 1),
    )
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
            Ok(Command::Run(run)) => run,
            Ok(Command::Help) => panic!("{arguments:?} asked for help"),
            Err(message) => panic!("{arguments:?} was refused: {message}"),
        }
    }

    #[test]
    fn defaults_are_the_article_programs() {
        let run = run_of(&["--seed", "5"]);
        assert_eq!(
            (run.variant, run.epochs, run.hidden),
            (Variant::Classic, 60_000, 3)
        );
        assert_eq!(run.format, Format::Numpy);
        let run = run_of(&["--variant=improved", "--seed=5"]);
        assert_eq!((run.variant, run.epochs), (Variant::IMPROVED, 20_000));
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
    fn json_numbers_round_trip() {
        let elements = [0.1, 1.0, 6.661338147750939e-15, -2.5, f64::NAN];
        let json = json_matrix(&elements, 1);
        assert_eq!(
            json,
            "[[0.1], [1.0], [6.661338147750939e-15], [-2.5], [null]]"
        );
    }
}

//! Reading the command line's words: each option and its value, checked on its own. How the
//! options fit together is for [`run`](super::run) to check, from the [`Options`] read here.
//!
//! ```text
//! $ stacknet --task=and --hidden 4 --seed 7
//! ```
//!
//! Every option takes `--flag value` or `--flag=value`, at most once. A bad value gets one line
//! naming the option, the allowed values and what was given.

use std::ffi::OsString;
use std::path::PathBuf;

use stacknet::AnyActivation;

use super::dtype::Dtype;
use super::format::Format;
use super::shown::hides_text;
use super::sizes::MAX_HIDDEN;
use super::task::{Task, Variant};
use super::words::{choice, on_off, positive_number};

/// How to run the experiments, which the command line once ran as `stacknet experiment NAME`.
pub const EXPERIMENTS: &str =
    "cargo run --release --example experiments -- hidden|rate|init|improved";

/// The most epochs one run may ask for: about a minute and a half of training at 90 ns an epoch.
pub const MAX_EPOCHS: u32 = 1_000_000_000;

/// What the command line asks for.
#[derive(Debug)]
pub enum Command {
    Help,
    /// A training run, its options read but not yet fitted together.
    Run(Box<Options>),
}

/// Every option, as typed, before it is checked against the others.
#[derive(Debug, Default)]
pub struct Options {
    pub variant: Option<Variant>,
    pub epochs: Option<u32>,
    pub seed: Option<u64>,
    pub hidden: Option<usize>,
    pub dtype: Option<Dtype>,
    pub weights: Option<String>,
    pub format: Option<Format>,
    pub task: Option<Task>,
    pub hidden_activation: Option<AnyActivation>,
    pub output_activation: Option<AnyActivation>,
    pub learning_rate: Option<f64>,
    pub biases: Option<bool>,
    /// `--batch`: `Some(None)` for full, `Some(Some(rows))` for mini-batches.
    pub batch: Option<Option<usize>>,
    pub save: Option<PathBuf>,
    pub load: Option<PathBuf>,
    pub every: Option<u32>,
    pub plot: bool,
    pub svg: Option<PathBuf>,
    /// `--trace`: print every matrix of one epoch (the first, or `--epochs`) instead of `Z`.
    pub trace: bool,
    /// The command as typed, quoted for a shell: what generated files say made them.
    pub command: String,
}

/// Options that take a value.
pub const FLAGS: [&str; 17] = [
    "--variant",
    "--epochs",
    "--seed",
    "--hidden",
    "--dtype",
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

/// Reads the arguments into a [`Command`], each option checked on its own, or says what is
/// wrong with them.
pub fn parse_command_line(arguments: impl Iterator<Item = OsString>) -> Result<Command, String> {
    let arguments: Vec<String> = arguments
        .map(|argument| {
            argument
                .into_string()
                .map_err(|bad| format!("argument {bad:?} is not valid UTF-8"))
        })
        .collect::<Result<_, _>>()?;
    if arguments.first().map(String::as_str) == Some("experiment") {
        return Err(format!(
            "the experiments are a program of their own: {EXPERIMENTS}"
        ));
    }
    let mut options = Options::default();
    let mut words = arguments.iter();
    while let Some(argument) = words.next() {
        if argument == "-h" || argument == "--help" {
            return Ok(Command::Help);
        }
        // The options without a value: on when given.
        let switch = match argument.as_str() {
            "--plot" => Some(&mut options.plot),
            "--trace" => Some(&mut options.trace),
            _ => None,
        };
        if let Some(switch) = switch {
            if std::mem::replace(switch, true) {
                return Err(format!("{argument} is given more than once"));
            }
            continue;
        }
        // Both `--flag value` and `--flag=value`.
        let (flag, value) = match argument.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value.to_string())),
            _ => (argument.as_str(), None),
        };
        if flag == "--plot" || flag == "--trace" {
            return Err(format!("{flag} takes no value; give it alone"));
        }
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
    options.command = reconstructed_command(&arguments);
    Ok(Command::Run(Box::new(options)))
}

/// Stores one option; returns `false` if it was already set.
fn set_option(options: &mut Options, flag: &str, value: &str) -> Result<bool, String> {
    fn set<T>(slot: &mut Option<T>, value: T) -> bool {
        slot.replace(value).is_none()
    }
    Ok(match flag {
        "--variant" => set(&mut options.variant, choice(flag, value)?),
        "--epochs" => set(&mut options.epochs, parse_epochs(value)?),
        "--seed" => set(&mut options.seed, parse_seed(value)?),
        "--hidden" => set(&mut options.hidden, parse_hidden(value)?),
        "--dtype" => set(&mut options.dtype, choice(flag, value)?),
        "--weights" => set(&mut options.weights, value.to_string()),
        "--format" => set(&mut options.format, choice(flag, value)?),
        "--task" => set(&mut options.task, choice(flag, value)?),
        "--hidden-activation" => set(&mut options.hidden_activation, choice(flag, value)?),
        "--output-activation" => set(&mut options.output_activation, choice(flag, value)?),
        "--learning-rate" => set(&mut options.learning_rate, positive_number(flag, value)?),
        "--biases" => set(&mut options.biases, on_off(flag, value)?),
        "--batch" => set(&mut options.batch, parse_batch(value)?),
        "--save" => set(&mut options.save, parse_path(flag, value)?),
        "--every" => set(&mut options.every, parse_every(value)?),
        "--svg" => set(&mut options.svg, parse_path(flag, value)?),
        _ => set(&mut options.load, parse_path(flag, value)?),
    })
}

/// `stacknet` and the arguments on one line, each quoted for a shell where it needs it: in
/// single quotes, or, when it holds a control character such as a newline, in bash's `$'...'`
/// with the character escaped, so that the command stays one line (a generated file writes it
/// in a comment).
fn reconstructed_command(arguments: &[String]) -> String {
    let quoted = arguments.iter().map(|argument| {
        let plain = !argument.is_empty()
            && argument
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_=.,/:+".contains(c));
        if plain {
            argument.clone()
        } else if argument.chars().any(hides_text) {
            let escaped: String = argument
                .chars()
                .map(|c| match c {
                    '\\' => r"\\".to_string(),
                    '\'' => r"\'".to_string(),
                    '\n' => r"\n".to_string(),
                    '\t' => r"\t".to_string(),
                    '\r' => r"\r".to_string(),
                    c if hides_text(c) => format!(r"\u{:04x}", u32::from(c)),
                    c => c.to_string(),
                })
                .collect();
            format!("$'{escaped}'")
        } else {
            format!("'{}'", argument.replace('\'', r"'\''"))
        }
    });
    std::iter::once("stacknet".to_string())
        .chain(quoted)
        .collect::<Vec<_>>()
        .join(" ")
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

/// Reads `"WH ; WZ"`: `inputs * hidden` numbers, a semicolon, then `hidden` numbers, all finite
/// weights of `dtype`.
pub fn parse_weights(
    text: &str,
    inputs: usize,
    hidden: usize,
    dtype: Dtype,
) -> Result<(Vec<f64>, Vec<f64>), String> {
    let Some((hidden_text, output_text)) = text.split_once(';') else {
        return Err(format!(
            "--weights needs WH and WZ separated by ';', as in \"{}\"",
            example_weights(inputs, hidden)
        ));
    };
    let shape = format!("{inputs} x hidden");
    let numbers = |text, name, count, shape| parse_numbers(text, name, count, hidden, shape, dtype);
    let hidden_weights = numbers(hidden_text, "WH", inputs * hidden, &shape)?;
    let output_weights = numbers(output_text, "WZ", hidden, "hidden x 1")?;
    Ok((hidden_weights, output_weights))
}

/// Reads exactly `count` finite weights of `dtype` separated by spaces or commas.
fn parse_numbers(
    text: &str,
    name: &str,
    count: usize,
    hidden: usize,
    shape: &str,
    dtype: Dtype,
) -> Result<Vec<f64>, String> {
    let numbers = text
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|word| !word.is_empty())
        .map(|word| {
            dtype
                .weight(name, word)
                .map_err(|message| format!("--weights: {message}"))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(arguments: &[&str]) -> Result<Command, String> {
        parse_command_line(arguments.iter().map(OsString::from))
    }

    #[test]
    fn each_option_is_read_once_in_either_form() {
        assert!(matches!(
            parse(&["--hidden", "4", "--seed=2"]),
            Ok(Command::Run(_))
        ));
        assert!(matches!(parse(&["--seed", "1", "-h"]), Ok(Command::Help)));
        assert_eq!(
            parse(&["--seed", "1", "--seed=2"]).unwrap_err(),
            "--seed is given more than once"
        );
        assert_eq!(
            parse(&["--depth", "2"]).unwrap_err(),
            "unknown option '--depth'"
        );
        assert_eq!(parse(&["--epochs"]).unwrap_err(), "--epochs needs a value");
    }

    #[test]
    fn bad_values_name_the_option_and_the_choices() {
        assert_eq!(
            parse(&["--variant", "fancy"]).unwrap_err(),
            "--variant must be classic or improved, not 'fancy'"
        );
        assert_eq!(
            parse(&["--output-activation", "softmax"]).unwrap_err(),
            "--output-activation must be one of sigmoid, tanh, relu, leaky-relu, linear, not 'softmax'"
        );
        assert_eq!(
            parse(&["--hidden", "9"]).unwrap_err(),
            format!("--hidden must be a whole number from 1 to {MAX_HIDDEN}, not '9'")
        );
    }

    /// Words that a shell would split or expand are quoted; the others are left as typed.
    #[test]
    fn commands_are_quoted_for_a_shell() {
        let words = ["--weights", "1 2 ; 3", "--save", "it's.txt", "--task=and"].map(String::from);
        assert_eq!(
            reconstructed_command(&words),
            r"stacknet --weights '1 2 ; 3' --save 'it'\''s.txt' --task=and"
        );
        let control = ["--save", "a\nb's\t\u{7}.model"].map(String::from);
        assert_eq!(
            reconstructed_command(&control),
            r"stacknet --save $'a\nb\'s\t\u0007.model'"
        );
    }
}

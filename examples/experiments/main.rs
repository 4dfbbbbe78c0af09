//! The experiments the article invites, each over many starts (fastrand seeds `0` to `N - 1`,
//! starting weights drawn as `Network::random` draws them), the seeds shared between threads:
//!
//! ```text
//! cargo run --release --example experiments -- hidden [--seeds N]
//! cargo run --release --example experiments -- rate
//! cargo run --release --example experiments -- init
//! cargo run --release --example experiments -- improved
//! ```
//!
//! - `hidden`: 2-H-1 networks with H from 1 to 8, both of the article's programs;
//! - `rate`: the improved program at learning rates from 0.01 to 1;
//! - `init`: starting weights uniform in [0, 1) (the article's), in [-1, 1), and all zero;
//! - `improved`: the improved program's fast and slow runs, beside the classic program from the
//!   same starts, in a table of its own ([`improved`]).
//!
//! The first three report, for each line of their table, the share of seeds whose outputs all
//! round to XOR's truth values and the median loss (the mean squared error of the last epoch's
//! `Z`). A run that diverges counts as not learnt, with an infinite loss. Every network is the
//! library's, in `f64`, its hidden size a const generic: the program is a user of the library,
//! as yours would be. Its results do not depend on how the seeds are split between threads.

use std::fmt::Write as _;
use std::process::ExitCode;

use stacknet::fastrand::Rng;
use stacknet::{match_size, xor, Activation, Linear, Network, Sigmoid, Training};

mod improved;

/// Seeds per line unless `--seeds` says otherwise.
pub const DEFAULT_SEEDS: u64 = 200;

/// The most seeds `--seeds` accepts: a thousand times the default, minutes of work per line.
pub const MAX_SEEDS: u64 = 200_000;

/// The learning rates the `rate` experiment tries on the improved program (0.1 is the article's).
const RATES: [f64; 7] = [0.01, 0.03, 0.1, 0.2, 0.3, 0.5, 1.0];

/// The largest hidden layer the `hidden` experiment tries, from 1 unit up; [`trial`] compiles a
/// network of each size.
const MAX_HIDDEN: usize = 8;

/// The hidden layer's size wherever the experiment does not vary it: the article's.
const ARTICLE_HIDDEN: usize = 3;

/// What to print for the words after the program's name, or the message for words it cannot
/// read.
pub fn output(arguments: &[String]) -> Result<String, String> {
    let (name, seeds) = parse(arguments)?;
    match name {
        "hidden" => Ok(table(
            "2-H-1 networks, the article's two programs and epochs",
            "hidden  program ",
            &hidden_lines(),
            seeds,
        )),
        "rate" => Ok(table(
            "the improved program (2-3-1, 20000 epochs) at other learning rates",
            "learning rate",
            &rate_lines(),
            seeds,
        )),
        "init" => Ok(table(
            "2-3-1 networks, the article's two programs, three kinds of start",
            "start            program ",
            &init_lines(),
            seeds,
        )),
        _ => improved::table(seeds),
    }
}

/// The experiment's name and the seeds, from `NAME [--seeds N]`.
fn parse(arguments: &[String]) -> Result<(&'static str, u64), String> {
    const NAMES: [&str; 4] = ["hidden", "rate", "init", "improved"];
    let Some((name, rest)) = arguments.split_first() else {
        return Err("name an experiment: hidden, rate, init or improved".into());
    };
    let name = NAMES
        .into_iter()
        .find(|known| known == name)
        .ok_or_else(|| {
            format!("no experiment '{name}': the experiments are hidden, rate, init and improved")
        })?;
    let seeds_text = match rest {
        [] => None,
        [flag, value] if flag == "--seeds" => Some(value.as_str()),
        [flag] if flag.starts_with("--seeds=") => flag.strip_prefix("--seeds="),
        [flag] if flag == "--seeds" => return Err("--seeds needs a value".into()),
        [other, ..] => return Err(format!("an experiment takes only --seeds N, not '{other}'")),
    };
    let seeds = match seeds_text.map(str::parse::<u64>) {
        None => DEFAULT_SEEDS,
        Some(Ok(seeds)) if (1..=MAX_SEEDS).contains(&seeds) => seeds,
        _ => {
            let text = seeds_text.unwrap_or_default();
            return Err(format!(
                "--seeds must be a whole number from 1 to {MAX_SEEDS}, not '{text}'"
            ));
        }
    };
    Ok((name, seeds))
}

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    match output(&arguments) {
        Ok(table) => {
            print!("{table}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("experiments: {message}");
            ExitCode::from(2)
        }
    }
}

/// One of the article's two programs: its output layer, its training and its epochs.
#[derive(Clone, Copy, Debug)]
enum Program {
    /// Sigmoid on both layers, `Training::CLASSIC`, 60000 epochs.
    Classic,
    /// A linear output, `Training::IMPROVED` (L = 0.1 unless a line says otherwise), 20000 epochs.
    Improved { learning_rate: f64 },
}

impl Program {
    /// Both, as the article gives them.
    const ARTICLES: [(&'static str, Program); 2] = [
        ("classic", Program::Classic),
        (
            "improved",
            Program::Improved {
                learning_rate: Training::IMPROVED.learning_rate,
            },
        ),
    ];
}

/// How a network's starting weights are drawn.
#[derive(Clone, Copy, Debug)]
enum Start {
    /// Uniform in `[0, 1)`: `np.random.uniform`, the article's.
    UnitInterval,
    /// Uniform in `[-1, 1)`: the same draws, stretched to both signs.
    Symmetric,
    /// Every weight 0: the start the article warns against.
    Zero,
}

/// One line of a table: its label, and what to train.
struct Line {
    label: String,
    hidden: usize,
    program: Program,
    start: Start,
}

/// What one seed's run gave.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Trial {
    /// Whether every output rounds to its XOR truth value.
    pub learnt: bool,
    /// The mean squared error of the last `Z`; infinite when training diverged.
    pub loss: f64,
}

/// The `hidden` experiment's lines: hidden sizes 1 to 8, each with both programs.
fn hidden_lines() -> Vec<Line> {
    (1..=MAX_HIDDEN)
        .flat_map(|hidden| {
            Program::ARTICLES.map(|(name, program)| Line {
                label: format!("{hidden:>6}  {name:<8}"),
                hidden,
                program,
                start: Start::UnitInterval,
            })
        })
        .collect()
}

/// The `rate` experiment's lines: the improved program at each of [`RATES`].
fn rate_lines() -> Vec<Line> {
    RATES
        .iter()
        .map(|&learning_rate| Line {
            label: format!("{learning_rate:>13}"),
            hidden: ARTICLE_HIDDEN,
            program: Program::Improved { learning_rate },
            start: Start::UnitInterval,
        })
        .collect()
}

/// The `init` experiment's lines: each kind of start, each with both programs.
fn init_lines() -> Vec<Line> {
    [
        ("uniform [0, 1)", Start::UnitInterval),
        ("uniform [-1, 1)", Start::Symmetric),
        ("all zero", Start::Zero),
    ]
    .into_iter()
    .flat_map(|(start_name, start)| {
        Program::ARTICLES.map(|(name, program)| Line {
            label: format!("{start_name:<16} {name:<8}"),
            hidden: ARTICLE_HIDDEN,
            program,
            start,
        })
    })
    .collect()
}

/// The table of `lines`, each the share learnt and the median loss over seeds `0..seeds`, under
/// a header saying what was run.
fn table(what: &str, heading: &str, lines: &[Line], seeds: u64) -> String {
    let mut table = format!(
        "{what}; seeds 0 to {}, learnt = every output rounds to XOR\n\n{heading}  learnt  median loss\n",
        seeds - 1
    );
    for line in lines {
        let (learnt, median) = summarise(&run_seeds(seeds, |seed| trial(line, seed)));
        let _ = writeln!(table, "{}  {learnt:>6.3}  {median:>11.3e}", line.label);
    }
    table
}

/// Trains the XOR network of `line` from `seed`: the one place where the run-time hidden size
/// becomes a type.
fn trial(line: &Line, seed: u64) -> Trial {
    match_size!(
        line.hidden,
        H in [1, 2, 3, 4, 5, 6, 7, 8] => trial_of::<H>(line, seed),
        _ => unreachable!("no line has more than {MAX_HIDDEN} hidden units"),
    )
}

/// [`trial`] for `H` hidden units: the program's network, from the line's start.
fn trial_of<const H: usize>(line: &Line, seed: u64) -> Trial {
    match line.program {
        Program::Classic => train::<H, Sigmoid>(
            line.start,
            seed,
            Training::CLASSIC,
            Training::CLASSIC_EPOCHS,
        ),
        Program::Improved { learning_rate } => train::<H, Linear>(
            line.start,
            seed,
            Training::IMPROVED.with_learning_rate(learning_rate),
            Training::IMPROVED_EPOCHS,
        ),
    }
}

/// Trains a 2-H-1 network with a sigmoid hidden layer and an `Output` layer from `start`'s
/// weights for `seed`, and reports how it went.
fn train<const H: usize, Output: Activation>(
    start: Start,
    seed: u64,
    training: Training,
    epochs: u32,
) -> Trial {
    let drawn = Network::<2, H, 1, Sigmoid, Output>::random(&mut Rng::with_seed(seed));
    let (wh, wz) = (*drawn.hidden_weights(), *drawn.output_weights());
    let mut network = match start {
        Start::UnitInterval => drawn,
        Start::Symmetric => {
            Network::from_weights(wh.map(|w| 2.0 * w - 1.0), wz.map(|w| 2.0 * w - 1.0))
        }
        Start::Zero => Network::from_weights(wh.map(|_| 0.0), wz.map(|_| 0.0)),
    };
    match network.train(&xor::INPUTS, &xor::TARGETS, training, epochs) {
        Ok(z) => Trial {
            learnt: xor::is_learnt(&z),
            loss: z.mean_squared_error(&xor::TARGETS),
        },
        Err(_) => Trial {
            learnt: false,
            loss: f64::INFINITY,
        },
    }
}

/// `trial` of seeds `0..seeds`, split between threads, one per core; the results in seed order.
/// A thread that stops (panics) stops the program with its message.
pub fn run_seeds<T: Send>(seeds: u64, trial: impl Fn(u64) -> T + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()) as u64;
    let per_thread = seeds.div_ceil(threads).max(1);
    let trial = &trial;
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..seeds)
            .step_by(per_thread as usize)
            .map(|first| {
                let last = (first + per_thread).min(seeds);
                scope.spawn(move || (first..last).map(trial).collect::<Vec<_>>())
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// The share of trials that learnt XOR, and their median loss.
pub fn summarise(trials: &[Trial]) -> (f64, f64) {
    let learnt = trials.iter().filter(|t| t.learnt).count() as f64 / trials.len() as f64;
    let losses = trials.iter().map(|t| t.loss).collect();
    (learnt, median(losses))
}

/// The median of `values`, which must not be empty.
pub fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    if values.len() % 2 == 1 {
        values[middle]
    } else {
        (values[middle - 1] + values[middle]) / 2.0
    }
}

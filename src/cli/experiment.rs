//! `stacknet experiment`: the experiments the article invites, over many seeds, on every core.
//!
//! ```text
//! $ stacknet experiment hidden --seeds 200
//! ```
//!
//! Each experiment trains one network per seed (fastrand seeds `0` to `seeds - 1`, starting
//! weights drawn as `Network::random` draws them) for each row of its table, and reports the share
//! of seeds whose outputs all round to XOR's truth values, and the median loss (the mean squared
//! error of the last epoch's `Z`). Seeds are split between threads; the results do not depend on
//! how. Experiments compute in `f64`, the article's type; they take no `--dtype`. The `improved`
//! experiment has a table of its own, in [`improved`].

use std::fmt::Write as _;

use super::dtype::Dtype;
use super::progress::Progress;
use super::sizes::build;
use super::task::{Program, Task, Variant};
use super::typed::{Parameters, Weights};
use super::words::{choice_words, Choice};

mod improved;

/// Seeds per row unless `--seeds` says otherwise.
pub const DEFAULT_SEEDS: u64 = 200;

/// The most seeds `--seeds` accepts: a thousand times the default, minutes of work per row.
pub const MAX_SEEDS: u64 = 200_000;

/// The hidden sizes the `hidden` experiment tries.
const HIDDEN_SIZES: std::ops::RangeInclusive<usize> = 1..=8;

/// The learning rates the `rate` experiment tries on the improved program (0.1 is the article's).
const RATES: [f64; 7] = [0.01, 0.03, 0.1, 0.2, 0.3, 0.5, 1.0];

/// Which experiment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Experiment {
    /// Hidden sizes 1 to 8, both programs.
    Hidden,
    /// Learning rates for the improved program.
    Rate,
    /// Starting weights: uniform in [0, 1) (the article's), uniform in [-1, 1), all zero.
    Init,
    /// The improved program's two kinds of run, fast and slow, beside the classic program.
    Improved,
}

choice_words!(Experiment {
    Hidden => "hidden",
    Rate => "rate",
    Init => "init",
    Improved => "improved",
});

/// How a network's starting weights are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Start {
    /// Uniform in `[0, 1)`: `np.random.uniform`, the article's.
    UnitInterval,
    /// Uniform in `[-1, 1)`: the same draws, stretched to both signs.
    Symmetric,
    /// Every weight 0: the start the article warns against.
    Zero,
}

impl Start {
    fn name(self) -> &'static str {
        match self {
            Start::UnitInterval => "uniform [0, 1)",
            Start::Symmetric => "uniform [-1, 1)",
            Start::Zero => "all zero",
        }
    }
}

/// One row of a table: what to train.
struct Row {
    label: String,
    hidden: usize,
    program: Program,
    start: Start,
}

/// What one seed's run gave.
#[derive(Clone, Copy)]
pub struct Trial {
    pub learnt: bool,
    /// The mean squared error of the last `Z`; infinite when training diverged.
    pub loss: f64,
}

/// Trains the XOR network of `row` from `seed` and reports how it went; an error only if the
/// network cannot be built.
fn trial(row: &Row, seed: u64) -> Result<Trial, String> {
    let program = row.program;
    let activations = (program.hidden_activation, program.output_activation);
    let network = |weights| build(Task::Xor, row.hidden, Dtype::F64, activations, weights);
    let mut network = match row.start {
        Start::UnitInterval => network(Weights::Random(seed))?,
        Start::Symmetric => {
            let drawn = network(Weights::Random(seed))?.parameters();
            let stretched = |weights: &[f64]| weights.iter().map(|w| 2.0 * w - 1.0).collect();
            network(Weights::Given(&Parameters {
                hidden_weights: stretched(&drawn.hidden_weights),
                output_weights: stretched(&drawn.output_weights),
                ..drawn
            }))?
        }
        Start::Zero => {
            let drawn = network(Weights::Random(seed))?.parameters();
            let zeros = |weights: &[f64]| vec![0.0; weights.len()];
            network(Weights::Given(&Parameters {
                hidden_weights: zeros(&drawn.hidden_weights),
                output_weights: zeros(&drawn.output_weights),
                ..drawn
            }))?
        }
    };
    let trained = network.train(program.training, program.epochs, &mut Progress::silent());
    Ok(match trained {
        Ok(outputs) => Trial {
            learnt: outputs.round_correctly,
            loss: outputs.loss,
        },
        Err(_) => Trial {
            learnt: false,
            loss: f64::INFINITY,
        },
    })
}

/// Runs seeds `0..seeds` of one row on every core; the trials in seed order, or what went
/// wrong: a network that could not be built, or a thread that stopped, with its seeds.
fn run_row(row: &Row, seeds: u64) -> Result<Vec<Trial>, String> {
    run_seeds(seeds, |seed| trial(row, seed))
        .map_err(|message| format!("row '{}': {message}", row.label.trim()))
}

/// `trial` of seeds `0..seeds`, split between threads, one per core; the results in seed
/// order, or the first error, or which seeds a thread that stopped (panicked) was running.
fn run_seeds<T: Send>(
    seeds: u64,
    trial: impl Fn(u64) -> Result<T, String> + Sync,
) -> Result<Vec<T>, String> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()) as u64;
    let per_thread = seeds.div_ceil(threads).max(1);
    let trial = &trial;
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..seeds)
            .step_by(per_thread as usize)
            .map(|first| {
                let last = (first + per_thread).min(seeds);
                let handle =
                    scope.spawn(move || (first..last).map(trial).collect::<Result<Vec<_>, _>>());
                (first..last, handle)
            })
            .collect();
        let mut results = Vec::new();
        for (seeds, handle) in handles {
            let done = handle.join().map_err(|_| {
                format!(
                    "the thread training seeds {} to {} stopped without its results",
                    seeds.start,
                    seeds.end - 1,
                )
            })?;
            results.extend(done?);
        }
        Ok(results)
    })
}

/// The share of trials that learnt XOR, and their median loss.
pub fn summarise(trials: &[Trial]) -> (f64, f64) {
    let learnt = trials.iter().filter(|t| t.learnt).count() as f64 / trials.len() as f64;
    let mut losses: Vec<f64> = trials.iter().map(|t| t.loss).collect();
    losses.sort_by(f64::total_cmp);
    let middle = losses.len() / 2;
    let median = if losses.len() % 2 == 1 {
        losses[middle]
    } else {
        (losses[middle - 1] + losses[middle]) / 2.0
    };
    (learnt, median)
}

/// The rows of a table of shares and median losses; none for `improved`, which has its own.
fn rows(experiment: Experiment) -> (String, Vec<Row>) {
    let variants = Variant::ALL;
    match experiment {
        Experiment::Hidden => (
            "hidden  program ".into(),
            HIDDEN_SIZES
                .flat_map(|hidden| {
                    variants.iter().map(move |&variant| Row {
                        label: format!("{hidden:>6}  {variant:<8}"),
                        hidden,
                        program: variant.program(),
                        start: Start::UnitInterval,
                    })
                })
                .collect(),
        ),
        Experiment::Rate => (
            "learning rate".into(),
            RATES
                .iter()
                .map(|&learning_rate| {
                    let improved = Variant::Improved.program();
                    Row {
                        label: format!("{learning_rate:>13}"),
                        hidden: 3,
                        program: Program {
                            training: improved.training.with_learning_rate(learning_rate),
                            ..improved
                        },
                        start: Start::UnitInterval,
                    }
                })
                .collect(),
        ),
        Experiment::Init => (
            "start            program ".into(),
            [Start::UnitInterval, Start::Symmetric, Start::Zero]
                .into_iter()
                .flat_map(|start| {
                    variants.iter().map(move |&variant| Row {
                        label: format!("{:<16} {variant:<8}", start.name()),
                        hidden: 3,
                        program: variant.program(),
                        start,
                    })
                })
                .collect(),
        ),
        Experiment::Improved => (String::new(), Vec::new()),
    }
}

/// The experiment's table, aligned, with a header saying what was run; or what went wrong.
pub fn run(experiment: Experiment, seeds: u64) -> Result<String, String> {
    let (heading, rows) = rows(experiment);
    let what = match experiment {
        Experiment::Hidden => "2-H-1 networks, the article's two programs and epochs",
        Experiment::Rate => "the improved program (2-3-1, 20000 epochs) at other learning rates",
        Experiment::Init => "2-3-1 networks, the article's two programs, three kinds of start",
        Experiment::Improved => return improved::table(seeds),
    };
    let mut table = format!(
        "{what}; seeds 0 to {}, learnt = every output rounds to XOR\n\n{heading}  learnt  median loss\n",
        seeds - 1
    );
    for row in &rows {
        let (learnt, median) = summarise(&run_row(row, seeds)?);
        let _ = writeln!(table, "{}  {learnt:>6.3}  {median:>11.3e}", row.label);
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_and_takes_the_median() {
        let trial = |learnt, loss| Trial { learnt, loss };
        let trials = [
            trial(true, 0.1),
            trial(false, 0.4),
            trial(true, 0.2),
            trial(true, f64::INFINITY),
        ];
        assert_eq!(summarise(&trials), (0.75, 0.30000000000000004));
        assert_eq!(summarise(&trials[..3]), (2.0 / 3.0, 0.2));
    }

    /// A thread that panics is reported with the seeds it had, not dropped from the results.
    #[test]
    fn a_stopped_thread_is_reported() {
        let results = run_seeds(8, |seed| Ok(seed * 10)).unwrap();
        assert_eq!(results, [0, 10, 20, 30, 40, 50, 60, 70], "in seed order");
        let error = run_seeds(8, |seed| {
            assert_ne!(seed, 5, "a deliberate panic");
            Ok(seed)
        })
        .unwrap_err();
        assert!(error.starts_with("the thread training seeds "), "{error}");
        let (first, last) = error
            .trim_start_matches("the thread training seeds ")
            .split_once(" to ")
            .and_then(|(first, rest)| {
                Some((
                    first.parse::<u64>().ok()?,
                    rest.split(' ').next()?.parse::<u64>().ok()?,
                ))
            })
            .unwrap();
        assert!((first..=last).contains(&5), "{error}");
        let failed = run_seeds(3, |seed| {
            if seed == 1 {
                Err("no network".to_string())
            } else {
                Ok(seed)
            }
        });
        assert_eq!(failed, Err("no network".to_string()));
    }

    #[test]
    fn rows_cover_what_each_experiment_promises() {
        assert_eq!(rows(Experiment::Hidden).1.len(), 16);
        assert_eq!(rows(Experiment::Rate).1.len(), RATES.len());
        assert_eq!(rows(Experiment::Init).1.len(), 6);
        assert!(
            rows(Experiment::Improved).1.is_empty(),
            "a table of its own"
        );
    }
}

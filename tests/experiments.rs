//! The experiments program, `examples/experiments/`, held to the library and to the walkthrough:
//!
//! - its shares and counts match the same trainings written out here with the library;
//! - it refuses what it cannot read, with one line that says what is wrong;
//! - every table the walkthrough shows under `$ cargo run --release --example experiments -- ...`
//!   is what it prints today, character for character. Those tables train thousands of networks,
//!   so that test is slow unoptimised: `make test` runs it optimised, with the other long tests.
//!
//! The program is compiled into this test as a module, so its own unit tests (in `improved.rs`)
//! run here too.

#[allow(dead_code)]
#[path = "../examples/experiments/main.rs"]
mod experiments;

mod common;

use common::shown_under;
use experiments::{output, run_seeds, summarise, Trial};
use stacknet::{fastrand::Rng, xor, Activation, Linear, Network, Sigmoid, Training};

/// `output` of words written as one string.
fn printed(words: &str) -> Result<String, String> {
    let arguments: Vec<String> = words.split_whitespace().map(String::from).collect();
    output(&arguments)
}

#[test]
fn bad_words_get_one_line_that_says_what_is_wrong() {
    for (words, message) in [
        ("", "name an experiment: hidden, rate, init or improved"),
        (
            "depth",
            "no experiment 'depth': the experiments are hidden, rate, init and improved",
        ),
        (
            "rate --seeds 0",
            "--seeds must be a whole number from 1 to 200000, not '0'",
        ),
        (
            "improved --seeds many",
            "--seeds must be a whole number from 1 to 200000, not 'many'",
        ),
        ("init --seeds", "--seeds needs a value"),
        (
            "init --seeds=3 --seeds=4",
            "an experiment takes only --seeds N, not '--seeds=3'",
        ),
        ("hidden 3", "an experiment takes only --seeds N, not '3'"),
        // Every experiment is in `f64`, the article's type.
        (
            "hidden --dtype f32",
            "an experiment takes only --seeds N, not '--dtype'",
        ),
    ] {
        assert_eq!(printed(words).unwrap_err(), message, "{words:?}");
    }
}

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

/// However the seeds are split between threads, the results come back in seed order, all of
/// them; a panic in a thread is not lost.
#[test]
fn seeds_come_back_in_order() {
    for seeds in [1, 2, 3, 8, 13] {
        let results = run_seeds(seeds, |seed| seed * 10);
        assert_eq!(
            results,
            (0..seeds).map(|seed| seed * 10).collect::<Vec<_>>()
        );
    }
    let stopped = std::panic::catch_unwind(|| {
        run_seeds(8, |seed| {
            assert_ne!(seed, 5, "a deliberate panic");
            seed
        })
    });
    assert!(stopped.is_err());
}
/// The `hidden` experiment's shares lie between 0 and 1, and match a direct computation with the
/// library for a small number of seeds. Ninety-six trainings of up to 60000 epochs: half a minute
/// unoptimised, a second or two optimised, as `make test` runs it.
#[test]
#[ignore = "slow unoptimised; make test runs it optimised"]
fn experiment_shares_match_a_direct_computation() {
    const SEEDS: u64 = 6;
    let table = printed(&format!("hidden --seeds {SEEDS}")).unwrap();
    let rows: Vec<Vec<&str>> = table
        .lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>())
        .filter(|words| words.len() == 4 && words[0].parse::<usize>().is_ok())
        .collect();
    assert_eq!(rows.len(), 16, "{table}");
    for words in &rows {
        let share: f64 = words[2].parse().unwrap();
        assert!((0.0..=1.0).contains(&share), "{words:?}");
    }
    // The rows for 2 and 3 hidden units, by hand.
    fn learnt<const H: usize, Output: Activation>(training: Training, epochs: u32) -> f64 {
        let count = (0..SEEDS)
            .filter(|&seed| {
                let mut network = Network::<2, H, 1, Sigmoid, Output>::random(
                    &mut stacknet::fastrand::Rng::with_seed(seed),
                );
                network
                    .train(&xor::INPUTS, &xor::TARGETS, training, epochs)
                    .is_ok_and(|z| xor::is_learnt(&z))
            })
            .count();
        count as f64 / SEEDS as f64
    }
    let (classic, improved) = (Training::CLASSIC, Training::IMPROVED);
    let (classic_epochs, improved_epochs) = (Training::CLASSIC_EPOCHS, Training::IMPROVED_EPOCHS);
    let direct = [
        (
            "2",
            "classic",
            learnt::<2, Sigmoid>(classic, classic_epochs),
        ),
        (
            "2",
            "improved",
            learnt::<2, Linear>(improved, improved_epochs),
        ),
        (
            "3",
            "classic",
            learnt::<3, Sigmoid>(classic, classic_epochs),
        ),
        (
            "3",
            "improved",
            learnt::<3, Linear>(improved, improved_epochs),
        ),
    ];
    for (hidden, program, share) in direct {
        let row = rows
            .iter()
            .find(|w| w[0] == hidden && w[1] == program)
            .unwrap();
        assert_eq!(row[2], format!("{share:.3}"), "hidden {hidden}, {program}");
    }
}

/// The `improved` experiment's counts match a direct computation with the library for a few
/// seeds: how many runs fall fast (a loss below 1e-10 after 20000 epochs), and how many runs of
/// each group end with a negative weight in `Wh` or worse than the classic program. Six seeds of
/// 80000 epochs each: seconds unoptimised, well under one optimised.
#[test]
#[ignore = "slow unoptimised; make test runs it optimised"]
fn the_improved_experiment_counts_match_a_direct_computation() {
    const SEEDS: u64 = 6;
    let table = printed(&format!("improved --seeds {SEEDS}")).unwrap();
    // The last two words of a line: its value for the fast group and for the slow one.
    let values = |label: &str| -> (String, String) {
        let line = table
            .lines()
            .find(|line| line.starts_with(label))
            .unwrap_or_else(|| panic!("no line '{label}' in\n{table}"));
        let words: Vec<&str> = line.split_whitespace().collect();
        let [.., fast, slow] = words[..] else {
            panic!("{line}")
        };
        (fast.to_string(), slow.to_string())
    };
    let mut runs = [0, 0];
    let mut negative = [0, 0];
    let mut worse = [0, 0];
    for seed in 0..SEEDS {
        let mut improved = Network::<2, 3, 1, Sigmoid, Linear>::random(&mut Rng::with_seed(seed));
        let mut classic = Network::<2, 3, 1>::from_weights(
            *improved.hidden_weights(),
            *improved.output_weights(),
        );
        let z = improved
            .train(&xor::INPUTS, &xor::TARGETS, Training::IMPROVED, 20_000)
            .unwrap();
        let loss = z.mean_squared_error(&xor::TARGETS);
        let classic_z = classic
            .train(&xor::INPUTS, &xor::TARGETS, Training::CLASSIC, 60_000)
            .unwrap();
        let group = usize::from(loss >= 1e-10);
        runs[group] += 1;
        negative[group] += usize::from(
            improved
                .hidden_weights()
                .as_slice()
                .iter()
                .any(|&w| w < 0.0),
        );
        worse[group] += usize::from(loss > classic_z.mean_squared_error(&xor::TARGETS));
    }
    // A group without runs shows a dash.
    let shown = |count: usize, group: usize| {
        if runs[group] == 0 {
            "-".to_string()
        } else {
            count.to_string()
        }
    };
    for (label, counts) in [
        ("runs ", runs),
        ("runs ending with a weight of Wh below 0", negative),
        ("runs ending worse than the classic program", worse),
    ] {
        assert_eq!(
            values(label),
            (shown(counts[0], 0), shown(counts[1], 1)),
            "{label}\n{table}"
        );
    }
    // Both kinds of run among these seeds, so that both columns were compared.
    assert!(runs[0] > 0 && runs[1] > 0, "{runs:?}");
}

/// The walkthrough's tables, each what the program prints today: the default 200 seeds, some
/// sixteen thousand trainings; seconds optimised.
#[test]
#[ignore = "slow unoptimised: the experiments train thousands of networks; make test runs it optimised"]
fn the_walkthrough_shows_what_the_experiments_print() {
    let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/walkthrough.md"))
        .unwrap();
    for name in ["hidden", "rate", "init", "improved"] {
        let command = format!("cargo run --release --example experiments -- {name}");
        let shown = shown_under(&page, &command)
            .unwrap_or_else(|| panic!("the walkthrough does not show `$ {command}`"));
        assert_eq!(shown, printed(name).unwrap(), "`$ {command}`");
    }
}

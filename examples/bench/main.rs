//! `make bench`: time per epoch of stacknet's training, beside the fastest yardsticks we could
//! write for the same work in C and with nalgebra's `SMatrix`, and the article's numpy program.
//!
//! ```text
//! cargo build --release && cargo run --release --example bench
//! ```
//!
//! Every implementation trains the classic 2-3-1 network from the same starting weights, several
//! sets of them (drawn by stacknet's `Network::random` from fixed seeds, so that the `stacknet`
//! command's `--seed` starts from the same), for the same epochs, and each one's final `Z` and
//! weights are checked against stacknet's library. Each yardstick runs in every loop structure it
//! has, and the fastest structure stands for its language. In every round each implementation
//! runs once on each set, in turns, and a ratio is the median over rounds and sets of the paired
//! runs' quotients: a busy spell of a shared machine slows both sides of a pair alike. Programs
//! run as their own processes time their own loop (C, nalgebra) or are timed as a long run minus
//! a short one (numpy, the `stacknet` command), so that starting them is not counted.

mod c_yardstick;
mod command_line;
mod nalgebra;
mod numpy;
mod stacknet_library;
mod timing;

use std::hint::black_box;

use stacknet_library::{Data, Program};
use timing::{Measured, Runs, Sampler, Weights};

/// Epochs in one timed run, and rounds (each runs every implementation once on every set of
/// starting weights). Many short runs rather than a few long ones: on a shared machine the load
/// changes within seconds, and short turns spread it over the implementations compared.
const EPOCHS: u32 = 300_000;
const ROUNDS: usize = 11;

/// Seeds of the sets of starting weights, each drawn by `Network::random` (`stacknet --seed`).
/// Speed depends on the trajectory (from some weights the deltas reach subnormal numbers, which
/// cost x86 dozens of cycles each), so every side runs every set.
const SEEDS: [u64; 3] = [1, 2, 3];

/// How far a yardstick's final `Z` and weights may be from stacknet's and still count as the same
/// computation. The implementations differ in their `exp` (stacknet's own, glibc's), by an ulp
/// here and there, and the C's `-march=native` fuses multiply-adds; the measured distance after
/// 300000 epochs is below 1e-12, where a different loop (another order of updates, a wrong
/// derivative) ends 1e-3 or more away. Training pulls nearby starts together: a starting weight
/// off by 1e-7 ended only about 4e-12 away after two million epochs.
const AGREEMENT_TOLERANCE: f64 = 1e-9;

/// Width of the labels in the report, so that the figures line up.
const LABEL_WIDTH: usize = 66;

/// The 2-H-1 starting weights of the other networks' figures: 0.1, 0.2, ... through `Wh` row by
/// row and then `Wz`.
fn counting_weights<const H: usize>() -> ([[f64; H]; 2], [f64; H]) {
    let weight = |index: usize| 0.1 * (index + 1) as f64;
    let wh = [0, 1].map(|row| core::array::from_fn(|column| weight(row * H + column)));
    let wz = core::array::from_fn(|row| weight(2 * H + row));
    (wh, wz)
}

/// `weights` as the library's 2-3-1 `Wh` and `Wz`.
fn split(weights: &Weights) -> ([[f64; 3]; 2], [f64; 3]) {
    let wh = [0, 1].map(|row| core::array::from_fn(|column| weights[row * 3 + column]));
    (wh, core::array::from_fn(|row| weights[6 + row]))
}

/// A sampler of stacknet's library, trained in this process, classic 2-3-1.
fn stacknet(data: Data) -> Sampler<'static> {
    timing::in_process(EPOCHS, move |weights| {
        let (wh, wz) = split(weights);
        stacknet_library::train(wh, wz, Program::Classic, data, black_box(EPOCHS))
    })
}

/// The largest distance between two lists of numbers; a NaN on either side counts as infinitely
/// far (f64::max would pass over it).
fn distance(a: &[f64], b: &[f64]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(a, b)| {
            if a.is_nan() || b.is_nan() {
                f64::INFINITY
            } else {
                (a - b).abs()
            }
        })
        .fold(0.0, f64::max)
}

/// How far `yardstick`'s final `Z` and weights are from stacknet's, on each set's last run.
fn agreement(yardstick: &[Vec<Measured>], stacknet: &[Vec<Measured>]) -> f64 {
    yardstick
        .iter()
        .zip(stacknet)
        .filter_map(|(theirs, ours)| Some((theirs.last()?, ours.last()?)))
        .map(|(theirs, ours)| {
            let weights = match (&theirs.weights, &ours.weights) {
                (Some(a), Some(b)) => distance(a, b),
                _ => f64::INFINITY,
            };
            distance(&theirs.z, &ours.z).max(weights)
        })
        .fold(0.0, f64::max)
}

/// One implementation of the comparison: its label, and its runs or why it has none.
struct Entry<'a> {
    label: String,
    runs: &'a Result<Vec<Vec<Measured>>, String>,
}

/// The entry among `entries` with the lowest median time, if any ran.
fn fastest<'a>(entries: &'a [Entry<'a>]) -> Option<&'a Entry<'a>> {
    entries
        .iter()
        .filter_map(|entry| Some((entry, timing::median_time(entry.runs.as_ref().ok()?))))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(entry, _)| entry)
}

/// Prints an entry's median time per epoch, overall and on each set; or why it has none.
fn print_times(entry: &Entry<'_>) {
    let label = &entry.label;
    match entry.runs {
        Ok(runs) => {
            let by_set: Vec<String> = runs
                .iter()
                .map(|set| {
                    let times = set.iter().map(|run| run.ns_per_epoch).collect();
                    format!("{:6.1}", timing::median(times))
                })
                .collect();
            println!(
                "  {label:<LABEL_WIDTH$}{:7.1} ns  ({} ns)",
                timing::median_time(runs),
                by_set.join(", ")
            );
        }
        Err(why) => println!("  {label:<LABEL_WIDTH$}not measured ({why})"),
    }
}

fn main() {
    let sets: Vec<Weights> = SEEDS
        .iter()
        .map(|&seed| stacknet_library::starting_weights(seed))
        .collect();
    let c = c_yardstick::compile();
    let nalgebra = nalgebra::build();
    let unless_failed = |setup: &Result<(), String>, sampler: Sampler<'static>| match setup {
        Ok(()) => sampler,
        Err(why) => timing::unavailable(why.clone()),
    };

    // The library first: every other implementation is checked against it.
    let mut labels = vec![
        "stacknet library, X and Y as constants (xor::INPUTS)".to_string(),
        "stacknet library, X and Y hidden (black_box)".to_string(),
        format!("stacknet command, {}", command_line::method(EPOCHS)),
    ];
    let mut samplers: Vec<Sampler> = vec![
        stacknet(Data::Constant),
        stacknet(Data::Hidden),
        command_line::sampler(EPOCHS).unwrap_or_else(timing::unavailable),
    ];
    let flags = c_yardstick::FLAGS.join(" ");
    for structure in c_yardstick::STRUCTURES {
        labels.push(format!("C {structure}, cc {flags}, glibc exp"));
        samplers.push(unless_failed(&c, c_yardstick::sampler(structure, EPOCHS)));
    }
    for structure in nalgebra::STRUCTURES {
        labels.push(format!("nalgebra SMatrix {structure}, std's f64::exp"));
        samplers.push(unless_failed(
            &nalgebra,
            nalgebra::sampler(structure, EPOCHS),
        ));
    }
    let runs: Runs = timing::interleaved(samplers, &sets, ROUNDS);
    let entries: Vec<Entry> = labels
        .into_iter()
        .zip(&runs)
        .map(|(label, runs)| Entry { label, runs })
        .collect();
    let (ours, yardsticks) = entries.split_at(3);
    let (c_entries, nalgebra_entries) = yardsticks.split_at(c_yardstick::STRUCTURES.len());

    let seeds: Vec<String> = SEEDS.iter().map(u64::to_string).collect();
    println!(
        "classic 2-3-1 from the starting weights of seeds {} (Network::random), {ROUNDS} rounds of \
         {EPOCHS} epochs on each, taken in turns; median time per epoch (and on each set):",
        seeds.join(", ")
    );
    for entry in &entries {
        print_times(entry);
    }
    let numpy = numpy::ns_per_epoch(&sets[0]);
    match &numpy {
        Ok(ns) => println!(
            "  {:<LABEL_WIDTH$}{ns:7.0} ns  (seed {} only)",
            format!("numpy reference, {}", numpy::method()),
            SEEDS[0]
        ),
        Err(why) => println!("  numpy reference: not measured ({why})"),
    }

    let Ok(library) = ours[0].runs else {
        unreachable!("stacknet's own run cannot fail")
    };
    let mut largest = 0.0_f64;
    for entry in entries.iter().skip(1) {
        if let Ok(runs) = entry.runs {
            let apart = agreement(runs, library);
            if apart > AGREEMENT_TOLERANCE {
                println!(
                    "  warning: {} ends {apart:e} from stacknet's Z and weights, more than \
                     {AGREEMENT_TOLERANCE:e}: not the same computation",
                    entry.label
                );
            }
            largest = largest.max(apart);
        }
    }
    println!(
        "final Z and weights of each against stacknet's library: at most {largest:.1e} apart \
         (tolerance {AGREEMENT_TOLERANCE:.0e})"
    );

    println!(
        "ratios of time per epoch, each the median of {} paired runs (below 1.0: stacknet is faster):",
        ROUNDS * SEEDS.len()
    );
    for (name, entries) in [("C", c_entries), ("nalgebra", nalgebra_entries)] {
        let Some(yardstick) = fastest(entries) else {
            println!("  no {name} yardstick ran");
            continue;
        };
        let Ok(theirs) = yardstick.runs else { continue };
        for ours in ours {
            if let Ok(runs) = ours.runs {
                // "library, X and Y as constants" / "C phases": the labels up to their second
                // comma and their first.
                let ours_label: Vec<&str> = ours.label.splitn(3, ',').take(2).collect();
                let label = format!(
                    "{} / {}:",
                    ours_label.join(",").trim_start_matches("stacknet "),
                    yardstick.label.split(',').next().unwrap_or_default()
                );
                println!(
                    "  {label:<LABEL_WIDTH$}{:7.2}x",
                    timing::paired_ratio(runs, theirs)
                );
            }
        }
    }
    if let Ok(numpy) = numpy {
        let seed_one: Vec<f64> = library[0].iter().map(|run| run.ns_per_epoch).collect();
        println!(
            "  numpy / stacknet library: {:.0}x (numpy takes that many times as long)",
            numpy / timing::median(seed_one)
        );
    }
    other_networks();
}

/// stacknet's other networks and its mini-batches, for the record: no yardstick beside them.
fn other_networks() {
    println!(
        "stacknet's other networks, from Wh, Wz = 0.1, 0.2, ..., median of {ROUNDS} runs of \
         {EPOCHS} epochs, X and Y hidden:"
    );
    let others: Vec<(&str, Sampler)> = vec![
        (
            "improved 2-3-1",
            from_counting_weights::<3>(|wh, wz, epochs| {
                stacknet_library::train(wh, wz, Program::Improved, Data::Hidden, epochs).0
            }),
        ),
        (
            "classic  2-3-1 in f32",
            from_counting_weights::<3>(stacknet_library::train_classic_f32),
        ),
        (
            "classic  2-8-1",
            from_counting_weights::<8>(|wh, wz, epochs| {
                stacknet_library::train(wh, wz, Program::Classic, Data::Hidden, epochs).0
            }),
        ),
        (
            "classic  2-16-1",
            from_counting_weights::<16>(|wh, wz, epochs| {
                stacknet_library::train(wh, wz, Program::Classic, Data::Hidden, epochs).0
            }),
        ),
    ];
    report_medians(others, ROUNDS, "ns");

    let rows = stacknet_library::MANY_ROWS;
    println!(
        "mini-batches: classic 2-3-1 at L = 0.1 on XOR's rows repeated to {rows} rows, median of \
         {MANY_ROUNDS} runs of {MANY_EPOCHS} epochs, time per epoch:"
    );
    let batches: Vec<(String, Sampler)> = [rows, 64, 1]
        .into_iter()
        .map(|batch_rows| {
            let label = if batch_rows == rows {
                "full batch".to_string()
            } else {
                format!(
                    "batches of {batch_rows} row{}",
                    if batch_rows == 1 { "" } else { "s" }
                )
            };
            let sampler = timing::in_process(MANY_EPOCHS, move |_| {
                let weights = stacknet_library::starting_weights(SEEDS[0]);
                let z =
                    stacknet_library::train_many_rows(&weights, batch_rows, black_box(MANY_EPOCHS));
                (z, [f64::NAN; 9])
            });
            (label, sampler)
        })
        .collect();
    report_medians(batches, MANY_ROUNDS, "us");
}

/// A sampler of `train`, which trains a 2-H-1 network from `Wh` and `Wz` for some epochs and
/// returns its `Z`, from the weights 0.1, 0.2, ...
fn from_counting_weights<const H: usize>(
    train: impl Fn([[f64; H]; 2], [f64; H], u32) -> [f64; 4] + 'static,
) -> Sampler<'static> {
    timing::in_process(EPOCHS, move |_| {
        let (wh, wz) = counting_weights::<H>();
        (train(wh, wz, black_box(EPOCHS)), [f64::NAN; 9])
    })
}

/// Epochs and rounds of the mini-batch figures: an epoch there is 2048 rows.
const MANY_EPOCHS: u32 = 20;
const MANY_ROUNDS: usize = 5;

/// Runs each sampler `rounds` times in turns and prints its median time per epoch, in
/// nanoseconds or microseconds (`unit`).
fn report_medians<L: AsRef<str>>(samplers: Vec<(L, Sampler)>, rounds: usize, unit: &str) {
    let (labels, samplers): (Vec<L>, Vec<Sampler>) = samplers.into_iter().unzip();
    let sets = [[0.0; 9]];
    let runs = timing::interleaved(samplers, &sets, rounds);
    let scale = if unit == "us" { 1e-3 } else { 1.0 };
    for (label, runs) in labels.iter().zip(&runs) {
        let label = label.as_ref();
        match runs {
            Ok(runs) => println!(
                "  {label:<LABEL_WIDTH$}{:9.1} {unit}",
                timing::median_time(runs) * scale
            ),
            Err(why) => println!("  {label:<LABEL_WIDTH$}not measured ({why})"),
        }
    }
}

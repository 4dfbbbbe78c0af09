//! `make bench`: time per epoch of stacknet's training, beside yardsticks that compute the same
//! thing without it: plain C, plain Rust arrays, and the article's numpy program.
//!
//! ```text
//! cargo build --release && cargo run --release --example bench
//! ```
//!
//! Every implementation starts from the same weights. The C and Rust yardsticks and the
//! `stacknet` command run the same epochs as stacknet's library, in turns with it, and their
//! final `Z` is checked against its; numpy, far slower, runs fewer. Each figure is the median of
//! several runs. Programs run as their own processes (numpy, the `stacknet` command) are timed
//! as a long run minus a short one, so that starting them is not counted. Figures drift from run
//! to run on a shared machine: compare the ratios measured side by side.

mod c_loops;
mod classic_rust;
mod command_line;
mod numpy;
mod stacknet_library;
mod timing;

use std::hint::black_box;

use stacknet_library::{Data, Program};
use timing::{Measured, Sampler};

/// Epochs in one timed run, and runs per figure (the median is reported), all of them taken in
/// turns. Many short runs rather than a few long ones: on a shared machine the load changes
/// within seconds, and short turns spread it more evenly over the implementations compared.
const EPOCHS: u32 = 500_000;
const RUNS: usize = 15;

/// How far a yardstick's final `Z` may be from stacknet's and still count as the same
/// computation. The implementations differ only in their `exp` (stacknet's own, glibc's, std's),
/// by an ulp or so, and end about 1e-17 apart; a different loop ends far apart. Training pulls
/// nearby starts together, though: a starting weight off by 1e-7 ended only about 4e-12 away
/// after two million epochs.
const AGREEMENT_TOLERANCE: f64 = 1e-12;

/// The starting weights every implementation here uses: 0.1, 0.2, ... through `Wh` row by row
/// and then `Wz`; for the 2-3-1 network, `Wh = [[0.1 0.2 0.3] [0.4 0.5 0.6]]`,
/// `Wz = [0.7 0.8 0.9]`.
fn start_weights<const H: usize>() -> ([[f64; H]; 2], [f64; H]) {
    let weight = |index: usize| 0.1 * (index + 1) as f64;
    let wh = [0, 1].map(|row| core::array::from_fn(|column| weight(row * H + column)));
    let wz = core::array::from_fn(|row| weight(2 * H + row));
    (wh, wz)
}

/// The 2-3-1 starting weights as the numpy script's and the `stacknet` command's `--weights`.
const START_WEIGHTS_TEXT: &str = "0.1 0.2 0.3 0.4 0.5 0.6 ; 0.7 0.8 0.9";

/// A sampler of stacknet's library, trained in this process, at hidden size `H`.
fn stacknet<const H: usize>(program: Program, data: Data) -> Sampler<'static> {
    let (wh, wz) = start_weights::<H>();
    timing::in_process(EPOCHS, move || {
        stacknet_library::train(wh, wz, program, data, black_box(EPOCHS))
    })
}

/// Width of the labels in the report, so that the figures line up in one column.
const LABEL_WIDTH: usize = 66;

/// How far apart `yardstick`'s final `Z` is from stacknet's, its largest difference; prints a
/// warning when that is more than `AGREEMENT_TOLERANCE`, since then the two did not compute the
/// same thing and the ratio between them means little.
fn check_agreement(name: &str, yardstick: &Measured, stacknet: &Measured) -> f64 {
    let difference = yardstick
        .z
        .iter()
        .zip(&stacknet.z)
        // A NaN on either side counts as infinitely far: f64::max would pass over it.
        .map(|(a, b)| {
            if a.is_nan() || b.is_nan() {
                f64::INFINITY
            } else {
                (a - b).abs()
            }
        })
        .fold(0.0, f64::max);
    if difference > AGREEMENT_TOLERANCE {
        println!(
            "  warning: {name} ends with Z = {:?}, stacknet with {:?}: {difference:e} apart, more \
             than {AGREEMENT_TOLERANCE:e}",
            yardstick.z, stacknet.z
        );
    }
    difference
}

/// One figure of the report, or why it has none.
fn print_figure(label: &str, measured: Result<f64, &String>) {
    match measured {
        Ok(ns_per_epoch) => println!("  {label:<LABEL_WIDTH$}{ns_per_epoch:9.1} ns"),
        Err(why) => println!("  {label:<LABEL_WIDTH$}not measured ({why})"),
    }
}

/// `numerator / denominator` with words saying what is divided by what.
fn print_ratio(numerator: (&str, f64), denominator: (&str, &Result<Measured, String>)) {
    if let Ok(measured) = denominator.1 {
        let label = format!("{} / {}:", numerator.0, denominator.0);
        println!(
            "  {label:<LABEL_WIDTH$}{:6.2}x",
            numerator.1 / measured.ns_per_epoch
        );
    }
}

fn main() {
    // Every run that ends where stacknet's classic 2-3-1 run does, timed in turns; what could not
    // be set up (no C compiler, no release binary) is reported in its place.
    let flags = c_loops::FLAGS.join(" ");
    let runs: Vec<(String, Result<Sampler, String>)> = vec![
        (
            "stacknet, X and Y hidden from the optimiser (black_box)".into(),
            Ok(stacknet::<3>(Program::Classic, Data::Hidden)),
        ),
        (
            "stacknet, X and Y as constants (xor::INPUTS)".into(),
            Ok(stacknet::<3>(Program::Classic, Data::Constant)),
        ),
        (
            format!("stacknet command, {}", command_line::method(EPOCHS)),
            command_line::sampler(START_WEIGHTS_TEXT, EPOCHS),
        ),
        (
            format!("C, X and Y as constants, cc {flags}, glibc exp"),
            c_loops::sampler("xor_constants", EPOCHS),
        ),
        (
            "C, X and Y hidden from the optimiser, same flags".into(),
            c_loops::sampler("xor", EPOCHS),
        ),
        (
            "Rust arrays, X and Y as constants, std's f64::exp".into(),
            Ok(timing::in_process(EPOCHS, || {
                classic_rust::train(black_box(EPOCHS))
            })),
        ),
    ];
    let (labels, samplers): (Vec<String>, Vec<Sampler>) = runs
        .into_iter()
        .map(|(label, sampler)| (label, sampler.unwrap_or_else(timing::unavailable)))
        .unzip();
    let results = timing::interleaved(samplers, RUNS);
    let [hidden, constant, command, c_constants, c_hidden, rust] = &results[..] else {
        unreachable!("six runs above")
    };
    let Ok(hidden) = hidden else {
        unreachable!("stacknet's own run cannot fail")
    };

    println!(
        "classic 2-3-1, same starting weights, median of {RUNS} runs of {EPOCHS} epochs each, \
         taken in turns:"
    );
    for (label, result) in labels.iter().zip(&results) {
        print_figure(label, result.as_ref().map(|measured| measured.ns_per_epoch));
    }
    let numpy = numpy::ns_per_epoch(START_WEIGHTS_TEXT);
    print_figure(
        &format!("numpy reference, {}", numpy::method()),
        numpy.as_ref().copied(),
    );
    let mut largest_difference = 0.0_f64;
    for (label, result) in labels.iter().zip(&results).skip(1) {
        if let Ok(measured) = result {
            largest_difference = largest_difference.max(check_agreement(label, measured, hidden));
        }
    }
    println!(
        "final Z of each against stacknet's (the first): at most {largest_difference:.1e} apart \
         (tolerance {AGREEMENT_TOLERANCE:.0e})"
    );

    println!("stacknet's other networks, median of {RUNS} runs of {EPOCHS} epochs:");
    let others = [
        (
            "improved 2-3-1",
            stacknet::<3>(Program::Improved, Data::Hidden),
        ),
        (
            "classic  2-3-1 in f32",
            timing::in_process(EPOCHS, || {
                let (wh, wz) = start_weights::<3>();
                stacknet_library::train_classic_f32(wh, wz, black_box(EPOCHS))
            }),
        ),
        (
            "classic  2-8-1",
            stacknet::<8>(Program::Classic, Data::Hidden),
        ),
        (
            "classic  2-16-1",
            stacknet::<16>(Program::Classic, Data::Hidden),
        ),
    ];
    let (labels, samplers): (Vec<&str>, Vec<Sampler>) = others.into_iter().unzip();
    for (label, result) in labels.iter().zip(timing::interleaved(samplers, RUNS)) {
        print_figure(
            &format!("{label}, X and Y hidden"),
            result.as_ref().map(|measured| measured.ns_per_epoch),
        );
    }

    println!("ratios of time per epoch (below 1.0 means stacknet is faster):");
    let Ok(constant) = constant else {
        unreachable!("stacknet's own run cannot fail")
    };
    let stacknet_constant = ("stacknet, X as constants", constant.ns_per_epoch);
    print_ratio(stacknet_constant, ("C with X as constants", c_constants));
    print_ratio(stacknet_constant, ("Rust arrays with X as constants", rust));
    print_ratio(
        ("stacknet, X hidden", hidden.ns_per_epoch),
        ("C with X hidden", c_hidden),
    );
    if let Ok(command) = command {
        let command = ("stacknet command", command.ns_per_epoch);
        print_ratio(command, ("C with X as constants", c_constants));
        print_ratio(command, ("Rust arrays with X as constants", rust));
    }
    if let Ok(numpy) = numpy {
        println!(
            "  numpy / stacknet, X hidden: {:.0}x (numpy takes that many times as long)",
            numpy / hidden.ns_per_epoch
        );
    }
}

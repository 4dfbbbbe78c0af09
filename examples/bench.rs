//! `make bench`: time per epoch of stacknet's training, beside the numpy reference and plain C.
//!
//! ```text
//! cargo run --release --example bench
//! ```
//!
//! Each figure is the median of several runs of a million epochs or more. When `python3` with
//! numpy is present, the article's numpy program is timed too (the difference between a long and
//! a one-epoch run, so that starting Python is not counted), and when `cc` is present, the plain
//! C loops in `examples/baseline/xor.c`. Figures drift from run to run: compare the ratios
//! measured side by side.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use stacknet::{xor, Matrix, Network, Variant};

/// Epochs in one timed run, and runs per figure (the median is reported).
const EPOCHS: u32 = 2_000_000;
const RUNS: usize = 5;

/// Epochs of the long numpy run; the short one is a single epoch.
const NUMPY_EPOCHS: u32 = 60_000;
const NUMPY_RUNS: usize = 3;

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// The starting weights every implementation here uses: 0.1, 0.2, ... through Wh row by row and
/// then Wz; for the 2-3-1 network that is Wh = [[0.1 0.2 0.3] [0.4 0.5 0.6]], Wz = [0.7 0.8 0.9].
fn fixed_start<const H: usize>() -> Network<2, H, 1> {
    let mut wh = Matrix::<2, H>::zeros();
    let mut wz = Matrix::<H, 1>::zeros();
    for index in 0..3 * H {
        let weight = 0.1 * (index + 1) as f64;
        if index < 2 * H {
            wh[(index / H, index % H)] = weight;
        } else {
            wz[(index - 2 * H, 0)] = weight;
        }
    }
    Network::from_weights(wh, wz)
}

/// Nanoseconds per epoch of `variant` at hidden size `H`.
fn stacknet_ns_per_epoch<const H: usize>(variant: Variant) -> f64 {
    let start = fixed_start::<H>();
    let samples = (0..RUNS)
        .map(|_| {
            let mut network = start;
            let began = Instant::now();
            // black_box hides X and Y from the optimiser, as a program reading its data would.
            let z = network.train(
                black_box(&xor::INPUTS),
                black_box(&xor::TARGETS),
                variant,
                black_box(EPOCHS),
            );
            black_box(z);
            began.elapsed().as_nanos() as f64 / f64::from(EPOCHS)
        })
        .collect();
    median(samples)
}

fn reference_script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/numpy_seed.py")
}

fn time_command(command: &mut Command) -> Option<Duration> {
    let began = Instant::now();
    let status = command.output().ok()?.status;
    status.success().then(|| began.elapsed())
}

/// numpy's time per epoch of the classic program, or why it could not be measured.
fn numpy_ns_per_epoch() -> Result<f64, String> {
    let script = reference_script();
    if !script.exists() {
        return Err(format!("no reference program at {}", script.display()));
    }
    let run = |epochs: u32| {
        time_command(
            Command::new("python3")
                .arg(&script)
                .args(["--weights", "0.1 0.2 0.3 0.4 0.5 0.6 ; 0.7 0.8 0.9"])
                .args(["--epochs", &epochs.to_string()]),
        )
    };
    let mut samples = Vec::new();
    for _ in 0..NUMPY_RUNS {
        let long = run(NUMPY_EPOCHS).ok_or("python3 with numpy is not available")?;
        let short = run(1).ok_or("python3 with numpy is not available")?;
        samples
            .push((long.as_nanos() as f64 - short.as_nanos() as f64) / f64::from(NUMPY_EPOCHS - 1));
    }
    Ok(median(samples))
}

/// The C baseline's time per epoch, or why it could not be measured.
fn c_ns_per_epoch() -> Result<f64, String> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let binary = manifest.join("target/xor-baseline");
    let compiled = Command::new("cc")
        .args(["-O3", "-march=native", "-o"])
        .arg(&binary)
        .arg(manifest.join("examples/baseline/xor.c"))
        .arg("-lm")
        .status();
    if !compiled.is_ok_and(|status| status.success()) {
        return Err("no C compiler (cc) to build examples/baseline/xor.c".into());
    }
    let samples = (0..RUNS)
        .map(|_| {
            let output = Command::new(&binary)
                .arg(EPOCHS.to_string())
                .output()
                .map_err(|e| e.to_string())?;
            String::from_utf8_lossy(&output.stdout)
                .trim()
                .parse::<f64>()
                .map_err(|e| e.to_string())
        })
        .collect::<Result<Vec<f64>, String>>()?;
    Ok(median(samples))
}

fn main() {
    println!(
        "stacknet time per epoch: median of {RUNS} runs of {EPOCHS} epochs, full batch of 4 rows"
    );
    let classic = stacknet_ns_per_epoch::<3>(Variant::Classic);
    let improved = stacknet_ns_per_epoch::<3>(Variant::IMPROVED);
    println!("  classic  2-3-1   {classic:7.1} ns");
    println!("  improved 2-3-1   {improved:7.1} ns");
    println!(
        "  classic  2-8-1   {:7.1} ns",
        stacknet_ns_per_epoch::<8>(Variant::Classic)
    );
    println!(
        "  classic  2-16-1  {:7.1} ns",
        stacknet_ns_per_epoch::<16>(Variant::Classic)
    );
    println!("classic 2-3-1 elsewhere, same starting weights:");
    match c_ns_per_epoch() {
        Ok(c) => println!(
            "  plain C, cc -O3 -march=native, libm exp  {c:9.1} ns   stacknet is {:.2}x its speed",
            c / classic
        ),
        Err(why) => println!("  plain C: not measured ({why})"),
    }
    match numpy_ns_per_epoch() {
        Ok(numpy) => println!(
            "  numpy reference                          {numpy:9.1} ns   stacknet is {:.0}x faster",
            numpy / classic
        ),
        Err(why) => println!("  numpy reference: not measured ({why})"),
    }
}

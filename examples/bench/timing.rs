//! How the benchmark times things: one run at a time, in this process or of another program
//! (which times its own loop, or is timed as a long run against a short one so that its start-up
//! is left out), in rounds in which every implementation takes its turn on every set of starting
//! weights; and ratios as medians of paired runs.

use std::process::Command;
use std::time::{Duration, Instant};

/// The starting weights of one run: `Wh` row by row, then `Wz`, for the 2-3-1 network.
pub type Weights = [f64; 9];

/// The weights as the `--weights "WH ; WZ"` of the `stacknet` command and the numpy script, each
/// in shortest round-trip form, so that every side starts from the same doubles.
pub fn weights_text(weights: &Weights) -> String {
    let text: Vec<String> = weights.iter().map(|w| format!("{w:?}")).collect();
    format!("{} ; {}", text[..6].join(" "), text[6..].join(" "))
}

/// What one run of one implementation measured and ended with.
pub struct Measured {
    /// Time per epoch.
    pub ns_per_epoch: f64,
    /// The last epoch's `Z`.
    pub z: [f64; 4],
    /// The final weights, `Wh` row by row and then `Wz`, where the implementation reports them.
    pub weights: Option<Weights>,
}

/// One timed run of one implementation from the given starting weights, or why it failed.
pub type Sampler<'a> = Box<dyn FnMut(&Weights) -> Result<Measured, String> + 'a>;

/// The middle sample once sorted: one slow run (another process waking up) does not move it.
pub fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// A sampler that was never set up: it reports why (no C compiler, no release binary) each
/// time it is asked for a run.
pub fn unavailable(why: String) -> Sampler<'static> {
    Box::new(move |_| Err(why.clone()))
}

/// Every run of every implementation: `runs[implementation][set][round]`, or the
/// implementation's first error.
pub type Runs = Vec<Result<Vec<Vec<Measured>>, String>>;

/// Runs every sampler once per set of weights per round, for `rounds` rounds. Taking turns,
/// rather than all of one and then all of the next, spreads a busy spell of a shared machine over
/// every implementation alike, and makes the runs of one round and set a fair pair.
pub fn interleaved(mut samplers: Vec<Sampler>, sets: &[Weights], rounds: usize) -> Runs {
    let mut runs: Runs = samplers
        .iter()
        .map(|_| Ok(sets.iter().map(|_| Vec::new()).collect()))
        .collect();
    for _ in 0..rounds {
        for (set, weights) in sets.iter().enumerate() {
            for (sampler, runs) in samplers.iter_mut().zip(&mut runs) {
                // After a failure, the sampler is not asked again.
                let Ok(by_set) = runs else { continue };
                match sampler(weights) {
                    Ok(measured) => by_set[set].push(measured),
                    Err(why) => *runs = Err(why),
                }
            }
        }
    }
    runs
}

/// The median time per epoch over every run of one implementation.
pub fn median_time(runs: &[Vec<Measured>]) -> f64 {
    median(runs.iter().flatten().map(|run| run.ns_per_epoch).collect())
}

/// The median, over every round and set, of `numerator`'s time divided by `denominator`'s in the
/// same round on the same weights: a ratio of paired runs, which a busy spell that slows both
/// alike leaves unchanged.
pub fn paired_ratio(numerator: &[Vec<Measured>], denominator: &[Vec<Measured>]) -> f64 {
    let pairs = numerator.iter().flatten().zip(denominator.iter().flatten());
    median(
        pairs
            .map(|(a, b)| a.ns_per_epoch / b.ns_per_epoch)
            .collect(),
    )
}

/// A sampler that times one call of `train` from the starting weights, which runs `epochs`
/// epochs and returns its `Z` and final weights.
pub fn in_process<'a>(
    epochs: u32,
    mut train: impl FnMut(&Weights) -> ([f64; 4], Weights) + 'a,
) -> Sampler<'a> {
    Box::new(move |weights| {
        let began = Instant::now();
        let (z, weights) = train(weights);
        Ok(Measured {
            ns_per_epoch: began.elapsed().as_nanos() as f64 / f64::from(epochs),
            z,
            weights: Some(weights),
        })
    })
}

/// Runs `command` to the end; returns how long it took and its standard output, or why it could
/// not be started or failed.
pub fn time_command(command: &mut Command) -> Result<(Duration, String), String> {
    let began = Instant::now();
    let output = command.output().map_err(|e| e.to_string())?;
    let elapsed = began.elapsed();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    if output.status.success() {
        Ok((elapsed, stdout))
    } else {
        Err(format!(
            "{:?} ended with {}: {}",
            command.get_program(),
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }
}

/// Time per epoch of the program that `command(epochs)` runs: a run of `long` epochs minus one
/// of `short` epochs, divided by the difference in epochs. Returns it with the long run's
/// standard output.
pub fn by_difference(
    long: u32,
    short: u32,
    command: impl Fn(u32) -> Command,
) -> Result<(f64, String), String> {
    let (long_time, output) = time_command(&mut command(long))?;
    let (short_time, _) = time_command(&mut command(short))?;
    let ns = long_time.as_nanos() as f64 - short_time.as_nanos() as f64;
    Ok((ns / f64::from(long - short), output))
}

/// The numbers of a line of numbers separated by spaces, such as `0.0022 0.9987 0.9987 0.0002`,
/// if there are exactly `N` of them.
pub fn numbers<const N: usize>(line: &str) -> Option<[f64; N]> {
    let numbers: Vec<f64> = line
        .split_whitespace()
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    numbers.try_into().ok()
}

/// Runs a yardstick program that times its own loop, `program ARGS... EPOCHS WEIGHTS...`, and
/// reads its three lines: nanoseconds per epoch, the last `Z`, and the final weights.
pub fn self_timed(
    mut command: Command,
    epochs: u32,
    weights: &Weights,
) -> Result<Measured, String> {
    command.arg(epochs.to_string());
    // Shortest round-trip form: every side reads back the same doubles.
    command.args(weights.iter().map(|w| format!("{w:?}")));
    let (_, stdout) = time_command(&mut command)?;
    let mut lines = stdout.lines();
    let ns_per_epoch = lines.next().and_then(|line| line.trim().parse().ok());
    let z = lines.next().and_then(numbers::<4>);
    let weights = lines.next().and_then(numbers::<9>);
    match (ns_per_epoch, z, weights) {
        (Some(ns_per_epoch), Some(z), Some(weights)) => Ok(Measured {
            ns_per_epoch,
            z,
            weights: Some(weights),
        }),
        _ => Err(format!("{:?} printed '{stdout}'", command.get_program())),
    }
}

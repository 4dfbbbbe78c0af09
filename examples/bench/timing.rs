//! How the benchmark times things: one run at a time, in this process or of another program
//! (where a long run against a short one leaves out its start-up), and medians over rounds in
//! which every implementation takes its turn.

use std::process::Command;
use std::time::{Duration, Instant};

/// One implementation's time per epoch and the `Z` its last epoch computed.
pub struct Measured {
    pub ns_per_epoch: f64,
    pub z: [f64; 4],
}

/// One timed run of one implementation, or why it failed.
pub type Sampler<'a> = Box<dyn FnMut() -> Result<Measured, String> + 'a>;

/// The middle sample once sorted: one slow run (another process waking up) does not move it.
pub fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// A sampler that was never set up: it reports why (no C compiler, no release binary) each
/// time it is asked for a run.
pub fn unavailable(why: String) -> Sampler<'static> {
    Box::new(move || Err(why.clone()))
}

/// Runs every sampler once per round for `rounds` rounds, and returns for each the median time
/// per epoch and the last `Z`, or its first error. Taking turns, rather than all of one and then
/// all of the next, spreads a busy spell of a shared machine over every implementation alike.
pub fn interleaved(mut samplers: Vec<Sampler>, rounds: usize) -> Vec<Result<Measured, String>> {
    let mut times: Vec<Vec<f64>> = samplers.iter().map(|_| Vec::new()).collect();
    let mut results: Vec<Result<Measured, String>> =
        samplers.iter().map(|_| Err("no run".to_string())).collect();
    for round in 0..rounds {
        for ((sampler, times), result) in samplers.iter_mut().zip(&mut times).zip(&mut results) {
            // After a failure, the sampler is not asked again.
            if result.is_err() && round > 0 {
                continue;
            }
            *result = sampler();
            if let Ok(measured) = result {
                times.push(measured.ns_per_epoch);
            }
        }
    }
    for (times, result) in times.into_iter().zip(&mut results) {
        if let Ok(measured) = result {
            measured.ns_per_epoch = median(times);
        }
    }
    results
}

/// A sampler that times one call of `train`, which runs `epochs` epochs and returns its `Z`.
pub fn in_process<'a>(epochs: u32, mut train: impl FnMut() -> [f64; 4] + 'a) -> Sampler<'a> {
    Box::new(move || {
        let began = Instant::now();
        let z = train();
        Ok(Measured {
            ns_per_epoch: began.elapsed().as_nanos() as f64 / f64::from(epochs),
            z,
        })
    })
}

/// Runs `command` to the end; returns how long it took and its standard output, or `None` when
/// it could not be started or failed.
pub fn time_command(command: &mut Command) -> Option<(Duration, String)> {
    let began = Instant::now();
    let output = command.output().ok()?;
    let elapsed = began.elapsed();
    output.status.success().then(|| {
        (
            elapsed,
            String::from_utf8_lossy(&output.stdout).into_owned(),
        )
    })
}

/// Time per epoch of the program that `command(epochs)` runs: a run of `long` epochs minus one
/// of `short` epochs, divided by the difference in epochs. Returns it with the long run's
/// standard output, or `None` when a run failed.
pub fn by_difference(
    long: u32,
    short: u32,
    command: impl Fn(u32) -> Command,
) -> Option<(f64, String)> {
    let (long_time, output) = time_command(&mut command(long))?;
    let (short_time, _) = time_command(&mut command(short))?;
    let ns = long_time.as_nanos() as f64 - short_time.as_nanos() as f64;
    Some((ns / f64::from(long - short), output))
}

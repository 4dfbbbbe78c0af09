//! A sweep over the settings a user can combine, each run through the command line with
//! `--save`: whatever happens, the run either succeeds honestly or fails cleanly.
//!
//! For each of a few hundred settings drawn from a fixed seed (activation pairs, learning rates
//! from 0.1 to 1e200, biases, mini-batches, dtypes, tasks and epochs), with a file already at
//! the `--save` path:
//! - the status is 0, 1 (diverged) or nothing else: never 101, never a backtrace;
//! - status 0 prints only finite numbers, and the saved model loads again with `--load` to the
//!   trained weights and biases, bit for bit, whose `Z` is finite;
//! - status 1 says so in one line, prints nothing on stdout, and leaves the file that was at
//!   the `--save` path exactly as it was.
//!
//! Slow unoptimised (hundreds of runs): `make test` runs it optimised.

mod common;

use common::stacknet;
use std::path::Path;

use common::json;
use stacknet::fastrand::Rng;

/// Settings tried; each costs two runs of the command line.
const SETTINGS: usize = 300;

/// The seed of the generator that draws them, so that a failure can be repeated.
const SWEEP_SEED: u64 = 15;

/// What is at the `--save` path before each run; a diverged run must leave it.
const SENTINEL: &str = "# not a model: the file that was here before the run\n";

/// One setting, as command-line arguments, drawn from `rng`.
fn setting(rng: &mut Rng) -> Vec<String> {
    let activations = ["sigmoid", "tanh", "relu", "leaky-relu", "linear"];
    let rates = [
        "0.1", "0.5", "1", "3", "10", "100", "1e5", "1e20", "1e100", "1e200",
    ];
    let tasks = ["xor", "xor", "xor", "and", "parity3", "sine"];
    let task = tasks[rng.usize(..tasks.len())];
    let rows = match task {
        "parity3" => 8,
        "sine" => 32,
        _ => 4,
    };
    let batch = if rng.bool() {
        "full".to_string()
    } else {
        rng.usize(1..=rows).to_string()
    };
    let epochs = [1, 2, 10, 100, 1000][rng.usize(..5)];
    [
        "--task",
        task,
        "--seed",
        &rng.u64(..1000).to_string(),
        "--hidden",
        &rng.usize(1..=6).to_string(),
        "--hidden-activation",
        activations[rng.usize(..5)],
        "--output-activation",
        activations[rng.usize(..5)],
        "--learning-rate",
        rates[rng.usize(..rates.len())],
        "--biases",
        ["on", "off"][rng.usize(..2)],
        "--batch",
        &batch,
        "--dtype",
        ["f32", "f64"][rng.usize(..2)],
        "--epochs",
        &epochs.to_string(),
        "--format",
        "json",
    ]
    .map(String::from)
    .to_vec()
}

/// The matrices `names` of a JSON output, every number as its bits.
fn bits(stdout: &str, names: &[&str]) -> Vec<u64> {
    let run = json::parse(stdout).unwrap_or_else(|error| panic!("{error}: {stdout}"));
    let matrix = |name: &str| {
        run.get(name)
            .unwrap_or_else(|| panic!("no {name}"))
            .matrix()
    };
    let numbers: Vec<f64> = names
        .iter()
        .flat_map(|&name| matrix(name).concat())
        .collect();
    numbers.iter().map(|number| number.to_bits()).collect()
}

/// The trained weights and biases.
const PARAMETERS: [&str; 4] = ["Wh", "bh", "Wz", "bz"];

/// Checks one setting; returns whether it succeeded.
fn check(arguments: &[String], save: &Path) -> bool {
    std::fs::write(save, SENTINEL).unwrap();
    let mut with_save = arguments.to_vec();
    with_save.extend(["--save".to_string(), save.display().to_string()]);
    let output = stacknet(&with_save);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let shown = format!(
        "stacknet {}\nstatus {:?}\nstdout {stdout}\nstderr {stderr}",
        with_save.join(" "),
        output.status.code()
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("backtrace"),
        "{shown}"
    );
    match output.status.code() {
        Some(0) => {
            for bad in ["null", "NaN", "inf"] {
                assert!(
                    !stdout.contains(bad),
                    "{bad} printed by a successful run: {shown}"
                );
            }
            let loaded = stacknet(&[
                "--load".to_string(),
                save.display().to_string(),
                "--format".to_string(),
                "json".to_string(),
            ]);
            let loaded_stdout = String::from_utf8_lossy(&loaded.stdout);
            assert_eq!(
                loaded.status.code(),
                Some(0),
                "the saved model does not load: {}\n{shown}",
                String::from_utf8_lossy(&loaded.stderr)
            );
            assert_eq!(
                bits(&loaded_stdout, &PARAMETERS),
                bits(&stdout, &PARAMETERS),
                "the model loads to other weights: {loaded_stdout}\n{shown}"
            );
            for bad in ["null", "NaN", "inf"] {
                assert!(
                    !loaded_stdout.contains(bad),
                    "{bad}: {loaded_stdout}\n{shown}"
                );
            }
            true
        }
        Some(1) => {
            assert_eq!(stderr.lines().count(), 1, "not one line: {shown}");
            assert!(stderr.contains("diverged"), "{shown}");
            assert!(stdout.is_empty(), "{shown}");
            assert_eq!(std::fs::read_to_string(save).unwrap(), SENTINEL, "{shown}");
            false
        }
        _ => panic!("neither success nor divergence: {shown}"),
    }
}

#[test]
#[ignore = "slow unoptimised: hundreds of runs; make test runs it optimised"]
fn every_setting_succeeds_honestly_or_fails_cleanly() {
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR")).join("sweep");
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).unwrap();
    let save = folder.join("model.txt");
    let mut rng = Rng::with_seed(SWEEP_SEED);
    let mut succeeded = 0;
    for _ in 0..SETTINGS {
        if check(&setting(&mut rng), &save) {
            succeeded += 1;
        }
    }
    // Both outcomes must be exercised, or the sweep proves half of what it claims: measured
    // here, 218 of the 300 settings succeed and 82 diverge.
    assert!(
        (SETTINGS / 5..SETTINGS * 4 / 5).contains(&succeeded),
        "{succeeded} of {SETTINGS} succeeded"
    );
}

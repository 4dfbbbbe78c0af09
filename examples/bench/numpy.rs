//! The article's numpy program, `../shared/reference/numpy_seed.py`, timed per epoch when
//! `python3` with numpy is present.

use std::path::Path;
use std::process::Command;

use crate::timing::{self, Weights};

/// Epochs of the long numpy run; the short one is a single epoch, so that starting Python and
/// importing numpy cancel out.
const LONG_EPOCHS: u32 = 60_000;
const SHORT_EPOCHS: u32 = 1;

/// numpy is slow enough that three runs already take seconds.
const RUNS: usize = 3;

/// numpy's time per epoch of the classic program from `weights`, or why it could not be
/// measured.
pub fn ns_per_epoch(weights: &Weights) -> Result<f64, String> {
    let weights = timing::weights_text(weights);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/numpy_seed.py");
    if !script.exists() {
        return Err(format!("no reference program at {}", script.display()));
    }
    let command = |epochs: u32| {
        let mut command = Command::new("python3");
        command
            .arg(&script)
            .args(["--weights", &weights])
            .args(["--epochs", &epochs.to_string()]);
        command
    };
    let samples = (0..RUNS)
        .map(|_| timing::by_difference(LONG_EPOCHS, SHORT_EPOCHS, command))
        .map(|sample| sample.map(|(ns_per_epoch, _)| ns_per_epoch))
        .collect::<Result<Vec<f64>, String>>()
        .map_err(|_| "python3 with numpy is not available")?;
    Ok(timing::median(samples))
}

/// How the figure was measured, for the report.
pub fn method() -> String {
    format!("{LONG_EPOCHS} epochs against {SHORT_EPOCHS}, median of {RUNS}")
}

//! The `stacknet` command, `target/release/stacknet`, timed per epoch from a long run against a
//! short one, so that starting the program and printing are left out.

use std::path::Path;
use std::process::Command;

use crate::timing::{self, Measured, Sampler};

/// Epochs of the short run; the long one is the benchmark's usual run.
const SHORT_EPOCHS: u32 = 1;

/// A sampler that times the command's classic program from `weights` (its `--weights` text) for
/// `epochs` epochs against `SHORT_EPOCHS`, with the `Z` it printed; or why there is none.
pub fn sampler(weights: &'static str, epochs: u32) -> Result<Sampler<'static>, String> {
    let binary = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/stacknet");
    if !binary.exists() {
        return Err(format!(
            "no {}: cargo build --release first",
            binary.display()
        ));
    }
    let command = move |epochs: u32| {
        let mut command = Command::new(&binary);
        command
            .args(["--variant", "classic", "--format", "json"])
            .args(["--weights", weights])
            .args(["--epochs", &epochs.to_string()]);
        command
    };
    Ok(Box::new(move || {
        let (ns_per_epoch, json) = timing::by_difference(epochs, SHORT_EPOCHS, &command)
            .ok_or("target/release/stacknet failed")?;
        let z = parse_z(&json).ok_or_else(|| format!("no Z in the output '{json}'"))?;
        Ok(Measured { ns_per_epoch, z })
    }))
}

/// How the figure is measured, for the report.
pub fn method(epochs: u32) -> String {
    format!("--epochs {epochs} against --epochs {SHORT_EPOCHS}")
}

/// The `"Z": [[a], [b], [c], [d]]` of the command's JSON output.
fn parse_z(json: &str) -> Option<[f64; 4]> {
    let after = json.split_once("\"Z\": [[")?.1;
    let inside = after.split_once("]]")?.0;
    let numbers: Vec<f64> = inside
        .split("], [")
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    numbers.try_into().ok()
}

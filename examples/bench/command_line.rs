//! The `stacknet` command, `target/release/stacknet`, timed per epoch from a long run against a
//! short one, so that starting the program and printing are left out.

use std::path::Path;
use std::process::Command;

use crate::timing::{self, Measured, Sampler};

/// Epochs of the short run; the long one is the benchmark's usual run.
const SHORT_EPOCHS: u32 = 1;

/// A sampler that times the command's classic program from the starting weights (given as
/// `--weights`) for `epochs` epochs against `SHORT_EPOCHS`, with the `Z` and weights it printed;
/// or why there is none.
pub fn sampler(epochs: u32) -> Result<Sampler<'static>, String> {
    let binary = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/stacknet");
    if !binary.exists() {
        return Err(format!(
            "no {}: cargo build --release first",
            binary.display()
        ));
    }
    Ok(Box::new(move |weights| {
        let weights_text = timing::weights_text(weights);
        let command = |epochs: u32| {
            let mut command = Command::new(&binary);
            command
                .args(["--variant", "classic", "--format", "json"])
                .args(["--weights", &weights_text])
                .args(["--epochs", &epochs.to_string()]);
            command
        };
        let (ns_per_epoch, json) = timing::by_difference(epochs, SHORT_EPOCHS, command)?;
        let z = json_numbers::<4>(&json, "Z").ok_or_else(|| format!("no Z in '{json}'"))?;
        let wh = json_numbers::<6>(&json, "Wh");
        let wz = json_numbers::<3>(&json, "Wz");
        let weights = wh.zip(wz).map(|(wh, wz)| {
            let mut all = [0.0; 9];
            all[..6].copy_from_slice(&wh);
            all[6..].copy_from_slice(&wz);
            all
        });
        Ok(Measured {
            ns_per_epoch,
            z,
            weights,
        })
    }))
}

/// How the figure is measured, for the report.
pub fn method(epochs: u32) -> String {
    format!("--epochs {epochs} against --epochs {SHORT_EPOCHS}")
}

/// The numbers of the matrix `"name": [[...], ...]` in the command's JSON output, row by row.
fn json_numbers<const N: usize>(json: &str, name: &str) -> Option<[f64; N]> {
    let after = json.split_once(&format!("\"{name}\": [["))?.1;
    let inside = after.split_once("]]")?.0;
    timing::numbers(&inside.replace(['[', ']', ','], " "))
}

//! The plain C yardsticks in `examples/baseline/`: compiled with the system's `cc`, run, and
//! their printed time per epoch and `Z` read back.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::timing::{Measured, Sampler};

/// The compiler flags of every C yardstick: the compiler's full optimisation for this very
/// processor, the most a C programmer could ask of it without giving up exact arithmetic.
pub const FLAGS: [&str; 2] = ["-O3", "-march=native"];

/// Compiles `examples/baseline/{name}.c` into `target/`, and returns a sampler that runs it for
/// `epochs` epochs; or why it could not be compiled.
pub fn sampler(name: &str, epochs: u32) -> Result<Sampler<'static>, String> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = manifest.join(format!("examples/baseline/{name}.c"));
    let binary = manifest.join(format!("target/{name}-baseline"));
    let compiled = Command::new("cc")
        .args(FLAGS)
        .arg("-o")
        .arg(&binary)
        .arg(&source)
        .arg("-lm")
        .status();
    if !compiled.is_ok_and(|status| status.success()) {
        return Err(format!("no C compiler (cc) to build {}", source.display()));
    }
    Ok(Box::new(move || run(&binary, epochs)))
}

/// One run of a compiled yardstick, which prints its time per epoch on one line and its last
/// `Z` on the next.
fn run(binary: &PathBuf, epochs: u32) -> Result<Measured, String> {
    let output = Command::new(binary)
        .arg(epochs.to_string())
        .output()
        .map_err(|e| e.to_string())?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut lines = stdout.lines();
    let ns_per_epoch = lines.next().and_then(|line| line.trim().parse().ok());
    let z = lines.next().and_then(parse_z);
    match (ns_per_epoch, z) {
        (Some(ns_per_epoch), Some(z)) => Ok(Measured { ns_per_epoch, z }),
        _ => Err(format!("{} printed '{stdout}'", binary.display())),
    }
}

/// The four numbers of a line such as `0.0022 0.9987 0.9987 0.0002`.
fn parse_z(line: &str) -> Option<[f64; 4]> {
    let numbers: Vec<f64> = line
        .split_whitespace()
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    numbers.try_into().ok()
}

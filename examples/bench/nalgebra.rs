//! The nalgebra yardstick, `examples/bench/nalgebra/`: the classic program with nalgebra's
//! `SMatrix`, a crate of its own outside the root build (stacknet keeps fastrand as its only
//! dependency). Built with cargo in release, run once per sample in one of its loop structures.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::timing::{self, Sampler};

/// The loop structures of the yardstick, each named as its first argument takes it.
pub const STRUCTURES: [&str; 2] = ["numpy", "in-place"];

/// The yardstick's crate.
fn manifest() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/bench/nalgebra/Cargo.toml")
}

/// Where cargo puts its binary: the root's `target/`, in a folder of its own.
fn binary() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-nalgebra/release/stacknet-bench-nalgebra")
}

/// Builds the yardstick with the default target (no target-cpu flag, as stacknet is built), or
/// says why it could not.
pub fn build() -> Result<(), String> {
    let built = Command::new(env!("CARGO"))
        .args(["build", "--release", "--quiet", "--manifest-path"])
        .arg(manifest())
        .arg("--target-dir")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-nalgebra"))
        // The benchmark's own build may set flags for the root package; not for this one.
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .status();
    match built {
        Ok(status) if status.success() => Ok(()),
        _ => Err(format!("cargo could not build {}", manifest().display())),
    }
}

/// A sampler that runs the yardstick in `structure` for `epochs` epochs.
pub fn sampler(structure: &'static str, epochs: u32) -> Sampler<'static> {
    Box::new(move |weights| {
        let mut command = Command::new(binary());
        command.arg(structure);
        timing::self_timed(command, epochs, weights)
    })
}

//! The C yardstick, `examples/baseline/xor.c`: compiled with the system's `cc`, run once per
//! sample in one of its loop structures, its printed time per epoch, `Z` and weights read back.

use std::path::Path;
use std::process::Command;

use crate::timing::{self, Sampler};

/// The compiler flags: the compiler's full optimisation for this very processor, as a C
/// programmer builds for speed. (GCC contracts `a * b + c` into fused multiply-adds under
/// `-march=native` on a processor that has them; the results then differ in the last bits,
/// which the agreement check allows for.)
pub const FLAGS: [&str; 2] = ["-O3", "-march=native"];

/// The loop structures of `xor.c`, each named as its first argument takes it.
pub const STRUCTURES: [&str; 3] = ["fused", "phases", "units"];

/// Compiles `examples/baseline/xor.c` into `target/`, or says why it could not.
pub fn compile() -> Result<(), String> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = manifest.join("examples/baseline/xor.c");
    let compiled = Command::new("cc")
        .args(FLAGS)
        .arg("-o")
        .arg(binary())
        .arg(&source)
        .arg("-lm")
        .status();
    match compiled {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(format!("cc failed on {} ({status})", source.display())),
        Err(_) => Err(format!("no C compiler (cc) to build {}", source.display())),
    }
}

/// Where the compiled yardstick is.
fn binary() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/xor-baseline")
}

/// A sampler that runs the compiled yardstick in `structure` for `epochs` epochs.
pub fn sampler(structure: &'static str, epochs: u32) -> Sampler<'static> {
    Box::new(move |weights| {
        let mut command = Command::new(binary());
        command.arg(structure);
        timing::self_timed(command, epochs, weights)
    })
}

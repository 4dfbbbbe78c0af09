//! Firmware for a Cortex-M4F that uses stacknet two ways: it runs a network trained on a PC and
//! exported as a `const`, then trains a network of its own on the chip.
//!
//! ```text
//! cd examples/firmware && cargo run --release     # under QEMU (see .cargo/config.toml)
//! ```
//!
//! Built as embedded Rust firmware usually is: `cortex-m-rt` provides the vector table and the
//! start-up code (which copies the statics to RAM, turns the FPU on and calls `main`),
//! `panic-semihosting` reports a panic, and `cortex-m-semihosting` prints through the debugger,
//! here QEMU, and ends the run with a status. stacknet needs none of them; it needs no heap either.

#![no_std]
#![no_main]

use cortex_m_rt::entry;
use cortex_m_semihosting::{debug, hprintln};
use panic_semihosting as _;
use stacknet::{xor, Network, Sigmoid, Training};

// Written by `stacknet --seed 1 --dtype f32 --format rust > src/trained.rs` on a PC: the trained
// weights as a `const`, which the compiler places in flash. Left as the command line writes it.
#[rustfmt::skip]
mod trained;

/// Seed of the starting weights: the same run as `stacknet --seed 1 --dtype f32` on a PC, which
/// gives the same `Z`, bit for bit.
const SEED: u64 = 1;

#[entry]
fn main() -> ! {
    // The network trained on the PC: only `predict` runs here.
    let z = trained::TRAINED_NETWORK.predict(&xor::INPUTS.convert());
    hprintln!("the const network trained on a PC gives\n{z}");
    let const_learnt = xor::is_learnt(&z);

    // Training on the chip: the article's classic program, in f32 on the FPU.
    let mut network = Network::<2, 3, 1, Sigmoid, Sigmoid, f32>::random(
        &mut stacknet::fastrand::Rng::with_seed(SEED),
    );
    let (inputs, targets) = (xor::INPUTS.convert(), xor::TARGETS.convert());
    let trained_here = match network.train(
        &inputs,
        &targets,
        Training::CLASSIC,
        Training::CLASSIC_EPOCHS,
    ) {
        Ok(z) => {
            hprintln!(
                "trained on the chip for {} epochs:\n{z}",
                Training::CLASSIC_EPOCHS
            );
            // Each element in shortest round-trip form, as `stacknet --format json` writes it.
            let [[z0], [z1], [z2], [z3]] = *z.rows();
            hprintln!("Z exactly (f32): [[{z0:?}], [{z1:?}], [{z2:?}], [{z3:?}]]");
            xor::is_learnt(&z)
        }
        Err(diverged) => {
            hprintln!("training diverged: {diverged}");
            false
        }
    };

    hprintln!(
        "computes XOR: const network {}, trained here {}",
        const_learnt,
        trained_here
    );
    debug::exit(if const_learnt && trained_here {
        debug::EXIT_SUCCESS
    } else {
        debug::EXIT_FAILURE
    });
    // Under a debugger the run has ended; on a chip without one, wait here.
    loop {
        cortex_m::asm::wfi();
    }
}

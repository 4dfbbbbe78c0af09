//! Firmware that trains stacknet's XOR network on a bare 32-bit RISC-V chip, under QEMU.
//!
//! ```text
//! tests/embedded/run.sh      # builds this for two targets, runs each in QEMU, checks the results
//! cargo run --release --target riscv32imc-unknown-none-elf     # one run, from this folder
//! ```
//!
//! Nothing but stacknet: the start-up code, the trap handler and the output are written here.
//! The experiment is the Cortex-M firmware's, `../../shared/experiment.rs`: it trains the classic
//! 2-3-1 network from seed 1 for the article's 60000 epochs, in f64 and in f32, prints each `Z`,
//! runs the network of `tests/fixtures/trained_classic.rs` baked in as a `const`, and reports the
//! stack it used. It ends QEMU with exit status 0 only when every network computes XOR; a trap or
//! a panic ends it with 3 or 101.
//!
//! It runs in machine mode on QEMU's `virt` machine started with `-bios none`, which begins at
//! 0x80000000, where the linker script puts `_start`. Output and exit go through RISC-V
//! semihosting: an `ebreak` between two marker instructions, which QEMU answers.

#![no_std]
#![no_main]

use core::arch::{asm, global_asm};
use core::fmt::Write;

// The experiment, and every call into stacknet.
#[path = "../../shared/experiment.rs"]
mod experiment;
#[path = "../../shared/semihosting.rs"]
mod semihosting;

use semihosting::{exit, print};

/// The chip's name, set by run.sh when it builds for each target.
const CHIP: &str = match option_env!("STACKNET_CHIP") {
    Some(name) => name,
    None => "an unnamed RISC-V",
};

/// Exit status of a trap, besides 0 (learnt), 1 (not learnt) and 101 (a panic). Interrupts are
/// never enabled, so every trap is an exception: an illegal instruction, a bad memory access.
const EXIT_TRAP: u32 = 3;

global_asm!(
    // Power-on: a stack, a trap handler, then Rust. QEMU puts nothing else in the registers that
    // matters here (a0 is the hart, a1 the device tree).
    ".pushsection .start, \"ax\"",
    ".global _start",
    "_start:",
    "    la sp, __stack_top",
    "    la t0, trap_entry",
    "    csrw mtvec, t0",
    "    j reset",
    ".popsection",
    // The trap vector, in direct mode: mtvec's two low bits are the mode, so it is 4-byte
    // aligned, which a Rust function may not be on a chip with compressed instructions. The
    // handler only reports and exits, so it may start again from the top of the stack.
    ".pushsection .text.trap_entry, \"ax\"",
    ".balign 4",
    "trap_entry:",
    "    la sp, __stack_top",
    "    j trap",
    ".popsection",
    // Semihosting: QEMU recognises the three instructions only uncompressed (a compressed ebreak
    // hangs silently) and within one page, hence `norvc` and 16-byte alignment for 16 bytes.
    // Operation in a0, argument in a1; the result comes back in a0.
    ".pushsection .text.semihosting_call, \"ax\"",
    ".option push",
    ".option norvc",
    ".balign 16",
    ".global semihosting_call",
    "semihosting_call:",
    "    slli x0, x0, 0x1f",
    "    ebreak",
    "    srai x0, x0, 7",
    "    ret",
    ".option pop",
    ".popsection",
);

extern "C" {
    /// The semihosting sequence above, as a function.
    fn semihosting_call(operation: u32, argument: usize) -> usize;
}

/// Calls semihosting operation `operation` with `argument` in a1.
fn semihost(operation: u32, argument: usize) {
    // SAFETY: QEMU's semihosting reads the block `argument` points to and changes only a0.
    unsafe {
        semihosting_call(operation, argument);
    }
}

/// Runs after `_start`: sets up RAM, paints the stack, runs the experiment.
///
/// # Safety
/// Only `_start` calls this, once, with a stack and nothing else running.
#[no_mangle]
unsafe extern "C" fn reset() -> ! {
    experiment::initialise_ram();
    experiment::paint_free_stack();
    experiment::run()
}

/// The current stack pointer.
#[inline(always)]
fn stack_pointer() -> usize {
    let sp: usize;
    // SAFETY: reads a register, touches no memory.
    unsafe { asm!("mv {}, sp", out(reg) sp, options(nomem, nostack, preserves_flags)) };
    sp
}

/// For the feature `count`: exactly two instructions per iteration (subtract one, branch back unless zero), so
/// that run.sh can check QEMU's instruction count against a known one. `iterations` must be at
/// least 1.
#[cfg(feature = "count")]
#[inline(never)]
fn known_loop(iterations: u32) {
    // SAFETY: counts a register down to zero; touches no memory.
    unsafe {
        asm!("2:", "addi a0, a0, -1", "bnez a0, 2b", inout("a0") iterations => _, options(nomem, nostack));
    }
}

/// An illegal instruction, for the feature `deliberate-fault`: a trap.
#[cfg(feature = "deliberate-fault")]
fn deliberate_fault() {
    // SAFETY: none; this is the deliberate fault. `unimp` is defined to be illegal.
    unsafe { asm!("unimp") };
}

/// Any trap: says which (the privileged specification's `mcause`) and where, then exits.
#[no_mangle]
extern "C" fn trap() -> ! {
    let (cause, address): (usize, usize);
    // SAFETY: reads two machine-mode registers, touches no memory.
    unsafe {
        asm!("csrr {}, mcause", "csrr {}, mepc", out(reg) cause, out(reg) address,
            options(nomem, nostack));
    }
    let name = match cause {
        0 => "instruction address misaligned",
        1 => "instruction access fault",
        2 => "illegal instruction",
        3 => "breakpoint",
        4 => "load address misaligned",
        5 => "load access fault",
        6 => "store address misaligned",
        7 => "store access fault",
        11 => "environment call",
        _ => "another exception",
    };
    let mut out = experiment::Text::new();
    let _ = writeln!(out, "trap: {name} (mcause {cause}) at {address:#010x}");
    experiment::flush(&mut out);
    exit(EXIT_TRAP)
}

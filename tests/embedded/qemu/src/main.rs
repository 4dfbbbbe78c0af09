//! Firmware that trains stacknet's XOR network on a bare Cortex-M chip, under QEMU.
//!
//! ```text
//! tests/embedded/run.sh      # builds this for three chips, runs each in QEMU, checks the results
//! ```
//!
//! Nothing but stacknet: the vector table, the reset handler and the output are written here.
//! The experiment itself, shared with the RISC-V firmware, is `../../shared/experiment.rs`: it
//! trains the classic 2-3-1 network from seed 1 for the article's 60000 epochs, in f64 and in f32
//! (on the M4F's FPU), prints each `Z`, runs the network of `tests/fixtures/trained_classic.rs`
//! baked in as a `const`, and reports the stack it used. It ends QEMU with exit status 0 only when
//! every network computes XOR; a fault or a panic ends it with 3 or 101.
//!
//! Output and exit go through ARM semihosting: a `bkpt 0xAB` that QEMU answers.

#![no_std]
#![no_main]

use core::arch::asm;

// The experiment, and every call into stacknet.
#[path = "../../shared/experiment.rs"]
mod experiment;
#[path = "../../shared/semihosting.rs"]
mod semihosting;

use semihosting::{exit, print};

/// The chip's name, set by run.sh when it builds for each one.
const CHIP: &str = match option_env!("STACKNET_CHIP") {
    Some(name) => name,
    None => "an unnamed Cortex-M",
};

/// Exit statuses besides 0 (learnt), 1 (not learnt) and 101 (a panic).
const EXIT_HARD_FAULT: u32 = 3;
const EXIT_OTHER_EXCEPTION: u32 = 4;

/// The Cortex-M4F's Coprocessor Access Control Register, and its bits 20..23, which give full
/// access to the FPU (coprocessors 10 and 11).
#[cfg(target_abi = "eabihf")]
const CPACR: *mut u32 = 0xE000_ED88 as *mut u32;
#[cfg(target_abi = "eabihf")]
const CPACR_FPU_FULL_ACCESS: u32 = 0xF << 20;

type Handler = unsafe extern "C" fn() -> !;

/// The vector table after the initial stack pointer (which the linker script writes): reset, NMI,
/// HardFault, then the other 12 system exceptions, reserved slots included.
#[link_section = ".vectors"]
#[no_mangle]
#[used]
static VECTORS: [Handler; 15] = [
    reset,
    other_exception,
    hard_fault,
    other_exception,
    other_exception,
    other_exception,
    other_exception,
    other_exception,
    other_exception,
    other_exception,
    other_exception,
    other_exception,
    other_exception,
    other_exception,
    other_exception,
];

/// Runs at power-on: enables the FPU where there is one, sets up RAM, paints the stack, runs main.
///
/// # Safety
/// Only the hardware calls this, once, with interrupts off and nothing else running.
#[no_mangle]
unsafe extern "C" fn reset() -> ! {
    // The M4F starts with its FPU off, and the first floating-point instruction would fault.
    #[cfg(target_abi = "eabihf")]
    {
        CPACR.write_volatile(CPACR.read_volatile() | CPACR_FPU_FULL_ACCESS);
        asm!("dsb", "isb");
    }
    experiment::initialise_ram();
    experiment::paint_free_stack();
    // Out of line, so that nothing of it runs before the FPU is on.
    experiment::run()
}

/// The current stack pointer.
#[inline(always)]
fn stack_pointer() -> usize {
    let sp: usize;
    // SAFETY: reads a register, touches no memory.
    unsafe { asm!("mov {}, sp", out(reg) sp, options(nomem, nostack, preserves_flags)) };
    sp
}

/// Calls semihosting operation `operation` with `argument` in r1: a `bkpt 0xAB`.
fn semihost(operation: u32, argument: usize) {
    // SAFETY: QEMU's semihosting reads the block `argument` points to and changes only r0.
    unsafe {
        asm!("bkpt #0xab", inout("r0") operation => _, in("r1") argument, options(nostack));
    }
}

/// For the feature `count`: exactly two instructions per iteration (subtract one (setting the flags), branch back unless zero), so
/// that run.sh can check QEMU's instruction count against a known one. `iterations` must be at
/// least 1.
#[cfg(feature = "count")]
#[inline(never)]
fn known_loop(iterations: u32) {
    // SAFETY: counts a register down to zero; touches no memory.
    unsafe {
        asm!("2:", "subs r0, #1", "bne 2b", inout("r0") iterations => _, options(nomem, nostack));
    }
}

/// A bad memory access, for the feature `deliberate-fault`: a HardFault.
#[cfg(feature = "deliberate-fault")]
fn deliberate_fault() {
    // SAFETY: none; this is the deliberate fault. No memory is mapped at this address.
    unsafe {
        core::ptr::read_volatile(0x3FFF_FFF0 as *const u32);
    }
}

/// A HardFault: a bad memory access, an undefined instruction, or another fault escalated.
unsafe extern "C" fn hard_fault() -> ! {
    print("HardFault\n");
    exit(EXIT_HARD_FAULT)
}

unsafe extern "C" fn other_exception() -> ! {
    print("unexpected exception\n");
    exit(EXIT_OTHER_EXCEPTION)
}

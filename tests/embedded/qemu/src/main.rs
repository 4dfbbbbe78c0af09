//! Firmware that trains stacknet's XOR network on a bare Cortex-M chip, under QEMU.
//!
//! ```text
//! tests/embedded/run.sh      # builds this for three chips, runs each in QEMU, checks the results
//! ```
//!
//! Nothing but stacknet: the vector table, the reset handler and the output are written here.
//! The run trains the classic 2-3-1 network from seed 1 for the article's 60000 epochs, prints
//! `Z`, runs the network of `tests/fixtures/trained_classic.rs` (written by `stacknet --format
//! rust`) baked in as a `const`, and reports the stack it used. It ends QEMU with exit status 0
//! only when both networks compute XOR; a fault or a panic ends it with 3 or 101.
//!
//! Output and exit go through ARM semihosting: a `bkpt 0xAB` that QEMU answers.

#![no_std]
#![no_main]

use core::arch::asm;
use core::fmt::Write;
use core::ptr::{addr_of, addr_of_mut};

use stacknet::{xor, Network, TextBuffer, Variant};

// TRAINED_NETWORK and TRAINED_SETTINGS, as the command line wrote them.
include!("../../../fixtures/trained_classic.rs");

/// Seed of the starting weights; the same run as `stacknet --seed 1` on a PC.
const SEED: u64 = 1;

/// The chip's name, set by run.sh when it builds for each one.
const CHIP: &str = match option_env!("STACKNET_CHIP") {
    Some(name) => name,
    None => "an unnamed Cortex-M",
};

/// The word painted over the free stack at reset; a word that differs was used.
const STACK_PAINT: u32 = 0xDEAD_BEEF;

/// Semihosting operations (ARM's "Semihosting for AArch32 and AArch64").
const SYS_WRITE0: u32 = 0x04;
const SYS_EXIT_EXTENDED: u32 = 0x20;
/// `ADP_Stopped_ApplicationExit`: the reason given to SYS_EXIT_EXTENDED with an exit code.
const APPLICATION_EXIT: u32 = 0x2_0026;

/// Exit statuses besides 0 (learnt) and 1 (not learnt).
const EXIT_HARD_FAULT: u32 = 3;
const EXIT_OTHER_EXCEPTION: u32 = 4;
const EXIT_PANIC: u32 = 101;

/// The Cortex-M4F's Coprocessor Access Control Register, and its bits 20..23, which give full
/// access to the FPU (coprocessors 10 and 11).
#[cfg(target_abi = "eabihf")]
const CPACR: *mut u32 = 0xE000_ED88 as *mut u32;
#[cfg(target_abi = "eabihf")]
const CPACR_FPU_FULL_ACCESS: u32 = 0xF << 20;

extern "C" {
    static mut __bss_start: u32;
    static mut __bss_end: u32;
    static mut __data_start: u32;
    static mut __data_end: u32;
    static __data_load: u32;
    static mut __stack_bottom: u32;
    static __stack_top: u32;
}

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
    let mut word = addr_of_mut!(__bss_start);
    while word < addr_of_mut!(__bss_end) {
        word.write_volatile(0);
        word = word.add(1);
    }
    let (mut to, mut from) = (addr_of_mut!(__data_start), addr_of!(__data_load));
    while to < addr_of_mut!(__data_end) {
        to.write_volatile(from.read());
        to = to.add(1);
        from = from.add(1);
    }
    paint_free_stack();
    main()
}

/// The current stack pointer.
#[inline(always)]
fn stack_pointer() -> usize {
    let sp: usize;
    // SAFETY: reads a register, touches no memory.
    unsafe { asm!("mov {}, sp", out(reg) sp, options(nomem, nostack, preserves_flags)) };
    sp
}

/// Bytes left unpainted just below the painter's stack pointer: the compiler may read the
/// stack pointer before pushing this function's own saved registers, which then sit there.
const PAINT_MARGIN: usize = 64;

/// Paints every word between the bottom of the stack and a little below the stack pointer.
#[inline(never)]
fn paint_free_stack() {
    let top = (stack_pointer() - PAINT_MARGIN) as *mut u32;
    // SAFETY: the words below the stack pointer and above the statics belong to no one yet.
    unsafe {
        let mut word = addr_of_mut!(__stack_bottom);
        while word < top {
            word.write_volatile(STACK_PAINT);
            word = word.add(1);
        }
    }
}

/// The lowest address the stack has reached since it was painted: the first changed word.
fn stack_low_water() -> usize {
    // SAFETY: reads the stack region the linker script reserves, word by word.
    unsafe {
        let mut word = addr_of!(__stack_bottom);
        let top = addr_of!(__stack_top);
        while word < top && word.read_volatile() == STACK_PAINT {
            word = word.add(1);
        }
        word as usize
    }
}

/// Calls semihosting operation `operation` with `argument` in r1.
fn semihost(operation: u32, argument: usize) {
    // SAFETY: QEMU's semihosting reads the block `argument` points to and changes only r0.
    unsafe {
        asm!("bkpt #0xab", inout("r0") operation => _, in("r1") argument, options(nostack));
    }
}

/// Prints `text` on QEMU's standard output, in NUL-terminated pieces for SYS_WRITE0.
fn print(text: &str) {
    let mut piece = [0u8; 65];
    for chunk in text.as_bytes().chunks(piece.len() - 1) {
        piece[..chunk.len()].copy_from_slice(chunk);
        piece[chunk.len()] = 0;
        semihost(SYS_WRITE0, piece.as_ptr() as usize);
    }
}

/// Ends QEMU with exit status `code`.
fn exit(code: u32) -> ! {
    let block = [APPLICATION_EXIT, code];
    semihost(SYS_EXIT_EXTENDED, block.as_ptr() as usize);
    // Not reached under QEMU; on a chip without a debugger, wait for interrupts that never come.
    loop {
        // SAFETY: `wfi` only waits.
        unsafe { asm!("wfi") };
    }
}

/// Text built on the stack with `write!`.
type Text = TextBuffer<512>;

/// Prints the text and empties the buffer.
fn flush(text: &mut Text) {
    print(text.as_str());
    text.clear();
}

/// The experiment, in a function of its own so that nothing of it runs before the FPU is on.
#[inline(never)]
fn main() -> ! {
    let mut out = Text::new();
    let variant = Variant::Classic;
    let epochs = variant.article_epochs();
    let _ = writeln!(
        out,
        "stacknet on {CHIP}: classic 2-3-1, seed {SEED}, {epochs} epochs"
    );
    flush(&mut out);

    #[cfg(feature = "deliberate-fault")]
    // SAFETY: none; this is the deliberate fault. No memory is mapped at this address.
    unsafe {
        core::ptr::read_volatile(0x3FFF_FFF0 as *const u32);
    }
    #[cfg(feature = "deliberate-panic")]
    panic!("deliberate panic");

    // Stack used by the training call alone: from the stack pointer at the call down to the
    // deepest word it changed, after painting everything below. The deepest point so far is
    // kept first, for the whole program's figure.
    let mut network = Network::<2, 3, 1>::random(&mut stacknet::fastrand::Rng::with_seed(SEED));
    let low_water_before_training = stack_low_water();
    let sp_at_call = stack_pointer();
    paint_free_stack();
    let z = library_train(&mut network, variant, epochs);
    let training_stack = sp_at_call - stack_low_water();

    let learnt = xor::is_learnt(&z);
    let _ = writeln!(out, "Z =\n{z}");
    flush(&mut out);
    // Full precision, in the form of `stacknet --format json`: run.sh compares it with the PC's.
    let [[z0], [z1], [z2], [z3]] = *z.rows();
    let _ = writeln!(out, "Z exactly: [[{z0:?}], [{z1:?}], [{z2:?}], [{z3:?}]]");
    flush(&mut out);

    let baked = library_predict(&TRAINED_NETWORK, TRAINED_SETTINGS);
    let baked_learnt = xor::is_learnt(&baked);
    let _ = writeln!(
        out,
        "baked-in const network (tests/fixtures/trained_classic.rs) =\n{baked}"
    );
    flush(&mut out);

    // The whole program: from the top of RAM down to the deepest word ever changed.
    let deepest = stack_low_water().min(low_water_before_training);
    let whole_stack = addr_of!(__stack_top) as usize - deepest;
    let _ = writeln!(
        out,
        "stack: training call {training_stack} bytes, whole program {whole_stack} bytes"
    );
    let verdict = |ok: bool| if ok { "yes" } else { "NO" };
    let _ = writeln!(
        out,
        "learnt XOR: trained {}, baked-in {}",
        verdict(learnt),
        verdict(baked_learnt)
    );
    flush(&mut out);
    exit(if learnt && baked_learnt { 0 } else { 1 })
}

/// stacknet's training, kept out of line so that its code has a symbol of its own to measure
/// (run.sh counts symbols named `library_` with stacknet's).
#[inline(never)]
fn library_train(
    network: &mut Network<2, 3, 1>,
    variant: Variant,
    epochs: u32,
) -> stacknet::Matrix<4, 1> {
    core::hint::black_box(network).train(&xor::INPUTS, &xor::TARGETS, variant, epochs)
}

/// stacknet's inference, out of line for the same reason.
#[inline(never)]
fn library_predict(
    network: &Network<2, 3, 1>,
    settings: stacknet::Settings,
) -> stacknet::Matrix<4, 1> {
    core::hint::black_box(network).predict(&xor::INPUTS, settings)
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

#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    let mut out = Text::new();
    let _ = writeln!(out, "panic: {}", info.message());
    flush(&mut out);
    exit(EXIT_PANIC)
}

//! Proof that stacknet needs neither std nor a heap: a `no_std`, `no_main` Linux program, with
//! its own entry point and panic handler and no allocator, that trains the article's network, in
//! `f64` and in `f32`.
//!
//! Its runs are also the PC's for tests/embedded/run.sh: it checks that the firmware's
//! `Z exactly (f32): [[...]]` line is bit for bit the one printed here, and that the AVR
//! firmware's `Z bits: [[0x...]...]` and `Z bits (f32): ...` lines, which print bit patterns, are
//! the ones printed here. Built with `STACKNET_EPOCHS=N` it trains for N epochs instead of the
//! article's 60000, as the AVR firmware does in f64; with the feature `table-free-f64-exp`, it
//! trains with stacknet's f64 exp without a table, as the ATmega328P's f64 firmware does.
//!
//! ```text
//! cd tests/embedded/host && cargo run --release    # prints the result, exits 0 if XOR was learnt
//! ```
//!
//! Output and exit go straight to the kernel through `syscall`, since there is no std to do it.

#![no_std]
#![no_main]

#[cfg(feature = "leak-std")]
extern crate std;

#[cfg(feature = "leak-alloc")]
extern crate alloc;

use core::fmt::Write;

use stacknet::{xor, Matrix, Network, Sigmoid, TextBuffer, Training};

/// Linux x86_64 system call numbers.
const SYS_WRITE: usize = 1;
const SYS_EXIT_GROUP: usize = 231;
const STDOUT: usize = 1;

/// Seed of the starting weights; the same run as `stacknet --seed 1`.
const SEED: u64 = 1;

// The kernel starts a process at `_start` with the stack pointer 16-byte aligned and no return
// address; clear the frame pointer, keep the alignment a call expects, and go to Rust.
core::arch::global_asm!(
    ".globl _start",
    "_start:",
    "xor ebp, ebp",
    "and rsp, -16",
    "call stacknet_host_main",
    "ud2",
);

/// Writes all of `bytes` to stdout.
fn write_stdout(bytes: &[u8]) {
    let mut rest = bytes;
    while !rest.is_empty() {
        let written: isize;
        // SAFETY: write(2) reads `rest.len()` bytes from a valid slice; rcx and r11 are clobbered
        // by `syscall`.
        unsafe {
            core::arch::asm!(
                "syscall",
                inlateout("rax") SYS_WRITE as isize => written,
                in("rdi") STDOUT,
                in("rsi") rest.as_ptr(),
                in("rdx") rest.len(),
                lateout("rcx") _,
                lateout("r11") _,
                options(nostack),
            );
        }
        if written <= 0 {
            return;
        }
        rest = &rest[written as usize..];
    }
}

fn exit(code: i32) -> ! {
    // SAFETY: exit_group(2) does not return.
    unsafe {
        core::arch::asm!("syscall", in("rax") SYS_EXIT_GROUP, in("rdi") code as isize, options(noreturn, nostack));
    }
}

#[no_mangle]
extern "C" fn stacknet_host_main() -> ! {
    #[cfg(feature = "leak-alloc")]
    core::hint::black_box(alloc::vec![1u8; 4]);

    let mut network = Network::<2, 3, 1>::random(&mut fastrand_seeded());
    // The epochs set at build time, if any; a value that is not a number is a mistake in run.sh.
    let epochs = match option_env!("STACKNET_EPOCHS").map(str::parse) {
        None => Training::CLASSIC_EPOCHS,
        Some(Ok(epochs)) => epochs,
        Some(Err(_)) => {
            write_stdout(b"no_std host proof: STACKNET_EPOCHS is not a whole number\n");
            exit(2)
        }
    };
    let trained = network.train(&xor::INPUTS, &xor::TARGETS, Training::CLASSIC, epochs);
    // The classic program cannot diverge from weights in [0, 1); if it did, say so.
    let z = trained.unwrap_or_else(|_| Matrix::from_rows([[f64::NAN]; 4]));
    let learnt = xor::is_learnt(&z);
    let mut line = TextBuffer::<512>::new();
    let verdict = if learnt {
        "learnt XOR"
    } else {
        "did NOT learn XOR"
    };
    let [[z0], [z1], [z2], [z3]] = *z.rows();
    let _ = write!(
        line,
        "no_std host proof: seed {SEED}, classic, {epochs} epochs:\n{z}\n{verdict}\n\
         Z exactly: [[{z0:?}], [{z1:?}], [{z2:?}], [{z3:?}]]\n\
         Z bits: [[{:#018x}], [{:#018x}], [{:#018x}], [{:#018x}]]\n",
        z0.to_bits(),
        z1.to_bits(),
        z2.to_bits(),
        z3.to_bits(),
    );
    write_stdout(line.as_bytes());

    // The same in single precision; its `Z` in shortest round-trip form (`{:?}`, which reads back
    // to the same bits) is what the firmware's f32 training must print.
    let mut network = Network::<2, 3, 1, Sigmoid, Sigmoid, f32>::random(&mut fastrand_seeded());
    let trained = network.train(
        &xor::INPUTS.convert(),
        &xor::TARGETS.convert(),
        Training::CLASSIC,
        epochs,
    );
    let z = trained.unwrap_or_else(|_| Matrix::from_rows([[f32::NAN]; 4]));
    let learnt_f32 = xor::is_learnt(&z);
    let verdict = if learnt_f32 {
        "learnt XOR"
    } else {
        "did NOT learn XOR"
    };
    let [[z0], [z1], [z2], [z3]] = *z.rows();
    line.clear();
    let _ = write!(
        line,
        "in f32:\n{z}\n{verdict}\nZ exactly (f32): [[{z0:?}], [{z1:?}], [{z2:?}], [{z3:?}]]\n\
         Z bits (f32): [[{:#010x}], [{:#010x}], [{:#010x}], [{:#010x}]]\n",
        z0.to_bits(),
        z1.to_bits(),
        z2.to_bits(),
        z3.to_bits(),
    );
    write_stdout(line.as_bytes());
    exit(if learnt && learnt_f32 { 0 } else { 1 })
}

/// The generator for the starting weights, through stacknet's re-export of fastrand.
fn fastrand_seeded() -> stacknet::fastrand::Rng {
    stacknet::fastrand::Rng::with_seed(SEED)
}

/// The prebuilt `core` refers to an unwinding personality routine; with `panic = "abort"` nothing
/// unwinds, so it is never called, but the linker still needs the name.
#[no_mangle]
extern "C" fn rust_eh_personality() {}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    write_stdout(b"no_std host proof: panicked\n");
    exit(101)
}

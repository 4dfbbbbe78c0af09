//! Output and exit through semihosting, which QEMU answers; the same operations on ARM and RISC-V.
//!
//! ```text
//! #[path = "../../shared/semihosting.rs"]
//! mod semihosting;            // beside `fn semihost(operation: u32, argument: usize)`
//! ```
//!
//! The including crate root provides `semihost`, the chip's instruction sequence that hands
//! `operation` and `argument` to the debugger (QEMU). Operations and their numbers are from ARM's
//! "Semihosting for AArch32 and AArch64", which RISC-V's semihosting specification reuses.

use super::semihost;

const SYS_WRITE0: u32 = 0x04;
#[cfg(feature = "count")]
const SYS_GET_CMDLINE: u32 = 0x15;
const SYS_EXIT_EXTENDED: u32 = 0x20;
/// `ADP_Stopped_ApplicationExit`: the reason given to SYS_EXIT_EXTENDED with an exit code.
const APPLICATION_EXIT: u32 = 0x2_0026;

/// Prints `text` on QEMU's standard output, in NUL-terminated pieces for SYS_WRITE0.
pub fn print(text: &str) {
    let mut piece = [0u8; 65];
    for chunk in text.as_bytes().chunks(piece.len() - 1) {
        piece[..chunk.len()].copy_from_slice(chunk);
        piece[chunk.len()] = 0;
        semihost(SYS_WRITE0, piece.as_ptr() as usize);
    }
}

/// The command line QEMU hands the program (`-semihosting-config arg=WORD,arg=WORD...`, words
/// joined by spaces), read into `buffer`; empty if it does not fit or is not UTF-8.
#[cfg(feature = "count")]
pub fn command_line(buffer: &mut [u8]) -> &str {
    // SYS_GET_CMDLINE writes the text into the buffer and its length into the block's second word.
    let mut block = [buffer.as_mut_ptr() as usize, buffer.len()];
    semihost(SYS_GET_CMDLINE, block.as_mut_ptr() as usize);
    let length = block[1].min(buffer.len());
    core::str::from_utf8(&buffer[..length]).unwrap_or("")
}

/// Ends QEMU with exit status `code`.
pub fn exit(code: u32) -> ! {
    let block = [APPLICATION_EXIT, code];
    semihost(SYS_EXIT_EXTENDED, block.as_ptr() as usize);
    // Not reached under QEMU; on a chip without a debugger, wait for interrupts that never come.
    loop {
        // SAFETY: `wfi` (on ARM and RISC-V alike) only waits.
        unsafe { core::arch::asm!("wfi") };
    }
}

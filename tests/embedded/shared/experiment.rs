//! The experiment that every bare-metal firmware runs, whatever the chip: train, print, measure.
//!
//! ```text
//! #[path = "../../shared/experiment.rs"]
//! mod experiment;             // in the firmware's main.rs, which provides what is listed below
//! ```
//!
//! Included by tests/embedded/qemu (Cortex-M) and tests/embedded/riscv (RISC-V). It trains the
//! classic 2-3-1 network from seed 1 for the article's 60000 epochs, in `f64` and then in `f32`
//! (one generic function, [`train_and_measure`], run in each precision), prints each `Z`, runs the
//! network of `tests/fixtures/trained_classic.rs` (written by `stacknet --format rust`) baked in as
//! a `const`, and reports the stack it used. Every call into stacknet is in this file, most of them
//! in the section marked "Calls into stacknet" at the end.
//!
//! The including crate root provides, for its chip:
//! - `CHIP: &str`, the chip's name;
//! - `fn stack_pointer() -> usize`, inlined always;
//! - `fn print(text: &str)` and `fn exit(code: u32) -> !`, through semihosting;
//! - `fn deliberate_fault()`, under the feature `deliberate-fault`, which must trap;
//! - a linker script defining `__bss_start`, `__bss_end`, `__data_start`, `__data_end`,
//!   `__data_load` (word aligned), and `__stack_bottom`, `__stack_top` around the stack;
//! - under the feature `count`, `fn known_loop(iterations: u32)`: a loop of exactly two
//!   instructions per iteration, in assembly.
//!
//! Built with the feature `count`, the firmware runs neither the experiment nor any printing, but
//! only what the semihosting command line asks for: `train EPOCHS` or `loop ITERATIONS` (see
//! [`run`] at the end of this file). run.sh counts the instructions QEMU executes for two epoch
//! counts; their difference is the instructions of the epochs between, without start-up.

// The `count` build runs only its own `run`; the experiment stays compiled, unused.
#![cfg_attr(feature = "count", allow(dead_code, unused_imports))]

use core::fmt::Write;
use core::ptr::{addr_of, addr_of_mut};

// The first of the calls into stacknet; the rest are listed at the end of this file.
use stacknet::{xor, Matrix, Network, TextBuffer, Training};
#[cfg(not(feature = "predict-only"))]
use stacknet::{Float, Sigmoid};

use super::{exit, print, stack_pointer, CHIP};

// TRAINED_NETWORK, as the command line wrote it: weights and activations, all `predict` needs.
include!("../../fixtures/trained_classic.rs");

/// Seed of the starting weights; the same run as `stacknet --seed 1` on a PC.
const SEED: u64 = 1;

/// The word painted over the free stack at reset; a word that differs was used.
const STACK_PAINT: u32 = 0xDEAD_BEEF;

/// Exit status of a Rust panic (as a panicking Rust program on a PC).
pub const EXIT_PANIC: u32 = 101;

extern "C" {
    static mut __bss_start: u32;
    static mut __bss_end: u32;
    static mut __data_start: u32;
    static mut __data_end: u32;
    static __data_load: u32;
    static mut __stack_bottom: u32;
    static __stack_top: u32;
}

/// Zeroes `.bss` and copies `.data`'s initial values from flash to RAM.
///
/// # Safety
/// Call once, at reset, before anything reads a static.
pub unsafe fn initialise_ram() {
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
}

/// Bytes left unpainted just below the painter's stack pointer: the compiler may read the
/// stack pointer before pushing this function's own saved registers, which then sit there.
const PAINT_MARGIN: usize = 64;

/// Paints every word between the bottom of the stack and a little below the stack pointer.
#[inline(never)]
pub fn paint_free_stack() {
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

/// Text built on the stack with `write!`.
pub type Text = TextBuffer<512>;

/// Prints the text and empties the buffer.
pub fn flush(text: &mut Text) {
    print(text.as_str());
    text.clear();
}

/// The experiment. Ends QEMU with exit status 0 only when both networks compute XOR, else 1.
/// Out of line, so that nothing of it runs before the reset handler has readied the chip.
#[cfg(not(feature = "count"))]
#[inline(never)]
pub fn run() -> ! {
    let mut out = Text::new();
    let epochs = Training::CLASSIC_EPOCHS;
    if cfg!(feature = "predict-only") {
        let _ = writeln!(out, "stacknet on {CHIP}: the baked-in network only");
    } else {
        let _ = writeln!(
            out,
            "stacknet on {CHIP}: classic 2-3-1, seed {SEED}, {epochs} epochs"
        );
    }
    flush(&mut out);

    #[cfg(feature = "deliberate-fault")]
    super::deliberate_fault();
    #[cfg(feature = "deliberate-panic")]
    panic!("deliberate panic");

    // A predict-only image leaves training out, so that run.sh can measure what running a
    // network trained elsewhere costs in flash; the features `f64` and `f32` keep one precision.
    let low_water_before_training = stack_low_water();
    #[cfg_attr(feature = "predict-only", allow(unused_mut))]
    let mut learnt = true;
    #[cfg(not(feature = "predict-only"))]
    {
        if TRAINS_F64 {
            learnt &= train_and_measure::<f64>(&mut out, epochs);
        }
        if TRAINS_F32 {
            learnt &= train_and_measure::<f32>(&mut out, epochs);
        }
    }

    let baked = library_predict(&TRAINED_NETWORK);
    let baked_learnt = xor::is_learnt(&baked);
    let _ = writeln!(
        out,
        "baked-in const network (tests/fixtures/trained_classic.rs) =\n{baked}"
    );
    flush(&mut out);

    // The whole program: from the top of RAM down to the deepest word ever changed.
    let deepest = stack_low_water().min(low_water_before_training);
    let whole_stack = addr_of!(__stack_top) as usize - deepest;
    let _ = writeln!(out, "stack: whole program {whole_stack} bytes");
    let _ = writeln!(out, "computes XOR: baked-in {}", verdict(baked_learnt));
    flush(&mut out);
    exit(if learnt && baked_learnt { 0 } else { 1 })
}

/// `yes` or `NO`, for the output's verdicts.
fn verdict(ok: bool) -> &'static str {
    if ok {
        "yes"
    } else {
        "NO"
    }
}

/// Whether the image trains in `f64`, and in `f32`: both, unless the feature `f64` or `f32` keeps
/// one alone (for run.sh's flash of each; in the `count` build, `f32` chooses the precision).
#[cfg(not(feature = "predict-only"))]
const TRAINS_F64: bool = cfg!(feature = "f64") || !cfg!(feature = "f32");
#[cfg(not(feature = "predict-only"))]
const TRAINS_F32: bool = cfg!(feature = "f32") || !cfg!(feature = "f64");

/// Trains the classic network from seed `SEED` in precision `T`, prints its `Z` (in full
/// precision too, for run.sh to compare with the PC's), and measures and prints the stack the
/// training call used. Returns whether it learnt XOR.
///
/// The lines it prints name the precision unless it is `f64`, the article's: `Z exactly: [[...]]`
/// and `Z exactly (f32): [[...]]`, each element in shortest round-trip form (`{:?}`), which reads
/// back to the same bits; `stack: training call N bytes` and `stack: training call (f32) N bytes`.
#[cfg(not(feature = "predict-only"))]
fn train_and_measure<T: Precision>(out: &mut Text, epochs: u32) -> bool {
    let suffix = T::SUFFIX;
    let mut network = Network::<2, 3, 1, Sigmoid, Sigmoid, T>::random(
        &mut stacknet::fastrand::Rng::with_seed(SEED),
    );
    let (inputs, targets) = (xor::INPUTS.convert(), xor::TARGETS.convert());
    // Stack used by the training call alone: from the stack pointer at the call down to the
    // deepest word it changed, after painting everything below.
    let sp_at_call = stack_pointer();
    paint_free_stack();
    let z = T::library_train(&mut network, &inputs, &targets, epochs);
    let training_stack = sp_at_call - stack_low_water();

    let learnt = xor::is_learnt(&z);
    let _ = writeln!(out, "Z{suffix} =\n{z}");
    flush(out);
    // Full precision, in the form of `stacknet --format json`: run.sh compares it with the PC's.
    let [[z0], [z1], [z2], [z3]] = *z.rows();
    let _ = writeln!(
        out,
        "Z exactly{suffix}: [[{z0:?}], [{z1:?}], [{z2:?}], [{z3:?}]]"
    );
    let _ = writeln!(out, "stack: training call{suffix} {training_stack} bytes");
    let _ = writeln!(out, "learnt XOR{suffix}: {}", verdict(learnt));
    flush(out);
    learnt
}

/// The `count` build's program, in place of the experiment: does what the semihosting command
/// line's last two words say, and nothing else, then ends QEMU with status 0 (1 if it did not
/// understand them, or training gave NaN).
/// - `train EPOCHS`: trains the classic network from seed `SEED` for EPOCHS epochs. The
///   instructions of two such runs differ by those of the epochs between them alone.
/// - `loop ITERATIONS`: runs the chip's `known_loop`, two instructions per iteration, with which
///   run.sh checks that QEMU's count is one per instruction.
#[cfg(all(feature = "count", not(feature = "predict-only")))]
#[inline(never)]
pub fn run() -> ! {
    let mut buffer = [0u8; 128];
    let line = super::semihosting::command_line(&mut buffer);
    let mut words = line.rsplit(' ');
    let (number, what) = (words.next(), words.next());
    let ok = match (what, number.and_then(|number| number.parse::<u32>().ok())) {
        (Some("train"), Some(epochs)) => library_train_counted(epochs),
        (Some("loop"), Some(iterations)) => {
            super::known_loop(iterations);
            true
        }
        _ => false,
    };
    exit(if ok { 0 } else { 1 })
}

#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    let mut out = Text::new();
    let _ = writeln!(out, "panic: {}", info.message());
    flush(&mut out);
    exit(EXIT_PANIC)
}

// ---- Calls into stacknet ------------------------------------------------------------------------
// Besides the functions below, the firmware uses `TextBuffer`, `Training::CLASSIC_EPOCHS`,
// `Network::random`, `xor::is_learnt`, `Matrix::rows`, `Matrix::convert` and `Display`, the trait
// `Float`, and, in the included fixture, `Network::from_weights` and `Matrix::from_rows`. Every
// network here is sigmoid only, so no other activation is compiled in.

/// A precision the experiment trains in, with stacknet's training for it out of line under a
/// name of its own, `<f32 as ...::Precision>::library_train`: run.sh counts symbols named
/// `library_` with stacknet's, and disassembles the `f32` one to check that the Cortex-M4F's
/// training uses its floating-point unit.
#[cfg(not(feature = "predict-only"))]
trait Precision: Float {
    /// What the experiment's output lines add after `Z` for this precision.
    const SUFFIX: &'static str;
    /// NaN, which `Z` is if training diverges.
    const NAN: Self;

    /// Trains `network` on `inputs` and `targets` with the classic program for `epochs`.
    fn library_train(
        network: &mut Network<2, 3, 1, Sigmoid, Sigmoid, Self>,
        inputs: &Matrix<4, 2, Self>,
        targets: &Matrix<4, 1, Self>,
        epochs: u32,
    ) -> Matrix<4, 1, Self>;
}

#[cfg(not(feature = "predict-only"))]
impl Precision for f64 {
    const SUFFIX: &'static str = "";
    const NAN: Self = f64::NAN;

    #[inline(never)]
    fn library_train(
        network: &mut Network<2, 3, 1, Sigmoid, Sigmoid, Self>,
        inputs: &Matrix<4, 2, Self>,
        targets: &Matrix<4, 1, Self>,
        epochs: u32,
    ) -> Matrix<4, 1, Self> {
        train_classic(network, inputs, targets, epochs)
    }
}

#[cfg(not(feature = "predict-only"))]
impl Precision for f32 {
    const SUFFIX: &'static str = " (f32)";
    const NAN: Self = f32::NAN;

    #[inline(never)]
    fn library_train(
        network: &mut Network<2, 3, 1, Sigmoid, Sigmoid, Self>,
        inputs: &Matrix<4, 2, Self>,
        targets: &Matrix<4, 1, Self>,
        epochs: u32,
    ) -> Matrix<4, 1, Self> {
        train_classic(network, inputs, targets, epochs)
    }
}

/// stacknet's training, the body of both [`Precision::library_train`]s.
/// The classic program cannot diverge from weights in [0, 1); were it to, `Z` is NaN, which
/// fails both the XOR check and run.sh's comparison with the PC.
#[cfg(not(feature = "predict-only"))]
#[inline(always)]
fn train_classic<T: Precision>(
    network: &mut Network<2, 3, 1, Sigmoid, Sigmoid, T>,
    inputs: &Matrix<4, 2, T>,
    targets: &Matrix<4, 1, T>,
    epochs: u32,
) -> Matrix<4, 1, T> {
    core::hint::black_box(network)
        .train(inputs, targets, Training::CLASSIC, epochs)
        .unwrap_or(Matrix::from_rows([[T::NAN]; 4]))
}

/// The precision the count build trains in: `f32` under the feature `f32`, else `f64`.
#[cfg(all(feature = "count", feature = "f32"))]
type CountedScalar = f32;
#[cfg(all(feature = "count", not(feature = "f32")))]
type CountedScalar = f64;

/// The count build's training: the classic network from seed `SEED` for `epochs` epochs, in
/// [`CountedScalar`]. Returns whether the outputs are numbers.
#[cfg(feature = "count")]
#[inline(never)]
fn library_train_counted(epochs: u32) -> bool {
    let mut rng = stacknet::fastrand::Rng::with_seed(SEED);
    let mut network =
        Network::<2, 3, 1, stacknet::Sigmoid, stacknet::Sigmoid, CountedScalar>::random(&mut rng);
    let (inputs, targets) = (xor::INPUTS.convert(), xor::TARGETS.convert());
    core::hint::black_box(&mut network)
        .train(&inputs, &targets, Training::CLASSIC, epochs)
        .is_ok()
}

/// stacknet's inference, out of line for the same reason.
#[inline(never)]
fn library_predict(network: &Network<2, 3, 1>) -> Matrix<4, 1> {
    core::hint::black_box(network).predict(&xor::INPUTS)
}
